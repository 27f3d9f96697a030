/*
 * forecast: the pipeline forecast of deal-forecast and plan-report
 * (DESIGN.md 8), from one replay of the deal ledger, as it stood at the
 * end of any day.
 *
 *   f = forecast_new(FC_TEAM, reps, accounts);
 *   forecast_org(f, o, manager);               what was true on each day
 *   i = forecast_point(f, &period, as_of);     as many as wanted
 *   forecast_scan(f, s, stages);
 *   for (g = 0; g < intern_count(f->groups); g++)
 *           ... intern_name(f->groups, g), forecast_at(f, g, i) ...
 *   forecast_free(f);
 *
 * A point is a period and the day the forecast is made: the ledger is
 * taken as it stood at the end of as_of (events dated after it are not
 * seen).  Per group and point:
 *
 *   won, nwon          the revenue credited (history.h) by the events
 *                      dated in the period up to as_of: its wins, less
 *                      those cancelled in those days; amount and count
 *   open[c], weighted100[c], nopen[c]
 *                      the deals open at the end of as_of whose expected
 *                      close date lies in the period and is not before
 *                      as_of, by the category of their stage (c: FC_COMMIT,
 *                      FC_BEST, FC_PIPELINE): amount, amount x probability
 *                      (divide by 100), count; stages of category omitted
 *                      (or closed) count in none
 *   slipped, nslipped  the open deals (any category) whose expected date
 *                      lies in the period but before as_of: not likely
 *                      any more, so in no forecast
 *   any                something above was counted
 *
 * A deal without an expected date is in no period's pipeline.
 *
 * By stage, per point and for every group together: stage_open[i *
 * nstages + k] and stage_nopen[...] are the amount and count of the deals
 * open at the end of as_of, expected in the period and not slipped, whose
 * stage is st->v[k] (stages of category omitted too).
 *
 * Groups (enum fc_by): the event's rep; the rep's team; the account's
 * region or segment in accounts.tsv; the event's product.  A key not set,
 * or a rep or account not found, is the group "unknown", but a rep
 * without a team is in ORG_NO_TEAM (org.h).  A won or cancel event counts
 * in the group of its own row (the owner on the day it is won), or, for a
 * split deal, each share in the group of its rep (history_shares: by rep,
 * the overlays too; in any other grouping the deal counts once, without
 * them, and nwon once per group); an open deal in the group of its latest
 * event (its owner at the cut: the pipeline is not split).  With
 * forecast_org(), the team is the rep's team on the event's date, or for
 * an open deal on the as-of day; with a manager, only the events of reps
 * in that manager's organisation on those days count.  Without it, the
 * team is the one in reps.tsv.
 *
 * A fold over the replay of history.h, from the first day a point needs,
 * cut at each as_of in turn: the state as of a date is exactly the state a
 * program saw when the ledger ended on that date.
 * Bad rows are fatal (run sales-check); totals that overflow too.
 */
#ifndef FORECAST_H
#define FORECAST_H
#include <stddef.h>
#include <stdint.h>
#include "html.h"
#include "intern.h"
#include "period.h"
#include "quota.h"
#include "stage.h"
#include "store.h"
#include "table.h"

struct history;
struct hist_event;

enum fc_by { FC_REP, FC_TEAM, FC_REGION, FC_SEGMENT, FC_PRODUCT };
enum { FC_COMMIT, FC_BEST, FC_PIPELINE, FC_NCAT };

struct fc_fig {
	int64_t won, nwon;
	int64_t open[FC_NCAT], weighted100[FC_NCAT], nopen[FC_NCAT];
	int64_t slipped, nslipped;
	int any;
};

struct fc_point {
	struct period period;
	date_t as_of;
};

struct org;
struct org_groups;
struct forecast {
	struct intern *groups;	/* group key -> index */
	struct fc_point *pt;
	size_t npt;
	struct fc_fig *fig;	/* cap groups x npt */
	size_t cap;
	int64_t *stage_open, *stage_nopen;	/* npt x nstages */
	size_t nstages;
	/* private */
	enum fc_by by;
	struct intern *src;	/* rep (team) or account (region, segment) */
	size_t *src_group;	/* its group */
	const struct org *o;
	struct org_groups *g;	/* forecast_org(): the rep's group on a day */
	void (*tap)(void *arg, struct history *h, const struct hist_event *ev);
	void *tap_arg;
	date_t tap_from, tap_to;
	int tapped;
};

