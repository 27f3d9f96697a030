#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "dealop.h"
#include "caches.h"
#include "err.h"
#include "fieldmap.h"
#include "id.h"
#include "history.h"
#include "input.h"
#include "reason.h"
#include "intern.h"
#include "org.h"
#include "schema.h"
#include "seq.h"
#include "txn.h"
#include "xalloc.h"

/* DEALOP_ACT reads every record before it looks at the ledger. */
struct record {
	char *where;		/* "FILE:LINE", "" for the options */
	char **v;		/* nfields values, NULL when not set */
};

struct dealop_priv {
	const struct cli *cli;
	enum dealop_mode mode;
	size_t nfields;
	size_t errors;
	/* DEALOP_ADD, DEALOP_SYNC: the input being streamed, the current record */
	struct input *in;
	struct fieldmap *map;
	int map_given;
	const char *const *fields;
	const char *const *opts;
	const char **raw, **vals;
	struct buf valtext;	/* the current record's values, each ending in NUL, */
	size_t *valat;		/* at these offsets plus one (0: none) */
	struct table *ids;
	long long first, nnew;
	char next_id[GENID_SZ];	/* the id dealop_new_id() hands out next */
	size_t next_len;
	struct intern *refs;	/* loaded on the first ref asked about */
	long ref_field;		/* the field "ref", -1: none */
	/* DEALOP_ACT */
	struct record *rec;
	size_t nrec, next;
	const char *where;
	struct intern *deals;	/* deal id -> index into state */
	struct deal **state;
	/* what to write */
	const struct schema *extra_sc;	/* a table written with the events */
	struct table *extra;
	struct deal_batch *batch;
	size_t nqueued;		/* events in batch */
	/* The change: its audit lines go in as the events are queued (a bulk
	 * load keeps no other copy of them); with -n they wait in log, each
	 * ending in NUL, until every record has passed. */
	struct txn x;
	struct buf log;
	struct table *reasons;	/* reasons.tsv, once dealop_reason asks */
	int reasons_read;
};

static void
read_records(struct dealop_priv *p, const char *const *fields, const char *const *opts)
{
	size_t n = p->nfields, i, date = n;
	const char **names = xcalloc(n + 1, sizeof *names);
	const char **optv = xcalloc(n + 1, sizeof *optv);
	const char **raw = xcalloc(n + 1, sizeof *raw);
	struct input *in;
	struct record *r;
	const char *x;
	size_t cap = 0;

	for (i = 0; i < n; i++) {
		names[i] = fields[i];
		optv[i] = opts[i];
		if (strcmp(fields[i], "date") == 0)
			date = i;
	}
	/* Only to learn whether the input lists events (see dealop.h). */
	names[n] = "event";
	in = input_open(p->cli->from, names, n + 1, INPUT_ACT);
	while (input_next(in, optv, raw)) {
		if (p->nrec == cap) {
			cap = cap ? cap * 2 : 16;
			p->rec = xreallocarray(p->rec, cap, sizeof *p->rec);
		}
		r = &p->rec[p->nrec++];
		r->where = xstrdup(input_where(in));
		r->v = xcalloc(n, sizeof *r->v);
		for (i = 0; i < n; i++) {
			/* input_next() gave the option where one was given. */
			x = raw[i];
			if (i == date && !opts[i] && input_has(in, n))
				x = NULL;
			r->v[i] = x && *x ? xstrdup(x) : NULL;
		}
	}
	p->errors += input_close(in);
	free(names);
	free(optv);
	free(raw);
}

/* The current state of every well-formed deal id the records name. */
static void
find_deals(struct dealop *op)
{
	struct dealop_priv *p = op->p;
	struct deal **found;
	const char **ids;
	const char *id;
	size_t i, n, k = 0, max;
	size_t *slot;

	p->deals = intern_new();
	for (i = 0; i < p->nrec; i++)
		if ((id = p->rec[i].v[0]) && !genid_check(id, 'D'))
			intern_add(p->deals, id, strlen(id));
	n = intern_count(p->deals);
	ids = xcalloc(n ? n : 1, sizeof *ids);
	slot = xcalloc(n ? n : 1, sizeof *slot);
	p->state = xcalloc(n ? n : 1, sizeof *p->state);
	found = xcalloc(n ? n : 1, sizeof *found);
	/* A number past the highest in the ledger names no deal: not looked
	 * for through every month. */
	max = n ? history_deal_max(op->s) : 0;
	for (i = 0; i < n; i++)
		if (strtoull(intern_name(p->deals, i) + 1, NULL, 10) <= max) {
			slot[k] = i;
			ids[k++] = intern_name(p->deals, i);
		}
	deal_latest(op->s, ids, k, found);
	for (i = 0; i < k; i++)
		p->state[slot[i]] = found[i];
	free(found);
	free(slot);
	free(ids);
}

