# forecast-call and deal-forecast --calls: calls week by week, a team's
# manager's call overriding its reps', the gap to the forecast; against an
# independent awk computation (tests/oracle/calls.awk) on sales-gen data
# with planted calls; bad input; pipes.
. "$(dirname "$0")/lib.sh"
oracle=$top/tests/oracle/calls.awk
money=$top/tests/oracle/money.awk
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
expect_file "$D/calls.tsv" "period	rep	team	category	date	call	note
2026-Q4		south	commit	2026-11-20	30000.00	
2026-Q4	anna		best	2026-11-16	60000.00	
2026-Q4	anna		commit	2026-11-02	50000.00	
2026-Q4	anna		commit	2026-11-16	45000.00	
2026-Q4	bob		commit	2026-11-10	20000.00	
2026-Q4	cid		commit	2026-11-09	10000.00	" "calls.tsv: every call kept, by key, canonical"
check "sales-check accepts calls.tsv" sales-check -q
printf '2026-Q4\tanna\t\tmaybe\t2026-11-03\t1.00\t\n' >>"$D/calls.tsv"
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
setup rep-edit bob --team south --date 2026-11-12
run deal-forecast --period 2026-Q4 --calls --by team
cut_calls >"$T/got"
expect_file "$T/got" "team	forecast	call	call_date	call_from	call_gap
north	42000.00	65000.00	2026-11-16	reps	23000.00
south	0.00	30000.00	2026-11-20	team	30000.00" \
    "--calls by team: bob's call of 11-10 stays north's, the team he was on that day"

# --- --accuracy --calls: each call in force N days before the end, scored
acc() { awk -F'\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    { print $(c["at"]), $4, $(c["won"]), $(c["error"]), $(c["reps_call"]), $(c["reps_call_error"]),
      $(c["manager_call"]), $(c["manager_call_error"]) }' "$T/out"; }
run deal-forecast --accuracy --calls --period 2026-Q4 --at 60,20 --today 2027-01-15
expect_status 0 "--accuracy --calls: exit 0"
acc >"$T/got"
expect_file "$T/got" "at	rep	won	error	reps_call	reps_call_error	manager_call	manager_call_error
60	anna	42000.00	0.0				
20	anna	42000.00	0.0	45000.00	7.1		
20	bob	0.00		20000.00			
20	cid	0.00		10000.00			" \
    "--accuracy --calls by rep: the call in force 60 and 20 days before the end, its error"
run deal-forecast --accuracy --calls --period 2026-Q4 --at 60,20,5 --by team --today 2027-01-15
acc >"$T/got"
expect_file "$T/got" "at	team	won	error	reps_call	reps_call_error	manager_call	manager_call_error
60	north	42000.00	0.0				
20	north	42000.00	0.0	65000.00	54.8		
20	south	0.00		10000.00		30000.00	
5	north	42000.00	0.0	65000.00	54.8		
5	south	0.00		10000.00		30000.00	" \
    "--accuracy --calls by team: the reps' calls summed by the team of their day, the manager's"
run deal-forecast --accuracy --period 2026-Q4 --at 20 --today 2027-01-15
check "--accuracy without --calls: no call column" sh -c "! head -n 1 '$T/out' | grep -q call"

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

# --- --note: why, kept with the call and shown beside it
run forecast-call 2027-Q1 cid 12000 --date 2026-11-21 --note "two deals at legal	(acme, beta)"
expect_status 0 "--note: exit 0"
check "--note: kept in calls.tsv, the tab escaped" grep -qF "2027-Q1	cid		commit	2026-11-21	12000.00	two deals at legal\t(acme, beta)" "$D/calls.tsv"
run deal-forecast --period 2027-Q1 --calls --columns rep,call,call_from,call_note
expect_out "rep	call	call_from	call_note
anna			
bob			
cid	12000.00	rep	two deals at legal\t(acme, beta)" "deal-forecast --calls: the call's note"
run forecast-call 2027-Q1 cid 12000 --date 2026-11-21 --note "one deal at legal" -n
expect_out "would set call 2027-Q1 rep cid commit on 2026-11-21 note 'one deal at legal'" \
    "-n: a new note on the same call is a change"
