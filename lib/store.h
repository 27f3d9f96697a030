/*
 * store: the data directory, and the only code that writes to it (this
 * file's functions live in store.c, the repairs in store_repair.c; only
 * those two see inside struct store, through store_impl.h).  Creation
 * (store_create(), for sales-init) and repair (sales-check --repair) go
 * through it like every other write.
 *
 * Order of calls:
 *   s = store_open(dir_option, STORE_READ or STORE_WRITE);
 *   t = store_load(s, "reps.tsv");           any number of times
 *   ... change t in memory, check it (schema_check_table) ...
 *   c = store_change_begin(s);                one change, whole or not at all:
 *   store_change_replace(c, "reps.tsv", ...); tables (and new ledgers)
 *   store_change_append(c, "deals/2026-11.tsv", hdr, ...);  ledgers, audit.tsv
 *   store_change_commit(c);
 *   store_close(s);                           releases the lock
 * (txn.h wraps the change for the programs.)
 *
 * store_open() finds the directory (datadir.h: -D, then $SALESMGR_DIR, then
 * ${XDG_DATA_HOME:-$HOME/.local/share}/salesmgr), refuses one that is missing,
 * not initialised (no config.tsv: "run sales-init"), a symlink, not owned by
 * the user, or group/world-writable.  Then it locks, waiting up to
 * $SALESMGR_LOCK_TIMEOUT seconds (default 10) before dying with status 75:
 *
 *   the directory itself (flock on its descriptor) is the lock that counts:
 *   shared for a reader, exclusive for a writer, held until store_close().
 *   It cannot be removed from under a running program (git clean, rsync
 *   --delete remove files, not the directory).
 *   .lock is a turnstile in front of it: a writer holds .lock exclusively
 *   from before it waits for the directory until it is done; a reader takes
 *   .lock shared and lets it go as soon as it holds the directory.  So a
 *   waiting writer stops new readers at .lock while the running ones
 *   finish: a stream of overlapping readers cannot starve it.  A program
 *   that finds .lock replaced after it locked it (removed and made anew)
 *   starts over.  Other tools may flock .lock too: shared keeps writers
 *   out, exclusive everyone who has not started.
 *   A reader opens .lock read-only and creates nothing, so a read-only copy
 *   (a backup snapshot) can be read; without a .lock there, it reads with
 *   the directory lock alone.  Where the file system cannot lock a
 *   directory (NFS emulates flock with byte-range locks), .lock alone is
 *   the lock, held by readers too, with neither property.
 *
 * A change (store_change_*) is one transaction over every file it touches:
 * new tables and new ledgers are written to temporaries first (made
 * durable before the change is made).  A change that appends up to 64 kB
 * of rows (every change but a bulk load) then writes its journal made, as
 * STORE_PENDING: the temporaries' names and, for each ledger, its size and
 * the rows to append there ("add FILE SIZE", then each row as "+ROW"); the
 * change is made the instant that journal is in place.  Then the appends
 * (audit.tsv last), each fsynced, and the temporaries renamed into place.
 * A bigger change writes the journal (STORE_JOURNAL) with the size of
 * every ledger about to be appended to; then the appends, each fsynced
 * (its files of a megabyte or more written at the same time, each but
 * the last by a thread: store.c's WRITER_MIN);
 * then the journal is renamed to STORE_PENDING (the change is made at that
 * instant) and the temporaries renamed into place.  Either way the
 * journal then goes (that removal is not synced: a crash that brings the
 * journal back leaves the next program nothing to carry through but its
 * removal, and it may then find it beside the next change's
 * STORE_JOURNAL).
 * The catchable signals (INT, TERM, HUP, QUIT ...) wait until it is done.
 * Whoever opens the directory next (writer, reader or sales-check) and
 * finds a journal finishes the change under the exclusive lock:
 * STORE_JOURNAL is taken back (every ledger cut back to its size, the
 * temporaries removed), STORE_PENDING is carried through (the
 * temporaries still there renamed into place, the rows it adds appended
 * where they are not there yet: the ledger cut back to the size it gives
 * first, when it ends within them or holds NULs there).  A journal is
 * followed only if every line of it is one this code writes: "append
 * FILE SIZE", "rename TMP FILE" or, made, "add FILE SIZE" and its rows,
 * FILE a table of schema_tables, audit.tsv, a month of
 * deals/ or activities/ (ledger.h) or a pay period of payouts/, TMP the
 * temporary store.c names for FILE in FILE's directory, each a regular
 * file with one link owned by the user, every size no larger than its
 * file, and where rows are to be added, nothing but those rows (or
 * their first bytes, or NULs) after that size.  Anything else is refused, reported and left alone: a writer or
 * reader dies, sales-check (STORE_CHECK) reports it (store.journal_problem).
 * A writer then removes temporaries left by a writer that crashed (they
 * can only exist while someone holds the exclusive lock).
 *
 * Every file is opened relative to the directory with O_NOFOLLOW (and
 * O_NONBLOCK, so a FIFO never hangs us) and must be a regular file with
 * one link; anything else is refused.
 *
 * Errors: every function here dies (status 1, a message naming the file) on
 * any failure, after undoing what it had begun: a failed store_replace()
 * leaves the old table and no temporary; a change that fails before it is
 * made is taken back whole ("nothing was changed"); one that fails after
 * says "the change was made" and is finished by the next program.  A
 * failed fsync is never retried.
 */
