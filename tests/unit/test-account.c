/* Unit tests of lib/account.c: the index deal reports group by, and the
 * rows rep-show adds. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "account.h"
#include "buf.h"
#include "table.h"
#include "unit.h"

static struct table *
table_of(const char *text)
{
	int fd[2];
	struct table *t;

	if (pipe(fd) < 0 || write(fd[1], text, strlen(text)) != (ssize_t)strlen(text))
		abort();
	close(fd[1]);
	t = table_read(fd[0], "accounts.tsv");
	close(fd[0]);
	return t;
}

/* account_owned()'s rows, as "field=value;" */
static void
collect(void *arg, const char *field, const char *value)
{
	buf_printf(arg, "%s=%s;", field, value);
}

int
main(void)
{
	struct table *t = table_of(
	    "account\tname\tsegment\tregion\tpotential\tpriority\towner\tsince\tmine\n"
	    "zeta\tZ\tent\tnorth\t100.50\t1\tanna\t2026-01-01\tx\n"
	    "acme\tA\t\tsouth\t2000.00\t\tanna\t2026-01-01\t\n"
	    "beta\tB\tsmb\t\t\t\tbob\t2026-01-01\t\n"
	    "gamma\tG\tsmb\t\tjunk\t\tanna\t2026-01-01\t\n");
	struct table *bare = table_of("account\tname\nacme\tA\n");
	struct account_index *ix;
	const struct account_info *a;
	struct buf b = BUF_INIT;

	CHECK(t && bare, "tables read");
	CHECK_INT(account_find(t, "beta"), 2, "account_find: the row");
	CHECK_INT(account_find(t, "nope"), -1, "account_find: -1 when missing");

	ix = account_index_new(t);
	a = account_index_get(ix, "zeta", 4);
	CHECK(a != NULL, "index: a known account");
	CHECK_STR(a ? a->segment : NULL, "ent", "index: segment");
	CHECK_STR(a ? a->region : NULL, "north", "index: region");
	CHECK_STR(a ? a->owner : NULL, "anna", "index: owner");
	CHECK(account_index_get(ix, "zetaX", 4) == a, "index: the length counts, not a NUL");
	CHECK(account_index_get(ix, "nope", 4) == NULL, "index: an unknown account is NULL");
	a = account_index_get(ix, "acme", 4);
	CHECK_STR(account_group(a, a->segment), ACCOUNT_UNKNOWN,
	    "group: an account without a segment is unknown");
	CHECK_STR(account_group(a, a->region), "south", "group: its region");
	CHECK_STR(account_group(NULL, NULL), "unknown",
	    "group: an account not in accounts.tsv is unknown");
	account_index_free(ix);

	ix = account_index_new(bare);
	a = account_index_get(ix, "acme", 4);
	CHECK(a && !strcmp(a->segment, "") && !strcmp(a->owner, ""),
	    "index: columns a table lacks read as not set");
	account_index_free(ix);

	account_owned(t, "anna", collect, &b);
	CHECK_STR(b.data, "accounts=acme,gamma,zeta;accounts_potential=2100.50;",
	    "owned: ids in id order, potential summed, junk counts 0");
	buf_reset(&b);
	account_owned(t, "carl", collect, &b);
	CHECK_STR(b.data, "accounts=;accounts_potential=0.00;", "owned: nothing");
	buf_reset(&b);
	account_owned(t, "", collect, &b);
	CHECK_STR(b.data, "accounts=;accounts_potential=0.00;",
	    "owned: no rep owns the accounts without an owner");

	buf_free(&b);
	table_free(t);
	table_free(bare);
	return unit_done();
}
