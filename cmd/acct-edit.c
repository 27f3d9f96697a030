/* acct-edit: change columns of existing accounts, from options or --from FILE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "cli.h"
#include "config.h"
#include "date.h"
#include "edit.h"
#include "err.h"
#include "input.h"
#include "money.h"
#include "org.h"
#include "schema.h"
#include "store.h"
#include "xalloc.h"

static const char usage[] =
    "usage: acct-edit ACCOUNT [--name NAME] [--segment S] [--region R]\n"
    "                 [--potential AMOUNT] [--priority 1-5] [--owner REP]\n"
    "                 [--since DATE] [--set COLUMN=VALUE]... [--date DATE] [-nq]\n"
    "                 [-D DIR] [--today DATE]\n"
    "       acct-edit --from FILE [change options] [--date DATE] [-nq] [-D DIR]\n"
    "                 [--today DATE]\n";

/* The key, then the columns an option or an input column may change. */
static const struct edit_column columns[] = {
	{ "account", "ACCOUNT", NULL },
	{ "name", "NAME", "the account's name" },
	{ "segment", "S", "its segment" },
	{ "region", "R", "its region" },
	{ "potential", "AMOUNT", "what it could buy in a year" },
	{ "priority", "1-5", "how much it matters, 1 the most" },
	{ "owner", "REP", "the rep who owns it" },
	{ "since", "DATE", "a customer since DATE" },
};

static struct cli cli;
static struct edit e = EDIT_INIT(columns, "owner or segment",
    "(acct-list shows the accounts)");
static const char *date_opt;
static const struct cli_opt options[] = {
	CLI_OPT("date", "DATE", &date_opt, "the first day of a new owner (default today)"),
	CLI_OPTS_WRITE, CLI_OPT_FROM, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

/* A new owner from the date: one who is active then; the history gets the
 * row, the view the owner of today.  1 if bad (reported). */
static int
new_owner(const struct edit_org *g, struct input *in, struct table *accounts, size_t row,
	  const char *owner, struct buf *what)
{
	const char *id = table_cell(accounts, row, "account");

	if (*owner && strcmp(org_rep_status(g->o, owner, g->date_d), "active") != 0) {
		input_error(in, "account '%s': rep '%s' is not active on %s", id, owner,
		    g->date);
		return 1;
	}
	org_record(g->hist, g->o, ORG_ACCOUNT, id, "owner", g->date_d, owner);
	edit_org_view(g, ORG_ACCOUNT, accounts, row, id, "owner", owner, what);
	return 0;
}

/*
 * Apply the changes to one account; 1 if any is bad (already reported).
 * A value equal to the one there is no change and is not checked again,
 * so that listing accounts and feeding them back never fails on an owner
 * who has left since.
 */
static int
edit_account(void *arg, struct input *in, struct table *accounts, size_t row,
	     const struct edit_change *ch, size_t n, struct buf *what)
{
	const struct edit_org *g = arg;
	const struct table *reps = g->reps;
	const char *id = table_cell(accounts, row, "account");
	const char **vals = xcalloc(n + 1, sizeof *vals);
	char (*canon)[MONEY_BUFSZ] = xcalloc(n + 1, sizeof *canon);
	size_t i, bad = 0, owned = 0;

	for (i = 0; i < n; i++) {
		if (strcmp(table_get(accounts, row, table_col(accounts, ch[i].col)),
		    ch[i].val) == 0)
			continue;
		if (!*ch[i].val && strcmp(ch[i].col, "name") == 0) {
			input_error(in, "account '%s': name is required and cannot be cleared",
			    id);
			bad++;
		} else if (!(vals[i] = account_value(in, reps, ch[i].col, ch[i].val,
		    canon[i])))
			bad++;
	}
	for (i = 0; !bad && i < n; i++) {
		if (vals[i] && strcmp(ch[i].col, "owner") == 0) {
			bad += new_owner(g, in, accounts, row, vals[i], what);
			owned = 1;
		} else if (vals[i])
			edit_cell(accounts, row, ch[i].col, vals[i], what);
	}
	if (!bad && owned)
		edit_org_from(g, what);
	free(vals);
	free(canon);
	return bad > 0;
}

int
main(int argc, char *argv[])
{
	struct edit_org g = { 0 };
	struct table *cfg;
	struct store *s;
	struct input *in;

	err_init(argv);
	edit_parse(&e, &cli, usage, options, argc, argv);
	/* Input first: acct-list must get its lock before we take ours. */
	in = edit_org_input(&e, &cli, date_opt, &g);
	s = store_open(cli.data_dir, STORE_WRITE);
	cfg = config_load(s);	/* the currency's decimals */
	edit_org_load(&e, &g, s, ORG_ACCOUNT, ORG_KIND_BIT(ORG_REP) | ORG_KIND_BIT(ORG_TEAM));
	edit_run(&e, &cli, in, s, &schema_accounts, g.accounts, edit_account, &g);
	edit_org_free(&g);
	table_free(cfg);
	store_close(s);
	return 0;
}