#ifndef STORE_H
#define STORE_H
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>
#include "table.h"

/* STORE_CHECK: a reader that reports a journal it refuses instead of
 * dying of it (sales-check). */
enum store_mode { STORE_READ, STORE_WRITE, STORE_CHECK };

/* Opaque: the store layer (store.c, store_repair.c) alone sees inside. */
struct store;

struct store *store_open(const char *dir_option, enum store_mode mode);
void store_close(struct store *s);
/* The directory, as resolved (for messages). */
const char *store_path(const struct store *s);
/* STORE_CHECK: the journal store_open() refused and why ("FILE:LINE:
 * ..."), or NULL. */
const char *store_journal_problem(const struct store *s);
/*
 * Create a data directory (sales-init): make it (and missing parents)
 * 0700, each new entry's parent fsynced; refuse one that is a symlink,
 * not owned by the user, or not empty (an earlier creation that crashed
 * before config.tsv, its last file, left only tables, audit.tsv, .lock
 * and temporaries: that one is taken, its temporaries removed).  Returns
 * it open STORE_WRITE with the exclusive lock held; the caller writes
 * every table with store_replace_data(), config.tsv last.
 */
struct store *store_create(const char *path);
/* Did opening s finish or take back this temporary or journal? */
int store_finished(const struct store *s, const char *relpath);

/* Open an existing file of the directory for reading (relative path, e.g.
 * "deals/2026-11.tsv").  Returns -1 if it does not exist; dies on anything
 * else (symlink, not a regular file, hard links, I/O). */
int store_open_read(struct store *s, const char *relpath);
/* Load a table; a missing table is an error ("run sales-check"). */
struct tsv_reader;
struct table *store_load(struct store *s, const char *name);
/* The same with only the rows keep() wants (table_read_where). */
struct table *store_load_where(struct store *s, const char *name,
			       int (*keep)(const struct tsv_reader *r, const char *line,
					   size_t len, void *arg),
			       void *arg);
/* The rows of a table whose first column (its key) is key, the other
 * lines not split nor checked; when there is none, the table whole, and
 * *whole is 1.  For a writer that looks up one record of a big table
 * (deal-add's rep): the whole table is there for the message that
 * suggests a near name. */
struct table *store_load_key(struct store *s, const char *name, const char *key,
			     int *whole);
/* Replace one table (or a cache file) with t's content, atomically and
 * durably, outside any change. */
void store_replace(struct store *s, const struct table *t);
/* Replace (or create) any file with exactly this content, the same way. */
void store_replace_data(struct store *s, const char *name, const char *data, size_t len);

/*
 * Files outside the data directory, for people to take away (comp-calc
 * --statement --each): a directory, made 0700 when it is missing (its
 * parent must exist), never a symbolic link; each file written whole
 * through a temporary, 0600, fsynced, renamed into place and the
 * directory fsynced, as a table is.  Each dies with a message naming the
 * path on an error.
 *
 *   fd = store_outdir_open("statements");
 *   if (store_outdir_has(fd, "statements", "anna.txt")) ...   it exists
 *   store_outdir_write(fd, "statements", "anna.txt", data, len);
 *   store_outdir_close(fd, "statements");
 */
int store_outdir_open(const char *path);
int store_outdir_has(int fd, const char *path, const char *name);
void store_outdir_write(int fd, const char *path, const char *name, const char *data,
			size_t len);
void store_outdir_close(int fd, const char *path);

/*
 * One change, whole or not at all (see above).  data is used in place and
 * must stay valid until store_change_commit(), which frees c.  Appends to
 * one ledger are joined in the order given; a missing (or empty) ledger is
 * created with hdr first, whole, through a temporary.  A ledger whose last
 * line is torn, or that starts with another header, is refused before
 * anything is written: run sales-check --repair.
 *
 * Appended rows (here and in store_append()) are checked against the
 * ledger's schema (deals/, activities/, payouts/, audit.tsv; schema.h) as
 * table rows are, under the columns of hdr: whole lines, as many fields as
 * hdr, required fields set, each value of its column's type
 * (schema_check_rows()).  The first that is not dies at once, before
 * anything is written: "DIR/FILE: appended line N: what; refused, nothing
 * was written" (N counts the lines given, from 1).  A row no program
 * should make is a bug; this keeps it out of the ledger.
 */
