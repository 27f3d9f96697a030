/*
 * list: the end every list program shares (rep-list, acct-list,
 * course-list, quota-list, plan-list): print the rows of a table that a
 * filter keeps, in the format of -o and --no-header, then close stdout.
 * The columns are either the schema's (the file's own columns in their
 * order, then a user's, as they are: list_schema()) or fixed ones
 * (list_columns()), so that the output is the input of the program that
 * changes the same table (`rep-list | rep-edit --from -`).
 *
 *   static const char *team, *status = "active";
 *   static const struct list_where where[] = {
 *           { "status", &status }, { "team", &team }, { NULL, NULL }
 *   };
 *   ... load reps, let go of the lock ...
 *   list_schema(&schema_reps, reps, &cli, list_where, where);
 *
 * A column list_columns() needs and the table lacks is fatal (run
 * sales-check); so is a failed write to stdout.
 */
#ifndef LIST_H
#define LIST_H
#include <stddef.h>
#include "cli.h"
#include "out.h"
#include "period.h"
#include "schema.h"
#include "table.h"

/* Does the filter arg keep row? */
typedef int list_keep(const struct table *t, size_t row, const void *arg);

void list_schema(const struct schema *sc, const struct table *t, const struct cli *c,
		 list_keep *keep, const void *arg);
void list_columns(const struct out_col *cols, size_t ncols, const struct table *t,
		  const struct cli *c, list_keep *keep, const void *arg);

/*
 * The filter of equal values: keeps a row whose column col is *want, for
 * each entry of the array arg (ended by a NULL col); a *want that is NULL
 * (an option not given) keeps every row.
 */
struct list_where {
	const char *col;
	const char *const *want;
};
list_keep list_where;

/* Does the period named text (a quota's or a plan's) overlap p? */
int list_overlaps(const char *text, int fiscal_year_start, const struct period *p);

#endif
