/* deal-move: move deals to another stage, reopen lost ones, or amend them. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dealop.h"
#include "err.h"

static const char usage[] =
    "usage: deal-move DEAL [--stage STAGE] [--amount AMOUNT] [--expected DATE]\n"
    "                 [--date DATE] [-nq] [-D DIR] [--today DATE]\n"
    "       deal-move --from FILE [--stage STAGE] [--amount AMOUNT] [--expected DATE]\n"
    "                 [--date DATE] [-nq] [-D DIR] [--today DATE]\n";

enum { F_DEAL, F_STAGE, F_AMOUNT, F_EXPECTED, F_DATE, NFIELDS };
static const char *const fields[NFIELDS] = {
	"deal", "stage", "amount", "expected", "date"
};

static int
same(const char *given, const char *now)
{
	return !given || strcmp(given, now) == 0;
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_WRITE, CLI_FROM,
		{ "stage", required_argument, NULL, CLI_OWN + F_STAGE },
		{ "amount", required_argument, NULL, CLI_OWN + F_AMOUNT },
		{ "expected", required_argument, NULL, CLI_OWN + F_EXPECTED },
		{ "date", required_argument, NULL, CLI_OWN + F_DATE },
		{ 0 }
	};
	const char *opt[NFIELDS] = { 0 }, *const *v, *event, *id;
	char amount[MONEY_BUFSZ], date[DATE_BUFSZ];
	const struct stage *st;
	const struct deal *cur;
	enum deal_state state;
	struct cli cli = { 0 };
	struct dealop *op;
	struct deal *ev;
	size_t n;
	int c, bad;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:hnq", opts, NULL)) != -1) {
		if (c > CLI_OWN && c < CLI_OWN + NFIELDS)
			opt[c - CLI_OWN] = optarg;
		else
			cli_common(&cli, c, usage);
	}
	if (cli.from ? optind != argc : optind != argc - 1)
		die_usage(usage);
	if (!cli.from) {
		opt[F_DEAL] = argv[optind];
		if (!opt[F_STAGE] && !opt[F_AMOUNT] && !opt[F_EXPECTED])
			die_usage(usage);
	}

	op = dealop_open(&cli, DEALOP_ACT, fields, NFIELDS, opt);
	while (dealop_next(op, &v, &cur)) {
		id = cur->f[DL_DEAL];
		if (!v[F_STAGE] && !v[F_AMOUNT] && !v[F_EXPECTED]) {
			dealop_error(op, "%s: nothing to change (give a stage, amount or "
			    "expected date)", id);
			continue;
		}
		bad = 0;
		st = NULL;
		if (v[F_STAGE] && !(st = dealop_stage(op, v[F_STAGE]))) {
			bad = 1;
		} else if (st && st->state != STAGE_OPEN) {
			dealop_error(op, "stage '%s' closes a deal: use deal-won or deal-lost",
			    st->name);
			bad = 1;
		}
		if (v[F_AMOUNT])
			bad |= dealop_amount(op, v[F_AMOUNT], amount) < 0;
		bad |= dealop_value(op, "expected", v[F_EXPECTED]) < 0;
		state = deal_state_of(cur->f[DL_EVENT]);
		if (state == DEAL_WON || state == DEAL_CANCELLED) {
			dealop_error(op, "%s is %s (%s) and cannot be moved", id,
			    deal_state_name(state), cur->f[DL_DATE]);
			continue;
		}
		if (state == DEAL_LOST && !v[F_STAGE]) {
			dealop_error(op, "%s is lost (%s): give a stage to reopen it", id,
			    cur->f[DL_DATE]);
			continue;
		}
		if (dealop_date(op, v[F_DATE], cur, date) < 0 || bad)
			continue;

		if (state == DEAL_LOST)
			event = "reopen";
		else if (st && strcmp(st->name, cur->f[DL_STAGE]) != 0)
			event = "stage";
		else
			event = "amend";
		if (strcmp(event, "amend") == 0 && same(v[F_AMOUNT] ? amount : NULL,
		    cur->f[DL_AMOUNT]) && same(v[F_EXPECTED], cur->f[DL_EXPECTED])) {
			if (st)
				dealop_error(op, "%s is already at stage '%s'", id, st->name);
			else
				dealop_error(op, "%s: nothing to change", id);
			continue;
		}

		ev = dealop_event(cur, event, date);
		if (st)
			deal_set(ev, DL_STAGE, st->name);
		if (v[F_AMOUNT])
			deal_set(ev, DL_AMOUNT, amount);
		if (v[F_EXPECTED])
			deal_set(ev, DL_EXPECTED, v[F_EXPECTED]);
		if (state == DEAL_LOST)
			deal_set(ev, DL_REASON, "");
		if (strcmp(event, "amend") == 0)
			dealop_queue(op, ev, "amend deal %s (amount %s, expected %s)", id,
			    ev->f[DL_AMOUNT], *ev->f[DL_EXPECTED] ? ev->f[DL_EXPECTED] : "none");
		else
			dealop_queue(op, ev, "%s deal %s %s %s", state == DEAL_LOST ?
			    "reopen" : "move", ev->f[DL_DEAL], state == DEAL_LOST ? "at" : "to",
			    ev->f[DL_STAGE]);
		deal_free(ev);
	}
	n = dealop_commit(op);
	if (!cli.dry_run)
		cli_done(&cli, "changed %zu deal%s", n, n == 1 ? "" : "s");
	dealop_close(op);
	return 0;
}
