#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "err.h"
#include "input.h"
#include "intern.h"
#include "scan.h"
#include "schema.h"
#include "store.h"
#include "target.h"
#include "table.h"
#include "txn.h"
#include "word.h"
#include "xalloc.h"

static int
put(struct table *t, const char *column, const char *const *cols, const char *const *key,
    size_t nkey, const char *target, const char *what, struct buf *log)
{
	int c[16], vc = table_col_add(t, column);
	size_t i, j;

	for (j = 0; j < nkey && j < 16; j++)
		c[j] = table_col_add(t, cols[j]);
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < nkey && strcmp(table_get(t, i, c[j]), key[j]) == 0; j++)
			;
		if (j < nkey)
			continue;
		if (strcmp(table_get(t, i, vc), target) == 0)
			return TARGET_SAME;
		buf_printf(log, "replace %s %s (was %s)\n", what, target, table_get(t, i, vc));
		table_set(t, i, vc, target);
		return TARGET_REPLACED;
	}
	i = table_add_row(t);
	for (j = 0; j < nkey; j++)
		table_set(t, i, c[j], key[j]);
	table_set(t, i, vc, target);
	buf_printf(log, "set %s %s\n", what, target);
	return TARGET_ADDED;
}

int
target_put(struct table *t, const char *const *cols, const char *const *key,
	   size_t nkey, const char *target, const char *what, struct buf *log)
{
	return put(t, "target", cols, key, nkey, target, what, log);
}

/*
 * A table of targets as its file's lines, when the file is as this code
 * writes it: the schema's header, then plain lines (no escape, no control
 * byte but the tabs, no byte of 0x80 or more), each of the header's
 * fields, in strictly increasing key order.  Then the key of a line is its
 * bytes up to the tab after the last key field, and byte order on those
 * is the order schema_sort() gives (a tab sorts before any other byte of
 * a plain line), so a key is found by bisection and the table is written
 * back by merging, with no row parsed or checked again.  Anything else is
 * loaded and rewritten whole, as every table is.
 */
/* A change to a table of lines: a row replaced or added. */
struct target_change {
	size_t off;		/* where in the file: the start of a line */
	size_t oldlen;		/* the line replaced, with its LF; 0: one added
				 * before the line at off */
	char *line;		/* the new line, with its LF (allocated) */
	size_t keylen;
};

/* A table this big or bigger is mapped (read_lines()). */
#define TARGET_MAP_MIN 65536

struct target_table {
	struct table *t;	/* loaded whole, or: */
	int noted;		/* the note of its check (store.h) is its own */
	char *data;		/* the file */
	size_t mapped;		/* data is the file mapped, this long; 0: read */
	const char *end;	/* and its end */
	size_t hdrlen;		/* its header line, with LF */
	size_t nf, nkey;	/* its fields, of which the key */
	struct target_change *chg;	/* the changes, in the order made */
	size_t nchg, chgcap;
	int changed;
};

/* The length of the key of the plain line at p (up to its LF, which is
 * before end) of nf fields, its first nkey the key, with the line's length
 * in *len; 0 if the line is not plain or has another number of fields.
 * Eight bytes at a time: a byte below 0x20 that is not a tab, 0x7f and
 * above, or a backslash is not plain. */
static size_t
plain_key(const char *p, const char *end, size_t nf, size_t nkey, size_t *len)
{
	size_t i = 0, n = (size_t)(end - p), tabs = 0, keylen = 0;
	uint64_t w, tab, nl, bad, before;
	unsigned char c;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		tab = word_zero_bytes(w ^ WORD_ONES * '\t');
		nl = word_zero_bytes(w ^ WORD_ONES * '\n');
		bad = (word_zero_bytes(w & WORD_ONES * 0xe0) & ~tab & ~nl) |
		    (w & WORD_ONES * 0x80) | word_zero_bytes(w ^ WORD_ONES * 0x7f) |
		    word_zero_bytes(w ^ WORD_ONES * '\\');
		if (nl) {
			/* little-endian: the lowest bit is the first byte */
			before = (nl & -nl) - 1;
			tab &= before;
			bad &= before;
		}
		if (bad)
			return 0;
		for (; tab; tab &= tab - 1)
			if (++tabs == nkey)
				keylen = i + (size_t)(__builtin_ctzll(tab) >> 3);
		if (nl) {
			*len = i + (size_t)(__builtin_ctzll(nl) >> 3);
			return tabs + 1 == nf ? keylen : 0;
		}
	}
	for (; i < n && (c = (unsigned char)p[i]) != '\n'; i++) {
		if (c == '\t') {
			if (++tabs == nkey)
				keylen = i;
		} else if (c < 0x20 || c >= 0x7f || c == '\\')
			return 0;
	}
	*len = i;
	return i < n && tabs + 1 == nf ? keylen : 0;
}

