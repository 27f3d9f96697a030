/* split: a deal's credit split (see split.h). */
#include <stdio.h>
#include <string.h>

#include "money.h"
#include "split.h"

/* The reason, with the share (n bytes at v) in it: -1. */
static int
bad(char *why, size_t whysz, const char *fmt, const char *v, size_t n)
	__attribute__((format(printf, 3, 0)));
static int
bad(char *why, size_t whysz, const char *fmt, const char *v, size_t n)
{
	snprintf(why, whysz, fmt, (int)(n > 40 ? 40 : n), v);
	return -1;
}

static int
say(char *why, size_t whysz, const char *what)
{
	snprintf(why, whysz, "%s", what);
	return -1;
}

int
split_parse(const char *text, struct split *sp, char *why, size_t whysz)
{
	char item[ID_MAX + 16], rate[MONEY_RATE_BUFSZ];
	const char *p = text, *end, *colon, *reason;
	int64_t sum = 0;
	size_t n, i, main = 0;

	sp->n = 0;
	while (*p) {
		end = strchr(p, ',');
		n = end ? (size_t)(end - p) : strlen(p);
		if (sp->n == SPLIT_MAX)
			return say(why, whysz, "more than 16 shares");
		if (n == 0 || n >= sizeof item || !(colon = memchr(p, ':', n)))
			return bad(why, whysz, "share '%.*s' is not REP:PERCENT", p, n);
		memcpy(item, p, n);
		item[n] = '\0';
		item[colon - p] = '\0';
		sp->overlay[sp->n] = item[0] == '+';
		if ((reason = id_check(item + sp->overlay[sp->n]))) {
			snprintf(why, whysz, "bad rep '%.40s' in a share: %s",
			    item + sp->overlay[sp->n], reason);
			return -1;
		}
		strcpy(sp->rep[sp->n], item + sp->overlay[sp->n]);
		if (money_rate_parse(item + (colon - p) + 1, &sp->bp[sp->n]) < 0 ||
		    sp->bp[sp->n] == 0)
			return bad(why, whysz, "share '%.*s' is not a percentage above 0 "
			    "with at most 2 decimals", p, n);
		for (i = 0; i < sp->n; i++)
			if (strcmp(sp->rep[i], sp->rep[sp->n]) == 0)
				return bad(why, whysz, "rep '%.*s' has two shares",
				    sp->rep[i], strlen(sp->rep[i]));
		if (!sp->overlay[sp->n]) {
			sum += sp->bp[sp->n];
			main++;
		}
		sp->n++;
		p += n;
		if (*p == ',' && !*++p)
			return say(why, whysz, "a share is empty");
	}
	if (sp->n == 0)
		return say(why, whysz, "no shares given");
	if (!main)
		return say(why, whysz, "only overlays given: shares without a plus must "
		    "add up to 100");
	if (sum != 10000) {
		snprintf(why, whysz, "shares add up to %s, not 100", money_rate_format(sum, rate));
		return -1;
	}
	return 0;
}

int
split_credit(const struct split *sp, int64_t amount, int64_t *part)
{
	int64_t w[SPLIT_MAX], got[SPLIT_MAX];
	size_t i, k = 0;

	for (i = 0; i < sp->n; i++)
		if (!sp->overlay[i])
			w[k++] = sp->bp[i];
	if (money_split(amount, w, k, got) < 0)
		return -1;
	for (i = k = 0; i < sp->n; i++)
		if (!sp->overlay[i])
			part[i] = got[k++];
		else if (money_apply_bp(amount, sp->bp[i], &part[i]) < 0)
			return -1;
	return 0;
}

char *
split_format(const struct split *sp, char buf[SPLIT_BUFSZ])
{
	char rate[MONEY_RATE_BUFSZ];
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < sp->n; i++)
		len += (size_t)snprintf(buf + len, SPLIT_BUFSZ - len, "%s%s%s:%s",
		    i ? "," : "", sp->overlay[i] ? "+" : "", sp->rep[i],
		    money_rate_format(sp->bp[i], rate));
	return buf;
}

int
split_hand_over(struct split *sp, const char *from, const char *to)
{
	size_t i, f = sp->n, t = sp->n;

	for (i = 0; i < sp->n; i++)
		if (strcmp(sp->rep[i], from) == 0)
			f = i;
		else if (strcmp(sp->rep[i], to) == 0)
			t = i;
	if (f == sp->n)
		return 0;
	if (t == sp->n) {
		snprintf(sp->rep[f], sizeof sp->rep[f], "%s", to);
		return 1;
	}
	if (sp->overlay[f] == sp->overlay[t])
		sp->bp[t] += sp->bp[f];
	else if (sp->overlay[t]) {
		sp->overlay[t] = 0;
		sp->bp[t] = sp->bp[f];
	}
	memmove(&sp->rep[f], &sp->rep[f + 1], (sp->n - f - 1) * sizeof sp->rep[0]);
	memmove(&sp->bp[f], &sp->bp[f + 1], (sp->n - f - 1) * sizeof sp->bp[0]);
	memmove(&sp->overlay[f], &sp->overlay[f + 1], (sp->n - f - 1) * sizeof sp->overlay[0]);
	sp->n--;
	return 1;
}
