/* deal-split: share the credit of open deals between reps. */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "dealop.h"
#include "err.h"
#include "org.h"
#include "split.h"

static const char usage[] =
    "usage: deal-split DEAL REP:PCT ... [--overlay REP:PCT] [--date DATE] [-nq]\n"
    "                  [-D DIR] [--today DATE]\n"
    "       deal-split --from FILE [--date DATE] [-nq] [-D DIR] [--today DATE]\n";

enum { F_DEAL, F_SPLIT, F_DATE, NFIELDS };
static const char *const fields[NFIELDS] = { "deal", "split", "date" };

static struct cli cli;
static const char *opt[NFIELDS];
static struct buf overlays, shares;
static cli_fn overlay_option;
static const struct cli_opt options[] = {
	CLI_CALL("overlay", "REP:PCT", overlay_option, &overlays,
	    "credit REP PCT% on top of the shares (repeat it)"),
	CLI_OPT("date", "DATE", &opt[F_DATE], "the day of the split (default today)"),
	CLI_OPTS_WRITE, CLI_OPT_FROM, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

/* --overlay REP:PCT, as often as there are overlays: "+REP:PCT" shares. */
static void
overlay_option(struct cli *c, const struct cli_opt *o, const char *arg)
{
	struct buf *b = o->value;

	(void)c;
	buf_printf(b, ",+%s", arg);
}

/* The shares of the command line as the ledger writes them. */
static void
operands(void)
{
	int i;

	if (cli.from) {
		if (cli.nargs || overlays.len)
			cli_usage_error(&cli, "with --from, the shares are the rows' split column");
		return;
	}
	if (cli.nargs < 2)
		cli_usage(&cli);
	opt[F_DEAL] = cli.args[0];
	for (i = 1; i < cli.nargs; i++)
		buf_printf(&shares, "%s%s", i > 1 ? "," : "", cli.args[i]);
	if (overlays.len)
		buf_adds(&shares, overlays.data);
	opt[F_SPLIT] = shares.data;
}

/* Each rep of sp on the roster and active on date; 0, or -1 (reported). */
static int
bad_reps(struct dealop *op, const struct org *o, const struct split *sp, const char *id,
	 const char *date)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < sp->n; i++)
		if (dealop_rep(op, o, sp->rep[i], date, "share", id) < 0)
			bad = -1;
	return bad;
}

int
main(int argc, char *argv[])
{
	char date[DATE_BUFSZ], text[SPLIT_BUFSZ], why[SPLIT_WHYSZ];
	const char *const *v;
	const struct deal *cur;
	enum deal_state state;
	struct dealop *op;
	struct split sp;
	struct deal *ev;
	struct org *o;
	size_t n;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	operands();

	op = dealop_open(&cli, DEALOP_ACT, fields, NFIELDS, opt);
	o = org_load(op->s, 0);
	while (dealop_next(op, &v, &cur)) {
		if (!v[F_SPLIT] || !*v[F_SPLIT]) {
			dealop_error(op, "%s: no split given", cur->f[DL_DEAL]);
			continue;
		}
		if (split_parse(v[F_SPLIT], &sp, why, sizeof why) < 0) {
			dealop_error(op, "%s: bad split '%.64s': %s", cur->f[DL_DEAL],
			    v[F_SPLIT], why);
			continue;
		}
		state = dealop_state(op, cur);
		if (state != DEAL_OPEN) {
			dealop_error(op, "%s is %s (%s): only an open deal can be split",
			    cur->f[DL_DEAL], deal_state_name(state), cur->f[DL_DATE]);
			continue;
		}
		if (dealop_date(op, v[F_DATE], cur, date) < 0 ||
		    bad_reps(op, o, &sp, cur->f[DL_DEAL], date) < 0)
			continue;
		split_format(&sp, text);
		if (strcmp(text, cur->f[DL_SPLIT]) == 0) {
			dealop_error(op, "%s is already split %s", cur->f[DL_DEAL], text);
			continue;
		}
		ev = dealop_event(cur, "split", date);
		deal_set(ev, DL_SPLIT, text);
		dealop_queue(op, ev, "split deal %s %s", ev->f[DL_DEAL], text);
		deal_free(ev);
	}
	org_free(o);
	n = dealop_commit(op);
	if (!cli.dry_run)
		cli_done(&cli, "split %zu deal%s", n, n == 1 ? "" : "s");
	dealop_close(op);
	buf_free(&shares);
	buf_free(&overlays);
	return 0;
}