/* Byte order of two keys, eight bytes at a time (the first that differ,
 * read big-endian, compare as their first differing bytes do). */
static int
key_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, n = alen < blen ? alen : blen;
	uint64_t x, y;

	for (; i + 8 <= n; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			return __builtin_bswap64(x) < __builtin_bswap64(y) ? -1 : 1;
	}
	for (; i < n; i++)
		if (a[i] != b[i])
			return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
	return (alen > blen) - (alen < blen);
}

/* read_lines' check of each line (scan_lines, scan.h): plain, of the
 * table's fields, its key after the key of the line before. */
struct line_check {
	size_t nkey;
	const char *last;
	size_t lastlen;
};

static int
check_line(void *arg, const char *line, size_t len, const size_t *start)
{
	struct line_check *c = arg;
	size_t keylen;

	(void)len;
	if (!start)
		return 1;
	keylen = start[c->nkey] - 1;
	if (c->last && key_cmp(c->last, c->lastlen, line, keylen) >= 0)
		return 1;
	c->last = line;
	c->lastlen = keylen;
	return 0;
}

static void
free_data(struct target_table *tt)
{
	if (tt->mapped)
		unmap_file(tt->data, tt->mapped);
	else
		free(tt->data);
}

/* The file as lines, or 0 when it is not as this code writes it. */
static int
read_lines(struct target_table *tt, struct store *s, const struct schema *sc)
{
	struct line_check c = { .nkey = sc->nkey };
	struct buf hdr = BUF_INIT;
	size_t len, body, *start;
	unsigned long nlines;
	const char *m;
	int fd, ok = 0;

	if (sc->nkey == 0 || sc->nkey + 1 != sc->ncols || sc->nlater ||
	    strcmp(sc->cols[sc->nkey].name, "target") != 0)
		return 0;
	if ((fd = store_open_read(s, sc->file)) < 0)
		return 0;
	/* A big table mapped, not read (map_file()). */
	if ((m = map_file(fd, TARGET_MAP_MIN, &len))) {
		tt->data = (char *)(uintptr_t)m;
		tt->mapped = len;
	} else if (read_all(fd, &tt->data, &len) < 0) {
		close(fd);
		return 0;	/* the table's own reading tells why */
	}
	close(fd);
	schema_header(sc, &hdr);
	if (len < hdr.len || memcmp(tt->data, hdr.data, hdr.len) != 0 ||
	    tt->data[len - 1] != '\n')
		goto out;
	tt->hdrlen = hdr.len;
	tt->end = tt->data + len;
	tt->nf = sc->ncols;
	tt->nkey = sc->nkey;
	/* Every line checked, 64 bytes at a time, nothing kept: a line is
	 * found again by bisection over the bytes (line_at).  scan_lines()
	 * calls 0x7f plain, plain_key() does not: none may be there. */
	body = len - hdr.len;
	if ((tt->noted = store_checked(s, sc->file, tt->data, len))) {
		ok = 1;
		goto out;
	}
	start = xcalloc(sc->ncols + 2, sizeof *start);
	ok = !memchr(tt->data + hdr.len, 0x7f, body) &&
	    scan_lines(tt->data + hdr.len, body, sc->ncols, sc->ncols, start, check_line, &c,
	    &nlines) == body;
	free(start);
out:
	buf_free(&hdr);
	return ok;
}

struct target_table *
target_load(struct store *s, const struct schema *sc)
{
	struct target_table *tt = xcalloc(1, sizeof *tt);

	if (!read_lines(tt, s, sc)) {
		free_data(tt);
		memset(tt, 0, sizeof *tt);
		tt->t = store_load(s, sc->file);
	}
	return tt;
}

struct target_table *
target_whole(struct table *t)
{
	struct target_table *tt = xcalloc(1, sizeof *tt);

	tt->t = t;
	return tt;
}

/* Is the key (joined by tabs) plain, so that its line is? */
static int
plain_text(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f || *s == '\\')
			return 0;
	return 1;
}

/* The start of the line holding the byte at off, not before lo (a line's
 * start). */
static size_t
line_start(const struct target_table *tt, size_t lo, size_t off)
{
	while (off > lo && tt->data[off - 1] != '\n')
		off--;
	return off;
}

/*
 * Bisection over the rows' bytes for the line of key k (klen bytes): 1
 * with its start in *at, its length in *len and its key's in *keylen; else
 * 0 with in *at the start of the first line after k (or the end).
 */
