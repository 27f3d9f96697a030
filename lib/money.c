#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decimal.h"
#include "err.h"
#include "money.h"
#include "xalloc.h"

/* No currency has more than 3; at 9 an int64 still holds a billion units. */
#define MAX_DECIMALS 9

/* Products of two int64 values need 127 bits; gcc and clang have them. */
__extension__ typedef __int128 wide;
__extension__ typedef unsigned __int128 uwide;

static int decimals = 2;

/* ISO 4217 currencies whose minor unit is not the usual hundredth. */
static const char *const no_decimals[] = {
	"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
	"RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF", NULL
};
static const char *const three_decimals[] = {
	"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND", NULL
};

static int
in_list(const char *const *list, const char *code)
{
	for (; *list; list++)
		if (strcasecmp(*list, code) == 0)
			return 1;
	return 0;
}

int
money_currency_decimals(const char *code)
{
	if (code && in_list(no_decimals, code))
		return 0;
	if (code && in_list(three_decimals, code))
		return 3;
	return 2;
}

static char currency[8];

void
money_set_currency(const char *code)
{
	decimals = money_currency_decimals(code);
	snprintf(currency, sizeof currency, "%s", code ? code : "");
}

const char *
money_currency(void)
{
	return currency;
}

void
money_set_decimals(int d)
{
	if (d < 0)
		d = 0;
	if (d > MAX_DECIMALS)
		d = MAX_DECIMALS;
	decimals = d;
}

int
money_decimals(void)
{
	return decimals;
}

static int
isdigit_c(char c)
{
	return c >= '0' && c <= '9';
}

static size_t
span_digits(const char *s)
{
	size_t n = 0;

	while (isdigit_c(s[n]))
		n++;
	return n;
}

/* Append n decimal digits of s to *acc; -1 once *acc would pass limit. */
static int
accumulate(uint64_t *acc, const char *s, size_t n, uint64_t limit)
{
	unsigned d;

	for (; n > 0; n--, s++) {
		d = (unsigned)(*s - '0');
		if (*acc > limit / 10 || d > limit - *acc * 10)
			return -1;
		*acc = *acc * 10 + d;
	}
	return 0;
}

/* |v|, which for INT64_MIN does not fit an int64. */
static uint64_t
magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/* The inverse of magnitude(); m is at most 2^63 when neg. */
static int64_t
with_sign(uint64_t m, int neg)
{
	if (!neg)
		return (int64_t)m;
	return m == 0 ? 0 : -(int64_t)(m - 1) - 1;
}

static int
fail(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return -1;
}

int
money_parse(const char *s, int64_t *out, const char **why)
{
	static _Thread_local char too_precise[32];
	int64_t v;
	int d, st;

	/* salesmgr-files(5): an amount is -1234.50 or 1234.50, never +1234.50. */
	if (!s || *s == '+' || (st = dec_parse(s, &v, &d)) == -1)
		return fail(why, "not an amount");
	if (d > decimals) {
		snprintf(too_precise, sizeof too_precise,
		    "more than %d decimal%s", decimals, decimals == 1 ? "" : "s");
		return fail(why, too_precise);
	}
	if (st < 0 || __builtin_mul_overflow(v, dec_pow10(decimals - d), &v))
		return fail(why, "out of range");
	*out = v;
	return 0;
}

/*
 * The digits of |v| into buf, at least decimals + 1 of them so that there
 * is always a whole part; returns their count.
 */
static size_t
digits_of(int64_t v, char *buf)
{
	char tmp[24], *end = tmp + sizeof tmp, *p = end;
	uint64_t m = magnitude(v);
	unsigned r;
	size_t n;

	/* from the last digit, two at a time (a bulk load formats millions) */
	for (; m >= 100; m /= 100) {
		r = (unsigned)(m % 100);
		*--p = (char)('0' + r % 10);
		*--p = (char)('0' + r / 10);
	}
	*--p = (char)('0' + m % 10);
	if (m >= 10)
		*--p = (char)('0' + m / 10);
	while ((size_t)(end - p) < (size_t)decimals + 1)
		*--p = '0';
	n = (size_t)(end - p);
	memcpy(buf, p, n);
	return n;
}

char *
money_format(int64_t v, char *buf)
{
	char dig[24];
	size_t ndig, nwhole, len = 0;

	/* money_format_grouped(v, buf, "", ".") without its separators: the
	 * digits, the point, the decimals (a bulk load formats millions) */
	ndig = digits_of(v, dig);
	nwhole = ndig - (size_t)decimals;
	if (v < 0)
		buf[len++] = '-';
	memcpy(buf + len, dig, nwhole);
	len += nwhole;
	if (decimals > 0) {
		buf[len++] = '.';
		memcpy(buf + len, dig + nwhole, (size_t)decimals);
		len += (size_t)decimals;
	}
	buf[len] = '\0';
	return buf;
}

/* Bounded append: the caller's separators must not overrun MONEY_BUFSZ. */
static void
put(char *buf, size_t *len, const char *s, size_t n)
{
	if (n > MONEY_BUFSZ - 1 - *len)
		n = MONEY_BUFSZ - 1 - *len;
	memcpy(buf + *len, s, n);
	*len += n;
}

