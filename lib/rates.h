/*
 * rates: rates.tsv, what one unit of another currency is worth in the
 * company's currency (config.tsv's currency) from a date on, so that a
 * deal made in dollars counts in euros everywhere (salesmgr-files(5)).
 *
 *   date        currency  rate
 *   2026-10-01  USD       0.9215
 *
 * A rate holds from its date until the currency's next row.  Rates are
 * exact decimals (up to 9 decimals) and conversion is integer arithmetic:
 * amount x rate, rounded half away from zero to the company currency's
 * minor unit, never a double.
 *
 *   r = rates_load(s);        no rates.tsv: no rates (every conversion fails)
 *   rates_convert(r, "USD", date, "1234.50", &minor, why, sizeof why)
 *   rates_free(r);
 *
 * Errors: rates_load() dies on a malformed rates.tsv, naming file:line
 * (a date, currency or rate that is not one, a currency given twice for a
 * date).  rates_convert() returns -1 with the reason in why: no rate for
 * the currency on or before the date ("no rate for USD on or before
 * 2026-10-05 in rates.tsv"), an amount that is not a number, or a result
 * past the range of money.
 */
#ifndef RATES_H
#define RATES_H
#include <stddef.h>
#include <stdint.h>
#include "date.h"
#include "store.h"

struct rates;

struct rates *rates_load(struct store *s);
/* The company currency from config.tsv ("" if none is set). */
const char *rates_home(const struct rates *r);
int rates_convert(const struct rates *r, const char *currency, date_t d,
		  const char *amount, int64_t *minor, char *why, size_t whylen);
void rates_free(struct rates *r);

#endif
