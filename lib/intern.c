#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "intern.h"
#include "xalloc.h"

/*
 * Open addressing, linear probing.  A slot holds the key's first bytes
 * (a key of up to 7 bytes whole, with its length), the top half of its
 * hash (the tag) and its index + 1 (0: empty), so that a lookup of a short
 * key reads the slot alone: a report looks up millions of ids in tables
 * too big for a cache.  A key's first slot is its tag's low bits, so that
 * growing the table moves the slots in order, from the old table alone
 * (a table of a million keys grown by rehashing each key would miss the
 * cache a few million times).
 */
struct slot {
	uint64_t head;
	uint32_t tag;
	uint32_t index;
};

struct intern {
	struct slot *slots;
	size_t nslots;		/* a power of two */
	char **names;
	size_t *lens;
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

/*
 * The table's own hash: eight bytes at a time, for the millions of ids a
 * report interns (intern_hash's byte loop is for fingerprints, which must
 * not change).
 */
static uint64_t
hash(const char *s, size_t n)
{
	uint64_t h = (uint64_t)n * 0x9e3779b97f4a7c15ull;

	for (; n >= 8; s += 8, n -= 8) {
		h = (h ^ intern_head(s, 8)) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
	}
	if (n)
		h = (h ^ intern_head(s, n)) * 0xbf58476d1ce4e5b9ull;
	h ^= h >> 29;
	h *= 0x94d049bb133111ebull;
	return h ^ (h >> 32);
}

/* One step of a lane of intern_hash_words(). */
static inline uint64_t
lane(uint64_t h, const char *s)
{
	h = (h ^ intern_head(s, 8)) * 0xbf58476d1ce4e5b9ull;
	return h ^ (h >> 31);
}

uint64_t
intern_hash_words(const void *p, size_t n)
{
	struct buf_piece pc = { p, n };

	return intern_hash_pieces(&pc, 1);
}

/* hash()'s steps in four lanes, 32 bytes at a time: the lanes do not
 * wait for one another, so a file hashes at several bytes a cycle.  The
 * lanes start from the whole length; the last n % 32 bytes (all of them
 * when there are fewer than 64) go through hash().  A block that spans
 * two pieces is put together in blk first. */
uint64_t
intern_hash_pieces(const struct buf_piece *pc, size_t npc)
{
	char blk[64];
	const char *s;
	uint64_t a, b, c, d, h;
	size_t n = 0, have = 0, i, k, left;

	for (i = 0; i < npc; i++)
		n += pc[i].n;
	if (n < 64) {
		for (i = 0; i < npc; i++) {
			memcpy(blk + have, pc[i].p, pc[i].n);
			have += pc[i].n;
		}
		return hash(blk, n);
	}
	a = (uint64_t)n * 0x9e3779b97f4a7c15ull;
	b = a ^ 0x243f6a8885a308d3ull;
	c = a ^ 0x13198a2e03707344ull;
	d = a ^ 0xa4093822299f31d0ull;
	for (i = 0; i < npc; i++) {
		s = pc[i].p;
		left = pc[i].n;
		if (have) {
			k = 32 - have < left ? 32 - have : left;
			memcpy(blk + have, s, k);
			have += k;
			s += k;
			left -= k;
			if (have < 32)
				continue;
			a = lane(a, blk);
			b = lane(b, blk + 8);
			c = lane(c, blk + 16);
			d = lane(d, blk + 24);
			have = 0;
		}
		for (; left >= 32; s += 32, left -= 32) {
			a = lane(a, s);
			b = lane(b, s + 8);
			c = lane(c, s + 16);
			d = lane(d, s + 24);
		}
		memcpy(blk, s, left);
		have = left;
	}
	h = hash(blk, have);
	h = (h ^ a) * 0x94d049bb133111ebull;
	h = (h ^ (h >> 29) ^ b) * 0x94d049bb133111ebull;
	h = (h ^ (h >> 29) ^ c) * 0x94d049bb133111ebull;
	h = (h ^ (h >> 29) ^ d) * 0x94d049bb133111ebull;
	return h ^ (h >> 32);
}

/* A new table's slots: one kilobyte, as most tables hold a few names (a
 * replay makes a dozen, of stages, reasons and the like); a big one
 * grows by doubling, which costs about as much again as its last size. */
enum { INTERN_SLOTS = 64 };

struct intern *
intern_new(void)
{
	struct intern *h = xcalloc(1, sizeof *h);

	h->nslots = INTERN_SLOTS;
	h->slots = xcalloc(h->nslots, sizeof *h->slots);
	return h;
}

/* Where the next key's copy goes: a block of its own when full, each
 * twice the last up to ARENA_MAX, so that a million keys take a few big
 * blocks (big pages, xalloc_dense()) and a few keys a small one. */
#define ARENA_MIN ((size_t)64 << 10)
#define ARENA_MAX ((size_t)8 << 20)

static char *
arena_copy(struct intern *h, const char *s, size_t n)
{
	char *p;

	if (!h->narenas || h->arena_used + n + 1 > h->arena_cap) {
		h->arena_cap = !h->narenas ? ARENA_MIN :
		    h->arena_cap < ARENA_MAX / 2 ? h->arena_cap * 2 : ARENA_MAX;
		if (h->arena_cap < n + 1)
			h->arena_cap = n + 1;
		h->arenas = xreallocarray(h->arenas, h->narenas + 1, sizeof *h->arenas);
		h->arenas[h->narenas++] = xmalloc(h->arena_cap);
		xalloc_dense(h->arenas[h->narenas - 1], h->arena_cap);
		h->arena_used = 0;
	}
	p = h->arenas[h->narenas - 1] + h->arena_used;
	memcpy(p, s, n);
	p[n] = '\0';
	h->arena_used += n + 1;
	return p;
}

/* A key of n <= 7 bytes is its head: its bytes and, in the top byte, n. */
static uint64_t
head_of(const char *s, size_t n)
{
	return n < 8 ? intern_head(s, n) | (uint64_t)n << 56 : intern_head(s, 8);
}

/* The table grown to nslots, a power of two larger than now. */
static void
rehash(struct intern *h, size_t nslots)
{
	struct slot *old = h->slots;
	size_t i, j, mask, n = h->nslots;

	h->nslots = nslots;
	h->slots = xcalloc(h->nslots, sizeof *h->slots);
	xalloc_dense(h->slots, h->nslots * sizeof *h->slots);
	mask = h->nslots - 1;
	for (i = 0; i < n; i++) {
		if (!old[i].index)
			continue;
		for (j = old[i].tag & mask; h->slots[j].index; j = (j + 1) & mask)
			;
		h->slots[j] = old[i];
	}
	free(old);
}

/* The slot of s (n bytes, hash k): where it is, or the empty one where it
 * would go. */
static size_t
probe(const struct intern *h, const char *s, size_t n, uint64_t k)
{
	size_t mask = h->nslots - 1, j, i;
	uint64_t head = head_of(s, n);
	const struct slot *sl;

	for (j = (k >> 32) & mask; (sl = &h->slots[j])->index; j = (j + 1) & mask) {
		if (sl->head != head || sl->tag != (uint32_t)(k >> 32))
			continue;
		i = sl->index - 1;
		if (n < 8 || (h->lens[i] == n && memcmp(h->names[i], s, n) == 0))
			break;
	}
	return j;
}

void
intern_prefetch(const struct intern *h, const char *s, size_t n)
{
	__builtin_prefetch(&h->slots[(hash(s, n) >> 32) & (h->nslots - 1)]);
}

long
intern_get(const struct intern *h, const char *s, size_t n)
{
	uint32_t v = h->slots[probe(h, s, n, hash(s, n))].index;

	return v ? (long)v - 1 : -1;
}

/* Room for cap keys' names and lengths. */
static void
grow_names(struct intern *h, size_t cap)
{
	h->cap = cap;
	h->names = xreallocarray(h->names, h->cap, sizeof *h->names);
	h->lens = xreallocarray(h->lens, h->cap, sizeof *h->lens);
	xalloc_dense(h->names, h->cap * sizeof *h->names);
	xalloc_dense(h->lens, h->cap * sizeof *h->lens);
}

size_t
intern_add(struct intern *h, const char *s, size_t n)
{
	uint64_t k = hash(s, n);
	size_t j = probe(h, s, n, k);

	if (h->slots[j].index)
		return h->slots[j].index - 1;
	if (h->n == h->cap)
		grow_names(h, h->cap ? h->cap * 2 : 256);
	h->names[h->n] = arena_copy(h, s, n);
	h->lens[h->n] = n;
	h->slots[j].head = head_of(s, n);
	h->slots[j].tag = (uint32_t)(k >> 32);
	h->slots[j].index = (uint32_t)(h->n + 1);
	h->n++;
	if (h->n * 2 > h->nslots)
		rehash(h, h->nslots * 2);
	return h->n - 1;
}

void
intern_reserve(struct intern *h, size_t n)
{
	size_t nslots = h->nslots;

	while (nslots / 2 < n)
		nslots *= 2;
	if (nslots > h->nslots)
		rehash(h, nslots);
	if (n > h->cap)
		grow_names(h, n);
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
	free(h);
}
