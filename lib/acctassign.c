#include <stdint.h>
#include <stdio.h>
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
	int32_t *team_ppm;
	struct intern *acctids;		/* every account of accounts.tsv, by row */
	long *seg;			/* per account row: index in segs, or -1 */
	long *cell;			/* per account row: index in cells, or -1 */
	struct intern *segs;		/* the segments of the selection */
	struct intern *cells;		/* its segment and region pairs */
	int64_t (*seg_n)[2];		/* candidate x segment: won, lost */
	int64_t (*cell_n)[2];		/* candidate x cell: won, lost */
	int fit_pct;			/* after solve */
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

int
acctassign_fit(int64_t value, int pct, int matches, int64_t *out)
{
	int64_t f;

	if (value < 0 || pct < 0 || matches < 0 ||
	    __builtin_mul_overflow((int64_t)pct * matches, value, &f) ||
	    __builtin_mul_overflow(f, 2, &f) || __builtin_add_overflow(f, 100, &f))
		return -1;
	*out = f / 200;
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
	int gc = table_col(reps, "region"), sgc = table_col(reps, "segment");
	const char *id, *team, *cap;
	struct aa_rep *r;
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
		if (sc->managers && sc->managers[i] && !sc->include_managers) {
			a->managers++;
			continue;
		}
		cap = table_get(reps, i, cc);
		if (!*cap)
			c = sc->default_capacity;
		else if (parse_uint(cap, 1000000000, &c) < 0)
			die("%s: capacity '%.64s' of rep '%s' is not a whole number; "
			    "run sales-check", reps->name, cap, id);
		p->cand[i] = (long)a->nreps;
		r = &a->rep[a->nreps++];
		r->rep = id;
		r->team = team;
		r->region = table_get(reps, i, gc);
		r->segment = table_get(reps, i, sgc);
		r->capacity = c;
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

/* The key of an account's segment and region ("" for an account without
 * a region: it has none). */
static size_t
cell_key(char *buf, size_t size, const char *segment, const char *region)
{
	int n;

	if (!*region)
		return 0;
	n = snprintf(buf, size, "%s\t%s", segment, region);
	return n < 0 || (size_t)n >= size ? 0 : (size_t)n;
}

/* Every account row's segment and cell among those of the selection. */
static void
index_accounts(struct aa_private *p, const struct table *t)
{
	int gc = table_col(t, "segment"), rc = table_col(t, "region");
	char key[256];
	const char *seg;
	size_t i, n;

	p->seg = xcalloc(t->nrows + 1, sizeof *p->seg);
	p->cell = xcalloc(t->nrows + 1, sizeof *p->cell);
	for (i = 0; i < t->nrows; i++) {
		seg = table_get(t, i, gc);
		p->seg[i] = *seg ? intern_get(p->segs, seg, strlen(seg)) : -1;
		n = cell_key(key, sizeof key, seg, table_get(t, i, rc));
		p->cell[i] = n ? intern_get(p->cells, key, n) : -1;
	}
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
	char key[256];
	long o, c;
	size_t i, n;

	if (ac < 0)
		die("%s: no column 'account'; run sales-check", t->name);
	a->acct = xcalloc(t->nrows + 1, sizeof *a->acct);
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
			if (c >= 0) {
				a->rep[c].capacity--;
				a->rep[c].held++;
			}
			continue;
		}
		x = &a->acct[a->naccts++];
		x->account = id;
		x->segment = table_get(t, i, gc);
		x->region = table_get(t, i, rc);
		x->current = owner;
		x->row = i;
		x->current_rep = c;
		x->owner = -1;
		read_account(x, t, i);
		if (sc->keep_owners && c >= 0) {
			x->fixed = 1;
			a->rep[c].capacity--;
			a->rep[c].held++;
		}
		if (*x->segment)
			intern_add(p->segs, x->segment, strlen(x->segment));
		if ((n = cell_key(key, sizeof key, x->segment, x->region)))
			intern_add(p->cells, key, n);
	}
	qsort(a->acct, a->naccts, sizeof *a->acct, by_account);
	index_accounts(p, t);
	for (i = 0; i < a->naccts; i++) {
		a->acct[i].seg = p->seg[a->acct[i].row];
		a->acct[i].cell = p->cell[a->acct[i].row];
	}
	p->seg_n = xcalloc(a->nreps * intern_count(p->segs) + 1, sizeof *p->seg_n);
	p->cell_n = xcalloc(a->nreps * intern_count(p->cells) + 1, sizeof *p->cell_n);
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
	a->p->cells = intern_new();
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
	size_t nsegs = intern_count(p->segs), ncells = intern_count(p->cells);
	int i = won ? 0 : 1;

	if (won)
		a->won++;
	else
		a->lost++;
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
	if ((k = intern_get(p->acctids, account, acctlen)) < 0)
		return;
	if (p->seg[k] >= 0)
		p->seg_n[(size_t)c * nsegs + (size_t)p->seg[k]][i]++;
	if (p->cell[k] >= 0)
		p->cell_n[(size_t)c * ncells + (size_t)p->cell[k]][i]++;
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
	const struct aa_private *p = a->p;
	const struct aa_account *x = &a->acct[acct];
	const struct aa_rep *r = &a->rep[rep];
	const int64_t *n;
	int m;

	memset(w, 0, sizeof *w);
	w->seg_ppm = r->rep_ppm;
	if (x->seg >= 0) {
		n = p->seg_n[rep * intern_count(p->segs) + (size_t)x->seg];
		w->seg_won = n[0], w->seg_lost = n[1];
		w->seg_ppm = acctassign_shrink(n[0], n[1], r->rep_ppm, AA_PRIOR_SEGMENT);
	}
	w->ppm = w->seg_ppm;
	if (x->cell >= 0) {
		n = p->cell_n[rep * intern_count(p->cells) + (size_t)x->cell];
		w->region_won = n[0], w->region_lost = n[1];
		w->ppm = acctassign_shrink(n[0], n[1], w->seg_ppm, AA_PRIOR_REGION);
	}
	m = (*r->region && strcmp(r->region, x->region) == 0) +
	    (*r->segment && strcmp(r->segment, x->segment) == 0);
	if (acctassign_value(x->potential, w->ppm, x->weight, &w->value) < 0 ||
	    acctassign_fit(w->value, p->fit_pct, m, &w->fit) < 0)
		die("the expected value of account '%s' is out of range", x->account);
}

