/* deal-forecast: where the period will land, per group, as of any day; and
 * how close past forecasts came to what was won. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call.h"
#include "cli.h"
#include "config.h"
#include "coverage.h"
#include "date.h"
#include "err.h"
#include "forecast.h"
#include "html.h"
#include "money.h"
#include "quota.h"
#include "org.h"
#include "perf.h"
#include "stage.h"
#include "store.h"
#include "suggest.h"
#include "trail.h"
#include "xalloc.h"

static const char usage[] =
    "usage: deal-forecast [--period P] [--by rep|team|region|segment|product]\n"
    "                     [--manager REP] [--as-of DATE] [--calls] [-o FORMAT]\n"
    "                     [--no-header] [--raw] [--columns LIST] [--color WHEN]\n"
    "                     [--today DATE] [-D DIR]\n"
    "       deal-forecast --accuracy [--period P] [--at DAYS[,DAYS ...]] [--calls]\n"
    "                     [--by rep|team|region|segment|product] [--manager REP]\n"
    "                     [-o FORMAT] [--no-header] [--raw] [--columns LIST]\n"
    "                     [--color WHEN] [--today DATE] [-D DIR]\n";

static struct cli cli;
static const char *period, *by = "rep", *as_of_s, *at_s, *manager;
static int accuracy, with_calls;
static const struct cli_opt options[] = {
	CLI_OPT("period", "P", &period, "the period to forecast (default this-quarter)"),
	CLI_OPT("by", "BY", &by, "rep (default), team, region, segment or product"),
	CLI_OPT("manager", "REP", &manager,
	    "only REP's organisation (direct and indirect) on each day"),
	CLI_OPT("as-of", "DATE", &as_of_s, "forecast as of the end of DATE, today or before"),
	CLI_FLAG("accuracy", &accuracy, "compare past forecasts with what was won"),
	CLI_FLAG("calls", &with_calls, "add the reps' and managers' calls and the gap to them"),
	CLI_OPT("at", "DAYS", &at_s, "with --accuracy, days before each period's end (30)"),
	CLI_OPTS_REPORT, CLI_OPT_TODAY, CLI_OPT_DATA_DIR,
	CLI_END
};
enum { MAXAT = 16, NQUARTERS = 4 };
/* required_coverage and velocity rest on the deals closed in this many
 * days up to the as-of day: a quarter in progress has too few. */
enum { TRAILING_DAYS = 365 };
/* A period in progress has a run rate once a quarter of it has passed,
 * for a group with at least this many won deals: before, it is luck. */
enum { RUNRATE_MIN_DEALS = 3 };

enum {
	C_KEY, C_WON, C_COMMIT, C_COMMIT_W, C_BEST, C_BEST_W, C_PIPE, C_PIPE_W,
	C_FORECAST, C_RUNRATE, C_TARGET, C_TPERIOD, C_TFROM, C_GAP, C_NSLIP, C_SLIP, C_NWON,
	C_COVERAGE, C_REQCOV, C_VELOCITY, C_CALL, C_CALLDATE, C_CALLFROM, C_CALLGAP, C_CALLNOTE,
	NCOLS
};
static struct out_col cols[NCOLS] = {
	{ "", OUT_TEXT, 1 }, { "won", OUT_MONEY, 1 }, { "commit", OUT_MONEY, 5 },
	{ "commit_weighted", OUT_MONEY, 3 }, { "best", OUT_MONEY, 5 }, { "best_weighted", OUT_MONEY, 4 },
	{ "pipeline", OUT_MONEY, 5 }, { "pipeline_weighted", OUT_MONEY, 4 },
	{ "forecast", OUT_MONEY, 1 }, { "run_rate", OUT_MONEY, 4 }, { "target", OUT_MONEY, 2 },
	{ "target_period", OUT_TEXT, 6 }, { "target_from", OUT_TEXT, 6 }, { "gap", OUT_GAP, 2 },
	{ "slipped_deals", OUT_INT, 3 }, { "slipped", OUT_MONEY, 3 }, { "won_deals", OUT_INT, 4 },
	{ "coverage", OUT_NUM, 3 }, { "required_coverage", OUT_NUM, 5 }, { "velocity", OUT_MONEY, 4 },
	{ "call", OUT_MONEY, 3 }, { "call_date", OUT_TEXT, 5 }, { "call_from", OUT_TEXT, 6 },
	{ "call_gap", OUT_GAP, 3 }, { "call_note", OUT_TEXT, 6 }
};
enum {
	A_PERIOD, A_AT, A_ASOF, A_KEY, A_FORECAST, A_WON, A_ERROR,
	A_REPS_CALL, A_REPS_ERROR, A_MGR_CALL, A_MGR_ERROR, NACOLS
};
static struct out_col acols[NACOLS] = {
	{ "period", OUT_TEXT, 1 }, { "at", OUT_INT, 1 }, { "as_of", OUT_TEXT, 3 }, { "", OUT_TEXT, 1 },
	{ "forecast", OUT_MONEY, 2 }, { "won", OUT_MONEY, 2 }, { "error", OUT_NUM, 2 },
	{ "reps_call", OUT_MONEY, 3 }, { "reps_call_error", OUT_NUM, 2 },
	{ "manager_call", OUT_MONEY, 3 }, { "manager_call_error", OUT_NUM, 2 }
};

