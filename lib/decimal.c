#include <stdint.h>

#include "decimal.h"

int
dec_parse(const char *s, int64_t *out, int *decimals)
{
	uint64_t m = 0, max;
	int neg = 0, d = 0, digit;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	max = (uint64_t)INT64_MAX + (uint64_t)neg;
	if (*s < '0' || *s > '9')
		return -1;
	for (;; s++) {
		if (*s == '.' && d == 0 && s[1] >= '0' && s[1] <= '9') {
			d = 1;
			continue;
		}
		if (*s < '0' || *s > '9')
			break;
		digit = *s - '0';
		if (d && d++ > DEC_MAX_DECIMALS)
			return -3;
		if (m > (max - (uint64_t)digit) / 10)
			return -2;
		m = m * 10 + (uint64_t)digit;
	}
	if (*s)
		return -1;
	*decimals = d ? d - 1 : 0;
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
