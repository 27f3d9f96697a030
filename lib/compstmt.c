/* compstmt: pay statements line by line (see compstmt.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "compstmt.h"
#include "err.h"
#include "money.h"
#include "quota.h"
#include "stats.h"
#include "tsv.h"
#include "xalloc.h"

static char *
fmt_money(int64_t v, char *buf)
{
	return money_format(v, buf);
}

/* Add a line; NULL for a column not set.  The note is printf-like. */
static void
add_line(struct comp_stmt *st, const struct comp_ctx *c, const char *kind, const char *deal,
	 const char *date, const char *tier, const int64_t *amount, const char *pct,
	 const int64_t *commission, const char *fmt, ...)
	__attribute__((format(printf, 10, 11)));

static void
add_line(struct comp_stmt *st, const struct comp_ctx *c, const char *kind, const char *deal,
	 const char *date, const char *tier, const int64_t *amount, const char *pct,
	 const int64_t *commission, const char *fmt, ...)
{
	char a[MONEY_BUFSZ], m[MONEY_BUFSZ], note[512];
	const char *f[CP_NCOLS] = { 0 };
	va_list ap;
	int i;

	va_start(ap, fmt);
	vsnprintf(note, sizeof note, fmt, ap);
	va_end(ap);
	f[CP_PERIOD] = c->p.name;
	f[CP_REP] = st->rep;
	f[CP_PLAN] = st->plan;
	f[CP_KIND] = kind;
	f[CP_DEAL] = deal;
	f[CP_DATE] = date;
	f[CP_TIER] = tier;
	f[CP_AMOUNT] = amount ? fmt_money(*amount, a) : NULL;
	f[CP_PCT] = pct;
	f[CP_COMMISSION] = commission ? fmt_money(*commission, m) : NULL;
	f[CP_NOTE] = note;
	if (st->n == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 16;
		st->v = xreallocarray(st->v, st->cap, sizeof *st->v);
	}
	for (i = 0; i < CP_NCOLS; i++)
		st->v[st->n][i] = xstrdup(f[i] ? f[i] : "");
	st->n++;
}

void
comp_stmt_free(struct comp_stmt *st)
{
	size_t i;
	int k;

	for (i = 0; i < st->n; i++)
		for (k = 0; k < CP_NCOLS; k++)
			free(st->v[i][k]);
	free(st->v);
	memset(st, 0, sizeof *st);
}

/* The locked statements of period q, or NULL when it was never locked. */
const struct table *
comp_locked_file(struct comp_ctx *c, const struct period *q)
{
	char path[64];
	size_t i;

	for (i = 0; i < c->nlk; i++)
		if (strcmp(c->lk[i].name, q->name) == 0)
			return c->lk[i].t;
	snprintf(path, sizeof path, "payouts/%s.tsv", q->name);
	if (c->nlk == sizeof c->lk / sizeof c->lk[0])
		die("too many locked periods to look at");
	snprintf(c->lk[c->nlk].name, sizeof c->lk[0].name, "%s", q->name);
	c->lk[c->nlk].t = store_exists(c->s, path) ? store_load(c->s, path) : NULL;
	return c->lk[c->nlk++].t;
}

int
comp_locked_has(const struct table *t, const char *rep)
{
	return t && table_find(t, table_col(t, "rep"), rep) >= 0;
}

/* A money cell of a locked line of kind for rep; 0 if none. */
static int
locked_money(const struct table *t, const char *rep, const char *kind, const char *col,
	     int64_t *v)
{
	int rc = table_col(t, "rep"), kc = table_col(t, "kind"), vc = table_col(t, col);
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (strcmp(table_get(t, i, rc), rep) == 0 &&
		    strcmp(table_get(t, i, kc), kind) == 0)
			return money_parse(table_get(t, i, vc), v, NULL) == 0;
	return 0;
}

