#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "datadir.h"
#include "date.h"
#include "err.h"

/*
 * Days from 0000-03-01 to 1970-01-01.  Counting years from March puts the
 * leap day last, so a year's length only matters once it is over.
 */
#define EPOCH_SHIFT 719468
#define DAYS_PER_ERA 146097	/* 400 Gregorian years repeat exactly */

static long long
floor_div(long long a, long long b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

int
is_leap_year(int y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int
days_in_month(int y, int m)
{
	static const int len[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > 12)
		return 0;
	return len[m - 1] + (m == 2 && is_leap_year(y));
}

/* The text form has four-digit years; dates outside it are never valid. */
int
date_valid_ymd(int y, int m, int d)
{
	return y >= 1000 && y <= 9999 && d >= 1 && d <= days_in_month(y, m);
}

date_t
date_from_ymd(int y, int m, int d)
{
	long long yy, mm, era, yoe, doy, doe;

	/* Normalise the month so that callers may step past December. */
	yy = y + floor_div(m - 1LL, 12);
	mm = m - 1LL - floor_div(m - 1LL, 12) * 12 + 1;
	/* March-based: month 0 is March, January and February end the year. */
	if (mm <= 2) {
		yy--;
		mm += 9;
	} else
		mm -= 3;
	era = floor_div(yy, 400);
	yoe = yy - era * 400;
	doy = (153 * mm + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (date_t)(era * DAYS_PER_ERA + doe - EPOCH_SHIFT);
}

void
date_to_ymd(date_t t, int *y, int *m, int *d)
{
	long long z, era, doe, yoe, doy, mp;

	z = (long long)t + EPOCH_SHIFT;
	era = floor_div(z, DAYS_PER_ERA);
	doe = z - era * DAYS_PER_ERA;
	/* Undo the leap days of the 4-, 100- and 400-year cycles. */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (yoe * 365 + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(era * 400 + yoe + (*m <= 2));
}

/* n digits at s as a number, or -1. */
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

/* Two digits at s as a number, or -1. */
static inline int
two_digits(const char *s)
{
	unsigned a = (unsigned)(unsigned char)s[0] - '0', b;

	if (a > 9 || (b = (unsigned)(unsigned char)s[1] - '0') > 9)
		return -1;
	return (int)(a * 10 + b);
}

/* date_from_ymd() for a valid date of the text form: no month to
 * normalise, no year before 0 (a report or an import parses millions). */
static inline date_t
days_of_valid(unsigned y, unsigned m, unsigned d)
{
	unsigned yy = y - (m <= 2), mm = m <= 2 ? m + 9 : m - 3, era = yy / 400,
	    yoe = yy - era * 400, doy = (153 * mm + 2) / 5 + d - 1,
	    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (date_t)((long long)era * DAYS_PER_ERA + doe - EPOCH_SHIFT);
}

int
date_parse(const char *s, date_t *out)
{
	int hi, lo, m, d;

	if (!s || (hi = two_digits(s)) < 10 || (lo = two_digits(s + 2)) < 0 || s[4] != '-' ||
	    (m = two_digits(s + 5)) < 1 || m > 12 || s[7] != '-' ||
	    (d = two_digits(s + 8)) < 1 || s[10] != '\0')
		return -1;
	if (d > 28 && d > days_in_month(hi * 100 + lo, m))
		return -1;
	*out = days_of_valid((unsigned)(hi * 100 + lo), (unsigned)m, (unsigned)d);
	return 0;
}

int
date_parse_month(const char *s, size_t n)
{
	int y, m;

	if (n != 7 || (y = fixed_digits(s, 4)) < 0 || s[4] != '-' ||
	    (m = fixed_digits(s + 5, 2)) < 0 || !date_valid_ymd(y, m, 1))
		return -1;
	return y * 12 + m - 1;
}

static const char two[] =
    "00010203040506070809" "10111213141516171819" "20212223242526272829"
    "30313233343536373839" "40414243444546474849" "50515253545556575859"
    "60616263646566676869" "70717273747576777879" "80818283848586878889"
    "90919293949596979899";

char *
date_format(date_t t, char *buf)
{
	unsigned z, era, doe, yoe, doy, mp, y, m, d;

	/* Out of range: something date_parse() refuses, not a wrong date. */
	memcpy(buf, "0000-00-00", DATE_BUFSZ);
	if (t < DATE_MIN || t > DATE_MAX)
		return buf;
	/* date_to_ymd() for the text form's days, all after year 0 */
	z = (unsigned)(t + EPOCH_SHIFT);
	era = z / DAYS_PER_ERA;
	doe = z - era * DAYS_PER_ERA;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (yoe * 365 + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = era * 400 + yoe + (m <= 2);
	memcpy(buf, two + 2 * (y / 100), 2);
	memcpy(buf + 2, two + 2 * (y % 100), 2);
	memcpy(buf + 5, two + 2 * m, 2);
	memcpy(buf + 8, two + 2 * d, 2);
	return buf;
}

int
date_weekday(date_t t)
{
	/* 1970-01-01 was a Thursday. */
	return (t % 7 + 10) % 7 + 1;
}

void
date_iso_week(date_t t, int *year, int *week)
{
	date_t thursday;
	int m, d;

	/* A week belongs to the year that holds its Thursday. */
	thursday = t + 4 - date_weekday(t);
	date_to_ymd(thursday, year, &m, &d);
	*week = (thursday - date_from_ymd(*year, 1, 1)) / 7 + 1;
}

int
date_from_iso_week(int y, int w, date_t *out)
{
	date_t jan4, monday;
	int last, wy;

	/* December 28 is always in the last week of its year. */
	date_iso_week(date_from_ymd(y, 12, 28), &wy, &last);
	if (w < 1 || w > last)
		return -1;
	/* January 4 is always in week 1. */
	jan4 = date_from_ymd(y, 1, 4);
	monday = jan4 - (date_weekday(jan4) - 1);
	*out = monday + 7 * (w - 1);
	return 0;
}

date_t
date_add_months(date_t t, int n)
{
	long long months;
	int y, m, d, len;

	date_to_ymd(t, &y, &m, &d);
	months = y * 12LL + (m - 1) + n;
	y = (int)floor_div(months, 12);
	m = (int)(months - y * 12LL) + 1;
	len = days_in_month(y, m);
	return date_from_ymd(y, m, d < len ? d : len);
}

date_t
date_today(const char *option)
{
	const char *env;
	time_t now;
	date_t t;

	if (option) {
		if (date_parse(option, &t) < 0)
			die_status(EXIT_USAGE,
			    "invalid --today '%s': want YYYY-MM-DD", option);
		return t;
	}
	env = getenv("SALESMGR_TODAY");
	if (env && *env) {
		if (date_parse(env, &t) < 0)
			die("invalid SALESMGR_TODAY '%s': want YYYY-MM-DD", env);
		return t;
	}
	now = time(NULL);
	if (now == (time_t)-1)
		die_errno("clock");
	return date_local(now);
}

int
date_set_zone(const char *tz)
{
	static const char ok[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789/_+-";
	const char *dir = getenv("TZDIR");
	char path[512];

	/* An IANA name (Europe/Amsterdam, UTC): never a path of its own. */
	if (!*tz || strlen(tz) > 64 || strspn(tz, ok) != strlen(tz) || tz[0] == '/' ||
	    strstr(tz, "//") || tz[strlen(tz) - 1] == '/')
		return -1;
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", tz);
	if (strcmp(tz, "UTC") != 0 && access(path, R_OK) < 0)
		return -1;
	if (setenv("TZ", tz, 1) < 0)
		die_errno("TZ");
	tzset();
	return 0;
}

date_t
date_local(time_t t)
{
	static int zone;
	struct tm tm;
	char *tz;

	/* The data directory's time zone, once, before the first reading. */
	if (!zone) {
		zone = 1;
		if ((tz = datadir_timezone()) && date_set_zone(tz) < 0)
			die("config.tsv: timezone '%s' is not a time zone (want a name such "
			    "as Europe/Amsterdam or UTC)", tz);
		free(tz);
	}
	if (!localtime_r(&t, &tm))
		die_errno("clock");
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int
date_relative(const char *s, date_t base, date_t *out)
{
	long long t;
	int n = 0, i;

	if (!s || *s != '+')
		return date_parse(s, out);
	for (i = 1; i <= 4 && s[i] >= '0' && s[i] <= '9'; i++)
		n = n * 10 + (s[i] - '0');
	if (i == 1 || s[i] == '\0' || s[i + 1] != '\0')
		return -1;
	switch (s[i]) {
	case 'd':
		t = (long long)base + n;
		break;
	case 'w':
		t = base + 7LL * n;
		break;
	case 'm':
		t = date_add_months(base, n);
		break;
	default:
		return -1;
	}
	if (t < DATE_MIN || t > DATE_MAX)
		return -1;
	*out = (date_t)t;
	return 0;
}
