#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "simplex.h"
#include "xalloc.h"

/*
 * The network.  Nodes: tasks 0 .. T-1, then E (the agents' spare places),
 * then agents T+1 .. T+A, then L (tasks left out), the root.  Arcs, all
 * uncapacitated: task -> agent per pair (its cost), task -> L (cost M),
 * E -> agent and E -> L (cost 0).  Tasks send 1 each and E the places;
 * agents take their places and L every task, so L's inflow is the tasks
 * left out plus the places used.  Every arc leaves a task or E: a tree arc
 * points up (to the parent) exactly when its child is a task or E.
 *
 * Potentials: an arc x -> y has reduced cost c + pi[x] - pi[y], 0 on the
 * tree.  A tree path from the root L alternates between arcs' heads
 * (agents, L) and tails (tasks, E); from one head to the next, through a
 * tail x, pi moves by c(x, next) - c(x, head): at most M out of L, then
 * at most range from agent to agent, at most A times; and a tail sits at
 * most M below its head.  So |pi[x] - pi[L]| <= P = 2M + (A + 1) (range +
 * 1), which simplex_solve() checks is below 2^62 / 3 before it starts.
 * pi[L] moves when a pivot shifts the root's side, by a reduced cost (at
 * most M + 2P), and is set back to 0 once past P; so |pi| <= 4P + M and
 * no sum here passes int64.
 *
 * The tree: parent, and the preorder as a circular list (thread, rev)
 * with each node's subtree size and the last node of its subtree, so that
 * a subtree is a run of the list.
 */
struct ns {
	const struct simplex_problem *p;
	size_t T, A, n;
	int32_t E, L;
	int64_t M, P;		/* the cost of leaving a task out; the bound */
	int32_t *parent, *thread, *rev, *size, *last;
	int64_t *flow;		/* on the arc to the parent (root: none) */
	int64_t *pi;
	size_t *via;		/* the pair of a task-agent tree arc */
	int32_t *cost32;	/* dense costs that fit 32 bits: half the
				 * memory to stream while pricing */
	int32_t *path, *aend, *bstart, *bend;	/* one pivot's work */
	size_t next, block;	/* block search: the row to go on from */
	int32_t in_tail, in_head;	/* the entering arc */
	size_t in_pair;
	int64_t in_rc;
};

#define NO_PAIR SIZE_MAX

static int
is_tail(const struct ns *s, int32_t x)
{
	return x <= s->E;
}

static int32_t
agent_node(const struct ns *s, size_t a)
{
	return (int32_t)(s->T + 1 + a);
}

/* Row r's pair e with column k: its task and agent nodes. */
static void
ends(const struct ns *s, size_t r, size_t k, int32_t *t, int32_t *a)
{
	if (s->p->rows_are_tasks)
		*t = (int32_t)r, *a = agent_node(s, k);
	else
		*t = (int32_t)k, *a = agent_node(s, r);
}

static void
offer(struct ns *s, int32_t tail, int32_t head, size_t pair, int64_t rc)
{
	s->in_tail = tail;
	s->in_head = head;
	s->in_pair = pair;
	s->in_rc = rc;
}

/* The pairs of row r: the most negative reduced cost below *best. */
static size_t
scan_row(struct ns *s, size_t r, int64_t *best)
{
	const struct simplex_problem *p = s->p;
	const int64_t *pa = s->pi + s->T + 1, *c;
	const int32_t *c32;
	size_t k, e, bk = NO_PAIR;
	int64_t b, pt, v;
	int32_t t, a;

	if (p->dense) {
		/* c + pt - pa[k] < best, with pt taken out of the loop */
		pt = s->pi[r];
		b = *best - pt;
		if (s->cost32) {
			c32 = s->cost32 + r * p->ncol;
			for (k = 0; k < p->ncol; k++)
				if (c32[k] != SIMPLEX_NONE && (v = c32[k] - pa[k]) < b)
					b = v, bk = k;
		} else {
			c = p->cost + r * p->ncol;
			for (k = 0; k < p->ncol; k++)
				if (c[k] != SIMPLEX_NONE && (v = c[k] - pa[k]) < b)
					b = v, bk = k;
		}
		if (bk != NO_PAIR) {
			*best = b + pt;
			offer(s, (int32_t)r, agent_node(s, bk), r * p->ncol + bk, *best);
		}
		return p->ncol;
	}
	for (e = p->off[r]; e < p->off[r + 1]; e++) {
		ends(s, r, (size_t)p->adj[e], &t, &a);
		if ((v = p->cost[e] + s->pi[t] - s->pi[a]) < *best) {
			*best = v;
			offer(s, t, a, e, v);
		}
	}
	return p->off[r + 1] - p->off[r];
}

