#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dealset.h"
#include "err.h"
#include "history.h"
#include "intern.h"
#include "ledger.h"
#include "money.h"
#include "org.h"
#include "perf.h"
#include "pool.h"
#include "scan.h"
#include "xalloc.h"

/* The fold: perf's figures from the replay (history.h). */
struct fold {
	struct perf *p;
	const struct stages *st;
	struct history *h;
	/* A source is a rep as the fold meets it: without groups its row in
	 * p->reps, with them its handle in g, whose groups are the rows. */
	struct org_groups *g;
	size_t *gmap, ngmap;	/* g's group -> p->reps */
	size_t *rows, nrows;	/* the rows of the last rows_of() */
	size_t *rep, nrep;	/* the replay's rep number -> source */
	int64_t *pipe, *wpipe, *nopen;	/* running open pipeline per source */
	size_t nsrc, srccap;
	ledger_month first;
	date_t slot_from;	/* the first day of the slot being folded */
	date_t cut;		/* the period's end, or today if sooner */
	const char *act_kind;	/* count only activities of this kind; NULL: all */
	const char *act_rep;	/* count only this rep's activities; NULL: all */
	/* deals lost in the slot of their last event, by number (in blocks
	 * of LOST_BLOCK allocated when a number in them is first lost; of a
	 * fold of few deals, by their place among them, dealset.h): the
	 * source + 1 whose lost_count has each (0: none), so that it counts
	 * once, and not when reopened later in the slot; with groups, the
	 * day of the loss, which gives the rows it counts in */
	uint32_t **lost;
	date_t **lost_day;
	size_t nlost;
	const struct dealset *only;	/* a fold of few deals */
	/* the rows of one credit and their parts (credit_rows) */
	struct credit { size_t row; int64_t amount; } *credit;
	size_t ncredit;
};
#define LOST_BLOCK 65536

static void
ensure_sources(struct fold *fd, size_t n)
{
	size_t old = fd->srccap, i;

	if (n > fd->nsrc)
		fd->nsrc = n;
	if (n <= fd->srccap)
		return;
	fd->srccap = n * 2 + 16;
	fd->pipe = xreallocarray(fd->pipe, fd->srccap, sizeof *fd->pipe);
	fd->wpipe = xreallocarray(fd->wpipe, fd->srccap, sizeof *fd->wpipe);
	fd->nopen = xreallocarray(fd->nopen, fd->srccap, sizeof *fd->nopen);
	for (i = old; i < fd->srccap; i++)
		fd->pipe[i] = fd->wpipe[i] = fd->nopen[i] = 0;
}

static void
ensure_reps(struct fold *fd)
{
	struct perf *p = fd->p;
	size_t n = intern_count(p->reps), old = p->cap;

	if (!fd->g)
		ensure_sources(fd, n);
	if (n <= p->cap)
		return;
	p->cap = n * 2 + 16;
	p->fig = xreallocarray(p->fig, p->cap * p->nslots, sizeof *p->fig);
	memset(p->fig + old * p->nslots, 0, (p->cap - old) * p->nslots * sizeof *p->fig);
}

/* The source of a rep named by the n bytes at name. */
static size_t
source(struct fold *fd, const char *name, size_t n)
{
	size_t i;

	if (!fd->g) {
		i = intern_add(fd->p->reps, name, n);
		ensure_reps(fd);
		return i;
	}
	i = org_groups_rep(fd->g, name, n);
	ensure_sources(fd, i + 1);
	return i;
}

/* The rows an event of source src on day counts in: itself without
 * groups; with them, its groups that day (none when filtered out). */
