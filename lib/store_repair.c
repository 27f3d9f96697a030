/* The repairs of the store layer (store.h): sales-check --repair writes
 * through these alone. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "store.h"
#include "store_impl.h"
#include "xalloc.h"

static void
pread_all(struct store *s, const char *relpath, int fd, char *p, size_t n, off_t off)
{
	ssize_t r;

	while (n > 0) {
		r = pread(fd, p, n, off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0)
				errno = EIO;
			die_errno("%s/%s", s->path, relpath);
		}
		p += r;
		n -= (size_t)r;
		off += r;
	}
}

/* The length of the file up to and including its last LF (0 if none). */
static off_t
whole_lines(struct store *s, const char *relpath, int fd, off_t size)
{
	char buf[65536], *nl;
	off_t pos = size;
	size_t n;

	while (pos > 0) {
		n = pos < (off_t)sizeof buf ? (size_t)pos : sizeof buf;
		pos -= (off_t)n;
		pread_all(s, relpath, fd, buf, n, pos);
		if ((nl = memrchr(buf, '\n', n)))
			return pos + (nl - buf) + 1;
	}
	return 0;
}

static int
open_lost_found(struct store *s)
{
	struct stat st;
	int fd;

	if (mkdirat(s->dirfd, STORE_LOST_FOUND, 0700) == 0) {
		if (fsync(s->dirfd) < 0)
			die_errno("%s", s->path);
	} else if (errno != EEXIST)
		die_errno("%s/%s: cannot create", s->path, STORE_LOST_FOUND);
	fd = openat(s->dirfd, STORE_LOST_FOUND, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		die_errno("%s/%s", s->path, STORE_LOST_FOUND);
	if (fstat(fd, &st) < 0)
		die_errno("%s/%s", s->path, STORE_LOST_FOUND);
	if (st.st_uid != geteuid() || (st.st_mode & 077))
		die("%s/%s: not private to you (want mode 0700); refused", s->path,
		    STORE_LOST_FOUND);
	return fd;
}

/* Save tail (n bytes, cut from relpath) as a new file of lost+found/,
 * durably; its path relative to the directory goes to saved. */
static void
save_tail(struct store *s, const char *relpath, const char *tail, size_t n,
	  struct buf *saved)
{
	struct buf name = BUF_INIT;
	struct stat st;
	size_t len;
	char *p;
	int lfd, k;

	/* Under the exclusive lock no one else names files in lost+found. */
	lfd = open_lost_found(s);
	buf_printf(&name, "%s.%lld", relpath, (long long)time(NULL));
	for (p = name.data; *p; p++)
		if (*p == '/')
			*p = '-';
	len = name.len;
	for (k = 1; fstatat(lfd, name.data, &st, AT_SYMLINK_NOFOLLOW) == 0 ||
	    errno != ENOENT; k++) {
		if (k > 1000)
			die_errno("%s/%s/%s", s->path, STORE_LOST_FOUND, name.data);
		name.len = len;
		buf_printf(&name, ".%d", k);
	}
	if (atomic_write_at(lfd, name.data, tail, n) != 0)
		die_errno("%s/%s/%s: cannot write; %s was left as it was",
		    s->path, STORE_LOST_FOUND, name.data, relpath);
	close(lfd);
	buf_reset(saved);
	buf_printf(saved, "%s/%s", STORE_LOST_FOUND, name.data);
	buf_free(&name);
}

long long
store_cut_torn_tail(struct store *s, const char *relpath, struct buf *saved)
{
	const char *base;
	struct stat st;
	off_t keep;
	size_t n;
	char *tail;
	int pfd, fd;

	store_need_write(s, relpath);
	if ((pfd = store_open_parent(s, relpath, &base)) < 0)
		die_errno("%s/%.*s", s->path, (int)(base - relpath - 1), relpath);
	fd = openat(pfd, base, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		die_errno("%s/%s", s->path, relpath);
	store_close_parent(s, pfd);
	if (fstat(fd, &st) < 0)
		die_errno("%s/%s", s->path, relpath);
	if (!S_ISREG(st.st_mode) || st.st_nlink != 1) {
		close(fd);
		return -1;
	}
	keep = whole_lines(s, relpath, fd, st.st_size);
	n = (size_t)(st.st_size - keep);
	if (n == 0) {
		close(fd);
		return 0;
	}
	tail = xmalloc(n);
	pread_all(s, relpath, fd, tail, n, keep);
	save_tail(s, relpath, tail, n, saved);
	free(tail);
	/* The torn bytes are safe now; only then may the ledger lose them. */
	if (ftruncate(fd, keep) < 0 || fsync(fd) < 0 || close(fd) < 0)
		die_errno("%s/%s: cannot cut the torn tail (a copy is in %s)",
		    s->path, relpath, saved->data);
	return (long long)n;
}

void
store_remove_cache_entry(struct store *s, const char *relpath)
{
	const char *slash = strchr(relpath, '/');
	int fd = s->dirfd;

	store_need_write(s, relpath);
	if (strncmp(relpath, "cache", 5) != 0 || (relpath[5] != '\0' && relpath[5] != '/') ||
	    (slash && (!slash[1] || strchr(slash + 1, '/'))))
		die("%s: internal error: not a name of the cache", relpath);
	if (slash && (fd = openat(s->dirfd, "cache", O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0)
		return;
	if (unlinkat(fd, slash ? slash + 1 : relpath, 0) < 0 && errno != ENOENT)
		die_errno("%s/%s: cannot remove", s->path, relpath);
	fsync(fd);
	if (fd != s->dirfd)
		close(fd);
}

int
store_make_private(struct store *s, const char *relpath, mode_t *was)
{
	const char *base;
	struct stat st;
	int pfd, fd;

	store_need_write(s, relpath);
	if (strcmp(relpath, ".") == 0)
		fd = openat(s->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	else {
		if ((pfd = store_open_parent(s, relpath, &base)) < 0)
			return 0;
		fd = openat(pfd, base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		store_close_parent(s, pfd);
	}
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	if (fstat(fd, &st) < 0 || st.st_uid != geteuid() ||
	    !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))) {
		close(fd);
		return -2;
	}
	*was = st.st_mode;
	if (!(st.st_mode & 077)) {
		close(fd);
		return 0;
	}
	if (fchmod(fd, st.st_mode & 07700) < 0)
		die_errno("%s/%s: cannot change its mode", s->path, relpath);
	close(fd);
	return 1;
}
