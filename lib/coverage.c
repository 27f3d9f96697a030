/* coverage: pipeline coverage, the coverage needed, sales velocity (see
 * coverage.h). */
#include "coverage.h"

/* num / den rounded half away from zero; 0 when den <= 0 or out of range. */
static int
ratio(__int128 num, __int128 den, int64_t *v)
{
	__int128 q, r;
	int neg = num < 0;

	if (den <= 0)
		return 0;
	if (neg)
		num = -num;
	q = num / den;
	r = num % den;
	if (2 * r >= den)
		q++;
	if (neg)
		q = -q;
	if (q > INT64_MAX || q < INT64_MIN)
		return 0;
	*v = (int64_t)q;
	return 1;
}

int
coverage_of(int64_t pipeline, int64_t quota, int64_t won, int64_t *tenths)
{
	return ratio((__int128)pipeline * 10, (__int128)quota - won, tenths);
}

int
coverage_required(int64_t nwon, int64_t nlost, int64_t *tenths)
{
	return nwon > 0 && ratio(((__int128)nwon + nlost) * 10, nwon, tenths);
}

int
coverage_velocity_days(int64_t nopen, int64_t won, int64_t nwon, int64_t nlost, int64_t days,
		       int64_t ncycles, int64_t *per_day)
{
	if (nwon <= 0 || ncycles <= 0)
		return 0;
	/* open x (nwon / (nwon + nlost)) x (won / nwon) / (days / ncycles) */
	return ratio((__int128)nopen * won * (__int128)ncycles, ((__int128)nwon + nlost) * days,
	    per_day);
}

int
coverage_velocity(int64_t nopen, int64_t won, int64_t nwon, int64_t nlost,
		  const int64_t *cycles, size_t ncycles, int64_t *per_day)
{
	int64_t days = 0;
	size_t i;

	for (i = 0; i < ncycles; i++)
		if (__builtin_add_overflow(days, cycles[i], &days))
			return 0;
	return coverage_velocity_days(nopen, won, nwon, nlost, days, (int64_t)ncycles, per_day);
}
