/*
 * err: the one place that prints messages and chooses exit statuses.
 *
 * Call err_init(argv) first thing in main().  It records the program name
 * (the last part of argv[0]) used as the prefix of every message, and puts
 * it back in argv[0] so that getopt's own messages use it too; makes sure descriptors 0-2 are
 * open (so a file we open never becomes "stdout"), sets umask 077 and ignores
 * SIGXFSZ so an oversize write fails with EFBIG instead of killing us.
 *
 * Messages go to stderr as "prog: message"; the *_errno variants append
 * ": strerror(errno)".  A control character in a message (from a bad
 * value it quotes) is printed as '?'; a message is cut at 4 KiB.  Messages are lowercase, without a final period, and
 * name the failing thing first.  die*() never return.
 */
#ifndef ERR_H
#define ERR_H

enum {
	EXIT_FAIL = 1,		/* not found, invalid data, I/O */
	EXIT_USAGE = 2,		/* bad options or arguments */
	EXIT_BUSY = 75		/* data directory locked by someone else */
};

extern const char *progname;

void err_init(char **argv);

void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warn_errno(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die_errno(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die_status(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Call fn (once) after the message of the next die*(), before exiting:
 * a writer takes back what it has half done.  NULL removes it.
 */
void err_on_die(void (*fn)(void));

/*
 * Print "usage: ..." to stderr and exit 2: the synopsis, which is usage up
 * to its first empty line (the option lines of --help may follow it).
 */
_Noreturn void die_usage(const char *usage);

/* Flush and close stdout; a failed write (full disk, closed pipe) is fatal. */
void close_stdout(void);

#endif
