/* comp-plan: create or replace commission plans and their tiers; list and show them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "comp.h"
#include "compdef.h"
#include "deal.h"
#include "err.h"
#include "id.h"
#include "input.h"
#include "intern.h"
#include "money.h"
#include "out.h"
#include "schema.h"
#include "store.h"
#include "txn.h"
#include "xalloc.h"

static const char usage[] =
    "usage: comp-plan PLAN [--title T] [--mode marginal|flat|override]\n"
    "                 [--tier FROM:RATE]... [--product PRODUCT] [--type TYPE]\n"
    "                 [--threshold PCT] [--cap AMOUNT] [--clawback-days N]\n"
    "                 [--clawback-rate effective|paid] [-nq] [-D DIR]\n"
    "       comp-plan --from FILE [--ignore-extra] [-nq] [-D DIR]\n"
    "       comp-plan --list [-o FORMAT] [--no-header] [--raw] [--columns LIST]\n"
    "                 [--color WHEN] [-D DIR]\n"
    "       comp-plan --show PLAN [-o FORMAT] [--no-header] [--raw] [--columns LIST]\n"
    "                 [--color WHEN] [-D DIR]\n";

/* The input's fields; the last two are the column names --list prints, so
 * that `comp-plan --list | comp-plan --from -` gives the plans back. */
enum { F_PLAN, F_TITLE, F_MODE, F_TIER, F_THRESHOLD, F_CAP, F_CLAWBACK, F_RATE, F_PRODUCT,
	F_TYPE, F_TIERS, F_CLAWBACK2, F_RATE2, NFIELDS };
static const char *const fields[NFIELDS] = {
	"plan", "title", "mode", "tier", "threshold", "cap", "clawback-days", "clawback-rate",
	"product", "type", "tiers", "clawback_days", "clawback_rate"
};

static struct cli cli;
static const char *opt[NFIELDS], *show;
static int listing;
static struct buf tierbuf;
static cli_fn tier_option;
static const struct cli_opt options[] = {
	CLI_OPT("title", "T", &opt[F_TITLE], "the plan's title"),
	CLI_OPT("mode", "MODE", &opt[F_MODE],
	    "marginal (each tier pays its slice), flat, or override (a manager's)"),
	CLI_CALL("tier", "FROM:RATE", tier_option, &tierbuf,
	    "from FROM% of quota pay RATE% of revenue (repeat it)"),
	CLI_OPT("product", "PRODUCT", &opt[F_PRODUCT],
	    "the --tier rates are the table of deals of PRODUCT"),
	CLI_OPT("type", "TYPE", &opt[F_TYPE],
	    "the --tier rates are the table of deals of TYPE (new, renewal, expansion)"),
	CLI_OPT("threshold", "PCT", &opt[F_THRESHOLD], "below PCT% of quota pay nothing"),
	CLI_OPT("cap", "AMOUNT", &opt[F_CAP], "pay at most AMOUNT a period"),
	CLI_OPT("clawback-days", "N", &opt[F_CLAWBACK], "take back a deal cancelled within N days"),
	CLI_OPT("clawback-rate", "RULE", &opt[F_RATE],
	    "take back at the effective rate (the default) or what the deal was paid"),
	CLI_FLAG("list", &listing, "list the plans"),
	CLI_OPT("show", "PLAN", &show, "show PLAN tier by tier"),
	CLI_OPTS_WRITE, CLI_OPTS_FROM_NEW, CLI_OPTS_REPORT, CLI_OPT_DATA_DIR,
	CLI_END
};

/* --tier FROM:RATE, given as often as there are tiers. */
static void
tier_option(struct cli *c, const struct cli_opt *o, const char *arg)
{
	struct buf *b = o->value;

	(void)c;
	buf_printf(b, "%s%s", b->len ? " " : "", arg);
	opt[F_TIER] = b->data;
}

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
		if (strcmp(v[F_MODE], "marginal") && strcmp(v[F_MODE], "flat") &&
		    strcmp(v[F_MODE], "override")) {
			input_error(in, "unknown mode '%.64s' (want marginal, flat or override)",
			    v[F_MODE]);
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
	if (v[F_RATE]) {
		if (*v[F_RATE] && strcmp(v[F_RATE], "effective") && strcmp(v[F_RATE], "paid")) {
			input_error(in, "clawback-rate '%.64s' is not effective or paid", v[F_RATE]);
			bad = 1;
		} else
			snprintf(d->claw_rate, sizeof d->claw_rate, "%s", v[F_RATE]);
	}
	if (*d->product || *d->type) {
		/* a table by product or type: its tiers, or '' to remove it */
		if (!v[F_TIER]) {
			input_error(in, "--product and --type name the table that --tier sets: "
			    "give --tier FROM:RATE (or --tier '' to remove the table)");
			return 1;
		}
		if (!*v[F_TIER])
			d->ntiers = 0;
		else if (comp_def_parse_tiers(in, v[F_TIER], d))
			bad = 1;
	} else if (v[F_TIER] && *v[F_TIER] && comp_def_parse_tiers(in, v[F_TIER], d))
		bad = 1;
	else if (!bad && d->ntiers == 0) {
		input_error(in, "plan '%s' has no tiers (give --tier FROM:RATE, like --tier 0:5)",
		    v[F_PLAN]);
		bad = 1;
	}
	if (!bad && (why = comp_def_problem(d))) {
		input_error(in, "plan '%s': %s", v[F_PLAN], why);
		bad = 1;
	}
	return bad;
}

