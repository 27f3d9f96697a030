/*
 * libFuzzer target: the fast path of the ledger scanner (scan.h) against
 * the TSV reader's split.  The input is cut into whole lines and given to
 * scan_lines() with every number of fields and of wanted fields: a line
 * it calls plain must split in tsv_split() without error into exactly the
 * fields its tabs mark; any other line is left to tsv.c, so the two
 * accept and refuse the same rows and give the same fields.  Every line
 * must be met once, in order, at its place, and a stop must stop there.
 * Both ways of marking the bytes are held to it: the wide one where the
 * CPU has it, and the baseline one.  And scan_rows_at(), given every line
 * after the first (the header) where it is, the input written to a file
 * (memfd_create) for it to read: a row it hands over has the first
 * column's field that tsv_split() gives.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "scan.h"
#include "tsv.h"

enum { MAXF = 64 };

struct check {
	const char *buf, *at;	/* the input; where the next line starts */
	size_t nfields, want, seen, stop_at;
};

static int
one_line(void *arg, const char *line, size_t len, const size_t *start)
{
	struct check *c = arg;
	size_t flen[MAXF + 1], i;
	char *copy, *f[MAXF + 1], err[256];
	long nf;

	if (line != c->at || memchr(line, '\n', len) || line[len] != '\n')
		abort();
	if (c->seen++ == c->stop_at)
		return 1;
	c->at = line + len + 1;
	if (!start)
		return 0;
	copy = malloc(len + 1);
	memcpy(copy, line, len);
	nf = tsv_split(copy, len, f, flen, MAXF + 1, err, sizeof err);
	if (nf != (long)c->nfields || start[0] != 0)
		abort();
	for (i = 0; i < c->want; i++)
		if (flen[i] != start[i + 1] - start[i] - 1 ||
		    memcmp(f[i], line + start[i], flen[i]) != 0)
			abort();
	free(copy);
	return 0;
}

static void check_all(const char *buf, size_t size);

struct at_check {
	const char *buf, *end;
	const struct scan_at *at;
	size_t n, seen;
};

static int
take_any(void *arg, const char *f, size_t len)
{
	(void)arg;
	(void)f;
	(void)len;
	return 1;
}

static int
at_row(void *arg, const struct scan_row *row)
{
	struct at_check *c = arg;
	const char *line;
	size_t flen[MAXF + 1], len;
	char *copy, *f[MAXF + 1], err[256];
	long nf;

	if (c->seen >= c->n || row->line != c->at[c->seen].line)
		abort();
	line = c->buf + c->at[c->seen++].off;
	len = (size_t)((const char *)memchr(line, '\n', (size_t)(c->end - line)) - line);
	copy = malloc(len + 1);
	memcpy(copy, line, len);
	nf = tsv_split(copy, len, f, flen, MAXF + 1, err, sizeof err);
	if (nf < 1 || flen[0] != row->len[0] || memcmp(f[0], row->f[0], flen[0]) != 0)
		abort();
	free(copy);
	return 0;
}

/* scan_rows_at() over every line after the first, for the first column. */
static void
check_at(const char *buf, size_t n)
{
	static struct scan_at at[4096];
	static int fd = -1;
	const char *nl = memchr(buf, '\n', n), *p, *t;
	const char *cols[1];
	char name[256], err[SCAN_ERRSZ];
	struct at_check c = { .buf = buf, .end = buf + n, .at = at };
	long r;

	if (!nl)
		return;
	t = memchr(buf, '\t', (size_t)(nl - buf));
	if (!t)
		t = nl;
	if ((size_t)(t - buf) >= sizeof name || t == buf || buf[0] == '?')
		return;
	memcpy(name, buf, (size_t)(t - buf));
	name[t - buf] = '\0';
	cols[0] = name;
	for (p = nl + 1; p < buf + n && c.n < sizeof at / sizeof *at; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(buf + n - p));
		at[c.n] = (struct scan_at){ c.n + 2, (size_t)(p - buf) };
		c.n++;
	}
	/* the input as a file, which scan_rows_at() reads with pread */
	if (fd < 0 && (fd = memfd_create("fuzz-scan", 0)) < 0)
		abort();
	if (ftruncate(fd, 0) < 0 || pwrite(fd, buf, n, 0) != (ssize_t)n)
		abort();
	r = scan_rows_at(fd, n, "fuzz", at, c.n, cols, 1, 0, take_any, at_row, &c, err,
	    sizeof err);
	if (r != SCAN_AGAIN && (r != (long)c.n || c.seen != c.n))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	scan_wide(1);
	check_all((const char *)data, size);
	scan_wide(0);
	check_all((const char *)data, size);
	return 0;
}

static void
check_all(const char *buf, size_t size)
{
	const char *nl;
	size_t start[MAXF + 2], n, used, nf, lines_in;
	unsigned long lines;
	struct check c;

	/* Whole lines only: up to the last LF. */
	for (n = size; n > 0 && buf[n - 1] != '\n'; n--)
		;
	for (lines_in = 0, nl = buf; (nl = memchr(nl, '\n', (size_t)(buf + n - nl))); nl++)
		lines_in++;
	check_at(buf, n);
	for (nf = 1; nf <= MAXF; nf += nf < 6 ? 1 : 19) {
		memset(&c, 0, sizeof c);
		c.buf = c.at = buf;
		c.nfields = nf;
		for (c.want = 0; c.want <= nf; c.want = c.want < 3 && c.want < nf ? c.want + 1 : nf) {
			c.at = buf;
			c.seen = 0;
			c.stop_at = (size_t)-1;
			used = scan_lines(buf, n, nf, c.want, start, one_line, &c, &lines);
			if (used != n || lines != lines_in || c.seen != lines_in)
				abort();
			/* Stopped before the middle line: the lines before it done. */
			c.at = buf;
			c.seen = 0;
			c.stop_at = lines_in / 2;
			used = scan_lines(buf, n, nf, c.want, start, one_line, &c, &lines);
			if (lines_in && (lines != lines_in / 2 || used != (size_t)(c.at - buf)))
				abort();
			if (c.want == nf)
				break;
		}
	}
}
