#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "acctassign.h"
#include "assign.h"
#include "err.h"
#include "history.h"
#include "intern.h"
#include "money.h"
#include "xalloc.h"

struct aa_private {
	struct intern *repids;		/* every rep of reps.tsv, by row */
	long *cand;			/* per rep row: candidate index, or -1 */
	long *team;			/* per rep row: index in teams, or -1 */
	struct intern *teams;
	int64_t (*team_n)[2];		/* won, lost */
	int64_t org_n[2];
	int32_t org_ppm, *team_ppm;
	struct intern *acctids;		/* every account of accounts.tsv, by row */
	long *seg;			/* per account row: index in segs, or -1 */
	struct intern *segs;		/* the segments of the selection */
	int64_t (*seg_n)[2];		/* candidate x segment: won, lost */
};

void
acctassign_window(date_t today, int fiscal_start, date_t *from, date_t *to)
{
	int y, m, d;
	date_t q;

	date_to_ymd(today, &y, &m, &d);
	/* The first day of the (fiscal) quarter today is in. */
	q = date_from_ymd(y, m, 1);
	q = date_add_months(q, -((m - fiscal_start + 12) % 3));
	*from = date_add_months(q, -12);
	*to = q - 1;
}

int
acctassign_weight(const char *priority)
{
	static const int weight[] = { 60, 100, 80, 60, 40, 20 };

	if (!*priority)
		return weight[0];
	if (priority[1] || *priority < '1' || *priority > '5')
		return -1;
	return weight[*priority - '0'];
}

int32_t
acctassign_shrink(int64_t won, int64_t lost, int32_t prior_ppm, int k)
{
	int64_t num = won * AA_PPM + (int64_t)k * prior_ppm, den = won + lost + k;

	return (int32_t)((2 * num + den) / (2 * den));
}

int
acctassign_value(int64_t potential, int32_t ppm, int weight, int64_t *out)
{
	/* potential x f / 10^8 without the product passing int64: split it. */
	const int64_t unit = (int64_t)AA_PPM * 100;
	int64_t f = (int64_t)ppm * weight, q = potential / unit, r = potential % unit, v;

	if (__builtin_mul_overflow(q, f, &v) ||
	    __builtin_add_overflow(v, (2 * r * f + unit) / (2 * unit), &v))
		return -1;
	*out = v;
	return 0;
}

static int
matches(const char *want, const char *value)
{
	return !want || strcmp(want, value) == 0;
}

static long
rep_row(const struct aa_private *p, const char *rep)
{
	return *rep ? intern_get(p->repids, rep, strlen(rep)) : -1;
}

static void
candidates(struct acctassign *a, const struct table *reps, const struct aa_scope *sc)
{
	struct aa_private *p = a->p;
	int rc = table_col(reps, "rep"), tc = table_col(reps, "team");
	int stc = table_col(reps, "status"), cc = table_col(reps, "capacity");
	const char *id, *team, *cap;
	long long c;
	size_t i;

	if (rc < 0)
		die("%s: no column 'rep'; run sales-check", reps->name);
	p->cand = xcalloc(reps->nrows + 1, sizeof *p->cand);
	p->team = xcalloc(reps->nrows + 1, sizeof *p->team);
	a->rep = xcalloc(reps->nrows + 1, sizeof *a->rep);
	for (i = 0; i < reps->nrows; i++) {
		id = table_get(reps, i, rc);
		team = table_get(reps, i, tc);
		if (intern_add(p->repids, id, strlen(id)) != i)
			die("%s: rep '%s' is listed twice; run sales-check", reps->name, id);
		p->cand[i] = -1;
		p->team[i] = *team ? (long)intern_add(p->teams, team, strlen(team)) : -1;
		if (strcmp(table_get(reps, i, stc), "active") != 0 || !matches(sc->team, team))
			continue;
		cap = table_get(reps, i, cc);
		if (!*cap)
			c = sc->default_capacity;
		else if (parse_uint(cap, 1000000000, &c) < 0)
			die("%s: capacity '%.64s' of rep '%s' is not a whole number; "
			    "run sales-check", reps->name, cap, id);
		p->cand[i] = (long)a->nreps;
		a->rep[a->nreps].rep = id;
		a->rep[a->nreps].team = team;
		a->rep[a->nreps++].capacity = c;
	}
	p->team_n = xcalloc(intern_count(p->teams) + 1, sizeof *p->team_n);
	p->team_ppm = xcalloc(intern_count(p->teams) + 1, sizeof *p->team_ppm);
}

