/* Unit tests of lib/dealset.c: the deals of a replay of few deals. */
#include <stdlib.h>

#include "dealset.h"
#include "unit.h"
#include "xalloc.h"

/* A copy of the n numbers of v, malloc'd, as dealset_new() takes them. */
static size_t *
numbers(const size_t *v, size_t n)
{
	size_t *k = xcalloc(n + 1, sizeof *k), i;

	for (i = 0; i < n; i++)
		k[i] = v[i];
	return k;
}

int
main(void)
{
	static const size_t given[] = { 70000, 5, 64, 5, 63, 1 };
	static const size_t want[] = { 1, 5, 63, 64, 70000 };
	static const size_t absent[] = { 0, 2, 62, 65, 69999, 70001, 1000000000 };
	struct dealset *d = dealset_new(numbers(given, 6), 6);
	size_t i, k, n, place, from, bad;
	unsigned char *in;

	CHECK_INT(d->n, 5, "sorted, each number once");
	for (i = 0, bad = 0; i < 5; i++)
		bad += d->k[i] != want[i] || !dealset_has(d, want[i]) ||
		    dealset_place(d, want[i]) != i || dealset_from(d, want[i]) != i;
	CHECK_INT(bad, 0, "each number is in it, at its place");
	for (i = 0, bad = 0; i < sizeof absent / sizeof absent[0]; i++)
		bad += dealset_has(d, absent[i]) || dealset_place(d, absent[i]) != 5;
	CHECK_INT(bad, 0, "the others are not, at the place past them");
	CHECK_INT(dealset_from(d, 0), 0, "from 0: the first");
	CHECK_INT(dealset_from(d, 6), 2, "from a number between two: the next");
	CHECK_INT(dealset_from(d, 65), 4, "past a word of bits");
	CHECK_INT(dealset_from(d, 70001), 5, "past the last: none");
	dealset_free(d);

	d = dealset_new(NULL, 0);
	CHECK_INT(d->n + dealset_has(d, 0) + dealset_has(d, 5) + dealset_place(d, 5) +
	    dealset_from(d, 5), 0, "an empty set has nothing");
	dealset_free(d);

	/* Against a byte a number, for every number up to past the last. */
	srand(7);
	n = 10000;
	in = xcalloc(200100, 1);
	{
		size_t *k0 = xcalloc(n, sizeof *k0);

		for (i = 0; i < n; i++)
			in[k0[i] = 1 + (size_t)rand() % 199999] = 1;
		d = dealset_new(k0, n);
	}
	for (k = 0, place = 0, bad = 0; k < 200100; k++) {
		from = place;
		bad += dealset_has(d, k) != in[k] || dealset_from(d, k) != from ||
		    dealset_place(d, k) != (in[k] ? place : d->n);
		place += in[k];
	}
	CHECK_INT(bad, 0, "10,000 random numbers: has, place and from as counted");
	CHECK_INT(d->n, place, "as many as there are different ones");
	dealset_free(d);
	free(in);
	return unit_done();
}
