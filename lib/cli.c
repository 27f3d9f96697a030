#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "datadir.h"
#include "err.h"
#include "input.h"
#include "period.h"
#include "schema.h"

/* The most options one program takes, its own and the common ones. */
#define CLI_MAX 96

/* Every program's own two, after the table's in --help. */
static const struct cli_opt always[] = {
	{ CLI_T_HELP, 'h', "help", NULL, NULL, NULL, CLI_TEXT_HELP },
	{ CLI_T_VERSION, 0, "version", NULL, NULL, NULL, CLI_TEXT_VERSION },
	CLI_END
};

/* getopt_long's value for an option without a letter: 256 + its place. */
enum { LONG_ONLY = 256 };

/* --raw: CSV cells as they are, formulas and all (out.h); in either order. */
static void
set_raw(struct cli *c, int raw)
{
	c->raw = raw;
	if (raw && c->format == OUT_CSV)
		c->format = OUT_CSV_RAW;
}

/* -o: o->value is "ics" when the program writes calendar entries. */
static void
set_format(struct cli *c, const struct cli_opt *o, const char *arg)
{
	const char *extra = o->value;	/* "ics", "text" or NULL */

	if (out_format_parse(arg, &c->format) < 0 ||
	    (c->format == OUT_ICS && !(extra && strcmp(extra, "ics") == 0)) ||
	    (c->format == OUT_PLAIN && !(extra && strcmp(extra, "text") == 0))) {
		warn("invalid format '%s': want table, wide, tsv, csv, json%s%s", arg,
		    extra ? ", html or " : " or html", extra ? extra : "");
		die_usage(c->usage);
	}
	set_raw(c, c->raw);
}

static void
set_from(struct cli *c, const char *arg)
{
	c->from = arg;
	/* Read now, before the program waits for the lock. */
	input_preload(arg);
}

/* "  -D, --data-dir=DIR" or "      --no-header" into buf. */
static size_t
option_left(const struct cli_opt *o, char *buf, size_t size)
{
	int n;

	n = snprintf(buf, size, "  %c%c%c --%s%s%s", o->letter ? '-' : ' ',
	    o->letter ? o->letter : ' ', o->letter ? ',' : ' ', o->name,
	    o->arg ? "=" : "", o->arg ? o->arg : "");
	return n < 0 ? 0 : (size_t)n;
}

/* The usage, then one line per option: GNU's --help. */
static _Noreturn void
help(const struct cli *c)
{
	const struct cli_opt *tables[2] = { c->opts, always }, *o;
	char left[128];
	size_t width = 0, n, t;

	for (t = 0; t < 2; t++)
		for (o = tables[t]; o->type != CLI_T_END; o++)
			if ((n = option_left(o, left, sizeof left)) > width)
				width = n;
	fputs(c->usage, stdout);
	putchar('\n');
	for (t = 0; t < 2; t++)
		for (o = tables[t]; o->type != CLI_T_END; o++) {
			option_left(o, left, sizeof left);
			printf("%-*s  %s\n", (int)width, left, o->help);
		}
	close_stdout();
	exit(0);
}

static void
apply(struct cli *c, const struct cli_opt *o, const char *arg)
{
	switch (o->type) {
	case CLI_T_STRING: *(const char **)o->value = arg; break;
	case CLI_T_FLAG: *(int *)o->value = 1; break;
	case CLI_T_CALL: o->fn(c, o, arg); break;
	case CLI_T_DATA_DIR: c->data_dir = arg; datadir_option(arg); break;
	case CLI_T_TODAY: c->today = arg; break;
	case CLI_T_DRY_RUN: c->dry_run = 1; break;
	case CLI_T_QUIET: c->quiet = 1; break;
	case CLI_T_FORMAT: set_format(c, o, arg); break;
	case CLI_T_RAW: set_raw(c, 1); break;
	case CLI_T_NO_HEADER: c->no_header = 1; break;
	case CLI_T_COLUMNS:
		c->columns = arg;
		if (out_set_columns(arg) < 0)
			cli_usage_error(c, "invalid --columns '%.64s': want names of columns, "
			    "like rep,name", arg);
		break;
	case CLI_T_COLOR:
		c->color = arg;
		if (out_set_color(arg) < 0)
			cli_usage_error(c, "invalid --color '%.64s': want auto, always or never",
			    arg);
		break;
	case CLI_T_FROM: set_from(c, arg); break;
	case CLI_T_IGNORE_EXTRA: c->ignore_extra = 1; break;
	case CLI_T_CSV: input_force_csv(); break;
	case CLI_T_HELP: help(c);
	case CLI_T_VERSION:
		printf("%s (salesmgr) %s\n", progname, SALESMGR_VERSION);
		close_stdout();
		exit(0);
	case CLI_T_END: break;
	}
}

