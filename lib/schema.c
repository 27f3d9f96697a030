#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "decimal.h"
#include "err.h"
#include "id.h"
#include "money.h"
#include "period.h"
#include "schema.h"
#include "tsv.h"
#include "word.h"
#include "xalloc.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define SCHEMA(var, file, cols, nkey, ledger) \
	const struct schema var = { file, cols, N(cols), nkey, ledger, 0, 0 }

static const struct coldef config_cols[] = {
	{ "key", COL_ID, 1, NULL, 1 },
	{ "value", COL_TEXT, 0, NULL, 1 },
};
static const struct coldef stages_cols[] = {
	{ "stage", COL_ID, 1, NULL, 1 },
	{ "order", COL_UINT, 1, NULL, 2 },
	{ "probability", COL_PCT, 1, NULL, 2 },
	{ "category", COL_ENUM, 1, "pipeline|best|commit|closed|omitted", 3 },
	{ "state", COL_ENUM, 1, "open|won|lost", 3 },
};
static const struct coldef teams_cols[] = {
	{ "team", COL_ID, 1, NULL, 1 },
	{ "name", COL_TEXT, 1, NULL, 2 },
	{ "manager", COL_ID, 0, NULL, 3 },
	{ "focus", COL_TEXT, 0, NULL, 4 },
	{ "parent", COL_ID, 0, NULL, 3 },	/* added later */
	{ "status", COL_ENUM, 0, "active|ended", 3 },	/* added later */
	{ "ended", COL_DATE, 0, NULL, 5 },	/* added later */
};
static const struct coldef reps_cols[] = {
	{ "rep", COL_ID, 1, NULL, 1 },
	{ "name", COL_TEXT, 1, NULL, 2 },
	{ "email", COL_TEXT, 0, NULL, 6 },
	{ "team", COL_ID, 0, NULL, 2 },
	{ "role", COL_ID, 0, NULL, 3 },
	{ "manager", COL_ID, 0, NULL, 4 },
	{ "hired", COL_DATE, 1, NULL, 5 },
	{ "status", COL_ENUM, 1, "active|leave|gone", 3 },
	{ "ended", COL_DATE, 0, NULL, 6 },
	{ "region", COL_ID, 0, NULL, 4 },
	{ "plan", COL_ID, 0, NULL, 5 },
	{ "capacity", COL_UINT, 0, NULL, 5 },
};
static const struct coldef quotas_cols[] = {
	{ "period", COL_PERIOD, 1, NULL, 1 },
	{ "rep", COL_ID, 0, NULL, 2 },
	{ "team", COL_ID, 0, NULL, 2 },
	{ "metric", COL_ENUM, 1, "revenue|deals|activities|activities.call|activities.email|"
	    "activities.meeting|activities.demo|activities.visit|activities.other", 2 },
	{ "target", COL_MONEY, 1, NULL, 1 },
};
static const struct coldef accounts_cols[] = {
	{ "account", COL_ID, 1, NULL, 1 },
	{ "name", COL_TEXT, 1, NULL, 2 },
	{ "segment", COL_ID, 0, NULL, 3 },
	{ "region", COL_ID, 0, NULL, 3 },
	{ "potential", COL_MONEY, 0, NULL, 2 },
	{ "priority", COL_ENUM, 0, "1|2|3|4|5", 3 },
	{ "owner", COL_ID, 0, NULL, 2 },
	{ "since", COL_DATE, 0, NULL, 5 },
};
static const struct coldef courses_cols[] = {
	{ "course", COL_ID, 1, NULL, 1 },
	{ "title", COL_TEXT, 1, NULL, 2 },
	{ "kind", COL_ENUM, 0, "onboarding|policy|product|skill", 3 },
	{ "skill", COL_ID, 0, NULL, 4 },
	{ "hours", COL_UINT, 0, NULL, 4 },
	{ "due_days", COL_UINT, 0, NULL, 3 },
	{ "valid_days", COL_UINT, 0, NULL, 4 },
	{ "pass_score", COL_PCT, 0, NULL, 4 },
	{ "required", COL_TEXT, 0, NULL, 5 },
};
static const struct coldef training_cols[] = {
	{ "rep", COL_ID, 1, NULL, 1 },
	{ "course", COL_ID, 1, NULL, 1 },
	{ "assigned", COL_DATE, 1, NULL, 2 },
	{ "due", COL_DATE, 0, NULL, 2 },
	{ "completed", COL_DATE, 0, NULL, 3 },
	{ "score", COL_PCT, 0, NULL, 3 },
	{ "withdrawn", COL_DATE, 0, NULL, 5 },	/* added later */
	{ "reason", COL_TEXT, 0, NULL, 5 },	/* added later */
};
static const struct coldef attempts_cols[] = {
	{ "rep", COL_ID, 1, NULL, 1 },
	{ "course", COL_ID, 1, NULL, 1 },
	{ "assigned", COL_DATE, 1, NULL, 3 },
	{ "date", COL_DATE, 0, NULL, 2 },	/* unknown for an attempt from before the file */
	{ "score", COL_PCT, 0, NULL, 2 },
	{ "result", COL_ENUM, 1, "passed|failed", 2 },
};
static const struct coldef adjustments_cols[] = {
	{ "period", COL_PERIOD, 1, NULL, 1 },
	{ "rep", COL_ID, 1, NULL, 1 },
	{ "kind", COL_ENUM, 1, "spif|bonus|adjustment|draw|recovery", 2 },
	{ "amount", COL_MONEY, 1, NULL, 1 },
	{ "reason", COL_TEXT, 1, NULL, 3 },
	{ "recoverable", COL_ENUM, 0, "yes|no", 4 },
	{ "date", COL_DATE, 1, NULL, 3 },
};
static const struct coldef org_cols[] = {
	{ "kind", COL_ENUM, 1, "rep|team|account", 1 },
	{ "id", COL_ID, 1, NULL, 1 },
	{ "field", COL_ID, 1, NULL, 1 },
	{ "from", COL_DATE, 0, NULL, 2 },
	{ "value", COL_TEXT, 0, NULL, 1 },
};
static const struct coldef notes_cols[] = {
	{ "note", COL_NOTE, 1, NULL, 1 },
	{ "date", COL_DATE, 1, NULL, 2 },
	{ "rep", COL_ID, 1, NULL, 2 },
	{ "kind", COL_ENUM, 1, "1on1|observation|praise|warning|pip", 3 },
	{ "text", COL_TEXT, 0, NULL, 2 },
	{ "follow_up", COL_DATE, 0, NULL, 3 },
	{ "done", COL_DATE, 0, NULL, 4 },
};
static const struct coldef comp_plans_cols[] = {
	{ "plan", COL_ID, 1, NULL, 1 },
	{ "title", COL_TEXT, 0, NULL, 2 },
	{ "mode", COL_ENUM, 1, "marginal|flat|override", 2 },
	{ "threshold", COL_UINT, 0, NULL, 3 },
	{ "cap", COL_MONEY, 0, NULL, 3 },
	{ "clawback_days", COL_UINT, 0, NULL, 4 },
	{ "clawback_rate", COL_ENUM, 0, "effective|paid", 4 },	/* later */
};
static const struct coldef comp_tiers_cols[] = {
	{ "plan", COL_ID, 1, NULL, 1 },
	{ "from", COL_UINT, 1, NULL, 1 },
	{ "rate", COL_RATE, 1, NULL, 1 },
	/* later: a tier table for one product, deal type or both */
	{ "product", COL_ID, 0, NULL, 2 },
	{ "type", COL_ENUM, 0, "new|renewal|expansion", 2 },
};
static const struct coldef plans_cols[] = {
	{ "period", COL_PERIOD, 1, NULL, 1 },
	{ "dimension", COL_ENUM, 1, "team|region|segment|product", 2 },
	{ "key", COL_ID, 1, NULL, 1 },
	{ "metric", COL_ENUM, 1, "revenue|deals|new-accounts", 2 },
	{ "target", COL_MONEY, 1, NULL, 1 },
};
static const struct coldef ids_cols[] = {
	{ "kind", COL_ID, 1, NULL, 1 },
	{ "next", COL_UINT, 1, NULL, 1 },
};
static const struct coldef deals_cols[] = {
	{ "date", COL_DATE, 1, NULL, 2 },
	{ "deal", COL_DEAL, 1, NULL, 1 },
	{ "event", COL_ENUM, 1, "open|stage|amend|won|lost|cancel|reopen|assign|split", 3 },
	{ "rep", COL_ID, 1, NULL, 2 },
	{ "account", COL_ID, 1, NULL, 2 },
	{ "product", COL_ID, 0, NULL, 4 },
	{ "amount", COL_MONEY, 1, NULL, 2 },
	{ "stage", COL_ID, 1, NULL, 3 },
	{ "expected", COL_DATE, 0, NULL, 3 },
	{ "ref", COL_TEXT, 0, NULL, 5 },
	{ "reason", COL_TEXT, 0, NULL, 5 },
	{ "note", COL_TEXT, 0, NULL, 5 },
	{ "opened", COL_DATE, 1, NULL, 4 },
	/* optional (schema.h): month files written before lack them */
	{ "currency", COL_CURRENCY, 0, NULL, 4 },
	{ "currency_amount", COL_DECIMAL, 0, NULL, 4 },
	{ "split", COL_TEXT, 0, NULL, 4 },
	{ "type", COL_ENUM, 0, "new|renewal|expansion", 4 },
};
static const struct coldef activities_cols[] = {
	{ "date", COL_DATE, 1, NULL, 2 },
	{ "rep", COL_ID, 1, NULL, 1 },
	{ "kind", COL_ENUM, 1, "call|email|meeting|demo|visit|other", 2 },
	{ "account", COL_ID, 0, NULL, 3 },
	{ "deal", COL_DEAL, 0, NULL, 4 },
	{ "minutes", COL_UINT, 0, NULL, 4 },
	{ "ref", COL_TEXT, 0, NULL, 5 },
	{ "note", COL_TEXT, 0, NULL, 4 },
};
static const struct coldef payouts_cols[] = {
	{ "period", COL_PERIOD, 1, NULL, 1 },
	{ "rep", COL_ID, 1, NULL, 1 },
	{ "plan", COL_ID, 0, NULL, 4 },
	{ "kind", COL_ENUM, 1,
	  "quota|won|cancel|revenue|tier|threshold|commission|override|clawback|cap|"
	  "adjustment|spif|bonus|draw|recovery|balance|payout", 2 },
	{ "deal", COL_DEAL, 0, NULL, 3 },
	{ "date", COL_DATE, 0, NULL, 3 },
	{ "tier", COL_UINT, 0, NULL, 4 },
	{ "amount", COL_MONEY, 0, NULL, 2 },
	{ "pct", COL_TEXT, 0, NULL, 4 },
	{ "commission", COL_MONEY, 0, NULL, 2 },
	{ "note", COL_TEXT, 0, NULL, 5 },
	{ "locked", COL_DATE, 1, NULL, 5 },
};
static const struct coldef calls_cols[] = {
	{ "period", COL_PERIOD, 1, NULL, 1 },
	{ "rep", COL_ID, 0, NULL, 1 },
	{ "team", COL_ID, 0, NULL, 2 },
	{ "category", COL_ENUM, 1, "commit|best", 2 },
	{ "date", COL_DATE, 1, NULL, 3 },
	{ "call", COL_MONEY, 1, NULL, 1 },
	{ "note", COL_TEXT, 0, NULL, 5 },	/* added later */
};
static const struct coldef audit_cols[] = {
	{ "time", COL_TIME, 1, NULL, 1 },
	{ "user", COL_TEXT, 1, NULL, 3 },
	{ "program", COL_TEXT, 1, NULL, 2 },
	{ "detail", COL_TEXT, 0, NULL, 2 },
};

