/*
 * stage: the pipeline stages of stages.tsv (stage order probability
 * category state).  stages_load() reads and checks them: at least one open
 * stage, exactly one won and one lost stage; a problem is fatal.
 * Stages are kept in their order; the first open stage is where a new deal
 * starts unless it says otherwise.
 */
#ifndef STAGE_H
#define STAGE_H
#include <stddef.h>
#include "store.h"

enum stage_state { STAGE_OPEN, STAGE_WON, STAGE_LOST };
enum stage_category { CAT_PIPELINE, CAT_BEST, CAT_COMMIT, CAT_CLOSED, CAT_OMITTED };

struct stage {
	char *name;
	int order;
	int probability;	/* percent */
	enum stage_category category;
	enum stage_state state;
};

struct stages {
	struct stage *v;	/* sorted by order */
	size_t n;
	const struct stage *first_open, *won, *lost;
};

struct stages *stages_load(struct store *s);
const struct stage *stage_find(const struct stages *st, const char *name);
void stages_free(struct stages *st);

#endif
