#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assign.h"
#include "simplex.h"
#include "xalloc.h"

/*
 * Every cost, potential and distance stays within +-LIMIT, so that the sum
 * of any four of them fits in an int64: the arithmetic cannot overflow,
 * and a problem that would need more is refused (ASSIGN_RANGE).
 */
#define LIMIT ((int64_t)1 << 60)
#define NONE SIMPLEX_NONE

struct assign {
	int32_t *agent, *task;
	int64_t *value;
	size_t n, cap;
	int method;
	size_t budget;
};

/*
 * ASSIGN_AUTO's hand-over, in entries scanned per pair.  The simplex
 * scans some 20 per pair on a square instance, more with capacities; the
 * paths take 1 to 12 on random values, hundreds where values nearly tie.
 */
#define BUDGET_PER_PAIR 16

/*
 * The flow network, seen from the side whose units are placed one at a
 * time ("rows"; the other side is "columns").  Rows are tasks unless the
 * agents have fewer places than there are tasks: then agents, with one
 * unit per place, which makes fewer searches.  A task has at most one pair
 * in the assignment, so the assignment is kept per task, plus a list of
 * tasks per agent.
 */
struct flow {
	int rows_are_tasks, dense, exch;
	size_t nrow, ncol;
	size_t row, unit;	/* the next unit to place */
	size_t work;		/* entries the searches have scanned */
	size_t searches, left;	/* searches made, units still to place */
	size_t *off;		/* pairs of row r: off[r] .. off[r+1] */
	int32_t *adj;		/* each pair's column */
	int64_t *cost;		/* each pair's cost, 0 .. range; dense: the
				 * matrix, nrow x ncol, NONE where no pair */
	int64_t *supply;	/* per row: units to place */
	int64_t *cap, *used;	/* per column */
	int64_t *prow, *pcol;	/* potentials: reduced cost c - prow - pcol >= 0 */
	int32_t *mate;		/* per task: its agent, or -1 */
	size_t *pair;		/* per task: its pair */
	int32_t *head, *next, *prev;	/* per agent: its tasks */
	/* One search: what it touched is listed, so that it costs what it sees. */
	int64_t *dcol, *drow;	/* distances */
	int32_t *from;		/* per column: the row it was reached from */
	size_t *via;		/* ... by this pair */
	int32_t *reach;		/* per row: the column it was reached through */
	uint32_t *seen, *done, *rseen, *expanded, *mine, stamp, mstamp;
	int32_t *heap, *pos;
	size_t nheap;
	int32_t *cols, *rows;	/* columns settled, rows expanded */
	size_t ncols, nrows;
	/* exch (dense, agents as columns with room for several tasks): for
	 * agents j, k, the least c(t, k) - c(t, j) over j's tasks t, and that
	 * t.  A search then goes on from j in one pass over the agents, not
	 * one per task of j. */
	int64_t *bmin;
	int32_t *barg;
};

struct assign *
assign_new(void)
{
	struct assign *a = xcalloc(1, sizeof(struct assign));

	a->budget = ASSIGN_BUDGET;
	return a;
}

void
assign_method(struct assign *a, int method, size_t budget)
{
	a->method = method;
	a->budget = budget;
}

void
assign_add(struct assign *a, size_t agent, size_t task, int64_t value)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 1024;
		a->agent = xreallocarray(a->agent, a->cap, sizeof *a->agent);
		a->task = xreallocarray(a->task, a->cap, sizeof *a->task);
		a->value = xreallocarray(a->value, a->cap, sizeof *a->value);
	}
	a->agent[a->n] = (int32_t)agent;
	a->task[a->n] = (int32_t)task;
	a->value[a->n] = value;
	a->n++;
}

size_t
assign_count(const struct assign *a)
{
	return a->n;
}

int
assign_scale(struct assign *a, int64_t factor)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (__builtin_mul_overflow(a->value[i], factor, &a->value[i]))
			return -1;
	return 0;
}

/* Drop the pairs: the struct is empty again. */
static void
forget(struct assign *a)
{
	free(a->agent);
	free(a->task);
	free(a->value);
	a->agent = a->task = NULL;
	a->value = NULL;
	a->n = a->cap = 0;
}

void
assign_free(struct assign *a)
{
	if (!a)
		return;
	forget(a);
	free(a);
}

void
assign_result_free(struct assign_result *res)
{
	free(res->agent);
	free(res->value);
	res->agent = NULL;
	res->value = NULL;
}

/*
 * Sort the pairs by key in place (American flag sort), leaving off[k] ..
 * off[k+1] for key k: a second copy of 25 million pairs would not fit the
 * memory we promise.
 */
