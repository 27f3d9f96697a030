/*
 * numfmt: numbers as people read them, in tables, text reports and HTML:
 * the thousands grouped and the decimal sign of a locale (1,234,567.89 in
 * C, 1.234.567,89 in nl_NL).  TSV, JSON and the data files never go
 * through here: their numbers stay canonical ("-1234.50").
 *
 * The locale is the user's (LC_ALL, LC_NUMERIC, LANG) when it is a real
 * one; under C or POSIX (cron's, and the default of most services) it is
 * config.tsv's number_locale, which config_load() hands to
 * numfmt_set_locale(); with neither, C's sign and a comma for grouping.
 * The locale is looked at once, on the first use, and put back to C, so
 * nothing else a program prints changes.
 *
 *   numfmt_set_locale("nl_NL.UTF-8");    before the first numfmt()
 *   numfmt(&b, "-1234567.5");            appends "-1.234.567,5" to b
 *
 * numfmt() groups text that is a canonical number, -?[0-9]+(.[0-9]+)?,
 * and appends anything else unchanged (a count is "1,234", a period such
 * as "2026-Q4" is not a number).  A number_locale this machine lacks is
 * warned about once (err.h) and C's signs are used.
 */
#ifndef NUMFMT_H
#define NUMFMT_H
#include "buf.h"

void numfmt_set_locale(const char *name);
/* Is s a canonical number? */
int numfmt_is_number(const char *s);
void numfmt(struct buf *b, const char *s);
/* The separators in use: grouping, then the decimal sign. */
const char *numfmt_group_sep(void);
const char *numfmt_decimal_sep(void);

#endif
