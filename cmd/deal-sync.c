/* deal-sync: bring the ledger in line with a CRM's export of its deals. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "dealin.h"
#include "dealsync.h"
#include "err.h"

static const char usage[] =
    "usage: deal-sync --from EXPORT [--map FILE] [--date DATE] [--new-accounts]\n"
    "                 [--csv] [--ignore-extra] [-nq] [-D DIR] [--today DATE]\n";

enum { OPT_MAP = CLI_OWN, OPT_DATE, OPT_NEW_ACCOUNTS };

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_WRITE, CLI_FROM,
		{ "map", required_argument, NULL, OPT_MAP },
		{ "date", required_argument, NULL, OPT_DATE },
		{ "new-accounts", no_argument, NULL, OPT_NEW_ACCOUNTS },
		{ 0 }
	};
	const char *map = NULL, *date = NULL;
	struct dealsync_count n;
	struct cli cli = { 0 };
	int c, new_accounts = 0;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:hnq", opts, NULL)) != -1) {
		switch (c) {
		case OPT_MAP: map = optarg; break;
		case OPT_DATE: date = optarg; break;
		case OPT_NEW_ACCOUNTS: new_accounts = 1; break;
		default: cli_common(&cli, c, usage);
		}
	}
	if (optind != argc || !cli.from)
		die_usage(usage);

	dealsync_run(&cli, map, date, new_accounts, &n);
	if (!cli.quiet && !cli.dry_run && isatty(1))
		printf("added %zu, changed %zu, won %zu, lost %zu, unchanged %zu, "
		    "not in the export %zu\n", n.added, n.changed, n.won, n.lost,
		    n.unchanged, n.gone);
	close_stdout();
	return 0;
}
