/*
 * word: tests on eight bytes at once, for the loops that look at every
 * byte of a big file or table (a line's tabs and LF, the bytes to escape)
 * and would cost a call or a branch per byte otherwise.  Header only.
 *
 *   uint64_t w;
 *   memcpy(&w, p, 8);
 *   tabs = word_zero_bytes(w ^ WORD_ONES * '\t');   0x80 in each tab byte
 *
 * The byte order is the machine's: on a little-endian one the first byte
 * of p is the lowest of w, so __builtin_ctzll(tabs) >> 3 is the first tab.
 */
#ifndef WORD_H
#define WORD_H
#include <stdint.h>

#define WORD_ONES 0x0101010101010101ull

/* 0x80 in each byte of v that is zero, 0 in every other: exact (no borrow
 * from one byte into the next). */
static inline uint64_t
word_zero_bytes(uint64_t v)
{
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7full;

	return ~(((v & low7) + low7) | v | low7);
}

/* Not 0 when some byte of v is below n (n at most 0x80); which bytes it
 * marks past the first is not exact. */
static inline uint64_t
word_below(uint64_t v, unsigned n)
{
	return (v - WORD_ONES * n) & ~v & WORD_ONES * 0x80;
}

/* 0x80 in each byte of v that TSV escapes (tab, LF, CR, backslash). */
static inline uint64_t
word_to_escape(uint64_t v)
{
	return word_zero_bytes(v ^ WORD_ONES * '\t') | word_zero_bytes(v ^ WORD_ONES * '\n') |
	    word_zero_bytes(v ^ WORD_ONES * '\r') | word_zero_bytes(v ^ WORD_ONES * '\\');
}

#endif
