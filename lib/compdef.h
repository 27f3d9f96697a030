/*
 * compdef: a commission plan as comp-plan(1) reads and writes it: the row of
 * comp-plans.tsv and the rows of comp-tiers.tsv, as canonical text (money,
 * rates and percentages in the form the tables keep).  comp.h computes with
 * plans; this is their editing.  A comp_def holds the plan's row and one of
 * its tier tables (comp.h), the one of its filter: product and type, ""
 * for any (both "": the general table).
 *
 *   struct comp_def d;
 *   comp_def_load(plans, row, tiers, "std", "", "renewal", &d);
 *                                                   as the tables have it
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
#include "id.h"
#include "input.h"
#include "money.h"
#include "table.h"

/* A plan as comp-plans.tsv and comp-tiers.tsv hold it, canonical. */
struct comp_def {
	char title[512], mode[16], threshold[24], cap[MONEY_BUFSZ], days[24];
	char claw_rate[16];	/* "", effective or paid */
	char product[ID_MAX + 1], type[16];	/* the table's filter, "" any */
	size_t ntables;		/* the plan's tier tables, this one counted */
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
 * then), with its tier table for product and type ("" for any): its tiers
 * in order of from, whatever the file's order (none if it has no such
 * table). */
void comp_def_load(const struct table *plans, long row, const struct table *tiers,
		   const char *id, const char *product, const char *type, struct comp_def *d);
/* The filters of plan id's tier tables in comp-tiers.tsv, the general one
 * first if it has one: n (at most max) products and types; returns how
 * many there are, which may be more than max. */
size_t comp_def_tables(const struct table *tiers, const char *id, const char **product,
		       const char **type, size_t max);
/* Write d into the tables as plan id, in place of what it was: the plan's
 * row and d's tier table (none, when d has no tiers); its other tables
 * stay. */
void comp_def_store(struct table *plans, struct table *tiers, const char *id,
		    const struct comp_def *d);
/* NULL if d is a plan that makes sense, else why not: more tier tables
 * than COMP_MAX_RATES, or an override plan that is not one tier from 0
 * in the general table alone, without threshold or clawback.  comp-plan
 * refuses it, sales-check reports it. */
const char *comp_def_problem(const struct comp_def *d);
/* The tiers as "FROM:RATE ..." in b (reset first). */
void comp_def_tiers(const struct comp_def *d, struct buf *b);

#endif
