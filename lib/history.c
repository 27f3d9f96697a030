/* history: one replay of the deal ledger (see history.h). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "actindex.h"
#include "buf.h"
#include "dealindex.h"
#include "dealset.h"
#include "err.h"
#include "history.h"
#include "id.h"
#include "intern.h"
#include "ledger.h"
#include "ledgerstat.h"
#include "money.h"
#include "pool.h"
#include "scan.h"
#include "split.h"
#include "tsv.h"
#include "xalloc.h"

/*
 * One event row, parsed: 48 bytes.  Its ids are the month's own numbers
 * (struct month's ids), made the replay's when the month is applied; its
 * date is the day of the month it is filed under.
 */
struct rec {
	int64_t amount;
	uint32_t deal, rep, account, product, split, line;
	date_t expected, opened;
	int16_t stage;
	uint8_t kind, type;
};

/* The first day and length of a month met, by the 8 bytes "YYYY-MM-" of
 * its dates as a number (0: none). */
struct month_seen {
	uint64_t key;
	date_t first;
	int days;
};
#define SEEN 64

/* The stages by their names' first 8 bytes and lengths. */
struct stage_names {
	const struct stages *st;
	uint64_t head[64];
	size_t len[64];
	size_t n;			/* 0: more stages than that, by name */
};

/*
 * The records of one day of a month, in the order of the ledger, in
 * chunks of a fixed size: a month costs its records and less than a chunk
 * a day, never a copy, and the chunks of a month applied are the same
 * size as the next one's, which reuses them.
 */
#define DAY_CHUNK 512

struct chunk {
	struct chunk *next;
	size_t n;
	struct rec rec[DAY_CHUNK];
};

struct day {
	struct chunk *head, *tail;
};

/*
 * The chunks of the months applied, for the next ones (parsed in any
 * thread): the records of the months in flight, and no more, whichever
 * thread's allocator they came from.  The month read ahead past the
 * other threads' (read_ahead) takes only chunks given back while a month
 * is being applied (it waits for them), so that it costs no memory more,
 * however the threads run; the others, or any month while none is being
 * applied, may allocate.
 */
struct spares {
	pthread_mutex_t lock;
	pthread_cond_t given;		/* a chunk given back, or applying changed */
	struct chunk *list;
	size_t applying;		/* the index of the month applied, or NO_MONTH */
	size_t ahead;			/* the months after it that may allocate */
};
#define NO_MONTH ((size_t)-1)

/*
 * One month file, parsed on its own (in any thread: nothing here is
 * shared) into its records, by day: the replay's order without a sort.
 */
struct month {
	/* given */
	ledger_month m;
	int fd;				/* -1: the file is not there */
	const struct stage_names *stages;
	int decimals;
	unsigned want;			/* 1 << id: interned */
	const struct dealset *only;	/* NULL, or the deals whose rows are read */
	struct scan_at *at;		/* their rows, when the index gives them */
	long nat;			/* (-1: it does not; the file is read) */
	off_t size;			/* the file's, when the index gives them */
	struct spares *spares;
	size_t index;			/* in the history's months */
	/* made */
	char name[LEDGER_PATHSZ], prefix[16];
	uint64_t prefix8;		/* "YYYY-MM-" as a number */
	date_t first;
	int days;
	struct day day[31];
	struct intern *ids[HIST_NIDS];
	/* HIST_NIDS of them; NULL in a replay of few deals, whose ids are
	 * few and looked up (the caches are 96 KB to clear) */
	struct intern_cache *cache;
	struct month_seen seen[SEEN];
	char err[SCAN_ERRSZ];
	int failed;
	struct job *job;		/* while a worker may have it */
};

struct history {
	struct store *s;
	const struct stages *st;
	struct stage_names stages;
	int decimals;
	struct intern *ids[HIST_NIDS];
	unsigned want;			/* 1 << id: interned */
	const struct dealset *only;	/* history_open_only()'s deals */
	struct dealindex_rows *rows;	/* where their rows are, if the index says */
	struct intern_cache *cache;	/* as a month's */
	struct month_seen seen[SEEN];
	/*
	 * Every deal's state by number, in blocks allocated (zeroed) when a
	 * number in them is first met: state & 7 is its enum deal_state,
	 * and an open deal's whole state is open[state >> 3].  A deal that
	 * is not open keeps its state and the day of its last event
	 * (CLOSED_LAST: a cancel's credit asks when the win was).  Each
	 * block has the bits of
	 * its open deals, for history_next_open().
	 */
	uint32_t **block;
	uint64_t **openbits;
	size_t nblocks;
	struct hist_deal *open;
	size_t nopen, open_cap;
	uint32_t *free_open;		/* indexes of open[] to use again */
	size_t nfree;
	/* the month files, the next one to apply, the jobs reading ahead */
	ledger_month *months;
	size_t nm, next_month;
	struct month **ahead;		/* by month index: parsed or being parsed */
	size_t ahead_to;		/* no month from this index on is read ahead */
	/* the month being applied: its ids as the replay's, the next record */
	struct month *cur;
	uint32_t *map[HIST_NIDS];
	size_t map_cap[HIST_NIDS];
	size_t dayi, reci;
	const struct chunk *chunk;	/* of day dayi, holding the next record */
	struct hist_deal before, after;
	struct hist_event ev;
	size_t max_deal;		/* the highest deal number met */
	/* the splits met, by their id, parsed when first asked for */
	struct hist_split *splits;
	size_t nsplits;
	struct spares spares;
};

/* A split of the ledger (split.h) with its reps as the replay's ids. */
struct hist_split {
	int parsed;
	uint32_t rep[SPLIT_MAX];
	struct split sp;
};

enum { F_DATE, F_DEAL, F_EVENT, F_REP, F_ACCOUNT, F_PRODUCT, F_AMOUNT, F_STAGE,
	F_EXPECTED, F_OPENED, F_SPLIT, F_TYPE, NF };
static const char *const row_cols[NF] = {
	"date", "deal", "event", "rep", "account", "product", "amount", "stage",
	"expected", "opened", "?split", "?type"
};

static int
bad_field(const struct scan_row *row, size_t i, const char *what)
{
	char v[256];

	return scan_fail(row, "%s:%lu: %s '%s'; run sales-check", row->name, row->line, what,
	    scan_text(row, i, v, sizeof v));
}

static inline uint64_t
load8(const char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return w;
}

/* Two decimal digits as a number, or -1. */
static int
two_digits(const char *p)
{
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return -1;
	return (p[0] - '0') * 10 + (p[1] - '0');
}

/* A month met for the first time, by its 8 bytes of text at p (key):
 * into s, or -1 when they are not "YYYY-MM-". */
static int
month_met(struct month_seen *s, const char *p, uint64_t key)
{
	int c, y, m;

	if (p[4] != '-' || p[7] != '-' || (c = two_digits(p)) < 10 ||
	    (y = two_digits(p + 2)) < 0 || (m = two_digits(p + 5)) < 1 || m > 12)
		return -1;
	y += c * 100;
	s->key = key;
	s->first = date_from_ymd(y, m, 1);
	s->days = days_in_month(y, m);
	return 0;
}

/*
 * "YYYY-MM-DD" of n bytes: what date_parse() accepts, without a copy.  The
 * first day and length of the last months met are kept in seen (SEEN of
 * them), by the text of the month: a ledger's dates fall in a few months,
 * and one met before costs a compare.  Inline, as it is two or three
 * dates a row: what is left then is a few instructions, not a call.
 */
static inline int
parse_date(struct month_seen *seen, const char *p, size_t n, date_t *out)
{
	struct month_seen *s;
	unsigned d1, d2;
	uint64_t key;

	if (n != 10)
		return -1;
	d1 = (unsigned char)p[8] - '0';
	d2 = (unsigned char)p[9] - '0';
	if (d1 > 9 || d2 > 9)
		return -1;
	key = load8(p);
	s = &seen[(key * 0x9e3779b97f4a7c15ull) >> 58];
	if (s->key != key && month_met(s, p, key) < 0)
		return -1;
	if (d1 * 10 + d2 < 1 || (int)(d1 * 10 + d2) > s->days)
		return -1;
	*out = s->first + (date_t)(d1 * 10 + d2) - 1;
	return 0;
}

/* An amount that is not plain digits: money_parse() reads it, and says
 * what is wrong (in why, NULL when it is good). */
static int64_t
amount_slow(const char *s, size_t n, const char **why)
{
	char *text = xstrndup(s, n);
	int64_t v = 0;

	if (money_parse(text, &v, why) == 0)
		*why = NULL;
	free(text);
	return v;
}

/* Plain digits with at most the currency's decimals, at most 18 in all,
 * are read here; any other text goes to amount_slow().  Inline, without
 * that path: one amount a row. */
static inline int64_t
parse_amount(int decimals, const char *s, size_t n, const char **why)
{
	static const int64_t scale[] = {
		1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000
	};
	size_t i, whole;
	int64_t v = 0;
	unsigned c;

	*why = NULL;
	for (i = 0; i < n && (c = (unsigned char)s[i] - '0') <= 9; i++)
		v = v * 10 + c;
	whole = i;
	if (whole >= 1 && whole + (size_t)decimals <= 18) {
		if (i == n)
			return v * scale[decimals];
		if (s[i] == '.' && n - i - 1 >= 1 && n - i - 1 <= (size_t)decimals) {
			for (i++; i < n && (c = (unsigned char)s[i] - '0') <= 9; i++)
				v = v * 10 + c;
			if (i == n)
				return v * scale[decimals - (n - whole - 1)];
		}
	}
	return amount_slow(s, n, why);
}

static void
stage_names_init(struct stage_names *sn, const struct stages *st)
{
	size_t i;

	sn->st = st;
	sn->n = st->n <= 64 ? st->n : 0;
	for (i = 0; i < sn->n; i++) {
		sn->len[i] = strlen(st->v[i].name);
		sn->head[i] = intern_head(st->v[i].name, sn->len[i]);
	}
}

/* The stage named by the n bytes at s, or -1. */
static int
find_stage(const struct stage_names *sn, const char *s, size_t n)
{
	uint64_t h = intern_head(s, n);
	size_t i;

	if (!sn->n) {
		for (i = 0; i < sn->st->n; i++)
			if (strlen(sn->st->v[i].name) == n && scan_same(sn->st->v[i].name, s, n))
				return (int)i;
		return -1;
	}
	for (i = 0; i < sn->n; i++)
		if (sn->head[i] == h && sn->len[i] == n &&
		    (n <= 8 || memcmp(sn->st->v[i].name + 8, s + 8, n - 8) == 0))
			return (int)i;
	return -1;
}

static uint32_t
month_id(struct month *mo, enum hist_id which, const char *p, size_t n)
{
	if (!(mo->want & 1u << which))
		return 0;
	return (uint32_t)(mo->cache ? intern_add_cached(mo->ids[which], &mo->cache[which], p, n) :
	    intern_add(mo->ids[which], p, n));
}

