/* plan-set: set a strategic target for a team, region, segment or product. */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "input.h"
#include "intern.h"
#include "money.h"
#include "period.h"
#include "quota.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "txn.h"

static const char usage[] =
    "usage: plan-set PERIOD DIMENSION KEY TARGET [--metric METRIC] [-nq] [-D DIR]\n"
    "                [--today DATE]\n"
    "       plan-set --from FILE [--ignore-extra] [-nq] [-D DIR] [--today DATE]\n";

enum { F_PERIOD, F_DIMENSION, F_KEY, F_METRIC, F_TARGET, NFIELDS };
static const char *const fields[NFIELDS] = {
	"period", "dimension", "key", "metric", "target"
};

static const char *
value(const char *v)
{
	return v ? v : "";
}

/* Is v one of the values plans.tsv allows in column col? */
static int
one_of(const char *col, const char *v)
{
	return schema_check_value(&schema_plans.cols[schema_col(&schema_plans, col)],
	    v) == NULL;
}

/* The period a plan is for, canonical in period; 1 if bad (reported). */
static int
bad_period(struct input *in, const char *s, date_t today, int fys, char *period)
{
	struct period p;

	if (!*s) {
		input_error(in, "no period given");
		return 1;
	}
	if (period_parse(s, today, fys, &p) < 0) {
		input_error(in, "period '%.64s' is not a period (see salesmgr(7) for periods)",
		    s);
		return 1;
	}
	if (p.kind == PERIOD_DAY || p.kind == PERIOD_RANGE) {
		input_error(in, "period '%.64s' is a %s; a plan period is a week, month, "
		    "quarter, year or fiscal year", s, p.kind == PERIOD_DAY ? "day" : "range");
		return 1;
	}
	strcpy(period, p.name);
	return 0;
}

/* The dimension and its key; team keys must be teams. */
static int
bad_key(struct input *in, const char *dim, const char *key, const struct table *teams)
{
	const char *ids[NFIELDS] = { 0 };

	if (!*dim) {
		input_error(in, "no dimension given");
		return 1;
	}
	if (!one_of("dimension", dim)) {
		input_error(in, "unknown dimension '%.64s' (want team, region, segment or "
		    "product)", dim);
		return 1;
	}
	if (!*key) {
		input_error(in, "no key given");
		return 1;
	}
	ids[F_KEY] = key;
	if (input_check(in, &schema_plans, fields, ids))
		return 1;
	return strcmp(dim, "team") == 0 && roster_check_team(in, teams, key);
}

/* Check one record, reporting every problem; canonical period and target. */
static int
bad_record(struct input *in, const char **v, date_t today, int fys,
	   const struct table *teams, char *period, char *target)
{
	const char *why;
	int bad;

	bad = bad_period(in, value(v[F_PERIOD]), today, fys, period);
	bad |= bad_key(in, value(v[F_DIMENSION]), value(v[F_KEY]), teams);
	if (!one_of("metric", v[F_METRIC])) {
		input_error(in, "unknown metric '%.64s' (want revenue, deals or new-accounts)",
		    v[F_METRIC]);
		return 1;
	}
	if (!*value(v[F_TARGET])) {
		input_error(in, "no target given");
		return 1;
	}
	if ((why = quota_target(v[F_METRIC], v[F_TARGET], target))) {
		input_error(in, "target '%.64s' %s", v[F_TARGET], why);
		return 1;
	}
	return bad;
}

/* Set the target of (period, dimension, key, metric); QUOTA_ADDED,
 * QUOTA_REPLACED or QUOTA_SAME, with the line for the log. */
