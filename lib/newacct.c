/* newacct: the accounts won for the first time; see newacct.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deal.h"
#include "history.h"
#include "newacct.h"
#include "xalloc.h"

/* A win as the replay met it; undone by a later cancel of its deal. */
struct win {
	uint32_t account, rep, product;
	date_t date;
	int undone;
};

struct newacct *
newacct_scan(struct store *s, const struct stages *st, date_t to, size_t *n)
{
	struct history *h = history_open(s, st, DATE_MIN, HIST_WANT_ACCOUNT | HIST_WANT_PRODUCT);
	const struct hist_event *ev;
	struct win *w = NULL;
	size_t nw = 0, wcap = 0, *last = NULL, lcap = 0, *first, na, i, k;
	struct newacct *v;

	history_until(h, to);
	while ((ev = history_next(h, to))) {
		if (ev->kind == DEAL_EV_WON) {
			if (nw == wcap) {
				wcap = wcap ? wcap * 2 : 256;
				w = xreallocarray(w, wcap, sizeof *w);
			}
			w[nw] = (struct win){ ev->after->account, ev->after->rep,
			    ev->after->product, ev->date, 0 };
			if (ev->deal >= lcap) {
				k = lcap;
				lcap = (ev->deal + 1) * 2;
				last = xreallocarray(last, lcap, sizeof *last);
				while (k < lcap)
					last[k++] = SIZE_MAX;
			}
			last[ev->deal] = nw++;
		} else if (ev->kind == DEAL_EV_CANCEL && ev->deal < lcap &&
		    last[ev->deal] != SIZE_MAX && ev->before->state == DEAL_WON) {
			w[last[ev->deal]].undone = 1;
			last[ev->deal] = SIZE_MAX;
		}
	}
	/* Wins are in date order (and ledger order within a day): an account's
	 * first standing one is its first win. */
	na = history_count(h, HIST_ACCOUNT);
	first = xcalloc(na ? na : 1, sizeof *first);
	for (i = 0; i < na; i++)
		first[i] = SIZE_MAX;
	for (i = 0; i < nw; i++)
		if (!w[i].undone && w[i].account < na && first[w[i].account] == SIZE_MAX)
			first[w[i].account] = i;
	v = xcalloc(na ? na : 1, sizeof *v);
	*n = 0;
	for (i = 0; i < na; i++) {
		if (first[i] == SIZE_MAX || !*history_name(h, HIST_ACCOUNT, (uint32_t)i))
			continue;
		k = first[i];
		v[*n].account = xstrdup(history_name(h, HIST_ACCOUNT, w[k].account));
		v[*n].rep = xstrdup(history_name(h, HIST_REP, w[k].rep));
		v[*n].product = xstrdup(history_name(h, HIST_PRODUCT, w[k].product));
		v[(*n)++].date = w[k].date;
	}
	free(first);
	free(last);
	free(w);
	history_close(h);
	return v;
}

void
newacct_free(struct newacct *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].account);
		free(v[i].rep);
		free(v[i].product);
	}
	free(v);
}
