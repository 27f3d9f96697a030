#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "money.h"
#include "unit.h"

/* A fixed-seed generator (splitmix64) so that failures are repeatable. */
static uint64_t rng_state = 0x5a1e5a1e5a1e5a1eULL;

static uint64_t
rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Random amounts of every magnitude, not only huge ones. */
static int64_t
rng_amount(void)
{
	uint64_t r = rng();
	int bits = (int)(rng() % 64);

	if (bits == 0)
		return (int64_t)r;
	return (int64_t)(r >> (64 - bits)) * (rng() & 1 ? -1 : 1);
}

static void
test_currency(void)
{
	static const struct { const char *code; int want; } t[] = {
		{ "EUR", 2 }, { "USD", 2 }, { "JPY", 0 }, { "KRW", 0 },
		{ "ISK", 0 }, { "CLP", 0 }, { "VND", 0 }, { "UGX", 0 },
		{ "XOF", 0 }, { "XAF", 0 }, { "PYG", 0 }, { "BHD", 3 },
		{ "KWD", 3 }, { "OMR", 3 }, { "JOD", 3 }, { "TND", 3 },
		{ "IQD", 3 }, { "LYD", 3 }, { "jpy", 0 }, { "XYZ", 2 },
		{ "", 2 },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		money_set_currency("KWD");
		money_set_currency(t[i].code);
		CHECK_INT(money_decimals(), t[i].want, "currency '%s' has %d decimals",
		    t[i].code, t[i].want);
	}
	money_set_currency(NULL);
	CHECK_INT(money_decimals(), 2, "no currency means 2 decimals");
	money_set_decimals(4);
	CHECK_INT(money_decimals(), 4, "money_set_decimals(4)");
	money_set_decimals(2);
}

static void
test_parse_ok(void)
{
	static const struct { const char *s; int64_t want; } t[] = {
		{ "0", 0 }, { "-0", 0 }, { "-0.00", 0 },
		{ "0.5", 50 }, { "0.05", 5 }, { "12", 1200 }, { "12.5", 1250 },
		{ "12.50", 1250 }, { "-12.34", -1234 },
		{ "-0.01", -1 }, { "007", 700 }, { "1234567.89", 123456789 },
		{ "92233720368547758.07", INT64_MAX },
		{ "-92233720368547758.08", INT64_MIN },
		{ "-92233720368547758", INT64_MIN + 8 },
	};
	const char *why;
	int64_t v;
	size_t i;
	int r;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		v = 12345;
		why = NULL;
		r = money_parse(t[i].s, &v, &why);
		CHECK(r == 0 && v == t[i].want && why == NULL,
		    "parse '%s' is %lld", t[i].s, (long long)t[i].want);
	}
}

static void
test_parse_bad(void)
{
	static const struct { const char *s, *why; } t[] = {
		{ "", "not an amount" }, { ".5", "not an amount" },
		{ "5.", "not an amount" }, { "-", "not an amount" },
		{ "+", "not an amount" }, { "-.5", "not an amount" },
		{ "--5", "not an amount" }, { "+-5", "not an amount" },
		/* salesmgr-files(5): no plus sign, as the files never hold one */
		{ "+0", "not an amount" }, { "+12.34", "not an amount" },
		{ "1,000.00", "not an amount" }, { "1 000", "not an amount" },
		{ " 5", "not an amount" }, { "5 ", "not an amount" },
		{ "5\t", "not an amount" }, { "abc", "not an amount" },
		{ "1e5", "not an amount" }, { "0x10", "not an amount" },
		{ "1.2.3", "not an amount" }, { "1.5x", "not an amount" },
		{ "1.234x", "not an amount" }, { "€5", "not an amount" },
		{ "1.234", "more than 2 decimals" },
		{ "0.001", "more than 2 decimals" },
		{ "-1.500", "more than 2 decimals" },
		{ "92233720368547758.08", "out of range" },
		{ "-92233720368547758.09", "out of range" },
		{ "92233720368547759", "out of range" },
		{ "99999999999999999999999", "out of range" },
		{ "-184467440737095516.16", "out of range" },
	};
	const char *why;
	int64_t v;
	size_t i;
	int r;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		v = 12345;
		why = NULL;
		r = money_parse(t[i].s, &v, &why);
		CHECK(r == -1 && v == 12345, "parse '%s' fails", t[i].s);
		CHECK_STR(why, t[i].why, "parse '%s' fails with '%s'", t[i].s, t[i].why);
	}
	CHECK(money_parse(NULL, &v, NULL) == -1, "parse NULL fails without why");
	CHECK(money_parse("1.234", &v, NULL) == -1, "parse fails without why");
}

