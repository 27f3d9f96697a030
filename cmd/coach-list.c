/* coach-list: coaching notes, newest first; --due for the follow-ups to do;
 * -o ics, the follow-ups as calendar entries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "coach.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "ics.h"
#include "out.h"
#include "period.h"
#include "roster.h"
#include "schema.h"
#include "org.h"
#include "store.h"
#include "suggest.h"

static const char usage[] =
    "usage: coach-list [--rep REP] [--team TEAM] [--manager REP] [--kind KIND] [--due]\n"
    "                  [--open] [--period P] [-o FORMAT] [--no-header] [--raw]\n"
    "                  [--columns LIST] [--color WHEN] [-D DIR] [--today DATE]\n";

enum { NCOLS = 7 };

static const struct out_col cols[NCOLS] = {
	{ "note", OUT_TEXT, 1 }, { "date", OUT_TEXT, 2 }, { "rep", OUT_TEXT, 2 }, { "kind", OUT_TEXT, 3 },
	{ "text", OUT_TEXT, 2 }, { "follow_up", OUT_TEXT, 3 }, { "done", OUT_TEXT, 4 },
};

struct filter {
	const char *rep, *team, *manager, *kind;
	const struct org *o;
	int due, open;
	char from[DATE_BUFSZ], to[DATE_BUFSZ], today[DATE_BUFSZ];
	const struct table *reps;
};

static struct cli cli;
static struct filter f;
static const char *period;
static const struct cli_opt options[] = {
	CLI_OPT("rep", "REP", &f.rep, "only the notes on REP"),
	CLI_OPT("team", "TEAM", &f.team, "only the notes on the reps of TEAM"),
	CLI_OPT("manager", "REP", &f.manager,
	    "only the notes on reps in REP's organisation on the note's date"),
	CLI_OPT("kind", "KIND", &f.kind, "only 1on1, observation, praise, warning or pip notes"),
	CLI_FLAG("due", &f.due, "only open follow-ups due today or earlier"),
	CLI_FLAG("open", &f.open, "only notes whose follow-up is not done"),
	CLI_OPT("period", "P", &period, "only the notes dated in P"),
	CLI_OPTS_REPORT_ICS, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

/* -o ics: a whole-day entry on the day of each follow-up, cancelled once
 * it is done. */
static void
ics_follow_up(const struct table *notes, size_t row, const struct table *reps)
{
	struct ics_event e = { NULL, 0, NULL, NULL, "Coaching", 0 };
	struct buf uid = BUF_INIT, summary = BUF_INIT, desc = BUF_INIT;
	const char *note = table_cell(notes, row, "note"), *rep = table_cell(notes, row, "rep");
	const char *name = table_lookup(reps, "rep", rep, "name");

	if (date_parse(table_cell(notes, row, "follow_up"), &e.date) < 0)
		return;
	buf_printf(&uid, "note-%s@salesmgr", note);
	buf_printf(&summary, "Follow up with %s", *name ? name : rep);
	buf_printf(&desc, "%s\n\n%s of %s, note %s", table_cell(notes, row, "text"),
	    table_cell(notes, row, "kind"), table_cell(notes, row, "date"), note);
	e.uid = uid.data;
	e.summary = summary.data;
	e.description = desc.data;
	e.cancelled = *table_cell(notes, row, "done") != '\0';
	ics_event(&e);
	buf_free(&uid);
	buf_free(&summary);
	buf_free(&desc);
}

static int
wanted(const struct table *notes, size_t row, const struct filter *f)
{
	const char *rep = table_get(notes, row, table_col(notes, "rep"));
	const char *date = table_get(notes, row, table_col(notes, "date"));
	date_t d;
	long r;

	if (f->rep && strcmp(rep, f->rep) != 0)
		return 0;
	if (f->kind && strcmp(table_get(notes, row, table_col(notes, "kind")), f->kind) != 0)
		return 0;
	if (*f->from && (strcmp(date, f->from) < 0 || strcmp(date, f->to) > 0))
		return 0;
	if ((f->open || f->due) && !coach_open(notes, row))
		return 0;
	/* ISO dates compare as text. */
	if (f->due && strcmp(table_get(notes, row, table_col(notes, "follow_up")), f->today) > 0)
		return 0;
	if (f->manager && (date_parse(date, &d) < 0 || !org_under(f->o, f->manager, rep, d)))
		return 0;
	if (f->team && ((r = roster_find_rep(f->reps, rep)) < 0 ||
	    strcmp(table_get(f->reps, (size_t)r, table_col(f->reps, "team")), f->team) != 0))
		return 0;
	return 1;
}

int
main(int argc, char *argv[])
{
	char hint[SUGGEST_BUFSZ];
	const char *v[NCOLS];
	struct table *cfg, *reps, *teams, *notes;
	struct out *o = NULL;
	struct store *s;
	struct period p;
	size_t *order, n, i, j;
	date_t today;
	int ics;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv))
		cli_usage(&cli);
	if (f.kind && !coach_kind_valid(f.kind))
		die_status(EXIT_USAGE, "invalid --kind '%s': want %s", f.kind, COACH_KINDS);
	today = date_today(cli.today);
	date_format(today, f.today);

	s = store_open(cli.data_dir, STORE_READ);
	cfg = config_load(s);
	if (period) {
		cli_period(period, today, config_fiscal_start(cfg), &p);
		date_format(p.from, f.from);
		date_format(p.to, f.to);
	}
	reps = store_load(s, "reps.tsv");
	teams = store_load(s, "teams.tsv");
	if (f.rep && roster_find_rep(reps, f.rep) < 0)
		die("unknown rep '%s' (%s)", f.rep,
		    suggest(reps, "rep", "name", f.rep, "see rep-list", hint));
	if (f.team && table_find(teams, table_col(teams, "team"), f.team) < 0)
		die("unknown team '%s' (%s)", f.team,
		    suggest(teams, "team", "name", f.team, "see team-list", hint));
	if (f.manager && roster_find_rep(reps, f.manager) < 0)
		die("unknown manager '%s' (%s)", f.manager,
		    suggest(reps, "rep", "name", f.manager, "rep-list --all shows every rep", hint));
	f.reps = reps;
	f.o = f.manager ? org_load_tables(s, reps, teams, NULL) : NULL;
	notes = store_load(s, "notes.tsv");

	order = coach_order(notes, &n);
	ics = out_resolve(cli.format) == OUT_ICS;
	if (ics)
		ics_begin("Coaching follow-ups");
	for (i = 0; i < n; i++) {
		if (!wanted(notes, order[i], &f))
			continue;
		if (ics) {
			ics_follow_up(notes, order[i], reps);
			continue;
		}
		/* For cron, --due with nothing due prints nothing at all. */
		if (!o)
			o = out_start(out_resolve(cli.format), cols, NCOLS, cli.no_header);
		for (j = 0; j < NCOLS; j++)
			v[j] = table_get(notes, order[i], table_col(notes, cols[j].name));
		out_row(o, v);
	}
	if (ics)
		ics_end();
	else if (!o && !f.due)
		o = out_start(out_resolve(cli.format), cols, NCOLS, cli.no_header);
	if (o)
		out_end(o);
	close_stdout();
	free(order);
	org_free((struct org *)f.o);
	table_free(notes);
	table_free(teams);
	table_free(reps);
	table_free(cfg);
	store_close(s);
	return 0;
}
