/*
 * test-assign: the solver against two independent answers.  Every small
 * instance (up to 8 x 8, capacities 0..3) against exhaustive search over
 * the capacities left; larger ones against a plain O(n^3) Hungarian method
 * on a dense matrix (agents repeated per unit of capacity, which is fine
 * at this size); and the degenerate cases one by one.  Each instance goes
 * through every way assign_solve() can take (see WAYS), and each check
 * also asserts that the solvers it means to test really ran.
 */
#include <stdint.h>
#include <stdlib.h>

#include "assign.h"
#include "unit.h"

static uint64_t seed;

/*
 * The ways through assign_solve(): shortest paths alone, the simplex
 * alone, the default (paths, then the simplex if they take long), and the
 * default made to hand over at once or part way.
 */
enum { WAYS = 5 };
static const struct way {
	const char *name;
	int method;
	size_t budget;		/* SIZE_MAX - 1: half the pairs */
	int ran;		/* the solvers that must have run */
} ways[WAYS] = {
	{ "paths", ASSIGN_PATHS, ASSIGN_BUDGET, ASSIGN_PATHS },
	{ "simplex", ASSIGN_SIMPLEX, ASSIGN_BUDGET, ASSIGN_SIMPLEX },
	{ "default", ASSIGN_AUTO, ASSIGN_BUDGET, 0 },
	{ "hand-over at once", ASSIGN_AUTO, 0, 0 },
	{ "hand-over part way", ASSIGN_AUTO, SIZE_MAX - 1, 0 },
};
static int way;			/* the one in use */
static int ran_wrong;		/* solves where the wrong solvers ran */
static int handed_over;		/* solves where the paths handed over */

static int
solve_way(struct assign *a, size_t nag, size_t ntk, const int64_t *capv, int direction,
	  struct assign_result *res)
{
	const struct way *w = &ways[way];
	size_t budget = w->budget == SIZE_MAX - 1 ? assign_count(a) / 2 : w->budget;
	int st;

	assign_method(a, w->method, budget);
	st = assign_solve(a, nag, ntk, capv, direction, res);
	if (st != ASSIGN_OK)
		return st;
	if (w->ran && res->method != w->ran) {
		printf("# %s: the solvers that ran: %d\n", w->name, res->method);
		ran_wrong++;
	}
	if (res->method == (ASSIGN_PATHS | ASSIGN_SIMPLEX))
		handed_over++;
	return st;
}

static uint64_t
rnd(void)	/* splitmix64 */
{
	uint64_t z = (seed += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int64_t
rnd_in(int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1));
}

/* One small instance, kept as a matrix for the search. */
enum { MAXN = 8 };
static int na, nt, dir;
static int64_t cap[MAXN], val[MAXN][MAXN];
static int allowed[MAXN][MAXN];

/* Exhaustive search: task i onward, with the capacities left in state
 * (mixed radix, cap + 1 per agent), memoised per (i, state). */
static long radix[MAXN + 1];
static struct { int set, count; int64_t value; } memo[MAXN + 1][65536];

static int
better(int c1, int64_t v1, int c2, int64_t v2)
{
	if (c1 != c2)
		return c1 > c2;
	return dir == ASSIGN_MAXIMIZE ? v1 > v2 : v1 < v2;
}

static void every_instance(void);

static void
search(int i, long state, int *count, int64_t *value)
{
	int a, c, bc;
	int64_t v, bv;

	if (i == nt) {
		*count = 0;
		*value = 0;
		return;
	}
	if (memo[i][state].set) {
		*count = memo[i][state].count;
		*value = memo[i][state].value;
		return;
	}
	search(i + 1, state, &bc, &bv);	/* task i left out */
	for (a = 0; a < na; a++) {
		if (!allowed[a][i] || (state / radix[a]) % (cap[a] + 1) == 0)
			continue;
		search(i + 1, state - radix[a], &c, &v);
		c++;
		v += val[a][i];
		if (better(c, v, bc, bv))
			bc = c, bv = v;
	}
	memo[i][state].set = 1;
	memo[i][state].count = bc;
	memo[i][state].value = bv;
	*count = bc;
	*value = bv;
}

/* Solve the instance in the globals; check the result is an assignment
 * (pairs allowed, capacities kept) whose objective is its sum. */
