#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "intern.h"
#include "ledgerstat.h"
#include "tsv.h"
#include "xalloc.h"

#define READ_CHUNK (1u << 20)

size_t
ledgerstat_now(struct store *s, const char *kind, struct ledgerstat **out)
{
	ledger_month *months;
	char path[LEDGER_PATHSZ];
	struct ledgerstat *v;
	struct stat st;
	size_t n = ledger_months(s, kind, DATE_MIN, DATE_MAX, &months), i;

	v = xcalloc(n ? n : 1, sizeof *v);
	for (i = 0; i < n; i++) {
		ledger_month_path(path, kind, months[i]);
		if (store_stat(s, path, &st) < 0)
			memset(&st, 0, sizeof st);
		v[i].m = months[i];
		v[i].size = st.st_size;
		v[i].sec = st.st_mtim.tv_sec;
		v[i].nsec = st.st_mtim.tv_nsec;
	}
	free(months);
	*out = v;
	return n;
}

/* The digits at p (a '-' first if sign), as a number that fits in
 * long long, in *v; the byte after them, or NULL. */
static const char *
head_number(const char *p, int sign, long long *v)
{
	unsigned long long n = 0;
	const char *start;
	int neg = sign && *p == '-';

	p += neg;
	for (start = p; *p >= '0' && *p <= '9'; p++) {
		if (n > (unsigned long long)LLONG_MAX / 10)
			return NULL;
		n = n * 10 + (unsigned)(*p - '0');
	}
	if (p == start || n > (unsigned long long)LLONG_MAX)
		return NULL;
	*v = neg ? -(long long)n : (long long)n;
	return p;
}

/* A month line exactly as ledgerstat_write() writes it into *m; the next
 * line, or NULL. */
static const char *
month_line(const char *p, struct ledgerstat *m)
{
	const char *start = p;
	long long y, mo;

	if (!(p = head_number(p, 0, &y)) || p - start != 4 || *p++ != '-' ||
	    !(p = head_number(start = p, 0, &mo)) || p - start != 2 ||
	    *p++ != '\t' || !(p = head_number(p, 1, &m->size)) || *p++ != '\t' ||
	    !(p = head_number(p, 1, &m->sec)) || *p++ != '\t' ||
	    !(p = head_number(p, 1, &m->nsec)) || *p++ != '\t')
		return NULL;
	/* the edge is unsigned: up to 20 digits */
	if (*p < '0' || *p > '9')
		return NULL;
	for (m->edge = 0; *p >= '0' && *p <= '9'; p++) {
		if (m->edge > (ULLONG_MAX - (unsigned)(*p - '0')) / 10)
			return NULL;
		m->edge = m->edge * 10 + (unsigned)(*p - '0');
	}
	if (*p++ != '\n' || mo < 1 || mo > 12)
		return NULL;
	m->m = (int)(y * 12 + mo - 1);
	return p;
}

const char *
ledgerstat_read(const char *p, struct ledgerstat **v, size_t *n)
{
	struct ledgerstat m;
	size_t cap = 0;

	*v = NULL;
	*n = 0;
	for (; strncmp(p, "end\n", 4) != 0; ) {
		if (!(p = month_line(p, &m))) {
			free(*v);
			*v = NULL;
			*n = 0;
			return NULL;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*v = xreallocarray(*v, cap, sizeof **v);
		}
		(*v)[(*n)++] = m;
	}
	return p + 4;
}

/* The same month file as far as its size and times tell (a copy that
 * kept the times is the same). */
static int
same_stat(const struct ledgerstat *a, const struct ledgerstat *b)
{
	return a->m == b->m && a->size == b->size && a->sec == b->sec && a->nsec == b->nsec;
}

int
ledgerstat_same(const struct ledgerstat *v, size_t n, const struct ledgerstat *w, size_t m)
{
	size_t i;

	if (n != m)
		return 0;
	for (i = 0; i < n; i++)
		if (!same_stat(&v[i], &w[i]))
			return 0;
	return 1;
}

int
ledgerstat_current(struct store *s, const char *kind, const struct ledgerstat *v, size_t n)
{
	struct ledgerstat *now;
	size_t m = ledgerstat_now(s, kind, &now);
	int same = ledgerstat_same(now, m, v, n);

	free(now);
	return same;
}

