/*
 * sales-gen: write a realistic, deterministic sales organisation into a new
 * data directory: teams, reps with their own strengths, monthly quotas,
 * deals moving through the stages to won or lost, and activities.  The same
 * seed and sizes always give the same files; the demo, the tests and the
 * benchmark are built on it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "date.h"
#include "caches.h"
#include "err.h"
#include "init.h"
#include "ledger.h"
#include "money.h"
#include "history.h"
#include "org.h"
#include "schema.h"
#include "stage.h"
#include "datadir.h"
#include "store.h"
#include "xalloc.h"

static const char usage[] =
    "usage: sales-gen [--seed N] [--reps N] [--deals N] [--months N] [--reorgs N]\n"
    "                 [-q] [--today DATE] DIR\n";

static struct cli cli;
static const char *seed_s, *reps_s, *deals_s, *months_s, *reorgs_s;
static const struct cli_opt options[] = {
	CLI_OPT("seed", "N", &seed_s, "start the random numbers from N (default 1)"),
	CLI_OPT("reps", "N", &reps_s, "generate N reps (default 24)"),
	CLI_OPT("deals", "N", &deals_s, "generate N deals (default 2000)"),
	CLI_OPT("months", "N", &months_s, "spread the deals over N months (default 12)"),
	CLI_OPT("reorgs", "N", &reorgs_s, "reorganise N times: moves, new leads, splits, "
	    "closed teams, leavers (default 0)"),
	CLI_OPT_QUIET("print no confirmation"),
	/* not -D: the directory is DIR */
	{ CLI_T_TODAY, 0, "today", "DATE", NULL, NULL,
	  "take DATE as today: the last day of the data" },
	CLI_END
};

static const char *const first_names[] = {
	"Anna", "Bram", "Chloé", "Daan", "Eva", "Finn", "Lotte", "Hugo", "Iris",
	"Jesse", "Kim", "Lars", "Mila", "Noah", "Olga", "Pieter", "Rosa", "Sem",
	"Tess", "Yusuf", "Zoë", "Fatima", "Jan", "Sanne"
};
static const char *const last_names[] = {
	"de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser",
	"Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos", "Peters", "Hendriks",
	"van Dijk", "Kaya", "El Amrani", "Özdemir"
};
static const char *const regions[] = { "north", "south", "east", "west", "central", "coast" };
static const char *const products[] = { "core", "cloud", "support", "training", "analytics" };
static const char *const stages[] = { "lead", "qualified", "proposal", "negotiation" };
static const char *const reasons[] = { "price", "timing", "competitor", "no-decision", "budget" };
static const char *const kinds[] = { "call", "email", "meeting", "demo", "visit" };

#define N(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t rng;

