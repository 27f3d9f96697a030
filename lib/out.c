#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "html.h"
#include "numfmt.h"
#include "out.h"
#include "stats.h"
#include "money.h"
#include "tsv.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct out {
	enum out_format format;
	size_t ncols;		/* the columns printed */
	size_t *pick;		/* each one's place in the caller's row */
	const char **name;	/* our copies of the column names */
	enum out_kind *kind;
	int *prio;
	const char **fields;	/* a row's printed fields */
	struct buf line;	/* the line being built, written in one go */
	/* table only: every cell in its display form, NUL-terminated, row
	 * after row (the header, if any, is the first row), the widest per
	 * column, and the header's width */
	struct buf cells;
	size_t nrows;
	size_t *width, *head;
	int header;
	int own_page;		/* html: out began the page, so out ends it */
};

/* The shared options' settings (out_set_columns() ...). */
static char **want_cols;
static size_t nwant;
static enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } color_when;
static size_t set_width;
static int width_set;

int
out_is_number(enum out_kind k)
{
	return k == OUT_INT || k == OUT_MONEY || k == OUT_NUM || k == OUT_GAP;
}

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
	    !(out_is_number(kind) && is_json_number(s));

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
		else if (out_is_number(o->kind[i]) && is_json_number(f[i]))
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

int
out_format_parse(const char *s, enum out_format *f)
{
	static const struct {
		const char *name;
		enum out_format format;
	} names[] = {
		{ "table", OUT_TABLE }, { "wide", OUT_WIDE }, { "tsv", OUT_TSV },
		{ "json", OUT_JSON }, { "html", OUT_HTML }, { "csv", OUT_CSV },
		{ "ics", OUT_ICS }, { "text", OUT_PLAIN },
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
out_is_table(enum out_format f)
{
	f = out_resolve(f);
	return f == OUT_TABLE || f == OUT_WIDE;
}

int
out_set_columns(const char *list)
{
	const char *p = list, *e;
	size_t i;

	for (i = 0; i < nwant; i++)
		free(want_cols[i]);
	free(want_cols);
	want_cols = NULL;
	nwant = 0;
	if (!list)
		return 0;
	for (;;) {
		e = strchr(p, ',');
		if (!e)
			e = p + strlen(p);
		if (e == p)
			return -1;
		want_cols = xreallocarray(want_cols, nwant + 1, sizeof *want_cols);
		want_cols[nwant++] = xstrndup(p, (size_t)(e - p));
		if (!*e)
			return 0;
		p = e + 1;
	}
}

int
out_column_wanted(const char *name)
{
	size_t i;

	for (i = 0; i < nwant; i++)
		if (strcmp(want_cols[i], name) == 0)
			return 1;
	return nwant == 0;
}

int
out_set_color(const char *when)
{
	if (strcmp(when, "auto") == 0)
		color_when = COLOR_AUTO;
	else if (strcmp(when, "always") == 0)
		color_when = COLOR_ALWAYS;
	else if (strcmp(when, "never") == 0)
		color_when = COLOR_NEVER;
	else
		return -1;
	return 0;
}

void
out_set_width(size_t width)
{
	set_width = width;
	width_set = 1;
}

int
out_color(void)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	if (color_when != COLOR_AUTO)
		return color_when == COLOR_ALWAYS;
	return isatty(STDOUT_FILENO) && (no == NULL || *no == '\0') &&
	    (term == NULL || strcmp(term, "dumb") != 0);
}

/* The width to fit a table into: the terminal's, else $COLUMNS; 0 for none. */
static size_t
table_width(void)
{
	const char *c = getenv("COLUMNS");
	struct winsize ws;
	long long n;

	if (width_set)
		return set_width;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (c && parse_uint(c, 100000, &n) == 0 && n > 0)
		return (size_t)n;
	return isatty(STDOUT_FILENO) ? 80 : 0;
}

size_t
text_fit(const char *s, size_t n, size_t width)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, w = 0, len, cw;
	uint32_t c;

	while (i < n) {
		len = utf8_decode(p + i, n - i, &c);
		cw = len ? char_width(c) : 1;
		if (!len)
			len = 1;
		if (w + cw > width)
			break;
		w += cw;
		i += len;
	}
	return i;
}