static void
rates(struct acctassign *a, int32_t prior_ppm)
{
	struct aa_private *p = a->p;
	size_t i;
	long r;

	a->company_ppm = acctassign_shrink(a->won, a->lost, prior_ppm, 2);
	for (i = 0; i < intern_count(p->teams); i++)
		p->team_ppm[i] = acctassign_shrink(p->team_n[i][0], p->team_n[i][1],
		    a->company_ppm, AA_PRIOR_TEAM);
	for (i = 0; i < a->nreps; i++) {
		r = intern_get(p->repids, a->rep[i].rep, strlen(a->rep[i].rep));
		a->rep[i].team_ppm = p->team[r] >= 0 ? p->team_ppm[p->team[r]] : a->company_ppm;
		a->rep[i].rep_ppm = acctassign_shrink(a->rep[i].won, a->rep[i].lost,
		    a->rep[i].team_ppm, AA_PRIOR_REP);
	}
}

/*
 * The instance for assign.h.  A rep's places are agents: runs of places
 * that cost the same load and tie, or with max_share one run per segment
 * class (0: no segment, else the segment's index + 1).  The first of a
 * rep's dummy tasks, which fill the places the rep's capacity cannot, is
 * ntasks + dummy_first[r].
 */
struct place {
	size_t rep;
	long cls;			/* -1: any account */
	int64_t cap, load, tie;
};

struct instance {
	struct place *pl;
	size_t npl, cap;
	size_t *task;			/* tasks -> accounts */
	size_t ntasks;
	int64_t ndummies, *dummies;	/* per rep */
	int64_t *cls_n, *cls_quota;	/* per class: accounts of the selection, the share */
	size_t ncls;
};

static void
add_place(struct instance *in, size_t rep, long cls, int64_t cap, int64_t load, int64_t tie)
{
	if (in->npl == in->cap) {
		in->cap = in->cap ? 2 * in->cap : 64;
		in->pl = xreallocarray(in->pl, in->cap, sizeof *in->pl);
	}
	in->pl[in->npl++] = (struct place){ rep, cls, cap, load, tie };
}

/*
 * Places k = first .. first + n - 1 of a rep (k counts the rep's accounts
 * from 1): the k-th costs balance x floor((k - 1) / share) and ties by
 * floor((k - 1) / block) (block 0: no tie).
 */
