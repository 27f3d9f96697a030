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

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("title", "T", &opt[F_TITLE], "the course's title (required)"),
	CLI_OPT("kind", "KIND", &opt[F_KIND], "onboarding, policy, product or skill"),
	CLI_OPT("skill", "S", &opt[F_SKILL], "the skill it trains, as rep-diagnose names them"),
	CLI_OPT("hours", "H", &opt[F_HOURS], "how long it takes, in hours"),
	CLI_OPT("due-days", "N", &opt[F_DUE_DAYS], "days from assignment to due date"),
	CLI_OPT("valid-days", "N", &opt[F_VALID_DAYS], "a pass holds for N days (default: for good)"),
	CLI_OPT("pass-score", "N", &opt[F_PASS_SCORE], "the score 0-100 that passes"),
	CLI_OPT("required", "WHO", &opt[F_REQUIRED], "who must take it: all, new, role:ROLE or none"),
	CLI_OPTS_WRITE, CLI_OPTS_FROM_NEW, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

int
main(int argc, char *argv[])
{
	const char *v[NFIELDS], *why;
	struct table *courses;
	struct store *s;
	struct input *in;
	struct txn x;
	size_t i, first, row;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	cli_record(&cli, opt, F_COURSE, -1);
	date_today(cli.today);	/* a malformed --today is a usage error everywhere */

	s = store_open(cli.data_dir, STORE_WRITE);
	courses = store_load(s, "courses.tsv");
	first = courses->nrows;
	in = cli_input(&cli, fields, NFIELDS, INPUT_CREATE);
	while (input_next(in, opt, v)) {
		if (cli_required(in, &schema_courses, fields, v, NFIELDS) ||
		    input_check(in, &schema_courses, fields, v))
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
