/*
 * input: the one loop over the records a program acts on, whether they come
 * from its options (one record) or from --from FILE or --from - (one record
 * per row of a TSV file with a header; DESIGN.md 5).
 *
 *   in = input_open(cli.from, fields, nfields, mode);
 *   while (input_next(in, opts, vals)) {
 *           ... validate vals; on a problem: input_error(in, "...") ...
 *   }
 *   if (input_close(in))  -> some rows were bad: say nothing was written
 *
 * fields are the names the program knows, which are its long option names
 * and the input's column names.  opts holds what the options set (NULL for
 * an option not given); for each field input_next() puts in vals the row's
 * value if the input has that column (it may be ""), else the option's;
 * with INPUT_ACT an option given wins over the row (`deal-list | deal-lost
 * --from - --reason budget` sets the reason of every deal).
 *
 * Modes: INPUT_CREATE refuses a column that is not a field (a typo in a CRM
 * export must not be silently dropped), unless INPUT_IGNORE_EXTRA is or-ed
 * in; INPUT_ACT ignores other columns, since the input is usually another
 * program's output.
 *
 * The file is TSV, or CSV (csv.h) when input_force_csv() was called (--csv), when
 * it is named *.csv, or when its first line has commas or semicolons and
 * no tab; a file named *.tsv whose first line looks like CSV is refused
 * ("this looks like CSV") with the fix.  Either way LINE in messages is
 * the line the record starts on.
 *
 * A quiet night is not an error: an input with a header and no rows is
 * zero records, and so is a wholly empty one (no header, no bytes), which
 * reads as if its header named every field (input_has() is true for each),
 * so `coach-list --due | coach-done --from -` does nothing and succeeds when
 * nothing is due.  A header, even with no rows under it, is still checked.
 *
 * input_error() prints "program: FILE:LINE: message" (or "program: message"
 * for the option record) and counts the problem.  A malformed row is
 * reported the same way and skipped; a read error is fatal.
 *
 * A file of a megabyte or more is read ahead by a thread, in batches of
 * records split and checked (input.c); what a run says, and in what order,
 * is the same as when the records are read one by one.  A row's values
 * stay valid until the next input_next().
 */
#ifndef INPUT_H
#define INPUT_H
#include <stddef.h>

enum { INPUT_CREATE = 0, INPUT_ACT = 1, INPUT_IGNORE_EXTRA = 2 };

struct input;

struct input *input_open(const char *from, const char *const *fields, size_t nfields,
			 int mode);
int input_next(struct input *in, const char *const *opts, const char **vals);
/* Does the input have a column for field i?  (Always 0 for options.) */
int input_has(const struct input *in, size_t field);
/* "FILE:LINE" of the current row, or "" for options. */
const char *input_where(const struct input *in);
/* The line of the current record in its file; 0 for arguments. */
unsigned long input_line(const struct input *in);
void input_error(struct input *in, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Field i of the next record, when it has been read ahead already and is
 * a row: 1, else 0.  A hint, for a prefetch. */
int input_peek(const struct input *in, size_t field, const char **f, size_t *n);
/* Read every --from input as CSV, whatever its name (--csv). */
void input_force_csv(void);
/* Is the input CSV that writes numbers with a decimal comma (';'-separated)? */
int input_decimal_comma(const struct input *in);
/* The input file's column names (0 and NULL for options). */
size_t input_columns(const struct input *in, const char *const **cols);
/* How many records were read so far. */
size_t input_count(const struct input *in);
/* Check each set value whose field is a column of sc against the schema
 * ("team 'North' must start with a-z or 0-9"); returns the problems found. */
struct schema;
size_t input_check(struct input *in, const struct schema *sc,
		   const char *const *fields, const char *const *vals);
/*
 * Read an input now, before the program waits for the data directory's
 * lock (cli.h does it for --from): a pipe, a FIFO, /dev/stdin or
 * <(program) is read whole into an anonymous file, so that a writer never
 * holds the lock while the program upstream waits for it (rep-list |
 * rep-edit --from -); a regular file is opened (it cannot block).
 * input_open() then reads from there.  Dies naming the input on a read
 * error or a line longer than TSV_MAX_LINE (/dev/zero).
 */
void input_preload(const char *path);
/* Frees in; returns the number of problems reported. */
/* About how many records a file read ahead holds, from its size and the
 * records of the batch being read (0: not known; a small file is not
 * read ahead), an eighth less than that: room for a bulk load's tables,
 * made at once.  Low, the tables grow as they would have; high, a
 * table's size could cross a power of two and double for nothing (a
 * CSV export's quotes, not in its fields, make the estimate high). */
size_t input_rows_hint(const struct input *in);
size_t input_close(struct input *in);

#endif
