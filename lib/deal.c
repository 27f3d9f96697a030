#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "date.h"
#include "deal.h"
#include "dealindex.h"
#include "err.h"
#include "ledger.h"
#include "schema.h"
#include "xalloc.h"

/* deal_cols() from a header's names; file NULL: -1 instead of dying. */
static int
deal_cols_of(char *const *names, size_t n, const char *file, int col[DL_NCOLS])
{
	size_t i, j;

	for (i = 0; i < DL_NCOLS; i++) {
		for (col[i] = -1, j = 0; j < n && col[i] < 0; j++)
			if (strcmp(names[j], schema_deals.cols[i].name) == 0)
				col[i] = (int)j;
		if (col[i] < 0 && i < schema_fixed(&schema_deals)) {
			if (!file)
				return -1;
			die("%s: no column '%s'; run sales-check", file,
			    schema_deals.cols[i].name);
		}
	}
	return 0;
}

void
deal_cols(const struct tsv_reader *r, int col[DL_NCOLS])
{
	deal_cols_of(r->cols, r->ncols, r->name, col);
}

static struct deal *
deal_of_fields(char *const *f, const int col[DL_NCOLS])
{
	struct deal *d = xcalloc(1, sizeof *d);
	size_t i;

	for (i = 0; i < DL_NCOLS; i++)
		d->f[i] = xstrdup(col[i] >= 0 ? f[col[i]] : "");
	return d;
}

static struct deal *
deal_of_row(const struct tsv_reader *r, const int col[DL_NCOLS])
{
	return deal_of_fields(r->f, col);
}

struct deal *
deal_copy(const struct deal *src)
{
	struct deal *d = xcalloc(1, sizeof *d);
	size_t i;

	for (i = 0; i < DL_NCOLS; i++)
		d->f[i] = xstrdup(src->f[i] ? src->f[i] : "");
	return d;
}

void
deal_set(struct deal *d, enum deal_col c, const char *v)
{
	size_t n;

	v = v ? v : "";
	/* In place when it fits (v may be the field itself, or inside it). */
	if (d->f[c] && strlen(d->f[c]) >= (n = strlen(v))) {
		memmove(d->f[c], v, n + 1);
		return;
	}
	free(d->f[c]);
	d->f[c] = xstrdup(v);
}

void
deal_free(struct deal *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < DL_NCOLS; i++)
		free(d->f[i]);
	free(d);
}

int
deal_event_parse(const char *s, size_t n)
{
	/* Length and a compare tell the events apart: a report parses
	 * millions of them. */
	switch (n) {
	case 3:
		return memcmp(s, "won", 3) == 0 ? DEAL_EV_WON : -1;
	case 4:
		return memcmp(s, "open", 4) == 0 ? DEAL_EV_OPEN :
		    memcmp(s, "lost", 4) == 0 ? DEAL_EV_LOST : -1;
	case 5:
		return memcmp(s, "stage", 5) == 0 ? DEAL_EV_STAGE :
		    memcmp(s, "amend", 5) == 0 ? DEAL_EV_AMEND :
		    memcmp(s, "split", 5) == 0 ? DEAL_EV_SPLIT : -1;
	case 6:
		return memcmp(s, "cancel", 6) == 0 ? DEAL_EV_CANCEL :
		    memcmp(s, "reopen", 6) == 0 ? DEAL_EV_REOPEN :
		    memcmp(s, "assign", 6) == 0 ? DEAL_EV_ASSIGN : -1;
	default:
		return -1;
	}
}

enum deal_state
deal_state_after(enum deal_event ev, enum stage_state stage)
{
	switch (ev) {
	case DEAL_EV_WON: return DEAL_WON;
	case DEAL_EV_LOST: return DEAL_LOST;
	case DEAL_EV_CANCEL: return DEAL_CANCELLED;
	default:
		return stage == STAGE_WON ? DEAL_WON : stage == STAGE_LOST ? DEAL_LOST : DEAL_OPEN;
	}
}

enum deal_state
deal_state_of(const struct stages *st, const char *event, const char *stage)
{
	const struct stage *s = stage_find(st, stage);
	int ev = deal_event_parse(event, strlen(event));

	return deal_state_after(ev < 0 ? DEAL_EV_AMEND : (enum deal_event)ev,
	    s ? s->state : STAGE_OPEN);
}

const char *
deal_state_name(enum deal_state st)
{
	static const char *const names[] = { "", "open", "won", "lost", "cancelled" };

	return names[st];
}

struct tsv_reader *
deal_month_open(struct store *s, ledger_month m, char *name, int col[DL_NCOLS])
{
	struct tsv_reader *r;
	int fd = ledger_open(s, "deals", m), st;

	if (fd < 0)
		return NULL;
	ledger_month_path(name, "deals", m);
	r = tsv_open(fd, name);
	if ((st = tsv_header(r)) == TSV_IOERR)
		die("%s", tsv_error(r));
	if (st == TSV_BAD)
		die("%s; run sales-check", tsv_error(r));
	if (st != TSV_ROW)
		die("%s: no header; run sales-check", name);
	deal_cols(r, col);
	return r;
}

