/*
 * suggest: "did you mean ...?" for an id that is not on file.  Every
 * program that is given a rep, team, course, deal or account it does not
 * know says so through here, so the hint reads the same everywhere:
 *
 *   unknown rep 'ana' (did you mean 'anna'?)
 *   unknown rep 'zed' (add it with rep-add)
 *
 *   hint = suggest(reps, "rep", "name", given, "add it with rep-add", buf);
 *   ... "unknown rep '%s' (%s)", given, hint ...
 *
 * A candidate is an id of the table's idcol (or, when namecol is not NULL,
 * the id of a row whose namecol is close) within a small edit distance of
 * given (one edit for short ids, two from 6 bytes on; a swap of two
 * neighbours is one edit), or the only id that given starts or ends; the
 * closest wins, the first in the table on a tie.  Case is ignored.
 * suggest_among() does the same over a plain list of names.  Never fails.
 */
#ifndef SUGGEST_H
#define SUGGEST_H
#include <stddef.h>
#include "table.h"

#define SUGGEST_BUFSZ 160

const char *suggest(const struct table *t, const char *idcol, const char *namecol,
		    const char *given, const char *otherwise, char buf[SUGGEST_BUFSZ]);
const char *suggest_among(const char *const *names, size_t n, const char *given,
			  const char *otherwise, char buf[SUGGEST_BUFSZ]);
/* Edit distance (optimal string alignment) of a and b, ignoring ASCII
 * case, capped: anything above cap is cap + 1. */
size_t suggest_distance(const char *a, const char *b, size_t cap);

#endif
