/* compstmt: pay statements line by line (see compstmt.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "compstmt.h"
#include "err.h"
#include "id.h"
#include "intern.h"
#include "money.h"
#include "org.h"
#include "quota.h"
#include "stats.h"
#include "tsv.h"
#include "xalloc.h"

#define MAX_DEPTH 128		/* statements computed for one another */

/* A locked period's file: payouts/NAME.tsv. */
struct locked {
	struct period p;
	struct table *t;
	int rep, kind, deal, date, amount, commission, plan;	/* its columns */
};

/* A row of adjustments.tsv. */
struct entry {
	struct period p;
	const char *rep, *kind, *reason;
	int64_t amount;
	int recoverable;
};

/* A statement computed once for another's sake. */
struct memo {
	char *rep, *period;
	int full;
	struct comp_stmt st;
};

struct comp_priv {
	struct locked *lk;
	size_t nlk;
	struct table *adj;
	struct entry *e;
	size_t ne;
	struct memo **memo;	/* each kept where it is: callers hold them */
	size_t nmemo;
	int64_t maxdays;	/* the longest clawback window */
	int depth;
	struct org *org;	/* who is under whom on a day (overrides), once needed */
};

/* An event counted or not (the late events of a locked period). */
struct known {
	struct {
		unsigned long num;
		int cancel;
	} *v;
	size_t n;
};

static const char *
fmt_money(int64_t v, char *buf)
{
	return money_format(v, buf);
}

/* Add a line; NULL for a column not set.  The note is printf-like. */
static void
add_line(struct comp_stmt *st, const char *period, const char *kind, const char *deal,
	 const char *date, const char *tier, const int64_t *amount, const char *pct,
	 const int64_t *commission, const char *fmt, ...)
	__attribute__((format(printf, 10, 11)));

