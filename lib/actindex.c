#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actindex.h"
#include "buf.h"
#include "err.h"
#include "id.h"
#include "intern.h"
#include "ledgerstat.h"
#include "scan.h"
#include "xalloc.h"

#define HEAD_FORMAT "act-index\t1\n"
#define REPS_FORMAT "act-reps\t%016llx\n"
/* Beyond this many bytes added since the head, building anew is cheaper. */
#define CATCH_UP_MAX (16u << 20)
#define PAGE_ENTRIES 1024
#define SPAN_MIN 64		/* deals asked for, at least ... */
#define SPAN_DENSITY 64		/* ... and one per this many entries: one read */

struct head {
	size_t max;
	long latest;		/* a date_t; ACTINDEX_NONE: no activity */
	struct ledgerstat *v;
	size_t n;
	unsigned long long hash;	/* of the head's text: act-reps's first line */
};

static unsigned long long
text_hash(const char *p, size_t n)
{
	return intern_hash(INTERN_HASH_SEED, p, n);
}

/* The head, if it is there and whole: 0, else -1. */
static int
read_head(struct store *s, struct head *h)
{
	int ok = 0, used;
	const char *p;
	char *data;
	size_t len;

	memset(h, 0, sizeof *h);
	if ((p = ledgerstat_head(s, ACTINDEX_HEAD, HEAD_FORMAT, &data, &len)) &&
	    sscanf(p, "max\t%zu\nlatest\t%ld\n%n", &h->max, &h->latest, &used) == 2 &&
	    (p = ledgerstat_read(p + used, &h->v, &h->n)))
		ok = *p == '\0';
	if (data)
		h->hash = text_hash(data, len);
	free(data);
	if (!ok) {
		free(h->v);
		memset(h, 0, sizeof *h);
	}
	return ok ? 0 : -1;
}

/* The head, when the ledger is exactly as it says and has nothing dated
 * after today: 0, else -1. */
static int
usable_head(struct store *s, date_t today, struct head *h)
{
	int ok;

	if (read_head(s, h) < 0)
		return -1;
	ok = h->latest <= today && ledgerstat_current(s, "activities", h->v, h->n);
	free(h->v);
	h->v = NULL;
	return ok ? 0 : -1;
}

/* Entries lo .. lo + n - 1 into v: 0, or -1 when the file is shorter. */
static int
read_entries(int fd, size_t lo, size_t n, uint32_t *v)
{
	return ledgerstat_pread(fd, v, n * sizeof *v, (long long)(lo * sizeof *v));
}

int
actindex_latest(struct store *s, date_t today, const size_t *k, size_t n, date_t *out)
{
	struct head h;
	uint32_t page[PAGE_ENTRIES], *v = page;
	size_t i, lo = SIZE_MAX, hi = 0, vlo = 1, vn = 0, nv;
	struct stat st;
	int fd = -1, ok = 0;

	if (usable_head(s, today, &h) < 0 || (fd = store_open_read(s, ACTINDEX_FILE)) < 0 ||
	    fstat(fd, &st) < 0 || (unsigned long long)st.st_size < (h.max + 1) * sizeof *v)
		goto out;
	for (i = 0; i < n; i++)
		if (k[i] && k[i] <= h.max) {
			lo = k[i] < lo ? k[i] : lo;
			hi = k[i] > hi ? k[i] : hi;
		}
	/* Many deals close together: their span at once; else a page each. */
	if (n >= SPAN_MIN && lo <= hi && (hi - lo) / SPAN_DENSITY <= n) {
		v = xcalloc(hi - lo + 1, sizeof *v);
		if (read_entries(fd, lo, hi - lo + 1, v) < 0)
			goto out;
		vlo = lo;
		vn = hi - lo + 1;
	}
	for (i = 0; i < n; i++) {
		out[i] = ACTINDEX_NONE;
		if (!k[i] || k[i] > h.max)
			continue;
		if (k[i] - vlo >= vn) {
			if (v != page)
				free(v);	/* (the span holds every k: not met) */
			v = page;
			vlo = k[i] - k[i] % PAGE_ENTRIES;
			nv = h.max + 1 - vlo < PAGE_ENTRIES ? h.max + 1 - vlo : PAGE_ENTRIES;
			if (read_entries(fd, vlo, nv, v) < 0)
				goto out;
			vn = nv;
		}
		if (v[k[i] - vlo] == 0)
			continue;
		out[i] = (date_t)((long)v[k[i] - vlo] + DATE_MIN - 1);
		if (out[i] > h.latest)
			goto out;	/* an entry that lies */
	}
	ok = 1;
out:
	if (fd >= 0)
		close(fd);
	if (v != page)
		free(v);
	return ok ? 0 : -1;
}

