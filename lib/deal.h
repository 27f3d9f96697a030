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
 *                              missing: run sales-check; an optional
 *                              column the file lacks gets -1)
 *   deal_latest(s, ids, n, out)  the latest event of each wanted deal,
 *                              from the deal index when it is current
 *                              (dealindex.h), else reading months newest
 *                              first and stopping when all are found;
 *                              out[i] NULL if unknown
 *   deal_refs(s)               every ref in the ledger (for imports that
 *                              must not book a deal twice)
 *   deal_batch_new, deal_queue, deal_flush
 *                              queue event rows into a transaction, each
 *                              in the month file of its date (below)
 *
 * To stream every row of a month file (deal-list):
 *
 *   r = deal_month_open(s, m, name, col);    NULL if the file vanished
 *   while (deal_month_next(r))  ... r->f[col[DL_DEAL]] ...
 *   deal_month_close(r);
 *
 * The latest event of every deal, in one pass over the month files from
 * `from` on (DATE_MIN for all; deal-list):
 *
 *   l = deal_last_scan(s, from);
 *   for (i = 0; i < deal_last_count(l); i++)
 *           ... deal_last_field(l, i, DL_DEAL) ...
 *   deal_last_free(l);
 *
 * Deals are indexed in the order they first appear; each keeps its latest
 * row packed in one buffer that its later rows reuse, so memory follows
 * the number of deals, not of events.
 *
 * Readers die on a malformed row, a read error or a torn last line (a
 * crash while appending), naming sales-check (--repair for a torn line):
 * a deal's state is never taken from a partial ledger.
 */
#ifndef DEAL_H
#define DEAL_H
#include <stddef.h>
#include "intern.h"
#include "ledger.h"
#include "stage.h"
#include "store.h"
#include "tsv.h"
#include "txn.h"

enum deal_col {
	DL_DATE, DL_DEAL, DL_EVENT, DL_REP, DL_ACCOUNT, DL_PRODUCT, DL_AMOUNT,
	DL_STAGE, DL_EXPECTED, DL_REF, DL_REASON, DL_NOTE, DL_OPENED,
	/* optional (schema.h): col[] is -1 for a month file without them */
	DL_CURRENCY, DL_CURRENCY_AMOUNT, DL_SPLIT, DL_TYPE, DL_NCOLS
};

/* One event: owned strings, "" when not set. */
struct deal {
	char *f[DL_NCOLS];
};

/* The events of the ledger's event column, in the order of the schema. */
enum deal_event {
	DEAL_EV_OPEN, DEAL_EV_STAGE, DEAL_EV_AMEND, DEAL_EV_WON, DEAL_EV_LOST,
	DEAL_EV_CANCEL, DEAL_EV_REOPEN, DEAL_EV_ASSIGN, DEAL_EV_SPLIT, DEAL_NEVENTS
};

/*
 * What a deal is.  The one rule (every report and writer goes by it): after
 * a won, lost or cancel event the deal is won, lost or cancelled; after any
 * other event (open, stage, amend, reopen, assign: a new owner, and
 * split: a new credit split (split.h), both only of an open deal) it is
 * what its stage says: open at an open stage, else
 * won or lost.  A deal with no event yet is DEAL_NONE.
 */
enum deal_state { DEAL_NONE, DEAL_OPEN, DEAL_WON, DEAL_LOST, DEAL_CANCELLED };

/*
 * A deal's type, the ledger's optional type column: new business (an empty
 * type, as in every month file written before the column, is new), a
 * renewal, or an expansion of what the customer has.  Set when the deal
 * is added and carried by every later event of the deal, as its split is.
 */
enum deal_type { DEAL_NEW, DEAL_RENEWAL, DEAL_EXPANSION, DEAL_NTYPES };
/* The type named by the n bytes at s ("" is new); -1 for anything else. */
int deal_type_parse(const char *s, size_t n);
/* "new", "renewal", "expansion" */
const char *deal_type_name(enum deal_type t);

void deal_cols(const struct tsv_reader *r, int col[DL_NCOLS]);
/* The event named by the n bytes at s; -1 for anything else. */
int deal_event_parse(const char *s, size_t n);
enum deal_state deal_state_after(enum deal_event ev, enum stage_state stage);
/* The same from a ledger row's event and stage columns (a stage not in
 * stages.tsv counts as open). */
enum deal_state deal_state_of(const struct stages *st, const char *event, const char *stage);
/* "", "open", "won", "lost", "cancelled" */
const char *deal_state_name(enum deal_state st);
/* name: LEDGER_PATHSZ bytes that outlive the reader (its messages use it). */
struct tsv_reader *deal_month_open(struct store *s, ledger_month m, char *name,
				   int col[DL_NCOLS]);
/* 1 with the next row in r->f, 0 at the end of the file. */
int deal_month_next(struct tsv_reader *r);
void deal_month_close(struct tsv_reader *r);

struct deal_last;
struct deal_last *deal_last_scan(struct store *s, date_t from);
/* The latest rows of deals ids (distinct, none missing), through the deal
 * index (dealindex.h); NULL when it cannot tell them all: scan instead. */
struct deal_last *deal_last_indexed(struct store *s, const char *const *ids, size_t n);
size_t deal_last_count(const struct deal_last *l);
const char *deal_last_field(const struct deal_last *l, size_t i, enum deal_col c);
/* Indexes idx[0 .. n) of l in deal number order: D2 before D10. */
void deal_last_sort(const struct deal_last *l, size_t *idx, size_t n);
void deal_last_free(struct deal_last *l);
void deal_latest(struct store *s, const char *const *ids, size_t n, struct deal **out);
struct intern *deal_refs(struct store *s);
struct deal *deal_copy(const struct deal *d);
void deal_set(struct deal *d, enum deal_col c, const char *v);
void deal_free(struct deal *d);

/*
 * Queue events into a transaction.  deal_queue() collects rows per month
 * (it copies ev's text: ev may point at borrowed strings); deal_flush()
 * hands each month's rows to txn_append and frees the batch (call it once,
 * after every deal_queue and before txn_commit).
 */
struct deal_batch;
struct deal_batch *deal_batch_new(void);
void deal_queue(struct deal_batch *b, const struct deal *ev);
void deal_flush(struct deal_batch *b, struct txn *x);
/* Free a batch that is not to be flushed (NULL is fine). */
void deal_batch_free(struct deal_batch *b);

#endif
