/*
 * intern: a hash table from strings (ids) to dense indexes 0, 1, 2 ...,
 * so that reports keep their per-rep and per-deal figures in plain arrays.
 * Keys are copied into an arena; intern_name() gives them back by index.
 *
 *   struct intern *h = intern_new();
 *   size_t i = intern_add(h, "anna", 4);    index, new or existing
 *   long j = intern_get(h, "bob", 3);       index, or -1
 *   intern_free(h);
 */
#ifndef INTERN_H
#define INTERN_H
#include <stddef.h>
#include <stdint.h>

struct intern;

/* FNV-1a over n bytes, going on from h (start with INTERN_HASH_SEED): the
 * table's hash, for anyone who needs a fingerprint. */
#define INTERN_HASH_SEED 1469598103934665603ull
uint64_t intern_hash(uint64_t h, const void *p, size_t n);
/* The table's own hash of n bytes, eight at a time, in four lanes when
 * n is long: quick over a whole file (target.c's note of a table
 * checked); it may change between versions, so it is for nothing kept
 * across them but such a note. */
uint64_t intern_hash_words(const void *p, size_t n);
/* The same of the npc pieces' bytes one after another, as if they were
 * one buffer (a table written back as its old lines and a few new ones). */
struct buf_piece;
uint64_t intern_hash_pieces(const struct buf_piece *pc, size_t npc);

/*
 * The n <= 8 bytes at s, zero-padded, as a number, without a call and
 * without reading past them: a short id is two overlapping loads (their
 * common bytes are the same).  For tables keyed by short ids.
 */
static inline uint64_t
intern_head(const char *s, size_t n)
{
	uint32_t a, b;
	uint64_t w;

	if (n >= 8) {
		__builtin_memcpy(&w, s, 8);
		return w;
	}
	if (n >= 4) {
		__builtin_memcpy(&a, s, 4);
		__builtin_memcpy(&b, s + n - 4, 4);
		return (uint64_t)a | (uint64_t)b << (8 * (n - 4));
	}
	if (n == 0)
		return 0;
	return (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << (8 * (n / 2)) |
	    (uint64_t)(unsigned char)s[n - 1] << (8 * (n - 1));
}

struct intern *intern_new(void);
/* Room for n keys in all, made at once: a million keys added one by one
 * grow the table by doubling, and touch twice the memory. */
void intern_reserve(struct intern *h, size_t n);
/* Ask the CPU to fetch the slot where s (n bytes) is or would go: a lookup
 * coming soon in a table too big for the cache waits less. */
void intern_prefetch(const struct intern *h, const char *s, size_t n);
size_t intern_add(struct intern *h, const char *s, size_t n);
long intern_get(const struct intern *h, const char *s, size_t n);
const char *intern_name(const struct intern *h, size_t i);
size_t intern_count(const struct intern *h);
void intern_free(struct intern *h);

/*
 * A cache in front of an intern, for the short ids (1 to 7 bytes) a
 * report meets again and again: a lookup that hits is one compare.  It
 * holds indexes of one intern only; zeroed, it is empty.
 *
 *   struct intern_cache c = { 0 };       (or xcalloc: 24 KiB)
 *   i = intern_add_cached(h, &c, "anna", 4);     as intern_add()
 */
#define INTERN_CACHE 2048
struct intern_cache {
	uint64_t key[INTERN_CACHE];	/* the bytes, and the length in the top byte */
	uint32_t index[INTERN_CACHE];
};

static inline size_t
intern_add_cached(struct intern *h, struct intern_cache *c, const char *s, size_t n)
{
	uint64_t key;
	size_t k;

	if (n == 0 || n > 7)
		return intern_add(h, s, n);
	key = intern_head(s, n) | (uint64_t)n << 56;
	k = (size_t)(((key ^ key >> 29) * 0x9e3779b97f4a7c15ull) >> 53);
	if (c->key[k] != key) {
		c->key[k] = key;
		c->index[k] = (uint32_t)intern_add(h, s, n);
	}
	return c->index[k];
}

#endif