static void
places(struct instance *in, size_t rep, long cls, int64_t first, int64_t n,
       int64_t share, int64_t balance, int64_t block)
{
	int64_t k, stop, step, load;

	for (k = first; k < first + n; k = stop) {
		step = (k - 1) / share;
		stop = first + n;
		if (balance && (step + 1) * share + 1 < stop)
			stop = (step + 1) * share + 1;
		if (block && ((k - 1) / block + 1) * block + 1 < stop)
			stop = ((k - 1) / block + 1) * block + 1;
		if (__builtin_mul_overflow(balance, step, &load))
			die("the load penalty of --balance is out of range");
		add_place(in, rep, cls, stop - k, load, block ? (k - 1) / block : 0);
	}
}

static long
cls_of(const struct aa_account *x)
{
	return x->seg + 1;
}

/* The tasks, and each class's accounts and share. */
static void
tasks(struct acctassign *a, const struct aa_terms *t, struct instance *in)
{
	size_t i;

	in->task = xcalloc(a->naccts + 1, sizeof *in->task);
	in->ncls = intern_count(a->p->segs) + 1;
	in->cls_n = xcalloc(in->ncls, sizeof *in->cls_n);
	in->cls_quota = xcalloc(in->ncls, sizeof *in->cls_quota);
	for (i = 0; i < a->naccts; i++) {
		in->cls_n[cls_of(&a->acct[i])]++;
		if (!a->acct[i].fixed)
			in->task[in->ntasks++] = i;
	}
	/* At most the share, but at least one account. */
	for (i = 0; i < in->ncls; i++)
		if ((in->cls_quota[i] = in->cls_n[i] * t->max_share_pct / 100) < 1)
			in->cls_quota[i] = 1;
}

/* A rep's places for the tasks, as places() cuts them; returns how many
 * places the rep has (at most one per task, or per task of a class). */
static int64_t
rep_places(struct acctassign *a, const struct aa_terms *t, struct instance *in, size_t r,
	   int64_t block)
{
	int64_t cap = a->rep[r].capacity > 0 ? a->rep[r].capacity : 0, *kept, n, total = 0;
	size_t i, c;

	if (!t->max_share_pct) {
		n = cap < (int64_t)in->ntasks ? cap : (int64_t)in->ntasks;
		places(in, r, -1, a->rep[r].held + 1, n, a->share, t->balance, block);
		return n;
	}
	kept = xcalloc(in->ncls, sizeof *kept);
	for (i = 0; i < a->naccts; i++)
		if (a->acct[i].fixed && a->acct[i].current_rep == (long)r)
			kept[cls_of(&a->acct[i])]++;
	for (c = 0; c < in->ncls; c++) {
		n = in->cls_quota[c] - kept[c];
		if (n > cap)
			n = cap;
		if (n > in->cls_n[c])
			n = in->cls_n[c];
		if (n > 0)
			places(in, r, (long)c, kept[c] + 1, n, a->share, 0, block);
		total += n > 0 ? n : 0;
	}
	free(kept);
	in->dummies[r] = total > cap ? total - cap : 0;
	in->ndummies += in->dummies[r];
	return total;
}

/* Every rep's places: ties by single accounts if the pairs stay within
 * AA_TIE_PAIRS, else by blocks of accounts; block 0: no tie at all. */
static void
build(struct acctassign *a, const struct aa_terms *t, struct instance *in, int tie)
{
	int64_t units = 0;
	size_t r;

	in->npl = 0;
	in->ndummies = 0;
	a->block = 0;
	for (r = 0; tie && r < a->nreps; r++)
		units += rep_places(a, t, in, r, 1);
	in->npl = 0;
	in->ndummies = 0;
	if (tie) {
		a->block = 1;
		while ((__int128)in->ntasks * (units / a->block) > AA_TIE_PAIRS)
			a->block *= 2;
	}
	for (r = 0; r < a->nreps; r++)
		rep_places(a, t, in, r, a->block);
}

/*
 * The scales of the tie-breaks: a pair is worth m1 x (value + fit - load)
 * + m2 x (kept owner) - tie, so that the value counts first, then the
 * owners kept, then the fewest accounts.  level 2: both tie-breaks, 1: the
 * owners kept, 0: none.  0 when they do not fit 64 bits and the solver's
 * range (values within 2^58, their total within 2^62).
 */
