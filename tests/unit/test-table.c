/* Unit tests of lib/table.c and the schema checks of lib/schema.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "schema.h"
#include "table.h"
#include "unit.h"

static struct table *
table_of(const char *text)
{
	int fd[2];
	struct table *t;

	if (pipe(fd) < 0 || write(fd[1], text, strlen(text)) != (ssize_t)strlen(text))
		abort();
	close(fd[1]);
	t = table_read(fd[0], "t.tsv");
	close(fd[0]);
	return t;
}

static size_t nreports;
static char last[512];

static void
collect(void *arg, const char *file, unsigned long line, const char *msg)
{
	(void)arg;
	nreports++;
	snprintf(last, sizeof last, "%s:%lu: %s", file, line, msg);
}

/* table_find() asked six times, past the searches that come before an
 * index: its answer, or -3 when the answers differ. */
static long
found(const struct table *t, int col, const char *value)
{
	long k = table_find(t, col, value), again;
	int i;

	for (i = 0; i < 5; i++)
		if ((again = table_find(t, col, value)) != k)
			return -3;
	return k;
}

/* A table big enough for table_find() to index: the same answers as a
 * search from the top, through every change that moves or renames rows. */
static void
big_table(void)
{
	const char *cols[] = { "rep", "team" };
	struct table *t = table_new("big.tsv", cols, 2);
	char id[32];
	size_t i, r;
	int key[1] = { 0 };

	for (i = 0; i < 500; i++) {
		r = table_add_row(t);
		snprintf(id, sizeof id, "r%04zu", 499 - i);
		table_set(t, r, 0, id);
		snprintf(id, sizeof id, "t%zu", i % 7);
		table_set(t, r, 1, id);
	}
	CHECK_INT(table_find(t, 0, "r0499"), 0, "searched: the first row");
	CHECK_INT(found(t, 0, "r0499"), 0, "indexed: the first row");
	CHECK_INT(found(t, 0, "r0000"), 499, "indexed: the last row");
	CHECK_INT(found(t, 0, "r0500"), -1, "indexed: a missing value");
	CHECK_INT(found(t, 1, "t3"), 3, "another column: its first row with the value");
	CHECK_INT(table_find_next(t, 1, 3), 10, "the next row with the value");
	CHECK_INT(table_find_next(t, 1, 493), -1, "none after the last");
	CHECK_INT(found(t, 0, "r0498"), 1, "back to the first column");
	CHECK_INT(table_find_next(t, 1, 3), 10, "unindexed column: the same next row");
	table_set(t, 1, 0, "zz");
	CHECK_INT(found(t, 0, "r0498"), -1, "a renamed row is not found by its old value");
	CHECK_INT(found(t, 0, "zz"), 1, "but by its new one");
	table_sort(t, key, 1);
	CHECK_INT(found(t, 0, "r0000"), 0, "sorted: rows found where they went");
	CHECK_INT(found(t, 0, "zz"), 499, "sorted: the renamed row last");
	table_del_row(t, 0);
	CHECK_INT(found(t, 0, "r0001"), 0, "a deleted row moves the rest up");
	r = table_add_row(t);
	table_set(t, r, 0, "r0001");
	CHECK_INT(found(t, 0, "r0001"), 0, "a duplicate added: the first row still");
	CHECK_INT(found(t, 0, ""), -1, "no empty value left");
	table_free(t);
}

/* t in file form, in b (emptied first). */
static const char *
written(const struct table *t, struct buf *b)
{
	buf_reset(b);
	table_write(t, b);
	return b->data;
}

/* A row of key k and second cell v added to t, then t sorted by its key. */
static void
add_sorted(struct table *t, const char *k, const char *v)
{
	int kc[1] = { 0 };
	size_t r = table_add_row(t);

	table_set(t, r, 0, k);
	table_set(t, r, 1, v);
	table_sort(t, kc, 1);
}

/* Rows as read are kept and written back as they were; a row set, a row
 * added, a column added and a sort each change only what they change.
 * The expected files are written out by hand. */
