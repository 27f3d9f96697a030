/* rep-diagnose: each rep's weak spots against their peers, with a course. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "date.h"
#include "diagnose.h"
#include "err.h"
#include "out.h"
#include "period.h"
#include "store.h"
#include "suggest.h"
#include "table.h"
#include "xalloc.h"

static const char usage[] =
    "usage: rep-diagnose REP... [--period P] [--peers role|team|all]\n"
    "                    [--include-managers] [-o FORMAT] [--no-header] [--raw]\n"
    "                    [--columns LIST] [--color WHEN] [-D DIR] [--today DATE]\n"
    "       rep-diagnose --all [--team TEAM] [--role ROLE] [--period P]\n"
    "                    [--peers role|team|all] [--include-managers] [-o FORMAT]\n"
    "                    [--no-header] [--raw] [--columns LIST] [--color WHEN]\n"
    "                    [-D DIR] [--today DATE]\n";

static struct cli cli;
static const char *period, *team, *role, *peers = "role";
static int all, include_managers;
static const struct cli_opt options[] = {
	CLI_OPT("period", "P", &period,
	    "measure over P (default the last two whole quarters, or this quarter)"),
	CLI_OPT("peers", "PEERS", &peers, "compare with the same role (default), team or all"),
	CLI_FLAG("include-managers", &include_managers,
	    "diagnose managers too, and compare sellers and managers"),
	CLI_FLAG("all", &all, "every active seller instead of the reps named"),
	CLI_OPT("team", "TEAM", &team, "with --all, only the reps of TEAM"),
	CLI_OPT("role", "ROLE", &role, "with --all, only the reps of ROLE"),
	CLI_OPTS_REPORT, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

enum { NCOLS = 14 };
static const struct out_col cols[NCOLS] = {
	{ "rep", OUT_TEXT, 1 }, { "metric", OUT_TEXT, 1 }, { "value", OUT_NUM, 2 },
	{ "peer_median", OUT_NUM, 3 }, { "peer_p25", OUT_NUM, 5 }, { "percentile", OUT_NUM, 3 },
	{ "peers", OUT_INT, 5 }, { "n", OUT_INT, 4 }, { "low", OUT_NUM, 4 }, { "high", OUT_NUM, 4 },
	{ "verdict", OUT_STATE, 1 }, { "skill", OUT_TEXT, 4 }, { "course", OUT_TEXT, 2 },
	{ "period", OUT_TEXT, 5 },
};

static const char *
num(const struct diagnose_val *v, char *buf)
{
	return v->has ? out_number(v->unit, v->v, buf) : "";
}

/* rep's rows, one per metric. */
static void
print_rep(struct diagnosis *dg, struct diagnose_row *rows, const char *rep, struct out *o)
{
	char b[8][OUT_NUMSZ];
	const char *f[NCOLS];
	size_t i, n = diagnose_rows(dg, rep, rows), np;

	for (i = 0; i < n; i++) {
		f[0] = rows[i].rep;
		f[1] = rows[i].metric;
		f[2] = num(&rows[i].value, b[0]);
		f[3] = num(&rows[i].median, b[1]);
		f[4] = num(&rows[i].quartile, b[2]);
		f[5] = num(&rows[i].percentile, b[3]);
		f[6] = out_number(OUT_U_COUNT, (int64_t)rows[i].peers, b[4]);
		f[7] = num(&rows[i].n, b[5]);
		f[8] = num(&rows[i].low, b[6]);
		f[9] = num(&rows[i].high, b[7]);
		f[10] = rows[i].verdict;
		f[11] = rows[i].skill;
		f[12] = rows[i].course;
		f[13] = diagnose_basis(dg)->period.name;
		out_row(o, f);
	}
	if ((np = diagnose_npeers(dg, rep)) < DIAGNOSE_MIN_PEERS)
		warn("%s has %zu peer%s (verdicts need %d): too-few-peers", rep, np,
		    np == 1 ? "" : "s", DIAGNOSE_MIN_PEERS);
}

