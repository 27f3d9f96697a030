/* acct-list: the accounts, filtered by segment, region or owner; its columns
 * are accounts.tsv's, so it feeds acct-edit --from -. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "cli.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "out.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "xalloc.h"

static const char usage[] =
    "usage: acct-list [--segment S] [--region R] [--owner REP | --unowned]\n"
    "                 [-o FORMAT] [--no-header] [-D DIR] [--today DATE]\n";

enum { OPT_SEGMENT = CLI_OWN, OPT_REGION, OPT_OWNER, OPT_UNOWNED };

struct filter {
	const char *segment, *region, *owner;
};

/* Is column col of row want?  A filter not given (NULL) always is. */
static int
is(const struct table *t, size_t row, const char *col, const char *want)
{
	return !want || strcmp(table_get(t, row, table_col(t, col)), want) == 0;
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_REPORT,
		{ "segment", required_argument, NULL, OPT_SEGMENT },
		{ "region", required_argument, NULL, OPT_REGION },
		{ "owner", required_argument, NULL, OPT_OWNER },
		{ "unowned", no_argument, NULL, OPT_UNOWNED },
		{ 0 }
	};
	struct filter f = { 0 };
	struct cli cli = { 0 };
	struct table *cfg, *reps, *accounts;
	struct out_col *cols;
	struct store *s;
	struct out *o;
	const char **v;
	size_t ncols, i, j;
	int c, key, unowned = 0, *col;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:ho:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_SEGMENT: f.segment = optarg; break;
		case OPT_REGION: f.region = optarg; break;
		case OPT_OWNER: f.owner = optarg; break;
		case OPT_UNOWNED: unowned = 1; break;
		default: cli_common(&cli, c, usage);
		}
	}
	if (optind != argc)
		die_usage(usage);
	if (unowned && f.owner) {
		warn("--owner and --unowned exclude each other");
		die_usage(usage);
	}
	if (unowned)
		f.owner = "";
	date_today(cli.today);

	s = store_open(cli.data_dir, STORE_READ);
	cfg = config_load(s);
	reps = store_load(s, "reps.tsv");
	accounts = store_load(s, "accounts.tsv");
	/* An owner who was never on the roster is a typo, not an empty answer. */
	if (f.owner && *f.owner && roster_find_rep(reps, f.owner) < 0)
		die("unknown rep '%.64s' (rep-list --all shows every rep)", f.owner);
	if ((key = table_col(accounts, "account")) >= 0)
		table_sort(accounts, &key, 1);
	/*
	 * Everything is in memory: let go of the lock before writing, so that
	 * in `acct-list | acct-edit --from -` the writer never waits for us
	 * while we wait for it to read.
	 */
	store_close(s);

	/* accounts.tsv's own columns in their order, then a user's, as they are. */
	ncols = schema_out_cols(&schema_accounts, accounts, &cols, &col);

	v = xreallocarray(NULL, ncols, sizeof *v);
	o = out_start(out_resolve(cli.format), cols, ncols, cli.no_header);
	for (i = 0; i < accounts->nrows; i++) {
		if (!is(accounts, i, "segment", f.segment) ||
		    !is(accounts, i, "region", f.region) || !is(accounts, i, "owner", f.owner))
			continue;
		for (j = 0; j < ncols; j++)
			v[j] = table_get(accounts, i, col[j]);
		out_row(o, v);
	}
	out_end(o);
	close_stdout();
	free(v);
	free(col);
	free(cols);
	table_free(cfg);
	table_free(reps);
	table_free(accounts);
	return 0;
}
