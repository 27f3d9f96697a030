/* perf-report: how each rep, team or rep-month stands against quota. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "date.h"
#include "dealset.h"
#include "err.h"
#include "history.h"
#include "html.h"
#include "org.h"
#include "out.h"
#include "period.h"
#include "quota.h"
#include "stage.h"
#include "report.h"
#include "store.h"
#include "suggest.h"
#include "xalloc.h"

static const char usage[] =
    "usage: perf-report [--period P] [--by rep|team|month|manager] [--rep REP]\n"
    "                   [--team TEAM] [--manager REP] [--metric METRIC]\n"
    "                   [--sort COLUMN] [--flag] [-o FORMAT] [--no-header] [--raw]\n"
    "                   [--columns LIST] [--color WHEN] [--today DATE] [-D DIR]\n";

static struct cli cli;
static struct report_options ro;
static const char *period = "this-quarter", *by = "rep", *sort;
static const struct cli_opt options[] = {
	CLI_OPT("period", "P", &period, "the period to report on (default this-quarter)"),
	CLI_OPT("by", "BY", &by, "a row per rep (default), team, rep and month, or manager"),
	CLI_OPT("rep", "REP", &ro.rep, "only the rep REP"),
	CLI_OPT("team", "TEAM", &ro.team, "only the team TEAM, or its reps while on it"),
	CLI_OPT("manager", "REP", &ro.manager,
	    "only REP's organisation (direct and indirect) at each event's date"),
	CLI_OPT("metric", "METRIC", &ro.metric,
	    "measure against the quotas of METRIC: " QUOTA_METRICS),
	CLI_OPT("sort", "COLUMN", &sort, "sort by COLUMN, numbers largest first"),
	CLI_FLAG("flag", &ro.flag, "add the flag column: pip or top"),
	CLI_OPTS_REPORT, CLI_OPT_TODAY, CLI_OPT_DATA_DIR,
	CLI_END
};

/* The printed columns: the report's, with the bar (or trend) and the rank. */
enum { P_BAR = REPORT_NCOLS, P_RANK, NP };
static const int order[] = {
	RC_MONTH, RC_MANAGER, RC_LEVEL, RC_REP, RC_TEAM, RC_NAME, RC_METRIC, RC_QUOTA, RC_QPERIOD,
	RC_WON, RC_CANCELLED, RC_NETWON, RC_ATTAIN, P_BAR,
	RC_EXPECTED, RC_PACE, RC_WONDEALS, RC_LOSTDEALS, RC_WINRATE, RC_AVG, RC_CYCLE,
	RC_PIPE, RC_WEIGHTED, RC_ACTS, RC_COVERAGE, RC_REQCOV, RC_VELOCITY, P_RANK, RC_FLAG
};
#define NORDER (sizeof order / sizeof order[0])

/* A row as printed: the report's row, its rank and its bar. */
struct line {
	const struct report_row *r;
	int64_t rank;
	char bar[64];
};

static int
col_wanted(const struct report_options *o, enum out_format f, int c)
{
	if (c == RC_MONTH)
		return o->by == 'm';
	if (c == RC_MANAGER || c == RC_LEVEL)
		return o->by == 'M';
	if (c == RC_REP)
		return o->by != 't' && o->by != 'M';
	if (c == RC_TEAM)
		return o->by != 'M';
	if (c == P_BAR)
		return out_is_table(f);
	if (c == RC_FLAG)
		return o->flag;
	if (c == RC_METRIC)
		return o->metric != NULL;
	return 1;
}

static struct out_col
col_of(const struct report_options *o, int c)
{
	struct out_col oc = { "rank", OUT_INT, 2 };

	if (c == P_BAR)
		oc = (struct out_col){ o->by == 'm' ? "trend" : "bar", OUT_STATE, 3 };
	else if (c < REPORT_NCOLS)
		oc = (struct out_col){ report_cols[c].name, report_col(o, c).kind,
		    report_cols[c].prio };
	return oc;
}

/* --sort: a column of this report (not the bar), found before any scan. */
static int
sort_column(const struct report_options *o, const char *name)
{
	size_t i;

	for (i = 0; i < NORDER; i++)
		if (order[i] != P_BAR && col_wanted(o, OUT_TSV, order[i]) &&
		    strcmp(col_of(o, order[i]).name, name) == 0)
			return order[i];
	die_status(EXIT_USAGE, "invalid --sort '%s': not a column of this report", name);
}

/* What a row is of: a rep, a team or a manager. */
static const char *
label(const struct report_row *r)
{
	return r->text[RC_REP] ? r->text[RC_REP] : r->text[RC_TEAM] ? r->text[RC_TEAM] :
	    r->text[RC_MANAGER] ? r->text[RC_MANAGER] : "";
}

