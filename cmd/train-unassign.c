/* train-unassign: withdraw open course assignments, with the reason, from
 * arguments or --from FILE (rep, course, reason, date; other columns, such
 * as train-status's, are ignored).  The rows stay as history (training.h). */
#include <stdio.h>
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
    "usage: train-unassign COURSE REP ... --reason TEXT [--date DATE] [-nq]\n"
    "                      [-D DIR] [--today DATE]\n"
    "       train-unassign --from FILE [--course COURSE] [--reason TEXT]\n"
    "                      [--date DATE] [-nq] [-D DIR] [--today DATE]\n";

enum { F_REP, F_COURSE, F_REASON, F_DATE, NFIELDS };
static const char *const fields[NFIELDS] = { "rep", "course", "reason", "date" };

struct run {
	struct table *reps, *courses, *training, *attempts;
	struct txn x;
	const char *today;
	size_t withdrawn;
};

/* Why rep has no open assignment of course: its latest row's state. */
static void
not_open(struct run *r, struct input *in, const char *rep, const char *course)
{
	long row = training_last_row(r->training, rep, course);
	const char *done, *gone;

	done = row < 0 ? "" : table_cell(r->training, (size_t)row, "completed");
	gone = row < 0 ? "" : table_cell(r->training, (size_t)row, "withdrawn");
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
withdraw(struct run *r, struct input *in, const char **v)
{
	struct training_course c;
	const char *assigned, *last;
	date_t d;
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
	if ((row = training_open_row(r->training, v[F_REP], v[F_COURSE])) < 0) {
		not_open(r, in, v[F_REP], v[F_COURSE]);
		return;
	}
	assigned = table_cell(r->training, (size_t)row, "assigned");
	/* ISO dates compare as text. */
	if (strcmp(v[F_DATE], assigned) < 0) {
		input_error(in, "date '%s' is before the assignment (%s)", v[F_DATE], assigned);
		return;
	}
	last = training_attempt_last(r->attempts, v[F_REP], v[F_COURSE], assigned);
	if (last && strcmp(v[F_DATE], last) < 0) {
		input_error(in, "date '%s' is before the last attempt (%s)", v[F_DATE], last);
		return;
	}
	txn_log(&r->x, "withdraw course %s from rep %s (assigned %s) on %s: %s", c.course,
	    v[F_REP], assigned, v[F_DATE], v[F_REASON]);
	training_withdraw(r->training, (size_t)row, v[F_DATE], v[F_REASON]);
	r->withdrawn++;
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
	const char *v[NFIELDS];
	char today[DATE_BUFSZ];
	struct run r = { 0 };
	struct store *s;
	struct input *in;
	size_t errors = 0;
	int i;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	/* COURSE REP... or --from; --course only stands in for a column. */
	if (cli.from ? cli.nargs != 0 : cli.nargs < 2 || opt[F_COURSE])
		cli_usage(&cli);
	r.today = date_format(date_today(cli.today), today);
	/* Said once here, not once per rep below. */
	if (!cli.from && (!opt[F_REASON] || !*opt[F_REASON]))
		die("no reason given (use --reason)");

	s = store_open(cli.data_dir, STORE_WRITE);
	r.reps = store_load(s, "reps.tsv");
	r.courses = store_load(s, "courses.tsv");
	r.training = store_load(s, "training.tsv");
	r.attempts = training_attempts_load(s, r.training);
	txn_begin(&r.x, s, cli.dry_run);
	if (cli.from) {
		in = cli_input(&cli, fields, NFIELDS, INPUT_ACT);
		while (input_next(in, opt, v))
			withdraw(&r, in, v);
		errors += input_close(in);
	} else {
		/* One record per REP, each from the options. */
		opt[F_COURSE] = cli.args[0];
		for (i = 1; i < cli.nargs; i++) {
			opt[F_REP] = cli.args[i];
			in = input_open(NULL, fields, NFIELDS, INPUT_ACT);
			while (input_next(in, opt, v))
				withdraw(&r, in, v);
			errors += input_close(in);
		}
	}
	if (errors)
		die("nothing was changed");

	if (r.withdrawn)
		txn_table(&r.x, &schema_training, r.training);
	txn_commit(&r.x);
	close_stdout();
	if (!cli.dry_run)
		cli_done(&cli, "withdrew %zu assignment%s", r.withdrawn,
		    r.withdrawn == 1 ? "" : "s");
	table_free(r.attempts);
	table_free(r.training);
	table_free(r.courses);
	table_free(r.reps);
	store_close(s);
	return 0;
}
