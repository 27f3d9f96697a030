/* rep-edit: change columns of existing reps, from options or --from FILE. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "edit.h"
#include "err.h"
#include "input.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "tsv.h"

static const char usage[] =
    "usage: rep-edit REP [--name NAME] [--email E] [--team TEAM] [--role ROLE]\n"
    "                [--manager REP] [--hired DATE] [--status active|leave|gone]\n"
    "                [--region REGION] [--plan PLAN] [--capacity N]\n"
    "                [--set COLUMN=VALUE]... [-nq] [-D DIR] [--today DATE]\n"
    "       rep-edit --from FILE [change options] [-nq] [-D DIR] [--today DATE]\n";

/* The key, then the columns an option or an input column may change. */
static const struct edit_column columns[] = {
	{ "rep", "REP", NULL },
	{ "name", "NAME", "the rep's full name" },
	{ "email", "E", "the rep's e-mail address" },
	{ "team", "TEAM", "the rep's team" },
	{ "role", "ROLE", "the rep's role: ae, sdr, ..." },
	{ "manager", "REP", "the rep's manager" },
	{ "hired", "DATE", "the first day" },
	{ "status", "STATUS", "active, leave or gone; sets or clears ended" },
	{ "region", "REGION", "the rep's region" },
	{ "plan", "PLAN", "the rep's commission plan" },
	{ "capacity", "N", "how many accounts the rep can hold" },
};

static struct cli cli;
static struct edit e = EDIT_INIT(columns, "team or region",
    "(rep-list --all shows every rep)");
static const struct cli_opt options[] = {
	CLI_OPTS_WRITE, CLI_OPT_FROM, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

/* What a rep's changes are checked against. */
struct context {
	const struct table *teams, *plans;
	const char *today;
};

/* Good UTF-8, and for a known column a value its schema accepts. */
static int
check_value(struct input *in, const char *rep, const struct edit_change *c)
{
	int k = schema_col(&schema_reps, c->col);
	size_t n = strlen(c->val);
	const char *why;

	if (utf8_valid_prefix(c->val, n) != n) {
		input_error(in, "%s: value is not valid UTF-8", c->col);
		return 1;
	}
	if (k < 0)
		return 0;
	if (!*c->val && schema_reps.cols[k].required) {
		input_error(in, "rep '%s': %s is required and cannot be cleared", rep, c->col);
		return 1;
	}
	if ((why = schema_check_value(&schema_reps.cols[k], c->val))) {
		input_error(in, "%s '%.64s' %s", c->col, c->val, why);
		return 1;
	}
	return 0;
}

/* The rules sales-check holds reps.tsv to, for the row as changed. */
static int
check_dates(struct input *in, const struct table *reps, size_t row, const char *rep)
{
	const char *status = table_get(reps, row, table_col(reps, "status"));
	const char *ended = table_get(reps, row, table_col(reps, "ended"));
	const char *hired = table_get(reps, row, table_col(reps, "hired"));

	if (strcmp(status, "active") == 0 && *ended) {
		input_error(in, "rep '%s': status 'active' but ended '%s' is set "
		    "(an active rep has no end date)", rep, ended);
		return 1;
	}
	if (strcmp(status, "active") != 0 && !*ended) {
		input_error(in, "rep '%s': status '%s' needs an end date in ended",
		    rep, status);
		return 1;
	}
	if (*ended && strcmp(ended, hired) < 0) {
		input_error(in, "rep '%s': ended '%s' is before hired '%s'", rep, ended, hired);
		return 1;
	}
	return 0;
}

/* Apply the changes to one rep; 1 if any is bad (already reported). */
static int
edit_rep(void *arg, struct input *in, struct table *reps, size_t row,
	 const struct edit_change *ch, size_t n, struct buf *what)
{
	const struct context *ctx = arg;
	const char *rep = table_cell(reps, row, "rep");
	const char *status = edit_find(ch, n, "status");
	const char *manager = edit_find(ch, n, "manager");
	size_t i, bad = 0;

	for (i = 0; i < n; i++)
		bad += check_value(in, rep, &ch[i]);
	if (bad || roster_check_team(in, ctx->teams, edit_find(ch, n, "team")) ||
	    roster_check_plan(in, ctx->plans, edit_find(ch, n, "plan")))
		return 1;
	for (i = 0; i < n; i++)
		edit_cell(reps, row, ch[i].col, ch[i].val, what);
	/* A new status brings its end date along, unless one is given. */
	if (status && !edit_find(ch, n, "ended")) {
		if (strcmp(status, "active") == 0)
			edit_cell(reps, row, "ended", "", what);
		else if (!*table_cell(reps, row, "ended"))
			edit_cell(reps, row, "ended", ctx->today, what);
	}
	/* The loop check walks the chain as it will be, so after the change. */
	return roster_check_manager(in, reps, rep, manager) ||
	    check_dates(in, reps, row, rep);
}

int
main(int argc, char *argv[])
{
	char today[DATE_BUFSZ];
	struct context ctx = { NULL, NULL, today };
	struct table *reps, *teams, *plans;
	struct store *s;
	struct input *in;

	err_init(argv);
	edit_parse(&e, &cli, usage, options, argc, argv);
	date_format(date_today(cli.today), today);
	in = edit_input(&e, &cli);

	s = store_open(cli.data_dir, STORE_WRITE);
	reps = store_load(s, "reps.tsv");
	ctx.teams = teams = store_load(s, "teams.tsv");
	ctx.plans = plans = store_load(s, "comp-plans.tsv");
	edit_run(&e, &cli, in, s, &schema_reps, reps, edit_rep, &ctx);
	table_free(reps);
	table_free(teams);
	table_free(plans);
	store_close(s);
	return 0;
}
