/* trail: a trailing window's closed deals from month summaries (trail.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "ledger.h"
#include "money.h"
#include "org.h"
#include "perf.h"
#include "trail.h"
#include "xalloc.h"

#define TRAIL_DIR "cache"
#define TRAIL_PREFIX "trail-"
#define TRAIL_FORMAT 2
#define TRAIL_MAGIC "salesmgr trail 2\n"
#define TRAIL_NAMESZ 64

/* A credit to one rep alone, not as an overlay, on a day (the win's), or
 * its taking back: added up by rep and day. */
struct cell {
	uint32_t rep;
	int32_t day;
	int64_t won, days;
	int32_t nwon, ncycles;
};

/* A share of any other credit (to several reps, or to an overlay): the
 * credit's number in the month, the share's rep, the day, whether it is
 * an overlay's or taken back, its amount, and the credit's cycle.  A
 * group counts the credit once, in the rows of its shares' reps. */
struct share {
	uint32_t credit, rep;
	int32_t day, flags;
	int64_t amount, cycle;
};
enum { SHARE_OVERLAY = 1, SHARE_BACK = 2 };

/* A deal's last loss in the month, by rep on day.  (Deal numbers past
 * 32 bits make a month irregular.) */
struct cand {
	uint32_t deal, rep;
	int32_t day;
};

/* A cancel of a deal won before the month (the replay, from the month's
 * checkpoint, does not know when): each share of the credit taken back
 * (as struct share's, one when it is a cell's) on the day of that win,
 * which the window's months tell (struct win). */
struct pend {
	uint32_t deal, rep;
	int32_t opened, overlay;
	int64_t amount;
};

/* A deal whose last event of the month is a win, on day. */
struct win {
	uint32_t deal;
	int32_t day;
};

struct head {
	uint32_t nreps, irregular;
	uint64_t namebytes, ncell, nshare, ncand, ntouched, npend, nwin;
	uint64_t order;			/* ORDER: written on a machine of our byte order */
};

#define ORDER 0x0102030405060708ull

_Static_assert(sizeof(struct cell) == 32 && sizeof(struct share) == 32 &&
    sizeof(struct cand) == 12 && sizeof(struct pend) == 24 && sizeof(struct win) == 8 &&
    sizeof(struct head) == 72,
    "the summary's records have no padding");

#define GONE UINT32_MAX		/* a record's deal: taken back */

#define GROW(p, n, cap) do { \
	if ((n) == (cap)) { \
		(cap) = (cap) ? 2 * (cap) : 1024; \
		(p) = xreallocarray((p), (cap), sizeof *(p)); \
	} \
} while (0)

/* One month's summary, folded or read (its wins only when asked for). */
struct trail_month {
	struct intern *reps;
	struct cell *cell;
	struct share *share;
	struct cand *cand;
	uint32_t *touched;
	struct pend *pend;
	struct win *win;
	size_t ncell, nshare, ncand, ntouched, npend, nwin;
	size_t cellcap, sharecap, candcap, touchedcap, pendcap, wincap;
	uint32_t ncredit;		/* folding: the credits in shares */
	int irregular;
	date_t first;			/* folding: the month's first day */
	/* folding: the replay's reps as ours, and each deal met: its loss's
	 * and its win's place + 1 (0: none), and whether it is in touched */
	uint32_t *rep;
	size_t nrep;
	struct slot {
		uint32_t key;		/* deal + 1, 0: empty */
		uint32_t cand, win, touched;
	} *slot;
	size_t mask, nkeys;
	/* read: where the wins are in the file, if they are not read yet */
	char name[TRAIL_NAMESZ];
	long long winoff;
};

static void
tmonth_free(struct trail_month *m)
{
	if (m->reps)
		intern_free(m->reps);
	free(m->cell);
	free(m->share);
	free(m->cand);
	free(m->touched);
	free(m->pend);
	free(m->win);
	free(m->rep);
	free(m->slot);
	memset(m, 0, sizeof *m);
}

static size_t
slot_at(const struct slot *v, size_t mask, uint32_t key)
{
	size_t i;

	for (i = (key * 0x9e3779b97f4a7c15ull) >> 32 & mask; v[i].key && v[i].key != key;
	    i = (i + 1) & mask)
		;
	return i;
}

