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

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("name", "NAME", &opt[F_NAME], "the account's name (required)"),
	CLI_OPT("segment", "S", &opt[F_SEGMENT], "its segment: enterprise, mid-market, ..."),
	CLI_OPT("region", "R", &opt[F_REGION], "its region"),
	CLI_OPT("potential", "AMOUNT", &opt[F_POTENTIAL], "what it could buy in a year"),
	CLI_OPT("priority", "1-5", &opt[F_PRIORITY], "how much it matters, 1 the most"),
	CLI_OPT("owner", "REP", &opt[F_OWNER], "the rep who owns it"),
	CLI_OPT("since", "DATE", &opt[F_SINCE], "a customer since DATE (default today)"),
	CLI_OPTS_WRITE, CLI_OPTS_FROM_NEW, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

int
main(int argc, char *argv[])
{
	const char *v[NFIELDS], *set[NFIELDS];
	char today[DATE_BUFSZ], canon[MONEY_BUFSZ];
	struct table *cfg, *reps, *accounts;
	struct store *s;
	struct input *in;
	struct txn x;
	size_t i, first, bad;
	long row;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	cli_record(&cli, opt, F_ACCOUNT, -1);
	date_format(date_today(cli.today), today);
	/* Input first, so that a program piping into us gets its lock and
	 * writes its header before we wait for ours. */
	in = cli_input(&cli, fields, NFIELDS, INPUT_CREATE);

	s = store_open(cli.data_dir, STORE_WRITE);
	cfg = config_load(s);
	reps = store_load(s, "reps.tsv");
	accounts = store_load(s, "accounts.tsv");
	first = accounts->nrows;
	while (input_next(in, opt, v)) {
		if (!v[F_SINCE] || !*v[F_SINCE])
			v[F_SINCE] = today;
		if (cli_required(in, &schema_accounts, fields, v, NFIELDS))
			continue;
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