struct ctx {
	struct forecast *f;
	struct table *reps, *teams, *quotas, *plans, *accounts;
	struct table *calls;	/* --calls, else NULL */
	struct trail *trail;	/* by rep or team: the TRAILING_DAYS up to as-of */
	struct trail_month *cur;	/* its last month, as forecast_scan() goes */
	struct org_groups *tg;
	struct org *o;
	struct intern *listed;	/* rows shown even with nothing to show */
	struct stages *stages;
	const struct stages *st;
	enum fc_by by;
	int fys;
	struct cli *cli;
};

/* Groups that get a row even when empty: the active reps or the teams,
 * and every key with a plan in this dimension. */
static void
list_groups(struct ctx *x)
{
	int rc = table_col(x->reps, "rep"), sc = table_col(x->reps, "status");
	int tc = table_col(x->teams, "team"), dc = table_col(x->plans, "dimension");
	int kc = table_col(x->plans, "key");
	const char *k;
	size_t i;

	x->listed = intern_new();
	for (i = 0; x->by == FC_REP && i < x->reps->nrows; i++)
		if (strcmp(table_get(x->reps, i, sc), "active") == 0 && (!manager ||
		    org_under(x->o, manager, table_get(x->reps, i, rc), date_today(x->cli->today)))) {
			k = table_get(x->reps, i, rc);
			intern_add(x->listed, k, strlen(k));
		}
	for (i = 0; x->by == FC_TEAM && !manager && i < x->teams->nrows; i++) {
		k = table_get(x->teams, i, tc);
		intern_add(x->listed, k, strlen(k));
	}
	for (i = 0; x->by != FC_REP && dc >= 0 && kc >= 0 && i < x->plans->nrows; i++)
		if (strcmp(table_get(x->plans, i, dc), forecast_by_name(x->by)) == 0)
			forecast_group(x->f, table_get(x->plans, i, kc));
	for (i = 0; i < intern_count(x->listed); i++)
		forecast_group(x->f, intern_name(x->listed, i));
}

/* Does group gv get a row?  Its target, if any, in *hq, q and *from. */
static int
shown(struct ctx *x, size_t gv, const struct period *p, int *hq, struct quota_result *q,
      const char **from)
{
	const char *key = intern_name(x->f->groups, gv);

	*hq = forecast_target(x->by, key, x->quotas, x->plans, x->o, p, x->fys, q, from);
	return forecast_at(x->f, gv, 0)->any || *hq ||
	    intern_get(x->listed, key, strlen(key)) >= 0;
}

