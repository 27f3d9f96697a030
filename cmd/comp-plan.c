/* comp-plan: create or replace commission plans and their tiers; list and show them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "comp.h"
#include "compdef.h"
#include "err.h"
#include "input.h"
#include "intern.h"
#include "money.h"
#include "out.h"
#include "schema.h"
#include "store.h"
#include "txn.h"
#include "xalloc.h"

static const char usage[] =
    "usage: comp-plan PLAN [--title T] [--mode marginal|flat] [--tier FROM:RATE]...\n"
    "                 [--threshold PCT] [--cap AMOUNT] [--clawback-days N] [-nq]\n"
    "                 [-D DIR]\n"
    "       comp-plan --from FILE [--ignore-extra] [-nq] [-D DIR]\n"
    "       comp-plan --list [-o FORMAT] [--no-header] [-D DIR]\n"
    "       comp-plan --show PLAN [-o FORMAT] [--no-header] [-D DIR]\n";

/* The input's fields; the last two are the column names --list prints, so
 * that `comp-plan --list | comp-plan --from -` gives the plans back. */
enum { F_PLAN, F_TITLE, F_MODE, F_TIER, F_THRESHOLD, F_CAP, F_CLAWBACK, F_TIERS,
	F_CLAWBACK2, NFIELDS };
static const char *const fields[NFIELDS] = {
	"plan", "title", "mode", "tier", "threshold", "cap", "clawback-days", "tiers",
	"clawback_days"
};
enum { OPT_LIST = CLI_OWN + NFIELDS, OPT_SHOW };

/* Check one record against the plan as it is (d) and change d; 1 if bad. */
static int
bad_record(struct input *in, const char **v, struct comp_def *d)
{
	const char *ids[NFIELDS] = { 0 }, *why;
	long long n;
	int64_t m;
	int bad = 0;

	if (!v[F_PLAN] || !*v[F_PLAN]) {
		input_error(in, "no plan given");
		return 1;
	}
	ids[F_PLAN] = v[F_PLAN];
	if (input_check(in, &schema_comp_plans, fields, ids))
		return 1;
	if (v[F_TITLE])
		snprintf(d->title, sizeof d->title, "%s", v[F_TITLE]);
	if (v[F_MODE] && *v[F_MODE]) {
		if (strcmp(v[F_MODE], "marginal") && strcmp(v[F_MODE], "flat")) {
			input_error(in, "unknown mode '%.64s' (want marginal or flat)", v[F_MODE]);
			bad = 1;
		} else
			snprintf(d->mode, sizeof d->mode, "%s", v[F_MODE]);
	}
	if (!*d->mode)
		strcpy(d->mode, "marginal");
	if (v[F_THRESHOLD]) {
		if (*v[F_THRESHOLD] && parse_uint(v[F_THRESHOLD], COMP_MAX_FROM, &n) < 0) {
			input_error(in, "threshold '%.64s' is not a whole percentage (like 50)",
			    v[F_THRESHOLD]);
			bad = 1;
		} else if (*v[F_THRESHOLD])
			snprintf(d->threshold, sizeof d->threshold, "%lld", n);
		else
			d->threshold[0] = '\0';
	}
	if (v[F_CAP]) {
		if (!*v[F_CAP])
			d->cap[0] = '\0';
		else if (money_parse(v[F_CAP], &m, &why) < 0) {
			input_error(in, "cap '%.64s' %s", v[F_CAP], why);
			bad = 1;
		} else if (m < 0) {
			input_error(in, "cap '%.64s' is negative", v[F_CAP]);
			bad = 1;
		} else
			money_format(m, d->cap);
	}
	if (v[F_CLAWBACK]) {
		if (!*v[F_CLAWBACK])
			d->days[0] = '\0';
		else if (parse_uint(v[F_CLAWBACK], COMP_MAX_DAYS, &n) < 0) {
			input_error(in, "clawback-days '%.64s' is not a whole number of days "
			    "(0 to %d)", v[F_CLAWBACK], COMP_MAX_DAYS);
			bad = 1;
		} else
			snprintf(d->days, sizeof d->days, "%lld", n);
	}
	if (v[F_TIER] && *v[F_TIER] && comp_def_parse_tiers(in, v[F_TIER], d))
		bad = 1;
	else if (!bad && d->ntiers == 0) {
		input_error(in, "plan '%s' has no tiers (give --tier FROM:RATE, like --tier 0:5)",
		    v[F_PLAN]);
		bad = 1;
	}
	return bad;
}

