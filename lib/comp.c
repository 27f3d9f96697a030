#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comp.h"
#include "date.h"
#include "deal.h"
#include "err.h"
#include "history.h"
#include "id.h"
#include "money.h"
#include "table.h"
#include "xalloc.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* num / den rounded half away from zero, in 128 bits; -1 if it overflows int64. */
static int
div_round128(__int128 num, __int128 den, int64_t *r)
{
	__int128 q;
	int neg = (num < 0) != (den < 0);

	if (num < 0)
		num = -num;
	if (den < 0)
		den = -den;
	q = (2 * num + den) / (2 * den);
	if (neg)
		q = -q;
	if (q > INT64_MAX || q < INT64_MIN)
		return -1;
	*r = (int64_t)q;
	return 0;
}

/* Does revenue reach pct percent of quota?  Exactly: revenue x 100 >= quota x pct. */
static int
reaches(int64_t revenue, int64_t quota, int64_t pct)
{
	return (__int128)revenue * 100 >= (__int128)quota * pct;
}


/* Part of [lo, hi) that lies in [blo, bhi) (bhi < 0: no upper end). */
static int64_t
overlap(int64_t lo, int64_t hi, int64_t blo, int64_t bhi)
{
	int64_t a = lo > blo ? lo : blo, b = bhi >= 0 && bhi < hi ? bhi : hi;

	return b > a ? b - a : 0;
}

/* The revenue deal k brings to tier i of table t (a portion of a line). */
static int64_t
portion(const struct comp_plan *pl, const struct comp_result *r, size_t t, size_t i,
	int64_t cum, int64_t w)
{
	const struct comp_rates *rt = &pl->rates[t];

	if (pl->flat)
		return r->reached[t] == (int)i ? w : 0;
	if ((int)i > r->reached[t])
		return 0;
	return overlap(cum, cum + w, r->bound[t][i], i + 1 < rt->ntiers ? r->bound[t][i + 1] : -1);
}

/* Each deal's share of the tier lines, by largest remainder per line. */
static void
deal_shares(const struct comp_plan *pl, const struct comp_result *r, const int64_t *w,
	    const int *rates, size_t nd, int64_t *share)
{
	int64_t *part = xcalloc(nd + 1, sizeof *part), *got = xcalloc(nd + 1, sizeof *got);
	int64_t cum;
	size_t t, i, k;

	memset(share, 0, nd * sizeof *share);
	for (t = 0; t < pl->nrates; t++)
		for (i = 0; i < pl->rates[t].ntiers; i++) {
			if (r->sub[t][i] == 0)
				continue;
			for (k = 0, cum = 0; k < nd; cum += w[k], k++)
				part[k] = rates[k] == (int)t ? portion(pl, r, t, i, cum, w[k]) : 0;
			if (money_split(r->sub[t][i], part, nd, got) < 0)
				continue;
			for (k = 0; k < nd; k++)
				share[k] += got[k];
		}
	free(part);
	free(got);
}

int
comp_commission(const struct comp_plan *pl, int64_t quota, const int64_t *w, const int *rates,
		size_t nd, struct comp_result *r, int64_t *share)
{
	int64_t cum, v;
	size_t t, i, k;

	memset(r, 0, sizeof *r);
	if (quota <= 0)
		return -1;
	for (k = 0; k < nd; k++)
		if (w[k] < 0 || money_add(r->revenue, w[k], &r->revenue) < 0)
			return -1;
	for (t = 0; t < pl->nrates; t++) {
		r->reached[t] = -1;
		for (i = 0; i < pl->rates[t].ntiers; i++) {
			if (div_round128((__int128)quota * pl->rates[t].tier[i].from, 100,
			    &r->bound[t][i]) < 0)
				return -1;
			if (reaches(r->revenue, quota, pl->rates[t].tier[i].from))
				r->reached[t] = (int)i;
		}
	}
	if (pl->threshold > 0 && !reaches(r->revenue, quota, pl->threshold)) {
		r->below = 1;
		if (share)
			memset(share, 0, nd * sizeof *share);
		return 0;
	}
	for (t = 0; t < pl->nrates; t++)
		for (i = 0; i < pl->rates[t].ntiers; i++) {
			for (k = 0, cum = 0; k < nd; cum += w[k], k++)
				if (rates[k] == (int)t &&
				    money_add(r->slice[t][i], portion(pl, r, t, i, cum, w[k]),
				    &r->slice[t][i]) < 0)
					return -1;
			if (money_apply_bp(r->slice[t][i], pl->rates[t].tier[i].bp, &v) < 0 ||
			    money_add(r->commission, v, &r->commission) < 0)
				return -1;
			r->sub[t][i] = v;
		}
	if (share)
		deal_shares(pl, r, w, rates, nd, share);
	return 0;
}

