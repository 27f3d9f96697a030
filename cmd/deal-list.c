/* deal-list: the current state of each deal, which is its last event. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "age.h"
#include "history.h"
#include "id.h"
#include "cli.h"
#include "config.h"
#include "date.h"
#include "deal.h"
#include "dealset.h"
#include "err.h"
#include "intern.h"
#include "out.h"
#include "period.h"
#include "stage.h"
#include "store.h"
#include "xalloc.h"
#include "suggest.h"

static const char usage[] =
    "usage: deal-list [--rep REP] [--team TEAM]\n"
    "                 [--open | --won | --lost | --cancelled] [--period PERIOD]\n"
    "                 [--stage STAGE] [-o FORMAT] [--no-header] [--raw]\n"
    "                 [--columns LIST] [--color WHEN] [-D DIR] [--today DATE]\n";


/* The output: the ledger's columns, with the state after opened, then
 * the open deal's hygiene (age.h), then the deal's type and split. */
enum { NLEDGER = DL_CURRENCY + 1 };	/* the columns every month file has, and the state */
enum { O_STAGE_DAYS = NLEDGER, O_PUSHES, O_LAST_ACTIVITY, O_TYPE, O_SPLIT, NOUT };
static const struct out_col cols[NOUT] = {
	{ "deal", OUT_TEXT, 1 }, { "rep", OUT_TEXT, 2 }, { "account", OUT_TEXT, 2 },
	{ "product", OUT_TEXT, 4 }, { "amount", OUT_MONEY, 1 }, { "stage", OUT_TEXT, 2 },
	{ "state", OUT_TEXT, 3 }, { "expected", OUT_TEXT, 3 }, { "opened", OUT_TEXT, 5 },
	{ "date", OUT_TEXT, 4 }, { "event", OUT_TEXT, 5 }, { "ref", OUT_TEXT, 6 },
	{ "reason", OUT_TEXT, 5 }, { "note", OUT_TEXT, 6 },
	{ "stage_days", OUT_INT, 4 }, { "pushes", OUT_INT, 4 }, { "last_activity", OUT_TEXT, 5 },
	{ "type", OUT_TEXT, 5 }, { "split", OUT_TEXT, 6 },
};
static const int order[NLEDGER] = {
	DL_DEAL, DL_REP, DL_ACCOUNT, DL_PRODUCT, DL_AMOUNT, DL_STAGE, -1, DL_EXPECTED,
	DL_OPENED, DL_DATE, DL_EVENT, DL_REF, DL_REASON, DL_NOTE
};

struct filter {
	int state;		/* enum deal_state, or -1 */
	struct stages *stages;
	const char *rep, *stage;
	struct intern *team;	/* the team's reps, or NULL */
	int has_period;
	struct period period;
};

static int
wanted(const struct deal_last *l, size_t k, const struct filter *f)
{
	const char *rep = deal_last_field(l, k, DL_REP);
	enum deal_state st = deal_state_of(f->stages, deal_last_field(l, k, DL_EVENT),
	    deal_last_field(l, k, DL_STAGE));
	date_t d;

	if (f->state >= 0 && (int)st != f->state)
		return 0;
	if (f->rep && strcmp(rep, f->rep) != 0)
		return 0;
	if (f->team && intern_get(f->team, rep, strlen(rep)) < 0)
		return 0;
	if (f->stage && strcmp(deal_last_field(l, k, DL_STAGE), f->stage) != 0)
		return 0;
	if (f->has_period && (date_parse(deal_last_field(l, k, DL_DATE), &d) < 0 ||
	    !period_contains(&f->period, d)))
		return 0;
	return 1;
}

/* --open, --won, --lost, --cancelled: one of them, or none. */
static void
state_option(struct cli *c, const struct cli_opt *o, const char *arg)
{
	static const char *const names[] = { "open", "won", "lost", "cancelled" };
	int *state = o->value, st = DEAL_OPEN;

	(void)arg;
	while (strcmp(names[st - DEAL_OPEN], o->name) != 0)
		st++;
	if (*state >= 0 && *state != st)
		cli_usage_error(c, "give one of --open, --won, --lost and --cancelled");
	*state = st;
}

