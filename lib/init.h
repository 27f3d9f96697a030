/*
 * init: creating a data directory (sales-init, sales-gen).
 *
 * init_create() makes the directory (and missing parents) 0700, refuses one
 * that is a symlink, not owned by the user, or not empty (an earlier
 * sales-init that crashed before its last step is the one exception: it
 * left only our own tables and no config.tsv), writes every table with its
 * header and the default stages, and config.tsv last, since its presence is
 * what makes the directory usable.  It returns the directory open for
 * writing, with the exclusive lock held, for the caller to add to and
 * store_close().  Every failure is fatal, with a message.
 */
#ifndef INIT_H
#define INIT_H
#include "store.h"

struct init_options {
	const char *currency;		/* "EUR" */
	const char *fiscal_year_start;	/* "1".."12" */
	const char *company;
};

struct store *init_create(const char *path, const struct init_options *o);

#endif
