/* scan: the fast reader of ledger month files (see scan.h). */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define SCAN_WIDE 1
/* glibc (2.33 and later) keeps what the CPU and the kernel allow, found
 * once by the dynamic loader: asking it costs no cpuid of our own, which
 * traps in a virtual machine, and keeps libgcc's start-up probe of the
 * CPU (__builtin_cpu_supports()) out of every program. */
#if defined(__has_include)
#if __has_include(<sys/platform/x86.h>)
#include <sys/platform/x86.h>
#define SCAN_GLIBC_CPU 1
#endif
#endif
#endif

#include "err.h"
#include "scan.h"
#include "tsv.h"
#include "xalloc.h"

/*
 * The bytes of a 64-byte block, one bit each: line ends, tabs, and the
 * special bytes that send a line to tsv.h (a backslash, any other byte
 * below 0x20, any byte of 0x80 or more).  A control byte other than the
 * tab and the LF is ordinary text to tsv.h; sending its line there only
 * costs time.
 */
struct marks {
	uint64_t nl, tab, special;
};

#ifdef __SSE2__
static inline void
mark64(const unsigned char *p, struct marks *m)
{
	const __m128i tab = _mm_set1_epi8('\t'), nl = _mm_set1_epi8('\n');
	const __m128i bs = _mm_set1_epi8('\\'), space = _mm_set1_epi8(' ');
	uint64_t t = 0, n = 0, c = 0;
	__m128i v;
	int i;

	for (i = 0; i < 4; i++) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
		t |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, tab)) << (16 * i);
		n |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)) << (16 * i);
		/* Signed: below 0x20, or 0x80 and above. */
		c |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(v, space),
		    _mm_cmpeq_epi8(v, bs))) << (16 * i);
	}
	m->nl = n;
	m->tab = t;
	m->special = c & ~(t | n);
}
#else
static inline void
mark64(const unsigned char *p, struct marks *m)
{
	uint64_t bit;
	int i;

	m->nl = m->tab = m->special = 0;
	for (i = 0; i < 64; i++) {
		bit = (uint64_t)1 << i;
		if (p[i] == '\n')
			m->nl |= bit;
		else if (p[i] == '\t')
			m->tab |= bit;
		else if (p[i] < 0x20 || p[i] >= 0x80 || p[i] == '\\')
			m->special |= bit;
	}
}
#endif

#ifdef SCAN_WIDE
/* The same with AVX-512BW: a compare gives the 64 bits at once. */
static inline __attribute__((target("avx512bw"), always_inline)) void
mark64_wide(const unsigned char *p, struct marks *m)
{
	const __m512i v = _mm512_loadu_si512((const void *)p);
	uint64_t t = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\t'));
	uint64_t n = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n'));
	/* Signed: below 0x20, or 0x80 and above. */
	uint64_t c = _mm512_cmplt_epi8_mask(v, _mm512_set1_epi8(' ')) |
	    _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\\'));

	m->nl = n;
	m->tab = t;
	m->special = c & ~(t | n);
}
#endif

