/*
 * split: a deal's credit split, the split column of the deal ledger
 * (salesmgr-files(5)), as deal-split(1) records it:
 *
 *   anna:60,bob:40,+se:10
 *
 * Shares are REP:PERCENT, the percentage above 0 with at most 2 decimals
 * (33.33); the shares without a plus add up to exactly 100 and divide the
 * deal's credit among their reps; a share with a plus is an overlay:
 * credit on top, for that rep alone, that takes nothing from the others.
 * At most SPLIT_MAX shares, a rep in one share only.  An empty text is no
 * split: the owner has the whole credit.
 *
 *   if (split_parse(text, &sp, why, sizeof why) < 0) ... why says what ...
 *   split_credit(&sp, amount, part);   part[i]: sp.rep[i]'s credit
 *   split_format(&sp, buf)             the ledger's text, shares as given
 *   split_hand_over(&sp, from, to)     from's share becomes to's
 *
 * split_credit() divides an amount among the shares without a plus by
 * the largest remainder (money_split: whole cents, down, then a cent each
 * to the largest remainders, ties to the share written first), so they add
 * up to the amount to the cent; an overlay's part is amount x percent
 * rounded half away from zero, on its own.
 */
#ifndef SPLIT_H
#define SPLIT_H
#include <stddef.h>
#include <stdint.h>
#include "id.h"

#define SPLIT_MAX 16
#define SPLIT_BUFSZ (SPLIT_MAX * (ID_MAX + 10))
#define SPLIT_WHYSZ 160

struct split {
	size_t n;
	char rep[SPLIT_MAX][ID_MAX + 1];
	int64_t bp[SPLIT_MAX];		/* the percentage in hundredths */
	int overlay[SPLIT_MAX];
};

/* 0, or -1 with the reason in why ("shares add up to 90, not 100"). */
int split_parse(const char *text, struct split *sp, char *why, size_t whysz);
/* An amount over the shares (sp from split_parse); -1 on overflow. */
int split_credit(const struct split *sp, int64_t amount, int64_t *part);
char *split_format(const struct split *sp, char buf[SPLIT_BUFSZ]);
/*
 * Give from's share to to (rep-end --hand-over): 0 when from has no share.
 * When to holds a share already, the two become one: two shares or two
 * overlays add up; a share and an overlay make a share (to is credited
 * once, with the share's percentage: an overlay on one's own share would
 * credit the same rep twice).  Returns 1 when sp changed.
 */
int split_hand_over(struct split *sp, const char *from, const char *to);

#endif