struct dealop *
dealop_open(const struct cli *cli, enum dealop_mode mode, const char *const *fields,
	    size_t nfields, const char *const *opts)
{
	return dealop_open_map(cli, mode, fields, nfields, opts, NULL);
}

/* The export's columns for the fields; every column the map names must be there. */
static void
open_mapped(struct dealop_priv *p, const char *const *fields, size_t nfields,
	    const char *map)
{
	const char **names = xcalloc(nfields ? nfields : 1, sizeof *names);
	int mode = p->cli->ignore_extra || map ? INPUT_CREATE | INPUT_IGNORE_EXTRA :
	    INPUT_CREATE;
	size_t i, bad = 0;

	p->map = fieldmap_load(map, fields, nfields);
	p->map_given = map != NULL || p->mode == DEALOP_SYNC;
	for (i = 0; i < nfields; i++)
		names[i] = fieldmap_column(p->map, i);
	p->in = input_open(p->cli->from, names, nfields, mode);
	for (i = 0; i < nfields && p->cli->from; i++)
		if (fieldmap_line(p->map, i) && !input_has(p->in, i)) {
			warn("%s:%lu: column '%.64s' is not in %s", fieldmap_name(p->map),
			    fieldmap_line(p->map, i), names[i], p->cli->from);
			bad++;
		}
	free(names);
	if (bad)
		die("nothing was changed");
}

struct dealop *
dealop_open_map(const struct cli *cli, enum dealop_mode mode, const char *const *fields,
		size_t nfields, const char *const *opts, const char *map)
{
	struct dealop *op = xcalloc(1, sizeof *op);
	struct dealop_priv *p = xcalloc(1, sizeof *p);
	struct table *cfg;
	size_t i;

	op->p = p;
	p->cli = cli;
	p->mode = mode;
	p->nfields = nfields;
	p->opts = opts;
	p->fields = fields;
	op->today = date_today(cli->today);
	if (mode == DEALOP_ACT)
		read_records(p, fields, opts);
	else
		open_mapped(p, fields, nfields, map);
	op->s = store_open(cli->data_dir, STORE_WRITE);
	cfg = config_load(op->s);	/* the currency's decimals */
	table_free(cfg);
	op->stages = stages_load(op->s);
	p->batch = deal_batch_new();
	txn_begin(&p->x, op->s, cli->dry_run);
	if (mode == DEALOP_ACT) {
		find_deals(op);
		return op;
	}
	p->ids = store_load(op->s, "ids.tsv");
	/* Past every deal in the ledger, whatever ids.tsv says; reserving none
	 * tells where the numbers start; the commit reserves them. */
	seq_past(p->ids, "deal", history_deal_max(op->s));
	p->first = seq_reserve(p->ids, "deal", 0);
	for (p->ref_field = -1, i = 0; i < nfields; i++)
		if (strcmp(fields[i], "ref") == 0)
			p->ref_field = (long)i;
	p->raw = xcalloc(nfields ? nfields : 1, sizeof *p->raw);
	p->vals = xcalloc(nfields ? nfields : 1, sizeof *p->vals);
	p->valat = xcalloc(nfields ? nfields : 1, sizeof *p->valat);
	return op;
}

static int
next_add(struct dealop *op, const char *const **vals)
{
	struct dealop_priv *p = op->p;
	const char *v, *why, *given;
	size_t i;

	if (!input_next(p->in, p->opts, p->raw))
		return 0;
	buf_reset(&p->valtext);
	for (i = 0; i < p->nfields; i++) {
		/* Trimmed, the map's default when empty, then its labels. */
		given = p->raw[i] && *p->raw[i] ? p->raw[i] : p->opts[i] ? p->opts[i] : "";
		if ((v = fieldmap_value(p->map, i, given, &why)) == NULL) {
			dealop_error(op, "%s '%.64s' %s (add a line 'value\t%s\t%.64s\tVALUE' "
			    "to %s)", p->fields[i], given, why, p->fields[i], given,
			    fieldmap_name(p->map));
			v = "";
		}
		/* fieldmap_value's text lives until its next call: keep a copy,
		 * all of the record's in one buffer, unless it is the row's own
		 * text (most values), which lives until the next record. */
		p->valat[i] = 0;
		p->vals[i] = v && *v ? v : NULL;
		if (v && *v && v != given) {
			p->valat[i] = p->valtext.len + 1;
			buf_adds(&p->valtext, v);
			buf_addc(&p->valtext, '\0');
		}
	}
	for (i = 0; i < p->nfields; i++)
		if (p->valat[i])
			p->vals[i] = p->valtext.data + p->valat[i] - 1;
	*vals = p->vals;
	return 1;
}

