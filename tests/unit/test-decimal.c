/* Unit tests for lib/decimal.c. */
#include <stdint.h>

#include "../../lib/decimal.h"
#include "unit.h"

static void
parses(const char *s, int64_t want, int wantd)
{
	int64_t v = 0;
	int d = -1, st = dec_parse(s, &v, &d);

	CHECK(st == 0 && v == want && d == wantd, "'%s' is %lld at scale %d (got %d: %lld, %d)",
	    s, (long long)want, wantd, st, (long long)v, d);
}

static void
refuses(const char *s, int want)
{
	int64_t v = 0;
	int d = 0;

	CHECK_INT(dec_parse(s, &v, &d), want, "'%s' is refused with %d", s, want);
}

int
main(void)
{
	char buf[DEC_BUFSZ];

	parses("0", 0, 0);
	parses("12", 12, 0);
	parses("+12", 12, 0);
	parses("-12.50", -1250, 2);
	parses("0.000000001", 1, 9);
	parses("9223372036854775807", INT64_MAX, 0);
	parses("-9223372036854775808", INT64_MIN, 0);
	parses("-9223372036.854775808", INT64_MIN, 9);
	refuses("", -1);
	refuses("-", -1);
	refuses(".5", -1);
	refuses("5.", -1);
	refuses("1.2.3", -1);
	refuses("1e3", -1);
	refuses(" 1", -1);
	refuses("1,5", -1);
	refuses("9223372036854775808", -2);
	refuses("-9223372036854775809", -2);
	refuses("1.0000000001", -3);
	/* Syntax first, then the decimals, then the range. */
	refuses("1.0000000001x", -1);
	refuses("99999999999999999999x", -1);
	refuses("99999999999999999999.0000000001", -3);
	{
		int64_t v;
		int d = -1;

		CHECK(dec_parse("99999999999999999999.5", &v, &d) == -2 && d == 1,
		    "out of range, and the decimals are told (%d)", d);
	}
	CHECK_INT(dec_pow10(0), 1, "10^0");
	CHECK_INT(dec_pow10(9), 1000000000, "10^9");
	CHECK_INT(dec_pow10(18), 1000000000000000000LL, "10^18");
	CHECK_STR(dec_format(0, 0, buf), "0", "0 at scale 0");
	CHECK_STR(dec_format(7, 0, buf), "7", "7 at scale 0");
	CHECK_STR(dec_format(-5, 2, buf), "-0.05", "-5 at scale 2");
	CHECK_STR(dec_format(12500, 3, buf), "12.500", "12500 at scale 3");
	CHECK_STR(dec_format(1, 9, buf), "0.000000001", "1 at scale 9");
	CHECK_STR(dec_format(INT64_MIN, 9, buf), "-9223372036.854775808",
	    "INT64_MIN at scale 9 fits the buffer");
	CHECK_STR(dec_format(INT64_MAX, 0, buf), "9223372036854775807", "INT64_MAX at scale 0");
	return unit_done();
}