/* "YYYY-MM\tCOUNT\n" at p (before end) into *m and *c; the next line, or
 * NULL. */
static const char *
count_line(const char *p, const char *end, ledger_month *m, int64_t *c)
{
	int month;
	const char *q;

	if (end - p < 9 || p[7] != '\t' || (month = date_parse_month(p, 7)) < 0)
		return NULL;
	*m = month;
	for (*c = 0, q = p + 8; q < end && *q >= '0' && *q <= '9'; q++) {
		if (*c > (INT64_MAX - 9) / 10)
			return NULL;
		*c = *c * 10 + (*q - '0');
	}
	return q > p + 8 && q < end && *q == '\n' ? q + 1 : NULL;
}

/* act-reps mapped (its pages read as they are touched), when it goes
 * with h (its first line names h's hash) and ends in LF: its lines after
 * the first in [*body, *data + *len); else NULL.  unmap_file() lets it go. */
static const char *
reps_of(struct store *s, const struct head *h, const char **body, size_t *len)
{
	char line[40];
	const char *data;
	size_t n = (size_t)snprintf(line, sizeof line, REPS_FORMAT, h->hash);
	int fd = store_open_read(s, ACTINDEX_REPS);

	if (fd < 0)
		return NULL;
	data = map_file_sparse(fd, n, len);
	close(fd);
	if (data && (memcmp(data, line, n) != 0 || data[*len - 1] != '\n')) {
		unmap_file(data, *len);
		data = NULL;
	}
	*body = data ? data + n : NULL;
	return data;
}

int
actindex_counts(struct store *s, date_t today, const char *rep, ledger_month first, size_t n,
		int64_t *count)
{
	struct head h;
	const char *data = NULL, *body, *end, *p, *q;
	size_t len = 0, rlen = strlen(rep), i;
	ledger_month m;
	int64_t c;
	int ok = 0;

	for (i = 0; i < n; i++)
		count[i] = 0;
	if (usable_head(s, today, &h) < 0 || !(data = reps_of(s, &h, &body, &len)))
		goto out;
	end = data + len;
	/* The rep's lines, one after another (sorted by rep). */
	for (p = body; (q = scan_find(p, (size_t)(end - p), rep, rlen)); p = q + rlen)
		if (q[-1] == '\n' && q + rlen < end && q[rlen] == '\t')
			break;
	for (p = q; q && p + rlen < end && memcmp(p, rep, rlen) == 0 && p[rlen] == '\t'; p = q) {
		if (!(q = count_line(p + rlen + 1, end, &m, &c)))
			goto out;
		if (m >= first && (size_t)(m - first) < n)
			count[m - first] = c;
	}
	ok = 1;
out:
	for (i = 0; !ok && i < n; i++)
		count[i] = 0;	/* nothing half told */
	unmap_file(data, len);
	return ok ? 0 : -1;
}

/* A rep's counts of the months lo .. lo + n - 1. */
struct rep_months {
	ledger_month lo;
	size_t n;
	int64_t *c;
};

/* What a sync gathers from the rows it reads. */
struct gather {
	struct intern *reps;
	struct rep_months *rm;
	size_t nrm;
	int catching_up;	/* else building */
	uint32_t *v;		/* building: every entry */
	size_t cap;
	size_t (*pairs)[2];	/* catching up: (deal number, entry) of each row */
	size_t npairs, pcap;
	size_t max, max_gap;
	long latest;
};

static void
count_add(struct gather *g, const char *rep, size_t len, ledger_month m, int64_t by)
{
	size_t r = intern_add(g->reps, rep, len), n, i;
	struct rep_months *x;
	ledger_month lo;

	if (r >= g->nrm) {
		g->rm = xreallocarray(g->rm, r + 1, sizeof *g->rm);
		memset(g->rm + g->nrm, 0, (r + 1 - g->nrm) * sizeof *g->rm);
		g->nrm = r + 1;
	}
	x = &g->rm[r];
	if (!x->n || m < x->lo || (size_t)(m - x->lo) >= x->n) {
		lo = !x->n || m < x->lo ? m : x->lo;
		n = !x->n ? 1 : (size_t)((m > x->lo + (ledger_month)x->n - 1 ?
		    m : x->lo + (ledger_month)x->n - 1) - lo) + 1;
		x->c = xreallocarray(x->c, n, sizeof *x->c);
		/* the old counts move up by x->lo - lo */
		if (x->n)
			memmove(x->c + (x->lo - lo), x->c, x->n * sizeof *x->c);
		for (i = 0; i < n; i++)
			if (!x->n || (ledger_month)i + lo < x->lo ||
			    (ledger_month)i + lo >= x->lo + (ledger_month)x->n)
				x->c[i] = 0;
		x->lo = lo;
		x->n = n;
	}
	x->c[m - x->lo] += by;
}

