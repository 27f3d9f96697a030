#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "decimal.h"
#include "err.h"
#include "fieldmap.h"
#include "store.h"
#include "tsv.h"
#include "xalloc.h"

enum { NUM_AUTO, NUM_POINT, NUM_COMMA };
enum { DATE_YMD, DATE_DMY, DATE_MDY };

struct label {
	char *from, *to;
	unsigned long line;
};

struct fmfield {
	char *column, *def;
	unsigned long line;
	struct label *labels;
	size_t nlabels;
};

struct fieldmap {
	char *name;
	size_t n;
	const char *const *fields;
	struct fmfield *f;
	int number, date_order;
	struct buf val;
};

static void
problem(const char *name, unsigned long line, int report, size_t *bad, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void
problem(const char *name, unsigned long line, int report, size_t *bad, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	(*bad)++;
	if (!report)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	warn("%s:%lu: %s", name, line, msg);
}

static long
field_index(const char *const *fields, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(fields[i], name) == 0)
			return (long)i;
	return -1;
}

static void
field_list(struct buf *b, const char *const *fields, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? ", " : "", fields[i]);
}

static void
parse_row(struct fieldmap *m, unsigned long line, char **f, size_t nf, int report,
	  size_t *bad)
{
	const char *kind = f[0], *to = nf > 3 ? f[3] : "";
	struct buf names = BUF_INIT;
	struct fmfield *ff;
	long i;
	size_t k;

	if (strcmp(kind, "format") == 0) {
		if (strcmp(f[1], "number") == 0 && strcmp(f[2], "1,234.56") == 0)
			m->number = NUM_POINT;
		else if (strcmp(f[1], "number") == 0 && strcmp(f[2], "1.234,56") == 0)
			m->number = NUM_COMMA;
		else if (strcmp(f[1], "date") == 0 && strcmp(f[2], "YYYY-MM-DD") == 0)
			m->date_order = DATE_YMD;
		else if (strcmp(f[1], "date") == 0 && strcmp(f[2], "DD-MM-YYYY") == 0)
			m->date_order = DATE_DMY;
		else if (strcmp(f[1], "date") == 0 && strcmp(f[2], "MM-DD-YYYY") == 0)
			m->date_order = DATE_MDY;
		else
			problem(m->name, line, report, bad, "unknown format '%.64s %.64s' (want "
			    "number 1,234.56 or 1.234,56; date YYYY-MM-DD, DD-MM-YYYY or "
			    "MM-DD-YYYY)", f[1], f[2]);
		return;
	}
	if (strcmp(kind, "column") && strcmp(kind, "value") && strcmp(kind, "default")) {
		problem(m->name, line, report, bad, "unknown kind '%.64s' (want column, "
		    "value, default or format)", kind);
		return;
	}
	if ((i = field_index(m->fields, m->n, f[1])) < 0) {
		field_list(&names, m->fields, m->n);
		problem(m->name, line, report, bad, "unknown field '%.64s' (fields: %s)",
		    f[1], names.data);
		buf_free(&names);
		return;
	}
	ff = &m->f[i];
	if (!*f[2]) {
		problem(m->name, line, report, bad, "%s %s: nothing given", kind, f[1]);
		return;
	}
	if (strcmp(kind, "column") == 0) {
		if (ff->column) {
			problem(m->name, line, report, bad, "field '%s' is mapped twice "
			    "(from '%.64s' on line %lu and '%.64s')", f[1], ff->column,
			    ff->line, f[2]);
			return;
		}
		ff->column = xstrdup(f[2]);
		ff->line = line;
		return;
	}
	if (strcmp(kind, "default") == 0) {
		free(ff->def);
		ff->def = xstrdup(f[2]);
		return;
	}
	for (k = 0; k < ff->nlabels; k++)
		if (strcasecmp(ff->labels[k].from, f[2]) == 0) {
			problem(m->name, line, report, bad, "label '%.64s' of %s is given "
			    "twice (lines %lu and %lu)", f[2], f[1], ff->labels[k].line, line);
			return;
		}
	ff->labels = xreallocarray(ff->labels, ff->nlabels + 1, sizeof *ff->labels);
	ff->labels[ff->nlabels].from = xstrdup(f[2]);
	ff->labels[ff->nlabels].to = xstrdup(to);
	ff->labels[ff->nlabels].line = line;
	ff->nlabels++;
}

