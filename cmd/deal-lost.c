/* deal-lost: mark open deals lost, with the reason. */
#include <stdio.h>

#include "cli.h"
#include "dealop.h"
#include "err.h"
#include "reason.h"

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
	char date[DATE_BUFSZ];
	const struct deal *cur;
	enum deal_state state;
	struct dealop *op;
	char hint[SUGGEST_BUFSZ];
	const char *why;
	struct table *reasons;
	struct deal *ev;
	size_t n;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	cli_record(&cli, opt, F_DEAL, -1);

	op = dealop_open(&cli, DEALOP_ACT, fields, NFIELDS, opt);
	reasons = reasons_load(op->s);
	while (dealop_next(op, &v, &cur)) {
		if ((why = reason_check(reasons, v[F_REASON], hint))) {
			dealop_error(op, "unknown reason '%.64s' (%s)", v[F_REASON], why);
			continue;
		}
		state = dealop_state(op, cur);
		if (state != DEAL_OPEN) {
			dealop_error(op, "%s is already %s (%s)%s", cur->f[DL_DEAL],
			    deal_state_name(state), cur->f[DL_DATE],
			    state == DEAL_WON ? "; undo a won deal with deal-cancel" : "");
			continue;
		}
		if (dealop_date(op, v[F_DATE], cur, date) < 0)
			continue;
		ev = dealop_event(cur, "lost", date);
		deal_set(ev, DL_STAGE, op->stages->lost->name);
		deal_set(ev, DL_REASON, v[F_REASON]);
		if (v[F_REASON])
			dealop_queue(op, ev, "mark deal %s lost (%s)", ev->f[DL_DEAL], v[F_REASON]);
		else
			dealop_queue(op, ev, "mark deal %s lost", ev->f[DL_DEAL]);
		deal_free(ev);
	}
	n = dealop_commit(op);
	if (!cli.dry_run)
		cli_done(&cli, "marked %zu deal%s lost", n, n == 1 ? "" : "s");
	dealop_close(op);
	table_free(reasons);
	return 0;
}
