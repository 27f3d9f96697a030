#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "date.h"
#include "err.h"
#include "ledger.h"
#include "txn.h"
#include "xalloc.h"

struct txn_step {
	struct txn_step *next;
	const struct schema *sc;
	struct table *t;	/* a table to replace, or */
	char *relpath;		/* a ledger to append to */
	struct buf rows;	/* its rows, or the table's new content */
	struct buf hdr;		/* the ledger's header */
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
 * An event dated after today, in the data or in this change, means a
 * clock behind the data or a --today ahead of it: the change goes on (it
 * may be right), but the user hears of it.  Today is the real one here,
 * from $SALESMGR_TODAY or the clock, never --today.
 */
static void
check_clock(struct txn *x)
{
	static const char *const kinds[] = { "deals", "activities" };
	date_t today = date_today(NULL), newest = today, d;
	char where[64] = "", day[DATE_BUFSZ], now[DATE_BUFSZ];
	struct txn_step *st;
	const char *p;
	size_t k;

	for (k = 0; k < 2; k++)
		newest = ledger_newest(x->s, kinds[k], newest, where, sizeof where);
	for (st = x->steps; st; st = st->next) {
		if (!st->relpath || (strncmp(st->relpath, "deals/", 6) != 0 &&
		    strncmp(st->relpath, "activities/", 11) != 0))
			continue;
		for (p = st->rows.data; p && p < st->rows.data + st->rows.len;
		    p = memchr(p, '\n', (size_t)(st->rows.data + st->rows.len - p)),
		    p = p ? p + 1 : NULL) {
			snprintf(day, sizeof day, "%.10s", p);
			if (date_parse(day, &d) == 0 && d > newest) {
				newest = d;
				snprintf(where, sizeof where, "%s", st->relpath);
			}
		}
	}
	if (newest > today)
		warn("warning: an event is dated %s (%s), after today (%s): is the clock, "
		    "or --today, right?", date_format(newest, day), where,
		    date_format(today, now));
}

void
txn_commit(struct txn *x)
{
	struct txn_step *st, *next;
	struct store_change *c;
	struct buf audit_hdr = BUF_INIT;

	if (!x->dry_run && x->steps) {
		check_clock(x);
		/* Every ledger this will append to must take it, before anything
		 * is written. */
		for (st = x->steps; st; st = st->next)
			if (st->relpath) {
				schema_header(st->sc, &st->hdr);
				store_check_append(x->s, st->relpath, st->hdr.data);
			}
		schema_header(&schema_audit, &audit_hdr);
		if (x->log.len)
			store_check_append(x->s, "audit.tsv", audit_hdr.data);
		c = store_change_begin(x->s);
		for (st = x->steps; st; st = st->next)
			if (st->t) {
				table_write(st->t, &st->rows);
				store_change_replace(c, st->t->name, st->rows.data, st->rows.len);
			} else
				store_change_append(c, st->relpath, st->hdr.data, st->rows.data,
				    st->rows.len);
		/* The audit line is part of the change: a change is never made
		 * without it, nor recorded without being made. */
		if (x->log.len)
			store_change_append(c, "audit.tsv", audit_hdr.data, x->log.data,
			    x->log.len);
		store_change_commit(c);
	}
	for (st = x->steps; st; st = next) {
		next = st->next;
		free(st->relpath);
		buf_free(&st->rows);
		buf_free(&st->hdr);
		free(st);
	}
	buf_free(&audit_hdr);
	x->steps = NULL;
	x->tail = &x->steps;
	buf_free(&x->log);
}
