/*
 * html: self-contained HTML reports (-o html): one file with inline CSS, no
 * JavaScript, no SVG, no fonts or images from elsewhere, readable printed,
 * in a narrow window and in a mail client.  Charts are HTML tables whose
 * cells are the bars (widths in percent, colours inline), which the common
 * mail clients keep where they strip SVG.  Every text is escaped, so a rep
 * named <script> is shown, not run.  Numbers in tables and charts are
 * grouped as people read them (numfmt.h).
 *
 *   html_set_org("Noordzee BV", "EUR");  config_load() does: the heading's
 *                                        company and currency
 *   html_begin("Performance 2026-Q4");   the page and its heading
 *   html_stacked(...), html_sparks(...)  charts, where they help
 *   out_start(OUT_HTML, ...) ...         tables (out.h) go inside the page
 *   html_end();                          closes the page
 *
 * A chart item has a label (a name, for people) and an id (the rep's or
 * team's id), shown as the label's title (a tooltip), or NULL.  A program
 * that prints a table with -o html and never calls html_begin() still gets
 * a whole page: out.h begins and ends one around the table.  Output goes to
 * stdout (close_stdout() catches write errors), or to the stream of
 * html_to(f) until html_to(NULL): a page of its own for a file (the caller
 * checks that stream's errors; out.h's tables still go to stdout).
 */
#ifndef HTML_H
#define HTML_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

void html_to(FILE *f);
void html_set_org(const char *company, const char *currency);
void html_begin(const char *title);
void html_end(void);
/* Has a page been begun (and not ended)? */
int html_page_open(void);
void html_text(const char *s);		/* escaped */
void html_heading(const char *s);	/* an <h2> */
void html_para(const char *s);		/* a <p> */

/*
 * A sheet to hand to one person (a rep's pay statement), a printed page
 * of its own: a heading, facts (label and value, one a line), a table of
 * nrows x ncols cells whose last column is text kept whole (it wraps,
 * never cut), then totals (the last one in bold).
 */
struct html_fact {
	const char *label, *value;
};
void html_sheet(const char *heading, const struct html_fact *facts, size_t nfacts,
		const char *const *cols, const int *numeric, size_t ncols,
		const char *const *cells, size_t nrows, const struct html_fact *totals,
		size_t ntotals);

/* A horizontal bar per item made of up to HTML_MAXSEG segments laid end to
 * end (won, then commit, best case and pipeline: the bar ends at the
 * forecast), on a light track, with an optional mark (a target, or where
 * pace says the bar should be).  The item's label is above its bar and its
 * text at the right, so the chart is narrow enough for a mail client.
 * seg_names (nseg > 1) make a legend.  The scale runs from 0 to max, or
 * when max <= 0 to the longest bar or mark.  Segments that are not
 * positive are left out. */
#define HTML_MAXSEG 4
struct html_stack {
	const char *label, *id;
	int64_t seg[HTML_MAXSEG];
	int has_mark;
	int64_t mark;
	const char *text;
};
void html_stacked(const char *title, const char *const *seg_names, size_t nseg,
		  const struct html_stack *items, size_t n, int64_t max,
		  const char *mark_legend);

/* An amount for a chart's text: whole units, grouped, like 1,234,568 (buf
 * of MONEY_BUFSZ); returns buf. */
char *html_money(int64_t v, char *buf);

/* Small multiples: a column chart of points per series (e.g. won per month
 * per rep), all on the same scale so they compare at a glance; ids (or
 * NULL) are the series' titles. */
void html_sparks(const char *title, const char *const *series, const char *const *ids,
		 size_t nseries, const int64_t *values, size_t npoints,
		 const char *const *point_labels);

/*
 * perf-report's charts.  html_attainment(): a bar per row of its
 * attainment (tenths of a percent; has: it has one) against its pace mark
 * (where attainment should be today: expected / quota), with the quota as
 * text (a count when counted: a quota of deals or activities).
 * html_won_by_month(): small multiples of won per month per rep, from
 * rows (rep, month, won) grouped by month, months in order.
 */
struct html_perf_row {
	const char *label, *id, *month;
	int has_attainment, has_mark, counted;
	int64_t attainment, quota, expected, won;
};
void html_attainment(const char *title, const struct html_perf_row *rows, size_t n);
void html_won_by_month(const char *title, const struct html_perf_row *rows, size_t n);

/*
 * deal-forecast's and plan-report's chart: a bar per group of its won,
 * then the weighted commit, best case and pipeline laid end to end (so the
 * bar ends at the forecast), against its target as the mark; then, when
 * nstages, the open pipeline by stage (not weighted).
 */
struct html_forecast_row {
	const char *label, *id;
	int64_t won, commit, best, pipeline;	/* the last three weighted */
	int has_target;
	int64_t target;
};
struct html_stage_row {
	const char *stage;
	int64_t amount, deals;
};
void html_forecast(const char *title, const struct html_forecast_row *rows, size_t n,
		   const struct html_stage_row *stages, size_t nstages);

#endif