static int
line_at(const struct target_table *tt, const char *k, size_t klen, size_t *at, size_t *len,
	size_t *keylen)
{
	size_t lo = tt->hdrlen, hi = (size_t)(tt->end - tt->data), s, n = 0, kl;
	int c;

	while (lo < hi) {
		s = line_start(tt, lo, lo + (hi - lo) / 2);
		kl = plain_key(tt->data + s, tt->end, tt->nf, tt->nkey, &n);
		if ((c = key_cmp(tt->data + s, kl, k, klen)) < 0)
			lo = s + n + 1;
		else if (c > 0)
			hi = s;
		else {
			*at = s;
			*len = n;
			*keylen = kl;
			return 1;
		}
	}
	*at = lo;
	return 0;
}

static struct target_change *
add_change(struct target_table *tt)
{
	if (tt->nchg == tt->chgcap) {
		tt->chgcap = tt->chgcap ? tt->chgcap * 2 : 16;
		tt->chg = xreallocarray(tt->chg, tt->chgcap, sizeof *tt->chg);
	}
	tt->changed = 1;
	return &tt->chg[tt->nchg++];
}

static int
put_line(struct target_table *tt, const char *const *key, size_t nkey, const char *target,
	 const char *what, struct buf *log)
{
	struct buf k = BUF_INIT;
	struct target_change *ch;
	size_t at, len, keylen, klen, i, tlen = strlen(target);
	const char *old;
	int found;

	for (i = 0; i < nkey; i++) {
		if (i)
			buf_addc(&k, '\t');
		buf_adds(&k, key[i]);
	}
	klen = k.len;
	found = line_at(tt, k.data, klen, &at, &len, &keylen);
	if (found) {
		old = tt->data + at + keylen + 1;
		if (len - keylen - 1 == tlen && memcmp(old, target, tlen) == 0) {
			buf_free(&k);
			return TARGET_SAME;
		}
		buf_printf(log, "replace %s %s (was %.*s)\n", what, target,
		    (int)(len - keylen - 1), old);
	} else
		buf_printf(log, "set %s %s\n", what, target);
	buf_printf(&k, "\t%s\n", target);
	/* A line replaced once more in this run keeps its last new line. */
	for (i = 0; found && i < tt->nchg; i++)
		if (tt->chg[i].off == at && tt->chg[i].oldlen) {
			free(tt->chg[i].line);
			tt->chg[i].line = k.data;
			return TARGET_REPLACED;
		}
	ch = add_change(tt);
	ch->off = at;
	ch->oldlen = found ? len + 1 : 0;
	ch->line = k.data;	/* kept: the new line */
	ch->keylen = klen;
	return found ? TARGET_REPLACED : TARGET_ADDED;
}

/* The changes in file order: by place, the lines added before a line
 * (in key order) before that line's replacement. */
static int
cmp_changes(const void *a, const void *b)
{
	const struct target_change *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	if (!x->oldlen != !y->oldlen)
		return x->oldlen ? 1 : -1;
	return key_cmp(x->line, x->keylen, y->line, y->keylen);
}

/* The file with its replaced rows and the new ones merged in. */
/* The file with the changes merged in, as pieces (npc of them, out
 * allocated): runs of its old lines and the new ones between them. */
static struct buf_piece *
merged(struct target_table *tt, size_t *npc)
{
	struct buf_piece *pc = xreallocarray(NULL, 2 * tt->nchg + 1, sizeof *pc);
	size_t i, n = 0, pos = 0, total = (size_t)(tt->end - tt->data);

	if (tt->nchg > 1)
		qsort(tt->chg, tt->nchg, sizeof *tt->chg, cmp_changes);
	for (i = 0; i < tt->nchg; i++) {
		pc[n].p = tt->data + pos;
		pc[n++].n = tt->chg[i].off - pos;
		pc[n].p = tt->chg[i].line;
		pc[n++].n = strlen(tt->chg[i].line);
		pos = tt->chg[i].off + tt->chg[i].oldlen;
	}
	pc[n].p = tt->data + pos;
	pc[n++].n = total - pos;
	*npc = n;
	return pc;
}

int
target_each_line_with(const struct target_table *tt, const char *needle, size_t n,
		      void (*fn)(void *arg, const char *line, size_t len), void *arg)
{
	const char *q, *m, *nl;
	size_t s;

	if (tt->t)
		return -1;
	q = tt->data + tt->hdrlen;
	while (q < tt->end && (m = scan_find(q, (size_t)(tt->end - q), needle, n))) {
		s = line_start(tt, tt->hdrlen, (size_t)(m - tt->data));
		nl = memchr(m, '\n', (size_t)(tt->end - m));	/* there: the file ends in LF */
		fn(arg, tt->data + s, (size_t)(nl - (tt->data + s)));
		q = nl + 1;
	}
	return 0;
}

