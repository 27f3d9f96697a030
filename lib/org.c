/* org: the dated organisation (see org.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "intern.h"
#include "org.h"
#include "schema.h"
#include "xalloc.h"

#define ALWAYS (DATE_MIN - 1)	/* an empty from: before every day */

static const char *const kind_names[ORG_NKINDS] = { "rep", "team", "account" };
static const char *const rep_fields[] = {
	"team", "manager", "role", "region", "capacity", "status"
};
static const char *const team_fields[] = { "name", "manager", "parent", "status" };
static const char *const account_fields[] = { "owner" };
static const char *const *const field_names[ORG_NKINDS] = {
	rep_fields, team_fields, account_fields
};
static const size_t nfields[ORG_NKINDS] = { 6, 4, 1 };
#define MAXFIELDS 6		/* the most of any kind: a rep's */
_Static_assert(sizeof rep_fields / sizeof rep_fields[0] == MAXFIELDS, "a rep's fields");
/* The view each kind's current values are in, and its key. */
static const char *const key_cols[ORG_NKINDS] = { "rep", "team", "account" };

struct hrow {
	date_t from;
	const char *v;		/* in o->vals: equal values are equal pointers */
};

struct span {
	uint32_t off, n;
};

struct org {
	struct intern *ids[ORG_NKINDS];
	size_t nknown[ORG_NKINDS];	/* ids below this are in their table */
	struct span *span[ORG_NKINDS];	/* id * nfields + field */
	struct hrow *rows;
	size_t nrows;
	struct intern *vals;
	const char *empty, *active, *gone, *ended;
	date_t *days;		/* every from, sorted, distinct */
	size_t ndays;
};

/* A row while building: which history, and its place. */
struct brow {
	uint32_t id, seq;
	uint8_t kind, field;
	struct hrow r;
};

int
org_kind_parse(const char *s)
{
	int k;

	for (k = 0; k < ORG_NKINDS; k++)
		if (strcmp(s, kind_names[k]) == 0)
			return k;
	return -1;
}

const char *
org_kind_name(enum org_kind k)
{
	return kind_names[k];
}

int
org_field(enum org_kind k, const char *name)
{
	size_t i;

	for (i = 0; i < nfields[k]; i++)
		if (strcmp(name, field_names[k][i]) == 0)
			return (int)i;
	return -1;
}

const char *
org_field_name(enum org_kind k, int field)
{
	return field >= 0 && (size_t)field < nfields[k] ? field_names[k][field] : NULL;
}

const char *
org_row_problem(const char *kind, const char *field, const char *from)
{
	date_t d;
	int k = org_kind_parse(kind);

	if (k < 0)
		return "kind: want rep, team or account";
	if (org_field((enum org_kind)k, field) < 0)
		return k == ORG_REP ? "field: a rep's are team, manager, role, region, "
		    "capacity and status" : k == ORG_TEAM ? "field: a team's are name, "
		    "manager, parent and status" : "field: an account's is owner";
	if (*from && date_parse(from, &d) < 0)
		return "from: not a date (YYYY-MM-DD, or empty for since always)";
	return NULL;
}

static const char *
val(struct org *o, const char *s)
{
	return intern_name(o->vals, intern_add(o->vals, s, strlen(s)));
}

struct build {
	struct brow *v;
	size_t n, cap;
	uint8_t *has[ORG_NKINDS];	/* id * nfields + field: org.tsv has rows */
	size_t hascap[ORG_NKINDS];
	const char *last[MAXFIELDS];	/* per field, the view's value before */
	const unsigned *fields;		/* per kind, the fields built (build()) */
};

static void
push(struct build *b, int kind, size_t id, int field, date_t from, const char *v)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->v = xreallocarray(b->v, b->cap, sizeof *b->v);
	}
	b->v[b->n] = (struct brow){ (uint32_t)id, (uint32_t)b->n, (uint8_t)kind,
	    (uint8_t)field, { from, v } };
	b->n++;
}

static void
mark(struct build *b, int kind, size_t id, int field)
{
	size_t need = (id + 1) * nfields[kind], old = b->hascap[kind];

	if (need > old) {
		b->hascap[kind] = need * 2;
		b->has[kind] = xreallocarray(b->has[kind], b->hascap[kind], 1);
		memset(b->has[kind] + old, 0, b->hascap[kind] - old);
	}
	b->has[kind][id * nfields[kind] + (size_t)field] = 1;
}

static int
marked(const struct build *b, int kind, size_t id, int field)
{
	size_t i = id * nfields[kind] + (size_t)field;

	return i < b->hascap[kind] && b->has[kind][i];
}

