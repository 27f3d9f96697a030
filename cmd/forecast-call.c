/* forecast-call: record the number a rep, or a team's manager, commits for
 * a period. */
#include <stdio.h>
#include <string.h>

#include "call.h"
#include "cli.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "input.h"
#include "money.h"
#include "org.h"
#include "quota.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "suggest.h"
#include "target.h"

static const char usage[] =
    "usage: forecast-call PERIOD REP AMOUNT [--category commit|best] [--date DATE]\n"
    "                     [--note TEXT] [-nq] [-D DIR] [--today DATE]\n"
    "       forecast-call PERIOD --team TEAM AMOUNT [--category commit|best]\n"
    "                     [--date DATE] [--note TEXT] [-nq] [-D DIR] [--today DATE]\n"
    "       forecast-call PERIOD --manager REP AMOUNT [--category commit|best]\n"
    "                     [--date DATE] [--note TEXT] [-nq] [-D DIR] [--today DATE]\n"
    "       forecast-call --from FILE [--ignore-extra] [-nq] [-D DIR] [--today DATE]\n";

enum { F_PERIOD, F_REP, F_TEAM, F_CATEGORY, F_DATE, F_CALL, F_NOTE, F_MANAGER, NFIELDS };
static const char *const fields[NFIELDS] = {
	"period", "rep", "team", "category", "date", "call", "note", "manager"
};

static const char *
value(const char *v)
{
	return v ? v : "";
}

/*
 * The team a manager's call is for: the one team open on day d that has
 * manager as its manager, by the dated organisation; NULL after reporting
 * none or several.
 */
static const char *
managed_team(struct input *in, const struct org *o, const struct table *reps,
	     const struct table *teams, const char *manager, date_t d)
{
	const char *team = NULL, *t;
	char hint[SUGGEST_BUFSZ], day[DATE_BUFSZ];
	size_t i, n = 0;

	if (roster_find_rep(reps, manager) < 0) {
		input_error(in, "unknown rep '%.64s' (%s)", manager,
		    suggest(reps, "rep", "name", manager, "see rep-list", hint));
		return NULL;
	}
	for (i = 0; i < teams->nrows; i++) {
		t = table_cell(teams, i, "team");
		if (org_team_open(o, t, d) && strcmp(org_team_manager(o, t, d), manager) == 0) {
			team = n++ ? team : t;
			if (n == 2)
				input_error(in, "rep '%s' leads more than one team on %s (%s, %s): "
				    "give --team", manager, date_format(d, day), team, t);
		}
	}
	if (n == 0)
		input_error(in, "rep '%s' leads no team on %s (team-edit TEAM --manager "
		    "sets one)", manager, date_format(d, day));
	return n == 1 ? team : NULL;
}

