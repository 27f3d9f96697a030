/*
 * coverage: the pipeline's health against what is still to win, in one
 * place for deal-forecast and perf-report (each page has worked
 * examples; the reports say which window each input comes from):
 *
 *   coverage          open pipeline / remaining quota (quota - won):
 *                     how many times the open deals cover what is missing
 *   required_coverage 1 / win rate = (won deals + lost deals) / won deals:
 *                     the coverage a group needs at its win rate
 *   velocity          open deals x win rate x average won deal / average
 *                     cycle days: the revenue the pipeline makes per day.
 *                     With win rate = won deals / (won + lost deals),
 *                     average won deal = won / won deals and average cycle
 *                     = the sum of the cycle days / how many, that is
 *                     open x won x ncycles / ((won deals + lost deals) x
 *                     the sum of the cycle days)
 *
 *   if (coverage_of(pipeline, quota, won, &tenths)) ... out_number(OUT_U_TENTHS ...
 *   if (coverage_required(nwon, nlost, &tenths)) ...
 *   if (coverage_velocity(nopen, won, nwon, nlost, cycles, ncycles, &cents)) ...
 *
 * The ratios are in tenths, velocity in minor units of money per day,
 * each rounded half away from zero (in 128 bits).  Each returns 1 with the
 * value, or 0 when it is not defined: nothing left to win (quota - won <=
 * 0), no won deal, no cycle of a day or more in all, or a result past
 * int64.  No errors otherwise.
 */
#ifndef COVERAGE_H
#define COVERAGE_H
#include <stddef.h>
#include <stdint.h>

int coverage_of(int64_t pipeline, int64_t quota, int64_t won, int64_t *tenths);
int coverage_required(int64_t nwon, int64_t nlost, int64_t *tenths);
int coverage_velocity(int64_t nopen, int64_t won, int64_t nwon, int64_t nlost,
		      const int64_t *cycles, size_t ncycles, int64_t *per_day);
/* The same from the sum of the cycle days and how many there are. */
int coverage_velocity_days(int64_t nopen, int64_t won, int64_t nwon, int64_t nlost,
			   int64_t days, int64_t ncycles, int64_t *per_day);

#endif