static int
solve_small(struct assign_result *res)
{
	struct assign *a = assign_new();
	int i, t, ok = 1, used[MAXN] = { 0 };
	int64_t sum = 0;
	size_t n = 0;

	for (i = 0; i < na; i++)
		for (t = 0; t < nt; t++)
			if (allowed[i][t])
				assign_add(a, (size_t)i, (size_t)t, val[i][t]);
	if (solve_way(a, (size_t)na, (size_t)nt, cap, dir, res) != ASSIGN_OK)
		ok = 0;
	assign_free(a);
	if (!ok)
		return 0;
	for (t = 0; t < nt; t++) {
		i = res->agent[t];
		if (i < 0)
			continue;
		if (i >= na || !allowed[i][t] || res->value[t] != val[i][t] || ++used[i] > cap[i])
			ok = 0;
		sum += res->value[t];
		n++;
	}
	return ok && sum == res->objective && n == res->assigned;
}

/* Seeds past 1000 make few agents with room for several tasks each,
 * which the solver treats its own way; past 2000, square and complete
 * ones; past 3000, values in units of 2^40, past 32 bits. */
static void
random_small(int s)
{
	struct assign_result res;
	int i, t, count, density, spread, agree = 1, valid = 1;
	int few = s > 1000 && s <= 2000, one_each = s > 2000 && s <= 3000;
	int64_t value, unit = s > 3000 ? (int64_t)1 << 40 : 1;
	long state = 0;

	seed = (uint64_t)s;
	na = (int)rnd_in(1, few ? 3 : MAXN);
	nt = (int)rnd_in(few ? 4 : 1, MAXN);
	density = (int)rnd_in(few ? 50 : 20, 100);
	if (one_each)	/* square and complete */
		nt = na = (int)rnd_in(1, MAXN), density = 100;
	spread = s % 3 == 0 ? 2 : 50;	/* a small spread makes ties */
	for (i = 0; i < na; i++) {
		cap[i] = one_each ? 1 : rnd_in(few ? 1 : 0, 3);
		for (t = 0; t < nt; t++) {
			allowed[i][t] = rnd_in(1, 100) <= density;
			val[i][t] = rnd_in(-spread, spread) * unit;
		}
	}
	radix[0] = 1;
	for (i = 0; i < na; i++) {
		radix[i + 1] = radix[i] * (cap[i] + 1);
		state += cap[i] * radix[i];
	}
	for (dir = ASSIGN_MAXIMIZE; dir <= ASSIGN_MINIMIZE; dir++) {
		memset(memo, 0, sizeof memo[0] * (size_t)(nt + 1));
		search(0, state, &count, &value);
		valid &= solve_small(&res);
		agree &= res.assigned == (size_t)count && res.objective == value;
		if (res.assigned != (size_t)count || res.objective != value)
			printf("# seed %d %s: %zu tasks, %lld; search: %d tasks, %lld\n", s,
			    dir ? "min" : "max", res.assigned, (long long)res.objective,
			    count, (long long)value);
		assign_result_free(&res);
	}
	if (!valid || !agree)
		CHECK(0, "seed %d (%d x %d): optimal and valid (%s)", s, na, nt, ways[way].name);
}

/*
 * The Hungarian method (Kuhn-Munkres, with potentials), O(n^2 m) on a
 * dense n x m matrix of costs, n <= m, 1-based; row i gets column p[j].
 * Minimises; every row is assigned.
 */
static int64_t
hungarian(int n, int m, int64_t **c, int *rowcol)
{
	int64_t *u = calloc((size_t)n + 1, sizeof *u), *v = calloc((size_t)m + 1, sizeof *v);
	int64_t *minv = calloc((size_t)m + 1, sizeof *minv), total = 0, delta, cur;
	int *p = calloc((size_t)m + 1, sizeof *p), *way = calloc((size_t)m + 1, sizeof *way);
	char *used = calloc((size_t)m + 1, 1);
	int i, j, i0, j0, j1;

	for (i = 1; i <= n; i++) {
		p[0] = i;
		j0 = 0;
		for (j = 0; j <= m; j++)
			minv[j] = INT64_MAX, used[j] = 0;
		do {
			used[j0] = 1;
			i0 = p[j0];
			delta = INT64_MAX;
			j1 = 0;
			for (j = 1; j <= m; j++) {
				if (used[j])
					continue;
				cur = c[i0][j] - u[i0] - v[j];
				if (cur < minv[j])
					minv[j] = cur, way[j] = j0;
				if (minv[j] < delta)
					delta = minv[j], j1 = j;
			}
			for (j = 0; j <= m; j++) {
				if (used[j])
					u[p[j]] += delta, v[j] -= delta;
				else
					minv[j] -= delta;
			}
			j0 = j1;
		} while (p[j0] != 0);
		do {
			j1 = way[j0];
			p[j0] = p[j1];
			j0 = j1;
		} while (j0);
	}
	for (j = 1; j <= m; j++)
		if (p[j]) {
			rowcol[p[j]] = j;
			total += c[p[j]][j];
		}
	free(u); free(v); free(minv); free(p); free(way); free(used);
	return total;
}

