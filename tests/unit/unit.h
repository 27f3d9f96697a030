/*
 * unit.h: the tiny harness of the C unit tests.  Each check prints
 * "ok N - what" or "not ok N - what (file:line)"; SKIP(why) prints
 * "ok N # SKIP why" for checks this machine cannot make; unit_done() returns
 * the exit status (1 if anything failed).  tests/run counts the lines, a
 * skip as skipped (and as a failure when CI=true).
 */
#ifndef UNIT_H
#define UNIT_H
#include <stdio.h>
#include <string.h>

static int unit_n, unit_failed;

/* A number below n from a fixed sequence (xorshift64), for random cases
 * that are the same in every run. */
static unsigned long long unit_seed = 88172645463325252ull;
static inline unsigned
unit_rnd(unsigned n)
{
	unit_seed ^= unit_seed << 13;
	unit_seed ^= unit_seed >> 7;
	unit_seed ^= unit_seed << 17;
	return (unsigned)(unit_seed % n);
}

#define CHECK(cond, ...) do { \
	unit_n++; \
	if (cond) { printf("ok %d - ", unit_n); printf(__VA_ARGS__); putchar('\n'); } \
	else { unit_failed++; printf("not ok %d - ", unit_n); printf(__VA_ARGS__); \
		printf(" (%s:%d)\n", __FILE__, __LINE__); } \
} while (0)

#define CHECK_STR(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	int eq_ = g_ && w_ ? strcmp(g_, w_) == 0 : g_ == w_; \
	CHECK(eq_, __VA_ARGS__); \
	if (!eq_) printf("#   got '%s', want '%s'\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
} while (0)

#define CHECK_INT(got, want, ...) do { \
	long long g_ = (got), w_ = (want); \
	CHECK(g_ == w_, __VA_ARGS__); \
	if (g_ != w_) printf("#   got %lld, want %lld\n", g_, w_); \
} while (0)

#define SKIP(...) do { \
	unit_n++; \
	printf("ok %d # SKIP ", unit_n); printf(__VA_ARGS__); putchar('\n'); \
} while (0)

static int unit_done(void) { return unit_failed != 0; }

#endif
