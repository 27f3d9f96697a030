/*
 * diagnose: each rep's weak spots against their peers (rep-diagnose(1),
 * rep-show(1)).  The definitions below are the documentation; the man
 * page rep-diagnose(1) says the same for users.
 *
 *   d = diagnose_run(s, &opt);                one pass over the ledgers
 *   b = diagnose_basis(d);                    the window and what it holds
 *   rows = xcalloc(diagnose_nmetrics(d), sizeof *rows);
 *   n = diagnose_rows(d, "anna", rows);       one row per metric, typed
 *   diagnose_free(d);
 *
 * The window: opt.period when opt.has_period; else the last two complete
 * calendar quarters before today when they hold a deal event or an
 * activity of a rep of reps.tsv, else this calendar quarter up to today
 * (a young company's data starts there).  diagnose_basis() says which
 * (DIAGNOSE_ASKED, DIAGNOSE_QUARTERS, DIAGNOSE_TO_DATE, with the quarters
 * tried), and counts the deal events and activities of the roster in it.
 *
 * A row (struct diagnose_row) is rep metric value peer_median peer_p25
 * percentile peers n low high verdict skill course, each number with its
 * unit (out.h: tenths, money, a count, or a count's median that may end
 * in .5); the program prints them.  Its strings live as long as d.
 *
 * diagnose_run() reads reps.tsv, quotas.tsv, courses.tsv, training.tsv,
 * stages.tsv, every deal month file up to the period's end (a deal's
 * stage before an event is the one its last event left it in) and the
 * period's activity files, and the period's lost events again for their
 * reasons; or, for a period whose figures the writers keep
 * (diagnose_cache below), those figures instead of the ledgers.  Bad rows
 * are fatal (run sales-check).
 *
 * Metrics, per rep, over the period (days: the days of the period up to
 * today during which the rep was on the roster, from hired to ended):
 *   activities_per_week        activities dated in the period x 7 / days
 *   activities_per_week.KIND   the same for each kind (call ... other)
 *   deals_opened_per_week      open events x 7 / days
 *   A->B                       for each open stage A (stages.tsv order) and
 *                              the next open stage B (or the won stage):
 *                              of the events in the period that took a
 *                              deal out of stage A (to a later stage, won
 *                              or lost), the percentage that took it
 *                              forward.  A move back, an amend, a reopen
 *                              or a cancel is no exit.
 *   win_rate                   won / (won + lost) events in the period, %
 *   avg_deal                   amount won / deals won (money)
 *   cycle_days                 median days from opened to won
 *   attainment                 (won - cancelled) / revenue quota, % (quota.h)
 *   overdue_training           assignments due before today, not completed,
 *                              not withdrawn (training.h)
 *   lost_reason.REASON         for each reason of a lost event in the period
 *                              (reasons_lost(), reason.h; "(none)" for an
 *                              empty one), in byte order: the % of the rep's
 *                              lost events with it; more is worse
 * Every value is rounded half away from zero to what is printed: one
 * decimal, money to the currency's minor units, overdue_training whole.
 * Comparisons use the printed values.
 *
 * Peers: the other reps, not gone, of the same kind (roster.h: seller or
 * manager; any kind with include_managers) and the same role (or team: the
 * team each was on at the end of the period, or today if sooner; or all),
 * whose metric has a value.  is_peer() in diagnose.c is the one place that
 * says who is a peer.  peer_median is their median (the mean of the
 * two middle values for an even count); peer_p25 their 25th percentile by
 * nearest rank (the value at rank ceil(m / 4) of m sorted values), or for
 * cycle_days, overdue_training and lost_reason.*, where more is worse, the
 * 75th percentile
 * (rank ceil(3m / 4)): the quartile on the weak side.  percentile is
 * 100 x (peers strictly below + half the peers equal) / m.
 *
 * Intervals (90%, z = 1.6449):
 *   rates      Wilson score interval of k of n (a reason's share too)
 *   per week   the score interval of a Poisson count k:
 *              (k + z^2/2 -+ z sqrt(k + z^2/4)) x 7 / days
 *   avg_deal   mean -+ z s / sqrt(n), s the sample standard deviation
 *   cycle_days the order statistics of ranks floor((n - z sqrt(n)) / 2) and
 *              ceil(1 + (n + z sqrt(n)) / 2), clamped to 1..n
 * The n column is the sample: k for a per-week metric, the exits of the
 * stage, the closed deals, the won deals, the assignments.
 *
 * Verdict: weak, strong or ok, unless the data is too thin to judge:
 * no-data when the rep's metric has no value, too-few-peers with fewer
 * than DIAGNOSE_MIN_PEERS peers, too-few-deals for avg_deal and
 * cycle_days with fewer than DIAGNOSE_MIN_N won deals (in that order).
 * Otherwise, where more is better, weak when the value is
 * below peer_p25 and the interval's high is below peer_median; strong when
 * it is above the 75th percentile and the low is above peer_median (mirror
 * images where more is worse).  attainment and overdue_training have no
 * interval: the quartile alone decides.
 *
 * Skills of a weak metric (fixed): activities and deals opened ->
 * prospecting, lead->qualified -> qualification, qualified->proposal ->
 * presentation, proposal->negotiation -> negotiation, the last open stage
 * -> won -> closing, avg_deal -> negotiation, cycle_days -> pipeline
 * management (the skill id "pipeline-management").  The course is the
 * first course of that skill in courses.tsv (by id) that the rep has not
 * passed and is not assigned to now, and that is not already suggested to
 * the rep in an earlier row.  A pass: completed, with at least the course's
 * pass_score when both are set, and not older than valid_days.  A
 * manager is suggested no course: the skills are a seller's.
 */
