/* assign-solve: the optimal assignment of tasks to agents, as a filter. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assign.h"
#include "buf.h"
#include "cli.h"
#include "decimal.h"
#include "err.h"
#include "intern.h"
#include "money.h"
#include "out.h"
#include "tsv.h"
#include "xalloc.h"

static const char usage[] =
    "usage: assign-solve [--capacity FILE|N] [--maximize | --minimize] [--from FILE]\n"
    "                    [-o FORMAT] [--no-header] [--raw] [--columns LIST]\n"
    "                    [--color WHEN] [-q]\n";

static struct cli cli;
static const char *capacity = "1", *from = "-";
static int direction = ASSIGN_MAXIMIZE;
static cli_fn direction_option;
static const struct cli_opt options[] = {
	CLI_OPT("capacity", "FILE|N", &capacity, "N tasks per agent, or a file of agent, capacity"),
	CLI_CALL("maximize", NULL, direction_option, &direction,
	    "the greatest total value (default)"),
	CLI_CALL("minimize", NULL, direction_option, &direction, "the least total value (a cost)"),
	CLI_OPT("from", "FILE", &from, "read agent, task and value from FILE (default stdin)"),
	CLI_OPTS_REPORT,
	CLI_OPT_QUIET("write nothing on standard error but errors"),
	CLI_END
};

static struct intern *agents, *tasks;
static struct buf shown[2];

/* A name as TSV writes it, so a message stays on its line. */
static const char *
show(int slot, const char *s)
{
	buf_reset(&shown[slot]);
	tsv_escape(&shown[slot], s, strlen(s));
	return shown[slot].data;
}

/* NULL for a wholly empty input, which is no pairs (input.h). */
static struct tsv_reader *
open_input(const char *path)
{
	struct tsv_reader *r = tsv_open_path(path);
	int st;

	if (!r)
		die_errno("%s", path);
	if ((st = tsv_header(r)) == TSV_EOF) {
		tsv_close(r);
		return NULL;
	}
	if (st != TSV_ROW)
		die("%s", tsv_error(r));
	return r;
}

static int
column(struct tsv_reader *r, const char *name)
{
	int c = tsv_col(r, name);

	if (c < 0)
		die("%s:1: missing column '%s'", r->name, name);
	return c;
}

/* The next well-formed row: 1, or 0 at the end.  A malformed one is
 * reported and counted in *bad; a read error is fatal. */
static int
next_row(struct tsv_reader *r, size_t *bad)
{
	int st;

	while ((st = tsv_next(r)) != TSV_EOF) {
		if (st == TSV_IOERR)
			die("%s", tsv_error(r));
		if (st == TSV_ROW)
			return 1;
		warn("%s", tsv_error(r));
		++*bad;
	}
	return 0;
}

