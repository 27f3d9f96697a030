/* sales-init: create a data directory with every table and its header. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "init.h"
#include "money.h"
#include "datadir.h"
#include "store.h"

static const char usage[] =
    "usage: sales-init [DIR] [--currency CODE] [--fiscal-year-start MONTH]\n"
    "                  [--company NAME] [-q] [-D DIR]\n";

static struct cli cli;
static const char *currency = "EUR", *fy = "1", *company = "";
static const struct cli_opt options[] = {
	CLI_OPT("currency", "CODE", &currency, "the ISO 4217 currency of amounts (default EUR)"),
	CLI_OPT("fiscal-year-start", "MONTH", &fy, "the month 1-12 the fiscal year starts in"),
	CLI_OPT("company", "NAME", &company, "the company's name, for the reports"),
	CLI_OPT_QUIET("do not print the confirmation on a terminal"),
	CLI_OPT_DATA_DIR,
	CLI_END
};

int
main(int argc, char *argv[])
{
	const char *p;
	struct init_options o;
	struct store *s;
	char *path;
	long long month;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv) > 1)
		cli_usage(&cli);
	for (p = currency; *p && *p >= 'A' && *p <= 'Z'; p++)
		;
	if (strlen(currency) != 3 || *p)
		die_status(EXIT_USAGE, "invalid currency '%s': want an ISO 4217 code such as EUR",
		    currency);
	if (parse_uint(fy, 12, &month) < 0 || month < 1)
		die_status(EXIT_USAGE, "invalid fiscal year start '%s': want a month 1-12", fy);
	if (strchr(company, '\n') || strchr(company, '\t'))
		die_status(EXIT_USAGE, "invalid company name: tabs and newlines are not allowed");

	o.currency = currency;
	o.fiscal_year_start = fy;
	o.company = company;
	path = datadir_resolve(cli.nargs ? cli.args[0] : cli.data_dir);
	s = init_create(path, &o);
	cli_done(&cli, "created %s", store_path(s));
	store_close(s);
	free(path);
	return 0;
}