static int64_t **
matrix(int n, int m)
{
	int64_t **c = calloc((size_t)n + 1, sizeof *c);
	int i;

	for (i = 0; i <= n; i++)
		c[i] = calloc((size_t)m + 1, sizeof **c);
	return c;
}

static void
matrix_free(int64_t **c, int n)
{
	int i;

	for (i = 0; i <= n; i++)
		free(c[i]);
	free(c);
}

/*
 * Expected revenue as acct-assign and the benchmark make it: a task's
 * potential times the agent's rate in the task's segment, so that many
 * pairs are nearly worth the same (hard for shortest paths).
 */
static int64_t **
revenue(int nag, int ntk)
{
	int64_t **w = matrix(nag, ntk), pot[512], rate[512][4];
	int i, j, seg[512];

	for (j = 1; j <= ntk; j++) {
		pot[j] = rnd_in(100000, 99999999);
		seg[j] = (int)rnd_in(0, 3);
	}
	for (i = 1; i <= nag; i++)
		for (j = 0; j < 4; j++)
			rate[i][j] = rnd_in(500, 4000) * rnd_in(50, 150) / 100;
	for (i = 1; i <= nag; i++)
		for (j = 1; j <= ntk; j++)
			w[i][j] = pot[j] * rate[i][seg[j]] / 10000;
	return w;
}

/*
 * n x n, every pair allowed, capacity 1: both ways round.  Values 0..hi,
 * or hi < 0: expected revenue.
 */
static void
square(int n, int s, int64_t hi)
{
	struct assign *a;
	struct assign_result res;
	int64_t **c = matrix(n, n), **w, h;
	int *rowcol = calloc((size_t)n + 1, sizeof *rowcol), i, j, st;
	char what[64];

	seed = (uint64_t)s;
	if (hi < 0)
		snprintf(what, sizeof what, "expected revenue");
	else
		snprintf(what, sizeof what, "values 0..%lld", (long long)hi);
	if (hi < 0) {
		w = revenue(n, n);
	} else {
		w = matrix(n, n);
		for (i = 1; i <= n; i++)
			for (j = 1; j <= n; j++)
				w[i][j] = rnd_in(0, hi);
	}
	for (dir = ASSIGN_MAXIMIZE; dir <= ASSIGN_MINIMIZE; dir++) {
		a = assign_new();
		for (i = 1; i <= n; i++)
			for (j = 1; j <= n; j++) {
				assign_add(a, (size_t)j - 1, (size_t)i - 1, w[i][j]);
				c[i][j] = dir == ASSIGN_MAXIMIZE ? -w[i][j] : w[i][j];
			}
		st = solve_way(a, (size_t)n, (size_t)n, NULL, dir, &res);
		h = hungarian(n, n, c, rowcol);
		if (dir == ASSIGN_MAXIMIZE)
			h = -h;
		CHECK(st == ASSIGN_OK && res.assigned == (size_t)n && res.objective == h,
		    "%dx%d %s, %s, %s: objective %lld, Hungarian %lld", n, n, what,
		    dir ? "min" : "max", ways[way].name, (long long)res.objective, (long long)h);
		if (hi < 0 && ways[way].method == ASSIGN_AUTO && ways[way].budget == ASSIGN_BUDGET)
			CHECK(st == ASSIGN_OK && res.method == (ASSIGN_PATHS | ASSIGN_SIMPLEX),
			    "... where the paths crawl and hand over to the simplex");
		assign_result_free(&res);
		assign_free(a);
	}
	matrix_free(c, n);
	matrix_free(w, n);
	free(rowcol);
}

/*
 * Agents with capacities, pairs missing, more or fewer tasks than places:
 * against the Hungarian method on tasks x (a column per unit of capacity,
 * plus one "left out" column per task).  Leaving a task out costs more
 * than any difference in value, and a missing pair more than that.
 * Values -500..1000, or with revenue set, expected revenue.
 */
