/*
 * quota: which target applies to a report's period (DESIGN.md 6, the
 * "Quota periods" rule of perf-report).
 *
 * The quota of a rep (or a team's own quota rows) for a metric over period
 * p is the sum of the quota rows whose periods lie wholly within p (a
 * quarter's quota is the sum of its months' when only months are set).  If
 * none do, but p lies inside one quota period (month to date inside the
 * month), that period's quota is used and pace is measured on it.
 *
 * quota_for() returns 1 and fills r when a quota applies, 0 when none does.
 * r->basis is the period the target is for: p itself when rows inside p
 * were summed, else the enclosing quota period; r->used names it for the
 * output ("2026-11", "2026-Q4", or "3 rows in 2026-Q4").
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
	struct period basis;
	char used[48];
};

/*
 * quotas.tsv with only the rows quota_for() can use for period p: those
 * whose period overlaps p (a row whose period does not parse is kept, for
 * quota_for to judge).  A report over one month of ten years of quotas
 * then reads them but keeps a month's worth.
 */
struct store;
struct table *quota_load(struct store *s, const struct period *p, int fiscal_year_start);
int quota_for(const struct table *quotas, const char *rep, const char *team,
	      const char *metric, const struct period *p, int fiscal_year_start,
	      struct quota_result *r);

/*
 * The revenue quota of a group of reps (a team, a manager's organisation)
 * as the sum of its members': each rep's quota for p (quota_for() in
 * quotas[i], a table that holds that rep's rows) counts for the days of
 * its basis period the rep was in the group, days(arg, rep, from, to):
 * target x days / days of the basis, rounded half away from zero, so a rep
 * who joined or left part way counts for their part.  r->used says "sum
 * of reps"; r->basis is the members' basis when they share one, else p.
 * 1 if any member had a quota, else 0.
 */
typedef long quota_days_fn(void *arg, const char *rep, date_t from, date_t to);
int quota_members(const struct table *const *quotas, const char *const *reps, size_t n,
		  const struct period *p, int fiscal_year_start, quota_days_fn *days,
		  void *arg, struct quota_result *r);

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
/* Is metric one of revenue, deals, activities? */
int quota_metric_valid(const char *metric);

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

#endif