/*
 * The arcs that are not pairs: task -> L, E -> agent.  E -> L never
 * enters, as it never leaves: its flow is the number of tasks assigned,
 * 1 after the first pivot, and assigning none is the dearest flow there
 * is, which no pivot moves towards.
 */
static size_t
scan_extra(struct ns *s, int64_t *best)
{
	int64_t v, pl = s->pi[s->L], pe = s->pi[s->E];
	size_t i;

	for (i = 0; i < s->T; i++)
		if ((v = s->M + s->pi[i] - pl) < *best) {
			*best = v;
			offer(s, (int32_t)i, s->L, NO_PAIR, v);
		}
	for (i = 0; i < s->A; i++)
		if ((v = pe - s->pi[agent_node(s, i)]) < *best) {
			*best = v;
			offer(s, s->E, agent_node(s, i), NO_PAIR, v);
		}
	return s->T + s->A;
}

/*
 * Block search: go on through the rows (and last the other arcs) from where
 * the previous search stopped, and take the most negative reduced cost of
 * the first block of about s->block arcs that has one.  0 when there is
 * none anywhere: the tree is optimal.
 */
static int
price(struct ns *s)
{
	size_t nr = s->p->nrow + 1, r = s->next, seen = 0, it;
	int64_t best = 0;

	for (it = 0; it < nr; it++) {
		seen += r < s->p->nrow ? scan_row(s, r, &best) : scan_extra(s, &best);
		if (++r == nr)
			r = 0;
		if (best < 0 && seen >= s->block)
			break;
	}
	s->next = r;
	return best < 0;
}

static void
link(struct ns *s, int32_t a, int32_t b)
{
	s->thread[a] = b;
	s->rev[b] = a;
}

/*
 * One pivot: the entering arc closes a cycle with the tree; push flow
 * round it, drop the last blocking arc met going round from the apex in
 * the direction of the flow, and hang the subtree cut off from the tree
 * by its end of the entering arc.
 */
static void
pivot(struct ns *s)
{
	int32_t i = s->in_tail, j = s->in_head, a = i, b = j, apex, x, leave = -1;
	int32_t u, v, w, q, tail, lstar, after, *pth = s->path;
	int64_t delta = INT64_MAX, shift;
	size_t k, m, nsub;
	int side_i = 0, acc;

	while (a != b) {
		if (s->size[a] < s->size[b])
			a = s->parent[a];
		else
			b = s->parent[b];
	}
	apex = a;
	/* From the apex down to i the flow runs against the arcs that point
	 * up; ties go to the arc met last, nearest i ... */
	for (x = i; x != apex; x = s->parent[x])
		if (is_tail(s, x) && s->flow[x] < delta)
			delta = s->flow[x], leave = x, side_i = 1;
	/* ... then from j up to the apex against those that point down, met
	 * after all of the first side's. */
	for (x = j; x != apex; x = s->parent[x])
		if (!is_tail(s, x) && s->flow[x] <= delta)
			delta = s->flow[x], leave = x, side_i = 0;
	if (delta > 0) {
		for (x = i; x != apex; x = s->parent[x])
			s->flow[x] += is_tail(s, x) ? -delta : delta;
		for (x = j; x != apex; x = s->parent[x])
			s->flow[x] += is_tail(s, x) ? delta : -delta;
	}
	u = side_i ? i : j;	/* in the subtree cut off */
	v = side_i ? j : i;
	shift = side_i ? -s->in_rc : s->in_rc;
	q = leave;
	w = s->parent[q];
	nsub = (size_t)s->size[q];

	/* Take the subtree out of the thread and out of its ancestors. */
	{
		int32_t prev = s->rev[q], lastq = s->last[q];

		link(s, prev, s->thread[lastq]);
		for (x = w; x != apex; x = s->parent[x])
			s->size[x] -= (int32_t)nsub;
		for (x = w; x >= 0 && s->last[x] == lastq; x = s->parent[x])
			s->last[x] = prev;
	}

	/* The path u = x0, x1, ..., xk = q turns round: the new preorder is
	 * x0's subtree, then for each xm what was before x(m-1) in its
	 * subtree (A), then what was after (B). */
	k = 0;
	for (x = u; ; x = s->parent[x]) {
		pth[k] = x;
		if (x == q)
			break;
		k++;
	}
	for (m = 1; m <= k; m++) {
		s->aend[m] = s->rev[pth[m - 1]];
		if (s->last[pth[m]] != s->last[pth[m - 1]]) {
			s->bstart[m] = s->thread[s->last[pth[m - 1]]];
			s->bend[m] = s->last[pth[m]];
		} else {
			s->bstart[m] = -1;
		}
	}
	tail = s->last[pth[0]];
	for (m = 1; m <= k; m++) {
		link(s, tail, pth[m]);
		tail = s->aend[m];
		if (s->bstart[m] >= 0) {
			link(s, tail, s->bstart[m]);
			tail = s->bend[m];
		}
	}
	lstar = tail;
	acc = 0;
	for (m = k; m >= 1; m--) {
		acc += s->size[pth[m]] - s->size[pth[m - 1]];
		s->size[pth[m]] = acc;
		s->parent[pth[m]] = pth[m - 1];
		s->flow[pth[m]] = s->flow[pth[m - 1]];
		s->via[pth[m]] = s->via[pth[m - 1]];
		s->last[pth[m]] = lstar;
	}
	s->size[u] = (int32_t)nsub;
	s->parent[u] = v;
	s->flow[u] = delta;
	s->via[u] = s->in_pair;
	s->last[u] = lstar;

	/* Hang it first under v. */
	after = s->thread[v];
	link(s, v, u);
	link(s, lstar, after);
	for (x = v; x != apex; x = s->parent[x])
		s->size[x] += (int32_t)nsub;
	for (x = v; x >= 0 && s->last[x] == v; x = s->parent[x])
		s->last[x] = lstar;

	/* Only differences of potentials count: move the smaller side, and
	 * bring the root back to 0 should it drift past P. */
	if (nsub <= s->n / 2) {
		for (x = u, m = 0; m < nsub; m++, x = s->thread[x])
			s->pi[x] += shift;
	} else {
		for (x = after, m = nsub; m < s->n; m++, x = s->thread[x])
			s->pi[x] -= shift;
		if (s->pi[s->L] > s->P || s->pi[s->L] < -s->P)
			for (x = 0, shift = s->pi[s->L]; x < (int32_t)s->n; x++)
				s->pi[x] -= shift;
	}
}

