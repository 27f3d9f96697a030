#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compdef.h"
#include "xalloc.h"

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* "0:5 100:8,150:10" -> d's tiers, by from; 1 if bad (reported). */
int
comp_def_parse_tiers(struct input *in, const char *s, struct comp_def *d)
{
	char *copy = xstrdup(s), *tok, *save = NULL, *colon;
	long long from[COMP_MAX_TIERS], order[COMP_MAX_TIERS];
	int64_t bp[COMP_MAX_TIERS];
	size_t n = 0, i, j;
	int bad = 0;

	for (tok = strtok_r(copy, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
		if (n == COMP_MAX_TIERS) {
			input_error(in, "more than %d tiers", COMP_MAX_TIERS);
			bad = 1;
			break;
		}
		if (!(colon = strchr(tok, ':'))) {
			input_error(in, "tier '%.64s' is not FROM:RATE (attainment %%:rate %%, "
			    "like 100:8)", tok);
			bad = 1;
			continue;
		}
		*colon = '\0';
		if (parse_uint(tok, COMP_MAX_FROM, &from[n]) < 0) {
			input_error(in, "tier '%.64s:%.64s': from '%.64s' is not a whole "
			    "percentage (0 to %d)", tok, colon + 1, tok, COMP_MAX_FROM);
			bad = 1;
			continue;
		}
		if (money_rate_parse(colon + 1, &bp[n]) < 0) {
			input_error(in, "tier '%.64s:%.64s': rate '%.64s' is not a percentage "
			    "from 0 to 100 with at most 2 decimals (like 5 or 7.5)", tok, colon + 1,
			    colon + 1);
			bad = 1;
			continue;
		}
		for (j = 0; j < n; j++)
			if (from[j] == from[n]) {
				input_error(in, "tier from %lld%% is given twice", from[n]);
				bad = 1;
			}
		n++;
	}
	free(copy);
	if (bad)
		return 1;
	if (n == 0) {
		input_error(in, "tier '%.64s' is not FROM:RATE (attainment %%:rate %%, like 100:8)",
		    s);
		return 1;
	}
	for (i = 0; i < n; i++)
		order[i] = from[i];
	qsort(order, n, sizeof *order, cmp_ll);
	d->ntiers = n;
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			if (from[j] == order[i]) {
				d->from[i] = from[j];
				money_rate_format(bp[j], d->rate[i]);
			}
	return 0;
}

void
comp_def_describe(const struct comp_def *d, const char *title, struct buf *b)
{
	size_t i;

	buf_printf(b, "%s, tiers", d->mode);
	if (*d->product)
		buf_printf(b, " of product %s", d->product);
	if (*d->type)
		buf_printf(b, " of type %s", d->type);
	for (i = 0; i < d->ntiers; i++)
		buf_printf(b, " %lld:%s", d->from[i], d->rate[i]);
	if (*d->threshold)
		buf_printf(b, ", threshold %s%%", d->threshold);
	if (*d->cap)
		buf_printf(b, ", cap %s", d->cap);
	if (*d->days)
		buf_printf(b, ", clawback %s days", d->days);
	if (*d->claw_rate)
		buf_printf(b, " at the %s rate", d->claw_rate);
	if (*title) {
		buf_adds(b, ", title '");
		for (; *title; title++)
			buf_addc(b, (unsigned char)*title < ' ' ? ' ' : *title);
		buf_addc(b, '\'');
	}
}

/* Is tier row i of plan id and of the table of product and type? */
static int
of_table(const struct table *tiers, size_t i, int tp, const char *id, const char *product,
	 const char *type)
{
	return strcmp(table_get(tiers, i, tp), id) == 0 &&
	    strcmp(table_cell(tiers, i, "product"), product) == 0 &&
	    strcmp(table_cell(tiers, i, "type"), type) == 0;
}

size_t
comp_def_tables(const struct table *tiers, const char *id, const char **product,
		const char **type, size_t max)
{
	int tp = table_col(tiers, "plan");
	const char *p, *t, *sp, *st;
	size_t i, k, n = 0;

	for (i = 0; tp >= 0 && i < tiers->nrows; i++) {
		if (strcmp(table_get(tiers, i, tp), id) != 0)
			continue;
		p = table_cell(tiers, i, "product");
		t = table_cell(tiers, i, "type");
		for (k = 0; k < n && k < max; k++)
			if (strcmp(product[k], p) == 0 && strcmp(type[k], t) == 0)
				break;
		if (k < n && k < max)
			continue;
		if (n < max) {
			product[n] = p;
			type[n] = t;
		}
		n++;
	}
	/* the general table first */
	for (k = 1; k < n && k < max; k++)
		if (!*product[k] && !*type[k]) {
			sp = product[k];
			st = type[k];
			product[k] = product[0];
			type[k] = type[0];
			product[0] = sp;
			type[0] = st;
		}
	return n;
}

/* The plan as it is in the tables, with the tiers of one table (ntiers 0
 * if it has none). */
void
comp_def_load(const struct table *plans, long row, const struct table *tiers, const char *id,
	const char *product, const char *type, struct comp_def *d)
{
	const char *fp[COMP_MAX_RATES + 1], *ft[COMP_MAX_RATES + 1];
	int tp = table_col(tiers, "plan"), tf = table_col(tiers, "from"), tr = table_col(tiers, "rate");
	struct comp_def tmp;
	size_t i, k, j;
	long long n;
	int64_t bp;

	memset(d, 0, sizeof *d);
	snprintf(d->product, sizeof d->product, "%s", product);
	snprintf(d->type, sizeof d->type, "%s", type);
	if (row < 0)
		return;
	snprintf(d->title, sizeof d->title, "%s", table_get(plans, (size_t)row, table_col(plans, "title")));
	snprintf(d->mode, sizeof d->mode, "%s", table_get(plans, (size_t)row, table_col(plans, "mode")));
	snprintf(d->threshold, sizeof d->threshold, "%s",
	    table_get(plans, (size_t)row, table_col(plans, "threshold")));
	snprintf(d->cap, sizeof d->cap, "%s", table_get(plans, (size_t)row, table_col(plans, "cap")));
	snprintf(d->days, sizeof d->days, "%s",
	    table_get(plans, (size_t)row, table_col(plans, "clawback_days")));
	snprintf(d->claw_rate, sizeof d->claw_rate, "%s",
	    table_cell(plans, (size_t)row, "clawback_rate"));
	memset(&tmp, 0, sizeof tmp);
	for (i = 0; i < tiers->nrows && tmp.ntiers < COMP_MAX_TIERS; i++) {
		if (!of_table(tiers, i, tp, id, product, type) ||
		    parse_uint(table_get(tiers, i, tf), COMP_MAX_FROM, &n) < 0 ||
		    money_rate_parse(table_get(tiers, i, tr), &bp) < 0)
			continue;
		tmp.from[tmp.ntiers] = n;
		money_rate_format(bp, tmp.rate[tmp.ntiers++]);
	}
	/* In order of from, whatever the file's order. */
	for (k = 0; k < tmp.ntiers; k++) {
		for (j = 0, i = 0; i < tmp.ntiers; i++)
			if (tmp.from[i] < tmp.from[k])
				j++;
		d->from[j] = tmp.from[k];
		memcpy(d->rate[j], tmp.rate[k], sizeof d->rate[j]);
	}
	d->ntiers = tmp.ntiers;
	d->ntables = comp_def_tables(tiers, id, fp, ft, COMP_MAX_RATES + 1);
}

/* Write d into the tables as plan id. */
void
comp_def_store(struct table *plans, struct table *tiers, const char *id, const struct comp_def *d)
{
	int pc = table_col(plans, "plan"), tp = table_col(tiers, "plan");
	char from[24];
	long row = table_find(plans, pc, id);
	size_t i, r;

	if (row < 0) {
		row = (long)table_add_row(plans);
		table_set(plans, (size_t)row, pc, id);
	}
	table_set(plans, (size_t)row, table_col(plans, "title"), d->title);
	table_set(plans, (size_t)row, table_col(plans, "mode"), d->mode);
	table_set(plans, (size_t)row, table_col(plans, "threshold"), d->threshold);
	table_set(plans, (size_t)row, table_col(plans, "cap"), d->cap);
	table_set(plans, (size_t)row, table_col(plans, "clawback_days"), d->days);
	/* A later column: added the first time a plan sets it. */
	if (*d->claw_rate || table_col(plans, "clawback_rate") >= 0)
		table_set(plans, (size_t)row, table_col_add(plans, "clawback_rate"), d->claw_rate);
	for (i = tiers->nrows; i-- > 0;)
		if (of_table(tiers, i, tp, id, d->product, d->type))
			table_del_row(tiers, i);
	for (i = 0; i < d->ntiers; i++) {
		r = table_add_row(tiers);
		snprintf(from, sizeof from, "%lld", d->from[i]);
		table_set(tiers, r, tp, id);
		table_set(tiers, r, table_col(tiers, "from"), from);
		table_set(tiers, r, table_col(tiers, "rate"), d->rate[i]);
		/* Later columns: added the first time a table has a filter. */
		if (*d->product || *d->type || table_col(tiers, "product") >= 0 ||
		    table_col(tiers, "type") >= 0) {
			table_set(tiers, r, table_col_add(tiers, "product"), d->product);
			table_set(tiers, r, table_col_add(tiers, "type"), d->type);
		}
	}
	/* Plans together, each one's tiers in order of from (the sort is stable). */
	table_sort(tiers, &tp, 1);
}

void
comp_def_tiers(const struct comp_def *d, struct buf *b)
{
	size_t i;

	buf_reset(b);
	for (i = 0; i < d->ntiers; i++)
		buf_printf(b, "%s%lld:%s", i ? " " : "", d->from[i], d->rate[i]);
}


const char *
comp_def_problem(const struct comp_def *d)
{
	static char why[96];

	if (d->ntables > COMP_MAX_RATES) {
		snprintf(why, sizeof why, "more than %d tier tables (the general one and a "
		    "table per product and type)", COMP_MAX_RATES);
		return why;
	}
	if (strcmp(d->mode, "override") != 0)
		return NULL;
	if (*d->product || *d->type || d->ntables > 1)
		return "an override pays one rate on every deal: it has no tables by product "
		    "or type";
	if (d->ntiers != 1 || d->from[0] != 0)
		return "an override pays one rate: give one --tier 0:RATE (like --tier 0:2)";
	if (*d->threshold)
		return "an override has no threshold (give --threshold '')";
	if (*d->days || *d->claw_rate)
		return "an override claws nothing back (give --clawback-days '' --clawback-rate '')";
	return NULL;
}
