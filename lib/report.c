#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "html.h"
#include "ledger.h"
#include "money.h"
#include "perf.h"
#include "quota.h"
#include "report.h"
#include "stage.h"
#include "table.h"
#include "xalloc.h"
#include "suggest.h"

enum {
	C_MONTH, C_REP, C_TEAM, C_NAME, C_QUOTA, C_QPERIOD, C_WON, C_ATTAIN, C_BAR,
	C_EXPECTED, C_PACE, C_WONDEALS, C_LOSTDEALS, C_WINRATE, C_AVG, C_CYCLE,
	C_PIPE, C_WEIGHTED, C_ACTS, C_RANK, C_FLAG, NCOLS
};

static const struct out_col all_cols[NCOLS] = {
	{ "month", OUT_TEXT }, { "rep", OUT_TEXT }, { "team", OUT_TEXT },
	{ "name", OUT_TEXT }, { "quota", OUT_MONEY }, { "quota_period", OUT_TEXT },
	{ "won", OUT_MONEY }, { "attainment", OUT_NUM }, { "trend", OUT_TEXT },
	{ "expected", OUT_MONEY }, { "pace", OUT_TEXT }, { "won_deals", OUT_INT },
	{ "lost_deals", OUT_INT }, { "win_rate", OUT_NUM }, { "avg_deal", OUT_MONEY },
	{ "cycle_days", OUT_NUM }, { "pipeline", OUT_MONEY }, { "weighted", OUT_MONEY },
	{ "activities", OUT_INT }, { "rank", OUT_INT }, { "flag", OUT_TEXT }
};

struct row {
	char cell[NCOLS][64];
	int64_t val[NCOLS];	/* numeric value of numeric cells, for sorting */
	int has[NCOLS];
	size_t group;		/* month slot: ranks are per month */
	size_t who;		/* rep or team index, for the trend */
	int has_quota;
	int64_t attain, won;
};

static const struct table *t_reps, *t_teams;
static int sort_col;

static void
set_text(struct row *r, int c, const char *v)
{
	snprintf(r->cell[c], sizeof r->cell[c], "%s", v);
}

static void
set_money(struct row *r, int c, int64_t v)
{
	money_format(v, r->cell[c]);
	r->val[c] = v;
	r->has[c] = 1;
}

static void
set_int(struct row *r, int c, int64_t v)
{
	snprintf(r->cell[c], sizeof r->cell[c], "%lld", (long long)v);
	r->val[c] = v;
	r->has[c] = 1;
}

/* A ratio in tenths of a percent, printed as 87.5. */
static void
set_permille(struct row *r, int c, int64_t num, int64_t den)
{
	int64_t pm;

	if (den == 0 || __builtin_mul_overflow(num, (int64_t)1000, &num) ||
	    money_div_round(num, den, &pm) < 0)
		return;
	snprintf(r->cell[c], sizeof r->cell[c], "%s%lld.%lld", pm < 0 ? "-" : "",
	    (long long)(llabs(pm) / 10), (long long)(llabs(pm) % 10));
	r->val[c] = pm;
	r->has[c] = 1;
}