/* -o html: the page, and above the table the charts of the forecast. */
static void
html_charts(struct ctx *x, const struct period *p, date_t as_of, const size_t *gv, size_t ng)
{
	struct html_forecast_row *rows = xcalloc(ng + 1, sizeof *rows);
	struct html_stage_row *stages = xcalloc(x->st->n + 1, sizeof *stages);
	size_t *sv = xcalloc(ng + 1, sizeof *sv), i, n = 0;
	int64_t *target = xcalloc(ng + 1, sizeof *target);
	int *has = xcalloc(ng + 1, sizeof *has);
	char title[128], day[DATE_BUFSZ], name[PERIOD_NAMESZ];
	struct quota_result q;
	const char *from;

	for (i = 0; i < ng; i++)
		if (shown(x, gv[i], p, &has[n], &q, &from)) {
			target[n] = has[n] ? q.target : 0;
			sv[n++] = gv[i];
		}
	snprintf(title, sizeof title, "Forecast %s by %s", period_label(p, x->fys, name),
	    forecast_by_name(x->by));
	html_begin(title);
	snprintf(title, sizeof title, "As of %s.", date_format(as_of, day));
	html_para(title);
	forecast_chart_rows(x->f, 0, sv, n, has, target, rows);
	for (i = 0; i < n && (x->by == FC_REP || x->by == FC_TEAM); i++)
		rows[i].label = x->by == FC_REP ? table_lookup(x->reps, "rep", rows[i].id, "name") :
		    table_lookup(x->teams, "team", rows[i].id, "name");
	html_forecast("Won and weighted pipeline against the target", rows, n, stages,
	    forecast_stage_rows(x->f, 0, x->st, stages));
	free(rows);
	free(stages);
	free(sv);
	free(target);
	free(has);
}

/* What the run rates rest on, and where there is none, on stderr. */
static void
runrate_said(const struct ctx *x, const struct period *p, date_t as_of, long elapsed,
	     int early, size_t nshown, size_t nthin, int64_t nwon)
{
	long days = period_days(p);
	char day[DATE_BUFSZ];

	date_format(as_of, day);
	if (elapsed == 0 || elapsed == days || nshown == 0)
		return;
	if (early)
		warn("only %ld of the %ld days of %s have passed by %s: no run rate before "
		    "day %ld", elapsed, days, p->name, day, (days + 3) / 4);
	else if (nthin)
		warn("no run rate for %zu of %zu %s%s with fewer than %d won deals in %s to %s "
		    "(see won_deals)", nthin, nshown, forecast_by_name(x->by), nshown == 1 ?
		    "" : "s", RUNRATE_MIN_DEALS, p->name, day);
	else
		cli_note("run rates from %ld of the %ld days of %s and %lld won deals", elapsed,
		    days, p->name, (long long)nwon);
}

/* Are the trailing window's figures wanted (trail.h)? */
static int
trail_wanted(const struct ctx *x)
{
	return (x->by == FC_REP || x->by == FC_TEAM) &&
	    (out_column_wanted(cols[C_REQCOV].name) || out_column_wanted(cols[C_VELOCITY].name));
}

/* forecast_scan()'s events of the month of as-of, for trail_scan(). */
static void
tap(void *arg, struct history *h, const struct hist_event *ev)
{
	trail_month_event(arg, h, ev);
}

/* The trailing closed deals of each rep or team (of a manager's, with
 * --manager), as perf-report counts them, for required_coverage and
 * velocity: from the months' summaries (trail.h) where they are all
 * there, with the month of as-of as forecast_scan() replayed it; else
 * from a replay of the window. */