int
dealop_next(struct dealop *op, const char *const **vals, const struct deal **cur)
{
	struct dealop_priv *p = op->p;
	struct record *r;
	const char *id, *why;
	long k;

	*cur = NULL;
	if (p->mode != DEALOP_ACT)
		return next_add(op, vals);
	while (p->next < p->nrec) {
		r = &p->rec[p->next++];
		p->where = r->where;
		if (!(id = r->v[0])) {
			dealop_error(op, "no deal given");
			continue;
		}
		if ((why = genid_check(id, 'D'))) {
			dealop_error(op, "deal '%.64s' %s", id, why);
			continue;
		}
		k = intern_get(p->deals, id, strlen(id));
		if (!p->state[k]) {
			dealop_error(op, "unknown deal '%s' (see deal-list)", id);
			continue;
		}
		*vals = (const char *const *)r->v;
		*cur = p->state[k];
		return 1;
	}
	return 0;
}

static void
say(struct dealop *op, int problem, const char *fmt, va_list ap)
{
	struct dealop_priv *p = op->p;
	const char *where = p->in ? input_where(p->in) : p->where ? p->where : "";
	char msg[1024];

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (*where)
		warn("%s: %s", where, msg);
	else
		warn("%s", msg);
	if (problem)
		p->errors++;
}

void
dealop_error(struct dealop *op, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(op, 1, fmt, ap);
	va_end(ap);
}

void
dealop_count_error(struct dealop *op)
{
	op->p->errors++;
}

void
dealop_note(struct dealop *op, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(op, 0, fmt, ap);
	va_end(ap);
}

int
dealop_amount(struct dealop *op, const char *v, char out[MONEY_BUFSZ])
{
	const char *why;
	int64_t a;

	if (money_parse(v, &a, &why) < 0) {
		dealop_error(op, "amount '%.64s' %s %s", v,
		    strncmp(why, "more", 4) == 0 ? "has" : "is", why);
		return -1;
	}
	if (a <= 0) {
		dealop_error(op, "amount '%.64s' must be more than 0", v);
		return -1;
	}
	money_format(a, out);
	return 0;
}

int
dealop_date(struct dealop *op, const char *v, const struct deal *cur,
	    char out[DATE_BUFSZ])
{
	date_t d = op->today;

	if (v && date_parse(v, &d) < 0) {
		dealop_error(op, "date '%.64s' is not a date (YYYY-MM-DD)", v);
		return -1;
	}
	return dealop_day(op, d, v, cur, out);
}

int
dealop_day(struct dealop *op, date_t d, const char *iso, const struct deal *cur,
	   char out[DATE_BUFSZ])
{
	char today[DATE_BUFSZ];
	date_t last;

	if (iso)
		memcpy(out, iso, DATE_BUFSZ);
	else
		date_format(d, out);
	if (d > op->today) {
		dealop_error(op, "date %s is after today (%s)", out,
		    date_format(op->today, today));
		return -1;
	}
	/* deal_latest() counts on events never going back in time. */
	if (cur && date_parse(cur->f[DL_DATE], &last) == 0 && d < last) {
		dealop_error(op, "date %s is before %s's last event (%s)", out,
		    cur->f[DL_DEAL], cur->f[DL_DATE]);
		return -1;
	}
	return 0;
}

int
dealop_value(struct dealop *op, const char *field, const char *v)
{
	const char *why, *e, *bar;
	char list[128] = "";
	size_t len;
	int c;

	/* Most rows leave these fields empty: no column to look up. */
	if (!v || !*v || (c = schema_col(&schema_deals, field)) < 0 ||
	    !(why = schema_check_value(&schema_deals.cols[c], v)))
		return 0;
	if (schema_deals.cols[c].type != COL_ENUM) {
		dealop_error(op, "%s '%.64s' %s", field, v, why);
		return -1;
	}
	/* "is not new, renewal or expansion" */
	for (len = 0, e = schema_deals.cols[c].values; (bar = strchr(e, '|')) && len < sizeof list;
	    e = bar + 1)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%.*s", len ? ", " : "",
		    (int)(bar - e), e);
	dealop_error(op, "%s '%.64s' is not %s or %s", field, v, list, e);
	return -1;
}

