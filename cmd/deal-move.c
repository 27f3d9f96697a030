/* deal-move: move deals to another stage, reopen lost ones, amend them, or
 * give them to another rep. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dealop.h"
#include "err.h"
#include "org.h"

static const char usage[] =
    "usage: deal-move DEAL [--stage STAGE] [--amount AMOUNT] [--expected DATE]\n"
    "                 [--rep REP] [--date DATE] [-nq] [-D DIR] [--today DATE]\n"
    "       deal-move --from FILE [--stage STAGE] [--amount AMOUNT] [--expected DATE]\n"
    "                 [--rep REP] [--date DATE] [-nq] [-D DIR] [--today DATE]\n";

enum { F_DEAL, F_STAGE, F_AMOUNT, F_EXPECTED, F_REP, F_DATE, NFIELDS };
static const char *const fields[NFIELDS] = {
	"deal", "stage", "amount", "expected", "rep", "date"
};

static int
same(const char *given, const char *now)
{
	return !given || strcmp(given, now) == 0;
}

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("stage", "STAGE", &opt[F_STAGE], "its open stage (reopens a lost deal)"),
	CLI_OPT("amount", "AMOUNT", &opt[F_AMOUNT], "its new amount"),
	CLI_OPT("expected", "DATE", &opt[F_EXPECTED], "the day it is now expected to close"),
	CLI_OPT("rep", "REP", &opt[F_REP], "give the open deal to REP (an assign event)"),
	CLI_OPT("date", "DATE", &opt[F_DATE], "the day of the change (default today)"),
	CLI_OPTS_WRITE, CLI_OPT_FROM, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

/* Check the changes of one record against the deal as it is (cur); 1 if
 * any is bad (reported).  st gets the new stage, or NULL. */
static int
bad_change(struct dealop *op, const char *const *v, const struct deal *cur,
	   const struct stage **st, char *amount, char *date)
{
	const char *id = cur->f[DL_DEAL];
	enum deal_state state = dealop_state(op, cur);
	int bad = 0;

	if (!v[F_STAGE] && !v[F_AMOUNT] && !v[F_EXPECTED]) {
		dealop_error(op, "%s: nothing to change (give a stage, amount or "
		    "expected date)", id);
		return 1;
	}
	*st = NULL;
	if (v[F_STAGE] && !(*st = dealop_stage(op, v[F_STAGE]))) {
		bad = 1;
	} else if (*st && (*st)->state != STAGE_OPEN) {
		dealop_error(op, "stage '%s' closes a deal: use deal-won or deal-lost",
		    (*st)->name);
		bad = 1;
	}
	if (v[F_AMOUNT])
		bad |= dealop_amount(op, v[F_AMOUNT], amount) < 0;
	bad |= dealop_value(op, "expected", v[F_EXPECTED]) < 0;
	if (state == DEAL_WON || state == DEAL_CANCELLED) {
		dealop_error(op, "%s is %s (%s) and cannot be moved", id,
		    deal_state_name(state), cur->f[DL_DATE]);
		return 1;
	}
	if (state == DEAL_LOST && !v[F_STAGE]) {
		dealop_error(op, "%s is lost (%s): give a stage to reopen it", id,
		    cur->f[DL_DATE]);
		return 1;
	}
	return dealop_date(op, v[F_DATE], cur, date) < 0 || bad;
}

/* Queue the event the checked changes make: reopen, stage or amend. */
static void
move(struct dealop *op, const char *const *v, const struct deal *cur,
     const struct stage *st, const char *amount, const char *date)
{
	const char *id = cur->f[DL_DEAL], *event;
	enum deal_state state = dealop_state(op, cur);
	struct deal *ev;

	if (state == DEAL_LOST)
		event = "reopen";
	else if (st && strcmp(st->name, cur->f[DL_STAGE]) != 0)
		event = "stage";
	else
		event = "amend";
	if (strcmp(event, "amend") == 0 && same(v[F_AMOUNT] ? amount : NULL,
	    cur->f[DL_AMOUNT]) && same(v[F_EXPECTED], cur->f[DL_EXPECTED])) {
		if (st)
			dealop_error(op, "%s is already at stage '%s'", id, st->name);
		else
			dealop_error(op, "%s: nothing to change", id);
		return;
	}

	ev = dealop_event(cur, event, date);
	if (st)
		deal_set(ev, DL_STAGE, st->name);
	if (v[F_AMOUNT])
		dealop_set_amount(ev, amount);
	if (v[F_EXPECTED])
		deal_set(ev, DL_EXPECTED, v[F_EXPECTED]);
	if (state == DEAL_LOST)
		deal_set(ev, DL_REASON, "");
	if (strcmp(event, "amend") == 0)
		dealop_queue(op, ev, "amend deal %s (amount %s, expected %s)", id,
		    ev->f[DL_AMOUNT], *ev->f[DL_EXPECTED] ? ev->f[DL_EXPECTED] : "none");
	else
		dealop_queue(op, ev, "%s deal %s %s %s", state == DEAL_LOST ?
		    "reopen" : "move", ev->f[DL_DEAL], state == DEAL_LOST ? "at" : "to",
		    ev->f[DL_STAGE]);
	deal_free(ev);
}

