#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "intern.h"
#include "table.h"
#include "tsv.h"
#include "word.h"
#include "xalloc.h"

/*
 * A row is one piece of memory: its cell pointers, then the text of the
 * cells it was made with.  The rows read from a file are carved from a
 * few big blocks of the table's, so that loading a table costs a few
 * mallocs, not one per cell; a row added later is an allocation of its
 * own.  A cell set later is an allocation of its own too, freed when it
 * is replaced; an empty cell points at the shared empty_cell.  Callers
 * see only the cell pointers (t->rows[i]).
 */
struct row {
	size_t size;		/* bytes of the whole row */
	size_t span;		/* its cells one after another, each NUL-ended,
				 * in this many bytes (the last NUL not
				 * counted), as read and not set since; or 0 */
	int in_block;		/* carved from t->blocks, not allocated */
	char *cell[];
};

#define TABLE_BLOCK (64u << 10)

struct table_block {
	struct table_block *next;
	size_t used, cap;
	max_align_t data[];	/* rows, one after another */
};

static char empty_cell[1];

static struct row *
row_of(char **cells)
{
	return (struct row *)(void *)((char *)cells - offsetof(struct row, cell));
}

/* Whether cell p of a row is an allocation of its own. */
static int
cell_apart(char **cells, const char *p)
{
	uintptr_t lo = (uintptr_t)row_of(cells), at = (uintptr_t)p;

	return p != empty_cell && (at < lo || at >= lo + row_of(cells)->size);
}

/* size bytes for a row: from t's blocks when t is given, else its own. */
static struct row *
row_memory(struct table *t, size_t size)
{
	const size_t align = _Alignof(struct row);
	struct table_block *b = t ? t->blocks : NULL;
	struct row *r;

	size = (size + align - 1) / align * align;
	if (!t || size > TABLE_BLOCK / 4) {
		r = xmalloc(size);
		r->in_block = 0;
		return r;
	}
	if (!b || b->cap - b->used < size) {
		b = xmalloc(offsetof(struct table_block, data) + TABLE_BLOCK);
		b->used = 0;
		b->cap = TABLE_BLOCK;
		b->next = t->blocks;
		t->blocks = b;
	}
	r = (struct row *)(void *)((char *)b->data + b->used);
	b->used += size;
	r->in_block = 1;
	return r;
}

static void
free_row_memory(char **cells)
{
	struct row *r = row_of(cells);

	if (!r->in_block)
		free(r);
}

/* A new row of n cells holding the n values (lengths len, or NULL for
 * strlen), or every cell empty when v is NULL; in t's blocks when t is
 * given (a row read), else an allocation of its own. */
static char **
new_row(struct table *t, size_t n, char *const *v, const size_t *len)
{
	size_t j, l, size = offsetof(struct row, cell) + n * sizeof(char *);
	struct row *r;
	char *text;
	int dense;

	/* Fields split in place from one line (tsv.h) lie in order, each
	 * NUL-terminated: one copy of their span keeps them all. */
	if (v && len && n > 0) {
		for (j = 1, dense = 1; j < n && v[j] > v[j - 1] + len[j - 1]; j++)
			dense &= v[j] == v[j - 1] + len[j - 1] + 1;
		if (j == n) {
			l = (size_t)(v[n - 1] + len[n - 1] + 1 - v[0]);
			r = row_memory(t, size + l);
			r->size = size + l;
			r->span = dense ? l - 1 : 0;
			text = (char *)&r->cell[n];
			memcpy(text, v[0], l);
			for (j = 0; j < n; j++)
				r->cell[j] = text + (v[j] - v[0]);
			return r->cell;
		}
	}
	for (j = 0; v && j < n; j++)
		if (v[j][0])
			size += (len ? len[j] : strlen(v[j])) + 1;
	r = row_memory(t, size);
	r->size = size;
	r->span = 0;
	text = (char *)&r->cell[n];
	for (j = 0; j < n; j++) {
		if (!v || !v[j][0]) {
			r->cell[j] = empty_cell;
			continue;
		}
		l = len ? len[j] : strlen(v[j]);
		memcpy(text, v[j], l);
		text[l] = '\0';
		r->cell[j] = text;
		text += l + 1;
	}
	return r->cell;
}