/* Deal's place in the month's table of deals met, added if new. */
static struct slot *
deal_slot(struct trail_month *m, uint32_t deal)
{
	struct slot *old = m->slot;
	size_t i, oldcap = old ? m->mask + 1 : 0;

	if (!old || 2 * (m->nkeys + 1) > oldcap) {
		m->mask = oldcap ? 2 * oldcap - 1 : (1u << 16) - 1;
		m->slot = xcalloc(m->mask + 1, sizeof *m->slot);
		for (i = 0; i < oldcap; i++)
			if (old[i].key)
				m->slot[slot_at(m->slot, m->mask, old[i].key)] = old[i];
		free(old);
	}
	i = slot_at(m->slot, m->mask, deal + 1);
	if (!m->slot[i].key) {
		m->slot[i].key = deal + 1;
		m->nkeys++;
	}
	return &m->slot[i];
}

/* Our number of the replay's rep r. */
static uint32_t
rep_of(struct trail_month *m, struct history *h, uint32_t r)
{
	const char *name;
	size_t n, i;

	if (r >= m->nrep) {
		n = history_count(h, HIST_REP);
		m->rep = xreallocarray(m->rep, n, sizeof *m->rep);
		for (i = m->nrep; i < n; i++) {
			name = history_name(h, HIST_REP, (uint32_t)i);
			m->rep[i] = (uint32_t)intern_add(m->reps, name, strlen(name));
		}
		m->nrep = n;
	}
	return m->rep[r];
}

/* A lost (loss 1), reopen or won event of deal (its slot v): it is
 * touched, and a loss is its last of the month until another such
 * event. */
static void
loss_event(struct trail_month *m, struct slot *v, uint32_t deal, int loss, uint32_t rep,
	   date_t day)
{
	if (!v->touched) {
		v->touched = 1;
		GROW(m->touched, m->ntouched, m->touchedcap);
		m->touched[m->ntouched++] = deal;
	}
	if (!loss) {
		if (v->cand)
			m->cand[v->cand - 1].deal = GONE;
		v->cand = 0;
		return;
	}
	if (!v->cand) {
		GROW(m->cand, m->ncand, m->candcap);
		if (m->ncand >= UINT32_MAX)
			die("too many lost deals in a month");
		v->cand = (uint32_t)++m->ncand;
	}
	m->cand[v->cand - 1] = (struct cand){ deal, rep, day };
}

/* A deal's win (won 1, on day), or its lost, reopen or cancel event (its
 * slot v): the deals won at the month's end. */
static void
win_event(struct trail_month *m, struct slot *v, uint32_t deal, date_t day, int won)
{
	if (!won) {
		if (v->win)
			m->win[v->win - 1].deal = GONE;
		v->win = 0;
		return;
	}
	if (!v->win) {
		GROW(m->win, m->nwin, m->wincap);
		if (m->nwin >= UINT32_MAX)
			die("too many won deals in a month");
		v->win = (uint32_t)++m->nwin;
	}
	m->win[v->win - 1] = (struct win){ deal, day };
}

/*
 * The credit of deal d's win (sign 1: amount, on day, with its cycle) or
 * of its cancel (sign -1: the same taken back), perf.h's: a cell when its
 * shares are one rep's and none an overlay's, else each share.  A cancel
 * of a win the replay does not know (day < 0) is kept for the window to
 * place.
 */
static void
credit(struct trail_month *m, struct history *h, uint32_t deal, const struct hist_deal *d,
       int64_t amount, date_t day, int sign)
{
	struct hist_share sh[HIST_MAXSHARES];
	uint32_t rep[HIST_MAXSHARES];
	int64_t cycle = (int64_t)day - d->opened, sum = 0, part;
	size_t ns, i, n;
	int one = 1;

	ns = history_shares(h, d, amount, sh);
	for (i = 0; i < ns; i++) {
		rep[i] = rep_of(m, h, sh[i].rep);
		one = one && !sh[i].overlay && rep[i] == rep[0];
		money_total_add(&sum, sh[i].amount);
	}
	n = one && ns ? 1 : ns;
	if (n > 1 && day >= 0 && m->ncredit++ == UINT32_MAX)
		die("too many split credits in a month");
	for (i = 0; i < n; i++) {
		part = one ? sum : sh[i].amount;
		if (day < 0) {
			GROW(m->pend, m->npend, m->pendcap);
			m->pend[m->npend++] = (struct pend){ deal, rep[i], d->opened,
			    !one && sh[i].overlay, part };
		} else if (one) {
			GROW(m->cell, m->ncell, m->cellcap);
			m->cell[m->ncell++] = (struct cell){ rep[i], day, part, sign * cycle, sign,
			    sign };
		} else {
			GROW(m->share, m->nshare, m->sharecap);
			m->share[m->nshare++] = (struct share){ m->ncredit - 1, rep[i], day,
			    (sh[i].overlay ? SHARE_OVERLAY : 0) | (sign < 0 ? SHARE_BACK : 0),
			    part, cycle };
		}
	}
}

