/*
 * training: the course catalogue (courses.tsv: course title kind skill
 * hours due_days valid_days pass_score required), the assignments
 * (training.tsv: rep course assigned due completed score withdrawn reason)
 * and the attempts at them (attempts.tsv: rep course assigned date score
 * result), shared by course-add, course-list, train-assign, train-done,
 * train-unassign, train-status, train-onboard, rep-add --onboard, rep-show
 * and rep-diagnose.
 *
 * The model.  One row of training.tsv is one assignment of a course to a
 * rep, keyed by (rep, course, assigned).  It is open while completed and
 * withdrawn are empty; there is at most one open row per (rep, course).  An
 * attempt (train-done) scoring at least the course's pass_score, or any
 * attempt at a course without one, passes: it sets completed and score,
 * closing the row.  An attempt below the pass score fails: it sets score
 * alone, so the row stays open and shows "failed" with the latest score
 * until a later attempt passes.  Every attempt, passed or failed, is also
 * a row of attempts.tsv, in the order they were made (and a line of
 * audit.tsv).  A retake thus never needs a row of training.tsv of its own
 * and the key never collides (two attempts on one day, or one on the day
 * of the assignment, are fine).  Assigning a course again after it was
 * passed (a renewal of a certification, a refresher) adds a new row with
 * the new assigned date.
 *
 * Withdrawing an open assignment (train-unassign) sets withdrawn, the day,
 * and reason: the row stays as history but counts nowhere any more, as
 * neither open, overdue nor done, nor as the latest assignment of its
 * course (so an older certification's expiry shows again).  rep-diagnose
 * does not suggest a course withdrawn from a rep to that rep again.
 *
 * Older directories: a training.tsv without withdrawn and reason reads as
 * if they were empty (schema.h); a directory without attempts.tsv reads
 * the attempts that training.tsv knows of (training_attempts_load()).
 *
 * States, for a row on day today (training_state()):
 *   passed    completed set and, for a certification (valid_days set),
 *             more than TRAINING_EXPIRING days before it expires
 *   expiring  a passed certification that expires within
 *             TRAINING_EXPIRING days; it expires completed + valid_days
 *             and is still valid on that day
 *   expired   a passed certification whose expiry is before today; it
 *             counts as not done
 *   overdue   open and due before today; days late = today - due
 *   failed    open, not overdue, and the last attempt failed (score set)
 *   due-soon  open and due within the window: today .. today + N days
 *             (N = TRAINING_DUE_SOON unless the caller says otherwise)
 *   open      open otherwise, including with no due date (never overdue)
 *   ended     open, but the rep has ended (status gone or leave): not
 *             chased, never overdue; the row stays as history
 *   withdrawn withdrawn (whatever else it says)
 * Only the latest row of a (rep, course) can be expiring or expired: an
 * older certification that was renewed (has a later row) is "passed", as
 * is every completed row of an ended rep.
 *
 * Who must take a course (its required column, checked by
 * training_required_check()):
 *   all        every rep
 *   new        a rep hired within TRAINING_NEW_DAYS days before the start
 *              of their onboarding (hired >= start - 90 days; a rep whose
 *              start is their hire date is always new)
 *   role:ROLE  every rep whose role is ROLE
 *   none, ""   nobody (the course is assigned by hand)
 *
 * Due dates (training_due()): a date given (ISO, or +14d/+2w/+1m counted
 * from the assignment date, date.h), else the assignment date plus the
 * course's due_days, else none.  A due date before the assignment is the
 * caller's to refuse.
 *
 * Dates not set are TRAINING_NODATE.  Tables come from store_load(); a
 * missing column reads as not set, and the writers add it back.
 * Functions that look at a (rep, course)'s later rows (training_row_state,
 * training_show) need the table in key order: call training_sort() first.
 * Nothing here dies on bad data in a hand-edited row: a malformed date
 * reads as not set, and sales-check reports it.
 */
#ifndef TRAINING_H
#define TRAINING_H
#include <stddef.h>
#include <stdint.h>
#include "date.h"
#include "schema.h"
#include "table.h"
#include "txn.h"

