/*
 * quota: which target applies to a report's period (DESIGN.md 6, the
 * "Quota periods" rule of perf-report).
 *
 * The quota of a rep (or a team's own quota rows) for a metric over period
 * p is built from the rows whose periods overlap p, day by day:
 *
 *  - a row lying wholly within p counts in full, unless it lies inside
 *    another such row (a quarter row replaces its months in a report over
 *    the year; of two rows with the same dates the first counts);
 *  - each day of p that no counted row covers takes its share from the
 *    shortest row reaching outside p that covers it: such a row counts
 *    target x (its days in p not covered otherwise) / (its days), rounded
 *    half away from zero to the minor unit (or the whole count), once per
 *    row.
 *
 * Worked example: quarterly quotas, 2026-Q4 (92 days) of 92,000.00.  Over
 * 2026-11 (30 days) the quota is 92,000.00 x 30 / 92 = 30,000.00; over
 * 2026-12-01..2026-12-04 it is 4,000.00; over 2026-Q4 it is the row.
 * With a row for 2026-11 of 25,000.00 as well, 2026-11 uses that row, and
 * 2026-11-15..2026-12-31 is 25,000.00 x 16 / 30 + 92,000.00 x 31 / 92 =
 * 13,333.33 + 31,000.00 (the days of November are the month's).
 *
 * quota_for() returns 1 and fills r when a quota applies, 0 when none does.
 * r->basis is p, the period the target is for (pace is measured on it);
 * r->prorated counts the rows counted for a share of their days;
 * r->used names the rows for the output: "2026-11" (one row in full;
 * p's own name when the row has p's days under another name),
 * "2026-Q4 30/92 days" (one row's share), "3 rows in 2026-Q4", or
 * "4 rows in 2026-11, 1 prorated".
 * Exactly one of rep and team is non-NULL.
 */
#ifndef QUOTA_H
#define QUOTA_H
#include <stdint.h>
#include "period.h"
#include "table.h"
#include "target.h"

struct quota_result {
	int64_t target;		/* minor units for revenue, a count otherwise */
	const char *metric;	/* quota_for()'s metric */
	struct period basis;
	char used[48];
	int prorated;		/* rows counted for a share of their days */
};

/*
 * quotas.tsv with only the rows quota_for() can use for period p: those
 * whose period overlaps p (a row whose period does not parse is kept, for
 * quota_for to judge).  A report over one month of ten years of quotas
 * then reads them but keeps a month's worth.
 */
struct store;
struct table *quota_load(struct store *s, const struct period *p, int fiscal_year_start);
/* quotas.tsv's rows of rep alone, of any period: what a look at one rep
 * (rep-show's quarter) can use.  Found in the file at once (scan_find())
 * when it is as quota-set writes it (its columns, no CR), without
 * splitting the other reps' rows; else read as quota_load() reads. */
struct table *quota_load_rep(struct store *s, const char *rep);
int quota_for(const struct table *quotas, const char *rep, const char *team,
	      const char *metric, const struct period *p, int fiscal_year_start,
	      struct quota_result *r);

/*
 * The quota of metric (revenue, deals, activities) of a group of reps (a
 * team, a manager's organisation) as the sum of its members': each rep's
 * quota for p (quota_for() in quotas[i], a table that holds that rep's
 * rows) counts for the days of its basis period the rep was in the group,
 * days(arg, rep, from, to):
 * target x days / days of the basis, rounded half away from zero, so a rep
 * who joined or left part way counts for their part.  r->used says "sum
 * of reps"; r->basis is the members' basis when they share one, else p.
 * 1 if any member had a quota, else 0.
 */
/*
 * The quota rows of each rep, for a report that looks up many reps:
 *
 *   qi = quota_index_new(quotas);          one pass over the rows
 *   quota_for(quota_index_rep(qi, rep), rep, NULL, ...)
 *   quota_index_free(qi);                  before quotas
 *
 * quota_index_rep() is a table of rep's rows of quotas in their order (a
 * view sharing their cells, none for a rep without rows; team rows are in
 * none), which quota_for() and quota_members() read as they read the
 * whole table for that rep.  It lives as long as qi.
 */
struct quota_index;
struct quota_index *quota_index_new(const struct table *quotas);
const struct table *quota_index_rep(const struct quota_index *qi, const char *rep);
/* The table qi indexes. */
const struct table *quota_index_table(const struct quota_index *qi);
void quota_index_free(struct quota_index *qi);

typedef long quota_days_fn(void *arg, const char *rep, date_t from, date_t to);
int quota_members(const struct table *const *quotas, const char *const *reps, size_t n,
		  const char *metric, const struct period *p, int fiscal_year_start,
		  quota_days_fn *days, void *arg, struct quota_result *r);

/*
 * How actual (in q's unit) stands against the quota q on today:
 * attainment, actual as a % of the target in tenths (has_attain: 0 for a
 * target of 0); expected, the target x elapsed days / days of q->basis
 * (rounded half away from zero; elapsed 0 before it starts, all after it
 * ends); pace, "on-track" when actual >= expected, "behind" when actual is
 * under 90% of it, else "at-risk" (NULL when expected overflows).
 */
struct quota_pace {
	int has_attain;
	int64_t attain, expected;
	const char *pace;
};
void quota_pace(const struct quota_result *q, int64_t actual, date_t today,
		struct quota_pace *r);

