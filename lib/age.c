#include <stdlib.h>
#include <string.h>

#include "actindex.h"
#include "age.h"
#include "deal.h"
#include "dealset.h"
#include "err.h"
#include "id.h"
#include "ledger.h"
#include "scan.h"
#include "xalloc.h"

/* What the fold keeps of each deal, by number; of a replay of few deals,
 * by their place among them (track_at()). */
struct track {
	const struct dealset *only;
	date_t *since;
	uint32_t *pushes;
	/* The expected date of the deal's latest event, less HIST_NO_DATE (0:
	 * none): a closed deal's state in the replay no longer has it. */
	int32_t *expected;
	/* 1: the replay met the deal's open, its first event (a replay that
	 * starts late has all of such a deal's events) */
	unsigned char *fresh;
	size_t cap;
	int stays;		/* keep the stays: the replay is the whole history */
};

static void
track_grow(struct track *t, size_t k)
{
	size_t cap = t->cap ? t->cap : 1024;

	if (k < t->cap)
		return;
	while (cap <= k)
		cap *= 2;
	t->since = xreallocarray(t->since, cap, sizeof *t->since);
	t->pushes = xreallocarray(t->pushes, cap, sizeof *t->pushes);
	t->expected = xreallocarray(t->expected, cap, sizeof *t->expected);
	t->fresh = xreallocarray(t->fresh, cap, sizeof *t->fresh);
	memset(t->fresh + t->cap, 0, (cap - t->cap) * sizeof *t->fresh);
	memset(t->since + t->cap, 0, (cap - t->cap) * sizeof *t->since);
	memset(t->pushes + t->cap, 0, (cap - t->cap) * sizeof *t->pushes);
	memset(t->expected + t->cap, 0, (cap - t->cap) * sizeof *t->expected);
	t->cap = cap;
}

/* The track of a replay of the deals of only alone: a place for each. */
static void
track_only(struct track *t, const struct dealset *only)
{
	size_t n = only->n + 1;

	t->only = only;
	t->since = xcalloc(n, sizeof *t->since);
	t->pushes = xcalloc(n, sizeof *t->pushes);
	t->expected = xcalloc(n, sizeof *t->expected);
	t->fresh = xcalloc(n, sizeof *t->fresh);
	t->cap = n;
}

/* Deal k's place in the track, or SIZE_MAX when it has none. */
static size_t
track_at(const struct track *t, size_t k)
{
	if (!t->only)
		return k < t->cap ? k : SIZE_MAX;
	return (k = dealset_place(t->only, k)) < t->only->n ? k : SIZE_MAX;
}

static void
stay_add(struct age_stays *s, int64_t days)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->days = xreallocarray(s->days, s->cap, sizeof *s->days);
	}
	s->days[s->n++] = days;
}

static void
fold(struct age *a, struct track *t, const struct hist_event *ev)
{
	const struct hist_deal *b = ev->before, *d = ev->after;
	size_t k = ev->deal;

	if (t->only && (k = track_at(t, k)) == SIZE_MAX)
		return;		/* not one of them: the replay gives none */
	track_grow(t, k);
	if (b->state == DEAL_NONE && ev->kind == DEAL_EV_OPEN)
		t->fresh[k] = 1;
	/* A stay at an open stage ends when the deal moves on or closes ... */
	if (t->stays && b->state == DEAL_OPEN && (d->state != DEAL_OPEN || b->stage != d->stage) &&
	    b->stage >= 0 && (size_t)b->stage < a->nstages)
		stay_add(&a->stay[b->stage], (int64_t)ev->date - t->since[k]);
	/* ... and one begins when it opens, moves, or is reopened. */
	if (d->state == DEAL_OPEN && (b->state != DEAL_OPEN || b->stage != d->stage))
		t->since[k] = ev->date;
	if (b->state != DEAL_NONE && t->expected[k] != 0 && d->expected != HIST_NO_DATE &&
	    d->expected - HIST_NO_DATE > t->expected[k] && t->pushes[k] < UINT32_MAX)
		t->pushes[k]++;
	t->expected[k] = d->expected == HIST_NO_DATE ? 0 : d->expected - HIST_NO_DATE;
}

/* What activities() looks for: the open deals by number, in the months
 * from first on; and what it hands on. */
struct act_scan {
	struct age *a;
	size_t *slot, maxk;
	date_t today;
	ledger_month first, month;	/* the open deals', the one read */
	const struct age_tap *tap;
};