int
deal_month_next(struct tsv_reader *r)
{
	int st = tsv_next(r);

	if (st == TSV_IOERR)
		die("%s", tsv_error(r));
	/* A torn line may still split into the right number of fields. */
	if (st != TSV_EOF && r->no_final_newline)
		die("%s: the last line is torn (a crash while writing?); "
		    "run sales-check --repair", r->name);
	if (st == TSV_BAD)
		die("%s; run sales-check", tsv_error(r));
	return st == TSV_ROW;
}

void
deal_month_close(struct tsv_reader *r)
{
	/* The descriptor came from ledger_open, so the reader does not own it. */
	int fd = r->in.fd;

	tsv_close(r);
	close(fd);
}

/* deal_latest's filter: a row whose deal, as the raw line has it, is not
 * wanted is skipped unsplit. */
struct want_scan {
	const struct intern *want;
	int col;
};

static int
wanted_row(const struct tsv_reader *r, const char *line, size_t len, void *arg)
{
	const struct want_scan *w = arg;
	const char *f;
	size_t n;

	/* A torn last line goes on to be reported. */
	return r->no_final_newline || !tsv_raw_field(line, len, w->col, &f, &n) ||
	    intern_get(w->want, f, n) >= 0;
}

/* dealindex_latest's row(): the deal, from a row of a month file. */
static int
indexed_row(void *arg, size_t i, const char *file, char *const *names, char *const *f,
	    size_t nf)
{
	struct deal **got = arg;
	int col[DL_NCOLS];

	(void)file;
	if (deal_cols_of(names, nf, NULL, col) < 0)
		return -1;
	got[i] = deal_of_fields(f, col);
	return 0;
}

/* deal_latest() from the deal index: 0, or -1 (out untouched) when it
 * cannot tell. */
static int
latest_indexed(struct store *s, const char *const *ids, size_t n, struct deal **out)
{
	struct deal **got = xcalloc(n ? n : 1, sizeof *got);
	int st = dealindex_latest(s, ids, n, indexed_row, got);
	size_t i;

	for (i = 0; i < n; i++)
		if (st == 0)
			out[i] = got[i];
		else
			deal_free(got[i]);
	free(got);
	return st;
}

void
deal_latest(struct store *s, const char *const *ids, size_t n, struct deal **out)
{
	struct want_scan w;
	struct intern *want = intern_new();
	size_t *slot = xcalloc(n ? n : 1, sizeof *slot);
	struct deal **latest;
	char name[LEDGER_PATHSZ], *settled;
	struct tsv_reader *r;
	ledger_month *months;
	size_t nm, nd, i, left;
	int col[DL_NCOLS];
	long k;

	if (latest_indexed(s, ids, n, out) == 0) {
		intern_free(want);
		free(slot);
		return;
	}
	for (i = 0; i < n; i++)
		slot[i] = intern_add(want, ids[i], strlen(ids[i]));
	nd = left = intern_count(want);
	latest = xcalloc(nd ? nd : 1, sizeof *latest);
	settled = xcalloc(nd ? nd : 1, 1);
	nm = ledger_months(s, "deals", DATE_MIN, DATE_MAX, &months);
	while (nm-- > 0 && left > 0) {
		if (!(r = deal_month_open(s, months[nm], name, col)))
			continue;
		w.want = want;
		w.col = col[DL_DEAL];
		tsv_filter(r, wanted_row, &w);
		while (deal_month_next(r)) {
			k = intern_get(want, r->f[col[DL_DEAL]], r->flen[col[DL_DEAL]]);
			if (k < 0 || settled[k])
				continue;
			deal_free(latest[k]);
			latest[k] = deal_of_row(r, col);
		}
		deal_month_close(r);
		/* The newest month naming a deal settles it. */
		for (i = 0; i < nd; i++)
			if (latest[i] && !settled[i]) {
				settled[i] = 1;
				left--;
			}
	}
	for (i = 0; i < n; i++) {
		if (!latest[slot[i]])
			out[i] = NULL;
		else if (settled[slot[i]] == 1) {
			out[i] = latest[slot[i]];
			settled[slot[i]] = 2;	/* handed out: the next asker gets a copy */
		} else
			out[i] = deal_copy(latest[slot[i]]);
	}
	free(months);
	free(latest);
	free(settled);
	free(slot);
	intern_free(want);
}

/* A deal's latest row: its fields one after another, each ending in NUL. */
struct kept {
	char *data;
	size_t cap;
	uint32_t off[DL_NCOLS];
};

struct deal_last {
	struct intern *ids;
	struct kept *v;
	size_t cap;
};

