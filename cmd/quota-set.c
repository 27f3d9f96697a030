/* quota-set: set the target of a rep or a team for a period. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "buf.h"
#include "config.h"
#include "date.h"
#include "caches.h"
#include "diagnose.h"
#include "err.h"
#include "history.h"
#include "input.h"
#include "money.h"
#include "quota.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "target.h"
#include "suggest.h"

static const char usage[] =
    "usage: quota-set PERIOD REP AMOUNT [--metric METRIC] [--replace] [-nq] [-D DIR]\n"
    "                 [--today DATE]\n"
    "       quota-set PERIOD --team TEAM AMOUNT [--metric METRIC] [--replace] [-nq]\n"
    "                 [-D DIR] [--today DATE]\n"
    "       quota-set --from FILE [--ignore-extra] [--replace] [-nq] [-D DIR]\n"
    "                 [--today DATE]\n";

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
	char hint[SUGGEST_BUFSZ];
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
			input_error(in, "unknown rep '%s' (%s)", rep,
			    suggest(reps, "rep", "name", rep, "add it with rep-add", hint));
			bad = 1;
		} else if (roster_check_team(in, teams, team))
			bad = 1;
	}
	if (!quota_metric_valid(v[F_METRIC])) {
		input_error(in, "unknown metric '%.64s' (want " QUOTA_METRICS ")",
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

/*
 * One quota per span of days: a row for the same days under another name
 * (2026-Q4 beside FY2027-Q3) is refused, or with --replace removed first.
 * Returns 1 when the record is refused.
 */
static int
same_days(struct input *in, struct table *quotas, struct target_run *r, const char *period,
	  const char *rep, const char *team, const char *metric, int fys, int replace,
	  const char *what)
{
	long other = quota_same_days(quotas, period, rep, team, metric, fys);
	int pc = table_col(quotas, "period"), vc = table_col(quotas, "target");

	if (other < 0) {
		if (replace)
			input_error(in, "%s: no quota for the same days under another name "
			    "to replace", what);
		return replace;
	}
	if (!replace) {
		input_error(in, "%s: the same days as quota %s (one quota per span of days; "
		    "give --replace to replace it)", what,
		    table_get(quotas, (size_t)other, pc));
		return 1;
	}
	buf_printf(&r->log, "remove quota %s %s %s %s %s (the same days as %s)\n",
	    table_get(quotas, (size_t)other, pc), *rep ? "rep" : "team", *rep ? rep : team,
	    metric, table_get(quotas, (size_t)other, vc), period);
	table_del_row(quotas, (size_t)other);
	r->replaced++;
	return 0;
}

static struct cli cli;
static const char *opt[NFIELDS];
static int replace;

/*
 * The quota table as lines (target_load), when the one record of the
 * command line can be set as a line of it: no --replace, and no row of its
 * rep or team and metric under another name for the same days.  Else, as
 * with --from, the table whole in *whole, as same_days() looks at the
 * other rows.  So setting one quota costs the same at any size of the
 * table.
 */
static struct target_table *
quota_table(struct store *s, int fys, struct table **whole)
{
	const char *metric = opt[F_METRIC] && *opt[F_METRIC] ? opt[F_METRIC] : "revenue";
	struct target_table *tt;

	*whole = NULL;
	if (!cli.from && !replace && opt[F_PERIOD]) {
		tt = target_load(s, &schema_quotas);
		if (quota_same_days_lines(tt, opt[F_PERIOD], value(opt[F_REP]),
		    value(opt[F_TEAM]), metric, fys) == 0)
			return tt;
		target_drop(tt);
	}
	*whole = store_load(s, "quotas.tsv");
	return target_whole(*whole);
}

static const struct cli_opt options[] = {
	CLI_OPT("team", "TEAM", &opt[F_TEAM], "the team the quota is for, instead of a rep"),
	CLI_OPT("metric", "METRIC", &opt[F_METRIC], "revenue (the default), deals, activities or activities.KIND"),
	CLI_FLAG("replace", &replace,
	    "replace the quota for the same days under another name (2026-Q4 for FY2027-Q3)"),
	CLI_OPTS_WRITE, CLI_OPTS_FROM_NEW, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

int
main(int argc, char *argv[])
{
	const char *v[NFIELDS];
	char period[sizeof ((struct period *)0)->name], target[MONEY_BUFSZ], what[256];
	struct table *cfg, *reps, *teams, *quotas;
	struct target_table *tt;
	struct target_run r;
	struct diagnose_targets dt;
	struct store *s;
	struct input *in;
	date_t today;
	int fys;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	/* With --team, a REP as well is a record with both: reported as such. */
	if (!cli.from && cli.nargs == 2 && opt[F_TEAM])
		cli_record(&cli, opt, F_PERIOD, F_TARGET, -1);
	else
		cli_record(&cli, opt, F_PERIOD, F_REP, F_TARGET, -1);
	today = date_today(cli.today);
	/*
	 * Input first: in `quota-list | quota-set --from -` the reader must
	 * get its shared lock and write its header before we wait for ours.
	 */
	in = cli_input(&cli, fields, NFIELDS, INPUT_CREATE);

	s = store_open(cli.data_dir, STORE_WRITE);
	cfg = config_load(s);
	fys = config_fiscal_start(cfg);
	reps = roster_load_for(s, cli.from ? NULL : opt[F_REP]);
	teams = store_load(s, "teams.tsv");
	tt = quota_table(s, fys, &quotas);
	diagnose_targets_hold(s, today, &dt);
	target_begin(&r);
	while (input_next(in, opt, v)) {
		if (!v[F_METRIC] || !*v[F_METRIC])
			v[F_METRIC] = "revenue";
		if (bad_record(in, v, today, fys, reps, teams, period, target))
			continue;
		/* a row of the same days under another name, which --replace
		 * removes, is of the same days */
		diagnose_targets_touch(&dt, period, fys);
		quota_describe(what, sizeof what, period, value(v[F_REP]), value(v[F_TEAM]),
		    v[F_METRIC]);
		if (quotas && same_days(in, quotas, &r, period, value(v[F_REP]),
		    value(v[F_TEAM]), v[F_METRIC], fys, replace, what))
			continue;
		target_set(&r, in, tt, quota_keys, (const char *[]){ period,
		    value(v[F_REP]), value(v[F_TEAM]), v[F_METRIC] }, QUOTA_NKEYS, target, what);
	}
	if (input_close(in))
		die("nothing was changed");

	target_commit(&r, &cli, s, &schema_quotas, tt, "quota");
	/* The diagnosis's cached quota targets (diagnose.h): kept under the
	 * table's new name when no quota of their window changed, else made
	 * anew in the background, as after a deal write (rep-show reads
	 * quotas.tsv whole until they are). */
	if (!cli.dry_run && r.added + r.replaced) {
		diagnose_targets_carry(s, &dt);
		history_checkpoint(s, NULL, today, report_caches);
	}
	table_free(cfg);
	table_free(reps);
	table_free(teams);
	store_close(s);
	return 0;
}
