# plan-set and plan-list: setting and replacing plan targets by team,
# region, segment and product, listing them in every format, the pipe from
# one into the other, and every bad input.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
PH='period	dimension	key	metric	target'

expect_rows() { rows plans.tsv >"$T/rows"; expect_file "$T/rows" "$1" "$2"; }
audit_tail() { tail -n "$1" "$D/audit.tsv" | cut -f3,4; }
# bad WHAT MESSAGES CMD...: status 1, exactly MESSAGES, nothing on stdout,
# nothing written.
bad() {
	what=$1 msg=$2; shift 2
	snapshot
	run "$@"
	expect_status 1 "$what: exit 1"
	expect_err "$msg" "$what: message"
	expect_out_empty "$what: nothing on stdout"
	expect_unchanged "$what: nothing written"
}
# bad_in WHAT MESSAGES INPUT CMD...: the same with INPUT (printf format) on stdin.
bad_in() {
	what=$1 msg=$2
	printf "$3" >"$T/in"
	shift 3
	snapshot
	run_in "$T/in" "$@"
	expect_status 1 "$what: exit 1"
	expect_err "$msg" "$what: message"
	expect_out_empty "$what: nothing on stdout"
	expect_unchanged "$what: nothing written"
}
# usage WHAT FIRSTLINE CMD...: status 2, FIRSTLINE first on stderr, nothing written.
usage() {
	what=$1 msg=$2; shift 2
	snapshot
	run "$@"
	expect_status 2 "$what: exit 2"
	head -n 1 "$T/err" >"$T/err1"
	expect_file "$T/err1" "$msg" "$what: message"
	expect_out_empty "$what: nothing on stdout"
	expect_unchanged "$what: nothing written"
}

init
team-add -q north --name North &&
team-add -q south --name South || { echo "not ok - setup"; exit 1; }
# The fiscal year starts in April: FY2027 is 2026-04-01..2027-03-31.
sed 's/^fiscal_year_start	.*/fiscal_year_start	4/' "$D/config.tsv" >"$T/cfg" &&
    cat "$T/cfg" >"$D/config.tsv"
grep -q '^fiscal_year_start	4$' "$D/config.tsv" ||
    printf 'fiscal_year_start\t4\n' >>"$D/config.tsv"

# --- plan-set: each dimension, canonical periods and targets
run plan-set 2026-Q4 team north 90000
expect_status 0 "set: exit 0"
expect_out_empty "set: nothing on stdout"
expect_err_empty "set: nothing on stderr (not a terminal)"
expect_rows "2026-Q4	team	north	revenue	90000.00" "set: the row, money canonical"
run audit_tail 1
expect_out "plan-set	set plan 2026-Q4 team north revenue 90000.00" "set: the audit log"
# Targets of deals and new accounts, which plan-report does not measure:
# plan-set refuses to set them (below), but keeps those an older version
# set, written here by hand.
printf '%s\t%s\t%s\t%s\t%s\n' 2026-10 product widget new-accounts 12 \
    2026-Q4 segment smb deals 40 2026-W48 segment ent deals 3 \
    2026-Q4 team north deals 96000 2026-12 team north deals 5 \
    2027-01 product widget deals 9 >>"$D/plans.tsv"
# Quarters are the company's: with the year from April, this quarter is
# FY2027-Q3 (the days of 2026-Q4).
run plan-set -n this-quarter region emea 1
expect_out "would set plan FY2027-Q3 region emea revenue 1.00" \
    "relative quarter: stored under its fiscal name"
