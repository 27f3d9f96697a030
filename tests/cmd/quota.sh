# quota-set, quota-list and quota-split: setting and replacing quotas,
# refusing bad ones, listing them, and splitting a team's target over its
# reps to the cent.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
DH='date\tdeal\tevent\trep\taccount\tproduct\tamount\tstage\texpected\tref\treason\tnote\topened\n'
QH='period	rep	team	metric	target'

# bad WHAT MESSAGES CMD...: CMD fails with status 1 saying exactly
# MESSAGES, prints nothing on stdout and writes nothing
bad() {
	what=$1 msg=$2
	shift 2
	snapshot
	run "$@"
	expect_status 1 "$what: exit 1"
	expect_err "$msg" "$what: message"
	expect_out_empty "$what: nothing on stdout"
	expect_unchanged "$what: nothing written"
}
# bad_in WHAT MESSAGES INPUT CMD...: the same with INPUT (printf format) on stdin
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
# usage WHAT CMD...: a usage error, status 2, nothing written
usage() {
	what=$1
	shift
	snapshot
	run "$@"
	expect_status 2 "$what: exit 2"
	expect_out_empty "$what: nothing on stdout"
	expect_unchanged "$what: nothing written"
}
audit_tail() { tail -n "$1" "$D/audit.tsv" | cut -f3,4; }
# The target column summed in integer cents, from TSV with a header.
cents() { awk -F'\t' 'NR > 1 { gsub(/\./, "", $5); s += $5 } END { print s }' "$1"; }

# --- an organisation: north has anna, bram, cid (and dan, gone); south has
# eve, east fay, and west only gus, on leave
init
printf 'team\tname\tmanager\tfocus\neast\tEast\t\t\nnorth\tNorth\t\t\nsouth\tSouth\t\t\nwest\tWest\t\t\n' \
    >"$D/teams.tsv"
rep-add -q anna --name 'Anna Vries' --team north --hired 2026-01-05 --capacity 30 &&
rep-add -q bram --name 'Bram Smit' --team north --hired 2026-01-05 --capacity 10 &&
rep-add -q cid --name 'Cid Ma' --team north --hired 2026-01-05 &&
rep-add -q dan --name 'Dan Oz' --team north --hired 2026-01-05 --capacity 90 &&
rep-add -q eve --name 'Eve Bos' --team south --hired 2026-01-05 --capacity 0 &&
rep-add -q fay --name 'Fay Jong' --team east --hired 2026-01-05 &&
rep-add -q gus --name 'Gus Kaya' --team west --hired 2026-01-05 &&
rep-end -q dan --status gone --date 2026-11-01 &&
rep-end -q gus --status leave --date 2026-11-01 || { echo "not ok - setup"; exit 1; }

# --- quota-set: set, replace, unchanged
run quota-set 2026-Q4 anna 40000
expect_status 0 "set: exit 0"
expect_out_empty "set: nothing on stdout"
expect_err_empty "set: nothing on stderr (not a terminal)"
expect_file "$D/quotas.tsv" "$QH
2026-Q4	anna		revenue	40000.00" "set: the row, money canonical"
run quota-set 2026-Q4 anna 50000.5
expect_status 0 "replace: exit 0"
run audit_tail 2
expect_out "quota-set	set quota 2026-Q4 rep anna revenue 40000.00
quota-set	replace quota 2026-Q4 rep anna revenue 50000.50 (was 40000.00)" \
    "replace: the audit log says what it was"
expect_file "$D/quotas.tsv" "$QH
2026-Q4	anna		revenue	50000.50" "replace: one row, the new target"
snapshot
run quota-set 2026-Q4 anna 50000.50
expect_status 0 "same target: exit 0"
expect_unchanged "same target: nothing written, not even the audit log"

run quota-set -n 2026-Q4 anna 60000
expect_status 0 "dry run: exit 0"
expect_out "would replace quota 2026-Q4 rep anna revenue 60000.00 (was 50000.50)" \
    "dry run: says what it would do"
expect_unchanged "dry run: nothing written"

# Relative and lowercase periods are stored in their absolute form.
run quota-set this-quarter --team north 150000
expect_status 0 "team: exit 0"
run quota-set 2026-11 anna 12 --metric deals
expect_status 0 "deals: exit 0"
run quota-set last-week bram 40 --metric activities
expect_status 0 "activities, last week: exit 0"
run quota-set FY2027-q1 --team south 0
expect_status 0 "fiscal quarter, zero: exit 0"
run quota-set 2026-q4 bram 30000
expect_status 0 "lowercase quarter: exit 0"
expect_file "$D/quotas.tsv" "$QH
2026-11	anna		deals	12
2026-Q4		north	revenue	150000.00
2026-Q4	anna		revenue	50000.50
2026-Q4	bram		revenue	30000.00
2026-W47	bram		activities	40
FY2027-Q1		south	revenue	0.00" "canonical periods, counts and amounts, sorted by key"

