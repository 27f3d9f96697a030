#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "activity.h"
#include "buf.h"
#include "date.h"
#include "err.h"
#include "schema.h"
#include "xalloc.h"

static _Noreturn void
die_torn(const char *name)
{
	die("%s: the last line is torn (a crash while writing?); run sales-check --repair",
	    name);
}

int
activity_open(struct store *s, ledger_month m, struct activity_month *am)
{
	size_t i;
	int st;

	if ((am->fd = ledger_open(s, "activities", m)) < 0)
		return -1;
	ledger_month_path(am->name, "activities", m);
	am->r = tsv_open(am->fd, am->name);
	st = tsv_header(am->r);
	if (st == TSV_EOF) {
		/* An empty file holds no activities (the next append gives it a header). */
		activity_close(am);
		return -1;
	}
	if (st != TSV_ROW)
		die("%s; run sales-check", tsv_error(am->r));
	for (i = 0; i < AC_NCOLS; i++) {
		am->col[i] = tsv_col(am->r, schema_activities.cols[i].name);
		if (am->col[i] < 0)
			die("%s: no column '%s'; run sales-check", am->name,
			    schema_activities.cols[i].name);
	}
	return 0;
}

int
activity_next(struct activity_month *am)
{
	int st = tsv_next(am->r);

	if (st == TSV_EOF)
		return 0;
	if (am->r->no_final_newline)
		die_torn(am->name);
	if (st != TSV_ROW)
		die("%s; run sales-check", tsv_error(am->r));
	return 1;
}

void
activity_close(struct activity_month *am)
{
	tsv_close(am->r);
	close(am->fd);
	am->r = NULL;
	am->fd = -1;
}

struct intern *
activity_refs(struct store *s)
{
	struct intern *refs = intern_new();
	struct activity_month am;
	ledger_month *months;
	size_t nm, i;
	int c;

	nm = ledger_months(s, "activities", DATE_MIN, DATE_MAX, &months);
	for (i = 0; i < nm; i++) {
		if (activity_open(s, months[i], &am) < 0)
			continue;
		c = am.col[AC_REF];
		while (activity_next(&am))
			if (am.r->flen[c])
				intern_add(refs, am.r->f[c], am.r->flen[c]);
		activity_close(&am);
	}
	free(months);
	return refs;
}

struct activity_batch {
	ledger_month *months;	/* oldest first */
	struct buf *rows;	/* the escaped lines of each month */
	size_t n;
};

struct activity_batch *
activity_batch_new(void)
{
	return xcalloc(1, sizeof(struct activity_batch));
}

void
activity_queue(struct activity_batch *b, const char *const *f)
{
	ledger_month m;
	size_t i, j;
	date_t d;

	if (date_parse(f[AC_DATE], &d) < 0)
		die("internal error: activity with date '%s'", f[AC_DATE]);
	m = ledger_month_of(d);
	for (i = 0; i < b->n && b->months[i] < m; i++)
		;
	if (i == b->n || b->months[i] != m) {
		b->months = xreallocarray(b->months, b->n + 1, sizeof *b->months);
		b->rows = xreallocarray(b->rows, b->n + 1, sizeof *b->rows);
		memmove(&b->months[i + 1], &b->months[i], (b->n - i) * sizeof *b->months);
		memmove(&b->rows[i + 1], &b->rows[i], (b->n - i) * sizeof *b->rows);
		b->months[i] = m;
		memset(&b->rows[i], 0, sizeof b->rows[i]);
		b->n++;
	}
	for (j = 0; j < AC_NCOLS; j++) {
		if (j)
			buf_addc(&b->rows[i], '\t');
		tsv_escape(&b->rows[i], f[j], strlen(f[j]));
	}
	buf_addc(&b->rows[i], '\n');
}

/* Would store_append() take rows for this month file?  Dies if not. */
static void
check_appendable(struct store *s, ledger_month m, const struct buf *hdr)
{
	char name[LEDGER_PATHSZ], last, *head;
	struct stat st;
	int fd;

	if ((fd = ledger_open(s, "activities", m)) < 0)
		return;
	ledger_month_path(name, "activities", m);
	if (fstat(fd, &st) < 0)
		die_errno("%s", name);
	if (st.st_size > 0) {
		if (pread(fd, &last, 1, st.st_size - 1) != 1)
			die_errno("%s", name);
		if (last != '\n')
			die_torn(name);
		head = xmalloc(hdr->len);
		if (pread(fd, head, hdr->len, 0) != (ssize_t)hdr->len ||
		    memcmp(head, hdr->data, hdr->len) != 0)
			die("%s: header is not the one expected; run sales-check", name);
		free(head);
	}
	close(fd);
}

void
activity_flush(struct activity_batch *b, struct txn *x)
{
	char path[LEDGER_PATHSZ];
	struct buf hdr = BUF_INIT;
	size_t i;

	schema_header(&schema_activities, &hdr);
	for (i = 0; i < b->n; i++)
		check_appendable(x->s, b->months[i], &hdr);
	for (i = 0; i < b->n; i++) {
		ledger_month_path(path, "activities", b->months[i]);
		txn_append(x, path, &schema_activities, &b->rows[i]);
		buf_free(&b->rows[i]);
	}
	buf_free(&hdr);
	free(b->months);
	free(b->rows);
	free(b);
}