static int
plan_put(struct table *plans, const char *const *k, const char *target, struct buf *log)
{
	int c[NFIELDS];
	size_t i, j;

	for (j = 0; j < NFIELDS; j++)
		c[j] = table_col_add(plans, fields[j]);
	for (i = 0; i < plans->nrows; i++) {
		for (j = 0; j < F_TARGET && strcmp(table_get(plans, i, c[j]), k[j]) == 0; j++)
			;
		if (j < F_TARGET)
			continue;
		if (strcmp(table_get(plans, i, c[F_TARGET]), target) == 0)
			return QUOTA_SAME;
		buf_printf(log, "replace plan %s %s %s %s %s (was %s)\n", k[F_PERIOD],
		    k[F_DIMENSION], k[F_KEY], k[F_METRIC], target,
		    table_get(plans, i, c[F_TARGET]));
		table_set(plans, i, c[F_TARGET], target);
		return QUOTA_REPLACED;
	}
	i = table_add_row(plans);
	for (j = 0; j < F_TARGET; j++)
		table_set(plans, i, c[j], k[j]);
	table_set(plans, i, c[F_TARGET], target);
	buf_printf(log, "set plan %s %s %s %s %s\n", k[F_PERIOD], k[F_DIMENSION], k[F_KEY],
	    k[F_METRIC], target);
	return QUOTA_ADDED;
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_WRITE, CLI_FROM,
		{ "metric", required_argument, NULL, CLI_OWN + F_METRIC },
		{ 0 }
	};
	const char *opt[NFIELDS] = { 0 }, *v[NFIELDS], *k[NFIELDS];
	char period[sizeof ((struct period *)0)->name], target[MONEY_BUFSZ];
	struct table *cfg, *teams, *plans;
	struct buf log = BUF_INIT, key = BUF_INIT, msg = BUF_INIT;
	struct intern *seen = intern_new();
	size_t added = 0, replaced = 0, same = 0;
	struct cli cli = { 0 };
	struct store *s;
	struct input *in;
	struct txn x;
	date_t today;
	char *line, *nl;
	int c, fys;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:hnq", opts, NULL)) != -1) {
		if (c == CLI_OWN + F_METRIC)
			opt[F_METRIC] = optarg;
		else
			cli_common(&cli, c, usage);
	}
	if (cli.from ? optind != argc : argc - optind != 4)
		die_usage(usage);
	if (!cli.from) {
		opt[F_PERIOD] = argv[optind];
		opt[F_DIMENSION] = argv[optind + 1];
		opt[F_KEY] = argv[optind + 2];
		opt[F_TARGET] = argv[optind + 3];
	}
	today = date_today(cli.today);
	/* Input first: in `plan-list | plan-set --from -` the reader must get
	 * its shared lock and write its header before we wait for ours. */
	in = input_open(cli.from, fields, NFIELDS,
	    cli.ignore_extra ? INPUT_CREATE | INPUT_IGNORE_EXTRA : INPUT_CREATE);

	s = store_open(cli.data_dir, STORE_WRITE);
	cfg = config_load(s);
	fys = config_fiscal_start(cfg);
	teams = store_load(s, "teams.tsv");
	plans = store_load(s, "plans.tsv");
	while (input_next(in, opt, v)) {
		if (!v[F_METRIC] || !*v[F_METRIC])
			v[F_METRIC] = "revenue";
		if (bad_record(in, v, today, fys, teams, period, target))
			continue;
		k[F_PERIOD] = period;
		k[F_DIMENSION] = v[F_DIMENSION];
		k[F_KEY] = v[F_KEY];
		k[F_METRIC] = v[F_METRIC];
		/* Two rows for one target: which one was meant is anyone's guess. */
		buf_reset(&key);
		buf_printf(&key, "%s\t%s\t%s\t%s", period, k[F_DIMENSION], k[F_KEY],
		    k[F_METRIC]);
		if (intern_get(seen, key.data, key.len) >= 0) {
			input_error(in, "plan %s %s %s %s is set twice in the input", period,
			    k[F_DIMENSION], k[F_KEY], k[F_METRIC]);
			continue;
		}
		intern_add(seen, key.data, key.len);
		switch (plan_put(plans, k, target, &log)) {
		case QUOTA_ADDED: added++; break;
		case QUOTA_REPLACED: replaced++; break;
		default: same++;
		}
	}
	if (input_close(in))
		die("nothing was changed");

	txn_begin(&x, s, cli.dry_run);
	for (line = log.data; line && (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		txn_log(&x, "%s", line);
	}
	if (x.changes)
		txn_table(&x, &schema_plans, plans);
	txn_commit(&x);
	close_stdout();
	if (!cli.dry_run) {
		buf_printf(&msg, "set %zu plan target%s", added + replaced,
		    added + replaced == 1 ? "" : "s");
		if (replaced)
			buf_printf(&msg, ", replaced %zu", replaced);
		if (same)
			buf_printf(&msg, ", %zu unchanged", same);
		cli_done(&cli, "%s", msg.data);
	}
	buf_free(&log);
	buf_free(&key);
	buf_free(&msg);
	intern_free(seen);
	table_free(cfg);
	table_free(teams);
	table_free(plans);
	store_close(s);
	return 0;
}
