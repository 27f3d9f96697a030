/*
 * roster: the checks that tie reps and teams together, shared by every
 * program that changes reps.tsv or teams.tsv (and by sales-check).
 *
 * roster_check_team() and roster_check_manager() report through
 * input_error() and return 1 when the reference is bad: a team that is not
 * in teams.tsv, a manager who is not in reps.tsv or who would be the rep's
 * own manager (directly or up the chain).  NULL or "" means not set, which
 * is always fine.
 *
 * roster_team_on() is what a report's --team TEAM keeps: the reps on the
 * team on a day, by the dated organisation (org.h), as an intern of rep
 * ids; a team not in teams.tsv is fatal ("unknown team", with a
 * suggestion).
 */
#ifndef ROSTER_H
#define ROSTER_H
#include "date.h"
#include "input.h"
#include "intern.h"
#include "store.h"
#include "table.h"

#define ROSTER_MANAGER_ROLES "director,lead,manager,vp"

int roster_check_team(struct input *in, const struct table *teams, const char *team);
/* A compensation plan that is not in comp-plans.tsv. */
int roster_check_plan(struct input *in, const struct table *plans, const char *plan);
int roster_check_manager(struct input *in, const struct table *reps, const char *rep,
			 const char *manager);
/* The row of rep in reps, or -1. */
long roster_find_rep(const struct table *reps, const char *rep);
/* reps.tsv for a run about one rep (a record on the command line): that
 * rep's row alone when it is there (store_load_key()), the table whole
 * otherwise, as with rep NULL or "" (a --from load), so that the message
 * about an unknown rep can suggest a near name.  Only rep is looked up. */
struct table *roster_load_for(struct store *s, const char *rep);
/* Is role one of cfg's manager roles? */
int roster_manager_role(const struct table *cfg, const char *role);
unsigned char *roster_managers(const struct table *cfg, const struct table *reps,
			       const struct table *teams);
struct intern *roster_team_on(struct store *s, const char *team, date_t day);

#endif
