/*
 * cli: the command line of every program (salesmgr(7), DESIGN.md 5).  A
 * program declares its options in a table; from it come getopt_long's
 * table and short options, the checks, and --help: the usage, then one
 * line per option saying what it does.  The options every program spells
 * the same way come in groups whose values land in struct cli.
 *
 * A program keeps its usage text literal, equal to its man page's SYNOPSIS,
 * and offers exactly the options its usage shows, plus -h/--help and
 * --version, which every program has (tests/cmd/help.sh holds usage,
 * --help and the man page to that):
 *
 *   static const char usage[] =
 *       "usage: team-add TEAM --name NAME [--manager REP] [--focus TEXT] [-nq] [-D DIR]\n"
 *       "       team-add --from FILE [--ignore-extra] [-nq] [-D DIR]\n";
 *   static struct cli cli;
 *   static const char *opt[NFIELDS];
 *   static const struct cli_opt options[] = {
 *           CLI_OPT("name", "NAME", &opt[F_NAME], "the team's name"),
 *           CLI_OPT("manager", "REP", &opt[F_MANAGER], "the rep who leads it"),
 *           CLI_OPTS_WRITE, CLI_OPTS_FROM_NEW, CLI_OPT_DATA_DIR,
 *           CLI_END
 *   };
 *
 *   cli_parse(&cli, usage, options, argc, argv);
 *   cli_record(&cli, opt, F_TEAM, -1);        TEAM, or no operand with --from
 *   in = cli_input(&cli, fields, NFIELDS, INPUT_CREATE);
 *   while (input_next(in, opt, v)) {
 *           if (cli_required(in, &schema_teams, fields, v, NFIELDS)) continue;
 *           ...
 *   }
 *   ...
 *   cli_done(&cli, "added %zu teams", n);
 *
 * Errors: an unknown option, a missing or extra operand and a bad -o are
 * usage errors: a message, the usage on stderr, exit 2 (cli_usage_error()
 * for a program's own).  A bad --period is reported by cli_period() with
 * status 2; a bad --today by date_today() (date.h).
 */
#ifndef CLI_H
#define CLI_H
#include <getopt.h>
#include "date.h"
#include "out.h"

#define SALESMGR_VERSION "0.1.0"

struct cli;
struct cli_opt;
struct input;
struct period;
struct schema;

/* An option's action: o->value is the program's; arg is NULL for a flag. */
typedef void cli_fn(struct cli *c, const struct cli_opt *o, const char *arg);

enum cli_type {
	CLI_T_END, CLI_T_STRING, CLI_T_FLAG, CLI_T_CALL,
	/* the shared options: their values go to struct cli */
	CLI_T_DATA_DIR, CLI_T_TODAY, CLI_T_DRY_RUN, CLI_T_QUIET, CLI_T_FORMAT,
	CLI_T_NO_HEADER, CLI_T_RAW, CLI_T_COLUMNS, CLI_T_COLOR, CLI_T_FROM,
	CLI_T_IGNORE_EXTRA, CLI_T_CSV, CLI_T_HELP, CLI_T_VERSION
};

struct cli_opt {
	enum cli_type type;
	int letter;		/* the short option, or 0 */
	const char *name;	/* the long option */
	const char *arg;	/* the argument's name in --help; NULL: none */
	void *value;		/* STRING: const char **; FLAG: int *; CALL: fn's;
				 * FORMAT: "ics", "text" or NULL */
	cli_fn *fn;		/* CALL */
	const char *help;	/* one line, lowercase, no final period */
};

/* A program's own options: a string (a later one wins), a flag, an action. */
#define CLI_OPT(name, arg, ptr, help) \
	{ CLI_T_STRING, 0, name, arg, (void *)(1 ? (ptr) : (const char **)0), NULL, help }
#define CLI_FLAG(name, ptr, help) \
	{ CLI_T_FLAG, 0, name, NULL, (void *)(1 ? (ptr) : (int *)0), NULL, help }
#define CLI_CALL(name, arg, fn, ptr, help) \
	{ CLI_T_CALL, 0, name, arg, ptr, fn, help }

/* What the shared options do, in --help. */
#define CLI_TEXT_DATA_DIR "use the data directory DIR (else $SALESMGR_DIR)"
#define CLI_TEXT_TODAY "take DATE as today (else $SALESMGR_TODAY)"
#define CLI_TEXT_DRY_RUN "show what would change and write nothing"
#define CLI_TEXT_QUIET "do not print the confirmation on a terminal"
#define CLI_TEXT_FORMAT "print a table, wide, tsv, csv, json or html (tsv when piped)"
#define CLI_TEXT_FORMAT_ICS "print a table, wide, tsv, csv, json, html or ics (tsv when piped)"
#define CLI_TEXT_FORMAT_TEXT "print a table, wide, tsv, csv, json, html or text (tsv when piped)"
#define CLI_TEXT_NO_HEADER "leave out the header line"
#define CLI_TEXT_RAW "with -o csv, leave cells that look like formulas as they are"
#define CLI_TEXT_COLUMNS "print only the columns named in LIST (a,b,c), in that order"
#define CLI_TEXT_COLOR "colour a table: auto (on a terminal), always or never"
#define CLI_TEXT_HELP "print this help and exit"
#define CLI_TEXT_VERSION "print the version and exit"

