/*
 * caches: the caches of reports that writers keep beside the month
 * checkpoints (history.h's history_cache), made in the background after
 * each write that may make one due: rep-show's figures (diagnose.h) and
 * the months of deal-forecast's trailing window (trail.h).
 *
 *   history_checkpoint(s, stages, today, report_caches);
 */
#ifndef CACHES_H
#define CACHES_H
#include "history.h"

extern const struct history_cache *const report_caches[];

#endif
