#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
		{ "name", OUT_TEXT }, { "amount", OUT_MONEY },
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
	static const struct out_col cols[] = { { "n", OUT_INT } };
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
		{ "name", OUT_TEXT }, { "deals", OUT_INT }, { "amount", OUT_MONEY },
		{ "rate", OUT_NUM }, { "note", OUT_TEXT },
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
	static const struct out_col odd[] = { { "a\"b", OUT_TEXT } };
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
		{ "name", OUT_TEXT }, { "deals", OUT_INT }, { "amount", OUT_MONEY },
	};
	static const char *const rows[] = {
		"ann", "3", "1234567.89",
		"bob", "12", "-1234.50",
		"cy", "", "999.99",
		"dee", "0", "-0.05",
		"eve", "100000", "n/a",
	};
	const char *want =
	    "name   deals        amount\n"
	    "ann        3  1,234,567.89\n"
	    "bob       12     -1,234.50\n"
	    "cy                  999.99\n"
	    "dee        0         -0.05\n"
	    "eve   100000           n/a\n";
	const char *got;

	got = render(OUT_TABLE, cols, 3, 0, rows, 5);
	CHECK_STR(got, want, "table aligns, right-aligns numbers, groups money");
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
		{ "name", OUT_TEXT }, { "note", OUT_TEXT }, { "n", OUT_INT },
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
		{ "n", OUT_TEXT }, { "city", OUT_TEXT }, { "k", OUT_INT },
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
		{ "a", OUT_TEXT }, { "b", OUT_TEXT },
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
	static const struct out_col cols[] = { { "amount", OUT_MONEY } };
	static const char *const rows[] = {
		"0", "12.5", "-999.99", "1000", "-1000000", "1,000.00", "12.345",
		"12345.60", "-12345.60",
	};

	/* Only canonical amounts (two decimals) are grouped: a column of
	 * targets may hold a count of deals, which must stay "1000". */
	CHECK_STR(render(OUT_TABLE, cols, 1, 0, rows, NELEM(rows)),
	    "    amount\n"
	    "         0\n"
	    "      12.5\n"
	    "   -999.99\n"
	    "      1000\n"
	    "  -1000000\n"
	    "  1,000.00\n"
	    "    12.345\n"
	    " 12,345.60\n"
	    "-12,345.60\n",
	    "table money: canonical amounts grouped, the rest shown as is");
}

static void
test_terminal(void)
{
	int master, slave, resolved, c_unset, c_empty, c_set, c_file;
	char *name;

	capture_begin();
	unsetenv("NO_COLOR");
	c_file = out_color();
	resolved = out_resolve(OUT_AUTO);
	capture_end();
	CHECK(c_file == 0, "no colour when stdout is a file");
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
	dup2(saved_stdout, STDOUT_FILENO);
	close(saved_stdout);
	close(slave);
	close(master);
	CHECK(resolved == OUT_TABLE, "auto is table on a terminal");
	CHECK(c_unset == 1, "colour on a terminal");
	CHECK(c_empty == 1, "colour with NO_COLOR empty");
	CHECK(c_set == 0, "no colour with NO_COLOR set");
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
	test_terminal();
	return unit_done();
}
