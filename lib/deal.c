#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "date.h"
#include "deal.h"
#include "err.h"
#include "ledger.h"
#include "schema.h"
#include "xalloc.h"

void
deal_cols(const struct tsv_reader *r, int col[DL_NCOLS])
{
	size_t i;

	for (i = 0; i < DL_NCOLS; i++) {
		col[i] = tsv_col(r, schema_deals.cols[i].name);
		if (col[i] < 0)
			die("%s: no column '%s'; run sales-check", r->name,
			    schema_deals.cols[i].name);
	}
}

static struct deal *
deal_of_row(const struct tsv_reader *r, const int col[DL_NCOLS])
{
	struct deal *d = xcalloc(1, sizeof *d);
	size_t i;

	for (i = 0; i < DL_NCOLS; i++)
		d->f[i] = xstrdup(r->f[col[i]]);
	return d;
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
	free(d->f[c]);
	d->f[c] = xstrdup(v ? v : "");
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

/* Open a month file as a reader; NULL if it vanished.  Bad rows are fatal. */
static struct tsv_reader *
open_month(struct store *s, ledger_month m, char *name, int col[DL_NCOLS])
{
	struct tsv_reader *r;
	int fd = ledger_open(s, "deals", m);

	if (fd < 0)
		return NULL;
	snprintf(name, LEDGER_PATHSZ, "deals/%04d-%02d.tsv", m / 12, m % 12 + 1);
	r = tsv_open(fd, name);
	if (tsv_header(r) != TSV_ROW)
		die("%s: no header; run sales-check", name);
	deal_cols(r, col);
	return r;
}

static void
next_row_checked(struct tsv_reader *r, int st)
{
	if (st == TSV_BAD || st == TSV_IOERR)
		die("%s; run sales-check", tsv_error(r));
}

void
deal_latest(struct store *s, const char *const *ids, size_t n, struct deal **out)
{
	struct intern *want = intern_new();
	struct deal **month_found = xcalloc(n ? n : 1, sizeof *month_found);
	char name[LEDGER_PATHSZ];
	struct tsv_reader *r;
	ledger_month *months;
	size_t nm, i, left = 0;
	int col[DL_NCOLS], st;
	long k;

	for (i = 0; i < n; i++) {
		out[i] = NULL;
		if (intern_get(want, ids[i], strlen(ids[i])) < 0)
			left++;
		intern_add(want, ids[i], strlen(ids[i]));
	}
	nm = ledger_months(s, "deals", DATE_MIN, DATE_MAX, &months);
	while (nm-- > 0 && left > 0) {
		if (!(r = open_month(s, months[nm], name, col)))
			continue;
		while ((st = tsv_next(r)) != TSV_EOF) {
			next_row_checked(r, st);
			k = intern_get(want, r->f[col[DL_DEAL]], r->flen[col[DL_DEAL]]);
			if (k < 0)
				continue;
			for (i = 0; i < n; i++) {
				if (out[i] || strcmp(ids[i], r->f[col[DL_DEAL]]) != 0)
					continue;
				deal_free(month_found[i]);
				month_found[i] = deal_of_row(r, col);
			}
		}
		tsv_close(r);
		/* The newest month naming a deal settles it. */
		for (i = 0; i < n; i++) {
			if (!month_found[i])
				continue;
			out[i] = month_found[i];
			month_found[i] = NULL;
			left--;
			for (k = 0; (size_t)k < n; k++)
				if ((size_t)k != i && !out[k] && month_found[k] == NULL &&
				    strcmp(ids[k], ids[i]) == 0)
					out[k] = deal_copy(out[i]);
		}
	}
	free(months);
	free(month_found);
	intern_free(want);
}

struct intern *
deal_refs(struct store *s)
{
	struct intern *refs = intern_new();
	char name[LEDGER_PATHSZ];
	struct tsv_reader *r;
	ledger_month *months;
	size_t nm, i;
	int col[DL_NCOLS], st;

	nm = ledger_months(s, "deals", DATE_MIN, DATE_MAX, &months);
	for (i = 0; i < nm; i++) {
		if (!(r = open_month(s, months[i], name, col)))
			continue;
		while ((st = tsv_next(r)) != TSV_EOF) {
			next_row_checked(r, st);
			if (r->flen[col[DL_REF]])
				intern_add(refs, r->f[col[DL_REF]], r->flen[col[DL_REF]]);
		}
		tsv_close(r);
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
	size_t i, j;
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
	for (j = 0; j < DL_NCOLS; j++) {
		if (j)
			buf_addc(&b->rows[i], '\t');
		tsv_escape(&b->rows[i], ev->f[j], strlen(ev->f[j]));
	}
	buf_addc(&b->rows[i], '\n');
}

void
deal_flush(struct deal_batch *b, struct txn *x)
{
	char path[LEDGER_PATHSZ];
	size_t i;

	for (i = 0; i < b->n; i++) {
		snprintf(path, sizeof path, "deals/%04d-%02d.tsv", b->months[i] / 12,
		    b->months[i] % 12 + 1);
		txn_append(x, path, &schema_deals, &b->rows[i]);
		buf_free(&b->rows[i]);
	}
	free(b->months);
	free(b->rows);
	free(b);
}