char *
money_format_grouped(int64_t v, char *buf, const char *thousands, const char *decimal)
{
	char dig[24];
	size_t ndig, nwhole, i, len = 0, tlen;

	if (!thousands)
		thousands = "";
	if (!decimal)
		decimal = ".";
	tlen = strlen(thousands);
	ndig = digits_of(v, dig);
	nwhole = ndig - (size_t)decimals;
	if (v < 0)
		put(buf, &len, "-", 1);
	for (i = 0; i < nwhole; i++) {
		if (i > 0 && (nwhole - i) % 3 == 0)
			put(buf, &len, thousands, tlen);
		put(buf, &len, dig + i, 1);
	}
	if (decimals > 0) {
		put(buf, &len, decimal, strlen(decimal));
		put(buf, &len, dig + nwhole, (size_t)decimals);
	}
	buf[len] = '\0';
	return buf;
}

int
money_add(int64_t a, int64_t b, int64_t *r)
{
	int64_t t;

	if (__builtin_add_overflow(a, b, &t))
		return -1;
	*r = t;
	return 0;
}

int
money_sub(int64_t a, int64_t b, int64_t *r)
{
	int64_t t;

	if (__builtin_sub_overflow(a, b, &t))
		return -1;
	*r = t;
	return 0;
}

int
money_mul(int64_t a, int64_t n, int64_t *r)
{
	int64_t t;

	if (__builtin_mul_overflow(a, n, &t))
		return -1;
	*r = t;
	return 0;
}

/*
 * num / den rounded half away from zero.  Both fit in 127 bits, so neither
 * the negation nor the doubling of the remainder can overflow.
 */
static int
div_round_wide(wide num, wide den, int64_t *r)
{
	wide q, rem;

	if (den == 0)
		return -1;
	if (den < 0) {
		num = -num;
		den = -den;
	}
	q = num / den;
	rem = num % den;
	if (rem * 2 >= den)
		q++;
	else if (-rem * 2 >= den)
		q--;
	if (q < INT64_MIN || q > INT64_MAX)
		return -1;
	*r = (int64_t)q;
	return 0;
}

int
money_apply_bp(int64_t a, int64_t bp, int64_t *r)
{
	return div_round_wide((wide)a * bp, 10000, r);
}

int
money_div_round(int64_t num, int64_t den, int64_t *r)
{
	return div_round_wide(num, den, r);
}

struct share {
	uwide rem;
	uint64_t units;		/* of |total|, which may be 2^63 */
	size_t idx;
};

/* Largest remainder first; equal ones in weight order. */
static int
cmp_share(const void *a, const void *b)
{
	const struct share *x = a, *y = b;

	if (x->rem != y->rem)
		return x->rem > y->rem ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

int
money_split(int64_t total, const int64_t *weights, size_t n, int64_t *parts)
{
	struct share *sh;
	uwide sum = 0, t = magnitude(total), x;
	uint64_t given = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (weights[i] < 0)
			return -1;
		sum += (uint64_t)weights[i];
	}
	if (sum == 0)
		return -1;
	sh = xreallocarray(NULL, n, sizeof *sh);
	for (i = 0; i < n; i++) {
		x = t * (uint64_t)weights[i];
		sh[i].units = (uint64_t)(x / sum);
		sh[i].rem = x % sum;
		sh[i].idx = i;
		given += sh[i].units;
	}
	qsort(sh, n, sizeof *sh, cmp_share);
	/* Fewer units are left over than there are weights: one each at most. */
	for (i = 0; given < (uint64_t)t; i++, given++)
		sh[i].units++;
	for (i = 0; i < n; i++)
		parts[sh[i].idx] = with_sign(sh[i].units, total < 0);
	free(sh);
	return 0;
}

int
money_rate_parse(const char *s, int64_t *bp)
{
	int64_t v;
	int d;

	/* A rate has no sign; 100% is 10000 bp. */
	if (*s == '+' || *s == '-' || dec_parse(s, &v, &d) < 0 || d > 2)
		return -1;
	v *= dec_pow10(2 - d);
	if (v > 10000)
		return -1;
	*bp = v;
	return 0;
}

char *
money_rate_format(int64_t bp, char *buf)
{
	size_t n;

	dec_format(bp, 2, buf);
	n = strlen(buf);
	while (buf[n - 1] == '0' && strchr(buf, '.'))
		buf[--n] = '\0';
	if (buf[n - 1] == '.')
		buf[--n] = '\0';
	return buf;
}

int
parse_uint(const char *s, long long max, long long *out)
{
	uint64_t v = 0;
	size_t n;

	if (!s || max < 0)
		return -1;
	n = span_digits(s);
	if (n == 0 || s[n] != '\0')
		return -1;
	if (accumulate(&v, s, n, (uint64_t)max) < 0)
		return -1;
	*out = (long long)v;
	return 0;
}

void
money_total_overflow(void)
{
	die("totals overflow: amounts in the ledger are too large; run sales-check");
}