static void
trailing(struct ctx *x, struct store *s, date_t as_of)
{
	char range[2 * DATE_BUFSZ + 2], from[DATE_BUFSZ], to[DATE_BUFSZ];
	struct trail_month *cur = x->cur;
	struct period w;
	struct perf *p;

	x->cur = NULL;
	if (cur && !forecast_tapped(x->f)) {
		trail_month_free(cur);
		cur = NULL;
	}
	if (!trail_wanted(x)) {
		trail_month_free(cur);
		return;
	}
	snprintf(range, sizeof range, "%s..%s", date_format(as_of - (TRAILING_DAYS - 1), from),
	    date_format(as_of, to));
	if (period_parse(range, as_of, x->fys, &w) < 0)
		die("no window of %d days before '%s'", TRAILING_DAYS, to);
	if (x->by == FC_TEAM || manager)
		x->tg = org_groups_new(x->o, x->by == FC_REP ? ORG_BY_REP : ORG_BY_TEAM, manager,
		    NULL);
	if ((x->trail = trail_scan(s, x->st, w.from, as_of, cur, x->tg)))
		return;
	if (!x->tg)
		x->tg = org_groups_new(x->o, ORG_BY_REP, NULL, NULL);
	p = perf_scan_what(s, x->st, &w, as_of, 0, x->tg, NULL, PERF_DEALS);
	x->trail = trail_of_perf(p);
	perf_free(p);
}

/* coverage of the period's open deals against what the target still
 * needs; required_coverage and velocity from the trailing window. */
static void
health(struct ctx *x, const char *key, const struct fc_fig *g, const struct quota_result *q,
       char cell[NCOLS][64])
{
	int64_t open = 0, nopen = 0, v;
	const struct trail_fig *t;
	long i;
	int c;

	for (c = 0; c < FC_NCAT; c++) {
		open += g->open[c];
		nopen += g->nopen[c];
	}
	if (q && coverage_of(open, q->target, g->won, &v))
		out_number(OUT_U_TENTHS, v, cell[C_COVERAGE]);
	i = x->trail ? intern_get(x->trail->reps, key, strlen(key)) : -1;
	if (i < 0)
		return;
	t = &x->trail->fig[i];
	if (coverage_required(t->won_count, t->lost_count, &v))
		out_number(OUT_U_TENTHS, v, cell[C_REQCOV]);
	if (coverage_velocity_days(nopen, t->won, t->won_count, t->lost_count, t->cycle_days,
	    t->ncycles, &v))
		money_format(v, cell[C_VELOCITY]);
}

