#include <string.h>

#include "config.h"
#include "err.h"
#include "html.h"
#include "money.h"
#include "numfmt.h"

struct table *
config_load(struct store *s)
{
	struct table *cfg = store_load(s, "config.tsv");
	const char *cur = config_get(cfg, "currency");

	if (*cur)
		money_set_currency(cur);
	numfmt_set_locale(config_get(cfg, "number_locale"));
	html_set_org(config_get(cfg, "company"), cur);
	return cfg;
}

const char *
config_get(const struct table *cfg, const char *key)
{
	long row = table_find(cfg, table_col(cfg, "key"), key);

	if (row < 0)
		return "";
	return table_get(cfg, (size_t)row, table_col(cfg, "value"));
}

long
config_int(const struct table *cfg, const char *key, long min, long max, long def)
{
	const char *v = config_get(cfg, key);
	long long n;

	if (!*v)
		return def;
	if (parse_uint(v, max, &n) < 0 || n < min)
		die("config.tsv: %s '%s' is not a whole number %ld-%ld", key, v, min, max);
	return (long)n;
}

int
config_fiscal_start(const struct table *cfg)
{
	return (int)config_int(cfg, "fiscal_year_start", 1, 12, 1);
}
