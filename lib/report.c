/* report: the rows of perf-report (see report.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "err.h"
#include "ledger.h"
#include "money.h"
#include "org.h"
#include "perf.h"
#include "quota.h"
#include "report.h"
#include "stage.h"
#include "stats.h"
#include "xalloc.h"

const struct report_col report_cols[REPORT_NCOLS] = {
	{ "month", OUT_TEXT, 1, 0 }, { "manager", OUT_TEXT, 1, 0 }, { "level", OUT_INT, 3, OUT_U_COUNT },
	{ "rep", OUT_TEXT, 1, 0 }, { "team", OUT_TEXT, 4, 0 },
	{ "name", OUT_TEXT, 2, 0 }, { "quota", OUT_MONEY, 2, OUT_U_MONEY },
	{ "quota_period", OUT_TEXT, 6, 0 }, { "won", OUT_MONEY, 1, OUT_U_MONEY },
	{ "cancelled", OUT_MONEY, 4, OUT_U_MONEY }, { "net_won", OUT_MONEY, 3, OUT_U_MONEY },
	{ "attainment", OUT_NUM, 1, OUT_U_TENTHS }, { "expected", OUT_MONEY, 4, OUT_U_MONEY },
	{ "pace", OUT_STATE, 2, 0 }, { "won_deals", OUT_INT, 4, OUT_U_COUNT },
	{ "lost_deals", OUT_INT, 5, OUT_U_COUNT }, { "win_rate", OUT_NUM, 4, OUT_U_TENTHS },
	{ "avg_deal", OUT_MONEY, 5, OUT_U_MONEY }, { "cycle_days", OUT_NUM, 6, OUT_U_HALF },
	{ "pipeline", OUT_MONEY, 3, OUT_U_MONEY }, { "weighted", OUT_MONEY, 4, OUT_U_MONEY },
	{ "activities", OUT_INT, 5, OUT_U_COUNT }, { "flag", OUT_STATE, 2, 0 },
	{ "metric", OUT_TEXT, 3, 0 }, { "coverage", OUT_NUM, 3, OUT_U_TENTHS },
	{ "required_coverage", OUT_NUM, 5, OUT_U_TENTHS }, { "velocity", OUT_MONEY, 4, OUT_U_MONEY },
};

static const char *
metric(const struct report_options *o)
{
	return o->metric ? o->metric : "revenue";
}

struct report_col
report_col(const struct report_options *o, int c)
{
	struct report_col rc = report_cols[c];

	if ((c == RC_QUOTA || c == RC_EXPECTED) && quota_metric_counted(metric(o))) {
		rc.kind = OUT_INT;
		rc.unit = OUT_U_COUNT;
	}
	return rc;
}

/* What a quota of the metric is measured against. */
static int64_t
measured(const struct perf_fig *f, const char *m)
{
	return strcmp(m, "deals") == 0 ? f->won_count :
	    quota_metric_activities(m) ? f->activities : f->won;
}

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
	const struct table *quotas;
	struct table *own_quotas;	/* loaded here, or NULL */
	struct perf *pf;
	struct org_groups *g;	/* the rows, when not plain reps */
	struct rep_info *info;	/* per row of pf */
	const struct quota_index *qi;	/* each rep's quota rows */
	struct quota_index *own_qi;	/* made here, or NULL: the options' */
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
	int64_t v, actual = q ? measured(f, q->metric) : 0;
	struct quota_pace qp;

	set(r, RC_WON, f->won);
	set(r, RC_CANCELLED, f->cancelled);
	if (__builtin_sub_overflow(f->won, f->cancelled, &v))
		money_total_overflow();
	set(r, RC_NETWON, v);
	if (q) {
		set(r, RC_QUOTA, q->target);
		snprintf(r->qperiod, sizeof r->qperiod, "%s", q->used);
		r->text[RC_QPERIOD] = r->qperiod;
		quota_pace(q, actual, today, &qp);
		r->has[RC_ATTAIN] = qp.has_attain;
		r->v[RC_ATTAIN] = qp.attain;
		if (qp.pace) {
			set(r, RC_EXPECTED, qp.expected);
			r->text[RC_PACE] = qp.pace;
		}
	}
	set(r, RC_WONDEALS, f->won_count);
	set(r, RC_LOSTDEALS, f->lost_count);
	r->has[RC_WINRATE] = stats_permille(f->won_count, f->won_count + f->lost_count,
	    &r->v[RC_WINRATE]) == 0;
	if (f->won_count && money_div_round(f->won, f->won_count, &v) == 0)
		set(r, RC_AVG, v);
	stats_sort(f->cycles, f->ncycles);
	if (f->ncycles)
		set(r, RC_CYCLE, stats_median2(f->cycles, f->ncycles));
	set(r, RC_PIPE, f->pipeline);
	if (money_div_round(f->weighted100, 100, &v) == 0)
		set(r, RC_WEIGHTED, v);
	set(r, RC_ACTS, f->activities);
	if (q && strcmp(q->metric, "revenue") == 0)
		r->has[RC_COVERAGE] = coverage_of(f->pipeline, q->target, f->won,
		    &r->v[RC_COVERAGE]);
	r->has[RC_REQCOV] = coverage_required(f->won_count, f->lost_count, &r->v[RC_REQCOV]);
	r->has[RC_VELOCITY] = coverage_velocity(f->open_count, f->won, f->won_count,
	    f->lost_count, f->cycles, f->ncycles, &r->v[RC_VELOCITY]);
}

