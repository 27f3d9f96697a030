/*
 * trail: the closed deals of a trailing window by rep or by group (a
 * team, a manager's reps), as perf.h counts them for one slot (won,
 * won_count, lost_count and the cycles of the wins), from a summary of
 * each month that writers keep beside the checkpoints, so that
 * deal-forecast's required_coverage and velocity over the last 365 days
 * replay the current month alone.
 *
 *   t = trail_scan(s, stages, from, to, NULL, g);  NULL: a summary is missing
 *   i = intern_get(t->reps, id, len);          -1: nothing of that rep (group)
 *   ... t->fig[i].won, .won_count, .lost_count, .cycle_days, .ncycles ...
 *   trail_free(t);
 *
 * A month's summary (cache/trail-YYYY-MM-FINGERPRINT) is a fold of that
 * month's events alone, each kept with the day that decides whether a
 * window counts it:
 *   credits      each win's credit, with its cycle, on the day of the win:
 *                to one rep alone (not an overlay), added up by rep and
 *                day; else each of its shares (history_shares()), which a
 *                group counts once, without the overlays, as perf.h's
 *                credit_rows(); each cancel of a won deal takes the same
 *                back on the day of the win it cancels (history.h: undone
 *                when that day is in the window, else cancelled, which
 *                these figures leave out)
 *   losses       the deals whose last lost, reopen or won event of the
 *                month is a loss: the rep and the day of that loss
 *   touched      every deal with a lost, reopen or won event in the month
 * A window from..to then counts the credits dated from on, and each loss
 * dated from on whose deal no later month up to to touched: perf.h's
 * "once, for the rep of its last lost event, and not when reopened or
 * won after it".  Each counts in the rows of its rep on its day: the rep,
 * or with groups (org.h) the rep's groups that day.  The month of to is
 * folded afresh, from its first day.
 *
 * Worked example (a window from 2025-11-27 to 2026-11-26): D7, won on
 * 2025-11-20 and cancelled on 2025-12-02, is a credit of 2025-11-20 and
 * a credit taken back on the same day, both before from: nothing.  D10,
 * split r1:60 r2:40 with an overlay r3:10 and won for 1000.00 on
 * 2026-06-15, while r1 and r2 are in team north and r3 in south: r1 won
 * 600.00, r2 400.00 and r3 100.00, one win each; north won 1000.00 in one
 * win, south nothing (an overlay is not the team's).  D8,
 * lost on 2025-12-10 and reopened on 2026-02-03: a loss of December, but
 * February touched it: not counted.  D9, lost by r1 on 2026-10-30: a loss
 * of October that no later month touched: one loss of r1.
 *
 * The fingerprint is the checkpoint's of the month (the name, size and
 * modification time of every deal month file up to it), stages.tsv's
 * size and time, and the format's number.  A summary is a cache: missing, of another fingerprint
 * or not whole, and trail_scan() returns NULL, and the caller replays the
 * window (perf_scan_what()); so does a window with a month where a deal
 * became won other than by a won event (a stage of category won), whose
 * cancel perf.h takes back without a cycle.  Writers make the summaries
 * of the TRAIL_MONTHS complete months before today's that lack one, in
 * the background beside the checkpoints (trail_cache, history.h's
 * history_cache, beside), in one replay from the first one's start (a
 * month's summary is the same whichever replay folds it: a cancel of a
 * win of an earlier month is always placed by the window); when they do,
 * they make again one that is not whole too.
 */
#ifndef TRAIL_H
#define TRAIL_H
#include <stdint.h>
#include "date.h"
#include "history.h"
#include "intern.h"
#include "stage.h"
#include "store.h"

enum { TRAIL_MONTHS = 13 };

struct trail_fig {
	int64_t won, won_count, lost_count;
	int64_t cycle_days, ncycles;	/* the sum of the wins' cycles, how many */
};

struct trail {
	struct intern *reps;
	struct trail_fig *fig;		/* by index in reps */
};

/*
 * cur: the events of to's month from its first day (trail_first_day(to))
 * to to, folded by trail_month_event() in a replay the caller makes
 * anyway (deal-forecast's), or NULL to have them folded here; taken.
 * g: the groups whose rows are wanted (org.h's; their names in t->reps),
 * or NULL for every rep's own.
 */
struct trail_month;
struct org_groups;
struct trail *trail_scan(struct store *s, const struct stages *st, date_t from, date_t to,
			 struct trail_month *cur, struct org_groups *g);
/* A month folded from its first day first (trail_first_day()). */
struct trail_month *trail_month_new(date_t first);
void trail_month_event(struct trail_month *m, struct history *h, const struct hist_event *ev);
void trail_month_free(struct trail_month *m);
date_t trail_first_day(date_t to);
/* The same figures from a replay of the window (perf.h's, slot 0). */
struct perf;
struct trail *trail_of_perf(struct perf *p);
void trail_free(struct trail *t);

extern const struct history_cache trail_cache;

#endif
