/* Unit tests of lib/dealindex.c's sort of the rep lines and its search of
 * the records sorted by deal. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "buf.h"
#include "dealindex.h"
#include "dealset.h"
#include "unit.h"

/* One line of a reference sort: its rep, its place in the input. */
struct line {
	const char *p;
	size_t len, rlen, at;
};

static int
by_rep_then_place(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	int c = memcmp(x->p, y->p, x->rlen < y->rlen ? x->rlen : y->rlen);

	if (c)
		return c;
	if (x->rlen != y->rlen)
		return x->rlen < y->rlen ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* The lines of a (LF-ended), then of b, sorted by rep, each rep's in
 * the order they came: qsort() by rep and place, apart from the code. */
static void
reference(struct buf *out, const char *a, size_t alen, const char *b, size_t blen)
{
	struct line *v = NULL;
	size_t n = 0, cap = 0, i, r;
	const char *run[2] = { a, b }, *end[2] = { a + alen, b + blen }, *p, *nl, *tab;

	for (r = 0; r < 2; r++)
		for (p = run[r]; p < end[r]; p = nl + 1) {
			nl = memchr(p, '\n', (size_t)(end[r] - p));
			tab = memchr(p, '\t', (size_t)(nl - p));
			if (n == cap)
				v = realloc(v, (cap = cap ? 2 * cap : 1024) * sizeof *v);
			v[n] = (struct line){ p, (size_t)(nl + 1 - p), (size_t)(tab - p), n };
			n++;
		}
	if (n)
		qsort(v, n, sizeof *v, by_rep_then_place);
	for (i = 0; i < n; i++)
		buf_add(out, v[i].p, v[i].len);
	free(v);
}

/* n random rep lines: reps of one to nine bytes, some the start of
 * another ("r1", "r12"), of nreps in all. */
static void
lines(struct buf *b, size_t n, unsigned nreps)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf_printf(b, "%s%u\tD%zu\n", unit_rnd(4) ? "r" : "rep-", unit_rnd(nreps),
		    i + 1);
}

/* dealindex_reps_sort() of sorted ++ add, after what out held, against
 * the reference. */
static void
check_sort(const char *what, size_t nsorted, size_t nadd, unsigned nreps)
{
	struct buf s0 = BUF_INIT, sorted = BUF_INIT, add = BUF_INIT, got = BUF_INIT,
	    want = BUF_INIT;

	lines(&s0, nsorted, nreps);
	reference(&sorted, s0.data ? s0.data : "", s0.len, "", 0);
	lines(&add, nadd, nreps);
	buf_adds(&got, "before\n");
	buf_adds(&want, "before\n");
	dealindex_reps_sort(&got, sorted.data, sorted.len, add.data, add.len);
	reference(&want, sorted.data ? sorted.data : "", sorted.len, add.data ? add.data : "",
	    add.len);
	CHECK(got.len == want.len && memcmp(got.data, want.data, got.len) == 0 &&
	    got.data[got.len] == '\0', "%s: %zu sorted lines and %zu more, %u reps: %zu bytes, "
	    "as qsort() by rep and place", what, nsorted, nadd, nreps, got.len);
	buf_free(&s0);
	buf_free(&sorted);
	buf_free(&add);
	buf_free(&got);
	buf_free(&want);
}

/* dealindex_first_of() of random deals from random places, over n
 * records of deals with runs and gaps (up to nrun records a deal, gaps up
 * to gap, and one in jump of a million when jump is not 0: numbers
 * bunched, the guess of the place far off), against a walk from the
 * place. */
static void
check_first_of(size_t n, unsigned gap, unsigned nrun, unsigned jump)
{
	uint32_t *v = calloc(3 * n + 1, sizeof *v), deal = 1, k;
	size_t i, lo, want, bad = 0, tries = 4000;

	for (i = 0; i < n; ) {
		deal += unit_rnd(gap) + (jump && unit_rnd(jump) == 0 ? 1000000 : 0);
		for (k = 1 + unit_rnd(nrun); k > 0 && i < n; k--, i++) {
			v[3 * i] = deal;
			v[3 * i + 1] = (uint32_t)i;
		}
	}
	for (i = 0; i < tries; i++) {
		lo = n ? unit_rnd((unsigned)n + 1) : 0;
		k = unit_rnd(deal + 2);
		for (want = lo; want < n && v[3 * want] < k; want++)
			;
		bad += dealindex_first_of((const char *)v, lo, n, k) != want;
	}
	CHECK(bad == 0, "first_of over %zu records (gaps to %u, runs to %u, jumps %u): %zu "
	    "of %zu searches as a walk from their place", n, gap, nrun, jump, bad, tries);
	free(v);
}

/* dealindex_places()'s each(): the records given, in order. */
static void
keep(void *arg, const struct dealindex_at *ra)
{
	buf_add(arg, ra, sizeof *ra);
}

/*
 * dealindex_places() over n records (gaps between deal numbers to gap,
 * runs of a deal to nrun) with their fences or without (fenced), for
 * nask deals, some not there: the records a walk through them all finds,
 * in the same order; and -1, not wrong records, when the fence of a
 * block it reads is not its first record's deal.
 */
