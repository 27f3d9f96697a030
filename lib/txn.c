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
#include "word.h"
#include "xalloc.h"

struct txn_step {
	struct txn_step *next;
	const struct schema *sc;
	struct table *t;	/* a table to replace, or */
	char *table;		/* one given whole in pc, or */
	char *relpath;		/* a ledger to append to */
	struct buf rows;	/* its rows, or t's (or the upgrade's) new content */
	struct buf_piece *pc;	/* table's content in pieces */
	size_t npc;
	struct buf hdr;		/* the ledger's header */
	int upgrade;		/* rows: the whole ledger, its header upgraded */
	size_t need;		/* the columns the rows fill (rows_width), 0: not counted */
	int full;		/* every row has all of sc's columns */
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
	char detail[AUDIT_DETAIL_MAX + 1];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	txn_log_line(x, detail);
}

void
txn_log_line(struct txn *x, const char *detail)
{
	x->changes++;
	if (x->dry_run)
		printf("would %.*s\n", (int)strnlen(detail, AUDIT_DETAIL_MAX), detail);
	else
		audit_add_line(&x->log, detail);
}

static struct txn_step *
add_step(struct txn *x)
{
	struct txn_step *st = xcalloc(1, sizeof *st);

	*x->tail = st;
	x->tail = &st->next;
	return st;
}

/*
 * Every cell of t is checked before it is written, unless the file it was
 * read from is noted as checked (store.h): then only its rows changed or
 * added are, and the keys of all.  Its note is written with it.  A
 * table of fewer rows than NOTE_ROWS is checked whole, sooner than its
 * note is read and written.
 */
enum { NOTE_ROWS = 256 };

void
txn_table(struct txn *x, const struct schema *sc, struct table *t)
{
	struct txn_step *st;
	int flags = t->nrows >= NOTE_ROWS && store_checked_table(x->s, t) ? SCHEMA_CHANGED : 0;

	schema_sort(sc, t);
	if (schema_check_table(sc, t, flags, schema_warn, NULL) > 0)
		die("%s: internal error: the new table would be invalid; nothing was changed",
		    t->name);
	st = add_step(x);
	st->sc = sc;
	st->t = t;
}

void
txn_table_pieces(struct txn *x, const char *name, const struct buf_piece *pc, size_t npc)
{
	struct txn_step *st = add_step(x);

	st->table = xstrdup(name);
	st->pc = xcalloc(npc ? npc : 1, sizeof *pc);	/* pc[0] an empty piece when none */
	memcpy(st->pc, pc, npc * sizeof *pc);
	st->npc = npc;
}

void
txn_append(struct txn *x, const char *relpath, const struct schema *sc,
	   const struct buf *rows)
{
	struct buf copy = BUF_INIT;

	if (rows->len == 0)
		return;
	buf_add(&copy, rows->data, rows->len);
	txn_append_buf(x, relpath, sc, &copy);
}

void
txn_append_buf(struct txn *x, const char *relpath, const struct schema *sc, struct buf *rows)
{
	txn_append_filled(x, relpath, sc, rows, 0);
}

void
txn_append_filled(struct txn *x, const char *relpath, const struct schema *sc,
		  struct buf *rows, size_t filled)
{
	struct txn_step *st;

	if (rows->len == 0)
		return;
	st = add_step(x);
	st->sc = sc;
	st->relpath = xstrdup(relpath);
	st->rows = *rows;
	st->need = filled;
	st->full = filled > 0;
	memset(rows, 0, sizeof *rows);
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
	char where[64] = "", day[DATE_BUFSZ], now[DATE_BUFSZ], top[DATE_BUFSZ];
	struct txn_step *st;
	const char *p, *q;
	size_t k, n;

