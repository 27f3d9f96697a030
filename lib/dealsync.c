#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "deal.h"
#include "dealin.h"
#include "dealop.h"
#include "dealsync.h"
#include "err.h"
#include "fieldmap.h"
#include "input.h"
#include "intern.h"
#include "schema.h"
#include "tsv.h"
#include "xalloc.h"

enum { F_REF, F_REP, F_ACCOUNT, F_AMOUNT, F_CURRENCY, F_PRODUCT, F_STAGE, F_STATUS,
	F_EXPECTED, F_DATE, F_CLOSED, F_CHANGED, F_REASON, F_NOTE, F_TYPE, NFIELDS };
static const char *const fields[NFIELDS] = {
	"ref", "rep", "account", "amount", "currency", "product", "stage", "status",
	"expected", "date", "closed", "changed", "reason", "note", "type"
};

/* One export row, in our terms. */
struct row {
	char rep[DEALIN_IDSZ], account[DEALIN_IDSZ];
	char expected[DATE_BUFSZ], evdate[DATE_BUFSZ], opened[DATE_BUFSZ],
	    closed[DATE_BUFSZ];
	struct dealin_money money;
	const struct stage *st;
	enum deal_state state;
	const char *ref, *product, *type, *reason, *note;
};

struct sync {
	const struct cli *cli;
	struct dealop *op;
	struct dealin *di;
	struct deal_last *last;
	struct intern *refs;	/* ref -> index of deals[] */
	size_t *deal;		/* ref index -> ledger deal index, or -1 */
	unsigned long *line;	/* ref index -> export line seen on, 0: not seen */
	size_t cap;		/* of deal and line */
	struct buf detail;	/* the audit change being queued */
	struct buf rows;	/* -n: the events as ledger rows */
	struct dealsync_count *n;
	char evd[DATE_BUFSZ], today[DATE_BUFSZ];	/* the sync date and today, as text */
};

/* Queue ev (and keep it as a row for -n). */
static void
emit(struct sync *sy, const struct deal *ev, const char *what)
{
	size_t j;

	if (sy->cli->dry_run) {
		for (j = 0; j < DL_NCOLS; j++) {
			if (j)
				buf_addc(&sy->rows, '\t');
			tsv_escape(&sy->rows, ev->f[j], strlen(ev->f[j]));
		}
		buf_addc(&sy->rows, '\n');
	}
	/* "sync deal %s (ref %s): %s", without printf: a bulk sync has millions */
	buf_reset(&sy->detail);
	buf_adds(&sy->detail, "sync deal ");
	buf_adds(&sy->detail, ev->f[DL_DEAL]);
	buf_adds(&sy->detail, " (ref ");
	buf_adds(&sy->detail, ev->f[DL_REF]);
	buf_adds(&sy->detail, "): ");
	buf_adds(&sy->detail, what);
	dealop_queue_line(sy->op, ev, sy->detail.data);
}

/* deal and line long enough for ref index k (doubled, not one a row). */
static void
room_for(struct sync *sy, size_t k)
{
	if (k < sy->cap)
		return;
	sy->cap = sy->cap ? sy->cap * 2 : 1024;
	while (sy->cap <= k)
		sy->cap *= 2;
	sy->deal = xreallocarray(sy->deal, sy->cap, sizeof *sy->deal);
	sy->line = xreallocarray(sy->line, sy->cap, sizeof *sy->line);
}

static void
index_ledger(struct sync *sy)
{
	size_t i, k, n = deal_last_count(sy->last);
	const char *ref;

	sy->refs = intern_new();
	for (i = 0; i < n; i++) {
		ref = deal_last_field(sy->last, i, DL_REF);
		if (!*ref)
			continue;
		k = intern_add(sy->refs, ref, strlen(ref));
		room_for(sy, k);
		sy->deal[k] = i;
		sy->line[k] = 0;
	}
}

/* The export line of this record. */
static unsigned long
record_line(struct sync *sy)
{
	return input_line(dealop_input(sy->op));
}