static void
test_decimals(void)
{
	const char *why = NULL;
	char buf[MONEY_BUFSZ];
	int64_t v = 0;

	money_set_currency("JPY");
	CHECK(money_parse("1234", &v, &why) == 0 && v == 1234, "JPY 1234");
	CHECK_STR(money_format(v, buf), "1234", "JPY formats without '.'");
	CHECK(money_parse("12.5", &v, &why) == -1, "JPY refuses decimals");
	CHECK_STR(why, "more than 0 decimals", "JPY why");
	CHECK(money_parse("9223372036854775807", &v, &why) == 0 && v == INT64_MAX,
	    "JPY INT64_MAX");
	CHECK_STR(money_format(INT64_MIN, buf), "-9223372036854775808", "JPY INT64_MIN");
	CHECK_STR(money_format_grouped(-1234567, buf, ",", "."), "-1,234,567",
	    "JPY grouped");

	money_set_currency("KWD");
	CHECK(money_parse("1.234", &v, &why) == 0 && v == 1234, "KWD 1.234");
	CHECK(money_parse("1.2", &v, &why) == 0 && v == 1200, "KWD 1.2");
	CHECK(money_parse("1.2345", &v, &why) == -1, "KWD refuses 4 decimals");
	CHECK_STR(why, "more than 3 decimals", "KWD why");
	CHECK_STR(money_format(5, buf), "0.005", "KWD 0.005");
	CHECK_STR(money_format(-1234, buf), "-1.234", "KWD -1.234");

	money_set_decimals(1);
	CHECK(money_parse("1.23", &v, &why) == -1, "1 decimal refuses 2");
	CHECK_STR(why, "more than 1 decimal", "singular why");
	money_set_currency("EUR");
}

static void
test_format(void)
{
	static const struct { int64_t v; const char *want, *grouped; } t[] = {
		{ 0, "0.00", "0.00" },
		{ 1, "0.01", "0.01" },
		{ -1, "-0.01", "-0.01" },
		{ 50, "0.50", "0.50" },
		{ 100, "1.00", "1.00" },
		{ -1250, "-12.50", "-12.50" },
		{ 99999, "999.99", "999.99" },
		{ 100000, "1000.00", "1,000.00" },
		{ -100000, "-1000.00", "-1,000.00" },
		{ 12345678, "123456.78", "123,456.78" },
		{ 123456789, "1234567.89", "1,234,567.89" },
		{ INT64_MAX, "92233720368547758.07", "92,233,720,368,547,758.07" },
		{ INT64_MIN, "-92233720368547758.08", "-92,233,720,368,547,758.08" },
	};
	char buf[MONEY_BUFSZ];
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		CHECK_STR(money_format(t[i].v, buf), t[i].want, "format %lld",
		    (long long)t[i].v);
		CHECK_STR(money_format_grouped(t[i].v, buf, ",", "."), t[i].grouped,
		    "grouped %lld", (long long)t[i].v);
	}
	CHECK_STR(money_format_grouped(123456789, buf, ".", ","), "1.234.567,89",
	    "grouped the German way");
	CHECK_STR(money_format_grouped(123456789, buf, "\u202f", ","),
	    "1\u202f234\u202f567,89", "grouped with a narrow no-break space");
	CHECK_STR(money_format_grouped(INT64_MIN, buf, "\u202f", "\u2396"),
	    "-92\u202f233\u202f720\u202f368\u202f547\u202f758\u239608",
	    "three-byte separators fit");
	CHECK(strlen(money_format_grouped(INT64_MIN, buf, "<<sep>>", ".")) ==
	    MONEY_BUFSZ - 1, "long separators are cut, not overrun");
	CHECK(money_format(42, buf) == buf, "money_format returns buf");
}

static void
test_round_trip(void)
{
	static const char *const canon[] = {
		"0.00", "0.01", "-0.01", "0.10", "1.00", "-1.00", "12.34",
		"1000000.00", "-99999.99", "92233720368547758.07",
		"-92233720368547758.08", "92233720368547758.06",
		"-92233720368547758.07", "10.05", "7.70",
	};
	static const int decs[] = { 0, 1, 2, 3, 4 };
	char buf[MONEY_BUFSZ];
	const char *why;
	int64_t v, w;
	size_t i, d;
	int bad, n;

	for (i = 0; i < sizeof canon / sizeof canon[0]; i++) {
		CHECK(money_parse(canon[i], &v, &why) == 0 &&
		    strcmp(money_format(v, buf), canon[i]) == 0,
		    "'%s' is canonical", canon[i]);
	}
	for (d = 0; d < sizeof decs / sizeof decs[0]; d++) {
		money_set_decimals(decs[d]);
		bad = 0;
		for (n = 0; n < 200000; n++) {
			v = n == 0 ? INT64_MIN : n == 1 ? INT64_MAX :
			    n == 2 ? 0 : rng_amount();
			w = v ^ 1;
			if (money_parse(money_format(v, buf), &w, &why) < 0 || w != v)
				bad++;
			if (money_parse(money_format_grouped(v, buf, "", "."),
			    &w, &why) < 0 || w != v)
				bad++;
		}
		CHECK_INT(bad, 0, "200000 random round trips at %d decimals", decs[d]);
	}
	money_set_decimals(2);
}

