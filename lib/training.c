#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "id.h"
#include "money.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "training.h"
#include "xalloc.h"

const char *const training_state_names[TS_NSTATES] = {
	"open", "due-soon", "failed", "overdue", "ended", "passed", "expiring", "expired",
	"withdrawn"
};

/* A whole number column, -1 when not set or malformed. */
static long
number(const struct table *t, size_t row, const char *col)
{
	long long n;

	if (parse_uint(table_cell(t, row, col), 1000000000, &n) < 0)
		return -1;
	return (long)n;
}

static date_t
date_or_none(const char *s)
{
	date_t d;

	return date_parse(s, &d) < 0 ? TRAINING_NODATE : d;
}

int
training_course(const struct table *courses, const char *course, struct training_course *c)
{
	long row = table_find(courses, table_col(courses, "course"), course);
	size_t r = (size_t)row;

	if (row < 0)
		return -1;
	c->course = table_cell(courses, r, "course");
	c->title = table_cell(courses, r, "title");
	c->kind = table_cell(courses, r, "kind");
	c->skill = table_cell(courses, r, "skill");
	c->required = table_cell(courses, r, "required");
	c->due_days = number(courses, r, "due_days");
	c->valid_days = number(courses, r, "valid_days");
	c->pass_score = number(courses, r, "pass_score");
	return 0;
}

const char *
training_required_check(const char *required)
{
	if (!*required || strcmp(required, "all") == 0 || strcmp(required, "new") == 0 ||
	    strcmp(required, "none") == 0)
		return NULL;
	if (strncmp(required, "role:", 5) == 0)
		return id_check(required + 5) ? "has a malformed role" : NULL;
	return "is not all, new, role:ROLE or none";
}

int
training_required_applies(const char *required, const char *role, date_t hired,
			  date_t start)
{
	if (strcmp(required, "all") == 0)
		return 1;
	if (strcmp(required, "new") == 0)
		return hired != TRAINING_NODATE &&
		    (long)hired >= (long)start - TRAINING_NEW_DAYS;
	if (strncmp(required, "role:", 5) == 0)
		return *role && strcmp(required + 5, role) == 0;
	return 0;
}

int
training_due(const char *spec, long due_days, date_t assigned, date_t *due)
{
	if (spec && *spec)
		return date_relative(spec, assigned, due);
	if (due_days < 0) {
		*due = TRAINING_NODATE;
		return 0;
	}
	if ((long long)assigned + due_days > DATE_MAX)
		return -1;
	*due = (date_t)(assigned + due_days);
	return 0;
}

enum training_state
training_state(const struct training_when *w, date_t today, long due_within, long *days,
	       date_t *expires)
{
	long long e;

	*days = 0;
	*expires = TRAINING_NODATE;
	if (w->completed != TRAINING_NODATE) {
		/* A validity past the calendar's end never expires. */
		e = (long long)w->completed + w->valid_days;
		if (w->valid_days < 0 || e > DATE_MAX)
			return TS_PASSED;
		*expires = (date_t)e;
		if (e < today) {
			*days = (long)(today - e);
			return TS_EXPIRED;
		}
		if (e - today <= TRAINING_EXPIRING) {
			*days = (long)(e - today);
			return TS_EXPIRING;
		}
		return TS_PASSED;
	}
	if (w->due == TRAINING_NODATE)
		return w->scored ? TS_FAILED : TS_OPEN;
	*days = (long)w->due - (long)today;
	if (*days < 0) {
		*days = -*days;
		return TS_OVERDUE;
	}
	if (w->scored)
		return TS_FAILED;
	return *days <= due_within ? TS_DUE_SOON : TS_OPEN;
}

void
training_sort(struct table *training)
{
	schema_sort(&schema_training, training);
}

int
training_rep_ended(const struct table *reps, long reprow)
{
	const char *st;

	if (reprow < 0)
		return 0;
	st = table_cell(reps, (size_t)reprow, "status");
	return strcmp(st, "gone") == 0 || strcmp(st, "leave") == 0;
}

int
training_withdrawn(const struct table *training, size_t row)
{
	return *table_cell(training, row, "withdrawn") != '\0';
}

