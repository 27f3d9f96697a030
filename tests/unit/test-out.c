#include <fcntl.h>
#include <locale.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "numfmt.h"
#include "out.h"
#include "unit.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* out writes to stdout, and so does the harness: point descriptor 1 at a
 * temporary file while out runs, then read back what it wrote. */
static char captured[1 << 20];
static FILE *capture_file;
static int saved_stdout = -1;

static void
capture_begin(void)
{
	fflush(stdout);
	if (!(capture_file = tmpfile()) ||
	    (saved_stdout = dup(STDOUT_FILENO)) < 0 ||
	    dup2(fileno(capture_file), STDOUT_FILENO) < 0) {
		perror("test-out: capture");
		exit(1);
	}
}

static const char *
capture_end(void)
{
	size_t n;

	fflush(stdout);
	dup2(saved_stdout, STDOUT_FILENO);
	close(saved_stdout);
	rewind(capture_file);
	n = fread(captured, 1, sizeof captured - 1, capture_file);
	captured[n] = '\0';
	fclose(capture_file);
	return captured;
}

/* What is already in the capture file, without flushing stdout. */
static const char *
capture_peek(void)
{
	ssize_t n = pread(fileno(capture_file), captured, sizeof captured - 1, 0);

	captured[n > 0 ? n : 0] = '\0';
	return captured;
}

static const char *
render(enum out_format f, const struct out_col *cols, size_t ncols,
    int no_header, const char *const *cells, size_t nrows)
{
	struct out *o;
	size_t r;

	capture_begin();
	o = out_start(f, cols, ncols, no_header);
	for (r = 0; r < nrows; r++)
		out_row(o, cells + r * ncols);
	out_end(o);
	return capture_end();
}

static int
has_trailing_space(const char *s)
{
	return strstr(s, " \n") != NULL;
}

static void
test_format_parse(void)
{
	enum out_format f = OUT_AUTO;

	CHECK(out_format_parse("table", &f) == 0 && f == OUT_TABLE, "parse table");
	CHECK(out_format_parse("tsv", &f) == 0 && f == OUT_TSV, "parse tsv");
	CHECK(out_format_parse("json", &f) == 0 && f == OUT_JSON, "parse json");
	f = OUT_TSV;
	CHECK(out_format_parse("TSV", &f) == -1, "parse is case-sensitive");
	CHECK(out_format_parse("", &f) == -1, "parse empty");
	CHECK(out_format_parse("tables", &f) == -1, "parse longer word");
	CHECK(out_format_parse("html", &f) == 0 && f == OUT_HTML, "parse html");
	f = OUT_TSV;
	CHECK(out_format_parse("xml", &f) == -1, "parse xml is not ours");
	CHECK(f == OUT_TSV, "failed parse leaves format alone");
	CHECK(out_resolve(OUT_JSON) == OUT_JSON, "resolve keeps explicit format");
	CHECK(out_resolve(OUT_TABLE) == OUT_TABLE, "resolve keeps table");
}

