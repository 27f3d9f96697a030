/* report: the rows of perf-report (see report.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "ledger.h"
#include "money.h"
#include "perf.h"
#include "quota.h"
#include "report.h"
#include "stage.h"
#include "stats.h"
#include "xalloc.h"

const struct report_col report_cols[REPORT_NCOLS] = {
	{ "month", OUT_TEXT, 1, 0 }, { "rep", OUT_TEXT, 1, 0 }, { "team", OUT_TEXT, 4, 0 },
	{ "name", OUT_TEXT, 2, 0 }, { "quota", OUT_MONEY, 2, OUT_U_MONEY },
	{ "quota_period", OUT_TEXT, 6, 0 }, { "won", OUT_MONEY, 1, OUT_U_MONEY },
	{ "attainment", OUT_NUM, 1, OUT_U_TENTHS }, { "expected", OUT_MONEY, 4, OUT_U_MONEY },
	{ "pace", OUT_STATE, 2, 0 }, { "won_deals", OUT_INT, 4, OUT_U_COUNT },
	{ "lost_deals", OUT_INT, 5, OUT_U_COUNT }, { "win_rate", OUT_NUM, 4, OUT_U_TENTHS },
	{ "avg_deal", OUT_MONEY, 5, OUT_U_MONEY }, { "cycle_days", OUT_NUM, 6, OUT_U_HALF },
	{ "pipeline", OUT_MONEY, 3, OUT_U_MONEY }, { "weighted", OUT_MONEY, 4, OUT_U_MONEY },
	{ "activities", OUT_INT, 5, OUT_U_COUNT }, { "flag", OUT_STATE, 2, 0 },
};

/* What the report needs of each rep, by the rep's index in perf's intern. */
struct rep_info {
	const char *team, *name;
	int active;
	struct table *quotas;	/* the rep's own quota rows */
};

/* --flag: the figures of an earlier quota period, scanned once. */
struct scanned {
	struct period p;
	struct perf *pf;
};

struct report_priv {
	struct store *s;
	const struct report_options *o;
	struct stages *st;
	struct table *quotas;
	struct perf *pf;
	struct rep_info *info;
	struct scanned *scans;
	size_t nscans;
};

static void
set(struct report_row *r, int c, int64_t v)
{
	r->has[c] = 1;
	r->v[c] = v;
}

/* The figures of one row, against its quota q (or none). */
static void
fill(struct report_row *r, struct perf_fig *f, const struct quota_result *q, date_t today)
{
	int64_t expected, v;
	long elapsed, days;

	set(r, RC_WON, f->won);
	if (q) {
		set(r, RC_QUOTA, q->target);
		snprintf(r->qperiod, sizeof r->qperiod, "%s", q->used);
		r->text[RC_QPERIOD] = r->qperiod;
		r->has[RC_ATTAIN] = stats_permille(f->won, q->target, &r->v[RC_ATTAIN]) == 0;
		days = period_days(&q->basis);
		elapsed = today < q->basis.from ? 0 : today > q->basis.to ? days :
		    (long)(today - q->basis.from + 1);
		if (!__builtin_mul_overflow(q->target, (int64_t)elapsed, &expected) &&
		    money_div_round(expected, days, &expected) == 0) {
			set(r, RC_EXPECTED, expected);
			/* won >= expected: on track; below 90% of it: behind. */
			r->text[RC_PACE] = f->won >= expected ? "on-track" :
			    (__int128)f->won * 10 < (__int128)expected * 9 ? "behind" : "at-risk";
		}
	}
	set(r, RC_WONDEALS, f->won_count);
	set(r, RC_LOSTDEALS, f->lost_count);
	r->has[RC_WINRATE] = stats_permille(f->won_count, f->won_count + f->lost_count,
	    &r->v[RC_WINRATE]) == 0;
	if (f->won_count && money_div_round(f->won_gross, f->won_count, &v) == 0)
		set(r, RC_AVG, v);
	stats_sort(f->cycles, f->ncycles);
	if (f->ncycles)
		set(r, RC_CYCLE, stats_median2(f->cycles, f->ncycles));
	set(r, RC_PIPE, f->pipeline);
	if (money_div_round(f->weighted100, 100, &v) == 0)
		set(r, RC_WEIGHTED, v);
	set(r, RC_ACTS, f->activities);
}

