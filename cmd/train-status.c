/* train-status: every assignment with its state (training.h), or with
 * --summary the completion and overdue rates per team and per course. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "err.h"
#include "html.h"
#include "money.h"
#include "out.h"
#include "roster.h"
#include "store.h"
#include "training.h"
#include "xalloc.h"

static const char usage[] =
    "usage: train-status [--rep R] [--team T] [--course C] [--overdue]\n"
    "                    [--due-within N] [--summary] [-o FORMAT] [--no-header]\n"
    "                    [-D DIR] [--today DATE]\n";

enum { OPT_REP = CLI_OWN, OPT_TEAM, OPT_COURSE, OPT_OVERDUE, OPT_DUE_WITHIN, OPT_SUMMARY };

static const struct out_col row_cols[] = {
	{ "rep", OUT_TEXT }, { "course", OUT_TEXT }, { "assigned", OUT_TEXT },
	{ "due", OUT_TEXT }, { "completed", OUT_TEXT }, { "score", OUT_INT },
	{ "expires", OUT_TEXT }, { "state", OUT_TEXT }, { "days_late", OUT_INT }
};
static const struct out_col sum_cols[] = {
	{ "by", OUT_TEXT }, { "key", OUT_TEXT }, { "assignments", OUT_INT },
	{ "done", OUT_INT }, { "overdue", OUT_INT }, { "done_pct", OUT_NUM },
	{ "overdue_pct", OUT_NUM }
};

struct filter {
	const char *rep, *team, *course;
	int overdue, due_soon;		/* state filters; neither: every row */
	long within;
};

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
	    (f->course && strcmp(table_cell(training, i, "course"), f->course) != 0))
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

/* -o html: the page, titled by what it shows. */
static void
html_title(const struct filter *f, int summary)
{
	char t[512], *p = t, *e = t + sizeof t;

	p += snprintf(p, (size_t)(e - p), "Training%s%s", summary ? " summary" : "",
	    f->overdue ? " overdue" : "");
	if (f->due_soon)
		p += snprintf(p, (size_t)(e - p), "%s due within %ld days",
		    f->overdue ? " or" : "", f->within);
	if (f->rep)
		p += snprintf(p, (size_t)(e - p), ", rep %.64s", f->rep);
	if (f->team)
		p += snprintf(p, (size_t)(e - p), ", team %.64s", f->team);
	if (f->course)
		snprintf(p, (size_t)(e - p), ", course %.64s", f->course);
	html_begin(t);
}