int
cli_parse(struct cli *c, const char *usage, const struct cli_opt *opts, int argc,
	  char **argv)
{
	/* Static: --help and --version exit from inside the loop. */
	static const struct cli_opt *all[CLI_MAX];
	static struct option longs[CLI_MAX + 1];
	const struct cli_opt *tables[2] = { opts, always }, *o;
	char shorts[64], *sp = shorts;
	size_t n = 0, i, t;
	int ch;

	c->usage = usage;
	c->opts = opts;
	for (o = opts; o->type != CLI_T_END; o++)
		n++;
	n += sizeof always / sizeof always[0] - 1;
	if (n > CLI_MAX)
		die("%zu options, more than the %d a table may hold", n, CLI_MAX);
	memset(longs, 0, sizeof longs);
	for (i = 0, t = 0; t < 2; t++)
		for (o = tables[t]; o->type != CLI_T_END; o++, i++) {
			all[i] = o;
			longs[i].name = o->name;
			longs[i].has_arg = o->arg ? required_argument : no_argument;
			longs[i].val = o->letter ? o->letter : LONG_ONLY + (int)i;
			if (o->letter && sp < shorts + sizeof shorts - 3) {
				*sp++ = (char)o->letter;
				if (o->arg)
					*sp++ = ':';
			}
		}
	*sp = '\0';
	while ((ch = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (ch == '?' || ch == ':')
			die_usage(usage);	/* getopt has said what is wrong */
		for (i = 0; i < n && longs[i].val != ch; i++)
			;
		apply(c, all[i], optarg);
	}
	c->args = argv + optind;
	c->nargs = argc - optind;
	return c->nargs;
}

void
cli_record(struct cli *c, const char **vals, ...)
{
	va_list ap;
	int field, n = 0;

	va_start(ap, vals);
	while (va_arg(ap, int) >= 0)
		n++;
	va_end(ap);
	if (c->from ? c->nargs != 0 : c->nargs != n)
		cli_usage(c);
	if (c->from)
		return;
	va_start(ap, vals);
	for (n = 0; (field = va_arg(ap, int)) >= 0; n++)
		vals[field] = c->args[n];
	va_end(ap);
}

void
cli_usage(const struct cli *c)
{
	die_usage(c->usage);
}

void
cli_usage_error(const struct cli *c, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	warn("%s", msg);
	die_usage(c->usage);
}

void
cli_period(const char *text, date_t today, int fiscal_year_start, struct period *p)
{
	if (period_parse(text, today, fiscal_year_start, p) < 0)
		die_status(EXIT_USAGE, "invalid period '%.64s' (see salesmgr(7) for periods)",
		    text);
}

struct input *
cli_input(const struct cli *c, const char *const *fields, size_t nfields, int mode)
{
	return input_open(c->from, fields, nfields,
	    c->ignore_extra ? mode | INPUT_IGNORE_EXTRA : mode);
}

int
cli_required(struct input *in, const struct schema *sc, const char *const *fields,
	     const char *const *vals, size_t nfields)
{
	char option[64], *p;
	size_t i;
	int k;

	for (i = 0; i < nfields; i++) {
		k = schema_col(sc, fields[i]);
		if (k < 0 || !sc->cols[k].required || (vals[i] && *vals[i]))
			continue;
		if (i == 0) {
			input_error(in, "no %s id given", fields[0]);
			return 1;
		}
		/* The option of a column spells its '_' as '-'. */
		snprintf(option, sizeof option, "%s", fields[i]);
		for (p = option; (p = strchr(p, '_')); )
			*p = '-';
		input_error(in, "%s '%.64s': no %s given (use --%s)", fields[0], vals[0],
		    fields[i], option);
		return 1;
	}
	return 0;
}

/* On stderr, only when it is a terminal. */
static void
vnote(const char *fmt, va_list ap)
{
	if (!isatty(2))
		return;
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
cli_done(const struct cli *c, const char *fmt, ...)
{
	va_list ap;

	if (c->quiet)
		return;
	va_start(ap, fmt);
	vnote(fmt, ap);
	va_end(ap);
}

void
cli_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnote(fmt, ap);
	va_end(ap);
}
