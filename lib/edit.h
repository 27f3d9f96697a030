/*
 * edit: what the programs that change existing rows of one table share
 * (rep-edit, acct-edit).  The changes come from options (one per known
 * column, and --set COLUMN=VALUE for any column), the same for every
 * record; or, with --from and no change option, from the input's columns,
 * each row its own.  A later change of a column wins.  The program checks
 * and applies each record's changes; edit_run() does the rest: finding the
 * record's row by its key, one audit line per record changed, writing the
 * table in one transaction and the confirmation.
 *
 *   static struct edit e = EDIT_INIT("rep", fields, NFIELDS, "team or region",
 *       "(rep-list --all shows every rep)");
 *   static const struct cli_opt options[] = {
 *           EDIT_OPT("name", "NAME", &e, "the rep's full name"), ...
 *           EDIT_SET(&e), ...
 *   };
 *
 *   cli_parse(&cli, usage, options, argc, argv);
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
#include "input.h"
#include "schema.h"
#include "store.h"
#include "table.h"

struct edit_change {
	const char *col, *val;
};

struct edit {
	const char *key;		/* the key column, and the noun of messages */
	const char *const *fields;	/* the key, then the columns options change */
	size_t nfields;
	const char *examples;		/* "team or region": what an input may change */
	const char *unknown;		/* said after "unknown rep 'x'" */
	/* what the command line gives: the changes, the key */
	struct edit_change *opt;
	size_t nopt;
	const char *id;
};

#define EDIT_INIT(key, fields, nfields, examples, unknown) \
	{ key, fields, nfields, examples, unknown, NULL, 0, NULL }
/* An option that changes the column of its name, and --set COLUMN=VALUE. */
#define EDIT_OPT(name, arg, e, help) { CLI_T_CALL, 0, name, arg, e, edit_option, help }
#define EDIT_SET(e) { CLI_T_CALL, 0, "set", "COLUMN=VALUE", e, edit_set, \
	"set any column, a user's own too" }

typedef int edit_fn(void *arg, struct input *in, struct table *t, size_t row,
		    const struct edit_change *ch, size_t n, struct buf *what);

/* cli_fn of a column's option (the column is the option's name) and of --set. */
cli_fn edit_option;
cli_fn edit_set;

struct input *edit_input(struct edit *e, struct cli *c);
void edit_run(struct edit *e, const struct cli *c, struct input *in, struct store *s,
	      const struct schema *sc, struct table *t, edit_fn *apply, void *arg);

/* The value the changes give column col, or NULL. */
const char *edit_find(const struct edit_change *ch, size_t n, const char *col);
/* Set a cell (adding the column if needed); " col=value" in what if it changed. */
void edit_cell(struct table *t, size_t row, const char *col, const char *val,
	       struct buf *what);

#endif