# --- quota-set --from: many at once, metric defaulting to revenue
printf 'period\trep\tteam\tmetric\ttarget\n2026-12\tcid\t\t\t9000\n2026-12\t\tsouth\tdeals\t7\n2026-Q4\tanna\t\trevenue\t55000\n' >"$T/in"
run_in "$T/in" quota-set --from -
expect_status 0 "--from: exit 0"
run audit_tail 3
expect_out "quota-set	set quota 2026-12 rep cid revenue 9000.00
quota-set	set quota 2026-12 team south deals 7
quota-set	replace quota 2026-Q4 rep anna revenue 55000.00 (was 50000.50)" "--from: one line each"
printf 'rep\ttarget\tperiod\textra\ncid\t100\t2027-01\tx\n' >"$T/in"
run_in "$T/in" quota-set --from - --ignore-extra --metric deals
expect_status 0 "--from --ignore-extra, --metric for a missing column: exit 0"
check "--from: the option's metric" grep -q '^2027-01	cid		deals	100$' "$D/quotas.tsv"

# --- quota-list: TSV, table, JSON, filters
run quota-list
expect_status 0 "list: exit 0"
expect_out "$QH
2026-11	anna		deals	12
2026-12		south	deals	7
2026-12	cid		revenue	9000.00
2026-Q4		north	revenue	150000.00
2026-Q4	anna		revenue	55000.00
2026-Q4	bram		revenue	30000.00
2026-W47	bram		activities	40
2027-01	cid		deals	100
FY2027-Q1		south	revenue	0.00" "list: every row as TSV"
run quota-list -o table --period 2026-Q4 --metric revenue
expect_out "period   rep   team   metric       target
2026-12  cid          revenue    9,000.00
2026-Q4        north  revenue  150,000.00
2026-Q4  anna         revenue   55,000.00
2026-Q4  bram         revenue   30,000.00" "list: table, grouped money, overlapping periods"
run quota-list -o json --rep cid
expect_out '{"period":"2026-12","rep":"cid","team":null,"metric":"revenue","target":9000.00}
{"period":"2027-01","rep":"cid","team":null,"metric":"deals","target":100}' "list: json"
run quota-list --period 2026-11-20 --no-header
expect_out "2026-11	anna		deals	12
2026-Q4		north	revenue	150000.00
2026-Q4	anna		revenue	55000.00
2026-Q4	bram		revenue	30000.00
2026-W47	bram		activities	40" "list: --period of a day, every period holding it"
run quota-list --team north --period this-quarter
expect_out "$QH
2026-11	anna		deals	12
2026-12	cid		revenue	9000.00
2026-Q4		north	revenue	150000.00
2026-Q4	anna		revenue	55000.00
2026-Q4	bram		revenue	30000.00
2026-W47	bram		activities	40" "list: --team, its own rows and its reps'"
run quota-list --team south --metric deals
expect_out "$QH
2026-12		south	deals	7" "list: --team and --metric"
run quota-list --rep eve
expect_out "$QH" "list: a rep without quotas, the header only"
run quota-list --period FY2027
expect_out "$QH
2027-01	cid		deals	100
FY2027-Q1		south	revenue	0.00" "list: a fiscal period"

run quota-list --rep zed
expect_fail 1 "quota-list: unknown rep 'zed' (rep-list shows the reps)" "list: unknown rep"
run quota-list --team nowhere
expect_fail 1 "quota-list: unknown team 'nowhere' (team-list shows the teams)" "list: unknown team"
run quota-list --period 2026-13
expect_fail 2 "quota-list: invalid period '2026-13' (see salesmgr(7) for periods)" \
    "list: bad period, exit 2"
run quota-list --metric profit
expect_fail 2 "quota-list: invalid metric 'profit': want revenue, deals, activities or activities.KIND" \
    "list: bad metric, exit 2"
run quota-list -o xml
expect_status 2 "list: bad format, exit 2"
run quota-list extra
expect_status 2 "list: an argument, exit 2"

# --- pipes: quota-list into quota-set
snapshot
run sh -c 'quota-list --period 2026-Q4 | quota-set --from -'
expect_status 0 "pipe: list into set, exit 0"
expect_err_empty "pipe: list into set, no message"
expect_unchanged "pipe: setting what is there changes nothing"
run sh -c 'quota-list --period 2026-Q4 --metric revenue |
    awk -F"\t" -v OFS="\t" "\$1 == \"2026-Q4\" { \$1 = \"2027-Q1\" } 1" | quota-set --from -'
expect_status 0 "pipe: carry a quarter over, exit 0"
run quota-list --period 2027-Q1 --metric revenue
expect_out "$QH
2027-Q1		north	revenue	150000.00
2027-Q1	anna		revenue	55000.00
2027-Q1	bram		revenue	30000.00
FY2027-Q1		south	revenue	0.00" "pipe: the quarter carried over (FY2027-Q1 is 2027-Q1 here)"

