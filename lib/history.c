/* history: one replay of the deal ledger (see history.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "history.h"
#include "id.h"
#include "intern.h"
#include "ledger.h"
#include "money.h"
#include "scan.h"
#include "tsv.h"
#include "xalloc.h"

/* One event row, parsed: 40 bytes (its date is a day of the file's month). */
struct rec {
	int64_t amount;
	uint32_t deal, rep, account, product, line;
	date_t expected, opened;
	int16_t stage;
	uint8_t kind, day;		/* day: 0 for the month's first */
};

/* The first day and length of a month, by (year * 12 + month) & 15. */
struct month_seen {
	int month, days;
	date_t first;
};

/* The last id of a kind met, for the common run of rows of one rep. */
struct last_id {
	size_t len;			/* (size_t)-1: none yet */
	uint32_t i;
};

struct history {
	struct store *s;
	const struct stages *st;
	size_t *stage_len;
	int decimals;
	struct intern *ids[HIST_NIDS];
	unsigned want;			/* 1 << id: interned */
	struct last_id last[HIST_NIDS];
	struct month_seen seen[16];
	/* every deal's state, by number, and the open ones as bits */
	struct hist_deal **block;
	uint64_t **open;
	size_t nblocks;
	/* the month files, and the next one to read */
	ledger_month *months;
	size_t nm, next_month;
	/* the month being replayed: its records in date order */
	struct rec *rec, *sorted;	/* sorted: the other buffer */
	size_t nrec, cap, pos;
	char name[LEDGER_PATHSZ], prefix[16];
	date_t first, last_day;
	struct hist_deal before;
	struct hist_event ev;
	size_t max_deal;		/* the highest deal number met */
};

enum { F_DATE, F_DEAL, F_EVENT, F_REP, F_ACCOUNT, F_PRODUCT, F_AMOUNT, F_STAGE,
	F_EXPECTED, F_OPENED, NF };
static const char *const row_cols[NF] = {
	"date", "deal", "event", "rep", "account", "product", "amount", "stage",
	"expected", "opened"
};

static _Noreturn void
bad_field(const struct scan_row *row, size_t i, const char *what)
{
	char v[256];

	die("%s:%lu: %s '%s'; run sales-check", row->name, row->line, what,
	    scan_text(row, i, v, sizeof v));
}

/* Two decimal digits as a number, or -1. */
static int
two_digits(const char *p)
{
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return -1;
	return (p[0] - '0') * 10 + (p[1] - '0');
}

/*
 * "YYYY-MM-DD" of n bytes: what date_parse() accepts, without a copy.  The
 * first day and length of the last months met are kept in seen: a
 * ledger's dates fall in a few months.
 */
static int
parse_date(struct month_seen *seen, const char *p, size_t n, date_t *out)
{
	int c, y, m, d, k;

	if (n != 10 || p[4] != '-' || p[7] != '-' || (c = two_digits(p)) < 0 ||
	    (y = two_digits(p + 2)) < 0 || (m = two_digits(p + 5)) < 0 ||
	    (d = two_digits(p + 8)) < 0 || c < 10 || m < 1 || m > 12)
		return -1;
	y += c * 100;
	k = (y * 12 + m) & 15;
	if (seen[k].month != y * 12 + m) {
		seen[k].month = y * 12 + m;
		seen[k].first = date_from_ymd(y, m, 1);
		seen[k].days = days_in_month(y, m);
	}
	if (d < 1 || d > seen[k].days)
		return -1;
	*out = seen[k].first + d - 1;
	return 0;
}

/* The event's date: a day of the file's month (sales-check says the same). */
static date_t
row_date(struct history *h, const struct scan_row *row)
{
	const char *p = row->f[F_DATE];
	date_t d;
	int day;

	if ((day = scan_day(row, F_DATE, h->prefix)) && day <= h->last_day - h->first + 1)
		return h->first + day - 1;
	if (parse_date(h->seen, p, row->len[F_DATE], &d) < 0)
		bad_field(row, F_DATE, "bad date");
	die("%s:%lu: date '%.10s' is not in %.7s; run sales-check", row->name, row->line, p,
	    h->prefix);
}

