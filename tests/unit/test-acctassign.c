/* Unit tests of lib/acctassign.c: the window, weights, the beta shrinkage,
 * exact values, and the assignment on a constructed roster. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acctassign.h"
#include "table.h"
#include "unit.h"

static struct table *
table_of(const char *name, const char *text)
{
	int fd[2];
	struct table *t;

	if (pipe(fd) < 0 || write(fd[1], text, strlen(text)) != (ssize_t)strlen(text))
		abort();
	close(fd[1]);
	t = table_read(fd[0], name);
	close(fd[0]);
	return t;
}

static void
deals(struct acctassign *a, const char *rep, const char *acct, int won, int lost)
{
	while (won-- > 0)
		acctassign_deal(a, rep, strlen(rep), acct, strlen(acct), 1);
	while (lost-- > 0)
		acctassign_deal(a, rep, strlen(rep), acct, strlen(acct), 0);
}

static const char *
owner(const struct acctassign *a, const char *acct)
{
	long k = acctassign_find(a, acct);

	if (k < 0 || a->acct[k].owner < 0)
		return "";
	return a->rep[a->acct[k].owner].rep;
}

int
main(void)
{
	struct table *reps = table_of("reps.tsv",
	    "rep\tteam\tstatus\tcapacity\n"
	    "ann\tt1\tactive\t1\n"
	    "bob\tt1\tactive\t\n"
	    "cid\tt2\tactive\t5\n"
	    "dan\tt1\tgone\t5\n");
	struct table *accts = table_of("accounts.tsv",
	    "account\tsegment\tregion\tpotential\tpriority\towner\n"
	    "big\tent\tnorth\t100000.00\t1\tbob\n"
	    "mid\tent\tnorth\t50000.00\t\t\n"
	    "other\tsmb\tsouth\t1000.00\t5\tcid\n"
	    "orphan\tsmb\tnorth\t2000.00\t3\tdan\n");
	struct aa_scope sc = { 0 };
	struct aa_terms terms = { .prior_ppm = AA_PPM / 2 };
	struct acctassign *a;
	struct aa_why w;
	date_t from, to;
	char f[DATE_BUFSZ], t[DATE_BUFSZ];
	int64_t v;

	CHECK(reps && accts, "tables read");
	acctassign_window(date_from_ymd(2026, 11, 26), 1, &from, &to);
	CHECK_STR(date_format(from, f), "2025-10-01", "window: four quarters back");
	CHECK_STR(date_format(to, t), "2026-09-30", "window: to the end of the last quarter");
	acctassign_window(date_from_ymd(2026, 11, 26), 2, &from, &to);
	CHECK_STR(date_format(from, f), "2025-11-01", "window: fiscal quarters from February");
	CHECK_STR(date_format(to, t), "2026-10-31", "window: fiscal, end");
	acctassign_window(date_from_ymd(2026, 1, 1), 1, &from, &to);
	CHECK_STR(date_format(from, f), "2025-01-01", "window: on a quarter's first day");

	CHECK_INT(acctassign_weight("1"), 100, "weight: priority 1");
	CHECK_INT(acctassign_weight("5"), 20, "weight: priority 5");
	CHECK_INT(acctassign_weight(""), 60, "weight: not set is priority 3's");
	CHECK_INT(acctassign_weight("6"), -1, "weight: 6 is refused");
	CHECK_INT(acctassign_weight("12"), -1, "weight: 12 is refused");

	CHECK_INT(acctassign_shrink(0, 0, 300000, 10), 300000, "shrink: no deals, the prior");
	CHECK_INT(acctassign_shrink(1, 0, 200000, 10), 272727,
	    "shrink: one lucky deal moves 20%% to 27.27%%, not 100%%");
	CHECK_INT(acctassign_shrink(60, 40, 200000, 10), 563636, "shrink: 60 of 100");
	CHECK_INT(acctassign_shrink(0, 0, AA_PPM / 2, 2), 500000, "shrink: Beta(1,1) of nothing");
	CHECK_INT(acctassign_shrink(1, 2, 0, 1), 250000, "shrink: rounds 0.25");
	CHECK_INT(acctassign_shrink(1, 0, 0, 7), 125000, "shrink: 1/8");
	CHECK_INT(acctassign_shrink(0, 2, 1, 1), 0, "shrink: 1/3 ppm rounds down");
	CHECK_INT(acctassign_shrink(0, 0, 1, 2), 1, "shrink: half a ppm... stays 1");

	CHECK(acctassign_value(10000000, 500000, 100, &v) == 0 && v == 5000000,
	    "value: 100000.00 x 50%% x 100%%");
	CHECK(acctassign_value(1, 500000, 100, &v) == 0 && v == 1, "value: 0.5 cent rounds up");
	CHECK(acctassign_value(3, 333333, 60, &v) == 0 && v == 1, "value: 0.6 rounds to 1");
	CHECK(acctassign_value(INT64_MAX, 1000000, 100, &v) == 0 && v == INT64_MAX,
	    "value: the largest potential at 100%% is exact");
	CHECK(acctassign_fit(1000, 10, 2, &v) == 0 && v == 200, "fit: 10%% twice of 10.00");
	CHECK(acctassign_fit(5, 10, 1, &v) == 0 && v == 1, "fit: 0.5 cent rounds up");
	CHECK(acctassign_fit(4, 10, 1, &v) == 0 && v == 0, "fit: 0.4 cent rounds down");
	CHECK(acctassign_fit(INT64_MAX, 100, 2, &v) == -1, "fit: past int64 is refused");
	CHECK(acctassign_value(INT64_MAX, 999999, 20, &v) == 0 &&
	    v == (int64_t)((__int128)INT64_MAX * 999999 * 20 * 2 / 100000000 + 1) / 2,
	    "value: exact without a 128-bit product");

	/* ann wins in ent, bob loses there; cid is another team; dan is gone. */
	sc.default_capacity = 2;
	a = acctassign_new(reps, accts, &sc);
	CHECK_INT(a->nreps, 3, "candidates: the active reps");
	CHECK_INT(a->naccts, 4, "selection: every account");
	CHECK_INT(a->rep[0].capacity, 1, "capacity: ann's own");
	CHECK_INT(a->rep[1].capacity, 2, "capacity: bob's the default");
	deals(a, "ann", "big", 6, 4);
	deals(a, "bob", "mid", 2, 8);
	deals(a, "cid", "other", 3, 3);
	deals(a, "dan", "nowhere", 1, 1);
	deals(a, "zed", "big", 0, 5);
	acctassign_solve(a, &terms);
	/* company 12 of 33 -> 13/35; team t1 (ann, bob, dan) 9 of 22 ... */
	CHECK_INT(a->rep[0].team_ppm, acctassign_shrink(9, 13,
	    acctassign_shrink(12, 21, AA_PPM / 2, 2), AA_PRIOR_TEAM), "team rate: t1 with dan");
	CHECK_INT(a->rep[0].rep_ppm, acctassign_shrink(6, 4, a->rep[0].team_ppm, AA_PRIOR_REP),
	    "rep rate: toward the team's");
	acctassign_why(a, 0, (size_t)acctassign_find(a, "big"), &w);
	CHECK(w.seg_won == 6 && w.seg_lost == 4, "why: ann's ent deals");
	CHECK_INT(w.seg_ppm, acctassign_shrink(6, 4, a->rep[0].rep_ppm, AA_PRIOR_SEGMENT),
	    "why: segment rate toward the rep's");
	CHECK(w.region_won == 6 && w.region_lost == 4, "why: ann's ent deals in the north");
	CHECK_INT(w.ppm, acctassign_shrink(6, 4, w.seg_ppm, AA_PRIOR_REGION),
	    "why: segment and region rate toward the segment's");
	CHECK_INT(w.fit, 0, "why: no fit bonus without --fit");
	CHECK_STR(owner(a, "big"), "ann", "the 60%% rep gets the big ent account");
	CHECK_STR(owner(a, "mid"), "cid", "ann is full: mid goes to the next best");
	CHECK_STR(owner(a, "orphan"), "cid", "an account of a gone rep goes to the best in smb");
	CHECK_INT(a->unassigned, 0, "all assigned");
	CHECK_INT(a->after >= a->before, 1, "after is no worse than before");
	acctassign_free(a);

	/* keep_owners: bob keeps big; --team t1 leaves cid's account out. */
	sc.keep_owners = 1;
	sc.team = "t1";
	sc.default_capacity = 1;
	a = acctassign_new(reps, accts, &sc);
	deals(a, "ann", "big", 6, 4);
	acctassign_solve(a, &terms);
	CHECK_INT(a->nreps, 2, "team: t1's active reps");
	CHECK_INT(a->rep[1].capacity, 0, "keep_owners: bob's place is taken by big");
	CHECK(acctassign_find(a, "other") < 0, "team: another team's account is left out");
	CHECK_STR(owner(a, "big"), "bob", "keep_owners: bob keeps big");
	CHECK_STR(owner(a, "mid"), "ann", "keep_owners: ann fills mid");
	CHECK_STR(owner(a, "orphan"), "", "keep_owners: no place left for orphan");
	CHECK_INT(a->unassigned, 1, "keep_owners: one unassigned");
	acctassign_free(a);

	/* Ties keep the current owner. */
	sc.keep_owners = 0;
	sc.team = NULL;
	sc.segment = "smb";
	a = acctassign_new(reps, accts, &sc);
	acctassign_solve(a, &terms);
	CHECK_STR(owner(a, "other"), "cid", "tie: the current owner keeps the account");
	CHECK_INT(a->changed, 1, "tie: only the orphan changes");
	acctassign_free(a);

	table_free(reps);
	table_free(accts);
	return unit_done();
}
