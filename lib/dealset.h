/*
 * dealset: the deals a replay of few deals asks for (history_open_only()),
 * by number: listed ascending, for lookups in the sorted files, and a bit
 * each, for a row's "is it one of them?".
 *
 *   d = dealset_new(k, n);     k: n numbers, d takes it (malloc'd, or
 *                              NULL when n is 0) and sorts it
 *   dealset_has(d, k)          is deal k in d?
 *   dealset_place(d, k)        k's place among them: d->k[i] == k, or
 *                              d->n when k is not in d
 *   dealset_from(d, k)         the place of the first number from k on
 *   d->k[0 .. d->n)            the numbers
 *   n = dealset_sort(k, n)     k ascending, each number once: how many
 *   dealset_free(d);
 *
 * The bits take an eighth of a byte per number up to the greatest, from
 * zero pages: only the pages holding a deal's bit are written.  At 10M
 * deal events (3 million deals) that is 375 KB, and a rep's few hundred
 * deals write fewer than a hundred of its pages.  A replay keeps what it
 * knows of each deal at its place: a few pages for a few deals, where by
 * number they would be a page each.
 */
#ifndef DEALSET_H
#define DEALSET_H
#include <stddef.h>
#include <stdint.h>

struct dealset {
	size_t *k, n;		/* ascending */
	uint64_t *bits;		/* bit k % 64 of bits[k / 64]: k is in the set */
	size_t limit;		/* every number in the set is below it */
};

struct dealset *dealset_new(size_t *k, size_t n);
size_t dealset_from(const struct dealset *d, size_t k);
size_t dealset_sort(size_t *k, size_t n);
void dealset_free(struct dealset *d);

static inline int
dealset_has(const struct dealset *d, size_t k)
{
	return k < d->limit && (d->bits[k / 64] >> (k % 64) & 1);
}

static inline size_t
dealset_place(const struct dealset *d, size_t k)
{
	return dealset_has(d, k) ? dealset_from(d, k) : d->n;
}

#endif