static date_t
row_other_date(struct history *h, const struct scan_row *row, size_t i, const char *what)
{
	date_t d;

	if (i == F_EXPECTED && row->len[i] == 0)
		return HIST_NO_DATE;
	if (parse_date(h->seen, row->f[i], row->len[i], &d) < 0)
		bad_field(row, i, what);
	return d;
}

/* D and a number without a leading zero, below 10^9 (it indexes an array). */
static uint32_t
row_deal(const struct scan_row *row)
{
	const char *p = row->f[F_DEAL];
	size_t n = row->len[F_DEAL], i;
	uint32_t k = 0;

	if (n < 2 || n > 10 || p[0] != 'D' || p[1] == '0')
		bad_field(row, F_DEAL, "bad deal id");
	for (i = 1; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			bad_field(row, F_DEAL, "bad deal id");
		k = k * 10 + (uint32_t)(p[i] - '0');
	}
	return k;
}

/* Plain digits with at most the currency's decimals are read here; any
 * other text goes to money_parse(), which also says what is wrong. */
static int64_t
row_amount(const struct history *h, const struct scan_row *row)
{
	const char *p = row->f[F_AMOUNT], *end = p + row->len[F_AMOUNT], *why;
	int whole = 0, frac = -1;
	int64_t v = 0;
	char *text;

	for (; p < end; p++) {
		if (*p >= '0' && *p <= '9') {
			v = v * 10 + (*p - '0');
			if (frac >= 0)
				frac++;
			else if (++whole > 16)
				break;
		} else if (*p != '.' || frac >= 0)
			break;
		else
			frac = 0;
	}
	if (p == end && whole && frac != 0 && frac <= h->decimals) {
		for (frac = frac < 0 ? 0 : frac; frac < h->decimals; frac++)
			v *= 10;
		return v;
	}
	text = xstrndup(row->f[F_AMOUNT], row->len[F_AMOUNT]);
	if (money_parse(text, &v, &why) < 0)
		die("%s:%lu: amount '%s' %s; run sales-check", row->name, row->line, text, why);
	free(text);
	return v;
}

static int16_t
row_stage(const struct history *h, const struct scan_row *row)
{
	const char *s = row->f[F_STAGE];
	size_t i, n = row->len[F_STAGE];

	for (i = 0; i < h->st->n; i++)
		if (h->stage_len[i] == n && scan_same(h->st->v[i].name, s, n))
			return (int16_t)i;
	bad_field(row, F_STAGE, "unknown stage");
}

static uint32_t
id_of(struct history *h, enum hist_id which, const char *p, size_t n)
{
	struct last_id *l = &h->last[which];

	if (!(h->want & 1u << which))
		return 0;
	if (n == l->len && scan_same(p, intern_name(h->ids[which], l->i), n))
		return l->i;
	l->i = (uint32_t)intern_add(h->ids[which], p, n);
	l->len = n;
	return l->i;
}

/* scan_month's callback: one row into the month's records. */
static void
take_row(void *arg, const struct scan_row *row)
{
	struct history *h = arg;
	struct rec *r;
	int ev;

	if (h->nrec == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 4096;
		h->rec = xreallocarray(h->rec, h->cap, sizeof *h->rec);
	}
	r = &h->rec[h->nrec++];
	r->day = (uint8_t)(row_date(h, row) - h->first);
	r->deal = row_deal(row);
	if ((ev = deal_event_parse(row->f[F_EVENT], row->len[F_EVENT])) < 0)
		bad_field(row, F_EVENT, "unknown event");
	r->kind = (uint8_t)ev;
	r->rep = id_of(h, HIST_REP, row->f[F_REP], row->len[F_REP]);
	r->account = id_of(h, HIST_ACCOUNT, row->f[F_ACCOUNT], row->len[F_ACCOUNT]);
	r->product = id_of(h, HIST_PRODUCT, row->f[F_PRODUCT], row->len[F_PRODUCT]);
	r->amount = row_amount(h, row);
	r->stage = row_stage(h, row);
	r->expected = row_other_date(h, row, F_EXPECTED, "bad expected date");
	r->opened = row_other_date(h, row, F_OPENED, "bad opened date");
	r->line = (uint32_t)row->line;
}

/* The month's records in date order, the ledger's order within a day:
 * a counting sort over the month's days (stable) into the second buffer,
 * unless they are in order already, as a writer appends them. */
