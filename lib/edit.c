#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "err.h"
#include "tsv.h"
#include "txn.h"
#include "xalloc.h"
#include "suggest.h"

/* A later change of the same column wins, as with most Unix tools. */
static void
add_change(struct edit_change *ch, size_t *n, const char *col, const char *val)
{
	size_t i;

	for (i = 0; i < *n && strcmp(ch[i].col, col) != 0; i++)
		;
	ch[i].col = col;
	ch[i].val = val;
	if (i == *n)
		(*n)++;
}

static void
add_option(struct edit *e, const char *col, const char *val)
{
	/* Room for one more, whether or not it replaces one. */
	e->opt = xreallocarray(e->opt, e->nopt + 1, sizeof *e->opt);
	add_change(e->opt, &e->nopt, col, val);
}

static void
column_option(struct cli *c, const struct cli_opt *o, const char *arg)
{
	(void)c;
	add_option(o->value, o->name, arg);
}

/* --set COLUMN=VALUE, split in place in argv. */
static void
set_option(struct cli *c, const struct cli_opt *o, const char *arg)
{
	struct edit *e = o->value;
	char *eq = strchr(arg, '='), *col = (char *)arg;
	const char *p;

	if (!eq)
		cli_usage_error(c, "--set '%.64s': want COLUMN=VALUE", arg);
	*eq = '\0';
	for (p = col; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (p > col && ((*p >= '0' && *p <= '9') ||
		    *p == '_'))))
			break;
	if (!*col || *p)
		cli_usage_error(c, "invalid column name '%.64s' (want a-z, 0-9 and _, "
		    "starting with a-z)", col);
	if (strcmp(col, e->columns[0].name) == 0)
		cli_usage_error(c, "--set %s: %s %s's id never changes", col,
		    strchr("aeiou", *col) ? "an" : "a", col);
	add_option(e, col, eq + 1);
}

void
edit_parse(struct edit *e, struct cli *c, const char *usage, const struct cli_opt *more,
	   int argc, char **argv)
{
	const struct cli_opt set = { CLI_T_CALL, 0, "set", "COLUMN=VALUE", e, set_option,
		"set any column, a user's own too" };
	struct cli_opt *opts;
	size_t n, i;

	for (n = 0; more[n].type != CLI_T_END; n++)
		;
	opts = xcalloc(e->ncolumns + n + 1, sizeof *opts);
	e->names = xcalloc(e->ncolumns, sizeof *e->names);
	e->names[0] = e->columns[0].name;
	for (i = 1; i < e->ncolumns; i++) {
		e->names[i] = e->columns[i].name;
		opts[i - 1] = (struct cli_opt){ CLI_T_CALL, 0, e->columns[i].name,
		    e->columns[i].arg, e, column_option, e->columns[i].help };
	}
	opts[e->ncolumns - 1] = set;
	memcpy(opts + e->ncolumns, more, (n + 1) * sizeof *opts);
	cli_parse(c, usage, opts, argc, argv);
	c->opts = NULL;		/* freed here: only cli_parse() reads it */
	free(opts);
}

struct input *
edit_input(struct edit *e, struct cli *c)
{
	struct input *in;
	size_t i;

	cli_record(c, &e->id, 0, -1);
	if (!c->from && !e->nopt)
		cli_usage_error(c, "nothing to change");
	/* Options apply to every row; without any, the input's columns are the changes. */
	in = input_open(c->from, e->names, e->nopt ? 1 : e->ncolumns, INPUT_ACT);
	for (i = 1; !e->nopt && i < e->ncolumns && !input_has(in, i); i++)
		;
	if (!e->nopt && i == e->ncolumns)
		cli_usage_error(c, "nothing to change: the input has no column such as %s, "
		    "and no change option was given", e->examples);
	return in;
}

/* The audit lines of log, one per line, then the table if anything changed. */
static void
commit(const struct edit *e, const struct cli *c, struct store *s, const struct schema *sc,
       struct table *t, struct buf *log, size_t nedits)
{
	char *line, *nl;
	struct txn x;

