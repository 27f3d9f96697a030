#include <string.h>

#include "id.h"

int
id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    c == '.' || c == '_' || c == '-';
}

/* The bytes of an id, for a check in one pass. */
static const unsigned char id_bytes[256] = {
	['-'] = 1, ['.'] = 1, ['_'] = 1,
	['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2, ['6'] = 2,
	['7'] = 2, ['8'] = 2, ['9'] = 2,
	['a'] = 2, ['b'] = 2, ['c'] = 2, ['d'] = 2, ['e'] = 2, ['f'] = 2, ['g'] = 2,
	['h'] = 2, ['i'] = 2, ['j'] = 2, ['k'] = 2, ['l'] = 2, ['m'] = 2, ['n'] = 2,
	['o'] = 2, ['p'] = 2, ['q'] = 2, ['r'] = 2, ['s'] = 2, ['t'] = 2, ['u'] = 2,
	['v'] = 2, ['w'] = 2, ['x'] = 2, ['y'] = 2, ['z'] = 2,
};

const char *
id_check(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n, good;

	/* One pass while the bytes are an id's; the length counts first. */
	for (good = 0; id_bytes[u[good]]; good++)
		;
	n = u[good] ? good + strlen(s + good) : good;
	if (n == 0)
		return "is empty";
	if (n > ID_MAX)
		return "is longer than 32 bytes";
	if (id_bytes[u[0]] != 2)
		return "must start with a-z or 0-9";
	if (good < n)
		return "may hold only a-z, 0-9, '.', '_' and '-'";
	return NULL;
}

const char *
genid_check(const char *s, char letter)
{
	size_t n = strlen(s), i;

	if (n < 2 || s[0] != letter)
		return letter == 'D' ? "is not a deal id (D1, D2, ...)" :
		    "is not a note id (N1, N2, ...)";
	if (s[1] == '0' || n > 19)
		return "has a bad number";
	for (i = 1; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return "has a bad number";
	return NULL;
}

size_t
genid_format(char out[GENID_SZ], char letter, long long n)
{
	char digits[GENID_SZ];
	unsigned long long u = n < 0 ? 0 : (unsigned long long)n;
	size_t k = 0, len = 0;

	do
		digits[k++] = (char)('0' + u % 10);
	while ((u /= 10) && k < sizeof digits - 2);
	out[len++] = letter;
	while (k)
		out[len++] = digits[--k];
	out[len] = '\0';
	return len;
}

size_t
genid_next(char id[GENID_SZ], size_t len)
{
	size_t i = len - 1;

	while (i >= 1 && id[i] == '9')
		id[i--] = '0';
	if (i >= 1) {
		id[i]++;
		return len;
	}
	/* every digit was a 9: one more digit, 10...0 */
	id[1] = '1';
	id[len++] = '0';
	id[len] = '\0';
	return len;
}

uint32_t
deal_number(const char *p, size_t n)
{
	uint32_t k = 0;
	unsigned c;
	size_t i;

	if (n < 2 || n > 10 || p[0] != 'D' || p[1] == '0')
		return 0;
	for (i = 1; i < n; i++) {
		if ((c = (unsigned char)p[i] - '0') > 9)
			return 0;
		k = k * 10 + c;
	}
	return k;
}