/* ledgerstat_rows()'s callback: date, rep, deal. */
static void
gather_row(void *arg, const struct ledgerstat_row *row)
{
	struct gather *g = arg;
	char day[DATE_BUFSZ];
	date_t d;
	size_t k, cap;
	uint32_t e;

	if (!row->f[0] || row->len[0] >= sizeof day)
		die("%s: a bad date", row->path);
	memcpy(day, row->f[0], row->len[0]);
	day[row->len[0]] = '\0';
	if (date_parse(day, &d) < 0)
		die("%s: a bad date", row->path);
	if (!row->f[1])
		die("%s: a rep that is not plain", row->path);
	if (row->len[1])
		count_add(g, row->f[1], row->len[1], ledger_month_of(d), 1);
	if (d > g->latest)
		g->latest = d;
	if (!row->f[2] || !(k = deal_number(row->f[2], row->len[2])))
		return;
	if (k > g->max_gap)
		die("deal numbers too sparse for an index");
	if (k > g->max)
		g->max = k;
	e = (uint32_t)((long)d - DATE_MIN + 1);
	if (!g->catching_up) {
		if (k >= g->cap) {
			cap = g->cap ? g->cap : 1024;
			while (cap <= k)
				cap *= 2;
			g->v = xreallocarray(g->v, cap, sizeof *g->v);
			memset(g->v + g->cap, 0, (cap - g->cap) * sizeof *g->v);
			g->cap = cap;
		}
		if (e > g->v[k])
			g->v[k] = e;
		return;
	}
	if (g->npairs == g->pcap) {
		g->pcap = g->pcap ? g->pcap * 2 : 64;
		g->pairs = xreallocarray(g->pairs, g->pcap, sizeof *g->pairs);
	}
	g->pairs[g->npairs][0] = k;
	g->pairs[g->npairs++][1] = e;
}

static void
gather_rows(struct store *s, struct gather *g, const struct ledgerstat *ms, long long from)
{
	static const char *const cols[] = { "date", "rep", "?deal" };

	ledgerstat_rows(s, "activities", ms, from, cols, 3, gather_row, g);
}

/* By name, for act-reps. */
static const struct intern *sort_reps;

static int
by_name(const void *a, const void *b)
{
	return strcmp(intern_name(sort_reps, *(const size_t *)a),
	    intern_name(sort_reps, *(const size_t *)b));
}

/* The order of g's reps by name, as act-reps is sorted (free it). */
static size_t *
by_names(const struct gather *g)
{
	size_t i, *order = xcalloc(g->nrm ? g->nrm : 1, sizeof *order);

	for (i = 0; i < g->nrm; i++)
		order[i] = i;
	sort_reps = g->reps;
	qsort(order, g->nrm, sizeof *order, by_name);
	return order;
}

static void
count_out(struct buf *b, const char *rep, ledger_month m, int64_t c)
{
	buf_printf(b, "%s\t%04d-%02d\t%lld\n", rep, m / 12, m % 12 + 1, (long long)c);
}

/* The head's text for max, latest and the months now. */
static void
head_text(struct buf *head, struct store *s, const struct gather *g,
	  const struct ledgerstat *now, size_t n, const struct head *old)
{
	buf_adds(head, HEAD_FORMAT);
	buf_printf(head, "max\t%zu\nlatest\t%ld\n", g->max, g->latest);
	ledgerstat_write(head, s, "activities", now, n, old ? old->v : NULL, old ? old->n : 0);
}

/* act-reps for head, of g's counts of the whole ledger. */
static void
reps_text(struct buf *reps, const struct buf *head, const struct gather *g)
{
	size_t i, j, *order = by_names(g);
	const struct rep_months *x;

	buf_printf(reps, REPS_FORMAT, text_hash(head->data, head->len));
	for (i = 0; i < g->nrm; i++)
		for (x = &g->rm[order[i]], j = 0; j < x->n; j++)
			if (x->c[j])
				count_out(reps, intern_name(g->reps, order[i]), x->lo +
				    (ledger_month)j, x->c[j]);
	free(order);
}