# --- quota-set: every bad input, reported, nothing written
bad "unknown rep" "quota-set: unknown rep 'zed' (add it with rep-add)
quota-set: nothing was changed" quota-set 2026-Q4 zed 100
bad "unknown team" "quota-set: unknown team 'nowhere' (add it with team-add)
quota-set: nothing was changed" quota-set 2026-Q4 --team nowhere 100
bad "both rep and team" "quota-set: both rep 'anna' and team 'north' given (a quota is for one rep or one team)
quota-set: nothing was changed" quota-set 2026-Q4 anna --team north 100
bad "bad period" "quota-set: period '2026-13' is not a period (see salesmgr(7) for periods)
quota-set: nothing was changed" quota-set 2026-13 anna 100
bad "range period" "quota-set: period '2026-10-01..2026-11-15' is a range; a quota period is a week, month, quarter, year or fiscal year
quota-set: nothing was changed" quota-set 2026-10-01..2026-11-15 anna 100
bad "relative range period" "quota-set: period 'mtd' is a range; a quota period is a week, month, quarter, year or fiscal year
quota-set: nothing was changed" quota-set mtd anna 100
bad "day period" "quota-set: period '2026-11-26' is a day; a quota period is a week, month, quarter, year or fiscal year
quota-set: nothing was changed" quota-set 2026-11-26 anna 100
bad "3 decimals" "quota-set: target '1.005' has more than 2 decimals
quota-set: nothing was changed" quota-set 2026-Q4 anna 1.005
bad "past int64" "quota-set: target '92233720368547758.08' is out of range
quota-set: nothing was changed" quota-set 2026-Q4 anna 92233720368547758.08
bad "negative" "quota-set: target '-5' is negative
quota-set: nothing was changed" quota-set -- 2026-Q4 anna -5
bad "not an amount" "quota-set: target '1,000' is not an amount
quota-set: nothing was changed" quota-set 2026-Q4 anna 1,000
bad "deals target 1.5" "quota-set: target '1.5' is not a whole number (deals are counted)
quota-set: nothing was changed" quota-set 2026-Q4 anna 1.5 --metric deals
bad "unknown metric" "quota-set: unknown metric 'profit' (want revenue, deals, activities or activities.KIND)
quota-set: nothing was changed" quota-set 2026-Q4 anna 100 --metric profit
bad "bad rep id" "quota-set: rep '../x' must start with a-z or 0-9
quota-set: nothing was changed" quota-set 2026-Q4 ../x 100
bad "every problem of a record" "quota-set: period '2026-13' is not a period (see salesmgr(7) for periods)
quota-set: unknown rep 'zed' (add it with rep-add)
quota-set: target 'x' is not an amount
quota-set: nothing was changed" quota-set 2026-13 zed x
bad_in "unknown column" "quota-set: stdin:1: unknown column 'quarter' (use --ignore-extra to skip it)
quota-set: stdin: nothing was changed" 'quarter\trep\ttarget\n2026-Q4\tanna\t1\n' quota-set --from -
bad_in "two bad rows, both reported" "quota-set: stdin:2: unknown rep 'zed' (add it with rep-add)
quota-set: stdin:4: target '2.5' is not a whole number (activities are counted)
quota-set: nothing was changed" \
    'period\trep\tmetric\ttarget\n2026-Q4\tzed\trevenue\t1\n2026-Q4\tanna\trevenue\t2\n2026-Q4\tbram\tactivities\t2.5\n' \
    quota-set --from -
bad_in "no rep or team, no target, no period" "quota-set: stdin:2: no rep or team given
quota-set: stdin:3: no target given
quota-set: stdin:4: no period given
quota-set: nothing was changed" \
    'period\trep\tteam\ttarget\n2026-Q4\t\t\t5\n2026-Q4\tanna\t\t\n\tanna\t\t5\n' quota-set --from -
bad_in "the same quota twice" "quota-set: stdin:3: quota 2026-Q4 rep anna revenue is set twice in the input
quota-set: nothing was changed" \
    'period\trep\ttarget\n2026-Q4\tanna\t5\nthis-quarter\tanna\t6\n' quota-set --from -
bad_in "ragged row" "quota-set: stdin:2: 2 fields, header has 3
quota-set: nothing was changed" 'period\trep\ttarget\n2026-Q4\tanna\n' quota-set --from -
quiet_night "--from an empty input" quota-set --from -
usage "no arguments" quota-set
usage "two arguments without --team" quota-set 2026-Q4 100
usage "arguments with --from" quota-set --from - 2026-Q4 anna 100
usage "unknown option" quota-set --bogus 2026-Q4 anna 100

# --- quota-split: equal, to the cent, ties to the first
run quota-split 2027-Q2 --team north 100000
expect_status 0 "split equal: exit 0"
expect_out "$QH
2027-Q2	anna		revenue	33333.34
2027-Q2	bram		revenue	33333.33
2027-Q2	cid		revenue	33333.33" "split equal: active reps only, largest remainder"
expect_err_empty "split equal: nothing on stderr"
run quota-list --period 2027-Q2
expect_out "$QH
2027-Q2		north	revenue	100000.00
2027-Q2	anna		revenue	33333.34
2027-Q2	bram		revenue	33333.33
2027-Q2	cid		revenue	33333.33" "split equal: the reps' quotas and the team's own"
run audit_tail 4
expect_out "quota-split	set quota 2027-Q2 rep anna revenue 33333.34
quota-split	set quota 2027-Q2 rep bram revenue 33333.33
quota-split	set quota 2027-Q2 rep cid revenue 33333.33
quota-split	set quota 2027-Q2 team north revenue 100000.00" "split equal: the audit log"

# capacity: anna 30, bram 10, cid the default 25
snapshot
run quota-split -n 2027-Q2 --team north 1000 --by capacity
expect_status 0 "split -n: exit 0"
expect_out "$QH
2027-Q2	anna		revenue	461.54
2027-Q2	bram		revenue	153.85
2027-Q2	cid		revenue	384.61
would replace quota 2027-Q2 rep anna revenue 461.54 (was 33333.34)
would replace quota 2027-Q2 rep bram revenue 153.85 (was 33333.33)
would replace quota 2027-Q2 rep cid revenue 384.61 (was 33333.33)
would replace quota 2027-Q2 team north revenue 1000.00 (was 100000.00)" \
    "split -n by capacity: the split, then what it would change"