int
training_latest(const struct table *t, size_t row)
{
	int rc = table_col(t, "rep"), cc = table_col(t, "course");
	size_t i;

	for (i = row + 1; i < t->nrows; i++) {
		if (strcmp(table_get(t, row, rc), table_get(t, i, rc)) != 0 ||
		    strcmp(table_get(t, row, cc), table_get(t, i, cc)) != 0)
			break;
		if (!training_withdrawn(t, i))
			return 0;
	}
	return 1;
}

enum training_state
training_row_state(const struct table *training, size_t row, const struct table *courses,
		   const struct table *reps, date_t today, long due_within, long *days,
		   date_t *expires)
{
	struct training_course c;
	struct training_when w;
	enum training_state st;

	if (training_withdrawn(training, row)) {
		*days = 0;
		*expires = TRAINING_NODATE;
		return TS_WITHDRAWN;
	}
	w.due = date_or_none(table_cell(training, row, "due"));
	w.completed = date_or_none(table_cell(training, row, "completed"));
	w.scored = *table_cell(training, row, "score") != '\0';
	w.valid_days = training_course(courses, table_cell(training, row, "course"), &c) < 0 ?
	    -1 : c.valid_days;
	st = training_state(&w, today, due_within, days, expires);
	if (training_rep_ended(reps, roster_find_rep(reps, table_cell(training, row, "rep")))) {
		if (st < TS_PASSED) {
			*days = 0;
			return TS_ENDED;
		}
		return TS_PASSED;
	}
	if ((st == TS_EXPIRING || st == TS_EXPIRED) && !training_latest(training, row))
		return TS_PASSED;
	return st;
}

long
training_open_row(const struct table *training, const char *rep, const char *course)
{
	int rc = table_col(training, "rep"), cc = table_col(training, "course"),
	    ac = table_col(training, "assigned"), dc = table_col(training, "completed");
	long best = -1;
	size_t i;

	for (i = 0; i < training->nrows; i++) {
		if (*table_get(training, i, dc) || training_withdrawn(training, i) ||
		    strcmp(table_get(training, i, rc), rep) != 0 ||
		    strcmp(table_get(training, i, cc), course) != 0)
			continue;
		if (best < 0 || strcmp(table_get(training, i, ac),
		    table_get(training, (size_t)best, ac)) < 0)
			best = (long)i;
	}
	return best;
}

long
training_last_row(const struct table *training, const char *rep, const char *course)
{
	int rc = table_col(training, "rep"), cc = table_col(training, "course"),
	    ac = table_col(training, "assigned");
	long best = -1;
	size_t i;

	for (i = 0; i < training->nrows; i++) {
		if (strcmp(table_get(training, i, rc), rep) != 0 ||
		    strcmp(table_get(training, i, cc), course) != 0)
			continue;
		if (best < 0 || strcmp(table_get(training, i, ac),
		    table_get(training, (size_t)best, ac)) > 0)
			best = (long)i;
	}
	return best;
}

void
training_withdraw(struct table *training, size_t row, const char *date, const char *reason)
{
	table_set(training, row, table_col_add(training, "withdrawn"), date);
	table_set(training, row, table_col_add(training, "reason"), reason);
}

/* The row with this key, or -1. */
static long
find_key(const struct table *t, const char *rep, const char *course, const char *assigned)
{
	int rc = table_col(t, "rep"), cc = table_col(t, "course"), ac = table_col(t, "assigned");
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (strcmp(table_get(t, i, rc), rep) == 0 &&
		    strcmp(table_get(t, i, cc), course) == 0 &&
		    strcmp(table_get(t, i, ac), assigned) == 0)
			return (long)i;
	return -1;
}

static const char *
fmt_date(date_t d, char *buf)
{
	if (d == TRAINING_NODATE) {
		*buf = '\0';
		return buf;
	}
	return date_format(d, buf);
}

int
training_assign(struct table *training, const char *rep, const char *course,
		date_t assigned, date_t due, const char *where)
{
	char a[DATE_BUFSZ], d[DATE_BUFSZ];
	const char *sep = *where ? ": " : "";
	long row;
	size_t r;

	fmt_date(assigned, a);
	fmt_date(due, d);
	if ((row = training_open_row(training, rep, course)) >= 0) {
		due = date_or_none(table_cell(training, (size_t)row, "due"));
		if (due == TRAINING_NODATE)
			warn("%s%srep '%s' already has course '%s' open; skipped", where, sep,
			    rep, course);
		else
			warn("%s%srep '%s' already has course '%s' open (due %s); skipped",
			    where, sep, rep, course, fmt_date(due, d));
		return 0;
	}
	if (find_key(training, rep, course, a) >= 0) {
		warn("%s%srep '%s' was already assigned course '%s' on %s; skipped", where,
		    sep, rep, course, a);
		return 0;
	}
	r = table_add_row(training);
	table_set(training, r, table_col_add(training, "rep"), rep);
	table_set(training, r, table_col_add(training, "course"), course);
	table_set(training, r, table_col_add(training, "assigned"), a);
	table_set(training, r, table_col_add(training, "due"), d);
	return 1;
}

