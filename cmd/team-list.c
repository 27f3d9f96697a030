/* team-list: every team, with its number of active reps. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "out.h"
#include "store.h"

static const char usage[] =
    "usage: team-list [-o FORMAT] [--no-header] [--raw] [--columns LIST]\n"
    "                 [--color WHEN] [-D DIR]\n";

static struct cli cli;
static const struct cli_opt options[] = {
	CLI_OPTS_REPORT, CLI_OPT_DATA_DIR,
	CLI_END
};

enum { C_TEAM, C_NAME, C_MANAGER, C_FOCUS, C_REPS, NCOLS };
static const struct out_col cols[NCOLS] = {
	{ "team", OUT_TEXT, 1 }, { "name", OUT_TEXT, 2 }, { "manager", OUT_TEXT, 3 },
	{ "focus", OUT_TEXT, 4 }, { "reps", OUT_INT, 2 },
};

/* Reps with status active in team: those who left still belong to a team
 * in the data, but not to its head count. */
static size_t
active_reps(const struct table *reps, const char *team)
{
	int tc = table_col(reps, "team"), sc = table_col(reps, "status");
	size_t i, n = 0;

	for (i = 0; i < reps->nrows; i++)
		if (strcmp(table_get(reps, i, tc), team) == 0 &&
		    strcmp(table_get(reps, i, sc), "active") == 0)
			n++;
	return n;
}

int
main(int argc, char *argv[])
{
	const char *v[NCOLS];
	char count[24];
	struct table *teams, *reps;
	struct store *s;
	struct out *o;
	size_t i, j;
	int key, col[C_REPS];

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv))
		cli_usage(&cli);

	s = store_open(cli.data_dir, STORE_READ);
	teams = store_load(s, "teams.tsv");
	reps = store_load(s, "reps.tsv");
	/* A hand-edited file may be out of order; the list is not. */
	if ((key = table_col(teams, "team")) >= 0)
		table_sort(teams, &key, 1);
	for (j = 0; j < C_REPS; j++)
		col[j] = table_col(teams, cols[j].name);

	o = out_start(out_resolve(cli.format), cols, NCOLS, cli.no_header);
	for (i = 0; i < teams->nrows; i++) {
		for (j = 0; j < C_REPS; j++)
			v[j] = table_get(teams, i, col[j]);
		snprintf(count, sizeof count, "%zu", active_reps(reps, v[C_TEAM]));
		v[C_REPS] = count;
		out_row(o, v);
	}
	out_end(o);
	close_stdout();
	table_free(teams);
	table_free(reps);
	store_close(s);
	return 0;
}
