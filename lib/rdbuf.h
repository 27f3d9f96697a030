/*
 * rdbuf: the read buffer under the TSV and CSV readers: the bytes of a file
 * descriptor not yet consumed lie between buf + start and buf + end.  The
 * readers consume by moving start; rdbuf_fill() moves what is left to the
 * front, doubles the buffer when it is full (a line longer than it), and
 * reads once more.
 *
 *   rdbuf_init(&b, fd, cap);
 *   while ((st = rdbuf_fill(&b, name, err, sizeof err)) > 0)
 *           ... consume bytes from b.buf + b.start to b.buf + b.end ...
 *   rdbuf_free(&b);                   closes fd when owned_fd is set
 *
 * rdbuf_fill() returns 1 when it read something, 0 at the end of the file
 * (eof is then set, and it reads no more), -1 on a read error with
 * "NAME: read error: ..." in err.  buf always has one byte to spare past
 * cap, for a terminating NUL.
 */
#ifndef RDBUF_H
#define RDBUF_H
#include <stddef.h>

struct rdbuf {
	int fd, eof, owned_fd;
	char *buf;
	size_t cap, start, end;
};

void rdbuf_init(struct rdbuf *b, int fd, size_t cap);
int rdbuf_fill(struct rdbuf *b, const char *name, char *err, size_t errsz);
void rdbuf_free(struct rdbuf *b);

#endif
