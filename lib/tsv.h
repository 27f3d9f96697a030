/*
 * tsv: the file format of every data file and of every program's input and
 * output (salesmgr-files(5)).
 *
 * A file is UTF-8 text, a header line of column names first, then rows with
 * exactly as many fields as the header.  Inside a field there are exactly
 * four escapes: \t \n \r \\.  Any other backslash sequence, a ragged row or
 * invalid UTF-8 is an error reported as "name:line: problem".  A leading BOM
 * is skipped and a CR before the LF is dropped.
 *
 * Writing: tsv_escape() appends a field in its escaped form.
 *
 * Reading is streaming: tsv_open() on a descriptor, then tsv_header() once,
 * then tsv_next() until it returns TSV_EOF.  Fields point into the reader's
 * buffer (unescaped in place, NUL-terminated) and stay valid only until the
 * next call; nothing is allocated per row or per field.  Reads are 4 MiB at a
 * time and lines are split with memchr, so a ledger of millions of rows costs
 * a few times what `wc -l` costs.
 *
 * A line longer than TSV_MAX_LINE is a read error (TSV_IOERR), so that
 * /dev/zero or a binary file never fills the memory; a header holding a CR
 * (a file whose lines end in CR alone) is TSV_BAD.
 *
 * Errors: tsv_next() returns TSV_BAD for a row that is malformed; the
 * message ("name:line: ...") is in tsv_error() and the reader has already
 * moved past the line, so a validator may go on and report every bad row.
 * TSV_IOERR is a read error: the reader is unusable and the caller must
 * abort (never act on a partial read).
 */
#ifndef TSV_H
#define TSV_H
#include <stddef.h>
#include "buf.h"
#include "rdbuf.h"

enum { TSV_EOF = 0, TSV_ROW = 1, TSV_BAD = -1, TSV_IOERR = -2 };

struct tsv_reader {
	/* public, read-only */
	const char *name;	/* for messages: a path, "stdin", "reps.tsv" */
	unsigned long line;	/* line number of the last line returned */
	size_t ncols;		/* columns in the header */
	char **cols;		/* header names */
	char **f;		/* fields of the current row (ncols of them) */
	size_t *flen;		/* their lengths */
	int no_final_newline;	/* the last line read had no LF: a torn tail */
	/* private */
	int (*keep)(const struct tsv_reader *r, const char *line, size_t len, void *arg);
	void *keep_arg;
	struct rdbuf in;
	size_t fcap;
	char err[512];
};

/* Start reading fd; name is used in messages.  Never fails. */
struct tsv_reader *tsv_open(int fd, const char *name);
/* Read the header line.  TSV_ROW on success, TSV_EOF for an empty file. */
int tsv_header(struct tsv_reader *r);
/* Next row: TSV_ROW, TSV_EOF, TSV_BAD (see tsv_error) or TSV_IOERR. */
int tsv_next(struct tsv_reader *r);
const char *tsv_error(const struct tsv_reader *r);
/* Index of the column with this name, or -1. */
int tsv_col(const struct tsv_reader *r, const char *name);
/*
 * From now on tsv_next() passes over, unsplit and unchecked, every line
 * for which keep(r, line, len, arg) is false: a reader that wants a few
 * rows of a big file (quota_load).  The line is raw: still escaped.
 */
void tsv_filter(struct tsv_reader *r,
		int (*keep)(const struct tsv_reader *r, const char *line, size_t len, void *arg),
		void *arg);
/*
 * For a filter: field col of a raw line (as keep() gets it), in *f and
 * *flen, when it is there and needs no unescaping (no backslash, no CR):
 * 1, else 0 (the line is then for the reader to split).
 */
int tsv_raw_field(const char *line, size_t len, int col, const char **f, size_t *flen);
/* The same for the n columns col[0 .. n), found in one walk over the
 * line's tabs: f[i] NULL (and flen[i] 0) where tsv_raw_field() gives 0,
 * as for a column below 0. */
void tsv_raw_fields(const char *line, size_t len, const int *col, size_t n, const char **f,
		    size_t *flen);
/* The fields of a raw line: its tabs and one. */
size_t tsv_count_fields(const char *line, size_t len);
/*
 * For a reader that splits most lines itself (scan.h): tsv_lines() gives
 * the bytes read and not yet consumed, raw (escaped, a CR kept), up to and
 * including the last LF among them, reading more when no whole line is
 * buffered: its length, 0 when no whole line is left (the end of the file,
 * or a last line without LF, which tsv_next() then reads), -1 on a read
 * error (tsv_error()).  tsv_consume() marks the first n of those bytes,
 * lines whole lines, as read; tsv_next() goes on after them, and r->line
 * counts them.  The data stays valid until the next call of either.
 */
long tsv_lines(struct tsv_reader *r, const char **data);
void tsv_consume(struct tsv_reader *r, size_t n, unsigned long lines);
/* Free the reader; closes fd only if it was opened by tsv_open_path. */
void tsv_close(struct tsv_reader *r);
/* Open a path ("-" is stdin) for reading; NULL with errno set on failure.
 * The input of the last tsv_preloaded() of this path is taken from there. */
struct tsv_reader *tsv_open_path(const char *path);
/* fd holds the input named path, read before the lock (input_preload):
 * the next tsv_open_path(path) or tsv_path_fd(path) reads it from there. */
void tsv_preloaded(const char *path, int fd);
/* The descriptor tsv_open_path() would read path from (any other reader,
 * csv.h's, takes it the same way): *owned says whether the caller is to
 * close it (not for stdin itself); -1 with errno set on failure. */
int tsv_path_fd(const char *path, int *owned);
/* The longest line a reader takes: anything longer is not TSV. */
#define TSV_MAX_LINE (16u << 20)

/* Split one line (no LF) in place into fields; unescape them.  Returns the
 * number of fields, or -1 with a message in err (size errlen). */
long tsv_split(char *line, size_t len, char **f, size_t *flen, size_t maxf,
	       char *err, size_t errlen);

/* Append s (n bytes) to b in escaped form. */
void tsv_escape(struct buf *b, const char *s, size_t n);
/* Unescape s in place; returns the new length or -1 for a bad escape. */
long tsv_unescape(char *s, size_t n);
/* Length of the valid UTF-8 prefix of s (n if all of it is valid). */
size_t utf8_valid_prefix(const char *s, size_t n);

#endif
