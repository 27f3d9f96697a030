/*
 * id: the names of things a person chooses (rep, team, course, account,
 * plan ids): lowercase ASCII [a-z0-9][a-z0-9._-]*, at most 32 bytes.  They
 * never become paths.  id_check() returns NULL for a good id, else a short
 * reason for the message ("must start with a-z or 0-9").
 *
 * Generated ids (deals D1, D2 ..., notes N1 ...) are a letter and a
 * sequence number; genid_check() validates one for a given letter and
 * genid_format() writes one (bulk loads write a million: no printf).
 */
#ifndef ID_H
#define ID_H

#include <stddef.h>
#include <stdint.h>

#define ID_MAX 32

const char *id_check(const char *s);
/* Is c a byte of an id after its first (a-z, 0-9, '.', '_', '-')? */
int id_char(char c);
const char *genid_check(const char *s, char letter);
/* The id of number n (n >= 1) with that letter, into out; its length. */
#define GENID_SZ 24
size_t genid_format(char out[GENID_SZ], char letter, long long n);
/* The id after the one of length len in id (D9 -> D10), in place; its
 * length.  A run of ids costs an add each, not a division a digit. */
size_t genid_next(char id[GENID_SZ], size_t len);
/* The number of deal id [p, p + n) as the replay and the indexes read it:
 * D and a number without a leading zero, below 10^9 (it indexes arrays);
 * 0 for anything else. */
uint32_t deal_number(const char *p, size_t n);

#endif