void
training_log(struct txn *x, const struct table *training, size_t first)
{
	const char *due;
	size_t i;

	for (i = first; i < training->nrows; i++) {
		due = table_cell(training, i, "due");
		txn_log(x, "assign course %s to rep %s%s%s", table_cell(training, i, "course"),
		    table_cell(training, i, "rep"), *due ? ", due " : "", due);
	}
}

/* Rows of t in the order of their column col, so that output and logs
 * follow ids whatever a hand-edited file's order. */
struct idrow {
	const char *id;
	size_t row;
};

static int
idrow_cmp(const void *a, const void *b)
{
	const struct idrow *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->row > y->row) - (x->row < y->row);
}

static struct idrow *
by_id(const struct table *t, const char *col)
{
	struct idrow *o = xcalloc(t->nrows + 1, sizeof *o);
	int c = table_col(t, col);
	size_t i;

	for (i = 0; i < t->nrows; i++) {
		o[i].id = table_get(t, i, c);
		o[i].row = i;
	}
	qsort(o, t->nrows, sizeof *o, idrow_cmp);
	return o;
}

/* Has rep passed course with a certification that still holds on today?
 * Sets *when to the date of the pass. */
static int
passed(const struct table *training, const char *rep, const struct training_course *c,
       date_t today, const char **when)
{
	int rc = table_col(training, "rep"), cc = table_col(training, "course"),
	    dc = table_col(training, "completed");
	struct training_when w = { TRAINING_NODATE, TRAINING_NODATE, 0, c->valid_days };
	date_t expires;
	long days;
	size_t i;

	for (i = 0; i < training->nrows; i++) {
		if (strcmp(table_get(training, i, rc), rep) != 0 ||
		    strcmp(table_get(training, i, cc), c->course) != 0 ||
		    (w.completed = date_or_none(table_get(training, i, dc))) == TRAINING_NODATE)
			continue;
		if (training_state(&w, today, 0, &days, &expires) != TS_EXPIRED) {
			*when = table_get(training, i, dc);
			return 1;
		}
	}
	return 0;
}

size_t
training_onboard(const struct table *courses, struct table *training,
		 const struct table *reps, size_t reprow, date_t start, date_t today)
{
	const char *rep = table_cell(reps, reprow, "rep");
	const char *role = table_cell(reps, reprow, "role"), *when;
	date_t hired = date_or_none(table_cell(reps, reprow, "hired")), due;
	struct training_course c;
	struct idrow *order;
	size_t i, n = 0;

	if (start == TRAINING_NODATE)
		start = hired != TRAINING_NODATE ? hired : today;
	order = by_id(courses, "course");
	for (i = 0; i < courses->nrows; i++) {
		if (training_course(courses, order[i].id, &c) < 0 ||
		    !training_required_applies(c.required, role, hired, start))
			continue;
		if (passed(training, rep, &c, today, &when)) {
			warn("rep '%s' passed course '%s' on %s; skipped", rep, c.course, when);
			continue;
		}
		if (training_due(NULL, c.due_days, start, &due) < 0)
			due = TRAINING_NODATE;
		n += (size_t)training_assign(training, rep, c.course, start, due, "");
	}
	free(order);
	return n;
}

/* Append item to the list in b, ", "-separated. */
static void
list_add(struct buf *b, const char *fmt, const char *course, const char *detail)
{
	if (b->len)
		buf_adds(b, ", ");
	buf_printf(b, fmt, course, detail);
}

