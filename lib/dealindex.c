#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "dealindex.h"
#include "dealset.h"
#include "err.h"
#include "id.h"
#include "intern.h"
#include "ledger.h"
#include "ledgerstat.h"
#include "money.h"
#include "scan.h"
#include "tsv.h"
#include "xalloc.h"

#define HEAD_FORMAT "deal-index\t7\n"
#define OFF_BITS 40
#define OFF_MASK ((UINT64_C(1) << OFF_BITS) - 1)
/* Beyond this many bytes read again since the head, and an eighth of the
 * ledger, building anew is cheaper than catching up (catch_up()). */
#define CATCH_UP_MAX (16u << 20)
/* Entries read and written at once when catching up (a page). */
#define WINDOW 512
/* Rep lines after the sorted ones below this many bytes are not sorted yet. */
#define RESORT_MIN (64u << 10)

/* An entry this process could not trust: its sync builds anew (the child
 * that syncs is forked from the writer, and so knows). */
static int doubted;

struct head {
	size_t max, n;
	size_t reps;		/* the bytes of DEALINDEX_REPS that are the last month's */
	size_t sorted;		/* and of those, the first ones sorted by rep */
	unsigned gen;		/* in the file of this generation (reps_path()) */
	struct ledgerstat *v;
};

/* The head, if it is there and whole: 0, else -1. */
static int
read_head(struct store *s, struct head *h)
{
	int ok = 0, used;
	const char *p;
	char *data;
	size_t len;

	memset(h, 0, sizeof *h);
	if ((p = ledgerstat_head(s, DEALINDEX_HEAD, HEAD_FORMAT, &data, &len)) &&
	    sscanf(p, "max\t%zu\nreps\t%zu\nsorted\t%zu\ngeneration\t%u\n%n", &h->max,
	    &h->reps, &h->sorted, &h->gen, &used) == 4 && h->sorted <= h->reps &&
	    (p = ledgerstat_read(p + used, &h->v, &h->n)))
		ok = *p == '\0';
	free(data);
	if (!ok) {
		free(h->v);
		memset(h, 0, sizeof *h);
	}
	return ok ? 0 : -1;
}

/*
 * The rep lines' file of generation g.  A sync that sorts them anew writes
 * them into the next generation's file: until its head is in place, the
 * head before it names the lines as they were, in place.
 */
static void
reps_path(char *buf, size_t n, unsigned g)
{
	if (g)
		snprintf(buf, n, DEALINDEX_REPS "-%u", g);
	else
		snprintf(buf, n, "%s", DEALINDEX_REPS);
}

/*
 * The rows of a month file by deal: cache/deal-rows-YYYY-MM holds a
 * struct rows_head, then count struct dealindex_at, one for each row of the
 * file's first size bytes, in order.  Native byte order, as the entries.
 * Its stamp is new each time the file is written anew (new_stamp()).
 *
 * Beside it, cache/deal-sorted-YYYY-MM: a struct sorted_head, then the
 * first count records of the rows file of its stamp, in the order of
 * their deal numbers (each deal's in the order of the file), so that a
 * replay of a few deals finds theirs by bisection and reads through only
 * the records after them.  Written whole (fsynced, then renamed) after
 * the rows file it sorts, whenever that is written anew and when those
 * after it pass a sixteenth (and SORT_MIN); one of another stamp, or
 * that sorts more records than the rows file has, is not believed.
 */
#define ROWS_PREFIX "deal-rows-"
#define SORTED_PREFIX "deal-sorted-"
#define SORT_MIN 4096
struct rows_head {
	uint64_t size, count, stamp;
};
struct sorted_head {
	uint64_t stamp, count;
};

static void
rows_path(char *buf, size_t n, ledger_month m)
{
	snprintf(buf, n, "cache/" ROWS_PREFIX "%04d-%02d", m / 12, m % 12 + 1);
}

static void
sorted_path(char *buf, size_t n, ledger_month m)
{
	snprintf(buf, n, "cache/" SORTED_PREFIX "%04d-%02d", m / 12, m % 12 + 1);
}

/* A stamp no other rows file has had: the time, the process, a count. */
static uint64_t
new_stamp(void)
{
	static uint64_t count;
	struct timespec ts;
	int64_t item[4];

	clock_gettime(CLOCK_REALTIME, &ts);
	item[0] = ts.tv_sec;
	item[1] = ts.tv_nsec;
	item[2] = getpid();
	item[3] = (int64_t)++count;
	return intern_hash(0, item, sizeof item);
}

/* The size the head gives month m, or -1 when it has none. */
static long long
month_size(const struct head *h, ledger_month m)
{
	size_t j;

	for (j = 0; j < h->n; j++)
		if (h->v[j].m == m)
			return h->v[j].size;
	return -1;
}

/* The head, when the ledger is exactly as it says: 0, else -1. */
static int
current_head(struct store *s, struct head *h)
{
	if (read_head(s, h) < 0)
		return -1;
	if (!ledgerstat_current(s, "deals", h->v, h->n)) {
		free(h->v);
		memset(h, 0, sizeof *h);
		return -1;
	}
	return 0;
}

int
dealindex_max(struct store *s, size_t *max)
{
	struct head h;

	if (current_head(s, &h) < 0)
		return -1;
	*max = h.max;
	free(h.v);
	return 0;
}

/* Split b's line into at most max fields; their number, or -1. */
static long
split(struct buf *b, char **f, size_t *flen, size_t max)
{
	char err[128];

	if (!b->data) {		/* an empty line: a buffer to split all the same */
		buf_addc(b, '\0');
		b->len = 0;
	}
	return tsv_split(b->data, b->len, f, flen, max, err, sizeof err);
}

#define MAXCOLS 64

/*
 * Building and catching up: the rows of a month file from byte `from` to
 * its end, each (deal number, entry) to put().  Reading (dealindex_latest):
 * the entries asked for through the window alone.
 */
struct entries {
	uint64_t *v;		/* building: every entry, in memory */
	size_t cap, max, rows;
	int fd;			/* catching up: the index file, */
	uint64_t win[WINDOW];	/* the entries from wlo on, read from it */
	size_t wlo, dlo, dhi;	/* and those changed there, dlo to dhi */
	int loaded, dirty;
	size_t max_gap;
};

/* Catching up: the window's changed entries written back. */
static void
window_flush(struct entries *e)
{
	size_t n = (e->dhi - e->dlo + 1) * sizeof *e->win;

	if (!e->dirty)
		return;
	if (pwrite(e->fd, e->win + (e->dlo - e->wlo), n, (off_t)(e->dlo * sizeof *e->win)) !=
	    (ssize_t)n)
		die_errno("%s", DEALINDEX_FILE);
	e->dirty = 0;
}

/* Catching up, and reading: entry k of the index file, through a window
 * of WINDOW entries, so that a run of new deals costs a read and a write a
 * page, not one of each a deal, and the deals asked for in number order a
 * read a page. */
static uint64_t *
window_entry(struct entries *e, size_t k)
{
	ssize_t got;

	if (!e->loaded || k < e->wlo || k - e->wlo >= WINDOW) {
		window_flush(e);
		e->wlo = k - k % WINDOW;
		got = pread(e->fd, e->win, sizeof e->win, (off_t)(e->wlo * sizeof *e->win));
		if (got < 0)
			die_errno("%s", DEALINDEX_FILE);
		/* past the end of the file: no entry yet */
		memset((char *)e->win + got, 0, sizeof e->win - (size_t)got);
		e->loaded = 1;
	}
	return &e->win[k - e->wlo];
}