static size_t
rows_of(struct fold *fd, size_t src, date_t day, const size_t **rows)
{
	const uint32_t *v;
	size_t n, i, old;
	const char *name;

	if (!fd->g) {
		fd->rows[0] = src;
		*rows = fd->rows;
		return 1;
	}
	n = org_groups_of(fd->g, (uint32_t)src, day, &v);
	if (n > fd->nrows) {
		fd->nrows = n * 2;
		fd->rows = xreallocarray(fd->rows, fd->nrows, sizeof *fd->rows);
	}
	for (i = 0; i < n; i++) {
		if (v[i] >= fd->ngmap) {
			old = fd->ngmap;
			fd->ngmap = v[i] * 2 + 16;
			fd->gmap = xreallocarray(fd->gmap, fd->ngmap, sizeof *fd->gmap);
			for (; old < fd->ngmap; old++)
				fd->gmap[old] = (size_t)-1;
		}
		if (fd->gmap[v[i]] == (size_t)-1) {
			name = org_groups_name(fd->g, v[i]);
			fd->gmap[v[i]] = intern_add(fd->p->reps, name, strlen(name));
			ensure_reps(fd);
		}
		fd->rows[i] = fd->gmap[v[i]];
	}
	*rows = fd->rows;
	return n;
}

struct perf_fig *
perf_at(struct perf *p, size_t rep, size_t slot)
{
	return &p->fig[rep * p->nslots + slot];
}

/* The replay's reps met since the last call, given their sources. */
static void
reps_met(struct fold *fd)
{
	size_t n, i;
	const char *name;

	n = history_count(fd->h, HIST_REP);
	fd->rep = xreallocarray(fd->rep, n, sizeof *fd->rep);
	for (i = fd->nrep; i < n; i++) {
		name = history_name(fd->h, HIST_REP, (uint32_t)i);
		fd->rep[i] = source(fd, name, strlen(name));
	}
	fd->nrep = n;
}

/* The source of the replay's rep r.  Inline, the reps met apart: it is
 * asked two or three times an event. */
static inline size_t
rep_of(struct fold *fd, uint32_t r)
{
	if (r >= fd->nrep)
		reps_met(fd);
	return fd->rep[r];
}

static void
add_cycle(struct perf_fig *f, int64_t days)
{
	if (f->ncycles == f->cycles_cap) {
		f->cycles_cap = f->cycles_cap ? f->cycles_cap * 2 : 16;
		f->cycles = xreallocarray(f->cycles, f->cycles_cap, sizeof *f->cycles);
	}
	f->cycles[f->ncycles++] = days;
}

/* A win undone in its own period takes its cycle with it. */
static void
drop_cycle(struct perf_fig *f, int64_t days)
{
	size_t i;

	for (i = f->ncycles; i-- > 0;)
		if (f->cycles[i] == days) {
			f->cycles[i] = f->cycles[--f->ncycles];
			return;
		}
}

/* Take an open deal out of its rep's pipeline (sign -1), or put it in. */
static inline __attribute__((always_inline)) void
pipe_move(struct fold *fd, const struct hist_deal *d, int sign)
{
	size_t rep;
	int64_t w;

	if (d->state != DEAL_OPEN)
		return;
	rep = rep_of(fd, d->rep);
	if (__builtin_mul_overflow(d->amount, (int64_t)fd->st->v[d->stage].probability, &w))
		money_total_overflow();
	money_total_add(&fd->pipe[rep], sign * d->amount);
	money_total_add(&fd->wpipe[rep], sign * w);
	fd->nopen[rep] += sign;
}

/* The open pipeline at the end of day, in slot: each source's in its rows
 * of that day (the owner's team on the cut day). */
static void
snapshot(struct fold *fd, size_t slot, date_t day)
{
	size_t i, k, n, nsrc = fd->g ? fd->nsrc : intern_count(fd->p->reps);
	const size_t *rows;
	struct perf_fig *f;

	ensure_reps(fd);
	for (i = 0; i < nsrc; i++) {
		if (fd->g && !fd->nopen[i])
			continue;
		n = rows_of(fd, i, day, &rows);
		for (k = 0; k < n; k++) {
			f = perf_at(fd->p, rows[k], slot);
			if (fd->g) {
				money_total_add(&f->pipeline, fd->pipe[i]);
				money_total_add(&f->weighted100, fd->wpipe[i]);
				f->open_count += fd->nopen[i];
			} else {
				f->pipeline = fd->pipe[i];
				f->weighted100 = fd->wpipe[i];
				f->open_count = fd->nopen[i];
			}
		}
	}
}

/* The slot of day (of the period). */
static size_t
slot_of(const struct fold *fd, date_t day)
{
	return fd->p->nslots == 1 ? 0 : (size_t)(ledger_month_of(day) - fd->first);
}

