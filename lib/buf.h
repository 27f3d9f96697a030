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
#include <string.h>

struct buf {
	char *data;
	size_t len, cap;
};
#define BUF_INIT { 0, 0, 0 }

/* n bytes at p, owned elsewhere: one of the pieces that, one after
 * another, make a file's content (written, or hashed, without a copy of
 * the whole). */
struct buf_piece {
	const char *p;
	size_t n;
};

void buf_grow(struct buf *b, size_t extra);
static inline void buf_add(struct buf *b, const void *p, size_t n);
static inline void buf_addc(struct buf *b, char c);
static inline void buf_adds(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

/* Inline: a bulk load adds bytes a few dozen times a row; only growing
 * calls out. */
static inline void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->cap - b->len <= n)
		buf_grow(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static inline void
buf_addc(struct buf *b, char c)
{
	if (b->cap - b->len < 2)
		buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

static inline void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

#endif