/*
 * The id of a split's text (field i of row) in ids, where "" is 0; a text
 * met the first time is checked (split.h), and when bad the row is
 * refused: (uint32_t)-1.
 */
static uint32_t
split_id(struct intern *ids, const struct scan_row *row, size_t i)
{
	char text[SPLIT_BUFSZ + 1], why[SPLIT_WHYSZ];
	struct split sp;
	size_t n = intern_count(ids);
	uint32_t k = (uint32_t)intern_add(ids, row->f[i], row->len[i]);

	if (k < n)
		return k;
	if (row->len[i] > SPLIT_BUFSZ || split_parse(scan_text(row, i, text, sizeof text), &sp,
	    why, sizeof why) < 0) {
		scan_fail(row, "%s:%lu: bad split '%.64s': %s; run sales-check", row->name,
		    row->line, scan_text(row, i, text, sizeof text),
		    row->len[i] > SPLIT_BUFSZ ? "too long" : why);
		return (uint32_t)-1;
	}
	return k;
}

static int
other_date(struct month *mo, const struct scan_row *row, size_t i, const char *what,
	   date_t *d)
{
	if (i == F_EXPECTED && row->len[i] == 0) {
		*d = HIST_NO_DATE;
		return 0;
	}
	if (parse_date(mo->seen, row->f[i], row->len[i], d) < 0)
		return bad_field(row, i, what);
	return 0;
}

static struct rec *
day_slot(struct spares *sp, size_t index, struct day *d)
{
	struct chunk *c = d->tail;

	if (!c || c->n == DAY_CHUNK) {
		pthread_mutex_lock(&sp->lock);
		while (!sp->list && sp->applying != NO_MONTH && index > sp->applying + sp->ahead)
			pthread_cond_wait(&sp->given, &sp->lock);
		if ((c = sp->list))
			sp->list = c->next;
		pthread_mutex_unlock(&sp->lock);
		if (!c)
			c = xmalloc(sizeof *c);
		c->next = NULL;
		c->n = 0;
		if (d->tail)
			d->tail->next = c;
		else
			d->head = c;
		d->tail = c;
	}
	/* The records written a few rows on: memory a month applied a
	 * while ago last had, out of the cache; a write to it would wait. */
	if (c->n + 4 < DAY_CHUNK)
		__builtin_prefetch(&c->rec[c->n + 4], 1);
	return &c->rec[c->n++];
}

/* scan_fd's callback: one row into its day's records. */
static int
take_row(void *arg, const struct scan_row *row)
{
	struct month *mo = arg;
	const char *why, *p = row->f[F_DATE];
	unsigned d1, d2, day;
	struct rec r;
	date_t d;
	int ev, stage;
	char text[256];

	/* A date of the file's month, as they all must be. */
	if (row->len[F_DATE] != 10 || load8(p) != mo->prefix8 ||
	    (d1 = (unsigned char)p[8] - '0') > 3 || (d2 = (unsigned char)p[9] - '0') > 9 ||
	    (day = d1 * 10 + d2) < 1 || (int)day > mo->days) {
		if (parse_date(mo->seen, p, row->len[F_DATE], &d) < 0)
			return bad_field(row, F_DATE, "bad date");
		return scan_fail(row, "%s:%lu: date '%.10s' is not in %.7s; run sales-check",
		    row->name, row->line, p, mo->prefix);
	}
	if (!(r.deal = deal_number(row->f[F_DEAL], row->len[F_DEAL])))
		return bad_field(row, F_DEAL, "bad deal id");
	if (__builtin_expect(mo->only != NULL, 0) && !dealset_has(mo->only, r.deal))
		return 0;
	if ((ev = deal_event_parse(row->f[F_EVENT], row->len[F_EVENT])) < 0)
		return bad_field(row, F_EVENT, "unknown event");
	r.kind = (uint8_t)ev;
	if ((ev = deal_type_parse(row->f[F_TYPE], row->len[F_TYPE])) < 0)
		return bad_field(row, F_TYPE, "unknown type");
	r.type = (uint8_t)ev;
	r.rep = month_id(mo, HIST_REP, row->f[F_REP], row->len[F_REP]);
	r.account = month_id(mo, HIST_ACCOUNT, row->f[F_ACCOUNT], row->len[F_ACCOUNT]);
	r.product = month_id(mo, HIST_PRODUCT, row->f[F_PRODUCT], row->len[F_PRODUCT]);
	r.split = row->len[F_SPLIT] ? split_id(mo->ids[HIST_SPLIT], row, F_SPLIT) : 0;
	if (r.split == (uint32_t)-1)
		return -1;
	r.amount = parse_amount(mo->decimals, row->f[F_AMOUNT], row->len[F_AMOUNT], &why);
	if (why)
		return scan_fail(row, "%s:%lu: amount '%s' %s; run sales-check", row->name,
		    row->line, scan_text(row, F_AMOUNT, text, sizeof text), why);
	if ((stage = find_stage(mo->stages, row->f[F_STAGE], row->len[F_STAGE])) < 0)
		return bad_field(row, F_STAGE, "unknown stage");
	r.stage = (int16_t)stage;
	if (other_date(mo, row, F_EXPECTED, "bad expected date", &r.expected) < 0 ||
	    other_date(mo, row, F_OPENED, "bad opened date", &r.opened) < 0)
		return -1;
	r.line = (uint32_t)row->line;
	*day_slot(mo->spares, mo->index, &mo->day[day - 1]) = r;
	return 0;
}

/* scan_fd_keep()'s test: a row of one of the deals asked for. */
static int
asked_for(void *arg, const char *f, size_t len)
{
	const struct month *mo = arg;
	uint32_t k = deal_number(f, len);

	/* a bad id is taken, for take_row() to say so */
	return !k || dealset_has(mo->only, k);
}

/* A job (pool.h): the whole month file parsed, or its problem kept; of
 * a replay of a few deals, their rows alone. */
static void
parse_month(void *arg)
{
	struct month *mo = arg;
	long n = SCAN_AGAIN;

	if (mo->fd < 0)
		return;
	/* The rows of the deals asked for where the index says they are;
	 * anything but plain rows there, and the file is read through. */
	if (mo->nat >= 0 && mo->size > 0)
		n = scan_rows_at(mo->fd, (size_t)mo->size, mo->name, mo->at, (size_t)mo->nat,
		    row_cols, NF, F_DEAL, asked_for, take_row, mo, mo->err, sizeof mo->err);
	if (n != SCAN_AGAIN) {
		if (n < 0)
			mo->failed = 1;
		close(mo->fd);
		mo->fd = -1;
		return;
	}
	if (scan_fd_keep(mo->fd, mo->name, row_cols, NF, F_DEAL, mo->only ? asked_for : NULL,
	    take_row, mo, mo->err, sizeof mo->err) < 0)
		mo->failed = 1;
	mo->fd = -1;
}

static struct month *
month_new(struct history *h, size_t index)
{
	struct month *mo = xcalloc(1, sizeof *mo);
	ledger_month m = h->months[index];
	int y = m / 12, mon = m % 12 + 1;
	size_t i, cap = 0;
	struct stat st;

	mo->m = m;
	mo->index = index;
	mo->stages = &h->stages;
	mo->decimals = h->decimals;
	mo->want = h->want;
	mo->only = h->only;
	mo->spares = &h->spares;
	mo->first = date_from_ymd(y, mon, 1);
	mo->days = days_in_month(y, mon);
	snprintf(mo->prefix, sizeof mo->prefix, "%04d-%02d-", y, mon);
	mo->prefix8 = load8(mo->prefix);
	ledger_month_path(mo->name, "deals", m);
	for (i = 0; i < HIST_NIDS; i++)
		mo->ids[i] = intern_new();
	intern_add(mo->ids[HIST_SPLIT], "", 0);	/* id 0: no split */
	if (!h->only)
		mo->cache = xcalloc(HIST_NIDS, sizeof *mo->cache);
	mo->fd = ledger_open(h->s, "deals", m);
	mo->nat = -1;
	if (h->rows && mo->fd >= 0 && fstat(mo->fd, &st) == 0 && S_ISREG(st.st_mode)) {
		mo->size = st.st_size;
		mo->nat = dealindex_rows_of(h->rows, m, (long long)st.st_size, h->only,
		    &mo->at, &cap);
	}
	return mo;
}

static void
month_free(struct month *mo)
{
	struct chunk *c;
	size_t i;

	if (!mo)
		return;
	if (mo->job && pool_drop(mo->job) && mo->fd >= 0)
		close(mo->fd);
	for (i = 0; i < 31; i++)
		if ((c = mo->day[i].head)) {
			pthread_mutex_lock(&mo->spares->lock);
			mo->day[i].tail->next = mo->spares->list;
			mo->spares->list = c;
			pthread_cond_broadcast(&mo->spares->given);
			pthread_mutex_unlock(&mo->spares->lock);
		}
	for (i = 0; i < HIST_NIDS; i++)
		intern_free(mo->ids[i]);
	free(mo->cache);
	free(mo->at);
	free(mo);
}

/*
 * Start reading the months from the next one to apply on, as far as the
 * replay is known to go, a few ahead: as many as there are other threads,
 * and one more once the month being applied is past its day AHEAD_DAY:
 * its first days' chunks have gone back to the spares by then, for that
 * one to take (struct spares), so that the threads have months to read
 * all through the replay while about two months' records are in memory.
 */
#define AHEAD_DAY 8
static void
read_ahead(struct history *h)
{
	size_t i, n = (size_t)pool_threads(), end = h->next_month + n - 1;

	/* A replay of few deals reads a few pages of each month: a thread
	 * would cost more than it saves, and its unmappings each an
	 * interrupt of the other core. */
	if (n < 2 || h->only)
		return;
	if (h->cur && h->dayi >= AHEAD_DAY)
		end++;
	for (i = h->next_month; i < end && i < h->ahead_to && i < h->nm; i++)
		if (!h->ahead[i]) {
			h->ahead[i] = month_new(h, i);
			h->ahead[i]->job = pool_submit(parse_month, h->ahead[i], POOL_SOON);
		}
}

/*
 * The states, by deal number, in blocks of DEAL_BLOCK allocated (zeroed:
 * DEAL_NONE) when a number in them is first met: growing copies nothing,
 * and numbers never used cost nothing.
 */
#define DEAL_BLOCK 65536

/* The block of deal k allocated (and the table of them grown). */
static void
deal_block(struct history *h, size_t k)
{
	size_t b = k / DEAL_BLOCK, n;

	if (b >= h->nblocks) {
		n = b * 2 + 16;
		h->block = xrecallocarray(h->block, h->nblocks, n, sizeof *h->block);
		h->openbits = xrecallocarray(h->openbits, h->nblocks, n, sizeof *h->openbits);
		h->nblocks = n;
	}
	/* A replay of few deals writes a page or two of each block. */
	if (!h->block[b] && h->only) {
		h->block[b] = xcalloc_sparse(DEAL_BLOCK, sizeof **h->block);
		h->openbits[b] = xcalloc_sparse(DEAL_BLOCK / 64, sizeof **h->openbits);
	} else if (!h->block[b]) {
		h->block[b] = xcalloc_written(DEAL_BLOCK, sizeof **h->block);
		h->openbits[b] = xcalloc_written(DEAL_BLOCK / 64, sizeof **h->openbits);
	}
}