int
comp_clawback(int64_t amount, int64_t commission, int64_t revenue, int64_t *r)
{
	if (revenue <= 0 || commission <= 0) {
		*r = 0;
		return 0;
	}
	return div_round128((__int128)amount * commission, revenue, r);
}

int64_t
comp_effective_bp(int64_t commission, int64_t revenue)
{
	int64_t bp;

	if (revenue <= 0 || commission <= 0 ||
	    div_round128((__int128)commission * 10000, revenue, &bp) < 0)
		return 0;
	return bp;
}

int
comp_pay_period(enum period_kind kind, date_t d, int fys, struct period *out)
{
	char name[32];
	int y, m, day, w, fy;

	date_to_ymd(d, &y, &m, &day);
	/* A fiscal year is named by the year in which it ends. */
	fy = fys == 1 || m < fys ? y : y + 1;
	switch (kind) {
	case PERIOD_WEEK:
		date_iso_week(d, &y, &w);
		snprintf(name, sizeof name, "%04d-W%02d", y, w);
		break;
	case PERIOD_MONTH:
		snprintf(name, sizeof name, "%04d-%02d", y, m);
		break;
	case PERIOD_QUARTER:
		snprintf(name, sizeof name, "%04d-Q%d", y, (m - 1) / 3 + 1);
		break;
	case PERIOD_YEAR:
		snprintf(name, sizeof name, "%04d", y);
		break;
	case PERIOD_FQUARTER:
		snprintf(name, sizeof name, "FY%04d-Q%d", fy, (m - fys + 12) % 12 / 3 + 1);
		break;
	case PERIOD_FYEAR:
		snprintf(name, sizeof name, "FY%04d", fy);
		break;
	default:
		return -1;
	}
	return period_parse(name, d, fys, out);
}

static _Noreturn void
bad_row(const struct table *t, size_t row, const char *col, const char *v)
{
	die("%s:%lu: bad %s '%s'; run sales-check", t->name, t->lines[row], col, v);
}

static int
cmp_tier(const void *a, const void *b)
{
	const struct comp_tier *x = a, *y = b;

	return (x->from > y->from) - (x->from < y->from);
}

/* The optional settings of a plan's row (empty: the default). */
static void
plan_settings(const struct table *pt, size_t i, struct comp_plan *p)
{
	const char *v;
	long long n;

	if (*(v = table_cell(pt, i, "threshold"))) {
		if (parse_uint(v, COMP_MAX_FROM, &n) < 0)
			bad_row(pt, i, "threshold", v);
		p->threshold = n;
	}
	if (*(v = table_cell(pt, i, "cap"))) {
		if (money_parse(v, &p->cap, NULL) < 0 || p->cap < 0)
			bad_row(pt, i, "cap", v);
		p->has_cap = 1;
	}
	if (*(v = table_cell(pt, i, "clawback_days"))) {
		if (parse_uint(v, COMP_MAX_DAYS, &n) < 0)
			bad_row(pt, i, "clawback_days", v);
		p->clawback_days = n;
		p->has_clawback = 1;
	}
	v = table_cell(pt, i, "clawback_rate");
	if (*v && strcmp(v, "effective") && strcmp(v, "paid"))
		bad_row(pt, i, "clawback_rate", v);
	p->claw_rate = strcmp(v, "paid") == 0 ? COMP_CLAW_PAID : COMP_CLAW_EFFECTIVE;
}

/* The table of plan p that a tier row belongs to, by its filter: one
 * met before, else a new one (comp.h). */