static void
fill(struct row *r, struct perf_fig *f, const struct quota_result *q, date_t today)
{
	int64_t expected, avg, w;
	long elapsed, days, med2;

	set_money(r, C_WON, f->won);
	r->won = f->won;
	if (q) {
		set_money(r, C_QUOTA, q->target);
		set_text(r, C_QPERIOD, q->used);
		set_permille(r, C_ATTAIN, f->won, q->target);
		r->has_quota = r->has[C_ATTAIN];
		r->attain = r->val[C_ATTAIN];
		days = period_days(&q->basis);
		elapsed = today < q->basis.from ? 0 : today > q->basis.to ? days :
		    (long)(today - q->basis.from + 1);
		if (!__builtin_mul_overflow(q->target, (int64_t)elapsed, &expected) &&
		    money_div_round(expected, days, &expected) == 0) {
			set_money(r, C_EXPECTED, expected);
			/* won >= expected: on track; below 90% of it: behind. */
			set_text(r, C_PACE, f->won >= expected ? "on-track" :
			    (__int128)f->won * 10 < (__int128)expected * 9 ? "behind" : "at-risk");
		}
	}
	set_int(r, C_WONDEALS, f->won_count);
	set_int(r, C_LOSTDEALS, f->lost_count);
	set_permille(r, C_WINRATE, f->won_count, f->won_count + f->lost_count);
	if (f->won_count && money_div_round(f->won_gross, f->won_count, &avg) == 0)
		set_money(r, C_AVG, avg);
	med2 = perf_median2(f);
	if (med2 >= 0) {
		snprintf(r->cell[C_CYCLE], sizeof r->cell[C_CYCLE], med2 % 2 ? "%ld.5" : "%ld",
		    med2 / 2);
		r->val[C_CYCLE] = med2;
		r->has[C_CYCLE] = 1;
	}
	set_money(r, C_PIPE, f->pipeline);
	if (money_div_round(f->weighted100, 100, &w) == 0)
		set_money(r, C_WEIGHTED, w);
	set_int(r, C_ACTS, f->activities);
}

/* Sum figures into acc (the team's), keeping every cycle for the median. */
static void
add_fig(struct perf_fig *acc, const struct perf_fig *f)
{
	size_t i;

	acc->won_gross += f->won_gross;
	acc->cancelled += f->cancelled;
	acc->won += f->won;
	acc->won_count += f->won_count;
	acc->lost_count += f->lost_count;
	acc->open_count += f->open_count;
	acc->pipeline += f->pipeline;
	acc->weighted100 += f->weighted100;
	acc->activities += f->activities;
	for (i = 0; i < f->ncycles; i++) {
		if (acc->ncycles == acc->cycles_cap) {
			acc->cycles_cap = acc->cycles_cap ? acc->cycles_cap * 2 : 16;
			acc->cycles = xreallocarray(acc->cycles, acc->cycles_cap,
			    sizeof *acc->cycles);
		}
		acc->cycles[acc->ncycles++] = f->cycles[i];
	}
}

static int
cmp_rank(const void *a, const void *b)
{
	const struct row *x = *(const struct row *const *)a, *y = *(const struct row *const *)b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->has_quota != y->has_quota)
		return y->has_quota - x->has_quota;
	if (x->has_quota && x->attain != y->attain)
		return x->attain > y->attain ? -1 : 1;
	if (x->won != y->won)
		return x->won > y->won ? -1 : 1;
	return strcmp(x->cell[C_REP][0] ? x->cell[C_REP] : x->cell[C_TEAM],
	    y->cell[C_REP][0] ? y->cell[C_REP] : y->cell[C_TEAM]);
}

/* --sort: numbers largest first, text in byte order, not set last. */
static int
cmp_sort(const void *a, const void *b)
{
	const struct row *x = *(const struct row *const *)a, *y = *(const struct row *const *)b;
	int c = sort_col;

	if (all_cols[c].kind == OUT_TEXT) {
		if (!x->cell[c][0] != !y->cell[c][0])
			return x->cell[c][0] ? -1 : 1;
		if (strcmp(x->cell[c], y->cell[c]))
			return strcmp(x->cell[c], y->cell[c]);
	} else {
		if (x->has[c] != y->has[c])
			return y->has[c] - x->has[c];
		if (x->val[c] != y->val[c])
			return x->val[c] > y->val[c] ? -1 : 1;
	}
	return cmp_rank(a, b);
}

