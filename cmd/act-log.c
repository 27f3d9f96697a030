/* act-log: log the reps' calls, e-mails, meetings, demos and visits. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "activity.h"
#include "buf.h"
#include "cli.h"
#include "date.h"
#include "deal.h"
#include "err.h"
#include "id.h"
#include "input.h"
#include "intern.h"
#include "money.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "txn.h"
#include "xalloc.h"

static const char usage[] =
    "usage: act-log --rep REP --kind KIND [--account ACCOUNT] [--deal DEAL]\n"
    "               [--date DATE] [--minutes N] [--ref REF] [--note TEXT]\n"
    "               [-nq] [-D DIR] [--today DATE]\n"
    "       act-log --from FILE [--ignore-extra] [-nq] [-D DIR] [--today DATE]\n";

/* The fields are the ledger's columns, so a record is a ledger row. */
static const char *const fields[AC_NCOLS] = {
	"date", "rep", "kind", "account", "deal", "minutes", "ref", "note"
};

/* A row naming a deal, checked against the deal ledger after the input. */
struct deal_use {
	size_t deal;		/* index in the set of deals named */
	char *where;		/* "FILE:LINE: " or "" */
};

/*
 * Read all of standard input before taking the write lock.  Upstream in
 * `act-list | act-log --from -` a reader holds the shared lock until it has
 * written everything; waiting for the exclusive lock before reading would
 * stall both until the lock timeout.
 */