/* Sum figures into acc (the team's), keeping every cycle for the median. */
static void
add_fig(struct perf_fig *acc, const struct perf_fig *f)
{
	size_t i;

	acc->won_gross += f->won_gross;
	acc->cancelled += f->cancelled;
	acc->won += f->won;
	acc->won_count += f->won_count;
	acc->lost_count += f->lost_count;
	acc->open_count += f->open_count;
	acc->pipeline += f->pipeline;
	acc->weighted100 += f->weighted100;
	acc->activities += f->activities;
	for (i = 0; i < f->ncycles; i++) {
		if (acc->ncycles == acc->cycles_cap) {
			acc->cycles_cap = acc->cycles_cap ? acc->cycles_cap * 2 : 16;
			acc->cycles = xreallocarray(acc->cycles, acc->cycles_cap,
			    sizeof *acc->cycles);
		}
		acc->cycles[acc->ncycles++] = f->cycles[i];
	}
}

/* The part of p in slot (a month when reporting by month). */
static struct period
slot_period(const struct period *p, const struct perf *pf, size_t slot)
{
	struct period q = *p;
	ledger_month m = ledger_month_of(p->from) + (ledger_month)slot;
	date_t first = date_from_ymd(m / 12, m % 12 + 1, 1);
	date_t last = date_from_ymd(m / 12, m % 12 + 1, days_in_month(m / 12, m % 12 + 1));

	if (pf->nslots == 1)
		return q;
	q.from = first > p->from ? first : p->from;
	q.to = last < p->to ? last : p->to;
	q.kind = q.from == first && q.to == last ? PERIOD_MONTH : PERIOD_RANGE;
	snprintf(q.name, sizeof q.name, "%04d-%02d", m / 12, m % 12 + 1);
	return q;
}

/* A view of some rows of a table: it shares their cells, so that indexing
 * tens of thousands of quota rows copies no string. */
static struct table *
view_new(const struct table *t)
{
	struct table *v = xcalloc(1, sizeof *v);

	v->name = t->name;
	v->ncols = t->ncols;
	v->cols = t->cols;
	return v;
}

static void
view_add(struct table *v, char **row)
{
	if (v->nrows == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->rows = xreallocarray(v->rows, v->cap, sizeof *v->rows);
	}
	v->rows[v->nrows++] = row;
}

/* Team, name and status of every rep, and its quota rows (team rows stay
 * in the whole table): a rep's lookups then cost its few rows. */
static void
index_reps(struct report_priv *p)
{
	const struct table *reps = p->o->reps;
	int rc = table_col(reps, "rep"), tc = table_col(reps, "team");
	int nc = table_col(reps, "name"), sc = table_col(reps, "status");
	int qr = table_col(p->quotas, "rep");
	size_t i, n = intern_count(p->pf->reps);
	long k;

	p->info = xcalloc(n ? n : 1, sizeof *p->info);
	for (i = 0; i < n; i++) {
		p->info[i].team = p->info[i].name = "";
		p->info[i].quotas = view_new(p->quotas);
	}
	for (i = 0; i < reps->nrows; i++) {
		k = intern_get(p->pf->reps, table_get(reps, i, rc), strlen(table_get(reps, i, rc)));
		p->info[k].team = table_get(reps, i, tc);
		p->info[k].name = table_get(reps, i, nc);
		p->info[k].active = strcmp(table_get(reps, i, sc), "active") == 0;
	}
	for (i = 0; i < p->quotas->nrows; i++) {
		k = intern_get(p->pf->reps, table_get(p->quotas, i, qr),
		    strlen(table_get(p->quotas, i, qr)));
		if (k >= 0)
			view_add(p->info[k].quotas, p->quotas->rows[i]);
	}
}

/* Is this rep in the report: active, or with anything in the period? */
static int
rep_wanted(const struct report_priv *p, size_t i)
{
	struct perf_fig *f;
	size_t k;
	int busy = 0;

	if (p->o->rep && strcmp(p->o->rep, intern_name(p->pf->reps, i)) != 0)
		return 0;
	if (p->o->team && strcmp(p->o->team, p->info[i].team) != 0)
		return 0;
	for (k = 0; k < p->pf->nslots; k++) {
		f = perf_at(p->pf, i, k);
		busy |= f->won_count || f->lost_count || f->cancelled || f->activities ||
		    f->open_count;
	}
	return busy || p->info[i].active;
}

static struct report_row *
new_row(struct report *r, struct report_priv *p, const struct period *sp, size_t who,
	size_t slot)
{
	struct report_row *row = &r->row[r->n++];

	memset(row, 0, sizeof *row);
	row->who = who;
	row->slot = slot;
	if (p->o->by == 'm') {
		snprintf(row->month, sizeof row->month, "%s", sp->name);
		row->text[RC_MONTH] = row->month;
	}
	return row;
}

