/* quota-list: show the quotas, as quota-set --from takes them. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "list.h"
#include "out.h"
#include "period.h"
#include "quota.h"
#include "roster.h"
#include "store.h"
#include "suggest.h"

static const char usage[] =
    "usage: quota-list [--period P] [--rep REP] [--team TEAM] [--metric METRIC]\n"
    "                  [-o FORMAT] [--no-header] [--raw] [--columns LIST]\n"
    "                  [--color WHEN] [-D DIR] [--today DATE]\n";

enum { C_PERIOD, C_REP, C_TEAM, C_METRIC, C_TARGET, NCOLS };
static const struct out_col cols[NCOLS] = {
	{ "period", OUT_TEXT, 1 }, { "rep", OUT_TEXT, 2 }, { "team", OUT_TEXT, 2 },
	{ "metric", OUT_TEXT, 2 }, { "target", OUT_MONEY, 1 },
};

static struct cli cli;
static const char *period, *rep, *team, *metric;
static const struct cli_opt options[] = {
	CLI_OPT("period", "P", &period, "only the quotas for periods that overlap P"),
	CLI_OPT("rep", "REP", &rep, "only the quotas of REP"),
	CLI_OPT("team", "TEAM", &team, "only the quotas of TEAM and of its reps"),
	CLI_OPT("metric", "METRIC", &metric, "only the quotas of METRIC: " QUOTA_METRICS),
	CLI_OPTS_REPORT, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

struct filter {
	int fys;
	struct period p;
	const struct table *reps;
};

/* A team's quotas are its own rows and those of the reps in it. */
static int
in_team(const struct filter *f, const char *row_rep, const char *row_team)
{
	long row;

	if (*row_team)
		return strcmp(row_team, team) == 0;
	row = roster_find_rep(f->reps, row_rep);
	return row >= 0 && strcmp(table_cell(f->reps, (size_t)row, "team"), team) == 0;
}

static int
wanted(const struct table *quotas, size_t i, const void *arg)
{
	const struct filter *f = arg;
	const char *row_rep = table_cell(quotas, i, "rep");

	return (!rep || strcmp(row_rep, rep) == 0) &&
	    (!team || in_team(f, row_rep, table_cell(quotas, i, "team"))) &&
	    (!metric || strcmp(table_cell(quotas, i, "metric"), metric) == 0) &&
	    (!period || list_overlaps(table_cell(quotas, i, "period"), f->fys, &f->p));
}

int
main(int argc, char *argv[])
{
	char hint[SUGGEST_BUFSZ];
	struct table *cfg, *reps, *teams, *quotas;
	struct filter f = { 0 };
	struct store *s;
	date_t today;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv))
		cli_usage(&cli);
	if (metric && !quota_metric_valid(metric))
		die_status(EXIT_USAGE, "invalid metric '%s': want " QUOTA_METRICS, metric);
	today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_READ);
	cfg = config_load(s);
	f.fys = config_fiscal_start(cfg);
	if (period)
		cli_period(period, today, f.fys, &f.p);
	f.reps = reps = store_load(s, "reps.tsv");
	teams = store_load(s, "teams.tsv");
	quotas = store_load(s, "quotas.tsv");
	if (rep && roster_find_rep(reps, rep) < 0)
		die("unknown rep '%s' (%s)", rep,
		    suggest(reps, "rep", "name", rep, "rep-list shows the reps", hint));
	if (team && table_find(teams, table_col(teams, "team"), team) < 0)
		die("unknown team '%s' (%s)", team,
		    suggest(teams, "team", "name", team, "team-list shows the teams", hint));
	/*
	 * Everything is in memory: let go of the lock before writing, so that
	 * in `quota-list | quota-set --from -` the writer never waits for us
	 * while we wait for it to read.
	 */
	store_close(s);

	list_columns(cols, NCOLS, quotas, &cli, wanted, &f);
	table_free(cfg);
	table_free(reps);
	table_free(teams);
	table_free(quotas);
	return 0;
}
