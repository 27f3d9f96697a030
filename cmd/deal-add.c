/* deal-add: open deals, from options or --from FILE (a CRM export). */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "dealin.h"
#include "dealop.h"
#include "err.h"

static const char usage[] =
    "usage: deal-add --rep REP --account ACCOUNT --amount AMOUNT [--currency CODE]\n"
    "                [--product PRODUCT] [--type TYPE] [--stage STAGE] [--expected DATE]\n"
    "                [--date DATE] [--closed DATE] [--ref REF] [--note TEXT]\n"
    "                [--new-accounts] [-nq] [-D DIR] [--today DATE]\n"
    "       deal-add --from FILE [--map FILE] [--csv] [--ignore-extra] [--new-accounts]\n"
    "                [-nq] [-D DIR] [--today DATE]\n";

enum { F_REP, F_ACCOUNT, F_AMOUNT, F_PRODUCT, F_STAGE, F_EXPECTED, F_DATE, F_REF,
	F_NOTE, F_CLOSED, F_CURRENCY, F_WON_DATE, F_TYPE, NFIELDS };
static const char *const fields[NFIELDS] = {
	"rep", "account", "amount", "product", "stage", "expected", "date", "ref", "note",
	"closed", "currency", "won_date", "type"
};

/* Is the rep still with us?  Deals go to active reps only. */
static int
check_active(struct dealop *op, struct dealin *di, const char *rep)
{
	static int sc = -2, ec;	/* the roster's columns, found once */
	long row;
	const struct table *reps = dealin_reps(di, rep, &row);
	const char *status, *ended;

	if (row < 0)
		return 0;
	if (sc == -2) {
		sc = table_col(reps, "status");
		ec = table_col(reps, "ended");
	}
	status = table_get(reps, (size_t)row, sc);
	ended = table_get(reps, (size_t)row, ec);
	if (strcmp(status, "active") == 0)
		return 0;
	if (*ended)
		dealop_error(op, "rep '%s' is not active (%s since %s)", rep, status, ended);
	else
		dealop_error(op, "rep '%s' is not active (%s)", rep, status);
	return -1;
}

/* A date in the export's format as ISO text ("" when not given) and as a
 * day (*d, when given); -1 if bad. */
static int
iso_date(struct dealin *di, const char *field, const char *v, char out[DATE_BUFSZ],
	 date_t *d)
{
	int set;

	*out = '\0';
	return dealin_date(di, field, v, d, &set, out);
}

static struct cli cli;
static const char *opt[NFIELDS], *map;
static int new_accounts;
static struct buf detail;	/* the audit change of the row being queued */

