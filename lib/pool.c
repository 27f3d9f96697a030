/* pool: worker threads (see pool.h). */
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

#include "pool.h"
#include "xalloc.h"

enum { QUEUED, RUNNING, DONE };

struct job {
	void (*fn)(void *);
	void *arg;
	int state;
	struct job *next;
};

/* Two queues, taken from the head. */
struct queue {
	struct job *head, *tail;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work = PTHREAD_COND_INITIALIZER;	/* a job queued */
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;	/* a job done */
static struct queue queue[2];
static int nthreads;		/* 0: not decided yet */
static int started;		/* the workers are running */

static void
push(struct job *j, enum pool_when when)
{
	struct queue *q = &queue[when];

	j->next = NULL;
	if (q->tail)
		q->tail->next = j;
	else
		q->head = j;
	q->tail = j;
}

/* Take j out of its queue (it is queued). */
static void
unlink_job(struct job *j)
{
	struct job **p, *prev;
	int k;

	for (k = 0; k < 2; k++)
		for (p = &queue[k].head, prev = NULL; *p; prev = *p, p = &(*p)->next)
			if (*p == j) {
				*p = j->next;
				if (queue[k].tail == j)
					queue[k].tail = prev;
				return;
			}
}

/* The next queued job, taken out and marked running; NULL if none:
 * POOL_SOON ones first for a worker, POOL_LATER ones first for a thread
 * waiting for a job that runs elsewhere (pool.h). */
static struct job *
take(int waiting)
{
	struct job *j;
	int i, k;

	for (i = 0; i < 2; i++)
		if ((j = queue[k = waiting ? 1 - i : i].head)) {
			queue[k].head = j->next;
			if (!queue[k].head)
				queue[k].tail = NULL;
			j->state = RUNNING;
			return j;
		}
	return NULL;
}

/* Run a job taken under the lock, and take the lock again. */
static void
run(struct job *j)
{
	pthread_mutex_unlock(&lock);
	j->fn(j->arg);
	pthread_mutex_lock(&lock);
	j->state = DONE;
	pthread_cond_broadcast(&done);
}

static void *
worker(void *unused)
{
	struct job *j;

	(void)unused;
	pthread_mutex_lock(&lock);
	for (;;) {
		while (!(j = take(0)))
			pthread_cond_wait(&work, &lock);
		run(j);
	}
	return NULL;
}

static int
cpus(void)
{
	const char *e = getenv("SALESMGR_THREADS");
	cpu_set_t set;
	long n;
	char *end;

	if (e && *e) {
		n = strtol(e, &end, 10);
		if (*end == '\0' && n >= 1)
			return n > POOL_MAX ? POOL_MAX : (int)n;
	}
	if (sched_getaffinity(0, sizeof set, &set) == 0)
		n = CPU_COUNT(&set);
	else
		n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > POOL_MAX ? POOL_MAX : (int)n;
}

/* fork() copies the lock and the queues, not the workers: the child
 * starts with none, and with the lock free.  It makes its condition
 * variables anew: the copies still count the parent's workers waiting in
 * them, who are not there to wake, and the first wait or signal in the
 * child could wait for them for ever (a writer that had replayed in
 * threads, then writing a checkpoint in a child, hung holding the lock). */
static void
before_fork(void)
{
	pthread_mutex_lock(&lock);
}

static void
after_fork_parent(void)
{
	pthread_mutex_unlock(&lock);
}

static void
after_fork_child(void)
{
	queue[0].head = queue[0].tail = queue[1].head = queue[1].tail = NULL;
	started = 0;
	pthread_cond_init(&work, NULL);
	pthread_cond_init(&done, NULL);
	pthread_mutex_init(&lock, NULL);	/* free, and no other thread's */
}

/* Under the lock: decide how many threads, and start the workers. */
static void
start(void)
{
	static int forks_handled;
	pthread_attr_t attr;
	pthread_t t;
	int i;

	if (!nthreads)
		nthreads = cpus();
	if (started)
		return;
	started = 1;
	if (!forks_handled && pthread_atfork(before_fork, after_fork_parent,
	    after_fork_child) == 0)
		forks_handled = 1;
	if (!forks_handled || pthread_attr_init(&attr) != 0)
		return;
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (i = 1; i < nthreads; i++)
		if (pthread_create(&t, &attr, worker, NULL) != 0)
			break;
	pthread_attr_destroy(&attr);
}

struct job *
pool_submit(void (*fn)(void *), void *arg, enum pool_when when)
{
	struct job *j = xcalloc(1, sizeof *j);

	j->fn = fn;
	j->arg = arg;
	j->state = QUEUED;
	pthread_mutex_lock(&lock);
	start();
	push(j, when);
	if (nthreads > 1)
		pthread_cond_signal(&work);
	pthread_mutex_unlock(&lock);
	return j;
}

/* Under the lock: until j is done, running it or others meanwhile.  With
 * one thread only j itself runs: in the order the jobs are waited for. */
static void
finish(struct job *j)
{
	struct job *other;

	if (j->state == QUEUED) {
		unlink_job(j);
		j->state = RUNNING;
		run(j);
	}
	while (j->state != DONE) {
		if (nthreads > 1 && (other = take(1)))
			run(other);
		else
			pthread_cond_wait(&done, &lock);
	}
}

void
pool_wait(struct job *j)
{
	pthread_mutex_lock(&lock);
	finish(j);
	pthread_mutex_unlock(&lock);
	free(j);
}

int
pool_drop(struct job *j)
{
	int dropped = 0;

	pthread_mutex_lock(&lock);
	if (j->state == QUEUED) {
		unlink_job(j);
		dropped = 1;
	} else
		finish(j);
	pthread_mutex_unlock(&lock);
	free(j);
	return dropped;
}

int
pool_threads(void)
{
	int n;

	pthread_mutex_lock(&lock);
	if (!nthreads)
		nthreads = cpus();
	n = nthreads;
	pthread_mutex_unlock(&lock);
	return n;
}