/* The part of p in slot (a month when reporting by month). */
static struct period
slot_period(const struct period *p, const struct perf *pf, size_t slot)
{
	struct period q = *p;
	ledger_month m = ledger_month_of(p->from) + (ledger_month)slot;
	date_t first = ledger_month_first(m);
	date_t last = ledger_month_last(m);

	if (pf->nslots == 1)
		return q;
	q.from = first > p->from ? first : p->from;
	q.to = last < p->to ? last : p->to;
	q.kind = q.from == first && q.to == last ? PERIOD_MONTH : PERIOD_RANGE;
	snprintf(q.name, sizeof q.name, "%04d-%02d", m / 12, m % 12 + 1);
	return q;
}

/* The quota rows of rep (a view with none for a rep without). */
static const struct table *
quotas_of(const struct report_priv *p, const char *rep)
{
	return quota_index_rep(p->qi, rep);
}

/* Team, name and status of every row that is a rep (or a team's name, a
 * manager's), and its quota rows; with o->rep, of that rep's alone (no
 * other row is wanted). */
static void
index_reps(struct report_priv *p)
{
	const struct table *reps = p->o->reps, *teams = p->o->teams;
	int rc = table_col(reps, "rep"), tc = table_col(reps, "team");
	int nc = table_col(reps, "name"), sc = table_col(reps, "status");
	size_t i, n = intern_count(p->pf->reps);
	const char *id;
	long k;

	if (!p->qi)
		p->qi = p->own_qi = quota_index_new(p->quotas);
	p->info = xcalloc(n ? n : 1, sizeof *p->info);
	for (i = 0; i < n; i++) {
		id = intern_name(p->pf->reps, i);
		p->info[i].team = p->info[i].name = "";
		if (p->o->rep && strcmp(p->o->rep, id) != 0)
			continue;
		p->info[i].quotas = (struct table *)quotas_of(p, id);
		if (p->o->by == 't' && (k = table_find(teams, table_col(teams, "team"), id)) >= 0)
			p->info[i].name = table_get(teams, (size_t)k, table_col(teams, "name"));
		if (p->o->by == 't' || (k = table_find(reps, rc, id)) < 0)
			continue;
		p->info[i].team = table_get(reps, (size_t)k, tc);
		p->info[i].name = table_get(reps, (size_t)k, nc);
		p->info[i].active = strcmp(table_get(reps, (size_t)k, sc), "active") == 0;
	}
}

/* Is this rep in the report: active, or with anything in the period? */
static int
rep_wanted(const struct report_priv *p, size_t i)
{
	struct perf_fig *f;
	size_t k;
	int busy = 0;

	const char *id = intern_name(p->pf->reps, i);

	if (p->o->rep && strcmp(p->o->rep, id) != 0)
		return 0;
	for (k = 0; k < p->pf->nslots; k++) {
		f = perf_at(p->pf, i, k);
		busy |= f->won_count || f->lost_count || f->cancelled || f->activities ||
		    f->open_count;
	}
	if (busy)
		return 1;
	/* A quiet rep: active, and on the team or under the manager today. */
	if (p->o->team && strcmp(org_rep_team(p->o->o, id, p->o->today), p->o->team) != 0)
		return 0;
	if (p->o->manager && !org_under(p->o->o, p->o->manager, id, p->o->today))
		return 0;
	return p->info[i].active;
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

	hq = quota_for(p->info[i].quotas, id, NULL, metric(p->o), sp, p->o->fiscal_year_start, &q);
	fill(row, perf_at(p->pf, i, slot), hq ? &q : NULL, p->o->today);
	row->text[RC_REP] = id;
	row->text[RC_TEAM] = p->info[i].team;
	row->text[RC_NAME] = p->info[i].name;
}

/* quota_members()'s days: on the team, or in the manager's organisation. */
struct member_days {
	const struct org *o;
	const char *group;
	int manager;
};

