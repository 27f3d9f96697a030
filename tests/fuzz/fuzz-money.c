/*
 * fuzz-money: money_parse() on arbitrary text.  The first byte chooses the
 * decimals (byte % 4, so an ASCII digit d means d % 4), the rest is the
 * amount.  Whatever parses must print canonically and parse back to the
 * same value; a refusal must say why.  The parsed value also goes through
 * money_apply_bp() and money_split() to check their rounding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_roundtrip(int64_t v)
{
	char canon[MONEY_BUFSZ], again[MONEY_BUFSZ], grouped[MONEY_BUFSZ];
	const char *why = NULL;
	size_t i, j;
	int64_t w;

	money_format(v, canon);
	if (money_parse(canon, &w, &why) != 0 || w != v)
		abort();
	if (strcmp(money_format(w, again), canon) != 0)
		abort();
	/* Grouping only inserts separators. */
	money_format_grouped(v, grouped, ",", ".");
	for (i = j = 0; grouped[i]; i++)
		if (grouped[i] != ',')
			grouped[j++] = grouped[i];
	grouped[j] = '\0';
	if (strcmp(grouped, canon) != 0)
		abort();
}

static void
check_bp(int64_t v, int64_t bp)
{
	__int128 diff;
	int64_t r;

	if (money_apply_bp(v, bp, &r) < 0)
		return;
	diff = (__int128)r * 10000 - (__int128)v * bp;
	if (diff > 5000 || diff < -5000)
		abort();
}

static void
check_split(int64_t v, const uint8_t *w8, size_t n)
{
	int64_t w[8], parts[8];
	__int128 sum = 0, wsum = 0, diff;
	size_t i;

	if (n > 8)
		n = 8;
	for (i = 0; i < n; i++)
		wsum += w[i] = w8[i];
	if (money_split(v, w, n, parts) < 0) {
		if (wsum != 0)
			abort();
		return;
	}
	for (i = 0; i < n; i++) {
		sum += parts[i];
		diff = (__int128)parts[i] * wsum - (__int128)v * w[i];
		if (diff >= wsum || diff <= -wsum)
			abort();
	}
	if (sum != v)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *why = NULL;
	char *s;
	int64_t v;

	if (size == 0)
		return 0;
	money_set_decimals(data[0] % 4);
	s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	if (money_parse(s, &v, &why) == 0) {
		check_roundtrip(v);
		check_bp(v, (int64_t)(size * 37) - 20000);
		check_split(v, data, size);
	} else if (!why || !*why) {
		abort();
	}
	free(s);
	return 0;
}
