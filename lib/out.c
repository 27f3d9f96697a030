#include <stdint.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "money.h"
#include "html.h"
#include "out.h"
#include "stats.h"
#include "tsv.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct out {
	enum out_format format;
	size_t ncols;
	const char **name;	/* our copies of the column names */
	enum out_kind *kind;
	struct buf line;	/* the line being built, written in one go */
	/* table only: every cell in its display form, NUL-terminated, row
	 * after row (the header is the first row), and the widest per column */
	struct buf cells;
	size_t nrows;
	size_t *width;
	int own_page;		/* html: out began the page, so out ends it */
};

struct range {
	uint32_t lo, hi;
};

/* Code points a terminal draws over the previous character or not at all. */
static const struct range zero_width[] = {
	{ 0x0300, 0x036f }, { 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff },
	{ 0x200b, 0x200f }, { 0x2060, 0x2064 }, { 0x20d0, 0x20ff },
	{ 0xfe20, 0xfe2f }, { 0xfeff, 0xfeff },
};

/* East Asian Wide and Fullwidth: two terminal cells. */
static const struct range double_width[] = {
	{ 0x1100, 0x115f }, { 0x2e80, 0x303e }, { 0x3041, 0x33ff },
	{ 0x3400, 0x4dbf }, { 0x4e00, 0x9fff }, { 0xa000, 0xa4cf },
	{ 0xac00, 0xd7a3 }, { 0xf900, 0xfaff }, { 0xfe30, 0xfe4f },
	{ 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x1f300, 0x1f64f },
	{ 0x1f900, 0x1f9ff }, { 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

int
out_format_parse(const char *s, enum out_format *f)
{
	static const struct {
		const char *name;
		enum out_format format;
	} names[] = {
		{ "table", OUT_TABLE }, { "tsv", OUT_TSV }, { "json", OUT_JSON },
		{ "html", OUT_HTML }, { "csv", OUT_CSV },
	};
	size_t i;

	for (i = 0; i < NELEM(names); i++) {
		if (strcmp(s, names[i].name) == 0) {
			*f = names[i].format;
			return 0;
		}
	}
	return -1;
}

enum out_format
out_resolve(enum out_format f)
{
	if (f != OUT_AUTO)
		return f;
	return isatty(STDOUT_FILENO) ? OUT_TABLE : OUT_TSV;
}

int
out_color(void)
{
	const char *no = getenv("NO_COLOR");

	return isatty(STDOUT_FILENO) && (no == NULL || *no == '\0');
}

/*
 * Decode one UTF-8 sequence at s into *c; its length, or 0 when s does not
 * start a valid one (overlong forms and surrogates are not valid: they
 * would let the same text be written two ways).
 */
static size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *c)
{
	uint32_t v, min;
	size_t len, i;

	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	if (s[0] < 0xc2)
		return 0;
	if (s[0] < 0xe0) {
		len = 2, min = 0x80, v = s[0] & 0x1f;
	} else if (s[0] < 0xf0) {
		len = 3, min = 0x800, v = s[0] & 0x0f;
	} else if (s[0] < 0xf5) {
		len = 4, min = 0x10000, v = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*c = v;
	return len;
}

static int
in_ranges(uint32_t c, const struct range *r, size_t n)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c < r[mid].lo)
			hi = mid;
		else if (c > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/* Our own tables rather than wcwidth(): the layout must not depend on
 * which locale the user happens to run in. */
static size_t
char_width(uint32_t c)
{
	if (c < 0x300)
		return 1;
	if (in_ranges(c, zero_width, NELEM(zero_width)))
		return 0;
	if (in_ranges(c, double_width, NELEM(double_width)))
		return 2;
	return 1;
}

size_t
text_width(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, w = 0, len;
	uint32_t c;

	while (i < n) {
		len = utf8_decode(p + i, n - i, &c);
		if (len == 0) {
			/* a terminal shows a bad byte as one replacement sign */
			w++;
			i++;
			continue;
		}
		w += char_width(c);
		i += len;
	}
	return w;
}

static void
write_line(const struct buf *b)
{
	/* Fail at once rather than compute the rest of a long report for a
	 * full disk; close_stdout() still catches what the buffer hides. */
	if (b->len > 0 && fwrite(b->data, 1, b->len, stdout) != b->len)
		die_errno("write error on standard output");
}

static void
tsv_line(struct out *o, const char *const *f)
{
	size_t i;

	buf_reset(&o->line);
	for (i = 0; i < o->ncols; i++) {
		if (i > 0)
			buf_addc(&o->line, '\t');
		tsv_escape(&o->line, f[i], strlen(f[i]));
	}
	buf_addc(&o->line, '\n');
	write_line(&o->line);
}

static int is_json_number(const char *s);

/* One CSV field: quoted when it must be, a formula defused unless raw. */
static void
csv_field(struct buf *b, const char *s, enum out_kind kind, int raw)
{
	int guard = !raw && strchr("=+-@\t\r", *s) && *s &&
	    !(kind != OUT_TEXT && is_json_number(s));

	if (!guard && !strpbrk(s, ",\"\r\n")) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	if (guard)
		buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

static void
csv_line(struct out *o, const char *const *f, int header)
{
	size_t i;

	buf_reset(&o->line);
	for (i = 0; i < o->ncols; i++) {
		if (i > 0)
			buf_addc(&o->line, ',');
		csv_field(&o->line, f[i], header ? OUT_TEXT : o->kind[i],
		    o->format == OUT_CSV_RAW);
	}
	buf_adds(&o->line, "\r\n");
	write_line(&o->line);
}

static void
json_string(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, len;
	uint32_t c;

	buf_addc(b, '"');
	while (i < n) {
		len = utf8_decode(p + i, n - i, &c);
		if (len == 0) {
			/* JSON must be UTF-8: keep the line parseable */
			buf_adds(b, "\\ufffd");
			i++;
			continue;
		}
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)c);
		} else if (c == '\n') {
			buf_adds(b, "\\n");
		} else if (c == '\r') {
			buf_adds(b, "\\r");
		} else if (c == '\t') {
			buf_adds(b, "\\t");
		} else if (c < 0x20) {
			buf_printf(b, "\\u%04x", (unsigned)c);
		} else {
			buf_add(b, p + i, len);
		}
		i += len;
	}
	buf_addc(b, '"');
}

