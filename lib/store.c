#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "datadir.h"
#include "date.h"
#include "intern.h"
#include "schema.h"
#include "store.h"
#include "store_impl.h"
#include "xalloc.h"

#ifndef MAP_POPULATE
#define MAP_POPULATE 0
#endif

#define LOCK_TIMEOUT_DEFAULT 10
#define JOURNAL_MAX (1 << 20)	/* a journal names files, never data */

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

static const char *
map_with(int fd, size_t min, size_t *len, int flags)
{
	struct stat st;
	void *p;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uintmax_t)st.st_size < min || (uintmax_t)st.st_size >= SIZE_MAX / 2)
		return NULL;
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | flags, fd, 0);
	if (p == MAP_FAILED)
		return NULL;
	*len = (size_t)st.st_size;
	return p;
}

const char *
map_file(int fd, size_t min, size_t *len)
{
	return map_with(fd, min, len, MAP_POPULATE);
}

const char *
map_file_sparse(int fd, size_t min, size_t *len)
{
	return map_with(fd, min, len, 0);
}

void
unmap_file(const char *p, size_t len)
{
	if (p)
		munmap((void *)(uintptr_t)p, len);
}

int
read_all(int fd, char **data, size_t *len)
{
	struct buf b = BUF_INIT;
	struct stat st;
	ssize_t n;

	/* Room for the whole file at once (and the read that finds its end),
	 * so that a big table is not copied as the buffer grows. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (unsigned long long)st.st_size < SIZE_MAX / 2)
		buf_grow(&b, (size_t)st.st_size + 65536);
	else
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

/* A flock() that blocks, in a thread of its own: see flock_until(). */
struct lock_wait {
	pthread_t thread;
	int fd, op;
	int done, err;		/* under lock: finished, and its errno (0: locked) */
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

static void *
lock_wait_run(void *arg)
{
	struct lock_wait *w = arg;
	int r;

	while ((r = flock(w->fd, w->op)) < 0 && errno == EINTR)
		;
	pthread_mutex_lock(&w->lock);
	w->err = r < 0 ? errno : 0;
	w->done = 1;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

static int
unlockable(int err)
{
	return err == EBADF || err == ENOLCK || err == EINVAL || err == EOPNOTSUPP;
}

/* flock(fd, op) tried: 0 when taken, 1 when held elsewhere, -2 when the
 * file system cannot lock that file (NFS emulates flock with byte-range
 * locks, which a directory cannot take). */
static int
try_lock(struct store *s, int fd, int op)
{
	int r;

	while ((r = flock(fd, op | LOCK_NB)) < 0 && errno == EINTR)
		;
	if (r == 0)
		return 0;
	if (unlockable(errno))
		return -2;
	if (errno != EWOULDBLOCK)
		die_errno("%s: cannot lock", s->path);
	return 1;
}

/* A thread started to wait for fd's lock, or NULL when none can be. */
static struct lock_wait *
lock_wait_start(int fd, int op)
{
	struct lock_wait *w = xcalloc(1, sizeof *w);
	pthread_condattr_t ca;
	pthread_attr_t ta;
	int made = 0;		/* 1: the condition, 2: and the mutex, 3: and the thread */

	w->fd = fd;
	w->op = op;
	if (pthread_condattr_init(&ca) == 0) {
		if (pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) == 0 &&
		    pthread_cond_init(&w->cond, &ca) == 0)
			made = 1;
		pthread_condattr_destroy(&ca);
	}
	if (made == 1 && pthread_mutex_init(&w->lock, NULL) == 0)
		made = 2;
	if (made == 2 && pthread_attr_init(&ta) == 0) {
		if (pthread_attr_setstacksize(&ta, 64 * 1024) == 0 &&
		    pthread_create(&w->thread, &ta, lock_wait_run, w) == 0)
			made = 3;
		pthread_attr_destroy(&ta);
	}
	if (made == 3)
		return w;
	if (made == 2)
		pthread_mutex_destroy(&w->lock);
	if (made >= 1)
		pthread_cond_destroy(&w->cond);
	free(w);
	return NULL;
}

/*
 * flock(fd, op) within the deadline: 0, or -1 when time ran out, or -2
 * when the file system cannot lock that file.
 *
 * A lock that is free is taken at once.  One that is held (most often by
 * the work a writer left in the background, for a few milliseconds) is
 * waited for by a blocking flock() in a thread, so that it is taken the
 * moment it is let go (a poll every 10 ms made each writer of a script's
 * loop wait 10 ms for a lock held a few), while this thread waits for it
 * until the deadline, so that the timeout holds whatever the others do.
 * Out of time, the waiting thread is left to the exit that follows.
 * Without a thread (none can be made), the lock is polled every 10 ms.
 */
static int
flock_until(struct store *s, int fd, int op, double deadline)
{
	struct timespec until, pause = { 0, 10 * 1000 * 1000 };
	struct lock_wait *w;
	int r, err, timed_out;

	if ((r = try_lock(s, fd, op)) != 1)
		return r;
	if (now_seconds() >= deadline)
		return -1;
	if (!(w = lock_wait_start(fd, op))) {
		do {
			if (now_seconds() >= deadline)
				return -1;
			nanosleep(&pause, NULL);
		} while ((r = try_lock(s, fd, op)) == 1);
		return r;
	}
	until.tv_sec = (time_t)deadline;
	until.tv_nsec = (long)((deadline - (double)until.tv_sec) * 1e9);
	pthread_mutex_lock(&w->lock);
	while (!w->done && pthread_cond_timedwait(&w->cond, &w->lock, &until) != ETIMEDOUT)
		;
	timed_out = !w->done;
	err = w->err;
	pthread_mutex_unlock(&w->lock);
	if (timed_out) {
		pthread_detach(w->thread);	/* w is its until the exit */
		return -1;
	}
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->cond);
	pthread_mutex_destroy(&w->lock);
	free(w);
	if (err && unlockable(err))
		return -2;
	if (err) {
		errno = err;
		die_errno("%s: cannot lock", s->path);
	}
	return 0;
}

static _Noreturn void
busy(struct store *s)
{
	die_status(EXIT_BUSY, "%s: data directory is busy (another program is "
	    "writing); try again later", s->path);
}

/* .lock, opened to lock it: a writer creates it, a reader only reads it.
 * -1: there is none and this reader may not make one (a read-only copy). */
static int
open_turnstile(struct store *s, int writer, struct stat *st)
{
	int fd;

	fd = openat(s->dirfd, ".lock", (writer ? O_RDWR | O_CREAT : O_RDONLY) |
	    O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
	if (fd < 0 && !writer && errno == ENOENT)
		return -1;
	if (fd < 0 && errno == ELOOP)
		die("%s/.lock: is a symlink; refused", s->path);
	if (fd < 0)
		die_errno("%s/.lock", s->path);
	if (fstat(fd, st) < 0)
		die_errno("%s/.lock", s->path);
	if (!S_ISREG(st->st_mode))
		die("%s/.lock: not a regular file; refused", s->path);
	return fd;
}

/* Does .lock still name the file fd holds?  Someone may have removed it
 * (git clean, rsync --delete) and someone else made a new one. */
static int
turnstile_current(struct store *s, const struct stat *held)
{
	struct stat now;

	return fstatat(s->dirfd, ".lock", &now, AT_SYMLINK_NOFOLLOW) == 0 &&
	    now.st_dev == held->st_dev && now.st_ino == held->st_ino;
}

void
store_lock(struct store *s)
{
	int writer = s->mode == STORE_WRITE, op = writer ? LOCK_EX : LOCK_SH;
	double deadline = now_seconds() + (double)lock_timeout();
	struct stat st;
	int fd, r;

	s->nmemo = 0;
	for (;;) {
		fd = open_turnstile(s, writer, &st);
		if (fd >= 0 && (r = flock_until(s, fd, op, deadline)) < 0) {
			if (r == -1)
				busy(s);
			die_errno("%s/.lock: cannot lock", s->path);
		}
		if (fd >= 0 && !turnstile_current(s, &st)) {
			close(fd);
			continue;
		}
		r = flock_until(s, s->dirfd, op, deadline);
		if (r == -1)
			busy(s);
		break;
	}
	/* A reader is through the turnstile: the next writer may close it.
	 * Where a directory cannot be locked, .lock is the lock itself: the
	 * reader holds it (as before there was a turnstile). */
	if (!writer && fd >= 0 && r == 0) {
		close(fd);
		fd = -1;
	}
	s->lockfd = fd;
}

static void
unlock(struct store *s)
{
	if (s->lockfd >= 0)
		close(s->lockfd);
	s->lockfd = -1;
	flock(s->dirfd, LOCK_UN);
}

/*
 * The catchable signals wait while a change is made or finished: Ctrl-C,
 * a TERM from a service manager or a hangup then stop the program only
 * once the change is whole.  Faults and abort() are left alone.
 */
static void
hold_signals(sigset_t *old)
{
	static const int faults[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP,
		SIGABRT, SIGSYS };
	sigset_t set;
	size_t i;

	sigfillset(&set);
	for (i = 0; i < sizeof faults / sizeof *faults; i++)
		sigdelset(&set, faults[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void
release_signals(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
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

/* digits, at least one, up to 19, and nothing else up to end */
static int
all_digits(const char *p, const char *end)
{
	const char *q;

	if (end <= p || end - p > 19)
		return 0;
	for (q = p; q < end; q++)
		if (*q < '0' || *q > '9')
			return 0;
	return 1;
}

/* A pay period's name as comp_pay_period() makes it: 2026, 2026-11,
 * 2026-Q4, 2026-W48, FY2027, FY2027-Q1. */
static int
pay_period_name(const char *p, size_t n)
{
	if (n >= 2 && p[0] == 'F' && p[1] == 'Y') {
		p += 2;
		n -= 2;
	}
	if (n < 4 || !all_digits(p, p + 4))
		return 0;
	if (n == 4)
		return 1;
	if (p[4] != '-')
		return 0;
	if (n == 7 && all_digits(p + 5, p + 7))
		return 1;
	if (n == 7 && p[5] == 'Q' && p[6] >= '1' && p[6] <= '4')
		return 1;
	return n == 8 && p[5] == 'W' && all_digits(p + 6, p + 8);
}

int
store_data_name(const char *relpath)
{
	const struct schema *const *sc;
	const char *slash = strchr(relpath, '/'), *base = slash + 1;
	size_t n;

	if (!slash) {
		if (strcmp(relpath, "audit.tsv") == 0)
			return 1;
		for (sc = schema_tables; *sc; sc++)
			if (strcmp(relpath, (*sc)->file) == 0)
				return 1;
		return 0;
	}
	if (strchr(base, '/'))
		return 0;
	/* A month file as ledger.h names it: 2026-11.tsv. */
	if ((strncmp(relpath, "deals/", 6) == 0 || strncmp(relpath, "activities/", 11) == 0))
		return strlen(base) == 11 && strcmp(base + 7, ".tsv") == 0 &&
		    date_parse_month(base, 7) >= 0;
	n = strlen(base);
	return strncmp(relpath, "payouts/", 8) == 0 && n > 4 &&
	    strcmp(base + n - 4, ".tsv") == 0 && pay_period_name(base, n - 4);
}

/* Is tmp the name write_temp() gives a temporary of file: in the same
 * directory, ".tmp-BASE.PID.N"? */
static int
temp_name_of(const char *tmp, const char *file)
{
	const char *fslash = strrchr(file, '/'), *fbase = fslash ? fslash + 1 : file;
	const char *tslash = strrchr(tmp, '/'), *tbase = tslash ? tslash + 1 : tmp;
	const char *p, *dot;
	size_t dirlen = (size_t)(fbase - file), n = strlen(fbase);

	if ((size_t)(tbase - tmp) != dirlen || strncmp(tmp, file, dirlen) != 0)
		return 0;
	p = tbase;
	if (strncmp(p, STORE_TMP_PREFIX, strlen(STORE_TMP_PREFIX)) != 0)
		return 0;
	p += strlen(STORE_TMP_PREFIX);
	if (strncmp(p, fbase, n) != 0 || p[n] != '.')
		return 0;
	p += n + 1;
	if (!(dot = strchr(p, '.')) || !all_digits(p, dot))
		return 0;
	return all_digits(dot + 1, dot + 1 + strlen(dot + 1));
}

/* One line of a journal. */
struct jline {
	int rename;		/* rename tmp file, else append file size */
	char *tmp, *file;
	off_t size;
	int adds;		/* "add FILE SIZE": its rows follow */
	struct buf add;		/* "add": the rows to append at size */
};

struct journal {
	const char *name;	/* STORE_JOURNAL or STORE_PENDING */
	char *text;
	struct jline *v;
	size_t n;
	char why[512];		/* what was refused */
};

static int
refuse(struct journal *j, unsigned long line, const char *fmt, const char *a)
{
	char msg[400];

	snprintf(msg, sizeof msg, fmt, a);
	if (line)
		snprintf(j->why, sizeof j->why, "%s:%lu: %s", j->name, line, msg);
	else
		snprintf(j->why, sizeof j->why, "%s: %s", j->name, msg);
	return -1;
}

/*
 * Read a journal: a regular file with one link, ours, of reasonable size,
 * opened without following a link or waiting on a FIFO.  0: none; 1: read;
 * -1: refused (j->why).
 */
static int
journal_read(struct store *s, struct journal *j)
{
	struct stat st;
	size_t len;
	int fd;

	fd = openat(s->dirfd, j->name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return 0;
	if (fd < 0 && errno == ELOOP)
		return refuse(j, 0, "is a symlink%s", "");
	if (fd < 0)
		return refuse(j, 0, "%s", strerror(errno));
	if (fstat(fd, &st) < 0)
		die_errno("%s/%s", s->path, j->name);
	if (!S_ISREG(st.st_mode) || st.st_nlink != 1 || st.st_uid != geteuid() ||
	    st.st_size > JOURNAL_MAX) {
		close(fd);
		return refuse(j, 0, "%s", !S_ISREG(st.st_mode) ? "not a regular file" :
		    st.st_nlink != 1 ? "has several hard links" :
		    st.st_uid != geteuid() ? "not owned by you" : "too large for a journal");
	}
	if (read_all(fd, &j->text, &len) < 0)
		die_errno("%s/%s", s->path, j->name);
	close(fd);
	if (memchr(j->text, '\0', len))
		return refuse(j, 0, "holds a NUL byte%s", "");
	if (len && j->text[len - 1] != '\n')
		return refuse(j, 0, "the last line is torn%s", "");
	return 1;
}

/*
 * The lines of a journal, each checked: "append FILE SIZE" or "rename TMP
 * FILE" (and, in STORE_PENDING, "TMP FILE", as an older version wrote it,
 * and "add FILE SIZE", followed by the rows to append there, each as a
 * line "+ROW").  0, or -1 with the first bad line in j->why.
 */
static int
journal_parse(struct journal *j)
{
	char *line, *next, *f[4];
	unsigned long lineno = 0;
	struct jline *l = NULL;
	size_t nf;

	for (line = j->text; *line; line = next) {
		next = strchr(line, '\n');
		*next++ = '\0';
		lineno++;
		if (*line == '+') {
			if (!l || l->rename || !l->adds)
				return refuse(j, lineno, "'%.80s' is not a journal entry", line);
			buf_add(&l->add, line + 1, (size_t)(next - 1 - (line + 1)));
			buf_addc(&l->add, '\n');
			continue;
		}
		if (l && l->adds && !l->add.len)
			return refuse(j, lineno, "'%.80s' has no rows to add", l->file);
		for (nf = 0, f[0] = line; nf < 4;) {
			char *tab = strchr(f[nf], '\t');

			nf++;
			if (!tab)
				break;
			*tab = '\0';
			if (nf < 4)
				f[nf] = tab + 1;
		}
		j->v = xreallocarray(j->v, j->n + 1, sizeof *j->v);
		l = &j->v[j->n++];
		memset(l, 0, sizeof *l);
		if (nf == 3 && strcmp(f[0], "rename") == 0) {
			l->rename = 1;
			l->tmp = f[1];
			l->file = f[2];
		} else if (nf == 2 && strcmp(j->name, STORE_PENDING) == 0) {
			l->rename = 1;
			l->tmp = f[0];
			l->file = f[1];
		} else if (nf == 3 && (strcmp(f[0], "append") == 0 ||
		    (strcmp(f[0], "add") == 0 && strcmp(j->name, STORE_PENDING) == 0)) &&
		    all_digits(f[2], f[2] + strlen(f[2]))) {
			l->file = f[1];
			l->size = (off_t)strtoll(f[2], NULL, 10);
			l->adds = strcmp(f[0], "add") == 0;
			/* Only a ledger is ever appended to (and cut back). */
			if (!strchr(l->file, '/') && strcmp(l->file, "audit.tsv") != 0)
				return refuse(j, lineno, "'%.80s' is not a ledger", l->file);
		} else
			return refuse(j, lineno, "'%.80s' is not a journal entry", line);
		if (!store_data_name(l->file))
			return refuse(j, lineno, "'%.80s' is not a file of the data directory",
			    l->file);
		if (l->rename && !temp_name_of(l->tmp, l->file))
			return refuse(j, lineno, "'%.80s' is not a temporary of its file", l->tmp);
	}
	if (l && l->adds && !l->add.len)
		return refuse(j, lineno, "'%.80s' has no rows to add", l->file);
	return 0;
}

int
store_open_parent(struct store *s, const char *relpath, const char **base)
{
	const char *slash = strchr(relpath, '/');
	size_t i, n;
	char *sub;
	int fd;

	if (!slash) {
		*base = relpath;
		return s->dirfd;
	}
	*base = slash + 1;
	n = (size_t)(slash - relpath);
	for (i = 0; i < s->nsub; i++)
		if (strncmp(s->sub[i].name, relpath, n) == 0 && s->sub[i].name[n] == '\0')
			return s->sub[i].fd;
	sub = xstrndup(relpath, n);
	fd = openat(s->dirfd, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0 && s->nsub < sizeof s->sub / sizeof s->sub[0] &&
	    n < sizeof s->sub[0].name) {
		memcpy(s->sub[s->nsub].name, sub, n + 1);
		s->sub[s->nsub++].fd = fd;
	}
	free(sub);
	return fd;
}

void
store_close_parent(struct store *s, int fd)
{
	size_t i;

	if (fd < 0 || fd == s->dirfd)
		return;
	for (i = 0; i < s->nsub; i++)
		if (s->sub[i].fd == fd)
			return;
	close(fd);
}

/* Close the subdirectories kept open. */
static void
close_subdirs(struct store *s)
{
	while (s->nsub > 0)
		close(s->sub[--s->nsub].fd);
}

/*
 * lstat of a file a journal names: 0 (absent), 1 (a regular file with one
 * link, ours), -1 (anything else: refused, in j->why).
 */
static int
journal_file(struct store *s, struct journal *j, const char *relpath, struct stat *st)
{
	const char *base;
	int pfd = store_open_parent(s, relpath, &base), r;

	if (pfd < 0)
		return errno == ENOENT ? 0 : refuse(j, 0, "cannot follow it: '%.80s' is not "
		    "a directory of the data directory", relpath);
	r = fstatat(pfd, base, st, AT_SYMLINK_NOFOLLOW);
	store_close_parent(s, pfd);
	if (r < 0)
		return errno == ENOENT ? 0 : refuse(j, 0, "cannot follow it: %s",
		    strerror(errno));
	if (!S_ISREG(st->st_mode) || st->st_nlink != 1 || st->st_uid != geteuid())
		return refuse(j, 0, "cannot follow it: '%.80s' is not a regular file "
		    "of yours with one link", relpath);
	return 1;
}

/*
 * An "add" of a made journal, its file (st) checked: 1 when its rows are
 * there, at the size it gives; 0 when they are still to be appended (the
 * file ends before them or within them, or holds NUL bytes where they go,
 * as a crash can leave a file whose size was made durable before its
 * bytes); -1 refused, when other bytes stand there.
 */
static int
add_state(struct store *s, struct journal *j, const struct jline *l, const struct stat *st)
{
	const char *base;
	char *got;
	size_t n = l->add.len, i;
	ssize_t r = -1;
	int pfd, fd, state;

	if (st->st_size < l->size)
		return refuse(j, 0, "cannot finish it: '%.80s' is shorter than the journal "
		    "says it was", l->file);
	if (st->st_size < l->size + (off_t)n)
		n = (size_t)(st->st_size - l->size);	/* a prefix of them, or NULs */
	if (n == 0)
		return 0;
	got = xmalloc(n);
	pfd = store_open_parent(s, l->file, &base);
	fd = pfd < 0 ? -1 : openat(pfd, base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	store_close_parent(s, pfd);
	if (fd >= 0) {
		r = pread(fd, got, n, l->size);
		close(fd);
	}
	if (r != (ssize_t)n) {
		free(got);
		return refuse(j, 0, "cannot follow it: '%.80s' cannot be read", l->file);
	}
	for (i = 0; i < n && got[i] == '\0'; i++)
		;
	state = memcmp(got, l->add.data, n) == 0 ? n == l->add.len : i == n ? 0 :
	    refuse(j, 0, "cannot finish it: '%.80s' holds other rows where the journal's go",
	    l->file);
	free(got);
	return state;
}

/* Every file the journal names is what it should be; nothing is changed. */
static int
journal_check(struct store *s, struct journal *j)
{
	struct stat st;
	size_t i;
	int r;

	for (i = 0; i < j->n; i++) {
		r = journal_file(s, j, j->v[i].rename ? j->v[i].tmp : j->v[i].file, &st);
		if (r < 0)
			return -1;
		if (j->v[i].adds && r == 0)
			return refuse(j, 0, "cannot finish it: '%.80s' is missing", j->v[i].file);
		if (j->v[i].adds && add_state(s, j, &j->v[i], &st) < 0)
			return -1;
		if (!j->v[i].rename && r == 1 && st.st_size < j->v[i].size)
			return refuse(j, 0, "cannot take it back: '%.80s' is shorter than "
			    "the journal says it was", j->v[i].file);
	}
	return 0;
}

/* The rows of an "add" of a made journal appended, if they are not there
 * (add_state()): the file cut back to the size the journal gives, the
 * rows written there, made durable.  1: appended, 0: they were there. */
static int
add_rows(struct store *s, struct journal *j, const struct jline *l)
{
	const char *base;
	struct stat st;
	int pfd, fd, state;

	pfd = store_open_parent(s, l->file, &base);
	fd = pfd < 0 ? -1 : openat(pfd, base, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	store_close_parent(s, pfd);
	if (fd < 0 || fstat(fd, &st) < 0)
		die_errno("%s/%s: cannot finish the interrupted change", s->path, l->file);
	state = add_state(s, j, l, &st);
	if (state < 0)
		die("%s/%s; refused", s->path, j->why);
	if (state == 0 && (ftruncate(fd, l->size) < 0 || lseek(fd, l->size, SEEK_SET) < 0 ||
	    write_all(fd, l->add.data, l->add.len) < 0 || fsync(fd) < 0))
		die_errno("%s/%s: cannot finish the interrupted change", s->path, l->file);
	close(fd);
	return state == 0;
}

/* fsync the directory holding relpath (best effort: it was done before). */
static int
sync_parent(struct store *s, const char *relpath)
{
	const char *base;
	int pfd = store_open_parent(s, relpath, &base), r;

	if (pfd < 0)
		return -1;
	r = fsync(pfd);
	store_close_parent(s, pfd);
	return r;
}

static void
note_finished(struct buf *b, const char *name)
{
	buf_adds(b, name);
	buf_addc(b, '\n');
}

/* Carry a made change through: rename what is still there into place. */
static void
roll_forward(struct store *s, struct journal *j, struct buf *done)
{
	const char *tb, *fb;
	size_t i;
	int n = 0, tp, fp, r;

	for (i = 0; i < j->n; i++) {
		if (j->v[i].adds)
			n += add_rows(s, j, &j->v[i]);
		if (!j->v[i].rename)
			continue;
		note_finished(done, j->v[i].tmp);
		tp = store_open_parent(s, j->v[i].tmp, &tb);
		fp = store_open_parent(s, j->v[i].file, &fb);
		r = tp < 0 || fp < 0 ? -1 : renameat(tp, tb, fp, fb);
		if (r == 0)
			n++;
		else if (errno != ENOENT)
			die_errno("%s/%s: cannot finish the interrupted change", s->path,
			    j->v[i].file);
		store_close_parent(s, tp);
		store_close_parent(s, fp);
		if (r == 0 && sync_parent(s, j->v[i].file) < 0)
			die_errno("%s/%s: cannot finish the interrupted change", s->path,
			    j->v[i].file);
	}
	if (fsync(s->dirfd) < 0 || unlinkat(s->dirfd, j->name, 0) < 0 || fsync(s->dirfd) < 0)
		die_errno("%s/%s: cannot finish the interrupted change", s->path, j->name);
	warn("%s: finished a change that was interrupted (%d file%s put in place)",
	    s->path, n, n == 1 ? "" : "s");
}

/* Take a change back that was never made: cut every ledger back to its
 * size before, remove the temporaries. */
static void
roll_back(struct store *s, struct journal *j, struct buf *done)
{
	const char *base;
	struct stat st;
	size_t i;
	int n = 0, pfd, fd;

	for (i = 0; i < j->n; i++) {
		pfd = store_open_parent(s, j->v[i].rename ? j->v[i].tmp : j->v[i].file, &base);
		if (pfd < 0)
			continue;
		if (j->v[i].rename) {
			note_finished(done, j->v[i].tmp);
			if (unlinkat(pfd, base, 0) == 0)
				fsync(pfd);
		} else if ((fd = openat(pfd, base, O_RDWR | O_NOFOLLOW | O_NONBLOCK |
		    O_CLOEXEC)) >= 0) {
			if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
				die("%s/%s: cannot take back the interrupted change",
				    s->path, j->v[i].file);
			if (st.st_size > j->v[i].size) {
				if (ftruncate(fd, j->v[i].size) < 0 || fsync(fd) < 0)
					die_errno("%s/%s: cannot take back the interrupted "
					    "change", s->path, j->v[i].file);
				n++;
			}
			close(fd);
		} else if (errno != ENOENT)
			die_errno("%s/%s: cannot take back the interrupted change", s->path,
			    j->v[i].file);
		store_close_parent(s, pfd);
	}
	if (unlinkat(s->dirfd, j->name, 0) < 0 || fsync(s->dirfd) < 0)
		die_errno("%s/%s: cannot take back the interrupted change", s->path, j->name);
	warn("%s: took back a change that was interrupted (%d ledger%s cut back)",
	    s->path, n, n == 1 ? "" : "s");
}

/* A made journal with nothing left to carry through: no temporary it
 * names is there, every row it adds is (journal_check() has looked at
 * each). */
static int
spent(struct store *s, struct journal *j)
{
	struct stat st;
	size_t i;

	for (i = 0; i < j->n; i++) {
		if (j->v[i].rename && journal_file(s, j, j->v[i].tmp, &st) != 0)
			return 0;
		if (j->v[i].adds && (journal_file(s, j, j->v[i].file, &st) != 1 ||
		    add_state(s, j, &j->v[i], &st) != 1))
			return 0;
	}
	return 1;
}

static void
journal_free(struct journal *j)
{
	size_t i;

	for (i = 0; i < j->n; i++)
		buf_free(&j->v[i].add);
	free(j->text);
	free(j->v);
}

/*
 * Under the exclusive lock: finish or take back an interrupted change.
 * A journal refused is reported: fatal, except to sales-check, which
 * reports it as a problem and leaves it.
 */
static void
recover(struct store *s)
{
	struct journal made = { STORE_PENDING, NULL, NULL, 0, "" },
		begun = { STORE_JOURNAL, NULL, NULL, 0, "" }, *bad = NULL;
	struct buf done = BUF_INIT;
	sigset_t old;
	int m, b;

	hold_signals(&old);
	m = journal_read(s, &made);
	b = journal_read(s, &begun);
	if (m < 0)
		bad = &made;
	else if (b < 0)
		bad = &begun;
	else if (m > 0 && (journal_parse(&made) < 0 || journal_check(s, &made) < 0))
		bad = &made;
	else if (b > 0 && (journal_parse(&begun) < 0 || journal_check(s, &begun) < 0))
		bad = &begun;
	else if (m > 0 && b > 0 && !spent(s, &made))
		refuse(bad = &begun, 0, "another journal (%s) is there too", STORE_PENDING);
	if (bad) {
		if (s->mode != STORE_CHECK)
			die("%s/%s; refused (it is not a journal this program wrote: look "
			    "at it, then remove it)", s->path, bad->why);
		s->journal_problem = xstrdup(bad->why);
	} else {
		/* Both: a made change's journal back after a crash (finish()),
		 * with nothing left to do, and the next change's, begun. */
		if (m > 0) {
			note_finished(&done, made.name);
			roll_forward(s, &made, &done);
		}
		if (b > 0) {
			note_finished(&done, begun.name);
			roll_back(s, &begun, &done);
		}
	}
	if (done.len) {
		free(s->finished);
		s->finished = done.data;
	}
	journal_free(&made);
	journal_free(&begun);
	release_signals(&old);
}

static int
journal_there(struct store *s)
{
	struct stat st;

	return fstatat(s->dirfd, STORE_PENDING, &st, AT_SYMLINK_NOFOLLOW) == 0 ||
	    fstatat(s->dirfd, STORE_JOURNAL, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

int
store_finished(const struct store *s, const char *relpath)
{
	const char *p;
	size_t n = strlen(relpath);

	for (p = s->finished; p && (p = strstr(p, relpath)); p += n)
		if ((p == s->finished || p[-1] == '\n') && p[n] == '\n')
			return 1;
	return 0;
}

/*
 * Hold the lock of s->mode with no journal left behind: a writer finishes
 * an interrupted change at once; a reader (or sales-check) lets go,
 * comes back as a writer to finish it, then starts over as a reader.
 */
static void
lock_and_recover(struct store *s)
{
	enum store_mode mode = s->mode;
	int tries;

	for (tries = 0;; tries++) {
		store_lock(s);
		if (!journal_there(s))
			return;
		if (mode == STORE_WRITE) {
			recover(s);
			return;
		}
		if (s->journal_problem || tries > 3)
			return;
		unlock(s);
		if (faccessat(s->dirfd, ".", W_OK, AT_EACCESS) < 0)
			die("%s: a change was interrupted, and this copy is read-only: "
			    "it can be finished or taken back only where it can be "
			    "written (run sales-check there)", s->path);
		s->mode = STORE_WRITE;
		store_lock(s);
		s->mode = mode;
		recover(s);
		unlock(s);
	}
}

struct store *
store_open(const char *opt, enum store_mode mode)
{
	struct store *s = xcalloc(1, sizeof *s);
	struct stat st;

	s->path = datadir_resolve(opt);
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
	lock_and_recover(s);
	if (mode == STORE_WRITE)
		store_remove_temporaries(s->dirfd);
	return s;
}

/* Make the new directory entry path durable: fsync the directory holding it. */
static void
sync_parent_dir(const char *path)
{
	char *p = xstrdup(path), *slash = strrchr(p, '/');
	int fd;

	if (slash == p)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(p, ".");
	fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || fsync(fd) < 0)
		die_errno("%s: cannot sync", p);
	close(fd);
	free(p);
}

/* Create every missing parent, then dir itself, all 0700, durably. */
static void
make_dirs(const char *dir)
{
	char *p = xstrdup(dir), *s;

	for (s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		if (*s == '/' && s[1] == '\0')
			break;
		char c = *s;

		*s = '\0';
		if (mkdir(p, 0700) == 0)
			sync_parent_dir(p);
		else if (errno != EEXIST)
			die_errno("%s: cannot create", p);
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
}

/*
 * A new directory is fit if it is empty, or holds only what an earlier
 * store_create() caller that crashed before writing config.tsv (its last
 * step) left: the lock, tables, audit.tsv and temporaries.
 */
static void
check_empty(int dirfd, const char *dir)
{
	const struct schema *const *sc;
	struct dirent *e;
	DIR *d;
	int fd, ours;

	if ((fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
	    !(d = fdopendir(fd)))
		die_errno("%s", dir);
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		ours = !strcmp(e->d_name, ".lock") || !strcmp(e->d_name, "audit.tsv") ||
		    !strncmp(e->d_name, STORE_TMP_PREFIX, strlen(STORE_TMP_PREFIX));
		for (sc = schema_tables; *sc && !ours; sc++)
			ours = strcmp(e->d_name, (*sc)->file) == 0 &&
			    strcmp(e->d_name, "config.tsv") != 0;
		if (!ours)
			die("%s: directory is not empty; refused (a new data directory "
			    "starts empty: nothing is ever overwritten)", dir);
	}
	closedir(d);
}

struct store *
store_create(const char *path)
{
	struct store *s = xcalloc(1, sizeof *s);
	struct stat st;

	s->path = xstrdup(path);
	s->mode = STORE_WRITE;
	s->lockfd = -1;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		die("%s: is a symlink; refused", path);
	make_dirs(path);
	s->dirfd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (s->dirfd < 0)
		die_errno("%s", path);
	if (fstat(s->dirfd, &st) < 0)
		die_errno("%s", path);
	if (st.st_uid != geteuid())
		die("%s: not owned by you; refused", path);
	check_empty(s->dirfd, path);
	if (fchmod(s->dirfd, 0700) < 0)
		die_errno("%s", path);
	store_lock(s);
	store_remove_temporaries(s->dirfd);
	return s;
}

/* The files replaced, as they were, let go: the last hold on them, the
 * kernel frees their blocks now. */
static void
drop_old(struct store *s)
{
	while (s->nold > 0)
		close(s->old[--s->nold]);
}

void
store_close(struct store *s)
{
	if (!s)
		return;
	if (s->lockfd >= 0)
		close(s->lockfd);
	close_subdirs(s);
	close(s->dirfd);
	drop_old(s);
	free(s->memo);
	free(s->finished);
	free(s->journal_problem);
	free(s->path);
	free(s);
}

const char *
store_path(const struct store *s)
{
	return s->path;
}

const char *
store_journal_problem(const struct store *s)
{
	return s->journal_problem;
}

void
store_need_write(const struct store *s, const char *relpath)
{
	if (s->mode != STORE_WRITE)
		die("%s: internal error: write without the write lock", relpath);
}

DIR *
store_opendir(struct store *s, const char *relpath)
{
	int fd = openat(s->dirfd, relpath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), e;
	DIR *d;

	if (fd < 0)
		return NULL;
	if (!(d = fdopendir(fd))) {
		e = errno;
		close(fd);
		errno = e;
	}
	return d;
}

/* The directory holding relpath (opened, made if create), and its last
 * component. */
static int
parent_of(struct store *s, const char *relpath, const char **base, int create)
{
	const char *slash = strchr(relpath, '/');
	char *sub;
	int fd;

	fd = store_open_parent(s, relpath, base);
	if (fd < 0 && errno == ENOENT && create) {
		sub = xstrndup(relpath, (size_t)(slash - relpath));
		/* Made meanwhile by another of a writer's background children
		 * (the index's, the checkpoints', a cache's: they run at once):
		 * synced here too, as it may not be yet. */
		if ((mkdirat(s->dirfd, sub, 0700) < 0 && errno != EEXIST) ||
		    fsync(s->dirfd) < 0)
			die_errno("%s/%s: cannot create", s->path, sub);
		free(sub);
		fd = store_open_parent(s, relpath, base);
	}
	if (fd < 0 && errno != ENOENT)
		die_errno("%s/%.*s", s->path, (int)(slash - relpath), relpath);
	return fd;
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
	store_close_parent(s, pfd);
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

/* Which file, as it is: not 0. */
static uint64_t
file_id(const struct stat *st)
{
	int64_t v[7] = { (int64_t)st->st_dev, (int64_t)st->st_ino, (int64_t)st->st_size,
	    (int64_t)st->st_mtim.tv_sec, (int64_t)st->st_mtim.tv_nsec,
	    (int64_t)st->st_ctim.tv_sec, (int64_t)st->st_ctim.tv_nsec };

	return intern_hash(INTERN_HASH_SEED, v, sizeof v) | 1;
}

int
store_open_read(struct store *s, const char *relpath)
{
	struct stat st;

	return open_checked(s, relpath, O_RDONLY, &st, 0);
}

int
store_open_cache(struct store *s, const char *relpath)
{
	struct stat st;

	store_need_write(s, relpath);
	if (strncmp(relpath, "cache/", 6) != 0)
		die("%s: internal error: not a cache file", relpath);
	return open_checked(s, relpath, O_RDWR, &st, 0);
}

int
store_exists(struct store *s, const char *relpath)
{
	struct stat st;

	return store_stat(s, relpath, &st) == 0;
}

/* The memo of relpath's stat (struct store's memo), when it is one to
 * keep: a reader's of a ledger month file. */
static struct store_statmemo *
stat_memo(struct store *s, const char *relpath, int *kept)
{
	size_t i;

	*kept = 0;
	if (s->mode != STORE_READ || strlen(relpath) >= sizeof s->memo->path ||
	    (strncmp(relpath, "deals/", 6) != 0 && strncmp(relpath, "activities/", 11) != 0))
		return NULL;
	/* the newest first: a replay asks for the months in turn */
	for (i = s->nmemo; i-- > 0;)
		if (strcmp(s->memo[i].path, relpath) == 0) {
			*kept = 1;
			return &s->memo[i];
		}
	if (s->nmemo == s->memocap) {
		s->memocap = s->memocap ? 2 * s->memocap : 64;
		s->memo = xreallocarray(s->memo, s->memocap, sizeof *s->memo);
	}
	strcpy(s->memo[s->nmemo].path, relpath);
	return &s->memo[s->nmemo];
}

int
store_stat(struct store *s, const char *relpath, struct stat *st)
{
	struct store_statmemo *m;
	const char *base;
	int pfd, r, e, kept = 0;

	if ((m = stat_memo(s, relpath, &kept)) && kept) {
		*st = m->st;
		if (m->err) {
			errno = m->err;
			return -1;
		}
		return 0;
	}
	pfd = parent_of(s, relpath, &base, 0);
	r = pfd < 0 ? -1 : fstatat(pfd, base, st, AT_SYMLINK_NOFOLLOW);
	e = errno;
	if (pfd >= 0)
		store_close_parent(s, pfd);
	errno = e;
	if (m) {
		m->err = r < 0 ? e : 0;
		if (r < 0)
			memset(&m->st, 0, sizeof m->st);
		else
			m->st = *st;
		s->nmemo++;
	}
	return r;
}

uint64_t
store_stat_hash(struct store *s, uint64_t h, const char *relpath, int64_t tag)
{
	struct stat st;
	int64_t item[4];

	if (store_stat(s, relpath, &st) < 0)
		memset(&st, 0, sizeof st);
	item[0] = tag;
	item[1] = st.st_size;
	item[2] = st.st_mtim.tv_sec;
	item[3] = st.st_mtim.tv_nsec;
	return intern_hash(h, item, sizeof item);
}

off_t
store_size(struct store *s, const char *relpath)
{
	struct stat st;

	return store_stat(s, relpath, &st) < 0 ? -1 : st.st_size;
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

/* Close every descriptor from lo up but the n of keep (-1: none). */
static void
close_but(unsigned lo, const int *keep, size_t n)
{
	int k[2 + STORE_OLD_MAX], t;
	size_t i, j;

	for (i = 0; i < n; i++)		/* ascending: a handful */
		for (k[i] = keep[i], j = i; j > 0 && k[j - 1] > k[j]; j--) {
			t = k[j - 1];
			k[j - 1] = k[j];
			k[j] = t;
		}
	for (i = 0; i < n; i++)
		if (k[i] >= 0 && (unsigned)k[i] >= lo) {
			if ((unsigned)k[i] > lo)
				close_range(lo, (unsigned)k[i] - 1, 0);
			lo = (unsigned)k[i] + 1;
		}
	close_range(lo, ~0u, 0);
}

int
store_fork_background(struct store *s)
{
	int fd, keep[2 + STORE_OLD_MAX];
	pid_t pid;

	if (s->mode != STORE_WRITE)
		die("%s: internal error: write without the write lock", s->path);
	fflush(NULL);
	/* One fork, not waited for: the caller exits soon, and then its
	 * child is init's (a second fork to leave it at once would cost the
	 * caller another copy of its page tables, and a wait). */
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		fd = open("/dev/null", O_RDWR | O_CLOEXEC);
		if (fd < 0 || dup2(fd, 0) < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(1);
		keep[0] = s->dirfd;
		keep[1] = s->lockfd;
		memcpy(keep + 2, s->old, s->nold * sizeof *keep);
		close_but(3, keep, 2 + s->nold);
		s->nsub = 0;	/* closed with the rest */
		return 0;
	}
	drop_old(s);	/* the new process holds them now (keep_old()) */
	return 1;
}

void
store_background_exit(struct store *s)
{
	/* The lock first: with the caller gone, the next program goes on
	 * while the kernel frees what the change replaced. */
	if (s->lockfd >= 0)
		close(s->lockfd);
	close(s->dirfd);
	drop_old(s);
	_exit(0);
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
	struct stat st;
	int fd = open_checked(s, name, O_RDONLY, &st, 0);

	if (fd < 0)
		die("%s/%s: missing; run sales-check", s->path, name);
	t = table_read_where(fd, name, keep, arg);
	close(fd);
	if (!t)
		die("%s/%s: cannot be used until the problems above are fixed",
		    s->path, name);
	t->whole = keep ? 0 : file_id(&st);
	return t;
}

/* store_load_key()'s filter: a line whose first field is the key. */
static int
first_field_is(const struct tsv_reader *r, const char *line, size_t len, void *arg)
{
	const char *key = arg;
	size_t n = strlen(key);

	(void)r;
	return len >= n && memcmp(line, key, n) == 0 && (len == n || line[n] == '\t');
}

struct table *
store_load_key(struct store *s, const char *name, const char *key, int *whole)
{
	struct table *t = store_load_where(s, name, first_field_is, (void *)key);

	*whole = t->nrows == 0;
	if (*whole) {
		table_free(t);
		t = store_load(s, name);
	}
	return t;
}

/* Write the pieces to a new temporary beside name in dirfd, durably; its
 * name goes to tmp.  -1 (errno set, nothing left behind) on failure.
 * With keep, not yet durable: the fd is left open in *keep, its writing
 * to the disk begun, for the caller to fsync when it must be there
 * (a change does other work meanwhile: see sync_temps()). */
static int
create_temp(int dirfd, const char *name, struct buf *tmp)
{
	int fd, n;

	for (n = 0;; n++) {
		buf_reset(tmp);
		buf_printf(tmp, "%s%s.%ld.%d", STORE_TMP_PREFIX, name, (long)getpid(), n);
		fd = openat(dirfd, tmp->data,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST || n > 100)
			return fd;
	}
}

/* The pieces written to fd: 0, or -1 with errno set. */
static int
write_pieces(int fd, const struct buf_piece *pc, size_t npc)
{
	size_t i;

	for (i = 0; i < npc; i++)
		if (write_all(fd, pc[i].p, pc[i].n) < 0)
			return -1;
	return 0;
}

/* fd's writing to the disk begun, for an fsync to come. */
static void
begin_writeback(int fd)
{
#ifdef SYNC_FILE_RANGE_WRITE
	(void)sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
	(void)fd;
#endif
}

static int
write_temp_kept(int dirfd, const char *name, const struct buf_piece *pc, size_t npc,
		struct buf *tmp, int sync, int *keep)
{
	int fd, e, failed;

	if ((fd = create_temp(dirfd, name, tmp)) < 0)
		return -1;
	failed = write_pieces(fd, pc, npc) < 0;
	if (!failed && keep) {
		begin_writeback(fd);
		*keep = fd;
		return 0;
	}
	if (failed || (sync && fsync(fd) < 0) || close(fd) < 0) {
		e = errno;
		close(fd);
		unlinkat(dirfd, tmp->data, 0);
		errno = e;
		return -1;
	}
	return 0;
}

static int
write_temp(int dirfd, const char *name, const struct buf_piece *pc, size_t npc,
	   struct buf *tmp, int sync)
{
	return write_temp_kept(dirfd, name, pc, npc, tmp, sync, NULL);
}

/* atomic_write_at(), the directory fsynced or not (sync_dir). */
static int
write_rename_at(int dirfd, const char *name, const char *data, size_t len, int sync_dir)
{
	struct buf_piece pc = { data, len };
	struct buf tmp = BUF_INIT;
	int e;

	if (write_temp(dirfd, name, &pc, 1, &tmp, 1) < 0)
		goto fail;
	if (renameat(dirfd, tmp.data, dirfd, name) < 0) {
		e = errno;
		unlinkat(dirfd, tmp.data, 0);
		errno = e;
		goto fail;
	}
	buf_free(&tmp);
	/* The rename is visible now; without this fsync it may not survive. */
	if (sync_dir && fsync(dirfd) < 0)
		return -2;
	return 0;
fail:
	buf_free(&tmp);
	return -1;
}

int
atomic_write_at(int dirfd, const char *name, const char *data, size_t len)
{
	return write_rename_at(dirfd, name, data, len, 1);
}

/* The file at base (relpath) in pfd may be replaced: absent, or a regular
 * file with one link. */
static void
check_replaceable(struct store *s, int pfd, const char *relpath, const char *base)
{
	struct stat st;

	if (s->mode != STORE_WRITE)
		die("%s: internal error: write without the write lock", relpath);
	if (fstatat(pfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISLNK(st.st_mode))
			die("%s/%s: is a symlink; refused", s->path, relpath);
		check_regular(s, relpath, &st);
	} else if (errno != ENOENT)
		die_errno("%s/%s", s->path, relpath);
}

static int
replace_at(struct store *s, int pfd, const char *relpath, const char *base,
	   const char *data, size_t len, int soft)
{
	int r, e;

	check_replaceable(s, pfd, relpath, base);
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

int
store_outdir_open(const char *path)
{
	struct stat st;
	int fd;

	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		die_errno("%s", path);
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		die("%s: is a symlink; refused", path);
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		die_errno("%s", path);
	return fd;
}

int
store_outdir_has(int fd, const char *path, const char *name)
{
	struct stat st;

	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
		return 1;
	if (errno != ENOENT)
		die_errno("%s/%s", path, name);
	return 0;
}

void
store_outdir_write(int fd, const char *path, const char *name, const char *data, size_t len)
{
	struct stat st;

	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(st.st_mode))
		die("%s/%s: not a regular file; refused", path, name);
	switch (atomic_write_at(fd, name, data, len)) {
	case -1:
		die_errno("%s/%s: cannot write", path, name);
	case -2:
		die_errno("%s/%s: written, but syncing the directory failed", path, name);
	}
}

void
store_outdir_close(int fd, const char *path)
{
	if (close(fd) < 0)
		die_errno("%s", path);
}

void
store_replace_data(struct store *s, const char *name, const char *data, size_t len)
{
	const char *base;
	int pfd = parent_of(s, name, &base, 1);

	replace_at(s, pfd, name, base, data, len, 0);
	store_close_parent(s, pfd);
}

void
store_replace_cache(struct store *s, const char *relpath, const char *data, size_t len)
{
	const char *base;
	int pfd;

	store_need_write(s, relpath);
	if (strncmp(relpath, "cache/", 6) != 0)
		die("%s: internal error: not a cache file", relpath);
	pfd = parent_of(s, relpath, &base, 1);
	check_replaceable(s, pfd, relpath, base);
	if (write_rename_at(pfd, base, data, len, 0) < 0)
		die_errno("%s/%s: cannot write; nothing was changed", s->path, relpath);
	store_close_parent(s, pfd);
}

int
store_rename_cache(struct store *s, const char *from, const char *to)
{
	const char *fbase, *tbase;
	int pfd, r, e;

	store_need_write(s, to);
	if (strncmp(from, "cache/", 6) != 0 || strncmp(to, "cache/", 6) != 0 ||
	    strchr(from + 6, '/') || strchr(to + 6, '/'))
		die("%s: internal error: not a cache file", to);
	if ((pfd = parent_of(s, to, &tbase, 0)) < 0)
		return -1;
	fbase = from + 6;
	check_replaceable(s, pfd, to, tbase);
	r = renameat(pfd, fbase, pfd, tbase);
	e = errno;
	store_close_parent(s, pfd);
	errno = e;
	return r;
}

int
store_note_cache(struct store *s, const char *relpath, const char *data, size_t len)
{
	struct buf_piece pc = { data, len };
	struct buf tmp = BUF_INIT;
	const char *base;
	struct stat st;
	int pfd, fd, r = -1;

	store_need_write(s, relpath);
	if (strncmp(relpath, "cache/", 6) != 0)
		die("%s: internal error: not a cache file", relpath);
	if ((pfd = store_open_parent(s, relpath, &base)) < 0)
		return -1;	/* no cache/ yet: the first deal write makes it */
	if (fstatat(pfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (!S_ISREG(st.st_mode) || st.st_nlink != 1)
			goto out;	/* sales-check reports it */
		/* Written over where it is: a rename over it would have ext4
		 * write the new file out at once (auto_da_alloc), a third of a
		 * millisecond.  Torn, it is not believed. */
		if ((fd = openat(pfd, base, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) >= 0) {
			if (pwrite(fd, data, len, 0) == (ssize_t)len &&
			    ((size_t)st.st_size <= len || ftruncate(fd, (off_t)len) == 0))
				r = 0;
			close(fd);
		}
		goto out;
	}
	if (write_temp(pfd, base, &pc, 1, &tmp, 0) == 0) {
		if (renameat(pfd, tmp.data, pfd, base) == 0)
			r = 0;
		else
			unlinkat(pfd, tmp.data, 0);
	}
	buf_free(&tmp);
out:
	store_close_parent(s, pfd);
	return r;
}

void
store_checked_note(const char *file, const struct buf_piece *pc, size_t npc, struct buf *b)
{
	size_t i, len = 0;

	for (i = 0; i < npc; i++)
		len += pc[i].n;
	buf_printf(b, "%s\t%zu\t%016llx\n", file, len,
	    (unsigned long long)intern_hash_pieces(pc, npc));
}

static void
checked_name(const char *file, struct buf *b)
{
	buf_printf(b, "cache/checked-%s", file);
}

int
store_checked(struct store *s, const char *file, const char *data, size_t len)
{
	struct buf want = BUF_INIT, name = BUF_INIT;
	struct buf_piece whole = { data, len };
	char got[512];
	ssize_t n = -1;
	int fd;

	checked_name(file, &name);
	if ((fd = store_open_read(s, name.data)) >= 0) {
		n = read(fd, got, sizeof got);
		close(fd);
	}
	if (n > 0)
		store_checked_note(file, &whole, 1, &want);
	n = n > 0 && (size_t)n == want.len && memcmp(got, want.data, want.len) == 0;
	buf_free(&want);
	buf_free(&name);
	return (int)n;
}

int
store_checked_table(struct store *s, const struct table *t)
{
	struct stat st;
	char *data;
	size_t len;
	int fd, r = 0;

	if (!t->whole || (fd = open_checked(s, t->name, O_RDONLY, &st, 0)) < 0)
		return 0;
	if (file_id(&st) == t->whole && read_all(fd, &data, &len) == 0) {
		r = store_checked(s, t->name, data, len);
		free(data);
	}
	close(fd);
	return r;
}

void
store_checked_write(struct store *s, const char *file, const struct buf *b)
{
	struct buf name = BUF_INIT;

	checked_name(file, &name);
	store_note_cache(s, name.data, b->data, b->len);
	buf_free(&name);
}

void
store_replace(struct store *s, const struct table *t)
{
	struct buf b = BUF_INIT;

	table_write(t, &b);
	store_replace_data(s, t->name, b.data, b.len);
	buf_free(&b);
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

/* A non-empty ledger about to be appended to: whole lines, our header. */
static void
check_ledger(struct store *s, int fd, const struct stat *st, const char *relpath,
	     const char *hdr)
{
	char last;

	if (pread(fd, &last, 1, st->st_size - 1) != 1)
		die_errno("%s/%s", s->path, relpath);
	if (last != '\n')
		die("%s/%s: the last line is torn (a crash while writing?); "
		    "run sales-check --repair", s->path, relpath);
	check_ledger_header(s, fd, relpath, hdr);
}

void
store_check_append(struct store *s, const char *relpath, const char *hdr)
{
	struct stat st;
	int fd = open_checked(s, relpath, O_RDONLY, &st, 0);

	if (fd < 0)
		return;
	if (st.st_size > 0)
		check_ledger(s, fd, &st, relpath, hdr);
	close(fd);
}

/* The schema of a ledger (store.h: what may be appended to), or NULL. */
static const struct schema *
ledger_schema(const char *relpath)
{
	if (strncmp(relpath, "deals/", 6) == 0)
		return &schema_deals;
	if (strncmp(relpath, "activities/", 11) == 0)
		return &schema_activities;
	if (strncmp(relpath, "payouts/", 8) == 0)
		return &schema_payouts;
	if (strcmp(relpath, "audit.tsv") == 0)
		return &schema_audit;
	return NULL;
}

struct row_check {
	struct store *s;
	const char *relpath;
};

static void
refuse_row(void *arg, const char *file, unsigned long line, const char *msg)
{
	const struct row_check *rc = arg;

	(void)file;
	die("%s/%s: appended line %lu: %s; refused, nothing was written", rc->s->path,
	    rc->relpath, line, msg);
}

void
store_check_rows(struct store *s, const char *relpath, const char *hdr, const char *data,
		 size_t len)
{
	const struct schema *sc = ledger_schema(relpath);
	struct row_check rc = { s, relpath };
	size_t n = strlen(hdr);
	long k;

	if (!sc)
		die("%s: internal error: not a ledger", relpath);
	if (n == 0 || hdr[n - 1] != '\n' || (k = schema_width(sc, hdr, n - 1)) < 0)
		die("%s: internal error: not a header of its ledger", relpath);
	schema_check_rows(sc, (size_t)k, relpath, data, len, refuse_row, &rc);
}

/*
 * The work of store_append(); -1 with errno when the append failed and
 * the ledger is as it was.
 */
static int
append(struct store *s, const char *relpath, const char *hdr, const char *data,
       size_t len)
{
	struct buf b = BUF_INIT;
	struct stat st;
	const char *base;
	int pfd, fd, e, r;

	if (s->mode != STORE_WRITE)
		die("%s: internal error: write without the write lock", relpath);
	store_check_rows(s, relpath, hdr, data, len);
	pfd = parent_of(s, relpath, &base, 1);
	fd = open_checked(s, relpath, O_RDWR | O_APPEND, &st, 1);
	if (fd == -2) {
		store_close_parent(s, pfd);
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
		store_close_parent(s, pfd);
		return r;
	}
	store_close_parent(s, pfd);
	check_ledger(s, fd, &st, relpath, hdr);
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

/*
 * A change: see store.h.  Each file it touches is replaced whole through a
 * temporary (tables, and ledgers that do not exist yet) or appended to
 * (ledgers); the journal names both, so that it is made or taken back
 * whole whatever happens.
 */
struct cfile {
	char *relpath;
	const char *hdr;	/* a ledger's header, or NULL: a table */
	struct buf_piece *pc;
	size_t npc;
	int replace;		/* through a temporary, else an append */
	int fd;			/* an append's ledger, open; a replacement's
				 * temporary until it is durable */
	off_t size;		/* its size before */
	int appended;		/* something may have reached it */
	struct buf tmp;		/* a replacement's temporary, relative to its directory */
	char *tmprel;		/* the same relative to the data directory */
	pthread_t writer;	/* a big file's writing (start_writer()), while writing */
	int writing;
	int write_errno;	/* how that writing failed, or 0 */
};

struct store_change {
	struct store *s;
	struct cfile *f;
	size_t n;
	const char *journal;	/* the journal written, or NULL */
	struct buf jtmp;	/* a made journal's temporary, until renamed */
	int jfd;		/* and its file, until durable */
	int redo;		/* the journal holds the rows appended (below) */
	int made;		/* the change is made: finish, never take back */
	sigset_t signals;
};

static struct store_change *changing;	/* for the die() hook */

struct store_change *
store_change_begin(struct store *s)
{
	struct store_change *c = xcalloc(1, sizeof *c);

	if (s->mode != STORE_WRITE)
		die("internal error: write without the write lock");
	c->s = s;
	c->jfd = -1;
	return c;
}

static struct cfile *
change_file(struct store_change *c, const char *relpath, const char *hdr)
{
	struct cfile *f;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->f[i].relpath, relpath) == 0)
			return &c->f[i];
	if (!store_data_name(relpath))
		die("%s: internal error: not a file of the data directory", relpath);
	c->f = xreallocarray(c->f, c->n + 1, sizeof *c->f);
	f = &c->f[c->n++];
	memset(f, 0, sizeof *f);
	f->relpath = xstrdup(relpath);
	f->hdr = hdr;
	f->fd = -1;
	return f;
}

static void
add_piece(struct cfile *f, const char *p, size_t n)
{
	if (n == 0)
		return;
	f->pc = xreallocarray(f->pc, f->npc + 1, sizeof *f->pc);
	f->pc[f->npc].p = p;
	f->pc[f->npc++].n = n;
}

void
store_change_replace(struct store_change *c, const char *name, const char *data,
		     size_t len)
{
	struct cfile *f = change_file(c, name, NULL);

	if (f->npc || f->hdr)
		die("%s: internal error: replaced twice in one change", name);
	f->replace = 1;
	f->npc = 0;
	add_piece(f, data, len);
}

void
store_change_replace_more(struct store_change *c, const char *name, const char *data,
			  size_t len)
{
	struct cfile *f = change_file(c, name, NULL);

	if (!f->replace)
		die("%s: internal error: more of a file not replaced", name);
	add_piece(f, data, len);
}

void
store_change_append(struct store_change *c, const char *relpath, const char *hdr,
		    const char *data, size_t len)
{
	struct cfile *f = change_file(c, relpath, hdr);

	if (!f->hdr)
		die("%s: internal error: a table appended to", relpath);
	if (strcmp(f->hdr, hdr) != 0)
		die("%s: internal error: two headers in one change", relpath);
	store_check_rows(c->s, relpath, hdr, data, len);
	add_piece(f, data, len);
}

/*
 * A bulk load's big files are written at the same time, each big one but
 * the last by a thread of its own: a new month's temporary from step 1
 * until it is made durable, while the journal is written and audit.tsv
 * appended to; and in step 3 every big append but the last.  A thread
 * only writes its file's bytes to f->fd, and begins their writing to the
 * disk; it is joined before the file is made durable, taken back or
 * closed, and how it failed is said then.  It is made with the catchable
 * signals held, and holds them.  When no thread can be made, the bytes
 * are written at once.
 */
#define WRITER_MIN (1 << 20)

static void *
writer(void *arg)
{
	struct cfile *f = arg;

	if (write_pieces(f->fd, f->pc, f->npc) < 0)
		f->write_errno = errno ? errno : EIO;
	else
		begin_writeback(f->fd);
	return NULL;
}

static void
start_writer(struct cfile *f)
{
	f->writing = pthread_create(&f->writer, NULL, writer, f) == 0;
	if (!f->writing)
		(void)writer(f);
}

/* The file's writing done; -1 with errno set if it failed. */
static int
join_writer(struct cfile *f)
{
	if (f->writing) {
		f->writing = 0;
		pthread_join(f->writer, NULL);
	}
	if (f->write_errno) {
		errno = f->write_errno;
		return -1;
	}
	return 0;
}

/* Before the change is made: take back what was written, leave nothing. */
static int
take_back(struct store_change *c)
{
	const char *base;
	struct cfile *f;
	size_t i;
	int failed = 0, pfd;

	for (i = 0; i < c->n; i++)
		(void)join_writer(&c->f[i]);
	for (i = 0; i < c->n; i++) {
		f = &c->f[i];
		if (f->appended && (ftruncate(f->fd, f->size) < 0 || fsync(f->fd) < 0)) {
			warn_errno("%s/%s: cannot take back the append", c->s->path, f->relpath);
			failed = 1;
		}
	}
	/* Cut back or not, the journal says what to do: it stays if anything
	 * is left to take back, so that the next program does it. */
	if (failed)
		return -1;
	for (i = 0; i < c->n; i++) {
		f = &c->f[i];
		if (!f->tmp.len)
			continue;
		pfd = store_open_parent(c->s, f->relpath, &base);
		if (pfd >= 0)
			unlinkat(pfd, f->tmp.data, 0);
		store_close_parent(c->s, pfd);
	}
	if (c->jtmp.len)
		unlinkat(c->s->dirfd, c->jtmp.data, 0);
	if (c->journal)
		unlinkat(c->s->dirfd, c->journal, 0);
	fsync(c->s->dirfd);
	return 0;
}

static void
change_free(struct store_change *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		(void)join_writer(&c->f[i]);
		if (c->f[i].fd >= 0)
			close(c->f[i].fd);
		free(c->f[i].relpath);
		free(c->f[i].pc);
		free(c->f[i].tmprel);
		buf_free(&c->f[i].tmp);
	}
	free(c->f);
	if (c->jfd >= 0)
		close(c->jfd);
	buf_free(&c->jtmp);
	free(c);
}

/* die() while changing: a change not yet made is taken back whole; one
 * made is left to the next program, which finishes it (the journal). */
static void
change_died(void)
{
	struct store_change *c = changing;

	changing = NULL;
	if (c && !c->made && take_back(c) < 0)
		warn("%s: the next program that opens it takes the change back",
		    c->s->path);
}

static _Noreturn void
change_fail(struct store_change *c, const char *relpath, const char *what)
{
	die_errno("%s/%s: %s; nothing was changed", c->s->path, relpath, what);
}

/*
 * A change that appends a few rows (every change but a bulk load) writes
 * them in its journal too, made at once: "add FILE SIZE", then each row
 * as a line "+ROW".  The change is made when that journal is in place;
 * then the rows are appended, and should that be cut short, the next
 * program appends them (store.h).  One rename and one fsync of the
 * directory fewer than a journal begun, then made; and no other program
 * ever sees rows that are taken back.  The room for the rows is taken
 * first where the file system can (fallocate): a full disk then stops
 * the change before it is made, as it would the other way.
 */
#define REDO_MAX (64 * 1024)

static void
journal_rows(struct store_change *c, struct cfile *f, struct buf *journal)
{
	const char *p, *end, *nl;
	size_t k, len = 0;

	buf_printf(journal, "add\t%s\t%lld\n", f->relpath, (long long)f->size);
	for (k = 0; k < f->npc; k++) {
		len += f->pc[k].n;
		for (p = f->pc[k].p, end = p + f->pc[k].n; p < end; p = nl + 1) {
			nl = memchr(p, '\n', (size_t)(end - p));	/* whole lines */
			buf_addc(journal, '+');
			buf_add(journal, p, (size_t)(nl - p) + 1);
		}
	}
#ifdef FALLOC_FL_KEEP_SIZE
	if (fallocate(f->fd, FALLOC_FL_KEEP_SIZE, f->size, (off_t)len) < 0 && errno == ENOSPC)
		change_fail(c, f->relpath, "cannot append");
#else
	(void)len;
#endif
}

/* Is f's content big enough for a writer of its own? */
static int
big(const struct cfile *f)
{
	size_t k, n = 0;

	for (k = 0; k < f->npc && n < WRITER_MIN; k++)
		n += f->pc[k].n;
	return n >= WRITER_MIN;
}

/* Step 1: every replacement written to its temporary (a big one by a
 * thread), every ledger to be appended to opened and checked, its size
 * noted. */
static void
prepare(struct store_change *c, struct buf *journal)
{
	struct buf_piece *pc;
	const char *base;
	struct cfile *f;
	struct stat st;
	size_t i;
	int pfd;

	for (i = 0; i < c->n; i++) {
		f = &c->f[i];
		pfd = parent_of(c->s, f->relpath, &base, 1);
		if (f->hdr) {
			f->fd = open_checked(c->s, f->relpath, O_RDWR | O_APPEND, &st, 1);
			if (f->fd == -2)
				change_fail(c, f->relpath, "cannot append");
			if (f->fd >= 0 && st.st_size > 0) {
				check_ledger(c->s, f->fd, &st, f->relpath, f->hdr);
				f->size = st.st_size;
				if (c->redo)
					journal_rows(c, f, journal);
				else
					buf_printf(journal, "append\t%s\t%lld\n", f->relpath,
					    (long long)f->size);
				store_close_parent(c->s, pfd);
				continue;
			}
			/* A new ledger appears whole, header first, or not at all. */
			if (f->fd >= 0)
				close(f->fd);
			f->fd = -1;
			f->replace = 1;
			pc = xreallocarray(NULL, f->npc + 1, sizeof *pc);
			pc[0].p = f->hdr;
			pc[0].n = strlen(f->hdr);
			memcpy(pc + 1, f->pc, f->npc * sizeof *pc);
			free(f->pc);
			f->pc = pc;
			f->npc++;
		}
		check_replaceable(c->s, pfd, f->relpath, base);
		if (big(f)) {
			if ((f->fd = create_temp(pfd, base, &f->tmp)) < 0) {
				buf_free(&f->tmp);
				change_fail(c, f->relpath, "cannot write");
			}
			start_writer(f);
		} else if (write_temp_kept(pfd, base, f->pc, f->npc, &f->tmp, 1, &f->fd) < 0) {
			buf_free(&f->tmp);
			change_fail(c, f->relpath, "cannot write");
		}
		f->tmprel = xmalloc(strlen(f->relpath) + f->tmp.len + 1);
		sprintf(f->tmprel, "%.*s%s", (int)(base - f->relpath), f->relpath, f->tmp.data);
		buf_printf(journal, "rename\t%s\t%s\n", f->tmprel, f->relpath);
		/* The temporary's name must outlast a crash as surely as the journal. */
		if (pfd != c->s->dirfd && fsync(pfd) < 0)
			change_fail(c, f->relpath, "cannot write");
		store_close_parent(c->s, pfd);
	}
}

/* The temporaries durable, before the rename that makes the change (or
 * the journal that says it is made).  Written in step 1 with their
 * writing to the disk begun, they were going there while the journal and
 * the appends were written. */
static void
sync_temps(struct store_change *c)
{
	struct cfile *f;
	size_t i;

	for (i = 0; i < c->n; i++) {
		f = &c->f[i];
		if (!f->replace || f->fd < 0)
			continue;
		if (join_writer(f) < 0 || fsync(f->fd) < 0)
			change_fail(c, f->relpath, "cannot write");
		close(f->fd);
		f->fd = -1;
	}
}

/* Step 2: the journal, in place and durable (with the temporaries' names). */
static void
write_journal(struct store_change *c, const char *name, struct buf *journal)
{
	int r = atomic_write_at(c->s->dirfd, name, journal->data, journal->len);

	if (r == 0) {
		c->journal = name;
		return;
	}
	if (r == -2)
		c->journal = name;
	change_fail(c, name, "cannot write");
}

static _Noreturn void
append_failed(struct store_change *c, struct cfile *f)
{
	if (!c->made)
		change_fail(c, f->relpath, "cannot append");
	die_errno("%s/%s: the change was made, but its rows could not be appended "
	    "(the next program does it)", c->s->path, f->relpath);
}

/*
 * The file a rename is about to replace, kept open.  Its last hold let go
 * at the rename, or when the writer unmaps the copy it read, the kernel
 * would free its blocks there and then, in the writer's time (on ext4,
 * through its journal: 0.4 to 0.6 ms, once 2.6, for an 800 KB quotas.tsv
 * in a strace of quota-set).  Held instead by the
 * background process until it has let the lock go (store_fork_background(),
 * store_background_exit()); without one, until store_close().  Nothing is
 * read or written through it.
 */
static void
hold_old(struct store *s, int fd)
{
	if (s->nold < STORE_OLD_MAX)
		s->old[s->nold++] = fd;
	else
		close(fd);
}

static void
keep_old(struct store *s, int pfd, const char *base)
{
	struct stat st;
	int fd;

	if (s->nold == STORE_OLD_MAX ||
	    (fd = openat(pfd, base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0)
		return;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1)
		hold_old(s, fd);
	else
		close(fd);
}

/*
 * Step 2 of a change made at once (the rows in its journal, or tables
 * only): the journal written to its temporary, its writing to the disk
 * begun, while the change's temporaries are made durable (sync_temps());
 * then the journal made durable and renamed into place as STORE_PENDING,
 * and the directory synced: the change is made.  Both files go to the
 * disk at once, where one waited for the other.
 */
static void
write_journal_made(struct store_change *c, struct buf *journal)
{
	struct buf_piece pc = { journal->data, journal->len };

	if (write_temp_kept(c->s->dirfd, STORE_PENDING, &pc, 1, &c->jtmp, 1, &c->jfd) < 0) {
		buf_free(&c->jtmp);
		change_fail(c, STORE_PENDING, "cannot write");
	}
	sync_temps(c);
	if (fsync(c->jfd) < 0)
		change_fail(c, STORE_PENDING, "cannot write");
	if (renameat(c->s->dirfd, c->jtmp.data, c->s->dirfd, STORE_PENDING) < 0)
		change_fail(c, STORE_PENDING, "cannot write");
	/* Held, as a file replaced is (keep_old()): its removal at the end
	 * of the change then frees nothing in the writer's time. */
	hold_old(c->s, c->jfd);
	c->jfd = -1;
	buf_free(&c->jtmp);
	c->journal = STORE_PENDING;
	/* Visible, maybe not durable: taken back, as any failure before. */
	if (fsync(c->s->dirfd) < 0)
		change_fail(c, STORE_PENDING, "cannot write");
}

/* Step 3: the appends, each durable; audit.tsv is queued last.  Each big
 * one but the last is written by a thread while the next are written. */
static void
append_all(struct store_change *c)
{
	struct cfile *f;
	size_t i, k, last = c->n;

	for (i = 0; i < c->n; i++)
		if (!c->f[i].replace)
			last = i;
	for (i = 0; i < c->n; i++) {
		f = &c->f[i];
		if (f->replace)
			continue;
		f->appended = 1;
		if (i != last && big(f)) {
			start_writer(f);
			continue;
		}
		for (k = 0; k < f->npc; k++)
			if (write_all(f->fd, f->pc[k].p, f->pc[k].n) < 0)
				append_failed(c, f);
		if (fsync(f->fd) < 0)
			append_failed(c, f);
	}
	for (i = 0; i < c->n; i++) {
		f = &c->f[i];
		if (f->replace || i == last || !big(f))
			continue;
		if (join_writer(f) < 0 || fsync(f->fd) < 0)
			append_failed(c, f);
	}
}

/* Step 5: the replacements into place, then the journal goes. */
static void
finish(struct store_change *c)
{
	const char *base;
	struct cfile *f;
	size_t i;
	int pfd, renamed_here = 0;

	for (i = 0; i < c->n; i++) {
		f = &c->f[i];
		if (!f->replace)
			continue;
		pfd = store_open_parent(c->s, f->relpath, &base);
		renamed_here |= pfd == c->s->dirfd;
		if (pfd >= 0)
			keep_old(c->s, pfd, base);
		if (pfd < 0 || renameat(pfd, f->tmp.data, pfd, base) < 0) {
			if (!c->made)	/* one table alone, no journal */
				change_fail(c, f->relpath, "cannot write");
			die_errno("%s/%s: the change was made, but it could not be put "
			    "in place (the next program finishes it)", c->s->path, f->relpath);
		}
		c->made = 1;
		if (pfd != c->s->dirfd && fsync(pfd) < 0)
			die_errno("%s/%s: the change was made, but syncing its directory "
			    "failed", c->s->path, f->relpath);
		store_close_parent(c->s, pfd);
	}
	/*
	 * The renames in the directory itself durable before the journal goes.
	 * A change that renamed nothing here (appends only, or files of
	 * subdirectories, each synced above) has changed no entry of it since
	 * the fsync that made the change (STORE_PENDING's rename, or the
	 * journal's own write): that fsync has nothing to add.
	 */
	if (renamed_here && fsync(c->s->dirfd) < 0)
		die_errno("%s: the change was made, but syncing the directory failed",
		    c->s->path);
	/*
	 * The journal's removal is not synced.  A crash may bring it back,
	 * made, with its renames done: the next program carries it through
	 * again, and finds nothing left to do (its temporaries are gone; a
	 * made journal cuts nothing back).  That state is the one a crash
	 * just before this unlink leaves anyway.  The next change's first
	 * fsync of the directory makes the removal durable, before that
	 * change writes a journal of its own.
	 */
	if (c->journal && unlinkat(c->s->dirfd, c->journal, 0) < 0)
		die_errno("%s/%s: the change was made, but its journal could not be "
		    "removed (the next program does it)", c->s->path, c->journal);
}

void
store_change_commit(struct store_change *c)
{
	struct buf journal = BUF_INIT;
	size_t i, k, nappend = 0, rows = 0;

	if (c->n == 0) {
		change_free(c);
		return;
	}
	hold_signals(&c->signals);
	changing = c;
	err_on_die(change_died);
	for (i = 0; i < c->n; i++)
		for (k = 0; c->f[i].hdr && k < c->f[i].npc; k++)
			rows += c->f[i].pc[k].n;
	c->redo = rows <= REDO_MAX;
	prepare(c, &journal);
	for (i = 0; i < c->n; i++)
		nappend += !c->f[i].replace;
	if (nappend > 0 && c->redo) {
		/* The rows in the journal: made when it is in place. */
		write_journal_made(c, &journal);
		c->made = 1;
		append_all(c);
	} else if (nappend > 0) {
		write_journal(c, STORE_JOURNAL, &journal);
		append_all(c);
		sync_temps(c);
		/* Step 4: the change is made at this rename. */
		if (renameat(c->s->dirfd, STORE_JOURNAL, c->s->dirfd, STORE_PENDING) < 0)
			change_fail(c, STORE_PENDING, "cannot write");
		c->made = 1;
		c->journal = STORE_PENDING;
		if (fsync(c->s->dirfd) < 0) {
			/* Visible, maybe not durable: carry it through and say so. */
			finish(c);
			die_errno("%s: the change was made, but syncing the directory failed",
			    c->s->path);
		}
	} else if (c->n > 1) {
		/* Tables only: the journal is written made. */
		write_journal_made(c, &journal);
		c->made = 1;
	} else {
		sync_temps(c);
	}
	/* One table alone needs no journal: its rename is atomic. */
	finish(c);
	err_on_die(NULL);
	changing = NULL;
	release_signals(&c->signals);
	buf_free(&journal);
	change_free(c);
}
