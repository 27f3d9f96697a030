/*
 * libFuzzer target: the TSV reader and the escape round trip.  Any input
 * must be read without a crash; every row it accepts must survive
 * escape -> split -> unescape unchanged.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "buf.h"
#include "tsv.h"

static void
round_trip(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	char *f[2], err[256];
	size_t flen[2];
	long nf;

	tsv_escape(&b, s, n);
	if (memchr(b.data, '\t', b.len) || memchr(b.data, '\n', b.len))
		abort();
	nf = tsv_split(b.data, b.len, f, flen, 2, err, sizeof err);
	if (memchr(s, '\0', n) || utf8_valid_prefix(s, n) < n) {
		buf_free(&b);
		return;
	}
	if (nf != 1 || flen[0] != n || memcmp(f[0], s, n) != 0)
		abort();
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tsv_reader *r;
	size_t i;
	int fd, st;

	round_trip((const char *)data, size);
	fd = memfd_create("fuzz", 0);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size || lseek(fd, 0, SEEK_SET) != 0)
		abort();
	r = tsv_open(fd, "fuzz");
	if (tsv_header(r) == TSV_ROW) {
		while ((st = tsv_next(r)) != TSV_EOF && st != TSV_IOERR) {
			if (st != TSV_ROW)
				continue;
			for (i = 0; i < r->ncols; i++)
				if (strlen(r->f[i]) != r->flen[i])
					abort();
		}
	}
	tsv_close(r);
	close(fd);
	return 0;
}