expect_unchanged "split -n: nothing written"
run quota-split 2027-Q3 --team north 1234567.89 --by capacity
expect_status 0 "split by capacity: exit 0"
check "split by capacity: the parts add up to the cent" \
    test "$(cents "$T/out")" = 123456789
sed 's/^default_capacity	.*/default_capacity	5/' "$D/config.tsv" >"$T/cfg" &&
    cat "$T/cfg" >"$D/config.tsv"
run quota-split -nq 2027-Q3 --team north 90 --by capacity -o json
expect_out '{"period":"2027-Q3","rep":"anna","team":null,"metric":"revenue","target":60.00}
{"period":"2027-Q3","rep":"bram","team":null,"metric":"revenue","target":20.00}
{"period":"2027-Q3","rep":"cid","team":null,"metric":"revenue","target":10.00}' \
    "split by capacity: default_capacity from config.tsv, json"
run quota-split -nq 2027-Q3 --team north 1000000 -o table --no-header
expect_out "2027-Q3  anna    revenue  333,333.34
2027-Q3  bram    revenue  333,333.33
2027-Q3  cid     revenue  333,333.33" "split: table without header"

# weight: a column of the user's own in reps.tsv, decimals allowed
bad "weight: no such column" "quota-split: reps.tsv has no column 'selling' (rep-edit REP --set selling=VALUE adds it)" \
    quota-split 2027-Q3 --team north 1000 --by weight selling
rep-edit -q anna --set selling=2.5 && rep-edit -q bram --set selling=1 ||
    not_ok "weight: setup"
