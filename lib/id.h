/*
 * id: the names of things a person chooses (rep, team, course, account,
 * plan ids): lowercase ASCII [a-z0-9][a-z0-9._-]*, at most 32 bytes.  They
 * never become paths.  id_check() returns NULL for a good id, else a short
 * reason for the message ("must start with a-z or 0-9").
 *
 * Generated ids (deals D1, D2 ..., notes N1 ...) are a letter and a
 * sequence number; genid_check() validates one for a given letter.
 */
#ifndef ID_H
#define ID_H

#define ID_MAX 32

const char *id_check(const char *s);
const char *genid_check(const char *s, char letter);

#endif
