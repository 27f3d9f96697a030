#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "tsv.h"
#include "word.h"
#include "xalloc.h"

#define TSV_READ_SIZE (1u << 20)
#define TSV_FILE_SIZE (60u << 10)	/* under malloc's mmap threshold */

/* The input read before the lock (input.h), until tsv_open_path takes it. */
static char *preloaded_path;
static int preloaded_fd = -1;

struct tsv_reader *
tsv_open(int fd, const char *name)
{
	struct tsv_reader *r = xcalloc(1, sizeof *r);
	size_t cap = TSV_READ_SIZE;
	struct stat st;

	r->name = name;
	/*
	 * A file is read in blocks of at most TSV_FILE_SIZE (a small table in
	 * one), into a buffer the heap takes back and gives the next table:
	 * a bigger one would be mapped afresh, each of its pages a fault as
	 * the kernel copies into it.  Pipes are read in big blocks.
	 */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		cap = (size_t)st.st_size < TSV_FILE_SIZE ? (size_t)st.st_size + 1 : TSV_FILE_SIZE;
	rdbuf_init(&r->in, fd, cap);
	return r;
}

void
tsv_preloaded(const char *path, int fd)
{
	free(preloaded_path);
	preloaded_path = xstrdup(path);
	preloaded_fd = fd;
}

int
tsv_path_fd(const char *path, int *owned)
{
	int fd;

	*owned = 1;
	if (preloaded_path && strcmp(path, preloaded_path) == 0) {
		fd = preloaded_fd;
		free(preloaded_path);
		preloaded_path = NULL;
		return fd;
	}
	if (strcmp(path, "-") == 0) {
		*owned = 0;
		return 0;
	}
	return open(path, O_RDONLY | O_CLOEXEC);
}

struct tsv_reader *
tsv_open_path(const char *path)
{
	struct tsv_reader *r;
	int fd, owned;

	if ((fd = tsv_path_fd(path, &owned)) < 0)
		return NULL;
	r = tsv_open(fd, strcmp(path, "-") == 0 ? "stdin" : path);
	r->in.owned_fd = owned;
	return r;
}

void
tsv_close(struct tsv_reader *r)
{
	size_t i;

	if (!r)
		return;
	rdbuf_free(&r->in);
	for (i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	free(r->cols);
	free(r->f);
	free(r->flen);
	free(r);
}

const char *
tsv_error(const struct tsv_reader *r)
{
	return r->err;
}

int
tsv_col(const struct tsv_reader *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->cols[i], name) == 0)
			return (int)i;
	return -1;
}

size_t
utf8_valid_prefix(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, k, len;
	uint32_t c, min;

	while (i < n) {
		c = s[i];
		if (c < 0x80) {
			i++;
			/* ASCII eight bytes at a time */
			while (n - i >= 8) {
				uint64_t w;

				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ull)
					break;
				i += 8;
			}
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			c &= 0x1f;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			c &= 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			c &= 0x07;
			min = 0x10000;
		} else
			return i;
		if (n - i < len)
			return i;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			c = c << 6 | (s[i + k] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return i;
		i += len;
	}
	return n;
}

long
tsv_unescape(char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (s[i] != '\\') {
			s[o++] = s[i];
			continue;
		}
		if (++i == n)
			return -1;
		switch (s[i]) {
		case 't': s[o++] = '\t'; break;
		case 'n': s[o++] = '\n'; break;
		case 'r': s[o++] = '\r'; break;
		case '\\': s[o++] = '\\'; break;
		default: return -1;
		}
	}
	s[o] = '\0';
	return (long)o;
}

void
tsv_escape(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, run = 0;
	const char *esc;
	uint64_t w;

	/* Most fields need no escape: one copy.  Eight bytes at a time while
	 * none is a tab, line feed, carriage return or backslash. */
	for (; n - i >= 8; i += 8) {
		memcpy(&w, s + i, 8);
		if (word_to_escape(w))
			break;
	}
	for (; i < n; i++)
		if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\\')
			break;
	if (i == n) {
		buf_add(b, s, n);
		return;
	}
	buf_grow(b, n + 1);
	for (; i < n; i++) {
		switch (s[i]) {
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\\': esc = "\\\\"; break;
		default: continue;
		}
		buf_add(b, s + run, i - run);
		buf_add(b, esc, 2);
		run = i + 1;
	}
	buf_add(b, s + run, n - run);
}

