/* deal-age: the open deals that sit too long: idle, over their stage's
 * days, or with a close date pushed again and again; or, by stage, how
 * long deals stay at each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "age.h"
#include "cli.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "intern.h"
#include "money.h"
#include "out.h"
#include "roster.h"
#include "stage.h"
#include "stats.h"
#include "store.h"
#include "suggest.h"
#include "table.h"
#include "xalloc.h"

static const char usage[] =
    "usage: deal-age [--idle DAYS] [--stage-days STAGE=DAYS[,STAGE=DAYS ...]]\n"
    "                [--pushed N] [--rep REP | --team TEAM] [-o FORMAT] [--no-header]\n"
    "                [--raw] [--columns LIST] [--color WHEN] [-D DIR] [--today DATE]\n"
    "       deal-age --stages [-o FORMAT] [--no-header] [--raw] [--columns LIST]\n"
    "                [--color WHEN] [-D DIR] [--today DATE]\n";

static struct cli cli;
static const char *idle_s, *stage_days_s, *pushed_s, *rep, *team;
static struct intern *team_reps;	/* --team: the reps on it today */
static int by_stage;
static const struct cli_opt options[] = {
	CLI_OPT("idle", "DAYS", &idle_s, "deals with no event or activity for DAYS days or more"),
	CLI_OPT("stage-days", "LIST", &stage_days_s,
	    "deals at STAGE for DAYS days or more, for each STAGE=DAYS"),
	CLI_OPT("pushed", "N", &pushed_s, "deals whose close date was pushed N times or more"),
	CLI_OPT("rep", "REP", &rep, "only the deals of REP"),
	CLI_OPT("team", "TEAM", &team, "only the deals of the reps on TEAM today"),
	CLI_FLAG("stages", &by_stage, "one row per stage: how long deals stay there"),
	CLI_OPTS_REPORT, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

enum {
	C_DEAL, C_REP, C_ACCOUNT, C_PRODUCT, C_AMOUNT, C_STAGE, C_EXPECTED, C_OPENED,
	C_SINCE, C_STAGE_DAYS, C_PUSHES, C_LAST_EVENT, C_LAST_ACT, C_IDLE, C_WHY, NCOLS
};
static const struct out_col cols[NCOLS] = {
	{ "deal", OUT_TEXT, 1 }, { "rep", OUT_TEXT, 1 }, { "account", OUT_TEXT, 2 },
	{ "product", OUT_TEXT, 5 }, { "amount", OUT_MONEY, 2 }, { "stage", OUT_TEXT, 2 },
	{ "expected", OUT_TEXT, 4 }, { "opened", OUT_TEXT, 5 }, { "stage_since", OUT_TEXT, 6 },
	{ "stage_days", OUT_INT, 3 }, { "pushes", OUT_INT, 3 }, { "last_event", OUT_TEXT, 5 },
	{ "last_activity", OUT_TEXT, 4 }, { "idle_days", OUT_INT, 1 }, { "why", OUT_TEXT, 3 },
};
enum { S_STAGE, S_OPEN, S_OPEN_DAYS, S_OPEN_MAX, S_STAYS, S_STAY_DAYS, S_STAY_MAX, NSCOLS };
static const struct out_col scols[NSCOLS] = {
	{ "stage", OUT_TEXT, 2 }, { "open", OUT_INT, 1 }, { "open_days", OUT_NUM, 2 },
	{ "open_days_max", OUT_INT, 3 }, { "stays", OUT_INT, 2 }, { "stay_days", OUT_NUM, 2 },
	{ "stay_days_max", OUT_INT, 3 },
};

/* The limits: -1 where none was given. */
struct limits {
	long long idle, pushed;
	long long *stage;	/* per stage of stages.tsv */
	int any;
};

static long long
days_option(const char *name, const char *s)
{
	long long v;

	if (parse_uint(s, 100000, &v) < 0)
		die_status(EXIT_USAGE, "invalid --%s '%s': want a whole number of days", name, s);
	return v;
}

/* --stage-days proposal=14,negotiation=21: each an open stage of stages.tsv.
 * A problem is said once what was allocated is freed (LeakSanitizer). */
static void
stage_limits(const char *list, const struct stages *st, long long *lim)
{
	char *copy = xstrdup(list), *item, *save = NULL, *eq, hint[SUGGEST_BUFSZ], msg[256];
	const char **names = xcalloc(st->n ? st->n : 1, sizeof *names);
	const struct stage *sg = NULL;
	int status = 0;
	size_t i;

	msg[0] = '\0';
	for (i = 0; i < st->n; i++)
		names[i] = st->v[i].name;
	for (item = strtok_r(copy, ",", &save); item && !msg[0];
	    item = strtok_r(NULL, ",", &save)) {
		if (!(eq = strchr(item, '='))) {
			status = EXIT_USAGE;
			snprintf(msg, sizeof msg, "invalid --stage-days '%.64s': want STAGE=DAYS, "
			    "like proposal=14", item);
		} else if ((*eq = '\0', !(sg = stage_find(st, item)))) {
			status = 1;
			snprintf(msg, sizeof msg, "unknown stage '%.64s' (%s)", item,
			    suggest_among(names, st->n, item, "see stages.tsv", hint));
		} else if (sg->state != STAGE_OPEN) {
			status = 1;
			snprintf(msg, sizeof msg, "stage '%.64s' is not an open stage "
			    "(see stages.tsv)", item);
		} else if (parse_uint(eq + 1, 100000, &lim[sg - st->v]) < 0) {
			status = EXIT_USAGE;
			snprintf(msg, sizeof msg, "invalid --stage-days '%.64s=%.64s': want a "
			    "whole number of days", item, eq + 1);
		}
	}
	free(names);
	free(copy);
	if (msg[0])
		die_status(status, "%s", msg);
}

/* Why a deal is listed ("" for no limit broken); buf of 32 bytes. */
static const char *
why(const struct age_deal *x, const struct limits *l, char *buf)
{
	buf[0] = '\0';
	if (l->idle >= 0 && x->idle_days >= l->idle)
		strcat(buf, "idle,");
	if (x->d.stage >= 0 && l->stage[x->d.stage] >= 0 && x->stage_days >= l->stage[x->d.stage])
		strcat(buf, "stage,");
	if (l->pushed >= 0 && x->pushes >= l->pushed)
		strcat(buf, "pushed,");
	if (buf[0])
		buf[strlen(buf) - 1] = '\0';
	return buf;
}

static const char *
date_or_none(date_t d, char *buf)
{
	return d == HIST_NO_DATE ? "" : date_format(d, buf);
}

static void
print_deals(const struct age *a, const struct stages *st, const struct limits *l)
{
	char id[32], amount[MONEY_BUFSZ], exp[DATE_BUFSZ], opened[DATE_BUFSZ],
	    since[DATE_BUFSZ], sd[24], pushes[24], last[DATE_BUFSZ], act[DATE_BUFSZ],
	    idle[24], w[32];
	const char *row[NCOLS];
	const struct age_deal *x;
	struct out *o = out_start(out_resolve(cli.format), cols, NCOLS, cli.no_header);
	size_t i;

	for (i = 0; i < a->n; i++) {
		x = &a->deal[i];
		if (rep && strcmp(age_name(a, HIST_REP, x->d.rep), rep) != 0)
			continue;
		if (team_reps && intern_get(team_reps, age_name(a, HIST_REP, x->d.rep),
		    strlen(age_name(a, HIST_REP, x->d.rep))) < 0)
			continue;
		row[C_WHY] = why(x, l, w);
		if (l->any && !*row[C_WHY])
			continue;
		snprintf(id, sizeof id, "D%zu", x->deal);
		snprintf(sd, sizeof sd, "%lld", (long long)x->stage_days);
		snprintf(pushes, sizeof pushes, "%lu", (unsigned long)x->pushes);
		snprintf(idle, sizeof idle, "%lld", (long long)x->idle_days);
		row[C_DEAL] = id;
		row[C_REP] = age_name(a, HIST_REP, x->d.rep);
		row[C_ACCOUNT] = age_name(a, HIST_ACCOUNT, x->d.account);
		row[C_PRODUCT] = age_name(a, HIST_PRODUCT, x->d.product);
		row[C_AMOUNT] = money_format(x->d.amount, amount);
		row[C_STAGE] = x->d.stage >= 0 && (size_t)x->d.stage < st->n ?
		    st->v[x->d.stage].name : "";
		row[C_EXPECTED] = date_or_none(x->d.expected, exp);
		row[C_OPENED] = date_format(x->d.opened, opened);
		row[C_SINCE] = date_format(x->stage_since, since);
		row[C_STAGE_DAYS] = sd;
		row[C_PUSHES] = pushes;
		row[C_LAST_EVENT] = date_format(x->d.last, last);
		row[C_LAST_ACT] = date_or_none(x->last_activity, act);
		row[C_IDLE] = idle;
		out_row(o, row);
	}
	out_end(o);
}

/* A median (doubled) and a maximum as text; "" for no values. */
static void
order_stats(int64_t *v, size_t n, char *median, char *max)
{
	median[0] = max[0] = '\0';
	if (n == 0)
		return;
	stats_sort(v, n);
	stats_half(stats_median2(v, n), median);
	snprintf(max, STATS_BUFSZ, "%lld", (long long)v[n - 1]);
}

static void
print_stages(const struct age *a, const struct stages *st)
{
	char nopen[24], nstays[24], om[STATS_BUFSZ], ox[STATS_BUFSZ], sm[STATS_BUFSZ],
	    sx[STATS_BUFSZ];
	int64_t *open = xcalloc(a->n ? a->n : 1, sizeof *open);
	const char *row[NSCOLS];
	struct out *o = out_start(out_resolve(cli.format), scols, NSCOLS, cli.no_header);
	size_t i, j, n;

	for (j = 0; j < st->n; j++) {
		if (st->v[j].state != STAGE_OPEN)
			continue;
		for (i = n = 0; i < a->n; i++)
			if (a->deal[i].d.stage == (int16_t)j)
				open[n++] = a->deal[i].stage_days;
		order_stats(open, n, om, ox);
		snprintf(nopen, sizeof nopen, "%zu", n);
		snprintf(nstays, sizeof nstays, "%zu", a->stay[j].n);
		order_stats(a->stay[j].days, a->stay[j].n, sm, sx);
		row[S_STAGE] = st->v[j].name;
		row[S_OPEN] = nopen;
		row[S_OPEN_DAYS] = om;
		row[S_OPEN_MAX] = ox;
		row[S_STAYS] = nstays;
		row[S_STAY_DAYS] = sm;
		row[S_STAY_MAX] = sx;
		out_row(o, row);
	}
	out_end(o);
	free(open);
}

/* age_scan_of() the rep of --rep, or the reps on the team of --team. */
static struct age *
of_reps(struct store *s, const struct stages *st, date_t today)
{
	size_t n = rep ? 1 : intern_count(team_reps), i;
	const char **reps = xcalloc(n + 1, sizeof *reps);
	struct age *a;

	for (i = 0; i < n; i++)
		reps[i] = rep ? rep : intern_name(team_reps, i);
	a = age_scan_of(s, st, today, reps, n);
	free(reps);
	return a;
}

int
main(int argc, char *argv[])
{
	struct limits l = { .idle = -1, .pushed = -1 };
	struct stages *st;
	struct table *reps;
	struct store *s;
	struct age *a;
	char hint[SUGGEST_BUFSZ], msg[256];
	date_t today;
	size_t j;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv) != 0)
		cli_usage(&cli);
	if (by_stage && (idle_s || stage_days_s || pushed_s || rep || team))
		cli_usage_error(&cli, "--stages goes with none of --idle, --stage-days, "
		    "--pushed, --rep and --team");
	if (rep && team)
		cli_usage_error(&cli, "--rep and --team: one or the other");
	if (idle_s)
		l.idle = days_option("idle", idle_s);
	if (pushed_s && parse_uint(pushed_s, 100000, &l.pushed) < 0)
		die_status(EXIT_USAGE, "invalid --pushed '%s': want a whole number of times",
		    pushed_s);
	today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_READ);
	table_free(config_load(s));
	st = stages_load(s);
	l.stage = xcalloc(st->n ? st->n : 1, sizeof *l.stage);
	for (j = 0; j < st->n; j++)
		l.stage[j] = -1;
	if (stage_days_s)
		stage_limits(stage_days_s, st, l.stage);
	l.any = idle_s || stage_days_s || pushed_s;
	if (rep) {
		reps = store_load(s, "reps.tsv");
		if (roster_find_rep(reps, rep) < 0) {
			snprintf(msg, sizeof msg, "unknown rep '%.64s' (%s)", rep,
			    suggest(reps, "rep", "name", rep, "see rep-list", hint));
			table_free(reps);
			die("%s", msg);
		}
		table_free(reps);
	}
	if (team)
		team_reps = roster_team_on(s, team, today);
	a = rep || team_reps ? of_reps(s, st, today) : age_scan(s, st, today, AGE_STAGES);
	if (by_stage)
		print_stages(a, st);
	else
		print_deals(a, st, &l);
	close_stdout();
	age_free(a);
	intern_free(team_reps);
	free(l.stage);
	stages_free(st);
	store_close(s);
	return 0;
}