static struct comp_rates *
rates_for_row(const struct table *tt, size_t i, struct comp_plan *p)
{
	const char *product = table_cell(tt, i, "product"), *type = table_cell(tt, i, "type");
	struct comp_rates *rt;
	size_t t;

	if (*type && deal_type_parse(type, strlen(type)) < 0)
		bad_row(tt, i, "type", type);
	if (*product && id_check(product) != NULL)
		bad_row(tt, i, "product", product);
	for (t = 0; t < p->nrates; t++)
		if (strcmp(p->rates[t].product, product) == 0 && strcmp(p->rates[t].type, type) == 0)
			return &p->rates[t];
	if (p->nrates == COMP_MAX_RATES)
		die("comp-tiers.tsv:%lu: plan '%s' has more than %d tier tables; run sales-check",
		    tt->lines[i], p->id, COMP_MAX_RATES);
	rt = &p->rates[p->nrates++];
	snprintf(rt->product, sizeof rt->product, "%s", product);
	snprintf(rt->type, sizeof rt->type, "%s", type);
	return rt;
}

/* The one rule (comp.h): of the tables that match, the most specific. */
int
comp_rates_for(const struct comp_plan *pl, const char *product, int type)
{
	const char *name = deal_type_name(type);
	const struct comp_rates *rt;
	int best = 0, score, top = -1;
	size_t t;

	for (t = 0; t < pl->nrates; t++) {
		rt = &pl->rates[t];
		if ((*rt->product && strcmp(rt->product, product) != 0) ||
		    (*rt->type && strcmp(rt->type, name) != 0))
			continue;
		/* product and type 3, product 2, type 1, neither 0 */
		score = (*rt->product ? 2 : 0) + (*rt->type ? 1 : 0);
		if (score > top) {
			top = score;
			best = (int)t;
		}
	}
	return best;
}

const char *
comp_rates_name(const struct comp_rates *rt, char *buf, size_t n)
{
	if (!*rt->product && !*rt->type)
		snprintf(buf, n, "general");
	else if (!*rt->type)
		snprintf(buf, n, "product %s", rt->product);
	else if (!*rt->product)
		snprintf(buf, n, "type %s", rt->type);
	else
		snprintf(buf, n, "product %s, type %s", rt->product, rt->type);
	return buf;
}

struct comp_plans *
comp_plans_load(struct store *s)
{
	struct table *pt = store_load(s, "comp-plans.tsv"), *tt = store_load(s, "comp-tiers.tsv");
	struct comp_plans *pl = xcalloc(1, sizeof *pl);
	int pc = table_col(pt, "plan"), mc = table_col(pt, "mode");
	int tp = table_col(tt, "plan"), tf = table_col(tt, "from"), tr = table_col(tt, "rate");
	struct comp_rates *rt;
	struct comp_plan *p;
	long long n;
	const char *v;
	size_t i, t;

	if (pc < 0 || mc < 0 || tp < 0 || tf < 0 || tr < 0)
		die("comp-plans.tsv or comp-tiers.tsv lacks a column; run sales-check");
	pl->v = xcalloc(pt->nrows + 1, sizeof *pl->v);
	for (i = 0; i < pt->nrows; i++) {
		p = &pl->v[pl->n++];
		p->id = xstrdup(table_get(pt, i, pc));
		p->title = xstrdup(table_cell(pt, i, "title"));
		v = table_get(pt, i, mc);
		if (strcmp(v, "flat") && strcmp(v, "marginal") && strcmp(v, "override"))
			bad_row(pt, i, "mode", v);
		p->flat = strcmp(v, "flat") == 0;
		p->override = strcmp(v, "override") == 0;
		plan_settings(pt, i, p);
		p->nrates = 1;		/* the general table, first */
	}
	for (i = 0; i < tt->nrows; i++) {
		p = (struct comp_plan *)comp_plan_find(pl, table_get(tt, i, tp));
		if (!p)
			die("comp-tiers.tsv:%lu: unknown plan '%s'; run sales-check", tt->lines[i],
			    table_get(tt, i, tp));
		rt = rates_for_row(tt, i, p);
		if (rt->ntiers == COMP_MAX_TIERS)
			die("comp-tiers.tsv:%lu: plan '%s' has more than %d tiers", tt->lines[i],
			    p->id, COMP_MAX_TIERS);
		if (parse_uint(v = table_get(tt, i, tf), COMP_MAX_FROM, &n) < 0)
			bad_row(tt, i, "from", v);
		rt->tier[rt->ntiers].from = n;
		if (money_rate_parse(v = table_get(tt, i, tr), &rt->tier[rt->ntiers].bp) < 0)
			bad_row(tt, i, "rate", v);
		rt->ntiers++;
	}
	for (i = 0; i < pl->n; i++)
		for (t = 0; t < pl->v[i].nrates; t++)
			qsort(pl->v[i].rates[t].tier, pl->v[i].rates[t].ntiers,
			    sizeof pl->v[i].rates[t].tier[0], cmp_tier);
	table_free(pt);
	table_free(tt);
	return pl;
}

