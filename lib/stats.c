/* stats: statistics and ratio formats (see stats.h). */
#include <stdio.h>
#include <stdlib.h>

#include "decimal.h"
#include "stats.h"
#include "xalloc.h"

static int
cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/*
 * Values in a range no wider than a few times their number (days of a
 * sales cycle, a few hundred apart) are counted, not compared: a
 * report's thousands of medians cost their values and no n log n of
 * calls to cmp64.  The same order as qsort's: equal integers are the same.
 */
#define COUNT_MIN 32		/* fewer values: qsort */
#define COUNT_SPAN 4		/* a range of up to COUNT_SPAN * n values */

void
stats_sort(int64_t *v, size_t n)
{
	int64_t lo, hi;
	uint64_t span;
	uint32_t *count;
	size_t i, j, k;

	if (n < 2)
		return;
	lo = hi = v[0];
	for (i = 1; i < n; i++) {
		if (v[i] < lo)
			lo = v[i];
		if (v[i] > hi)
			hi = v[i];
	}
	span = (uint64_t)hi - (uint64_t)lo;
	if (n < COUNT_MIN || n > UINT32_MAX || span >= (uint64_t)COUNT_SPAN * n) {
		qsort(v, n, sizeof *v, cmp64);
		return;
	}
	count = xcalloc((size_t)span + 1, sizeof *count);
	for (i = 0; i < n; i++)
		count[(uint64_t)v[i] - (uint64_t)lo]++;
	for (i = k = 0; i <= span; i++)
		for (j = 0; j < count[i]; j++)
			v[k++] = (int64_t)((uint64_t)lo + i);
	free(count);
}

int64_t
stats_median2(const int64_t *v, size_t n)
{
	if (n == 0)
		return -1;
	return n % 2 ? 2 * v[n / 2] : v[n / 2 - 1] + v[n / 2];
}

int64_t
stats_rank(const int64_t *v, size_t n, int p)
{
	return v[((size_t)p * n + 99) / 100 - 1];
}

/*
 * Newton's iteration to its fixed point: within an ulp of the correctly
 * rounded root, which the rounding of a bound to whole units never notices
 * in practice.
 */
static double
root(double x)
{
	double r = x > 1 ? x : 1, prev = 0;
	int i;

	if (x <= 0)
		return 0;
	for (i = 0; i < 200 && r != prev; i++) {
		prev = r;
		r = (r + x / r) / 2;
	}
	return r;
}

static double
floor_(double x)
{
	double t = (double)(int64_t)x;

	return t > x ? t - 1 : t;
}

static double
ceil_(double x)
{
	double t = (double)(int64_t)x;

	return t < x ? t + 1 : t;
}

/* A bound to the nearest unit, never below 0. */
static int64_t
unit(double x)
{
	x = floor_(x + 0.5);
	return x < 0 ? 0 : (int64_t)x;
}

void
stats_wilson(int64_t k, int64_t n, double z, int64_t scale, int64_t *lo, int64_t *hi)
{
	double z2 = z * z, nn = (double)n, p = (double)k / nn;
	double den = 1 + z2 / nn;
	double c = (p + z2 / (2 * nn)) / den;
	double h = z * root(p * (1 - p) / nn + z2 / (4 * nn * nn)) / den;

	*lo = unit((c - h) * (double)scale);
	*hi = unit((c + h) * (double)scale);
	if (*hi > scale)
		*hi = scale;
}

void
stats_poisson(int64_t k, double z, int64_t num, int64_t den, int64_t *lo, int64_t *hi)
{
	double z2 = z * z, w = z * root((double)k + z2 / 4);

	*lo = unit(((double)k + z2 / 2 - w) * (double)num / (double)den);
	*hi = unit(((double)k + z2 / 2 + w) * (double)num / (double)den);
}

int
stats_mean(const int64_t *v, size_t n, int64_t sum, double z, int64_t *lo, int64_t *hi)
{
	double mean, ss = 0, d, h;
	size_t i;

	if (n < 2)
		return 0;
	mean = (double)sum / (double)n;
	for (i = 0; i < n; i++) {
		d = (double)v[i] - mean;
		ss += d * d;
	}
	h = z * root(ss / (double)(n - 1)) / root((double)n);
	*lo = unit(mean - h);
	*hi = unit(mean + h);
	return 1;
}

void
stats_median_ranks(size_t n, double z, size_t *lo, size_t *hi)
{
	double nn = (double)n, w = z * root(nn);
	long a = (long)floor_((nn - w) / 2), b = (long)ceil_(1 + (nn + w) / 2);

	*lo = a < 1 ? 1 : (size_t)a;
	*hi = b > (long)n ? n : (size_t)b;
}

int
stats_permille(int64_t num, int64_t den, int64_t *pm)
{
	__int128 n = (__int128)num * 1000, d = den, q;
	int neg = (n < 0) != (d < 0);

	if (den == 0)
		return -1;
	if (n < 0)
		n = -n;
	if (d < 0)
		d = -d;
	q = (2 * n + d) / (2 * d);
	if (q > INT64_MAX)
		return -1;
	*pm = neg ? -(int64_t)q : (int64_t)q;
	return 0;
}

char *
stats_tenths(int64_t t, char *buf)
{
	return dec_format(t, 1, buf);
}

char *
stats_percent(int64_t num, int64_t den, char *buf)
{
	int64_t pm;

	buf[0] = '\0';
	return stats_permille(num, den, &pm) < 0 ? buf : stats_tenths(pm, buf);
}

char *
stats_half(int64_t v2, char *buf)
{
	snprintf(buf, STATS_BUFSZ, "%s%lld%s", v2 < 0 ? "-" : "", (long long)(llabs(v2) / 2),
	    llabs(v2) % 2 ? ".5" : "");
	return buf;
}
