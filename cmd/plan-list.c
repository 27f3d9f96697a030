/* plan-list: show the plan targets, as plan-set --from takes them. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "list.h"
#include "out.h"
#include "period.h"
#include "schema.h"
#include "store.h"

static const char usage[] =
    "usage: plan-list [--period P] [--dimension D] [-o FORMAT] [--no-header] [--raw]\n"
    "                 [--columns LIST] [--color WHEN] [-D DIR] [--today DATE]\n";

enum { C_PERIOD, C_DIMENSION, C_KEY, C_METRIC, C_TARGET, NCOLS };
static const struct out_col cols[NCOLS] = {
	{ "period", OUT_TEXT, 1 }, { "dimension", OUT_TEXT, 2 }, { "key", OUT_TEXT, 1 },
	{ "metric", OUT_TEXT, 2 }, { "target", OUT_MONEY, 1 },
};

static struct cli cli;
static const char *period, *dimension;
static const struct cli_opt options[] = {
	CLI_OPT("period", "P", &period, "only the targets for periods that overlap P"),
	CLI_OPT("dimension", "D", &dimension, "only team, region, segment or product targets"),
	CLI_OPTS_REPORT, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

struct filter {
	int fys;
	struct period p;
};

static int
wanted(const struct table *plans, size_t i, const void *arg)
{
	const struct filter *f = arg;

	return (!dimension || strcmp(table_cell(plans, i, "dimension"), dimension) == 0) &&
	    (!period || list_overlaps(table_cell(plans, i, "period"), f->fys, &f->p));
}

int
main(int argc, char *argv[])
{
	const struct coldef *dim = &schema_plans.cols[C_DIMENSION];
	struct table *cfg, *plans;
	struct filter f = { 0 };
	struct store *s;
	date_t today;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv))
		cli_usage(&cli);
	if (dimension && schema_check_value(dim, dimension))
		die_status(EXIT_USAGE, "invalid dimension '%.64s': want team, region, segment "
		    "or product", dimension);
	today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_READ);
	cfg = config_load(s);
	f.fys = config_fiscal_start(cfg);
	if (period)
		cli_period(period, today, f.fys, &f.p);
	plans = store_load(s, "plans.tsv");
	/* Key order even from a hand-edited file. */
	schema_sort(&schema_plans, plans);
	/*
	 * Everything is in memory: let go of the lock before writing, so that
	 * in `plan-list | plan-set --from -` the writer never waits for us
	 * while we wait for it to read.
	 */
	store_close(s);

	list_columns(cols, NCOLS, plans, &cli, wanted, &f);
	table_free(cfg);
	table_free(plans);
	return 0;
}
