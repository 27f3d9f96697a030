/*
 * scan: the fast reader of one ledger month file (deals/ or activities/),
 * for reports that read millions of rows and want a few columns of each.
 *
 *   static int fn(void *arg, const struct scan_row *row) { ... return 0; }
 *   static const char *const cols[] = { "date", "rep" };
 *   n = scan_month(s, "activities", month, cols, 2, fn, arg);
 *           fn(arg, row) once per row, in file order: row->f[i], row->len[i]
 *           is column cols[i] of the row (not NUL-terminated; a name
 *           with a leading '?' is optional: a file without it reads as
 *           if it were empty, as schema.h's later columns); row->name
 *           and row->line say where it is, for messages.  fn returns 0 to
 *           go on, or scan_fail(row, ...) to stop with a message.
 *           n: the rows, or -1 when the file does not exist.
 *
 * The file is read in large blocks and split by one pass over each block
 * that marks its line ends, tabs and special bytes sixteen bytes at a
 * time.  A plain line (no backslash, no control byte but the tabs, no byte
 * of 0x80 or more: nothing the escapes, the UTF-8 or the NUL checks need
 * to look at; the header's number of fields) is split there, with no copy,
 * and passed on; every other line goes to tsv_next(), which unescapes and
 * checks it as it does for any table, so a file is accepted or refused
 * exactly as tsv.h would, with the same messages, and gives the same
 * fields (tests/fuzz/fuzz-scan.c holds the two to that).
 *
 * Months in other threads (history.h and perf.h parse several at once):
 *
 *   fd = ledger_open(s, kind, m);     in the thread that owns the store
 *   n = scan_fd(fd, name, cols, ncols, fn, arg, err, sizeof err);
 *           in any thread; it closes fd.  It never dies: a problem (and
 *           fn's own, from scan_fail) stops it with -2 and the message in
 *           err, for the owner of the month to die with when it comes to
 *           that month, so that problems are told in the order a single
 *           thread would meet them.
 *
 * Errors: scan_month() dies with the message, naming the file (and line)
 * and sales-check: a missing column, a malformed row, a torn last line
 * (sales-check --repair), a read error.  An empty file holds no rows (the
 * next append gives it a header).
 */
#ifndef SCAN_H
#define SCAN_H
#include <stddef.h>
#include "ledger.h"
#include "store.h"

#define SCAN_MAXCOLS 24	/* the deal ledger has 17 */
#define SCAN_ERRSZ 512

struct scan_row {
	const char *f[SCAN_MAXCOLS];
	size_t len[SCAN_MAXCOLS];
	const char *name;		/* "deals/2026-11.tsv" */
	unsigned long line;
	char *err;			/* SCAN_ERRSZ bytes: scan_fail()'s message */
};

typedef int (*scan_fn)(void *arg, const struct scan_row *row);

long scan_month(struct store *s, const char *kind, ledger_month m, const char *const *cols,
		size_t ncols, scan_fn fn, void *arg);
long scan_fd(int fd, const char *name, const char *const *cols, size_t ncols, scan_fn fn,
	     void *arg, char *err, size_t errlen);
/*
 * The same handing fn only the rows for which keep(arg, f, len) of
 * column cols[key] is not 0 (a replay of a few deals among millions of
 * rows): a plain line is split no further than that column unless it is
 * taken, and the others are skipped (counted, not checked).  An optional
 * key the file lacks takes every row.
 */
typedef int (*scan_keep_fn)(void *arg, const char *f, size_t len);
long scan_fd_keep(int fd, const char *name, const char *const *cols, size_t ncols, size_t key,
		  scan_keep_fn keep, scan_fn fn, void *arg, char *err, size_t errlen);
/* scan_month() so, keep NULL taking every row. */
long scan_month_keep(struct store *s, const char *kind, ledger_month m, const char *const *cols,
		     size_t ncols, size_t key, scan_keep_fn keep, scan_fn fn, void *arg);

/* The message of a row that fn refuses ("name:line: " is not added):
 * returns -1, for fn to return. */
