#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "err.h"
#include "unit.h"

static date_t
ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static const char *
fmt(date_t t)
{
	static char buf[4][DATE_BUFSZ];
	static int i;

	i = (i + 1) % 4;
	return date_format(t, buf[i]);
}

static void
test_leap(void)
{
	static const struct { int y, leap; } t[] = {
		{ 2024, 1 }, { 2025, 0 }, { 1900, 0 }, { 2000, 1 }, { 2100, 0 },
		{ 2400, 1 }, { 1600, 1 }, { 1004, 1 }, { 9996, 1 }, { 2023, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		CHECK_INT(is_leap_year(t[i].y), t[i].leap, "%d leap: %d",
		    t[i].y, t[i].leap);
	CHECK_INT(days_in_month(2024, 2), 29, "February 2024 has 29 days");
	CHECK_INT(days_in_month(2025, 2), 28, "February 2025 has 28 days");
	CHECK_INT(days_in_month(1900, 2), 28, "February 1900 has 28 days");
	CHECK_INT(days_in_month(2000, 2), 29, "February 2000 has 29 days");
	CHECK_INT(days_in_month(2026, 4), 30, "April has 30 days");
	CHECK_INT(days_in_month(2026, 12), 31, "December has 31 days");
	CHECK_INT(days_in_month(2026, 0), 0, "month 0 has no days");
	CHECK_INT(days_in_month(2026, 13), 0, "month 13 has no days");
}

static void
test_parse(void)
{
	static const struct { const char *s; int y, m, d; } ok[] = {
		{ "2024-02-29", 2024, 2, 29 }, { "2000-02-29", 2000, 2, 29 },
		{ "1970-01-01", 1970, 1, 1 }, { "2026-11-26", 2026, 11, 26 },
		{ "1000-01-01", 1000, 1, 1 }, { "9999-12-31", 9999, 12, 31 },
		{ "2026-04-30", 2026, 4, 30 }, { "2026-12-31", 2026, 12, 31 },
	};
	static const char *const bad[] = {
		"2025-02-29", "1900-02-29", "2026-02-30", "2026-04-31",
		"2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32",
		"2026-1-01", "2026-01-1", "20260101", "2026/01/01",
		" 2026-01-01", "2026-01-01 ", "2026-01-01x", "2026-01-01\t",
		"0999-12-31", "10000-01-01", "", "+026-01-01", "-026-01-01",
		"2026-O1-01", "2026-01", "2026", "today", "2026--1-01",
		"2026-01-+1", "0000-00-00",
	};
	date_t t;
	size_t i;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		t = -1;
		CHECK(date_parse(ok[i].s, &t) == 0 &&
		    t == ymd(ok[i].y, ok[i].m, ok[i].d), "parse '%s'", ok[i].s);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t = 12345;
		CHECK(date_parse(bad[i], &t) == -1 && t == 12345,
		    "parse '%s' fails", bad[i]);
	}
	CHECK(date_parse(NULL, &t) == -1, "parse NULL fails");
	CHECK(date_valid_ymd(2024, 2, 29), "2024-02-29 is valid");
	CHECK(!date_valid_ymd(2025, 2, 29), "2025-02-29 is not");
	CHECK(!date_valid_ymd(999, 1, 1), "0999-01-01 is not");
	CHECK(!date_valid_ymd(10000, 1, 1), "10000-01-01 is not");
	CHECK(!date_valid_ymd(2026, 13, 1), "2026-13-01 is not");
}

static void
test_known(void)
{
	int y, m, d;

	CHECK_INT(ymd(1970, 1, 1), 0, "1970-01-01 is day 0");
	CHECK_INT(ymd(1969, 12, 31), -1, "1969-12-31 is day -1");
	CHECK_INT(ymd(2000, 1, 1), 10957, "2000-01-01 is day 10957");
	CHECK_INT(ymd(2000, 3, 1), 11017, "2000-03-01 is day 11017");
	CHECK_INT(ymd(1000, 1, 1), DATE_MIN, "DATE_MIN is 1000-01-01");
	CHECK_INT(ymd(9999, 12, 31), DATE_MAX, "DATE_MAX is 9999-12-31");
	CHECK_INT(ymd(2026, 13, 1), ymd(2027, 1, 1), "month 13 is next January");
	CHECK_INT(ymd(2026, 0, 1), ymd(2025, 12, 1), "month 0 is last December");
	CHECK_INT(ymd(2026, 3, 0), ymd(2026, 2, 28), "day 0 is the day before");
	date_to_ymd(-719468, &y, &m, &d);
	CHECK(y == 0 && m == 3 && d == 1, "day -719468 is 0000-03-01");
	date_to_ymd(ymd(-1, 12, 31), &y, &m, &d);
	CHECK(y == -1 && m == 12 && d == 31, "negative years round trip");
	CHECK_STR(fmt(ymd(2026, 11, 26)), "2026-11-26", "format 2026-11-26");
	CHECK_STR(fmt(ymd(1000, 1, 1)), "1000-01-01", "format 1000-01-01");
	CHECK_STR(fmt(DATE_MIN - 1), "0000-00-00", "format before the range");
	CHECK_STR(fmt(DATE_MAX + 1), "0000-00-00", "format after the range");
	CHECK_STR(fmt(INT32_MIN), "0000-00-00", "format INT32_MIN");
	CHECK_INT(date_weekday(0), 4, "1970-01-01 was a Thursday");
	CHECK_INT(date_weekday(ymd(2026, 11, 26)), 4, "2026-11-26 is a Thursday");
	CHECK_INT(date_weekday(ymd(2000, 1, 1)), 6, "2000-01-01 was a Saturday");
	CHECK_INT(date_weekday(ymd(2024, 12, 30)), 1, "2024-12-30 is a Monday");
	CHECK_INT(date_weekday(ymd(1969, 12, 28)), 7, "1969-12-28 was a Sunday");
}

/*
 * Every day of the text form, counted one by one with a calendar of its
 * own, against date_from_ymd, date_to_ymd, format, parse, weekday and the
 * ISO week.
 */
static void
test_every_day(void)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char want[48];
	date_t t, expect = DATE_MIN, p, monday;
	int y = 1000, m = 1, d = 1, yy, mm, dd, mlen, wd, prev_wd = 0;
	int iy, iw, prev_iy = 0, prev_iw = 0;
	long days = 0, bad_from = 0, bad_to = 0, bad_text = 0, bad_wd = 0,
	    bad_week = 0, epoch_seen = 0;

	for (;;) {
		if (y == 1970 && m == 1 && d == 1)
			epoch_seen = expect == 0;
		t = date_from_ymd(y, m, d);
		bad_from += t != expect;
		date_to_ymd(expect, &yy, &mm, &dd);
		bad_to += yy != y || mm != m || dd != d;
		snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
		bad_text += strcmp(fmt(expect), want) != 0 ||
		    date_parse(want, &p) != 0 || p != expect;
		wd = date_weekday(expect);
		bad_wd += wd < 1 || wd > 7 || (prev_wd && wd != prev_wd % 7 + 1);
		date_iso_week(expect, &iy, &iw);
		bad_week += date_from_iso_week(iy, iw, &monday) != 0 ||
		    monday + wd - 1 != expect;
		if (prev_iw && wd != 1)
			bad_week += iy != prev_iy || iw != prev_iw;
		else if (prev_iw)
			bad_week += !(iy == prev_iy && iw == prev_iw + 1) &&
			    !(iy == prev_iy + 1 && iw == 1 && prev_iw >= 52);
		if (m == 1 && d == 4)
			bad_week += iy != y || iw != 1;
		prev_wd = wd;
		prev_iy = iy;
		prev_iw = iw;
		days++;
		if (y == 9999 && m == 12 && d == 31)
			break;
		mlen = len[m - 1];
		if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
			mlen = 29;
		expect++;
		if (++d > mlen) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	CHECK_INT(days, 9000L * 365 + 2182, "days 1000-01-01..9999-12-31");
	CHECK(epoch_seen, "the count reaches 1970-01-01 at day 0");
	CHECK_INT(expect, DATE_MAX, "the count ends at DATE_MAX");
	CHECK_INT(bad_from, 0, "date_from_ymd agrees with the count");
	CHECK_INT(bad_to, 0, "date_to_ymd agrees with the count");
	CHECK_INT(bad_text, 0, "format and parse agree with the count");
	CHECK_INT(bad_wd, 0, "weekdays follow each other");
	CHECK_INT(bad_week, 0, "ISO weeks are consistent every day");
}

static void
test_iso_week(void)
{
	static const struct { int y, m, d, wy, w; } t[] = {
		{ 2024, 12, 30, 2025, 1 }, { 2024, 12, 29, 2024, 52 },
		{ 2026, 12, 31, 2026, 53 }, { 2027, 1, 3, 2026, 53 },
		{ 2027, 1, 4, 2027, 1 }, { 2021, 1, 3, 2020, 53 },
		{ 2026, 1, 1, 2026, 1 }, { 2025, 12, 29, 2026, 1 },
		{ 2023, 1, 1, 2022, 52 }, { 2026, 11, 26, 2026, 48 },
		{ 2026, 11, 23, 2026, 48 }, { 2026, 11, 22, 2026, 47 },
	};
	date_t mon;
	size_t i;
	int y, w, n53;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		date_iso_week(ymd(t[i].y, t[i].m, t[i].d), &y, &w);
		CHECK(y == t[i].wy && w == t[i].w, "%04d-%02d-%02d is %d-W%02d",
		    t[i].y, t[i].m, t[i].d, t[i].wy, t[i].w);
	}
	mon = 0;
	CHECK(date_from_iso_week(2026, 53, &mon) == 0 && mon == ymd(2026, 12, 28),
	    "2026-W53 exists and starts 2026-12-28");
	mon = 0;
	CHECK(date_from_iso_week(2025, 53, &mon) == -1 && mon == 0,
	    "2025-W53 does not exist");
	CHECK(date_from_iso_week(2025, 1, &mon) == 0 && mon == ymd(2024, 12, 30),
	    "2025-W01 starts 2024-12-30");
	CHECK(date_from_iso_week(2025, 52, &mon) == 0 && mon == ymd(2025, 12, 22),
	    "2025-W52 starts 2025-12-22");
	CHECK(date_from_iso_week(2020, 53, &mon) == 0 && mon == ymd(2020, 12, 28),
	    "2020-W53 starts 2020-12-28");
	CHECK(date_from_iso_week(2026, 48, &mon) == 0 && mon == ymd(2026, 11, 23),
	    "2026-W48 starts 2026-11-23");
	CHECK(date_from_iso_week(2026, 0, &mon) == -1, "week 0 does not exist");
	CHECK(date_from_iso_week(2026, 54, &mon) == -1, "week 54 does not exist");
	CHECK(date_from_iso_week(2026, -1, &mon) == -1, "week -1 does not exist");
	for (n53 = 0, y = 2000; y < 2400; y++)
		n53 += date_from_iso_week(y, 53, &mon) == 0;
	CHECK_INT(n53, 71, "71 of every 400 years have a week 53");
	CHECK(date_from_iso_week(2015, 53, &mon) == 0, "2015-W53 exists");
	CHECK(date_from_iso_week(2024, 53, &mon) == -1, "2024-W53 does not");
}