/* Revenue of rep (index ri, -1 none) in q: wins less cancels of wins in q. */
static int64_t
revenue_in(const struct comp_events *ev, long ri, const struct period *q)
{
	int64_t sum = 0;
	size_t i;

	for (i = 0; ri >= 0 && i < ev->n; i++) {
		const struct comp_event *e = &ev->v[i];

		if (e->rep != (size_t)ri || !period_contains(q, e->date))
			continue;
		if (!e->cancel)
			sum += e->amount;
		else if (e->pair >= 0 && period_contains(q, ev->v[e->pair].date))
			sum -= e->amount;
	}
	return sum;
}

/*
 * The commission and revenue of rep in an earlier pay period w, for the
 * effective rate of a clawback: from its locked statement, else computed.
 * 0 when nothing was paid (say why in why); *locked set when it is locked.
 */
static void
earlier(struct comp_ctx *c, const char *rep, long ri, const struct comp_plan *pl,
	const struct period *w, int64_t *com, int64_t *rev, int *locked, char *why, size_t n)
{
	const struct table *t = comp_locked_file(c, w);
	struct quota_result q;
	struct comp_result r;

	*com = *rev = 0;
	*locked = comp_locked_has(t, rep);
	why[0] = '\0';
	if (*locked) {
		if (!locked_money(t, rep, "commission", "commission", com) ||
		    !locked_money(t, rep, "revenue", "amount", rev))
			snprintf(why, n, "%s paid no commission", w->name);
		return;
	}
	*rev = revenue_in(c->ev, ri, w);
	if (!quota_for(c->quotas, rep, NULL, "revenue", w, c->fys, &q) || q.target <= 0 ||
	    comp_commission(pl, q.target, *rev, &r) < 0) {
		snprintf(why, n, "%s paid no commission (no quota)", w->name);
		return;
	}
	*com = r.commission;
}

static const struct comp_event *sort_ev;

static int
cmp_event(const void *a, const void *b)
{
	const struct comp_event *x = &sort_ev[*(const size_t *)a], *y = &sort_ev[*(const size_t *)b];

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* Part of [lo, hi) that lies in [blo, bhi) (bhi < 0: no upper end). */
static int64_t
overlap(int64_t lo, int64_t hi, int64_t blo, int64_t bhi)
{
	int64_t a = lo > blo ? lo : blo, b = bhi >= 0 && bhi < hi ? bhi : hi;

	return b > a ? b - a : 0;
}

/* Each won deal's share of the tier lines: deals fill the tiers in order,
 * and each tier line is split over its deals by largest remainder. */
static void
shares(const struct comp_plan *pl, const struct comp_result *r, const int64_t *w,
       size_t nd, int64_t *share)
{
	int64_t *portion = xcalloc(nd + 1, sizeof *portion), *part = xcalloc(nd + 1, sizeof *part);
	int64_t cum;
	size_t i, k;

	for (i = 0; i < pl->ntiers; i++) {
		if (r->sub[i] == 0)
			continue;
		for (k = 0, cum = 0; k < nd; cum += w[k], k++)
			portion[k] = pl->flat ? w[k] : overlap(cum, cum + w[k], r->bound[i],
			    i + 1 < pl->ntiers ? r->bound[i + 1] : -1);
		if (money_split(r->sub[i], portion, nd, part) < 0)
			continue;
		for (k = 0; k < nd; k++)
			share[k] += part[k];
	}
	free(portion);
	free(part);
}

/* "5%, 8%": the rates of the tiers a deal's revenue fell in. */
static void
deal_rates(const struct comp_plan *pl, const struct comp_result *r, int64_t lo, int64_t w,
	   char *out, size_t n)
{
	char rate[MONEY_RATE_BUFSZ];
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < pl->ntiers && len < n; i++) {
		if (!r->slice[i] || (!pl->flat && !overlap(lo, lo + w, r->bound[i],
		    i + 1 < pl->ntiers ? r->bound[i + 1] : -1)))
			continue;
		len += (size_t)snprintf(out + len, n - len, "%s%s%%", len ? ", " : "at ",
		    money_rate_format(pl->tier[i].bp, rate));
	}
}

