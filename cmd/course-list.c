/* course-list: the training catalogue, filtered by kind or skill; its
 * columns are courses.tsv's, so it feeds course-add --from - elsewhere. */
#include <stdio.h>

#include "cli.h"
#include "err.h"
#include "list.h"
#include "schema.h"
#include "store.h"

static const char usage[] =
    "usage: course-list [--kind K] [--skill S] [-o FORMAT] [--no-header] [--raw]\n"
    "                   [--columns LIST] [--color WHEN] [-D DIR]\n";

static struct cli cli;
static const char *kind, *skill;
static const struct cli_opt options[] = {
	CLI_OPT("kind", "K", &kind, "only the courses of kind K (onboarding, policy, ...)"),
	CLI_OPT("skill", "S", &skill, "only the courses that train skill S"),
	CLI_OPTS_REPORT, CLI_OPT_DATA_DIR,
	CLI_END
};
static const struct list_where where[] = {
	{ "kind", &kind }, { "skill", &skill }, { NULL, NULL }
};

int
main(int argc, char *argv[])
{
	const struct coldef *kinds = &schema_courses.cols[schema_col(&schema_courses, "kind")];
	struct table *courses;
	struct store *s;
	int key;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv))
		cli_usage(&cli);
	/* A kind that can never match is a typo, not an empty answer. */
	if (kind && (!*kind || schema_check_value(kinds, kind)))
		cli_usage_error(&cli, "invalid kind '%.64s': want onboarding, policy, product "
		    "or skill", kind);

	s = store_open(cli.data_dir, STORE_READ);
	courses = store_load(s, "courses.tsv");
	if ((key = table_col(courses, "course")) >= 0)
		table_sort(courses, &key, 1);

	list_schema(&schema_courses, courses, &cli, list_where, where);
	table_free(courses);
	store_close(s);
	return 0;
}
