#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "ledger.h"
#include "tsv.h"
#include "xalloc.h"

ledger_month
ledger_month_of(date_t d)
{
	int y, m, day;

	date_to_ymd(d, &y, &m, &day);
	return y * 12 + m - 1;
}

date_t
ledger_month_first(ledger_month m)
{
	return date_from_ymd(m / 12, m % 12 + 1, 1);
}

date_t
ledger_month_last(ledger_month m)
{
	return date_from_ymd(m / 12, m % 12 + 1, days_in_month(m / 12, m % 12 + 1));
}

void
ledger_month_path(char *buf, const char *kind, ledger_month m)
{
	int y = m / 12, mo = m % 12 + 1;
	size_t n = strnlen(kind, 10);

	/* By hand, not snprintf: a report names every month of the history. */
	memcpy(buf, kind, n);
	buf[n++] = '/';
	buf[n++] = (char)('0' + y / 1000 % 10);
	buf[n++] = (char)('0' + y / 100 % 10);
	buf[n++] = (char)('0' + y / 10 % 10);
	buf[n++] = (char)('0' + y % 10);
	buf[n++] = '-';
	buf[n++] = (char)('0' + mo / 10);
	buf[n++] = (char)('0' + mo % 10);
	memcpy(buf + n, ".tsv", 5);
}

void
ledger_path(char *buf, const char *kind, date_t d)
{
	ledger_month_path(buf, kind, ledger_month_of(d));
}

ledger_month
ledger_name_month(const char *s)
{
	if (strlen(s) != 11 || strcmp(s + 7, ".tsv") != 0)
		return -1;
	return date_parse_month(s, 7);
}

static int
cmp_month(const void *a, const void *b)
{
	ledger_month x = *(const ledger_month *)a, y = *(const ledger_month *)b;

	return (x > y) - (x < y);
}

size_t
ledger_months(struct store *s, const char *kind, date_t from, date_t to,
	      ledger_month **months)
{
	ledger_month lo = ledger_month_of(from < DATE_MIN ? DATE_MIN : from);
	ledger_month hi = ledger_month_of(to > DATE_MAX ? DATE_MAX : to);
	ledger_month m, *v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	DIR *d;

	*months = NULL;
	if (!(d = store_opendir(s, kind))) {
		if (errno == ENOENT)
			return 0;
		die_errno("%s/%s", store_path(s), kind);
	}
	while ((e = readdir(d))) {
		m = ledger_name_month(e->d_name);
		if (m < 0 || m < lo || m > hi)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = m;
	}
	closedir(d);
	if (n)
		qsort(v, n, sizeof *v, cmp_month);
	*months = v;
	return n;
}

int
ledger_open(struct store *s, const char *kind, ledger_month m)
{
	char path[LEDGER_PATHSZ];

	ledger_month_path(path, kind, m);
	return store_open_read(s, path);
}

/* tsv_filter() hook: note the newest valid date that starts a line. */
static int
note_newest(const struct tsv_reader *r, const char *line, size_t len, void *arg)
{
	char *max = arg, day[DATE_BUFSZ];
	date_t d;

	(void)r;
	if (len > 10 && line[10] == '\t' && memcmp(line, max, 10) > 0) {
		memcpy(day, line, 10);
		day[10] = '\0';
		if (date_parse(day, &d) == 0)
			memcpy(max, day, 10);
	}
	return 0;
}

/* The newest valid date that starts a whole line of the last `tail` bytes
 * of fd (the latest appends), into max when newer. */
static void
newest_in_tail(int fd, off_t size, size_t tail, char *max)
{
	char *buf = xmalloc(tail + 1);
	const char *p, *end, *nl;
	ssize_t got;

	got = pread(fd, buf, tail, size - (off_t)tail);
	if (got > 0) {
		end = buf + got;
		/* The first bytes may be the end of a line cut in two. */
		for (p = memchr(buf, '\n', (size_t)got); p && ++p < end; p = nl) {
			note_newest(NULL, p, (size_t)(end - p), max);
			if (!(nl = memchr(p, '\n', (size_t)(end - p))))
				break;
		}
	}
	free(buf);
}

date_t
ledger_newest(struct store *s, const char *kind, date_t after, char *where, size_t n)
{
	ledger_month *months;
	char max[DATE_BUFSZ], path[LEDGER_PATHSZ];
	struct tsv_reader *r;
	date_t newest = after, d;
	struct stat st;
	size_t nm, i;
	int fd;

	nm = ledger_months(s, kind, after, DATE_MAX, &months);
	for (i = 0; i < nm; i++) {
		if ((fd = ledger_open(s, kind, months[i])) < 0)
			continue;
		date_format(newest, max);
		ledger_month_path(path, kind, months[i]);
		if (months[i] == ledger_month_of(after) && fstat(fd, &st) == 0 &&
		    st.st_size > LEDGER_NEWEST_TAIL)
			newest_in_tail(fd, st.st_size, LEDGER_NEWEST_TAIL, max);
		else {
			r = tsv_open(fd, path);
			tsv_filter(r, note_newest, max);
			/* A file that does not read is for sales-check to report. */
			if (tsv_header(r) == TSV_ROW)
				while (tsv_next(r) > 0)
					;
			tsv_close(r);
		}
		if (date_parse(max, &d) == 0 && d > newest) {
			newest = d;
			snprintf(where, n, "%s", path);
		}
		close(fd);
	}
	free(months);
	return newest;
}