/* Rep a (na bytes) in month ma against rep b in month mb, as act-reps
 * orders its lines: by rep (strcmp()'s order), then month. */
static int
key_cmp(const char *a, size_t na, ledger_month ma, const char *b, size_t nb, ledger_month mb)
{
	int c = memcmp(a, b, na < nb ? na : nb);

	if (c == 0)
		c = (na > nb) - (na < nb);
	return c ? c : (ma > mb) - (ma < mb);
}

/*
 * act-reps for head when catching up: the lines of the old one (body to
 * end) as they are, g's counts (of the rows added) added to the lines of
 * their rep and month, or put in between as new lines.  Only the lines
 * that change are made anew, so a write costs a copy of the file, not a
 * sort and a print of every line.  0, or -1 when a line of the old one
 * is not one, or out of order, or a count overflows: then it is built
 * anew.
 */
static int
reps_merged(struct buf *reps, const struct buf *head, const struct gather *g, const char *body,
	    const char *end)
{
	const char *p = body, *t, *q, *copied = body, *name = NULL, *prev = NULL;
	size_t i = 0, j = 0, len = 0, plen = 0, *order = by_names(g);
	const struct rep_months *x = g->nrm ? &g->rm[order[0]] : NULL;
	ledger_month m, pm = 0, dm = 0;
	int64_t c;
	int cmp, ok = 0;

	buf_printf(reps, REPS_FORMAT, text_hash(head->data, head->len));
	for (;;) {
		/* the next count added, (rep i of order, month dm), if any */
		while (x && (j == x->n || !x->c[j])) {
			if (j < x->n) {
				j++;
				continue;
			}
			x = ++i < g->nrm ? &g->rm[order[i]] : NULL;
			j = 0;
		}
		if (x) {
			name = intern_name(g->reps, order[i]);
			len = strlen(name);
			dm = x->lo + (ledger_month)j;
		}
		if (p == end) {
			if (!x)
				break;
			cmp = -1;
		} else {
			if (!(t = memchr(p, '\t', (size_t)(end - p))) || t == p ||
			    !(q = count_line(t + 1, end, &m, &c)))
				goto out;
			if (prev && key_cmp(prev, plen, pm, p, (size_t)(t - p), m) >= 0)
				goto out;
			prev = p;
			plen = (size_t)(t - p);
			pm = m;
			cmp = x ? key_cmp(name, len, dm, p, (size_t)(t - p), m) : 1;
		}
		if (cmp > 0) {		/* the old line, as it is */
			p = q;
			continue;
		}
		buf_add(reps, copied, (size_t)(p - copied));
		if (cmp == 0) {		/* the old line's count, and the rows' */
			if (c > INT64_MAX - x->c[j])
				goto out;
			count_out(reps, name, dm, c + x->c[j]);
			copied = p = q;
		} else {		/* a new line, before the old one */
			count_out(reps, name, dm, x->c[j]);
			copied = p;
			prev = NULL;	/* p is read again */
		}
		j++;
	}
	buf_add(reps, copied, (size_t)(end - copied));
	ok = 1;
out:
	free(order);
	return ok ? 0 : -1;
}

/*
 * act-reps, then the head, each fsynced before its rename, and the
 * directory after the head's.  A crash between the two renames leaves an
 * act-reps that goes with no head there is, and so is not believed; the
 * old head is still true of the ledger it names.
 */
static void
write_files(struct store *s, const struct buf *head, const struct buf *reps)
{
	store_replace_cache(s, ACTINDEX_REPS, reps->data, reps->len);
	store_replace_data(s, ACTINDEX_HEAD, head->data, head->len);
}

static void
gather_free(struct gather *g)
{
	size_t i;

	for (i = 0; i < g->nrm; i++)
		free(g->rm[i].c);
	free(g->rm);
	free(g->v);
	free(g->pairs);
	intern_free(g->reps);
}

static void
build(struct store *s, const struct ledgerstat *now, size_t n)
{
	struct gather g = { .reps = intern_new(), .latest = ACTINDEX_NONE };
	struct buf head = BUF_INIT, reps = BUF_INIT;
	long long bytes = 0;
	size_t i;

	for (i = 0; i < n; i++)
		bytes += now[i].size;
	/* Deal numbers come one after another; a few rows can name a far
	 * number by hand, not a hundred million. */
	g.max_gap = (size_t)(bytes / 16) + 4096;
	for (i = 0; i < n; i++)
		gather_rows(s, &g, &now[i], 0);
	if (!g.cap)
		g.v = xcalloc(1, sizeof *g.v);
	store_replace_data(s, ACTINDEX_FILE, (const char *)g.v, (g.max + 1) * sizeof *g.v);
	head_text(&head, s, &g, now, n, NULL);
	reps_text(&reps, &head, &g);
	write_files(s, &head, &reps);
	buf_free(&head);
	buf_free(&reps);
	gather_free(&g);
}

