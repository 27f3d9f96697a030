/* Unit tests of lib/scan.c's scan_find(), against memmem(). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"
#include "unit.h"

static uint64_t seed = 88172645463325252ull;

static unsigned
rnd(unsigned n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (unsigned)(seed % n);
}

/* 1 when the kernel lists avx512bw among the CPU's flags, 0 when it
 * lists flags without it, -1 when it does not say (no /proc/cpuinfo). */
static int
cpuinfo_avx512bw(void)
{
	char line[8192];
	FILE *f = fopen("/proc/cpuinfo", "r");
	int has = -1;

	if (!f)
		return -1;
	while (has < 0 && fgets(line, sizeof line, f))
		if (strncmp(line, "flags", 5) == 0)
			has = strstr(line, " avx512bw") != NULL;
	fclose(f);
	return has;
}

/* Random haystacks over a few letters, so that matches and near misses
 * are many; needles cut from them or made up; every length and offset. */
static size_t
mismatches(void)
{
	static const char abc[] = "ab\t\nr0";
	char hay[400], needle[48];
	size_t bad = 0, n, m, i, from;
	const char *got, *want;
	int round;

	for (round = 0; round < 20000; round++) {
		n = rnd(sizeof hay + 1);
		for (i = 0; i < n; i++)
			hay[i] = abc[rnd(round % 2 ? 6 : 3)];
		m = 1 + rnd(sizeof needle);
		if (n >= m && rnd(2)) {
			from = rnd((unsigned)(n - m + 1));
			memcpy(needle, hay + from, m);
		} else {
			for (i = 0; i < m; i++)
				needle[i] = abc[rnd(3)];
		}
		from = n ? rnd((unsigned)n + 1) : 0;	/* an unaligned start */
		got = scan_find(hay + from, n - from, needle, m);
		want = memmem(hay + from, n - from, needle, m);
		bad += got != want;
	}
	return bad;
}

int
main(void)
{
	static const char text[] =
	    "period\trep\tteam\tmetric\ttarget\n"
	    "2026-11\tr0001\t\trevenue\t100.00\n"
	    "2026-12\tr00011\t\trevenue\t100.00\n"
	    "2026-12\tr0001\t\trevenue\t200.00\n";
	const char *hit;
	int has;

	hit = scan_find(text, strlen(text), "\tr0001\t\trevenue\t", 16);
	CHECK(hit == strstr(text, "\tr0001\t\trevenue\t"), "the first line of a key is found");
	hit = scan_find(hit + 1, strlen(hit + 1), "\tr0001\t\trevenue\t", 16);
	CHECK(hit && strncmp(hit - 7, "2026-12\tr0001\t", 14) == 0,
	    "then the next, past a longer id");
	CHECK(scan_find(text, strlen(text), "r0002", 5) == NULL, "an id not there is NULL");
	CHECK(scan_find(text, 3, "period", 6) == NULL, "a needle longer than the text is NULL");
	CHECK(scan_find(text, strlen(text), "p", 1) == text, "a needle of one byte");
	scan_wide(0);
	CHECK_INT(mismatches(), 0, "20000 random texts: as memmem(), sixteen bytes at a time");
	scan_wide(1);
	CHECK_INT(mismatches(), 0, "20000 random texts: as memmem(), with AVX-512BW where the CPU has it");
#if defined(__x86_64__)
	if ((has = cpuinfo_avx512bw()) < 0)
		SKIP("/proc/cpuinfo lists no flags: which width scans cannot be told");
	else
		CHECK_INT(scan_wide(1), has, "AVX-512BW is used exactly when the kernel lists it");
#else
	SKIP("not x86-64: scans are sixteen bytes at a time or plain C");
#endif
	return unit_done();
}
