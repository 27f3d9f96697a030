#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dealin.h"
#include "err.h"
#include "fieldmap.h"
#include "id.h"
#include "input.h"
#include "intern.h"
#include "rates.h"
#include "schema.h"
#include "suggest.h"
#include "table.h"
#include "xalloc.h"

/* Rows of a table by a key, any ASCII case: an import asks once per row.
 * The first few questions are answered by a search (a tenth of what the
 * index costs to make) and the next makes the index, so that a program
 * that asks about one rep (deal-add --rep r0001) hashes no column. */
#define INDEX_SEARCHES 4
struct index {
	const struct table *t;
	const char *col;
	int asked, made;
	struct intern *h;
	size_t *row, cap;
};

struct dealin {
	struct dealop *op;
	int new_accounts, accounts_changed;
	struct table *reps, *accounts;
	char *reps_of;		/* reps holds this rep's row alone, or NULL */
	struct index rep_id, rep_email, rep_name, acct_id, acct_name;
	struct intern *said;	/* owners and companies already reported */
	struct rates *rates;
	/* The last owner found by its id, and its row: dealin_reps() is
	 * asked about it next. */
	char last_rep[DEALIN_IDSZ];
	long last_row;
};

/* key in lower case into buf (at most n - 1 bytes). */
static const char *
lower(const char *key, char *buf, size_t n)
{
	size_t i;

	/* ASCII only, as tolower() in the C locale the programs keep */
	for (i = 0; key[i] && i < n - 1; i++)
		buf[i] = (char)(key[i] >= 'A' && key[i] <= 'Z' ? key[i] - 'A' + 'a' : key[i]);
	buf[i] = '\0';
	return buf;
}

/* The first row with a key keeps it. */
static void
index_put(struct index *ix, const char *key, size_t row)
{
	char buf[256];
	size_t n, k;

	if (!*key)
		return;
	if (!ix->h)
		ix->h = intern_new();
	n = intern_count(ix->h);
	lower(key, buf, sizeof buf);
	k = intern_add(ix->h, buf, strlen(buf));
	if (k < n)
		return;
	if (k >= ix->cap) {
		ix->cap = ix->cap ? ix->cap * 2 : 256;
		ix->row = xreallocarray(ix->row, ix->cap, sizeof *ix->row);
	}
	ix->row[k] = row;
}

/* The index of the table's rows as they are now, once. */
static void
index_make(struct index *ix)
{
	int c;
	size_t i;

	if (ix->made)
		return;
	ix->made = 1;
	c = table_col(ix->t, ix->col);
	for (i = 0; c >= 0 && i < ix->t->nrows; i++)
		index_put(ix, table_get(ix->t, i, c), i);
}

/* A row added to the table since (the first row with a key keeps it). */
static void
index_add(struct index *ix, const char *key, size_t row)
{
	index_make(ix);
	index_put(ix, key, row);
}

/* The first row whose key is key, as the index would find it: by a
 * search. */
static long
index_search(const struct index *ix, const char *key)
{
	char want[256], buf[256];
	const char *v;
	int c = table_col(ix->t, ix->col);
	size_t i;

	lower(key, want, sizeof want);
	for (i = 0; c >= 0 && i < ix->t->nrows; i++)
		if (*(v = table_get(ix->t, i, c)) && strcmp(lower(v, buf, sizeof buf), want) == 0)
			return (long)i;
	return -1;
}

static long
index_get(struct index *ix, const char *key)
{
	char buf[256];
	long k;

	if (!ix->made && ix->asked++ < INDEX_SEARCHES)
		return *key ? index_search(ix, key) : -1;
	index_make(ix);
	if (!ix->h || !*key)
		return -1;
	lower(key, buf, sizeof buf);
	k = intern_get(ix->h, buf, strlen(buf));
	return k < 0 ? -1 : (long)ix->row[k];
}

static void
index_free(struct index *ix)
{
	if (ix->h)
		intern_free(ix->h);
	free(ix->row);
}

static void
index_table(struct index *ix, const struct table *t, const char *col)
{
	ix->t = t;
	ix->col = col;
}

/*
 * reps.tsv as a lookup of owner needs it.  The first lookup of an id
 * reads that rep's row alone (store_load_key): deal-add of one deal
 * splits one line of a roster of thousands.  Any other lookup (a name,
 * an e-mail address, an id not there, a second rep in a --from load)
 * reads the table whole, once, with its indexes made anew.
 */
