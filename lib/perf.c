#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "deal.h"
#include "err.h"
#include "id.h"
#include "ledger.h"
#include "money.h"
#include "perf.h"
#include "tsv.h"
#include "xalloc.h"

/* The state of one deal during the replay, indexed by its number. */
struct dstate {
	int64_t amount;
	uint32_t rep;
	int16_t stage;		/* index in stages, if seen */
	uint8_t open;		/* 0 for a deal not seen, or closed */
};

struct replay {
	struct perf *p;
	const struct stages *st;
	struct dstate *d;
	size_t nd;
	int64_t *pipe, *wpipe, *nopen;	/* running open pipeline per rep */
	size_t nrep_cap;
	size_t max_deal;		/* the highest deal number seen */
};

static void
ensure_reps(struct replay *rp, size_t n)
{
	struct perf *p = rp->p;
	size_t old = p->cap, i;

	if (n <= p->cap)
		return;
	p->cap = n * 2 + 16;
	p->fig = xreallocarray(p->fig, p->cap * p->nslots, sizeof *p->fig);
	memset(p->fig + old * p->nslots, 0, (p->cap - old) * p->nslots * sizeof *p->fig);
	rp->pipe = xreallocarray(rp->pipe, p->cap, sizeof *rp->pipe);
	rp->wpipe = xreallocarray(rp->wpipe, p->cap, sizeof *rp->wpipe);
	rp->nopen = xreallocarray(rp->nopen, p->cap, sizeof *rp->nopen);
	for (i = old; i < p->cap; i++)
		rp->pipe[i] = rp->wpipe[i] = rp->nopen[i] = 0;
}

struct perf_fig *
perf_at(struct perf *p, size_t rep, size_t slot)
{
	return &p->fig[rep * p->nslots + slot];
}

static size_t
rep_index(struct replay *rp, const char *s, size_t n)
{
	size_t i = intern_add(rp->p->reps, s, n);

	ensure_reps(rp, i + 1);
	return i;
}

static struct dstate *
deal_state(struct replay *rp, const char *id, size_t n, const char *file, unsigned long line)
{
	size_t k = 0, i, grown;
	struct dstate *d;

	if (n < 2 || id[0] != 'D')
		die("%s:%lu: bad deal id '%s'; run sales-check", file, line, id);
	for (i = 1; i < n; i++) {
		if (id[i] < '0' || id[i] > '9' || k > 100000000)
			die("%s:%lu: bad deal id '%s'; run sales-check", file, line, id);
		k = k * 10 + (size_t)(id[i] - '0');
	}
	if (k > rp->max_deal)
		rp->max_deal = k;
	if (k >= rp->nd) {
		/* Zeroed (not open) by calloc, so that the pages of deals never
		 * seen (ids far apart, as in a checkpoint) are never touched. */
		grown = k * 2 + 1024;
		d = xcalloc(grown, sizeof *d);
		if (rp->nd)
			memcpy(d, rp->d, rp->nd * sizeof *d);
		free(rp->d);
		rp->d = d;
		rp->nd = grown;
	}
	return &rp->d[k];
}

/* Totals that overflow int64 are a data error, never a wrong number. */
static void
add_checked(int64_t *acc, int64_t v)
{
	if (__builtin_add_overflow(*acc, v, acc))
		die("totals overflow: amounts in the ledger are too large; run sales-check");
}

static void
add_cycle(struct perf_fig *f, int32_t days)
{
	if (f->ncycles == f->cycles_cap) {
		f->cycles_cap = f->cycles_cap ? f->cycles_cap * 2 : 16;
		f->cycles = xreallocarray(f->cycles, f->cycles_cap, sizeof *f->cycles);
	}
	f->cycles[f->ncycles++] = days;
}

/* Take the deal out of its rep's pipeline, or put it in. */
static void
pipe_move(struct replay *rp, struct dstate *d, int sign)
{
	if (!d->open)
		return;
	int64_t w;

	if (__builtin_mul_overflow(d->amount, (int64_t)rp->st->v[d->stage].probability, &w))
		die("totals overflow: amounts in the ledger are too large; run sales-check");
	add_checked(&rp->pipe[d->rep], sign * d->amount);
	add_checked(&rp->wpipe[d->rep], sign * w);
	rp->nopen[d->rep] += sign;
}

static void
snapshot(struct replay *rp, size_t slot)
{
	size_t i, n = intern_count(rp->p->reps);
	struct perf_fig *f;

	for (i = 0; i < n; i++) {
		f = perf_at(rp->p, i, slot);
		f->pipeline = rp->pipe[i];
		f->weighted100 = rp->wpipe[i];
		f->open_count = rp->nopen[i];
	}
}

static int
stage_index(const struct stages *st, const char *name)
{
	const struct stage *s = stage_find(st, name);

	return s ? (int)(s - st->v) : -1;
}

