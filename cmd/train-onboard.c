/* train-onboard: assign a rep every course their onboarding requires
 * (training.h), and print the plan. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "err.h"
#include "out.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "training.h"
#include "txn.h"

static const char usage[] =
    "usage: train-onboard REP [--start DATE] [-nq] [-o FORMAT] [--no-header]\n"
    "                     [-D DIR] [--today DATE]\n";

enum { OPT_START = CLI_OWN };

static const struct out_col cols[] = {
	{ "rep", OUT_TEXT }, { "course", OUT_TEXT }, { "title", OUT_TEXT },
	{ "assigned", OUT_TEXT }, { "due", OUT_TEXT }
};
enum { NCOLS = sizeof cols / sizeof cols[0] };

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_WRITE, CLI_REPORT,
		{ "start", required_argument, NULL, OPT_START },
		{ 0 }
	};
	struct table *reps, *courses, *training, *plan;
	struct training_course tc;
	date_t today, start = TRAINING_NODATE;
	const char *rep, *v[NCOLS];
	char why[256];
	struct cli cli = { 0 };
	struct store *s;
	struct txn x;
	struct out *o;
	size_t i, j, first, added;
	long row;
	int c;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:hnqo:", opts, NULL)) != -1) {
		if (c != OPT_START)
			cli_common(&cli, c, usage);
		else if (date_parse(optarg, &start) < 0) {
			warn("invalid start '%.64s' (want YYYY-MM-DD)", optarg);
			die_usage(usage);
		}
	}
	if (optind != argc - 1)
		die_usage(usage);
	rep = argv[optind];
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
			    table_get(reps, (size_t)row, table_col(reps, "status")),
			    table_get(reps, (size_t)row, table_col(reps, "ended")));
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
	plan = table_new("plan", (const char *const[]){ "rep", "course", "title",
	    "assigned", "due" }, NCOLS);
	for (i = first; i < training->nrows; i++) {
		j = table_add_row(plan);
		v[1] = table_get(training, i, table_col(training, "course"));
		table_set(plan, j, 0, rep);
		table_set(plan, j, 1, v[1]);
		table_set(plan, j, 2, training_course(courses, v[1], &tc) < 0 ? "" : tc.title);
		table_set(plan, j, 3, table_get(training, i, table_col(training, "assigned")));
		table_set(plan, j, 4, table_get(training, i, table_col(training, "due")));
	}
	txn_begin(&x, s, cli.dry_run);
	training_log(&x, training, first);
	if (added)
		txn_table(&x, &schema_training, training);
	txn_commit(&x);
	if (!cli.dry_run) {
		o = out_start(out_resolve(cli.format), cols, NCOLS, cli.no_header);
		for (i = 0; i < plan->nrows; i++)
			out_row(o, (const char *const *)plan->rows[i]);
		out_end(o);
	}
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
