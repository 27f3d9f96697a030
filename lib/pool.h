/*
 * pool: the process's worker threads, for the reports that read many
 * month files: while the calling thread folds one month, the others parse
 * the next ones.
 *
 *   struct job *j = pool_submit(fn, arg, POOL_SOON);
 *   ... other work ...
 *   pool_wait(j);            fn(arg) has returned: run here if no worker
 *                            had started it; frees j
 *   pool_drop(j);            or: never run it if no worker has started it
 *                            (1, arg is still the caller's), else wait for
 *                            it as pool_wait() does (0); frees j
 *
 * Workers take POOL_SOON jobs before POOL_LATER ones, each kind in the
 * order submitted.  A thread that waits for a job that is running runs
 * other queued jobs meanwhile, so that no CPU idles while there is work:
 * POOL_LATER ones first, as they are meant to be the small ones that
 * fill gaps, and a big one could keep it long after the job it waits for
 * is done, while the others idle for want of what it would do next.
 *
 * How many threads: SALESMGR_THREADS if set (1: every job runs in the
 * thread that waits for it, in that order: for testing that the threads
 * change nothing), else the CPUs this process may run on, at most
 * POOL_MAX; the workers are that number less the calling thread, started
 * on the first pool_submit() and never stopped (they sleep when there is
 * nothing to do, and end with the process).  In a child made by fork()
 * there are none until its own first pool_submit().
 *
 * A job must not die(), exit or write to stdout: it keeps its problem for
 * its owner, who dies with it when it comes to that job's result, in the
 * order a single thread would (see scan_fd() in scan.h).  A thread that
 * cannot be started leaves its jobs to the waiters: never an error.
 */
#ifndef POOL_H
#define POOL_H

#define POOL_MAX 8

enum pool_when { POOL_SOON, POOL_LATER };

struct job;

struct job *pool_submit(void (*fn)(void *), void *arg, enum pool_when when);
void pool_wait(struct job *j);
int pool_drop(struct job *j);
/* How many threads work on jobs, the calling one included (1 or more). */
int pool_threads(void);

#endif