void
target_drop(struct target_table *tt)
{
	size_t i;

	if (!tt)
		return;
	table_free(tt->t);
	for (i = 0; i < tt->nchg; i++)
		free(tt->chg[i].line);
	free(tt->chg);
	free_data(tt);
	free(tt);
}

void
target_begin(struct target_run *r)
{
	memset(r, 0, sizeof *r);
	r->seen = intern_new();
}

void
target_begin_column(struct target_run *r, const char *column)
{
	target_begin(r);
	r->column = column;
}

int
target_set(struct target_run *r, struct input *in, struct target_table *tt,
	   const char *const *cols, const char *const *key, size_t nkey,
	   const char *target, const char *what)
{
	size_t i;
	int done;

	if (intern_get(r->seen, what, strlen(what)) >= 0) {
		input_error(in, "%s is set twice in the input", what);
		return 1;
	}
	intern_add(r->seen, what, strlen(what));
	if (tt->t)
		done = put(tt->t, r->column ? r->column : "target", cols, key, nkey, target,
		    what, &r->log);
	else {
		for (i = 0; i < nkey; i++)
			if (!plain_text(key[i]))
				die("internal error: %s: a key to escape", what);
		if (!plain_text(target))
			die("internal error: %s: a target to escape", what);
		done = put_line(tt, key, nkey, target, what, &r->log);
	}
	switch (done) {
	case TARGET_ADDED: r->added++; break;
	case TARGET_REPLACED: r->replaced++; break;
	default: r->same++;
	}
	return 0;
}

int
target_set_column(struct target_run *r, struct target_table *tt, const char *const *cols,
		  const char *const *key, size_t nkey, const char *column, const char *value,
		  const char *what)
{
	int c[16], vc;
	size_t i, j;

	if (!tt->t || nkey > 16)
		die("internal error: %s: a column of a table not loaded whole", what);
	vc = table_col_add(tt->t, column);
	for (j = 0; j < nkey; j++)
		c[j] = table_col(tt->t, cols[j]);
	for (i = 0; i < tt->t->nrows; i++) {
		for (j = 0; j < nkey && strcmp(table_get(tt->t, i, c[j]), key[j]) == 0; j++)
			;
		if (j < nkey)
			continue;
		if (strcmp(table_get(tt->t, i, vc), value) == 0)
			return 0;
		buf_printf(&r->log, "set %s %s '%s'\n", what, column, value);
		table_set(tt->t, i, vc, value);
		if (r->same) {
			r->same--;
			r->replaced++;
		}
		return 1;
	}
	return 0;
}

void
target_commit(struct target_run *r, const struct cli *c, struct store *s,
	      const struct schema *sc, struct target_table *tt, const char *noun)
{
	struct buf msg = BUF_INIT, checked = BUF_INIT;
	struct buf_piece *pc = NULL;
	char *line, *nl;
	struct txn x;
	size_t n = r->added + r->replaced, npc;

	txn_begin(&x, s, c->dry_run);
	for (line = r->log.data; line && (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		txn_log(&x, "%s", line);
	}
	if (x.changes && tt->t)
		txn_table(&x, sc, tt->t);
	else if (x.changes && tt->changed) {
		pc = merged(tt, &npc);
		/* Lines merged in as they were checked, into lines checked: their
		 * note, written just before they are the file, as txn_table()'s
		 * (a note of bytes that do not become the file is not
		 * believed).  A run that changes nothing writes nothing, not
		 * even this. */
		if (!c->dry_run)
			store_checked_note(sc->file, pc, npc, &checked);
		txn_table_pieces(&x, sc->file, pc, npc);
	}
	if (checked.len)
		store_checked_write(s, sc->file, &checked);
	txn_commit(&x);
	close_stdout();
	if (!c->dry_run) {
		buf_printf(&msg, "set %zu %s%s", n, noun, n == 1 ? "" : "s");
		if (r->replaced)
			buf_printf(&msg, ", replaced %zu", r->replaced);
		if (r->same)
			buf_printf(&msg, ", %zu unchanged", r->same);
		cli_done(c, "%s", msg.data);
	}
	buf_free(&msg);
	free(pc);
	buf_free(&checked);
	buf_free(&r->log);
	intern_free(r->seen);
	target_drop(tt);
}
