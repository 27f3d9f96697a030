/* test-training: due dates, states and onboarding rules of lib/training.c,
 * across month ends, year ends and leap days.  Expected dates are written
 * out by hand, not computed with date.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "schema.h"
#include "table.h"
#include "training.h"
#include "txn.h"
#include "unit.h"

static date_t
d(const char *s)
{
	date_t t;

	if (date_parse(s, &t) < 0) {
		printf("bad date in test: %s\n", s);
		exit(1);
	}
	return t;
}

static const char *
fmt(date_t t)
{
	static char buf[4][DATE_BUFSZ];
	static int i;

	i = (i + 1) % 4;
	if (t == TRAINING_NODATE)
		return "none";
	return date_format(t, buf[i]);
}

static void
test_due(void)
{
	static const struct {
		const char *spec;
		long due_days;
		const char *assigned, *want;
	} t[] = {
		{ NULL, 14, "2026-12-20", "2027-01-03" },	/* year end */
		{ NULL, 14, "2028-02-15", "2028-02-29" },	/* leap day */
		{ NULL, 14, "2027-02-15", "2027-03-01" },	/* no leap day */
		{ NULL, 30, "2026-01-31", "2026-03-02" },
		{ NULL, 0, "2026-11-26", "2026-11-26" },
		{ NULL, 365, "2024-02-29", "2025-02-28" },
		{ NULL, 366, "2023-03-01", "2024-03-01" },
		{ "", 7, "2026-12-31", "2027-01-07" },		/* "" is not given */
		{ "+1m", 14, "2026-01-31", "2026-02-28" },	/* clamped */
		{ "+1m", -1, "2024-01-31", "2024-02-29" },
		{ "+1m", -1, "2026-12-31", "2027-01-31" },
		{ "+2w", -1, "2026-12-25", "2027-01-08" },
		{ "+14d", -1, "2028-02-20", "2028-03-05" },
		{ "+0d", -1, "2026-11-26", "2026-11-26" },
		{ "2027-03-31", 14, "2026-11-26", "2027-03-31" },
		{ NULL, -1, "2026-11-26", "none" },
	};
	date_t due;
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		CHECK_INT(training_due(t[i].spec, t[i].due_days, d(t[i].assigned), &due), 0,
		    "due %s/%ld from %s: ok", t[i].spec ? t[i].spec : "-", t[i].due_days,
		    t[i].assigned);
		CHECK_STR(fmt(due), t[i].want, "due %s/%ld from %s is %s",
		    t[i].spec ? t[i].spec : "-", t[i].due_days, t[i].assigned, t[i].want);
	}
	CHECK_INT(training_due("+3x", 14, d("2026-11-26"), &due), -1, "due +3x: refused");
	CHECK_INT(training_due("2026-02-30", 14, d("2026-11-26"), &due), -1,
	    "due 2026-02-30: refused");
	CHECK_INT(training_due(NULL, 1000000000, d("2026-11-26"), &due), -1,
	    "due_days past the calendar's end: refused");
}

