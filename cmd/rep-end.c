/* rep-end: a rep leaves or goes on leave; the row stays, with status and end
 * date, and the status is dated in org.tsv.  With --hand-over the rep's open
 * deals and accounts go to another rep in the same transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "date.h"
#include "deal.h"
#include "caches.h"
#include "err.h"
#include "history.h"
#include "input.h"
#include "org.h"
#include "roster.h"
#include "schema.h"
#include "split.h"
#include "stage.h"
#include "store.h"
#include "txn.h"
#include "xalloc.h"
#include "suggest.h"

static const char usage[] =
    "usage: rep-end REP [--date DATE] [--status leave|gone] [--hand-over REP] [-nq]\n"
    "               [-D DIR] [--today DATE]\n"
    "       rep-end --from FILE [--date DATE] [--status leave|gone] [--hand-over REP]\n"
    "               [-nq] [-D DIR] [--today DATE]\n";

enum { F_REP, F_DATE, F_STATUS, F_HAND_OVER, NFIELDS };
static const char *const fields[NFIELDS] = { "rep", "date", "status", "hand_over" };

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
	CLI_OPT("hand-over", "REP", &opt[F_HAND_OVER],
	    "give the rep's open deals and accounts to REP"),
	CLI_OPTS_WRITE, CLI_OPT_FROM, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

/* What this run does: the reps it ends and who takes over their work. */
struct run {
	struct store *s;
	struct table *reps, *accounts, *hist;
	struct org *o;			/* before this run */
	struct stages *stages;
	struct deal_last *deals;	/* the last event of every deal */
	char **to;			/* per rep row: the successor, or NULL */
	char (*when)[DATE_BUFSZ];	/* per rep row: the end date */
	size_t *order, ndeals;		/* deals' indexes in number order */
	struct deal_batch *batch;
	struct buf log;			/* lines for txn_log, each ending in LF */
	size_t moved;			/* deals handed over */
	size_t moved_accounts;		/* accounts handed over */
};

/* Is the deal of last-event index i open and rep's? */
static int
open_of(const struct run *r, size_t i, const char *rep)
{
	return strcmp(deal_last_field(r->deals, i, DL_REP), rep) == 0 &&
	    deal_state_of(r->stages, deal_last_field(r->deals, i, DL_EVENT),
	    deal_last_field(r->deals, i, DL_STAGE)) == DEAL_OPEN;
}

/* Whether deal i is open, someone else's, and rep holds a share of it;
 * sp gets its split. */
static int
share_of(const struct run *r, size_t i, const char *rep, struct split *sp)
{
	char why[SPLIT_WHYSZ];
	size_t k;

	if (strcmp(deal_last_field(r->deals, i, DL_REP), rep) == 0 ||
	    deal_state_of(r->stages, deal_last_field(r->deals, i, DL_EVENT),
	    deal_last_field(r->deals, i, DL_STAGE)) != DEAL_OPEN ||
	    split_parse(deal_last_field(r->deals, i, DL_SPLIT), sp, why, sizeof why) < 0)
		return 0;
	for (k = 0; k < sp->n; k++)
		if (strcmp(sp->rep[k], rep) == 0)
			return 1;
	return 0;
}

/* What rep still holds: open deals, shares of others' and accounts,
 * listed in what. */
