#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "date.h"
#include "money.h"
#include "period.h"
#include "quota.h"
#include "store.h"
#include "table.h"
#include "unit.h"

static const char *const cols[] = { "period", "rep", "team", "metric", "target" };

static struct table *
quotas(void)
{
	return table_new("quotas.tsv", cols, 5);
}

static void
add(struct table *t, const char *period, const char *rep, const char *team,
    const char *metric, const char *target)
{
	size_t row = table_add_row(t);

	table_set(t, row, 0, period);
	table_set(t, row, 1, rep);
	table_set(t, row, 2, team);
	table_set(t, row, 3, metric);
	table_set(t, row, 4, target);
}

static date_t
day(const char *s)
{
	date_t t = 0;

	if (date_parse(s, &t) < 0)
		printf("# bad date in the test: %s\n", s);
	return t;
}

static struct period
per(const char *s, int fys)
{
	struct period p;

	memset(&p, 0, sizeof p);
	if (period_parse(s, day("2026-11-26"), fys, &p) < 0)
		printf("# bad period in the test: %s\n", s);
	return p;
}

/* quota_for for a rep (or, with team set, a team) checked against what is wanted;
 * want_used NULL: no quota applies. */
static void
expect(const struct table *t, const char *rep, const char *team, const char *metric,
       const char *period, int fys, long long want, const char *want_used,
       const char *want_basis)
{
	struct period p = per(period, fys);
	struct quota_result r;
	int got;

	memset(&r, 0xff, sizeof r);
	got = quota_for(t, rep, team, metric, &p, fys, &r);
	if (!want_used) {
		CHECK_INT(got, 0, "%s %s %s over %s: no quota", rep ? rep : team, metric,
		    rep ? "rep" : "team", period);
		return;
	}
	CHECK_INT(got, 1, "%s %s over %s: a quota applies", rep ? rep : team, metric, period);
	if (!got)
		return;
	CHECK_INT(r.target, want, "%s %s over %s: target", rep ? rep : team, metric, period);
	CHECK_STR(r.used, want_used, "%s %s over %s: used", rep ? rep : team, metric, period);
	CHECK_STR(r.basis.name, want_basis, "%s %s over %s: basis", rep ? rep : team, metric,
	    period);
}

static void
test_sum_and_enclose(void)
{
	struct table *t = quotas();

	add(t, "2026-10", "anna", "", "revenue", "100.00");
	add(t, "2026-11", "anna", "", "revenue", "200.00");
	add(t, "2026-12", "anna", "", "revenue", "300.50");
	add(t, "2026-11", "bob", "", "revenue", "70.00");
	add(t, "2026-Q4", "carl", "", "revenue", "900.00");
	add(t, "2026-11", "dana", "", "revenue", "50.00");
	add(t, "2026-Q4", "dana", "", "revenue", "999.00");

	/* Months summed into a quarter, and into a year. */
	expect(t, "anna", NULL, "revenue", "2026-Q4", 1, 60050, "3 rows in 2026-Q4", "2026-Q4");
	expect(t, "anna", NULL, "revenue", "2026", 1, 60050, "3 rows in 2026", "2026");
	/* October's 17 of 31 days: 100.00 x 17 / 31 = 54.84. */
	expect(t, "anna", NULL, "revenue", "2026-10-15..2026-12-31", 1, 55534,
	    "3 rows in 2026-10-15..2026-12-31, 1 prorated", "2026-10-15..2026-12-31");
	/* One month in the quarter: that row, pace over the quarter. */
	expect(t, "bob", NULL, "revenue", "2026-Q4", 1, 7000, "2026-11", "2026-Q4");
	/* The month itself; month to date and a day get the month's share. */
	expect(t, "anna", NULL, "revenue", "2026-11", 1, 20000, "2026-11", "2026-11");
	expect(t, "anna", NULL, "revenue", "mtd", 1, 17333, "2026-11 26/30 days",
	    "2026-11-01..2026-11-26");
	expect(t, "anna", NULL, "revenue", "2026-11-26", 1, 667, "2026-11 1/30 days",
	    "2026-11-26");
	/* A month inside a quarter quota gets the quarter's share by days:
	 * 900.00 x 30 / 92 = 293.48; qtd is 57 days. */
	expect(t, "carl", NULL, "revenue", "2026-11", 1, 29348, "2026-Q4 30/92 days", "2026-11");
	expect(t, "carl", NULL, "revenue", "qtd", 1, 55761, "2026-Q4 57/92 days",
	    "2026-10-01..2026-11-26");
	/* Month and quarter both enclose a day: the shorter gives the share. */
	expect(t, "dana", NULL, "revenue", "2026-11-03", 1, 167, "2026-11 1/30 days",
	    "2026-11-03");
	expect(t, "dana", NULL, "revenue", "mtd", 1, 4333, "2026-11 26/30 days",
	    "2026-11-01..2026-11-26");
	/* A quarter set with its month: the quarter counts, once. */
	expect(t, "dana", NULL, "revenue", "2026-Q4", 1, 99900, "2026-Q4", "2026-Q4");
	expect(t, "dana", NULL, "revenue", "2026", 1, 99900, "2026-Q4", "2026");
	/* None. */
	expect(t, "anna", NULL, "revenue", "2026-Q3", 1, 0, NULL, NULL);
	/* A range reaching before the first row: October's 15 days of 31. */
	expect(t, "anna", NULL, "revenue", "2026-09-15..2026-10-15", 1, 4839,
	    "2026-10 15/31 days", "2026-09-15..2026-10-15");
	expect(t, "erik", NULL, "revenue", "2026-Q4", 1, 0, NULL, NULL);
	expect(t, "carl", NULL, "revenue", "2026-09-15..2026-10-15", 1, 14674,
	    "2026-Q4 15/92 days", "2026-09-15..2026-10-15");
	expect(t, "carl", NULL, "revenue", "2026-09", 1, 0, NULL, NULL);
	table_free(t);
}