/* Where deal k's loss is kept (and, with groups, its day in *day), or
 * NULL when it has none and add is 0. */
static uint32_t *
lost_at(struct fold *fd, size_t k, int add, date_t **day)
{
	size_t b, n;

	if (fd->only)
		k = dealset_place(fd->only, k);
	b = k / LOST_BLOCK;
	if (b >= fd->nlost || !fd->lost[b]) {
		if (!add)
			return NULL;
		if (b >= fd->nlost) {
			n = b * 2 + 16;
			fd->lost = xrecallocarray(fd->lost, fd->nlost, n, sizeof *fd->lost);
			fd->lost_day = xrecallocarray(fd->lost_day, fd->nlost, n,
			    sizeof *fd->lost_day);
			fd->nlost = n;
		}
		fd->lost[b] = (fd->only ? xcalloc_sparse : xcalloc_written)(LOST_BLOCK,
		    sizeof **fd->lost);
		if (fd->g)
			fd->lost_day[b] = (fd->only ? xcalloc_sparse : xcalloc_written)(LOST_BLOCK,
			    sizeof **fd->lost_day);
	}
	if (fd->g)
		*day = &fd->lost_day[b][k % LOST_BLOCK];
	return &fd->lost[b][k % LOST_BLOCK];
}

/*
 * A deal counts once in lost_count, in the slot's counts of the rows (the
 * rep, and its groups) of its last loss in the slot, and not at all when
 * it is reopened or won later in the slot: rows (n of them, those of
 * source src on the event's day) are those of a loss, or NULL for a
 * reopening or a win.  A loss is kept only while the deal's events stay
 * in its slot (fold_event forgets it at the first event of another), so
 * a loss kept is one of this slot.  The rows of a loss undone are those
 * of its source on its day again (the groups were mapped when it counted).
 */
static void
lost_again(struct fold *fd, const struct hist_event *ev, size_t slot, size_t src,
	   const size_t *rows, size_t n)
{
	date_t *day = NULL;
	uint32_t *l = lost_at(fd, ev->deal, rows != NULL, &day);
	const uint32_t *v;
	size_t j, nv;

	if (!l)
		return;
	if (*l) {
		if (!fd->g)
			perf_at(fd->p, *l - 1, slot)->lost_count--;
		else {
			nv = org_groups_of(fd->g, *l - 1, *day, &v);
			for (j = 0; j < nv; j++)
				perf_at(fd->p, fd->gmap[v[j]], slot)->lost_count--;
		}
		*l = 0;
	}
	if (!rows)
		return;
	if (src >= UINT32_MAX)
		die("too many reps");
	*l = (uint32_t)src + 1;
	if (fd->g)
		*day = ev->date;
	for (j = 0; j < n; j++)
		perf_at(fd->p, rows[j], slot)->lost_count++;
}

/*
 * The rows a credit of the deal d counts in, with each one's part: each
 * share's (history.h) rows on day, once each; overlays only in rows that
 * are reps.  Into fd->credit; returns how many.
 */
static size_t
credit_rows(struct fold *fd, const struct hist_deal *d, int64_t amount, date_t day)
{
	struct hist_share sh[HIST_MAXSHARES];
	size_t ns, i, j, k, n, nc = 0;
	const size_t *rows;
	int reps = !fd->g || org_groups_by(fd->g) == ORG_BY_REP;

	ns = history_shares(fd->h, d, amount, sh);
	for (i = 0; i < ns; i++) {
		if (sh[i].overlay && !reps)
			continue;
		n = rows_of(fd, rep_of(fd, sh[i].rep), day, &rows);
		for (k = 0; k < n; k++) {
			for (j = 0; j < nc && fd->credit[j].row != rows[k]; j++)
				;
			if (j == nc) {
				if (nc == fd->ncredit) {
					fd->ncredit = nc * 2 + 16;
					fd->credit = xreallocarray(fd->credit, fd->ncredit,
					    sizeof *fd->credit);
				}
				fd->credit[nc++] = (struct credit){ rows[k], 0 };
			}
			money_total_add(&fd->credit[j].amount, sh[i].amount);
		}
	}
	return nc;
}

