# Quotas over periods that are not the quota's: a month of a quarter (and
# of a fiscal quarter), month to date, weeks across a month's end, a month
# row beside its quarter; perf-report and comp-calc against an independent
# awk computation (tests/oracle/quota.awk), and comp-calc --lock naming the
# prorated quotas.
. "$(dirname "$0")/lib.sh"
SALESMGR_TODAY=2026-12-04
oracle=$top/tests/oracle/quota.awk days=$top/tests/oracle/days.awk
D=$SALESMGR_DIR

init
sed 's/^fiscal_year_start	1$/fiscal_year_start	4/' "$D/config.tsv" >"$T/cfg" &&
    cat "$T/cfg" >"$D/config.tsv"
team-add -q north --name North
for r in anna bob carl dana; do
	rep-add -q $r --name $r --team north --hired 2025-01-05
done
comp-plan -q std --tier 0:5 --tier 100:8 --threshold 50
for r in anna bob carl dana; do rep-edit -q $r --plan std; done
# anna: a fiscal quarter (FY from April: FY2027-Q3 is 2026-10..2026-12)
quota-set -q FY2027-Q3 anna 92000
# bob: the quarter and one of its months
quota-set -q 2026-Q4 bob 92000
quota-set -q 2026-11 bob 25000
# carl: three months and the quarter over them
for m in 10 11 12; do quota-set -q 2026-$m carl 30000; done
quota-set -q 2026-Q4 carl 99000
# dana: weeks; W44 starts in October, W49 ends in December
for w in 44 45 46 47 48 49; do quota-set -q 2026-W$w dana 7000; done
n=0
while read rep amount date; do
	deal-add -q --rep $rep --account acme --amount $amount --date 2026-10-01 >/dev/null
	n=$((n + 1))
	deal-won -q D$n --date $date
done <<'DEALS'
anna 25000 2026-11-10
bob 20000 2026-11-12
carl 12000 2026-11-13
dana 30000 2026-11-14
anna 4500 2026-12-02
DEALS

# quota_of REP FROM TO NAME: the oracle's target and rows used
quota_of() {
	awk -v who=$1 -v from=$2 -v to=$3 -v pname=$4 -v fys=4 -f "$days" -f "$top/tests/oracle/money.awk" -f "$oracle" \
	    "$D/quotas.tsv"
}
# compare WHAT PERIOD FROM TO: perf-report's quota and quota_period against
# the oracle for every rep
compare() {
	run perf-report --period $2 -o tsv --no-header
	expect_status 0 "$1: perf-report exit 0"
	cut -f1,4,5 "$T/out" | sort >"$T/got"
	for r in anna bob carl dana; do
		printf '%s\t%s\n' $r "$(quota_of $r $3 $4 $5)"
	done | sort >"$T/want"
	if cmp -s "$T/got" "$T/want"; then ok "$1: every rep's quota equals the awk computation"
	else not_ok "$1: differs from awk" "$(diff "$T/got" "$T/want" | tr '\n' '|')"; fi
}
run perf-report --period 2026-11 -o tsv
expect_status 0 "perf-report exit 0"
head -1 "$T/out" | cut -f1,4,5 >"$T/h"
expect_file "$T/h" "rep	quota	quota_period" "the columns compared"
compare "a month" 2026-11 2026-11-01 2026-11-30 2026-11
compare "month to date" mtd 2026-12-01 2026-12-04 2026-12-01..2026-12-04
compare "a quarter" 2026-Q4 2026-10-01 2026-12-31 2026-Q4
compare "a fiscal year" FY2027 2026-04-01 2027-03-31 FY2027
compare "a range" 2026-11-15..2026-12-31 2026-11-15 2026-12-31 2026-11-15..2026-12-31

# The worked figures, by hand as well.
run perf-report --period 2026-11 -o tsv --no-header
cut -f1,4,5 "$T/out" | sort >"$T/got"
expect_file "$T/got" "anna	30000.00	FY2027-Q3 30/92 days
bob	25000.00	2026-11
carl	30000.00	2026-11
dana	30000.00	6 rows in 2026-11, 2 prorated" \
    "November: the quarter's 30 days of 92, the month's own row, a week's day at each end"
# Month to date: 4,500.00 won against 4 days of the quarter is on track.
run perf-report --period mtd -o tsv --no-header --rep anna
cut -f4,6,9,10,11 "$T/out" >"$T/got"
expect_file "$T/got" "4000.00	4500.00	112.5	4000.00	on-track" \
    "month to date: 92,000.00 x 4 / 92, on track"
