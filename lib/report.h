/*
 * report: the perf-report table: one row per rep, team, or rep and month,
 * computed from the figures of perf.h and the quotas of quota.h, ranked,
 * sorted and printed through out.h.  Kept apart from the program so that
 * the nightly report and later HTML output use the same rows.
 *
 * Columns (DESIGN.md 8): month (with by 'm'), rep (not with by 't'), team,
 * name, quota, quota_period, won, attainment (% of quota), expected (pace:
 * quota x elapsed days / days of the quota period), pace (on-track when
 * won >= expected, behind when won < 90% of expected, else at-risk),
 * won_deals, lost_deals, win_rate (% of closed deals won), avg_deal,
 * cycle_days (median days from open to won), pipeline and weighted (open
 * deals at the period's end), activities, rank (by attainment, then won).
 * A table on a terminal adds a bar for attainment, or a trend sparkline
 * per rep with by 'm'.
 *
 * With flag (by 'r' only) a last column, flag: "pip" when the rep's
 * attainment stayed below pip_threshold % in each of the pip_periods
 * latest complete quota periods (ended before today and by the period's
 * end; consecutive, of the kind of the latest one: months, quarters ...),
 * else "top" when the rep is at or above 100% of quota in the period, else
 * empty.  A quota period's attainment is its won (perf.h) over its quota
 * (quota.h); one without a positive quota breaks the run.
 */
#ifndef REPORT_H
#define REPORT_H
#include "date.h"
#include "out.h"
#include "period.h"
#include "store.h"

struct report_options {
	char by;		/* 'r' rep, 't' team, 'm' rep and month */
	const char *rep, *team, *sort;
	enum out_format format;
	int no_header;
	date_t today;
	int fiscal_year_start;
	int flag;		/* the flag column (--flag) */
	long pip_threshold, pip_periods;
};

/* Print the report; dies with a message on bad options (unknown rep). */
void report_perf(struct store *s, const struct period *p, const struct report_options *o);

#endif