/* Byte classes of the splitting loop: everything else is plain text. */
enum { B_TAB = 1, B_ESC = 2, B_HIGH = 4, B_NUL = 8 };
#define C4 B_HIGH, B_HIGH, B_HIGH, B_HIGH
#define C16 C4, C4, C4, C4
/* (constant: threads split lines at once) */
static const unsigned char byte_class[256] = {
	[0] = B_NUL, ['\t'] = B_TAB, ['\\'] = B_ESC,
	[0x80] = C16, C16, C16, C16, C16, C16, C16, C16
};
#undef C4
#undef C16

/* The classes of the n bytes at p but the tab's. */
static inline unsigned
classes_of(const unsigned char *p, size_t n)
{
	unsigned flags = 0;
	size_t i;

	for (i = 0; i < n; i++)
		flags |= byte_class[p[i]];
	return flags & ~(unsigned)B_TAB;
}

/* The field from *start ends at the tab at tab: noted (the first maxf),
 * cut there, and the next starts after it. */
static inline void
cut_field(unsigned char *tab, char **start, char **f, size_t *flen, size_t maxf, size_t *nf)
{
	if (*nf < maxf) {
		f[*nf] = *start;
		flen[*nf] = (size_t)((char *)tab - *start);
	}
	(*nf)++;
	*tab = '\0';
	*start = (char *)tab + 1;
}

/*
 * One pass over the line finds the tabs and notes whether any field needs
 * the slow checks (escapes, UTF-8, NUL); most ledger lines need none.
 */
long
tsv_split(char *line, size_t len, char **f, size_t *flen, size_t maxf,
	  char *err, size_t errlen)
{
	unsigned char *p = (unsigned char *)line, *end = p + len;
	char *start = line;
	unsigned flags = 0;
	size_t nf = 0, i, ok;
	long n;

#ifdef __SSE2__
	/* Sixteen bytes at a time where the CPU compares them at once. */
	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)p);
		unsigned tabs = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')));
		unsigned special = (unsigned)(_mm_movemask_epi8(_mm_cmpeq_epi8(v,
		    _mm_set1_epi8('\\'))) | _mm_movemask_epi8(_mm_cmpeq_epi8(v,
		    _mm_setzero_si128())) | _mm_movemask_epi8(v));

		if (special)
			flags |= classes_of(p, 16);
		for (; tabs; tabs &= tabs - 1)
			cut_field(p + __builtin_ctz(tabs), &start, f, flen, maxf, &nf);
		p += 16;
	}
#endif
	/* Eight bytes at a time: where are the tabs, and is anything special? */
	while (end - p >= 8) {
		uint64_t w, tabs, special;

		memcpy(&w, p, 8);
		tabs = word_zero_bytes(w ^ 0x0909090909090909ull);
		special = word_zero_bytes(w ^ 0x5c5c5c5c5c5c5c5cull) | word_zero_bytes(w) |
		    (w & 0x8080808080808080ull);
		if (special)
			flags |= classes_of(p, 8);
		for (; tabs; tabs &= tabs - 1)
			cut_field(p + (__builtin_ctzll(tabs) >> 3), &start, f, flen, maxf, &nf);
		p += 8;
	}
	for (;;) {
		while (p < end && !byte_class[*p])
			p++;
		if (p < end && *p != '\t') {
			flags |= byte_class[*p++];
			continue;
		}
		if (nf < maxf) {
			f[nf] = start;
			flen[nf] = (size_t)((char *)p - start);
		}
		nf++;
		if (p == end)
			break;
		*p++ = '\0';
		start = (char *)p;
	}
	*end = '\0';
	if (flags & B_NUL) {
		snprintf(err, errlen, "NUL byte in line");
		return -1;
	}
	if (flags & B_HIGH) {
		/* The tabs are NULs now: still single ASCII bytes to the check. */
		ok = utf8_valid_prefix(line, len);
		if (ok < len) {
			snprintf(err, errlen, "invalid UTF-8 at byte %zu", ok + 1);
			return -1;
		}
	}
	if (flags & B_ESC) {
		for (i = 0; i < nf && i < maxf; i++) {
			if (!memchr(f[i], '\\', flen[i]))
				continue;
			n = tsv_unescape(f[i], flen[i]);
			if (n < 0) {
				snprintf(err, errlen, "field %zu: bad escape "
				    "(only \\t \\n \\r \\\\ are allowed)", i + 1);
				return -1;
			}
			flen[i] = (size_t)n;
		}
	}
	return (long)nf;
}