static void
check_places(size_t n, unsigned gap, unsigned nrun, size_t nask, int fenced)
{
	struct dealindex_at *v = calloc(n + 1, sizeof *v);
	struct buf file = BUF_INIT, want = BUF_INIT, got = BUF_INIT;
	size_t *k = calloc(nask + 1, sizeof *k), i, j, head = 16, bad = 0;
	struct dealset *only;
	uint32_t deal = 1, r;
	FILE *f = tmpfile();
	int st, st2;

	for (i = 0; i < n; ) {
		deal += unit_rnd(gap);
		for (r = 1 + unit_rnd(nrun); r > 0 && i < n; r--, i++)
			v[i] = (struct dealindex_at){ deal, (uint32_t)i + 2, (uint32_t)unit_rnd(1000) };
	}
	for (i = 0; i < nask; i++)
		k[i] = i % 3 == 0 || n == 0 ? unit_rnd(deal + 2) : v[unit_rnd((unsigned)n)].deal;
	only = dealset_new(k, nask);
	for (i = 0; i < only->n; i++)
		for (j = 0; j < n; j++)
			if (v[j].deal == only->k[i])
				buf_add(&want, &v[j], sizeof v[j]);
	buf_add(&file, "head of sixteen.", head);
	buf_add(&file, v, n * sizeof *v);
	if (fenced)
		dealindex_fences(&file, v, n);
	fwrite(file.data, 1, file.len, f);
	fflush(f);
	st = dealindex_places(fileno(f), (long long)file.len, head, n, only, keep, &got);
	CHECK(st == 0 && got.len == want.len &&
	    (want.len == 0 || memcmp(got.data, want.data, want.len) == 0),
	    "places of %zu deals among %zu records %s (gaps to %u, runs to %u): %zu records "
	    "as a walk finds %zu", only->n, n, fenced ? "with fences" : "without", gap, nrun,
	    got.len / sizeof *v, want.len / sizeof *v);
	st = dealindex_places(fileno(f), (long long)file.len + 1, head, n, only, keep, &got);
	CHECK(st < 0, "places in a file a byte longer than its records%s: refused",
	    fenced ? " and fences" : "");
	if (fenced && n > DEALINDEX_BLOCK && only->n > 0) {
		/* every block's fence one more than its deal: each block read
		 * is refused */
		for (i = 0; i * DEALINDEX_BLOCK < n; i++) {
			memcpy(&r, file.data + head + n * sizeof *v + i * sizeof r, sizeof r);
			r++;
			memcpy(file.data + head + n * sizeof *v + i * sizeof r, &r, sizeof r);
		}
		rewind(f);
		fwrite(file.data, 1, file.len, f);
		fflush(f);
		buf_reset(&got);
		st2 = dealindex_places(fileno(f), (long long)file.len, head, n, only, keep, &got);
		bad = want.len > 0 && st2 == 0;
		CHECK(!bad, "places with fences that are not their blocks' deals: %s",
		    st2 < 0 ? "refused" : want.len ? "believed" : "none asked for is there");
	}
	fclose(f);
	dealset_free(only);
	buf_free(&file);
	buf_free(&want);
	buf_free(&got);
	free(v);
}

int
main(void)
{
	check_first_of(0, 1, 1, 0);
	check_first_of(1, 3, 1, 0);
	check_first_of(2, 1, 2, 0);
	check_first_of(3, 2, 2, 2);
	check_first_of(1000, 1, 1, 0);
	check_first_of(1000, 50, 3, 0);
	check_first_of(1000, 5, 3, 20);
	check_first_of(100000, 4, 20, 0);
	check_first_of(100000, 2, 5, 3000);
	check_first_of(100000, 1, 200, 2);
	check_places(0, 1, 1, 5, 1);
	check_places(1, 1, 1, 3, 1);
	check_places(DEALINDEX_BLOCK, 2, 1, 20, 1);
	check_places(DEALINDEX_BLOCK + 1, 2, 3, 20, 1);
	check_places(1000, 3, 1, 1, 1);
	check_places(5000, 3, 4, 300, 1);
	check_places(5000, 3, 4, 300, 0);
	/* runs longer than a block: a deal's records over several */
	check_places(5000, 2, 200, 100, 1);
	check_places(5000, 2, 200, 100, 0);
	check_places(100000, 5, 3, 2000, 1);
	check_sort("nothing", 0, 0, 1);
	check_sort("one line", 0, 1, 1);
	check_sort("new lines only", 0, 500, 30);
	check_sort("sorted lines only", 500, 0, 30);
	check_sort("merged", 300, 300, 30);
	check_sort("one rep", 200, 200, 1);
	/* a megabyte and more: two threads, cut in the new lines, in the
	 * sorted ones, and where they meet */
	check_sort("big, new lines only", 0, 150000, 2000);
	check_sort("big, cut in the new lines", 30000, 120000, 2000);
	check_sort("big, cut in the sorted lines", 120000, 30000, 2000);
	check_sort("big, a rep's lines in both parts", 100000, 100000, 3);
	check_sort("big, sorted lines only", 150000, 0, 50);
	return unit_done();
}
