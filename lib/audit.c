#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "err.h"
#include "schema.h"
#include "tsv.h"

static void
stamp(struct buf *log)
{
	static char prefix[256];
	static size_t len;
	struct passwd *pw;
	struct tm tm;
	struct buf user = BUF_INIT;
	time_t now;

	if (!prefix[0]) {
		now = time(NULL);
		gmtime_r(&now, &tm);
		strftime(prefix, 32, "%Y-%m-%dT%H:%M:%SZ\t", &tm);
		pw = getpwuid(geteuid());
		if (pw)
			tsv_escape(&user, pw->pw_name, strlen(pw->pw_name));
		else
			buf_printf(&user, "%lu", (unsigned long)geteuid());
		snprintf(prefix + strlen(prefix), sizeof prefix - strlen(prefix),
		    "%.64s\t%.64s\t", user.data, progname);
		buf_free(&user);
		len = strlen(prefix);
	}
	buf_add(log, prefix, len);
}

void
audit_add(struct buf *log, const char *fmt, ...)
{
	char detail[AUDIT_DETAIL_MAX + 1];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	audit_add_line(log, detail);
}

void
audit_add_line(struct buf *log, const char *detail)
{
	stamp(log);
	tsv_escape(log, detail, strnlen(detail, AUDIT_DETAIL_MAX));
	buf_addc(log, '\n');
}

void
audit_commit(struct store *s, struct buf *log)
{
	struct buf hdr = BUF_INIT;

	if (log->len == 0)
		return;
	schema_header(&schema_audit, &hdr);
	if (store_append_try(s, "audit.tsv", hdr.data, log->data, log->len) < 0)
		die_errno("%s/audit.tsv: the change was made, but it could not be "
		    "recorded in the audit log", store_path(s));
	buf_free(&hdr);
	buf_free(log);
}
