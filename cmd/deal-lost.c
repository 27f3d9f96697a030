/* deal-lost: mark open deals lost, with the reason. */
#include <stdio.h>

#include "cli.h"
#include "dealop.h"
#include "err.h"

static const char usage[] =
    "usage: deal-lost DEAL [--reason TEXT] [--date DATE] [-nq] [-D DIR]\n"
    "                 [--today DATE]\n"
    "       deal-lost --from FILE [--reason TEXT] [--date DATE] [-nq] [-D DIR]\n"
    "                 [--today DATE]\n";

enum { F_DEAL, F_REASON, F_DATE, NFIELDS };
static const char *const fields[NFIELDS] = { "deal", "reason", "date" };

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("reason", "TEXT", &opt[F_REASON], "why it was lost"),
	CLI_OPT("date", "DATE", &opt[F_DATE], "the day it was lost (default today)"),
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
		if (state != DEAL_OPEN) {
			dealop_error(op, "%s is already %s (%s)%s", cur->f[DL_DEAL],
			    deal_state_name(state), cur->f[DL_DATE],
			    state == DEAL_WON ? "; undo a won deal with deal-cancel" : "");
			continue;
		}
		dealop_end(op, cur, "lost", op->stages->lost->name, v[F_REASON], v[F_DATE],
		    "mark", "lost");
	}
	n = dealop_commit(op);
	if (!cli.dry_run)
		cli_done(&cli, "marked %zu deal%s lost", n, n == 1 ? "" : "s");
	dealop_close(op);
	return 0;
}
