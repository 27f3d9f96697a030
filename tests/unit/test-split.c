#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "split.h"
#include "unit.h"

/* The parts of amount by text, as "a b c", or the reason it is refused. */
static const char *
parts(const char *text, int64_t amount)
{
	static char out[512];
	char why[SPLIT_WHYSZ];
	int64_t part[SPLIT_MAX];
	struct split sp;
	size_t i, len = 0;

	if (split_parse(text, &sp, why, sizeof why) < 0) {
		snprintf(out, sizeof out, "%s", why);
		return out;
	}
	if (split_credit(&sp, amount, part) < 0)
		return "overflow";
	out[0] = '\0';
	for (i = 0; i < sp.n; i++)
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%lld", i ? " " : "",
		    (long long)part[i]);
	return out;
}

int
main(void)
{
	char buf[SPLIT_BUFSZ], why[SPLIT_WHYSZ];
	struct split sp;
	int64_t part[SPLIT_MAX], sum;
	size_t i, k;

	/* The shares without a plus add up to the amount, to the cent. */
	CHECK_STR(parts("anna:60,bob:40", 10000), "6000 4000", "60/40 of 100.00");
	CHECK_STR(parts("anna:33.34,bob:33.33,cid:33.33", 100001), "33341 33330 33330",
	    "1000.01 in thirds: the cent left to the largest remainder");
	CHECK_STR(parts("bob:33.33,cid:33.34,anna:33.33", 1), "0 1 0",
	    "0.01 in thirds: the cent to the largest share");
	CHECK_STR(parts("a:50,b:50", 1), "1 0", "a tie goes to the share written first");
	CHECK_STR(parts("a:50,b:50", -3), "-2 -1", "a negative amount splits like its size");
	CHECK_STR(parts("anna:33.34,bob:33.33,cid:33.33,+sam:10", 100001),
	    "33341 33330 33330 10000", "an overlay on top, rounded on its own");
	CHECK_STR(parts("a:100,+b:0.5", 1), "1 0", "an overlay of half a cent's 0.005 rounds to 0");
	CHECK_STR(parts("a:100,+b:50", 1), "1 1", "half a cent rounds up");
	CHECK_STR(parts("a:100,+b:50", -1), "-1 -1", "and away from zero below it");
	CHECK_STR(parts("a:100", INT64_MAX), "9223372036854775807", "the largest amount whole");
	/* Refused, with the reason. */
	CHECK_STR(parts("a:60,b:30", 1), "shares add up to 90, not 100", "not 100");
	CHECK_STR(parts("a:60,b:40.5", 1), "shares add up to 100.5, not 100", "over 100");
	CHECK_STR(parts("", 1), "no shares given", "empty");
	CHECK_STR(parts("a:100,", 1), "a share is empty", "a trailing comma");
	CHECK_STR(parts("a:50,,b:50", 1), "share '' is not REP:PERCENT", "an empty share");
	CHECK_STR(parts("a", 1), "share 'a' is not REP:PERCENT", "no percentage");
	CHECK_STR(parts("a:0,b:100", 1),
	    "share 'a:0' is not a percentage above 0 with at most 2 decimals", "0 percent");
	CHECK_STR(parts("a:1.234,b:98.766", 1),
	    "share 'a:1.234' is not a percentage above 0 with at most 2 decimals", "3 decimals");
	CHECK_STR(parts("a:101", 1),
	    "share 'a:101' is not a percentage above 0 with at most 2 decimals", "over 100 percent");
	CHECK_STR(parts("a:50,a:50", 1), "rep 'a' has two shares", "a rep twice");
	CHECK_STR(parts("a:100,+a:5", 1), "rep 'a' has two shares", "a rep and an overlay");
	CHECK_STR(parts("+a:100", 1),
	    "only overlays given: shares without a plus must add up to 100", "overlays only");
	CHECK_STR(parts("A:100", 1), "bad rep 'A' in a share: must start with a-z or 0-9",
	    "a bad id");
	CHECK_STR(parts("r1:6.25,r2:6.25,r3:6.25,r4:6.25,r5:6.25,r6:6.25,r7:6.25,r8:6.25,"
	    "r9:6.25,r10:6.25,r11:6.25,r12:6.25,r13:6.25,r14:6.25,r15:6.25,r16:6.25,+r17:1", 1),
	    "more than 16 shares", "17 shares");
	/* The ledger's text, given back as written. */
	CHECK(split_parse("anna:60.00,bob:40,+se:7.50", &sp, why, sizeof why) == 0, "parsed");
	CHECK_STR(split_format(&sp, buf), "anna:60,bob:40,+se:7.5", "formatted in short");
	/* Any amount over 2 to 16 shares of random weights adds up exactly. */
	for (k = 0; k < 2000; k++) {
		size_t n = 2 + k % 15, left = 10000, len = 0;
		int64_t amount = (int64_t)(k * 7919 % 1000003) - 500000;

		buf[0] = '\0';
		for (i = 0; i < n; i++) {
			size_t bp = i == n - 1 ? left : 1 + (k * 31 + i * 17) % (left - (n - 1 - i));

			left -= bp;
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%sr%zu:%zu.%02zu",
			    i ? "," : "", i, bp / 100, bp % 100);
		}
		if (split_parse(buf, &sp, why, sizeof why) < 0 ||
		    split_credit(&sp, amount, part) < 0)
			break;
		for (i = 0, sum = 0; i < n; i++)
			sum += part[i];
		if (sum != amount)
			break;
	}
	CHECK_INT(k, 2000, "2000 random splits add up to their amounts (%s)", k < 2000 ? buf : "");
	return unit_done();
}
