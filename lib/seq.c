#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "err.h"
#include "id.h"
#include "money.h"
#include "seq.h"

/* kind's row of ids.tsv (added if missing) and its next number. */
static long
next_of(struct table *ids, const char *kind, long long *next)
{
	int kc = table_col(ids, "kind"), nc = table_col(ids, "next");
	long row = table_find(ids, kc, kind);

	*next = 1;
	if (row < 0) {
		row = (long)table_add_row(ids);
		table_set(ids, (size_t)row, kc, kind);
		table_set(ids, (size_t)row, nc, "1");
	} else if (parse_uint(table_get(ids, (size_t)row, nc), 999999999999LL, next) < 0 ||
	    *next < 1) {
		die("ids.tsv: next '%s' for %s is not a number; run sales-check",
		    table_get(ids, (size_t)row, nc), kind);
	}
	return row;
}

long long
seq_reserve(struct table *ids, const char *kind, size_t n)
{
	long long next;
	long row = next_of(ids, kind, &next);
	char buf[32];

	if ((long long)n > 999999999999LL - next)
		die("ids.tsv: %s numbers exhausted", kind);
	snprintf(buf, sizeof buf, "%lld", next + (long long)n);
	table_set(ids, (size_t)row, table_col(ids, "next"), buf);
	return next;
}

void
seq_past(struct table *ids, const char *kind, unsigned long long in_use)
{
	long long next;
	long row = next_of(ids, kind, &next);
	char buf[32];

	if (in_use < (unsigned long long)next)
		return;
	if (in_use >= 999999999999ULL)
		die("ids.tsv: %s numbers exhausted", kind);
	warn("ids.tsv: %s next %lld was behind %c%llu in use; numbering from %llu",
	    kind, next, toupper((unsigned char)kind[0]), in_use, in_use + 1);
	snprintf(buf, sizeof buf, "%llu", in_use + 1);
	table_set(ids, (size_t)row, table_col(ids, "next"), buf);
}

unsigned long long
seq_max(const struct table *t, const char *col, char letter)
{
	unsigned long long n, max = 0;
	int c = table_col(t, col);
	size_t i;

	for (i = 0; c >= 0 && i < t->nrows; i++)
		if (!genid_check(table_get(t, i, c), letter) &&
		    (n = strtoull(table_get(t, i, c) + 1, NULL, 10)) > max)
			max = n;
	return max;
}