/*
 * Where the replay keeps deal k: at its number, or, in a replay of few
 * deals, at its place among them (dealset.h): a few hundred deals' states
 * in a page or two, not a page each.  A deal not asked for is at the
 * place past them, which nothing writes.
 */
static inline size_t
deal_at(const struct history *h, size_t k)
{
	return __builtin_expect(h->only != NULL, 0) ? dealset_place(h->only, k) : k;
}

/* The state of the deal at k (deal_at()); inline, the allocation apart:
 * it is once an event. */
static inline uint32_t *
deal_slot(struct history *h, size_t k)
{
	size_t b = k / DEAL_BLOCK;

	if (b >= h->nblocks || !h->block[b])
		deal_block(h, k);
	return &h->block[b][k % DEAL_BLOCK];
}

static void
mark_open(struct history *h, size_t k, int open)
{
	uint64_t *w = &h->openbits[k / DEAL_BLOCK][k % DEAL_BLOCK / 64];

	if (open)
		*w |= (uint64_t)1 << (k % 64);
	else
		*w &= ~((uint64_t)1 << (k % 64));
}

/* Deal k becomes open (it was not): its place for the whole state. */
static struct hist_deal *
open_deal(struct history *h, uint32_t *slot, size_t k)
{
	size_t i;

	if (h->nfree)
		i = h->free_open[--h->nfree];
	else {
		if (h->nopen == h->open_cap) {
			h->open_cap = h->open_cap ? h->open_cap * 2 : 4096;
			if (h->open_cap > UINT32_MAX >> 3)
				die("too many open deals");
			h->open = xreallocarray(h->open, h->open_cap, sizeof *h->open);
			h->free_open = xreallocarray(h->free_open, h->open_cap,
			    sizeof *h->free_open);
		}
		i = h->nopen++;
	}
	*slot = (uint32_t)i << 3 | DEAL_OPEN;
	mark_open(h, k, 1);
	return &h->open[i];
}

/* The slot of a deal not open: its state, and the day of its last event. */
#define CLOSED_SLOT(state, day) ((uint32_t)(state) | (uint32_t)((day) - DATE_MIN) << 3)
#define CLOSED_LAST(slot) ((date_t)((slot) >> 3) + DATE_MIN)

/* Deal k, open, becomes state on day. */
static void
close_deal(struct history *h, uint32_t *slot, size_t k, enum deal_state state, date_t day)
{
	h->free_open[h->nfree++] = *slot >> 3;
	*slot = CLOSED_SLOT(state, day);
	mark_open(h, k, 0);
}

static const struct hist_event *
apply(struct history *h, const struct rec *r, date_t date)
{
	size_t at = deal_at(h, r->deal);
	uint32_t *slot = deal_slot(h, at);
	enum deal_state state = deal_state_after((enum deal_event)r->kind,
	    h->st->v[r->stage].state);
	struct hist_deal *d;

	if (r->deal > h->max_deal)
		h->max_deal = r->deal;
	if ((*slot & 7) == DEAL_OPEN) {
		h->before = h->open[*slot >> 3];
		if (state == DEAL_OPEN)
			d = &h->open[*slot >> 3];
		else {
			close_deal(h, slot, at, state, date);
			d = &h->after;
		}
	} else {
		memset(&h->before, 0, sizeof h->before);
		h->before.state = (uint8_t)(*slot & 7);
		if (h->before.state != DEAL_NONE)
			h->before.last = CLOSED_LAST(*slot);
		if (state == DEAL_OPEN)
			d = open_deal(h, slot, at);
		else {
			*slot = CLOSED_SLOT(state, date);
			d = &h->after;
		}
	}
	d->amount = r->amount;
	d->rep = h->map[HIST_REP][r->rep];
	d->account = h->map[HIST_ACCOUNT][r->account];
	d->product = h->map[HIST_PRODUCT][r->product];
	d->split = h->map[HIST_SPLIT][r->split];
	d->type = r->type;
	d->expected = r->expected;
	d->opened = r->opened;
	d->last = date;
	d->stage = r->stage;
	d->state = (uint8_t)state;
	h->ev.kind = (enum deal_event)r->kind;
	h->ev.date = date;
	h->ev.deal = r->deal;
	h->ev.before = &h->before;
	h->ev.after = d;
	h->ev.file = h->cur->name;
	h->ev.line = r->line;
	return &h->ev;
}

/*
 * The states of the next events' deals are far apart in big tables: ask
 * for the number's slot 16 events ahead, and with it (there by then) for
 * an open deal's whole state 8 ahead; and for the records themselves 64
 * ahead, which another thread wrote.  Always inlined: a function whose
 * only effect is a prefetch looks like one without any, and a call to it
 * is dropped before it is inlined.
 */
static inline __attribute__((always_inline)) void
prefetch(const struct history *h, const struct chunk *d, size_t i)
{
	const uint32_t *b;
	uint32_t k, v;

	if (i + 64 < d->n)
		__builtin_prefetch(&d->rec[i + 64], 0);
	if (h->only)
		return;		/* their states are not by number */
	if (i + 16 < d->n) {
		k = d->rec[i + 16].deal;
		if (k / DEAL_BLOCK < h->nblocks && (b = h->block[k / DEAL_BLOCK]))
			__builtin_prefetch(&b[k % DEAL_BLOCK], 1);
	}
	if (i + 8 < d->n) {
		k = d->rec[i + 8].deal;
		if (k / DEAL_BLOCK < h->nblocks && (b = h->block[k / DEAL_BLOCK]) &&
		    ((v = b[k % DEAL_BLOCK]) & 7) == DEAL_OPEN) {
			/* Its two cache lines, when it straddles them. */
			__builtin_prefetch(&h->open[v >> 3], 1);
			__builtin_prefetch((const char *)&h->open[(v >> 3) + 1] - 1, 1);
		}
	}
}

/* The month's ids, as the replay's: in the order the month met them, as
 * if it had been read here row by row. */
static void
map_ids(struct history *h, struct month *mo)
{
	size_t i, k, n;
	const char *name;

	for (k = 0; k < HIST_NIDS; k++) {
		n = intern_count(mo->ids[k]);
		if (n + 1 > h->map_cap[k]) {
			h->map_cap[k] = n + 1;
			h->map[k] = xreallocarray(h->map[k], h->map_cap[k], sizeof *h->map[k]);
		}
		h->map[k][0] = 0;	/* an id not wanted */
		for (i = 0; i < n; i++) {
			name = intern_name(mo->ids[k], i);
			h->map[k][i] = (uint32_t)intern_add(h->ids[k], name, strlen(name));
		}
	}
}

/* The first chunk of day i of mo is applied: it goes to the spares at
 * once, for the months being read meanwhile.  The day's next chunk. */
static const struct chunk *
chunk_applied(struct month *mo, size_t i)
{
	struct day *d = &mo->day[i];
	struct chunk *c = d->head;

	if (!(d->head = c->next))
		d->tail = NULL;
	pthread_mutex_lock(&mo->spares->lock);
	c->next = mo->spares->list;
	mo->spares->list = c;
	pthread_cond_broadcast(&mo->spares->given);
	pthread_mutex_unlock(&mo->spares->lock);
	return d->head;
}

/* Month index is being applied (NO_MONTH: none is): see struct spares. */
static void
set_applying(struct history *h, size_t index)
{
	pthread_mutex_lock(&h->spares.lock);
	h->spares.applying = index;
	pthread_cond_broadcast(&h->spares.given);
	pthread_mutex_unlock(&h->spares.lock);
}

/* The next month file in, if it starts by until; 0 if there is none. */
static int
next_month(struct history *h, date_t until)
{
	struct month *mo;
	ledger_month m;
	size_t i = h->next_month;

	if (i == h->nm)
		return 0;
	m = h->months[i];
	if (ledger_month_first(m) > until)
		return 0;
	month_free(h->cur);
	h->cur = NULL;
	set_applying(h, NO_MONTH);
	h->next_month++;
	if (!(mo = h->ahead[i]))
		mo = month_new(h, i);
	h->ahead[i] = NULL;
	read_ahead(h);
	if (mo->job) {
		pool_wait(mo->job);
		mo->job = NULL;
	} else
		parse_month(mo);
	if (mo->failed)
		die("%s", mo->err);
	map_ids(h, mo);
	h->cur = mo;
	set_applying(h, i);
	h->dayi = h->reci = 0;
	h->chunk = mo->day[0].head;
	return 1;
}

const struct hist_event *
history_next(struct history *h, date_t until)
{
	date_t date;

	for (;;) {
		if (h->cur) {
			while (h->dayi < 31 && (!h->chunk || h->reci == h->chunk->n)) {
				h->reci = 0;
				if (h->chunk && (h->chunk = chunk_applied(h->cur, h->dayi)))
					continue;
				if (++h->dayi == AHEAD_DAY)
					read_ahead(h);
				if (h->dayi < 31)
					h->chunk = h->cur->day[h->dayi].head;
			}
			if (h->dayi < 31)
				break;
		}
		if (!next_month(h, until))
			return NULL;
	}
	date = h->cur->first + (date_t)h->dayi;
	if (date > until)
		return NULL;
	prefetch(h, h->chunk, h->reci);
	return apply(h, &h->chunk->rec[h->reci++], date);
}

size_t
history_upcoming(const struct history *h, size_t n)
{
	if (!h->cur || !h->chunk || n == 0 || h->reci + n - 1 >= h->chunk->n)
		return 0;
	return h->chunk->rec[h->reci + n - 1].deal;
}

void
history_until(struct history *h, date_t until)
{
	ledger_month last = ledger_month_of(until);
	size_t i = h->ahead_to;

	while (i < h->nm && h->months[i] <= last)
		i++;
	h->ahead_to = i;
	read_ahead(h);
}

const struct hist_deal *
history_deal(const struct history *h, size_t k)
{
	static const struct hist_deal none[DEAL_CANCELLED + 1] = {
		{ .state = DEAL_NONE }, { .state = DEAL_OPEN }, { .state = DEAL_WON },
		{ .state = DEAL_LOST }, { .state = DEAL_CANCELLED },
	};
	uint32_t v;

	k = deal_at(h, k);
	if (k / DEAL_BLOCK >= h->nblocks || !h->block[k / DEAL_BLOCK])
		return &none[DEAL_NONE];
	v = h->block[k / DEAL_BLOCK][k % DEAL_BLOCK];
	return (v & 7) == DEAL_OPEN ? &h->open[v >> 3] : &none[v & 7];
}

