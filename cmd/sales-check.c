/* sales-check: validate the whole data directory; --repair fixes what is safe. */
#include <stdio.h>

#include "check.h"
#include "cli.h"
#include "err.h"
#include "store.h"

static const char usage[] =
    "usage: sales-check [--repair] [-q] [-D DIR]\n";

enum { OPT_REPAIR = CLI_OWN };

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON,
		{ "quiet", no_argument, NULL, 'q' },
		{ "repair", no_argument, NULL, OPT_REPAIR },
		{ 0 }
	};
	struct cli cli = { 0 };
	struct check_repairs rp;
	struct store *s;
	size_t problems;
	int c, repair = 0;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:hq", opts, NULL)) != -1) {
		if (c == OPT_REPAIR)
			repair = 1;
		else
			cli_common(&cli, c, usage);
	}
	if (optind != argc)
		die_usage(usage);

	/* STORE_CHECK: an interrupted change is reported, not refused. */
	s = store_open(cli.data_dir, STORE_CHECK);
	if (repair) {
		check_find_repairs(s, &rp);
		if (rp.ntemps > 0 || rp.ntorn > 0) {
			/* The exclusive lock; taking it finishes an interrupted
			 * change and removes the temporaries. */
			store_close(s);
			s = store_open(cli.data_dir, STORE_WRITE);
			check_repair(s, &rp, cli.quiet);
		}
		check_repairs_free(&rp);
	}
	problems = check_data(s);
	close_stdout();
	if (problems == 0)
		cli_done(&cli, "%s: no problems found", s->path);
	store_close(s);
	return problems ? EXIT_FAIL : 0;
}
