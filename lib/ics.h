/*
 * ics: calendar entries (RFC 5545, iCalendar) for -o ics: the follow-ups
 * of coach-list, the due dates and certificate expiries of train-status.
 * Each entry is a whole-day VEVENT with a UID that the program makes from
 * the row's key, so that importing the calendar again, or a calendar
 * subscribed to the file, updates an entry rather than adding a second one;
 * an entry that no longer applies (a follow-up done, an assignment
 * completed or withdrawn) stays in the calendar with STATUS:CANCELLED.
 *
 * Order of calls:
 *   ics_begin("Follow-ups");      VCALENDAR with its name (X-WR-CALNAME)
 *   ics_event(&e);                once per entry, any order
 *   ics_end();                    END:VCALENDAR
 * then close_stdout() (err.h) so that a failed write is an error.
 *
 * Lines end in CRLF and are folded at 75 octets (a CRLF and a space),
 * never inside a UTF-8 character; text values are escaped (\\ \; \, \n)
 * and other control characters become spaces.  DTSTAMP is the time of the
 * run, in UTC.  The functions write to stdout and do not fail themselves:
 * a write error is close_stdout()'s.
 */
#ifndef ICS_H
#define ICS_H
#include "date.h"

struct ics_event {
	const char *uid;		/* "note-N12@salesmgr": stable per entry */
	date_t date;			/* the whole day of the entry */
	const char *summary;		/* the title */
	const char *description;	/* or NULL */
	const char *category;		/* CATEGORIES, or NULL */
	int cancelled;			/* STATUS:CANCELLED */
};

void ics_begin(const char *name);
void ics_event(const struct ics_event *e);
void ics_end(void);

#endif
