/*
 * assign: the optimal assignment of tasks to agents, exactly, in integers.
 *
 * Each task goes to at most one agent, over one of the pairs allowed, and
 * each agent takes at most its capacity of tasks.  Of all assignments the
 * solver picks one that assigns as many tasks as possible and, among
 * those, has the greatest (or, to minimise, the least) total value.  So
 * with negative values it still assigns the maximum number of tasks.
 *
 *   struct assign *a = assign_new();
 *   assign_add(a, agent, task, value);     once per allowed pair; agents
 *                                          and tasks are dense indexes
 *                                          (intern.h), values integers
 *   st = assign_solve(a, nagents, ntasks, capacity, ASSIGN_MAXIMIZE, &res);
 *   ... res.agent[task] is the task's agent or -1, res.value[task] the
 *       value of its pair, res.objective the total ...
 *   assign_result_free(&res);
 *   assign_free(a);
 *
 * assign_method(a, ...) before assign_solve() picks a solver (tests and
 * benchmarks do; others leave the default).
 *
 * assign_solve() uses the pairs up: the struct is empty again afterwards.
 * capacity holds nagents counts (NULL: 1 each; a negative one counts as 0).
 *
 * Errors (assign_solve returns them; res holds nothing to free):
 *   ASSIGN_DUPLICATE  a pair was added twice; res.agent_dup, res.task_dup
 *                     name it (the first found)
 *   ASSIGN_RANGE      the values lie too far apart for exact 64-bit work
 *                     (max - min must stay below 2^60; the solver also stops
 *                     here should its internal sums ever pass 2^60)
 *   ASSIGN_OVERFLOW   the total of the values assigned passes int64
 *
 * How: min-cost flow by successive shortest augmenting paths (Dijkstra with
 * potentials, as the Hungarian method), one unit of supply at a time from
 * the smaller side: from each task when the agents' capacity can hold them
 * all, else from each agent's units of capacity.  An agent is one node
 * with a capacity, never a row repeated per unit.  A unit that cannot be
 * placed may still displace a worse one along an alternating path, which
 * is what "as many as possible, then the best value" takes: the cost is
 * the pair (tasks left out, value), compared in that order.  When most
 * pairs are there the costs become a matrix, searched by a plain scan;
 * a square, complete one with one place per agent is first reduced as
 * Jonker and Volgenant do, which places most tasks before any search.
 * Where values nearly tie (expected revenue: a potential times a rate)
 * those searches reach most of the graph every time, so once they have
 * scanned 16 entries per pair the paths give up, and the network simplex
 * (simplex.h) solves the problem afresh; it has the same optimum, found
 * another way: a few entries per pivot and no search at all.
 * Memory: 16 bytes per pair while they are added, at most 12 while
 * solving, plus a few arrays per agent and per task.
 */
#ifndef ASSIGN_H
#define ASSIGN_H
#include <stddef.h>
#include <stdint.h>

enum { ASSIGN_MAXIMIZE = 0, ASSIGN_MINIMIZE = 1 };
enum { ASSIGN_OK = 0, ASSIGN_DUPLICATE = -1, ASSIGN_RANGE = -2, ASSIGN_OVERFLOW = -3 };

/* The largest agent or task index, and the most pairs, assign_add takes. */
#define ASSIGN_MAX_INDEX 0x3fffffff

struct assign;

/* Solvers, for assign_method() and assign_result.method. */
enum { ASSIGN_AUTO = 0, ASSIGN_PATHS = 1, ASSIGN_SIMPLEX = 2 };
/* assign_method()'s budget: the default, 8 entries scanned per pair. */
#define ASSIGN_BUDGET SIZE_MAX

struct assign_result {
	int32_t *agent;		/* per task: its agent, or -1 if unassigned */
	int64_t *value;		/* per task: the value of its pair, or 0 */
	size_t ntasks;
	size_t assigned;	/* tasks with an agent */
	int64_t objective;	/* the sum of their values */
	size_t agent_dup, task_dup;	/* ASSIGN_DUPLICATE: the pair */
	int method;		/* the solvers that ran: ASSIGN_PATHS,
				 * ASSIGN_SIMPLEX or both, in that order */
};

struct assign *assign_new(void);
/* Allow task to go to agent, worth value.  Indexes <= ASSIGN_MAX_INDEX. */
void assign_add(struct assign *a, size_t agent, size_t task, int64_t value);
/* Pairs added so far. */
size_t assign_count(const struct assign *a);
/*
 * Multiply every value added so far by factor (>= 1), for a reader that
 * meets "12.5" after "12" and puts every value in tenths.  -1 if a value
 * would pass int64; the values are then unusable.
 */
int assign_scale(struct assign *a, int64_t factor);
/*
 * For tests and benchmarks: which solver assign_solve() uses.  ASSIGN_AUTO
 * (the default) and ASSIGN_PATHS as above; ASSIGN_SIMPLEX the network
 * simplex from the start.  ASSIGN_AUTO hands over to the simplex once its
 * searches have scanned budget entries of the costs (ASSIGN_BUDGET: 8 per
 * pair).  Either falls back on the paths where the simplex's sums might
 * not fit (see simplex.h).
 */
void assign_method(struct assign *a, int method, size_t budget);
int assign_solve(struct assign *a, size_t nagents, size_t ntasks,
		 const int64_t *capacity, int direction, struct assign_result *res);
void assign_result_free(struct assign_result *res);
void assign_free(struct assign *a);

#endif
