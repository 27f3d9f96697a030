/*
 * out: what report and list programs print.
 *
 * Formats (-o): table, an aligned table for people, fitted to the width of
 * the terminal; wide, the same table with every column and nothing cut;
 * tsv with a header; csv for spreadsheets; json (JSON lines: one object
 * per row); html (a table in a self-contained page, html.h); ics, calendar
 * entries, which only the programs that make them accept (ics.h: they
 * write it themselves).  With no -o, a table when stdout is a terminal,
 * else TSV.  TSV, CSV and JSON carry every column, as canonical text,
 * whatever the terminal or the locale.
 *
 * Order of calls:
 *   out_set_columns(list), out_set_color(when)   from the shared options
 *                         (cli.h calls them), before out_start()
 *   o = out_start(format, cols, ncols, no_header);
 *   out_row(o, fields);   once per row; fields are canonical text
 *                         (money "-1234.50", dates ISO, "" for not set)
 *   out_end(o);           prints a table (which must see every row first to
 *                         pad the columns) and frees o
 * then close_stdout() (err.h) so that a failed write is an error.
 *
 * Columns.  Each program declares its columns with their kind and how much
 * they matter (prio): 1 for those a row means nothing without (the key:
 * never left out, never cut), then 2, 3 ... for the others; 0 for a column
 * nobody ranked (a user's own column of a table), which goes first.
 * --columns a,b,c (out_set_columns()) prints those columns, in that order,
 * in every format; a name the table lacks is a usage error (exit 2) that
 * lists the columns it has.
 *
 * A table is for people.  Columns are padded by display width (double-width
 * East Asian characters count 2, combining marks 0), numbers right-aligned
 * and grouped by the locale (numfmt.h: 1,234,567.89 in C, 1.234.567,89 in
 * nl_NL), control characters shown escaped so they cannot break the
 * layout.  When the table is wider than the terminal (stdout's width, else
 * $COLUMNS; a table into a pipe or file has a width only when $COLUMNS is
 * set), it is fitted: the least important columns are left out (the
 * highest prio first, the rightmost of equals first) until the rest fit
 * with long texts cut to OUT_CUT_MIN cells, then texts are cut with "…"
 * only as far as needed; a line after the table says how many columns were
 * left out ("5 columns hidden: -o wide, or --columns").  States and bars
 * (OUT_STATE) and numbers are never cut.  Nothing is fitted with -o wide or
 * --columns (texts are still cut to fit).
 *
 * Colour, in tables only: a state word (OUT_STATE) in the colour of what it
 * says (behind, weak, overdue, expired, failed, pip: red; at-risk,
 * due-soon, expiring: yellow; on-track, strong, top: green), a negative
 * amount (OUT_MONEY, not OUT_GAP) in red.  --color auto (the
 * default: only when stdout is a terminal, $NO_COLOR is unset or empty and
 * $TERM is not dumb), always or never.
 *
 * TSV rows are written as they come, and the header is flushed at once so
 * a pipeline fails fast.  In JSON, number columns are numbers, text is a
 * string, not set is null.  HTML groups numbers as a table does.
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

/* OUT_ICS and OUT_PLAIN (-o text: a program's own text for people, like
 * comp-calc's statements) are taken only by the programs whose -o says
 * so (cli.h); out_start() refuses them. */
enum out_format { OUT_AUTO, OUT_TABLE, OUT_WIDE, OUT_TSV, OUT_JSON, OUT_HTML, OUT_CSV,
	OUT_CSV_RAW, OUT_ICS, OUT_PLAIN };
/* OUT_NUM: decimal like 87.5; OUT_GAP: money whose sign is neither good
 * nor bad news (a gap to a target); OUT_STATE: a word of a few (a pace, a
 * verdict, a state) or a bar, never cut, coloured by its word. */
enum out_kind { OUT_TEXT, OUT_INT, OUT_MONEY, OUT_NUM, OUT_GAP, OUT_STATE };

/* Is a column of kind k a number (right-aligned, grouped, a JSON number)? */
int out_is_number(enum out_kind k);

struct out_col {
	const char *name;
	enum out_kind kind;
	int prio;
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
/* Is f a table for people (table or wide)? */
int out_is_table(enum out_format f);
/* --columns LIST, a comma-separated list of column names (NULL: every
 * column again); 0, or -1 when it is not one (empty, or an empty name). */
int out_set_columns(const char *list);
/* Whether --columns leaves a column named name in (1 without --columns):
 * a program need not work out what will not be printed. */
int out_column_wanted(const char *name);
/* --color auto, always or never; 0 or -1. */
int out_set_color(const char *when);
/* Set the width of tables (0: as wide as they are), as a terminal of that
 * many columns would; out_start() otherwise asks the terminal. */
void out_set_width(size_t width);
struct out *out_start(enum out_format f, const struct out_col *cols, size_t ncols, int no_header);
void out_row(struct out *o, const char *const *fields);
void out_end(struct out *o);

/* The narrowest a long text is cut to before a column is left out. */
#define OUT_CUT_MIN 12
/* Display width of UTF-8 text s (n bytes) in a terminal. */
size_t text_width(const char *s, size_t n);
/* How many bytes of s (n bytes) fit in width cells: whole characters only,
 * with the zero-width marks that follow the last one kept. */
size_t text_fit(const char *s, size_t n, size_t width);
/* Do we colour stdout?  By --color, the terminal, NO_COLOR and TERM. */
int out_color(void);

#endif