static void
order_month(struct history *h)
{
	size_t at[33] = { 0 }, i, day;
	struct rec *t;
	int sorted = 1;

	for (i = 0; i < h->nrec; i++) {
		at[h->rec[i].day + 1]++;
		sorted &= i == 0 || h->rec[i].day >= h->rec[i - 1].day;
	}
	if (sorted)
		return;
	h->sorted = xreallocarray(h->sorted, h->cap, sizeof *h->sorted);
	for (day = 1; day < 33; day++)
		at[day] += at[day - 1];
	for (i = 0; i < h->nrec; i++)
		h->sorted[at[h->rec[i].day]++] = h->rec[i];
	t = h->rec;
	h->rec = h->sorted;
	h->sorted = t;
}

static void
read_month(struct history *h, ledger_month m)
{
	int y = m / 12, mo = m % 12 + 1;

	h->first = date_from_ymd(y, mo, 1);
	h->last_day = h->first + days_in_month(y, mo) - 1;
	snprintf(h->prefix, sizeof h->prefix, "%04d-%02d-", y, mo);
	ledger_month_path(h->name, "deals", m);
	h->nrec = h->pos = 0;
	scan_month(h->s, "deals", m, row_cols, NF, take_row, h);
	order_month(h);
}

/*
 * The states, by deal number, in blocks of DEAL_BLOCK allocated (zeroed:
 * DEAL_NONE) when a number in them is first met: growing copies nothing,
 * and numbers never used cost nothing.  Each block has the bits of its
 * open deals.
 */
#define DEAL_BLOCK 65536

static struct hist_deal *
deal_slot(struct history *h, size_t k)
{
	size_t b = k / DEAL_BLOCK, n;

	if (b >= h->nblocks) {
		n = b * 2 + 16;
		h->block = xreallocarray(h->block, n, sizeof *h->block);
		h->open = xreallocarray(h->open, n, sizeof *h->open);
		memset(h->block + h->nblocks, 0, (n - h->nblocks) * sizeof *h->block);
		memset(h->open + h->nblocks, 0, (n - h->nblocks) * sizeof *h->open);
		h->nblocks = n;
	}
	if (!h->block[b]) {
		h->block[b] = xcalloc(DEAL_BLOCK, sizeof **h->block);
		h->open[b] = xcalloc(DEAL_BLOCK / 64, sizeof **h->open);
	}
	return &h->block[b][k % DEAL_BLOCK];
}

static void
mark_open(struct history *h, size_t k, int open)
{
	uint64_t *w = &h->open[k / DEAL_BLOCK][k % DEAL_BLOCK / 64];

	if (open)
		*w |= (uint64_t)1 << (k % 64);
	else
		*w &= ~((uint64_t)1 << (k % 64));
}

static const struct hist_event *
apply(struct history *h, const struct rec *r)
{
	struct hist_deal *d = deal_slot(h, r->deal);

	if (r->deal > h->max_deal)
		h->max_deal = r->deal;
	h->before = *d;
	d->amount = r->amount;
	d->rep = r->rep;
	d->account = r->account;
	d->product = r->product;
	d->expected = r->expected;
	d->opened = r->opened;
	d->last = h->first + r->day;
	d->stage = r->stage;
	d->state = (uint8_t)deal_state_after((enum deal_event)r->kind,
	    h->st->v[r->stage].state);
	mark_open(h, r->deal, d->state == DEAL_OPEN);
	h->ev.kind = (enum deal_event)r->kind;
	h->ev.date = h->first + r->day;
	h->ev.deal = r->deal;
	h->ev.before = &h->before;
	h->ev.after = d;
	h->ev.file = h->name;
	h->ev.line = r->line;
	return &h->ev;
}

const struct hist_event *
history_next(struct history *h, date_t until)
{
	const struct rec *r;
	ledger_month m;

	while (h->pos == h->nrec) {
		if (h->next_month == h->nm)
			return NULL;
		m = h->months[h->next_month];
		if (date_from_ymd(m / 12, m % 12 + 1, 1) > until)
			return NULL;
		h->next_month++;
		read_month(h, m);
	}
	r = &h->rec[h->pos];
	if (h->first + r->day > until)
		return NULL;
	/* The states of the next events' deals are far apart in a big table:
	 * ask for them early. */
	if (h->pos + 16 < h->nrec && h->rec[h->pos + 16].deal / DEAL_BLOCK < h->nblocks &&
	    h->block[h->rec[h->pos + 16].deal / DEAL_BLOCK])
		__builtin_prefetch(&h->block[h->rec[h->pos + 16].deal / DEAL_BLOCK]
		    [h->rec[h->pos + 16].deal % DEAL_BLOCK], 1);
	h->pos++;
	return apply(h, r);
}