run plan-set 2026-Q4 region emea 120000.5
expect_status 0 "set region: exit 0"
run plan-set 2026-q4 segment smb 40 --metric deals
expect_status 0 "a deals target kept as it is, lowercase quarter: exit 0"
run plan-set last-month product widget 12 --metric new-accounts
expect_status 0 "a new-accounts target kept as it is, last month: exit 0"
run plan-set FY2027 team south 0
expect_status 0 "set fiscal year, zero: exit 0"
run plan-set 2026-W48 segment ent 3 --metric deals
expect_status 0 "a week's deals target kept as it is: exit 0"
run plan-set 2027 region emea 500000
expect_status 0 "set year: exit 0"
expect_rows "2026-10	product	widget	new-accounts	12
2026-12	team	north	deals	5
2026-Q4	region	emea	revenue	120000.50
2026-Q4	segment	smb	deals	40
2026-Q4	team	north	deals	96000
2026-Q4	team	north	revenue	90000.00
2026-W48	segment	ent	deals	3
2027	region	emea	revenue	500000.00
2027-01	product	widget	deals	9
FY2027	team	south	revenue	0.00" "set: absolute canonical periods, counts and amounts, sorted by key"
# Targets of deals and new accounts are measured (plan-report --metric):
# set like revenue ones.
sales-init -q "$T/p2" || not_ok "sales-init $T/p2"
run plan-set -D "$T/p2" 2026-Q1 segment smb 40 --metric deals
expect_status 0 "a new deals target: exit 0"
run plan-set -D "$T/p2" 2026-Q4 product widget 13 --metric new-accounts
expect_status 0 "a new-accounts target: exit 0"
check "both are in plans.tsv" sh -c 'grep -q "^2026-Q1	segment	smb	deals	40$" "$0" &&
    grep -q "^2026-Q4	product	widget	new-accounts	13$" "$0"' "$T/p2/plans.tsv"
bad "a deals target of money" "plan-set: target '4.5' is not a whole number (deals are counted)
plan-set: nothing was changed" plan-set 2026-Q1 segment smb 4.5 --metric deals

# --- replacing, unchanged, dry run
run plan-set 2026-Q4 team north 95000
expect_status 0 "replace: exit 0"
run audit_tail 1
expect_out "plan-set	replace plan 2026-Q4 team north revenue 95000.00 (was 90000.00)" \
    "replace: the audit log says what it was"
check "replace: one row, the new target" \
    test "$(grep -c '^2026-Q4	team	north	revenue	' "$D/plans.tsv")" = 1
snapshot
run plan-set 2026-Q4 team north 95000.00
expect_status 0 "same target: exit 0"
expect_unchanged "same target: nothing written, not even the audit log"
run plan-set -n 2026-Q4 team north 1
expect_status 0 "dry run: exit 0"
expect_out "would replace plan 2026-Q4 team north revenue 1.00 (was 95000.00)" \
    "dry run: says what it would do"
expect_unchanged "dry run: nothing written"
run plan-set 2026-Q4 team north 96000 --metric deals
expect_status 0 "another metric is another target, kept: exit 0"
check "another metric: both rows kept" \
    test "$(grep -c '^2026-Q4	team	north	' "$D/plans.tsv")" = 2

# --- plan-set --from
printf 'period\tdimension\tkey\tmetric\ttarget\n2026-12\tregion\tapac\t\t7000\n2026-12\tteam\tnorth\tdeals\t5\n2026-Q4\tregion\temea\trevenue\t125000\n' >"$T/in"
run_in "$T/in" plan-set --from -
expect_status 0 "--from: exit 0"
run audit_tail 2
expect_out "plan-set	set plan 2026-12 region apac revenue 7000.00
plan-set	replace plan 2026-Q4 region emea revenue 125000.00 (was 120000.50)" \
    "--from: one line each, an empty metric is revenue, a kept deals target unchanged"
printf 'key\ttarget\tperiod\tdimension\tcomment\nwidget\t9\t2027-01\tproduct\tx\n' >"$T/in"
run_in "$T/in" plan-set --from - --ignore-extra --metric deals
expect_status 0 "--from --ignore-extra, --metric for a missing column: exit 0"
check "--from: the option's metric" grep -qx '2027-01	product	widget	deals	9' "$D/plans.tsv"

# --- plan-list: TSV, table, JSON, filters
run plan-list
expect_status 0 "list: exit 0"
expect_out "$PH
2026-10	product	widget	new-accounts	12
2026-12	region	apac	revenue	7000.00
2026-12	team	north	deals	5
2026-Q4	region	emea	revenue	125000.00
2026-Q4	segment	smb	deals	40
2026-Q4	team	north	deals	96000
2026-Q4	team	north	revenue	95000.00
2026-W48	segment	ent	deals	3
2027	region	emea	revenue	500000.00
2027-01	product	widget	deals	9
FY2027	team	south	revenue	0.00" "list: every row as TSV"
run plan-list --period 2026-12 -o table
expect_out "period   dimension  key    metric       target
2026-12  region     apac   revenue    7,000.00
2026-12  team       north  deals             5
2026-Q4  region     emea   revenue  125,000.00
2026-Q4  segment    smb    deals            40
2026-Q4  team       north  deals        96,000
2026-Q4  team       north  revenue   95,000.00
FY2027   team       south  revenue        0.00" \
    "list --period -o table: overlapping periods, money and counts grouped"
