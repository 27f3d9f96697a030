#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "deal.h"
#include "err.h"
#include "id.h"
#include "ledger.h"
#include "money.h"
#include "reason.h"

struct table *
reasons_load(struct store *s)
{
	struct table *t;
	const char *why;
	int fd, rc;
	size_t i, bad = 0;

	if ((fd = store_open_read(s, "reasons.tsv")) < 0)
		return NULL;
	t = table_read(fd, "reasons.tsv");
	close(fd);
	if ((rc = table_col(t, "reason")) < 0) {
		table_free(t);
		die("reasons.tsv: the header must have the columns reason and label");
	}
	for (i = 0; i < t->nrows; i++)
		if ((why = id_check(table_get(t, i, rc)))) {
			warn("reasons.tsv:%lu: reason '%.64s' %s", t->lines[i],
			    table_get(t, i, rc), why);
			bad++;
		}
	if (bad) {
		table_free(t);
		die("reasons.tsv: fix the list first");
	}
	return t;
}

const char *
reason_check(const struct table *t, const char *reason, char hint[SUGGEST_BUFSZ])
{
	if (!t || !reason || !*reason || table_find(t, table_col(t, "reason"), reason) >= 0)
		return NULL;
	return suggest(t, "reason", table_col(t, "label") >= 0 ? "label" : NULL, reason,
	    "see reasons.tsv", hint);
}

const char *
reason_label(const struct table *t, const char *reason)
{
	long row;

	if (!t || table_col(t, "label") < 0 ||
	    (row = table_find(t, table_col(t, "reason"), reason)) < 0)
		return "";
	return table_get(t, (size_t)row, table_col(t, "label"));
}

void
reasons_lost(struct store *s, const struct period *p, reasons_fn *fn, void *arg)
{
	char name[LEDGER_PATHSZ];
	struct tsv_reader *r;
	ledger_month *months;
	int col[DL_NCOLS];
	const char *why;
	size_t i, nm;
	int64_t amount;
	date_t d;

	nm = ledger_months(s, "deals", p->from, p->to, &months);
	for (i = 0; i < nm; i++) {
		if (!(r = deal_month_open(s, months[i], name, col)))
			continue;
		while (deal_month_next(r)) {
			if (strcmp(r->f[col[DL_EVENT]], "lost") != 0)
				continue;
			if (date_parse(r->f[col[DL_DATE]], &d) < 0)
				die("%s:%lu: date '%.64s' is not a date; run sales-check", name,
				    r->line, r->f[col[DL_DATE]]);
			if (!period_contains(p, d))
				continue;
			if (money_parse(r->f[col[DL_AMOUNT]], &amount, &why) < 0)
				die("%s:%lu: amount '%.64s' %s; run sales-check", name, r->line,
				    r->f[col[DL_AMOUNT]], why);
			fn(arg, r->f[col[DL_REP]], d, r->f[col[DL_REASON]], amount);
		}
		deal_month_close(r);
	}
	free(months);
}
