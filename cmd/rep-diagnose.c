/* rep-diagnose: each rep's weak spots against their peers, with a course. */
#include <stdio.h>
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
#include "suggest.h"

static const char usage[] =
    "usage: rep-diagnose REP... [--period P] [--peers role|team|all] [-o FORMAT]\n"
    "                    [--no-header] [--raw] [-D DIR] [--today DATE]\n"
    "       rep-diagnose --all [--team TEAM] [--period P] [--peers role|team|all]\n"
    "                    [-o FORMAT] [--no-header] [--raw] [-D DIR] [--today DATE]\n"
    "\n"
    "      --period=P           measure over P (default the last two whole quarters)\n"
    "      --peers=PEERS        compare with the same role (default), team or all\n"
    "      --all                every active rep instead of the reps named\n"
    "      --team=TEAM          with --all, only the reps of TEAM\n"
    CLI_LINES_REPORT CLI_LINES_DATA_DIR CLI_LINES_TODAY CLI_LINES_END;

enum { OPT_ALL = CLI_OWN, OPT_TEAM, OPT_PERIOD, OPT_PEERS };

int
main(int argc, char *argv[])
{
	char hint[SUGGEST_BUFSZ];
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
			die("unknown rep '%.64s' (%s)", argv[i],
			    suggest(reps, "rep", "name", argv[i],
			    "rep-list --all shows every rep", hint));
	if (team && table_find(teams, table_col(teams, "team"), team) < 0)
		die("unknown team '%s' (%s)", team,
		    suggest(teams, "team", "name", team,
		    "see team-list", hint));
	/* --all: the active reps, in id order (diagnose sorts the roster). */
	rc = table_col(reps, "rep"), tc = table_col(reps, "team"), sc = table_col(reps, "status");
	if (rc >= 0)
		table_sort(reps, &rc, 1);

	dg = diagnose_run(s, &o);
	out = out_start(out_resolve(cli.format), diagnose_cols, DIAGNOSE_NCOLS, cli.no_header);
	for (i = optind; i < argc; i++)
		diagnose_print(dg, argv[i], out);
	for (r = 0; all && r < reps->nrows; r++) {
		if (strcmp(table_get(reps, r, sc), "active") != 0 ||
		    (team && strcmp(table_get(reps, r, tc), team) != 0))
			continue;
		diagnose_print(dg, table_get(reps, r, rc), out);
	}
	out_end(out);
	close_stdout();
	diagnose_free(dg);
	table_free(teams);
	table_free(reps);
	table_free(cfg);
	store_close(s);
	return 0;
}
