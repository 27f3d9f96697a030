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
    "       comp-calc --lock [--period P] [--rep REP] [--team TEAM] [-nq]\n"
    "                 [--today DATE] [-D DIR]\n";


enum {
	S_PERIOD, S_REP, S_NAME, S_TEAM, S_PLAN, S_QUOTA, S_REVENUE, S_ATTAIN, S_TIER,
	S_COMMISSION, S_CLAWBACK, S_WITHHELD, S_PAYOUT, S_LOCKED, S_NOTE, S_NCOLS
};
static const struct out_col sum_cols[S_NCOLS] = {
	{ "period", OUT_TEXT, 5 }, { "rep", OUT_TEXT, 1 }, { "name", OUT_TEXT, 2 },
	{ "team", OUT_TEXT, 4 }, { "plan", OUT_TEXT, 4 }, { "quota", OUT_MONEY, 3 },
	{ "revenue", OUT_MONEY, 2 }, { "attainment", OUT_NUM, 2 }, { "tier", OUT_INT, 4 },
	{ "commission", OUT_MONEY, 3 }, { "clawback", OUT_MONEY, 4 }, { "withheld", OUT_MONEY, 4 },
	{ "payout", OUT_MONEY, 1 }, { "locked", OUT_TEXT, 3 }, { "note", OUT_TEXT, 6 },
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
	int64_t v, claws = 0, withheld = 0;
	int any = 0, paid = 0;
	size_t i;

	for (i = 0; i < S_NCOLS; i++)
		cell[i][0] = '\0';
	snprintf(cell[S_REP], CELL, "%s", st->rep);
	snprintf(cell[S_NAME], CELL, "%s", name);
	snprintf(cell[S_TEAM], CELL, "%s", team);
	snprintf(cell[S_PLAN], CELL, "%s", st->plan ? st->plan : "");
	for (i = 0; i < st->n; i++) {
		char *const *f = st->v[i];
		const char *k = f[CP_KIND];

		snprintf(cell[S_PERIOD], CELL, "%s", f[CP_PERIOD]);
		snprintf(cell[S_PLAN], CELL, "%s", f[CP_PLAN]);
		snprintf(cell[S_LOCKED], CELL, "%s", f[CP_LOCKED]);
		if (strcmp(k, "quota") == 0)
			snprintf(cell[S_QUOTA], CELL, "%s", f[CP_AMOUNT]);
		else if (strcmp(k, "revenue") == 0) {
			snprintf(cell[S_REVENUE], CELL, "%s", f[CP_AMOUNT]);
			snprintf(cell[S_ATTAIN], CELL, "%s", f[CP_PCT]);
		} else if (strcmp(k, "tier") == 0)
			snprintf(cell[S_TIER], CELL, "%s", f[CP_TIER]);
		else if (strcmp(k, "commission") == 0) {
			snprintf(cell[S_COMMISSION], CELL, "%s", f[CP_COMMISSION]);
			any = 1;
		} else if (strcmp(k, "clawback") == 0 &&
		    money_parse(f[CP_COMMISSION], &v, NULL) == 0)
			claws += v;
		else if (strcmp(k, "cap") == 0 && money_parse(f[CP_COMMISSION], &v, NULL) == 0)
			withheld -= v;
		else if (strcmp(k, "payout") == 0) {
			snprintf(cell[S_PAYOUT], CELL, "%s", f[CP_COMMISSION]);
			snprintf(cell[S_NOTE], CELL, "%s", f[CP_NOTE]);
			paid = f[CP_COMMISSION][0] != '\0';
		}
	}
	if (any || paid || claws) {
		money_format(claws, cell[S_CLAWBACK]);
		if (paid)
			money_format(withheld, cell[S_WITHHELD]);
	}
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
	const struct table *locked;	/* the period's payouts, or NULL */
	struct org *o;			/* the team of each rep on a day */
	date_t last;			/* the period's last day so far */
	const char *rep, *team;
	int rc, tc, nc, pc;		/* columns of reps.tsv */
};

static struct run r;
static const char *period = "last-month";
static int statement, lock;
static const struct cli_opt options[] = {
	CLI_OPT("period", "P", &period, "the pay period: a week, month, quarter or year"),
	CLI_OPT("rep", "REP", &r.rep, "only the rep REP"),
	CLI_OPT("team", "TEAM", &r.team, "only the reps of TEAM"),
	CLI_FLAG("statement", &statement, "print every line of each statement"),
	CLI_FLAG("lock", &lock, "lock the period's statements instead of printing them"),
	CLI_OPTS_WRITE, CLI_OPTS_REPORT, CLI_OPT_TODAY, CLI_OPT_DATA_DIR,
	CLI_END
};

