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
void *xreallocarray(void *p, size_t nmemb, size_t size);
/* p, of oldnmemb members, grown (or shrunk) to nmemb, the new ones zeroed. */
void *xrecallocarray(void *p, size_t oldnmemb, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
