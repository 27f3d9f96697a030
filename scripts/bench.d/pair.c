/*
 * pair: time two commands in turn, each run a whole process, for two
 * builds that cannot share a data directory (a format of a cache changed
 * between them; bench-interactive --against refuses them).
 *
 *   pair N COMMAND-A [ARG...] -- COMMAND-B [ARG...]
 *
 * Runs A and B N times each, taking turns to go first, with standard
 * output to /dev/null, and prints the median wall time of each in
 * milliseconds and the median over the runs of A's time over B's (above
 * 1: B is faster).  Commands are run as given (posix_spawn, no PATH
 * search).  Exit status 1, with a message, when a run does not exit 0;
 * 2 on a usage error.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, by_value);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One run of cmd, its wall time in ms; exits 1 unless it exits 0. */
static double
run(char **cmd, const posix_spawn_file_actions_t *fa)
{
	double t = now_ms();
	pid_t pid;
	int st, e;

	if ((e = posix_spawn(&pid, cmd[0], fa, NULL, cmd, environ)) != 0) {
		fprintf(stderr, "pair: %s: %s\n", cmd[0], strerror(e));
		exit(1);
	}
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "pair: %s: did not exit 0\n", cmd[0]);
		exit(1);
	}
	return now_ms() - t;
}

int
main(int argc, char *argv[])
{
	posix_spawn_file_actions_t fa;
	char **a = argv + 2, **b = NULL, *end;
	double *ta, *tb, *x;
	long n;
	int i;

	for (i = 2; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			argv[i] = NULL;
			b = argv + i + 1;
			break;
		}
	n = argc > 1 ? strtol(argv[1], &end, 10) : 0;
	if (argc < 5 || !b || !*b || a == b - 1 || *end || n < 1 || n > 100000) {
		fprintf(stderr, "usage: pair N COMMAND-A [ARG...] -- COMMAND-B [ARG...]\n");
		return 2;
	}
	ta = calloc((size_t)n, sizeof *ta);
	tb = calloc((size_t)n, sizeof *tb);
	x = calloc((size_t)n, sizeof *x);
	if (!ta || !tb || !x) {
		perror("pair");
		return 1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	for (i = 0; i < n; i++) {
		if (i % 2) {
			tb[i] = run(b, &fa);
			ta[i] = run(a, &fa);
		} else {
			ta[i] = run(a, &fa);
			tb[i] = run(b, &fa);
		}
		x[i] = ta[i] / tb[i];
	}
	printf("A median %.3f ms\nB median %.3f ms\nA/B median %.2f\n", median(ta, (int)n),
	    median(tb, (int)n), median(x, (int)n));
	return 0;
}