bad "weight: a rep without one" "quota-split: rep 'cid' has no selling (rep-edit cid --set selling=VALUE)
quota-split: nothing was changed" quota-split 2027-Q3 --team north 1000 --by weight selling
rep-edit -q cid --set selling=lots
bad "weight: not a number" "quota-split: rep 'cid': selling 'lots' is not a number of 0 or more
quota-split: nothing was changed" quota-split 2027-Q3 --team north 1000 --by weight selling
rep-edit -q cid --set selling=1.25
run quota-split -nq 2027-Q3 --team north 1000 --by weight selling
expect_out "$QH
2027-Q3	anna		revenue	526.31
2027-Q3	bram		revenue	210.53
2027-Q3	cid		revenue	263.16" "split by weight: 2.5 : 1 : 1.25, the cent to the largest remainder"
check "split by weight: each share is the weight's, to the cent (awk)" sh -c "
    awk -F'\t' 'FNR == 1 { for (i = 1; i <= NF; i++) c[i] = \$i; next }
        NR == FNR { for (i = 1; i <= NF; i++) if (c[i] == \"selling\") w[\$1] = \$i; next }
        { t += w[\$2]; r[\$2] = \$5 }
        END { for (k in r) { e = 1000 * w[k] / t; if (r[k] - e > 0.01 || e - r[k] > 0.01) bad = 1 }
              exit bad }' '$D/reps.tsv' '$T/out'"
rep-edit -q anna --set selling=0 && rep-edit -q bram --set selling=0 && rep-edit -q cid --set selling=0.0
bad "weight: every one 0" "quota-split: every active rep of team 'north' has selling 0; use --by equal" \
    quota-split 2027-Q3 --team north 1000 --by weight selling
usage "weight: no column" quota-split 2027-Q3 --team north 1000 --by weight

# history: the credited revenue (history.h) in the four quarters before: a
# win cancelled within them is neither revenue nor a won deal (D4)
mkdir -m 700 "$D/deals"
printf "$DH"'2025-12-31\tD1\twon\tanna\tacme\t\t9999.00\twon\t\t\t\t\t2025-11-01\n' \
    >"$D/deals/2025-12.tsv"
printf "$DH"'2026-03-02\tD2\twon\tanna\tacme\t\t1000.00\twon\t\t\t\t\t2026-01-10\n2026-03-09\tD3\twon\tbram\tbeta\t\t1000.00\twon\t\t\t\t\t2026-02-01\n2026-03-10\tD9\twon\teve\tbeta\t\t800.00\twon\t\t\t\t\t2026-02-01\n2026-03-11\tD11\twon\tanna\tacme\t\t1000.00\twon\t\t\t\t\t2026-02-01\n2026-03-13\tD12\twon\tanna\tacme\t\t1000.00\twon\t\t\t\t\t2026-02-01\n' \
    >"$D/deals/2026-03.tsv"
printf "$DH"'2026-06-01\tD4\twon\tbram\tbeta\t\t500.00\twon\t\t\t\t\t2026-05-01\n2026-06-20\tD4\tcancel\tbram\tbeta\t\t500.00\twon\t\t\trefund\t\t2026-05-01\n2026-06-21\tD5\topen\tcid\tgamma\t\t2000.00\tlead\t\t\t\t\t2026-06-21\n2026-06-22\tD6\twon\tdan\tgamma\t\t7000.00\twon\t\t\t\t\t2026-06-01\n' \
    >"$D/deals/2026-06.tsv"
printf "$DH"'2026-11-03\tD7\twon\tcid\tdelta\t\t1000.00\twon\t\t\t\t\t2026-10-01\n2026-11-04\tD8\tlost\tanna\tdelta\t\t5000.00\tlost\t\t\tprice\t\t2026-10-01\n' \
    >"$D/deals/2026-11.tsv"
printf "$DH"'2027-01-04\tD10\twon\tanna\tacme\t\t100000.00\twon\t\t\t\t\t2026-12-01\n' \
    >"$D/deals/2027-01.tsv"
printf 'kind\tnext\ndeal\t13\n' >"$D/ids.tsv"
run quota-split 2027-Q1 --team north 1000.01 --by history
expect_status 0 "split by history: exit 0"
expect_out "$QH
2027-Q1	anna		revenue	600.01
2027-Q1	bram		revenue	200.00
2027-Q1	cid		revenue	200.00" "split by history: 3000 : 1000 : 1000, the cent to the largest remainder"
if optional script "what the split by history rests on, on a terminal"; then
	script -qec "quota-split -nq 2027-Q1 --team north 1000 --by history >/dev/null" /dev/null |
	    tr -d '\r' >"$T/w"
	expect_file "$T/w" "quota-split: split by the revenue of $(awk -F'\t' '
	    FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    NR == FNR { if ($c["team"] == "north" && $c["status"] == "active") r[$1] = 1; next }
	    $1 < "2026-01-01" || $1 > "2026-12-31" || !($4 in r) { next }
	    $3 == "won" { n++; w[$2] = 1 }
	    $3 == "cancel" && ($2 in w) { n-- }
	    END { print n }' "$D/reps.tsv" "$D"/deals/*.tsv) won deals in 2026-01-01..2026-12-31" \
	    "history: on a terminal, how many won deals the split rests on (counted by awk)"
fi
bad "split: a finer row it would hide" "quota-split: rep 'cid' won nothing in 2025-10-01..2026-09-30: a share of 0
quota-split: rep 'cid' has quota 2026-12 of 9000.00 inside 2026-Q4, which the split would hide
quota-split: nothing was changed (give --replace to remove those rows)" \
    quota-split 2026-Q4 --team north 100 --by history
run quota-split -n 2026-Q4 --team north 100 --by history --replace
expect_status 0 "split --replace -n: exit 0"
expect_out_has "would remove quota 2026-12 rep cid revenue 9000.00 (inside 2026-Q4)" \
    "split --replace -n: says which row it would remove"
run quota-split -nq 2026-Q4 --team north 100 --by history --replace
expect_out "$QH
2026-Q4	anna		revenue	92.86
2026-Q4	bram		revenue	7.14
2026-Q4	cid		revenue	0.00" "split by history: the window follows the period (12999 : 1000 : 0)"
bad "history: none in the window" "quota-split: no won deals by team north's active reps in 2024-01-01..2024-12-31; use --by equal or --by weight COLUMN" \
    quota-split 2025-Q1 --team north 100 --by history
bad "history: a team without any" "quota-split: no won deals by team east's active reps in 2026-01-01..2026-12-31; use --by equal or --by weight COLUMN" \
    quota-split 2027-Q1 --team east 100 --by history
bad "history: too few" "quota-split: only 2 won deals by team north's active reps in 2026-04-01..2027-03-31 (fewer than 5): too few to split by; use --by equal or --by weight COLUMN" \
    quota-split 2027-Q2 --team north 100 --by history
run quota-split -nq 2026-Q4 --team north 100 --by history --replace
expect_err "quota-split: rep 'cid' won nothing in 2025-10-01..2026-09-30: a share of 0" \
    "history: a rep who won nothing is said"
bad "split: the team's row under another name" "quota-split: team 'south' has quota FY2027-Q1 of 0.00 inside 2027-Q1, which the split would hide
quota-split: nothing was changed (give --replace to remove those rows)" \
    quota-split 2027-Q1 --team south 100 --by history
run quota-split -nq 2027-Q1 --team south 100 --by history --replace
expect_out "$QH
2027-Q1	eve		revenue	100.00" "split by history: a team of one"

# --- quota-split: bad input, nothing written
bad "split: unknown team" "quota-split: unknown team 'zzz' (add it with team-add)
quota-split: nothing was changed" quota-split 2027-Q1 --team zzz 100
bad "split: bad period and amount" "quota-split: period '2026-13' is not a period (see salesmgr(7) for periods)
quota-split: target '1.005' has more than 2 decimals
quota-split: nothing was changed" quota-split 2026-13 --team north 1.005
bad "split: range period" "quota-split: period 'qtd' is a range; a quota period is a week, month, quarter, year or fiscal year
quota-split: nothing was changed" quota-split qtd --team north 100
bad "split: negative" "quota-split: target '-100' is negative
quota-split: nothing was changed" quota-split --team north -- 2027-Q1 -100
bad "split: past int64" "quota-split: target '99999999999999999999' is out of range
quota-split: nothing was changed" quota-split 2027-Q1 --team north 99999999999999999999
bad "split: no active reps" "quota-split: team 'west' has no active reps; nothing was changed" \
    quota-split 2027-Q1 --team west 100
bad "split: every capacity 0" "quota-split: every active rep of team 'south' has capacity 0; use --by equal" \
    quota-split 2027-Q1 --team south 100 --by capacity
usage "split: no --team" quota-split 2027-Q1 100
usage "split: no amount" quota-split 2027-Q1 --team north
usage "split: bad --by" quota-split 2027-Q1 --team north 100 --by luck
expect_err "quota-split: invalid --by 'luck': want equal, history, capacity or weight COLUMN" "split: bad --by message"

# --- pipes: the split, tried, into quota-set
snapshot
run sh -c 'quota-split 2027-Q4 --team north 500 -n -q | quota-set --from -'
expect_status 0 "pipe: split -nq into set, exit 0"
run quota-list --period 2027-Q4
expect_out "$QH
2027-Q4	anna		revenue	166.67
2027-Q4	bram		revenue	166.67
2027-Q4	cid		revenue	166.66" "pipe: the reps' quotas set by quota-set"
run audit_tail 3
expect_out "quota-set	set quota 2027-Q4 rep anna revenue 166.67
quota-set	set quota 2027-Q4 rep bram revenue 166.67
quota-set	set quota 2027-Q4 rep cid revenue 166.66" "pipe: only quota-set wrote"
snapshot
run sh -c 'quota-split 2027-Q4 --team north 500 | quota-set --from -'
expect_status 0 "pipe: split into set, exit 0"
run audit_tail 1
expect_out "quota-split	set quota 2027-Q4 team north revenue 500.00" \
    "pipe: the split added the team's row; setting the same reps' rows again changed nothing"

# --- output errors and a missing directory
snapshot
run sh -c 'quota-split 2028-Q1 --team north 100 >/dev/full'
expect_fail 1 "write error" "split to /dev/full: exit 1"
expect_unchanged "split to /dev/full: nothing written"
run sh -c 'quota-list >/dev/full'
expect_fail 1 "write error" "list to /dev/full: exit 1"
run sh -c 'quota-set -n 2028-Q1 anna 1 >/dev/full'
expect_fail 1 "write error" "set -n to /dev/full: exit 1"
expect_unchanged "set -n to /dev/full: nothing written"
run quota-set -D "$T/nowhere" 2026-Q4 anna 1
expect_fail 1 "sales-init" "set missing directory: names sales-init"
run quota-list -D "$T/nowhere"
expect_fail 1 "sales-init" "list missing directory: names sales-init"
run quota-split -D "$T/nowhere" 2026-Q4 --team north 1
expect_fail 1 "sales-init" "split missing directory: names sales-init"
check "missing directory: not created" test ! -e "$T/nowhere"
# A table as quota-set writes it is edited by its lines (found by
# bisection, merged back); one edited by hand out of order is loaded whole.
# Both must give the file an independent sort gives.
tab=$(printf '\t')
settle "$D"
cp -a "$D" "$T/lines"
settle "$D"
cp -a "$D" "$T/whole"
{ head -1 "$D/quotas.tsv"; tail -n +2 "$D/quotas.tsv" | sort -r; } >"$T/whole/quotas.tsv"
rows reps.tsv | cut -f1 | awk -v OFS='\t' '
    BEGIN { print "period", "rep", "team", "metric", "target" }
    { r[NR] = $1 }
    END { for (m = 12; m >= 1; m--) for (i = NR; i >= 1; i--)
	    print sprintf("2030-%02d", m), r[i], "", "revenue", sprintf("%d.00", 100 * m + i)
	print "2026-Q4", r[1], "", "revenue", "777.00" }' >"$T/batch.tsv"
for dir in lines whole; do
	run quota-set -D "$T/$dir" --from "$T/batch.tsv"
	expect_status 0 "a batch into the table kept as $dir: exit 0"
done
awk -F'\t' -v OFS='\t' 'FNR == 1 { next }
    { k = $1 FS $2 FS $3 FS $4 }
    FILENAME != ARGV[1] { row[k] = $1 OFS $2 OFS $3 OFS $4 OFS $5; next }
    { row[k] = $0 }
    END { for (k in row) print row[k] }' "$D/quotas.tsv" "$T/batch.tsv" |
    LC_ALL=C sort -t "$tab" -k1,1 -k2,2 -k3,3 -k4,4 >"$T/want"
{ head -1 "$D/quotas.tsv"; cat "$T/want"; } >"$T/want.tsv"
check "edited by its lines: the file a sort of old and new rows gives" \
    cmp -s "$T/want.tsv" "$T/lines/quotas.tsv"
check "loaded whole from a hand-sorted file: the same file" \
    cmp -s "$T/want.tsv" "$T/whole/quotas.tsv"
check "the batch replaced one quota" grep -q "replace quota 2026-Q4 rep .* revenue 777.00" \
    "$T/lines/audit.tsv"
run quota-set -D "$T/lines" --from "$T/batch.tsv"
expect_status 0 "the same batch again: exit 0"
check "the same batch again: the file as it was" cmp -s "$T/want.tsv" "$T/lines/quotas.tsv"
SALESMGR_TODAY=2027-01-04 run sales-check -D "$T/lines"
expect_status 0 "edited by its lines: sales-check is clean"

# The history above holds a deal of 2027-01: clean as of that day.
SALESMGR_TODAY=2027-01-04 run sales-check
expect_status 0 "sales-check: the directory is clean after all this"

# --- one quota per span of days: with the fiscal year from October,
# FY2027-Q1 is 2026-Q4's days (the data above has 2026-Q4 rep anna)
sed 's/^fiscal_year_start	1$/fiscal_year_start	10/' "$D/config.tsv" >"$T/cfg" &&
    cat "$T/cfg" >"$D/config.tsv"
grep -c '^2026-Q4	anna		revenue	' "$D/quotas.tsv" >"$T/n"
expect_file "$T/n" 1 "span: anna has a 2026-Q4 revenue row"
bad "span: the same days under another name" "quota-set: quota FY2027-Q1 rep anna revenue: the same days as quota 2026-Q4 (one quota per span of days; give --replace to replace it)
quota-set: nothing was changed" quota-set FY2027-Q1 anna 64000
bad "span: --replace of nothing" "quota-set: quota 2031-11 rep anna revenue: no quota for the same days under another name to replace
quota-set: nothing was changed" quota-set 2031-11 anna 1 --replace
bad_in "span: two names in one input" "quota-set: stdin:3: quota FY2027-Q2 rep bram revenue: the same days as quota 2027-Q1 (one quota per span of days; give --replace to replace it)
quota-set: nothing was changed" "$QH\n2027-Q1\tbram\t\trevenue\t1\nFY2027-Q2\tbram\t\trevenue\t2\n" \
    quota-set --from -
run quota-set FY2027-Q1 anna 64000 --metric deals
expect_status 0 "span: another metric is another quota"
run quota-set FY2027-Q1 anna 64000 --replace -n
expect_status 0 "span: --replace -n: exit 0"
expect_out "would remove quota 2026-Q4 rep anna revenue 55000.00 (the same days as FY2027-Q1)
would set quota FY2027-Q1 rep anna revenue 64000.00" "span: --replace -n says what it would remove"
run quota-set FY2027-Q1 anna 64000 --replace
expect_status 0 "span: --replace: exit 0"
grep -c '^2026-Q4	anna		revenue	' "$D/quotas.tsv" >"$T/n"
grep '^FY2027-Q1	anna		revenue	' "$D/quotas.tsv" >>"$T/n"
expect_file "$T/n" "0
FY2027-Q1	anna		revenue	64000.00" "span: the row under the old name is gone"
# sales-check reports pairs already in the file.
printf '2026-Q4\tanna\t\trevenue\t5.00\n' >>"$D/quotas.tsv"
SALESMGR_TODAY=2027-01-04 run sales-check
expect_status 1 "sales-check: a span under two names: exit 1"
line=$(grep -n '^2026-Q4	anna		revenue' "$D/quotas.tsv" | cut -d: -f1)
first=$(grep -n '^FY2027-Q1	anna		revenue' "$D/quotas.tsv" | cut -d: -f1)
expect_err_has "sales-check: quotas.tsv:$line: period '2026-Q4' has the same days as 'FY2027-Q1' at line $first (one quota per span of days: remove one, or quota-set --replace)" \
    "sales-check: names both rows"

# A byte the table would not write as it is (a DEL, a CR) in another line:
# quota-set names the line that is wrong and writes nothing, or sets the
# quota as it would in the whole table read (what a CR ends is read).
for bad in del cr; do
	cp "$D/quotas.tsv" "$T/quotas.keep"
	case $bad in
	del) awk 'NR == 2 { $0 = $0 "\177" } { print }' "$T/quotas.keep" >"$D/quotas.tsv" ;;
	cr) awk 'NR == 2 { $0 = $0 "\r" } { print }' "$T/quotas.keep" >"$D/quotas.tsv" ;;
	esac
	snapshot
	run quota-set 2027-03 anna 1000
	case $bad in
	del)
		expect_status 1 "a DEL in another line: exit 1"
		expect_err_has "quota-set: quotas.tsv:2: target" "a DEL in another line: the line is named"
		expect_unchanged "a DEL in another line: nothing written" ;;
	cr)
		expect_status 0 "a CR line end in another line: the whole table is read and set"
		check "a CR line end: the quota is there" grep -q '^2027-03	anna		revenue	1000.00' "$D/quotas.tsv" ;;
	esac
	cp "$T/quotas.keep" "$D/quotas.tsv"
