/* course-list: the training catalogue, filtered by kind or skill; its
 * columns are courses.tsv's, so it feeds course-add --from - elsewhere. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "out.h"
#include "schema.h"
#include "store.h"
#include "xalloc.h"

static const char usage[] =
    "usage: course-list [--kind K] [--skill S] [-o FORMAT] [--no-header] [-D DIR]\n";

enum { OPT_KIND = CLI_OWN, OPT_SKILL };

/* Is column col of row want?  A filter not given (NULL) always is. */
static int
is(const struct table *t, size_t row, const char *col, const char *want)
{
	return !want || strcmp(table_get(t, row, table_col(t, col)), want) == 0;
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_REPORT,
		{ "kind", required_argument, NULL, OPT_KIND },
		{ "skill", required_argument, NULL, OPT_SKILL },
		{ 0 }
	};
	const struct coldef *kind = &schema_courses.cols[schema_col(&schema_courses, "kind")];
	const char *want_kind = NULL, *want_skill = NULL, **v;
	struct cli cli = { 0 };
	struct table *courses;
	struct out_col *cols;
	struct store *s;
	struct out *o;
	size_t ncols, i, j;
	int c, key, *col;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:ho:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_KIND: want_kind = optarg; break;
		case OPT_SKILL: want_skill = optarg; break;
		default: cli_common(&cli, c, usage);
		}
	}
	if (optind != argc)
		die_usage(usage);
	/* A kind that can never match is a typo, not an empty answer. */
	if (want_kind && (!*want_kind || schema_check_value(kind, want_kind))) {
		warn("invalid kind '%.64s': want onboarding, policy, product or skill",
		    want_kind);
		die_usage(usage);
	}

	s = store_open(cli.data_dir, STORE_READ);
	courses = store_load(s, "courses.tsv");
	if ((key = table_col(courses, "course")) >= 0)
		table_sort(courses, &key, 1);

	/* courses.tsv's own columns in their order, then a user's, as they are. */
	ncols = schema_out_cols(&schema_courses, courses, &cols, &col);

	v = xreallocarray(NULL, ncols, sizeof *v);
	o = out_start(out_resolve(cli.format), cols, ncols, cli.no_header);
	for (i = 0; i < courses->nrows; i++) {
		if (!is(courses, i, "kind", want_kind) || !is(courses, i, "skill", want_skill))
			continue;
		for (j = 0; j < ncols; j++)
			v[j] = table_get(courses, i, col[j]);
		out_row(o, v);
	}
	out_end(o);
	close_stdout();
	free(v);
	free(col);
	free(cols);
	table_free(courses);
	store_close(s);
	return 0;
}