/* The table a record names with product and type: good ids, a known
 * type, of a plan that exists; 1 if not (reported). */
static int
bad_filter(struct input *in, const char **v, long row)
{
	const char *p = v[F_PRODUCT] ? v[F_PRODUCT] : "", *t = v[F_TYPE] ? v[F_TYPE] : "", *why;
	int bad = 0;

	if (*p && (why = id_check(p))) {
		input_error(in, "product '%.64s': %s", p, why);
		bad = 1;
	}
	if (*t && deal_type_parse(t, strlen(t)) < 0) {
		input_error(in, "type '%.64s' is not new, renewal or expansion", t);
		bad = 1;
	}
	if (!bad && (*p || *t) && row < 0 && v[F_PLAN] && *v[F_PLAN]) {
		input_error(in, "plan '%.64s' has no general tiers yet: create it first "
		    "(comp-plan %.64s --tier FROM:RATE)", v[F_PLAN], v[F_PLAN]);
		bad = 1;
	}
	return bad;
}

/* --list (id NULL) or --show id. */
static void
list(const struct cli *cli, const char *id)
{
	static const struct out_col lcols[] = {
		{ "plan", OUT_TEXT, 1 }, { "title", OUT_TEXT, 2 }, { "mode", OUT_TEXT, 2 },
		{ "threshold", OUT_INT, 3 }, { "cap", OUT_MONEY, 3 }, { "clawback_days", OUT_INT, 4 },
		{ "clawback_rate", OUT_TEXT, 4 }, { "tiers", OUT_TEXT, 2 },
	};
	static const struct out_col scols[] = {
		{ "plan", OUT_TEXT, 1 }, { "title", OUT_TEXT, 3 }, { "mode", OUT_TEXT, 2 },
		{ "threshold", OUT_INT, 3 }, { "cap", OUT_MONEY, 3 }, { "clawback_days", OUT_INT, 4 },
		{ "clawback_rate", OUT_TEXT, 4 }, { "product", OUT_TEXT, 2 },
		{ "type", OUT_TEXT, 2 }, { "from", OUT_INT, 1 }, { "to", OUT_INT, 1 },
		{ "rate", OUT_NUM, 1 },
	};
	struct store *s = store_open(cli->data_dir, STORE_READ);
	struct table *plans = store_load(s, "comp-plans.tsv"), *tiers = store_load(s, "comp-tiers.tsv");
	int pc = table_col(plans, "plan");
	struct buf b = BUF_INIT;
	const char *v[12], *fp[COMP_MAX_RATES], *ft[COMP_MAX_RATES];
	char from[24], to[24];
	struct comp_def d;
	struct out *o;
	size_t i, k, t, nt;

	if (id && table_find(plans, pc, id) < 0)
		die("unknown plan '%s' (comp-plan --list shows the plans)", id);
	table_sort(plans, &pc, 1);
	o = out_start(out_resolve(cli->format), id ? scols : lcols, id ? 12 : 8, cli->no_header);
	for (i = 0; i < plans->nrows; i++) {
		v[0] = table_get(plans, i, pc);
		if (id && strcmp(id, v[0]) != 0)
			continue;
		comp_def_load(plans, (long)i, tiers, v[0], "", "", &d);
		v[1] = d.title;
		v[2] = d.mode;
		v[3] = d.threshold;
		v[4] = d.cap;
		v[5] = d.days;
		v[6] = d.claw_rate;
		if (!id) {
			comp_def_tiers(&d, &b);
			v[7] = b.data ? b.data : "";
			out_row(o, v);
			continue;
		}
		/* every table, the general one first */
		nt = comp_def_tables(tiers, v[0], fp, ft, COMP_MAX_RATES);
		for (t = 0; t < nt && t < COMP_MAX_RATES; t++) {
			comp_def_load(plans, (long)i, tiers, v[0], fp[t], ft[t], &d);
			v[7] = fp[t];
			v[8] = ft[t];
			for (k = 0; k < d.ntiers; k++) {
				snprintf(from, sizeof from, "%lld", d.from[k]);
				to[0] = '\0';
				if (k + 1 < d.ntiers)
					snprintf(to, sizeof to, "%lld", d.from[k + 1]);
				v[9] = from;
				v[10] = to;
				v[11] = d.rate[k];
				out_row(o, v);
			}
		}
	}
	out_end(o);
	close_stdout();
	buf_free(&b);
	table_free(plans);
	table_free(tiers);
	store_close(s);
}

