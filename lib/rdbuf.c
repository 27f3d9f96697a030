#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rdbuf.h"
#include "xalloc.h"

void
rdbuf_init(struct rdbuf *b, int fd, size_t cap)
{
	b->fd = fd;
	b->eof = b->owned_fd = 0;
	b->cap = cap;
	b->start = b->end = 0;
	b->buf = xmalloc(cap + 1);
}

int
rdbuf_fill(struct rdbuf *b, const char *name, char *err, size_t errsz)
{
	ssize_t n;

	if (b->eof)
		return 0;
	if (b->start > 0) {
		memmove(b->buf, b->buf + b->start, b->end - b->start);
		b->end -= b->start;
		b->start = 0;
	}
	if (b->end == b->cap) {
		b->cap *= 2;
		b->buf = xreallocarray(b->buf, b->cap + 1, 1);
	}
	while ((n = read(b->fd, b->buf + b->end, b->cap - b->end)) < 0)
		if (errno != EINTR) {
			snprintf(err, errsz, "%s: read error: %s", name, strerror(errno));
			return -1;
		}
	if (n == 0) {
		b->eof = 1;
		return 0;
	}
	b->end += (size_t)n;
	return 1;
}

void
rdbuf_free(struct rdbuf *b)
{
	if (b->owned_fd)
		close(b->fd);
	free(b->buf);
	b->buf = NULL;
}