static void
bar(char *out, size_t n, const struct row *r)
{
	static const char *const full = "\xe2\x96\x88", *const empty = "\xc2\xb7";
	int64_t cells = r->has[C_ATTAIN] ? r->val[C_ATTAIN] / 50 : 0;	/* 5% a cell */
	size_t len = 0;
	int i;

	if (cells > 20)
		cells = 20;
	for (i = 0; i < 20 && len + 4 < n; i++) {
		strcpy(out + len, i < cells ? full : empty);
		len += strlen(out + len);
	}
}

/* ▁▂▃▄▅▆▇█ of the won amounts of one rep's month rows. */
static void
trend(struct row **rows, size_t nrows, size_t who, char *out, size_t n)
{
	static const char *const ticks[] = { "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83",
	    "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88" };
	int64_t max = 0;
	size_t i, len = 0;

	for (i = 0; i < nrows; i++)
		if (rows[i]->who == who && rows[i]->won > max)
			max = rows[i]->won;
	out[0] = '\0';
	for (i = 0; i < nrows && len + 4 < n; i++) {
		if (rows[i]->who != who)
			continue;
		strcpy(out + len, ticks[max > 0 && rows[i]->won > 0 ?
		    (int)((__int128)rows[i]->won * 7 / max) : 0]);
		len += strlen(out + len);
	}
}

/* The part of p in slot (a month when reporting by month). */
static struct period
slot_period(const struct period *p, const struct perf *pf, size_t slot)
{
	struct period q = *p;
	ledger_month m = ledger_month_of(p->from) + (ledger_month)slot;
	date_t first = date_from_ymd(m / 12, m % 12 + 1, 1);
	date_t last = date_from_ymd(m / 12, m % 12 + 1, days_in_month(m / 12, m % 12 + 1));

	if (pf->nslots == 1)
		return q;
	q.from = first > p->from ? first : p->from;
	q.to = last < p->to ? last : p->to;
	q.kind = q.from == first && q.to == last ? PERIOD_MONTH : PERIOD_RANGE;
	snprintf(q.name, sizeof q.name, "%04d-%02d", m / 12, m % 12 + 1);
	return q;
}

static int
col_wanted(const struct report_options *o, int c)
{
	if (c == C_MONTH)
		return o->by == 'm';
	if (c == C_REP)
		return o->by != 't';
	if (c == C_BAR)
		return o->format == OUT_TABLE;
	if (c == C_FLAG)
		return o->flag;
	return 1;
}

/* What the report needs of each rep, by the rep's index in perf's intern. */
struct rep_info {
	const char *team, *name;
	int active;
	struct table *quotas;	/* the rep's own quota rows */
};
static struct rep_info *info;

static const char *
team_of(size_t rep)
{
	return info[rep].team;
}

/* A view of some rows of a table: it shares their cells, so that indexing
 * tens of thousands of quota rows copies no string. */
static struct table *
view_new(const struct table *t)
{
	struct table *v = xcalloc(1, sizeof *v);

	v->name = t->name;
	v->ncols = t->ncols;
	v->cols = t->cols;
	return v;
}

static void
view_add(struct table *v, char **row)
{
	if (v->nrows == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->rows = xreallocarray(v->rows, v->cap, sizeof *v->rows);
	}
	v->rows[v->nrows++] = row;
}

static void
view_free(struct table *v)
{
	if (v)
		free(v->rows);
	free(v);
}

/* Quota rows by rep (team rows stay in the whole table): lookups per rep
 * then cost the rep's few rows, not the whole table. */
