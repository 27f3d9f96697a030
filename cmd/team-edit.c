/* team-edit: change existing teams, from options or --from FILE; the name,
 * manager and parent are dated in org.tsv. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "edit.h"
#include "err.h"
#include "input.h"
#include "org.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "tsv.h"

static const char usage[] =
    "usage: team-edit TEAM [--name NAME] [--manager REP] [--parent TEAM]\n"
    "                 [--focus TEXT] [--set COLUMN=VALUE]... [--date DATE] [-nq]\n"
    "                 [-D DIR] [--today DATE]\n"
    "       team-edit --from FILE [change options] [--date DATE] [-nq] [-D DIR]\n"
    "                 [--today DATE]\n";

static const struct edit_column columns[] = {
	{ "team", "TEAM", NULL },
	{ "name", "NAME", "the team's name" },
	{ "manager", "REP", "the rep who leads it" },
	{ "parent", "TEAM", "the team it is part of (empty: none)" },
	{ "focus", "TEXT", "what it concentrates on" },
};

static struct cli cli;
static struct edit e = EDIT_INIT(columns, "manager or parent",
    "(team-list --all shows every team)");
static const char *date_opt;
static const struct cli_opt options[] = {
	CLI_OPT("date", "DATE", &date_opt, "the first day of the dated changes (default today)"),
	CLI_OPTS_WRITE, CLI_OPT_FROM, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

/* A change to check: a good value, a known manager, an open parent. */
static int
check(const struct edit_org *g, struct input *in, const char *team,
      const struct edit_change *c)
{
	int k = schema_col(&schema_teams, c->col);
	size_t n = strlen(c->val);
	const char *why;

	if (utf8_valid_prefix(c->val, n) != n) {
		input_error(in, "%s: value is not valid UTF-8", c->col);
		return 1;
	}
	if (k >= 0 && !*c->val && schema_teams.cols[k].required) {
		input_error(in, "team '%s': %s is required and cannot be cleared", team, c->col);
		return 1;
	}
	if (k >= 0 && (why = schema_check_value(&schema_teams.cols[k], c->val))) {
		input_error(in, "%s '%.64s' %s", c->col, c->val, why);
		return 1;
	}
	if (strcmp(c->col, "status") == 0 || strcmp(c->col, "ended") == 0) {
		input_error(in, "team '%s': %s is team-end's to set", team, c->col);
		return 1;
	}
	if (strcmp(c->col, "manager") == 0 && *c->val &&
	    roster_check_manager(in, g->reps, NULL, c->val))
		return 1;
	if (strcmp(c->col, "parent") == 0 && *c->val) {
		if (strcmp(c->val, team) == 0) {
			input_error(in, "team '%s' cannot be its own parent", team);
			return 1;
		}
		if (!org_known(g->o, ORG_TEAM, c->val)) {
			input_error(in, "unknown team '%.64s' (team-list shows the teams)", c->val);
			return 1;
		}
		if (!org_team_open(g->o, c->val, g->date_d)) {
			input_error(in, "team '%.64s' does not exist on %s", c->val, g->date);
			return 1;
		}
	}
	return 0;
}

static int
edit_team(void *arg, struct input *in, struct table *teams, size_t row,
	  const struct edit_change *ch, size_t n, struct buf *what)
{
	const struct edit_org *g = arg;
	const char *team = table_cell(teams, row, "team");
	size_t i, bad = 0;
	int f;

	if (!org_team_open(g->o, team, g->date_d)) {
		input_error(in, "team '%s' does not exist on %s", team, g->date);
		return 1;
	}
	for (i = 0; i < n; i++)
		bad += check(g, in, team, &ch[i]);
	if (bad)
		return 1;
	for (i = 0; i < n; i++) {
		f = org_field(ORG_TEAM, ch[i].col);
		if (f < 0) {
			edit_cell(teams, row, ch[i].col, ch[i].val, what);
			continue;
		}
		if (strcmp(table_cell(teams, row, ch[i].col), ch[i].val) == 0 &&
		    strcmp(org_value(g->o, ORG_TEAM, team, f, g->date_d), ch[i].val) == 0)
			continue;
		org_record(g->hist, g->o, ORG_TEAM, team, ch[i].col, g->date_d,
		    ch[i].val);
		edit_org_view(g, ORG_TEAM, teams, row, team, ch[i].col, ch[i].val, what);
	}
	edit_org_from(g, what);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct edit_org g = { 0 };
	struct store *s;
	struct input *in;

	err_init(argv);
	edit_parse(&e, &cli, usage, options, argc, argv);
	in = edit_org_input(&e, &cli, date_opt, &g);
	s = store_open(cli.data_dir, STORE_WRITE);
	edit_org_load(&e, &g, s, ORG_TEAM, ORG_KIND_BIT(ORG_TEAM));
	e.finish = edit_org_loops;
	edit_run(&e, &cli, in, s, &schema_teams, g.teams, edit_team, &g);
	edit_org_free(&g);
	store_close(s);
	return 0;
}
