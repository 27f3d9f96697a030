#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "buf.h"
#include "check.h"
#include "compdef.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "id.h"
#include "intern.h"
#include "deal.h"
#include "ledger.h"
#include "money.h"
#include "org.h"
#include "quota.h"
#include "schema.h"
#include "split.h"
#include "stage.h"
#include "training.h"
#include "tsv.h"
#include "txn.h"
#include "xalloc.h"

#define SCHEMA_VERSION 1	/* the newest config.tsv schema this code reads */
#define MAXTABLES 32

/* The values of one column, sorted, to look names up and find duplicates. */
struct cell {
	const char *v;
	unsigned long line;
	size_t row;
};

struct keys {
	struct cell *c;
	size_t n;
	int usable;		/* the table was read whole: a miss is real */
};

struct ck {
	struct store *s;
	size_t problems;
	struct table *t[MAXTABLES];	/* by position in schema_tables */
	int whole[MAXTABLES];
	struct keys keys[MAXTABLES];	/* by each table's first column */
	date_t today;
	unsigned long long max_deal;
	char max_deal_at[300];
	struct intern *deals;		/* deal id -> index into last */
	struct intern *unknown_accounts;	/* warned about once each */
	date_t *last;			/* each deal's latest event so far */
	unsigned char *opened;		/* each deal's open event seen */
	size_t lastcap;
	int64_t total;			/* every deal amount, in magnitude */
	int total_over;			/* ... is past what a report can add up */
};

/* A file name list. */
struct names {
	char **v;
	size_t n, cap;
};

/* References between tables: from.col names a row of to (by its key). */
static const struct ref {
	const struct schema *from;
	const char *col;
	const struct schema *to;
} refs[] = {
	{ &schema_teams, "manager", &schema_reps },
	{ &schema_reps, "team", &schema_teams },
	{ &schema_reps, "manager", &schema_reps },
	{ &schema_reps, "plan", &schema_comp_plans },
	{ &schema_quotas, "rep", &schema_reps },
	{ &schema_quotas, "team", &schema_teams },
	{ &schema_accounts, "owner", &schema_reps },
	{ &schema_training, "rep", &schema_reps },
	{ &schema_training, "course", &schema_courses },
	{ &schema_attempts, "rep", &schema_reps },
	{ &schema_attempts, "course", &schema_courses },
	{ &schema_adjustments, "rep", &schema_reps },
	{ &schema_notes, "rep", &schema_reps },
	{ &schema_comp_tiers, "plan", &schema_comp_plans },
	{ &schema_teams, "parent", &schema_teams },
};

