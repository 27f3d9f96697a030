/*
 * target: what the programs that set one target per key share (quota-set,
 * plan-set, and quota-split through quota_put()).  A table holds one row
 * per key (its key columns, then "target"); setting a key's target adds
 * the row, replaces the target, or leaves it as it is, with the line for
 * the audit log of each change.  In one run a key may be set once: a
 * second record for it is a problem of the input (which one was meant is
 * anyone's guess).  The confirmation counts what was set.
 *
 *   struct target_table *quotas = target_load(s, &schema_quotas);
 *   struct target_run r;
 *   target_begin(&r);
 *   while (input_next(in, opt, v)) {
 *           ... check the record, canonical key and target ...
 *           target_set(&r, in, quotas, cols, key, 4, target,
 *               "quota 2026-Q4 rep anna revenue");
 *   }
 *   if (input_close(in)) die("nothing was changed");
 *   target_commit(&r, &cli, s, &schema_quotas, quotas, "quota");
 */
#ifndef TARGET_H
#define TARGET_H
#include <stddef.h>
#include "buf.h"

struct cli;
struct input;
struct intern;
struct schema;
struct store;
struct table;

enum { TARGET_ADDED, TARGET_REPLACED, TARGET_SAME };

/*
 * Set the target of the row whose columns cols[0..nkey) hold key, adding
 * the row (and any missing column) if there is none; what describes the
 * key for the log: "set WHAT TARGET\n" or "replace WHAT TARGET (was OLD)\n"
 * is appended to log.  Returns TARGET_ADDED, TARGET_REPLACED or
 * TARGET_SAME (nothing changed, nothing logged).
 */
int target_put(struct table *t, const char *const *cols, const char *const *key,
	       size_t nkey, const char *target, const char *what, struct buf *log);

/*
 * A table of targets for target_set(): when its file is as this code
 * writes it (the schema's columns, key columns then "target"; plain sorted
 * lines), its lines, so that setting a few keys of a big table (a quota
 * table of every rep and month) finds each by bisection and writes the
 * file back without parsing, sorting or checking its other rows again
 * (mapped, not read, from 64 kB, and written back as runs of its old
 * lines and the new ones, not copied into one buffer); else the table
 * loaded whole (store_load), as any table.  Errors are store_load()'s.
 * target_commit() frees it.
 */
struct target_table;
struct target_table *target_load(struct store *s, const struct schema *sc);
/* A table loaded whole (store_load), for a caller that looks at or
 * removes other rows than those it sets, as quota-set does for its one
 * quota per span of days: target_commit() frees t. */
struct target_table *target_whole(struct table *t);

/* The rows of a table that target_load() took as lines (plain, sorted,
 * the schema's columns) that hold needle (n bytes, no LF), each line
 * without its LF, to fn; -1 (nothing called) when it holds the table
 * whole.  The lines are found in the file at once (scan_find()), so that
 * looking at a few rows of a big table costs little. */
int target_each_line_with(const struct target_table *tt, const char *needle, size_t n,
			  void (*fn)(void *arg, const char *line, size_t len), void *arg);
/* Free a table that is not to be committed (target_commit() frees one). */
void target_drop(struct target_table *tt);

struct target_run {
	const char *column;	/* of the value: "target" unless begun otherwise */
	struct intern *seen;	/* the keys set in this run, by description */
	struct buf log;
	size_t added, replaced, same;
};

void target_begin(struct target_run *r);
/* The same for a table whose value column is not "target" (calls.tsv's
 * "call"). */
void target_begin_column(struct target_run *r, const char *column);
/* target_put() once per key and run: a second time is reported through
 * input_error() ("WHAT is set twice in the input") and returns 1. */
int target_set(struct target_run *r, struct input *in, struct target_table *tt,
	       const char *const *cols, const char *const *key, size_t nkey,
	       const char *target, const char *what);
/* After target_set() of the same key, in a table loaded whole: set the
 * row's column (added if missing) to value, logged as "set WHAT COLUMN
 * VALUE" when it changes, so that a record whose target is the same but
 * whose column is not counts as replaced.  Returns 1 if it changed. */
int target_set_column(struct target_run *r, struct target_table *tt,
		      const char *const *cols, const char *const *key, size_t nkey,
		      const char *column, const char *value, const char *what);
/* Write the table and the log in one transaction (none if nothing
 * changed), close stdout and confirm ("set 2 quotas, replaced 1, 3
 * unchanged"); frees r and tt. */
void target_commit(struct target_run *r, const struct cli *c, struct store *s,
		   const struct schema *sc, struct target_table *tt, const char *noun);

#endif
