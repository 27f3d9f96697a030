/* acct-edit: change columns of existing accounts, from options or --from FILE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "cli.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "input.h"
#include "money.h"
#include "schema.h"
#include "store.h"
#include "tsv.h"
#include "txn.h"
#include "xalloc.h"

static const char usage[] =
    "usage: acct-edit ACCOUNT [--name NAME] [--segment S] [--region R]\n"
    "                 [--potential AMOUNT] [--priority 1-5] [--owner REP]\n"
    "                 [--since DATE] [--set COLUMN=VALUE]... [-nq] [-D DIR]\n"
    "                 [--today DATE]\n"
    "       acct-edit --from FILE [change options] [-nq] [-D DIR] [--today DATE]\n";

/* The key, then the columns an option or an input column may change. */
enum { F_ACCOUNT, F_NAME, F_SEGMENT, F_REGION, F_POTENTIAL, F_PRIORITY, F_OWNER,
	F_SINCE, NFIELDS, OPT_SET = CLI_OWN + NFIELDS };
static const char *const fields[NFIELDS] = {
	"account", "name", "segment", "region", "potential", "priority", "owner", "since"
};

struct change {
	const char *col, *val;
};

/* A later option for the same column wins, as with most Unix tools. */
static void
add_change(struct change *ch, size_t *n, const char *col, const char *val)
{
	size_t i;

	for (i = 0; i < *n && strcmp(ch[i].col, col) != 0; i++)
		;
	ch[i].col = col;
	ch[i].val = val;
	if (i == *n)
		(*n)++;
}

/* COLUMN=VALUE, split in place in argv. */
static void
parse_set(struct change *ch, size_t *n, char *arg)
{
	char *eq = strchr(arg, '='), *col = arg;
	const char *p;

	if (!eq) {
		warn("--set '%.64s': want COLUMN=VALUE", arg);
		die_usage(usage);
	}
	*eq = '\0';
	for (p = col; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (p > col && ((*p >= '0' && *p <= '9') ||
		    *p == '_'))))
			break;
	if (!*col || *p) {
		warn("invalid column name '%.64s' (want a-z, 0-9 and _, starting with a-z)",
		    col);
		die_usage(usage);
	}
	if (strcmp(col, "account") == 0) {
		warn("--set account: an account's id never changes");
		die_usage(usage);
	}
	add_change(ch, n, col, eq + 1);
}

/*
 * Apply the changes to one account; 1 if any is bad (already reported).
 * A value equal to the one there is no change and is not checked again,
 * so that listing accounts and feeding them back never fails on an owner
 * who has left since.
 */