static void
read_account(struct aa_account *ac, const struct table *t, size_t row)
{
	const char *pot = table_get(t, row, table_col(t, "potential"));
	const char *prio = table_get(t, row, table_col(t, "priority"));

	if (!*pot)
		ac->potential = 0;
	else if (money_parse(pot, &ac->potential, NULL) < 0 || ac->potential < 0)
		die("%s: potential '%.64s' of account '%s' is not an amount of 0 or more; "
		    "run sales-check", t->name, pot, ac->account);
	if ((ac->weight = acctassign_weight(prio)) < 0)
		die("%s: priority '%.64s' of account '%s' is not 1 to 5; run sales-check",
		    t->name, prio, ac->account);
	ac->priority = *prio ? *prio - '0' : 0;
}

static int
by_account(const void *x, const void *y)
{
	return strcmp(((const struct aa_account *)x)->account,
	    ((const struct aa_account *)y)->account);
}

/* The selection, and the places its candidates' other accounts take. */
static void
select_accounts(struct acctassign *a, const struct table *reps, const struct table *t,
		const struct aa_scope *sc)
{
	struct aa_private *p = a->p;
	int ac = table_col(t, "account"), gc = table_col(t, "segment");
	int rc = table_col(t, "region"), oc = table_col(t, "owner");
	int stc = table_col(reps, "status");
	struct aa_account *x;
	const char *id, *owner;
	long o, c;
	size_t i;

	if (ac < 0)
		die("%s: no column 'account'; run sales-check", t->name);
	a->acct = xcalloc(t->nrows + 1, sizeof *a->acct);
	p->seg = xcalloc(t->nrows + 1, sizeof *p->seg);
	for (i = 0; i < t->nrows; i++) {
		id = table_get(t, i, ac);
		if (intern_add(p->acctids, id, strlen(id)) != i)
			die("%s: account '%s' is listed twice; run sales-check", t->name, id);
		owner = table_get(t, i, oc);
		o = rep_row(p, owner);
		c = o >= 0 ? p->cand[o] : -1;
		if (!matches(sc->segment, table_get(t, i, gc)) ||
		    !matches(sc->region, table_get(t, i, rc)) ||
		    (o >= 0 && c < 0 && strcmp(table_get(reps, (size_t)o, stc), "active") == 0)) {
			if (c >= 0)
				a->rep[c].capacity--;
			continue;
		}
		x = &a->acct[a->naccts++];
		x->account = id;
		x->segment = table_get(t, i, gc);
		x->current = owner;
		x->row = i;
		x->current_rep = c;
		x->owner = -1;
		read_account(x, t, i);
		if (sc->keep_owners && c >= 0) {
			x->fixed = 1;
			a->rep[c].capacity--;
		}
		if (*x->segment)
			intern_add(p->segs, x->segment, strlen(x->segment));
	}
	qsort(a->acct, a->naccts, sizeof *a->acct, by_account);
	for (i = 0; i < t->nrows; i++) {
		id = table_get(t, i, gc);
		p->seg[i] = *id ? intern_get(p->segs, id, strlen(id)) : -1;
	}
	p->seg_n = xcalloc(a->nreps * intern_count(p->segs) + 1, sizeof *p->seg_n);
}

struct acctassign *
acctassign_new(const struct table *reps, const struct table *accounts,
	       const struct aa_scope *scope)
{
	struct acctassign *a = xcalloc(1, sizeof *a);

	a->p = xcalloc(1, sizeof *a->p);
	a->p->repids = intern_new();
	a->p->teams = intern_new();
	a->p->acctids = intern_new();
	a->p->segs = intern_new();
	candidates(a, reps, scope);
	select_accounts(a, reps, accounts, scope);
	return a;
}