run plan-list --dimension region -o json
expect_out '{"period":"2026-12","dimension":"region","key":"apac","metric":"revenue","target":7000.00}
{"period":"2026-Q4","dimension":"region","key":"emea","metric":"revenue","target":125000.00}
{"period":"2027","dimension":"region","key":"emea","metric":"revenue","target":500000.00}' \
    "list --dimension -o json"
run plan-list --period 2026-11-26 --no-header
expect_out "2026-Q4	region	emea	revenue	125000.00
2026-Q4	segment	smb	deals	40
2026-Q4	team	north	deals	96000
2026-Q4	team	north	revenue	95000.00
2026-W48	segment	ent	deals	3
FY2027	team	south	revenue	0.00" "list --period of a day: every plan period holding it"
run plan-list --period FY2027 --dimension product
expect_out "$PH
2026-10	product	widget	new-accounts	12
2027-01	product	widget	deals	9" "list: a fiscal period (April to March) and a dimension"
run plan-list --period 2030
expect_status 0 "list: a period without plans: exit 0"
expect_out "$PH" "list: a period without plans: the header only"
usage "list: bad period" "plan-list: invalid period '2026-13' (see salesmgr(7) for periods)" \
    plan-list --period 2026-13
usage "list: bad dimension" "plan-list: invalid dimension 'rep': want team, region, segment or product" \
    plan-list --dimension rep
usage "list: bad format" "plan-list: invalid format 'xml': want table, wide, tsv, csv, json or html" \
    plan-list -o xml
usage "list: an argument" "usage: plan-list [--period P] [--dimension D] [-o FORMAT] [--no-header] [--raw]" \
    plan-list 2026-Q4
run plan-list --help
expect_status 0 "list --help: exit 0"
expect_out_has "usage: plan-list" "list --help: usage on stdout"

# --- pipes: plan-list into plan-set
snapshot
run sh -c 'plan-list --period 2026-Q4 | plan-set --from -'
expect_status 0 "pipe: plan-list --period 2026-Q4 | plan-set --from -: exit 0"
expect_err_empty "pipe: no message"
expect_unchanged "pipe: setting what is there changes nothing (idempotent)"
run sh -c 'plan-list --period 2026-Q4 --dimension team |
    awk -F"\t" -v OFS="\t" "\$1 == \"2026-Q4\" { \$1 = \"2027-Q1\" } \$4 != \"deals\"" |
    plan-set --from -'
expect_status 0 "pipe: carry a quarter's revenue team plans over: exit 0"
run plan-list --period 2027-Q1 --dimension team
expect_out "$PH
2027-Q1	team	north	revenue	95000.00
FY2027	team	south	revenue	0.00" "pipe: the team plans carried over to 2027-Q1"

# --- plan-set: every bad input, reported, nothing written
bad "unknown team" "plan-set: unknown team 'west' (add it with team-add)
plan-set: nothing was changed" plan-set 2026-Q4 team west 100
bad "unknown dimension" "plan-set: unknown dimension 'rep' (want team, region, segment or product)
plan-set: nothing was changed" plan-set 2026-Q4 rep anna 100
bad "bad key" "plan-set: key '../x' must start with a-z or 0-9
plan-set: nothing was changed" plan-set 2026-Q4 region ../x 100
bad "uppercase key" "plan-set: key 'EMEA' must start with a-z or 0-9
plan-set: nothing was changed" plan-set 2026-Q4 region EMEA 100
bad "empty key" "plan-set: no key given
plan-set: nothing was changed" plan-set 2026-Q4 segment '' 100
bad "bad period" "plan-set: period '2026-13' is not a period (see salesmgr(7) for periods)
plan-set: nothing was changed" plan-set 2026-13 team north 100
bad "day period" "plan-set: period '2026-11-26' is a day; a plan period is a week, month, quarter, year or fiscal year
plan-set: nothing was changed" plan-set 2026-11-26 team north 100
bad "range period" "plan-set: period 'qtd' is a range; a plan period is a week, month, quarter, year or fiscal year
plan-set: nothing was changed" plan-set qtd team north 100
bad "unknown metric" "plan-set: unknown metric 'activities' (want revenue, deals or new-accounts)
plan-set: nothing was changed" plan-set 2026-Q4 team north 100 --metric activities
bad "negative" "plan-set: target '-5' is negative
plan-set: nothing was changed" plan-set -- 2026-Q4 team north -5
bad "3 decimals" "plan-set: target '1.005' has more than 2 decimals
plan-set: nothing was changed" plan-set 2026-Q4 team north 1.005
bad "not an amount" "plan-set: target '1,000' is not an amount
plan-set: nothing was changed" plan-set 2026-Q4 team north 1,000
bad "past int64" "plan-set: target '92233720368547758.08' is out of range
plan-set: nothing was changed" plan-set 2026-Q4 team north 92233720368547758.08
bad "count not whole" "plan-set: target '2.5' is not a whole number (new-accounts are counted)
plan-set: nothing was changed" plan-set 2026-Q4 segment smb 2.5 --metric new-accounts
bad "every problem of a record" "plan-set: period 'soon' is not a period (see salesmgr(7) for periods)
plan-set: unknown team 'west' (add it with team-add)
plan-set: target 'x' is not an amount
plan-set: nothing was changed" plan-set soon team west x
bad_in "unknown column" "plan-set: stdin:1: unknown column 'quarter' (use --ignore-extra to skip it)
plan-set: stdin: nothing was changed" 'quarter\tdimension\tkey\ttarget\n2026-Q4\tteam\tnorth\t1\n' \
    plan-set --from -
