/* team-add: add teams, from options or --from FILE. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "input.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "txn.h"

static const char usage[] =
    "usage: team-add TEAM --name NAME [--manager REP] [--focus TEXT] [-nq] [-D DIR]\n"
    "       team-add --from FILE [--ignore-extra] [-nq] [-D DIR]\n";

enum { F_TEAM, F_NAME, F_MANAGER, F_FOCUS, NFIELDS };
static const char *const fields[NFIELDS] = { "team", "name", "manager", "focus" };

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_WRITE, CLI_FROM,
		{ "name", required_argument, NULL, CLI_OWN + F_NAME },
		{ "manager", required_argument, NULL, CLI_OWN + F_MANAGER },
		{ "focus", required_argument, NULL, CLI_OWN + F_FOCUS },
		{ 0 }
	};
	const char *opt[NFIELDS] = { 0 }, *v[NFIELDS];
	struct cli cli = { 0 };
	struct table *teams, *reps;
	struct store *s;
	struct input *in;
	struct txn x;
	size_t i, first;
	long row;
	int c, tc;

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
		opt[F_TEAM] = argv[optind];

	s = store_open(cli.data_dir, STORE_WRITE);
	teams = store_load(s, "teams.tsv");
	reps = store_load(s, "reps.tsv");
	tc = table_col_add(teams, "team");
	first = teams->nrows;
	in = input_open(cli.from, fields, NFIELDS,
	    cli.ignore_extra ? INPUT_CREATE | INPUT_IGNORE_EXTRA : INPUT_CREATE);
	while (input_next(in, opt, v)) {
		if (!v[F_TEAM] || !*v[F_TEAM]) {
			input_error(in, "no team id given");
			continue;
		}
		if (!v[F_NAME] || !*v[F_NAME]) {
			input_error(in, "team '%.64s': no name given (use --name)", v[F_TEAM]);
			continue;
		}
		if (input_check(in, &schema_teams, fields, v) ||
		    roster_check_manager(in, reps, NULL, v[F_MANAGER]))
			continue;
		/* Rows added earlier in this run are in teams too, so a
		 * duplicate within one --from file is caught here as well. */
		if (table_find(teams, tc, v[F_TEAM]) >= 0) {
			input_error(in, "team '%s' already exists (team-list shows every team)",
			    v[F_TEAM]);
			continue;
		}
		row = (long)table_add_row(teams);
		for (i = 0; i < NFIELDS; i++)
			if (v[i])
				table_set(teams, (size_t)row,
				    table_col_add(teams, fields[i]), v[i]);
	}
	if (input_close(in))
		die("nothing was changed");

	txn_begin(&x, s, cli.dry_run);
	for (i = first; i < teams->nrows; i++)
		txn_log(&x, "add team %s", table_get(teams, i, tc));
	txn_table(&x, &schema_teams, teams);
	txn_commit(&x);
	close_stdout();
	if (!cli.dry_run)
		cli_done(&cli, "added %zu team%s", x.changes, x.changes == 1 ? "" : "s");
	table_free(teams);
	table_free(reps);
	store_close(s);
	return 0;
}