/* scan_month's callback: an activity row (its columns in file order). */
static int
take_activity(void *arg, const struct scan_row *row)
{
	struct act_scan *x = arg;
	/* read in place: most rows name a deal that is not asked about (a
	 * number past the replay's is none of them) */
	struct age_deal *deal;
	size_t k;
	char day[DATE_BUFSZ + 1];
	date_t d;

	if (x->tap && x->month >= x->tap->from && x->tap->fn(x->tap->arg, row) != 0)
		return -1;
	if (x->month < x->first)
		return 0;
	k = deal_number(row->f[AGE_ACT_DEAL], row->len[AGE_ACT_DEAL]);
	if (!k || k > x->maxk || !x->slot[k] || row->len[AGE_ACT_DATE] >= sizeof day ||
	    date_parse(scan_text(row, AGE_ACT_DATE, day, sizeof day), &d) < 0 || d > x->today)
		return 0;
	deal = &x->a->deal[x->slot[k] - 1];
	if (d >= deal->d.opened && d > deal->last_activity)
		deal->last_activity = d;
	return 0;
}

/* The open deals' latest activities from the activity index (actindex.h),
 * as age.h defines them: 0, or -1 when it cannot tell. */
static int
indexed(struct age *a, struct store *s, date_t today)
{
	size_t *k = xcalloc(a->n + 1, sizeof *k), i;
	date_t *d = xcalloc(a->n + 1, sizeof *d);
	int r;

	for (i = 0; i < a->n; i++)
		k[i] = a->deal[i].deal;
	if ((r = actindex_latest(s, today, k, a->n, d)) == 0)
		for (i = 0; i < a->n; i++)
			/* the latest of all: one before the deal opened, none after */
			if (d[i] != ACTINDEX_NONE && d[i] >= a->deal[i].d.opened)
				a->deal[i].last_activity = d[i];
	free(k);
	free(d);
	return r;
}

/* The latest activity from its opening up to today on each open deal,
 * from the index or from the month of the oldest one's opening on; and
 * tap's months handed on, in the same pass. */
static void
activities(struct age *a, struct store *s, date_t today, const struct age_tap *tap)
{
	/* only what is read: a row is split up to the last of them */
	static const char *const cols[AGE_ACT_NCOLS] = { "date", "rep", "deal" };
	struct act_scan x = { .a = a, .today = today, .tap = tap };
	ledger_month *months;
	date_t from = today;
	size_t i, n, nm, want;

	/* the deals the scan looks for: none when the index told */
	want = a->n && indexed(a, s, today) == 0 ? 0 : a->n;
	for (i = 0; i < want; i++) {
		if (a->deal[i].d.opened < from)
			from = a->deal[i].d.opened;
		if (a->deal[i].deal > x.maxk)
			x.maxk = a->deal[i].deal;
	}
	/* no open deal: none of the months is the deals' */
	x.first = want ? ledger_month_of(from) : ledger_month_of(today) + 1;
	if (tap && tap->from < ledger_month_of(from))
		from = date_from_ymd(tap->from / 12, tap->from % 12 + 1, 1);
	if (want == 0 && !tap)
		return;
	x.slot = xcalloc(x.maxk + 1, sizeof *x.slot);
	for (i = 0; i < want; i++)
		x.slot[a->deal[i].deal] = i + 1;
	nm = ledger_months(s, "activities", from, today, &months);
	for (n = 0; n < nm; n++) {
		x.month = months[n];
		scan_month(s, "activities", months[n], cols, AGE_ACT_NCOLS, take_activity, &x);
	}
	free(months);
	free(x.slot);
}

struct age *
age_scan(struct store *s, const struct stages *st, date_t today, unsigned what)
{
	return age_scan_rep(s, st, today, what, NULL, DATE_MIN);
}

static void
track_free(struct track *t)
{
	free(t->since);
	free(t->pushes);
	free(t->expected);
	free(t->fresh);
	memset(t, 0, sizeof *t);
}

/* The open deals of rep (NULL: every rep) in a->h, at the end of today,
 * with the fold's track t; 0 when (with AGE_STAGES and from) one had
 * events before from, which the fold did not see. */
static int
take_open(struct age *a, const struct track *t, date_t today, unsigned what, const char *rep,
	  date_t from)
{
	struct age_deal *x;
	size_t k, i, cap = 0;

	for (k = history_next_open(a->h, 0); k != HIST_END; k = history_next_open(a->h, k + 1)) {
		if (rep && strcmp(history_name(a->h, HIST_REP, history_deal(a->h, k)->rep),
		    rep) != 0)
			continue;
		i = track_at(t, k);
		if (what & AGE_STAGES && from != DATE_MIN && (i == SIZE_MAX || !t->fresh[i]))
			return 0;
		if (a->n == cap) {
			cap = cap ? cap * 2 : 256;
			a->deal = xreallocarray(a->deal, cap, sizeof *a->deal);
		}
		x = &a->deal[a->n++];
		memset(x, 0, sizeof *x);
		x->deal = k;
		x->d = *history_deal(a->h, k);
		/* With AGE_STAGES the fold met every deal open today; else no stage. */
		x->stage_since = i != SIZE_MAX ? t->since[i] : today;
		x->pushes = i != SIZE_MAX ? t->pushes[i] : 0;
		x->last_activity = HIST_NO_DATE;
	}
	return 1;
}