static void
test_state(void)
{
	static const struct {
		const char *due, *completed;
		int scored;
		long valid_days, within;
		const char *today, *state;
		long days;
		const char *expires;
	} t[] = {
		/* open assignments */
		{ "2026-12-31", NULL, 0, -1, 7, "2027-01-02", "overdue", 2, "none" },
		{ "2024-02-28", NULL, 0, -1, 7, "2024-03-01", "overdue", 2, "none" },
		{ "2023-02-28", NULL, 0, -1, 7, "2023-03-01", "overdue", 1, "none" },
		{ "2026-01-31", NULL, 0, -1, 7, "2026-03-01", "overdue", 29, "none" },
		{ "2025-11-26", NULL, 0, -1, 7, "2026-11-26", "overdue", 365, "none" },
		{ "2024-11-26", NULL, 0, -1, 7, "2025-11-26", "overdue", 365, "none" },
		{ "2023-11-26", NULL, 0, -1, 7, "2024-11-26", "overdue", 366, "none" },
		{ "2026-11-26", NULL, 0, -1, 7, "2026-11-26", "due-soon", 0, "none" },
		{ "2027-01-02", NULL, 0, -1, 7, "2026-12-26", "due-soon", 7, "none" },
		{ "2027-01-03", NULL, 0, -1, 7, "2026-12-26", "open", 8, "none" },
		{ "2027-01-03", NULL, 0, -1, 14, "2026-12-26", "due-soon", 8, "none" },
		{ "2024-03-04", NULL, 0, -1, 0, "2024-02-28", "open", 5, "none" },
		{ "2024-03-04", NULL, 0, -1, 5, "2024-02-28", "due-soon", 5, "none" },
		{ NULL, NULL, 0, -1, 7, "2026-11-26", "open", 0, "none" },
		/* a failed attempt keeps it open; late is late */
		{ "2026-12-10", NULL, 1, -1, 7, "2026-11-26", "failed", 14, "none" },
		{ "2026-12-01", NULL, 1, -1, 7, "2026-11-26", "failed", 5, "none" },
		{ "2026-11-20", NULL, 1, -1, 7, "2026-11-26", "overdue", 6, "none" },
		{ NULL, NULL, 1, -1, 7, "2026-11-26", "failed", 0, "none" },
		/* passed, and certifications */
		{ "2026-11-01", "2026-11-20", 1, -1, 7, "2030-01-01", "passed", 0, "none" },
		{ "2026-11-01", "2026-11-20", 0, 365, 7, "2027-10-20", "passed", 0, "2027-11-20" },
		{ "2026-11-01", "2026-11-20", 0, 365, 7, "2027-10-21", "expiring", 30, "2027-11-20" },
		{ "2026-11-01", "2026-11-20", 0, 365, 7, "2027-11-20", "expiring", 0, "2027-11-20" },
		{ "2026-11-01", "2026-11-20", 0, 365, 7, "2027-11-21", "expired", 1, "2027-11-20" },
		{ NULL, "2024-02-29", 0, 365, 7, "2025-01-28", "passed", 0, "2025-02-28" },
		{ NULL, "2024-02-29", 0, 365, 7, "2025-01-29", "expiring", 30, "2025-02-28" },
		{ NULL, "2024-02-29", 0, 365, 7, "2025-02-28", "expiring", 0, "2025-02-28" },
		{ NULL, "2024-02-29", 0, 365, 7, "2025-03-01", "expired", 1, "2025-02-28" },
		{ NULL, "2024-02-29", 0, 366, 7, "2025-03-01", "expiring", 0, "2025-03-01" },
		{ NULL, "2023-03-01", 0, 366, 7, "2024-03-02", "expired", 1, "2024-03-01" },
		{ NULL, "2026-12-15", 0, 30, 7, "2027-01-14", "expiring", 0, "2027-01-14" },
		{ NULL, "2026-12-15", 0, 30, 7, "2027-01-15", "expired", 1, "2027-01-14" },
		{ NULL, "2026-01-31", 0, 28, 7, "2026-02-28", "expiring", 0, "2026-02-28" },
		{ NULL, "2026-01-31", 0, 28, 7, "2026-03-01", "expired", 1, "2026-02-28" },
		{ NULL, "2026-11-20", 0, 1000000000, 7, "2030-01-01", "passed", 0, "none" },
	};
	struct training_when w;
	date_t expires;
	long days;
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		w.due = t[i].due ? d(t[i].due) : TRAINING_NODATE;
		w.completed = t[i].completed ? d(t[i].completed) : TRAINING_NODATE;
		w.scored = t[i].scored;
		w.valid_days = t[i].valid_days;
		CHECK_STR(training_state_names[training_state(&w, d(t[i].today), t[i].within,
		    &days, &expires)], t[i].state, "due %s completed %s valid %ld on %s: %s",
		    t[i].due ? t[i].due : "-", t[i].completed ? t[i].completed : "-",
		    t[i].valid_days, t[i].today, t[i].state);
		CHECK_INT(days, t[i].days, "  ... %ld days", t[i].days);
		CHECK_STR(fmt(expires), t[i].expires, "  ... expires %s", t[i].expires);
	}
}