static void
capacitated(int nag, int ntk, int mincap, int maxcap, int s, int rev)
{
	struct assign *a = assign_new();
	struct assign_result res;
	int64_t *capv = calloc((size_t)nag, sizeof *capv), **w = matrix(nag, ntk), **c, **rv;
	int64_t out = rev ? (int64_t)1 << 40 : 1000000000, missing = 1000000000000000, h;
	int *first = calloc((size_t)nag + 1, sizeof *first), *rowcol, i, j, k, m = 0, st;
	int n_in = 0;

	seed = (uint64_t)s;
	for (i = 0; i < nag; i++) {
		capv[i] = rnd_in(mincap, maxcap);
		first[i] = m;
		m += (int)capv[i];
	}
	first[nag] = m;
	rv = rev ? revenue(nag, ntk) : NULL;
	for (i = 0; i < nag; i++)
		for (j = 0; j < ntk; j++) {
			w[i][j] = rnd() % 3 == 0 ? INT64_MIN : rv ? rv[i + 1][j + 1] : rnd_in(-500, 1000);
			if (w[i][j] != INT64_MIN)
				assign_add(a, (size_t)i, (size_t)j, w[i][j]);
		}
	st = solve_way(a, (size_t)nag, (size_t)ntk, capv, ASSIGN_MAXIMIZE, &res);
	c = matrix(ntk, m + ntk);
	rowcol = calloc((size_t)ntk + 1, sizeof *rowcol);
	for (j = 0; j < ntk; j++) {
		for (i = 0; i < nag; i++)
			for (k = first[i]; k < first[i + 1]; k++)
				c[j + 1][k + 1] = w[i][j] == INT64_MIN ? missing : -w[i][j];
		for (k = 0; k < ntk; k++)
			c[j + 1][m + k + 1] = k == j ? out : missing;
	}
	h = hungarian(ntk, m + ntk, c, rowcol);
	for (j = 1; j <= ntk; j++)
		if (rowcol[j] <= m)
			n_in++;
	h = -(h - (int64_t)(ntk - n_in) * out);
	CHECK(st == ASSIGN_OK && res.assigned == (size_t)n_in && res.objective == h,
	    "%d agents (%d places) x %d tasks, pairs missing%s, %s: %zu tasks %lld, "
	    "Hungarian %d tasks %lld", nag, m, ntk, rev ? ", expected revenue" : "",
	    ways[way].name, res.assigned, (long long)res.objective, n_in, (long long)h);
	assign_result_free(&res);
	assign_free(a);
	matrix_free(c, ntk);
	matrix_free(w, nag);
	if (rv)
		matrix_free(rv, nag);
	free(capv);
	free(first);
	free(rowcol);
}

/* A tiny instance from a list of agent, task, value triples. */
static int
tiny(int nag, int ntk, const int64_t *capv, int direction, const int64_t *pairs,
     int npairs, struct assign_result *res)
{
	struct assign *a = assign_new();
	int i, st;

	for (i = 0; i < npairs; i++)
		assign_add(a, (size_t)pairs[3 * i], (size_t)pairs[3 * i + 1], pairs[3 * i + 2]);
	st = solve_way(a, (size_t)nag, (size_t)ntk, capv, direction, res);
	assign_free(a);
	return st;
}

/*
 * The simplex takes values up to about 2^62 / (3 (nodes + 2)) apart (and
 * less with pairs missing); past that, even when it is asked for, the
 * paths solve the problem.
 */
static void
range_fallback(void)
{
	struct assign *a;
	struct assign_result r;
	int64_t big = (int64_t)3 << 58;
	int st, missing;

	for (missing = 0; missing <= 1; missing++) {
		a = assign_new();
		assign_add(a, 0, 0, big);
		if (!missing)
			assign_add(a, 0, 1, 0);
		assign_add(a, 1, 0, big - 1);
		assign_add(a, 1, 1, 3);
		assign_method(a, ASSIGN_SIMPLEX, ASSIGN_BUDGET);
		st = assign_solve(a, 2, 2, NULL, ASSIGN_MAXIMIZE, &r);
		CHECK(st == ASSIGN_OK && r.method == ASSIGN_PATHS && r.objective == big + 3 &&
		    r.agent[0] == 0 && r.agent[1] == 1, "values 3 * 2^58 apart%s: the simplex declines, "
		    "the paths solve it (method %d, objective %lld)", missing ? ", a pair missing" : "",
		    r.method, (long long)r.objective);
		assign_result_free(&r);
		assign_free(a);
	}
}