/* What the parts of a computed statement share. */
struct work {
	struct comp_ctx *c;
	const struct comp_events *ev;
	const struct comp_plan *pl;
	const char *rep;
	struct comp_stmt *st;
	long ri;			/* the rep in ev->reps, or -1 */
	size_t *ix, nd, ncl;		/* the wins (nd), then the cancels (ncl) */
	int64_t *w, *share;		/* each win's revenue and commission */
	int64_t revenue, claws;
	struct quota_result q;
	struct comp_result r;
	int hasq;
	struct buf locked;		/* deals clawed back from a locked period */
};

/* Is the event paired with one (its win or its cancel) in the period? */
static int
paired_here(const struct work *wk, const struct comp_event *e)
{
	return e->pair >= 0 && period_contains(&wk->c->p, wk->ev->v[e->pair].date);
}

/* Is event e the rep's, and of the period? */
static int
mine(const struct work *wk, const struct comp_event *e)
{
	return wk->ri >= 0 && e->rep == (size_t)wk->ri && period_contains(&wk->c->p, e->date);
}

/* The period's wins first, then its cancels, each in date order; what each
 * win brings (a win cancelled within the period brings nothing). */
static void
gather(struct work *wk)
{
	const struct comp_events *ev = wk->ev;
	const struct comp_event *e;
	size_t i, k;

	wk->ix = xcalloc(ev->n + 1, sizeof *wk->ix);
	for (i = 0; i < ev->n; i++)
		if (mine(wk, &ev->v[i]) && !ev->v[i].cancel)
			wk->ix[wk->nd++] = i;
	for (i = 0; i < ev->n; i++)
		if (mine(wk, &ev->v[i]) && ev->v[i].cancel)
			wk->ix[wk->nd + wk->ncl++] = i;
	sort_ev = ev->v;
	qsort(wk->ix, wk->nd, sizeof *wk->ix, cmp_event);
	qsort(wk->ix + wk->nd, wk->ncl, sizeof *wk->ix, cmp_event);
	wk->w = xcalloc(wk->nd + 1, sizeof *wk->w);
	wk->share = xcalloc(wk->nd + 1, sizeof *wk->share);
	for (k = 0; k < wk->nd; k++) {
		e = &ev->v[wk->ix[k]];
		wk->w[k] = e->amount;
		if (paired_here(wk, e))
			wk->w[k] = e->amount > ev->v[e->pair].amount ?
			    e->amount - ev->v[e->pair].amount : 0;
	}
	wk->revenue = revenue_in(ev, wk->ri, &wk->c->p);
}

/* The quota line, and whether a commission can be computed. */
static void
quota_line(struct work *wk)
{
	struct comp_stmt *st = wk->st;
	struct comp_ctx *c = wk->c;
	char mb[MONEY_BUFSZ];

	wk->hasq = quota_for(c->quotas, wk->rep, NULL, "revenue", &c->p, c->fys, &wk->q);
	st->ok = wk->hasq && wk->q.target > 0 &&
	    comp_commission(wk->pl, wk->q.target, wk->revenue, &wk->r) == 0;
	if (!wk->hasq) {
		snprintf(st->why, sizeof st->why, "no revenue quota for %s (set one with quota-set)",
		    c->p.name);
		add_line(st, c, "quota", NULL, NULL, NULL, NULL, NULL, NULL, "%s", st->why);
		return;
	}
	if (!st->ok)
		snprintf(st->why, sizeof st->why, wk->q.target > 0 ?
		    "the commission is out of range" :
		    "the revenue quota for %s is %s (set one with quota-set)", c->p.name,
		    fmt_money(wk->q.target, mb));
	if (wk->q.prorated)
		snprintf(st->prorated, sizeof st->prorated, "%s", wk->q.used);
	add_line(st, c, "quota", NULL, NULL, NULL, &wk->q.target, NULL, NULL, "%s", wk->q.used);
}

