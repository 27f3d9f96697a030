#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "html.h"
#include "money.h"
#include "stats.h"
#include "xalloc.h"

static int page_open;

static const char style[] =
    "body{font:14px/1.4 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
    "color:#222;margin:1em auto;max-width:60em;padding:0 .5em}"
    "h1{font-size:1.4em;margin:.2em 0 .6em}h2{font-size:1.1em;margin:1.4em 0 .4em}"
    "table{border-collapse:collapse;font-size:13px;margin:.5em 0}"
    "th,td{padding:.2em .6em;border-bottom:1px solid #ddd;text-align:left;white-space:nowrap}"
    "th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".wrap{overflow-x:auto}svg{max-width:100%;height:auto}"
    ".bar{fill:#3b7dd8}.mark{stroke:#d33;stroke-width:2}.lbl{font-size:12px;fill:#222}"
    ".val{font-size:11px;fill:#555}.spark{fill:#3b7dd8}.axis{stroke:#bbb}"
    ".s0{fill:#2f6fc6}.s1{fill:#6d9be0}.s2{fill:#a3c0ec}.s3{fill:#d3e1f6}.track{fill:#f2f2f2}"
    "table.facts td{border:0;padding:.05em .6em .05em 0}td.t{white-space:normal}"
    ".sheet{margin-bottom:2em}.total td{font-weight:bold;border-top:2px solid #222}"
    "@page{size:A4;margin:14mm}"
    "@media print{body{max-width:none}th{background:none}.bar,.spark{fill:#555}"
    ".s0{fill:#333}.s1{fill:#777}.s2{fill:#aaa}.s3{fill:#ddd}"
    ".sheet{page-break-after:always;margin:0;font-size:11px}.sheet table{font-size:10px}"
    ".sheet th,.sheet td{padding:.1em .35em}}";

void
html_text(const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", stdout); break;
		case '>': fputs("&gt;", stdout); break;
		case '&': fputs("&amp;", stdout); break;
		case '"': fputs("&quot;", stdout); break;
		case '\'': fputs("&#39;", stdout); break;
		default: putchar(*s);
		}
	}
}

void
html_begin(const char *title)
{
	if (page_open)
		return;
	page_open = 1;
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>",
	    stdout);
	html_text(title);
	printf("</title>\n<style>%s</style></head>\n<body>\n<h1>", style);
	html_text(title);
	fputs("</h1>\n", stdout);
	/* Deals in other currencies were converted: say which one counts. */
	if (*money_currency()) {
		fputs("<p>Amounts in ", stdout);
		html_text(money_currency());
		fputs(".</p>\n", stdout);
	}
}

void
html_end(void)
{
	if (!page_open)
		return;
	page_open = 0;
	fputs("</body></html>\n", stdout);
}

int
html_page_open(void)
{
	return page_open;
}

void
html_heading(const char *s)
{
	fputs("<h2>", stdout);
	html_text(s);
	fputs("</h2>\n", stdout);
}

void
html_para(const char *s)
{
	fputs("<p>", stdout);
	html_text(s);
	fputs("</p>\n", stdout);
}

void
html_sheet(const char *heading, const struct html_fact *facts, size_t nfacts,
	   const char *const *cols, const int *numeric, size_t ncols, const char *const *cells,
	   size_t nrows, const struct html_fact *totals, size_t ntotals)
{
	size_t i, k;

	fputs("<div class=\"sheet\">\n", stdout);
	html_heading(heading);
	fputs("<table class=\"facts\">\n", stdout);
	for (i = 0; i < nfacts; i++) {
		fputs("<tr><td>", stdout);
		html_text(facts[i].label);
		fputs("</td><td>", stdout);
		html_text(facts[i].value);
		fputs("</td></tr>\n", stdout);
	}
	fputs("</table>\n<table>\n<tr>", stdout);
	for (k = 0; k < ncols; k++) {
		fputs(numeric[k] ? "<th class=\"n\">" : "<th>", stdout);
		html_text(cols[k]);
		fputs("</th>", stdout);
	}
	fputs("</tr>\n", stdout);
	for (i = 0; i < nrows; i++) {
		fputs("<tr>", stdout);
		for (k = 0; k < ncols; k++) {
			/* The last column is text, kept whole: it wraps. */
			fputs(numeric[k] ? "<td class=\"n\">" : k + 1 == ncols ? "<td class=\"t\">" :
			    "<td>", stdout);
			html_text(cells[i * ncols + k]);
			fputs("</td>", stdout);
		}
		fputs("</tr>\n", stdout);
	}
	fputs("</table>\n<table class=\"facts\">\n", stdout);
	for (i = 0; i < ntotals; i++) {
		fputs(i + 1 == ntotals ? "<tr class=\"total\"><td>" : "<tr><td>", stdout);
		html_text(totals[i].label);
		fputs("</td><td class=\"n\">", stdout);
		html_text(totals[i].value);
		fputs("</td></tr>\n", stdout);
	}
	fputs("</table>\n</div>\n", stdout);
}

