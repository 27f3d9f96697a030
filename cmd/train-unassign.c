/* train-unassign: withdraw open course assignments, with the reason, from
 * arguments or --from FILE (rep, course, reason, date; other columns, such
 * as train-status's, are ignored).  The rows stay as history (training.h). */
#include "cli.h"
#include "err.h"
#include "input.h"
#include "schema.h"
#include "training.h"
#include "trainop.h"
#include "txn.h"

static const char usage[] =
    "usage: train-unassign COURSE REP ... --reason TEXT [--date DATE] [-nq]\n"
    "                      [-D DIR] [--today DATE]\n"
    "       train-unassign --from FILE [--course COURSE] [--reason TEXT]\n"
    "                      [--date DATE] [-nq] [-D DIR] [--today DATE]\n";

enum { F_REP, F_COURSE, F_REASON, F_DATE, NFIELDS };
static const char *const fields[NFIELDS] = { "rep", "course", "reason", "date" };

static struct trainop op;
static size_t withdrawn;

/* Why rep has no open assignment of course: its latest row's state. */
static void
not_open(struct input *in, const char *rep, const char *course)
{
	long row = training_last_row(op.training, rep, course);
	const char *done, *gone;

	done = row < 0 ? "" : table_cell(op.training, (size_t)row, "completed");
	gone = row < 0 ? "" : table_cell(op.training, (size_t)row, "withdrawn");
	if (*gone)
		input_error(in, "rep '%s' has no open assignment of course '%s' to withdraw "
		    "(withdrawn %s)", rep, course, gone);
	else if (*done)
		input_error(in, "rep '%s' has no open assignment of course '%s' to withdraw "
		    "(passed %s)", rep, course, done);
	else
		input_error(in, "rep '%s' has no open assignment of course '%s' to withdraw "
		    "(never assigned)", rep, course);
}

/* Check one record and withdraw its assignment; problems go to input_error(). */
static void
withdraw(void *arg, struct input *in, const char **v)
{
	struct training_course c;
	long row;

	if (!v[F_REP] || !*v[F_REP]) {
		input_error(in, "no rep id given");
		return;
	}
	if (!v[F_COURSE] || !*v[F_COURSE]) {
		input_error(in, "no course given (use --course)");
		return;
	}
	if (!v[F_REASON] || !*v[F_REASON]) {
		input_error(in, "no reason given (use --reason)");
		return;
	}
	(void)arg;
	if (input_check(in, &schema_training, fields, (const char *const *)v) ||
	    trainop_known(in, op.reps, op.courses, v[F_REP], v[F_COURSE], &c) < 0 ||
	    trainop_day(in, &v[F_DATE], op.today) < 0)
		return;
	if ((row = training_open_row(op.training, v[F_REP], v[F_COURSE])) < 0) {
		not_open(in, v[F_REP], v[F_COURSE]);
		return;
	}
	if (trainop_in_order(in, v[F_DATE], op.training, (size_t)row, op.attempts) < 0)
		return;
	txn_log(&op.x, "withdraw course %s from rep %s (assigned %s) on %s: %s", c.course,
	    v[F_REP], table_cell(op.training, (size_t)row, "assigned"), v[F_DATE],
	    v[F_REASON]);
	training_withdraw(op.training, (size_t)row, v[F_DATE], v[F_REASON]);
	withdrawn++;
}

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("course", "COURSE", &opt[F_COURSE], "with --from, the course of every row"),
	CLI_OPT("reason", "TEXT", &opt[F_REASON], "why it is withdrawn (kept with it)"),
	CLI_OPT("date", "DATE", &opt[F_DATE], "the day it is withdrawn (default today)"),
	CLI_OPTS_WRITE, CLI_OPT_FROM, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

int
main(int argc, char *argv[])
{
	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	/* COURSE REP... or --from; --course only stands in for a column. */
	if (cli.from ? cli.nargs != 0 : cli.nargs < 2 || opt[F_COURSE])
		cli_usage(&cli);
	/* Said once here, not once per rep below. */
	if (!cli.from && (!opt[F_REASON] || !*opt[F_REASON]))
		die("no reason given (use --reason)");

	trainop_open(&op, &cli, TRAINOP_ATTEMPTS);
	if (trainop_each(&cli, fields, NFIELDS, opt, F_REP, F_COURSE, withdraw, NULL))
		die("nothing was changed");
	trainop_commit(&op, withdrawn ? TRAINOP_TRAINING : 0);
	if (!cli.dry_run)
		cli_done(&cli, "withdrew %zu assignment%s", withdrawn, withdrawn == 1 ? "" : "s");
	trainop_close(&op);
	return 0;
}