const struct hist_deal *
history_deal(const struct history *h, size_t k)
{
	static const struct hist_deal none;

	if (k / DEAL_BLOCK >= h->nblocks || !h->block[k / DEAL_BLOCK])
		return &none;
	return &h->block[k / DEAL_BLOCK][k % DEAL_BLOCK];
}

size_t
history_next_open(const struct history *h, size_t k)
{
	size_t b = k / DEAL_BLOCK, i = k % DEAL_BLOCK / 64;
	uint64_t w;

	for (; b < h->nblocks; b++, i = 0, k = b * DEAL_BLOCK) {
		if (!h->open[b])
			continue;
		for (w = h->open[b][i] & (~(uint64_t)0 << (k % 64)); ; w = h->open[b][i]) {
			if (w)
				return b * DEAL_BLOCK + i * 64 + (size_t)__builtin_ctzll(w);
			if (++i == DEAL_BLOCK / 64)
				break;
		}
	}
	return HIST_END;
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

/*
 * Checkpoints (history.h).  The fingerprint of month i hashes the format
 * and the name, size and modification time of every month file up to i.
 */
#define CK_DIR "cache"
#define CK_PREFIX "open-"
#define CK_FORMAT "deal\trep\taccount\tproduct\tamount\tstage\texpected\topened\tdate"
enum { CK_DEAL, CK_REP, CK_ACCOUNT, CK_PRODUCT, CK_AMOUNT, CK_STAGE, CK_EXPECTED,
	CK_OPENED, CK_DATE, CK_NCOLS };

static uint64_t *
fingerprints(struct store *s, const ledger_month *months, size_t nm)
{
	uint64_t *fp = xcalloc(nm ? nm : 1, sizeof *fp);
	uint64_t h = intern_hash(INTERN_HASH_SEED, CK_FORMAT, sizeof CK_FORMAT - 1);
	char path[LEDGER_PATHSZ];
	struct stat st;
	int64_t item[4];
	size_t i;

	for (i = 0; i < nm; i++) {
		ledger_month_path(path, "deals", months[i]);
		if (store_stat(s, path, &st) < 0)
			memset(&st, 0, sizeof st);
		item[0] = months[i];
		item[1] = st.st_size;
		item[2] = st.st_mtim.tv_sec;
		item[3] = st.st_mtim.tv_nsec;
		fp[i] = h = intern_hash(h, item, sizeof item);
	}
	return fp;
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
			memset(h->open[b], 0, DEAL_BLOCK / 64 * sizeof **h->open);
		}
}

/* One open deal of a checkpoint; 0 if anything is off. */
static int
checkpoint_row(struct history *h, char **f, const size_t *len)
{
	const struct stage *stage = stage_find(h->st, f[CK_STAGE]);
	struct hist_deal *d;
	date_t expected = HIST_NO_DATE, opened, last;
	int64_t amount;
	size_t k = 0, i;

	if (len[CK_DEAL] < 2 || len[CK_DEAL] > 10 || f[CK_DEAL][0] != 'D' ||
	    f[CK_DEAL][1] == '0' || !stage || stage->state != STAGE_OPEN ||
	    money_parse(f[CK_AMOUNT], &amount, NULL) < 0 ||
	    (len[CK_EXPECTED] &&
	    parse_date(h->seen, f[CK_EXPECTED], len[CK_EXPECTED], &expected) < 0) ||
	    parse_date(h->seen, f[CK_OPENED], len[CK_OPENED], &opened) < 0 ||
	    parse_date(h->seen, f[CK_DATE], len[CK_DATE], &last) < 0)
		return 0;
	for (i = 1; i < len[CK_DEAL]; i++) {
		if (f[CK_DEAL][i] < '0' || f[CK_DEAL][i] > '9')
			return 0;
		k = k * 10 + (size_t)(f[CK_DEAL][i] - '0');
	}
	d = deal_slot(h, k);
	d->amount = amount;
	d->rep = id_of(h, HIST_REP, f[CK_REP], len[CK_REP]);
	d->account = id_of(h, HIST_ACCOUNT, f[CK_ACCOUNT], len[CK_ACCOUNT]);
	d->product = id_of(h, HIST_PRODUCT, f[CK_PRODUCT], len[CK_PRODUCT]);
	d->expected = expected;
	d->opened = opened;
	d->last = last;
	d->stage = (int16_t)(stage - h->st->v);
	d->state = DEAL_OPEN;
	mark_open(h, k, 1);
	return 1;
}

