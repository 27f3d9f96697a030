/* rep-list: the reps, active ones unless --all, filtered by team, role or
 * manager; its columns are reps.tsv's, so it feeds rep-edit --from -. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "out.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "xalloc.h"

static const char usage[] =
    "usage: rep-list [--team TEAM] [--role ROLE] [--manager REP] [--all]\n"
    "                [-o FORMAT] [--no-header] [-D DIR]\n";

enum { OPT_TEAM = CLI_OWN, OPT_ROLE, OPT_MANAGER, OPT_ALL };

struct filter {
	const char *team, *role, *manager;
	int all;
};

/* Is column col of row want?  A filter not given (NULL) always is. */
static int
is(const struct table *t, size_t row, const char *col, const char *want)
{
	return !want || strcmp(table_get(t, row, table_col(t, col)), want) == 0;
}

static int
matches(const struct table *reps, size_t i, const struct filter *f)
{
	return (f->all || is(reps, i, "status", "active")) &&
	    is(reps, i, "team", f->team) && is(reps, i, "role", f->role) &&
	    is(reps, i, "manager", f->manager);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_REPORT,
		{ "team", required_argument, NULL, OPT_TEAM },
		{ "role", required_argument, NULL, OPT_ROLE },
		{ "manager", required_argument, NULL, OPT_MANAGER },
		{ "all", no_argument, NULL, OPT_ALL },
		{ 0 }
	};
	struct filter f = { 0 };
	struct cli cli = { 0 };
	struct table *reps, *teams;
	struct out_col *cols;
	struct store *s;
	struct out *o;
	const char **v;
	size_t ncols, i, j;
	int c, key, *col;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:ho:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_TEAM: f.team = optarg; break;
		case OPT_ROLE: f.role = optarg; break;
		case OPT_MANAGER: f.manager = optarg; break;
		case OPT_ALL: f.all = 1; break;
		default: cli_common(&cli, c, usage);
		}
	}
	if (optind != argc)
		die_usage(usage);

	s = store_open(cli.data_dir, STORE_READ);
	reps = store_load(s, "reps.tsv");
	teams = store_load(s, "teams.tsv");
	/* A filter that can never match is a typo, not an empty answer. */
	if (f.team && table_find(teams, table_col(teams, "team"), f.team) < 0)
		die("unknown team '%.64s' (see team-list)", f.team);
	if (f.manager && roster_find_rep(reps, f.manager) < 0)
		die("unknown manager '%.64s' (rep-list --all shows every rep)", f.manager);
	if ((key = table_col(reps, "rep")) >= 0)
		table_sort(reps, &key, 1);

	/* reps.tsv's own columns in their order, then a user's, as they are. */
	ncols = schema_out_cols(&schema_reps, reps, &cols, &col);

	v = xreallocarray(NULL, ncols, sizeof *v);
	o = out_start(out_resolve(cli.format), cols, ncols, cli.no_header);
	for (i = 0; i < reps->nrows; i++) {
		if (!matches(reps, i, &f))
			continue;
		for (j = 0; j < ncols; j++)
			v[j] = table_get(reps, i, col[j]);
		out_row(o, v);
	}
	out_end(o);
	close_stdout();
	free(v);
	free(col);
	free(cols);
	table_free(teams);
	table_free(reps);
	store_close(s);
	return 0;
}