static void
add_line(struct comp_stmt *st, const char *period, const char *kind, const char *deal,
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
	f[CP_PERIOD] = period;
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

static void
stmt_init(struct comp_stmt *st, const char *rep, const char *plan)
{
	memset(st, 0, sizeof *st);
	st->rep = xstrdup(rep);
	st->plan = xstrdup(plan);
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
	free(st->rep);
	free(st->plan);
	memset(st, 0, sizeof *st);
}

static void
stmt_copy(struct comp_stmt *to, const struct comp_stmt *from)
{
	size_t i;
	int k;

	*to = *from;
	to->rep = xstrdup(from->rep);
	to->plan = xstrdup(from->plan);
	to->v = xcalloc(from->n + 1, sizeof *to->v);
	to->cap = from->n + 1;
	for (i = 0; i < from->n; i++)
		for (k = 0; k < CP_NCOLS; k++)
			to->v[i][k] = xstrdup(from->v[i][k]);
}

/* A money cell of a line; 0 when it is empty. */
static int64_t
cell_money(char *const *f, int col)
{
	int64_t v = 0;

	if (*f[col] && money_parse(f[col], &v, NULL) < 0)
		v = 0;
	return v;
}

void
comp_stmt_sums(const struct comp_stmt *st, struct comp_sums *s)
{
	size_t i;

	memset(s, 0, sizeof *s);
	s->note = "";
	for (i = 0; i < st->n; i++) {
		char *const *f = st->v[i];
		const char *k = f[CP_KIND];

		snprintf(s->locked, sizeof s->locked, "%s", f[CP_LOCKED]);
		if (strcmp(k, "quota") == 0) {
			s->has_quota = *f[CP_AMOUNT] != '\0';
			s->quota = cell_money(f, CP_AMOUNT);
		} else if (strcmp(k, "revenue") == 0) {
			s->revenue = cell_money(f, CP_AMOUNT);
			snprintf(s->attainment, sizeof s->attainment, "%s", f[CP_PCT]);
		} else if (strcmp(k, "tier") == 0) {
			/* the highest tier reached, of every table that paid */
			if (!*s->tier || strtoll(f[CP_TIER], NULL, 10) > strtoll(s->tier, NULL, 10))
				snprintf(s->tier, sizeof s->tier, "%s", f[CP_TIER]);
		}
		else if (strcmp(k, "commission") == 0) {
			s->commission = cell_money(f, CP_COMMISSION);
			s->has_commission = 1;
		} else if (strcmp(k, "clawback") == 0)
			s->clawback += cell_money(f, CP_COMMISSION);
		else if (strcmp(k, "cap") == 0)
			s->withheld -= cell_money(f, CP_COMMISSION);
		else if (strcmp(k, "adjustment") == 0 || strcmp(k, "spif") == 0 ||
		    strcmp(k, "bonus") == 0)
			s->adjustments += cell_money(f, CP_COMMISSION);
		else if (strcmp(k, "draw") == 0 || strcmp(k, "recovery") == 0)
			s->draw += cell_money(f, CP_COMMISSION);
		else if (strcmp(k, "balance") == 0) {
			s->balance = cell_money(f, CP_AMOUNT);
			s->has_balance = 1;
		} else if (strcmp(k, "payout") == 0) {
			s->has_payout = *f[CP_COMMISSION] != '\0';
			s->payout = cell_money(f, CP_COMMISSION);
			s->note = f[CP_NOTE];
		}
	}
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

/* -------------------------------------------------------------------- */
/* Locked statements (payouts/) and the adjustments ledger. */

static int
cmp_locked(const void *a, const void *b)
{
	const struct locked *x = a, *y = b;

	if (x->p.from != y->p.from)
		return x->p.from < y->p.from ? -1 : 1;
	return (x->p.to > y->p.to) - (x->p.to < y->p.to);
}

/* Every payouts/PERIOD.tsv, by period. */
static void
load_locked(struct comp_ctx *c)
{
	struct comp_priv *pv = c->priv;
	char name[300], path[340];
	struct dirent *de;
	struct period p;
	struct locked *l;
	size_t n;
	DIR *d;

	if (!(d = store_opendir(c->s, "payouts"))) {
		if (errno == ENOENT)
			return;
		die_errno("%s/payouts", store_path(c->s));
	}
	while ((de = readdir(d))) {
		n = strlen(de->d_name);
		if (n < 5 || n >= sizeof name || strcmp(de->d_name + n - 4, ".tsv") != 0)
			continue;
		memcpy(name, de->d_name, n - 4);
		name[n - 4] = '\0';
		/* Pay periods only, named as period.c names them. */
		if (period_parse(name, 0, c->fys, &p) < 0 || strcmp(p.name, name) != 0 ||
		    comp_pay_period(p.kind, p.from, c->fys, &p) < 0 || strcmp(p.name, name) != 0)
			continue;
		snprintf(path, sizeof path, "payouts/%s", de->d_name);
		pv->lk = xreallocarray(pv->lk, pv->nlk + 1, sizeof *pv->lk);
		l = &pv->lk[pv->nlk++];
		l->p = p;
		l->t = store_load(c->s, path);
		l->rep = table_col(l->t, "rep");
		l->kind = table_col(l->t, "kind");
		l->deal = table_col(l->t, "deal");
		l->date = table_col(l->t, "date");
		l->amount = table_col(l->t, "amount");
		l->commission = table_col(l->t, "commission");
		l->plan = table_col(l->t, "plan");
		if (l->rep < 0 || l->kind < 0 || l->deal < 0 || l->date < 0 || l->amount < 0 ||
		    l->commission < 0 || l->plan < 0)
			die("%s: lacks a column; run sales-check", path);
	}
	closedir(d);
	if (pv->nlk)
		qsort(pv->lk, pv->nlk, sizeof *pv->lk, cmp_locked);
}

static const struct locked *
locked_of(const struct comp_ctx *c, const struct period *q)
{
	size_t i;

	for (i = 0; i < c->priv->nlk; i++)
		if (strcmp(c->priv->lk[i].p.name, q->name) == 0)
			return &c->priv->lk[i];
	return NULL;
}

static int
locked_has(const struct locked *l, const char *rep)
{
	return l && table_find(l->t, l->rep, rep) >= 0;
}

int
comp_stmt_is_locked(struct comp_ctx *c, const char *rep)
{
	return locked_has(locked_of(c, &c->p), rep);
}

/* The locked statement of rep in l, as a statement. */
static void
load_locked_stmt(const struct locked *l, const char *rep, struct comp_stmt *st)
{
	int col[CP_NCOLS];
	size_t i;
	int k;

	stmt_init(st, rep, "");
	for (k = 0; k < CP_NCOLS; k++)
		col[k] = table_col(l->t, schema_payouts.cols[k].name);
	for (i = 0; i < l->t->nrows; i++) {
		if (strcmp(table_get(l->t, i, l->rep), rep) != 0)
			continue;
		if (st->n == st->cap) {
			st->cap = st->cap ? st->cap * 2 : 16;
			st->v = xreallocarray(st->v, st->cap, sizeof *st->v);
		}
		for (k = 0; k < CP_NCOLS; k++)
			st->v[st->n][k] = xstrdup(col[k] < 0 ? "" : table_get(l->t, i, col[k]));
		if (!*st->plan) {
			free(st->plan);
			st->plan = xstrdup(table_get(l->t, i, l->plan));
		}
		st->n++;
	}
	st->ok = 1;
	st->locked = 1;
}

/* adjustments.tsv, if there is one (a directory from before has none). */
static void
load_entries(struct comp_ctx *c)
{
	struct comp_priv *pv = c->priv;
	struct entry *e;
	const char *v;
	size_t i;

	if (!store_exists(c->s, "adjustments.tsv"))
		return;
	pv->adj = store_load(c->s, "adjustments.tsv");
	pv->e = xcalloc(pv->adj->nrows + 1, sizeof *pv->e);
	for (i = 0; i < pv->adj->nrows; i++) {
		e = &pv->e[pv->ne];
		v = table_cell(pv->adj, i, "period");
		if (period_parse(v, 0, c->fys, &e->p) < 0)
			die("adjustments.tsv:%lu: bad period '%s'; run sales-check",
			    pv->adj->lines[i], v);
		e->rep = table_cell(pv->adj, i, "rep");
		e->kind = table_cell(pv->adj, i, "kind");
		e->reason = table_cell(pv->adj, i, "reason");
		e->recoverable = strcmp(table_cell(pv->adj, i, "recoverable"), "no") != 0;
		if (money_parse(v = table_cell(pv->adj, i, "amount"), &e->amount, NULL) < 0)
			die("adjustments.tsv:%lu: bad amount '%s'; run sales-check",
			    pv->adj->lines[i], v);
		pv->ne++;
	}
}

/* Does q lie wholly within p? */
static int
within(const struct period *q, const struct period *p)
{
	return q->from >= p->from && q->to <= p->to;
}

/* -------------------------------------------------------------------- */
/* The core of a statement: deals, tiers, commission, clawbacks, cap. */

/* What the lines of one statement share while it is computed. */
struct work {
	struct comp_ctx *c;
	const struct comp_events *ev;
	const struct comp_plan *pl;
	const char *rep;
	const struct period *q;
	struct comp_stmt *st;
	long ri;			/* the rep in ev->reps, or -1 */
	/* a locked period computed again: the events its statement knew,
	 * and the late ones taken in (NULL: every event) */
	const struct known *known;
	const size_t *late;
	size_t nlate;
	int fixed_quota;		/* its quota is the locked one */
	struct quota_result q_fixed;
	int has_fixed;
	size_t *ix, nd, ncl;		/* the wins (nd), then the cancels (ncl) */
	int64_t *w, *share;		/* each win's revenue and commission */
	int *rates;			/* each win's tier table */
	int64_t revenue, claws, earned;
	struct quota_result quota;
	struct comp_result r;
	int hasq, computed;		/* a quota; a commission computed */
	struct buf lockednote;		/* deals clawed back from a locked period */
};

static int
known_has(const struct known *k, const struct comp_event *e)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (k->v[i].num == e->num && k->v[i].cancel == e->cancel)
			return 1;
	return 0;
}

static void
known_add(struct known *k, unsigned long num, int cancel)
{
	k->v = xreallocarray(k->v, k->n + 1, sizeof *k->v);
	k->v[k->n].num = num;
	k->v[k->n++].cancel = cancel;
}

/* Is event e (the rep's) counted in this computation? */
static int
counted(const struct work *wk, const struct comp_event *e)
{
	size_t i;

	if (!wk->known || known_has(wk->known, e))
		return 1;
	for (i = 0; i < wk->nlate; i++)
		if (&wk->ev->v[wk->late[i]] == e)
			return 1;
	return 0;
}

/* Is event e the rep's, of the period, and counted? */
static int
mine(const struct work *wk, const struct comp_event *e)
{
	return wk->ri >= 0 && e->rep == (size_t)wk->ri && period_contains(wk->q, e->date) &&
	    counted(wk, e);
}

/* Is the event paired with one (its win or its cancel) counted in the period? */
static int
paired_here(const struct work *wk, const struct comp_event *e)
{
	return e->pair >= 0 && mine(wk, &wk->ev->v[e->pair]);
}

static _Noreturn void
overflow(const struct work *wk)
{
	die("rep '%s': totals overflow in %s: amounts in the ledger are too large; run sales-check",
	    wk->rep, wk->q->name);
}

/* The period's wins, then its cancels, each in booking order; what each
 * win brings (a win cancelled within the period brings nothing). */
static void
gather(struct work *wk)
{
	const struct comp_events *ev = wk->ev;
	const struct comp_event *e;
	size_t i, k;

	wk->ix = xcalloc(ev->n + 1, sizeof *wk->ix);
	for (i = 0; i < ev->n; i++)
		if (!ev->v[i].cancel && mine(wk, &ev->v[i]))
			wk->ix[wk->nd++] = i;
	for (i = 0; i < ev->n; i++)
		if (ev->v[i].cancel && mine(wk, &ev->v[i]))
			wk->ix[wk->nd + wk->ncl++] = i;
	wk->w = xcalloc(wk->nd + 1, sizeof *wk->w);
	wk->share = xcalloc(wk->nd + 1, sizeof *wk->share);
	wk->rates = xcalloc(wk->nd + 1, sizeof *wk->rates);
	for (k = 0; k < wk->nd; k++) {
		e = &ev->v[wk->ix[k]];
		wk->w[k] = paired_here(wk, e) ? 0 : e->amount;
		wk->rates[k] = comp_rates_for(wk->pl, intern_name(ev->products, e->product),
		    e->type);
		if (money_add(wk->revenue, wk->w[k], &wk->revenue) < 0)
			overflow(wk);
	}
}

/* The quota line, and whether a commission is computed.  Without revenue
 * there is nothing to pay a commission on, quota or not. */
static void
quota_line(struct work *wk)
{
	struct comp_stmt *st = wk->st;
	const char *name = wk->q->name;
	char mb[MONEY_BUFSZ];

	if (wk->fixed_quota) {
		wk->hasq = wk->has_fixed;
		wk->quota = wk->q_fixed;
	} else
		wk->hasq = quota_for(wk->c->quotas, wk->rep, NULL, "revenue", wk->q, wk->c->fys,
		    &wk->quota);
	st->ok = 1;
	if (wk->hasq && wk->quota.target > 0) {
		if (comp_commission(wk->pl, wk->quota.target, wk->w, wk->rates, wk->nd, &wk->r,
		    wk->share) < 0)
			overflow(wk);
		wk->computed = 1;
	} else if (wk->revenue > 0) {
		st->ok = 0;
		if (!wk->hasq)
			snprintf(st->why, sizeof st->why, "no revenue quota for %s (set one with "
			    "quota-set)", name);
		else
			snprintf(st->why, sizeof st->why, "the revenue quota for %s is %s (set one "
			    "with quota-set)", name, fmt_money(wk->quota.target, mb));
	}
	if (!wk->hasq)
		add_line(st, name, "quota", NULL, NULL, NULL, NULL, NULL, NULL,
		    "no revenue quota for %s%s", name, wk->revenue > 0 ? " (set one with "
		    "quota-set)" : ": nothing won, no commission due");
	else
		add_line(st, name, "quota", NULL, NULL, NULL, &wk->quota.target, NULL, NULL, "%s",
		    wk->quota.used);
	if (wk->hasq && wk->quota.prorated)
		snprintf(st->prorated, sizeof st->prorated, "%s", wk->quota.used);
}

/* "at 5%, 8%": the rates of the tiers a deal's revenue fell in, and the
 * table they are of when the plan has more than one. */
static void
deal_rates(const struct work *wk, int t, int64_t cum, int64_t w, char *out, size_t n)
{
	const struct comp_plan *pl = wk->pl;
	const struct comp_rates *rt = &pl->rates[t];
	char rate[MONEY_RATE_BUFSZ], name[COMP_RATES_NAMESZ];
	size_t i, len = 0;
	int64_t lo, hi;

	out[0] = '\0';
	for (i = 0; i < rt->ntiers && len < n; i++) {
		if (pl->flat ? wk->r.reached[t] != (int)i : (int)i > wk->r.reached[t])
			continue;
		lo = wk->r.bound[t][i];
		hi = i + 1 < rt->ntiers ? wk->r.bound[t][i + 1] : INT64_MAX;
		if (!pl->flat && (cum + w <= lo || cum >= hi))
			continue;
		len += (size_t)snprintf(out + len, n - len, "%s%s%%", len ? ", " : "at ",
		    money_rate_format(rt->tier[i].bp, rate));
	}
	if (pl->nrates > 1 && len < n)
		snprintf(out + len, n - len, "%s%s table", len ? " of the " : "the ",
		    comp_rates_name(rt, name, sizeof name));
}

/* A line per win, with its commission; a line per cancel of a win of the
 * period; then the revenue. */
static void
deal_lines(struct work *wk)
{
	const struct comp_events *ev = wk->ev;
	struct comp_stmt *st = wk->st;
	char d[DATE_BUFSZ], d2[DATE_BUFSZ], pct[COMP_RATE_BUFSZ], rates[256];
	const struct comp_event *e;
	int64_t cum, v, zero = 0;
	size_t k;

	for (k = 0, cum = 0; k < wk->nd; cum += wk->w[k], k++) {
		e = &ev->v[wk->ix[k]];
		date_format(e->date, d);
		rates[0] = '\0';
		if (paired_here(wk, e))
			snprintf(rates, sizeof rates, "cancelled %s, in this period",
			    date_format(ev->v[e->pair].date, d2));
		else if (wk->computed && !wk->r.below)
			deal_rates(wk, wk->rates[k], cum, wk->w[k], rates, sizeof rates);
		add_line(st, wk->q->name, "won", e->deal, d, NULL, &e->amount, NULL,
		    wk->computed ? &wk->share[k] : st->ok ? &zero : NULL, "%s", rates);
	}
	for (k = wk->nd; k < wk->nd + wk->ncl; k++) {
		e = &ev->v[wk->ix[k]];
		if (!paired_here(wk, e))
			continue;
		v = -e->amount;
		add_line(st, wk->q->name, "cancel", e->deal, date_format(e->date, d), NULL, &v,
		    NULL, st->ok ? &zero : NULL, "undoes the win of %s, in this period",
		    date_format(ev->v[e->pair].date, d2));
	}
	add_line(st, wk->q->name, "revenue", NULL, NULL, NULL, &wk->revenue,
	    wk->hasq && wk->quota.target > 0 ? stats_percent(wk->revenue, wk->quota.target, pct) :
	    NULL, NULL, "won in the period, less the wins cancelled in it");
}

/* The threshold not reached, or a line per tier reached; the commission. */
static void
tier_lines(struct work *wk)
{
	const struct comp_plan *pl = wk->pl;
	const struct comp_result *r = &wk->r;
	const struct comp_rates *rt;
	char pct[COMP_RATE_BUFSZ], tier[24], name[COMP_RATES_NAMESZ];
	struct buf note = BUF_INIT;
	int64_t zero = 0;
	size_t t, i, k;

	if (!wk->computed) {
		add_line(wk->st, wk->q->name, "commission", NULL, NULL, NULL, &wk->revenue, NULL,
		    &zero, "nothing won");
		return;
	}
	if (r->below) {
		snprintf(tier, sizeof tier, "%lld", (long long)pl->threshold);
		add_line(wk->st, wk->q->name, "threshold", NULL, NULL, NULL, &wk->revenue, tier,
		    &zero, "attainment %s%% is below the %lld%% threshold: no commission",
		    stats_percent(wk->revenue, wk->quota.target, pct), (long long)pl->threshold);
	}
	for (t = 0; !r->below && t < pl->nrates; t++) {
		rt = &pl->rates[t];
		/* a table other than the general one: only when it paid a deal */
		for (k = 0; t > 0 && k < wk->nd && wk->rates[k] != (int)t; k++)
			;
		if (t > 0 && k == wk->nd)
			continue;
		for (i = 0; r->reached[t] >= 0 && i <= (size_t)r->reached[t]; i++) {
			if (pl->flat && i != (size_t)r->reached[t])
				continue;
			snprintf(tier, sizeof tier, "%lld", (long long)rt->tier[i].from);
			buf_reset(&note);
			if (pl->flat)
				buf_printf(&note, "all revenue at the rate of the highest tier reached");
			else if (i + 1 < rt->ntiers)
				buf_printf(&note, "%lld%% to %lld%% of quota",
				    (long long)rt->tier[i].from, (long long)rt->tier[i + 1].from);
			else
				buf_printf(&note, "from %lld%% of quota", (long long)rt->tier[i].from);
			if (pl->nrates > 1)
				buf_printf(&note, ", the %s table",
				    comp_rates_name(rt, name, sizeof name));
			add_line(wk->st, wk->q->name, "tier", NULL, NULL, tier, &r->slice[t][i],
			    money_rate_format(rt->tier[i].bp, pct), &r->sub[t][i], "%s", note.data);
		}
	}
	add_line(wk->st, wk->q->name, "commission", NULL, NULL, NULL, &wk->revenue, NULL,
	    &r->commission, "%s", pl->flat ? "flat" : "marginal");
	buf_free(&note);
}

static void compute(struct comp_ctx *c, const char *rep, const struct comp_plan *pl,
		    const struct period *q, int full, struct comp_stmt *st);

/* The statement of rep in period q: locked, else computed (core: up to
 * the cap; full: everything) and kept for the next ask. */
static const struct comp_stmt *
stmt_at(struct comp_ctx *c, const char *rep, const struct comp_plan *pl,
	const struct period *q, int full)
{
	struct comp_priv *pv = c->priv;
	const struct locked *l = locked_of(c, q);
	struct comp_stmt st;
	struct memo *m;
	size_t i;

	for (i = 0; i < pv->nmemo; i++)
		if (strcmp(pv->memo[i]->rep, rep) == 0 &&
		    strcmp(pv->memo[i]->period, q->name) == 0 &&
		    (pv->memo[i]->full >= full || pv->memo[i]->st.locked))
			return &pv->memo[i]->st;
	if (locked_has(l, rep))
		load_locked_stmt(l, rep, &st);
	else if (pv->depth >= MAX_DEPTH) {
		stmt_init(&st, rep, pl->id);
		snprintf(st.why, sizeof st.why, "%s depends on too many open periods before it: "
		    "lock them first", q->name);
	} else {
		pv->depth++;
		compute(c, rep, pl, q, full, &st);
		pv->depth--;
	}
	m = xcalloc(1, sizeof *m);
	m->rep = xstrdup(rep);
	m->period = xstrdup(q->name);
	m->full = full;
	m->st = st;
	pv->memo = xreallocarray(pv->memo, pv->nmemo + 1, sizeof *pv->memo);
	pv->memo[pv->nmemo++] = m;
	return &m->st;
}

/* The first line of st of kind (and deal, unless NULL), or NULL. */
static char *const *
line_of(const struct comp_stmt *st, const char *kind, const char *deal)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		if (strcmp(st->v[i][CP_KIND], kind) == 0 &&
		    (!deal || strcmp(st->v[i][CP_DEAL], deal) == 0))
			return st->v[i];
	return NULL;
}

