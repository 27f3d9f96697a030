#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "xalloc.h"

#define CSV_READ_SIZE (1u << 20)
#define CSV_NEED_MORE (-3)

struct csv_reader *
csv_open(int fd, const char *name)
{
	struct csv_reader *r = xcalloc(1, sizeof *r);

	r->name = name;
	rdbuf_init(&r->in, fd, CSV_READ_SIZE);
	r->next_line = 1;
	r->delim = ',';
	return r;
}

void
csv_close(struct csv_reader *r)
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
	free(r->off);
	buf_free(&r->rec);
	free(r);
}

const char *
csv_error(const struct csv_reader *r)
{
	return r->err;
}

int
csv_decimal_comma(const struct csv_reader *r)
{
	return r->delim == ';';
}

int
csv_looks_like(const char *line, size_t len)
{
	if (len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) {
		line += 3;
		len -= 3;
	}
	if (memchr(line, '\t', len))
		return 0;
	return memchr(line, ',', len) != NULL || memchr(line, ';', len) != NULL;
}

/* Read more: 1 when there is more, 0 at the end, TSV_IOERR on an error. */
static int
fill(struct csv_reader *r)
{
	return rdbuf_fill(&r->in, r->name, r->err, sizeof r->err) < 0 ? TSV_IOERR : !r->in.eof;
}

/* The next byte, -1 at the end, TSV_IOERR on a read error. */
static inline int
getbyte(struct csv_reader *r)
{
	int st;

	if (r->in.start == r->in.end && (st = fill(r)) <= 0)
		return st == 0 ? -1 : st;
	return (unsigned char)r->in.buf[r->in.start++];
}

static inline int
peekbyte(struct csv_reader *r)
{
	int st;

	if (r->in.start == r->in.end && (st = fill(r)) <= 0)
		return st == 0 ? -1 : st;
	return (unsigned char)r->in.buf[r->in.start];
}

static void
end_field(struct csv_reader *r, size_t *nf)
{
	/* off[] holds where each field starts and where the next would */
	if (*nf + 2 > r->offcap) {
		r->offcap = r->offcap ? r->offcap * 2 : 32;
		r->off = xreallocarray(r->off, r->offcap, sizeof *r->off);
	}
	buf_addc(&r->rec, '\0');
	r->off[++*nf] = r->rec.len;
}

/* Skip the rest of a broken record: up to the end of its line. */
static int
skip_line(struct csv_reader *r)
{
	int c;

	while ((c = getbyte(r)) >= 0 && c != '\n')
		;
	if (c == '\n')
		r->next_line++;
	return c == TSV_IOERR ? TSV_IOERR : TSV_BAD;
}

/*
 * One record into r->rec: its fields one after another, each ending in
 * NUL, field i starting at r->off[i]; *nf fields.
 */
static int
read_record(struct csv_reader *r, size_t *nf)
{
	enum { START, PLAIN, QUOTED, CLOSED } state = START;
	unsigned long quote_line = 0;
	int c, nul = 0;

	/* Blank lines between records are nothing. */
	for (;;) {
		c = peekbyte(r);
		if (c == TSV_IOERR)
			return c;
		if (c == -1)
			return TSV_EOF;
		if (c != '\n' && c != '\r')
			break;
		r->in.start++;
		if (c == '\n')
			r->next_line++;
	}
	r->line = r->next_line;
	buf_reset(&r->rec);
	*nf = 0;
	if (!r->offcap) {
		r->offcap = 32;
		r->off = xreallocarray(NULL, r->offcap, sizeof *r->off);
	}
	r->off[0] = 0;
	if (r->stop_delim != r->delim) {
		memset(r->stop, 0, sizeof r->stop);
		r->stop[0][(unsigned char)r->delim] = 1;
		r->stop[0]['"'] = r->stop[1]['"'] = 1;
		r->stop[0]['\n'] = r->stop[1]['\n'] = 1;
		r->stop[0]['\r'] = r->stop[1]['\r'] = 1;
		r->stop[0][0] = r->stop[1][0] = 1;
		r->stop_delim = r->delim;
	}
	for (;;) {
		/* Plain text goes in a run at a time; the machine below sees
		 * only the bytes that mean something. */
		if (state == PLAIN || state == QUOTED) {
			const char *p = r->in.buf + r->in.start, *e = r->in.buf + r->in.end, *q = p;
			const unsigned char *stop = r->stop[state == QUOTED];

			while (q < e && !stop[(unsigned char)*q])
				q++;
			buf_add(&r->rec, p, (size_t)(q - p));
			r->in.start += (size_t)(q - p);
		}
		/* As tsv.h's reader: anything longer is not an export. */
		if (r->rec.len > TSV_MAX_LINE) {
			snprintf(r->err, sizeof r->err, "%s:%lu: record longer than %u bytes "
			    "(not a CSV file?)", r->name, r->line, TSV_MAX_LINE);
			return TSV_IOERR;
		}
		c = getbyte(r);
		if (c == TSV_IOERR)
			return c;
		if (c == 0)
			nul = 1;
		switch (state) {
		case START:
			if (c == '"') {
				state = QUOTED;
				quote_line = r->next_line;
				continue;
			}
			state = PLAIN;
			/* FALLTHROUGH */
		case PLAIN:
		case CLOSED:
			if (c == r->delim) {
				end_field(r, nf);
				state = START;
				continue;
			}
			if (c == '\r' && peekbyte(r) == '\n')
				continue;
			if (c == '\n' || c == -1) {
				if (c == '\n')
					r->next_line++;
				end_field(r, nf);
				goto done;
			}
			if (state == CLOSED) {
				snprintf(r->err, sizeof r->err, "%s:%lu: field %zu: text after "
				    "the closing quote (a quote inside a field is written \"\")",
				    r->name, r->line, *nf + 1);
				return skip_line(r);
			}
			buf_addc(&r->rec, (char)c);
			continue;
		case QUOTED:
			if (c == -1) {
				snprintf(r->err, sizeof r->err, "%s:%lu: field %zu: the quote "
				    "opened on line %lu is never closed", r->name, r->line,
				    *nf + 1, quote_line);
				return TSV_BAD;
			}
			if (c == '"') {
				if (peekbyte(r) == '"') {
					r->in.start++;
					buf_addc(&r->rec, '"');
				} else
					state = CLOSED;
				continue;
			}
			/* A line break inside a field is LF, whatever the file's line ends. */
			if (c == '\r' && peekbyte(r) == '\n')
				continue;
			if (c == '\n')
				r->next_line++;
			buf_addc(&r->rec, (char)c);
			continue;
		}
	}
done:
	if (nul) {
		snprintf(r->err, sizeof r->err, "%s:%lu: NUL byte in record", r->name, r->line);
		return TSV_BAD;
	}
	if (utf8_valid_prefix(r->rec.data, r->rec.len) < r->rec.len) {
		snprintf(r->err, sizeof r->err, "%s:%lu: invalid UTF-8 (save the export "
		    "as UTF-8)", r->name, r->line);
		return TSV_BAD;
	}
	return TSV_ROW;
}

