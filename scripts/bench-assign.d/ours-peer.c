/*
 * ours-peer: assign-solve's solver alone, for scripts/bench-assign: the
 * same pairs as the peers get, solved by lib/assign.c, and the time of
 * assign_solve() alone (the pairs already in memory, as the peers time
 * theirs).  assign-solve itself is what the bench times as a whole.
 * usage: ours-peer PAIRS.tsv CAPACITY [paths|simplex]
 * Prints "objective N", "seconds S" and "solvers paths|simplex|paths,
 * simplex" (which ran: the paths may hand over to the simplex).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "assign.h"
#include "intern.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char *argv[])
{
	struct intern *agents = intern_new(), *tasks = intern_new();
	struct assign *a = assign_new();
	struct assign_result res;
	char *line = NULL, *t1, *t2;
	size_t len = 0, i;
	ssize_t n;
	FILE *fp;
	int64_t *cap;
	double t0, t;
	int st;

	if (argc < 3 || argc > 4) {
		fputs("usage: ours-peer PAIRS.tsv CAPACITY [paths|simplex]\n", stderr);
		return 2;
	}
	if (!(fp = fopen(argv[1], "r"))) {
		perror(argv[1]);
		return 1;
	}
	if (argc == 4)
		assign_method(a, strcmp(argv[3], "paths") == 0 ? ASSIGN_PATHS : ASSIGN_SIMPLEX,
		    ASSIGN_BUDGET);
	for (i = 0; (n = getline(&line, &len, fp)) > 0; i++) {
		if (i == 0)
			continue;
		if (!(t1 = strchr(line, '\t')) || !(t2 = strchr(t1 + 1, '\t')))
			return 1;
		assign_add(a, intern_add(agents, line, (size_t)(t1 - line)),
		    intern_add(tasks, t1 + 1, (size_t)(t2 - t1 - 1)), strtoll(t2 + 1, NULL, 10));
	}
	free(line);
	fclose(fp);
	cap = calloc(intern_count(agents) + 1, sizeof *cap);
	for (i = 0; i < intern_count(agents); i++)
		cap[i] = atoll(argv[2]);
	t0 = now();
	st = assign_solve(a, intern_count(agents), intern_count(tasks), cap, ASSIGN_MAXIMIZE, &res);
	t = now() - t0;
	if (st != ASSIGN_OK) {
		fprintf(stderr, "ours-peer: assign_solve: %d\n", st);
		return 1;
	}
	printf("objective %lld\nseconds %.3f\nsolvers %s\n", (long long)res.objective, t,
	    res.method == ASSIGN_PATHS ? "paths" : res.method == ASSIGN_SIMPLEX ? "simplex" :
	    "paths,simplex");
	assign_result_free(&res);
	assign_free(a);
	intern_free(agents);
	intern_free(tasks);
	free(cap);
	return 0;
}
