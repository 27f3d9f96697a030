/*
 * out: what report and list programs print.
 *
 * Formats: an aligned table when stdout is a terminal, TSV with a header
 * otherwise; -o/--format picks table, tsv, json (JSON lines: one object
 * per row) or html (a table in a self-contained page, html.h).  TSV
 * fields are escaped (tsv_escape); TSV, JSON and HTML never depend on the
 * locale.
 *
 * Order of calls:
 *   o = out_start(format, cols, ncols, no_header);
 *   out_row(o, fields);   once per row; fields are canonical text
 *                         (money "-1234.50", dates ISO, "" for not set)
 *   out_end(o);           prints a table (which must see every row first to
 *                         pad the columns) and frees o
 * then close_stdout() (err.h) so that a failed write is an error.
 *
 * In a table, columns are padded by display width (double-width East Asian
 * characters count 2, combining marks 0), numbers and money are right-aligned
 * and money (canonical amounts only: a count stays "1000") is shown with
 * the grouping and decimal sign of the locale (1,234,567.89 in C,
 * 1.234.567,89 in nl_NL); control characters are
 * shown escaped so they cannot break the layout.  TSV rows are written as
 * they come, and the header is flushed at once so a pipeline fails fast.
 * In JSON, int and money columns are numbers, text is a string, not set is
 * null.
 *
 * CSV (-o csv) is RFC 4180 for spreadsheets: comma-separated, CRLF line
 * ends, a field quoted when it holds a comma, quote, CR or LF (a quote
 * doubled).  A cell that a spreadsheet would run as a formula (beginning
 * with =, +, -, @, tab or CR: OWASP's advice against CSV injection) gets a
 * ' in front, unless it is a number in a number column; OUT_CSV_RAW
 * (--raw) leaves every cell as it is.
 */
#ifndef OUT_H
#define OUT_H
#include <stddef.h>
#include <stdint.h>

enum out_format { OUT_AUTO, OUT_TABLE, OUT_TSV, OUT_JSON, OUT_HTML, OUT_CSV, OUT_CSV_RAW };
enum out_kind { OUT_TEXT, OUT_INT, OUT_MONEY, OUT_NUM };	/* OUT_NUM: decimal like 87.5 */

struct out_col {
	const char *name;
	enum out_kind kind;
};

struct out;

/*
 * The numbers in engines' rows are int64 in a unit; out_number() gives the
 * canonical text of one: money in minor units ("-1234.50"), a count, tenths
 * (87.5: a percentage to a tenth, a rate per week) or a doubled value (a
 * median: 9 -> "4.5", 8 -> "4").  buf: OUT_NUMSZ bytes; returns buf.
 */
enum out_unit { OUT_U_MONEY, OUT_U_COUNT, OUT_U_TENTHS, OUT_U_HALF };
#define OUT_NUMSZ 48
char *out_number(enum out_unit u, int64_t v, char *buf);

/* Parse a -o value; 0 or -1. */
int out_format_parse(const char *s, enum out_format *f);
/* OUT_AUTO resolved: table on a terminal, else tsv. */
enum out_format out_resolve(enum out_format f);
struct out *out_start(enum out_format f, const struct out_col *cols, size_t ncols, int no_header);
void out_row(struct out *o, const char *const *fields);
void out_end(struct out *o);

/* Display width of UTF-8 text s (n bytes) in a terminal. */
size_t text_width(const char *s, size_t n);
/* May we use colour?  stdout a terminal and NO_COLOR unset or empty. */
int out_color(void);

#endif
