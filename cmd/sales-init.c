/* sales-init: create a data directory with every table and its header. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "init.h"
#include "money.h"
#include "store.h"

static const char usage[] =
    "usage: sales-init [DIR] [--currency CODE] [--fiscal-year-start MONTH]\n"
    "                  [--company NAME] [-q] [-D DIR]\n";

enum { OPT_CURRENCY = CLI_OWN, OPT_FY_START, OPT_COMPANY };

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON,
		{ "quiet", no_argument, NULL, 'q' },
		{ "currency", required_argument, NULL, OPT_CURRENCY },
		{ "fiscal-year-start", required_argument, NULL, OPT_FY_START },
		{ "company", required_argument, NULL, OPT_COMPANY },
		{ 0 }
	};
	const char *currency = "EUR", *fy = "1", *company = "", *p;
	struct init_options o;
	struct cli cli = { 0 };
	struct store *s;
	char *path;
	long long month;
	int c;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:hq", opts, NULL)) != -1) {
		switch (c) {
		case OPT_CURRENCY:
			currency = optarg;
			break;
		case OPT_FY_START:
			fy = optarg;
			break;
		case OPT_COMPANY:
			company = optarg;
			break;
		default:
			cli_common(&cli, c, usage);
		}
	}
	if (argc - optind > 1)
		die_usage(usage);
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
	path = store_resolve(optind < argc ? argv[optind] : cli.data_dir);
	s = init_create(path, &o);
	cli_done(&cli, "created %s", s->path);
	store_close(s);
	free(path);
	return 0;
}
