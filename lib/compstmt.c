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

/* The statement of rep (plan pl) for the period, computed. */
void
comp_stmt_compute(struct comp_ctx *c, const char *rep, const struct comp_plan *pl, struct comp_stmt *st)
{
	const struct comp_events *ev = c->ev;
	long ri = intern_get(ev->reps, rep, strlen(rep));
	size_t *ix = xcalloc(ev->n + 1, sizeof *ix), nd = 0, ncl = 0, i, k;
	int64_t *w, *share, revenue = 0, claws = 0, zero = 0, total, withheld, cum, v;
	char d[DATE_BUFSZ], d2[DATE_BUFSZ], pct[COMP_RATE_BUFSZ], tier[24], rates[128];
	char mb[MONEY_BUFSZ], why[96];
	struct buf note = BUF_INIT, lockednote = BUF_INIT;
	struct quota_result q;
	struct comp_result r;
	struct period wp;
	int hasq, locked;

	/* The period's wins first, then its cancels, each in date order. */
	for (i = 0; ri >= 0 && i < ev->n; i++)
		if (ev->v[i].rep == (size_t)ri && period_contains(&c->p, ev->v[i].date) &&
		    !ev->v[i].cancel)
			ix[nd++] = i;
	for (i = 0; ri >= 0 && i < ev->n; i++)
		if (ev->v[i].rep == (size_t)ri && period_contains(&c->p, ev->v[i].date) &&
		    ev->v[i].cancel)
			ix[nd + ncl++] = i;
	sort_ev = ev->v;
	qsort(ix, nd, sizeof *ix, cmp_event);
	qsort(ix + nd, ncl, sizeof *ix, cmp_event);
	w = xcalloc(nd + 1, sizeof *w);
	share = xcalloc(nd + 1, sizeof *share);
	/* A win cancelled within the period is no revenue of it. */
	for (k = 0; k < nd; k++) {
		const struct comp_event *e = &ev->v[ix[k]];

		w[k] = e->amount;
		if (e->pair >= 0 && period_contains(&c->p, ev->v[e->pair].date))
			w[k] = e->amount > ev->v[e->pair].amount ? e->amount - ev->v[e->pair].amount : 0;
	}
	revenue = revenue_in(ev, ri, &c->p);

	hasq = quota_for(c->quotas, rep, NULL, "revenue", &c->p, c->fys, &q);
	st->ok = hasq && q.target > 0 && comp_commission(pl, q.target, revenue, &r) == 0;
	if (!hasq) {
		snprintf(st->why, sizeof st->why, "no revenue quota for %s (set one with quota-set)",
		    c->p.name);
		add_line(st, c, "quota", NULL, NULL, NULL, NULL, NULL, NULL, "%s", st->why);
	} else {
		if (!st->ok)
			snprintf(st->why, sizeof st->why, q.target > 0 ?
			    "the commission is out of range" :
			    "the revenue quota for %s is %s (set one with quota-set)", c->p.name,
			    fmt_money(q.target, mb));
		add_line(st, c, "quota", NULL, NULL, NULL, &q.target, NULL, NULL, "%s", q.used);
	}
	if (st->ok)
		shares(pl, &r, w, nd, share);

	for (k = 0, cum = 0; k < nd; cum += w[k], k++) {
		const struct comp_event *e = &ev->v[ix[k]];

		date_format(e->date, d);
		if (e->pair >= 0 && period_contains(&c->p, ev->v[e->pair].date)) {
			add_line(st, c, "won", e->deal, d, NULL, &e->amount, NULL,
			    st->ok ? &share[k] : NULL, "cancelled %s, in this period",
			    date_format(ev->v[e->pair].date, d2));
			continue;
		}
		rates[0] = '\0';
		if (st->ok && !r.below)
			deal_rates(pl, &r, cum, w[k], rates, sizeof rates);
		add_line(st, c, "won", e->deal, d, NULL, &e->amount, NULL,
		    st->ok ? &share[k] : NULL, "%s", rates);
	}
	for (k = nd; k < nd + ncl; k++) {
		const struct comp_event *e = &ev->v[ix[k]];

		if (e->pair < 0 || !period_contains(&c->p, ev->v[e->pair].date))
			continue;
		v = -e->amount;
		add_line(st, c, "cancel", e->deal, date_format(e->date, d), NULL, &v, NULL,
		    st->ok ? &zero : NULL, "undoes the win of %s, in this period",
		    date_format(ev->v[e->pair].date, d2));
	}
	add_line(st, c, "revenue", NULL, NULL, NULL, &revenue,
	    hasq && q.target > 0 ? comp_pct1(revenue, q.target, pct) : NULL, NULL,
	    "won in the period, less the wins cancelled in it");

	if (st->ok && r.below) {
		snprintf(tier, sizeof tier, "%lld", (long long)pl->threshold);
		add_line(st, c, "threshold", NULL, NULL, NULL, &revenue, tier, &zero,
		    "attainment %s%% is below the %lld%% threshold: no commission",
		    comp_pct1(revenue, q.target, pct), (long long)pl->threshold);
	} else if (st->ok) {
		for (i = 0; r.reached >= 0 && i <= (size_t)r.reached; i++) {
			if (pl->flat && i != (size_t)r.reached)
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
			add_line(st, c, "tier", NULL, NULL, tier, &r.slice[i],
			    money_rate_format(pl->tier[i].bp, pct), &r.sub[i], "%s", note.data);
		}
	}
	if (st->ok)
		add_line(st, c, "commission", NULL, NULL, NULL, &revenue, NULL, &r.commission,
		    "%s", pl->flat ? "flat" : "marginal");

	/* Cancels of earlier wins: clawed back, or kept past the window. */
	for (k = nd; k < nd + ncl; k++) {
		const struct comp_event *e = &ev->v[ix[k]], *won;
		int64_t com, rev, back;

		if (e->pair >= 0 && period_contains(&c->p, ev->v[e->pair].date))
			continue;
		date_format(e->date, d);
		if (e->pair < 0 || !pl->has_clawback ||
		    e->date - ev->v[e->pair].date > pl->clawback_days) {
			v = -e->amount;
			if (!pl->has_clawback)
				add_line(st, c, "clawback", e->deal, d, NULL, &v, NULL, &zero,
				    "plan %s claws nothing back", pl->id);
			else if (e->pair < 0)
				add_line(st, c, "clawback", e->deal, d, NULL, &v, NULL, &zero,
				    "won more than %lld days before: no clawback",
				    (long long)pl->clawback_days);
			else
				add_line(st, c, "clawback", e->deal, d, NULL, &v, NULL, &zero,
				    "won %s, %ld days before: past the %lld-day window, no clawback",
				    date_format(ev->v[e->pair].date, d2),
				    (long)(e->date - ev->v[e->pair].date), (long long)pl->clawback_days);
			continue;
		}
		won = &ev->v[e->pair];
		if (comp_pay_period(c->p.kind, won->date, c->fys, &wp) < 0)
			die("internal error: no pay period for a win");
		earlier(c, rep, ri, pl, &wp, &com, &rev, &locked, why, sizeof why);
		if (comp_clawback(won->amount, com, rev, &back) < 0)
			die("%s: the clawback of %s is out of range", rep, won->deal);
		back = -back;
		claws += back;
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
			buf_printf(&lockednote, "%s%s", lockednote.len ? ", " : "", won->deal);
		}
		add_line(st, c, "clawback", won->deal, d, NULL, &v,
		    money_rate_format(comp_effective_bp(com, rev), pct), &back, "%s", note.data);
	}

	buf_reset(&note);
	if (!st->ok) {
		buf_printf(&note, "%s: no commission", st->why);
		add_line(st, c, "payout", NULL, NULL, NULL, NULL, NULL, NULL, "%s", note.data);
		goto out;
	}
	if (money_add(r.commission, claws, &total) < 0)
		die("%s: the payout is out of range", rep);
	withheld = pl->has_cap && total > pl->cap ? total - pl->cap : 0;
	if (r.below)
		buf_printf(&note, "attainment %s%% is below the %lld%% threshold",
		    comp_pct1(revenue, q.target, pct), (long long)pl->threshold);
	if (withheld) {
		v = -withheld;
		add_line(st, c, "cap", NULL, NULL, NULL, &pl->cap, NULL, &v,
		    "the payout above the cap is withheld");
		buf_printf(&note, "%scapped at %s", note.len ? "; " : "", fmt_money(pl->cap, mb));
	}
	total -= withheld;
	if (lockednote.len)
		buf_printf(&note, "%sclawback of %s, won in a locked period", note.len ? "; " : "",
		    lockednote.data);
	add_line(st, c, "payout", NULL, NULL, NULL, NULL, NULL, &total, "%s", note.data);
out:
	buf_free(&note);
	buf_free(&lockednote);
	free(ix);
	free(w);
	free(share);
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
		col[k] = table_col(t, comp_payouts.cols[k].name);
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