/*
 * What quota-set and quota-split accept, so both say the same.  Each
 * returns NULL for a good value, else the reason to put after the value
 * ("period '2026-11-26' is a day; a quota period is ..."), which stays
 * valid until the next call.
 *
 * quota_period(): s (absolute or relative to today) names a week, month,
 * quarter, year, fiscal quarter or fiscal year; p gets it, p->name being
 * the canonical form a quota row stores.
 * quota_target(): s is a target for metric, at least 0: an amount of money
 * for revenue, a whole number otherwise; canon (MONEY_BUFSZ) gets the
 * canonical form ("50000.00", "12").
 */
const char *quota_period(const char *s, date_t today, int fiscal_year_start,
			 struct period *p);
const char *quota_target(const char *metric, const char *s, char *canon);
/*
 * Is metric one of revenue, deals, activities or activities.KIND (the
 * activities of one kind: call, email, meeting, demo, visit, other; a
 * quota of the kind is met by those activities only)?  As quotas.tsv's
 * metric column (schema.h) has them.
 */
#define QUOTA_METRICS "revenue, deals, activities or activities.KIND"
int quota_metric_valid(const char *metric);
/* The KIND of activities.KIND, else NULL. */
const char *quota_metric_kind(const char *metric);
/* Is it activities, of every kind or of one? */
int quota_metric_activities(const char *metric);
/* Is it counted (deals, activities) rather than money (revenue)? */
int quota_metric_counted(const char *metric);

/*
 * A quota's key is (period, rep, team, metric), the one of rep and team
 * not set being "": quota_keys names those columns.  quota_find() returns
 * the row of a quota, or -1.  quota_put() sets its target (canonical),
 * adding the row if there is none (target.h): it returns QUOTA_ADDED or
 * QUOTA_REPLACED and appends to log the line for txn_log() ("set quota
 * 2026-Q4 rep anna revenue 50000.00\n", "replace quota 2026-Q4 team north
 * revenue 90000.00 (was 80000.00)\n"), or returns QUOTA_SAME and changes
 * nothing when the row has that target already.  quota_describe() puts
 * the key as those lines name it ("quota 2026-Q4 rep anna revenue") in buf.
 */
enum { QUOTA_ADDED = TARGET_ADDED, QUOTA_REPLACED = TARGET_REPLACED,
	QUOTA_SAME = TARGET_SAME };
enum { QUOTA_NKEYS = 4 };
extern const char *const quota_keys[QUOTA_NKEYS];
void quota_describe(char *buf, size_t size, const char *period, const char *rep,
		    const char *team, const char *metric);
long quota_find(const struct table *quotas, const char *period, const char *rep,
		const char *team, const char *metric);
int quota_put(struct table *quotas, const char *period, const char *rep,
	      const char *team, const char *metric, const char *target,
	      struct buf *log);

/*
 * One quota per span of days: 2026-Q4 and FY2027-Q3 (a fiscal year from
 * April) are the same days under two names, and only one of them may be
 * set for a rep or team and metric.  quota_same_days() returns the row
 * with the key of (period, rep, team, metric) but another name for the
 * same days, or -1.  quota_same_days_pairs() calls found(arg, row, first)
 * for every row whose days an earlier row (first, by place in the file)
 * of the same rep, team and metric has already, and returns how many.
 * Rows whose period does not parse are left out of both.
 */
long quota_same_days(const struct table *quotas, const char *period, const char *rep,
		     const char *team, const char *metric, int fiscal_year_start);
/* The same over quotas.tsv taken as lines (target_load): 1 when there
 * is such a row, 0 when there is none, -1 when tt is not lines or the
 * period does not parse (then ask quota_same_days() of the table). */
struct target_table;
int quota_same_days_lines(const struct target_table *tt, const char *period,
			  const char *rep, const char *team, const char *metric,
			  int fiscal_year_start);
/*
 * A row for period p hides the rows of its key that lie inside p (in a
 * report over p or longer the outer row counts, not they).
 * quota_hidden() returns the first such row from row start on, under
 * another name than p->name (the same days under another name too), or -1.
 */
long quota_hidden(const struct table *quotas, const struct period *p, const char *rep,
		  const char *team, const char *metric, int fiscal_year_start, size_t start);
size_t quota_same_days_pairs(const struct table *quotas, int fiscal_year_start,
			     void (*found)(void *arg, size_t row, size_t first), void *arg);

/*
 * Ramp for new hires: the percent of a full share a rep carries in each
 * month since the hire date (config.tsv "ramp 0,25,50,75": nothing in the
 * first month, a quarter in the second, ...; 100 from the fifth on).
 * quota_ramp_parse() fills r from such a list (empty: no ramp) and
 * returns 0, or -1 when it is not a list of at most QUOTA_RAMP_MAX whole
 * percents 0-100.  quota_ramp_weight() is the rep's weight in p: the sum
 * over the days of p from the hire date on of the percent of that day
 * (a full month since hire is counted from the same day of the month), so
 * a rep employed all of p without a ramp weighs 100 x its days, one hired
 * after p weighs 0.
 */
enum { QUOTA_RAMP_MAX = 24 };
struct quota_ramp {
	int pct[QUOTA_RAMP_MAX];
	size_t n;
};
int quota_ramp_parse(const char *s, struct quota_ramp *r);
int64_t quota_ramp_weight(const struct quota_ramp *r, date_t hired, const struct period *p);

#endif