run perf-report --period 2026-Q4 -o tsv --no-header --rep carl
cut -f4,5 "$T/out" >"$T/got"
expect_file "$T/got" "99000.00	2026-Q4" "the quarter replaces its months inside the period"

# comp-calc: November pay against quarterly quotas.
run comp-calc --period 2026-11 -o tsv --no-header
expect_status 0 "comp-calc November: exit 0"
cut -f2,6 "$T/out" | sort >"$T/got"
for r in anna bob carl dana; do
	printf '%s\t%s\n' $r "$(quota_of $r 2026-11-01 2026-11-30 2026-11 | cut -f1)"
done | sort >"$T/want"
if cmp -s "$T/got" "$T/want"; then ok "comp-calc: every rep's quota equals the awk computation"
else not_ok "comp-calc: differs from awk" "$(diff "$T/got" "$T/want" | tr '\n' '|')"; fi
grep '^2026-11	anna' "$T/out" | cut -f6-10 >"$T/got"
expect_file "$T/got" "30000.00	25000.00	83.3	0	1250.00" \
    "anna: 25,000.00 of a prorated 30,000.00 passes the threshold"
run comp-calc --period 2026-11 --statement --rep anna -o tsv --no-header
grep -c "FY2027-Q3 30/92 days" "$T/out" >"$T/got"
expect_file "$T/got" 1 "the statement names the prorated row"
snapshot
run comp-calc --period 2026-11 --lock -n
expect_status 0 "--lock -n: exit 0"
expect_err_has "comp-calc: rep 'anna': the quota for 2026-11 is prorated (FY2027-Q3 30/92 days)" \
    "--lock says what it prorated"
expect_err_has "comp-calc: rep 'dana': the quota for 2026-11 is prorated (6 rows in 2026-11, 2 prorated)" \
    "--lock names the prorated weeks"
expect_unchanged "--lock -n writes nothing"
run comp-calc --period 2026-11 --lock -n --rep bob
expect_err_empty "bob's own month row is not prorated"

# Fiscal quarters: with the year from April, the default period (this
# quarter) is FY2027-Q3; a row for 2026-Q4 has its days and is named as
# the report names them, so the title and the rows say the same.
run perf-report -o tsv --no-header
expect_status 0 "default period: exit 0"
cut -f1,4,5 "$T/out" | sort >"$T/got"
expect_file "$T/got" "anna	92000.00	FY2027-Q3
bob	92000.00	FY2027-Q3
carl	99000.00	FY2027-Q3
dana	42000.00	6 rows in FY2027-Q3" "default period: the fiscal quarter, rows named as the report"
run perf-report --period fy2027-q3 -o html
expect_status 0 "lowercase fiscal quarter: exit 0"
grep -c '<h1>Performance FY2027-Q3' "$T/out" >"$T/got"
expect_file "$T/got" 1 "the title names the fiscal quarter"
run perf-report --period 2026-Q4 -o tsv --no-header --rep anna
cut -f5 "$T/out" >"$T/got"
expect_file "$T/got" "2026-Q4" "asked for 2026-Q4: the fiscal row is named 2026-Q4"
run perf-report --period fytd -o tsv --no-header --rep anna
cut -f4,5 "$T/out" >"$T/got"
expect_file "$T/got" "$(quota_of anna 2026-04-01 2026-12-04 2026-04-01..2026-12-04)" \
    "fytd runs from April: the quarter's 65 days of 92, as awk has it"

# A team without its own quota: the sum of its reps', each prorated to
# the period, so its pace is measured on the period whatever quota periods
# its reps have: expected is the sum of the reps' expected.
run perf-report --period 2026-11 --by team --today 2026-11-10 -o tsv --no-header
expect_status 0 "by team, mid-month: exit 0"
cut -f3,4,9 "$T/out" >"$T/got"
run perf-report --period 2026-11 --today 2026-11-10 -o tsv --no-header
awk -F'\t' '{ q += c($4); e += c($10) } function c(s) { sub(/\./, "", s); return s + 0 }
    END { printf "%d.%02d\tsum of reps\t%d.%02d\n", q / 100, q % 100, e / 100, e % 100 }' \
    "$T/out" >"$T/want"
expect_file "$T/got" "$(cat "$T/want")" \
    "by team: quota and expected are the sums of the reps' (115,000.00 and 38,333.33)"