/*
 * What a deal won in statement w paid after the cap (clawback_rate paid):
 * its commission, less its part of what the cap withheld, the amount
 * withheld split over the deal lines in proportion to their commission.
 * 0, and found 0, when w has no line of the deal.
 */
static int64_t
paid_for(const struct comp_stmt *w, const char *deal, int *found)
{
	int64_t *c = xcalloc(w->n + 1, sizeof *c), *part = xcalloc(w->n + 1, sizeof *part);
	int64_t withheld = 0, paid = 0;
	char *const *cap = line_of(w, "cap", NULL);
	size_t i, me = 0;

	*found = 0;
	for (i = 0; i < w->n; i++) {
		if (strcmp(w->v[i][CP_KIND], "won") != 0)
			continue;
		if ((c[i] = cell_money(w->v[i], CP_COMMISSION)) < 0)
			c[i] = 0;
		if (strcmp(w->v[i][CP_DEAL], deal) == 0) {
			*found = 1;
			me = i;
		}
	}
	if (cap)
		withheld = -cell_money(cap, CP_COMMISSION);
	if (*found) {
		paid = c[me];
		if (withheld > 0 && money_split(withheld, c, w->n, part) == 0)
			paid -= part[me];
	}
	free(c);
	free(part);
	return paid > 0 ? paid : 0;
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
		add_line(wk->st, wk->q->name, "clawback", e->deal, d, NULL, &v, NULL, &zero,
		    "plan %s claws nothing back", pl->id);
	else if (e->pair < 0)
		add_line(wk->st, wk->q->name, "clawback", e->deal, d, NULL, &v, NULL, &zero,
		    "won more than %lld days before: no clawback", (long long)pl->clawback_days);
	else
		add_line(wk->st, wk->q->name, "clawback", e->deal, d, NULL, &v, NULL, &zero,
		    "won %s, %ld days before: past the %lld-day window, no clawback",
		    date_format(wk->ev->v[e->pair].date, d2),
		    (long)(e->date - wk->ev->v[e->pair].date), (long long)pl->clawback_days);
}