/* The set bits of v (no popcnt instruction in the baseline x86-64). */
static inline size_t
bits(uint64_t v)
{
	v -= (v >> 1) & 0x5555555555555555ull;
	v = (v & 0x3333333333333333ull) + ((v >> 2) & 0x3333333333333333ull);
	v = (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (size_t)((v * 0x0101010101010101ull) >> 56);
}

/*
 * The tabs t (bits of the block at base) of the line that started at ls,
 * which has ntabs before them: the fields they start noted, up to want,
 * the others only counted.
 */
static inline size_t
add_tabs(uint64_t t, size_t base, size_t ls, size_t ntabs, size_t want, size_t *start)
{
	for (; t && ntabs < want; t &= t - 1)
		start[++ntabs] = base + (size_t)__builtin_ctzll(t) + 1 - ls;
	return t ? ntabs + bits(t) : ntabs;
}

static inline __attribute__((always_inline)) size_t
lines_with(const char *buf, size_t n, size_t nfields, size_t want, size_t *start,
	   scan_line_fn fn, void *arg, unsigned long *lines,
	   void (*mark)(const unsigned char *, struct marks *))
{
	const unsigned char *p = (const unsigned char *)buf;
	unsigned char pad[64];
	struct marks m;
	size_t base, ls = 0, ntabs = 0, pos, len;
	uint64_t ends, upto;
	unsigned long nlines = 0;
	int bad = 0;

	start[0] = 0;
	for (base = 0; base < n; base += 64) {
		if (n - base >= 64)
			mark(p + base, &m);
		else {
			/* The last few: padded with bytes that are nothing. */
			memset(pad, 'x', sizeof pad);
			memcpy(pad, p + base, n - base);
			mark(pad, &m);
		}
		for (ends = m.nl; ends; ends &= ends - 1) {
			/* A line end: the tabs and special bytes up to it are this line's. */
			pos = base + (size_t)__builtin_ctzll(ends);
			upto = (ends & -ends) - 1;
			ntabs = add_tabs(m.tab & upto, base, ls, ntabs, want, start);
			bad |= (m.special & upto) != 0;
			m.tab &= ~upto;
			m.special &= ~upto;
			len = pos - ls;
			if (!bad && ntabs + 1 == nfields) {
				if (want == nfields)
					start[nfields] = len + 1;
				if (fn(arg, buf + ls, len, start))
					goto stop;
			} else if (fn(arg, buf + ls, len, NULL))
				goto stop;
			nlines++;
			ls = pos + 1;
			ntabs = 0;
			bad = 0;
		}
		ntabs = add_tabs(m.tab, base, ls, ntabs, want, start);
		bad |= m.special != 0;
	}
stop:
	*lines = nlines;
	return ls;
}

static size_t
lines_base(const char *buf, size_t n, size_t nfields, size_t want, size_t *start,
	   scan_line_fn fn, void *arg, unsigned long *lines)
{
	return lines_with(buf, n, nfields, want, start, fn, arg, lines, mark64);
}

#ifdef SCAN_WIDE
static __attribute__((target("avx512bw"))) size_t
lines_wide(const char *buf, size_t n, size_t nfields, size_t want, size_t *start,
	   scan_line_fn fn, void *arg, unsigned long *lines)
{
	return lines_with(buf, n, nfields, want, start, fn, arg, lines, mark64_wide);
}
#endif

/* 1: the CPU has AVX-512BW and it is to be used, 0: not; chosen once,
 * by the first scan of any thread, unless scan_wide() chose first. */
static int wide = -1;
static pthread_once_t wide_once = PTHREAD_ONCE_INIT;

static int
cpu_wide(void)
{
#if defined(SCAN_GLIBC_CPU)
	return CPU_FEATURE_ACTIVE(AVX512BW) != 0;
#elif defined(SCAN_WIDE)
	__builtin_cpu_init();
	return __builtin_cpu_supports("avx512bw") != 0;
#else
	return 0;
#endif
}

static void
wide_choose(void)
{
	if (wide < 0)
		wide = cpu_wide();
}

int
scan_wide(int on)
{
	int was = wide;

	wide = on && cpu_wide();
	pthread_once(&wide_once, wide_choose);
	return was;
}

size_t
scan_lines(const char *buf, size_t n, size_t nfields, size_t want, size_t *start,
	   scan_line_fn fn, void *arg, unsigned long *lines)
{
	pthread_once(&wide_once, wide_choose);
#ifdef SCAN_WIDE
	if (wide)
		return lines_wide(buf, n, nfields, want, start, fn, arg, lines);
#endif
	return lines_base(buf, n, nfields, want, start, fn, arg, lines);
}

struct scan {
	/* the file's column of each wanted one it has (which: the wanted
	 * one's index); a wanted optional one it lacks stays empty */
	size_t col[SCAN_MAXCOLS], which[SCAN_MAXCOLS];
	size_t ncols, nfields;
	size_t *start;			/* where the current line's fields start */
	size_t want;			/* how many tabs the columns need */
	/* scan_fd_keep(): the wanted column that says whether a row is
	 * taken (its file column kc), and how many tabs the others need */
	scan_keep_fn keep;
	size_t key, kc, want_all;
	scan_fn fn;
	void *arg;
	struct scan_row row;
	unsigned long line;		/* of the line before the block */
	long rows;
	int failed;
};

/*
 * scan_find() compares the needle only where two of its bytes stand: the
 * first and the last of its first field (what stands before its first
 * tab or line end, after any at its start): in "\tr0001\t\trevenue\t"
 * the r and the 1 of the id, whose ends differ from line to line, where
 * the tabs and the text after them may stand in every line.
 */
struct needle {
	const char *p;
	size_t m, a, b;		/* its bytes, the two offsets */
};

static int
sep(char c)
{
	return c == '\t' || c == '\n';
}

static void
needle_of(struct needle *nd, const char *p, size_t m)
{
	size_t a = 0, b;

	while (a < m && sep(p[a]))
		a++;
	for (b = a; b + 1 < m && !sep(p[b + 1]); b++)
		;
	if (a >= m || b == a) {
		a = 0;
		b = m - 1;
	}
	nd->p = p;
	nd->m = m;
	nd->a = a;
	nd->b = b;
}

/* The first of the places (bits) at hay + i that hold the whole needle. */
static inline const char *
first_whole(const char *hay, size_t i, uint64_t bits, const struct needle *nd)
{
	const char *at;

	for (; bits; bits &= bits - 1) {
		at = hay + i + (size_t)__builtin_ctzll(bits);
		if (memcmp(at, nd->p, nd->m) == 0)
			return at;
	}
	return NULL;
}

#ifdef SCAN_WIDE
static __attribute__((target("avx512bw"))) const char *
find_wide(const char *hay, size_t n, const struct needle *nd, size_t *done)
{
	const __m512i a = _mm512_set1_epi8(nd->p[nd->a]), b = _mm512_set1_epi8(nd->p[nd->b]);
	const char *r;
	uint64_t bits;
	size_t i;

	for (i = 0; i + nd->m + 64 <= n + 1; i += 64) {
		bits = _mm512_cmpeq_epi8_mask(_mm512_loadu_si512((const void *)(hay + i + nd->a)), a) &
		    _mm512_cmpeq_epi8_mask(_mm512_loadu_si512((const void *)(hay + i + nd->b)), b);
		if (bits && (r = first_whole(hay, i, bits, nd)))
			return r;
	}
	*done = i;
	return NULL;
}
#endif

const char *
scan_find(const char *hay, size_t n, const char *needle, size_t m)
{
	struct needle nd;
	const char *r;
	size_t i = 0;

	if (m < 2 || n < m)
		return memmem(hay, n, needle, m);
	needle_of(&nd, needle, m);
	pthread_once(&wide_once, wide_choose);
#ifdef SCAN_WIDE
	if (wide && (r = find_wide(hay, n, &nd, &i)))
		return r;
#endif
#ifdef __SSE2__
	{
		const __m128i a = _mm_set1_epi8(needle[nd.a]), b = _mm_set1_epi8(needle[nd.b]);
		__m128i x, y;
		uint64_t bits;

		for (; i + m + 16 <= n + 1; i += 16) {
			x = _mm_loadu_si128((const __m128i *)(const void *)(hay + i + nd.a));
			y = _mm_loadu_si128((const __m128i *)(const void *)(hay + i + nd.b));
			bits = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(x, a),
			    _mm_cmpeq_epi8(y, b)));
			if (bits && (r = first_whole(hay, i, bits, &nd)))
				return r;
		}
	}