bad_in "two bad rows, both reported" "plan-set: stdin:2: unknown team 'west' (add it with team-add)
plan-set: stdin:4: target '2.5' is not a whole number (deals are counted)
plan-set: nothing was changed" \
    'period\tdimension\tkey\tmetric\ttarget\n2026-Q4\tteam\twest\trevenue\t1\n2026-Q4\tteam\tnorth\trevenue\t2\n2026-Q4\tregion\temea\tdeals\t2.5\n' \
    plan-set --from -
bad_in "missing fields" "plan-set: stdin:2: no dimension given
plan-set: stdin:3: no key given
plan-set: stdin:4: no target given
plan-set: stdin:5: no period given
plan-set: nothing was changed" \
    'period\tdimension\tkey\ttarget\n2026-Q4\t\tnorth\t5\n2026-Q4\tteam\t\t5\n2026-Q4\tteam\tnorth\t\n\tteam\tnorth\t5\n' \
    plan-set --from -
bad_in "the same target twice" "plan-set: stdin:3: plan FY2027-Q3 team north revenue is set twice in the input
plan-set: nothing was changed" \
    'period\tdimension\tkey\ttarget\nfy2027-q3\tteam\tnorth\t5\nthis-quarter\tteam\tnorth\t6\n' \
    plan-set --from -
bad_in "ragged row" "plan-set: stdin:2: 2 fields, header has 4
plan-set: nothing was changed" 'period\tdimension\tkey\ttarget\n2026-Q4\tteam\n' plan-set --from -
quiet_night "--from an empty input" plan-set --from -
U="usage: plan-set PERIOD DIMENSION KEY TARGET [--metric METRIC] [-nq] [-D DIR]"
usage "no arguments" "$U" plan-set
usage "three arguments" "$U" plan-set 2026-Q4 team north
usage "five arguments" "$U" plan-set 2026-Q4 team north 1 2
usage "arguments with --from" "$U" plan-set --from - 2026-Q4 team north 1
usage "unknown option" "plan-set: unrecognized option '--team'" plan-set --team north 2026-Q4 1
run plan-set --help
expect_status 0 "set --help: exit 0"
expect_out_has "$U" "set --help: usage on stdout"

# --- output errors and a missing directory
snapshot
run sh -c 'plan-set -n 2028-Q1 team north 1 >/dev/full'
expect_fail 1 "write error" "set -n to /dev/full: exit 1"
expect_unchanged "set -n to /dev/full: nothing written"
run sh -c 'plan-list >/dev/full'
expect_fail 1 "plan-list: write error" "list to /dev/full: exit 1"
run plan-set -D "$T/nowhere" 2026-Q4 team north 1
expect_fail 1 "sales-init" "set missing directory: names sales-init"
run plan-list -D "$T/nowhere"
expect_fail 1 "sales-init" "list missing directory: names sales-init"
check "missing directory: not created" test ! -e "$T/nowhere"
run sales-check
expect_status 0 "sales-check: the directory is clean after all this"

done_testing