SCHEMA(schema_config, "config.tsv", config_cols, 1, 0);
SCHEMA(schema_stages, "stages.tsv", stages_cols, 0, 0);
const struct schema schema_teams = {
	"teams.tsv", teams_cols, N(teams_cols), 1, 0, 3, 0
};
SCHEMA(schema_reps, "reps.tsv", reps_cols, 1, 0);
SCHEMA(schema_quotas, "quotas.tsv", quotas_cols, 4, 0);
SCHEMA(schema_accounts, "accounts.tsv", accounts_cols, 1, 0);
SCHEMA(schema_courses, "courses.tsv", courses_cols, 1, 0);
const struct schema schema_training = {
	"training.tsv", training_cols, N(training_cols), 3, 0, 2, 0
};
SCHEMA(schema_notes, "notes.tsv", notes_cols, 0, 0);
const struct schema schema_comp_plans = {
	"comp-plans.tsv", comp_plans_cols, N(comp_plans_cols), 1, 0, 1, 0
};
const struct schema schema_comp_tiers = {
	"comp-tiers.tsv", comp_tiers_cols, N(comp_tiers_cols), 0, 0, 2, 0
};
SCHEMA(schema_plans, "plans.tsv", plans_cols, 4, 0);
SCHEMA(schema_ids, "ids.tsv", ids_cols, 1, 0);
const struct schema schema_deals = { "deals/", deals_cols, N(deals_cols), 0, 1, 4, 0 };
SCHEMA(schema_activities, "activities/", activities_cols, 0, 1);
SCHEMA(schema_payouts, "payouts/", payouts_cols, 0, 1);
SCHEMA(schema_audit, "audit.tsv", audit_cols, 0, 1);
const struct schema schema_attempts = {
	"attempts.tsv", attempts_cols, N(attempts_cols), 0, 0, 0, 1
};
const struct schema schema_adjustments = {
	"adjustments.tsv", adjustments_cols, N(adjustments_cols), 0, 0, 0, 1
};

