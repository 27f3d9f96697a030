/*
 * compstmt: a rep's pay statement for a period, line by line, in the
 * columns of payouts/PERIOD.tsv (comp.h has the arithmetic; comp-calc
 * prints and locks what this builds).
 *
 *   struct comp_ctx c = { store, period, fiscal_year_start, today, quotas,
 *                         plans };        the caller loads these
 *   comp_ctx_load(&c, stages);            the locked statements, the
 *                                         adjustments ledger and the events
 *                                         the statements need
 *   comp_stmt_of(&c, rep, plan, &st);     locked, computed, or why none
 *   ... st.v[i][CP_...], st.n lines; st.ok: a payout could be computed;
 *       st.locked: it was read from payouts/ ...
 *   comp_stmt_sums(&st, &sum);            what the lines add up to
 *   comp_stmt_lock_rows(&st, today, &rows);   the lines as ledger rows
 *   comp_stmt_free(&st);
 *   comp_ctx_free(&c);
 *
 * A computed statement of a commission plan has, in this order, the lines
 * quota; won (one per deal credited to the rep, with its share of the
 * commission) and cancel (a win of the period cancelled in it); revenue;
 * threshold, or tier (one per tier line of each tier table); commission;
 * clawback (one per cancel of an earlier win); cap; then what is paid
 * around the commission: adjustment (one per late event, below), the
 * one-off lines of adjustments.tsv (spif, bonus, adjustment), draw and
 * recovery (below), balance; and payout, whose note says why nothing is
 * paid when that is so.  An override plan has override lines (one per win
 * of the manager's organisation, comp.h), cancel lines (a win of the
 * period cancelled in it), revenue and commission instead of the lines
 * quota to commission; its late events are those of the organisation.
 *
 * A clawback takes back the commission a cancelled deal earned, by the
 * plan's clawback_rate (comp.h), from the statement of the pay period it
 * was won in: its locked statement when it is locked, else that period
 * computed now.
 *
 * Never a lost late event.  A locked statement is never recomputed; an
 * event dated in a locked period (a win, a cancel) that its statement
 * does not hold was booked after the lock.  The first open period after
 * it (of the same kind; for this rep) pays the difference it makes: the
 * locked period is computed with the events its statement knew (those of
 * its lines, and of the adjustment lines locked since), with its locked
 * quota and the plan it was locked with, then with each late event added
 * in the order they were booked; each late event gets an adjustment line
 * of what it added (so the lines add up to the whole difference, caps and
 * tiers included).  Once that period is locked, its adjustment lines are
 * known too, so an event is paid once.  comp_late() lists the late events
 * no locked adjustment covers yet, for sales-check.
 *
 * Draws.  A draw (adjustments.tsv, kind draw) is the least a period pays
 * in commission: when what the rep earned (commission, clawbacks and cap,
 * and late adjustments) is below it, a draw line pays the difference.  A
 * recoverable draw adds what it paid to the rep's balance, which later
 * commission above the period's draw pays back (recovery lines), as does
 * a recovery entry of adjustments.tsv; a non-recoverable draw is a
 * guarantee and adds nothing.  The balance is carried from one period to
 * the next: from the previous period's statement (locked: its balance
 * line; open: computed, and so on back to a locked one or to the first
 * draw).  Spifs, bonuses and adjustment entries are paid on top and count
 * for no draw.
 *
 * A statement is not ok (no payout; --lock refuses it) when a commission
 * cannot be computed: revenue without a positive quota, a plan that is
 * gone, a total out of range.  Without revenue there is no commission to
 * compute, so a period with no quota and nothing won still pays its
 * clawbacks, one-off lines and draws.
 */
#ifndef COMPSTMT_H
#define COMPSTMT_H
#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "comp.h"
#include "date.h"
#include "period.h"
#include "stage.h"
#include "store.h"
#include "table.h"

/* One rep's statement: lines in the columns of payouts/PERIOD.tsv. */
struct comp_stmt {
	char *rep, *plan;
	char *(*v)[CP_NCOLS];
	size_t n, cap;
	int ok;			/* the payout could be computed */
	int locked;		/* read from payouts/ */
	size_t late;		/* adjustment lines of events booked after a lock */
	char prorated[48];	/* the quota's rows when a share was prorated, else "" */
	char why[256];		/* else: why not */
};

/* What a statement's lines add up to (the summary of comp-calc). */
struct comp_sums {
	int has_quota, has_commission, has_payout, has_balance;
	int64_t quota, revenue, commission, clawback, withheld, adjustments, draw, balance,
		payout;
	char attainment[COMP_RATE_BUFSZ], tier[24], locked[16];
	const char *note;	/* the payout line's (the statement's own) */
};

struct comp_priv;

struct comp_ctx {
	struct store *s;
	struct period p;	/* the pay period asked for */
	int fys;
	date_t today;
	struct table *quotas;
	struct comp_plans *plans;
	struct comp_events *ev;	/* comp_ctx_load's */
	struct comp_priv *priv;
};

/*
 * Read the locked statements of payouts/ and the adjustments ledger, and
 * the won and cancel events from far enough back for every statement of
 * c->p: the clawback windows, the locked periods whose ledger months have
 * changed since they were locked, the draw balances still open.
 */
void comp_ctx_load(struct comp_ctx *c, const struct stages *st);
void comp_ctx_free(struct comp_ctx *c);

/* The statement of rep for c->p: locked, else computed with plan (an id
 * of c->plans; "" for none), else a single payout line saying why not. */
void comp_stmt_of(struct comp_ctx *c, const char *rep, const char *plan,
		  struct comp_stmt *st);
/* Is rep's statement of pay period p locked (payouts/P.tsv holds it)?
 * For a program that has no context (comp-adjust). */
int comp_locked_for(struct store *s, const struct period *p, const char *rep);
/* Is rep's statement of c->p locked? */
int comp_stmt_is_locked(struct comp_ctx *c, const char *rep);
/* The period rep's statement of c->p takes its draw balance from, when
 * that one is open and holds a balance: --lock locks them in order.  0 if
 * none, else 1 and its name in name (32 bytes). */
int comp_stmt_balance_open(struct comp_ctx *c, const char *rep, const char *plan,
			   char *name);
void comp_stmt_sums(const struct comp_stmt *st, struct comp_sums *sum);
/* Append the lines of st to rows as ledger rows, marked locked today. */
void comp_stmt_lock_rows(struct comp_stmt *st, date_t today, struct buf *rows);
void comp_stmt_free(struct comp_stmt *st);

/*
 * The late events of every locked period that no locked adjustment has
 * covered yet (sales-check): fn once for each, with the rep, the locked
 * period, the day it was locked and the event (a comp_event of the
 * context); returns how many.  c as for comp_ctx_load, with c->p unset.
 */
size_t comp_late(struct comp_ctx *c, const struct stages *st,
		 void (*fn)(void *arg, const char *rep, const char *period, const char *locked,
			    const struct comp_event *e),
		 void *arg);

#endif