static void
spool_stdin(void)
{
	char buf[65536];
	FILE *f = tmpfile();
	ssize_t n;

	if (!f)
		die_errno("stdin: cannot keep the input");
	while ((n = read(0, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die_errno("stdin");
		if (write_all(fileno(f), buf, (size_t)n) < 0)
			die_errno("stdin: cannot keep the input");
	}
	if (dup2(fileno(f), 0) < 0 || lseek(0, 0, SEEK_SET) < 0)
		die_errno("stdin: cannot keep the input");
	fclose(f);
}

/* Is the record v good?  Reports every problem through input_error(). */
static int
check_row(struct input *in, const struct table *reps, date_t today, const char **v,
	  char *minutes)
{
	const char *plain[AC_NCOLS], *what, *status, *hired_s;
	char day[DATE_BUFSZ];
	long long n;
	date_t d, hired;
	long row;
	int bad, dated;

	if (!*v[AC_REP] || !*v[AC_KIND]) {
		what = *v[AC_REP] ? "kind" : "rep";
		input_error(in, "no %s given (use --%s)", what, what);
		return 1;
	}
	/* kind and minutes get messages that say what is allowed. */
	memcpy(plain, v, sizeof plain);
	plain[AC_KIND] = plain[AC_MINUTES] = NULL;
	bad = input_check(in, &schema_activities, fields, plain) > 0;
	if (schema_check_value(&schema_activities.cols[AC_KIND], v[AC_KIND])) {
		input_error(in, "kind '%.64s' is not one of %s", v[AC_KIND], ACTIVITY_KINDS);
		bad = 1;
	}
	if (v[AC_MINUTES] && *v[AC_MINUTES]) {
		if (parse_uint(v[AC_MINUTES], ACTIVITY_MAX_MINUTES, &n) < 0) {
			input_error(in, "minutes '%.64s' is not a whole number 0-%d",
			    v[AC_MINUTES], ACTIVITY_MAX_MINUTES);
			bad = 1;
		} else {
			snprintf(minutes, 8, "%lld", n);
			v[AC_MINUTES] = minutes;
		}
	}
	/* The checks below need well-formed values; each looks only at its own. */
	dated = date_parse(v[AC_DATE], &d) == 0;
	if (dated && d > today) {
		input_error(in, "date '%s' is after today (%s)", v[AC_DATE],
		    date_format(today, day));
		bad = 1;
	}
	if (id_check(v[AC_REP]))
		return 1;
	if ((row = roster_find_rep(reps, v[AC_REP])) < 0) {
		input_error(in, "unknown rep '%s' (add it with rep-add)", v[AC_REP]);
		return 1;
	}
	status = table_get(reps, (size_t)row, table_col(reps, "status"));
	hired_s = table_get(reps, (size_t)row, table_col(reps, "hired"));
	if (strcmp(status, "active") != 0) {
		input_error(in, "rep '%s' is not active (status %s)", v[AC_REP], status);
		bad = 1;
	} else if (dated && date_parse(hired_s, &hired) == 0 && d < hired) {
		input_error(in, "date '%s' is before rep '%s' was hired (%s)", v[AC_DATE],
		    v[AC_REP], hired_s);
		bad = 1;
	}
	return bad;
}

/* Report the deals named that the deal ledger does not hold; returns how many. */
static size_t
check_deals(struct store *s, struct intern *deals, struct deal_use *use, size_t nuse)
{
	size_t n = intern_count(deals), i, bad = 0;
	const char **ids = xcalloc(n ? n : 1, sizeof *ids);
	struct deal **found = xcalloc(n ? n : 1, sizeof *found);

	for (i = 0; i < n; i++)
		ids[i] = intern_name(deals, i);
	if (n)
		deal_latest(s, ids, n, found);
	for (i = 0; i < nuse; i++) {
		if (!found[use[i].deal]) {
			warn("%sunknown deal '%s' (add it with deal-add)", use[i].where,
			    ids[use[i].deal]);
			bad++;
		}
		free(use[i].where);
	}
	for (i = 0; i < n; i++)
		deal_free(found[i]);
	free(found);
	free(ids);
	return bad;
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_WRITE, CLI_FROM,
		{ "date", required_argument, NULL, CLI_OWN + AC_DATE },
		{ "rep", required_argument, NULL, CLI_OWN + AC_REP },
		{ "kind", required_argument, NULL, CLI_OWN + AC_KIND },
		{ "account", required_argument, NULL, CLI_OWN + AC_ACCOUNT },
		{ "deal", required_argument, NULL, CLI_OWN + AC_DEAL },
		{ "minutes", required_argument, NULL, CLI_OWN + AC_MINUTES },
		{ "ref", required_argument, NULL, CLI_OWN + AC_REF },
		{ "note", required_argument, NULL, CLI_OWN + AC_NOTE },
		{ 0 }
	};
	const char *opt[AC_NCOLS] = { 0 }, *v[AC_NCOLS], *where;
	char today_s[DATE_BUFSZ], minutes[8];
	struct buf log = BUF_INIT;
	struct deal_use *use = NULL;
	struct intern *refs = NULL, *deals;
	struct activity_batch *b;
	struct cli cli = { 0 };
	struct table *reps;
	struct store *s;
	struct input *in;
	struct txn x;
	size_t i, nuse = 0, skipped = 0, bad;
	date_t today;
	char *line, *nl;
	int c;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:hnq", opts, NULL)) != -1) {
		if (c >= CLI_OWN && c < CLI_OWN + AC_NCOLS)
			opt[c - CLI_OWN] = optarg;
		else
			cli_common(&cli, c, usage);
	}
	if (optind != argc)
		die_usage(usage);
	today = date_today(cli.today);
	date_format(today, today_s);

	if (cli.from && strcmp(cli.from, "-") == 0)
		spool_stdin();
	s = store_open(cli.data_dir, STORE_WRITE);
	reps = store_load(s, "reps.tsv");
	deals = intern_new();
	b = activity_batch_new();
	in = input_open(cli.from, fields, AC_NCOLS,
	    cli.ignore_extra ? INPUT_CREATE | INPUT_IGNORE_EXTRA : INPUT_CREATE);
	while (input_next(in, opt, v)) {
		if (!v[AC_DATE] || !*v[AC_DATE])
			v[AC_DATE] = today_s;
		for (i = 0; i < AC_NCOLS; i++)
			if (!v[i])
				v[i] = "";
		if (strpbrk(v[AC_REF], "\t\n\r")) {
			input_error(in, "ref '%.64s' holds a tab or line break", v[AC_REF]);
			continue;
		}
		if (*v[AC_REF]) {
			/* Only imports carry refs: the ledger is read when one does. */
			if (!refs)
				refs = activity_refs(s);
			if (intern_get(refs, v[AC_REF], strlen(v[AC_REF])) >= 0) {
				where = input_where(in);
				warn("%s%sref '%s' already logged; skipped", where,
				    *where ? ": " : "", v[AC_REF]);
				skipped++;
				continue;
			}
		}
		if (check_row(in, reps, today, v, minutes))
			continue;
		if (*v[AC_REF])
			intern_add(refs, v[AC_REF], strlen(v[AC_REF]));
		if (*v[AC_DEAL]) {
			use = xreallocarray(use, nuse + 1, sizeof *use);
			use[nuse].deal = intern_add(deals, v[AC_DEAL], strlen(v[AC_DEAL]));
			where = input_where(in);
			use[nuse].where = xmalloc(strlen(where) + 3);
			sprintf(use[nuse++].where, "%s%s", where, *where ? ": " : "");
		}
		activity_queue(b, v);
		buf_printf(&log, "log %s %s %s\n", v[AC_KIND], v[AC_REP], v[AC_DATE]);
	}
	bad = input_close(in);
	bad += check_deals(s, deals, use, nuse);
	if (bad)
		die("nothing was changed");

	txn_begin(&x, s, cli.dry_run);
	activity_flush(b, &x);
	for (line = log.data; line && (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		txn_log(&x, "%s", line);
	}
	txn_commit(&x);
	close_stdout();
	if (!cli.dry_run && skipped)
		cli_done(&cli, "logged %zu activit%s, skipped %zu already logged", x.changes,
		    x.changes == 1 ? "y" : "ies", skipped);
	else if (!cli.dry_run)
		cli_done(&cli, "logged %zu activit%s", x.changes, x.changes == 1 ? "y" : "ies");
	buf_free(&log);
	free(use);
	intern_free(deals);
	if (refs)
		intern_free(refs);
	table_free(reps);
	store_close(s);
	return 0;
}
