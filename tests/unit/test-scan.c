/* Unit tests of lib/scan.c's scan_find(), against memmem(), of
 * scan_fd_keep(), against scan_fd() and a test of each row, and of
 * scan_rows_at(), against scan_fd_keep(). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "scan.h"
#include "unit.h"


/* 1 when the kernel lists avx512bw among the CPU's flags, 0 when it
 * lists flags without it, -1 when it does not say (no /proc/cpuinfo). */
static int
cpuinfo_avx512bw(void)
{
	char line[8192];
	FILE *f = fopen("/proc/cpuinfo", "r");
	int has = -1;

	if (!f)
		return -1;
	while (has < 0 && fgets(line, sizeof line, f))
		if (strncmp(line, "flags", 5) == 0)
			has = strstr(line, " avx512bw") != NULL;
	fclose(f);
	return has;
}

/* Random haystacks over a few letters, so that matches and near misses
 * are many; needles cut from them or made up; every length and offset. */
static size_t
mismatches(void)
{
	static const char abc[] = "ab\t\nr0";
	char hay[400], needle[48];
	size_t bad = 0, n, m, i, from;
	const char *got, *want;
	int round;

	for (round = 0; round < 20000; round++) {
		n = unit_rnd(sizeof hay + 1);
		for (i = 0; i < n; i++)
			hay[i] = abc[unit_rnd(round % 2 ? 6 : 3)];
		m = 1 + unit_rnd(sizeof needle);
		if (n >= m && unit_rnd(2)) {
			from = unit_rnd((unsigned)(n - m + 1));
			memcpy(needle, hay + from, m);
		} else {
			for (i = 0; i < m; i++)
				needle[i] = abc[unit_rnd(3)];
		}
		from = n ? unit_rnd((unsigned)n + 1) : 0;	/* an unaligned start */
		got = scan_find(hay + from, n - from, needle, m);
		want = memmem(hay + from, n - from, needle, m);
		bad += got != want;
	}
	return bad;
}

/* What a scan gave: each row's line and fields, one line each. */
struct rows {
	char text[1 << 20];	/* (what does not fit is left out) */
	size_t len, ncols, key;
	int filter;		/* keep's test, applied here (scan_fd) */
	const unsigned char *chosen;	/* keep_chosen()'s */
};

static int
keep_a(void *arg, const char *f, size_t len)
{
	(void)arg;
	return len == 0 || f[0] == 'a';
}

static int
take(void *arg, const struct scan_row *row)
{
	struct rows *r = arg;
	size_t i;
	int n;

	if ((r->filter && !keep_a(NULL, row->f[r->key], row->len[r->key])) ||
	    sizeof r->text - r->len < 32)
		return 0;
	n = snprintf(r->text + r->len, sizeof r->text - r->len, "%lu", row->line);
	r->len += n > 0 ? (size_t)n : 0;
	for (i = 0; i < r->ncols && r->len + row->len[i] + 2 < sizeof r->text; i++) {
		r->text[r->len++] = '|';
		memcpy(r->text + r->len, row->f[i], row->len[i]);
		r->len += row->len[i];
	}
	if (r->len < sizeof r->text)
		r->text[r->len++] = '\n';
	return 0;
}

/*
 * The rows keep takes through scan_rows_at(), given where each lies (as
 * the deal index's rows files give them) and every line that is not plain
 * or not whole besides: what scan_fd_keep() gave (a, na), or SCAN_AGAIN
 * exactly when one of those lines is among them, or the key is not in
 * the file.  1 when it is not so.
 */
