/*
 * store: the data directory, and the only code that writes to it.
 *
 * Order of calls:
 *   s = store_open(dir_option, STORE_READ or STORE_WRITE);
 *   t = store_load(s, "reps.tsv");           any number of times
 *   ... change t in memory, check it (schema_check_table) ...
 *   store_replace(s, t);                      tables: atomic, durable
 *   store_append(s, "deals/2026-11.tsv", ...);ledgers: append-only
 *   audit_log(s, ...);                        after the change is committed
 *   store_close(s);                           releases the lock
 *
 * store_open() finds the directory (-D, then $SALESMGR_DIR, then
 * ${XDG_DATA_HOME:-$HOME/.local/share}/salesmgr), refuses one that is missing,
 * not initialised (no config.tsv: "run sales-init"), a symlink, not owned by
 * the user, or group/world-writable.  It then takes a shared (STORE_READ) or
 * exclusive (STORE_WRITE) flock on .lock, waiting up to
 * $SALESMGR_LOCK_TIMEOUT seconds (default 10) before dying with status 75.
 * A writer also removes temporaries left by a writer that crashed (they can
 * only exist while someone holds the exclusive lock).
 *
 * A change to several tables (store_replace_set) writes every new table to
 * a temporary, then a journal (STORE_PENDING) naming them, then renames
 * them into place and removes the journal.  A crash before the journal
 * leaves the old tables, one after it a journal that the next writer
 * follows to the end before anything else (so the change is whole); a
 * reader refuses to read tables that are half changed until then.
 *
 * Every file is opened relative to the directory with O_NOFOLLOW and must be
 * a regular file with one link; anything else is refused.
 *
 * Errors: every function here dies (status 1, a message naming the file) on
 * any failure, after undoing what it had begun: a failed store_replace()
 * leaves the old table and no temporary; a failed store_append() truncates
 * the ledger back to its old size.  A failed fsync is never retried.
 */
#ifndef STORE_H
#define STORE_H
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>
#include "table.h"

/* STORE_CHECK: a reader that does not refuse an interrupted change
 * (sales-check, which reports it and, with --repair, finishes it). */
enum store_mode { STORE_READ, STORE_WRITE, STORE_CHECK };

struct store {
	char *path;		/* the directory, as resolved */
	int dirfd, lockfd;
	enum store_mode mode;
	char *finished;		/* the journal of an interrupted change this
				 * open finished ("TMP\tFILE\n" lines), or NULL */
};

/* Resolve the directory from the -D option (or NULL). */
char *store_resolve(const char *dir_option);
struct store *store_open(const char *dir_option, enum store_mode mode);
void store_close(struct store *s);

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
/* Replace a table with t's content, atomically and durably. */
void store_replace(struct store *s, const struct table *t);
/* Replace n tables as one change (see above).  On failure it dies having
 * removed its temporaries and journal; tables it had already renamed into
 * place stay replaced: the caller restores them (txn.c keeps their bytes). */
void store_replace_set(struct store *s, struct table *const *t, size_t n);
/* Replace (or create) any top-level file with exactly this content. */
void store_replace_data(struct store *s, const char *name, const char *data, size_t len);
/*
 * Append whole lines to a ledger (relpath "audit.tsv" or "deals/YYYY-MM.tsv").
 * A missing ledger is created with the header line hdr first (atomically:
 * written to a temporary, then renamed).  A ledger whose last line is torn
 * is refused: run sales-check --repair.
 */
void store_append(struct store *s, const char *relpath, const char *hdr,
		  const char *data, size_t len);
/* Die now, before anything is written, if an append to relpath would be
 * refused (symlink, torn tail, another header); a missing file is fine. */
void store_check_append(struct store *s, const char *relpath, const char *hdr);
/* The same, but a failed write or fsync returns -1 (errno set, ledger as it
 * was) instead of dying: for the audit log, whose failure comes after the
 * change itself was committed and needs its own message. */
int store_append_try(struct store *s, const char *relpath, const char *hdr,
		     const char *data, size_t len);
/* lstat of a relative path; -1 if it does not exist. */
int store_stat(struct store *s, const char *relpath, struct stat *st);
/* A file's size, or -1 if it does not exist. */
off_t store_size(struct store *s, const char *relpath);
/* Take back an append: cut the file to size, or remove it when size is -1
 * (it was created by the append).  Failures are warned about. */
void store_truncate(struct store *s, const char *relpath, off_t size);
/* Remove the files in subdirectory dir whose names start with prefix, but
 * not keep (a name, or NULL); returns how many.  For caches only. */
int store_prune(struct store *s, const char *dir, const char *prefix, const char *keep);
/* Does this relative path exist (as anything)? */
int store_exists(struct store *s, const char *relpath);

/* Low-level pieces shared with sales-init and sales-check. */
/* Write all of p, retrying short writes and EINTR; -1 with errno on error. */
int write_all(int fd, const void *p, size_t n);
/* Read a whole file from fd into a NUL-terminated buffer; -1 on error. */
int read_all(int fd, char **data, size_t *len);
/* Create dir/name from data via a temporary; 0 or -1 with errno. */
int atomic_write_at(int dirfd, const char *name, const char *data, size_t len);
/* Remove leftover temporaries in dirfd; returns how many were removed. */
int store_remove_temporaries(int dirfd);
/* The prefix every temporary's name starts with. */
#define STORE_TMP_PREFIX ".tmp-"
#define STORE_PENDING STORE_TMP_PREFIX "commit"

#endif
