/* compsheet: a rep's statement as a sheet (see compsheet.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compsheet.h"
#include "html.h"
#include "money.h"
#include "xalloc.h"

#define NFACTS 8
#define NTOTALS 7
#define LABEL 12		/* the width of a fact's label in text */

/* The columns of a sheet's table, and which hold numbers. */
static const int shown[] = { CP_KIND, CP_DEAL, CP_DATE, CP_TIER, CP_AMOUNT, CP_PCT,
	CP_COMMISSION, CP_NOTE };
static const char *const shown_name[] = { "kind", "deal", "date", "tier", "amount", "pct",
	"commission", "note" };
static const int shown_numeric[] = { 0, 0, 0, 1, 1, 1, 1, 0 };
/* The text table's widths, the note apart: 76 columns with the spaces. */
static const int col_width[] = { 10, 8, 10, 4, 16, 6, 16 };
enum { NSHOWN = sizeof shown / sizeof shown[0], NTEXT = NSHOWN - 1 };

/* What a sheet says around the lines. */
struct parts {
	char head[256], days[2 * DATE_BUFSZ + 8], who[160];
	char m[NTOTALS][MONEY_BUFSZ];
	struct html_fact facts[NFACTS], totals[NTOTALS];
	size_t nf, nt;
	struct comp_sums s;
};

static void
parts_of(const struct comp_stmt *st, const struct comp_sheet *h, struct parts *p)
{
	char from[DATE_BUFSZ], to[DATE_BUFSZ];
	const char *name = *h->name ? h->name : st->rep;
	struct comp_sums *s = &p->s;

	memset(p, 0, sizeof *p);
	comp_stmt_sums(st, s);
	snprintf(p->head, sizeof p->head, "%s (%s): %s", name, st->rep, h->period);
	snprintf(p->who, sizeof p->who, "%s (%s)", name, st->rep);
	snprintf(p->days, sizeof p->days, "%s to %s", date_format(h->from, from),
	    date_format(h->to, to));
	if (*h->company)
		p->facts[p->nf++] = (struct html_fact){ "Company", h->company };
	p->facts[p->nf++] = (struct html_fact){ "Rep", name };
	p->facts[p->nf++] = (struct html_fact){ "Team", h->team };
	p->facts[p->nf++] = (struct html_fact){ "Pay period", h->period };
	p->facts[p->nf++] = (struct html_fact){ "Dates", p->days };
	p->facts[p->nf++] = (struct html_fact){ "Plan", *st->plan ? st->plan : "none" };
	p->facts[p->nf++] = (struct html_fact){ "Currency", h->currency };
	p->facts[p->nf++] = (struct html_fact){ "Locked", *s->locked ? s->locked :
	    "no (may change)" };
	if (!s->has_payout) {
		p->totals[p->nt++] = (struct html_fact){ "Payout", s->note };
		return;
	}
	p->totals[p->nt++] = (struct html_fact){ "Commission", money_format(s->commission,
	    p->m[0]) };
	p->totals[p->nt++] = (struct html_fact){ "Clawbacks", money_format(s->clawback, p->m[1]) };
	p->totals[p->nt++] = (struct html_fact){ "Withheld by the cap",
	    money_format(-s->withheld, p->m[2]) };
	p->totals[p->nt++] = (struct html_fact){ "Adjustments, spifs and bonuses",
	    money_format(s->adjustments, p->m[3]) };
	p->totals[p->nt++] = (struct html_fact){ "Draw paid less recovered",
	    money_format(s->draw, p->m[4]) };
	if (s->has_balance)
		p->totals[p->nt++] = (struct html_fact){ "Draw balance owed",
		    money_format(s->balance, p->m[5]) };
	p->totals[p->nt++] = (struct html_fact){ "Payout", money_format(s->payout, p->m[6]) };
}

void
comp_sheet_html(const struct comp_stmt *st, const struct comp_sheet *h)
{
	const char **cells = xcalloc(st->n * NSHOWN + 1, sizeof *cells);
	struct parts p;
	size_t j, k;

	parts_of(st, h, &p);
	for (j = 0; j < st->n; j++)
		for (k = 0; k < NSHOWN; k++)
			cells[j * NSHOWN + k] = st->v[j][shown[k]];
	html_sheet(p.head, p.facts, p.nf, shown_name, shown_numeric, NSHOWN, cells, st->n,
	    p.totals, p.nt);
	free(cells);
}