/* The month file the entries being read are in: the rows asked for of
 * it alone, read with scan_gather(), its header split once. */
struct month_rows {
	char *data;			/* its header and those rows, each with its LF */
	size_t len, *to;		/* data's bytes; where each row (each place
					 * once) is in data */
	char path[LEDGER_PATHSZ], *hf[MAXCOLS];
	size_t hlen[MAXCOLS];
	long nh, dc;			/* fields; the deal's */
	struct buf hb, rb;		/* the header's line, the row's */
};

/* The line at p (a whole one, with its LF before end) into b, without
 * its LF (nor a CR before it): 0, or -1 when it has no LF or is too long. */
static int
line_at(const char *p, const char *end, struct buf *b)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	if (!nl || (size_t)(nl - p) > TSV_MAX_LINE)
		return -1;
	buf_reset(b);
	buf_add(b, p, (size_t)(nl - p));
	if (b->len && b->data[b->len - 1] == '\r')
		b->data[--b->len] = '\0';
	return 0;
}

/* An entry asked for: the deal's number, then the index's value; and
 * which id it is. */
struct asked {
	uint64_t v;
	size_t i;
};

/* mr for month m with the rows of the n entries at a (of that month, in
 * the order of their places), the month before let go: 0, or -1 when
 * they are not whole lines of it, before the end the head gives. */
static int
month_rows_read(struct store *s, const struct head *h, struct month_rows *mr, ledger_month m,
		const struct asked *a, size_t n)
{
	struct scan_at *at;
	long long size;
	size_t i, k;
	int fd, rc;

	free(mr->data);
	mr->data = NULL;
	mr->dc = -1;
	if ((size = month_size(h, m)) <= 0 || (fd = ledger_open(s, "deals", m)) < 0)
		return -1;
	at = xcalloc(n + 1, sizeof *at);
	for (i = k = 0; i < n; i++)	/* each place once: an id asked twice */
		if (k == 0 || at[k - 1].off != (a[i].v & OFF_MASK))
			at[k++].off = (size_t)(a[i].v & OFF_MASK);
	mr->to = xreallocarray(mr->to, k + 1, sizeof *mr->to);
	rc = scan_gather(fd, (size_t)size, at, k, &mr->data, &mr->len, mr->to);
	close(fd);
	free(at);
	ledger_month_path(mr->path, "deals", m);
	if (rc < 0 || line_at(mr->data, mr->data + mr->len, &mr->hb) < 0 ||
	    (mr->nh = split(&mr->hb, mr->hf, mr->hlen, MAXCOLS)) <= 0 || mr->nh > MAXCOLS)
		return -1;
	for (k = 0; k < (size_t)mr->nh; k++)
		if (strcmp(mr->hf[k], "deal") == 0)
			mr->dc = (long)k;
	return mr->dc >= 0 ? 0 : -1;
}

/*
 * The row at p (of mr's month), if it is one of deal id, to row(arg, i,
 * ...): 0, or -1 when it is not one to trust.
 */
static int
read_entry(struct month_rows *mr, const char *p, const char *id, size_t i, dealindex_row_fn row,
	   void *arg)
{
	char *f[MAXCOLS];
	size_t flen[MAXCOLS];
	long nf;

	if (line_at(p, mr->data + mr->len, &mr->rb) < 0 ||
	    (nf = split(&mr->rb, f, flen, MAXCOLS)) != mr->nh)
		return -1;
	return strcmp(f[mr->dc], id) == 0 && row(arg, i, mr->path, mr->hf, f, (size_t)nf) == 0 ?
	    0 : -1;
}

/* By v: numbers, each page of entries read once; then by month and
 * offset, each month file read once, front to back. */
static int
by_place(const void *a, const void *b)
{
	uint64_t x = ((const struct asked *)a)->v, y = ((const struct asked *)b)->v;

	return (x > y) - (x < y);
}

/* Deal number k of id (a deal id, genid_check()). */
static size_t
number_of(const char *id)
{
	return (size_t)strtoull(id + 1, NULL, 10);
}

int
dealindex_latest(struct store *s, const char *const *ids, size_t n, dealindex_row_fn row,
		 void *arg)
{
	struct month_rows mr = { .hb = BUF_INIT, .rb = BUF_INIT };
	struct entries e = { .fd = -1 };
	struct asked *a = NULL;
	struct head h;
	struct stat st;
	uint64_t v;
	size_t i, j, k, g, na = 0;
	ledger_month m;
	int fd = -1, bad = 1, reading = 0;	/* bad until the entries are read */

	if (current_head(s, &h) < 0 || (fd = e.fd = store_open_read(s, DEALINDEX_FILE)) < 0)
		goto out;
	for (i = 0; i < n; i++)
		if (genid_check(ids[i], 'D'))
			goto out;	/* not a deal id: for the ledger to answer */
	reading = 1;		/* from here on, a failure is the index's */
	if (fstat(fd, &st) < 0 || (size_t)st.st_size / sizeof v <= h.max)
		goto out;	/* a short index */
	/* The entries read in number order through a window of a page (a.v
	 * the deal's number first, then its entry): a few hundred deals cost
	 * a read each, cheaper than the faults of a mapping and its unmapping,
	 * and every deal open a read a page. */
	a = xcalloc(n ? n : 1, sizeof *a);
	for (i = 0; i < n; i++)
		if ((k = number_of(ids[i])) <= h.max)	/* else no such deal */
			a[na++] = (struct asked){ k, i };
	qsort(a, na, sizeof *a, by_place);
	for (i = k = 0; i < na; i++)
		if ((v = *window_entry(&e, (size_t)a[i].v)))
			a[k++] = (struct asked){ v, a[i].i };
	na = k;
	qsort(a, na, sizeof *a, by_place);
	for (i = 0; i < na; i = j) {
		m = (ledger_month)(a[i].v >> OFF_BITS) - 1;
		for (j = i; j < na && (ledger_month)(a[j].v >> OFF_BITS) - 1 == m; j++)
			;
		if (month_rows_read(s, &h, &mr, m, a + i, j - i) < 0)
			goto out;
		for (k = i, g = 0; k < j; k++) {
			g += k > i && (a[k].v & OFF_MASK) != (a[k - 1].v & OFF_MASK);
			if (read_entry(&mr, mr.data + mr.to[g], ids[a[k].i], a[k].i, row, arg) < 0)
				goto out;
		}
	}
	bad = 0;
out:
	if (bad && reading)
		doubted = 1;
	if (fd >= 0)
		close(fd);
	free(mr.data);
	free(mr.to);
	buf_free(&mr.hb);
	buf_free(&mr.rb);
	free(a);
	free(h.v);
	return bad ? -1 : 0;
}

struct dealindex_rows {
	struct store *s;
	struct head h;		/* current */
};

struct dealindex_rows *
dealindex_rows_open(struct store *s)
{
	struct dealindex_rows *r = xcalloc(1, sizeof *r);

	if (current_head(s, &r->h) < 0) {
		free(r);
		return NULL;
	}
	r->s = s;
	return r;
}

