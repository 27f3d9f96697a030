/* deal-sync: bring the ledger in line with a CRM's export of its deals. */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "dealsync.h"
#include "err.h"

static const char usage[] =
    "usage: deal-sync --from EXPORT [--map FILE] [--date DATE] [--new-accounts]\n"
    "                 [--csv] [--ignore-extra] [-nq] [-D DIR] [--today DATE]\n";

static struct cli cli;
static const char *map, *date;
static int new_accounts;

static const struct cli_opt options[] = {
	CLI_OPT("map", "FILE", &map, "read the export through this field map"),
	CLI_OPT("date", "DATE", &date, "date events without a changed date so (default today)"),
	CLI_FLAG("new-accounts", &new_accounts, "add the companies not in accounts.tsv"),
	CLI_OPT_CSV,
	CLI_OPTS_WRITE, CLI_OPTS_FROM_NEW, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

int
main(int argc, char *argv[])
{
	struct dealsync_count n;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv))
		cli_usage(&cli);
	if (!cli.from)
		cli_usage_error(&cli, "no export given (--from EXPORT)");

	dealsync_run(&cli, map, date, new_accounts, &n);
	if (!cli.quiet && !cli.dry_run && isatty(1))
		printf("added %zu, changed %zu, won %zu, lost %zu, unchanged %zu, "
		    "not in the export %zu\n", n.added, n.changed, n.won, n.lost,
		    n.unchanged, n.gone);
	close_stdout();
	return 0;
}