static int
cmp_brow(const void *a, const void *b)
{
	const struct brow *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind - y->kind;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	if (x->field != y->field)
		return x->field - y->field;
	if (x->r.from != y->r.from)
		return x->r.from < y->r.from ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
cmp_date(const void *a, const void *b)
{
	date_t x = *(const date_t *)a, y = *(const date_t *)b;

	return (x > y) - (x < y);
}

static date_t
day_or(const char *s, date_t dflt)
{
	date_t d;

	return *s && date_parse(s, &d) == 0 ? d : dflt;
}

/* The columns of a view that implied() reads, found once. */
struct view_cols {
	int field[MAXFIELDS];		/* nfields[kind] of them */
	int status, ended, hired;
};

static void
view_cols(const struct table *t, int kind, struct view_cols *vc)
{
	size_t f;

	for (f = 0; f < nfields[kind]; f++)
		vc->field[f] = table_col(t, field_names[kind][f]);
	vc->status = table_col(t, "status");
	vc->ended = table_col(t, "ended");
	vc->hired = table_col(t, "hired");
}

/* val() of the cell s of field f: a field's value is often the row
 * before's (a team's reps share its manager and region). */
static const char *
val_of(struct org *o, struct build *b, int f, const char *s)
{
	if (!b->last[f] || strcmp(b->last[f], s) != 0)
		b->last[f] = val(o, s);
	return b->last[f];
}

/* The history a view row implies for a field without org.tsv rows. */
static void
implied(struct org *o, struct build *b, int kind, size_t id, const struct table *t,
	const struct view_cols *vc, size_t row)
{
	const char *status, *ended;
	date_t hired, end;
	int f;

	for (f = 0; f < (int)nfields[kind]; f++) {
		if (!(b->fields[kind] & 1u << f) || marked(b, kind, id, f))
			continue;
		if (kind == ORG_REP && f == ORG_R_STATUS) {
			status = table_get(t, row, vc->status);
			ended = table_get(t, row, vc->ended);
			hired = day_or(table_get(t, row, vc->hired), ALWAYS);
			push(b, kind, id, f, hired, o->active);
			end = day_or(ended, hired);
			if (*status && strcmp(status, "active") != 0)
				push(b, kind, id, f, end > hired ? end : hired, val(o, status));
		} else if (kind == ORG_TEAM && f == ORG_T_STATUS) {
			status = table_get(t, row, vc->status);
			push(b, kind, id, f, ALWAYS, o->active);
			if (strcmp(status, "ended") == 0)
				push(b, kind, id, f, day_or(table_get(t, row, vc->ended), ALWAYS),
				    o->ended);
		} else {
			push(b, kind, id, f, ALWAYS, val_of(o, b, f, table_get(t, row, vc->field[f])));
		}
	}
}

/*
 * The rows in cmp_brow's order.  Those of org.tsv (the first nh) come in
 * the file's order; those the views imply come in order already (by kind,
 * then id: the ids of a view's rows are their row numbers, unless a key is
 * there twice), so they are sorted alone and merged.
 */
static void
sort_rows(struct build *b, size_t nh)
{
	struct brow *v;
	size_t i, j, k;

	for (i = nh + 1; i < b->n && cmp_brow(&b->v[i - 1], &b->v[i]) < 0; i++)
		;
	if (i < b->n) {
		qsort(b->v, b->n, sizeof *b->v, cmp_brow);
		return;
	}
	if (nh == 0)
		return;
	qsort(b->v, nh, sizeof *b->v, cmp_brow);
	v = xreallocarray(NULL, b->n, sizeof *v);
	for (i = 0, j = nh, k = 0; k < b->n; k++)
		v[k] = j == b->n || (i < nh && cmp_brow(&b->v[i], &b->v[j]) < 0) ?
		    b->v[i++] : b->v[j++];
	free(b->v);
	b->v = v;
}

struct org *
org_new(const struct table *reps, const struct table *teams, const struct table *accounts,
	const struct table *hist)
{
	return org_new_of(reps, teams, accounts, hist, NULL, NULL);
}

/* A view row want() leaves out. */
#define LEFT_OUT SIZE_MAX

/* The fields of each kind that every org has: all of them. */
static const unsigned all_fields[ORG_NKINDS] = { ~0u, ~0u, ~0u };

/*
 * org_new_of() with the history of only some fields of each kind (bit f
 * of fields[k] for field f): an org the other fields of which are empty,
 * for org_warn_loop(), which asks of none.
 */
static struct org *
build(const struct table *reps, const struct table *teams, const struct table *accounts,
      const struct table *hist, org_want_fn want, void *arg, const unsigned fields[ORG_NKINDS])
{
	const struct table *view[ORG_NKINDS] = { reps, teams, accounts };
	size_t *vid[ORG_NKINDS] = { 0 };	/* each view row's id */
	struct org *o = xcalloc(1, sizeof *o);
	struct build b = { .fields = fields };
	struct view_cols vc;
	int kc, ic, fc, frc, valc, k, f;
	size_t i, j, n, id, nid, nh;
	date_t from;

	o->vals = intern_new();
	o->empty = val(o, "");
	o->active = val(o, "active");
	o->gone = val(o, "gone");
	o->ended = val(o, "ended");
	for (k = 0; k < ORG_NKINDS; k++) {
		o->ids[k] = intern_new();
		if (!view[k])
			continue;
		if ((kc = table_col(view[k], key_cols[k])) < 0)
			die("%s: no column '%s'; run sales-check", view[k]->name, key_cols[k]);
		vid[k] = xreallocarray(NULL, view[k]->nrows + 1, sizeof *vid[k]);
		for (i = 0; i < view[k]->nrows; i++)
			vid[k][i] = want && !want(arg, (enum org_kind)k, view[k], i) ? LEFT_OUT :
			    intern_add(o->ids[k], table_get(view[k], i, kc),
			    strlen(table_get(view[k], i, kc)));
		o->nknown[k] = intern_count(o->ids[k]);
	}
	kc = hist ? table_col(hist, "kind") : -1;
	ic = hist ? table_col(hist, "id") : -1;
	fc = hist ? table_col(hist, "field") : -1;
	frc = hist ? table_col(hist, "from") : -1;
	valc = hist ? table_col(hist, "value") : -1;
	for (i = 0; kc >= 0 && ic >= 0 && fc >= 0 && frc >= 0 && valc >= 0 &&
	    i < hist->nrows; i++) {
		if ((k = org_kind_parse(table_get(hist, i, kc))) < 0 ||
		    (f = org_field((enum org_kind)k, table_get(hist, i, fc))) < 0 ||
		    !(fields[k] & 1u << f))
			continue;
		from = ALWAYS;
		if (*table_get(hist, i, frc) && date_parse(table_get(hist, i, frc), &from) < 0)
			continue;
		id = intern_add(o->ids[k], table_get(hist, i, ic),
		    strlen(table_get(hist, i, ic)));
		push(&b, k, id, f, from, val(o, table_get(hist, i, valc)));
		mark(&b, k, id, f);
	}
	nh = b.n;
	for (k = 0; k < ORG_NKINDS; k++) {
		if (!view[k])
			continue;
		view_cols(view[k], k, &vc);
		for (i = 0; i < view[k]->nrows; i++)
			if (vid[k][i] != LEFT_OUT)
				implied(o, &b, k, vid[k][i], view[k], &vc, i);
		free(vid[k]);
	}
	if (b.n > 1)		/* b.v is NULL while nothing is dated */
		sort_rows(&b, nh);
	o->rows = xcalloc(b.n + 1, sizeof *o->rows);
	o->days = xcalloc(b.n + 1, sizeof *o->days);
	for (k = 0; k < ORG_NKINDS; k++) {
		nid = intern_count(o->ids[k]);
		o->span[k] = xcalloc(nid * nfields[k] + 1, sizeof *o->span[k]);
	}
	for (i = 0; i < b.n; i = j) {
		for (j = i; j < b.n && b.v[j].kind == b.v[i].kind && b.v[j].id == b.v[i].id &&
		    b.v[j].field == b.v[i].field; j++)
			;
		k = b.v[i].kind;
		o->span[k][b.v[i].id * nfields[k] + b.v[i].field] =
		    (struct span){ (uint32_t)o->nrows, (uint32_t)(j - i) };
		for (n = i; n < j; n++) {
			o->rows[o->nrows++] = b.v[n].r;
			if (b.v[n].r.from != ALWAYS)
				o->days[o->ndays++] = b.v[n].r.from;
		}
	}
	qsort(o->days, o->ndays, sizeof *o->days, cmp_date);
	for (i = n = 0; i < o->ndays; i++)
		if (n == 0 || o->days[n - 1] != o->days[i])
			o->days[n++] = o->days[i];
	o->ndays = n;
	free(b.v);
	for (k = 0; k < ORG_NKINDS; k++)
		free(b.has[k]);
	return o;
}

struct org *
org_new_of(const struct table *reps, const struct table *teams, const struct table *accounts,
	   const struct table *hist, org_want_fn want, void *arg)
{
	return build(reps, teams, accounts, hist, want, arg, all_fields);
}

struct org *
org_load(struct store *s, int accounts_too)
{
	struct table *reps = store_load(s, "reps.tsv");
	struct table *teams = store_load(s, "teams.tsv");
	struct table *accounts = accounts_too ? store_load(s, "accounts.tsv") : NULL;
	struct org *o = org_load_tables(s, reps, teams, accounts);

	table_free(reps);
	table_free(teams);
	table_free(accounts);
	return o;
}

struct table *
org_hist_load(struct store *s)
{
	return store_exists(s, schema_org.file) ? store_load(s, schema_org.file) :
	    schema_table_new(&schema_org);
}

struct org *
org_load_tables(struct store *s, const struct table *reps, const struct table *teams,
		const struct table *accounts)
{
	struct table *hist = store_exists(s, schema_org.file) ?
	    store_load(s, schema_org.file) : NULL;
	struct org *o = org_new(reps, teams, accounts, hist);

	table_free(hist);
	return o;
}

void
org_free(struct org *o)
{
	int k;

	if (!o)
		return;
	for (k = 0; k < ORG_NKINDS; k++) {
		intern_free(o->ids[k]);
		free(o->span[k]);
	}
	intern_free(o->vals);
	free(o->rows);
	free(o->days);
	free(o);
}

/* The value of history s on day: the row with the greatest from <= day. */
static const char *
at(const struct org *o, struct span s, date_t day)
{
	const struct hrow *r = o->rows + s.off;
	size_t lo = 0, hi = s.n, mid;

	if (s.n == 1)
		return r[0].from <= day ? r[0].v : o->empty;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (r[mid].from <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? r[lo - 1].v : o->empty;
}

static long
index_of(const struct org *o, enum org_kind k, const char *id)
{
	return intern_get(o->ids[k], id, strlen(id));
}

static struct span
span_of(const struct org *o, enum org_kind k, size_t id, int field)
{
	return o->span[k][id * nfields[k] + (size_t)field];
}

const char *
org_value(const struct org *o, enum org_kind k, const char *id, int field, date_t day)
{
	long i = index_of(o, k, id);

	return i < 0 ? o->empty : at(o, span_of(o, k, (size_t)i, field), day);
}

int
org_known(const struct org *o, enum org_kind k, const char *id)
{
	long i = index_of(o, k, id);

	return i >= 0 && (size_t)i < o->nknown[k];
}

int
org_team_open(const struct org *o, const char *team, date_t day)
{
	return org_known(o, ORG_TEAM, team) && org_team_status(o, team, day) != o->ended;
}

date_t
org_rep_first_day(const struct org *o, const char *rep)
{
	long i = index_of(o, ORG_REP, rep);
	struct span s;
	size_t k;

	if (i < 0)
		return DATE_MAX;
	s = span_of(o, ORG_REP, (size_t)i, ORG_R_STATUS);
	for (k = 0; k < s.n; k++)
		if (*o->rows[s.off + k].v && o->rows[s.off + k].v != o->gone)
			return o->rows[s.off + k].from == ALWAYS ? DATE_MIN : o->rows[s.off + k].from;
	return DATE_MAX;
}

const char *
org_manager_of(const struct org *o, const char *rep, date_t day)
{
	const char *m = org_rep_manager(o, rep, day), *t;
	size_t hops;

	if (*m && strcmp(m, rep) != 0)
		return m;
	t = org_rep_team(o, rep, day);
	for (hops = 0; *t && hops <= intern_count(o->ids[ORG_TEAM]); hops++) {
		m = org_team_manager(o, t, day);
		if (*m && strcmp(m, rep) != 0)
			return m;
		t = org_team_parent(o, t, day);
	}
	return o->empty;
}

int
org_under(const struct org *o, const char *manager, const char *rep, date_t day)
{
	const char *m = org_manager_of(o, rep, day);
	size_t hops;

	for (hops = 0; *m && hops <= intern_count(o->ids[ORG_REP]); hops++) {
		if (strcmp(m, manager) == 0)
			return 1;
		m = org_manager_of(o, m, day);
	}
	return 0;
}

/* The first from after day in s, or DATE_MAX + 1. */
static date_t
next_change(const struct org *o, struct span s, date_t day)
{
	size_t k;

	for (k = 0; k < s.n; k++)
		if (o->rows[s.off + k].from > day)
			return o->rows[s.off + k].from;
	return DATE_MAX + 1;
}

long
org_days_on_team(const struct org *o, const char *rep, const char *team, date_t from,
		 date_t to)
{
	long i = index_of(o, ORG_REP, rep), days = 0;
	struct span ts, ss;
	const char *st;
	date_t d, next, n2;

	if (i < 0)
		return 0;
	ts = span_of(o, ORG_REP, (size_t)i, ORG_R_TEAM);
	ss = span_of(o, ORG_REP, (size_t)i, ORG_R_STATUS);
	for (d = from; d <= to; d = next) {
		next = next_change(o, ts, d);
		if ((n2 = next_change(o, ss, d)) < next)
			next = n2;
		if (next > to + 1)
			next = to + 1;
		st = at(o, ss, d);
		if (strcmp(at(o, ts, d), team) == 0 && *st && st != o->gone)
			days += next - d;
	}
	return days;
}

long
org_days_under(const struct org *o, const char *manager, const char *rep, date_t from,
	       date_t to)
{
	long days = 0;
	const char *st;
	date_t d, next;
	size_t lo = 0, hi = o->ndays, mid;

	/* The organisation is the same between two change days. */
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (o->days[mid] <= from)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (d = from; d <= to; d = next, lo++) {
		next = lo < o->ndays && o->days[lo] <= to ? o->days[lo] : to + 1;
		st = org_rep_status(o, rep, d);
		if (*st && st != o->gone && org_under(o, manager, rep, d))
			days += next - d;
	}
	return days;
}

size_t
org_team_reps(const struct org *o, const char *team, date_t from, date_t to,
	      const char ***reps)
{
	size_t n = 0, i, k;
	struct span s;
	const struct hrow *r;
	int on;

	*reps = xcalloc(o->nknown[ORG_REP] + 1, sizeof **reps);
	for (i = 0; i < o->nknown[ORG_REP]; i++) {
		s = span_of(o, ORG_REP, i, ORG_R_TEAM);
		on = strcmp(at(o, s, from), team) == 0;
		for (k = 0; !on && k < s.n; k++) {
			r = &o->rows[s.off + k];
			on = r->from > from && r->from <= to && strcmp(r->v, team) == 0;
		}
		if (on)
			(*reps)[n++] = intern_name(o->ids[ORG_REP], i);
	}
	return n;
}

/*
 * Loops.  The chains are followed over numbers, not names: each value on
 * the day is the number of the rep or team it names, END where a chain
 * ends (empty, or a team with no history), OTHER for a manager who is no
 * rep with a history (a chain ends one step later).  The organisation is
 * the same between two days on which a rep's team or manager, or a team's
 * manager or parent, changes: those days alone are looked at, each change
 * applied as its day comes.
 */
#define END (-1)
#define OTHER (-2)

struct graph {
	const struct org *o;
	size_t n[2];			/* reps, teams */
	long *v[2][2];			/* [rep][team, manager], [team][parent, manager] */
	long *next;			/* per rep: its manager, through the teams */
	unsigned char *state;		/* per node (below) */
	long *path;
};

enum { NEW, ON_PATH, ENDS, LOOPS };
static const int graph_fields[2][2] = {
	{ ORG_R_TEAM, ORG_R_MANAGER }, { ORG_T_PARENT, ORG_T_MANAGER }
};

/* The number of history (kind k, number i, graph field g) on day. */
static long
graph_value(const struct graph *gr, int k, size_t i, int g, date_t day)
{
	const char *v = at(gr->o, span_of(gr->o, (enum org_kind)k, i, graph_fields[k][g]), day);
	long n;

	if (!*v)
		return END;
	n = intern_get(gr->o->ids[g == 1 ? ORG_REP : ORG_TEAM], v, strlen(v));
	return n >= 0 ? n : g == 1 ? OTHER : END;
}

/* org_manager_of() over the numbers. */
static long
graph_manager(const struct graph *gr, size_t rep)
{
	long m = gr->v[0][1][rep], t = gr->v[0][0][rep];
	size_t hops;

	if (m != END && m != (long)rep)
		return m;
	for (hops = 0; t >= 0 && hops <= gr->n[1]; hops++) {
		m = gr->v[1][1][t];
		if (m != END && m != (long)rep)
			return m;
		t = gr->v[1][0][t];
	}
	return END;
}

/* The first node (by number) of n whose chain through next[] never ends,
 * or -1: each node walked once, its state kept. */
static long
first_loop(struct graph *gr, const long *next, size_t n)
{
	size_t i, len;
	long j, first = -1;
	int st;

	memset(gr->state, NEW, n);
	for (i = 0; i < n; i++) {
		for (len = 0, j = (long)i; j >= 0 && gr->state[j] == NEW; j = next[j]) {
			gr->state[j] = ON_PATH;
			gr->path[len++] = j;
		}
		st = j < 0 ? ENDS : gr->state[j] == ON_PATH ? LOOPS : gr->state[j];
		while (len)
			gr->state[gr->path[--len]] = (unsigned char)st;
		if (first < 0 && gr->state[i] == LOOPS)
			first = (long)i;
	}
	return first;
}

/* A loop on day: a team whose chain of parents, or a rep whose chain of
 * managers, never ends (teams first), or NULL. */
static const char *
loop_now(struct graph *gr)
{
	size_t i;
	long who;

	if ((who = first_loop(gr, gr->v[1][0], gr->n[1])) >= 0)
		return intern_name(gr->o->ids[ORG_TEAM], (size_t)who);
	for (i = 0; i < gr->n[0]; i++)
		gr->next[i] = graph_manager(gr, i);
	if ((who = first_loop(gr, gr->next, gr->n[0])) >= 0)
		return intern_name(gr->o->ids[ORG_REP], (size_t)who);
	return NULL;
}

/* A change of the graph: from day on, history (k, i, g). */
struct graph_change {
	date_t day;
	uint32_t i;
	uint8_t k, g;
};

static int
cmp_change(const void *a, const void *b)
{
	const struct graph_change *x = a, *y = b;

	return (x->day > y->day) - (x->day < y->day);
}

int
org_check(const struct org *o, date_t *day, const char **rep)
{
	struct graph gr = { .o = o };
	struct graph_change *c = NULL;
	size_t nc = 0, cap = 0, i, j, n;
	struct span s;
	int k, g;

	gr.n[0] = intern_count(o->ids[ORG_REP]);
	gr.n[1] = intern_count(o->ids[ORG_TEAM]);
	n = gr.n[0] > gr.n[1] ? gr.n[0] : gr.n[1];
	for (k = 0; k < 2; k++)
		for (g = 0; g < 2; g++) {
			gr.v[k][g] = xcalloc(gr.n[k] + 1, sizeof *gr.v[k][g]);
			for (i = 0; i < gr.n[k]; i++) {
				gr.v[k][g][i] = graph_value(&gr, k, i, g, DATE_MIN);
				s = span_of(o, (enum org_kind)k, i, graph_fields[k][g]);
				for (j = 0; j < s.n; j++) {
					if (o->rows[s.off + j].from <= DATE_MIN)
						continue;
					if (nc == cap) {
						cap = cap ? cap * 2 : 64;
						c = xreallocarray(c, cap, sizeof *c);
					}
					c[nc++] = (struct graph_change){ o->rows[s.off + j].from,
					    (uint32_t)i, (uint8_t)k, (uint8_t)g };
				}
			}
		}
	gr.next = xcalloc(gr.n[0] + 1, sizeof *gr.next);
	gr.state = xcalloc(n + 1, 1);
	gr.path = xcalloc(n + 1, sizeof *gr.path);
	if (nc > 1)		/* c is NULL while nothing changes */
		qsort(c, nc, sizeof *c, cmp_change);
	*day = DATE_MIN;
	*rep = loop_now(&gr);
	for (i = 0; !*rep && i < nc; i = j) {
		*day = c[i].day;
		for (j = i; j < nc && c[j].day == *day; j++)
			gr.v[c[j].k][c[j].g][c[j].i] = graph_value(&gr, c[j].k, c[j].i, c[j].g,
			    *day);
		*rep = loop_now(&gr);
	}
	for (k = 0; k < 2; k++)
		for (g = 0; g < 2; g++)
			free(gr.v[k][g]);
	free(gr.next);
	free(gr.state);
	free(gr.path);
	free(c);
	return *rep != NULL;
}

int
org_warn_loop(const struct table *reps, const struct table *teams, const struct table *hist)
{
	/* org_check()'s graph_fields alone; no account is in a chain */
	static const unsigned chains[ORG_NKINDS] = {
		1u << ORG_R_TEAM | 1u << ORG_R_MANAGER, 1u << ORG_T_PARENT | 1u << ORG_T_MANAGER, 0
	};
	struct org *o = build(reps, teams, NULL, hist, NULL, NULL, chains);
	char day[DATE_BUFSZ];
	const char *who, *on;
	date_t d;
	int bad;

	if ((bad = org_check(o, &d, &who))) {
		on = d == DATE_MIN ? "every day before the first change" : date_format(d, day);
		if (org_known(o, ORG_TEAM, who))
			warn("loop on %s: team '%s' would be above itself", on, who);
		else
			warn("manager loop on %s: rep '%s' would manage themselves", on, who);
	}
	org_free(o);
	return bad;
}

/* Writing. */

static int hist_cols[5];

static void
hist_columns(struct table *hist)
{
	static const char *const names[] = { "kind", "id", "field", "from", "value" };
	int i;

	for (i = 0; i < 5; i++)
		hist_cols[i] = table_col_add(hist, names[i]);
}

static int
hist_row_is(const struct table *hist, size_t i, const char *kind, const char *id,
	    const char *field)
{
	return strcmp(table_get(hist, i, hist_cols[0]), kind) == 0 &&
	    strcmp(table_get(hist, i, hist_cols[1]), id) == 0 &&
	    strcmp(table_get(hist, i, hist_cols[2]), field) == 0;
}

static void
hist_put(struct table *hist, const char *kind, const char *id, const char *field,
	 const char *from, const char *value)
{
	size_t i;

	for (i = 0; i < hist->nrows; i++)
		if (hist_row_is(hist, i, kind, id, field) &&
		    strcmp(table_get(hist, i, hist_cols[3]), from) == 0) {
			table_set(hist, i, hist_cols[4], value);
			return;
		}
	i = table_add_row(hist);
	table_set(hist, i, hist_cols[0], kind);
	table_set(hist, i, hist_cols[1], id);
	table_set(hist, i, hist_cols[2], field);
	table_set(hist, i, hist_cols[3], from);
	table_set(hist, i, hist_cols[4], value);
}

/* A row that says what the one before it says is no change: drop it.
 * The rows of one (kind, id, field) are few; the table may be long, so it
 * is walked once. */
static void
drop_repeats(struct table *hist, const char *kind, const char *id, const char *field)
{
	size_t *rows = NULL, n = 0, cap = 0, i, j, t;
	unsigned char *drop;

	for (i = 0; i < hist->nrows; i++)
		if (hist_row_is(hist, i, kind, id, field)) {
			if (n == cap) {
				cap = cap ? 2 * cap : 8;
				rows = xreallocarray(rows, cap, sizeof *rows);
			}
			rows[n++] = i;
		}
	/* by from: an insertion sort, as n is small */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(table_get(hist, rows[j - 1], hist_cols[3]),
		    table_get(hist, rows[j], hist_cols[3])) > 0; j--) {
			t = rows[j];
			rows[j] = rows[j - 1];
			rows[j - 1] = t;
		}
	drop = xcalloc(hist->nrows + 1, 1);
	for (i = 1, j = 0; i < n; i++)
		if (strcmp(table_get(hist, rows[j], hist_cols[4]),
		    table_get(hist, rows[i], hist_cols[4])) == 0)
			drop[rows[i]] = 1;
		else
			j = i;
	for (i = hist->nrows; i-- > 0;)
		if (drop[i])
			table_del_row(hist, i);
	free(drop);
	free(rows);
}

void
org_record(struct table *hist, const struct org *o, enum org_kind k, const char *id,
	   const char *field, date_t from, const char *value)
{
	char day[DATE_BUFSZ];
	int f = org_field(k, field);
	long i = index_of(o, k, id);
	struct span s;
	size_t r;

	if (f < 0)
		die("internal error: '%s' of a %s has no history", field, kind_names[k]);
	hist_columns(hist);
	for (r = 0; r < hist->nrows && !hist_row_is(hist, r, kind_names[k], id, field); r++)
		;
	/* The first dated change: first the history it had. */
	if (r == hist->nrows && i >= 0) {
		s = span_of(o, k, (size_t)i, f);
		for (r = 0; r < s.n; r++)
			hist_put(hist, kind_names[k], id, field,
			    o->rows[s.off + r].from == ALWAYS ? "" :
			    date_format(o->rows[s.off + r].from, day), o->rows[s.off + r].v);
	}
	hist_put(hist, kind_names[k], id, field, date_format(from, day), value);
	drop_repeats(hist, kind_names[k], id, field);
}

void
org_forget_after(struct table *hist, enum org_kind k, const char *id, const char *field,
		 date_t day)
{
	char d[DATE_BUFSZ];
	size_t i;

	hist_columns(hist);
	date_format(day, d);
	for (i = hist->nrows; i-- > 0;)
		if (hist_row_is(hist, i, kind_names[k], id, field) &&
		    strcmp(table_get(hist, i, hist_cols[3]), d) > 0)
			table_del_row(hist, i);
}

int
org_hist_value(const struct table *hist, enum org_kind k, const char *id,
	       const char *field, date_t day, const char **value)
{
	int kc = table_col(hist, "kind"), ic = table_col(hist, "id");
	int fc = table_col(hist, "field"), frc = table_col(hist, "from");
	int vc = table_col(hist, "value");
	date_t best = 0, d;
	int found = 0;
	size_t i;

	for (i = 0; kc >= 0 && ic >= 0 && fc >= 0 && frc >= 0 && vc >= 0 &&
	    i < hist->nrows; i++) {
		if (strcmp(table_get(hist, i, kc), kind_names[k]) != 0 ||
		    strcmp(table_get(hist, i, ic), id) != 0 ||
		    strcmp(table_get(hist, i, fc), field) != 0)
			continue;
		d = day_or(table_get(hist, i, frc), ALWAYS);
		if (d > day || (found && d < best))
			continue;
		best = d;
		*value = table_get(hist, i, vc);
		found = 1;
	}
	return found;
}

/* Groups: what a fold attributes a rep's event to, cached per rep until
 * the organisation next changes. */

struct gcache {
	long epoch;		/* -1: none yet */
	uint32_t n, cap;
	uint32_t *v;
};

struct org_groups {
	const struct org *o;
	enum org_by by;
	const char *manager, *team;
	struct intern *reps;	/* handles */
	struct gcache *cache;
	size_t ncache;
	struct intern *names;	/* the groups */
	int *level;
	size_t nlevel;
	/* the epoch of the last lookup: days lo .. hi - 1 */
	long epoch;
	date_t lo, hi;
};

struct org_groups *
org_groups_new(const struct org *o, enum org_by by, const char *manager, const char *team)
{
	struct org_groups *g = xcalloc(1, sizeof *g);

	g->o = o;
	g->by = by;
	g->manager = manager && *manager ? manager : NULL;
	g->team = team && *team ? team : NULL;
	g->reps = intern_new();
	g->names = intern_new();
	g->epoch = -1;
	return g;
}

uint32_t
org_groups_rep(struct org_groups *g, const char *rep, size_t len)
{
	size_t h = intern_add(g->reps, rep, len), old = g->ncache;

	if (h >= g->ncache) {
		g->ncache = h * 2 + 16;
		g->cache = xreallocarray(g->cache, g->ncache, sizeof *g->cache);
		memset(g->cache + old, 0, (g->ncache - old) * sizeof *g->cache);
		for (; old < g->ncache; old++)
			g->cache[old].epoch = -1;
	}
	return (uint32_t)h;
}

uint32_t
org_groups_add(struct org_groups *g, const char *name)
{
	size_t i = intern_add(g->names, name, strlen(name)), old = g->nlevel;

	if (i >= g->nlevel) {
		g->nlevel = i * 2 + 16;
		g->level = xreallocarray(g->level, g->nlevel, sizeof *g->level);
		memset(g->level + old, 0, (g->nlevel - old) * sizeof *g->level);
	}
	return (uint32_t)i;
}

static void
gpush(struct org_groups *g, struct gcache *c, const char *name, int level)
{
	uint32_t i = org_groups_add(g, name);

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	c->v[c->n++] = i;
	if (level > g->level[i])
		g->level[i] = level;
}

/* The epoch of day: how many change days are on or before it. */
static long
epoch_of(struct org_groups *g, date_t day)
{
	const struct org *o = g->o;
	size_t lo = 0, hi = o->ndays, mid;

	if (g->epoch >= 0 && day >= g->lo && day < g->hi)
		return g->epoch;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (o->days[mid] <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	g->epoch = (long)lo;
	g->lo = lo ? o->days[lo - 1] : DATE_MIN - 1;
	g->hi = lo < o->ndays ? o->days[lo] : DATE_MAX + 1;
	return g->epoch;
}

static void
compute(struct org_groups *g, struct gcache *c, const char *rep, date_t day)
{
	const struct org *o = g->o;
	const char *t, *m;
	size_t hops;
	int level;

	c->n = 0;
	if (g->team && strcmp(org_rep_team(o, rep, day), g->team) != 0)
		return;
	if (g->manager && !org_under(o, g->manager, rep, day))
		return;
	switch (g->by) {
	case ORG_BY_REP:
		gpush(g, c, rep, 0);
		break;
	case ORG_BY_TEAM:
		t = org_rep_team(o, rep, day);
		gpush(g, c, *t ? t : ORG_NO_TEAM, 0);
		break;
	case ORG_BY_MANAGER:
		m = org_manager_of(o, rep, day);
		if (!*m)
			gpush(g, c, ORG_NO_MANAGER, 0);
		for (level = 1, hops = 0; *m && hops <= intern_count(o->ids[ORG_REP]);
		    hops++, level++) {
			gpush(g, c, m, level);
			if (g->manager && strcmp(m, g->manager) == 0)
				break;
			m = org_manager_of(o, m, day);
		}
		break;
	}
}

size_t
org_groups_of(struct org_groups *g, uint32_t rep, date_t day, const uint32_t **v)
{
	struct gcache *c = &g->cache[rep];
	long e = epoch_of(g, day);

	if (c->epoch != e) {
		compute(g, c, intern_name(g->reps, rep), day);
		c->epoch = e;
	}
	*v = c->v;
	return c->n;
}

enum org_by
org_groups_by(const struct org_groups *g)
{
	return g->by;
}

size_t
org_groups_count(const struct org_groups *g)
{
	return intern_count(g->names);
}

const char *
org_groups_name(const struct org_groups *g, uint32_t i)
{
	return intern_name(g->names, i);
}

int
org_groups_level(const struct org_groups *g, uint32_t i)
{
	return i < g->nlevel ? g->level[i] : 0;
}

void
org_groups_free(struct org_groups *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->ncache; i++)
		free(g->cache[i].v);
	free(g->cache);
	free(g->level);
	intern_free(g->reps);
	intern_free(g->names);
	free(g);
}
