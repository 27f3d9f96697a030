/* acct-assign: give the accounts to the reps likely to win most from them. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "acctassign.h"
#include "cli.h"
#include "config.h"
#include "decimal.h"
#include "err.h"
#include "money.h"
#include "out.h"
#include "period.h"
#include "roster.h"
#include "schema.h"
#include "stage.h"
#include "store.h"
#include "suggest.h"
#include "txn.h"

static const char usage[] =
    "usage: acct-assign [--segment S] [--region R] [--team T] [--keep-owners]\n"
    "                   [--include-managers] [--period P] [--prior PCT] [--fit PCT]\n"
    "                   [--balance AMOUNT | --max-share PCT] [--apply] [-nq]\n"
    "                   [-o FORMAT] [--no-header] [--raw] [--columns LIST]\n"
    "                   [--color WHEN] [-D DIR] [--today DATE]\n"
    "       acct-assign --explain ACCOUNT [--segment S] [--region R] [--team T]\n"
    "                   [--keep-owners] [--include-managers] [--period P]\n"
    "                   [--prior PCT] [--fit PCT] [-q] [-o FORMAT] [--no-header]\n"
    "                   [--raw] [--columns LIST] [--color WHEN] [-D DIR]\n"
    "                   [--today DATE]\n";

static struct cli cli;
static struct aa_scope sc;
static const char *explain, *period, *prior, *fit, *balance, *max_share;
static int writing;
static const struct cli_opt options[] = {
	CLI_OPT("segment", "S", &sc.segment, "only the accounts of segment S"),
	CLI_OPT("region", "R", &sc.region, "only the accounts of region R"),
	CLI_OPT("team", "T", &sc.team, "only the active reps of team T are candidates"),
	CLI_FLAG("keep-owners", &sc.keep_owners, "give owners only to accounts without one"),
	CLI_FLAG("include-managers", &sc.include_managers, "managers are candidates too"),
	CLI_OPT("period", "P", &period,
	    "win rates from the deals closed in P (default the last four quarters)"),
	CLI_OPT("prior", "PCT", &prior, "the company's win rate before any deal (50)"),
	CLI_OPT("fit", "PCT", &fit, "add PCT% of the value for the rep's own region and segment"),
	CLI_OPT("balance", "AMOUNT", &balance,
	    "each step of accounts beyond an even share costs AMOUNT more"),
	CLI_OPT("max-share", "PCT", &max_share,
	    "no rep owns more than PCT% of one segment's accounts"),
	CLI_FLAG("apply", &writing, "write the proposed owners into accounts.tsv"),
	CLI_OPT("explain", "ACCOUNT", &explain, "show the candidates for ACCOUNT and why"),
	CLI_OPT_DRY_RUN(CLI_TEXT_DRY_RUN), CLI_OPT_QUIET("print no totals and no confirmation"),
	CLI_OPTS_REPORT, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

enum { NCOLS = 6, NWHY = 16 };
static const struct out_col cols[NCOLS] = {
	{ "account", OUT_TEXT, 1 }, { "owner", OUT_TEXT, 1 }, { "value", OUT_MONEY, 2 },
	{ "current", OUT_TEXT, 2 }, { "change", OUT_MONEY, 3 }, { "deals", OUT_INT, 3 },
};
static const struct out_col why_cols[NWHY] = {
	{ "rep", OUT_TEXT, 1 }, { "team", OUT_TEXT, 3 }, { "segment_won", OUT_INT, 4 },
	{ "segment_lost", OUT_INT, 4 }, { "region_won", OUT_INT, 5 }, { "region_lost", OUT_INT, 5 },
	{ "won", OUT_INT, 3 }, { "lost", OUT_INT, 3 }, { "team_rate", OUT_NUM, 5 },
	{ "rep_rate", OUT_NUM, 5 }, { "segment_rate", OUT_NUM, 5 }, { "win_rate", OUT_NUM, 2 },
	{ "weight", OUT_INT, 4 }, { "value", OUT_MONEY, 2 }, { "fit", OUT_MONEY, 3 },
	{ "note", OUT_TEXT, 6 },
};

/* A probability in ppm as a percentage, exactly: 412345 -> 41.2345. */
static char *
pct(int32_t ppm, char *buf)
{
	return dec_format(ppm, 4, buf);
}