/* Read every pair; values go in at the most decimals any of them has. */
static void
read_pairs(const char *from, struct assign *a, int *scale)
{
	struct tsv_reader *r = open_input(from);
	int ca, ct, cv, d, why;
	size_t bad = 0, ai = 0, ti = SIZE_MAX, lastlen = SIZE_MAX;
	const char *name;
	char last[256];
	int64_t v;

	if (!r)
		return;
	ca = column(r, "agent"), ct = column(r, "task"), cv = column(r, "value");
	while (next_row(r, &bad)) {
		if (r->flen[ca] == 0 || r->flen[ct] == 0) {
			warn("%s:%lu: empty %s", r->name, r->line, r->flen[ca] ? "task" : "agent");
			bad++;
			continue;
		}
		if ((why = dec_parse(r->f[cv], &v, &d)) < 0) {
			if (why == -3)
				warn("%s:%lu: value '%.64s' has more than %d decimals",
				    r->name, r->line, r->f[cv], DEC_MAX_DECIMALS);
			else
				warn("%s:%lu: value '%.64s' %s", r->name, r->line, r->f[cv],
				    why == -1 ? "is not an integer or amount" : "is out of range");
			bad++;
			continue;
		}
		if (d > *scale) {
			if (assign_scale(a, dec_pow10(d - *scale)) < 0)
				die("%s:%lu: value '%.64s' needs %d decimals, and an earlier "
				    "value is out of range at that many", r->name, r->line, r->f[cv], d);
			*scale = d;
		} else if (d < *scale && __builtin_mul_overflow(v, dec_pow10(*scale - d), &v)) {
			warn("%s:%lu: value '%.64s' is out of range at %d decimals",
			    r->name, r->line, r->f[cv], *scale);
			bad++;
			continue;
		}
		/* Pairs come agent by agent as a rule: spare the hash. */
		if (r->flen[ca] != lastlen || memcmp(r->f[ca], last, lastlen) != 0) {
			ai = intern_add(agents, r->f[ca], r->flen[ca]);
			lastlen = r->flen[ca] < sizeof last ? r->flen[ca] : SIZE_MAX;
			if (lastlen != SIZE_MAX)
				memcpy(last, r->f[ca], lastlen);
		}
		/* ... and then task by task in the same order each time. */
		ti = ti + 1 < intern_count(tasks) ? ti + 1 : 0;
		name = intern_name(tasks, ti);
		if (!name || strlen(name) != r->flen[ct] || memcmp(name, r->f[ct], r->flen[ct]) != 0)
			ti = intern_add(tasks, r->f[ct], r->flen[ct]);
		if (ai > ASSIGN_MAX_INDEX || ti > ASSIGN_MAX_INDEX)
			die("%s:%lu: too many agents or tasks", r->name, r->line);
		assign_add(a, ai, ti, v);
	}
	if (bad)
		die("%s: %zu bad %s; nothing was assigned", r->name, bad, bad == 1 ? "row" : "rows");
	tsv_close(r);
}

/*
 * Capacities from a file, agent and capacity: agents it names that have
 * no pairs are no concern, but every agent with a pair needs a row.
 */
static int64_t *
read_capacity(struct tsv_reader *r)
{
	size_t n = intern_count(agents), bad = 0, i;
	int64_t *cap = xcalloc(n ? n : 1, sizeof *cap);
	char *seen = xcalloc(n ? n : 1, 1);
	int ca = column(r, "agent"), cc = column(r, "capacity");
	long long c;
	long ai;

	while (next_row(r, &bad)) {
		if (parse_uint(r->f[cc], INT64_MAX, &c) < 0) {
			warn("%s:%lu: capacity '%.64s' is not a count (0 or more)",
			    r->name, r->line, r->f[cc]);
			bad++;
			continue;
		}
		if ((ai = intern_get(agents, r->f[ca], r->flen[ca])) < 0)
			continue;
		if (seen[ai]++) {
			warn("%s:%lu: agent '%.64s' listed twice", r->name, r->line, r->f[ca]);
			bad++;
		}
		cap[ai] = c;
	}
	for (i = 0; i < n; i++)
		if (!seen[i]) {
			warn("%s: no capacity for agent '%.64s'", r->name,
			    show(0, intern_name(agents, i)));
			bad++;
		}
	free(seen);
	if (bad) {
		free(cap);	/* so that LeakSanitizer stays quiet on the way out */
		die("%s: %zu %s; nothing was assigned", r->name, bad, bad == 1 ? "problem" : "problems");
	}
	tsv_close(r);
	return cap;
}

static const int32_t *by_agent;

static int
cmp_pair(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	int c = strcmp(intern_name(agents, (size_t)by_agent[a]), intern_name(agents, (size_t)by_agent[b]));

	return c ? c : strcmp(intern_name(tasks, a), intern_name(tasks, b));
}

static int
cmp_task(const void *x, const void *y)
{
	return strcmp(intern_name(tasks, *(const size_t *)x), intern_name(tasks, *(const size_t *)y));
}

/* The tasks assigned, by agent then task, then the others by task. */
static size_t *
sort_tasks(const struct assign_result *res, size_t n)
{
	size_t *order = xcalloc(n + 1, sizeof *order), i, k = 0, u = res->assigned;

	for (i = 0; i < n; i++)
		order[res->agent[i] >= 0 ? k++ : u++] = i;
	by_agent = res->agent;
	qsort(order, res->assigned, sizeof *order, cmp_pair);
	qsort(order + res->assigned, n - res->assigned, sizeof *order, cmp_task);
	return order;
}

static const char *
solve_error(int st)
{
	switch (st) {
	case ASSIGN_RANGE:
		return "the values lie too far apart to solve exactly (2^60 units at most)";
	case ASSIGN_OVERFLOW:
		return "the total value is out of range";
	default:
		return "out of memory";
	}
}