static void
index_reps(struct perf *pf, const struct table *quotas)
{
	int rc = table_col(t_reps, "rep"), tc = table_col(t_reps, "team");
	int nc = table_col(t_reps, "name"), sc = table_col(t_reps, "status");
	int qr = table_col(quotas, "rep");
	size_t i, n = intern_count(pf->reps);
	long k;

	info = xcalloc(n ? n : 1, sizeof *info);
	for (i = 0; i < n; i++) {
		info[i].team = info[i].name = "";
		info[i].quotas = view_new(quotas);
	}
	for (i = 0; i < t_reps->nrows; i++) {
		k = intern_get(pf->reps, table_get(t_reps, i, rc),
		    strlen(table_get(t_reps, i, rc)));
		info[k].team = table_get(t_reps, i, tc);
		info[k].name = table_get(t_reps, i, nc);
		info[k].active = strcmp(table_get(t_reps, i, sc), "active") == 0;
	}
	for (i = 0; i < quotas->nrows; i++) {
		k = intern_get(pf->reps, table_get(quotas, i, qr), strlen(table_get(quotas, i, qr)));
		if (k >= 0)
			view_add(info[k].quotas, quotas->rows[i]);
	}
}

static void
free_info(struct perf *pf)
{
	size_t i;

	for (i = 0; i < intern_count(pf->reps); i++)
		view_free(info[i].quotas);
	free(info);
}

/* Is this rep in the report: active, or with anything in the period? */
static int
rep_wanted(const struct report_options *o, struct perf *pf, const char *rep, size_t i)
{
	struct perf_fig *f;
	size_t k;
	int busy = 0;

	if (o->rep && strcmp(o->rep, rep) != 0)
		return 0;
	if (o->team && strcmp(o->team, team_of(i)) != 0)
		return 0;
	for (k = 0; k < pf->nslots && i < intern_count(pf->reps); k++) {
		f = perf_at(pf, i, k);
		busy |= f->won_count || f->lost_count || f->cancelled || f->activities ||
		    f->open_count;
	}
	return busy || info[i].active;
}

/*
 * -o html: the page, and above the table the charts that say it at a
 * glance: attainment against quota with the pace mark, or won per month
 * per rep as small multiples.
 */
static void
html_charts(struct row **rows, size_t n, const struct period *p,
	    const struct report_options *o)
{
	struct html_bar *bars = xcalloc(n ? n : 1, sizeof *bars);
	char title[96], (*text)[96] = xcalloc(n ? n : 1, sizeof *text), money[MONEY_BUFSZ];
	const char **series, **months;
	int64_t max = 1000, *won;
	size_t i, k, ns = 0, nm = 0;

	snprintf(title, sizeof title, "Performance %s%s", p->name,
	    o->by == 't' ? " by team" : o->by == 'm' ? " by month" : "");
	html_begin(title);
	if (o->by != 'm') {
		for (i = 0; i < n; i++) {
			struct row *r = rows[i];

			bars[i].label = r->cell[o->by == 't' ? C_TEAM : C_REP];
			bars[i].value = r->has[C_ATTAIN] ? r->val[C_ATTAIN] : 0;
			/* The pace mark: where attainment should be today. */
			if (r->has[C_EXPECTED] && r->has[C_QUOTA] && r->val[C_QUOTA] > 0) {
				bars[i].has_mark = 1;
				bars[i].mark = (int64_t)((__int128)r->val[C_EXPECTED] * 1000 /
				    r->val[C_QUOTA]);
			}
			if (r->has[C_ATTAIN])
				snprintf(text[i], sizeof text[i], "%s%% of %s", r->cell[C_ATTAIN],
				    money_format_grouped(r->val[C_QUOTA], money, ",", "."));
			else
				snprintf(text[i], sizeof text[i], "no quota");
			bars[i].text = text[i];
			if (bars[i].value > max)
				max = bars[i].value;
		}
		html_bars("Attainment (the red line: where pace says it should be today)",
		    bars, n, max, NULL);
	} else {
		/* Rows come grouped by month: the months in order, then the reps. */
		series = xcalloc(n ? n : 1, sizeof *series);
		months = xcalloc(n ? n : 1, sizeof *months);
		won = xcalloc(n ? n : 1, sizeof *won);
		for (i = 0; i < n; i++) {
			for (k = 0; k < nm && strcmp(months[k], rows[i]->cell[C_MONTH]); k++)
				;
			if (k == nm)
				months[nm++] = rows[i]->cell[C_MONTH];
			for (k = 0; k < ns && strcmp(series[k], rows[i]->cell[C_REP]); k++)
				;
			if (k == ns)
				series[ns++] = rows[i]->cell[C_REP];
		}
		free(won);
		won = xcalloc(ns && nm ? ns * nm : 1, sizeof *won);
		for (i = 0; i < n; i++) {
			size_t si, mi;

			for (si = 0; strcmp(series[si], rows[i]->cell[C_REP]); si++)
				;
			for (mi = 0; strcmp(months[mi], rows[i]->cell[C_MONTH]); mi++)
				;
			won[si * nm + mi] = rows[i]->won;
		}
		html_sparks("Won per month", series, ns, won, nm, months);
		free(series);
		free(months);
		free(won);
	}
	free(bars);
	free(text);
}