static long
member_days(void *arg, const char *rep, date_t from, date_t to)
{
	const struct member_days *m = arg;

	return m->manager ? org_days_under(m->o, m->group, rep, from, to) :
	    org_days_on_team(m->o, rep, m->group, from, to);
}

/* The sum of the quotas of the metric of a team's reps, or a manager's
 * organisation. */
static int
members_quota(struct report_priv *p, const char *group, int manager,
	      const struct period *sp, struct quota_result *q)
{
	const struct table *reps = p->o->reps;
	struct member_days md = { p->o->o, group, manager };
	const struct table **qt;
	const char **who;
	size_t n, i;
	int found;

	if (manager) {
		n = reps->nrows;
		who = xcalloc(n + 1, sizeof *who);
		for (i = 0; i < n; i++)
			who[i] = table_cell(reps, i, "rep");
	} else {
		n = org_team_reps(p->o->o, group, sp->from, sp->to, &who);
	}
	qt = xcalloc(n + 1, sizeof *qt);
	for (i = 0; i < n; i++)
		qt[i] = quotas_of(p, who[i]);
	found = quota_members(qt, who, n, metric(p->o), sp, p->o->fiscal_year_start,
	    member_days, &md, q);
	free(qt);
	free(who);
	return found;
}

/* A team's row (row i of pf: its figures); its own quota, else its reps'. */
static void
team_row(struct report *r, struct report_priv *p, const struct period *sp, size_t i,
	 size_t slot)
{
	const char *id = intern_name(p->pf->reps, i);
	struct report_row *row = new_row(r, p, sp, i, slot);
	struct quota_result q;
	int fys = p->o->fiscal_year_start;

	if (quota_for(p->quotas, NULL, id, metric(p->o), sp, fys, &q) ||
	    members_quota(p, id, 0, sp, &q))
		fill(row, perf_at(p->pf, i, slot), &q, p->o->today);
	else
		fill(row, perf_at(p->pf, i, slot), NULL, p->o->today);
	row->text[RC_TEAM] = id;
	row->text[RC_NAME] = p->info[i].name;
}

/* A manager's row: their organisation's figures and quotas. */
static void
manager_row(struct report *r, struct report_priv *p, const struct period *sp, size_t i,
	    size_t slot)
{
	const char *id = intern_name(p->pf->reps, i);
	struct report_row *row = new_row(r, p, sp, i, slot);
	struct quota_result q;
	int hq = strcmp(id, ORG_NO_MANAGER) != 0 && members_quota(p, id, 1, sp, &q);

	fill(row, perf_at(p->pf, i, slot), hq ? &q : NULL, p->o->today);
	row->text[RC_MANAGER] = id;
	set(row, RC_LEVEL, org_groups_level(p->g, org_groups_add(p->g, id)));
	row->text[RC_NAME] = p->info[i].name;
}

/* --flag: won of rep in the quota period q (or won deals or activities, by
 * the metric), from a scan of q (each once). */
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
		pf = p->scans[p->nscans++].pf = perf_scan_kind(p->s, p->st, q, p->o->today, 0,
		    NULL, quota_metric_kind(metric(p->o)));
	}
	k = intern_get(pf->reps, rep, strlen(rep));
	return k < 0 || (size_t)k >= pf->cap ? 0 :
	    measured(perf_at(pf, (size_t)k, 0), metric(p->o));
}

/* The rep's quota period of metric m ending on end (of kind, or the
 * longest when kind < 0), or 0 if none. */
static int
quota_period_ending(const struct table *q, const char *m, date_t end, int kind, int fys,
		    struct period *out)
{
	int pc = table_col(q, "period"), mc = table_col(q, "metric");
	struct period x;
	int found = 0;
	size_t i;

	for (i = 0; i < q->nrows; i++) {
		if (strcmp(table_get(q, i, mc), m) != 0 ||
		    period_parse(table_get(q, i, pc), 0, fys, &x) < 0 || x.to != end ||
		    (kind >= 0 && (int)x.kind != kind))
			continue;
		if (!found || x.from < out->from)
			*out = x;
		found = 1;
	}
	return found;
}