static const char *
skip_digits(const char *s)
{
	while (*s >= '0' && *s <= '9')
		s++;
	return s;
}

/* The column kind promises a number, but a JSON reader rejects "+5",
 * "007" or "1,5": such text goes out as a string so the line still parses. */
static int
is_json_number(const char *s)
{
	const char *t;

	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		s = skip_digits(s);
	else
		return 0;
	if (*s == '.') {
		t = skip_digits(s + 1);
		if (t == s + 1)
			return 0;
		s = t;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		t = skip_digits(s);
		if (t == s)
			return 0;
		s = t;
	}
	return *s == '\0';
}

static void
json_line(struct out *o, const char *const *f)
{
	size_t i;

	buf_reset(&o->line);
	buf_addc(&o->line, '{');
	for (i = 0; i < o->ncols; i++) {
		if (i > 0)
			buf_addc(&o->line, ',');
		json_string(&o->line, o->name[i]);
		buf_addc(&o->line, ':');
		if (*f[i] == '\0')
			buf_adds(&o->line, "null");
		else if (o->kind[i] != OUT_TEXT && is_json_number(f[i]))
			buf_adds(&o->line, f[i]);
		else
			json_string(&o->line, f[i]);
	}
	buf_adds(&o->line, "}\n");
	write_line(&o->line);
}

static void
add_escape(struct buf *b, unsigned char c)
{
	if (c == '\t')
		buf_adds(b, "\\t");
	else if (c == '\n')
		buf_adds(b, "\\n");
	else if (c == '\r')
		buf_adds(b, "\\r");
	else
		buf_printf(b, "\\x%02x", c);
}

