#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cli.h"
#include "ics.h"

#define FOLD 75

static char stamp[24];

/* One content line, folded at FOLD octets, never inside a UTF-8 sequence. */
static void
put_line(const char *s)
{
	size_t len = strlen(s), room = FOLD, n;

	while (len > room) {
		n = room;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		fwrite(s, 1, n, stdout);
		fputs("\r\n ", stdout);
		s += n;
		len -= n;
		room = FOLD - 1;	/* the space that starts the next line */
	}
	fputs(s, stdout);
	fputs("\r\n", stdout);
}

/* NAME:text, the text escaped as RFC 5545 TEXT. */
static void
put_text(const char *name, const char *text)
{
	struct buf b = BUF_INIT;
	const unsigned char *p;

	buf_adds(&b, name);
	buf_addc(&b, ':');
	for (p = (const unsigned char *)text; *p; p++) {
		switch (*p) {
		case '\\': buf_adds(&b, "\\\\"); break;
		case ';': buf_adds(&b, "\\;"); break;
		case ',': buf_adds(&b, "\\,"); break;
		case '\n': buf_adds(&b, "\\n"); break;
		case '\r': break;
		default:
			buf_addc(&b, *p < 0x20 && *p != '\t' ? ' ' : *p == 0x7f ? ' ' : (char)*p);
		}
	}
	buf_addc(&b, '\0');
	put_line(b.data);
	buf_free(&b);
}

static void
put_date(const char *name, date_t d)
{
	char line[64];
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	snprintf(line, sizeof line, "%s;VALUE=DATE:%04d%02d%02d", name, y, m, dd);
	put_line(line);
}

void
ics_begin(const char *name)
{
	time_t now = time(NULL);
	struct tm tm;

	if (!gmtime_r(&now, &tm) ||
	    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm) == 0)
		strcpy(stamp, "19700101T000000Z");
	put_line("BEGIN:VCALENDAR");
	put_line("VERSION:2.0");
	put_line("PRODID:-//salesmgr//salesmgr " SALESMGR_VERSION "//EN");
	put_line("CALSCALE:GREGORIAN");
	put_text("X-WR-CALNAME", name);
}

void
ics_event(const struct ics_event *e)
{
	char line[32];

	put_line("BEGIN:VEVENT");
	put_text("UID", e->uid);
	snprintf(line, sizeof line, "DTSTAMP:%s", stamp);
	put_line(line);
	put_date("DTSTART", e->date);
	put_date("DTEND", e->date + 1);
	put_text("SUMMARY", e->summary);
	if (e->description && *e->description)
		put_text("DESCRIPTION", e->description);
	if (e->category && *e->category)
		put_text("CATEGORIES", e->category);
	put_line(e->cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
	put_line("TRANSP:TRANSPARENT");
	put_line("END:VEVENT");
}

void
ics_end(void)
{
	put_line("END:VCALENDAR");
}