static void
print_assignment(const struct acctassign *a, enum out_format f, int no_header)
{
	struct out *o = out_start(f, cols, NCOLS, no_header);
	char value[MONEY_BUFSZ], change[MONEY_BUFSZ], deals[24];
	const struct aa_account *x;
	const char *v[NCOLS];
	size_t i;

	for (i = 0; i < a->naccts; i++) {
		x = &a->acct[i];
		v[0] = x->account;
		v[1] = x->owner >= 0 ? a->rep[x->owner].rep : "";
		v[2] = money_format(x->value, value);
		v[3] = x->current;
		v[4] = money_format(x->value - x->current_value, change);
		deals[0] = '\0';
		if (x->owner >= 0)
			snprintf(deals, sizeof deals, "%lld",
			    (long long)(a->rep[x->owner].won + a->rep[x->owner].lost));
		v[5] = deals;
		out_row(o, v);
	}
	out_end(o);
}

static void
print_explain(const struct acctassign *a, size_t k, enum out_format f, int no_header)
{
	struct out *o = out_start(f, why_cols, NWHY, no_header);
	const struct aa_account *x = &a->acct[k];
	size_t *order = acctassign_rank(a, k), i, r;
	char n[6][24], rate[4][DEC_BUFSZ], weight[8], value[MONEY_BUFSZ], bonus[MONEY_BUFSZ];
	const char *v[NWHY];
	struct aa_why w;
	long owner;

	for (i = 0; i < a->nreps; i++) {
		r = order[i];
		owner = (long)r;
		acctassign_why(a, r, k, &w);
		snprintf(n[0], sizeof n[0], "%lld", (long long)w.seg_won);
		snprintf(n[1], sizeof n[1], "%lld", (long long)w.seg_lost);
		snprintf(n[2], sizeof n[2], "%lld", (long long)w.region_won);
		snprintf(n[3], sizeof n[3], "%lld", (long long)w.region_lost);
		snprintf(n[4], sizeof n[4], "%lld", (long long)a->rep[r].won);
		snprintf(n[5], sizeof n[5], "%lld", (long long)a->rep[r].lost);
		snprintf(weight, sizeof weight, "%d", x->weight);
		v[0] = a->rep[r].rep;
		v[1] = a->rep[r].team;
		v[2] = n[0], v[3] = n[1], v[4] = n[2], v[5] = n[3], v[6] = n[4], v[7] = n[5];
		v[8] = pct(a->rep[r].team_ppm, rate[0]);
		v[9] = pct(a->rep[r].rep_ppm, rate[1]);
		v[10] = pct(w.seg_ppm, rate[2]);
		v[11] = pct(w.ppm, rate[3]);
		v[12] = weight;
		v[13] = money_format(w.value, value);
		v[14] = money_format(w.fit, bonus);
		v[15] = x->owner == owner ? (x->current_rep == owner ? "proposed,current" :
		    "proposed") : x->current_rep == owner ? "current" : "";
		out_row(o, v);
	}
	out_end(o);
	free(order);
}

/* The new owners into accounts.tsv, one audit line each; -n -q: none. */
static void
apply(const struct acctassign *a, struct store *s, struct table *accounts, int dry_run,
      int quiet)
{
	int oc = table_col_add(accounts, "owner");
	const struct aa_account *x;
	const char *owner;
	struct txn t;
	size_t i;

	txn_begin(&t, s, dry_run);
	for (i = 0; i < a->naccts; i++) {
		x = &a->acct[i];
		owner = x->owner >= 0 ? a->rep[x->owner].rep : "";
		if (strcmp(owner, x->current) == 0)
			continue;
		if (dry_run && quiet)
			continue;
		if (*owner)
			txn_log(&t, "assign account %s to %s (was %s)", x->account, owner,
			    *x->current ? x->current : "unowned");
		else
			txn_log(&t, "unassign account %s (was %s): no capacity left",
			    x->account, x->current);
		/* Last: it frees the text x->current points to. */
		table_set(accounts, x->row, oc, owner);
	}
	if (t.changes)
		txn_table(&t, &schema_accounts, accounts);
	/* The assignment is the answer: if it cannot be printed, write nothing. */
	close_stdout();
	txn_commit(&t);
}