/* x position of v on a scale of width w for 0..max (max > 0). */
static long
scale(int64_t v, int64_t max, long w)
{
	if (v <= 0 || max <= 0)
		return 0;
	if (v >= max)
		return w;
	return (long)((__int128)v * w / max);
}

void
html_bars(const char *title, const struct html_bar *bars, size_t n, int64_t max,
	  const char *mark_legend)
{
	const long label_w = 160, bar_w = 420, row_h = 22, value_w = 120;
	long y, w, x;
	size_t i;

	if (n == 0)
		return;
	html_heading(title);
	printf("<div class=\"wrap\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
	    "width=\"%ld\" height=\"%ld\" viewBox=\"0 0 %ld %ld\">\n",
	    label_w + bar_w + value_w, (long)n * row_h + 24, label_w + bar_w + value_w,
	    (long)n * row_h + 24);
	for (i = 0; i < n; i++) {
		y = (long)i * row_h;
		w = scale(bars[i].value, max, bar_w);
		printf("<text class=\"lbl\" x=\"0\" y=\"%ld\">", y + 15);
		html_text(bars[i].label);
		printf("</text><rect class=\"bar\" x=\"%ld\" y=\"%ld\" width=\"%ld\" height=\"14\"/>",
		    label_w, y + 4, w);
		if (bars[i].has_mark) {
			x = label_w + scale(bars[i].mark, max, bar_w);
			printf("<line class=\"mark\" x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\"/>",
			    x, y + 1, x, y + 21);
		}
		printf("<text class=\"val\" x=\"%ld\" y=\"%ld\">", label_w + bar_w + 6, y + 15);
		html_text(bars[i].text ? bars[i].text : "");
		fputs("</text>\n", stdout);
	}
	printf("<line class=\"axis\" x1=\"%ld\" y1=\"0\" x2=\"%ld\" y2=\"%ld\"/>",
	    label_w, label_w, (long)n * row_h);
	fputs("</svg></div>\n", stdout);
	if (mark_legend) {
		fputs("<p><small>", stdout);
		html_text(mark_legend);
		fputs("</small></p>\n", stdout);
	}
}

char *
html_money(int64_t v, char *buf)
{
	int64_t unit = 1, units, rest;
	char *dot;
	int i;

	for (i = 0; i < money_decimals(); i++)
		unit *= 10;
	units = v / unit;
	rest = v % unit;
	/* Whole units, half away from zero: a chart needs no cents. */
	if (unit > 1 && rest >= unit / 2 + unit % 2)
		units++;
	else if (unit > 1 && rest <= -(unit / 2 + unit % 2))
		units--;
	if (__builtin_mul_overflow(units, unit, &v))
		v = units < 0 ? INT64_MIN : INT64_MAX;
	money_format_grouped(v, buf, ",", ".");
	if (unit > 1 && (dot = strrchr(buf, '.')))
		*dot = '\0';
	return buf;
}

