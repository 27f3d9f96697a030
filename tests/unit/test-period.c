#include <stdio.h>
#include <string.h>

#include "date.h"
#include "period.h"
#include "unit.h"

static date_t
day(const char *s)
{
	date_t t = 0;

	if (date_parse(s, &t) < 0)
		printf("# bad date in the test: %s\n", s);
	return t;
}

struct want {
	const char *s;
	enum period_kind kind;
	const char *from, *to, *name;
};

static const char *const kinds[] = {
	"day", "week", "month", "quarter", "year", "fquarter", "fyear", "range"
};

static void
check_one(const struct want *w, date_t today, int fys)
{
	struct period p;
	char a[DATE_BUFSZ], b[DATE_BUFSZ];
	int r;

	memset(&p, 0, sizeof p);
	r = period_parse(w->s, today, fys, &p);
	CHECK(r == 0, "'%s' is a period", w->s);
	if (r != 0)
		return;
	CHECK_STR(kinds[p.kind], kinds[w->kind], "'%s' is a %s", w->s, kinds[w->kind]);
	CHECK_STR(date_format(p.from, a), w->from, "'%s' starts %s", w->s, w->from);
	CHECK_STR(date_format(p.to, b), w->to, "'%s' ends %s", w->s, w->to);
	CHECK_STR(p.name, w->name, "'%s' is named '%s'", w->s, w->name);
}

static void
check_all(const struct want *w, size_t n, const char *today, int fys)
{
	size_t i;

	for (i = 0; i < n; i++)
		check_one(&w[i], day(today), fys);
}

