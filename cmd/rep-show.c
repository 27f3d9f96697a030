/* rep-show: one rep's record, with their team, manager and direct reports,
 * as (field, value) rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "buf.h"
#include "cli.h"
#include "coach.h"
#include "config.h"
#include "date.h"
#include "diagnose.h"
#include "err.h"
#include "out.h"
#include "quota.h"
#include "roster.h"
#include "schema.h"
#include "scorecard.h"
#include "store.h"
#include "suggest.h"
#include "training.h"
#include "xalloc.h"

static const char usage[] =
    "usage: rep-show REP [-o FORMAT] [--no-header] [--raw] [--columns LIST]\n"
    "                [--color WHEN] [-D DIR] [--today DATE]\n";

static struct cli cli;
static const struct cli_opt options[] = {
	CLI_OPTS_REPORT, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

static const struct out_col cols[] = { { "field", OUT_TEXT, 1 }, { "value", OUT_TEXT, 2 } };

static void
show(struct out *o, const char *field, const char *value)
{
	const char *v[2] = { field, value };

	out_row(o, v);
}

/* account_owned()'s rows go out as they come. */
static void
show_owned(void *o, const char *field, const char *value)
{
	show(o, field, value);
}

/* Column col of the row whose column key is value, or "". */
static const char *
lookup(const struct table *t, const char *key, const char *value, const char *col)
{
	long row;

	if (!*value || (row = table_find(t, table_col(t, key), value)) < 0)
		return "";
	return table_cell(t, row, col);
}

/* The active reps whose manager is rep, in id order, comma-separated. */
static void
direct_reports(const struct table *reps, const char *rep, struct buf *b)
{
	int rc = table_col(reps, "rep"), mc = table_col(reps, "manager"),
	    sc = table_col(reps, "status");
	size_t i;

	for (i = 0; i < reps->nrows; i++) {
		if (strcmp(table_get(reps, i, mc), rep) != 0 ||
		    strcmp(table_get(reps, i, sc), "active") != 0)
			continue;
		if (b->len > 0)
			buf_addc(b, ',');
		buf_adds(b, table_get(reps, i, rc));
	}
}

/* Days from hired to today, or to the end date for a rep who is gone (one
 * on leave is still on the payroll); "" when hired is not a date (a
 * hand-edited file that sales-check would report). */
static void
tenure_days(const struct table *reps, long row, date_t today, struct buf *b)
{
	date_t from, to = today;

	if (date_parse(table_cell(reps, row, "hired"), &from) < 0)
		return;
	if (strcmp(table_cell(reps, row, "status"), "gone") == 0)
		date_parse(table_cell(reps, row, "ended"), &to);
	buf_printf(b, "%ld", (long)to - (long)from);
}

/* The rep's weak spots over rep-diagnose's default window, against the
 * peers of the same role and kind, each with its skill and course. */
static void
weak_spots(struct store *s, const char *rep, date_t today, const struct table *cfg,
	   const struct table *reps, const struct table *teams, struct out *o)
{
	struct diagnose_options opt = { .today = today, .peers = PEERS_ROLE,
	    .fiscal_year_start = config_fiscal_start(cfg), .reps = reps, .teams = teams,
	    .config = cfg };
	struct diagnose_row *rows;
	struct diagnosis *dg;
	struct buf b = BUF_INIT;
	char v[OUT_NUMSZ], m[OUT_NUMSZ];
	size_t i, n;

	dg = diagnose_run(s, &opt);
	rows = xcalloc(diagnose_nmetrics(dg) + 1, sizeof *rows);
	n = diagnose_known(dg, rep) ? diagnose_rows(dg, rep, rows) : 0;
	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].verdict, "weak") != 0)
			continue;
		buf_reset(&b);
		buf_printf(&b, "%s %s (peers %s)", rows[i].metric,
		    rows[i].value.has ? out_number(rows[i].value.unit, rows[i].value.v, v) : "",
		    rows[i].median.has ? out_number(rows[i].median.unit, rows[i].median.v, m) : "");
		if (*rows[i].skill)
			buf_printf(&b, ": %s", rows[i].skill);
		if (*rows[i].course)
			buf_printf(&b, ", course %s", rows[i].course);
		show(o, "weak", b.data);
	}
	buf_free(&b);
	free(rows);
	diagnose_free(dg);
}

int
main(int argc, char *argv[])
{
	char hint[SUGGEST_BUFSZ];
	struct buf reports = BUF_INIT, tenure = BUF_INIT;
	struct table *cfg, *reps, *teams, *accounts, *courses, *training, *quotas;
	struct quota_index *qi;
	struct coach_row *extra;
	size_t nextra, k;
	const char *rep, *name;
	struct store *s;
	struct out *o;
	date_t today;
	size_t j;
	long row;
	int key;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv) != 1)
		cli_usage(&cli);
	rep = cli.args[0];
	today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_READ);
	reps = store_load(s, "reps.tsv");
	teams = store_load(s, "teams.tsv");
	cfg = config_load(s);	/* the currency, for the potential */
	accounts = store_load(s, "accounts.tsv");
	courses = store_load(s, "courses.tsv");
	training = store_load(s, "training.tsv");
	/* Direct reports in id order, even from a hand-edited file. */
	if ((key = table_col(reps, "rep")) >= 0)
		table_sort(reps, &key, 1);
	if ((row = roster_find_rep(reps, rep)) < 0)
		die("unknown rep '%.64s' (%s)", rep,
		    suggest(reps, "rep", "name", rep,
		    "rep-list --all shows every rep", hint));

	o = out_start(out_resolve(cli.format), cols, 2, cli.no_header);
	/* reps.tsv's own columns in their order, then a user's. */
	for (j = 0; j < schema_reps.ncols; j++) {
		name = schema_reps.cols[j].name;
		show(o, name, table_cell(reps, row, name));
	}
	for (j = 0; j < reps->ncols; j++)
		if (schema_col(&schema_reps, reps->cols[j]) < 0)
			show(o, reps->cols[j], table_get(reps, (size_t)row, (int)j));
	show(o, "team_name", lookup(teams, "team", table_cell(reps, row, "team"), "name"));
	show(o, "manager_name", lookup(reps, "rep", table_cell(reps, row, "manager"), "name"));
	direct_reports(reps, rep, &reports);
	show(o, "direct_reports", reports.len ? reports.data : "");
	tenure_days(reps, row, today, &tenure);
	show(o, "tenure_days", tenure.len ? tenure.data : "");
	/* rep's quota rows alone for its quarter (found, not read through) */
	quotas = quota_load_rep(s, rep);
	qi = quota_index_new(quotas);
	scorecard_show(s, reps, teams, qi, rep, today, show_owned, o);
	account_owned(accounts, rep, show_owned, o);
	training_show(courses, training, reps, rep, today, show_owned, o);
	/* The latest notes, open follow-ups, then the weak spots. */
	nextra = coach_show(s, rep, today, &extra);
	for (k = 0; k < nextra; k++)
		show(o, extra[k].field, extra[k].value);
	coach_rows_free(extra, nextra);
	weak_spots(s, rep, today, cfg, reps, teams, o);
	out_end(o);
	close_stdout();
	buf_free(&reports);
	buf_free(&tenure);
	quota_index_free(qi);
	table_free(quotas);
	table_free(training);
	table_free(courses);
	table_free(accounts);
	table_free(cfg);
	table_free(teams);
	table_free(reps);
	store_close(s);
	return 0;
}
