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

struct intern *intern_new(void);
size_t intern_add(struct intern *h, const char *s, size_t n);
long intern_get(const struct intern *h, const char *s, size_t n);
const char *intern_name(const struct intern *h, size_t i);
size_t intern_count(const struct intern *h);
void intern_free(struct intern *h);

#endif
