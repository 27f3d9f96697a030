/*
 * seq: generated ids (deals D1, D2 ...; notes N1 ...) from ids.tsv
 * (kind next).  A program loads ids.tsv, reserves the numbers it needs,
 * and queues ids.tsv in its transaction BEFORE the records that use them:
 * a crash in between only skips numbers, never reuses one.
 *
 *   ids = store_load(s, "ids.tsv");
 *   first = seq_reserve(ids, "deal", n);     numbers first .. first+n-1
 *   txn_table(&x, &schema_ids, ids);  then txn_append(... rows ...)
 */
#ifndef SEQ_H
#define SEQ_H
#include <stddef.h>
#include "table.h"

long long seq_reserve(struct table *ids, const char *kind, size_t n);

#endif
