/*
 * history: one replay of the deal ledger (deals/YYYY-MM.tsv), in date
 * order, that every report folds.  It knows, at any day it has reached,
 * each deal's whole state; deal.h says what open, won, lost and cancelled
 * are, and history_credit() what a deal's event credits as revenue.
 *
 *   h = history_open(s, stages, from, want);
 *           the state at the end of day from - 1 (from the newest valid
 *           checkpoint at or before it, then replayed without yielding)
 *   history_until(h, to);      how far the replay will go (a hint)
 *   while ((ev = history_next(h, until)))
 *           ... each event dated from .. until, in date order ...
 *   ... cut: history_next() returns NULL at the first event after until;
 *       called again with a later until it goes on from there.  Between
 *       calls every deal's state is as it stood at the end of until:
 *   for (k = history_next_open(h, 0); k != HIST_END; k = history_next_open(h, k + 1))
 *           ... history_deal(h, k): an open deal ...
 *   history_close(h);
 *
 *   history_checkpoint(s, stages, today);     writers, after their commit
 *
 * Events come in date order; among events of the same day in the order of
 * the ledger, which keeps each deal's own events in order (a writer never
 * dates an event before the deal's last one).  ev->before is the deal's
 * state before the event, ev->after the state after it; both stay valid
 * until the next history_next().  A deal's state after an event is the
 * event row's columns: the ledger carries the whole state in every row.
 * Only an open deal's whole state is kept: of a deal that is not open
 * (won, lost, cancelled, or not met yet: DEAL_NONE, as is one closed
 * before the checkpoint the replay started from) history_deal() gives
 * the state alone, every other field 0, and ev->before the state and,
 * unless DEAL_NONE, last (the day of the event that closed it, which
 * history_credit_kind() asks of a won deal), every other field 0.  What
 * a deal was when it closed is in ev->after of the event that closed it.
 * So the replay's memory follows the deal numbers (4 bytes each) and the
 * open deals, not what every closed deal was.
 *
 * Rep, account and product ids are numbered as the replay meets them:
 * history_name() gives them back; a fold keeps its own index of the ones
 * it wants.
 *
 * Each month file is read by scan.h into fixed-size records (ids as
 * numbers, amounts in minor units, dates as days), filed by day as they
 * come, so a month is in date order without a sort, with no text left for
 * the fold.  Months are parsed on their own, and so a few at a time in
 * other threads (pool.h) while this one applies them in order: as many
 * ahead as there are other threads, and one more that takes only the
 * chunks of records the month being applied gives back as it goes (so
 * about two months in memory on two cores), never past
 * the month of from until history_until() says how far the replay will
 * go.  A month is applied
 * exactly as one read here would be, and its problems are told when the
 * replay comes to it, so the threads change nothing but the time
 * (SALESMGR_THREADS=1 reads every month here, in order).  Every row of a
 * month that is read is checked: a bad date, deal id, event, amount,
 * stage or a row dated outside its file's month is fatal, naming
 * file:line and sales-check.  Totals that overflow are the folds' to
 * check.
 *
 * Checkpoints, in cache/open-YYYY-MM-FINGERPRINT.tsv: the open deals at
 * the end of a month, with every column of their state (and beside it,
 * of the same fingerprint: reps-*, its rows' rep lines; mreps-*, the rep
 * lines of every row of that month; seen-*, the highest deal number).
 * The fingerprint
 * hashes the name, size and modification time of every deal month file up
 * to that month, so an append, a repair or a hand edit there makes the
 * name stale and it is simply not found; a stage no longer open, or any
 * other doubt, and it is not used.  A reader then starts from an older one,
 * or from the first month, and gets the same states: they are a cache,
 * never the truth.  Only writers write them, under the exclusive lock and
 * after their commit: history_checkpoint() brings the deal index up to
 * date (dealindex.h), then writes one for every complete month before
 * today's that lacks one, replaying from the newest one there is (so the
 * first write of a month replays the month before alone), and then
 * removes every checkpoint of another fingerprint.  It works in processes
 * whose failure (a full disk, a bad row in an old month) is not the
 * writer's: the change is made by then, and a missing checkpoint or index
 * only costs the next program a longer read.  They run in the background
 * (store_fork_background()): they hold the writer's lock, which they
 * share, until they are done, after the writer has exited, so the next
 * program waits for them and the writer does not.
 */
#ifndef HISTORY_H
#define HISTORY_H
#include <stddef.h>
#include <stdint.h>
#include "date.h"
#include "deal.h"
#include "ledger.h"
#include "stage.h"
#include "store.h"

#define HIST_NO_DATE (DATE_MIN - 1)	/* expected, when not set */
#define HIST_END ((size_t)-1)

/* HIST_SPLIT: a deal's split as the ledger writes it (split.h); 0 is "",
 * no split. */
enum hist_id { HIST_REP, HIST_ACCOUNT, HIST_PRODUCT, HIST_SPLIT, HIST_NIDS };

