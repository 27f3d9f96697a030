/*
 * decimal: exact decimal numbers whose number of decimals the input
 * decides, as int64 units and a scale: "12.5" is 125 at scale 1.  For
 * values that are not money in the currency (assign-solve's values, which
 * may be cents, whole euros or scores); money.h is for amounts.
 *
 *   int64_t v; int d;
 *   dec_parse("-12.50", &v, &d);          0: v = -1250, d = 2
 *   v *= dec_pow10(3 - d);                the same at scale 3 (overflow is
 *                                         the caller's to check)
 *   dec_format(-12500, 3, buf);           "-12.500"
 */
#ifndef DECIMAL_H
#define DECIMAL_H
#include <stdint.h>

#define DEC_MAX_DECIMALS 9
#define DEC_BUFSZ 32		/* any int64 at any scale up to 9, and the NUL */

/*
 * [+-]digits[.digits], nothing before or after.  0, or -1 for not such a
 * number, -3 more than DEC_MAX_DECIMALS decimals, -2 past int64, checked
 * in that order.  *decimals is set unless the text is not such a number
 * (DEC_MAX_DECIMALS + 1 for "more").
 */
int dec_parse(const char *s, int64_t *out, int *decimals);
/* 10^n, 0 <= n <= 18. */
int64_t dec_pow10(int n);
/* v at scale into buf (DEC_BUFSZ): "-0.05", "12.500", "7"; returns buf. */
char *dec_format(int64_t v, int scale, char *buf);

#endif