static void
test_add_months(void)
{
	static const struct { int y, m, d, n, wy, wm, wd; } t[] = {
		{ 2024, 1, 31, 1, 2024, 2, 29 }, { 2025, 1, 31, 1, 2025, 2, 28 },
		{ 2026, 3, 31, -1, 2026, 2, 28 }, { 2026, 11, 26, 2, 2027, 1, 26 },
		{ 2026, 1, 15, -1, 2025, 12, 15 }, { 2026, 1, 15, 12, 2027, 1, 15 },
		{ 2024, 2, 29, -24, 2022, 2, 28 }, { 2024, 2, 29, 48, 2028, 2, 29 },
		{ 2026, 5, 31, 1, 2026, 6, 30 }, { 2026, 5, 31, 0, 2026, 5, 31 },
		{ 2026, 1, 1, -13, 2024, 12, 1 }, { 2026, 12, 31, 1, 2027, 1, 31 },
		{ 2026, 8, 31, 1, 2026, 9, 30 }, { 2000, 1, 31, 1201, 2100, 2, 28 },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		CHECK_STR(fmt(date_add_months(ymd(t[i].y, t[i].m, t[i].d), t[i].n)),
		    fmt(ymd(t[i].wy, t[i].wm, t[i].wd)),
		    "%04d-%02d-%02d %+d months", t[i].y, t[i].m, t[i].d, t[i].n);
}

static void
test_relative(void)
{
	static const struct { const char *s; int y, m, d; } ok[] = {
		{ "+0d", 2026, 1, 31 }, { "+14d", 2026, 2, 14 },
		{ "+2w", 2026, 2, 14 }, { "+1m", 2026, 2, 28 },
		{ "+13m", 2027, 2, 28 }, { "+01d", 2026, 2, 1 },
		{ "+0w", 2026, 1, 31 }, { "+0m", 2026, 1, 31 },
		{ "+9999d", 2053, 6, 17 }, { "+9999m", 2859, 4, 30 },
		{ "2026-03-01", 2026, 3, 1 }, { "1000-01-01", 1000, 1, 1 },
	};
	static const char *const bad[] = {
		"+d", "+", "+1", "+1x", "+1dd", "-1d", "+1D", " +1d", "+1d ",
		"+10000d", "+00001d", "1d", "d", "", "2026-02-30", "+-1d",
		"+1.5d", "+ 1d", "today",
	};
	date_t base = ymd(2026, 1, 31), t;
	size_t i;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		t = -1;
		CHECK(date_relative(ok[i].s, base, &t) == 0 &&
		    t == ymd(ok[i].y, ok[i].m, ok[i].d), "'%s' from 2026-01-31 is %04d-%02d-%02d",
		    ok[i].s, ok[i].y, ok[i].m, ok[i].d);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t = 12345;
		CHECK(date_relative(bad[i], base, &t) == -1 && t == 12345,
		    "'%s' is not a relative date", bad[i]);
	}
	CHECK(date_relative("+1m", ymd(2024, 1, 31), &t) == 0 &&
	    t == ymd(2024, 2, 29), "+1m from 2024-01-31 is 2024-02-29");
	CHECK(date_relative("+1d", DATE_MAX, &t) == -1,
	    "+1d from 9999-12-31 is out of range");
	CHECK(date_relative("+9999w", DATE_MAX - 5, &t) == -1,
	    "+9999w near the end is out of range");
	CHECK(date_relative(NULL, base, &t) == -1, "NULL is not a relative date");
}

