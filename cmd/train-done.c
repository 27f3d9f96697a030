/* train-done: record an attempt at an assigned course: a pass closes the
 * assignment, a score below the pass score keeps it open; every attempt
 * is kept in attempts.tsv (training.h). */
#include <stdlib.h>

#include "cli.h"
#include "date.h"
#include "err.h"
#include "input.h"
#include "schema.h"
#include "training.h"
#include "trainop.h"
#include "txn.h"

static const char usage[] =
    "usage: train-done REP COURSE [--date DATE] [--score N] [-nq] [-D DIR]\n"
    "                  [--today DATE]\n"
    "       train-done --from FILE [--date DATE] [--score N] [-nq] [-D DIR]\n"
    "                  [--today DATE]\n";

enum { F_REP, F_COURSE, F_DATE, F_SCORE, NFIELDS };
static const char *const fields[NFIELDS] = { "rep", "course", "date", "score" };

static struct trainop op;
static size_t recorded;

/* Check one attempt and record it; problems go to input_error(). */
static void
attempt(struct input *in, const char **v)
{
	struct training_course c;
	const char *assigned, *score = v[F_SCORE] ? v[F_SCORE] : "";
	long row;
	int pass;

	if (!v[F_REP] || !*v[F_REP] || !v[F_COURSE] || !*v[F_COURSE]) {
		input_error(in, "no %s given", !v[F_REP] || !*v[F_REP] ? "rep id" : "course");
		return;
	}
	if (input_check(in, &schema_training, fields, (const char *const *)v) ||
	    trainop_known(in, op.reps, op.courses, v[F_REP], v[F_COURSE], &c) < 0 ||
	    trainop_day(in, &v[F_DATE], op.today) < 0)
		return;
	if (c.pass_score >= 0 && !*score) {
		input_error(in, "course '%s' has a pass score (%ld): give the score with "
		    "--score", c.course, c.pass_score);
		return;
	}
	if ((row = training_open_row(op.training, v[F_REP], v[F_COURSE])) < 0) {
		input_error(in, "rep '%s' has no open assignment of course '%s' (assign it "
		    "with train-assign)", v[F_REP], v[F_COURSE]);
		return;
	}
	if (trainop_in_order(in, v[F_DATE], op.training, (size_t)row, op.attempts) < 0)
		return;
	assigned = table_cell(op.training, (size_t)row, "assigned");
	pass = c.pass_score < 0 || atol(score) >= c.pass_score;
	training_attempt_add(op.attempts, v[F_REP], v[F_COURSE], assigned, v[F_DATE], score,
	    pass);
	table_set(op.training, (size_t)row, table_col_add(op.training, "score"), score);
	if (!pass) {
		txn_log(&op.x, "record course %s failed by rep %s on %s, score %s (pass %ld)",
		    c.course, v[F_REP], v[F_DATE], score, c.pass_score);
	} else {
		table_set(op.training, (size_t)row, table_col_add(op.training, "completed"),
		    v[F_DATE]);
		txn_log(&op.x, "record course %s passed by rep %s on %s%s%s", c.course,
		    v[F_REP], v[F_DATE], *score ? ", score " : "", score);
	}
	recorded++;
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
	struct input *in;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	cli_record(&cli, opt, F_REP, F_COURSE, -1);

	trainop_open(&op, &cli, TRAINOP_ATTEMPTS);
	in = cli_input(&cli, fields, NFIELDS, INPUT_ACT);
	while (input_next(in, opt, v))
		attempt(in, v);
	if (input_close(in))
		die("nothing was changed");
	trainop_commit(&op, recorded ? TRAINOP_TRAINING | TRAINOP_ATTEMPTS : 0);
	if (!cli.dry_run)
		cli_done(&cli, "recorded %zu attempt%s", recorded, recorded == 1 ? "" : "s");
	trainop_close(&op);
	return 0;
}