static void
print_forecast(struct ctx *x, const struct period *p, date_t as_of)
{
	char cell[NCOLS][64];
	const char *cells[NCOLS], *from, *key;
	struct quota_result q;
	struct call call;
	int64_t w[FC_NCAT], fc, rate;
	size_t *gv, ng, i, j;
	long days = period_days(p), elapsed;
	size_t nshown = 0, nthin = 0;
	int64_t nwon = 0;
	struct fc_fig *g;
	struct out *o;
	int hq, c, early;

	cols[C_KEY].name = forecast_by_name(x->by);
	gv = forecast_sorted(x->f, &ng);
	if (out_resolve(x->cli->format) == OUT_HTML)
		html_charts(x, p, as_of, gv, ng);
	o = out_start(out_resolve(x->cli->format), cols, x->calls ? NCOLS : C_CALL,
	    x->cli->no_header);
	elapsed = as_of < p->from ? 0 : as_of > p->to ? days : (long)(as_of - p->from + 1);
	early = elapsed < days && elapsed * 4 < days;
	for (i = 0; i < ng; i++) {
		key = intern_name(x->f->groups, gv[i]);
		g = forecast_at(x->f, gv[i], 0);
		if (!shown(x, gv[i], p, &hq, &q, &from))
			continue;
		for (c = 0; c < NCOLS; c++)
			cell[c][0] = '\0';
		snprintf(cell[C_KEY], sizeof cell[C_KEY], "%s", key);
		fc = forecast_total(g, w);
		money_format(g->won, cell[C_WON]);
		for (j = 0; j < FC_NCAT; j++) {
			money_format(g->open[j], cell[C_COMMIT + 2 * j]);
			money_format(w[j], cell[C_COMMIT_W + 2 * j]);
		}
		money_format(fc, cell[C_FORECAST]);
		nshown++;
		nwon += g->nwon;
		if (elapsed < days && !early && g->nwon < RUNRATE_MIN_DEALS)
			nthin++;
		if (elapsed > 0 && !early && (elapsed == days || g->nwon >= RUNRATE_MIN_DEALS) &&
		    money_mul(g->won, days, &rate) == 0 && money_div_round(rate, elapsed, &rate) == 0)
			money_format(rate, cell[C_RUNRATE]);
		if (hq) {
			money_format(q.target, cell[C_TARGET]);
			snprintf(cell[C_TPERIOD], sizeof cell[C_TPERIOD], "%s", q.used);
			snprintf(cell[C_TFROM], sizeof cell[C_TFROM], "%s", from);
			if (money_sub(q.target, fc, &rate) == 0)
				money_format(rate, cell[C_GAP]);
		}
		snprintf(cell[C_NSLIP], sizeof cell[C_NSLIP], "%lld", (long long)g->nslipped);
		money_format(g->slipped, cell[C_SLIP]);
		snprintf(cell[C_NWON], sizeof cell[C_NWON], "%lld", (long long)g->nwon);
		health(x, key, g, hq ? &q : NULL, cell);
		if (x->calls && call_of(x->calls, x->o, forecast_by_name(x->by), key, p, as_of,
		    &call)) {
			money_format(call.amount, cell[C_CALL]);
			date_format(call.date, cell[C_CALLDATE]);
			snprintf(cell[C_CALLFROM], sizeof cell[C_CALLFROM], "%s", call.from);
			if (money_sub(call.amount, fc, &rate) == 0)
				money_format(rate, cell[C_CALLGAP]);
		}
		for (c = 0; c < NCOLS; c++)
			cells[c] = cell[c];
		if (x->calls && call.from)
			cells[C_CALLNOTE] = call.note;
		out_row(o, cells);
	}
	out_end(o);
	html_end();
	free(gv);
	runrate_said(x, p, as_of, elapsed, early, nshown, nthin, nwon);
}

/* --accuracy --calls: a row for whoever called, deals or not. */
static void
call_groups(struct ctx *x)
{
	int c = table_col(x->calls, forecast_by_name(x->by));
	size_t i;

	for (i = 0; c >= 0 && i < x->calls->nrows; i++)
		if (*table_get(x->calls, i, c))
			forecast_group(x->f, table_get(x->calls, i, c));
	for (i = 0; x->by == FC_TEAM && i < x->teams->nrows; i++)
		forecast_group(x->f, table_get(x->teams, i, table_col(x->teams, "team")));
}

/* --accuracy --calls: the reps' calls in force on as_of (a rep's own, or
 * a team's reps' summed) and the manager's (a team's own), each scored
 * against what was won. */
static void
calls_scored(struct ctx *x, const char *key, const struct period *p, date_t as_of,
	     int64_t won, char cell[NACOLS][64])
{
	struct call c;
	int found;

	cell[A_REPS_CALL][0] = cell[A_REPS_ERROR][0] = '\0';
	cell[A_MGR_CALL][0] = cell[A_MGR_ERROR][0] = '\0';
	found = x->by == FC_REP ? call_own(x->calls, "rep", key, p, as_of, &c) :
	    x->by == FC_TEAM && call_reps(x->calls, x->o, key, p, as_of, &c);
	if (found) {
		money_format(c.amount, cell[A_REPS_CALL]);
		call_error(c.amount, won, cell[A_REPS_ERROR]);
	}
	if (x->by == FC_TEAM && call_own(x->calls, "team", key, p, as_of, &c)) {
		money_format(c.amount, cell[A_MGR_CALL]);
		call_error(c.amount, won, cell[A_MGR_ERROR]);
	}
}

/* For each period: won by its end (point base), and each --at forecast
 * (points base + 1 ...). */