	for (k = 0; k < 2; k++)
		newest = ledger_newest(x->s, kinds[k], newest, where, sizeof where);
	/* A date in its text form is newer only if it sorts after: most rows
	 * are not parsed. */
	date_format(newest, top);
	for (st = x->steps; st; st = st->next) {
		if (!st->relpath || (strncmp(st->relpath, "deals/", 6) != 0 &&
		    strncmp(st->relpath, "activities/", 11) != 0))
			continue;
		for (p = st->rows.data; p && p < st->rows.data + st->rows.len;
		    p = memchr(p, '\n', (size_t)(st->rows.data + st->rows.len - p)),
		    p = p ? p + 1 : NULL) {
			n = (size_t)(st->rows.data + st->rows.len - p);
			n = n < 10 ? n : 10;
			q = memchr(p, '\0', n);
			n = q ? (size_t)(q - p) : n;
			memcpy(day, p, n);
			day[n] = '\0';
			if (strcmp(day, top) > 0 && date_parse(day, &d) == 0 && d > newest) {
				newest = d;
				date_format(newest, top);
				snprintf(where, sizeof where, "%s", st->relpath);
			}
		}
	}
	if (newest > today)
		warn("warning: an event is dated %s (%s), after today (%s): is the clock, "
		    "or --today, right?", date_format(newest, day), where,
		    date_format(today, now));
}

/* Appends to one ledger become one step, in the order given. */
static void
join_ledgers(struct txn *x)
{
	struct txn_step *st, *o, **pp;

	for (st = x->steps; st; st = st->next) {
		if (!st->relpath)
			continue;
		for (pp = &st->next; (o = *pp);) {
			if (!o->relpath || strcmp(o->relpath, st->relpath) != 0) {
				pp = &o->next;
				continue;
			}
			buf_add(&st->rows, o->rows.data, o->rows.len);
			st->need = st->need && o->need ? (o->need > st->need ? o->need : st->need) : 0;
			st->full = st->full && o->full;
			*pp = o->next;
			if (x->tail == &o->next)
				x->tail = pp;
			free(o->relpath);
			buf_free(&o->rows);
			free(o);
		}
	}
}

/* The fewest columns, k or more (ncols at most), that hold every value of
 * the rows of st: a row fills as many as the tabs before its last
 * character that is not a tab, and one.  Counted once. */
static size_t
rows_width(struct txn_step *st, size_t k, size_t ncols)
{
	const char *p = st->rows.data, *end = p + st->rows.len, *nl, *q, *t;
	size_t tabs;
	uint64_t w;

	if (!st->need) {
		st->need = 1;
		for (; p < end && st->need < ncols; p = nl + 1) {
			nl = memchr(p, '\n', (size_t)(end - p));
			for (q = nl; q > p && q[-1] == '\t'; q--)
				;
			/* the tabs eight bytes at a time (a bulk load has millions of
			 * rows): a 1 in each tab byte, summed by the multiply */
			for (t = p, tabs = 0; q - t >= 8; t += 8) {
				memcpy(&w, t, 8);
				tabs += (size_t)(((word_zero_bytes(w ^ WORD_ONES * '\t') >> 7) *
				    WORD_ONES) >> 56);
			}
			for (; t < q; t++)
				tabs += *t == '\t';
			if (tabs + 1 > st->need)
				st->need = tabs + 1;
		}
	}
	k = st->need > k ? st->need : k;
	return k < ncols ? k : ncols;
}

/* The columns of the header of the file relpath of st's schema: 0 when
 * it is not there or empty, -1 when its header is not one of them. */
static long
header_width(struct txn *x, struct txn_step *st, const char *relpath)
{
	char head[4096], *nl;
	ssize_t n;
	int fd = store_open_read(x->s, relpath);

	n = fd < 0 ? 0 : pread(fd, head, sizeof head, 0);
	if (n < 0)
		die_errno("%s/%s", store_path(x->s), relpath);
	if (fd >= 0)
		close(fd);
	if (n == 0)
		return 0;
	nl = memchr(head, '\n', (size_t)n);
	return nl ? schema_width(st->sc, head, (size_t)(nl - head)) : -1;
}