static void
rep_row(struct report *r, struct report_priv *p, const struct period *sp, size_t i,
	size_t slot)
{
	const char *id = intern_name(p->pf->reps, i);
	struct report_row *row = new_row(r, p, sp, i, slot);
	struct quota_result q;
	int hq;

	hq = quota_for(p->info[i].quotas, id, NULL, "revenue", sp, p->o->fiscal_year_start, &q);
	fill(row, perf_at(p->pf, i, slot), hq ? &q : NULL, p->o->today);
	row->text[RC_REP] = id;
	row->text[RC_TEAM] = p->info[i].team;
	row->text[RC_NAME] = p->info[i].name;
}

/* A team's row: its reps' figures summed; its own quota, else theirs. */
static void
team_row(struct report *r, struct report_priv *p, const struct period *sp, size_t t,
	 size_t slot)
{
	const struct table *teams = p->o->teams;
	const char *id = table_get(teams, t, table_col(teams, "team"));
	struct report_row *row = new_row(r, p, sp, t, slot);
	struct quota_result q, sum = { 0 };
	struct perf_fig acc = { 0 };
	int fys = p->o->fiscal_year_start, hq = 0;
	size_t j;

	for (j = 0; j < intern_count(p->pf->reps); j++) {
		if (strcmp(p->info[j].team, id) != 0)
			continue;
		add_fig(&acc, perf_at(p->pf, j, slot));
		if (quota_for(p->info[j].quotas, intern_name(p->pf->reps, j), NULL, "revenue", sp,
		    fys, &q)) {
			if (!hq)
				sum = q;
			else
				sum.target += q.target;
			hq = 1;
		}
	}
	if (quota_for(p->quotas, NULL, id, "revenue", sp, fys, &q))
		fill(row, &acc, &q, p->o->today);
	else {
		if (hq)
			snprintf(sum.used, sizeof sum.used, "sum of reps");
		fill(row, &acc, hq ? &sum : NULL, p->o->today);
	}
	free(acc.cycles);
	row->text[RC_TEAM] = id;
	row->text[RC_NAME] = table_get(teams, t, table_col(teams, "name"));
}

/* --flag: won of rep in the quota period q, from a scan of q (each once). */
static int64_t
won_in(struct report_priv *p, const struct period *q, const char *rep)
{
	struct perf *pf = NULL;
	size_t i;
	long k;

	for (i = 0; i < p->nscans && !pf; i++)
		if (p->scans[i].p.from == q->from && p->scans[i].p.to == q->to)
			pf = p->scans[i].pf;
	if (!pf) {
		p->scans = xreallocarray(p->scans, p->nscans + 1, sizeof *p->scans);
		p->scans[p->nscans].p = *q;
		pf = p->scans[p->nscans++].pf = perf_scan(p->s, p->st, q, p->o->today, 0);
	}
	k = intern_get(pf->reps, rep, strlen(rep));
	return k < 0 || (size_t)k >= pf->cap ? 0 : perf_at(pf, (size_t)k, 0)->won;
}

/* The rep's revenue quota period ending on end (of kind, or the longest
 * when kind < 0), or 0 if none. */
static int
quota_period_ending(const struct table *q, date_t end, int kind, int fys, struct period *out)
{
	int pc = table_col(q, "period"), mc = table_col(q, "metric");
	struct period x;
	int found = 0;
	size_t i;

	for (i = 0; i < q->nrows; i++) {
		if (strcmp(table_get(q, i, mc), "revenue") != 0 ||
		    period_parse(table_get(q, i, pc), 0, fys, &x) < 0 || x.to != end ||
		    (kind >= 0 && (int)x.kind != kind))
			continue;
		if (!found || x.from < out->from)
			*out = x;
		found = 1;
	}
	return found;
}

/* The end of the rep's latest complete revenue quota period before end. */
static date_t
latest_end(const struct table *q, date_t end, int fys)
{
	int pc = table_col(q, "period"), mc = table_col(q, "metric");
	date_t latest = DATE_MIN;
	struct period x;
	size_t i;

	for (i = 0; i < q->nrows; i++)
		if (strcmp(table_get(q, i, mc), "revenue") == 0 &&
		    period_parse(table_get(q, i, pc), 0, fys, &x) == 0 && x.to <= end &&
		    x.to > latest)
			latest = x.to;
	return latest;
}