const struct schema schema_org = {
	"org.tsv", org_cols, N(org_cols), 4, 0, 0, 1
};
/* A directory made before forecast calls has no calls.tsv; one made
 * before their notes has no note column. */
const struct schema schema_calls = { "calls.tsv", calls_cols, N(calls_cols), 5, 0, 1, 1 };

const struct schema *const schema_tables[] = {
	&schema_config, &schema_stages, &schema_teams, &schema_reps,
	&schema_quotas, &schema_accounts, &schema_courses, &schema_training,
	&schema_notes, &schema_comp_plans, &schema_comp_tiers, &schema_plans,
	&schema_ids, &schema_attempts, &schema_adjustments, &schema_org, &schema_calls, NULL
};

const struct schema *const schema_all[] = {
	&schema_config, &schema_stages, &schema_teams, &schema_reps,
	&schema_quotas, &schema_accounts, &schema_courses, &schema_training,
	&schema_notes, &schema_comp_plans, &schema_comp_tiers, &schema_plans,
	&schema_ids, &schema_attempts, &schema_adjustments, &schema_org, &schema_calls,
	&schema_deals, &schema_activities, &schema_audit, NULL
};

void
schema_header(const struct schema *sc, struct buf *b)
{
	schema_header_n(sc, sc->ncols, b);
}

