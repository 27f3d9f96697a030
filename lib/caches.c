/* caches: the report caches writers keep (caches.h). */
#include "caches.h"
#include "diagnose.h"
#include "trail.h"

const struct history_cache *const report_caches[] = { &diagnose_cache, &trail_cache, NULL };