static void
test_absolute(void)
{
	static const struct want w[] = {
		{ "2026", PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026" },
		{ "2024", PERIOD_YEAR, "2024-01-01", "2024-12-31", "2024" },
		{ "1000", PERIOD_YEAR, "1000-01-01", "1000-12-31", "1000" },
		{ "9999", PERIOD_YEAR, "9999-01-01", "9999-12-31", "9999" },
		{ "2026-Q1", PERIOD_QUARTER, "2026-01-01", "2026-03-31", "2026-Q1" },
		{ "2026-Q2", PERIOD_QUARTER, "2026-04-01", "2026-06-30", "2026-Q2" },
		{ "2026-Q3", PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3" },
		{ "2026-Q4", PERIOD_QUARTER, "2026-10-01", "2026-12-31", "2026-Q4" },
		{ "2026-q4", PERIOD_QUARTER, "2026-10-01", "2026-12-31", "2026-Q4" },
		{ "2026-11", PERIOD_MONTH, "2026-11-01", "2026-11-30", "2026-11" },
		{ "2024-02", PERIOD_MONTH, "2024-02-01", "2024-02-29", "2024-02" },
		{ "2025-02", PERIOD_MONTH, "2025-02-01", "2025-02-28", "2025-02" },
		{ "2026-12", PERIOD_MONTH, "2026-12-01", "2026-12-31", "2026-12" },
		{ "2026-01", PERIOD_MONTH, "2026-01-01", "2026-01-31", "2026-01" },
		{ "2026-W48", PERIOD_WEEK, "2026-11-23", "2026-11-29", "2026-W48" },
		{ "2026-w48", PERIOD_WEEK, "2026-11-23", "2026-11-29", "2026-W48" },
		{ "2026-W01", PERIOD_WEEK, "2025-12-29", "2026-01-04", "2026-W01" },
		{ "2026-W53", PERIOD_WEEK, "2026-12-28", "2027-01-03", "2026-W53" },
		{ "2025-W01", PERIOD_WEEK, "2024-12-30", "2025-01-05", "2025-W01" },
		{ "2025-W52", PERIOD_WEEK, "2025-12-22", "2025-12-28", "2025-W52" },
		{ "2026-11-26", PERIOD_DAY, "2026-11-26", "2026-11-26", "2026-11-26" },
		{ "2024-02-29", PERIOD_DAY, "2024-02-29", "2024-02-29", "2024-02-29" },
		{ "2026-10-01..2026-11-15", PERIOD_RANGE, "2026-10-01", "2026-11-15",
		    "2026-10-01..2026-11-15" },
		{ "2026-11-26..2026-11-26", PERIOD_RANGE, "2026-11-26", "2026-11-26",
		    "2026-11-26..2026-11-26" },
		{ "1927-11-27..2027-11-26", PERIOD_RANGE, "1927-11-27", "2027-11-26",
		    "1927-11-27..2027-11-26" },
	};

	check_all(w, sizeof w / sizeof w[0], "2026-11-26", 1);
}

static void
test_fiscal(void)
{
	static const struct want april[] = {
		{ "FY2027", PERIOD_FYEAR, "2026-04-01", "2027-03-31", "FY2027" },
		{ "FY2027-Q1", PERIOD_FQUARTER, "2026-04-01", "2026-06-30", "FY2027-Q1" },
		{ "FY2027-Q2", PERIOD_FQUARTER, "2026-07-01", "2026-09-30", "FY2027-Q2" },
		{ "FY2027-Q3", PERIOD_FQUARTER, "2026-10-01", "2026-12-31", "FY2027-Q3" },
		{ "FY2027-Q4", PERIOD_FQUARTER, "2027-01-01", "2027-03-31", "FY2027-Q4" },
		{ "FY2027-q4", PERIOD_FQUARTER, "2027-01-01", "2027-03-31", "FY2027-Q4" },
	}, january[] = {
		{ "FY2027", PERIOD_FYEAR, "2027-01-01", "2027-12-31", "FY2027" },
		{ "FY2027-Q1", PERIOD_FQUARTER, "2027-01-01", "2027-03-31", "FY2027-Q1" },
		{ "FY2027-Q4", PERIOD_FQUARTER, "2027-10-01", "2027-12-31", "FY2027-Q4" },
		{ "FY1000", PERIOD_FYEAR, "1000-01-01", "1000-12-31", "FY1000" },
	}, october[] = {
		{ "FY2027", PERIOD_FYEAR, "2026-10-01", "2027-09-30", "FY2027" },
		{ "FY2027-Q1", PERIOD_FQUARTER, "2026-10-01", "2026-12-31", "FY2027-Q1" },
		{ "FY2027-Q2", PERIOD_FQUARTER, "2027-01-01", "2027-03-31", "FY2027-Q2" },
	}, march[] = {
		{ "FY2024", PERIOD_FYEAR, "2023-03-01", "2024-02-29", "FY2024" },
		{ "FY2024-Q4", PERIOD_FQUARTER, "2023-12-01", "2024-02-29", "FY2024-Q4" },
		{ "FY2025", PERIOD_FYEAR, "2024-03-01", "2025-02-28", "FY2025" },
	}, december[] = {
		{ "FY2027", PERIOD_FYEAR, "2026-12-01", "2027-11-30", "FY2027" },
		{ "FY2027-Q1", PERIOD_FQUARTER, "2026-12-01", "2027-02-28", "FY2027-Q1" },
	};
	struct period p;

	check_all(april, sizeof april / sizeof april[0], "2026-11-26", 4);
	check_all(january, sizeof january / sizeof january[0], "2026-11-26", 1);
	check_all(october, sizeof october / sizeof october[0], "2026-11-26", 10);
	check_all(march, sizeof march / sizeof march[0], "2026-11-26", 3);
	check_all(december, sizeof december / sizeof december[0], "2026-11-26", 12);
	CHECK(period_parse("FY2027", 0, 0, &p) == -1, "fiscal_year_start 0 fails");
	CHECK(period_parse("FY2027", 0, 13, &p) == -1, "fiscal_year_start 13 fails");
	CHECK(period_parse("FY1000", 0, 4, &p) == -1,
	    "FY1000 starting in April would begin in year 999");
	CHECK(period_parse("2026", 0, 0, &p) == 0,
	    "calendar periods ignore fiscal_year_start");
}

static void
test_relative_november(void)
{
	static const struct want w[] = {
		{ "today", PERIOD_DAY, "2026-11-26", "2026-11-26", "2026-11-26" },
		{ "yesterday", PERIOD_DAY, "2026-11-25", "2026-11-25", "2026-11-25" },
		{ "this-week", PERIOD_WEEK, "2026-11-23", "2026-11-29", "2026-W48" },
		{ "last-week", PERIOD_WEEK, "2026-11-16", "2026-11-22", "2026-W47" },
		{ "this-month", PERIOD_MONTH, "2026-11-01", "2026-11-30", "2026-11" },
		{ "last-month", PERIOD_MONTH, "2026-10-01", "2026-10-31", "2026-10" },
		/* Quarters are the company's: with the year from April, the
		 * quarter of November is FY2027-Q3. */
		{ "this-quarter", PERIOD_FQUARTER, "2026-10-01", "2026-12-31", "FY2027-Q3" },
		{ "last-quarter", PERIOD_FQUARTER, "2026-07-01", "2026-09-30", "FY2027-Q2" },
		{ "this-year", PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026" },
		{ "last-year", PERIOD_YEAR, "2025-01-01", "2025-12-31", "2025" },
		{ "mtd", PERIOD_RANGE, "2026-11-01", "2026-11-26", "2026-11-01..2026-11-26" },
		{ "qtd", PERIOD_RANGE, "2026-10-01", "2026-11-26", "2026-10-01..2026-11-26" },
		{ "ytd", PERIOD_RANGE, "2026-01-01", "2026-11-26", "2026-01-01..2026-11-26" },
		{ "this-fiscal-year", PERIOD_FYEAR, "2026-04-01", "2027-03-31", "FY2027" },
		{ "last-fiscal-year", PERIOD_FYEAR, "2025-04-01", "2026-03-31", "FY2026" },
		{ "fytd", PERIOD_RANGE, "2026-04-01", "2026-11-26", "2026-04-01..2026-11-26" },
		/* Period names are case-insensitive; stored in one form. */
		{ "fy2027-q3", PERIOD_FQUARTER, "2026-10-01", "2026-12-31", "FY2027-Q3" },
		{ "Fy2027", PERIOD_FYEAR, "2026-04-01", "2027-03-31", "FY2027" },
		{ "Today", PERIOD_DAY, "2026-11-26", "2026-11-26", "2026-11-26" },
		{ "THIS-QUARTER", PERIOD_FQUARTER, "2026-10-01", "2026-12-31", "FY2027-Q3" },
	}, february[] = {
		/* A year from February: quarters Feb-Apr, May-Jul, Aug-Oct, Nov-Jan. */
		{ "this-quarter", PERIOD_FQUARTER, "2026-11-01", "2027-01-31", "FY2027-Q4" },
		{ "last-quarter", PERIOD_FQUARTER, "2026-08-01", "2026-10-31", "FY2027-Q3" },
		{ "this-fiscal-quarter", PERIOD_FQUARTER, "2026-11-01", "2027-01-31", "FY2027-Q4" },
		{ "last-fiscal-quarter", PERIOD_FQUARTER, "2026-08-01", "2026-10-31", "FY2027-Q3" },
		{ "qtd", PERIOD_RANGE, "2026-11-01", "2026-11-26", "2026-11-01..2026-11-26" },
		{ "fqtd", PERIOD_RANGE, "2026-11-01", "2026-11-26", "2026-11-01..2026-11-26" },
		{ "fytd", PERIOD_RANGE, "2026-02-01", "2026-11-26", "2026-02-01..2026-11-26" },
		{ "this-fiscal-year", PERIOD_FYEAR, "2026-02-01", "2027-01-31", "FY2027" },
		{ "this-year", PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026" },
		{ "ytd", PERIOD_RANGE, "2026-01-01", "2026-11-26", "2026-01-01..2026-11-26" },
	}, calendar[] = {
		/* The calendar year: the fiscal names are the calendar's. */
		{ "this-quarter", PERIOD_QUARTER, "2026-10-01", "2026-12-31", "2026-Q4" },
		{ "this-fiscal-quarter", PERIOD_QUARTER, "2026-10-01", "2026-12-31", "2026-Q4" },
		{ "fytd", PERIOD_RANGE, "2026-01-01", "2026-11-26", "2026-01-01..2026-11-26" },
		{ "this-fiscal-year", PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026" },
	}, january[] = {
		/* 2027-01-15 with the year from February: still FY2027-Q4. */
		{ "this-quarter", PERIOD_FQUARTER, "2026-11-01", "2027-01-31", "FY2027-Q4" },
		{ "qtd", PERIOD_RANGE, "2026-11-01", "2027-01-15", "2026-11-01..2027-01-15" },
		{ "last-fiscal-year", PERIOD_FYEAR, "2025-02-01", "2026-01-31", "FY2026" },
	};

	check_all(w, sizeof w / sizeof w[0], "2026-11-26", 4);
	check_all(february, sizeof february / sizeof february[0], "2026-11-26", 2);
	check_all(calendar, sizeof calendar / sizeof calendar[0], "2026-11-26", 1);
	check_all(january, sizeof january / sizeof january[0], "2027-01-15", 2);
}

static void
test_relative_new_year(void)
{
	static const struct want w[] = {
		{ "today", PERIOD_DAY, "2027-01-01", "2027-01-01", "2027-01-01" },
		{ "yesterday", PERIOD_DAY, "2026-12-31", "2026-12-31", "2026-12-31" },
		{ "this-week", PERIOD_WEEK, "2026-12-28", "2027-01-03", "2026-W53" },
		{ "last-week", PERIOD_WEEK, "2026-12-21", "2026-12-27", "2026-W52" },
		{ "this-month", PERIOD_MONTH, "2027-01-01", "2027-01-31", "2027-01" },
		{ "last-month", PERIOD_MONTH, "2026-12-01", "2026-12-31", "2026-12" },
		{ "this-quarter", PERIOD_QUARTER, "2027-01-01", "2027-03-31", "2027-Q1" },
		{ "last-quarter", PERIOD_QUARTER, "2026-10-01", "2026-12-31", "2026-Q4" },
		{ "this-year", PERIOD_YEAR, "2027-01-01", "2027-12-31", "2027" },
		{ "last-year", PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026" },
		{ "mtd", PERIOD_RANGE, "2027-01-01", "2027-01-01", "2027-01-01..2027-01-01" },
		{ "qtd", PERIOD_RANGE, "2027-01-01", "2027-01-01", "2027-01-01..2027-01-01" },
		{ "ytd", PERIOD_RANGE, "2027-01-01", "2027-01-01", "2027-01-01..2027-01-01" },
	}, march31[] = {
		{ "last-month", PERIOD_MONTH, "2026-02-01", "2026-02-28", "2026-02" },
		{ "last-quarter", PERIOD_QUARTER, "2025-10-01", "2025-12-31", "2025-Q4" },
		{ "this-quarter", PERIOD_QUARTER, "2026-01-01", "2026-03-31", "2026-Q1" },
		{ "qtd", PERIOD_RANGE, "2026-01-01", "2026-03-31", "2026-01-01..2026-03-31" },
	}, first_monday[] = {
		{ "this-week", PERIOD_WEEK, "2024-12-30", "2025-01-05", "2025-W01" },
		{ "last-week", PERIOD_WEEK, "2024-12-23", "2024-12-29", "2024-W52" },
		{ "last-year", PERIOD_YEAR, "2023-01-01", "2023-12-31", "2023" },
	};

	check_all(w, sizeof w / sizeof w[0], "2027-01-01", 1);
	check_all(march31, sizeof march31 / sizeof march31[0], "2026-03-31", 1);
	check_all(first_monday, sizeof first_monday / sizeof first_monday[0],
	    "2024-12-30", 1);
}

static void
test_bad(void)
{
	static const char *const bad[] = {
		"", "2026 ", " 2026", "2026x", "202", "20260", "0999", "+2026",
		"2026-", "2026-13", "2026-00", "2026-1", "2026-011",
		"2026-Q0", "2026-Q5", "2026-Q", "2026-Q11", "2026-Q1x", "2026Q1",
		"2026-W00", "2026-W54", "2025-W53", "2026-W1", "2026-W481",
		"2026-W", "2026W48", "2026-X48",
		"2026-11-31", "2025-02-29", "2026-11-26x", "2026-11-26..",
		"2026-11-15..2026-10-01", "2026-10-01...2026-11-15",
		"2026-10-01..2026-11-15x", "2026-10-01.2026-11-15",
		"2026-10-01..2026-11-31", "2026-10-01 .. 2026-11-15",
		"2026-10-01..", "..2026-11-15", "2026-10..2026-11",
		"FY", "FY27", "FY20270", "FY2027-Q5", "FY2027-Q0", "FY2027-",
		"FY2027-W01", "FY2027x", "fy 2027", "FY 2027", "FY0999",
		"today ", "this-fiscal-month", "fytd ", "this_week", "this-decade", "next-month",
		"last", "mtdx", "ytd2", "1000-W01", "9999-W52",
		/* longer than PERIOD_MAX_YEARS: no report needs it, and one by
		 * month or by day over it would take gigabytes */
		"1927-11-26..2027-11-26", "1000-01-01..2026-11-26",
		"1000-01-01..9999-12-31",
	};
	struct period p;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&p, 0x5a, sizeof p);
		CHECK(period_parse(bad[i], day("2026-11-26"), 4, &p) == -1 &&
		    p.name[0] == 0x5a, "'%s' is not a period", bad[i]);
	}
	CHECK(period_parse(NULL, 0, 1, &p) == -1, "NULL is not a period");
	CHECK(period_parse("today", DATE_MAX + 1, 1, &p) == -1,
	    "relative names need today in range");
	CHECK(period_parse("this-week", DATE_MAX, 1, &p) == -1,
	    "a week past 9999-12-31 fails");
	CHECK(period_parse("today", DATE_MAX, 1, &p) == 0, "9999-12-31 is a day");
}

static void
test_days_contains(void)
{
	static const struct { const char *s; int days; } t[] = {
		{ "2026", 365 }, { "2024", 366 }, { "2026-Q1", 90 },
		{ "2024-Q1", 91 }, { "2026-Q4", 92 }, { "2026-02", 28 },
		{ "2024-02", 29 }, { "2026-W48", 7 }, { "2026-11-26", 1 },
		{ "2026-10-01..2026-11-15", 46 }, { "FY2027", 365 },
		{ "FY2028-Q4", 91 }, { "today", 1 }, { "ytd", 330 },
	};
	struct period p;
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		CHECK(period_parse(t[i].s, day("2026-11-26"), 4, &p) == 0 &&
		    period_days(&p) == t[i].days, "'%s' has %d days", t[i].s, t[i].days);
	period_parse("2026-W48", 0, 1, &p);
	CHECK(period_contains(&p, day("2026-11-23")), "W48 contains its Monday");
	CHECK(period_contains(&p, day("2026-11-29")), "W48 contains its Sunday");
	CHECK(!period_contains(&p, day("2026-11-22")), "W48 excludes the Sunday before");
	CHECK(!period_contains(&p, day("2026-11-30")), "W48 excludes the Monday after");
}

/*
 * Every name a relative period gets parses back to the same period, and
 * the period holds today (this-) or ends before it (last-).
 */
static void
test_names_reparse(void)
{
	static const struct { const char *name; int past; } rel[] = {
		{ "today", 0 }, { "yesterday", 1 }, { "this-week", 0 },
		{ "last-week", 1 }, { "this-month", 0 }, { "last-month", 1 },
		{ "this-quarter", 0 }, { "last-quarter", 1 }, { "this-year", 0 },
		{ "last-year", 1 }, { "mtd", 0 }, { "qtd", 0 }, { "ytd", 0 },
		{ "this-fiscal-quarter", 0 }, { "last-fiscal-quarter", 1 },
		{ "this-fiscal-year", 0 }, { "last-fiscal-year", 1 }, { "fqtd", 0 },
		{ "fytd", 0 },
	};
	struct period p, q;
	date_t today;
	size_t i;
	int bad = 0, n = 0, fys;

	for (today = day("2023-12-01"); today <= day("2028-02-01"); today++)
		for (i = 0; i < sizeof rel / sizeof rel[0]; i++, n++) {
			fys = 1 + today % 12;
			if (period_parse(rel[i].name, today, fys, &p) < 0 ||
			    period_parse(p.name, 0, fys, &q) < 0 ||
			    p.from != q.from || p.to != q.to || p.kind != q.kind ||
			    strcmp(p.name, q.name) != 0)
				bad++;
			else if (rel[i].past ? p.to >= today :
			    !period_contains(&p, today))
				bad++;
		}
	CHECK_INT(bad, 0, "%d relative periods over four years reparse", n);
}

int
main(void)
{
	test_absolute();
	test_fiscal();
	test_relative_november();
	test_relative_new_year();
	test_bad();
	test_days_contains();
	test_names_reparse();
	return unit_done();
}
