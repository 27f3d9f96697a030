/*
 * comp-calc: each rep's commission for a pay period, line by line, and the
 * locking of a period's statements into payouts/PERIOD.tsv.  The arithmetic
 * is comp.h's, the statement lines compstmt.h's; this file prints the
 * summary or the lines, or locks them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "comp.h"
#include "compsheet.h"
#include "compstmt.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "html.h"
#include "money.h"
#include "org.h"
#include "out.h"
#include "roster.h"
#include "stage.h"
#include "store.h"
#include "txn.h"
#include "xalloc.h"
#include "suggest.h"

static const char usage[] =
    "usage: comp-calc [--period P] [--rep REP] [--team TEAM] [--statement]\n"
    "                 [-o FORMAT] [--no-header] [--raw] [--columns LIST]\n"
    "                 [--color WHEN] [--today DATE] [-D DIR]\n"
    "       comp-calc --statement --each DIR [--force] [--period P] [--rep REP]\n"
    "                 [--team TEAM] [-o FORMAT] [--today DATE] [-D DIR]\n"
    "       comp-calc --lock [--period P] [--rep REP] [--team TEAM] [-nq]\n"
    "                 [--today DATE] [-D DIR]\n";


enum {
	S_PERIOD, S_REP, S_NAME, S_TEAM, S_PLAN, S_QUOTA, S_REVENUE, S_ATTAIN, S_TIER,
	S_COMMISSION, S_CLAWBACK, S_WITHHELD, S_PAYOUT, S_ADJUST, S_DRAW, S_BALANCE, S_LOCKED,
	S_NOTE, S_NCOLS
};
static const struct out_col sum_cols[S_NCOLS] = {
	{ "period", OUT_TEXT, 5 }, { "rep", OUT_TEXT, 1 }, { "name", OUT_TEXT, 2 },
	{ "team", OUT_TEXT, 4 }, { "plan", OUT_TEXT, 4 }, { "quota", OUT_MONEY, 3 },
	{ "revenue", OUT_MONEY, 2 }, { "attainment", OUT_NUM, 2 }, { "tier", OUT_INT, 4 },
	{ "commission", OUT_MONEY, 3 }, { "clawback", OUT_MONEY, 4 }, { "withheld", OUT_MONEY, 4 },
	{ "payout", OUT_MONEY, 1 }, { "adjustments", OUT_MONEY, 4 }, { "draw", OUT_MONEY, 4 },
	{ "balance", OUT_MONEY, 3 }, { "locked", OUT_TEXT, 3 }, { "note", OUT_TEXT, 6 },
};
static const struct out_col line_cols[CP_NCOLS] = {
	{ "period", OUT_TEXT, 5 }, { "rep", OUT_TEXT, 1 }, { "plan", OUT_TEXT, 4 },
	{ "kind", OUT_TEXT, 1 }, { "deal", OUT_TEXT, 2 }, { "date", OUT_TEXT, 3 },
	{ "tier", OUT_INT, 4 }, { "amount", OUT_MONEY, 2 }, { "pct", OUT_NUM, 3 },
	{ "commission", OUT_MONEY, 1 }, { "note", OUT_TEXT, 5 }, { "locked", OUT_TEXT, 5 },
};

#define CELL 192		/* a summary cell: a note, or what a line holds */

/* The summary row of a statement (computed or locked). */
static void
summarise(const struct comp_stmt *st, const char *name, const char *team, char cell[][CELL])
{
	struct comp_sums s;
	size_t i;

	comp_stmt_sums(st, &s);
	for (i = 0; i < S_NCOLS; i++)
		cell[i][0] = '\0';
	snprintf(cell[S_REP], CELL, "%s", st->rep);
	snprintf(cell[S_NAME], CELL, "%s", name);
	snprintf(cell[S_TEAM], CELL, "%s", team);
	snprintf(cell[S_PLAN], CELL, "%s", st->plan);
	snprintf(cell[S_LOCKED], CELL, "%s", s.locked);
	snprintf(cell[S_NOTE], CELL, "%s", s.note);
	if (s.has_quota)
		money_format(s.quota, cell[S_QUOTA]);
	if (st->n > 1)
		money_format(s.revenue, cell[S_REVENUE]);
	snprintf(cell[S_ATTAIN], CELL, "%s", s.attainment);
	snprintf(cell[S_TIER], CELL, "%s", s.tier);
	if (s.has_commission)
		money_format(s.commission, cell[S_COMMISSION]);
	if (s.has_commission || s.has_payout || s.clawback)
		money_format(s.clawback, cell[S_CLAWBACK]);
	if (!s.has_payout)
		return;
	money_format(s.withheld, cell[S_WITHHELD]);
	money_format(s.payout, cell[S_PAYOUT]);
	money_format(s.adjustments, cell[S_ADJUST]);
	money_format(s.draw, cell[S_DRAW]);
	if (s.has_balance)
		money_format(s.balance, cell[S_BALANCE]);
}