static int
at_mismatch(const char *path, const char *const *cols, size_t ncols, size_t k,
	    const struct rows *a, long na)
{
	static char data[1 << 16];
	static struct scan_at at[64];
	static struct rows c;
	const char *p, *nl, *t, *end, *key = cols[k] + (cols[k][0] == '?');
	size_t len, n = 0, nfields = 1, kc = SIZE_MAX, col, tabs, line = 1;
	int again = 0, plain, fd;
	char err[SCAN_ERRSZ];
	long r;
	FILE *f = fopen(path, "r");

	if (!f)
		return 1;
	len = fread(data, 1, sizeof data, f);
	fclose(f);
	end = data + len;
	nl = memchr(data, '\n', len);
	for (p = data, col = 0; p <= nl; p = t + 1, col++) {
		if (!(t = memchr(p, '\t', (size_t)(nl - p))))
			t = nl;
		if ((size_t)(t - p) == strlen(key) && memcmp(p, key, strlen(key)) == 0)
			kc = col;
		nfields += t < nl;
	}
	again = kc == SIZE_MAX;
	for (p = nl + 1; p < end; p = nl + 1, line++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		for (t = p, tabs = 0, plain = 1; t < nl; t++) {
			tabs += *t == '\t';
			plain &= *t == '\t' || (*t >= 0x20 && *t != '\\');
		}
		plain &= tabs + 1 == nfields;
		/* the key's raw field of a plain line */
		for (t = p, col = 0; plain && kc != SIZE_MAX && col < kc; col++)
			t = memchr(t, '\t', (size_t)(nl - t)) + 1;
		if (!plain || (kc != SIZE_MAX &&
		    keep_a(NULL, t, (size_t)((memchr(t, '\t', (size_t)(nl - t)) ?
		    (const char *)memchr(t, '\t', (size_t)(nl - t)) : nl) - t)))) {
			if (n == sizeof at / sizeof *at)
				return 0;	/* more than this test keeps */
			at[n++] = (struct scan_at){ line + 1, (size_t)(p - data) };
			again |= !plain;
		}
	}
	memset(&c, 0, sizeof c);
	c.ncols = ncols;
	c.key = k;
	if ((fd = open(path, O_RDONLY)) < 0)
		return 1;
	r = scan_rows_at(fd, len, path, at, n, cols, ncols, k, keep_a, take, &c, err, sizeof err);
	close(fd);
	if (again)
		return r != SCAN_AGAIN;
	if (na < 0)
		return 0;	/* another line refused: nothing to hold it to */
	return r != (long)n || c.len != a->len || memcmp(c.text, a->text, c.len) != 0;
}

/* keep's test of far_mismatches(): key "a<number>" of a number chosen. */
static int
keep_chosen(void *arg, const char *f, size_t len)
{
	const struct rows *r = arg;
	size_t i, k = 0;

	if (len < 2 || f[0] != 'a')
		return 0;
	for (i = 1; i < len; i++)
		k = k * 10 + (size_t)(f[i] - '0');
	return r->chosen[k];
}

/* The rows keep_chosen() takes of fd into r: scan_fd_keep() (at NULL), or
 * scan_rows_at() of the n rows at; what it returns. */
static long
chosen_rows(const char *path, size_t len, const struct scan_at *at, size_t n,
	    const unsigned char *chosen, struct rows *r)
{
	static const char *const cols[] = { "key", "text" };
	char err[SCAN_ERRSZ];
	long got;
	int fd = open(path, O_RDONLY);

	memset(r, 0, sizeof *r);
	r->ncols = 2;
	r->chosen = chosen;
	if (fd < 0)
		return -1;
	if (!at)
		return scan_fd_keep(fd, path, cols, 2, 0, keep_chosen, take, r, err, sizeof err);
	got = scan_rows_at(fd, len, path, at, n, cols, 2, 0, keep_chosen, take, r, err,
	    sizeof err);
	close(fd);
	return got;
}

/*
 * scan_rows_at() reading rows far apart and close together (one pread
 * for a run of them, one each else) from lines of up to 1,500 bytes
 * (past what one read of a line takes), against scan_fd_keep() with the
 * same test, on 60 random files of up to 3,000 rows, the last line now
 * and then without its LF (an error there for scan_fd_keep(), after the
 * rows before it); and SCAN_AGAIN, nothing handed over, for a
 * place inside a line, two out of order, one at the end of the file, and
 * the last line without its LF.  The count of mismatches.
 */
