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

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_WRITE, CLI_FROM,
		{ "date", required_argument, NULL, CLI_OWN + F_DATE },
		{ "reason", required_argument, NULL, CLI_OWN + F_REASON },
		{ 0 }
	};
	const char *opt[NFIELDS] = { 0 }, *const *v;
	char date[DATE_BUFSZ];
	const struct deal *cur;
	enum deal_state state;
	struct cli cli = { 0 };
	struct dealop *op;
	struct deal *ev;
	size_t n;
	int c;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:hnq", opts, NULL)) != -1) {
		if (c > CLI_OWN && c < CLI_OWN + NFIELDS)
			opt[c - CLI_OWN] = optarg;
		else
			cli_common(&cli, c, usage);
	}
	if (cli.from ? optind != argc : optind != argc - 1)
		die_usage(usage);
	if (!cli.from)
		opt[F_DEAL] = argv[optind];

	op = dealop_open(&cli, DEALOP_ACT, fields, NFIELDS, opt);
	while (dealop_next(op, &v, &cur)) {
		state = deal_state_of(cur->f[DL_EVENT]);
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
		if (dealop_date(op, v[F_DATE], cur, date) < 0)
			continue;
		/* The stage stays the won stage: the event says it was undone. */
		ev = dealop_event(cur, "cancel", date);
		deal_set(ev, DL_REASON, v[F_REASON]);
		if (v[F_REASON])
			dealop_queue(op, ev, "cancel deal %s (%s)", ev->f[DL_DEAL], v[F_REASON]);
		else
			dealop_queue(op, ev, "cancel deal %s", ev->f[DL_DEAL]);
		deal_free(ev);
	}
	n = dealop_commit(op);
	if (!cli.dry_run)
		cli_done(&cli, "cancelled %zu deal%s", n, n == 1 ? "" : "s");
	dealop_close(op);
	return 0;
}
