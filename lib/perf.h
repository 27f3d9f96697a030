/*
 * perf: the figures of perf-report (and of any program that judges reps),
 * from one pass over the deal ledger and the period's activity files.
 *
 *   p = perf_scan(s, stages, &period, by_month);
 *   ... p->reps (intern: rep id -> index), p->fig[index * p->nslots + slot] ...
 *   perf_free(p);
 *
 * A slot is the whole period (nslots == 1) or, with by_month, each month
 * the period touches (slot 0 = the period's first month).
 *
 * Definitions (DESIGN.md 8; history.h's credit, with the slot as the
 * period), per rep and slot.  A split deal's credit (won, cancelled, and
 * won_count and cycles once per row) goes to each share's rep
 * (history_shares), an overlay's only to rows that are reps: a team's or
 * a manager's row counts the deal once.  Its losses and its pipeline stay
 * its owner's.
 *   won, won_count         the credited revenue: won events dated in the
 *                          slot, less those cancelled in it, and how many
 *   cancelled              cancels dated in the slot of wins of earlier
 *                          slots: not taken off won (net_won = won -
 *                          cancelled)
 *   lost_count             deals lost in the slot: a deal counts once, for
 *                          the rep of its last lost event in the slot, and
 *                          not when it is reopened after that in the slot
 *   cycles                 days from opened to won of each win counted
 *   pipeline, weighted100  open deals at the end of the slot (or today, if
 *                          sooner): their amount, and the sum of
 *                          amount x stage probability (divide by 100)
 *   activities             activities dated in the slot
 *
 * Every figure is cut at the period's end, or at today if that is sooner:
 * events and activities dated after today are not counted yet (a report
 * with --today in the past shows the period as it stood that day).
 *
 * A fold over the replay of history.h from the period's start, cut at
 * each slot's end; activities are a scan of the period's month files
 * (scan.h).  Bad rows are fatal (run sales-check).
 */
#ifndef PERF_H
#define PERF_H
#include <stddef.h>
#include <stdint.h>
#include "intern.h"
#include "period.h"
#include "stage.h"
#include "store.h"

struct perf_fig {
	int64_t won, cancelled;
	int64_t won_count, lost_count, open_count;
	int64_t pipeline, weighted100;
	int64_t activities;
	int64_t *cycles;
	size_t ncycles, cycles_cap;
};

struct perf {
	struct intern *reps;
	size_t nslots;
	struct perf_fig *fig;	/* intern_count(reps) * nslots */
	size_t cap;		/* rows allocated */
	date_t today;
	struct history *replay;	/* PERF_REPLAY's, or NULL */
};

struct perf *perf_scan(struct store *s, const struct stages *st, const struct period *p,
		       date_t today, int by_month);
/*
 * The same with the rows of g (org.h) instead of reps: each won, lost and
 * cancel event and each activity counts in the rows of its rep on its
 * date, the open pipeline at a cut in the rows of its owner on the cut
 * day.  p->reps then names those rows (teams, managers, or reps filtered
 * by team or manager).
 */
struct org_groups;
struct dealset;
struct history;
struct perf *perf_scan_groups(struct store *s, const struct stages *st,
			      const struct period *p, date_t today, int by_month,
			      struct org_groups *g);
/* The same counting only the activities of act_kind (call, email ...;
 * NULL: every kind) in activities; g may be NULL. */
struct perf *perf_scan_kind(struct store *s, const struct stages *st,
			    const struct period *p, date_t today, int by_month,
			    struct org_groups *g, const char *act_kind);
/* The same reading only what is asked for: PERF_DEALS, the deal ledger
 * (won ... weighted100), PERF_ACTIVITIES, the activity files (activities);
 * the figures of what is not read stay 0, and a rep met only there has
 * no index.  With PERF_REPLAY as well as PERF_DEALS, the deal ledger's
 * replay (history.h, wanting no account or product) is left in
 * p->replay at the cut, the period's end or today if that is sooner,
 * every event up to it taken: for a caller that wants the deals' states
 * then too (age_of_replay()); perf_free() closes it. */
enum { PERF_DEALS = 1, PERF_ACTIVITIES = 2, PERF_REPLAY = 4 };
struct perf *perf_scan_what(struct store *s, const struct stages *st,
			    const struct period *p, date_t today, int by_month,
			    struct org_groups *g, const char *act_kind, unsigned what);
/* The same folding only the deals of only (dealset.h;
 * history_open_only()): right for the reps whose deals they all are
 * (history_deals_since()), the others' deal figures partial; and, with
 * rep (not NULL) and no g, counting only rep's activities, the others'
 * rows split no further than their rep (scan_fd_keep()). */
struct perf *perf_scan_only(struct store *s, const struct stages *st,
			    const struct period *p, date_t today, int by_month,
			    struct org_groups *g, const char *act_kind, unsigned what,
			    const struct dealset *only, const char *rep);
/* The figures of rep (index) in slot. */
struct perf_fig *perf_at(struct perf *p, size_t rep, size_t slot);
void perf_free(struct perf *p);

#endif