/* The first open deal at k (deal_at()) or after, by where it is kept. */
static size_t
next_open_at(const struct history *h, size_t k)
{
	size_t b = k / DEAL_BLOCK, i = k % DEAL_BLOCK / 64;
	uint64_t w;

	for (; b < h->nblocks; b++, i = 0, k = b * DEAL_BLOCK) {
		if (!h->openbits[b])
			continue;
		for (w = h->openbits[b][i] & (~(uint64_t)0 << (k % 64)); ; w = h->openbits[b][i]) {
			if (w)
				return b * DEAL_BLOCK + i * 64 + (size_t)__builtin_ctzll(w);
			if (++i == DEAL_BLOCK / 64)
				break;
		}
	}
	return HIST_END;
}

size_t
history_next_open(const struct history *h, size_t k)
{
	if (!h->only)
		return next_open_at(h, k);
	k = next_open_at(h, dealset_from(h->only, k));
	return k < h->only->n ? h->only->k[k] : HIST_END;
}

/* The numbers of the deals open after the ledger's last event, ascending,
 * in *deals (the caller frees it). */
static size_t
open_deals(struct store *s, const struct stages *st, size_t **deals)
{
	ledger_month *months, last;
	size_t nm = ledger_months(s, "deals", DATE_MIN, DATE_MAX, &months), n = 0, cap = 0, k;
	struct history *h;

	*deals = NULL;
	if (nm == 0) {
		free(months);
		return 0;
	}
	last = months[nm - 1];
	free(months);
	h = history_open(s, st, date_from_ymd(last / 12, last % 12 + 1, 1), 0);
	history_until(h, DATE_MAX);
	while (history_next(h, DATE_MAX))
		;
	for (k = history_next_open(h, 0); k != HIST_END; k = history_next_open(h, k + 1)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			*deals = xreallocarray(*deals, cap, sizeof **deals);
		}
		(*deals)[n++] = k;
	}
	history_close(h);
	return n;
}

struct deal_last *
history_open_latest(struct store *s, const struct stages *st)
{
	size_t *k, n = open_deals(s, st, &k), i;
	char **ids = xcalloc(n ? n : 1, sizeof *ids);
	struct deal_last *l;

	for (i = 0; i < n; i++) {
		ids[i] = xmalloc(GENID_SZ);
		genid_format(ids[i], 'D', (long long)k[i]);
	}
	l = deal_last_indexed(s, (const char *const *)ids, n);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	free(k);
	return l ? l : deal_last_scan(s, DATE_MIN);
}

const char *
history_name(const struct history *h, enum hist_id which, uint32_t i)
{
	return intern_name(h->ids[which], i);
}

size_t
history_count(const struct history *h, enum hist_id which)
{
	return intern_count(h->ids[which]);
}

enum hist_credit
history_credit_kind(const struct hist_event *ev, date_t from)
{
	if (ev->kind == DEAL_EV_WON)
		return HIST_CREDIT_WON;
	if (ev->kind != DEAL_EV_CANCEL)
		return HIST_CREDIT_NONE;
	return ev->before->state == DEAL_WON && ev->before->last >= from ?
	    HIST_CREDIT_UNDONE : HIST_CREDIT_CANCELLED;
}

int64_t
history_credit(const struct hist_event *ev, date_t from)
{
	switch (history_credit_kind(ev, from)) {
	case HIST_CREDIT_WON:
		return ev->after->amount;
	case HIST_CREDIT_UNDONE:
		return -ev->after->amount;
	default:
		return 0;
	}
}

_Static_assert(HIST_MAXSHARES == SPLIT_MAX, "a share for each of a split's");

/* The split of id k, its reps as the replay's (it was checked when met). */
static const struct hist_split *
split_of(struct history *h, uint32_t k)
{
	struct hist_split *hs;
	const char *text;
	char why[SPLIT_WHYSZ];
	size_t i, n;

	if (k >= h->nsplits) {
		n = history_count(h, HIST_SPLIT);
		h->splits = xreallocarray(h->splits, n, sizeof *h->splits);
		memset(h->splits + h->nsplits, 0, (n - h->nsplits) * sizeof *h->splits);
		h->nsplits = n;
	}
	hs = &h->splits[k];
	if (!hs->parsed) {
		text = history_name(h, HIST_SPLIT, k);
		if (split_parse(text, &hs->sp, why, sizeof why) < 0)
			die("bad split '%.64s': %s; run sales-check", text, why);
		for (i = 0; i < hs->sp.n; i++)
			hs->rep[i] = (uint32_t)intern_add(h->ids[HIST_REP], hs->sp.rep[i],
			    strlen(hs->sp.rep[i]));
		hs->parsed = 1;
	}
	return hs;
}

size_t
history_shares(struct history *h, const struct hist_deal *d, int64_t amount,
	       struct hist_share out[HIST_MAXSHARES])
{
	const struct hist_split *hs;
	int64_t part[SPLIT_MAX];
	size_t i;

	if (!d->split) {
		out[0] = (struct hist_share){ d->rep, amount, 0 };
		return 1;
	}
	hs = split_of(h, d->split);
	if (split_credit(&hs->sp, amount, part) < 0)
		money_total_overflow();
	for (i = 0; i < hs->sp.n; i++)
		out[i] = (struct hist_share){ hs->rep[i], part[i], hs->sp.overlay[i] };
	return hs->sp.n;
}

/*
 * Checkpoints (history.h).  The fingerprint of month i hashes the format
 * and the name, size and modification time of every month file up to i.
 */
#define CK_DIR "cache"
#define CK_PREFIX "open-"
#define CK_FORMAT \
	"deal\trep\taccount\tproduct\tamount\tstage\texpected\topened\tdate\tsplit\ttype"
enum { CK_DEAL, CK_REP, CK_ACCOUNT, CK_PRODUCT, CK_AMOUNT, CK_STAGE, CK_EXPECTED,
	CK_OPENED, CK_DATE, CK_SPLIT, CK_TYPE, CK_NCOLS };
static const char *const ck_cols[CK_NCOLS] = {
	"deal", "rep", "account", "product", "amount", "stage", "expected", "opened", "date",
	"split", "type"
};

static uint64_t *
fingerprints(struct store *s, const ledger_month *months, size_t nm)
{
	uint64_t *fp = xcalloc(nm ? nm : 1, sizeof *fp);
	uint64_t h = intern_hash(INTERN_HASH_SEED, CK_FORMAT, sizeof CK_FORMAT - 1);
	char path[LEDGER_PATHSZ];
	size_t i;

	for (i = 0; i < nm; i++) {
		ledger_month_path(path, "deals", months[i]);
		fp[i] = h = store_stat_hash(s, h, path, months[i]);
	}
	return fp;
}

size_t
history_fingerprints(struct store *s, ledger_month **months, uint64_t **fps)
{
	size_t nm = ledger_months(s, "deals", DATE_MIN, DATE_MAX, months);

	*fps = fingerprints(s, *months, nm);
	return nm;
}

static void
checkpoint_name(char *buf, size_t n, ledger_month m, uint64_t fp)
{
	snprintf(buf, n, CK_DIR "/" CK_PREFIX "%04d-%02d-%016llx.tsv", m / 12, m % 12 + 1,
	    (unsigned long long)fp);
}

/*
 * Beside each checkpoint, cache/seen-YYYY-MM-FINGERPRINT.tsv (kind max):
 * the highest deal number in the ledger up to that month's end, which no
 * list of open deals can tell.  Written after the checkpoint, so it vouches
 * for it: a checkpoint without it is not used.
 */
#define SEEN_PREFIX "seen-"

static void
seen_name(char *buf, size_t n, ledger_month m, uint64_t fp)
{
	snprintf(buf, n, CK_DIR "/" SEEN_PREFIX "%04d-%02d-%016llx.tsv", m / 12, m % 12 + 1,
	    (unsigned long long)fp);
}

/*
 * And cache/reps-YYYY-MM-FINGERPRINT: the rep lines (dealindex.h) of
 * the checkpoint's rows, its owners' and its splits' reps, so that one
 * rep's deals there are found without reading it.  Written after the
 * checkpoint and before the seen file, which vouches for it too; without
 * it the checkpoint is read.  After the line REPS_SORTED they are sorted
 * by rep, and found by bisection; a file without it (written by an older
 * salesmgr) is read through.
 */
#define REPS_PREFIX "reps-"
#define REPS_SORTED "rep-lines\tsorted\n"
/*
 * And cache/mreps-YYYY-MM-FINGERPRINT: the rep lines of every row of that
 * complete month (its owner's and its split's reps), sorted as the
 * checkpoint's, written with it from the events replayed to make it: so
 * that one rep's deals of a month since a checkpoint are found without
 * reading the month.  Without it the month is read.
 */
#define MREPS_PREFIX "mreps-"
/*
 * And cache/ckrows-YYYY-MM-FINGERPRINT: where each row of the checkpoint
 * is, in its order (by deal): a head of two 64-bit numbers (the bytes of
 * the checkpoint, how many rows), then three 32-bit ones a row, its deal
 * number, line and byte offset (dealindex.h's rows files' records; none
 * is written for a checkpoint of 4 GiB or more), then their fences.  A
 * replay of a few deals finds each of them there (dealindex_places(): the
 * fences and a block of records each; a file written before the fences,
 * mapped) and reads their rows alone (scan_rows_at()), each checked to be
 * that deal's; without it, or when it does not fit the checkpoint, the
 * checkpoint itself is searched.
 */
#define CKROWS_PREFIX "ckrows-"
struct ck_head {
	uint64_t size, count;
};

static void
ckrows_name(char *buf, size_t n, ledger_month m, uint64_t fp)
{
	snprintf(buf, n, CK_DIR "/" CKROWS_PREFIX "%04d-%02d-%016llx", m / 12, m % 12 + 1,
	    (unsigned long long)fp);
}

static void
mreps_name(char *buf, size_t n, ledger_month m, uint64_t fp)
{
	snprintf(buf, n, CK_DIR "/" MREPS_PREFIX "%04d-%02d-%016llx", m / 12, m % 12 + 1,
	    (unsigned long long)fp);
}

static void
reps_name(char *buf, size_t n, ledger_month m, uint64_t fp)
{
	snprintf(buf, n, CK_DIR "/" REPS_PREFIX "%04d-%02d-%016llx", m / 12, m % 12 + 1,
	    (unsigned long long)fp);
}

/* The number a seen file keeps; 0 if there is none that is whole. */
static int
read_seen(struct store *s, ledger_month m, uint64_t fp, size_t *max)
{
	char name[64];
	struct tsv_reader *r;
	long long n = 0;
	int fd, ok;

	seen_name(name, sizeof name, m, fp);
	if ((fd = store_open_read(s, name)) < 0)
		return 0;
	r = tsv_open(fd, name);
	ok = tsv_header(r) == TSV_ROW && r->ncols == 2 && tsv_next(r) == TSV_ROW &&
	    !r->no_final_newline && strcmp(r->f[0], "deal") == 0 &&
	    parse_uint(r->f[1], 100000000, &n) == 0 && tsv_next(r) == TSV_EOF;
	tsv_close(r);
	close(fd);
	if (ok)
		*max = (size_t)n;
	return ok;
}

