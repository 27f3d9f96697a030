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

struct quota_result {
	int64_t target;		/* minor units for revenue, a count otherwise */
	struct period basis;
	char used[48];
};

int quota_for(const struct table *quotas, const char *rep, const char *team,
	      const char *metric, const struct period *p, int fiscal_year_start,
	      struct quota_result *r);

#endif
