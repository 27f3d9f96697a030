#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "csv.h"
#include "err.h"
#include "input.h"
#include "schema.h"
#include "store.h"
#include "tsv.h"
#include "xalloc.h"

/*
 * Read ahead.  A file's records are read, split and checked in batches,
 * and input_next() takes them from there in order.  A batch is made by a
 * thread when the file is big enough to pay for one (AHEAD_MIN: a bulk
 * load reads its export on the other core while it books the rows), else
 * by input_next() itself when it runs out; either way by fill().  A batch
 * holds each record's line, what it is, and a row's fields, copied: a row
 * stays valid until the next input_next(), as the reader's own did.  No
 * message is said while a batch is made: a bad row's is kept in it and
 * said when input_next() comes to that row, so what a run says, and in
 * what order, does not depend on the thread.
 */
enum { REC_ROW, REC_BAD, REC_HEADER, REC_EOF, REC_IOERR };
struct rec {
	unsigned long line;
	int kind;
	size_t at;		/* where in text its fields (one after another) or message start */
	size_t len;		/* a row's: where in len its fields' lengths start */
};
struct batch {
	struct rec *rec;
	size_t n, cap;
	struct buf text;	/* the fields and messages, each NUL-ended */
	uint32_t *len;		/* the rows' fields' lengths, one after another */
	size_t nlen, lencap;
};
#define NBATCH 4
#define BATCH_ROWS 2048
#define BATCH_BYTES (256u << 10)
#define AHEAD_MIN (1u << 20)

struct input {
	struct tsv_reader *r;	/* both NULL: one record from the options */
	struct csv_reader *csv;
	const char *name;	/* of the file, for messages */
	size_t ncols;		/* the file's columns */
	char **cols;
	const char **f;		/* the current row's fields, in its batch */
	size_t nfields, count, errors;
	int *col;		/* input column of each field, or -1 */
	int done, mode, progress;	/* progress: stderr is a terminal */
	int empty;		/* no header, no bytes: every field, no rows */
	char where[300];	/* "FILE:LINE" of the row, "" until asked */
	unsigned long where_line;	/* the row's line, 0 before the first */
	/* The batches: input_next() reads batch taken % NBATCH from its
	 * record next, and knows of ready batches made.  With a thread,
	 * made and given (the batches input_next() is done with) are
	 * shared, under mu. */
	struct batch b[NBATCH];
	size_t ready, taken, next;
	int threaded;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t made, given;
	int stop;		/* input_close() before the end: the thread stops */
	off_t size;		/* of a file read ahead, else 0 */
};

/*
 * Copy all of fd into an anonymous file, minding the length of each line
 * as it comes: /dev/zero or a stray binary file is refused early, not
 * after it has filled the memory.
 */
static int
spool(int fd, const char *name)
{
	char buf[65536], *nl, *p;
	unsigned long line = 1;
	size_t run = 0;
	ssize_t n;
	int out = memfd_create("input", MFD_CLOEXEC);

	if (out < 0)
		die_errno("%s: cannot keep the input", name);
	for (;;) {
		n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die_errno("%s: read error", name);
		if (n == 0)
			break;
		for (p = buf; (nl = memchr(p, '\n', (size_t)(buf + n - p))); p = nl + 1) {
			run = 0;
			line++;
		}
		run += (size_t)(buf + n - p);
		if (run > TSV_MAX_LINE)
			die("%s:%lu: line longer than %u bytes (not a TSV file?)", name, line,
			    TSV_MAX_LINE);
		if (write_all(out, buf, (size_t)n) < 0)
			die_errno("%s: cannot keep the input", name);
	}
	if (lseek(out, 0, SEEK_SET) < 0)
		die_errno("%s: cannot keep the input", name);
	return out;
}

void
input_preload(const char *path)
{
	const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
	struct stat st;
	int fd, kept;

	fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0)
		die_errno("%s", path);
	if (S_ISREG(st.st_mode)) {
		tsv_preloaded(path, fd);
		return;
	}
	kept = spool(fd, name);
	close(fd);
	tsv_preloaded(path, kept);
}

/*
 * Is the input CSV?  Forced, or named *.csv, or (not named *.tsv) its
 * first line has commas or semicolons and no tab.  A file named *.tsv that
 * looks like CSV is refused with the fix rather than read as one column.
 */
static int csv_forced;

void
input_force_csv(void)
{
	csv_forced = 1;
}

