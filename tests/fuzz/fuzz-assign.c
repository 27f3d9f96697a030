/*
 * fuzz-assign: a small instance from the bytes (up to 5 agents with 0..3
 * places, 7 tasks, any pairs missing, values in a narrow or a wide range,
 * either direction), solved by shortest paths alone, by the network
 * simplex alone and by the two handing over after a budget from the
 * bytes.  Each answer must be an assignment (pairs that exist, their
 * values, places kept) and all must equal exhaustive search: the most
 * tasks, then the best total.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAXA = 5, MAXT = 7 };

static int na, nt, dir;
static int64_t cap[MAXA], val[MAXA][MAXT], left[MAXA];
static int allowed[MAXA][MAXT];
static int best_n;
static int64_t best_v;

static void
search(int t, int n, int64_t v)
{
	int a;

	if (t == nt) {
		if (best_n < 0 || n > best_n ||
		    (n == best_n && (dir == ASSIGN_MAXIMIZE ? v > best_v : v < best_v)))
			best_n = n, best_v = v;
		return;
	}
	search(t + 1, n, v);
	for (a = 0; a < na; a++)
		if (allowed[a][t] && left[a] > 0) {
			left[a]--;
			search(t + 1, n + 1, v + val[a][t]);
			left[a]++;
		}
}

static void
solve(int method, size_t budget)
{
	struct assign *a = assign_new();
	struct assign_result res;
	int i, t, used[MAXA] = { 0 };
	int64_t sum = 0;
	size_t n = 0;

	for (i = 0; i < na; i++)
		for (t = 0; t < nt; t++)
			if (allowed[i][t])
				assign_add(a, (size_t)i, (size_t)t, val[i][t]);
	assign_method(a, method, budget);
	if (assign_solve(a, (size_t)na, (size_t)nt, cap, dir, &res) != ASSIGN_OK)
		abort();
	for (t = 0; t < nt; t++) {
		i = res.agent[t];
		if (i < 0)
			continue;
		if (i >= na || !allowed[i][t] || res.value[t] != val[i][t] || ++used[i] > cap[i])
			abort();
		sum += res.value[t];
		n++;
	}
	if (sum != res.objective || n != res.assigned || (int)n != best_n || sum != best_v)
		abort();
	if (method == ASSIGN_SIMPLEX && res.method != ASSIGN_SIMPLEX)
		abort();
	assign_result_free(&res);
	assign_free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i = 3;
	int a, t, wide;

	if (size < 3)
		return 0;
	na = 1 + data[0] % MAXA;
	nt = 1 + data[1] % MAXT;
	dir = data[2] & 1 ? ASSIGN_MINIMIZE : ASSIGN_MAXIMIZE;
	wide = data[2] & 2;
	for (a = 0; a < na; a++)
		cap[a] = i < size ? data[i++] % 4 : 1;
	for (a = 0; a < na; a++)
		for (t = 0; t < nt; t++) {
			uint8_t b = i < size ? data[i++] : 0;

			allowed[a][t] = b % 5 != 0;
			/* narrow values tie often; wide ones stretch the sums */
			val[a][t] = wide ? (int64_t)(int8_t)b * ((int64_t)1 << 48) : (int64_t)(b % 7) - 3;
		}
	best_n = -1;
	best_v = 0;
	memcpy(left, cap, sizeof cap);
	search(0, 0, 0);
	solve(ASSIGN_PATHS, ASSIGN_BUDGET);
	solve(ASSIGN_SIMPLEX, ASSIGN_BUDGET);
	solve(ASSIGN_AUTO, ASSIGN_BUDGET);
	solve(ASSIGN_AUTO, data[2] >> 2);
	return 0;
}