#endif
	return memmem(hay + i, n - i, needle, m);
}

/* The fields of a plain line (len bytes) that a kept row needs beyond
 * the key's, found where the scan of the block did not look (sc->start
 * has room for every field's). */
static const size_t *
split_rest(struct scan *sc, const char *line, size_t len)
{
	const char *p = line + sc->start[sc->want], *t, *end = line + len;
	size_t i;

	for (i = sc->want; i < sc->want_all; i++) {
		if (!(t = memchr(p, '\t', (size_t)(end - p))))
			t = end;
		sc->start[i + 1] = (size_t)(t - line) + 1;
		p = t + 1;
	}
	return sc->start;
}

/* scan_lines' callback: a plain row is split and passed on; any other
 * line stops the block, for tsv_next(). */
static int
plain(void *arg, const char *line, size_t len, const size_t *start)
{
	struct scan *sc = arg;
	size_t i, c;

	if (!start)
		return 1;
	if (sc->keep) {
		/* Split no further than the key's column, unless it is taken. */
		if (!sc->keep(sc->arg, line + start[sc->kc], start[sc->kc + 1] - start[sc->kc] - 1)) {
			sc->line++;
			return 0;
		}
		start = split_rest(sc, line, len);
	}
	for (i = 0; i < sc->ncols; i++) {
		c = sc->col[i];
		sc->row.f[sc->which[i]] = line + start[c];
		sc->row.len[sc->which[i]] = start[c + 1] - start[c] - 1;
	}
	sc->row.line = ++sc->line;
	sc->rows++;
	if (sc->fn(sc->arg, &sc->row) == 0)
		return 0;
	sc->failed = 1;
	return 1;
}

int
scan_fail(const struct scan_row *row, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(row->err, SCAN_ERRSZ, fmt, ap);
	va_end(ap);
	return -1;
}

