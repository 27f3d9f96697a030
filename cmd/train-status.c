/* train-status: every assignment with its state and attempts (training.h),
 * with --attempts every attempt, or with --summary the completion and
 * overdue rates per team and per course; -o ics, due dates and certificate
 * expiries as calendar entries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "date.h"
#include "err.h"
#include "html.h"
#include "ics.h"
#include "money.h"
#include "out.h"
#include "roster.h"
#include "org.h"
#include "store.h"
#include "training.h"
#include "xalloc.h"

static const char usage[] =
    "usage: train-status [--rep R] [--team T] [--manager R] [--course C] [--overdue]\n"
    "                    [--due-within N] [--withdrawn] [--attempts | --summary]\n"
    "                    [-o FORMAT] [--no-header] [--raw] [--columns LIST]\n"
    "                    [--color WHEN] [-D DIR] [--today DATE]\n";

static const struct out_col row_cols[] = {
	{ "rep", OUT_TEXT, 1 }, { "course", OUT_TEXT, 1 }, { "assigned", OUT_TEXT, 4 },
	{ "due", OUT_TEXT, 2 }, { "completed", OUT_TEXT, 3 }, { "score", OUT_INT, 4 },
	{ "expires", OUT_TEXT, 3 }, { "state", OUT_STATE, 1 }, { "days_late", OUT_INT, 2 },
	{ "attempts", OUT_INT, 5 }, { "last_attempt", OUT_TEXT, 5 }, { "withdrawn", OUT_TEXT, 6 },
	{ "reason", OUT_TEXT, 6 }
};
#define NROW_COLS (sizeof row_cols / sizeof row_cols[0])
static const struct out_col attempt_cols[] = {
	{ "rep", OUT_TEXT, 1 }, { "course", OUT_TEXT, 1 }, { "assigned", OUT_TEXT, 3 },
	{ "attempt", OUT_INT, 2 }, { "date", OUT_TEXT, 2 }, { "score", OUT_INT, 2 },
	{ "result", OUT_STATE, 1 }
};
static const struct out_col sum_cols[] = {
	{ "by", OUT_TEXT, 1 }, { "key", OUT_TEXT, 1 }, { "assignments", OUT_INT, 2 },
	{ "done", OUT_INT, 2 }, { "overdue", OUT_INT, 2 }, { "done_pct", OUT_NUM, 3 },
	{ "overdue_pct", OUT_NUM, 3 }
};

struct filter {
	const char *rep, *team, *manager, *course;
	const struct org *o;	/* with manager: the organisation */
	date_t today;
	int overdue, due_soon, withdrawn;	/* state filters; none: every row */
	long within;
};

/* The tables the status is computed from. */
struct data {
	struct table *reps, *teams, *courses, *training, *attempts;
	struct training_attempts *ix;
	date_t today;
};

static struct cli cli;
static struct filter f = { .within = TRAINING_DUE_SOON };
static int summary, attempts;
static cli_fn due_within;
static const struct cli_opt options[] = {
	CLI_OPT("rep", "R", &f.rep, "only the assignments of rep R"),
	CLI_OPT("team", "T", &f.team, "only the assignments of the reps of team T"),
	CLI_OPT("manager", "R", &f.manager,
	    "only the assignments of the reps in R's organisation today"),
	CLI_OPT("course", "C", &f.course, "only the assignments of course C"),
	CLI_FLAG("overdue", &f.overdue, "only the overdue assignments"),
	CLI_CALL("due-within", "N", due_within, NULL,
	    "only those due within N days (and --overdue ones)"),
	CLI_FLAG("withdrawn", &f.withdrawn, "only the withdrawn assignments (and those above)"),
	CLI_FLAG("attempts", &attempts, "every attempt at the assignments, in the order made"),
	CLI_FLAG("summary", &summary, "done and overdue rates per team and per course"),
	CLI_OPTS_REPORT_ICS, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

static void
due_within(struct cli *c, const struct cli_opt *o, const char *arg)
{
	long long n;

	(void)o;
	if (parse_uint(arg, 36500, &n) < 0)
		cli_usage_error(c, "invalid --due-within '%.64s': want a number of days", arg);
	f.due_soon = 1;
	f.within = (long)n;
}

/* One line of the summary: a team or a course and its counts. */
struct tally {
	const char *by, *key;
	long n, done, overdue;
};

struct summary {
	struct tally *t;
	size_t n;
};

static int
wanted(const struct table *training, size_t i, const struct table *reps,
       const struct filter *f)
{
	const char *rep = table_cell(training, i, "rep");
	long row;

	if ((f->rep && strcmp(rep, f->rep) != 0) ||
	    (f->course && strcmp(table_cell(training, i, "course"), f->course) != 0) ||
	    (f->manager && !org_under(f->o, f->manager, rep, f->today)))
		return 0;
	if (!f->team)
		return 1;
	row = roster_find_rep(reps, rep);
	return row >= 0 && strcmp(table_cell(reps, (size_t)row, "team"), f->team) == 0;
}

static struct tally *
tally(struct summary *s, const char *by, const char *key)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->t[i].by, by) == 0 && strcmp(s->t[i].key, key) == 0)
			return &s->t[i];
	s->t = xreallocarray(s->t, s->n + 1, sizeof *s->t);
	s->t[s->n] = (struct tally){ by, key, 0, 0, 0 };
	return &s->t[s->n++];
}