static void
sort_pairs(int32_t *key, int32_t *other, int64_t *val, size_t n, size_t nkeys, size_t *off)
{
	size_t *next = xcalloc(nkeys + 1, sizeof *next);
	size_t i, j, b;
	int32_t k, t32;
	int64_t t64;

	memset(off, 0, (nkeys + 1) * sizeof *off);
	for (i = 0; i < n; i++)
		off[key[i] + 1]++;
	for (b = 0; b < nkeys; b++)
		off[b + 1] += off[b];
	memcpy(next, off, nkeys * sizeof *next);
	for (b = 0; b < nkeys; b++) {
		while (next[b] < off[b + 1]) {
			i = next[b];
			k = key[i];
			if ((size_t)k == b) {
				next[b]++;
				continue;
			}
			j = next[k]++;
			t32 = key[i]; key[i] = key[j]; key[j] = t32;
			t32 = other[i]; other[i] = other[j]; other[j] = t32;
			t64 = val[i]; val[i] = val[j]; val[j] = t64;
		}
	}
	free(next);
}

static int32_t
task_of(const struct flow *f, int32_t row, int32_t col)
{
	return f->rows_are_tasks ? row : col;
}

static void exch_add(struct flow *, int32_t, int32_t);
static void exch_remove(struct flow *, int32_t, int32_t);

static void
attach(struct flow *f, int32_t row, int32_t col, size_t e)
{
	int32_t t = task_of(f, row, col), ag = f->rows_are_tasks ? col : row;

	f->mate[t] = ag;
	f->pair[t] = e;
	f->prev[t] = -1;
	f->next[t] = f->head[ag];
	if (f->head[ag] >= 0)
		f->prev[f->head[ag]] = t;
	f->head[ag] = t;
	f->used[col]++;
	if (f->exch)
		exch_add(f, t, ag);
}

static void
detach(struct flow *f, int32_t row, int32_t col)
{
	int32_t t = task_of(f, row, col), ag = f->mate[t];

	if (f->prev[t] >= 0)
		f->next[f->prev[t]] = f->next[t];
	else
		f->head[ag] = f->next[t];
	if (f->next[t] >= 0)
		f->prev[f->next[t]] = f->prev[t];
	f->mate[t] = -1;
	f->used[col]--;
	if (f->exch)
		exch_remove(f, t, ag);
}

static void
exch_add(struct flow *f, int32_t t, int32_t j)
{
	size_t n = f->ncol, k;
	const int64_t *row = f->cost + (size_t)t * n;
	int64_t *b = f->bmin + (size_t)j * n, v;
	int32_t *arg = f->barg + (size_t)j * n;

	f->work += n;
	for (k = 0; k < n; k++)
		if (row[k] != NONE && (v = row[k] - row[j]) < b[k])
			b[k] = v, arg[k] = t;
}

/* Task t has left agent j: where it was the least, find the next. */
static void
exch_remove(struct flow *f, int32_t t, int32_t j)
{
	size_t n = f->ncol, k;
	int64_t *b = f->bmin + (size_t)j * n, v, c;
	int32_t *arg = f->barg + (size_t)j * n, u;

	f->work += n;
	for (k = 0; k < n; k++) {
		if (arg[k] != t)
			continue;
		b[k] = INT64_MAX;
		arg[k] = -1;
		/* a walk through j's tasks, a cache miss a step: as 8 entries */
		f->work += 8 * (size_t)f->used[j];
		for (u = f->head[j]; u >= 0; u = f->next[u])
			if ((c = f->cost[(size_t)u * n + k]) != NONE &&
			    (v = c - f->cost[(size_t)u * n + (size_t)j]) < b[k])
				b[k] = v, arg[k] = u;
	}
}

/*
 * The search's heap holds columns (ids 0 .. ncol-1) and rows (ncol + row).
 * A row enters it only when the pair that leads to it is not tight, which
 * happens to an agent's other tasks when it moved as a source; else it is
 * expanded at once.  On a tie a column with room comes first, as it ends
 * the search.
 */
static int64_t
key(const struct flow *f, int32_t id)
{
	return (size_t)id < f->ncol ? f->dcol[id] : f->drow[(size_t)id - f->ncol];
}

static int
before(const struct flow *f, int32_t a, int32_t b)
{
	int64_t ka = key(f, a), kb = key(f, b);

	if (ka != kb)
		return ka < kb;
	return (size_t)a < f->ncol && f->used[a] < f->cap[a] &&
	    !((size_t)b < f->ncol && f->used[b] < f->cap[b]);
}

