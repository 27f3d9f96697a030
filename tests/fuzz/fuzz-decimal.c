/*
 * fuzz-decimal: dec_parse() on arbitrary text.  Whatever parses must format
 * back to text that parses to the same value at the same scale, and
 * rescaling by dec_pow10() must keep the value when it does not overflow;
 * a refusal must be one of the three reasons.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decimal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[64], buf[DEC_BUFSZ];
	int64_t v, w, up;
	int d, e, st;

	if (size >= sizeof s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	st = dec_parse(s, &v, &d);
	if (st < -3 || st > 0)
		abort();
	if (st < 0)
		return 0;
	if (d < 0 || d > DEC_MAX_DECIMALS)
		abort();
	dec_format(v, d, buf);
	if (strlen(buf) >= sizeof buf || dec_parse(buf, &w, &e) != 0 || w != v || e != d)
		abort();
	/* At a larger scale: the same number, digits appended. */
	if (d < DEC_MAX_DECIMALS && !__builtin_mul_overflow(v, dec_pow10(1), &up)) {
		char more[DEC_BUFSZ + 1];

		dec_format(up, d + 1, more);
		if (strncmp(more, buf, strlen(buf)) != 0)
			abort();
	}
	return 0;
}