/*
 * The month's events up to until, from a replay at its first day
 * (history.h's credit, as perf.h folds it): a win credits its rows on its
 * day; a cancel of a win takes the same back on the win's day (of a win
 * before the month, which the replay knows only as closed, on the day
 * the window's months give it); lost, reopen and won events decide the
 * losses.  A deal that becomes won other than by a won event makes the
 * month irregular.
 */
void
trail_month_event(struct trail_month *m, struct history *h, const struct hist_event *ev)
{
	const struct hist_deal *d = ev->after;
	struct slot *v;
	uint32_t k;

	if (!m->reps)
		m->reps = intern_new();
	if (d->state == DEAL_WON && ev->kind != DEAL_EV_WON)
		m->irregular = 1;
	if (ev->deal >= GONE) {
		m->irregular = 1;
		return;
	}
	k = (uint32_t)ev->deal;
	switch (ev->kind) {
	case DEAL_EV_WON:
		v = deal_slot(m, k);
		loss_event(m, v, k, 0, 0, 0);
		win_event(m, v, k, ev->date, 1);
		credit(m, h, k, d, history_credit(ev, m->first), ev->date, 1);
		break;
	case DEAL_EV_LOST:
		v = deal_slot(m, k);
		loss_event(m, v, k, 1, rep_of(m, h, d->rep), ev->date);
		win_event(m, v, k, 0, 0);
		break;
	case DEAL_EV_REOPEN:
		v = deal_slot(m, k);
		loss_event(m, v, k, 0, 0, 0);
		win_event(m, v, k, 0, 0);
		break;
	case DEAL_EV_CANCEL:
		/* A win of an earlier month, known or not (a replay from an
		 * earlier day knows it), is placed by the window: so a month's
		 * summary is the same whichever replay folds it. */
		win_event(m, deal_slot(m, k), k, 0, 0);
		if (history_credit_kind(ev, m->first) == HIST_CREDIT_UNDONE)
			credit(m, h, k, d, history_credit(ev, m->first), ev->before->last, -1);
		else if (ev->before->state == DEAL_WON || ev->before->state == DEAL_NONE)
			/* what history_credit() takes back of a win undone */
			credit(m, h, k, d, -d->amount, -1, -1);
		break;
	default:
		break;
	}
}

struct trail_month *
trail_month_new(date_t first)
{
	struct trail_month *m = xcalloc(1, sizeof *m);

	m->first = first;
	return m;
}

/* Fold month m's events up to until (its last day, or sooner) from h,
 * which has come to its first day. */
static void
fold_month(struct trail_month *tm, struct history *h, ledger_month m, date_t until)
{
	const struct hist_event *ev;

	memset(tm, 0, sizeof *tm);
	tm->first = ledger_month_first(m);
	tm->reps = intern_new();
	while ((ev = history_next(h, until)))
		trail_month_event(tm, h, ev);
}

date_t
trail_first_day(date_t to)
{
	return ledger_month_first(ledger_month_of(to));
}

void
trail_month_free(struct trail_month *m)
{
	if (m) {
		tmonth_free(m);
		free(m);
	}
}

static void
trail_name(char *buf, ledger_month m, uint64_t fp)
{
	snprintf(buf, TRAIL_NAMESZ, TRAIL_DIR "/" TRAIL_PREFIX "%04d-%02d-%016llx", m / 12,
	    m % 12 + 1, (unsigned long long)fp);
}

/* The fingerprint of a month's summary: its checkpoint's (ck),
 * stages.tsv's and the format's (its magic's number: a summary of another
 * format has another name, and is made again, then pruned). */
static uint64_t
trail_fp(struct store *s, uint64_t ck)
{
	return store_stat_hash(s, ck, "stages.tsv", TRAIL_FORMAT);
}

static int
cell_cmp(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;

	if (x->rep != y->rep)
		return x->rep < y->rep ? -1 : 1;
	return (x->day > y->day) - (x->day < y->day);
}

/* touched, cand, pend and win all begin with the deal */
static int
deal_cmp(const void *a, const void *b)
{
	uint32_t x, y;

	memcpy(&x, a, sizeof x);
	memcpy(&y, b, sizeof y);
	return (x > y) - (x < y);
}