/*
 * A new owner (given and not the one there): an assign event of an open
 * deal to a rep on the roster that day, and nothing else in the record.
 * 1 if it was one (queued, or reported).
 */
static int
reassign(struct dealop *op, struct org **o, const char *const *v,
	 const struct deal *cur, char *amount, char *date)
{
	const char *id = cur->f[DL_DEAL];
	enum deal_state state = dealop_state(op, cur);
	struct deal *ev;

	if (!v[F_REP] || strcmp(v[F_REP], cur->f[DL_REP]) == 0)
		return 0;
	if (state != DEAL_OPEN) {
		dealop_error(op, "%s is %s (%s) and cannot be reassigned", id,
		    deal_state_name(state), cur->f[DL_DATE]);
		return 1;
	}
	if ((v[F_STAGE] && strcmp(v[F_STAGE], cur->f[DL_STAGE]) != 0) ||
	    (v[F_AMOUNT] && (dealop_amount(op, v[F_AMOUNT], amount) < 0 ||
	    strcmp(amount, cur->f[DL_AMOUNT]) != 0)) ||
	    (v[F_EXPECTED] && strcmp(v[F_EXPECTED], cur->f[DL_EXPECTED]) != 0)) {
		dealop_error(op, "%s: give a new rep, or a stage, amount or expected date, "
		    "not both at once", id);
		return 1;
	}
	if (dealop_date(op, v[F_DATE], cur, date) < 0)
		return 1;
	if (!*o)	/* the roster, for a change of owner alone */
		*o = org_load(op->s, 0);
	if (dealop_rep(op, *o, v[F_REP], date, "take", id) < 0)
		return 1;
	ev = dealop_event(cur, "assign", date);
	deal_set(ev, DL_REP, v[F_REP]);
	deal_set(ev, DL_SPLIT, "");	/* a new owner has the whole credit */
	dealop_queue(op, ev, "assign deal %s to %s (was %s)", id, v[F_REP], cur->f[DL_REP]);
	deal_free(ev);
	return 1;
}

int
main(int argc, char *argv[])
{
	char amount[MONEY_BUFSZ], date[DATE_BUFSZ];
	const char *const *v;
	const struct stage *st;
	const struct deal *cur;
	struct dealop *op;
	struct org *o = NULL;
	size_t n;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	cli_record(&cli, opt, F_DEAL, -1);
	if (!cli.from && !opt[F_STAGE] && !opt[F_AMOUNT] && !opt[F_EXPECTED] && !opt[F_REP])
		cli_usage(&cli);

	op = dealop_open(&cli, DEALOP_ACT, fields, NFIELDS, opt);
	while (dealop_next(op, &v, &cur)) {
		if (reassign(op, &o, v, cur, amount, date))
			continue;
		if (opt[F_REP] && !v[F_STAGE] && !v[F_AMOUNT] && !v[F_EXPECTED]) {
			dealop_error(op, "%s already belongs to %s", cur->f[DL_DEAL], v[F_REP]);
			continue;
		}
		if (!bad_change(op, v, cur, &st, amount, date))
			move(op, v, cur, st, amount, date);
	}
	org_free(o);
	n = dealop_commit(op);
	if (!cli.dry_run)
		cli_done(&cli, "changed %zu deal%s", n, n == 1 ? "" : "s");
	dealop_close(op);
	return 0;
}
