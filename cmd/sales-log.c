/* sales-log: show the audit log (audit.tsv), oldest first. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"
#include "err.h"
#include "out.h"
#include "store.h"
#include "tsv.h"

static const char usage[] =
    "usage: sales-log [--since DATE] [--until DATE] [--program NAME] [--user NAME]\n"
    "                 [-o FORMAT] [--no-header] [--raw] [--columns LIST]\n"
    "                 [--color WHEN] [-D DIR]\n";

enum { C_TIME, C_USER, C_PROGRAM, C_DETAIL, NCOLS };

static const struct out_col cols[NCOLS] = {
	{ "time", OUT_TEXT, 1 }, { "user", OUT_TEXT, 3 },
	{ "program", OUT_TEXT, 2 }, { "detail", OUT_TEXT, 2 },
};

struct filter {
	const char *since, *until, *program, *user;
};

static struct cli cli;
static struct filter f;
static cli_fn date_option;
static const struct cli_opt options[] = {
	CLI_CALL("since", "DATE", date_option, &f.since, "only the changes made on DATE or later"),
	CLI_CALL("until", "DATE", date_option, &f.until, "only the changes made on DATE or earlier"),
	CLI_OPT("program", "NAME", &f.program, "only the changes made by program NAME"),
	CLI_OPT("user", "NAME", &f.user, "only the changes made by user NAME"),
	CLI_OPTS_REPORT, CLI_OPT_DATA_DIR,
	CLI_END
};

static void
date_option(struct cli *c, const struct cli_opt *o, const char *arg)
{
	date_t d;

	(void)c;
	if (date_parse(arg, &d) < 0)
		die_status(EXIT_USAGE, "invalid date '%s' for --%s: want YYYY-MM-DD",
		    arg, o->name);
	*(const char **)o->value = arg;
}

/* The local date (config.tsv's timezone) of a UTC time
 * "2026-11-26T23:30:00Z"; its first 10 bytes if it is not one. */
static void
local_day(const char *utc, char day[DATE_BUFSZ])
{
	struct tm tm = { 0 };
	const char *end;

	end = strptime(utc, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (end && !*end)
		date_format(date_local(timegm(&tm)), day);
	else
		snprintf(day, DATE_BUFSZ, "%.10s", utc);
}

/* The rows of audit.tsv that pass f, to o; returns the bad rows seen. */
static size_t
show(struct tsv_reader *r, struct out *o, const int *col, const struct filter *f)
{
	const char *v[NCOLS];
	char day[DATE_BUFSZ];
	size_t i, bad = 0;
	int st;

	while ((st = tsv_next(r)) != TSV_EOF) {
		if (st == TSV_IOERR)
			die("%s", tsv_error(r));
		if (r->no_final_newline) {
			warn("%s: last line is torn (run sales-check --repair)", r->name);
			bad++;
			break;
		}
		if (st == TSV_BAD) {
			warn("%s (run sales-check)", tsv_error(r));
			bad++;
			continue;
		}
		for (i = 0; i < NCOLS; i++)
			v[i] = r->f[col[i]];
		/* The times are UTC; --since and --until are local dates. */
		local_day(v[C_TIME], day);
		if ((f->since && strcmp(day, f->since) < 0) ||
		    (f->until && strcmp(day, f->until) > 0) ||
		    (f->program && strcmp(v[C_PROGRAM], f->program) != 0) ||
		    (f->user && strcmp(v[C_USER], f->user) != 0))
			continue;
		out_row(o, v);
	}
	return bad;
}

int
main(int argc, char *argv[])
{
	struct tsv_reader *r = NULL;
	struct store *s;
	struct out *o;
	size_t i, bad = 0;
	int fd, col[NCOLS], st;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv))
		cli_usage(&cli);

	s = store_open(cli.data_dir, STORE_READ);
	/* No audit.tsv yet is an empty log. */
	if ((fd = store_open_read(s, "audit.tsv")) >= 0) {
		r = tsv_open(fd, "audit.tsv");
		st = tsv_header(r);
		if (st == TSV_BAD || st == TSV_IOERR)
			die("%s (run sales-check)", tsv_error(r));
		for (i = 0; st == TSV_ROW && i < NCOLS; i++)
			if ((col[i] = tsv_col(r, cols[i].name)) < 0)
				die("audit.tsv: missing column '%s' (run sales-check)",
				    cols[i].name);
		if (st != TSV_ROW) {
			tsv_close(r);
			r = NULL;
		}
	}
	o = out_start(out_resolve(cli.format), cols, NCOLS, cli.no_header);
	if (r)
		bad = show(r, o, col, &f);
	out_end(o);
	close_stdout();
	tsv_close(r);
	if (fd >= 0)
		close(fd);
	store_close(s);
	return bad ? EXIT_FAIL : 0;
}