static void
sift_up(struct flow *f, size_t i)
{
	int32_t c = f->heap[i];
	size_t p;

	while (i > 0 && before(f, c, f->heap[p = (i - 1) / 2])) {
		f->heap[i] = f->heap[p];
		f->pos[f->heap[i]] = (int32_t)i;
		i = p;
	}
	f->heap[i] = c;
	f->pos[c] = (int32_t)i;
}

static void
heap_push(struct flow *f, int32_t id)
{
	f->heap[f->nheap] = id;
	sift_up(f, f->nheap++);
}

static int32_t
heap_pop(struct flow *f)
{
	int32_t top = f->heap[0], c;
	size_t i = 0, k;

	c = f->heap[--f->nheap];
	for (;;) {
		k = 2 * i + 1;
		if (k >= f->nheap)
			break;
		if (k + 1 < f->nheap && before(f, f->heap[k + 1], f->heap[k]))
			k++;
		if (!before(f, f->heap[k], c))
			break;
		f->heap[i] = f->heap[k];
		f->pos[f->heap[i]] = (int32_t)i;
		i = k;
	}
	if (f->nheap > 0) {
		f->heap[i] = c;
		f->pos[c] = (int32_t)i;
	}
	return top;
}

static uint32_t
next_stamp(uint32_t *stamp, uint32_t *marks, size_t n)
{
	if (++*stamp == 0) {
		memset(marks, 0, n * sizeof *marks);
		*stamp = 1;
	}
	return *stamp;
}

/* Row x is settled at distance drow[x], reached through column reach[x]:
 * relax its pairs. */
static void
expand(struct flow *f, int32_t x)
{
	int64_t base = f->drow[x] - f->prow[x], nd;
	uint32_t st = f->stamp, ms = 0;
	size_t e;
	int32_t k, t;

	f->expanded[x] = st;
	f->rows[f->nrows++] = x;
	/* An agent's own tasks are no way on: a pair carries one unit.  (A
	 * task's only agent is the column it came through, settled already.) */
	if (!f->rows_are_tasks) {
		ms = next_stamp(&f->mstamp, f->mine, f->ncol);
		for (t = f->head[x]; t >= 0; t = f->next[t])
			f->mine[t] = ms;
	}
	f->work += f->off[x + 1] - f->off[x];
	for (e = f->off[x]; e < f->off[x + 1]; e++) {
		k = f->adj[e];
		if (f->done[k] == st || (ms && f->mine[k] == ms))
			continue;
		nd = base + f->cost[e] - f->pcol[k];
		if (f->seen[k] != st) {
			f->seen[k] = st;
			f->dcol[k] = nd;
			f->from[k] = x;
			f->via[k] = e;
			heap_push(f, k);
		} else if (nd < f->dcol[k]) {
			f->dcol[k] = nd;
			f->from[k] = x;
			f->via[k] = e;
			sift_up(f, (size_t)f->pos[k]);
		}
	}
}

/* Column j is settled: its rows are reached back along their pairs. */
static void
reach_rows(struct flow *f, int32_t j, int32_t x)
{
	int64_t nd;
	size_t id = f->ncol + (size_t)x;

	if (f->expanded[x] == f->stamp)
		return;
	/* The pair's reduced cost, c - prow - pcol, backwards. */
	nd = f->dcol[j] + f->prow[x] + f->pcol[j] - f->cost[f->pair[task_of(f, x, j)]];
	if (f->rseen[x] == f->stamp && nd >= f->drow[x])
		return;
	f->drow[x] = nd;
	f->reach[x] = j;
	if (f->rseen[x] != f->stamp) {
		f->rseen[x] = f->stamp;
		heap_push(f, (int32_t)id);
	} else {
		sift_up(f, (size_t)f->pos[id]);
	}
}

/*
 * The search from src ended at column sink (with room), or found none:
 * then victim, if not -1, is the row whose unit src's replaces.  Move the
 * potentials and the assignment.  1 if src's unit was added, 2 if it
 * replaced the victim's, 0 if it is best left out.
 */
static int
finish(struct flow *f, int32_t src, int32_t sink, int32_t victim)
{
	int64_t D;
	int32_t j, x, col, prevcol;
	size_t e;
	int placed = 1;

	if (sink >= 0) {
		D = f->dcol[sink];
	} else if (victim >= 0) {
		placed = 2;
		/* No room anywhere: src's unit replaces the victim's, which
		 * gains value for the same number of tasks. */
		sink = f->reach[victim];
		D = f->drow[victim];
		detach(f, victim, sink);
	} else {
		return 0;
	}

	/* Potentials: what was settled by D moves by its distance less D, so
	 * the reduced costs stay >= 0 and the path becomes tight. */
	for (size_t i = 0; i < f->ncols; i++) {
		j = f->cols[i];
		if (f->dcol[j] <= D && (f->pcol[j] += f->dcol[j] - D) < -LIMIT)
			return ASSIGN_RANGE;
	}
	for (size_t i = 0; i < f->nrows; i++) {
		x = f->rows[i];
		if (f->drow[x] <= D && (f->prow[x] += D - f->drow[x]) > LIMIT)
			return ASSIGN_RANGE;
	}
	for (col = sink;; col = prevcol) {
		x = f->from[col];
		e = f->dense ? (size_t)x * f->ncol + (size_t)col : f->via[col];
		prevcol = f->reach[x];
		if (prevcol >= 0)
			detach(f, x, prevcol);
		attach(f, x, col, e);
		if (x == src)
			break;
	}
	return placed;
}

