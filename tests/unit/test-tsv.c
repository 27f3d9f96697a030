/* Unit tests of lib/tsv.c: escapes, the streaming reader, its errors. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "tsv.h"
#include "unit.h"

/* A reader over a pipe holding text, as programs read stdin. */
static struct tsv_reader *
reader_of(const char *text, size_t n)
{
	int fd[2];

	if (pipe(fd) < 0 || write(fd[1], text, n) != (ssize_t)n)
		abort();
	close(fd[1]);
	return tsv_open(fd[0], "t.tsv");
}

static void
test_escape(void)
{
	struct buf b = BUF_INIT;
	char s[64];
	const char *cases[] = { "", "plain", "a\tb", "line\nbreak", "cr\r", "back\\slash",
	    "\\t literal", "\t\n\r\\", "Zoë 東京" };
	size_t i;
	long n;

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		buf_reset(&b);
		tsv_escape(&b, cases[i], strlen(cases[i]));
		CHECK(!memchr(b.data, '\t', b.len) && !memchr(b.data, '\n', b.len),
		    "escaped form of case %zu has no tab or newline", i);
		strcpy(s, b.data);
		n = tsv_unescape(s, strlen(s));
		CHECK(n == (long)strlen(cases[i]) && strcmp(s, cases[i]) == 0,
		    "escape/unescape round trip, case %zu", i);
	}
	buf_reset(&b);
	tsv_escape(&b, "a\tb\\", 4);
	CHECK_STR(b.data, "a\\tb\\\\", "escape of tab and backslash");
	strcpy(s, "bad\\q");
	CHECK_INT(tsv_unescape(s, strlen(s)), -1, "\\q is a bad escape");
	strcpy(s, "trailing\\");
	CHECK_INT(tsv_unescape(s, strlen(s)), -1, "a lone trailing backslash is bad");
	buf_free(&b);
}

/* Escapes found eight bytes at a time: each special byte, and a byte one
 * off each, at every position of fields up to 40 bytes, escaped as a byte
 * at a time would (one byte per position: \t -> "\\t"). */
static void
test_escape_positions(void)
{
	static const char bytes[] = "\t\n\r\\\x08\x0b\x0c\x5b\x5d\x89\x8a\xdc";
	struct buf b = BUF_INIT, want = BUF_INIT;
	char s[41];
	size_t n, at, k, bad = 0;

	for (n = 1; n <= 40; n++)
		for (at = 0; at < n; at++)
			for (k = 0; k < sizeof bytes - 1; k++) {
				memset(s, 'x', n);
				s[at] = bytes[k];
				buf_reset(&b);
				tsv_escape(&b, s, n);
				buf_reset(&want);
				buf_add(&want, s, at);
				switch (bytes[k]) {
				case '\t': buf_adds(&want, "\\t"); break;
				case '\n': buf_adds(&want, "\\n"); break;
				case '\r': buf_adds(&want, "\\r"); break;
				case '\\': buf_adds(&want, "\\\\"); break;
				default: buf_addc(&want, bytes[k]);
				}
				buf_add(&want, s + at + 1, n - at - 1);
				bad += b.len != want.len || memcmp(b.data, want.data, b.len) != 0;
			}
	CHECK_INT((long)bad, 0, "every special byte escaped at every position, no other");
	buf_free(&b);
	buf_free(&want);
}

static void
test_utf8(void)
{
	CHECK_INT(utf8_valid_prefix("abc", 3), 3, "ascii is valid");
	CHECK_INT(utf8_valid_prefix("Zo\xc3\xab", 4), 4, "two-byte sequence");
	CHECK_INT(utf8_valid_prefix("\xe6\x9d\xb1", 3), 3, "three-byte sequence");
	CHECK_INT(utf8_valid_prefix("\xf0\x9f\x98\x80", 4), 4, "four-byte sequence");
	CHECK_INT(utf8_valid_prefix("a\xff", 2), 1, "0xff is invalid");
	CHECK_INT(utf8_valid_prefix("a\xc3", 2), 1, "truncated sequence");
	CHECK_INT(utf8_valid_prefix("\xc0\xaf", 2), 0, "overlong encoding");
	CHECK_INT(utf8_valid_prefix("\xed\xa0\x80", 3), 0, "surrogate");
	CHECK_INT(utf8_valid_prefix("\xf4\x90\x80\x80", 4), 0, "past U+10FFFF");
}