int scan_fail(const struct scan_row *row, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The same for the rows at known places of file fd (len bytes, its
 * header first), read with pread (the offset of fd is left): the n rows
 * whose line numbers and byte offsets are at[i] (dealindex.h's rows by
 * deal), in that order, to fn, as scan_fd_keep() would hand them over.
 * Each must be a whole, plain line (above) with the header's fields,
 * after the one before, that keep() takes, else SCAN_AGAIN before any is
 * handed over: the file is then for scan_fd_keep() to read through, which
 * checks and tells what is wrong (a read that fails too).  -2 with the
 * message in err when fn refuses a row.
 */
#define SCAN_AGAIN (-3)
struct scan_at {
	unsigned long line;
	size_t off;
};
long scan_rows_at(int fd, size_t len, const char *name, const struct scan_at *at, size_t n,
		  const char *const *cols, size_t ncols, size_t key, scan_keep_fn keep,
		  scan_fn fn, void *arg, char *err, size_t errlen);
/*
 * What scan_rows_at() reads: the header line and the lines at at[0 .. n)
 * of fd (len bytes), each with its LF, into *out (*outlen bytes,
 * allocated), the offset of each there in to[i]: 0, or -1 when one is not
 * a whole line after the one before, or the file cannot be read.  Lines
 * at most 4 KiB apart are read with one pread, each other with its own: a
 * few hundred rows among the pages of a month file cost a few hundred
 * reads, cheaper than as many faults of a mapping and its unmapping.
 */
int scan_gather(int fd, size_t len, const struct scan_at *at, size_t n, char **out,
		size_t *outlen, size_t *to);

/*
 * The lines of buf (n bytes, whole lines, the last ending in LF), in
 * order: fn(arg, line, len, start) for each, where len leaves out the LF
 * and start is NULL for a line that is not plain (above) or does not have
 * nfields fields; for a plain one, start[i] (0 <= i <= want, want <=
 * nfields) is where field i starts in line, and start[nfields] is len + 1
 * when want == nfields: field i (i < want) is line + start[i], of
 * start[i + 1] - start[i] - 1 bytes.  start has room for want + 1.  fn
 * returns 0 to go on; anything else stops before that line.  Returns the
 * bytes of the lines done, and their number in *lines.
 */
typedef int (*scan_line_fn)(void *arg, const char *line, size_t len, const size_t *start);
size_t scan_lines(const char *buf, size_t n, size_t nfields, size_t want, size_t *start,
		  scan_line_fn fn, void *arg, unsigned long *lines);
/* scan_lines() marks 64 bytes with one AVX-512BW compare a kind where the
 * CPU has it, else with SSE2.  scan_wide(0) keeps it to SSE2 and
 * scan_wide(1) lets it choose again, for tests of both: returns what was
 * chosen before (1 wide, 0 not, -1 nothing yet).  Not for threads: call
 * it before any scan. */
int scan_wide(int on);

/* memmem(): the first place of the m bytes of needle in the n bytes of
 * hay, or NULL.  Only places where the needle's first and last bytes both
 * stand are compared, sixteen or (AVX-512BW, as scan_lines) 64 at a time:
 * a few times quicker than memmem() over a file for an id such as
 * "r0001" or a line's tab-joined key. */
const char *scan_find(const char *hay, size_t n, const char *needle, size_t m);

/* Are the n bytes at a and at b the same?  Inline, as the ids and names a
 * report compares are a few bytes: cheaper than a call. */
static inline int
scan_same(const char *a, const char *b, size_t n)
{
	for (; n > 0 && *a == *b; a++, b++)
		n--;
	return n == 0;
}

/* The day of field i when it is a date of the month whose first 8 bytes
 * of text are prefix ("2026-11-"), 1 to 31, without checking the month's
 * length; 0 for anything else. */
int scan_day(const struct scan_row *row, size_t i, const char *prefix);

/* strcmp() of field i and s (ISO dates compare as text). */
int scan_cmp(const struct scan_row *row, size_t i, const char *s);

/* A field as a C string in buf (n bytes, cut if longer): for messages and
 * for the general parsers (date_parse, money_parse) on the rare path. */
const char *scan_text(const struct scan_row *row, size_t i, char *buf, size_t n);

#endif
