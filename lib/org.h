/*
 * org: what was true of the organisation on a day.  Every dated attribute
 * of a rep (team manager role region capacity status), of a team (name
 * manager parent status) and of an account (owner) has a history in
 * org.tsv (salesmgr-files(5)):
 *
 *   kind  id  field  from  value
 *
 * The value of (kind, id, field) on day d is the value of the row with the
 * greatest from <= d; an empty from is before every day.  With no row for
 * a (kind, id, field), the current table's cell (reps.tsv, teams.tsv,
 * accounts.tsv) holds on every day, except a rep's status: a rep without
 * status rows is active from hired, and from ended has the status of the
 * view (leave or gone), so an old directory reads as it always did and a
 * rep who left no longer counts after leaving.  Before the first status
 * row a rep is not on the roster (status "").  Dates are days (date.h).
 *
 * Reading:
 *
 *   o = org_load(s, 1);                reps, teams, accounts and org.tsv
 *                                      (0: not accounts: a report that
 *                                      asks no owner saves reading them)
 *   o = org_load_tables(s, reps, teams, NULL)   the same from tables the
 *                                      program has loaded already (NULL:
 *                                      none of that kind), and org.tsv
 *   org_rep_team(o, "anna", day)       also _manager, _role, _region,
 *                                      _capacity, _status: "" when not set
 *   org_team_manager(o, "t01", day)    also _parent, _name, _status
 *   org_account_owner(o, "acme", day)
 *   org_manager_of(o, "anna", day)     who anna reports to that day: her
 *                                      own manager if set, else the
 *                                      manager of her team (unless that is
 *                                      anna), else up the parent teams
 *   org_under(o, "mia", "anna", day)   anna in mia's organisation (direct
 *                                      or indirect) that day
 *   org_days_on_team(o, rep, team, from, to)   days of from..to on the
 *                                      team while on the roster (active or
 *                                      on leave)
 *   org_free(o);
 *
 * A rep, team or account that the tables do not know reads "" everywhere.
 * A lookup is a hash of the id and a binary search of that field's rows
 * (usually one or two).
 *
 * Folds (perf, forecast, comp ...) attribute millions of events: they use
 * groups, which map a rep and a day to the rows an event counts in:
 *
 *   g = org_groups_new(o, ORG_BY_TEAM, manager, team);
 *   r = org_groups_rep(g, "anna", 4);          once per rep met
 *   n = org_groups_of(g, r, day, &v);          v[0..n-1]: group indexes
 *   ... org_groups_name(g, v[i]), org_groups_level(g, v[i]) ...
 *   org_groups_free(g);
 *
 * ORG_BY_REP: the rep; ORG_BY_TEAM: the rep's team that day, or
 * ORG_NO_TEAM; ORG_BY_MANAGER: every manager up the chain from the rep
 * that day (org_manager_of, then theirs ...), each with its level (1 the
 * rep's own manager, 2 that manager's ...), or ORG_NO_MANAGER.  With a
 * manager (not NULL), an event counts only while the rep was in that
 * manager's organisation; with a team, only while the rep was on that
 * team.  The answer for a rep is kept until the organisation next
 * changes, so events in date order cost one comparison each.
 *
 * Writing (the writers of reps.tsv, teams.tsv and accounts.tsv, in the
 * same transaction as the view):
 *
 *   o = org_new(reps, teams, accounts, hist);   the tables as loaded
 *   org_record(hist, o, ORG_REP, "anna", "team", day, "t02");
 *           a row from day on; the first dated row of a (kind, id, field)
 *           first writes the history it had (an empty from with the
 *           view's value, or a rep's status from hired)
 *   org_hist_value(hist, ORG_REP, "anna", "team", today, &v)  the value on
 *           a day by hist's rows: 1 and v, or 0 when there are none
 *   org_forget_after(hist, ORG_REP, "anna", "status", day)   a correction:
 *           the rows after day go
 *   org_check(o2, &bad)                a manager loop on any day, after
 *                                      the changes (o2 built from them)
 *   org_warn_loop(reps, teams, hist)   the same of the changed
 *                                      tables, said as a writer says it
 *
 * org_new() copies what it needs, so the tables may change after it.
 * Errors: a table without its key column is fatal (run sales-check); an
 * org.tsv row of an unknown kind or field, or a bad date, is ignored here
 * and reported by sales-check (org_row_problem()).
 */
#ifndef ORG_H
#define ORG_H
#include <stddef.h>
#include <stdint.h>
#include "date.h"
#include "store.h"
#include "table.h"

enum org_kind { ORG_REP, ORG_TEAM, ORG_ACCOUNT, ORG_NKINDS };
#define ORG_KIND_BIT(k) (1u << (k))
enum { ORG_R_TEAM, ORG_R_MANAGER, ORG_R_ROLE, ORG_R_REGION, ORG_R_CAPACITY, ORG_R_STATUS };
enum { ORG_T_NAME, ORG_T_MANAGER, ORG_T_PARENT, ORG_T_STATUS };
enum { ORG_A_OWNER };

/* The name every report gives reps without a team, or without a manager. */
#define ORG_NO_TEAM "(no team)"
#define ORG_NO_MANAGER "(no manager)"

struct org;

struct org *org_load(struct store *s, int accounts_too);
/* org.tsv to change: its rows, or none (with its header) when missing. */
struct table *org_hist_load(struct store *s);
struct org *org_load_tables(struct store *s, const struct table *reps,
			    const struct table *teams, const struct table *accounts);
struct org *org_new(const struct table *reps, const struct table *teams,
		    const struct table *accounts, const struct table *hist);
