#include <string.h>

#include "roster.h"
#include "suggest.h"

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
