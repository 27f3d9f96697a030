#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "money.h"
#include "schema.h"
#include "stage.h"
#include "xalloc.h"

static const char *const categories[] = { "pipeline", "best", "commit", "closed", "omitted" };
static const char *const states[] = { "open", "won", "lost" };

static int
index_of(const char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return (int)i;
	return -1;
}

static int
by_order(const void *a, const void *b)
{
	const struct stage *x = a, *y = b;

	return (x->order > y->order) - (x->order < y->order);
}

struct stages *
stages_load(struct store *s)
{
	struct table *t = store_load(s, "stages.tsv");
	struct stages *st = xcalloc(1, sizeof *st);
	int c[5];
	long long v;
	size_t i;

	if (schema_check_table(&schema_stages, t, 0, schema_warn, NULL) > 0)
		die("stages.tsv: fix the problems above (sales-check shows them all)");
	c[0] = table_col(t, "stage");
	c[1] = table_col(t, "order");
	c[2] = table_col(t, "probability");
	c[3] = table_col(t, "category");
	c[4] = table_col(t, "state");
	st->n = t->nrows;
	st->v = xcalloc(st->n ? st->n : 1, sizeof *st->v);
	for (i = 0; i < st->n; i++) {
		st->v[i].name = xstrdup(table_get(t, i, c[0]));
		parse_uint(table_get(t, i, c[1]), 1000000000, &v);
		st->v[i].order = (int)v;
		parse_uint(table_get(t, i, c[2]), 100, &v);
		st->v[i].probability = (int)v;
		st->v[i].category = index_of(categories, 5, table_get(t, i, c[3]));
		st->v[i].state = index_of(states, 3, table_get(t, i, c[4]));
	}
	table_free(t);
	qsort(st->v, st->n, sizeof *st->v, by_order);
	for (i = 0; i < st->n; i++) {
		if (st->v[i].state == STAGE_OPEN && !st->first_open)
			st->first_open = &st->v[i];
		if (st->v[i].state == STAGE_WON) {
			if (st->won)
				die("stages.tsv: more than one won stage");
			st->won = &st->v[i];
		}
		if (st->v[i].state == STAGE_LOST) {
			if (st->lost)
				die("stages.tsv: more than one lost stage");
			st->lost = &st->v[i];
		}
	}
	if (!st->first_open || !st->won || !st->lost)
		die("stages.tsv: needs an open, a won and a lost stage");
	return st;
}

const struct stage *
stage_find(const struct stages *st, const char *name)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		if (strcmp(st->v[i].name, name) == 0)
			return &st->v[i];
	return NULL;
}

void
stages_free(struct stages *st)
{
	size_t i;

	if (!st)
		return;
	for (i = 0; i < st->n; i++)
		free(st->v[i].name);
	free(st->v);
	free(st);
}
