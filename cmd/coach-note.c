/* coach-note: write coaching notes, with an optional follow-up date. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "coach.h"
#include "date.h"
#include "err.h"
#include "input.h"
#include "roster.h"
#include "schema.h"
#include "seq.h"
#include "store.h"
#include "txn.h"

static const char usage[] =
    "usage: coach-note REP TEXT [--kind KIND] [--follow-up DATE] [--date DATE]\n"
    "                  [-nq] [-D DIR] [--today DATE]\n"
    "       coach-note --from FILE [--ignore-extra] [-nq] [-D DIR] [--today DATE]\n";

enum { F_REP, F_TEXT, F_KIND, F_FOLLOW_UP, F_DATE, NFIELDS };
/* The input's columns are notes.tsv's: follow_up for --follow-up. */
static const char *const fields[NFIELDS] = { "rep", "text", "kind", "follow_up", "date" };

/* The note's date and follow-up, checked; 0 or -1 (reported). */
static int
dates(struct input *in, const char *const *v, date_t today, char *date, char *follow)
{
	char t[DATE_BUFSZ];
	date_t d = today, f;

	*follow = '\0';
	if (v[F_DATE] && *v[F_DATE] && date_parse(v[F_DATE], &d) < 0) {
		input_error(in, "date '%.64s' is not a date (YYYY-MM-DD)", v[F_DATE]);
		return -1;
	}
	date_format(d, date);
	if (d > today) {
		input_error(in, "date %s is after today (%s)", date, date_format(today, t));
		return -1;
	}
	if (!v[F_FOLLOW_UP] || !*v[F_FOLLOW_UP])
		return 0;
	/* +7d counts from the note's date, so a late entry keeps its rhythm. */
	if (date_relative(v[F_FOLLOW_UP], d, &f) < 0) {
		input_error(in, "follow-up '%.64s' is not a date (YYYY-MM-DD, +7d, +2w or +1m)",
		    v[F_FOLLOW_UP]);
		return -1;
	}
	date_format(f, follow);
	if (f < d) {
		input_error(in, "follow-up %s is before the note's date (%s)", follow, date);
		return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_WRITE, CLI_FROM,
		{ "kind", required_argument, NULL, CLI_OWN + F_KIND },
		{ "follow-up", required_argument, NULL, CLI_OWN + F_FOLLOW_UP },
		{ "date", required_argument, NULL, CLI_OWN + F_DATE },
		{ 0 }
	};
	const char *opt[NFIELDS] = { 0 }, *v[NFIELDS], *check[NFIELDS];
	char date[DATE_BUFSZ], follow[DATE_BUFSZ], id[32];
	struct cli cli = { 0 };
	struct table *reps, *notes, *ids;
	struct store *s;
	struct input *in;
	struct txn x;
	long long first, n = 0, i;
	date_t today;
	size_t row, k;
	int c;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:hnq", opts, NULL)) != -1) {
		if (c >= CLI_OWN + F_KIND && c < CLI_OWN + NFIELDS)
			opt[c - CLI_OWN] = optarg;
		else
			cli_common(&cli, c, usage);
	}
	if (cli.from ? optind != argc : optind != argc - 2)
		die_usage(usage);
	if (!cli.from) {
		opt[F_REP] = argv[optind];
		opt[F_TEXT] = argv[optind + 1];
	}
	today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_WRITE);
	reps = store_load(s, "reps.tsv");
	notes = store_load(s, "notes.tsv");
	ids = store_load(s, "ids.tsv");
	/* Reserving none tells where the numbers start. */
	first = seq_reserve(ids, "note", 0);
	in = input_open(cli.from, fields, NFIELDS,
	    cli.ignore_extra ? INPUT_CREATE | INPUT_IGNORE_EXTRA : INPUT_CREATE);
	while (input_next(in, opt, v)) {
		if (!v[F_KIND] || !*v[F_KIND])
			v[F_KIND] = opt[F_KIND] ? opt[F_KIND] : COACH_DEFAULT_KIND;
		if (!v[F_REP] || !*v[F_REP]) {
			input_error(in, "no rep given");
			continue;
		}
		if (!v[F_TEXT] || !*v[F_TEXT]) {
			input_error(in, "note for '%.64s': no text given", v[F_REP]);
			continue;
		}
		if (!coach_kind_valid(v[F_KIND])) {
			input_error(in, "kind '%.64s' is not one of %s", v[F_KIND], COACH_KINDS);
			continue;
		}
		/* follow_up may be "+7d": dates() checks it. */
		memcpy(check, v, sizeof check);
		check[F_FOLLOW_UP] = NULL;
		if (input_check(in, &schema_notes, fields, check))
			continue;
		if (roster_find_rep(reps, v[F_REP]) < 0) {
			input_error(in, "unknown rep '%s' (add it with rep-add)", v[F_REP]);
			continue;
		}
		if (dates(in, v, today, date, follow) < 0)
			continue;
		snprintf(id, sizeof id, "N%lld", first + n++);
		row = table_add_row(notes);
		table_set(notes, row, table_col(notes, "note"), id);
		table_set(notes, row, table_col(notes, "date"), date);
		for (k = 0; k < NFIELDS; k++)
			if (k != F_DATE && k != F_FOLLOW_UP)
				table_set(notes, row, table_col(notes, fields[k]), v[k]);
		table_set(notes, row, table_col(notes, "follow_up"), follow);
	}
	if (input_close(in))
		die("nothing was changed");

	txn_begin(&x, s, cli.dry_run);
	/* ids.tsv first: a crash before notes.tsv only skips numbers. */
	if (n) {
		if (seq_reserve(ids, "note", (size_t)n) != first)
			die("internal error: ids.tsv changed under the lock");
		txn_table(&x, &schema_ids, ids);
	}
	for (i = 0; i < n; i++) {
		row = notes->nrows - (size_t)n + (size_t)i;
		txn_log(&x, "add note N%lld (%s, %s%s%s)", first + i,
		    table_get(notes, row, table_col(notes, "rep")),
		    table_get(notes, row, table_col(notes, "kind")),
		    *table_get(notes, row, table_col(notes, "follow_up")) ? ", follow-up " : "",
		    table_get(notes, row, table_col(notes, "follow_up")));
	}
	txn_table(&x, &schema_notes, notes);
	txn_commit(&x);
	if (!cli.dry_run)
		for (i = 0; i < n; i++)
			printf("N%lld\n", first + i);
	close_stdout();
	if (!cli.dry_run)
		cli_done(&cli, "added %lld note%s", n, n == 1 ? "" : "s");
	table_free(ids);
	table_free(notes);
	table_free(reps);
	store_close(s);
	return 0;
}
