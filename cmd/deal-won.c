/* deal-won: mark open deals won. */
#include <stdio.h>

#include "cli.h"
#include "dealop.h"
#include "err.h"

static const char usage[] =
    "usage: deal-won DEAL [--amount AMOUNT] [--date DATE] [-nq] [-D DIR]\n"
    "                [--today DATE]\n"
    "       deal-won --from FILE [--amount AMOUNT] [--date DATE] [-nq] [-D DIR]\n"
    "                [--today DATE]\n";

enum { F_DEAL, F_AMOUNT, F_DATE, NFIELDS };
static const char *const fields[NFIELDS] = { "deal", "amount", "date" };

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("amount", "AMOUNT", &opt[F_AMOUNT], "the amount won, when not the deal's"),
	CLI_OPT("date", "DATE", &opt[F_DATE], "the day it was won (default today)"),
	CLI_OPTS_WRITE, CLI_OPT_FROM, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

int
main(int argc, char *argv[])
{
	const char *const *v;
	char amount[MONEY_BUFSZ], date[DATE_BUFSZ];
	const struct deal *cur;
	enum deal_state state;
	struct dealop *op;
	struct deal *ev;
	size_t n;
	int bad;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	cli_record(&cli, opt, F_DEAL, -1);

	op = dealop_open(&cli, DEALOP_ACT, fields, NFIELDS, opt);
	while (dealop_next(op, &v, &cur)) {
		bad = v[F_AMOUNT] && dealop_amount(op, v[F_AMOUNT], amount) < 0;
		state = dealop_state(op, cur);
		if (state != DEAL_OPEN) {
			dealop_error(op, "%s is already %s (%s)%s", cur->f[DL_DEAL],
			    deal_state_name(state), cur->f[DL_DATE],
			    state == DEAL_LOST ? "; reopen it with deal-move first" : "");
			continue;
		}
		if (dealop_date(op, v[F_DATE], cur, date) < 0 || bad)
			continue;
		ev = dealop_event(cur, "won", date);
		deal_set(ev, DL_STAGE, op->stages->won->name);
		if (v[F_AMOUNT])
			dealop_set_amount(ev, amount);
		dealop_queue(op, ev, "mark deal %s won (%s)", ev->f[DL_DEAL], ev->f[DL_AMOUNT]);
		deal_free(ev);
	}
	n = dealop_commit(op);
	if (!cli.dry_run)
		cli_done(&cli, "marked %zu deal%s won", n, n == 1 ? "" : "s");
	dealop_close(op);
	return 0;
}
