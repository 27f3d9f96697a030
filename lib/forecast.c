#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "forecast.h"
#include "history.h"
#include "money.h"
#include "org.h"
#include "xalloc.h"

static const char *const by_names[] = { "rep", "team", "region", "segment", "product" };

/* The fold: the group of each of the replay's ids, as it meets them. */
struct scan {
	struct forecast *f;
	const struct stages *st;
	struct history *h;
	size_t *group;		/* the replay's rep, account or product -> group */
	size_t ngroup;
	uint32_t *handle;	/* with groups (org.h): the replay's rep -> handle */
	size_t nhandle;
	size_t *gmap, ngmap;	/* org group -> group */
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

void
forecast_org(struct forecast *f, const struct org *o, const char *manager)
{
	f->o = o;
	if (f->by == FC_TEAM)
		f->g = org_groups_new(o, ORG_BY_TEAM, manager, NULL);
	else if (manager)
		f->g = org_groups_new(o, ORG_BY_REP, manager, NULL);
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

/* The org group of the deal's rep on day (org.h), or (size_t)-1 when the
 * rep was not in the view that day. */
static size_t
org_group_of(struct scan *sc, const struct hist_deal *d, date_t day)
{
	struct forecast *f = sc->f;
	const uint32_t *v;
	const char *name;
	size_t n, old;

	if (d->rep >= sc->nhandle) {
		n = history_count(sc->h, HIST_REP);
		sc->handle = xreallocarray(sc->handle, n, sizeof *sc->handle);
		for (; sc->nhandle < n; sc->nhandle++) {
			name = history_name(sc->h, HIST_REP, (uint32_t)sc->nhandle);
			sc->handle[sc->nhandle] = org_groups_rep(f->g, name, strlen(name));
		}
	}
	if (!org_groups_of(f->g, sc->handle[d->rep], day, &v))
		return (size_t)-1;
	if (v[0] >= sc->ngmap) {
		old = sc->ngmap;
		sc->ngmap = v[0] * 2 + 16;
		sc->gmap = xreallocarray(sc->gmap, sc->ngmap, sizeof *sc->gmap);
		for (; old < sc->ngmap; old++)
			sc->gmap[old] = (size_t)-1;
	}
	if (sc->gmap[v[0]] == (size_t)-1)
		sc->gmap[v[0]] = forecast_group(f, org_groups_name(f->g, v[0]));
	return sc->gmap[v[0]];
}

/* The group of a deal on day, by the id of its state that the grouping
 * uses; (size_t)-1 when --manager leaves it out. */
static size_t
group_of(struct scan *sc, const struct hist_deal *d, date_t day)
{
	struct forecast *f = sc->f;
	enum hist_id which = f->by == FC_REP || f->by == FC_TEAM ? HIST_REP :
	    f->by == FC_PRODUCT ? HIST_PRODUCT : HIST_ACCOUNT;
	uint32_t id = which == HIST_REP ? d->rep : which == HIST_PRODUCT ? d->product : d->account;
	const char *name;
	size_t n, i;
	long k;

	if (f->g && (f->by == FC_TEAM || f->by == FC_REP))
		return org_group_of(sc, d, day);
	if (f->g && org_group_of(sc, d, day) == (size_t)-1)
		return (size_t)-1;
	if (id >= sc->ngroup) {
		n = history_count(sc->h, which);
		sc->group = xreallocarray(sc->group, n, sizeof *sc->group);
		for (i = sc->ngroup; i < n; i++) {
			name = history_name(sc->h, which, (uint32_t)i);
			if (f->by == FC_REP || f->by == FC_PRODUCT)
				sc->group[i] = group_n(f, name, strlen(name));
			else
				sc->group[i] = (k = intern_get(f->src, name, strlen(name))) < 0 ?
				    group_n(f, "", 0) : f->src_group[k];
		}
		sc->ngroup = n;
	}
	return sc->group[id];
}

/*
 * The groups a credit of the deal d counts in on day, with each one's
 * part: each share's group (history.h), once each; overlays only in a
 * row per rep.  Into part[], group[]; returns how many.
 */
static size_t
credit_groups(struct scan *sc, const struct hist_deal *d, int64_t amount, date_t day,
	      size_t *group, int64_t *part)
{
	struct hist_share sh[HIST_MAXSHARES];
	struct hist_deal share = *d;
	size_t ns, i, j, k, n = 0;

	ns = history_shares(sc->h, d, amount, sh);
	for (i = 0; i < ns; i++) {
		if (sh[i].overlay && sc->f->by != FC_REP)
			continue;
		share.rep = sh[i].rep;
		if ((k = group_of(sc, &share, day)) == (size_t)-1)
			continue;
		for (j = 0; j < n && group[j] != k; j++)
			;
		if (j == n) {
			group[n] = k;
			part[n++] = 0;
		}
		money_total_add(&part[j], sh[i].amount);
	}
	return n;
}

/* A won or cancel event, in each point whose period and days hold it. */
static void
fold_event(struct scan *sc, const struct hist_event *ev)
{
	struct forecast *f = sc->f;
	size_t group[HIST_MAXSHARES];
	int64_t part[HIST_MAXSHARES];
	struct fc_fig *g;
	enum hist_credit kind;
	size_t i, k, n;

	if (ev->kind != DEAL_EV_WON && ev->kind != DEAL_EV_CANCEL)
		return;
	for (i = 0; i < f->npt; i++) {
		if (!period_contains(&f->pt[i].period, ev->date) || ev->date > f->pt[i].as_of)
			continue;
		kind = history_credit_kind(ev, f->pt[i].period.from);
		/* A win undone in its own period comes out of the groups it
		 * went into: those of the day of the win. */
		n = credit_groups(sc, ev->after, history_credit(ev, f->pt[i].period.from),
		    kind == HIST_CREDIT_UNDONE ? ev->before->last : ev->date, group, part);
		for (k = 0; k < n; k++) {
			g = forecast_at(f, group[k], i);
			money_total_add(&g->won, part[k]);
			switch (kind) {
			case HIST_CREDIT_WON:
				g->nwon++;
				break;
			case HIST_CREDIT_UNDONE:
				g->nwon--;
				break;
			default:
				break;
			}
			g->any = 1;
		}
	}
}

/* One open deal expected in point i's period, at the end of its as_of. */
static void
count_open(struct scan *sc, size_t i, const struct hist_deal *d)
{
	const struct fc_point *p = &sc->f->pt[i];
	const struct stage *stage = &sc->st->v[d->stage];
	struct fc_fig *g;
	size_t k;
	int64_t w;
	int c;

	if (!period_contains(&p->period, d->expected))
		return;
	/* The pipeline belongs to its owner's group on the cut day. */
	if ((k = group_of(sc, d, p->as_of)) == (size_t)-1)
		return;
	g = forecast_at(sc->f, k, i);
	if (d->expected < p->as_of) {
		money_total_add(&g->slipped, d->amount);
		g->nslipped++;
		g->any = 1;
		return;
	}
	money_total_add(&sc->f->stage_open[i * sc->f->nstages + (size_t)d->stage], d->amount);
	sc->f->stage_nopen[i * sc->f->nstages + (size_t)d->stage]++;
	c = stage->category == CAT_COMMIT ? FC_COMMIT : stage->category == CAT_BEST ?
	    FC_BEST : stage->category == CAT_PIPELINE ? FC_PIPELINE : -1;
	if (c < 0)
		return;
	if (__builtin_mul_overflow(d->amount, (int64_t)stage->probability, &w))
		money_total_overflow();
	money_total_add(&g->open[c], d->amount);
	money_total_add(&g->weighted100[c], w);
	g->nopen[c]++;
	g->any = 1;
}

static const struct fc_point *sort_pt;

static int
cmp_point(const void *a, const void *b)
{
	date_t x = sort_pt[*(const size_t *)a].as_of, y = sort_pt[*(const size_t *)b].as_of;

	return (x > y) - (x < y);
}

void
forecast_scan(struct forecast *f, struct store *s, const struct stages *st)
{
	struct scan sc = { 0 };
	const struct hist_event *ev;
	size_t *ord, i, k;
	date_t from = DATE_MAX;

	sc.f = f;
	sc.st = st;
	f->cap = intern_count(f->groups) * 2 + 16;
	f->fig = xcalloc(f->cap * (f->npt ? f->npt : 1), sizeof *f->fig);
	f->nstages = st->n;
	f->stage_open = xcalloc(f->npt * st->n + 1, sizeof *f->stage_open);
	f->stage_nopen = xcalloc(f->npt * st->n + 1, sizeof *f->stage_nopen);
	ord = xcalloc(f->npt + 1, sizeof *ord);
	/* From the first day any point needs: its period's, or its as_of's. */
	for (i = 0; i < f->npt; i++) {
		ord[i] = i;
		if (f->pt[i].period.from < from)
			from = f->pt[i].period.from;
		if (f->pt[i].as_of + 1 < from)
			from = f->pt[i].as_of + 1;
	}
	sort_pt = f->pt;
	qsort(ord, f->npt, sizeof *ord, cmp_point);
	sc.h = f->npt ? history_open(s, st, from, f->by == FC_PRODUCT ? HIST_WANT_PRODUCT :
	    f->by == FC_REGION || f->by == FC_SEGMENT ? HIST_WANT_ACCOUNT : 0) : NULL;
	if (f->npt)
		history_until(sc.h, f->pt[ord[f->npt - 1]].as_of);
	f->tapped = f->tap && f->npt && from <= f->tap_from &&
	    f->pt[ord[f->npt - 1]].as_of >= f->tap_to;
	for (i = 0; i < f->npt; i++) {
		while ((ev = history_next(sc.h, f->pt[ord[i]].as_of))) {
			fold_event(&sc, ev);
			if (f->tapped && ev->date >= f->tap_from && ev->date <= f->tap_to)
				f->tap(f->tap_arg, sc.h, ev);
		}
		for (k = history_next_open(sc.h, 0); k != HIST_END; k = history_next_open(sc.h, k + 1))
			count_open(&sc, ord[i], history_deal(sc.h, k));
	}
	history_close(sc.h);
	free(sc.group);
	free(sc.handle);
	free(sc.gmap);
	free(ord);
}

void
forecast_tap(struct forecast *f, date_t from, date_t to,
	     void (*tap)(void *arg, struct history *h, const struct hist_event *ev), void *arg)
{
	f->tap = tap;
	f->tap_arg = arg;
	f->tap_from = from;
	f->tap_to = to;
}

int
forecast_tapped(const struct forecast *f)
{
	return f->tapped;
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
		money_total_add(&sum, w[c]);
	}
	return sum;
}

int64_t
forecast_total(const struct fc_fig *g, int64_t w[FC_NCAT])
{
	int64_t fc = forecast_weighted(g, w);

	if (money_add(fc, g->won, &fc) < 0)
		die("totals overflow");
	return fc;
}

void
forecast_free(struct forecast *f)
{
	if (!f)
		return;
	intern_free(f->groups);
	intern_free(f->src);
	org_groups_free(f->g);
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
	return forecast_plan_metric(plans, dimension, key, "revenue", p, fiscal_year_start, r);
}

int
forecast_plan_metric(const struct table *plans, const char *dimension, const char *key,
		     const char *metric, const struct period *p, int fiscal_year_start,
		     struct quota_result *r)
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
	found = quota_for(t, NULL, key, metric, p, fiscal_year_start, r);
	table_free(t);
	return found;
}