/* The records of a list whose deal is not GONE (taken back), sorted
 * by deal; how many. */
static size_t
deal_list(void *v, size_t n, size_t size)
{
	char *p = v;
	uint32_t deal;
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		memcpy(&deal, p + i * size, sizeof deal);
		if (deal != GONE)
			memmove(p + k++ * size, p + i * size, size);
	}
	if (k)
		qsort(v, k, size, deal_cmp);
	return k;
}

/* n records of size at p (NULL when there are none). */
static void
add_list(struct buf *b, const void *p, size_t n, size_t size)
{
	if (n)
		buf_add(b, p, n * size);
}

/* A folded month as its file: the cells of a rep and day added up, each
 * list but the shares (in the order of their credits) sorted. */
static void
summary(struct trail_month *m, struct buf *b)
{
	struct head hd = { 0 };
	size_t i, n, k;

	if (m->ncell)
		qsort(m->cell, m->ncell, sizeof *m->cell, cell_cmp);
	for (i = n = 0; i < m->ncell; i++) {
		if (n && m->cell[n - 1].rep == m->cell[i].rep &&
		    m->cell[n - 1].day == m->cell[i].day) {
			money_total_add(&m->cell[n - 1].won, m->cell[i].won);
			m->cell[n - 1].days += m->cell[i].days;
			m->cell[n - 1].nwon += m->cell[i].nwon;
			m->cell[n - 1].ncycles += m->cell[i].ncycles;
		} else
			m->cell[n++] = m->cell[i];
	}
	m->ncell = n;
	m->ncand = deal_list(m->cand, m->ncand, sizeof *m->cand);
	m->nwin = deal_list(m->win, m->nwin, sizeof *m->win);
	m->npend = deal_list(m->pend, m->npend, sizeof *m->pend);
	if (m->ntouched)
		qsort(m->touched, m->ntouched, sizeof *m->touched, deal_cmp);
	hd.nreps = (uint32_t)intern_count(m->reps);
	hd.irregular = (uint32_t)m->irregular;
	for (k = 0; k < hd.nreps; k++)
		hd.namebytes += strlen(intern_name(m->reps, k)) + 1;
	hd.ncell = m->ncell;
	hd.nshare = m->nshare;
	hd.ncand = m->ncand;
	hd.ntouched = m->ntouched;
	hd.npend = m->npend;
	hd.nwin = m->nwin;
	hd.order = ORDER;
	buf_adds(b, TRAIL_MAGIC);
	buf_add(b, &hd, sizeof hd);
	for (k = 0; k < hd.nreps; k++)
		buf_add(b, intern_name(m->reps, k), strlen(intern_name(m->reps, k)) + 1);
	add_list(b, m->cell, m->ncell, sizeof *m->cell);
	add_list(b, m->share, m->nshare, sizeof *m->share);
	add_list(b, m->cand, m->ncand, sizeof *m->cand);
	add_list(b, m->touched, m->ntouched, sizeof *m->touched);
	add_list(b, m->pend, m->npend, sizeof *m->pend);
	add_list(b, m->win, m->nwin, sizeof *m->win);
}

/* n records of size read from fd at *off into a new *out; 0 on a short
 * read. */
static int
take(int fd, off_t *off, size_t n, size_t size, void *out)
{
	void **v = out;
	size_t len = n * size;

	*v = xreallocarray(NULL, n ? n : 1, size);
	if (len && pread(fd, *v, len, *off) != (ssize_t)len)
		return 0;
	*off += (off_t)len;
	return 1;
}

enum { HEADSZ = sizeof TRAIL_MAGIC - 1 + sizeof(struct head) };

/* The head of the summary at fd, when the file is whole: its magic, our
 * byte order, and the size its counts say.  0 when it is not. */
static int
read_head(int fd, struct head *hd)
{
	char buf[HEADSZ];
	struct stat st;
	uint64_t size;

	if (fstat(fd, &st) < 0 || pread(fd, buf, sizeof buf, 0) != (ssize_t)sizeof buf ||
	    memcmp(buf, TRAIL_MAGIC, sizeof TRAIL_MAGIC - 1) != 0)
		return 0;
	memcpy(hd, buf + sizeof TRAIL_MAGIC - 1, sizeof *hd);
	size = (uint64_t)st.st_size;
	return hd->order == ORDER && hd->namebytes <= size &&
	    hd->ncell <= size / sizeof(struct cell) && hd->nshare <= size / sizeof(struct share) &&
	    hd->ncand <= size / sizeof(struct cand) &&
	    hd->ntouched <= size / sizeof(uint32_t) && hd->npend <= size / sizeof(struct pend) &&
	    hd->nwin <= size / sizeof(struct win) &&
	    size == HEADSZ + hd->namebytes + hd->ncell * sizeof(struct cell) +
	    hd->nshare * sizeof(struct share) +
	    hd->ncand * sizeof(struct cand) + hd->ntouched * sizeof(uint32_t) +
	    hd->npend * sizeof(struct pend) + hd->nwin * sizeof(struct win);
}