static void
test_required(void)
{
	static const char *const good[] = { "", "all", "new", "none", "role:ae", "role:sdr-2" };
	static const char *const bad[] = { "All", "old", "role:", "role:AE", "role", "new " };
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		CHECK(training_required_check(good[i]) == NULL, "required '%s' is good", good[i]);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK(training_required_check(bad[i]) != NULL, "required '%s' is refused", bad[i]);

	CHECK_INT(training_required_applies("all", "", TRAINING_NODATE, d("2026-11-26")), 1,
	    "all: every rep");
	CHECK_INT(training_required_applies("none", "ae", d("2026-11-26"), d("2026-11-26")), 0,
	    "none: nobody");
	CHECK_INT(training_required_applies("", "ae", d("2026-11-26"), d("2026-11-26")), 0,
	    "not set: nobody");
	CHECK_INT(training_required_applies("role:ae", "ae", TRAINING_NODATE, d("2026-11-26")),
	    1, "role:ae applies to an ae");
	CHECK_INT(training_required_applies("role:ae", "se", TRAINING_NODATE, d("2026-11-26")),
	    0, "role:ae does not apply to an se");
	CHECK_INT(training_required_applies("role:ae", "", TRAINING_NODATE, d("2026-11-26")),
	    0, "role:ae does not apply to a rep without a role");
	/* new: hired at most 90 days before the start, across a leap February */
	CHECK_INT(training_required_applies("new", "", d("2026-11-26"), d("2026-11-26")), 1,
	    "new: start on the hire date");
	CHECK_INT(training_required_applies("new", "", d("2023-12-02"), d("2024-03-01")), 1,
	    "new: hired 2023-12-02, start 2024-03-01 (90 days)");
	CHECK_INT(training_required_applies("new", "", d("2023-12-01"), d("2024-03-01")), 0,
	    "not new: hired 2023-12-01, start 2024-03-01 (91 days)");
	CHECK_INT(training_required_applies("new", "", d("2024-12-02"), d("2025-03-02")), 1,
	    "new: hired 2024-12-02, start 2025-03-02 (90 days)");
	CHECK_INT(training_required_applies("new", "", d("2024-12-02"), d("2025-03-03")), 0,
	    "not new: hired 2024-12-02, start 2025-03-03 (91 days)");
	CHECK_INT(training_required_applies("new", "", d("2027-01-01"), d("2026-11-26")), 1,
	    "new: hired after the start");
	CHECK_INT(training_required_applies("new", "", TRAINING_NODATE, d("2026-11-26")), 0,
	    "new: never for a rep without a hire date");
}

static struct table *
table_of(const struct schema *sc, const char *const *rows, size_t nrows)
{
	const char **cols = calloc(sc->ncols, sizeof *cols);
	struct table *t;
	const char *p, *tab;
	size_t i, j, r;

	for (j = 0; j < sc->ncols; j++)
		cols[j] = sc->cols[j].name;
	t = table_new(sc->file, cols, sc->ncols);
	free(cols);
	for (i = 0; i < nrows; i++) {
		r = table_add_row(t);
		for (p = rows[i], j = 0; j < sc->ncols; j++) {
			tab = strchr(p, '|');
			char *v = tab ? strndup(p, (size_t)(tab - p)) : strdup(p);
			table_set(t, r, (int)j, v);
			free(v);
			p = tab ? tab + 1 : p + strlen(p);
		}
	}
	return t;
}

