#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "err.h"
#include "txn.h"
#include "xalloc.h"

struct txn_step {
	struct txn_step *next;
	off_t size_before;	/* a ledger's size before the append, -1: new */
	int appended;
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
 * An append failed, here or anywhere below (store.c dies on some errors):
 * take back the ledgers this transaction had already appended to, so that
 * a batch over several month files is booked whole or not at all.  (A
 * sequence number reserved in ids.tsv stays skipped, which sales-check
 * accepts.)  Runs from die(), after its message.
 */
static struct txn *appending;

static void
undo_appends(void)
{
	struct txn_step *st;
	int undone = 0;

	for (st = appending->steps; st; st = st->next)
		if (st->relpath && st->appended) {
			store_truncate(appending->s, st->relpath, st->size_before);
			undone = 1;
		}
	if (undone)
		warn("the appends already made were taken back; nothing was changed");
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
		buf_reset(&hdr);
		schema_header(st->sc, &hdr);
		store_check_append(x->s, st->relpath, hdr.data);
	}
	if (!x->dry_run && x->log.len) {
		buf_reset(&hdr);
		schema_header(&schema_audit, &hdr);
		store_check_append(x->s, "audit.tsv", hdr.data);
	}
	appending = x;
	err_on_die(undo_appends);
	for (st = x->steps; st; st = next) {
		next = st->next;
		if (!x->dry_run && st->t)
			store_replace(x->s, st->t);
		if (!x->dry_run && st->relpath) {
			buf_reset(&hdr);
			schema_header(st->sc, &hdr);
			st->size_before = store_size(x->s, st->relpath);
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