static void
table_add(struct out *o, const char *const *f, int header)
{
	size_t i, start, w;

	for (i = 0; i < o->ncols; i++) {
		start = o->cells.len;
		if (!header && out_is_number(o->kind[i]) && numfmt_is_number(f[i]))
			numfmt(&o->cells, f[i]);
		else
			add_visible(&o->cells, f[i], strlen(f[i]));
		w = text_width(o->cells.data + start, o->cells.len - start);
		if (w > o->width[i])
			o->width[i] = w;
		if (header)
			o->head[i] = w;
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

/* May a text of column i be cut, and how far? */
static size_t
narrowest(const struct out *o, size_t i)
{
	size_t w = o->width[i];

	if (o->kind[i] != OUT_TEXT || o->prio[i] == 1)
		return w;
	if (w > OUT_CUT_MIN)
		w = OUT_CUT_MIN;
	return w > o->head[i] ? w : o->head[i];
}

/* The columns to show and their widths in width cells: the least
 * important left out until the rest fit with texts cut to their narrowest,
 * then texts cut only as far as needed.  Returns how many were left out. */
static size_t
fit(const struct out *o, size_t width, int *shown, size_t *w)
{
	size_t i, total, nshown, hidden = 0, widest;
	long victim;
	int rank, best = 0;

	for (i = 0; i < o->ncols; i++) {
		shown[i] = 1;
		w[i] = o->width[i];
	}
	if (width == 0 || o->format == OUT_WIDE)
		return 0;
	for (;;) {
		for (total = 0, nshown = 0, i = 0; i < o->ncols; i++)
			if (shown[i])
				total += narrowest(o, i) + (nshown++ ? 2 : 0);
		if (total <= width || nwant)
			break;
		for (victim = -1, i = 0; i < o->ncols; i++) {
			if (!shown[i] || o->prio[i] == 1)
				continue;
			rank = o->prio[i] == 0 ? INT_MAX : o->prio[i];
			if (victim < 0 || rank >= best) {
				victim = (long)i;
				best = rank;
			}
		}
		if (victim < 0)
			break;
		shown[victim] = 0;
		hidden++;
	}
	for (total = 0, nshown = 0, i = 0; i < o->ncols; i++)
		if (shown[i])
			total += w[i] + (nshown++ ? 2 : 0);
	while (total > width) {
		for (widest = o->ncols, i = 0; i < o->ncols; i++)
			if (shown[i] && w[i] > narrowest(o, i) && (widest == o->ncols ||
			    w[i] > w[widest]))
				widest = i;
		if (widest == o->ncols)
			break;
		w[widest]--;
		total--;
	}
	return hidden;
}

#define SGR_RED "\033[31m"
#define SGR_YELLOW "\033[33m"
#define SGR_GREEN "\033[32m"
#define SGR_RESET "\033[0m"

/* The colour of a cell as shown, or NULL. */
static const char *
cell_color(const struct out *o, size_t i, const char *s)
{
	static const struct {
		const char *word, *sgr;
	} words[] = {
		{ "behind", SGR_RED }, { "weak", SGR_RED }, { "overdue", SGR_RED },
		{ "expired", SGR_RED }, { "failed", SGR_RED }, { "pip", SGR_RED },
		{ "at-risk", SGR_YELLOW }, { "due-soon", SGR_YELLOW },
		{ "expiring", SGR_YELLOW }, { "on-track", SGR_GREEN },
		{ "strong", SGR_GREEN }, { "top", SGR_GREEN },
	};
	size_t k;

	if (o->kind[i] == OUT_MONEY && *s == '-')
		return SGR_RED;
	if (o->kind[i] != OUT_STATE)
		return NULL;
	for (k = 0; k < NELEM(words); k++)
		if (strcmp(s, words[k].word) == 0)
			return words[k].sgr;
	return NULL;
}

static void
table_print(struct out *o)
{
	const char *p = o->cells.data, *sgr;
	size_t r, i, len, cw, keep, pad, hidden, nshown;
	size_t *w = xcalloc(o->ncols + 1, sizeof *w);
	int *shown = xcalloc(o->ncols + 1, sizeof *shown), color = out_color();

	hidden = fit(o, table_width(), shown, w);
	for (r = 0; r < o->nrows; r++) {
		buf_reset(&o->line);
		for (nshown = 0, i = 0; i < o->ncols; i++, p += len + 1) {
			len = strlen(p);
			if (!shown[i])
				continue;
			if (nshown++ > 0)
				add_spaces(&o->line, 2);
			cw = text_width(p, len);
			keep = len;
			if (cw > w[i]) {
				/* cut, with the ellipsis in the last cell */
				keep = text_fit(p, len, w[i] - 1);
				cw = text_width(p, keep) + 1;
			}
			pad = w[i] - cw;
			sgr = color && !(o->header && r == 0) ? cell_color(o, i, p) : NULL;
			if (o->kind[i] != OUT_TEXT && o->kind[i] != OUT_STATE)
				add_spaces(&o->line, pad);
			if (sgr)
				buf_adds(&o->line, sgr);
			buf_add(&o->line, p, keep);
			if (keep < len)
				buf_adds(&o->line, "\xe2\x80\xa6");
			if (sgr)
				buf_adds(&o->line, SGR_RESET);
			if (o->kind[i] == OUT_TEXT || o->kind[i] == OUT_STATE)
				add_spaces(&o->line, pad);
		}
		/* Padding of empty or left-aligned cells at the end of the line
		 * is invisible, and trailing blanks upset diff and copy-paste. */
		while (o->line.len > 0 && o->line.data[o->line.len - 1] == ' ')
			o->line.len--;
		buf_addc(&o->line, '\n');
		write_line(&o->line);
	}
	if (hidden) {
		buf_reset(&o->line);
		buf_printf(&o->line, "%zu column%s hidden: -o wide, or --columns\n", hidden,
		    hidden == 1 ? "" : "s");
		write_line(&o->line);
	}
	free(w);
	free(shown);
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

/* A header's name with a place to break the line after each '_', so that a
 * narrow page wraps "pipeline_weighted" rather than scroll for it. */
static void
html_header(const char *name)
{
	const char *u;

	while ((u = strchr(name, '_'))) {
		char part[128];

		snprintf(part, sizeof part, "%.*s", (int)(u - name + 1), name);
		html_text(part);
		fputs("<wbr>", stdout);
		name = u + 1;
	}
	html_text(name);
}

/* One row of an HTML table: numbers right-aligned and grouped, states
 * marked for their colour, a long text free to wrap (w), every text
 * escaped. */
static void
html_row(struct out *o, const char *const *f, int header)
{
	const char *sgr, *cls;
	size_t i;

	fputs("<tr>", stdout);
	for (i = 0; i < o->ncols; i++) {
		fputs(header ? "<th" : "<td", stdout);
		sgr = header ? NULL : cell_color(o, i, f[i]);
		cls = sgr ? (strcmp(sgr, SGR_RED) == 0 ? "bad" : strcmp(sgr, SGR_YELLOW) == 0 ?
		    "warn" : "good") : !header && o->kind[i] == OUT_TEXT && strlen(f[i]) > 24 &&
		    strchr(f[i], ' ') ? "w" : NULL;
		if (out_is_number(o->kind[i]) || cls)
			printf(" class=\"%s%s%s\"", out_is_number(o->kind[i]) ? "n" : "",
			    out_is_number(o->kind[i]) && cls ? " " : "", cls ? cls : "");
		putchar('>');
		if (header) {
			html_header(f[i]);
		} else if (out_is_number(o->kind[i]) && numfmt_is_number(f[i])) {
			buf_reset(&o->line);
			numfmt(&o->line, f[i]);
			html_text(o->line.data);
		} else {
			html_text(f[i]);
		}
		fputs(header ? "</th>" : "</td>", stdout);
	}
	fputs("</tr>\n", stdout);
}

/* The columns --columns names, by their place in cols; dies on a name
 * the table lacks, listing those it has. */
static void
pick_columns(struct out *o, const struct out_col *cols, size_t ncols)
{
	struct buf have = BUF_INIT;
	size_t i, k;

	if (!nwant) {
		for (i = 0; i < ncols; i++)
			o->pick[i] = i;
		o->ncols = ncols;
		return;
	}
	for (k = 0; k < nwant; k++) {
		for (i = 0; i < ncols && strcmp(cols[i].name, want_cols[k]) != 0; i++)
			;
		if (i == ncols) {
			for (i = 0; i < ncols; i++)
				buf_printf(&have, "%s%s", i ? "," : "", cols[i].name);
			die_status(EXIT_USAGE, "invalid --columns: no column '%.64s' here; "
			    "the columns are %s", want_cols[k], have.data ? have.data : "none");
		}
		o->pick[k] = i;
	}
	o->ncols = nwant;
}

struct out *
out_start(enum out_format f, const struct out_col *cols, size_t ncols,
    int no_header)
{
	struct out *o;
	size_t i, n = ncols > nwant ? ncols : nwant;

	o = xcalloc(1, sizeof *o);
	o->format = out_resolve(f);
	if (o->format == OUT_ICS)
		die_status(EXIT_USAGE, "-o ics: this listing has no calendar entries");
	if (o->format == OUT_PLAIN)
		die_status(EXIT_USAGE, "-o text: this listing has no text form");
	o->pick = xcalloc(n + 1, sizeof *o->pick);
	pick_columns(o, cols, ncols);
	n = o->ncols + 1;
	o->name = xcalloc(n, sizeof *o->name);
	o->kind = xcalloc(n, sizeof *o->kind);
	o->prio = xcalloc(n, sizeof *o->prio);
	o->fields = xcalloc(n, sizeof *o->fields);
	for (i = 0; i < o->ncols; i++) {
		o->name[i] = xstrdup(cols[o->pick[i]].name);
		o->kind[i] = cols[o->pick[i]].kind;
		o->prio[i] = cols[o->pick[i]].prio;
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
	} else if (out_is_table(o->format)) {
		o->width = xcalloc(n, sizeof *o->width);
		o->head = xcalloc(n, sizeof *o->head);
		o->header = !no_header;
		if (!no_header)
			table_add(o, o->name, 1);
	}
	return o;
}

void
out_row(struct out *o, const char *const *fields)
{
	size_t i;

	for (i = 0; i < o->ncols; i++)
		o->fields[i] = fields[o->pick[i]];
	switch (o->format) {
	case OUT_HTML:
		html_row(o, o->fields, 0);
		break;
	case OUT_TABLE:
	case OUT_WIDE:
		table_add(o, o->fields, 0);
		break;
	case OUT_JSON:
		json_line(o, o->fields);
		break;
	case OUT_CSV:
	case OUT_CSV_RAW:
		csv_line(o, o->fields, 0);
		break;
	default:
		tsv_line(o, o->fields);
		break;
	}
}

void
out_end(struct out *o)
{
	size_t i;

	if (out_is_table(o->format))
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
	free(o->prio);
	free(o->fields);
	free(o->pick);
	free(o->width);
	free(o->head);
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
