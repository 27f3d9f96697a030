/* rep-edit: change columns of existing reps, from options or --from FILE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "err.h"
#include "input.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "tsv.h"
#include "txn.h"
#include "xalloc.h"

static const char usage[] =
    "usage: rep-edit REP [--name NAME] [--email E] [--team TEAM] [--role ROLE]\n"
    "                [--manager REP] [--hired DATE] [--status active|leave|gone]\n"
    "                [--region REGION] [--plan PLAN] [--capacity N]\n"
    "                [--set COLUMN=VALUE]... [-nq] [-D DIR] [--today DATE]\n"
    "       rep-edit --from FILE [change options] [-nq] [-D DIR] [--today DATE]\n";

/* The key, then the rep fields an option or an input column may change. */
enum { F_REP, F_NAME, F_EMAIL, F_TEAM, F_ROLE, F_MANAGER, F_HIRED, F_STATUS,
	F_REGION, F_PLAN, F_CAPACITY, NFIELDS, OPT_SET = CLI_OWN + NFIELDS };
static const char *const fields[NFIELDS] = {
	"rep", "name", "email", "team", "role", "manager", "hired", "status",
	"region", "plan", "capacity"
};

struct change {
	const char *col, *val;
};

/* A later option for the same column wins, as with most Unix tools. */
static void
add_change(struct change *ch, size_t *n, const char *col, const char *val)
{
	size_t i;

	for (i = 0; i < *n && strcmp(ch[i].col, col) != 0; i++)
		;
	ch[i].col = col;
	ch[i].val = val;
	if (i == *n)
		(*n)++;
}

/* COLUMN=VALUE, split in place in argv. */
static void
parse_set(struct change *ch, size_t *n, char *arg)
{
	char *eq = strchr(arg, '='), *col = arg;
	const char *p;

	if (!eq) {
		warn("--set '%.64s': want COLUMN=VALUE", arg);
		die_usage(usage);
	}
	*eq = '\0';
	for (p = col; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (p > col && ((*p >= '0' && *p <= '9') ||
		    *p == '_'))))
			break;
	if (!*col || *p) {
		warn("invalid column name '%.64s' (want a-z, 0-9 and _, starting with a-z)",
		    col);
		die_usage(usage);
	}
	if (strcmp(col, "rep") == 0) {
		warn("--set rep: a rep's id never changes");
		die_usage(usage);
	}
	add_change(ch, n, col, eq + 1);
}

static const char *
find_change(const struct change *ch, size_t n, const char *col)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(ch[i].col, col) == 0)
			return ch[i].val;
	return NULL;
}

/* Good UTF-8, and for a known column a value its schema accepts. */
static int
check_value(struct input *in, const char *rep, const struct change *c)
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

/* Set one cell; note "col=value" in what when it is different. */
static void
set_cell(struct table *reps, size_t row, const char *col, const char *val,
	 struct buf *what)
{
	int c = table_col(reps, col);

	if (c < 0 && !*val)
		return;		/* clearing a column nobody has: no change */
	if (c < 0)
		c = table_col_add(reps, col);
	if (strcmp(table_get(reps, row, c), val) == 0)
		return;
	table_set(reps, row, c, val);
	buf_printf(what, " %s=", col);
	tsv_escape(what, val, strlen(val));
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
edit_rep(struct input *in, struct table *reps, const struct table *teams,
	 const struct table *plans, size_t row, const struct change *ch, size_t n,
	 const char *today, struct buf *what)
{
	const char *rep = table_get(reps, row, table_col(reps, "rep"));
	const char *status = find_change(ch, n, "status");
	const char *manager = find_change(ch, n, "manager");
	size_t i, bad = 0;

	for (i = 0; i < n; i++)
		bad += check_value(in, rep, &ch[i]);
	if (bad || roster_check_team(in, teams, find_change(ch, n, "team")) ||
	    roster_check_plan(in, plans, find_change(ch, n, "plan")))
		return 1;
	for (i = 0; i < n; i++)
		set_cell(reps, row, ch[i].col, ch[i].val, what);
	/* A new status brings its end date along, unless one is given. */
	if (status && !find_change(ch, n, "ended")) {
		if (strcmp(status, "active") == 0)
			set_cell(reps, row, "ended", "", what);
		else if (!*table_get(reps, row, table_col(reps, "ended")))
			set_cell(reps, row, "ended", today, what);
	}
	/* The loop check walks the chain as it will be, so after the change. */
	return roster_check_manager(in, reps, rep, manager) ||
	    check_dates(in, reps, row, rep);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_WRITE, CLI_FROM,
		{ "name", required_argument, NULL, CLI_OWN + F_NAME },
		{ "email", required_argument, NULL, CLI_OWN + F_EMAIL },
		{ "team", required_argument, NULL, CLI_OWN + F_TEAM },
		{ "role", required_argument, NULL, CLI_OWN + F_ROLE },
		{ "manager", required_argument, NULL, CLI_OWN + F_MANAGER },
		{ "hired", required_argument, NULL, CLI_OWN + F_HIRED },
		{ "status", required_argument, NULL, CLI_OWN + F_STATUS },
		{ "region", required_argument, NULL, CLI_OWN + F_REGION },
		{ "plan", required_argument, NULL, CLI_OWN + F_PLAN },
		{ "capacity", required_argument, NULL, CLI_OWN + F_CAPACITY },
		{ "set", required_argument, NULL, OPT_SET },
		{ 0 }
	};
	const char *opt[NFIELDS] = { 0 }, *v[NFIELDS];
	char today[DATE_BUFSZ];
	struct cli cli = { 0 };
	struct change *ch, rowch[NFIELDS];
	struct table *reps, *teams, *plans;
	struct buf what = BUF_INIT, log = BUF_INIT;
	struct store *s;
	struct input *in;
	struct txn x;
	char *line, *nl;
	size_t i, nch = 0, nrow, nedits = 0;
	long row;
	int c;

