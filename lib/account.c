#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "buf.h"
#include "err.h"
#include "intern.h"
#include "money.h"
#include "quota.h"
#include "roster.h"
#include "schema.h"
#include "tsv.h"
#include "xalloc.h"

struct account_index {
	struct intern *ids;
	struct account_info *info;	/* by the index of the id in ids */
};

long
account_find(const struct table *accounts, const char *account)
{
	return table_find(accounts, table_col(accounts, "account"), account);
}

static int
check_owner(struct input *in, const struct table *reps, const char *owner)
{
	long row = roster_find_rep(reps, owner);
	const char *status;

	if (row < 0) {
		input_error(in, "unknown owner '%.64s' (rep-list shows the active reps)", owner);
		return 1;
	}
	status = table_get(reps, (size_t)row, table_col(reps, "status"));
	if (strcmp(status, "active") != 0) {
		input_error(in, "owner '%s' is not an active rep (status %.16s)", owner,
		    status);
		return 1;
	}
	return 0;
}

const char *
account_value(struct input *in, const struct table *reps, const char *col,
	      const char *value, char *canon)
{
	int k = schema_col(&schema_accounts, col);
	size_t n = strlen(value);
	const char *why;

	if (!*value)
		return value;
	if (utf8_valid_prefix(value, n) != n) {
		input_error(in, "%s: value is not valid UTF-8", col);
		return NULL;
	}
	if (k < 0)
		return value;
	/* The schema allows any amount; a customer's potential is never below 0. */
	if (strcmp(col, "potential") == 0) {
		if ((why = quota_target("revenue", value, canon))) {
			input_error(in, "potential '%.64s' %s", value, why);
			return NULL;
		}
		return canon;
	}
	if (strcmp(col, "priority") == 0 && (n != 1 || *value < '1' || *value > '5')) {
		input_error(in, "priority '%.64s' is not 1 to 5", value);
		return NULL;
	}
	if ((why = schema_check_value(&schema_accounts.cols[k], value))) {
		input_error(in, "%s '%.64s' %s", col, value, why);
		return NULL;
	}
	if (strcmp(col, "owner") == 0 && check_owner(in, reps, value))
		return NULL;
	return value;
}

struct account_index *
account_index_new(const struct table *accounts)
{
	struct account_index *ix = xcalloc(1, sizeof *ix);
	int ac = table_col(accounts, "account"), sc = table_col(accounts, "segment");
	int rc = table_col(accounts, "region"), oc = table_col(accounts, "owner");
	const char *id;
	size_t i, k;

	if (ac < 0)
		die("%s: no column 'account'; run sales-check", accounts->name);
	ix->ids = intern_new();
	ix->info = xreallocarray(NULL, accounts->nrows + 1, sizeof *ix->info);
	for (i = 0; i < accounts->nrows; i++) {
		id = table_get(accounts, i, ac);
		k = intern_add(ix->ids, id, strlen(id));
		/* table_get() gives "" for a missing column. */
		ix->info[k].segment = table_get(accounts, i, sc);
		ix->info[k].region = table_get(accounts, i, rc);
		ix->info[k].owner = table_get(accounts, i, oc);
	}
	return ix;
}

const struct account_info *
account_index_get(const struct account_index *ix, const char *account, size_t len)
{
	long k = intern_get(ix->ids, account, len);

	return k < 0 ? NULL : &ix->info[k];
}

const char *
account_group(const struct account_info *a, const char *value)
{
	return a && value && *value ? value : ACCOUNT_UNKNOWN;
}

void
account_index_free(struct account_index *ix)
{
	if (!ix)
		return;
	intern_free(ix->ids);
	free(ix->info);
	free(ix);
}

static const struct table *sort_table;
static int sort_col;

static int
by_id(const void *a, const void *b)
{
	return strcmp(table_get(sort_table, *(const size_t *)a, sort_col),
	    table_get(sort_table, *(const size_t *)b, sort_col));
}

void
account_owned(const struct table *accounts, const char *rep,
	      void (*show)(void *arg, const char *field, const char *value), void *arg)
{
	int ac = table_col(accounts, "account"), oc = table_col(accounts, "owner");
	int pc = table_col(accounts, "potential");
	char sum[MONEY_BUFSZ];
	struct buf ids = BUF_INIT;
	size_t *rows, n = 0, i;
	int64_t total = 0, v;

	rows = xreallocarray(NULL, accounts->nrows + 1, sizeof *rows);
	for (i = 0; i < accounts->nrows; i++)
		if (oc >= 0 && *rep && strcmp(table_get(accounts, i, oc), rep) == 0)
			rows[n++] = i;
	/* In id order even when the file was edited by hand. */
	sort_table = accounts;
	sort_col = ac;
	qsort(rows, n, sizeof *rows, by_id);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&ids, ',');
		buf_adds(&ids, table_get(accounts, rows[i], ac));
		if (money_parse(table_get(accounts, rows[i], pc), &v, NULL) == 0 &&
		    money_add(total, v, &total) < 0)
			die("%s: the potential of the accounts of '%s' is too large to add up",
			    accounts->name, rep);
	}
	show(arg, "accounts", ids.len ? ids.data : "");
	show(arg, "accounts_potential", money_format(total, sum));
	buf_free(&ids);
	free(rows);
}