/* splitmix64: small, fast, and the same everywhere. */
static uint64_t
next(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint64_t
below(uint64_t n)
{
	return n ? next() % n : 0;
}

/* True with probability permille / 1000. */
static int
chance(unsigned permille)
{
	return below(1000) < permille;
}

struct rep {
	char id[24];
	int team;
	/* --reorgs: away from ended until back (0: never), deals to heir */
	date_t ended, back;
	const struct rep *heir;
	unsigned step[4];	/* permille to pass each open stage */
	int64_t size;		/* mean deal, cents */
	unsigned weight;	/* share of deals */
	unsigned activity;	/* activities per deal, 1..8 */
};

struct month_buf {
	struct buf deals, acts;
};

static date_t first_day, today;
static int nmonths;
static struct month_buf *months;

static struct month_buf *
month_of(date_t d)
{
	int i = ledger_month_of(d) - ledger_month_of(first_day);

	return &months[i];
}

static void
deal_event(date_t d, long deal, const char *event, const struct rep *r, long account,
	   const char *product, int64_t amount, const char *stage, date_t expected,
	   const char *reason, date_t opened)
{
	char ds[DATE_BUFSZ], es[DATE_BUFSZ], os[DATE_BUFSZ], m[MONEY_BUFSZ];

	buf_printf(&month_of(d)->deals, "%s\tD%ld\t%s\t%s\ta%05ld\t%s\t%s\t%s\t%s\t\t%s\t\t%s\n",
	    date_format(d, ds), deal, event, r->id, account, product,
	    money_format(amount, m), stage, date_format(expected, es), reason,
	    date_format(opened, os));
}

static void
activity(date_t d, const struct rep *r, long account, long deal)
{
	buf_printf(&month_of(d)->acts, "%s\t%s\t%s\ta%05ld\tD%ld\t%d\t\t\n",
	    date_format(d, (char[DATE_BUFSZ]){ 0 }), r->id, kinds[below(N(kinds))],
	    account, deal, 5 + (int)below(18) * 5);
}

/* Is r away (left, not yet back) on d? */
static int
away(const struct rep *r, date_t d)
{
	return r->ended && d >= r->ended && (!r->back || d < r->back);
}

/* The deal's owner for an event on d: a rep who left hands the deal over
 * on their last day (an assign event), the heir takes it on. */
static const struct rep *
owner(const struct rep *r, date_t d, long id, long account, const char *product,
      int64_t amount, const char *stage, date_t expected, date_t opened)
{
	while (r->ended && d >= r->ended && opened < r->ended && r->heir) {
		deal_event(r->ended, id, "assign", r->heir, account, product, amount, stage,
		    expected, "", opened);
		r = r->heir;
	}
	return r;
}

/* One deal from its open date to won, lost, or still open today. */
static void
make_deal(long id, const struct rep *r, date_t opened, long naccounts)
{
	long account = (long)below((uint64_t)naccounts) + 1;
	const char *product = products[below(N(products))];
	int64_t amount = r->size * (50 + (int64_t)below(150)) / 100 / 100 * 100;
	date_t d = opened, expected = opened + 30 + (date_t)below(90), close;
	unsigned i, nact = r->activity;

	if (amount < 10000)
		amount = 10000;
	deal_event(d, id, "open", r, account, product, amount, stages[0], expected, "", opened);
	for (i = 0; i < 4; i++) {
		d += 3 + (date_t)below(25);
		if (d > today) {
			/* Still open today: a rep who has left handed it over. */
			r = owner(r, today, id, account, product, amount, stages[i], expected,
			    opened);
			break;
		}
		r = owner(r, d, id, account, product, amount, stages[i], expected, opened);
		if (!chance(r->step[i])) {
			deal_event(d, id, "lost", r, account, product, amount, "lost", expected,
			    reasons[below(N(reasons))], opened);
			break;
		}
		if (i == 3) {
			deal_event(d, id, "won", r, account, product, amount, "won", expected,
			    "", opened);
			close = d + 30 + (date_t)below(60);
			if (chance(15) && close <= today)
				deal_event(close, id, "cancel", r, account, product, amount, "won",
				    expected, "refund", opened);

			break;
		}
		deal_event(d, id, "stage", r, account, product, amount, stages[i + 1], expected,
		    "", opened);
	}
	if (d > today)
		d = today;
	while (nact-- > 0)
		activity(opened + (date_t)below((uint64_t)(d - opened + 1)), r, account, id);
}

static void
add_row(struct table *t, const char *const *vals)
{
	size_t row = table_add_row(t), i;

	for (i = 0; i < t->ncols; i++)
		table_set(t, row, (int)i, vals[i]);
}

static long
number(const char *opt, const char *s, long long max)
{
	long long v;

	if (parse_uint(s, max, &v) < 0)
		die_status(EXIT_USAGE, "invalid --%s '%s': want a whole number up to %lld",
		    opt, s, max);
	return (long)v;
}

/* The roster: reps with their own strengths, in teams of about eight,
 * each led by its first rep.  Returns the reps' total weight. */
static long
make_reps(struct rep *rv, long nreps, struct table *reps, struct table *teams)
{
	char a[64], b[64], c[64], d[DATE_BUFSZ];
	long i, j, total = 0;

	for (i = 0; i < nreps; i++) {
		struct rep *r = &rv[i];
		const char *region = regions[(i / 8) % N(regions)];

		snprintf(r->id, sizeof r->id, "r%04ld", i + 1);
		r->team = (int)(i / 8);
		for (j = 0; j < 4; j++)
			r->step[j] = 450 + (unsigned)below(400);
		r->size = (int64_t)(500000 + below(4500000));
		r->weight = 50 + (unsigned)below(100);
		r->activity = 1 + (unsigned)below(8);
		snprintf(a, sizeof a, "%s %s", first_names[below(N(first_names))],
		    last_names[below(N(last_names))]);
		snprintf(b, sizeof b, "%s@example.com", r->id);
		snprintf(c, sizeof c, "t%02d", r->team + 1);
		date_format(first_day - 30 - (date_t)below(2000), d);
		add_row(reps, (const char *[]){ r->id, a, b, c, i % 8 ? "ae" : "lead",
		    i % 8 ? rv[i - i % 8].id : "", d, "active", "", region, "",
		    "30" });
		total += r->weight;
	}
	for (i = 0; i < (nreps + 7) / 8; i++) {
		snprintf(a, sizeof a, "t%02ld", i + 1);
		snprintf(b, sizeof b, "Team %s", regions[i % N(regions)]);
		add_row(teams, (const char *[]){ a, b, rv[i * 8].id, regions[i % N(regions)], "",
		    "", "" });
	}
	return total;
}

/*
 * --reorgs: n changes of the organisation, spread evenly over the months,
 * each in turn: two reps move to another team; a team gets a new lead; a
 * team is split, half its reps going to a new one; a team is closed, its
 * reps moving to another; a rep leaves, their deals handed over to a rep of
 * the same team, and comes back forty days later.  The teams are under a
 * head office led by the first rep, and reps report through their teams.
 * The history goes to org.tsv (through org.h), the view to reps.tsv and
 * teams.tsv as it is today.
 */
static void
make_reorgs(struct rep *rv, long nreps, long n, struct table *reps, struct table *teams,
	    struct table *hist)
{
	long nteams = (nreps + 7) / 8, cap = nteams + n + 1, k, i, t, u, x, y, moved;
	int *team = xcalloc((size_t)nreps, sizeof *team);
	long *lead = xcalloc((size_t)cap, sizeof *lead);
	size_t *row = xcalloc((size_t)cap, sizeof *row);	/* team -> row of teams */
	char *closed = xcalloc((size_t)cap, 1), *heir = xcalloc((size_t)nreps, 1);
	char id[16], name[48], day[DATE_BUFSZ];
	struct org *o;
	date_t d;

	for (i = 0; i < nreps; i++) {
		team[i] = rv[i].team;
		table_set(reps, (size_t)i, table_col(reps, "manager"), "");
	}
	for (t = 0; t < nteams; t++) {
		lead[t] = t * 8;
		row[t] = (size_t)t;
		table_set(teams, (size_t)t, table_col(teams, "parent"), "hq");
	}
	add_row(teams, (const char *[]){ "hq", "Head office", rv[0].id, "", "", "", "" });
	for (; t < cap; t++)
		row[t] = (size_t)t + 1;
	o = org_new(reps, teams, NULL, NULL);
	for (k = 0; k < n; k++) {
		d = first_day + (date_t)((int64_t)(today - first_day + 1) * (k + 1) / (n + 1));
		t = (long)below((uint64_t)nteams);
		for (u = 0; u < nteams && closed[t]; u++)
			t = (t + 1) % nteams;
		/* another open team, if there is one */
		for (u = (t + 1) % nteams; nteams > 1 && (closed[u] || u == t); u = (u + 1) % nteams)
			;
		/* a rep of team t who leads nothing, and another */
		x = y = -1;
		for (i = 0; i < nreps; i++) {
			if (team[i] != t || rv[i].ended || heir[i] || i == lead[t])
				continue;
			if (x < 0)
				x = i;
			else if (y < 0)
				y = i;
		}
		if (x < 0)
			continue;
		switch (k % 5) {
		case 0:		/* two reps move */
			if (nteams < 2)
				break;
			for (i = x; i >= 0; i = i == x ? y : -1) {
				org_record(hist, o, ORG_REP, rv[i].id, "team", d, table_get(teams,
				    row[u], 0));
				team[i] = (int)u;
			}
			break;
		case 1:		/* a new lead */
			org_record(hist, o, ORG_TEAM, table_get(teams, row[t], 0), "manager", d,
			    rv[x].id);
			lead[t] = x;
			break;
		case 2:		/* a split: every other rep goes to a new team */
			snprintf(id, sizeof id, "t%02d", (int)(nteams + 1) % 1000);
			snprintf(name, sizeof name, "Team %s split", table_get(teams, row[t], 0));
			add_row(teams, (const char *[]){ id, name, rv[x].id, "", "hq", "", "" });
			lead[nteams] = x;
			for (moved = 0, i = 0; i < nreps; i++)
				if (team[i] == t && i != lead[t] && !rv[i].ended && moved++ % 2 == 0) {
					org_record(hist, o, ORG_REP, rv[i].id, "team", d, id);
					team[i] = (int)nteams;
				}
			nteams++;
			break;
		case 3:		/* a team closes, its reps go to another */
			if (nteams < 2 || t == 0)
				break;
			for (i = 0; i < nreps; i++)
				if (team[i] == t) {
					org_record(hist, o, ORG_REP, rv[i].id, "team", d,
					    table_get(teams, row[u], 0));
					team[i] = (int)u;
				}
			org_record(hist, o, ORG_TEAM, table_get(teams, row[t], 0), "status", d,
			    "ended");
			table_set(teams, row[t], table_col(teams, "status"), "ended");
			table_set(teams, row[t], table_col(teams, "ended"), date_format(d, day));
			closed[t] = 1;
			break;
		default:	/* a leaver, handed over, back forty days later */
			if (y < 0)
				break;
			rv[x].ended = d;
			rv[x].heir = &rv[y];
			heir[y] = 1;
			org_record(hist, o, ORG_REP, rv[x].id, "status", d, "gone");
			if (d + 40 <= today) {
				rv[x].back = d + 40;
				org_record(hist, o, ORG_REP, rv[x].id, "status", d + 40, "active");
				table_set(reps, (size_t)x, table_col(reps, "hired"),
				    date_format(d + 40, day));
			} else {
				table_set(reps, (size_t)x, table_col(reps, "status"), "gone");
				table_set(reps, (size_t)x, table_col(reps, "ended"), date_format(d, day));
			}
			break;
		}
	}
	/* The view: what holds today. */
	for (i = 0; i < nreps; i++)
		table_set(reps, (size_t)i, table_col(reps, "team"),
		    table_get(teams, row[team[i]], 0));
	for (t = 0; t < nteams; t++)
		table_set(teams, row[t], table_col(teams, "manager"), rv[lead[t]].id);
	org_free(o);
	free(team);
	free(row);
	free(lead);
	free(closed);
	free(heir);
}

/* A monthly revenue quota near what each rep can be expected to win. */
static void
make_quotas(const struct rep *rv, long nreps, long ndeals, long total, struct table *quotas)
{
	char a[64], c[MONEY_BUFSZ], d[DATE_BUFSZ];
	long i, j;

	for (j = 0; j < nmonths; j++) {
		snprintf(a, sizeof a, "%.7s", date_format(date_add_months(first_day, (int)j), d));
		for (i = 0; i < nreps; i++) {
			int64_t q = (int64_t)ndeals * rv[i].weight / total / nmonths *
			    rv[i].size / 4 / 100000 * 100000;

			add_row(quotas, (const char *[]){ a, rv[i].id, "", "revenue",
			    money_format(q > 0 ? q : 100000, c) });
		}
	}
}

/* The deals, opened evenly over the months, each by a rep picked by weight. */
static void
make_deals(const struct rep *rv, long nreps, long ndeals, long total)
{
	uint64_t pick;
	date_t opened;
	long i, j;

	months = xcalloc((size_t)nmonths, sizeof *months);
	for (i = 1; i <= ndeals; i++) {
		pick = below((uint64_t)total);
		for (j = 0; pick >= rv[j].weight; j++)
			pick -= rv[j].weight;
		opened = first_day + (date_t)((uint64_t)(today - first_day + 1) * (uint64_t)(i - 1) /
		    (uint64_t)ndeals);
		/* Away that day: the rep's heir opens it. */
		make_deal(i, away(&rv[j], opened) ? rv[j].heir : &rv[j], opened, nreps * 10);
	}
}

/* Each month's deals and activities into their ledger files. */
static void
write_ledgers(struct store *s)
{
	char path[LEDGER_PATHSZ];
	struct buf hdr = BUF_INIT;
	date_t m;
	long j;

	for (j = 0; j < nmonths; j++) {
		m = date_add_months(first_day, (int)j);
		buf_reset(&hdr);
		schema_header_n(&schema_deals, schema_fixed(&schema_deals), &hdr);
		ledger_path(path, "deals", m);
		if (months[j].deals.len)
			store_append(s, path, hdr.data, months[j].deals.data, months[j].deals.len);
		buf_reset(&hdr);
		schema_header(&schema_activities, &hdr);
		ledger_path(path, "activities", m);
		if (months[j].acts.len)
			store_append(s, path, hdr.data, months[j].acts.data, months[j].acts.len);
		buf_free(&months[j].deals);
		buf_free(&months[j].acts);
	}
	buf_free(&hdr);
	free(months);
}

/* The organisation into the new directory, tables sorted, then the
 * checkpoints of its complete months. */
static void
generate(struct store *s, long nreps, long ndeals, long nreorgs)
{
	struct table *teams = store_load(s, "teams.tsv"), *reps = store_load(s, "reps.tsv");
	struct table *hist = store_load(s, "org.tsv");
	struct table *quotas = store_load(s, "quotas.tsv"), *ids = store_load(s, "ids.tsv");
	struct rep *rv = xcalloc((size_t)nreps, sizeof *rv);
	struct stages *stages;
	char a[32];
	long total;

	total = make_reps(rv, nreps, reps, teams);
	if (nreorgs)
		make_reorgs(rv, nreps, nreorgs, reps, teams, hist);
	make_quotas(rv, nreps, ndeals, total, quotas);
	make_deals(rv, nreps, ndeals, total);
	snprintf(a, sizeof a, "%ld", ndeals + 1);
	add_row(ids, (const char *[]){ "deal", a });
	schema_sort(&schema_reps, reps);
	schema_sort(&schema_quotas, quotas);
	schema_sort(&schema_teams, teams);
	schema_sort(&schema_org, hist);
	store_replace(s, teams);
	store_replace(s, hist);
	store_replace(s, reps);
	store_replace(s, quotas);
	store_replace(s, ids);
	write_ledgers(s);
	stages = stages_load(s);
	history_checkpoint_wait(s, stages, today, report_caches);
	stages_free(stages);
	free(rv);
	table_free(teams);
	table_free(hist);
	table_free(reps);
	table_free(quotas);
	table_free(ids);
}

int
main(int argc, char *argv[])
{
	struct init_options io = { "EUR", "1", "Generated Sales BV" };
	long seed = 1, nreps = 24, ndeals = 2000, nreorgs = 0;
	struct store *s;
	char *dir;
	int y, m, d;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv) != 1)
		cli_usage(&cli);
	seed = seed_s ? number("seed", seed_s, 1000000000) : seed;
	nreps = reps_s ? number("reps", reps_s, 100000) : nreps;
	ndeals = deals_s ? number("deals", deals_s, 100000000) : ndeals;
	nmonths = months_s ? (int)number("months", months_s, 1200) : 12;
	nreorgs = reorgs_s ? number("reorgs", reorgs_s, 1000) : 0;
	if (nreps < 1 || nmonths < 1)
		die_status(EXIT_USAGE, "--reps and --months must be at least 1");
	today = date_today(cli.today);
	date_to_ymd(date_add_months(today, -(nmonths - 1)), &y, &m, &d);
	first_day = date_from_ymd(y, m, 1);
	rng = (uint64_t)seed * 0x2545f4914f6cdd1dull + 1;
	dir = datadir_resolve(cli.args[0]);
	s = init_create(dir, &io);
	money_set_currency(io.currency);
	generate(s, nreps, ndeals, nreorgs);
	cli_done(&cli, "generated %ld reps, %ld deals over %d months in %s", nreps, ndeals,
	    nmonths, store_path(s));
	store_close(s);
	free(dir);
	return 0;
}