static void
need_reps(struct dealin *di, const char *owner)
{
	int whole = 1;

	if (di->reps && (!di->reps_of || strcmp(di->reps_of, owner) == 0))
		return;
	if (di->reps) {
		table_free(di->reps);
		free(di->reps_of);
		di->reps_of = NULL;
		di->last_rep[0] = '\0';	/* its row is of the table let go */
		index_free(&di->rep_id);
		index_free(&di->rep_email);
		index_free(&di->rep_name);
		memset(&di->rep_id, 0, sizeof di->rep_id);
		memset(&di->rep_email, 0, sizeof di->rep_email);
		memset(&di->rep_name, 0, sizeof di->rep_name);
		di->reps = store_load(di->op->s, "reps.tsv");
	} else if (!id_check(owner)) {
		di->reps = store_load_key(di->op->s, "reps.tsv", owner, &whole);
		if (!whole)
			di->reps_of = xstrdup(owner);
	} else {
		di->reps = store_load(di->op->s, "reps.tsv");
	}
	index_table(&di->rep_id, di->reps, "rep");
	index_table(&di->rep_email, di->reps, "email");
	index_table(&di->rep_name, di->reps, "name");
}

struct dealin *
dealin_open(struct dealop *op, int new_accounts)
{
	struct dealin *di = xcalloc(1, sizeof *di);

	di->op = op;
	di->new_accounts = new_accounts;
	di->accounts = store_load(op->s, "accounts.tsv");
	index_table(&di->acct_id, di->accounts, "account");
	index_table(&di->acct_name, di->accounts, "name");
	di->said = intern_new();
	di->rates = rates_load(op->s);
	return di;
}

void
dealin_close(struct dealin *di)
{
	if (di->accounts_changed)
		dealop_queue_table(di->op, &schema_accounts, di->accounts);
	else
		table_free(di->accounts);
	table_free(di->reps);
	free(di->reps_of);
	index_free(&di->rep_id);
	index_free(&di->rep_email);
	index_free(&di->rep_name);
	index_free(&di->acct_id);
	index_free(&di->acct_name);
	intern_free(di->said);
	rates_free(di->rates);
	free(di);
}

/* src into an id buffer, cut to fit as snprintf would (a row's ids are
 * copied a million times in a bulk load) */
