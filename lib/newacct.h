/*
 * newacct: the accounts won for the first time, which plans of
 * new-accounts (plan-set --metric new-accounts) count.
 *
 * An account's first win is the earliest won event, over the whole deal
 * ledger up to a day, of any deal of that account that no later cancel
 * undid (of two on one day, the first in the ledger).  The account is a
 * new account of the period that holds that day, and counts for the
 * winning event's rep and product.  A win that is cancelled makes the
 * account's next standing win its first, if there is one.
 *
 *   v = newacct_scan(s, stages, to, &n);   each account's first win on or
 *                                          before to, n of them
 *   ... v[i].account, v[i].rep, v[i].product, v[i].date ...
 *   newacct_free(v, n);
 *
 * One replay of the ledger from its first month (history.h); bad rows are
 * fatal as they are there (run sales-check).
 */
#ifndef NEWACCT_H
#define NEWACCT_H
#include <stddef.h>
#include "date.h"
#include "stage.h"
#include "store.h"

struct newacct {
	char *account, *rep, *product;
	date_t date;
};

struct newacct *newacct_scan(struct store *s, const struct stages *st, date_t to, size_t *n);
void newacct_free(struct newacct *v, size_t n);

#endif