/* What one run of changes keeps. */
struct run {
	struct table *plans, *tiers;
	struct intern *seen;
	char **changes;		/* the audit lines */
	size_t nchanges, added, replaced, same;
};

/* Create or replace the plan of one record, unless it is bad or the same. */
static void
set_plan(struct run *r, struct input *in, const char **v)
{
	struct buf log = BUF_INIT, was = BUF_INIT, line = BUF_INIT;
	struct comp_def d, old;
	long row;

	/* The names --list prints stand for the options. */
	if (!v[F_TIER] && v[F_TIERS])
		v[F_TIER] = v[F_TIERS];
	if (!v[F_CLAWBACK] && v[F_CLAWBACK2])
		v[F_CLAWBACK] = v[F_CLAWBACK2];
	if (!v[F_RATE] && v[F_RATE2])
		v[F_RATE] = v[F_RATE2];
	row = v[F_PLAN] && *v[F_PLAN] ? table_find(r->plans, table_col(r->plans, "plan"),
	    v[F_PLAN]) : -1;
	if (bad_filter(in, v, row))
		return;
	comp_def_load(r->plans, row, r->tiers, v[F_PLAN] ? v[F_PLAN] : "",
	    v[F_PRODUCT] ? v[F_PRODUCT] : "", v[F_TYPE] ? v[F_TYPE] : "", &d);
	old = d;
	/* a table the plan did not have counts from now on */
	if (d.ntiers == 0 && (*d.product || *d.type))
		d.ntables++;
	if (bad_record(in, v, &d))
		return;
	if (intern_get(r->seen, v[F_PLAN], strlen(v[F_PLAN])) >= 0) {
		input_error(in, "plan '%s' is given twice in the input", v[F_PLAN]);
		return;
	}
	intern_add(r->seen, v[F_PLAN], strlen(v[F_PLAN]));
	comp_def_describe(&d, d.title, &log);
	comp_def_describe(&old, old.title, &was);
	if (row >= 0 && strcmp(log.data, was.data) == 0) {
		r->same++;
	} else {
		comp_def_store(r->plans, r->tiers, v[F_PLAN], &d);
		buf_printf(&line, "%s plan %s (%s)", row >= 0 ? "replace" : "add", v[F_PLAN],
		    log.data);
		if (row >= 0)
			buf_printf(&line, " (was %s)", was.data);
		if (row >= 0)
			r->replaced++;
		else
			r->added++;
		r->changes = xreallocarray(r->changes, r->nchanges + 1, sizeof *r->changes);
		r->changes[r->nchanges++] = xstrdup(line.data);
	}
	buf_free(&log);
	buf_free(&was);
	buf_free(&line);
}

static void
commit(struct store *s, struct run *r)
{
	struct txn x;
	size_t i;

	txn_begin(&x, s, cli.dry_run);
	for (i = 0; i < r->nchanges; i++) {
		txn_log(&x, "%s", r->changes[i]);
		free(r->changes[i]);
	}
	free(r->changes);
	if (x.changes) {
		txn_table(&x, &schema_comp_plans, r->plans);
		txn_table(&x, &schema_comp_tiers, r->tiers);
	}
	txn_commit(&x);
}

int
main(int argc, char *argv[])
{
	struct run r = { NULL, NULL, NULL, NULL, 0, 0, 0, 0 };
	const char *v[NFIELDS];
	struct store *s;
	struct input *in;
	size_t i, n;
	int writing;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	for (writing = 0, i = F_TITLE; i <= F_TYPE; i++)
		writing |= opt[i] != NULL;
	writing |= cli.dry_run || cli.quiet || cli.from || cli.ignore_extra;
	if (listing || show) {
		if (writing || (listing && show) || cli.nargs)
			cli_usage(&cli);
		list(&cli, show);
		return 0;
	}
	cli_record(&cli, opt, F_PLAN, -1);
	if (cli.format || cli.no_header)
		cli_usage(&cli);
	in = cli_input(&cli, fields, NFIELDS, INPUT_CREATE);

	s = store_open(cli.data_dir, STORE_WRITE);
	r.plans = store_load(s, "comp-plans.tsv");
	r.tiers = store_load(s, "comp-tiers.tsv");
	r.seen = intern_new();
	while (input_next(in, opt, v))
		set_plan(&r, in, v);
	if (input_close(in))
		die("nothing was changed");

	commit(s, &r);
	close_stdout();
	n = r.added + r.replaced;
	if (!cli.dry_run)
		cli_done(&cli, "set %zu plan%s%s", n, n == 1 ? "" : "s",
		    r.same ? ", others unchanged" : "");
	buf_free(&tierbuf);
	intern_free(r.seen);
	table_free(r.plans);
	table_free(r.tiers);
	store_close(s);
	return 0;
}
