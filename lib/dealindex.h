/*
 * dealindex: where each deal's latest event is in the deal ledger, so a
 * writer that acts on one deal (deal-won D12) or hands out the next deal
 * number finds it without reading a month.  A cache beside the month
 * checkpoints (history.h), never the truth: whatever doubt there is about
 * it, the callers read the ledger as they would without it.
 *
 *   dealindex_max(s, &max)         0: max is the highest deal number in the
 *                                  ledger; -1: no index that is current
 *   dealindex_latest(s, ids, n, row, arg)
 *                                  0: row(arg, i, file, names, f, nf) was
 *                                  called with the latest row of deal
 *                                  ids[i] (its month file's header names
 *                                  and its fields, unescaped), for each
 *                                  deal there is; -1: the index cannot
 *                                  tell (what row() was given is to be
 *                                  dropped), so read the ledger
 *                                  (deal_latest does); row() returns -1
 *                                  for a row it cannot take
 *   dealindex_sync(s)              writers, under the exclusive lock after
 *                                  their commit (history_checkpoint)
 *
 * The files of cache/.  deal-index holds eight bytes per deal number k,
 * at offset 8k: (month + 1) << 40 | the byte offset, in that month's
 * file, of the deal's latest row (the last row naming it in the newest
 * month file that does, deal.h's rule); 0 when no row names it.
 * deal-index-head says what the index covers: the highest deal number;
 * how many bytes of deal-reps are the rep lines (below) of the last month
 * file's rows, how many of those come first, sorted by rep, and the
 * generation of the file that holds them (deal-reps, deal-reps-1, ...);
 * and, for every month file of deals/, its size, modification time and a
 * hash of its first and last bytes.  The index is current only
 * while every month file has the size and modification time the head says
 * (a copy that keeps the times, cp -a, keeps it current): an append, a
 * repair, a rollback or a hand edit anywhere makes it not current, and it
 * is not used until a writer syncs it.  Each row it names is checked as it
 * is read (a whole line of that file, before the size the head gives,
 * naming that deal), so even an index that lies cannot hand out another
 * deal's state: the ledger is read instead.  Readers never write it.
 *
 * dealindex_sync() brings the index up to date with the ledger: when the
 * month files have only grown (longer, their first and last bytes up to
 * the old size as they were) or new months came, it reads just what was
 * added, rewrites those deals' entries in place and writes the last
 * month's new rep lines where its lines end (a new last month's from the
 * start), fsyncs them, then replaces the head.  When the lines not sorted
 * would be more than a sixteenth of them (and 64 KiB), it merges them into
 * the sorted ones instead, in the next generation's file, which the new
 * head names (the old head's file is left as it was until then, and
 * removed after).  Anything else (or an entry
 * this writer found it could not trust), and it builds the three files
 * anew from every month.  A writer killed at any step leaves a head that
 * does not match the ledger (the commit came first), so nothing reads the
 * half-written entries or lines, and the next writer's sync redoes the
 * step.  It dies on any problem (a torn or malformed ledger: the next
 * writer, or sales-check, tells), and so runs where a death is not the
 * writer's failure: in history_checkpoint()'s child.  A ledger whose deal
 * numbers are far sparser than its rows gets no index.
 */
#ifndef DEALINDEX_H
#define DEALINDEX_H
#include <stddef.h>
#include <stdint.h>
#include "ledger.h"
#include "store.h"

#define DEALINDEX_FILE "cache/deal-index"
#define DEALINDEX_HEAD "cache/deal-index-head"
#define DEALINDEX_REPS "cache/deal-reps"

int dealindex_max(struct store *s, size_t *max);
typedef int (*dealindex_row_fn)(void *arg, size_t i, const char *file, char *const *names,
				char *const *f, size_t nf);
int dealindex_latest(struct store *s, const char *const *ids, size_t n, dealindex_row_fn row,
		     void *arg);
void dealindex_sync(struct store *s);
/*
 * The rep lines: "REP\tDNUMBER\n", one for the owner of each row and one
 * for each rep in its split (split.h), in the order of the rows or sorted
 * by rep (bytewise; a rep's own lines in the order of the rows).
 * dealindex_reps_row() appends a row's to b.  dealindex_reps_sort() adds
 * to out the sorted lines sorted[0 .. slen) and the lines add[0 .. alen),
 * sorted and merged with them (a counting sort by rep, stable: of a rep,
 * the sorted lines first; two threads for a megabyte or more).  dealindex_reps_find() adds to *k (n of
 * them, cap allocated: xreallocarray) the deal numbers of the lines of
 * data[0 .. len) that are rep's, of which data[0 .. sorted) are sorted
 * (found by bisection), 0, or -1 when a line of rep's is not one.
 * dealindex_reps(): 0 when month file m is the last of a
 * current index, with the numbers of its rows that name rep added, as
 * dealindex_reps_find() does; -1 when the index cannot tell.
 */
