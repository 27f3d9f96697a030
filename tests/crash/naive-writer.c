/*
 * naive-writer: the negative control of the crash tests.  It appends a line
 * to a table the way taskwarrior did: truncate in place, write the new
 * content in two write() calls, no temporary, no fsync.  The kill loop must catch
 * it leaving an empty or torn table; if it does not, the harness is broken.
 *
 * usage: naive-writer FILE LINE
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
put(int fd, const char *p, size_t n)
{
	if (write(fd, p, n) != (ssize_t)n) {
		perror("naive-writer: write");
		exit(1);
	}
}

int
main(int argc, char *argv[])
{
	static char buf[1 << 20];
	size_t len = 0, n, half;
	ssize_t r;
	int fd;

	if (argc != 3) {
		fputs("usage: naive-writer FILE LINE\n", stderr);
		return 2;
	}
	if ((fd = open(argv[1], O_RDONLY)) < 0) {
		perror(argv[1]);
		return 1;
	}
	while ((r = read(fd, buf + len, sizeof buf - len)) > 0)
		len += (size_t)r;
	close(fd);
	n = strlen(argv[2]);
	if (r < 0 || len + n + 1 >= sizeof buf) {
		fputs("naive-writer: read error or file too big\n", stderr);
		return 1;
	}
	memcpy(buf + len, argv[2], n);
	len += n;
	buf[len++] = '\n';

	/* The mistake: the old content is gone before the new one is there. */
	if ((fd = open(argv[1], O_WRONLY | O_TRUNC)) < 0) {
		perror(argv[1]);
		return 1;
	}
	half = len / 2;
	put(fd, buf, half);
	put(fd, buf + half, len - half);
	close(fd);
	return 0;
}
