/*
 * xalloc: allocation that cannot fail.  Out of memory is reported through
 * die() ("out of memory") with exit status 1; callers never check for NULL.
 * xreallocarray() also dies when nmemb * size overflows.
 */
#ifndef XALLOC_H
#define XALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
/*
 * As xcalloc(), zeroed by writing: every page is the process's own at
 * once.  For a big table that is read before it is written: calloc's
 * fresh pages read as the kernel's shared page of zeros until the first
 * write to each, which then faults and, once there are threads, flushes
 * the TLB of every CPU the process runs on.
 */
void *xcalloc_written(size_t nmemb, size_t size);
/*
 * As xcalloc(), for a big table of which a few places are written (a
 * replay of a few deals among millions): its pages are the kernel's zeros
 * until written, and none is cleared by the process.  xfree_sparse(),
 * given the same numbers, lets it go.
 */
void *xcalloc_sparse(size_t nmemb, size_t size);
void xfree_sparse(void *p, size_t nmemb, size_t size);
void *xreallocarray(void *p, size_t nmemb, size_t size);
/*
 * The n bytes at p (from these functions) are a big table to be filled
 * through (an intern table's slots, names and keys: a bulk load's
 * million refs).  Where the system gives big pages on request (Linux's
 * transparent huge pages in their "madvise" mode), they are asked for:
 * one page fault where there would be 512.  Below a few megabytes, and
 * where there is no such request, nothing is done.  (Not for a growing
 * buffer: paired runs of deal-sync, whose ledger and audit buffers
 * double many times, took more time with it.)
 */
void xalloc_dense(void *p, size_t n);
/* p, of oldnmemb members, grown (or shrunk) to nmemb, the new ones zeroed. */
void *xrecallocarray(void *p, size_t oldnmemb, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