/* Copy a message into err; -2, scan_fd's status for it. */
static long
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -2;
}

/* A line that is not plain, and the last line of the file: tsv.h's. */
static long
slow_row(struct scan *sc, struct tsv_reader *r, int st, char *err, size_t errlen)
{
	size_t i;

	if (st == TSV_IOERR)
		return fail(err, errlen, "%s", tsv_error(r));
	/* A torn line may still split into the right number of fields. */
	if (r->no_final_newline)
		return fail(err, errlen, "%s: the last line is torn (a crash while writing?); "
		    "run sales-check --repair", sc->row.name);
	if (st == TSV_BAD)
		return fail(err, errlen, "%s; run sales-check", tsv_error(r));
	if (sc->keep && !sc->keep(sc->arg, r->f[sc->kc], r->flen[sc->kc]))
		return 0;
	for (i = 0; i < sc->ncols; i++) {
		sc->row.f[sc->which[i]] = r->f[sc->col[i]];
		sc->row.len[sc->which[i]] = r->flen[sc->col[i]];
	}
	sc->row.line = r->line;
	sc->rows++;
	if (sc->fn(sc->arg, &sc->row))
		return fail(err, errlen, "%s", sc->row.err);
	return 0;
}

static long
scan_reader(struct scan *sc, struct tsv_reader *r, const char *const *cols, char *err,
	    size_t errlen)
{
	const char *data;
	unsigned long lines;
	size_t i, used;
	long n;
	int st, c, optional;

	if ((st = tsv_header(r)) == TSV_IOERR)
		return fail(err, errlen, "%s", tsv_error(r));
	if (st == TSV_BAD)
		return fail(err, errlen, "%s; run sales-check", tsv_error(r));
	if (st == TSV_EOF)
		return 0;
	for (i = 0, n = 0; i < sc->ncols; i++) {
		optional = cols[i][0] == '?';
		if ((c = tsv_col(r, cols[i] + optional)) < 0 && optional) {
			sc->row.f[i] = "";
			sc->row.len[i] = 0;
			continue;
		}
		if (c < 0)
			return fail(err, errlen, "%s: no column '%s'; run sales-check",
			    sc->row.name, cols[i]);
		sc->which[n] = i;
		sc->col[n++] = (size_t)c;
		if ((size_t)c + 1 > sc->want)
			sc->want = (size_t)c + 1;
	}
	sc->ncols = (size_t)n;
	sc->nfields = r->ncols;
	sc->start = xcalloc(r->ncols + 2, sizeof *sc->start);
	if (sc->keep) {
		for (i = 0; i < sc->ncols && sc->which[i] != sc->key; i++)
			;
		if (i == sc->ncols)	/* an optional key the file lacks: all rows */
			sc->keep = NULL;
		else {
			sc->kc = sc->col[i];
			sc->want_all = sc->want;
			sc->want = sc->kc + 1;
		}
	}
	for (;;) {
		if ((n = tsv_lines(r, &data)) < 0)
			return fail(err, errlen, "%s", tsv_error(r));
		if (n == 0)
			break;
		sc->line = r->line;
		used = scan_lines(data, (size_t)n, sc->nfields, sc->want, sc->start, plain, sc,
		    &lines);
		if (sc->failed) {
			tsv_consume(r, used, lines);
			return fail(err, errlen, "%s", sc->row.err);
		}
		tsv_consume(r, used, lines);
		if (used < (size_t)n && slow_row(sc, r, tsv_next(r), err, errlen) < 0)
			return -2;
	}
	/* What is left: nothing, or a last line without its LF. */
	while ((st = tsv_next(r)) != TSV_EOF)
		if (slow_row(sc, r, st, err, errlen) < 0)
			return -2;
	return sc->rows;
}

long
scan_fd(int fd, const char *name, const char *const *cols, size_t ncols, scan_fn fn,
	void *arg, char *err, size_t errlen)
{
	return scan_fd_keep(fd, name, cols, ncols, 0, NULL, fn, arg, err, errlen);
}

long
scan_fd_keep(int fd, const char *name, const char *const *cols, size_t ncols, size_t key,
	     scan_keep_fn keep, scan_fn fn, void *arg, char *err, size_t errlen)
{
	struct scan sc = { .ncols = ncols, .fn = fn, .arg = arg, .keep = keep, .key = key };
	char rowerr[SCAN_ERRSZ];
	struct tsv_reader *r;
	long n;

	if (ncols > SCAN_MAXCOLS)
		return fail(err, errlen, "internal error: a scan of %zu columns", ncols);
	rowerr[0] = '\0';
	sc.row.name = name;
	sc.row.err = rowerr;
	r = tsv_open(fd, name);
	n = scan_reader(&sc, r, cols, err, errlen);
	free(sc.start);
	tsv_close(r);
	close(fd);
	return n;
}