struct buf;
void dealindex_reps_row(struct buf *b, const char *rep, size_t replen, const char *split,
			size_t splitlen, size_t k);
void dealindex_reps_sort(struct buf *out, const char *sorted, size_t slen, const char *add,
			 size_t alen);
int dealindex_reps_find(const char *data, size_t len, size_t sorted, const char *rep, size_t **k,
			size_t *n, size_t *cap);
int dealindex_reps(struct store *s, ledger_month m, const char *rep, size_t **k, size_t *n,
		   size_t *cap);
/*
 * The rows of a month file by deal, for a replay of a few deals among
 * millions of rows (history_open_only()):
 *   r = dealindex_rows_open(s)       NULL when the index is not current
 *   n = dealindex_rows_of(r, m, size, only, &at, &cap)
 *           the rows of month file m, of size bytes now, of the deals
 *           of only (dealset.h), in the order of the
 *           file, into (*at)[0 .. n) (*cap of them allocated:
 *           xreallocarray): each row's line number and byte offset; -1
 *           when the index cannot tell (the month is not as the head
 *           says, or its rows file is not there or not as big).
 *   dealindex_rows_close(r)
 * In cache/deal-rows-YYYY-MM, a head of three 64-bit numbers (the bytes
 * of the month file it covers, how many rows, and a stamp new each time
 * the file is written anew), then for each row in the order of the file
 * three 32-bit ones: its deal number, line and byte offset (so a month
 * file of 4 GiB or more, or a deal number past 2^32, gets no index).
 * Kept with the rest: a catch-up appends the rows of what was appended,
 * then writes the head; it is believed only where its head covers the
 * size the index's head gives the month.
 *
 * Beside it, cache/deal-sorted-YYYY-MM: a head of two 64-bit numbers (the
 * stamp of the rows file it sorts, and how many of its first records),
 * then those records sorted by deal number, each deal's in the order of
 * the file, then their fences (dealindex_places(), below).  The rows of
 * each deal asked for are found there, reading the fences and a block of
 * records each; only the records after them are read through.  Written
 * whole, after the rows file, whenever that is written anew, and by a
 * catch-up when the records after the sorted ones pass a sixteenth of
 * them all (and 4,096); not believed when its stamp is not the rows
 * file's or it sorts more records than that has.
 */
/* The first of the records of v[lo .. n) (three 32-bit numbers each, the
 * deal number first, sorted by it: a rows file's, a sorted file's, a
 * checkpoint's row places) of deal k or after, n if none: found near lo
 * first, so that deals asked for in order, each from the one before's
 * place, cost a few probes near one another. */
size_t dealindex_first_of(const char *v, size_t lo, size_t n, uint32_t k);

/*
 * Files of records sorted by deal (a month's sorted file, a checkpoint's
 * row places): after a head of head bytes, n records of three 32-bit
 * numbers (struct dealindex_at), then their fences: the deal number of
 * the first record of each block of DEALINDEX_BLOCK, so that a few deals
 * are found by reading the fences and a block each, not by touching the
 * pages of the whole file (at 10M deal events, 5 MB a month).
 *   dealindex_fences(b, v, n)    appends to b the fences of records
 *                                v[0 .. n)
 *   dealindex_places(fd, size, head, n, only, each, arg)
 *       each(arg, record) for the records of the deals of only
 *       (dealset.h) in fd (of size bytes), deal by deal, each deal's in
 *       the order of the file: 0, or -1 when the file is not as big as
 *       its records and fences, or a block does not begin with its fence
 *       (some records may have been given then).  A file of the records
 *       alone, without fences, is mapped and searched
 *       (dealindex_first_of()).
 */
#define DEALINDEX_BLOCK 64
struct dealindex_at {
	uint32_t deal, line, off;
};
struct dealset;
struct buf;
typedef void (*dealindex_place_fn)(void *arg, const struct dealindex_at *ra);
void dealindex_fences(struct buf *b, const void *v, size_t n);
int dealindex_places(int fd, long long size, size_t head, size_t n, const struct dealset *only,
		     dealindex_place_fn each, void *arg);

struct scan_at;		/* scan.h */
struct dealindex_rows;
struct dealindex_rows *dealindex_rows_open(struct store *s);
long dealindex_rows_of(struct dealindex_rows *r, ledger_month m, long long size,
		       const struct dealset *only, struct scan_at **at, size_t *cap);
void dealindex_rows_close(struct dealindex_rows *r);

#endif