/* A line per win, with its commission; a line per cancel of a win of the
 * period; then the revenue. */
static void
deal_lines(struct work *wk)
{
	const struct comp_events *ev = wk->ev;
	struct comp_stmt *st = wk->st;
	char d[DATE_BUFSZ], d2[DATE_BUFSZ], pct[COMP_RATE_BUFSZ], rates[128];
	const struct comp_event *e;
	int64_t cum, v, zero = 0;
	size_t k;

	if (st->ok)
		shares(wk->pl, &wk->r, wk->w, wk->nd, wk->share);
	for (k = 0, cum = 0; k < wk->nd; cum += wk->w[k], k++) {
		e = &ev->v[wk->ix[k]];
		date_format(e->date, d);
		rates[0] = '\0';
		if (paired_here(wk, e))
			snprintf(rates, sizeof rates, "cancelled %s, in this period",
			    date_format(ev->v[e->pair].date, d2));
		else if (st->ok && !wk->r.below)
			deal_rates(wk->pl, &wk->r, cum, wk->w[k], rates, sizeof rates);
		add_line(st, wk->c, "won", e->deal, d, NULL, &e->amount, NULL,
		    st->ok ? &wk->share[k] : NULL, "%s", rates);
	}
	for (k = wk->nd; k < wk->nd + wk->ncl; k++) {
		e = &ev->v[wk->ix[k]];
		if (!paired_here(wk, e))
			continue;
		v = -e->amount;
		add_line(st, wk->c, "cancel", e->deal, date_format(e->date, d), NULL, &v, NULL,
		    st->ok ? &zero : NULL, "undoes the win of %s, in this period",
		    date_format(ev->v[e->pair].date, d2));
	}
	add_line(st, wk->c, "revenue", NULL, NULL, NULL, &wk->revenue,
	    wk->hasq && wk->q.target > 0 ? stats_percent(wk->revenue, wk->q.target, pct) : NULL,
	    NULL, "won in the period, less the wins cancelled in it");
}

/* The threshold not reached, or a line per tier reached; the commission. */
static void
tier_lines(struct work *wk)
{
	const struct comp_plan *pl = wk->pl;
	const struct comp_result *r = &wk->r;
	char pct[COMP_RATE_BUFSZ], tier[24];
	struct buf note = BUF_INIT;
	int64_t zero = 0;
	size_t i;

	if (r->below) {
		snprintf(tier, sizeof tier, "%lld", (long long)pl->threshold);
		add_line(wk->st, wk->c, "threshold", NULL, NULL, NULL, &wk->revenue, tier, &zero,
		    "attainment %s%% is below the %lld%% threshold: no commission",
		    stats_percent(wk->revenue, wk->q.target, pct), (long long)pl->threshold);
	}
	for (i = 0; !r->below && r->reached >= 0 && i <= (size_t)r->reached; i++) {
		if (pl->flat && i != (size_t)r->reached)
			continue;
		snprintf(tier, sizeof tier, "%lld", (long long)pl->tier[i].from);
		buf_reset(&note);
		if (pl->flat)
			buf_printf(&note, "all revenue at the rate of the highest tier reached");
		else if (i + 1 < pl->ntiers)
			buf_printf(&note, "%lld%% to %lld%% of quota",
			    (long long)pl->tier[i].from, (long long)pl->tier[i + 1].from);
		else
			buf_printf(&note, "from %lld%% of quota", (long long)pl->tier[i].from);
		add_line(wk->st, wk->c, "tier", NULL, NULL, tier, &r->slice[i],
		    money_rate_format(pl->tier[i].bp, pct), &r->sub[i], "%s", note.data);
	}
	add_line(wk->st, wk->c, "commission", NULL, NULL, NULL, &wk->revenue, NULL,
	    &r->commission, "%s", pl->flat ? "flat" : "marginal");
	buf_free(&note);
}

