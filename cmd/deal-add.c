/* deal-add: open deals, from options or --from FILE (a CRM export). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dealop.h"
#include "err.h"
#include "intern.h"
#include "table.h"

static const char usage[] =
    "usage: deal-add --rep REP --account ACCOUNT --amount AMOUNT [--product PRODUCT]\n"
    "                [--stage STAGE] [--expected DATE] [--date DATE] [--ref REF]\n"
    "                [--note TEXT] [-nq] [-D DIR] [--today DATE]\n"
    "       deal-add --from FILE [--ignore-extra] [-nq] [-D DIR] [--today DATE]\n";

enum { F_REP, F_ACCOUNT, F_AMOUNT, F_PRODUCT, F_STAGE, F_EXPECTED, F_DATE, F_REF,
	F_NOTE, NFIELDS };
static const char *const fields[NFIELDS] = {
	"rep", "account", "amount", "product", "stage", "expected", "date", "ref", "note"
};

/* The row of each rep in reps.tsv, by id: an import checks a rep per row. */
static struct intern *
index_reps(const struct table *reps)
{
	struct intern *h = intern_new();
	int rc = table_col(reps, "rep");
	size_t i;

	for (i = 0; i < reps->nrows; i++)
		intern_add(h, table_get(reps, i, rc), strlen(table_get(reps, i, rc)));
	return h;
}

static int
check_rep(struct dealop *op, const struct table *reps, const struct intern *ix,
	  const char *rep)
{
	const char *status, *ended;
	long row;

	if (dealop_value(op, "rep", rep) < 0)
		return -1;
	if ((row = intern_get(ix, rep, strlen(rep))) < 0) {
		dealop_error(op, "unknown rep '%s' (add it with rep-add)", rep);
		return -1;
	}
	status = table_get(reps, (size_t)row, table_col(reps, "status"));
	ended = table_get(reps, (size_t)row, table_col(reps, "ended"));
	if (strcmp(status, "active") == 0)
		return 0;
	if (*ended)
		dealop_error(op, "rep '%s' is not active (%s since %s)", rep, status, ended);
	else
		dealop_error(op, "rep '%s' is not active (%s)", rep, status);
	return -1;
}

/* 1 (reported) when a field every deal needs was not given. */
static int
required(struct dealop *op, const char *v, const char *field)
{
	if (v)
		return 0;
	dealop_error(op, "no %s given (use --%s)", field, field);
	return 1;
}

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("rep", "REP", &opt[F_REP], "the rep who owns the deal (required)"),
	CLI_OPT("account", "ACCOUNT", &opt[F_ACCOUNT], "the customer (required)"),
	CLI_OPT("amount", "AMOUNT", &opt[F_AMOUNT], "what it is worth (required)"),
	CLI_OPT("product", "PRODUCT", &opt[F_PRODUCT], "what is sold"),
	CLI_OPT("stage", "STAGE", &opt[F_STAGE], "its stage (default the first open one)"),
	CLI_OPT("expected", "DATE", &opt[F_EXPECTED], "the day it is expected to close"),
	CLI_OPT("date", "DATE", &opt[F_DATE], "the day it was opened (default today)"),
	CLI_OPT("ref", "REF", &opt[F_REF], "its id in the system it comes from"),
	CLI_OPT("note", "TEXT", &opt[F_NOTE], "a note"),
	CLI_OPTS_WRITE, CLI_OPTS_FROM_NEW, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

/* Check one record, reporting every problem; 1 if it is bad.  The amount
 * and the date get their canonical forms, st the deal's stage. */
