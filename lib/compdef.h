/*
 * compdef: a commission plan as comp-plan(1) reads and writes it: the row of
 * comp-plans.tsv and the rows of comp-tiers.tsv, as canonical text (money,
 * rates and percentages in the form the tables keep).  comp.h computes with
 * plans; this is their editing.
 *
 *   struct comp_def d;
 *   comp_def_load(plans, row, tiers, "std", &d);    as the tables have it
 *   comp_def_parse_tiers(in, "0:5 100:8", &d);       1 if bad (reported)
 *   comp_def_store(plans, tiers, "std", &d);        replace it there
 *   comp_def_describe(&d, d.title, &b);             "marginal, tiers 0:5 ..."
 *   comp_def_tiers(&d, &b);                         "0:5 100:8"
 */
#ifndef COMPDEF_H
#define COMPDEF_H
#include <stddef.h>
#include "buf.h"
#include "comp.h"
#include "input.h"
#include "money.h"
#include "table.h"

/* A plan as comp-plans.tsv and comp-tiers.tsv hold it, canonical. */
struct comp_def {
	char title[512], mode[16], threshold[24], cap[MONEY_BUFSZ], days[24];
	char claw_rate[16];	/* "", effective or paid */
	size_t ntiers;
	long long from[COMP_MAX_TIERS];
	char rate[COMP_MAX_TIERS][MONEY_RATE_BUFSZ];
};

/* "0:5 100:8,150:10" -> d's tiers, in order of from; 1 if bad (each
 * fault reported on in). */
int comp_def_parse_tiers(struct input *in, const char *s, struct comp_def *d);
/* The plan for the audit log and messages, with title (control characters
 * shown as spaces). */
void comp_def_describe(const struct comp_def *d, const char *title, struct buf *b);
/* Plan id as the tables have it, at row of plans (-1: none; d is empty
 * then); its tiers in order of from, whatever the file's order. */
void comp_def_load(const struct table *plans, long row, const struct table *tiers,
		   const char *id, struct comp_def *d);
/* Write d into the tables as plan id, in place of what it was. */
void comp_def_store(struct table *plans, struct table *tiers, const char *id,
		    const struct comp_def *d);
/* NULL if d is not an override plan or a good one (one tier, from 0; no
 * threshold, no clawback), else why not: comp-plan refuses it, sales-check
 * reports it. */
const char *comp_def_override_problem(const struct comp_def *d);
/* The tiers as "FROM:RATE ..." in b (reset first). */
void comp_def_tiers(const struct comp_def *d, struct buf *b);

#endif