static void
print_accuracy(struct ctx *x, const struct period *pv, size_t np, const long *at, size_t nat)
{
	char cell[NACOLS][64];
	const char *cells[NACOLS], *key;
	struct fc_fig *g, *a;
	size_t *gv, ng, i, k, j, base;
	int64_t w[FC_NCAT], fc;
	struct out *o;
	int c;

	acols[A_KEY].name = forecast_by_name(x->by);
	if (out_resolve(x->cli->format) == OUT_HTML) {
		char title[sizeof pv->name * 2 + 64];

		snprintf(title, sizeof title, "Forecast accuracy %s%s%s by %s", pv[0].name,
		    np > 1 ? " to " : "", np > 1 ? pv[np - 1].name : "", forecast_by_name(x->by));
		html_begin(title);
	}
	o = out_start(out_resolve(x->cli->format), acols, x->calls ? NACOLS : A_REPS_CALL,
	    x->cli->no_header);
	gv = forecast_sorted(x->f, &ng);
	for (i = 0; i < np; i++) {
		base = i * (nat + 1);
		for (k = 0; k < nat; k++) {
			for (j = 0; j < ng; j++) {
				key = intern_name(x->f->groups, gv[j]);
				g = forecast_at(x->f, gv[j], base + 1 + k);
				a = forecast_at(x->f, gv[j], base);
				cell[A_REPS_CALL][0] = cell[A_MGR_CALL][0] = '\0';
				if (x->calls)
					calls_scored(x, key, &pv[i], x->f->pt[base + 1 + k].as_of,
					    a->won, cell);
				if (!g->any && !a->any && !cell[A_REPS_CALL][0] && !cell[A_MGR_CALL][0])
					continue;
				fc = forecast_total(g, w);
				snprintf(cell[A_PERIOD], 64, "%s", pv[i].name);
				snprintf(cell[A_AT], 64, "%ld", at[k]);
				date_format(x->f->pt[base + 1 + k].as_of, cell[A_ASOF]);
				snprintf(cell[A_KEY], 64, "%s", key);
				money_format(fc, cell[A_FORECAST]);
				money_format(a->won, cell[A_WON]);
				call_error(fc, a->won, cell[A_ERROR]);
				for (c = 0; c < NACOLS; c++)
					cells[c] = cell[c];
				out_row(o, cells);
			}
		}
	}
	out_end(o);
	html_end();
	free(gv);
}

/* "60,30,7" -> at[]; dies on anything else. */
static size_t
parse_at(const char *s, long *at)
{
	char *copy = xstrdup(s), *p = copy, *e;
	long long v;
	size_t n = 0;

	for (;;) {
		e = strchr(p, ',');
		if (e)
			*e = '\0';
		if (n == MAXAT || parse_uint(p, 3660, &v) < 0)
			die_status(EXIT_USAGE, "invalid --at '%s': want days before the "
			    "period's end, like 30 or 60,30,7", s);
		at[n++] = (long)v;
		if (!e)
			break;
		p = e + 1;
	}
	free(copy);
	return n;
}

/* The points: the period as of a day; with --accuracy, each period at its
 * end and --at days before it. */
static void
add_points(struct ctx *x, const struct period *pv, size_t np, int accuracy, date_t as_of,
	   const long *at, size_t nat)
{
	size_t i, k;

	for (i = 0; i < np; i++) {
		if (!accuracy) {
			forecast_point(x->f, &pv[i], as_of);
			continue;
		}
		forecast_point(x->f, &pv[i], pv[i].to);
		for (k = 0; k < nat; k++)
			forecast_point(x->f, &pv[i], pv[i].to - (date_t)at[k]);
	}
}

/* The periods asked for: the one named (relative to as_of), else with
 * --accuracy the last complete quarters, oldest first.  Returns how many. */
static size_t
periods(const char *period, int accuracy, date_t today, date_t as_of, int fys,
	struct period *pv)
{
	size_t np = 0;
	date_t from;