/* Open the data, check the period and the names asked for, load the
 * tables and the won and cancel events the statements need. */
static void
load(struct run *r, const char *period, int lock)
{
	struct comp_ctx *c = &r->c;
	struct period first;
	char to[DATE_BUFSZ], hint[SUGGEST_BUFSZ];
	int64_t maxdays = 0;
	size_t i;

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
	/* Clawbacks look back to the pay period of the longest window. */
	for (i = 0; i < c->plans->n; i++)
		if (c->plans->v[i].clawback_days > maxdays)
			maxdays = c->plans->v[i].clawback_days;
	comp_pay_period(c->p.kind, c->p.from - (date_t)maxdays > DATE_MIN ?
	    c->p.from - (date_t)maxdays : DATE_MIN, c->fys, &first);
	c->ev = comp_events_scan(c->s, r->stages, first.from, c->p.to);
	r->locked = comp_locked_file(c, &c->p);
}

/* Does the rep of row i get a statement?  Those asked for, with a plan or
 * locked; one rep asked for by name always. */
static int
wanted(const struct run *r, size_t i)
{
	const char *id = table_get(r->reps, i, r->rc);

	if ((r->rep && strcmp(r->rep, id) != 0) ||
	    (r->team && org_days_on_team(r->o, id, r->team, r->c.p.from, r->last) <= 0))
		return 0;
	return *table_get(r->reps, i, r->pc) || comp_locked_has(r->locked, id) || r->rep;
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
	const char *id = table_get(r->reps, i, r->rc), *plan = table_get(r->reps, i, r->pc);
	const struct comp_plan *pl;

	memset(st, 0, sizeof *st);
	st->rep = id;
	st->plan = plan;
	if (comp_locked_has(r->locked, id)) {
		comp_stmt_load_locked(r->locked, id, st);
	} else if (!*plan) {
		snprintf(st->why, sizeof st->why, "no plan (give one with rep-edit %s --plan PLAN)",
		    id);
		comp_stmt_none(st, &r->c, st->why);
	} else if (!(pl = comp_plan_find(r->c.plans, plan))) {
		snprintf(st->why, sizeof st->why, "unknown plan '%s' (run sales-check)", plan);
		comp_stmt_none(st, &r->c, st->why);
	} else
		comp_stmt_compute(&r->c, id, pl, st);
}

/* --lock: every statement asked for into payouts/PERIOD.tsv, or none. */
static void
lock_period(struct run *r)
{
	struct buf rows = BUF_INIT;
	struct comp_stmt st;
	char path[64];
	size_t i, bad = 0, asked = 0;
	const char *id;
	struct txn x;

	snprintf(path, sizeof path, "payouts/%s.tsv", r->c.p.name);
	txn_begin(&x, r->c.s, r->cli.dry_run);
	for (i = 0; i < r->reps->nrows; i++) {
		id = table_get(r->reps, i, r->rc);
		if (!wanted(r, i) || (!*table_get(r->reps, i, r->pc) &&
		    !comp_locked_has(r->locked, id)))
			continue;
		asked++;
		statement_of(r, i, &st);
		if (!comp_locked_has(r->locked, id) && !st.ok) {
			warn("rep '%s': %s", id, st.why);
			bad++;
		} else if (!comp_locked_has(r->locked, id)) {
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

/* --statement: every line of every statement asked for. */
static void
print_statements(struct run *r)
{
	enum out_format f = out_resolve(r->cli.format);
	const char *v[CP_NCOLS];
	struct comp_stmt st;
	char title[64];
	struct out *o;
	size_t i, j;
	int k;

	if (f == OUT_HTML) {
		snprintf(title, sizeof title, "Commission statements %s", r->c.p.name);
		html_begin(title);
	}
	o = out_start(f, line_cols, CP_NCOLS, r->cli.no_header);
	for (i = 0; i < r->reps->nrows; i++) {
		if (!wanted(r, i))
			continue;
		statement_of(r, i, &st);
		for (j = 0; j < st.n; j++) {
			for (k = 0; k < CP_NCOLS; k++)
				v[k] = st.v[j][k];
			out_row(o, v);
		}
		comp_stmt_free(&st);
	}
	out_end(o);
	html_end();
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
	    (!lock && (r.cli.dry_run || r.cli.quiet)))
		cli_usage(&r.cli);
	r.c.today = date_today(r.cli.today);

	load(&r, period, lock);
	if (lock)
		lock_period(&r);
	else if (statement)
		print_statements(&r);
	else
		print_summaries(&r);
	close_stdout();
	comp_locked_free(&r.c);
	comp_events_free(r.c.ev);
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