done
# The note of a check (lib/target.c): a quota-set that checked every line
# or wrote them notes the file in cache/checked-quotas.tsv; the next takes
# the lines as checked only while the file is the one noted.  First the
# row appended for sales-check above goes (it is out of order).
grep -v '^2026-Q4	anna		revenue	5.00$' "$D/quotas.tsv" >"$T/q" && cat "$T/q" >"$D/quotas.tsv"
settle "$D"
rm -rf "$D/cache"
run quota-set 2027-04 anna 900
expect_status 0 "the note: quota-set with no cache/ yet: exit 0"
settle "$D"
check "the note: none while there was no cache/ (made after it, in the background)" \
    eval 'test -d "$D/cache" && test ! -e "$D/cache/checked-quotas.tsv"'
run quota-set 2027-04 anna 1000
expect_status 0 "the note: quota-set: exit 0"
check "the note names the file as written: its size, and a hash" \
    eval 'test "$(cut -f1,2 "$D/cache/checked-quotas.tsv")" = \
    "quotas.tsv	$(stat -c %s "$D/quotas.tsv")" &&
    grep -q "	[0-9a-f]\{16\}\$" "$D/cache/checked-quotas.tsv"'
rm "$D/cache/checked-quotas.tsv"
snapshot
run quota-set -n 2027-05 anna 1000
expect_status 0 "the note: a dry run: exit 0"
expect_unchanged "the note: a dry run writes none"
# Two lines swapped in place, the modification time set back: the same
# inode, size and time, other bytes.  The lines are checked again, found
# out of order, and the table read whole and sorted, as with no note.
run quota-set 2027-05 anna 1000
expect_status 0 "the note: quota-set again: exit 0"
awk 'NR == 2 { l2 = $0; next } NR == 3 { print; print l2; next } { print }' \
    "$D/quotas.tsv" >"$T/swapped"
