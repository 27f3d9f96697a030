#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "decimal.h"
#include "err.h"
#include "money.h"
#include "rates.h"
#include "schema.h"
#include "table.h"
#include "xalloc.h"

__extension__ typedef __int128 wide;

struct rate {
	char currency[4];
	date_t date;
	int64_t v;
	int scale;
};

struct rates {
	struct rate *v;
	size_t n;
	char home[8];
};

static int
by_currency_date(const void *a, const void *b)
{
	const struct rate *x = a, *y = b;
	int c = strcmp(x->currency, y->currency);

	if (c)
		return c;
	return (x->date > y->date) - (x->date < y->date);
}

struct rates *
rates_load(struct store *s)
{
	static const struct coldef currency = { "currency", COL_CURRENCY, 1, NULL, 1 };
	struct rates *r = xcalloc(1, sizeof *r);
	struct table *cfg = config_load(s), *t;
	const char *home = config_get(cfg, "currency"), *dv, *cv, *rv;
	int fd, dc, cc, rc, bad = 0;
	struct rate *x;
	size_t i;

	snprintf(r->home, sizeof r->home, "%s", home ? home : "");
	table_free(cfg);
	if ((fd = store_open_read(s, "rates.tsv")) < 0)
		return r;
	t = table_read(fd, "rates.tsv");
	close(fd);
	dc = table_col(t, "date");
	cc = table_col(t, "currency");
	rc = table_col(t, "rate");
	if (dc < 0 || cc < 0 || rc < 0)
		die("rates.tsv: the header must have the columns date, currency and rate");
	r->v = xcalloc(t->nrows ? t->nrows : 1, sizeof *r->v);
	for (i = 0; i < t->nrows; i++) {
		x = &r->v[r->n];
		dv = table_get(t, i, dc);
		cv = table_get(t, i, cc);
		rv = table_get(t, i, rc);
		if (date_parse(dv, &x->date) < 0) {
			warn("rates.tsv:%lu: date '%.64s' is not a date (YYYY-MM-DD)", t->lines[i], dv);
			bad++;
		} else if (schema_check_value(&currency, cv)) {
			warn("rates.tsv:%lu: currency '%.64s' is not a currency code (three "
			    "capitals: USD)", t->lines[i], cv);
			bad++;
		} else if (dec_parse(rv, &x->v, &x->scale) < 0 || x->v <= 0) {
			warn("rates.tsv:%lu: rate '%.64s' is not a number above 0 (0.9215)",
			    t->lines[i], rv);
			bad++;
		} else {
			memcpy(x->currency, cv, 4);
			r->n++;
		}
	}
	qsort(r->v, r->n, sizeof *r->v, by_currency_date);
	for (i = 1; i < r->n; i++)
		if (by_currency_date(&r->v[i - 1], &r->v[i]) == 0) {
			warn("rates.tsv: %s has two rates on one date", r->v[i].currency);
			bad++;
		}
	table_free(t);
	if (bad)
		die("rates.tsv: %d problem%s; fix the file", bad, bad == 1 ? "" : "s");
	return r;
}

const char *
rates_home(const struct rates *r)
{
	return r->home;
}

int
rates_convert(const struct rates *r, const char *currency, date_t d, const char *amount,
	      int64_t *minor, char *why, size_t whylen)
{
	const struct rate *best = NULL;
	char day[DATE_BUFSZ];
	int64_t v;
	int scale, shift;
	wide p, div, q, rem;

	size_t i;

	if (dec_parse(amount, &v, &scale) < 0) {
		snprintf(why, whylen, "amount '%.64s' is not a number", amount);
		return -1;
	}
	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].currency, currency) == 0 && r->v[i].date <= d)
			best = &r->v[i];
	if (!best) {
		snprintf(why, whylen, "no rate for %.8s on or before %s in rates.tsv",
		    currency, date_format(d, day));
		return -1;
	}
	p = (wide)v * best->v;
	shift = scale + best->scale - money_decimals();
	if (shift >= 0) {
		div = dec_pow10(shift);
		q = p / div;
		rem = p % div;
		if (2 * (rem < 0 ? -rem : rem) >= div)
			q += p < 0 ? -1 : 1;
	} else
		q = p * dec_pow10(-shift);
	if (q > INT64_MAX || q < -INT64_MAX) {
		snprintf(why, whylen, "%.64s %.8s is out of range in %s", amount, currency,
		    r->home);
		return -1;
	}
	*minor = (int64_t)q;
	return 0;
}

void
rates_free(struct rates *r)
{
	if (!r)
		return;
	free(r->v);
	free(r);
}