static int
scales(const struct instance *in, int level, int64_t lo, int64_t hi, int64_t *m1,
       int64_t *m2)
{
	__int128 maxtie = 0, big, top, total;
	size_t i;

	for (i = 0; i < in->npl; i++)
		if (in->pl[i].tie > maxtie)
			maxtie = in->pl[i].tie;
	big = (__int128)1 << 58;
	top = level == 2 ? maxtie * (__int128)in->ntasks + 1 : level;
	if (top >= big)
		return 0;
	*m2 = (int64_t)top;
	top = level ? top * (__int128)(in->ntasks + 1) : 1;
	if (top >= big)
		return 0;
	*m1 = (int64_t)top;
	top = top * (hi > -lo ? hi : -lo) + *m2 + maxtie + 1;
	total = top * (__int128)(in->ntasks + (size_t)in->ndummies + 1);
	return top < big && total < ((__int128)1 << 62);
}

/* The value and fit of rep r for account i, less nothing. */
static int64_t
worth(const struct acctassign *a, size_t r, size_t i)
{
	struct aa_why w;

	acctassign_why(a, r, i, &w);
	return w.value + w.fit;
}

/* The range of value + fit - load over every pair. */
static void
range(const struct acctassign *a, const struct instance *in, int64_t *lo, int64_t *hi)
{
	int64_t maxload = 0, v;
	size_t i, r;

	for (i = 0; i < in->npl; i++)
		if (in->pl[i].load > maxload)
			maxload = in->pl[i].load;
	*lo = *hi = 0;
	for (i = 0; i < in->ntasks; i++)
		for (r = 0; r < a->nreps; r++) {
			v = worth(a, r, in->task[i]);
			if (v > *hi)
				*hi = v;
			if (v - maxload < *lo)
				*lo = v - maxload;
		}
}

static void
pairs(const struct acctassign *a, const struct instance *in, struct assign *as, int64_t m1,
      int64_t m2)
{
	const struct aa_account *x;
	const struct place *pl;
	int64_t v, w = 0, dummy, hi = 0;
	size_t i, g, d, r, k;

	for (i = 0; i < in->ntasks; i++) {
		x = &a->acct[in->task[i]];
		for (g = 0; g < in->npl; g++) {
			pl = &in->pl[g];
			/* Places of one rep come together: the worth once a rep. */
			if (g == 0 || pl->rep != in->pl[g - 1].rep)
				w = worth(a, pl->rep, in->task[i]);
			if (pl->cls >= 0 && pl->cls != cls_of(x))
				continue;
			v = m1 * (w - pl->load) + m2 * ((long)pl->rep == x->current_rep) - pl->tie;
			assign_add(as, g, i, v);
			if (v > hi)
				hi = v;
		}
	}
	/* A dummy outbids every account, so each one is placed: the rep keeps
	 * no more places than its capacity. */
	dummy = hi + 1;
	for (r = 0, d = in->ntasks; r < a->nreps; r++)
		for (k = 0; k < (size_t)in->dummies[r]; k++, d++)
			for (g = 0; g < in->npl; g++)
				if (in->pl[g].rep == r)
					assign_add(as, g, d, dummy);
}

/* What the assignment costs in load: each rep's places taken, in order. */
static void
totals(struct acctassign *a, const struct aa_terms *t)
{
	int64_t *n = xcalloc(a->nreps + 1, sizeof *n), k, step, c;
	struct aa_account *x;
	struct aa_why w;
	size_t i;

	for (i = 0; i < a->naccts; i++) {
		x = &a->acct[i];
		if (x->owner >= 0) {
			acctassign_why(a, (size_t)x->owner, i, &w);
			x->value = w.value;
			if (money_add(a->fit, w.fit, &a->fit) < 0)
				die("the total fit bonus is out of range");
			if (!x->fixed)
				n[x->owner]++;
		} else {
			a->unassigned++;
		}
		if (money_add(a->before, x->current_value, &a->before) < 0 ||
		    money_add(a->after, x->value, &a->after) < 0)
			die("the total expected value is out of range");
		if (strcmp(x->owner >= 0 ? a->rep[x->owner].rep : "", x->current) != 0)
			a->changed++;
	}
	for (i = 0; t->balance && i < a->nreps; i++)
		for (k = a->rep[i].held + 1; k <= a->rep[i].held + n[i]; k++) {
			step = (k - 1) / a->share;
			if (__builtin_mul_overflow(t->balance, step, &c) ||
			    money_add(a->load, c, &a->load) < 0)
				die("the total load penalty is out of range");
		}
	if (money_add(a->after, a->fit, &a->objective) < 0 ||
	    money_sub(a->objective, a->load, &a->objective) < 0)
		die("the total value is out of range");
	free(n);
}

