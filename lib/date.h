/*
 * date: calendar dates as a count of days since 1970-01-01 (proleptic
 * Gregorian), so that date arithmetic is integer arithmetic.
 *
 * The only text form is ISO "YYYY-MM-DD" (years 1000-9999); date_parse()
 * refuses anything else, including 2026-02-30.  It returns 0 on success or
 * -1.  "Today" comes from the --today option, else $SALESMGR_TODAY, else the
 * local date: date_today() dies (status 2 for the option, 1 for the
 * environment) on a malformed value, naming where it came from.  The local
 * date is the one in the time zone of config.tsv's timezone (datadir.h)
 * when it is set, so that a cron job on a UTC server and a manager in
 * Amsterdam agree on "today" and "this month"; else in the process's TZ;
 * a timezone this system does not know is fatal.
 *
 * Relative dates: date_relative() accepts an ISO date or "+14d", "+2w",
 * "+1m" (months clamp to the month's last day: 01-31 +1m is 02-28/29),
 * counted from base.
 *
 * Only DATE_MIN..DATE_MAX have a text form: date_valid_ymd() is false for
 * other years, date_relative() refuses results outside the range, and
 * date_format() prints "0000-00-00" (which date_parse() refuses) for them.
 */
#ifndef DATE_H
#define DATE_H
#include <stdint.h>

typedef int32_t date_t;
#define DATE_BUFSZ 11
#define DATE_MIN (-354285)	/* 1000-01-01, the first date of the text form */
#define DATE_MAX 2932896	/* 9999-12-31, the last */

date_t date_from_ymd(int y, int m, int d);
void date_to_ymd(date_t t, int *y, int *m, int *d);
int date_valid_ymd(int y, int m, int d);
int days_in_month(int y, int m);
int is_leap_year(int y);

int date_parse(const char *s, date_t *out);
/* The month "YYYY-MM" in the n bytes at s (n must be 7) as
 * year * 12 + month - 1, or -1. */
#include <stddef.h>
int date_parse_month(const char *s, size_t n);
char *date_format(date_t t, char *buf);	/* buf of DATE_BUFSZ; returns buf */
/* ISO weekday: 1 Monday .. 7 Sunday. */
int date_weekday(date_t t);
/* ISO week-year and week of t. */
void date_iso_week(date_t t, int *year, int *week);
/* Monday of ISO week w of ISO year y; -1 if y has no week w. */
int date_from_iso_week(int y, int w, date_t *out);
/* Add n months, clamping the day to the target month's length. */
date_t date_add_months(date_t t, int n);

/* Today, from the --today option (or NULL), $SALESMGR_TODAY, or the clock. */
date_t date_today(const char *option);
/* The local date of an instant (the data directory's time zone). */
#include <time.h>
date_t date_local(time_t t);
/* Read local dates in time zone tz (an IANA name: Europe/Amsterdam, UTC);
 * -1 if tz is not one this system knows. */
int date_set_zone(const char *tz);
/* ISO date or +Nd/+Nw/+Nm from base; 0 or -1. */
int date_relative(const char *s, date_t base, date_t *out);

#endif