static void
rows_as_read(void)
{
	const char *text = "k\tv\tw\n"
	    "a\t1\t\n" "c\t\t3\n" "e\tx\\ty\tz\n" "g\t\t\n";
	struct buf b = BUF_INIT;
	struct table *t = table_of(text);
	char big[200];

	CHECK(t != NULL, "rows: read");
	CHECK_STR(written(t, &b), text, "rows: written back as read, escapes and empty cells too");
	CHECK_INT(table_row_as_read(t, 0) && table_row_as_read(t, 1), 1,
	    "rows: as read, after reading");
	table_set(t, 1, 1, "two");
	CHECK_INT(table_row_as_read(t, 1), 0, "rows: a row with a cell set is not as read");
	CHECK_INT(table_row_as_read(t, 0), 1, "rows: the others still are");
	table_set(t, 0, 2, "");
	CHECK_STR(written(t, &b), "k\tv\tw\na\t1\t\nc\ttwo\t3\ne\tx\\ty\tz\ng\t\t\n",
	    "rows: a cell set is written, the rest as read");
	add_sorted(t, "d", "new");
	CHECK_STR(written(t, &b), "k\tv\tw\na\t1\t\nc\ttwo\t3\nd\tnew\t\ne\tx\\ty\tz\ng\t\t\n",
	    "rows: a row added at the end sorted to its place");
	add_sorted(t, "c", "second");
	add_sorted(t, "b", "");
	CHECK_STR(written(t, &b), "k\tv\tw\na\t1\t\nb\t\t\nc\ttwo\t3\nc\tsecond\t\n"
	    "d\tnew\t\ne\tx\\ty\tz\ng\t\t\n",
	    "rows: rows added sorted, the same key after the one before");
	CHECK_INT(table_col_add(t, "u"), 3, "rows: a column added");
	memset(big, 'q', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	table_set(t, 6, 3, big);
	table_del_row(t, 0);
	CHECK_INT(strlen(written(t, &b)), strlen("k\tv\tw\tu\nb\t\t\t\nc\ttwo\t3\t\n"
	    "c\tsecond\t\t\nd\tnew\t\t\ne\tx\\ty\tz\t\ng\t\t\t\n") + sizeof big - 1,
	    "rows: a column added to every row, one row gone");
	CHECK_STR(table_get(t, 4, 1), "x\ty", "rows: a cell as read (unescaped), after all that");
	CHECK_STR(table_get(t, 5, 3), big, "rows: a long cell set");
	table_free(t);
	buf_free(&b);
}

int
main(void)
{
	struct table *t;
	struct buf b = BUF_INIT;
	const char *text = "team\tname\tmine\tmanager\tfocus\n"
	    "south\tSouth\tx\t\t\nnorth\tNorth\\tEast\ty\tanna\tSMB\n";
	int kc[1];
	size_t r;

	t = table_of(text);
	CHECK(t != NULL, "table read");
	CHECK_INT(t->nrows, 2, "two rows");
	CHECK_STR(table_get(t, 1, 1), "North\tEast", "cells are unescaped");
	CHECK_INT(table_col(t, "mine"), 2, "a user's column is kept in place");
	table_write(t, &b);
	CHECK_STR(b.data, text, "written back byte for byte");
	kc[0] = table_col(t, "team");
	table_sort(t, kc, 1);
	CHECK_STR(table_get(t, 0, 0), "north", "sorted by key");
	CHECK_STR(table_get(t, 0, 2), "y", "the whole row moves with its key");
	CHECK_INT(table_find(t, kc[0], "south"), 1, "find a row");
	CHECK_INT(table_find(t, kc[0], "east"), -1, "a missing row is -1");
	r = table_add_row(t);
	table_set(t, r, 0, "east");
	table_set(t, r, 1, "East");
	CHECK_INT(table_col_add(t, "extra"), 5, "a new column goes last");
	CHECK_STR(table_get(t, 0, 5), "", "and is empty in old rows");
	nreports = 0;
	CHECK_INT(schema_check_table(&schema_teams, t, 0, collect, NULL), 0,
	    "valid teams table passes the schema");
	table_set(t, r, 0, "north");
	CHECK_INT(schema_check_table(&schema_teams, t, 0, collect, NULL), 1,
	    "a duplicate key is found even out of order");
	CHECK_STR(last, "t.tsv:0: duplicate team 'north'", "duplicate message");
	CHECK_INT(table_row_as_read(t, r), 0, "a row added is not as read");
	table_set(t, r, 0, "east");
	table_set(t, 0, 1, "Nor\xffth");
	CHECK_INT(schema_check_table(&schema_teams, t, 0, collect, NULL), 1,
	    "invalid UTF-8 set in a row that was read is found");
	CHECK_STR(last, "t.tsv:3: name 'Nor\xffth' is not valid UTF-8", "UTF-8 message");
	table_set(t, 0, 1, "North\tEast");
	table_set(t, r, 1, "\xc3");
	CHECK_INT(schema_check_table(&schema_teams, t, 0, collect, NULL), 1,
	    "invalid UTF-8 in a row added is found");
	CHECK_STR(last, "t.tsv:0: name '\xc3' is not valid UTF-8", "UTF-8 message, row added");
	table_set(t, r, 1, "East");
	table_set(t, r, 0, "East");
	CHECK_INT(schema_check_table(&schema_teams, t, 0, collect, NULL), 1,
	    "an uppercase id is invalid");
	CHECK_STR(last, "t.tsv:0: team 'East' must start with a-z or 0-9", "id message");
	table_del_row(t, r);
	CHECK_INT(t->nrows, 2, "row deleted");
	table_set(t, 0, 1, "");
	CHECK_INT(schema_check_table(&schema_teams, t, 0, collect, NULL), 1,
	    "an empty required column is invalid");
	CHECK_INT(schema_check_table(&schema_reps, t, 0, collect, NULL) > 0, 1,
	    "missing columns are reported");
	table_free(t);

	big_table();
	rows_as_read();

	t = table_of("a\tb\n1\t2\n3\n4\t5\t6\n");
	CHECK(t == NULL, "a table with ragged rows is refused whole");
	t = table_of("");
	CHECK(t == NULL, "an empty file is refused");
	buf_free(&b);
	return unit_done();
}