m=$(stat -c %y "$D/quotas.tsv")
dd if="$T/swapped" of="$D/quotas.tsv" conv=notrunc status=none &&
    touch -d "$m" "$D/quotas.tsv" || not_ok "an edit in place: dd or touch failed"
check "the edit in place kept the size the note gives" \
    eval 'test "$(cut -f2 "$D/cache/checked-quotas.tsv")" = "$(stat -c %s "$D/quotas.tsv")"'
settle "$D" && rmdata "$T/nonote" && cp -a "$D" "$T/nonote" && rm "$T/nonote/cache/checked-quotas.tsv" ||
    not_ok "a copy without the note: cp or rm failed"
run quota-set 2027-06 anna 1000
expect_status 0 "the note: after the edit in place: exit 0"
run quota-set -D "$T/nonote" 2027-06 anna 1000
expect_status 0 "the same without the note: exit 0"
check "the edit in place is found: the table written as it is with no note" \
    cmp -s "$D/quotas.tsv" "$T/nonote/quotas.tsv"
check "and it is in order again" \
    eval 'tail -n +2 "$D/quotas.tsv" | LC_ALL=C sort -c -t "	" -k1,4 2>/dev/null'
run plan-set 2027-Q1 team north 5000
expect_status 0 "the note: plan-set: exit 0"
check "plan-set notes plans.tsv" \
    eval 'test "$(cut -f1,2 "$D/cache/checked-plans.tsv")" = "plans.tsv	$(stat -c %s "$D/plans.tsv")"'

