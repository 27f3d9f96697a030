#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "date.h"
#include "intern.h"
#include "money.h"
#include "period.h"
#include "quota.h"
#include "scan.h"
#include "schema.h"
#include "stats.h"
#include "store.h"
#include "table.h"
#include "target.h"
#include "tsv.h"
#include "xalloc.h"

/* A quota row that applies to the report's period. */
struct hit {
	struct period q;
	int64_t target;
	size_t order;		/* the row's place in the file */
};

static int
within(const struct period *q, const struct period *p)
{
	return q->from >= p->from && q->to <= p->to;
}

struct window {
	const struct period *p;
	int fys, col;		/* fiscal_year_start; the period column, -2: unknown */
	int y0, y1;		/* the calendar years p touches */
	int m0, m1;		/* and its first and last months, as y * 12 + m - 1 */
};

/* The number of the four digits at s, or -1. */
static int
digits4(const char *s)
{
	int i, v = 0;

	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + s[i] - '0';
	}
	return v;
}

/* w's months, once its reader's header is known. */
static void
window_start(struct window *w, const struct tsv_reader *r)
{
	int m, d;

	w->col = tsv_col(r, "period");
	date_to_ymd(w->p->from, &w->y0, &m, &d);
	w->m0 = w->y0 * 12 + m - 1;
	date_to_ymd(w->p->to, &w->y1, &m, &d);
	w->m1 = w->y1 * 12 + m - 1;
}

/* "2019-11<tab>...", the most common row: its month as y * 12 + m - 1,
 * or -1 when the line does not start so. */
static int
row_month(const char *line, size_t len)
{
	int y, m;

	if (len <= 7 || line[7] != '\t' || line[4] != '-' || (y = digits4(line)) < 0 ||
	    line[5] < '0' || line[5] > '1' || line[6] < '0' || line[6] > '9' ||
	    (m = (line[5] - '0') * 10 + line[6] - '0') < 1 || m > 12)
		return -1;
	return y * 12 + m - 1;
}

/* Does the row's period (the first field, raw, not a plain month) overlap
 * w->p?  Anything else keeps the row: quota_for() judges it. */
static int
overlaps(const struct window *w, const char *line, size_t len)
{
	struct period q;
	char f[32];
	const char *tab;
	size_t n;
	int y;

	tab = memchr(line, '\t', len);
	n = tab ? (size_t)(tab - line) : len;
	if (w->col != 0 || n >= sizeof f || memchr(line, '\\', n))
		return 1;
	memcpy(f, line, n);
	f[n] = '\0';
	/* "2019-Q2", "2019-11", "2019-W05", "2019": a year that far off
	 * cannot overlap (a week or fiscal year reaches one year over). */
	if (n >= 4 && (y = digits4(f)) >= 0 && (y < w->y0 - 1 || y > w->y1 + 1))
		return 0;
	if (period_parse(f, 0, w->fys, &q) < 0)
		return 1;
	return q.from <= w->p->to && q.to >= w->p->from;
}

/* Does the row's raw field col hold rep?  (An id is plain: a field with
 * an escape is not one.) */
static int
names(const char *line, size_t len, int col, const char *rep)
{
	const char *p = line, *end = line + len, *tab;
	size_t n = strlen(rep);
	int i;

	if (col < 0)
		return 0;
	for (i = 0; i < col; i++) {
		if (!(tab = memchr(p, '\t', (size_t)(end - p))))
			return 0;
		p = tab + 1;
	}
	tab = memchr(p, '\t', (size_t)(end - p));
	if (!tab)
		tab = end;
	return (size_t)(tab - p) == n && memcmp(p, rep, n) == 0;
}

/* quota_load()'s filter: a month row judged in place, by its month; any
 * other by its period. */
static int
overlapping(const struct tsv_reader *r, const char *line, size_t len, void *arg)
{
	struct window *w = arg;
	int m;

	if (w->col == -2)
		window_start(w, r);
	if (w->col == 0 && (m = row_month(line, len)) >= 0)
		return m >= w->m0 && m <= w->m1;
	return overlaps(w, line, len);
}

