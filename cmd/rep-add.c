/* rep-add: add reps to the roster, from options or --from FILE. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "err.h"
#include "input.h"
#include "roster.h"
#include "schema.h"
#include "store.h"
#include "training.h"
#include "txn.h"

static const char usage[] =
    "usage: rep-add REP --name NAME [--email E] [--team TEAM] [--role ROLE]\n"
    "               [--manager REP] [--hired DATE] [--region REGION]\n"
    "               [--capacity N] [--onboard] [-nq] [-D DIR] [--today DATE]\n"
    "       rep-add --from FILE [--ignore-extra] [--onboard] [-nq] [-D DIR]\n"
    "               [--today DATE]\n";

enum { F_REP, F_NAME, F_EMAIL, F_TEAM, F_ROLE, F_MANAGER, F_HIRED, F_REGION,
	F_CAPACITY, NFIELDS };
static const char *const fields[NFIELDS] = {
	"rep", "name", "email", "team", "role", "manager", "hired", "region", "capacity"
};

static struct cli cli;
static const char *opt[NFIELDS];
static int onboard;
static const struct cli_opt options[] = {
	CLI_OPT("name", "NAME", &opt[F_NAME], "the rep's full name (required)"),
	CLI_OPT("email", "E", &opt[F_EMAIL], "the rep's e-mail address"),
	CLI_OPT("team", "TEAM", &opt[F_TEAM], "the team the rep joins"),
	CLI_OPT("role", "ROLE", &opt[F_ROLE], "the rep's role: ae, sdr, ..."),
	CLI_OPT("manager", "REP", &opt[F_MANAGER], "the rep's manager"),
	CLI_OPT("hired", "DATE", &opt[F_HIRED], "the first day (default today)"),
	CLI_OPT("region", "REGION", &opt[F_REGION], "the rep's region"),
	CLI_OPT("capacity", "N", &opt[F_CAPACITY], "how many accounts the rep can hold"),
	CLI_FLAG("onboard", &onboard, "assign the courses the catalogue requires of new hires"),
	CLI_OPTS_WRITE, CLI_OPTS_FROM_NEW, CLI_OPT_DATA_DIR, CLI_OPT_TODAY,
	CLI_END
};

int
main(int argc, char *argv[])
{
	const char *v[NFIELDS];
	char today[DATE_BUFSZ];
	date_t now;
	struct table *reps, *teams, *courses = NULL, *training = NULL;
	struct store *s;
	struct input *in;
	struct txn x;
	size_t i, first, tfirst = 0;
	long row;

	err_init(argv);
	cli_parse(&cli, usage, options, argc, argv);
	cli_record(&cli, opt, F_REP, -1);
	now = date_today(cli.today);
	date_format(now, today);

	s = store_open(cli.data_dir, STORE_WRITE);
	reps = store_load(s, "reps.tsv");
	teams = store_load(s, "teams.tsv");
	first = reps->nrows;
	in = cli_input(&cli, fields, NFIELDS, INPUT_CREATE);
	while (input_next(in, opt, v)) {
		if (!v[F_HIRED] || !*v[F_HIRED])
			v[F_HIRED] = today;
		if (cli_required(in, &schema_reps, fields, v, NFIELDS) ||
		    input_check(in, &schema_reps, fields, v) ||
		    roster_check_team(in, teams, v[F_TEAM]) ||
		    roster_check_manager(in, reps, v[F_REP], v[F_MANAGER]))
			continue;
		if (roster_find_rep(reps, v[F_REP]) >= 0) {
			input_error(in, "rep '%s' already exists (change it with rep-edit)",
			    v[F_REP]);
			continue;
		}
		row = (long)table_add_row(reps);
		for (i = 0; i < NFIELDS; i++)
			if (v[i])
				table_set(reps, (size_t)row, table_col(reps, fields[i]), v[i]);
		table_set(reps, (size_t)row, table_col(reps, "status"), "active");
	}
	if (input_close(in))
		die("nothing was changed");
	/* Before txn_table() sorts reps: the new reps are the rows from first. */
	if (onboard) {
		courses = store_load(s, "courses.tsv");
		training = store_load(s, "training.tsv");
		tfirst = training->nrows;
		for (i = first; i < reps->nrows; i++)
			training_onboard(courses, training, reps, i, TRAINING_NODATE, now);
	}

	txn_begin(&x, s, cli.dry_run);
	for (i = first; i < reps->nrows; i++)
		txn_log(&x, "add rep %s", table_get(reps, i, table_col(reps, "rep")));
	if (onboard)
		training_log(&x, training, tfirst);
	txn_table(&x, &schema_reps, reps);
	if (onboard && training->nrows > tfirst)
		txn_table(&x, &schema_training, training);
	txn_commit(&x);
	close_stdout();
	if (!cli.dry_run)
		cli_done(&cli, "added %zu rep%s", reps->nrows - first,
		    reps->nrows - first == 1 ? "" : "s");
	table_free(training);
	table_free(courses);
	table_free(reps);
	table_free(teams);
	store_close(s);
	return 0;
}
