#include <stdlib.h>
#include <string.h>

#include "call.h"
#include "intern.h"
#include "money.h"
#include "org.h"
#include "schema.h"
#include "stats.h"
#include "xalloc.h"

struct table *
calls_load(struct store *s)
{
	return store_exists(s, schema_calls.file) ? store_load(s, schema_calls.file) :
	    schema_table_new(&schema_calls);
}

/* Row i as a commit call for p dated on or before as_of: 1 with its
 * amount and date, else 0. */
static int
in_force(const struct table *t, size_t i, const struct period *p, date_t as_of,
	 int64_t *amount, date_t *d)
{
	int pc = table_col(t, "period"), cc = table_col(t, "category");
	int dc = table_col(t, "date"), ac = table_col(t, "call");
	const char *why;

	return strcmp(table_get(t, i, pc), p->name) == 0 &&
	    strcmp(table_get(t, i, cc), "commit") == 0 &&
	    date_parse(table_get(t, i, dc), d) == 0 && *d <= as_of &&
	    money_parse(table_get(t, i, ac), amount, &why) == 0;
}

int
call_own(const struct table *t, const char *who_kind, const char *who,
	 const struct period *p, date_t as_of, struct call *c)
{
	int wc = table_col(t, who_kind), nc = table_col(t, "note"), found = 0;
	int64_t amount;
	date_t d;
	size_t i;

	memset(c, 0, sizeof *c);
	c->note = "";
	for (i = 0; wc >= 0 && i < t->nrows; i++) {
		if (strcmp(table_get(t, i, wc), who) != 0 || !in_force(t, i, p, as_of, &amount, &d))
			continue;
		if (!found || d > c->date) {
			c->amount = amount;
			c->date = d;
			c->note = nc >= 0 ? table_get(t, i, nc) : "";
		}
		found = 1;
	}
	c->from = found ? who_kind : NULL;
	return found;
}

int
call_reps(const struct table *t, const struct org *o, const char *team,
	  const struct period *p, date_t as_of, struct call *c)
{
	int rc = table_col(t, "rep"), found = 0;
	struct intern *reps = intern_new();
	const char *rep;
	struct call *v = NULL;
	size_t i, k, n, cap = 0;
	int64_t amount;
	date_t d;

	memset(c, 0, sizeof *c);
	c->note = "";
	/* Each rep's call in force, then the team it was made on. */
	for (i = 0; i < t->nrows; i++) {
		rep = table_get(t, i, rc);
		if (!*rep || !in_force(t, i, p, as_of, &amount, &d))
			continue;
		n = intern_count(reps);
		k = intern_add(reps, rep, strlen(rep));
		if (k >= cap) {
			cap = 2 * k + 8;
			v = xreallocarray(v, cap, sizeof *v);
		}
		if (k == n || d > v[k].date) {
			v[k].amount = amount;
			v[k].date = d;
		}
	}
	for (k = 0; k < intern_count(reps); k++) {
		if (strcmp(org_rep_team(o, intern_name(reps, k), v[k].date), team) != 0)
			continue;
		if (money_add(c->amount, v[k].amount, &c->amount) < 0)
			c->amount = INT64_MAX;
		if (!found || v[k].date > c->date)
			c->date = v[k].date;
		found = 1;
	}
	free(v);
	intern_free(reps);
	c->from = found ? "reps" : NULL;
	return found;
}

int
call_of(const struct table *calls, const struct org *o, const char *who_kind,
	const char *who, const struct period *p, date_t as_of, struct call *c)
{
	if (strcmp(who_kind, "rep") == 0)
		return call_own(calls, "rep", who, p, as_of, c);
	if (strcmp(who_kind, "team") != 0) {
		memset(c, 0, sizeof *c);
		c->note = "";
		return 0;
	}
	return call_own(calls, "team", who, p, as_of, c) ||
	    call_reps(calls, o, who, p, as_of, c);
}

char *
call_error(int64_t figure, int64_t won, char *buf)
{
	int64_t diff;

	if (money_sub(figure, won, &diff) < 0) {
		buf[0] = '\0';
		return buf;
	}
	return stats_percent(diff, won, buf);
}
