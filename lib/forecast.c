#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deal.h"
#include "err.h"
#include "forecast.h"
#include "html.h"
#include "ledger.h"
#include "money.h"
#include "xalloc.h"

#define NO_DATE (DATE_MIN - 1)

static const char *const by_names[] = { "rep", "team", "region", "segment", "product" };

/* A deal as the replay knows it, indexed by its number. */
struct fc_deal {
	int64_t amount;
	date_t expected;
	uint32_t group;
	int16_t stage;
	uint8_t open;
};

/* One event row, parsed; seq keeps the file order among equal dates. */
struct rec {
	int64_t amount;
	date_t date, expected;
	uint32_t deal, group;
	int16_t stage;
	char ev;
	size_t seq;
};

struct scan {
	struct forecast *f;
	const struct stages *st;
	struct fc_deal *d;
	size_t nd;
	date_t last;		/* the latest as_of: later events are never seen */
};

int
forecast_by_parse(const char *s, enum fc_by *by)
{
	size_t i;

	for (i = 0; i < sizeof by_names / sizeof by_names[0]; i++)
		if (strcmp(s, by_names[i]) == 0) {
			*by = (enum fc_by)i;
			return 0;
		}
	return -1;
}

const char *
forecast_by_name(enum fc_by by)
{
	return by_names[by];
}

static void
ensure_groups(struct forecast *f)
{
	size_t n = intern_count(f->groups), old = f->cap;

	if (!f->fig || n <= f->cap)
		return;
	f->cap = n * 2 + 16;
	f->fig = xreallocarray(f->fig, f->cap * f->npt, sizeof *f->fig);
	memset(f->fig + old * f->npt, 0, (f->cap - old) * f->npt * sizeof *f->fig);
}

static size_t
group_n(struct forecast *f, const char *key, size_t n)
{
	size_t g = n ? intern_add(f->groups, key, n) : intern_add(f->groups, "unknown", 7);

	ensure_groups(f);
	return g;
}

size_t
forecast_group(struct forecast *f, const char *key)
{
	return group_n(f, key, strlen(key));
}

struct forecast *
forecast_new(enum fc_by by, const struct table *reps, const struct table *accounts)
{
	struct forecast *f = xcalloc(1, sizeof *f);
	const struct table *t = by == FC_TEAM ? reps : accounts;
	int kc = -1, vc = -1;
	size_t i, k;

	f->by = by;
	f->groups = intern_new();
	f->src = intern_new();
	if (by == FC_REP || by == FC_PRODUCT || !t)
		return f;
	kc = table_col(t, by == FC_TEAM ? "rep" : "account");
	vc = table_col(t, by_names[by]);
	if (kc < 0 || vc < 0)
		die("%s: no column '%s'; run sales-check", t->name, kc < 0 ?
		    (by == FC_TEAM ? "rep" : "account") : by_names[by]);
	f->src_group = xcalloc(t->nrows + 1, sizeof *f->src_group);
	for (i = 0; i < t->nrows; i++) {
		k = intern_add(f->src, table_get(t, i, kc), strlen(table_get(t, i, kc)));
		f->src_group[k] = forecast_group(f, table_get(t, i, vc));
	}
	return f;
}

size_t
forecast_point(struct forecast *f, const struct period *p, date_t as_of)
{
	f->pt = xreallocarray(f->pt, f->npt + 1, sizeof *f->pt);
	f->pt[f->npt].period = *p;
	f->pt[f->npt].as_of = as_of;
	return f->npt++;
}

struct fc_fig *
forecast_at(struct forecast *f, size_t group, size_t point)
{
	return &f->fig[group * f->npt + point];
}

static void
add_checked(int64_t *acc, int64_t v)
{
	if (__builtin_add_overflow(*acc, v, acc))
		die("totals overflow: amounts in the ledger are too large; run sales-check");
}

/* The group of an event row, by the fields of its deal's state. */
static uint32_t
group_of(struct forecast *f, struct tsv_reader *r, const int *c)
{
	int col = f->by == FC_REP || f->by == FC_TEAM ? c[DL_REP] :
	    f->by == FC_PRODUCT ? c[DL_PRODUCT] : c[DL_ACCOUNT];
	long k;

	if (f->by == FC_REP || f->by == FC_PRODUCT)
		return (uint32_t)group_n(f, r->f[col], r->flen[col]);
	k = intern_get(f->src, r->f[col], r->flen[col]);
	return (uint32_t)(k < 0 ? group_n(f, "", 0) : f->src_group[k]);
}

