/*
 * period: every period a program may be asked for, as an inclusive range of
 * dates.  The grammar (salesmgr(7)):
 *
 *   2026            a calendar year       2026-Q4       a quarter
 *   2026-11         a month               2026-W48      an ISO week (week-year)
 *   2026-11-26      a day                 2026-10-01..2026-11-15  inclusive range
 *   FY2027          a fiscal year, named by the year in which it ends,
 *                   starting in month fiscal_year_start (config.tsv)
 *   FY2027-Q1       a fiscal quarter
 *   today yesterday this-week last-week this-month last-month
 *   this-quarter last-quarter this-year last-year mtd qtd ytd
 *   this-fiscal-quarter last-fiscal-quarter this-fiscal-year
 *   last-fiscal-year fqtd fytd
 *
 * this-quarter, last-quarter and qtd are the company's quarters: fiscal
 * quarters (FY2027-Q3) when fiscal_year_start is not 1.  The fiscal names
 * with a fiscal year from January resolve to the calendar's (2026-Q4).
 * Every name is case-insensitive; p->name is always the canonical form.
 *
 * The relative names are resolved against today: mtd is the first of the
 * month .. today, and so on.  A fiscal year starting in month 1 is the
 * calendar year.  period_parse() returns 0, or -1 for text that is not a
 * period (the caller names the value in its message), for a fiscal name
 * when fiscal_year_start is not 1..12, and for a period reaching outside
 * DATE_MIN..DATE_MAX, or longer than PERIOD_MAX_YEARS (the memory of a
 * report by month or by day follows the length of its period).  A range
 * needs from <= to and is still a range when from == to.  p->name is the
 * canonical name of a resolved period (this-month -> "2026-11", mtd ->
 * "2026-11-01..2026-11-26").
 */
#ifndef PERIOD_H
#define PERIOD_H
#include "date.h"

enum period_kind {
	PERIOD_DAY, PERIOD_WEEK, PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR,
	PERIOD_FQUARTER, PERIOD_FYEAR, PERIOD_RANGE
};

#define PERIOD_MAX_YEARS 100

struct period {
	date_t from, to;	/* inclusive */
	enum period_kind kind;
	char name[32];
};

int period_parse(const char *s, date_t today, int fiscal_year_start, struct period *p);
/*
 * The name people know p by, for a title: under a fiscal year that does not
 * start in January, the fiscal name of a period that is a whole fiscal
 * quarter or year (2026-Q4 -> "FY2027-Q3" when it starts in April, as the
 * quota rows of that company are named); else p->name.  Returns p->name
 * or buf (PERIOD_NAMESZ bytes).
 */
#define PERIOD_NAMESZ 32
const char *period_label(const struct period *p, int fiscal_year_start, char *buf);
/* Number of days in p. */
int period_days(const struct period *p);
/* Does p contain the date? */
int period_contains(const struct period *p, date_t d);

#endif
