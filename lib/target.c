#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "input.h"
#include "intern.h"
#include "target.h"
#include "table.h"
#include "txn.h"

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
target_set(struct target_run *r, struct input *in, struct table *t,
	   const char *const *cols, const char *const *key, size_t nkey,
	   const char *target, const char *what)
{
	if (intern_get(r->seen, what, strlen(what)) >= 0) {
		input_error(in, "%s is set twice in the input", what);
		return 1;
	}
	intern_add(r->seen, what, strlen(what));
	switch (put(t, r->column ? r->column : "target", cols, key, nkey, target, what,
	    &r->log)) {
	case TARGET_ADDED: r->added++; break;
	case TARGET_REPLACED: r->replaced++; break;
	default: r->same++;
	}
	return 0;
}

void
target_commit(struct target_run *r, const struct cli *c, struct store *s,
	      const struct schema *sc, struct table *t, const char *noun)
{
	struct buf msg = BUF_INIT;
	char *line, *nl;
	struct txn x;
	size_t n = r->added + r->replaced;

	txn_begin(&x, s, c->dry_run);
	for (line = r->log.data; line && (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		txn_log(&x, "%s", line);
	}
	if (x.changes)
		txn_table(&x, sc, t);
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
	buf_free(&r->log);
	intern_free(r->seen);
}