/*
 * The fields of the line at p (up to its LF, before end), when it is
 * plain (scan.h) and has at most max: start[i] where field i begins,
 * start[nf] its length + 1, as scan_lines() gives them (start has room
 * for max + 1).  nf, or 0.
 */
static size_t
plain_fields(const char *p, const char *end, size_t *start, size_t max)
{
	const unsigned char *q = (const unsigned char *)p;
	size_t nf = 1;

	start[0] = 0;
	/* Sixty-four bytes at a time, marked as scan_lines() marks them,
	 * while the buffer has them (a row's next ones are scan_gather()'s
	 * data too); the rest byte by byte. */
	for (; end - (const char *)q >= 64; q += 64) {
		struct marks m;
		uint64_t before, t;

		mark64(q, &m);
		before = m.nl ? (m.nl & -m.nl) - 1 : ~(uint64_t)0;	/* before the LF */
		if (m.special & before)
			return 0;
		for (t = m.tab & before; t; t &= t - 1) {
			if (nf == max)
				return 0;
			start[nf++] = (size_t)((const char *)q - p) + (size_t)__builtin_ctzll(t) + 1;
		}
		if (m.nl) {
			start[nf] = (size_t)((const char *)q - p) + (size_t)__builtin_ctzll(m.nl) + 1;
			return nf;
		}
	}
	for (; (const char *)q < end && *q != '\n'; q++) {
		if (*q == '\t') {
			if (nf == max)
				return 0;
			start[nf++] = (size_t)((const char *)q - p) + 1;
		} else if (*q < 0x20 || *q >= 0x80 || *q == '\\')
			return 0;
	}
	if ((const char *)q == end)
		return 0;
	start[nf] = (size_t)((const char *)q - p) + 1;
	return nf;
}

/* All of the n bytes of fd at off into p: 0, or -1 (an error, or the
 * file is shorter than it was). */