struct store_change;
struct store_change *store_change_begin(struct store *s);
void store_change_replace(struct store_change *c, const char *name, const char *data,
			  size_t len);
/* A replacement's content goes on with these bytes (given in pieces, not
 * copied into one buffer: they must stay until the commit). */
void store_change_replace_more(struct store_change *c, const char *name, const char *data,
			       size_t len);
void store_change_append(struct store_change *c, const char *relpath, const char *hdr,
			 const char *data, size_t len);
void store_change_commit(struct store_change *c);

/*
 * Append whole lines to a ledger outside any change (sales-gen's bulk
 * load): one write, fsync, cut back on failure.  A missing ledger is
 * created with the header line hdr first (atomically).
 */
void store_append(struct store *s, const char *relpath, const char *hdr,
		  const char *data, size_t len);
/* Die now, before anything is written, if an append to relpath would be
 * refused (symlink, torn tail, another header); a missing file is fine. */
void store_check_append(struct store *s, const char *relpath, const char *hdr);
/* Die now, as store_change_append() would, if these rows do not fit
 * relpath's schema under the header hdr (for rows that reach a ledger
 * another way: txn.h's rewrite of a month file with new columns). */
void store_check_rows(struct store *s, const char *relpath, const char *hdr,
		      const char *data, size_t len);
/* The same as store_append(), but a failed write or fsync returns -1
 * (errno set, ledger as it was) instead of dying: for the audit line of
 * sales-init and of repairs, which come after what they record. */
int store_append_try(struct store *s, const char *relpath, const char *hdr,
		     const char *data, size_t len);
/* lstat of a relative path; -1 if it does not exist.  A reader's of a
 * ledger month file (deals/, activities/) is taken once and kept: no
 * writer changes one while the reader holds the shared lock. */
int store_stat(struct store *s, const char *relpath, struct stat *st);
/* A file's size, or -1 if it does not exist. */
off_t store_size(struct store *s, const char *relpath);
/* h going on over tag and relpath's size and modification time (all 0
 * when it does not exist), intern_hash()'s: what a cache's name says of
 * a file it was made from (history.h's checkpoints, diagnose.h's figures). */
uint64_t store_stat_hash(struct store *s, uint64_t h, const char *relpath, int64_t tag);
/* Replace a cache file ("cache/NAME") as store_replace_data() does, its
 * content fsynced before the rename, but not the directory after it: for
 * a file whose old version, if a crash brings it back, is still true of
 * the data, if out of date (dealindex.h's head).  Dies on an error. */
void store_replace_cache(struct store *s, const char *relpath, const char *data, size_t len);
/* Rename cache/FROM to cache/TO (both "cache/NAME"), nothing synced: for a
 * cache whose name says what it was made from, carried over a change that
 * leaves what it holds true (diagnose_targets_carry()).  If a crash undoes
 * the rename, the cache is made again.  0, or -1 (errno set) when FROM is
 * not there. */
int store_rename_cache(struct store *s, const char *from, const char *to);
/* The same with nothing synced, and 0, or -1 without a word when it
 * cannot be written (no cache/ yet, not a plain file, a full disk): for a
 * note that is believed only when it matches what it describes, so that
 * losing or tearing it costs the work it saves and no more (the note of a
 * check, below).  A file already there is written over in place. */
int store_note_cache(struct store *s, const char *relpath, const char *data, size_t len);
/*
 * The note of a check: a writer that checked every line of a table (or
 * took them as checked by a note, below) and wrote it, its own lines
 * checked too, notes in cache/checked-FILE the file's name, size and a
 * hash of its bytes (intern_hash_pieces()).  The next writer that finds
 * the same bytes takes the lines as checked: hashing them costs a tenth
 * of checking them.  Any other write to the file (a hand edit, another
 * program) makes other bytes, and every line is checked again.  A cache:
 * written without a sync (store_note_cache()), believed only when it
 * matches; losing it costs one check.
 *
 * store_checked_note() puts the note of the bytes in pieces pc (the
 * file's, once written) in b, for store_checked_write() to write once
 * they are the file.  store_checked() says whether the note of file is
 * the one of data (its bytes, as read); store_checked_table() whether t
 * was read whole (store_load()) from its file as the file is now (the
 * same inode, size and times) and the note is of the file's bytes.
 */
