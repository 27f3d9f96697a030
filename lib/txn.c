#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "err.h"
#include "txn.h"
#include "xalloc.h"

struct txn_step {
	struct txn_step *next;
	off_t size_before;	/* a ledger's size before the append, -1: new */
	int appended, replaced, saved;
	size_t width;		/* a ledger's columns (schema.h: optional ones) */
	int upgrade;		/* its header gains columns: rewritten whole */
	char *old;		/* if saved, a table's bytes before; NULL: none */
	size_t oldlen;
	const struct schema *sc;
	struct table *t;	/* a table to replace, or */
	char *relpath;		/* a ledger to append to */
	struct buf rows;
};

void
txn_begin(struct txn *x, struct store *s, int dry_run)
{
	memset(x, 0, sizeof *x);
	x->s = s;
	x->dry_run = dry_run;
	x->tail = &x->steps;
}

void
txn_log(struct txn *x, const char *fmt, ...)
{
	char detail[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	x->changes++;
	if (x->dry_run)
		printf("would %s\n", detail);
	else
		audit_add(&x->log, "%s", detail);
}

static struct txn_step *
add_step(struct txn *x)
{
	struct txn_step *st = xcalloc(1, sizeof *st);

	*x->tail = st;
	x->tail = &st->next;
	return st;
}

void
txn_table(struct txn *x, const struct schema *sc, struct table *t)
{
	struct txn_step *st;

	schema_sort(sc, t);
	if (schema_check_table(sc, t, 0, schema_warn, NULL) > 0)
		die("%s: internal error: the new table would be invalid; nothing was changed",
		    t->name);
	st = add_step(x);
	st->sc = sc;
	st->t = t;
}

void
txn_append(struct txn *x, const char *relpath, const struct schema *sc,
	   const struct buf *rows)
{
	struct txn_step *st;

	if (rows->len == 0)
		return;
	st = add_step(x);
	st->sc = sc;
	st->relpath = xstrdup(relpath);
	buf_add(&st->rows, rows->data, rows->len);
}

/*
 * A write failed, here or anywhere below (store.c dies on errors): take
 * back what this transaction had already written, the tables from their
 * bytes saved before and the ledgers by truncating them, so that it is
 * done whole or not at all (comp-plan's plan and its tiers; a batch over
 * several month files).  Once an append has begun the tables stay as
 * written: a failed append may not have been able to take itself back,
 * and ids.tsv must stay past every id in a ledger (a skipped number is
 * harmless).  Runs from die(), after its message; a failure while taking
 * back dies at once.
 */
static struct txn *writing;
static int appending;	/* an append has begun: its own undo may have failed */

static void
undo(void)
{
	struct txn_step *st;
	int undone = 0;

	for (st = writing->steps; st; st = st->next) {
		if (st->relpath && st->appended)
			store_truncate(writing->s, st->relpath, st->size_before);
		else if (st->relpath && st->upgrade && st->replaced)
			store_replace_data(writing->s, st->relpath, st->old, st->oldlen);
		else if (appending)
			continue;	/* keep ids.tsv past what a ledger may hold */
		else if (st->t && st->replaced && st->saved && st->old)
			store_replace_data(writing->s, st->t->name, st->old, st->oldlen);
		else if (st->t && st->replaced && st->saved)
			store_truncate(writing->s, st->t->name, -1);
		else
			continue;
		undone = 1;
	}
	if (undone)
		warn("what was already written was taken back; nothing was changed");
}

/* Keep the bytes of every table when there are several (one alone is
 * replaced atomically or not at all). */
static void
save_tables(struct txn *x)
{
	struct txn_step *st;
	size_t n = 0;
	int fd;

	for (st = x->steps; st; st = st->next)
		n += st->t != NULL;
	if (x->dry_run || n < 2)
		return;
	for (st = x->steps; st; st = st->next) {
		if (!st->t)
			continue;
		st->saved = 1;
		fd = store_open_read(x->s, st->t->name);
		if (fd < 0)
			continue;
		if (read_all(fd, &st->old, &st->oldlen) < 0)
			die_errno("%s/%s", x->s->path, st->t->name);
		close(fd);
	}
}

/* The tables, first: one alone atomically, several as one change through
 * a journal (store.h), so that a crash never leaves half of them. */
static void
replace_tables(struct txn *x)
{
	struct txn_step *st;
	struct table **t = NULL;
	size_t n = 0;

	for (st = x->steps; st; st = st->next)
		if (st->t) {
			t = xreallocarray(t, n + 1, sizeof *t);
			t[n++] = st->t;
			st->replaced = 1;	/* a failure may leave it replaced */
		}
	if (n == 1)
		store_replace(x->s, t[0]);
	else if (n > 1)
		store_replace_set(x->s, t, n);
	free(t);
}

/* Does any row fill a column past the first k? */
static int
rows_past(const struct buf *rows, size_t k)
{
	const char *p = rows->data, *end = p + rows->len, *nl, *q;
	size_t tabs;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		for (q = p, tabs = 0; q < nl && tabs < k; q++)
			tabs += *q == '\t';
		for (; q < nl; q++)
			if (*q != '\t')
				return 1;
	}
	return 0;
}