/* A cancel of an earlier win kept past the window, or with no clawback. */
static void
kept_line(struct work *wk, const struct comp_event *e)
{
	const struct comp_plan *pl = wk->pl;
	char d[DATE_BUFSZ], d2[DATE_BUFSZ];
	int64_t v = -e->amount, zero = 0;

	date_format(e->date, d);
	if (!pl->has_clawback)
		add_line(wk->st, wk->c, "clawback", e->deal, d, NULL, &v, NULL, &zero,
		    "plan %s claws nothing back", pl->id);
	else if (e->pair < 0)
		add_line(wk->st, wk->c, "clawback", e->deal, d, NULL, &v, NULL, &zero,
		    "won more than %lld days before: no clawback", (long long)pl->clawback_days);
	else
		add_line(wk->st, wk->c, "clawback", e->deal, d, NULL, &v, NULL, &zero,
		    "won %s, %ld days before: past the %lld-day window, no clawback",
		    date_format(wk->ev->v[e->pair].date, d2),
		    (long)(e->date - wk->ev->v[e->pair].date), (long long)pl->clawback_days);
}

/* Cancels of earlier wins: clawed back at the rate of the win's period, or
 * kept past the window. */
static void
clawback_lines(struct work *wk)
{
	const struct comp_event *e, *won;
	char d[DATE_BUFSZ], d2[DATE_BUFSZ], pct[COMP_RATE_BUFSZ], why[96];
	struct buf note = BUF_INIT;
	int64_t com, rev, back, v;
	struct period wp;
	int locked;
	size_t k;

	for (k = wk->nd; k < wk->nd + wk->ncl; k++) {
		e = &wk->ev->v[wk->ix[k]];
		if (paired_here(wk, e))
			continue;
		if (e->pair < 0 || !wk->pl->has_clawback ||
		    e->date - wk->ev->v[e->pair].date > wk->pl->clawback_days) {
			kept_line(wk, e);
			continue;
		}
		won = &wk->ev->v[e->pair];
		if (comp_pay_period(wk->c->p.kind, won->date, wk->c->fys, &wp) < 0)
			die("internal error: no pay period for a win");
		earlier(wk->c, wk->rep, wk->ri, wk->pl, &wp, &com, &rev, &locked, why, sizeof why);
		if (comp_clawback(won->amount, com, rev, &back) < 0)
			die("%s: the clawback of %s is out of range", wk->rep, won->deal);
		back = -back;
		wk->claws += back;
		v = -won->amount;
		buf_reset(&note);
		buf_printf(&note, "undoes %s won %s in %s", won->deal, date_format(won->date, d2),
		    wp.name);
		if (why[0])
			buf_printf(&note, "; %s", why);
		else
			buf_printf(&note, " at its effective rate");
		if (locked) {
			buf_printf(&note, "; %s is locked: clawed back here", wp.name);
			buf_printf(&wk->locked, "%s%s", wk->locked.len ? ", " : "", won->deal);
		}
		add_line(wk->st, wk->c, "clawback", won->deal, date_format(e->date, d), NULL, &v,
		    money_rate_format(comp_effective_bp(com, rev), pct), &back, "%s", note.data);
	}
	buf_free(&note);
}