void store_checked_note(const char *file, const struct buf_piece *pc, size_t npc,
			struct buf *b);
void store_checked_write(struct store *s, const char *file, const struct buf *b);
int store_checked(struct store *s, const char *file, const char *data, size_t len);
int store_checked_table(struct store *s, const struct table *t);
/* Open an existing cache file ("cache/NAME") for reading and writing in
 * place, under the write lock (dealindex.h's entries); -1 if it does not
 * exist.  Refused, as everywhere, if it is not a regular file with one
 * link. */
int store_open_cache(struct store *s, const char *relpath);
/* Remove the files in subdirectory dir whose names start with prefix, but
 * not keep (a name, or NULL); returns how many.  For caches only. */
int store_prune(struct store *s, const char *dir, const char *prefix, const char *keep);
/* Open a directory of the data directory for listing ("." itself, or a
 * subdirectory, never through a link); NULL with errno (ENOENT: missing). */
DIR *store_opendir(struct store *s, const char *relpath);
/*
 * Go on in the background with the write lock: fork a process that holds
 * the lock of s (it shares the caller's lock, so no other program takes
 * it in between) until it ends, after the caller has exited too.  It has
 * /dev/null for its standard input, output and error and no descriptor
 * but the store's, so that no one waiting for the caller's output waits
 * for it; it must end with store_background_exit() (or _exit() on a
 * failure).  Returns 0 in the new process, 1 in
 * the caller (which goes on at once, and must exit soon: the new process
 * is its child, not waited for, until then), -1 when it cannot fork
 * (nothing runs).  For work whose failure is not the caller's (caches).
 */
int store_fork_background(struct store *s);
/* The end of that process: the lock let go, then the files its caller's
 * change replaced (kept open so that the kernel frees them here, not in
 * the caller's time), then _exit(0). */
_Noreturn void store_background_exit(struct store *s);
/* Does this relative path exist (as anything)? */
int store_exists(struct store *s, const char *relpath);
/* Is relpath a file a change may touch (the journal's rule above)? */
int store_data_name(const char *relpath);

/*
 * Repairs (sales-check --repair), under the write lock.  Each dies on an
 * I/O error with a message naming the file, leaving it as it was.
 *
 * store_cut_torn_tail(): the bytes of ledger relpath after its last LF
 * are first written to a new file of lost+found/ (made 0700 if missing,
 * refused if not private to the user) through a temporary, fsynced with
 * its directory; only then is the ledger cut (ftruncate, fsync), so a
 * crash in between loses nothing.  Returns the number of bytes moved (0:
 * nothing was torn), the copy's name relative to the directory in saved;
 * -1 if relpath is not a regular file with one link (nothing done).
 */
#define STORE_LOST_FOUND "lost+found"
struct buf;
long long store_cut_torn_tail(struct store *s, const char *relpath, struct buf *saved);
/* Remove cache/NAME (or "cache" itself, when it is a link): anything there
 * that is not a plain file.  The cache directory is fsynced. */
void store_remove_cache_entry(struct store *s, const char *relpath);
/* Take group and other permissions off relpath ("." the directory itself),
 * a file or directory of the user's.  1: changed (the old mode in *was);
 * 0: nothing to do, or missing; -1: cannot be opened (errno); -2: not a
 * file or directory of the user's (left as it is). */
int store_make_private(struct store *s, const char *relpath, mode_t *was);

/* Plain I/O on descriptors. */
/* Write all of p, retrying short writes and EINTR; -1 with errno on error. */
int write_all(int fd, const void *p, size_t n);
/* Read a whole file from fd into a NUL-terminated buffer; -1 on error. */
int read_all(int fd, char **data, size_t *len);
/* A regular file of at least min bytes at fd, mapped read-only, its size
 * in *len: its pages are the page cache's, so reading a big file costs
 * no copy and no memory of the process's own (which a virtual machine's
 * host must find and the kernel clear).  Not NUL-terminated.  NULL when
 * it is smaller, not a regular file, or cannot be mapped: read_all() it.
 * The file must not shrink while it is mapped (the store's lock keeps
 * every writer of it out).  unmap_file() releases it. */
const char *map_file(int fd, size_t min, size_t *len);
/* The same for a file of which only a few pages are read (a search):
 * they are read as they are touched, not all at once. */
const char *map_file_sparse(int fd, size_t min, size_t *len);
void unmap_file(const char *p, size_t len);
/* The prefix every temporary's name starts with. */
#define STORE_TMP_PREFIX ".tmp-"
/* The journal of a change begun (taken back) and of one made (finished). */
#define STORE_JOURNAL STORE_TMP_PREFIX "journal"
#define STORE_PENDING STORE_TMP_PREFIX "commit"

#endif
