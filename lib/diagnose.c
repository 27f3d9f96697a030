#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "activity.h"
#include "buf.h"
#include "config.h"
#include "diagnose.h"
#include "org.h"
#include "err.h"
#include "pool.h"
#include "history.h"
#include "intern.h"
#include "ledger.h"
#include "money.h"
#include "quota.h"
#include "reason.h"
#include "roster.h"
#include "scan.h"
#include "stage.h"
#include "stats.h"
#include "training.h"
#include "tsv.h"
#include "xalloc.h"

static const char *const kinds[] = { "call", "email", "meeting", "demo", "visit", "other" };
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* How a metric is counted and printed: tenths (per week, percent, days),
 * money in minor units, or a whole count. */
enum mtype { M_WEEK, M_RATE, M_MONEY, M_CYCLE, M_ATTAIN, M_COUNT, M_REASON };

struct metric {
	char name[80];
	enum mtype type;
	int worse_up;		/* more is worse */
	const char *skill;
	int what;		/* M_WEEK: -1 all, NKINDS opened, else kind; M_RATE: conversion,
				 * -1 win rate; M_REASON: the reason */
};

/* One rep's metric, in printed units. */
struct value {
	int has, eligible, has_iv;
	int64_t v, n, lo, hi;
};

struct ivec {
	int64_t *v;
	size_t n, cap;
};

struct rep {
	const char *id, *role, *team;
	int gone, manager, days;
	/* the ledgers' figures: counted by the fold, or read from the cache */
	int64_t events, acts, kind[NKINDS], opened;
	int64_t *exits, *fwd;
	int64_t won, lost, gross, net;
	struct ivec amounts, cycles;	/* the fold's alone */
	int64_t amount_iv, amount_lo, amount_hi;	/* avg_deal's interval, from amounts */
	int64_t ncycles, cycle_med2, cycle_lo, cycle_hi;	/* cycle_days', from cycles */
	/* the tables' */
	int64_t overdue, assigned;
	int64_t target;		/* the window's revenue quota, when has_target */
	int has_target;
	int64_t nwhy, *why;	/* lost events read with their reason; per reason */
};

struct diagnosis {
	struct diagnose_options o;
	struct diagnose_basis basis;
	const struct table *reps;	/* sorted by rep */
	struct table *own_reps;	/* loaded here, or NULL: the options' */
	struct table *courses, *training;
	/* the window's quota rows and their index, or NULL: each rep's
	 * target came from the cache (has_target) */
	struct table *quotas;
	struct quota_index *qi;
	struct org *org;	/* each rep's team on a day */
	struct stages *st;
	struct intern *ix;
	struct rep *r;
	size_t nrep, rcap;
	int64_t *convs;		/* the roster's exits and fwd, in one block */
	int64_t *whys;		/* every rep's why, in one block */
	int every;		/* the figures of every rep met, for the cache */
	int *conv;		/* stage index -> conversion, -1 */
	size_t nconv;
	struct metric *m;
	size_t nm;
	/* nrep * nm: each rep's values (and has) as a peer, once measured
	 * (peer_value()): a value's other figures are for its own row */
	int64_t *pv;
	unsigned char *phas, *measured;
	/* the fold: the replay's rep number -> index in r, or -1 */
	struct history *h;
	long *rep;
	size_t nrep_seen;
	char from[DATE_BUFSZ], to[DATE_BUFSZ];	/* the period, as text */
	/* the reasons of the lost events, and each (rep, reason, count) met */
	struct intern *reasons;
	size_t *lost_why, nlost, lostcap;
};

/* num / den rounded half away from zero; den > 0. */
static int64_t
rdiv(int64_t num, int64_t den)
{
	int64_t r;

	if (money_div_round(num, den, &r) < 0)
		money_total_overflow();
	return r;
}

static int64_t
mul(int64_t a, int64_t b)
{
	int64_t r;

	if (__builtin_mul_overflow(a, b, &r))
		money_total_overflow();
	return r;
}

static void
push(struct ivec *v, int64_t x)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 16;
		v->v = xreallocarray(v->v, v->cap, sizeof *v->v);
	}
	v->v[v->n++] = x;
}

/* The last two complete calendar quarters before today. */
static void
two_quarters(date_t today, struct period *p)
{
	int y, m, d;
	char a[DATE_BUFSZ], b[DATE_BUFSZ];

	date_to_ymd(today, &y, &m, &d);
	p->to = date_from_ymd(y, (m - 1) / 3 * 3 + 1, 1) - 1;
	p->from = date_add_months(p->to + 1, -6);
	p->kind = PERIOD_RANGE;
	snprintf(p->name, sizeof p->name, "%s..%s", date_format(p->from, a),
	    date_format(p->to, b));
}

/* This calendar quarter, up to today. */
static void
quarter_to_date(date_t today, struct period *p)
{
	int y, m, d;
	char a[DATE_BUFSZ], b[DATE_BUFSZ];

	date_to_ymd(today, &y, &m, &d);
	p->from = date_from_ymd(y, (m - 1) / 3 * 3 + 1, 1);
	p->to = today;
	p->kind = PERIOD_RANGE;
	snprintf(p->name, sizeof p->name, "%s..%s", date_format(p->from, a),
	    date_format(p->to, b));
}

int
diagnose_peers_parse(const char *s, enum diagnose_peers *p)
{
	if (strcmp(s, "role") == 0)
		*p = PEERS_ROLE;
	else if (strcmp(s, "team") == 0)
		*p = PEERS_TEAM;
	else if (strcmp(s, "all") == 0)
		*p = PEERS_ALL;
	else
		return -1;
	return 0;
}

static struct metric *
add(struct diagnosis *dg, const char *name, enum mtype type, int worse_up,
    const char *skill, int what)
{
	struct metric *m = &dg->m[dg->nm++];

	snprintf(m->name, sizeof m->name, "%s", name);
	m->type = type;
	m->worse_up = worse_up;
	m->skill = skill;
	m->what = what;
	return m;
}

/* The metrics, in the order they are printed. */
static void
metrics(struct diagnosis *dg)
{
	const struct stages *st = dg->st;
	const struct stage *next;
	struct metric *m;
	size_t i, j, last = 0;

	dg->m = xcalloc(NKINDS + st->n + 8, sizeof *dg->m);
	dg->conv = xcalloc(st->n, sizeof *dg->conv);
	add(dg, "activities_per_week", M_WEEK, 0, "prospecting", -1);
	for (i = 0; i < NKINDS; i++) {
		m = add(dg, "", M_WEEK, 0, "prospecting", (int)i);
		snprintf(m->name, sizeof m->name, "activities_per_week.%s", kinds[i]);
	}
	add(dg, "deals_opened_per_week", M_WEEK, 0, "prospecting", (int)NKINDS);
	for (i = 0; i < st->n; i++)
		if (st->v[i].state == STAGE_OPEN)
			last = i;
	for (i = 0; i < st->n; i++) {
		dg->conv[i] = -1;
		if (st->v[i].state != STAGE_OPEN)
			continue;
		for (next = st->won, j = i + 1; j < st->n; j++)
			if (st->v[j].state == STAGE_OPEN) {
				next = &st->v[j];
				break;
			}
		dg->conv[i] = (int)dg->nconv;
		m = add(dg, "", M_RATE, 0, NULL, (int)dg->nconv++);
		snprintf(m->name, sizeof m->name, "%.36s->%.36s", st->v[i].name, next->name);
		if (i == last)
			m->skill = "closing";
		else if (strcmp(m->name, "lead->qualified") == 0)
			m->skill = "qualification";
		else if (strcmp(m->name, "qualified->proposal") == 0)
			m->skill = "presentation";
		else if (strcmp(m->name, "proposal->negotiation") == 0)
			m->skill = "negotiation";
	}
	add(dg, "win_rate", M_RATE, 0, NULL, -1);
	add(dg, "avg_deal", M_MONEY, 0, "negotiation", 0);
	add(dg, "cycle_days", M_CYCLE, 1, "pipeline-management", 0);
	add(dg, "attainment", M_ATTAIN, 0, NULL, 0);
	add(dg, "overdue_training", M_COUNT, 1, NULL, 0);
}

