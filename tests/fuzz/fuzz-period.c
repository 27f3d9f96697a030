/*
 * fuzz-period: period_parse() on arbitrary text.  The first byte chooses
 * fiscal_year_start (byte % 12 + 1, so an ASCII digit d means d + 1), the
 * rest is the period, resolved against 2026-11-26.  A period runs forwards
 * within the text form, and its name parses back to the same period.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct period p, q;
	date_t today;
	char *s;
	int fys;

	if (size == 0)
		return 0;
	fys = data[0] % 12 + 1;
	s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	today = date_from_ymd(2026, 11, 26);
	if (period_parse(s, today, fys, &p) == 0) {
		if (p.from > p.to || p.from < DATE_MIN || p.to > DATE_MAX ||
		    period_days(&p) != p.to - p.from + 1 ||
		    !period_contains(&p, p.from) || !period_contains(&p, p.to))
			abort();
		if (memchr(p.name, '\0', sizeof p.name) == NULL)
			abort();
		if (period_parse(p.name, today, fys, &q) != 0 ||
		    q.from != p.from || q.to != p.to || q.kind != p.kind ||
		    strcmp(q.name, p.name) != 0)
			abort();
	}
	free(s);
	return 0;
}