static int
is_csv(const char *from, int fd)
{
	char head[4096], *nl;
	size_t n = strlen(from);
	off_t at = lseek(fd, 0, SEEK_CUR);
	ssize_t got;
	int looks;

	if (csv_forced)
		return 1;
	if (n > 4 && strcasecmp(from + n - 4, ".csv") == 0)
		return 1;
	/* The input was read before the lock (input_preload): a file, which
	 * can be read ahead without taking anything from the reader. */
	got = at < 0 ? -1 : pread(fd, head, sizeof head, at);
	if (got <= 0)
		return 0;
	nl = memchr(head, '\n', (size_t)got);
	looks = csv_looks_like(head, nl ? (size_t)(nl - head) : (size_t)got);
	if (looks && n > 4 && strcasecmp(from + n - 4, ".tsv") == 0)
		die("%s:1: this looks like CSV, not TSV (name the file .csv)",
		    from);
	return looks;
}

/* Is the row just read (fields f) the header line once more (with the BOM
 * of a second file, joined to the first, before it)? */
static int
is_header(const struct input *in, char *const *f)
{
	size_t i;
	const char *v;

	for (i = 0; i < in->ncols; i++) {
		v = f[i];
		if (i == 0 && strncmp(v, "\xef\xbb\xbf", 3) == 0)
			v += 3;
		if (strcmp(v, in->cols[i]) != 0)
			return 0;
	}
	return 1;
}

/* The next record of b, to be filled in: its line and kind. */
static struct rec *
add_rec(struct batch *b, unsigned long line, int kind)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->rec = xreallocarray(b->rec, b->cap, sizeof *b->rec);
	}
	b->rec[b->n].line = line;
	b->rec[b->n].kind = kind;
	b->rec[b->n].at = b->text.len;
	b->rec[b->n].len = b->nlen;
	return &b->rec[b->n++];
}

/* Read the next records into b (emptied first): 1 when the input ended
 * in it (its last record is the end or a read error), else 0. */
static int
fill(struct input *in, struct batch *b)
{
	char *const *f;
	const size_t *flen;
	size_t j;
	int st;

	b->n = b->nlen = 0;
	buf_reset(&b->text);
	while (b->n < BATCH_ROWS && b->text.len < BATCH_BYTES) {
		st = in->csv ? csv_next(in->csv) : tsv_next(in->r);
		f = in->csv ? in->csv->f : in->r->f;
		flen = in->csv ? in->csv->flen : in->r->flen;
		if (st == TSV_ROW && is_header(in, f)) {
			add_rec(b, in->csv ? in->csv->line : in->r->line, REC_HEADER);
		} else if (st == TSV_ROW) {
			add_rec(b, in->csv ? in->csv->line : in->r->line, REC_ROW);
			if (b->nlen + in->ncols > b->lencap) {
				b->lencap = (b->nlen + in->ncols) * 2;
				b->len = xreallocarray(b->len, b->lencap, sizeof *b->len);
			}
			for (j = 0; j < in->ncols; j++) {
				buf_add(&b->text, f[j], flen[j]);
				buf_addc(&b->text, '\0');
				/* a field is shorter than its record, TSV_MAX_LINE */
				b->len[b->nlen++] = (uint32_t)flen[j];
			}
		} else {
			add_rec(b, 0, st == TSV_EOF ? REC_EOF : st == TSV_IOERR ? REC_IOERR :
			    REC_BAD);
			if (st != TSV_EOF)
				buf_adds(&b->text, in->csv ? csv_error(in->csv) : tsv_error(in->r));
			buf_addc(&b->text, '\0');
			if (st == TSV_EOF || st == TSV_IOERR)
				return 1;
		}
	}
	return 0;
}

/* The thread: make batches until the input ends or input_close() says
 * stop, keeping NBATCH ahead at most. */
static void *
read_ahead(void *arg)
{
	struct input *in = arg;
	int ended = 0;
	struct batch *b;

	pthread_mutex_lock(&in->mu);
	while (!ended) {
		while (in->made - in->given == NBATCH && !in->stop)
			pthread_cond_wait(&in->cv, &in->mu);
		if (in->stop)
			break;
		b = &in->b[in->made % NBATCH];
		pthread_mutex_unlock(&in->mu);
		ended = fill(in, b);
		pthread_mutex_lock(&in->mu);
		in->made++;
		pthread_cond_signal(&in->cv);
	}
	pthread_mutex_unlock(&in->mu);
	return NULL;
}

/* Read ahead in a thread if the file fd is big enough, and one is had. */
static void
start_ahead(struct input *in, int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0 || st.st_size < AHEAD_MIN)
		return;
	in->size = st.st_size;
	if (pthread_mutex_init(&in->mu, NULL) != 0)
		return;
	if (pthread_cond_init(&in->cv, NULL) != 0) {
		pthread_mutex_destroy(&in->mu);
		return;
	}
	in->threaded = pthread_create(&in->thread, NULL, read_ahead, in) == 0;
	if (!in->threaded) {
		pthread_cond_destroy(&in->cv);
		pthread_mutex_destroy(&in->mu);
	}
}