static const struct cli_opt options[] = {
	CLI_OPT("rep", "REP", &opt[F_REP], "the rep who owns it: id, e-mail or name (required)"),
	CLI_OPT("account", "ACCOUNT", &opt[F_ACCOUNT], "the customer: id or name (required)"),
	CLI_OPT("amount", "AMOUNT", &opt[F_AMOUNT], "what it is worth (required)"),
	CLI_OPT("currency", "CODE", &opt[F_CURRENCY], "the amount's currency (default the company's)"),
	CLI_OPT("product", "PRODUCT", &opt[F_PRODUCT], "what is sold"),
	CLI_OPT("type", "TYPE", &opt[F_TYPE], "new (the default), renewal or expansion"),
	CLI_OPT("stage", "STAGE", &opt[F_STAGE], "its stage (default the first open one)"),
	CLI_OPT("expected", "DATE", &opt[F_EXPECTED], "the day it is expected to close"),
	CLI_OPT("date", "DATE", &opt[F_DATE], "the day it was opened (default today)"),
	CLI_OPT("closed", "DATE", &opt[F_CLOSED], "the day a won or lost deal closed"),
	CLI_OPT("ref", "REF", &opt[F_REF], "its id in the system it comes from"),
	CLI_OPT("note", "TEXT", &opt[F_NOTE], "a note"),
	CLI_FLAG("new-accounts", &new_accounts, "add an account that is not in accounts.tsv"),
	CLI_OPT("map", "FILE", &map, "read the --from export through this field map"),
	CLI_OPT_CSV,
	CLI_OPTS_WRITE, CLI_OPTS_FROM_NEW, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

/* One row of --from, checked: what its events are made of. */
struct row {
	char amount[MONEY_BUFSZ], date[DATE_BUFSZ], given[DATE_BUFSZ],
	    expected[DATE_BUFSZ], closed[DATE_BUFSZ], rep[DEALIN_IDSZ],
	    account[DEALIN_IDSZ];
	const struct stage *st;
	struct dealin_money money;
};

/* Check row v into r: 0, or -1 once every problem of the row is said. */
static int
read_row(struct dealop *op, struct dealin *di, const char *const *v, const char *today,
	 struct row *r)
{
	const char *closed_v = v[F_CLOSED] ? v[F_CLOSED] : v[F_WON_DATE];
	date_t d;
	int bad;

	bad = dealin_rep(di, v[F_REP], r->rep) < 0 || check_active(op, di, r->rep) < 0;
	bad |= dealin_account(di, v[F_ACCOUNT], r->account) < 0;
	bad |= dealin_money(di, v[F_AMOUNT], v[F_CURRENCY], &r->money) < 0;
	bad |= dealop_value(op, "product", v[F_PRODUCT]) < 0;
	bad |= dealop_value(op, "type", v[F_TYPE]) < 0;
	r->st = op->stages->first_open;
	if (v[F_STAGE] && !(r->st = dealop_stage(op, v[F_STAGE])))
		bad = 1;
	bad |= iso_date(di, "expected", v[F_EXPECTED], r->expected, &d) < 0;
	if (iso_date(di, "date", v[F_DATE], r->given, &d) < 0 ||
	    dealop_day(op, *r->given ? d : op->today, *r->given ? r->given : NULL, NULL,
	    r->date) < 0)
		bad = 1;
	if (iso_date(di, v[F_CLOSED] ? "closed" : "won_date", closed_v, r->closed, &d) < 0) {
		bad = 1;
	} else if (*r->closed && r->st->state == STAGE_OPEN) {
		dealop_error(op, "a close date (%s) for a deal at open stage '%s'",
		    r->closed, r->st->name);
		bad = 1;
	} else if (*r->closed && (strcmp(r->closed, today) > 0 ||
	    strcmp(r->closed, r->date) < 0)) {
		dealop_error(op, "close date %s is not between the deal's date (%s) "
		    "and today (%s)", r->closed, r->date, today);
		bad = 1;
	}
	if (bad || dealin_amount_on(di, &r->money, r->date, r->amount) < 0)
		return -1;
	return 0;
}

/* Queue the open event of a checked row, and its close if it is closed. */
static void
queue_row(struct dealop *op, struct dealin *di, const char *const *v, struct row *r)
{
	const struct stage *st = r->st;
	struct deal ev = { 0 };
	char id[DEALOP_IDSZ];

	/* The event borrows the row's strings: deal_queue only copies them. */
	dealop_new_id(op, id);
	ev.f[DL_DATE] = r->date;
	ev.f[DL_DEAL] = id;
	ev.f[DL_EVENT] = "open";
	ev.f[DL_REP] = r->rep;
	ev.f[DL_ACCOUNT] = r->account;
	ev.f[DL_PRODUCT] = (char *)(v[F_PRODUCT] ? v[F_PRODUCT] : "");
	ev.f[DL_AMOUNT] = r->amount;
	ev.f[DL_STAGE] = st->state == STAGE_OPEN ? st->name : op->stages->first_open->name;
	ev.f[DL_EXPECTED] = r->expected;
	ev.f[DL_REF] = (char *)(v[F_REF] ? v[F_REF] : "");
	ev.f[DL_REASON] = "";
	ev.f[DL_NOTE] = (char *)(v[F_NOTE] ? v[F_NOTE] : "");
	ev.f[DL_OPENED] = r->date;
	ev.f[DL_CURRENCY] = r->money.currency;
	ev.f[DL_CURRENCY_AMOUNT] = *r->money.currency ? r->money.text : "";
	ev.f[DL_TYPE] = (char *)(v[F_TYPE] ? v[F_TYPE] : "");
	/* "add deal %s (%s, %s, %s, %s)", without printf: a million in a bulk load */
	buf_reset(&detail);
	buf_adds(&detail, "add deal ");
	buf_adds(&detail, id);
	buf_adds(&detail, " (");
	buf_adds(&detail, r->rep);
	buf_adds(&detail, ", ");
	buf_adds(&detail, r->account);
	buf_adds(&detail, ", ");
	buf_adds(&detail, r->amount);
	buf_adds(&detail, ", ");
	buf_adds(&detail, st->name);
	buf_adds(&detail, ")");
	dealop_queue_line(op, &ev, detail.data);
	/* An import of a closed deal: it opens, and closes on its close date
	 * (the day it opened when none is given). */
	if (st->state == STAGE_OPEN)
		return;
	if (*r->closed) {
		ev.f[DL_DATE] = r->closed;
		if (dealin_amount_on(di, &r->money, r->closed, r->amount) < 0)
			return;
	}
	ev.f[DL_EVENT] = st->state == STAGE_WON ? "won" : "lost";
	ev.f[DL_STAGE] = st->name;
	dealop_queue(op, &ev, NULL);
}

int
main(int argc, char *argv[])
{
	const char *const *v;
	char today[DATE_BUFSZ];
	const struct deal *none;
	struct dealin *di;
	struct dealop *op;
	struct row r;
	size_t n;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv))
		cli_usage(&cli);
	if (map && !cli.from)
		cli_usage_error(&cli, "--map reads an export: give --from");

	op = dealop_open_map(&cli, DEALOP_ADD, fields, NFIELDS, opt, map);
	di = dealin_open(op, new_accounts);
	date_format(op->today, today);
	while (dealop_next(op, &v, &none)) {
		/* A row booked by an earlier run is skipped before it is judged:
		 * its rep may have left since, and that must not stop a re-run. */
		if (v[F_REF] && strpbrk(v[F_REF], "\t\n\r")) {
			dealop_error(op, "ref '%.64s' has a tab or line break", v[F_REF]);
			continue;
		}
		if (v[F_REF] && dealop_ref_booked(op, v[F_REF])) {
			if (!cli.quiet)
				dealop_note(op, "ref '%s' already booked; skipped", v[F_REF]);
			continue;
		}
		if (read_row(op, di, v, today, &r) == 0)
			queue_row(op, di, v, &r);
	}
	dealin_close(di);
	n = dealop_commit(op);
	if (!cli.dry_run)
		cli_done(&cli, "added %zu deal%s", n, n == 1 ? "" : "s");
	dealop_close(op);
	buf_free(&detail);
	return 0;
}