static void
count(struct summary *s, const char *by, const char *key, enum training_state st)
{
	struct tally *t = tally(s, by, key);

	t->n++;
	t->done += st == TS_PASSED || st == TS_EXPIRING;
	t->overdue += st == TS_OVERDUE;
}

/* "all" first, then the teams, then the courses. */
static int
rank(const char *by)
{
	return strcmp(by, "all") == 0 ? 0 : strcmp(by, "team") == 0 ? 1 : 2;
}

static int
tally_cmp(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;

	if (rank(x->by) != rank(y->by))
		return rank(x->by) - rank(y->by);
	return strcmp(x->key, y->key);
}

/* num/den as a percentage with one decimal, rounded half up. */
static void
pct(long num, long den, char *buf, size_t n)
{
	long t = (num * 1000 + den / 2) / den;

	snprintf(buf, n, "%ld.%ld", t / 10, t % 10);
}

/* -o html: the page, titled by what it shows (what: "", " summary" or
 * " attempts", then the filters). */
static void
html_title(const struct filter *f, const char *what)
{
	char t[512], *p = t, *e = t + sizeof t;

	p += snprintf(p, (size_t)(e - p), "Training%s%s", what, f->overdue ? " overdue" : "");
	if (f->due_soon)
		p += snprintf(p, (size_t)(e - p), "%s due within %ld days",
		    f->overdue ? " or" : "", f->within);
	if (f->withdrawn)
		p += snprintf(p, (size_t)(e - p), "%s withdrawn",
		    f->overdue || f->due_soon ? " or" : "");
	if (f->rep)
		p += snprintf(p, (size_t)(e - p), ", rep %.64s", f->rep);
	if (f->team)
		p += snprintf(p, (size_t)(e - p), ", team %.64s", f->team);
	if (f->manager)
		p += snprintf(p, (size_t)(e - p), ", manager %.64s", f->manager);
	if (f->course)
		snprintf(p, (size_t)(e - p), ", course %.64s", f->course);
	html_begin(t);
}

/* -o html, --summary: the share done per team and per course. */
static void
html_summary(const struct summary *s, const struct table *teams, const struct table *courses)
{
	struct html_stack *it = xcalloc(s->n + 1, sizeof *it);
	char (*text)[96] = xcalloc(s->n + 1, sizeof *text), dp[24];
	const char *by[] = { "team", "course" };
	size_t i, k, n;

	for (k = 0; k < 2; k++) {
		for (n = 0, i = 0; i < s->n; i++) {
			const struct tally *t = &s->t[i];

			if (strcmp(t->by, by[k]) != 0)
				continue;
			it[n] = (struct html_stack){ .id = t->key, .label = !*t->key ? ORG_NO_TEAM :
			    k == 0 ? table_lookup(teams, "team", t->key, "name") :
			    table_lookup(courses, "course", t->key, "title") };
			it[n].seg[0] = t->done * 1000 / t->n;
			pct(t->done, t->n, dp, sizeof dp);
			snprintf(text[n], sizeof text[n], "%s%% done of %ld, %ld overdue", dp,
			    t->n, t->overdue);
			it[n].text = text[n];
			n++;
		}
		html_stacked(k == 0 ? "Done per team" : "Done per course", NULL, 1, it, n, 1000,
		    NULL);
	}
	free(it);
	free(text);
}

