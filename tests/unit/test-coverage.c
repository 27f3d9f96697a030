/* Unit tests of lib/coverage.c: the worked examples of the pages, the
 * rounding and what is not defined. */
#include <stdint.h>

#include "coverage.h"
#include "unit.h"

static void
coverage(void)
{
	int64_t v = -1;

	CHECK(coverage_of(2800000, 2000000, 600000, &v) && v == 20,
	    "28,000 / (20,000 - 6,000) = 2.0 (%lld)", (long long)v);
	CHECK(coverage_of(380000, 500000, 100000, &v) && v == 10,
	    "3,800 / 4,000 = 0.95: 1.0, half away from zero (%lld)", (long long)v);
	CHECK(coverage_of(0, 500000, 100000, &v) && v == 0, "no pipeline: 0.0");
	CHECK(!coverage_of(100, 500000, 500000, &v), "quota met: not defined");
	CHECK(!coverage_of(100, 500000, 600000, &v), "quota passed: not defined");
	CHECK(!coverage_of(INT64_MAX, 1, 0, &v), "past int64: not defined");
}

static void
required(void)
{
	int64_t v = -1;

	CHECK(coverage_required(2, 1, &v) && v == 15, "3 closed / 2 won = 1.5 (%lld)",
	    (long long)v);
	CHECK(coverage_required(3, 0, &v) && v == 10, "all won: 1.0");
	CHECK(coverage_required(3, 4, &v) && v == 23, "7 / 3 = 2.33: 2.3 (%lld)",
	    (long long)v);
	CHECK(!coverage_required(0, 5, &v), "nothing won: not defined");
}

static void
velocity(void)
{
	int64_t cycles[] = { 20, 10 }, zero[] = { 0, 0 }, v = -1;

	CHECK(coverage_velocity(3, 600000, 2, 1, cycles, 2, &v) && v == 40000,
	    "3 open x 2/3 x 3,000 / 15 days = 400.00 (%lld)", (long long)v);
	CHECK(coverage_velocity(0, 600000, 2, 1, cycles, 2, &v) && v == 0, "no open deal: 0");
	CHECK(coverage_velocity(1, 100, 1, 2, cycles, 1, &v) && v == 2,
	    "1 x 1/3 x 1.00 / 20 days = 0.0167: 0.02 (%lld)", (long long)v);
	CHECK(!coverage_velocity(3, 600000, 2, 1, zero, 2, &v), "won the day they opened: not defined");
	CHECK(!coverage_velocity(3, 0, 0, 4, cycles, 0, &v), "nothing won: not defined");
	CHECK(!coverage_velocity(INT64_MAX, INT64_MAX, 1, 0, cycles, 1, &v), "past int64: not defined");
}

int
main(void)
{
	coverage();
	required();
	velocity();
	return unit_done();
}