static void
add_at(struct scan_at **at, size_t *n, size_t *cap, const struct dealindex_at *ra)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*at = xreallocarray(*at, *cap, sizeof **at);
	}
	(*at)[(*n)++] = (struct scan_at){ ra->line, ra->off };
}

static int
by_line(const void *a, const void *b)
{
	const struct scan_at *x = a, *y = b;

	return x->line < y->line ? -1 : x->line > y->line;
}

/* How a file of size bytes holds a head of head bytes and n records
 * sorted by deal (dealindex_places()): PLACES_FENCED, with their fences;
 * PLACES_BARE, without (as written before them); else 0. */
enum { PLACES_BARE = 1, PLACES_FENCED };

static int
places_form(long long size, size_t head, size_t n)
{
	size_t rec = sizeof(struct dealindex_at), nf = (n + DEALINDEX_BLOCK - 1) / DEALINDEX_BLOCK;

	if (size < 0 || n > (SIZE_MAX - head) / (rec + sizeof(uint32_t)))
		return 0;
	if ((unsigned long long)size == head + n * rec + nf * sizeof(uint32_t))
		return PLACES_FENCED;
	return (unsigned long long)size == head + n * rec ? PLACES_BARE : 0;
}

struct found {
	struct scan_at **at;
	size_t n, *cap;
};

static void
found_at(void *arg, const struct dealindex_at *ra)
{
	struct found *f = arg;

	add_at(f->at, &f->n, f->cap, ra);
}

/*
 * Month m's sorted file, open, when it sorts the first records of the
 * rows file of stamp, of count records, and is as big as they are: how
 * many in *ns, its size in *size; -1 when it is not there, not of that
 * rows file, or of another size (a catch-up then sorts anew).
 */
static int
sorted_open(struct store *s, ledger_month m, uint64_t stamp, uint64_t count, size_t *ns,
	    long long *size)
{
	struct sorted_head sh;
	struct stat st;
	char path[64];
	int fd;

	sorted_path(path, sizeof path, m);
	if ((fd = store_open_read(s, path)) < 0)
		return -1;
	if (fstat(fd, &st) < 0 || ledgerstat_pread(fd, &sh, sizeof sh, 0) < 0 ||
	    sh.stamp != stamp || sh.count > count || sh.count == 0 ||
	    !places_form((long long)st.st_size, sizeof sh, (size_t)sh.count)) {
		close(fd);
		return -1;
	}
	*ns = (size_t)sh.count;
	*size = (long long)st.st_size;
	return fd;
}

/*
 * The rows of the deals of only among those month m's sorted file sorts
 * (sorted_open()): added to f, in the order of the file; how many records
 * it sorts, or 0 (nothing added) when it is not there, not of that rows
 * file, or not as it should be.
 */
static size_t
sorted_rows(struct store *s, ledger_month m, uint64_t stamp, uint64_t count,
	    const struct dealset *only, struct found *f)
{
	long long size;
	size_t ns = 0;
	int fd, ok;

	if ((fd = sorted_open(s, m, stamp, count, &ns, &size)) < 0)
		return 0;
	ok = dealindex_places(fd, size, sizeof(struct sorted_head), ns, only, found_at, f) == 0;
	close(fd);
	if (!ok) {
		f->n = 0;
		return 0;
	}
	if (f->n > 1)
		qsort(*f->at, f->n, sizeof **f->at, by_line);
	return ns;
}

/* The deal number of record i of v. */
static uint32_t
deal_at(const char *v, size_t i)
{
	struct dealindex_at ra;

	memcpy(&ra, v + i * sizeof ra, sizeof ra);
	return ra.deal;
}

/* Narrows (*lo, *hi] to the side of record at of deal k. */
static void
narrow(const char *v, size_t at, uint32_t k, size_t *lo, uint32_t *dlo, size_t *hi,
       uint32_t *dhi)
{
	uint32_t d = deal_at(v, at);

	if (d < k) {
		*lo = at;
		*dlo = d;
	} else {
		*hi = at;
		*dhi = d;
	}
}

/*
 * Interpolation search: the deal numbers of a month's records grow
 * smoothly enough (ids are given in order, a deal has a few rows) that
 * the place of k guessed from the numbers at the ends of the range is
 * near, and the range shrinks to a few records in three or four probes
 * where bisection takes twenty, each a cache miss.  A guess that does
 * not halve the range is followed by a bisection probe, so numbers
 * bunched cost at most twice a bisection.
 */
size_t
dealindex_first_of(const char *v, size_t lo, size_t n, uint32_t k)
{
	uint32_t dlo, dhi;
	size_t hi, was;

	if (lo >= n || (dlo = deal_at(v, lo)) >= k)
		return lo;
	hi = n - 1;
	if ((dhi = deal_at(v, hi)) < k)
		return n;
	/* the record at lo is before k, the one at hi of k or after: the
	 * answer is in (lo, hi] */
	while (hi - lo > 1) {
		was = hi - lo;
		narrow(v, lo + 1 + (size_t)((double)(k - dlo - 1) / (double)(dhi - dlo) *
		    (double)(was - 1)), k, &lo, &dlo, &hi, &dhi);
		if (hi - lo > was / 2 && hi - lo > 1)
			narrow(v, lo + (hi - lo) / 2, k, &lo, &dlo, &hi, &dhi);
	}
	return hi;
}

void
dealindex_fences(struct buf *b, const void *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i += DEALINDEX_BLOCK)
		buf_add(b, (const char *)v + i * sizeof(struct dealindex_at), sizeof(uint32_t));
}

/* Blocks of a fenced file, read as they are asked for. */
struct blocks {
	int fd;
	size_t head, n;
	uint32_t *fence;
	size_t nf;
	size_t at;		/* the block in blk, nf for none */
	struct dealindex_at blk[DEALINDEX_BLOCK];
};

/* Record i into *ra, reading its block if it is not the one read last:
 * 0, -1 when it cannot be read or does not begin with its fence. */
static int
record(struct blocks *b, size_t i, struct dealindex_at *ra)
{
	size_t f = i / DEALINDEX_BLOCK, k = DEALINDEX_BLOCK;

	if (f != b->at) {
		if (f + 1 == b->nf)
			k = b->n - f * DEALINDEX_BLOCK;
		if (ledgerstat_pread(b->fd, b->blk, k * sizeof *ra, (long long)(b->head +
		    f * DEALINDEX_BLOCK * sizeof *ra)) < 0 || b->blk[0].deal != b->fence[f]) {
			b->at = b->nf;
			return -1;
		}
		b->at = f;
	}
	*ra = b->blk[i % DEALINDEX_BLOCK];
	return 0;
}

