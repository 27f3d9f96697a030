/* rep-list: the reps, active ones unless --all, filtered by team, role or
 * manager; its columns are reps.tsv's, so it feeds rep-edit --from -. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "err.h"
#include "list.h"
#include "org.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "suggest.h"

static const char usage[] =
    "usage: rep-list [--team TEAM] [--role ROLE] [--manager REP] [--all] [-o FORMAT]\n"
    "                [--no-header] [--raw] [--columns LIST] [--color WHEN] [-D DIR]\n";

static struct cli cli;
static const char *team, *role, *manager, *status = "active";
static int all;
static const struct cli_opt options[] = {
	CLI_OPT("team", "TEAM", &team, "only the reps on team TEAM today"),
	CLI_OPT("role", "ROLE", &role, "only the reps whose role is ROLE"),
	CLI_OPT("manager", "REP", &manager,
	    "only the reps in REP's organisation today (direct and indirect)"),
	CLI_FLAG("all", &all, "also the reps on leave and those who left"),
	CLI_OPTS_REPORT, CLI_OPT_DATA_DIR,
	CLI_END
};
static const struct list_where where[] = {
	{ "status", &status }, { "role", &role }, { NULL, NULL }
};
static struct org *org;
static date_t today;

/* list_where, and on the team or in the manager's organisation today (by
 * the dated organisation, so that --today DATE lists who was there). */
static int
keep(const struct table *t, size_t row, const void *arg)
{
	const char *rep = table_cell(t, row, "rep");

	return list_where(t, row, arg) &&
	    (!team || strcmp(org_rep_team(org, rep, today), team) == 0) &&
	    (!manager || org_under(org, manager, rep, today));
}

int
main(int argc, char *argv[])
{
	char hint[SUGGEST_BUFSZ];
	struct table *reps, *teams;
	struct store *s;
	int key;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv))
		cli_usage(&cli);
	if (all)
		status = NULL;

	s = store_open(cli.data_dir, STORE_READ);
	reps = store_load(s, "reps.tsv");
	teams = store_load(s, "teams.tsv");
	/* A filter that can never match is a typo, not an empty answer. */
	/* (the table not asked about is freed first, for the leak checker) */
	if (team && table_find(teams, table_col(teams, "team"), team) < 0) {
		table_free(reps);
		die("unknown team '%.64s' (%s)", team,
		    suggest(teams, "team", "name", team, "see team-list", hint));
	}
	if (manager && roster_find_rep(reps, manager) < 0) {
		table_free(teams);
		die("unknown manager '%.64s' (%s)", manager, suggest(reps, "rep", "name",
		    manager, "rep-list --all shows every rep", hint));
	}
	if ((key = table_col(reps, "rep")) >= 0)
		table_sort(reps, &key, 1);
	today = date_today(NULL);
	org = team || manager ? org_load_tables(s, reps, teams, NULL) : NULL;

	list_schema(&schema_reps, reps, &cli, keep, where);
	org_free(org);
	table_free(teams);
	table_free(reps);
	store_close(s);
	return 0;
}