/* --list (id NULL) or --show id. */
static void
list(const struct cli *cli, const char *id)
{
	static const struct out_col lcols[] = {
		{ "plan", OUT_TEXT }, { "title", OUT_TEXT }, { "mode", OUT_TEXT },
		{ "threshold", OUT_INT }, { "cap", OUT_MONEY }, { "clawback_days", OUT_INT },
		{ "tiers", OUT_TEXT },
	};
	static const struct out_col scols[] = {
		{ "plan", OUT_TEXT }, { "title", OUT_TEXT }, { "mode", OUT_TEXT },
		{ "threshold", OUT_INT }, { "cap", OUT_MONEY }, { "clawback_days", OUT_INT },
		{ "from", OUT_INT }, { "to", OUT_INT }, { "rate", OUT_NUM },
	};
	struct store *s = store_open(cli->data_dir, STORE_READ);
	struct table *plans = store_load(s, "comp-plans.tsv"), *tiers = store_load(s, "comp-tiers.tsv");
	int pc = table_col(plans, "plan");
	struct buf b = BUF_INIT;
	const char *v[9];
	char from[24], to[24];
	struct comp_def d;
	struct out *o;
	size_t i, k;

	if (id && table_find(plans, pc, id) < 0)
		die("unknown plan '%s' (comp-plan --list shows the plans)", id);
	table_sort(plans, &pc, 1);
	o = out_start(out_resolve(cli->format), id ? scols : lcols, id ? 9 : 7, cli->no_header);
	for (i = 0; i < plans->nrows; i++) {
		v[0] = table_get(plans, i, pc);
		if (id && strcmp(id, v[0]) != 0)
			continue;
		comp_def_load(plans, (long)i, tiers, v[0], &d);
		v[1] = d.title;
		v[2] = d.mode;
		v[3] = d.threshold;
		v[4] = d.cap;
		v[5] = d.days;
		if (!id) {
			comp_def_tiers(&d, &b);
			v[6] = b.data ? b.data : "";
			out_row(o, v);
			continue;
		}
		for (k = 0; k < d.ntiers; k++) {
			snprintf(from, sizeof from, "%lld", d.from[k]);
			to[0] = '\0';
			if (k + 1 < d.ntiers)
				snprintf(to, sizeof to, "%lld", d.from[k + 1]);
			v[6] = from;
			v[7] = to;
			v[8] = d.rate[k];
			out_row(o, v);
		}
	}
	out_end(o);
	close_stdout();
	buf_free(&b);
	table_free(plans);
	table_free(tiers);
	store_close(s);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		CLI_COMMON, CLI_WRITE, CLI_FROM, CLI_REPORT,
		{ "title", required_argument, NULL, CLI_OWN + F_TITLE },
		{ "mode", required_argument, NULL, CLI_OWN + F_MODE },
		{ "tier", required_argument, NULL, CLI_OWN + F_TIER },
		{ "threshold", required_argument, NULL, CLI_OWN + F_THRESHOLD },
		{ "cap", required_argument, NULL, CLI_OWN + F_CAP },
		{ "clawback-days", required_argument, NULL, CLI_OWN + F_CLAWBACK },
		{ "list", no_argument, NULL, OPT_LIST },
		{ "show", required_argument, NULL, OPT_SHOW },
		{ 0 }
	};
	const char *opt[NFIELDS] = { 0 }, *v[NFIELDS], *show = NULL;
	struct buf tierbuf = BUF_INIT, log = BUF_INIT, was = BUF_INIT, line = BUF_INIT;
	char **changes = NULL;
	size_t nchanges = 0, i;
	struct intern *seen = intern_new();
	struct table *plans, *tiers;
	size_t added = 0, replaced = 0, same = 0;
	struct cli cli = { 0 };
	struct store *s;
	struct input *in;
	struct comp_def d, old;
	struct txn x;
	int c, listing = 0, writing = 0;
	long row;

	err_init(argv);
	while ((c = getopt_long(argc, argv, "D:hnqo:", opts, NULL)) != -1) {
		if (c == CLI_OWN + F_TIER) {
			buf_printf(&tierbuf, "%s%s", tierbuf.len ? " " : "", optarg);
			opt[F_TIER] = tierbuf.data;
			writing = 1;
		} else if (c > CLI_OWN + F_PLAN && c < CLI_OWN + NFIELDS) {
			opt[c - CLI_OWN] = optarg;
			writing = 1;
		} else if (c == OPT_LIST)
			listing = 1;
		else if (c == OPT_SHOW)
			show = optarg;
		else {
			if (c == 'n' || c == 'q' || c == OPT_FROM || c == OPT_IGNORE_EXTRA)
				writing = 1;
			cli_common(&cli, c, usage);
		}
	}
	if (listing || show) {
		if (writing || (listing && show) || optind != argc)
			die_usage(usage);
		list(&cli, show);
		buf_free(&tierbuf);
		intern_free(seen);
		return 0;
	}
	if ((cli.from ? optind != argc : optind != argc - 1) || cli.format || cli.no_header)
		die_usage(usage);
	if (!cli.from)
		opt[F_PLAN] = argv[optind];
	in = input_open(cli.from, fields, NFIELDS,
	    cli.ignore_extra ? INPUT_CREATE | INPUT_IGNORE_EXTRA : INPUT_CREATE);

	s = store_open(cli.data_dir, STORE_WRITE);
	plans = store_load(s, "comp-plans.tsv");
	tiers = store_load(s, "comp-tiers.tsv");
	while (input_next(in, opt, v)) {
		/* The names --list prints stand for the options. */
		if (!v[F_TIER] && v[F_TIERS])
			v[F_TIER] = v[F_TIERS];
		if (!v[F_CLAWBACK] && v[F_CLAWBACK2])
			v[F_CLAWBACK] = v[F_CLAWBACK2];
		row = v[F_PLAN] && *v[F_PLAN] ? table_find(plans, table_col(plans, "plan"),
		    v[F_PLAN]) : -1;
		comp_def_load(plans, row, tiers, v[F_PLAN] ? v[F_PLAN] : "", &d);
		old = d;
		if (bad_record(in, v, &d))
			continue;
		if (intern_get(seen, v[F_PLAN], strlen(v[F_PLAN])) >= 0) {
			input_error(in, "plan '%s' is given twice in the input", v[F_PLAN]);
			continue;
		}
		intern_add(seen, v[F_PLAN], strlen(v[F_PLAN]));
		buf_reset(&log);
		buf_reset(&was);
		comp_def_describe(&d, d.title, &log);
		comp_def_describe(&old, old.title, &was);
		if (row >= 0 && strcmp(log.data, was.data) == 0) {
			same++;
			continue;
		}
		comp_def_store(plans, tiers, v[F_PLAN], &d);
		buf_reset(&was);
		if (row >= 0) {
			comp_def_describe(&old, old.title, &was);
			replaced++;
		} else
			added++;
		buf_reset(&line);
		buf_printf(&line, "%s plan %s (%s)", row >= 0 ? "replace" : "add", v[F_PLAN],
		    log.data);
		if (row >= 0)
			buf_printf(&line, " (was %s)", was.data);
		changes = xreallocarray(changes, nchanges + 1, sizeof *changes);
		changes[nchanges++] = xstrdup(line.data);
	}
	if (input_close(in))
		die("nothing was changed");

	txn_begin(&x, s, cli.dry_run);
	for (i = 0; i < nchanges; i++) {
		txn_log(&x, "%s", changes[i]);
		free(changes[i]);
	}
	free(changes);
	if (x.changes) {
		txn_table(&x, &schema_comp_plans, plans);
		txn_table(&x, &schema_comp_tiers, tiers);
	}
	txn_commit(&x);
	close_stdout();
	if (!cli.dry_run)
		cli_done(&cli, "set %zu plan%s%s", added + replaced, added + replaced == 1 ? "" : "s",
		    same ? ", others unchanged" : "");
	buf_free(&tierbuf);
	buf_free(&log);
	buf_free(&was);
	buf_free(&line);
	intern_free(seen);
	table_free(plans);
	table_free(tiers);
	store_close(s);
	return 0;
}
