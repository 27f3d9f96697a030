/*
 * txn: one invocation of a mutating program is one transaction.
 *
 *   txn_begin(&x, s, cli.dry_run);
 *   ... validate every input record first; stop if any is bad ...
 *   txn_log(&x, "add rep %s", id);           one line per change
 *   txn_table(&x, &schema_reps, reps);       each changed table
 *   txn_append(&x, "deals/2026-11.tsv", &schema_deals, rows);  ledger rows
 *   txn_commit(&x);
 *
 * txn_table() sorts the table by its key and checks it against its schema
 * at once; a table that fails is a bug, reported and fatal, so nothing
 * invalid is ever written.  txn_commit() first checks that every ledger
 * and audit.tsv will take an append, then makes the whole change, the new
 * tables, every ledger's rows and the log lines in audit.tsv, as one
 * store change (store.h): whole or not at all, under any signal, a crash,
 * a full disk or an I/O error.  A failure before the change is made takes
 * back what was written and dies "nothing was changed"; the catchable
 * signals wait until it is done.  With dry_run it writes nothing and
 * prints each log line to stdout instead, prefixed "would ".
 */
#ifndef TXN_H
#define TXN_H
#include "buf.h"
#include "schema.h"
#include "store.h"
#include "table.h"

struct txn_step;

struct txn {
	struct store *s;
	int dry_run;
	size_t changes;
	struct buf log;
	struct txn_step *steps, **tail;
};

void txn_begin(struct txn *x, struct store *s, int dry_run);
void txn_log(struct txn *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void txn_log_line(struct txn *x, const char *detail);	/* the same, given whole */
void txn_table(struct txn *x, const struct schema *sc, struct table *t);
/* A table's whole new content, already sorted and checked by the caller
 * (target.h's edit of a few lines of a big table), written as it is: npc
 * pieces one after another, which must stay as they are until
 * txn_commit() (the pieces array is copied), so that its old lines and a
 * few new ones go to the file without a copy of the whole. */
void txn_table_pieces(struct txn *x, const char *name, const struct buf_piece *pc,
		      size_t npc);
/* rows: whole lines in the ledger's column order, escaped, each ending in LF. */
void txn_append(struct txn *x, const char *relpath, const struct schema *sc,
		const struct buf *rows);
/* The same, taking the rows' buffer over instead of copying it (a bulk
 * load's run to hundreds of megabytes); rows is left empty. */
void txn_append_buf(struct txn *x, const char *relpath, const struct schema *sc,
		    struct buf *rows);
/* The same, from a writer that counted the columns its rows fill (the
 * last one not empty, of any row; 0: not counted), each row of all of
 * sc's columns when it did: the rows are not looked at again for the
 * width of a month file's header, and are cut to it from their ends. */
void txn_append_filled(struct txn *x, const char *relpath, const struct schema *sc,
		       struct buf *rows, size_t filled);
void txn_commit(struct txn *x);

#endif
