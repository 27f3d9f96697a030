/*
 * compsheet: a rep's pay statement (compstmt.h) as a sheet to hand to
 * them, with nothing of any other rep: who, the company, the period, the
 * plan, the currency, every line with its whole note, and what the lines
 * add up to.  compstmt builds the lines; this lays them out; comp-calc
 * chooses where they go.
 *
 *   struct comp_sheet h = { company, name, team, currency, period, from, to };
 *   comp_sheet_html(&st, &h);      html_sheet() on the html stream (html.h):
 *                                  a printed A4 page of its own
 *   comp_sheet_text(&st, &h, &b);  plain text appended to b: no line wider
 *                                  than COMP_SHEET_WIDTH columns (a long
 *                                  note or value wraps, a word longer than
 *                                  a line is cut into lines), control
 *                                  characters shown as spaces
 *
 * Nothing here fails: the caller checks its stream's or buffer's writes.
 */
#ifndef COMPSHEET_H
#define COMPSHEET_H
#include "buf.h"
#include "compstmt.h"
#include "date.h"

#define COMP_SHEET_WIDTH 80

struct comp_sheet {
	const char *company;	/* "" for none */
	const char *name;	/* the rep's; "" shows the id */
	const char *team;
	const char *currency;
	const char *period;	/* the pay period's name */
	date_t from, to;	/* its days */
};

void comp_sheet_html(const struct comp_stmt *st, const struct comp_sheet *h);
void comp_sheet_text(const struct comp_stmt *st, const struct comp_sheet *h, struct buf *b);

#endif
