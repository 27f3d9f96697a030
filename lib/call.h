/*
 * call: the forecast calls of calls.tsv (forecast-call(1)): the number a
 * rep, or a team's manager, commits for a period, as of a day.
 *
 *   t = calls_load(s);                         (empty without calls.tsv)
 *   if (call_of(t, reps, "rep", "anna", &p, as_of, &c)) ... c.amount ...
 *   table_free(t);
 *
 * call_of() finds the call for period p exactly (its canonical name, as
 * forecast-call stores it) of category commit: the latest dated on or
 * before as_of.  For a rep, the rep's own.  For a team, the team's own
 * call, which overrides its reps' (c.from "team"); else the sum of the
 * latest calls of the reps whose team in reps.tsv is the team (c.from
 * "reps", c.date the latest of theirs).  0 when there is none.  Rows that
 * do not parse are sales-check's to report and are passed over.
 */
#ifndef CALL_H
#define CALL_H
#include <stdint.h>
#include "date.h"
#include "period.h"
#include "store.h"
#include "table.h"

struct call {
	int64_t amount;
	date_t date;
	const char *from;	/* "rep", "team" or "reps" */
};

struct table *calls_load(struct store *s);
int call_of(const struct table *calls, const struct table *reps, const char *who_kind,
	    const char *who, const struct period *p, date_t as_of, struct call *c);

#endif
