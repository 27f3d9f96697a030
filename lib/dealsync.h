/*
 * dealsync: a CRM's export of its deals taken as the truth about them
 * (deal-sync(1)).  The export is a snapshot; each row is a deal keyed by
 * its ref, and what differs from the ledger's latest state of that deal
 * becomes the events that say so:
 *
 *   not in the ledger      open on its create date (the date field, else
 *                          the event date), then won or lost on its close
 *                          date if the export says it is closed
 *   another owner          assign (an open deal only)
 *   open -> won or lost    won or lost on the close date
 *   lost -> open           reopen
 *   another stage          stage (with the amount and expected date now)
 *   another amount or expected date   amend
 *
 * The event date is the changed field (the export's last-modified date)
 * if mapped, else the sync date (--date, else today); an event is never
 * dated before the deal's last one (it is moved up to it).  A deal of
 * another currency is compared in that currency, so a new rate alone is
 * no change, and each event carries the amount converted at its date.
 * A deal in the ledger whose ref the export lacks is reported, never
 * removed; a won or cancelled deal the export has open again, or one
 * closed the other way, is reported and left alone.  The same export
 * synced twice writes nothing the second time.
 *
 * Everything is one transaction (dealop.h): any bad row, a ref twice in
 * the export, an owner or company not on file, a value the map does not
 * cover: every problem reported, nothing written.  With -n the events are
 * printed as ledger rows (the header of deals/, then one row each) and
 * nothing is written; -q says nothing but the problems.
 */
#ifndef DEALSYNC_H
#define DEALSYNC_H
#include <stddef.h>
#include "cli.h"

struct dealsync_count {
	size_t added, changed, won, lost, unchanged, gone;
};

/* Sync cli->from (map: a field map or NULL; date: the sync date or NULL);
 * dies having written nothing on any problem. */
void dealsync_run(const struct cli *cli, const char *map, const char *date,
		  int new_accounts, struct dealsync_count *n);

#endif