static void
test_separate(void)
{
	struct table *t = quotas();

	add(t, "2026-Q4", "anna", "", "revenue", "1000.00");
	add(t, "2026-Q4", "anna", "", "deals", "12");
	add(t, "2026-Q4", "anna", "", "activities", "300");
	add(t, "2026-Q4", "", "north", "revenue", "5000.00");
	add(t, "2026-Q4", "", "anna", "revenue", "7.00");	/* a team named like the rep */
	add(t, "2026-11", "", "north", "deals", "4");

	expect(t, "anna", NULL, "revenue", "2026-Q4", 1, 100000, "2026-Q4", "2026-Q4");
	expect(t, NULL, "north", "revenue", "2026-Q4", 1, 500000, "2026-Q4", "2026-Q4");
	expect(t, NULL, "anna", "revenue", "2026-Q4", 1, 700, "2026-Q4", "2026-Q4");
	expect(t, "north", NULL, "revenue", "2026-Q4", 1, 0, NULL, NULL);
	expect(t, "anna", NULL, "deals", "2026-Q4", 1, 12, "2026-Q4", "2026-Q4");
	expect(t, "anna", NULL, "activities", "2026-11", 1, 98, "2026-Q4 30/92 days", "2026-11");
	expect(t, NULL, "north", "deals", "2026-Q4", 1, 4, "2026-11", "2026-Q4");
	expect(t, NULL, "north", "activities", "2026-Q4", 1, 0, NULL, NULL);
	expect(t, "anna", NULL, "deals", "2026-Q3", 1, 0, NULL, NULL);
	table_free(t);
}

