/* quota-split: split a team's revenue target over its active reps. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "config.h"
#include "date.h"
#include "caches.h"
#include "decimal.h"
#include "diagnose.h"
#include "err.h"
#include "history.h"
#include "intern.h"
#include "money.h"
#include "out.h"
#include "quota.h"
#include "schema.h"
#include "stage.h"
#include "store.h"
#include "suggest.h"
#include "txn.h"
#include "xalloc.h"

static const char usage[] =
    "usage: quota-split PERIOD --team TEAM AMOUNT [--by equal|history|capacity]\n"
    "                   [--ramp LIST] [--replace] [-nq] [-o FORMAT] [--no-header]\n"
    "                   [--raw] [--columns LIST] [--color WHEN] [-D DIR]\n"
    "                   [--today DATE]\n"
    "       quota-split PERIOD --team TEAM AMOUNT --by weight COLUMN [--replace] [-nq]\n"
    "                   [-o FORMAT] [--no-header] [--raw] [--columns LIST]\n"
    "                   [--color WHEN] [-D DIR] [--today DATE]\n";

/* Fewer won deals than this in the four quarters, and --by history is
 * refused: the shares would be luck. */
#define MIN_WON 5

static struct cli cli;
static const char *team, *by = "equal", *ramp;
static int replace;
static const struct cli_opt options[] = {
	CLI_OPT("team", "TEAM", &team, "the team whose target is split (required)"),
	CLI_OPT("by", "BY", &by,
	    "equal (default), history, capacity (account capacity) or weight COLUMN"),
	CLI_OPT("ramp", "LIST", &ramp,
	    "percent of a full share by month since hire (0,25,50,75); default: config's ramp"),
	CLI_FLAG("replace", &replace,
	    "remove the rows inside PERIOD that the split's rows would hide"),
	CLI_OPTS_WRITE, CLI_OPTS_REPORT, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

static const struct out_col cols[] = {
	{ "period", OUT_TEXT, 3 }, { "rep", OUT_TEXT, 1 }, { "team", OUT_TEXT, 3 },
	{ "metric", OUT_TEXT, 3 }, { "target", OUT_MONEY, 1 },
};

/*
 * Each rep's credited revenue (history.h) in the four quarters before p,
 * taken as one period, returned (free() it; never below 0).  Refused
 * below MIN_WON won deals (less those undone in the same four quarters);
 * what it rests on is said.
 */
static int64_t *
history(struct store *s, const struct period *p, const struct intern *reps)
{
	struct stages *st = stages_load(s);
	date_t from = date_add_months(p->from, -12);
	struct history *h = history_open(s, st, from, 0);
	int64_t *w = xcalloc(intern_count(reps) + 1, sizeof *w);
	const struct hist_event *ev;
	char a[DATE_BUFSZ], b[DATE_BUFSZ];
	struct hist_share sh[HIST_MAXSHARES];
	int64_t won = 0;
	const char *rep;
	size_t i, ns;
	long k;
	int ours;

	history_until(h, p->from - 1);
	while ((ev = history_next(h, p->from - 1))) {
		if (!history_credit(ev, from))
			continue;
		/* A split deal: each share, a deal counted once for the team. */
		ns = history_shares(h, ev->after, history_credit(ev, from), sh);
		for (i = 0, ours = 0; i < ns; i++) {
			rep = history_name(h, HIST_REP, sh[i].rep);
			if ((k = intern_get(reps, rep, strlen(rep))) < 0)
				continue;
			ours = 1;
			if (money_add(w[k], sh[i].amount, &w[k]) < 0)
				die("%s:%lu: won revenue of rep '%s' out of range", ev->file,
				    ev->line, rep);
		}
		won += !ours ? 0 : history_credit_kind(ev, from) == HIST_CREDIT_WON ? 1 : -1;
	}
	history_close(h);
	stages_free(st);
	date_format(from, a);
	date_format(p->from - 1, b);
	if (won < MIN_WON && (won == 0 || intern_count(reps) > 1))
		free(w);
	if (won == 0)
		die("no won deals by team %s's active reps in %s..%s; use --by equal or "
		    "--by weight COLUMN", team, a, b);
	/* A team of one takes the whole target however little it won. */
	if (won < MIN_WON && intern_count(reps) > 1)
		die("only %lld won deal%s by team %s's active reps in %s..%s (fewer than %d): "
		    "too few to split by; use --by equal or --by weight COLUMN", (long long)won,
		    won == 1 ? "" : "s", team, a, b, MIN_WON);
	cli_note("split by the revenue of %lld won deals in %s..%s", (long long)won, a, b);
	for (k = 0; k < (long)intern_count(reps); k++)
		if (w[k] <= 0) {
			w[k] = 0;
			warn("rep '%s' won nothing in %s..%s: a share of 0", intern_name(reps,
			    (size_t)k), a, b);
		}
	return w;
}

/*
 * The user's column of reps.tsv: numbers of 0 or more, brought to one
 * scale.  Each rep whose value is missing or bad is said, then die.
 */
static void
weight(const struct table *reps, const size_t *rows, size_t n, const char *col, int64_t *w)
{
	int c = table_col(reps, col), rc = table_col(reps, "rep"), *d, most = 0;
	const char *v, *id;
	size_t i, bad = 0;

	if (c < 0)
		die("reps.tsv has no column '%.64s' (rep-edit REP --set %.64s=VALUE adds it)",
		    col, col);
	d = xcalloc(n + 1, sizeof *d);
	for (i = 0; i < n; i++) {
		v = table_get(reps, rows[i], c);
		id = table_get(reps, rows[i], rc);
		if (!*v && ++bad)
			warn("rep '%s' has no %s (rep-edit %s --set %s=VALUE)", id, col, id, col);
		else if ((dec_parse(v, &w[i], &d[i]) < 0 || w[i] < 0) && ++bad)
			warn("rep '%s': %s '%.64s' is not a number of 0 or more", id, col, v);
		else if (d[i] > most)
			most = d[i];
	}
	if (bad) {
		free(d);
		die("nothing was changed");
	}
	for (i = 0; i < n; i++)
		if (__builtin_mul_overflow(w[i], dec_pow10(most - d[i]), &w[i]))
			die("the weights in column '%.64s' are out of range", col);
	free(d);
}

/* The capacity column of reps.tsv, or default_capacity where it is empty. */
static void
capacity(const struct table *reps, const size_t *rows, size_t n, long def, int64_t *w)
{
	int cc = table_col(reps, "capacity"), rc = table_col(reps, "rep");
	const char *v;
	long long c;
	size_t i;

	for (i = 0; i < n; i++) {
		v = cc >= 0 ? table_get(reps, rows[i], cc) : "";
		if (!*v)
			w[i] = def;
		else if (parse_uint(v, 1000000000, &c) < 0)
			die("reps.tsv: capacity '%.64s' of rep '%s' is not a whole number; "
			    "run sales-check", v, table_get(reps, rows[i], rc));
		else
			w[i] = c;
	}
}

/*
 * --by equal: each rep by the days employed in p from the hire date,
 * each day at the ramp's percent for the months since hire.
 */
static void
employed(const struct table *reps, const size_t *rows, size_t n, const struct period *p,
	 const struct quota_ramp *r, int64_t *w)
{
	int hc = table_col(reps, "hired"), rc = table_col(reps, "rep");
	date_t hired;
	size_t i;

	for (i = 0; i < n; i++) {
		if (date_parse(table_get(reps, rows[i], hc), &hired) < 0)
			die("reps.tsv: hired '%.64s' of rep '%s' is not a date; run sales-check",
			    table_get(reps, rows[i], hc), table_get(reps, rows[i], rc));
		w[i] = quota_ramp_weight(r, hired, p);
	}
}

/* The period and the total asked for, and the team: each that is wrong is
 * said, then die.  The total (canonical) into total, its amount returned. */
static int64_t
check_args(const char *period, const char *target, const char *team, date_t today,
	   const struct table *cfg, const struct table *teams, struct period *p, char *total)
{
	char hint[SUGGEST_BUFSZ];
	const char *why;
	int64_t amount;
	size_t bad = 0;

	if ((why = quota_period(period, today, config_fiscal_start(cfg), p))) {
		warn("period '%.64s' %s", period, why);
		bad++;
	}
	if ((why = quota_target("revenue", target, total))) {
		warn("target '%.64s' %s", target, why);
		bad++;
	}
	if (table_find(teams, table_col(teams, "team"), team) < 0) {
		warn("unknown team '%.64s' (%s)", team, suggest(teams, "team", "name", team,
		    "add it with team-add", hint));
		bad++;
	}
	if (bad)
		die("nothing was changed");
	money_parse(total, &amount, NULL);
	return amount;
}

/* The team's active reps: their ids into ids, their rows into rows. */
static size_t
team_reps(const struct table *reps, const char *team, struct intern *ids, size_t *rows)
{
	int rc = table_col(reps, "rep"), tc = table_col(reps, "team");
	int sc = table_col(reps, "status");
	size_t i, n = 0;

	for (i = 0; i < reps->nrows; i++)
		if (strcmp(table_get(reps, i, tc), team) == 0 &&
		    strcmp(table_get(reps, i, sc), "active") == 0) {
			rows[n++] = i;
			intern_add(ids, table_get(reps, i, rc), strlen(table_get(reps, i, rc)));
		}
	if (n == 0)
		die("team '%s' has no active reps; nothing was changed", team);
	return n;
}

/*
 * The rows of rep (or team) inside p under another name, which the
 * split's row for p would hide in every report over p: without --replace
 * each is said and counted, with it each is removed and logged.
 */
static size_t
hidden(struct table *quotas, const struct period *p, const char *rep, const char *team,
       int fys, struct buf *log)
{
	int pc = table_col(quotas, "period"), vc = table_col(quotas, "target");
	size_t n = 0;
	long k;

	for (k = 0; (k = quota_hidden(quotas, p, rep, team, "revenue", fys, (size_t)k)) >= 0;
	    n++) {
		if (!replace) {
			warn("%s '%s' has quota %s of %s inside %s, which the split would hide",
			    *rep ? "rep" : "team", *rep ? rep : team,
			    table_get(quotas, (size_t)k, pc), table_get(quotas, (size_t)k, vc),
			    p->name);
			k++;
			continue;
		}
		buf_printf(log, "remove quota %s %s %s revenue %s (inside %s)\n",
		    table_get(quotas, (size_t)k, pc), *rep ? "rep" : "team", *rep ? rep : team,
		    table_get(quotas, (size_t)k, vc), p->name);
		table_del_row(quotas, (size_t)k);
	}
	return n;
}

/* Print the split and put it in quotas (with the team's total); the log
 * lines of the changes into log. */
static void
print_split(const struct period *p, const struct intern *ids, const int64_t *parts,
	    const char *team, const char *total, const struct cli *cli,
	    struct table *quotas, struct buf *log)
{
	struct out *o = out_start(out_resolve(cli->format), cols, 5, cli->no_header);
	char part[MONEY_BUFSZ];
	const char *v[5];
	size_t i;

	for (i = 0; i < intern_count(ids); i++) {
		money_format(parts[i], part);
		v[0] = p->name;
		v[1] = intern_name(ids, i);
		v[2] = "";
		v[3] = "revenue";
		v[4] = part;
		out_row(o, v);
		quota_put(quotas, p->name, v[1], "", "revenue", part, log);
	}
	out_end(o);
	quota_put(quotas, p->name, "", team, "revenue", total, log);
}

/* quotas.tsv with the split of period p, one audit line a change; -n -q:
 * none.  The diagnosis's cached quota targets (diagnose.h) are then kept
 * when p is outside their window (every row the split sets or removes is
 * of days inside p), else made anew in the background, as after a deal
 * write. */
static void
write_split(struct store *s, const struct cli *cli, struct table *quotas, struct buf *log,
	    const struct period *p, int fys, date_t today)
{
	struct diagnose_targets dt;
	char *line, *nl;
	struct txn x;

	diagnose_targets_hold(s, today, &dt);
	diagnose_targets_touch(&dt, p->name, fys);
	txn_begin(&x, s, cli->dry_run);
	/* -n -q: the split alone, ready for quota-set --from -. */
	for (line = log->data; line && *line && !(cli->dry_run && cli->quiet); line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		txn_log(&x, "%s", line);
	}
	if (x.changes)
		txn_table(&x, &schema_quotas, quotas);
	/* The split is the answer: if it cannot be printed, write nothing. */
	close_stdout();
	txn_commit(&x);
	if (x.changes && !cli->dry_run) {
		diagnose_targets_carry(s, &dt);
		history_checkpoint(s, NULL, today, report_caches);
	}
}

/* Each of the n reps' weight under --by. */
static int64_t *
weights(struct store *s, const struct table *cfg, const struct table *reps,
	const size_t *rows, size_t n, struct intern *ids, const struct period *p,
	const struct quota_ramp *rp)
{
	int64_t *w;

	if (strcmp(by, "history") == 0)
		w = history(s, p, ids);
	else
		w = xcalloc(n, sizeof *w);
	if (strcmp(by, "capacity") == 0)
		capacity(reps, rows, n, config_int(cfg, "default_capacity", 0, 1000000000, 25), w);
	else if (strcmp(by, "weight") == 0)
		weight(reps, rows, n, cli.args[2], w);
	else if (strcmp(by, "equal") == 0)
		employed(reps, rows, n, p, rp, w);
	return w;
}

/* amount in n parts by the weights w; dies, saying why, when all weigh 0. */
static int64_t *
split(int64_t amount, const int64_t *w, size_t n, const struct period *p)
{
	int64_t *parts = xcalloc(n, sizeof *parts);

	if (money_split(amount, w, n, parts) == 0)
		return parts;
	if (strcmp(by, "history") == 0)
		die("no won revenue in the four quarters before %s; "
		    "use --by equal or --by weight COLUMN", p->name);
	if (strcmp(by, "equal") == 0)
		die("no active rep of team '%s' carries a share of %s (hired after it, "
		    "or in the ramp's first months); nothing was changed", team, p->name);
	if (strcmp(by, "weight") == 0)
		die("every active rep of team '%s' has %s 0; use --by equal", team,
		    cli.args[2]);
	die("every active rep of team '%s' has capacity 0; use --by equal", team);
}

int
main(int argc, char *argv[])
{
	char total[MONEY_BUFSZ];
	struct table *cfg, *reps, *teams, *quotas;
	struct buf log = BUF_INIT;
	struct intern *ids;
	struct quota_ramp rp;
	struct period p;
	struct store *s;
	size_t *rows, n, i, bad;
	int64_t amount, *w, *parts;
	date_t today;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv) != 2 + (strcmp(by, "weight") == 0) ||
	    !team)
		cli_usage(&cli);
	if (strcmp(by, "equal") != 0 && strcmp(by, "history") != 0 &&
	    strcmp(by, "capacity") != 0 && strcmp(by, "weight") != 0)
		die_status(EXIT_USAGE, "invalid --by '%s': want equal, history, capacity or "
		    "weight COLUMN", by);
	today = date_today(cli.today);
	if (ramp && strcmp(by, "equal") != 0)
		die_status(EXIT_USAGE, "--ramp is for --by equal, not --by %s", by);
	if (ramp && quota_ramp_parse(ramp, &rp) < 0)
		die_status(EXIT_USAGE, "invalid --ramp '%.64s': want percents 0-100 by month "
		    "since hire, such as 0,25,50,75", ramp);

	s = store_open(cli.data_dir, STORE_WRITE);
	cfg = config_load(s);
	if (!ramp && quota_ramp_parse(config_get(cfg, "ramp"), &rp) < 0)
		die("config.tsv: ramp '%.64s' is not percents 0-100 by month since hire, "
		    "such as 0,25,50,75", config_get(cfg, "ramp"));
	reps = store_load(s, "reps.tsv");
	teams = store_load(s, "teams.tsv");
	quotas = store_load(s, "quotas.tsv");
	amount = check_args(cli.args[0], cli.args[1], team, today, cfg, teams, &p, total);
	rows = xcalloc(reps->nrows + 1, sizeof *rows);
	n = team_reps(reps, team, ids = intern_new(), rows);
	w = weights(s, cfg, reps, rows, n, ids, &p, &rp);
	parts = split(amount, w, n, &p);
	for (i = 0, bad = 0; i < n; i++)
		bad += hidden(quotas, &p, intern_name(ids, i), "", config_fiscal_start(cfg), &log);
	bad += hidden(quotas, &p, "", team, config_fiscal_start(cfg), &log);
	if (bad && !replace)
		die("nothing was changed (give --replace to remove those rows)");
	print_split(&p, ids, parts, team, total, &cli, quotas, &log);
	write_split(s, &cli, quotas, &log, &p, config_fiscal_start(cfg), today);
	if (!cli.dry_run)
		cli_done(&cli, "split %s over %zu rep%s of team %s%s", total, n, n == 1 ? "" : "s",
		    team, strcmp(by, "capacity") == 0 ?
		    " by account capacity (the accounts each can carry)" : "");
	buf_free(&log);
	free(rows);
	free(w);
	free(parts);
	intern_free(ids);
	table_free(cfg);
	table_free(reps);
	table_free(teams);
	table_free(quotas);
	store_close(s);
	return 0;
}
