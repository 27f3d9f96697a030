/* rep-edit: change columns of existing reps, from options or --from FILE. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "edit.h"
#include "err.h"
#include "input.h"
#include "org.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "tsv.h"

static const char usage[] =
    "usage: rep-edit REP [--name NAME] [--email E] [--team TEAM] [--role ROLE]\n"
    "                [--manager REP] [--hired DATE] [--status active|leave|gone]\n"
    "                [--region REGION] [--plan PLAN] [--capacity N]\n"
    "                [--set COLUMN=VALUE]... [--date DATE] [-nq] [-D DIR]\n"
    "                [--today DATE]\n"
    "       rep-edit --from FILE [change options] [--date DATE] [-nq] [-D DIR]\n"
    "                [--today DATE]\n";

/* The key, then the columns an option or an input column may change. */
static const struct edit_column columns[] = {
	{ "rep", "REP", NULL },
	{ "name", "NAME", "the rep's full name" },
	{ "email", "E", "the rep's e-mail address" },
	{ "team", "TEAM", "the rep's team" },
	{ "role", "ROLE", "the rep's role: ae, sdr, ..." },
	{ "manager", "REP", "the rep's manager" },
	{ "hired", "DATE", "the first day" },
	{ "status", "STATUS", "active, leave or gone; sets ended, or hired on a return" },
	{ "region", "REGION", "the rep's region" },
	{ "plan", "PLAN", "the rep's commission plan" },
	{ "capacity", "N", "how many accounts the rep can hold" },
};

static struct cli cli;
static struct edit e = EDIT_INIT(columns, "team or region",
    "(rep-list --all shows every rep)");