static long
team_days(void *arg, const char *rep, date_t from, date_t to)
{
	const char *const *a = arg;

	return org_days_on_team((const struct org *)a[0], rep, a[1], from, to);
}

int
forecast_target(enum fc_by by, const char *key, const struct table *quotas,
		const struct table *plans, const struct org *o,
		const struct period *p, int fiscal_year_start, struct quota_result *r,
		const char **from)
{
	const void *arg[2] = { o, key };
	const struct table **qt;
	const char **reps;
	size_t n, i;
	int any;

	*from = "quota";
	if (by == FC_REP)
		return quota_for(quotas, key, NULL, "revenue", p, fiscal_year_start, r);
	if (by == FC_TEAM) {
		if (quota_for(quotas, NULL, key, "revenue", p, fiscal_year_start, r))
			return 1;
		n = org_team_reps(o, key, p->from, p->to, &reps);
		qt = xcalloc(n + 1, sizeof *qt);
		for (i = 0; i < n; i++)
			qt[i] = quotas;
		any = quota_members(qt, reps, n, "revenue", p, fiscal_year_start, team_days, arg,
		    r);
		free(qt);
		free(reps);
		if (any) {
			*from = "reps";
			return 1;
		}
	}
	*from = "plan";
	return forecast_plan(plans, by_names[by], key, p, fiscal_year_start, r);
}

void
forecast_chart_rows(struct forecast *f, size_t i, const size_t *gv, size_t n,
		    const int *has_target, const int64_t *target, struct html_forecast_row *rows)
{
	struct fc_fig *g;
	int64_t w[FC_NCAT];
	size_t k;

	for (k = 0; k < n; k++) {
		g = forecast_at(f, gv[k], i);
		forecast_weighted(g, w);
		rows[k].label = rows[k].id = intern_name(f->groups, gv[k]);
		rows[k].won = g->won;
		rows[k].commit = w[FC_COMMIT];
		rows[k].best = w[FC_BEST];
		rows[k].pipeline = w[FC_PIPELINE];
		rows[k].has_target = has_target[k];
		rows[k].target = target[k];
	}
}

size_t
forecast_stage_rows(const struct forecast *f, size_t i, const struct stages *st,
		    struct html_stage_row *rows)
{
	size_t k, n = 0;

	for (k = 0; k < st->n; k++) {
		if (st->v[k].state != STAGE_OPEN)
			continue;
		rows[n].stage = st->v[k].name;
		rows[n].amount = f->stage_open[i * f->nstages + k];
		rows[n++].deals = f->stage_nopen[i * f->nstages + k];
	}
	return n;
}
