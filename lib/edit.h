/*
 * edit: what the programs that change existing rows of one table share
 * (rep-edit, acct-edit, team-edit).  A program declares the table's key and the
 * columns it changes, each with its option's argument and help; edit
 * gives each column its option, and --set COLUMN=VALUE for any column.
 * The changes come from those options, the same for every record, or,
 * with --from and no change option, from the input's columns, each row its
 * own.  A later change of a column wins.  The program checks and applies
 * each record's changes; edit_run() does the rest: finding the record's
 * row by its key, one audit line per record changed, writing the table in
 * one transaction and the confirmation.
 *
 *   static const struct edit_column columns[] = {
 *           { "rep", "REP", NULL },                     the key first
 *           { "name", "NAME", "the rep's full name" }, ...
 *   };
 *   static struct edit e = EDIT_INIT(columns, "team or region",
 *       "(rep-list --all shows every rep)");
 *   static const struct cli_opt options[] = {        after the columns' and --set
 *           CLI_OPTS_WRITE, CLI_OPT_FROM, CLI_OPT_DATA_DIR, CLI_OPT_TODAY, CLI_END
 *   };
 *
 *   edit_parse(&e, &cli, usage, options, argc, argv);
 *   in = edit_input(&e, &cli);        REP, or --from; before the lock
 *   s = store_open(...); t = store_load(s, "reps.tsv"); ...
 *   edit_run(&e, &cli, in, s, &schema_reps, t, apply, &ctx);
 *
 * apply(arg, in, t, row, ch, n, what) checks the n changes of one record
 * (reporting problems through input_error()), applies the good ones with
 * edit_cell(), which notes " col=value" in what for each real change, and
 * returns 1 if any was bad.  A record whose changes change nothing is no
 * edit.  Any problem: edit_run() dies with "nothing was changed", having
 * written nothing.  Bad options are usage errors.
 */
#ifndef EDIT_H
#define EDIT_H
#include <stddef.h>
#include "buf.h"
#include "cli.h"
#include "date.h"
#include "input.h"
#include "org.h"
#include "schema.h"
#include "store.h"
#include "table.h"

/* A column, the option that changes it (same name), its argument and help. */
struct edit_column {
	const char *name, *arg, *help;
};

struct edit_change {
	const char *col, *val;
};

struct edit {
	const struct edit_column *columns;	/* the key, then the columns changed */
	size_t ncolumns;
	const char *examples;		/* "team or region": what an input may change */
	const char *unknown;		/* said after "unknown rep 'x'" */
	/* what the command line gives: the changes, the key */
	struct edit_change *opt;
	size_t nopt;
	const char *id;
	const char **names;		/* the columns' names, for input_open() */
	/* set by the program before edit_run() when it needs them: a second
	 * table that apply changes too (org.tsv), written in the same
	 * transaction; and a check of all the records' changes together,
	 * after the last (1: a problem, already reported) */
	const struct schema *also_sc;
	struct table *also;
	int (*finish)(void *arg);
};

#define EDIT_INIT(columns, examples, unknown) \
	{ columns, sizeof columns / sizeof columns[0], examples, unknown, NULL, 0, NULL, NULL, \
	  NULL, NULL, NULL }

typedef int edit_fn(void *arg, struct input *in, struct table *t, size_t row,
		    const struct edit_change *ch, size_t n, struct buf *what);

/* cli_parse() with an option per column, --set, then the options more. */
void edit_parse(struct edit *e, struct cli *c, const char *usage,
		const struct cli_opt *more, int argc, char **argv);
struct input *edit_input(struct edit *e, struct cli *c);
void edit_run(struct edit *e, const struct cli *c, struct input *in, struct store *s,
	      const struct schema *sc, struct table *t, edit_fn *apply, void *arg);

/* The first day of dated changes (--date): given, or today when NULL; its
 * text in out.  A bad date is a usage error, one after today fatal: a
 * change is made on the day it holds. */
date_t edit_date(const struct cli *c, const char *given, date_t today, char out[DATE_BUFSZ]);

/*
 * Dated edits (rep-edit, team-edit, acct-edit): columns whose history is
 * kept in org.tsv (org.h).  edit_org_input() is edit_input() that also
 * sets the day of the dated changes (--date as edit_date() takes it, and
 * today).  edit_org_load() loads reps, teams and the history (accounts
 * too for an edit of kind ORG_ACCOUNT), builds the organisation as it was
 * before this run, and has edit_run() write the history with the table.
 * With one record on the command line, that organisation knows it and
 * every record of the kinds in whole (ORG_KIND_BIT(ORG_TEAM), ...) alone:
 * a program asks it of no other.  After the program records a change
 * in g->hist (org_record), edit_org_view() brings the table's cell to the
 * value of today, noting " col=value" in what even when only the past
 * changed; edit_org_from() ends a what that is not empty with " from DATE"
 * when the changes date from before today.  edit_org_loops() is a finish function for a
 * context that begins with its struct edit_org: no loop of managers or
 * parents on any day of the new history.
 */
struct edit_org {
	struct table *reps, *teams, *accounts, *hist;	/* accounts: NULL unless edited */
	struct org *o;				/* as it was before this run */
	enum org_kind kind;			/* of the records edited */
	unsigned whole;				/* the kinds o knows whole */
	const char *id;				/* the record given, or NULL */
	int key;				/* its column */
	char today[DATE_BUFSZ], date[DATE_BUFSZ];	/* date: of the dated changes */
	date_t today_d, date_d;
};
struct input *edit_org_input(struct edit *e, struct cli *c, const char *date_opt,
			     struct edit_org *g);
void edit_org_load(struct edit *e, struct edit_org *g, struct store *s, enum org_kind kind,
		   unsigned whole);
void edit_org_view(const struct edit_org *g, enum org_kind kind, struct table *t, size_t row,
		   const char *id, const char *col, const char *val, struct buf *what);
void edit_org_from(const struct edit_org *g, struct buf *what);
int edit_org_loops(void *arg);
void edit_org_free(struct edit_org *g);

/* The value the changes give column col, or NULL. */
const char *edit_find(const struct edit_change *ch, size_t n, const char *col);
/* Set a cell (adding the column if needed); " col=value" in what if it changed. */
void edit_cell(struct table *t, size_t row, const char *col, const char *val,
	       struct buf *what);

#endif