/*
 * The same of the view rows want() takes alone (row of t, a view of kind
 * k), with org.tsv's rows whole: for a writer that knows the few reps and
 * accounts it touches (rep-end of one rep).  Each of those has the history
 * org_new() gives it; any other id of a view is one the org does not know
 * (org_known() 0, its values empty, org_record() writes no history it had
 * before), so every id asked about must be wanted.
 */
typedef int (*org_want_fn)(void *arg, enum org_kind k, const struct table *t, size_t row);
struct org *org_new_of(const struct table *reps, const struct table *teams,
		       const struct table *accounts, const struct table *hist,
		       org_want_fn want, void *arg);
void org_free(struct org *o);

/* "rep", "team", "account" -> kind, or -1; field names -> index, or -1;
 * an index -> its field name, or NULL past the last. */
int org_kind_parse(const char *s);
const char *org_kind_name(enum org_kind k);
int org_field(enum org_kind k, const char *name);
const char *org_field_name(enum org_kind k, int field);
/* NULL if row (kind id field from value) of org.tsv is good, else why not. */
const char *org_row_problem(const char *kind, const char *field, const char *from);

const char *org_value(const struct org *o, enum org_kind k, const char *id, int field,
		      date_t day);
#define org_rep_team(o, r, d) org_value(o, ORG_REP, r, ORG_R_TEAM, d)
#define org_rep_manager(o, r, d) org_value(o, ORG_REP, r, ORG_R_MANAGER, d)
#define org_rep_role(o, r, d) org_value(o, ORG_REP, r, ORG_R_ROLE, d)
#define org_rep_region(o, r, d) org_value(o, ORG_REP, r, ORG_R_REGION, d)
#define org_rep_capacity(o, r, d) org_value(o, ORG_REP, r, ORG_R_CAPACITY, d)
#define org_rep_status(o, r, d) org_value(o, ORG_REP, r, ORG_R_STATUS, d)
#define org_team_name(o, t, d) org_value(o, ORG_TEAM, t, ORG_T_NAME, d)
#define org_team_manager(o, t, d) org_value(o, ORG_TEAM, t, ORG_T_MANAGER, d)
#define org_team_parent(o, t, d) org_value(o, ORG_TEAM, t, ORG_T_PARENT, d)
#define org_team_status(o, t, d) org_value(o, ORG_TEAM, t, ORG_T_STATUS, d)
#define org_account_owner(o, a, d) org_value(o, ORG_ACCOUNT, a, ORG_A_OWNER, d)

/* Is id in its table (reps.tsv, teams.tsv, accounts.tsv)? */
int org_known(const struct org *o, enum org_kind k, const char *id);
/* A team in teams.tsv and not ended on day. */
int org_team_open(const struct org *o, const char *team, date_t day);
/* The rep's first day on the roster (the first status row that is not
 * gone), or DATE_MAX if none. */
date_t org_rep_first_day(const struct org *o, const char *rep);
/* The rep's own manager, else the team's ...; "" when nobody. */
const char *org_manager_of(const struct org *o, const char *rep, date_t day);
int org_under(const struct org *o, const char *manager, const char *rep, date_t day);
long org_days_on_team(const struct org *o, const char *rep, const char *team,
		      date_t from, date_t to);
/* Days of from..to on the roster in manager's organisation. */
long org_days_under(const struct org *o, const char *manager, const char *rep,
		    date_t from, date_t to);
/* Reps whose team, on some day of from..to, was team (with any team ""),
 * in reps.tsv order: n of them into *reps (free it). */
size_t org_team_reps(const struct org *o, const char *team, date_t from, date_t to,
		     const char ***reps);
/*
 * A manager loop on any day: 0 if none, else 1 with the first day it holds
 * and a rep in it.  Reps, and teams through their parents.
 */
int org_check(const struct org *o, date_t *day, const char **rep);
/* org_check() of the organisation the tables make, after a change: on a
 * loop, warn (a team above itself, or a rep who would manage themselves)
 * and return 1. */
int org_warn_loop(const struct table *reps, const struct table *teams,
		  const struct table *hist);

/* Writing: see above.  field is a name of org_field(). */
void org_record(struct table *hist, const struct org *o, enum org_kind k, const char *id,
		const char *field, date_t from, const char *value);
/* Drop the rows of (k, id, field) dated after day: a correction that holds
 * from day on, whatever was said of later days. */
void org_forget_after(struct table *hist, enum org_kind k, const char *id,
		      const char *field, date_t day);
int org_hist_value(const struct table *hist, enum org_kind k, const char *id,
		   const char *field, date_t day, const char **value);

enum org_by { ORG_BY_REP, ORG_BY_TEAM, ORG_BY_MANAGER };
struct org_groups;

struct org_groups *org_groups_new(const struct org *o, enum org_by by, const char *manager,
				  const char *team);
/* The handle of a rep (any name: one the tables do not know has no team). */
uint32_t org_groups_rep(struct org_groups *g, const char *rep, size_t len);
size_t org_groups_of(struct org_groups *g, uint32_t rep, date_t day, const uint32_t **v);
size_t org_groups_count(const struct org_groups *g);
enum org_by org_groups_by(const struct org_groups *g);
const char *org_groups_name(const struct org_groups *g, uint32_t i);
/* ORG_BY_MANAGER: the greatest level the manager was met at; else 0. */
int org_groups_level(const struct org_groups *g, uint32_t i);
/* The group of a name, adding it if new (so a report can list quiet ones). */
uint32_t org_groups_add(struct org_groups *g, const char *name);
void org_groups_free(struct org_groups *g);

#endif
