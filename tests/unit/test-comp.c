#include <stdio.h>
#include <string.h>

#include "comp.h"
#include "date.h"
#include "deal.h"
#include "period.h"
#include "unit.h"

static struct comp_plan
plan(int flat, int64_t threshold)
{
	struct comp_plan p = { 0 };

	p.flat = flat;
	p.threshold = threshold;
	p.nrates = 1;
	p.rates[0].ntiers = 3;
	p.rates[0].tier[0] = (struct comp_tier){ 0, 500 };
	p.rates[0].tier[1] = (struct comp_tier){ 100, 800 };
	p.rates[0].tier[2] = (struct comp_tier){ 150, 1000 };
	return p;
}

/* The commission of revenue won as one deal. */
static int
commission(const struct comp_plan *p, int64_t quota, int64_t revenue, struct comp_result *r)
{
	int table = 0;

	return comp_commission(p, quota, &revenue, &table, 1, r, NULL);
}

static void
example(void)
{
	struct comp_plan m = plan(0, 50), f = plan(1, 50);
	struct comp_result r;

	/* The example: quota 100,000.00. */
	CHECK(commission(&m, 10000000, 16000000, &r) == 0, "marginal 160%%");
	CHECK_INT(r.commission, 1000000, "marginal 160,000.00 pays 10,000.00");
	CHECK_INT(r.sub[0][0], 500000, "5,000.00 at 5%%");
	CHECK_INT(r.sub[0][1], 400000, "4,000.00 at 8%%");
	CHECK_INT(r.sub[0][2], 100000, "1,000.00 at 10%%");
	CHECK_INT(r.reached[0], 2, "the third tier is reached");
	CHECK(commission(&f, 10000000, 16000000, &r) == 0, "flat 160%%");
	CHECK_INT(r.commission, 1600000, "flat 160,000.00 pays 16,000.00");
	CHECK(commission(&m, 10000000, 4000000, &r) == 0 && r.below, "40%% is below 50%%");
	CHECK_INT(r.commission, 0, "and pays 0.00");
	CHECK(commission(&m, 10000000, 5000000, &r) == 0 && !r.below, "50%% is not below 50%%");
	CHECK_INT(r.commission, 250000, "and pays 2,500.00");
	/* Exactly at a tier: reached, with an empty slice. */
	CHECK(commission(&f, 10000000, 10000000, &r) == 0 && r.reached[0] == 1,
	    "100%% reaches the 100 tier");
	CHECK_INT(r.commission, 800000, "flat at 100%% pays 8%%");
	CHECK(commission(&f, 10000000, 9999999, &r) == 0 && r.reached[0] == 0,
	    "a cent short of 100%% does not");
	/* Nothing won reaches the tier from 0 and pays 0.00. */
	CHECK(commission(&f, 10000000, 0, &r) == 0 && r.reached[0] == 0, "0.00 reaches tier 0");
	CHECK_INT(r.commission, 0, "and pays 0.00");
	/* No quota: an error, never a division by zero. */
	CHECK(commission(&m, 0, 100, &r) < 0, "a zero quota is refused");
	CHECK(commission(&m, -5, 100, &r) < 0, "a negative quota is refused");
}

/* Deals fill the tiers in the order given (booking order): 60,000.00
 * then 60,000.00 against 100,000.00 pay 3,000.00 and 2,000.00 + 1,600.00. */
static void
shares(void)
{
	struct comp_plan m = plan(0, 0);
	struct comp_result r;
	int64_t w[2] = { 6000000, 6000000 }, share[2];
	int t[2] = { 0, 0 };

	CHECK(comp_commission(&m, 10000000, w, t, 2, &r, share) == 0, "two deals");
	CHECK_INT(share[0], 300000, "the first fills tier 0 alone");
	CHECK_INT(share[1], 360000, "the second the rest of it and tier 100");
	CHECK_INT(share[0] + share[1], r.commission, "the shares add up to the commission");
}

