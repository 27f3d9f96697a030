/*
 * acctassign: who should own which account (acct-assign(1)): each rep's
 * chance of winning in each segment and region, the expected value of
 * every (rep, account) pair, what else the value weighs (fit, load, a
 * share per segment), and the best assignment of the accounts within each
 * rep's capacity, found exactly by assign.h.
 *
 *   a = acctassign_new(reps, accounts, &scope);   candidates and accounts
 *   acctassign_scan(a, s, stages, from, to);      closed deals of the window
 *       (or acctassign_deal() once per closed deal, as the unit test does)
 *   acctassign_solve(a, &terms);                  rates, values, assignment
 *   ... a->acct[i]: account, owner (proposed), value, current, change ...
 *   acctassign_free(a);
 *
 * Candidates: the reps of reps.tsv whose status is active (of scope->team,
 * if set), in reps.tsv order, except the managers (scope->managers, one
 * flag per row of reps from roster.h) unless scope->include_managers.
 * Their capacity is the capacity column, or scope->default_capacity where
 * it is empty, less the accounts they own that are outside the selection
 * (and, with keep_owners, the ones they keep); those are what they hold
 * (held).
 *
 * The selection: the accounts of scope->segment and scope->region (NULL:
 * any) that are not owned by an active rep outside the candidates (so
 * --team T never takes another team's accounts, nor an account from a
 * manager).  An owner who is not an active rep (on leave, gone, unknown)
 * counts as no owner.  With keep_owners, an account whose owner is a
 * candidate keeps that owner.  a->acct holds the selection in id order.
 *
 * Win probability, in parts per million (AA_PPM), from the deals won and
 * lost (won and lost events, as perf-report counts them) dated in the
 * window (a fold over history.h's replay), each by the rep and account of
 * its event row, shrunk level by level toward the level above with a beta
 * prior of k pseudo-deals at that level's rate (rate = (won + k x prior) /
 * (won + lost + k), rounded half up to a whole ppm at each level):
 *   company   (won + 2 x prior) / (won + lost + 2) over every deal, prior
 *             terms->prior_ppm (50%: Beta(1,1))
 *   team      k = AA_PRIOR_TEAM toward the company, over the deals of the
 *             reps whose team in reps.tsv it is; a rep without a team
 *             takes the company's rate
 *   rep       k = AA_PRIOR_REP toward the rep's team, every segment
 *   segment   k = AA_PRIOR_SEGMENT toward the rep, the deals whose account
 *             (accounts.tsv) has the account's segment; an account without
 *             a segment takes the rep's rate
 *   region    k = AA_PRIOR_REGION toward the segment's, the deals whose
 *             account has the account's segment (or none, as it has) and
 *             region; an account without a region takes the segment's
 * A deal of an account that is not in accounts.tsv counts for the rep,
 * team and company only.
 *
 * Value of a pair, in minor units: potential x probability x weight,
 * rounded half up once; weight by priority (acctassign_weight): 1 100%,
 * 2 80%, 3 60%, 4 40%, 5 20%, not set 60%.  It is the expected revenue.
 *
 * What the assignment weighs (struct aa_terms), in minor units:
 *   fit       terms->fit_pct of the value, rounded half up, for each of
 *             the rep's region (reps.tsv region) and segment (a segment
 *             column of reps.tsv, when the file has one) that is the
 *             account's: acctassign_fit()
 *   load      a rep's k-th account (k counting what the rep holds, 1 on)
 *             costs terms->balance x floor((k - 1) / S), S the even share:
 *             the accounts held and in the selection over the candidates,
 *             rounded up (a->share)
 *   share     with terms->max_share_pct, no rep owns more of the
 *             selection's accounts of one segment (no segment counting as
 *             one) than that percentage of them, rounded down but at least
 *             one, kept ones included; not with balance
 * The assignment maximises the number of accounts given an owner, then
 * the total of value + fit - load, then (among equal ones) the number of
 * accounts that keep their current owner, so nobody is moved for
 * nothing, then the fewest accounts: each further account of a rep counts
 * against it, so ties go to the rep who then holds the fewest (the rep's
 * accounts of the segment, with max_share).  All of it is one exact
 * optimum of assign.h: a rep's places are agents of their own, one per
 * step of load (convex costs on parallel agents), and the rep's capacity
 * over the segments' shares is held by dummy tasks that take the places
 * the rep cannot fill.  When the accounts times the places pass
 * AA_TIE_PAIRS, the last tie-break counts accounts in blocks (a->block);
 * when the values are too large for it, the tie-breaks go, the fewest
 * accounts first.  An account left without an owner (capacity ran out)
 * has owner -1.  before is the total value of the current owners (0 for
 * an account whose owner is not a candidate), after the total proposed;
 * fit and load the totals of those terms, objective after + fit - load.
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
#define AA_PRIOR_REGION 10
/* Fewer closed deals in the window than this, and the rates are mostly
 * the company's (acct-assign says so). */