void
acctassign_deal(struct acctassign *a, const char *rep, size_t replen,
		const char *account, size_t acctlen, int won)
{
	struct aa_private *p = a->p;
	long r = intern_get(p->repids, rep, replen), k, c, g;
	size_t nsegs = intern_count(p->segs);
	int i = won ? 0 : 1;

	p->org_n[i]++;
	if (r < 0)
		return;
	if ((g = p->team[r]) >= 0)
		p->team_n[g][i]++;
	if ((c = p->cand[r]) < 0)
		return;
	if (won)
		a->rep[c].won++;
	else
		a->rep[c].lost++;
	k = intern_get(p->acctids, account, acctlen);
	if (k >= 0 && p->seg[k] >= 0)
		p->seg_n[(size_t)c * nsegs + (size_t)p->seg[k]][i]++;
}

void
acctassign_scan(struct acctassign *a, struct store *s, const struct stages *st, date_t from,
		date_t to)
{
	struct history *h = history_open(s, st, from, HIST_WANT_ACCOUNT);
	const struct hist_event *ev;
	const char *rep, *account;

	history_until(h, to);
	while ((ev = history_next(h, to))) {
		if (ev->kind != DEAL_EV_WON && ev->kind != DEAL_EV_LOST)
			continue;
		rep = history_name(h, HIST_REP, ev->after->rep);
		account = history_name(h, HIST_ACCOUNT, ev->after->account);
		acctassign_deal(a, rep, strlen(rep), account, strlen(account),
		    ev->kind == DEAL_EV_WON);
	}
	history_close(h);
}

void
acctassign_why(const struct acctassign *a, size_t rep, size_t acct, struct aa_why *w)
{
	const struct aa_account *x = &a->acct[acct];
	const struct aa_rep *r = &a->rep[rep];
	long g = *x->segment ? intern_get(a->p->segs, x->segment, strlen(x->segment)) : -1;

	w->seg_won = w->seg_lost = 0;
	w->ppm = r->rep_ppm;
	if (g >= 0) {
		w->seg_won = a->p->seg_n[rep * intern_count(a->p->segs) + (size_t)g][0];
		w->seg_lost = a->p->seg_n[rep * intern_count(a->p->segs) + (size_t)g][1];
		w->ppm = acctassign_shrink(w->seg_won, w->seg_lost, r->rep_ppm, AA_PRIOR_SEGMENT);
	}
	if (acctassign_value(x->potential, w->ppm, x->weight, &w->value) < 0)
		die("the expected value of account '%s' is out of range", x->account);
}

static void
rates(struct acctassign *a)
{
	struct aa_private *p = a->p;
	size_t i;
	long r;

	p->org_ppm = acctassign_shrink(p->org_n[0], p->org_n[1], AA_PPM / 2, 2);
	for (i = 0; i < intern_count(p->teams); i++)
		p->team_ppm[i] = acctassign_shrink(p->team_n[i][0], p->team_n[i][1],
		    p->org_ppm, AA_PRIOR_TEAM);
	for (i = 0; i < a->nreps; i++) {
		r = intern_get(p->repids, a->rep[i].rep, strlen(a->rep[i].rep));
		a->rep[i].team_ppm = p->team[r] >= 0 ? p->team_ppm[p->team[r]] : p->org_ppm;
		a->rep[i].rep_ppm = acctassign_shrink(a->rep[i].won, a->rep[i].lost,
		    a->rep[i].team_ppm, AA_PRIOR_REP);
	}
}

/* Of equal totals, the most current owners kept: each kept one adds 1
 * to values scaled by more than the number of accounts. */
static int64_t
tie_scale(const struct acctassign *a)
{
	int64_t max = 0, scaled;
	struct aa_why w;
	size_t i, j;

	for (i = 0; i < a->naccts; i++)
		for (j = 0; j < a->nreps; j++) {
			acctassign_why(a, j, i, &w);
			if (w.value > max)
				max = w.value;
		}
	if (__builtin_mul_overflow(max, (int64_t)a->naccts + 1, &scaled) ||
	    scaled >= ((int64_t)1 << 59))
		return 1;
	return (int64_t)a->naccts + 1;
}