/* -o html: a bar per rep of the summary rows: the payout, with the
 * attainment of quota as text. */
static void
html_payouts(char (*const rows)[S_NCOLS][CELL], size_t n)
{
	struct html_stack *it = xcalloc(n + 1, sizeof *it);
	char (*text)[CELL + MONEY_BUFSZ] = xcalloc(n + 1, sizeof *text), m[MONEY_BUFSZ];
	size_t i;

	for (i = 0; i < n; i++) {
		it[i].label = rows[i][S_NAME];
		it[i].id = rows[i][S_REP];
		if (money_parse(rows[i][S_PAYOUT], &it[i].seg[0], NULL) < 0)
			snprintf(text[i], sizeof text[i], "no payout");
		else if (rows[i][S_ATTAIN][0])
			snprintf(text[i], sizeof text[i], "%s at %s%% of quota",
			    html_money(it[i].seg[0], m), rows[i][S_ATTAIN]);
		else
			snprintf(text[i], sizeof text[i], "%s", html_money(it[i].seg[0], m));
		it[i].text = text[i];
	}
	html_stacked("Payout per rep", NULL, 1, it, n, 0, NULL);
	free(it);
	free(text);
}

/* The summary: a row per rep, below the chart of payouts with -o html. */
static void
print_summary(char (*const rows)[S_NCOLS][CELL], size_t n, const struct cli *cli,
	      const char *period)
{
	const char *sv[S_NCOLS];
	char title[64];
	struct out *o;
	size_t i;
	int k;

	if (out_resolve(cli->format) == OUT_HTML) {
		snprintf(title, sizeof title, "Commission %s", period);
		html_begin(title);
		html_payouts(rows, n);
	}
	o = out_start(out_resolve(cli->format), sum_cols, S_NCOLS, cli->no_header);
	for (i = 0; i < n; i++) {
		for (k = 0; k < S_NCOLS; k++)
			sv[k] = rows[i][k];
		out_row(o, sv);
	}
	out_end(o);
	html_end();
}

/* A run: what main() opened, and each rep's statement comes from. */
struct run {
	struct comp_ctx c;
	struct cli cli;
	struct table *cfg, *reps, *teams;
	struct stages *stages;
	struct org *o;			/* the team of each rep on a day */
	date_t last;			/* the period's last day so far */
	const char *rep, *team;
	int rc, tc, nc, pc;		/* columns of reps.tsv */
};

static struct run r;
static const char *period = "last-month";
static int statement, lock, force;
static const char *each;
static const struct cli_opt options[] = {
	CLI_OPT("period", "P", &period, "the pay period: a week, month, quarter or year"),
	CLI_OPT("rep", "REP", &r.rep, "only the rep REP"),
	CLI_OPT("team", "TEAM", &r.team, "only the reps of TEAM"),
	CLI_FLAG("statement", &statement, "print every line of each statement"),
	CLI_OPT("each", "DIR", &each, "with --statement, write each rep's to a file in DIR"),
	CLI_FLAG("force", &force, "with --each, replace the files of an earlier run"),
	CLI_FLAG("lock", &lock, "lock the period's statements instead of printing them"),
	CLI_OPTS_WRITE, CLI_OPTS_REPORT_TEXT, CLI_OPT_TODAY, CLI_OPT_DATA_DIR,
	CLI_END
};

/* Open the data, check the period and the names asked for, load the
 * tables and what the statements need. */
