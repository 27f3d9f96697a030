/* deal-reasons: why deals were lost in a period, per reason, rep or team. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "config.h"
#include "deal.h"
#include "err.h"
#include "intern.h"
#include "money.h"
#include "org.h"
#include "out.h"
#include "period.h"
#include "reason.h"
#include "roster.h"
#include "stats.h"
#include "store.h"
#include "suggest.h"
#include "xalloc.h"

static const char usage[] =
    "usage: deal-reasons [--period P] [--by reason|rep|team] [--rep REP | --team TEAM]\n"
    "                    [-o FORMAT] [--no-header] [--raw] [--columns LIST]\n"
    "                    [--color WHEN] [-D DIR] [--today DATE]\n";

static struct cli cli;
static const char *period = "this-quarter", *by = "reason", *rep, *team;
static const struct cli_opt options[] = {
	CLI_OPT("period", "P", &period, "the period of the lost events (default this-quarter)"),
	CLI_OPT("by", "BY", &by, "a row per reason (default), or per rep or team and reason"),
	CLI_OPT("rep", "REP", &rep, "only the deals REP lost"),
	CLI_OPT("team", "TEAM", &team, "only the deals lost by the reps on TEAM today"),
	CLI_OPTS_REPORT, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};


/* The lost deals of each group (a rep, a team, or "" for all) and reason. */
struct tally {
	struct intern *keys;	/* "group\treason" */
	struct intern *groups;
	int64_t *lost, *amount, *group_lost;
	size_t cap;
	struct buf key;
};

static size_t
tally_add(struct tally *t, const char *group, const char *reason, int64_t amount)
{
	size_t k, g, cap = t->cap ? t->cap : 64;

	buf_reset(&t->key);
	buf_printf(&t->key, "%s\t%s", group, reason);
	k = intern_add(t->keys, t->key.data, t->key.len);
	g = intern_add(t->groups, group, strlen(group));
	while (cap <= k || cap <= g)
		cap *= 2;
	if (cap != t->cap) {
		t->lost = xreallocarray(t->lost, cap, sizeof *t->lost);
		t->amount = xreallocarray(t->amount, cap, sizeof *t->amount);
		t->group_lost = xreallocarray(t->group_lost, cap, sizeof *t->group_lost);
		memset(t->lost + t->cap, 0, (cap - t->cap) * sizeof *t->lost);
		memset(t->amount + t->cap, 0, (cap - t->cap) * sizeof *t->amount);
		memset(t->group_lost + t->cap, 0, (cap - t->cap) * sizeof *t->group_lost);
		t->cap = cap;
	}
	t->lost[k]++;
	t->group_lost[g]++;
	if (money_add(t->amount[k], amount, &t->amount[k]) < 0)
		die("the lost amount of '%s' is out of range", t->key.data);
	return k;
}

/* The group a rep's lost deal of day d counts in, by --by: with --by team,
 * the team the rep was on that day (org.h), whatever it is now. */
static const char *
group_of(const struct org *o, const char *who, date_t d)
{
	if (strcmp(by, "rep") == 0)
		return who;
	if (strcmp(by, "team") != 0)
		return "";
	return org_rep_team(o, who, d);
}

/* The lost events dated in p, of the rep wanted (NULL: all). */
struct scan_arg {
	const struct org *o;
	const struct intern *wanted;
	struct tally *t;
};

static void
take_lost(void *arg, const char *who, date_t d, const char *reason, int64_t amount)
{
	struct scan_arg *a = arg;

	if (!a->wanted || intern_get(a->wanted, who, strlen(who)) >= 0)
		tally_add(a->t, group_of(a->o, who, d), reason, amount);
}

/* Groups in order, then the most lost first, then the reason. */
static const struct tally *sorting;

static int
by_group(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const char *kx = intern_name(sorting->keys, x), *ky = intern_name(sorting->keys, y);
	size_t gx = strcspn(kx, "\t"), gy = strcspn(ky, "\t");
	int c = strncmp(kx, ky, gx < gy ? gx : gy);

	if (c || gx != gy)
		return c ? c : gx < gy ? -1 : 1;
	if (sorting->lost[x] != sorting->lost[y])
		return sorting->lost[x] > sorting->lost[y] ? -1 : 1;
	return strcmp(kx + gx, ky + gy);
}

