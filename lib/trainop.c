#include <string.h>

#include "cli.h"
#include "date.h"
#include "err.h"
#include "input.h"
#include "roster.h"
#include "schema.h"
#include "trainop.h"
#include "suggest.h"

void
trainop_open(struct trainop *op, const struct cli *cli, int tables)
{
	memset(op, 0, sizeof *op);
	date_format(date_today(cli->today), op->today);
	op->s = store_open(cli->data_dir, STORE_WRITE);
	op->reps = store_load(op->s, "reps.tsv");
	op->courses = store_load(op->s, "courses.tsv");
	op->training = store_load(op->s, "training.tsv");
	if (tables & TRAINOP_ATTEMPTS)
		op->attempts = training_attempts_load(op->s, op->training);
	txn_begin(&op->x, op->s, cli->dry_run);
}

void
trainop_commit(struct trainop *op, int changed)
{
	if (changed & TRAINOP_TRAINING)
		txn_table(&op->x, &schema_training, op->training);
	if (changed & TRAINOP_ATTEMPTS)
		txn_table(&op->x, &schema_attempts, op->attempts);
	txn_commit(&op->x);
	close_stdout();
}

void
trainop_close(struct trainop *op)
{
	table_free(op->attempts);
	table_free(op->training);
	table_free(op->courses);
	table_free(op->reps);
	store_close(op->s);
}

size_t
trainop_each(const struct cli *cli, const char *const *fields, size_t nfields,
	     const char **opt, int f_rep, int f_course,
	     void (*fn)(void *arg, struct input *in, const char **v), void *arg)
{
	const char *v[16];
	struct input *in;
	size_t errors = 0;
	int i;

	if (nfields > sizeof v / sizeof v[0])
		die("internal error: %zu fields", nfields);
	if (cli->from) {
		in = cli_input(cli, fields, nfields, INPUT_ACT);
		while (input_next(in, opt, v))
			fn(arg, in, v);
		return input_close(in);
	}
	opt[f_course] = cli->args[0];
	for (i = 1; i < cli->nargs; i++) {
		opt[f_rep] = cli->args[i];
		in = input_open(NULL, fields, nfields, INPUT_ACT);
		while (input_next(in, opt, v))
			fn(arg, in, v);
		errors += input_close(in);
	}
	return errors;
}

int
trainop_known(struct input *in, const struct table *reps, const struct table *courses,
	      const char *rep, const char *course, struct training_course *c)
{
	char hint[SUGGEST_BUFSZ];

	if (roster_find_rep(reps, rep) < 0) {
		input_error(in, "unknown rep '%s' (%s)", rep, suggest(reps, "rep", "name", rep,
		    "rep-list --all shows every rep", hint));
		return -1;
	}
	if (training_course(courses, course, c) < 0) {
		input_error(in, "unknown course '%s' (%s)", course, suggest(courses, "course",
		    "title", course, "see course-list", hint));
		return -1;
	}
	return 0;
}

int
trainop_day(struct input *in, const char **day, const char *today)
{
	date_t d;

	if (!*day || !**day)
		*day = today;
	if (date_parse(*day, &d) < 0) {
		input_error(in, "date '%.64s' is not a date (YYYY-MM-DD)", *day);
		return -1;
	}
	if (strcmp(*day, today) > 0) {
		input_error(in, "date '%s' is after today (%s)", *day, today);
		return -1;
	}
	return 0;
}

int
trainop_in_order(struct input *in, const char *day, const struct table *training,
		 size_t row, const struct table *attempts)
{
	const char *rep = table_cell(training, row, "rep"),
	    *course = table_cell(training, row, "course"),
	    *assigned = table_cell(training, row, "assigned"), *last;

	if (strcmp(day, assigned) < 0) {
		input_error(in, "date '%s' is before the assignment (%s)", day, assigned);
		return -1;
	}
	last = training_attempt_last(attempts, rep, course, assigned);
	if (last && strcmp(day, last) < 0) {
		input_error(in, "date '%s' is before the last attempt (%s)", day, last);
		return -1;
	}
	return 0;
}
