/* train-assign: assign a course to reps, from arguments or --from FILE
 * (rep, course, due; other columns, such as rep-list's, are ignored). */
#include "cli.h"
#include "date.h"
#include "err.h"
#include "input.h"
#include "roster.h"
#include "schema.h"
#include "training.h"
#include "trainop.h"
#include "txn.h"

static const char usage[] =
    "usage: train-assign COURSE REP ... [--due DATE|+14d] [-nq] [-D DIR]\n"
    "                    [--today DATE]\n"
    "       train-assign --from FILE [--course COURSE] [--due DATE|+14d] [-nq]\n"
    "                    [-D DIR] [--today DATE]\n";

enum { F_REP, F_COURSE, F_DUE, NFIELDS };
static const char *const fields[NFIELDS] = { "rep", "course", "due" };

static struct trainop op;
static date_t today;
static size_t added;

/* Check one record and assign it; problems go to input_error(). */
static void
assign(void *arg, struct input *in, const char **v)
{
	struct training_course c;
	char d[DATE_BUFSZ], t[DATE_BUFSZ];
	const char *ids[NFIELDS];
	date_t due;
	long row;

	(void)arg;
	if (!v[F_REP] || !*v[F_REP]) {
		input_error(in, "no rep id given");
		return;
	}
	if (!v[F_COURSE] || !*v[F_COURSE]) {
		/* A diagnosis row that suggests no course: nothing to assign. */
		if (input_has(in, F_COURSE))
			return;
		input_error(in, "no course given (use --course)");
		return;
	}
	/* The ids against the schema; due may be relative, checked below. */
	ids[F_REP] = v[F_REP], ids[F_COURSE] = v[F_COURSE], ids[F_DUE] = NULL;
	if (input_check(in, &schema_training, fields, ids) ||
	    trainop_known(in, op.reps, op.courses, v[F_REP], v[F_COURSE], &c) < 0)
		return;
	row = roster_find_rep(op.reps, v[F_REP]);
	if (training_rep_ended(op.reps, row)) {
		input_error(in, "rep '%s' has ended (%s since %s): courses go to active "
		    "reps only", v[F_REP],
		    table_get(op.reps, (size_t)row, table_col(op.reps, "status")),
		    table_get(op.reps, (size_t)row, table_col(op.reps, "ended")));
		return;
	}
	/* The row's due may be relative too: "+14d" from today. */
	if (training_due(v[F_DUE], c.due_days, today, &due) < 0) {
		input_error(in, "due '%.64s' is not a date (YYYY-MM-DD, +14d, +2w or +1m)",
		    v[F_DUE]);
		return;
	}
	if (due != TRAINING_NODATE && due < today) {
		input_error(in, "due '%s' is before the assignment (%s)",
		    date_format(due, d), date_format(today, t));
		return;
	}
	added += (size_t)training_assign(op.training, v[F_REP], v[F_COURSE],
	    today, due, input_where(in));
}

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("course", "COURSE", &opt[F_COURSE], "with --from, the course of every row"),
	CLI_OPT("due", "DATE|+14d", &opt[F_DUE], "the due date, or days, weeks or months ahead"),
	CLI_OPTS_WRITE, CLI_OPT_FROM, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

int
main(int argc, char *argv[])
{
	char d[DATE_BUFSZ], t[DATE_BUFSZ];
	size_t first;
	date_t due;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	/* COURSE REP... or --from; --course only stands in for a column. */
	if (cli.from ? cli.nargs != 0 : cli.nargs < 2 || opt[F_COURSE])
		cli_usage(&cli);
	today = date_today(cli.today);
	if (opt[F_DUE] && date_relative(opt[F_DUE], today, &due) < 0) {
		cli_usage_error(&cli, "invalid due '%.64s' (want YYYY-MM-DD, +14d, +2w or +1m)",
		    opt[F_DUE]);
	}
	/* Said once here, not once per rep below. */
	if (opt[F_DUE] && due < today)
		die("due '%s' is before the assignment (%s)", date_format(due, d),
		    date_format(today, t));

	trainop_open(&op, &cli, TRAINOP_TRAINING);
	first = op.training->nrows;
	if (trainop_each(&cli, fields, NFIELDS, opt, F_REP, F_COURSE, assign, NULL))
		die("nothing was changed");
	training_log(&op.x, op.training, first);
	trainop_commit(&op, added ? TRAINOP_TRAINING : 0);
	if (!cli.dry_run)
		cli_done(&cli, "assigned %zu course%s", added, added == 1 ? "" : "s");
	trainop_close(&op);
	return 0;
}