static void
test_tables(void)
{
	static const char *const reps_rows[] = {
		"ann|Ann|||lead||2024-01-05|active||||",
		"bob|Bob|||ae||2026-10-01|active||||",
		"cid|Cid|||ae||2026-06-01|gone|2026-10-01|||",
		"dan|Dan|||se||2026-09-01|leave|2026-11-01|||",
	};
	static const char *const courses_rows[] = {
		"basics|Basics|onboarding|||30|||new",
		"cert|Cert|policy|||7|365||role:ae",
		"policy|Policy|policy|||14||80|all",
		"tips|Tips|skill||||||none",
	};
	static const char *const training_rows[] = {
		"cid|policy|2026-09-01|2026-09-15||",
		"ann|cert|2024-11-01|2024-11-08|2024-11-05|",
		"ann|cert|2025-11-01|2025-11-08|2025-11-03|",
		"bob|cert|2025-10-01|2025-10-08|2025-10-02|",
		"bob|policy|2026-10-01|2026-10-15||70",
		"dan|cert|2025-11-01|2025-11-08|2025-11-03|",
	};
	static const struct { size_t row; const char *state; } want[] = {
		{ 0, "passed" },	/* ann cert 2024: renewed, so not expired */
		{ 1, "expiring" },	/* ann cert 2025: expires 2026-11-03 */
		{ 2, "expired" },	/* bob cert: expired 2026-10-02 */
		{ 3, "overdue" },	/* bob policy: failed and late */
		{ 4, "ended" },		/* cid: gone */
		{ 5, "passed" },	/* dan: on leave, history */
	};
	struct table *reps = table_of(&schema_reps, reps_rows, 4),
	    *courses = table_of(&schema_courses, courses_rows, 4),
	    *training = table_of(&schema_training, training_rows, 6);
	struct txn x = { 0 };
	date_t today = d("2026-10-20"), expires;
	size_t i, first;
	long days;

	training_sort(training);
	for (i = 0; i < sizeof want / sizeof want[0]; i++)
		CHECK_STR(training_state_names[training_row_state(training, want[i].row, courses,
		    reps, today, TRAINING_DUE_SOON, &days, &expires)], want[i].state,
		    "row %zu (%s %s %s): %s", want[i].row, table_get(training, want[i].row, 0),
		    table_get(training, want[i].row, 1), table_get(training, want[i].row, 2),
		    want[i].state);
	CHECK_INT(training_open_row(training, "bob", "policy"), 3, "bob's open policy row");
	CHECK_INT(training_open_row(training, "bob", "cert"), -1, "bob has no open cert");

	/* bob: hired 2026-10-01; cert (role:ae) expired so assigned again,
	 * basics (new) and policy (open: skipped). */
	txn_begin(&x, NULL, 0);	/* never committed: the log is only collected */
	first = training->nrows;
	CHECK_INT(training_onboard(courses, training, reps, 1, TRAINING_NODATE, today), 2,
	    "onboard bob: two courses");
	CHECK_STR(table_get(training, first, 1), "basics", "onboard bob: basics first");
	CHECK_STR(table_get(training, first, 2), "2026-10-01", "  ... assigned on hire");
	CHECK_STR(table_get(training, first, 3), "2026-10-31", "  ... due 30 days later");
	CHECK_STR(table_get(training, first + 1, 1), "cert", "onboard bob: then cert");
	CHECK_STR(table_get(training, first + 1, 3), "2026-10-08", "  ... due 7 days later");
	training_log(&x, training, first);
	CHECK_INT(x.changes, 2, "onboard bob: two changes logged");
	CHECK(strstr(x.log.data, "\tassign course basics to rep bob, due 2026-10-31\n") &&
	    strstr(x.log.data, "\tassign course cert to rep bob, due 2026-10-08\n"),
	    "onboard bob: the log lines");
	CHECK_INT(training_onboard(courses, training, reps, 1, TRAINING_NODATE, today), 0,
	    "onboard bob again: nothing new");
	/* ann: hired long ago; started over on 2026-12-30: not new, not an ae;
	 * policy due 14 days later, across the year end. */
	first = training->nrows;
	CHECK_INT(training_onboard(courses, training, reps, 0, d("2026-12-30"), today), 1,
	    "onboard ann from 2026-12-30: one course");
	CHECK_STR(table_get(training, first, 1), "policy", "  ... policy");
	CHECK_STR(table_get(training, first, 3), "2027-01-13", "  ... due 2027-01-13");
	CHECK_INT(training_assign(training, "ann", "tips", d("2026-10-20"), TRAINING_NODATE,
	    "in:2"), 1, "assign tips without a due date");
	CHECK_STR(table_get(training, first + 1, 3), "", "  ... due not set");
	CHECK_INT(training_assign(training, "ann", "tips", d("2026-10-21"), TRAINING_NODATE,
	    ""), 0, "assign tips again while open: skipped");
	buf_free(&x.log);
	table_free(training);
	table_free(courses);
	table_free(reps);
}

static void
count_problem(void *arg, const char *file, unsigned long line, const char *msg)
{
	char *last = arg;

	snprintf(last, 256, "%s:%lu: %s", file, line, msg);
}