/* The names asked for must exist: each that does not is said, then die. */
static void
check_scope(const struct aa_scope *sc, const char *explain, const struct table *teams,
	    const struct table *accounts)
{
	char hint[SUGGEST_BUFSZ];
	size_t bad = 0;

	if (sc->team && table_find(teams, table_col(teams, "team"), sc->team) < 0 && ++bad)
		warn("unknown team '%.64s' (%s)", sc->team, suggest(teams, "team", "name",
		    sc->team, "add it with team-add", hint));
	if (sc->segment && table_find(accounts, table_col(accounts, "segment"), sc->segment) < 0 &&
	    ++bad)
		warn("no account has segment '%.64s' (acct-list shows the accounts)", sc->segment);
	if (sc->region && table_find(accounts, table_col(accounts, "region"), sc->region) < 0 &&
	    ++bad)
		warn("no account has region '%.64s' (acct-list shows the accounts)", sc->region);
	if (explain && account_find(accounts, explain) < 0 && ++bad)
		warn("unknown account '%.64s' (%s)", explain, suggest(accounts, "account",
		    "name", explain, "acct-list shows the accounts", hint));
	if (bad)
		die("nothing was changed");
}

/* On stderr, even with -q: the win rates rest on too few deals. */
static void
thin(const struct acctassign *a, const char *window, const struct aa_terms *t)
{
	char rate[DEC_BUFSZ];
	int64_t n = a->won + a->lost;

	if (n == 0)
		warn("no closed deals in %s: win probabilities are the company default %s%%; "
		    "use --period or --prior", window, pct(t->prior_ppm, rate));
	else if (n < AA_MIN_DEALS)
		warn("only %lld closed deal%s in %s (fewer than %d): win probabilities stay "
		    "close to the company rate %s%%; use --period for a longer window",
		    (long long)n, n == 1 ? "" : "s", window, AA_MIN_DEALS,
		    pct(a->company_ppm, rate));
}

/* On stderr: what the rates rest on, and the account explained, or the
 * totals and what was left out. */
static void
summary(const struct acctassign *a, const char *explain, long k, const char *window,
	const struct aa_terms *t)
{
	char before[MONEY_BUFSZ], after[MONEY_BUFSZ], gain[MONEY_BUFSZ], rate[DEC_BUFSZ];
	const struct aa_account *x;
	size_t i;

	if (a->won + a->lost >= AA_MIN_DEALS)
		warn("win probabilities from %lld closed deals in %s (%lld won): company "
		    "rate %s%%", (long long)(a->won + a->lost), window, (long long)a->won,
		    pct(a->company_ppm, rate));
	if (explain) {
		x = &a->acct[k];
		warn("account %s: potential %s, priority %s (weight %d%%), proposed %s, "
		    "current %s", explain, money_format(x->potential, before),
		    x->priority ? (char[2]){ (char)('0' + x->priority), 0 } : "not set",
		    x->weight, x->owner >= 0 ? a->rep[x->owner].rep : "none",
		    *x->current ? x->current : "none");
		return;
	}
	warn("expected value %s before, %s after (%s%s); %zu accounts, "
	    "%zu new owners, %zu unassigned", money_format(a->before, before),
	    money_format(a->after, after), a->after >= a->before ? "+" : "",
	    money_format(a->after - a->before, gain), a->naccts, a->changed, a->unassigned);
	if (t->fit_pct || t->balance)
		warn("objective %s: expected value %s + fit bonus %s - load penalty %s "
		    "(even share %lld accounts)", money_format(a->objective, before),
		    money_format(a->after, after), money_format(a->fit, gain),
		    money_format(a->load, rate), (long long)a->share);
	for (i = 0; i < a->naccts; i++)
		if (a->acct[i].owner < 0)
			warn("account '%s' unassigned: no capacity left", a->acct[i].account);
}

