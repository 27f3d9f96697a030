#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "err.h"
#include "store.h"

/*
 * Read all of a piped stdin now, before the program waits for the data
 * directory's lock: in `rep-list | rep-edit --from -` the writer must not
 * hold the lock while the reader upstream waits for it.  The input is kept
 * in an anonymous file that becomes fd 0.
 */
static void
spool_stdin(void)
{
	struct stat st;
	char buf[65536];
	ssize_t n;
	int fd;

	if (fstat(0, &st) == 0 && S_ISREG(st.st_mode))
		return;
	fd = memfd_create("stdin", MFD_CLOEXEC);
	if (fd < 0)
		die_errno("cannot buffer standard input");
	for (;;) {
		n = read(0, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die_errno("stdin: read error");
		if (n == 0)
			break;
		if (write_all(fd, buf, (size_t)n) < 0)
			die_errno("cannot buffer standard input");
	}
	if (lseek(fd, 0, SEEK_SET) < 0 || dup2(fd, 0) < 0)
		die_errno("cannot buffer standard input");
	close(fd);
}

void
cli_common(struct cli *c, int opt, const char *usage)
{
	switch (opt) {
	case 'h':
		fputs(usage, stdout);
		close_stdout();
		exit(0);
	case OPT_VERSION:
		printf("%s (salesmgr) %s\n", progname, SALESMGR_VERSION);
		close_stdout();
		exit(0);
	case 'D':
		c->data_dir = optarg;
		break;
	case OPT_TODAY:
		c->today = optarg;
		break;
	case 'n':
		c->dry_run = 1;
		break;
	case 'q':
		c->quiet = 1;
		break;
	case 'o':
		if (out_format_parse(optarg, &c->format) < 0) {
			warn("invalid format '%s': want table, tsv, json or html", optarg);
			die_usage(usage);
		}
		break;
	case OPT_NO_HEADER:
		c->no_header = 1;
		break;
	case OPT_FROM:
		c->from = optarg;
		if (strcmp(optarg, "-") == 0)
			spool_stdin();
		break;
	case OPT_IGNORE_EXTRA:
		c->ignore_extra = 1;
		break;
	default:
		die_usage(usage);
	}
}

void
cli_done(const struct cli *c, const char *fmt, ...)
{
	va_list ap;

	if (c->quiet || !isatty(2))
		return;
	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
