/*
 * html: self-contained HTML reports (-o html): one file with inline CSS and
 * SVG, no JavaScript, no fonts or images from elsewhere, readable printed
 * and in a narrow mail client.  Every text is escaped, so a rep named
 * <script> is shown, not run.
 *
 *   html_begin("Performance 2026-Q4");   the page and its heading
 *   html_bars(...), html_sparks(...)     charts, where they help
 *   out_start(OUT_HTML, ...) ...         tables (out.h) go inside the page
 *   html_end();                          closes the page
 *
 * A program that prints a table with -o html and never calls html_begin()
 * still gets a whole page: out.h begins and ends one around the table.
 * Output goes to stdout; close_stdout() catches write errors.
 */
#ifndef HTML_H
#define HTML_H
#include <stddef.h>
#include <stdint.h>

void html_begin(const char *title);
void html_end(void);
/* Has a page been begun (and not ended)? */
int html_page_open(void);
void html_text(const char *s);		/* escaped */
void html_heading(const char *s);	/* an <h2> */
void html_para(const char *s);		/* a <p> */

/* A horizontal bar per item: value against max, with an optional mark (a
 * target or the pace), and the value's text shown beside the bar. */
struct html_bar {
	const char *label;
	int64_t value;
	int has_mark;
	int64_t mark;
	const char *text;
};
void html_bars(const char *title, const struct html_bar *bars, size_t n, int64_t max,
	       const char *mark_legend);

/* Small multiples: a column chart of points per series (e.g. won per month
 * per rep), all on the same scale so they compare at a glance. */
void html_sparks(const char *title, const char *const *series, size_t nseries,
		 const int64_t *values, size_t npoints, const char *const *point_labels);

#endif