static void
test_weeks_and_fiscal(void)
{
	struct table *t = quotas();

	/* 2026-W48 is Nov 23-29; W49 runs into December. */
	add(t, "2026-W48", "anna", "", "activities", "40");
	add(t, "2026-W49", "anna", "", "activities", "50");
	add(t, "2026-W47", "anna", "", "activities", "30");
	add(t, "FY2027-Q2", "bob", "", "revenue", "900.00");
	add(t, "FY2027", "bob", "", "deals", "100");
	add(t, "FY2027-Q1", "carl", "", "revenue", "100.00");
	add(t, "FY2027-Q2", "carl", "", "revenue", "200.00");
	add(t, "2027", "dana", "", "revenue", "10.00");
	add(t, "FY2027", "dana", "", "revenue", "10.00");
	add(t, "2026-13", "dana", "", "revenue", "99.00");	/* broken: skipped */
	add(t, "2026-12", "dana", "", "revenue", "1.2.3");	/* broken: skipped */

	/* A week across the month's end counts its days in each month:
	 * W49 has 1 day in November (50 x 1 / 7 = 7) and 6 in December. */
	expect(t, "anna", NULL, "activities", "2026-11", 1, 77, "3 rows in 2026-11, 1 prorated",
	    "2026-11");
	expect(t, "anna", NULL, "activities", "2026-12", 1, 43, "2026-W49 6/7 days", "2026-12");
	expect(t, "anna", NULL, "activities", "2026-W48", 1, 40, "2026-W48", "2026-W48");
	expect(t, "anna", NULL, "activities", "2026-11-25", 1, 6, "2026-W48 1/7 days",
	    "2026-11-25");
	expect(t, "anna", NULL, "activities", "this-week", 1, 40, "2026-W48", "2026-W48");
	expect(t, "anna", NULL, "activities", "2026-10", 1, 0, NULL, NULL);
	/* Fiscal year from July: FY2027-Q2 is 2026-10..2026-12. */
	/* The same days under the report's name: title and rows agree. */
	expect(t, "bob", NULL, "revenue", "2026-Q4", 7, 90000, "2026-Q4", "2026-Q4");
	expect(t, "bob", NULL, "revenue", "2026-11", 7, 29348, "FY2027-Q2 30/92 days", "2026-11");
	expect(t, "bob", NULL, "revenue", "FY2027-Q2", 7, 90000, "FY2027-Q2", "FY2027-Q2");
	expect(t, "bob", NULL, "deals", "2026-Q4", 7, 25, "FY2027 92/365 days", "2026-Q4");
	expect(t, "bob", NULL, "deals", "2027-Q3", 7, 0, NULL, NULL);
	expect(t, "carl", NULL, "revenue", "FY2027", 7, 30000, "2 rows in FY2027", "FY2027");
	expect(t, "carl", NULL, "revenue", "2026", 7, 30000, "2 rows in 2026", "2026");
	/* Fiscal year from April: FY2027-Q2 is 2026-07..2026-09. */
	expect(t, "bob", NULL, "revenue", "2026-Q3", 4, 90000, "2026-Q3", "2026-Q3");
	expect(t, "bob", NULL, "revenue", "2026-Q4", 4, 0, NULL, NULL);
	/* The same dates twice (FY2027 is 2027 from January): counted once. */
	expect(t, "dana", NULL, "revenue", "2027", 1, 1000, "2027", "2027");
	expect(t, "dana", NULL, "revenue", "2027-05", 1, 85, "2027 31/365 days", "2027-05");
	/* Broken rows are sales-check's to report, never counted. */
	expect(t, "dana", NULL, "revenue", "2026", 1, 0, NULL, NULL);
	table_free(t);
}

/* The worked example of quota.h and perf-report(1). */
static void
test_prorate(void)
{
	struct table *t = quotas();

	add(t, "2026-Q4", "anna", "", "revenue", "92000.00");
	add(t, "2026-Q4", "bob", "", "revenue", "92000.00");
	add(t, "2026-11", "bob", "", "revenue", "25000.00");

	expect(t, "anna", NULL, "revenue", "2026-11", 1, 3000000, "2026-Q4 30/92 days",
	    "2026-11");
	expect(t, "anna", NULL, "revenue", "2026-12-01..2026-12-04", 1, 400000,
	    "2026-Q4 4/92 days", "2026-12-01..2026-12-04");
	expect(t, "anna", NULL, "revenue", "2026-Q4", 1, 9200000, "2026-Q4", "2026-Q4");
	expect(t, "anna", NULL, "revenue", "2026", 1, 9200000, "2026-Q4", "2026");
	/* The month's row counts for the month; the quarter for its other days. */
	expect(t, "bob", NULL, "revenue", "2026-11", 1, 2500000, "2026-11", "2026-11");
	expect(t, "bob", NULL, "revenue", "2026-11-15..2026-12-31", 1, 1333333 + 3100000,
	    "2 rows in 2026-11-15..2026-12-31, 2 prorated", "2026-11-15..2026-12-31");
	/* Inside the period, the quarter replaces its month. */
	expect(t, "bob", NULL, "revenue", "2026", 1, 9200000, "2026-Q4", "2026");
	table_free(t);
}

