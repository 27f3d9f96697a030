/* Unit tests of lib/stats.c. */
#include <stdint.h>
#include <stdlib.h>

#include "stats.h"
#include "unit.h"

static void
order(void)
{
	int64_t v[] = { 9, 1, 5, 3, 7, 2 }, one[] = { 4 };

	stats_sort(v, 6);
	CHECK(v[0] == 1 && v[5] == 9, "sorted ascending");
	CHECK_INT(stats_median2(v, 6), 8, "median of 1 2 3 5 7 9, doubled: 3 + 5");
	CHECK_INT(stats_median2(v, 5), 6, "median of 1 2 3 5 7, doubled");
	CHECK_INT(stats_median2(one, 1), 8, "median of one value, doubled");
	CHECK_INT(stats_median2(v, 0), -1, "no median of nothing");
	CHECK_INT(stats_rank(v, 6, 25), 2, "25th percentile by nearest rank: rank 2 of 6");
	CHECK_INT(stats_rank(v, 6, 75), 7, "75th percentile: rank 5 of 6");
	CHECK_INT(stats_rank(v, 4, 25), 1, "25th percentile of 4: rank 1");
	CHECK_INT(stats_rank(one, 1, 75), 4, "any percentile of one value is that value");
}

/* Is v (n values) in ascending order, the same values as w (sorted here
 * by insertion, independently)? */
static int
sorted_as(const int64_t *v, int64_t *w, size_t n)
{
	size_t i, j;
	int64_t x;

	for (i = 1; i < n; i++) {
		x = w[i];
		for (j = i; j > 0 && w[j - 1] > x; j--)
			w[j] = w[j - 1];
		w[j] = x;
	}
	for (i = 0; i < n; i++)
		if (v[i] != w[i])
			return 0;
	return 1;
}

/* stats_sort counts values of a narrow range and compares the others:
 * both ways, and at the edges between them, the same order. */
static void
sorts(void)
{
	static const struct {
		size_t n;
		int64_t lo, span;
		const char *what;
	} c[] = {
		{ 1000, 0, 400, "cycles of a few hundred days (counted)" },
		{ 1000, -200, 400, "negative and positive (counted)" },
		{ 31, 0, 10, "31 values, below the counted size (compared)" },
		{ 32, 0, 10, "32 values (counted)" },
		{ 100, 5, 399, "a range of 4n - 1 (counted)" },
		{ 100, 5, 400, "a range of 4n (compared)" },
		{ 500, 7, 0, "all equal" },
		{ 1000, INT64_MIN, 1000, "at the lowest int64 (counted)" },
		{ 1000, INT64_MAX - 1000, 1000, "at the highest int64 (counted)" },
	};
	int64_t v[1000], w[1000];
	size_t i, k;

	srand(7);
	for (k = 0; k < sizeof c / sizeof c[0]; k++) {
		for (i = 0; i < c[k].n; i++)
			w[i] = v[i] = c[k].lo + (c[k].span ? (int64_t)(rand() % c[k].span) : 0);
		/* both ends of the range, once each */
		v[0] = w[0] = c[k].lo;
		v[1] = w[1] = c[k].lo + c[k].span;
		stats_sort(v, c[k].n);
		CHECK(sorted_as(v, w, c[k].n), "sorted: %s", c[k].what);
	}
	for (i = 0; i < 100; i++)
		w[i] = v[i] = i % 2 ? INT64_MAX - (int64_t)i : INT64_MIN + (int64_t)i;
	stats_sort(v, 100);
	CHECK(sorted_as(v, w, 100), "sorted: the widest range (compared, no overflow)");
}

static void
intervals(void)
{
	int64_t lo, hi;
	size_t a, b;

	stats_wilson(0, 10, 1.6449, 1000, &lo, &hi);
	CHECK(lo == 0 && hi > 0 && hi < 300, "Wilson of 0 of 10: from 0 (%lld..%lld)",
	    (long long)lo, (long long)hi);
	stats_wilson(10, 10, 1.6449, 1000, &lo, &hi);
	CHECK(hi == 1000 && lo > 700, "Wilson of 10 of 10: up to 1000 (%lld..%lld)",
	    (long long)lo, (long long)hi);
	stats_wilson(5, 10, 1.6449, 1000, &lo, &hi);
	CHECK(lo + hi == 1000, "Wilson of 5 of 10 is symmetric (%lld..%lld)",
	    (long long)lo, (long long)hi);
	stats_poisson(0, 1.6449, 70, 7, &lo, &hi);
	CHECK(lo == 0 && hi == 27, "Poisson of 0, per week in tenths: 0..2.7 (%lld..%lld)",
	    (long long)lo, (long long)hi);
	stats_median_ranks(1, 1.6449, &a, &b);
	CHECK(a == 1 && b == 1, "the median ranks of one value are 1 and 1");
	stats_median_ranks(100, 1.6449, &a, &b);
	CHECK(a == 41 && b == 60, "the median ranks of 100 values: 41 and 60 (%zu, %zu)", a, b);
}

static void
ratios(void)
{
	char buf[STATS_BUFSZ];
	int64_t pm;

	CHECK(stats_permille(1, 3, &pm) == 0 && pm == 333, "1/3 is 333 permille");
	CHECK(stats_permille(2, 3, &pm) == 0 && pm == 667, "2/3 is 667, half away from zero");
	CHECK(stats_permille(-2, 3, &pm) == 0 && pm == -667, "-2/3 is -667");
	CHECK(stats_permille(1, 0, &pm) < 0, "nothing for a zero denominator");
	CHECK(stats_permille(INT64_MAX, 1, &pm) < 0, "nothing past int64");
	CHECK(stats_permille(INT64_MAX / 10, INT64_MAX / 5, &pm) == 0 && pm == 500,
	    "the product is formed in 128 bits");
	CHECK_STR(stats_percent(7, 8, buf), "87.5", "7 of 8 is 87.5");
	CHECK_STR(stats_percent(1, 0, buf), "", "no percent of nothing");
	CHECK_STR(stats_percent(-1, 200, buf), "-0.5", "a small negative share keeps its sign");
	CHECK_STR(stats_tenths(0, buf), "0.0", "0 tenths");
	CHECK_STR(stats_tenths(-5, buf), "-0.5", "-5 tenths");
	CHECK_STR(stats_tenths(12345, buf), "1234.5", "12345 tenths");
	CHECK_STR(stats_half(9, buf), "4.5", "9 halved");
	CHECK_STR(stats_half(8, buf), "4", "8 halved");
	CHECK_STR(stats_half(-1, buf), "-0.5", "-1 halved");
}

int
main(void)
{
	order();
	sorts();
	intervals();
	ratios();
	return unit_done();
}