	err_init(argv);
	ch = xcalloc((size_t)argc, sizeof *ch);
	while ((c = getopt_long(argc, argv, "D:hnq", opts, NULL)) != -1) {
		if (c > CLI_OWN + F_REP && c < CLI_OWN + NFIELDS)
			add_change(ch, &nch, fields[c - CLI_OWN], optarg);
		else if (c == OPT_SET)
			parse_set(ch, &nch, optarg);
		else
			cli_common(&cli, c, usage);
	}
	if (cli.from ? optind != argc : optind != argc - 1)
		die_usage(usage);
	if (!cli.from)
		opt[F_REP] = argv[optind];
	if (!cli.from && !nch) {
		warn("nothing to change");
		die_usage(usage);
	}
	date_format(date_today(cli.today), today);

	s = store_open(cli.data_dir, STORE_WRITE);
	reps = store_load(s, "reps.tsv");
	teams = store_load(s, "teams.tsv");
	plans = store_load(s, "comp-plans.tsv");
	/* Options apply to every row; without any, the input's columns are the changes. */
	in = input_open(cli.from, fields, nch ? 1 : NFIELDS, INPUT_ACT);
	for (i = 1; !nch && i < NFIELDS && !input_has(in, i); i++)
		;
	if (!nch && i == NFIELDS) {
		warn("nothing to change: the input has no column such as team or region, "
		    "and no change option was given");
		die_usage(usage);
	}
	while (input_next(in, opt, v)) {
		if (!v[F_REP] || !*v[F_REP]) {
			input_error(in, "no rep id given");
			continue;
		}
		if ((row = roster_find_rep(reps, v[F_REP])) < 0) {
			input_error(in, "unknown rep '%.64s' (rep-list --all shows every rep)",
			    v[F_REP]);
			continue;
		}
		for (nrow = 0, i = 1; !nch && i < NFIELDS; i++)
			if (input_has(in, i))
				add_change(rowch, &nrow, fields[i], v[i]);
		buf_reset(&what);
		if (edit_rep(in, reps, teams, plans, (size_t)row, nch ? ch : rowch, nch ? nch : nrow,
		    today, &what) || !what.len)
			continue;
		/* Values are escaped in what, so a line never holds a newline. */
		buf_printf(&log, "edit rep %s:%s\n", v[F_REP], what.data);
		nedits++;
	}
	if (input_close(in))
		die("nothing was changed");

	txn_begin(&x, s, cli.dry_run);
	for (line = log.data; line && (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		txn_log(&x, "%s", line);
	}
	if (nedits)
		txn_table(&x, &schema_reps, reps);
	txn_commit(&x);
	close_stdout();
	if (!cli.dry_run)
		cli_done(&cli, "edited %zu rep%s", nedits, nedits == 1 ? "" : "s");
	free(ch);
	buf_free(&what);
	buf_free(&log);
	table_free(reps);
	table_free(teams);
	table_free(plans);
	store_close(s);
	return 0;
}