/* Apply one event row; count it if it falls in the period. */
static void
apply(struct replay *rp, struct tsv_reader *r, const int *c, const struct period *per,
      ledger_month first)
{
	const char *date = r->f[c[DL_DATE]], *why;
	struct dstate *d;
	struct perf_fig *f;
	date_t when, opened;
	int64_t amount;
	int stage;
	size_t rep, slot;
	char ev;

	if (date_parse(date, &when) < 0)
		die("%s:%lu: bad date '%s'; run sales-check", r->name, r->line, date);
	if (when > per->to)
		return;		/* after the period: not part of its state */
	if (money_parse(r->f[c[DL_AMOUNT]], &amount, &why) < 0)
		die("%s:%lu: amount '%s' %s; run sales-check", r->name, r->line,
		    r->f[c[DL_AMOUNT]], why);
	stage = stage_index(rp->st, r->f[c[DL_STAGE]]);
	if (stage < 0)
		die("%s:%lu: unknown stage '%s'; run sales-check", r->name, r->line,
		    r->f[c[DL_STAGE]]);
	rep = rep_index(rp, r->f[c[DL_REP]], r->flen[c[DL_REP]]);
	d = deal_state(rp, r->f[c[DL_DEAL]], r->flen[c[DL_DEAL]], r->name, r->line);
	pipe_move(rp, d, -1);
	ev = r->f[c[DL_EVENT]][0];
	d->amount = amount;
	d->rep = (uint32_t)rep;
	d->stage = (int16_t)stage;
	d->open = ev != 'w' && ev != 'l' && ev != 'c' &&
	    rp->st->v[stage].state == STAGE_OPEN;
	pipe_move(rp, d, +1);
	if (when < per->from)
		return;
	slot = rp->p->nslots == 1 ? 0 : (size_t)(ledger_month_of(when) - first);
	f = perf_at(rp->p, rep, slot);
	switch (ev) {
	case 'w':
		add_checked(&f->won_gross, amount);
		add_checked(&f->won, amount);
		f->won_count++;
		if (date_parse(r->f[c[DL_OPENED]], &opened) < 0)
			die("%s:%lu: bad opened date; run sales-check", r->name, r->line);
		add_cycle(f, when - opened);
		break;
	case 'l':
		f->lost_count++;
		break;
	case 'c':
		add_checked(&f->cancelled, amount);
		add_checked(&f->won, -amount);
		break;
	}
}

static struct tsv_reader *
open_month(struct store *s, const char *kind, ledger_month m, char *name, int *fd)
{
	struct tsv_reader *r;

	*fd = ledger_open(s, kind, m);
	if (*fd < 0)
		return NULL;
	ledger_month_path(name, kind, m);
	r = tsv_open(*fd, name);
	if (tsv_header(r) != TSV_ROW)
		die("%s: no header; run sales-check", name);
	return r;
}

/* Replay one month file into the deal states. */
static void
replay_month(struct replay *rp, struct store *s, ledger_month m, const struct period *per,
	     ledger_month first)
{
	char name[LEDGER_PATHSZ];
	struct tsv_reader *r;
	int c[DL_NCOLS], st, fd;

	if (!(r = open_month(s, "deals", m, name, &fd)))
		return;
	deal_cols(r, c);
	while ((st = tsv_next(r)) != TSV_EOF) {
		if (st != TSV_ROW)
			die("%s; run sales-check", tsv_error(r));
		if (r->no_final_newline)
			die("%s: the last line is torn (a crash while writing?); "
			    "run sales-check --repair", name);
		apply(rp, r, c, per, first);
	}
	tsv_close(r);
	close(fd);
}

static ledger_month load_checkpoint(struct replay *, struct store *, const ledger_month *,
				    const uint64_t *, size_t, ledger_month);
static uint64_t *fingerprints(struct store *, const ledger_month *, size_t);

static void
scan_deals(struct replay *rp, struct store *s, const struct period *per)
{
	ledger_month *months, first = ledger_month_of(per->from);
	ledger_month last = ledger_month_of(per->to), m, from;
	uint64_t *fps;
	size_t nm, i = 0;

	nm = ledger_months(s, "deals", DATE_MIN, per->to, &months);
	fps = fingerprints(s, months, nm);
	/* Start from the open deals cached at an earlier month's end, if any. */
	from = load_checkpoint(rp, s, months, fps, nm, first);
	if (from < 0)
		from = nm && months[0] < first ? months[0] : first;
	else
		from++;
	while (i < nm && months[i] < from)
		i++;
	for (m = from; m <= last; m++) {
		if (i < nm && months[i] == m) {
			i++;
			replay_month(rp, s, m, per, first);
		}
		/* A month's end inside the period: the pipeline as it stood then. */
		if (rp->p->nslots > 1 && m >= first)
			snapshot(rp, (size_t)(m - first));
	}
	if (rp->p->nslots == 1)
		snapshot(rp, 0);
	free(fps);
	free(months);
}