/* The clawback of the win `won` by the plan's rule, from the statement of
 * its pay period wp; why says what kept it from being taken back. */
static int64_t
take_back(struct work *wk, const struct comp_event *won, const struct period *wp, char *pct,
	  struct buf *note, int *locked)
{
	const struct comp_stmt *w = stmt_at(wk->c, wk->rep, wk->pl, wp, 0);
	struct comp_sums s;
	int64_t back = 0, paid;
	int found;

	*locked = w->locked;
	pct[0] = '\0';
	comp_stmt_sums(w, &s);
	if (!w->ok || !s.has_commission) {
		buf_printf(note, "; %s paid no commission%s", wp->name, w->ok ? "" :
		    " (no quota)");
		return 0;
	}
	if (wk->pl->claw_rate == COMP_CLAW_PAID) {
		back = paid_for(w, won->deal, &found);
		buf_printf(note, found ? " at what it paid after the cap" :
		    "; %s paid no commission for it", wp->name);
		return back;
	}
	/* The rate of what the period paid: its commission less the cap's part. */
	paid = s.commission - s.withheld;
	if (comp_clawback(won->amount, paid, s.revenue, &back) < 0)
		overflow(wk);
	money_rate_format(comp_effective_bp(paid, s.revenue), pct);
	buf_printf(note, " at its effective rate%s", s.withheld ? " after the cap" : "");
	return back;
}

/* Cancels of earlier wins: clawed back by the plan's rule, or kept past
 * the window. */
static void
clawback_lines(struct work *wk)
{
	const struct comp_event *e, *won;
	char d[DATE_BUFSZ], d2[DATE_BUFSZ], pct[COMP_RATE_BUFSZ];
	struct buf note = BUF_INIT;
	int64_t back, v;
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
		if (comp_pay_period(wk->q->kind, won->date, wk->c->fys, &wp) < 0)
			die("internal error: no pay period for a win");
		buf_reset(&note);
		buf_printf(&note, "undoes %s won %s in %s", won->deal,
		    date_format(won->date, d2), wp.name);
		back = -take_back(wk, won, &wp, pct, &note, &locked);
		if (money_add(wk->claws, back, &wk->claws) < 0)
			overflow(wk);
		if (locked) {
			buf_printf(&note, "; %s is locked: clawed back here", wp.name);
			buf_printf(&wk->lockednote, "%s%s", wk->lockednote.len ? ", " : "",
			    won->deal);
		}
		v = -won->amount;
		add_line(wk->st, wk->q->name, "clawback", won->deal, date_format(e->date, d), NULL,
		    &v, pct, &back, "%s", note.data);
	}
	buf_free(&note);
}