/* Is the summary name there and whole? */
static int
summary_whole(struct store *s, const char *name)
{
	struct head hd;
	int fd = store_open_read(s, name), ok;

	if (fd < 0)
		return 0;
	ok = read_head(fd, &hd);
	close(fd);
	return ok;
}

/*
 * A summary read and checked, all but its wins (read_wins()); 0 when it
 * is not there or not right.  Its size must be what its head says, each
 * rep a name, each record's rep one of them.
 */
static int
read_summary(struct store *s, const char *name, struct trail_month *m)
{
	off_t off = HEADSZ;
	char *names = NULL, *p, *end;
	struct head hd;
	size_t k, n;
	int fd = store_open_read(s, name), ok = 0;

	memset(m, 0, sizeof *m);
	if (fd < 0)
		return 0;
	if (!read_head(fd, &hd))
		goto out;
	m->reps = intern_new();
	names = xmalloc(hd.namebytes + 1);
	if (pread(fd, names, hd.namebytes, off) != (ssize_t)hd.namebytes)
		goto out;
	off += (off_t)hd.namebytes;
	for (p = names, end = p + hd.namebytes, n = 0; p < end; p += k + 1, n++) {
		if (!(k = strnlen(p, (size_t)(end - p))) || p + k == end)
			goto out;
		intern_add(m->reps, p, k);
	}
	if (n != hd.nreps || intern_count(m->reps) != n ||
	    !take(fd, &off, hd.ncell, sizeof *m->cell, &m->cell) ||
	    !take(fd, &off, hd.nshare, sizeof *m->share, &m->share) ||
	    !take(fd, &off, hd.ncand, sizeof *m->cand, &m->cand) ||
	    !take(fd, &off, hd.ntouched, sizeof *m->touched, &m->touched) ||
	    !take(fd, &off, hd.npend, sizeof *m->pend, &m->pend))
		goto out;
	m->ncell = hd.ncell;
	m->nshare = hd.nshare;
	m->ncand = hd.ncand;
	m->ntouched = hd.ntouched;
	m->npend = hd.npend;
	m->nwin = hd.nwin;
	m->winoff = (long long)off;
	m->irregular = hd.irregular != 0;
	snprintf(m->name, sizeof m->name, "%s", name);
	for (k = 0; k < m->ncell && m->cell[k].rep < n; k++)
		;
	ok = k == m->ncell;
	for (k = 0; ok && k < m->nshare; k++)
		ok = m->share[k].rep < n && (k == 0 || m->share[k].credit >= m->share[k - 1].credit);
	for (k = 0; ok && k < m->ncand; k++)
		ok = m->cand[k].rep < n && m->cand[k].deal != GONE;
	for (k = 0; ok && k < m->npend; k++)
		ok = m->pend[k].rep < n;
out:
	close(fd);
	free(names);
	if (!ok)
		tmonth_free(m);
	return ok;
}

/* The wins of a summary read (read_summary()), now; 0 when they cannot be. */
static int
read_wins(struct store *s, struct trail_month *m)
{
	off_t off = (off_t)m->winoff;
	int fd, ok;

	if (m->win || !m->name[0])
		return 1;
	if ((fd = store_open_read(s, m->name)) < 0)
		return 0;
	ok = take(fd, &off, m->nwin, sizeof *m->win, &m->win);
	close(fd);
	return ok;
}

/* The day deal was won in m (at its end), or -1. */
static date_t
won_on(const struct trail_month *m, uint32_t deal)
{
	size_t lo = 0, hi = m->nwin, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (m->win[mid].deal < deal)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->nwin && m->win[lo].deal == deal ? m->win[lo].day : -1;
}

/* Every deal month file and its checkpoint fingerprint (history.h). */
struct months {
	ledger_month *m;
	uint64_t *fp;
	size_t n;
};

static void
months_load(struct store *s, struct months *ms)
{
	ms->n = history_fingerprints(s, &ms->m, &ms->fp);
}

static void
months_free(struct months *ms)
{
	free(ms->m);
	free(ms->fp);
}

