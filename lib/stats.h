/*
 * stats: the statistics and the ratio formats that every report shares.
 * Figures stay integers; only the bounds of intervals are doubles, and
 * libm is not linked (the square root here is our own).
 *
 * Order statistics, of n int64 values:
 *   stats_sort(v, n)                  in ascending order, as the rest need
 *   stats_median2(v, n)               the median, doubled so that the mean
 *                                     of the two middle values stays exact;
 *                                     -1 for n == 0
 *   stats_rank(v, n, p)               the p-th percentile by nearest rank:
 *                                     the value at rank ceil(p x n / 100)
 *
 * Intervals (z: the normal quantile, 1.6449 for 90%).  Bounds are rounded
 * half up to whole units and never below 0:
 *   stats_wilson(k, n, z, scale, ..)  Wilson score interval of k of n, as
 *                                     a fraction times scale (1000: in
 *                                     tenths of a percent), at most scale
 *   stats_poisson(k, z, num, den, ..) score interval of a Poisson count k:
 *                                     (k + z^2/2 -+ z sqrt(k + z^2/4)) x num / den
 *   stats_mean(v, n, sum, z, ..)      mean -+ z s / sqrt(n), s the sample
 *                                     standard deviation; 0 for n < 2
 *   stats_median_ranks(n, z, ..)      the ranks (1 to n) of the order
 *                                     statistics around the median: floor((n
 *                                     - z sqrt(n)) / 2) and ceil(1 + (n + z
 *                                     sqrt(n)) / 2), clamped to 1..n
 *
 * Ratios and their text: one permille, one percent.
 *   stats_permille(num, den, &pm)     num / den in tenths of a percent,
 *                                     rounded half away from zero (in 128
 *                                     bits); -1 for den 0 or past int64
 *   stats_percent(num, den, buf)      the same as text, "87.5"; "" for none
 *   stats_tenths(t, buf)              875 -> "87.5", -5 -> "-0.5"
 *   stats_half(v2, buf)               a doubled value: 9 -> "4.5", 8 -> "4"
 * buf is STATS_BUFSZ bytes; each returns buf.
 */
#ifndef STATS_H
#define STATS_H
#include <stddef.h>
#include <stdint.h>

#define STATS_BUFSZ 32

void stats_sort(int64_t *v, size_t n);
int64_t stats_median2(const int64_t *v, size_t n);
int64_t stats_rank(const int64_t *v, size_t n, int p);

void stats_wilson(int64_t k, int64_t n, double z, int64_t scale, int64_t *lo, int64_t *hi);
void stats_poisson(int64_t k, double z, int64_t num, int64_t den, int64_t *lo, int64_t *hi);
int stats_mean(const int64_t *v, size_t n, int64_t sum, double z, int64_t *lo, int64_t *hi);
void stats_median_ranks(size_t n, double z, size_t *lo, size_t *hi);

int stats_permille(int64_t num, int64_t den, int64_t *pm);
char *stats_percent(int64_t num, int64_t den, char *buf);
char *stats_tenths(int64_t t, char *buf);
char *stats_half(int64_t v2, char *buf);

#endif