static void
open_file(struct input *in, const char *from)
{
	const char *name = strcmp(from, "-") == 0 ? "stdin" : from;
	int st, owned, fd = tsv_path_fd(from, &owned);

	if (fd < 0)
		die_errno("%s", from);
	if (is_csv(from, fd)) {
		in->csv = csv_open(fd, name);
		in->csv->in.owned_fd = owned;
		in->name = in->csv->name;
		st = csv_header(in->csv);
		if (st == TSV_ROW) {
			in->ncols = in->csv->ncols;
			in->cols = in->csv->cols;
		}
	} else {
		in->r = tsv_open(fd, name);
		in->r->in.owned_fd = owned;
		in->name = in->r->name;
		st = tsv_header(in->r);
		if (st == TSV_ROW) {
			in->ncols = in->r->ncols;
			in->cols = in->r->cols;
		}
	}
	if (st == TSV_EOF)
		in->empty = 1;
	else if (st != TSV_ROW)
		die("%s", in->csv ? csv_error(in->csv) : tsv_error(in->r));
	in->f = xcalloc(in->ncols ? in->ncols : 1, sizeof *in->f);
	if (!in->empty)
		start_ahead(in, fd);
}

static int
col_of(const struct input *in, const char *name)
{
	size_t j;

	for (j = 0; j < in->ncols; j++)
		if (strcmp(in->cols[j], name) == 0)
			return (int)j;
	return -1;
}

struct input *
input_open(const char *from, const char *const *fields, size_t nfields, int mode)
{
	struct input *in = xcalloc(1, sizeof *in);
	size_t i, j;
	int known;

	in->nfields = nfields;
	in->mode = mode;
	in->col = xcalloc(nfields ? nfields : 1, sizeof *in->col);
	for (i = 0; i < nfields; i++)
		in->col[i] = -1;
	if (!from)
		return in;
	in->progress = isatty(2);
	open_file(in, from);
	for (i = 0; i < nfields; i++)
		in->col[i] = in->empty ? (int)i : col_of(in, fields[i]);
	if (mode & (INPUT_ACT | INPUT_IGNORE_EXTRA))
		return in;
	for (j = 0; j < in->ncols; j++) {
		known = 0;
		for (i = 0; i < nfields; i++)
			known |= strcmp(in->cols[j], fields[i]) == 0;
		if (!known) {
			warn("%s:1: unknown column '%.64s' (use --ignore-extra to skip it)",
			    in->name, in->cols[j]);
			in->errors++;
		}
	}
	if (in->errors)
		die("%s: nothing was changed", in->name);
	return in;
}

/* Stop the thread, if there is one, and wait for it. */
static void
stop_ahead(struct input *in)
{
	if (!in->threaded)
		return;
	pthread_mutex_lock(&in->mu);
	in->stop = 1;
	pthread_cond_signal(&in->cv);
	pthread_mutex_unlock(&in->mu);
	if ((errno = pthread_join(in->thread, NULL)))
		die_errno("%s: cannot stop reading", in->name);
	pthread_cond_destroy(&in->cv);
	pthread_mutex_destroy(&in->mu);
	in->threaded = 0;
}

/* The next record, from the batch being read or the next one made. */
static const struct rec *
take(struct input *in)
{
	struct batch *b;

	for (;;) {
		if (in->ready > in->taken) {
			b = &in->b[in->taken % NBATCH];
			if (in->next < b->n)
				return &b->rec[in->next++];
			in->taken++;	/* done with it: it may be made again */
			in->next = 0;
		}
		if (!in->threaded) {
			fill(in, &in->b[in->ready % NBATCH]);
			in->ready++;
			continue;
		}
		pthread_mutex_lock(&in->mu);
		in->given = in->taken;
		pthread_cond_signal(&in->cv);
		while (in->made == in->taken)
			pthread_cond_wait(&in->cv, &in->mu);
		in->ready = in->made;
		pthread_mutex_unlock(&in->mu);
	}
}

