/* scan: the fast reader of ledger month files (see scan.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "err.h"
#include "scan.h"
#include "tsv.h"
#include "xalloc.h"

struct scan {
	size_t col[SCAN_MAXCOLS];	/* the file's column of each wanted one */
	size_t ncols;
	size_t *start;			/* where the current line's fields start */
	size_t want;			/* how many tabs the columns need */
	scan_fn fn;
	void *arg;
	struct scan_row row;
	long rows;
};

/* 0x80 in each byte of v that is zero, exactly (no borrow between bytes). */
static inline uint64_t
zero_bytes(uint64_t v)
{
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7full;

	return ~(((v & low7) + low7) | v | low7);
}

/* The tabs of mask m (bit i: byte at + i is a tab): counted, and the
 * field after each of the first want of them noted where it starts. */
static size_t
record(size_t *start, size_t n, size_t want, size_t at, uint64_t m)
{
	for (; m; m &= m - 1, n++)
		if (n < want)
			start[n + 1] = at + (size_t)__builtin_ctzll(m) + 1;
	return n;
}

#ifdef __SSE2__
/* The tabs of 16 bytes at p (bit i: p[i]), or -1 for anything special. */
static long
tabs16(const unsigned char *p)
{
	const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);

	if (_mm_movemask_epi8(v) | _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))) |
	    _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128())))
		return -1;
	return _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')));
}
#else
/* The same eight bytes at a time. */
static long
tabs16(const unsigned char *p)
{
	uint64_t w, m, bits = 0;
	int half;

	for (half = 0; half < 2; half++) {
		memcpy(&w, p + 8 * half, 8);
		if (zero_bytes(w ^ 0x5c5c5c5c5c5c5c5cull) | zero_bytes(w) |
		    (w & 0x8080808080808080ull))
			return -1;
		/* One bit a byte: the high bit of each zero byte, moved down. */
		m = zero_bytes(w ^ 0x0909090909090909ull) >> 7;
		m = (m | m >> 7 | m >> 14 | m >> 21 | m >> 28 | m >> 35 | m >> 42 |
		    m >> 49) & 0xff;
		bits |= m << (8 * half);
	}
	return (long)bits;
}
#endif

/* Sixteen bytes at a time; the last few copied out, padded with bytes
 * that are neither tabs nor special. */
long
scan_plain_tabs(const char *line, size_t len, size_t *start, size_t want, size_t max)
{
	const unsigned char *p = (const unsigned char *)line;
	unsigned char last[16];
	size_t n = 0, at;
	long m;

	for (at = 0; len - at >= 16; at += 16) {
		if ((m = tabs16(p + at)) < 0)
			return -1;
		n = record(start, n, want, at, (uint64_t)m);
	}
	if (at < len) {
		memset(last, 'x', sizeof last);
		memcpy(last, p + at, len - at);
		if ((m = tabs16(last)) < 0)
			return -1;
		n = record(start, n, want, at, (uint64_t)m);
	}
	return n > max ? -1 : (long)n;
}

/* The filter (tsv_filter): a plain row is split and passed on here; any
 * other one is left to tsv_next(). */
static int
plain(const struct tsv_reader *r, const char *line, size_t len, void *arg)
{
	struct scan *sc = arg;
	size_t i, c, last = r->ncols - 1;

	if (r->no_final_newline ||
	    scan_plain_tabs(line, len, sc->start, sc->want, last) != (long)last)
		return 1;
	sc->start[last + 1] = len + 1;
	for (i = 0; i < sc->ncols; i++) {
		c = sc->col[i];
		sc->row.f[i] = line + sc->start[c];
		sc->row.len[i] = sc->start[c + 1] - sc->start[c] - 1;
	}
	sc->row.line = r->line;
	sc->rows++;
	sc->fn(sc->arg, &sc->row);
	return 0;
}

long
scan_month(struct store *s, const char *kind, ledger_month m, const char *const *cols,
	   size_t ncols, scan_fn fn, void *arg)
{
	struct scan sc = { .ncols = ncols, .fn = fn, .arg = arg };
	char name[LEDGER_PATHSZ];
	struct tsv_reader *r;
	int fd, st, c;
	size_t i;

	if (ncols > SCAN_MAXCOLS)
		die("internal error: a scan of %zu columns", ncols);
	if ((fd = ledger_open(s, kind, m)) < 0)
		return -1;
	ledger_month_path(name, kind, m);
	sc.row.name = name;
	r = tsv_open(fd, name);
	if ((st = tsv_header(r)) == TSV_IOERR)
		die("%s", tsv_error(r));
	if (st == TSV_BAD)
		die("%s; run sales-check", tsv_error(r));
	for (i = 0; st == TSV_ROW && i < ncols; i++) {
		if ((c = tsv_col(r, cols[i])) < 0)
			die("%s: no column '%s'; run sales-check", name, cols[i]);
		sc.col[i] = (size_t)c;
		if ((size_t)c + 1 > sc.want)
			sc.want = (size_t)c + 1;
	}
	sc.start = xcalloc(r->ncols + 2, sizeof *sc.start);
	if (st == TSV_ROW)
		tsv_filter(r, plain, &sc);
	while (st == TSV_ROW && (st = tsv_next(r)) != TSV_EOF) {
		if (st == TSV_IOERR)
			die("%s", tsv_error(r));
		/* A torn line may still split into the right number of fields. */
		if (r->no_final_newline)
			die("%s: the last line is torn (a crash while writing?); "
			    "run sales-check --repair", name);
		if (st == TSV_BAD)
			die("%s; run sales-check", tsv_error(r));
		for (i = 0; i < ncols; i++) {
			sc.row.f[i] = r->f[sc.col[i]];
			sc.row.len[i] = r->flen[sc.col[i]];
		}
		sc.row.line = r->line;
		sc.rows++;
		fn(arg, &sc.row);
	}
	free(sc.start);
	tsv_close(r);
	close(fd);
	return sc.rows;
}

const char *
scan_text(const struct scan_row *row, size_t i, char *buf, size_t n)
{
	size_t len = row->len[i] < n ? row->len[i] : n - 1;

	memcpy(buf, row->f[i], len);
	buf[len] = '\0';
	return buf;
}

int
scan_cmp(const struct scan_row *row, size_t i, const char *s)
{
	size_t n = strlen(s), len = row->len[i];
	int c = memcmp(row->f[i], s, len < n ? len : n);

	return c ? c : (len > n) - (len < n);
}

int
scan_day(const struct scan_row *row, size_t i, const char *prefix)
{
	const char *p = row->f[i];
	int d;

	if (row->len[i] != 10 || memcmp(p, prefix, 8) != 0 || p[8] < '0' || p[8] > '3' ||
	    p[9] < '0' || p[9] > '9')
		return 0;
	d = (p[8] - '0') * 10 + (p[9] - '0');
	return d <= 31 ? d : 0;
}