/* Read more into the buffer, keeping the unconsumed bytes: TSV_ROW, or
 * TSV_IOERR with the message set.  At the end of the file r->in.eof is set. */
/* Read more: 1 when there is more, 0 at the end, TSV_IOERR on an error. */
static int
fill(struct tsv_reader *r)
{
	return rdbuf_fill(&r->in, r->name, r->err, sizeof r->err) < 0 ? TSV_IOERR : !r->in.eof;
}

/* Find the next line; returns its start and length, or -1 at EOF/error. */
static int
next_line(struct tsv_reader *r, char **line, size_t *len)
{
	char *nl;

	for (;;) {
		nl = memchr(r->in.buf + r->in.start, '\n', r->in.end - r->in.start);
		/* Too long, whether its end has come or not. */
		if ((nl ? (size_t)(nl - (r->in.buf + r->in.start)) : r->in.end - r->in.start) >
		    TSV_MAX_LINE) {
			snprintf(r->err, sizeof r->err, "%s:%lu: line longer than %u bytes "
			    "(not a TSV file?)", r->name, r->line + 1, TSV_MAX_LINE);
			return TSV_IOERR;
		}
		if (nl) {
			*line = r->in.buf + r->in.start;
			*len = (size_t)(nl - *line);
			r->in.start += *len + 1;
			r->no_final_newline = 0;
			return TSV_ROW;
		}
		if (r->in.eof) {
			if (r->in.start == r->in.end)
				return TSV_EOF;
			*line = r->in.buf + r->in.start;
			*len = r->in.end - r->in.start;
			r->in.start = r->in.end;
			r->no_final_newline = 1;
			return TSV_ROW;
		}
		if (fill(r) == TSV_IOERR)
			return TSV_IOERR;
	}
}

int
tsv_raw_field(const char *line, size_t len, int col, const char **f, size_t *flen)
{
	tsv_raw_fields(line, len, &col, 1, f, flen);
	return *f != NULL;
}

void
tsv_raw_fields(const char *line, size_t len, const int *col, size_t n, const char **f,
	       size_t *flen)
{
	const char *p = line, *end = line + len, *t;
	size_t i, left = 0;
	int c;

	for (i = 0; i < n; i++) {
		f[i] = NULL;
		flen[i] = 0;
		left += col[i] >= 0;
	}
	for (c = 0; left; p = t + 1, c++) {
		if (!(t = memchr(p, '\t', (size_t)(end - p))))
			t = end;
		for (i = 0; i < n; i++)
			if (col[i] == c) {
				left--;
				if (!memchr(p, '\\', (size_t)(t - p)) &&
				    !memchr(p, '\r', (size_t)(t - p)))
					f[i] = p, flen[i] = (size_t)(t - p);
			}
		if (t == end)	/* the last field: nothing past end is pointed at */
			break;
	}
}

size_t
tsv_count_fields(const char *line, size_t len)
{
	const char *p = line, *end = line + len, *t;
	size_t n = 1;

	for (; (t = memchr(p, '\t', (size_t)(end - p))); p = t + 1)
		n++;
	return n;
}