/*
 * The first tree: every task left out, hanging from L (task -> L, flow 1),
 * E from L (E -> L, no flow: it points up), every agent from E with all
 * its places spare.  Every arc with no flow points up, so the tree is
 * strongly feasible (an agent without places is a leaf no cycle reaches).
 */
static void
first_tree(struct ns *s)
{
	const struct simplex_problem *p = s->p;
	int32_t x, prev = s->L;
	size_t i;

	s->parent[s->L] = -1;
	s->pi[s->L] = 0;
	s->size[s->L] = (int32_t)s->n;
	s->parent[s->E] = s->L;
	s->flow[s->E] = 0;
	s->pi[s->E] = 0;
	s->size[s->E] = (int32_t)s->A + 1;
	link(s, prev, s->E);
	prev = s->E;
	for (i = 0; i < s->A; i++) {
		x = agent_node(s, i);
		s->parent[x] = s->E;
		s->flow[x] = p->cap[i] < (int64_t)s->T ? p->cap[i] : (int64_t)s->T;
		s->pi[x] = 0;
		link(s, prev, x);
		prev = x;
	}
	s->last[s->E] = prev;
	for (i = 0; i < s->T; i++) {
		x = (int32_t)i;
		s->parent[x] = s->L;
		s->flow[x] = 1;
		s->pi[x] = -s->M;
		link(s, prev, x);
		prev = x;
	}
	link(s, prev, s->L);
	s->last[s->L] = prev;
	for (x = 0; x < (int32_t)s->n; x++)
		if (x != s->L && x != s->E) {
			s->size[x] = 1;
			s->last[x] = x;
		}
}

#ifdef SIMPLEX_CHECK
/*
 * Built with -DSIMPLEX_CHECK, every invariant of the tree is checked
 * after each pivot, slowly (quadratic in the nodes): a debugging aid.
 */
static int64_t
tree_cost(const struct ns *s, int32_t x)
{
	int32_t y = s->parent[x];

	if (x == s->E || y == s->E)
		return 0;
	return y == s->L ? s->M : s->p->cost[s->via[x]];
}

