/* plan-report: the plan's targets against what was won and what is forecast,
 * and what it takes each remaining day to reach them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "forecast.h"
#include "html.h"
#include "money.h"
#include "org.h"
#include "stage.h"
#include "store.h"
#include "suggest.h"
#include "xalloc.h"

static const char usage[] =
    "usage: plan-report [--period P] [--dimension team|region|segment|product]\n"
    "                   [--manager REP] [-o FORMAT] [--no-header] [--raw]\n"
    "                   [--columns LIST] [--color WHEN] [--today DATE] [-D DIR]\n";

static struct cli cli;
static const char *period = "this-quarter", *dim = "team", *manager;
static const struct cli_opt options[] = {
	CLI_OPT("period", "P", &period, "the period (default this-quarter)"),
	CLI_OPT("dimension", "DIM", &dim, "team (default), region, segment or product"),
	CLI_OPT("manager", "REP", &manager,
	    "only REP's organisation (direct and indirect) on each day"),
	CLI_OPTS_REPORT, CLI_OPT_TODAY, CLI_OPT_DATA_DIR,
	CLI_END
};

enum {
	C_KEY, C_TARGET, C_TPERIOD, C_ACTUAL, C_FORECAST, C_GAP, C_DAYS, C_NEEDED, C_BAR,
	NCOLS
};
static struct out_col cols[NCOLS] = {
	{ "", OUT_TEXT, 1 }, { "target", OUT_MONEY, 1 }, { "target_period", OUT_TEXT, 5 },
	{ "actual", OUT_MONEY, 1 }, { "forecast", OUT_MONEY, 2 }, { "gap", OUT_GAP, 2 },
	{ "days_left", OUT_INT, 4 }, { "needed_per_day", OUT_MONEY, 3 }, { "bar", OUT_STATE, 3 }
};

/* Twenty cells of 5% of the target: won, then forecast, then the rest. */
static void
bar(char *out, int64_t actual, int64_t forecast, int64_t target)
{
	int64_t won = target > 0 ? (__int128)actual * 20 / target : 0;
	int64_t likely = target > 0 ? (__int128)forecast * 20 / target : 0;
	int i;

	out[0] = '\0';
	for (i = 0; target > 0 && i < 20; i++)
		strcat(out, i < won ? "\xe2\x96\x88" : i < likely ? "\xe2\x96\x92" : "\xc2\xb7");
}

/* -o html: the page, and above the table a bar per key: won, then the
 * forecast's weighted open deals, against the plan target. */
static void
html_charts(struct forecast *f, const struct table *plans, const struct table *teams,
	    const char *dim, const struct period *p, int fys, const size_t *gv, size_t ng)
{
	struct html_forecast_row *rows = xcalloc(ng + 1, sizeof *rows);
	size_t *sv = xcalloc(ng + 1, sizeof *sv), i, n = 0;
	int64_t *target = xcalloc(ng + 1, sizeof *target);
	int *has = xcalloc(ng + 1, sizeof *has);
	struct quota_result q;
	char title[128], name[PERIOD_NAMESZ];

	for (i = 0; i < ng; i++) {
		has[n] = forecast_plan(plans, dim, intern_name(f->groups, gv[i]), p, fys, &q);
		if (!has[n] && !forecast_at(f, gv[i], 0)->any)
			continue;
		target[n] = has[n] ? q.target : 0;
		sv[n++] = gv[i];
	}
	snprintf(title, sizeof title, "Plan %s by %s", period_label(p, fys, name), dim);
	html_begin(title);
	forecast_chart_rows(f, 0, sv, n, has, target, rows);
	for (i = 0; i < n && strcmp(dim, "team") == 0; i++)
		rows[i].label = table_lookup(teams, "team", rows[i].id, "name");
	html_forecast("Plan, actual and forecast", rows, n, NULL, 0);
	free(rows);
	free(sv);
	free(target);
	free(has);
}

/* One key's row: target, actual, forecast, gap, and what it takes each day
 * left (days after today's end) to reach the target. */