static const char *date_opt;
static const struct cli_opt options[] = {
	CLI_OPT("date", "DATE", &date_opt, "the first day of the dated changes (default today)"),
	CLI_OPTS_WRITE, CLI_OPT_FROM, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

/* What a rep's changes are checked against, and the history they go to. */
struct context {
	struct edit_org g;		/* first: edit_org_loops() reads it */
	const struct table *plans;
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

/* The history of one dated column: a row from the date, and the view the
 * value on today.  Status brings ended along, and a return after leaving
 * (gone) is a new hire. */
static void
record(const struct context *ctx, struct table *reps, size_t row, const char *rep,
       const char *col, const char *v, const char *ended, struct buf *what)
{
	char was[16], date[DATE_BUFSZ];
	const char *before;
	date_t d = ctx->g.date_d;

	snprintf(was, sizeof was, "%s", table_cell(reps, row, "status"));
	/* An end date given with leave or gone says since when: the status
	 * holds from that day on, whatever the history said of later days. */
	if (strcmp(col, "status") == 0 && strcmp(v, "active") != 0 && ended && *ended &&
	    date_parse(ended, &d) == 0) {
		org_record(ctx->g.hist, ctx->g.o, ORG_REP, rep, col, d, v);
		org_forget_after(ctx->g.hist, ORG_REP, rep, col, d);
	} else
		org_record(ctx->g.hist, ctx->g.o, ORG_REP, rep, col, d, v);
	date_format(d, date);
	edit_org_view(&ctx->g, ORG_REP, reps, row, rep, col, v, what);
	if (strcmp(col, "status") != 0)
		return;
	/* A return from gone is a new hire, unless it undoes a leaving of
	 * the same day. */
	if (strcmp(v, "active") == 0 && strcmp(was, "gone") == 0 &&
	    org_hist_value(ctx->g.hist, ORG_REP, rep, col, d - 1, &before) &&
	    strcmp(before, "gone") == 0)
		edit_cell(reps, row, "hired", date, what);
	if (strcmp(v, "active") == 0)
		edit_cell(reps, row, "ended", "", what);
	else if (strcmp(v, was) != 0)
		edit_cell(reps, row, "ended", date, what);
}

/* Is c a change of a dated column: another value today, or on the date? */
static int
dated(const struct context *ctx, const struct table *reps, size_t row,
      const struct edit_change *c)
{
	const char *rep = table_cell(reps, row, "rep");

	return org_field(ORG_REP, c->col) >= 0 &&
	    (strcmp(table_cell(reps, row, c->col), c->val) != 0 ||
	    strcmp(org_value(ctx->g.o, ORG_REP, rep, org_field(ORG_REP, c->col), ctx->g.date_d),
	    c->val) != 0);
}

/* A dated change: not before the rep was first on the roster, a team that
 * is open on the date, a return after the end; 1 if bad (reported). */
static int
check_dated(const struct context *ctx, struct input *in, const char *rep,
	    const struct edit_change *c)
{
	date_t first = org_rep_first_day(ctx->g.o, rep);
	char day[DATE_BUFSZ];

	if (ctx->g.date_d < first && !(strcmp(c->col, "status") == 0 &&
	    strcmp(c->val, "active") == 0)) {
		input_error(in, "rep '%s': date '%s' is before hired (%s)", rep, ctx->g.date,
		    first == DATE_MAX ? "never" : date_format(first, day));
		return 1;
	}
	if (strcmp(c->col, "team") == 0 && *c->val &&
	    org_known(ctx->g.o, ORG_TEAM, c->val) && !org_team_open(ctx->g.o, c->val, ctx->g.date_d)) {
		input_error(in, "team '%.64s' does not exist on %s (team-list --all shows "
		    "when it ended)", c->val, ctx->g.date);
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
	const char *manager = edit_find(ch, n, "manager");
	const char *status = edit_find(ch, n, "status"), *ended = edit_find(ch, n, "ended");
	size_t i, bad = 0;

	for (i = 0; i < n; i++)
		bad += check_value(in, rep, &ch[i]);
	/* An end date given with leave or gone is the day the status holds
	 * from, in place of --date. */
	if (!bad && status && strcmp(status, "active") != 0 && ended && *ended) {
		if (strcmp(ended, table_cell(reps, row, "hired")) < 0) {
			input_error(in, "rep '%s': ended '%s' is before hired '%s'", rep,
			    ended, table_cell(reps, row, "hired"));
			return 1;
		}
		if (strcmp(ended, ctx->g.today) > 0) {
			input_error(in, "rep '%s': ended '%s' is after today (%s)", rep,
			    ended, ctx->g.today);
			return 1;
		}
	}
	for (i = 0; i < n; i++)
		if (dated(ctx, reps, row, &ch[i]) && !(strcmp(ch[i].col, "status") == 0 &&
		    ended && *ended))
			bad += check_dated(ctx, in, rep, &ch[i]);
	if (bad || roster_check_team(in, ctx->g.teams, edit_find(ch, n, "team")) ||
	    roster_check_plan(in, ctx->plans, edit_find(ch, n, "plan")))
		return 1;
	for (i = 0; i < n; i++) {
		if (org_field(ORG_REP, ch[i].col) < 0)
			edit_cell(reps, row, ch[i].col, ch[i].val, what);
		else if (dated(ctx, reps, row, &ch[i]))
			record(ctx, reps, row, rep, ch[i].col, ch[i].val, ended, what);
	}
	edit_org_from(&ctx->g, what);
	/* The loop check walks the chain as it will be, so after the change. */
	return roster_check_manager(in, reps, rep, manager) ||
	    check_dates(in, reps, row, rep);
}

int
main(int argc, char *argv[])
{
	struct context ctx = { 0 };
	struct table *plans;
	struct store *s;
	struct input *in;

	err_init(argv);
	edit_parse(&e, &cli, usage, options, argc, argv);
	in = edit_org_input(&e, &cli, date_opt, &ctx.g);
	s = store_open(cli.data_dir, STORE_WRITE);
	edit_org_load(&e, &ctx.g, s, ORG_REP, ORG_KIND_BIT(ORG_TEAM));
	ctx.plans = plans = store_load(s, "comp-plans.tsv");
	e.finish = edit_org_loops;
	edit_run(&e, &cli, in, s, &schema_reps, ctx.g.reps, edit_rep, &ctx);
	edit_org_free(&ctx.g);
	table_free(plans);
	store_close(s);
	return 0;
}
