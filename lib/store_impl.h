/*
 * store_impl: what the files of the store layer (store.c, store_repair.c)
 * share and nothing else may use: the fields of struct store and the
 * low-level pieces they build on.  Everyone else goes through store.h,
 * which is included first (this header is its private half).
 */
#ifndef STORE_IMPL_H
#define STORE_IMPL_H

#define STORE_OLD_MAX 16

struct store {
	char *path;		/* the directory, as resolved */
	int dirfd, lockfd;	/* lockfd: .lock while held, else -1 */
	enum store_mode mode;
	char *finished;		/* the files an interrupted change finished or
				 * took back at this open ("NAME\n" each, the
				 * journal's own name first), or NULL */
	char *journal_problem;	/* STORE_CHECK: why a journal was refused */
	/* The subdirectories store_open_parent() opened ("deals", "cache"),
	 * kept open until store_close(): a writer stats and opens files of
	 * the same few directories dozens of times. */
	struct store_subdir {
		char name[16];
		int fd;
	} sub[8];
	size_t nsub;
	/* A reader's stats of the ledgers' month files (deals/, activities/),
	 * each taken once (store_stat()): while it holds the shared lock no
	 * writer changes them, and its replays ask for each several times
	 * (the checkpoints' fingerprints, the deal and activity indexes'
	 * heads).  Forgotten whenever the lock is taken. */
	struct store_statmemo {
		char path[32];
		int err;	/* the stat's errno, or 0 */
		struct stat st;
	} *memo;
	size_t nmemo, memocap;
	/* The files a change replaced, as they were, kept open (keep_old()
	 * in store.c) so that their blocks are freed after the lock is let
	 * go, not in the writer's time. */
	int old[STORE_OLD_MAX];
	size_t nold;
};

/* The directory holding relpath (a subdirectory of ours, never a link,
 * opened; s->dirfd for a top-level name) and its last component in base;
 * -1 with errno.  Give it back with store_close_parent(), which leaves
 * open what the store keeps (s->dirfd, s->sub). */
int store_open_parent(struct store *s, const char *relpath, const char **base);
void store_close_parent(struct store *s, int fd);
/* Die unless s holds the write lock. */
void store_need_write(const struct store *s, const char *relpath);
/* Create dir/name from data via a temporary, durably (the directory
 * fsynced); 0, -1 (nothing left behind) or -2 (in place, the directory's
 * fsync failed), errno set. */
int atomic_write_at(int dirfd, const char *name, const char *data, size_t len);
/* Remove leftover temporaries in dirfd; returns how many were removed. */
int store_remove_temporaries(int dirfd);
/* Take the lock of s->mode on s->dirfd's directory (store.h). */
void store_lock(struct store *s);

#endif