void
training_show(const struct table *courses, struct table *training, const struct table *reps,
	      const char *rep, date_t today,
	      void (*show)(void *arg, const char *field, const char *value), void *arg)
{
	enum { OPEN, OVERDUE, PASSED, EXPIRING, EXPIRED, NLISTS };
	static const char *const fields[NLISTS] = {
		"training_open", "training_overdue", "training_passed",
		"training_expiring", "training_expired"
	};
	struct buf list[NLISTS] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	char d[DATE_BUFSZ], n[32];
	const char *course, *due;
	date_t expires;
	long days;
	size_t i;
	int j;

	training_sort(training);
	for (i = 0; i < training->nrows; i++) {
		if (strcmp(table_cell(training, i, "rep"), rep) != 0)
			continue;
		course = table_cell(training, i, "course");
		due = table_cell(training, i, "due");
		switch (training_row_state(training, i, courses, reps, today,
		    TRAINING_DUE_SOON, &days, &expires)) {
		case TS_OPEN:
		case TS_DUE_SOON:
			list_add(&list[OPEN], *due ? "%s (due %s)" : "%s", course, due);
			break;
		case TS_FAILED:
			list_add(&list[OPEN], *due ? "%s (failed, due %s)" : "%s (failed)",
			    course, due);
			break;
		case TS_OVERDUE:
			snprintf(n, sizeof n, "%ld day%s", days, days == 1 ? "" : "s");
			list_add(&list[OVERDUE], "%s (%s late)", course, n);
			break;
		case TS_ENDED:
		case TS_WITHDRAWN:
			break;
		case TS_EXPIRING:
			list_add(&list[EXPIRING], "%s (expires %s)", course,
			    date_format(expires, d));
			/* FALLTHROUGH */
		case TS_PASSED:
			list_add(&list[PASSED], "%s (%s)", course, table_cell(training, i, "completed"));
			break;
		case TS_EXPIRED:
			list_add(&list[EXPIRED], "%s (expired %s)", course,
			    date_format(expires, d));
			break;
		case TS_NSTATES:
			break;
		}
	}
	for (j = 0; j < NLISTS; j++) {
		show(arg, fields[j], list[j].len ? list[j].data : "");
		buf_free(&list[j]);
	}
}

struct table *
training_attempts_load(struct store *s, const struct table *training)
{
	struct table *a;
	const char *completed, *score;
	size_t i;

	if (store_exists(s, schema_attempts.file))
		return store_load(s, schema_attempts.file);
	a = schema_table_new(&schema_attempts);
	for (i = 0; i < training->nrows; i++) {
		completed = table_cell(training, i, "completed");
		score = table_cell(training, i, "score");
		if (*completed || *score)
			training_attempt_add(a, table_cell(training, i, "rep"),
			    table_cell(training, i, "course"), table_cell(training, i, "assigned"),
			    completed, score, *completed != '\0');
	}
	return a;
}

void
training_attempt_add(struct table *attempts, const char *rep, const char *course,
		     const char *assigned, const char *date, const char *score, int passed)
{
	size_t r = table_add_row(attempts);

	table_set(attempts, r, table_col_add(attempts, "rep"), rep);
	table_set(attempts, r, table_col_add(attempts, "course"), course);
	table_set(attempts, r, table_col_add(attempts, "assigned"), assigned);
	table_set(attempts, r, table_col_add(attempts, "date"), date);
	table_set(attempts, r, table_col_add(attempts, "score"), score);
	table_set(attempts, r, table_col_add(attempts, "result"), passed ? "passed" : "failed");
}

/* Is row of attempts an attempt at the assignment (rep, course, assigned)? */
static int
attempt_at(const struct table *attempts, size_t row, const char *rep, const char *course,
	   const char *assigned)
{
	return strcmp(table_cell(attempts, row, "rep"), rep) == 0 &&
	    strcmp(table_cell(attempts, row, "course"), course) == 0 &&
	    strcmp(table_cell(attempts, row, "assigned"), assigned) == 0;
}

const char *
training_attempt_last(const struct table *attempts, const char *rep, const char *course,
		      const char *assigned)
{
	const char *last = NULL, *d;
	size_t i;

	for (i = 0; i < attempts->nrows; i++) {
		d = table_cell(attempts, i, "date");
		if (*d && attempt_at(attempts, i, rep, course, assigned) &&
		    (!last || strcmp(d, last) > 0))
			last = d;
	}
	return last;
}

/* The attempts' rows in the order of their assignment, then as made. */
struct training_attempts {
	const struct table *a;
	int rc, cc, ac;
	size_t *rows;
};