size_t
schema_fixed(const struct schema *sc)
{
	return sc->ncols - sc->nlater;
}

long
schema_width(const struct schema *sc, const char *line, size_t len)
{
	size_t k, at = 0, n;

	for (k = 0; k < sc->ncols; k++) {
		n = strlen(sc->cols[k].name);
		if (k > 0) {
			if (at == len && k >= schema_fixed(sc))
				return (long)k;
			if (at >= len || line[at] != '\t')
				return -1;
			at++;
		}
		if (len - at < n || memcmp(line + at, sc->cols[k].name, n) != 0)
			return -1;
		at += n;
	}
	return at == len ? (long)k : -1;
}

void
schema_header_n(const struct schema *sc, size_t k, struct buf *b)
{
	size_t i;

	for (i = 0; i < k && i < sc->ncols; i++) {
		if (i)
			buf_addc(b, '\t');
		buf_adds(b, sc->cols[i].name);
	}
	buf_addc(b, '\n');
}

struct table *
schema_table_new(const struct schema *sc)
{
	const char **names = xcalloc(sc->ncols + 1, sizeof *names);
	struct table *t;
	size_t i;

	for (i = 0; i < sc->ncols; i++)
		names[i] = sc->cols[i].name;
	t = table_new(sc->file, names, sc->ncols);
	free(names);
	return t;
}

