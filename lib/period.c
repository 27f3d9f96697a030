#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "period.h"

/*
 * Every constructor below fills a whole struct period or fails; periods
 * reaching outside the years of the text form fail, so that every date of
 * a period can be printed and its name parsed back.
 */
static int
set(struct period *p, enum period_kind kind, date_t from, date_t to)
{
	if (from < DATE_MIN || to > DATE_MAX || from > to)
		return -1;
	p->from = from;
	p->to = to;
	p->kind = kind;
	return 0;
}

/*
 * Names by hand, not snprintf: a report over years of quota rows parses a
 * period per row.  name(p, "2026", 4, "-Q", 4, 1) is "2026-Q4": the
 * prefix, the year (or fiscal year) in four digits, then the suffix and a
 * number in n digits (none when n is 0).
 */
static void
put_digits(char *p, int v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

static void
name(struct period *p, const char *prefix, int year, const char *suffix, int v, int n)
{
	size_t a = strlen(prefix), b = strlen(suffix);

	memcpy(p->name, prefix, a);
	put_digits(p->name + a, year, 4);
	memcpy(p->name + a + 4, suffix, b);
	put_digits(p->name + a + 4 + b, v, n);
	p->name[a + 4 + b + (size_t)n] = '\0';
}

static int
day(struct period *p, date_t t)
{
	if (set(p, PERIOD_DAY, t, t) < 0)
		return -1;
	date_format(t, p->name);
	return 0;
}

static int
range(struct period *p, date_t from, date_t to)
{
	char a[DATE_BUFSZ], b[DATE_BUFSZ];

	if (set(p, PERIOD_RANGE, from, to) < 0)
		return -1;
	snprintf(p->name, sizeof p->name, "%s..%s",
	    date_format(from, a), date_format(to, b));
	return 0;
}

static int
week(struct period *p, int y, int w)
{
	date_t monday;

	if (date_from_iso_week(y, w, &monday) < 0 ||
	    set(p, PERIOD_WEEK, monday, monday + 6) < 0)
		return -1;
	name(p, "", y, "-W", w, 2);
	return 0;
}

static int
month(struct period *p, int y, int m)
{
	date_t first = date_from_ymd(y, m, 1);

	if (set(p, PERIOD_MONTH, first, first + days_in_month(y, m) - 1) < 0)
		return -1;
	name(p, "", y, "-", m, 2);
	return 0;
}

static int
quarter(struct period *p, int y, int q)
{
	date_t first = date_from_ymd(y, 3 * q - 2, 1);

	if (set(p, PERIOD_QUARTER, first, date_add_months(first, 3) - 1) < 0)
		return -1;
	name(p, "", y, "-Q", q, 1);
	return 0;
}

static int
year(struct period *p, int y)
{
	if (set(p, PERIOD_YEAR, date_from_ymd(y, 1, 1),
	    date_from_ymd(y, 12, 31)) < 0)
		return -1;
	name(p, "", y, "", 0, 0);
	return 0;
}

/* A fiscal year is named by the calendar year in which it ends. */
static date_t
fiscal_start(int fy, int start)
{
	return date_from_ymd(start == 1 ? fy : fy - 1, start, 1);
}

static int
fiscal_year(struct period *p, int fy, int start)
{
	date_t first = fiscal_start(fy, start);

	if (set(p, PERIOD_FYEAR, first, date_add_months(first, 12) - 1) < 0)
		return -1;
	name(p, "FY", fy, "", 0, 0);
	return 0;
}

static int
fiscal_quarter(struct period *p, int fy, int q, int start)
{
	date_t first = date_add_months(fiscal_start(fy, start), 3 * (q - 1));

	if (set(p, PERIOD_FQUARTER, first, date_add_months(first, 3) - 1) < 0)
		return -1;
	name(p, "FY", fy, "-Q", q, 1);
	return 0;
}

/*
 * The relative names: each resolver gets today, its table argument (how
 * many periods back, 0 this, 1 last, or for the to-date ranges the length
 * in months of the period whose start they run from) and the first month
 * of the year it counts quarters and years in: fiscal_year_start for the
 * fiscal names, and for this-quarter, last-quarter and qtd (quarters are
 * the company's), 1 for the calendar ones.
 */
static int
rel_day(struct period *p, date_t today, int back, int start)
{
	(void)start;
	return day(p, today - back);
}

static int
rel_week(struct period *p, date_t today, int back, int start)
{
	int y, w;

	(void)start;
	date_iso_week(today - 7 * back, &y, &w);
	return week(p, y, w);
}

static int
rel_month(struct period *p, date_t today, int back, int start)
{
	int y, m, d;

	(void)start;
	date_to_ymd(date_add_months(today, -back), &y, &m, &d);
	return month(p, y, m);
}

/* Months from the start of the (fiscal) year to the month of t, 0..11,
 * and the name of that year (the calendar year in which it ends). */
static int
months_in(date_t t, int start, int *fy)
{
	int y, m, d;

	date_to_ymd(t, &y, &m, &d);
	*fy = start == 1 || m < start ? y : y + 1;
	return (m - start + 12) % 12;
}

static int
rel_quarter(struct period *p, date_t today, int back, int start)
{
	int y, m, d, fy, k;

	if (start == 1) {
		date_to_ymd(date_add_months(today, -3 * back), &y, &m, &d);
		return quarter(p, y, (m + 2) / 3);
	}
	k = months_in(date_add_months(today, -3 * back), start, &fy);
	return fiscal_quarter(p, fy, k / 3 + 1, start);
}

static int
rel_year(struct period *p, date_t today, int back, int start)
{
	int y, m, d;

	if (start == 1) {
		date_to_ymd(today, &y, &m, &d);
		return year(p, y - back);
	}
	months_in(today, start, &y);
	return fiscal_year(p, y - back, start);
}

static int
rel_to_date(struct period *p, date_t today, int months, int start)
{
	int y, m, d, fy;

	date_to_ymd(today, &y, &m, &d);
	return range(p, date_add_months(date_from_ymd(y, m, 1),
	    -(months_in(today, start, &fy) % months)), today);
}

/* Which first month of the year a name counts in. */
enum { CALENDAR, FISCAL, COMPANY };

static const struct {
	const char *name;
	int (*resolve)(struct period *, date_t, int, int);
	int arg, year;
} relative[] = {
	{ "today", rel_day, 0, CALENDAR },
	{ "yesterday", rel_day, 1, CALENDAR },
	{ "this-week", rel_week, 0, CALENDAR },
	{ "last-week", rel_week, 1, CALENDAR },
	{ "this-month", rel_month, 0, CALENDAR },
	{ "last-month", rel_month, 1, CALENDAR },
	{ "this-quarter", rel_quarter, 0, COMPANY },
	{ "last-quarter", rel_quarter, 1, COMPANY },
	{ "this-year", rel_year, 0, CALENDAR },
	{ "last-year", rel_year, 1, CALENDAR },
	{ "mtd", rel_to_date, 1, CALENDAR },
	{ "qtd", rel_to_date, 3, COMPANY },
	{ "ytd", rel_to_date, 12, CALENDAR },
	{ "this-fiscal-quarter", rel_quarter, 0, FISCAL },
	{ "last-fiscal-quarter", rel_quarter, 1, FISCAL },
	{ "this-fiscal-year", rel_year, 0, FISCAL },
	{ "last-fiscal-year", rel_year, 1, FISCAL },
	{ "fqtd", rel_to_date, 3, FISCAL },
	{ "fytd", rel_to_date, 12, FISCAL },
};

/* n digits at s as a number, or -1; stops at the NUL of a short string. */
static int
fixed_digits(const char *s, int n)
{
	int v = 0;

	for (; n > 0; n--, s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* "-Qn" ending the string, or -1. */
static int
quarter_suffix(const char *s)
{
	int q;

	if (s[0] != '-' || (s[1] != 'Q' && s[1] != 'q'))
		return -1;
	q = fixed_digits(s + 2, 1);
	return q >= 1 && q <= 4 && s[3] == '\0' ? q : -1;
}

static int
parse_fiscal(const char *s, int start, struct period *p)
{
	int fy, q;

	if (start < 1 || start > 12 || (fy = fixed_digits(s, 4)) < 1000)
		return -1;
	if (s[4] == '\0')
		return fiscal_year(p, fy, start);
	if ((q = quarter_suffix(s + 4)) < 0)
		return -1;
	return fiscal_quarter(p, fy, q, start);
}

static int
parse_dates(const char *s, struct period *p)
{
	char first[DATE_BUFSZ];
	date_t a, b;
	size_t len = strlen(s);

	if (len == 10 && date_parse(s, &a) == 0)
		return day(p, a);
	if (len != 22 || s[10] != '.' || s[11] != '.')
		return -1;
	memcpy(first, s, 10);
	first[10] = '\0';
	if (date_parse(first, &a) < 0 || date_parse(s + 12, &b) < 0)
		return -1;
	return range(p, a, b);
}

static int
parse_absolute(const char *s, struct period *p)
{
	int y, n;

	if ((y = fixed_digits(s, 4)) < 1000)
		return -1;
	if (s[4] == '\0')
		return year(p, y);
	if ((n = quarter_suffix(s + 4)) > 0)
		return quarter(p, y, n);
	if (s[4] != '-')
		return -1;
	if ((s[5] == 'W' || s[5] == 'w') &&
	    (n = fixed_digits(s + 6, 2)) >= 0 && s[8] == '\0')
		return week(p, y, n);
	if ((n = fixed_digits(s + 5, 2)) >= 1 && n <= 12 && s[7] == '\0')
		return month(p, y, n);
	return parse_dates(s, p);
}

int
period_parse(const char *s, date_t today, int fiscal_year_start, struct period *p)
{
	struct period q;
	size_t i;
	int r = -1, start;

	memset(&q, 0, sizeof q);
	if (!s)
		return -1;
	if ((s[0] == 'F' || s[0] == 'f') && (s[1] == 'Y' || s[1] == 'y') &&
	    s[2] >= '0' && s[2] <= '9')
		r = parse_fiscal(s + 2, fiscal_year_start, &q);
	else if (s[0] >= '0' && s[0] <= '9')
		r = parse_absolute(s, &q);
	else if (today >= DATE_MIN && today <= DATE_MAX)
		for (i = 0; i < sizeof relative / sizeof relative[0]; i++) {
			if (strcasecmp(s, relative[i].name) != 0)
				continue;
			start = relative[i].year == CALENDAR ? 1 : fiscal_year_start;
			/* The fiscal names need a fiscal year; quarters without
			 * a valid one are the calendar's. */
			if (start < 1 || start > 12) {
				if (relative[i].year == FISCAL)
					break;
				start = 1;
			}
			r = relative[i].resolve(&q, today, relative[i].arg, start);
		}
	/* Longer than any history: refused, so that a report by month or by
	 * day cannot be asked for thousands of them.  Only a range can be
	 * (a report over years of quota rows parses a period per row). */
	if (r == 0 && q.kind == PERIOD_RANGE &&
	    q.to >= date_add_months(q.from, 12 * PERIOD_MAX_YEARS))
		r = -1;
	if (r == 0)
		*p = q;
	return r;
}

const char *
period_label(const struct period *p, int fiscal_year_start, char *buf)
{
	struct period f;
	int y, m, d, q;

	if (fiscal_year_start < 2 || fiscal_year_start > 12 || p->kind == PERIOD_FQUARTER ||
	    p->kind == PERIOD_FYEAR)
		return p->name;
	date_to_ymd(p->from, &y, &m, &d);
	/* the fiscal year the first day falls in, named by the year it ends in */
	if (m >= fiscal_year_start)
		y++;
	q = (m - fiscal_year_start + 12) % 12 / 3 + 1;
	snprintf(buf, PERIOD_NAMESZ, "FY%04d-Q%d", y, q);
	if (period_parse(buf, 0, fiscal_year_start, &f) == 0 && f.from == p->from &&
	    f.to == p->to)
		return buf;
	snprintf(buf, PERIOD_NAMESZ, "FY%04d", y);
	if (period_parse(buf, 0, fiscal_year_start, &f) == 0 && f.from == p->from &&
	    f.to == p->to)
		return buf;
	return p->name;
}

int
period_days(const struct period *p)
{
	return p->to - p->from + 1;
}

int
period_contains(const struct period *p, date_t d)
{
	return d >= p->from && d <= p->to;
}
