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
#include "table.h"
#include "xalloc.h"

static const char usage[] =
    "usage: rep-diagnose REP... [--period P] [--peers role|team|all] [-o FORMAT]\n"
    "                    [--no-header] [-D DIR] [--today DATE]\n"
    "       rep-diagnose --all [--team TEAM] [--period P] [--peers role|team|all]\n"
    "                    [-o FORMAT] [--no-header] [-D DIR] [--today DATE]\n"
    "\n"
    "      --period=P           measure over P (default the last two whole quarters)\n"
    "      --peers=PEERS        compare with the same role (default), team or all\n"
    "      --all                every active rep instead of the reps named\n"
    "      --team=TEAM          with --all, only the reps of TEAM\n"
    CLI_LINES_REPORT CLI_LINES_DATA_DIR CLI_LINES_TODAY CLI_LINES_END;

enum { OPT_ALL = CLI_OWN, OPT_TEAM, OPT_PERIOD, OPT_PEERS };

enum { NCOLS = 13 };
static const struct out_col cols[NCOLS] = {
	{ "rep", OUT_TEXT }, { "metric", OUT_TEXT }, { "value", OUT_NUM },
	{ "peer_median", OUT_NUM }, { "peer_p25", OUT_NUM }, { "percentile", OUT_NUM },
	{ "peers", OUT_INT }, { "n", OUT_INT }, { "low", OUT_NUM }, { "high", OUT_NUM },
	{ "verdict", OUT_TEXT }, { "skill", OUT_TEXT }, { "course", OUT_TEXT },
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
	static const struct option opts[] = {
		CLI_COMMON, CLI_REPORT,
		{ "all", no_argument, NULL, OPT_ALL },
		{ "team", required_argument, NULL, OPT_TEAM },
		{ "period", required_argument, NULL, OPT_PERIOD },
		{ "peers", required_argument, NULL, OPT_PEERS },
		{ 0 }
	};
	const char *period = NULL, *team = NULL, *peers = "role";
	struct diagnose_options o = { 0 };
	struct cli cli = { 0 };
	struct table *cfg, *reps, *teams;
	struct diagnose_row *rows;
	struct diagnosis *dg;
	struct store *s;
	struct out *out;
	int c, all = 0, i, rc, tc, sc;
	size_t r;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:ho:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_ALL: all = 1; break;
		case OPT_TEAM: team = optarg; break;
		case OPT_PERIOD: period = optarg; break;
		case OPT_PEERS: peers = optarg; break;
		default: cli_common(&cli, c, usage);
		}
	}
	if (all ? optind != argc : optind == argc || team)
		die_usage(usage);
	if (diagnose_peers_parse(peers, &o.peers) < 0)
		die_status(EXIT_USAGE, "invalid --peers '%s': want role, team or all", peers);
	o.today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_READ);
	cfg = config_load(s);
	o.fiscal_year_start = config_fiscal_start(cfg);
	if (!period)
		diagnose_default_period(o.today, &o.period);
	else if (period_parse(period, o.today, o.fiscal_year_start, &o.period) < 0)
		die_status(EXIT_USAGE, "invalid period '%s' (see salesmgr(7) for periods)", period);
	reps = store_load(s, "reps.tsv");
	teams = store_load(s, "teams.tsv");
	for (i = optind; i < argc; i++)
		if (table_find(reps, table_col(reps, "rep"), argv[i]) < 0)
			die("unknown rep '%.64s' (rep-list --all shows every rep)", argv[i]);
	if (team && table_find(teams, table_col(teams, "team"), team) < 0)
		die("unknown team '%s' (see team-list)", team);
	/* --all: the active reps, in id order (diagnose sorts the roster). */
	rc = table_col(reps, "rep"), tc = table_col(reps, "team"), sc = table_col(reps, "status");
	if (rc >= 0)
		table_sort(reps, &rc, 1);

	dg = diagnose_run(s, &o);
	rows = xcalloc(diagnose_nmetrics(dg) + 1, sizeof *rows);
	out = out_start(out_resolve(cli.format), cols, NCOLS, cli.no_header);
	for (i = optind; i < argc; i++)
		print_rep(dg, rows, argv[i], out);
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
