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

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_WRITE, CLI_FROM,
		{ "date", required_argument, NULL, CLI_OWN + F_DATE },
		{ 0 }
	};
	const char *opt[NFIELDS] = { 0 }, *v[NFIELDS], *note, *when, *was;
	char date[DATE_BUFSZ], t[DATE_BUFSZ];
	struct cli cli = { 0 };
	struct table *notes;
	struct store *s;
	struct input *in;
	struct txn x;
	date_t today, d, made;
	long row;
	int c, dc;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:hnq", opts, NULL)) != -1) {
		if (c == CLI_OWN + F_DATE)
			opt[F_DATE] = optarg;
		else
			cli_common(&cli, c, usage);
	}
	if (cli.from ? optind != argc : optind != argc - 1)
		die_usage(usage);
	if (!cli.from)
		opt[F_NOTE] = argv[optind];
	today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_WRITE);
	notes = store_load(s, "notes.tsv");
	dc = table_col(notes, "done");
	txn_begin(&x, s, cli.dry_run);
	in = input_open(cli.from, fields, NFIELDS, INPUT_ACT);
	while (input_next(in, opt, v)) {
		note = v[F_NOTE];
		/* A list of notes (coach-list) has their dates, not the day done. */
		when = opt[F_DATE] || !input_has(in, F_KIND) ? v[F_DATE] : NULL;
		if (!note || !*note) {
			input_error(in, "no note given");
			continue;
		}
		if ((was = genid_check(note, 'N'))) {
			input_error(in, "note '%.64s' %s", note, was);
			continue;
		}
		if ((row = coach_find(notes, note)) < 0) {
			input_error(in, "unknown note '%s' (see coach-list)", note);
			continue;
		}
		if (!*table_get(notes, (size_t)row, table_col(notes, "follow_up"))) {
			input_error(in, "note %s has no follow-up", note);
			continue;
		}
		if (*(was = table_get(notes, (size_t)row, dc))) {
			input_error(in, "note %s is already done (%s)", note, was);
			continue;
		}
		d = today;
		if (when && *when && date_parse(when, &d) < 0) {
			input_error(in, "date '%.64s' is not a date (YYYY-MM-DD)", when);
			continue;
		}
		date_format(d, date);
		if (d > today) {
			input_error(in, "date %s is after today (%s)", date, date_format(today, t));
			continue;
		}
		if (date_parse(table_get(notes, (size_t)row, table_col(notes, "date")), &made) == 0 &&
		    d < made) {
			input_error(in, "date %s is before note %s's date (%s)", date, note,
			    table_get(notes, (size_t)row, table_col(notes, "date")));
			continue;
		}
		table_set(notes, (size_t)row, dc, date);
		txn_log(&x, "close follow-up of note %s (%s, due %s) on %s", note,
		    table_get(notes, (size_t)row, table_col(notes, "rep")),
		    table_get(notes, (size_t)row, table_col(notes, "follow_up")), date);
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