/* Ranks: by attainment (those with one first), then won, then id; per month. */
static int
cmp_rank(const void *a, const void *b)
{
	const struct report_row *x = ((const struct line *)a)->r, *y = ((const struct line *)b)->r;

	if (x->slot != y->slot)
		return x->slot < y->slot ? -1 : 1;
	if (x->has[RC_ATTAIN] != y->has[RC_ATTAIN])
		return y->has[RC_ATTAIN] - x->has[RC_ATTAIN];
	if (x->has[RC_ATTAIN] && x->v[RC_ATTAIN] != y->v[RC_ATTAIN])
		return x->v[RC_ATTAIN] > y->v[RC_ATTAIN] ? -1 : 1;
	if (x->v[RC_WON] != y->v[RC_WON])
		return x->v[RC_WON] > y->v[RC_WON] ? -1 : 1;
	return strcmp(label(x), label(y));
}

static int sort_by;

/* --sort: numbers largest first, text in byte order, not set last. */
static int
cmp_sort(const void *a, const void *b)
{
	const struct line *lx = a, *ly = b;
	const struct report_row *x = lx->r, *y = ly->r;
	const char *tx, *ty;
	int c = sort_by;

	if (c == P_RANK) {
		if (lx->rank != ly->rank)
			return lx->rank > ly->rank ? -1 : 1;
	} else if (!out_is_number(report_cols[c].kind)) {
		tx = x->text[c] ? x->text[c] : "";
		ty = y->text[c] ? y->text[c] : "";
		if (!*tx != !*ty)
			return *tx ? -1 : 1;
		if (strcmp(tx, ty))
			return strcmp(tx, ty);
	} else {
		if (x->has[c] != y->has[c])
			return y->has[c] - x->has[c];
		if (x->v[c] != y->v[c])
			return x->v[c] > y->v[c] ? -1 : 1;
	}
	return cmp_rank(a, b);
}

/* A table's bar: 20 cells of 5% of attainment; by month, the rep's trend:
 * ▁▂▃▄▅▆▇█ of won in each month. */
static void
bars(struct line *l, size_t n, char by)
{
	static const char *const ticks[] = { "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83",
	    "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88" };
	int64_t cells, max;
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (by != 'm') {
			cells = l[i].r->has[RC_ATTAIN] ? l[i].r->v[RC_ATTAIN] / 50 : 0;
			for (j = 0; j < 20; j++)
				strcat(l[i].bar, (int64_t)j < cells ? "\xe2\x96\x88" : "\xc2\xb7");
			continue;
		}
		for (max = 0, j = 0; j < n; j++)
			if (l[j].r->who == l[i].r->who && l[j].r->v[RC_WON] > max)
				max = l[j].r->v[RC_WON];
		for (j = 0; j < n && strlen(l[i].bar) + 4 < sizeof l[i].bar; j++)
			if (l[j].r->who == l[i].r->who)
				strcat(l[i].bar, ticks[max > 0 && l[j].r->v[RC_WON] > 0 ?
				    (int)((__int128)l[j].r->v[RC_WON] * 7 / max) : 0]);
	}
}

/* -o html: the page, and above the table the chart that says it at a
 * glance: attainment against quota with the pace mark, or won per month. */
static void
charts(const struct line *l, size_t n, const struct period *p, const struct report_options *o)
{
	struct html_perf_row *hr = xcalloc(n + 1, sizeof *hr);
	char title[96], name[PERIOD_NAMESZ];
	size_t i;

	snprintf(title, sizeof title, "Performance %s%s", period_label(p, o->fiscal_year_start, name),
	    o->by == 't' ? " by team" : o->by == 'm' ? " by month" :
	    o->by == 'M' ? " by manager" : "");
	html_begin(title);
	for (i = 0; i < n; i++) {
		hr[i].id = label(l[i].r);
		hr[i].label = l[i].r->text[RC_NAME];
		hr[i].month = l[i].r->text[RC_MONTH];
		hr[i].has_attainment = l[i].r->has[RC_ATTAIN];
		hr[i].attainment = l[i].r->v[RC_ATTAIN];
		hr[i].has_mark = l[i].r->has[RC_EXPECTED] && l[i].r->has[RC_QUOTA];
		hr[i].counted = report_col(o, RC_QUOTA).kind != OUT_MONEY;
		hr[i].quota = l[i].r->v[RC_QUOTA];
		hr[i].expected = l[i].r->v[RC_EXPECTED];
		hr[i].won = l[i].r->v[RC_WON];
	}
	if (o->by == 'm')
		html_won_by_month("Won per month", hr, n);
	else
		html_attainment("Attainment (the red line: where pace says it should be today)",
		    hr, n);
	free(hr);
}