/* Read and check one record into r; -1 when it is bad (reported). */
static int
read_row(struct sync *sy, const char *const *v, date_t evd, struct row *r)
{
	struct dealin *di = sy->di;
	date_t d, today = sy->op->today;
	int set, bad = 0;

	memset(r, 0, sizeof *r);
	r->ref = v[F_REF];
	r->product = v[F_PRODUCT] ? v[F_PRODUCT] : "";
	r->type = v[F_TYPE] ? v[F_TYPE] : "";
	r->reason = v[F_REASON] ? v[F_REASON] : "";
	r->note = v[F_NOTE] ? v[F_NOTE] : "";
	bad |= dealin_rep(di, v[F_REP], r->rep);
	bad |= dealin_account(di, v[F_ACCOUNT], r->account);
	bad |= dealin_money(di, v[F_AMOUNT], v[F_CURRENCY], &r->money);
	bad |= dealin_state(di, v[F_STAGE], v[F_STATUS], &r->st, &r->state);
	bad |= dealop_value(sy->op, "product", v[F_PRODUCT]);
	bad |= dealop_value(sy->op, "type", v[F_TYPE]);
	if (dealin_date(di, "expected", v[F_EXPECTED], &d, &set, r->expected) < 0)
		bad = -1;
	/* A date not given is the sync date, whose text is made once. */
	if (dealin_date(di, "changed", v[F_CHANGED], &d, &set, r->evdate) < 0)
		bad = -1;
	if (!set || d >= evd)
		memcpy(r->evdate, sy->evd, DATE_BUFSZ);
	if (dealin_date(di, "date", v[F_DATE], &d, &set, r->opened) < 0)
		bad = -1;
	if (!set)
		memcpy(r->opened, sy->evd, DATE_BUFSZ);
	if (dealin_date(di, "closed", v[F_CLOSED], &d, &set, r->closed) < 0)
		bad = -1;
	if (set && d > today && r->state != DEAL_OPEN) {
		dealop_error(sy->op, "closed '%s' is after today", v[F_CLOSED]);
		bad = -1;
	}
	if (!set)
		memcpy(r->closed, sy->evd, DATE_BUFSZ);
	if (strcmp(r->opened, sy->today) > 0) {
		dealop_error(sy->op, "date %s is after today", r->opened);
		bad = -1;
	}
	return bad ? -1 : 0;
}

/* d, or the deal's last event date if d is before it. */
static const char *
not_before(const char *d, const char *last)
{
	return strcmp(d, last) < 0 ? last : d;
}

/*
 * The events are built in a struct deal whose fields point at the row's
 * text, the ledger's and the buffers below (a bulk sync makes millions of
 * them): deal_queue() copies what it queues, so nothing is allocated.
 */
#define SET(ev, col, v) ((ev)->f[col] = (char *)(v))

/* Set the amount columns of ev from r as on ev's date, the amount in
 * amount; -1 if it fails. */
static int
set_amount(struct sync *sy, struct deal *ev, const struct row *r, char amount[MONEY_BUFSZ])
{
	if (dealin_amount_on(sy->di, &r->money, ev->f[DL_DATE], amount) < 0)
		return -1;
	SET(ev, DL_AMOUNT, amount);
	SET(ev, DL_CURRENCY, r->money.currency);
	SET(ev, DL_CURRENCY_AMOUNT, *r->money.currency ? r->money.text : "");
	return 0;
}

/* ev (the deal's last event) won or lost as r says, on its close date; a
 * loss with its reason as deal-lost takes it (listed in reasons.tsv). */
static void
close_deal(struct sync *sy, const struct deal *last, const struct row *r)
{
	struct deal ev = *last;
	char amount[MONEY_BUFSZ];

	if (r->state == DEAL_LOST && dealop_reason(sy->op, r->reason) < 0)
		return;
	SET(&ev, DL_DATE, not_before(r->closed, ev.f[DL_DATE]));
	SET(&ev, DL_EVENT, r->state == DEAL_WON ? "won" : "lost");
	SET(&ev, DL_STAGE, r->st->name);
	SET(&ev, DL_REASON, r->state == DEAL_LOST ? r->reason : "");
	if (set_amount(sy, &ev, r, amount) == 0)
		emit(sy, &ev, r->state == DEAL_WON ? "won" : "lost");
	if (r->state == DEAL_WON)
		sy->n->won++;
	else
		sy->n->lost++;
}

static void
add_deal(struct sync *sy, const struct row *r)
{
	char id[DEALOP_IDSZ], amount[MONEY_BUFSZ];
	struct deal ev;
	size_t j;

	for (j = 0; j < DL_NCOLS; j++)
		SET(&ev, j, "");
	dealop_new_id(sy->op, id);
	SET(&ev, DL_DATE, r->opened);
	SET(&ev, DL_DEAL, id);
	SET(&ev, DL_EVENT, "open");
	SET(&ev, DL_REP, r->rep);
	SET(&ev, DL_ACCOUNT, r->account);
	SET(&ev, DL_PRODUCT, r->product);
	SET(&ev, DL_TYPE, r->type);
	SET(&ev, DL_STAGE, r->state == DEAL_OPEN ? r->st->name :
	    sy->op->stages->first_open->name);
	SET(&ev, DL_EXPECTED, r->expected);
	SET(&ev, DL_REF, r->ref);
	SET(&ev, DL_NOTE, r->note);
	SET(&ev, DL_OPENED, r->opened);
	if (set_amount(sy, &ev, r, amount) == 0)
		emit(sy, &ev, "added");
	sy->n->added++;
	if (r->state != DEAL_OPEN)
		close_deal(sy, &ev, r);
}

