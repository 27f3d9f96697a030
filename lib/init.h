/*
 * init: the first content of a data directory (sales-init, sales-gen).
 *
 * init_create() has store_create() (store.h) make the directory: 0700,
 * missing parents made, refused if it is a symlink, not owned by the
 * user, or not empty (an earlier sales-init that crashed before its last
 * step is the one exception).  It then writes every table with its header
 * and the default stages, config.tsv last, since its presence is what
 * makes the directory usable, each through store_replace_data(), and logs
 * the creation in audit.tsv.  It returns the directory open for writing,
 * with the exclusive lock held, for the caller to add to and
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