static void
print(const struct tally *t, const struct table *reps, const struct table *reasons)
{
	static const struct out_col all[] = {
		{ "rep", OUT_TEXT, 1 }, { "team", OUT_TEXT, 3 }, { "reason", OUT_TEXT, 1 },
		{ "label", OUT_TEXT, 2 }, { "lost", OUT_INT, 1 }, { "lost_amount", OUT_MONEY, 2 },
		{ "share", OUT_NUM, 2 },
	};
	/* --by reason: from reason on; team: team on; rep: all. */
	size_t first = strcmp(by, "rep") == 0 ? 0 : strcmp(by, "team") == 0 ? 1 : 2;
	size_t n = intern_count(t->keys), *order = xcalloc(n ? n : 1, sizeof *order), i, g;
	char count[24], amount[MONEY_BUFSZ], share[STATS_BUFSZ], group[64];
	const char *row[7], *key, *tab;
	struct out *o = out_start(out_resolve(cli.format), all + first, 7 - first, cli.no_header);
	long rr;

	for (i = 0; i < n; i++)
		order[i] = i;
	sorting = t;
	if (n)
		qsort(order, n, sizeof *order, by_group);
	for (i = 0; i < n; i++) {
		key = intern_name(t->keys, order[i]);
		tab = strchr(key, '\t');
		snprintf(group, sizeof group, "%.*s", (int)(tab - key), key);
		g = (size_t)intern_get(t->groups, group, strlen(group));
		rr = first == 0 ? roster_find_rep(reps, group) : -1;
		row[0] = group;
		row[1] = first == 1 ? group :
		    rr >= 0 ? table_get(reps, (size_t)rr, table_col(reps, "team")) : "";
		row[2] = tab + 1;
		row[3] = reason_label(reasons, tab + 1);
		snprintf(count, sizeof count, "%lld", (long long)t->lost[order[i]]);
		row[4] = count;
		row[5] = money_format(t->amount[order[i]], amount);
		row[6] = stats_percent(t->lost[order[i]], t->group_lost[g], share);
		out_row(o, row + first);
	}
	out_end(o);
	free(order);
}

int
main(int argc, char *argv[])
{
	struct tally t = { 0 };
	struct table *cfg, *reps, *reasons;
	struct intern *wanted = NULL;
	char hint[SUGGEST_BUFSZ], msg[256];
	struct org *o;
	struct store *s;
	struct period p;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv) != 0)
		cli_usage(&cli);
	if (strcmp(by, "reason") && strcmp(by, "rep") && strcmp(by, "team"))
		die_status(EXIT_USAGE, "invalid --by '%s': want reason, rep or team", by);
	if (rep && team)
		cli_usage_error(&cli, "--rep and --team: one or the other");

	s = store_open(cli.data_dir, STORE_READ);
	cfg = config_load(s);
	cli_period(period, date_today(cli.today), config_fiscal_start(cfg), &p);
	table_free(cfg);
	reps = store_load(s, "reps.tsv");
	if (rep && roster_find_rep(reps, rep) < 0) {
		snprintf(msg, sizeof msg, "unknown rep '%.64s' (%s)", rep,
		    suggest(reps, "rep", "name", rep, "see rep-list", hint));
		table_free(reps);
		die("%s", msg);
	}
	if (rep) {
		wanted = intern_new();
		intern_add(wanted, rep, strlen(rep));
	}
	if (team)
		wanted = roster_team_on(s, team, date_today(cli.today));
	reasons = reasons_load(s);
	t.keys = intern_new();
	t.groups = intern_new();
	o = org_load_tables(s, reps, NULL, NULL);
	reasons_lost(s, &p, take_lost, &(struct scan_arg){ o, wanted, &t });
	print(&t, reps, reasons);
	close_stdout();
	intern_free(t.keys);
	intern_free(t.groups);
	intern_free(wanted);
	free(t.lost);
	free(t.amount);
	free(t.group_lost);
	buf_free(&t.key);
	table_free(reasons);
	org_free(o);
	table_free(reps);
	store_close(s);
	return 0;
}
