/* course-add: add courses to the training catalogue, from options or --from FILE. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "input.h"
#include "schema.h"
#include "store.h"
#include "training.h"
#include "txn.h"

static const char usage[] =
    "usage: course-add COURSE --title T [--kind onboarding|policy|product|skill]\n"
    "                  [--skill S] [--hours H] [--due-days N] [--valid-days N]\n"
    "                  [--pass-score N] [--required all|new|role:ROLE|none] [-nq]\n"
    "                  [-D DIR] [--today DATE]\n"
    "       course-add --from FILE [--ignore-extra] [-nq] [-D DIR] [--today DATE]\n";

/* The columns of courses.tsv; the options spell due_days --due-days. */
enum { F_COURSE, F_TITLE, F_KIND, F_SKILL, F_HOURS, F_DUE_DAYS, F_VALID_DAYS,
	F_PASS_SCORE, F_REQUIRED, NFIELDS };
static const char *const fields[NFIELDS] = {
	"course", "title", "kind", "skill", "hours", "due_days", "valid_days",
	"pass_score", "required"
};

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_WRITE, CLI_FROM,
		{ "title", required_argument, NULL, CLI_OWN + F_TITLE },
		{ "kind", required_argument, NULL, CLI_OWN + F_KIND },
		{ "skill", required_argument, NULL, CLI_OWN + F_SKILL },
		{ "hours", required_argument, NULL, CLI_OWN + F_HOURS },
		{ "due-days", required_argument, NULL, CLI_OWN + F_DUE_DAYS },
		{ "valid-days", required_argument, NULL, CLI_OWN + F_VALID_DAYS },
		{ "pass-score", required_argument, NULL, CLI_OWN + F_PASS_SCORE },
		{ "required", required_argument, NULL, CLI_OWN + F_REQUIRED },
		{ 0 }
	};
	const char *opt[NFIELDS] = { 0 }, *v[NFIELDS], *why;
	struct cli cli = { 0 };
	struct table *courses;
	struct store *s;
	struct input *in;
	struct txn x;
	size_t i, first, row;
	int c;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:hnq", opts, NULL)) != -1) {
		if (c >= CLI_OWN + F_TITLE && c < CLI_OWN + NFIELDS)
			opt[c - CLI_OWN] = optarg;
		else
			cli_common(&cli, c, usage);
	}
	if (cli.from ? optind != argc : optind != argc - 1)
		die_usage(usage);
	if (!cli.from)
		opt[F_COURSE] = argv[optind];
	date_today(cli.today);	/* a malformed --today is a usage error everywhere */

	s = store_open(cli.data_dir, STORE_WRITE);
	courses = store_load(s, "courses.tsv");
	first = courses->nrows;
	in = input_open(cli.from, fields, NFIELDS,
	    cli.ignore_extra ? INPUT_CREATE | INPUT_IGNORE_EXTRA : INPUT_CREATE);
	while (input_next(in, opt, v)) {
		if (!v[F_COURSE] || !*v[F_COURSE]) {
			input_error(in, "no course id given");
			continue;
		}
		if (!v[F_TITLE] || !*v[F_TITLE]) {
			input_error(in, "course '%.64s': no title given (use --title)",
			    v[F_COURSE]);
			continue;
		}
		if (input_check(in, &schema_courses, fields, v))
			continue;
		if (v[F_REQUIRED] && (why = training_required_check(v[F_REQUIRED]))) {
			input_error(in, "required '%.64s' %s", v[F_REQUIRED], why);
			continue;
		}
		if (v[F_VALID_DAYS] && strcmp(v[F_VALID_DAYS], "0") == 0) {
			input_error(in, "course '%s': valid_days must be at least 1 (leave it "
			    "out for a course that does not expire)", v[F_COURSE]);
			continue;
		}
		if (table_find(courses, table_col(courses, "course"), v[F_COURSE]) >= 0) {
			input_error(in, "course '%s' already exists (see course-list)",
			    v[F_COURSE]);
			continue;
		}
		row = table_add_row(courses);
		for (i = 0; i < NFIELDS; i++)
			if (v[i])
				table_set(courses, row, table_col_add(courses, fields[i]), v[i]);
	}
	if (input_close(in))
		die("nothing was changed");

	txn_begin(&x, s, cli.dry_run);
	for (i = first; i < courses->nrows; i++)
		txn_log(&x, "add course %s", table_get(courses, i, table_col(courses, "course")));
	txn_table(&x, &schema_courses, courses);
	txn_commit(&x);
	close_stdout();
	if (!cli.dry_run)
		cli_done(&cli, "added %zu course%s", x.changes, x.changes == 1 ? "" : "s");
	table_free(courses);
	store_close(s);
	return 0;
}