/* Withdrawn rows count nowhere; attempts are found by their assignment. */
static void
test_history(void)
{
	static const char *const courses_rows[] = {
		"cert|Cert|policy|||7|365|70|",
		"policy|Policy|policy|||14||80|",
	};
	static const char *const training_rows[] = {
		"ann|cert|2025-11-01|2025-11-08|2025-11-03|80||",
		"ann|cert|2026-10-10|2026-10-17||||",
		"bob|policy|2026-09-01|2026-09-15|2026-09-10|90||",
		"bob|policy|2026-10-01|2026-10-15||70||",
	};
	static const char *const attempts_rows[] = {
		"bob|policy|2026-10-01|2026-10-05|70|failed",
		"ann|cert|2025-11-01|2025-11-03|80|passed",
		"bob|policy|2026-10-01|2026-10-02|60|failed",
		"bob|policy|2026-09-01|2026-09-10|90|passed",
		"zed|policy|2026-01-01|2026-01-02||passed",
	};
	struct table *reps = table_of(&schema_reps, NULL, 0),
	    *courses = table_of(&schema_courses, courses_rows, 2),
	    *training = table_of(&schema_training, training_rows, 4),
	    *attempts = table_of(&schema_attempts, attempts_rows, 5);
	struct training_attempts *ix;
	date_t today = d("2026-10-20"), expires;
	const size_t *at;
	char last[256] = "";
	long days;

	training_sort(training);
	CHECK_STR(training_state_names[training_row_state(training, 0, courses, reps, today,
	    TRAINING_DUE_SOON, &days, &expires)], "passed", "a certification being renewed: passed");
	CHECK_INT(training_open_row(training, "bob", "policy"), 3, "bob's open policy row");
	CHECK_INT(training_last_row(training, "bob", "policy"), 3, "  ... is his last");

	ix = training_attempts_index(attempts);
	CHECK_INT(training_attempts_at(ix, training, 3, &at), 2, "bob's open policy: 2 attempts");
	CHECK(at[0] == 0 && at[1] == 2, "  ... rows 0 and 2, in the order of the file");
	CHECK_INT(training_attempts_at(ix, training, 2, &at), 1, "bob's passed policy: 1 attempt");
	CHECK_INT(at[0], 3, "  ... row 3");
	CHECK_INT(training_attempts_at(ix, training, 1, &at), 0, "ann's renewal: none");
	CHECK_STR(training_attempt_last(attempts, "bob", "policy", "2026-10-01"), "2026-10-05",
	    "the last attempt at bob's open policy: the latest day");
	CHECK(training_attempt_last(attempts, "ann", "cert", "2026-10-10") == NULL,
	    "no attempt at ann's renewal");
	CHECK_INT(training_check(training, attempts, count_problem, last), 1,
	    "check: one attempt without its assignment");
	CHECK_STR(last, "attempts.tsv:0: no assignment of course 'policy' to rep 'zed' on "
	    "2026-01-01 in training.tsv", "  ... zed's");
	training_attempts_free(ix);

	training_withdraw(training, 1, "2026-10-20", "moved");
	training_withdraw(training, 3, "2026-10-20", "moved");
	CHECK(training_withdrawn(training, 1) && !training_withdrawn(training, 0),
	    "withdrawn: the renewal only");
	CHECK_STR(training_state_names[training_row_state(training, 1, courses, reps, today,
	    TRAINING_DUE_SOON, &days, &expires)], "withdrawn", "the renewal: withdrawn");
	CHECK_STR(training_state_names[training_row_state(training, 0, courses, reps, today,
	    TRAINING_DUE_SOON, &days, &expires)], "expiring",
	    "the certification it would renew: expiring again");
	CHECK_INT(days, 14, "  ... in 14 days");
	CHECK_INT(training_open_row(training, "bob", "policy"), -1, "bob: nothing open");
	CHECK_INT(training_last_row(training, "bob", "policy"), 3, "  ... his last is withdrawn");
	CHECK_INT(training_check(training, NULL, count_problem, last), 0,
	    "check: withdrawn rows are fine");
	table_set(training, 2, table_col(training, "withdrawn"), "2026-10-20");
	CHECK_INT(training_check(training, NULL, count_problem, last), 1,
	    "check: completed and withdrawn both set");
	table_free(attempts);
	table_free(training);
	table_free(courses);
	table_free(reps);
}

int
main(int argc, char *argv[])
{
	(void)argc;
	err_init(argv);
	test_due();
	test_state();
	test_required();
	test_tables();
	test_history();
	return unit_done();
}