	txn_begin(&x, s, c->dry_run);
	for (line = log->data; line && (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		txn_log(&x, "%s", line);
	}
	if (nedits)
		txn_table(&x, sc, t);
	if (nedits && e->also)
		txn_table(&x, e->also_sc, e->also);
	txn_commit(&x);
}

void
edit_run(struct edit *e, const struct cli *c, struct input *in, struct store *s,
	 const struct schema *sc, struct table *t, edit_fn *apply, void *arg)
{
	const char *key = e->columns[0].name;
	const char **opts = xcalloc(e->ncolumns, sizeof *opts);
	const char **v = xcalloc(e->ncolumns, sizeof *v);
	struct edit_change *rowch = xcalloc(e->ncolumns, sizeof *rowch);
	struct buf what = BUF_INIT, log = BUF_INIT;
	char hint[SUGGEST_BUFSZ];
	const char *close;
	size_t i, n, nedits = 0;
	long row;

	opts[0] = e->id;
	while (input_next(in, opts, v)) {
		if (!v[0] || !*v[0]) {
			input_error(in, "no %s id given", key);
			continue;
		}
		if ((row = table_find(t, table_col(t, key), v[0])) < 0) {
			close = suggest(t, key, "name", v[0], NULL, hint);
			if (close)
				input_error(in, "unknown %s '%.64s' (%s)", key, v[0], close);
			else
				input_error(in, "unknown %s '%.64s' %s", key, v[0], e->unknown);
			continue;
		}
		for (n = 0, i = 1; !e->nopt && i < e->ncolumns; i++)
			if (input_has(in, i))
				add_change(rowch, &n, e->names[i], v[i]);
		buf_reset(&what);
		if (apply(arg, in, t, (size_t)row, e->nopt ? e->opt : rowch,
		    e->nopt ? e->nopt : n, &what) || !what.len)
			continue;
		/* Values are escaped in what, so a line never holds a newline. */
		buf_printf(&log, "edit %s %s:%s\n", key, v[0], what.data);
		nedits++;
	}
	if (input_close(in) || (nedits && e->finish && e->finish(arg)))
		die("nothing was changed");
	commit(e, c, s, sc, t, &log, nedits);
	close_stdout();
	if (!c->dry_run)
		cli_done(c, "edited %zu %s%s", nedits, key, nedits == 1 ? "" : "s");
	buf_free(&what);
	buf_free(&log);
	free(rowch);
	free(v);
	free(opts);
	free(e->opt);
	free(e->names);
}

const char *
edit_find(const struct edit_change *ch, size_t n, const char *col)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(ch[i].col, col) == 0)
			return ch[i].val;
	return NULL;
}

void
edit_cell(struct table *t, size_t row, const char *col, const char *val, struct buf *what)
{
	int c = table_col(t, col);

	if (c < 0 && !*val)
		return;		/* clearing a column nobody has: no change */
	if (c < 0)
		c = table_col_add(t, col);
	if (strcmp(table_get(t, row, c), val) == 0)
		return;
	table_set(t, row, c, val);
	buf_printf(what, " %s=", col);
	tsv_escape(what, val, strlen(val));
}

date_t
edit_date(const struct cli *c, const char *given, date_t today, char out[DATE_BUFSZ])
{
	char t[DATE_BUFSZ];
	date_t d = today;

	if (given && date_parse(given, &d) < 0)
		cli_usage_error(c, "invalid date '%.64s' (want YYYY-MM-DD)", given);
	date_format(d, out);
	if (d > today)
		die("date '%s' is after today (%s): a change is made on the day it holds", out,
		    date_format(today, t));
	return d;
}

struct input *
edit_org_input(struct edit *e, struct cli *c, const char *date_opt, struct edit_org *g)
{
	g->today_d = date_today(c->today);
	date_format(g->today_d, g->today);
	g->date_d = edit_date(c, date_opt, g->today_d, g->date);
	return edit_input(e, c);
}

/* The rows of the organisation before the run that edit_org_load() builds:
 * every row of the kinds kept whole, and the record on the command line. */
static int
edit_org_wants(void *arg, enum org_kind k, const struct table *t, size_t row)
{
	const struct edit_org *g = arg;

	return (g->whole & ORG_KIND_BIT(k)) ||
	    (k == g->kind && strcmp(table_get(t, row, g->key), g->id) == 0);
}

void
edit_org_load(struct edit *e, struct edit_org *g, struct store *s, enum org_kind kind,
	      unsigned whole)
{
	g->reps = store_load(s, "reps.tsv");
	g->teams = store_load(s, "teams.tsv");
	g->accounts = kind == ORG_ACCOUNT ? store_load(s, "accounts.tsv") : NULL;
	g->hist = org_hist_load(s);
	g->kind = kind;
	g->whole = whole;
	g->id = e->id;
	g->key = table_col(kind == ORG_REP ? g->reps : kind == ORG_TEAM ? g->teams : g->accounts,
	    e->columns[0].name);
	g->o = org_new_of(g->reps, g->teams, g->accounts, g->hist, e->id ? edit_org_wants : NULL,
	    g);
	e->also_sc = &schema_org;
	e->also = g->hist;
}

void
edit_org_view(const struct edit_org *g, enum org_kind kind, struct table *t, size_t row,
	      const char *id, const char *col, const char *val, struct buf *what)
{
	const char *now;

	if (org_hist_value(g->hist, kind, id, col, g->today_d, &now) &&
	    strcmp(table_cell(t, row, col), now) != 0)
		edit_cell(t, row, col, now, what);
	else {
		/* Only the past changed: say so all the same. */
		buf_printf(what, " %s=", col);
		tsv_escape(what, val, strlen(val));
	}
}

void
edit_org_from(const struct edit_org *g, struct buf *what)
{
	if (what->len && g->date_d != g->today_d)
		buf_printf(what, " from %s", g->date);
}

int
edit_org_loops(void *arg)
{
	const struct edit_org *g = arg;

	return org_warn_loop(g->reps, g->teams, g->hist);
}

void
edit_org_free(struct edit_org *g)
{
	org_free(g->o);
	table_free(g->reps);
	table_free(g->teams);
	table_free(g->accounts);
	table_free(g->hist);
}