static struct cli cli;
static struct filter f = { .state = -1 };
static const char *period, *team;
static const struct cli_opt options[] = {
	CLI_OPT("rep", "REP", &f.rep, "only the deals of REP"),
	CLI_OPT("team", "TEAM", &team, "only the deals of the reps of TEAM"),
	CLI_CALL("open", NULL, state_option, &f.state, "only open deals"),
	CLI_CALL("won", NULL, state_option, &f.state, "only won deals (not cancelled since)"),
	CLI_CALL("lost", NULL, state_option, &f.state, "only lost deals"),
	CLI_CALL("cancelled", NULL, state_option, &f.state, "only won deals that were undone"),
	CLI_OPT("period", "PERIOD", &period, "only deals whose last event lies in PERIOD"),
	CLI_OPT("stage", "STAGE", &f.stage, "only the deals at stage STAGE"),
	CLI_OPTS_REPORT, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

/* The reps of a team, from reps.tsv; dies for an unknown team. */
static struct intern *
team_reps(struct store *s, const char *team)
{
	struct table *teams = store_load(s, "teams.tsv"), *reps;
	char hint[SUGGEST_BUFSZ];
	const char *why;
	struct intern *h;
	int rc, tc;
	size_t i;

	if (table_find(teams, table_col(teams, "team"), team) < 0) {
		why = suggest(teams, "team", "name", team, "see team-list", hint);
		table_free(teams);
		die("unknown team '%s' (%s)", team, why);
	}
	table_free(teams);
	reps = store_load(s, "reps.tsv");
	h = intern_new();
	rc = table_col(reps, "rep");
	tc = table_col(reps, "team");
	for (i = 0; i < reps->nrows; i++)
		if (strcmp(table_get(reps, i, tc), team) == 0)
			intern_add(h, table_get(reps, i, rc), strlen(table_get(reps, i, rc)));
	table_free(reps);
	return h;
}

static void
check_rep(struct store *s, const char *rep)
{
	struct table *reps = store_load(s, "reps.tsv");
	long row = table_find(reps, table_col(reps, "rep"), rep);

	table_free(reps);
	if (row < 0)
		die("unknown rep '%s' (see rep-list)", rep);
}

/* The filter's period, team and stage, checked against the data. */
static void
setup(struct store *s, struct filter *f, const char *period, const char *team, date_t today)
{
	struct table *cfg = config_load(s);

	if (period && period_parse(period, today, config_fiscal_start(cfg), &f->period) < 0)
		die_status(EXIT_USAGE, "invalid period '%s' (2026-Q4, 2026-11, this-month ...; "
		    "see salesmgr(7))", period);
	f->has_period = period != NULL;
	table_free(cfg);
	if (f->rep)
		check_rep(s, f->rep);
	if (team)
		f->team = team_reps(s, team);
	f->stages = stages_load(s);
	if (f->stage && !stage_find(f->stages, f->stage))
		die("unknown stage '%s' (see stages.tsv)", f->stage);
}

/* An open deal's days at its stage, pushes and last activity, from the
 * replay; the cells stay empty for a deal that is not open. */
static void
hygiene(const struct age *a, const size_t *slot, size_t nslot, const char *id,
	char cell[3][DATE_BUFSZ + 16])
{
	const struct age_deal *x;
	size_t k;

	cell[0][0] = cell[1][0] = cell[2][0] = '\0';
	if (!a || !(k = deal_number(id, strlen(id))) || k >= nslot || !slot[k])
		return;
	x = &a->deal[slot[k] - 1];
	snprintf(cell[0], sizeof cell[0], "%lld", (long long)x->stage_days);
	snprintf(cell[1], sizeof cell[1], "%lu", (unsigned long)x->pushes);
	if (x->last_activity != HIST_NO_DATE)
		date_format(x->last_activity, cell[2]);
}

/* The number of listed deal i when it is open at its latest event, else 0. */
static size_t
open_number(const struct deal_last *l, size_t i, const struct filter *f)
{
	const char *id = deal_last_field(l, i, DL_DEAL);

	if (deal_state_of(f->stages, deal_last_field(l, i, DL_EVENT),
	    deal_last_field(l, i, DL_STAGE)) != DEAL_OPEN)
		return 0;
	return deal_number(id, strlen(id));
}

/* The deals a hygiene column speaks of, when one is printed: those
 * listed open at their latest event; NULL when there is none. */
static struct dealset *
hygiene_wanted(const struct deal_last *l, const size_t *pick, size_t npick,
	       const struct filter *f)
{
	size_t i, n = 0, k, *ks;

	if (!out_column_wanted(cols[O_STAGE_DAYS].name) && !out_column_wanted(cols[O_PUSHES].name) &&
	    !out_column_wanted(cols[O_LAST_ACTIVITY].name))
		return NULL;
	ks = xcalloc(npick + 1, sizeof *ks);
	for (i = 0; i < npick; i++)
		if ((k = open_number(l, pick[i], f)))
			ks[n++] = k;
	if (!n) {
		free(ks);
		return NULL;
	}
	return dealset_new(ks, n);
}

/* The day the oldest open deal (of --rep) opened: the hygiene's replay
 * need start no sooner (age_scan_rep() checks it); DATE_MIN when one has
 * no such day. */
static date_t
oldest_open(const struct deal_last *l, const struct filter *f)
{
	size_t i, n = deal_last_count(l);
	date_t from = DATE_MAX, d;

	for (i = 0; i < n; i++) {
		if ((f->rep && strcmp(deal_last_field(l, i, DL_REP), f->rep) != 0) ||
		    deal_state_of(f->stages, deal_last_field(l, i, DL_EVENT),
		    deal_last_field(l, i, DL_STAGE)) != DEAL_OPEN)
			continue;
		if (date_parse(deal_last_field(l, i, DL_OPENED), &d) < 0)
			return DATE_MIN;
		if (d < from)
			from = d;
	}
	return from == DATE_MAX ? DATE_MIN : from;
}

/* The latest rows of the deals the filter may want, and others: with
 * --open and no period, of the deals open now (history_open_latest(): a
 * month read, not every one); else of the deals whose latest event is in
 * the period, or of every deal; with --rep or --team, only of those the
 * reps' lines name (history_open_latest_of(), history_latest_naming()). */
static struct deal_last *
latest(struct store *s, const struct filter *f)
{
	date_t from = f->has_period ? f->period.from : DATE_MIN;
	int open = f->state == DEAL_OPEN && !f->has_period;
	const char **reps;
	struct deal_last *l;
	size_t i, n;

	if (!f->rep && !f->team)
		return open ? history_open_latest(s, f->stages) : deal_last_scan(s, from);
	n = f->rep ? 1 : intern_count(f->team);
	reps = xcalloc(n + 1, sizeof *reps);
	for (i = 0; i < n; i++)
		reps[i] = f->rep ? f->rep : intern_name(f->team, i);
	l = open ? history_open_latest_of(s, f->stages, reps, n) :
	    history_latest_naming(s, f->stages, reps, n, from);
	free(reps);
	return l;
}

/* The deals the filter wants, in number order, each as its latest event
 * (latest()'s). */
static void
print_deals(struct store *s, const struct filter *f, const struct cli *cli, date_t today)
{
	struct deal_last *l = latest(s, f);
	size_t n = deal_last_count(l), i, j, *pick, npick = 0, *slot = NULL, nslot = 0;
	struct dealset *only;
	char cell[3][DATE_BUFSZ + 16];
	const char *row[NOUT];
	struct age *a = NULL;
	struct out *o;

	pick = xcalloc(n ? n : 1, sizeof *pick);
	for (i = 0; i < n; i++)
		if (wanted(l, i, f))
			pick[npick++] = i;
	deal_last_sort(l, pick, npick);
	if ((only = hygiene_wanted(l, pick, npick, f))) {
		a = age_scan_only(s, f->stages, today, AGE_STAGES, f->rep, oldest_open(l, f),
		    only);
		for (i = 0; i < a->n; i++)
			if (a->deal[i].deal >= nslot)
				nslot = a->deal[i].deal + 1;
		slot = xcalloc(nslot ? nslot : 1, sizeof *slot);
		for (i = 0; i < a->n; i++)
			slot[a->deal[i].deal] = i + 1;
	}
	o = out_start(out_resolve(cli->format), cols, NOUT, cli->no_header);
	for (i = 0; i < npick; i++) {
		hygiene(a, slot, nslot, deal_last_field(l, pick[i], DL_DEAL), cell);
		for (j = 0; j < 3; j++)
			row[NLEDGER + j] = cell[j];
		row[O_TYPE] = deal_last_field(l, pick[i], DL_TYPE);
		row[O_SPLIT] = deal_last_field(l, pick[i], DL_SPLIT);
		for (j = 0; j < NLEDGER; j++)
			row[j] = order[j] >= 0 ?
			    deal_last_field(l, pick[i], (enum deal_col)order[j]) :
			    deal_state_name(deal_state_of(f->stages, deal_last_field(l, pick[i],
			    DL_EVENT), deal_last_field(l, pick[i], DL_STAGE)));
		out_row(o, row);
	}
	out_end(o);
	free(pick);
	free(slot);
	age_free(a);
	dealset_free(only);
	deal_last_free(l);
}

int
main(int argc, char *argv[])
{
	struct store *s;
	date_t today;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv) != 0)
		cli_usage(&cli);
	today = date_today(cli.today);

	s = store_open(cli.data_dir, STORE_READ);
	setup(s, &f, period, team, today);
	print_deals(s, &f, &cli, today);
	close_stdout();
	stages_free(f.stages);
	intern_free(f.team);
	store_close(s);
	return 0;
}
