/*
 * reap: run a command, then wait for every process it leaves behind, so
 * that the CPU time of the caller's children (bash's times) counts them
 * all: a writer's background work (the deal index, a month's checkpoint)
 * goes on after the writer has exited, as an orphan that this process
 * adopts (PR_SET_CHILD_SUBREAPER) and reaps.
 *
 *   reap [-o FILE] COMMAND [ARG...]
 *
 * With -o, the wall time of the command itself (from before its fork to
 * its exit, without what it left behind), in microseconds, is written to
 * FILE.  The exit status is the command's (128 + N if signal N killed
 * it; 127 when it could not be run).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long
now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

int
main(int argc, char *argv[])
{
	const char *out = NULL;
	long long t0, t1;
	int i = 1, st = 0;
	pid_t pid;
	FILE *f;

	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		out = argv[2];
		i = 3;
	}
	if (i >= argc) {
		fputs("usage: reap [-o FILE] COMMAND [ARG...]\n", stderr);
		return 2;
	}
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) {
		perror("reap: prctl");
		return 2;
	}
	t0 = now_us();
	if ((pid = fork()) < 0) {
		perror("reap: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[i], argv + i);
		fprintf(stderr, "reap: %s: %s\n", argv[i], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			perror("reap: waitpid");
			return 2;
		}
	t1 = now_us();
	/* Everything it left behind, until there is no child left. */
	while (wait(NULL) > 0 || errno == EINTR)
		;
	if (out) {
		if (!(f = fopen(out, "w")) || fprintf(f, "%lld\n", t1 - t0) < 0 ||
		    fclose(f) != 0) {
			perror(out);
			return 2;
		}
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
