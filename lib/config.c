#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "money.h"
#include "tsv.h"
#include "xalloc.h"

static const char *dir_option;

void
config_dir_option(const char *dir)
{
	dir_option = dir;
}

/*
 * The directory store_resolve() would find, or NULL when there is none to
 * name (no HOME): then there is no zone to apply either.
 */
static char *
resolve_quietly(void)
{
	const char *home = getenv("HOME"), *env = getenv("SALESMGR_DIR"),
		*xdg = getenv("XDG_DATA_HOME");

	if ((dir_option && *dir_option) || (env && *env) || (xdg && *xdg == '/') ||
	    (home && *home))
		return store_resolve(dir_option);
	return NULL;
}

void
config_zone(void)
{
	char *path = resolve_quietly(), *tz = NULL;
	struct tsv_reader *r;
	struct stat st;
	int dfd = -1, fd = -1, kc, vc, n;

	/* Read before the lock, like any reader of a table (it is replaced
	 * whole), and quietly: whatever else is wrong there is for
	 * store_open() and sales-check to say. */
	if (path && (dfd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) >= 0 &&
	    (fd = openat(dfd, "config.tsv", O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		r = tsv_open(fd, "config.tsv");
		if (tsv_header(r) == TSV_ROW && (kc = tsv_col(r, "key")) >= 0 &&
		    (vc = tsv_col(r, "value")) >= 0)
			while ((n = tsv_next(r)) != TSV_EOF && n != TSV_IOERR)
				if (n == TSV_ROW && strcmp(r->f[kc], "timezone") == 0 && *r->f[vc]) {
					free(tz);
					tz = xstrdup(r->f[vc]);
				}
		tsv_close(r);
	}
	if (tz && date_set_zone(tz) < 0)
		die("%s/config.tsv: timezone '%s' is not a time zone (want a name such "
		    "as Europe/Amsterdam or UTC)", path, tz);
	free(tz);
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		close(dfd);
	free(path);
}

struct table *
config_load(struct store *s)
{
	struct table *cfg = store_load(s, "config.tsv");
	const char *cur = config_get(cfg, "currency");

	if (*cur)
		money_set_currency(cur);
	return cfg;
}

const char *
config_get(const struct table *cfg, const char *key)
{
	long row = table_find(cfg, table_col(cfg, "key"), key);

	if (row < 0)
		return "";
	return table_get(cfg, (size_t)row, table_col(cfg, "value"));
}

long
config_int(const struct table *cfg, const char *key, long min, long max, long def)
{
	const char *v = config_get(cfg, key);
	long long n;

	if (!*v)
		return def;
	if (parse_uint(v, max, &n) < 0 || n < min)
		die("config.tsv: %s '%s' is not a whole number %ld-%ld", key, v, min, max);
	return (long)n;
}

int
config_fiscal_start(const struct table *cfg)
{
	return (int)config_int(cfg, "fiscal_year_start", 1, 12, 1);
}
