#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "list.h"
#include "xalloc.h"

/* The rows keep() keeps, cell col[j] of each in column j. */
static void
print(const struct out_col *cols, const int *col, size_t ncols, const struct table *t,
      const struct cli *c, list_keep *keep, const void *arg)
{
	const char **v = xreallocarray(NULL, ncols ? ncols : 1, sizeof *v);
	struct out *o = out_start(out_resolve(c->format), cols, ncols, c->no_header);
	size_t i, j;

	for (i = 0; i < t->nrows; i++) {
		if (keep && !keep(t, i, arg))
			continue;
		for (j = 0; j < ncols; j++)
			v[j] = table_get(t, i, col[j]);
		out_row(o, v);
	}
	out_end(o);
	close_stdout();
	free(v);
}

void
list_schema(const struct schema *sc, const struct table *t, const struct cli *c,
	    list_keep *keep, const void *arg)
{
	struct out_col *cols;
	int *col;
	size_t ncols = schema_out_cols(sc, t, &cols, &col);

	print(cols, col, ncols, t, c, keep, arg);
	free(col);
	free(cols);
}

void
list_columns(const struct out_col *cols, size_t ncols, const struct table *t,
	     const struct cli *c, list_keep *keep, const void *arg)
{
	int *col = xreallocarray(NULL, ncols ? ncols : 1, sizeof *col);
	size_t j;

	for (j = 0; j < ncols; j++)
		if ((col[j] = table_col(t, cols[j].name)) < 0)
			die("%s: no column '%s'; run sales-check", t->name, cols[j].name);
	print(cols, col, ncols, t, c, keep, arg);
	free(col);
}

int
list_where(const struct table *t, size_t row, const void *arg)
{
	const struct list_where *w;

	for (w = arg; w->col; w++)
		if (*w->want && strcmp(table_cell(t, row, w->col), *w->want) != 0)
			return 0;
	return 1;
}

int
list_overlaps(const char *text, int fiscal_year_start, const struct period *p)
{
	struct period q;

	return period_parse(text, 0, fiscal_year_start, &q) == 0 &&
	    q.to >= p->from && q.from <= p->to;
}