static int
edit_account(struct input *in, struct table *accounts, const struct table *reps,
	     size_t row, const struct change *ch, size_t n, struct buf *what)
{
	const char *id = table_get(accounts, row, table_col(accounts, "account"));
	const char **vals = xcalloc(n + 1, sizeof *vals);
	char (*canon)[MONEY_BUFSZ] = xcalloc(n + 1, sizeof *canon);
	size_t i, bad = 0;
	int c;

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
		if (!vals[i] || strcmp(table_get(accounts, row,
		    table_col(accounts, ch[i].col)), vals[i]) == 0)
			continue;
		if ((c = table_col(accounts, ch[i].col)) < 0)
			c = table_col_add(accounts, ch[i].col);
		table_set(accounts, row, c, vals[i]);
		buf_printf(what, " %s=", ch[i].col);
		tsv_escape(what, vals[i], strlen(vals[i]));
	}
	free(vals);
	free(canon);
	return bad > 0;
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_WRITE, CLI_FROM,
		{ "name", required_argument, NULL, CLI_OWN + F_NAME },
		{ "segment", required_argument, NULL, CLI_OWN + F_SEGMENT },
		{ "region", required_argument, NULL, CLI_OWN + F_REGION },
		{ "potential", required_argument, NULL, CLI_OWN + F_POTENTIAL },
		{ "priority", required_argument, NULL, CLI_OWN + F_PRIORITY },
		{ "owner", required_argument, NULL, CLI_OWN + F_OWNER },
		{ "since", required_argument, NULL, CLI_OWN + F_SINCE },
		{ "set", required_argument, NULL, OPT_SET },
		{ 0 }
	};
	const char *opt[NFIELDS] = { 0 }, *v[NFIELDS];
	struct cli cli = { 0 };
	struct change *ch, rowch[NFIELDS];
	struct table *cfg, *reps, *accounts;
	struct buf what = BUF_INIT, log = BUF_INIT;
	struct store *s;
	struct input *in;
	struct txn x;
	char *line, *nl;
	size_t i, nch = 0, nrow, nedits = 0;
	long row;
	int c;

	err_init(argv);
	ch = xcalloc((size_t)argc, sizeof *ch);
	while ((c = getopt_long(argc, argv, "D:hnq", opts, NULL)) != -1) {
		if (c > CLI_OWN + F_ACCOUNT && c < CLI_OWN + NFIELDS)
			add_change(ch, &nch, fields[c - CLI_OWN], optarg);
		else if (c == OPT_SET)
			parse_set(ch, &nch, optarg);
		else
			cli_common(&cli, c, usage);
	}
	if (cli.from ? optind != argc : optind != argc - 1)
		die_usage(usage);
	if (!cli.from)
		opt[F_ACCOUNT] = argv[optind];
	if (!cli.from && !nch) {
		warn("nothing to change");
		die_usage(usage);
	}
	date_today(cli.today);	/* a bad --today is a usage error, as everywhere */
	/* Options apply to every row; without any, the input's columns are the
	 * changes.  Input first: acct-list must get its lock before we take ours. */
	in = input_open(cli.from, fields, nch ? 1 : NFIELDS, INPUT_ACT);
	for (i = 1; !nch && i < NFIELDS && !input_has(in, i); i++)
		;
	if (!nch && i == NFIELDS) {
		warn("nothing to change: the input has no column such as owner or segment, "
		    "and no change option was given");
		die_usage(usage);
	}

	s = store_open(cli.data_dir, STORE_WRITE);
	cfg = config_load(s);
	reps = store_load(s, "reps.tsv");
	accounts = store_load(s, "accounts.tsv");
	while (input_next(in, opt, v)) {
		if (!v[F_ACCOUNT] || !*v[F_ACCOUNT]) {
			input_error(in, "no account id given");
			continue;
		}
		if ((row = account_find(accounts, v[F_ACCOUNT])) < 0) {
			input_error(in, "unknown account '%.64s' (acct-list shows the accounts)",
			    v[F_ACCOUNT]);
			continue;
		}
		for (nrow = 0, i = 1; !nch && i < NFIELDS; i++)
			if (input_has(in, i))
				add_change(rowch, &nrow, fields[i], v[i]);
		buf_reset(&what);
		if (edit_account(in, accounts, reps, (size_t)row, nch ? ch : rowch,
		    nch ? nch : nrow, &what) || !what.len)
			continue;
		/* Values are escaped in what, so a line never holds a newline. */
		buf_printf(&log, "edit account %s:%s\n", v[F_ACCOUNT], what.data);
		nedits++;
	}
	if (input_close(in))
		die("nothing was changed");

	txn_begin(&x, s, cli.dry_run);
	for (line = log.data; line && (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		txn_log(&x, "%s", line);
	}
	if (nedits)
		txn_table(&x, &schema_accounts, accounts);
	txn_commit(&x);
	close_stdout();
	if (!cli.dry_run)
		cli_done(&cli, "edited %zu account%s", nedits, nedits == 1 ? "" : "s");
	free(ch);
	buf_free(&what);
	buf_free(&log);
	table_free(cfg);
	table_free(reps);
	table_free(accounts);
	store_close(s);
	return 0;
}