/* The deal's latest event, its fields where the ledger scan keeps them. */
static void
latest(struct sync *sy, size_t i, struct deal *d)
{
	size_t j;

	for (j = 0; j < DL_NCOLS; j++)
		SET(d, j, deal_last_field(sy->last, i, (enum deal_col)j));
}

/* Does the export's amount differ from the deal's (in its own currency)? */
static int
amount_differs(const struct deal *cur, const struct row *r)
{
	char amount[MONEY_BUFSZ];

	if (strcmp(cur->f[DL_CURRENCY], r->money.currency) != 0)
		return 1;
	if (*r->money.currency)
		return strcmp(cur->f[DL_CURRENCY_AMOUNT], r->money.text) != 0;
	return strcmp(cur->f[DL_AMOUNT], money_format(r->money.minor, amount)) != 0;
}

/*
 * Would change_deal() write and say nothing for this row?  Asked of the
 * ledger's fields where they are, so that the nightly sync of an export
 * that is mostly as before copies no deal.
 */
static int
same_as_ledger(struct sync *sy, size_t i, const struct row *r)
{
	struct deal view;
	enum deal_state now;

	latest(sy, i, &view);
	now = dealop_state(sy->op, &view);
	if (now != r->state)
		return 0;
	if (now != DEAL_OPEN)
		return 1;
	return strcmp(view.f[DL_REP], r->rep) == 0 && strcmp(view.f[DL_STAGE], r->st->name) == 0 &&
	    !amount_differs(&view, r) && strcmp(view.f[DL_EXPECTED], r->expected) == 0;
}

static void
change_deal(struct sync *sy, size_t i, const struct row *r)
{
	struct deal ev;
	enum deal_state now;
	const char *date, *id;
	char amount[MONEY_BUFSZ];
	int changed = 0, stage, amount_changed;

	if (same_as_ledger(sy, i, r)) {
		sy->n->unchanged++;
		return;
	}
	latest(sy, i, &ev);
	now = dealop_state(sy->op, &ev);
	date = not_before(r->evdate, ev.f[DL_DATE]);
	id = ev.f[DL_DEAL];

	if (now == DEAL_OPEN && strcmp(ev.f[DL_REP], r->rep) != 0) {
		SET(&ev, DL_DATE, date);
		SET(&ev, DL_EVENT, "assign");
		SET(&ev, DL_REP, r->rep);
		SET(&ev, DL_SPLIT, "");	/* a new owner has the whole credit */
		emit(sy, &ev, "assigned");
		changed = 1;
	}
	/* Closed the other way, or open again after won or cancelled. */
	if (now != DEAL_OPEN && now != r->state &&
	    !(now == DEAL_LOST && r->state == DEAL_OPEN)) {
		if (!sy->cli->quiet)
			dealop_note(sy->op, "%s is %s in the ledger but %s in the export; "
			    "left as it is", id, deal_state_name(now), deal_state_name(r->state));
		sy->n->unchanged++;
		return;
	}
	stage = strcmp(ev.f[DL_STAGE], r->st->name) != 0;
	amount_changed = amount_differs(&ev, r);
	if (now == DEAL_OPEN && r->state != DEAL_OPEN) {
		SET(&ev, DL_EXPECTED, r->expected);
		close_deal(sy, &ev, r);
		return;
	}
	if (r->state == DEAL_OPEN && (now == DEAL_LOST || stage || amount_changed ||
	    strcmp(ev.f[DL_EXPECTED], r->expected) != 0)) {
		SET(&ev, DL_DATE, date);
		SET(&ev, DL_EVENT, now == DEAL_LOST ? "reopen" : stage ? "stage" : "amend");
		SET(&ev, DL_STAGE, r->st->name);
		SET(&ev, DL_EXPECTED, r->expected);
		if (now == DEAL_LOST)
			SET(&ev, DL_REASON, "");
		if (set_amount(sy, &ev, r, amount) == 0)
			emit(sy, &ev, ev.f[DL_EVENT]);
		changed = 1;
	}
	if (changed)
		sy->n->changed++;
	else
		sy->n->unchanged++;
}