static void
load(struct run *r, const char *period, int lock)
{
	struct comp_ctx *c = &r->c;
	struct period first;
	char to[DATE_BUFSZ], hint[SUGGEST_BUFSZ];

	c->s = store_open(r->cli.data_dir, lock ? STORE_WRITE : STORE_READ);
	r->cfg = config_load(c->s);
	c->fys = config_fiscal_start(r->cfg);
	cli_period(period, c->today, c->fys, &c->p);
	if (comp_pay_period(c->p.kind, c->p.from, c->fys, &first) < 0)
		die_status(EXIT_USAGE, "invalid period '%s': a pay period is a week, month, "
		    "quarter or year", period);
	/* A lock is for good: it is taken against the real date, which --today
	 * does not move. */
	if (lock && (c->p.to >= c->today || c->p.to >= date_today(NULL)))
		die("%s is not over until %s: lock it after that", c->p.name,
		    date_format(c->p.to, to));
	r->reps = store_load(c->s, "reps.tsv");
	r->teams = store_load(c->s, "teams.tsv");
	c->quotas = store_load(c->s, "quotas.tsv");
	c->plans = comp_plans_load(c->s);
	r->stages = stages_load(c->s);
	r->rc = table_col(r->reps, "rep");
	r->tc = table_col(r->reps, "team");
	r->nc = table_col(r->reps, "name");
	r->pc = table_col(r->reps, "plan");
	table_sort(r->reps, &r->rc, 1);
	r->o = org_load(c->s, 0);
	r->last = c->p.to < c->today ? c->p.to : c->today;
	if (r->rep && roster_find_rep(r->reps, r->rep) < 0)
		die("unknown rep '%s' (%s)", r->rep, suggest(r->reps, "rep", "name", r->rep,
		    "rep-list shows the reps", hint));
	if (r->team && table_find(r->teams, table_col(r->teams, "team"), r->team) < 0)
		die("unknown team '%s' (%s)", r->team, suggest(r->teams, "team", "name",
		    r->team, "team-list shows the teams", hint));
	comp_ctx_load(c, r->stages);
}

/* Does the rep of row i get a statement?  Those asked for, with a plan or
 * locked; one rep asked for by name always. */
static int
wanted(struct run *r, size_t i)
{
	const char *id = table_get(r->reps, i, r->rc);

	if ((r->rep && strcmp(r->rep, id) != 0) ||
	    (r->team && org_days_on_team(r->o, id, r->team, r->c.p.from, r->last) <= 0))
		return 0;
	return *table_get(r->reps, i, r->pc) || comp_stmt_is_locked(&r->c, id) || r->rep;
}

/* The rep's team on the period's last day (so far), or ORG_NO_TEAM. */
static const char *
team_of(const struct run *r, size_t i)
{
	const char *t = org_rep_team(r->o, table_get(r->reps, i, r->rc), r->last);

	return *t ? t : ORG_NO_TEAM;
}

/* The statement of the rep of row i: locked, computed, or why there is none. */
static void
statement_of(struct run *r, size_t i, struct comp_stmt *st)
{
	comp_stmt_of(&r->c, table_get(r->reps, i, r->rc), table_get(r->reps, i, r->pc), st);
	if (st->late)
		warn("rep '%s': %zu event%s dated in a locked period, booked after its lock, "
		    "%s paid as adjustment%s in %s", st->rep, st->late, st->late == 1 ? "" : "s",
		    st->late == 1 ? "is" : "are", st->late == 1 ? "" : "s", r->c.p.name);
}

