/*
 * actindex: what the activity ledger (activities/) says of each deal and
 * each rep, kept by the writers so that a report of today does not read
 * months of activities: each deal's latest activity date, and each rep's
 * activities by month.  A cache beside the deal index (dealindex.h), never
 * the truth: when it cannot tell, the callers read the ledger as they
 * would without it, and get the same figures.
 *
 *   actindex_latest(s, today, k, n, out)
 *                   0: out[i] is the latest date of the activities whose
 *                   deal column names deal number k[i] (ACTINDEX_NONE:
 *                   none), for each i < n, and no activity in the ledger
 *                   is dated after today; -1: the index cannot tell
 *   actindex_counts(s, today, rep, first, n, count)
 *                   0: count[i] is the number of rep's activities dated
 *                   in month first + i, for each i < n, and none in the
 *                   ledger is dated after today; -1: the index cannot tell
 *   actindex_sync(s)
 *                   writers, under the exclusive lock after their commit,
 *                   in a process of its own (it dies on any problem)
 *   actindex_background(s)
 *                   the same in the background (store_fork_background()),
 *                   for a writer of activities alone (act-log)
 *
 * Three files of cache/.  act-index holds four bytes per deal number k, at
 * offset 4k: the latest activity date naming it, as days after DATE_MIN
 * plus one (0: none).  act-reps holds one line "REP\tYYYY-MM\tCOUNT" for
 * each rep and month with an activity, sorted by rep then month, after a
 * first line "act-reps\tHASH" (HASH: a hash of the head it goes with, so
 * that the two are believed only together).  act-index-head says what they
 * cover: the highest deal number, the latest activity date, and every
 * month file of activities/ as ledgerstat.h writes it.  They are current
 * only while every month file has the size and modification time the head
 * says: an append, a repair, a rollback or a hand edit anywhere makes them
 * not current until a writer syncs them.  Readers never write them.
 *
 * actindex_sync() brings them up to date: when the month files have only
 * grown or new months came, it reads what was added, raises those deals'
 * entries in place and fsyncs them, writes act-reps anew (its counts plus
 * the new rows'), then replaces the head; anything else, and it builds
 * the three anew from every month.  Killed at any step, it leaves a head
 * that does not match the ledger (the commit came first) or an act-reps
 * of another head, so nothing reads what it half wrote, and the next sync
 * redoes the step (an entry raised twice is raised once).
 *
 * A row whose date is not a date, whose rep is not plain, or whose deal is
 * a deal number far past the others, and the ledger gets no index (the
 * reports then read it, and sales-check tells); a deal column that names
 * no deal number names no deal (as id.h's deal_number() reads it).
 */
#ifndef ACTINDEX_H
#define ACTINDEX_H
#include <stddef.h>
#include <stdint.h>
#include "date.h"
#include "ledger.h"
#include "store.h"

#define ACTINDEX_FILE "cache/act-index"
#define ACTINDEX_REPS "cache/act-reps"
#define ACTINDEX_HEAD "cache/act-index-head"
#define ACTINDEX_NONE (DATE_MIN - 1)

int actindex_latest(struct store *s, date_t today, const size_t *k, size_t n, date_t *out);
int actindex_counts(struct store *s, date_t today, const char *rep, ledger_month first,
		    size_t n, int64_t *count);
void actindex_sync(struct store *s);
void actindex_background(struct store *s);

#endif