/* The cap: the part of commission and clawbacks above it is withheld. */
static void
cap_line(struct work *wk)
{
	const struct comp_plan *pl = wk->pl;
	int64_t total, withheld, v;

	if (money_add(wk->computed ? wk->r.commission : 0, wk->claws, &total) < 0)
		overflow(wk);
	withheld = pl->has_cap && total > pl->cap ? total - pl->cap : 0;
	if (withheld) {
		v = -withheld;
		add_line(wk->st, wk->q->name, "cap", NULL, NULL, NULL, &pl->cap, NULL, &v,
		    "the payout above the cap is withheld");
	}
	wk->earned = total - withheld;
}

/* Who is under whom on a day, read once. */
static struct org *
org_of(struct comp_ctx *c)
{
	if (!c->priv->org)
		c->priv->org = org_load(c->s, 0);
	return c->priv->org;
}

/* Does event e (of the period) count for manager's override: a win of a
 * rep in their organisation that day, or the cancel of such a win of the
 * same period?  A cancel of an earlier win takes nothing back. */
static int
override_has(struct comp_ctx *c, const struct period *q, const char *manager,
	     const struct comp_event *e)
{
	const struct comp_event *won = e;

	if (e->cancel) {
		if (e->pair < 0 || !period_contains(q, c->ev->v[e->pair].date))
			return 0;
		won = &c->ev->v[e->pair];
	}
	return period_contains(q, won->date) && org_under(org_of(c), manager,
	    intern_name(c->ev->reps, won->rep), won->date);
}

/* An override plan: a line per win of the period by a rep in the
 * manager's organisation on the day of the win, at the plan's rate (a win
 * cancelled in the period pays nothing); the revenue; the commission. */
static void
override_lines(struct work *wk)
{
	const struct comp_events *ev = wk->ev;
	const struct comp_plan *pl = wk->pl;
	int64_t bp = pl->rates[0].ntiers ? pl->rates[0].tier[0].bp : 0, v, zero = 0;
	char d[DATE_BUFSZ], d2[DATE_BUFSZ], rate[MONEY_RATE_BUFSZ];
	const struct comp_event *e;
	const char *by;
	size_t i;

	money_rate_format(bp, rate);
	wk->st->ok = 1;
	wk->computed = 1;
	for (i = 0; i < ev->n; i++) {
		e = &ev->v[i];
		if (e->cancel || !counted(wk, e) || !override_has(wk->c, wk->q, wk->rep, e))
			continue;
		by = intern_name(ev->reps, e->rep);
		if (e->pair >= 0 && period_contains(wk->q, ev->v[e->pair].date) &&
		    counted(wk, &ev->v[e->pair])) {
			add_line(wk->st, wk->q->name, "override", e->deal, date_format(e->date, d),
			    NULL, &e->amount, rate, &zero, "won by %s, cancelled %s, in this period",
			    by, date_format(ev->v[e->pair].date, d2));
			continue;
		}
		if (money_apply_bp(e->amount, bp, &v) < 0 ||
		    money_add(wk->revenue, e->amount, &wk->revenue) < 0 ||
		    money_add(wk->r.commission, v, &wk->r.commission) < 0)
			overflow(wk);
		add_line(wk->st, wk->q->name, "override", e->deal, date_format(e->date, d), NULL,
		    &e->amount, rate, &v, "won by %s", by);
	}
	/* The cancels, as a rep's statement has them: what a lock knew. */
	for (i = 0; i < ev->n; i++) {
		e = &ev->v[i];
		if (!e->cancel || !counted(wk, e) || !counted(wk, &ev->v[e->pair < 0 ? i :
		    (size_t)e->pair]) || !override_has(wk->c, wk->q, wk->rep, e))
			continue;
		v = -e->amount;
		add_line(wk->st, wk->q->name, "cancel", e->deal, date_format(e->date, d), NULL, &v,
		    NULL, &zero, "undoes the win of %s, in this period",
		    date_format(ev->v[e->pair].date, d2));
	}
	wk->r.revenue = wk->revenue;
	add_line(wk->st, wk->q->name, "revenue", NULL, NULL, NULL, &wk->revenue, NULL, NULL,
	    "won in the period by the reps under %s, less the wins cancelled in it", wk->rep);
	add_line(wk->st, wk->q->name, "commission", NULL, NULL, NULL, &wk->revenue, rate,
	    &wk->r.commission, "override");
}

/* The core of rep's statement in q for plan pl into st: the lines up to
 * the cap; wk->earned is what they pay. */
static void
core(struct work *wk)
{
	wk->ri = intern_get(wk->ev->reps, wk->rep, strlen(wk->rep));
	if (wk->pl->override) {
		override_lines(wk);
		cap_line(wk);
		return;
	}
	gather(wk);
	quota_line(wk);
	deal_lines(wk);
	if (wk->st->ok)
		tier_lines(wk);
	clawback_lines(wk);
	if (wk->st->ok)
		cap_line(wk);
}

static void
work_free(struct work *wk)
{
	buf_free(&wk->lockednote);
	free(wk->ix);
	free(wk->w);
	free(wk->share);
	free(wk->rates);
}

/* -------------------------------------------------------------------- */
/* Late events: what a locked period's statement did not know. */

/* The first period after l (of its kind) that rep has not locked. */
static void
first_open(struct comp_ctx *c, const struct period *l, const char *rep, struct period *out)
{
	*out = *l;
	do
		comp_pay_period(out->kind, out->to + 1, c->fys, out);
	while (locked_has(locked_of(c, out), rep));
}

/* The events rep's statement of locked period l knew: its own lines, and
 * the adjustment lines of later locked statements for events of l. */
static void
known_of(struct comp_ctx *c, const struct locked *l, const char *rep, struct known *k)
{
	const struct comp_priv *pv = c->priv;
	const struct locked *o;
	const char *kind, *deal;
	date_t d;
	size_t i, j;

	memset(k, 0, sizeof *k);
	for (j = 0; j < pv->nlk; j++) {
		o = &pv->lk[j];
		if (o != l && (o->p.kind != l->p.kind || o->p.from <= l->p.from))
			continue;
		for (i = 0; i < o->t->nrows; i++) {
			if (strcmp(table_get(o->t, i, o->rep), rep) != 0 ||
			    genid_check(deal = table_get(o->t, i, o->deal), 'D'))
				continue;
			kind = table_get(o->t, i, o->kind);
			if (o == l && (strcmp(kind, "won") == 0 || strcmp(kind, "override") == 0 ||
			    strcmp(kind, "cancel") == 0 || strcmp(kind, "clawback") == 0))
				known_add(k, strtoul(deal + 1, NULL, 10),
				    strcmp(kind, "won") != 0 && strcmp(kind, "override") != 0);
			else if (o != l && strcmp(kind, "adjustment") == 0 &&
			    date_parse(table_get(o->t, i, o->date), &d) == 0 &&
			    period_contains(&l->p, d))
				known_add(k, strtoul(deal + 1, NULL, 10),
				    *table_get(o->t, i, o->amount) == '-');
		}
	}
}

