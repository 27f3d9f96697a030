#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actindex.h"
#include "age.h"
#include "buf.h"
#include "config.h"
#include "dealset.h"
#include "history.h"
#include "ledger.h"
#include "perf.h"
#include "period.h"
#include "report.h"
#include "scan.h"
#include "scorecard.h"
#include "stage.h"
#include "xalloc.h"

enum { TREND_MONTHS = 6 };

typedef void show_fn(void *arg, const char *field, const char *value);


/* The quarter's figures of rep; the report, whose replay of the deals is
 * at the end of today, for deals(). */
static struct report *
quarter(struct store *s, const struct table *reps, const struct table *teams,
	const struct quota_index *quotas, const char *rep, const struct period *p,
	const struct dealset *only, date_t today, int fys, show_fn *show, void *arg)
{
	static const int fields[] = { RC_QUOTA, RC_WON, RC_ATTAIN, RC_PACE, RC_PIPE, RC_WEIGHTED };
	/* rep's row alone is shown: rep's deals are folded, not everyone's */
	struct report_options o = { .by = 'r', .rep = rep, .today = today,
	    .fiscal_year_start = fys, .reps = reps, .teams = teams, .no_activities = 1,
	    .only = only, .keep_replay = 1, .quotas = quotas };
	const struct report_row *row;
	char num[OUT_NUMSZ];
	struct report *r;
	size_t i;
	int c;

	show(arg, "quarter", p->name);
	r = report_perf(s, p, &o);
	row = r->n ? &r->row[0] : NULL;
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		c = fields[i];
		show(arg, report_cols[c].name, !row ? "" : !out_is_number(report_cols[c].kind) ?
		    (row->text[c] ? row->text[c] : "") :
		    row->has[c] ? out_number(report_cols[c].unit, row->v[c], num) : "");
	}
	return r;
}

static int
most_idle(const void *a, const void *b)
{
	const struct age_deal *x = *(const struct age_deal *const *)a;
	const struct age_deal *y = *(const struct age_deal *const *)b;

	if (x->idle_days != y->idle_days)
		return x->idle_days > y->idle_days ? -1 : 1;
	return x->deal < y->deal ? -1 : x->deal > y->deal;
}

/* What the trend counts: rep's activities dated from .. to, by month. */
struct trend {
	const char *rep;
	size_t replen;
	char from[DATE_BUFSZ], to[DATE_BUFSZ];
	ledger_month first;
	int64_t count[TREND_MONTHS];
};

/* age_of_replay()'s tap: an activity row of the trend's months. */
static int
take_activity(void *arg, const struct scan_row *row)
{
	struct trend *t = arg;
	char text[DATE_BUFSZ];
	date_t when;

	if (row->len[AGE_ACT_REP] != t->replen || !scan_same(row->f[AGE_ACT_REP], t->rep, t->replen) ||
	    scan_cmp(row, AGE_ACT_DATE, t->from) < 0 || scan_cmp(row, AGE_ACT_DATE, t->to) > 0)
		return 0;
	if (date_parse(scan_text(row, AGE_ACT_DATE, text, sizeof text), &when) < 0)
		return scan_fail(row, "%s:%lu: bad date; run sales-check", row->name, row->line);
	t->count[ledger_month_of(when) - t->first]++;
	return 0;
}

/*
 * The rep's open deals in replay (at the end of today), those idle
 * stale_days or more, most idle first; and its activities of each of the
 * months up to today's, as perf.h counts them (dated in the month, up to
 * today).  One pass over the activities gives the open deals' latest and
 * the trend's months.
 */
static void
deals(struct store *s, struct history *replay, const char *rep, date_t today, long stale_days,
      show_fn *show, void *arg)
{
	struct trend t = { .rep = rep, .replen = strlen(rep) };
	struct age_tap tap = { .fn = take_activity, .arg = &t };
	struct age *a;
	const struct age_deal **stale;
	struct buf b = BUF_INIT;
	size_t i, nopen = 0, nstale = 0;
	ledger_month m;

	t.first = tap.from = ledger_month_of(today) - (TREND_MONTHS - 1);
	date_format(date_from_ymd(t.first / 12, t.first % 12 + 1, 1), t.from);
	date_format(today, t.to);
	/* the trend from the activity index, else from the pass */
	a = age_of_replay(replay, s, today, rep,
	    actindex_counts(s, today, rep, t.first, TREND_MONTHS, t.count) == 0 ? NULL : &tap);
	stale = xcalloc(a->n + 1, sizeof *stale);
	for (i = 0; i < a->n; i++) {
		if (strcmp(age_name(a, HIST_REP, a->deal[i].d.rep), rep) != 0)
			continue;
		nopen++;
		if (a->deal[i].idle_days >= stale_days)
			stale[nstale++] = &a->deal[i];
	}
	if (nstale)
		qsort(stale, nstale, sizeof *stale, most_idle);
	buf_printf(&b, "%zu", nopen);
	show(arg, "deals_open", b.data);
	buf_reset(&b);
	for (i = 0; i < nstale; i++)
		buf_printf(&b, "%sD%zu (%lld days)", i ? ", " : "", stale[i]->deal,
		    (long long)stale[i]->idle_days);
	show(arg, "deals_stale", b.data);
	buf_reset(&b);
	for (i = 0, m = t.first; i < TREND_MONTHS; i++, m++)
		buf_printf(&b, "%s%04d-%02d %lld", i ? ", " : "", m / 12, m % 12 + 1,
		    (long long)t.count[i]);
	show(arg, "activity_trend", b.data);
	buf_free(&b);
	free(stale);
	age_free(a);
}

void
scorecard_show(struct store *s, const struct table *reps, const struct table *teams,
	       const struct quota_index *quotas, const char *rep, date_t today, show_fn *show,
	       void *arg)
{
	struct table *cfg = config_load(s);
	int fys = config_fiscal_start(cfg);
	long stale_days = config_int(cfg, "stale_days", 1, 36500, 30);
	struct stages *st = stages_load(s);
	struct dealset *only;
	struct report *r;
	struct period p;

	table_free(cfg);
	period_parse("this-quarter", today, fys, &p);
	/*
	 * One replay for both: the deals of rep's since the quarter began
	 * (NULL: every deal's) hold those it owns or shares now (history.h),
	 * its open deals among them; the quarter, which holds today, leaves
	 * the replay at the end of today.
	 */
	only = history_deals_since(s, st, rep, p.from);
	r = quarter(s, reps, teams, quotas, rep, &p, only, today, fys, show, arg);
	deals(s, report_replay(r), rep, today, stale_days, show, arg);
	report_free(r);
	dealset_free(only);
	stages_free(st);
}
