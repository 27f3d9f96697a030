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
#include "newacct.h"
#include "org.h"
#include "out.h"
#include "stage.h"
#include "store.h"
#include "suggest.h"
#include "xalloc.h"

static const char usage[] =
    "usage: plan-report [--period P] [--dimension team|region|segment|product]\n"
    "                   [--manager REP] [--metric revenue|deals|new-accounts]\n"
    "                   [-o FORMAT] [--no-header] [--raw]\n"
    "                   [--columns LIST] [--color WHEN] [--today DATE] [-D DIR]\n";

static struct cli cli;
static const char *period = "this-quarter", *dim = "team", *manager, *metric;
static const struct cli_opt options[] = {
	CLI_OPT("period", "P", &period, "the period (default this-quarter)"),
	CLI_OPT("dimension", "DIM", &dim, "team (default), region, segment or product"),
	CLI_OPT("manager", "REP", &manager,
	    "only REP's organisation (direct and indirect) on each day"),
	CLI_OPT("metric", "METRIC", &metric,
	    "measure the targets of METRIC: revenue, deals or new-accounts"),
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

/*
 * --metric: the plan's targets of one metric measured as perf-report
 * measures quotas.  A key's actual is its revenue won, its won deals, or
 * its new accounts (newacct.h) in the period so far.
 */
enum {
	M_KEY, M_METRIC, M_TARGET, M_TPERIOD, M_ACTUAL, M_ATTAIN, M_EXPECTED, M_PACE, M_GAP,
	M_DAYS, M_NEEDED, M_RANK, M_FLAG, M_NCOLS
};
static struct out_col mcols[M_NCOLS] = {
	{ "", OUT_TEXT, 1 }, { "metric", OUT_TEXT, 3 }, { "target", OUT_INT, 1 },
	{ "target_period", OUT_TEXT, 5 }, { "actual", OUT_INT, 1 }, { "attainment", OUT_NUM, 1 },
	{ "expected", OUT_INT, 4 }, { "pace", OUT_STATE, 2 }, { "gap", OUT_INT, 2 },
	{ "days_left", OUT_INT, 4 }, { "needed_per_day", OUT_NUM, 3 }, { "rank", OUT_INT, 2 },
	{ "flag", OUT_STATE, 2 }
};

struct mrow {
	size_t g;
	int hq;
	struct quota_result q;
	struct quota_pace qp;
	int64_t actual;
	long rank;
};

/* Ranked: rows with a target first, then by attainment, then by actual. */
static int
cmp_rank(const void *a, const void *b)
{
	const struct mrow *x = *(struct mrow *const *)a, *y = *(struct mrow *const *)b;

	if (x->hq != y->hq)
		return y->hq - x->hq;
	if (x->hq && x->qp.has_attain != y->qp.has_attain)
		return y->qp.has_attain - x->qp.has_attain;
	if (x->hq && x->qp.has_attain && x->qp.attain != y->qp.attain)
		return x->qp.attain < y->qp.attain ? 1 : -1;
	if (x->actual != y->actual)
		return x->actual < y->actual ? 1 : -1;
	return x->g < y->g ? -1 : x->g > y->g;
}

/* A figure of the metric's unit: money for revenue, a count otherwise. */
static const char *
figure(int money, int64_t v, char *buf)
{
	return money ? money_format(v, buf) : out_number(OUT_U_COUNT, v, buf);
}

static void
print_metric(struct forecast *f, const int64_t *nacct, size_t nnacct, const struct table *plans,
	     const struct period *p, int fys, date_t today, const struct cli *cli)
{
	enum out_format fmt = out_resolve(cli->format);
	int money = strcmp(metric, "revenue") == 0, c;
	size_t *gv, ng, i, n = 0;
	struct mrow *rows, **order;
	char cell[M_NCOLS][64], title[128], name[PERIOD_NAMESZ];
	const char *cells[M_NCOLS];
	struct fc_fig *g;
	int64_t v;
	struct out *o;
	long left;

	mcols[M_KEY].name = dim;
	for (c = M_TARGET; money && c <= M_NEEDED; c++)
		if (c == M_TARGET || c == M_ACTUAL || c == M_EXPECTED || c == M_NEEDED)
			mcols[c].kind = OUT_MONEY;
	if (money)
		mcols[M_GAP].kind = OUT_GAP;
	gv = forecast_sorted(f, &ng);
	rows = xcalloc(ng + 1, sizeof *rows);
	order = xcalloc(ng + 1, sizeof *order);
	for (i = 0; i < ng; i++) {
		struct mrow *r = &rows[n];

		g = forecast_at(f, gv[i], 0);
		r->g = gv[i];
		r->hq = forecast_plan_metric(plans, dim, intern_name(f->groups, gv[i]), metric, p,
		    fys, &r->q);
		r->actual = money ? g->won : strcmp(metric, "deals") == 0 ? g->nwon :
		    gv[i] < nnacct ? nacct[gv[i]] : 0;
		if (!r->hq && r->actual == 0)
			continue;
		if (r->hq)
			quota_pace(&r->q, r->actual, today, &r->qp);
		order[n] = r;
		n++;
	}
	qsort(order, n, sizeof *order, cmp_rank);
	for (i = 0; i < n; i++)
		order[i]->rank = (long)i + 1;
	if (fmt == OUT_HTML) {
		snprintf(title, sizeof title, "Plan %s by %s: %s", period_label(p, fys, name), dim,
		    metric);
		html_begin(title);
	}
	o = out_start(fmt, mcols, M_NCOLS, cli->no_header);
	left = today >= p->to ? 0 : today < p->from ? period_days(p) : (long)(p->to - today);
	for (i = 0; i < n; i++) {
		struct mrow *r = &rows[i];

		for (c = 0; c < M_NCOLS; c++)
			cell[c][0] = '\0';
		snprintf(cell[M_KEY], sizeof cell[M_KEY], "%s", intern_name(f->groups, r->g));
		snprintf(cell[M_METRIC], sizeof cell[M_METRIC], "%s", metric);
		figure(money, r->actual, cell[M_ACTUAL]);
		snprintf(cell[M_DAYS], sizeof cell[M_DAYS], "%ld", left);
		out_number(OUT_U_COUNT, r->rank, cell[M_RANK]);
		if (r->hq) {
			figure(money, r->q.target, cell[M_TARGET]);
			snprintf(cell[M_TPERIOD], sizeof cell[M_TPERIOD], "%s", r->q.used);
			if (r->qp.has_attain)
				out_number(OUT_U_TENTHS, r->qp.attain, cell[M_ATTAIN]);
			if (r->qp.pace) {
				figure(money, r->qp.expected, cell[M_EXPECTED]);
				snprintf(cell[M_PACE], sizeof cell[M_PACE], "%s", r->qp.pace);
			}
			if (!__builtin_sub_overflow(r->q.target, r->actual, &v)) {
				figure(money, v, cell[M_GAP]);
				/* What is still to win each day left: money, or
				 * a count in tenths. */
				if (v < 0)
					v = 0;
				if (left > 0 && (money || !__builtin_mul_overflow(v, 10, &v)) &&
				    money_div_round(v, left, &v) == 0) {
					if (money)
						money_format(v, cell[M_NEEDED]);
					else
						out_number(OUT_U_TENTHS, v, cell[M_NEEDED]);
				}
			}
			if (r->q.target > 0 && r->actual >= r->q.target)
				snprintf(cell[M_FLAG], sizeof cell[M_FLAG], "top");
		}
		for (c = 0; c < M_NCOLS; c++)
			cells[c] = cell[c];
		out_row(o, cells);
	}
	out_end(o);
	html_end();
	free(order);
	free(rows);
	free(gv);
}

/* --metric new-accounts: each key's new accounts in the period so far, in
 * *nacct by group (forecast_group() adds the keys). */
static int64_t *
count_new_accounts(struct forecast *f, struct store *s, const struct stages *st,
		   const struct org *o, const struct table *accounts, const struct period *p,
		   date_t today, size_t *nnacct)
{
	date_t to = today < p->to ? today : p->to;
	size_t n = 0, i, gi;
	struct newacct *v = to >= p->from ? newacct_scan(s, st, to, &n) : NULL;
	int64_t *count = NULL;
	const char *key;

	*nnacct = 0;
	for (i = 0; i < n; i++) {
		if (v[i].date < p->from || v[i].date > to ||
		    (manager && !org_under(o, manager, v[i].rep, v[i].date)))
			continue;
		if (strcmp(dim, "team") == 0)
			key = !org_known(o, ORG_REP, v[i].rep) ? "unknown" :
			    *org_rep_team(o, v[i].rep, v[i].date) ?
			    org_rep_team(o, v[i].rep, v[i].date) : ORG_NO_TEAM;
		else if (strcmp(dim, "product") == 0)
			key = *v[i].product ? v[i].product : "unknown";
		else
			key = table_lookup(accounts, "account", v[i].account, dim);
		gi = forecast_group(f, *key ? key : "unknown");
		if (gi >= *nnacct) {
			count = xreallocarray(count, gi + 1, sizeof *count);
			memset(count + *nnacct, 0, (gi + 1 - *nnacct) * sizeof *count);
			*nnacct = gi + 1;
		}
		count[gi]++;
	}
	newacct_free(v, n);
	return count;
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
	if (metric && strcmp(metric, "revenue") != 0 && strcmp(metric, "deals") != 0 &&
	    strcmp(metric, "new-accounts") != 0)
		die_status(EXIT_USAGE, "invalid --metric '%s': want revenue, deals or new-accounts",
		    metric);
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
	if (metric) {
		size_t nnacct = 0;
		int64_t *nacct = strcmp(metric, "new-accounts") == 0 ?
		    count_new_accounts(f, s, st, o, accounts, &p, today, &nnacct) : NULL;

		print_metric(f, nacct, nnacct, plans, &p, fys, today, &cli);
		free(nacct);
	} else {
		print_plan(f, plans, teams, dim, &p, fys, today, &cli);
	}
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
