/* sales-check: validate the whole data directory; --repair fixes what is safe. */
#include <stdio.h>

#include "check.h"
#include "cli.h"
#include "date.h"
#include "err.h"
#include "store.h"

static const char usage[] =
    "usage: sales-check [--repair] [-q] [-D DIR]\n";

static struct cli cli;
static int repair;
static const struct cli_opt options[] = {
	CLI_FLAG("repair", &repair, "fix what is safe to fix, then check"),
	CLI_OPT_QUIET("print only problems: no confirmation, no line per repair"),
	CLI_OPT_DATA_DIR,
	CLI_END
};

int
main(int argc, char *argv[])
{
	struct check_repairs rp;
	struct store *s;
	size_t problems;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv))
		cli_usage(&cli);

	/* STORE_CHECK: an interrupted change is reported, not refused. */
	s = store_open(cli.data_dir, STORE_CHECK);
	if (repair) {
		check_find_repairs(s, &rp);
		if (check_repairs_any(&rp)) {
			/* The exclusive lock; taking it finishes an interrupted
			 * change and removes the temporaries. */
			store_close(s);
			s = store_open(cli.data_dir, STORE_WRITE);
			check_repair(s, &rp, cli.quiet);
		}
		check_repairs_free(&rp);
	}
	problems = check_data(s, date_today(NULL));
	close_stdout();
	if (problems == 0)
		cli_done(&cli, "%s: no problems found", store_path(s));
	store_close(s);
	return problems ? EXIT_FAIL : 0;
}
