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
    "usage: rep-diagnose REP... [--period P] [--peers role|team|all] [-o FORMAT]\n"
    "                    [--no-header] [--raw] [--columns LIST] [--color WHEN]\n"
    "                    [-D DIR] [--today DATE]\n"
    "       rep-diagnose --all [--team TEAM] [--period P] [--peers role|team|all]\n"
    "                    [-o FORMAT] [--no-header] [--raw] [--columns LIST]\n"
    "                    [--color WHEN] [-D DIR] [--today DATE]\n";

static struct cli cli;
static const char *period, *team, *peers = "role";
static int all;
static const struct cli_opt options[] = {
	CLI_OPT("period", "P", &period, "measure over P (default the last two whole quarters)"),
	CLI_OPT("peers", "PEERS", &peers, "compare with the same role (default), team or all"),
	CLI_FLAG("all", &all, "every active rep instead of the reps named"),
	CLI_OPT("team", "TEAM", &team, "with --all, only the reps of TEAM"),
	CLI_OPTS_REPORT, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

enum { NCOLS = 13 };
static const struct out_col cols[NCOLS] = {
	{ "rep", OUT_TEXT, 1 }, { "metric", OUT_TEXT, 1 }, { "value", OUT_NUM, 2 },
	{ "peer_median", OUT_NUM, 3 }, { "peer_p25", OUT_NUM, 5 }, { "percentile", OUT_NUM, 3 },
	{ "peers", OUT_INT, 5 }, { "n", OUT_INT, 4 }, { "low", OUT_NUM, 4 }, { "high", OUT_NUM, 4 },
	{ "verdict", OUT_STATE, 1 }, { "skill", OUT_TEXT, 4 }, { "course", OUT_TEXT, 2 },
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
	size_t i, n = diagnose_rows(dg, rep, rows);

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
		out_row(o, f);
	}
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
	int i, rc, tc, sc;
	size_t r;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	if (all ? cli.nargs != 0 : cli.nargs == 0 || team)
		cli_usage(&cli);
	if (diagnose_peers_parse(peers, &o.peers) < 0)
		die_status(EXIT_USAGE, "invalid --peers '%s': want role, team or all", peers);
	o.today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_READ);
	cfg = config_load(s);
	o.fiscal_year_start = config_fiscal_start(cfg);
	if (!period)
		diagnose_default_period(o.today, &o.period);
	else
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
	/* --all: the active reps, in id order (diagnose sorts the roster). */
	rc = table_col(reps, "rep"), tc = table_col(reps, "team"), sc = table_col(reps, "status");
	if (rc >= 0)
		table_sort(reps, &rc, 1);

	dg = diagnose_run(s, &o);
	rows = xcalloc(diagnose_nmetrics(dg) + 1, sizeof *rows);
	out = out_start(out_resolve(cli.format), cols, NCOLS, cli.no_header);
	for (i = 0; i < cli.nargs; i++)
		print_rep(dg, rows, cli.args[i], out);
	for (r = 0; all && r < reps->nrows; r++) {
		if (strcmp(table_get(reps, r, sc), "active") != 0 ||
		    (team && strcmp(table_get(reps, r, tc), team) != 0))
			continue;
		print_rep(dg, rows, table_get(reps, r, rc), out);
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