#define TRAINING_NODATE ((date_t)INT32_MIN)
#define TRAINING_NEW_DAYS 90	/* "new": hired at most this many days before start */
#define TRAINING_DUE_SOON 7	/* default window of due-soon, days */
#define TRAINING_EXPIRING 30	/* a certification is expiring this many days ahead */

enum training_state {
	TS_OPEN, TS_DUE_SOON, TS_FAILED, TS_OVERDUE, TS_ENDED,
	TS_PASSED, TS_EXPIRING, TS_EXPIRED, TS_WITHDRAWN, TS_NSTATES
};
/* "open", "due-soon", "failed", "overdue", "ended", "passed", "expiring",
 * "expired", "withdrawn", indexed by state. */
extern const char *const training_state_names[TS_NSTATES];

/* A course's row of courses.tsv; the strings point into the table. */
struct training_course {
	const char *course, *title, *kind, *skill, *required;
	long due_days, valid_days, pass_score;	/* -1: not set */
};

/* Fill *c from course's row of courses; 0, or -1 if there is none. */
int training_course(const struct table *courses, const char *course,
		    struct training_course *c);

/* NULL if required is good, else the reason for a message. */
const char *training_required_check(const char *required);
/* Does required apply to a rep with this role, hired on hired
 * (TRAINING_NODATE if unknown), whose onboarding starts on start? */
int training_required_applies(const char *required, const char *role, date_t hired,
			      date_t start);

/* The due date of an assignment made on assigned: spec ("" or NULL for
 * none given), else due_days (-1: none) after assigned, else
 * TRAINING_NODATE.  0, or -1 if spec is malformed or the date is out of
 * range. */
int training_due(const char *spec, long due_days, date_t assigned, date_t *due);

/* One row's facts, as training_state() needs them. */
struct training_when {
	date_t due, completed;	/* TRAINING_NODATE when not set */
	int scored;		/* score set: on an open row, a failed attempt */
	long valid_days;	/* the course's; -1: not a certification */
};

/* The state of a row on today, with due_within the due-soon window in
 * days.  *days: overdue, days late; open, due-soon or failed with a due
 * date, days left until due; expiring, days left until expiry; expired,
 * days since expiry; else 0.  *expires: the expiry of a passed
 * certification, else TRAINING_NODATE.  Never "ended" or "withdrawn":
 * those depend on the rep and the row (training_row_state()). */
enum training_state training_state(const struct training_when *w, date_t today,
				   long due_within, long *days, date_t *expires);

/* Sort training by its key (rep, course, assigned). */
void training_sort(struct table *training);
/* Was row of training withdrawn?  Then it counts nowhere (see above). */
int training_withdrawn(const struct table *training, size_t row);
/* Is row the latest of its (rep, course) in training (sorted), leaving
 * out the withdrawn rows after it? */
int training_latest(const struct table *training, size_t row);
/* The state of row of training (sorted), looking up its course in
 * courses and its rep in reps (a rep not in reps counts as active). */
enum training_state training_row_state(const struct table *training, size_t row,
				       const struct table *courses, const struct table *reps,
				       date_t today, long due_within, long *days,
				       date_t *expires);

/* Has the rep in row reprow of reps ended (status gone or leave)? */
int training_rep_ended(const struct table *reps, long reprow);
/* The open row of course for rep (the oldest if a hand-edited file has
 * more), or -1. */
long training_open_row(const struct table *training, const char *rep, const char *course);
/* The latest row of course for rep, open or not (the latest assigned), or -1. */
long training_last_row(const struct table *training, const char *rep, const char *course);

/*
 * Withdraw the open row of training on date (YYYY-MM-DD) for reason: set
 * its withdrawn and reason, adding the columns to an older file.  The
 * caller has checked that row is open and date is not before it.
 */
void training_withdraw(struct table *training, size_t row, const char *date,
		       const char *reason);

/*
 * Assign course to rep on assigned, due due (TRAINING_NODATE: none): add
 * an open row at the end of training and return 1.  An assignment already
 * open, or a row with the same key, is reported with warn() ("WHERE: rep
 * 'R' already has course 'C' open (due D); skipped"; where may be "") and
 * 0 returned.  The caller has checked that the rep is active and the
 * course exists.
 */