/* The payout: commission and clawbacks, less what the cap withholds. */
static void
payout_line(struct work *wk)
{
	const struct comp_plan *pl = wk->pl;
	struct comp_stmt *st = wk->st;
	struct buf note = BUF_INIT;
	char pct[COMP_RATE_BUFSZ], mb[MONEY_BUFSZ];
	int64_t total, withheld, v;

	if (!st->ok) {
		buf_printf(&note, "%s: no commission", st->why);
		add_line(st, wk->c, "payout", NULL, NULL, NULL, NULL, NULL, NULL, "%s", note.data);
		buf_free(&note);
		return;
	}
	if (money_add(wk->r.commission, wk->claws, &total) < 0)
		die("%s: the payout is out of range", wk->rep);
	withheld = pl->has_cap && total > pl->cap ? total - pl->cap : 0;
	if (wk->r.below)
		buf_printf(&note, "attainment %s%% is below the %lld%% threshold",
		    stats_percent(wk->revenue, wk->q.target, pct), (long long)pl->threshold);
	if (withheld) {
		v = -withheld;
		add_line(st, wk->c, "cap", NULL, NULL, NULL, &pl->cap, NULL, &v,
		    "the payout above the cap is withheld");
		buf_printf(&note, "%scapped at %s", note.len ? "; " : "", fmt_money(pl->cap, mb));
	}
	total -= withheld;
	if (wk->locked.len)
		buf_printf(&note, "%sclawback of %s, won in a locked period", note.len ? "; " : "",
		    wk->locked.data);
	add_line(st, wk->c, "payout", NULL, NULL, NULL, NULL, NULL, &total, "%s",
	    note.len ? note.data : "");
	buf_free(&note);
}

/* The statement of rep (plan pl) for the period, computed. */
void
comp_stmt_compute(struct comp_ctx *c, const char *rep, const struct comp_plan *pl,
		  struct comp_stmt *st)
{
	struct work wk = { .c = c, .ev = c->ev, .pl = pl, .rep = rep, .st = st };

	wk.ri = intern_get(c->ev->reps, rep, strlen(rep));
	gather(&wk);
	quota_line(&wk);
	deal_lines(&wk);
	if (st->ok)
		tier_lines(&wk);
	clawback_lines(&wk);
	payout_line(&wk);
	buf_free(&wk.locked);
	free(wk.ix);
	free(wk.w);
	free(wk.share);
}

/* The note of a rep without a statement. */
void
comp_stmt_none(struct comp_stmt *st, const struct comp_ctx *c, const char *why)
{
	add_line(st, c, "payout", NULL, NULL, NULL, NULL, NULL, NULL, "%s", why);
}

/* Load the locked statement of rep for the period into st. */
void
comp_stmt_load_locked(const struct table *t, const char *rep, struct comp_stmt *st)
{
	int col[CP_NCOLS], rc = table_col(t, "rep");
	size_t i;
	int k;

	for (k = 0; k < CP_NCOLS; k++)
		col[k] = table_col(t, schema_payouts.cols[k].name);
	for (i = 0; i < t->nrows; i++) {
		if (strcmp(table_get(t, i, rc), rep) != 0)
			continue;
		if (st->n == st->cap) {
			st->cap = st->cap ? st->cap * 2 : 16;
			st->v = xreallocarray(st->v, st->cap, sizeof *st->v);
		}
		for (k = 0; k < CP_NCOLS; k++)
			st->v[st->n][k] = xstrdup(col[k] < 0 ? "" : table_get(t, i, col[k]));
		st->n++;
	}
	st->ok = 1;
}

/* The lines of st as ledger rows, locked today. */
void
comp_stmt_lock_rows(struct comp_stmt *st, date_t today, struct buf *rows)
{
	char d[DATE_BUFSZ];
	size_t i;
	int k;

	date_format(today, d);
	for (i = 0; i < st->n; i++) {
		free(st->v[i][CP_LOCKED]);
		st->v[i][CP_LOCKED] = xstrdup(d);
		for (k = 0; k < CP_NCOLS; k++) {
			if (k)
				buf_addc(rows, '\t');
			tsv_escape(rows, st->v[i][k], strlen(st->v[i][k]));
		}
		buf_addc(rows, '\n');
	}
}

void
comp_locked_free(struct comp_ctx *c)
{
	size_t i;

	for (i = 0; i < c->nlk; i++)
		table_free(c->lk[i].t);
	c->nlk = 0;
}
