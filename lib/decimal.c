#include <stdint.h>
#include <string.h>

#include "decimal.h"

int
dec_parse(const char *s, int64_t *out, int *decimals)
{
	const char *whole, *frac = "";
	size_t nwhole, nfrac = 0, i;
	uint64_t m = 0, max;
	unsigned digit;
	int neg = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	whole = s;
	/* The digits are summed as they are counted: eighteen always fit
	 * (amounts have a dozen at most); more wrap, and are summed again
	 * below with the range checked. */
	for (nwhole = 0; (digit = (unsigned char)s[nwhole] - (unsigned)'0') <= 9; nwhole++)
		m = m * 10 + digit;
	s += nwhole;
	if (*s == '.') {
		frac = ++s;
		for (; (digit = (unsigned char)s[nfrac] - (unsigned)'0') <= 9; nfrac++)
			m = m * 10 + digit;
		s += nfrac;
		if (nfrac == 0)
			return -1;
	}
	if (nwhole == 0 || *s != '\0')
		return -1;
	*decimals = nfrac > DEC_MAX_DECIMALS ? DEC_MAX_DECIMALS + 1 : (int)nfrac;
	if (nfrac > DEC_MAX_DECIMALS)
		return -3;
	if (nwhole + nfrac <= 18) {
		*out = neg ? (int64_t)(0 - m) : (int64_t)m;
		return 0;
	}
	/* INT64_MIN has no positive counterpart: its magnitude is one more. */
	max = (uint64_t)INT64_MAX + (uint64_t)neg;
	m = 0;
	for (i = 0; i < nwhole + nfrac; i++) {
		digit = (unsigned)((i < nwhole ? whole[i] : frac[i - nwhole]) - '0');
		if (m > (max - digit) / 10)
			return -2;
		m = m * 10 + digit;
	}
	*out = neg ? (int64_t)(0 - m) : (int64_t)m;
	return 0;
}

int64_t
dec_pow10(int n)
{
	int64_t p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

char *
dec_format(int64_t v, int scale, char *buf)
{
	uint64_t m = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	char tmp[32];
	int n = 0, i = 0;

	do {
		tmp[n++] = (char)('0' + m % 10);
		m /= 10;
	} while (m || n <= scale);
	if (v < 0)
		buf[i++] = '-';
	while (n > 0) {
		if (n == scale)
			buf[i++] = '.';
		buf[i++] = tmp[--n];
	}
	buf[i] = '\0';
	return buf;
}
