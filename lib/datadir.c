#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "datadir.h"
#include "err.h"
#include "tsv.h"
#include "xalloc.h"

static const char *recorded;

void
datadir_option(const char *dir_option)
{
	recorded = dir_option;
}

char *
datadir_resolve(const char *opt)
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

char *
datadir_timezone(void)
{
	const char *home = getenv("HOME"), *env = getenv("SALESMGR_DIR"),
		*xdg = getenv("XDG_DATA_HOME");
	char *path, *tz = NULL;
	struct tsv_reader *r;
	struct stat st;
	int dfd, fd, kc, vc, n;

	/* No directory to name (no HOME either): no time zone. */
	if (!(recorded && *recorded) && !(env && *env) && !(xdg && *xdg == '/') &&
	    !(home && *home))
		return NULL;
	path = datadir_resolve(recorded);
	dfd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	free(path);
	if (dfd < 0)
		return NULL;
	fd = openat(dfd, "config.tsv", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	close(dfd);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		r = tsv_open(fd, "config.tsv");
		if (tsv_header(r) == TSV_ROW && (kc = tsv_col(r, "key")) >= 0 &&
		    (vc = tsv_col(r, "value")) >= 0)
			while ((n = tsv_next(r)) != TSV_EOF && n != TSV_IOERR)
				if (n == TSV_ROW && strcmp(r->f[kc], "timezone") == 0 &&
				    *r->f[vc]) {
					free(tz);
					tz = xstrdup(r->f[vc]);
				}
		tsv_close(r);
	}
	close(fd);
	return tz;
}
