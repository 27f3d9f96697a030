/* numfmt: numbers as people read them (see numfmt.h). */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "numfmt.h"
#include "xalloc.h"

static char group_sep[8] = ",", decimal_sep[8] = ".";
static char *config_locale;
static int looked;

void
numfmt_set_locale(const char *name)
{
	free(config_locale);
	config_locale = name && *name ? xstrdup(name) : NULL;
	looked = 0;
}

/* C, POSIX and C.UTF-8 say nothing about how a person writes numbers. */
static int
people_locale(const char *name)
{
	return name && strcmp(name, "C") != 0 && strcmp(name, "POSIX") != 0 &&
	    strncmp(name, "C.", 2) != 0;
}

static void
take(const struct lconv *lc)
{
	if (*lc->decimal_point && strlen(lc->decimal_point) < sizeof decimal_sep)
		strcpy(decimal_sep, lc->decimal_point);
	if (*lc->thousands_sep && strlen(lc->thousands_sep) < sizeof group_sep)
		strcpy(group_sep, lc->thousands_sep);
	else if (strcmp(decimal_sep, ",") == 0)
		strcpy(group_sep, ".");
}

static void
look(void)
{
	const char *name;

	if (looked)
		return;
	looked = 1;
	strcpy(group_sep, ",");
	strcpy(decimal_sep, ".");
	name = setlocale(LC_NUMERIC, "");
	if (people_locale(name)) {
		take(localeconv());
	} else if (config_locale) {
		if (setlocale(LC_NUMERIC, config_locale))
			take(localeconv());
		else
			warn("config.tsv: number_locale '%.64s' is not a locale of this machine "
			    "(locale -a lists them); numbers are written as in C", config_locale);
	}
	setlocale(LC_NUMERIC, "C");
}

const char *
numfmt_group_sep(void)
{
	look();
	return group_sep;
}

const char *
numfmt_decimal_sep(void)
{
	look();
	return decimal_sep;
}

int
numfmt_is_number(const char *s)
{
	const char *d;

	if (*s == '-')
		s++;
	for (d = s; *s >= '0' && *s <= '9'; s++)
		;
	if (s == d)
		return 0;
	if (*s == '.') {
		for (d = ++s; *s >= '0' && *s <= '9'; s++)
			;
		if (s == d)
			return 0;
	}
	return *s == '\0';
}

void
numfmt(struct buf *b, const char *s)
{
	const char *digits, *end;
	size_t n, i;

	if (!numfmt_is_number(s)) {
		buf_adds(b, s);
		return;
	}
	look();
	if (*s == '-')
		buf_addc(b, *s++);
	digits = s;
	for (end = s; *end >= '0' && *end <= '9'; end++)
		;
	n = (size_t)(end - digits);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_adds(b, group_sep);
		buf_addc(b, digits[i]);
	}
	if (*end == '.') {
		buf_adds(b, decimal_sep);
		buf_adds(b, end + 1);
	}
}
