/* Unit tests of lib/suggest.c (did you mean) and dealin's slugs. */
#include <string.h>

#include "dealin.h"
#include "suggest.h"
#include "table.h"
#include "unit.h"

int
main(void)
{
	static const char *const cols[] = { "rep", "name" };
	static const char *const names[] = { "north", "south", "enterprise" };
	char buf[SUGGEST_BUFSZ], slug[DEALIN_IDSZ];
	struct table *t = table_new("reps.tsv", cols, 2);
	size_t r;

	r = table_add_row(t), table_set(t, r, 0, "anna"), table_set(t, r, 1, "Anna de Vries");
	r = table_add_row(t), table_set(t, r, 0, "olivia"), table_set(t, r, 1, "Olivia Grant");
	r = table_add_row(t), table_set(t, r, 0, "bob"), table_set(t, r, 1, "Bob Roy");
	CHECK_STR(suggest(t, "rep", "name", "ana", "x", buf), "did you mean 'anna'?",
	    "one letter missing");
	CHECK_STR(suggest(t, "rep", "name", "olivai", "x", buf), "did you mean 'olivia'?",
	    "two letters swapped");
	CHECK_STR(suggest(t, "rep", "name", "Olivia Grant", "x", buf),
	    "did you mean 'olivia'?", "a name gives its id");
	CHECK_STR(suggest(t, "rep", "name", "bob roy", "x", buf), "did you mean 'bob'?",
	    "a name in another case");
	CHECK_STR(suggest(t, "rep", "name", "zed", "add it with rep-add", buf),
	    "add it with rep-add", "nothing close: the fallback");
	CHECK_STR(suggest(t, "rep", "name", "bo", "x", buf), "did you mean 'bob'?",
	    "short ids: one edit");
	CHECK_STR(suggest(NULL, "rep", "name", "bo", "x", buf), "x", "no table: the fallback");
	CHECK_STR(suggest_among(names, 3, "enterprize", "y", buf),
	    "did you mean 'enterprise'?", "a plain list");
	CHECK_INT(suggest_distance("kitten", "sitting", 5), 3, "edit distance");
	CHECK_INT(suggest_distance("abcdef", "zzzzzz", 2), 3, "capped at cap + 1");
	dealin_slug("Acme Trading BV", slug);
	CHECK_STR(slug, "acme-trading-bv", "slug of a company");
	dealin_slug("  Müller & Söhne GmbH.", slug);
	CHECK_STR(slug, "muller-sohne-gmbh", "slug: accents dropped, signs joined");
	dealin_slug("東京", slug);
	CHECK_STR(slug, "", "slug: nothing left");
	dealin_slug("a very long company name that goes on and on and on", slug);
	CHECK(strlen(slug) <= 32, "slug: at most 32 bytes");
	table_free(t);
	return unit_done();
}