int
dealop_rep(struct dealop *op, const struct org *o, const char *rep, const char *date,
	   const char *verb, const char *id)
{
	const char *status;
	date_t d;

	if (!org_known(o, ORG_REP, rep)) {
		dealop_error(op, "unknown rep '%.64s' (rep-list --all shows every rep)", rep);
		return -1;
	}
	date_parse(date, &d);
	status = org_rep_status(o, rep, d);
	if (strcmp(status, "active") == 0)
		return 0;
	dealop_error(op, "rep '%s' is %s on %s and cannot %s %s", rep,
	    !*status ? "not hired yet" : strcmp(status, "leave") == 0 ? "on leave" : "gone",
	    date, verb, id);
	return -1;
}

const struct stage *
dealop_stage(struct dealop *op, const char *v)
{
	const struct stage *st = stage_find(op->stages, v);
	struct buf names = BUF_INIT;
	size_t i;

	if (st)
		return st;
	for (i = 0; i < op->stages->n; i++)
		buf_printf(&names, "%s%s", i ? ", " : "", op->stages->v[i].name);
	dealop_error(op, "unknown stage '%.64s' (stages.tsv has %s)", v, names.data);
	buf_free(&names);
	return NULL;
}

void
dealop_set_amount(struct deal *ev, const char *amount)
{
	deal_set(ev, DL_AMOUNT, amount);
	deal_set(ev, DL_CURRENCY, "");
	deal_set(ev, DL_CURRENCY_AMOUNT, "");
}

enum deal_state
dealop_state(const struct dealop *op, const struct deal *cur)
{
	return deal_state_of(op->stages, cur->f[DL_EVENT], cur->f[DL_STAGE]);
}

struct deal *
dealop_event(const struct deal *cur, const char *event, const char *date)
{
	struct deal *ev = deal_copy(cur);

	deal_set(ev, DL_EVENT, event);
	deal_set(ev, DL_DATE, date);
	return ev;
}

void
dealop_queue(struct dealop *op, const struct deal *ev, const char *fmt, ...)
{
	struct buf detail = BUF_INIT;
	va_list ap;

	if (!fmt) {
		dealop_queue_line(op, ev, NULL);
		return;
	}
	va_start(ap, fmt);
	buf_vprintf(&detail, fmt, ap);
	va_end(ap);
	dealop_queue_line(op, ev, detail.data);
	buf_free(&detail);
}

void
dealop_queue_line(struct dealop *op, const struct deal *ev, const char *detail)
{
	struct dealop_priv *p = op->p;
	long k;

	deal_queue(p->batch, ev);
	p->nqueued++;
	if (detail && !p->cli->dry_run)
		txn_log_line(&p->x, detail);
	else if (detail) {
		buf_adds(&p->log, detail);
		buf_addc(&p->log, '\0');
	}
	if (p->mode != DEALOP_ACT)
		return;
	/* A later record of the same deal starts from this event. */
	k = intern_get(p->deals, ev->f[DL_DEAL], strlen(ev->f[DL_DEAL]));
	if (k < 0)
		die("internal error: queued event of deal '%s' not read", ev->f[DL_DEAL]);
	deal_free(p->state[k]);
	p->state[k] = deal_copy(ev);
}

void
dealop_new_id(struct dealop *op, char id[DEALOP_IDSZ])
{
	struct dealop_priv *p = op->p;

	if (p->nnew++ == 0)
		p->next_len = genid_format(p->next_id, 'D', p->first);
	memcpy(id, p->next_id, p->next_len + 1);
	p->next_len = genid_next(p->next_id, p->next_len);
}

int
dealop_ref_booked(struct dealop *op, const char *ref)
{
	struct dealop_priv *p = op->p;
	const char *next;
	size_t known, k, n;

	if (!p->refs) {
		p->refs = deal_refs(op->s);
		if (p->in)
			intern_reserve(p->refs, intern_count(p->refs) + input_rows_hint(p->in));
	}
	/* One lookup: a ref met before keeps its index, a new one gets the next. */
	known = intern_count(p->refs);
	k = intern_add(p->refs, ref, strlen(ref));
	/* The next row's ref is fetched while this row is checked: a million
	 * refs are a table far bigger than the cache. */
	if (p->ref_field >= 0 && p->in && input_peek(p->in, (size_t)p->ref_field, &next, &n))
		intern_prefetch(p->refs, next, n);
	return k < known;
}

struct input *
dealop_input(const struct dealop *op)
{
	return op->p->in;
}

int
dealop_map_given(const struct dealop *op)
{
	return op->p->map_given;
}