static void
print_rows(struct row **rows, size_t n, const struct report_options *o)
{
	struct out_col cols[NCOLS];
	const char *cells[NCOLS];
	size_t i, nc = 0;
	struct out *out;
	int c;

	for (c = 0; c < NCOLS; c++)
		if (col_wanted(o, c)) {
			cols[nc] = all_cols[c];
			if (c == C_BAR && o->by != 'm')
				cols[nc].name = "bar";
			if (c == C_TEAM && o->by == 't')
				cols[nc].name = "team";
			nc++;
		}
	out = out_start(o->format, cols, nc, o->no_header);
	for (i = 0; i < n; i++) {
		nc = 0;
		for (c = 0; c < NCOLS; c++)
			if (col_wanted(o, c))
				cells[nc++] = rows[i]->cell[c];
		out_row(out, cells);
	}
	out_end(out);
}

/*
 * --flag (report.h).  The won of each quota period comes from a perf scan
 * of that period; reps share quota periods, so each is scanned once.
 */
struct scanned {
	struct period p;
	struct perf *pf;
};
static struct scanned *scans;
static size_t nscans;

static int64_t
won_in(struct store *s, const struct stages *st, const struct period *q, const char *rep,
       date_t today)
{
	struct perf *pf = NULL;
	size_t i;
	long k;

	for (i = 0; i < nscans && !pf; i++)
		if (scans[i].p.from == q->from && scans[i].p.to == q->to)
			pf = scans[i].pf;
	if (!pf) {
		scans = xreallocarray(scans, nscans + 1, sizeof *scans);
		scans[nscans].p = *q;
		pf = scans[nscans++].pf = perf_scan(s, st, q, today, 0);
	}
	k = intern_get(pf->reps, rep, strlen(rep));
	return k < 0 || (size_t)k >= pf->cap ? 0 : perf_at(pf, (size_t)k, 0)->won;
}

/* The rep's revenue quota period ending on end (of kind, or the longest
 * when kind < 0), or 0 if none. */
static int
quota_period_ending(const struct table *q, date_t end, int kind, int fys, struct period *out)
{
	int pc = table_col(q, "period"), mc = table_col(q, "metric");
	struct period x;
	int found = 0;
	size_t i;

	for (i = 0; i < q->nrows; i++) {
		if (strcmp(table_get(q, i, mc), "revenue") != 0 ||
		    period_parse(table_get(q, i, pc), 0, fys, &x) < 0 || x.to != end ||
		    (kind >= 0 && (int)x.kind != kind))
			continue;
		if (!found || x.from < out->from)
			*out = x;
		found = 1;
	}
	return found;
}