static int
read_checkpoint(struct history *h, const char *name)
{
	struct tsv_reader *r;
	int fd = store_open_read(h->s, name), st, ok;
	struct buf hdr = BUF_INIT;
	size_t i;

	if (fd < 0)
		return 0;
	r = tsv_open(fd, name);
	ok = tsv_header(r) == TSV_ROW && r->ncols == CK_NCOLS;
	for (i = 0; ok && i < r->ncols; i++)
		buf_printf(&hdr, "%s%s", i ? "\t" : "", r->cols[i]);
	ok = ok && strcmp(hdr.data, CK_FORMAT) == 0;
	while (ok && (st = tsv_next(r)) != TSV_EOF)
		ok = st == TSV_ROW && !r->no_final_newline && checkpoint_row(h, r->f, r->flen);
	buf_free(&hdr);
	tsv_close(r);
	close(fd);
	if (!ok)
		forget(h);
	return ok;
}

/* Start from the newest valid checkpoint of a month before `before`: the
 * index of its month, or -1 (then from nothing).  The replay goes on with
 * the next month file. */
static long
start(struct history *h, const uint64_t *fps, ledger_month before)
{
	char name[64];
	size_t i;

	for (i = h->nm; i-- > 0;) {
		if (h->months[i] >= before)
			continue;
		checkpoint_name(name, sizeof name, h->months[i], fps[i]);
		if (read_seen(h->s, h->months[i], fps[i], &h->max_deal) &&
		    read_checkpoint(h, name)) {
			h->next_month = i + 1;
			return (long)i;
		}
	}
	h->next_month = 0;
	return -1;
}

static struct history *
history_new(struct store *s, const struct stages *st, unsigned want)
{
	struct history *h = xcalloc(1, sizeof *h);
	size_t i;

	h->s = s;
	h->st = st;
	h->want = 1u << HIST_REP | (want & HIST_WANT_ACCOUNT ? 1u << HIST_ACCOUNT : 0) |
	    (want & HIST_WANT_PRODUCT ? 1u << HIST_PRODUCT : 0);
	h->decimals = money_decimals();
	h->stage_len = xcalloc(st->n + 1, sizeof *h->stage_len);
	for (i = 0; i < st->n; i++)
		h->stage_len[i] = strlen(st->v[i].name);
	for (i = 0; i < HIST_NIDS; i++) {
		h->ids[i] = intern_new();
		h->last[i].len = (size_t)-1;
		if (!(h->want & 1u << i))
			intern_add(h->ids[i], "", 0);	/* id 0: not read */
	}
	h->nm = ledger_months(s, "deals", DATE_MIN, DATE_MAX, &h->months);
	return h;
}

struct history *
history_open(struct store *s, const struct stages *st, date_t from, unsigned want)
{
	struct history *h = history_new(s, st, want);
	uint64_t *fps = fingerprints(s, h->months, h->nm);

	start(h, fps, from > DATE_MIN ? ledger_month_of(from) : ledger_month_of(DATE_MIN));
	free(fps);
	while (from > DATE_MIN && history_next(h, from - 1))
		;
	return h;
}

void
history_close(struct history *h)
{
	size_t i;

	if (!h)
		return;
	for (i = 0; i < HIST_NIDS; i++)
		intern_free(h->ids[i]);
	free(h->stage_len);
	for (i = 0; i < h->nblocks; i++) {
		free(h->block[i]);
		free(h->open[i]);
	}
	free(h->block);
	free(h->open);
	free(h->months);
	free(h->rec);
	free(h->sorted);
	free(h);
}