/*
 * What tells a month file that was only appended to from one rewritten:
 * a hash of its first and its last EDGE bytes up to size.  The first hold
 * the header, the last the latest rows (dates, ids, amounts), which a
 * rewrite or a restore of another version would not leave in place.
 */
#define EDGE 256

static unsigned long long
edge_hash(int fd, long long size)
{
	char b[2 * EDGE];
	size_t n = size < EDGE ? (size_t)size : EDGE;
	uint64_t h = INTERN_HASH_SEED;

	if (pread(fd, b, n, 0) != (ssize_t)n ||
	    pread(fd, b + n, n, (off_t)(size - (long long)n)) != (ssize_t)n)
		return 0;
	h = intern_hash(h, &size, sizeof size);
	return intern_hash(h, b, 2 * n);
}

static unsigned long long
month_edge(struct store *s, const char *kind, ledger_month m, long long size)
{
	int fd = ledger_open(s, kind, m);
	unsigned long long e = fd < 0 ? 0 : edge_hash(fd, size);

	if (fd >= 0)
		close(fd);
	return e;
}

void
ledgerstat_write(struct buf *b, struct store *s, const char *kind, const struct ledgerstat *v,
		 size_t n, const struct ledgerstat *old, size_t nold)
{
	unsigned long long edge;
	size_t i, j = 0;

	for (i = 0; i < n; i++) {
		while (j < nold && old[j].m < v[i].m)
			j++;
		if (j < nold && same_stat(&old[j], &v[i]))
			edge = old[j].edge;
		else
			edge = month_edge(s, kind, v[i].m, v[i].size);
		buf_printf(b, "%04d-%02d\t%lld\t%lld\t%lld\t%llu\n", v[i].m / 12, v[i].m % 12 + 1,
		    v[i].size, v[i].sec, v[i].nsec, edge);
	}
	buf_adds(b, "end\n");
}

int
ledgerstat_grown(struct store *s, const char *kind, const struct ledgerstat *old, size_t nold,
		 const struct ledgerstat *now, size_t n, long long *from)
{
	size_t redo;

	return ledgerstat_grown_but(s, kind, old, nold, now, n, from, NULL, &redo);
}

int
ledgerstat_grown_but(struct store *s, const char *kind, const struct ledgerstat *old,
		     size_t nold, const struct ledgerstat *now, size_t n, long long *from,
		     long long *was, size_t *redo)
{
	size_t i, j = 0;

	*redo = n;
	/* Every month of old still there, the same file, only longer; or,
	 * with was, one of them another file. */
	for (i = 0; i < n; i++) {
		from[i] = 0;
		if (j < nold && old[j].m < now[i].m)
			return -1;	/* a month of old is gone */
		if (j < nold && old[j].m == now[i].m) {
			if (now[i].size < old[j].size ||
			    (now[i].size == old[j].size && !same_stat(&now[i], &old[j]))) {
				if (!was || *redo < n)
					return -1;	/* not only longer */
				*redo = i;
				*was = old[j++].size;
				continue;
			}
			from[i] = old[j++].size;
		}
	}
	if (j < nold)
		return -1;
	/* Only appended to: what it began and ended with is still there. */
	for (i = 0, j = 0; i < n; i++) {
		while (j < nold && old[j].m < now[i].m)
			j++;
		if (from[i] && from[i] < now[i].size && (!old[j].edge ||
		    month_edge(s, kind, now[i].m, from[i]) != old[j].edge)) {
			if (!was || *redo < n)
				return -1;
			*redo = i;
			*was = from[i];
			from[i] = 0;
		}
	}
	return 0;
}

const char *
ledgerstat_head(struct store *s, const char *relpath, const char *format, char **data,
		size_t *len)
{
	int fd = store_open_read(s, relpath), r;
	size_t n = strlen(format);

	*data = NULL;
	if (fd < 0)
		return NULL;
	r = read_all(fd, data, len);
	close(fd);
	if (r < 0) {
		*data = NULL;
		return NULL;
	}
	return strncmp(*data, format, n) == 0 ? *data + n : NULL;
}

int
ledgerstat_pread(int fd, void *buf, size_t n, long long off)
{
	size_t done = 0;
	ssize_t got;

	while (done < n) {
		got = pread(fd, (char *)buf + done, n - done, (off_t)(off + (long long)done));
		if (got <= 0)
			return -1;
		done += (size_t)got;
	}
	return 0;
}

/* The columns of a header line (h, n bytes, no LF) into at[]: -1 when
 * one that is not optional is missing. */