static void
load_reps(struct diagnosis *dg, const struct table *cfg, const struct table *teams)
{
	const struct period *p = &dg->o.period;
	unsigned char *managers = roster_managers(cfg, dg->reps, teams);
	const struct table *t = dg->reps;
	int rc = table_col(t, "rep"), oc = table_col(t, "role"), sc = table_col(t, "status"),
	    hc = table_col(t, "hired"), ec = table_col(t, "ended");
	struct rep *r;
	date_t from, to, d;
	size_t i;

	dg->nrep = dg->reps->nrows;
	dg->r = xcalloc(dg->nrep + 1, sizeof *dg->r);
	dg->convs = xcalloc(2 * dg->nrep * (dg->nconv + 1) + 1, sizeof *dg->convs);
	dg->ix = intern_new();
	for (i = 0; i < dg->nrep; i++) {
		r = &dg->r[i];
		r->id = table_get(t, i, rc);
		r->role = table_get(t, i, oc);
		/* Peers by team: the team the rep was on at the period's end. */
		r->team = !dg->org ? "" :
		    org_rep_team(dg->org, r->id, p->to < dg->o.today ? p->to : dg->o.today);
		r->gone = strcmp(table_get(t, i, sc), "gone") == 0;
		r->manager = managers[i];
		r->exits = dg->convs + 2 * i * (dg->nconv + 1);
		r->fwd = r->exits + dg->nconv + 1;
		intern_add(dg->ix, r->id, strlen(r->id));
		from = p->from;
		to = p->to < dg->o.today ? p->to : dg->o.today;
		if (date_parse(table_get(t, i, hc), &d) == 0 && d > from)
			from = d;
		if (r->gone && date_parse(table_get(t, i, ec), &d) == 0 && d < to)
			to = d;
		r->days = to >= from ? to - from + 1 : 0;
	}
	free(managers);
}

/* The index in r of the rep id [p, p + n): the roster's (-1: not on it),
 * or, for the cache (dg->every), of every rep, new at first sight. */
static long
rep_index(struct diagnosis *dg, const char *p, size_t n)
{
	size_t k;

	if (!dg->every)
		return intern_get(dg->ix, p, n);
	if ((k = intern_add(dg->ix, p, n)) == dg->nrep) {
		if (dg->nrep == dg->rcap) {
			dg->rcap = dg->rcap ? dg->rcap * 2 : 256;
			dg->r = xreallocarray(dg->r, dg->rcap, sizeof *dg->r);
		}
		memset(&dg->r[k], 0, sizeof *dg->r);
		dg->r[k].exits = xcalloc(dg->nconv + 1, sizeof *dg->r[k].exits);
		dg->r[k].fwd = xcalloc(dg->nconv + 1, sizeof *dg->r[k].fwd);
		dg->nrep++;
	}
	return (long)k;
}

/* The rep (rep_index()) of the replay's rep r. */
static long
rep_of(struct diagnosis *dg, uint32_t r)
{
	const char *name;
	size_t n, i;

	if (r >= dg->nrep_seen) {
		n = history_count(dg->h, HIST_REP);
		dg->rep = xreallocarray(dg->rep, n, sizeof *dg->rep);
		for (i = dg->nrep_seen; i < n; i++) {
			name = history_name(dg->h, HIST_REP, (uint32_t)i);
			dg->rep[i] = rep_index(dg, name, strlen(name));
		}
		dg->nrep_seen = n;
	}
	return dg->rep[r];
}

/* The exit a deal event makes from the stage the deal was open at. */
static void
count_exit(struct diagnosis *dg, struct rep *rep, const struct hist_event *ev)
{
	const struct hist_deal *b = ev->before;
	int cv;

	if (b->state != DEAL_OPEN || (cv = dg->conv[b->stage]) < 0)
		return;
	if (ev->kind == DEAL_EV_LOST)
		rep->exits[cv]++;
	else if (ev->kind == DEAL_EV_WON || (ev->kind == DEAL_EV_STAGE &&
	    dg->st->v[ev->after->stage].order > dg->st->v[b->stage].order))
		rep->exits[cv]++, rep->fwd[cv]++;
}

/* One deal event of the period: the exit it makes, and what it counts. */
static void
fold_event(struct diagnosis *dg, const struct hist_event *ev)
{
	const struct hist_deal *d = ev->after;
	struct rep *rep;
	long k;

	if ((k = rep_of(dg, d->rep)) < 0)
		return;
	dg->basis.events++;
	rep = &dg->r[k];
	rep->events++;
	rep->opened += ev->kind == DEAL_EV_OPEN;
	count_exit(dg, rep, ev);
	rep->lost += ev->kind == DEAL_EV_LOST;
	money_total_add(&rep->net, history_credit(ev, dg->o.period.from));
	if (ev->kind != DEAL_EV_WON)
		return;
	rep->won++;
	money_total_add(&rep->gross, d->amount);
	push(&rep->amounts, d->amount);
	push(&rep->cycles, ev->date - d->opened);
}

/* The replay over the period: a deal's stage before an event is the one
 * its state had, from the checkpoint before the period on. */
static void
scan_deals(struct diagnosis *dg, struct store *s)
{
	const struct hist_event *ev;

	dg->h = history_open(s, dg->st, dg->o.period.from, 0);
	history_until(dg->h, dg->o.period.to);
	while ((ev = history_next(dg->h, dg->o.period.to)))
		fold_event(dg, ev);
	history_close(dg->h);
	dg->h = NULL;
}

/* Count of rep k's lost events had the reason why (dg->reasons'). */
static void
lost_reason(struct diagnosis *dg, size_t k, size_t why, size_t count)
{
	if (dg->nlost + 3 > dg->lostcap) {
		dg->lostcap = dg->lostcap ? dg->lostcap * 2 : 768;
		dg->lost_why = xreallocarray(dg->lost_why, dg->lostcap, sizeof *dg->lost_why);
	}
	dg->lost_why[dg->nlost++] = k;
	dg->lost_why[dg->nlost++] = why;
	dg->lost_why[dg->nlost++] = count;
}