/*
 * Place one more unit of row src: along the shortest path to a column with
 * room if there is one; else, if it pays, in place of the unit of a row it
 * can reach, which is left out instead.  As finish(), or ASSIGN_RANGE.
 */
static int
place(struct flow *f, int32_t src)
{
	int64_t best = 0, cand;
	int32_t id, j, x, sink = -1, victim = -1, t;

	next_stamp(&f->stamp, f->seen, f->ncol);
	if (f->stamp == 1) {	/* the marks were cleared: clear them all */
		memset(f->done, 0, f->ncol * sizeof *f->done);
		memset(f->expanded, 0, f->nrow * sizeof *f->expanded);
		memset(f->rseen, 0, f->nrow * sizeof *f->rseen);
	}
	f->nheap = f->ncols = f->nrows = 0;
	f->rseen[src] = f->stamp;
	f->drow[src] = 0;
	f->reach[src] = -1;
	expand(f, src);
	while (f->nheap > 0) {
		id = heap_pop(f);
		if (key(f, id) >= LIMIT)
			return ASSIGN_RANGE;
		if ((size_t)id >= f->ncol) {
			x = id - (int32_t)f->ncol;
			if (f->expanded[x] == f->stamp)
				continue;
			/* Leaving x's unit out instead of src's: its value. */
			cand = f->drow[x] + f->prow[src] - f->prow[x];
			if (cand < best)
				best = cand, victim = x;
			expand(f, x);
			continue;
		}
		j = id;
		if (f->used[j] < f->cap[j]) {
			sink = j;
			break;
		}
		f->done[j] = f->stamp;
		f->cols[f->ncols++] = j;
		if (f->rows_are_tasks)
			for (t = f->head[j]; t >= 0; t = f->next[t])
				reach_rows(f, j, t);
		else
			reach_rows(f, j, f->mate[j]);
	}
	return finish(f, src, sink, victim);
}

static int
spare(const struct flow *f, int32_t j)
{
	return f->used[j] < f->cap[j];
}

/*
 * place() on a dense matrix, where rows are tasks: no heap, but a scan of
 * the columns not settled yet, which relaxes them from the row just
 * reached and finds the nearest in one pass (as Crouse 2016 does, and
 * SciPy after it).  Rows are reached along tight pairs, at the distance
 * of their agent.
 */
static int
place_dense(struct flow *f, int32_t src)
{
	size_t n = f->ncol, nrem = n, nx = 0, it, ibest;
	int64_t best = 0, cand, base, lo, nd, c, dk;
	int64_t *dcol = f->dcol, *pcol = f->pcol;
	int32_t *rem = f->heap, *from = f->from, *arg;
	const int64_t *row, *b;
	int32_t j, k, x, t, sink = -1, victim = -1, jx = -1;

	for (it = 0; it < n; it++) {
		rem[it] = (int32_t)it;
		dcol[it] = INT64_MAX;
	}
	f->ncols = f->nrows = 0;
	f->drow[src] = 0;
	f->reach[src] = -1;
	f->rows[f->nrows++] = src;
	for (;;) {
		/* Relax from the rows reached; the last pass finds the nearest. */
		while (nx + 1 < f->nrows) {
			f->work += nrem;
			x = f->rows[nx++];
			base = f->drow[x] - f->prow[x];
			row = f->cost + (size_t)x * n;
			for (it = 0; it < nrem; it++) {
				k = rem[it];
				if ((c = row[k]) != NONE && (nd = base + c - pcol[k]) < dcol[k]) {
					dcol[k] = nd;
					from[k] = x;
				}
			}
		}
		lo = INT64_MAX;
		ibest = nrem;
		f->work += nrem;
		if (jx >= 0) {
			/* Through all of jx's tasks at once: each is tight,
			 * so reached at dcol[jx] with prow = c(t, jx) - pcol[jx]. */
			base = dcol[jx] + pcol[jx];
			b = f->bmin + (size_t)jx * n;
			arg = f->barg + (size_t)jx * n;
			for (it = 0; it < nrem; it++) {
				k = rem[it];
				dk = dcol[k];
				if ((c = b[k]) != INT64_MAX && (nd = base + c - pcol[k]) < dk) {
					dcol[k] = dk = nd;
					from[k] = arg[k];
				}
				if (dk < lo || (dk == lo && dk != INT64_MAX && spare(f, k)))
					lo = dk, ibest = it;
			}
		} else {
			x = f->rows[nx++];
			base = f->drow[x] - f->prow[x];
			row = f->cost + (size_t)x * n;
			for (it = 0; it < nrem; it++) {
				k = rem[it];
				dk = dcol[k];
				if ((c = row[k]) != NONE && (nd = base + c - pcol[k]) < dk) {
					dcol[k] = dk = nd;
					from[k] = x;
				}
				if (dk < lo || (dk == lo && dk != INT64_MAX && spare(f, k)))
					lo = dk, ibest = it;
			}
		}
		if (ibest == nrem)
			break;
		if (lo >= LIMIT)
			return ASSIGN_RANGE;
		j = rem[ibest];
		rem[ibest] = rem[--nrem];
		if (spare(f, j)) {
			sink = j;
			break;
		}
		f->cols[f->ncols++] = j;
		for (t = f->head[j]; t >= 0; t = f->next[t]) {
			f->drow[t] = lo;
			f->reach[t] = j;
			cand = lo + f->prow[src] - f->prow[t];
			if (cand < best)
				best = cand, victim = t;
			f->rows[f->nrows++] = t;
		}
		if (f->exch) {
			nx = f->nrows;	/* reached, but relaxed through bmin */
			jx = j;
		}
	}
	return finish(f, src, sink, victim);
}