static int
columns(const char *h, size_t n, const char *const *cols, size_t ncols, int *at)
{
	const char *p = h, *end = h + n, *t, *name;
	size_t i, len;
	int c;

	for (i = 0; i < ncols; i++)
		at[i] = -1;
	for (c = 0; p <= end; p = t + 1, c++) {
		if (!(t = memchr(p, '\t', (size_t)(end - p))))
			t = end;
		for (i = 0; i < ncols; i++) {
			name = cols[i] + (cols[i][0] == '?');
			len = strlen(name);
			if ((size_t)(t - p) == len && memcmp(p, name, len) == 0)
				at[i] = c;
		}
	}
	for (i = 0; i < ncols; i++)
		if (at[i] < 0 && cols[i][0] != '?')
			return -1;
	return 0;
}

/*
 * The header of month file fd (size bytes) into *buf (its room *cap):
 * its length without the LF.  The first HEAD_READ bytes hold any header
 * but one of absurd width: only then is READ_CHUNK read.
 */
#define HEAD_READ 4096
static size_t
header(int fd, const char *path, long long size, char **buf, size_t *cap)
{
	size_t n = HEAD_READ;
	ssize_t got;
	char *nl;

	for (;;) {
		if ((long long)n > size)
			n = (size_t)size;
		*buf = xreallocarray(*buf, *cap = n > HEAD_READ ? n : HEAD_READ, 1);
		got = pread(fd, *buf, n, 0);
		if (got > 0 && (nl = memchr(*buf, '\n', (size_t)got)))
			return (size_t)(nl - *buf);
		if (got < (ssize_t)n || n == READ_CHUNK || (long long)n == size)
			die("%s: no header", path);
		n = READ_CHUNK;
	}
}

void
ledgerstat_rows(struct store *s, const char *kind, const struct ledgerstat *ms, long long from,
		const char *const *cols, size_t ncols, ledgerstat_fn fn, void *arg)
{
	char path[LEDGER_PATHSZ], *buf = NULL, *line, *nl;
	struct ledgerstat_row row;
	int fd, at[LEDGERSTAT_MAXCOLS];
	long long base, left;
	size_t have = 0, pos, cap = 0, hlen;
	ssize_t got;

	if (ncols > LEDGERSTAT_MAXCOLS)
		die("ledgerstat_rows: too many columns");
	ledger_month_path(path, kind, ms->m);
	row.path = path;
	if ((fd = ledger_open(s, kind, ms->m)) < 0)
		die("%s: vanished", path);
	hlen = header(fd, path, ms->size, &buf, &cap);
	if (from == 0)
		from = (long long)hlen + 1;
	if (columns(buf, hlen > 0 && buf[hlen - 1] == '\r' ? hlen - 1 : hlen, cols, ncols,
	    at) < 0)
		die("%s: a column is missing", path);
	/* Room for what is left to read, when that is less than a chunk (a
	 * writer's catch-up reads a few rows): one more byte than it, so a
	 * torn last line is said to be torn, not too long. */
	left = ms->size - from;
	if (left < (long long)READ_CHUNK) {
		if ((size_t)left + 1 > cap)
			buf = xreallocarray(buf, cap = (size_t)left + 1, 1);
	} else if (cap < READ_CHUNK)
		buf = xreallocarray(buf, cap = READ_CHUNK, 1);
	base = from;	/* the offset of buf[0] */
	for (;;) {
		if (base + (long long)have >= ms->size)
			break;
		got = pread(fd, buf + have, cap - have, (off_t)(base + (long long)have));
		if (got <= 0)
			die_errno("%s", path);
		if (base + (long long)have + got > ms->size)
			got = (ssize_t)(ms->size - base - (long long)have);
		have += (size_t)got;
		for (pos = 0; (nl = memchr(buf + pos, '\n', have - pos)); pos = (size_t)(nl - buf) + 1) {
			line = buf + pos;
			row.off = base + (long long)pos;
			tsv_raw_fields(line, (size_t)(nl - line), at, ncols, row.f, row.len);
			fn(arg, &row);
		}
		if (pos == 0 && have == cap)
			die("%s: a line too long for the index", path);
		memmove(buf, buf + pos, have - pos);
		have -= pos;
		base += (long long)pos;
	}
	if (have)
		die("%s: the last line is torn", path);
	close(fd);
	free(buf);
}