void
acctassign_solve(struct acctassign *a)
{
	struct assign *as = assign_new();
	struct assign_result res;
	struct aa_account *x;
	struct aa_why w;
	int64_t *cap = xcalloc(a->nreps + 1, sizeof *cap), m;
	size_t *task = xcalloc(a->naccts + 1, sizeof *task), nt = 0, i, j;
	int st;

	rates(a);
	m = tie_scale(a);
	for (j = 0; j < a->nreps; j++)
		cap[j] = a->rep[j].capacity;
	for (i = 0; i < a->naccts; i++) {
		x = &a->acct[i];
		if (x->current_rep >= 0) {
			acctassign_why(a, (size_t)x->current_rep, i, &w);
			x->current_value = w.value;
		}
		if (x->fixed) {
			x->owner = x->current_rep;
			continue;
		}
		for (j = 0; j < a->nreps; j++) {
			acctassign_why(a, j, i, &w);
			assign_add(as, j, nt, w.value * m + (m > 1 && (long)j == x->current_rep));
		}
		task[nt++] = i;
	}
	st = assign_solve(as, a->nreps, nt, cap, ASSIGN_MAXIMIZE, &res);
	if (st == ASSIGN_RANGE || st == ASSIGN_OVERFLOW)
		die("the expected values are out of range to solve exactly");
	if (st != ASSIGN_OK)
		die("assignment failed (error %d)", st);
	for (i = 0; i < nt; i++)
		a->acct[task[i]].owner = res.agent[i];
	for (i = 0; i < a->naccts; i++) {
		x = &a->acct[i];
		if (x->owner >= 0) {
			acctassign_why(a, (size_t)x->owner, i, &w);
			x->value = w.value;
		} else {
			a->unassigned++;
		}
		if (money_add(a->before, x->current_value, &a->before) < 0 ||
		    money_add(a->after, x->value, &a->after) < 0)
			die("the total expected value is out of range");
		if (strcmp(x->owner >= 0 ? a->rep[x->owner].rep : "", x->current) != 0)
			a->changed++;
	}
	assign_result_free(&res);
	assign_free(as);
	free(cap);
	free(task);
}

static const struct acctassign *rank_a;
static size_t rank_acct;

/* Best first, then by rep id. */
static int
by_value(const void *p, const void *q)
{
	size_t i = *(const size_t *)p, j = *(const size_t *)q;
	struct aa_why wi, wj;

	acctassign_why(rank_a, i, rank_acct, &wi);
	acctassign_why(rank_a, j, rank_acct, &wj);
	if (wi.value != wj.value)
		return wi.value < wj.value ? 1 : -1;
	return strcmp(rank_a->rep[i].rep, rank_a->rep[j].rep);
}

size_t *
acctassign_rank(const struct acctassign *a, size_t acct)
{
	size_t *order = xcalloc(a->nreps + 1, sizeof *order), i;

	for (i = 0; i < a->nreps; i++)
		order[i] = i;
	rank_a = a;
	rank_acct = acct;
	qsort(order, a->nreps, sizeof *order, by_value);
	return order;
}

long
acctassign_find(const struct acctassign *a, const char *account)
{
	struct aa_account key = { 0 }, *x;

	key.account = account;
	x = bsearch(&key, a->acct, a->naccts, sizeof *a->acct, by_account);
	return x ? x - a->acct : -1;
}

void
acctassign_free(struct acctassign *a)
{
	struct aa_private *p;

	if (!a)
		return;
	p = a->p;
	intern_free(p->repids);
	intern_free(p->teams);
	intern_free(p->acctids);
	intern_free(p->segs);
	free(p->cand);
	free(p->team);
	free(p->team_n);
	free(p->team_ppm);
	free(p->seg);
	free(p->seg_n);
	free(p);
	free(a->rep);
	free(a->acct);
	free(a);
}