/* The later of --maximize and --minimize wins. */
static void
direction_option(struct cli *c, const struct cli_opt *o, const char *arg)
{
	(void)c;
	(void)arg;
	*(int *)o->value = strcmp(o->name, "minimize") == 0 ? ASSIGN_MINIMIZE : ASSIGN_MAXIMIZE;
}

/* --capacity: a number is one capacity for all (in *all); anything else
 * names a file, returned open. */
static struct tsv_reader *
capacity_file(int64_t *all)
{
	struct tsv_reader *f;
	long long c;

	if (*capacity >= '0' && *capacity <= '9') {
		if (parse_uint(capacity, INT64_MAX, &c) < 0)
			die_status(EXIT_USAGE, "invalid --capacity '%s': want a count or a file",
			    capacity);
		*all = c;
		return NULL;
	}
	if (*capacity == '-' && capacity[1] >= '0' && capacity[1] <= '9')
		die_status(EXIT_USAGE, "invalid --capacity '%s': want a count or a file", capacity);
	if (!(f = tsv_open_path(capacity)))
		die_errno("%s", capacity);
	return f;
}

/* The assignment on stdout, the summary on stderr (not with -q). */
static void
print(const struct assign_result *res, const size_t *order, size_t n, int scale)
{
	struct out_col cols[] = { { "agent", OUT_TEXT, 1 }, { "task", OUT_TEXT, 1 }, { "value", OUT_INT, 1 } };
	char vbuf[DEC_BUFSZ], obuf[DEC_BUFSZ];
	const char *row[3];
	struct out *o;
	size_t i;

	if (scale > 0)
		cols[2].kind = OUT_NUM;
	o = out_start(out_resolve(cli.format), cols, 3, cli.no_header);
	for (i = 0; i < res->assigned; i++) {
		row[0] = intern_name(agents, (size_t)res->agent[order[i]]);
		row[1] = intern_name(tasks, order[i]);
		row[2] = dec_format(res->value[order[i]], scale, vbuf);
		out_row(o, row);
	}
	out_end(o);
	close_stdout();
	if (cli.quiet)
		return;
	warn("objective %s, %zu %s assigned, %zu unassigned",
	    dec_format(res->objective, scale, obuf), res->assigned,
	    res->assigned == 1 ? "task" : "tasks", n - res->assigned);
	for (i = res->assigned; i < n; i++)
		warn("task '%s' unassigned", show(0, intern_name(tasks, order[i])));
}

int
main(int argc, char *argv[])
{
	struct tsv_reader *capfile;
	struct assign_result res;
	struct assign *a;
	size_t *order, n, i;
	int64_t *cap, all = 0;
	int scale = 0, st;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv))
		cli_usage(&cli);
	capfile = capacity_file(&all);

	agents = intern_new();
	tasks = intern_new();
	a = assign_new();
	read_pairs(from, a, &scale);
	if (capfile) {
		if ((st = tsv_header(capfile)) == TSV_EOF)
			die("%s: empty input (no header line)", capfile->name);
		if (st != TSV_ROW)
			die("%s", tsv_error(capfile));
		cap = read_capacity(capfile);
	} else {
		cap = xcalloc(intern_count(agents) + 1, sizeof *cap);
		for (i = 0; i < intern_count(agents); i++)
			cap[i] = all;
	}
	st = assign_solve(a, intern_count(agents), intern_count(tasks), cap, direction, &res);
	if (st == ASSIGN_DUPLICATE)
		die("%s: agent '%.64s' and task '%.64s' paired twice",
		    strcmp(from, "-") ? from : "stdin",
		    show(0, intern_name(agents, res.agent_dup)),
		    show(1, intern_name(tasks, res.task_dup)));
	if (st != ASSIGN_OK)
		die("%s", solve_error(st));

	n = intern_count(tasks);
	order = sort_tasks(&res, n);
	print(&res, order, n, scale);
	free(order);
	free(cap);
	assign_result_free(&res);
	assign_free(a);
	intern_free(agents);
	intern_free(tasks);
	buf_free(&shown[0]);
	buf_free(&shown[1]);
	return 0;
}