/* -o html, --summary: the share done per team and per course. */
static void
html_summary(const struct summary *s)
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
			it[n] = (struct html_stack){ .label = *t->key ? t->key : "(no team)" };
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
print_summary(struct summary *s, const struct cli *cli)
{
	char n[24], d[24], o[24], dp[24], op[24];
	const char *v[7];
	struct out *out;
	size_t i;

	qsort(s->t, s->n, sizeof *s->t, tally_cmp);
	if (out_resolve(cli->format) == OUT_HTML)
		html_summary(s);
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
		if (n == 0 || strcmp(it[n - 1].label, rep) != 0)
			it[n++].label = rep;
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

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_REPORT,
		{ "rep", required_argument, NULL, OPT_REP },
		{ "team", required_argument, NULL, OPT_TEAM },
		{ "course", required_argument, NULL, OPT_COURSE },
		{ "overdue", no_argument, NULL, OPT_OVERDUE },
		{ "due-within", required_argument, NULL, OPT_DUE_WITHIN },
		{ "summary", no_argument, NULL, OPT_SUMMARY },
		{ 0 }
	};
	struct filter f = { NULL, NULL, NULL, 0, 0, TRAINING_DUE_SOON };
	struct table *reps, *teams, *courses, *training;
	struct summary sum = { NULL, 0 };
	struct training_course tc;
	char exp[DATE_BUFSZ], late[24], why[256] = "";
	const char *v[9];
	struct cli cli = { 0 };
	enum training_state st;
	size_t i, nrows = 0, *rows;
	struct store *s;
	struct out *o;
	long long n;
	date_t today, expires;
	long days, row;
	int c, summary = 0;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:ho:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_REP: f.rep = optarg; break;
		case OPT_TEAM: f.team = optarg; break;
		case OPT_COURSE: f.course = optarg; break;
		case OPT_OVERDUE: f.overdue = 1; break;
		case OPT_DUE_WITHIN:
			if (parse_uint(optarg, 36500, &n) < 0) {
				warn("invalid --due-within '%.64s': want a number of days",
				    optarg);
				die_usage(usage);
			}
			f.due_soon = 1;
			f.within = (long)n;
			break;
		case OPT_SUMMARY: summary = 1; break;
		default: cli_common(&cli, c, usage);
		}
	}
	if (optind != argc)
		die_usage(usage);
	if (summary && (f.overdue || f.due_soon)) {
		warn("--summary counts every state: give it no --overdue or --due-within");
		die_usage(usage);
	}
	today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_READ);
	reps = store_load(s, "reps.tsv");
	teams = store_load(s, "teams.tsv");
	courses = store_load(s, "courses.tsv");
	training = store_load(s, "training.tsv");
	/* A filter that can never match is a typo, not an empty answer. */
	if (f.rep && roster_find_rep(reps, f.rep) < 0)
		snprintf(why, sizeof why, "unknown rep '%.64s' (rep-list --all shows every "
		    "rep)", f.rep);
	else if (f.team && table_find(teams, table_col(teams, "team"), f.team) < 0)
		snprintf(why, sizeof why, "unknown team '%.64s' (see team-list)", f.team);
	else if (f.course && training_course(courses, f.course, &tc) < 0)
		snprintf(why, sizeof why, "unknown course '%.64s' (see course-list)", f.course);
	if (*why) {
		/* Freed first, so that LeakSanitizer stays quiet on the way out. */
		table_free(training);
		table_free(courses);
		table_free(teams);
		table_free(reps);
		store_close(s);
		die("%s", why);
	}
	training_sort(training);

	rows = xcalloc(training->nrows + 1, sizeof *rows);
	for (i = 0; i < training->nrows; i++) {
		if (!wanted(training, i, reps, &f))
			continue;
		st = training_row_state(training, i, courses, reps, today, f.within, &days,
		    &expires);
		if (summary) {
			/* The current force's latest assignment of each course. */
			if (!training_latest(training, i))
				continue;
			row = roster_find_rep(reps, table_cell(training, i, "rep"));
			if (training_rep_ended(reps, row))
				continue;
			count(&sum, "all", "", st);
			count(&sum, "team", row < 0 ? "" : table_cell(reps, (size_t)row, "team"), st);
			count(&sum, "course", table_cell(training, i, "course"), st);
			continue;
		}
		if ((f.overdue || f.due_soon) && !(f.overdue && st == TS_OVERDUE) &&
		    !(f.due_soon && st == TS_DUE_SOON))
			continue;
		rows[nrows++] = i;
	}

	if (summary) {
		if (out_resolve(cli.format) == OUT_HTML)
			html_title(&f, 1);
		print_summary(&sum, &cli);
	} else if (nrows > 0 || !(f.overdue || f.due_soon)) {
		/* Nothing to chase prints nothing at all, so cron mails nothing. */
		if (out_resolve(cli.format) == OUT_HTML) {
			html_title(&f, 0);
			html_overdue(training, rows, nrows, courses, reps, today, f.within);
		}
		o = out_start(out_resolve(cli.format), row_cols, 9, cli.no_header);
		for (i = 0; i < nrows; i++) {
			st = training_row_state(training, rows[i], courses, reps, today,
			    f.within, &days, &expires);
			v[0] = table_cell(training, rows[i], "rep");
			v[1] = table_cell(training, rows[i], "course");
			v[2] = table_cell(training, rows[i], "assigned");
			v[3] = table_cell(training, rows[i], "due");
			v[4] = table_cell(training, rows[i], "completed");
			v[5] = table_cell(training, rows[i], "score");
			v[6] = expires == TRAINING_NODATE ? "" : date_format(expires, exp);
			v[7] = training_state_names[st];
			snprintf(late, sizeof late, "%ld", days);
			v[8] = st == TS_OVERDUE ? late : "";
			out_row(o, v);
		}
		out_end(o);
	}
	html_end();
	close_stdout();
	free(rows);
	free(sum.t);
	table_free(training);
	table_free(courses);
	table_free(teams);
	table_free(reps);
	store_close(s);
	return 0;
}