/* Columns a byte takes: a UTF-8 continuation byte none. */
static int
cols_of(unsigned char c)
{
	return (c & 0xc0) != 0x80;
}

/* Columns of s: UTF-8 continuation bytes take none. */
static int
width_of(const char *s, size_t n)
{
	int w = 0;

	for (; n-- > 0 && *s; s++)
		w += cols_of((unsigned char)*s);
	return w;
}

/* s, from column col (what is left of indent written already), wrapped
 * at COMP_SHEET_WIDTH between words, lines after the first at indent, a
 * word longer than a line cut; control characters are spaces.  Then a
 * newline. */
static void
wrap(struct buf *b, const char *s, int indent, int col)
{
	size_t len;

	for (;;) {
		while (*s && (unsigned char)*s <= ' ')
			s++;
		if (!*s)
			break;
		for (len = 0; (unsigned char)s[len] > ' '; len++)
			;
		if (col > indent && col + 1 + width_of(s, len) > COMP_SHEET_WIDTH) {
			buf_printf(b, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			buf_addc(b, ' ');
			col++;
		}
		for (; len > 0; len--, s++) {
			if (cols_of((unsigned char)*s) && col >= COMP_SHEET_WIDTH) {
				buf_printf(b, "\n%*s", indent, "");
				col = indent;
			}
			buf_addc(b, *s);
			col += cols_of((unsigned char)*s);
		}
	}
	buf_addc(b, '\n');
}

/* A cell of the text table, padded to its width; a longer value (a
 * money out of the common range) is kept whole. */
static void
cell(struct buf *b, const char *v, int width, int right)
{
	buf_printf(b, right ? "%*s" : "%-*s", width, v);
}

void
comp_sheet_text(const struct comp_stmt *st, const struct comp_sheet *h, struct buf *b)
{
	struct parts p;
	size_t i, j;
	int k, n;

	parts_of(st, h, &p);
	buf_adds(b, "Commission statement");
	wrap(b, p.head, 0, 20);
	n = width_of(p.head, strlen(p.head)) + 21;
	for (n = n < COMP_SHEET_WIDTH ? n : COMP_SHEET_WIDTH; n > 0; n--)
		buf_addc(b, '=');
	buf_adds(b, "\n\n");
	for (i = 0; i < p.nf; i++) {
		buf_printf(b, "%-*s", LABEL, p.facts[i].label);
		wrap(b, strcmp(p.facts[i].label, "Rep") == 0 ? p.who : p.facts[i].value, LABEL,
		    LABEL);
	}
	buf_addc(b, '\n');
	for (k = 0; k < NTEXT; k++) {
		buf_adds(b, k ? " " : "");
		cell(b, shown_name[k], col_width[k], shown_numeric[k]);
	}
	buf_addc(b, '\n');
	for (k = 0; k < NTEXT; k++) {
		buf_adds(b, k ? " " : "");
		for (n = 0; n < col_width[k]; n++)
			buf_addc(b, '-');
	}
	buf_addc(b, '\n');
	for (j = 0; j < st->n; j++) {
		for (k = 0; k < NTEXT; k++) {
			buf_adds(b, k ? " " : "");
			cell(b, st->v[j][shown[k]], col_width[k], shown_numeric[k]);
		}
		while (b->len && b->data[b->len - 1] == ' ')
			b->len--;
		buf_addc(b, '\n');
		if (*st->v[j][CP_NOTE]) {
			buf_adds(b, "    ");
			wrap(b, st->v[j][CP_NOTE], 4, 4);
		}
	}
	buf_addc(b, '\n');
	for (i = 0; i < p.nt; i++) {
		buf_printf(b, "%-40s", p.totals[i].label);
		if (p.s.has_payout)
			buf_printf(b, "%20s\n", p.totals[i].value);
		else
			wrap(b, p.totals[i].value, 40, 40);
	}
}