/* The plan rep's statement in l was locked with, if it is still there. */
static const struct comp_plan *
locked_plan(const struct comp_ctx *c, const struct locked *l, const char *rep)
{
	long row = table_find(l->t, l->rep, rep);

	return row < 0 ? NULL : comp_plan_find(c->plans, table_get(l->t, (size_t)row, l->plan));
}

/* The late events of rep in locked period l, in booking order: n of them
 * into *out (free it).  A rep's own events, or for a statement locked
 * with an override plan those of the organisation (override_has). */
static size_t
late_events(struct comp_ctx *c, const struct locked *l, const char *rep, struct known *k,
	    size_t **out)
{
	const struct comp_events *ev = c->ev;
	const struct comp_plan *pl = locked_plan(c, l, rep);
	long ri = intern_get(ev->reps, rep, strlen(rep));
	size_t i, n = 0;
	int over = pl && pl->override;

	*out = NULL;
	known_of(c, l, rep, k);
	for (i = 0; i < ev->n; i++) {
		if (!period_contains(&l->p, ev->v[i].date) || known_has(k, &ev->v[i]) ||
		    (over ? !override_has(c, &l->p, rep, &ev->v[i]) :
		    ri < 0 || ev->v[i].rep != (size_t)ri))
			continue;
		*out = xreallocarray(*out, n + 1, sizeof **out);
		(*out)[n++] = i;
	}
	return n;
}

/* What the locked statement of rep in l earns when computed again with the
 * events it knew and the first nlate late ones; 0 if it cannot be. */
static int
earned_again(struct comp_ctx *c, const struct locked *l, const struct comp_plan *pl,
	     const char *rep, const struct known *k, const size_t *late, size_t nlate,
	     int64_t *earned, char *why, size_t whysz)
{
	struct comp_stmt locked, st;
	struct work wk = { .c = c, .ev = c->ev, .pl = pl, .rep = rep, .q = &l->p,
	    .known = k, .late = late, .nlate = nlate, .fixed_quota = 1 };
	char *const *ql;
	int ok;

	load_locked_stmt(l, rep, &locked);
	if ((ql = line_of(&locked, "quota", NULL)) && *ql[CP_AMOUNT]) {
		wk.has_fixed = 1;
		wk.q_fixed.target = cell_money(ql, CP_AMOUNT);
		wk.q_fixed.basis = l->p;
		snprintf(wk.q_fixed.used, sizeof wk.q_fixed.used, "%s", ql[CP_NOTE]);
	}
	comp_stmt_free(&locked);
	stmt_init(&st, rep, pl->id);
	wk.st = &st;
	core(&wk);
	*earned = wk.earned;
	if (!(ok = st.ok))
		snprintf(why, whysz, "%s, locked, has late events that cannot be paid: %.160s",
		    l->p.name, st.why);
	work_free(&wk);
	comp_stmt_free(&st);
	return ok;
}

/* The adjustment lines of q: the late events of every locked period whose
 * first open period (for this rep) is q. */
static int
late_lines(struct comp_ctx *c, const char *rep, const struct period *q, struct comp_stmt *st,
	   int64_t *sum)
{
	const struct comp_priv *pv = c->priv;
	const struct comp_plan *pl;
	const struct comp_event *e;
	struct comp_stmt locked;
	char d[DATE_BUFSZ], day[16], planid[ID_MAX + 1];
	struct period open;
	struct known k;
	int64_t base, now, diff, amount;
	size_t j, i, *late, nlate;
	int ok = 1;

	for (j = 0; j < pv->nlk && ok; j++) {
		const struct locked *l = &pv->lk[j];

		if (l->p.kind != q->kind || l->p.to >= q->from || !locked_has(l, rep) ||
		    l->p.from < c->ev->from)
			continue;
		first_open(c, &l->p, rep, &open);
		if (strcmp(open.name, q->name) != 0)
			continue;
		if (!(nlate = late_events(c, l, rep, &k, &late))) {
			free(k.v);
			continue;
		}
		load_locked_stmt(l, rep, &locked);
		snprintf(planid, sizeof planid, "%s", locked.plan);
		snprintf(day, sizeof day, "%s", locked.n ? locked.v[0][CP_LOCKED] : "");
		comp_stmt_free(&locked);
		if (!(pl = comp_plan_find(c->plans, planid))) {
			snprintf(st->why, sizeof st->why, "%s, locked with plan '%s', has late events, "
			    "and that plan is gone (restore it with comp-plan)", l->p.name, planid);
			ok = 0;
		}
		for (i = 0, base = 0; ok && i <= nlate; i++, base = now) {
			if (!(ok = earned_again(c, l, pl, rep, &k, late, i, &now, st->why,
			    sizeof st->why)) || i == 0)
				continue;
			e = &c->ev->v[late[i - 1]];
			if (money_sub(now, base, &diff) < 0 || money_add(*sum, diff, sum) < 0)
				die("%s: a late adjustment is out of range", rep);
			amount = e->cancel ? -e->amount : e->amount;
			add_line(st, q->name, "adjustment", e->deal, date_format(e->date, d), NULL,
			    &amount, NULL, &diff, "%s %s in %s, locked %s: booked after the lock",
			    e->cancel ? "cancelled" : "won", d, l->p.name, day);
			st->late++;
		}
		free(late);
		free(k.v);
	}
	return ok;
}

/* -------------------------------------------------------------------- */
/* The lines around the commission: one-off entries, draws, the payout. */

static int
is_kind(const struct entry *e, const char *kind)
{
	return strcmp(e->kind, kind) == 0;
}

/* Spifs, bonuses and adjustment entries of rep for periods within q. */
static void
entry_lines(struct comp_ctx *c, const char *rep, const struct period *q, struct comp_stmt *st,
	    int64_t *sum)
{
	const struct comp_priv *pv = c->priv;
	const struct entry *e;
	size_t i;

	for (i = 0; i < pv->ne; i++) {
		e = &pv->e[i];
		if (strcmp(e->rep, rep) != 0 || !within(&e->p, q) || is_kind(e, "draw") ||
		    is_kind(e, "recovery"))
			continue;
		if (money_add(*sum, e->amount, sum) < 0)
			die("%s: the adjustments of %s are out of range", rep, q->name);
		add_line(st, q->name, e->kind, NULL, NULL, NULL, NULL, NULL, &e->amount, "%s%s%s",
		    strcmp(e->p.name, q->name) ? e->p.name : "", strcmp(e->p.name, q->name) ?
		    ": " : "", e->reason);
	}
}

/* The draw of rep for q: the latest draw entry of each period within q,
 * added up; recoverable as the latest one says.  0 if none. */