static void
print_summary(struct summary *s, const struct data *data, const struct cli *cli)
{
	char n[24], d[24], o[24], dp[24], op[24];
	const char *v[7];
	struct out *out;
	size_t i;

	qsort(s->t, s->n, sizeof *s->t, tally_cmp);
	if (out_resolve(cli->format) == OUT_HTML)
		html_summary(s, data->teams, data->courses);
	out = out_start(out_resolve(cli->format), sum_cols, 7, cli->no_header);
	for (i = 0; i < s->n; i++) {
		snprintf(n, sizeof n, "%ld", s->t[i].n);
		snprintf(d, sizeof d, "%ld", s->t[i].done);
		snprintf(o, sizeof o, "%ld", s->t[i].overdue);
		pct(s->t[i].done, s->t[i].n, dp, sizeof dp);
		pct(s->t[i].overdue, s->t[i].n, op, sizeof op);
		v[0] = s->t[i].by, v[1] = s->t[i].key, v[2] = n, v[3] = d, v[4] = o;
		v[5] = dp, v[6] = op;
		out_row(out, v);
	}
	out_end(out);
}

/* -o html, a listing: how many overdue assignments each rep has (rows
 * come in rep order). */
static void
html_overdue(const struct table *training, const size_t *rows, size_t nrows,
	     const struct table *courses, const struct table *reps, date_t today, long within)
{
	struct html_stack *it = xcalloc(nrows + 1, sizeof *it);
	char (*text)[32] = xcalloc(nrows + 1, sizeof *text);
	const char *rep;
	size_t i, n = 0;
	date_t exp;
	long days;

	for (i = 0; i < nrows; i++) {
		if (training_row_state(training, rows[i], courses, reps, today, within, &days,
		    &exp) != TS_OVERDUE)
			continue;
		rep = table_cell(training, rows[i], "rep");
		if (n == 0 || strcmp(it[n - 1].id, rep) != 0) {
			it[n].id = rep;
			it[n++].label = table_lookup(reps, "rep", rep, "name");
		}
		it[n - 1].seg[0]++;
	}
	for (i = 0; i < n; i++) {
		snprintf(text[i], sizeof text[i], "%lld overdue", (long long)it[i].seg[0]);
		it[i].text = text[i];
	}
	html_stacked("Overdue assignments per rep", NULL, 1, it, n, 0, NULL);
	free(it);
	free(text);
}

/* A filter that can never match is a typo, not an empty answer: why, or NULL. */
static const char *
unknown(const struct data *d, char *why, size_t size)
{
	struct training_course tc;

	if (f.rep && roster_find_rep(d->reps, f.rep) < 0)
		snprintf(why, size, "unknown rep '%.64s' (rep-list --all shows every rep)", f.rep);
	else if (f.manager && roster_find_rep(d->reps, f.manager) < 0)
		snprintf(why, size, "unknown manager '%.64s' (rep-list --all shows every rep)",
		    f.manager);
	else if (f.team && table_find(d->teams, table_col(d->teams, "team"), f.team) < 0)
		snprintf(why, size, "unknown team '%.64s' (see team-list)", f.team);
	else if (f.course && training_course(d->courses, f.course, &tc) < 0)
		snprintf(why, size, "unknown course '%.64s' (see course-list)", f.course);
	else
		return NULL;
	return why;
}

/* Are only rows in some states wanted? */
static int
state_filter(void)
{
	return f.overdue || f.due_soon || f.withdrawn;
}