static void
test_arith(void)
{
	int64_t r;

	r = 7;
	CHECK(money_add(1, 2, &r) == 0 && r == 3, "1 + 2");
	CHECK(money_add(INT64_MAX, 0, &r) == 0 && r == INT64_MAX, "max + 0");
	r = 7;
	CHECK(money_add(INT64_MAX, 1, &r) == -1 && r == 7, "max + 1 overflows");
	CHECK(money_add(INT64_MIN, -1, &r) == -1 && r == 7, "min - 1 overflows");
	CHECK(money_add(INT64_MIN, INT64_MAX, &r) == 0 && r == -1, "min + max");
	CHECK(money_sub(5, 8, &r) == 0 && r == -3, "5 - 8");
	r = 7;
	CHECK(money_sub(INT64_MIN, 1, &r) == -1 && r == 7, "min - 1 overflows");
	CHECK(money_sub(0, INT64_MIN, &r) == -1 && r == 7, "0 - min overflows");
	CHECK(money_sub(-1, INT64_MIN, &r) == 0 && r == INT64_MAX, "-1 - min");
	CHECK(money_mul(1250, 3, &r) == 0 && r == 3750, "12.50 * 3");
	CHECK(money_mul(-1250, -3, &r) == 0 && r == 3750, "-12.50 * -3");
	r = 7;
	CHECK(money_mul(INT64_MIN, -1, &r) == -1 && r == 7, "min * -1 overflows");
	CHECK(money_mul(INT64_MAX / 2 + 1, 2, &r) == -1 && r == 7,
	    "(max/2+1) * 2 overflows");
	CHECK(money_mul(INT64_MAX / 2, 2, &r) == 0 && r == INT64_MAX - 1,
	    "max/2 * 2");
}

static void
test_bp(void)
{
	static const struct { int64_t a, bp, want; } t[] = {
		{ 10000, 1550, 1550 }, { 1000, 1550, 155 }, { 1, 5000, 1 },
		{ -1, 5000, -1 }, { 1, 4999, 0 }, { -1, 4999, 0 },
		{ 3, 5000, 2 }, { -3, 5000, -2 }, { 1, -5000, -1 },
		{ 12345, 10000, 12345 }, { 12345, 0, 0 }, { 199, 250, 5 },
		{ 180, 250, 5 }, { 179, 250, 4 }, { -180, 250, -5 },
		{ INT64_MAX, 10000, INT64_MAX }, { INT64_MIN, 10000, INT64_MIN },
		{ INT64_MAX, 5000, INT64_MAX / 2 + 1 },
		{ INT64_MIN, 5000, INT64_MIN / 2 },
		{ INT64_MAX, 1, 922337203685478 },
		{ 1000000, INT64_MAX / 1000000, INT64_MAX / 1000000 * 100 },
	};
	int64_t r;
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		r = 7;
		CHECK(money_apply_bp(t[i].a, t[i].bp, &r) == 0 && r == t[i].want,
		    "%lld at %lld bp is %lld", (long long)t[i].a,
		    (long long)t[i].bp, (long long)t[i].want);
	}
	r = 7;
	CHECK(money_apply_bp(INT64_MAX, 10001, &r) == -1 && r == 7,
	    "max at 10001 bp overflows");
	CHECK(money_apply_bp(INT64_MIN, -10000, &r) == -1 && r == 7,
	    "min at -10000 bp overflows");
	CHECK(money_apply_bp(INT64_MAX, INT64_MAX, &r) == -1 && r == 7,
	    "max at max bp overflows");
}

