#include <string.h>

#include "audit.h"
#include "buf.h"
#include "init.h"
#include "roster.h"
#include "schema.h"
#include "tsv.h"

static const char default_stages[] =
    "lead\t1\t10\tpipeline\topen\n"
    "qualified\t2\t25\tpipeline\topen\n"
    "proposal\t3\t50\tbest\topen\n"
    "negotiation\t4\t75\tcommit\topen\n"
    "won\t5\t100\tclosed\twon\n"
    "lost\t6\t0\tomitted\tlost\n";

static void
config_row(struct buf *b, const char *key, const char *value)
{
	buf_adds(b, key);
	buf_addc(b, '\t');
	tsv_escape(b, value, strlen(value));
	buf_addc(b, '\n');
}

struct store *
init_create(const char *path, const struct init_options *o)
{
	const struct schema *const *sc;
	struct store *s = store_create(path);
	struct buf b = BUF_INIT, log = BUF_INIT;

	for (sc = schema_tables; *sc; sc++) {
		if (*sc == &schema_config)
			continue;
		buf_reset(&b);
		schema_header(*sc, &b);
		if (*sc == &schema_stages)
			buf_adds(&b, default_stages);
		store_replace_data(s, (*sc)->file, b.data, b.len);
	}
	buf_reset(&b);
	schema_header(&schema_config, &b);
	config_row(&b, "company", o->company);
	config_row(&b, "currency", o->currency);
	config_row(&b, "default_capacity", "25");
	config_row(&b, "fiscal_year_start", o->fiscal_year_start);
	config_row(&b, "manager_roles", ROSTER_MANAGER_ROLES);
	config_row(&b, "pip_periods", "2");
	config_row(&b, "pip_threshold", "70");
	config_row(&b, "schema", "1");
	store_replace_data(s, "config.tsv", b.data, b.len);
	buf_free(&b);

	audit_add(&log, "init %s currency=%s fiscal_year_start=%s", path, o->currency,
	    o->fiscal_year_start);
	audit_commit(s, &log);
	return s;
}