#define AA_MIN_DEALS 20
#define AA_TIE_PAIRS 1000000

struct aa_scope {
	const char *segment, *region, *team;	/* NULL: any */
	int keep_owners, include_managers;
	const unsigned char *managers;		/* per reps row; NULL: none */
	long default_capacity;
};

struct aa_terms {
	int32_t prior_ppm;		/* the company's prior rate (AA_PPM / 2) */
	int fit_pct;			/* 0: no fit bonus */
	int64_t balance;		/* minor units a step of load; 0: none */
	int max_share_pct;		/* 0: none */
};

struct aa_rep {
	const char *rep, *team;		/* into the reps table */
	const char *region, *segment;	/* the rep's own, for the fit */
	int64_t capacity;		/* places for the selection */
	int64_t held;			/* accounts held outside it, and kept */
	int64_t won, lost;		/* every segment */
	int32_t team_ppm, rep_ppm;	/* after solve */
};

struct aa_account {
	const char *account, *segment, *region, *current;	/* current: the owner column */
	size_t row;			/* in the accounts table */
	int64_t potential;		/* minor units, 0 when not set */
	int priority, weight;		/* 0 when not set; weight in percent */
	long current_rep;		/* candidate index of the owner, or -1 */
	int fixed;			/* keep_owners: keeps current_rep */
	long owner;			/* proposed candidate, or -1 */
	int64_t value, current_value;
	long seg, cell;			/* private: segment, segment and region */
};

struct acctassign {
	struct aa_rep *rep;
	size_t nreps;
	struct aa_account *acct;
	size_t naccts;
	int64_t before, after, fit, load, objective;
	int64_t won, lost;		/* every closed deal of the window */
	int32_t company_ppm;		/* after solve */
	int64_t share, block;		/* after solve: S of the load; the tie's block */
	size_t changed, unassigned;
	size_t managers;		/* active managers of the scope left out */
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
/* value x pct% x matches, rounded half up; -1 past int64. */
int acctassign_fit(int64_t value, int pct, int matches, int64_t *out);

struct acctassign *acctassign_new(const struct table *reps, const struct table *accounts,
				  const struct aa_scope *scope);
void acctassign_deal(struct acctassign *a, const char *rep, size_t replen,
		     const char *account, size_t acctlen, int won);
void acctassign_scan(struct acctassign *a, struct store *s, const struct stages *st,
		     date_t from, date_t to);
void acctassign_solve(struct acctassign *a, const struct aa_terms *t);

/* After solve: why rep would win account i: its deals, rates and value. */
struct aa_why {
	int64_t seg_won, seg_lost;	/* in the account's segment */
	int64_t region_won, region_lost;	/* in its segment and region */
	int32_t seg_ppm, ppm;		/* the segment's rate; the estimate */
	int64_t value, fit;
};
void acctassign_why(const struct acctassign *a, size_t rep, size_t acct, struct aa_why *w);
/* The candidates for account acct, best first (by value and fit, then
 * the current owner, then the fewest accounts held, then by rep id);
 * free() it. */
size_t *acctassign_rank(const struct acctassign *a, size_t acct);
/* The index of account in a->acct, or -1 if it is not in the selection. */
long acctassign_find(const struct acctassign *a, const char *account);
void acctassign_free(struct acctassign *a);

#endif