/* Forget every state: a checkpoint that cannot be used whole is not used. */
static void
forget(struct history *h)
{
	size_t b;

	for (b = 0; b < h->nblocks; b++)
		if (h->block[b]) {
			memset(h->block[b], 0, DEAL_BLOCK * sizeof **h->block);
			memset(h->openbits[b], 0, DEAL_BLOCK / 64 * sizeof **h->openbits);
		}
	h->nopen = h->nfree = 0;
}

static uint32_t
id_of(struct history *h, enum hist_id which, const char *p, size_t n)
{
	if (!(h->want & 1u << which))
		return 0;
	return (uint32_t)(h->cache ? intern_add_cached(h->ids[which], &h->cache[which], p, n) :
	    intern_add(h->ids[which], p, n));
}

/* scan_fd's callback: one open deal of a checkpoint; -1 if anything is off. */
static int
checkpoint_row(void *arg, const struct scan_row *row)
{
	struct history *h = arg;
	const char *why;
	struct hist_deal *d;
	date_t expected = HIST_NO_DATE, opened, last;
	uint32_t k, *slot;
	int64_t amount;
	int stage, type;

	k = deal_number(row->f[CK_DEAL], row->len[CK_DEAL]);
	if (k && h->only && !dealset_has(h->only, k))
		return 0;
	if ((type = deal_type_parse(row->f[CK_TYPE], row->len[CK_TYPE])) < 0)
		return scan_fail(row, "not a checkpoint");
	stage = find_stage(&h->stages, row->f[CK_STAGE], row->len[CK_STAGE]);
	amount = parse_amount(h->decimals, row->f[CK_AMOUNT], row->len[CK_AMOUNT], &why);
	if (!k || stage < 0 || h->st->v[stage].state != STAGE_OPEN || why ||
	    (row->len[CK_EXPECTED] &&
	    parse_date(h->seen, row->f[CK_EXPECTED], row->len[CK_EXPECTED], &expected) < 0) ||
	    parse_date(h->seen, row->f[CK_OPENED], row->len[CK_OPENED], &opened) < 0 ||
	    parse_date(h->seen, row->f[CK_DATE], row->len[CK_DATE], &last) < 0)
		return scan_fail(row, "not a checkpoint");
	slot = deal_slot(h, k = deal_at(h, k));
	if (*slot)
		return scan_fail(row, "not a checkpoint");
	d = open_deal(h, slot, k);
	d->amount = amount;
	d->rep = id_of(h, HIST_REP, row->f[CK_REP], row->len[CK_REP]);
	d->account = id_of(h, HIST_ACCOUNT, row->f[CK_ACCOUNT], row->len[CK_ACCOUNT]);
	d->product = id_of(h, HIST_PRODUCT, row->f[CK_PRODUCT], row->len[CK_PRODUCT]);
	if ((d->split = row->len[CK_SPLIT] ? split_id(h->ids[HIST_SPLIT], row, CK_SPLIT) : 0) ==
	    (uint32_t)-1)
		return scan_fail(row, "not a checkpoint");
	d->type = (uint8_t)type;
	d->expected = expected;
	d->opened = opened;
	d->last = last;
	d->stage = (int16_t)stage;
	d->state = DEAL_OPEN;
	return 0;
}

static const char *sparse_file(struct store *s, const char *relpath, size_t *len);
static const char *mapped(struct store *s, const char *relpath, size_t *len,
			  const char *(*map)(int, size_t, size_t *));

/*
 * A replay of few deals (history_open_only()) looks each of them up in a
 * checkpoint, whose rows are in the order of their deal numbers
 * (write_checkpoint()), instead of reading it whole: a few pages of it,
 * not 12 MB at 10M deal events.
 */
#define CK_SEARCH_MAX 4096

/* The deal number of the row at off of rows b (len bytes, the last
 * ending in LF); 0 if it names none. */
static uint32_t
row_deal(const char *b, size_t len, size_t off)
{
	const char *t = memchr(b + off, '\t', len - off);

	return t ? deal_number(b + off, (size_t)(t - (b + off))) : 0;
}

/* The start of the first row at or after off (len: none). */
static size_t
row_start(const char *b, size_t len, size_t off)
{
	const char *nl;

	if (off == 0 || off >= len)
		return off < len ? off : len;
	nl = memchr(b + off - 1, '\n', len - (off - 1));
	return nl ? (size_t)(nl - b) + 1 : len;
}

/* The first row from the row at lo on whose deal is k or after (len:
 * none); SIZE_MAX when a row met names no deal. */
static size_t
search_deal(const char *b, size_t len, size_t lo, uint32_t k)
{
	size_t hi = len, mid;
	uint32_t d;

	while (lo < hi) {
		if ((mid = row_start(b, len, lo + (hi - lo) / 2)) >= hi)
			mid = lo;	/* no row starts after lo before hi */
		if (!(d = row_deal(b, len, mid)))
			return SIZE_MAX;
		if (d < k)
			lo = row_start(b, len, mid + 1);
		else
			hi = mid;
	}
	return lo;
}

/* Nothing the escapes, the UTF-8 or the NUL checks need look at (scan.h's
 * plain line). */
static int
plain_row(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i;

	for (i = 0; i < n; i++)
		if ((u[i] < 0x20 && u[i] != '\t') || u[i] == '\\' || u[i] >= 0x80)
			return 0;
	return 1;
}

/* What checkpoint_rows_at() hands scan_rows_at(): the deal each row
 * must be, in turn. */
struct ck_expect {
	struct history *h;
	const uint32_t *deal;
	size_t i, n;
};

static int
ck_expected(void *arg, const char *f, size_t len)
{
	struct ck_expect *x = arg;

	return x->i < x->n && deal_number(f, len) == x->deal[x->i++];
}

static int
ck_row(void *arg, const struct scan_row *row)
{
	return checkpoint_row(((struct ck_expect *)arg)->h, row);
}

struct ck_found {
	struct scan_at *at;
	uint32_t *want;
	size_t n;
};

/* dealindex_places()'s each(): a deal's row, once. */
static void
ck_found(void *arg, const struct dealindex_at *ra)
{
	struct ck_found *f = arg;

	if (f->n == 0 || f->want[f->n - 1] != ra->deal) {
		f->at[f->n] = (struct scan_at){ ra->line, ra->off };
		f->want[f->n++] = ra->deal;
	}
}

/*
 * The rows of the deals of h->only in checkpoint name (fd, st), where
 * its ckrows file (ckname) says they are: 1, 0 when it is not a
 * checkpoint to use (a row refused), SCAN_AGAIN with nothing taken when
 * the file cannot tell (none, not of this checkpoint, a row not where it
 * says).
 */
static int
checkpoint_rows_at(struct history *h, const char *name, int fd, const struct stat *st,
		   const char *ckname)
{
	struct ck_expect x = { .h = h };
	struct ck_found f;
	struct ck_head hd;
	struct stat cst;
	char err[SCAN_ERRSZ];
	long r;
	int cfd, ok;

	if ((cfd = store_open_read(h->s, ckname)) < 0)
		return SCAN_AGAIN;
	if (fstat(cfd, &cst) < 0 || ledgerstat_pread(cfd, &hd, sizeof hd, 0) < 0 ||
	    hd.size != (uint64_t)st->st_size || hd.count > SIZE_MAX) {
		close(cfd);
		return SCAN_AGAIN;
	}
	f.at = xcalloc(h->only->n + 1, sizeof *f.at);
	f.want = xcalloc(h->only->n + 1, sizeof *f.want);
	f.n = 0;
	ok = dealindex_places(cfd, (long long)cst.st_size, sizeof hd, (size_t)hd.count, h->only,
	    ck_found, &f) == 0;
	close(cfd);
	if (!ok) {
		free(f.at);
		free(f.want);
		return SCAN_AGAIN;
	}
	x.deal = f.want;
	x.n = f.n;
	r = scan_rows_at(fd, (size_t)st->st_size, name, f.at, f.n, ck_cols, CK_NCOLS, CK_DEAL,
	    ck_expected, ck_row, &x, err, sizeof err);
	free(f.at);
	free(f.want);
	return r == SCAN_AGAIN ? SCAN_AGAIN : r >= 0;
}

/*
 * The rows of the deals of h->only in checkpoint name, looked up: where
 * its ckrows file (ckname) says, else by bisection: 1, 0 when it is not a
 * checkpoint to use, -1 when it must be read whole (a row that is not
 * plain, or too many deals asked for).
 */
static int
read_checkpoint_few(struct history *h, const char *name, const char *ckname)
{
	const char *data, *b, *p, *t, *nl;
	char err[SCAN_ERRSZ];
	struct scan_row row;
	struct stat st;
	size_t len, blen, at = 0, i, k, nf;
	uint32_t d;
	int ok = 1, fd;

	if (h->only->n > CK_SEARCH_MAX)
		return -1;
	if ((fd = store_open_read(h->s, name)) < 0)
		return 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (ok = checkpoint_rows_at(h, name, fd, &st, ckname)) != SCAN_AGAIN) {
		close(fd);
		return ok;
	}
	ok = 1;
	data = map_file_sparse(fd, 1, &len);
	close(fd);
	if (!data)
		return 0;
	if (len < sizeof CK_FORMAT || memcmp(data, CK_FORMAT "\n", sizeof CK_FORMAT) != 0) {
		unmap_file(data, len);
		return 0;
	}
	b = data + sizeof CK_FORMAT;
	blen = len - sizeof CK_FORMAT;
	memset(&row, 0, sizeof row);
	row.name = name;
	row.err = err;
	for (i = 0; ok == 1 && i < h->only->n; i++) {
		if ((k = h->only->k[i]) > UINT32_MAX ||
		    (at = search_deal(b, blen, at, (uint32_t)k)) == SIZE_MAX) {
			ok = 0;
			break;
		}
		if (at >= blen)
			break;		/* no deal from k on was open */
		if ((d = row_deal(b, blen, at)) != k)
			continue;	/* not open at the checkpoint */
		nl = memchr(b + at, '\n', blen - at);
		for (p = b + at, nf = 0;; p = t + 1, nf++) {
			if (!(t = memchr(p, '\t', (size_t)(nl - p))))
				t = nl;
			if (nf < CK_NCOLS) {
				row.f[nf] = p;
				row.len[nf] = (size_t)(t - p);
			}
			if (t == nl)
				break;
		}
		if (nf + 1 != CK_NCOLS || !plain_row(b + at, (size_t)(nl - (b + at))))
			ok = -1;
		else if (checkpoint_row(h, &row) < 0)
			ok = 0;
	}
	unmap_file(data, len);
	return ok;
}

