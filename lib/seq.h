/*
 * seq: generated ids (deals D1, D2 ...; notes N1 ...) from ids.tsv
 * (kind next).  A program loads ids.tsv, moves it past the highest number
 * the data already holds (ids.tsv may be behind: a restore, a revert, two
 * copies merged), reserves the numbers it needs and queues ids.tsv in the
 * same transaction as the records that use them:
 *
 *   ids = store_load(s, "ids.tsv");
 *   seq_past(ids, "note", seq_max(notes, "note", 'N'));   or history_deal_max()
 *   first = seq_reserve(ids, "note", n);     numbers first .. first+n-1
 *   txn_table(&x, &schema_ids, ids);  then the records
 *
 * So a number is never handed out twice: a crash only skips numbers.
 * seq_past() warns when it had to move ids.tsv ("ids.tsv: note next 3 was
 * behind N7 in use"), as sales-check reports it.  Both die on a next that
 * is not a number (run sales-check).
 */
#ifndef SEQ_H
#define SEQ_H
#include <stddef.h>
#include "table.h"

long long seq_reserve(struct table *ids, const char *kind, size_t n);
/* Make kind's next at least in_use + 1. */
void seq_past(struct table *ids, const char *kind, unsigned long long in_use);
/* The highest number of the generated ids (letter, then digits) in column
 * col of t; 0 if none. */
unsigned long long seq_max(const struct table *t, const char *col, char letter);

#endif