/* One event of the period. */
static void
fold_event(struct fold *fd, const struct hist_event *ev)
{
	const struct hist_deal *d = ev->after;
	const size_t *rows;
	struct perf_fig *f;
	enum hist_credit kind;
	size_t slot, n, k, src;
	uint32_t *l;
	date_t *day;

	/* The losses kept are far apart: ask for a coming event's early. */
	if (!fd->only && (k = history_upcoming(fd->h, 8)) && k / LOST_BLOCK < fd->nlost &&
	    fd->lost[k / LOST_BLOCK])
		__builtin_prefetch(&fd->lost[k / LOST_BLOCK][k % LOST_BLOCK], 1);
	pipe_move(fd, ev->before, -1);
	pipe_move(fd, d, +1);
	slot = slot_of(fd, ev->date);
	/* The deal's first event in this slot: a loss kept is of another. */
	if (fd->p->nslots > 1 && ev->before->state != DEAL_NONE &&
	    slot_of(fd, ev->before->last) != slot && (l = lost_at(fd, ev->deal, 0, &day)))
		*l = 0;
	if (ev->kind == DEAL_EV_REOPEN)
		lost_again(fd, ev, slot, 0, NULL, 0);
	if (ev->kind != DEAL_EV_WON && ev->kind != DEAL_EV_LOST && ev->kind != DEAL_EV_CANCEL)
		return;
	/* A loss counts in the rows of its rep on its day, once per deal. */
	if (ev->kind == DEAL_EV_LOST) {
		src = rep_of(fd, d->rep);
		n = rows_of(fd, src, ev->date, &rows);
		lost_again(fd, ev, slot, src, rows, n);
		return;
	}
	if (ev->kind == DEAL_EV_WON)
		lost_again(fd, ev, slot, 0, NULL, 0);
	kind = history_credit_kind(ev, fd->slot_from);
	/* A win undone in its own period comes out of the rows it went into:
	 * those of its reps on the day of the win. */
	n = credit_rows(fd, d, kind == HIST_CREDIT_CANCELLED ? d->amount :
	    history_credit(ev, fd->slot_from),
	    kind == HIST_CREDIT_UNDONE ? ev->before->last : ev->date);
	for (k = 0; k < n; k++) {
		f = perf_at(fd->p, fd->credit[k].row, slot);
		switch (kind) {
		case HIST_CREDIT_WON:
			money_total_add(&f->won, fd->credit[k].amount);
			f->won_count++;
			add_cycle(f, ev->date - d->opened);
			break;
		case HIST_CREDIT_UNDONE:
			money_total_add(&f->won, fd->credit[k].amount);
			f->won_count--;
			drop_cycle(f, ev->before->last - d->opened);
			break;
		case HIST_CREDIT_CANCELLED:
			money_total_add(&f->cancelled, fd->credit[k].amount);
			break;
		default:
			break;
		}
	}
}

/* The replay from the period's start, cut at each slot's end. */
static void
scan_deals(struct fold *fd, struct store *s, const struct period *per,
	   const struct dealset *only, int keep)
{
	const struct hist_event *ev;
	ledger_month m, last = ledger_month_of(per->to);
	date_t end;
	size_t k;

	fd->h = only ? history_open_only(s, fd->st, per->from, 0, only) :
	    history_open(s, fd->st, per->from, 0);
	fd->only = only;
	history_until(fd->h, fd->cut);
	for (k = history_next_open(fd->h, 0); k != HIST_END; k = history_next_open(fd->h, k + 1))
		pipe_move(fd, history_deal(fd->h, k), +1);
	for (m = fd->first; m <= last; m++) {
		end = ledger_month_last(m);
		if (fd->p->nslots == 1 || end > per->to)
			end = per->to;
		fd->slot_from = fd->p->nslots == 1 || m == fd->first ? per->from :
		    ledger_month_first(m);
		while ((ev = history_next(fd->h, end < fd->cut ? end : fd->cut)))
			fold_event(fd, ev);
		/* A month's end inside the period: the pipeline as it stood then. */
		if (fd->p->nslots > 1 || end == per->to)
			snapshot(fd, fd->p->nslots == 1 ? 0 : (size_t)(m - fd->first), end);
		if (end == per->to)
			break;
	}
	if (keep)
		fd->p->replay = fd->h;
	else
		history_close(fd->h);
	fd->h = NULL;
}