/* --lock: every statement asked for into payouts/PERIOD.tsv, or none. */
static void
lock_period(struct run *r)
{
	struct buf rows = BUF_INIT;
	struct comp_stmt st;
	char path[64], open[32];
	size_t i, bad = 0, asked = 0;
	const char *id, *plan;
	struct txn x;

	snprintf(path, sizeof path, "payouts/%s.tsv", r->c.p.name);
	txn_begin(&x, r->c.s, r->cli.dry_run);
	for (i = 0; i < r->reps->nrows; i++) {
		id = table_get(r->reps, i, r->rc);
		plan = table_get(r->reps, i, r->pc);
		if (!wanted(r, i) || (!*plan && !comp_stmt_is_locked(&r->c, id)))
			continue;
		asked++;
		if (comp_stmt_is_locked(&r->c, id))
			continue;
		statement_of(r, i, &st);
		if (!st.ok) {
			warn("rep '%s': %s", id, st.why);
			bad++;
		} else if (comp_stmt_balance_open(&r->c, id, plan, open)) {
			warn("rep '%s': lock %s first: its draw balance carries into %s", id, open,
			    r->c.p.name);
			bad++;
		} else {
			if (st.prorated[0])
				warn("rep '%s': the quota for %s is prorated (%s)", id,
				    r->c.p.name, st.prorated);
			comp_stmt_lock_rows(&st, r->c.today, &rows);
			txn_log(&x, "lock payout %s rep %s %s", r->c.p.name, id,
			    st.v[st.n - 1][CP_COMMISSION]);
		}
		comp_stmt_free(&st);
	}
	if (bad)
		die("nothing was locked");
	if (!asked)
		die("no rep asked has a plan (give one with rep-edit REP --plan PLAN)");
	if (!x.changes)
		die("%s is already locked for every rep asked (%s)", r->c.p.name, path);
	txn_append(&x, path, &schema_payouts, &rows);
	txn_commit(&x);
	if (!r->cli.dry_run)
		cli_done(&r->cli, "locked %s for %zu rep%s", r->c.p.name, x.changes,
		    x.changes == 1 ? "" : "s");
	buf_free(&rows);
}

/* What the sheet of the rep of row i says around the lines. */
static void
sheet_of(const struct run *r, size_t i, struct comp_sheet *h)
{
	const char *cur = config_get(r->cfg, "currency");

	h->company = config_get(r->cfg, "company");
	h->name = table_get(r->reps, i, r->nc);
	h->team = team_of(r, i);
	h->currency = *cur ? cur : money_currency();
	h->period = r->c.p.name;
	h->from = r->c.p.from;
	h->to = r->c.p.to;
}

/* The statement of the rep of row i as a page of its own: HTML, or text. */
static void
page_of(struct run *r, size_t i, const struct comp_stmt *st, int html, struct buf *b)
{
	struct comp_sheet h;
	char title[96];
	FILE *f;
	char *data = NULL;
	size_t len = 0;

	sheet_of(r, i, &h);
	if (!html) {
		comp_sheet_text(st, &h, b);
		return;
	}
	if (!(f = open_memstream(&data, &len)))
		die_errno("open_memstream");
	snprintf(title, sizeof title, "Commission statement %s", r->c.p.name);
	html_to(f);
	html_begin(title);
	comp_sheet_html(st, &h);
	html_end();
	html_to(NULL);
	if (ferror(f) | fclose(f))
		die_errno("a statement in memory");
	buf_add(b, data, len);
	free(data);
}

/* The name of rep's file in --each's DIR. */
static void
file_name(const struct run *r, const char *rep, int html, struct buf *name)
{
	buf_reset(name);
	buf_printf(name, "%s-%s.%s", r->c.p.name, rep, html ? "html" : "txt");
}

/* --each DIR: a file per rep asked for, PERIOD-REP.html or .txt, none
 * written if one is there already (unless --force); each path on stdout. */
static void
write_each(struct run *r, int html)
{
	struct buf name = BUF_INIT, page = BUF_INIT;
	struct comp_stmt st;
	size_t i, there = 0;
	int fd = store_outdir_open(each);

	for (i = 0; i < r->reps->nrows; i++) {
		if (!wanted(r, i))
			continue;
		file_name(r, table_get(r->reps, i, r->rc), html, &name);
		if (!force && store_outdir_has(fd, each, name.data)) {
			warn("%s/%s: exists, from an earlier run (--force replaces it)", each,
			    name.data);
			there++;
		}
	}
	if (there)
		die("nothing was written");
	for (i = 0; i < r->reps->nrows; i++) {
		if (!wanted(r, i))
			continue;
		statement_of(r, i, &st);
		buf_reset(&page);
		page_of(r, i, &st, html, &page);
		file_name(r, st.rep, html, &name);
		store_outdir_write(fd, each, name.data, page.data, page.len);
		printf("%s/%s\n", each, name.data);
		comp_stmt_free(&st);
	}
	store_outdir_close(fd, each);
	buf_free(&name);
	buf_free(&page);
}

