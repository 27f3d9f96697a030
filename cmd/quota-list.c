/* quota-list: show the quotas, as quota-set --from takes them. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "out.h"
#include "period.h"
#include "quota.h"
#include "roster.h"
#include "store.h"

static const char usage[] =
    "usage: quota-list [--period P] [--rep REP] [--team TEAM] [--metric METRIC]\n"
    "                  [-o FORMAT] [--no-header] [-D DIR] [--today DATE]\n";

enum { OPT_PERIOD = CLI_OWN, OPT_REP, OPT_TEAM, OPT_METRIC };
enum { C_PERIOD, C_REP, C_TEAM, C_METRIC, C_TARGET, NCOLS };

static const struct out_col cols[NCOLS] = {
	{ "period", OUT_TEXT }, { "rep", OUT_TEXT }, { "team", OUT_TEXT },
	{ "metric", OUT_TEXT }, { "target", OUT_MONEY },
};

struct filter {
	const char *rep, *team, *metric;
	int has_period, fys;
	struct period p;
	const struct table *reps;
};

/* A team's quotas are its own rows and those of the reps in it. */
static int
in_team(const struct filter *f, const char *rep, const char *team)
{
	long row;

	if (*team)
		return strcmp(team, f->team) == 0;
	row = roster_find_rep(f->reps, rep);
	return row >= 0 &&
	    strcmp(table_get(f->reps, (size_t)row, table_col(f->reps, "team")), f->team) == 0;
}

static int
wanted(const struct filter *f, const char *const *v)
{
	struct period q;

	if (f->rep && strcmp(v[C_REP], f->rep) != 0)
		return 0;
	if (f->team && !in_team(f, v[C_REP], v[C_TEAM]))
		return 0;
	if (f->metric && strcmp(v[C_METRIC], f->metric) != 0)
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
		{ "rep", required_argument, NULL, OPT_REP },
		{ "team", required_argument, NULL, OPT_TEAM },
		{ "metric", required_argument, NULL, OPT_METRIC },
		{ 0 }
	};
	const char *period = NULL, *v[NCOLS];
	struct table *cfg, *reps, *teams, *quotas;
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
		case OPT_REP: f.rep = optarg; break;
		case OPT_TEAM: f.team = optarg; break;
		case OPT_METRIC: f.metric = optarg; break;
		default: cli_common(&cli, c, usage);
		}
	}
	if (optind != argc)
		die_usage(usage);
	if (f.metric && !quota_metric_valid(f.metric))
		die_status(EXIT_USAGE, "invalid metric '%s': want revenue, deals or activities",
		    f.metric);
	today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_READ);
	cfg = config_load(s);
	f.fys = config_fiscal_start(cfg);
	if (period) {
		if (period_parse(period, today, f.fys, &f.p) < 0)
			die_status(EXIT_USAGE, "invalid period '%s' (see salesmgr(7) for periods)",
			    period);
		f.has_period = 1;
	}
	f.reps = reps = store_load(s, "reps.tsv");
	teams = store_load(s, "teams.tsv");
	quotas = store_load(s, "quotas.tsv");
	if (f.rep && roster_find_rep(f.reps, f.rep) < 0)
		die("unknown rep '%s' (rep-list shows the reps)", f.rep);
	if (f.team && table_find(teams, table_col(teams, "team"), f.team) < 0)
		die("unknown team '%s' (team-list shows the teams)", f.team);
	for (j = 0; j < NCOLS; j++)
		if ((col[j] = table_col(quotas, cols[j].name)) < 0)
			die("quotas.tsv: no column '%s'; run sales-check", cols[j].name);
	/*
	 * Everything is in memory: let go of the lock before writing, so that
	 * in `quota-list | quota-set --from -` the writer never waits for us
	 * while we wait for it to read.
	 */
	store_close(s);

	o = out_start(out_resolve(cli.format), cols, NCOLS, cli.no_header);
	for (i = 0; i < quotas->nrows; i++) {
		for (j = 0; j < NCOLS; j++)
			v[j] = table_get(quotas, i, col[j]);
		if (wanted(&f, v))
			out_row(o, v);
	}
	out_end(o);
	close_stdout();
	table_free(cfg);
	table_free(reps);
	table_free(teams);
	table_free(quotas);
	return 0;
}
