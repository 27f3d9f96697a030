/*
 * dealop: what the programs that write deal events share (deal-add,
 * deal-move, deal-won, deal-lost, deal-cancel): take the records from the
 * options or --from, find the current state of the deals they name, check
 * each change, build the next event, and write everything in one
 * transaction.
 *
 *   op = dealop_open(&cli, DEALOP_ACT, fields, nfields, opts);
 *   while (dealop_next(op, &v, &cur)) {
 *           ... check v[i] with dealop_amount, dealop_date, dealop_value,
 *               dealop_stage; each reports its own problem, so on one the
 *               program just goes on to the next record ...
 *           ev = dealop_event(cur, "won", date);
 *           deal_set(ev, DL_STAGE, op->stages->won->name);
 *           dealop_queue(op, ev, "mark deal %s won", ev->f[DL_DEAL]);
 *           deal_free(ev);
 *   }
 *   n = dealop_commit(op);          dies "nothing was changed" on a problem
 *   cli_done(&cli, ...);
 *   dealop_close(op);
 *
 * Modes.  DEALOP_ADD (deal-add) creates deals.  Its records stream from
 * the input (INPUT_CREATE: a column that is not a field is refused unless
 * --ignore-extra); a row's empty field, or a column the input lacks, takes
 * the option's value.  cur is always NULL.
 *
 * DEALOP_ACT acts on existing deals; fields[0] must be "deal", the key.
 * Its input is usually another program's output (deal-list), whose other
 * columns describe each deal as it is, so: other columns are ignored; an
 * option given on the command line wins over the column of the same name;
 * an empty field is not set; and when the input has an "event" column (it
 * lists events) its "date" column is the date of that event, not of the
 * new one, and is not read.  Every record is read first, then the current
 * state of every deal named is found in one pass over the ledger (not one
 * per record).  cur is that state, including what earlier records of this
 * run queued for the same deal; it stays valid until the next
 * dealop_queue() or dealop_next().  A record naming no deal, a malformed
 * deal id or an unknown deal is reported by dealop_next() and not returned.
 *
 * Problems are reported as "prog: FILE:LINE: message" (or "prog: message"
 * for the options) and counted: dealop_commit() dies with "nothing was
 * changed" if there was any, so one bad record writes nothing and every
 * bad record is reported.  dealop_note() says something that is not a
 * problem ("skipped") the same way.
 *
 * Writing: dealop_queue() queues one event in the month file of its date
 * and, given a format, one change for the audit log (or the "would ..."
 * line of -n).  In DEALOP_ADD, dealop_new_id() hands out the next deal id
 * from ids.tsv, past every deal in the ledger (history_deal_max) even when
 * ids.tsv is behind; dealop_commit() queues ids.tsv with the ledger rows,
 * one change, and after the commit prints the new ids on stdout, one a
 * line (not with -n).  A torn ledger stops the
 * commit before anything is written (txn_commit checks every ledger first).
 */
#ifndef DEALOP_H
#define DEALOP_H
#include <stddef.h>
#include "cli.h"
#include "date.h"
#include "deal.h"
#include "money.h"
#include "stage.h"
#include "store.h"

#define DEALOP_IDSZ 24

/* DEALOP_SYNC: as DEALOP_ADD, but the new ids are not printed. */
enum dealop_mode { DEALOP_ADD, DEALOP_ACT, DEALOP_SYNC };

struct dealop_priv;

struct dealop {
	/* read-only for callers */
	struct store *s;
	struct stages *stages;
	date_t today;
	struct dealop_priv *p;
};

struct dealop *dealop_open(const struct cli *cli, enum dealop_mode mode,
			   const char *const *fields, size_t nfields, const char *const *opts);
/*
 * The same with a field map (fieldmap.h; NULL: none) for DEALOP_ADD and
 * DEALOP_SYNC: each field is read from the export column the map names
 * (other columns are ignored), a column it names that the export lacks is
 * an error at the map's line, and every value is trimmed, given the map's
 * default when empty and put through its labels (a label the map does not
 * cover is reported) before dealop_next() returns it.
 */
struct dealop *dealop_open_map(const struct cli *cli, enum dealop_mode mode,
			       const char *const *fields, size_t nfields,
			       const char *const *opts, const char *map);