/* The window's figures, added up month by month, newest first, in the
 * rows of reps or of groups. */
struct window {
	struct trail *t;
	date_t from;
	uint64_t *bits;			/* the deals a later month touched */
	size_t nbits;			/* words */
	struct org_groups *g;		/* rows: a rep's groups on a day; NULL: the rep */
	int overlays;			/* overlays count (the rows are reps) */
	size_t *gmap, ngmap;		/* g's group -> row + 1 (0: none yet) */
	size_t *rows, nrows;		/* the rows of the last rows_of() */
	/* the rows of the credit being added and their parts */
	struct part { size_t row; int64_t amount; } *part;
	size_t npart, partcap;
};

static size_t
fig_of(struct window *w, const char *rep)
{
	size_t n = intern_count(w->t->reps), i = intern_add(w->t->reps, rep, strlen(rep));

	if (i == n) {
		w->t->fig = xreallocarray(w->t->fig, n + 1, sizeof *w->t->fig);
		memset(&w->t->fig[n], 0, sizeof *w->t->fig);
	}
	return i;
}

/* The rows of the rep (reps_of()'s) on day; how many. */
static size_t
rows_of(struct window *w, size_t rep, date_t day, const size_t **rows)
{
	const uint32_t *v;
	size_t n, i, old;

	if (!w->g) {
		w->rows[0] = rep;
		*rows = w->rows;
		return 1;
	}
	n = org_groups_of(w->g, (uint32_t)rep, day, &v);
	if (n > w->nrows) {
		w->nrows = 2 * n;
		w->rows = xreallocarray(w->rows, w->nrows, sizeof *w->rows);
	}
	for (i = 0; i < n; i++) {
		if (v[i] >= w->ngmap) {
			old = w->ngmap;
			w->ngmap = 2 * (size_t)v[i] + 16;
			w->gmap = xrecallocarray(w->gmap, old, w->ngmap, sizeof *w->gmap);
		}
		if (!w->gmap[v[i]])
			w->gmap[v[i]] = fig_of(w, org_groups_name(w->g, v[i])) + 1;
		w->rows[i] = w->gmap[v[i]] - 1;
	}
	*rows = w->rows;
	return n;
}

/* The window's handle of each rep of month m: its row, or with groups its
 * handle in them. */
static size_t *
reps_of(struct window *w, const struct trail_month *m)
{
	size_t i, n = intern_count(m->reps), *v = xreallocarray(NULL, n ? n : 1, sizeof *v);
	const char *name;

	for (i = 0; i < n; i++) {
		name = intern_name(m->reps, i);
		v[i] = w->g ? org_groups_rep(w->g, name, strlen(name)) : fig_of(w, name);
	}
	return v;
}

/* A credit of several shares: begun, each share added (overlays only in
 * rows that are reps; each row once, with the sum of its shares' parts),
 * then counted in its rows as perf.h's credit_rows() does. */
static void
credit_share(struct window *w, size_t rep, date_t day, int64_t amount, int overlay)
{
	const size_t *rows;
	size_t n, k, j;

	if (overlay && !w->overlays)
		return;
	n = rows_of(w, rep, day, &rows);
	for (k = 0; k < n; k++) {
		for (j = 0; j < w->npart && w->part[j].row != rows[k]; j++)
			;
		if (j == w->npart) {
			GROW(w->part, w->npart, w->partcap);
			w->part[w->npart++] = (struct part){ rows[k], 0 };
		}
		money_total_add(&w->part[j].amount, amount);
	}
}

static void
credit_done(struct window *w, int sign, int64_t cycle)
{
	struct trail_fig *f;
	size_t j;

	for (j = 0; j < w->npart; j++) {
		f = &w->t->fig[w->part[j].row];
		money_total_add(&f->won, w->part[j].amount);
		f->won_count += sign;
		f->cycle_days += sign * cycle;
		f->ncycles += sign;
	}
	w->npart = 0;
}

static int
touched_later(const struct window *w, uint32_t deal)
{
	return deal / 64 < w->nbits && (w->bits[deal / 64] >> (deal % 64) & 1);
}

/* Month m: its credits from the window's first day on; each loss from
 * then on of a deal no later month touched; then its touched deals. */