/* Room for one more row. */
static size_t
grow_rows(struct table *t)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->rows = xreallocarray(t->rows, t->cap, sizeof *t->rows);
		t->lines = xreallocarray(t->lines, t->cap, sizeof *t->lines);
	}
	t->lines[t->nrows] = 0;
	return t->nrows;
}

struct table *
table_new(const char *name, const char *const *cols, size_t ncols)
{
	struct table *t = xcalloc(1, sizeof *t);
	size_t i;

	t->name = xstrdup(name);
	t->ncols = ncols;
	t->cols = xcalloc(ncols ? ncols : 1, sizeof *t->cols);
	for (i = 0; i < ncols; i++)
		t->cols[i] = xstrdup(cols[i]);
	return t;
}

struct table *
table_read(int fd, const char *name)
{
	return table_read_where(fd, name, NULL, NULL);
}

struct table *
table_read_where(int fd, const char *name,
		 int (*keep)(const struct tsv_reader *r, const char *line, size_t len, void *arg),
		 void *arg)
{
	struct tsv_reader *r = tsv_open(fd, name);
	struct table *t = NULL;
	size_t row;
	int st, bad = 0;

	st = tsv_header(r);
	if (st == TSV_EOF) {
		warn("%s: empty file (no header line)", name);
		goto out;
	}
	if (st != TSV_ROW) {
		warn("%s", tsv_error(r));
		goto out;
	}
	t = table_new(name, (const char *const *)r->cols, r->ncols);
	if (keep)
		tsv_filter(r, keep, arg);
	while ((st = tsv_next(r)) != TSV_EOF) {
		if (st == TSV_IOERR) {
			warn("%s", tsv_error(r));
			bad = 1;
			break;
		}
		if (st == TSV_BAD) {
			warn("%s", tsv_error(r));
			bad = 1;
			continue;
		}
		row = grow_rows(t);
		t->rows[row] = new_row(t, t->ncols, r->f, r->flen);
		t->lines[row] = r->line;
		t->nrows++;
	}
	if (bad) {
		table_free(t);
		t = NULL;
	}
out:
	tsv_close(r);
	return t;
}

/* table_find()'s index of one column: value -> its first row, and each
 * row -> the next row with its value (-1 after the last); values NULL
 * while the column has only been asked about once. */
struct table_index {
	int col;
	unsigned searched;	/* questions answered by a search, while no values */
	struct intern *values;
	size_t *row;
	long *next;
};

/* Below this many rows a search is cheaper than an index; and an index
 * of a column costs about as much as this many searches of it. */
#define TABLE_INDEX_MIN 64
#define TABLE_INDEX_SEARCHES 4

static void
drop_index(struct table *t)
{
	if (!t->index)
		return;
	intern_free(t->index->values);
	free(t->index->row);
	free(t->index->next);
	free(t->index);
	t->index = NULL;
}

/* No index yet, but column col has been asked about. */
static struct table_index *
asked(int col)
{
	struct table_index *x = xcalloc(1, sizeof *x);

	x->col = col;
	return x;
}

static struct table_index *
make_index(struct table *t, int col)
{
	struct table_index *x = xcalloc(1, sizeof *x);
	size_t i, n, k, *last = xcalloc(t->nrows, sizeof *last);

	x->col = col;
	x->values = intern_new();
	x->row = xcalloc(t->nrows, sizeof *x->row);
	x->next = xcalloc(t->nrows, sizeof *x->next);
	for (i = 0; i < t->nrows; i++) {
		n = intern_count(x->values);
		x->next[i] = -1;
		if ((k = intern_add(x->values, t->rows[i][col], strlen(t->rows[i][col]))) == n)
			x->row[k] = i;	/* the first row with this value */
		else
			x->next[last[k]] = (long)i;
		last[k] = i;
	}
	free(last);
	return x;
}

static void
free_row(struct table *t, size_t row)
{
	size_t j;

	/* a row as read (a span kept) has no cell set apart */
	for (j = 0; t->cells_set && !row_of(t->rows[row])->span && j < t->ncols; j++)
		if (cell_apart(t->rows[row], t->rows[row][j]))
			free(t->rows[row][j]);
	free_row_memory(t->rows[row]);
}

