/*
 * age: how long the open deals have sat, for pipeline hygiene (deal-age):
 * one fold of the replay (history.h) up to today, plus the activities
 * that name a deal.
 *
 *   a = age_scan(s, stages, today, AGE_STAGES);
 *   for (i = 0; i < a->n; i++)
 *           ... a->deal[i]: an open deal at the end of today, by number ...
 *   for (j = 0; j < stages->n; j++)
 *           ... a->stay[j]: the stays in stage j that ended ...
 *   age_free(a);
 *
 * What the figures are (deal-age(1) has worked examples):
 *   stage_since   the date of the event that put the deal at its stage:
 *                 its open, a move to another stage or a reopen; an amend
 *                 or a push at the same stage leaves it
 *   stage_days    today - stage_since
 *   pushes        the events that moved the expected close date later
 *                 (an expected date set for the first time is no push)
 *   last_event    the date of the deal's latest event
 *   last_activity the latest activity dated from the day the deal opened
 *                 up to today whose deal column names the deal
 *                 (HIST_NO_DATE: none); from the activity index when it
 *                 can tell (actindex.h), else from the ledger
 *   idle_days     today - the later of last_event and last_activity
 * A stay that ended is a deal leaving an open stage for another stage, or
 * closing (won, lost, cancelled): its days are the event's date -
 * stage_since.
 *
 * Without AGE_STAGES the replay starts from the checkpoint before today
 * (history.h) instead of the first month, which is what a report of idle
 * deals needs and costs a month, not the whole history: stage_since,
 * stage_days, pushes and the stays are then 0 and not to be shown.
 *
 * Rep, account and product ids are history_name()'s, through age_name().
 * Errors: those of history.h and activity.h (a bad ledger row is fatal,
 * naming the file and line); memory runs out fatally (xalloc.h).
 */
#ifndef AGE_H
#define AGE_H
#include <stddef.h>
#include <stdint.h>
#include "history.h"
#include "ledger.h"
#include "scan.h"

struct age_deal {
	size_t deal;			/* its number: 12 for D12 */
	struct hist_deal d;		/* its state at the end of today */
	date_t stage_since, last_activity;
	uint32_t pushes;
	int64_t stage_days, idle_days;
};

struct age_stays {
	int64_t *days;			/* one per stay that ended */
	size_t n, cap;
};

struct age {
	struct age_deal *deal;
	size_t n;
	struct age_stays *stay;		/* one per stage of stages.tsv */
	size_t nstages;
	struct history *h;		/* for the names */
	int lent;			/* h is the caller's (age_of_replay()) */
	struct dealset *only;		/* its deals, when h replays them alone */
};

enum { AGE_STAGES = 1 };
struct age *age_scan(struct store *s, const struct stages *st, date_t today, unsigned what);
/*
 * The same keeping only the open deals of rep (NULL: every rep): the
 * activities, when the index cannot tell, are then read from the month
 * the oldest of them opened.
 * from (DATE_MIN: the first month) is where the replay of AGE_STAGES may
 * start (from the checkpoint before it), for a caller that knows the
 * deals open today opened on or after it: a deal's figures rest on its
 * own events alone, all dated from its open on.  The figures are those
 * of the whole replay whatever from is: when a deal open today opened
 * before it, the replay starts again from the first month.  The stays
 * are kept only by a replay of the whole history (else none).
 */
struct age *age_scan_rep(struct store *s, const struct stages *st, date_t today,
			 unsigned what, const char *rep, date_t from);
/*
 * The same about the deals of only (dealset.h) alone
 * (history_open_only()): the figures of each of them are the whole
 * replay's, and no stays are kept.  only must outlive the result.
 */
struct age *age_scan_only(struct store *s, const struct stages *st, date_t today,
			  unsigned what, const char *rep, date_t from,
			  const struct dealset *only);
/*
 * The deals open at the end of today of reps[0 .. nreps) (one rep, or a
 * team's), with AGE_STAGES, and maybe others: what age_scan() gives of
 * them, at the cost of those reps' deals.  When today is in the ledger's
 * last month or after it, every deal open then is among the deals
 * history_open_latest_of() names (open in the checkpoint before that
 * month, or in a line of it), so those still open or touched after today
 * are replayed alone (age_scan_only(), from the day the oldest of them
 * opened); else (a past today) it is age_scan().  The caller leaves out
 * the deals of other reps, as it would from age_scan()'s.
 */
struct age *age_scan_of(struct store *s, const struct stages *st, date_t today,
			const char *const *reps, size_t nreps);
/*
 * The open deals of rep (NULL: every rep) at the end of today, as
 * age_scan_only() gives them without AGE_STAGES, from h: a replay
 * (history.h) already at the end of today, of every deal or of a
 * dealset that holds rep's open deals (perf.h's PERF_REPLAY of a period
 * that holds today), which must outlive the age (age_free() leaves it).
 * For a caller that has just folded that replay for something else
 * (rep-show's quarter): the deals are not replayed twice.  Only the ids
 * h was opened to want are named.  With tap, the one pass over the
 * activities also hands tap->fn every row of the months from tap->from
 * up to today's (the columns of enum age_act_col), for a caller that
 * counts something of those months too (rep-show's activity trend): the
 * months both want are read once.  tap->fn returns as scan_month()'s
 * callback.
 */
enum age_act_col { AGE_ACT_DATE, AGE_ACT_REP, AGE_ACT_DEAL, AGE_ACT_NCOLS };
struct age_tap {
	ledger_month from;
	scan_fn fn;
	void *arg;
};
struct age *age_of_replay(struct history *h, struct store *s, date_t today, const char *rep,
			  const struct age_tap *tap);
const char *age_name(const struct age *a, enum hist_id which, uint32_t i);
void age_free(struct age *a);

#endif
