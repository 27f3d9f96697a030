/* Unit tests of lib/org.c: org_check() against a walk of every day by names. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "org.h"
#include "table.h"
#include "unit.h"

#define NDAYS 6

static const char *const days[NDAYS] = {
	"2025-01-01", "2025-02-01", "2025-03-15", "2025-06-01", "2025-09-30", "2026-01-01"
};

static const char *
pick(const char *const *v, size_t n)
{
	return v[unit_rnd((unsigned)n)];
}

/* org_warn_loop(), its warning to /dev/null. */
static int
warn_loop_quietly(const struct table *reps, const struct table *tt, const struct table *hist)
{
	int saved = dup(2), null = open("/dev/null", O_WRONLY), r;

	if (saved >= 0 && null >= 0)
		dup2(null, 2);
	r = org_warn_loop(reps, tt, hist);
	if (saved >= 0) {
		dup2(saved, 2);
		close(saved);
	}
	if (null >= 0)
		close(null);
	return r;
}

/*
 * The loop the old org_check() found: on DATE_MIN and then on every day
 * any row names, in order, the first team (in the order the org numbers
 * them: the tables' rows, then org.tsv's) whose chain of parents, or rep
 * whose chain of managers (org_manager_of()), never ends.  By names, one
 * step at a time, with the number of steps a chain of distinct names can
 * take as its bound.
 */
static int
naive(const struct org *o, const char *const *ids, size_t nid, const char *const *teams,
      size_t nteam, date_t *day, const char **who)
{
	date_t d[NDAYS + 1];
	const char *m;
	size_t i, k, hops;

	d[0] = DATE_MIN;
	for (k = 0; k < NDAYS; k++)
		date_parse(days[k], &d[k + 1]);
	for (k = 0; k <= NDAYS; k++) {
		for (i = 0; i < nteam; i++) {
			for (m = teams[i], hops = 0; *m && hops <= nteam + 2; hops++)
				m = org_team_parent(o, m, d[k]);
			if (*m) {
				*day = d[k];
				*who = teams[i];
				return 1;
			}
		}
		for (i = 0; i < nid; i++) {
			for (m = ids[i], hops = 0; *m && hops <= nid + 2; hops++)
				m = org_manager_of(o, m, d[k]);
			if (*m) {
				*day = d[k];
				*who = ids[i];
				return 1;
			}
		}
	}
	return 0;
}

/* Empty reps, teams and org.tsv tables, with the columns org_new() reads. */
static void
new_tables(struct table **reps, struct table **teams, struct table **hist)
{
	static const char *const rcols[] = {
		"rep", "team", "manager", "role", "region", "capacity", "hired", "status", "ended"
	};
	static const char *const tcols[] = {
		"team", "name", "manager", "parent", "status", "ended"
	};
	static const char *const hcols[] = { "kind", "id", "field", "from", "value" };

	*reps = table_new("reps.tsv", rcols, sizeof rcols / sizeof rcols[0]);
	*teams = table_new("teams.tsv", tcols, sizeof tcols / sizeof tcols[0]);
	*hist = table_new("org.tsv", hcols, sizeof hcols / sizeof hcols[0]);
}

/* id among the n of v, added at the end if it is not. */
static void
add_id(const char **v, size_t *n, const char *id)
{
	size_t i;

	for (i = 0; i < *n && strcmp(v[i], id) != 0; i++)
		;
	if (i == *n)
		v[(*n)++] = id;
}

/* Random organisations of up to 9 reps and 4 teams, with dated changes of
 * team, manager and parent (to reps and teams that are not there too). */