static int
by_deal(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

/* The entries of the pairs raised in place, a page at a time: 0, or -1. */
static int
raise_entries(int fd, struct gather *g)
{
	uint32_t page[PAGE_ENTRIES];
	size_t i = 0, lo, top;
	ssize_t got;

	if (g->npairs)
		qsort(g->pairs, g->npairs, sizeof *g->pairs, by_deal);
	while (i < g->npairs) {
		lo = g->pairs[i][0] - g->pairs[i][0] % PAGE_ENTRIES;
		if ((got = pread(fd, page, sizeof page, (off_t)(lo * sizeof *page))) < 0)
			return -1;
		/* past the end of the file: no entry yet */
		memset((char *)page + got, 0, sizeof page - (size_t)got);
		for (top = 0; i < g->npairs && g->pairs[i][0] - lo < PAGE_ENTRIES; i++) {
			if (g->pairs[i][1] > page[g->pairs[i][0] - lo])
				page[g->pairs[i][0] - lo] = (uint32_t)g->pairs[i][1];
			top = g->pairs[i][0] - lo + 1;
		}
		if ((size_t)got > top * sizeof *page)
			top = (size_t)got / sizeof *page;
		if (pwrite(fd, page, top * sizeof *page, (off_t)(lo * sizeof *page)) !=
		    (ssize_t)(top * sizeof *page))
			return -1;
	}
	return 0;
}

/*
 * Catch up with the rows added since the head h: their counts merged into
 * act-reps as it is, their entries raised; -1 if it cannot.
 */
static int
catch_up(struct store *s, const struct head *h, const struct ledgerstat *now, size_t n)
{
	struct gather g = { .reps = intern_new(), .max = h->max, .latest = h->latest };
	struct buf head = BUF_INIT, reps = BUF_INIT;
	long long added = 0, *from = xcalloc(n ? n : 1, sizeof *from);
	const char *data = NULL, *body;
	size_t i, len = 0;
	struct stat st;
	int fd = -1, ok = 0;

	if (ledgerstat_grown(s, "activities", h->v, h->n, now, n, from) < 0)
		goto out;
	for (i = 0; i < n; i++)
		added += now[i].size - from[i];
	if (added > (long long)CATCH_UP_MAX || !(data = reps_of(s, h, &body, &len)) ||
	    (fd = store_open_cache(s, ACTINDEX_FILE)) < 0 || fstat(fd, &st) < 0 ||
	    (unsigned long long)st.st_size < (h->max + 1) * sizeof(uint32_t))
		goto out;
	g.catching_up = 1;
	g.max_gap = h->max + (size_t)(added / 16) + 4096;	/* as build()'s */
	for (i = 0; i < n; i++)
		if (from[i] < now[i].size)
			gather_rows(s, &g, &now[i], from[i]);
	head_text(&head, s, &g, now, n, h);
	if (reps_merged(&reps, &head, &g, body, data + len) < 0)
		goto out;
	if (raise_entries(fd, &g) < 0 || fsync(fd) < 0)
		die_errno("%s", ACTINDEX_FILE);
	write_files(s, &head, &reps);
	ok = 1;
out:
	if (data)
		unmap_file(data, len);
	if (fd >= 0)
		close(fd);
	buf_free(&head);
	buf_free(&reps);
	gather_free(&g);
	free(from);
	return ok ? 0 : -1;
}

void
actindex_sync(struct store *s)
{
	struct ledgerstat *now;
	size_t n = ledgerstat_now(s, "activities", &now);
	struct head h;
	const char *data, *body;
	size_t len;
	int same = 0;

	if (read_head(s, &h) == 0) {
		if ((data = reps_of(s, &h, &body, &len))) {
			unmap_file(data, len);
			same = ledgerstat_same(now, n, h.v, h.n) && store_size(s, ACTINDEX_FILE) >=
			    (off_t)((h.max + 1) * sizeof(uint32_t));
		}
		if (!same && catch_up(s, &h, now, n) == 0)
			same = 1;
		free(h.v);
	}
	if (!same)
		build(s, now, n);
	free(now);
}

void
actindex_background(struct store *s)
{
	if (store_fork_background(s) == 0) {
		actindex_sync(s);
		store_background_exit(s);
	}
}