int training_assign(struct table *training, const char *rep, const char *course,
		    date_t assigned, date_t due, const char *where);

/*
 * Onboarding: assign the rep in row reprow of reps every course whose
 * required applies (see above), assigned on start and due start plus the
 * course's due_days.  start TRAINING_NODATE means the rep's hire date, or
 * today if that is not set.  A course the rep has open, or has passed
 * and whose certification has not expired on today, is skipped (reported
 * with warn()).  The new rows are added at the end of training, in course
 * id order; returns how many.  The caller checks that the rep is active.
 */
size_t training_onboard(const struct table *courses, struct table *training,
			const struct table *reps, size_t reprow, date_t start, date_t today);

/*
 * txn_log() the rows added to training from row first on ("assign course
 * C to rep R, due D"), once every input is known to be good: with a dry
 * run txn_log() prints at once.  Call it before txn_table(), which sorts
 * training; queue training after reps when both change, so that a crash
 * between the two never leaves assignments of a rep who is not there.
 */
void training_log(struct txn *x, const struct table *training, size_t first);

/*
 * Attempts.  attempts.tsv holds one row per attempt, in the order they
 * were made, naming its assignment by (rep, course, assigned): the day
 * (date), the score if any and the result, passed or failed.  Rows are
 * never changed or removed.
 *
 * training_attempts_load() reads attempts.tsv.  A directory made before
 * the file existed has none: it then returns the attempts training (as
 * loaded) knows of, one per row with a completion or a score, in the
 * order of training: a pass on its completed date, or a failure with an
 * unknown (empty) date.  The first program to record an attempt writes
 * them with it into the new file, so that none is lost.  Dies like
 * store_load() on a file it cannot use.
 */
struct store;
struct table *training_attempts_load(struct store *s, const struct table *training);
/* Append an attempt at the assignment (rep, course, assigned) to attempts. */
void training_attempt_add(struct table *attempts, const char *rep, const char *course,
			  const char *assigned, const char *date, const char *score,
			  int passed);
/* The day of the latest attempt at (rep, course, assigned) that has one,
 * or NULL. */
const char *training_attempt_last(const struct table *attempts, const char *rep,
				  const char *course, const char *assigned);

/*
 * The attempts of every assignment, looked up row by row of training
 * (train-status): an index over attempts, which must outlive it and not
 * change meanwhile.
 *   ix = training_attempts_index(attempts);
 *   n = training_attempts_at(ix, training, row, &rows);   any number of times
 *   training_attempts_free(ix);
 * training_attempts_at() sets *rows to the rows of attempts at the
 * assignment in row of training, in the order they were made, and
 * returns how many there are.
 */
struct training_attempts;
struct training_attempts *training_attempts_index(const struct table *attempts);
size_t training_attempts_at(const struct training_attempts *ix, const struct table *training,
			    size_t row, const size_t **rows);
void training_attempts_free(struct training_attempts *ix);

/*
 * sales-check's checks of training (whole) and attempts (whole, or NULL)
 * together, beyond each row's values: an assignment both completed and
 * withdrawn, a reason without withdrawn, withdrawn before assigned, an
 * attempt at an assignment that training does not have.  Each problem
 * goes to report (schema.h) with its file and line; returns how many.
 */
size_t training_check(const struct table *training, const struct table *attempts,
		      schema_report report, void *arg);

/*
 * rep-show's rows about a rep's training, through show(arg, field, value),
 * each a list joined by ", " ("" for none), in course id order:
 *   training_open      open, due-soon and failed: "course (due DATE)" or
 *                      "course" without a due date, "course (failed, due
 *                      DATE)" after a failed attempt
 *   training_overdue   "course (N days late)"
 *   training_passed    passed and expiring: "course (DATE)", the date of
 *                      the pass
 *   training_expiring  "course (expires DATE)"
 *   training_expired   "course (expired DATE)"
 * An ended rep's open rows and withdrawn rows are in none of them.  Sorts
 * training.
 */
void training_show(const struct table *courses, struct table *training,
		   const struct table *reps, const char *rep, date_t today,
		   void (*show)(void *arg, const char *field, const char *value), void *arg);

#endif