static void
problem(struct ck *ck, const char *file, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
problem(struct ck *ck, const char *file, unsigned long line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (!ck)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	schema_warn(NULL, file, line, msg);
	ck->problems++;
}

static void
report(void *arg, const char *file, unsigned long line, const char *msg)
{
	problem(arg, file, line, "%s", msg);
}

static void
reader_problem(struct ck *ck, const struct tsv_reader *r)
{
	warn("%s", tsv_error(r));
	ck->problems++;
}

static void
names_add(struct names *nm, const char *s)
{
	if (nm->n == nm->cap) {
		nm->cap = nm->cap ? nm->cap * 2 : 16;
		nm->v = xreallocarray(nm->v, nm->cap, sizeof *nm->v);
	}
	nm->v[nm->n++] = xstrdup(s);
}

static void
names_free(struct names *nm)
{
	size_t i;

	for (i = 0; i < nm->n; i++)
		free(nm->v[i]);
	free(nm->v);
	memset(nm, 0, sizeof *nm);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of a directory, sorted, so reports come in a stable order.
 * One that cannot be opened dies, or when soft is empty: -1. */
static int
list_dir(struct store *s, const char *what, struct names *nm, int soft)
{
	struct dirent *e;
	DIR *d;

	memset(nm, 0, sizeof *nm);
	if (!(d = store_opendir(s, what))) {
		if (soft)
			return -1;
		die_errno("%s/%s", store_path(s), what);
	}
	errno = 0;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			names_add(nm, e->d_name);
		errno = 0;
	}
	if (errno)
		die_errno("%s/%s", store_path(s), what);
	closedir(d);
	if (nm->n > 1)
		qsort(nm->v, nm->n, sizeof *nm->v, cmp_str);
	return 0;
}

static int
is_temporary(const char *name)
{
	return strncmp(name, STORE_TMP_PREFIX, strlen(STORE_TMP_PREFIX)) == 0;
}

/* "2026-11.tsv" -> 2026, 11; 0 for any other name. */
static int
month_of_name(const char *name, int *y, int *m)
{
	ledger_month mo = ledger_name_month(name);

	if (mo < 0)
		return 0;
	*y = mo / 12;
	*m = mo % 12 + 1;
	return 1;
}

/* 1: a regular file with one link; 0: missing; -1: anything else (reported). */
static int
file_status(struct ck *ck, struct store *s, const char *relpath)
{
	struct stat st;

	if (store_stat(s, relpath, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		problem(ck, relpath, 0, "%s", strerror(errno));
		return -1;
	}
	if (S_ISLNK(st.st_mode))
		problem(ck, relpath, 0, "is a symlink (put the file itself here)");
	else if (!S_ISREG(st.st_mode))
		problem(ck, relpath, 0, "is not a regular file");
	else if (st.st_nlink != 1)
		problem(ck, relpath, 0, "has %lu hard links (make it a file of its own)",
		    (unsigned long)st.st_nlink);
	else
		return 1;
	return -1;
}

static int
table_index(const struct schema *sc)
{
	int i;

	for (i = 0; schema_tables[i]; i++)
		if (schema_tables[i] == sc)
			return i;
	die("%s: internal error: not a table", sc->file);
}

static int
cmp_cell(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;
	int c = strcmp(x->v, y->v);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int
cmp_cell_value(const void *a, const void *b)
{
	return strcmp(((const struct cell *)a)->v, ((const struct cell *)b)->v);
}

static void
keys_init(struct keys *k, const struct table *t, const char *col, int usable)
{
	int c = table_col(t, col);
	size_t i;

	k->n = t->nrows;
	k->c = xreallocarray(NULL, k->n ? k->n : 1, sizeof *k->c);
	for (i = 0; i < k->n; i++) {
		k->c[i].v = table_get(t, i, c);
		k->c[i].line = t->lines[i];
		k->c[i].row = i;
	}
	qsort(k->c, k->n, sizeof *k->c, cmp_cell);
	k->usable = usable && c >= 0;
}

/* The row holding v, or -1 (also when the table cannot be trusted). */
static long
keys_row(const struct keys *k, const char *v)
{
	struct cell key = { v, 0, 0 }, *hit;

	if (!k->c)
		return -1;
	hit = bsearch(&key, k->c, k->n, sizeof *k->c, cmp_cell_value);
	return hit ? (long)hit->row : -1;
}

static int
keys_missing(const struct keys *k, const char *v)
{
	return k->usable && keys_row(k, v) < 0;
}

static void
unique(struct ck *ck, const struct table *t, const char *col)
{
	struct keys k = { 0 };
	size_t i;

	keys_init(&k, t, col, 1);
	for (i = 1; i < k.n; i++)
		if (*k.c[i].v && strcmp(k.c[i - 1].v, k.c[i].v) == 0)
			problem(ck, t->name, k.c[i].line, "duplicate %s '%.64s'", col, k.c[i].v);
	free(k.c);
}

/* Read a table strictly, reporting every bad row; NULL if unusable. */
static struct table *
read_table(struct ck *ck, const struct schema *sc, int *whole)
{
	const char *name = sc->file;
	struct tsv_reader *r;
	struct table *t = NULL;
	size_t i, row;
	int fd, st;

	*whole = 0;
	switch (file_status(ck, ck->s, name)) {
	case 0:
		if (sc->later) {
			*whole = 1;
			return schema_table_new(sc);
		}
		problem(ck, name, 0, "missing (restore it, or create it with only its header line)");
		return NULL;
	case -1:
		return NULL;
	}
	if ((fd = store_open_read(ck->s, name)) < 0)
		return NULL;
	r = tsv_open(fd, name);
	st = tsv_header(r);
	if (st == TSV_EOF)
		problem(ck, name, 0, "empty file (no header line)");
	if (st == TSV_IOERR)
		die("%s", tsv_error(r));
	if (st == TSV_BAD)
		reader_problem(ck, r);
	if (st != TSV_ROW)
		goto out;
	t = table_new(name, (const char *const *)r->cols, r->ncols);
	*whole = 1;
	while ((st = tsv_next(r)) != TSV_EOF) {
		if (st == TSV_IOERR)
			die("%s", tsv_error(r));
		if (st == TSV_BAD) {
			reader_problem(ck, r);
			*whole = 0;
			continue;
		}
		row = table_add_row(t);
		t->lines[row] = r->line;
		for (i = 0; i < t->ncols; i++)
			table_set(t, row, (int)i, r->f[i]);
	}
	if (r->no_final_newline)
		problem(ck, name, r->line, "no newline at the end of the file");
	schema_check_table(sc, t, SCHEMA_ORDER, report, ck);
	for (i = 0; i < sc->ncols; i++)
		if (table_col(t, sc->cols[i].name) < 0 && i < sc->ncols - sc->nlater)
			*whole = 0;
out:
	tsv_close(r);
	close(fd);
	return t;
}

/* Is row's value in col set and valid, and is that value an id? */
static const char *
id_value(const struct table *t, size_t row, const char *col)
{
	const char *v = table_get(t, row, table_col(t, col));

	return *v && !id_check(v) ? v : NULL;
}

/* manager_roles: roles separated by commas, each an id. */
static void
check_roles(struct ck *ck, const char *name, unsigned long line, const char *v)
{
	char role[ID_MAX + 2];
	const char *p, *e;

	for (p = v; *p; p = *e ? e + 1 : e) {
		e = strchrnul(p, ',');
		snprintf(role, sizeof role, "%.*s", (int)(e - p < ID_MAX + 1 ? e - p : ID_MAX + 1), p);
		if (id_check(role))
			problem(ck, name, line, "manager_roles '%.64s': '%.64s' is not a role "
			    "(want roles separated by commas, such as director,lead)", v, role);
	}
}

static void
check_config(struct ck *ck, const struct table *t)
{
	static const char *const required[] = { "schema", "currency", "fiscal_year_start" };
	static const char *const counts[] = { "default_capacity", "pip_periods", "pip_threshold" };
	int kc = table_col(t, "key"), vc = table_col(t, "value");
	struct quota_ramp ramp;
	long long n;
	const char *v, *p;
	unsigned long line;
	size_t i;
	long row;

	for (i = 0; i < sizeof required / sizeof *required; i++)
		if (table_find(t, kc, required[i]) < 0)
			problem(ck, t->name, 0, "no '%s' setting", required[i]);
	for (row = 0; row < (long)t->nrows; row++) {
		v = table_get(t, (size_t)row, vc);
		line = t->lines[row];
		p = table_get(t, (size_t)row, kc);
		if (strcmp(p, "schema") == 0) {
			if (parse_uint(v, 1000000, &n) < 0 || n < 1)
				problem(ck, t->name, line, "schema '%.64s' is not a version number", v);
			else if (n > SCHEMA_VERSION)
				problem(ck, t->name, line, "schema %lld is newer than this "
				    "program knows (%d); install a newer salesmgr", n, SCHEMA_VERSION);
		} else if (strcmp(p, "currency") == 0) {
			for (p = v; *p >= 'A' && *p <= 'Z'; p++)
				;
			if (*p || p - v != 3)
				problem(ck, t->name, line, "currency '%.64s' is not a currency "
				    "code (three capital letters, such as EUR)", v);
			else
				money_set_currency(v);
		} else if (strcmp(p, "timezone") == 0) {
			if (*v && date_set_zone(v) < 0)
				problem(ck, t->name, line, "timezone '%.64s' is not a time zone "
				    "(want a name such as Europe/Amsterdam or UTC)", v);
		} else if (strcmp(p, "ramp") == 0) {
			if (quota_ramp_parse(v, &ramp) < 0)
				problem(ck, t->name, line, "ramp '%.64s' is not percents 0-100 by "
				    "month since hire, such as 0,25,50,75", v);
		} else if (strcmp(p, "fiscal_year_start") == 0) {
			if (parse_uint(v, 12, &n) < 0 || n < 1)
				problem(ck, t->name, line,
				    "fiscal_year_start '%.64s' is not a month 1-12", v);
		} else if (strcmp(p, "manager_roles") == 0) {
			check_roles(ck, t->name, line, v);
		} else {
			for (i = 0; i < sizeof counts / sizeof *counts; i++)
				if (strcmp(p, counts[i]) == 0 && *v &&
				    parse_uint(v, 1000000000, &n) < 0)
					problem(ck, t->name, line,
					    "%s '%.64s' is not a whole number", p, v);
		}
	}
}

static void
one_state(struct ck *ck, const struct table *t, const char *state)
{
	int sc = table_col(t, "state");
	size_t i, n = 0;

	for (i = 0; i < t->nrows; i++)
		n += strcmp(table_get(t, i, sc), state) == 0;
	if (n == 0)
		problem(ck, t->name, 0, "no stage has state '%s' (want exactly one)", state);
	else if (n > 1)
		problem(ck, t->name, 0, "%zu stages have state '%s' (want exactly one)", n, state);
}

static void
check_stages(struct ck *ck, const struct table *t)
{
	if (table_find(t, table_col(t, "state"), "open") < 0)
		problem(ck, t->name, 0, "no stage has state 'open' (want at least one)");
	one_state(ck, t, "won");
	one_state(ck, t, "lost");
	unique(ck, t, "stage");
	unique(ck, t, "order");
}

static void
check_refs(struct ck *ck)
{
	const struct ref *rf;
	struct table *t;
	const char *v;
	size_t i;

	for (rf = refs; rf < refs + sizeof refs / sizeof *refs; rf++) {
		if (!(t = ck->t[table_index(rf->from)]))
			continue;
		for (i = 0; i < t->nrows; i++)
			if ((v = id_value(t, i, rf->col)) &&
			    keys_missing(&ck->keys[table_index(rf->to)], v))
				problem(ck, t->name, t->lines[i], "unknown %s '%s' (not in %s)",
				    rf->col, v, rf->to->file);
	}
}

/* Report a loop of managers once, at the row of its smallest rep id. */
static void
manager_loop(struct ck *ck, const struct table *reps, const struct keys *k, size_t row)
{
	int rc = table_col(reps, "rep"), mc = table_col(reps, "manager");
	const char *self = table_get(reps, row, rc);
	struct buf path = BUF_INIT;
	size_t hops, cur = row;
	long next;

	for (hops = 0; hops <= reps->nrows; hops++) {
		next = keys_row(k, table_get(reps, cur, mc));
		if (next < 0)
			return;
		cur = (size_t)next;
		if (cur == row)
			break;
		if (strcmp(table_get(reps, cur, rc), self) < 0)
			return;
	}
	if (cur != row)
		return;
	buf_adds(&path, self);
	do {
		cur = (size_t)keys_row(k, table_get(reps, cur, mc));
		buf_printf(&path, " -> %s", table_get(reps, cur, rc));
	} while (cur != row);
	problem(ck, reps->name, reps->lines[row], "manager loop: %.400s", path.data);
	buf_free(&path);
}

static void
check_reps(struct ck *ck, const struct table *t)
{
	int sc = table_col(t, "status"), ec = table_col(t, "ended"),
	    hc = table_col(t, "hired");
	const char *status, *ended, *hired;
	date_t e, h;
	size_t i;

	for (i = 0; i < t->nrows; i++) {
		status = table_get(t, i, sc);
		ended = table_get(t, i, ec);
		hired = table_get(t, i, hc);
		if ((!strcmp(status, "gone") || !strcmp(status, "leave")) && !*ended)
			problem(ck, t->name, t->lines[i],
			    "status '%s' but ended is not set (set it with rep-end)", status);
		if (!strcmp(status, "active") && *ended)
			problem(ck, t->name, t->lines[i],
			    "status 'active' but ended '%.64s' is set", ended);
		if (date_parse(ended, &e) == 0 && date_parse(hired, &h) == 0 && e < h)
			problem(ck, t->name, t->lines[i],
			    "ended '%s' is before hired '%s'", ended, hired);
		manager_loop(ck, t, &ck->keys[table_index(&schema_reps)], i);
	}
}

struct same_days {
	struct ck *ck;
	const struct table *t;
};

static void
same_days(void *arg, size_t row, size_t first)
{
	struct same_days *sd = arg;
	const struct table *t = sd->t;
	int pc = table_col(t, "period");

	problem(sd->ck, t->name, t->lines[row], "period '%s' has the same days as '%s' at "
	    "line %lu (one quota per span of days: remove one, or quota-set --replace)",
	    table_get(t, row, pc), table_get(t, first, pc), t->lines[first]);
}

static void
check_quotas(struct ck *ck, const struct table *t)
{
	const struct table *cfg = ck->t[table_index(&schema_config)];
	struct same_days sd = { ck, t };
	int rc = table_col(t, "rep"), tc = table_col(t, "team");
	const char *fys;
	long long n;
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (!*table_get(t, i, rc) == !*table_get(t, i, tc))
			problem(ck, t->name, t->lines[i], "%s (set exactly one of rep and team)",
			    *table_get(t, i, rc) ? "both rep and team are set" :
			    "neither rep nor team is set");
	/* A fiscal_year_start that is not a month is check_config's to
	 * report; the fiscal periods of the rows then do not parse. */
	fys = cfg ? config_get(cfg, "fiscal_year_start") : NULL;
	if (!fys || parse_uint(fys, 12, &n) < 0 || n < 1)
		n = 0;
	quota_same_days_pairs(t, (int)n, same_days, &sd);
}

/* An override plan (comp.h) pays one rate and nothing else. */
static void
check_overrides(struct ck *ck, const struct table *plans, const struct table *tiers)
{
	int pc = table_col(plans, "plan");
	struct comp_def d;
	const char *why;
	size_t i;

	for (i = 0; pc >= 0 && i < plans->nrows; i++) {
		comp_def_load(plans, (long)i, tiers, table_get(plans, i, pc), "", "", &d);
		if ((why = comp_def_problem(&d)))
			problem(ck, plans->name, plans->lines[i], "plan '%s': %s",
			    table_get(plans, i, pc), why);
	}
}

/* ids.tsv's next number for kind must be past every id of that kind in use. */
static void
check_next_id(struct ck *ck, const char *kind, char letter, unsigned long long max,
	      const char *where)
{
	const struct table *t = ck->t[table_index(&schema_ids)];
	long long next;
	long row;

	if (!max || !t || !ck->whole[table_index(&schema_ids)])
		return;
	row = table_find(t, table_col(t, "kind"), kind);
	if (row < 0) {
		problem(ck, t->name, 0, "no '%s' row, but %c%llu is in use at %s "
		    "(add the row: %s, next %llu)", kind, letter, max, where, kind, max + 1);
		return;
	}
	if (parse_uint(table_get(t, (size_t)row, table_col(t, "next")), 999999999999999999,
	    &next) < 0)
		return;		/* reported by the schema check */
	if ((unsigned long long)next <= max)
		problem(ck, t->name, t->lines[row], "%s next %lld is not past %c%llu in use "
		    "at %s (set it to %llu)", kind, next, letter, max, where, max + 1);
}

/* seq.h hands out numbers from 1; the schema check has seen the rest. */
static void
check_ids(struct ck *ck, const struct table *t)
{
	int kc = table_col(t, "kind"), nc = table_col(t, "next");
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (strcmp(table_get(t, i, nc), "0") == 0)
			problem(ck, t->name, t->lines[i], "%s next 0 is not a sequence "
			    "number (want 1 or more)", table_get(t, i, kc));
}

static void
check_notes(struct ck *ck, const struct table *t)
{
	int nc = table_col(t, "note");
	unsigned long long n, max = 0;
	char where[300] = "";
	size_t i;

	unique(ck, t, "note");
	for (i = 0; i < t->nrows; i++) {
		if (genid_check(table_get(t, i, nc), 'N'))
			continue;
		n = strtoull(table_get(t, i, nc) + 1, NULL, 10);
		if (n > max) {
			max = n;
			snprintf(where, sizeof where, "%s:%lu", t->name, t->lines[i]);
		}
	}
	check_next_id(ck, "note", 'N', max, where);
}

/* The header as a message shows it: "date deal event ...", then the
 * optional columns (schema.h), if any. */
static void
header_words(const struct schema *sc, struct buf *b)
{
	size_t i;

	for (i = 0; i < schema_fixed(sc); i++)
		buf_printf(b, "%s%s", i ? " " : "", sc->cols[i].name);
	for (; i < sc->ncols; i++)
		buf_printf(b, "%s%s", i == schema_fixed(sc) ? "' then optionally '" : " ",
		    sc->cols[i].name);
}

/* A ledger's first line must be byte for byte what store_append() expects:
 * the schema's columns, or (schema.h) the first of them. */
static void
check_ledger_header(struct ck *ck, const struct schema *sc, int fd, const char *relpath)
{
	struct buf words = BUF_INIT;
	char got[4096], *nl;
	ssize_t n;

	n = pread(fd, got, sizeof got, 0);
	if (n < 0)
		die_errno("%s/%s", store_path(ck->s), relpath);
	nl = memchr(got, '\n', (size_t)n);
	if (!nl || schema_width(sc, got, (size_t)(nl - got)) < 0) {
		header_words(sc, &words);
		problem(ck, relpath, 1, "header is not '%s' (tab-separated, ending in LF, "
		    "no BOM): programs will not append to it", words.data);
	}
	buf_free(&words);
}

/*
 * A deal's events never go back in time (deal.h relies on it), and a deal
 * is opened once: a second open event is a second deal with the same id
 * (ids.tsv was behind the ledger), one of which every report would lose.
 */
static void
deal_seen(struct ck *ck, const char *relpath, unsigned long line, const char *deal,
	  const char *date, const char *event)
{
	size_t i, n = intern_count(ck->deals);
	char prev[DATE_BUFSZ];
	int open = strcmp(event, "open") == 0;
	date_t d;

	if (date_parse(date, &d) < 0)
		return;
	i = intern_add(ck->deals, deal, strlen(deal));
	if (i == n) {
		if (n == ck->lastcap) {
			ck->lastcap = ck->lastcap ? ck->lastcap * 2 : 1024;
			ck->last = xreallocarray(ck->last, ck->lastcap, sizeof *ck->last);
			ck->opened = xreallocarray(ck->opened, ck->lastcap, 1);
		}
		ck->last[i] = d;
		ck->opened[i] = (unsigned char)open;
		return;
	}
	if (open && ck->opened[i])
		problem(ck, relpath, line, "%s is opened a second time: two deals have "
		    "this id (ids.tsv was behind?); give one of them a new id", deal);
	ck->opened[i] |= (unsigned char)open;
	if (d < ck->last[i])
		problem(ck, relpath, line, "date '%s' is before %s's previous event (%s)",
		    date, deal, date_format(ck->last[i], prev));
	else
		ck->last[i] = d;
}

/* Every deal amount added up, in magnitude, times 100 (a stage's
 * probability), must fit the reports' totals: then no report overflows. */
static void
deal_amount(struct ck *ck, const char *relpath, unsigned long line, const char *amount)
{
	int64_t v, w;

	if (ck->total_over || money_parse(amount, &v, NULL) < 0)
		return;
	if (v == INT64_MIN || __builtin_add_overflow(ck->total, v < 0 ? -v : v, &ck->total) ||
	    __builtin_mul_overflow(ck->total, (int64_t)100, &w)) {
		ck->total_over = 1;
		problem(ck, relpath, line, "amount '%.32s': the deal amounts add up to more "
		    "than the reports can total (a mistyped amount?)", amount);
	}
}

static int
warn_once(struct ck *ck, const char *account)
{
	size_t n = strlen(account);

	if (!ck->unknown_accounts)
		ck->unknown_accounts = intern_new();
	if (intern_get(ck->unknown_accounts, account, n) >= 0)
		return 0;
	intern_add(ck->unknown_accounts, account, n);
	return 1;
}

/* A deal row's split (split.h): well formed, its reps in reps.tsv; and
 * a split event has one. */
static void
check_split(struct ck *ck, const char *relpath, const struct tsv_reader *r,
	    const char *text, const char *event)
{
	const struct keys *reps = &ck->keys[table_index(&schema_reps)];
	char why[SPLIT_WHYSZ];
	struct split sp;
	size_t i;

	if (!*text) {
		if (strcmp(event, "split") == 0)
			problem(ck, relpath, r->line, "a split event without a split");
		return;
	}
	if (split_parse(text, &sp, why, sizeof why) < 0) {
		problem(ck, relpath, r->line, "split '%.64s': %s", text, why);
		return;
	}
	for (i = 0; i < sp.n; i++)
		if (keys_missing(reps, sp.rep[i]))
			problem(ck, relpath, r->line, "unknown rep '%s' in split '%.64s' "
			    "(not in reps.tsv)", sp.rep[i], text);
}

/* Where a ledger's columns are: the schema's, then date, rep and deal (-1: none). */
#define LEDGER_MAXCOLS 24
_Static_assert(DL_NCOLS <= LEDGER_MAXCOLS, "a column index for each of the ledger's");
struct ledger_cols {
	int col[LEDGER_MAXCOLS], date, rep, deal;
};

/* One row of a ledger file of month y, m (0: audit.tsv, which has none). */
static void
check_ledger_row(struct ck *ck, const struct schema *sc, const char *relpath,
		 const struct tsv_reader *r, const struct ledger_cols *c, int y, int m)
{
	const struct keys *reps = &ck->keys[table_index(&schema_reps)];
	const struct keys *accounts = &ck->keys[table_index(&schema_accounts)];
	char today[DATE_BUFSZ];
	const char *why, *v;
	unsigned long long n;
	int ry, rm, rd;
	date_t d;
	size_t j;

	for (j = 0; j < sc->ncols && j < LEDGER_MAXCOLS; j++)
		if (c->col[j] >= 0 && (why = schema_check_value(&sc->cols[j], r->f[c->col[j]])))
			problem(ck, relpath, r->line, "%s '%.64s' %s",
			    sc->cols[j].name, r->f[c->col[j]], why);
	if (y && date_parse(r->f[c->date], &d) == 0) {
		date_to_ymd(d, &ry, &rm, &rd);
		if (ry != y || rm != m)
			problem(ck, relpath, r->line, "date '%s' is not in %04d-%02d "
			    "(each row belongs in the file of its month)", r->f[c->date], y, m);
		if (d > ck->today)
			problem(ck, relpath, r->line, "date '%s' is after today (%s): "
			    "booked under a wrong clock or --today?", r->f[c->date],
			    date_format(ck->today, today));
	}
	if (c->rep >= 0 && !id_check(v = r->f[c->rep]) && keys_missing(reps, v))
		problem(ck, relpath, r->line, "unknown rep '%s' (not in reps.tsv)", v);
	/* Accounts are optional master data: once some are kept, a deal
	 * naming another is worth a word, but it is not a problem. */
	if (c->deal >= 0 && accounts->n && !id_check(v = r->f[tsv_col(r, "account")]) &&
	    keys_missing(accounts, v) && warn_once(ck, v))
		warn("%s:%lu: warning: account '%s' is not in accounts.tsv "
		    "(reports by segment or region count it as unknown)", relpath, r->line, v);
	if (c->deal >= 0)
		check_split(ck, relpath, r, c->col[DL_SPLIT] >= 0 ? r->f[c->col[DL_SPLIT]] : "",
		    r->f[tsv_col(r, "event")]);
	if (c->deal < 0 || genid_check(v = r->f[c->deal], 'D'))
		return;
	deal_seen(ck, relpath, r->line, v, r->f[c->date], r->f[tsv_col(r, "event")]);
	deal_amount(ck, relpath, r->line, r->f[tsv_col(r, "amount")]);
	if ((n = strtoull(v + 1, NULL, 10)) > ck->max_deal) {
		ck->max_deal = n;
		snprintf(ck->max_deal_at, sizeof ck->max_deal_at, "%s:%lu", relpath, r->line);
	}
}

/* One ledger file; y, m its month (0 for audit.tsv, which has none). */
static void
check_ledger(struct ck *ck, const struct schema *sc, const char *relpath, int y, int m)
{
	struct ledger_cols c;
	struct tsv_reader *r;
	struct stat sb;
	int fd, st;
	size_t j;

	if ((fd = store_open_read(ck->s, relpath)) < 0)
		return;
	if (fstat(fd, &sb) < 0)
		die_errno("%s/%s", store_path(ck->s), relpath);
	r = tsv_open(fd, relpath);
	/* Empty: the next append writes it whole, header first. */
	if (sb.st_size == 0 || (st = tsv_header(r)) == TSV_EOF)
		goto out;
	if (st == TSV_IOERR)
		die("%s", tsv_error(r));
	if (r->no_final_newline)
		goto torn;
	if (st == TSV_BAD) {
		reader_problem(ck, r);
		goto out;
	}
	check_ledger_header(ck, sc, fd, relpath);
	for (j = 0; j < sc->ncols && j < LEDGER_MAXCOLS; j++)
		if ((c.col[j] = tsv_col(r, sc->cols[j].name)) < 0 && j < schema_fixed(sc)) {
			problem(ck, relpath, 1, "missing column '%s'", sc->cols[j].name);
			goto out;
		}
	c.date = tsv_col(r, "date");
	c.rep = sc == &schema_audit ? -1 : tsv_col(r, "rep");
	c.deal = sc == &schema_deals ? tsv_col(r, "deal") : -1;
	while ((st = tsv_next(r)) != TSV_EOF) {
		if (st == TSV_IOERR)
			die("%s", tsv_error(r));
		if (r->no_final_newline)
			goto torn;
		if (st == TSV_BAD)
			reader_problem(ck, r);
		else
			check_ledger_row(ck, sc, relpath, r, &c, y, m);
	}
	goto out;
torn:
	problem(ck, relpath, 0, "last line is torn (run sales-check --repair)");
out:
	tsv_close(r);
	close(fd);
}

/*
 * The ledger files of deals/ or activities/, as relative paths; bad names
 * and bad files are reported (ck may be NULL: then only listed).
 */
static void
ledger_files(struct ck *ck, struct store *s, const struct schema *sc, struct names *out)
{
	char dir[32], rel[300];
	struct names nm;
	struct stat st;
	size_t i;
	int y, m;

	snprintf(dir, sizeof dir, "%.*s", (int)strlen(sc->file) - 1, sc->file);
	if (store_stat(s, dir, &st) < 0) {
		if (errno != ENOENT)
			problem(ck, dir, 0, "%s", strerror(errno));
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		problem(ck, dir, 0, S_ISLNK(st.st_mode) ?
		    "is a symlink (put the directory itself here)" : "is not a directory");
		return;
	}
	list_dir(s, dir, &nm, 0);
	for (i = 0; i < nm.n; i++) {
		snprintf(rel, sizeof rel, "%s/%s", dir, nm.v[i]);
		if (is_temporary(nm.v[i]))
			continue;
		if (!month_of_name(nm.v[i], &y, &m))
			problem(ck, rel, 0, "not a ledger file name (want YYYY-MM.tsv)");
		else if (file_status(ck, s, rel) == 1)
			names_add(out, rel);
	}
	names_free(&nm);
}

/* Temporaries: at the top and one level down, where store.h makes them. */
static void
find_temporaries(struct store *s, struct names *out)
{
	struct names top, sub;
	struct stat st;
	char rel[600];
	size_t i, j;

	list_dir(s, ".", &top, 0);
	for (i = 0; i < top.n; i++) {
		if (is_temporary(top.v[i])) {
			names_add(out, top.v[i]);
			continue;
		}
		if (top.v[i][0] == '.' || strcmp(top.v[i], STORE_LOST_FOUND) == 0 ||
		    store_stat(s, top.v[i], &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		if (list_dir(s, top.v[i], &sub, 1) < 0)
			continue;
		for (j = 0; j < sub.n; j++) {
			if (!is_temporary(sub.v[j]))
				continue;
			snprintf(rel, sizeof rel, "%s/%s", top.v[i], sub.v[j]);
			names_add(out, rel);
		}
		names_free(&sub);
	}
	names_free(&top);
}

static void
check_ledgers(struct ck *ck)
{
	const struct schema *ledgers[] = { &schema_deals, &schema_activities };
	struct names nm = { 0 };
	size_t i, k;
	int y = 0, m = 0;

	for (k = 0; k < 2; k++) {
		ledger_files(ck, ck->s, ledgers[k], &nm);
		for (i = 0; i < nm.n; i++) {
			month_of_name(strchr(nm.v[i], '/') + 1, &y, &m);
			check_ledger(ck, ledgers[k], nm.v[i], y, m);
		}
		names_free(&nm);
	}
	if (file_status(ck, ck->s, "audit.tsv") == 1)
		check_ledger(ck, &schema_audit, "audit.tsv", 0, 0);
	check_next_id(ck, "deal", 'D', ck->max_deal, ck->max_deal_at);
}

/* The view agrees with org.tsv on today (an unset team status is active). */
static void
check_view(struct ck *ck, const struct table *hist, const struct table *t, int kind,
	   date_t today)
{
	const char *id, *field, *v, *cell;
	size_t i;
	int f;

	for (i = 0; i < t->nrows; i++) {
		id = table_get(t, i, 0);
		for (f = 0; (field = org_field_name((enum org_kind)kind, f)); f++) {
			if (!org_hist_value(hist, (enum org_kind)kind, id, field, today, &v))
				continue;
			cell = table_cell(t, i, field);
			if (kind == ORG_TEAM && f == ORG_T_STATUS && !*cell)
				cell = "active";
			if (strcmp(cell, v) != 0)
				problem(ck, t->name, t->lines[i], "%s '%s': %s is '%s' but org.tsv "
				    "says '%s' today", org_kind_name((enum org_kind)kind), id, field,
				    cell, v);
		}
	}
}

/* org.tsv's rows, the views against it, and work left with reps who left. */
static void
check_org(struct ck *ck)
{
	const struct table *hist = ck->t[table_index(&schema_org)];
	const struct table *reps = ck->t[table_index(&schema_reps)];
	const struct table *teams = ck->t[table_index(&schema_teams)];
	const struct table *accounts = ck->t[table_index(&schema_accounts)];
	struct deal_last *l;
	struct stages *st;
	const char *why, *rep;
	date_t today = ck->today;
	long row;
	size_t i;

	for (i = 0; hist && i < hist->nrows; i++)
		if ((why = org_row_problem(table_cell(hist, i, "kind"), table_cell(hist, i, "field"),
		    table_cell(hist, i, "from"))))
			problem(ck, hist->name, hist->lines[i], "%s", why);
	if (hist && reps)
		check_view(ck, hist, reps, ORG_REP, today);
	if (hist && teams)
		check_view(ck, hist, teams, ORG_TEAM, today);
	if (hist && accounts)
		check_view(ck, hist, accounts, ORG_ACCOUNT, today);
	if (!reps)
		return;
	for (i = 0; accounts && i < accounts->nrows; i++) {
		rep = table_cell(accounts, i, "owner");
		if (*rep && (row = table_find(reps, 0, rep)) >= 0 &&
		    strcmp(table_cell(reps, (size_t)row, "status"), "gone") == 0)
			problem(ck, accounts->name, accounts->lines[i], "account '%s' is owned by "
			    "'%s', who has left (acct-edit %s --owner REP)", table_get(accounts, i, 0),
			    rep, table_get(accounts, i, 0));
	}
	if (!ck->t[table_index(&schema_stages)])
		return;
	st = stages_load(ck->s);
	l = deal_last_scan(ck->s, DATE_MIN);
	for (i = 0; i < deal_last_count(l); i++) {
		rep = deal_last_field(l, i, DL_REP);
		if (deal_state_of(st, deal_last_field(l, i, DL_EVENT),
		    deal_last_field(l, i, DL_STAGE)) == DEAL_OPEN &&
		    (row = table_find(reps, 0, rep)) >= 0 &&
		    strcmp(table_cell(reps, (size_t)row, "status"), "gone") == 0)
			problem(ck, "deals", 0, "%s is open but its rep '%s' has left (deal-move "
			    "%s --rep REP)", deal_last_field(l, i, DL_DEAL), rep,
			    deal_last_field(l, i, DL_DEAL));
	}
	deal_last_free(l);
	stages_free(st);
}

/* The directories a program makes in the data directory. */
static const char *const our_dirs[] = { "deals", "activities", "payouts", "cache",
	STORE_LOST_FOUND, NULL };

/*
 * Who may read what: the directory, what it holds and what its own
 * directories hold must be the user's alone (DESIGN.md 4).  A copy made
 * by git clone, cp -r or tar x is 0755 and 0644.  Each name that is open
 * to others goes to out (ck reports it; NULL: only listed); "." is the
 * directory.  Symlinks and what the user keeps in directories of his own
 * are left alone.
 */
static void
loose_modes(struct ck *ck, struct store *s, struct names *out)
{
	struct names top, sub;
	struct stat st;
	char rel[600];
	size_t i, j, k;

	if (store_stat(s, ".", &st) < 0)
		die_errno("%s", store_path(s));
	if (st.st_mode & 077) {
		names_add(out, ".");
		if (ck) {
			warn("%s: the data directory is open to others (mode %04o, want 0700): "
			    "run sales-check --repair", store_path(s), (unsigned)(st.st_mode & 07777));
			ck->problems++;
		}
	}
	list_dir(s, ".", &top, 0);
	for (i = 0; i < top.n; i++) {
		if (store_stat(s, top.v[i], &st) < 0 ||
		    !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
			continue;
		if (st.st_mode & 077) {
			names_add(out, top.v[i]);
			problem(ck, top.v[i], 0, "open to others (mode %04o, want %s): run "
			    "sales-check --repair", (unsigned)(st.st_mode & 07777),
			    S_ISDIR(st.st_mode) ? "0700" : "0600");
		}
		for (k = 0; our_dirs[k] && strcmp(our_dirs[k], top.v[i]); k++)
			;
		if (!our_dirs[k] || !S_ISDIR(st.st_mode) || list_dir(s, top.v[i], &sub, 1) < 0)
			continue;
		for (j = 0; j < sub.n; j++) {
			snprintf(rel, sizeof rel, "%s/%s", top.v[i], sub.v[j]);
			if (store_stat(s, rel, &st) == 0 &&
			    S_ISREG(st.st_mode) && (st.st_mode & 077)) {
				names_add(out, rel);
				problem(ck, rel, 0, "open to others (mode %04o, want 0600): run "
				    "sales-check --repair", (unsigned)(st.st_mode & 07777));
			}
		}
		names_free(&sub);
	}
	names_free(&top);
}

/*
 * The directories programs make (payouts/, cache/, lost+found/; deals/
 * and activities/ are checked with their ledgers) must be directories,
 * and cache/ must hold plain files: a symlink there would stop every
 * writer.  The cache is only a cache: --repair removes what is wrong in
 * it (out lists it; ck may be NULL).
 */
static void
check_dirs(struct ck *ck, struct store *s, struct names *out)
{
	struct names sub;
	struct stat st;
	char rel[600];
	size_t i, j;

	for (i = 2; our_dirs[i]; i++) {
		if (store_stat(s, our_dirs[i], &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode))
			;
		else {
			if (S_ISLNK(st.st_mode) && strcmp(our_dirs[i], "cache") == 0)
				names_add(out, our_dirs[i]);
			problem(ck, our_dirs[i], 0, S_ISLNK(st.st_mode) ?
			    "is a symlink (put the directory itself here%s)" :
			    "is not a directory%s", strcmp(our_dirs[i], "cache") == 0 ?
			    "; sales-check --repair removes a cache that is a link" : "");
			continue;
		}
		if (strcmp(our_dirs[i], "cache") != 0)
			continue;
		if (list_dir(s, our_dirs[i], &sub, 1) < 0)
			continue;
		for (j = 0; j < sub.n; j++) {
			snprintf(rel, sizeof rel, "%s/%s", our_dirs[i], sub.v[j]);
			if (store_stat(s, rel, &st) == 0 &&
			    (!S_ISREG(st.st_mode) || st.st_nlink != 1) && !is_temporary(sub.v[j])) {
				names_add(out, rel);
				problem(ck, rel, 0, "not a plain file (sales-check --repair "
				    "removes it: the cache is made again)");
			}
		}
		names_free(&sub);
	}
}

size_t
check_data(struct store *s, date_t today)
{
	struct ck ck = { 0 };
	struct names tmp = { 0 }, nm = { 0 };
	const struct schema *sc;
	struct table *t;
	size_t i;

	ck.s = s;
	ck.today = today;
	if (store_journal_problem(s))
		problem(&ck, store_journal_problem(s), 0, "refused, and left alone (it is not a "
		    "journal this program wrote: look at it, then remove it)");
	ck.deals = intern_new();
	/* config.tsv comes first: its currency decides what money is valid. */
	for (i = 0; (sc = schema_tables[i]); i++) {
		t = ck.t[i] = read_table(&ck, sc, &ck.whole[i]);
		if (!t)
			continue;
		keys_init(&ck.keys[i], t, sc->cols[0].name, ck.whole[i]);
		if (sc == &schema_config)
			check_config(&ck, t);
		else if (sc == &schema_stages)
			check_stages(&ck, t);
		else if (sc == &schema_ids)
			check_ids(&ck, t);
	}
	check_refs(&ck);
	if ((t = ck.t[table_index(&schema_training)]) && ck.whole[table_index(&schema_training)])
		training_check(t, ck.whole[table_index(&schema_attempts)] ?
		    ck.t[table_index(&schema_attempts)] : NULL, report, &ck);
	if ((t = ck.t[table_index(&schema_reps)]))
		check_reps(&ck, t);
	if ((t = ck.t[table_index(&schema_quotas)]))
		check_quotas(&ck, t);
	if ((t = ck.t[table_index(&schema_notes)]))
		check_notes(&ck, t);
	if ((t = ck.t[table_index(&schema_comp_plans)]) && ck.whole[table_index(&schema_comp_plans)] &&
	    ck.t[table_index(&schema_comp_tiers)] && ck.whole[table_index(&schema_comp_tiers)])
		check_overrides(&ck, t, ck.t[table_index(&schema_comp_tiers)]);
	check_ledgers(&ck);
	if (!ck.problems)
		check_org(&ck);
	find_temporaries(s, &tmp);
	for (i = 0; i < tmp.n; i++)
		if (!store_journal_problem(s) || (strcmp(tmp.v[i], STORE_PENDING) != 0 &&
		    strcmp(tmp.v[i], STORE_JOURNAL) != 0))
			problem(&ck, tmp.v[i], 0, "stray temporary (run sales-check --repair)");
	names_free(&tmp);
	check_dirs(&ck, s, &nm);
	names_free(&nm);
	loose_modes(&ck, s, &nm);
	names_free(&nm);
	for (i = 0; schema_tables[i]; i++) {
		free(ck.keys[i].c);
		table_free(ck.t[i]);
	}
	intern_free(ck.deals);
	intern_free(ck.unknown_accounts);
	free(ck.last);
	free(ck.opened);
	return ck.problems;
}

/* Ledgers whose last byte is not a newline. */
static void
find_torn(struct store *s, struct names *out)
{
	const struct schema *ledgers[] = { &schema_deals, &schema_activities };
	struct names all = { 0 };
	struct stat st;
	size_t i, k;
	char last;
	int fd;

	if (store_stat(s, "audit.tsv", &st) == 0 &&
	    S_ISREG(st.st_mode) && st.st_nlink == 1)
		names_add(&all, "audit.tsv");
	for (k = 0; k < 2; k++)
		ledger_files(NULL, s, ledgers[k], &all);
	for (i = 0; i < all.n; i++) {
		if ((fd = store_open_read(s, all.v[i])) < 0)
			continue;
		if (fstat(fd, &st) < 0)
			die_errno("%s/%s", store_path(s), all.v[i]);
		if (st.st_size > 0) {
			if (pread(fd, &last, 1, st.st_size - 1) != 1)
				die_errno("%s/%s", store_path(s), all.v[i]);
			if (last != '\n')
				names_add(out, all.v[i]);
		}
		close(fd);
	}
	names_free(&all);
}

/* The highest number of a generated id in column col of a file (0: none);
 * rows that do not parse are passed over (check_data reports them). */
static unsigned long long
max_genid(struct store *s, const char *relpath, const char *col, char letter)
{
	unsigned long long n, max = 0;
	struct tsv_reader *r;
	int fd, c, st;

	if ((fd = store_open_read(s, relpath)) < 0)
		return 0;
	r = tsv_open(fd, relpath);
	if (tsv_header(r) == TSV_ROW && (c = tsv_col(r, col)) >= 0)
		while ((st = tsv_next(r)) != TSV_EOF) {
			if (st == TSV_IOERR)
				die("%s", tsv_error(r));
			if (st == TSV_ROW && !genid_check(r->f[c], letter) &&
			    (n = strtoull(r->f[c] + 1, NULL, 10)) > max)
				max = n;
		}
	tsv_close(r);
	close(fd);
	return max;
}

/* Is ids.tsv's next for kind behind max?  want: what it should be. */
static int
id_behind(struct store *s, const char *kind, unsigned long long max, long long *want)
{
	struct table *ids;
	long long next = 0;
	long row;
	int fd, behind;

	if (!max || (fd = store_open_read(s, "ids.tsv")) < 0)
		return 0;
	ids = table_read_where(fd, "ids.tsv", NULL, NULL);
	close(fd);
	if (!ids)
		return 0;
	row = table_find(ids, table_col(ids, "kind"), kind);
	behind = row < 0 || parse_uint(table_get(ids, (size_t)row, table_col(ids, "next")),
	    999999999999999999, &next) < 0 || (unsigned long long)next <= max;
	table_free(ids);
	*want = (long long)max + 1;
	return behind;
}

/* Every deal and note number in use: the ledger and notes.tsv, read whole. */
static void
ids_in_use(struct store *s, unsigned long long *deal, unsigned long long *note)
{
	struct names nm = { 0 };
	unsigned long long n;
	size_t i;

	*deal = 0;
	ledger_files(NULL, s, &schema_deals, &nm);
	for (i = 0; i < nm.n; i++)
		if ((n = max_genid(s, nm.v[i], "deal", 'D')) > *deal)
			*deal = n;
	names_free(&nm);
	*note = max_genid(s, "notes.tsv", "note", 'N');
}

void
check_find_repairs(struct store *s, struct check_repairs *rp)
{
	struct names tmp = { 0 }, torn = { 0 }, loose = { 0 }, cache = { 0 };
	unsigned long long deal, note;
	long long want;

	memset(rp, 0, sizeof *rp);
	find_temporaries(s, &tmp);
	find_torn(s, &torn);
	loose_modes(NULL, s, &loose);
	check_dirs(NULL, s, &cache);
	ids_in_use(s, &deal, &note);
	rp->temps = tmp.v;
	rp->ntemps = tmp.n;
	rp->torn = torn.v;
	rp->ntorn = torn.n;
	rp->loose = loose.v;
	rp->nloose = loose.n;
	rp->cache = cache.v;
	rp->ncache = cache.n;
	rp->ids = id_behind(s, "deal", deal, &want) || id_behind(s, "note", note, &want);
}

int
check_repairs_any(const struct check_repairs *rp)
{
	return rp->ntemps || rp->ntorn || rp->nloose || rp->ncache || rp->ids;
}

void
check_repairs_free(struct check_repairs *rp)
{
	struct names a = { rp->temps, rp->ntemps, rp->ntemps },
		b = { rp->torn, rp->ntorn, rp->ntorn },
		c = { rp->loose, rp->nloose, rp->nloose },
		d = { rp->cache, rp->ncache, rp->ncache };

	names_free(&a);
	names_free(&b);
	names_free(&c);
	names_free(&d);
	memset(rp, 0, sizeof *rp);
}

/* Take group and other permissions off a file or directory of ours. */
static int
tighten(struct store *s, const char *relpath, int quiet, struct buf *log)
{
	mode_t was = 0;
	int r = store_make_private(s, relpath, &was);

	if (r == -2)
		warn("%s: not a file or directory of yours; its mode was left", relpath);
	if (r <= 0)
		return r < 0;
	if (!quiet)
		warn("%s: made private (mode %04o -> %04o)", relpath,
		    (unsigned)(was & 07777), (unsigned)(was & 07700));
	audit_add(log, "repair %s: made private (mode %04o -> %04o)", relpath,
	    (unsigned)(was & 07777), (unsigned)(was & 07700));
	return 0;
}

/* Remove a name of the cache that is not a plain file (or the cache
 * itself, a symlink): the cache is made again. */
static void
clear_cache(struct store *s, const char *relpath, int quiet, struct buf *log)
{
	store_remove_cache_entry(s, relpath);
	if (!quiet)
		warn("%s: removed from the cache (not a plain file)", relpath);
	audit_add(log, "repair %s: removed from the cache (not a plain file)", relpath);
}

/* ids.tsv past every id in use, as one change. */
static void
forward_ids(struct store *s, int quiet)
{
	static const struct { const char *kind; char letter; } kinds[] = {
		{ "deal", 'D' }, { "note", 'N' } };
	unsigned long long max[2];
	struct table *ids = store_load(s, "ids.tsv");
	long long want, next;
	char buf[32];
	struct txn x;
	size_t k;
	long row;

	ids_in_use(s, &max[0], &max[1]);
	txn_begin(&x, s, 0);
	for (k = 0; k < 2; k++) {
		if (!id_behind(s, kinds[k].kind, max[k], &want))
			continue;
		row = table_find(ids, table_col(ids, "kind"), kinds[k].kind);
		next = 0;
		if (row < 0) {
			row = (long)table_add_row(ids);
			table_set(ids, (size_t)row, table_col(ids, "kind"), kinds[k].kind);
		} else
			parse_uint(table_get(ids, (size_t)row, table_col(ids, "next")),
			    999999999999999999, &next);
		snprintf(buf, sizeof buf, "%lld", want);
		table_set(ids, (size_t)row, table_col(ids, "next"), buf);
		if (!quiet)
			warn("ids.tsv: %s next %lld -> %lld (past %c%llu in use)", kinds[k].kind,
			    next, want, kinds[k].letter, max[k]);
		txn_log(&x, "repair ids.tsv: %s next %lld -> %lld (past %c%llu in use)",
		    kinds[k].kind, next, want, kinds[k].letter, max[k]);
	}
	if (x.changes)
		txn_table(&x, &schema_ids, ids);
	txn_commit(&x);
	table_free(ids);
}

/* Move the bytes after the last LF of a ledger to lost+found/.  0 or 1. */
static int
move_torn_tail(struct store *s, const char *relpath, int quiet, struct buf *log)
{
	struct buf saved = BUF_INIT;
	long long n = store_cut_torn_tail(s, relpath, &saved);

	if (n < 0)
		warn("%s: not a regular file with one link; its torn tail was left", relpath);
	else if (n > 0) {
		if (!quiet)
			warn("%s: moved torn tail (%lld bytes) to %s", relpath, n, saved.data);
		audit_add(log, "repair %s: moved torn tail (%lld bytes) to %s", relpath, n,
		    saved.data);
	}
	buf_free(&saved);
	return n < 0;
}

size_t
check_repair(struct store *s, const struct check_repairs *rp, int quiet)
{
	struct names torn = { 0 };
	struct buf log = BUF_INIT;
	size_t i, failed = 0;

	for (i = 0; i < rp->ntemps; i++)
		if (!quiet && !store_exists(s, rp->temps[i]) && !store_finished(s, rp->temps[i]))
			warn("%s: removed stale temporary", rp->temps[i]);
	/* Again, now that no one else can be writing. */
	find_torn(s, &torn);
	for (i = 0; i < torn.n; i++)
		failed += (size_t)move_torn_tail(s, torn.v[i], quiet, &log);
	names_free(&torn);
	for (i = 0; i < rp->ncache; i++)
		clear_cache(s, rp->cache[i], quiet, &log);
	for (i = 0; i < rp->nloose; i++)
		failed += (size_t)tighten(s, rp->loose[i], quiet, &log);
	if (failed == 0)
		audit_commit(s, &log);
	buf_free(&log);
	if (rp->ids)
		forward_ids(s, quiet);
	return failed;
}
