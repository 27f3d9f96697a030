/*
 * datadir: where the data directory is, and the one setting that is needed
 * before it is opened, its time zone.
 *
 *   datadir_option(arg);                 cli.h, for -D
 *   path = datadir_resolve(option);      -D, then $SALESMGR_DIR, then
 *                                        ${XDG_DATA_HOME:-$HOME/.local/share}/salesmgr
 *   tz = datadir_timezone();             config.tsv's timezone, or NULL
 *
 * datadir_resolve() dies when there is no HOME to fall back on.
 * datadir_timezone() reads config.tsv of the directory the recorded -D (or
 * the environment) names, without the lock (a table is replaced whole,
 * never changed in place) and quietly: a missing directory, a missing or
 * broken config.tsv is for store_open() and sales-check to report, and is
 * simply no time zone here.  The caller frees the result.
 */
#ifndef DATADIR_H
#define DATADIR_H

void datadir_option(const char *dir_option);
char *datadir_resolve(const char *dir_option);
char *datadir_timezone(void);

#endif