static int
draw_of(struct comp_ctx *c, const char *rep, const struct period *q, int64_t *floor,
	int *recoverable)
{
	const struct comp_priv *pv = c->priv;
	size_t i, j;
	int any = 0;

	*floor = 0;
	*recoverable = 1;
	for (i = 0; i < pv->ne; i++) {
		const struct entry *e = &pv->e[i];

		if (strcmp(e->rep, rep) != 0 || !is_kind(e, "draw") || !within(&e->p, q))
			continue;
		for (j = i + 1; j < pv->ne; j++)
			if (strcmp(pv->e[j].rep, rep) == 0 && is_kind(&pv->e[j], "draw") &&
			    strcmp(pv->e[j].p.name, e->p.name) == 0)
				break;
		if (j < pv->ne)
			continue;	/* a later entry replaces it */
		if (money_add(*floor, e->amount, floor) < 0)
			die("%s: the draws of %s are out of range", rep, q->name);
		*recoverable = e->recoverable;
		any = 1;
	}
	return any;
}

/* Has rep a draw or recovery entry for a period that ends before `before`? */
static int
draws_before(const struct comp_ctx *c, const char *rep, date_t before)
{
	size_t i;

	for (i = 0; i < c->priv->ne; i++)
		if (strcmp(c->priv->e[i].rep, rep) == 0 && c->priv->e[i].p.to < before &&
		    (is_kind(&c->priv->e[i], "draw") || is_kind(&c->priv->e[i], "recovery")))
			return 1;
	return 0;
}

/*
 * The draw balance rep carries into q: the closing balance of the period
 * before, locked or computed (0 before the first draw).  0 if it cannot
 * be known (why says why); open gets the open period it came from.
 */
static int
opening_balance(struct comp_ctx *c, const char *rep, const struct comp_plan *pl,
		const struct period *q, int64_t *b, char *why, size_t whysz, struct period *open)
{
	const struct comp_stmt *prev;
	struct period p;
	struct comp_sums s;

	*b = 0;
	open->name[0] = '\0';
	if (comp_pay_period(q->kind, q->from - 1, c->fys, &p) < 0)
		return 1;
	if (!locked_has(locked_of(c, &p), rep)) {
		/* Nothing drawn before, or before the events read: nothing owed. */
		if (!draws_before(c, rep, q->from) || p.from < c->ev->from)
			return 1;
		*open = p;
	}
	prev = stmt_at(c, rep, pl, &p, 1);
	if (!prev->ok) {
		snprintf(why, whysz, "the draw balance comes from %s, which cannot be computed: %.160s",
		    p.name, prev->why);
		return 0;
	}
	comp_stmt_sums(prev, &s);
	*b = s.balance;
	if (!s.balance)
		open->name[0] = '\0';
	return 1;
}

/* Draw, recovery and balance lines; *paid gets what they add to the payout. */
static int
draw_lines(struct comp_ctx *c, const char *rep, const struct comp_plan *pl,
	   const struct period *q, int64_t earned, struct comp_stmt *st, int64_t *paid)
{
	char mb[MONEY_BUFSZ], mb2[MONEY_BUFSZ], mb3[MONEY_BUFSZ];
	int64_t floor, open, bal, d = 0, rec = 0, v, drawn = 0, back = 0;
	struct period from;
	int recoverable, has;
	size_t i;

	*paid = 0;
	if (!opening_balance(c, rep, pl, q, &open, st->why, sizeof st->why, &from))
		return 0;
	bal = open;
	has = draw_of(c, rep, q, &floor, &recoverable);
	if (has && earned < floor) {
		if (money_sub(floor, earned, &d) < 0)
			die("%s: the draw of %s is out of range", rep, q->name);
		add_line(st, q->name, "draw", NULL, NULL, NULL, &floor, NULL, &d,
		    "earned %s, below the %s draw%s", fmt_money(earned, mb), fmt_money(floor, mb2),
		    recoverable ? ": recoverable, added to the balance" :
		    ": a guarantee, not recovered");
		if (recoverable)
			drawn = d;
	} else if (bal > 0 && earned > (has ? floor : 0)) {
		rec = earned - (has ? floor : 0);
		if (rec > bal)
			rec = bal;
		v = -rec;
		add_line(st, q->name, "recovery", NULL, NULL, NULL, &bal, NULL, &v,
		    "earned %s%s%s: the draw balance is paid back from it", fmt_money(earned, mb),
		    has ? ", above the draw of " : "", has ? fmt_money(floor, mb2) : "");
		back = rec;
	}
	bal += drawn - back;
	for (i = 0; i < c->priv->ne; i++) {
		const struct entry *e = &c->priv->e[i];

		if (strcmp(e->rep, rep) != 0 || !is_kind(e, "recovery") || !within(&e->p, q))
			continue;
		v = e->amount < bal ? e->amount : bal > 0 ? bal : 0;
		rec += v;
		back += v;
		bal -= v;
		v = -v;
		add_line(st, q->name, "recovery", NULL, NULL, NULL, &e->amount, NULL, &v, "%s%s",
		    e->reason, -v < e->amount ? " (no more is owed)" : "");
	}
	if (open || drawn || back || has)
		add_line(st, q->name, "balance", NULL, NULL, NULL, &bal, NULL, NULL,
		    "draw balance: %s carried in%s%s, %s drawn, %s paid back",
		    fmt_money(open, mb), *from.name ? " from " : "", from.name,
		    fmt_money(drawn, mb2), fmt_money(back, mb3));
	if (money_sub(d, rec, paid) < 0)
		die("%s: the draw of %s is out of range", rep, q->name);
	return 1;
}

/* The payout line: what the statement pays, and why it is what it is. */
static void
payout_line(struct work *wk, int64_t total)
{
	const struct comp_plan *pl = wk->pl;
	struct comp_stmt *st = wk->st;
	struct buf note = BUF_INIT;
	char pct[COMP_RATE_BUFSZ], mb[MONEY_BUFSZ];

	if (!st->ok) {
		buf_printf(&note, "%s: no commission", st->why);
		add_line(st, wk->q->name, "payout", NULL, NULL, NULL, NULL, NULL, NULL, "%s",
		    note.data);
		buf_free(&note);
		return;
	}
	if (wk->computed && wk->r.below)
		buf_printf(&note, "attainment %s%% is below the %lld%% threshold",
		    stats_percent(wk->revenue, wk->quota.target, pct), (long long)pl->threshold);
	if (line_of(st, "cap", NULL))
		buf_printf(&note, "%scapped at %s", note.len ? "; " : "", fmt_money(pl->cap, mb));
	if (wk->lockednote.len)
		buf_printf(&note, "%sclawback of %s, won in a locked period", note.len ? "; " : "",
		    wk->lockednote.data);
	if (line_of(st, "adjustment", NULL) && line_of(st, "adjustment", NULL)[CP_DEAL][0])
		buf_printf(&note, "%swith events booked after a lock", note.len ? "; " : "");
	add_line(st, wk->q->name, "payout", NULL, NULL, NULL, NULL, NULL, &total, "%s",
	    note.len ? note.data : "");
	buf_free(&note);
}

/* The statement of rep (plan pl) for q, computed: the core, and with full
 * what is paid around it. */
