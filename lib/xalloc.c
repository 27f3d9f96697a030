#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "err.h"
#include "xalloc.h"

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *
xcalloc_written(size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > (size_t)-1 / size)
		die("out of memory");
	p = xmalloc(nmemb && size ? nmemb * size : 1);
	memset(p, 0, nmemb && size ? nmemb * size : 1);
	return p;
}

#if defined(MAP_ANONYMOUS)
void *
xcalloc_sparse(size_t nmemb, size_t size)
{
	void *p;

	if (!nmemb || !size)
		return xcalloc(1, 1);
	if (nmemb > (size_t)-1 / size)
		die("out of memory");
	p = mmap(NULL, nmemb * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("out of memory");
	return p;
}

void
xfree_sparse(void *p, size_t nmemb, size_t size)
{
	if (!p)
		return;
	if (!nmemb || !size)
		free(p);
	else
		munmap(p, nmemb * size);
}
#else
void *
xcalloc_sparse(size_t nmemb, size_t size)
{
	return xcalloc(nmemb, size);
}

void
xfree_sparse(void *p, size_t nmemb, size_t size)
{
	(void)nmemb;
	(void)size;
	free(p);
}
#endif

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size && nmemb > (size_t)-1 / size)
		die("out of memory");
	p = realloc(p, nmemb && size ? nmemb * size : 1);
	if (!p)
		die("out of memory");
	return p;
}

/* Below this, a table is left to the small pages; one this big holds
 * at least one big page (2 MB on x86-64) whole. */
#define DENSE_MIN ((size_t)4 << 20)

void
xalloc_dense(void *p, size_t n)
{
#if defined(MADV_HUGEPAGE) && defined(__GLIBC__)
	/*
	 * The advice covers the whole of p's block, to its pages' edges: a
	 * block of this size is most often a mapping of its own, and advice
	 * on part of it would split it, after which realloc() could no
	 * longer move it by remapping and would copy it.  Refused, it
	 * changes nothing.
	 */
	uintptr_t page, from, to;

	if (n < DENSE_MIN)
		return;
	page = (uintptr_t)sysconf(_SC_PAGESIZE);
	from = (uintptr_t)p & ~(page - 1);
	to = ((uintptr_t)p + malloc_usable_size(p) + page - 1) & ~(page - 1);
	(void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}

void *
xrecallocarray(void *p, size_t oldnmemb, size_t nmemb, size_t size)
{
	p = xreallocarray(p, nmemb, size);
	if (nmemb > oldnmemb)
		memset((char *)p + oldnmemb * size, 0, (nmemb - oldnmemb) * size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