struct hist_deal {
	int64_t amount;
	uint32_t rep, account, product;	/* history_name() */
	uint32_t split;			/* history_name(), 0: none */
	date_t expected;		/* HIST_NO_DATE when not set */
	date_t opened;
	date_t last;			/* the date of its latest event */
	int16_t stage;			/* index in the stages */
	uint8_t state;			/* enum deal_state */
	uint8_t type;			/* enum deal_type (deal.h) */
};

struct hist_event {
	enum deal_event kind;
	date_t date;
	size_t deal;			/* its number: 12 for D12 */
	const struct hist_deal *before, *after;
	const char *file;		/* where it is, for messages */
	unsigned long line;
};

struct history;
struct dealset;

/*
 * want: the ids beside the rep that the fold reads, HIST_WANT_ACCOUNT and
 * HIST_WANT_PRODUCT (0 for neither): a report that needs no account saves
 * a lookup per event.  An id not wanted reads as 0, and history_name()
 * gives "" for it.
 */
enum { HIST_WANT_ACCOUNT = 1, HIST_WANT_PRODUCT = 2 };
struct history *history_open(struct store *s, const struct stages *st, date_t from,
			     unsigned want);
/*
 * The same reading only the rows of the deals of only (dealset.h), in
 * the checkpoint and the months alike: the
 * others are as if they were not in the ledger, and their rows are not
 * checked.  For a fold about a few deals (deal-list's hygiene of one
 * rep's open deals), whose states rest on their own events alone.  only
 * must outlive h.  The checkpoint's rows are in deal number order: up to
 * a few thousand deals are looked up in it, its other pages not read.
 * And while the deal index is current, a month's rows of those deals are
 * taken where its rows files say they are (dealindex_rows_of(),
 * scan_rows_at()), the month mapped, not read through: the same rows,
 * checked the same way, as long as each is plain (scan.h); anything else
 * and the month is read through, as without the index.
 */
struct history *history_open_only(struct store *s, const struct stages *st, date_t from,
				  unsigned want, const struct dealset *only);
const struct hist_event *history_next(struct history *h, date_t until);
/* The deal number of the event n (1 or more) after the one history_next()
 * gave last, when the replay has it at hand (0: not known, or none): a
 * fold may ask early for what it keeps by deal, which is far apart in a
 * big table (__builtin_prefetch), as the replay does for the states. */
size_t history_upcoming(const struct history *h, size_t n);
/* The replay will not be asked for events after until: the months up to
 * its month may be read ahead (a hint; history_next() goes on past it). */
void history_until(struct history *h, date_t until);
/* The state of deal number k (DEAL_NONE if it has none yet), valid until
 * the next history_next(). */
const struct hist_deal *history_deal(const struct history *h, size_t k);
/* The first open deal numbered k or more, or HIST_END. */
size_t history_next_open(const struct history *h, size_t k);
const char *history_name(const struct history *h, enum hist_id which, uint32_t i);
/* How many ids of a kind the replay has met so far. */
size_t history_count(const struct history *h, enum hist_id which);
void history_close(struct history *h);

/*
 * Credited revenue: the one definition of every report (perf-report(1)
 * and comp-calc(1) work the same example).  A fold reports on a period
 * that starts on the day from (a month of a report by month is a period
 * of its own):
 *
 *   HIST_CREDIT_WON        a won event: the deal's amount is credited on
 *                          the day of the win
 *   HIST_CREDIT_UNDONE     a cancel of a win of the same period (won on or
 *                          after from): the win's credit is taken back, so
 *                          the win counts nowhere in the period, not as
 *                          revenue, nor as a won deal
 *   HIST_CREDIT_CANCELLED  a cancel of a win of an earlier period: what
 *                          that period was credited stands, and this one
 *                          is credited nothing; the amount is the period's
 *                          cancelled revenue (comp-calc claws back the
 *                          commission)
 *   HIST_CREDIT_NONE       any other event
 *
 * history_credit() is the revenue an event credits: the amount, its
 * negative, or 0.  The win a cancel undoes is the deal's state before it
 * (a won deal changes by no other event than its cancel); a deal closed
 * before the checkpoint the replay started from was won before from.
 */
enum hist_credit {
	HIST_CREDIT_NONE, HIST_CREDIT_WON, HIST_CREDIT_UNDONE, HIST_CREDIT_CANCELLED
};
enum hist_credit history_credit_kind(const struct hist_event *ev, date_t from);
int64_t history_credit(const struct hist_event *ev, date_t from);

/*
 * Split credit (deal-split(1)).  A deal's state holds its split, the
 * ledger's split column (split.h): set by a split event, carried by every
 * later event of the deal (a win and its cancel have the split the deal
 * had when it was won), and cleared by an assign.  A fold hands a credit
 * (history_credit(), or any amount of the deal) to history_shares(), which
 * gives who is credited what: the owner the whole amount when the deal has
 * no split, else each share's rep their part, the shares without a plus
 * adding up to the amount to the cent (largest remainder), and then the
 * overlays (overlay set), credit on top of it.  A rep's own figures
 * (a row per rep, pay) count every share, overlays too; a figure of a
 * group of reps (a team, a manager's organisation, a product, the company)
 * counts the deal once: the shares without a plus, each in the group of
 * its rep.  Reps named only in splits are numbered among HIST_REP as the
 * folds ask for them.  Dies on a total that overflows.
 */