static void
key_row(struct forecast *f, size_t gv, const struct table *plans, const char *dim,
	const struct period *p, int fys, long left, struct out *o)
{
	const char *key = intern_name(f->groups, gv), *cells[NCOLS];
	struct fc_fig *g = forecast_at(f, gv, 0);
	char cell[NCOLS][64];
	struct quota_result q;
	int64_t w[FC_NCAT], fc, v;
	int c, hq = forecast_plan(plans, dim, key, p, fys, &q);

	if (!g->any && !hq)
		return;
	for (c = 0; c < NCOLS; c++)
		cell[c][0] = '\0';
	snprintf(cell[C_KEY], sizeof cell[C_KEY], "%s", key);
	fc = forecast_total(g, w);
	money_format(g->won, cell[C_ACTUAL]);
	money_format(fc, cell[C_FORECAST]);
	snprintf(cell[C_DAYS], sizeof cell[C_DAYS], "%ld", left);
	if (hq) {
		money_format(q.target, cell[C_TARGET]);
		snprintf(cell[C_TPERIOD], sizeof cell[C_TPERIOD], "%s", q.used);
		if (money_sub(q.target, fc, &v) == 0)
			money_format(v, cell[C_GAP]);
		if (left > 0 && money_sub(q.target, g->won, &v) == 0 &&
		    money_div_round(v > 0 ? v : 0, left, &v) == 0)
			money_format(v, cell[C_NEEDED]);
		bar(cell[C_BAR], g->won, fc, q.target);
	}
	for (c = 0; c < NCOLS; c++)
		cells[c] = cell[c];
	out_row(o, cells);
}

static void
print_plan(struct forecast *f, const struct table *plans, const struct table *teams,
	   const char *dim, const struct period *p, int fys, date_t today, const struct cli *cli)
{
	enum out_format fmt = out_resolve(cli->format);
	size_t *gv, ng, i;
	struct out *o;
	long left;

	cols[C_KEY].name = dim;
	gv = forecast_sorted(f, &ng);
	if (fmt == OUT_HTML)
		html_charts(f, plans, teams, dim, p, fys, gv, ng);
	o = out_start(fmt, cols, out_is_table(fmt) ? NCOLS : NCOLS - 1, cli->no_header);
	/* Days after today's end that are left in the period. */
	left = today >= p->to ? 0 : today < p->from ? period_days(p) : (long)(p->to - today);
	for (i = 0; i < ng; i++)
		key_row(f, gv[i], plans, dim, p, fys, left, o);
	out_end(o);
	html_end();
	free(gv);
}

int
main(int argc, char *argv[])
{
	char hint[SUGGEST_BUFSZ];
	struct table *cfg, *reps, *teams, *accounts, *plans;
	struct forecast *f;
	struct org *o;
	struct stages *st;
	struct store *s;
	struct period p;
	enum fc_by by;
	date_t today;
	size_t i;
	int dc, kc, fys;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv) != 0)
		cli_usage(&cli);
	if (forecast_by_parse(dim, &by) < 0 || by == FC_REP)
		die_status(EXIT_USAGE, "invalid --dimension '%s': want team, region, segment "
		    "or product", dim);
	today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_READ);
	cfg = config_load(s);
	fys = config_fiscal_start(cfg);
	cli_period(period, today, fys, &p);
	reps = store_load(s, "reps.tsv");
	teams = store_load(s, "teams.tsv");
	accounts = store_load(s, "accounts.tsv");
	plans = store_load(s, "plans.tsv");
	st = stages_load(s);
	o = org_load(s, 0);
	if (manager && !org_known(o, ORG_REP, manager))
		die("unknown manager '%s' (%s)", manager, suggest(reps, "rep", "name",
		    manager, "rep-list --all shows every rep", hint));
	f = forecast_new(by, reps, accounts);
	forecast_org(f, o, manager);
	forecast_point(f, &p, today);
	forecast_scan(f, s, st);
	/* Every key planned in this dimension has a row, even with nothing won. */
	dc = table_col(plans, "dimension");
	kc = table_col(plans, "key");
	for (i = 0; dc >= 0 && kc >= 0 && i < plans->nrows; i++)
		if (strcmp(table_get(plans, i, dc), dim) == 0)
			forecast_group(f, table_get(plans, i, kc));
	print_plan(f, plans, teams, dim, &p, fys, today, &cli);
	close_stdout();
	forecast_free(f);
	org_free(o);
	stages_free(st);
	table_free(plans);
	table_free(accounts);
	table_free(teams);
	table_free(reps);
	table_free(cfg);
	store_close(s);
	return 0;
}