static int
pread_all(int fd, char *p, size_t n, size_t off)
{
	ssize_t r;

	while (n > 0) {
		if ((r = pread(fd, p, n, (off_t)off)) < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
		off += (size_t)r;
	}
	return 0;
}

/* Room for need bytes at *p (*cap of them allocated). */
static char *
room(char **p, size_t *cap, size_t need)
{
	if (need > *cap) {
		*cap = need > 2 * *cap ? need : 2 * *cap;
		*p = xreallocarray(*p, *cap, 1);
	}
	return *p;
}

/* scan.h.  Lines at most AT_GAP apart are read together; AT_LINE bytes
 * are read past the last of a run, and more when its line goes on. */
enum { AT_HEAD = 4096, AT_GAP = 4096, AT_LINE = 256 };
int
scan_gather(int fd, size_t len, const struct scan_at *at, size_t n, char **out, size_t *outlen,
	    size_t *to)
{
	char *d = NULL, *run = NULL, *nl;
	size_t dlen, dcap = 0, rcap = 0, hlen, i, j, k, p, start, end, more;

	end = len < AT_HEAD ? len : AT_HEAD;
	if (pread_all(fd, room(&run, &rcap, end), end, 0) < 0 || !(nl = memchr(run, '\n', end)))
		goto fail;
	dlen = hlen = (size_t)(nl - run) + 1;
	memcpy(room(&d, &dcap, hlen), run, hlen);
	for (i = 0; i < n; i = j) {
		if (at[i].off < hlen || at[i].off >= len || (i && at[i].off <= at[i - 1].off))
			goto fail;
		for (j = i + 1; j < n && at[j].off > at[j - 1].off && at[j].off < len &&
		    at[j].off - at[j - 1].off <= AT_GAP; j++)
			;
		start = at[i].off - 1;	/* the LF before */
		end = len - at[j - 1].off < AT_LINE ? len : at[j - 1].off + AT_LINE;
		if (pread_all(fd, room(&run, &rcap, end - start), end - start, start) < 0)
			goto fail;
		for (k = i; k < j; k++) {
			p = at[k].off - start;
			if (run[p - 1] != '\n')
				goto fail;
			/* the last line of the run may go on past what was read */
			while (!(nl = memchr(run + p, '\n', end - start - p))) {
				if (k + 1 < j || end == len)
					goto fail;
				more = len - end < end - start ? len - end : end - start;
				if (pread_all(fd, room(&run, &rcap, end - start + more) + (end - start),
				    more, end) < 0)
					goto fail;
				end += more;
			}
			to[k] = dlen;
			memcpy(room(&d, &dcap, dlen + (size_t)(nl - run) + 1 - p) + dlen, run + p,
			    (size_t)(nl - run) + 1 - p);
			dlen += (size_t)(nl - run) + 1 - p;
		}
	}
	free(run);
	*out = d;
	*outlen = dlen;
	return 0;
fail:
	free(run);
	free(d);
	return -1;
}

long
scan_rows_at(int fd, size_t len, const char *name, const struct scan_at *at, size_t n,
	     const char *const *cols, size_t ncols, size_t key, scan_keep_fn keep, scan_fn fn,
	     void *arg, char *err, size_t errlen)
{
	size_t col[SCAN_MAXCOLS], hs[SCAN_MAXCOLS + 1], *start = NULL, *st, nfields, i, j;
	size_t dlen, *to = xcalloc(n + 1, sizeof *to);
	const char *end, *line, *want;
	char rowerr[SCAN_ERRSZ], *data;
	struct scan_row row = { .name = name, .err = rowerr };
	long rc = SCAN_AGAIN;

	if (scan_gather(fd, len, at, n, &data, &dlen, to) < 0) {
		free(to);
		return SCAN_AGAIN;
	}
	end = data + dlen;
	/* The header: plain (no CR, no byte-order mark), its columns found
	 * by name; one missing is for scan_fd_keep() to tell. */
	if (ncols > SCAN_MAXCOLS || !(nfields = plain_fields(data, end, hs, SCAN_MAXCOLS)))
		goto done;
	for (i = 0; i < ncols; i++) {
		want = cols[i] + (cols[i][0] == '?');
		for (col[i] = SIZE_MAX, j = 0; j < nfields && col[i] == SIZE_MAX; j++)
			if (hs[j + 1] - hs[j] - 1 == strlen(want) &&
			    memcmp(data + hs[j], want, strlen(want)) == 0)
				col[i] = j;
		if (col[i] == SIZE_MAX && cols[i][0] != '?')
			goto done;
	}
	/* Every row plain, with the header's fields, and one keep() takes,
	 * before any is handed over (scan_gather() saw each whole, in order). */
	if (key >= ncols || col[key] == SIZE_MAX)
		goto done;
	/* each row's fields kept from this pass for the next */
	start = xcalloc(n * (nfields + 1) + 1, sizeof *start);
	for (i = 0; i < n; i++) {
		line = data + to[i];
		st = start + i * (nfields + 1);
		if (plain_fields(line, end, st, nfields) != nfields ||
		    !keep(arg, line + st[col[key]], st[col[key] + 1] - st[col[key]] - 1))
			goto done;
	}
	rowerr[0] = '\0';
	for (i = 0; i < n; i++) {
		line = data + to[i];
		st = start + i * (nfields + 1);
		for (j = 0; j < ncols; j++) {
			row.f[j] = col[j] == SIZE_MAX ? "" : line + st[col[j]];
			row.len[j] = col[j] == SIZE_MAX ? 0 : st[col[j] + 1] - st[col[j]] - 1;
		}
		row.line = at[i].line;
		if (fn(arg, &row)) {
			rc = fail(err, errlen, "%s", rowerr);
			goto done;
		}
	}
	rc = (long)n;
done:
	free(start);
	free(data);
	free(to);
	return rc;
}

long
scan_month(struct store *s, const char *kind, ledger_month m, const char *const *cols,
	   size_t ncols, scan_fn fn, void *arg)
{
	return scan_month_keep(s, kind, m, cols, ncols, 0, NULL, fn, arg);
}

long
scan_month_keep(struct store *s, const char *kind, ledger_month m, const char *const *cols,
		size_t ncols, size_t key, scan_keep_fn keep, scan_fn fn, void *arg)
{
	char name[LEDGER_PATHSZ], err[SCAN_ERRSZ];
	long n;
	int fd;

	if ((fd = ledger_open(s, kind, m)) < 0)
		return -1;
	ledger_month_path(name, kind, m);
	if ((n = scan_fd_keep(fd, name, cols, ncols, key, keep, fn, arg, err, sizeof err)) < 0)
		die("%s", err);
	return n;
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