static uint32_t
deal_number(const char *id, size_t n, const char *file, unsigned long line)
{
	uint32_t k = 0;
	size_t i;

	if (n < 2 || id[0] != 'D')
		die("%s:%lu: bad deal id '%s'; run sales-check", file, line, id);
	for (i = 1; i < n; i++) {
		if (id[i] < '0' || id[i] > '9' || k > 100000000)
			die("%s:%lu: bad deal id '%s'; run sales-check", file, line, id);
		k = k * 10 + (uint32_t)(id[i] - '0');
	}
	return k;
}

static void
parse_row(struct scan *sc, struct tsv_reader *r, const int *c, struct rec *v)
{
	const char *why, *e = r->f[c[DL_EXPECTED]];
	const struct stage *stage;

	if (money_parse(r->f[c[DL_AMOUNT]], &v->amount, &why) < 0)
		die("%s:%lu: amount '%s' %s; run sales-check", r->name, r->line,
		    r->f[c[DL_AMOUNT]], why);
	if (!(stage = stage_find(sc->st, r->f[c[DL_STAGE]])))
		die("%s:%lu: unknown stage '%s'; run sales-check", r->name, r->line,
		    r->f[c[DL_STAGE]]);
	v->stage = (int16_t)(stage - sc->st->v);
	v->expected = NO_DATE;
	if (e[0] && date_parse(e, &v->expected) < 0)
		die("%s:%lu: bad expected date '%s'; run sales-check", r->name, r->line, e);
	v->deal = deal_number(r->f[c[DL_DEAL]], r->flen[c[DL_DEAL]], r->name, r->line);
	v->group = group_of(sc->f, r, c);
	v->ev = r->f[c[DL_EVENT]][0];
}

/* The rows of one month file up to the latest as_of; returns how many. */
static size_t
read_month(struct scan *sc, struct store *s, ledger_month m, struct rec **v, size_t *cap)
{
	char name[LEDGER_PATHSZ];
	struct tsv_reader *r;
	int c[DL_NCOLS];
	size_t n = 0;
	date_t when;

	if (!(r = deal_month_open(s, m, name, c)))
		return 0;
	while (deal_month_next(r)) {
		if (date_parse(r->f[c[DL_DATE]], &when) < 0)
			die("%s:%lu: bad date '%s'; run sales-check", name, r->line,
			    r->f[c[DL_DATE]]);
		if (when > sc->last)
			continue;
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 1024;
			*v = xreallocarray(*v, *cap, sizeof **v);
		}
		(*v)[n].date = when;
		(*v)[n].seq = n;
		parse_row(sc, r, c, &(*v)[n]);
		n++;
	}
	deal_month_close(r);
	return n;
}

static void
apply(struct scan *sc, const struct rec *v)
{
	struct forecast *f = sc->f;
	struct fc_deal *d;
	struct fc_fig *g;
	size_t i, old;

	if (v->deal >= sc->nd) {
		old = sc->nd;
		sc->nd = (size_t)v->deal * 2 + 1024;
		sc->d = xreallocarray(sc->d, sc->nd, sizeof *sc->d);
		memset(sc->d + old, 0, (sc->nd - old) * sizeof *sc->d);
	}
	d = &sc->d[v->deal];
	d->amount = v->amount;
	d->expected = v->expected;
	d->group = v->group;
	d->stage = v->stage;
	d->open = v->ev != 'w' && v->ev != 'l' && v->ev != 'c' &&
	    sc->st->v[v->stage].state == STAGE_OPEN;
	if (v->ev != 'w' && v->ev != 'c')
		return;
	for (i = 0; i < f->npt; i++) {
		if (!period_contains(&f->pt[i].period, v->date) || v->date > f->pt[i].as_of)
			continue;
		g = forecast_at(f, v->group, i);
		add_checked(&g->won, v->ev == 'w' ? v->amount : -v->amount);
		g->any = 1;
	}
}

/* The open deals at the end of point i's as_of. */
static void
snapshot(struct scan *sc, size_t i)
{
	const struct fc_point *p = &sc->f->pt[i];
	const struct stage *stage;
	struct fc_deal *d;
	struct fc_fig *g;
	int64_t w;
	size_t k;
	int c;

	for (k = 0; k < sc->nd; k++) {
		d = &sc->d[k];
		if (!d->open || !period_contains(&p->period, d->expected))
			continue;
		g = forecast_at(sc->f, d->group, i);
		if (d->expected < p->as_of) {
			add_checked(&g->slipped, d->amount);
			g->nslipped++;
			g->any = 1;
			continue;
		}
		add_checked(&sc->f->stage_open[i * sc->f->nstages + (size_t)d->stage], d->amount);
		sc->f->stage_nopen[i * sc->f->nstages + (size_t)d->stage]++;
		stage = &sc->st->v[d->stage];
		c = stage->category == CAT_COMMIT ? FC_COMMIT : stage->category == CAT_BEST ?
		    FC_BEST : stage->category == CAT_PIPELINE ? FC_PIPELINE : -1;
		if (c < 0)
			continue;
		if (__builtin_mul_overflow(d->amount, (int64_t)stage->probability, &w))
			die("totals overflow: amounts in the ledger are too large; run sales-check");
		add_checked(&g->open[c], d->amount);
		add_checked(&g->weighted100[c], w);
		g->nopen[c]++;
		g->any = 1;
	}
}

