/*
 * coach: the coaching log, notes.tsv (note date rep kind text follow_up
 * done; salesmgr-files(5)), shared by coach-note, coach-list, coach-done
 * and rep-show.
 *
 * A note is numbered N1, N2 ... from ids.tsv (kind "note", seq.h).  It may
 * carry a follow-up date; the follow-up is open until coach-done sets its
 * done date.  notes.tsv keeps its rows in the order they were written;
 * readers sort them with coach_order().
 *
 *   notes = store_load(s, "notes.tsv");
 *   row = coach_find(notes, "N12");           -1 if there is none
 *   order = coach_order(notes, &n);           newest first; free() it
 *   if (coach_open(notes, row)) ...           follow-up set, not done
 *
 * For rep-show, coach_show() gives (field, value) rows: the rep's latest
 * notes ("note": "N7 2026-11-20 1on1: text"), newest first, at most
 * COACH_SHOW_NOTES of them, then every open follow-up, soonest first
 * ("follow_up": "N3 due 2026-11-30: text", " (overdue)" appended when
 * it is before today).  Free the rows with coach_rows_free().
 */
#ifndef COACH_H
#define COACH_H
#include <stddef.h>
#include "date.h"
#include "store.h"
#include "table.h"

/* The kinds of note, as messages and man pages spell them (schema_notes). */
#define COACH_KINDS "1on1, observation, praise, warning or pip"
/* The kind of a note that does not say. */
#define COACH_DEFAULT_KIND "1on1"
#define COACH_SHOW_NOTES 3

int coach_kind_valid(const char *kind);
long coach_find(const struct table *notes, const char *note);
/* The note's number (12 for "N12"), 0 for a malformed id. */
long long coach_number(const char *note);
/* Row indexes, newest first: by date, then by number, descending. */
size_t *coach_order(const struct table *notes, size_t *n);
int coach_open(const struct table *notes, size_t row);

/* A (field, value) row for rep-show; coach_show() returns an array of
 * them. */
struct coach_row {
	char *field, *value;
};

size_t coach_show(struct store *s, const char *rep, date_t today, struct coach_row **rows);
/* Append a row (copies both strings) to *rows of *n. */
void coach_row_add(struct coach_row **rows, size_t *n, const char *field, const char *value);
void coach_rows_free(struct coach_row *rows, size_t n);

#endif
