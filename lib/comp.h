/*
 * comp: commission plans and the arithmetic of pay statements
 * (comp-plan(1), comp-calc(1), DESIGN.md 6 and 8).
 *
 * A plan (comp-plans.tsv: plan title mode threshold cap clawback_days
 * clawback_rate) has tiers (comp-tiers.tsv: plan from rate product type).  A tier
 * starts at an attainment of `from` percent of quota (a whole number) and
 * pays `rate` percent of revenue, a percentage with up to 2 decimals ("5",
 * "7.5", "7.25") that is kept as basis points (500, 750, 725; money.h
 * parses and prints them) and never as a double.
 *
 * Tier tables.  A plan's tiers form tables, one for each filter of
 * comp-tiers.tsv's product and type columns (empty: any): the general
 * table (no filter; rates[0]), and up to COMP_MAX_RATES - 1 more, for a
 * product, a deal type (deal.h: new, renewal, expansion) or both.  Each
 * won deal is paid by one table, the most specific that matches its
 * product and type (comp_rates_for):
 *   1. the table of its product and its type
 *   2. the table of its product (any type)
 *   3. the table of its type (any product)
 *   4. the general table
 * Each table has its own tiers.  There is one quota and so one
 * attainment: the period's deals fill one line of revenue in booking
 * order, the tiers' bounds lie on it (bound[t][i] below), and the part of
 * a deal that lies in the band of tier i of its own table is paid at that
 * tier's rate.  So a renewal booked above quota earns the renewal
 * table's accelerator, and a deal's rate depends on the other deals only
 * through the attainment they reach, never on how they are classified.
 * Each table's subtotal of a tier is one statement line, rounded once.
 *
 * Money is int64 cents; every product is formed in 128 bits.
 *
 *   bound[t][i]  where tier i of table t starts: quota x from / 100,
 *             rounded half away from zero to the cent
 *   reached   tier i is reached when revenue x 100 >= quota x from
 *             (exactly, no rounding; revenue 0 reaches a tier from 0)
 *   marginal  the period's deals fill the tiers one after the other, in
 *             the order they were booked (date, then the ledger's order);
 *             the part of a deal's revenue that lies between bound[t][i]
 *             and bound[t][i + 1] is paid at tier i of the deal's table t;
 *             subtotal t, i = the revenue there of the table's deals x
 *             rate / 10000, rounded half away from zero: one statement
 *             line, rounded once
 *   flat      each table's highest tier reached pays all of its deals'
 *             revenue at its rate: one line per table, rounded once
 *   threshold attainment below threshold percent (revenue x 100 <
 *             quota x threshold) pays nothing
 *   commission  the sum of the rounded tier lines
 *
 * Each tier pays its slice of revenue.  A deal's commission is its share
 * of each tier line it falls in: each tier line is split over its deals
 * by largest remainder, so the deals' lines add up to the tier lines
 * exactly.
 *
 * Clawback: a deal cancelled within clawback_days days of its win (cancel
 * date - win date <= clawback_days; an empty clawback_days never claws
 * back) loses, as a negative line in the period of the cancellation, by
 * the plan's clawback_rate:
 *   effective  (the default) amount x paid / revenue of the pay period
 *              in which it was won, where paid is that period's
 *              commission less what its cap withheld: its effective
 *              rate after the cap, rounded once; all the deals of a
 *              period never take back more than the period paid
 *   paid       the commission actually paid for the deal: its own line in
 *              that period, less its part of what the cap withheld there
 *              (the amount withheld split over the period's deal lines in
 *              proportion to their commission, by largest remainder)
 * A deal won and cancelled in the same period is simply not revenue of
 * that period (history.h).
 *
 * Cap: the part of commission + clawbacks above the cap is withheld.
 *
 * Override (mode override): a manager's plan of one tier, from 0, whose
 * rate is paid on each deal won by a rep in the manager's organisation
 * (org.h: org_under) on the day of the win, the organisation in force on
 * that day: a line per deal, amount x rate / 10000 rounded half away from
 * zero, a win cancelled in the same period paying nothing.  No quota,
 * threshold or clawback; the cap applies.
 *
 * Pay periods are weeks, months, quarters and years (calendar or fiscal);
 * the period in which a deal was won is the one of the same kind that holds
 * the win.
 *
 * payouts/PERIOD.tsv (append-only; comp-calc --lock) holds the statement
 * lines of a locked period, in the columns of schema_payouts (schema.h), which are
 * also the columns of comp-calc --statement:
 *   period rep plan kind deal date tier amount pct commission note locked
 * kind is one of quota, won, cancel, revenue, tier, threshold, commission,
 * clawback, cap, adjustment, spif, bonus, draw, recovery,
 * balance, payout (comp-calc(1) tells what each holds).
 */
#ifndef COMP_H
#define COMP_H
#include <stddef.h>
#include <stdint.h>
#include "id.h"
#include "intern.h"
#include "period.h"
#include "schema.h"
#include "stage.h"
#include "store.h"