static void
test_div(void)
{
	static const struct { int64_t n, d, want; } t[] = {
		{ 7, 2, 4 }, { -7, 2, -4 }, { 7, -2, -4 }, { -7, -2, 4 },
		{ 5, 3, 2 }, { 1, 3, 0 }, { 2, 3, 1 }, { -2, 3, -1 },
		{ 6, 3, 2 }, { 0, 5, 0 }, { INT64_MAX, 1, INT64_MAX },
		{ INT64_MIN, 1, INT64_MIN }, { INT64_MIN, 2, INT64_MIN / 2 },
		{ INT64_MAX, 2, INT64_MAX / 2 + 1 }, { INT64_MIN, INT64_MIN, 1 },
		{ INT64_MAX, INT64_MIN, -1 }, { 1, INT64_MAX, 0 },
		{ INT64_MIN, -2, (int64_t)1 << 62 },
	};
	int64_t r;
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		r = 7;
		CHECK(money_div_round(t[i].n, t[i].d, &r) == 0 && r == t[i].want,
		    "%lld / %lld is %lld", (long long)t[i].n, (long long)t[i].d,
		    (long long)t[i].want);
	}
	r = 7;
	CHECK(money_div_round(INT64_MIN, -1, &r) == -1 && r == 7,
	    "min / -1 overflows");
	CHECK(money_div_round(1, 0, &r) == -1 && r == 7, "division by 0 fails");
}

static int
split_is(int64_t total, const int64_t *w, size_t n, const int64_t *want)
{
	int64_t parts[8];
	size_t i;

	if (money_split(total, w, n, parts) < 0)
		return 0;
	for (i = 0; i < n; i++)
		if (parts[i] != want[i])
			return 0;
	return 1;
}

/* Parts add up to total and each is within one unit of its exact share. */
static int
split_fair(int64_t total, const int64_t *w, const int64_t *parts, size_t n)
{
	__int128 sum = 0, wsum = 0, diff;
	size_t i;

	for (i = 0; i < n; i++) {
		sum += parts[i];
		wsum += w[i];
	}
	if (sum != total)
		return 0;
	for (i = 0; i < n; i++) {
		diff = (__int128)parts[i] * wsum - (__int128)total * w[i];
		if (diff >= wsum || diff <= -wsum)
			return 0;
	}
	return 1;
}

static void
test_split(void)
{
	static const int64_t w111[] = { 1, 1, 1 }, w12[] = { 1, 2 },
	    w235[] = { 2, 3, 5 }, w11[] = { 1, 1 }, w010[] = { 0, 1, 0 },
	    w1234[] = { 1, 2, 3, 4 }, w000[] = { 0, 0, 0 },
	    wneg[] = { 1, -1, 1 }, w1[] = { 1 },
	    wbig[] = { INT64_MAX, INT64_MAX, 1 }, w3[] = { 3, 3, 1 };
	int64_t parts[8], w[8], total;
	int n, i, bad = 0, sumbad = 0;

	CHECK(split_is(100, w111, 3, (int64_t[]){ 34, 33, 33 }),
	    "100 over 1:1:1 is 34 33 33");
	CHECK(split_is(-100, w111, 3, (int64_t[]){ -34, -33, -33 }),
	    "-100 over 1:1:1 is -34 -33 -33");
	CHECK(split_is(7, w12, 2, (int64_t[]){ 2, 5 }),
	    "7 over 1:2 is 2 5 (largest remainder)");
	CHECK(split_is(-7, w12, 2, (int64_t[]){ -2, -5 }), "-7 over 1:2");
	CHECK(split_is(100, w235, 3, (int64_t[]){ 20, 30, 50 }), "exact split");
	CHECK(split_is(1, w11, 2, (int64_t[]){ 1, 0 }), "tie goes to the lower index");
	CHECK(split_is(2, w111, 3, (int64_t[]){ 1, 1, 0 }), "ties in order");
	CHECK(split_is(5, w3, 3, (int64_t[]){ 2, 2, 1 }),
	    "5 over 3:3:1 is 2 2 1");
	CHECK(split_is(500, w010, 3, (int64_t[]){ 0, 500, 0 }), "zero weights get 0");
	CHECK(split_is(11, w1234, 4, (int64_t[]){ 1, 2, 3, 5 }),
	    "11 over 1:2:3:4 is 1 2 3 5");
	CHECK(split_is(0, w1234, 4, (int64_t[]){ 0, 0, 0, 0 }), "0 splits to 0");
	CHECK(split_is(INT64_MIN, w1, 1, (int64_t[]){ INT64_MIN }),
	    "INT64_MIN over one weight");
	CHECK(split_is(INT64_MIN, w11, 2, (int64_t[]){ INT64_MIN / 2, INT64_MIN / 2 }),
	    "INT64_MIN over 1:1");
	CHECK(split_is(INT64_MAX, w11, 2,
	    (int64_t[]){ INT64_MAX / 2 + 1, INT64_MAX / 2 }), "INT64_MAX over 1:1");
	CHECK(money_split(INT64_MAX, wbig, 3, parts) == 0 &&
	    split_fair(INT64_MAX, wbig, parts, 3), "huge weights do not overflow");
	CHECK(money_split(100, w000, 3, parts) == -1, "all weights 0 fails");
	CHECK(money_split(100, wneg, 3, parts) == -1, "a negative weight fails");
	CHECK(money_split(100, w1, 0, parts) == -1, "no weights fails");

	for (n = 0; n < 20000; n++) {
		size_t k = 1 + rng() % 8;

		total = n % 2 ? rng_amount() : (int64_t)(rng() % 100000) - 50000;
		for (i = 0; i < (int)k; i++)
			w[i] = n % 3 ? (int64_t)(rng() % 10) : rng_amount() & INT64_MAX;
		w[0] += w[0] == 0 && n % 5 == 0;
		if (money_split(total, w, k, parts) < 0) {
			for (i = 0; i < (int)k && w[i] == 0; i++)
				;
			bad += i < (int)k;
			continue;
		}
		sumbad += !split_fair(total, w, parts, k);
	}
	CHECK_INT(bad, 0, "random splits with a nonzero weight succeed");
	CHECK_INT(sumbad, 0, "random splits sum to the total, each within a unit");
}