static int
on_pip(struct store *s, const struct stages *st, size_t rep, const char *id,
       const struct period *p, const struct report_options *o)
{
	const struct table *q = info[rep].quotas;
	int pc = table_col(q, "period"), mc = table_col(q, "metric");
	date_t end = p->to < o->today - 1 ? p->to : o->today - 1, latest = DATE_MIN;
	struct quota_result qr;
	struct period cur, x;
	long n;
	size_t i;

	/* The latest complete quota period, then the ones just before it. */
	for (i = 0; i < q->nrows; i++)
		if (strcmp(table_get(q, i, mc), "revenue") == 0 &&
		    period_parse(table_get(q, i, pc), 0, o->fiscal_year_start, &x) == 0 &&
		    x.to <= end &&
		    x.to > latest)
			latest = x.to;
	if (latest == DATE_MIN || !quota_period_ending(q, latest, -1, o->fiscal_year_start, &cur))
		return 0;
	for (n = 0; n < o->pip_periods; n++) {
		if (n > 0 && !quota_period_ending(q, cur.from - 1, (int)cur.kind,
		    o->fiscal_year_start, &cur))
			return 0;
		if (!quota_for(q, id, NULL, "revenue", &cur, o->fiscal_year_start, &qr) ||
		    qr.target <= 0)
			return 0;
		/* won / target >= threshold %: not a bad period. */
		if ((__int128)won_in(s, st, &cur, id, o->today) * 100 >=
		    (__int128)qr.target * o->pip_threshold)
			return 0;
	}
	return 1;
}

static void
set_flags(struct store *s, const struct stages *st, struct row **rows, size_t n,
	  const struct period *p, const struct report_options *o)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct row *r = rows[i];

		if (on_pip(s, st, r->who, r->cell[C_REP], p, o))
			set_text(r, C_FLAG, "pip");
		else if (r->has[C_QUOTA] && r->val[C_QUOTA] > 0 && r->won >= r->val[C_QUOTA])
			set_text(r, C_FLAG, "top");
	}
	for (i = 0; i < nscans; i++)
		perf_free(scans[i].pf);
	free(scans);
	scans = NULL;
	nscans = 0;
}

