/* train-assign: assign a course to reps, from arguments or --from FILE
 * (rep, course, due; other columns, such as rep-list's, are ignored). */
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
    "usage: train-assign COURSE REP ... [--due DATE|+14d] [-nq] [-D DIR]\n"
    "                    [--today DATE]\n"
    "       train-assign --from FILE [--course COURSE] [--due DATE|+14d] [-nq]\n"
    "                    [-D DIR] [--today DATE]\n";

enum { F_REP, F_COURSE, F_DUE, NFIELDS };
static const char *const fields[NFIELDS] = { "rep", "course", "due" };

struct run {
	struct table *reps, *courses, *training;
	date_t today;
	size_t added;
};

/* Check one record and assign it; problems go to input_error(). */
static void
assign(struct run *r, struct input *in, const char **v)
{
	struct training_course c;
	char d[DATE_BUFSZ], t[DATE_BUFSZ];
	const char *ids[NFIELDS];
	date_t due;
	long row;

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
	if (input_check(in, &schema_training, fields, ids))
		return;
	if ((row = roster_find_rep(r->reps, v[F_REP])) < 0) {
		input_error(in, "unknown rep '%s' (rep-list --all shows every rep)", v[F_REP]);
		return;
	}
	if (training_course(r->courses, v[F_COURSE], &c) < 0) {
		input_error(in, "unknown course '%s' (see course-list)", v[F_COURSE]);
		return;
	}
	if (training_rep_ended(r->reps, row)) {
		input_error(in, "rep '%s' has ended (%s since %s): courses go to active "
		    "reps only", v[F_REP],
		    table_get(r->reps, (size_t)row, table_col(r->reps, "status")),
		    table_get(r->reps, (size_t)row, table_col(r->reps, "ended")));
		return;
	}
	/* The row's due may be relative too: "+14d" from today. */
	if (training_due(v[F_DUE], c.due_days, r->today, &due) < 0) {
		input_error(in, "due '%.64s' is not a date (YYYY-MM-DD, +14d, +2w or +1m)",
		    v[F_DUE]);
		return;
	}
	if (due != TRAINING_NODATE && due < r->today) {
		input_error(in, "due '%s' is before the assignment (%s)",
		    date_format(due, d), date_format(r->today, t));
		return;
	}
	r->added += (size_t)training_assign(r->training, v[F_REP], v[F_COURSE],
	    r->today, due, input_where(in));
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
	const char *v[NFIELDS];
	char d[DATE_BUFSZ], t[DATE_BUFSZ];
	struct run r = { 0 };
	struct store *s;
	struct input *in;
	size_t errors = 0, first;
	struct txn x;
	date_t due;
	int i;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	/* COURSE REP... or --from; --course only stands in for a column. */
	if (cli.from ? cli.nargs != 0 : cli.nargs < 2 || opt[F_COURSE])
		cli_usage(&cli);
	r.today = date_today(cli.today);
	if (opt[F_DUE] && date_relative(opt[F_DUE], r.today, &due) < 0) {
		cli_usage_error(&cli, "invalid due '%.64s' (want YYYY-MM-DD, +14d, +2w or +1m)",
		    opt[F_DUE]);
	}
	/* Said once here, not once per rep below. */
	if (opt[F_DUE] && due < r.today)
		die("due '%s' is before the assignment (%s)", date_format(due, d),
		    date_format(r.today, t));

	s = store_open(cli.data_dir, STORE_WRITE);
	r.reps = store_load(s, "reps.tsv");
	r.courses = store_load(s, "courses.tsv");
	r.training = store_load(s, "training.tsv");
	first = r.training->nrows;
	if (cli.from) {
		in = cli_input(&cli, fields, NFIELDS, INPUT_ACT);
		while (input_next(in, opt, v))
			assign(&r, in, v);
		errors += input_close(in);
	} else {
		/* One record per REP, each from the options. */
		opt[F_COURSE] = cli.args[0];
		for (i = 1; i < cli.nargs; i++) {
			opt[F_REP] = cli.args[i];
			in = input_open(NULL, fields, NFIELDS, INPUT_ACT);
			while (input_next(in, opt, v))
				assign(&r, in, v);
			errors += input_close(in);
		}
	}
	if (errors)
		die("nothing was changed");

	txn_begin(&x, s, cli.dry_run);
	training_log(&x, r.training, first);
	if (r.added)
		txn_table(&x, &schema_training, r.training);
	txn_commit(&x);
	close_stdout();
	if (!cli.dry_run)
		cli_done(&cli, "assigned %zu course%s", r.added, r.added == 1 ? "" : "s");
	table_free(r.training);
	table_free(r.courses);
	table_free(r.reps);
	store_close(s);
	return 0;
}