/* Open deals with a ref that the export no longer has: said, not touched. */
static void
report_gone(struct sync *sy)
{
	size_t k, n = intern_count(sy->refs), i;

	for (k = 0; k < n; k++) {
		if (sy->line[k])
			continue;
		i = sy->deal[k];
		if (deal_state_of(sy->op->stages, deal_last_field(sy->last, i, DL_EVENT),
		    deal_last_field(sy->last, i, DL_STAGE)) != DEAL_OPEN)
			continue;
		sy->n->gone++;
		if (!sy->cli->quiet)
			warn("%s (ref '%s') is not in %s; left as it is",
			    deal_last_field(sy->last, i, DL_DEAL), intern_name(sy->refs, k),
			    sy->cli->from);
	}
}

void
dealsync_run(const struct cli *cli, const char *map, const char *date, int new_accounts,
	     struct dealsync_count *n)
{
	const char *opts[NFIELDS] = { 0 }, *const *v;
	char today[DATE_BUFSZ];
	const struct deal *none;
	struct sync sy = { 0 };
	struct buf hdr = BUF_INIT;
	struct row r;
	date_t evd;
	long k;
	size_t nold, nnext, known;
	int reserved = 0;
	const char *next;

	memset(n, 0, sizeof *n);
	sy.cli = cli;
	sy.n = n;
	sy.op = dealop_open_map(cli, DEALOP_SYNC, fields, NFIELDS, opts, map);
	evd = sy.op->today;
	if (date && date_parse(date, &evd) < 0)
		die("date '%s' is not a date (YYYY-MM-DD)", date);
	if (evd > sy.op->today)
		die("date %s is after today (%s)", date, date_format(sy.op->today, today));
	date_format(evd, sy.evd);
	date_format(sy.op->today, sy.today);
	if (!input_has(dealop_input(sy.op), F_REF))
		die("%s: no column '%s' (the ref of each deal in the CRM; map it with: "
		    "column ref COLUMN)", cli->from, fieldmap_column(dealop_map(sy.op), F_REF));
	sy.di = dealin_open(sy.op, new_accounts);
	sy.last = deal_last_scan(sy.op->s, DATE_MIN);
	index_ledger(&sy);
	nold = intern_count(sy.refs);
	while (dealop_next(sy.op, &v, &none)) {
		if (!reserved) {	/* at the first row, room for the rest */
			intern_reserve(sy.refs, nold + input_rows_hint(dealop_input(sy.op)));
			reserved = 1;
		}
		if (!v[F_REF]) {
			dealop_error(sy.op, "no ref (every deal of an export needs its CRM id)");
			continue;
		}
		if (strpbrk(v[F_REF], "\t\n\r")) {
			dealop_error(sy.op, "ref '%.64s' has a tab or line break", v[F_REF]);
			continue;
		}
		/* One lookup: a ref met before keeps its index, a new one gets
		 * the next. */
		known = intern_count(sy.refs);
		k = (long)intern_add(sy.refs, v[F_REF], strlen(v[F_REF]));
		if ((size_t)k < known && sy.line[k]) {
			dealop_error(sy.op, "ref '%.64s' is in the export twice (also on line %lu)",
			    v[F_REF], sy.line[k]);
			continue;
		}
		if ((size_t)k == known) {
			room_for(&sy, (size_t)k);
			sy.deal[k] = (size_t)-1;
		}
		sy.line[k] = record_line(&sy) ? record_line(&sy) : 1;
		/* The next record's ref is fetched while this one is checked: the
		 * refs of a big export are a table far bigger than the cache. */
		if (input_peek(dealop_input(sy.op), F_REF, &next, &nnext))
			intern_prefetch(sy.refs, next, nnext);
		if (read_row(&sy, v, evd, &r) < 0)
			continue;
		if ((size_t)k >= nold)
			add_deal(&sy, &r);
		else
			change_deal(&sy, sy.deal[k], &r);
	}
	report_gone(&sy);
	dealin_close(sy.di);
	/* The tables of the export's refs go before the commit, and so before
	 * history_checkpoint()'s fork copies what is left. */
	deal_last_free(sy.last);
	intern_free(sy.refs);
	free(sy.deal);
	free(sy.line);
	if (cli->dry_run) {
		/* The events as rows, once every record has passed. */
		dealop_check(sy.op);
		schema_header(&schema_deals, &hdr);
		if (fwrite(hdr.data, 1, hdr.len, stdout) != hdr.len ||
		    fwrite(sy.rows.data, 1, sy.rows.len, stdout) != sy.rows.len)
			die_errno("write error on standard output");
		buf_free(&hdr);
	} else
		dealop_commit(sy.op);
	buf_free(&sy.rows);
	buf_free(&sy.detail);
	dealop_close(sy.op);
}
