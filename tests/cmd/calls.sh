# forecast-call and deal-forecast --calls: calls week by week, a team's
# manager's call overriding its reps', the gap to the forecast; against an
# independent awk computation (tests/oracle/calls.awk) on sales-gen data
# with planted calls; bad input; pipes.
. "$(dirname "$0")/lib.sh"
oracle=$top/tests/oracle/calls.awk
D=$SALESMGR_DIR

init
team-add -q north --name North
team-add -q south --name South
rep-add -q anna --name Anna --team north --hired 2025-01-01
rep-add -q bob --name Bob --team north --hired 2025-01-01
rep-add -q cid --name Cid --team south --hired 2025-01-01
setup deal-add --rep anna --account acme --amount 42000 --stage won --date 2026-10-05 \
    --closed 2026-10-20 --new-accounts

run forecast-call 2026-Q4 anna 50000 --date 2026-11-02
expect_status 0 "a rep's call: exit 0"
expect_out_empty "a rep's call: nothing on stdout"
setup forecast-call this-quarter anna 45000 --date 2026-11-16
setup forecast-call 2026-Q4 anna 60000 --category best --date 2026-11-16
setup forecast-call 2026-Q4 bob 20000 --date 2026-11-10
setup forecast-call 2026-Q4 cid 10000 --date 2026-11-09
setup forecast-call 2026-Q4 --team south 30000 --date 2026-11-20
expect_file "$D/calls.tsv" "period	rep	team	category	date	call
2026-Q4		south	commit	2026-11-20	30000.00
2026-Q4	anna		best	2026-11-16	60000.00
2026-Q4	anna		commit	2026-11-02	50000.00
2026-Q4	anna		commit	2026-11-16	45000.00
2026-Q4	bob		commit	2026-11-10	20000.00
2026-Q4	cid		commit	2026-11-09	10000.00" "calls.tsv: every call kept, by key, canonical"
check "sales-check accepts calls.tsv" sales-check -q
printf '2026-Q4\tanna\t\tmaybe\t2026-11-03\t1.00\n' >>"$D/calls.tsv"
run sales-check
expect_status 1 "sales-check: a hand-edited call with a bad category"
expect_err_has "calls.tsv" "sales-check names calls.tsv"
sed -i '$d' "$D/calls.tsv"
run sh -c "tail -n 1 '$D/audit.tsv' | cut -f3,4"
expect_out "forecast-call	set call 2026-Q4 team south commit on 2026-11-20 30000.00" \
    "the audit log"

cut_calls() { awk -F'\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    { print $1, $(c["forecast"]), $(c["call"]), $(c["call_date"]), $(c["call_from"]), $(c["call_gap"]) }' "$T/out"; }
run deal-forecast --period 2026-Q4 --calls
expect_status 0 "deal-forecast --calls: exit 0"
cut_calls >"$T/got"
expect_file "$T/got" "rep	forecast	call	call_date	call_from	call_gap
anna	42000.00	45000.00	2026-11-16	rep	3000.00
bob	0.00	20000.00	2026-11-10	rep	20000.00
cid	0.00	10000.00	2026-11-09	rep	10000.00" \
    "--calls by rep: each rep's latest commit call, the gap to the forecast"
run deal-forecast --period 2026-Q4 --calls --by team
cut_calls >"$T/got"
expect_file "$T/got" "team	forecast	call	call_date	call_from	call_gap
north	42000.00	65000.00	2026-11-16	reps	23000.00
south	0.00	30000.00	2026-11-20	team	30000.00" \
    "--calls by team: the reps' calls summed, or the manager's call overriding them"
run deal-forecast --period 2026-Q4 --calls --as-of 2026-11-12
cut_calls >"$T/got"
expect_file "$T/got" "rep	forecast	call	call_date	call_from	call_gap
anna	42000.00	50000.00	2026-11-02	rep	8000.00
bob	0.00	20000.00	2026-11-10	rep	20000.00
cid	0.00	10000.00	2026-11-09	rep	10000.00" "--as-of: the calls made by then"
run deal-forecast --period 2026-Q4
check "without --calls: no call column, as before" sh -c "! head -n 1 '$T/out' | grep -q call"
run deal-forecast --period 2026-Q3 --calls --no-header
check "another period: no call" sh -c "! grep -q 45000 '$T/out'"

# --- the same day again replaces, -n writes nothing
run forecast-call 2026-Q4 bob 25000 --date 2026-11-10 -n
expect_out "would replace call 2026-Q4 rep bob commit on 2026-11-10 25000.00 (was 20000.00)" \
    "-n: what it would replace"
snapshot
run forecast-call 2026-Q4 bob 20000.00 --date 2026-11-10
expect_status 0 "the same call again: exit 0"
expect_unchanged "the same call again: nothing written"

