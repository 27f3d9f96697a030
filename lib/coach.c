#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "coach.h"
#include "id.h"
#include "schema.h"
#include "xalloc.h"

int
coach_kind_valid(const char *kind)
{
	int c = schema_col(&schema_notes, "kind");

	return schema_check_value(&schema_notes.cols[c], kind) == NULL;
}

long
coach_find(const struct table *notes, const char *note)
{
	return table_find(notes, table_col(notes, "note"), note);
}

long long
coach_number(const char *note)
{
	long long n = 0;

	if (genid_check(note, 'N'))
		return 0;
	for (note++; *note; note++)
		n = n * 10 + (*note - '0');
	return n;
}

/* qsort has no argument for the table: the order is built on keys. */
struct key {
	const char *date;
	long long number;
	size_t row;
};

static int
newest_first(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(y->date, x->date);

	if (c)
		return c;
	return (y->number > x->number) - (y->number < x->number);
}

size_t *
coach_order(const struct table *notes, size_t *n)
{
	int nc = table_col(notes, "note"), dc = table_col(notes, "date");
	struct key *k = xcalloc(notes->nrows + 1, sizeof *k);
	size_t *order = xcalloc(notes->nrows + 1, sizeof *order), i;

	for (i = 0; i < notes->nrows; i++) {
		k[i].date = table_get(notes, i, dc);
		k[i].number = coach_number(table_get(notes, i, nc));
		k[i].row = i;
	}
	qsort(k, notes->nrows, sizeof *k, newest_first);
	for (i = 0; i < notes->nrows; i++)
		order[i] = k[i].row;
	free(k);
	*n = notes->nrows;
	return order;
}

int
coach_open(const struct table *notes, size_t row)
{
	return *table_get(notes, row, table_col(notes, "follow_up")) &&
	    !*table_get(notes, row, table_col(notes, "done"));
}

void
coach_row_add(struct coach_row **rows, size_t *n, const char *field, const char *value)
{
	*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
	(*rows)[*n].field = xstrdup(field);
	(*rows)[*n].value = xstrdup(value);
	(*n)++;
}

void
coach_rows_free(struct coach_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].field);
		free(rows[i].value);
	}
	free(rows);
}

size_t
coach_show(struct store *s, const char *rep, date_t today, struct coach_row **rows)
{
	struct table *notes = store_load(s, "notes.tsv");
	struct buf b = BUF_INIT;
	char day[DATE_BUFSZ];
	size_t *order, n, i, j, shown = 0, nrows = 0;

	*rows = NULL;
	date_format(today, day);
	order = coach_order(notes, &n);
	for (i = 0; i < n && shown < COACH_SHOW_NOTES; i++) {
		if (strcmp(table_cell(notes, order[i], "rep"), rep) != 0)
			continue;
		buf_reset(&b);
		buf_printf(&b, "%s %s %s: %s", table_cell(notes, order[i], "note"),
		    table_cell(notes, order[i], "date"), table_cell(notes, order[i], "kind"),
		    table_cell(notes, order[i], "text"));
		coach_row_add(rows, &nrows, "note", b.data);
		shown++;
	}
	/* Open follow-ups soonest first: the newest-first order, walked back,
	 * is not by follow-up date, so pick the smallest each time. */
	for (;;) {
		const char *best = NULL;
		size_t at = 0;

		for (j = 0; j < n; j++) {
			i = order[n - 1 - j];
			if (strcmp(table_cell(notes, i, "rep"), rep) != 0 || !coach_open(notes, i))
				continue;
			if (!best || strcmp(table_cell(notes, i, "follow_up"), best) < 0) {
				best = table_cell(notes, i, "follow_up");
				at = i;
			}
		}
		if (!best)
			break;
		buf_reset(&b);
		buf_printf(&b, "%s due %s: %s%s", table_cell(notes, at, "note"), best,
		    table_cell(notes, at, "text"), strcmp(best, day) < 0 ? " (overdue)" : "");
		coach_row_add(rows, &nrows, "follow_up", b.data);
		/* Mark it shown in our copy only: the table is never written. */
		table_set(notes, at, table_col(notes, "done"), "-");
	}
	buf_free(&b);
	free(order);
	table_free(notes);
	return nrows;
}
