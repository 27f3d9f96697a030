/* comp-adjust: enter a one-off pay line (spif, bonus, adjustment, draw or
 * recovery) that comp-calc adds to a rep's statement (adjustments.tsv). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "comp.h"
#include "compstmt.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "fieldmap.h"
#include "input.h"
#include "money.h"
#include "period.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "suggest.h"
#include "table.h"
#include "txn.h"

static const char usage[] =
    "usage: comp-adjust REP PERIOD AMOUNT --kind KIND --reason TEXT\n"
    "                   [--recoverable yes|no] [-nq] [-D DIR] [--today DATE]\n"
    "       comp-adjust --from FILE [--ignore-extra] [-nq] [-D DIR] [--today DATE]\n";

enum { F_REP, F_PERIOD, F_AMOUNT, F_KIND, F_REASON, F_RECOVERABLE, NFIELDS };
static const char *const fields[NFIELDS] = {
	"rep", "period", "amount", "kind", "reason", "recoverable"
};

static struct cli cli;
static const char *opt[NFIELDS];
static const struct cli_opt options[] = {
	CLI_OPT("kind", "KIND", &opt[F_KIND], "spif, bonus, adjustment, draw or recovery"),
	CLI_OPT("reason", "TEXT", &opt[F_REASON], "why: shown on the rep's statement"),
	CLI_OPT("recoverable", "yes|no", &opt[F_RECOVERABLE],
	    "a draw paid back from later commission (yes, the default) or a guarantee"),
	CLI_OPTS_WRITE, CLI_OPTS_FROM_NEW, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

static const char *
value(const char *v)
{
	return v ? v : "";
}

/* Check one record; the canonical period and amount go to period and
 * amount.  Every problem of the record is reported; 1 if any. */
static int
bad_record(struct input *in, const char **v, struct store *s, date_t today, int fys,
	   const struct table *reps, char *period, char *amount)
{
	const char *ids[NFIELDS] = { 0 }, *why, *kind = value(v[F_KIND]);
	const char *rec = value(v[F_RECOVERABLE]);
	char hint[SUGGEST_BUFSZ];
	struct period p, pay;
	int64_t m;
	int bad = 0;

	if (!*value(v[F_REP])) {
		input_error(in, "no rep given");
		return 1;
	}
	ids[F_REP] = v[F_REP];
	if (input_check(in, &schema_adjustments, fields, ids))
		return 1;
	if (roster_find_rep(reps, v[F_REP]) < 0) {
		input_error(in, "unknown rep '%s' (%s)", v[F_REP],
		    suggest(reps, "rep", "name", v[F_REP], "add it with rep-add", hint));
		bad = 1;
	}
	if (!*value(v[F_PERIOD])) {
		input_error(in, "no period given");
		bad = 1;
	} else if (period_parse(v[F_PERIOD], today, fys, &p) < 0 ||
	    comp_pay_period(p.kind, p.from, fys, &pay) < 0 || strcmp(pay.name, p.name) != 0) {
		input_error(in, "period '%.64s' is not a pay period (a week, month, quarter or "
		    "year, like 2026-11)", v[F_PERIOD]);
		bad = 1;
	} else if (!bad && comp_locked_for(s, &p, v[F_REP])) {
		input_error(in, "%s is locked for rep '%s' (payouts/%s.tsv): give an open period",
		    p.name, v[F_REP], p.name);
		bad = 1;
	} else
		strcpy(period, p.name);
	if (strcmp(kind, "spif") && strcmp(kind, "bonus") && strcmp(kind, "adjustment") &&
	    strcmp(kind, "draw") && strcmp(kind, "recovery")) {
		if (*kind)
			input_error(in, "unknown kind '%.64s' (want spif, bonus, adjustment, "
			    "draw or recovery)", kind);
		else
			input_error(in, "no kind given (use --kind)");
		bad = 1;
	}
	if (!*value(v[F_AMOUNT])) {
		input_error(in, "no amount given");
		bad = 1;
	} else if (fieldmap_amount(NULL, input_decimal_comma(in), v[F_AMOUNT], amount, &why) < 0 ||
	    money_parse(amount, &m, NULL) < 0) {
		input_error(in, "amount '%.64s' %s", v[F_AMOUNT], why);
		bad = 1;
	} else if (strcmp(kind, "adjustment") == 0 && m == 0) {
		input_error(in, "amount '%.64s' is zero", v[F_AMOUNT]);
		bad = 1;
	} else if (strcmp(kind, "adjustment") != 0 && m <= 0) {
		input_error(in, "amount '%.64s' of a %s must be more than 0%s", v[F_AMOUNT],
		    *kind ? kind : "line", strcmp(kind, "recovery") == 0 ? "" :
		    " (take pay back with --kind adjustment)");
		bad = 1;
	} else
		money_format(m, amount);
	if (!*value(v[F_REASON])) {
		input_error(in, "no reason given (use --reason: the rep's statement shows it)");
		bad = 1;
	}
	if (*rec && strcmp(kind, "draw") != 0) {
		input_error(in, "recoverable '%.64s' is for a draw only", rec);
		bad = 1;
	} else if (*rec && strcmp(rec, "yes") && strcmp(rec, "no")) {
		input_error(in, "recoverable '%.64s' is not yes or no", rec);
		bad = 1;
	}
	return bad;
}

int
main(int argc, char *argv[])
{
	const char *v[NFIELDS];
	char period[sizeof ((struct period *)0)->name], amount[MONEY_BUFSZ], today_s[DATE_BUFSZ];
	struct table *cfg, *reps, *adj;
	struct store *s;
	struct input *in;
	struct txn x;
	size_t row, added = 0;
	date_t today;
	int fys;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	cli_record(&cli, opt, F_REP, F_PERIOD, F_AMOUNT, -1);
	today = date_today(cli.today);
	date_format(today, today_s);
	in = cli_input(&cli, fields, NFIELDS, INPUT_CREATE);

	s = store_open(cli.data_dir, STORE_WRITE);
	cfg = config_load(s);
	fys = config_fiscal_start(cfg);
	reps = store_load(s, "reps.tsv");
	adj = store_exists(s, schema_adjustments.file) ? store_load(s, schema_adjustments.file) :
	    schema_table_new(&schema_adjustments);
	txn_begin(&x, s, cli.dry_run);
	while (input_next(in, opt, v)) {
		if (bad_record(in, v, s, today, fys, reps, period, amount))
			continue;
		row = table_add_row(adj);
		table_set(adj, row, table_col(adj, "period"), period);
		table_set(adj, row, table_col(adj, "rep"), v[F_REP]);
		table_set(adj, row, table_col(adj, "kind"), v[F_KIND]);
		table_set(adj, row, table_col(adj, "amount"), amount);
		table_set(adj, row, table_col(adj, "reason"), v[F_REASON]);
		table_set(adj, row, table_col(adj, "recoverable"), strcmp(v[F_KIND], "draw") ? "" :
		    *value(v[F_RECOVERABLE]) ? v[F_RECOVERABLE] : "yes");
		table_set(adj, row, table_col(adj, "date"), today_s);
		txn_log(&x, "add %s %s for rep %s in %s (%.200s)", v[F_KIND], amount, v[F_REP],
		    period, v[F_REASON]);
		added++;
	}
	if (input_close(in))
		die("nothing was changed");
	txn_table(&x, &schema_adjustments, adj);
	txn_commit(&x);
	if (!cli.dry_run)
		cli_done(&cli, "added %zu line%s", added, added == 1 ? "" : "s");
	table_free(adj);
	table_free(reps);
	table_free(cfg);
	store_close(s);
	return 0;
}