void
acctassign_solve(struct acctassign *a, const struct aa_terms *t)
{
	struct assign *as = assign_new();
	struct instance in = { 0 };
	struct assign_result res;
	struct aa_account *x;
	struct aa_why w;
	int64_t m1 = 1, m2 = 0, lo, hi, *cap, held = 0;
	size_t i;
	int st, level;

	a->p->fit_pct = t->fit_pct;
	rates(a, t->prior_ppm);
	for (i = 0; i < a->naccts; i++) {
		x = &a->acct[i];
		if (x->current_rep >= 0) {
			acctassign_why(a, (size_t)x->current_rep, i, &w);
			x->current_value = w.value;
		}
		if (x->fixed)
			x->owner = x->current_rep;
	}
	for (i = 0; i < a->nreps; i++)
		held += a->rep[i].held;
	tasks(a, t, &in);
	/* The even share: every account the candidates would carry (what they
	 * hold, kept ones included, and the tasks), over them. */
	a->share = a->nreps ? (held + (int64_t)in.ntasks + (int64_t)a->nreps - 1) /
	    (int64_t)a->nreps : 1;
	if (a->share < 1)
		a->share = 1;
	in.dummies = xcalloc(a->nreps + 1, sizeof *in.dummies);
	/* The tie-breaks go when the values leave them no room: first the
	 * fewest accounts, then the owners kept. */
	for (level = 2;; level--) {
		build(a, t, &in, level == 2);
		range(a, &in, &lo, &hi);
		if (scales(&in, level, lo, hi, &m1, &m2))
			break;
		if (level == 0)
			die("the expected values are out of range to solve exactly");
	}
	pairs(a, &in, as, m1, m2);
	cap = xcalloc(in.npl + 1, sizeof *cap);
	for (i = 0; i < in.npl; i++)
		cap[i] = in.pl[i].cap;
	st = assign_solve(as, in.npl, in.ntasks + (size_t)in.ndummies, cap, ASSIGN_MAXIMIZE,
	    &res);
	if (st == ASSIGN_RANGE || st == ASSIGN_OVERFLOW)
		die("the expected values are out of range to solve exactly");
	if (st != ASSIGN_OK)
		die("assignment failed (error %d)", st);
	for (i = 0; i < in.ntasks; i++)
		a->acct[in.task[i]].owner = res.agent[i] >= 0 ? (long)in.pl[res.agent[i]].rep : -1;
	assign_result_free(&res);
	assign_free(as);
	free(cap);
	free(in.pl);
	free(in.task);
	free(in.dummies);
	free(in.cls_n);
	free(in.cls_quota);
	totals(a, t);
}

static const struct acctassign *rank_a;
static size_t rank_acct;

/* Best first (value and fit), then the current owner, then the fewest
 * accounts held, then by rep id. */
static int
by_worth(const void *p, const void *q)
{
	size_t i = *(const size_t *)p, j = *(const size_t *)q;
	int64_t wi = worth(rank_a, i, rank_acct), wj = worth(rank_a, j, rank_acct);
	long cur = rank_a->acct[rank_acct].current_rep;

	if (wi != wj)
		return wi < wj ? 1 : -1;
	if ((long)i == cur || (long)j == cur)
		return (long)i == cur ? -1 : 1;
	if (rank_a->rep[i].held != rank_a->rep[j].held)
		return rank_a->rep[i].held < rank_a->rep[j].held ? -1 : 1;
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
	qsort(order, a->nreps, sizeof *order, by_worth);
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
	intern_free(p->cells);
	free(p->cand);
	free(p->team);
	free(p->team_n);
	free(p->team_ppm);
	free(p->seg);
	free(p->cell);
	free(p->seg_n);
	free(p->cell_n);
	free(p);
	free(a->rep);
	free(a->acct);
	free(a);
}