static void
random_checks(void)
{
	/* the ids of up to 9 reps and 4 teams, and one more of each: an id
	 * org.tsv alone names */
	static const char *const rep_ids[] = {
		"r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10"
	};
	static const char *const team_ids[] = { "t1", "t2", "t3", "t4", "t5" };
	/* the names a value may take: reps and teams, some not there, and none */
	static const char *const reps_or[] = { "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8",
	    "r9", "rx", "", "", "" };
	static const char *const teams_or[] = { "t1", "t2", "t3", "t4", "tx", "", "" };
	const char *ids[16], *teams[8], *got_who, *want_who;
	struct table *reps, *tt, *hist;
	size_t nrep, nteam, nid, nh, i, k, row;
	int tries, loops = 0, agree = 0, warned = 0, gotn, wantn, is_rep, is_manager;
	date_t got_day, want_day;
	struct org *o;

	for (tries = 0; tries < 3000; tries++) {
		new_tables(&reps, &tt, &hist);
		nrep = 1 + unit_rnd(9);
		nteam = unit_rnd(5);
		for (i = 0; i < nrep; i++) {
			row = table_add_row(reps);
			table_set(reps, row, 0, rep_ids[i]);
			table_set(reps, row, 1, unit_rnd(3) ? pick(team_ids, nteam ? nteam : 1) : "");
			table_set(reps, row, 2, unit_rnd(2) ? pick(reps_or, nrep + 1) : "");
			table_set(reps, row, 6, pick(days, NDAYS));
			table_set(reps, row, 7, "active");
		}
		for (i = 0; i < nteam; i++) {
			row = table_add_row(tt);
			table_set(tt, row, 0, team_ids[i]);
			table_set(tt, row, 2, unit_rnd(2) ? pick(reps_or, nrep) : "");
			table_set(tt, row, 3, unit_rnd(2) ? pick(teams_or, nteam + 1) : "");
		}
		nh = unit_rnd(8);
		for (k = 0; k < nh; k++) {
			row = table_add_row(hist);
			/* a rep's team or manager, or a team's parent or manager */
			is_rep = unit_rnd(2) || nteam == 0;
			table_set(hist, row, 0, is_rep ? "rep" : "team");
			table_set(hist, row, 1, is_rep ? pick(rep_ids, nrep + (unit_rnd(4) == 0)) :
			    pick(team_ids, nteam + (unit_rnd(4) == 0)));
			is_manager = unit_rnd(2);
			table_set(hist, row, 2, is_manager ? "manager" : is_rep ? "team" : "parent");
			table_set(hist, row, 4, is_manager ?
			    pick(reps_or, sizeof reps_or / sizeof reps_or[0]) :
			    pick(teams_or, sizeof teams_or / sizeof teams_or[0]));
			table_set(hist, row, 3, unit_rnd(4) ? pick(days, NDAYS) : "");
		}
		/* and a field no chain goes through: org_warn_loop() builds none */
		if (unit_rnd(2)) {
			row = table_add_row(hist);
			table_set(hist, row, 0, "rep");
			table_set(hist, row, 1, pick(rep_ids, nrep));
			table_set(hist, row, 2, "status");
			table_set(hist, row, 3, pick(days, NDAYS));
			table_set(hist, row, 4, "gone");
		}
		o = org_new(reps, tt, NULL, hist);
		/* the org's numbering: the tables' rows, then org.tsv's new ids */
		for (i = nid = 0; i < nrep; i++)
			ids[nid++] = rep_ids[i];
		for (i = 0; i < nteam; i++)
			teams[i] = team_ids[i];
		for (k = 0; k < hist->nrows; k++)
			if (strcmp(table_get(hist, k, 0), "rep") == 0)
				add_id(ids, &nid, table_get(hist, k, 1));
			else
				add_id(teams, &nteam, table_get(hist, k, 1));
		gotn = org_check(o, &got_day, &got_who);
		wantn = naive(o, ids, nid, teams, nteam, &want_day, &want_who);
		loops += wantn;
		warned += warn_loop_quietly(reps, tt, hist) == wantn;
		if (gotn == wantn && (!wantn || (got_day == want_day &&
		    strcmp(got_who, want_who) == 0)))
			agree++;
		else if (agree == tries)	/* the first that does not */
			printf("#   case %d: got %d, want %d (%s)\n", tries, gotn, wantn,
			    wantn ? want_who : "-");
		org_free(o);
		table_free(reps);
		table_free(tt);
		table_free(hist);
	}
	CHECK_INT(agree, tries, "org_check() finds the loop a walk of every day by names "
	    "finds, on the same day and of the same rep or team (%d cases)", tries);
	CHECK_INT(warned, tries, "org_warn_loop(), of the chains' fields alone, says the same "
	    "(%d cases)", tries);
	CHECK(loops > tries / 10 && loops < tries - tries / 10,
	    "both kinds of case are there (%d of %d with a loop)", loops, tries);
}

/* The loop org_check() finds in the org of the tables: "" for none, else
 * "DAY WHO". */
static const char *
loop_of(const struct table *reps, const struct table *tt, const struct table *hist)
{
	static char said[64];
	char day[DATE_BUFSZ];
	struct org *o = org_new(reps, tt, NULL, hist);
	const char *who;
	date_t d;

	*said = '\0';
	if (org_check(o, &d, &who))
		snprintf(said, sizeof said, "%s %s", date_format(d, day), who);
	org_free(o);
	return said;
}

/* The two loops a writer is told about, and none. */
static void
named_checks(void)
{
	static const char *const change[2][5] = {
		{ "rep", "anna", "manager", "2026-03-01", "bob" },
		{ "team", "t1", "parent", "2026-04-01", "t1" },
	};
	struct table *reps, *tt, *hist;
	size_t row;
	int i;

	new_tables(&reps, &tt, &hist);
	row = table_add_row(reps);
	table_set(reps, row, 0, "anna");
	table_set(reps, row, 1, "t1");
	row = table_add_row(reps);
	table_set(reps, row, 0, "bob");
	table_set(reps, row, 2, "anna");
	row = table_add_row(tt);
	table_set(tt, row, 0, "t1");
	table_set(tt, row, 2, "anna");
	CHECK_STR(loop_of(reps, tt, hist), "", "a team's manager is no loop of their own");
	row = table_add_row(hist);
	for (i = 0; i < 5; i++)
		table_set(hist, row, i, change[0][i]);
	CHECK_STR(loop_of(reps, tt, hist), "2026-03-01 anna",
	    "anna under bob from 2026-03-01: a loop that day, anna's");
	for (i = 0; i < 5; i++)
		table_set(hist, row, i, change[1][i]);
	CHECK_STR(loop_of(reps, tt, hist), "2026-04-01 t1",
	    "t1 its own parent from 2026-04-01: a loop that day, t1's");
	table_free(reps);
	table_free(tt);
	table_free(hist);
}

int
main(void)
{
	named_checks();
	random_checks();
	return unit_done();
}
