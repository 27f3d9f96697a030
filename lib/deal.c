#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "buf.h"
#include "date.h"
#include "deal.h"
#include "dealindex.h"
#include "err.h"
#include "ledger.h"
#include "scan.h"
#include "schema.h"
#include "word.h"
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

static const char *const type_names[DEAL_NTYPES] = { "new", "renewal", "expansion" };

int
deal_type_parse(const char *s, size_t n)
{
	int t;

	if (n == 0)
		return DEAL_NEW;
	for (t = 0; t < DEAL_NTYPES; t++)
		if (strlen(type_names[t]) == n && memcmp(s, type_names[t], n) == 0)
			return t;
	return -1;
}

const char *
deal_type_name(enum deal_type t)
{
	return t >= 0 && t < DEAL_NTYPES ? type_names[t] : "";
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
	/* keep_indexed(): the columns of the month file named last */
	char cols_of[LEDGER_PATHSZ];
	int col[DL_NCOLS];
};

/* The deal's latest row so far: its fields f (lengths len), every column
 * of schema_deals in its order; -1 when it is too long to keep. */
static int
keep_fields(struct deal_last *l, const char *const *f, const size_t *len)
{
	size_t need = 0, at = 0, i, k;
	struct kept *kp;

	for (i = 0; i < DL_NCOLS; i++)
		need += len[i] + 1;
	if (need > UINT32_MAX)
		return -1;
	k = intern_add(l->ids, f[DL_DEAL], len[DL_DEAL]);
	if (k >= l->cap) {
		l->cap = l->cap ? l->cap * 2 : 1024;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
		memset(l->v + k, 0, (l->cap - k) * sizeof *l->v);
	}
	kp = &l->v[k];
	if (need > kp->cap) {
		kp->cap = need < 128 ? 128 : need;
		free(kp->data);
		kp->data = xmalloc(kp->cap);
	}
	for (i = 0; i < DL_NCOLS; i++) {
		kp->off[i] = (uint32_t)at;
		memcpy(kp->data + at, f[i], len[i]);
		at += len[i];
		kp->data[at++] = '\0';
	}
	return 0;
}

/* scan_fd's callback: a row of every column of schema_deals, in its
 * order; the deal's latest row so far. */
static int
keep(void *arg, const struct scan_row *row)
{
	if (keep_fields(arg, row->f, row->len) < 0)
		return scan_fail(row, "%s:%lu: row too long", row->name, row->line);
	return 0;
}

/* dealindex_latest's row(): a deal's latest row, kept. */
static int
keep_indexed(void *arg, size_t i, const char *file, char *const *names, char *const *f,
	     size_t nf)
{
	struct deal_last *l = arg;
	const char *v[DL_NCOLS];
	size_t len[DL_NCOLS], c;

	(void)i;
	/* The columns found again only for another month file than the row before. */
	if (strcmp(file, l->cols_of) != 0) {
		if (deal_cols_of(names, nf, NULL, l->col) < 0)
			return -1;
		snprintf(l->cols_of, sizeof l->cols_of, "%s", file);
	}
	for (c = 0; c < DL_NCOLS; c++) {
		v[c] = l->col[c] >= 0 ? f[l->col[c]] : "";
		len[c] = strlen(v[c]);
	}
	return keep_fields(l, v, len);
}

struct deal_last *
deal_last_indexed(struct store *s, const char *const *ids, size_t n)
{
	struct deal_last *l = xcalloc(1, sizeof *l);

	l->ids = intern_new();
	if (dealindex_latest(s, ids, n, keep_indexed, l) < 0 || intern_count(l->ids) != n) {
		deal_last_free(l);
		return NULL;
	}
	return l;
}