# --- bad input: message, status, nothing written
bad 1 "forecast-call: unknown rep 'ana' (did you mean 'anna'?)
forecast-call: nothing was changed" "an unknown rep" forecast-call 2026-Q4 ana 100
bad 1 "forecast-call: unknown team 'nort' (did you mean 'north'?)
forecast-call: nothing was changed" "an unknown team" forecast-call 2026-Q4 --team nort 100
bad 1 "forecast-call: unknown category 'worst' (want commit or best)
forecast-call: nothing was changed" "a bad category" forecast-call 2026-Q4 anna 1 --category worst
bad 1 "forecast-call: date 2026-11-27 is after today (2026-11-26)
forecast-call: nothing was changed" "a date after today" forecast-call 2026-Q4 anna 1 --date 2026-11-27
bad 1 "forecast-call: date '2026-11-31' is not a date (YYYY-MM-DD)
forecast-call: nothing was changed" "not a date" forecast-call 2026-Q4 anna 1 --date 2026-11-31
bad 1 "forecast-call: amount '1,000' is not an amount
forecast-call: nothing was changed" "a bad amount" forecast-call 2026-Q4 anna 1,000
bad 1 "forecast-call: period '2026-11-26' is a day; a quota period is a week, month, quarter, year or fiscal year
forecast-call: nothing was changed" "a day as the period" forecast-call 2026-11-26 anna 1
printf 'period\trep\tteam\tcall\n2026-Q4\tanna\tnorth\t1\n2026-Q4\t\t\t2\n' >"$T/in"
snapshot
run_in "$T/in" forecast-call --from -
expect_status 1 "--from: both and neither: exit 1"
expect_err "forecast-call: stdin:2: both rep 'anna' and team 'north' given (a call is a rep's or a team's)
forecast-call: stdin:3: no rep or team given
forecast-call: nothing was changed" "--from: every bad row named"
expect_unchanged "--from: nothing written"
bad 2 "deal-forecast: --calls does not go with --accuracy" "--calls --accuracy" \
    deal-forecast --calls --accuracy
snapshot
run forecast-call 2026-Q4 anna 1 5
expect_fail 2 "usage: forecast-call " "an extra operand: the usage, exit 2"
expect_unchanged "an extra operand: nothing written"

# --- pipes: every rep's call at their forecast, then a quiet night
run sh -c "deal-forecast --period 2026-Q4 --no-header | awk -F'\t' -v OFS='\t' 'BEGIN { print \"period\", \"rep\", \"call\", \"date\" } { print \"2026-Q4\", \$1, \$9, \"2026-11-23\" }' | forecast-call --from -"
expect_status 0 "deal-forecast | awk | forecast-call --from -"
run deal-forecast --period 2026-Q4 --calls --rep anna 2>/dev/null
run deal-forecast --period 2026-Q4 --calls
cut_calls >"$T/got"
check "anna's call is now her forecast, gap 0" grep -q "^anna	42000.00	42000.00	2026-11-23	rep	0.00$" "$T/got"
quiet_night "forecast-call --from an empty input" forecast-call --from -

# --- sales-gen data with planted calls, against the oracle
G=$T/gen
sales-gen -q --seed 9 --reps 16 --deals 1500 --months 6 "$G" || not_ok "sales-gen"
SALESMGR_DIR=$G rep-list | awk -F'\t' -v OFS='\t' '
    NR == 1 { print "period", "rep", "category", "date", "call"; next }
    { n = substr($1, 2) + 0
      for (w = 0; w < 7; w++) if ((n + w) % 3) {
          print "2026-Q4", $1, "commit", sprintf("2026-11-%02d", 2 + 3 * w), 1000 * (n + w)
          print "2026-Q4", $1, "best", sprintf("2026-11-%02d", 2 + 3 * w), 2000 * (n + w) } }' |
    SALESMGR_DIR=$G forecast-call -q --from - || not_ok "the planted rep calls"
SALESMGR_DIR=$G team-list | awk -F'\t' -v OFS='\t' '
    NR == 1 { print "period", "team", "date", "call"; next }
    NR % 2 { print "2026-Q4", $1, "2026-11-15", 77777 }' |
    SALESMGR_DIR=$G forecast-call -q --from - || not_ok "the planted team calls"
against() {	# against BY AS_OF
	awk -v period=2026-Q4 -v asof="$2" -v by="$1" -f "$top/tests/oracle/money.awk" -f "$oracle" "$G/reps.tsv" "$G/calls.tsv" |
	    sort >"$T/want"
	SALESMGR_DIR=$G deal-forecast --period 2026-Q4 --by "$1" --as-of "$2" --calls >"$T/out"
	cut_calls | awk -F'\t' -v OFS='\t' 'NR > 1 && $3 != "" { print $1, $3, $4, $5 }' |
	    sort >"$T/got"
	if [ -s "$T/want" ] && cmp -s "$T/want" "$T/got"; then ok "--by $1 --as-of $2: as the oracle has it"
	else not_ok "--by $1 --as-of $2: as the oracle has it" "$(diff "$T/want" "$T/got" | head -6 | tr '\n' '|')"; fi
}
for by in rep team; do
	against $by 2026-11-26
	against $by 2026-11-12
done
awk -v period=2026-Q4 -v asof=2026-11-26 -v by=team -f "$top/tests/oracle/money.awk" -f "$oracle" "$G/reps.tsv" \
    "$G/calls.tsv" >"$T/want"
check "the team rows hold both overrides and sums" sh -c \
    "grep -q '	team$' '$T/want' && grep -q '	reps$' '$T/want'"

done_testing