static void
test_text_width(void)
{
	CHECK_INT(text_width("", 0), 0, "width of empty");
	CHECK_INT(text_width("abc", 3), 3, "width of ascii");
	CHECK_INT(text_width("Zo\xc3\xab", 4), 3, "width of precomposed Zoë");
	CHECK_INT(text_width("Zoe\xcc\x88", 5), 3, "width of Zoë with combining mark");
	CHECK_INT(text_width("e\xe2\x83\x97", 4), 1, "combining mark for symbols");
	CHECK_INT(text_width("\xe6\x9d\xb1\xe4\xba\xac", 6), 4, "width of 東京");
	CHECK_INT(text_width("\xe6\x9d\xb1\xe4\xba\xac", 3), 2, "width honours n");
	CHECK_INT(text_width("\xed\x95\x9c", 3), 2, "hangul syllable is wide");
	CHECK_INT(text_width("\xe1\x84\x80", 3), 2, "hangul jamo is wide");
	CHECK_INT(text_width("\xef\xbc\xa1", 3), 2, "fullwidth A is wide");
	CHECK_INT(text_width("\xef\xbd\xb1", 3), 1, "halfwidth katakana is narrow");
	CHECK_INT(text_width("\xf0\x9f\x8d\x95", 4), 2, "pizza emoji is wide");
	CHECK_INT(text_width("\xf0\x9f\xa7\x90", 4), 2, "U+1F9D0 is wide");
	CHECK_INT(text_width("\xf0\xa0\x80\x80", 4), 2, "U+20000 is wide");
	CHECK_INT(text_width("\xf0\xaf\xbf\xbe", 4), 1, "U+2FFFE is narrow");
	CHECK_INT(text_width("a\xe2\x80\x8b" "b", 5), 2, "zero width space");
	CHECK_INT(text_width("\xef\xbb\xbf" "x", 4), 1, "BOM is zero width");
	CHECK_INT(text_width("\xe2\x81\xa4", 3), 0, "U+2064 is zero width");
	CHECK_INT(text_width("\xe2\x81\xa5", 3), 1, "U+2065 is not");
	CHECK_INT(text_width("\xe3\x80\xbf", 3), 1, "U+303F is narrow");
	CHECK_INT(text_width("\xe3\x81\x81", 3), 2, "U+3041 is wide");
	CHECK_INT(text_width("\xea\xb0\x80", 3), 2, "U+AC00 is wide");
	CHECK_INT(text_width("\xed\x9e\xa4", 3), 1, "U+D7A4 is narrow");
	CHECK_INT(text_width("\xff", 1), 1, "invalid byte counts one");
	CHECK_INT(text_width("\xe6\x9d", 2), 2, "truncated sequence: one per byte");
	CHECK_INT(text_width("\xc0\x80", 2), 2, "overlong NUL is two bad bytes");
	CHECK_INT(text_width("\xed\xa0\x80", 3), 3, "surrogate is three bad bytes");
	CHECK_INT(text_width("\xf4\x90\x80\x80", 4), 4, "past U+10FFFF is bad");
}