static void
degenerate(void)
{
	struct assign_result r;
	static const int64_t one[] = { 1, 1, 1 }, zero[] = { 0, 0, 0 }, two[] = { 2 };
	int st;

	st = tiny(0, 0, NULL, ASSIGN_MAXIMIZE, NULL, 0, &r);
	CHECK(st == ASSIGN_OK && r.assigned == 0 && r.objective == 0, "no agents, no tasks (%s)",
	    ways[way].name);
	assign_result_free(&r);

	st = tiny(3, 2, NULL, ASSIGN_MAXIMIZE, NULL, 0, &r);
	CHECK(st == ASSIGN_OK && r.assigned == 0 && r.agent[0] == -1 && r.agent[1] == -1,
	    "no pairs: every task unassigned (%s)", ways[way].name);
	assign_result_free(&r);

	{
		static const int64_t p[] = { 0, 0, 7, 0, 1, 7, 1, 0, 7, 1, 1, 7, 2, 2, 7 };
		st = tiny(3, 3, NULL, ASSIGN_MAXIMIZE, p, 5, &r);
		CHECK(st == ASSIGN_OK && r.assigned == 3 && r.objective == 21, "all values equal (%s)",
		    ways[way].name);
		assign_result_free(&r);
		st = tiny(3, 3, zero, ASSIGN_MAXIMIZE, p, 5, &r);
		CHECK(st == ASSIGN_OK && r.assigned == 0 && r.objective == 0,
		    "capacity 0 everywhere (%s)", ways[way].name);
		assign_result_free(&r);
	}
	{
		static const int64_t p[] = { 0, 0, 5, 0, 1, 9, 0, 2, 1, 0, 3, 7, 0, 4, 3 };
		st = tiny(1, 5, two, ASSIGN_MAXIMIZE, p, 5, &r);
		CHECK(st == ASSIGN_OK && r.assigned == 2 && r.objective == 16 &&
		    r.agent[1] == 0 && r.agent[3] == 0,
		    "a single agent of capacity 2 takes the best two (%s)", ways[way].name);
		assign_result_free(&r);
		st = tiny(1, 5, two, ASSIGN_MINIMIZE, p, 5, &r);
		CHECK(st == ASSIGN_OK && r.assigned == 2 && r.objective == 4 &&
		    r.agent[2] == 0 && r.agent[4] == 0, "... or, minimising, the least two (%s)", ways[way].name);
		assign_result_free(&r);
	}
	{
		static const int64_t p[] = { 0, 0, -5, 1, 1, -3 };
		st = tiny(2, 2, NULL, ASSIGN_MAXIMIZE, p, 2, &r);
		CHECK(st == ASSIGN_OK && r.assigned == 2 && r.objective == -8,
		    "negative values: maximising still assigns every task it can (%s)", ways[way].name);
		assign_result_free(&r);
	}
	{
		/* t0 is worth 100 with a0 but can go to a1 for 1; t1 has only a0. */
		static const int64_t p[] = { 0, 0, 100, 1, 0, 1, 0, 1, 1 };
		st = tiny(2, 2, NULL, ASSIGN_MAXIMIZE, p, 3, &r);
		CHECK(st == ASSIGN_OK && r.assigned == 2 && r.objective == 2 &&
		    r.agent[0] == 1 && r.agent[1] == 0,
		    "as many tasks as possible before value (%s)", ways[way].name);
		assign_result_free(&r);
	}
	{
		/* One place; the better task comes second, then third. */
		static const int64_t p[] = { 0, 0, 1, 0, 1, 100, 0, 2, 50 };
		st = tiny(1, 3, NULL, ASSIGN_MAXIMIZE, p, 3, &r);
		CHECK(st == ASSIGN_OK && r.assigned == 1 && r.objective == 100 && r.agent[1] == 0,
		    "a later task displaces a worse one (%s)", ways[way].name);
		assign_result_free(&r);
		st = tiny(1, 3, NULL, ASSIGN_MINIMIZE, p, 3, &r);
		CHECK(st == ASSIGN_OK && r.assigned == 1 && r.objective == 1 && r.agent[0] == 0,
		    "... and minimising keeps the first (%s)", ways[way].name);
		assign_result_free(&r);
	}
	{
		static const int64_t p[] = { 0, 0, 1, 1, 2, 2, 0, 1, 4, 1, 2, 3 };
		st = tiny(2, 3, NULL, ASSIGN_MAXIMIZE, p, 4, &r);
		CHECK(st == ASSIGN_DUPLICATE && r.agent_dup == 1 && r.task_dup == 2,
		    "a pair given twice is refused and named (%s)", ways[way].name);
	}
	{
		static const int64_t p[] = { 0, 0, INT64_MIN, 1, 1, INT64_MAX };
		st = tiny(2, 2, NULL, ASSIGN_MAXIMIZE, p, 2, &r);
		CHECK(st == ASSIGN_RANGE, "values spanning all of int64 are refused (%s)", ways[way].name);
	}
	{
		static const int64_t p[] = { 0, 0, INT64_MAX / 2 + 1, 1, 1, INT64_MAX / 2 + 1 };
		st = tiny(2, 2, one, ASSIGN_MAXIMIZE, p, 2, &r);
		CHECK(st == ASSIGN_OVERFLOW, "a total past int64 is refused (%s)", ways[way].name);
	}
	{
		struct assign *a = assign_new();
		assign_add(a, 0, 0, 5);
		assign_add(a, 0, 1, -12);
		CHECK(assign_scale(a, 100) == 0 && assign_count(a) == 2, "values scaled (%s)", ways[way].name);
		st = solve_way(a, 1, 2, two, ASSIGN_MINIMIZE, &r);
		CHECK(st == ASSIGN_OK && r.objective == -700 && r.value[1] == -1200,
		    "... and solved in the new unit (%s)", ways[way].name);
		assign_result_free(&r);
		assign_add(a, 0, 0, INT64_MAX / 3);
		CHECK(assign_scale(a, 4) == -1, "a scale past int64 is refused (%s)", ways[way].name);
		assign_free(a);
	}
}