static void
write_checkpoint(struct history *h, ledger_month m, uint64_t fp)
{
	const struct hist_deal *d;
	struct buf b = BUF_INIT;
	char name[64], prefix[32], money[MONEY_BUFSZ], date[DATE_BUFSZ];
	size_t k;
	int c;

	buf_adds(&b, CK_FORMAT "\n");
	for (k = history_next_open(h, 0); k != HIST_END; k = history_next_open(h, k + 1)) {
		d = history_deal(h, k);
		buf_printf(&b, "D%zu", k);
		for (c = 0; c < HIST_NIDS; c++) {
			const char *id = history_name(h, (enum hist_id)c,
			    c == HIST_REP ? d->rep : c == HIST_ACCOUNT ? d->account : d->product);

			buf_addc(&b, '\t');
			tsv_escape(&b, id, strlen(id));
		}
		buf_printf(&b, "\t%s\t", money_format(d->amount, money));
		tsv_escape(&b, h->st->v[d->stage].name, strlen(h->st->v[d->stage].name));
		buf_printf(&b, "\t%s", d->expected == HIST_NO_DATE ? "" :
		    date_format(d->expected, date));
		buf_printf(&b, "\t%s", date_format(d->opened, date));
		buf_printf(&b, "\t%s\n", date_format(d->last, date));
	}
	checkpoint_name(name, sizeof name, m, fp);
	store_replace_data(h->s, name, b.data, b.len);
	snprintf(prefix, sizeof prefix, CK_PREFIX "%04d-%02d-", m / 12, m % 12 + 1);
	store_prune(h->s, CK_DIR, prefix, name + strlen(CK_DIR) + 1);
	buf_reset(&b);
	buf_printf(&b, "kind\tmax\ndeal\t%zu\n", h->max_deal);
	seen_name(name, sizeof name, m, fp);
	store_replace_data(h->s, name, b.data, b.len);
	snprintf(prefix, sizeof prefix, SEEN_PREFIX "%04d-%02d-", m / 12, m % 12 + 1);
	store_prune(h->s, CK_DIR, prefix, name + strlen(CK_DIR) + 1);
	buf_free(&b);
}

/* Every complete month's checkpoint that is missing, replaying from the
 * newest valid one. */
static void
write_checkpoints(struct store *s, const struct stages *st, date_t today)
{
	struct history *h = history_new(s, st, HIST_WANT_ACCOUNT | HIST_WANT_PRODUCT);
	uint64_t *fps = fingerprints(s, h->months, h->nm);
	ledger_month done = ledger_month_of(today) - 1, m;
	char name[64];
	size_t i, n = 0;
	long k;

	while (n < h->nm && h->months[n] <= done)
		n++;
	if (n) {
		/* The seen file is written last: with it, both are there. */
		seen_name(name, sizeof name, h->months[n - 1], fps[n - 1]);
		if (!store_exists(s, name))
			for (k = start(h, fps, done + 1), i = (size_t)(k + 1); i < n; i++) {
				m = h->months[i];
				while (history_next(h, date_from_ymd(m / 12, m % 12 + 1,
				    days_in_month(m / 12, m % 12 + 1))))
					;
				write_checkpoint(h, m, fps[i]);
			}
	}
	free(fps);
	history_close(h);
}

size_t
history_deal_max(struct store *s)
{
	ledger_month *months;
	char name[LEDGER_PATHSZ];
	struct tsv_reader *r;
	uint64_t *fps;
	size_t nm, i, max = 0, k;
	int fd, c, st;

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
		/* A bad row (a torn tail) is for the writer's own checks to report. */
		while ((st = tsv_next(r)) != TSV_EOF) {
			if (st == TSV_IOERR)
				die("%s", tsv_error(r));
			if (st == TSV_ROW && !genid_check(r->f[c], 'D') &&
			    (k = (size_t)strtoull(r->f[c] + 1, NULL, 10)) > max)
				max = k;
		}
		tsv_close(r);
		close(fd);
	}
	free(fps);
	free(months);
	return max;
}

void
history_checkpoint(struct store *s, const struct stages *st, date_t today)
{
	pid_t pid;
	int status, fd;

	fflush(NULL);
	if ((pid = fork()) < 0)
		return;		/* no checkpoint this time: it is a cache */
	if (pid == 0) {
		/* Quiet: what fails here is not the writer's failure. */
		fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(1);
		write_checkpoints(s, st, today);
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
}
