# coverage, required_coverage and velocity in perf-report and
# deal-forecast: the worked examples of the pages, then sales-gen data with
# planted reps (quota met, nothing won, wins on the day they opened)
# against an independent awk computation (tests/oracle/coverage.awk);
# --columns and --sort on them, bad input, a pipe.
. "$(dirname "$0")/lib.sh"
oracle=$top/tests/oracle/coverage.awk
D=$SALESMGR_DIR

# --- the pages' worked example: anna's quarter
init
team-add -q north --name North
rep-add -q anna --name Anna --team north --hired 2025-01-01
setup quota-set 2026-Q4 anna 20000
H='date\tdeal\tevent\trep\taccount\tproduct\tamount\tstage\texpected\tref\treason\tnote\topened\n'
ev() { printf '%s\t' "$@" | sed 's/\t$//'; echo; }
mkdir -p "$D/deals"
{
	printf "$H"
	ev 2026-10-01 D1 open anna a1 '' 4000.00 lead 2026-12-01 '' '' '' 2026-10-01
	ev 2026-10-21 D1 won anna a1 '' 4000.00 won 2026-12-01 '' '' '' 2026-10-01
	ev 2026-10-02 D2 open anna a2 '' 2000.00 lead 2026-12-01 '' '' '' 2026-10-02
	ev 2026-10-12 D2 won anna a2 '' 2000.00 won 2026-12-01 '' '' '' 2026-10-02
	ev 2026-10-05 D3 open anna a3 '' 900.00 lead 2026-12-01 '' '' '' 2026-10-05
	ev 2026-10-20 D3 lost anna a3 '' 900.00 lost 2026-12-01 '' price '' 2026-10-05
	ev 2026-10-06 D4 open anna a4 '' 9000.00 proposal 2026-12-15 '' '' '' 2026-10-06
	ev 2026-10-07 D5 open anna a5 '' 12000.00 lead 2026-12-20 '' '' '' 2026-10-07
	ev 2026-10-08 D6 open anna a6 '' 7000.00 negotiation 2026-12-05 '' '' '' 2026-10-08
} >"$D/deals/2026-10.tsv"
pick() { awk -F'\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    { print $1, $(c["coverage"]), $(c["required_coverage"]), $(c["velocity"]) }' "$T/out"; }
run perf-report --period 2026-Q4
expect_status 0 "perf-report: exit 0"
pick >"$T/got"
expect_file "$T/got" "rep	coverage	required_coverage	velocity
anna	2.0	1.5	400.00" \
    "perf-report: coverage 28,000 / (20,000 - 6,000); 3 closed / 2 won; 3 open x 2/3 x 3,000 / 15 days"
run deal-forecast --period 2026-Q4
expect_status 0 "deal-forecast: exit 0"
pick >"$T/got"
expect_file "$T/got" "rep	coverage	required_coverage	velocity
anna	2.0	1.5	400.00" "deal-forecast: the same, every open deal expected in the quarter"
run deal-forecast --period 2026-Q4 -o json --columns rep,coverage,required_coverage,velocity
expect_out '{"rep":"anna","coverage":2.0,"required_coverage":1.5,"velocity":400.00}' \
    "json: the three as numbers"
setup quota-set 2026-Q4 anna 6000
run deal-forecast --period 2026-Q4 -o json --columns rep,coverage
expect_out '{"rep":"anna","coverage":null}' "quota met: nothing left to cover, coverage not set"
run perf-report --period 2026-09 -o json --columns rep,coverage,required_coverage,velocity
expect_out '{"rep":"anna","coverage":null,"required_coverage":null,"velocity":null}' \
    "a month with no quota and nothing closed: none of the three"

# --- bad input and a pipe
bad 2 "perf-report: invalid --sort 'speed': not a column of this report" "--sort speed" \
    perf-report --sort speed
run perf-report --sort velocity --columns rep,velocity
expect_status 0 "--sort velocity"
run sh -c "deal-forecast --period 2026-Q4 --no-header --columns rep,coverage,velocity | awk -F'\t' '\$3 > 300 { print \$1 }'"
expect_out "anna" "deal-forecast | awk: the reps whose pipeline makes over 300 a day"

# --- sales-gen data with planted reps, against the oracle
G=$T/gen
sales-gen -q --seed 4 --reps 12 --deals 1200 --months 14 "$G" || not_ok "sales-gen"
export SALESMGR_DIR=$G
setup rep-add zoe --name Zoe --team t01 --hired 2026-01-01
setup rep-add yan --name Yan --team t02 --hired 2026-01-01
for m in 10 11 12; do
	setup quota-set 2026-$m zoe 50000
	setup quota-set 2026-$m yan 1000
