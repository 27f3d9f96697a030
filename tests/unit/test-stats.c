/* Unit tests of lib/stats.c. */
#include <stdint.h>

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
	intervals();
	ratios();
	return unit_done();
}