/*
 * The columns of the header of the ledger of st (schema.h: optional
 * ones).  A new or empty one gets the columns every file has, as many
 * more as the month file before it has (a ledger that has needed a column
 * keeps it in its new months: their first row that fills it does not
 * rewrite the month), and as many more as its rows need.
 */
static size_t
ledger_width(struct txn *x, struct txn_step *st)
{
	char before[LEDGER_PATHSZ], kind[16];
	const char *p = strchr(st->relpath, '/');
	long k = header_width(x, st, st->relpath), b;
	int y, m;
	size_t base = schema_fixed(st->sc);

	if (k < 0)
		die("%s/%s: header is not the one expected; run sales-check",
		    store_path(x->s), st->relpath);
	if (k > 0)
		return (size_t)k;
	if (p && (size_t)(p - st->relpath) < 16 && sscanf(p + 1, "%4d-%2d.tsv", &y, &m) == 2 &&
	    m >= 1 && m <= 12 && y * 12 + m - 2 >= 0) {
		memcpy(kind, st->relpath, (size_t)(p - st->relpath));
		kind[p - st->relpath] = '\0';
		ledger_month_path(before, kind, (ledger_month)(y * 12 + m - 2));
		if ((b = header_width(x, st, before)) > (long)base)
			base = (size_t)b;
	}
	return rows_width(st, base, st->sc->ncols);
}

/* The rows of st cut to their first k columns (the rest are empty), in
 * place: a row only gets shorter. */
static void
cut_rows(struct txn_step *st, size_t k)
{
	char *p = st->rows.data, *end = p + st->rows.len, *to = p, *nl, *q, *t;
	size_t tabs, n, cut = st->sc->ncols - k;
	uint64_t w, m;

	/* Rows of all the columns, those after the k-th empty: each ends in
	 * as many tabs as it has columns after the k-th. */
	if (st->full) {
		for (; p < end; p = nl + 1) {
			nl = memchr(p, '\n', (size_t)(end - p));
			n = (size_t)(nl - p) - cut;
			memmove(to, p, n);
			to += n;
			*to++ = '\n';
		}
		st->rows.len = (size_t)(to - st->rows.data);
		st->rows.data[st->rows.len] = '\0';
		return;
	}
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		/* up to the tab that ends the k-th column, if there is one; the
		 * tabs eight bytes at a time */
		for (q = p, tabs = 0, t = NULL; nl - q >= 8 && !t; q += 8) {
			memcpy(&w, q, 8);
			for (m = word_zero_bytes(w ^ WORD_ONES * '\t'); m; m &= m - 1)
				if (++tabs == k) {
					t = q + (__builtin_ctzll(m) >> 3);
					break;
				}
		}
		for (; q < nl && !t; q++)
			if (*q == '\t' && ++tabs == k)
				t = q;
		n = t ? (size_t)(t - p) : (size_t)(nl - p);
		memmove(to, p, n);
		to += n;
		*to++ = '\n';
	}
	if (st->rows.data) {
		st->rows.len = (size_t)(to - st->rows.data);
		st->rows.data[st->rows.len] = '\0';
	}
}

/*
 * The ledger of st, of k columns, whole with w: the header, every old row
 * with the new columns empty, then the new rows (of w columns).  The
 * change replaces it through a temporary, so a crash leaves the old file
 * or the new one with the rest of the change, never a mix.
 */