/* The last block from f on whose first deal is before k, else f. */
static size_t
block_before(const uint32_t *fence, size_t f, size_t nf, uint32_t k)
{
	size_t lo = f, hi = nf, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (fence[mid] < k)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The fences, then for each deal asked for (ascending) the last block
 * whose first deal is before it: its first record is in that block, or
 * begins the next; its last may be blocks further.  The blocks are
 * read as they are needed, each once while the deals asked for stay in it.
 */
static int
places_fenced(struct blocks *b, const struct dealset *only, dealindex_place_fn each, void *arg)
{
	struct dealindex_at ra;
	size_t i, j = 0, f = 0;
	uint32_t k;

	if (ledgerstat_pread(b->fd, b->fence, b->nf * sizeof *b->fence, (long long)(b->head +
	    b->n * sizeof ra)) < 0)
		return -1;
	for (i = 0; i < only->n && only->k[i] <= UINT32_MAX && j < b->n; i++) {
		k = (uint32_t)only->k[i];
		f = block_before(b->fence, f, b->nf, k);
		if (j < f * DEALINDEX_BLOCK)
			j = f * DEALINDEX_BLOCK;
		for (; j < b->n; j++) {
			/* a block's first deal is its fence: no need to read it to
			 * pass it by */
			if (j % DEALINDEX_BLOCK == 0 && b->fence[j / DEALINDEX_BLOCK] > k)
				break;
			if (record(b, j, &ra) < 0)
				return -1;
			if (ra.deal > k)
				break;
			if (ra.deal == k)
				each(arg, &ra);
		}
	}
	return 0;
}

int
dealindex_places(int fd, long long size, size_t head, size_t n, const struct dealset *only,
		 dealindex_place_fn each, void *arg)
{
	struct dealindex_at ra;
	struct blocks b;
	const char *data, *v;
	size_t len, i, j;
	int form = places_form(size, head, n), r;

	if (!form)
		return -1;
	if (form == PLACES_FENCED) {
		b.fd = fd;
		b.head = head;
		b.n = n;
		b.at = b.nf = (n + DEALINDEX_BLOCK - 1) / DEALINDEX_BLOCK;
		b.fence = xreallocarray(NULL, b.nf + 1, sizeof *b.fence);
		r = places_fenced(&b, only, each, arg);
		free(b.fence);
		return r;
	}
	/* the records alone, as written before the fences */
	if (n == 0)
		return 0;
	if (!(data = map_file_sparse(fd, head + n * sizeof ra, &len)))
		return -1;
	v = data + head;
	for (i = 0, j = 0; i < only->n && only->k[i] <= UINT32_MAX && j < n; i++)
		for (j = dealindex_first_of(v, j, n, (uint32_t)only->k[i]); j < n; j++) {
			memcpy(&ra, v + j * sizeof ra, sizeof ra);
			if (ra.deal != only->k[i])
				break;
			each(arg, &ra);
		}
	unmap_file(data, len);
	return 0;
}

long
dealindex_rows_of(struct dealindex_rows *r, ledger_month m, long long size,
		  const struct dealset *only, struct scan_at **at, size_t *cap)
{
	struct rows_head rh;
	struct dealindex_at ra;
	struct found f = { at, 0, cap };
	const char *data;
	size_t len, i, ns;
	char path[64];
	int fd;

	if (month_size(&r->h, m) != size)
		return -1;
	rows_path(path, sizeof path, m);
	if ((fd = store_open_read(r->s, path)) < 0)
		return -1;
	/* only the head and the records after the sorted ones are read */
	data = map_file_sparse(fd, sizeof rh, &len);
	close(fd);
	if (!data)
		return -1;
	memcpy(&rh, data, sizeof rh);
	if (rh.size != (uint64_t)size || rh.count > (len - sizeof rh) / sizeof ra) {
		unmap_file(data, len);
		return -1;
	}
	/* Each deal asked for among the sorted records; their rows, in the
	 * order of the file, come before all the others. */
	ns = sorted_rows(r->s, m, rh.stamp, rh.count, only, &f);
	for (i = ns; i < rh.count; i++) {
		memcpy(&ra, data + sizeof rh + i * sizeof ra, sizeof ra);
		if (dealset_has(only, ra.deal))
			add_at(at, &f.n, cap, &ra);
	}
	unmap_file(data, len);
	return (long)f.n;
}

void
dealindex_rows_close(struct dealindex_rows *r)
{
	if (r) {
		free(r->h.v);
		free(r);
	}
}

/*
 * The rep lines (dealindex.h): "REP\tDNUMBER\n" for the owner and each
 * rep of the split of a row of deal id (idlen bytes, as genid_format()
 * writes it: the index takes it from the row, with no number to format).
 * A share is REP:PERCENT, an overlay +REP:PERCENT (split.h); whatever
 * stands before the colon is taken, so a split that is not well formed
 * names too many reps, never too few.
 */
static void
reps_row_id(struct buf *b, const char *rep, size_t replen, const char *split,
	    size_t splitlen, const char *id, size_t idlen)
{
	const char *p = split, *end = split + splitlen, *c, *e;
	char tail[GENID_SZ + 2];
	size_t n = idlen + 2;

	/* "\tDk\n", made once for every rep of the row: a load has millions */
	tail[0] = '\t';
	memcpy(tail + 1, id, idlen);
	tail[n - 1] = '\n';
	buf_add(b, rep, replen);
	buf_add(b, tail, n);
	for (; p < end; p = e + 1) {
		if (!(e = memchr(p, ',', (size_t)(end - p))))
			e = end;
		p += *p == '+';
		if (!(c = memchr(p, ':', (size_t)(e - p))))
			c = e;
		if (c > p) {
			buf_add(b, p, (size_t)(c - p));
			buf_add(b, tail, n);
		}
	}
}

/* The length of the line at p, to its LF or to end. */
static size_t
line_len(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? (size_t)(nl + 1 - p) : (size_t)(end - p);
}

void
dealindex_reps_row(struct buf *b, const char *rep, size_t replen, const char *split,
		   size_t splitlen, size_t k)
{
	char id[GENID_SZ];

	reps_row_id(b, rep, replen, split, splitlen, id, genid_format(id, 'D', (long long)k));
}

/* One rep line: its start, its rep's length (to the tab) and its own. */
struct rep_line {
	const char *p;
	size_t rlen, len;
};

/* The rep line at p, before end; its end is end when it has no LF. */
static struct rep_line
rep_line_at(const char *p, const char *end)
{
	const char *tab;
	struct rep_line l = { .p = p };

	l.len = line_len(p, end);
	tab = memchr(p, '\t', l.len);
	l.rlen = tab ? (size_t)(tab - p) : l.len;
	return l;
}

/* The order of the sorted rep lines: by rep, bytewise, a shorter rep
 * before one it begins. */
static int
rep_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	return c ? c : (alen > blen) - (alen < blen);
}

/* qsort_r()'s order of the distinct reps (intern.h's names, NUL-free):
 * rep_cmp()'s. */
static int
by_name(const void *a, const void *b, void *reps)
{
	return strcmp(intern_name(reps, *(const size_t *)a), intern_name(reps, *(const size_t *)b));
}

/*
 * The sort of the rep lines is a counting sort, stable, so that a rep's
 * lines stay in the order they came (the sorted ones first): the reps are
 * told apart by a hash table and only they are sorted (a thousand, where
 * the lines are a million); each line is then copied straight to its
 * place, found from the bytes of each rep's lines.  A big sort is shared
 * by two threads, each taking about half the bytes: a rep's lines of the
 * first part go before its lines of the second.
 */
enum { REPS_SPLIT_MIN = 1 << 20 };

struct reps_part {
	const char *from[2], *to[2];	/* its lines, in one or two runs */
	struct intern *reps;		/* its reps, numbered its own way */
	struct intern_cache cache;
	uint32_t *of;			/* each line's rep */
	size_t nlines, cap, nreps, bcap, *bytes;	/* the bytes of each rep's lines */
	size_t *at;			/* where each rep's next line goes, in */
	char *out;
};

/* The first pass: the rep of each line of the part, and the bytes of
 * each rep's lines. */
