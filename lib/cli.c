#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "err.h"

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
			warn("invalid format '%s': want table, tsv or json", optarg);
			die_usage(usage);
		}
		break;
	case OPT_NO_HEADER:
		c->no_header = 1;
		break;
	case OPT_FROM:
		c->from = optarg;
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
