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
#include "suggest.h"

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

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("kind", "KIND", &opt[F_KIND], "1on1, observation, praise, warning or pip (default "
	    COACH_DEFAULT_KIND ")"),
	CLI_OPT("follow-up", "DATE", &opt[F_FOLLOW_UP], "when to follow it up: a date or +7d"),
	CLI_OPT("date", "DATE", &opt[F_DATE], "the day of the note (default today)"),
	CLI_OPTS_WRITE, CLI_OPTS_FROM_NEW, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

/* Check one note, reporting its first problem; 1 if bad.  date and follow
 * get its dates. */
static int
bad_note(struct input *in, const struct table *reps, const char **v, date_t today,
	 char *date, char *follow)
{
	char hint[SUGGEST_BUFSZ];
	const char *check[NFIELDS];

	if (!v[F_KIND] || !*v[F_KIND])
		v[F_KIND] = opt[F_KIND] ? opt[F_KIND] : COACH_DEFAULT_KIND;
	if (!v[F_REP] || !*v[F_REP]) {
		input_error(in, "no rep given");
		return 1;
	}
	if (!v[F_TEXT] || !*v[F_TEXT]) {
		input_error(in, "note for '%.64s': no text given", v[F_REP]);
		return 1;
	}
	if (!coach_kind_valid(v[F_KIND])) {
		input_error(in, "kind '%.64s' is not one of %s", v[F_KIND], COACH_KINDS);
		return 1;
	}
	/* follow_up may be "+7d": dates() checks it. */
	memcpy(check, v, sizeof check);
	check[F_FOLLOW_UP] = NULL;
	if (input_check(in, &schema_notes, fields, check))
		return 1;
	if (roster_find_rep(reps, v[F_REP]) < 0) {
		input_error(in, "unknown rep '%s' (%s)", v[F_REP],
		    suggest(reps, "rep", "name", v[F_REP], "add it with rep-add", hint));
		return 1;
	}
	return dates(in, v, today, date, follow) < 0;
}

/* Write the n new notes, numbered from first, the last rows of notes. */
static void
commit(struct store *s, struct table *ids, struct table *notes, long long first,
       long long n)
{
	struct txn x;
	long long i;
	size_t row;

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
		    table_cell(notes, row, "rep"), table_cell(notes, row, "kind"),
		    *table_cell(notes, row, "follow_up") ? ", follow-up " : "",
		    table_cell(notes, row, "follow_up"));
	}
	txn_table(&x, &schema_notes, notes);
	txn_commit(&x);
	if (!cli.dry_run)
		for (i = 0; i < n; i++)
			printf("N%lld\n", first + i);
}

int
main(int argc, char *argv[])
{
	const char *v[NFIELDS];
	char date[DATE_BUFSZ], follow[DATE_BUFSZ], id[32];
	struct table *reps, *notes, *ids;
	struct store *s;
	struct input *in;
	long long first, n = 0;
	date_t today;
	size_t row, k;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	cli_record(&cli, opt, F_REP, F_TEXT, -1);
	today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_WRITE);
	reps = roster_load_for(s, cli.from ? NULL : opt[F_REP]);
	notes = store_load(s, "notes.tsv");
	ids = store_load(s, "ids.tsv");
	/* Past every note there, whatever ids.tsv says; reserving none tells
	 * where the numbers start. */
	seq_past(ids, "note", seq_max(notes, "note", 'N'));
	first = seq_reserve(ids, "note", 0);
	in = cli_input(&cli, fields, NFIELDS, INPUT_CREATE);
	while (input_next(in, opt, v)) {
		if (bad_note(in, reps, v, today, date, follow))
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

	commit(s, ids, notes, first, n);
	close_stdout();
	if (!cli.dry_run)
		cli_done(&cli, "added %lld note%s", n, n == 1 ? "" : "s");
	table_free(ids);
	table_free(notes);
	table_free(reps);
	store_close(s);
	return 0;
}
