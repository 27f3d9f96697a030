/*
 * audit: the append-only log of every change, audit.tsv
 * (time user program detail).
 *
 * A program collects one line per change while it works (txn_log() does
 * it for the programs); txn_commit() appends them to audit.tsv as part of
 * the change itself, so there is no change without its lines and no line
 * without its change.  sales-init and the repairs of sales-check, which
 * log what they did after doing it, commit them on their own:
 *
 *   struct buf log = BUF_INIT;
 *   audit_add(&log, "add rep %s", id);      per change
 *   audit_commit(s, &log);                  one append, one fsync
 *
 * time is UTC (2026-11-26T08:00:00Z); user is the login name of the
 * effective uid.  A failed audit_commit() dies saying that the change was
 * made but not recorded.
 */
#ifndef AUDIT_H
#define AUDIT_H
#include "buf.h"
#include "store.h"

void audit_add(struct buf *log, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same with the detail given whole (cut, as audit_add() cuts it, to
 * AUDIT_DETAIL_MAX bytes). */
#define AUDIT_DETAIL_MAX 2047
void audit_add_line(struct buf *log, const char *detail);
void audit_commit(struct store *s, struct buf *log);

#endif
