#include <stdlib.h>

#include "dealset.h"
#include "xalloc.h"

static int
ascending(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

size_t
dealset_sort(size_t *k, size_t n)
{
	size_t i, j;

	for (i = 1; i < n && k[i - 1] < k[i]; i++)
		;
	if (i >= n)
		return n;	/* ascending already */
	qsort(k, n, sizeof *k, ascending);
	for (i = j = 0; i < n; i++)
		if (j == 0 || k[j - 1] != k[i])
			k[j++] = k[i];
	return j;
}

struct dealset *
dealset_new(size_t *k, size_t n)
{
	struct dealset *d = xcalloc(1, sizeof *d);
	size_t i;

	n = dealset_sort(k, n);
	d->k = k;
	d->n = n;
	d->limit = n ? k[n - 1] + 1 : 0;
	d->bits = xcalloc_sparse(d->limit / 64 + 1, sizeof *d->bits);
	for (i = 0; i < n; i++)
		d->bits[k[i] / 64] |= (uint64_t)1 << (k[i] % 64);
	return d;
}

size_t
dealset_from(const struct dealset *d, size_t k)
{
	size_t lo = 0, hi = d->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (d->k[mid] < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
dealset_free(struct dealset *d)
{
	if (!d)
		return;
	xfree_sparse(d->bits, d->limit / 64 + 1, sizeof *d->bits);
	free(d->k);
	free(d);
}
