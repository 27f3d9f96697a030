#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "html.h"
#include "money.h"
#include "numfmt.h"
#include "stats.h"
#include "xalloc.h"

static int page_open;
static char *org_company, *org_currency;
static FILE *stream;	/* html_to()'s, else stdout */

static FILE *
hout(void)
{
	return stream ? stream : stdout;
}

static void
putc_h(int c)
{
	putc(c, hout());
}

void
html_to(FILE *f)
{
	stream = f;
}

/* The colours of the segments, the track and the mark: inline in every
 * bar as well, as mail clients may drop a <style> element. */
static const char *const seg_color[HTML_MAXSEG] = { "#2f6fc6", "#6d9be0", "#a3c0ec", "#d3e1f6" };
#define TRACK_COLOR "#eeeeee"
#define MARK_COLOR "#d33333"

static const char style[] =
    "body{font:14px/1.4 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
    "color:#222;margin:1em auto;max-width:80em;padding:0 .5em}"
    "h1{font-size:1.4em;margin:.2em 0 .2em}h2{font-size:1.1em;margin:1.4em 0 .4em}"
    "p.org{color:#555;margin:0 0 1em}"
    "table{border-collapse:collapse;font-size:13px;margin:.5em 0}"
    "th,td{padding:.2em .45em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top;"
    "white-space:nowrap}"
    "th{background:#f3f3f3;font-weight:600;white-space:normal}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "td.w{white-space:normal;min-width:14em}"
    "td.bad{color:#b00}td.warn{color:#a60}td.good{color:#070}"
    ".wrap{overflow-x:auto;max-width:100%}"
    ".wrap td:first-child{position:sticky;left:0;background:#fff}"
    ".wrap th:first-child{position:sticky;left:0}"
    "table.chart{width:100%;max-width:40em}table.chart td{border:0;padding:1px 0;white-space:normal}"
    "table.chart td.val{text-align:right;color:#555;font-size:12px;padding-left:1em}"
    "table.bar{width:100%;margin:0 0 4px}table.bar td{height:12px;padding:0;border:0;"
    "font-size:1px;line-height:1px}"
    ".legend{font-size:12px;color:#555}.key{display:inline-block;width:10px;height:10px;"
    "margin:0 4px 0 10px}"
    "table.spark{display:inline-table;margin:0 1.5em 1em 0;width:auto}"
    "table.spark caption{text-align:left;font-size:12px;white-space:nowrap}"
    "table.spark td{border:0;padding:0 1px 0 0;vertical-align:bottom;height:44px}"
    "table.spark td.axis{height:1px;background:#bbb;padding:0}"
    "table.facts td{border:0;padding:.05em .6em .05em 0}td.t{white-space:normal}"
    ".sheet{margin-bottom:2em}.total td{font-weight:bold;border-top:2px solid #222}"
    "@page{size:A4;margin:14mm}"
    /* A sheet is no wider than an A4 page inside its margins; a note wraps,
     * a word longer than its cell too. */
    ".sheet{max-width:182mm}.sheet td.t,.sheet table.facts td{white-space:normal;"
    "overflow-wrap:anywhere;word-break:break-word}"
    "@media print{body{max-width:none}th{background:none}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    ".sheet{page-break-after:always;margin:0;font-size:11px}.sheet table{font-size:10px}"
    ".sheet th,.sheet td{padding:.1em .35em}}";

void
html_set_org(const char *company, const char *currency)
{
	free(org_company);
	free(org_currency);
	org_company = company && *company ? xstrdup(company) : NULL;
	org_currency = currency && *currency ? xstrdup(currency) : NULL;
}

void
html_text(const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", hout()); break;
		case '>': fputs("&gt;", hout()); break;
		case '&': fputs("&amp;", hout()); break;
		case '"': fputs("&quot;", hout()); break;
		case '\'': fputs("&#39;", hout()); break;
		default: putc_h(*s);
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
	    hout());
	html_text(title);
	if (org_company) {
		fputs(" \xc2\xb7 ", hout());
		html_text(org_company);
	}
	fprintf(hout(), "</title>\n<style>%s</style></head>\n<body>\n<h1>", style);
	html_text(title);
	fputs("</h1>\n", hout());
	if (org_company || org_currency) {
		fputs("<p class=\"org\">", hout());
		if (org_company)
			html_text(org_company);
		if (org_company && org_currency)
			fputs(" \xc2\xb7 ", hout());
		if (org_currency) {
			fputs(org_company ? "amounts in " : "Amounts in ", hout());
			html_text(org_currency);
		}
		fputs("</p>\n", hout());
	}
}