/* The delimiter the first line uses most outside quotes. */
static int
find_delim(struct csv_reader *r)
{
	size_t commas = 0, semis = 0, i;
	int inq = 0, st;
	char *nl;

	while (!(nl = memchr(r->in.buf + r->in.start, '\n', r->in.end - r->in.start)) &&
	    r->in.end - r->in.start <= TSV_MAX_LINE)
		if ((st = fill(r)) <= 0) {
			if (st < 0)
				return st;
			break;
		}
	for (i = r->in.start; i < r->in.end && r->in.buf[i] != '\n'; i++) {
		if (r->in.buf[i] == '"')
			inq = !inq;
		else if (!inq && r->in.buf[i] == ',')
			commas++;
		else if (!inq && r->in.buf[i] == ';')
			semis++;
	}
	r->delim = semis > commas ? ';' : ',';
	return 0;
}

static void
point_fields(struct csv_reader *r, size_t nf)
{
	size_t i;

	for (i = 0; i < nf && i < r->ncols; i++) {
		r->f[i] = r->rec.data + r->off[i];
		r->flen[i] = r->off[i + 1] - r->off[i] - 1;
	}
}

int
csv_header(struct csv_reader *r)
{
	size_t nf, i, j;
	int st;

	if (peekbyte(r) == TSV_IOERR)
		return TSV_IOERR;
	if (r->in.end - r->in.start >= 3 && memcmp(r->in.buf + r->in.start, "\xef\xbb\xbf", 3) == 0)
		r->in.start += 3;
	if ((st = find_delim(r)) < 0)
		return st;
	st = read_record(r, &nf);
	if (st != TSV_ROW)
		return st;
	r->ncols = nf;
	r->cols = xcalloc(nf, sizeof *r->cols);
	r->f = xcalloc(nf + 1, sizeof *r->f);
	r->flen = xcalloc(nf + 1, sizeof *r->flen);
	point_fields(r, nf);
	for (i = 0; i < nf; i++)
		r->cols[i] = xstrdup(r->f[i]);
	for (i = 0; i < nf; i++) {
		if (!*r->cols[i]) {
			snprintf(r->err, sizeof r->err, "%s:%lu: header: column %zu has no name",
			    r->name, r->line, i + 1);
			return TSV_BAD;
		}
		for (j = 0; j < i; j++)
			if (strcmp(r->cols[i], r->cols[j]) == 0) {
				snprintf(r->err, sizeof r->err, "%s:%lu: header: duplicate "
				    "column '%.64s'", r->name, r->line, r->cols[i]);
				return TSV_BAD;
			}
	}
	return TSV_ROW;
}

int
csv_next(struct csv_reader *r)
{
	size_t nf;
	int st = read_record(r, &nf);
	char other;

	if (st != TSV_ROW)
		return st;
	other = r->delim == ',' ? ';' : ',';
	if (nf < r->ncols && memchr(r->rec.data, other, r->rec.len)) {
		snprintf(r->err, sizeof r->err, "%s:%lu: mixed delimiters: the header is "
		    "separated by '%c', this line by '%c'", r->name, r->line, r->delim, other);
		return TSV_BAD;
	}
	if (nf != r->ncols) {
		snprintf(r->err, sizeof r->err, "%s:%lu: %zu fields, header has %zu%s",
		    r->name, r->line, nf, r->ncols,
		    nf > r->ncols && r->delim == ',' ? " (a comma in an unquoted field?)" : "");
		return TSV_BAD;
	}
	point_fields(r, nf);
	return TSV_ROW;
}