#define COMP_MAX_TIERS 16
#define COMP_MAX_RATES 8	/* tier tables of a plan, the general one first */
#define COMP_RATE_BUFSZ 32
#define COMP_RATES_NAMESZ (ID_MAX + 40)	/* comp_rates_name() */
#define COMP_MAX_FROM 10000	/* % of quota */
#define COMP_MAX_DAYS 3660

/* The columns of payouts/PERIOD.tsv, in the order of schema_payouts. */
enum comp_pcol {
	CP_PERIOD, CP_REP, CP_PLAN, CP_KIND, CP_DEAL, CP_DATE, CP_TIER, CP_AMOUNT,
	CP_PCT, CP_COMMISSION, CP_NOTE, CP_LOCKED, CP_NCOLS
};

enum comp_claw_rate { COMP_CLAW_EFFECTIVE, COMP_CLAW_PAID };

struct comp_tier {
	int64_t from;		/* attainment %, whole */
	int64_t bp;		/* rate in basis points */
};

/* A tier table; tiers by from, ascending.  Its filter: product and type
 * (deal.h: "new", "renewal", "expansion"), each "" for any, so that a
 * table zeroed is the general one. */
struct comp_rates {
	char product[ID_MAX + 1], type[16];
	size_t ntiers;
	struct comp_tier tier[COMP_MAX_TIERS];
};

struct comp_plan {
	char *id, *title;
	int flat;
	int override;		/* mode override: its one tier's rate on the team's deals */
	enum comp_claw_rate claw_rate;
	int64_t threshold;	/* %, 0 when not set */
	int has_cap, has_clawback;
	int64_t cap, clawback_days;
	size_t nrates;
	struct comp_rates rates[COMP_MAX_RATES];	/* [0]: the general table */
};

struct comp_plans {
	struct comp_plan *v;
	size_t n;
};

/* Load every plan with its tiers; a bad row is fatal (run sales-check). */
struct comp_plans *comp_plans_load(struct store *s);
const struct comp_plan *comp_plan_find(const struct comp_plans *pl, const char *id);
/* The table of plan pl that pays a deal of product ("": none) and type
 * (enum deal_type): the most specific that matches (above); 0 is the
 * general table. */
int comp_rates_for(const struct comp_plan *pl, const char *product, int type);
/* The table's filter for a statement: "general", "product cloud", "type
 * renewal", "product cloud, type renewal". */
const char *comp_rates_name(const struct comp_rates *rt, char *buf, size_t n);
void comp_plans_free(struct comp_plans *pl);

struct comp_result {
	int64_t revenue;
	int64_t bound[COMP_MAX_RATES][COMP_MAX_TIERS];
	int64_t slice[COMP_MAX_RATES][COMP_MAX_TIERS];
	int64_t sub[COMP_MAX_RATES][COMP_MAX_TIERS];
	int reached[COMP_MAX_RATES];	/* each table's highest tier reached, -1 none */
	int below;		/* under the threshold: nothing paid */
	int64_t commission;
};

/*
 * The commission of nd deals against quota (> 0), in the order they fill
 * the tiers: deal k brings w[k] >= 0 of revenue and is paid by table
 * rates[k] of the plan.  share (nd of them, or NULL) gets each deal's
 * share of the tier lines.  -1 on quota <= 0 or overflow.
 */
int comp_commission(const struct comp_plan *pl, int64_t quota, const int64_t *w,
		    const int *rates, size_t nd, struct comp_result *r, int64_t *share);
/* amount x commission / revenue, rounded half away from zero; 0 when
 * revenue or commission is not positive.  -1 on overflow. */
int comp_clawback(int64_t amount, int64_t commission, int64_t revenue, int64_t *r);
/* commission / revenue in basis points, rounded (for display); 0 as above. */
int64_t comp_effective_bp(int64_t commission, int64_t revenue);

/*
 * The pay period of kind (that of a period given to comp-calc) holding
 * date d; 0, or -1 for a kind that is not a pay period (day, range).
 */
int comp_pay_period(enum period_kind kind, date_t d, int fiscal_year_start,
		    struct period *out);

/*
 * The won and cancel events of the deal ledger dated from..to, in the
 * order they were booked (date, then the ledger's order; a fold over
 * history.h's replay), credited to the deal's owner then, or, for a
 * split deal, one event per share (history_shares: each rep's part, an
 * overlay's on top), in the split's order.  A cancel is paired with the
 * win it undoes (the deal's latest won event before it, if that lies in
 * the range), share by share.
 */
struct comp_event {
	date_t date;
	int cancel;
	long pair;		/* index of the cancel of a win, or the win of a cancel; -1 */
	size_t rep;		/* index in reps */
	int64_t amount;
	unsigned long num;	/* the deal's number */
	size_t product;		/* index in products ("" when it has none) */
	int type;		/* enum deal_type */
	char deal[24];
};

struct comp_events {
	struct intern *reps, *products;
	struct comp_event *v;	/* in booking order */
	size_t n, cap;
	date_t from, to;
};

struct comp_events *comp_events_scan(struct store *s, const struct stages *st, date_t from,
				     date_t to);
void comp_events_free(struct comp_events *ev);

#endif