static void
upgrade_ledger(struct txn *x, struct txn_step *st, size_t k, size_t w)
{
	struct buf b = BUF_INIT;
	const char *p, *end, *nl;
	char *old;
	size_t i, oldlen;
	int fd = store_open_read(x->s, st->relpath);

	if (fd < 0 || read_all(fd, &old, &oldlen) < 0)
		die_errno("%s/%s", store_path(x->s), st->relpath);
	close(fd);
	schema_header_n(st->sc, w, &b);
	store_check_rows(x->s, st->relpath, b.data, st->rows.data, st->rows.len);
	p = memchr(old, '\n', oldlen);
	end = old + oldlen;
	for (p = p ? p + 1 : end; p < end; p = nl + 1) {
		if (!(nl = memchr(p, '\n', (size_t)(end - p))))
			die("%s/%s: the last line is torn (a crash while writing?); "
			    "run sales-check --repair", store_path(x->s), st->relpath);
		buf_add(&b, p, (size_t)(nl - p));
		for (i = k; i < w; i++)
			buf_addc(&b, '\t');
		buf_addc(&b, '\n');
	}
	buf_add(&b, st->rows.data, st->rows.len);
	free(old);
	buf_free(&st->rows);
	st->rows = b;
	st->upgrade = 1;
}

/*
 * A ledger's header and rows as its file has them (schema.h): a ledger
 * with optional columns that lacks some keeps its header while the new
 * rows leave them empty (the rows are cut to fit), and is rewritten whole
 * with the columns up to the last one its new rows fill when they fill
 * one it lacks (so a month file gains type only when a deal of it has
 * one).  Dies, before anything is
 * written, if the ledger would refuse the append.
 */
static void
fit_ledger(struct txn *x, struct txn_step *st)
{
	size_t k = st->sc->nlater ? ledger_width(x, st) : st->sc->ncols, w;

	schema_header_n(st->sc, k, &st->hdr);
	store_check_append(x->s, st->relpath, st->hdr.data);
	if (k == st->sc->ncols)
		return;
	w = rows_width(st, k, st->sc->ncols);
	cut_rows(st, w);
	if (w > k)
		upgrade_ledger(x, st, k, w);
}

/* The note of each table checked, of the bytes it is about to be. */
static void
notes(struct txn *x)
{
	struct buf note = BUF_INIT;
	struct buf_piece pc;
	struct txn_step *st;

	for (st = x->steps; st; st = st->next)
		if (st->t && st->t->nrows >= NOTE_ROWS) {
			pc = (struct buf_piece){ st->rows.data, st->rows.len };
			buf_reset(&note);
			store_checked_note(st->t->name, &pc, 1, &note);
			store_checked_write(x->s, st->t->name, &note);
		}
	buf_free(&note);
}

void
txn_commit(struct txn *x)
{
	struct txn_step *st, *next;
	struct store_change *c;
	struct buf audit_hdr = BUF_INIT;
	size_t k;

	if (!x->dry_run && x->steps) {
		check_clock(x);
		join_ledgers(x);
		/* Every ledger this will append to must take it, before anything
		 * is written. */
		for (st = x->steps; st; st = st->next)
			if (st->relpath)
				fit_ledger(x, st);
		schema_header(&schema_audit, &audit_hdr);
		if (x->log.len)
			store_check_append(x->s, "audit.tsv", audit_hdr.data);
		/* The tables' notes before the change, not after it: the change's
		 * fsyncs would make the notes wait for the disk.  A note of bytes
		 * that do not become the file (a change that fails) is not
		 * believed. */
		for (st = x->steps; st; st = st->next)
			if (st->t)
				table_write(st->t, &st->rows);
		notes(x);
		c = store_change_begin(x->s);
		for (st = x->steps; st; st = st->next)
			if (st->t) {
				store_change_replace(c, st->t->name, st->rows.data, st->rows.len);
			} else if (st->table) {
				store_change_replace(c, st->table, st->pc[0].p, st->pc[0].n);
				for (k = 1; k < st->npc; k++)
					store_change_replace_more(c, st->table, st->pc[k].p,
					    st->pc[k].n);
			}
			else if (st->upgrade)
				store_change_replace(c, st->relpath, st->rows.data, st->rows.len);
			else
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
		free(st->table);
		free(st->pc);
		buf_free(&st->rows);
		buf_free(&st->hdr);
		free(st);
	}
	buf_free(&audit_hdr);
	x->steps = NULL;
	x->tail = &x->steps;
	buf_free(&x->log);
}