static void
keep(struct kept *k, const struct tsv_reader *r, const int *col)
{
	size_t need = 0, at = 0, i;

	for (i = 0; i < DL_NCOLS; i++)
		need += (col[i] >= 0 ? r->flen[col[i]] : 0) + 1;
	if (need > UINT32_MAX)
		die("%s:%lu: row too long", r->name, r->line);
	if (need > k->cap) {
		k->cap = need < 128 ? 128 : need;
		free(k->data);
		k->data = xmalloc(k->cap);
	}
	for (i = 0; i < DL_NCOLS; i++) {
		k->off[i] = (uint32_t)at;
		if (col[i] < 0) {
			k->data[at++] = '\0';
			continue;
		}
		memcpy(k->data + at, r->f[col[i]], r->flen[col[i]] + 1);
		at += r->flen[col[i]] + 1;
	}
}

struct deal_last *
deal_last_scan(struct store *s, date_t from)
{
	struct deal_last *l = xcalloc(1, sizeof *l);
	char name[LEDGER_PATHSZ];
	struct tsv_reader *r;
	ledger_month *months;
	size_t nm, i, k;
	int col[DL_NCOLS];

	l->ids = intern_new();
	nm = ledger_months(s, "deals", from, DATE_MAX, &months);
	for (i = 0; i < nm; i++) {
		if (!(r = deal_month_open(s, months[i], name, col)))
			continue;
		/* Oldest month first, rows in order: the last row seen is the latest. */
		while (deal_month_next(r)) {
			k = intern_add(l->ids, r->f[col[DL_DEAL]], r->flen[col[DL_DEAL]]);
			if (k >= l->cap) {
				l->cap = l->cap ? l->cap * 2 : 1024;
				l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
				memset(l->v + k, 0, (l->cap - k) * sizeof *l->v);
			}
			keep(&l->v[k], r, col);
		}
		deal_month_close(r);
	}
	free(months);
	return l;
}

size_t
deal_last_count(const struct deal_last *l)
{
	return intern_count(l->ids);
}

const char *
deal_last_field(const struct deal_last *l, size_t i, enum deal_col c)
{
	return l->v[i].data + l->v[i].off[c];
}

void
deal_last_free(struct deal_last *l)
{
	size_t i, n;

	if (!l)
		return;
	n = intern_count(l->ids);
	for (i = 0; i < n; i++)
		free(l->v[i].data);
	free(l->v);
	intern_free(l->ids);
	free(l);
}

struct intern *
deal_refs(struct store *s)
{
	struct intern *refs = intern_new();
	char name[LEDGER_PATHSZ];
	struct tsv_reader *r;
	ledger_month *months;
	size_t nm, i;
	int col[DL_NCOLS];

	nm = ledger_months(s, "deals", DATE_MIN, DATE_MAX, &months);
	for (i = 0; i < nm; i++) {
		if (!(r = deal_month_open(s, months[i], name, col)))
			continue;
		while (deal_month_next(r))
			if (r->flen[col[DL_REF]])
				intern_add(refs, r->f[col[DL_REF]], r->flen[col[DL_REF]]);
		deal_month_close(r);
	}
	free(months);
	return refs;
}

struct deal_batch {
	ledger_month *months;
	struct buf *rows;
	size_t n;
};

struct deal_batch *
deal_batch_new(void)
{
	return xcalloc(1, sizeof(struct deal_batch));
}

void
deal_queue(struct deal_batch *b, const struct deal *ev)
{
	ledger_month m;
	size_t i, j, len[DL_NCOLS], total;
	date_t d;

	if (date_parse(ev->f[DL_DATE], &d) < 0)
		die("internal error: deal event with date '%s'", ev->f[DL_DATE]);
	m = ledger_month_of(d);
	for (i = 0; i < b->n && b->months[i] != m; i++)
		;
	if (i == b->n) {
		b->months = xreallocarray(b->months, b->n + 1, sizeof *b->months);
		b->rows = xreallocarray(b->rows, b->n + 1, sizeof *b->rows);
		b->months[i] = m;
		memset(&b->rows[i], 0, sizeof b->rows[i]);
		b->n++;
	}
	/* Room for the row as it is (escapes are rare) at once. */
	for (j = 0, total = DL_NCOLS; j < DL_NCOLS; j++)
		total += len[j] = ev->f[j] ? strlen(ev->f[j]) : 0;
	buf_grow(&b->rows[i], total);
	for (j = 0; j < DL_NCOLS; j++) {
		if (j)
			buf_addc(&b->rows[i], '\t');
		if (len[j])
			tsv_escape(&b->rows[i], ev->f[j], len[j]);
	}
	buf_addc(&b->rows[i], '\n');
}

void
deal_batch_free(struct deal_batch *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->n; i++)
		buf_free(&b->rows[i]);
	free(b->months);
	free(b->rows);
	free(b);
}

void
deal_flush(struct deal_batch *b, struct txn *x)
{
	char path[LEDGER_PATHSZ];
	size_t i;

	for (i = 0; i < b->n; i++) {
		ledger_month_path(path, "deals", b->months[i]);
		txn_append_buf(x, path, &schema_deals, &b->rows[i]);
		buf_free(&b->rows[i]);
	}
	free(b->months);
	free(b->rows);
	free(b);
}