struct input *dealop_input(const struct dealop *op);
const struct fieldmap *dealop_map(const struct dealop *op);
/* Is the input a CRM's export (a map given, or deal-sync)? */
int dealop_map_given(const struct dealop *op);
/* Write table t (checked against sc) in the same transaction, before the
 * events (accounts.tsv for the accounts an import creates). */
struct schema;
struct table;
void dealop_queue_table(struct dealop *op, const struct schema *sc, struct table *t);
/* The next record: vals[i] is field i's value or NULL when not set; cur
 * (DEALOP_ACT) the deal's current state.  0 when there are no more. */
int dealop_next(struct dealop *op, const char *const **vals, const struct deal **cur);

void dealop_error(struct dealop *op, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A problem already told about (at an earlier record): counted only. */
void dealop_count_error(struct dealop *op);
void dealop_note(struct dealop *op, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Checks of one value.  Each returns 0 when it is good, else reports the
 * problem and returns -1.
 *   dealop_amount   money above 0; out gets its canonical form ("12.50")
 *   dealop_date     the date of a new event: NULL means today; not after
 *                   today, nor (cur given) before the deal's last event
 *   dealop_value    a value of the ledger column named field (an id, a
 *                   date, one of a list: "type 'x' is not new, renewal or
 *                   expansion" ...); NULL or "" is fine
 * dealop_stage() returns the stage named v, or reports it and returns NULL.
 */
int dealop_amount(struct dealop *op, const char *v, char out[MONEY_BUFSZ]);
int dealop_date(struct dealop *op, const char *v, const struct deal *cur,
		char out[DATE_BUFSZ]);
/* The same for a day already read: iso its text, or NULL to make it. */
int dealop_day(struct dealop *op, date_t d, const char *iso, const struct deal *cur,
	       char out[DATE_BUFSZ]);
int dealop_value(struct dealop *op, const char *field, const char *v);
const struct stage *dealop_stage(struct dealop *op, const char *v);

/* What the deal cur is (deal.h's one rule). */
enum deal_state dealop_state(const struct dealop *op, const struct deal *cur);
/* A copy of cur as the next event: event and date set, the rest kept. */
struct deal *dealop_event(const struct deal *cur, const char *event, const char *date);
/* An amount given in the company currency: the deal's other currency, if
 * it had one, is dropped with it. */
void dealop_set_amount(struct deal *ev, const char *amount);
/* Queue ev (copied); fmt NULL: no log line. */
void dealop_queue(struct dealop *op, const struct deal *ev, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same with the audit change given whole (NULL: none). */
void dealop_queue_line(struct dealop *op, const struct deal *ev, const char *detail);

/*
 * Closing a deal with a reason (deal-lost, deal-cancel).  dealop_reason()
 * checks a reason against reasons.tsv (reason.h; loaded on the first call),
 * reporting an unknown one: 0 when it is good.  dealop_end() checks the
 * record's date (dealop_date) and queues the event of cur that closes it,
 * with the reason and, stage not NULL, that stage; the log line is
 * "VERB deal ID", then " AFTER" when after is not NULL, then " (reason)"
 * when there is one ("mark deal D2 lost (price)").  -1 after reporting a
 * bad date.
 */
int dealop_reason(struct dealop *op, const char *reason);

/*
 * A rep who is to take a deal (deal-move --rep) or a share of it
 * (deal-split): on the roster o (org.h) and active on date.  0, or -1
 * with "unknown rep 'x' (rep-list --all shows every rep)" or "rep 'x' is
 * gone on DATE and cannot VERB D12" reported.
 */
struct org;
int dealop_rep(struct dealop *op, const struct org *o, const char *rep, const char *date,
	       const char *verb, const char *id);
int dealop_end(struct dealop *op, const struct deal *cur, const char *event,
	       const char *stage, const char *reason, const char *date, const char *verb,
	       const char *after);

/* DEALOP_ADD: the next deal id ("D12") into id. */
void dealop_new_id(struct dealop *op, char id[DEALOP_IDSZ]);
/* DEALOP_ADD: is ref in the ledger or in an earlier record?  Remembers it. */
int dealop_ref_booked(struct dealop *op, const char *ref);

/* Die "nothing was changed" if any record was bad (dealop_commit does it
 * first; a dry run that shows the changes its own way calls it alone). */
void dealop_check(struct dealop *op);
/* Write it all (or die having written nothing); returns the changes logged. */
size_t dealop_commit(struct dealop *op);
/* After dealop_commit: free everything and release the data directory. */
void dealop_close(struct dealop *op);

#endif
