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
 * and audit.tsv will take an append, then replaces the tables (several as
 * one change through a journal: store.h), then appends to the ledgers in
 * the order queued, then appends the log lines to audit.tsv.  A failure
 * takes back what was written: the tables from their bytes read before
 * (until an append has begun: then they stay, so that ids.tsv stays past
 * any id a ledger may hold), the ledgers by truncation.  With dry_run it
 * writes nothing and prints each log line to stdout instead, prefixed
 * "would ".
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
void txn_table(struct txn *x, const struct schema *sc, struct table *t);
/* rows: whole lines in the ledger's column order, escaped, each ending in LF. */
void txn_append(struct txn *x, const char *relpath, const struct schema *sc,
		const struct buf *rows);
void txn_commit(struct txn *x);

#endif