static size_t
holdings(const struct run *r, const char *rep, struct buf *what)
{
	int oc = table_col(r->accounts, "owner"), ac = table_col(r->accounts, "account");
	size_t i, k, nd = 0, ns = 0, na = 0;
	struct buf d = BUF_INIT, sh = BUF_INIT, a = BUF_INIT;
	struct split sp;

	for (k = 0; k < r->ndeals; k++) {
		i = r->order[k];
		if (open_of(r, i, rep))
			buf_printf(&d, "%s%s", nd++ ? ", " : "",
			    deal_last_field(r->deals, i, DL_DEAL));
		else if (share_of(r, i, rep, &sp))
			buf_printf(&sh, "%s%s", ns++ ? ", " : "",
			    deal_last_field(r->deals, i, DL_DEAL));
	}
	for (i = 0; oc >= 0 && i < r->accounts->nrows; i++)
		if (strcmp(table_get(r->accounts, i, oc), rep) == 0)
			buf_printf(&a, "%s%s", na++ ? ", " : "", table_get(r->accounts, i, ac));
	if (nd)
		buf_printf(what, "%zu open deal%s (%s)", nd, nd == 1 ? "" : "s", d.data);
	if (ns)
		buf_printf(what, "%sa share of %zu open deal%s (%s)", nd ? ", " : "", ns,
		    ns == 1 ? "" : "s", sh.data);
	if (na)
		buf_printf(what, "%s%zu account%s (%s)", nd + ns ? " and " : "", na,
		    na == 1 ? "" : "s", a.data);
	buf_free(&d);
	buf_free(&sh);
	buf_free(&a);
	return nd + ns + na;
}

/* Queue an event on deal i: its last row with event, rep and split, dated
 * day, or its last event's day when that is later (the ledger goes
 * forward). */
static void
queue_event(struct run *r, size_t i, const char *event, const char *rep, const char *split,
	    const char *day)
{
	struct deal ev;
	int c;

	for (c = 0; c < DL_NCOLS; c++)
		ev.f[c] = (char *)deal_last_field(r->deals, i, (enum deal_col)c);
	ev.f[DL_EVENT] = (char *)event;
	ev.f[DL_REP] = (char *)rep;
	ev.f[DL_SPLIT] = (char *)split;
	if (strcmp(ev.f[DL_DATE], day) < 0)
		ev.f[DL_DATE] = (char *)day;
	deal_queue(r->batch, &ev);
	r->moved++;
}

/* Give rep's open deals (an assign event each), shares of others' open
 * deals (a split event each) and accounts to to, from day. */
static void
hand_over(struct run *r, const char *rep, const char *to, const char *day)
{
	int oc = table_col(r->accounts, "owner"), ac = table_col(r->accounts, "account");
	char text[SPLIT_BUFSZ];
	struct split sp;
	const char *id;
	date_t d;
	size_t i, k;

	date_parse(day, &d);
	for (k = 0; k < r->ndeals; k++) {
		i = r->order[k];
		id = deal_last_field(r->deals, i, DL_DEAL);
		if (open_of(r, i, rep)) {
			/* a new owner has the whole credit */
			queue_event(r, i, "assign", to, "", day);
			buf_printf(&r->log, "assign deal %s to %s (was %s)\n", id, to, rep);
		} else if (share_of(r, i, rep, &sp)) {
			split_hand_over(&sp, rep, to);
			queue_event(r, i, "split", deal_last_field(r->deals, i, DL_REP),
			    split_format(&sp, text), day);
			buf_printf(&r->log, "split deal %s %s (%s's share to %s)\n", id, text,
			    rep, to);
		}
	}
	for (i = 0; oc >= 0 && i < r->accounts->nrows; i++) {
		if (strcmp(table_get(r->accounts, i, oc), rep) != 0)
			continue;
		org_record(r->hist, r->o, ORG_ACCOUNT, table_get(r->accounts, i, ac), "owner",
		    d, to);
		buf_printf(&r->log, "edit account %s: owner=%s (was %s) from %s\n",
		    table_get(r->accounts, i, ac), to, rep, day);
		table_set(r->accounts, i, oc, to);
		r->moved_accounts++;
	}
}

/* Check the successor of rep: on the roster on day, not rep, not ending now. */
static int
check_successor(struct input *in, const struct run *r, const char *rep, const char *to,
		const char *day)
{
	const char *status;
	long row = roster_find_rep(r->reps, to);
	date_t d;

	if (strcmp(rep, to) == 0) {
		input_error(in, "rep '%s' cannot hand over to themselves", rep);
		return 1;
	}
	if (row < 0) {
		input_error(in, "unknown rep '%.64s' to hand over to (rep-list shows the reps)",
		    to);
		return 1;
	}
	date_parse(day, &d);
	status = org_rep_status(r->o, to, d);
	if (r->to[row] || strcmp(status, "active") != 0 ||
	    strcmp(table_cell(r->reps, (size_t)row, "status"), "active") != 0) {
		input_error(in, "rep '%s' cannot take over from %s: %s is not active on %s",
		    to, rep, to, day);
		return 1;
	}
	return 0;
}