static void
compute(struct comp_ctx *c, const char *rep, const struct comp_plan *pl,
	const struct period *q, int full, struct comp_stmt *st)
{
	struct work wk = { .c = c, .ev = c->ev, .pl = pl, .rep = rep, .q = q };
	int64_t late = 0, extra = 0, draws = 0, total = 0;

	stmt_init(st, rep, pl->id);
	wk.st = st;
	core(&wk);
	if (st->ok && full && late_lines(c, rep, q, st, &late)) {
		entry_lines(c, rep, q, st, &extra);
		if (money_add(wk.earned, late, &total) < 0)
			overflow(&wk);
		if (!draw_lines(c, rep, pl, q, total, st, &draws))
			st->ok = 0;
		else if (money_add(total, extra, &total) < 0 || money_add(total, draws, &total) < 0)
			overflow(&wk);
	} else if (full)
		st->ok = 0;
	payout_line(&wk, st->ok ? (full ? total : wk.earned) : 0);
	work_free(&wk);
}

/* -------------------------------------------------------------------- */

void
comp_stmt_of(struct comp_ctx *c, const char *rep, const char *plan, struct comp_stmt *st)
{
	const struct comp_plan *pl;
	const struct locked *l = locked_of(c, &c->p);

	if (locked_has(l, rep)) {
		load_locked_stmt(l, rep, st);
		return;
	}
	stmt_init(st, rep, plan);
	if (!*plan)
		snprintf(st->why, sizeof st->why, "no plan (give one with rep-edit %s --plan PLAN)",
		    rep);
	else if (!(pl = comp_plan_find(c->plans, plan)))
		snprintf(st->why, sizeof st->why, "unknown plan '%s' (run sales-check)", plan);
	else {
		comp_stmt_free(st);
		stmt_copy(st, stmt_at(c, rep, pl, &c->p, 1));
		return;
	}
	add_line(st, c->p.name, "payout", NULL, NULL, NULL, NULL, NULL, NULL, "%s", st->why);
}

int
comp_stmt_balance_open(struct comp_ctx *c, const char *rep, const char *plan, char *name)
{
	const struct comp_plan *pl = comp_plan_find(c->plans, plan);
	struct period from;
	char why[256];
	int64_t b;

	if (!pl || !opening_balance(c, rep, pl, &c->p, &b, why, sizeof why, &from) ||
	    !*from.name)
		return 0;
	snprintf(name, 32, "%s", from.name);
	return 1;
}

/* -------------------------------------------------------------------- */
/* Loading: what the statements of c->p need. */

static int64_t
longest_window(const struct comp_plans *pl)
{
	int64_t max = 0;
	size_t i;

	for (i = 0; i < pl->n; i++)
		if (pl->v[i].clawback_days > max)
			max = pl->v[i].clawback_days;
	return max;
}

/* The first day of the pay period (of p's kind) a window of days before
 * from reaches back to. */
static date_t
look_back(const struct comp_ctx *c, enum period_kind kind, date_t from)
{
	struct period w;
	date_t d = from - (date_t)c->priv->maxdays > DATE_MIN ? from - (date_t)c->priv->maxdays :
	    DATE_MIN;

	return comp_pay_period(kind, d, c->fys, &w) == 0 ? w.from : d;
}

/* The earliest day the events must be read from for c->p's statements:
 * its clawback window; every locked period of its kind before it, for
 * their late events; the first draw still owed. */
static date_t
events_from(const struct comp_ctx *c)
{
	const struct comp_priv *pv = c->priv;
	date_t from = look_back(c, c->p.kind, c->p.from);
	size_t i;

	for (i = 0; i < pv->nlk; i++)
		if (pv->lk[i].p.kind == c->p.kind && pv->lk[i].p.to < c->p.from &&
		    look_back(c, c->p.kind, pv->lk[i].p.from) < from)
			from = look_back(c, c->p.kind, pv->lk[i].p.from);
	for (i = 0; i < pv->ne; i++)
		if ((is_kind(&pv->e[i], "draw") || is_kind(&pv->e[i], "recovery")) &&
		    pv->e[i].p.to < c->p.from && look_back(c, c->p.kind, pv->e[i].p.from) < from)
			from = look_back(c, c->p.kind, pv->e[i].p.from);
	return from;
}

void
comp_ctx_load(struct comp_ctx *c, const struct stages *st)
{
	c->priv = xcalloc(1, sizeof *c->priv);
	c->priv->maxdays = longest_window(c->plans);
	load_locked(c);
	load_entries(c);
	c->ev = comp_events_scan(c->s, st, events_from(c), c->p.to);
}

void
comp_ctx_free(struct comp_ctx *c)
{
	struct comp_priv *pv = c->priv;
	size_t i;

	if (!pv)
		return;
	for (i = 0; i < pv->nlk; i++)
		table_free(pv->lk[i].t);
	free(pv->lk);
	for (i = 0; i < pv->nmemo; i++) {
		free(pv->memo[i]->rep);
		free(pv->memo[i]->period);
		comp_stmt_free(&pv->memo[i]->st);
		free(pv->memo[i]);
	}
	free(pv->memo);
	free(pv->e);
	table_free(pv->adj);
	org_free(pv->org);
	free(pv);
	c->priv = NULL;
	comp_events_free(c->ev);
	c->ev = NULL;
}

/* -------------------------------------------------------------------- */

size_t
comp_late(struct comp_ctx *c, const struct stages *st,
	  void (*fn)(void *arg, const char *rep, const char *period, const char *locked,
		     const struct comp_event *e),
	  void *arg)
{
	struct comp_priv *pv;
	struct comp_stmt locked;
	struct known k;
	size_t j, i, r, n = 0, *late, nlate;
	const char *rep;
	date_t from = DATE_MAX;

	c->priv = pv = xcalloc(1, sizeof *c->priv);
	pv->maxdays = longest_window(c->plans);
	load_locked(c);
	load_entries(c);
	for (j = 0; j < pv->nlk; j++)
		if (pv->lk[j].p.from < from)
			from = pv->lk[j].p.from;
	if (!pv->nlk)
		return 0;
	c->p = pv->lk[pv->nlk - 1].p;
	c->ev = comp_events_scan(c->s, st, from, pv->lk[pv->nlk - 1].p.to > from ?
	    pv->lk[pv->nlk - 1].p.to : from);
	for (j = 0; j < pv->nlk; j++) {
		const struct locked *l = &pv->lk[j];
		struct intern *seen = intern_new();

		for (r = 0; r < l->t->nrows; r++) {
			rep = table_get(l->t, r, l->rep);
			if (intern_get(seen, rep, strlen(rep)) >= 0)
				continue;
			intern_add(seen, rep, strlen(rep));
			nlate = late_events(c, l, rep, &k, &late);
			load_locked_stmt(l, rep, &locked);
			for (i = 0; i < nlate; i++)
				fn(arg, rep, l->p.name, locked.n ? locked.v[0][CP_LOCKED] : "",
				    &c->ev->v[late[i]]);
			n += nlate;
			comp_stmt_free(&locked);
			free(late);
			free(k.v);
		}
		intern_free(seen);
	}
	return n;
}

int
comp_locked_for(struct store *s, const struct period *p, const char *rep)
{
	char path[64];
	struct table *t;
	int found;

	snprintf(path, sizeof path, "payouts/%s.tsv", p->name);
	if (!store_exists(s, path))
		return 0;
	t = store_load(s, path);
	found = table_col(t, "rep") >= 0 && table_find(t, table_col(t, "rep"), rep) >= 0;
	table_free(t);
	return found;
}
