/* acct-list: the accounts, filtered by segment, region or owner; its columns
 * are accounts.tsv's, so it feeds acct-edit --from -. */
#include <stdio.h>

#include "account.h"
#include "cli.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "list.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "suggest.h"

static const char usage[] =
    "usage: acct-list [--segment S] [--region R] [--owner REP | --unowned]\n"
    "                 [-o FORMAT] [--no-header] [--raw] [--columns LIST]\n"
    "                 [--color WHEN] [-D DIR] [--today DATE]\n";

static struct cli cli;
static const char *segment, *region, *owner;
static int unowned;
static const struct cli_opt options[] = {
	CLI_OPT("segment", "S", &segment, "only the accounts of segment S"),
	CLI_OPT("region", "R", &region, "only the accounts in region R"),
	CLI_OPT("owner", "REP", &owner, "only the accounts REP owns"),
	CLI_FLAG("unowned", &unowned, "only the accounts nobody owns"),
	CLI_OPTS_REPORT, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};
static const struct list_where where[] = {
	{ "segment", &segment }, { "region", &region }, { "owner", &owner },
	{ NULL, NULL }
};

int
main(int argc, char *argv[])
{
	char hint[SUGGEST_BUFSZ];
	struct table *cfg, *reps, *accounts;
	struct store *s;
	int key;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv))
		cli_usage(&cli);
	if (unowned && owner)
		cli_usage_error(&cli, "--owner and --unowned exclude each other");
	if (unowned)
		owner = "";
	date_today(cli.today);

	s = store_open(cli.data_dir, STORE_READ);
	cfg = config_load(s);
	reps = store_load(s, "reps.tsv");
	accounts = store_load(s, "accounts.tsv");
	/* An owner who was never on the roster is a typo, not an empty answer. */
	if (owner && *owner && roster_find_rep(reps, owner) < 0)
		die("unknown rep '%.64s' (%s)", owner,
		    suggest(reps, "rep", "name", owner, "rep-list --all shows every rep", hint));
	if ((key = table_col(accounts, "account")) >= 0)
		table_sort(accounts, &key, 1);
	/*
	 * Everything is in memory: let go of the lock before writing, so that
	 * in `acct-list | acct-edit --from -` the writer never waits for us
	 * while we wait for it to read.
	 */
	store_close(s);

	list_schema(&schema_accounts, accounts, &cli, list_where, where);
	table_free(cfg);
	table_free(reps);
	table_free(accounts);
	return 0;
}