/*
 * Activities: each month file counted on its own (in any thread, see
 * pool.h) by its own numbering of the reps, then added to the figures in
 * the order of the months, numbering the reps as one pass over them in
 * that order would.  A rep's counts are by slot; with groups (org.h),
 * whose rows depend on the day, by day of the file's month, and a row
 * dated in another month is kept aside with its date: each activity
 * counts in its rep's rows of its own date, as in one pass.
 */
struct act_other {
	size_t rep;
	date_t when;
};

struct act_month {
	/* given */
	int fd;				/* -1: the file is not there */
	char name[LEDGER_PATHSZ];
	const struct period *per;
	date_t cut;			/* the period's end, or today if sooner */
	char from[DATE_BUFSZ], to[DATE_BUFSZ], prefix[DATE_BUFSZ];	/* to: cut */
	date_t month_first;
	int month_days;
	size_t nslots;
	int by_day;			/* counts by day: the fold has groups */
	size_t ncell;			/* counts per rep: nslots, or month_days */
	ledger_month first;		/* the period's */
	const char *kind;		/* only rows of this kind; NULL: all */
	size_t kindlen;
	const char *rep;		/* only rows of this rep; NULL: all */
	size_t replen;
	/* made */
	struct intern *reps;
	struct intern_cache cache;
	int64_t *count;			/* rep * ncell + slot (or day - 1) */
	size_t cap;			/* reps allocated */
	struct act_other *other;	/* by day: rows dated in another month */
	size_t nother, othercap;
	char err[SCAN_ERRSZ];
	int failed;
	struct job *job;
};

/* The month's number of an activity row's rep, with room for its counts. */
static size_t
activity_rep(struct act_month *a, const struct scan_row *row)
{
	size_t rep = intern_add_cached(a->reps, &a->cache, row->f[1], row->len[1]);

	if (rep >= a->cap) {
		a->count = xreallocarray(a->count, (rep + 1) * 2 * a->ncell, sizeof *a->count);
		memset(a->count + a->cap * a->ncell, 0,
		    ((rep + 1) * 2 - a->cap) * a->ncell * sizeof *a->count);
		a->cap = (rep + 1) * 2;
	}
	return rep;
}

/* scan_fd's callback: one activity row (date, rep, and kind if asked). */
static int
take_activity(void *arg, const struct scan_row *row)
{
	struct act_month *a = arg;
	const char *p = row->f[0];
	char text[DATE_BUFSZ];
	unsigned d1, d2, day;
	date_t when;
	size_t rep;

	if (a->kind && (row->len[2] != a->kindlen || memcmp(row->f[2], a->kind, a->kindlen) != 0))
		return 0;

	/* A date of the file's month, as most are; else as text, as ISO
	 * dates compare, and parsed only for a month's slot or the day's
	 * groups. */
	if (row->len[0] == 10 && memcmp(p, a->prefix, 8) == 0 &&
	    (d1 = (unsigned char)p[8] - '0') <= 3 && (d2 = (unsigned char)p[9] - '0') <= 9 &&
	    (day = d1 * 10 + d2) >= 1 && (int)day <= a->month_days) {
		when = a->month_first + (date_t)day - 1;
		if (when < a->per->from || when > a->cut)
			return 0;
	} else {
		if (scan_cmp(row, 0, a->from) < 0 || scan_cmp(row, 0, a->to) > 0)
			return 0;
		if ((a->nslots > 1 || a->by_day) &&
		    date_parse(scan_text(row, 0, text, sizeof text), &when) < 0)
			return scan_fail(row, "%s:%lu: bad date; run sales-check", row->name,
			    row->line);
		if (a->by_day) {
			rep = activity_rep(a, row);
			if (a->nother == a->othercap) {
				a->othercap = a->othercap ? a->othercap * 2 : 16;
				a->other = xreallocarray(a->other, a->othercap, sizeof *a->other);
			}
			a->other[a->nother].rep = rep;
			a->other[a->nother++].when = when;
			return 0;
		}
	}
	rep = activity_rep(a, row);
	a->count[rep * a->ncell + (a->by_day ? (size_t)(when - a->month_first) :
	    a->nslots == 1 ? 0 : (size_t)(ledger_month_of(when) - a->first))]++;
	return 0;
}