void
html_end(void)
{
	if (!page_open)
		return;
	page_open = 0;
	fputs("</body></html>\n", hout());
}

int
html_page_open(void)
{
	return page_open;
}

void
html_heading(const char *s)
{
	fputs("<h2>", hout());
	html_text(s);
	fputs("</h2>\n", hout());
}

void
html_para(const char *s)
{
	fputs("<p>", hout());
	html_text(s);
	fputs("</p>\n", hout());
}

void
html_sheet(const char *heading, const struct html_fact *facts, size_t nfacts,
	   const char *const *cols, const int *numeric, size_t ncols, const char *const *cells,
	   size_t nrows, const struct html_fact *totals, size_t ntotals)
{
	size_t i, k;

	fputs("<div class=\"sheet\">\n", hout());
	html_heading(heading);
	fputs("<table class=\"facts\">\n", hout());
	for (i = 0; i < nfacts; i++) {
		fputs("<tr><td>", hout());
		html_text(facts[i].label);
		fputs("</td><td>", hout());
		html_text(facts[i].value);
		fputs("</td></tr>\n", hout());
	}
	fputs("</table>\n<table>\n<tr>", hout());
	for (k = 0; k < ncols; k++) {
		fputs(numeric[k] ? "<th class=\"n\">" : "<th>", hout());
		html_text(cols[k]);
		fputs("</th>", hout());
	}
	fputs("</tr>\n", hout());
	for (i = 0; i < nrows; i++) {
		fputs("<tr>", hout());
		for (k = 0; k < ncols; k++) {
			/* The last column is text, kept whole: it wraps. */
			fputs(numeric[k] ? "<td class=\"n\">" : k + 1 == ncols ? "<td class=\"t\">" :
			    "<td>", hout());
			html_text(cells[i * ncols + k]);
			fputs("</td>", hout());
		}
		fputs("</tr>\n", hout());
	}
	fputs("</table>\n<table class=\"facts\">\n", hout());
	for (i = 0; i < ntotals; i++) {
		fputs(i + 1 == ntotals ? "<tr class=\"total\"><td>" : "<tr><td>", hout());
		html_text(totals[i].label);
		fputs("</td><td class=\"n\">", hout());
		html_text(totals[i].value);
		fputs("</td></tr>\n", hout());
	}
	fputs("</table>\n</div>\n", hout());
}

/* v's place on a scale 0..max (max > 0), in tenths of a percent. */
static long
permille(int64_t v, int64_t max)
{
	if (v <= 0 || max <= 0)
		return 0;
	if (v >= max)
		return 1000;
	return (long)((__int128)v * 1000 / max);
}

/* A label's cell: the name, with the id as its title. */
static void
label_cell(const char *label, const char *id, const char *attrs)
{
	fprintf(hout(), "<td%s", attrs);
	if (id && *id) {
		fputs(" title=\"", hout());
		html_text(id);
		putc_h('"');
	}
	putc_h('>');
	html_text(label && *label ? label : id ? id : "");
	fputs("</td>", hout());
}

/* One bar: cells from 0 to 1000 (tenths of a percent of the track), each
 * segment in its colour up to its end, the rest the track's, and the mark
 * as the left border of the cell that starts at it. */
