#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "err.h"
#include "intern.h"
#include "org.h"
#include "roster.h"
#include "suggest.h"
#include "xalloc.h"

struct table *
roster_load_for(struct store *s, const char *rep)
{
	int whole;

	if (!rep || !*rep)
		return store_load(s, "reps.tsv");
	return store_load_key(s, "reps.tsv", rep, &whole);
}

long
roster_find_rep(const struct table *reps, const char *rep)
{
	return table_find(reps, table_col(reps, "rep"), rep);
}

int
roster_check_team(struct input *in, const struct table *teams, const char *team)
{
	char hint[SUGGEST_BUFSZ];

	if (!team || !*team || table_find(teams, table_col(teams, "team"), team) >= 0)
		return 0;
	input_error(in, "unknown team '%.64s' (%s)", team, suggest(teams, "team", "name", team,
	    "add it with team-add", hint));
	return 1;
}

int
roster_check_plan(struct input *in, const struct table *plans, const char *plan)
{
	if (!plan || !*plan || table_find(plans, table_col(plans, "plan"), plan) >= 0)
		return 0;
	input_error(in, "unknown plan '%.64s' (create it with comp-plan)", plan);
	return 1;
}

int
roster_check_manager(struct input *in, const struct table *reps, const char *rep,
		     const char *manager)
{
	int mc = table_col(reps, "manager");
	char hint[SUGGEST_BUFSZ];
	const char *m = manager;
	long row;
	size_t hops;

	if (!manager || !*manager)
		return 0;
	if (roster_find_rep(reps, manager) < 0) {
		input_error(in, "unknown manager '%.64s' (%s)", manager, suggest(reps, "rep",
		    "name", manager, "add the manager with rep-add first", hint));
		return 1;
	}
	/* Walk up the chain: a rep must not end up managing themselves. */
	for (hops = 0; m && *m && hops <= reps->nrows; hops++) {
		if (rep && strcmp(m, rep) == 0) {
			input_error(in, "manager '%.64s' would make a loop: %.64s would "
			    "manage themselves", manager, rep);
			return 1;
		}
		row = roster_find_rep(reps, m);
		m = row < 0 ? NULL : table_get(reps, (size_t)row, mc);
	}
	return 0;
}

/* config.tsv's manager_roles, or the default. */
static const char *
manager_roles(const struct table *cfg)
{
	long row = table_find(cfg, table_col(cfg, "key"), "manager_roles");

	return row >= 0 ? table_get(cfg, (size_t)row, table_col(cfg, "value")) :
	    ROSTER_MANAGER_ROLES;
}

/* Is role one of the comma-separated list's? */
static int
role_listed(const char *list, const char *role)
{
	const char *p, *e;
	size_t n = strlen(role);

	for (p = list; n && *p; p = *e ? e + 1 : e) {
		e = strchrnul(p, ',');
		if ((size_t)(e - p) == n && memcmp(p, role, n) == 0)
			return 1;
	}
	return 0;
}

int
roster_manager_role(const struct table *cfg, const char *role)
{
	return role_listed(manager_roles(cfg), role);
}

unsigned char *
roster_managers(const struct table *cfg, const struct table *reps, const struct table *teams)
{
	unsigned char *m = xcalloc(reps->nrows + 1, 1);
	struct intern *named = intern_new();
	int oc = table_col(reps, "role"), mc = table_col(reps, "manager");
	int sc = table_col(reps, "status"), rc = table_col(reps, "rep");
	int tc = teams ? table_col(teams, "manager") : -1;
	const char *v, *roles = manager_roles(cfg), *role, *last = NULL;
	int listed = 0;
	size_t i;

	for (i = 0; i < reps->nrows; i++)
		if (strcmp(table_get(reps, i, sc), "active") == 0 &&
		    *(v = table_get(reps, i, mc)))
			intern_add(named, v, strlen(v));
	for (i = 0; teams && i < teams->nrows; i++)
		if (*(v = table_get(teams, i, tc)))
			intern_add(named, v, strlen(v));
	for (i = 0; i < reps->nrows; i++) {
		v = table_get(reps, i, rc);
		/* a roster has few roles: the last one's answer, if it is again */
		role = table_get(reps, i, oc);
		if (!last || strcmp(role, last) != 0)
			listed = role_listed(roles, last = role);
		m[i] = listed || intern_get(named, v, strlen(v)) >= 0;
	}
	intern_free(named);
	return m;
}

struct intern *
roster_team_on(struct store *s, const char *team, date_t day)
{
	struct table *reps = store_load(s, "reps.tsv"), *teams = store_load(s, "teams.tsv");
	char hint[SUGGEST_BUFSZ], msg[256];
	struct intern *on;
	const char **v;
	struct org *o;
	size_t n, i;

	if (table_find(teams, table_col(teams, "team"), team) < 0) {
		snprintf(msg, sizeof msg, "unknown team '%.64s' (%s)", team,
		    suggest(teams, "team", "name", team, "see team-list", hint));
		table_free(teams);
		table_free(reps);
		die("%s", msg);
	}
	o = org_load_tables(s, reps, teams, NULL);
	n = org_team_reps(o, team, day, day, &v);
	on = intern_new();
	for (i = 0; i < n; i++)
		intern_add(on, v[i], strlen(v[i]));
	free(v);
	org_free(o);
	table_free(teams);
	table_free(reps);
	return on;
}
