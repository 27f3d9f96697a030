# perf-report's lost_deals and win_rate count deals, not lost events: a
# deal lost twice counts once, a deal lost, reopened and won counts as won
# only, each within its period (or month with --by month); against the
# independent awk computation (tests/oracle/perf.awk).
. "$(dirname "$0")/lib.sh"
oracle=$top/tests/oracle/perf.awk
D=$SALESMGR_DIR

init
team-add -q north --name North
for r in anna bob; do rep-add -q $r --name $r --team north --hired 2025-01-05; done
deal-add -q --rep anna --account acme --amount 100 --date 2026-11-01 >/dev/null	# D1
deal-add -q --rep anna --account acme --amount 200 --date 2026-11-01 >/dev/null	# D2
deal-add -q --rep bob --account acme --amount 300 --date 2026-10-01 >/dev/null	# D3
# D1: lost, reopened, won.  D2: lost, reopened, lost again.
deal-lost -q D1 --date 2026-11-02 && deal-move -q D1 --stage lead --date 2026-11-03 &&
    deal-won -q D1 --date 2026-11-04
deal-lost -q D2 --date 2026-11-02 && deal-move -q D2 --stage lead --date 2026-11-03 &&
    deal-lost -q D2 --date 2026-11-05
# D3: lost in October, reopened and won in November.
deal-lost -q D3 --date 2026-10-20 && deal-move -q D3 --stage lead --date 2026-11-01 &&
    deal-won -q D3 --date 2026-11-10
check "the history was written" test "$(grep -c '	reopen	' "$D/deals/2026-11.tsv")" = 3

run perf-report --period 2026-11 -o tsv --no-header
expect_status 0 "November: exit 0"
cut -f1,12-14 "$T/out" | sort >"$T/got"
expect_file "$T/got" "anna	1	1	50.0
bob	1	0	100.0" \
    "November: anna won one deal and lost one (50.0%, not 25.0% from four events)"
# oracle FROM TO: perf.awk's rep won_deals lost_deals win_rate
oracle() {
	LC_ALL=C awk -v from=$1 -v to=$2 -v today=2026-11-26 -f "$top/tests/oracle/money.awk" -f "$top/tests/oracle/days.awk" -f "$oracle" "$D/stages.tsv" \
	    "$D/quotas.tsv" "$D"/deals/*.tsv | cut -f1,9-11 | sort
}
for p in 2026-11:2026-11-01:2026-11-30 2026-10:2026-10-01:2026-10-31 \
    2026-Q4:2026-10-01:2026-12-31 2026-11-03:2026-11-03:2026-11-03; do
	IFS=: read name from to <<EOP
$p
EOP
	run perf-report --period $name -o tsv --no-header
	# reps with a deal closed (the report lists every active rep)
	cut -f1,12-14 "$T/out" | awk -F'\t' '$2 + $3 > 0' | sort >"$T/got"
	oracle $from $to | awk -F'\t' '$2 + $3 > 0' >"$T/want"
	if cmp -s "$T/got" "$T/want"; then ok "$name: won_deals, lost_deals and win_rate equal awk's"
	else not_ok "$name: differs from awk" "$(diff "$T/got" "$T/want" | tr '\n' '|')"; fi
done
# --today before the period's end: every figure as it stood that day.
# On 2026-11-03 D1 and D2 are reopened (not lost), D3 reopened; nothing won.
run perf-report --period 2026-11 --today 2026-11-03 -o tsv --no-header
cut -f1,6,12,13,17 "$T/out" | sort >"$T/got"
expect_file "$T/got" "anna	0.00	0	0	300.00
bob	0.00	0	0	300.00" \
    "--today 2026-11-03: nothing won or lost yet, the three reopened deals in the pipeline"
for t in 2026-11-02 2026-11-03 2026-11-05; do
	run perf-report --period 2026-11 --today $t -o tsv --no-header
	cut -f1,6,12-14,17 "$T/out" | sort >"$T/got"
	LC_ALL=C awk -v from=2026-11-01 -v to=2026-11-30 -v today=$t -f "$top/tests/oracle/money.awk" -f "$top/tests/oracle/days.awk" -f "$oracle" \
	    "$D/stages.tsv" "$D/quotas.tsv" "$D"/deals/*.tsv | cut -f1,3,9-11,14 | sort >"$T/want"
	if cmp -s "$T/got" "$T/want"; then ok "--today $t: won, deals and pipeline equal awk's"
	else not_ok "--today $t: differs from awk" "$(diff "$T/got" "$T/want" | tr '\n' '|')"; fi
done
# By month: D3 is lost in October and won in November, each in its month.
run perf-report --period 2026-Q4 --by month --rep bob -o tsv --no-header
cut -f1,2,13-15 "$T/out" >"$T/got"
expect_file "$T/got" "2026-10	bob	0	1	0.0
2026-11	bob	1	0	100.0
2026-12	bob	0	0	" "by month: the October loss stays in October"
# By team: the team's row counts each deal once, as its reps' rows do
# (D1 and D2 lost, reopened in the month: only D2's last loss is left).
for p in 2026-11 2026-Q4; do
	run perf-report --period $p --by team -o tsv --columns team,lost_deals --no-header
	expect_status 0 "--by team $p: exit 0"
	perf-report --period $p -o tsv --columns rep,lost_deals --no-header |
	    awk -F'\t' '{ n += $2 } END { print "north\t" n }' >"$T/want"
	expect_file "$T/out" "$(cat "$T/want")" "--by team $p: lost_deals is the sum of its reps'"
done
check "--by team 2026-Q4: one deal lost (D2)" grep -qx "north	1" "$T/out"
# In a pipe.
perf-report --period 2026-Q4 -o tsv | awk -F'\t' 'NR > 1 { n += $13 } END { print n }' >"$T/got"
expect_file "$T/got" 1 "in a pipe: one deal lost in the quarter"
done_testing