static int
encode(unsigned long c, char *s)
{
	if (c < 0x80) {
		s[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		s[0] = (char)(0xc0 | c >> 6);
		s[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		s[0] = (char)(0xe0 | c >> 12);
		s[1] = (char)(0x80 | (c >> 6 & 0x3f));
		s[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	s[0] = (char)(0xf0 | c >> 18);
	s[1] = (char)(0x80 | (c >> 12 & 0x3f));
	s[2] = (char)(0x80 | (c >> 6 & 0x3f));
	s[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* Every code point against a plain linear reading of the ranges in the
 * brief, so a mis-sorted table or a slip in the search shows up. */
static void
test_width_all(void)
{
	static const unsigned long zero[][2] = {
		{ 0x0300, 0x036f }, { 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff },
		{ 0x20d0, 0x20ff }, { 0xfe20, 0xfe2f }, { 0x200b, 0x200f },
		{ 0x2060, 0x2064 }, { 0xfeff, 0xfeff },
	};
	static const unsigned long wide[][2] = {
		{ 0x1100, 0x115f }, { 0x2e80, 0x303e }, { 0x3041, 0x33ff },
		{ 0x3400, 0x4dbf }, { 0x4e00, 0x9fff }, { 0xa000, 0xa4cf },
		{ 0xac00, 0xd7a3 }, { 0xf900, 0xfaff }, { 0xfe30, 0xfe4f },
		{ 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x1f300, 0x1f64f },
		{ 0x1f900, 0x1f9ff }, { 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
	};
	unsigned long c, bad = 0, first = 0;
	size_t i, want, got;
	char s[4];

	for (c = 0; c <= 0x10ffff; c++) {
		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		want = 1;
		for (i = 0; i < NELEM(zero); i++)
			if (c >= zero[i][0] && c <= zero[i][1])
				want = 0;
		for (i = 0; i < NELEM(wide); i++)
			if (c >= wide[i][0] && c <= wide[i][1])
				want = 2;
		got = text_width(s, (size_t)encode(c, s));
		if (got != want && bad++ == 0)
			first = c;
	}
	CHECK(bad == 0, "width of every code point (first wrong: U+%04lX)", first);
}

static void
test_tsv(void)
{
	static const struct out_col cols[] = {
		{ "name", OUT_TEXT, 1 }, { "amount", OUT_MONEY, 1 },
	};
	static const char *const rows[] = {
		"a\tb", "1234.50",
		"line1\nline2", "-3.00",
		"back\\slash", "",
		"cr\r", "Zo\xc3\xab",
	};
	const char *want_rows =
	    "a\\tb\t1234.50\n"
	    "line1\\nline2\t-3.00\n"
	    "back\\\\slash\t\n"
	    "cr\\r\tZo\xc3\xab\n";
	char want[256], early[64], later[64];
	struct out *o;

	snprintf(want, sizeof want, "name\tamount\n%s", want_rows);
	CHECK_STR(render(OUT_TSV, cols, 2, 0, rows, 4), want, "tsv escapes and header");
	CHECK_STR(render(OUT_TSV, cols, 2, 1, rows, 4), want_rows, "tsv no header");
	CHECK_STR(render(OUT_TSV, cols, 2, 0, rows, 0), "name\tamount\n", "tsv no rows");
	CHECK_STR(render(OUT_AUTO, cols, 2, 0, rows, 4), want,
	    "auto is tsv when stdout is not a terminal");

	capture_begin();
	o = out_start(OUT_TSV, cols, 2, 0);
	snprintf(early, sizeof early, "%s", capture_peek());
	out_row(o, rows);
	snprintf(later, sizeof later, "%s", capture_peek());
	out_end(o);
	capture_end();
	CHECK_STR(early, "name\tamount\n", "tsv header is flushed at start");
	CHECK_STR(later, "name\tamount\n", "tsv rows wait in the buffer");
}

static void
test_tsv_many(void)
{
	static const struct out_col cols[] = { { "n", OUT_INT, 1 } };
	static char num[20000][8];
	const char *f[1];
	struct out *o;
	const char *s;
	size_t i;
	int ok = 1;

	capture_begin();
	o = out_start(OUT_TSV, cols, 1, 1);
	for (i = 0; i < NELEM(num); i++) {
		snprintf(num[i], sizeof num[i], "%zu", i);
		f[0] = num[i];
		out_row(o, f);
	}
	out_end(o);
	s = capture_end();
	for (i = 0; i < NELEM(num) && ok; i++) {
		ok = strncmp(s, num[i], strlen(num[i])) == 0 &&
		    s[strlen(num[i])] == '\n';
		s += strlen(num[i]) + 1;
	}
	CHECK(ok && *s == '\0', "tsv keeps 20000 rows whole past the buffer");
}

static void
test_json(void)
{
	static const struct out_col cols[] = {
		{ "name", OUT_TEXT, 1 }, { "deals", OUT_INT, 1 }, { "amount", OUT_MONEY, 1 },
		{ "rate", OUT_NUM, 1 }, { "note", OUT_TEXT, 1 },
	};
	static const char *const rows[] = {
		"Zo\xc3\xab \"Z\"", "3", "-1234.50", "87.5", "a\\b\n\t\r\x01\x1f\x7f/",
		"", "", "", "", "\xe6\x9d\xb1\xe4\xba\xac",
		"x", "+5", "007", "1e3", "bad\xff",
		"0", "-0", "0.5", ".5", "12",
	};
	const char *want =
	    "{\"name\":\"Zo\xc3\xab \\\"Z\\\"\",\"deals\":3,\"amount\":-1234.50,"
	    "\"rate\":87.5,\"note\":\"a\\\\b\\n\\t\\r\\u0001\\u001f\x7f/\"}\n"
	    "{\"name\":null,\"deals\":null,\"amount\":null,\"rate\":null,"
	    "\"note\":\"\xe6\x9d\xb1\xe4\xba\xac\"}\n"
	    "{\"name\":\"x\",\"deals\":\"+5\",\"amount\":\"007\",\"rate\":1e3,"
	    "\"note\":\"bad\\ufffd\"}\n"
	    "{\"name\":\"0\",\"deals\":-0,\"amount\":0.5,\"rate\":\".5\","
	    "\"note\":\"12\"}\n";
	static const struct out_col odd[] = { { "a\"b", OUT_TEXT, 1 } };
	static const char *const one[] = { "v" };

	CHECK_STR(render(OUT_JSON, cols, 5, 0, rows, 4), want, "json typing and escapes");
	CHECK_STR(render(OUT_JSON, cols, 5, 1, rows, 4), want, "json ignores no_header");
	CHECK_STR(render(OUT_JSON, cols, 5, 0, rows, 0), "", "json no rows, no output");
	CHECK_STR(render(OUT_JSON, odd, 1, 0, one, 1), "{\"a\\\"b\":\"v\"}\n",
	    "json escapes keys");
}

static void
test_table_ascii(void)
{
	static const struct out_col cols[] = {
		{ "name", OUT_TEXT, 1 }, { "deals", OUT_INT, 1 }, { "amount", OUT_MONEY, 1 },
	};
	static const char *const rows[] = {
		"ann", "3", "1234567.89",
		"bob", "12", "-1234.50",
		"cy", "", "999.99",
		"dee", "0", "-0.05",
		"eve", "100000", "n/a",
	};
	const char *want =
	    "name    deals        amount\n"
	    "ann         3  1,234,567.89\n"
	    "bob        12     -1,234.50\n"
	    "cy                   999.99\n"
	    "dee         0         -0.05\n"
	    "eve   100,000           n/a\n";
	const char *got;

	got = render(OUT_TABLE, cols, 3, 0, rows, 5);
	CHECK_STR(got, want, "table aligns, right-aligns numbers, groups money and counts");
	CHECK(!has_trailing_space(got), "table has no trailing spaces");
	CHECK_STR(render(OUT_TABLE, cols, 3, 1, rows, 2),
	    "ann   3  1,234,567.89\n"
	    "bob  12     -1,234.50\n",
	    "table no header: widths from rows only");
	CHECK_STR(render(OUT_TABLE, cols, 3, 0, rows, 0),
	    "name  deals  amount\n", "table with no rows");
}

static void
test_table_trailing(void)
{
	static const struct out_col cols[] = {
		{ "name", OUT_TEXT, 1 }, { "note", OUT_TEXT, 1 }, { "n", OUT_INT, 1 },
	};
	static const char *const rows[] = {
		"alice", "", "",
		"b", "hi", "",
		"", "", "7",
	};
	const char *got;

	got = render(OUT_TABLE, cols, 3, 0, rows, 3);
	CHECK_STR(got,
	    "name   note  n\n"
	    "alice\n"
	    "b      hi\n"
	    "             7\n",
	    "empty cells at the end leave no padding");
	CHECK(!has_trailing_space(got), "no trailing spaces with empty cells");
}

static void
test_table_unicode(void)
{
	static const struct out_col cols[] = {
		{ "n", OUT_TEXT, 1 }, { "city", OUT_TEXT, 1 }, { "k", OUT_INT, 1 },
	};
	static const char *const rows[] = {
		"Zo\xc3\xab", "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd", "1",
		"Zoe\xcc\x88", "Paris", "22",
		"Al", "\xef\xbc\xa1", "333",
	};

	CHECK_STR(render(OUT_TABLE, cols, 3, 0, rows, 3),
	    "n    city      k\n"
	    "Zo\xc3\xab  \xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd    1\n"
	    "Zoe\xcc\x88  Paris    22\n"
	    "Al   \xef\xbc\xa1      333\n",
	    "table pads by display width (Zoë both ways, CJK, fullwidth)");
}

static void
test_table_controls(void)
{
	static const struct out_col cols[] = {
		{ "a", OUT_TEXT, 1 }, { "b", OUT_TEXT, 1 },
	};
	static const char *const rows[] = {
		"x\ty\nz\r", "\x1b[31mred\x7f",
		"\xff\xc2\x9b", "ok",
		"back\\", "\x01",
	};
	const char *got;

	got = render(OUT_TABLE, cols, 2, 0, rows, 3);
	CHECK_STR(got,
	    "a             b\n"
	    "x\\ty\\nz\\r     \\x1b[31mred\\x7f\n"
	    "\\xff\\xc2\\x9b  ok\n"
	    "back\\         \\x01\n",
	    "table escapes control characters and bad bytes");
	CHECK(strchr(got, '\x1b') == NULL && strchr(got, '\t') == NULL &&
	    strchr(got, '\r') == NULL, "no raw control characters in a table");
}

static void
test_table_money_edge(void)
{
	static const struct out_col cols[] = { { "amount", OUT_MONEY, 1 } };
	static const char *const rows[] = {
		"0", "12.5", "-999.99", "1000", "-1000000", "1,000.00", "12.345",
		"12345.60", "-12345.60",
	};

	/* A number is grouped as it is (a column of targets may hold a count
	 * of deals, "1,000", not "1,000.00"); text that is not one is shown
	 * as it is. */
	CHECK_STR(render(OUT_TABLE, cols, 1, 0, rows, NELEM(rows)),
	    "    amount\n"
	    "         0\n"
	    "      12.5\n"
	    "   -999.99\n"
	    "     1,000\n"
	    "-1,000,000\n"
	    "  1,000.00\n"
	    "    12.345\n"
	    " 12,345.60\n"
	    "-12,345.60\n",
	    "table money: numbers grouped, the rest shown as is");
}

static void
test_text_fit(void)
{
	CHECK_INT(text_fit("abcdef", 6, 3), 3, "fit: ascii cut at the width");
	CHECK_INT(text_fit("abc", 3, 10), 3, "fit: short text whole");
	CHECK_INT(text_fit("abc", 3, 0), 0, "fit: nothing in no cells");
	CHECK_INT(text_fit("Zo\xc3\xab" "x", 5, 3), 4, "fit: a two-byte letter stays whole");
	CHECK_INT(text_fit("Zoe\xcc\x88" "x", 6, 3), 5, "fit: a combining mark stays with its letter");
	CHECK_INT(text_fit("\xe6\x9d\xb1\xe4\xba\xac", 6, 3), 3,
	    "fit: a wide character that does not fit is left out");
	CHECK_INT(text_fit("\xe6\x9d\xb1\xe4\xba\xac", 6, 4), 6, "fit: two wide characters in 4");
	CHECK_INT(text_fit("a\xff" "b", 3, 2), 2, "fit: a bad byte counts one cell");
}

/* Every line of s at most width display cells wide? */
static int
lines_fit(const char *s, size_t width)
{
	const char *e;

	for (; *s; s = e + 1) {
		e = strchr(s, '\n');
		if (!e || text_width(s, (size_t)(e - s)) > width)
			return 0;
	}
	return 1;
}

static void
test_fit(void)
{
	static const struct out_col cols[] = {
		{ "rep", OUT_TEXT, 1 }, { "name", OUT_TEXT, 2 }, { "won", OUT_MONEY, 1 },
		{ "pace", OUT_STATE, 2 }, { "deals", OUT_INT, 4 }, { "note", OUT_TEXT, 5 },
		{ "extra", OUT_TEXT, 0 },
	};
	static const char *const rows[] = {
		"ann", "Ann van den Berg-Oosterhout", "1234567.89", "on-track", "12", "a note", "x",
		"bob", "\xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1\xe4\xba\xac"
		    "\xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1", "-5.00", "behind", "3", "", "y",
	};
	const char *got;

	out_set_width(0);
	got = render(OUT_TABLE, cols, 7, 0, rows, 2);
	CHECK(strstr(got, "Ann van den Berg-Oosterhout") && strstr(got, "extra") &&
	    !strstr(got, "hidden"), "width 0: the whole table");

	out_set_width(200);
	got = render(OUT_TABLE, cols, 7, 0, rows, 2);
	CHECK(strstr(got, "extra") && !strstr(got, "hidden"), "a wide terminal: every column");

	out_set_width(60);
	got = render(OUT_TABLE, cols, 7, 0, rows, 2);
	/* 18 cells of names cut to 16: seven wide characters, the
	 * ellipsis, and one cell of padding where the eighth would not fit */
	CHECK_STR(got,
	    "rep  name                       won  pace      deals  note\n"
	    "ann  Ann van den Ber\xe2\x80\xa6  1,234,567.89  on-track     12  a note\n"
	    "bob  \xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1\xe4\xba\xac"
	    "\xe6\x9d\xb1\xe2\x80\xa6          -5.00  behind        3\n"
	    "1 column hidden: -o wide, or --columns\n",
	    "width 60: the unranked column goes, names are cut with an ellipsis");
	CHECK(lines_fit(got, 60), "width 60: no line is wider");

	out_set_width(40);
	got = render(OUT_TABLE, cols, 7, 0, rows, 2);
	/* note (5), deals (4), then of name and pace (2) the rightmost */
	CHECK_STR(got,
	    "rep  name                            won\n"
	    "ann  Ann van den Berg-Oos\xe2\x80\xa6  1,234,567.89\n"
	    "bob  \xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1\xe4\xba\xac"
	    "\xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1            -5.00\n"
	    "4 columns hidden: -o wide, or --columns\n",
	    "width 40: the least important columns go first, the rightmost of equals first");
	CHECK(lines_fit(got, 40), "width 40: no line is wider");

	out_set_width(10);
	got = render(OUT_TABLE, cols, 7, 0, rows, 2);
	CHECK(strstr(got, "rep") && strstr(got, "won") && strstr(got, "1,234,567.89") &&
	    strstr(got, "5 columns hidden"), "too narrow: the key columns stay whole");

	got = render(OUT_WIDE, cols, 7, 0, rows, 2);
	CHECK(strstr(got, "Ann van den Berg-Oosterhout") && strstr(got, "extra") &&
	    !strstr(got, "hidden"), "-o wide: every column, nothing cut, on any terminal");
	got = render(OUT_TSV, cols, 7, 0, rows, 2);
	CHECK(strstr(got, "Ann van den Berg-Oosterhout\t1234567.89") && strstr(got, "extra"),
	    "tsv: every column, whatever the width");
	got = render(OUT_JSON, cols, 7, 0, rows, 2);
	CHECK(strstr(got, "\"extra\":\"x\"") && strstr(got, "\"won\":1234567.89"),
	    "json: every column, whatever the width");
	out_set_width(0);
}

static void
test_columns(void)
{
	static const struct out_col cols[] = {
		{ "rep", OUT_TEXT, 1 }, { "name", OUT_TEXT, 2 }, { "won", OUT_MONEY, 1 },
	};
	static const char *const rows[] = { "ann", "Ann", "1000.00" };
	pid_t pid;
	int st;

	CHECK(out_set_columns("") == -1, "--columns: empty is refused");
	CHECK(out_set_columns("a,,b") == -1, "--columns: an empty name is refused");
	CHECK(out_set_columns("rep,") == -1, "--columns: a trailing comma is refused");
	CHECK(out_set_columns("won,rep") == 0, "--columns won,rep");
	CHECK_STR(render(OUT_TSV, cols, 3, 0, rows, 1), "won\trep\n1000.00\tann\n",
	    "--columns: tsv has those columns in that order");
	CHECK_STR(render(OUT_JSON, cols, 3, 0, rows, 1), "{\"won\":1000.00,\"rep\":\"ann\"}\n",
	    "--columns: json too");
	out_set_width(8);
	CHECK_STR(render(OUT_TABLE, cols, 3, 0, rows, 1), "     won  rep\n1,000.00  ann\n",
	    "--columns: a table shows them all, however narrow");
	out_set_width(0);
	CHECK(out_set_columns("rep,bogus") == 0, "--columns rep,bogus parses");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		out_start(OUT_TSV, cols, 3, 0);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 2, "--columns: a column the table lacks: exit 2");
	CHECK(out_set_columns(NULL) == 0, "--columns forgotten");
	CHECK_STR(render(OUT_TSV, cols, 3, 0, rows, 1), "rep\tname\twon\nann\tAnn\t1000.00\n",
	    "every column again");
}

static void
test_color(void)
{
	static const struct out_col cols[] = {
		{ "pace", OUT_STATE, 1 }, { "won", OUT_MONEY, 1 }, { "gap", OUT_GAP, 1 },
		{ "note", OUT_TEXT, 1 },
	};
	static const char *const rows[] = {
		"behind", "-5.00", "-7.00", "behind",
		"on-track", "5.00", "7.00", "x",
		"at-risk", "0.00", "", "",
	};
	const char *got;

	CHECK(out_set_color("sometimes") == -1, "--color sometimes is refused");
	CHECK(out_set_color("always") == 0, "--color always");
	got = render(OUT_TABLE, cols, 4, 0, rows, 3);
	CHECK_STR(got,
	    "pace        won    gap  note\n"
	    "\033[31mbehind\033[0m    \033[31m-5.00\033[0m  -7.00  behind\n"
	    "\033[32mon-track\033[0m   5.00   7.00  x\n"
	    "\033[33mat-risk\033[0m    0.00\n",
	    "colour: states by their word, negative money red, not a gap, not text");
	got = render(OUT_TSV, cols, 4, 0, rows, 3);
	CHECK(strchr(got, '\033') == NULL, "colour: never in tsv");
	got = render(OUT_JSON, cols, 4, 0, rows, 3);
	CHECK(strchr(got, '\033') == NULL, "colour: never in json");
	CHECK(out_set_color("never") == 0, "--color never");
	got = render(OUT_TABLE, cols, 4, 0, rows, 3);
	CHECK(strchr(got, '\033') == NULL, "--color never: none");
	CHECK(out_set_color("auto") == 0, "--color auto");
	got = render(OUT_TABLE, cols, 4, 0, rows, 3);
	CHECK(strchr(got, '\033') == NULL, "--color auto: none into a file");
}

/* Can this machine give us the locale? */
static int
have_locale(const char *name)
{
	int ok = setlocale(LC_NUMERIC, name) != NULL;

	setlocale(LC_NUMERIC, "C");
	return ok;
}

static const char *
grouped(const char *s)
{
	static struct buf b;

	buf_reset(&b);
	numfmt(&b, s);
	return b.data;
}

static void
test_grouping(void)
{
	CHECK(numfmt_is_number("-1234.5") && numfmt_is_number("0") && !numfmt_is_number("") &&
	    !numfmt_is_number("1.") && !numfmt_is_number(".5") && !numfmt_is_number("+5") &&
	    !numfmt_is_number("2026-Q4") && !numfmt_is_number("1,000"),
	    "numbers are -?digits(.digits)?");
	setenv("LC_ALL", "C", 1);
	numfmt_set_locale(NULL);
	CHECK_STR(grouped("1234567.891"), "1,234,567.891", "C: commas and a point");
	CHECK_STR(grouped("-999"), "-999", "C: no group under a thousand");
	CHECK_STR(grouped("-1000"), "-1,000", "C: a negative thousand");
	CHECK_STR(grouped("100000"), "100,000", "C: groups of three from the right");
	CHECK_STR(grouped("2026-Q4"), "2026-Q4", "text is left as it is");
	if (!have_locale("nl_NL.UTF-8")) {
		SKIP("the nl_NL.UTF-8 locale is not generated (make test-deps)");
		return;
	}
	numfmt_set_locale("nl_NL.UTF-8");
	CHECK_STR(grouped("1234567.89"), "1.234.567,89",
	    "C environment: config's number_locale nl_NL");
	setenv("LC_ALL", "nl_NL.UTF-8", 1);
	numfmt_set_locale(NULL);
	CHECK_STR(grouped("-1234.5"), "-1.234,5", "the environment's nl_NL");
	numfmt_set_locale("C");
	CHECK_STR(grouped("1234.5"), "1.234,5", "the environment's locale wins over config's");
	setenv("LC_ALL", "C", 1);
	numfmt_set_locale(NULL);
	CHECK_STR(grouped("1234.5"), "1,234.5", "back to C");
}

static void
test_terminal(void)
{
	int master, slave, resolved, c_unset, c_empty, c_set, c_file, c_dumb, c_never, c_always;
	char *name;

	capture_begin();
	unsetenv("NO_COLOR");
	c_file = out_color();
	resolved = out_resolve(OUT_AUTO);
	out_set_color("always");
	c_always = out_color();
	out_set_color("auto");
	capture_end();
	CHECK(c_file == 0, "no colour when stdout is a file");
	CHECK(c_always == 1, "--color always: colour into a file too");
	CHECK(resolved == OUT_TSV, "auto is tsv on a file");

	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
	    !(name = ptsname(master)) ||
	    (slave = open(name, O_RDWR | O_NOCTTY)) < 0) {
		SKIP("no pseudo-terminal: the terminal checks are not made");
		if (master >= 0)
			close(master);
		return;
	}
	fflush(stdout);
	saved_stdout = dup(STDOUT_FILENO);
	dup2(slave, STDOUT_FILENO);
	resolved = out_resolve(OUT_AUTO);
	unsetenv("NO_COLOR");
	c_unset = out_color();
	setenv("NO_COLOR", "", 1);
	c_empty = out_color();
	setenv("NO_COLOR", "1", 1);
	c_set = out_color();
	unsetenv("NO_COLOR");
	setenv("TERM", "dumb", 1);
	c_dumb = out_color();
	setenv("TERM", "xterm", 1);
	out_set_color("never");
	c_never = out_color();
	out_set_color("auto");
	dup2(saved_stdout, STDOUT_FILENO);
	close(saved_stdout);
	close(slave);
	close(master);
	CHECK(resolved == OUT_TABLE, "auto is table on a terminal");
	CHECK(c_unset == 1, "colour on a terminal");
	CHECK(c_empty == 1, "colour with NO_COLOR empty");
	CHECK(c_set == 0, "no colour with NO_COLOR set");
	CHECK(c_dumb == 0, "no colour with TERM=dumb");
	CHECK(c_never == 0, "--color never: none on a terminal");
}

int
main(void)
{
	test_format_parse();
	test_text_width();
	test_width_all();
	test_tsv();
	test_tsv_many();
	test_json();
	test_table_ascii();
	test_table_trailing();
	test_table_unicode();
	test_table_controls();
	test_table_money_edge();
	test_text_fit();
	test_fit();
	test_columns();
	test_color();
	test_grouping();
	test_terminal();
	return unit_done();
}