void
html_stacked(const char *title, const char *const *seg_names, size_t nseg,
	     const struct html_stack *items, size_t n, int64_t max, const char *mark_legend)
{
	/* Narrow on purpose: the label sits above its bar, so the chart stays
	 * readable when a mail client shrinks it to its width. */
	const long w = 440, row_h = 36, legend_h = nseg > 1 ? 22 : 0;
	long y, x, h, sw;
	int64_t sum, v;
	size_t i, k;
	int fit = max <= 0;	/* the scale fits the longest bar or mark */

	if (n == 0)
		return;
	if (nseg > HTML_MAXSEG)
		nseg = HTML_MAXSEG;
	for (i = 0; fit && i < n; i++) {
		for (sum = 0, k = 0; k < nseg; k++)
			if (items[i].seg[k] > 0 && sum <= INT64_MAX - items[i].seg[k])
				sum += items[i].seg[k];
		if (sum > max)
			max = sum;
		if (items[i].has_mark && items[i].mark > max)
			max = items[i].mark;
	}
	if (max <= 0)
		max = 1;
	h = legend_h + (long)n * row_h + 4;
	html_heading(title);
	printf("<div class=\"wrap\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
	    "width=\"%ld\" height=\"%ld\" viewBox=\"0 0 %ld %ld\">\n", w, h, w, h);
	for (x = 0, k = 0; nseg > 1 && k < nseg; k++) {
		printf("<rect class=\"s%zu\" x=\"%ld\" y=\"4\" width=\"10\" height=\"10\"/>"
		    "<text class=\"val\" x=\"%ld\" y=\"13\">", k, x, x + 14);
		html_text(seg_names[k]);
		fputs("</text>", stdout);
		x += 14 + (long)strlen(seg_names[k]) * 7 + 14;
	}
	for (i = 0; i < n; i++) {
		y = legend_h + (long)i * row_h;
		printf("<text class=\"lbl\" x=\"0\" y=\"%ld\">", y + 13);
		html_text(items[i].label);
		printf("</text><text class=\"val\" x=\"%ld\" y=\"%ld\" text-anchor=\"end\">",
		    w, y + 13);
		html_text(items[i].text ? items[i].text : "");
		printf("</text><rect class=\"track\" x=\"0\" y=\"%ld\" width=\"%ld\" "
		    "height=\"14\"/>", y + 17, w);
		for (x = 0, sum = 0, k = 0; k < nseg; k++) {
			v = items[i].seg[k];
			if (v <= 0 || sum > INT64_MAX - v)
				continue;
			sum += v;
			/* Each segment ends where the running sum does: no gaps from rounding. */
			sw = scale(sum, max, w) - x;
			printf("<rect class=\"s%zu\" x=\"%ld\" y=\"%ld\" width=\"%ld\" "
			    "height=\"14\"/>", k, x, y + 17, sw);
			x += sw;
		}
		if (items[i].has_mark) {
			x = scale(items[i].mark, max, w);
			x = x < 1 ? 1 : x > w - 1 ? w - 1 : x;
			printf("<line class=\"mark\" x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" "
			    "y2=\"%ld\"/>", x, y + 14, x, y + 34);
		}
		putchar('\n');
	}
	fputs("</svg></div>\n", stdout);
	if (mark_legend) {
		fputs("<p><small>", stdout);
		html_text(mark_legend);
		fputs("</small></p>\n", stdout);
	}
}

void
html_sparks(const char *title, const char *const *series, size_t nseries,
	    const int64_t *values, size_t npoints, const char *const *point_labels)
{
	const long cell_w = 180, cell_h = 70, chart_h = 44;
	long col_w, h, x;
	int64_t max = 0;
	size_t s, p, per_row = 4;

	if (nseries == 0 || npoints == 0)
		return;
	for (s = 0; s < nseries * npoints; s++)
		if (values[s] > max)
			max = values[s];
	html_heading(title);
	col_w = (cell_w - 20) / (long)npoints;
	if (col_w < 2)
		col_w = 2;
	fputs("<div class=\"wrap\">", stdout);
	for (s = 0; s < nseries; s++) {
		printf("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%ld\" "
		    "height=\"%ld\" viewBox=\"0 0 %ld %ld\"><title>", cell_w, cell_h, cell_w, cell_h);
		html_text(series[s]);
		fputs("</title><text class=\"lbl\" x=\"0\" y=\"12\">", stdout);
		html_text(series[s]);
		fputs("</text>", stdout);
		for (p = 0; p < npoints; p++) {
			h = scale(values[s * npoints + p], max, chart_h);
			x = (long)p * col_w;
			printf("<rect class=\"spark\" x=\"%ld\" y=\"%ld\" width=\"%ld\" height=\"%ld\">",
			    x, 16 + chart_h - h, col_w > 3 ? col_w - 1 : col_w, h);
			if (point_labels) {
				fputs("<title>", stdout);
				html_text(point_labels[p]);
				fputs("</title>", stdout);
			}
			fputs("</rect>", stdout);
		}
		printf("<line class=\"axis\" x1=\"0\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\"/></svg>",
		    16 + chart_h, (long)npoints * col_w, 16 + chart_h);
		if ((s + 1) % per_row == 0)
			fputs("<br>", stdout);
	}
	fputs("</div>\n", stdout);
}

