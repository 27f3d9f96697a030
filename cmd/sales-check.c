/* sales-check: validate the whole data directory; --repair fixes what is safe. */
#include <stdio.h>

#include "check.h"
#include "cli.h"
#include "compstmt.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "stage.h"
#include "store.h"
#include "table.h"

static const char usage[] =
    "usage: sales-check [--repair] [-q] [-D DIR]\n";

static struct cli cli;
static int repair;
static const struct cli_opt options[] = {
	CLI_FLAG("repair", &repair, "fix what is safe to fix, then check"),
	CLI_OPT_QUIET("print only problems: no confirmation, no line per repair"),
	CLI_OPT_DATA_DIR,
	CLI_END
};

static void
late_one(void *arg, const char *rep, const char *period, const char *locked,
	 const struct comp_event *e)
{
	char d[DATE_BUFSZ];

	(void)arg;
	warn("payouts/%s.tsv: rep '%s': %s %s %s was booked after the lock of %s: "
	    "comp-calc pays it as an adjustment in the next open period", period, rep, e->deal,
	    e->cancel ? "cancelled" : "won", date_format(e->date, d), locked);
}

/* Events dated in locked pay periods that no locked adjustment has paid
 * yet: told, not counted as problems (the next lock pays them). */
static void
late_events(struct store *s)
{
	struct comp_ctx c = { 0 };
	struct table *cfg = config_load(s);
	struct stages *st = stages_load(s);

	c.s = s;
	c.fys = config_fiscal_start(cfg);
	c.today = date_today(NULL);
	c.quotas = store_load(s, "quotas.tsv");
	c.plans = comp_plans_load(s);
	comp_late(&c, st, late_one, NULL);
	comp_ctx_free(&c);
	comp_plans_free(c.plans);
	table_free(c.quotas);
	stages_free(st);
	table_free(cfg);
}

int
main(int argc, char *argv[])
{
	struct check_repairs rp;
	struct store *s;
	size_t problems;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv))
		cli_usage(&cli);

	/* STORE_CHECK: an interrupted change is reported, not refused. */
	s = store_open(cli.data_dir, STORE_CHECK);
	if (repair) {
		check_find_repairs(s, &rp);
		if (check_repairs_any(&rp)) {
			/* The exclusive lock; taking it finishes an interrupted
			 * change and removes the temporaries. */
			store_close(s);
			s = store_open(cli.data_dir, STORE_WRITE);
			check_repair(s, &rp, cli.quiet);
		}
		check_repairs_free(&rp);
	}
	problems = check_data(s, date_today(NULL));
	if (problems == 0 && !cli.quiet)
		late_events(s);
	close_stdout();
	if (problems == 0)
		cli_done(&cli, "%s: no problems found", store_path(s));
	store_close(s);
	return problems ? EXIT_FAIL : 0;
}