static void
add_month(struct window *w, const struct trail_month *m, const size_t *rv)
{
	const struct cell *c;
	const struct share *sh;
	struct trail_fig *f;
	const size_t *rows;
	size_t i, k, n, need;

	for (i = 0; i < m->ncell; i++) {
		c = &m->cell[i];
		if (c->day < w->from)
			continue;
		n = rows_of(w, rv[c->rep], c->day, &rows);
		for (k = 0; k < n; k++) {
			f = &w->t->fig[rows[k]];
			money_total_add(&f->won, c->won);
			f->won_count += c->nwon;
			f->cycle_days += c->days;
			f->ncycles += c->ncycles;
		}
	}
	for (i = 0; i < m->nshare; i++) {
		sh = &m->share[i];
		if (sh->day >= w->from)
			credit_share(w, rv[sh->rep], sh->day, sh->amount, sh->flags & SHARE_OVERLAY);
		if (i + 1 == m->nshare || m->share[i + 1].credit != sh->credit)
			credit_done(w, sh->flags & SHARE_BACK ? -1 : 1, sh->cycle);
	}
	for (i = 0; i < m->ncand; i++) {
		if (m->cand[i].deal == GONE || m->cand[i].day < w->from ||
		    touched_later(w, m->cand[i].deal))
			continue;
		n = rows_of(w, rv[m->cand[i].rep], m->cand[i].day, &rows);
		for (k = 0; k < n; k++)
			w->t->fig[rows[k]].lost_count++;
	}
	for (i = 0; i < m->ntouched; i++) {
		if (m->touched[i] / 64 >= w->nbits) {
			need = m->touched[i] / 64 + 1;
			need += need / 2;
			w->bits = xrecallocarray(w->bits, w->nbits, need, sizeof *w->bits);
			w->nbits = need;
		}
		w->bits[m->touched[i] / 64] |= 1ull << (m->touched[i] % 64);
	}
}

/*
 * The cancels of month k (of tm[0..k]) of wins before it: each takes its
 * credit back on the day of the win, found in the newest month before k
 * that ended with the deal won; a win before the window's first month is
 * before its first day, and stands.  A deal's shares are together (the
 * list is sorted by deal).  0 when a month's wins cannot be read.
 */
static int
add_pending(struct window *w, struct store *s, struct trail_month *tm, size_t k, const size_t *rv)
{
	const struct trail_month *m = &tm[k];
	const struct pend *p;
	date_t day = -1;
	size_t i, j;

	for (i = 0; i < m->npend; i++) {
		p = &m->pend[i];
		if (i == 0 || p->deal != m->pend[i - 1].deal)
			for (j = k, day = -1; day < 0 && j-- > 0;) {
				if (!tm[j].reps)
					continue;	/* no deal file that month */
				if (!read_wins(s, &tm[j]))
					return 0;
				day = won_on(&tm[j], p->deal);
			}
		if (day >= w->from)
			credit_share(w, rv[p->rep], day, p->amount, p->overlay);
		if (i + 1 == m->npend || m->pend[i + 1].deal != p->deal)
			credit_done(w, -1, (int64_t)day - p->opened);
	}
	return 1;
}

struct trail *
trail_scan(struct store *s, const struct stages *st, date_t from, date_t to,
	   struct trail_month *cur, struct org_groups *g)
{
	ledger_month first = ledger_month_of(from), last = ledger_month_of(to), m;
	struct window w = { 0 };
	struct trail_month *tm;
	struct months ms;
	char name[TRAIL_NAMESZ];
	struct history *h;
	size_t i, k, n, *rv;
	int ok = from <= to;

	if (!ok) {
		trail_month_free(cur);
		return NULL;
	}
	months_load(s, &ms);
	n = (size_t)(last - first) + 1;
	tm = xcalloc(n, sizeof *tm);
	/* Each complete month's summary, where its ledger has a file. */
	for (i = 0; i < ms.n && ok; i++) {
		m = ms.m[i];
		if (m < first || m >= last)
			continue;
		trail_name(name, m, trail_fp(s, ms.fp[i]));
		ok = read_summary(s, name, &tm[m - first]) && !tm[m - first].irregular;
	}
	if (ok && cur) {
		tm[n - 1] = *cur;
		memset(cur, 0, sizeof *cur);
	} else if (ok) {
		h = history_open(s, st, ledger_month_first(last), 0);
		history_until(h, to);
		fold_month(&tm[n - 1], h, last, to);
		history_close(h);
	}
	trail_month_free(cur);
	if (ok) {
		if (!tm[n - 1].reps)
			tm[n - 1].reps = intern_new();
		ok = !tm[n - 1].irregular;
	}
	if (ok) {
		w.t = xcalloc(1, sizeof *w.t);
		w.t->reps = intern_new();
		w.from = from;
		w.g = g;
		w.overlays = !g || org_groups_by(g) == ORG_BY_REP;
		w.nrows = 1;
		w.rows = xreallocarray(NULL, 1, sizeof *w.rows);
		for (k = n; ok && k-- > 0;)
			if (tm[k].reps) {
				rv = reps_of(&w, &tm[k]);
				add_month(&w, &tm[k], rv);
				ok = add_pending(&w, s, tm, k, rv);
				free(rv);
			}
		if (!ok) {
			trail_free(w.t);
			w.t = NULL;
		}
	}
	for (k = 0; k < n; k++)
		tmonth_free(&tm[k]);
	free(tm);
	free(w.bits);
	free(w.rows);
	free(w.gmap);
	free(w.part);
	months_free(&ms);
	return w.t;
}

