/* Unit tests of lib/xalloc.c's xalloc_dense(). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "xalloc.h"

/* The mapping of /proc/self/smaps holding p: its edges and whether its
 * VmFlags have "hg" (big pages asked for).  0 when there is none. */
static int
mapping_of(const void *p, uintptr_t *lo, uintptr_t *hi, int *hg)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	unsigned long a, b;
	int in = 0, found = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof line, f)) {
		if (sscanf(line, "%lx-%lx ", &a, &b) == 2) {	/* a mapping's first line */
			in = (uintptr_t)p >= a && (uintptr_t)p < b;
			if (in) {
				*lo = a;
				*hi = b;
				found = 1;
			}
		} else if (in && strncmp(line, "VmFlags:", 8) == 0) {
			*hg = strstr(line, " hg") != NULL;
			break;
		}
	}
	fclose(f);
	return found;
}

int
main(void)
{
	uintptr_t lo = 0, hi = 0, page = (uintptr_t)sysconf(_SC_PAGESIZE);
	size_t n, i, bad = 0, had = 0;
	unsigned char *p = NULL;
	int hg = 0, thp = access("/sys/kernel/mm/transparent_hugepage", F_OK) == 0;

	/* A table grown by doubling to 64 MB, as intern's are, keeps every
	 * byte through each move, and past the least size its whole block
	 * is one mapping with big pages asked for: advice on part of it
	 * would split it, and realloc() would then copy where it remaps. */
	for (n = 1u << 20; n <= (64u << 20); n *= 2) {
		p = xreallocarray(p, n, 1);
		xalloc_dense(p, n);
		for (i = had; i < n; i++)
			p[i] = (unsigned char)(i * 7 / 4096);
		had = n;
		if (n < (16u << 20))
			continue;
		if (thp && (!mapping_of(p, &lo, &hi, &hg) || !hg ||
		    lo > ((uintptr_t)p & ~(page - 1)) || hi < (uintptr_t)p + n))
			bad++;
	}
	for (i = 0; i < had; i++)
		if (p[i] != (unsigned char)(i * 7 / 4096))
			bad++;
	if (thp)
		CHECK_INT(bad, 0, "a 64 MB table keeps its bytes, and each block past "
		    "16 MB is one mapping asked for big pages");
	else
		SKIP("no transparent huge pages on this system: the advice is not given");
	free(p);

	/* Below the least size, nothing is asked: a block of a megabyte,
	 * a mapping of its own, is left to the small pages. */
	p = xmalloc(1u << 20);
	xalloc_dense(p, 1u << 20);
	if (thp && mapping_of(p, &lo, &hi, &hg))
		CHECK(!hg, "a megabyte's block is left to small pages");
	else
		SKIP("no transparent huge pages on this system");
	free(p);
	return unit_done();
}