static void
copy_id(char dst[DEALIN_IDSZ], const char *src)
{
	size_t n = strnlen(src, DEALIN_IDSZ - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* First time this owner or company is reported?  The key says which. */
static int
first_time(struct dealin *di, const char *kind, const char *v)
{
	char key[300];
	size_t i, n = (size_t)snprintf(key, sizeof key, "%s\t%s", kind, v);

	if (n >= sizeof key)
		n = sizeof key - 1;
	for (i = 0; i < n; i++)
		key[i] = (char)tolower((unsigned char)key[i]);
	if (intern_get(di->said, key, n) >= 0)
		return 0;
	intern_add(di->said, key, n);
	return 1;
}

/* Latin-1 letters (U+00C0..U+00FF) without their accents. */
static const char latin1[] =
    "AAAAAAACEEEEIIII" "DNOOOOO*OUUUUYTs" "aaaaaaaceeeeiiii" "dnooooo/ouuuuyty";

void
dealin_slug(const char *name, char out[DEALIN_IDSZ])
{
	const unsigned char *s = (const unsigned char *)name;
	size_t o = 0;
	int dash = 0;
	char c;

	for (; *s && o < DEALIN_IDSZ - 1; s++) {
		c = 0;
		if (*s >= 'A' && *s <= 'Z')
			c = (char)(*s - 'A' + 'a');
		else if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			c = (char)*s;
		else if (*s == 0xc3 && s[1] >= 0x80 && s[1] <= 0xbf) {
			c = latin1[s[1] - 0x80 + 0x00];
			s++;
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (!((c >= 'a' && c <= 'z')))
				c = 0;
		}
		if (!c) {
			dash = o > 0;
			continue;
		}
		if (dash && o < DEALIN_IDSZ - 2)
			out[o++] = '-';
		dash = 0;
		out[o++] = c;
	}
	out[o] = '\0';
}

int
dealin_rep(struct dealin *di, const char *owner, char rep[DEALIN_IDSZ])
{
	int rc;
	char slug[DEALIN_IDSZ], hint[SUGGEST_BUFSZ], fix[200];
	long row;

	if (!owner || !*owner) {
		dealop_error(di->op, "no rep given (use --rep)");
		return -1;
	}
	need_reps(di, owner);
	rc = table_col(di->reps, "rep");
	/* An id exactly; an e-mail address or a name in any case.  (An
	 * owner that is no valid id, as a name or an address is not, is
	 * none of the roster's, all valid: not looked for among them.) */
	if (!id_check(owner) && (row = index_get(&di->rep_id, owner)) >= 0 &&
	    strcmp(table_get(di->reps, (size_t)row, rc), owner) == 0) {
		copy_id(rep, owner);
		copy_id(di->last_rep, owner);
		di->last_row = row;
		return 0;
	}
	if ((row = index_get(&di->rep_email, owner)) >= 0 ||
	    (row = index_get(&di->rep_name, owner)) >= 0) {
		copy_id(rep, table_get(di->reps, (size_t)row, rc));
		return 0;
	}
	if (!first_time(di, "rep", owner)) {
		dealop_count_error(di->op);
		return -1;
	}
	dealin_slug(strchr(owner, '@') ? "" : owner, slug);
	if (!id_check(owner))
		snprintf(fix, sizeof fix, "add it with rep-add");
	else if (strchr(owner, '@'))
		snprintf(fix, sizeof fix, "rep-add REP --name NAME --email '%.64s'", owner);
	else
		snprintf(fix, sizeof fix, "rep-add %s --name '%.64s'", *slug ? slug : "REP",
		    owner);
	dealop_error(di->op, "unknown rep '%.64s' (%s)", owner,
	    suggest(di->reps, "rep", "name", owner, fix, hint));
	return -1;
}

const struct table *
dealin_reps(struct dealin *di, const char *rep, long *row)
{
	need_reps(di, rep);
	if (*di->last_rep && strcmp(rep, di->last_rep) == 0)
		*row = di->last_row;
	else
		*row = index_get(&di->rep_id, rep);
	return di->reps;
}

static void
add_account(struct dealin *di, const char *id, const char *name)
{
	size_t row = table_add_row(di->accounts);

	table_set(di->accounts, row, table_col(di->accounts, "account"), id);
	table_set(di->accounts, row, table_col(di->accounts, "name"), name);
	index_add(&di->acct_id, id, row);
	index_add(&di->acct_name, name, row);
	di->accounts_changed = 1;
}

int
dealin_account(struct dealin *di, const char *company, char account[DEALIN_IDSZ])
{
	int ac = table_col(di->accounts, "account");
	char slug[DEALIN_IDSZ], hint[SUGGEST_BUFSZ];
	size_t had = di->accounts->nrows;
	const char *bad;
	long row;

	if (!company || !*company) {
		dealop_error(di->op, "no account given (use --account)");
		return -1;
	}
	/* The slug is made when it is asked for: with no account on file
	 * (an import that makes them) nothing is found by it. */
	*slug = '\0';
	if (((row = index_get(&di->acct_id, company)) >= 0 &&
	    strcmp(table_get(di->accounts, (size_t)row, ac), company) == 0) ||
	    (row = index_get(&di->acct_name, company)) >= 0 ||
	    (di->accounts->nrows > 0 && (dealin_slug(company, slug),
	    (row = index_get(&di->acct_id, slug)) >= 0))) {
		copy_id(account, table_get(di->accounts, (size_t)row, ac));
		return 0;
	}
	/* An id stays as it is; a name becomes its slug. */
	bad = id_check(company);
	if (bad && di->accounts->nrows == 0)
		dealin_slug(company, slug);
	copy_id(account, bad ? slug : company);
	if (bad && id_check(account)) {
		dealop_error(di->op, "account '%.64s' %s", company, bad);
		return -1;
	}
	if (di->new_accounts) {
		add_account(di, account, company);
		return 0;
	}
	/* Accounts are optional: with none on file, any id will do, and a
	 * name read through a map becomes its slug. */
	if (had == 0 && (dealop_map_given(di->op) || !bad))
		return 0;
	if (had == 0 && !strpbrk(company, " ABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
		dealop_error(di->op, "account '%.64s' %s", company, id_check(company));
		return -1;
	}
	if (had == 0) {
		dealop_error(di->op, "account '%.64s' %s (give --new-accounts to add it as '%s')",
		    company, id_check(company), account);
		return -1;
	}
	if (!first_time(di, "account", company)) {
		dealop_count_error(di->op);
		return -1;
	}
	dealop_error(di->op, "unknown account '%.64s' (%s)", company,
	    suggest(di->accounts, "account", "name", company,
	    "add it with acct-add, or give --new-accounts", hint));
	return -1;
}

int
dealin_money(struct dealin *di, const char *amount, const char *currency,
	     struct dealin_money *m)
{
	static const struct coldef code = { "currency", COL_CURRENCY, 1, NULL, 1 };
	char clean[MONEY_BUFSZ];
	const char *why;
	int64_t v;
	int scale, want;

	memset(m, 0, sizeof *m);
	if (!amount || !*amount) {
		dealop_error(di->op, "no amount given (use --amount)");
		return -1;
	}
	if (fieldmap_amount(dealop_map(di->op), input_decimal_comma(dealop_input(di->op)),
	    amount, clean, &why) < 0) {
		dealop_error(di->op, "amount '%.64s' %s", amount, why);
		return -1;
	}
	if (!currency || !*currency || strcmp(currency, rates_home(di->rates)) == 0) {
		if (money_parse(clean, &m->minor, &why) < 0) {
			dealop_error(di->op, "amount '%.64s' %s %s (write %s)", amount,
			    strncmp(why, "more", 4) == 0 ? "has" : "is", why,
			    input_decimal_comma(dealop_input(di->op)) ?
			    "1234,56 or 1.234,56" : "1234.56 or 1,234.56");
			return -1;
		}
		if (m->minor <= 0) {
			dealop_error(di->op, "amount '%.64s' must be more than 0", amount);
			return -1;
		}
		return 0;
	}
	if ((why = schema_check_value(&code, currency))) {
		dealop_error(di->op, "currency '%.64s' %s", currency, why);
		return -1;
	}
	want = money_currency_decimals(currency);
	if (dec_parse(clean, &v, &scale) < 0 || scale > want || v <= 0) {
		dealop_error(di->op, "amount '%.64s' %s", amount, v <= 0 && scale <= want ?
		    "must be more than 0" : "has more decimals than the currency has");
		return -1;
	}
	snprintf(m->currency, sizeof m->currency, "%s", currency);
	dec_format(v * dec_pow10(want - scale), want, m->text);
	return 0;
}

int
dealin_amount_on(struct dealin *di, const struct dealin_money *m, const char *date,
		 char out[MONEY_BUFSZ])
{
	char why[200];
	int64_t minor = m->minor;
	date_t d;

	if (*m->currency) {
		if (date_parse(date, &d) < 0 ||
		    rates_convert(di->rates, m->currency, d, m->text, &minor, why,
		    sizeof why) < 0) {
			dealop_error(di->op, "%s", why);
			return -1;
		}
		if (minor <= 0) {
			dealop_error(di->op, "amount %s %s is 0 in %s", m->text, m->currency,
			    rates_home(di->rates));
			return -1;
		}
	}
	money_format(minor, out);
	return 0;
}

int
dealin_date(struct dealin *di, const char *field, const char *text, date_t *d, int *set,
	    char iso[DATE_BUFSZ])
{
	*set = 0;
	if (!text || !*text)
		return 0;
	/* date_parse() takes only YYYY-MM-DD, the text date_format() makes. */
	if (date_parse(text, d) == 0) {
		memcpy(iso, text, DATE_BUFSZ);
		*set = 1;
		return 0;
	}
	if (fieldmap_date(dealop_map(di->op), text, d) < 0) {
		dealop_error(di->op, "%s '%.64s' is not a date (YYYY-MM-DD%s)", field, text,
		    dealop_map_given(di->op) ? "; for another order declare it in the map: "
		    "format date DD-MM-YYYY" : "");
		return -1;
	}
	date_format(*d, iso);
	*set = 1;
	return 0;
}

int
dealin_state(struct dealin *di, const char *stage, const char *status,
	     const struct stage **st, enum deal_state *state)
{
	const struct stages *sts = di->op->stages;

	*st = stage ? dealop_stage(di->op, stage) : sts->first_open;
	if (!*st)
		return -1;
	if (!status || !*status)
		*state = deal_state_after(DEAL_EV_STAGE, (*st)->state);
	else if (strcasecmp(status, "open") == 0)
		*state = DEAL_OPEN;
	else if (strcasecmp(status, "won") == 0)
		*state = DEAL_WON;
	else if (strcasecmp(status, "lost") == 0)
		*state = DEAL_LOST;
	else {
		dealop_error(di->op, "status '%.64s' is not open, won or lost (map it: "
		    "value status LABEL won)", status);
		return -1;
	}
	if (*state == DEAL_WON)
		*st = sts->won;
	else if (*state == DEAL_LOST)
		*st = sts->lost;
	else if ((*st)->state != STAGE_OPEN) {
		dealop_error(di->op, "stage '%s' closes a deal, but its status is open",
		    (*st)->name);
		return -1;
	}
	return 0;
}