snapshot
run forecast-call 2027-Q1 cid 12000 --date 2026-11-21
expect_unchanged "the same call without --note: its note kept"
printf 'period\tteam\tdate\tcall\tnote\n2027-Q1\tsouth\t2026-11-22\t15000\tcid plus a renewal\n' >"$T/in"
run_in "$T/in" forecast-call --from -
expect_status 0 "--from with a note column: exit 0"
run deal-forecast --period 2027-Q1 --calls --by team --no-header --columns team,call,call_note
expect_out "north		
south	15000.00	cid plus a renewal" "--from: the team call's note"

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
# --manager: the call of the team the rep leads on the day of the call
setup rep-add -q lena --name Lena --team south --hired 2025-01-01
setup team-edit -q south --manager lena --date 2026-11-01
run forecast-call 2026-Q4 --manager lena 31000 --date 2026-11-21 --note "from the lead"
expect_status 0 "--manager: exit 0"
check "--manager: recorded as south's call of that day" \
    grep -qx "2026-Q4		south	commit	2026-11-21	31000.00	from the lead" "$D/calls.tsv"
bad 1 "forecast-call: rep 'lena' leads no team on 2026-10-15 (team-edit TEAM --manager sets one)
forecast-call: nothing was changed" "--manager before the rep led the team" \
    forecast-call 2026-Q4 --manager lena 1 --date 2026-10-15
bad 1 "forecast-call: rep 'anna' leads no team on 2026-11-26 (team-edit TEAM --manager sets one)
forecast-call: nothing was changed" "--manager of a rep who leads no team" \
    forecast-call 2026-Q4 --manager anna 1
bad 1 "forecast-call: unknown rep 'lna' (did you mean 'lena'?)
forecast-call: nothing was changed" "--manager: an unknown rep" forecast-call 2026-Q4 --manager lna 1
setup team-edit -q north --manager lena --date 2026-11-24
bad 1 "forecast-call: rep 'lena' leads more than one team on 2026-11-26 (north, south): give --team
forecast-call: nothing was changed" "--manager of two teams" forecast-call 2026-Q4 --manager lena 1
bad 1 "forecast-call: both manager 'lena' and team 'south' given (a call is a rep's or a team's)
forecast-call: nothing was changed" "--manager and --team" forecast-call 2026-Q4 --manager lena 1 --team south
setup forecast-call -q 2026-Q4 --team south 30000 --date 2026-11-21
printf 'period\trep\tteam\tcall\n2026-Q4\tanna\tnorth\t1\n2026-Q4\t\t\t2\n' >"$T/in"
snapshot
run_in "$T/in" forecast-call --from -
expect_status 1 "--from: both and neither: exit 1"
expect_err "forecast-call: stdin:2: both rep 'anna' and team 'north' given (a call is a rep's or a team's)
forecast-call: stdin:3: no rep or team given
forecast-call: nothing was changed" "--from: every bad row named"
expect_unchanged "--from: nothing written"
bad 2 "deal-forecast: period '2026-Q4' has not ended: --accuracy looks at past periods" \
    "--accuracy --calls on a period not over" deal-forecast --calls --accuracy --period 2026-Q4
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

# --- a calls.tsv from before notes: still valid, and a note adds the column
O=$T/old
sales-init -q "$O" || not_ok "sales-init"
SALESMGR_DIR=$O team-add -q north --name North || not_ok "team-add"
SALESMGR_DIR=$O rep-add -q anna --name Anna --team north --hired 2025-01-01 || not_ok "rep-add"
printf 'period\trep\tteam\tcategory\tdate\tcall\n2026-Q4\tanna\t\tcommit\t2026-11-02\t5000.00\n' >"$O/calls.tsv"
check "an old calls.tsv: sales-check accepts it" env SALESMGR_DIR="$O" sales-check -q
SALESMGR_DIR=$O forecast-call -q 2026-Q4 anna 6000 --date 2026-11-09 || not_ok "an old calls.tsv: a call"
expect_file "$O/calls.tsv" "period	rep	team	category	date	call
2026-Q4	anna		commit	2026-11-02	5000.00
2026-Q4	anna		commit	2026-11-09	6000.00" "an old calls.tsv: a call without a note leaves its columns as they were"
SALESMGR_DIR=$O forecast-call -q 2026-Q4 anna 7000 --date 2026-11-16 --note "acme signs" ||
    not_ok "an old calls.tsv: a call with a note"
expect_file "$O/calls.tsv" "period	rep	team	category	date	call	note
2026-Q4	anna		commit	2026-11-02	5000.00	
2026-Q4	anna		commit	2026-11-09	6000.00	
2026-Q4	anna		commit	2026-11-16	7000.00	acme signs" "an old calls.tsv: a note adds the column"
check "an old calls.tsv with its note: sales-check accepts it" env SALESMGR_DIR="$O" sales-check -q

