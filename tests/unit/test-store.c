/*
 * Unit tests of the store's append path (lib/store.c): a ledger row that
 * does not fit its schema is refused before anything is written, through a
 * change (store_change_append) and outside one (store_append); and of
 * schema_check_rows() (lib/schema.c) that does the checking.
 */
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "init.h"
#include "schema.h"
#include "store.h"
#include "unit.h"

static char dir[4096], errfile[4200];

/* Every entry of the data directory (but .lock), with each file's bytes,
 * sorted: two equal sums mean nothing was written. */
static struct buf entries[256];
static size_t nentries;

static int
add_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	struct buf *b = &entries[nentries];
	char chunk[4096];
	ssize_t n;
	int fd;

	(void)ftw;
	if (nentries == 256 || strstr(path, "/.lock"))
		return 0;
	nentries++;
	*b = (struct buf)BUF_INIT;
	buf_printf(b, "%s %o %d\n", path + strlen(dir), (unsigned)st->st_mode, type);
	if (type == FTW_F && (fd = open(path, O_RDONLY)) >= 0) {
		while ((n = read(fd, chunk, sizeof chunk)) > 0)
			buf_add(b, chunk, (size_t)n);
		close(fd);
	}
	return 0;
}

static int
cmp_buf(const void *a, const void *b)
{
	return strcmp(((const struct buf *)a)->data, ((const struct buf *)b)->data);
}

static void
dir_sum(struct buf *out)
{
	size_t i;

	nentries = 0;
	nftw(dir, add_entry, 16, FTW_PHYS);
	qsort(entries, nentries, sizeof *entries, cmp_buf);
	buf_reset(out);
	for (i = 0; i < nentries; i++) {
		buf_add(out, entries[i].data, entries[i].len);
		buf_free(&entries[i]);
	}
}

static char *
slurp(const char *path)
{
	static char text[8192];
	ssize_t n = 0;
	int fd = open(path, O_RDONLY);

	text[0] = '\0';
	if (fd >= 0) {
		n = read(fd, text, sizeof text - 1);
		close(fd);
	}
	text[n > 0 ? n : 0] = '\0';
	return text;
}

enum how { CHANGE, CHANGE_WITH_TABLE, APPEND };

static const char *hows[] = { "a change", "a change that also replaces a table",
	"store_append" };

