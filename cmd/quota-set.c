/* quota-set: set the target of a rep or a team for a period. */
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
#include "quota.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "txn.h"

static const char usage[] =
    "usage: quota-set PERIOD REP AMOUNT [--metric METRIC] [-nq] [-D DIR]\n"
    "                 [--today DATE]\n"
    "       quota-set PERIOD --team TEAM AMOUNT [--metric METRIC] [-nq] [-D DIR]\n"
    "                 [--today DATE]\n"
    "       quota-set --from FILE [--ignore-extra] [-nq] [-D DIR] [--today DATE]\n";

enum { F_PERIOD, F_REP, F_TEAM, F_METRIC, F_TARGET, NFIELDS };
static const char *const fields[NFIELDS] = { "period", "rep", "team", "metric", "target" };

static const char *
value(const char *v)
{
	return v ? v : "";
}

/*
 * Check one record; on success the canonical period and target are in
 * period and target.  Every problem of the record is reported.
 */
static int
bad_record(struct input *in, const char **v, date_t today, int fys,
	   const struct table *reps, const struct table *teams, char *period, char *target)
{
	const char *ids[NFIELDS] = { 0 }, *why;
	const char *rep = value(v[F_REP]), *team = value(v[F_TEAM]);
	struct period p;
	int bad = 0;

	if (!*value(v[F_PERIOD])) {
		input_error(in, "no period given");
		bad = 1;
	} else if ((why = quota_period(v[F_PERIOD], today, fys, &p))) {
		input_error(in, "period '%.64s' %s", v[F_PERIOD], why);
		bad = 1;
	} else
		strcpy(period, p.name);
	if (*rep && *team) {
		input_error(in, "both rep '%.64s' and team '%.64s' given (a quota is for one "
		    "rep or one team)", rep, team);
		bad = 1;
	} else if (!*rep && !*team) {
		input_error(in, "no rep or team given");
		bad = 1;
	} else {
		ids[F_REP] = rep;
		ids[F_TEAM] = team;
		if (input_check(in, &schema_quotas, fields, ids))
			bad = 1;
		else if (*rep && roster_find_rep(reps, rep) < 0) {
			input_error(in, "unknown rep '%s' (add it with rep-add)", rep);
			bad = 1;
		} else if (roster_check_team(in, teams, team))
			bad = 1;
	}
	if (!quota_metric_valid(v[F_METRIC])) {
		input_error(in, "unknown metric '%.64s' (want revenue, deals or activities)",
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

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_WRITE, CLI_FROM,
		{ "metric", required_argument, NULL, CLI_OWN + F_METRIC },
		{ "team", required_argument, NULL, CLI_OWN + F_TEAM },
		{ 0 }
	};
	const char *opt[NFIELDS] = { 0 }, *v[NFIELDS];
	char period[sizeof ((struct period *)0)->name], target[MONEY_BUFSZ];
	struct table *cfg, *reps, *teams, *quotas;
	struct buf log = BUF_INIT, key = BUF_INIT, msg = BUF_INIT;
	struct intern *seen = intern_new();
	size_t added = 0, replaced = 0, same = 0;
	struct cli cli = { 0 };
	struct store *s;
	struct input *in;
	struct txn x;
	date_t today;
	char *line, *nl;
	int c, fys, nargs;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:hnq", opts, NULL)) != -1) {
		if (c >= CLI_OWN && c < CLI_OWN + NFIELDS)
			opt[c - CLI_OWN] = optarg;
		else
			cli_common(&cli, c, usage);
	}
	nargs = argc - optind;
	/* With --team, a REP as well is a record with both: reported as such. */
	if (cli.from ? nargs != 0 : nargs != 3 && !(opt[F_TEAM] && nargs == 2))
		die_usage(usage);
	if (!cli.from) {
		opt[F_PERIOD] = argv[optind];
		opt[F_REP] = nargs == 3 ? argv[optind + 1] : NULL;
		opt[F_TARGET] = argv[argc - 1];
	}
	today = date_today(cli.today);
	/*
	 * Input first: in `quota-list | quota-set --from -` the reader must
	 * get its shared lock and write its header before we wait for ours.
	 */
	in = input_open(cli.from, fields, NFIELDS,
	    cli.ignore_extra ? INPUT_CREATE | INPUT_IGNORE_EXTRA : INPUT_CREATE);

	s = store_open(cli.data_dir, STORE_WRITE);
	cfg = config_load(s);
	fys = config_fiscal_start(cfg);
	reps = store_load(s, "reps.tsv");
	teams = store_load(s, "teams.tsv");
	quotas = store_load(s, "quotas.tsv");
	while (input_next(in, opt, v)) {
		if (!v[F_METRIC] || !*v[F_METRIC])
			v[F_METRIC] = "revenue";
		if (bad_record(in, v, today, fys, reps, teams, period, target))
			continue;
		/* Two rows for one quota: which one was meant is anyone's guess. */
		buf_reset(&key);
		buf_printf(&key, "%s\t%s\t%s\t%s", period, value(v[F_REP]), value(v[F_TEAM]),
		    v[F_METRIC]);
		if (intern_get(seen, key.data, key.len) >= 0) {
			input_error(in, "quota %s %s %s %s is set twice in the input", period,
			    *value(v[F_REP]) ? "rep" : "team",
			    *value(v[F_REP]) ? v[F_REP] : v[F_TEAM], v[F_METRIC]);
			continue;
		}
		intern_add(seen, key.data, key.len);
		switch (quota_put(quotas, period, value(v[F_REP]), value(v[F_TEAM]), v[F_METRIC],
		    target, &log)) {
		case QUOTA_ADDED: added++; break;
		case QUOTA_REPLACED: replaced++; break;
		default: same++;
		}
	}
	if (input_close(in))
		die("nothing was changed");

	txn_begin(&x, s, cli.dry_run);
	for (line = log.data; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		txn_log(&x, "%s", line);
	}
	if (x.changes)
		txn_table(&x, &schema_quotas, quotas);
	txn_commit(&x);
	close_stdout();
	if (!cli.dry_run) {
		buf_printf(&msg, "set %zu quota%s", added + replaced,
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
	table_free(reps);
	table_free(teams);
	table_free(quotas);
	store_close(s);
	return 0;
}
