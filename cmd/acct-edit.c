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

/* What the changes are checked against, and the owner's history. */
struct context {
	const struct table *reps;
	struct table *hist;
	const struct org *o;		/* before this run */
	char date[DATE_BUFSZ];
	date_t date_d, today_d;
};

/* A new owner from the date: one who is active then; the history gets the
 * row, the view the owner of today.  1 if bad (reported). */
static int
new_owner(const struct context *ctx, struct input *in, struct table *accounts, size_t row,
	  const char *owner, struct buf *what)
{
	const char *id = table_cell(accounts, row, "account"), *now;

	if (*owner && strcmp(org_rep_status(ctx->o, owner, ctx->date_d), "active") != 0) {
		input_error(in, "account '%s': rep '%s' is not active on %s", id, owner,
		    ctx->date);
		return 1;
	}
	org_record(ctx->hist, ctx->o, ORG_ACCOUNT, id, "owner", ctx->date_d, owner);
	if (org_hist_value(ctx->hist, ORG_ACCOUNT, id, "owner", ctx->today_d, &now) &&
	    strcmp(table_cell(accounts, row, "owner"), now) != 0)
		edit_cell(accounts, row, "owner", now, what);
	else
		buf_printf(what, " owner=%s", owner);
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
	const struct context *ctx = arg;
	const struct table *reps = ctx->reps;
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
			bad += new_owner(ctx, in, accounts, row, vals[i], what);
			owned = 1;
		} else if (vals[i])
			edit_cell(accounts, row, ch[i].col, vals[i], what);
	}
	if (!bad && owned && ctx->date_d != ctx->today_d)
		buf_printf(what, " from %s", ctx->date);
	free(vals);
	free(canon);
	return bad > 0;
}

int
main(int argc, char *argv[])
{
	struct table *cfg, *reps, *accounts, *teams;
	struct context ctx = { 0 };
	struct store *s;
	struct input *in;
	struct org *o;

	err_init(argv);
	edit_parse(&e, &cli, usage, options, argc, argv);
	/* a bad --today is a usage error, as everywhere */
	ctx.today_d = date_today(cli.today);
	ctx.date_d = edit_date(&cli, date_opt, ctx.today_d, ctx.date);
	/* Input first: acct-list must get its lock before we take ours. */
	in = edit_input(&e, &cli);

	s = store_open(cli.data_dir, STORE_WRITE);
	cfg = config_load(s);
	reps = store_load(s, "reps.tsv");
	accounts = store_load(s, "accounts.tsv");
	teams = store_load(s, "teams.tsv");
	ctx.reps = reps;
	ctx.hist = org_hist_load(s);
	ctx.o = o = org_new(reps, teams, accounts, ctx.hist);
	e.also_sc = &schema_org;
	e.also = ctx.hist;
	edit_run(&e, &cli, in, s, &schema_accounts, accounts, edit_account, &ctx);
	org_free(o);
	table_free(ctx.hist);
	table_free(teams);
	table_free(cfg);
	table_free(reps);
	table_free(accounts);
	store_close(s);
	return 0;
}