/* In a child: append rows to relpath under its full header, one way. */
static int
append_in_child(enum how how, const char *relpath, const struct schema *sc,
		const char *rows)
{
	struct buf hdr = BUF_INIT;
	struct store_change *c;
	struct store *s;
	int status;
	pid_t pid;

	fflush(stdout);
	if ((pid = fork()) < 0)
		abort();
	if (pid == 0) {
		int fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (fd < 0 || dup2(fd, 2) < 0)
			_exit(99);
		schema_header(sc, &hdr);
		s = store_open(dir, STORE_WRITE);
		if (how == APPEND)
			store_append(s, relpath, hdr.data, rows, strlen(rows));
		else {
			c = store_change_begin(s);
			if (how == CHANGE_WITH_TABLE)
				store_change_replace(c, "teams.tsv",
				    "team\tname\tmanager\tfocus\nnorth\tNorth\t\t\n", 35);
			store_change_append(c, relpath, hdr.data, rows, strlen(rows));
			store_change_commit(c);
		}
		store_close(s);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Rows no writer may append, and the message that refuses each. */
static const struct bad_rows {
	const char *what, *relpath;
	const struct schema *sc;
	const char *rows, *msg;
} bad[] = {
	{ "a bad amount", "deals/2026-11.tsv", &schema_deals,
	  "2026-11-03\tD2\topen\tann\tacme\t\t12x\tlead\t\t\t\t\t2026-11-03\t\t\t\t\n",
	  "appended line 1: amount '12x' not an amount" },
	{ "an empty rep on the second row", "deals/2026-11.tsv", &schema_deals,
	  "2026-11-03\tD2\topen\tann\tacme\t\t5.00\tlead\t\t\t\t\t2026-11-03\t\t\t\t\n"
	  "2026-11-03\tD3\topen\t\tacme\t\t5.00\tlead\t\t\t\t\t2026-11-03\t\t\t\t\n",
	  "appended line 2: rep '' is empty" },
	{ "a row with a field too few", "deals/2026-11.tsv", &schema_deals,
	  "2026-11-03\tD2\topen\tann\tacme\t\t5.00\tlead\t\t\t\t2026-11-03\t\t\t\t\n",
	  "appended line 1: 16 fields, want 17 (the columns of its header)" },
	{ "an unknown event", "deals/2026-11.tsv", &schema_deals,
	  "2026-11-03\tD2\tsold\tann\tacme\t\t5.00\tlead\t\t\t\t\t2026-11-03\t\t\t\t\n",
	  "appended line 1: event 'sold' is not one of the allowed values" },
	{ "a row without its line break", "deals/2026-11.tsv", &schema_deals,
	  "2026-11-03\tD2\topen\tann\tacme\t\t5.00\tlead\t\t\t\t\t2026-11-03\t\t\t",
	  "appended line 1: the last line has no line break" },
	{ "a bad escape", "activities/2026-11.tsv", &schema_activities,
	  "2026-11-03\tann\tcall\t\t\t\t\tx\\q\n",
	  "appended line 1: field 8: bad escape (only \\t \\n \\r \\\\ are allowed)" },
	{ "a new ledger with a bad date", "activities/2026-12.tsv", &schema_activities,
	  "2026-12-32\tann\tcall\t\t\t\t\t\n",
	  "appended line 1: date '2026-12-32' is not a date (YYYY-MM-DD)" },
	{ "an audit line without its time", "audit.tsv", &schema_audit,
	  "\tann\tprog\tdetail\n", "appended line 1: time '' is empty" },
};

/* A bad row is refused with its message, every way, nothing written. */
static void
refused(const struct bad_rows *b)
{
	struct buf before = BUF_INIT, after = BUF_INIT, want = BUF_INIT;
	enum how how;
	int st;

	buf_printf(&want, "test-store: %s/%s: %s; refused, nothing was written\n", dir,
	    b->relpath, b->msg);
	for (how = CHANGE; how <= APPEND; how++) {
		dir_sum(&before);
		st = append_in_child(how, b->relpath, b->sc, b->rows);
		CHECK_INT(st, 1, "%s, by %s: exit 1", b->what, hows[how]);
		CHECK_STR(slurp(errfile), want.data, "%s, by %s: message", b->what, hows[how]);
		dir_sum(&after);
		CHECK(before.len == after.len && memcmp(before.data, after.data, before.len) == 0,
		    "%s, by %s: nothing written", b->what, hows[how]);
	}
	buf_free(&before);
	buf_free(&after);
	buf_free(&want);
}

static size_t nreports;
static char last[512];
static unsigned long lastline;

static void
collect(void *arg, const char *file, unsigned long line, const char *msg)
{
	(void)arg;
	(void)file;
	nreports++;
	lastline = line;
	snprintf(last, sizeof last, "%s", msg);
}

/* Every report, "line<TAB>message<LF>", into a buffer. */
static void
record(void *arg, const char *file, unsigned long line, const char *msg)
{
	(void)file;
	buf_printf(arg, "%lu\t%s\n", line, msg);
}

/*
 * An append of megabytes is checked in two halves at once: the same
 * reports, in the order of the lines, as each line checked alone gives,
 * with bad rows (two of them with messages made per value) in both halves,
 * at the cut and on the last line, without its line break.
 */
static void
big_append(void)
{
	static const char *const bad_rows[] = {
		"2026-11-02\tann\tfax\t\t\t\t\t",
		"2026-11-31\tann\tcall\t\t\t\t\t",
		"2026-11-02\tann\tcall\t\t\t12.5\t\t",
		"2026-11-02\tann\tcall\t\t\t\t\tbell \x07",
		"2026-11-02\tann\tcall\t\t\t\t",
	};
	struct buf data = BUF_INIT, row = BUF_INIT, want = BUF_INIT, got = BUF_INIT;
	size_t i, n, nbad = 0, total = 0;
	unsigned long line;

	for (line = 1; line <= 60000; line++) {
		buf_reset(&row);
		/* (the half is near line 30,000: rows of about the same length) */
		if (line == 1 || line == 60000 || (line > 29900 && line < 30100) ||
		    unit_rnd(500) == 0) {
			buf_adds(&row, bad_rows[unit_rnd(sizeof bad_rows / sizeof *bad_rows)]);
			nbad++;
		} else
			buf_printf(&row, "2026-11-%02lu\tr%04lu\tcall\tacct%05lu\t\t%lu\t\tnote %lu",
			    line % 28 + 1, line % 1000, line % 20000, line % 90, line);
		if (line < 60000)
			buf_adds(&row, "\n");
		buf_add(&data, row.data, row.len);
		/* The oracle: the line alone, far below the size that is cut;
		 * each of its reports is on its line 1. */
		buf_reset(&got);
		total += schema_check_rows(&schema_activities, schema_activities.ncols, "a.tsv",
		    row.data, row.len, record, &got);
		for (i = 0; i < got.len; i += n + 1) {
			n = strcspn(got.data + i, "\n");
			if (strncmp(got.data + i, "1\t", 2) != 0)
				CHECK(0, "a line alone is reported as its line 1");
			buf_printf(&want, "%lu%.*s\n", line, (int)n - 1, got.data + i + 1);
		}
	}
	CHECK(data.len > 2 << 20, "the rows are %zu bytes, over the size that is cut", data.len);
	CHECK(nbad > 50 && total >= nbad, "%zu bad rows, %zu problems", nbad, total);
	buf_reset(&got);
	n = schema_check_rows(&schema_activities, schema_activities.ncols, "a.tsv", data.data,
	    data.len, record, &got);
	CHECK_INT(n, total, "the rows whole: as many problems as line by line");
	buf_add(&got, "", 1);
	buf_add(&want, "", 1);
	CHECK_STR(got.data, want.data, "the same reports, lines and order as line by line");
	buf_free(&data);
	buf_free(&row);
	buf_free(&want);
	buf_free(&got);
}

static const char good[] =
    "2026-11-02\tD1\topen\tann\tacme\t\t1200.00\tlead\t\t\t\ta\\tb\t2026-11-02\t\t\t\t\n";

int
main(int argc, char **argv)
{
	char tmpl[] = "/tmp/test-store.XXXXXX";
	struct init_options o = { "EUR", "1", "Acme" };
	struct store *s;
	const char *rows;
	size_t n, i;
	char cmd[4200];
	int st;

	(void)argc;
	err_init(argv);
	if (!mkdtemp(tmpl))
		abort();
	snprintf(dir, sizeof dir, "%s/data", tmpl);
	snprintf(errfile, sizeof errfile, "%s/err", tmpl);
	s = init_create(dir, &o);
	store_close(s);

	/* schema_check_rows() alone: every bad row, by its line. */
	n = schema_check_rows(&schema_deals, schema_deals.ncols, "deals/x.tsv", good,
	    strlen(good), collect, NULL);
	CHECK_INT(n, 0, "a good deal row passes");
	rows = "2026-11-02\tD1\topen\tann\tacme\t\t1200.00\tlead\t\t\t\t\t2026-11-02\n";
	n = schema_check_rows(&schema_deals, 13, "deals/x.tsv", rows, strlen(rows), collect,
	    NULL);
	CHECK_INT(n, 0, "a row of the 13 columns of an older header passes under it");
	nreports = 0;
	rows = "2026-11-02\tann\tcall\t\t\t\t\t\n2026-11-31\tann\tcall\t\t\t\t\t\n"
	    "2026-11-02\tann\tfax\t\t\t\t\t\n";
	n = schema_check_rows(&schema_activities, schema_activities.ncols, "a.tsv", rows,
	    strlen(rows), collect, NULL);
	CHECK_INT(n, 2, "two bad activity rows of three: two problems");
	CHECK_INT(lastline, 3, "the last problem is on line 3");
	CHECK_STR(last, "kind 'fax' is not one of the allowed values",
	    "the kind is named with its value");

	big_append();

	/* A good row goes in: the checks below can tell refused from written. */
	st = append_in_child(CHANGE, "deals/2026-11.tsv", &schema_deals, good);
	CHECK_INT(st, 0, "a good deal row is appended");
	snprintf(cmd, sizeof cmd, "%s/deals/2026-11.tsv", dir);
	CHECK(strstr(slurp(cmd), good) != NULL, "the good row is in deals/2026-11.tsv");

	for (i = 0; i < sizeof bad / sizeof *bad; i++)
		refused(&bad[i]);

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpl);
	if (system(cmd) != 0)
		CHECK(0, "remove the test directory");
	return unit_done();
}