static int
bad_record(struct dealop *op, const struct table *reps, const struct intern *repix,
	   const char *const *v, char *amount, char *date, const struct stage **st)
{
	int bad;

	bad = required(op, v[F_REP], "rep") || check_rep(op, reps, repix, v[F_REP]) < 0;
	bad |= required(op, v[F_ACCOUNT], "account") ||
	    dealop_value(op, "account", v[F_ACCOUNT]) < 0;
	bad |= required(op, v[F_AMOUNT], "amount") ||
	    dealop_amount(op, v[F_AMOUNT], amount) < 0;
	bad |= dealop_value(op, "product", v[F_PRODUCT]) < 0;
	*st = op->stages->first_open;
	if (v[F_STAGE] && !(*st = dealop_stage(op, v[F_STAGE])))
		bad = 1;
	bad |= dealop_value(op, "expected", v[F_EXPECTED]) < 0;
	bad |= dealop_date(op, v[F_DATE], NULL, date) < 0;
	return bad;
}

/* Queue the checked record's deal: opened, and closed too for a closed stage. */
static void
queue_deal(struct dealop *op, const char *const *v, const struct stage *st,
	   char *amount, char *date)
{
	char id[DEALOP_IDSZ];
	struct deal ev = { 0 };

	/* The event borrows the row's strings: deal_queue only copies them. */
	dealop_new_id(op, id);
	ev.f[DL_DATE] = date;
	ev.f[DL_DEAL] = id;
	ev.f[DL_EVENT] = "open";
	ev.f[DL_REP] = (char *)v[F_REP];
	ev.f[DL_ACCOUNT] = (char *)v[F_ACCOUNT];
	ev.f[DL_PRODUCT] = (char *)(v[F_PRODUCT] ? v[F_PRODUCT] : "");
	ev.f[DL_AMOUNT] = amount;
	ev.f[DL_STAGE] = st->state == STAGE_OPEN ? st->name : op->stages->first_open->name;
	ev.f[DL_EXPECTED] = (char *)(v[F_EXPECTED] ? v[F_EXPECTED] : "");
	ev.f[DL_REF] = (char *)(v[F_REF] ? v[F_REF] : "");
	ev.f[DL_REASON] = "";
	ev.f[DL_NOTE] = (char *)(v[F_NOTE] ? v[F_NOTE] : "");
	ev.f[DL_OPENED] = date;
	dealop_queue(op, &ev, "add deal %s (%s, %s, %s, %s)", id, v[F_REP],
	    v[F_ACCOUNT], amount, st->name);
	/* An import of a closed deal: it opens and closes the same day. */
	if (st->state != STAGE_OPEN) {
		ev.f[DL_EVENT] = st->state == STAGE_WON ? "won" : "lost";
		ev.f[DL_STAGE] = st->name;
		dealop_queue(op, &ev, NULL);
	}
}

int
main(int argc, char *argv[])
{
	char amount[MONEY_BUFSZ], date[DATE_BUFSZ];
	const char *const *v;
	const struct stage *st;
	const struct deal *none;
	struct table *reps;
	struct intern *repix;
	struct dealop *op;
	size_t n;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv))
		cli_usage(&cli);

	op = dealop_open(&cli, DEALOP_ADD, fields, NFIELDS, opt);
	reps = store_load(op->s, "reps.tsv");
	repix = index_reps(reps);
	while (dealop_next(op, &v, &none)) {
		/* A row booked by an earlier run is skipped before it is judged:
		 * its rep may have left since, and that must not stop a re-run. */
		if (v[F_REF] && strpbrk(v[F_REF], "\t\n\r")) {
			dealop_error(op, "ref '%.64s' has a tab or line break", v[F_REF]);
			continue;
		}
		if (v[F_REF] && dealop_ref_booked(op, v[F_REF])) {
			dealop_note(op, "ref '%s' already booked; skipped", v[F_REF]);
			continue;
		}
		if (!bad_record(op, reps, repix, v, amount, date, &st))
			queue_deal(op, v, st, amount, date);
	}
	n = dealop_commit(op);
	if (!cli.dry_run)
		cli_done(&cli, "added %zu deal%s", n, n == 1 ? "" : "s");
	intern_free(repix);
	table_free(reps);
	dealop_close(op);
	return 0;
}