struct fieldmap *
fieldmap_parse(const char *name, char *text, size_t len, const char *const *fields,
	       size_t nfields, int report, size_t *bad)
{
	struct fieldmap *m = xcalloc(1, sizeof *m);
	char *line = text, *end = text + len, *nl, *f[5], err[256];
	unsigned long lineno = 0;
	size_t flen[5], n;
	long nf;

	m->name = xstrdup(name);
	m->n = nfields;
	m->fields = fields;
	m->f = xcalloc(nfields ? nfields : 1, sizeof *m->f);
	*bad = 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		line += 3;
	for (; line < end; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(end - line));
		if (!nl)
			nl = end;
		lineno++;
		n = (size_t)(nl - line);
		if (n > 0 && line[n - 1] == '\r')
			n--;
		if (lineno == 1) {
			if (n != 18 || memcmp(line, "kind\tfield\tfrom\tto", 18) != 0)
				problem(name, lineno, report, bad, "the header must be "
				    "'kind field from to' (tab-separated)");
			continue;
		}
		if (n == 0 || line[0] == '#')
			continue;
		nf = tsv_split(line, n, f, flen, 5, err, sizeof err);
		if (nf < 0) {
			problem(name, lineno, report, bad, "%s", err);
			continue;
		}
		if (nf < 3 || nf > 4) {
			problem(name, lineno, report, bad, "%ld fields, want 3 or 4 "
			    "(kind, field, from, to)", nf);
			continue;
		}
		parse_row(m, lineno, f, (size_t)nf, report, bad);
	}
	if (lineno == 0)
		problem(name, 1, report, bad, "empty map (no header line)");
	return m;
}

struct fieldmap *
fieldmap_load(const char *path, const char *const *fields, size_t nfields)
{
	struct fieldmap *m;
	char *text = NULL;
	size_t len = 0, bad;
	int fd;

	if (path) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || read_all(fd, &text, &len) < 0)
			die_errno("%s", path);
		close(fd);
	} else
		text = xstrdup("kind\tfield\tfrom\tto\n");
	m = fieldmap_parse(path ? path : "map", text, len ? len : strlen(text), fields,
	    nfields, 1, &bad);
	free(text);
	if (bad)
		die("%s: nothing was changed", path);
	return m;
}

void
fieldmap_free(struct fieldmap *m)
{
	size_t i, k;

	if (!m)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->f[i].column);
		free(m->f[i].def);
		for (k = 0; k < m->f[i].nlabels; k++) {
			free(m->f[i].labels[k].from);
			free(m->f[i].labels[k].to);
		}
		free(m->f[i].labels);
	}
	free(m->f);
	free(m->name);
	buf_free(&m->val);
	free(m);
}

const char *
fieldmap_column(const struct fieldmap *m, size_t field)
{
	return m->f[field].column ? m->f[field].column : m->fields[field];
}

unsigned long
fieldmap_line(const struct fieldmap *m, size_t field)
{
	return m->f[field].line;
}

const char *
fieldmap_name(const struct fieldmap *m)
{
	return m->name;
}

static int
blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

const char *
fieldmap_value(struct fieldmap *m, size_t field, const char *raw, const char **why)
{
	const struct fmfield *ff = &m->f[field];
	const char *s = raw ? raw : "";
	size_t n, k;

	/* A column not given, or empty, with no default: empty. */
	if (!*s && !ff->def)
		return s;
	while (blank((unsigned char)*s))
		s++;
	n = strlen(s);
	/* Nothing to trim at the end, no default to put in, no labels: the
	 * value is raw's own text (the common case, a million times in a
	 * bulk load). */
	if (ff->nlabels == 0 && (n > 0 || !ff->def) && (n == 0 || !blank((unsigned char)s[n - 1])))
		return s;
	while (n > 0 && blank((unsigned char)s[n - 1]))
		n--;
	buf_reset(&m->val);
	buf_add(&m->val, s, n);
	if (n == 0 && ff->def) {
		buf_reset(&m->val);
		buf_adds(&m->val, ff->def);
	}
	if (m->val.len == 0 || ff->nlabels == 0)
		return m->val.data;
	for (k = 0; k < ff->nlabels; k++)
		if (strcasecmp(ff->labels[k].from, m->val.data) == 0)
			return ff->labels[k].to;
	/* A value the map maps to is taken as it is. */
	for (k = 0; k < ff->nlabels; k++)
		if (*ff->labels[k].to && strcmp(ff->labels[k].to, m->val.data) == 0)
			return ff->labels[k].to;
	*why = "is not in the map";
	return NULL;
}

/* Skip a currency sign or code at s; returns how many bytes. */
static size_t
currency_at(const char *s)
{
	static const char *const signs[] = { "\xe2\x82\xac", "$", "\xc2\xa3", "\xc2\xa5" };
	size_t i;

	for (i = 0; i < sizeof signs / sizeof signs[0]; i++)
		if (strncmp(s, signs[i], strlen(signs[i])) == 0)
			return strlen(signs[i]);
	if (s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' &&
	    s[2] <= 'Z' && !(s[3] >= 'A' && s[3] <= 'Z'))
		return 3;
	return 0;
}