/* "rep" ... "product" -> by: 0, or -1 for anything else. */
int forecast_by_parse(const char *s, enum fc_by *by);
const char *forecast_by_name(enum fc_by by);
/* reps and accounts: the tables (either may be NULL when by needs none). */
struct forecast *forecast_new(enum fc_by by, const struct table *reps,
			      const struct table *accounts);
/* Attribute by what was true on each day (o outlives f); manager: only
 * that manager's organisation (NULL: everyone). */
void forecast_org(struct forecast *f, const struct org *o, const char *manager);
size_t forecast_point(struct forecast *f, const struct period *p, date_t as_of);
void forecast_scan(struct forecast *f, struct store *s, const struct stages *st);
/* Before forecast_scan(): have tap(arg, h, ev) called with each event of
 * its replay dated from..to.  After it: did the tap see every event of
 * the ledger dated from..to (the replay started on or before from and
 * went on to to)? */
void forecast_tap(struct forecast *f, date_t from, date_t to,
		  void (*tap)(void *arg, struct history *h, const struct hist_event *ev),
		  void *arg);
int forecast_tapped(const struct forecast *f);
struct fc_fig *forecast_at(struct forecast *f, size_t group, size_t point);
/* The group indexes in key order (byte order); free() the array. */
size_t *forecast_sorted(const struct forecast *f, size_t *n);
/* Index of a group key, adding it (with zero figures) if new. */
size_t forecast_group(struct forecast *f, const char *key);
void forecast_free(struct forecast *f);

/* Sum of the weighted columns, rounded per category, half away from zero:
 * the forecast is won plus this, so the columns add up.  forecast_total()
 * is that forecast (w gets the columns); totals out of range are fatal. */
int64_t forecast_weighted(const struct fc_fig *g, int64_t w[FC_NCAT]);
int64_t forecast_total(const struct fc_fig *g, int64_t w[FC_NCAT]);

/*
 * Targets.  forecast_plan() returns the plan target (plans.tsv, metric
 * revenue) of key in dimension for p, by the rule of quota_for(): the
 * rows inside p summed, else the one period enclosing p.  1 and r filled,
 * or 0.  dimension: team, region, segment or product.
 * forecast_target() is deal-forecast's target of a group: a rep's quota;
 * a team's own quota, else the sum of its reps' quotas, each for the days
 * on the team (quota_members()), else its plan target; for the other
 * groups the plan target.  It sets *from to
 * "quota", "reps" or "plan".
 */
int forecast_plan(const struct table *plans, const char *dimension, const char *key,
		  const struct period *p, int fiscal_year_start, struct quota_result *r);
/* The same of the plan rows of metric (revenue, deals, new-accounts). */
int forecast_plan_metric(const struct table *plans, const char *dimension, const char *key,
			 const char *metric, const struct period *p, int fiscal_year_start,
			 struct quota_result *r);
int forecast_target(enum fc_by by, const char *key, const struct table *quotas,
		    const struct table *plans, const struct org *o,
		    const struct period *p, int fiscal_year_start, struct quota_result *r,
		    const char **from);

/*
 * -o html: the rows of the chart above deal-forecast's and plan-report's
 * table (html_forecast in html.h), for point i.  forecast_chart_rows(): a
 * row per group gv[0..n-1] (its won and weighted categories) against its
 * target (has_target[k], target[k]).  forecast_stage_rows(): the open
 * pipeline by stage (every group), in the order of stages.tsv; rows has
 * room for st->n; returns how many.
 */
void forecast_chart_rows(struct forecast *f, size_t i, const size_t *gv, size_t n,
			 const int *has_target, const int64_t *target,
			 struct html_forecast_row *rows);
size_t forecast_stage_rows(const struct forecast *f, size_t i, const struct stages *st,
			   struct html_stage_row *rows);

#endif
