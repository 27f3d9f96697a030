/*
 * compstmt: a rep's pay statement for a period, line by line, in the
 * columns of payouts/PERIOD.tsv (comp.h has the arithmetic; comp-calc
 * prints and locks what this builds).
 *
 *   struct comp_ctx c = { store, period, fiscal_year_start, today, quotas,
 *                         plans, events };         the caller loads these
 *   t = comp_locked_file(&c, &c.p);        the period's locked statements,
 *                                          or NULL: never locked
 *   if (comp_locked_has(t, rep)) comp_stmt_load_locked(t, rep, &st);
 *   else comp_stmt_compute(&c, rep, plan, &st);   or comp_stmt_none()
 *   ... st.v[i][CP_...], st.n lines; st.ok: a payout could be computed ...
 *   comp_stmt_lock_rows(&st, today, &rows);   the lines as ledger rows
 *   comp_stmt_free(&st);
 *   comp_locked_free(&c);
 *
 * A computed statement has the lines quota, revenue, one per won deal with
 * its commission, one per clawback with the deal it undoes, one per tier
 * reached, commission, cap and payout; the payout line's note says why
 * nothing is paid when that is so.  A clawback takes back the commission a
 * cancelled deal earned, at the effective rate of the pay period it was
 * won in (from that period's locked statement when it is locked).
 */
#ifndef COMPSTMT_H
#define COMPSTMT_H
#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "comp.h"
#include "date.h"
#include "period.h"
#include "store.h"
#include "table.h"

/* One rep's statement: lines in the columns of payouts/PERIOD.tsv. */
struct comp_stmt {
	const char *rep, *plan;
	char *(*v)[CP_NCOLS];
	size_t n, cap;
	int ok;			/* the payout could be computed */
	char prorated[48];	/* the quota's rows when a share was prorated, else "" */
	char why[160];		/* else: why not */
};

/* A locked period's file, loaded once. */
struct comp_locked {
	char name[32];
	struct table *t;
};

struct comp_ctx {
	struct store *s;
	struct period p;
	int fys;
	date_t today;
	struct table *quotas;
	struct comp_plans *plans;
	struct comp_events *ev;
	struct comp_locked lk[16];
	size_t nlk;
};

void comp_stmt_compute(struct comp_ctx *c, const char *rep, const struct comp_plan *pl,
		       struct comp_stmt *st);
/* A statement of a single payout line whose note is why. */
void comp_stmt_none(struct comp_stmt *st, const struct comp_ctx *c, const char *why);
void comp_stmt_load_locked(const struct table *t, const char *rep, struct comp_stmt *st);
/* Append the lines of st to rows as ledger rows, marked locked today. */
void comp_stmt_lock_rows(struct comp_stmt *st, date_t today, struct buf *rows);
void comp_stmt_free(struct comp_stmt *st);

/* The locked statements of period q (loaded once), or NULL if never locked. */
const struct table *comp_locked_file(struct comp_ctx *c, const struct period *q);
/* Does the locked file t hold rep's statement? */
int comp_locked_has(const struct table *t, const char *rep);
void comp_locked_free(struct comp_ctx *c);

#endif