/* Blanks that exports put in amounts: space, no-break spaces. */
static size_t
space_at(const char *s)
{
	if (*s == ' ')
		return 1;
	if (strncmp(s, "\xc2\xa0", 2) == 0)
		return 2;
	if (strncmp(s, "\xe2\x80\xaf", 3) == 0)
		return 3;
	return 0;
}

int
fieldmap_amount(const struct fieldmap *m, int decimal_comma, const char *text,
		char out[MONEY_BUFSZ], const char **why)
{
	int comma = m && m->number != NUM_AUTO ? m->number == NUM_COMMA : decimal_comma;
	char group = comma ? '.' : ',', dec = comma ? ',' : '.';
	char clean[MONEY_BUFSZ];
	size_t o = 0, run = 0, groups = 0, sk;
	const char *s = text, *p;
	int64_t v;
	int seen_dec = 0, digits = 0, scale;

	*why = comma ? "is not an amount (write 1234,56 or 1.234,56)" :
	    "is not an amount (write 1234.56 or 1,234.56)";
	/* A sign, a blank or a currency comes before the digits, if any does
	 * (most amounts start with a digit). */
	for (; *s < '0' || *s > '9';) {
		if ((sk = space_at(s)) || (sk = currency_at(s)))
			s += sk;
		else
			break;
	}
	if (*s == '-' || *s == '+')
		clean[o++] = *s++;
	for (; *s < '0' || *s > '9';) {
		if ((sk = currency_at(s)) || (sk = space_at(s)))
			s += sk;
		else
			break;
	}
	for (p = s; *p; p++) {
		if (o >= sizeof clean - 2)
			return -1;
		if (*p >= '0' && *p <= '9') {
			clean[o++] = *p;
			run++;
			digits = 1;
		} else if (*p == group && !seen_dec) {
			/* grouping: 1-3 digits first, then exactly 3 between */
			if (run == 0 || (groups > 0 && run != 3) || (groups == 0 && run > 3))
				return -1;
			groups++;
			run = 0;
		} else if (*p == dec && !seen_dec) {
			if (groups > 0 && run != 3)
				return -1;
			seen_dec = 1;
			clean[o++] = '.';
			run = 0;
		} else
			break;
	}
	if (groups > 0 && !seen_dec && run != 3)
		return -1;
	while (*p) {
		if ((sk = space_at(p)) || (sk = currency_at(p)))
			p += sk;
		else
			break;
	}
	if (*p || !digits)
		return -1;
	clean[o] = '\0';
	/* Too many decimals or too large is for the caller to say. */
	if (dec_parse(clean, &v, &scale) == -1)
		return -1;
	memcpy(out, clean, o + 1);
	return 0;
}

/* 1-2 (or exactly 4 for a year) digits at *s; -1 if none. */
static int
number_at(const char **s, int maxlen)
{
	int v = 0, n = 0;

	while (**s >= '0' && **s <= '9' && n < maxlen) {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n == 0 ? -1 : v;
}

int
fieldmap_date(const struct fieldmap *m, const char *text, date_t *out)
{
	const char *s = text, *start;
	int a, b, c, y, mo, d, order = m ? m->date_order : DATE_YMD;
	long first;
	char sep;

	/* An ISO date, as most exports write it, in one go. */
	if (date_parse(text, out) == 0)
		return 0;
	while (*s == ' ')
		s++;
	start = s;
	a = number_at(&s, 4);
	first = s - start;
	if (a < 0 || (*s != '-' && *s != '/' && *s != '.'))
		return -1;
	sep = *s++;
	b = number_at(&s, 2);
	if (b < 0 || *s != sep)
		return -1;
	s++;
	c = number_at(&s, 4);
	if (c < 0)
		return -1;
	/* A time after the date is cut: "2026-10-02 09:14", "...T09:14:00Z". */
	if (*s && *s != ' ' && *s != 'T')
		return -1;
	if (first == 4) {	/* YYYY first: always year-month-day */
		y = a, mo = b, d = c;
	} else if (order == DATE_DMY && c >= 1000) {
		y = c, mo = b, d = a;
	} else if (order == DATE_MDY && c >= 1000) {
		y = c, mo = a, d = b;
	} else
		return -1;
	if (!date_valid_ymd(y, mo, d))
		return -1;
	*out = date_from_ymd(y, mo, d);
	return 0;
}