struct table *
quota_load(struct store *s, const struct period *p, int fiscal_year_start)
{
	struct window w = { .p = p, .fys = fiscal_year_start, .col = -2 };

	return store_load_where(s, "quotas.tsv", overlapping, &w);
}

/* The rows of a rep, read through (quota_load_rep()'s way for any file). */
struct of_rep {
	const char *rep;
	int col;		/* -2: unknown yet */
};

static int
of_rep(const struct tsv_reader *r, const char *line, size_t len, void *arg)
{
	struct of_rep *w = arg;

	if (w->col == -2)
		w->col = tsv_col(r, "rep");
	return names(line, len, w->col, w->rep);
}

struct table *
quota_load_rep(struct store *s, const char *rep)
{
	static const char head[] = "period\trep\tteam\tmetric\ttarget\n";
	static const char *const cols[] = { "period", "rep", "team", "metric", "target" };
	struct of_rep w = { rep, -2 };
	size_t len = 0, n = strlen(rep), nf, flen[6], j;
	const char *data = NULL, *q, *m, *ls, *nl;
	char *f[6], err[256];
	struct buf needle = BUF_INIT, line = BUF_INIT;
	struct table *t = NULL;
	int fd;

	if (!n || strpbrk(rep, "\t\n\r\\") || (fd = store_open_read(s, "quotas.tsv")) < 0)
		goto slow;
	data = map_file(fd, sizeof head - 1, &len);
	close(fd);
	if (!data || memcmp(data, head, sizeof head - 1) != 0 || data[len - 1] != '\n' ||
	    memchr(data, '\r', len))
		goto slow;
	t = table_new("quotas.tsv", cols, 5);
	buf_printf(&needle, "\t%s\t", rep);
	/* a line of rep's holds "\trep\t" at its first tab */
	for (q = data + sizeof head - 1; q < data + len &&
	    (m = scan_find(q, (size_t)(data + len - q), needle.data, needle.len)); q = nl + 1) {
		nl = memchr(m + 1, '\n', (size_t)(data + len - (m + 1)));
		ls = memrchr(q, '\n', (size_t)(m - q));
		ls = ls ? ls + 1 : q;
		if (memchr(ls, '\t', (size_t)(m - ls)))
			continue;	/* another column's */
		buf_reset(&line);
		buf_add(&line, ls, (size_t)(nl - ls));
		nf = (size_t)tsv_split(line.data, line.len, f, flen, 6, err, sizeof err);
		if (nf != 5) {
			table_free(t);
			t = NULL;
			goto slow;
		}
		j = table_add_row(t);
		for (nf = 0; nf < 5; nf++)
			table_set(t, j, (int)nf, f[nf]);
	}
slow:
	unmap_file(data, len);
	buf_free(&needle);
	buf_free(&line);
	return t ? t : store_load_where(s, "quotas.tsv", of_rep, &w);
}

/* quota_same_days_lines' look at one line: period, rep, team, metric,
 * target, plain (target.h). */
struct same_scan {
	struct period p;
	const char *key[3];	/* rep, team, metric */
	size_t klen[3], nlen;	/* their lengths, p.name's */
	int fys, found;
};

static void
same_line(void *arg, const char *line, size_t len)
{
	struct same_scan *w = arg;
	const char *f[4], *end = line + len, *tab;
	size_t n[4], i;
	struct period q;
	char name[64];

	for (i = 0; i < 4; i++) {
		if (!(tab = memchr(line, '\t', (size_t)(end - line))))
			return;
		f[i] = line;
		n[i] = (size_t)(tab - line);
		line = tab + 1;
		if (i && (n[i] != w->klen[i - 1] || memcmp(f[i], w->key[i - 1], n[i]) != 0))
			return;
	}
	if (w->found || n[0] >= sizeof name ||
	    (n[0] == w->nlen && memcmp(f[0], w->p.name, n[0]) == 0))
		return;
	memcpy(name, f[0], n[0]);
	name[n[0]] = '\0';
	if (period_parse(name, 0, w->fys, &q) == 0 && q.from == w->p.from && q.to == w->p.to)
		w->found = 1;
}