static void
flow_free(struct flow *f)
{
	free(f->off); free(f->supply); free(f->cap); free(f->used);
	free(f->prow); free(f->pcol); free(f->mate); free(f->pair);
	free(f->head); free(f->next); free(f->prev); free(f->dcol);
	free(f->drow); free(f->from); free(f->via); free(f->reach);
	free(f->seen); free(f->done); free(f->rseen); free(f->expanded); free(f->mine);
	free(f->heap); free(f->pos); free(f->cols); free(f->rows);
	free(f->bmin); free(f->barg);
}

static void *
zalloc(size_t n, size_t size)
{
	return xcalloc(n ? n : 1, size);
}

/*
 * Most pairs there, tasks as rows: keep the costs as a matrix, so a search
 * scans rows without an index per pair (and 4 bytes less a pair).
 */
static void
densify(struct assign *a, struct flow *f)
{
	size_t n = f->ncol, full = f->nrow * f->ncol, r, e;
	int64_t *m, *tmp;

	if (f->off[f->nrow] == full) {
		/* Every pair is there: put each row in column order, in place. */
		tmp = zalloc(n, sizeof *tmp);
		for (r = 0; r < f->nrow; r++) {
			for (e = f->off[r]; e < f->off[r + 1]; e++)
				tmp[f->adj[e]] = f->cost[e];
			memcpy(f->cost + r * n, tmp, n * sizeof *tmp);
		}
		free(tmp);
	} else {
		m = xreallocarray(NULL, full, sizeof *m);
		for (e = 0; e < full; e++)
			m[e] = NONE;
		for (r = 0; r < f->nrow; r++)
			for (e = f->off[r]; e < f->off[r + 1]; e++)
				m[r * n + (size_t)f->adj[e]] = f->cost[e];
		free(a->value);
		a->value = f->cost = m;
	}
	free(f->adj);
	a->agent = NULL;	/* f->adj was the agent of each pair */
	f->adj = NULL;
	f->dense = 1;
}

/*
 * Build the network: sort the pairs by row, refuse a pair given twice,
 * drop the pairs of agents without capacity, and turn values into costs
 * >= 0 (a shift that is the same for every pair changes no choice, since
 * the number of tasks assigned comes first).
 */
static int
build(struct assign *a, struct flow *f, size_t nagents, size_t ntasks,
      const int64_t *capacity, int direction, int64_t lo, int64_t hi,
      struct assign_result *res)
{
	int64_t *cap = zalloc(nagents, sizeof *cap), units_a = 0, units_t = 0;
	size_t *deg = zalloc(nagents > ntasks ? nagents : ntasks, sizeof *deg);
	int32_t *key, *other;
	uint32_t *mark;
	size_t i, r, e, w, start;