/*
 * Append s as a table shows it.  Control characters (C0, DEL and C1, which
 * some terminals obey) and bytes that are not UTF-8 become escapes, so a
 * cell stays on its line and cannot move the cursor or change colours.
 */
static void
add_visible(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len, k;
	uint32_t c;

	while (i < n) {
		len = utf8_decode(p + i, n - i, &c);
		if (len > 0 && c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f)) {
			buf_add(b, p + i, len);
		} else {
			if (len == 0)
				len = 1;
			for (k = 0; k < len; k++)
				add_escape(b, p[i + k]);
		}
		i += len;
	}
}

/*
 * A table is for people: money and decimals follow their locale
 * (1.234.567,89 for nl_NL), and the C locale gets 1,234,567.89.  TSV and
 * JSON never do.  The locale is looked at once and put back, so nothing
 * else the program prints changes.
 */
static char group_sep[8] = ",", decimal_sep[8] = ".";

static void
table_locale(void)
{
	static int done;
	struct lconv *lc;

	if (done++)
		return;
	if (!setlocale(LC_NUMERIC, ""))
		return;
	lc = localeconv();
	if (*lc->decimal_point && strlen(lc->decimal_point) < sizeof decimal_sep)
		strcpy(decimal_sep, lc->decimal_point);
	if (*lc->thousands_sep && strlen(lc->thousands_sep) < sizeof group_sep)
		strcpy(group_sep, lc->thousands_sep);
	else if (strcmp(decimal_sep, ",") == 0)
		strcpy(group_sep, ".");
	setlocale(LC_NUMERIC, "C");
}

static void
table_add(struct out *o, const char *const *f, int header)
{
	char money[MONEY_BUFSZ];
	const char *why, *dot;
	size_t i, start, w;
	int64_t v;

	for (i = 0; i < o->ncols; i++) {
		start = o->cells.len;
		/* Only canonical amounts are grouped: a count of deals stays "12". */
		if (!header && o->kind[i] == OUT_MONEY && *f[i] != '\0' &&
		    money_parse(f[i], &v, &why) == 0 &&
		    strcmp(money_format(v, money), f[i]) == 0)
			buf_adds(&o->cells, money_format_grouped(v, money, group_sep, decimal_sep));
		else if (!header && o->kind[i] == OUT_NUM && (dot = strchr(f[i], '.'))) {
			buf_add(&o->cells, f[i], (size_t)(dot - f[i]));
			buf_adds(&o->cells, decimal_sep);
			add_visible(&o->cells, dot + 1, strlen(dot + 1));
		} else
			add_visible(&o->cells, f[i], strlen(f[i]));
		w = text_width(o->cells.data + start, o->cells.len - start);
		if (w > o->width[i])
			o->width[i] = w;
		buf_add(&o->cells, "", 1);
	}
	o->nrows++;
}