static int
on_pip(struct report_priv *p, size_t rep, const struct period *per)
{
	const struct report_options *o = p->o;
	const struct table *q = p->info[rep].quotas;
	const char *id = intern_name(p->pf->reps, rep);
	date_t end = per->to < o->today - 1 ? per->to : o->today - 1;
	date_t latest = latest_end(q, end, o->fiscal_year_start);
	struct quota_result qr;
	struct period cur;
	long n;

	/* The latest complete quota period, then the ones just before it. */
	if (latest == DATE_MIN ||
	    !quota_period_ending(q, latest, -1, o->fiscal_year_start, &cur))
		return 0;
	for (n = 0; n < o->pip_periods; n++) {
		if (n > 0 && !quota_period_ending(q, cur.from - 1, (int)cur.kind,
		    o->fiscal_year_start, &cur))
			return 0;
		if (!quota_for(q, id, NULL, "revenue", &cur, o->fiscal_year_start, &qr) ||
		    qr.target <= 0)
			return 0;
		/* won / target >= threshold %: not a bad period. */
		if ((__int128)won_in(p, &cur, id) * 100 >= (__int128)qr.target * o->pip_threshold)
			return 0;
	}
	return 1;
}

static void
set_flags(struct report *r, const struct period *per)
{
	struct report_row *row;
	size_t i;

	for (i = 0; i < r->n; i++) {
		row = &r->row[i];
		if (on_pip(r->p, row->who, per))
			row->text[RC_FLAG] = "pip";
		else if (row->has[RC_QUOTA] && row->v[RC_QUOTA] > 0 &&
		    row->v[RC_WON] >= row->v[RC_QUOTA])
			row->text[RC_FLAG] = "top";
		else
			row->text[RC_FLAG] = "";
	}
}

/* perf's figures, with an index (and no figures) for every rep of the
 * roster, so that quiet reps show too. */
static struct perf *
figures(struct report_priv *p, const struct period *per)
{
	const struct table *reps = p->o->reps;
	struct perf *pf = perf_scan(p->s, p->st, per, p->o->today, p->o->by == 'm');
	int rc = table_col(reps, "rep");
	size_t i, old;

	for (i = 0; i < reps->nrows; i++)
		intern_add(pf->reps, table_get(reps, i, rc), strlen(table_get(reps, i, rc)));
	if (pf->cap < intern_count(pf->reps)) {
		old = pf->cap;
		pf->cap = intern_count(pf->reps);
		pf->fig = xreallocarray(pf->fig, pf->cap * pf->nslots, sizeof *pf->fig);
		memset(pf->fig + old * pf->nslots, 0, (pf->cap - old) * pf->nslots * sizeof *pf->fig);
	}
	return pf;
}

struct report *
report_perf(struct store *s, const struct period *per, const struct report_options *o)
{
	struct report *r = xcalloc(1, sizeof *r);
	struct report_priv *p = r->p = xcalloc(1, sizeof *p);
	const struct table *teams = o->teams;
	int tc = table_col(teams, "team");
	struct period sp;
	size_t i, k, nwho;

	p->s = s;
	p->o = o;
	p->st = stages_load(s);
	/* --flag looks back over earlier quota periods: all of them. */
	p->quotas = o->flag ? store_load(s, "quotas.tsv") : quota_load(s, per, o->fiscal_year_start);
	p->pf = figures(p, per);
	index_reps(p);
	nwho = o->by == 't' ? teams->nrows : intern_count(p->pf->reps);
	/* Allocated once: a row's texts point into it. */
	r->row = xcalloc(nwho * p->pf->nslots + 1, sizeof *r->row);
	for (i = 0; i < nwho; i++) {
		if (o->by == 't' ? o->team && strcmp(o->team, table_get(teams, i, tc)) != 0 :
		    !rep_wanted(p, i))
			continue;
		for (k = 0; k < p->pf->nslots; k++) {
			sp = slot_period(per, p->pf, k);
			if (o->by == 't')
				team_row(r, p, &sp, i, k);
			else
				rep_row(r, p, &sp, i, k);
		}
	}
	if (o->flag)
		set_flags(r, per);
	return r;
}

void
report_free(struct report *r)
{
	struct report_priv *p;
	size_t i;

	if (!r)
		return;
	p = r->p;
	for (i = 0; i < intern_count(p->pf->reps); i++) {
		free(p->info[i].quotas->rows);
		free(p->info[i].quotas);
	}
	for (i = 0; i < p->nscans; i++)
		perf_free(p->scans[i].pf);
	free(p->scans);
	free(p->info);
	perf_free(p->pf);
	stages_free(p->st);
	table_free(p->quotas);
	free(p);
	free(r->row);
	free(r);
}