static void
test_reader(void)
{
	const char text[] = "\xef\xbb\xbf" "rep\tname\r\nanna\tAnna\\tB\r\nbob\tBob\n";
	struct tsv_reader *r = reader_of(text, sizeof text - 1);

	CHECK_INT(tsv_header(r), TSV_ROW, "header read");
	CHECK_INT(r->ncols, 2, "two columns");
	CHECK_STR(r->cols[0], "rep", "BOM stripped from the first column name");
	CHECK_STR(r->cols[1], "name", "CR stripped from the header");
	CHECK_INT(tsv_col(r, "name"), 1, "column found by name");
	CHECK_INT(tsv_col(r, "nope"), -1, "unknown column is -1");
	CHECK_INT(tsv_next(r), TSV_ROW, "first row");
	CHECK_STR(r->f[1], "Anna\tB", "field unescaped, CR dropped");
	CHECK_INT(r->flen[1], 6, "length after unescape");
	CHECK_INT(tsv_next(r), TSV_ROW, "second row");
	CHECK_STR(r->f[0], "bob", "second row field");
	CHECK_INT(r->line, 3, "line number counts the header");
	CHECK_INT(tsv_next(r), TSV_EOF, "end of file");
	CHECK_INT(r->no_final_newline, 0, "file ended with a newline");
	tsv_close(r);
}

static void
test_errors(void)
{
	const char text[] = "a\tb\n1\t2\t3\nx\n\n4\\q\t5\n\xff\t6\n7\t8";
	struct tsv_reader *r = reader_of(text, sizeof text - 1);

	tsv_header(r);
	CHECK_INT(tsv_next(r), TSV_BAD, "ragged row (too many fields) is bad");
	CHECK_STR(tsv_error(r), "t.tsv:2: 3 fields, header has 2", "ragged row message");
	CHECK_INT(tsv_next(r), TSV_BAD, "short row is bad");
	CHECK_STR(tsv_error(r), "t.tsv:3: 1 fields, header has 2", "short row message");
	CHECK_INT(tsv_next(r), TSV_BAD, "empty line is bad");
	CHECK_STR(tsv_error(r), "t.tsv:4: empty line", "empty line message");
	CHECK_INT(tsv_next(r), TSV_BAD, "bad escape is bad");
	CHECK_STR(tsv_error(r),
	    "t.tsv:5: field 1: bad escape (only \\t \\n \\r \\\\ are allowed)",
	    "bad escape message names line and field");
	CHECK_INT(tsv_next(r), TSV_BAD, "invalid UTF-8 is bad");
	CHECK_STR(tsv_error(r), "t.tsv:6: invalid UTF-8 at byte 1", "invalid UTF-8 message");
	CHECK_INT(tsv_next(r), TSV_ROW, "the reader goes on after bad rows");
	CHECK_INT(r->no_final_newline, 1, "a last line without LF is flagged");
	CHECK_STR(r->f[1], "8", "the unterminated last line is still read");
	CHECK_INT(tsv_next(r), TSV_EOF, "then end of file");
	tsv_close(r);

	r = reader_of("a\ta\n", 4);
	CHECK_INT(tsv_header(r), TSV_BAD, "duplicate column names are refused");
	tsv_close(r);
	r = reader_of("a\t\n", 3);
	CHECK_INT(tsv_header(r), TSV_BAD, "an unnamed column is refused");
	tsv_close(r);
	r = reader_of("", 0);
	CHECK_INT(tsv_header(r), TSV_EOF, "empty input has no header");
	tsv_close(r);
	r = reader_of("a\nx\0y\n", 6);
	tsv_header(r);
	CHECK_INT(tsv_next(r), TSV_BAD, "a NUL byte is refused");
	tsv_close(r);
}

/*
 * A reader of a pipe that a child feeds with a header line and one line of
 * n bytes 'x' (a pipe: no size to size the buffer by).  The child is
 * waited for by the caller (it ends when the reader's end is closed).
 */
static struct tsv_reader *
reader_of_long_line(size_t n, const char *name, pid_t *pid)
{
	char *text = malloc(n + 3);
	int fd[2], ok;

	memcpy(text, "h\n", 2);
	memset(text + 2, 'x', n);
	text[n + 2] = '\n';
	if (!text || pipe(fd) < 0)
		abort();
	*pid = fork();
	if (*pid == 0) {
		close(fd[0]);
		ok = write(fd[1], text, n + 3) == (ssize_t)(n + 3);
		_exit(!ok);
	}
	close(fd[1]);
	free(text);
	return tsv_open(fd[0], name);
}

/* Lines longer than the 4 MiB read size make the buffer grow, up to
 * TSV_MAX_LINE. */
