/* train-onboard: assign a rep every course their onboarding requires
 * (training.h), and print the plan. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "err.h"
#include "list.h"
#include "out.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "training.h"
#include "txn.h"

static const char usage[] =
    "usage: train-onboard REP [--start DATE] [-nq] [-o FORMAT] [--no-header] [--raw]\n"
    "                     [--columns LIST] [--color WHEN] [-D DIR] [--today DATE]\n";

static const struct out_col cols[] = {
	{ "rep", OUT_TEXT, 1 }, { "course", OUT_TEXT, 1 }, { "title", OUT_TEXT, 2 },
	{ "assigned", OUT_TEXT, 3 }, { "due", OUT_TEXT, 2 }
};
enum { NCOLS = sizeof cols / sizeof cols[0] };

static struct cli cli;
static date_t start = TRAINING_NODATE;
static cli_fn start_option;
static const struct cli_opt options[] = {
	CLI_CALL("start", "DATE", start_option, &start,
	    "the first day of onboarding (default the hire date)"),
	CLI_OPTS_WRITE, CLI_OPTS_REPORT, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

static void
start_option(struct cli *c, const struct cli_opt *o, const char *arg)
{
	if (date_parse(arg, o->value) < 0)
		cli_usage_error(c, "invalid start '%.64s' (want YYYY-MM-DD)", arg);
}

/* The rows from first of training (the rep's new assignments), in cols. */
static struct table *
plan_of(const struct table *training, size_t first, const struct table *courses,
	const char *rep)
{
	struct table *plan = table_new("plan", (const char *const[]){ "rep", "course",
	    "title", "assigned", "due" }, NCOLS);
	struct training_course tc;
	const char *course;
	size_t i, j;

	for (i = first; i < training->nrows; i++) {
		j = table_add_row(plan);
		course = table_cell(training, i, "course");
		table_set(plan, j, 0, rep);
		table_set(plan, j, 1, course);
		table_set(plan, j, 2, training_course(courses, course, &tc) < 0 ? "" : tc.title);
		table_set(plan, j, 3, table_cell(training, i, "assigned"));
		table_set(plan, j, 4, table_cell(training, i, "due"));
	}
	return plan;
}

int
main(int argc, char *argv[])
{
	struct table *reps, *courses, *training, *plan;
	const char *rep;
	char why[256];
	struct store *s;
	struct txn x;
	size_t first, added;
	date_t today;
	long row;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv) != 1)
		cli_usage(&cli);
	rep = cli.args[0];
	today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_WRITE);
	reps = store_load(s, "reps.tsv");
	if ((row = roster_find_rep(reps, rep)) < 0 || training_rep_ended(reps, row)) {
		if (row < 0)
			snprintf(why, sizeof why, "unknown rep '%.64s' (rep-list --all shows "
			    "every rep)", rep);
		else
			snprintf(why, sizeof why, "rep '%s' has ended (%s since %s): courses "
			    "go to active reps only", rep,
			    table_cell(reps, (size_t)row, "status"),
			    table_cell(reps, (size_t)row, "ended"));
		/* Freed first, so that LeakSanitizer stays quiet on the way out. */
		table_free(reps);
		store_close(s);
		die("%s", why);
	}
	courses = store_load(s, "courses.tsv");
	training = store_load(s, "training.tsv");

	first = training->nrows;
	added = training_onboard(courses, training, reps, (size_t)row, start, today);
	/* The plan is printed once it is committed, from a copy: txn_table
	 * sorts training. */
	plan = plan_of(training, first, courses, rep);
	txn_begin(&x, s, cli.dry_run);
	training_log(&x, training, first);
	if (added)
		txn_table(&x, &schema_training, training);
	txn_commit(&x);
	if (!cli.dry_run)
		list_columns(cols, NCOLS, plan, &cli, NULL, NULL);
	else
		close_stdout();
	if (!cli.dry_run)
		cli_done(&cli, "assigned %zu course%s to rep %s", added, added == 1 ? "" : "s",
		    rep);
	table_free(plan);
	table_free(training);
	table_free(courses);
	table_free(reps);
	store_close(s);
	return 0;
}