/* The end of the rep's latest complete quota period of metric m before end. */
static date_t
latest_end(const struct table *q, const char *m, date_t end, int fys)
{
	int pc = table_col(q, "period"), mc = table_col(q, "metric");
	date_t latest = DATE_MIN;
	struct period x;
	size_t i;

	for (i = 0; i < q->nrows; i++)
		if (strcmp(table_get(q, i, mc), m) == 0 &&
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
	date_t latest = latest_end(q, metric(o), end, o->fiscal_year_start);
	struct quota_result qr;
	struct period cur;
	long n;

	/* The latest complete quota period, then the ones just before it. */
	if (latest == DATE_MIN ||
	    !quota_period_ending(q, metric(o), latest, -1, o->fiscal_year_start, &cur))
		return 0;
	for (n = 0; n < o->pip_periods; n++) {
		if (n > 0 && !quota_period_ending(q, metric(o), cur.from - 1, (int)cur.kind,
		    o->fiscal_year_start, &cur))
			return 0;
		if (!quota_for(q, id, NULL, metric(o), &cur, o->fiscal_year_start, &qr) ||
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
	const char *m = metric(r->p->o);
	/* The column a quota of the metric is measured against. */
	int won = strcmp(m, "deals") == 0 ? RC_WONDEALS :
	    quota_metric_activities(m) ? RC_ACTS : RC_WON;
	struct report_row *row;
	size_t i;

	for (i = 0; i < r->n; i++) {
		row = &r->row[i];
		if (on_pip(r->p, row->who, per))
			row->text[RC_FLAG] = "pip";
		else if (row->has[RC_QUOTA] && row->v[RC_QUOTA] > 0 &&
		    row->v[won] >= row->v[RC_QUOTA])
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
	const struct report_options *o = p->o;
	const struct table *reps = o->reps, *teams = o->teams;
	struct perf *pf;
	int rc = table_col(reps, "rep"), tc = table_col(teams, "team");
	size_t i, old;

	if (o->by == 't' || o->by == 'M' || o->team || o->manager)
		p->g = org_groups_new(o->o, o->by == 't' ? ORG_BY_TEAM : o->by == 'M' ?
		    ORG_BY_MANAGER : ORG_BY_REP, o->manager, o->team);
	pf = perf_scan_only(p->s, p->st, per, o->today, o->by == 'm', p->g,
	    quota_metric_kind(metric(o)), (o->no_activities &&
	    !quota_metric_activities(metric(o)) ? PERF_DEALS : PERF_DEALS | PERF_ACTIVITIES) |
	    (o->keep_replay ? PERF_REPLAY : 0), o->only, o->only ? o->rep : NULL);
	/* Quiet rows: every rep (the one asked for: rep_wanted() takes no
	 * other), or every team (not in a manager's view). */
	for (i = 0; o->by != 't' && o->by != 'M' && i < reps->nrows; i++)
		if (!o->rep || strcmp(o->rep, table_get(reps, i, rc)) == 0)
			intern_add(pf->reps, table_get(reps, i, rc),
			    strlen(table_get(reps, i, rc)));
	for (i = 0; o->by == 't' && !o->manager && i < teams->nrows; i++)
		if (!o->team || strcmp(o->team, table_get(teams, i, tc)) == 0)
			intern_add(pf->reps, table_get(teams, i, tc),
			    strlen(table_get(teams, i, tc)));
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
	struct period sp;
	size_t i, k, nwho;

	p->s = s;
	p->o = o;
	p->st = stages_load(s);
	/* --flag looks back over earlier quota periods: all of them. */
	if (o->quotas && !o->flag) {
		p->qi = o->quotas;
		p->quotas = quota_index_table(o->quotas);
	} else {
		p->quotas = p->own_quotas = o->flag ? store_load(s, "quotas.tsv") :
		    quota_load(s, per, o->fiscal_year_start);
	}
	p->pf = figures(p, per);
	index_reps(p);
	nwho = intern_count(p->pf->reps);
	/* Allocated once: a row's texts point into it. */
	r->row = xcalloc(nwho * p->pf->nslots + 1, sizeof *r->row);
	for (i = 0; i < nwho; i++) {
		if (o->by != 't' && o->by != 'M' && !rep_wanted(p, i))
			continue;
		for (k = 0; k < p->pf->nslots; k++) {
			sp = slot_period(per, p->pf, k);
			if (o->by == 't')
				team_row(r, p, &sp, i, k);
			else if (o->by == 'M')
				manager_row(r, p, &sp, i, k);
			else
				rep_row(r, p, &sp, i, k);
		}
	}
	if (o->flag)
		set_flags(r, per);
	for (i = 0; i < r->n; i++)
		r->row[i].text[RC_METRIC] = o->metric;
	return r;
}

struct history *
report_replay(const struct report *r)
{
	return r->p->pf->replay;
}

void
report_free(struct report *r)
{
	struct report_priv *p;
	size_t i;

	if (!r)
		return;
	p = r->p;
	quota_index_free(p->own_qi);
	org_groups_free(p->g);
	for (i = 0; i < p->nscans; i++)
		perf_free(p->scans[i].pf);
	free(p->scans);
	free(p->info);
	perf_free(p->pf);
	stages_free(p->st);
	table_free(p->own_quotas);
	free(p);
	free(r->row);
	free(r);
}