/* reasons_lost's callback: a lost event of a rep of the roster. */
static void
take_lost(void *arg, const char *who, date_t day, const char *reason, int64_t amount)
{
	struct diagnosis *dg = arg;
	long k = rep_index(dg, who, strlen(who));

	(void)day;
	(void)amount;
	if (!*reason)
		reason = "(none)";
	if (k >= 0)
		lost_reason(dg, (size_t)k, intern_add(dg->reasons, reason, strlen(reason)), 1);
}

/* The reason mix: a metric per reason met, in byte order, and each rep's
 * lost events per reason. */
static void
reason_metrics(struct diagnosis *dg)
{
	size_t nr, i, *order, k, *t;
	struct metric *m;

	nr = intern_count(dg->reasons);
	dg->whys = xcalloc(dg->nrep * (nr + 1) + 1, sizeof *dg->whys);
	for (i = 0; i < dg->nrep; i++)
		dg->r[i].why = dg->whys + i * (nr + 1);
	for (i = 0; i < dg->nlost; i += 3) {
		t = &dg->lost_why[i];
		dg->r[t[0]].nwhy += (int64_t)t[2];
		dg->r[t[0]].why[t[1]] += (int64_t)t[2];
	}
	order = xcalloc(nr + 1, sizeof *order);
	for (i = 0; i < nr; i++)
		order[i] = i;
	/* a few reasons: a sort by insertion */
	for (i = 1; i < nr; i++)
		for (k = i; k > 0 && strcmp(intern_name(dg->reasons, order[k - 1]),
		    intern_name(dg->reasons, order[k])) > 0; k--) {
			size_t t = order[k];

			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	dg->m = xreallocarray(dg->m, dg->nm + nr + 1, sizeof *dg->m);
	for (i = 0; i < nr; i++) {
		m = add(dg, "", M_REASON, 1, NULL, (int)order[i]);
		snprintf(m->name, sizeof m->name, "lost_reason.%.64s",
		    intern_name(dg->reasons, order[i]));
	}
	free(order);
}

/*
 * An activity month of the period, counted in a worker (pool.h) while the
 * deals are replayed: each rep's activities dated in the period, in all
 * and of each kind, by the rep's id as written (the month's own intern),
 * added to the diagnosis's reps afterwards, month by month, in the
 * calling thread (acts_add()).
 */
struct act_month {
	const char *from, *to;		/* the period, as text (the diagnosis's) */
	int fd;
	char name[LEDGER_PATHSZ];
	struct intern *reps;
	int64_t (*n)[1 + NKINDS];	/* by index in reps: all, then each kind */
	size_t cap;
	long rows;			/* scan_fd()'s: -2 with err */
	char err[SCAN_ERRSZ];
	struct job *job;
};

/* scan_fd's callback: one activity row (date, rep, kind). */
static int
take_activity(void *arg, const struct scan_row *row)
{
	struct act_month *a = arg;
	size_t j, k;

	if (scan_cmp(row, 0, a->from) < 0 || scan_cmp(row, 0, a->to) > 0)
		return 0;
	if ((k = intern_add(a->reps, row->f[1], row->len[1])) == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 256;
		a->n = xreallocarray(a->n, a->cap, sizeof *a->n);
		memset(a->n + k, 0, (a->cap - k) * sizeof *a->n);
	}
	a->n[k][0]++;
	for (j = 0; j < NKINDS; j++)
		if (row->len[2] == strlen(kinds[j]) && memcmp(row->f[2], kinds[j], row->len[2]) == 0)
			a->n[k][1 + j]++;
	return 0;
}

/* A job: the month file counted (the file then closed), or its problem kept. */
static void
count_activities(void *arg)
{
	static const char *const cols[] = { "date", "rep", "kind" };
	struct act_month *a = arg;

	a->rows = a->fd < 0 ? 0 : scan_fd(a->fd, a->name, cols, 3, take_activity, a, a->err,
	    sizeof a->err);
}

/* Activity months at most this many ahead of the one added: each holds
 * its file open until it is counted. */
#define ACT_AHEAD 16

struct acts {
	ledger_month *months;
	size_t nm, next, done;
	struct act_month *a[ACT_AHEAD];
};

/* The next months handed to the workers, as many as may be ahead. */
static void
acts_submit(struct diagnosis *dg, struct store *s, struct acts *x)
{
	struct act_month *a;

	for (; x->next < x->nm && x->next - x->done < ACT_AHEAD; x->next++) {
		a = x->a[x->next % ACT_AHEAD] = xcalloc(1, sizeof *a);
		a->from = dg->from;
		a->to = dg->to;
		a->reps = intern_new();
		ledger_month_path(a->name, "activities", x->months[x->next]);
		a->fd = ledger_open(s, "activities", x->months[x->next]);
		a->job = pool_submit(count_activities, a, POOL_LATER);
	}
}

/* Every month's counts added to the reps of the roster (or met, for the
 * cache: rep_index()), in month order: a month's problem is told when
 * its turn comes, as a scan in this thread would have told it. */
static void
acts_add(struct diagnosis *dg, struct store *s, struct acts *x)
{
	struct act_month *a;
	size_t i, j;
	long k;

	for (; x->done < x->nm; x->done++) {
		acts_submit(dg, s, x);
		a = x->a[x->done % ACT_AHEAD];
		pool_wait(a->job);
		if (a->rows < 0)
			die("%s", a->err);
		for (i = 0; i < intern_count(a->reps); i++) {
			if ((k = rep_index(dg, intern_name(a->reps, i),
			    strlen(intern_name(a->reps, i)))) < 0)
				continue;
			dg->basis.activities += a->n[i][0];
			dg->r[k].acts += a->n[i][0];
			for (j = 0; j < NKINDS; j++)
				dg->r[k].kind[j] += a->n[i][1 + j];
		}
		intern_free(a->reps);
		free(a->n);
		free(a);
	}
	free(x->months);
}

/* Has rep passed course (completed, scored enough, still valid)? */
static int
passed(const struct diagnosis *dg, size_t trow, long crow)
{
	const char *done = table_cell(dg->training, trow, "completed"), *score, *pass, *valid;
	long long sc, ps, days;
	date_t d;

	if (!*done)
		return 0;
	if (crow < 0)
		return 1;
	score = table_cell(dg->training, trow, "score");
	pass = table_cell(dg->courses, (size_t)crow, "pass_score");
	if (*score && *pass && parse_uint(score, 100, &sc) == 0 &&
	    parse_uint(pass, 100, &ps) == 0 && sc < ps)
		return 0;
	valid = table_cell(dg->courses, (size_t)crow, "valid_days");
	if (*valid && parse_uint(valid, 1000000, &days) == 0 && date_parse(done, &d) == 0 &&
	    d + days < dg->o.today)
		return 0;
	return 1;
}

static void
scan_training(struct diagnosis *dg)
{
	const struct table *t = dg->training;
	int rc = table_col(t, "rep"), dc = table_col(t, "due"), cc = table_col(t, "completed");
	char today[DATE_BUFSZ];
	const char *due, *rep;
	size_t i;
	long k;

	date_format(dg->o.today, today);
	for (i = 0; i < t->nrows; i++) {
		if (training_withdrawn(t, i))
			continue;
		rep = table_get(t, i, rc);
		if ((k = intern_get(dg->ix, rep, strlen(rep))) < 0)
			continue;
		dg->r[k].assigned++;
		due = table_get(t, i, dc);
		if (*due && strcmp(due, today) < 0 && !*table_get(t, i, cc))
			dg->r[k].overdue++;
	}
}

/* The score interval of a Poisson count, per week, in tenths. */
static void
poisson(struct value *v, int64_t k, int days)
{
	v->has_iv = 1;
	stats_poisson(k, DIAGNOSE_Z, 70, days, &v->lo, &v->hi);
}

/* The Wilson score interval of k of n, in tenths of a percent. */
static void
wilson(struct value *v, int64_t k, int64_t n)
{
	v->has_iv = 1;
	stats_wilson(k, n, DIAGNOSE_Z, 1000, &v->lo, &v->hi);
}

/* What the fold's lists of a rep come to: avg_deal's interval, and
 * cycle_days' median (doubled) and the order statistics around it in
 * tenths of a day. */
static void
summarise(struct rep *r)
{
	size_t lo, hi;

	if (r->won)
		r->amount_iv = stats_mean(r->amounts.v, r->amounts.n, r->gross, DIAGNOSE_Z,
		    &r->amount_lo, &r->amount_hi);
	if (!(r->ncycles = (int64_t)r->cycles.n))
		return;
	stats_sort(r->cycles.v, r->cycles.n);
	r->cycle_med2 = stats_median2(r->cycles.v, r->cycles.n);
	stats_median_ranks(r->cycles.n, DIAGNOSE_Z, &lo, &hi);
	r->cycle_lo = r->cycles.v[lo - 1] * 10;
	r->cycle_hi = r->cycles.v[hi - 1] * 10;
}

/* Rep i's value of metric m, with its interval when iv (a peer's value
 * is compared without one). */
static void
measure(struct diagnosis *dg, size_t i, const struct metric *m, struct value *v, int iv)
{
	struct rep *r = &dg->r[i];
	struct quota_result q;
	int64_t k, n;

	memset(v, 0, sizeof *v);
	switch (m->type) {
	case M_WEEK:
		k = m->what < 0 ? r->acts : m->what == (int)NKINDS ? r->opened : r->kind[m->what];
		if (r->days <= 0)
			return;
		v->has = v->eligible = 1;
		v->n = k;
		v->v = rdiv(mul(k, 70), r->days);
		if (iv)
			poisson(v, k, r->days);
		return;
	case M_RATE:
		k = m->what < 0 ? r->won : r->fwd[m->what];
		n = m->what < 0 ? r->won + r->lost : r->exits[m->what];
		if (n <= 0)
			return;
		v->has = v->eligible = 1;
		v->n = n;
		v->v = rdiv(mul(k, 1000), n);
		if (iv)
			wilson(v, k, n);
		return;
	case M_MONEY:
		if (!r->won)
			return;
		v->has = 1;
		v->eligible = r->won >= DIAGNOSE_MIN_N;
		v->n = r->won;
		v->v = rdiv(r->gross, r->won);
		/* A statistical bound, not an amount booked anywhere. */
		v->has_iv = r->amount_iv;
		v->lo = r->amount_lo;
		v->hi = r->amount_hi;
		return;
	case M_CYCLE:
		if (!r->ncycles)
			return;
		v->has = 1;
		v->eligible = r->ncycles >= DIAGNOSE_MIN_N;
		v->n = r->ncycles;
		/* The median in tenths: the middle value, or the mean of the two. */
		v->v = r->cycle_med2 * 5;
		v->has_iv = 1;
		v->lo = r->cycle_lo;
		v->hi = r->cycle_hi;
		return;
	case M_ATTAIN:
		if (!dg->qi ? (q.target = r->target, !r->has_target) :
		    !quota_for(quota_index_rep(dg->qi, r->id), r->id, NULL, "revenue",
		    &dg->o.period, dg->o.fiscal_year_start, &q))
			return;
		if (q.target <= 0)
			return;
		v->has = v->eligible = 1;
		v->n = r->won;
		v->v = rdiv(mul(r->net, 1000), q.target);
		return;
	case M_COUNT:
		v->has = v->eligible = 1;
		v->n = r->assigned;
		v->v = r->overdue;
		return;
	case M_REASON:
		if (r->nwhy <= 0)
			return;
		v->has = v->eligible = 1;
		v->n = r->nwhy;
		v->v = rdiv(mul(r->why[m->what], 1000), r->nwhy);
		if (iv)
			wilson(v, r->why[m->what], r->nwhy);
		return;
	}
}

/* Every rep's lists summed up, after the fold. */
static void
scan_ledgers(struct diagnosis *dg, struct store *s)
{
	struct acts acts = { 0 };
	size_t i;

	/* the period's activity months counted by the other threads while
	 * this one replays the deals */
	date_format(dg->o.period.from, dg->from);
	date_format(dg->o.period.to, dg->to);
	acts.nm = ledger_months(s, "activities", dg->o.period.from, dg->o.period.to,
	    &acts.months);
	acts_submit(dg, s, &acts);
	scan_deals(dg, s);
	acts_add(dg, s, &acts);
	reasons_lost(s, &dg->o.period, take_lost, dg);
	for (i = 0; i < dg->nrep; i++)
		summarise(&dg->r[i]);
}

/*
 * The ledgers' figures of a period, cached (diagnose.h):
 * cache/diagnose-FROM-TO-HASH, HASH over FIG_FORMAT and the size and
 * modification time of every deal month file up to TO (the replay's
 * input), every activity month file of the period, stages.tsv and
 * config.tsv.  Read at every rep-show, so not text: 64-bit integers in
 * this machine's byte order,
 *   FIG_MAGIC nfig nreason nrep nstr
 *   nstr bytes: the nreason reasons, then the nrep reps, each ended by a
 *     NUL byte, then NUL bytes up to a multiple of 8
 *   each rep's nfig figures (the FIG_FIXED of fig_field[], then the exits
 *     and forward exits of each conversion) and then its lost events
 *     with each reason (at least 0)
 *   intern_hash_words() of every byte before it
 * Anything else (another byte order, a file cut short or changed, a hash
 * of another version), and the figures are counted from the ledgers.
 */
#define FIG_DIR "cache"
#define FIG_PREFIX "diagnose-"
#define FIG_FORMAT "salesmgr diagnose figures 3"
#define FIG_MAGIC 0x3373676966676d73ll	/* "smgfigs3", read little-endian */
#define FIG_HEAD 5
#define FIG_NAMESZ DIAGNOSE_NAMESZ

/* The figures of a rep's row, in their order: each an int64_t of struct rep. */
#define FIG_KIND(i) (offsetof(struct rep, kind) + (i) * sizeof(int64_t))
static const size_t fig_field[] = {
	offsetof(struct rep, events), offsetof(struct rep, acts),
	FIG_KIND(0), FIG_KIND(1), FIG_KIND(2), FIG_KIND(3), FIG_KIND(4), FIG_KIND(5),
	offsetof(struct rep, opened), offsetof(struct rep, won), offsetof(struct rep, lost),
	offsetof(struct rep, gross), offsetof(struct rep, net),
	offsetof(struct rep, amount_iv), offsetof(struct rep, amount_lo),
	offsetof(struct rep, amount_hi), offsetof(struct rep, ncycles),
	offsetof(struct rep, cycle_med2), offsetof(struct rep, cycle_lo),
	offsetof(struct rep, cycle_hi)
};
#define FIG_FIXED (sizeof fig_field / sizeof fig_field[0])
_Static_assert(NKINDS == 6, "a figure for each kind of activity");

static int64_t *
fig(struct rep *r, size_t i)
{
	return (int64_t *)(void *)((char *)r + fig_field[i]);
}

static void
fig_name(struct store *s, const struct period *p, char name[FIG_NAMESZ])
{
	uint64_t h = intern_hash(INTERN_HASH_SEED, FIG_FORMAT, sizeof FIG_FORMAT - 1);
	char path[LEDGER_PATHSZ], a[DATE_BUFSZ], b[DATE_BUFSZ];
	ledger_month *m;
	size_t nm, i;

	nm = ledger_months(s, "deals", DATE_MIN, p->to, &m);
	for (i = 0; i < nm; i++) {
		ledger_month_path(path, "deals", m[i]);
		h = store_stat_hash(s, h, path, m[i]);
	}
	free(m);
	nm = ledger_months(s, "activities", p->from, p->to, &m);
	for (i = 0; i < nm; i++) {
		ledger_month_path(path, "activities", m[i]);
		h = store_stat_hash(s, h, path, (int64_t)1 << 40 | m[i]);
	}
	free(m);
	h = store_stat_hash(s, h, "stages.tsv", (int64_t)1 << 41);
	h = store_stat_hash(s, h, "config.tsv", (int64_t)1 << 42);
	snprintf(name, FIG_NAMESZ, FIG_DIR "/" FIG_PREFIX "%s-%s-%016llx",
	    date_format(p->from, a), date_format(p->to, b), (unsigned long long)h);
}

/* A figures cache as read: its file mapped (fig_done() unmaps it). */
struct figs {
	const char *data;
	size_t len, nfig, nreason, nrep;
	const char *str;		/* the reasons', then the reps' names */
	const int64_t *v;		/* nrep rows of nfig + nreason */
};

static void
fig_done(struct figs *f)
{
	unmap_file(f->data, f->len);
	memset(f, 0, sizeof *f);
}

/* The figures cache name, mapped and checked whole (above): 1, for
 * fig_done(); 0 when there is none such. */
static int
fig_read(struct store *s, const char *name, struct figs *f)
{
	const int64_t *w;
	const char *p, *end;
	size_t len, nstr, row, i, n;
	int fd;

	memset(f, 0, sizeof *f);
	if ((fd = store_open_read(s, name)) < 0)
		return 0;
	/* mapped, not read: its pages are the page cache's, no copy (and a
	 * mapping is aligned for int64_t) */
	f->data = map_file(fd, (FIG_HEAD + 1) * 8, &f->len);
	close(fd);
	len = f->len;
	w = (const int64_t *)(const void *)f->data;
	if (!f->data || len % 8 || w[0] != FIG_MAGIC ||
	    (uint64_t)intern_hash_words(w, len - 8) != (uint64_t)w[len / 8 - 1])
		goto bad;
	for (i = 1; i < FIG_HEAD; i++)	/* counts of words, and of bytes */
		if (w[i] < 0 || w[i] > (int64_t)len)
			goto bad;
	f->nfig = (size_t)w[1], f->nreason = (size_t)w[2], f->nrep = (size_t)w[3];
	nstr = (size_t)w[4];
	row = f->nfig + f->nreason;
	if (nstr % 8 || (f->nrep && row > len / f->nrep) ||
	    FIG_HEAD + nstr / 8 + f->nrep * row + 1 != len / 8)
		goto bad;
	/* the names: one after another, each of printable bytes, then NULs */
	f->str = p = f->data + FIG_HEAD * 8;
	end = p + nstr;
	for (i = 0; i < f->nreason + f->nrep; i++, p += n + 1) {
		for (n = 0; p + n < end && (unsigned char)p[n] >= ' ' && p[n] != 0x7f; n++)
			;
		if (!n || p + n == end || p[n])
			goto bad;
	}
	if (end - p >= 8)
		goto bad;
	for (; p < end; p++)
		if (*p)
			goto bad;
	f->v = w + FIG_HEAD + nstr / 8;
	for (i = 0; i < f->nrep; i++)
		for (n = 0; n < f->nreason; n++)
			if (f->v[i * row + f->nfig + n] < 0)
				goto bad;
	return 1;
bad:
	fig_done(f);
	return 0;
}

/* The period's figures of the roster's reps from the cache: 1, or 0 when
 * there is no cache of them that can be read whole (nothing taken). */
static int
read_figures(struct diagnosis *dg, struct store *s)
{
	size_t nf = FIG_FIXED + 2 * dg->nconv, *why, i, j, n;
	char name[FIG_NAMESZ];
	const int64_t *v;
	const char *p;
	struct figs f;
	long k;

	fig_name(s, &dg->o.period, name);
	if (!fig_read(s, name, &f))
		return 0;
	if (f.nfig != nf) {
		fig_done(&f);
		return 0;
	}
	/* room for every (rep, reason, count) at once */
	dg->lostcap = dg->nlost + 3 * f.nrep * f.nreason + 3;
	dg->lost_why = xreallocarray(dg->lost_why, dg->lostcap, sizeof *dg->lost_why);
	why = xcalloc(f.nreason + 1, sizeof *why);
	for (p = f.str, j = 0; j < f.nreason; j++, p += n + 1)
		why[j] = intern_add(dg->reasons, p, n = strlen(p));
	for (v = f.v, i = 0; i < f.nrep; i++, p += n + 1, v += nf + f.nreason) {
		if ((k = intern_get(dg->ix, p, n = strlen(p))) < 0)
			continue;	/* not on the roster */
		for (j = 0; j < FIG_FIXED; j++)
			*fig(&dg->r[k], j) = v[j];
		for (j = 0; j < dg->nconv; j++) {
			dg->r[k].exits[j] = v[FIG_FIXED + 2 * j];
			dg->r[k].fwd[j] = v[FIG_FIXED + 2 * j + 1];
		}
		for (j = 0; j < f.nreason; j++)
			if (v[nf + j])
				lost_reason(dg, (size_t)k, why[j], (size_t)v[nf + j]);
	}
	free(why);
	fig_done(&f);
	for (i = 0; i < dg->nrep; i++) {
		dg->basis.events += dg->r[i].events;
		dg->basis.activities += dg->r[i].acts;
	}
	return 1;
}

/* Is cache file name there and whole: as many rows as its last row says?
 * (One cut short, by hand or by a disk, is made again.) */
static int
fig_whole(struct store *s, const char *name)
{
	int fd = store_open_read(s, name), ok;
	const char *p, *last;
	size_t len, lines = 0;
	long long n;
	char *data, *end;

	if (fd < 0)
		return 0;
	ok = read_all(fd, &data, &len) == 0;
	close(fd);
	if (!ok)
		return 0;
	for (p = data; (p = memchr(p, '\n', len - (size_t)(p - data))); p++)
		lines++;
	last = len > 1 ? memrchr(data, '\n', len - 1) : NULL;
	last = last ? last + 1 : data;
	ok = len && data[len - 1] == '\n' && lines >= 2 && last[0] == '\t' && last[1] == '\t' &&
	    (n = strtoll(last + 2, &end, 10)) == (long long)lines - 2 && *end == '\n';
	free(data);
	return ok;
}

/* Cache file name: the rows in b (rows of them) and a last row that
 * counts them; the other caches of prefix removed.  b is freed. */
static void
cache_write(struct store *s, const char *name, const char *prefix, struct buf *b, size_t rows)
{
	buf_printf(b, "\t\t%zu\n", rows);
	store_replace_data(s, name, b->data, b->len);
	store_prune(s, FIG_DIR, prefix, name + strlen(FIG_DIR) + 1);
	buf_free(b);
}

/*
 * The window's revenue quota of each rep with one (quota_for()), cached:
 * cache/quota-targets-FROM-TO-HASH.tsv, HASH over TG_FORMAT, the window's
 * name and the size and modification time of quotas.tsv and config.tsv
 * (the fiscal year).
 * Columns rep, metric, target (minor units, at least 0); a last row with
 * rep and metric empty has the number of rows before it.  Made with the
 * figures, after a ledger or quota write; a quota changed since, and the
 * quotas are read.
 */
#define TG_PREFIX "quota-targets-"
#define TG_FORMAT "salesmgr quota targets 1"

static void
targets_name(struct store *s, const struct period *p, char name[FIG_NAMESZ])
{
	uint64_t h = intern_hash(INTERN_HASH_SEED, TG_FORMAT, sizeof TG_FORMAT - 1);
	char a[DATE_BUFSZ], b[DATE_BUFSZ];

	h = intern_hash(h, p->name, strlen(p->name));	/* the window as quota_for() takes it */
	h = store_stat_hash(s, h, "quotas.tsv", 1);
	h = store_stat_hash(s, h, "config.tsv", 2);
	snprintf(name, FIG_NAMESZ, FIG_DIR "/" TG_PREFIX "%s-%s-%016llx.tsv",
	    date_format(p->from, a), date_format(p->to, b), (unsigned long long)h);
}

/* The roster's targets from the cache: 1, or 0 when there is none that
 * can be read whole (nothing taken). */
static int
read_targets(struct diagnosis *dg, struct store *s)
{
	char name[FIG_NAMESZ];
	struct tsv_reader *r;
	size_t rows = 0, i;
	long long v;
	int fd, ok, end = 0;
	long k;

	targets_name(s, &dg->o.period, name);
	if ((fd = store_open_read(s, name)) < 0)
		return 0;
	r = tsv_open(fd, name);
	ok = tsv_header(r) == TSV_ROW && r->ncols == 3 && strcmp(r->f[0], "rep") == 0 &&
	    strcmp(r->f[1], "metric") == 0 && strcmp(r->f[2], "target") == 0;
	while (ok && !end && tsv_next(r) == TSV_ROW) {
		if (r->no_final_newline || parse_uint(r->f[2], INT64_MAX, &v) < 0)
			ok = 0;
		else if (!*r->f[0])
			ok = end = !*r->f[1] && v == (long long)rows;
		else if (strcmp(r->f[1], "revenue") != 0)
			ok = 0;
		else if ((k = intern_get(dg->ix, r->f[0], strlen(r->f[0]))) >= 0) {
			dg->r[k].target = v;
			dg->r[k].has_target = 1;
		}
		rows++;
	}
	ok = ok && end && tsv_next(r) == TSV_EOF;
	tsv_close(r);
	close(fd);
	if (!ok)
		for (i = 0; i < dg->nrep; i++)
			dg->r[i].has_target = 0;
	return ok;
}

/* The default window's targets of every rep with quota rows, cached
 * (again, if the cache is not whole); the caches of other windows or
 * quotas removed. */
static void
targets_make(struct store *s, date_t today, int fys)
{
	struct quota_result q;
	struct quota_index *qi;
	struct table *quotas;
	struct period p;
	struct buf b = BUF_INIT;
	char name[FIG_NAMESZ];
	const char *id;
	size_t i, rows = 0;

	two_quarters(today, &p);
	targets_name(s, &p, name);
	if (fig_whole(s, name))
		return;
	quotas = quota_load(s, &p, fys);
	qi = quota_index_new(quotas);
	buf_adds(&b, "rep\tmetric\ttarget\n");
	for (i = 0; i < quotas->nrows; i++) {
		id = table_cell(quotas, i, "rep");
		if (!*id || quota_index_rep(qi, id)->rows[0] != quotas->rows[i] ||
		    !quota_for(quota_index_rep(qi, id), id, NULL, "revenue", &p, fys, &q))
			continue;	/* (each rep once, at its first row) */
		tsv_escape(&b, id, strlen(id));
		buf_printf(&b, "\trevenue\t%lld\n", (long long)q.target);
		rows++;
	}
	cache_write(s, name, TG_PREFIX, &b, rows);
	quota_index_free(qi);
	table_free(quotas);
}

void
diagnose_targets_hold(struct store *s, date_t today, struct diagnose_targets *t)
{
	two_quarters(today, &t->window);
	targets_name(s, &t->window, t->name);
	t->touched = 0;
}

void
diagnose_targets_touch(struct diagnose_targets *t, const char *period, int fys)
{
	struct period p;

	/* as quota_for() reads a row's period */
	if (period_parse(period, 0, fys, &p) < 0 ||
	    (p.from <= t->window.to && p.to >= t->window.from))
		t->touched = 1;
}

void
diagnose_targets_carry(struct store *s, const struct diagnose_targets *t)
{
	char name[FIG_NAMESZ];

	if (t->touched)
		return;
	targets_name(s, &t->window, name);
	if (strcmp(name, t->name) != 0)
		(void)store_rename_cache(s, t->name, name);
}

/* The figures counted in dg (every rep's) into the cache name (above). */
static void
fig_write(struct store *s, const char *name, const struct diagnosis *dg)
{
	size_t nr = intern_count(dg->reasons), nf = FIG_FIXED + 2 * dg->nconv, nstr = 0, i, j;
	int64_t head[FIG_HEAD], v;
	struct buf b = BUF_INIT;
	const char *id;
	struct rep *r;

	for (j = 0; j < nr; j++)
		nstr += strlen(intern_name(dg->reasons, j)) + 1;
	for (i = 0; i < dg->nrep; i++)
		nstr += strlen(intern_name(dg->ix, i)) + 1;
	nstr = (nstr + 7) / 8 * 8;
	head[0] = FIG_MAGIC, head[1] = (int64_t)nf, head[2] = (int64_t)nr;
	head[3] = (int64_t)dg->nrep, head[4] = (int64_t)nstr;
	buf_add(&b, head, sizeof head);
	for (j = 0; j < nr; j++)
		buf_add(&b, intern_name(dg->reasons, j), strlen(intern_name(dg->reasons, j)) + 1);
	for (i = 0; i < dg->nrep; i++) {
		id = intern_name(dg->ix, i);
		buf_add(&b, id, strlen(id) + 1);
	}
	while (b.len % 8)
		buf_addc(&b, '\0');
	for (i = 0; i < dg->nrep; i++) {
		r = &dg->r[i];
		for (j = 0; j < FIG_FIXED; j++)
			buf_add(&b, fig(r, j), sizeof(int64_t));
		for (j = 0; j < dg->nconv; j++) {
			buf_add(&b, &r->exits[j], sizeof r->exits[j]);
			buf_add(&b, &r->fwd[j], sizeof r->fwd[j]);
		}
		for (j = 0; j < nr; j++)
			buf_add(&b, &r->why[j], sizeof r->why[j]);
	}
	v = (int64_t)intern_hash_words(b.data, b.len);
	buf_add(&b, &v, sizeof v);
	store_replace_data(s, name, b.data, b.len);
	buf_free(&b);
}

/* Is the cache of the default window's figures, or of its targets,
 * missing, or not whole? */
static int
fig_due(struct store *s, date_t today)
{
	struct figs f;
	struct period p;
	char name[FIG_NAMESZ];

	two_quarters(today, &p);
	fig_name(s, &p, name);
	if (!fig_read(s, name, &f))
		return 1;
	fig_done(&f);
	targets_name(s, &p, name);
	return !fig_whole(s, name);
}

/* The default window's figures of every rep in the ledgers, cached (again,
 * if the cache is not whole); the caches of other windows or ledgers
 * removed. */
static int
fig_make(struct store *s, const struct stages *st, date_t today)
{
	struct diagnosis *dg = xcalloc(1, sizeof *dg);
	char name[FIG_NAMESZ];
	struct table *cfg;
	struct figs f;

	(void)st;
	cfg = config_load(s);
	targets_make(s, today, config_fiscal_start(cfg));
	table_free(cfg);
	dg->o.today = today;
	two_quarters(today, &dg->o.period);
	dg->basis.period = dg->o.period;
	fig_name(s, &dg->o.period, name);
	if (fig_read(s, name, &f)) {
		fig_done(&f);
		free(dg);
		return 0;
	}
	dg->st = stages_load(s);
	metrics(dg);
	dg->every = 1;
	dg->ix = intern_new();
	dg->reasons = intern_new();
	scan_ledgers(dg, s);
	reason_metrics(dg);
	fig_write(s, name, dg);
	store_prune(s, FIG_DIR, FIG_PREFIX, name + strlen(FIG_DIR) + 1);
	diagnose_free(dg);
	return 0;
}

const struct history_cache diagnose_cache = { fig_due, fig_make, 0 };

/* The diagnosis over the period o->period. */
static struct diagnosis *
run(struct store *s, const struct diagnose_options *o)
{
	struct diagnosis *dg = xcalloc(1, sizeof *dg);
	struct table *cfg = NULL, *teams = NULL;
	int key;

	dg->o = *o;
	dg->basis.period = o->period;
	if (!(dg->reps = o->reps)) {
		dg->reps = dg->own_reps = store_load(s, "reps.tsv");
		if ((key = table_col(dg->own_reps, "rep")) >= 0)
			table_sort(dg->own_reps, &key, 1);
	}
	/* the organisation's history only for peers by team */
	dg->org = o->peers == PEERS_TEAM ? org_load(s, 0) : NULL;
	dg->courses = store_load(s, "courses.tsv");
	if ((key = table_col(dg->courses, "course")) >= 0)
		table_sort(dg->courses, &key, 1);
	dg->training = store_load(s, "training.tsv");
	dg->st = stages_load(s);
	if (!o->config)
		cfg = store_load(s, "config.tsv");
	if (!o->teams)
		teams = store_load(s, "teams.tsv");
	metrics(dg);
	load_reps(dg, o->config ? o->config : cfg, o->teams ? o->teams : teams);
	table_free(cfg);
	table_free(teams);
	/* the window's targets from their cache, else from the quota rows */
	if (!read_targets(dg, s)) {
		dg->quotas = quota_load(s, &o->period, o->fiscal_year_start);
		dg->qi = quota_index_new(dg->quotas);
	}
	dg->reasons = intern_new();
	if (!read_figures(dg, s))
		scan_ledgers(dg, s);
	scan_training(dg);
	reason_metrics(dg);
	/* Measured when asked for: rep-show asks for one rep and its peers. */
	dg->pv = xcalloc(dg->nrep * dg->nm + 1, sizeof *dg->pv);
	dg->phas = xcalloc(dg->nrep * dg->nm + 1, 1);
	dg->measured = xcalloc(dg->nrep + 1, 1);
	return dg;
}

struct diagnosis *
diagnose_run(struct store *s, const struct diagnose_options *o)
{
	struct diagnose_options w = *o;
	struct diagnosis *dg;
	struct period tried;

	if (o->has_period) {
		dg = run(s, o);
		dg->basis.window = DIAGNOSE_ASKED;
		return dg;
	}
	two_quarters(o->today, &w.period);
	dg = run(s, &w);
	dg->basis.window = DIAGNOSE_QUARTERS;
	if (dg->basis.events || dg->basis.activities)
		return dg;
	/* Nothing happened then: a young company's data starts this quarter. */
	tried = w.period;
	diagnose_free(dg);
	quarter_to_date(o->today, &w.period);
	dg = run(s, &w);
	dg->basis.window = DIAGNOSE_TO_DATE;
	dg->basis.tried = tried;
	return dg;
}

const struct diagnose_basis *
diagnose_basis(const struct diagnosis *dg)
{
	return &dg->basis;
}

int
diagnose_manager(const struct diagnosis *dg, const char *rep)
{
	long i = intern_get(dg->ix, rep, strlen(rep));

	return i >= 0 && dg->r[i].manager;
}

int
diagnose_known(const struct diagnosis *dg, const char *rep)
{
	return intern_get(dg->ix, rep, strlen(rep)) >= 0;
}

/*
 * Is rep j a peer of rep i?  The one place that says so: not i, not gone,
 * of the same kind (seller or manager) unless managers are asked for, and
 * of the same role or team, or anyone, as --peers says.
 */
static int
is_peer(const struct diagnosis *dg, size_t i, size_t j)
{
	const struct rep *a = &dg->r[i], *b = &dg->r[j];

	if (i == j || b->gone)
		return 0;
	if (!dg->o.include_managers && a->manager != b->manager)
		return 0;
	switch (dg->o.peers) {
	case PEERS_ROLE: return strcmp(a->role, b->role) == 0;
	case PEERS_TEAM: return strcmp(a->team, b->team) == 0;
	default: return 1;
	}
}

size_t
diagnose_npeers(const struct diagnosis *dg, const char *rep)
{
	size_t i = (size_t)intern_get(dg->ix, rep, strlen(rep)), j, n = 0;

	for (j = 0; j < dg->nrep; j++)
		n += is_peer(dg, i, j);
	return n;
}

/* What the peers make of one metric. */
struct peers {
	size_t m;
	int64_t median2, p25, p75, pct;
};

/* Rep i's value of metric j as a peer's, in *v: 1, or 0 when it has
 * none.  Rep i's metrics are measured at the first ask: rep-show asks
 * for one rep's peers, and 8 bytes a value of a thousand reps' are
 * fewer pages to touch than the whole struct value. */
static int
peer_value(struct diagnosis *dg, size_t i, size_t j, int64_t *v)
{
	struct value x;
	size_t k;

	if (!dg->measured[i]) {
		for (k = 0; k < dg->nm; k++) {
			measure(dg, i, &dg->m[k], &x, 0);
			dg->pv[i * dg->nm + k] = x.v;
			dg->phas[i * dg->nm + k] = (unsigned char)x.has;
		}
		dg->measured[i] = 1;
	}
	*v = dg->pv[i * dg->nm + j];
	return dg->phas[i * dg->nm + j];
}

/* The peers' figures of a metric j whose value is me: the peers are
 * peer[0 .. np), a in room for them. */
static void
peer_stats(struct diagnosis *dg, const size_t *peer, size_t np, size_t j, const struct value *me,
	   int64_t *a, struct peers *st)
{
	int64_t below = 0, ties = 0, v;
	size_t k, m = 0;

	for (k = 0; k < np; k++) {
		if (!peer_value(dg, peer[k], j, &v))
			continue;
		a[m++] = v;
		below += me->has && v < me->v;
		ties += me->has && v == me->v;
	}
	memset(st, 0, sizeof *st);
	st->m = m;
	if (m) {
		stats_sort(a, m);
		st->median2 = stats_median2(a, m);
		st->p25 = stats_rank(a, m, 25);
		st->p75 = stats_rank(a, m, 75);
		/* (below + half the ties) / m */
		if (stats_permille(2 * below + ties, 2 * (int64_t)m, &st->pct) < 0)
			die("totals overflow");
	}
}

static const char *
verdict(const struct metric *mt, const struct value *v, const struct peers *st)
{
	int below, above;

	if (!v->has)
		return "no-data";
	if (st->m < DIAGNOSE_MIN_PEERS)
		return "too-few-peers";
	if (!v->eligible)
		return "too-few-deals";
	/* below: clearly less than the peers; above: clearly more. */
	below = v->v < st->p25 && (!v->has_iv || 2 * v->hi < st->median2);
	above = v->v > st->p75 && (!v->has_iv || 2 * v->lo > st->median2);
	if (mt->worse_up)
		return above ? "weak" : below ? "strong" : "ok";
	return below ? "weak" : above ? "strong" : "ok";
}

/* The unit of a metric's values, and a doubled value (a median) in it. */
static enum out_unit
unit_of(const struct metric *mt)
{
	return mt->type == M_MONEY ? OUT_U_MONEY : mt->type == M_COUNT ? OUT_U_COUNT :
	    OUT_U_TENTHS;
}

static struct diagnose_val
halved(const struct metric *mt, int64_t v2)
{
	struct diagnose_val d = { 1, v2, OUT_U_HALF };

	/* A count's median may end in .5; the others are rounded to their unit. */
	if (mt->type != M_COUNT) {
		d.v = rdiv(v2, 2);
		d.unit = unit_of(mt);
	}
	return d;
}

static struct diagnose_val
val(const struct metric *mt, int has, int64_t v)
{
	struct diagnose_val d = { has, v, unit_of(mt) };

	return d;
}

/* Is a course of the skill for the rep?  Not passed, not assigned now. */
static int
course_free(const struct diagnosis *dg, const char *rep, const char *course)
{
	const struct table *t = dg->training;
	long crow = table_find(dg->courses, table_col(dg->courses, "course"), course);
	size_t i;

	for (i = 0; i < t->nrows; i++) {
		if (strcmp(table_cell(t, i, "rep"), rep) || strcmp(table_cell(t, i, "course"), course))
			continue;
		if (!*table_cell(t, i, "completed") || passed(dg, i, crow))
			return 0;
	}
	return 1;
}

static const char *
suggest_course(const struct diagnosis *dg, const char *rep, const char *skill,
	       struct intern *given)
{
	const char *c;
	size_t i;

	for (i = 0; i < dg->courses->nrows; i++) {
		c = table_cell(dg->courses, i, "course");
		if (strcmp(table_cell(dg->courses, i, "skill"), skill) != 0 ||
		    intern_get(given, c, strlen(c)) >= 0 || !course_free(dg, rep, c))
			continue;
		intern_add(given, c, strlen(c));
		return c;
	}
	return "";
}

size_t
diagnose_nmetrics(const struct diagnosis *dg)
{
	return dg->nm;
}

size_t
diagnose_rows(struct diagnosis *dg, const char *rep, struct diagnose_row *rows)
{
	struct intern *given = intern_new();
	const struct metric *mt;
	struct value own, *v = &own;
	struct diagnose_row *r;
	struct peers st;
	size_t i = (size_t)intern_get(dg->ix, rep, strlen(rep)), j, np = 0;
	/* rep i's peers, found once for every metric */
	size_t *peer = xcalloc(dg->nrep + 1, sizeof *peer);
	int64_t *a = xcalloc(dg->nrep + 1, sizeof *a);

	for (j = 0; j < dg->nrep; j++)
		if (is_peer(dg, i, j))
			peer[np++] = j;
	for (j = 0; j < dg->nm; j++) {
		mt = &dg->m[j];
		measure(dg, i, mt, v, 1);
		r = &rows[j];
		peer_stats(dg, peer, np, j, v, a, &st);
		memset(r, 0, sizeof *r);
		r->rep = dg->r[i].id;
		r->metric = mt->name;
		r->value = val(mt, v->has, v->v);
		if (st.m) {
			r->median = halved(mt, st.median2);
			r->quartile = val(mt, 1, mt->worse_up ? st.p75 : st.p25);
		}
		r->percentile = (struct diagnose_val){ v->has && st.m, st.pct, OUT_U_TENTHS };
		r->low = val(mt, v->has_iv, v->lo);
		r->high = val(mt, v->has_iv, v->hi);
		r->peers = st.m;
		r->n = (struct diagnose_val){ v->has, v->n, OUT_U_COUNT };
		r->verdict = verdict(mt, v, &st);
		r->skill = strcmp(r->verdict, "weak") == 0 && mt->skill ? mt->skill : "";
		/* The catalogue's skill courses are for sellers. */
		r->course = *r->skill && !dg->r[i].manager ? suggest_course(dg, rep, mt->skill, given) : "";
	}
	intern_free(given);
	free(peer);
	free(a);
	return dg->nm;
}

void
diagnose_free(struct diagnosis *dg)
{
	size_t i;

	for (i = 0; i < dg->nrep; i++) {
		if (!dg->convs) {	/* rep_index()'s, each apart */
			free(dg->r[i].exits);
			free(dg->r[i].fwd);
		}
		free(dg->r[i].amounts.v);
		free(dg->r[i].cycles.v);
	}
	free(dg->whys);
	intern_free(dg->reasons);
	free(dg->lost_why);
	free(dg->convs);
	free(dg->r);
	free(dg->pv);
	free(dg->phas);
	free(dg->measured);
	free(dg->m);
	free(dg->conv);
	free(dg->rep);
	intern_free(dg->ix);
	stages_free(dg->st);
	table_free(dg->own_reps);
	org_free(dg->org);
	quota_index_free(dg->qi);
	table_free(dg->quotas);
	table_free(dg->courses);
	table_free(dg->training);
	free(dg);
}
