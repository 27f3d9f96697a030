/* train-done: record an attempt at an assigned course: a pass closes the
 * assignment, a score below the pass score keeps it open; every attempt
 * is kept in attempts.tsv (training.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "err.h"
#include "input.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "training.h"
#include "txn.h"

static const char usage[] =
    "usage: train-done REP COURSE [--date DATE] [--score N] [-nq] [-D DIR]\n"
    "                  [--today DATE]\n"
    "       train-done --from FILE [--date DATE] [--score N] [-nq] [-D DIR]\n"
    "                  [--today DATE]\n";

enum { F_REP, F_COURSE, F_DATE, F_SCORE, NFIELDS };
static const char *const fields[NFIELDS] = { "rep", "course", "date", "score" };

struct run {
	struct table *reps, *courses, *training, *attempts;
	struct txn x;
	const char *today;
	size_t recorded;
};

/* Check one attempt and record it; problems go to input_error(). */
static void
attempt(struct run *r, struct input *in, const char **v)
{
	struct training_course c;
	const char *assigned, *last, *score = v[F_SCORE] ? v[F_SCORE] : "";
	date_t d;
	long row;
	int pass;

	if (!v[F_REP] || !*v[F_REP] || !v[F_COURSE] || !*v[F_COURSE]) {
		input_error(in, "no %s given", !v[F_REP] || !*v[F_REP] ? "rep id" : "course");
		return;
	}
	if (input_check(in, &schema_training, fields, (const char *const *)v))
		return;
	if (roster_find_rep(r->reps, v[F_REP]) < 0) {
		input_error(in, "unknown rep '%s' (rep-list --all shows every rep)", v[F_REP]);
		return;
	}
	if (training_course(r->courses, v[F_COURSE], &c) < 0) {
		input_error(in, "unknown course '%s' (see course-list)", v[F_COURSE]);
		return;
	}
	if (!v[F_DATE] || !*v[F_DATE])
		v[F_DATE] = r->today;
	if (date_parse(v[F_DATE], &d) < 0) {
		input_error(in, "date '%.64s' is not a date (YYYY-MM-DD)", v[F_DATE]);
		return;
	}
	if (strcmp(v[F_DATE], r->today) > 0) {
		input_error(in, "date '%s' is after today (%s)", v[F_DATE], r->today);
		return;
	}
	if (c.pass_score >= 0 && !*score) {
		input_error(in, "course '%s' has a pass score (%ld): give the score with "
		    "--score", c.course, c.pass_score);
		return;
	}
	if ((row = training_open_row(r->training, v[F_REP], v[F_COURSE])) < 0) {
		input_error(in, "rep '%s' has no open assignment of course '%s' (assign it "
		    "with train-assign)", v[F_REP], v[F_COURSE]);
		return;
	}
	assigned = table_get(r->training, (size_t)row, table_col(r->training, "assigned"));
	/* ISO dates compare as text. */
	if (strcmp(v[F_DATE], assigned) < 0) {
		input_error(in, "date '%s' is before the assignment (%s)", v[F_DATE], assigned);
		return;
	}
	/* Attempts are kept in the order made: the last one is the latest. */
	last = training_attempt_last(r->attempts, v[F_REP], v[F_COURSE], assigned);
	if (last && strcmp(v[F_DATE], last) < 0) {
		input_error(in, "date '%s' is before the last attempt (%s)", v[F_DATE], last);
		return;
	}
	pass = c.pass_score < 0 || atol(score) >= c.pass_score;
	training_attempt_add(r->attempts, v[F_REP], v[F_COURSE], assigned, v[F_DATE], score,
	    pass);
	table_set(r->training, (size_t)row, table_col_add(r->training, "score"), score);
	if (!pass) {
		txn_log(&r->x, "record course %s failed by rep %s on %s, score %s (pass %ld)",
		    c.course, v[F_REP], v[F_DATE], score, c.pass_score);
	} else {
		table_set(r->training, (size_t)row, table_col_add(r->training, "completed"),
		    v[F_DATE]);
		txn_log(&r->x, "record course %s passed by rep %s on %s%s%s", c.course,
		    v[F_REP], v[F_DATE], *score ? ", score " : "", score);
	}
	r->recorded++;
}

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("date", "DATE", &opt[F_DATE], "the day of the attempt (default today)"),
	CLI_OPT("score", "N", &opt[F_SCORE], "the score, a whole number 0-100"),
	CLI_OPTS_WRITE, CLI_OPT_FROM, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

int
main(int argc, char *argv[])
{
	const char *v[NFIELDS];
	char today[DATE_BUFSZ];
	struct run r = { 0 };
	struct store *s;
	struct input *in;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	cli_record(&cli, opt, F_REP, F_COURSE, -1);
	r.today = date_format(date_today(cli.today), today);

	s = store_open(cli.data_dir, STORE_WRITE);
	r.reps = store_load(s, "reps.tsv");
	r.courses = store_load(s, "courses.tsv");
	r.training = store_load(s, "training.tsv");
	r.attempts = training_attempts_load(s, r.training);
	txn_begin(&r.x, s, cli.dry_run);
	in = cli_input(&cli, fields, NFIELDS, INPUT_ACT);
	while (input_next(in, opt, v))
		attempt(&r, in, v);
	if (input_close(in))
		die("nothing was changed");

	if (r.recorded) {
		txn_table(&r.x, &schema_training, r.training);
		txn_table(&r.x, &schema_attempts, r.attempts);
	}
	txn_commit(&r.x);
	close_stdout();
	if (!cli.dry_run)
		cli_done(&cli, "recorded %zu attempt%s", r.recorded,
		    r.recorded == 1 ? "" : "s");
	table_free(r.attempts);
	table_free(r.training);
	table_free(r.courses);
	table_free(r.reps);
	store_close(s);
	return 0;
}
