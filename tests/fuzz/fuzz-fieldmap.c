/*
 * libFuzzer target: the field map parser (lib/fieldmap.c).  Any text must
 * parse without a crash or a leak; a map that parses clean answers for
 * every field, and its labels map any value without a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fieldmap.h"

static const char *const fields[] = {
	"ref", "rep", "account", "amount", "currency", "stage", "status", "date"
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), out[MONEY_BUFSZ];
	struct fieldmap *m;
	const char *why, *v;
	size_t bad, i;
	date_t d;

	memcpy(text, data, size);
	text[size] = '\0';
	m = fieldmap_parse("fuzz", text, size, fields, 8, 0, &bad);
	for (i = 0; i < 8; i++) {
		if (!fieldmap_column(m, i))
			abort();
		v = fieldmap_value(m, i, "Closed Won", &why);
		if (!v && !why)
			abort();
		v = fieldmap_value(m, i, "", &why);
	}
	fieldmap_amount(m, 0, "1.234,56", out, &why);
	fieldmap_date(m, "02.10.2026 09:14", &d);
	fieldmap_free(m);
	free(text);
	return 0;
}
