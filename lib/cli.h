/*
 * cli: the options every program shares (salesmgr(7)), so that they are
 * spelled and handled the same way everywhere.
 *
 * A program lists its long options with the CLI_* macros first, then its
 * own (values from CLI_OWN up), and in its getopt_long loop passes every
 * option it does not handle itself to cli_common():
 *
 *   static const struct option opts[] = {
 *           CLI_COMMON, CLI_WRITE, CLI_FROM,
 *           { "name", required_argument, NULL, 'N' },
 *           { 0 }
 *   };
 *   while ((c = getopt_long(argc, argv, "D:hnq", opts, NULL)) != -1)
 *           switch (c) {
 *           case 'N': name = optarg; break;
 *           default: cli_common(&cli, c, usage);
 *           }
 *
 * cli_common() prints usage to stdout and exits 0 for -h, prints the
 * version for --version, and dies with the usage (status 2) for anything
 * unknown.  cli_done() is called on success paths that mutate: it prints
 * the one-line confirmation on a terminal only (DESIGN.md 5).
 */
#ifndef CLI_H
#define CLI_H
#include <getopt.h>
#include "out.h"

#define SALESMGR_VERSION "0.1.0"

enum {
	OPT_VERSION = 256, OPT_NO_HEADER, OPT_TODAY, OPT_FROM, OPT_IGNORE_EXTRA,
	CLI_OWN = 300
};

#define CLI_COMMON \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, OPT_VERSION }, \
	{ "data-dir", required_argument, NULL, 'D' }, \
	{ "today", required_argument, NULL, OPT_TODAY }
#define CLI_WRITE \
	{ "dry-run", no_argument, NULL, 'n' }, \
	{ "quiet", no_argument, NULL, 'q' }
#define CLI_REPORT \
	{ "format", required_argument, NULL, 'o' }, \
	{ "no-header", no_argument, NULL, OPT_NO_HEADER }
#define CLI_FROM \
	{ "from", required_argument, NULL, OPT_FROM }, \
	{ "ignore-extra", no_argument, NULL, OPT_IGNORE_EXTRA }

struct cli {
	const char *data_dir, *today, *from;
	enum out_format format;
	int dry_run, quiet, no_header, ignore_extra;
};

void cli_common(struct cli *c, int opt, const char *usage);
/* The confirmation of a change: on stderr, only when it is a terminal. */
void cli_done(const struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