int
quota_same_days_lines(const struct target_table *tt, const char *period, const char *rep,
		      const char *team, const char *metric, int fiscal_year_start)
{
	struct same_scan w = { .key = { rep, team, metric }, .fys = fiscal_year_start };
	struct buf needle = BUF_INIT;
	size_t i;
	int r;

	if (period_parse(period, 0, fiscal_year_start, &w.p) < 0)
		return -1;
	for (i = 0; i < 3; i++)
		w.klen[i] = strlen(w.key[i]);
	w.nlen = strlen(w.p.name);
	/* A line of these rep, team and metric holds them between its tabs. */
	buf_printf(&needle, "\t%s\t%s\t%s\t", rep, team, metric);
	r = target_each_line_with(tt, needle.data, needle.len, same_line, &w);
	buf_free(&needle);
	return r < 0 ? -1 : w.found;
}

/* The target of a row; revenue in minor units, other metrics counts. */
static int
row_target(const char *metric, const char *s, int64_t *v)
{
	long long n;

	if (strcmp(metric, "revenue") == 0)
		return money_parse(s, v, NULL);
	if (parse_uint(s, INT64_MAX, &n) < 0)
		return -1;
	*v = n;
	return 0;
}

/*
 * Rows inside p that lie inside another such row are left out: when a
 * quarter and its months are both set, a report over the year counts the
 * quarter once, not the quarter and its months again.  A row with the
 * same dates as another (2027 and FY2027 when the fiscal year is the
 * calendar one) counts once too: the first of them.
 */
static int
nested(const struct hit *h, size_t n, size_t i)
{
	size_t j;

	for (j = 0; j < n; j++) {
		if (j == i || !within(&h[i].q, &h[j].q))
			continue;
		if (!within(&h[j].q, &h[i].q) || j < i)
			return 1;
	}
	return 0;
}

