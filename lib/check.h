/*
 * check: the integrity check of a whole data directory, and the only two
 * repairs that are always safe (sales-check(1)).
 *
 *   s = store_open(dir, STORE_CHECK);
 *   problems = check_data(s, today);
 *
 * check_data() reads every file strictly and reports every problem through
 * warn() as "FILE:LINE: problem" (or "FILE: problem"), going on after each,
 * and returns how many it found.  It never writes.  A symlink, a FIFO or a
 * file with several links is reported from fstatat() alone and never
 * opened.  The shared lock is enough: while it is held no writer runs, so
 * what it sees is a state some writer left.
 *
 * What is checked:
 *   - every table exists, is a regular file with one link, parses (every
 *     bad row is reported, not just the first), ends in a newline and
 *     passes schema_check_table() with key order;
 *   - references: a rep's team, manager and plan; a team's manager; quota
 *     rows (exactly one of rep and team, and it exists); training, note and
 *     account rows; comp tiers' plan.  Names are looked up only in a table
 *     that was read whole, so one bad table does not bury the report in
 *     follow-on errors;
 *   - reps: no manager loops, ended set exactly for status leave and gone,
 *     ended not before hired;
 *   - config.tsv: schema, currency and fiscal_year_start are set and
 *     valid, timezone (if set) is a zone this system knows; stages.tsv:
 *     one won and one lost stage, stage and order unique;
 *   - ledgers (deals/, activities/, audit.tsv): names YYYY-MM.tsv, the exact
 *     header store_append() expects (no BOM, no CR), every row, each date
 *     inside its file's month and not after today, reps that exist, a deal
 *     opened once, deal amounts whose total (times 100) fits an int64,
 *     torn last lines;
 *   - ids.tsv: the next deal and note numbers are past every id in use
 *     (a crash may skip an id, never reuse one);
 *   - stray temporaries, and a journal store_open() refused
 *     (s->journal_problem);
 *   - payouts/, cache/, lost+found/ are directories, cache/ holds plain
 *     files only;
 *   - modes: nothing of the data is open to group or others.
 *   Other files are left alone.
 *
 * Repair (sales-check --repair):
 *   struct check_repairs rp;
 *   check_find_repairs(s, &rp);        under the shared lock
 *   if (check_repairs_any(&rp)) {
 *           reopen the store STORE_WRITE (which removes the temporaries);
 *           check_repair(s, &rp, quiet);
 *   }
 *   check_repairs_free(&rp);
 *   then check_data() again.
 *
 * Temporaries seen under the shared lock belong to no running writer;
 * check_repair() names those that the exclusive open removed.  This module
 * writes nothing itself: the repairs are the store's (store.h).  A torn
 * ledger tail (the bytes after its last LF) is first written to
 * lost+found/ (0700) as a new file, made durable, and only then cut from
 * the ledger (store_cut_torn_tail()), so a crash in between loses
 * nothing.  Each repair is reported with warn() unless quiet, and each
 * moved tail is logged in audit.tsv.  Modes open to group or others are
 * taken off (0700 and 0600: store_make_private()), what is not a plain
 * file in cache/ (or cache/ itself, a link) is removed
 * (store_remove_cache_entry()), and ids.tsv is moved past every id in
 * use, as one change (txn.h); each is logged.  check_repair() returns the number of
 * repairs it could not do (reported); on an I/O error it dies, the ledger
 * still whole.
 */
#ifndef CHECK_H
#define CHECK_H
#include <stddef.h>
#include "date.h"
#include "store.h"

struct check_repairs {
	char **temps;		/* stale temporaries, relative paths */
	size_t ntemps;
	char **torn;		/* ledgers whose last line is torn */
	size_t ntorn;
	char **loose;		/* open to others ("." the directory) */
	size_t nloose;
	char **cache;		/* not plain files in the cache (or the cache a link) */
	size_t ncache;
	int ids;		/* ids.tsv is behind the ids in use */
};

size_t check_data(struct store *s, date_t today);
void check_find_repairs(struct store *s, struct check_repairs *rp);
/* Is there anything check_repair() would do? */
int check_repairs_any(const struct check_repairs *rp);
size_t check_repair(struct store *s, const struct check_repairs *rp, int quiet);
void check_repairs_free(struct check_repairs *rp);

#endif
