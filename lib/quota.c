#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "money.h"
#include "period.h"
#include "quota.h"
#include "store.h"
#include "table.h"
#include "target.h"
#include "tsv.h"
#include "xalloc.h"

/* A quota row that applies to the report's period. */
struct hit {
	struct period q;
	int64_t target;
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
};

/* Does the row's period (the first field, raw) overlap w->p?  Anything
 * else keeps the row: quota_for() judges it. */
static int
overlapping(const struct tsv_reader *r, const char *line, size_t len, void *arg)
{
	struct window *w = arg;
	struct period q;
	char f[32];
	const char *tab;
	size_t n;
	int y, m, d;

	if (w->col == -2) {
		w->col = tsv_col(r, "period");
		date_to_ymd(w->p->from, &w->y0, &m, &d);
		date_to_ymd(w->p->to, &w->y1, &m, &d);
	}
	tab = memchr(line, '\t', len);
	n = tab ? (size_t)(tab - line) : len;
	if (w->col != 0 || n >= sizeof f || memchr(line, '\\', n))
		return 1;
	memcpy(f, line, n);
	f[n] = '\0';
	/* "2019-Q2", "2019-11", "2019-W05", "2019": a year that far off
	 * cannot overlap (a week or fiscal year reaches one year over). */
	if (n >= 4 && f[0] >= '0' && f[0] <= '9' && f[1] >= '0' && f[1] <= '9' &&
	    f[2] >= '0' && f[2] <= '9' && f[3] >= '0' && f[3] <= '9') {
		y = (f[0] - '0') * 1000 + (f[1] - '0') * 100 + (f[2] - '0') * 10 + f[3] - '0';
		if (y < w->y0 - 1 || y > w->y1 + 1)
			return 0;
	}
	if (period_parse(f, 0, w->fys, &q) < 0)
		return 1;
	return q.from <= w->p->to && q.to >= w->p->from;
}

struct table *
quota_load(struct store *s, const struct period *p, int fiscal_year_start)
{
	struct window w = { p, fiscal_year_start, -2, 0, 0 };

	return store_load_where(s, "quotas.tsv", overlapping, &w);
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

int
quota_for(const struct table *quotas, const char *rep, const char *team,
	  const char *metric, const struct period *p, int fiscal_year_start,
	  struct quota_result *r)
{
	int pc = table_col(quotas, "period"), rc = table_col(quotas, "rep");
	int tc = table_col(quotas, "team"), mc = table_col(quotas, "metric");
	int vc = table_col(quotas, "target");
	struct hit *in = NULL, around, h;
	size_t nin = 0, cap = 0, counted = 0, i, last = 0;
	int64_t sum = 0;
	int found = 0;

	if (pc < 0 || rc < 0 || tc < 0 || mc < 0 || vc < 0)
		return 0;
	memset(&around, 0, sizeof around);
	for (i = 0; i < quotas->nrows; i++) {
		if (strcmp(table_get(quotas, i, rc), rep ? rep : "") != 0 ||
		    strcmp(table_get(quotas, i, tc), team ? team : "") != 0 ||
		    strcmp(table_get(quotas, i, mc), metric) != 0)
			continue;
		/* Rows that do not parse are sales-check's to report. */
		if (period_parse(table_get(quotas, i, pc), 0, fiscal_year_start, &h.q) < 0 ||
		    row_target(metric, table_get(quotas, i, vc), &h.target) < 0)
			continue;
		if (within(&h.q, p)) {
			if (nin == cap) {
				cap = cap ? cap * 2 : 16;
				in = xreallocarray(in, cap, sizeof *in);
			}
			in[nin++] = h;
		} else if (h.q.from <= p->from && p->to <= h.q.to &&
		    (!found || period_days(&h.q) < period_days(&around.q))) {
			around = h;
			found = 1;
		}
	}
	for (i = 0; i < nin; i++) {
		if (nested(in, nin, i))
			continue;
		/* Saturate rather than wrap: no real target comes near. */
		if (money_add(sum, in[i].target, &sum) < 0)
			sum = INT64_MAX;
		counted++;
		last = i;
	}
	memset(r, 0, sizeof *r);
	if (counted) {
		r->target = sum;
		r->basis = *p;
		if (counted == 1)
			snprintf(r->used, sizeof r->used, "%s", in[last].q.name);
		else
			snprintf(r->used, sizeof r->used, "%u rows in %.26s", (unsigned)counted,
			    p->name);
	} else if (found) {
		r->target = around.target;
		r->basis = around.q;
		snprintf(r->used, sizeof r->used, "%s", around.q.name);
	}
	free(in);
	return counted || found;
}

int
quota_members(const struct table *const *quotas, const char *const *reps, size_t n,
	      const struct period *p, int fiscal_year_start, quota_days_fn *days,
	      void *arg, struct quota_result *r)
{
	struct quota_result q;
	int64_t part;
	long d;
	size_t i;
	int any = 0;

	memset(r, 0, sizeof *r);
	for (i = 0; i < n; i++) {
		if (!quota_for(quotas[i], reps[i], NULL, "revenue", p, fiscal_year_start, &q) ||
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

int
quota_metric_valid(const char *metric)
{
	return strcmp(metric, "revenue") == 0 || strcmp(metric, "deals") == 0 ||
	    strcmp(metric, "activities") == 0;
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
