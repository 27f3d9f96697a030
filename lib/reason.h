/*
 * reason: the list of reasons a deal is lost or cancelled, reasons.tsv
 * (columns reason and label; salesmgr-files(5)), kept by hand like
 * rates.tsv.  Without the file a reason is free text, as it always was;
 * with it, deal-lost and deal-cancel take only the reasons it lists, so a
 * typo never starts a reason of its own, and deal-reasons prints the
 * labels.
 *
 *   t = reasons_load(s);        NULL: no reasons.tsv, any text goes
 *   if ((why = reason_check(t, given, hint)))
 *           ... "unknown reason '%s' (%s)", given, why ...
 *   label = reason_label(t, id);
 *   table_free(t);
 *
 * reasons_load() dies on a file without the reason column, and on a
 * reason that is not an id (id.h), naming file:line: a list that cannot
 * be trusted checks nothing.  The hint is suggest()'s: "did you mean
 * 'budget'?", else "see reasons.tsv".
 *
 * reasons_lost() reads the lost events of the deal ledger dated in p and
 * calls fn(arg, rep, day, reason, amount) for each, in the ledger's order (the
 * rep of the event's row; amount in minor units): what deal-reasons counts
 * and rep-diagnose's reason mix.  A bad date or amount is fatal, naming
 * file:line and sales-check.
 */
#ifndef REASON_H
#define REASON_H
#include <stdint.h>
#include "period.h"
#include "store.h"
#include "suggest.h"
#include "table.h"

struct table *reasons_load(struct store *s);
/* NULL when t is NULL, reason is NULL or empty, or t lists it; else the
 * hint, in hint or static. */
const char *reason_check(const struct table *t, const char *reason, char hint[SUGGEST_BUFSZ]);
/* The label of a listed reason, else "". */
const char *reason_label(const struct table *t, const char *reason);
typedef void reasons_fn(void *arg, const char *rep, date_t day, const char *reason,
			int64_t amount);
void reasons_lost(struct store *s, const struct period *p, reasons_fn *fn, void *arg);

#endif