/*
 * The columns of the header of the ledger at relpath.  A new one gets the
 * columns every file has, or all of them when its rows need more.
 */
static size_t
ledger_width(struct txn *x, const struct txn_step *st)
{
	char head[4096], *nl;
	ssize_t n;
	long k;
	int fd = store_open_read(x->s, st->relpath);

	n = fd < 0 ? 0 : pread(fd, head, sizeof head, 0);
	if (n < 0)
		die_errno("%s/%s", x->s->path, st->relpath);
	if (fd >= 0)
		close(fd);
	if (n == 0)
		return rows_past(&st->rows, schema_fixed(st->sc)) ? st->sc->ncols :
		    schema_fixed(st->sc);
	nl = memchr(head, '\n', (size_t)n);
	k = nl ? schema_width(st->sc, head, (size_t)(nl - head)) : -1;
	if (k < 0)
		die("%s/%s: header is not the one expected; run sales-check",
		    x->s->path, st->relpath);
	return (size_t)k;
}

/*
 * Fit the rows of a ledger step to its file (schema.h): cut to the file's
 * columns when the columns it lacks are empty in every row, else mark the
 * file for an upgrade of its header.
 */
static void
fit_rows(struct txn *x, struct txn_step *st)
{
	struct buf cut = BUF_INIT;
	const char *p = st->rows.data, *end = p + st->rows.len, *nl, *q;
	size_t tabs;

	st->width = ledger_width(x, st);
	if (st->width == st->sc->ncols)
		return;
	if (rows_past(&st->rows, st->width)) {
		st->upgrade = 1;
		return;
	}
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		for (q = p, tabs = 0; q < nl && tabs < st->width; q++)
			tabs += *q == '\t';
		/* past the tab that ends the file's last column, if there is one */
		buf_add(&cut, p, (size_t)(q - p) - (tabs == st->width));
		buf_addc(&cut, '\n');
	}
	buf_free(&st->rows);
	st->rows = cut;
}

/*
 * Rewrite a ledger whose header lacks columns its new rows fill: the whole
 * header, every old row with the new columns empty, then the new rows, put
 * in place atomically (old or new file, never a mix).  The old bytes are
 * kept so that a later failure can put them back.
 */
static void
upgrade_ledger(struct txn *x, struct txn_step *st)
{
	struct buf b = BUF_INIT;
	const char *p, *end, *nl;
	size_t i, add = st->sc->ncols - st->width;
	int fd = store_open_read(x->s, st->relpath);

	if (fd < 0 || read_all(fd, &st->old, &st->oldlen) < 0)
		die_errno("%s/%s", x->s->path, st->relpath);
	close(fd);
	schema_header(st->sc, &b);
	p = memchr(st->old, '\n', st->oldlen);
	end = st->old + st->oldlen;
	for (p = p ? p + 1 : end; p < end; p = nl + 1) {
		if (!(nl = memchr(p, '\n', (size_t)(end - p))))
			die("%s/%s: the last line is torn (a crash while writing?); "
			    "run sales-check --repair", x->s->path, st->relpath);
		buf_add(&b, p, (size_t)(nl - p));
		for (i = 0; i < add; i++)
			buf_addc(&b, '\t');
		buf_addc(&b, '\n');
	}
	buf_add(&b, st->rows.data, st->rows.len);
	st->saved = 1;
	store_replace_data(x->s, st->relpath, b.data, b.len);
	st->replaced = 1;
	buf_free(&b);
}

void
txn_commit(struct txn *x)
{
	struct txn_step *st, *next;
	struct buf hdr = BUF_INIT;

	/* Every ledger this will append to must take it, before anything is written. */
	for (st = x->steps; st && !x->dry_run; st = st->next) {
		if (!st->relpath)
			continue;
		fit_rows(x, st);
		buf_reset(&hdr);
		schema_header_n(st->sc, st->width, &hdr);
		store_check_append(x->s, st->relpath, hdr.data);
	}
	if (!x->dry_run && x->log.len) {
		buf_reset(&hdr);
		schema_header(&schema_audit, &hdr);
		store_check_append(x->s, "audit.tsv", hdr.data);
	}
	save_tables(x);
	writing = x;
	appending = 0;
	err_on_die(undo);
	if (!x->dry_run)
		replace_tables(x);
	for (st = x->steps; st; st = next) {
		next = st->next;
		if (!x->dry_run && st->relpath && st->upgrade) {
			upgrade_ledger(x, st);
		} else if (!x->dry_run && st->relpath) {
			buf_reset(&hdr);
			schema_header_n(st->sc, st->width, &hdr);
			st->size_before = store_size(x->s, st->relpath);
			appending = 1;
			if (store_append_try(x->s, st->relpath, hdr.data, st->rows.data,
			    st->rows.len) < 0)
				die_errno("%s/%s: cannot append; nothing was changed",
				    x->s->path, st->relpath);
			st->appended = 1;
		}
	}
	err_on_die(NULL);
	for (st = x->steps; st; st = next) {
		next = st->next;
		free(st->relpath);
		free(st->old);
		buf_free(&st->rows);
		free(st);
	}
	buf_free(&hdr);
	x->steps = NULL;
	x->tail = &x->steps;
	if (!x->dry_run)
		audit_commit(x->s, &x->log);
	buf_free(&x->log);
}
