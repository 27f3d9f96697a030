/*
 * schema: what every file of the data directory holds (salesmgr-files(5)),
 * and the checks of one value, one row and one table against it.
 *
 * The columns listed are the ones each file starts with, key first; a file
 * may carry more (a user's own), which are kept and not checked.  Writers
 * call schema_check_table() on the new content before they commit it, and
 * sales-check calls it on every file, so a table that does not pass is never
 * written.
 *
 * Checks report through a callback so that sales-check can print every
 * problem and a writer can stop at the first; each returns the number of
 * problems found.
 */
#ifndef SCHEMA_H
#define SCHEMA_H
#include <stddef.h>
#include "buf.h"
#include "out.h"
#include "table.h"

enum coltype {
	COL_TEXT,		/* anything */
	COL_ID,			/* id.h: rep, team, course, account, plan */
	COL_DATE,		/* YYYY-MM-DD */
	COL_MONEY,		/* -1234.50 */
	COL_UINT,		/* 0, 1, 2 ... */
	COL_PCT,		/* 0..100 */
	COL_ENUM,		/* one of a fixed list */
	COL_PERIOD,		/* period.h */
	COL_DEAL,		/* D1, D2 ... */
	COL_NOTE,		/* N1, N2 ... */
	COL_TIME,		/* 2026-11-26T08:00:00Z */
	COL_RATE,		/* 7.5: a percentage 0-100, at most 2 decimals (money.h) */
	COL_CURRENCY,		/* USD: an ISO 4217 code, three capitals */
	COL_DECIMAL		/* -12.345: decimal.h, up to 9 decimals */
};

struct coldef {
	const char *name;
	enum coltype type;
	int required;		/* must not be empty */
	const char *values;	/* COL_ENUM: "a|b|c" */
	int prio;		/* how much it matters in a narrow table (out.h) */
};

struct schema {
	const char *file;	/* "reps.tsv", or "deals/" for a ledger directory */
	const struct coldef *cols;
	size_t ncols;
	size_t nkey;		/* leading columns that form the unique key, 0 if none */
	int ledger;		/* append-only */
	/* What a later version added, so that an older directory still
	 * reads: its last nlater columns (a file without them reads as if
	 * they were empty; a writer adds them when it sets one), and, with
	 * later, the table itself (a directory without the file reads it as
	 * an empty table; its first writer creates it). */
	size_t nlater;
	int later;
};

extern const struct schema schema_config, schema_stages, schema_teams,
	schema_reps, schema_quotas, schema_accounts, schema_courses,
	schema_training, schema_notes, schema_comp_plans, schema_comp_tiers,
	schema_plans, schema_ids, schema_deals, schema_activities, schema_audit,
	schema_attempts, schema_adjustments, schema_org, schema_payouts, schema_calls;

/* Every table (not ledger) in the order sales-init creates them. */
extern const struct schema *const schema_tables[];
/* Every schema, tables then ledgers; NULL-terminated. */
extern const struct schema *const schema_all[];

/* The header line (with LF) of a file. */
void schema_header(const struct schema *sc, struct buf *b);
/*
 * Optional ledger columns.  A ledger gains columns at its end over time
 * (a deal's currency); a month file written before has the header of the
 * columns it knew.  Its header is then the schema's first k columns, with
 * ncols - nlater <= k <= ncols; readers take a column the file lacks as
 * empty.  A
 * writer that appends rows whose values in the missing columns are all
 * empty appends them cut to k columns; one with a value there first
 * upgrades the file's header (txn.h).  schema_width() gives k for a
 * header line (without its LF), or -1 if it is not such a header.
 */
long schema_width(const struct schema *sc, const char *line, size_t len);
/* The header line (with LF) of the first k columns. */
void schema_header_n(const struct schema *sc, size_t k, struct buf *b);
/* Columns every file of sc has. */
size_t schema_fixed(const struct schema *sc);
/* Index of column name in sc, or -1. */
int schema_col(const struct schema *sc, const char *name);
/* A new table of sc's file with sc's columns and no rows (a table a later
 * version added, read from a directory without it). */
struct table *schema_table_new(const struct schema *sc);

/* NULL if value is good for c, else a reason ("not a date"). */
const char *schema_check_value(const struct coldef *c, const char *value);

typedef void (*schema_report)(void *arg, const char *file, unsigned long line,
			      const char *msg);

/* Header has every column of sc (but those a later version added); each
 * known cell is valid; keys unique (and, with SCHEMA_ORDER, in sorted
 * order).  With SCHEMA_CHANGED, the cells of the rows as read
 * (table_row_as_read()) are taken as valid: for a table whose file's
 * lines were all checked (store.h's note of a check).  Returns the number
 * of problems. */
enum { SCHEMA_ORDER = 1, SCHEMA_CHANGED = 2 };
size_t schema_check_table(const struct schema *sc, const struct table *t, int flags,
			  schema_report report, void *arg);
/*
 * Ledger rows as they are about to be appended: data is whole lines (each
 * ending in LF), in the file's format, of a file whose header is sc's
 * first k columns (schema_width()).  Each row must have exactly k fields
 * that unescape (tsv.h), each valid as schema_check_value() says: the
 * checks schema_check_table() makes of a table's cells.  Lines are
 * reported from 1, the first line of data, in their order; data of a
 * megabyte or more is checked in two halves at once (a second thread), and
 * the second half's problems reported after the first's.  Returns the
 * number of problems.
 */
size_t schema_check_rows(const struct schema *sc, size_t k, const char *file,
			 const char *data, size_t len, schema_report report, void *arg);
/* Sort t's rows by sc's key columns. */
void schema_sort(const struct schema *sc, struct table *t);
/*
 * The columns a list program prints of table t: sc's in their order, then
 * the user's own as they are.  *cols gets their names and kinds (money,
 * counts, percentages and enums of numbers right-aligned), *col each one's
 * index in t (-1 if t lacks it); returns how many.  Free both.
 */
size_t schema_out_cols(const struct schema *sc, const struct table *t,
		       struct out_col **cols, int **col);
/* A report callback that warn()s "file:line: msg" (line 0: "file: msg"). */
void schema_warn(void *arg, const char *file, unsigned long line, const char *msg);

#endif