static void *
count_reps(void *arg)
{
	struct reps_part *pt = arg;
	struct rep_line l;
	const char *p;
	size_t r, i;

	pt->reps = intern_new();
	for (r = 0; r < 2; r++)
		for (p = pt->from[r]; p < pt->to[r]; p += l.len) {
			l = rep_line_at(p, pt->to[r]);
			i = intern_add_cached(pt->reps, &pt->cache, p, l.rlen);
			if (i == pt->nreps) {
				if (i == pt->bcap) {
					pt->bcap = pt->bcap ? pt->bcap * 2 : 64;
					pt->bytes = xreallocarray(pt->bytes, pt->bcap,
					    sizeof *pt->bytes);
				}
				pt->bytes[pt->nreps++] = 0;
			}
			pt->bytes[i] += l.len;
			if (pt->nlines == pt->cap) {
				pt->cap = pt->cap ? pt->cap * 2 : 4096;
				pt->of = xreallocarray(pt->of, pt->cap, sizeof *pt->of);
			}
			pt->of[pt->nlines++] = (uint32_t)i;
		}
	return NULL;
}

/* The second pass: each line of the part copied to its place. */
static void *
place_lines(void *arg)
{
	struct reps_part *pt = arg;
	const char *p;
	size_t r, len, k = 0;

	for (r = 0; r < 2; r++)
		for (p = pt->from[r]; p < pt->to[r]; p += len) {
			len = line_len(p, pt->to[r]);
			memcpy(pt->out + pt->at[pt->of[k]], p, len);
			pt->at[pt->of[k++]] += len;
		}
	return NULL;
}

/* fn over each of the n parts, the last of them in a thread of its own
 * when there are two and one can be had. */
static void
each_part(void *(*fn)(void *), struct reps_part *pt, size_t n)
{
	pthread_t t;
	int e;

	if (n < 2 || pthread_create(&t, NULL, fn, &pt[1]) != 0) {
		for (; n; n--, pt++)
			fn(pt);
		return;
	}
	fn(&pt[0]);
	if ((e = pthread_join(t, NULL)))
		die("internal error: the sort of the rep lines: %s", strerror(e));
}

/* The runs of part pt: bytes [lo, hi) of a[0 .. alen) and b after it. */
static void
part_runs(struct reps_part *pt, const char *a, size_t alen, const char *b, size_t lo,
	  size_t hi)
{
	pt->from[0] = a + (lo < alen ? lo : alen);
	pt->to[0] = a + (hi < alen ? hi : alen);
	pt->from[1] = b + (lo > alen ? lo - alen : 0);
	pt->to[1] = b + (hi > alen ? hi - alen : 0);
}

void
dealindex_reps_sort(struct buf *out, const char *sorted, size_t slen, const char *add,
		    size_t alen)
{
	struct reps_part pt[2];
	struct intern *all = intern_new();
	size_t total = slen + alen, cut = total, np, p, i, nall, off, *order, *gat[2], *map;
	const char *nl;

	if (!sorted)
		sorted = "";
	if (!add)
		add = "";
	/* the parts: cut after the first LF from the middle on */
	if (total >= REPS_SPLIT_MIN) {
		cut = total / 2;
		if (cut < slen)
			cut = (nl = memchr(sorted + cut, '\n', slen - cut)) ?
			    (size_t)(nl + 1 - sorted) : slen;
		else
			cut = (nl = memchr(add + (cut - slen), '\n', total - cut)) ?
			    slen + (size_t)(nl + 1 - add) : total;
	}
	np = cut < total ? 2 : 1;
	memset(pt, 0, sizeof pt);
	part_runs(&pt[0], sorted, slen, add, 0, cut);
	part_runs(&pt[1], sorted, slen, add, cut, total);
	each_part(count_reps, pt, np);
	/* every rep, numbered once for both parts, and sorted */
	for (p = 0; p < np; p++) {
		gat[p] = xcalloc(pt[p].nreps + 1, sizeof *gat[p]);
		for (i = 0; i < pt[p].nreps; i++) {
			const char *name = intern_name(pt[p].reps, i);

			gat[p][i] = intern_add(all, name, strlen(name));
		}
	}
	nall = intern_count(all);
	order = xcalloc(nall + 1, sizeof *order);
	for (i = 0; i < nall; i++)
		order[i] = i;
	qsort_r(order, nall, sizeof *order, by_name, all);
	/* where each rep's lines begin in each part, the reps in order: map[g]
	 * for the first part, map[nall + g] for the second */
	map = xcalloc(2 * nall + 1, sizeof *map);
	for (p = 0; p < np; p++)
		for (i = 0; i < pt[p].nreps; i++)
			map[p * nall + gat[p][i]] = pt[p].bytes[i];
	for (i = 0, off = 0; i < nall; i++)
		for (p = 0; p < np; p++) {
			size_t n = map[p * nall + order[i]];

			map[p * nall + order[i]] = off;
			off += n;
		}
	buf_grow(out, total);
	for (p = 0; p < np; p++) {
		pt[p].at = gat[p];
		for (i = 0; i < pt[p].nreps; i++)
			pt[p].at[i] = map[p * nall + pt[p].at[i]];
		pt[p].out = out->data + out->len;
	}
	each_part(place_lines, pt, np);
	out->len += total;
	out->data[out->len] = '\0';
	for (p = 0; p < np; p++) {
		intern_free(pt[p].reps);
		free(pt[p].of);
		free(pt[p].bytes);
		free(pt[p].at);
	}
	intern_free(all);
	free(order);
	free(map);
}

/* Of the sorted lines [lo, hi), the first whose rep is not below rep. */
static const char *
first_of(const char *lo, const char *hi, const char *rep, size_t rlen)
{
	const char *line;
	struct rep_line l;

	while (lo < hi) {
		for (line = lo + (hi - lo) / 2; line > lo && line[-1] != '\n'; line--)
			;
		l = rep_line_at(line, hi);
		if (rep_cmp(l.p, l.rlen, rep, rlen) < 0)
			lo = line + l.len;
		else
			hi = line;
	}
	return lo;
}

/* The deal number of rep line q..., after its rep and tab: 0 when it is
 * not "DNUMBER\n". */
static size_t
line_deal(const char *q, const char *end)
{
	const char *nl = memchr(q, '\n', (size_t)(end - q));

	return nl ? deal_number(q, (size_t)(nl - q)) : 0;
}

static void
add_deal(size_t v, size_t **k, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*k = xreallocarray(*k, *cap, sizeof **k);
	}
	(*k)[(*n)++] = v;
}

int
dealindex_reps_find(const char *data, size_t len, size_t sorted, const char *rep,
		    size_t **k, size_t *n, size_t *cap)
{
	const char *end = data + len, *p, *m, *q;
	size_t rlen = strlen(rep), v;
	struct rep_line l;

	if ((len && data[len - 1] != '\n') || sorted > len || (sorted && data[sorted - 1] != '\n'))
		return -1;
	/* The sorted lines: rep's lie together. */
	for (p = first_of(data, data + sorted, rep, rlen); p < data + sorted; p += l.len) {
		l = rep_line_at(p, data + sorted);
		if (l.rlen != rlen || memcmp(l.p, rep, rlen) != 0)
			break;
		if (!(v = line_deal(p + rlen + 1, end)))
			return -1;
		add_deal(v, k, n, cap);
	}
	/* The rest, in the order of the rows. */
	for (p = data + sorted; p < end && (m = scan_find(p, (size_t)(end - p), rep, rlen));) {
		q = m + rlen;
		if ((m > data && m[-1] != '\n') || q >= end || *q != '\t') {
			p = q;
			continue;
		}
		if (!(v = line_deal(q + 1, end)))
			return -1;
		add_deal(v, k, n, cap);
		p = memchr(q, '\n', (size_t)(end - q)) + 1;
	}
	return 0;
}

