/* act-log: log the reps' calls, e-mails, meetings, demos and visits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actindex.h"
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
#include "suggest.h"

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

/* Is the record v good?  Reports every problem through input_error(). */
static int
check_row(struct input *in, const struct table *reps, date_t today, const char **v,
	  char *minutes)
{
	char hint[SUGGEST_BUFSZ];
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
		input_error(in, "unknown rep '%s' (%s)", v[AC_REP],
		    suggest(reps, "rep", "name", v[AC_REP], "add it with rep-add", hint));
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

static struct cli cli;
static const char *opt[AC_NCOLS];
static const struct cli_opt options[] = {
	CLI_OPT("rep", "REP", &opt[AC_REP], "the rep who did it (required)"),
	CLI_OPT("kind", "KIND", &opt[AC_KIND],
	    "call, email, meeting, demo, visit or other (required)"),
	CLI_OPT("account", "ACCOUNT", &opt[AC_ACCOUNT], "the customer"),
	CLI_OPT("deal", "DEAL", &opt[AC_DEAL], "the deal it was for"),
	CLI_OPT("date", "DATE", &opt[AC_DATE], "the day (default today)"),
	CLI_OPT("minutes", "N", &opt[AC_MINUTES], "how long it took"),
	CLI_OPT("ref", "REF", &opt[AC_REF], "its id in the system it comes from"),
	CLI_OPT("note", "TEXT", &opt[AC_NOTE], "a note"),
	CLI_OPTS_WRITE, CLI_OPTS_FROM_NEW, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

/* What one run keeps between its records. */
struct run {
	struct store *s;
	struct intern *refs;		/* read when the first ref comes */
	struct intern *deals;		/* the deals named */
	struct deal_use *use;
	size_t nuse, skipped;
};

/* 1 if the record's ref is malformed (a problem) or logged already
 * (skipped, said and counted); else 0. */
static int
ref_done(struct run *r, struct input *in, const char *ref)
{
	const char *where;

	if (strpbrk(ref, "\t\n\r")) {
		input_error(in, "ref '%.64s' holds a tab or line break", ref);
		return 1;
	}
	if (!*ref)
		return 0;
	/* Only imports carry refs: the ledger is read when one does. */
	if (!r->refs)
		r->refs = activity_refs(r->s);
	if (intern_get(r->refs, ref, strlen(ref)) < 0)
		return 0;
	where = input_where(in);
	warn("%s%sref '%s' already logged; skipped", where, *where ? ": " : "", ref);
	r->skipped++;
	return 1;
}

/* Note the deal a good record names, to be looked up once the input is read. */
static void
use_deal(struct run *r, struct input *in, const char *deal)
{
	const char *where = input_where(in);

	r->use = xreallocarray(r->use, r->nuse + 1, sizeof *r->use);
	r->use[r->nuse].deal = intern_add(r->deals, deal, strlen(deal));
	r->use[r->nuse].where = xmalloc(strlen(where) + 3);
	sprintf(r->use[r->nuse++].where, "%s%s", where, *where ? ": " : "");
}

/* Append the batch and the audit lines of log; returns how many were logged. */
static size_t
commit(struct store *s, struct activity_batch *b, struct buf *log)
{
	char *line, *nl;
	struct txn x;

	txn_begin(&x, s, cli.dry_run);
	activity_flush(b, &x);
	for (line = log->data; line && (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		txn_log(&x, "%s", line);
	}
	txn_commit(&x);
	if (!cli.dry_run && x.changes)
		actindex_background(s);
	return x.changes;
}

int
main(int argc, char *argv[])
{
	const char *v[AC_NCOLS];
	char today_s[DATE_BUFSZ], minutes[8];
	struct run r = { NULL, NULL, NULL, NULL, 0, 0 };
	struct buf log = BUF_INIT;
	struct activity_batch *b;
	struct table *reps;
	struct input *in;
	size_t i, n;
	date_t today;

	err_init(argv);
	if (cli_parse(&cli, usage, options, argc, argv))
		cli_usage(&cli);
	today = date_today(cli.today);
	date_format(today, today_s);

	r.s = store_open(cli.data_dir, STORE_WRITE);
	reps = roster_load_for(r.s, cli.from ? NULL : opt[AC_REP]);
	r.deals = intern_new();
	b = activity_batch_new();
	in = cli_input(&cli, fields, AC_NCOLS, INPUT_CREATE);
	while (input_next(in, opt, v)) {
		if (!v[AC_DATE] || !*v[AC_DATE])
			v[AC_DATE] = today_s;
		for (i = 0; i < AC_NCOLS; i++)
			if (!v[i])
				v[i] = "";
		if (ref_done(&r, in, v[AC_REF]) || check_row(in, reps, today, v, minutes))
			continue;
		if (*v[AC_REF])
			intern_add(r.refs, v[AC_REF], strlen(v[AC_REF]));
		if (*v[AC_DEAL])
			use_deal(&r, in, v[AC_DEAL]);
		activity_queue(b, v);
		buf_printf(&log, "log %s %s %s\n", v[AC_KIND], v[AC_REP], v[AC_DATE]);
	}
	n = input_close(in);
	if (n + check_deals(r.s, r.deals, r.use, r.nuse))
		die("nothing was changed");

	n = commit(r.s, b, &log);
	close_stdout();
	if (!cli.dry_run && r.skipped)
		cli_done(&cli, "logged %zu activit%s, skipped %zu already logged", n,
		    n == 1 ? "y" : "ies", r.skipped);
	else if (!cli.dry_run)
		cli_done(&cli, "logged %zu activit%s", n, n == 1 ? "y" : "ies");
	buf_free(&log);
	free(r.use);
	intern_free(r.deals);
	if (r.refs)
		intern_free(r.refs);
	table_free(reps);
	store_close(r.s);
	return 0;
}