void
html_attainment(const char *title, const struct html_perf_row *rows, size_t n)
{
	struct html_bar *bars = xcalloc(n + 1, sizeof *bars);
	char (*text)[96] = xcalloc(n + 1, sizeof *text), money[MONEY_BUFSZ], pct[STATS_BUFSZ];
	int64_t max = 1000;
	size_t i;

	for (i = 0; i < n; i++) {
		bars[i].label = rows[i].label;
		bars[i].value = rows[i].has_attainment ? rows[i].attainment : 0;
		/* The pace mark: where attainment should be today. */
		if (rows[i].has_mark && rows[i].quota > 0) {
			bars[i].has_mark = 1;
			bars[i].mark = (int64_t)((__int128)rows[i].expected * 1000 / rows[i].quota);
		}
		if (rows[i].has_attainment)
			snprintf(text[i], sizeof text[i], "%s%% of %s",
			    stats_tenths(rows[i].attainment, pct),
			    money_format_grouped(rows[i].quota, money, ",", "."));
		else
			snprintf(text[i], sizeof text[i], "no quota");
		bars[i].text = text[i];
		if (bars[i].value > max)
			max = bars[i].value;
	}
	html_bars(title, bars, n, max, NULL);
	free(bars);
	free(text);
}

/* The index of s in v[0..*n], added if new. */
static size_t
index_of(const char **v, size_t *n, const char *s)
{
	size_t i;

	for (i = 0; i < *n && strcmp(v[i], s) != 0; i++)
		;
	if (i == *n)
		v[(*n)++] = s;
	return i;
}

void
html_won_by_month(const char *title, const struct html_perf_row *rows, size_t n)
{
	const char **series = xcalloc(n + 1, sizeof *series);
	const char **months = xcalloc(n + 1, sizeof *months);
	size_t i, ns = 0, nm = 0, *si = xcalloc(n + 1, sizeof *si), *mi = xcalloc(n + 1, sizeof *mi);
	int64_t *won;

	for (i = 0; i < n; i++) {
		mi[i] = index_of(months, &nm, rows[i].month);
		si[i] = index_of(series, &ns, rows[i].label);
	}
	won = xcalloc(ns && nm ? ns * nm : 1, sizeof *won);
	for (i = 0; i < n; i++)
		won[si[i] * nm + mi[i]] = rows[i].won;
	html_sparks(title, series, ns, won, nm, months);
	free(series);
	free(months);
	free(si);
	free(mi);
	free(won);
}

void
html_forecast(const char *title, const struct html_forecast_row *rows, size_t n,
	      const struct html_stage_row *stages, size_t nstages)
{
	static const char *const segs[] = { "won", "commit", "best case", "pipeline" };
	struct html_stack *it = xcalloc(n + nstages + 1, sizeof *it);
	char (*text)[192] = xcalloc(n + nstages + 1, sizeof *text);
	char a[MONEY_BUFSZ], b[MONEY_BUFSZ], c[MONEY_BUFSZ];
	int64_t fc, pct;
	size_t k;

	for (k = 0; k < n; k++) {
		it[k].label = rows[k].label;
		it[k].seg[0] = rows[k].won;
		it[k].seg[1] = rows[k].commit;
		it[k].seg[2] = rows[k].best;
		it[k].seg[3] = rows[k].pipeline;
		if (money_add(rows[k].won, rows[k].commit, &fc) < 0 || money_add(fc, rows[k].best,
		    &fc) < 0 || money_add(fc, rows[k].pipeline, &fc) < 0)
			die("totals overflow");
		it[k].has_mark = rows[k].has_target;
		it[k].mark = rows[k].target;
		if (rows[k].has_target && rows[k].target > 0 && money_mul(fc, 100, &pct) == 0 &&
		    money_div_round(pct, rows[k].target, &pct) == 0)
			snprintf(text[k], sizeof text[k], "won %s, forecast %s of %s (%lld%%)",
			    html_money(rows[k].won, c), html_money(fc, a),
			    html_money(rows[k].target, b), (long long)pct);
		else
			snprintf(text[k], sizeof text[k], "won %s, forecast %s%s",
			    html_money(rows[k].won, c), html_money(fc, a),
			    rows[k].has_target ? "" : ", no target");
		it[k].text = text[k];
	}
	html_stacked(title, segs, 4, it, n, 0, "Weighted: each open deal counts at its stage's "
	    "probability.  The red line: the target.");
	for (k = 0; k < nstages; k++) {
		it[n + k].label = stages[k].stage;
		it[n + k].seg[0] = stages[k].amount;
		snprintf(text[n + k], sizeof text[n + k], "%s in %lld deal%s",
		    html_money(stages[k].amount, a), (long long)stages[k].deals,
		    stages[k].deals == 1 ? "" : "s");
		it[n + k].text = text[n + k];
	}
	if (nstages)
		html_stacked("Open pipeline by stage (not weighted)", NULL, 1, it + n, nstages, 0,
		    NULL);
	free(it);
	free(text);
}
