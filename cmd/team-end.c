/* team-end: close teams on a date; the team stays, with its history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "date.h"
#include "err.h"
#include "input.h"
#include "org.h"
#include "schema.h"
#include "store.h"
#include "txn.h"

static const char usage[] =
    "usage: team-end TEAM [--date DATE] [-nq] [-D DIR] [--today DATE]\n"
    "       team-end --from FILE [--date DATE] [-nq] [-D DIR] [--today DATE]\n";

enum { F_TEAM, F_DATE, NFIELDS };
static const char *const fields[NFIELDS] = { "team", "date" };

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("date", "DATE", &opt[F_DATE], "the first day without the team (default today)"),
	CLI_OPTS_WRITE, CLI_OPT_FROM, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

/* Who is still on the team, or under it, on day: a warning, not a refusal. */
static void
warn_members(const struct org *o, const struct table *reps, const struct table *teams,
	     const char *team, date_t day)
{
	struct buf who = BUF_INIT;
	const char *id;
	size_t i;

	for (i = 0; i < reps->nrows; i++) {
		id = table_cell(reps, i, "rep");
		if (strcmp(org_rep_team(o, id, day), team) == 0 &&
		    strcmp(org_rep_status(o, id, day), "gone") != 0)
			buf_printf(&who, "%s%s", who.len ? ", " : "", id);
	}
	if (who.len)
		warn("team '%s' still has %s (move them: rep-list --team %s | rep-edit "
		    "--from - --team NEW --date DATE)", team, who.data, team);
	buf_reset(&who);
	for (i = 0; i < teams->nrows; i++) {
		id = table_cell(teams, i, "team");
		if (strcmp(org_team_parent(o, id, day), team) == 0 && org_team_open(o, id, day))
			buf_printf(&who, "%s%s", who.len ? ", " : "", id);
	}
	if (who.len)
		warn("team '%s' is still the parent of %s (team-edit TEAM --parent)", team,
		    who.data);
	buf_free(&who);
}

/*
 * The row of the team that v ends, with its day in *d; -1 after an input
 * error.  ended marks the teams already ended by earlier rows.
 */
static long
check_row(struct input *in, const char **v, const struct table *teams,
	  const struct org *o, const char *ended, date_t t, date_t *d)
{
	char day[DATE_BUFSZ], today[DATE_BUFSZ];
	const char *was;
	long row;

	if (!v[F_TEAM] || !*v[F_TEAM]) {
		input_error(in, "no team id given");
		return -1;
	}
	if ((row = table_find(teams, table_col(teams, "team"), v[F_TEAM])) < 0) {
		input_error(in, "unknown team '%.64s' (team-list --all shows every team)",
		    v[F_TEAM]);
		return -1;
	}
	*d = t;
	if (v[F_DATE] && *v[F_DATE] && date_parse(v[F_DATE], d) < 0) {
		input_error(in, "date '%.64s' is not a date (YYYY-MM-DD)", v[F_DATE]);
		return -1;
	}
	date_format(*d, day);
	if (*d > t) {
		date_format(t, today);
		input_error(in, "team '%s': date '%s' is after today (%s)", v[F_TEAM], day,
		    today);
		return -1;
	}
	if (ended[row] || !org_team_open(o, v[F_TEAM], *d) ||
	    strcmp(table_cell(teams, (size_t)row, "status"), "ended") == 0) {
		was = table_cell(teams, (size_t)row, "ended");
		input_error(in, "team '%s' has already ended (%s)", v[F_TEAM],
		    *was ? was : day);
		return -1;
	}
	return row;
}

/* Warn about who is left on each ended team, then write teams and history. */
static void
commit(struct store *s, const struct org *o, const struct table *reps,
       struct table *teams, struct table *hist, const char *ended, size_t n)
{
	struct txn x;
	date_t d;
	size_t i;

	txn_begin(&x, s, cli.dry_run);
	for (i = 0; i < teams->nrows; i++) {
		if (!ended[i])
			continue;
		date_parse(table_cell(teams, i, "ended"), &d);
		warn_members(o, reps, teams, table_cell(teams, i, "team"), d);
		txn_log(&x, "end team %s: ended=%s", table_cell(teams, i, "team"),
		    table_cell(teams, i, "ended"));
	}
	if (n) {
		txn_table(&x, &schema_teams, teams);
		txn_table(&x, &schema_org, hist);
	}
	txn_commit(&x);
}

int
main(int argc, char *argv[])
{
	const char *v[NFIELDS];
	char day[DATE_BUFSZ];
	struct table *reps, *teams, *accounts, *hist;
	struct store *s;
	struct input *in;
	struct org *o;
	size_t n = 0;
	char *ended;
	date_t d, t;
	long row;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	cli_record(&cli, opt, F_TEAM, -1);
	if (opt[F_DATE] && date_parse(opt[F_DATE], &d) < 0)
		cli_usage_error(&cli, "invalid date '%.64s' (want YYYY-MM-DD)", opt[F_DATE]);
	t = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_WRITE);
	reps = store_load(s, "reps.tsv");
	teams = store_load(s, "teams.tsv");
	accounts = store_load(s, "accounts.tsv");
	hist = org_hist_load(s);
	o = org_new(reps, teams, accounts, hist);
	ended = calloc(teams->nrows + 1, 1);
	if (!ended)
		die_errno("calloc");
	in = cli_input(&cli, fields, NFIELDS, INPUT_ACT);
	while (input_next(in, opt, v)) {
		if ((row = check_row(in, v, teams, o, ended, t, &d)) < 0)
			continue;
		date_format(d, day);
		org_record(hist, o, ORG_TEAM, v[F_TEAM], "status", d, "ended");
		table_set(teams, (size_t)row, table_col_add(teams, "status"), "ended");
		table_set(teams, (size_t)row, table_col_add(teams, "ended"), day);
		ended[row] = 1;
		n++;
	}
	if (input_close(in))
		die("nothing was changed");

	commit(s, o, reps, teams, hist, ended, n);
	close_stdout();
	if (!cli.dry_run)
		cli_done(&cli, "ended %zu team%s", n, n == 1 ? "" : "s");
	free(ended);
	org_free(o);
	table_free(hist);
	table_free(accounts);
	table_free(teams);
	table_free(reps);
	store_close(s);
	return 0;
}
