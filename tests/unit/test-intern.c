/* Unit tests of lib/intern.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "intern.h"
#include "unit.h"

/* intern_hash_pieces() of the n bytes at a cut in up to eight pieces at
 * random places (empty pieces too) is intern_hash_words() of them whole,
 * for every length up to 200 and some longer. */
static void
pieces_checks(const char *a, size_t n)
{
	struct buf_piece pc[8];
	uint64_t seed = 88172645463325252ull;
	size_t len, k, npc, at, cut, bad = 0, tries = 0;

	for (len = 0; len <= n; len += len < 200 ? 1 : 97)
		for (k = 0; k < 20; k++, tries++) {
			npc = 0;
			for (at = 0; npc < 7 && at < len; at += cut) {
				seed ^= seed << 13;
				seed ^= seed >> 7;
				seed ^= seed << 17;
				cut = (size_t)(seed % (len - at + 1));
				if (seed >> 60 == 0)
					cut = 0;
				pc[npc].p = a + at;
				pc[npc++].n = cut;
			}
			pc[npc].p = a + at;
			pc[npc++].n = len - at;
			bad += intern_hash_pieces(pc, npc) != intern_hash_words(a, len);
		}
	CHECK_INT(bad, 0, "in pieces cut anywhere the bytes hash as they do whole (%zu cuts)", tries);
}

/* intern_hash_words() over a file's bytes (target.c's note): the same
 * bytes hash the same wherever they stand; a byte changed anywhere, two
 * words swapped or a byte more give another hash. */
static void
hash_checks(void)
{
	static char a[1000], b[1008];
	uint64_t h;
	size_t i, n, bad = 0;
	char w[8];

	for (i = 0; i < sizeof a; i++)
		a[i] = (char)('a' + i * 7 % 26);
	for (n = 0; n <= sizeof a; n += n < 80 ? 1 : 61) {
		memcpy(b + 3, a, n);
		bad += intern_hash_words(a, n) != intern_hash_words(b + 3, n);
	}
	CHECK_INT(bad, 0, "the same bytes at another address hash the same");
	h = intern_hash_words(a, sizeof a);
	for (i = 0; i < sizeof a; i++) {
		a[i] ^= 0x20;
		bad += intern_hash_words(a, sizeof a) == h;
		a[i] ^= 0x20;
	}
	CHECK_INT(bad, 0, "a byte changed anywhere changes the hash");
	for (i = 0; i + 16 <= sizeof a; i += 8) {
		memcpy(w, a + i, 8);
		memcpy(a + i, a + i + 8, 8);
		memcpy(a + i + 8, w, 8);
		bad += a[i] != a[i + 8] && intern_hash_words(a, sizeof a) == h;
		memcpy(a + i + 8, a + i, 8);
		memcpy(a + i, w, 8);
	}
	CHECK_INT(bad, 0, "two words swapped change the hash");
	for (n = 1; n < sizeof a; n++)
		bad += intern_hash_words(a, n) == intern_hash_words(a, n - 1);
	CHECK_INT(bad, 0, "a byte more changes the hash");
	pieces_checks(a, sizeof a);
}

/* Key i of n bytes: its number, then a letter of its own. */
static void
long_key(char *key, size_t i, size_t n)
{
	memset(key, 'a' + (int)(i % 26), n);
	snprintf(key, 16, "%zu-", i);
	key[strlen(key)] = '-';
}

/* Keys that fill the key blocks past their biggest size (8 MB), and one
 * key bigger than that block: each key is kept whole, once. */
static void
long_keys(void)
{
	struct intern *h = intern_new();
	size_t i, bad = 0, big = (9u << 20) + 1, n = 500;
	char *key = malloc(big), *huge = malloc(big);

	memset(huge, 'h', big);
	for (i = 0; i < 50000; i++) {
		long_key(key, i, n);
		if (i == 30000 && intern_add(h, huge, big) != i)
			bad++;
		if (intern_add(h, key, n) != i + (i >= 30000))
			bad++;
	}
	for (i = 0; i < 50000; i += 7) {
		long_key(key, i, n);
		if (intern_get(h, key, n) != (long)(i + (i >= 30000)) ||
		    memcmp(intern_name(h, i + (i >= 30000)), key, n) != 0 ||
		    intern_name(h, i + (i >= 30000))[n] != '\0')
			bad++;
	}
	if (intern_get(h, huge, big) != 30000 || memcmp(intern_name(h, 30000), huge, big) != 0)
		bad++;
	CHECK_INT(bad, 0, "50000 keys of 500 bytes (25 MB) and one of 9 MB kept whole");
	CHECK_INT(intern_count(h), 50001, "each long key once");
	intern_free(h);
	free(key);
	free(huge);
}

int
main(void)
{
	struct intern *h = intern_new();
	char name[32];
	size_t i, bad = 0;

	CHECK_INT(intern_add(h, "anna", 4), 0, "first key gets index 0");
	CHECK_INT(intern_add(h, "bob", 3), 1, "second key gets index 1");
	CHECK_INT(intern_add(h, "anna", 4), 0, "a known key keeps its index");
	CHECK_INT(intern_get(h, "bob", 3), 1, "get finds a key");
	CHECK_INT(intern_get(h, "bo", 2), -1, "a prefix is a different key");
	CHECK_INT(intern_get(h, "carl", 4), -1, "an unknown key is -1");
	/* Enough keys to grow the table several times and fill many arenas;
	 * half way, room made at once for twice them (the table grown
	 * eightfold, its keys moved), and a reserve of less, which changes
	 * nothing. */
	for (i = 0; i < 200000; i++) {
		if (i == 100000) {
			intern_reserve(h, 400000);
			intern_reserve(h, 10);
		}
		snprintf(name, sizeof name, "r%zu", i);
		if (intern_add(h, name, strlen(name)) != i + 2)
			bad++;
	}
	CHECK_INT(bad, 0, "200000 keys get dense indexes");
	for (i = 0; i < 200000; i += 997) {
		snprintf(name, sizeof name, "r%zu", i);
		if (intern_get(h, name, strlen(name)) != (long)(i + 2) ||
		    strcmp(intern_name(h, i + 2), name) != 0)
			bad++;
	}
	CHECK_INT(bad, 0, "every key found again after growing and a reserve, with its name");
	CHECK_INT(intern_count(h), 200002, "count");
	CHECK_STR(intern_name(h, 0), "anna", "the name of index 0");
	intern_free(h);
	long_keys();
	hash_checks();
	return unit_done();
}
