/*
 * libFuzzer target: the fast path of the ledger scanner (scan.h) against
 * the TSV reader's split.  For every line of the input, a line the scanner
 * calls plain must split in tsv_split() without error into exactly the
 * fields its tabs mark; any other line is left to tsv.c, so the two accept
 * and refuse the same rows and give the same fields.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"
#include "tsv.h"

enum { MAXF = 64 };

static void
one_line(const char *line, size_t len)
{
	size_t start[MAXF + 2], flen[MAXF + 1], i, want;
	char *copy = malloc(len + 1), *f[MAXF + 1], err[256];
	long n, nf;

	/* Every number of wanted tabs: the ones not wanted are only counted. */
	for (want = 0; want <= MAXF; want += want < 4 ? 1 : 20) {
		n = scan_plain_tabs(line, len, start, want, MAXF);
		if (n < 0)
			continue;
		memcpy(copy, line, len);
		nf = tsv_split(copy, len, f, flen, MAXF + 1, err, sizeof err);
		if (nf != n + 1)
			abort();
		start[0] = 0;
		for (i = 0; i < (size_t)n && i < want; i++)
			if (flen[i] != start[i + 1] - start[i] - 1 ||
			    memcmp(f[i], line + start[i], flen[i]) != 0)
				abort();
	}
	free(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *nl;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		one_line(p, (size_t)(nl - p));
	}
	return 0;
}
