/*
 * acctassign: who should own which account (acct-assign(1)): each rep's
 * chance of winning in each segment, the expected value of every (rep,
 * account) pair, and the best assignment of the accounts within each rep's
 * capacity, found exactly by assign.h.
 *
 *   a = acctassign_new(reps, accounts, &scope);   candidates and accounts
 *   acctassign_scan(a, s, stages, from, to);      closed deals of the window
 *       (or acctassign_deal() once per closed deal, as the unit test does)
 *   acctassign_solve(a);                          rates, values, assignment
 *   ... a->acct[i]: account, owner (proposed), value, current, change ...
 *   acctassign_free(a);
 *
 * Candidates: the reps of reps.tsv whose status is active (of scope->team,
 * if set), in reps.tsv order.  Their capacity is the capacity column, or
 * scope->default_capacity where it is empty, less the accounts they own
 * that are outside the selection (and, with keep_owners, the ones they
 * keep).
 *
 * The selection: the accounts of scope->segment and scope->region (NULL:
 * any) that are not owned by an active rep outside the candidates (so
 * --team T never takes another team's accounts).  An owner who is not an
 * active rep (on leave, gone, unknown) counts as no owner.  With
 * keep_owners, an account whose owner is a candidate keeps that owner.
 * a->acct holds the selection in id order.
 *
 * Win probability, in parts per million (AA_PPM), from the deals won and
 * lost (won and lost events, as perf-report counts them) dated in the
 * window (a fold over history.h's replay), each by the rep and account of
 * its event row, shrunk level by
 * level toward the level above with a beta prior of k pseudo-deals at that
 * level's rate (rate = (won + k x prior) / (won + lost + k), rounded half
 * up to a whole ppm at each level):
 *   company   (won + 1) / (won + lost + 2) over every deal (Beta(1,1))
 *   team      k = AA_PRIOR_TEAM toward the company, over the deals of the
 *             reps whose team in reps.tsv it is; a rep without a team
 *             takes the company's rate
 *   rep       k = AA_PRIOR_REP toward the rep's team, every segment
 *   segment   k = AA_PRIOR_SEGMENT toward the rep, the deals whose account
 *             (accounts.tsv) has the account's segment; an account without
 *             a segment takes the rep's rate
 * A deal of an account that is not in accounts.tsv counts for the rep,
 * team and company only.
 *
 * Value of a pair, in minor units: potential x probability x weight,
 * rounded half up once; weight by priority (acctassign_weight): 1 100%,
 * 2 80%, 3 60%, 4 40%, 5 20%, not set 60%.
 *
 * The assignment maximises the number of accounts given an owner, then
 * the total value, then (among equal ones) the number of accounts that
 * keep their current owner, so nobody is moved for nothing.  An account
 * left without an owner (capacity ran out) has owner -1.  before is the
 * total value of the current owners (0 for an account whose owner is not
 * a candidate), after the total proposed.
 *
 * Errors die: a capacity, potential or priority in the files that is not
 * valid (run sales-check), values or totals out of range.
 */
#ifndef ACCTASSIGN_H
#define ACCTASSIGN_H
#include <stddef.h>
#include <stdint.h>
#include "date.h"
#include "stage.h"
#include "store.h"
#include "table.h"

#define AA_PPM 1000000
#define AA_PRIOR_TEAM 50
#define AA_PRIOR_REP 20
#define AA_PRIOR_SEGMENT 10

struct aa_scope {
	const char *segment, *region, *team;	/* NULL: any */
	int keep_owners;
	long default_capacity;
};

struct aa_rep {
	const char *rep, *team;		/* into the reps table */
	int64_t capacity;		/* places for the selection */
	int64_t won, lost;		/* every segment */
	int32_t team_ppm, rep_ppm;	/* after solve */
};

struct aa_account {
	const char *account, *segment, *current;	/* current: the owner column */
	size_t row;			/* in the accounts table */
	int64_t potential;		/* minor units, 0 when not set */
	int priority, weight;		/* 0 when not set; weight in percent */
	long current_rep;		/* candidate index of the owner, or -1 */
	int fixed;			/* keep_owners: keeps current_rep */
	long owner;			/* proposed candidate, or -1 */
	int64_t value, current_value;
};

struct acctassign {
	struct aa_rep *rep;
	size_t nreps;
	struct aa_account *acct;
	size_t naccts;
	int64_t before, after;
	size_t changed, unassigned;
	struct aa_private *p;
};

/* The window: the last four complete (fiscal) quarters before today. */
void acctassign_window(date_t today, int fiscal_start, date_t *from, date_t *to);
/* A priority's weight in percent ("" for not set), or -1 if not 1-5. */
int acctassign_weight(const char *priority);
/* (won x AA_PPM + k x prior) / (won + lost + k), rounded half up. */
int32_t acctassign_shrink(int64_t won, int64_t lost, int32_t prior_ppm, int k);
/* potential x ppm x weight%, rounded half up; -1 past int64. */
int acctassign_value(int64_t potential, int32_t ppm, int weight, int64_t *out);

struct acctassign *acctassign_new(const struct table *reps, const struct table *accounts,
				  const struct aa_scope *scope);
void acctassign_deal(struct acctassign *a, const char *rep, size_t replen,
		     const char *account, size_t acctlen, int won);
void acctassign_scan(struct acctassign *a, struct store *s, const struct stages *st,
		     date_t from, date_t to);
void acctassign_solve(struct acctassign *a);

/* After solve: why rep would win account i: its segment's deals and rate. */
struct aa_why {
	int64_t seg_won, seg_lost;
	int32_t ppm;			/* the estimate */
	int64_t value;
};
void acctassign_why(const struct acctassign *a, size_t rep, size_t acct, struct aa_why *w);
/* The candidates for account acct, best first (then by rep id); free() it. */
size_t *acctassign_rank(const struct acctassign *a, size_t acct);
/* The index of account in a->acct, or -1 if it is not in the selection. */
long acctassign_find(const struct acctassign *a, const char *account);
void acctassign_free(struct acctassign *a);

#endif
