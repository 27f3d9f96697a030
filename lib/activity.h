/*
 * activity: the activity ledger, activities/YYYY-MM.tsv (salesmgr-files(5)):
 * one row per call, e-mail, meeting, demo or visit a rep logged, in the
 * month file of its date, appended and never rewritten.
 *
 * Reading, one month file at a time, oldest first (ledger_months()):
 *
 *   struct activity_month am;
 *   if (activity_open(s, month, &am) == 0) {      -1: the file vanished
 *           while (activity_next(&am))
 *                   ... am.r->f[am.col[AC_REP]] ...
 *           activity_close(&am);
 *   }
 *
 * Fields point into the reader's buffer and last until the next call.  A
 * file without one of the columns, a malformed row or a torn last line (a
 * crash while writing) is fatal, naming the file and sales-check (with
 * --repair for the torn line): a program never acts on a partial read.
 *
 * Writing, in one transaction (txn.h):
 *
 *   refs = activity_refs(s);        every ref already in the ledger, so an
 *                                   import run twice logs nothing twice
 *   b = activity_batch_new();
 *   activity_queue(b, fields);      once per row, fields in enum activity_col
 *                                   order ("" for not set), already checked
 *   activity_flush(b, x);           each month's rows to txn_append(), in one
 *                                   write per file; frees b
 *   txn_commit(x);
 *
 * activity_flush() first makes sure every month file it will append to can
 * take the rows (no torn last line, the expected header), and dies naming
 * the file otherwise, so that a batch spanning several months is not
 * refused half-way, after the first months were written.
 */
#ifndef ACTIVITY_H
#define ACTIVITY_H
#include "intern.h"
#include "ledger.h"
#include "store.h"
#include "tsv.h"
#include "txn.h"

/* The ledger's columns, in file order (schema_activities). */
enum activity_col {
	AC_DATE, AC_REP, AC_KIND, AC_ACCOUNT, AC_DEAL, AC_MINUTES, AC_REF, AC_NOTE,
	AC_NCOLS
};

/* The kinds, as messages and man pages spell them (schema_activities). */
#define ACTIVITY_KINDS "call, email, meeting, demo, visit or other"

/* Most minutes one activity may last: a whole day. */
#define ACTIVITY_MAX_MINUTES 1440

struct activity_month {
	struct tsv_reader *r;
	int fd;
	int col[AC_NCOLS];	/* the reader's column of each activity_col */
	char name[LEDGER_PATHSZ];	/* "activities/2026-11.tsv" */
};

int activity_open(struct store *s, ledger_month m, struct activity_month *am);
/* 1 with the next row in am->r, 0 at the end. */
int activity_next(struct activity_month *am);
void activity_close(struct activity_month *am);

/* Every non-empty ref in the whole ledger; intern_free() it. */
struct intern *activity_refs(struct store *s);

struct activity_batch;
struct activity_batch *activity_batch_new(void);
void activity_queue(struct activity_batch *b, const char *const *fields);
void activity_flush(struct activity_batch *b, struct txn *x);

#endif