static void
test_values(void)
{
	char canon[MONEY_BUFSZ];
	struct period p;
	const char *why;
	date_t today = day("2026-11-26");

	CHECK(quota_period("2026-Q4", today, 1, &p) == NULL, "2026-Q4 is a quota period");
	CHECK(quota_period("this-month", today, 1, &p) == NULL && strcmp(p.name, "2026-11") == 0,
	    "this-month is 2026-11");
	CHECK(quota_period("2026-q4", today, 1, &p) == NULL && strcmp(p.name, "2026-Q4") == 0,
	    "2026-q4 is stored 2026-Q4");
	CHECK(quota_period("FY2027-Q1", today, 7, &p) == NULL, "FY2027-Q1 is a quota period");
	CHECK(quota_period("2026-W48", today, 1, &p) == NULL, "2026-W48 is a quota period");
	CHECK_STR(quota_period("2026-13", today, 1, &p),
	    "is not a period (see salesmgr(7) for periods)", "2026-13 is no period");
	CHECK_STR(quota_period("mtd", today, 1, &p),
	    "is a range; a quota period is a week, month, quarter, year or fiscal year",
	    "mtd is a range");
	CHECK_STR(quota_period("2026-11-26", today, 1, &p),
	    "is a day; a quota period is a week, month, quarter, year or fiscal year",
	    "a day is refused");

	money_set_decimals(2);
	CHECK(quota_target("revenue", "50000", canon) == NULL && strcmp(canon, "50000.00") == 0,
	    "50000 is stored 50000.00");
	CHECK(quota_target("revenue", "0.5", canon) == NULL && strcmp(canon, "0.50") == 0,
	    "0.5 is stored 0.50");
	CHECK(quota_target("revenue", "+0.5", canon) != NULL, "+0.5 is refused (no plus sign)");
	CHECK(quota_target("deals", "12", canon) == NULL && strcmp(canon, "12") == 0,
	    "12 deals");
	CHECK(quota_target("activities", "0", canon) == NULL && strcmp(canon, "0") == 0,
	    "0 activities");
	why = quota_target("revenue", "1.005", canon);
	CHECK_STR(why, "has more than 2 decimals", "1.005 has too many decimals");
	why = quota_target("revenue", "99999999999999999999", canon);
	CHECK_STR(why, "is out of range", "past int64");
	why = quota_target("revenue", "-5", canon);
	CHECK_STR(why, "is negative", "negative");
	why = quota_target("revenue", "1,000", canon);
	CHECK_STR(why, "is not an amount", "grouping");
	why = quota_target("deals", "1.5", canon);
	CHECK_STR(why, "is not a whole number (deals are counted)", "1.5 deals");
	why = quota_target("activities", "-1", canon);
	CHECK_STR(why, "is negative", "negative activities");
	CHECK(quota_metric_valid("revenue") && quota_metric_valid("deals") &&
	    quota_metric_valid("activities"), "the three metrics");
	CHECK(!quota_metric_valid("profit") && !quota_metric_valid(""), "no other metric");
}

static void
test_put(void)
{
	struct table *t = quotas();
	struct buf log = BUF_INIT;

	CHECK_INT(quota_put(t, "2026-Q4", "anna", "", "revenue", "400.00", &log), QUOTA_ADDED,
	    "a new quota is added");
	CHECK_INT(quota_put(t, "2026-Q4", "", "anna", "revenue", "1.00", &log), QUOTA_ADDED,
	    "a team's quota is another key");
	CHECK_INT(quota_put(t, "2026-Q4", "anna", "", "deals", "3", &log), QUOTA_ADDED,
	    "another metric is another key");
	CHECK_INT(quota_put(t, "2026-Q4", "anna", "", "revenue", "500.00", &log),
	    QUOTA_REPLACED, "the same key is replaced");
	CHECK_INT(quota_put(t, "2026-Q4", "anna", "", "revenue", "500.00", &log), QUOTA_SAME,
	    "the same target changes nothing");
	CHECK_INT(t->nrows, 3, "three rows");
	CHECK_INT(quota_find(t, "2026-Q4", "", "anna", "revenue"), 1, "found by key");
	CHECK_INT(quota_find(t, "2026-Q3", "anna", "", "revenue"), -1, "not found");
	CHECK_STR(table_get(t, 0, 4), "500.00", "the new target");
	CHECK_STR(log.data, "set quota 2026-Q4 rep anna revenue 400.00\n"
	    "set quota 2026-Q4 team anna revenue 1.00\n"
	    "set quota 2026-Q4 rep anna deals 3\n"
	    "replace quota 2026-Q4 rep anna revenue 500.00 (was 400.00)\n", "the log");
	buf_free(&log);
	table_free(t);
}


/* What quota_load() must keep of a row of period text f: every row
 * whose period overlaps p (a period that does not parse, or has an
 * escape, kept for quota_for() to judge). */
static int
wanted(const char *f, const struct period *p, int fys)
{
	struct period q;

	if (strchr(f, '\\') || period_parse(f, 0, fys, &q) < 0)
		return 1;
	return q.from <= p->to && q.to >= p->from;
}

/*
 * quota_load() against wanted(), on a quotas.tsv of 3,000 rows of months
 * (judged in place), quarters, weeks, years, fiscal names, names that do
 * not parse and escapes, over 40 random windows: each keeps exactly the
 * rows wanted, in their order.  And quota_load_rep(): exactly the rows of
 * each rep, in their order (a rep's id in the team column, or in
 * another rep's id, is not a row of its), in the file as quota-set
 * writes it, found in place, and with its columns in another order, read
 * through.
 */