/* Check one record, reporting every problem; canonical period, date, call. */
static int
bad_record(struct input *in, const char **v, date_t today, int fys, const struct table *reps,
	   const struct table *teams, const struct org *o, char *period, char *date, char *call)
{
	const char *rep = value(v[F_REP]), *team = value(v[F_TEAM]), *why;
	const char *manager = value(v[F_MANAGER]);
	char hint[SUGGEST_BUFSZ];
	struct period p;
	date_t d = today;
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
		input_error(in, "both rep '%.64s' and team '%.64s' given (a call is a rep's or "
		    "a team's)", rep, team);
		bad = 1;
	} else if (*manager && (*rep || *team)) {
		input_error(in, "both manager '%.64s' and %s '%.64s' given (a call is a rep's or "
		    "a team's)", manager, *rep ? "rep" : "team", *rep ? rep : team);
		bad = 1;
	} else if (!*rep && !*team && !*manager) {
		input_error(in, "no rep or team given");
		bad = 1;
	} else if (*rep && roster_find_rep(reps, rep) < 0) {
		input_error(in, "unknown rep '%.64s' (%s)", rep,
		    suggest(reps, "rep", "name", rep, "see rep-list", hint));
		bad = 1;
	} else if (*team && roster_check_team(in, teams, team))
		bad = 1;
	if (strcmp(v[F_CATEGORY], "commit") != 0 && strcmp(v[F_CATEGORY], "best") != 0) {
		input_error(in, "unknown category '%.64s' (want commit or best)", v[F_CATEGORY]);
		bad = 1;
	}
	if (*value(v[F_DATE]) && date_parse(v[F_DATE], &d) < 0) {
		input_error(in, "date '%.64s' is not a date (YYYY-MM-DD)", v[F_DATE]);
		bad = 1;
	} else if (d > today) {
		input_error(in, "date %s is after today (%s)", v[F_DATE],
		    date_format(today, date));
		bad = 1;
	} else {
		date_format(d, date);
		if (!bad && *manager && !(v[F_TEAM] = managed_team(in, o, reps, teams, manager, d)))
			bad = 1;
	}
	if (!*value(v[F_CALL])) {
		input_error(in, "no amount given");
		bad = 1;
	} else if ((why = quota_target("revenue", v[F_CALL], call))) {
		input_error(in, "amount '%.64s' %s", v[F_CALL], why);
		bad = 1;
	}
	return bad;
}

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("team", "TEAM", &opt[F_TEAM], "the team the call is for (its manager's call)"),
	CLI_OPT("manager", "REP", &opt[F_MANAGER], "the call of the team REP leads on the day"),
	CLI_OPT("category", "CATEGORY", &opt[F_CATEGORY], "commit (the default) or best case"),
	CLI_OPT("date", "DATE", &opt[F_DATE], "the day the call was made (default today)"),
	CLI_OPT("note", "TEXT", &opt[F_NOTE], "why: the deals it rests on, the risk seen"),
	CLI_OPTS_WRITE, CLI_OPTS_FROM_NEW, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

int
main(int argc, char *argv[])
{
	const char *v[NFIELDS], *key[F_CALL];
	char period[sizeof ((struct period *)0)->name], date[DATE_BUFSZ], call[MONEY_BUFSZ];
	char what[256];
	struct table *cfg, *reps, *teams;
	struct org *o;
	struct target_table *calls;
	struct target_run r;
	struct store *s;
	struct input *in;
	date_t today;
	int fys;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	if (!cli.from && cli.nargs == 2 && (opt[F_TEAM] || opt[F_MANAGER]))
		cli_record(&cli, opt, F_PERIOD, F_CALL, -1);
	else
		cli_record(&cli, opt, F_PERIOD, F_REP, F_CALL, -1);
	today = date_today(cli.today);
	in = cli_input(&cli, fields, NFIELDS, INPUT_CREATE);

	s = store_open(cli.data_dir, STORE_WRITE);
	cfg = config_load(s);
	fys = config_fiscal_start(cfg);
	reps = store_load(s, "reps.tsv");
	teams = store_load(s, "teams.tsv");
	o = org_load_tables(s, reps, teams, NULL);
	calls = target_whole(calls_load(s));
	target_begin_column(&r, "call");
	while (input_next(in, opt, v)) {
		if (!v[F_CATEGORY] || !*v[F_CATEGORY])
			v[F_CATEGORY] = "commit";
		if (bad_record(in, v, today, fys, reps, teams, o, period, date, call))
			continue;
		snprintf(what, sizeof what, "call %s %s %s %s on %s", period,
		    *value(v[F_REP]) ? "rep" : "team", *value(v[F_REP]) ? v[F_REP] : v[F_TEAM],
		    v[F_CATEGORY], date);
		key[0] = period;
		key[1] = value(v[F_REP]);
		key[2] = value(v[F_TEAM]);
		key[3] = v[F_CATEGORY];
		key[4] = date;
		if (target_set(&r, in, calls, fields, key, F_CALL, call, what) == 0 && v[F_NOTE])
			target_set_column(&r, calls, fields, key, F_CALL, "note", v[F_NOTE], what);
	}
	if (input_close(in))
		die("nothing was changed");

	target_commit(&r, &cli, s, &schema_calls, calls, "call");
	org_free(o);
	table_free(cfg);
	table_free(reps);
	table_free(teams);
	store_close(s);
	return 0;
}