struct trail *
trail_of_perf(struct perf *p)
{
	struct trail *t = xcalloc(1, sizeof *t);
	size_t i, j, n = intern_count(p->reps);
	struct perf_fig *f;

	t->reps = intern_new();
	t->fig = xcalloc(n ? n : 1, sizeof *t->fig);
	for (i = 0; i < n; i++) {
		intern_add(t->reps, intern_name(p->reps, i), strlen(intern_name(p->reps, i)));
		f = perf_at(p, i, 0);
		t->fig[i] = (struct trail_fig){ f->won, f->won_count, f->lost_count, 0,
		    (int64_t)f->ncycles };
		for (j = 0; j < f->ncycles; j++)
			money_total_add(&t->fig[i].cycle_days, f->cycles[j]);
	}
	return t;
}

void
trail_free(struct trail *t)
{
	if (!t)
		return;
	intern_free(t->reps);
	free(t->fig);
	free(t);
}

/* The complete months before today's that a summary is kept for. */
static int
kept(ledger_month m, date_t today)
{
	ledger_month now = ledger_month_of(today);

	return m < now && m >= now - TRAIL_MONTHS;
}

static int
trail_due(struct store *s, date_t today)
{
	struct months ms;
	char name[TRAIL_NAMESZ];
	size_t i;
	int due = 0;

	months_load(s, &ms);
	for (i = 0; i < ms.n && !due; i++) {
		if (!kept(ms.m[i], today))
			continue;
		trail_name(name, ms.m[i], trail_fp(s, ms.fp[i]));
		due = !store_exists(s, name);	/* a stat: asked at every write */
	}
	months_free(&ms);
	return due;
}

/* Every summary due made (and one that is not whole made again), the
 * months in one replay from the first one's start; then, if any was, those
 * of other fingerprints, or of months no longer kept, removed. */
static int
trail_make(struct store *s, const struct stages *st, date_t today)
{
	struct stages *own = NULL;
	struct history *h = NULL;
	struct trail_month tm;
	struct months ms;
	struct buf b = BUF_INIT;
	char name[TRAIL_NAMESZ], prefix[32];
	size_t i, made = 0;

	months_load(s, &ms);
	for (i = 0; i < ms.n; i++) {
		trail_name(name, ms.m[i], trail_fp(s, ms.fp[i]));
		if (!kept(ms.m[i], today) || summary_whole(s, name))
			continue;
		/* The months due in one replay, from the first one's start. */
		if (!h) {
			if (!st)
				st = own = stages_load(s);
			h = history_open(s, st, ledger_month_first(ms.m[i]), 0);
			history_until(h, ledger_month_last(ledger_month_of(today) - 1));
		} else
			while (history_next(h, ledger_month_first(ms.m[i]) - 1))
				;
		fold_month(&tm, h, ms.m[i], ledger_month_last(ms.m[i]));
		buf_reset(&b);
		summary(&tm, &b);
		tmonth_free(&tm);
		store_replace_cache(s, name, b.data, b.len);
		made++;
	}
	if (h)
		history_close(h);
	for (i = 0; made && i < ms.n; i++) {
		snprintf(prefix, sizeof prefix, TRAIL_PREFIX "%04d-%02d-", ms.m[i] / 12,
		    ms.m[i] % 12 + 1);
		trail_name(name, ms.m[i], trail_fp(s, ms.fp[i]));
		store_prune(s, TRAIL_DIR, prefix, kept(ms.m[i], today) ?
		    name + strlen(TRAIL_DIR) + 1 : NULL);
	}
	buf_free(&b);
	months_free(&ms);
	if (own)
		stages_free(own);
	return 0;
}

const struct history_cache trail_cache = { trail_due, trail_make, 1 };