static size_t
far_mismatches(const char *path)
{
	static unsigned char chosen[3000], isa[3000];
	static struct scan_at at[3000];
	static size_t off[3000];
	static struct rows a, b;
	size_t bad = 0, nrows, n, i, j, len, x;
	struct scan_at keep;
	int round, lf;
	long na, nb;
	FILE *f;

	for (round = 0; round < 60; round++) {
		if (!(f = fopen(path, "w")))
			return 1;
		fputs("key\ttext\n", f);
		nrows = 1 + unit_rnd(3000);
		lf = unit_rnd(4) != 0;
		for (i = 0; i < nrows; i++) {
			off[i] = (size_t)ftell(f);
			isa[i] = unit_rnd(3) != 0;
			fprintf(f, "%c%zu\t", isa[i] ? 'a' : 'b', i);
			for (j = unit_rnd(unit_rnd(8) ? 80 : 1500); j > 0; j--)
				fputc("xyz"[unit_rnd(3)], f);
			if (i + 1 < nrows || lf)
				fputc('\n', f);
		}
		len = (size_t)ftell(f);
		fclose(f);
		/* a few rows, many, or all */
		for (i = 0, j = unit_rnd(3); i < nrows; i++)
			chosen[i] = unit_rnd(j == 0 ? 40 : j == 1 ? 3 : 1) == 0;
		for (i = 0, n = 0; i < nrows; i++)
			if (chosen[i] && isa[i])
				at[n++] = (struct scan_at){ i + 2, off[i] };
		na = chosen_rows(path, len, NULL, 0, chosen, &a);
		nb = chosen_rows(path, len, at, n, chosen, &b);
		/* A last line cut short is an error of scan_fd_keep() after the
		 * rows before it, and not looked at by scan_rows_at() unless
		 * asked for. */
		if (!lf && n && at[n - 1].off == off[nrows - 1])
			bad += nb != SCAN_AGAIN || b.len != 0;
		else
			bad += (lf && na != (long)n) || nb != (long)n || a.len != b.len ||
			    memcmp(a.text, b.text, a.len) != 0;
		if (n < 2)
			continue;
		/* wrong places: nothing is handed over */
		x = unit_rnd((unsigned)n);
		at[x].off++;
		bad += chosen_rows(path, len, at, n, chosen, &b) != SCAN_AGAIN || b.len != 0;
		at[x].off--;
		keep = at[x];
		at[x] = at[x ? x - 1 : 1];
		at[x ? x - 1 : 1] = keep;
		bad += chosen_rows(path, len, at, n, chosen, &b) != SCAN_AGAIN || b.len != 0;
		at[x ? x - 1 : 1] = at[x];
		at[x] = keep;
		keep = at[n - 1];
		at[n - 1].off = len;
		bad += chosen_rows(path, len, at, n, chosen, &b) != SCAN_AGAIN || b.len != 0;
		at[n - 1] = keep;
		bad += chosen_rows(path, len, at, n, chosen, &b) != nb;
	}
	return bad;
}

/* Random files (some lines with an escape, a wrong number of fields, a
 * key the file lacks): scan_fd_keep() gives the rows scan_fd() gives that
 * keep takes, with their lines, or the same error. */