void
table_free(struct table *t)
{
	struct table_block *b;
	size_t i;

	if (!t)
		return;
	drop_index(t);
	for (i = 0; i < t->nrows; i++)
		free_row(t, i);
	while ((b = t->blocks)) {
		t->blocks = b->next;
		free(b);
	}
	for (i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cols);
	free(t->rows);
	free(t->lines);
	free(t->name);
	free(t);
}

int
table_col(const struct table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i], name) == 0)
			return (int)i;
	return -1;
}

int
table_col_add(struct table *t, const char *name)
{
	int c = table_col(t, name);
	size_t i;
	char **row;

	if (c >= 0)
		return c;
	t->cols = xreallocarray(t->cols, t->ncols + 1, sizeof *t->cols);
	t->cols[t->ncols] = xstrdup(name);
	for (i = 0; i < t->nrows; i++) {
		/* the row made again, one cell wider (the new one empty) */
		row = new_row(NULL, t->ncols + 1, NULL, NULL);
		for (c = 0; (size_t)c < t->ncols; c++) {
			row[c] = t->rows[i][c];
			if (!cell_apart(t->rows[i], row[c]))
				row[c] = *row[c] ? xstrdup(row[c]) : empty_cell;
		}
		free_row_memory(t->rows[i]);
		t->rows[i] = row;
		t->cells_set = 1;
	}
	return (int)t->ncols++;
}

size_t
table_add_row(struct table *t)
{
	size_t row;

	drop_index(t);
	row = grow_rows(t);
	t->rows[row] = new_row(NULL, t->ncols, NULL, NULL);
	return t->nrows++;
}

void
table_del_row(struct table *t, size_t row)
{
	drop_index(t);
	free_row(t, row);
	memmove(t->rows + row, t->rows + row + 1, (t->nrows - row - 1) * sizeof *t->rows);
	memmove(t->lines + row, t->lines + row + 1, (t->nrows - row - 1) * sizeof *t->lines);
	t->nrows--;
}

const char *
table_get(const struct table *t, size_t row, int col)
{
	if (col < 0 || (size_t)col >= t->ncols || row >= t->nrows)
		return "";
	return t->rows[row][col];
}

const char *
table_cell(const struct table *t, size_t row, const char *col)
{
	return table_get(t, row, table_col(t, col));
}

int
table_row_as_read(const struct table *t, size_t row)
{
	/* A row's span is kept only while it is as read (new_row, table_set). */
	return row_of(t->rows[row])->span != 0;
}

void
table_set(struct table *t, size_t row, int col, const char *value)
{
	char *old = t->rows[row][col];

	if (t->index && t->index->col == col)
		drop_index(t);
	row_of(t->rows[row])->span = 0;
	t->rows[row][col] = value && *value ? xstrdup(value) : empty_cell;
	t->cells_set |= t->rows[row][col] != empty_cell;
	if (cell_apart(t->rows[row], old))
		free(old);
}

long
table_find(const struct table *t, int col, const char *value)
{
	struct table *m = (struct table *)t;	/* only its index changes */
	size_t i;
	long k;

	if (col < 0)
		return -1;
	if (t->index && t->index->col != col)
		drop_index(m);
	/* The first questions about a column are answered by a search, as
	 * cheap as one look at an index is dear to make: a writer that checks
	 * its one rep, or three, makes none.  The next makes the index. */
	if (t->nrows < TABLE_INDEX_MIN || !t->index ||
	    (!t->index->values && t->index->searched < TABLE_INDEX_SEARCHES)) {
		if (t->nrows >= TABLE_INDEX_MIN && !t->index)
			m->index = asked(col);
		if (t->index)
			m->index->searched++;
		for (i = 0; i < t->nrows; i++)
			if (strcmp(t->rows[i][col], value) == 0)
				return (long)i;
		return -1;
	}
	if (!t->index->values) {
		drop_index(m);
		m->index = make_index(m, col);
	}
	k = intern_get(t->index->values, value, strlen(value));
	return k < 0 ? -1 : (long)t->index->row[k];
}

long
table_find_next(const struct table *t, int col, size_t row)
{
	size_t i;

	if (t->index && t->index->col == col && t->index->values)
		return t->index->next[row];
	for (i = row + 1; i < t->nrows; i++)
		if (strcmp(t->rows[i][col], t->rows[row][col]) == 0)
			return (long)i;
	return -1;
}

