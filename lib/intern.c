#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "intern.h"
#include "xalloc.h"

struct intern {
	uint32_t *slots;	/* index + 1, 0 = empty */
	size_t nslots;		/* a power of two */
	char **names;
	size_t *lens;
	uint64_t *hashes;
	size_t n, cap;
	char **arenas;		/* blocks holding the keys */
	size_t narenas, arena_used, arena_cap;
};

/* FNV-1a: ids are short, and this needs no tables. */
uint64_t
intern_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= 1099511628211ull;
	}
	return h;
}

static uint64_t
hash(const char *s, size_t n)
{
	return intern_hash(INTERN_HASH_SEED, s, n);
}

struct intern *
intern_new(void)
{
	struct intern *h = xcalloc(1, sizeof *h);

	h->nslots = 1024;
	h->slots = xcalloc(h->nslots, sizeof *h->slots);
	return h;
}

static char *
arena_copy(struct intern *h, const char *s, size_t n)
{
	char *p;

	if (!h->narenas || h->arena_used + n + 1 > h->arena_cap) {
		h->arena_cap = n + 1 > 65536 ? n + 1 : 65536;
		h->arenas = xreallocarray(h->arenas, h->narenas + 1, sizeof *h->arenas);
		h->arenas[h->narenas++] = xmalloc(h->arena_cap);
		h->arena_used = 0;
	}
	p = h->arenas[h->narenas - 1] + h->arena_used;
	memcpy(p, s, n);
	p[n] = '\0';
	h->arena_used += n + 1;
	return p;
}

static void
grow(struct intern *h)
{
	size_t i, j, mask;

	free(h->slots);
	h->nslots *= 2;
	h->slots = xcalloc(h->nslots, sizeof *h->slots);
	mask = h->nslots - 1;
	for (i = 0; i < h->n; i++) {
		for (j = h->hashes[i] & mask; h->slots[j]; j = (j + 1) & mask)
			;
		h->slots[j] = (uint32_t)(i + 1);
	}
}

long
intern_get(const struct intern *h, const char *s, size_t n)
{
	size_t mask = h->nslots - 1, j;
	uint64_t k = hash(s, n);
	uint32_t v;

	for (j = k & mask; (v = h->slots[j]); j = (j + 1) & mask)
		if (h->hashes[v - 1] == k && h->lens[v - 1] == n &&
		    memcmp(h->names[v - 1], s, n) == 0)
			return (long)(v - 1);
	return -1;
}

size_t
intern_add(struct intern *h, const char *s, size_t n)
{
	size_t mask = h->nslots - 1, j;
	uint64_t k = hash(s, n);
	uint32_t v;

	for (j = k & mask; (v = h->slots[j]); j = (j + 1) & mask)
		if (h->hashes[v - 1] == k && h->lens[v - 1] == n &&
		    memcmp(h->names[v - 1], s, n) == 0)
			return v - 1;
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 256;
		h->names = xreallocarray(h->names, h->cap, sizeof *h->names);
		h->lens = xreallocarray(h->lens, h->cap, sizeof *h->lens);
		h->hashes = xreallocarray(h->hashes, h->cap, sizeof *h->hashes);
	}
	h->names[h->n] = arena_copy(h, s, n);
	h->lens[h->n] = n;
	h->hashes[h->n] = k;
	h->slots[j] = (uint32_t)(h->n + 1);
	h->n++;
	if (h->n * 2 > h->nslots)
		grow(h);
	return h->n - 1;
}

const char *
intern_name(const struct intern *h, size_t i)
{
	return i < h->n ? h->names[i] : NULL;
}

size_t
intern_count(const struct intern *h)
{
	return h->n;
}

void
intern_free(struct intern *h)
{
	size_t i;

	if (!h)
		return;
	for (i = 0; i < h->narenas; i++)
		free(h->arenas[i]);
	free(h->arenas);
	free(h->slots);
	free(h->names);
	free(h->lens);
	free(h->hashes);
	free(h);
}
