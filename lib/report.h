/*
 * report: the rows of perf-report: one per rep, team, or rep and month,
 * from the figures of perf.h and the quotas of quota.h, as typed values.
 * The program ranks, sorts and prints them (out.h, html.h); the nightly
 * report and the HTML page use the same rows.
 *
 *   r = report_perf(s, &period, &opt);    the rows, in no particular order
 *   ... r->row[i].has[c], .v[c] (numbers, in report_cols[c].unit),
 *       .text[c] (text columns) ...
 *   report_free(r);
 *
 * Columns (DESIGN.md 8): month (with by 'm'), rep (not with by 't'), team,
 * name, quota, quota_period, won (the credited revenue of history.h: the
 * period's wins less those cancelled in it), cancelled (cancels of wins of
 * earlier periods), net_won (won - cancelled), attainment (won as a % of
 * quota, in tenths),
 * expected (pace: quota x elapsed days / days of the quota period), pace
 * (on-track when won >= expected, behind when won < 90% of expected, else
 * at-risk), won_deals, lost_deals, win_rate (% of closed deals won, in
 * tenths), avg_deal, cycle_days (median days from open to won, doubled),
 * pipeline and weighted (open deals at the period's end), activities,
 * coverage (pipeline / (revenue quota - won), in tenths), required_coverage
 * ((won_deals + lost_deals) / won_deals, in tenths) and velocity (open
 * deals at the period's end x win_rate x avg_deal / the mean of the
 * cycles of the wins counted, money per day) of coverage.h, each from the
 * row's own period (or month), and
 * with metric, metric: the quota, expected and pace are those of the
 * quota rows of that metric (quota.h), and attainment is over won for
 * revenue, won_deals for deals, activities for activities (and for
 * activities.KIND, when activities counts that kind only); and
 * with flag (by 'r' only) flag: "pip" when the rep's attainment stayed
 * below pip_threshold % in each of the pip_periods latest complete quota
 * periods (ended before today and by the period's end; consecutive, of the
 * kind of the latest one: months, quarters ...), else "top" when the rep
 * is at or above 100% of quota in the period, else empty.  A quota
 * period's attainment is its won (perf.h; or won deals or activities, by
 * the metric) over its quota (quota.h); one without a positive quota
 * breaks the run.
 *
 * Rows: every rep of the roster that is active or has anything in the
 * period (of opt.rep if set), or every team (opt.team: that one), or every
 * manager (by 'M'); with by 'm' one per month of the period for each.
 * Each event counts where its rep was on the event's date (org.h): a
 * team's figures are its reps' while they were on it, reps without a team
 * are the team ORG_NO_TEAM; a manager's (level 1 for a first-line
 * manager, 2 above ...) are those of everyone in their organisation that
 * day.  opt.team and opt.manager keep only the events of reps while on
 * that team or in that manager's organisation.  A team's quota is its
 * own, else the sum of its reps' counted for their days on the team
 * (quota_members(), "sum of reps"); a manager's the sum of the quotas of
 * the reps in their organisation, the same way.  slot is the month (0 for the whole period),
 * who the rep or team, so that a program can rank within a month and draw
 * a rep's trend.
 *
 * reps and teams are reps.tsv and teams.tsv, which the caller loaded (and
 * checked opt.rep and opt.team against); they must outlive the rows.
 */
#ifndef REPORT_H
#define REPORT_H
#include <stddef.h>
#include <stdint.h>
#include "date.h"
#include "out.h"
#include "period.h"
#include "store.h"
#include "table.h"

enum {
	RC_MONTH, RC_MANAGER, RC_LEVEL, RC_REP, RC_TEAM, RC_NAME, RC_QUOTA, RC_QPERIOD, RC_WON,
	RC_CANCELLED, RC_NETWON, RC_ATTAIN,
	RC_EXPECTED, RC_PACE, RC_WONDEALS, RC_LOSTDEALS, RC_WINRATE, RC_AVG, RC_CYCLE,
	RC_PIPE, RC_WEIGHTED, RC_ACTS, RC_FLAG, RC_METRIC, RC_COVERAGE, RC_REQCOV, RC_VELOCITY,
	REPORT_NCOLS
};

/* A column: its name, kind and priority (out.h), and for a number its unit. */
struct report_col {
	const char *name;
	enum out_kind kind;
	int prio;
	enum out_unit unit;
};
extern const struct report_col report_cols[REPORT_NCOLS];
/* Column c as o reports it: quota and expected are counts for a counted
 * metric. */
struct report_options;
struct dealset;
struct history;
struct quota_index;
struct report_col report_col(const struct report_options *o, int c);

struct report_row {
	int has[REPORT_NCOLS];
	int64_t v[REPORT_NCOLS];
	const char *text[REPORT_NCOLS];
	size_t slot, who;
	char month[32], qperiod[48];	/* the texts of those columns */
};

struct org;
struct report_options {
	char by;		/* 'r' rep, 't' team, 'm' rep and month, 'M' manager */
	const char *rep, *team, *manager;
	const struct org *o;	/* what was true on each day (org.h) */
	date_t today;
	int fiscal_year_start;
	int flag;		/* the flag column (--flag) */
	long pip_threshold, pip_periods;
	const struct table *reps, *teams;
	const char *metric;	/* NULL: revenue, and no metric column */
	int no_activities;	/* the activities column is not wanted: unless
				 * the metric counts activities, they are not
				 * read and it is 0 */
	/* NULL, or the deals to fold alone (perf_scan_only()): then only
	 * rep's row is right, rep's deals being all among them, and only
	 * rep's activities are counted */
	const struct dealset *only;
	/* keep the deals' replay (perf.h's PERF_REPLAY): report_replay() */
	int keep_replay;
	/* NULL: the period's rows of quotas.tsv are loaded and indexed;
	 * else rows that hold those of every row the report shows (rep's
	 * alone, with rep and 'r'), indexed (quota.h; more rows do no harm:
	 * quota_for() judges each), which must outlive the report; not
	 * with flag, which loads them all */
	const struct quota_index *quotas;
};

struct report {
	struct report_row *row;
	size_t n;
	struct report_priv *p;
};

struct report *report_perf(struct store *s, const struct period *p,
			   const struct report_options *o);
/* The deals' replay of a report made with keep_replay, at the period's
 * cut (perf.h), until report_free(); else NULL. */
struct history *report_replay(const struct report *r);
void report_free(struct report *r);

#endif