/* Run date_today() in a child; its exit status, and its stderr in msg. */
static int
today_dies(const char *option, const char *env, char *msg, size_t msgsz)
{
	int fds[2], status;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	fflush(stdout);
	if (pipe(fds) < 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		if (env)
			setenv("SALESMGR_TODAY", env, 1);
		else
			unsetenv("SALESMGR_TODAY");
		date_today(option);
		_exit(0);
	}
	close(fds[1]);
	/* stderr is unbuffered: the message may come in several writes. */
	while (len < msgsz - 1 && (n = read(fds[0], msg + len, msgsz - 1 - len)) > 0)
		len += (size_t)n;
	msg[len] = '\0';
	close(fds[0]);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void
test_today(void)
{
	char msg[256];
	struct tm tm;
	time_t now;
	date_t clock1, clock2, t;

	unsetenv("SALESMGR_TODAY");
	CHECK_STR(fmt(date_today("2026-11-26")), "2026-11-26", "--today wins");
	setenv("SALESMGR_TODAY", "2027-01-01", 1);
	CHECK_STR(fmt(date_today(NULL)), "2027-01-01", "$SALESMGR_TODAY");
	CHECK_STR(fmt(date_today("2026-11-26")), "2026-11-26",
	    "--today wins over $SALESMGR_TODAY");
	setenv("SALESMGR_TODAY", "", 1);
	now = time(NULL);
	localtime_r(&now, &tm);
	clock1 = ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	t = date_today(NULL);
	now = time(NULL);
	localtime_r(&now, &tm);
	clock2 = ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	CHECK(t == clock1 || t == clock2, "empty $SALESMGR_TODAY: the clock");
	unsetenv("SALESMGR_TODAY");
	t = date_today(NULL);
	CHECK(t >= clock1 && t <= clock2 + 1, "no $SALESMGR_TODAY: the clock");

	CHECK_INT(today_dies("2026-13-01", NULL, msg, sizeof msg), EXIT_USAGE,
	    "bad --today exits 2");
	CHECK_STR(msg, "test-date: invalid --today '2026-13-01': want YYYY-MM-DD\n",
	    "bad --today message");
	CHECK_INT(today_dies("", "2026-01-01", msg, sizeof msg), EXIT_USAGE,
	    "empty --today exits 2");
	CHECK_INT(today_dies(NULL, "26-11-26", msg, sizeof msg), EXIT_FAIL,
	    "bad $SALESMGR_TODAY exits 1");
	CHECK_STR(msg, "test-date: invalid SALESMGR_TODAY '26-11-26': want YYYY-MM-DD\n",
	    "bad $SALESMGR_TODAY message");
	CHECK_INT(today_dies("2026-11-26", "bad", msg, sizeof msg), 0,
	    "good --today hides a bad $SALESMGR_TODAY");
}

int
main(void)
{
	char name[] = "test-date", *argv[] = { name, NULL };

	err_init(argv);
	test_leap();
	test_parse();
	test_known();
	test_every_day();
	test_iso_week();
	test_add_months();
	test_relative();
	test_today();
	return unit_done();
}
