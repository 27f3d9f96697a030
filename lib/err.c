#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"

const char *progname = "salesmgr";

void
err_init(char **argv)
{
	char *slash;
	int fd;

	if (argv && argv[0] && *argv[0]) {
		slash = strrchr(argv[0], '/');
		if (slash && slash[1])
			argv[0] = slash + 1;
		progname = argv[0];
	}
	/* A closed 0-2 would let a data file become stdout or stderr. */
	while ((fd = open("/dev/null", O_RDWR)) >= 0 && fd <= 2)
		;
	if (fd > 2)
		close(fd);
	umask(077);
	signal(SIGXFSZ, SIG_IGN);
}

/*
 * A message names bad values, which may hold control characters (an ESC
 * sequence in a name): they reach the terminal as '?', never raw.  A tab
 * stays a tab.  The whole line goes out in one write.
 */
static void
vmessage(const char *fmt, va_list ap, int errnum)
{
	char text[4096], line[4096 + 512];
	const unsigned char *p;
	size_t n = 0;

	fflush(stdout);
	vsnprintf(text, sizeof text, fmt, ap);
	n = (size_t)snprintf(line, sizeof line, "%s: ", progname);
	for (p = (const unsigned char *)text; *p && n < sizeof line - 2; p++) {
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			line[n++] = '?';
			p++;
		} else if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			line[n++] = '?';
		else
			line[n++] = (char)*p;
	}
	if (errnum)
		n += (size_t)snprintf(line + n, sizeof line - n, ": %s", strerror(errnum));
	if (n > sizeof line - 2)
		n = sizeof line - 2;
	line[n++] = '\n';
	fwrite(line, 1, n, stderr);
}

void
warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap, 0);
	va_end(ap);
}

void
warn_errno(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	vmessage(fmt, ap, e);
	va_end(ap);
}

static void (*on_die)(void);

void
err_on_die(void (*fn)(void))
{
	on_die = fn;
}

/* Run the hook once (it may itself die), then exit. */
static _Noreturn void
leave(int status)
{
	void (*fn)(void) = on_die;

	on_die = NULL;
	if (fn)
		fn();
	exit(status);
}

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap, 0);
	va_end(ap);
	leave(EXIT_FAIL);
}

void
die_errno(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	vmessage(fmt, ap, e);
	va_end(ap);
	leave(EXIT_FAIL);
}

void
die_status(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap, 0);
	va_end(ap);
	leave(status);
}

void
die_usage(const char *usage)
{
	const char *end = strstr(usage, "\n\n");

	fprintf(stderr, "%.*s", end ? (int)(end - usage + 1) : (int)strlen(usage), usage);
	exit(EXIT_USAGE);
}

void
close_stdout(void)
{
	int bad = fflush(stdout) != 0 || ferror(stdout);
	int e = errno;

	if (fclose(stdout) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad) {
		errno = e;
		/* stdout is gone; report on stderr and fail. */
		fprintf(stderr, "%s: write error on standard output: %s\n",
		    progname, strerror(e ? e : EIO));
		_exit(EXIT_FAIL);
	}
}