struct deal_last *
deal_last_scan(struct store *s, date_t from)
{
	struct deal_last *l = xcalloc(1, sizeof *l);
	char name[LEDGER_PATHSZ], err[SCAN_ERRSZ], opt[DL_NCOLS][32];
	const char *cols[DL_NCOLS];
	ledger_month *months;
	struct stat sb;
	size_t nm, i;
	int fd;

	/* The later columns are optional (schema.h): "" in a file without. */
	for (i = 0; i < DL_NCOLS; i++) {
		cols[i] = schema_deals.cols[i].name;
		if (i >= schema_fixed(&schema_deals)) {
			snprintf(opt[i], sizeof opt[i], "?%s", cols[i]);
			cols[i] = opt[i];
		}
	}
	l->ids = intern_new();
	nm = ledger_months(s, "deals", from, DATE_MAX, &months);
	for (i = 0; i < nm; i++) {
		if ((fd = ledger_open(s, "deals", months[i])) < 0)
			continue;
		ledger_month_path(name, "deals", months[i]);
		if (fstat(fd, &sb) == 0 && sb.st_size == 0) {
			close(fd);
			die("%s: no header; run sales-check", name);
		}
		/* Oldest month first, rows in order: the last row seen is the latest. */
		if (scan_fd(fd, name, cols, DL_NCOLS, keep, l, err, sizeof err) < 0)
			die("%s", err);
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

/* An index of deal_last_sort(), with its id. */
struct by_number {
	const char *id;
	size_t len, i;
};

/* Deal ids are D and a number without leading zeros: shorter is smaller. */
static int
cmp_number(const void *a, const void *b)
{
	const struct by_number *x = a, *y = b;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return strcmp(x->id, y->id);
}

void
deal_last_sort(const struct deal_last *l, size_t *idx, size_t n)
{
	struct by_number *v = xcalloc(n ? n : 1, sizeof *v);
	size_t i;

	for (i = 0; i < n; i++) {
		v[i].id = deal_last_field(l, idx[i], DL_DEAL);
		v[i].len = strlen(v[i].id);
		v[i].i = idx[i];
	}
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_number);
	for (i = 0; i < n; i++)
		idx[i] = v[i].i;
	free(v);
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
	size_t *filled;			/* the columns each month's rows fill */
	size_t n;
	char last_date[DATE_BUFSZ];	/* the date of the event queued last, */
	size_t last;			/* in months[last] */
};

struct deal_batch *
deal_batch_new(void)
{
	return xcalloc(1, sizeof(struct deal_batch));
}

/* The index of the batch's month of date s. */
static size_t
batch_month(struct deal_batch *b, const char *s)
{
	ledger_month m;
	size_t i;
	date_t d;

	/* A bulk load queues its events a month or a day at a time. */
	if (b->n && strcmp(s, b->last_date) == 0)
		return b->last;
	if (date_parse(s, &d) < 0)
		die("internal error: deal event with date '%s'", s);
	/* ledger_month_of(d), from the digits date_parse() took */
	m = ((s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0')) * 12 +
	    (s[5] - '0') * 10 + (s[6] - '0') - 1;
	for (i = 0; i < b->n && b->months[i] != m; i++)
		;
	if (i == b->n) {
		b->months = xreallocarray(b->months, b->n + 1, sizeof *b->months);
		b->rows = xreallocarray(b->rows, b->n + 1, sizeof *b->rows);
		b->filled = xreallocarray(b->filled, b->n + 1, sizeof *b->filled);
		b->months[i] = m;
		memset(&b->rows[i], 0, sizeof b->rows[i]);
		b->filled[i] = 1;
		b->n++;
	}
	memcpy(b->last_date, s, DATE_BUFSZ);
	b->last = i;
	return i;
}

void
deal_queue(struct deal_batch *b, const struct deal *ev)
{
	size_t j, len[DL_NCOLS], total, start, tabs, k, n, month;
	struct buf *row;
	const char *p;
	uint64_t w, esc;

	month = batch_month(b, ev->f[DL_DATE] ? ev->f[DL_DATE] : "");
	row = &b->rows[month];
	/* Room for the row as it is (escapes are rare) at once, and the fields
	 * copied as they are; the row is looked at once, and only a row with
	 * something to escape is written again, field by field. */
	for (j = 0, total = DL_NCOLS; j < DL_NCOLS; j++)
		total += len[j] = ev->f[j] && *ev->f[j] ? strlen(ev->f[j]) : 0;
	buf_grow(row, total);
	start = row->len;
	/* (half the columns of most events are empty: no call for them) */
	for (j = 0; j < DL_NCOLS; j++) {
		if (len[j]) {
			memcpy(row->data + row->len, ev->f[j], len[j]);
			row->len += len[j];
		}
		row->data[row->len++] = '\t';
	}
	for (j = DL_NCOLS; j > b->filled[month] && !len[j - 1]; j--)
		;
	if (j > b->filled[month])
		b->filled[month] = j;
	p = row->data + start;
	n = row->len - 1 - start;
	for (k = 0, tabs = 0, esc = 0; n - k >= 8; k += 8) {
		memcpy(&w, p + k, 8);
		esc |= word_zero_bytes(w ^ WORD_ONES * '\n') | word_zero_bytes(w ^ WORD_ONES * '\r') |
		    word_zero_bytes(w ^ WORD_ONES * '\\');
		tabs += (size_t)(((word_zero_bytes(w ^ WORD_ONES * '\t') >> 7) * WORD_ONES) >> 56);
	}
	for (; k < n; k++) {
		esc |= p[k] == '\n' || p[k] == '\r' || p[k] == '\\';
		tabs += p[k] == '\t';
	}
	if (!esc && tabs == DL_NCOLS - 1) {
		row->data[row->len - 1] = '\n';
		row->data[row->len] = '\0';
		return;
	}
	row->len = start;
	for (j = 0; j < DL_NCOLS; j++) {
		if (j)
			buf_addc(row, '\t');
		if (len[j])
			tsv_escape(row, ev->f[j], len[j]);
	}
	buf_addc(row, '\n');
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
	free(b->filled);
	free(b);
}

void
deal_flush(struct deal_batch *b, struct txn *x)
{
	char path[LEDGER_PATHSZ];
	size_t i;

	for (i = 0; i < b->n; i++) {
		ledger_month_path(path, "deals", b->months[i]);
		txn_append_filled(x, path, &schema_deals, &b->rows[i], b->filled[i]);
		buf_free(&b->rows[i]);
	}
	free(b->months);
	free(b->rows);
	free(b->filled);
	free(b);
}