long
tsv_lines(struct tsv_reader *r, const char **data)
{
	const char *nl;

	for (;;) {
		nl = memrchr(r->in.buf + r->in.start, '\n', r->in.end - r->in.start);
		if (nl) {
			*data = r->in.buf + r->in.start;
			return (long)(nl + 1 - *data);
		}
		if (r->in.eof)
			return 0;
		if (fill(r) == TSV_IOERR)
			return -1;
	}
}

void
tsv_consume(struct tsv_reader *r, size_t n, unsigned long lines)
{
	r->in.start += n;
	r->line += lines;
	if (lines)
		r->no_final_newline = 0;
}

static int
get_line(struct tsv_reader *r, char **line, size_t *len)
{
	int st = next_line(r, line, len);

	if (st != TSV_ROW)
		return st;
	r->line++;
	if (r->line == 1 && *len >= 3 && memcmp(*line, "\xef\xbb\xbf", 3) == 0) {
		*line += 3;
		*len -= 3;
	}
	if (*len > 0 && (*line)[*len - 1] == '\r')
		(*len)--;
	(*line)[*len] = '\0';
	return TSV_ROW;
}

int
tsv_header(struct tsv_reader *r)
{
	char *line, msg[256];
	size_t len, i, j;
	long nf;
	int st;

	st = get_line(r, &line, &len);
	if (st != TSV_ROW)
		return st;
	/* A CR inside the first line: lines end in CR alone (an old Mac
	 * export), and the whole file would read as one line. */
	if (memchr(line, '\r', len)) {
		snprintf(r->err, sizeof r->err, "%s:1: header: a carriage return inside "
		    "the line (lines end in CR alone? convert them to LF)", r->name);
		return TSV_BAD;
	}
	nf = (long)tsv_count_fields(line, len);
	r->ncols = (size_t)nf;
	r->cols = xcalloc(r->ncols, sizeof *r->cols);
	r->f = xcalloc(r->ncols + 1, sizeof *r->f);
	r->flen = xcalloc(r->ncols + 1, sizeof *r->flen);
	nf = tsv_split(line, len, r->f, r->flen, r->ncols, msg, sizeof msg);
	if (nf < 0) {
		snprintf(r->err, sizeof r->err, "%s:1: header: %s", r->name, msg);
		r->ncols = 0;
		return TSV_BAD;
	}
	for (i = 0; i < r->ncols; i++)
		r->cols[i] = xstrdup(r->f[i]);
	for (i = 0; i < r->ncols; i++) {
		if (!*r->cols[i]) {
			snprintf(r->err, sizeof r->err, "%s:1: header: column %zu has no name",
			    r->name, i + 1);
			return TSV_BAD;
		}
		for (j = 0; j < i; j++)
			if (strcmp(r->cols[i], r->cols[j]) == 0) {
				snprintf(r->err, sizeof r->err,
				    "%s:1: header: duplicate column '%.64s'", r->name, r->cols[i]);
				return TSV_BAD;
			}
	}
	return TSV_ROW;
}

int
tsv_next(struct tsv_reader *r)
{
	char *line, msg[256];
	size_t len;
	long nf;
	int st;

	do {
		st = get_line(r, &line, &len);
		if (st != TSV_ROW)
			return st;
	} while (r->keep && !r->keep(r, line, len, r->keep_arg));
	nf = tsv_split(line, len, r->f, r->flen, r->ncols, msg, sizeof msg);
	if (nf < 0) {
		snprintf(r->err, sizeof r->err, "%s:%lu: %s", r->name, r->line, msg);
		return TSV_BAD;
	}
	if ((size_t)nf != r->ncols) {
		if (len == 0)
			snprintf(r->err, sizeof r->err, "%s:%lu: empty line", r->name, r->line);
		else
			snprintf(r->err, sizeof r->err, "%s:%lu: %ld fields, header has %zu",
			    r->name, r->line, nf, r->ncols);
		return TSV_BAD;
	}
	return TSV_ROW;
}

void
tsv_filter(struct tsv_reader *r,
	   int (*keep)(const struct tsv_reader *r, const char *line, size_t len, void *arg),
	   void *arg)
{
	r->keep = keep;
	r->keep_arg = arg;
}