/* Write the reps this run ended (ended[row]), n of them, with their audit
 * lines, the status history and what was handed over. */
static void
commit(struct run *r, const char *ended, size_t n)
{
	struct table *reps = r->reps;
	struct buf what = BUF_INIT;
	char *line, *nl;
	struct txn x;
	size_t i;

	/* After every row is in, so ending a team together warns about no one. */
	for (i = 0; i < reps->nrows; i++) {
		if (!ended[i])
			continue;
		warn_reports(reps, table_get(reps, i, table_col(reps, "rep")));
		buf_reset(&what);
		if (!r->to[i] && holdings(r, table_get(reps, i, table_col(reps, "rep")), &what))
			warn("rep '%s' still has %s (give them to another rep with "
			    "--hand-over REP, or deal-move --rep and acct-edit --owner)",
			    table_get(reps, i, table_col(reps, "rep")), what.data);
	}
	buf_free(&what);
	txn_begin(&x, r->s, cli.dry_run);
	if (n) {
		txn_table(&x, &schema_reps, reps);
		txn_table(&x, &schema_org, r->hist);
	}
	if (r->moved_accounts)
		txn_table(&x, &schema_accounts, r->accounts);
	deal_flush(r->batch, &x);
	r->batch = NULL;
	for (i = 0; i < reps->nrows; i++)
		if (ended[i])
			txn_log(&x, "end rep %s: status=%s ended=%s",
			    table_get(reps, i, table_col(reps, "rep")),
			    table_get(reps, i, table_col(reps, "status")),
			    table_get(reps, i, table_col(reps, "ended")));
	for (line = r->log.data; line && (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		txn_log(&x, "%s", line);
	}
	txn_commit(&x);
}

/* Record each ending row in reps, history and r; the number of reps ended. */
static size_t
read_rows(struct run *r, struct input *in, char *ended, const char *today)
{
	const char *v[NFIELDS];
	size_t n = 0;
	long row;
	date_t d;

	while (input_next(in, opt, v)) {
		if (!v[F_DATE] || !*v[F_DATE])
			v[F_DATE] = today;
		if (!v[F_STATUS] || !*v[F_STATUS])
			v[F_STATUS] = "gone";
		if (!v[F_REP] || !*v[F_REP]) {
			input_error(in, "no rep id given");
			continue;
		}
		row = roster_find_rep(r->reps, v[F_REP]);
		if (check_end(in, r->reps, row, v[F_REP], v[F_DATE], v[F_STATUS], today) ||
		    (v[F_HAND_OVER] && *v[F_HAND_OVER] &&
		    check_successor(in, r, v[F_REP], v[F_HAND_OVER], v[F_DATE])))
			continue;
		table_set(r->reps, (size_t)row, table_col(r->reps, "status"), v[F_STATUS]);
		table_set(r->reps, (size_t)row, table_col(r->reps, "ended"), v[F_DATE]);
		date_parse(v[F_DATE], &d);
		org_record(r->hist, r->o, ORG_REP, v[F_REP], "status", d, v[F_STATUS]);
		snprintf(r->when[row], DATE_BUFSZ, "%s", v[F_DATE]);
		if (v[F_HAND_OVER] && *v[F_HAND_OVER])
			r->to[row] = xstrdup(v[F_HAND_OVER]);
		n += !ended[row];
		ended[row] = 1;
	}
	return n;
}

/* Hand over after every record, so that a chain of hand-overs is checked whole. */
static void
hand_overs(struct run *r, const char *ended)
{
	const struct table *reps = r->reps;
	size_t i;
	long row;

	for (i = 0; i < reps->nrows; i++)
		if (r->to[i] && (row = roster_find_rep(reps, r->to[i])) >= 0 && ended[row])
			die("rep '%s' cannot take over from %s: %s ends in this run too; "
			    "nothing was changed", r->to[i], table_get(reps, i, table_col(reps, "rep")),
			    r->to[i]);
	for (i = 0; i < reps->nrows; i++)
		if (r->to[i])
			hand_over(r, table_get(reps, i, table_col(reps, "rep")), r->to[i], r->when[i]);
}

/* What one rep's end on the command line touches in the organisation:
 * the rep, the rep handed over to, every team, and the rep's accounts
 * (org_new_of()'s want). */
struct touched {
	const char *rep, *to;
	int rc, oc;		/* the reps' key column, the accounts' owner */
};

static int
touched(void *arg, enum org_kind k, const struct table *t, size_t row)
{
	const struct touched *w = arg;
	const char *v;

	switch (k) {
	case ORG_REP:
		v = table_get(t, row, w->rc);
		return strcmp(v, w->rep) == 0 || (w->to && strcmp(v, w->to) == 0);
	case ORG_ACCOUNT:
		return w->oc >= 0 && strcmp(table_get(t, row, w->oc), w->rep) == 0;
	default:
		return 1;
	}
}

int
main(int argc, char *argv[])
{
	char today[DATE_BUFSZ];
	struct run r = { 0 };
	struct touched tw;
	struct table *reps, *teams;
	struct input *in;
	char *ended;		/* rows ended by this run */
	size_t n, i, k;
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

	r.s = store_open(cli.data_dir, STORE_WRITE);
	r.reps = reps = store_load(r.s, "reps.tsv");
	teams = store_load(r.s, "teams.tsv");
	r.accounts = store_load(r.s, "accounts.tsv");
	r.hist = org_hist_load(r.s);
	if (!cli.from && opt[F_REP]) {
		tw = (struct touched){ opt[F_REP], opt[F_HAND_OVER], table_col(reps, "rep"),
		    table_col(r.accounts, "owner") };
		r.o = org_new_of(reps, teams, r.accounts, r.hist, touched, &tw);
	} else
		r.o = org_new(reps, teams, r.accounts, r.hist);
	r.stages = stages_load(r.s);
	/* the open deals (what is handed over), in deal number order: of the
	 * one rep on the command line, or of every rep */
	r.deals = !cli.from && opt[F_REP] ? history_open_latest_of(r.s, r.stages, &opt[F_REP], 1) :
	    history_open_latest(r.s, r.stages);
	r.ndeals = deal_last_count(r.deals);
	r.order = xcalloc(r.ndeals + 1, sizeof *r.order);
	for (k = 0; k < r.ndeals; k++)
		r.order[k] = k;
	deal_last_sort(r.deals, r.order, r.ndeals);
	r.batch = deal_batch_new();
	ended = xcalloc(reps->nrows + 1, 1);
	r.to = xcalloc(reps->nrows + 1, sizeof *r.to);
	r.when = xcalloc(reps->nrows + 1, sizeof *r.when);
	in = cli_input(&cli, fields, NFIELDS, INPUT_ACT);
	n = read_rows(&r, in, ended, today);
	if (input_close(in))
		die("nothing was changed");
	hand_overs(&r, ended);

	commit(&r, ended, n);
	/* Freed before history_checkpoint() forks: a page written after the
	 * fork, while the background work runs, is a page copied. */
	for (i = 0; i < reps->nrows; i++)
		free(r.to[i]);
	free(r.to);
	free(r.when);
	buf_free(&r.log);
	free(ended);
	deal_last_free(r.deals);
	free(r.order);
	org_free(r.o);
	table_free(r.hist);
	table_free(r.accounts);
	table_free(teams);
	table_free(reps);
	if (!cli.dry_run && (r.moved || r.moved_accounts))
		history_checkpoint(r.s, r.stages, date_today(cli.today), report_caches);
	close_stdout();
	if (!cli.dry_run)
		cli_done(&cli, "ended %zu rep%s", n, n == 1 ? "" : "s");
	stages_free(r.stages);
	store_close(r.s);
	return 0;
}