static void
bar(const long *end, size_t nseg, long mark)
{
	long cut[HTML_MAXSEG + 3], a, b;
	size_t n = 0, i, k, j;
	const char *color;

	cut[n++] = 0;
	for (k = 0; k < nseg; k++)
		cut[n++] = end[k];
	if (mark >= 0)
		cut[n++] = mark;
	cut[n++] = 1000;
	/* sorted, without repeats */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && cut[j - 1] > cut[j]; j--) {
			a = cut[j], cut[j] = cut[j - 1], cut[j - 1] = a;
		}
	fputs("<table class=\"bar\" role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\"><tr>",
	    hout());
	for (i = 0; i + 1 < n; i++) {
		a = cut[i], b = cut[i + 1];
		if (b <= a)
			continue;
		for (color = TRACK_COLOR, k = 0; k < nseg; k++)
			if (a < end[k]) {
				color = seg_color[k];
				break;
			}
		fprintf(hout(), "<td style=\"width:%ld.%ld%%;height:12px;background:%s", (b - a) / 10,
		    (b - a) % 10, color);
		if (a == mark && mark > 0)
			fprintf(hout(), ";border-left:2px solid %s", MARK_COLOR);
		if (b == mark && b == 1000)
			fprintf(hout(), ";border-right:2px solid %s", MARK_COLOR);
		fputs("\"></td>", hout());
	}
	fputs("</tr></table>", hout());
}

char *
html_money(int64_t v, char *buf)
{
	int64_t unit = 1, units, rest;
	struct buf b = BUF_INIT;
	char whole[MONEY_BUFSZ];
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
	snprintf(whole, sizeof whole, "%lld", (long long)units);
	numfmt(&b, whole);
	snprintf(buf, MONEY_BUFSZ, "%s", b.data);
	buf_free(&b);
	return buf;
}

void
html_stacked(const char *title, const char *const *seg_names, size_t nseg,
	     const struct html_stack *items, size_t n, int64_t max, const char *mark_legend)
{
	long end[HTML_MAXSEG];
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
	html_heading(title);
	if (nseg > 1) {
		fputs("<p class=\"legend\">", hout());
		for (k = 0; k < nseg; k++) {
			fprintf(hout(), "<span class=\"key\" style=\"background:%s\"></span>", seg_color[k]);
			html_text(seg_names[k]);
		}
		fputs("</p>\n", hout());
	}
	fputs("<table class=\"chart\" role=\"presentation\">\n", hout());
	for (i = 0; i < n; i++) {
		fputs("<tr>", hout());
		label_cell(items[i].label, items[i].id, " class=\"lbl\"");
		fputs("<td class=\"val\">", hout());
		html_text(items[i].text ? items[i].text : "");
		fputs("</td></tr>\n<tr><td colspan=\"2\">", hout());
		for (sum = 0, k = 0; k < nseg; k++) {
			v = items[i].seg[k];
			if (v > 0 && sum <= INT64_MAX - v)
				sum += v;
			/* Each segment ends where the running sum does: no gaps. */
			end[k] = permille(sum, max);
		}
		bar(end, nseg, items[i].has_mark ? permille(items[i].mark, max) : -1);
		fputs("</td></tr>\n", hout());
	}
	fputs("</table>\n", hout());
	if (mark_legend) {
		fputs("<p><small>", hout());
		html_text(mark_legend);
		fputs("</small></p>\n", hout());
	}
}

void
html_sparks(const char *title, const char *const *series, const char *const *ids,
	    size_t nseries, const int64_t *values, size_t npoints,
	    const char *const *point_labels)
{
	const long chart_h = 44;
	char num[MONEY_BUFSZ];
	int64_t max = 0;
	long col_w;
	size_t s, p;

	if (nseries == 0 || npoints == 0)
		return;
	for (s = 0; s < nseries * npoints; s++)
		if (values[s] > max)
			max = values[s];
	html_heading(title);
	col_w = 160 / (long)npoints;
	if (col_w < 3)
		col_w = 3;
	fputs("<div class=\"wrap\">", hout());
	for (s = 0; s < nseries; s++) {
		fputs("<table class=\"spark\" role=\"presentation\"><caption", hout());
		if (ids && ids[s] && *ids[s]) {
			fputs(" title=\"", hout());
			html_text(ids[s]);
			putc_h('"');
		}
		putc_h('>');
		html_text(series[s]);
		fputs("</caption><tr>", hout());
		for (p = 0; p < npoints; p++) {
			fputs("<td title=\"", hout());
			if (point_labels) {
				html_text(point_labels[p]);
				fputs(": ", hout());
			}
			html_text(html_money(values[s * npoints + p], num));
			fprintf(hout(), "\" style=\"width:%ldpx;height:%ldpx;vertical-align:bottom\">"
			    "<div style=\"height:%ldpx;background:%s\"></div></td>", col_w, chart_h,
			    permille(values[s * npoints + p], max) * chart_h / 1000, seg_color[0]);
		}
		fprintf(hout(), "</tr><tr><td class=\"axis\" colspan=\"%zu\"></td></tr></table>\n", npoints);
	}
	fputs("</div>\n", hout());
}