static void
check(const struct ns *s)
{
	int64_t *bal = xcalloc(s->n, sizeof *bal), places = 0, c;
	int32_t *count = xcalloc(s->n, sizeof *count), x, y, z, k;

	/* The thread: a circle through every node, rev its inverse. */
	for (x = s->L, k = 0; k < (int32_t)s->n; k++, x = s->thread[x])
		if (s->rev[s->thread[x]] != x)
			abort();
	if (x != s->L)
		abort();
	for (x = 0; x < (int32_t)s->n; x++)
		for (y = x; y >= 0; y = s->parent[y])
			count[y]++;
	for (x = 0; x < (int32_t)s->n; x++) {
		/* A subtree: the node, then its size - 1 descendants, the last
		 * of them last. */
		if (count[x] != s->size[x])
			abort();
		for (z = x, k = 1; k < s->size[x]; k++) {
			z = s->thread[z];
			for (y = z; y >= 0 && y != x; y = s->parent[y])
				;
			if (y != x)
				abort();
		}
		if (s->last[x] != z)
			abort();
		if (s->pi[x] - s->pi[s->L] > s->P || s->pi[x] - s->pi[s->L] < -s->P)
			abort();
		if ((y = s->parent[x]) < 0)
			continue;
		/* Tree arcs: tight, flow >= 0, and with no flow only upward
		 * (an agent without places aside: a leaf no cycle reaches). */
		c = tree_cost(s, x);
		if (is_tail(s, x) ? s->pi[y] - s->pi[x] != c : s->pi[x] - s->pi[y] != c)
			abort();
		if (s->flow[x] < 0 || (!is_tail(s, x) && s->flow[x] == 0 &&
		    !(y == s->E && s->size[x] == 1)))
			abort();
		bal[is_tail(s, x) ? x : y] -= s->flow[x];
		bal[is_tail(s, x) ? y : x] += s->flow[x];
	}
	/* Flow: tasks send 1, E the places; agents take theirs, L the tasks. */
	for (x = 0; x < (int32_t)s->T; x++)
		if (bal[x] != -1)
			abort();
	for (k = 0; k < (int32_t)s->A; k++) {
		c = s->p->cap[k] < (int64_t)s->T ? s->p->cap[k] : (int64_t)s->T;
		places += c;
		if (bal[agent_node(s, (size_t)k)] != c)
			abort();
	}
	if (bal[s->E] != -places || bal[s->L] != (int64_t)s->T)
		abort();
	free(bal);
	free(count);
}
#else
#define check(s) ((void)0)
#endif

/* M, and the bound P on potentials (see struct ns), or -1 past 2^62 / 3. */
static int64_t
bounds(const struct simplex_problem *p, size_t T, size_t A, int64_t *M)
{
	const int64_t lim = ((int64_t)1 << 62) / 3;
	int64_t r1 = p->range + 1, P;

	if (T + A + 2 > INT32_MAX)
		return -1;
	if (p->complete)
		*M = r1;
	else if (__builtin_mul_overflow((int64_t)T, p->range, M) || ++*M > lim)
		return -1;
	if (__builtin_mul_overflow((int64_t)A + 1, r1, &P) || __builtin_add_overflow(P, 2 * *M, &P) ||
	    P > lim)
		return -1;
	return P;
}

int
simplex_solve(const struct simplex_problem *p, int32_t *mate, size_t *pair)
{
	struct ns s = { 0 };
	size_t narcs, t;
	int32_t x, y;

	s.p = p;
	s.T = p->rows_are_tasks ? p->nrow : p->ncol;
	s.A = p->rows_are_tasks ? p->ncol : p->nrow;
	s.n = s.T + s.A + 2;
	if ((s.P = bounds(p, s.T, s.A, &s.M)) < 0)
		return SIMPLEX_RANGE;
	for (t = 0; t < s.T; t++)
		mate[t] = -1;
	if (s.T == 0 || s.A == 0)
		return SIMPLEX_OK;
	s.E = (int32_t)s.T;
	s.L = (int32_t)(s.n - 1);
	/* Per node: 9 int32 arrays, 2 of int64 and the pairs. */
	s.parent = xcalloc(9 * s.n, sizeof *s.parent);
	s.thread = s.parent + s.n;
	s.rev = s.thread + s.n;
	s.size = s.rev + s.n;
	s.last = s.size + s.n;
	s.path = s.last + s.n;
	s.aend = s.path + s.n;
	s.bstart = s.aend + s.n;
	s.bend = s.bstart + s.n;
	s.flow = xcalloc(2 * s.n, sizeof *s.flow);
	s.pi = s.flow + s.n;
	s.via = xcalloc(s.n, sizeof *s.via);
	for (x = 0; x < (int32_t)s.n; x++)
		s.via[x] = NO_PAIR;

	narcs = (p->dense ? p->nrow * p->ncol : p->off[p->nrow]) + s.T + s.A;
	for (s.block = 10; s.block * s.block < narcs; s.block++)
		;
	if (p->dense && p->range <= INT32_MAX) {
		s.cost32 = xreallocarray(NULL, p->nrow * p->ncol, sizeof *s.cost32);
		for (t = 0; t < p->nrow * p->ncol; t++)
			s.cost32[t] = (int32_t)p->cost[t];
	}
	first_tree(&s);
	check(&s);
	while (price(&s)) {
		pivot(&s);
		check(&s);
	}

	for (x = 0; x < (int32_t)s.n; x++) {
		y = s.parent[x];
		if (y < 0 || s.flow[x] != 1 || s.via[x] == NO_PAIR)
			continue;
		if (is_tail(&s, x)) {
			mate[x] = y - (int32_t)s.T - 1;
			pair[x] = s.via[x];
		} else {
			mate[y] = x - (int32_t)s.T - 1;
			pair[y] = s.via[x];
		}
	}
	free(s.parent);
	free(s.flow);
	free(s.via);
	free(s.cost32);
	return SIMPLEX_OK;
}
