#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "id.h"
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