	for (i = 0; i < nagents; i++)
		cap[i] = !capacity ? 1 : capacity[i] < 0 ? 0 : capacity[i];
	for (i = 0; i < a->n; i++)
		if (cap[a->agent[i]] > 0)
			deg[a->agent[i]]++;
	for (i = 0; i < nagents; i++)
		units_a += (int64_t)deg[i] < cap[i] ? (int64_t)deg[i] : cap[i];
	memset(deg, 0, (nagents > ntasks ? nagents : ntasks) * sizeof *deg);
	for (i = 0; i < a->n; i++)
		if (cap[a->agent[i]] > 0 && deg[a->task[i]]++ == 0)
			units_t++;
	free(deg);

	f->rows_are_tasks = units_t <= units_a;
	f->nrow = f->rows_are_tasks ? ntasks : nagents;
	f->ncol = f->rows_are_tasks ? nagents : ntasks;
	key = f->rows_are_tasks ? a->task : a->agent;
	other = f->rows_are_tasks ? a->agent : a->task;
	f->off = zalloc(f->nrow + 1, sizeof *f->off);
	sort_pairs(key, other, a->value, a->n, f->nrow, f->off);

	mark = zalloc(f->ncol, sizeof *mark);
	for (r = 0, w = 0; r < f->nrow; r++) {
		start = w;
		for (e = f->off[r]; e < f->off[r + 1]; e++) {
			if (mark[other[e]] == r + 1) {
				res->agent_dup = (size_t)(f->rows_are_tasks ? other[e] : (int32_t)r);
				res->task_dup = (size_t)(f->rows_are_tasks ? (int32_t)r : other[e]);
				free(mark);
				free(cap);
				return ASSIGN_DUPLICATE;
			}
			mark[other[e]] = (uint32_t)(r + 1);
			if (cap[f->rows_are_tasks ? other[e] : (int32_t)r] == 0)
				continue;
			other[w] = other[e];
			a->value[w++] = direction == ASSIGN_MAXIMIZE ? hi - a->value[e] :
			    a->value[e] - lo;
		}
		f->off[r] = start;
	}
	f->off[f->nrow] = w;
	free(mark);
	/* Done with the row of each pair: it is implicit now. */
	free(key);
	if (f->rows_are_tasks)
		a->task = NULL;
	else
		a->agent = NULL;
	f->adj = other;
	f->cost = a->value;
	if (f->rows_are_tasks && w > 0 && w >= f->nrow * f->ncol / 2)
		densify(a, f);

	f->supply = zalloc(f->nrow, sizeof *f->supply);
	f->cap = zalloc(f->ncol, sizeof *f->cap);
	for (r = 0; r < f->nrow; r++) {
		int64_t n = (int64_t)(f->off[r + 1] - f->off[r]);
		f->supply[r] = f->rows_are_tasks ? n > 0 : n < cap[r] ? n : cap[r];
	}
	for (i = 0; i < f->ncol; i++)
		f->cap[i] = f->rows_are_tasks ? cap[i] : 1;
	free(cap);
	return ASSIGN_OK;
}

static void
flow_alloc(struct flow *f, size_t nagents, size_t ntasks)
{
	size_t i;

	f->used = zalloc(f->ncol, sizeof *f->used);
	f->prow = zalloc(f->nrow, sizeof *f->prow);
	f->pcol = zalloc(f->ncol, sizeof *f->pcol);
	f->mate = zalloc(ntasks, sizeof *f->mate);
	f->pair = zalloc(ntasks, sizeof *f->pair);
	f->next = zalloc(ntasks, sizeof *f->next);
	f->prev = zalloc(ntasks, sizeof *f->prev);
	f->head = zalloc(nagents, sizeof *f->head);
	for (i = 0; i < ntasks; i++)
		f->mate[i] = -1;
	for (i = 0; i < nagents; i++)
		f->head[i] = -1;
	f->dcol = zalloc(f->ncol, sizeof *f->dcol);
	f->drow = zalloc(f->nrow, sizeof *f->drow);
	f->from = zalloc(f->ncol, sizeof *f->from);
	f->via = zalloc(f->ncol, sizeof *f->via);
	f->reach = zalloc(f->nrow, sizeof *f->reach);
	f->seen = zalloc(f->ncol, sizeof *f->seen);
	f->done = zalloc(f->ncol, sizeof *f->done);
	f->mine = zalloc(f->ncol, sizeof *f->mine);
	f->expanded = zalloc(f->nrow, sizeof *f->expanded);
	f->rseen = zalloc(f->nrow, sizeof *f->rseen);
	f->heap = zalloc(f->ncol + f->nrow, sizeof *f->heap);
	f->pos = zalloc(f->ncol + f->nrow, sizeof *f->pos);
	f->cols = zalloc(f->ncol, sizeof *f->cols);
	f->rows = zalloc(f->nrow, sizeof *f->rows);
	/* Worth it where agents take several tasks each, and affordable
	 * with up to a few thousand agents. */
	if (f->dense && f->ncol <= 2048 && f->nrow >= 2 * f->ncol) {
		size_t places = 0;

		for (i = 0; i < f->ncol; i++)
			places += f->cap[i] < (int64_t)f->nrow ? (size_t)f->cap[i] : f->nrow;
		if (places >= 2 * f->ncol) {
			f->exch = 1;
			f->bmin = zalloc(f->ncol * f->ncol, sizeof *f->bmin);
			f->barg = zalloc(f->ncol * f->ncol, sizeof *f->barg);
			for (i = 0; i < f->ncol * f->ncol; i++)
				f->bmin[i] = INT64_MAX, f->barg[i] = -1;
		}
	}
}

