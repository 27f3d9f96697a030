/* acct-add: add accounts (customers), from options or --from FILE, such as
 * a CRM export. */
#include <stdio.h>
#include <string.h>

#include "account.h"
#include "cli.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "input.h"
#include "money.h"
#include "schema.h"
#include "store.h"
#include "txn.h"

static const char usage[] =
    "usage: acct-add ACCOUNT --name NAME [--segment S] [--region R]\n"
    "                [--potential AMOUNT] [--priority 1-5] [--owner REP]\n"
    "                [--since DATE] [-nq] [-D DIR] [--today DATE]\n"
    "       acct-add --from FILE [--ignore-extra] [-nq] [-D DIR] [--today DATE]\n";

enum { F_ACCOUNT, F_NAME, F_SEGMENT, F_REGION, F_POTENTIAL, F_PRIORITY, F_OWNER,
	F_SINCE, NFIELDS };
static const char *const fields[NFIELDS] = {
	"account", "name", "segment", "region", "potential", "priority", "owner", "since"
};

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_WRITE, CLI_FROM,
		{ "name", required_argument, NULL, CLI_OWN + F_NAME },
		{ "segment", required_argument, NULL, CLI_OWN + F_SEGMENT },
		{ "region", required_argument, NULL, CLI_OWN + F_REGION },
		{ "potential", required_argument, NULL, CLI_OWN + F_POTENTIAL },
		{ "priority", required_argument, NULL, CLI_OWN + F_PRIORITY },
		{ "owner", required_argument, NULL, CLI_OWN + F_OWNER },
		{ "since", required_argument, NULL, CLI_OWN + F_SINCE },
		{ 0 }
	};
	const char *opt[NFIELDS] = { 0 }, *v[NFIELDS], *set[NFIELDS];
	char today[DATE_BUFSZ], canon[MONEY_BUFSZ];
	struct table *cfg, *reps, *accounts;
	struct cli cli = { 0 };
	struct store *s;
	struct input *in;
	struct txn x;
	size_t i, first, bad;
	long row;
	int c;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:hnq", opts, NULL)) != -1) {
		if (c >= CLI_OWN + F_NAME && c < CLI_OWN + NFIELDS)
			opt[c - CLI_OWN] = optarg;
		else
			cli_common(&cli, c, usage);
	}
	if (cli.from ? optind != argc : optind != argc - 1)
		die_usage(usage);
	if (!cli.from)
		opt[F_ACCOUNT] = argv[optind];
	date_format(date_today(cli.today), today);
	/* Input first, so that a program piping into us gets its lock and
	 * writes its header before we wait for ours. */
	in = input_open(cli.from, fields, NFIELDS,
	    cli.ignore_extra ? INPUT_CREATE | INPUT_IGNORE_EXTRA : INPUT_CREATE);

	s = store_open(cli.data_dir, STORE_WRITE);
	cfg = config_load(s);
	reps = store_load(s, "reps.tsv");
	accounts = store_load(s, "accounts.tsv");
	first = accounts->nrows;
	while (input_next(in, opt, v)) {
		if (!v[F_SINCE] || !*v[F_SINCE])
			v[F_SINCE] = today;
		if (!v[F_ACCOUNT] || !*v[F_ACCOUNT]) {
			input_error(in, "no account id given");
			continue;
		}
		if (!v[F_NAME] || !*v[F_NAME]) {
			input_error(in, "account '%.64s': no name given (use --name)",
			    v[F_ACCOUNT]);
			continue;
		}
		for (bad = 0, i = 0; i < NFIELDS; i++)
			if (!(set[i] = account_value(in, reps, fields[i], v[i] ? v[i] : "",
			    canon)))
				bad++;
		if (bad)
			continue;
		if ((row = account_find(accounts, v[F_ACCOUNT])) >= 0) {
			if ((size_t)row >= first)
				input_error(in, "account '%s' is given twice in the input",
				    v[F_ACCOUNT]);
			else
				input_error(in, "account '%s' already exists (change it "
				    "with acct-edit)", v[F_ACCOUNT]);
			continue;
		}
		row = (long)table_add_row(accounts);
		for (i = 0; i < NFIELDS; i++)
			table_set(accounts, (size_t)row, table_col_add(accounts, fields[i]),
			    set[i]);
	}
	if (input_close(in))
		die("nothing was changed");

	txn_begin(&x, s, cli.dry_run);
	for (i = first; i < accounts->nrows; i++)
		txn_log(&x, "add account %s",
		    table_get(accounts, i, table_col(accounts, "account")));
	if (x.changes)
		txn_table(&x, &schema_accounts, accounts);
	txn_commit(&x);
	close_stdout();
	if (!cli.dry_run)
		cli_done(&cli, "added %zu account%s", x.changes, x.changes == 1 ? "" : "s");
	table_free(cfg);
	table_free(reps);
	table_free(accounts);
	store_close(s);
	return 0;
}
