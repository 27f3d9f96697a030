/*
 * scorecard: what a manager looks at before a rep's 1:1, as (field,
 * value) rows for rep-show, from the engines the reports use: the
 * quarter's quota, won, attainment and pace and the rep's pipeline
 * (report.h, as perf-report --rep shows them), the open deals and the
 * stale ones among them (age.h, as deal-age --idle shows them), and the
 * activities of each of the last six months (perf.h).
 *
 *   scorecard_show(s, reps, teams, quotas, rep, today, show, arg);
 *
 * Fields, in this order:
 *   quarter          this quarter, perf-report's default period:
 *                    "2026-Q4"
 *   quota, won, attainment, pace, pipeline, weighted
 *                    perf-report's columns for the rep over the quarter
 *                    ("" where it has none, such as no quota)
 *   deals_open       the rep's open deals today
 *   deals_stale      those idle for stale_days days or more (config.tsv,
 *                    default 30), "D12 (45 days), D17 (31 days)", most idle
 *                    first
 *   activity_trend   "2026-06 12, 2026-07 9, ...": the activities logged in
 *                    each of the six months up to today's (to date)
 * reps and teams are reps.tsv and teams.tsv; rep is on the roster.
 * quotas: NULL, or rows of quotas.tsv that hold the quarter's, indexed
 * (report.h).
 * Errors: those of the engines (a bad ledger row is fatal).
 */
#ifndef SCORECARD_H
#define SCORECARD_H
#include "date.h"
#include "store.h"
#include "table.h"

struct quota_index;

void scorecard_show(struct store *s, const struct table *reps, const struct table *teams,
		    const struct quota_index *quotas, const char *rep, date_t today,
		    void (*show)(void *arg, const char *field, const char *value), void *arg);

#endif