/* The groups, in the order of the usage texts. */
#define CLI_OPT_DATA_DIR \
	{ CLI_T_DATA_DIR, 'D', "data-dir", "DIR", NULL, NULL, CLI_TEXT_DATA_DIR }
#define CLI_OPT_TODAY { CLI_T_TODAY, 0, "today", "DATE", NULL, NULL, CLI_TEXT_TODAY }
#define CLI_OPT_DRY_RUN(help) { CLI_T_DRY_RUN, 'n', "dry-run", NULL, NULL, NULL, help }
#define CLI_OPT_QUIET(help) { CLI_T_QUIET, 'q', "quiet", NULL, NULL, NULL, help }
#define CLI_OPTS_WRITE CLI_OPT_DRY_RUN(CLI_TEXT_DRY_RUN), CLI_OPT_QUIET(CLI_TEXT_QUIET)
/* -o, --no-header, --raw, --columns and --color (out.h); the ICS group
 * also takes -o ics, for the programs that write calendar entries, the
 * TEXT group -o text, for those with a text of their own. */
#define CLI_OPTS_REPORT_REST \
	{ CLI_T_NO_HEADER, 0, "no-header", NULL, NULL, NULL, CLI_TEXT_NO_HEADER }, \
	{ CLI_T_RAW, 0, "raw", NULL, NULL, NULL, CLI_TEXT_RAW }, \
	{ CLI_T_COLUMNS, 0, "columns", "LIST", NULL, NULL, CLI_TEXT_COLUMNS }, \
	{ CLI_T_COLOR, 0, "color", "WHEN", NULL, NULL, CLI_TEXT_COLOR }
#define CLI_OPTS_REPORT \
	{ CLI_T_FORMAT, 'o', "format", "FORMAT", NULL, NULL, CLI_TEXT_FORMAT }, \
	CLI_OPTS_REPORT_REST
#define CLI_OPTS_REPORT_ICS \
	{ CLI_T_FORMAT, 'o', "format", "FORMAT", (void *)"ics", NULL, CLI_TEXT_FORMAT_ICS }, \
	CLI_OPTS_REPORT_REST
#define CLI_OPTS_REPORT_TEXT \
	{ CLI_T_FORMAT, 'o', "format", "FORMAT", (void *)"text", NULL, CLI_TEXT_FORMAT_TEXT }, \
	CLI_OPTS_REPORT_REST
/* --from for programs that act on existing records: other columns are ignored. */
#define CLI_OPT_FROM \
	{ CLI_T_FROM, 0, "from", "FILE", NULL, NULL, \
	  "read one record per row of TSV FILE (- for stdin)" }
/* --from for programs that create records: an unknown column is refused. */
#define CLI_OPTS_FROM_NEW CLI_OPT_FROM, \
	{ CLI_T_IGNORE_EXTRA, 0, "ignore-extra", NULL, NULL, NULL, \
	  "with --from, skip columns that are not options" }
/* --csv for the programs that take CRM exports: every --from as CSV (input.h). */
#define CLI_OPT_CSV \
	{ CLI_T_CSV, 0, "csv", NULL, NULL, NULL, \
	  "read the --from input as CSV whatever its name" }
#define CLI_END { CLI_T_END, 0, NULL, NULL, NULL, NULL, NULL }

struct cli {
	/* the shared options' values */
	const char *data_dir, *today, *from;
	const char *columns, *color;	/* as given, NULL when not */
	enum out_format format;
	int dry_run, quiet, no_header, ignore_extra, raw;
	/* set by cli_parse(): the operands, and what it was given */
	char **args;
	int nargs;
	const char *usage;
	const struct cli_opt *opts;
};

/*
 * Parse argv by the table opts (ended by CLI_END): each option's value
 * goes where its entry says, -h prints usage and the option lines and
 * exits 0, --version prints the version and exits 0.  --from - reads all
 * of a piped stdin at once, so that in `rep-list | rep-edit --from -` the
 * reader upstream never waits for our lock.  Returns the number of
 * operands (c->args).
 */
int cli_parse(struct cli *c, const char *usage, const struct cli_opt *opts,
	      int argc, char **argv);
/*
 * The record a program acts on, given by the operands: the fields named
 * after vals (ended by -1) get the operands in order.  With --from there
 * must be none, else exactly that many; anything else is a usage error.
 */
void cli_record(struct cli *c, const char **vals, ...);
/* The usage on stderr and exit 2; the second says what is wrong first. */
_Noreturn void cli_usage(const struct cli *c);
_Noreturn void cli_usage_error(const struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* text as a period (period.h), or die with status 2 naming it. */
void cli_period(const char *text, date_t today, int fiscal_year_start, struct period *p);
/* input_open() of --from (or of the options' one record), --ignore-extra or-ed in. */
struct input *cli_input(const struct cli *c, const char *const *fields, size_t nfields,
			int mode);
/*
 * Is a column sc requires missing from a record?  Reports the first one,
 * "no team id given" for the key (fields[0]), else "team 'x': no name
 * given (use --name)", through input_error(); returns 1, or 0 if none is.
 */
int cli_required(struct input *in, const struct schema *sc, const char *const *fields,
		 const char *const *vals, size_t nfields);
/* The confirmation of a change: on stderr, only when it is a terminal. */
void cli_done(const struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A note that is no warning (what a report's figures rest on): the same,
 * whatever -q says.  A warning is warn()'s, on a terminal or not. */
void cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
