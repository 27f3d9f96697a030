/*
 * fuzz-date: date_parse() and date_relative() on arbitrary text.  A date
 * that parses prints back as the very same text, and its ISO week leads
 * back to it.  A relative date stays within the text form.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_date(const char *s, date_t t)
{
	char buf[DATE_BUFSZ];
	date_t monday;
	int y, w;

	if (strcmp(date_format(t, buf), s) != 0)
		abort();
	date_iso_week(t, &y, &w);
	if (date_from_iso_week(y, w, &monday) != 0 ||
	    monday + date_weekday(t) - 1 != t)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, buf[DATE_BUFSZ];
	date_t t, base;

	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (date_parse(s, &t) == 0)
		check_date(s, t);
	base = date_from_ymd(2026, 1, 31);
	if (date_relative(s, base, &t) == 0) {
		if (t < DATE_MIN || t > DATE_MAX)
			abort();
		if (date_parse(date_format(t, buf), &base) != 0 || base != t)
			abort();
	}
	free(s);
	return 0;
}