void
html_attainment(const char *title, const struct html_perf_row *rows, size_t n)
{
	struct html_stack *it = xcalloc(n + 1, sizeof *it);
	char (*text)[96] = xcalloc(n + 1, sizeof *text), money[MONEY_BUFSZ], pct[STATS_BUFSZ];
	struct buf b = BUF_INIT;
	int64_t max = 1000;
	size_t i;

	for (i = 0; i < n; i++) {
		it[i].label = rows[i].label;
		it[i].id = rows[i].id;
		it[i].seg[0] = rows[i].has_attainment ? rows[i].attainment : 0;
		/* The pace mark: where attainment should be today. */
		if (rows[i].has_mark && rows[i].quota > 0) {
			it[i].has_mark = 1;
			it[i].mark = (int64_t)((__int128)rows[i].expected * 1000 / rows[i].quota);
		}
		if (rows[i].has_attainment) {
			buf_reset(&b);
			numfmt(&b, stats_tenths(rows[i].attainment, pct));
			if (rows[i].counted)
				snprintf(text[i], sizeof text[i], "%s%% of %lld", b.data,
				    (long long)rows[i].quota);
			else
				snprintf(text[i], sizeof text[i], "%s%% of %s", b.data,
				    html_money(rows[i].quota, money));
		} else {
			snprintf(text[i], sizeof text[i], "no quota");
		}
		it[i].text = text[i];
		if (it[i].seg[0] > max)
			max = it[i].seg[0];
	}
	html_stacked(title, NULL, 1, it, n, max, NULL);
	buf_free(&b);
	free(it);
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
	const char **ids = xcalloc(n + 1, sizeof *ids);
	const char **months = xcalloc(n + 1, sizeof *months);
	size_t i, ns = 0, nm = 0, *si = xcalloc(n + 1, sizeof *si), *mi = xcalloc(n + 1, sizeof *mi);
	int64_t *won;

	for (i = 0; i < n; i++) {
		mi[i] = index_of(months, &nm, rows[i].month);
		/* a series per id; its name beside */
		si[i] = index_of(ids, &ns, rows[i].id ? rows[i].id : rows[i].label);
		series[si[i]] = rows[i].label && *rows[i].label ? rows[i].label : ids[si[i]];
	}
	won = xcalloc(ns && nm ? ns * nm : 1, sizeof *won);
	for (i = 0; i < n; i++)
		won[si[i] * nm + mi[i]] = rows[i].won;
	html_sparks(title, series, ids, ns, won, nm, months);
	free(series);
	free(ids);
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
	char a[MONEY_BUFSZ], b[MONEY_BUFSZ], c[MONEY_BUFSZ], d[MONEY_BUFSZ];
	struct buf nb = BUF_INIT;
	int64_t fc, pct;
	size_t k;

	for (k = 0; k < n; k++) {
		it[k].label = rows[k].label;
		it[k].id = rows[k].id;
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
		    money_div_round(pct, rows[k].target, &pct) == 0) {
			snprintf(d, sizeof d, "%lld", (long long)pct);
			buf_reset(&nb);
			numfmt(&nb, d);
			snprintf(text[k], sizeof text[k], "won %s, forecast %s of %s (%s%%)",
			    html_money(rows[k].won, c), html_money(fc, a),
			    html_money(rows[k].target, b), nb.data);
		} else {
			snprintf(text[k], sizeof text[k], "won %s, forecast %s%s",
			    html_money(rows[k].won, c), html_money(fc, a),
			    rows[k].has_target ? "" : ", no target");
		}
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
	buf_free(&nb);
	free(it);
	free(text);
}