static void
print_lines(const struct line *l, size_t n, const struct report_options *o, enum out_format f,
	    int no_header)
{
	char num[NORDER][OUT_NUMSZ];
	const char *cells[NORDER];
	struct out_col cols[NORDER];
	size_t i, k, nc = 0;
	struct out *out;
	int c;

	for (k = 0; k < NORDER; k++)
		if (col_wanted(o, f, order[k]))
			cols[nc++] = col_of(o, order[k]);
	out = out_start(f, cols, nc, no_header);
	for (i = 0; i < n; i++) {
		for (nc = 0, k = 0; k < NORDER; k++) {
			if (!col_wanted(o, f, c = order[k]))
				continue;
			if (c == P_BAR || c == P_RANK)
				cells[nc] = c == P_BAR ? l[i].bar : out_number(OUT_U_COUNT, l[i].rank,
				    num[k]);
			else if (!out_is_number(report_cols[c].kind))
				cells[nc] = l[i].r->text[c] ? l[i].r->text[c] : "";
			else
				cells[nc] = l[i].r->has[c] ? out_number(report_col(o, c).unit,
				    l[i].r->v[c], num[k]) : "";
			nc++;
		}
		out_row(out, cells);
	}
	out_end(out);
}

/* Rank, sort and print the rows: a table, TSV, JSON or a page. */
static void
present(const struct report *r, const struct period *p, const struct report_options *o,
	const struct cli *cli, const char *sort)
{
	enum out_format f = out_resolve(cli->format);
	struct line *l = xcalloc(r->n + 1, sizeof *l);
	size_t i;

	for (i = 0; i < r->n; i++)
		l[i].r = &r->row[i];
	qsort(l, r->n, sizeof *l, cmp_rank);
	for (i = 0; i < r->n; i++)
		l[i].rank = i == 0 || l[i].r->slot != l[i - 1].r->slot ? 1 : l[i - 1].rank + 1;
	if (out_is_table(f))
		bars(l, r->n, o->by);
	if (sort) {
		sort_by = sort_column(o, sort);
		qsort(l, r->n, sizeof *l, cmp_sort);
	}
	if (f == OUT_HTML)
		charts(l, r->n, p, o);
	print_lines(l, r->n, o, f, cli->no_header);
	html_end();
	free(l);
}

int
main(int argc, char *argv[])
{
	char hint[SUGGEST_BUFSZ];
	struct table *cfg, *reps, *teams;
	struct report *r;
	struct org *o;
	struct dealset *only = NULL;
	struct stages *st = NULL;
	struct store *s;
	struct period p;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv) != 0)
		cli_usage(&cli);
	if (strcmp(by, "rep") && strcmp(by, "team") && strcmp(by, "month") &&
	    strcmp(by, "manager"))
		die_status(EXIT_USAGE, "invalid --by '%s': want rep, team, month or manager", by);
	/* pip and top judge a rep over the period, not a team or a month. */
	if (ro.flag && strcmp(by, "rep") != 0)
		die_status(EXIT_USAGE, "--flag goes with --by rep, not --by %s", by);
	ro.by = strcmp(by, "manager") == 0 ? 'M' : by[0];
	if (ro.metric && !quota_metric_valid(ro.metric))
		die_status(EXIT_USAGE, "invalid --metric '%s': want " QUOTA_METRICS, ro.metric);
	if (sort)
		sort_column(&ro, sort);
	ro.today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_READ);
	cfg = config_load(s);
	cli_period(period, ro.today, config_fiscal_start(cfg), &p);
	ro.fiscal_year_start = config_fiscal_start(cfg);
	if (ro.flag) {
		ro.pip_threshold = config_int(cfg, "pip_threshold", 0, 1000, 70);
		ro.pip_periods = config_int(cfg, "pip_periods", 1, 60, 2);
	}
	ro.reps = reps = store_load(s, "reps.tsv");
	ro.teams = teams = store_load(s, "teams.tsv");
	if (ro.rep && table_find(reps, table_col(reps, "rep"), ro.rep) < 0)
		die("unknown rep '%s' (%s)", ro.rep, suggest(reps, "rep", "name", ro.rep,
		    "rep-list shows the reps", hint));
	if (ro.team && table_find(teams, table_col(teams, "team"), ro.team) < 0)
		die("unknown team '%s' (%s)", ro.team, suggest(teams, "team", "name", ro.team,
		    "team-list shows the teams", hint));
	if (ro.manager && table_find(reps, table_col(reps, "rep"), ro.manager) < 0)
		die("unknown manager '%s' (%s)", ro.manager, suggest(reps, "rep", "name",
		    ro.manager, "rep-list --all shows every rep", hint));
	ro.o = o = org_load_tables(s, reps, teams, NULL);
	/* One rep's rows: its deals alone are folded (history_deals_since(),
	 * which hold every deal that gives that rep a figure of the period),
	 * not the ledger's. */
	if (ro.rep && !ro.team && !ro.manager && (ro.by == 'r' || ro.by == 'm')) {
		st = stages_load(s);
		ro.only = only = history_deals_since(s, st, ro.rep, p.from);
	}
	r = report_perf(s, &p, &ro);
	present(r, &p, &ro, &cli, sort);
	close_stdout();
	report_free(r);
	dealset_free(only);
	stages_free(st);
	org_free(o);
	table_free(reps);
	table_free(teams);
	table_free(cfg);
	store_close(s);
	return 0;
}
