/*
 * table: a whole small table (reps.tsv, teams.tsv, ...) in memory.
 *
 * table_read() loads a table strictly from a descriptor: any malformed row
 * or read error makes it fail (returning NULL after reporting every problem
 * through warn()), because a table is only ever rewritten from a complete,
 * correct read.  Every column is kept, including ones the programs do not
 * know (a user's own), in its place, so table_write() gives back what was
 * read plus the changes.
 *
 * Cells are NUL-terminated, unescaped strings owned by the table; "" means
 * not set.  Rows are addressed by index; table_sort() keeps them in key
 * order so that diffs of the data directory stay small.
 */
#ifndef TABLE_H
#define TABLE_H
#include <stddef.h>
#include <stdint.h>
#include "buf.h"

struct tsv_reader;

struct table {
	char *name;		/* file name, for messages */
	size_t ncols;
	char **cols;
	size_t nrows, cap;
	char ***rows;		/* rows[i][j] */
	unsigned long *lines;	/* source line of each row, 0 for new rows */
	struct table_index *index;	/* table_find()'s, private */
	struct table_block *blocks;	/* the rows read, private */
	int cells_set;		/* a cell has been set since, private */
	uint64_t whole;		/* read whole from the data directory's file of its
				 * name (store_load()): which file it was, as it was
				 * (not 0); its rows as read are that file's lines */
};

struct table *table_new(const char *name, const char *const *cols, size_t ncols);
/* Read a whole table from fd.  NULL on any problem (already reported). */
struct table *table_read(int fd, const char *name);
/* The same, keeping only the rows whose raw line keep() wants (see
 * tsv_filter); the others are not even checked.  A big table read for a
 * few of its rows. */
struct table *table_read_where(int fd, const char *name,
			       int (*keep)(const struct tsv_reader *r, const char *line,
					   size_t len, void *arg),
			       void *arg);
void table_free(struct table *t);

/* Index of column name, or -1. */
int table_col(const struct table *t, const char *name);
/* Index of column name, appending it (empty in every row) if missing. */
int table_col_add(struct table *t, const char *name);
/* Append a row with every cell empty; returns its index. */
size_t table_add_row(struct table *t);
void table_del_row(struct table *t, size_t row);
const char *table_get(const struct table *t, size_t row, int col);
/* The cell of row in the column named col; "" if there is no such column. */
const char *table_cell(const struct table *t, size_t row, const char *col);
void table_set(struct table *t, size_t row, int col, const char *value);
/* Is the row as read from the file, no cell set since?  Its cells then
 * passed the reader's checks (tsv.h: valid UTF-8, no NUL byte). */
int table_row_as_read(const struct table *t, size_t row);
/* First row whose column col equals value, or -1.  On a big table the
 * second call about column col indexes it (a hash of its values; the
 * first searches), so that a program that looks up every rep of a long
 * table stays linear and one that looks up one rep makes no index; any
 * change to the rows drops the index. */
long table_find(const struct table *t, int col, const char *value);
/* The cell col of the first row whose column key is value ("team", "t01",
 * "name"), or "" when there is none. */
const char *table_lookup(const struct table *t, const char *key, const char *value,
			 const char *col);
/* The next row after row (found by table_find) with the same value in
 * column col, or -1: every row with a value, in order. */
long table_find_next(const struct table *t, int col, size_t row);
/* Sort rows by the given columns, in order (byte order, stable). */
void table_sort(struct table *t, const int *keycols, size_t nkeys);
/* The whole table in file form: header, escaped rows, final LF. */
void table_write(const struct table *t, struct buf *out);

#endif
