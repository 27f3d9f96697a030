/*
 * dealin: a deal as an export describes it, put in salesmgr's terms and
 * checked, for the programs that take deals in bulk (deal-add --from,
 * deal-sync): owners matched to reps, companies to accounts, amounts and
 * dates read the way the export writes them (fieldmap.h), stages and
 * statuses made one state, other currencies converted (rates.h).
 *
 *   di = dealin_open(op, new_accounts);   reps.tsv, accounts.tsv, rates.tsv
 *   while (dealop_next(op, &v, &cur)) {
 *           dealin_rep(di, v[F_REP], rep)              id, e-mail or name
 *           dealin_account(di, v[F_ACCOUNT], account)  id, name or its slug
 *           dealin_money(di, v[F_AMOUNT], v[F_CURRENCY], &m)
 *           dealin_amount_on(di, &m, date, amount)     in the company currency
 *           dealin_date(di, "closed", v[F_CLOSED], &d, &set, iso)
 *           dealin_state(di, v[F_STAGE], v[F_STATUS], &st, &state)
 *   }
 *   dealin_close(di);     the accounts it created join the transaction
 *   dealop_commit(op);
 *
 * Each check returns 0, or reports the problem through dealop_error()
 * (so with the row's file:line) and returns -1.  An owner or company that
 * is not on file is reported once, at its first row, with the line that
 * would fix it (rep-add ...; acct-add ... or --new-accounts); its later
 * rows count as problems without a message of their own.
 *
 * Accounts: a company that is neither an account id nor an account's name
 * (any case) nor the slug of one is created with --new-accounts (id: its
 * slug, "Acme Trading BV" -> acme-trading-bv; name: the company) and
 * refused otherwise, unless accounts.tsv is empty (accounts are optional
 * master data): then the slug is the id, as before.
 */
#ifndef DEALIN_H
#define DEALIN_H
#include <stdint.h>
#include "dealop.h"
#include "decimal.h"
#include "id.h"

#define DEALIN_IDSZ 33

struct dealin;

/* An amount as given: in the company currency, or in another one. */
struct dealin_money {
	int64_t minor;			/* company currency: the amount */
	char currency[4];		/* "" for the company currency */
	char text[DEC_BUFSZ];		/* another currency: the amount in it */
};

struct dealin *dealin_open(struct dealop *op, int new_accounts);
int dealin_rep(struct dealin *di, const char *owner, char rep[DEALIN_IDSZ]);
/* reps.tsv (its row of rep alone, when no other rep was asked about),
 * and the row of rep in it (-1: none), for what else a program checks
 * of a rep (is it active?).  Valid until the next question about a rep. */
const struct table *dealin_reps(struct dealin *di, const char *rep, long *row);
int dealin_account(struct dealin *di, const char *company, char account[DEALIN_IDSZ]);
int dealin_money(struct dealin *di, const char *amount, const char *currency,
		 struct dealin_money *m);
/* The amount on a date in the company currency, canonical (money.h). */
int dealin_amount_on(struct dealin *di, const struct dealin_money *m, const char *date,
		     char out[MONEY_BUFSZ]);
/* A date field; empty or NULL text is fine (*set 0).  When set, iso gets
 * its ISO text (an ISO date given is copied, not parsed and made again). */
int dealin_date(struct dealin *di, const char *field, const char *text, date_t *d, int *set,
		char iso[DATE_BUFSZ]);
/*
 * The stage and state of a deal from its stage (a stage id, after the
 * map's labels; NULL: the first open stage) and its status (open, won,
 * lost, any case; NULL: the stage's own state).  A won status at an open
 * stage moves the deal to the won stage, a lost one to the lost stage.
 */
int dealin_state(struct dealin *di, const char *stage, const char *status,
		 const struct stage **st, enum deal_state *state);
/* The slug of a name: lowercase ASCII letters and digits joined by '-'
 * (accents dropped), at most 32 bytes; "" if nothing is left. */
void dealin_slug(const char *name, char out[DEALIN_IDSZ]);
void dealin_close(struct dealin *di);

#endif
