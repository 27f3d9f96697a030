/*
 * fieldmap: how a CRM's export reads as salesmgr's fields (--map FILE,
 * salesmgr-files(5)): which export column holds each field, what the
 * export's labels mean (stage labels to stage ids, status labels to open,
 * won or lost), values to use when a column is empty, and how the export
 * writes numbers and dates.
 *
 * A map is a TSV file with the header "kind field from to"; each row is
 *   column  FIELD  COLUMN        FIELD is read from the export's COLUMN
 *   value   FIELD  LABEL  VALUE  FIELD's LABEL (any case) means VALUE
 *                                (no VALUE: the label means not set)
 *   default FIELD  VALUE         FIELD's value when the export has none
 *   format  number 1,234.56 | 1.234,56
 *   format  date   YYYY-MM-DD | DD-MM-YYYY | MM-DD-YYYY
 * (in a date format any of - / . separates; a time after the date is
 * cut).  Lines starting with # are comments.
 *
 *   m = fieldmap_load(path, fields, nfields);   NULL path: the empty map
 *   name = fieldmap_column(m, field)             export column of field i
 *   v = fieldmap_value(m, i, raw, &why)          raw (trimmed) through the map
 *   fieldmap_amount(m, decimal_comma, text, out, &why)
 *   fieldmap_date(m, text, &d)
 *   fieldmap_free(m)
 *
 * Errors: fieldmap_load() reports every problem of the map as
 * "prog: MAP:LINE: message" (an unknown kind or field, a field mapped from
 * two columns, a label given twice, an unknown format) and dies with
 * "nothing was changed" if there was any.  fieldmap_value() returns NULL
 * with a reason when the map lists labels for the field and the value is
 * not one of them; the caller reports it with the row's file:line.
 */
#ifndef FIELDMAP_H
#define FIELDMAP_H
#include <stddef.h>
#include "date.h"
#include "money.h"

struct fieldmap;

struct fieldmap *fieldmap_load(const char *path, const char *const *fields, size_t nfields);
/* Parse a map from text (the fuzz target); problems are counted in *bad
 * and reported only when report is set. */
struct fieldmap *fieldmap_parse(const char *name, char *text, size_t len,
				const char *const *fields, size_t nfields, int report,
				size_t *bad);
void fieldmap_free(struct fieldmap *m);

/* The export column that field i is read from (its own name if the map
 * names none), and the map's line that names it (0: none). */
const char *fieldmap_column(const struct fieldmap *m, size_t field);
unsigned long fieldmap_line(const struct fieldmap *m, size_t field);
const char *fieldmap_name(const struct fieldmap *m);
/*
 * The value of field i for raw text from the export: trimmed of blanks,
 * then the default when empty, then through the field's labels when the
 * map lists any.  "" when not set; NULL (and *why) for a label the map
 * does not cover.  The result stays valid until the next call (or while
 * raw does, if that is sooner: it may be raw's own text).
 */
const char *fieldmap_value(struct fieldmap *m, size_t field, const char *raw,
			   const char **why);
/*
 * An amount as exports write it ("42,500.00", "1.234,56", "€ 5,000",
 * "USD 12", "-3.5") as a plain decimal ("-1234.56", MONEY_BUFSZ bytes;
 * money_parse or dec_parse take it from there): the map's number format,
 * else a decimal comma when decimal_comma, else "1,234.56".  -1 with *why
 * saying what is expected.
 */
int fieldmap_amount(const struct fieldmap *m, int decimal_comma, const char *text,
		    char out[MONEY_BUFSZ], const char **why);
/* A date in the map's date format (ISO by default), a time after it cut. */
int fieldmap_date(const struct fieldmap *m, const char *text, date_t *out);

#endif