static void
add_spaces(struct buf *b, size_t n)
{
	buf_grow(b, n);
	memset(b->data + b->len, ' ', n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void
table_print(struct out *o)
{
	const char *p = o->cells.data;
	size_t r, i, len, pad;

	for (r = 0; r < o->nrows; r++) {
		buf_reset(&o->line);
		for (i = 0; i < o->ncols; i++) {
			len = strlen(p);
			pad = o->width[i] - text_width(p, len);
			if (i > 0)
				add_spaces(&o->line, 2);
			if (o->kind[i] == OUT_TEXT) {
				buf_add(&o->line, p, len);
				add_spaces(&o->line, pad);
			} else {
				add_spaces(&o->line, pad);
				buf_add(&o->line, p, len);
			}
			p += len + 1;
		}
		/* Padding of empty or left-aligned cells at the end of the line
		 * is invisible, and trailing blanks upset diff and copy-paste. */
		while (o->line.len > 0 && o->line.data[o->line.len - 1] == ' ')
			o->line.len--;
		buf_addc(&o->line, '\n');
		write_line(&o->line);
	}
}

/* Reports may print millions of lines: hand them to the kernel in large
 * pieces.  stdio lets a stream's buffer change only while it holds
 * nothing, hence the flush, and only once, as the buffer is ours for good. */
static void
use_big_buffer(void)
{
	static char big[1 << 16];
	static int done;

	if (done)
		return;
	done = 1;
	fflush(stdout);
	setvbuf(stdout, big, _IOFBF, sizeof big);
}

/* One row of an HTML table: numbers right-aligned, every text escaped. */
static void
html_row(struct out *o, const char *const *f, int header)
{
	size_t i;

	fputs("<tr>", stdout);
	for (i = 0; i < o->ncols; i++) {
		fputs(header ? "<th" : "<td", stdout);
		if (o->kind[i] != OUT_TEXT)
			fputs(" class=\"n\"", stdout);
		putchar('>');
		html_text(f[i]);
		fputs(header ? "</th>" : "</td>", stdout);
	}
	fputs("</tr>\n", stdout);
}

struct out *
out_start(enum out_format f, const struct out_col *cols, size_t ncols,
    int no_header)
{
	struct out *o;
	size_t i;

	o = xcalloc(1, sizeof *o);
	o->format = out_resolve(f);
	o->ncols = ncols;
	o->name = xreallocarray(NULL, ncols, sizeof *o->name);
	o->kind = xreallocarray(NULL, ncols, sizeof *o->kind);
	for (i = 0; i < ncols; i++) {
		o->name[i] = xstrdup(cols[i].name);
		o->kind[i] = cols[i].kind;
	}
	use_big_buffer();
	if ((o->format == OUT_CSV || o->format == OUT_CSV_RAW) && !no_header) {
		csv_line(o, o->name, 1);
		if (fflush(stdout) == EOF)
			die_errno("write error on standard output");
	} else if (o->format == OUT_TSV && !no_header) {
		tsv_line(o, o->name);
		/* so that a pipeline into a wrong command fails at once */
		if (fflush(stdout) == EOF)
			die_errno("write error on standard output");
	} else if (o->format == OUT_HTML) {
		/* A table alone still makes a whole page. */
		if (!html_page_open()) {
			html_begin(progname);
			o->own_page = 1;
		}
		fputs("<div class=\"wrap\"><table>\n", stdout);
		if (!no_header)
			html_row(o, o->name, 1);
	} else if (o->format == OUT_TABLE) {
		table_locale();
		o->width = xcalloc(ncols, sizeof *o->width);
		if (!no_header)
			table_add(o, o->name, 1);
	}
	return o;
}

void
out_row(struct out *o, const char *const *fields)
{
	switch (o->format) {
	case OUT_HTML:
		html_row(o, fields, 0);
		break;
	case OUT_TABLE:
		table_add(o, fields, 0);
		break;
	case OUT_JSON:
		json_line(o, fields);
		break;
	case OUT_CSV:
	case OUT_CSV_RAW:
		csv_line(o, fields, 0);
		break;
	default:
		tsv_line(o, fields);
		break;
	}
}

void
out_end(struct out *o)
{
	size_t i;

	if (o->format == OUT_TABLE)
		table_print(o);
	if (o->format == OUT_HTML) {
		fputs("</table></div>\n", stdout);
		if (o->own_page)
			html_end();
	}
	for (i = 0; i < o->ncols; i++)
		free((char *)o->name[i]);
	free(o->name);
	free(o->kind);
	free(o->width);
	buf_free(&o->line);
	buf_free(&o->cells);
	free(o);
}

char *
out_number(enum out_unit u, int64_t v, char *buf)
{
	switch (u) {
	case OUT_U_MONEY:
		return money_format(v, buf);
	case OUT_U_TENTHS:
		return stats_tenths(v, buf);
	case OUT_U_HALF:
		return stats_half(v, buf);
	default:
		snprintf(buf, OUT_NUMSZ, "%lld", (long long)v);
		return buf;
	}
}