done
for i in 1 2 3; do
	# zoe: only losses; yan: wins on the day they open, so no cycle to divide by
	setup deal-add --rep zoe --account planted$i --amount 1000 --stage lead --date 2026-10-1$i \
	    --expected 2026-12-1$i --new-accounts
	setup deal-add --rep yan --account planted$i --amount 700 --stage won --date 2026-10-1$i \
	    --closed 2026-10-1$i --new-accounts
done
setup deal-add --rep yan --account planted1 --amount 700 --stage lead --date 2026-10-20 \
    --expected 2026-12-20
for n in $(awk -F'\t' '$3 == "open" && $4 == "zoe" { print $2 }' "$G"/deals/2026-10.tsv | head -2); do
	setup deal-lost "$n" --reason price --date 2026-11-02
done
against() {	# against PROGRAM PERIOD FROM TO DAY
	if [ "$1" = perf-report ]; then
		awk -v mode=perf -v from="$3" -v to="$4" -v today="$5" -f "$top/tests/oracle/money.awk" \
		    -f "$top/tests/oracle/days.awk" \
		    -f "$oracle" "$G/stages.tsv" "$G/quotas.tsv" "$G"/deals/*.tsv | sort >"$T/all"
		perf-report --period "$2" --today "$5" >"$T/out" 2>/dev/null
	else
		awk -v mode=forecast -v from="$3" -v to="$4" -v asof="$5" -f "$top/tests/oracle/money.awk" \
		    -f "$top/tests/oracle/days.awk" \
		    -f "$oracle" "$G/stages.tsv" "$G/quotas.tsv" "$G"/deals/*.tsv | sort >"$T/all"
		deal-forecast --period "$2" --as-of "$5" >"$T/out" 2>/dev/null
	fi
	pick | tail -n +2 | sort >"$T/got"
	# a rep listed with nothing in the window has none of the three
	awk -F'\t' -v OFS='\t' 'FNR == NR { o[$1] = $0; next }
	    { print ($1 in o) ? o[$1] : $1 OFS OFS OFS }' "$T/all" "$T/got" >"$T/want"
	if [ -s "$T/want" ] && cmp -s "$T/want" "$T/got"; then ok "$1 $2 at $5: as the oracle has it"
	else not_ok "$1 $2 at $5: as the oracle has it" "$(diff "$T/want" "$T/got" | head -6 | tr '\n' '|')"; fi
	cat "$T/got" >>"$T/seen"
}
against perf-report 2026-Q4 2026-10-01 2026-12-31 2026-11-26
against perf-report 2026-Q3 2026-07-01 2026-09-30 2026-11-26
against perf-report 2026-11 2026-11-01 2026-11-30 2026-11-26
against perf-report 2026-Q2 2026-04-01 2026-06-30 2026-05-20
against deal-forecast 2026-Q4 2026-10-01 2026-12-31 2026-11-26
against deal-forecast 2026-Q4 2026-10-01 2026-12-31 2026-10-25
against deal-forecast 2026-Q3 2026-07-01 2026-09-30 2026-08-15
check "the rows hold every case: coverage set and not, nothing won, no cycle" sh -c "
    awk -F'\t' '\$2 != \"\"' '$T/seen' | grep -q . && awk -F'\t' '\$2 == \"\"' '$T/seen' | grep -q . &&
    grep -q '^zoe	[0-9.]*		\$' '$T/seen' && grep -q '^yan	[0-9.]*	1.0	\$' '$T/seen'"
# --columns: the trailing window is replayed only for the two columns
# that rest on it, and every column reads as in the whole table.
deal-forecast --period 2026-Q4 >"$T/full" 2>/dev/null
for c in rep,won,forecast rep,velocity rep,required_coverage,won; do
	awk -F'\t' -v OFS='\t' -v want="$c" 'NR == 1 { n = split(want, w, ","); for (i = 1; i <= NF; i++) c[$i] = i; next }
	    { s = $(c[w[1]]); for (i = 2; i <= n; i++) s = s OFS $(c[w[i]]); print s }' \
	    "$T/full" >"$T/want"
	deal-forecast --period 2026-Q4 --no-header --columns "$c" >"$T/got" 2>/dev/null
	if [ -s "$T/want" ] && cmp -s "$T/want" "$T/got"; then ok "--columns $c: as in the whole table"
	else not_ok "--columns $c: as in the whole table" "$(diff "$T/want" "$T/got" | head -4 | tr '\n' '|')"; fi
done
check "the whole table has required coverages to compare" sh -c "cut -f2 '$T/got' | grep -q '^[0-9]'"

done_testing