# --- sales-gen data with planted calls, against the oracle
G=$T/gen
sales-gen -q --seed 9 --reps 16 --deals 1500 --months 6 "$G" || not_ok "sales-gen"
# Reps who change teams while calling: their calls count where they were.
SALESMGR_DIR=$G rep-edit -q r0003 --team t02 --date 2026-11-10 || not_ok "a planted move"
SALESMGR_DIR=$G rep-edit -q r0012 --team t01 --date 2026-11-05 || not_ok "a planted move"
SALESMGR_DIR=$G rep-edit -q r0005 --team t02 --date 2026-11-14 || not_ok "a planted move"
SALESMGR_DIR=$G rep-list | awk -F'\t' -v OFS='\t' '
    NR == 1 { print "period", "rep", "category", "date", "call"; next }
    { n = substr($1, 2) + 0
      for (w = 0; w < 7; w++) if ((n + w) % 3) {
          print "2026-Q4", $1, "commit", sprintf("2026-11-%02d", 2 + 3 * w), 20000 * (n + w)
          print "2026-Q4", $1, "best", sprintf("2026-11-%02d", 2 + 3 * w), 2000 * (n + w) } }' |
    SALESMGR_DIR=$G forecast-call -q --from - || not_ok "the planted rep calls"
SALESMGR_DIR=$G team-list | awk -F'\t' -v OFS='\t' '
    NR == 1 { print "period", "team", "date", "call"; next }
    NR % 2 { print "2026-Q4", $1, "2026-11-15", 2000000 }' |
    SALESMGR_DIR=$G forecast-call -q --from - || not_ok "the planted team calls"
against() {	# against BY AS_OF
	awk -v period=2026-Q4 -v asof="$2" -v by="$1" -f "$money" -f "$oracle" "$G/reps.tsv" \
	    "$G/org.tsv" "$G/calls.tsv" |
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
# --accuracy --calls on the same data, the quarter over: each call in
# force 55, 40, 10 and 1 days before the end, scored against what was
# won (won by tests/oracle/org.awk, from the ledger)
accuracy_against() {	# accuracy_against BY AT
	asof=$(awk -v at="$2" 'BEGIN { print (at == 55 ? "2026-11-06" : at == 40 ? "2026-11-21" : at == 10 ? "2026-12-21" : "2026-12-30") }')
	awk -v mode=perf -v by="$1" -v from=2026-10-01 -v to=2026-12-31 -f "$money" \
	    -f "$top/tests/oracle/org.awk" \
	    "$G/stages.tsv" "$G/reps.tsv" "$G/teams.tsv" "$G/org.tsv" "$G"/deals/*.tsv |
	    cut -f1,2 >"$T/won"
	awk -v mode=accuracy -v period=2026-Q4 -v asof="$asof" -v by="$1" -f "$money" -f "$oracle" \
	    "$G/reps.tsv" "$G/org.tsv" "$G/calls.tsv" "$T/won" | sort >"$T/want"
	awk -F'\t' -v OFS='\t' -v at="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    $2 == at && ($(c["reps_call"]) != "" || $(c["manager_call"]) != "") {
	    print $4, $(c["reps_call"]), $(c["reps_call_error"]), $(c["manager_call"]),
	    $(c["manager_call_error"]) }' "$T/acc" | sort >"$T/got"
	if [ -s "$T/want" ] && cmp -s "$T/want" "$T/got"; then ok "--accuracy --calls --by $1 at $2: as the oracle has it"
	else not_ok "--accuracy --calls --by $1 at $2: as the oracle has it" "$(diff "$T/want" "$T/got" | head -6 | tr '\n' '|')"; fi
}
for by in rep team; do
	SALESMGR_DIR=$G deal-forecast --accuracy --calls --period 2026-Q4 --at 55,40,10,1 --by $by \
	    --today 2027-01-10 >"$T/acc" || not_ok "--accuracy --calls --by $by on sales-gen data"
	for at in 55 40 10 1; do accuracy_against $by $at; done
	tail -n +2 "$T/acc" | cut -f9,11 >>"$T/errors"
done
check "the scored calls hold errors of both signs, a manager's call's among them" sh -c \
    "cut -f1 '$T/errors' | grep -q '^-' && cut -f1 '$T/errors' | grep -q '^[0-9]' && cut -f2 '$T/errors' | grep -q '[0-9]'"
awk -v period=2026-Q4 -v asof=2026-11-26 -v by=team -f "$money" -f "$oracle" "$G/reps.tsv" \
    "$G/org.tsv" \
    "$G/calls.tsv" >"$T/want"
check "the team rows hold both overrides and sums" sh -c \
    "grep -q '	team$' '$T/want' && grep -q '	reps$' '$T/want'"

done_testing