/* The rows to list (their indexes into rows), or with --summary their counts. */
static size_t
select_rows(const struct data *d, struct summary *sum, size_t *rows)
{
	const struct table *t = d->training;
	enum training_state st;
	size_t i, n = 0;
	date_t expires;
	long days, row;

	for (i = 0; i < t->nrows; i++) {
		if (!wanted(t, i, d->reps, &f))
			continue;
		st = training_row_state(t, i, d->courses, d->reps, d->today, f.within, &days,
		    &expires);
		if (summary) {
			/* The current force's latest assignment of each course. */
			if (st == TS_WITHDRAWN || !training_latest(t, i))
				continue;
			row = roster_find_rep(d->reps, table_cell(t, i, "rep"));
			if (training_rep_ended(d->reps, row))
				continue;
			count(sum, "all", "", st);
			count(sum, "team", row < 0 ? "" : table_cell(d->reps, (size_t)row, "team"),
			    st);
			count(sum, "course", table_cell(t, i, "course"), st);
			continue;
		}
		if (state_filter() && !(f.overdue && st == TS_OVERDUE) &&
		    !(f.due_soon && st == TS_DUE_SOON) && !(f.withdrawn && st == TS_WITHDRAWN))
			continue;
		rows[n++] = i;
	}
	return n;
}

static void
print_rows(const struct data *d, const size_t *rows, size_t nrows)
{
	static const char *const cells[] = {
		"rep", "course", "assigned", "due", "completed", "score"
	};
	char exp[DATE_BUFSZ], late[24], count[24];
	const char *v[NROW_COLS];
	const size_t *at;
	enum training_state st;
	struct out *o;
	size_t i, j, n;
	date_t expires;
	long days;

	if (out_resolve(cli.format) == OUT_HTML) {
		html_title(&f, "");
		html_overdue(d->training, rows, nrows, d->courses, d->reps, d->today, f.within);
	}
	o = out_start(out_resolve(cli.format), row_cols, NROW_COLS, cli.no_header);
	for (i = 0; i < nrows; i++) {
		st = training_row_state(d->training, rows[i], d->courses, d->reps, d->today,
		    f.within, &days, &expires);
		for (j = 0; j < 6; j++)
			v[j] = table_cell(d->training, rows[i], cells[j]);
		v[6] = expires == TRAINING_NODATE ? "" : date_format(expires, exp);
		v[7] = training_state_names[st];
		snprintf(late, sizeof late, "%ld", days);
		v[8] = st == TS_OVERDUE ? late : "";
		n = training_attempts_at(d->ix, d->training, rows[i], &at);
		snprintf(count, sizeof count, "%zu", n);
		v[9] = count;
		v[10] = n ? table_cell(d->attempts, at[n - 1], "date") : "";
		v[11] = table_cell(d->training, rows[i], "withdrawn");
		v[12] = table_cell(d->training, rows[i], "reason");
		out_row(o, v);
	}
	out_end(o);
}

/* One calendar entry of an assignment: its due date or its expiry (what). */
static void
ics_entry(const struct data *d, size_t row, const char *what, date_t date, int cancelled)
{
	const struct table *t = d->training;
	const char *rep = table_cell(t, row, "rep"), *course = table_cell(t, row, "course");
	const char *name = table_lookup(d->reps, "rep", rep, "name");
	const char *title = table_lookup(d->courses, "course", course, "title");
	struct buf uid = BUF_INIT, summary = BUF_INIT, desc = BUF_INIT;
	struct ics_event e = { NULL, date, NULL, NULL, "Training", cancelled };

	buf_printf(&uid, "training-%s-%s-%s-%s@salesmgr", rep, course,
	    table_cell(t, row, "assigned"), what);
	buf_printf(&summary, "%s: %s (%s)", strcmp(what, "due") == 0 ? "Training due" :
	    "Certificate expires", *title ? title : course, *name ? name : rep);
	buf_printf(&desc, "course %s of rep %s, assigned %s", course, rep,
	    table_cell(t, row, "assigned"));
	e.uid = uid.data;
	e.summary = summary.data;
	e.description = desc.data;
	ics_event(&e);
	buf_free(&uid);
	buf_free(&summary);
	buf_free(&desc);
}

/* -o ics: the due date of each assignment, cancelled once it is done or
 * withdrawn, and the expiry of each certificate, cancelled when a later
 * assignment replaces it. */
