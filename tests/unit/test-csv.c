/* Unit tests of lib/csv.c and of fieldmap's amounts and dates. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "fieldmap.h"
#include "unit.h"

/* A reader over a pipe holding text, as programs read stdin. */
static struct csv_reader *
reader_of(const char *text)
{
	int fd[2];
	size_t n = strlen(text);

	if (pipe(fd) < 0 || write(fd[1], text, n) != (ssize_t)n)
		abort();
	close(fd[1]);
	return csv_open(fd[0], "t.csv");
}

static void
test_rfc4180(void)
{
	struct csv_reader *r = reader_of("\xef\xbb\xbfname,note,amount\r\n"
	    "Acme,\"says \"\"hi\"\", twice\",\"42,500.00\"\r\n"
	    "\r\n"
	    "Beta,\"two\r\nlines\",7\r\n"
	    "Gamma,,\"\"\n"
	    "Delta,last,1");

	CHECK(csv_header(r) == TSV_ROW && r->ncols == 3, "header: three columns");
	CHECK_STR(r->cols[0], "name", "header: the BOM is not part of the first name");
	CHECK(r->delim == ',' && !csv_decimal_comma(r), "commas: a decimal point");
	CHECK(csv_next(r) == TSV_ROW && r->line == 2, "row 1 on line 2");
	CHECK_STR(r->f[1], "says \"hi\", twice", "doubled quotes and a comma inside quotes");
	CHECK_STR(r->f[2], "42,500.00", "a quoted amount with grouping");
	CHECK(csv_next(r) == TSV_ROW && r->line == 4, "a blank line is skipped: row 2 on line 4");
	CHECK_STR(r->f[1], "two\nlines", "a line break inside quotes is LF");
	CHECK(csv_next(r) == TSV_ROW && r->line == 6, "the record after a two-line one: line 6");
	CHECK(*r->f[1] == '\0' && *r->f[2] == '\0' && r->flen[2] == 0, "empty and \"\" fields");
	CHECK(csv_next(r) == TSV_ROW && strcmp(r->f[2], "1") == 0, "no final newline");
	CHECK(csv_next(r) == TSV_EOF, "then the end");
	csv_close(r);
}

static void
test_semicolons(void)
{
	struct csv_reader *r = reader_of("Kunde;Betrag;Notiz\nAcme;1.234,56;\"a;b\"\n");

	CHECK(csv_header(r) == TSV_ROW && r->delim == ';' && csv_decimal_comma(r),
	    "semicolons: a decimal comma");
	CHECK(csv_next(r) == TSV_ROW && strcmp(r->f[1], "1.234,56") == 0 &&
	    strcmp(r->f[2], "a;b") == 0, "semicolon inside quotes");
	csv_close(r);
}

static void
test_wide(void)
{
	char text[4096];
	size_t i, o = 0;
	struct csv_reader *r;

	for (i = 0; i < 100; i++)
		o += (size_t)snprintf(text + o, sizeof text - o, "%sc%zu", i ? "," : "", i);
	o += (size_t)snprintf(text + o, sizeof text - o, "\n");
	for (i = 0; i < 100; i++)
		o += (size_t)snprintf(text + o, sizeof text - o, "%s%zu", i ? "," : "", i);
	r = reader_of(text);
	CHECK(csv_header(r) == TSV_ROW && r->ncols == 100, "a hundred columns");
	CHECK(csv_next(r) == TSV_ROW && strcmp(r->f[99], "99") == 0, "a hundred fields");
	csv_close(r);
}

