/*
 * audit: the append-only log of every change, audit.tsv
 * (time user program detail).
 *
 * A program collects one line per change while it works, then commits them
 * together after the change itself is committed:
 *
 *   struct buf log = BUF_INIT;
 *   audit_add(&log, "add rep %s", id);      per change
 *   ... store_replace(...) ...
 *   audit_commit(s, &log);                  one append, one fsync
 *
 * time is UTC (2026-11-26T08:00:00Z); user is the login name of the
 * effective uid.  A crash between the change and its audit line loses only
 * the line, never the change (sales-check accepts that state).
 */
#ifndef AUDIT_H
#define AUDIT_H
#include "buf.h"
#include "store.h"

void audit_add(struct buf *log, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void audit_commit(struct store *s, struct buf *log);

#endif
