/* rep-end: a rep leaves or goes on leave; the row stays, with status and end date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "err.h"
#include "input.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "txn.h"
#include "xalloc.h"
#include "suggest.h"

static const char usage[] =
    "usage: rep-end REP [--date DATE] [--status leave|gone] [-nq] [-D DIR]\n"
    "               [--today DATE]\n"
    "       rep-end --from FILE [--date DATE] [--status leave|gone] [-nq] [-D DIR]\n"
    "               [--today DATE]\n";

enum { F_REP, F_DATE, F_STATUS, NFIELDS };
static const char *const fields[NFIELDS] = { "rep", "date", "status" };

static int
ending_status(const char *s)
{
	return strcmp(s, "leave") == 0 || strcmp(s, "gone") == 0;
}

/* Check that rep may end on date with status; 1 if not (already reported). */
static int
check_end(struct input *in, const struct table *reps, long row, const char *rep,
	  const char *date, const char *status, const char *today)
{
	char hint[SUGGEST_BUFSZ];
	const char *now, *ended, *hired;
	date_t d;

	if (row < 0) {
		input_error(in, "unknown rep '%.64s' (%s)", rep, suggest(reps, "rep", "name", rep,
		    "rep-list --all shows every rep", hint));
		return 1;
	}
	now = table_get(reps, (size_t)row, table_col(reps, "status"));
	ended = table_get(reps, (size_t)row, table_col(reps, "ended"));
	hired = table_get(reps, (size_t)row, table_col(reps, "hired"));
	if (strcmp(now, "gone") == 0) {
		input_error(in, "rep '%s' has already left (ended %s)", rep, ended);
		return 1;
	}
	if (strcmp(now, "leave") == 0 && strcmp(status, "leave") == 0) {
		input_error(in, "rep '%s' is already on leave (since %s)", rep, ended);
		return 1;
	}
	if (!ending_status(status)) {
		input_error(in, "status '%.64s': want leave or gone (or give --status for "
		    "every row)", status);
		return 1;
	}
	if (date_parse(date, &d) < 0) {
		input_error(in, "date '%.64s' is not a date (YYYY-MM-DD)", date);
		return 1;
	}
	/* ISO dates compare as text. */
	if (strcmp(date, hired) < 0) {
		input_error(in, "rep '%s': date '%s' is before hired (%s)", rep, date, hired);
		return 1;
	}
	if (strcmp(date, today) > 0) {
		input_error(in, "rep '%s': date '%s' is after today (%s)", rep, date, today);
		return 1;
	}
	return 0;
}

/* Ending a manager is allowed, but their active reports need a new one. */
static void
warn_reports(const struct table *reps, const char *rep)
{
	int mc = table_col(reps, "manager"), sc = table_col(reps, "status");
	int rc = table_col(reps, "rep");
	struct buf who = BUF_INIT;
	size_t i;

	for (i = 0; i < reps->nrows; i++)
		if (strcmp(table_get(reps, i, mc), rep) == 0 &&
		    strcmp(table_get(reps, i, sc), "active") == 0)
			buf_printf(&who, "%s%s", who.len ? ", " : "", table_get(reps, i, rc));
	if (who.len)
		warn("rep '%s' still manages %s (give them a new manager with "
		    "rep-edit REP --manager)", rep, who.data);
	buf_free(&who);
}

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("date", "DATE", &opt[F_DATE], "the last day (default today)"),
	CLI_OPT("status", "STATUS", &opt[F_STATUS], "leave or gone (default gone)"),
	CLI_OPTS_WRITE, CLI_OPT_FROM, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

/* Write the reps this run ended (ended[row]), n of them, with their audit lines. */
static void
commit(struct store *s, struct table *reps, const char *ended, size_t n)
{
	struct txn x;
	size_t i;

	/* After every row is in, so ending a team together warns about no one. */
	for (i = 0; i < reps->nrows; i++)
		if (ended[i])
			warn_reports(reps, table_get(reps, i, table_col(reps, "rep")));
	txn_begin(&x, s, cli.dry_run);
	for (i = 0; i < reps->nrows; i++)
		if (ended[i])
			txn_log(&x, "end rep %s: status=%s ended=%s",
			    table_get(reps, i, table_col(reps, "rep")),
			    table_get(reps, i, table_col(reps, "status")),
			    table_get(reps, i, table_col(reps, "ended")));
	if (n)
		txn_table(&x, &schema_reps, reps);
	txn_commit(&x);
}

int
main(int argc, char *argv[])
{
	const char *v[NFIELDS];
	char today[DATE_BUFSZ];
	struct table *reps;
	struct store *s;
	struct input *in;
	char *ended;		/* rows ended by this run */
	size_t n = 0;
	long row;
	date_t d;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	cli_record(&cli, opt, F_REP, -1);
	if (opt[F_STATUS] && !ending_status(opt[F_STATUS]))
		cli_usage_error(&cli, "invalid status '%.64s': want leave or gone (rep-edit "
		    "--status active brings a rep back)", opt[F_STATUS]);
	if (opt[F_DATE] && date_parse(opt[F_DATE], &d) < 0)
		cli_usage_error(&cli, "invalid date '%.64s' (want YYYY-MM-DD)", opt[F_DATE]);
	date_format(date_today(cli.today), today);

	s = store_open(cli.data_dir, STORE_WRITE);
	reps = store_load(s, "reps.tsv");
	ended = xcalloc(reps->nrows + 1, 1);
	in = cli_input(&cli, fields, NFIELDS, INPUT_ACT);
	while (input_next(in, opt, v)) {
		if (!v[F_DATE] || !*v[F_DATE])
			v[F_DATE] = today;
		if (!v[F_STATUS] || !*v[F_STATUS])
			v[F_STATUS] = "gone";
		if (!v[F_REP] || !*v[F_REP]) {
			input_error(in, "no rep id given");
			continue;
		}
		row = roster_find_rep(reps, v[F_REP]);
		if (check_end(in, reps, row, v[F_REP], v[F_DATE], v[F_STATUS], today))
			continue;
		table_set(reps, (size_t)row, table_col(reps, "status"), v[F_STATUS]);
		table_set(reps, (size_t)row, table_col(reps, "ended"), v[F_DATE]);
		n += !ended[row];
		ended[row] = 1;
	}
	if (input_close(in))
		die("nothing was changed");

	commit(s, reps, ended, n);
	close_stdout();
	if (!cli.dry_run)
		cli_done(&cli, "ended %zu rep%s", n, n == 1 ? "" : "s");
	free(ended);
	table_free(reps);
	store_close(s);
	return 0;
}