static const struct training_attempts *sorting;

static int
assignment_cmp(const struct training_attempts *ix, size_t x, const char *rep,
	       const char *course, const char *assigned)
{
	int c = strcmp(table_get(ix->a, x, ix->rc), rep);

	if (!c)
		c = strcmp(table_get(ix->a, x, ix->cc), course);
	return c ? c : strcmp(table_get(ix->a, x, ix->ac), assigned);
}

static int
attempt_cmp(const void *p, const void *q)
{
	size_t x = *(const size_t *)p, y = *(const size_t *)q;
	int c = assignment_cmp(sorting, x, table_get(sorting->a, y, sorting->rc),
	    table_get(sorting->a, y, sorting->cc), table_get(sorting->a, y, sorting->ac));

	return c ? c : (x > y) - (x < y);
}

struct training_attempts *
training_attempts_index(const struct table *attempts)
{
	struct training_attempts *ix = xcalloc(1, sizeof *ix);
	size_t i;

	ix->a = attempts;
	ix->rc = table_col(attempts, "rep");
	ix->cc = table_col(attempts, "course");
	ix->ac = table_col(attempts, "assigned");
	ix->rows = xcalloc(attempts->nrows + 1, sizeof *ix->rows);
	for (i = 0; i < attempts->nrows; i++)
		ix->rows[i] = i;
	sorting = ix;
	qsort(ix->rows, attempts->nrows, sizeof *ix->rows, attempt_cmp);
	sorting = NULL;
	return ix;
}

size_t
training_attempts_at(const struct training_attempts *ix, const struct table *training,
		     size_t row, const size_t **rows)
{
	const char *rep = table_cell(training, row, "rep"),
	    *course = table_cell(training, row, "course"),
	    *assigned = table_cell(training, row, "assigned");
	size_t lo = 0, hi = ix->a->nrows, mid, end;

	/* The first attempt not before the assignment's, then those equal. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (assignment_cmp(ix, ix->rows[mid], rep, course, assigned) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < ix->a->nrows &&
	    assignment_cmp(ix, ix->rows[end], rep, course, assigned) == 0; end++)
		;
	*rows = ix->rows + lo;
	return end - lo;
}

void
training_attempts_free(struct training_attempts *ix)
{
	if (!ix)
		return;
	free(ix->rows);
	free(ix);
}

/* One problem of training_check(), formatted. */
static void
problem(schema_report report, void *arg, const struct table *t, size_t row,
	const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	report(arg, t->name, t->lines[row], msg);
}

size_t
training_check(const struct table *training, const struct table *attempts,
	       schema_report report, void *arg)
{
	struct training_attempts *ix;
	const char *assigned, *done, *gone;
	const size_t *at;
	size_t i, k, n, problems = 0;
	char *seen;

	for (i = 0; i < training->nrows; i++) {
		assigned = table_cell(training, i, "assigned");
		done = table_cell(training, i, "completed");
		gone = table_cell(training, i, "withdrawn");
		if (*done && *gone)
			problem(report, arg, training, i, "completed '%.64s' and withdrawn '%.64s' "
			    "are both set (an assignment is passed or withdrawn)", done, gone);
		else if (*table_cell(training, i, "reason") && !*gone)
			problem(report, arg, training, i, "reason is set but withdrawn is not");
		else if (*gone && strcmp(gone, assigned) < 0)
			problem(report, arg, training, i, "withdrawn '%.64s' is before assigned "
			    "'%.64s'", gone, assigned);
		else
			continue;
		problems++;
	}
	if (!attempts)
		return problems;
	ix = training_attempts_index(attempts);
	seen = xcalloc(attempts->nrows + 1, 1);
	for (i = 0; i < training->nrows; i++) {
		n = training_attempts_at(ix, training, i, &at);
		for (k = 0; k < n; k++)
			seen[at[k]] = 1;
	}
	for (i = 0; i < attempts->nrows; i++) {
		if (seen[i])
			continue;
		problem(report, arg, attempts, i, "no assignment of course '%.64s' to rep "
		    "'%.64s' on %.64s in training.tsv", table_cell(attempts, i, "course"),
		    table_cell(attempts, i, "rep"), table_cell(attempts, i, "assigned"));
		problems++;
	}
	free(seen);
	training_attempts_free(ix);
	return problems;
}
