#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit.h"
#include "buf.h"
#include "err.h"
#include "init.h"
#include "schema.h"
#include "tsv.h"
#include "xalloc.h"

static const char default_stages[] =
    "lead\t1\t10\tpipeline\topen\n"
    "qualified\t2\t25\tpipeline\topen\n"
    "proposal\t3\t50\tbest\topen\n"
    "negotiation\t4\t75\tcommit\topen\n"
    "won\t5\t100\tclosed\twon\n"
    "lost\t6\t0\tomitted\tlost\n";

/* Make the new directory entry name durable: fsync the directory holding it. */
static void
sync_parent(const char *path)
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
			sync_parent(p);
		else if (errno != EEXIST)
			die_errno("%s: cannot create", p);
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
}

/*
 * A directory is fit if it is empty, or holds only what an earlier
 * sales-init that crashed before writing config.tsv (its last step) left.
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

static void
write_file(int dirfd, const char *dir, const char *name, struct buf *b)
{
	if (atomic_write_at(dirfd, name, b->data, b->len) < 0)
		die_errno("%s/%s: cannot write", dir, name);
}

static void
config_row(struct buf *b, const char *key, const char *value)
{
	buf_adds(b, key);
	buf_addc(b, '\t');
	tsv_escape(b, value, strlen(value));
	buf_addc(b, '\n');
}

struct store *
init_create(const char *path, const struct init_options *o)
{
	const struct schema *const *sc;
	struct store *s = xcalloc(1, sizeof *s);
	struct buf b = BUF_INIT, log = BUF_INIT;
	struct stat st;

	s->path = xstrdup(path);
	s->mode = STORE_WRITE;
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
	s->lockfd = -1;
	store_lock(s);
	store_remove_temporaries(s->dirfd);

	for (sc = schema_tables; *sc; sc++) {
		if (*sc == &schema_config)
			continue;
		buf_reset(&b);
		schema_header(*sc, &b);
		if (*sc == &schema_stages)
			buf_adds(&b, default_stages);
		write_file(s->dirfd, path, (*sc)->file, &b);
	}
	buf_reset(&b);
	schema_header(&schema_config, &b);
	config_row(&b, "company", o->company);
	config_row(&b, "currency", o->currency);
	config_row(&b, "default_capacity", "25");
	config_row(&b, "fiscal_year_start", o->fiscal_year_start);
	config_row(&b, "pip_periods", "2");
	config_row(&b, "pip_threshold", "70");
	config_row(&b, "schema", "1");
	write_file(s->dirfd, path, "config.tsv", &b);
	buf_free(&b);

	audit_add(&log, "init %s currency=%s fiscal_year_start=%s", path, o->currency,
	    o->fiscal_year_start);
	audit_commit(s, &log);
	return s;
}