/* scan_fd_keep's keep: a row of the one rep counted. */
static int
rep_is(void *arg, const char *rep, size_t len)
{
	const struct act_month *a = arg;

	/* ids mostly differ at their end: that byte first */
	return len == a->replen && len && rep[len - 1] == a->rep[len - 1] &&
	    memcmp(a->rep, rep, len) == 0;
}

/* A job (pool.h): one month of activities counted, or its problem kept;
 * of one rep, the others' rows split no further than their rep. */
static void
count_activities(void *arg)
{
	static const char *const cols[] = { "date", "rep", "kind" };
	struct act_month *a = arg;

	if (a->fd < 0)
		return;
	if (scan_fd_keep(a->fd, a->name, cols, a->kind ? 3 : 2, 1, a->rep ? rep_is : NULL,
	    take_activity, a, a->err, sizeof a->err) < 0)
		a->failed = 1;
	a->fd = -1;
}

static struct act_month *
act_month_new(struct store *s, const struct fold *fd, const struct period *per, ledger_month m)
{
	struct act_month *a = xcalloc(1, sizeof *a);

	a->per = per;
	a->cut = fd->cut;
	date_format(per->from, a->from);
	date_format(fd->cut, a->to);
	a->month_first = ledger_month_first(m);
	a->month_days = days_in_month(m / 12, m % 12 + 1);
	date_format(a->month_first, a->prefix);
	a->nslots = fd->p->nslots;
	a->by_day = fd->g != NULL;
	a->ncell = a->by_day ? (size_t)a->month_days : a->nslots;
	a->first = fd->first;
	a->kind = fd->act_kind;
	a->kindlen = a->kind ? strlen(a->kind) : 0;
	a->rep = fd->act_rep;
	a->replen = a->rep ? strlen(a->rep) : 0;
	a->reps = intern_new();
	ledger_month_path(a->name, "activities", m);
	a->fd = ledger_open(s, "activities", m);
	a->job = pool_submit(count_activities, a, POOL_LATER);
	return a;
}

/* n activities of source src on day, in its rows of that day. */
static void
add_dated(struct fold *fd, size_t src, date_t day, int64_t n)
{
	const size_t *rows;
	size_t k, nr, slot = slot_of(fd, day);

	nr = rows_of(fd, src, day, &rows);
	for (k = 0; k < nr; k++)
		perf_at(fd->p, rows[k], slot)->activities += n;
}

/* Add a month's counts to the figures, and free it. */
static void
add_activities(struct fold *fd, struct act_month *a)
{
	size_t i, k, n, rep, *src;
	const char *name;

	pool_wait(a->job);
	n = intern_count(a->reps);
	if (a->failed)
		die("%s", a->err);
	src = xcalloc(n ? n : 1, sizeof *src);
	for (i = 0; i < n; i++) {
		name = intern_name(a->reps, i);
		rep = src[i] = source(fd, name, strlen(name));
		for (k = 0; k < a->ncell; k++) {
			if (!a->count[i * a->ncell + k])
				continue;
			if (a->by_day)
				add_dated(fd, rep, a->month_first + (date_t)k, a->count[i * a->ncell + k]);
			else
				perf_at(fd->p, rep, k)->activities += a->count[i * a->ncell + k];
		}
	}
	for (i = 0; i < a->nother; i++)
		add_dated(fd, src[a->other[i].rep], a->other[i].when, 1);
	free(src);
	free(a->other);
	intern_free(a->reps);
	free(a->count);
	free(a);
}

/* The period's activity months, counted while the deals are replayed: at
 * most ACT_AHEAD at a time, each holding its file open.  Enough for a
 * few years, so that the other threads have them to count in the gaps
 * of the replay's months all through it, not only at its start. */