static int
all_one(const int64_t *cap, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cap[i] != 1)
			return 0;
	return 1;
}

/*
 * A square, complete matrix with one place per agent ends with every agent
 * full, so the agents' potentials may start anywhere that keeps the
 * reduced costs >= 0, and rows may be placed before the searches by any
 * step that keeps each placed row on its least reduced cost (Jonker and
 * Volgenant 1987).  First each column takes the potential of its least
 * cost, and goes to that row if no other column took it first (column
 * reduction).  Then each row left takes the column of its least reduced
 * cost from whoever had it, the column's potential lowered so that the row
 * is left indifferent between it and its second best: a row that loses
 * its column bids again at once when the bid moved a price, else on the
 * next pass (augmenting row reduction).  Two passes, and at most 4n bids
 * in each, so that near ties cannot start a long price war; the rows
 * still left out are placed by the searches as usual.  The caller keeps
 * the range of the costs within LIMIT / 16n, so the potentials stay far
 * from LIMIT.
 */
static void
reduce(struct flow *f)
{
	size_t n = f->ncol, r, j, k, nfree = 0, nleft, bids, pass;
	int64_t *pcol = f->pcol, u1, u2, d;
	const int64_t *row;
	int32_t *arg = f->from, *left = f->rows, i, i0, j1, j2;

	for (j = 0; j < n; j++) {
		pcol[j] = INT64_MAX;
		arg[j] = -1;
	}
	for (r = 0; r < n; r++) {
		row = f->cost + r * n;
		for (j = 0; j < n; j++)
			if (row[j] < pcol[j])
				pcol[j] = row[j], arg[j] = (int32_t)r;
	}
	for (j = 0; j < n; j++)
		if (f->mate[arg[j]] < 0)
			attach(f, arg[j], (int32_t)j, (size_t)arg[j] * n + j);
	for (r = 0; r < n; r++)
		if (f->mate[r] < 0)
			left[nfree++] = (int32_t)r;

	for (pass = 0; pass < 2 && nfree > 0; pass++) {
		nleft = nfree;
		nfree = 0;
		bids = 0;
		for (k = 0; k < nleft && bids < 4 * n; bids++) {
			i = left[k++];
			row = f->cost + (size_t)i * n;
			u1 = u2 = INT64_MAX;
			j1 = j2 = -1;
			for (j = 0; j < n; j++) {
				d = row[j] - pcol[j];
				if (d < u2) {
					if (d < u1)
						u2 = u1, j2 = j1, u1 = d, j1 = (int32_t)j;
					else
						u2 = d, j2 = (int32_t)j;
				}
			}
			i0 = f->head[j1];
			if (u1 < u2 && j2 >= 0)
				pcol[j1] -= u2 - u1;
			else if (i0 >= 0 && j2 >= 0)
				j1 = j2, i0 = f->head[j2];
			if (i0 >= 0)
				detach(f, i0, j1);
			attach(f, i, j1, (size_t)i * n + (size_t)j1);
			if (i0 < 0)
				continue;
			if (u1 < u2)
				left[--k] = i0;
			else
				left[nfree++] = i0;
		}
		while (k < nleft)
			left[nfree++] = left[k++];
	}

	/* Placed rows are tight; those left out start at 0, which keeps
	 * every reduced cost >= 0 as the columns' potentials only fell. */
	for (r = 0; r < n; r++) {
		j = (size_t)f->mate[r];
		f->supply[r] = f->mate[r] < 0;
		f->prow[r] = f->mate[r] < 0 ? 0 : f->cost[r * n + j] - pcol[j];
	}
}

/*
 * Place units row by row from where the last call stopped.  ASSIGN_OK
 * when every unit is placed (or left out), or an error; 1 when the
 * searches would scan more than budget entries: when they have, or when
 * the first eight or more, as long on average as they have been so far,
 * foretell it (where values nearly tie, every search is long from the
 * first; on random values the last few are the longest).
 */
