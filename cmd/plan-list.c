/* plan-list: show the plan targets, as plan-set --from takes them. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "out.h"
#include "period.h"
#include "schema.h"
#include "store.h"

static const char usage[] =
    "usage: plan-list [--period P] [--dimension D] [-o FORMAT] [--no-header]\n"
    "                 [-D DIR] [--today DATE]\n";

enum { OPT_PERIOD = CLI_OWN, OPT_DIMENSION };
enum { C_PERIOD, C_DIMENSION, C_KEY, C_METRIC, C_TARGET, NCOLS };

static const struct out_col cols[NCOLS] = {
	{ "period", OUT_TEXT }, { "dimension", OUT_TEXT }, { "key", OUT_TEXT },
	{ "metric", OUT_TEXT }, { "target", OUT_MONEY },
};

struct filter {
	const char *dimension;
	int has_period, fys;
	struct period p;
};

/* A row is wanted when its period overlaps the one asked for. */
static int
wanted(const struct filter *f, const char *const *v)
{
	struct period q;

	if (f->dimension && strcmp(v[C_DIMENSION], f->dimension) != 0)
		return 0;
	if (f->has_period && (period_parse(v[C_PERIOD], 0, f->fys, &q) < 0 ||
	    q.to < f->p.from || q.from > f->p.to))
		return 0;
	return 1;
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_REPORT,
		{ "period", required_argument, NULL, OPT_PERIOD },
		{ "dimension", required_argument, NULL, OPT_DIMENSION },
		{ 0 }
	};
	const char *period = NULL, *v[NCOLS];
	const struct coldef *dim = &schema_plans.cols[C_DIMENSION];
	struct table *cfg, *plans;
	struct filter f = { 0 };
	struct cli cli = { 0 };
	struct store *s;
	struct out *o;
	int c, col[NCOLS];
	size_t i, j;
	date_t today;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:ho:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_PERIOD: period = optarg; break;
		case OPT_DIMENSION: f.dimension = optarg; break;
		default: cli_common(&cli, c, usage);
		}
	}
	if (optind != argc)
		die_usage(usage);
	if (f.dimension && schema_check_value(dim, f.dimension))
		die_status(EXIT_USAGE, "invalid dimension '%.64s': want team, region, segment "
		    "or product", f.dimension);
	today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_READ);
	cfg = config_load(s);
	f.fys = config_fiscal_start(cfg);
	if (period) {
		if (period_parse(period, today, f.fys, &f.p) < 0)
			die_status(EXIT_USAGE, "invalid period '%.64s' (see salesmgr(7) for "
			    "periods)", period);
		f.has_period = 1;
	}
	plans = store_load(s, "plans.tsv");
	for (j = 0; j < NCOLS; j++)
		if ((col[j] = table_col(plans, cols[j].name)) < 0)
			die("plans.tsv: no column '%s'; run sales-check", cols[j].name);
	/* Key order even from a hand-edited file. */
	schema_sort(&schema_plans, plans);
	/*
	 * Everything is in memory: let go of the lock before writing, so that
	 * in `plan-list | plan-set --from -` the writer never waits for us
	 * while we wait for it to read.
	 */
	store_close(s);

	o = out_start(out_resolve(cli.format), cols, NCOLS, cli.no_header);
	for (i = 0; i < plans->nrows; i++) {
		for (j = 0; j < NCOLS; j++)
			v[j] = table_get(plans, i, col[j]);
		if (wanted(&f, v))
			out_row(o, v);
	}
	out_end(o);
	close_stdout();
	table_free(cfg);
	table_free(plans);
	return 0;
}