const char *
table_lookup(const struct table *t, const char *key, const char *value, const char *col)
{
	long row = table_find(t, table_col(t, key), value);

	return row < 0 ? "" : table_cell(t, (size_t)row, col);
}

/* qsort has no context argument in C11; the sort is rare and single-threaded. */
static const int *sort_keys;
static size_t sort_nkeys;

struct sort_item {
	char **row;
	unsigned long line;
	size_t pos;
};

static int
cmp_keys(char **x, char **y)
{
	size_t k;
	int c;

	for (k = 0; k < sort_nkeys; k++) {
		c = strcmp(x[sort_keys[k]], y[sort_keys[k]]);
		if (c)
			return c;
	}
	return 0;
}

static int
cmp_rows(const void *a, const void *b)
{
	const struct sort_item *x = a, *y = b;
	int c = cmp_keys(x->row, y->row);

	if (c)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* The rows before the last in order: the last moved to its place, after
 * every row whose key is not greater (a stable sort's place). */
static void
insert_last(struct table *t)
{
	size_t lo = 0, hi = t->nrows - 1, mid, n = t->nrows - 1;
	char **row = t->rows[n];
	unsigned long line = t->lines[n];

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cmp_keys(t->rows[mid], row) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(t->rows + lo + 1, t->rows + lo, (n - lo) * sizeof *t->rows);
	memmove(t->lines + lo + 1, t->lines + lo, (n - lo) * sizeof *t->lines);
	t->rows[lo] = row;
	t->lines[lo] = line;
}

void
table_sort(struct table *t, const int *keycols, size_t nkeys)
{
	struct sort_item *items;
	size_t i;

	if (t->nrows < 2)
		return;
	drop_index(t);
	sort_keys = keycols;
	sort_nkeys = nkeys;
	/* A table is mostly in order already, but for a row added at its end:
	 * then the stable sort is that row moved up past every row with a
	 * greater key, or nothing. */
	for (i = 1; i < t->nrows - 1 && cmp_keys(t->rows[i - 1], t->rows[i]) <= 0; i++)
		;
	if (i == t->nrows - 1) {
		insert_last(t);
		return;
	}
	items = xreallocarray(NULL, t->nrows, sizeof *items);
	for (i = 0; i < t->nrows; i++) {
		items[i].row = t->rows[i];
		items[i].line = t->lines[i];
		items[i].pos = i;
	}
	qsort(items, t->nrows, sizeof *items, cmp_rows);
	for (i = 0; i < t->nrows; i++) {
		t->rows[i] = items[i].row;
		t->lines[i] = items[i].line;
	}
	free(items);
}

/*
 * A row as read, its cells one after another: written as one line, each
 * NUL a tab, eight bytes at a time; 0 (nothing written) if a byte is to
 * be escaped (tsv.h's four: tab, LF, CR, backslash).
 */
static int
write_span(struct buf *out, char **cells)
{
	const struct row *r = row_of(cells);
	const char *p = cells[0];
	size_t i = 0, n = r->span;
	uint64_t w;
	char *to;

	if (n == 0)
		return 0;
	buf_grow(out, n + 1);
	to = out->data + out->len;
	for (; n - i >= 8; i += 8) {
		memcpy(&w, p + i, 8);
		if (word_to_escape(w))
			return 0;
		w |= (word_zero_bytes(w) >> 7) * '\t';
		memcpy(to + i, &w, 8);
	}
	for (; i < n; i++) {
		if (p[i] == '\t' || p[i] == '\n' || p[i] == '\r' || p[i] == '\\')
			return 0;
		to[i] = p[i] ? p[i] : '\t';
	}
	to[n] = '\n';
	out->len += n + 1;
	out->data[out->len] = '\0';
	return 1;
}

static void
write_fields(struct buf *out, char **f, size_t n)
{
	size_t j;

	for (j = 0; j < n; j++) {
		if (j)
			buf_addc(out, '\t');
		tsv_escape(out, f[j], strlen(f[j]));
	}
	buf_addc(out, '\n');
}

void
table_write(const struct table *t, struct buf *out)
{
	size_t i;

	write_fields(out, t->cols, t->ncols);
	for (i = 0; i < t->nrows; i++)
		if (t->ncols == 0 || !write_span(out, t->rows[i]))
			write_fields(out, t->rows[i], t->ncols);
}