# A table big enough to be mapped rather than read (64 kB and up, lib/
# target.c), of monthly quotas alone, so that its lines are in byte order
# and a quota-set of one quota takes them as lines: 3,600 quotas of two
# metrics.  One replaced, one added in the middle, one at the end: the
# file is the old one with those lines changed, in byte order (as awk and
# sort make it), with and without the note of its last check, and the
# note (written only when the table was taken as lines) is of the bytes
# written.
B=$T/big
settle "$D" && rmdata "$B" && cp -a "$D" "$B" && echo "$QH" >"$B/quotas.tsv" && rm -f "$B/cache/checked-quotas.tsv" ||
    not_ok "a big table: the copy: cp failed"
awk 'BEGIN { OFS = "\t"; for (y = 2100; y < 2250; y++) for (m = 1; m <= 12; m++) {
	p = sprintf("%d-%02d", y, m); print p, "anna", "", "deals", 10 + m; print p, "anna", "", "activities", 20 + m } }' \
    >"$T/big-in"
{ echo "$QH"; cat "$T/big-in"; } >"$T/big-set"
run_in "$T/big-set" quota-set -D "$B" --from -
expect_status 0 "a big table: the quotas set"
check "a big table: more than 64 kB" test "$(stat -c %s "$B/quotas.tsv")" -gt 65536
cp "$B/quotas.tsv" "$T/big-before"
settle "$B" && rmdata "$T/big-nonote" && cp -a "$B" "$T/big-nonote" && rm -f "$T/big-nonote/cache/checked-quotas.tsv" ||
    not_ok "a big table: a copy without the note: cp or rm failed"
# (each set alone: --from reads the table whole)
for d in "$B" "$T/big-nonote"; do
	run quota-set -D "$d" 2150-06 anna 99 --metric deals &&
	    run quota-set -D "$d" 2150-06 anna 7 --metric activities.call &&
	    run quota-set -D "$d" 2249-12 bram 5 --metric deals
	expect_status 0 "a big table${d#"$B"}: three quotas set, one at a time"
done
{ head -1 "$T/big-before"; tail -n +2 "$T/big-before" |
    awk -F '\t' -v OFS='\t' '$1 == "2150-06" && $2 == "anna" && $4 == "deals" { $5 = "99" } { print }
	END { print "2150-06", "anna", "", "activities.call", "7"; print "2249-12", "bram", "", "deals", "5" }' |
    LC_ALL=C sort; } >"$T/big-want"
check "a big table: the old lines with the three changed, in order" cmp -s "$T/big-want" "$B/quotas.tsv"
check "a big table, no note: the same" cmp -s "$T/big-want" "$T/big-nonote/quotas.tsv"
check "a big table: taken as lines, its note gives the size written, as the run without one" \
    eval 'test "$(cut -f1,2 "$B/cache/checked-quotas.tsv")" = "quotas.tsv	$(stat -c %s "$B/quotas.tsv")" &&
    cmp -s "$B/cache/checked-quotas.tsv" "$T/big-nonote/cache/checked-quotas.tsv"'
done_testing
