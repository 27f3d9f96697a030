/* Unit tests of lib/id.c. */
#include <string.h>

#include "id.h"
#include "unit.h"

int
main(void)
{
	const char *good[] = { "anna", "a", "0", "north-2", "j.smith", "x_y",
	    "abcdefghijklmnopqrstuvwxyz012345" };
	const char *bad[] = { "", "../x", "a/b", ".", "-x", "Anna", "a b", "é",
	    "abcdefghijklmnopqrstuvwxyz0123456", "_a", "a\tb", "%n" };
	size_t i;

	for (i = 0; i < sizeof good / sizeof *good; i++)
		CHECK(id_check(good[i]) == NULL, "'%s' is a good id", good[i]);
	for (i = 0; i < sizeof bad / sizeof *bad; i++)
		CHECK(id_check(bad[i]) != NULL, "bad id %zu refused", i);
	CHECK_STR(id_check(""), "is empty", "empty id reason");
	CHECK_STR(id_check("abcdefghijklmnopqrstuvwxyz0123456"), "is longer than 32 bytes",
	    "33 bytes reason");
	CHECK_STR(id_check("-x"), "must start with a-z or 0-9", "leading dash reason");
	/* The reasons in their order, whatever byte ends the run of good ones. */
	CHECK_STR(id_check("abcdefghijklmnop Qrstuvwxyz0123456"), "is longer than 32 bytes",
	    "a long id with a bad byte: too long first");
	CHECK_STR(id_check("Xbc"), "must start with a-z or 0-9", "capital first");
	CHECK_STR(id_check("a.b_c-d\xc3\xa9"), "may hold only a-z, 0-9, '.', '_' and '-'",
	    "a byte not of an id at the end");
	CHECK_STR(id_check("ab@c"), "may hold only a-z, 0-9, '.', '_' and '-'",
	    "an e-mail address is no id");
	CHECK(genid_check("D1", 'D') == NULL, "D1 is a deal id");
	CHECK(genid_check("D1234", 'D') == NULL, "D1234 is a deal id");
	CHECK(genid_check("D0", 'D') != NULL, "D0 is not");
	CHECK(genid_check("D01", 'D') != NULL, "D01 is not");
	CHECK(genid_check("N1", 'D') != NULL, "N1 is not a deal id");
	CHECK(genid_check("D", 'D') != NULL, "D alone is not");
	CHECK(genid_check("D1x", 'D') != NULL, "D1x is not");
	CHECK(genid_check("N7", 'N') == NULL, "N7 is a note id");
	{
		char id[GENID_SZ];

		CHECK_INT((long)genid_format(id, 'D', 1), 2, "D1 is two bytes");
		CHECK_STR(id, "D1", "deal 1 is D1");
		genid_format(id, 'D', 1000000);
		CHECK_STR(id, "D1000000", "deal 1000000 is D1000000");
		genid_format(id, 'N', 9223372036854775807LL);
		CHECK_STR(id, "N9223372036854775807", "the largest number");
	}
	{
		/* genid_next() against genid_format(), across every carry */
		char next[GENID_SZ], want[GENID_SZ];
		long long n, bad = 0;
		size_t len = genid_format(next, 'D', 1);

		for (n = 2; n <= 1000100; n++) {
			len = genid_next(next, len);
			genid_format(want, 'D', n);
			bad += strcmp(next, want) != 0 || len != strlen(want);
		}
		CHECK_INT((long)bad, 0, "genid_next() counts D1 to D1000100 as genid_format()");
		len = genid_format(next, 'N', 99999999);
		len = genid_next(next, len);
		CHECK_STR(next, "N100000000", "N99999999 is followed by N100000000");
		CHECK_INT((long)len, 10, "N100000000 is ten bytes");
	}
	return unit_done();
}
