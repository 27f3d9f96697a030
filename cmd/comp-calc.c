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
#include "out.h"
#include "roster.h"
#include "store.h"
#include "txn.h"
#include "xalloc.h"

static const char usage[] =
    "usage: comp-calc [--period P] [--rep REP] [--team TEAM] [--statement]\n"
    "                 [-o FORMAT] [--no-header] [--today DATE] [-D DIR]\n"
    "       comp-calc --lock [--period P] [--rep REP] [--team TEAM] [-nq]\n"
    "                 [--today DATE] [-D DIR]\n"
    "\n"
    "      --period=P           the pay period: a week, month, quarter or year\n"
    "      --rep=REP            only the rep REP\n"
    "      --team=TEAM          only the reps of TEAM\n"
    "      --statement          print every line of each statement\n"
    "      --lock               lock the period's statements instead of printing them\n"
    CLI_LINES_WRITE CLI_LINES_REPORT CLI_LINES_TODAY CLI_LINES_DATA_DIR CLI_LINES_END;

enum { OPT_PERIOD = CLI_OWN, OPT_REP, OPT_TEAM, OPT_STATEMENT, OPT_LOCK };

enum {
	S_PERIOD, S_REP, S_NAME, S_TEAM, S_PLAN, S_QUOTA, S_REVENUE, S_ATTAIN, S_TIER,
	S_COMMISSION, S_CLAWBACK, S_WITHHELD, S_PAYOUT, S_LOCKED, S_NOTE, S_NCOLS
};
static const struct out_col sum_cols[S_NCOLS] = {
	{ "period", OUT_TEXT }, { "rep", OUT_TEXT }, { "name", OUT_TEXT },
	{ "team", OUT_TEXT }, { "plan", OUT_TEXT }, { "quota", OUT_MONEY },
	{ "revenue", OUT_MONEY }, { "attainment", OUT_NUM }, { "tier", OUT_INT },
	{ "commission", OUT_MONEY }, { "clawback", OUT_MONEY }, { "withheld", OUT_MONEY },
	{ "payout", OUT_MONEY }, { "locked", OUT_TEXT }, { "note", OUT_TEXT },
};
static const struct out_col line_cols[CP_NCOLS] = {
	{ "period", OUT_TEXT }, { "rep", OUT_TEXT }, { "plan", OUT_TEXT },
	{ "kind", OUT_TEXT }, { "deal", OUT_TEXT }, { "date", OUT_TEXT },
	{ "tier", OUT_INT }, { "amount", OUT_MONEY }, { "pct", OUT_NUM },
	{ "commission", OUT_MONEY }, { "note", OUT_TEXT }, { "locked", OUT_TEXT },
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
		it[i].label = rows[i][S_REP];
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

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_WRITE, CLI_REPORT,
		{ "period", required_argument, NULL, OPT_PERIOD },
		{ "rep", required_argument, NULL, OPT_REP },
		{ "team", required_argument, NULL, OPT_TEAM },
		{ "statement", no_argument, NULL, OPT_STATEMENT },
		{ "lock", no_argument, NULL, OPT_LOCK },
		{ 0 }
	};
	const char *period = "last-month", *rep = NULL, *team = NULL, *f[CP_NCOLS];
	char (*sum)[S_NCOLS][CELL] = NULL, path[64], to[DATE_BUFSZ], title[64];
	struct table *cfg, *reps, *teams;
	struct buf rows = BUF_INIT;
	const struct table *lk;
	const struct comp_plan *pl;
	struct comp_ctx c = { 0 };
	struct cli cli = { 0 };
	struct comp_stmt st;
	struct period first;
	struct out *o = NULL;
	struct txn x;
	int64_t maxdays = 0;
	size_t i, j, bad = 0, asked = 0, nsum = 0;
	int ch, statement = 0, lock = 0, rc, tc, nc, pc, k;

	err_init(argv);
	while ((ch = getopt_long(argc, argv, "D:hnqo:", opts, NULL)) != -1) {
		switch (ch) {
		case OPT_PERIOD: period = optarg; break;
		case OPT_REP: rep = optarg; break;
		case OPT_TEAM: team = optarg; break;
		case OPT_STATEMENT: statement = 1; break;
		case OPT_LOCK: lock = 1; break;
		default: cli_common(&cli, ch, usage);
		}
	}
	if (optind != argc || (lock && (statement || cli.format || cli.no_header)) ||
	    (!lock && (cli.dry_run || cli.quiet)))
		die_usage(usage);
	c.today = date_today(cli.today);

	c.s = store_open(cli.data_dir, lock ? STORE_WRITE : STORE_READ);
	cfg = config_load(c.s);
	c.fys = config_fiscal_start(cfg);
	if (period_parse(period, c.today, c.fys, &c.p) < 0)
		die_status(EXIT_USAGE, "invalid period '%s' (see salesmgr(7) for periods)", period);
	if (comp_pay_period(c.p.kind, c.p.from, c.fys, &first) < 0)
		die_status(EXIT_USAGE, "invalid period '%s': a pay period is a week, month, "
		    "quarter or year", period);
	/* A lock is for good: it is taken against the real date, which --today
	 * does not move. */
	if (lock && (c.p.to >= c.today || c.p.to >= date_today(NULL)))
		die("%s is not over until %s: lock it after that", c.p.name,
		    date_format(c.p.to, to));
	reps = store_load(c.s, "reps.tsv");
	teams = store_load(c.s, "teams.tsv");
	c.quotas = store_load(c.s, "quotas.tsv");
	c.plans = comp_plans_load(c.s);
	rc = table_col(reps, "rep");
	tc = table_col(reps, "team");
	nc = table_col(reps, "name");
	pc = table_col(reps, "plan");
	table_sort(reps, &rc, 1);
	if (rep && roster_find_rep(reps, rep) < 0)
		die("unknown rep '%s' (rep-list shows the reps)", rep);
	if (team && table_find(teams, table_col(teams, "team"), team) < 0)
		die("unknown team '%s' (team-list shows the teams)", team);

	/* Clawbacks look back to the pay period of the longest window. */
	for (i = 0; i < c.plans->n; i++)
		if (c.plans->v[i].clawback_days > maxdays)
			maxdays = c.plans->v[i].clawback_days;
	comp_pay_period(c.p.kind, c.p.from - (date_t)maxdays > DATE_MIN ?
	    c.p.from - (date_t)maxdays : DATE_MIN, c.fys, &first);
	c.ev = comp_events_scan(c.s, first.from, c.p.to);
	lk = comp_locked_file(&c, &c.p);
	snprintf(path, sizeof path, "payouts/%s.tsv", c.p.name);

	if (lock)
		txn_begin(&x, c.s, cli.dry_run);
	else if (statement) {
		if (out_resolve(cli.format) == OUT_HTML) {
			snprintf(title, sizeof title, "Commission statements %s", c.p.name);
			html_begin(title);
		}
		o = out_start(out_resolve(cli.format), line_cols, CP_NCOLS, cli.no_header);
	}
	for (i = 0; i < reps->nrows; i++) {
		const char *id = table_get(reps, i, rc), *plan = table_get(reps, i, pc);

		if ((rep && strcmp(rep, id) != 0) || (team && strcmp(team, table_get(reps, i, tc))))
			continue;
		if (!*plan && !comp_locked_has(lk, id) && !rep)
			continue;
		memset(&st, 0, sizeof st);
		st.rep = id;
		st.plan = plan;
		if (comp_locked_has(lk, id)) {
			comp_stmt_load_locked(lk, id, &st);
		} else if (!*plan) {
			snprintf(st.why, sizeof st.why, "no plan (give one with rep-edit %s --plan PLAN)",
			    id);
			comp_stmt_none(&st, &c, st.why);
		} else if (!(pl = comp_plan_find(c.plans, plan))) {
			snprintf(st.why, sizeof st.why, "unknown plan '%s' (run sales-check)", plan);
			comp_stmt_none(&st, &c, st.why);
		} else
			comp_stmt_compute(&c, id, pl, &st);
		if (lock) {
			if (*plan || comp_locked_has(lk, id))
				asked++;
			if (comp_locked_has(lk, id))
				;
			else if (!st.ok && *plan) {
				warn("rep '%s': %s", id, st.why);
				bad++;
			} else if (st.ok) {
				comp_stmt_lock_rows(&st, c.today, &rows);
				txn_log(&x, "lock payout %s rep %s %s", c.p.name, id,
				    st.v[st.n - 1][CP_COMMISSION]);
			}
		} else if (statement) {
			for (j = 0; j < st.n; j++) {
				for (k = 0; k < CP_NCOLS; k++)
					f[k] = st.v[j][k];
				out_row(o, f);
			}
		} else {
			/* Kept, as the chart of -o html comes before the table. */
			sum = xreallocarray(sum, nsum + 1, sizeof *sum);
			summarise(&st, table_get(reps, i, nc), table_get(reps, i, tc), sum[nsum]);
			snprintf(sum[nsum++][S_PERIOD], CELL, "%s", c.p.name);
		}
		comp_stmt_free(&st);
	}
	if (lock) {
		if (bad)
			die("nothing was locked");
		if (!asked)
			die("no rep asked has a plan (give one with rep-edit REP --plan PLAN)");
		if (!x.changes)
			die("%s is already locked for every rep asked (%s)", c.p.name, path);
		txn_append(&x, path, &comp_payouts, &rows);
		txn_commit(&x);
		close_stdout();
		if (!cli.dry_run)
			cli_done(&cli, "locked %s for %zu rep%s", c.p.name, x.changes,
			    x.changes == 1 ? "" : "s");
	} else {
		if (statement)
			out_end(o);
		else
			print_summary(sum, nsum, &cli, c.p.name);
		html_end();
		close_stdout();
	}
	free(sum);
	buf_free(&rows);
	comp_locked_free(&c);
	comp_events_free(c.ev);
	comp_plans_free(c.plans);
	table_free(c.quotas);
	table_free(cfg);
	table_free(reps);
	table_free(teams);
	store_close(c.s);
	return 0;
}
