#include <string.h>

#include "call.h"
#include "money.h"
#include "schema.h"

struct table *
calls_load(struct store *s)
{
	return store_exists(s, schema_calls.file) ? store_load(s, schema_calls.file) :
	    schema_table_new(&schema_calls);
}

/* The latest commit call of a rep (col "rep") or a team (col "team"). */
static int
latest(const struct table *t, const char *col, const char *who, const struct period *p,
       date_t as_of, struct call *c)
{
	int pc = table_col(t, "period"), wc = table_col(t, col), cc = table_col(t, "category");
	int dc = table_col(t, "date"), ac = table_col(t, "call"), found = 0;
	const char *why;
	int64_t amount;
	date_t d;
	size_t i;

	for (i = 0; i < t->nrows; i++) {
		if (strcmp(table_get(t, i, pc), p->name) != 0 ||
		    strcmp(table_get(t, i, wc), who) != 0 ||
		    strcmp(table_get(t, i, cc), "commit") != 0 ||
		    date_parse(table_get(t, i, dc), &d) < 0 || d > as_of ||
		    money_parse(table_get(t, i, ac), &amount, &why) < 0)
			continue;
		if (!found || d > c->date) {
			c->amount = amount;
			c->date = d;
		}
		found = 1;
	}
	return found;
}

int
call_of(const struct table *calls, const struct table *reps, const char *who_kind,
	const char *who, const struct period *p, date_t as_of, struct call *c)
{
	int rc = table_col(reps, "rep"), tc = table_col(reps, "team"), found = 0;
	struct call one;
	size_t i;

	memset(c, 0, sizeof *c);
	if (strcmp(who_kind, "rep") == 0) {
		c->from = "rep";
		return latest(calls, "rep", who, p, as_of, c);
	}
	if (strcmp(who_kind, "team") != 0)
		return 0;
	if (latest(calls, "team", who, p, as_of, c)) {
		c->from = "team";
		return 1;
	}
	for (i = 0; i < reps->nrows; i++) {
		if (strcmp(table_get(reps, i, tc), who) != 0 ||
		    !latest(calls, "rep", table_get(reps, i, rc), p, as_of, &one))
			continue;
		if (money_add(c->amount, one.amount, &c->amount) < 0)
			c->amount = INT64_MAX;
		if (!found || one.date > c->date)
			c->date = one.date;
		found = 1;
	}
	c->from = found ? "reps" : NULL;
	return found;
}
