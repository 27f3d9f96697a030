#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "store.h"
#include "xalloc.h"

#define LOCK_TIMEOUT_DEFAULT 10

int
write_all(int fd, const void *p, size_t n)
{
	const char *s = p;
	ssize_t w;

	while (n > 0) {
		w = write(fd, s, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int
read_all(int fd, char **data, size_t *len)
{
	struct buf b = BUF_INIT;
	ssize_t n;

	buf_grow(&b, 65536);
	for (;;) {
		buf_grow(&b, 65536);
		n = read(fd, b.data + b.len, b.cap - b.len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			buf_free(&b);
			return -1;
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
	}
	b.data[b.len] = '\0';
	*data = b.data;
	*len = b.len;
	return 0;
}

char *
store_resolve(const char *opt)
{
	const char *env, *home;
	struct buf b = BUF_INIT;

	if (opt && *opt)
		return xstrdup(opt);
	env = getenv("SALESMGR_DIR");
	if (env && *env)
		return xstrdup(env);
	env = getenv("XDG_DATA_HOME");
	if (env && *env == '/') {
		buf_printf(&b, "%s/salesmgr", env);
		return b.data;
	}
	home = getenv("HOME");
	if (!home || !*home)
		die("no data directory: use -D DIR, set SALESMGR_DIR, or set HOME");
	buf_printf(&b, "%s/.local/share/salesmgr", home);
	return b.data;
}

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long
lock_timeout(void)
{
	const char *s = getenv("SALESMGR_LOCK_TIMEOUT");
	char *end;
	long v;

	if (!s || !*s)
		return LOCK_TIMEOUT_DEFAULT;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 0 || v > 86400)
		die("invalid SALESMGR_LOCK_TIMEOUT '%s': want seconds (0-86400)", s);
	return v;
}

static void
take_lock(struct store *s)
{
	int op = s->mode == STORE_WRITE ? LOCK_EX : LOCK_SH;
	double deadline = now_seconds() + (double)lock_timeout();
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	struct stat st;

	s->lockfd = openat(s->dirfd, ".lock",
	    O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
	if (s->lockfd < 0)
		die_errno("%s/.lock", s->path);
	if (fstat(s->lockfd, &st) < 0)
		die_errno("%s/.lock", s->path);
	if (!S_ISREG(st.st_mode))
		die("%s/.lock: not a regular file; refused", s->path);
	while (flock(s->lockfd, op | LOCK_NB) < 0) {
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK)
			die_errno("%s/.lock", s->path);
		if (now_seconds() >= deadline)
			die_status(EXIT_BUSY, "%s: data directory is busy "
			    "(another program is writing); try again later", s->path);
		nanosleep(&pause, NULL);
	}
}

static int
remove_temporaries_in(int dirfd, int depth)
{
	DIR *d;
	struct dirent *e;
	int fd, n = 0, sub;

	fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || !(d = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, STORE_TMP_PREFIX, strlen(STORE_TMP_PREFIX)) == 0) {
			if (unlinkat(dirfd, e->d_name, 0) == 0)
				n++;
			continue;
		}
		if (depth == 0 && e->d_type == DT_DIR && e->d_name[0] != '.') {
			sub = openat(dirfd, e->d_name,
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub >= 0) {
				n += remove_temporaries_in(sub, 1);
				close(sub);
			}
		}
	}
	closedir(d);
	if (n > 0)
		fsync(dirfd);
	return n;
}

int
store_remove_temporaries(int dirfd)
{
	return remove_temporaries_in(dirfd, 0);
}

static void finish_pending(struct store *s);

struct store *
store_open(const char *opt, enum store_mode mode)
{
	struct store *s = xcalloc(1, sizeof *s);
	struct stat st;

	s->path = store_resolve(opt);
	s->mode = mode;
	s->lockfd = -1;
	s->dirfd = open(s->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (s->dirfd < 0) {
		if (errno == ENOENT)
			die("%s: no such data directory; create it with sales-init %s",
			    s->path, s->path);
		if (errno == ELOOP || (errno == ENOTDIR &&
		    lstat(s->path, &st) == 0 && S_ISLNK(st.st_mode)))
			die("%s: data directory is a symlink; refused", s->path);
		die_errno("%s", s->path);
	}
	if (fstat(s->dirfd, &st) < 0)
		die_errno("%s", s->path);
	if (st.st_uid != geteuid())
		die("%s: data directory is not owned by you; refused", s->path);
	if (st.st_mode & 022)
		die("%s: data directory is group or world writable; "
		    "fix it with chmod 700 %s", s->path, s->path);
	if (fstatat(s->dirfd, "config.tsv", &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT)
			die("%s: not a salesmgr data directory (no config.tsv); "
			    "create one with sales-init", s->path);
		die_errno("%s/config.tsv", s->path);
	}
	take_lock(s);
	if (mode == STORE_WRITE) {
		finish_pending(s);
		store_remove_temporaries(s->dirfd);
	} else if (mode == STORE_READ &&
	    fstatat(s->dirfd, STORE_PENDING, &st, AT_SYMLINK_NOFOLLOW) == 0)
		die("%s: a change was interrupted and left temporary files; "
		    "finish it with sales-check --repair", s->path);
	return s;
}

void
store_close(struct store *s)
{
	if (!s)
		return;
	if (s->lockfd >= 0)
		close(s->lockfd);
	close(s->dirfd);
	free(s->finished);
	free(s->path);
	free(s);
}

/* The directory holding relpath (opened), and its last component. */
static int
parent_of(struct store *s, const char *relpath, const char **base, int create)
{
	const char *slash = strchr(relpath, '/');
	char *sub;
	int fd;

	if (!slash) {
		*base = relpath;
		return s->dirfd;
	}
	*base = slash + 1;
	sub = xstrndup(relpath, (size_t)(slash - relpath));
	fd = openat(s->dirfd, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && create) {
		if (mkdirat(s->dirfd, sub, 0700) < 0 || fsync(s->dirfd) < 0)
			die_errno("%s/%s: cannot create", s->path, sub);
		fd = openat(s->dirfd, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	}
	if (fd < 0 && errno != ENOENT)
		die_errno("%s/%s", s->path, sub);
	free(sub);
	return fd;
}

static void
close_parent(struct store *s, int fd)
{
	if (fd >= 0 && fd != s->dirfd)
		close(fd);
}

/* Refuse anything but a plain file with one name. */
static void
check_regular(struct store *s, const char *relpath, const struct stat *st)
{
	if (!S_ISREG(st->st_mode))
		die("%s/%s: not a regular file; refused", s->path, relpath);
	if (st->st_nlink != 1)
		die("%s/%s: has %lu hard links; refused", s->path, relpath,
		    (unsigned long)st->st_nlink);
}

/* -1: it does not exist; -2 (only when soft): another error, in errno. */
static int
open_checked(struct store *s, const char *relpath, int flags, struct stat *st, int soft)
{
	const char *base;
	int pfd, fd, e;

	pfd = parent_of(s, relpath, &base, 0);
	if (pfd < 0)
		return -1;
	/* O_NONBLOCK: a FIFO planted in the directory must not hang us. */
	fd = openat(pfd, base, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	e = errno;
	close_parent(s, pfd);
	if (fd < 0) {
		if (e == ENOENT)
			return -1;
		if (e == ELOOP)
			die("%s/%s: is a symlink; refused", s->path, relpath);
		errno = e;
		if (soft)
			return -2;
		die_errno("%s/%s", s->path, relpath);
	}
	if (fstat(fd, st) < 0)
		die_errno("%s/%s", s->path, relpath);
	check_regular(s, relpath, st);
	if (fcntl(fd, F_SETFL, flags & O_APPEND) < 0)
		die_errno("%s/%s", s->path, relpath);
	return fd;
}

int
store_open_read(struct store *s, const char *relpath)
{
	struct stat st;

	return open_checked(s, relpath, O_RDONLY, &st, 0);
}

int
store_exists(struct store *s, const char *relpath)
{
	struct stat st;
	const char *base;
	int pfd, r;

	pfd = parent_of(s, relpath, &base, 0);
	if (pfd < 0)
		return 0;
	r = fstatat(pfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0;
	close_parent(s, pfd);
	return r;
}

int
store_stat(struct store *s, const char *relpath, struct stat *st)
{
	const char *base;
	int pfd, r;

	pfd = parent_of(s, relpath, &base, 0);
	if (pfd < 0)
		return -1;
	r = fstatat(pfd, base, st, AT_SYMLINK_NOFOLLOW);
	close_parent(s, pfd);
	return r;
}

off_t
store_size(struct store *s, const char *relpath)
{
	struct stat st;

	return store_stat(s, relpath, &st) < 0 ? -1 : st.st_size;
}

void
store_truncate(struct store *s, const char *relpath, off_t size)
{
	struct stat st;
	const char *base;
	int pfd, fd;

	pfd = parent_of(s, relpath, &base, 0);
	if (pfd < 0)
		return;
	if (size < 0) {
		/* It did not exist before: it goes, and the directory says so. */
		if (unlinkat(pfd, base, 0) < 0 || fsync(pfd) < 0)
			warn_errno("%s/%s: cannot take back the append", s->path, relpath);
	} else {
		fd = open_checked(s, relpath, O_RDWR, &st, 1);
		if (fd < 0 || ftruncate(fd, size) < 0 || fsync(fd) < 0)
			warn_errno("%s/%s: cannot take back the append", s->path, relpath);
		if (fd >= 0)
			close(fd);
	}
	close_parent(s, pfd);
}

int
store_prune(struct store *s, const char *dir, const char *prefix, const char *keep)
{
	struct dirent *e;
	DIR *d;
	int fd, n = 0;

	if (s->mode != STORE_WRITE)
		die("%s: internal error: write without the write lock", dir);
	fd = openat(s->dirfd, dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return 0;
	if (!(d = fdopendir(fd))) {
		close(fd);
		return 0;
	}
	while ((e = readdir(d)))
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 &&
		    (!keep || strcmp(e->d_name, keep) != 0) &&
		    unlinkat(dirfd(d), e->d_name, 0) == 0)
			n++;
	closedir(d);
	return n;
}

struct table *
store_load(struct store *s, const char *name)
{
	return store_load_where(s, name, NULL, NULL);
}

struct table *
store_load_where(struct store *s, const char *name,
		 int (*keep)(const struct tsv_reader *r, const char *line, size_t len,
		     void *arg), void *arg)
{
	struct table *t;
	int fd = store_open_read(s, name);

	if (fd < 0)
		die("%s/%s: missing; run sales-check", s->path, name);
	t = table_read_where(fd, name, keep, arg);
	close(fd);
	if (!t)
		die("%s/%s: cannot be used until the problems above are fixed",
		    s->path, name);
	return t;
}

/* Write data to a new temporary beside name in dirfd, durably; its name
 * goes to tmp.  -1 (errno set, nothing left behind) on failure. */
static int
write_temp(int dirfd, const char *name, const char *data, size_t len, struct buf *tmp)
{
	int fd, e, n;

	for (n = 0;; n++) {
		buf_reset(tmp);
		buf_printf(tmp, "%s%s.%ld.%d", STORE_TMP_PREFIX, name, (long)getpid(), n);
		fd = openat(dirfd, tmp->data,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST || n > 100)
			break;
	}
	if (fd < 0)
		return -1;
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0 || close(fd) < 0) {
		e = errno;
		close(fd);
		unlinkat(dirfd, tmp->data, 0);
		errno = e;
		return -1;
	}
	return 0;
}

int
atomic_write_at(int dirfd, const char *name, const char *data, size_t len)
{
	struct buf tmp = BUF_INIT;
	int e;

	if (write_temp(dirfd, name, data, len, &tmp) < 0)
		goto fail;
	if (renameat(dirfd, tmp.data, dirfd, name) < 0) {
		e = errno;
		unlinkat(dirfd, tmp.data, 0);
		errno = e;
		goto fail;
	}
	buf_free(&tmp);
	/* The rename is visible now; without this fsync it may not survive. */
	if (fsync(dirfd) < 0)
		return -2;
	return 0;
fail:
	buf_free(&tmp);
	return -1;
}

/*
 * Follow the journal of a change a writer did not live to finish: rename
 * every temporary it names that is still there into place, then remove
 * it.  Run under the exclusive lock before the stale temporaries go; a
 * crash in here leaves the journal to be followed again.
 */
static void
finish_pending(struct store *s)
{
	char *text, *line, *next, *tab;
	size_t len;
	int fd, n = 0;

	fd = openat(s->dirfd, STORE_PENDING, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return;
		die_errno("%s/%s", s->path, STORE_PENDING);
	}
	if (read_all(fd, &text, &len) < 0)
		die_errno("%s/%s", s->path, STORE_PENDING);
	close(fd);
	for (line = text; line < text + len; line = next) {
		next = memchr(line, '\n', (size_t)(text + len - line));
		if (!next)
			break;		/* a torn last line: written before the journal was */
		*next++ = '\0';
		if (!(tab = strchr(line, '\t')))
			continue;
		*tab = '\0';
		if (renameat(s->dirfd, line, s->dirfd, tab + 1) == 0)
			n++;
		else if (errno != ENOENT)
			die_errno("%s/%s: cannot finish the interrupted change", s->path, line);
		*tab = '\t';
		next[-1] = '\n';
	}
	if (fsync(s->dirfd) < 0 || unlinkat(s->dirfd, STORE_PENDING, 0) < 0 ||
	    fsync(s->dirfd) < 0)
		die_errno("%s/%s: cannot finish the interrupted change", s->path, STORE_PENDING);
	warn("%s: finished a change that was interrupted (%d file%s put in place)",
	    s->path, n, n == 1 ? "" : "s");
	s->finished = text;
}

static int
replace_at(struct store *s, int pfd, const char *relpath, const char *base,
	   const char *data, size_t len, int soft)
{
	struct stat st;
	int r, e;

	if (s->mode != STORE_WRITE)
		die("%s: internal error: write without the write lock", relpath);
	if (fstatat(pfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISLNK(st.st_mode))
			die("%s/%s: is a symlink; refused", s->path, relpath);
		check_regular(s, relpath, &st);
	} else if (errno != ENOENT)
		die_errno("%s/%s", s->path, relpath);
	r = atomic_write_at(pfd, base, data, len);
	if (r < 0 && soft) {
		/* Visible but not durable is no use to a caller that takes it back. */
		e = errno;
		if (r == -2)
			unlinkat(pfd, base, 0);
		errno = e;
		return -1;
	}
	if (r == -1)
		die_errno("%s/%s: cannot write; nothing was changed", s->path, relpath);
	if (r == -2)
		die_errno("%s/%s: written, but syncing the directory failed", s->path, relpath);
	return 0;
}

void
store_replace_data(struct store *s, const char *name, const char *data, size_t len)
{
	const char *base;
	int pfd = parent_of(s, name, &base, 1);

	replace_at(s, pfd, name, base, data, len, 0);
	close_parent(s, pfd);
}

void
store_replace(struct store *s, const struct table *t)
{
	struct buf b = BUF_INIT;

	table_write(t, &b);
	store_replace_data(s, t->name, b.data, b.len);
	buf_free(&b);
}

void
store_replace_set(struct store *s, struct table *const *t, size_t n)
{
	struct buf data = BUF_INIT, journal = BUF_INIT, *tmp = xcalloc(n + 1, sizeof *tmp);
	size_t i, k;
	int e;

	if (s->mode != STORE_WRITE)
		die("internal error: write without the write lock");
	for (i = 0; i < n; i++)
		if (strchr(t[i]->name, '/'))
			die("%s: internal error: a table in a subdirectory", t[i]->name);
	/* Every new table durable beside the old one, then the journal. */
	for (i = 0; i < n; i++) {
		buf_reset(&data);
		table_write(t[i], &data);
		if (write_temp(s->dirfd, t[i]->name, data.data, data.len, &tmp[i]) < 0)
			goto abandon;
		buf_printf(&journal, "%s\t%s\n", tmp[i].data, t[i]->name);
	}
	if ((e = atomic_write_at(s->dirfd, STORE_PENDING, journal.data, journal.len)) < 0) {
		if (e == -2) {		/* in place, but not durable: no commit */
			e = errno;
			unlinkat(s->dirfd, STORE_PENDING, 0);
			errno = e;
		}
		i = n;
		goto abandon;
	}
	/* The change is made from here: a crash leaves it to the next writer. */
	for (k = 0; k < n; k++)
		if (renameat(s->dirfd, tmp[k].data, s->dirfd, t[k]->name) < 0) {
			e = errno;
			for (i = k; i < n; i++)
				unlinkat(s->dirfd, tmp[i].data, 0);
			unlinkat(s->dirfd, STORE_PENDING, 0);
			errno = e;
			die_errno("%s/%s: cannot write", s->path, t[k]->name);
		}
	if (fsync(s->dirfd) < 0) {
		e = errno;
		unlinkat(s->dirfd, STORE_PENDING, 0);
		errno = e;
		die_errno("%s: written, but syncing the directory failed", s->path);
	}
	if (unlinkat(s->dirfd, STORE_PENDING, 0) < 0 || fsync(s->dirfd) < 0)
		die_errno("%s/%s: cannot remove", s->path, STORE_PENDING);
	for (i = 0; i < n; i++)
		buf_free(&tmp[i]);
	free(tmp);
	buf_free(&data);
	buf_free(&journal);
	return;
abandon:
	e = errno;
	for (k = 0; k < i; k++)
		unlinkat(s->dirfd, tmp[k].data, 0);
	errno = e;
	die_errno("%s/%s: cannot write; nothing was changed", s->path,
	    i < n ? t[i]->name : STORE_PENDING);
}

/* A ledger must start with the header this version writes. */
static void
check_ledger_header(struct store *s, int fd, const char *relpath, const char *hdr)
{
	size_t n = strlen(hdr);
	char *got = xmalloc(n + 1);
	ssize_t r = pread(fd, got, n, 0);

	if (r < 0)
		die_errno("%s/%s", s->path, relpath);
	if ((size_t)r != n || memcmp(got, hdr, n) != 0)
		die("%s/%s: header is not the one expected; run sales-check",
		    s->path, relpath);
	free(got);
}

void
store_check_append(struct store *s, const char *relpath, const char *hdr)
{
	struct stat st;
	char last;
	int fd = open_checked(s, relpath, O_RDONLY, &st, 0);

	if (fd < 0)
		return;
	if (st.st_size > 0) {
		if (pread(fd, &last, 1, st.st_size - 1) != 1)
			die_errno("%s/%s", s->path, relpath);
		if (last != '\n')
			die("%s/%s: the last line is torn (a crash while writing?); "
			    "run sales-check --repair", s->path, relpath);
		check_ledger_header(s, fd, relpath, hdr);
	}
	close(fd);
}

/*
 * The work of store_append(); -1 with errno (and *what saying which step)
 * when the append failed and the ledger is as it was.
 */
static int
append(struct store *s, const char *relpath, const char *hdr, const char *data,
       size_t len)
{
	struct buf b = BUF_INIT;
	struct stat st;
	const char *base;
	char last;
	int pfd, fd, e, r;

	if (s->mode != STORE_WRITE)
		die("%s: internal error: write without the write lock", relpath);
	pfd = parent_of(s, relpath, &base, 1);
	fd = open_checked(s, relpath, O_RDWR | O_APPEND, &st, 1);
	if (fd == -2) {
		close_parent(s, pfd);
		return -1;
	}
	if (fd < 0 || st.st_size == 0) {
		/* A new ledger appears whole, header and first lines, or not at all. */
		if (fd >= 0)
			close(fd);
		buf_adds(&b, hdr);
		buf_add(&b, data, len);
		r = replace_at(s, pfd, relpath, base, b.data, b.len, 1);
		buf_free(&b);
		close_parent(s, pfd);
		return r;
	}
	close_parent(s, pfd);
	if (pread(fd, &last, 1, st.st_size - 1) != 1)
		die_errno("%s/%s", s->path, relpath);
	if (last != '\n')
		die("%s/%s: the last line is torn (a crash while writing?); "
		    "run sales-check --repair", s->path, relpath);
	check_ledger_header(s, fd, relpath, hdr);
	r = 0;
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		e = errno;
		/* Take back what may have reached the file; never leave half a batch. */
		if (ftruncate(fd, st.st_size) == 0)
			fsync(fd);
		errno = e;
		r = -1;
	}
	e = errno;
	if (close(fd) < 0 && r == 0)
		return -1;
	errno = e;
	return r;
}

void
store_append(struct store *s, const char *relpath, const char *hdr,
	     const char *data, size_t len)
{
	if (append(s, relpath, hdr, data, len) < 0)
		die_errno("%s/%s: cannot append; nothing was changed", s->path, relpath);
}

int
store_append_try(struct store *s, const char *relpath, const char *hdr,
		 const char *data, size_t len)
{
	return append(s, relpath, hdr, data, len);
}