/* The assignment of the accounts in scope, from the window's closed deals. */
static struct acctassign *
assignment(struct store *s, const struct table *reps, const struct table *accounts,
	   const struct aa_scope *sc, const struct period *w, const struct aa_terms *t)
{
	struct acctassign *a = acctassign_new(reps, accounts, sc);
	struct stages *st;

	if (a->nreps == 0 && a->managers)
		die("%s%s%s has no active sellers, only managers (--include-managers makes "
		    "them candidates); nothing was changed", sc->team ? "team '" : "the roster",
		    sc->team ? sc->team : "", sc->team ? "'" : "");
	if (a->nreps == 0 && sc->team)
		die("team '%s' has no active reps; nothing was changed", sc->team);
	if (a->nreps == 0)
		die("no active reps to assign accounts to; nothing was changed");
	st = stages_load(s);
	acctassign_scan(a, s, st, w->from, w->to);
	acctassign_solve(a, t);
	stages_free(st);
	return a;
}

/* A whole percentage 0-100 of option name, or die with status 2. */
static int
percent(const char *name, const char *v)
{
	long long n;

	if (parse_uint(v, 100, &n) < 0)
		die_status(EXIT_USAGE, "invalid --%s '%s': want a whole percentage 0-100", name, v);
	return (int)n;
}

/* The terms from the options; each that is wrong is said with status 2. */
static void
terms(struct aa_terms *t)
{
	t->prior_ppm = AA_PPM / 2;
	if (prior)
		t->prior_ppm = percent("prior", prior) * (AA_PPM / 100);
	if (fit)
		t->fit_pct = percent("fit", fit);
	if (max_share && (t->max_share_pct = percent("max-share", max_share)) == 0)
		die_status(EXIT_USAGE, "invalid --max-share '%s': want a percentage 1-100",
		    max_share);
	if (balance && (money_parse(balance, &t->balance, NULL) < 0 || t->balance < 0))
		die_status(EXIT_USAGE, "invalid --balance '%s': want an amount of 0 or more",
		    balance);
}

int
main(int argc, char *argv[])
{
	struct table *cfg, *reps, *teams, *accounts;
	struct aa_terms t = { 0 };
	unsigned char *managers;
	struct acctassign *a;
	struct period w;
	struct store *s;
	date_t today;
	long k = -1;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv) != 0)
		cli_usage(&cli);
	if (explain && (writing || cli.dry_run))
		cli_usage_error(&cli, "--explain shows one account; it cannot go with --apply or -n");
	if (explain && (balance || max_share))
		cli_usage_error(&cli, "--explain shows one account; --balance and --max-share "
		    "weigh whole assignments");
	if (balance && max_share)
		cli_usage_error(&cli, "--balance and --max-share do not go together: choose one");
	writing |= cli.dry_run;
	today = date_today(cli.today);

	s = store_open(cli.data_dir, writing ? STORE_WRITE : STORE_READ);
	cfg = config_load(s);
	terms(&t);
	if (period)
		cli_period(period, today, config_fiscal_start(cfg), &w);
	else
		acctassign_window(today, config_fiscal_start(cfg), &w.from, &w.to);
	if (!period)
		snprintf(w.name, sizeof w.name, "%s..%s",
		    date_format(w.from, (char[DATE_BUFSZ]){ 0 }),
		    date_format(w.to, (char[DATE_BUFSZ]){ 0 }));
	reps = store_load(s, "reps.tsv");
	teams = store_load(s, "teams.tsv");
	accounts = store_load(s, "accounts.tsv");
	check_scope(&sc, explain, teams, accounts);
	sc.default_capacity = config_int(cfg, "default_capacity", 0, 1000000000, 25);
	sc.managers = managers = roster_managers(cfg, reps, teams);
	a = assignment(s, reps, accounts, &sc, &w, &t);
	if (explain && (k = acctassign_find(a, explain)) < 0)
		die("account '%s' is not in the selection (its segment or region is left out, "
		    "or another team's rep or a manager owns it)", explain);

	if (explain)
		print_explain(a, (size_t)k, out_resolve(cli.format), cli.no_header);
	else
		print_assignment(a, out_resolve(cli.format), cli.no_header);
	if (writing)
		apply(a, s, accounts, cli.dry_run, cli.quiet);
	else
		close_stdout();
	thin(a, w.name, &t);
	if (!cli.quiet)
		summary(a, explain, k, w.name, &t);
	if (writing && !cli.dry_run)
		cli_done(&cli, "assigned %zu account%s", a->changed, a->changed == 1 ? "" : "s");
	acctassign_free(a);
	free(managers);
	table_free(cfg);
	table_free(reps);
	table_free(teams);
	table_free(accounts);
	store_close(s);
	return 0;
}
