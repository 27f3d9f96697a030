/*
 * money: amounts as int64 minor units (cents), parsed and printed by our own
 * integer code: never a double, strtod or %f.
 *
 * The number of decimals (minor units) comes from the currency:
 * money_set_currency("EUR") -> 2, "JPY" -> 0, "KWD" -> 3.  Default is 2.
 *
 * Canonical form: "-1234.50": optional '-', digits without grouping, '.',
 * exactly `decimals` digits (no '.' when decimals is 0).  money_parse()
 * accepts also fewer decimals ("12", "12.5") and a leading '+', but never
 * more decimals than the currency has, grouping, spaces, or a value past
 * int64; it returns 0 on success, -1 with a short reason in *why ("not an
 * amount", "more than 2 decimals", "out of range"; why may be NULL).
 *
 * Arithmetic is overflow-checked: the money_add/sub/mul functions return -1
 * on overflow and leave *r unchanged.  Rates are basis points (1% = 100 bp).
 * money_apply_bp() rounds half away from zero.  money_split() divides a
 * total over weights by largest remainder so the parts add up exactly.
 */
#ifndef MONEY_H
#define MONEY_H
#include <stdint.h>
#include <stddef.h>

#define MONEY_BUFSZ 48		/* enough for any formatted int64 amount */

void money_set_currency(const char *code);
/* The code given to money_set_currency() (config.tsv's currency), or "":
 * every amount a report shows is in it (rates.h converts the others). */
const char *money_currency(void);
/* The minor units of a currency (2 unless it is one of those with 0 or 3). */
int money_currency_decimals(const char *code);
void money_set_decimals(int decimals);	/* clamped to 0..9 */
int money_decimals(void);

int money_parse(const char *s, int64_t *out, const char **why);
/* Canonical form into buf (MONEY_BUFSZ); returns buf. */
char *money_format(int64_t v, char *buf);
/*
 * With a thousands separator and decimal sign, for tables: 1,234,567.89.
 * Separators of up to 3 bytes (any one UTF-8 character) always fit;
 * longer ones may see the result cut to MONEY_BUFSZ - 1 bytes.
 */
char *money_format_grouped(int64_t v, char *buf, const char *thousands, const char *decimal);

int money_add(int64_t a, int64_t b, int64_t *r);
/* A report's total: *acc + v, or death ("totals overflow: amounts in the
 * ledger are too large; run sales-check"), a data error, never a wrong
 * number.  Inline: the folds add one for every event. */
_Noreturn void money_total_overflow(void);
static inline void
money_total_add(int64_t *acc, int64_t v)
{
	if (__builtin_add_overflow(*acc, v, acc))
		money_total_overflow();
}
int money_sub(int64_t a, int64_t b, int64_t *r);
int money_mul(int64_t a, int64_t n, int64_t *r);
/* a * bp / 10000 rounded half away from zero; -1 on overflow. */
int money_apply_bp(int64_t a, int64_t bp, int64_t *r);
/* num / den rounded half away from zero (den != 0); -1 on overflow. */
int money_div_round(int64_t num, int64_t den, int64_t *r);
/*
 * Split total over n weights (>= 0, not all 0; else -1) so parts sum to
 * total: floor shares, then the units left to the largest remainders (ties
 * to the lower index).  A negative total splits like its absolute value.
 */
int money_split(int64_t total, const int64_t *weights, size_t n, int64_t *parts);

/*
 * A rate: a percentage 0 to 100 with at most 2 decimals, no sign ("5",
 * "7.5", "7.25"), as basis points (500, 750, 725); 0 or -1.
 * money_rate_format() prints it back in the shortest form (750 -> "7.5")
 * into buf (MONEY_RATE_BUFSZ) and returns buf.
 */
#define MONEY_RATE_BUFSZ 32
int money_rate_parse(const char *s, int64_t *bp);
char *money_rate_format(int64_t bp, char *buf);

/* Non-negative integer in decimal without sign or leading junk, <= max. */
int parse_uint(const char *s, long long max, long long *out);

#endif