/* Shorter rows first; of the same length, the first set. */
static int
shorter(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	int dx = period_days(&x->q), dy = period_days(&y->q);

	if (dx != dy)
		return dx < dy ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Mark in taken (one byte per day of span) the days of q. */
static void
take(char *taken, const struct period *span, const struct period *q)
{
	date_t d, from = q->from > span->from ? q->from : span->from;
	date_t to = q->to < span->to ? q->to : span->to;

	for (d = from; d <= to; d++)
		taken[d - span->from] = 1;
}

/*
 * The rows that reach outside p (out[], shortest first) get the days of p
 * that no counted row inside p (in[], where keep[] is set) covers and no
 * shorter row outside took: each its target x those days / its days.
 * Adds the shares to *sum; returns how many rows got days, the last one's
 * index in *last and its days in *ndays.
 */
static size_t
prorate(const struct period *p, const struct hit *in, const char *keep, size_t nin,
	struct hit *out, size_t nout, int64_t *sum, size_t *last, int *ndays)
{
	struct period span;
	char *taken;
	size_t i, j, n = 0;
	int64_t share;
	int days, k;

	qsort(out, nout, sizeof *out, shorter);
	for (i = 0; i < nout; i++) {
		span.from = out[i].q.from > p->from ? out[i].q.from : p->from;
		span.to = out[i].q.to < p->to ? out[i].q.to : p->to;
		taken = xcalloc((size_t)period_days(&span), 1);
		for (j = 0; j < nin; j++)
			if (keep[j] && in[j].q.from <= span.to && in[j].q.to >= span.from)
				take(taken, &span, &in[j].q);
		for (j = 0; j < i; j++)
			if (out[j].q.from <= span.to && out[j].q.to >= span.from)
				take(taken, &span, &out[j].q);
		for (days = 0, k = 0; k < period_days(&span); k++)
			days += !taken[k];
		free(taken);
		if (days == 0)
			continue;
		/* Rounded to the minor unit (or the whole count) once per row. */
		if ((__int128)out[i].target * days > INT64_MAX ||
		    money_div_round(out[i].target * days, period_days(&out[i].q), &share) < 0 ||
		    money_add(*sum, share, sum) < 0)
			*sum = INT64_MAX;
		*last = i;
		*ndays = days;
		n++;
	}
	return n;
}

int
quota_for(const struct table *quotas, const char *rep, const char *team,
	  const char *metric, const struct period *p, int fiscal_year_start,
	  struct quota_result *r)
{
	int pc = table_col(quotas, "period"), rc = table_col(quotas, "rep");
	int tc = table_col(quotas, "team"), mc = table_col(quotas, "metric");
	int vc = table_col(quotas, "target");
	struct hit *in = NULL, *out = NULL, h;
	size_t nin = 0, nout = 0, capin = 0, capout = 0, counted = 0, prorated = 0;
	size_t i, last = 0, lastout = 0;
	char *keep;
	int64_t sum = 0;
	int ndays = 0;
	long row;

	if (pc < 0 || rc < 0 || tc < 0 || mc < 0 || vc < 0)
		return 0;
	/* The rows of the rep (or of every team), through the table's index:
	 * a report asks for each of a thousand reps. */
	for (row = table_find(quotas, rc, rep ? rep : ""); row >= 0;
	    row = table_find_next(quotas, rc, (size_t)row)) {
		i = (size_t)row;
		if (strcmp(table_get(quotas, i, tc), team ? team : "") != 0 ||
		    strcmp(table_get(quotas, i, mc), metric) != 0)
			continue;
		/* Rows that do not parse are sales-check's to report. */
		if (period_parse(table_get(quotas, i, pc), 0, fiscal_year_start, &h.q) < 0 ||
		    row_target(metric, table_get(quotas, i, vc), &h.target) < 0 ||
		    h.q.from > p->to || h.q.to < p->from)
			continue;
		h.order = i;
		if (within(&h.q, p)) {
			if (nin == capin) {
				capin = capin ? capin * 2 : 16;
				in = xreallocarray(in, capin, sizeof *in);
			}
			in[nin++] = h;
		} else {
			if (nout == capout) {
				capout = capout ? capout * 2 : 4;
				out = xreallocarray(out, capout, sizeof *out);
			}
			out[nout++] = h;
		}
	}
	keep = xcalloc(nin + 1, 1);
	for (i = 0; i < nin; i++) {
		if (nested(in, nin, i))
			continue;
		keep[i] = 1;
		/* Saturate rather than wrap: no real target comes near. */
		if (money_add(sum, in[i].target, &sum) < 0)
			sum = INT64_MAX;
		counted++;
		last = i;
	}
	if (nout)
		prorated = prorate(p, in, keep, nin, out, nout, &sum, &lastout, &ndays);
	memset(r, 0, sizeof *r);
	r->metric = metric;
	r->target = sum;
	r->basis = *p;
	r->prorated = (int)prorated;
	/* The same days under two names (2026-Q4, FY2027-Q3): the report's,
	 * so that its title and rows say the same. */
	if (counted == 1 && !prorated)
		snprintf(r->used, sizeof r->used, "%s", in[last].q.from == p->from &&
		    in[last].q.to == p->to ? p->name : in[last].q.name);
	else if (!counted && prorated == 1)
		snprintf(r->used, sizeof r->used, "%.24s %d/%d days", out[lastout].q.name, ndays,
		    period_days(&out[lastout].q));
	else if (prorated)
		snprintf(r->used, sizeof r->used, "%u rows in %.22s, %u prorated",
		    (unsigned)(counted + prorated), p->name, (unsigned)prorated);
	else
		snprintf(r->used, sizeof r->used, "%u rows in %.26s", (unsigned)counted, p->name);
	free(keep);
	free(in);
	free(out);
	return counted || prorated;
}

int
quota_members(const struct table *const *quotas, const char *const *reps, size_t n,
	      const char *metric, const struct period *p, int fiscal_year_start,
	      quota_days_fn *days, void *arg, struct quota_result *r)
{
	struct quota_result q;
	int64_t part;
	long d;
	size_t i;
	int any = 0;

	memset(r, 0, sizeof *r);
	r->metric = metric;
	for (i = 0; i < n; i++) {
		if (!quota_for(quotas[i], reps[i], NULL, metric, p, fiscal_year_start, &q) ||
		    (d = days(arg, reps[i], q.basis.from, q.basis.to)) <= 0)
			continue;
		/* target x days / days of the basis, rounded half away from zero */
		if (d >= period_days(&q.basis))
			part = q.target;
		else if (money_div_round((int64_t)((__int128)q.target * d > INT64_MAX ?
		    INT64_MAX : (__int128)q.target * d), period_days(&q.basis), &part) < 0)
			part = INT64_MAX;
		if (!any)
			r->basis = q.basis;
		else if (r->basis.from != q.basis.from || r->basis.to != q.basis.to)
			r->basis = *p;
		if (money_add(r->target, part, &r->target) < 0)
			r->target = INT64_MAX;
		any = 1;
	}
	if (any)
		snprintf(r->used, sizeof r->used, "sum of reps");
	return any;
}

const char *
quota_period(const char *s, date_t today, int fiscal_year_start, struct period *p)
{
	if (period_parse(s, today, fiscal_year_start, p) < 0)
		return "is not a period (see salesmgr(7) for periods)";
	if (p->kind == PERIOD_DAY || p->kind == PERIOD_RANGE)
		return p->kind == PERIOD_DAY ?
		    "is a day; a quota period is a week, month, quarter, year or fiscal year" :
		    "is a range; a quota period is a week, month, quarter, year or fiscal year";
	return NULL;
}

const char *
quota_target(const char *metric, const char *s, char *canon)
{
	static char why[64];
	const char *w;
	long long n;
	int64_t v;

	if (money_parse(s, &v, &w) < 0) {
		if (strcmp(w, "not an amount") == 0 || strcmp(w, "out of range") == 0)
			snprintf(why, sizeof why, "is %s", w);
		else
			snprintf(why, sizeof why, "has %s", w);
		return why;
	}
	if (v < 0)
		return "is negative";
	if (strcmp(metric, "revenue") == 0) {
		money_format(v, canon);
		return NULL;
	}
	if (parse_uint(s[0] == '+' ? s + 1 : s, INT64_MAX, &n) < 0) {
		snprintf(why, sizeof why, "is not a whole number (%s are counted)", metric);
		return why;
	}
	snprintf(canon, MONEY_BUFSZ, "%lld", n);
	return NULL;
}

void
quota_pace(const struct quota_result *q, int64_t actual, date_t today, struct quota_pace *r)
{
	long days = period_days(&q->basis), elapsed;

	r->has_attain = stats_permille(actual, q->target, &r->attain) == 0;
	elapsed = today < q->basis.from ? 0 : today > q->basis.to ? days :
	    (long)(today - q->basis.from + 1);
	r->pace = NULL;
	r->expected = 0;
	if (!__builtin_mul_overflow(q->target, (int64_t)elapsed, &r->expected) &&
	    money_div_round(r->expected, days, &r->expected) == 0)
		/* won >= expected: on track; below 90% of it: behind. */
		r->pace = actual >= r->expected ? "on-track" :
		    (__int128)actual * 10 < (__int128)r->expected * 9 ? "behind" : "at-risk";
}

int
quota_metric_valid(const char *metric)
{
	return schema_check_value(&schema_quotas.cols[schema_col(&schema_quotas, "metric")],
	    metric) == NULL;
}

const char *
quota_metric_kind(const char *metric)
{
	return strncmp(metric, "activities.", 11) == 0 ? metric + 11 : NULL;
}

int
quota_metric_activities(const char *metric)
{
	return strcmp(metric, "activities") == 0 || quota_metric_kind(metric) != NULL;
}

long
quota_find(const struct table *quotas, const char *period, const char *rep,
	   const char *team, const char *metric)
{
	int pc = table_col(quotas, "period"), rc = table_col(quotas, "rep");
	int tc = table_col(quotas, "team"), mc = table_col(quotas, "metric");
	size_t i;

	if (pc < 0 || rc < 0 || tc < 0 || mc < 0)
		return -1;
	for (i = 0; i < quotas->nrows; i++)
		if (strcmp(table_get(quotas, i, pc), period) == 0 &&
		    strcmp(table_get(quotas, i, rc), rep) == 0 &&
		    strcmp(table_get(quotas, i, tc), team) == 0 &&
		    strcmp(table_get(quotas, i, mc), metric) == 0)
			return (long)i;
	return -1;
}

int
quota_metric_counted(const char *metric)
{
	return strcmp(metric, "revenue") != 0;
}

const char *const quota_keys[QUOTA_NKEYS] = { "period", "rep", "team", "metric" };

void
quota_describe(char *buf, size_t size, const char *period, const char *rep,
	       const char *team, const char *metric)
{
	snprintf(buf, size, "quota %s %s %s %s", period, *rep ? "rep" : "team",
	    *rep ? rep : team, metric);
}

int
quota_put(struct table *quotas, const char *period, const char *rep,
	  const char *team, const char *metric, const char *target, struct buf *log)
{
	const char *key[QUOTA_NKEYS] = { period, rep, team, metric };
	char what[256];

	quota_describe(what, sizeof what, period, rep, team, metric);
	return target_put(quotas, quota_keys, key, QUOTA_NKEYS, target, what, log);
}

/* The days of row i's period, or -1 when it does not parse. */
static int
row_days(const struct table *q, size_t i, int pc, int fys, struct period *p)
{
	return period_parse(table_get(q, i, pc), 0, fys, p);
}

/* The next row from start of the key whose days lie inside p under
 * another name than p's: all such rows, or with same set only those with
 * p's very days. */
static long
inside_other(const struct table *quotas, const struct period *p, const char *rep,
	     const char *team, const char *metric, int fys, size_t start, int same)
{
	int pc = table_col(quotas, "period"), rc = table_col(quotas, "rep");
	int tc = table_col(quotas, "team"), mc = table_col(quotas, "metric");
	struct period q;
	size_t i;

	if (pc < 0 || rc < 0 || tc < 0 || mc < 0)
		return -1;
	for (i = start; i < quotas->nrows; i++)
		if (strcmp(table_get(quotas, i, rc), rep) == 0 &&
		    strcmp(table_get(quotas, i, tc), team) == 0 &&
		    strcmp(table_get(quotas, i, mc), metric) == 0 &&
		    strcmp(table_get(quotas, i, pc), p->name) != 0 &&
		    row_days(quotas, i, pc, fys, &q) == 0 && within(&q, p) &&
		    (!same || (q.from == p->from && q.to == p->to)))
			return (long)i;
	return -1;
}

long
quota_same_days(const struct table *quotas, const char *period, const char *rep,
		const char *team, const char *metric, int fiscal_year_start)
{
	struct period p;

	if (period_parse(period, 0, fiscal_year_start, &p) < 0)
		return -1;
	return inside_other(quotas, &p, rep, team, metric, fiscal_year_start, 0, 1);
}

long
quota_hidden(const struct table *quotas, const struct period *p, const char *rep,
	     const char *team, const char *metric, int fiscal_year_start, size_t start)
{
	return inside_other(quotas, p, rep, team, metric, fiscal_year_start, start, 0);
}

struct span {
	const char *rep, *team, *metric;
	date_t from, to;
	size_t row;
};

static int
by_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	int c;

	if ((c = strcmp(x->rep, y->rep)) || (c = strcmp(x->team, y->team)) ||
	    (c = strcmp(x->metric, y->metric)))
		return c;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	if (x->to != y->to)
		return x->to < y->to ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

size_t
quota_same_days_pairs(const struct table *quotas, int fiscal_year_start,
		      void (*found)(void *arg, size_t row, size_t first), void *arg)
{
	int pc = table_col(quotas, "period"), rc = table_col(quotas, "rep");
	int tc = table_col(quotas, "team"), mc = table_col(quotas, "metric");
	struct span *v;
	struct period p;
	size_t i, n = 0, first = 0, pairs = 0;

	if (pc < 0 || rc < 0 || tc < 0 || mc < 0 || quotas->nrows == 0)
		return 0;
	v = xreallocarray(NULL, quotas->nrows, sizeof *v);
	for (i = 0; i < quotas->nrows; i++) {
		if (row_days(quotas, i, pc, fiscal_year_start, &p) < 0)
			continue;
		v[n].rep = table_get(quotas, i, rc);
		v[n].team = table_get(quotas, i, tc);
		v[n].metric = table_get(quotas, i, mc);
		v[n].from = p.from;
		v[n].to = p.to;
		v[n++].row = i;
	}
	if (n)
		qsort(v, n, sizeof *v, by_span);
	for (i = 1; i < n; i++) {
		if (strcmp(v[i].rep, v[i - 1].rep) || strcmp(v[i].team, v[i - 1].team) ||
		    strcmp(v[i].metric, v[i - 1].metric) || v[i].from != v[i - 1].from ||
		    v[i].to != v[i - 1].to) {
			first = i;
			continue;
		}
		found(arg, v[i].row, v[first].row);
		pairs++;
	}
	free(v);
	return pairs;
}

int
quota_ramp_parse(const char *s, struct quota_ramp *r)
{
	long long v;
	const char *comma;
	char part[8];
	size_t len;

	r->n = 0;
	if (!*s)
		return 0;
	for (;;) {
		comma = strchr(s, ',');
		len = comma ? (size_t)(comma - s) : strlen(s);
		if (len == 0 || len >= sizeof part || r->n == QUOTA_RAMP_MAX)
			return -1;
		memcpy(part, s, len);
		part[len] = '\0';
		if (parse_uint(part, 100, &v) < 0)
			return -1;
		r->pct[r->n++] = (int)v;
		if (!comma)
			return 0;
		s = comma + 1;
	}
}

int64_t
quota_ramp_weight(const struct quota_ramp *r, date_t hired, const struct period *p)
{
	date_t d = hired > p->from ? hired : p->from;
	int64_t w = 0;
	size_t k = 0;

	/* k: the whole months since hire on day d. */
	for (; d <= p->to; d++) {
		while (k < r->n && date_add_months(hired, (int)k + 1) <= d)
			k++;
		w += k < r->n ? r->pct[k] : 100;
	}
	return w;
}

struct quota_index {
	const struct table *quotas;	/* the rows indexed */
	struct intern *reps;	/* every rep with quota rows -> view */
	/* And one more, empty, for the others: views of the rows of a table
	 * that share their cells, so that indexing tens of thousands of
	 * quota rows copies no string; every view's rows in one array, and
	 * the views in another. */
	struct table *view;
	char ***rows;
};

struct quota_index *
quota_index_new(const struct table *quotas)
{
	struct quota_index *qi = xcalloc(1, sizeof *qi);
	int qr = table_col(quotas, "rep");
	size_t i, n, at, *of = xcalloc(quotas->nrows + 1, sizeof *of);
	const char *id;
	struct table *v;

	/* Each row's rep once (SIZE_MAX: none), then a slice of rows each. */
	qi->quotas = quotas;
	qi->reps = intern_new();
	for (i = 0; i < quotas->nrows; i++)
		of[i] = qr >= 0 && *(id = table_get(quotas, i, qr)) ?
		    intern_add(qi->reps, id, strlen(id)) : SIZE_MAX;
	n = intern_count(qi->reps);
	qi->view = xcalloc(n + 1, sizeof *qi->view);
	qi->rows = xcalloc(quotas->nrows + 1, sizeof *qi->rows);
	for (i = 0; i < quotas->nrows; i++)
		if (of[i] != SIZE_MAX)
			qi->view[of[i]].cap++;
	for (i = 0, at = 0; i <= n; i++) {
		v = &qi->view[i];
		v->name = quotas->name;
		v->ncols = quotas->ncols;
		v->cols = quotas->cols;
		v->rows = qi->rows + at;
		at += v->cap;
	}
	for (i = 0; i < quotas->nrows; i++)
		if (of[i] != SIZE_MAX) {
			v = &qi->view[of[i]];
			v->rows[v->nrows++] = quotas->rows[i];
		}
	free(of);
	return qi;
}

const struct table *
quota_index_table(const struct quota_index *qi)
{
	return qi->quotas;
}

const struct table *
quota_index_rep(const struct quota_index *qi, const char *rep)
{
	long k = intern_get(qi->reps, rep, strlen(rep));

	return &qi->view[k < 0 ? intern_count(qi->reps) : (size_t)k];
}

void
quota_index_free(struct quota_index *qi)
{
	if (!qi)
		return;
	free(qi->view);
	free(qi->rows);
	intern_free(qi->reps);
	free(qi);
}
