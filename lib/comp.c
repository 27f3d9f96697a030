#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comp.h"
#include "date.h"
#include "err.h"
#include "history.h"
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

int
comp_commission(const struct comp_plan *pl, int64_t quota, int64_t revenue,
		struct comp_result *r)
{
	size_t i, n = pl->ntiers;
	int64_t lo, hi;

	memset(r, 0, sizeof *r);
	r->reached = -1;
	if (quota <= 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (div_round128((__int128)quota * pl->tier[i].from, 100, &r->bound[i]) < 0)
			return -1;
		if (revenue > 0 && reaches(revenue, quota, pl->tier[i].from))
			r->reached = (int)i;
	}
	if (pl->threshold > 0 && !reaches(revenue, quota, pl->threshold)) {
		r->below = 1;
		return 0;
	}
	if (r->reached < 0)
		return 0;
	if (pl->flat) {
		i = (size_t)r->reached;
		r->slice[i] = revenue;
	} else
		for (i = 0; i <= (size_t)r->reached; i++) {
			lo = r->bound[i];
			hi = i + 1 < n && r->bound[i + 1] < revenue ? r->bound[i + 1] : revenue;
			r->slice[i] = hi > lo ? hi - lo : 0;
		}
	for (i = 0; i < n; i++) {
		if (money_apply_bp(r->slice[i], pl->tier[i].bp, &r->sub[i]) < 0 ||
		    money_add(r->commission, r->sub[i], &r->commission) < 0)
			return -1;
	}
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

struct comp_plans *
comp_plans_load(struct store *s)
{
	struct table *pt = store_load(s, "comp-plans.tsv"), *tt = store_load(s, "comp-tiers.tsv");
	struct comp_plans *pl = xcalloc(1, sizeof *pl);
	int pc = table_col(pt, "plan"), tc = table_col(pt, "title"), mc = table_col(pt, "mode");
	int hc = table_col(pt, "threshold"), cc = table_col(pt, "cap");
	int kc = table_col(pt, "clawback_days");
	int tp = table_col(tt, "plan"), tf = table_col(tt, "from"), tr = table_col(tt, "rate");
	struct comp_plan *p;
	long long n;
	const char *v;
	size_t i;

	if (pc < 0 || mc < 0 || tp < 0 || tf < 0 || tr < 0)
		die("comp-plans.tsv or comp-tiers.tsv lacks a column; run sales-check");
	pl->v = xcalloc(pt->nrows + 1, sizeof *pl->v);
	for (i = 0; i < pt->nrows; i++) {
		p = &pl->v[pl->n++];
		p->id = xstrdup(table_get(pt, i, pc));
		p->title = xstrdup(tc < 0 ? "" : table_get(pt, i, tc));
		v = table_get(pt, i, mc);
		if (strcmp(v, "flat") && strcmp(v, "marginal"))
			bad_row(pt, i, "mode", v);
		p->flat = strcmp(v, "flat") == 0;
		if (*(v = hc < 0 ? "" : table_get(pt, i, hc))) {
			if (parse_uint(v, COMP_MAX_FROM, &n) < 0)
				bad_row(pt, i, "threshold", v);
			p->threshold = n;
		}
		if (*(v = cc < 0 ? "" : table_get(pt, i, cc))) {
			if (money_parse(v, &p->cap, NULL) < 0 || p->cap < 0)
				bad_row(pt, i, "cap", v);
			p->has_cap = 1;
		}
		if (*(v = kc < 0 ? "" : table_get(pt, i, kc))) {
			if (parse_uint(v, COMP_MAX_DAYS, &n) < 0)
				bad_row(pt, i, "clawback_days", v);
			p->clawback_days = n;
			p->has_clawback = 1;
		}
	}
	for (i = 0; i < tt->nrows; i++) {
		p = (struct comp_plan *)comp_plan_find(pl, table_get(tt, i, tp));
		if (!p)
			die("comp-tiers.tsv:%lu: unknown plan '%s'; run sales-check", tt->lines[i],
			    table_get(tt, i, tp));
		if (p->ntiers == COMP_MAX_TIERS)
			die("comp-tiers.tsv:%lu: plan '%s' has more than %d tiers", tt->lines[i],
			    p->id, COMP_MAX_TIERS);
		if (parse_uint(v = table_get(tt, i, tf), COMP_MAX_FROM, &n) < 0)
			bad_row(tt, i, "from", v);
		p->tier[p->ntiers].from = n;
		if (money_rate_parse(v = table_get(tt, i, tr), &p->tier[p->ntiers].bp) < 0)
			bad_row(tt, i, "rate", v);
		p->ntiers++;
	}
	for (i = 0; i < pl->n; i++)
		qsort(pl->v[i].tier, pl->v[i].ntiers, sizeof pl->v[i].tier[0], cmp_tier);
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

/* The index of deal k's latest win in ev->v, if it has one in the range. */
struct wins {
	long *of;		/* by deal number; -1 */
	size_t n;
};

static long *
win_of(struct wins *w, size_t k)
{
	size_t n;

	if (k >= w->n) {
		n = k * 2 + 64;
		w->of = xreallocarray(w->of, n, sizeof *w->of);
		while (w->n < n)
			w->of[w->n++] = -1;
	}
	return &w->of[k];
}

/* A won or cancel event of the range; a cancel takes its win's rep. */
static void
take_event(struct comp_events *ev, struct wins *w, const struct hist_event *he,
	   const struct history *h)
{
	const char *rep = history_name(h, HIST_REP, he->after->rep);
	struct comp_event *e = add_event(ev);
	long *won = win_of(w, he->deal);

	e->date = he->date;
	e->cancel = he->kind == DEAL_EV_CANCEL;
	e->pair = -1;
	e->num = he->deal;
	snprintf(e->deal, sizeof e->deal, "D%zu", he->deal);
	e->amount = he->after->amount;
	e->rep = intern_add(ev->reps, rep, strlen(rep));
	if (!e->cancel)
		*won = (long)(ev->n - 1);
	else if (*won >= 0) {
		e->pair = *won;
		e->rep = ev->v[*won].rep;
		ev->v[*won].pair = (long)(ev->n - 1);
		*won = -1;
	}
}

struct comp_events *
comp_events_scan(struct store *s, const struct stages *st, date_t from, date_t to)
{
	struct comp_events *ev = xcalloc(1, sizeof *ev);
	struct history *h = history_open(s, st, from, 0);
	const struct hist_event *he;
	struct wins w = { NULL, 0 };

	ev->reps = intern_new();
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
	free(ev->v);
	free(ev);
}
