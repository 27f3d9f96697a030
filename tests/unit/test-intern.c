/* Unit tests of lib/intern.c. */
#include <stdio.h>

#include "intern.h"
#include "unit.h"

int
main(void)
{
	struct intern *h = intern_new();
	char name[32];
	size_t i, bad = 0;

	CHECK_INT(intern_add(h, "anna", 4), 0, "first key gets index 0");
	CHECK_INT(intern_add(h, "bob", 3), 1, "second key gets index 1");
	CHECK_INT(intern_add(h, "anna", 4), 0, "a known key keeps its index");
	CHECK_INT(intern_get(h, "bob", 3), 1, "get finds a key");
	CHECK_INT(intern_get(h, "bo", 2), -1, "a prefix is a different key");
	CHECK_INT(intern_get(h, "carl", 4), -1, "an unknown key is -1");
	/* Enough keys to grow the table several times and fill many arenas. */
	for (i = 0; i < 200000; i++) {
		snprintf(name, sizeof name, "r%zu", i);
		if (intern_add(h, name, strlen(name)) != i + 2)
			bad++;
	}
	CHECK_INT(bad, 0, "200000 keys get dense indexes");
	for (i = 0; i < 200000; i += 997) {
		snprintf(name, sizeof name, "r%zu", i);
		if (intern_get(h, name, strlen(name)) != (long)(i + 2) ||
		    strcmp(intern_name(h, i + 2), name) != 0)
			bad++;
	}
	CHECK_INT(bad, 0, "every key found again after growing, with its name");
	CHECK_INT(intern_count(h), 200002, "count");
	CHECK_STR(intern_name(h, 0), "anna", "the name of index 0");
	intern_free(h);
	return unit_done();
}