/*
 * Checkpoints: the open deals at the end of a month, in
 * cache/open-YYYY-MM-FINGERPRINT.tsv (deal rep amount stage).  The
 * fingerprint hashes the name, size and modification time of every deal
 * month file up to that month, so any append, repair or hand edit there
 * makes the checkpoint's name stale and it is simply not found: a reader
 * then replays from an older one, or from the first month.  Only writers
 * (under the exclusive lock) write them; they are a cache, never the truth.
 */
#define CK_DIR "cache"
#define CK_PREFIX "open-"

static uint64_t *
fingerprints(struct store *s, const ledger_month *months, size_t nm)
{
	uint64_t *fp = xcalloc(nm ? nm : 1, sizeof *fp), h = INTERN_HASH_SEED;
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

/* Forget every deal state: a checkpoint that cannot be used whole is not used. */
static void
reset(struct replay *rp)
{
	size_t i;

	for (i = 0; i < rp->nd; i++)
		rp->d[i].open = 0;
	for (i = 0; i < rp->p->cap; i++)
		rp->pipe[i] = rp->wpipe[i] = rp->nopen[i] = 0;
}

static int
read_checkpoint(struct replay *rp, struct store *s, const char *name)
{
	struct tsv_reader *r;
	struct dstate *d;
	int fd = store_open_read(s, name), st, stage, ok = 1;
	int64_t amount;

	if (fd < 0)
		return 0;
	r = tsv_open(fd, name);
	if (tsv_header(r) != TSV_ROW || r->ncols != 4)
		ok = 0;
	while (ok && (st = tsv_next(r)) != TSV_EOF) {
		stage = st == TSV_ROW ? stage_index(rp->st, r->f[3]) : -1;
		if (stage < 0 || money_parse(r->f[2], &amount, NULL) < 0 ||
		    r->flen[0] < 2 || r->f[0][0] != 'D' || r->no_final_newline) {
			ok = 0;
			break;
		}
		d = deal_state(rp, r->f[0], r->flen[0], name, r->line);
		d->amount = amount;
		d->rep = (uint32_t)rep_index(rp, r->f[1], r->flen[1]);
		d->stage = (int16_t)stage;
		d->open = 1;
		pipe_move(rp, d, +1);
	}
	tsv_close(r);
	close(fd);
	if (!ok)
		reset(rp);
	return ok;
}

static ledger_month
load_checkpoint(struct replay *rp, struct store *s, const ledger_month *months,
		const uint64_t *fps, size_t nm, ledger_month before)
{
	char name[64];
	size_t i;

	for (i = nm; i-- > 0;) {
		if (months[i] >= before)
			continue;
		checkpoint_name(name, sizeof name, months[i], fps[i]);
		if (read_seen(s, months[i], fps[i], &rp->max_deal) &&
		    read_checkpoint(rp, s, name))
			return months[i];
	}
	return -1;
}

static void
write_checkpoint(struct replay *rp, struct store *s, ledger_month m, uint64_t fp)
{
	struct buf b = BUF_INIT;
	char name[64], prefix[32], money[MONEY_BUFSZ];
	size_t k;

	buf_adds(&b, "deal\trep\tamount\tstage\n");
	for (k = 0; k < rp->nd; k++) {
		if (!rp->d[k].open)
			continue;
		buf_printf(&b, "D%zu\t%s\t%s\t%s\n", k, intern_name(rp->p->reps, rp->d[k].rep),
		    money_format(rp->d[k].amount, money), rp->st->v[rp->d[k].stage].name);
	}
	checkpoint_name(name, sizeof name, m, fp);
	store_replace_data(s, name, b.data, b.len);
	snprintf(prefix, sizeof prefix, CK_PREFIX "%04d-%02d-", m / 12, m % 12 + 1);
	store_prune(s, CK_DIR, prefix, name + strlen(CK_DIR) + 1);
	buf_reset(&b);
	buf_printf(&b, "kind\tmax\ndeal\t%zu\n", rp->max_deal);
	seen_name(name, sizeof name, m, fp);
	store_replace_data(s, name, b.data, b.len);
	snprintf(prefix, sizeof prefix, SEEN_PREFIX "%04d-%02d-", m / 12, m % 12 + 1);
	store_prune(s, CK_DIR, prefix, name + strlen(CK_DIR) + 1);
	buf_free(&b);
}

void
perf_checkpoint(struct store *s, const struct stages *st, date_t today)
{
	struct perf p = { 0 };
	struct replay rp = { 0 };
	struct period per;
	ledger_month *months, from, done = ledger_month_of(today) - 1;
	uint64_t *fps;
	char name[64];
	size_t nm, i, newest = 0;
	int any = 0;

	nm = ledger_months(s, "deals", DATE_MIN, DATE_MAX, &months);
	fps = fingerprints(s, months, nm);
	for (i = 0; i < nm && months[i] <= done; i++, any = 1)
		newest = i;
	if (any)
		seen_name(name, sizeof name, months[newest], fps[newest]);
	/* Nothing complete yet, or the newest checkpoint is there: done. */
	if (!any || store_exists(s, name)) {
		free(fps);
		free(months);
		return;
	}
	p.reps = intern_new();
	p.nslots = 1;
	rp.p = &p;
	rp.st = st;
	ensure_reps(&rp, 64);
	/* Replay from the newest valid checkpoint, writing each missing one. */
	from = load_checkpoint(&rp, s, months, fps, nm, done + 1);
	per.from = DATE_MAX;	/* no figures: only the states */
	for (i = 0; i < nm && months[i] <= done; i++) {
		if (months[i] <= from)
			continue;
		per.to = date_from_ymd(months[i] / 12, months[i] % 12 + 1,
		    days_in_month(months[i] / 12, months[i] % 12 + 1));
		replay_month(&rp, s, months[i], &per, months[i]);
		write_checkpoint(&rp, s, months[i], fps[i]);
	}
	free(rp.d);
	free(rp.pipe);
	free(rp.wpipe);
	free(rp.nopen);
	free(p.fig);
	intern_free(p.reps);
	free(fps);
	free(months);
}

size_t
perf_deal_max(struct store *s)
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
		if (!(r = open_month(s, "deals", months[i], name, &fd)))
			continue;
		if ((c = tsv_col(r, "deal")) < 0)
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

static void
scan_activities(struct replay *rp, struct store *s, const struct period *per)
{
	ledger_month *months, first = ledger_month_of(per->from);
	char name[LEDGER_PATHSZ], from[DATE_BUFSZ], to[DATE_BUFSZ];
	struct tsv_reader *r;
	size_t nm, i, rep, slot;
	int cd, cr, st, fd;
	date_t when;

	date_format(per->from, from);
	date_format(per->to, to);
	nm = ledger_months(s, "activities", per->from, per->to, &months);
	for (i = 0; i < nm; i++) {
		if (!(r = open_month(s, "activities", months[i], name, &fd)))
			continue;
		cd = tsv_col(r, "date");
		cr = tsv_col(r, "rep");
		if (cd < 0 || cr < 0)
			die("%s: no date or rep column; run sales-check", name);
		while ((st = tsv_next(r)) != TSV_EOF) {
			if (st != TSV_ROW)
				die("%s; run sales-check", tsv_error(r));
			/* ISO dates compare as text; only the period's ends need it. */
			if (strcmp(r->f[cd], from) < 0 || strcmp(r->f[cd], to) > 0)
				continue;
			rep = rep_index(rp, r->f[cr], r->flen[cr]);
			slot = 0;
			if (rp->p->nslots > 1) {
				if (date_parse(r->f[cd], &when) < 0)
					die("%s:%lu: bad date; run sales-check", name, r->line);
				slot = (size_t)(ledger_month_of(when) - first);
			}
			perf_at(rp->p, rep, slot)->activities++;
		}
		tsv_close(r);
		close(fd);
	}
	free(months);
}

struct perf *
perf_scan(struct store *s, const struct stages *st, const struct period *per,
	  date_t today, int by_month)
{
	struct replay rp = { 0 };
	struct perf *p = xcalloc(1, sizeof *p);

	p->reps = intern_new();
	p->today = today;
	p->nslots = by_month ? (size_t)(ledger_month_of(per->to) - ledger_month_of(per->from) + 1) : 1;
	rp.p = p;
	rp.st = st;
	ensure_reps(&rp, 64);
	scan_deals(&rp, s, per);
	scan_activities(&rp, s, per);
	free(rp.d);
	free(rp.pipe);
	free(rp.wpipe);
	free(rp.nopen);
	return p;
}

static int
cmp_int32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

long
perf_median2(struct perf_fig *f)
{
	size_t n = f->ncycles;

	if (n == 0)
		return -1;
	qsort(f->cycles, n, sizeof *f->cycles, cmp_int32);
	if (n % 2)
		return 2L * f->cycles[n / 2];
	return (long)f->cycles[n / 2 - 1] + f->cycles[n / 2];
}

void
perf_free(struct perf *p)
{
	size_t i, n;

	if (!p)
		return;
	n = intern_count(p->reps) * p->nslots;
	for (i = 0; i < n; i++)
		free(p->fig[i].cycles);
	free(p->fig);
	intern_free(p->reps);
	free(p);
}