	/* Relative periods count from the day the forecast is made. */
	if (period)
		cli_period(period, as_of, fys, &pv[np++]);
	if (accuracy && period && pv[0].to >= today)
		die_status(EXIT_USAGE, "period '%s' has not ended: --accuracy looks at past "
		    "periods", period);
	for (; !period && accuracy && np < NQUARTERS; np++) {
		from = np ? pv[0].from : today;
		memmove(pv + 1, pv, np * sizeof *pv);
		if (period_parse("last-quarter", from, fys, &pv[0]) < 0)
			die("no quarter before today");
	}
	return np;
}

static void
load(struct ctx *x, struct store *s)
{
	char hint[SUGGEST_BUFSZ];

	x->reps = store_load(s, "reps.tsv");
	x->teams = store_load(s, "teams.tsv");
	x->plans = store_load(s, "plans.tsv");
	x->accounts = store_load(s, "accounts.tsv");
	x->stages = stages_load(s);
	x->st = x->stages;
	x->o = org_load_tables(s, x->reps, x->teams, NULL);
	if (manager && !org_known(x->o, ORG_REP, manager))
		die("unknown manager '%s' (%s)", manager, suggest(x->reps, "rep", "name",
		    manager, "rep-list --all shows every rep", hint));
	x->f = forecast_new(x->by, x->reps, x->accounts);
	forecast_org(x->f, x->o, manager);
}

static void
unload(struct ctx *x)
{
	intern_free(x->listed);
	trail_free(x->trail);
	org_groups_free(x->tg);
	forecast_free(x->f);
	org_free(x->o);
	stages_free(x->stages);
	table_free(x->accounts);
	table_free(x->plans);
	table_free(x->quotas);
	table_free(x->teams);
	table_free(x->reps);
	table_free(x->calls);
}

int
main(int argc, char *argv[])
{
	struct period pv[NQUARTERS];
	struct ctx x = { 0 };
	struct table *cfg;
	struct store *s;
	long at[MAXAT] = { 30 };
	size_t nat = 1, np;
	date_t today, as_of;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv) != 0)
		cli_usage(&cli);
	if (forecast_by_parse(by, &x.by) < 0)
		die_status(EXIT_USAGE, "invalid --by '%s': want rep, team, region, segment "
		    "or product", by);
	if (accuracy && as_of_s)
		die_status(EXIT_USAGE, "--as-of does not go with --accuracy (use --at)");
	if (!accuracy && at_s)
		die_status(EXIT_USAGE, "--at goes with --accuracy");
	if (at_s)
		nat = parse_at(at_s, at);
	as_of = today = date_today(cli.today);
	if (as_of_s && date_parse(as_of_s, &as_of) < 0)
		die_status(EXIT_USAGE, "invalid --as-of '%s': want a date like 2026-09-30",
		    as_of_s);
	if (as_of > today)
		die_status(EXIT_USAGE, "invalid --as-of '%s': after today (%s)", as_of_s,
		    date_format(today, (char[DATE_BUFSZ]){ 0 }));
	if (!accuracy && !period)
		period = "this-quarter";

	s = store_open(cli.data_dir, STORE_READ);
	cfg = config_load(s);
	x.fys = config_fiscal_start(cfg);
	x.cli = &cli;
	np = periods(period, accuracy, today, as_of, x.fys, pv);
	load(&x, s);
	if (with_calls)
		x.calls = calls_load(s);
	/* Only the quota rows of the period: the targets are for it alone. */
	x.quotas = quota_load(s, &pv[0], x.fys);
	add_points(&x, pv, np, accuracy, as_of, at, nat);
	if (!accuracy && trail_wanted(&x)) {
		x.cur = trail_month_new(trail_first_day(as_of));
		forecast_tap(x.f, trail_first_day(as_of), as_of, tap, x.cur);
	}
	forecast_scan(x.f, s, x.st);
	if (accuracy && x.calls && !manager)
		call_groups(&x);
	if (accuracy)
		print_accuracy(&x, pv, np, at, nat);
	else {
		list_groups(&x);
		trailing(&x, s, as_of);
		print_forecast(&x, &pv[0], as_of);
	}
	close_stdout();
	unload(&x);
	table_free(cfg);
	store_close(s);
	return 0;
}