static void
test_errors(void)
{
	struct csv_reader *r = reader_of("a,b\n1,2,3\n\"x\"y,2\n4;5\n1,2\n\"open,2\n3,4\n");

	CHECK(csv_header(r) == TSV_ROW, "errors: header");
	CHECK(csv_next(r) == TSV_BAD, "too many fields");
	CHECK_STR(csv_error(r), "t.csv:2: 3 fields, header has 2 (a comma in an unquoted field?)",
	    "too many fields: the message");
	CHECK(csv_next(r) == TSV_BAD, "text after a closing quote");
	CHECK_STR(csv_error(r), "t.csv:3: field 1: text after the closing quote (a quote "
	    "inside a field is written \"\")", "text after a closing quote: the message");
	CHECK(csv_next(r) == TSV_BAD, "mixed delimiters");
	CHECK_STR(csv_error(r), "t.csv:4: mixed delimiters: the header is separated by ',', "
	    "this line by ';'", "mixed delimiters: the message");
	CHECK(csv_next(r) == TSV_ROW && r->line == 5, "the reader goes on after bad records");
	CHECK(csv_next(r) == TSV_BAD, "a quote never closed");
	CHECK_STR(csv_error(r), "t.csv:6: field 1: the quote opened on line 6 is never closed",
	    "a quote never closed: the line it opened on");
	CHECK(csv_next(r) == TSV_EOF, "it ran to the end of the file");
	csv_close(r);
	CHECK(csv_looks_like("a,b", 3) && csv_looks_like("a;b", 3) &&
	    !csv_looks_like("a\tb,c", 5) && !csv_looks_like("rep", 3),
	    "csv_looks_like: commas or semicolons and no tab");
}

static void
test_amounts_dates(void)
{
	static const char *const f[] = { "amount", "date" };
	char text[] = "kind\tfield\tfrom\tto\nformat\tdate\tDD-MM-YYYY\n";
	char out[MONEY_BUFSZ];
	struct fieldmap *m;
	const char *why;
	size_t bad;
	date_t d;

	CHECK(fieldmap_amount(NULL, 0, "42,500.00", out, &why) == 0 &&
	    strcmp(out, "42500.00") == 0, "1,234.56 grouping");
	CHECK(fieldmap_amount(NULL, 1, "1.234,56", out, &why) == 0 &&
	    strcmp(out, "1234.56") == 0, "1.234,56 with a decimal comma");
	CHECK(fieldmap_amount(NULL, 0, "\xe2\x82\xac 5,000", out, &why) == 0 &&
	    strcmp(out, "5000") == 0, "a euro sign and a space");
	CHECK(fieldmap_amount(NULL, 0, "USD 12.5", out, &why) == 0 &&
	    strcmp(out, "12.5") == 0, "a currency code");
	CHECK(fieldmap_amount(NULL, 0, "-3", out, &why) == 0 && strcmp(out, "-3") == 0,
	    "a sign");
	CHECK(fieldmap_amount(NULL, 0, "1,23,456", out, &why) < 0, "groups of three only");
	CHECK(fieldmap_amount(NULL, 0, "1.234,56", out, &why) < 0, "the other format is refused");
	CHECK_STR(why, "is not an amount (write 1234.56 or 1,234.56)", "and says what to write");
	CHECK(fieldmap_amount(NULL, 0, "12abc", out, &why) < 0, "trailing junk");
	CHECK(fieldmap_date(NULL, "2026-10-02 09:14", &d) == 0 &&
	    d == date_from_ymd(2026, 10, 2), "a date-time is cut to its date");
	CHECK(fieldmap_date(NULL, "02.10.2026", &d) < 0, "day first needs the map to say so");
	m = fieldmap_parse("m", text, strlen(text), f, 2, 0, &bad);
	CHECK(bad == 0, "a map with a date format");
	CHECK(fieldmap_date(m, "2.10.2026 9:14", &d) == 0 && d == date_from_ymd(2026, 10, 2),
	    "DD-MM-YYYY: 2.10.2026 is the 2nd of October");
	CHECK(fieldmap_date(m, "2026-10-02", &d) == 0 && d == date_from_ymd(2026, 10, 2),
	    "a four-digit year first is always ISO");
	CHECK(fieldmap_date(m, "31.02.2026", &d) < 0, "no 31st of February");
	fieldmap_free(m);
}

int
main(void)
{
	test_rfc4180();
	test_semicolons();
	test_wide();
	test_errors();
	test_amounts_dates();
	return unit_done();
}