static void
test_load_filter(void)
{
	static const char *const kinds[] = { "%04d-%02d", "%04d-Q%d", "%04d-W%02d", "%04d",
	    "FY%04d", "FY%04d-Q%d", "%04d-%02d\\t", "nonsense" };
	static const char *const ids[] = { "r1", "r2", "r3", "r10", "r\\\\1", "", "r1x" };
	static char per[3000][24];
	static const char *rep_of[3000], *team_of[3000];
	char dir[] = "/tmp/test-quota.XXXXXX", path[64], name[24];
	struct period p;
	struct table *t;
	struct store *st;
	size_t i, k, n, bad = 0, total = 0, badrep = 0;
	int round, fys, order;
	const char *rep;
	FILE *f;

	if (!mkdtemp(dir)) {
		CHECK(0, "a temporary data directory");
		return;
	}
	snprintf(path, sizeof path, "%s/config.tsv", dir);
	if ((f = fopen(path, "w")))
		fclose(f), f = NULL;
	snprintf(path, sizeof path, "%s/quotas.tsv", dir);
	if (!(f = fopen(path, "w"))) {
		CHECK(0, "quotas.tsv written");
		return;
	}
	fputs("period\trep\tteam\tmetric\ttarget\n", f);
	for (i = 0; i < 3000; i++) {
		k = unit_rnd(4) ? 0 : unit_rnd(8);
		snprintf(per[i], sizeof per[i], kinds[k], 2024 + (int)unit_rnd(4),
		    k == 1 || k == 5 ? 1 + (int)unit_rnd(4) : 1 + (int)unit_rnd(k == 2 ? 52 : 12));
		rep_of[i] = ids[unit_rnd(7)];
		team_of[i] = *rep_of[i] ? unit_rnd(5) ? "" : "r1" : "north";
		fprintf(f, "%s\t%s\t%s\trevenue\t100.00\n", per[i], rep_of[i], team_of[i]);
	}
	fclose(f);
	st = store_open(dir, STORE_READ);
	for (round = 0; round < 40; round++) {
		fys = unit_rnd(3) ? 1 : 1 + (int)unit_rnd(12);
		snprintf(name, sizeof name, unit_rnd(2) ? "%04d-Q%d" : "%04d-%02d", 2024 + (int)unit_rnd(4),
		    1 + (int)unit_rnd(4));
		if (period_parse(name, 0, fys, &p) < 0)
			continue;
		t = quota_load(st, &p, fys);
		for (i = 0, n = 0; i < 3000; i++) {
			if (!wanted(per[i], &p, fys))
				continue;
			/* the next row kept is this one (line i + 2) */
			bad += n >= t->nrows || t->lines[n] != i + 2;
			n++;
		}
		bad += n != t->nrows;
		total += n;
		table_free(t);
	}
	/* each rep's rows, found in place, then (rep before period, not as
	 * quota-set writes it) read through */
	for (order = 0; order < 2; order++) {
		if (order && (f = fopen(path, "w"))) {
			fputs("rep\tperiod\tteam\tmetric\ttarget\n", f);
			for (i = 0; i < 3000; i++)
				fprintf(f, "%s\t%s\t%s\trevenue\t100.00\n", rep_of[i], per[i],
				    team_of[i]);
			fclose(f);
		}
		for (k = 0; k < 4; k++) {
			rep = ids[k == 3 ? 6 : k];
			t = quota_load_rep(st, rep);
			for (i = 0, n = 0; i < 3000; i++) {
				if (strcmp(rep_of[i], rep) != 0)
					continue;
				/* (a period with an escape is a tab, unescaped) */
				badrep += n >= t->nrows || (!strchr(per[i], '\\') &&
				    strcmp(table_cell(t, n, "period"), per[i]) != 0);
				n++;
			}
			badrep += n != t->nrows || n == 0;
			table_free(t);
		}
	}
	store_close(st);
	CHECK_INT(bad, 0, "quota_load() keeps exactly the rows wanted, "
	    "on 40 windows of 3,000 rows of every kind of period");
	CHECK(total > 1000, "and keep some (%zu rows in all)", total);
	CHECK_INT(badrep, 0, "quota_load_rep(): each rep's rows, in their order");
	snprintf(path, sizeof path, "%s/quotas.tsv", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/config.tsv", dir);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	test_load_filter();
	test_sum_and_enclose();
	test_separate();
	test_weeks_and_fiscal();
	test_prorate();
	test_values();
	test_put();
	return unit_done();
}