static const struct fc_point *sort_pt;

static int
cmp_point(const void *a, const void *b)
{
	date_t x = sort_pt[*(const size_t *)a].as_of, y = sort_pt[*(const size_t *)b].as_of;

	return (x > y) - (x < y);
}

static int
cmp_rec(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

void
forecast_scan(struct forecast *f, struct store *s, const struct stages *st)
{
	struct scan sc = { f, st, NULL, 0, DATE_MIN };
	ledger_month *months;
	struct rec *v = NULL;
	size_t *ord, nm, i, k, n, next = 0, cap = 0;
	date_t first;

	f->cap = intern_count(f->groups) * 2 + 16;
	f->fig = xcalloc(f->cap * (f->npt ? f->npt : 1), sizeof *f->fig);
	f->nstages = st->n;
	f->stage_open = xcalloc(f->npt * st->n + 1, sizeof *f->stage_open);
	f->stage_nopen = xcalloc(f->npt * st->n + 1, sizeof *f->stage_nopen);
	ord = xcalloc(f->npt + 1, sizeof *ord);
	for (i = 0; i < f->npt; i++) {
		ord[i] = i;
		if (f->pt[i].as_of > sc.last)
			sc.last = f->pt[i].as_of;
	}
	sort_pt = f->pt;
	qsort(ord, f->npt, sizeof *ord, cmp_point);
	nm = f->npt ? ledger_months(s, "deals", DATE_MIN, sc.last, &months) : 0;
	for (i = 0; i < nm; i++) {
		first = date_from_ymd(months[i] / 12, months[i] % 12 + 1, 1);
		while (next < f->npt && f->pt[ord[next]].as_of < first)
			snapshot(&sc, ord[next++]);
		n = read_month(&sc, s, months[i], &v, &cap);
		/* A day inside this month is wanted: its events in date order. */
		if (next < f->npt && ledger_month_of(f->pt[ord[next]].as_of) == months[i])
			qsort(v, n, sizeof *v, cmp_rec);
		for (k = 0; k < n; k++) {
			while (next < f->npt && f->pt[ord[next]].as_of < v[k].date)
				snapshot(&sc, ord[next++]);
			apply(&sc, &v[k]);
		}
	}
	while (next < f->npt)
		snapshot(&sc, ord[next++]);
	if (f->npt)
		free(months);
	free(v);
	free(ord);
	free(sc.d);
}

static const struct intern *sort_groups;

static int
cmp_group(const void *a, const void *b)
{
	return strcmp(intern_name(sort_groups, *(const size_t *)a),
	    intern_name(sort_groups, *(const size_t *)b));
}

size_t *
forecast_sorted(const struct forecast *f, size_t *n)
{
	size_t *v, i;

	*n = intern_count(f->groups);
	v = xcalloc(*n + 1, sizeof *v);
	for (i = 0; i < *n; i++)
		v[i] = i;
	sort_groups = f->groups;
	qsort(v, *n, sizeof *v, cmp_group);
	return v;
}

int64_t
forecast_weighted(const struct fc_fig *g, int64_t w[FC_NCAT])
{
	int64_t sum = 0;
	int c;

	for (c = 0; c < FC_NCAT; c++) {
		if (money_div_round(g->weighted100[c], 100, &w[c]) < 0)
			die("totals overflow");
		add_checked(&sum, w[c]);
	}
	return sum;
}

void
forecast_free(struct forecast *f)
{
	if (!f)
		return;
	intern_free(f->groups);
	intern_free(f->src);
	free(f->src_group);
	free(f->pt);
	free(f->fig);
	free(f->stage_open);
	free(f->stage_nopen);
	free(f);
}

int
forecast_plan(const struct table *plans, const char *dimension, const char *key,
	      const struct period *p, int fiscal_year_start, struct quota_result *r)
{
	static const char *const cols[] = { "period", "rep", "team", "metric", "target" };
	static const char *const want[] = { "period", "", "key", "metric", "target" };
	struct table *t = table_new("plans.tsv", cols, 5);
	int pc[5], dc = table_col(plans, "dimension"), kc = table_col(plans, "key");
	size_t i, row;
	int j, found;

	for (j = 0; j < 5; j++)
		pc[j] = j == 1 ? -1 : table_col(plans, want[j]);
	for (i = 0; dc >= 0 && kc >= 0 && pc[0] >= 0 && pc[3] >= 0 && pc[4] >= 0 &&
	    i < plans->nrows; i++) {
		if (strcmp(table_get(plans, i, dc), dimension) != 0 ||
		    strcmp(table_get(plans, i, kc), key) != 0)
			continue;
		row = table_add_row(t);
		for (j = 0; j < 5; j++)
			if (pc[j] >= 0)
				table_set(t, row, j, table_get(plans, i, pc[j]));
	}
	/* The plan rows as team rows of a quota table: one rule for both. */
	found = quota_for(t, NULL, key, "revenue", p, fiscal_year_start, r);
	table_free(t);
	return found;
}

int
forecast_target(enum fc_by by, const char *key, const struct table *quotas,
		const struct table *plans, const struct table *reps,
		const struct period *p, int fiscal_year_start, struct quota_result *r,
		const char **from)
{
	int rc = table_col(reps, "rep"), tc = table_col(reps, "team"), any = 0;
	struct quota_result q;
	size_t i;

	*from = "quota";
	if (by == FC_REP)
		return quota_for(quotas, key, NULL, "revenue", p, fiscal_year_start, r);
	if (by == FC_TEAM) {
		if (quota_for(quotas, NULL, key, "revenue", p, fiscal_year_start, r))
			return 1;
		for (i = 0; rc >= 0 && tc >= 0 && i < reps->nrows; i++) {
			if (strcmp(table_get(reps, i, tc), key) != 0 ||
			    !quota_for(quotas, table_get(reps, i, rc), NULL, "revenue", p,
			    fiscal_year_start, &q))
				continue;
			if (!any)
				*r = q;
			else if (money_add(r->target, q.target, &r->target) < 0)
				r->target = INT64_MAX;
			any = 1;
		}
		if (any) {
			*from = "reps";
			snprintf(r->used, sizeof r->used, "sum of reps");
			return 1;
		}
	}
	*from = "plan";
	return forecast_plan(plans, by_names[by], key, p, fiscal_year_start, r);
}

void
forecast_html(struct forecast *f, size_t i, const char *title, const size_t *gv, size_t n,
	      const int *has_target, const int64_t *target, const struct stages *st)
{
	static const char *const segs[] = { "won", "commit", "best case", "pipeline" };
	struct html_stack *it = xcalloc(n + (st ? st->n : 0) + 1, sizeof *it);
	char (*text)[192] = xcalloc(n + (st ? st->n : 0) + 1, sizeof *text);
	char a[MONEY_BUFSZ], b[MONEY_BUFSZ], c0[MONEY_BUFSZ];
	int64_t w[FC_NCAT], fc, pct;
	struct fc_fig *g;
	size_t k, m = 0;
	int c;

	for (k = 0; k < n; k++) {
		g = forecast_at(f, gv[k], i);
		fc = forecast_weighted(g, w);
		if (money_add(fc, g->won, &fc) < 0)
			die("totals overflow");
		it[k].label = intern_name(f->groups, gv[k]);
		it[k].seg[0] = g->won;
		/* The segments in the order of the legend: commit, best, pipeline. */
		for (c = 0; c < FC_NCAT; c++)
			it[k].seg[1 + c] = w[c == 0 ? FC_COMMIT : c == 1 ? FC_BEST : FC_PIPELINE];
		it[k].has_mark = has_target[k];
		it[k].mark = target[k];
		if (has_target[k] && target[k] > 0 && money_mul(fc, 100, &pct) == 0 &&
		    money_div_round(pct, target[k], &pct) == 0)
			snprintf(text[k], sizeof text[k], "won %s, forecast %s of %s (%lld%%)",
			    html_money(g->won, c0), html_money(fc, a), html_money(target[k], b),
			    (long long)pct);
		else
			snprintf(text[k], sizeof text[k], "won %s, forecast %s%s",
			    html_money(g->won, c0), html_money(fc, a),
			    has_target[k] ? "" : ", no target");
		it[k].text = text[k];
	}
	html_stacked(title, segs, 4, it, n, 0, "Weighted: each open deal counts at its stage's "
	    "probability.  The red line: the target.");
	for (k = 0; st && k < st->n; k++) {
		if (st->v[k].state != STAGE_OPEN)
			continue;
		it[n + m].label = st->v[k].name;
		it[n + m].seg[0] = f->stage_open[i * f->nstages + k];
		snprintf(text[n + m], sizeof text[n + m], "%s in %lld deal%s",
		    html_money(it[n + m].seg[0], a),
		    (long long)f->stage_nopen[i * f->nstages + k],
		    f->stage_nopen[i * f->nstages + k] == 1 ? "" : "s");
		it[n + m].text = text[n + m];
		m++;
	}
	if (m)
		html_stacked("Open pipeline by stage (not weighted)", NULL, 1, it + n, m, 0, NULL);
	free(it);
	free(text);
}
