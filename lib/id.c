#include <string.h>

#include "id.h"

int
id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    c == '.' || c == '_' || c == '-';
}

const char *
id_check(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0)
		return "is empty";
	if (n > ID_MAX)
		return "is longer than 32 bytes";
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return "must start with a-z or 0-9";
	for (i = 1; i < n; i++)
		if (!id_char(s[i]))
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