/* The replay up to today, from the checkpoint before from (with
 * AGE_STAGES) or today; 0 as take_open(). */
static int
replay(struct age *a, struct track *t, struct store *s, const struct stages *st,
       date_t today, unsigned what, const char *rep, date_t from,
       const struct dealset *only)
{
	const struct hist_event *ev;

	if (only)
		track_only(t, only);
	a->h = history_open_only(s, st, what & AGE_STAGES ? from : today,
	    HIST_WANT_ACCOUNT | HIST_WANT_PRODUCT, only);
	while ((ev = history_next(a->h, today)))
		if (what & AGE_STAGES)
			fold(a, t, ev);
	return take_open(a, t, today, what, rep, from);
}

/* The open deals' latest activities, and their days. */
static void
finish(struct age *a, struct store *s, date_t today, const struct age_tap *tap)
{
	struct age_deal *x;
	size_t k;
	date_t touch;

	activities(a, s, today, tap);
	for (k = 0; k < a->n; k++) {
		x = &a->deal[k];
		touch = x->last_activity > x->d.last ? x->last_activity : x->d.last;
		x->stage_days = (int64_t)today - x->stage_since;
		x->idle_days = (int64_t)today - touch;
	}
}

struct age *
age_scan_rep(struct store *s, const struct stages *st, date_t today, unsigned what,
	     const char *rep, date_t from)
{
	return age_scan_only(s, st, today, what, rep, from, NULL);
}

struct age *
age_scan_only(struct store *s, const struct stages *st, date_t today, unsigned what,
	      const char *rep, date_t from, const struct dealset *only)
{
	struct age *a = xcalloc(1, sizeof *a);
	struct track t = { .stays = from == DATE_MIN && !only };

	a->nstages = st->n;
	a->stay = xcalloc(st->n ? st->n : 1, sizeof *a->stay);
	if (!replay(a, &t, s, st, today, what, rep, from, only)) {
		/* A deal open today is older than from: the whole history. */
		track_free(&t);
		t.stays = !only;
		history_close(a->h);
		a->n = 0;
		replay(a, &t, s, st, today, what, rep, DATE_MIN, only);
	}
	track_free(&t);
	finish(a, s, today, NULL);
	return a;
}

struct age *
age_scan_of(struct store *s, const struct stages *st, date_t today, const char *const *reps,
	    size_t nreps)
{
	struct deal_last *l;
	struct dealset *only;
	struct age *a;
	ledger_month *months;
	size_t nm = ledger_months(s, "deals", DATE_MIN, DATE_MAX, &months), n, i, nk = 0, *k;
	date_t from = DATE_MAX, d;
	int ok = nm > 0 && ledger_month_of(today) >= months[nm - 1];

	free(months);
	if (!ok)
		return age_scan(s, st, today, AGE_STAGES);
	l = history_open_latest_of(s, st, reps, nreps);
	n = deal_last_count(l);
	k = xcalloc(n + 1, sizeof *k);
	for (i = 0; i < n; i++) {
		/* open now, or closed after today and so maybe open then */
		if (deal_state_of(st, deal_last_field(l, i, DL_EVENT),
		    deal_last_field(l, i, DL_STAGE)) != DEAL_OPEN &&
		    (date_parse(deal_last_field(l, i, DL_DATE), &d) == 0 && d <= today))
			continue;
		if (!(k[nk] = deal_number(deal_last_field(l, i, DL_DEAL),
		    strlen(deal_last_field(l, i, DL_DEAL)))))
			continue;
		nk++;
		/* a date that does not parse: the whole history */
		if (date_parse(deal_last_field(l, i, DL_OPENED), &d) < 0)
			from = DATE_MIN;
		else if (d < from)
			from = d;
	}
	deal_last_free(l);
	only = dealset_new(k, nk);
	a = age_scan_only(s, st, today, AGE_STAGES, nreps == 1 ? reps[0] : NULL,
	    from == DATE_MAX ? today : from, only);
	a->only = only;
	return a;
}

struct age *
age_of_replay(struct history *h, struct store *s, date_t today, const char *rep,
	      const struct age_tap *tap)
{
	struct age *a = xcalloc(1, sizeof *a);
	struct track t = { 0 };

	a->h = h;
	a->lent = 1;
	a->stay = xcalloc(1, sizeof *a->stay);
	take_open(a, &t, today, 0, rep, DATE_MIN);
	finish(a, s, today, tap);
	return a;
}

const char *
age_name(const struct age *a, enum hist_id which, uint32_t i)
{
	return history_name(a->h, which, i);
}

void
age_free(struct age *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->nstages; i++)
		free(a->stay[i].days);
	free(a->stay);
	free(a->deal);
	if (!a->lent)
		history_close(a->h);
	dealset_free(a->only);
	free(a);
}
