/*
 * simplex: the network simplex method on the flow problem behind assign.h,
 * for the shapes where shortest augmenting paths crawl (many near ties).
 * assign.c builds the pairs and calls it; nothing else should.
 *
 *   struct simplex_problem p = { ... };    the pairs, their costs, the
 *                                          agents' places
 *   st = simplex_solve(&p, mate, pair);    mate[task]: its agent or -1,
 *                                          pair[task]: its pair, in an
 *                                          optimum
 *
 * The problem: every task has one unit, every agent takes at most its
 * places; leaving a task out costs more than any pair could gain, so the
 * optimum assigns as many tasks as possible and then has the least cost.
 * It is solved as a transportation problem: tasks and a spare-places node
 * send, agents and a left-out node receive, every arc uncapacitated.  The
 * basis is a strongly feasible spanning tree (every node can send flow to
 * the root: an arc without flow points towards it; the leaving arc is the
 * last blocking one met going round the cycle from its apex), which rules
 * out cycling on these highly degenerate problems; the tree is kept as
 * parent, preorder thread and subtree sizes.  The entering arc is the
 * most negative in a block of about sqrt(pairs) arcs (block search).
 * Memory: a pair is never stored twice, arcs are the caller's matrix or
 * rows; some 60 bytes a node, and a dense matrix whose costs fit 32 bits
 * is copied to 32 bits (4 bytes a pair), half the memory to read.
 *
 * Errors: SIMPLEX_RANGE when a potential might pass 2^62 with these costs
 * (nothing changed; solve another way), else SIMPLEX_OK.  Compiled with
 * -DSIMPLEX_CHECK it checks every invariant of the tree after each pivot
 * and aborts on a broken one (slow: for debugging).
 */
#ifndef SIMPLEX_H
#define SIMPLEX_H
#include <stddef.h>
#include <stdint.h>

enum { SIMPLEX_OK = 0, SIMPLEX_RANGE = -1 };

/* No pair here, in a dense matrix. */
#define SIMPLEX_NONE (-1)

struct simplex_problem {
	size_t nrow, ncol;
	int rows_are_tasks;	/* else rows are agents */
	int dense;		/* cost is a matrix; else rows of pairs: */
	const size_t *off;	/* row r's pairs off[r] .. off[r+1] - 1 */
	const int32_t *adj;	/* ... each pair's column */
	const int64_t *cost;	/* per pair, 0 .. range; dense: nrow x ncol,
				 * SIMPLEX_NONE where no pair */
	int64_t range;
	const int64_t *cap;	/* per agent: its places, >= 0 */
	int complete;		/* every task paired with every agent */
};

/* mate and pair hold one entry per task; pair indexes cost[]. */
int simplex_solve(const struct simplex_problem *p, int32_t *mate, size_t *pair);

#endif
