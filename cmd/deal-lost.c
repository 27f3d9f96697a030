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

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_WRITE, CLI_FROM,
		{ "reason", required_argument, NULL, CLI_OWN + F_REASON },
		{ "date", required_argument, NULL, CLI_OWN + F_DATE },
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
	return 0;
}
