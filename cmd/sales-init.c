/* sales-init: create a data directory with every table and its header. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit.h"
#include "buf.h"
#include "cli.h"
#include "err.h"
#include "money.h"
#include "schema.h"
#include "store.h"
#include "tsv.h"
#include "xalloc.h"

static const char usage[] =
    "usage: sales-init [DIR] [--currency CODE] [--fiscal-year-start MONTH]\n"
    "                  [--company NAME] [-q] [-D DIR]\n";

static const char default_stages[] =
    "lead\t1\t10\tpipeline\topen\n"
    "qualified\t2\t25\tpipeline\topen\n"
    "proposal\t3\t50\tbest\topen\n"
    "negotiation\t4\t75\tcommit\topen\n"
    "won\t5\t100\tclosed\twon\n"
    "lost\t6\t0\tomitted\tlost\n";

enum { OPT_CURRENCY = CLI_OWN, OPT_FY_START, OPT_COMPANY };

/* Create every parent, then dir itself, all 0700. */
static void
make_dirs(const char *dir)
{
	char *p = xstrdup(dir), *s;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST)
			die_errno("%s: cannot create", p);
		*s = '/';
	}
	if (mkdir(p, 0700) < 0 && errno != EEXIST)
		die_errno("%s: cannot create", p);
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
			die("%s: directory is not empty; refused (sales-init never "
			    "overwrites data)", dir);
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

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON,
		{ "quiet", no_argument, NULL, 'q' },
		{ "currency", required_argument, NULL, OPT_CURRENCY },
		{ "fiscal-year-start", required_argument, NULL, OPT_FY_START },
		{ "company", required_argument, NULL, OPT_COMPANY },
		{ 0 }
	};
	const struct schema *const *sc;
	const char *currency = "EUR", *fy = "1", *company = "", *p;
	struct cli cli = { 0 };
	struct buf b = BUF_INIT, log = BUF_INIT;
	struct store s = { 0 };
	struct stat st;
	long long month;
	int c, dirfd;

	err_init(argv[0]);
	while ((c = getopt_long(argc, argv, "D:hq", opts, NULL)) != -1) {
		switch (c) {
		case OPT_CURRENCY:
			currency = optarg;
			break;
		case OPT_FY_START:
			fy = optarg;
			break;
		case OPT_COMPANY:
			company = optarg;
			break;
		default:
			cli_common(&cli, c, usage);
		}
	}
	if (argc - optind > 1)
		die_usage(usage);
	for (p = currency; *p && *p >= 'A' && *p <= 'Z'; p++)
		;
	if (strlen(currency) != 3 || *p)
		die_status(EXIT_USAGE, "invalid currency '%s': want an ISO 4217 code such as EUR",
		    currency);
	if (parse_uint(fy, 12, &month) < 0 || month < 1)
		die_status(EXIT_USAGE, "invalid fiscal year start '%s': want a month 1-12", fy);
	if (strchr(company, '\n') || strchr(company, '\t'))
		die_status(EXIT_USAGE, "invalid company name: tabs and newlines are not allowed");

	s.path = store_resolve(optind < argc ? argv[optind] : cli.data_dir);
	if (lstat(s.path, &st) == 0 && S_ISLNK(st.st_mode))
		die("%s: is a symlink; refused", s.path);
	make_dirs(s.path);
	dirfd = open(s.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dirfd < 0)
		die_errno("%s", s.path);
	if (fstat(dirfd, &st) < 0)
		die_errno("%s", s.path);
	if (st.st_uid != geteuid())
		die("%s: not owned by you; refused", s.path);
	check_empty(dirfd, s.path);
	if (fchmod(dirfd, 0700) < 0)
		die_errno("%s", s.path);
	s.dirfd = dirfd;
	s.mode = STORE_WRITE;
	s.lockfd = openat(dirfd, ".lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (s.lockfd < 0 || flock(s.lockfd, LOCK_EX | LOCK_NB) < 0)
		die_status(EXIT_BUSY, "%s: busy (another sales-init?); try again later", s.path);
	store_remove_temporaries(dirfd);

	for (sc = schema_tables; *sc; sc++) {
		if (*sc == &schema_config)
			continue;
		buf_reset(&b);
		schema_header(*sc, &b);
		if (*sc == &schema_stages)
			buf_adds(&b, default_stages);
		write_file(dirfd, s.path, (*sc)->file, &b);
	}
	/* config.tsv last: its presence is what makes the directory usable. */
	buf_reset(&b);
	schema_header(&schema_config, &b);
	config_row(&b, "company", company);
	config_row(&b, "currency", currency);
	config_row(&b, "default_capacity", "25");
	config_row(&b, "fiscal_year_start", fy);
	config_row(&b, "pip_periods", "2");
	config_row(&b, "pip_threshold", "70");
	config_row(&b, "schema", "1");
	write_file(dirfd, s.path, "config.tsv", &b);
	buf_free(&b);

	audit_add(&log, "init %s currency=%s fiscal_year_start=%s", s.path, currency, fy);
	audit_commit(&s, &log);
	cli_done(&cli, "created %s", s.path);
	close(s.lockfd);
	close(dirfd);
	free(s.path);
	return 0;
}