const struct fieldmap *
dealop_map(const struct dealop *op)
{
	return op->p->map;
}

void
dealop_queue_table(struct dealop *op, const struct schema *sc, struct table *t)
{
	op->p->extra_sc = sc;
	op->p->extra = t;
}

void
dealop_check(struct dealop *op)
{
	struct dealop_priv *p = op->p;

	if (p->in) {
		p->errors += input_close(p->in);
		p->in = NULL;
	}
	if (p->errors)
		die("nothing was changed");
	/* Every row is read: the refs (a bulk load's biggest table) go before
	 * the commit, and so before history_checkpoint()'s fork copies what
	 * is left. */
	intern_free(p->refs);
	p->refs = NULL;
}

size_t
dealop_commit(struct dealop *op)
{
	struct dealop_priv *p = op->p;
	struct txn *x = &p->x;
	size_t off;
	long long i;

	dealop_check(op);
	if (p->nnew) {
		if (seq_reserve(p->ids, "deal", (size_t)p->nnew) != p->first)
			die("internal error: ids.tsv changed under the lock");
		txn_table(x, &schema_ids, p->ids);
	}
	if (p->extra)
		txn_table(x, p->extra_sc, p->extra);
	deal_flush(p->batch, x);
	p->batch = NULL;
	for (off = 0; off < p->log.len; off += strlen(p->log.data + off) + 1)
		txn_log_line(x, p->log.data + off);
	txn_commit(x);
	if (!p->cli->dry_run && p->mode == DEALOP_ADD) {
		struct buf ids = BUF_INIT;
		char id[GENID_SZ];
		size_t n;

		for (i = 0, n = genid_format(id, 'D', p->first); i < p->nnew; i++) {
			id[n] = '\n';
			buf_add(&ids, id, n + 1);
			id[n] = '\0';
			n = genid_next(id, n);
		}
		if (ids.len)
			fwrite(ids.data, 1, ids.len, stdout);
		buf_free(&ids);
	}
	/* The checkpoints of complete months, of the ledger as it is now.  A
	 * run that books nothing (an import run again) changes nothing. */
	if (!p->cli->dry_run && p->nqueued)
		history_checkpoint(op->s, op->stages, op->today, report_caches);
	/* deal-sync has its summary still to print, and closes stdout itself. */
	if (p->mode != DEALOP_SYNC)
		close_stdout();
	return x->changes;
}

void
dealop_close(struct dealop *op)
{
	struct dealop_priv *p = op->p;
	size_t i, j;

	if (p->in)
		input_close(p->in);
	for (i = 0; i < p->nrec; i++) {
		for (j = 0; j < p->nfields; j++)
			free(p->rec[i].v[j]);
		free(p->rec[i].v);
		free(p->rec[i].where);
	}
	free(p->rec);
	if (p->deals) {
		for (i = 0; i < intern_count(p->deals); i++)
			deal_free(p->state[i]);
		intern_free(p->deals);
	}
	free(p->state);
	intern_free(p->refs);
	free(p->raw);
	free(p->vals);
	free(p->valat);
	buf_free(&p->valtext);
	fieldmap_free(p->map);
	table_free(p->ids);
	table_free(p->extra);
	deal_batch_free(p->batch);
	buf_free(&p->log);
	buf_free(&p->x.log);
	table_free(p->reasons);
	stages_free(op->stages);
	store_close(op->s);
	free(p);
	free(op);
}

int
dealop_reason(struct dealop *op, const char *reason)
{
	struct dealop_priv *p = op->p;
	char hint[SUGGEST_BUFSZ];
	const char *why;

	if (!p->reasons_read) {
		p->reasons = reasons_load(op->s);
		p->reasons_read = 1;
	}
	if (!(why = reason_check(p->reasons, reason, hint)))
		return 0;
	dealop_error(op, "unknown reason '%.64s' (%s)", reason, why);
	return -1;
}

int
dealop_end(struct dealop *op, const struct deal *cur, const char *event, const char *stage,
	   const char *reason, const char *date, const char *verb, const char *after)
{
	char day[DATE_BUFSZ];
	struct deal *ev;

	if (dealop_date(op, date, cur, day) < 0)
		return -1;
	ev = dealop_event(cur, event, day);
	if (stage)
		deal_set(ev, DL_STAGE, stage);
	deal_set(ev, DL_REASON, reason);
	dealop_queue(op, ev, "%s deal %s%s%s%s%s%s", verb, ev->f[DL_DEAL], after ? " " : "",
	    after ? after : "", reason ? " (" : "", reason ? reason : "", reason ? ")" : "");
	deal_free(ev);
	return 0;
}