static int
run_paths(struct flow *f, size_t budget)
{
	size_t r;
	int st;

	if (f->row == 0 && f->unit == 0)
		for (r = 0, f->left = 0; r < f->nrow; r++)
			f->left += (size_t)f->supply[r];
	for (; f->row < f->nrow; f->row++, f->unit = 0)
		for (; f->unit < (size_t)f->supply[f->row]; f->unit++, f->left--) {
			if (f->work >= budget || (f->searches >= 8 &&
			    f->work / f->searches > budget / (f->searches + f->left)))
				return 1;
			st = f->dense ? place_dense(f, (int32_t)f->row) : place(f, (int32_t)f->row);
			f->searches++;
			if (st < 0)
				return st;
			if (st == 0) {
				/* the row's next units would fare no better */
				f->left -= (size_t)f->supply[f->row] - f->unit;
				break;
			}
		}
	return ASSIGN_OK;
}

/*
 * The network simplex, from scratch (a start from what the paths placed
 * proved slower: it has their assignment but not their potentials).  0
 * if it declines the problem (see simplex.h).
 */
static int
run_simplex(struct flow *f, int64_t range)
{
	struct simplex_problem p = {
		.nrow = f->nrow, .ncol = f->ncol, .rows_are_tasks = f->rows_are_tasks,
		.dense = f->dense, .off = f->off, .adj = f->adj, .cost = f->cost,
		.range = range, .cap = f->rows_are_tasks ? f->cap : f->supply,
		.complete = f->off[f->nrow] == f->nrow * f->ncol,
	};

	return simplex_solve(&p, f->mate, f->pair) == SIMPLEX_OK;
}

static int solve(struct assign *, size_t, size_t, const int64_t *, int,
		 struct assign_result *);

int
assign_solve(struct assign *a, size_t nagents, size_t ntasks,
	     const int64_t *capacity, int direction, struct assign_result *res)
{
	int st = solve(a, nagents, ntasks, capacity, direction, res);

	forget(a);
	return st;
}

static int
solve(struct assign *a, size_t nagents, size_t ntasks,
      const int64_t *capacity, int direction, struct assign_result *res)
{
	struct flow f = { 0 };
	int64_t lo = 0, hi = 0, range, sum = 0, v;
	size_t i, budget;
	int st = ASSIGN_OK;

	memset(res, 0, sizeof *res);
	for (i = 0; i < a->n; i++) {
		if (i == 0 || a->value[i] < lo)
			lo = a->value[i];
		if (i == 0 || a->value[i] > hi)
			hi = a->value[i];
	}
	if (__builtin_sub_overflow(hi, lo, &range) || range >= LIMIT)
		return ASSIGN_RANGE;
	if ((st = build(a, &f, nagents, ntasks, capacity, direction, lo, hi, res)) != ASSIGN_OK) {
		flow_free(&f);
		return st;
	}
	flow_alloc(&f, nagents, ntasks);
	if (a->method == ASSIGN_SIMPLEX && run_simplex(&f, range)) {
		res->method = ASSIGN_SIMPLEX;
		goto done;
	}
	/* Each bid of reduce() lowers the least potential by at most range. */
	if (f.dense && f.nrow == f.ncol && f.off[f.nrow] == f.nrow * f.ncol &&
	    all_one(f.cap, f.ncol) &&
	    range <= LIMIT / 16 / (int64_t)f.ncol)
		reduce(&f);
	budget = a->budget == ASSIGN_BUDGET ? f.off[f.nrow] * BUDGET_PER_PAIR : a->budget;
	res->method = ASSIGN_PATHS;
	st = run_paths(&f, a->method == ASSIGN_AUTO ? budget : SIZE_MAX);
	if (st == 1 && run_simplex(&f, range))
		res->method |= ASSIGN_SIMPLEX;
	else if (st == 1)
		st = run_paths(&f, SIZE_MAX);
	if (st < 0) {
		flow_free(&f);
		return st;
	}
done:
	st = ASSIGN_OK;

	res->ntasks = ntasks;
	res->agent = zalloc(ntasks, sizeof *res->agent);
	res->value = zalloc(ntasks, sizeof *res->value);
	for (i = 0; i < ntasks; i++) {
		res->agent[i] = f.mate[i];
		if (f.mate[i] < 0)
			continue;
		v = direction == ASSIGN_MAXIMIZE ? hi - f.cost[f.pair[i]] : lo + f.cost[f.pair[i]];
		res->value[i] = v;
		res->assigned++;
		if (__builtin_add_overflow(sum, v, &sum))
			st = ASSIGN_OVERFLOW;
	}
	res->objective = sum;
	flow_free(&f);
	if (st == ASSIGN_OVERFLOW)
		assign_result_free(res);
	return st;
}
