/*
 * call: the forecast calls of calls.tsv (forecast-call(1)): the number a
 * rep, or a team's manager, commits for a period, as of a day, and how
 * far a call or a forecast was from what was won.
 *
 *   t = calls_load(s);                         (empty without calls.tsv)
 *   o = org_load_tables(s, reps, teams, NULL); the dated organisation
 *   if (call_of(t, o, "rep", "anna", &p, as_of, &c)) ... c.amount ...
 *   call_own(t, "team", "north", &p, as_of, &c)    a manager's call alone
 *   call_reps(t, o, "north", &p, as_of, &c)        the reps' calls alone
 *   call_error(figure, won, buf)                    the error of a figure
 *   table_free(t);
 *
 * The call of a rep or a team for period p is the latest call of category
 * commit for p exactly (its canonical name, as forecast-call stores it)
 * dated on or before as_of: the call in force that day.  call_own() is
 * that call of the rep (who_kind "rep") or of the team itself ("team": its
 * manager's call).  call_reps() sums the calls in force of the reps who
 * were on the team on the day of their call, by the dated organisation
 * (org.h), not by today's reps.tsv; c.date is the latest of them.
 * c.note is the note of a rep's or a team's own call (calls.tsv's note
 * column, "" when it has none) and "" for a sum.
 * call_of() is what deal-forecast --calls shows: for a rep, its own
 * (c.from "rep"); for a team, the team's own call, which overrides its
 * reps' (c.from "team"), else the reps' sum (c.from "reps").  Each
 * returns 0 when there is no call.  Rows that do not parse are
 * sales-check's to report and are passed over; a sum past the range of
 * money is held at the largest amount.
 *
 * call_error() is the one measure of accuracy of deal-forecast
 * --accuracy, for the forecast and the calls alike: (figure - won) / won
 * in percent, signed (positive: it promised more than was won), to a
 * tenth, rounded half away from zero; "" (not set) when nothing was won.
 * Calling 50,000 where 40,000 was won is an error of 25.0; calling 30,000,
 * of -25.0.  buf is STATS_BUFSZ bytes (stats.h); returns buf.
 */
#ifndef CALL_H
#define CALL_H
#include <stdint.h>
#include "date.h"
#include "period.h"
#include "store.h"
#include "table.h"

struct org;

struct call {
	int64_t amount;
	date_t date;
	const char *from;	/* "rep", "team" or "reps" */
	const char *note;	/* the call's note ("" for none, or for reps') */
};

struct table *calls_load(struct store *s);
int call_own(const struct table *calls, const char *who_kind, const char *who,
	     const struct period *p, date_t as_of, struct call *c);
int call_reps(const struct table *calls, const struct org *o, const char *team,
	      const struct period *p, date_t as_of, struct call *c);
int call_of(const struct table *calls, const struct org *o, const char *who_kind,
	    const char *who, const struct period *p, date_t as_of, struct call *c);
char *call_error(int64_t figure, int64_t won, char *buf);

#endif
