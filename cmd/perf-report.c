/* perf-report: how each rep, team or rep-month stands against quota. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "ledger.h"
#include "money.h"
#include "perf.h"
#include "quota.h"
#include "report.h"
#include "roster.h"
#include "stage.h"
#include "store.h"
#include "xalloc.h"

static const char usage[] =
    "usage: perf-report [--period P] [--by rep|team|month] [--rep REP] [--team TEAM]\n"
    "                   [--sort COLUMN] [--flag] [-o FORMAT] [--no-header] [--raw]\n"
    "                   [--today DATE] [-D DIR]\n"
    "\n"
    "      --period=P           the period to report on (default this-quarter)\n"
    "      --by=BY              a row per rep (default), team, or rep and month\n"
    "      --rep=REP            only the rep REP\n"
    "      --team=TEAM          only the team TEAM, or its reps\n"
    "      --sort=COLUMN        sort by COLUMN, numbers largest first\n"
    "      --flag               add the flag column: pip or top\n"
    CLI_LINES_REPORT CLI_LINES_TODAY CLI_LINES_DATA_DIR CLI_LINES_END;

enum { OPT_PERIOD = CLI_OWN, OPT_BY, OPT_REP, OPT_TEAM, OPT_SORT, OPT_FLAG };

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_REPORT,
		{ "period", required_argument, NULL, OPT_PERIOD },
		{ "by", required_argument, NULL, OPT_BY },
		{ "rep", required_argument, NULL, OPT_REP },
		{ "team", required_argument, NULL, OPT_TEAM },
		{ "sort", required_argument, NULL, OPT_SORT },
		{ "flag", no_argument, NULL, OPT_FLAG },
		{ 0 }
	};
	const char *period = "this-quarter", *by = "rep", *rep = NULL, *team = NULL;
	const char *sort = NULL;
	struct report_options ro = { 0 };
	struct cli cli = { 0 };
	struct table *cfg;
	struct store *s;
	struct period p;
	date_t today;
	int c;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:ho:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_PERIOD: period = optarg; break;
		case OPT_BY: by = optarg; break;
		case OPT_REP: rep = optarg; break;
		case OPT_TEAM: team = optarg; break;
		case OPT_SORT: sort = optarg; break;
		case OPT_FLAG: ro.flag = 1; break;
		default: cli_common(&cli, c, usage);
		}
	}
	if (optind != argc)
		die_usage(usage);
	if (strcmp(by, "rep") && strcmp(by, "team") && strcmp(by, "month"))
		die_status(EXIT_USAGE, "invalid --by '%s': want rep, team or month", by);
	/* pip and top judge a rep over the period, not a team or a month. */
	if (ro.flag && strcmp(by, "rep") != 0)
		die_status(EXIT_USAGE, "--flag goes with --by rep, not --by %s", by);
	today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_READ);
	cfg = config_load(s);
	if (period_parse(period, today, config_fiscal_start(cfg), &p) < 0)
		die_status(EXIT_USAGE, "invalid period '%s' (see salesmgr(7) for periods)", period);
	ro.by = by[0];
	ro.rep = rep;
	ro.team = team;
	ro.sort = sort;
	ro.format = out_resolve(cli.format);
	ro.no_header = cli.no_header;
	ro.today = today;
	ro.fiscal_year_start = config_fiscal_start(cfg);
	if (ro.flag) {
		ro.pip_threshold = config_int(cfg, "pip_threshold", 0, 1000, 70);
		ro.pip_periods = config_int(cfg, "pip_periods", 1, 60, 2);
	}
	report_perf(s, &p, &ro);
	close_stdout();
	table_free(cfg);
	store_close(s);
	return 0;
}
