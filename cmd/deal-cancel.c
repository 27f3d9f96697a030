/* deal-cancel: undo won deals (a refund, a customer who churned). */
#include <stdio.h>

#include "cli.h"
#include "dealop.h"
#include "err.h"

static const char usage[] =
    "usage: deal-cancel DEAL [--date DATE] [--reason TEXT] [-nq] [-D DIR]\n"
    "                   [--today DATE]\n"
    "       deal-cancel --from FILE [--date DATE] [--reason TEXT] [-nq] [-D DIR]\n"
    "                   [--today DATE]\n";

enum { F_DEAL, F_DATE, F_REASON, NFIELDS };
static const char *const fields[NFIELDS] = { "deal", "date", "reason" };

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("date", "DATE", &opt[F_DATE], "the day it was undone (default today)"),
	CLI_OPT("reason", "TEXT", &opt[F_REASON], "why it was undone"),
	CLI_OPTS_WRITE, CLI_OPT_FROM, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

int
main(int argc, char *argv[])
{
	const char *const *v;
	const struct deal *cur;
	enum deal_state state;
	struct dealop *op;
	size_t n;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	cli_record(&cli, opt, F_DEAL, -1);

	op = dealop_open(&cli, DEALOP_ACT, fields, NFIELDS, opt);
	while (dealop_next(op, &v, &cur)) {
		if (dealop_reason(op, v[F_REASON]) < 0)
			continue;
		state = dealop_state(op, cur);
		if (state == DEAL_CANCELLED) {
			dealop_error(op, "%s is already cancelled (%s)", cur->f[DL_DEAL],
			    cur->f[DL_DATE]);
			continue;
		}
		if (state != DEAL_WON) {
			dealop_error(op, "%s is %s, not won: only a won deal can be cancelled%s",
			    cur->f[DL_DEAL], deal_state_name(state),
			    state == DEAL_OPEN ? " (close it with deal-lost)" : "");
			continue;
		}
		/* The stage stays the won stage: the event says it was undone. */
		dealop_end(op, cur, "cancel", NULL, v[F_REASON], v[F_DATE], "cancel", NULL);
	}
	n = dealop_commit(op);
	if (!cli.dry_run)
		cli_done(&cli, "cancelled %zu deal%s", n, n == 1 ? "" : "s");
	dealop_close(op);
	return 0;
}