/* A checkpoint is the header of CK_FORMAT and rows read as the ledger is. */
static int
read_checkpoint(struct history *h, ledger_month m, uint64_t fp)
{
	int fd, ok = 0;
	char head[sizeof CK_FORMAT], err[SCAN_ERRSZ], name[64], ckname[64];
	ssize_t n;

	checkpoint_name(name, sizeof name, m, fp);
	if (h->only) {
		ckrows_name(ckname, sizeof ckname, m, fp);
		if ((ok = read_checkpoint_few(h, name, ckname)) >= 0) {
			if (!ok)
				forget(h);
			return ok;
		}
		forget(h);	/* what the lookups took */
		ok = 0;
	}
	if ((fd = store_open_read(h->s, name)) < 0)
		return 0;
	n = pread(fd, head, sizeof head, 0);
	if (n == (ssize_t)sizeof head && memcmp(head, CK_FORMAT "\n", sizeof head) == 0)
		ok = scan_fd(fd, name, ck_cols, CK_NCOLS, checkpoint_row, h, err, sizeof err) >= 0;
	else
		close(fd);
	if (!ok)
		forget(h);
	return ok;
}

/* The newest checkpoint of a month before `before` that is there: the
 * index of its month, or -1. */
static long
newest_checkpoint(struct history *h, const uint64_t *fps, ledger_month before, size_t from)
{
	char name[64];
	size_t i;

	for (i = from; i-- > 0;) {
		if (h->months[i] >= before)
			continue;
		checkpoint_name(name, sizeof name, h->months[i], fps[i]);
		if (store_exists(h->s, name) &&
		    read_seen(h->s, h->months[i], fps[i], &h->max_deal))
			return (long)i;
	}
	return -1;
}

/* Start from the newest valid checkpoint of a month before `before`: the
 * index of its month, or -1 (then from nothing).  The replay goes on with
 * the next month file, whose reading starts before the checkpoint's. */
static long
start(struct history *h, const uint64_t *fps, ledger_month before)
{
	long i = (long)h->nm;

	while ((i = newest_checkpoint(h, fps, before, (size_t)i)) >= 0) {
		h->next_month = (size_t)i + 1;
		read_ahead(h);
		if (read_checkpoint(h, h->months[i], fps[i]))
			return i;
	}
	h->next_month = 0;
	read_ahead(h);
	return -1;
}

static struct history *
history_new(struct store *s, const struct stages *st, unsigned want)
{
	struct history *h = xcalloc(1, sizeof *h);
	size_t i;

	h->s = s;
	h->st = st;
	h->want = 1u << HIST_REP | 1u << HIST_SPLIT | (want & HIST_WANT_ACCOUNT ? 1u << HIST_ACCOUNT : 0) |
	    (want & HIST_WANT_PRODUCT ? 1u << HIST_PRODUCT : 0);
	h->decimals = money_decimals();
	pthread_mutex_init(&h->spares.lock, NULL);
	pthread_cond_init(&h->spares.given, NULL);
	h->spares.applying = NO_MONTH;
	h->spares.ahead = (size_t)pool_threads() - 1;	/* read_ahead()'s */
	stage_names_init(&h->stages, st);
	for (i = 0; i < HIST_NIDS; i++) {
		h->ids[i] = intern_new();
		if (!(h->want & 1u << i) || i == HIST_SPLIT)
			intern_add(h->ids[i], "", 0);	/* id 0: not read, or no split */
	}
	h->nm = ledger_months(s, "deals", DATE_MIN, DATE_MAX, &h->months);
	h->ahead = xcalloc(h->nm + 1, sizeof *h->ahead);
	return h;
}

struct history *
history_open(struct store *s, const struct stages *st, date_t from, unsigned want)
{
	return history_open_only(s, st, from, want, NULL);
}

struct history *
history_open_only(struct store *s, const struct stages *st, date_t from, unsigned want,
		  const struct dealset *only)
{
	struct history *h = history_new(s, st, want);
	ledger_month first = from > DATE_MIN ? ledger_month_of(from) : ledger_month_of(DATE_MIN);
	uint64_t *fps = fingerprints(s, h->months, h->nm);

	h->only = only;
	if (only)	/* NULL only: every deal */
		h->rows = dealindex_rows_open(s);
	else
		h->cache = xcalloc(HIST_NIDS, sizeof *h->cache);
	/* The months up to from's are read in any case. */
	while (h->ahead_to < h->nm && h->months[h->ahead_to] <= first)
		h->ahead_to++;
	start(h, fps, first);
	free(fps);
	while (from > DATE_MIN && history_next(h, from - 1))
		;
	return h;
}

void
history_close(struct history *h)
{
	struct chunk *c, *next;
	size_t i;

	if (!h)
		return;
	month_free(h->cur);
	set_applying(h, NO_MONTH);
	dealindex_rows_close(h->rows);
	for (i = 0; i < h->nm; i++)
		month_free(h->ahead[i]);
	for (i = 0; i < HIST_NIDS; i++) {
		intern_free(h->ids[i]);
		free(h->map[i]);
	}
	for (i = 0; i < h->nblocks; i++) {
		if (h->only) {
			xfree_sparse(h->block[i], DEAL_BLOCK, sizeof **h->block);
			xfree_sparse(h->openbits[i], DEAL_BLOCK / 64, sizeof **h->openbits);
		} else {
			free(h->block[i]);
			free(h->openbits[i]);
		}
	}
	free(h->block);
	free(h->openbits);
	free(h->open);
	free(h->free_open);
	free(h->cache);
	free(h->ahead);
	free(h->months);
	free(h->splits);
	for (c = h->spares.list; c; c = next) {
		next = c->next;
		free(c);
	}
	pthread_mutex_destroy(&h->spares.lock);
	pthread_cond_destroy(&h->spares.given);
	free(h);
}

/*
 * The numbers of the deals of the lines of data[0 .. len) (a checkpoint,
 * or a month file whose deal column is col) in which the id rep stands
 * whole (not within a longer id), added to *k.  A line the column cannot
 * be read from is -1: the file is not as it should be.
 */
static int
lines_naming(const char *data, size_t len, size_t col, const char *rep,
	     size_t **k, size_t *n, size_t *cap)
{
	const char *end = data + len, *p = data, *m, *line, *nl, *f;
	size_t rlen = strlen(rep), flen;
	uint32_t num;

	while (p < end && (m = scan_find(p, (size_t)(end - p), rep, rlen))) {
		p = m + rlen;
		if ((m > data && id_char(m[-1])) || (p < end && id_char(*p)))
			continue;
		line = m;
		while (line > data && line[-1] != '\n')
			line--;
		/* there: the data ends in LF */
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!tsv_raw_field(line, (size_t)(nl - line), (int)col, &f, &flen) ||
		    !(num = deal_number(f, flen)))
			return -1;
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 256;
			*k = xreallocarray(*k, *cap, sizeof **k);
		}
		(*k)[(*n)++] = num;
		p = nl;
	}
	return 0;
}

/* The whole file relpath, ending in LF, mapped (map_file()) so that one
 * rep's lines of a month of everyone's cost no copy of it; NULL when it
 * cannot be (the caller replays instead).  unmap_file() lets it go. */
static const char *
whole_file(struct store *s, const char *relpath, size_t *len)
{
	return mapped(s, relpath, len, map_file);
}

/* The same, its pages read only where they are touched (a search). */
static const char *
sparse_file(struct store *s, const char *relpath, size_t *len)
{
	return mapped(s, relpath, len, map_file_sparse);
}

static const char *
mapped(struct store *s, const char *relpath, size_t *len,
       const char *(*map)(int, size_t, size_t *))
{
	const char *data;
	int fd = store_open_read(s, relpath);

	if (fd < 0)
		return NULL;
	data = map(fd, 1, len);
	close(fd);
	if (data && data[*len - 1] != '\n') {
		unmap_file(data, *len);
		data = NULL;
	}
	return data;
}

/* The index of the column name in the header line [p, nl), or -1. */
static int
header_col(const char *p, const char *nl, const char *name, size_t *col)
{
	size_t n = strlen(name), c = 0;
	const char *t;

	for (;; c++) {
		if (!(t = memchr(p, '\t', (size_t)(nl - p))))
			t = nl;
		if ((size_t)(t - p) == n && memcmp(p, name, n) == 0) {
			*col = c;
			return 0;
		}
		if (t == nl)
			return -1;
		p = t + 1;
	}
}

/* dealindex_reps_find() over a checkpoint's rep lines, sorted or not. */
static int
checkpoint_reps_find(const char *data, size_t len, const char *rep, size_t **k, size_t *n,
		     size_t *cap)
{
	size_t m = strlen(REPS_SORTED);

	if (len >= m && memcmp(data, REPS_SORTED, m) == 0)
		return dealindex_reps_find(data + m, len - m, len - m, rep, k, n, cap);
	return dealindex_reps_find(data, len, 0, rep, k, n, cap);
}

/*
 * Candidates for the deals one of reps[0 .. nreps) holds now, or has held
 * since from: the deals of the lines that name it in the newest
 * checkpoint of a month before from's (DATE_MAX: before the last month
 * file) and in every month file after it, ascending and each once.  With
 * every, no checkpoint: the lines of every month file from from's month
 * on (DATE_MIN: of them all), which name every deal whose latest row
 * from then on names one of reps.  -1 when there is no such checkpoint
 * or a file is not as it should be.
 */
