/*
 * deal: the deal-event ledger, deals/YYYY-MM.tsv (salesmgr-files(5)).
 *
 * Every event row carries the deal's whole state after the event, so the
 * current state of a deal is its last event.  Events of one deal never go
 * back in time (a writer refuses an event dated before the deal's last
 * one), so the newest month file that mentions a deal holds its latest
 * event, as the last row there that names it.
 *
 *   deal_cols(r, col)          map a month file's columns (dies if one is
 *                              missing: run sales-check)
 *   deal_latest(s, ids, n, out)  the latest event of each wanted deal,
 *                              reading months newest first and stopping
 *                              when all are found; out[i] NULL if unknown
 *   deal_refs(s)               every ref in the ledger (for imports that
 *                              must not book a deal twice)
 *   deal_append(x, ev)         queue one event row into the transaction,
 *                              in the month file of its date
 */
#ifndef DEAL_H
#define DEAL_H
#include <stddef.h>
#include "intern.h"
#include "store.h"
#include "tsv.h"
#include "txn.h"

enum deal_col {
	DL_DATE, DL_DEAL, DL_EVENT, DL_REP, DL_ACCOUNT, DL_PRODUCT, DL_AMOUNT,
	DL_STAGE, DL_EXPECTED, DL_REF, DL_REASON, DL_NOTE, DL_OPENED, DL_NCOLS
};

/* One event: owned strings, "" when not set. */
struct deal {
	char *f[DL_NCOLS];
};

void deal_cols(const struct tsv_reader *r, int col[DL_NCOLS]);
void deal_latest(struct store *s, const char *const *ids, size_t n, struct deal **out);
struct intern *deal_refs(struct store *s);
struct deal *deal_copy(const struct deal *d);
void deal_set(struct deal *d, enum deal_col c, const char *v);
void deal_free(struct deal *d);

/*
 * Queue events into a transaction.  deal_queue() collects rows per month;
 * deal_flush() hands each month's rows to txn_append (call it once, after
 * every deal_queue and before txn_commit).
 */
struct deal_batch;
struct deal_batch *deal_batch_new(void);
void deal_queue(struct deal_batch *b, const struct deal *ev);
void deal_flush(struct deal_batch *b, struct txn *x);

#endif