int
input_next(struct input *in, const char *const *opts, const char **vals)
{
	const struct rec *rec;
	const struct batch *b;
	const char *p;
	size_t i;

	if (!in->name) {
		if (in->done)
			return 0;
		in->done = 1;
		for (i = 0; i < in->nfields; i++)
			vals[i] = opts[i];
		in->count++;
		return 1;
	}
	if (in->empty || in->done)
		return 0;
	for (;;) {
		rec = take(in);
		b = &in->b[in->taken % NBATCH];
		if (rec->kind == REC_ROW)
			break;
		if (rec->kind == REC_EOF) {
			in->done = 1;
			return 0;
		}
		if (rec->kind == REC_IOERR) {
			stop_ahead(in);	/* it has ended: the batches stay */
			die("%s", b->text.data + rec->at);
		}
		if (rec->kind == REC_HEADER)
			warn("%s:%lu: the header line again (two files joined?); remove it",
			    in->name, rec->line);
		else
			warn("%s", b->text.data + rec->at);
		in->errors++;
	}
	for (p = b->text.data + rec->at, i = 0; i < in->ncols; p += b->len[rec->len + i] + 1, i++)
		in->f[i] = p;
	/* "FILE:LINE" is formatted when a message asks for it. */
	in->where_line = rec->line;
	in->where[0] = '\0';
	/* A long import says how far it got, on a terminal only. */
	if (in->progress && in->count % 100000 == 99999)
		fprintf(stderr, "\r%s: %zu rows read", progname, in->count + 1);
	/* Acting on records another program listed, an option given on the
	 * command line is the change to make, whatever the row says. */
	for (i = 0; i < in->nfields; i++)
		vals[i] = (in->mode & INPUT_ACT) && opts[i] ? opts[i] :
		    in->col[i] >= 0 ? in->f[in->col[i]] : opts[i];
	in->count++;
	return 1;
}

int
input_peek(const struct input *in, size_t field, const char **f, size_t *n)
{
	const struct batch *b;
	const struct rec *rec;
	const char *p;
	int i;

	if (field >= in->nfields || in->col[field] < 0 || in->ready <= in->taken)
		return 0;
	b = &in->b[in->taken % NBATCH];
	if (in->next >= b->n || (rec = &b->rec[in->next])->kind != REC_ROW)
		return 0;
	for (p = b->text.data + rec->at, i = 0; i < in->col[field]; i++)
		p += b->len[rec->len + (size_t)i] + 1;
	*f = p;
	*n = b->len[rec->len + (size_t)i];
	return 1;
}

int
input_has(const struct input *in, size_t field)
{
	return field < in->nfields && in->col[field] >= 0;
}

const char *
input_where(const struct input *in)
{
	struct input *w = (struct input *)in;	/* the cache of where */

	if (!in->name)
		return "";
	if (!in->where[0] && in->where_line)
		snprintf(w->where, sizeof w->where, "%s:%lu", in->name, in->where_line);
	return in->where;
}

unsigned long
input_line(const struct input *in)
{
	return in->name ? in->where_line : 0;
}

void
input_error(struct input *in, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (in->name)
		warn("%s: %s", input_where(in), msg);
	else
		warn("%s", msg);
	in->errors++;
}

int
input_decimal_comma(const struct input *in)
{
	return in->csv && csv_decimal_comma(in->csv);
}

size_t
input_columns(const struct input *in, const char *const **cols)
{
	*cols = (const char *const *)in->cols;
	return in->ncols;
}

size_t
input_count(const struct input *in)
{
	return in->count;
}

size_t
input_rows_hint(const struct input *in)
{
	const struct batch *b = &in->b[in->taken % NBATCH];
	size_t n;

	/* A record's fields are its line's bytes, NUL-ended instead of
	 * tab- or newline-ended. */
	if (!in->size || in->ready <= in->taken || !b->n || !b->text.len)
		return 0;	/* (before the first record, the batch may be being made) */
	n = (size_t)((double)in->size * (double)b->n / (double)b->text.len);
	return n - n / 8;
}

size_t
input_close(struct input *in)
{
	size_t e = in->errors, i;

	if (in->progress && in->count >= 100000)
		fprintf(stderr, "\r\033[K");
	stop_ahead(in);
	for (i = 0; i < NBATCH; i++) {
		free(in->b[i].rec);
		free(in->b[i].len);
		buf_free(&in->b[i].text);
	}
	free(in->f);
	tsv_close(in->r);
	csv_close(in->csv);
	free(in->col);
	free(in);
	return e;
}

size_t
input_check(struct input *in, const struct schema *sc, const char *const *fields,
	    const char *const *vals)
{
	size_t i, n = 0;
	const char *why;
	int c;

	for (i = 0; i < in->nfields; i++) {
		if (!vals[i] || (c = schema_col(sc, fields[i])) < 0)
			continue;
		if ((why = schema_check_value(&sc->cols[c], vals[i]))) {
			input_error(in, "%s '%.64s' %s", fields[i], vals[i], why);
			n++;
		}
	}
	return n;
}
