/*
 * scan: the fast reader of one ledger month file (deals/ or activities/),
 * for reports that read millions of rows and want a few columns of each.
 *
 *   static const char *const cols[] = { "date", "rep" };
 *   n = scan_month(s, "activities", month, cols, 2, fn, arg);
 *           fn(arg, row) once per row, in file order: row->f[i], row->len[i]
 *           is column cols[i] of the row (not NUL-terminated); row->name
 *           and row->line say where it is, for messages.
 *           n: the rows, or -1 when the file does not exist.
 *
 * It is tsv.h's reader with a filter (tsv_filter) in front: a plain row
 * (no backslash, no byte that the UTF-8 or NUL checks need, the header's
 * number of fields) is split here, with one pass over its bytes and no
 * copy, and passed on; every other row goes on to tsv_next(), which
 * unescapes and checks it as it does for any table, so a file is accepted
 * or refused exactly as tsv.h would, with the same messages, and gives the
 * same fields.  A month's rows can be read independently of any other
 * month's.
 *
 * Errors are fatal, naming the file (and line) and sales-check: a missing
 * column, a malformed row, a torn last line (sales-check --repair), a read
 * error.  An empty file holds no rows (the next append gives it a header).
 */
#ifndef SCAN_H
#define SCAN_H
#include <stddef.h>
#include "ledger.h"
#include "store.h"

#define SCAN_MAXCOLS 16

struct scan_row {
	const char *f[SCAN_MAXCOLS];
	size_t len[SCAN_MAXCOLS];
	const char *name;		/* "deals/2026-11.tsv" */
	unsigned long line;
};

typedef void (*scan_fn)(void *arg, const struct scan_row *row);

long scan_month(struct store *s, const char *kind, ledger_month m, const char *const *cols,
		size_t ncols, scan_fn fn, void *arg);

/*
 * The tabs of line: how many, with start[i] (1 <= i <= want) the offset of
 * the field after the i-th tab; -1 when the line is not plain (a backslash
 * to unescape, a NUL, a byte of 0x80 or more for the UTF-8 check) or has
 * more than max tabs.  A plain line is exactly what tsv_split() would make
 * of it: its tabs split it and nothing else changes (tests/fuzz/fuzz-scan.c
 * holds the two to that).
 */
long scan_plain_tabs(const char *line, size_t len, size_t *start, size_t want, size_t max);

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