static void
test_long_lines(void)
{
	size_t n = (9u << 20), i;
	struct tsv_reader *r;
	pid_t pid;
	int ok;

	r = reader_of_long_line(n, "big", &pid);
	tsv_header(r);
	CHECK_INT(tsv_next(r), TSV_ROW, "a 9 MiB line is read");
	ok = r->flen[0] == n;
	for (i = 0; ok && i < n; i++)
		ok = r->f[0][i] == 'x';
	CHECK(ok, "the 9 MiB field is intact");
	close(r->in.fd);
	tsv_close(r);
	waitpid(pid, NULL, 0);

	/* One line past TSV_MAX_LINE: a read error that says so, not a
	 * buffer that grows until the memory is gone. */
	r = reader_of_long_line(TSV_MAX_LINE + 10, "huge", &pid);
	tsv_header(r);
	CHECK_INT(tsv_next(r), TSV_IOERR, "a line past TSV_MAX_LINE is an error");
	CHECK_STR(tsv_error(r), "huge:2: line longer than 16777216 bytes (not a TSV file?)",
	    "and the message says so");
	close(r->in.fd);
	tsv_close(r);
	waitpid(pid, NULL, 0);
}

/* Keep the lines that start with "k"; the others, even malformed, pass. */
static int
keep_k(const struct tsv_reader *r, const char *line, size_t len, void *arg)
{
	(void)r;
	++*(int *)arg;
	return len > 0 && line[0] == 'k';
}

static void
test_filter(void)
{
	static const char text[] = "a\tb\nk1\tx\nbad\\q\tno\nshort\nk2\ty\n";
	struct tsv_reader *r = reader_of(text, sizeof text - 1);
	int calls = 0;

	CHECK(tsv_header(r) == TSV_ROW, "filter: header");
	tsv_filter(r, keep_k, &calls);
	CHECK(tsv_next(r) == TSV_ROW && strcmp(r->f[0], "k1") == 0 && r->line == 2,
	    "filter: first kept row, its line number");
	CHECK(tsv_next(r) == TSV_ROW && strcmp(r->f[1], "y") == 0 && r->line == 5,
	    "filter: a bad escape and a short row passed over unchecked");
	CHECK(tsv_next(r) == TSV_EOF, "filter: then the end");
	CHECK(calls == 4, "filter: asked once per line after the header");
	tsv_close(r);
}

/*
 * tsv_raw_fields() against a naive split of random lines of tabs,
 * backslashes, CRs and letters: each asked column (some below 0, some
 * past the line's end, some twice) is the field there, or NULL when it is
 * missing or holds a backslash or a CR; tsv_raw_field() says the same.
 */
static void
test_raw_fields(void)
{
	/* short fields, and long ones (the tabs of sixteen bytes at once) */
	static const char alpha[] = "ab\t\t\\\r", sparse[] = "abcdefghijklmnopqrstuvwxy\t\\\r";
	char line[72];
	const char *f[5], *one, *want;
	size_t flen[5], onelen, len, i, j, bad = 0;
	int col[5], c, fld;

	for (i = 0; i < 20000; i++) {
		len = unit_rnd(sizeof line);
		for (j = 0; j < len; j++)
			line[j] = i % 2 ? alpha[unit_rnd(sizeof alpha - 1)] :
			    sparse[unit_rnd(sizeof sparse - 1)];
		for (j = 0; j < 5; j++)
			col[j] = (int)unit_rnd(i % 2 ? 30 : 9) - 1;
		tsv_raw_fields(line, len, col, 5, f, flen);
		for (j = 0; j < 5; j++) {
			/* the oracle: field col[j] of the line, byte by byte */
			const char *p = line, *end = line + len, *q;

			want = NULL;
			for (fld = 0; col[j] >= 0 && p <= end; fld++) {
				for (q = p; q < end && *q != '\t'; q++)
					;
				if (fld == col[j]) {
					want = p;
					for (c = 0; p + c < q; c++)
						if (p[c] == '\\' || p[c] == '\r')
							want = NULL;
					break;
				}
				p = q + 1;
			}
			if (f[j] != want || (want && flen[j] != (size_t)(q - want)))
				bad++;
			if (col[j] >= 0 && (tsv_raw_field(line, len, col[j], &one, &onelen) !=
			    (want != NULL) || one != want))
				bad++;
		}
	}
	CHECK(bad == 0, "raw fields: 20000 random lines as a naive split has them (%zu wrong)",
	    bad);
}

int
main(void)
{
	test_raw_fields();
	test_escape();
	test_escape_positions();
	test_utf8();
	test_reader();
	test_errors();
	test_long_lines();
	test_filter();
	return unit_done();
}