int
main(void)
{
	int solves;

	for (way = 0; way < WAYS; way++) {
		printf("# %s\n", ways[way].name);
		ran_wrong = handed_over = 0;
		every_instance();
		CHECK(ran_wrong == 0, "%s: the solvers meant to run ran every time", ways[way].name);
		solves = handed_over;
		if (way >= 2)
			CHECK(solves > (way == 2 ? 0 : 1000), "%s: the paths handed over to the simplex "
			    "in %d solves", ways[way].name, solves);
	}
	range_fallback();
	return unit_done();
}

/* Every instance, through the way in use. */
static void
every_instance(void)
{
	int s, before;

	degenerate();
	before = unit_failed;
	for (s = 1; s <= 600; s++)
		random_small(s);
	CHECK(unit_failed == before, "600 random instances up to 8 x 8 equal exhaustive search (%s)",
	    ways[way].name);
	before = unit_failed;
	for (s = 1001; s <= 1300; s++)
		random_small(s);
	CHECK(unit_failed == before, "300 with up to 3 agents of capacity 1..3 too (%s)",
	    ways[way].name);
	before = unit_failed;
	for (s = 2001; s <= 2400; s++)
		random_small(s);
	CHECK(unit_failed == before, "400 square and complete with one place each too (%s)",
	    ways[way].name);
	before = unit_failed;
	for (s = 3001; s <= 3300; s++)
		random_small(s);
	CHECK(unit_failed == before, "300 with values up to 50 * 2^40 too (%s)", ways[way].name);
	square(300, 1, 1000000);
	square(120, 2, 3);
	square(200, 3, 1);	/* ties everywhere */
	square(64, 4, 0);
	square(9, 5, 20);
	square(150, 6, -1);	/* near ties: the default hands over */
	capacitated(40, 150, 0, 5, 3, 0);	/* fewer places than tasks */
	capacitated(30, 40, 0, 5, 4, 0);
	capacitated(60, 60, 0, 5, 5, 0);
	capacitated(20, 60, 1, 6, 6, 0);	/* several tasks per agent */
	capacitated(25, 120, 3, 8, 7, 0);
	capacitated(30, 150, 2, 8, 8, 1);	/* ... with near ties */
	capacitated(40, 40, 0, 3, 9, 1);
	capacitated(40, 200, 2, 8, 15, 1);	/* long enough for the root to drift */
}
