/*
 * csv: comma-separated values as CRMs and spreadsheets write them, for
 * --from inputs (input.h reads them through here).
 *
 * RFC 4180: a header line of column names first; fields separated by a
 * comma; a field may be quoted ("..."), and inside quotes a doubled quote
 * is one quote and commas and line breaks are text.  Also what real
 * exports carry: a leading UTF-8 BOM (skipped), CRLF line ends (the CR is
 * dropped), blank lines (skipped), and the semicolon-separated CSV that
 * Excel writes where the decimal sign is a comma (Dutch, German ...): the
 * delimiter is the one of ',' and ';' that the header line uses most
 * outside quotes, and csv_decimal_comma() then says amounts are written
 * 1.234,56.
 *
 *   r = csv_open(fd, name);          never fails
 *   st = csv_header(r);              TSV_ROW, TSV_EOF (empty), TSV_BAD, TSV_IOERR
 *   while ((st = csv_next(r)) != TSV_EOF)   TSV_ROW, TSV_BAD or TSV_IOERR
 *           ... r->f[i] (r->flen[i] bytes, NUL-terminated) ...
 *   csv_close(r);
 *
 * r->line is the physical line on which the current record starts (a
 * quoted field may span lines), so messages name the line a person finds
 * in an editor.  Fields point into the reader and stay valid until the
 * next call.
 *
 * Errors: csv_next() returns TSV_BAD for a record that is malformed
 * (a wrong number of fields, text after a closing quote, a quote left
 * open at the end of the file, invalid UTF-8, a NUL byte); the message
 * ("name:line: ...") is in csv_error() and the reader has moved past the
 * record, so a caller can report every bad one.  TSV_IOERR is a read
 * error, or a record longer than TSV_MAX_LINE (not an export): the reader
 * is unusable.
 */
#ifndef CSV_H
#define CSV_H
#include <stddef.h>
#include "buf.h"
#include "tsv.h"

struct csv_reader {
	/* public, read-only */
	const char *name;
	unsigned long line;	/* physical line the current record starts on */
	size_t ncols;
	char **cols;
	char **f;
	size_t *flen;
	char delim;		/* ',' or ';' (known after csv_header) */
	/* private */
	unsigned long next_line;	/* physical line of the next byte */
	struct rdbuf in;
	struct buf rec;		/* the current record's fields, each NUL-ended */
	size_t *off, offcap;
	char err[512];
	/* the bytes that end a run of plain [0] and quoted [1] text, for the
	 * delimiter stop_delim (0: not made yet) */
	unsigned char stop[2][256];
	char stop_delim;
};

struct csv_reader *csv_open(int fd, const char *name);
int csv_header(struct csv_reader *r);
int csv_next(struct csv_reader *r);
const char *csv_error(const struct csv_reader *r);
/* Semicolon-separated: numbers are written with a decimal comma. */
int csv_decimal_comma(const struct csv_reader *r);
void csv_close(struct csv_reader *r);

/*
 * Does this first line (len bytes, no LF) look like CSV rather than TSV:
 * no tab, and a comma or semicolon?  A BOM and a final CR are allowed.
 */
int csv_looks_like(const char *line, size_t len);

#endif
