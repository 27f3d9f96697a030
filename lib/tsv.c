#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tsv.h"
#include "xalloc.h"

#define TSV_READ_SIZE (4u << 20)

struct tsv_reader *
tsv_open(int fd, const char *name)
{
	struct tsv_reader *r = xcalloc(1, sizeof *r);
	struct stat st;

	r->fd = fd;
	r->name = name;
	/* Small tables get a small buffer; ledgers and pipes read in big blocks. */
	r->cap = TSV_READ_SIZE;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size < TSV_READ_SIZE - 65536)
		r->cap = (size_t)st.st_size + 65536;
	r->buf = xmalloc(r->cap + 1);
	return r;
}

struct tsv_reader *
tsv_open_path(const char *path)
{
	struct tsv_reader *r;
	int fd;

	if (strcmp(path, "-") == 0)
		return tsv_open(0, "stdin");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	r = tsv_open(fd, path);
	r->owned_fd = 1;
	return r;
}

void
tsv_close(struct tsv_reader *r)
{
	size_t i;

	if (!r)
		return;
	if (r->owned_fd)
		close(r->fd);
	for (i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	free(r->cols);
	free(r->f);
	free(r->flen);
	free(r->buf);
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

/*
 * Only lines with a byte >= 0x80 or a NUL need the slow check; testing
 * eight bytes at a time keeps plain ASCII ledgers cheap.
 */
static int
plain_ascii(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	uint64_t w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if (((w - ones) | w) & highs)
			break;
	}
	for (; i < n; i++)
		if (s[i] == '\0' || (unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
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
	size_t i, run = 0;
	const char *esc;

	buf_grow(b, n);
	for (i = 0; i < n; i++) {
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

long
tsv_split(char *line, size_t len, char **f, size_t *flen, size_t maxf,
	  char *err, size_t errlen)
{
	char *p = line, *end = line + len, *tab;
	size_t nf = 0, ok;
	int escaped;
	long n;

	if (!plain_ascii(line, len)) {
		if (memchr(line, '\0', len)) {
			snprintf(err, errlen, "NUL byte in line");
			return -1;
		}
		ok = utf8_valid_prefix(line, len);
		if (ok < len) {
			snprintf(err, errlen, "invalid UTF-8 at byte %zu", ok + 1);
			return -1;
		}
	}
	escaped = memchr(line, '\\', len) != NULL;
	for (;;) {
		tab = memchr(p, '\t', (size_t)(end - p));
		if (!tab)
			tab = end;
		if (nf < maxf) {
			*tab = '\0';
			f[nf] = p;
			flen[nf] = (size_t)(tab - p);
			if (escaped && memchr(p, '\\', flen[nf])) {
				n = tsv_unescape(p, flen[nf]);
				if (n < 0) {
					snprintf(err, errlen, "field %zu: bad escape "
					    "(only \\t \\n \\r \\\\ are allowed)", nf + 1);
					return -1;
				}
				flen[nf] = (size_t)n;
			}
		}
		nf++;
		if (tab == end)
			break;
		p = tab + 1;
	}
	return (long)nf;
}

/* Find the next line; returns its start and length, or -1 at EOF/error. */
static int
next_line(struct tsv_reader *r, char **line, size_t *len)
{
	char *nl;
	ssize_t n;

	for (;;) {
		nl = memchr(r->buf + r->start, '\n', r->end - r->start);
		if (nl) {
			*line = r->buf + r->start;
			*len = (size_t)(nl - *line);
			r->start += *len + 1;
			r->no_final_newline = 0;
			return TSV_ROW;
		}
		if (r->eof) {
			if (r->start == r->end)
				return TSV_EOF;
			*line = r->buf + r->start;
			*len = r->end - r->start;
			r->start = r->end;
			r->no_final_newline = 1;
			return TSV_ROW;
		}
		if (r->start > 0) {
			memmove(r->buf, r->buf + r->start, r->end - r->start);
			r->end -= r->start;
			r->start = 0;
		}
		if (r->end == r->cap) {
			r->cap *= 2;
			r->buf = xreallocarray(r->buf, r->cap + 1, 1);
		}
		n = read(r->fd, r->buf + r->end, r->cap - r->end);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			snprintf(r->err, sizeof r->err, "%s: read error: %s",
			    r->name, strerror(errno));
			return TSV_IOERR;
		}
		if (n == 0)
			r->eof = 1;
		r->end += (size_t)n;
	}
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
	nf = 1;
	for (i = 0; i < len; i++)
		nf += line[i] == '\t';
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

	st = get_line(r, &line, &len);
	if (st != TSV_ROW)
		return st;
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
