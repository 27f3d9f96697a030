/*
 * ledgerstat: what a cache of a month ledger (deals/ or activities/)
 * says it was made from, so that it is believed only while the ledger is
 * exactly that, and caught up when the ledger has only grown.  The deal
 * index (dealindex.h) and the activity index (actindex.h) keep their heads
 * with it.
 *
 *   n = ledgerstat_now(s, "deals", &v)      every month file, oldest first:
 *                                           its size and modification time
 *   ledgerstat_write(b, s, "deals", v, n, old, nold)
 *                                           the month lines of a head, then
 *                                           "end\n", to b; old (the last
 *                                           head's) gives the edges of the
 *                                           months as they were
 *   p = ledgerstat_read(p, &v, &n)          those lines back from a head's
 *                                           text: just past "end\n", or
 *                                           NULL (v freed, n 0)
 *   ledgerstat_same(v, n, w, m)             1: the same files
 *   ledgerstat_current(s, "deals", v, n)    1: v the files as they are now
 *   ledgerstat_grown(s, "deals", old, nold, now, n, from)
 *                                           0: every month of old is still
 *                                           there, only appended to (its
 *                                           first and last bytes up to the
 *                                           old size as they were, so not a
 *                                           rewrite), from[i] the old size
 *                                           of now[i] (0: a new month);
 *                                           -1: anything else
 *   ledgerstat_grown_but(s, "deals", old, nold, now, n, from, &was, &redo)
 *                                           the same, but for one month of
 *                                           old that may be another file
 *                                           now (rewritten: a new column,
 *                                           a repair): now[*redo], from[*redo]
 *                                           0 and *was its size in old;
 *                                           *redo n when there is none
 *   ledgerstat_head(s, path, format, &data, &len), ledgerstat_pread(fd, b, n, off)
 *                                           a head read whole; an index's
 *                                           entries read
 *   ledgerstat_rows(s, "deals", &now[i], from[i], cols, ncols, fn, arg)
 *                                           fn(arg, row) for each row from
 *                                           byte from (0: the first row) to
 *                                           the size now[i] gives: the raw
 *                                           fields of the columns cols
 *                                           (a leading '?': optional, len 0
 *                                           when the file lacks it), NULL
 *                                           for one that is not plain
 *
 * A month line is "YYYY-MM\tsize\tsec\tnsec\tedge\n"; the edge is a hash
 * of the file's first and last bytes up to its size.  ledgerstat_rows()
 * dies on a problem (a missing column, a torn line): its callers build
 * caches in a child of their own, where a death is not the writer's.
 */
#ifndef LEDGERSTAT_H
#define LEDGERSTAT_H
#include <stddef.h>
#include "ledger.h"
#include "store.h"

struct ledgerstat {
	ledger_month m;
	long long size, sec, nsec;
	unsigned long long edge;	/* 0: not known */
};

struct buf;
size_t ledgerstat_now(struct store *s, const char *kind, struct ledgerstat **v);
void ledgerstat_write(struct buf *b, struct store *s, const char *kind,
		      const struct ledgerstat *v, size_t n, const struct ledgerstat *old,
		      size_t nold);
const char *ledgerstat_read(const char *p, struct ledgerstat **v, size_t *n);
int ledgerstat_same(const struct ledgerstat *v, size_t n, const struct ledgerstat *w,
		    size_t m);
/* 1: the month files of kind are now exactly v's n (ledgerstat_now()). */
int ledgerstat_current(struct store *s, const char *kind, const struct ledgerstat *v,
		       size_t n);
int ledgerstat_grown(struct store *s, const char *kind, const struct ledgerstat *old,
		     size_t nold, const struct ledgerstat *now, size_t n, long long *from);
int ledgerstat_grown_but(struct store *s, const char *kind, const struct ledgerstat *old,
			 size_t nold, const struct ledgerstat *now, size_t n, long long *from,
			 long long *was, size_t *redo);

/* A cache's head file whole into *data (NUL-terminated, the caller
 * frees it; NULL when it is not there or cannot be read): where the
 * lines after its first begin, when that is the line format, else NULL. */
const char *ledgerstat_head(struct store *s, const char *relpath, const char *format,
			    char **data, size_t *len);
/* All n bytes of fd at off: 0, or -1 when it is shorter or fails. */
int ledgerstat_pread(int fd, void *buf, size_t n, long long off);

#define LEDGERSTAT_MAXCOLS 8
struct ledgerstat_row {
	const char *f[LEDGERSTAT_MAXCOLS];
	size_t len[LEDGERSTAT_MAXCOLS];
	long long off;			/* where the line starts in its file */
	const char *path;		/* for messages */
};
typedef void (*ledgerstat_fn)(void *arg, const struct ledgerstat_row *row);
void ledgerstat_rows(struct store *s, const char *kind, const struct ledgerstat *ms,
		     long long from, const char *const *cols, size_t ncols, ledgerstat_fn fn,
		     void *arg);

#endif