#define HIST_MAXSHARES 16
struct hist_share {
	uint32_t rep;			/* history_name(h, HIST_REP, rep) */
	int64_t amount;
	int overlay;
};
size_t history_shares(struct history *h, const struct hist_deal *d, int64_t amount,
		      struct hist_share out[HIST_MAXSHARES]);

/*
 * The latest rows (deal.h) of the deals open after the ledger's last
 * event, at the cost of a month: the open deals from the replay since the
 * newest checkpoint before the last month file, their rows through the
 * deal index.  When the index cannot tell, every month is read and every
 * deal's latest row is there (deal_last_scan(s, DATE_MIN)): the caller
 * keeps the ones deal_state_of() calls open, which are the same deals.
 */
struct deal_last *history_open_latest(struct store *s, const struct stages *st);
/*
 * The same for the open deals of reps[0 .. nreps) (one rep, or a team's),
 * as their owner or in their split: the latest rows of every deal named
 * by one of them in a line of that checkpoint or of a month file after
 * it, which holds every deal open now whose owner or split names one of
 * them (its latest row is either after the checkpoint, or before it and
 * then in it, unchanged).  The lines that
 * name rep are the rep lines (dealindex.h) that name it: the checkpoint's
 * (cache/reps-*, written with it) and the last month's (cache/deal-reps,
 * kept by the deal index), where they are; else the lines where rep
 * stands whole (not within a longer id), read from the checkpoint and the
 * month files.  It holds others too, and closed ones: the caller keeps
 * what it wants, as above.  Without such a checkpoint, or when a file is
 * not as it should be, or the index cannot tell, history_open_latest().
 */
struct deal_last *history_open_latest_of(struct store *s, const struct stages *st,
					 const char *const *reps, size_t nreps);
/*
 * The latest rows of the deals whose latest row is dated from from's
 * month on (DATE_MIN: of every deal) and names one of reps[0 .. nreps)
 * as owner or in its split, among others: those of the deals named by
 * those reps' lines (the rep lines of each month: cache/mreps-*, written
 * with the checkpoints, and the deal index's of the last month; else the
 * month file's lines where a rep stands whole), taken through the deal
 * index, at the cost of those deals and not of the ledger.  The caller
 * keeps what it wants, as of deal_last_scan(s, from), which is what it
 * gets when the index or a file cannot tell.
 */
struct deal_last *history_latest_naming(struct store *s, const struct stages *st,
					const char *const *reps, size_t nreps, date_t from);
/*
 * The deals of rep's since from, for history_open_only() (NULL when it
 * cannot tell: then read them all; dealset_free() them): those rep's
 * lines name in the newest checkpoint of a month before from's and in
 * every month file after it (rep lines where there are).  They hold every
 * deal whose events credit rep (its owner or its split names it), that
 * rep lost, or that rep owned open at some day from from on, and every
 * deal rep owns or shares now: each of them was either
 * open in that checkpoint, owned or shared by rep, or has a line after it
 * that names rep.  So a fold of those deals alone (history_open_only())
 * gives rep's own figures of any period from from on as the fold of
 * every deal does (perf.h's), and nobody else's.
 */
struct dealset *history_deals_since(struct store *s, const struct stages *st, const char *rep,
				    date_t from);

/*
 * Caches of reports' own that writers keep beside the checkpoints
 * (diagnose.h's figures, trail.h's months): due(s, today), asked in the
 * index's child (beside's, in its own), says whether one is missing; then
 * each make() writes its cache (if it is still missing) in a child of its
 * own, after the checkpoints or beside them, quiet, its failure not the
 * writer's either.  more is
 * a list of them ending in NULL (report_caches, caches.h), or NULL for
 * none.  st is NULL for a writer that has not loaded the stages
 * (quota-set): the checkpoints' child loads them.
 */
struct history_cache {
	int (*due)(struct store *s, date_t today);
	int (*make)(struct store *s, const struct stages *st, date_t today);
	/* make() reads no checkpoint that the write's own make: it runs
	 * beside them, not after (trail.h's, from the checkpoint of the month
	 * before each month it folds) */
	int beside;
};
void history_checkpoint(struct store *s, const struct stages *st, date_t today,
			const struct history_cache *const *more);
/* The same, done when it returns (sales-gen: a directory made whole). */
void history_checkpoint_wait(struct store *s, const struct stages *st, date_t today,
			     const struct history_cache *const *more);
/* Every deal month file, oldest first, into *months, and the fingerprint
 * of each month's checkpoint (above) into *fps (both malloc'd): what a
 * cache of a month's own is made from.  How many. */
size_t history_fingerprints(struct store *s, ledger_month **months, uint64_t **fps);
/*
 * The highest deal number in the ledger (0: none): the checkpoints keep it
 * (cache/seen-YYYY-MM-FINGERPRINT.tsv beside each) for the months they
 * cover, the months after them are read.  deal-add hands out numbers past
 * it even when ids.tsv is behind (a restore, a revert).
 */
size_t history_deal_max(struct store *s);

#endif