static long
deals_naming(struct store *s, const struct stages *st, const char *const *reps, size_t nreps,
	     date_t from, int every, size_t **k)
{
	struct history *h = history_new(s, st, 0);
	uint64_t *fps = fingerprints(s, h->months, h->nm);
	size_t n = 0, cap = 0, len, i, r, col;
	char name[LEDGER_PATHSZ > 64 ? LEDGER_PATHSZ : 64];
	const char *nl, *data;
	long ck = -1;
	int ok = 1, found;

	*k = NULL;
	for (r = 0; r < nreps; r++)
		if (id_check(reps[r]))
			ok = 0;
	if (every)	/* the months before from's stand for the checkpoint */
		while (from > DATE_MIN && ck + 1 < (long)h->nm &&
		    h->months[ck + 1] < ledger_month_of(from))
			ck++;
	else if (ok && (ok = h->nm > 0))
		ok = (ck = newest_checkpoint(h, fps, from == DATE_MAX ?
		    h->months[h->nm - 1] : ledger_month_of(from), h->nm)) >= 0;
	if (ok && !every) {
		/* the checkpoint's rep lines, or else the checkpoint */
		reps_name(name, sizeof name, h->months[ck], fps[ck]);
		data = sparse_file(s, name, &len);
		for (r = 0, found = data != NULL; found && r < nreps; r++)
			found = checkpoint_reps_find(data, len, reps[r], k, &n, &cap) == 0;
		unmap_file(data, len);
		if (!found) {
			n = 0;
			checkpoint_name(name, sizeof name, h->months[ck], fps[ck]);
			data = whole_file(s, name, &len);
			ok = data && len > sizeof CK_FORMAT &&
			    memcmp(data, CK_FORMAT "\n", sizeof CK_FORMAT) == 0;
			for (r = 0; ok && r < nreps; r++)
				ok = lines_naming(data + sizeof CK_FORMAT, len - sizeof CK_FORMAT,
				    CK_DEAL, reps[r], k, &n, &cap) == 0;
			unmap_file(data, len);
		}
	}
	for (i = (size_t)(ck + 1); ok && i < h->nm; i++) {
		/* the last month's rep lines of a current deal index, or else
		 * the month */
		if (i + 1 == h->nm) {
			for (r = 0; r < nreps; r++)
				if (dealindex_reps(s, h->months[i], reps[r], k, &n, &cap) < 0)
					break;
			if (r == nreps)
				continue;
		}
		/* a complete month's rep lines, written with its checkpoint;
		 * else the month, below: more deals, not fewer */
		mreps_name(name, sizeof name, h->months[i], fps[i]);
		data = sparse_file(s, name, &len);
		for (r = 0, found = data != NULL; found && r < nreps; r++)
			found = checkpoint_reps_find(data, len, reps[r], k, &n, &cap) == 0;
		unmap_file(data, len);
		if (found)
			continue;
		ledger_month_path(name, "deals", h->months[i]);
		if (!(data = whole_file(s, name, &len))) {
			ok = 0;
			break;
		}
		nl = memchr(data, '\n', len);
		ok = header_col(data, nl, "deal", &col) == 0;
		for (r = 0; ok && r < nreps; r++)
			ok = lines_naming(nl + 1, len - (size_t)(nl + 1 - data), col, reps[r], k,
			    &n, &cap) == 0;
		unmap_file(data, len);
	}
	free(fps);
	history_close(h);
	if (!ok) {
		free(*k);
		*k = NULL;
		return -1;
	}
	return (long)dealset_sort(*k, n);
}

/* The latest rows of deals k[0 .. n) through the deal index (freeing k),
 * or NULL when it cannot tell. */
static struct deal_last *
latest_indexed(struct store *s, size_t *k, size_t n)
{
	struct deal_last *l;
	char **ids = xcalloc(n + 1, sizeof *ids);
	size_t i;

	for (i = 0; i < n; i++) {
		ids[i] = xmalloc(GENID_SZ);
		genid_format(ids[i], 'D', (long long)k[i]);
	}
	l = deal_last_indexed(s, (const char *const *)ids, n);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	free(k);
	return l;
}

struct deal_last *
history_open_latest_of(struct store *s, const struct stages *st, const char *const *reps,
		       size_t nreps)
{
	size_t *k;
	long n = deals_naming(s, st, reps, nreps, DATE_MAX, 0, &k);
	struct deal_last *l = n < 0 ? NULL : latest_indexed(s, k, (size_t)n);

	return l ? l : history_open_latest(s, st);
}

struct deal_last *
history_latest_naming(struct store *s, const struct stages *st, const char *const *reps,
		      size_t nreps, date_t from)
{
	size_t *k;
	long n = deals_naming(s, st, reps, nreps, from, 1, &k);
	struct deal_last *l = n < 0 ? NULL : latest_indexed(s, k, (size_t)n);

	return l ? l : deal_last_scan(s, from);
}

struct dealset *
history_deals_since(struct store *s, const struct stages *st, const char *rep, date_t from)
{
	size_t *k;
	long nk = deals_naming(s, st, &rep, 1, from, 0, &k);

	return nk < 0 ? NULL : dealset_new(k, (size_t)nk);
}

/*
 * One open deal's checkpoint row appended to b.  A checkpoint holds every
 * open deal at a month's end (a million after a bulk load): room for the
 * whole row is made at once (its names as if every byte were escaped), and
 * the number, amount and dates are formatted straight into it, no printf.
 */
static void
add_checkpoint_row(struct buf *b, const struct history *h, size_t k)
{
	const struct hist_deal *d = history_deal(h, k);
	const char *type = d->type == DEAL_NEW ? "" : deal_type_name(d->type);
	const char *f[5];
	size_t n[5], ntype = strlen(type), need, i;

	f[0] = history_name(h, HIST_REP, d->rep);
	f[1] = history_name(h, HIST_ACCOUNT, d->account);
	f[2] = history_name(h, HIST_PRODUCT, d->product);
	f[3] = h->st->v[d->stage].name;
	f[4] = history_name(h, HIST_SPLIT, d->split);
	/* ten tabs and the line feed beside the fields */
	need = GENID_SZ + MONEY_BUFSZ + 3 * DATE_BUFSZ + ntype + 11;
	for (i = 0; i < 5; i++)
		need += 2 * (n[i] = strlen(f[i]));
	if (b->cap - b->len <= need)
		buf_grow(b, need);
	b->len += genid_format(b->data + b->len, 'D', (long long)k);
	for (i = 0; i < 3; i++) {
		b->data[b->len++] = '\t';
		tsv_escape(b, f[i], n[i]);
	}
	b->data[b->len++] = '\t';
	b->len += strlen(money_format(d->amount, b->data + b->len));
	b->data[b->len++] = '\t';
	tsv_escape(b, f[3], n[3]);
	b->data[b->len++] = '\t';
	if (d->expected != HIST_NO_DATE) {
		date_format(d->expected, b->data + b->len);
		b->len += DATE_BUFSZ - 1;
	}
	b->data[b->len++] = '\t';
	date_format(d->opened, b->data + b->len);
	b->len += DATE_BUFSZ - 1;
	b->data[b->len++] = '\t';
	date_format(d->last, b->data + b->len);
	b->len += DATE_BUFSZ - 1;
	b->data[b->len++] = '\t';
	tsv_escape(b, f[4], n[4]);
	b->data[b->len++] = '\t';
	memcpy(b->data + b->len, type, ntype);
	b->len += ntype;
	b->data[b->len++] = '\n';
	b->data[b->len] = '\0';
}

/* The open deals at the end of month m, in the order of their numbers
 * (read_checkpoint_few() searches them so), where each row is, and their
 * rep lines. */
static void
write_checkpoint(struct history *h, ledger_month m, uint64_t fp)
{
	const struct hist_deal *d;
	const char *rep, *split;
	struct buf b = BUF_INIT, sorted = BUF_INIT, rows = BUF_INIT;
	struct ck_head hd = { 0, 0 };
	struct dealindex_at ra;
	char name[64], prefix[32];
	size_t k;
	int fits;

	buf_adds(&b, CK_FORMAT "\n");
	buf_add(&rows, &hd, sizeof hd);
	for (k = history_next_open(h, 0); k != HIST_END; k = history_next_open(h, k + 1)) {
		ra = (struct dealindex_at){ (uint32_t)k, (uint32_t)(hd.count + 2), (uint32_t)b.len };
		buf_add(&rows, &ra, sizeof ra);
		hd.count++;
		add_checkpoint_row(&b, h, k);
	}
	checkpoint_name(name, sizeof name, m, fp);
	store_replace_data(h->s, name, b.data, b.len);
	snprintf(prefix, sizeof prefix, CK_PREFIX "%04d-%02d-", m / 12, m % 12 + 1);
	store_prune(h->s, CK_DIR, prefix, name + strlen(CK_DIR) + 1);
	/* where each row is, when 32 bits say it */
	hd.size = b.len;
	memcpy(rows.data, &hd, sizeof hd);
	dealindex_fences(&rows, rows.data + sizeof hd, hd.count);
	ckrows_name(name, sizeof name, m, fp);
	if ((fits = b.len <= UINT32_MAX && h->max_deal <= UINT32_MAX))
		store_replace_data(h->s, name, rows.data, rows.len);
	snprintf(prefix, sizeof prefix, CKROWS_PREFIX "%04d-%02d-", m / 12, m % 12 + 1);
	store_prune(h->s, CK_DIR, prefix, fits ? name + strlen(CK_DIR) + 1 : NULL);
	buf_free(&rows);
	buf_reset(&b);
	for (k = history_next_open(h, 0); k != HIST_END; k = history_next_open(h, k + 1)) {
		d = history_deal(h, k);
		rep = history_name(h, HIST_REP, d->rep);
		split = history_name(h, HIST_SPLIT, d->split);
		dealindex_reps_row(&b, rep, strlen(rep), split, strlen(split), k);
	}
	buf_adds(&sorted, REPS_SORTED);
	dealindex_reps_sort(&sorted, "", 0, b.data, b.len);
	reps_name(name, sizeof name, m, fp);
	store_replace_data(h->s, name, sorted.data, sorted.len);
	buf_free(&sorted);
	snprintf(prefix, sizeof prefix, REPS_PREFIX "%04d-%02d-", m / 12, m % 12 + 1);
	store_prune(h->s, CK_DIR, prefix, name + strlen(CK_DIR) + 1);
	buf_reset(&b);
	buf_printf(&b, "kind\tmax\ndeal\t%zu\n", h->max_deal);
	seen_name(name, sizeof name, m, fp);
	store_replace_data(h->s, name, b.data, b.len);
	snprintf(prefix, sizeof prefix, SEEN_PREFIX "%04d-%02d-", m / 12, m % 12 + 1);
	store_prune(h->s, CK_DIR, prefix, name + strlen(CK_DIR) + 1);
	buf_free(&b);
}

/*
 * Remove every checkpoint and seen file of cache/ but those of the first n
 * months with their fingerprints now: another fingerprint is a ledger that
 * is no more, and a month that is not there is not read.
 */
static void
prune_stale(struct store *s, const ledger_month *months, const uint64_t *fps, size_t n)
{
	struct dirent *e;
	char name[64];
	size_t i, ngone = 0, k;
	char (*list)[64] = NULL;
	DIR *d;

	if (!(d = store_opendir(s, CK_DIR)))
		return;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, CK_PREFIX, strlen(CK_PREFIX)) != 0 &&
		    strncmp(e->d_name, SEEN_PREFIX, strlen(SEEN_PREFIX)) != 0 &&
		    strncmp(e->d_name, REPS_PREFIX, strlen(REPS_PREFIX)) != 0 &&
		    strncmp(e->d_name, MREPS_PREFIX, strlen(MREPS_PREFIX)) != 0 &&
		    strncmp(e->d_name, CKROWS_PREFIX, strlen(CKROWS_PREFIX)) != 0)
			continue;
		for (i = 0; i < n; i++) {
			checkpoint_name(name, sizeof name, months[i], fps[i]);
			if (strcmp(name + strlen(CK_DIR) + 1, e->d_name) == 0)
				break;
			seen_name(name, sizeof name, months[i], fps[i]);
			if (strcmp(name + strlen(CK_DIR) + 1, e->d_name) == 0)
				break;
			reps_name(name, sizeof name, months[i], fps[i]);
			if (strcmp(name + strlen(CK_DIR) + 1, e->d_name) == 0)
				break;
			mreps_name(name, sizeof name, months[i], fps[i]);
			if (strcmp(name + strlen(CK_DIR) + 1, e->d_name) == 0)
				break;
			ckrows_name(name, sizeof name, months[i], fps[i]);
			if (strcmp(name + strlen(CK_DIR) + 1, e->d_name) == 0)
				break;
		}
		if (i < n || strlen(e->d_name) >= sizeof *list)
			continue;
		list = xreallocarray(list, ngone + 1, sizeof *list);
		memcpy(list[ngone++], e->d_name, strlen(e->d_name) + 1);
	}
	closedir(d);
	/* The seen files first: without one its checkpoint is not used. */
	for (k = 0; k < ngone; k++)
		if (strncmp(list[k], SEEN_PREFIX, strlen(SEEN_PREFIX)) == 0)
			store_prune(s, CK_DIR, list[k], NULL);
	for (k = 0; k < ngone; k++)
		if (strncmp(list[k], SEEN_PREFIX, strlen(SEEN_PREFIX)) != 0)
			store_prune(s, CK_DIR, list[k], NULL);
	free(list);
}