# New hires: quota-split --by equal weighs each rep by the days employed
# in the period, each day at the ramp's percent for the months since hire.
split=$top/tests/oracle/split.awk
team-add -q south --name South
rep-add -q eve --name eve --team south --hired 2025-01-05
rep-add -q fay --name fay --team south --hired 2026-10-01
rep-add -q gil --name gil --team south --hired 2026-11-20
# split_check WHAT RAMP ARGS...: quota-split -nq 2026-Q4 of 100,000.00
# against split.awk
split_check() {
	what=$1 r=$2
	shift 2
	run quota-split -nq 2026-Q4 --team south 100000 -o tsv --no-header "$@"
	expect_status 0 "$what: exit 0"
	cut -f2,5 "$T/out" >"$T/got"
	awk -v team=south -v from=2026-10-01 -v to=2026-12-31 -v cents=10000000 -v ramp=$r \
	    -f "$days" -f "$split" "$D/reps.tsv" >"$T/want"
	if cmp -s "$T/got" "$T/want"; then ok "$what: the shares equal awk's"
	else not_ok "$what: differs from awk" "$(diff "$T/got" "$T/want" | tr '\n' '|')"; fi
}
split_check "by days employed" ""
run quota-split -nq 2026-Q4 --team south 100000 -o tsv --no-header
cut -f2,5 "$T/out" >"$T/got"
expect_file "$T/got" "eve	40707.97
fay	40707.96
gil	18584.07" "by days employed: 92, 92 and 42 days of 92 (gil from 2026-11-20)"
split_check "--ramp" 0,25,50,75 --ramp 0,25,50,75
run quota-split -nq 2026-Q4 --team south 100000 -o tsv --no-header --ramp 0,50
cut -f2,5 "$T/out" >"$T/got"
expect_file "$T/got" "eve	63888.89
fay	31944.44
gil	4166.67" "--ramp 0,50: 9,200 : 4,600 : 600 (fay nothing in October, half in November; gil half from 2026-12-20)"
# setkey KEY VALUE: config.tsv with that setting, rows sorted by key
setkey() {
	{ head -1 "$D/config.tsv"; { tail -n +2 "$D/config.tsv" | grep -v "^$1	";
	    printf '%s\t%s\n' "$1" "$2"; } | LC_ALL=C sort; } >"$T/cfg" &&
	    cat "$T/cfg" >"$D/config.tsv"
}
setkey ramp 0,25,50,75
split_check "ramp from config.tsv" 0,25,50,75
run quota-split -nq 2026-Q4 --team south 100000 -o tsv --no-header --ramp 100
cut -f2,5 "$T/out" >"$T/got"
expect_file "$T/got" "eve	40707.97
fay	40707.96
gil	18584.07" "--ramp overrides config.tsv's"
snapshot
run quota-split 2026-Q4 --team south 100000 --ramp 0,25,x
expect_fail 2 "quota-split: invalid --ramp '0,25,x': want percents 0-100 by month since hire, such as 0,25,50,75" \
    "a ramp that does not parse: exit 2"
expect_unchanged "a ramp that does not parse: nothing written"
run quota-split 2026-Q4 --team south 100000 --ramp 0,101
expect_fail 2 "invalid --ramp '0,101'" "a ramp past 100%: exit 2"
run quota-split 2026-Q4 --team south 100000 --by history --ramp 0,50
expect_fail 2 "quota-split: --ramp is for --by equal, not --by history" "--ramp with --by history"
setkey ramp 0,,50
snapshot
run quota-split 2026-Q4 --team south 100000
expect_fail 1 "quota-split: config.tsv: ramp '0,,50' is not percents 0-100 by month since hire, such as 0,25,50,75" \
    "a bad ramp in config.tsv: exit 1"
expect_unchanged "a bad ramp: nothing written"
run sales-check
expect_fail 1 "config.tsv:" "sales-check reports the bad ramp"
expect_err_has "ramp '0,,50' is not percents 0-100 by month since hire" "sales-check: the ramp message"
setkey ramp 0,25,50,75
team-add -q west --name West
rep-add -q hal --name hal --team west --hired 2026-11-20
snapshot
run quota-split 2026-11 --team west 100
expect_fail 1 "quota-split: no active rep of team 'west' carries a share of 2026-11 (hired after it, or in the ramp's first months); nothing was changed" \
    "nobody with a share (hal in the ramp's first month): exit 1"
expect_unchanged "nobody with a share: nothing written"

# In a pipe.
perf-report --period 2026-11 -o tsv | awk -F'\t' 'NR > 1 { s += $4 } END { printf "%.2f\n", s }' \
    >"$T/got"
expect_file "$T/got" "115000.00" "in a pipe: the quotas of November add up"
done_testing
