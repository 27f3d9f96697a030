/*
 * libFuzzer target: the CSV reader (lib/csv.c) and the amount and date
 * readers of field maps.  Any input must be read without a crash or a
 * leak; every record it accepts has as many fields as the header, each as
 * long as its length says, and starts on a line no later than the next.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "csv.h"
#include "fieldmap.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader *r;
	unsigned long last = 0;
	char out[MONEY_BUFSZ], text[64];
	const char *why;
	size_t i;
	date_t d;
	int fd, st;

	fd = memfd_create("fuzz", 0);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size || lseek(fd, 0, SEEK_SET) != 0)
		abort();
	r = csv_open(fd, "fuzz");
	if (csv_header(r) == TSV_ROW) {
		while ((st = csv_next(r)) != TSV_EOF && st != TSV_IOERR) {
			if (r->line < last)
				abort();
			last = r->line;
			if (st != TSV_ROW)
				continue;
			for (i = 0; i < r->ncols; i++)
				if (strlen(r->f[i]) != r->flen[i] && !memchr(r->f[i], 0, r->flen[i]))
					abort();
		}
	}
	csv_close(r);
	close(fd);
	/* The first bytes as an amount and a date, both number formats. */
	memcpy(text, data, size < sizeof text - 1 ? size : sizeof text - 1);
	text[size < sizeof text - 1 ? size : sizeof text - 1] = '\0';
	if (fieldmap_amount(NULL, 0, text, out, &why) == 0 && strlen(out) >= MONEY_BUFSZ)
		abort();
	if (fieldmap_amount(NULL, 1, text, out, &why) == 0 && strlen(out) >= MONEY_BUFSZ)
		abort();
	if (fieldmap_date(NULL, text, &d) == 0 && (d < DATE_MIN || d > DATE_MAX))
		abort();
	return 0;
}