/* How many months are complete before today's; *due: is the checkpoint of
 * the last of them missing? */
static size_t
complete_months(struct store *s, const ledger_month *months, const uint64_t *fps,
		size_t nm, date_t today, int *due)
{
	ledger_month done = ledger_month_of(today) - 1;
	char name[64];
	size_t n = 0;

	while (n < nm && months[n] <= done)
		n++;
	*due = 0;
	if (n) {
		/* The seen file is written last: with it, both are there. */
		seen_name(name, sizeof name, months[n - 1], fps[n - 1]);
		*due = !store_exists(s, name);
	}
	return n;
}

/* Every complete month's checkpoint that is missing, replaying from the
 * newest valid one (so only the months since it), then the checkpoints of
 * other fingerprints removed. */
static void
write_checkpoints(struct store *s, const struct stages *st, date_t today)
{
	struct history *h = history_new(s, st, HIST_WANT_ACCOUNT | HIST_WANT_PRODUCT);
	uint64_t *fps = fingerprints(s, h->months, h->nm);
	struct buf lines = BUF_INIT, sorted = BUF_INIT;
	const struct hist_event *ev;
	const char *rep, *split;
	char name[64], prefix[32];
	ledger_month m;
	size_t i, n;
	long k;
	int due;

	n = complete_months(s, h->months, fps, h->nm, today, &due);
	h->ahead_to = n;
	if (due) {
		for (k = start(h, fps, ledger_month_of(today)), i = (size_t)(k + 1); i < n; i++) {
			m = h->months[i];
			buf_reset(&lines);
			while ((ev = history_next(h, ledger_month_last(m)))) {
				rep = history_name(h, HIST_REP, ev->after->rep);
				split = history_name(h, HIST_SPLIT, ev->after->split);
				dealindex_reps_row(&lines, rep, strlen(rep), split, strlen(split),
				    ev->deal);
			}
			write_checkpoint(h, m, fps[i]);
			buf_reset(&sorted);
			buf_adds(&sorted, REPS_SORTED);
			dealindex_reps_sort(&sorted, "", 0, lines.data, lines.len);
			mreps_name(name, sizeof name, m, fps[i]);
			store_replace_data(s, name, sorted.data, sorted.len);
			snprintf(prefix, sizeof prefix, MREPS_PREFIX "%04d-%02d-", m / 12,
			    m % 12 + 1);
			store_prune(s, CK_DIR, prefix, name + strlen(CK_DIR) + 1);
		}
		prune_stale(s, h->months, fps, n);
	}
	buf_free(&lines);
	buf_free(&sorted);
	free(fps);
	history_close(h);
}

/* history_deal_max's filter: a plain deal id is taken from the raw line,
 * which is not split; anything else is split and looked at. */
struct max_scan {
	int col;
	size_t max;
};

static int
max_row(const struct tsv_reader *r, const char *line, size_t len, void *arg)
{
	struct max_scan *m = arg;
	const char *f;
	char id[32];
	size_t n, k;

	/* A torn or ragged line is split, and so not counted, as before. */
	if (r->no_final_newline || tsv_count_fields(line, len) != r->ncols ||
	    !tsv_raw_field(line, len, m->col, &f, &n) || n >= sizeof id)
		return 1;
	memcpy(id, f, n);
	id[n] = '\0';
	if (!genid_check(id, 'D') && (k = (size_t)strtoull(id + 1, NULL, 10)) > m->max)
		m->max = k;
	return 0;
}

size_t
history_deal_max(struct store *s)
{
	ledger_month *months;
	char name[LEDGER_PATHSZ];
	struct tsv_reader *r;
	struct max_scan m;
	uint64_t *fps;
	size_t nm, i, max = 0, k;
	int fd, c, st;

	if (dealindex_max(s, &max) == 0)
		return max;
	nm = ledger_months(s, "deals", DATE_MIN, DATE_MAX, &months);
	fps = fingerprints(s, months, nm);
	/* The newest month whose number is kept, then every month after it. */
	for (i = nm; i-- > 0 && !read_seen(s, months[i], fps[i], &max);)
		;
	for (i++; i < nm; i++) {
		if ((fd = ledger_open(s, "deals", months[i])) < 0)
			continue;
		ledger_month_path(name, "deals", months[i]);
		r = tsv_open(fd, name);
		if (tsv_header(r) != TSV_ROW || (c = tsv_col(r, "deal")) < 0)
			die("%s: no deal column; run sales-check", name);
		m.col = c;
		m.max = max;
		tsv_filter(r, max_row, &m);
		/* A bad row (a torn tail) is for the writer's own checks to report. */
		while ((st = tsv_next(r)) != TSV_EOF) {
			if (st == TSV_IOERR)
				die("%s", tsv_error(r));
			if (st == TSV_ROW && !genid_check(r->f[c], 'D') &&
			    (k = (size_t)strtoull(r->f[c] + 1, NULL, 10)) > m.max)
				m.max = k;
		}
		max = m.max;
		tsv_close(r);
		close(fd);
	}
	free(fps);
	free(months);
	return max;
}

/* Start job in a child, quiet: what fails there is not the writer's
 * failure (the change is made by then).  Its pid, or -1 when there is
 * none. */
static pid_t
start_child(struct store *s, const struct stages *st, date_t today,
	    int (*job)(struct store *, const struct stages *, date_t))
{
	pid_t pid;
	int fd;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(1);
		_exit(job(s, st, today));
	}
	return pid < 0 ? -1 : pid;
}

/* Wait for the child pid of start_child(): its exit status (its job's,
 * or 1 when it died), or -1 when there was none. */
static int
wait_child(pid_t pid)
{
	int status;

	if (pid < 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Run job in a child and wait for it. */
static int
in_child(struct store *s, const struct stages *st, date_t today,
	 int (*job)(struct store *, const struct stages *, date_t))
{
	return wait_child(start_child(s, st, today, job));
}

/* The background's other caches, if any, for sync_index() to ask about. */
static const struct history_cache *const *more_caches;

/* The deal index brought up to date; then 4 when one of more_caches is
 * missing, else 0 (most writes). */
static int
sync_index(struct store *s, const struct stages *st, date_t today)
{
	size_t i;

	(void)st;
	dealindex_sync(s);
	for (i = 0; more_caches && more_caches[i]; i++)
		if (!more_caches[i]->beside && more_caches[i]->due(s, today))
			return 4;
	return 0;
}

/* Each of more's caches made that runs after the checkpoints (each make()
 * does nothing when its cache is there), each in a child of its own. */
static void
make_caches(struct store *s, const struct stages *st, date_t today,
	    const struct history_cache *const *more)
{
	size_t i;

	for (i = 0; more && more[i]; i++)
		if (!more[i]->beside)
			in_child(s, st, today, more[i]->make);
}

/* The caches of more_caches that run beside the checkpoints, each made
 * when it is due. */
static int
make_beside(struct store *s, const struct stages *st, date_t today)
{
	size_t i;

	for (i = 0; more_caches && more_caches[i]; i++)
		if (more_caches[i]->beside && more_caches[i]->due(s, today))
			more_caches[i]->make(s, st, today);
	return 0;
}

/* Is one of more's caches made beside the checkpoints? */
static int
any_beside(const struct history_cache *const *more)
{
	size_t i;

	for (i = 0; more && more[i]; i++)
		if (more[i]->beside)
			return 1;
	return 0;
}

/* Is a month's checkpoint missing? */
static int
checkpoints_due(struct store *s, date_t today)
{
	ledger_month *months;
	size_t nm = ledger_months(s, "deals", DATE_MIN, DATE_MAX, &months);
	uint64_t *fps = fingerprints(s, months, nm);
	int due;

	complete_months(s, months, fps, nm, today, &due);
	free(fps);
	free(months);
	return due;
}

/* The activity index brought up to date (actindex.h). */
static int
sync_activities(struct store *s, const struct stages *st, date_t today)
{
	(void)st;
	(void)today;
	actindex_sync(s);
	return 0;
}

static int
write_checkpoints_now(struct store *s, const struct stages *st, date_t today)
{
	/* A writer of no deal (quota-set) has not loaded them: the child does. */
	write_checkpoints(s, st ? st : stages_load(s), today);
	return 0;
}

void
history_checkpoint(struct store *s, const struct stages *st, date_t today,
		   const struct history_cache *const *more)
{
	pid_t indexer, replayer, beside;
	int due;

	/*
	 * In the background, with the lock: the writer goes on at once, and
	 * the next program waits until the index and any checkpoint due are
	 * written.  Each in a child of its own, so that a failure of one
	 * does not keep the other, and the two at the same time: neither
	 * reads what the other writes, and after a bulk load each is a
	 * replay of the new month (on two cores, the time of the longer
	 * instead of the sum).  A checkpoint is due when the stat of the
	 * ledger's months says so; more's caches, which may read the
	 * checkpoints, after both, when the index's child says one is due or
	 * could not say (-1 or 1: it died syncing the index, or did not run);
	 * a cache that reads none this write makes (history.h's beside) at
	 * the same time as they are made, when it is due.
	 */
	if (store_fork_background(s) == 0) {
		more_caches = more;
		indexer = start_child(s, st, today, sync_index);
		replayer = checkpoints_due(s, today) ?
		    start_child(s, st, today, write_checkpoints_now) : -1;
		beside = any_beside(more) ? start_child(s, st, today, make_beside) : -1;
		due = wait_child(indexer);
		wait_child(replayer);
		wait_child(beside);
		if (due < 0 || due == 1 || due & 4)
			make_caches(s, st, today, more);
		in_child(s, st, today, sync_activities);
		store_background_exit(s);
	}
}

void
history_checkpoint_wait(struct store *s, const struct stages *st, date_t today,
			const struct history_cache *const *more)
{
	size_t i;

	in_child(s, st, today, sync_index);
	in_child(s, st, today, write_checkpoints_now);
	make_caches(s, st, today, more);
	for (i = 0; more && more[i]; i++)
		if (more[i]->beside)
			in_child(s, st, today, more[i]->make);
	in_child(s, st, today, sync_activities);
}