static size_t
keep_mismatches(const char *path)
{
	static const char abc[] = "aab0D";
	static const char *const names[] = { "c0", "c1", "c2", "c3", "c4", "c5", "c6", "?zz" };
	static struct rows a, b;
	const char *cols[8];
	char line[512], ea[SCAN_ERRSZ], eb[SCAN_ERRSZ];
	size_t bad = 0, nf, nrows, i, j, k, m, ncols;
	long na, nb;
	FILE *f;
	int round, fd;

	for (round = 0; round < 3000; round++) {
		if (!(f = fopen(path, "w")))
			return 1;
		nf = 1 + unit_rnd(7);
		for (i = 0; i < nf; i++)
			fprintf(f, "%sc%zu", i ? "\t" : "", i);
		fputc('\n', f);
		nrows = unit_rnd(40);
		for (i = 0; i < nrows; i++) {
			for (j = 0, k = 0; j < nf + (unit_rnd(50) == 0); j++) {
				if (j)
					line[k++] = '\t';
				for (m = unit_rnd(4); m > 0; m--) {
					/* now and then an escape (a line for
					 * tsv.c), rarely a bad one */
					if (unit_rnd(40) == 0) {
						line[k++] = '\\';
						line[k++] = "tn\\x"[unit_rnd(unit_rnd(10) ? 3 : 4)];
					} else
						line[k++] = abc[unit_rnd(5)];
				}
			}
			line[k] = '\0';
			fprintf(f, "%s\n", line);
		}
		fclose(f);
		/* the wanted columns: the key and a few others, in any order */
		ncols = 1 + unit_rnd(4);
		for (i = 0; i < ncols; i++)
			cols[i] = names[unit_rnd(unit_rnd(8) ? (unsigned)nf : 8)];
		k = unit_rnd((unsigned)ncols);
		memset(&a, 0, sizeof a);
		memset(&b, 0, sizeof b);
		a.ncols = b.ncols = ncols;
		a.key = b.key = k;
		b.filter = 1;
		if ((fd = open(path, O_RDONLY)) < 0)
			return 1;
		na = scan_fd_keep(fd, path, cols, ncols, k, keep_a, take, &a, ea, sizeof ea);
		if ((fd = open(path, O_RDONLY)) < 0)
			return 1;
		nb = scan_fd(fd, path, cols, ncols, take, &b, eb, sizeof eb);
		if ((na < 0) != (nb < 0) || (na < 0 && strcmp(ea, eb) != 0) ||
		    (na >= 0 && (a.len != b.len || memcmp(a.text, b.text, a.len) != 0)))
			bad++;
		bad += at_mismatch(path, cols, ncols, k, &a, na);
	}
	return bad;
}

int
main(void)
{
	static const char text[] =
	    "period\trep\tteam\tmetric\ttarget\n"
	    "2026-11\tr0001\t\trevenue\t100.00\n"
	    "2026-12\tr00011\t\trevenue\t100.00\n"
	    "2026-12\tr0001\t\trevenue\t200.00\n";
	const char *hit;
	int has;

	hit = scan_find(text, strlen(text), "\tr0001\t\trevenue\t", 16);
	CHECK(hit == strstr(text, "\tr0001\t\trevenue\t"), "the first line of a key is found");
	hit = scan_find(hit + 1, strlen(hit + 1), "\tr0001\t\trevenue\t", 16);
	CHECK(hit && strncmp(hit - 7, "2026-12\tr0001\t", 14) == 0,
	    "then the next, past a longer id");
	CHECK(scan_find(text, strlen(text), "r0002", 5) == NULL, "an id not there is NULL");
	CHECK(scan_find(text, 3, "period", 6) == NULL, "a needle longer than the text is NULL");
	CHECK(scan_find(text, strlen(text), "p", 1) == text, "a needle of one byte");
	scan_wide(0);
	CHECK_INT(mismatches(), 0, "20000 random texts: as memmem(), sixteen bytes at a time");
	scan_wide(1);
	CHECK_INT(mismatches(), 0, "20000 random texts: as memmem(), with AVX-512BW where the CPU has it");
	{
		char path[] = "/tmp/test-scan.XXXXXX";
		int fd = mkstemp(path);

		CHECK(fd >= 0, "a temporary file");
		if (fd >= 0) {
			close(fd);
			scan_wide(0);
			CHECK_INT(keep_mismatches(path), 0,
			    "3000 random files: scan_fd_keep() as scan_fd() and the test, and "
			    "scan_rows_at() as scan_fd_keep(), sixteen bytes at a time");
			scan_wide(1);
			CHECK_INT(keep_mismatches(path), 0,
			    "3000 random files: scan_fd_keep() as scan_fd() and the test, and "
			    "scan_rows_at() as scan_fd_keep(), with AVX-512BW where the CPU has it");
			CHECK_INT(far_mismatches(path), 0,
			    "60 random files of up to 3,000 rows, lines of up to 1,500 bytes: "
			    "scan_rows_at() as scan_fd_keep(), and nothing for a wrong place");
			unlink(path);
		}
	}
#if defined(__x86_64__)
	if ((has = cpuinfo_avx512bw()) < 0)
		SKIP("/proc/cpuinfo lists no flags: which width scans cannot be told");
	else
		CHECK_INT(scan_wide(1), has, "AVX-512BW is used exactly when the kernel lists it");
#else
	SKIP("not x86-64: scans are sixteen bytes at a time or plain C");
#endif
	return unit_done();
}
