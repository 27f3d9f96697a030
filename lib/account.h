/*
 * account: the accounts of accounts.tsv (the customers: segment, region,
 * potential, priority, owner, since), shared by acct-add, acct-edit and
 * acct-list, by the reports that group deals by their account's segment or
 * region (deal-forecast, plan-report) and by rep-show.
 *
 * account_find() returns the row of an account, or -1.
 *
 * account_value() checks one value for column col of an account, by the
 * rules acct-add and acct-edit share: the schema's (salesmgr-files(5)); a
 * potential that is an amount of money, at least 0; a priority 1 to 5; an
 * owner who is an active rep of reps.  It returns the value to store (value
 * itself, or for potential its canonical form, written to canon of
 * MONEY_BUFSZ bytes), or NULL after reporting the problem through
 * input_error() ("potential '-5' is negative").  "" (clearing) always
 * passes: whether a column may be empty is the caller's business.  A column
 * accounts.tsv does not define (a user's own) takes any valid UTF-8.
 *
 * account_index: account id -> segment, region and owner, for a report
 * that looks up the account of every deal event:
 *
 *   ix = account_index_new(accounts);
 *   a = account_index_get(ix, id, strlen(id));   NULL: not in accounts.tsv
 *   group = account_group(a, a ? a->segment : NULL);
 *   account_index_free(ix);
 *
 * The strings point into the table, which must outlive the index; a value
 * not set is "".  Accounts are optional master data: a deal whose account
 * is not in accounts.tsv, or whose account has no segment (region), counts
 * under ACCOUNT_UNKNOWN, which account_group() returns for them.  A table
 * without an account column dies ("run sales-check"); a missing segment,
 * region or owner column reads as not set.
 *
 * account_owned() gives rep-show's rows about a rep's accounts, in order,
 * through show(arg, field, value):
 *   accounts            the ids of the accounts rep owns, in id order,
 *                       comma-separated ("" for none)
 *   accounts_potential  their potential summed, canonical money (a
 *                       potential not set, or not an amount, counts 0)
 * Money is read in the currency of config.tsv, so the caller has loaded it
 * (config_load()) first.
 */
#ifndef ACCOUNT_H
#define ACCOUNT_H
#include <stddef.h>
#include "input.h"
#include "table.h"

#define ACCOUNT_UNKNOWN "unknown"

long account_find(const struct table *accounts, const char *account);
const char *account_value(struct input *in, const struct table *reps, const char *col,
			  const char *value, char *canon);

struct account_info {
	const char *segment, *region, *owner;
};
struct account_index;

struct account_index *account_index_new(const struct table *accounts);
const struct account_info *account_index_get(const struct account_index *ix,
					     const char *account, size_t len);
/* value if a is not NULL and value is set, else ACCOUNT_UNKNOWN. */
const char *account_group(const struct account_info *a, const char *value);
void account_index_free(struct account_index *ix);

void account_owned(const struct table *accounts, const char *rep,
		   void (*show)(void *arg, const char *field, const char *value), void *arg);

#endif
