#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "deal.h"
#include "err.h"
#include "id.h"
#include "ledger.h"
#include "money.h"
#include "reason.h"
#include "scan.h"

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

/* The scan of reasons_lost(): C strings of the fields it hands on. */
struct lost_scan {
	const struct period *p;
	reasons_fn *fn;
	void *arg;
	struct buf field[5];
};

/* Field i of row as a C string (in ls->field[i]). */
static const char *
lost_text(struct lost_scan *ls, const struct scan_row *row, size_t i)
{
	buf_reset(&ls->field[i]);
	buf_add(&ls->field[i], row->f[i], row->len[i]);
	buf_addc(&ls->field[i], '\0');
	return ls->field[i].data;
}

/* scan_month's callback: date, event, rep, amount, reason. */
static int
take_lost(void *arg, const struct scan_row *row)
{
	struct lost_scan *ls = arg;
	const char *text, *why;
	int64_t amount;
	date_t d;

	if (row->len[1] != 4 || memcmp(row->f[1], "lost", 4) != 0)
		return 0;
	if (date_parse(text = lost_text(ls, row, 0), &d) < 0)
		return scan_fail(row, "%s:%lu: date '%.64s' is not a date; run sales-check",
		    row->name, row->line, text);
	if (!period_contains(ls->p, d))
		return 0;
	if (money_parse(text = lost_text(ls, row, 3), &amount, &why) < 0)
		return scan_fail(row, "%s:%lu: amount '%.64s' %s; run sales-check", row->name,
		    row->line, text, why);
	ls->fn(ls->arg, lost_text(ls, row, 2), d, lost_text(ls, row, 4), amount);
	return 0;
}

void
reasons_lost(struct store *s, const struct period *p, reasons_fn *fn, void *arg)
{
	static const char *const cols[] = { "date", "event", "rep", "amount", "reason" };
	struct lost_scan ls = { .p = p, .fn = fn, .arg = arg };
	ledger_month *months;
	size_t i, nm;

	nm = ledger_months(s, "deals", p->from, p->to, &months);
	for (i = 0; i < nm; i++)
		scan_month(s, "deals", months[i], cols, 5, take_lost, &ls);
	free(months);
	for (i = 0; i < 5; i++)
		buf_free(&ls.field[i]);
}