int
schema_col(const struct schema *sc, const char *name)
{
	size_t i;

	for (i = 0; i < sc->ncols; i++)
		if (strcmp(sc->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int
enum_has(const char *values, const char *v)
{
	size_t n = strlen(v);
	const char *p = values, *bar;

	for (;;) {
		bar = strchr(p, '|');
		if (!bar)
			return strcmp(p, v) == 0;
		if ((size_t)(bar - p) == n && memcmp(p, v, n) == 0)
			return 1;
		p = bar + 1;
	}
}

static int
time_valid(const char *s)
{
	date_t d;
	char day[DATE_BUFSZ];
	int i;

	/* 2026-11-26T08:00:00Z */
	if (strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		return 0;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (date_parse(day, &d) < 0)
		return 0;
	for (i = 11; i < 19; i++)
		if (i != 13 && i != 16 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return (s[11] - '0') * 10 + (s[12] - '0') < 24 &&
	    (s[14] - '0') < 6 && (s[17] - '0') < 6;
}

/*
 * Text may hold any character but the controls: C0 (escape sequences would
 * reach every terminal that lists the value, a CR would hide what is before
 * it), DEL and C1.  A tab and a line break are text (stored as \t, \n).
 */
static const char *
control_char(const char *v)
{
	static _Thread_local char why[64];
	const unsigned char *p = (const unsigned char *)v, *end = p + strlen(v);
	uint64_t w;

	/* Eight bytes at a time while none is a control, DEL or the 0xc2
	 * that starts a C1 control (most text has none of them). */
	while (end - p >= 8) {
		memcpy(&w, p, 8);
		if (word_below(w, 0x20) | word_zero_bytes(w ^ WORD_ONES * 0x7f) |
		    word_zero_bytes(w ^ WORD_ONES * 0xc2))
			break;
		p += 8;
	}
	for (; *p; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f ||
		    (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)) {
			snprintf(why, sizeof why, "holds a control character (0x%02x)",
			    *p == 0xc2 ? p[1] : *p);
			return why;
		}
	return NULL;
}

/* utf8_checked: v is known to be valid UTF-8 (its whole line was). */
static const char *
check_value(const struct coldef *c, const char *v, int utf8_checked)
{
	struct period p;
	long long n;
	int64_t m, dv;
	date_t d;
	const char *why;
	int dd;
	size_t len;

	if (!*v)
		return c->required ? "is empty" : NULL;
	if (!utf8_checked) {
		len = strlen(v);
		if (utf8_valid_prefix(v, len) < len)
			return "is not valid UTF-8";
	}
	switch (c->type) {
	case COL_TEXT:
		return control_char(v);
	case COL_ID:
		return id_check(v);
	case COL_DATE:
		return date_parse(v, &d) < 0 ? "is not a date (YYYY-MM-DD)" : NULL;
	case COL_MONEY:
		return money_parse(v, &m, &why) < 0 ? why : NULL;
	case COL_UINT:
		return parse_uint(v, 1000000000, &n) < 0 ? "is not a whole number" : NULL;
	case COL_PCT:
		return parse_uint(v, 100, &n) < 0 ? "is not a whole number 0-100" : NULL;
	case COL_ENUM:
		return enum_has(c->values, v) ? NULL : "is not one of the allowed values";
	case COL_PERIOD:
		/* Stored periods are absolute; "today" means nothing in a file. */
		if (period_parse(v, 0, 1, &p) < 0 || strcmp(p.name, v) != 0)
			return "is not a period";
		return NULL;
	case COL_DEAL:
		return genid_check(v, 'D');
	case COL_NOTE:
		return genid_check(v, 'N');
	case COL_TIME:
		return time_valid(v) ? NULL : "is not a UTC time (2026-11-26T08:00:00Z)";
	case COL_CURRENCY:
		return strlen(v) == 3 && isupper((unsigned char)v[0]) &&
		    isupper((unsigned char)v[1]) && isupper((unsigned char)v[2]) ? NULL :
		    "is not a currency code (three capitals: USD)";
	case COL_DECIMAL:
		return dec_parse(v, &dv, &dd) == 0 ? NULL : "is not a decimal number (1234.56)";
	case COL_RATE:
		return money_rate_parse(v, &m) < 0 ?
		    "is not a percentage 0-100 with at most 2 decimals" : NULL;
	}
	return NULL;
}

const char *
schema_check_value(const struct coldef *c, const char *v)
{
	return check_value(c, v, 0);
}

static void
report_f(schema_report report, void *arg, const char *file, unsigned long line,
	 const char *fmt, const char *a, const char *b, const char *c)
{
	char msg[512];

	snprintf(msg, sizeof msg, fmt, a, b, c);
	report(arg, file, line, msg);
}

static int
key_cmp(const struct table *t, const int *kc, size_t nkey, size_t x, size_t y)
{
	size_t k;
	int c;

	for (k = 0; k < nkey; k++) {
		c = strcmp(table_get(t, x, kc[k]), table_get(t, y, kc[k]));
		if (c)
			return c;
	}
	return 0;
}

/* Sorting a copy of the row order finds duplicates wherever they stand. */
static const struct table *uniq_t;
static const int *uniq_col;
static size_t uniq_nkey;

static int
cmp_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = key_cmp(uniq_t, uniq_col, uniq_nkey, x, y);

	return c ? c : (x > y) - (x < y);
}

static size_t
check_unique(const struct schema *sc, const struct table *t, const int *col,
	     schema_report report, void *arg)
{
	size_t *ix = xreallocarray(NULL, t->nrows ? t->nrows : 1, sizeof *ix);
	size_t i, problems = 0;

	for (i = 0; i < t->nrows; i++)
		ix[i] = i;
	uniq_t = t;
	uniq_col = col;
	uniq_nkey = sc->nkey;
	/* Rows in key order (as a writer's are) are their own sorted copy. */
	for (i = 1; i < t->nrows && key_cmp(t, col, sc->nkey, i - 1, i) <= 0; i++)
		;
	if (i < t->nrows)
		qsort(ix, t->nrows, sizeof *ix, cmp_index);
	for (i = 1; i < t->nrows; i++) {
		if (key_cmp(t, col, sc->nkey, ix[i - 1], ix[i]) != 0)
			continue;
		report_f(report, arg, t->name, t->lines[ix[i]], "duplicate %s '%.64s'%s",
		    sc->cols[0].name, table_get(t, ix[i], col[0]),
		    sc->nkey > 1 ? " (same key as another row)" : "");
		problems++;
	}
	free(ix);
	return problems;
}

size_t
schema_check_table(const struct schema *sc, const struct table *t, int flags,
		   schema_report report, void *arg)
{
	int *col = xcalloc(sc->ncols, sizeof *col), as_read, values;
	size_t i, j, problems = 0;
	const char *why, *v;

	for (j = 0; j < sc->ncols; j++) {
		col[j] = table_col(t, sc->cols[j].name);
		if (col[j] < 0 && j < sc->ncols - sc->nlater) {
			report_f(report, arg, t->name, 1, "missing column '%s'",
			    sc->cols[j].name, NULL, NULL);
			problems++;
		}
	}
	if (problems) {
		free(col);
		return problems;
	}
	for (i = 0; i < t->nrows; i++) {
		/* A row as read is valid UTF-8 already: only its values are checked. */
		as_read = table_row_as_read(t, i);
		/* with SCHEMA_CHANGED, a row as read was checked before */
		values = !as_read || !(flags & SCHEMA_CHANGED);
		for (j = 0; values && j < sc->ncols; j++) {
			if (col[j] < 0)
				continue;
			v = table_get(t, i, col[j]);
			if ((why = check_value(&sc->cols[j], v, as_read))) {
				report_f(report, arg, t->name, t->lines[i], "%s '%.64s' %s",
				    sc->cols[j].name, v, why);
				problems++;
			}
		}
		if ((flags & SCHEMA_ORDER) && sc->nkey && i > 0 &&
		    key_cmp(t, col, sc->nkey, i - 1, i) > 0) {
			report_f(report, arg, t->name, t->lines[i],
			    "%s '%.64s' out of order (rows are kept sorted by key)%s",
			    sc->cols[0].name, table_get(t, i, col[0]), "");
			problems++;
		}
	}
	if (sc->nkey)
		problems += check_unique(sc, t, col, report, arg);
	free(col);
	return problems;
}

/* schema_check_rows() over data whole lines (a part of the rows): *lines
 * gets how many it read. */
static size_t
check_part(const struct schema *sc, size_t k, const char *file, const char *data, size_t len,
	   schema_report report, void *arg, unsigned long *lines)
{
	char **f = xcalloc(k + 1, sizeof *f), err[256], n[32], want[32], *line[2] = { 0 };
	size_t *flen = xcalloc(k + 1, sizeof *flen), problems = 0, j, cap[2] = { 0 }, ll;
	/* The fields of the row before, and which of them were valid: a
	 * value the same as the one above it in its column is valid too (a
	 * batch repeats its dates, events, stages and audit stamps). */
	char **pf = xcalloc(k + 1, sizeof *pf);
	size_t *pflen = xcalloc(k + 1, sizeof *pflen);
	unsigned char *pok = xcalloc(k + 1, 1);
	const char *p = data, *end = data + len, *nl, *why;
	unsigned long lineno = 0;
	int cur = 0;
	long nf;

	for (; p < end; p = nl + 1) {
		lineno++;
		if (!(nl = memchr(p, '\n', (size_t)(end - p))))
			nl = end;
		ll = (size_t)(nl - p);
		/* Each row in the other buffer: the one before stays as it was. */
		cur ^= 1;
		if (ll + 1 > cap[cur])
			line[cur] = xreallocarray(line[cur], cap[cur] = ll + 1, 1);
		memcpy(line[cur], p, ll);
		line[cur][ll] = '\0';
		if (nl == end) {
			report(arg, file, lineno, "the last line has no line break");
			problems++;
			break;
		}
		if ((nf = tsv_split(line[cur], ll, f, flen, k + 1, err, sizeof err)) < 0) {
			report(arg, file, lineno, err);
			problems++;
			memset(pok, 0, k + 1);
			continue;
		}
		if ((size_t)nf != k) {
			snprintf(n, sizeof n, "%ld", nf);
			snprintf(want, sizeof want, "%zu", k);
			report_f(report, arg, file, lineno, "%s fields, want %s (the columns of "
			    "its header)", n, want, NULL);
			problems++;
			memset(pok, 0, k + 1);
			continue;
		}
		for (j = 0; j < k; j++) {
			/* (the last bytes first: values of a column mostly differ there) */
			if (pok[j] && pflen[j] == flen[j] && (flen[j] == 0 ||
			    (pf[j][flen[j] - 1] == f[j][flen[j] - 1] &&
			    memcmp(pf[j], f[j], flen[j]) == 0))) {
				pf[j] = f[j];
				continue;
			}
			pf[j] = f[j];
			pflen[j] = flen[j];
			pok[j] = 1;
			/* tsv_split() took the line: its UTF-8 is valid, and so is
			 * every field's (tabs and escapes are ASCII). */
			if ((why = check_value(&sc->cols[j], f[j], 1))) {
				report_f(report, arg, file, lineno, "%s '%.64s' %s", sc->cols[j].name,
				    f[j], why);
				problems++;
				pok[j] = 0;
			}
		}
	}
	free(line[0]);
	free(line[1]);
	free(f);
	free(flen);
	free(pf);
	free(pflen);
	free(pok);
	*lines = lineno;
	return problems;
}

/*
 * A big append is checked in two halves at once, the second in a thread
 * of its own that keeps its problems (line, then message) to be reported
 * after the first half's, in the order of the lines: the same reports as
 * one pass makes, the first of them first.
 */
enum { CHECK_SPLIT_MIN = 1 << 20 };

struct rows_half {
	const struct schema *sc;
	size_t k;
	const char *file, *data;
	size_t len, problems;
	unsigned long lines;
	struct buf kept;
};

static void
keep_problem(void *arg, const char *file, unsigned long line, const char *msg)
{
	struct rows_half *h = arg;

	(void)file;
	buf_add(&h->kept, &line, sizeof line);
	buf_add(&h->kept, msg, strlen(msg) + 1);
}

static void *
check_half(void *arg)
{
	struct rows_half *h = arg;

	h->problems = check_part(h->sc, h->k, h->file, h->data, h->len, keep_problem, h,
	    &h->lines);
	return NULL;
}

/* Report a half's kept problems, its lines numbered on from skip. */
static void
report_kept(struct rows_half *h, unsigned long skip, schema_report report, void *arg)
{
	unsigned long line;
	size_t at, n;

	for (at = 0; at < h->kept.len; at += sizeof line + n + 1) {
		memcpy(&line, h->kept.data + at, sizeof line);
		n = strlen(h->kept.data + at + sizeof line);
		report(arg, h->file, skip + line, h->kept.data + at + sizeof line);
	}
	buf_free(&h->kept);
}

size_t
schema_check_rows(const struct schema *sc, size_t k, const char *file,
		  const char *data, size_t len, schema_report report, void *arg)
{
	struct rows_half h[2] = {
		{ sc, k, file, data, 0, 0, 0, BUF_INIT }, { sc, k, file, NULL, 0, 0, 0, BUF_INIT }
	};
	const char *mid = len >= CHECK_SPLIT_MIN ? memchr(data + len / 2, '\n', len - len / 2) :
	    NULL;
	unsigned long lines;
	pthread_t t;
	int e;

	if (mid && mid + 1 < data + len) {
		h[0].len = (size_t)(mid + 1 - data);
		h[1].data = mid + 1;
		h[1].len = len - h[0].len;
		if (pthread_create(&t, NULL, check_half, &h[1]) == 0) {
			check_half(&h[0]);
			if ((e = pthread_join(t, NULL)))
				die("internal error: the check of %s's rows: %s", file,
				    strerror(e));
			report_kept(&h[0], 0, report, arg);
			report_kept(&h[1], h[0].lines, report, arg);
			return h[0].problems + h[1].problems;
		}
	}
	/* Small, or no thread to be had: one pass. */
	return check_part(sc, k, file, data, len, report, arg, &lines);
}

void
schema_sort(const struct schema *sc, struct table *t)
{
	int kc[8];
	size_t k;

	if (sc->nkey == 0)
		return;
	for (k = 0; k < sc->nkey && k < 8; k++)
		kc[k] = table_col(t, sc->cols[k].name);
	table_sort(t, kc, k);
}

void
schema_warn(void *arg, const char *file, unsigned long line, const char *msg)
{
	(void)arg;
	if (line)
		warn("%s:%lu: %s", file, line, msg);
	else
		warn("%s: %s", file, msg);
}

static enum out_kind
out_kind_of(const struct coldef *c)
{
	const char *v;

	switch (c->type) {
	case COL_MONEY:
		return OUT_MONEY;
	case COL_UINT:
	case COL_PCT:
		return OUT_INT;
	case COL_ENUM:
		/* "1|2|3|4|5": a number */
		for (v = c->values; v && *v; v++)
			if ((*v < '0' || *v > '9') && *v != '|')
				return OUT_TEXT;
		return c->values && *c->values ? OUT_INT : OUT_TEXT;
	default:
		return OUT_TEXT;
	}
}

size_t
schema_out_cols(const struct schema *sc, const struct table *t, struct out_col **cols,
		int **col)
{
	size_t n, j;

	*cols = xreallocarray(NULL, sc->ncols + t->ncols, sizeof **cols);
	*col = xreallocarray(NULL, sc->ncols + t->ncols, sizeof **col);
	for (n = 0; n < sc->ncols; n++) {
		(*cols)[n].name = sc->cols[n].name;
		(*cols)[n].kind = out_kind_of(&sc->cols[n]);
		(*cols)[n].prio = sc->cols[n].prio;
		(*col)[n] = table_col(t, sc->cols[n].name);
	}
	for (j = 0; j < t->ncols; j++) {
		if (schema_col(sc, t->cols[j]) >= 0)
			continue;
		(*cols)[n].name = t->cols[j];
		(*cols)[n].kind = OUT_TEXT;
		(*cols)[n].prio = 0;	/* a user's own: left out first */
		(*col)[n++] = (int)j;
	}
	return n;
}
