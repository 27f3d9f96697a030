/* act-list: the activities logged in a period, oldest month first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "buf.h"
#include "cli.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "intern.h"
#include "ledger.h"
#include "out.h"
#include "period.h"
#include "roster.h"
#include "scan.h"
#include "schema.h"
#include "store.h"
#include "suggest.h"

static const char usage[] =
    "usage: act-list [--rep REP] [--team TEAM] [--period P] [--kind KIND] [-o FORMAT]\n"
    "                [--no-header] [--raw] [--columns LIST] [--color WHEN] [-D DIR]\n"
    "                [--today DATE]\n";

static const struct out_col cols[AC_NCOLS] = {
	{ "date", OUT_TEXT, 1 }, { "rep", OUT_TEXT, 1 }, { "kind", OUT_TEXT, 2 },
	{ "account", OUT_TEXT, 2 }, { "deal", OUT_TEXT, 3 }, { "minutes", OUT_INT, 3 },
	{ "ref", OUT_TEXT, 5 }, { "note", OUT_TEXT, 4 },
};

struct filter {
	char from[DATE_BUFSZ], to[DATE_BUFSZ];
	const char *rep, *kind;
	struct intern *team;	/* the team's reps, or NULL */
};

static struct cli cli;
static struct filter f;
static const char *period = "this-month", *team;
static const struct cli_opt options[] = {
	CLI_OPT("rep", "REP", &f.rep, "only the activities of REP"),
	CLI_OPT("team", "TEAM", &team, "only the activities of the reps of TEAM"),
	CLI_OPT("period", "P", &period, "the activities dated in P (default this-month)"),
	CLI_OPT("kind", "KIND", &f.kind, "only KIND: call, email, meeting, demo, visit, other"),
	CLI_OPTS_REPORT, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

/* The team's reps; dies for a team that is not in teams.tsv. */
static struct intern *
team_reps(struct store *s, const struct table *reps, const char *team)
{
	char hint[SUGGEST_BUFSZ];
	struct table *teams = store_load(s, "teams.tsv");
	int rc = table_col(reps, "rep"), tc = table_col(reps, "team");
	struct intern *h;
	size_t i;

	if (table_find(teams, table_col(teams, "team"), team) < 0)
		die("unknown team '%s' (%s)", team,
		    suggest(teams, "team", "name", team, "see team-list", hint));
	table_free(teams);
	h = intern_new();
	for (i = 0; i < reps->nrows; i++)
		if (strcmp(table_get(reps, i, tc), team) == 0)
			intern_add(h, table_get(reps, i, rc), strlen(table_get(reps, i, rc)));
	return h;
}

/* What a month's scan lists to: the filter and the output, and a row's
 * fields made strings. */
struct listing {
	const struct filter *f;
	struct out *o;
	struct buf b;
};

/* scan.h's keep: a row of --rep, or of a rep of --team. */
static int
keep_rep(void *arg, const char *rep, size_t len)
{
	const struct filter *f = ((struct listing *)arg)->f;

	return f->rep ? strlen(f->rep) == len && memcmp(f->rep, rep, len) == 0 :
	    intern_get(f->team, rep, len) >= 0;
}

static int
list_row(void *arg, const struct scan_row *row)
{
	struct listing *l = arg;
	const struct filter *f = l->f;
	size_t at[AC_NCOLS], i;
	const char *v[AC_NCOLS];

	buf_reset(&l->b);
	/* A plain row's fields lie one after another in its line, a tab
	 * apart: copied at once, each tab made the end of a string. */
	for (i = 1; i < AC_NCOLS && row->f[i] == row->f[i - 1] + row->len[i - 1] + 1; i++)
		;
	if (i == AC_NCOLS) {
		buf_add(&l->b, row->f[0], (size_t)(row->f[AC_NCOLS - 1] - row->f[0]) +
		    row->len[AC_NCOLS - 1] + 1);
		for (i = 0; i < AC_NCOLS; i++) {
			at[i] = (size_t)(row->f[i] - row->f[0]);
			l->b.data[at[i] + row->len[i]] = '\0';
		}
	} else
		for (i = 0; i < AC_NCOLS; i++) {
			at[i] = l->b.len;
			buf_add(&l->b, row->f[i], row->len[i]);
			buf_addc(&l->b, '\0');
		}
	for (i = 0; i < AC_NCOLS; i++)
		v[i] = l->b.data + at[i];
	/* ISO dates compare as text. */
	if (strcmp(v[AC_DATE], f->from) < 0 || strcmp(v[AC_DATE], f->to) > 0 ||
	    (f->kind && strcmp(v[AC_KIND], f->kind) != 0))
		return 0;
	out_row(l->o, v);
	return 0;
}

/* The month's rows that the filter wants, in the order of the file: with
 * --rep or --team, a row of another rep is split no further than its rep
 * (scan_fd_keep()). */
static void
list_month(struct store *s, ledger_month m, const struct filter *f, struct out *o)
{
	static const char *const names[AC_NCOLS] = {
		"date", "rep", "kind", "account", "deal", "minutes", "ref", "note"
	};
	struct listing l = { f, o, BUF_INIT };

	scan_month_keep(s, "activities", m, names, AC_NCOLS, AC_REP,
	    f->rep || f->team ? keep_rep : NULL, list_row, &l);
	buf_free(&l.b);
}

int
main(int argc, char *argv[])
{
	char hint[SUGGEST_BUFSZ];
	struct table *cfg, *reps;
	ledger_month *months;
	struct store *s;
	struct period p;
	struct out *o;
	size_t nm, i;
	date_t today;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv))
		cli_usage(&cli);
	if (f.kind && schema_check_value(&schema_activities.cols[AC_KIND], f.kind))
		die_status(EXIT_USAGE, "invalid --kind '%s': want %s", f.kind,
		    ACTIVITY_KINDS);
	today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_READ);
	cfg = config_load(s);
	cli_period(period, today, config_fiscal_start(cfg), &p);
	date_format(p.from, f.from);
	date_format(p.to, f.to);
	reps = store_load(s, "reps.tsv");
	if (f.rep && roster_find_rep(reps, f.rep) < 0)
		die("unknown rep '%s' (%s)", f.rep,
		    suggest(reps, "rep", "name", f.rep, "see rep-list", hint));
	if (team)
		f.team = team_reps(s, reps, team);

	nm = ledger_months(s, "activities", p.from, p.to, &months);
	o = out_start(out_resolve(cli.format), cols, AC_NCOLS, cli.no_header);
	for (i = 0; i < nm; i++)
		list_month(s, months[i], &f, o);
	out_end(o);
	close_stdout();
	free(months);
	if (f.team)
		intern_free(f.team);
	table_free(reps);
	table_free(cfg);
	store_close(s);
	return 0;
}
