/* plan-set: set a strategic target for a team, region, segment or product. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "input.h"
#include "money.h"
#include "period.h"
#include "quota.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "target.h"

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

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("metric", "METRIC", &opt[F_METRIC],
	    "revenue (the default), deals or new-accounts"),
	CLI_OPTS_WRITE, CLI_OPTS_FROM_NEW, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

int
main(int argc, char *argv[])
{
	const char *v[NFIELDS];
	char period[sizeof ((struct period *)0)->name], target[MONEY_BUFSZ], what[256];
	struct table *cfg, *teams;
	struct target_table *plans;
	struct target_run r;
	struct store *s;
	struct input *in;
	date_t today;
	int fys;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	cli_record(&cli, opt, F_PERIOD, F_DIMENSION, F_KEY, F_TARGET, -1);
	today = date_today(cli.today);
	/* Input first: in `plan-list | plan-set --from -` the reader must get
	 * its shared lock and write its header before we wait for ours. */
	in = cli_input(&cli, fields, NFIELDS, INPUT_CREATE);

	s = store_open(cli.data_dir, STORE_WRITE);
	cfg = config_load(s);
	fys = config_fiscal_start(cfg);
	teams = store_load(s, "teams.tsv");
	plans = target_load(s, &schema_plans);
	target_begin(&r);
	while (input_next(in, opt, v)) {
		if (!v[F_METRIC] || !*v[F_METRIC])
			v[F_METRIC] = "revenue";
		if (bad_record(in, v, today, fys, teams, period, target))
			continue;
		snprintf(what, sizeof what, "plan %s %s %s %s", period, v[F_DIMENSION], v[F_KEY],
		    v[F_METRIC]);
		target_set(&r, in, plans, fields, (const char *[]){ period, v[F_DIMENSION],
		    v[F_KEY], v[F_METRIC] }, F_TARGET, target, what);
	}
	if (input_close(in))
		die("nothing was changed");

	target_commit(&r, &cli, s, &schema_plans, plans, "plan target");
	table_free(cfg);
	table_free(teams);
	store_close(s);
	return 0;
}