/* What the figures rest on: on a terminal; a window that holds nothing,
 * or that is not the one the user would expect, always. */
static void
basis(const struct diagnosis *dg)
{
	const struct diagnose_basis *b = diagnose_basis(dg);

	if (b->window == DIAGNOSE_TO_DATE)
		warn("no deals or activities in the last two complete quarters (%s): "
		    "measured this quarter to date, %s; --period chooses", b->tried.name,
		    b->period.name);
	if (!b->events && !b->activities)
		warn("no deals or activities in %s: every metric is empty", b->period.name);
	else
		cli_note("%s%s: %lld deal events, %lld activities", b->period.name,
		    b->window == DIAGNOSE_QUARTERS ? ", the last two complete quarters" :
		    b->window == DIAGNOSE_TO_DATE ? ", this quarter to date" : "",
		    (long long)b->events, (long long)b->activities);
}

int
main(int argc, char *argv[])
{
	char hint[SUGGEST_BUFSZ];
	struct diagnose_options o = { 0 };
	struct table *cfg, *reps, *teams;
	struct diagnose_row *rows;
	struct diagnosis *dg;
	struct store *s;
	struct out *out;
	int i, rc, tc, sc, oc;
	const char *id;
	size_t r;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	if (all ? cli.nargs != 0 : cli.nargs == 0 || team || role)
		cli_usage(&cli);
	if (diagnose_peers_parse(peers, &o.peers) < 0)
		die_status(EXIT_USAGE, "invalid --peers '%s': want role, team or all", peers);
	o.today = date_today(cli.today);
	o.include_managers = include_managers;

	s = store_open(cli.data_dir, STORE_READ);
	cfg = config_load(s);
	o.fiscal_year_start = config_fiscal_start(cfg);
	if ((o.has_period = period != NULL))
		cli_period(period, o.today, o.fiscal_year_start, &o.period);
	reps = store_load(s, "reps.tsv");
	teams = store_load(s, "teams.tsv");
	for (i = 0; i < cli.nargs; i++)
		if (table_find(reps, table_col(reps, "rep"), cli.args[i]) < 0)
			die("unknown rep '%.64s' (%s)", cli.args[i], suggest(reps, "rep", "name",
			    cli.args[i], "rep-list --all shows every rep", hint));
	if (team && table_find(teams, table_col(teams, "team"), team) < 0)
		die("unknown team '%s' (%s)", team,
		    suggest(teams, "team", "name", team,
		    "see team-list", hint));
	if (role && table_find(reps, table_col(reps, "role"), role) < 0)
		die("no rep has role '%.64s' (%s)", role, suggest(reps, "role", NULL, role,
		    "rep-list --all shows the roles", hint));
	/* --all: the active reps, in id order (diagnose sorts the roster). */
	rc = table_col(reps, "rep"), tc = table_col(reps, "team"), sc = table_col(reps, "status");
	oc = table_col(reps, "role");
	if (rc >= 0)
		table_sort(reps, &rc, 1);

	dg = diagnose_run(s, &o);
	basis(dg);
	rows = xcalloc(diagnose_nmetrics(dg) + 1, sizeof *rows);
	out = out_start(out_resolve(cli.format), cols, NCOLS, cli.no_header);
	for (i = 0; i < cli.nargs; i++)
		print_rep(dg, rows, cli.args[i], out);
	for (r = 0; all && r < reps->nrows; r++) {
		id = table_get(reps, r, rc);
		/* Managers only when asked: by --include-managers or by --role. */
		if (strcmp(table_get(reps, r, sc), "active") != 0 ||
		    (team && strcmp(table_get(reps, r, tc), team) != 0) ||
		    (role && strcmp(table_get(reps, r, oc), role) != 0) ||
		    (!role && !include_managers && diagnose_manager(dg, id)))
			continue;
		print_rep(dg, rows, id, out);
	}
	out_end(out);
	close_stdout();
	free(rows);
	diagnose_free(dg);
	table_free(teams);
	table_free(reps);
	table_free(cfg);
	store_close(s);
	return 0;
}