void
report_perf(struct store *s, const struct period *p, const struct report_options *o)
{
	char hint[SUGGEST_BUFSZ];
	struct table *reps = store_load(s, "reps.tsv"), *teams = store_load(s, "teams.tsv");
	/* --flag looks back over earlier quota periods: all of them. */
	struct table *quotas = o->flag ? store_load(s, "quotas.tsv") :
	    quota_load(s, p, o->fiscal_year_start);
	struct stages *st = stages_load(s);
	int rc = table_col(reps, "rep");
	int tc = table_col(teams, "team"), tn = table_col(teams, "name");
	struct row **rows = NULL;
	size_t nrows = 0, i, k, j, nwho;
	struct quota_result q, sum;
	struct perf_fig acc;
	struct period sp;
	struct perf *pf;
	const char *id;
	long rank = 0;
	int c, hq;

	t_reps = reps;
	t_teams = teams;
	if (o->rep && table_find(reps, rc, o->rep) < 0)
		die("unknown rep '%s' (%s)", o->rep,
		    suggest(reps, "rep", "name", o->rep,
		    "rep-list shows the reps", hint));
	if (o->team && table_find(teams, tc, o->team) < 0)
		die("unknown team '%s' (%s)", o->team,
		    suggest(teams, "team", "name", o->team,
		    "team-list shows the teams", hint));
	pf = perf_scan(s, st, p, o->today, o->by == 'm');
	/* Every rep of the roster gets an index, so quiet reps show too. */
	for (i = 0; i < reps->nrows; i++)
		intern_add(pf->reps, table_get(reps, i, rc), strlen(table_get(reps, i, rc)));
	if (pf->cap < intern_count(pf->reps)) {
		size_t old = pf->cap;

		pf->cap = intern_count(pf->reps);
		pf->fig = xreallocarray(pf->fig, pf->cap * pf->nslots, sizeof *pf->fig);
		memset(pf->fig + old * pf->nslots, 0, (pf->cap - old) * pf->nslots * sizeof *pf->fig);
	}
	index_reps(pf, quotas);
	nwho = o->by == 't' ? teams->nrows : intern_count(pf->reps);
	rows = xcalloc(nwho * pf->nslots + 1, sizeof *rows);
	for (i = 0; i < nwho; i++) {
		if (o->by == 't') {
			id = table_get(teams, i, tc);
			if (o->team && strcmp(o->team, id) != 0)
				continue;
		} else {
			id = intern_name(pf->reps, i);
			if (!rep_wanted(o, pf, id, i))
				continue;
		}
		for (k = 0; k < pf->nslots; k++) {
			struct row *rw = xcalloc(1, sizeof *rw);

			sp = slot_period(p, pf, k);
			rw->group = k;
			rw->who = i;
			if (o->by == 'm')
				set_text(rw, C_MONTH, sp.name);
			if (o->by == 't') {
				memset(&acc, 0, sizeof acc);
				memset(&sum, 0, sizeof sum);
				hq = 0;
				for (j = 0; j < intern_count(pf->reps); j++) {
					if (strcmp(team_of(j), id) != 0)
						continue;
					add_fig(&acc, perf_at(pf, j, k));
					/* No team quota row: the sum of its reps' quotas. */
					if (quota_for(info[j].quotas, intern_name(pf->reps, j), NULL, "revenue",
					    &sp, o->fiscal_year_start, &q)) {
						if (!hq)
							sum = q;
						else
							sum.target += q.target;
						hq = 1;
					}
				}
				if (quota_for(quotas, NULL, id, "revenue", &sp, o->fiscal_year_start, &q))
					fill(rw, &acc, &q, o->today);
				else {
					if (hq)
						snprintf(sum.used, sizeof sum.used, "sum of reps");
					fill(rw, &acc, hq ? &sum : NULL, o->today);
				}
				free(acc.cycles);
				set_text(rw, C_TEAM, id);
				set_text(rw, C_NAME, table_get(teams, i, tn));
			} else {
				hq = quota_for(info[i].quotas, id, NULL, "revenue", &sp,
				    o->fiscal_year_start, &q);
				fill(rw, perf_at(pf, i, k), hq ? &q : NULL, o->today);
				set_text(rw, C_REP, id);
				set_text(rw, C_TEAM, team_of(i));
				set_text(rw, C_NAME, info[i].name);
			}
			rows[nrows++] = rw;
		}
	}
	qsort(rows, nrows, sizeof *rows, cmp_rank);
	for (i = 0; i < nrows; i++) {
		rank = i == 0 || rows[i]->group != rows[i - 1]->group ? 1 : rank + 1;
		set_int(rows[i], C_RANK, rank);
	}
	if (o->flag)
		set_flags(s, st, rows, nrows, p, o);
	for (i = 0; i < nrows; i++) {
		if (o->format != OUT_TABLE)
			break;
		if (o->by == 'm')
			trend(rows, nrows, rows[i]->who, rows[i]->cell[C_BAR], sizeof rows[i]->cell[C_BAR]);
		else
			bar(rows[i]->cell[C_BAR], sizeof rows[i]->cell[C_BAR], rows[i]);
	}
	if (o->sort) {
		for (c = 0; c < NCOLS; c++)
			if (col_wanted(o, c) && c != C_BAR && strcmp(all_cols[c].name, o->sort) == 0)
				break;
		if (c == NCOLS)
			die_status(EXIT_USAGE, "invalid --sort '%s': not a column of this report",
			    o->sort);
		sort_col = c;
		qsort(rows, nrows, sizeof *rows, cmp_sort);
	}
	if (o->format == OUT_HTML)
		html_charts(rows, nrows, p, o);
	print_rows(rows, nrows, o);
	if (o->format == OUT_HTML)
		html_end();
	for (i = 0; i < nrows; i++)
		free(rows[i]);
	free(rows);
	free_info(pf);
	perf_free(pf);
	stages_free(st);
	table_free(reps);
	table_free(teams);
	table_free(quotas);
}