static void
rounding(void)
{
	struct comp_plan m = plan(0, 0);
	struct comp_result r;
	int64_t v;

	/* Quota 333.33: 150% is 499.995, rounded to 500.00. */
	CHECK(commission(&m, 33333, 60000, &r) == 0, "odd quota");
	CHECK_INT(r.bound[0][1], 33333, "tier 100 starts at 333.33");
	CHECK_INT(r.bound[0][2], 50000, "tier 150 starts at 499.995 -> 500.00");
	CHECK_INT(r.slice[0][1], 16667, "slice 333.33..500.00");
	CHECK_INT(r.sub[0][1], 1333, "166.67 at 8%% = 13.3336 -> 13.33");
	CHECK_INT(r.sub[0][0], 1667, "333.33 at 5%% = 16.6665 -> 16.67 (half away from zero)");
	CHECK_INT(r.commission, r.sub[0][0] + r.sub[0][1] + r.sub[0][2], "the total is the sum of the lines");
	/* Clawback at the effective rate: 60,000.00 x 10,000.00 / 160,000.00. */
	CHECK(comp_clawback(6000000, 1000000, 16000000, &v) == 0 && v == 375000,
	    "clawback 3,750.00");
	CHECK(comp_clawback(1, 1, 2, &v) == 0 && v == 1, "half a cent rounds away from zero");
	CHECK(comp_clawback(100, 0, 0, &v) == 0 && v == 0, "no revenue: nothing to claw back");
	CHECK(comp_clawback(INT64_MAX, INT64_MAX, 1, &v) < 0, "overflow is an error");
	CHECK_INT(comp_effective_bp(1000000, 16000000), 625, "effective rate 6.25%%");
}

static void
pay_periods(void)
{
	struct period p;
	date_t d = date_from_ymd(2026, 11, 10);

	CHECK(comp_pay_period(PERIOD_MONTH, d, 1, &p) == 0, "month");
	CHECK_STR(p.name, "2026-11", "the month of 2026-11-10");
	CHECK(comp_pay_period(PERIOD_QUARTER, d, 1, &p) == 0, "quarter");
	CHECK_STR(p.name, "2026-Q4", "its quarter");
	CHECK(comp_pay_period(PERIOD_FQUARTER, d, 7, &p) == 0, "fiscal quarter");
	CHECK_STR(p.name, "FY2027-Q2", "its fiscal quarter (year from July)");
	CHECK(comp_pay_period(PERIOD_FYEAR, date_from_ymd(2026, 6, 30), 7, &p) == 0, "fiscal year");
	CHECK_STR(p.name, "FY2026", "June 2026 is in FY2026");
	CHECK(comp_pay_period(PERIOD_WEEK, d, 1, &p) == 0, "week");
	CHECK_STR(p.name, "2026-W46", "its ISO week");
	CHECK(comp_pay_period(PERIOD_RANGE, d, 1, &p) < 0, "a range is not a pay period");
	CHECK(comp_pay_period(PERIOD_DAY, d, 1, &p) < 0, "a day is not a pay period");
}

/* The table that pays a deal: the most specific that matches (comp.h). */
static void
tables(void)
{
	struct comp_plan p = plan(0, 0);

	p.nrates = 5;
	strcpy(p.rates[1].type, "renewal");
	strcpy(p.rates[2].product, "cloud");
	strcpy(p.rates[3].product, "cloud");
	strcpy(p.rates[3].type, "expansion");
	strcpy(p.rates[4].type, "new");
	CHECK(comp_rates_for(&p, "core", DEAL_RENEWAL) == 1, "a core renewal: the renewal table");
	CHECK(comp_rates_for(&p, "cloud", DEAL_RENEWAL) == 2,
	    "a cloud renewal: the product comes before the type");
	CHECK(comp_rates_for(&p, "cloud", DEAL_EXPANSION) == 3, "product and type first of all");
	CHECK(comp_rates_for(&p, "core", DEAL_EXPANSION) == 0, "no table of its own: the general one");
	CHECK(comp_rates_for(&p, "", DEAL_NEW) == 4, "a deal without product or type is new");
	p.nrates = 1;
	CHECK(comp_rates_for(&p, "cloud", DEAL_RENEWAL) == 0, "one table pays every deal");
}

int
main(void)
{
	tables();
	example();
	shares();
	rounding();
	pay_periods();
	return unit_done();
}