#define ACT_AHEAD 64

struct acts {
	ledger_month *months;
	size_t nm, next, done;
	struct act_month *a[ACT_AHEAD];
};

static void
acts_submit(struct acts *x, struct store *s, const struct fold *fd, const struct period *per)
{
	while (x->next < x->nm && x->next - x->done < ACT_AHEAD) {
		x->a[x->next % ACT_AHEAD] = act_month_new(s, fd, per, x->months[x->next]);
		x->next++;
	}
}

static void
acts_add(struct acts *x, struct fold *fd, struct store *s, const struct period *per)
{
	while (x->done < x->nm) {
		acts_submit(x, s, fd, per);
		add_activities(fd, x->a[x->done % ACT_AHEAD]);
		x->done++;
	}
	free(x->months);
}

struct perf *
perf_scan(struct store *s, const struct stages *st, const struct period *per,
	  date_t today, int by_month)
{
	return perf_scan_groups(s, st, per, today, by_month, NULL);
}

struct perf *
perf_scan_groups(struct store *s, const struct stages *st, const struct period *per,
		 date_t today, int by_month, struct org_groups *g)
{
	return perf_scan_kind(s, st, per, today, by_month, g, NULL);
}

struct perf *
perf_scan_kind(struct store *s, const struct stages *st, const struct period *per,
	       date_t today, int by_month, struct org_groups *g, const char *act_kind)
{
	return perf_scan_what(s, st, per, today, by_month, g, act_kind,
	    PERF_DEALS | PERF_ACTIVITIES);
}

struct perf *
perf_scan_what(struct store *s, const struct stages *st, const struct period *per,
	       date_t today, int by_month, struct org_groups *g, const char *act_kind,
	       unsigned what)
{
	return perf_scan_only(s, st, per, today, by_month, g, act_kind, what, NULL, NULL);
}

struct perf *
perf_scan_only(struct store *s, const struct stages *st, const struct period *per,
	       date_t today, int by_month, struct org_groups *g, const char *act_kind,
	       unsigned what, const struct dealset *only, const char *rep)
{
	struct fold fd = { 0 };
	struct acts acts = { 0 };
	struct perf *p = xcalloc(1, sizeof *p);
	size_t i;

	p->reps = intern_new();
	p->today = today;
	p->nslots = by_month ? (size_t)(ledger_month_of(per->to) - ledger_month_of(per->from) + 1) : 1;
	fd.p = p;
	fd.st = st;
	fd.g = g;
	fd.act_kind = act_kind;
	fd.act_rep = g ? NULL : rep;
	fd.nrows = 1;
	fd.rows = xcalloc(1, sizeof *fd.rows);
	fd.first = ledger_month_of(per->from);
	fd.cut = today < per->to ? today : per->to;
	ensure_reps(&fd);
	if (fd.cut >= per->from && what & PERF_ACTIVITIES)
		acts.nm = ledger_months(s, "activities", per->from, fd.cut, &acts.months);
	acts_submit(&acts, s, &fd, per);
	if (what & PERF_DEALS)
		scan_deals(&fd, s, per, only, what & PERF_REPLAY);
	acts_add(&acts, &fd, s, per);
	free(fd.rep);
	free(fd.credit);
	free(fd.rows);
	free(fd.gmap);
	free(fd.pipe);
	free(fd.wpipe);
	free(fd.nopen);
	for (i = 0; i < fd.nlost; i++) {
		if (fd.only) {
			xfree_sparse(fd.lost[i], LOST_BLOCK, sizeof **fd.lost);
			xfree_sparse(fd.lost_day[i], LOST_BLOCK, sizeof **fd.lost_day);
		} else {
			free(fd.lost[i]);
			free(fd.lost_day[i]);
		}
	}
	free(fd.lost);
	free(fd.lost_day);
	return p;
}

void
perf_free(struct perf *p)
{
	size_t i, n;

	if (!p)
		return;
	n = intern_count(p->reps) * p->nslots;
	for (i = 0; i < n; i++)
		free(p->fig[i].cycles);
	free(p->fig);
	intern_free(p->reps);
	history_close(p->replay);
	free(p);
}