static void
print_ics(const struct data *d, const size_t *rows, size_t nrows)
{
	enum training_state st;
	date_t due, expires;
	size_t i;
	long days;

	ics_begin("Training");
	for (i = 0; i < nrows; i++) {
		st = training_row_state(d->training, rows[i], d->courses, d->reps, d->today,
		    f.within, &days, &expires);
		if (date_parse(table_cell(d->training, rows[i], "due"), &due) == 0)
			ics_entry(d, rows[i], "due", due, st != TS_OPEN && st != TS_DUE_SOON &&
			    st != TS_FAILED && st != TS_OVERDUE);
		if (expires != TRAINING_NODATE)
			ics_entry(d, rows[i], "expires", expires, st == TS_WITHDRAWN ||
			    st == TS_ENDED || !training_latest(d->training, rows[i]));
	}
	ics_end();
}

/* --attempts: every attempt at the rows, numbered, in the order made. */
static void
print_attempts(const struct data *d, const size_t *rows, size_t nrows)
{
	static const char *const cells[] = { "date", "score", "result" };
	char num[24];
	const char *v[7];
	const size_t *at;
	struct out *o;
	size_t i, j, k, n;

	if (out_resolve(cli.format) == OUT_HTML)
		html_title(&f, " attempts");
	o = out_start(out_resolve(cli.format), attempt_cols, 7, cli.no_header);
	for (i = 0; i < nrows; i++) {
		v[0] = table_cell(d->training, rows[i], "rep");
		v[1] = table_cell(d->training, rows[i], "course");
		v[2] = table_cell(d->training, rows[i], "assigned");
		n = training_attempts_at(d->ix, d->training, rows[i], &at);
		for (k = 0; k < n; k++) {
			snprintf(num, sizeof num, "%zu", k + 1);
			v[3] = num;
			for (j = 0; j < 3; j++)
				v[4 + j] = table_cell(d->attempts, at[k], cells[j]);
			out_row(o, v);
		}
	}
	out_end(o);
}

int
main(int argc, char *argv[])
{
	struct summary sum = { NULL, 0 };
	struct data d;
	struct store *s;
	size_t nrows, *rows;
	const char *bad;
	char why[256];

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv))
		cli_usage(&cli);
	if (summary && attempts)
		cli_usage_error(&cli, "--attempts and --summary: give one of them");
	if (summary && state_filter())
		cli_usage_error(&cli, "--summary counts every state: give it no --overdue, "
		    "--due-within or --withdrawn");
	d.today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_READ);
	d.reps = store_load(s, "reps.tsv");
	d.teams = store_load(s, "teams.tsv");
	d.courses = store_load(s, "courses.tsv");
	d.training = store_load(s, "training.tsv");
	d.attempts = training_attempts_load(s, d.training);
	d.ix = training_attempts_index(d.attempts);
	f.today = d.today;
	f.o = f.manager ? org_load(s, 0) : NULL;
	bad = unknown(&d, why, sizeof why);
	if (!bad) {
		training_sort(d.training);
		rows = xcalloc(d.training->nrows + 1, sizeof *rows);
		nrows = select_rows(&d, &sum, rows);
		if (summary) {
			if (out_resolve(cli.format) == OUT_HTML)
				html_title(&f, " summary");
			print_summary(&sum, &d, &cli);
		} else if (nrows == 0 && state_filter()) {
			/* Nothing to chase prints nothing at all, so cron mails nothing. */
		} else if (attempts) {
			print_attempts(&d, rows, nrows);
		} else if (out_resolve(cli.format) == OUT_ICS) {
			print_ics(&d, rows, nrows);
		} else {
			print_rows(&d, rows, nrows);
		}
		html_end();
		close_stdout();
		free(rows);
		free(sum.t);
	}
	/* Freed before dying, so that LeakSanitizer stays quiet on the way out. */
	training_attempts_free(d.ix);
	org_free((struct org *)f.o);
	table_free(d.attempts);
	table_free(d.training);
	table_free(d.courses);
	table_free(d.teams);
	table_free(d.reps);
	store_close(s);
	if (bad)
		die("%s", bad);
	return 0;
}
