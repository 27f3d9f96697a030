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

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("name", "NAME", &opt[F_NAME], "the team's name (required)"),
	CLI_OPT("manager", "REP", &opt[F_MANAGER], "the rep who leads it"),
	CLI_OPT("focus", "TEXT", &opt[F_FOCUS], "what it concentrates on"),
	CLI_OPTS_WRITE, CLI_OPTS_FROM_NEW, CLI_OPT_DATA_DIR,
	CLI_END
};

int
main(int argc, char *argv[])
{
	const char *v[NFIELDS];
	struct table *teams, *reps;
	struct store *s;
	struct input *in;
	struct txn x;
	size_t i, first;
	long row;
	int tc;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	cli_record(&cli, opt, F_TEAM, -1);

	s = store_open(cli.data_dir, STORE_WRITE);
	teams = store_load(s, "teams.tsv");
	reps = store_load(s, "reps.tsv");
	tc = table_col_add(teams, "team");
	first = teams->nrows;
	in = cli_input(&cli, fields, NFIELDS, INPUT_CREATE);
	while (input_next(in, opt, v)) {
		if (cli_required(in, &schema_teams, fields, v, NFIELDS) ||
		    input_check(in, &schema_teams, fields, v) ||
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
