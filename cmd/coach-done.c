/* coach-done: close the follow-ups of coaching notes. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "coach.h"
#include "date.h"
#include "err.h"
#include "id.h"
#include "input.h"
#include "schema.h"
#include "store.h"
#include "txn.h"

static const char usage[] =
    "usage: coach-done NOTE [--date DATE] [-nq] [-D DIR] [--today DATE]\n"
    "       coach-done --from FILE [--date DATE] [-nq] [-D DIR] [--today DATE]\n";

/* kind is read only to learn whether the input lists notes (below). */
enum { F_NOTE, F_DATE, F_KIND, NFIELDS };
static const char *const fields[NFIELDS] = { "note", "date", "kind" };

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("date", "DATE", &opt[F_DATE], "the day the follow-up was done (default today)"),
	CLI_OPTS_WRITE, CLI_OPT_FROM, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

/*
 * The row of the note whose follow-up is done on when (today if empty),
 * with date set to it; -1 if the note or the date is wrong (reported).
 */
static long
check_note(struct input *in, const struct table *notes, const char *note,
	   const char *when, date_t today, char *date)
{
	char t[DATE_BUFSZ];
	const char *was;
	date_t d, made;
	long row;

	if (!note || !*note) {
		input_error(in, "no note given");
		return -1;
	}
	if ((was = genid_check(note, 'N'))) {
		input_error(in, "note '%.64s' %s", note, was);
		return -1;
	}
	if ((row = coach_find(notes, note)) < 0) {
		input_error(in, "unknown note '%s' (see coach-list)", note);
		return -1;
	}
	if (!*table_cell(notes, (size_t)row, "follow_up")) {
		input_error(in, "note %s has no follow-up", note);
		return -1;
	}
	if (*(was = table_cell(notes, (size_t)row, "done"))) {
		input_error(in, "note %s is already done (%s)", note, was);
		return -1;
	}
	d = today;
	if (when && *when && date_parse(when, &d) < 0) {
		input_error(in, "date '%.64s' is not a date (YYYY-MM-DD)", when);
		return -1;
	}
	date_format(d, date);
	if (d > today) {
		input_error(in, "date %s is after today (%s)", date, date_format(today, t));
		return -1;
	}
	was = table_cell(notes, (size_t)row, "date");
	if (date_parse(was, &made) == 0 && d < made) {
		input_error(in, "date %s is before note %s's date (%s)", date, note, was);
		return -1;
	}
	return row;
}

int
main(int argc, char *argv[])
{
	const char *v[NFIELDS], *when;
	char date[DATE_BUFSZ];
	struct table *notes;
	struct store *s;
	struct input *in;
	struct txn x;
	date_t today;
	long row;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	cli_record(&cli, opt, F_NOTE, -1);
	today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_WRITE);
	notes = store_load(s, "notes.tsv");
	txn_begin(&x, s, cli.dry_run);
	in = cli_input(&cli, fields, NFIELDS, INPUT_ACT);
	while (input_next(in, opt, v)) {
		/* A list of notes (coach-list) has their dates, not the day done. */
		when = opt[F_DATE] || !input_has(in, F_KIND) ? v[F_DATE] : NULL;
		if ((row = check_note(in, notes, v[F_NOTE], when, today, date)) < 0)
			continue;
		table_set(notes, (size_t)row, table_col(notes, "done"), date);
		txn_log(&x, "close follow-up of note %s (%s, due %s) on %s", v[F_NOTE],
		    table_cell(notes, (size_t)row, "rep"),
		    table_cell(notes, (size_t)row, "follow_up"), date);
	}
	if (input_close(in))
		die("nothing was changed");
	txn_table(&x, &schema_notes, notes);
	txn_commit(&x);
	close_stdout();
	if (!cli.dry_run)
		cli_done(&cli, "closed %zu follow-up%s", x.changes, x.changes == 1 ? "" : "s");
	table_free(notes);
	store_close(s);
	return 0;
}
