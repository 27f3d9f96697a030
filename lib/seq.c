#include <stdio.h>

#include "err.h"
#include "money.h"
#include "seq.h"

long long
seq_reserve(struct table *ids, const char *kind, size_t n)
{
	int kc = table_col(ids, "kind"), nc = table_col(ids, "next");
	long row = table_find(ids, kc, kind);
	long long next = 1;
	char buf[32];

	if (row < 0) {
		row = (long)table_add_row(ids);
		table_set(ids, (size_t)row, kc, kind);
	} else if (parse_uint(table_get(ids, (size_t)row, nc), 999999999999LL, &next) < 0 ||
	    next < 1) {
		die("ids.tsv: next '%s' for %s is not a number; run sales-check",
		    table_get(ids, (size_t)row, nc), kind);
	}
	if ((long long)n > 999999999999LL - next)
		die("ids.tsv: %s numbers exhausted", kind);
	snprintf(buf, sizeof buf, "%lld", next + (long long)n);
	table_set(ids, (size_t)row, nc, buf);
	return next;
}
