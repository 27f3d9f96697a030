/*
 * config: the settings in config.tsv (key, value).
 *
 * config_load() reads the table once and applies what the library itself
 * needs (the currency's minor units to money.h).  config_get() returns the
 * value of a key, or "" when it is not set.  The typed getters die with a
 * message naming config.tsv and the key when a value is malformed.
 * The time zone (key timezone) is read before the directory is opened,
 * by datadir.h for date.h.
 */
#ifndef CONFIG_H
#define CONFIG_H
#include "store.h"
#include "table.h"

struct table *config_load(struct store *s);
const char *config_get(const struct table *cfg, const char *key);
/* fiscal_year_start: 1-12, default 1. */
int config_fiscal_start(const struct table *cfg);
/* A whole number setting in [min, max], or def when unset. */
long config_int(const struct table *cfg, const char *key, long min, long max, long def);


#endif