/* --statement: every line of every statement asked for; with -o html a
 * sheet per rep, with -o text a page per rep (a form feed between). */
static void
print_statements(struct run *r)
{
	enum out_format f = out_resolve(r->cli.format);
	struct buf page = BUF_INIT;
	const char *v[CP_NCOLS];
	struct comp_stmt st;
	struct comp_sheet h;
	char title[64];
	struct out *o = NULL;
	size_t i, j, n = 0;
	int k;

	if (f == OUT_HTML) {
		snprintf(title, sizeof title, "Commission statement%s %s", r->rep ? "" : "s",
		    r->c.p.name);
		html_begin(title);
	} else if (f != OUT_PLAIN)
		o = out_start(f, line_cols, CP_NCOLS, r->cli.no_header);
	for (i = 0; i < r->reps->nrows; i++) {
		if (!wanted(r, i))
			continue;
		statement_of(r, i, &st);
		for (j = 0; o && j < st.n; j++) {
			for (k = 0; k < CP_NCOLS; k++)
				v[k] = st.v[j][k];
			out_row(o, v);
		}
		sheet_of(r, i, &h);
		if (f == OUT_HTML)
			comp_sheet_html(&st, &h);
		else if (f == OUT_PLAIN) {
			buf_reset(&page);
			if (n++)
				buf_adds(&page, "\f\n");
			comp_sheet_text(&st, &h, &page);
			fwrite(page.data, 1, page.len, stdout);
		}
		comp_stmt_free(&st);
	}
	if (o)
		out_end(o);
	html_end();
	buf_free(&page);
}

/* The summary: a row per rep (kept, as the chart of -o html comes first). */
static void
print_summaries(struct run *r)
{
	char (*sum)[S_NCOLS][CELL] = NULL;
	struct comp_stmt st;
	size_t i, n = 0;

	for (i = 0; i < r->reps->nrows; i++) {
		if (!wanted(r, i))
			continue;
		statement_of(r, i, &st);
		sum = xreallocarray(sum, n + 1, sizeof *sum);
		summarise(&st, table_get(r->reps, i, r->nc), team_of(r, i), sum[n]);
		snprintf(sum[n++][S_PERIOD], CELL, "%s", r->c.p.name);
		comp_stmt_free(&st);
	}
	print_summary(sum, n, &r->cli, r->c.p.name);
	free(sum);
}

int
main(int argc, char *argv[])
{
	err_init(argv);
	if (cli_parse(&r.cli, usage, options, argc, argv) != 0 ||
	    (lock && (statement || r.cli.format || r.cli.no_header || r.cli.raw)) ||
	    (!lock && (r.cli.dry_run || r.cli.quiet)) || (each && !statement) ||
	    (force && !each) || (each && (r.cli.no_header || r.cli.raw)))
		cli_usage(&r.cli);
	if (each && (r.cli.columns || r.cli.color))
		cli_usage_error(&r.cli, "--each writes whole statements, without colour: "
		    "no --columns or --color");
	if (each && r.cli.format != OUT_AUTO && r.cli.format != OUT_HTML &&
	    r.cli.format != OUT_PLAIN)
		cli_usage_error(&r.cli, "--each writes -o html or -o text statements");
	if (each && !*each)
		cli_usage_error(&r.cli, "--each needs a directory");
	if (r.cli.format == OUT_PLAIN && !statement)
		cli_usage_error(&r.cli, "-o text is for --statement");
	r.c.today = date_today(r.cli.today);

	load(&r, period, lock);
	if (lock)
		lock_period(&r);
	else if (each)
		write_each(&r, r.cli.format != OUT_PLAIN);
	else if (statement)
		print_statements(&r);
	else
		print_summaries(&r);
	close_stdout();
	comp_ctx_free(&r.c);
	comp_plans_free(r.c.plans);
	stages_free(r.stages);
	table_free(r.c.quotas);
	table_free(r.cfg);
	table_free(r.reps);
	table_free(r.teams);
	org_free(r.o);
	store_close(r.c.s);
	return 0;
}
