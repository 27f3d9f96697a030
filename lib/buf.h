/*
 * buf: a growable byte buffer, used to build whole files and output lines
 * before they are written in one go.  Zero-initialise a struct buf (or use
 * BUF_INIT); buf_free() releases it.  data is always NUL-terminated after
 * any call, so it may be used as a string when it holds no NUL bytes.
 */
#ifndef BUF_H
#define BUF_H
#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len, cap;
};
#define BUF_INIT { 0, 0, 0 }

void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_addc(struct buf *b, char c);
void buf_adds(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

#endif
