/*
 * ledger: the append-only, month-partitioned ledgers deals/ and
 * activities/ (salesmgr-files(5)).  An event dated 2026-11-26 lives in
 * deals/2026-11.tsv; a report over a period opens only the months the
 * period touches, so its cost follows the period, not the history.
 *
 *   ledger_path(buf, "deals", date)      the month file of a date
 *   n = ledger_months(s, "deals", from, to, &months)
 *                                        the month files that exist in
 *                                        [from, to] (DATE_MIN/DATE_MAX for
 *                                        all), oldest first
 *   fd = ledger_open(s, "deals", months[i])   (-1 if it vanished)
 *
 * Month names come from validated dates only; ids never become paths.
 */
#ifndef LEDGER_H
#define LEDGER_H
#include <stddef.h>
#include "date.h"
#include "store.h"

#define LEDGER_PATHSZ 32

/* A month as year * 12 + (month - 1). */
typedef int ledger_month;

void ledger_path(char *buf, const char *kind, date_t d);
/* The same for a month (years 0-9999; kind at most 10 bytes). */
void ledger_month_path(char *buf, const char *kind, ledger_month m);
ledger_month ledger_month_of(date_t d);
/* The first and the last day of month m. */
date_t ledger_month_first(ledger_month m);
date_t ledger_month_last(ledger_month m);
size_t ledger_months(struct store *s, const char *kind, date_t from, date_t to,
		     ledger_month **months);
int ledger_open(struct store *s, const char *kind, ledger_month m);
/* The month of a month file's name ("2026-11.tsv"), or -1 for any other. */
ledger_month ledger_name_month(const char *name);
/* The newest event date of kind's month files if it is after `after`
 * (its file to where), else after.  Reads the months after after's whole
 * (there are none while the clock is right) and of after's own month the
 * last LEDGER_NEWEST_TAIL bytes, its latest appends, where a clock that
 * went wrong shows: a warning (txn.h) that costs the same at any size of
 * the month. */
#define LEDGER_NEWEST_TAIL (64 * 1024)
date_t ledger_newest(struct store *s, const char *kind, date_t after, char *where,
		     size_t n);

#endif
