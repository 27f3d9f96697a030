/*
 * gen: deterministic assignment instances for scripts/bench-assign.
 * usage: gen uniform|revenue AGENTS TASKS SEED > pairs.tsv
 * Writes every pair (agent, task, value), agent by agent.  uniform: values
 * 0..999999.  revenue: expected revenue in cents, potential of the task
 * (1,000.00 .. 1,000,000.00) x the agent's win rate in the task's segment
 * (a base rate 5-40% x an affinity 50-150% per segment, in basis points),
 * the shape acct-assign makes: many near-ties, hard for the solvers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

static uint64_t
rnd(void)	/* splitmix64 */
{
	uint64_t z = (state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

int
main(int argc, char *argv[])
{
	enum { SEGMENTS = 8 };
	long na, nt, a, t, s;
	int64_t *pot, *seg, *bp, v;
	int revenue;

	if (argc != 5 || (strcmp(argv[1], "uniform") && strcmp(argv[1], "revenue"))) {
		fputs("usage: gen uniform|revenue AGENTS TASKS SEED\n", stderr);
		return 2;
	}
	revenue = strcmp(argv[1], "revenue") == 0;
	na = atol(argv[2]);
	nt = atol(argv[3]);
	state = (uint64_t)atoll(argv[4]);
	pot = malloc((size_t)nt * sizeof *pot);
	seg = malloc((size_t)nt * sizeof *seg);
	bp = malloc((size_t)na * SEGMENTS * sizeof *bp);
	if (!pot || !seg || !bp)
		return 1;
	for (t = 0; t < nt; t++) {
		pot[t] = 100000 + (int64_t)(rnd() % 99900000);
		seg[t] = (int64_t)(rnd() % SEGMENTS);
	}
	for (a = 0; a < na; a++) {
		int64_t base = 500 + (int64_t)(rnd() % 3501);
		for (s = 0; s < SEGMENTS; s++)
			bp[a * SEGMENTS + s] = base * (50 + (int64_t)(rnd() % 101)) / 100;
	}
	printf("agent\ttask\tvalue\n");
	for (a = 0; a < na; a++)
		for (t = 0; t < nt; t++) {
			v = revenue ? pot[t] * bp[a * SEGMENTS + seg[t]] / 10000 :
			    (int64_t)(rnd() % 1000000);
			printf("a%04ld\tt%05ld\t%lld\n", a, t, (long long)v);
		}
	free(pot);
	free(seg);
	free(bp);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