static void
test_parse_uint(void)
{
	static const struct { const char *s; long long max, want; int ok; } t[] = {
		{ "0", 10, 0, 1 }, { "10", 10, 10, 1 }, { "11", 10, 0, 0 },
		{ "007", 10, 7, 1 }, { "", 10, 0, 0 }, { "-1", 10, 0, 0 },
		{ "+1", 10, 0, 0 }, { " 1", 10, 0, 0 }, { "1 ", 10, 0, 0 },
		{ "1a", 10, 0, 0 }, { "0x1", 10, 0, 0 }, { "5", 0, 0, 0 },
		{ "0", 0, 0, 1 },
		{ "9223372036854775807", INT64_MAX, INT64_MAX, 1 },
		{ "9223372036854775808", INT64_MAX, 0, 0 },
		{ "18446744073709551616", INT64_MAX, 0, 0 },
		{ "99999999999999999999999999", INT64_MAX, 0, 0 },
		{ "1", -1, 0, 0 },
	};
	long long v;
	size_t i;
	int r;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		v = 99;
		r = parse_uint(t[i].s, t[i].max, &v);
		if (t[i].ok)
			CHECK(r == 0 && v == t[i].want, "parse_uint '%s' <= %lld",
			    t[i].s, t[i].max);
		else
			CHECK(r == -1 && v == 99, "parse_uint '%s' <= %lld fails",
			    t[i].s, t[i].max);
	}
}

static void
test_rates(void)
{
	static const struct { const char *in; long long bp; const char *out; } ok[] = {
		{ "5", 500, "5" }, { "7.5", 750, "7.5" }, { "7.25", 725, "7.25" },
		{ "0", 0, "0" }, { "100", 10000, "100" }, { "0.01", 1, "0.01" },
		{ "12.50", 1250, "12.5" },
	};
	static const char *const bad[] = {
		"", ".", "5.", ".5", "7.255", "100.01", "101", "-1", "+5", "5%", "1e2", " 5",
		"99999999999999999999",
	};
	char buf[MONEY_RATE_BUFSZ];
	int64_t bp;
	size_t i;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		CHECK(money_rate_parse(ok[i].in, &bp) == 0 && bp == ok[i].bp, "rate '%s' is %lld bp",
		    ok[i].in, ok[i].bp);
		CHECK_STR(money_rate_format(ok[i].bp, buf), ok[i].out, "%lld bp prints %s",
		    ok[i].bp, ok[i].out);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK(money_rate_parse(bad[i], &bp) < 0, "rate '%s' is refused", bad[i]);
	/* Every rate prints in a form that parses back to it. */
	for (i = 0; i <= 10000; i++)
		if (money_rate_parse(money_rate_format((int64_t)i, buf), &bp) < 0 ||
		    bp != (int64_t)i)
			break;
	CHECK(i == 10001, "every rate 0-10000 bp round-trips (first failure at %zu)", i);
}

int
main(void)
{
	test_currency();
	test_parse_ok();
	test_parse_bad();
	test_decimals();
	test_format();
	test_round_trip();
	test_arith();
	test_bp();
	test_div();
	test_split();
	test_parse_uint();
	test_rates();
	return unit_done();
}
