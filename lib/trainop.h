/*
 * trainop: what the programs that change assignments share (train-assign,
 * train-done, train-unassign): the tables and the transaction, the records
 * of COURSE REP... or --from, and the checks of a record's rep, course and
 * day, each reporting its own problem through input_error() (input.h), so
 * that the program just goes on to the next record and every bad record
 * is reported.
 *
 *   trainop_open(&op, &cli, TRAINOP_ATTEMPTS);
 *   errors = trainop_each(&cli, fields, nfields, opt, F_REP, F_COURSE, check, &op);
 *   ... in check(arg, in, v), per record:
 *   if (trainop_known(in, op->reps, op->courses, v[F_REP], v[F_COURSE], &c) < 0) return;
 *   if (trainop_day(in, &v[F_DATE], op->today) < 0) return;
 *   row = training_open_row(op->training, ...);
 *   if (trainop_in_order(in, v[F_DATE], op->training, row, op->attempts) < 0) return;
 *   ... change the tables, txn_log(&op->x, ...) ...
 *   if (errors) die("nothing was changed");
 *   trainop_commit(&op, TRAINOP_TRAINING | TRAINOP_ATTEMPTS);
 *   cli_done(&cli, ...);
 *   trainop_close(&op);
 *
 * Dates are YYYY-MM-DD text here (they compare as text); today is one.
 */
#ifndef TRAINOP_H
#define TRAINOP_H
#include <stddef.h>
#include "date.h"
#include "store.h"
#include "table.h"
#include "training.h"
#include "txn.h"

struct cli;
struct input;

/* The tables a program reads and may change. */
enum { TRAINOP_TRAINING = 1, TRAINOP_ATTEMPTS = 2 };

struct trainop {
	struct store *s;
	struct table *reps, *courses, *training;
	struct table *attempts;		/* NULL unless asked for */
	struct txn x;
	char today[DATE_BUFSZ];
};

/* Open the data directory for writing, load reps.tsv, courses.tsv and
 * training.tsv, with TRAINOP_ATTEMPTS in tables the attempts too
 * (training_attempts_load()), and begin the transaction (-n with
 * cli->dry_run).  Dies like store_open() and store_load(). */
void trainop_open(struct trainop *op, const struct cli *cli, int tables);
/* Queue the tables changed (TRAINOP_TRAINING, TRAINOP_ATTEMPTS: first
 * training, then attempts, as one change) and commit; check stdout. */
void trainop_commit(struct trainop *op, int changed);
void trainop_close(struct trainop *op);

/*
 * Each record, to fn: with --from one per row of the input (other columns
 * ignored, an option given wins over a column), else one per operand
 * after the first, which is the course: opt[f_course] gets it and
 * opt[f_rep] each operand in turn.  The caller has checked the operands.
 * Returns the number of problems reported.
 */
size_t trainop_each(const struct cli *cli, const char *const *fields, size_t nfields,
		    const char **opt, int f_rep, int f_course,
		    void (*fn)(void *arg, struct input *in, const char **v), void *arg);

/* Is rep on the roster (reps) and course in the catalogue (courses, its
 * row into *c)?  0, or -1 having reported which is not. */
int trainop_known(struct input *in, const struct table *reps, const struct table *courses,
		  const char *rep, const char *course, struct training_course *c);

/* The day of a record: *day, today when not given (NULL or ""), must be a
 * date and not after today.  0, or -1 having reported why not. */
int trainop_day(struct input *in, const char **day, const char *today);

/* Is day, for the open assignment in row of training, neither before it
 * was assigned nor before its last attempt in attempts (attempts are
 * recorded in the order made)?  0, or -1 having reported why not. */
int trainop_in_order(struct input *in, const char *day, const struct table *training,
		     size_t row, const struct table *attempts);

#endif