const struct comp_plan *
comp_plan_find(const struct comp_plans *pl, const char *id)
{
	size_t i;

	for (i = 0; i < pl->n; i++)
		if (strcmp(pl->v[i].id, id) == 0)
			return &pl->v[i];
	return NULL;
}

void
comp_plans_free(struct comp_plans *pl)
{
	size_t i;

	if (!pl)
		return;
	for (i = 0; i < pl->n; i++) {
		free(pl->v[i].id);
		free(pl->v[i].title);
	}
	free(pl->v);
	free(pl);
}

static struct comp_event *
add_event(struct comp_events *ev)
{
	if (ev->n == ev->cap) {
		ev->cap = ev->cap ? ev->cap * 2 : 256;
		ev->v = xreallocarray(ev->v, ev->cap, sizeof *ev->v);
	}
	memset(&ev->v[ev->n], 0, sizeof ev->v[0]);
	return &ev->v[ev->n++];
}

/* Where deal k's latest win is in ev->v, if it has one in the range. */
struct wins {
	long *of;		/* by deal number; -1: none */
	size_t n;
};

static long *
win_of(struct wins *w, size_t k)
{
	size_t n;

	if (k >= w->n) {
		n = k * 2 + 64;
		w->of = xreallocarray(w->of, n, sizeof *w->of);
		for (; w->n < n; w->n++)
			w->of[w->n] = -1;
	}
	return &w->of[k];
}

/*
 * A won or cancel event of the range: an event for each share of the
 * deal's credit (history.h); a cancel's shares are paired with its win's,
 * which were the same (a won deal keeps its split).
 */
static void
take_event(struct comp_events *ev, struct wins *w, const struct hist_event *he,
	   struct history *h)
{
	struct hist_share sh[HIST_MAXSHARES];
	long *won = win_of(w, he->deal), first = (long)ev->n;
	size_t i, ns = history_shares(h, he->after, he->after->amount, sh);
	struct comp_event *e;
	const char *rep, *product = history_name(h, HIST_PRODUCT, he->after->product);

	for (i = 0; i < ns; i++) {
		rep = history_name(h, HIST_REP, sh[i].rep);
		e = add_event(ev);
		e->date = he->date;
		e->cancel = he->kind == DEAL_EV_CANCEL;
		e->pair = -1;
		e->num = he->deal;
		snprintf(e->deal, sizeof e->deal, "D%zu", he->deal);
		e->amount = sh[i].amount;
		e->product = intern_add(ev->products, product, strlen(product));
		e->type = he->after->type;
		e->rep = intern_add(ev->reps, rep, strlen(rep));
		if (e->cancel && *won >= 0 && *won + (long)i < first &&
		    ev->v[*won + (long)i].num == e->num && ev->v[*won + (long)i].rep == e->rep) {
			e->pair = *won + (long)i;
			ev->v[e->pair].pair = (long)(ev->n - 1);
		}
	}
	*won = he->kind == DEAL_EV_WON ? first : -1;
}

struct comp_events *
comp_events_scan(struct store *s, const struct stages *st, date_t from, date_t to)
{
	struct comp_events *ev = xcalloc(1, sizeof *ev);
	struct history *h = history_open(s, st, from, HIST_WANT_PRODUCT);
	const struct hist_event *he;
	struct wins w = { NULL, 0 };

	ev->reps = intern_new();
	ev->products = intern_new();
	ev->from = from;
	ev->to = to;
	history_until(h, to);
	while ((he = history_next(h, to)))
		if (he->kind == DEAL_EV_WON || he->kind == DEAL_EV_CANCEL)
			take_event(ev, &w, he, h);
	free(w.of);
	history_close(h);
	return ev;
}

void
comp_events_free(struct comp_events *ev)
{
	if (!ev)
		return;
	intern_free(ev->reps);
	intern_free(ev->products);
	free(ev->v);
	free(ev);
}