#ifndef DIAGNOSE_H
#define DIAGNOSE_H
#include <stddef.h>
#include <stdint.h>
#include "date.h"
#include "history.h"
#include "out.h"
#include "period.h"
#include "store.h"

#define DIAGNOSE_Z 1.6449
#define DIAGNOSE_MIN_PEERS 3
#define DIAGNOSE_MIN_N 5

enum diagnose_peers { PEERS_ROLE, PEERS_TEAM, PEERS_ALL };
struct table;

struct diagnose_options {
	struct period period;
	int has_period;			/* 0: the default window */
	date_t today;
	enum diagnose_peers peers;
	int include_managers;		/* peers of any kind */
	int fiscal_year_start;
	/* NULL: each is loaded; else reps.tsv (sorted by rep), teams.tsv and
	 * config.tsv as the caller has them, which must outlive the
	 * diagnosis */
	const struct table *reps, *teams, *config;
};

enum diagnose_window { DIAGNOSE_ASKED, DIAGNOSE_QUARTERS, DIAGNOSE_TO_DATE };

struct diagnose_basis {
	struct period period;		/* the window measured */
	enum diagnose_window window;
	struct period tried;		/* DIAGNOSE_TO_DATE: the empty quarters */
	int64_t events, activities;	/* of the roster, in the window */
};

struct diagnose_val {
	int has;
	int64_t v;
	enum out_unit unit;
};

struct diagnose_row {
	const char *rep, *metric;
	struct diagnose_val value, median, quartile, percentile, low, high, n;
	size_t peers;
	const char *verdict, *skill, *course;
};

struct diagnosis;

/* "role", "team", "all"; 0 or -1. */
int diagnose_peers_parse(const char *s, enum diagnose_peers *p);
struct diagnosis *diagnose_run(struct store *s, const struct diagnose_options *o);
const struct diagnose_basis *diagnose_basis(const struct diagnosis *d);
/* Is rep in reps.tsv?  A manager (roster.h)?  How many peers has rep (of
 * any metric's value or none)?  rep must be known for the last. */
int diagnose_known(const struct diagnosis *d, const char *rep);
int diagnose_manager(const struct diagnosis *d, const char *rep);
size_t diagnose_npeers(const struct diagnosis *d, const char *rep);
size_t diagnose_nmetrics(const struct diagnosis *d);
/* rep's rows into rows (room for diagnose_nmetrics); rep must be known. */
size_t diagnose_rows(struct diagnosis *d, const char *rep, struct diagnose_row *rows);
void diagnose_free(struct diagnosis *d);

/*
 * The ledgers' figures of the default window (each rep's counts, sums and
 * the intervals of their lists), kept by the writers beside the month
 * checkpoints (history_checkpoint()) in cache/diagnose-FROM-TO-HASH.tsv;
 * HASH changes with every file they are counted from, so a change there
 * leaves the cache unused until a writer makes it again.  diagnose_run()
 * reads it for a window it covers, and counts from the ledgers when there
 * is none: the same figures either way.
 */
extern const struct history_cache diagnose_cache;

/*
 * The default window's quota targets, which the writers keep beside the
 * figures (cache/quota-targets-FROM-TO-HASH.tsv, HASH over the size and
 * time of quotas.tsv), carried over a change of quotas.tsv that leaves
 * every target as it was: quota_for() reads only the rows whose days
 * overlap the window, so quotas set for other days (next quarter's, this
 * quarter's: the window is the two quarters before this one) change
 * none, and the targets need not be made again from the whole table.
 *
 *   diagnose_targets_hold(s, today, &t);    before the change: the name now
 *   diagnose_targets_touch(&t, "2026-12", fys); each period of a row the
 *                                            change sets, adds or removes
 *   diagnose_targets_carry(s, &t);           after the change: the cache
 *                                            renamed to quotas.tsv's new
 *                                            name, unless a period touched
 *                                            overlapped the window (or did
 *                                            not parse)
 */
#define DIAGNOSE_NAMESZ 96	/* a cache's name: "cache/..." */

struct diagnose_targets {
	struct period window;
	char name[DIAGNOSE_NAMESZ];
	int touched;
};

void diagnose_targets_hold(struct store *s, date_t today, struct diagnose_targets *t);
void diagnose_targets_touch(struct diagnose_targets *t, const char *period, int fys);
void diagnose_targets_carry(struct store *s, const struct diagnose_targets *t);

#endif