int
dealindex_reps(struct store *s, ledger_month m, const char *rep, size_t **k, size_t *n,
	       size_t *cap)
{
	struct head h;
	const char *data = NULL;
	size_t len = 0;
	char path[64];
	int fd, ok = 0;

	if (current_head(s, &h) < 0)
		return -1;
	reps_path(path, sizeof path, h.gen);
	if (h.n && h.v[h.n - 1].m == m && (fd = store_open_read(s, path)) >= 0) {
		/* a search: only the pages it reads */
		data = h.reps ? map_file_sparse(fd, h.reps, &len) : NULL;
		close(fd);
		ok = h.reps == 0 || (data && dealindex_reps_find(data, h.reps, h.sorted, rep, k, n,
		    cap) == 0);
		unmap_file(data, len);
	}
	free(h.v);
	return ok ? 0 : -1;
}

/* pwrite() all n bytes: 0, or -1. */
static int
pwrite_all(int fd, const char *p, size_t n, off_t off)
{
	ssize_t w;

	while (n) {
		if ((w = pwrite(fd, p, n, off)) <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
		off += w;
	}
	return 0;
}

static void
put(struct entries *e, size_t k, uint64_t v, ledger_month m)
{
	uint64_t *old;
	size_t cap;

	if (k > e->max_gap)
		die("deal numbers too sparse for an index");
	if (k > e->max)
		e->max = k;
	if (e->fd < 0) {
		if (k >= e->cap) {
			cap = e->cap ? e->cap : 1024;
			while (cap <= k)
				cap *= 2;
			e->v = xreallocarray(e->v, cap, sizeof *e->v);
			memset(e->v + e->cap, 0, (cap - e->cap) * sizeof *e->v);
			e->cap = cap;
		}
		e->v[k] = v;
		return;
	}
	/* An event appended to an older month does not hide a newer one. */
	old = window_entry(e, k);
	if (*old && (ledger_month)(*old >> OFF_BITS) - 1 > m)
		return;
	*old = v;
	if (!e->dirty || k < e->dlo)
		e->dlo = k;
	if (!e->dirty || k > e->dhi)
		e->dhi = k;
	e->dirty = 1;
}

/* ledgerstat_rows()'s callback: a row of the month being indexed. */
struct indexing {
	struct entries *e;
	ledger_month m;
	struct buf *reps;	/* NULL: no rep lines */
	struct buf *rows;	/* its row_at records */
	uint64_t line;		/* the line of the next row */
};

static void
index_row(void *arg, const struct ledgerstat_row *row)
{
	struct indexing *ix = arg;
	const char *id = row->f[0];
	struct dealindex_at at;
	size_t k, n = row->len[0];

	if (!id || n >= GENID_SZ)
		die("%s: a deal id that is not plain", row->path);
	/* read in place, as the replay reads it */
	if (!(k = deal_number(id, n)))
		die("%s: deal '%.*s' is not a deal id", row->path, (int)n, id);
	put(ix->e, k, (uint64_t)(ix->m + 1) << OFF_BITS | (uint64_t)row->off, ix->m);
	ix->e->rows++;
	if (ix->line > UINT32_MAX || row->off > (long long)UINT32_MAX)
		die("%s: too big for the row index", row->path);
	at = (struct dealindex_at){ (uint32_t)k, (uint32_t)ix->line++, (uint32_t)row->off };
	buf_add(ix->rows, &at, sizeof at);
	if (!ix->reps)
		return;
	if (!row->f[1])
		die("%s: a row without a rep", row->path);
	/* As the row has them: an escaped split is no rep's id. */
	reps_row_id(ix->reps, row->f[1], row->len[1], row->f[2] ? row->f[2] : "", row->len[2],
	    id, n);
}

/* The rows of month ms from byte from (0: the first), the first of them
 * on line line, into e, reps (unless NULL) and rows. */
static void
index_rows(struct store *s, const struct ledgerstat *ms, long long from, uint64_t line,
	   struct entries *e, struct buf *reps, struct buf *rows)
{
	static const char *const cols[] = { "deal", "rep", "?split" };
	struct indexing ix = { e, ms->m, reps, rows, line };

	ledgerstat_rows(s, "deals", ms, from, cols, 3, index_row, &ix);
}

/*
 * Month m's sorted file for the n records v of the rows file of stamp:
 * sorted by deal number, stably (two passes of a radix sort, by the low
 * half of the number, then the high), so that each deal's stay in the
 * order of the file.
 */
static void
write_sorted(struct store *s, ledger_month m, uint64_t stamp, const char *v, size_t n)
{
	struct sorted_head sh = { stamp, n };
	struct dealindex_at *a = xcalloc(n + 1, sizeof *a), *b = xcalloc(n + 1, sizeof *b), *t;
	size_t *count = xcalloc(65536, sizeof *count), i, sum, c;
	struct buf out = BUF_INIT;
	char path[64];
	int pass, shift;

	memcpy(a, v, n * sizeof *a);
	for (pass = 0; pass < 2; pass++) {
		shift = pass * 16;
		memset(count, 0, 65536 * sizeof *count);
		for (i = 0; i < n; i++)
			count[a[i].deal >> shift & 0xffff]++;
		for (i = 0, sum = 0; i < 65536; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			b[count[a[i].deal >> shift & 0xffff]++] = a[i];
		t = a, a = b, b = t;
	}
	buf_add(&out, &sh, sizeof sh);
	buf_add(&out, a, n * sizeof *a);
	dealindex_fences(&out, a, n);
	sorted_path(path, sizeof path, m);
	store_replace_cache(s, path, out.data, out.len);
	buf_free(&out);
	free(count);
	free(a);
	free(b);
}

/* A month's rows file anew, with a new stamp, then its sorted file: rows
 * holds its records after room for the head. */
static void
write_rows(struct store *s, const struct ledgerstat *ms, struct buf *rows)
{
	struct rows_head rh = { (uint64_t)ms->size,
	    (rows->len - sizeof rh) / sizeof(struct dealindex_at), new_stamp() };
	char path[64];

	memcpy(rows->data, &rh, sizeof rh);
	rows_path(path, sizeof path, ms->m);
	store_replace_data(s, path, rows->data, rows->len);
	write_sorted(s, ms->m, rh.stamp, rows->data + sizeof rh, (size_t)rh.count);
}

/* The sorted file of month m sorted anew when the records of the rows
 * file rfd (rh: its head, as now on disk) after those it sorts pass a
 * sixteenth of them all (and SORT_MIN). */
static void
resort_rows(struct store *s, ledger_month m, int rfd, const struct rows_head *rh)
{
	const char *data = NULL;
	size_t len, ns = 0;
	long long size;
	char path[64];
	int fd;

	if ((fd = sorted_open(s, m, rh->stamp, rh->count, &ns, &size)) >= 0)
		close(fd);
	if (rh->count - ns <= SORT_MIN || rh->count - ns <= rh->count / 16)
		return;
	if (!(data = map_file(rfd, sizeof *rh + rh->count * sizeof(struct dealindex_at), &len))) {
		rows_path(path, sizeof path, m);
		die_errno("%s", path);
	}
	write_sorted(s, m, rh->stamp, data + sizeof *rh, (size_t)rh->count);
	unmap_file(data, len);
}

/* Room for a rows file's head at the start of an empty b. */
static void
rows_start(struct buf *b)
{
	static const struct rows_head zero;

	buf_reset(b);
	buf_add(b, &zero, sizeof zero);
}

/* Remove the file of path's (rows_path(), sorted_path()), whose names
 * start with prefix, of every month not among the n of v. */
static void
prune_months(struct store *s, const struct ledgerstat *v, size_t n, const char *prefix,
	     void (*path_of)(char *, size_t, ledger_month))
{
	char (*gone)[64] = NULL, path[64];
	size_t ngone = 0, i;
	struct dirent *d;
	DIR *dir;

	if (!(dir = store_opendir(s, "cache")))
		return;
	while ((d = readdir(dir))) {
		if (strncmp(d->d_name, prefix, strlen(prefix)) != 0 ||
		    strlen(d->d_name) >= sizeof path)
			continue;
		for (i = 0; i < n; i++) {
			path_of(path, sizeof path, v[i].m);
			if (strcmp(path + strlen("cache/"), d->d_name) == 0)
				break;
		}
		if (i == n) {
			gone = xreallocarray(gone, ngone + 1, sizeof *gone);
			memcpy(gone[ngone++], d->d_name, strlen(d->d_name) + 1);
		}
	}
	closedir(dir);
	for (i = 0; i < ngone; i++)
		store_prune(s, "cache", gone[i], NULL);
	free(gone);
}

/* The head for the months v: old (NULL: none) gives the edges of the
 * months that are as they were. */
static void
write_head(struct store *s, size_t max, const struct head *reps, const struct ledgerstat *v,
	   size_t n, const struct head *old)
{
	struct buf b = BUF_INIT;
	char path[64];

	buf_adds(&b, HEAD_FORMAT);
	buf_printf(&b, "max\t%zu\nreps\t%zu\nsorted\t%zu\ngeneration\t%u\n", max, reps->reps,
	    reps->sorted, reps->gen);
	ledgerstat_write(&b, s, "deals", v, n, old ? old->v : NULL, old ? old->n : 0);
	/*
	 * Its directory is not fsynced: if a crash loses this rename, the
	 * previous head comes back, whole (each head's content is fsynced
	 * before its rename), and it is still true, if out of date.  When the
	 * ledger has changed since it was written (the appends of the commit
	 * this sync follows, durable before the sync began), its month sizes
	 * and times are not the ledger's, so it is not current and nothing
	 * reads the index by it, and the next sync catches up from those
	 * sizes, writing again, in place, the entries this one wrote.  When
	 * the ledger has not changed (an index built anew because an entry
	 * was doubted), the new index file was put in place durably before
	 * this head, and is as true of that ledger.  Entries written in place
	 * are fsynced before the head, so no head covers one not on disk.
	 */
	store_replace_cache(s, DEALINDEX_HEAD, b.data, b.len);
	buf_free(&b);
	/* the other generations' rep lines (a sync killed after writing the
	 * next one may have left it) */
	reps_path(path, sizeof path, reps->gen);
	store_prune(s, "cache", "deal-reps", path + strlen("cache/"));
}

/* The rep lines of a build, sorted in a thread while the last month's
 * rows files are written: a load of a million deals has a million. */
struct reps_job {
	struct buf *sorted;
	const struct buf *reps;
};

static void *
sort_reps(void *arg)
{
	struct reps_job *j = arg;

	dealindex_reps_sort(j->sorted, "", 0, j->reps->data, j->reps->len);
	return NULL;
}

static void
build(struct store *s, const struct ledgerstat *now, size_t n, unsigned gen)
{
	struct entries e = { .fd = -1 };
	struct buf reps = BUF_INIT, sorted = BUF_INIT, rows = BUF_INIT;
	struct reps_job job = { &sorted, &reps };
	struct head rh = { .gen = gen };
	long long bytes = 0;
	pthread_t sorter;
	int threaded = 0;
	char path[64];
	size_t i;

	for (i = 0; i < n; i++)
		bytes += now[i].size;
	/* Deal numbers come from ids.tsv, one after another; a few rows can
	 * name a far number by hand, not a hundred million. */
	e.max_gap = (size_t)(bytes / 16) + 4096;
	for (i = 0; i < n; i++) {
		rows_start(&rows);
		index_rows(s, &now[i], 0, 2, &e, i + 1 == n ? &reps : NULL, &rows);
		if (i + 1 == n)
			threaded = pthread_create(&sorter, NULL, sort_reps, &job) == 0;
		write_rows(s, &now[i], &rows);
	}
	prune_months(s, now, n, ROWS_PREFIX, rows_path);
	prune_months(s, now, n, SORTED_PREFIX, sorted_path);
	if (!e.cap)
		e.v = xcalloc(1, sizeof *e.v);
	if (!threaded)
		sort_reps(&job);
	else if ((errno = pthread_join(sorter, NULL)))
		die_errno("%s", DEALINDEX_REPS);
	reps_path(path, sizeof path, gen);
	store_replace_data(s, path, sorted.data ? sorted.data : "", sorted.len);
	store_replace_data(s, DEALINDEX_FILE, (const char *)e.v,
	    (e.max + 1) * sizeof *e.v);
	rh.reps = rh.sorted = sorted.len;
	write_head(s, e.max, &rh, now, n, NULL);
	buf_free(&reps);
	buf_free(&sorted);
	buf_free(&rows);
	free(e.v);
}

/*
 * The rep lines sorted anew, when those after the sorted ones would be
 * more than a sixteenth of them all (and RESORT_MIN bytes): the first at
 * bytes of rfd, of which rh->sorted are sorted, and add, merged into the
 * next generation's file; rh then says what it holds.  0 when it did so,
 * -1 when it is not yet time.
 */
static int
resort_reps(struct store *s, int rfd, size_t at, const struct buf *add, struct head *rh)
{
	size_t unsorted = at - rh->sorted + add->len, len = 0;
	struct buf tail = BUF_INIT, out = BUF_INIT;
	const char *data = NULL;
	char path[64];

	if (unsorted <= RESORT_MIN || unsorted <= (at + add->len) / 16)
		return -1;
	if (at && !(data = map_file(rfd, at, &len)))
		die_errno("%s", DEALINDEX_REPS);
	if (at)
		buf_add(&tail, data + rh->sorted, at - rh->sorted);
	if (add->len)
		buf_add(&tail, add->data, add->len);
	dealindex_reps_sort(&out, data, rh->sorted, tail.data, tail.len);
	unmap_file(data, len);
	rh->gen++;
	reps_path(path, sizeof path, rh->gen);
	store_replace_data(s, path, out.data, out.len);
	rh->reps = rh->sorted = out.len;
	buf_free(&tail);
	buf_free(&out);
	return 0;
}

/*
 * Whether the rows file of month m, of a month file of size bytes, holds
 * the first of the records rows[0 .. len) holds, in the same order, but
 * for their byte offsets: the rows of a month file rewritten with a
 * column added to its header (which adds a tab to every row), then the
 * rows appended with it, are the rows it had, of the same deals, so no
 * deal's entry can name that month without a row of it.
 */
static int
same_rows(struct store *s, ledger_month m, long long size, const char *rows, size_t len)
{
	const struct dealindex_at *a = (const void *)rows, *b;
	const char *data = NULL;
	struct rows_head rh;
	size_t n = len / sizeof *a, i, mlen = 0;
	char path[64];
	int fd, same;

	rows_path(path, sizeof path, m);
	if ((fd = store_open_cache(s, path)) < 0)
		return 0;
	same = ledgerstat_pread(fd, &rh, sizeof rh, 0) == 0 && rh.size == (uint64_t)size &&
	    rh.count <= n && (!(n = rh.count) ||
	    (data = map_file(fd, sizeof rh + n * sizeof *a, &mlen)));
	close(fd);
	b = data ? (const void *)(data + sizeof rh) : NULL;
	for (i = 0; same && i < n; i++)
		same = a[i].deal == b[i].deal && a[i].line == b[i].line;
	unmap_file(data, mlen);
	return same;
}

/*
 * Catch up with the rows added since the head, and with one month file
 * rewritten since (ledgerstat_grown_but()) whose rows are the same
 * (same_rows()), read again whole; -1 if it cannot.
 */
static int
catch_up(struct store *s, const struct head *h, const struct ledgerstat *now, size_t n)
{
	struct entries e = { .fd = -1, .max = h->max };
	long long added = 0, total = 0, was = 0, *from = xcalloc(n ? n : 1, sizeof *from);
	struct buf reps = BUF_INIT, *rows = xcalloc(n ? n : 1, sizeof *rows);
	struct rows_head *rhs = xcalloc(n ? n : 1, sizeof *rhs);
	int *rowfd = xcalloc(n ? n : 1, sizeof *rowfd);
	struct head rh = { .gen = h->gen };
	size_t i, at, redo;
	struct stat st;
	char path[64];
	int fd = -1, rfd = -1, ok = 0;

	for (i = 0; i < n; i++)
		rowfd[i] = -1;
	if (ledgerstat_grown_but(s, "deals", h->v, h->n, now, n, from, &was, &redo) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		added += now[i].size - from[i];
		total += now[i].size;
	}
	/* What is read again against what a build would read */
	if ((added > (long long)CATCH_UP_MAX && added > total / 8) ||
	    (fd = store_open_cache(s, DEALINDEX_FILE)) < 0 || fstat(fd, &st) < 0 ||
	    (unsigned long long)st.st_size < (h->max + 1) * sizeof(uint64_t))
		goto out;
	/* The rep lines: the last month's go on where they end, a new or
	 * rewritten last month's from the start. */
	at = n && h->n && h->v[h->n - 1].m == now[n - 1].m && redo + 1 != n ? h->reps : 0;
	reps_path(path, sizeof path, h->gen);
	if ((rfd = store_open_cache(s, path)) < 0 || fstat(rfd, &st) < 0 ||
	    (size_t)st.st_size < at)
		goto out;
	/* The rows files of the months that grew: each as the head says,
	 * before anything is written. */
	for (i = 0; i < n; i++) {
		if (from[i] == 0 || from[i] >= now[i].size)
			continue;
		rows_path(path, sizeof path, now[i].m);
		if ((rowfd[i] = store_open_cache(s, path)) < 0 ||
		    ledgerstat_pread(rowfd[i], &rhs[i], sizeof rhs[i], 0) < 0 ||
		    rhs[i].size != (uint64_t)from[i])
			goto out;
	}
	e.fd = fd;
	e.max_gap = h->max + (size_t)(added / 16) + 4096;	/* as build()'s */
	for (i = 0; i < n; i++) {
		if (from[i] >= now[i].size)
			continue;
		if (rowfd[i] < 0)
			rows_start(&rows[i]);
		index_rows(s, &now[i], from[i], rowfd[i] < 0 ? 2 : rhs[i].count + 2, &e,
		    i + 1 == n ? &reps : NULL, &rows[i]);
	}
	/* The entries written so far are read by no one: the head, not yet
	 * written, does not match the ledger, and a build replaces them. */
	if (redo < n && !same_rows(s, now[redo].m, was, rows[redo].data + sizeof(struct rows_head),
	    rows[redo].len - sizeof(struct rows_head)))
		goto out;
	/* The rows: a new month's file anew; the others' records where they
	 * end, then their head, both in one fsync: the index's head, written
	 * after it, is what makes them believed (a rows head ahead of it, or
	 * behind it, is not: dealindex_rows_of(), and the next catch-up
	 * builds anew). */
	for (i = 0; i < n; i++) {
		if (from[i] >= now[i].size)
			continue;
		if (rowfd[i] < 0) {
			write_rows(s, &now[i], &rows[i]);
			continue;
		}
		rows_path(path, sizeof path, now[i].m);
		if (rows[i].len && pwrite_all(rowfd[i], rows[i].data, rows[i].len,
		    (off_t)(sizeof rhs[i] + rhs[i].count * sizeof(struct dealindex_at))) < 0)
			die_errno("%s", path);
		rhs[i].size = (uint64_t)now[i].size;
		rhs[i].count += rows[i].len / sizeof(struct dealindex_at);
		if (pwrite_all(rowfd[i], (const char *)&rhs[i], sizeof rhs[i], 0) < 0 ||
		    fsync(rowfd[i]) < 0)
			die_errno("%s", path);
		resort_rows(s, now[i].m, rowfd[i], &rhs[i]);
	}
	rh.sorted = at ? h->sorted : 0;
	if (resort_reps(s, rfd, at, &reps, &rh) < 0) {
		/* the new lines where the last month's end */
		if ((reps.len && pwrite_all(rfd, reps.data, reps.len, (off_t)at) < 0) ||
		    ((size_t)st.st_size > at + reps.len &&
		    ftruncate(rfd, (off_t)(at + reps.len)) < 0) || fsync(rfd) < 0)
			die_errno("%s", path);
		rh.reps = at + reps.len;
	}
	window_flush(&e);
	if (fsync(fd) < 0)
		die_errno("%s", DEALINDEX_FILE);
	write_head(s, e.max, &rh, now, n, h);
	ok = 1;
out:
	if (fd >= 0)
		close(fd);
	if (rfd >= 0)
		close(rfd);
	for (i = 0; i < n; i++) {
		if (rowfd[i] >= 0)
			close(rowfd[i]);
		buf_free(&rows[i]);
	}
	free(rowfd);
	free(rows);
	free(rhs);
	buf_free(&reps);
	free(from);
	return ok ? 0 : -1;
}

void
dealindex_sync(struct store *s)
{
	struct ledgerstat *now;
	size_t n = ledgerstat_now(s, "deals", &now);
	struct head h;
	unsigned gen = 1;	/* of the rep lines built anew: the head's next */
	int same;

	if (read_head(s, &h) == 0) {
		gen = h.gen + 1;
		same = !doubted && ledgerstat_same(now, n, h.v, h.n);
		if (!doubted && !same && catch_up(s, &h, now, n) == 0)
			same = 1;
		free(h.v);
		if (same && store_size(s, DEALINDEX_FILE) >= (off_t)((h.max + 1) * sizeof(uint64_t))) {
			free(now);
			return;
		}
	}
	build(s, now, n, gen);
	free(now);
}
