# reasons.tsv and deal-reasons: deal-lost and deal-cancel take only the
# listed reasons (with did-you-mean), free text without the list; the
# lost deals per reason, rep and team against an independent awk
# computation (tests/oracle/reasons.awk); bad input; pipes.
. "$(dirname "$0")/lib.sh"
oracle=$top/tests/oracle/reasons.awk
D=$SALESMGR_DIR

init
team-add -q north --name North
team-add -q south --name South
rep-add -q anna --name Anna --team north --hired 2025-01-01
rep-add -q bob --name Bob --team south --hired 2025-01-01
for i in 1 2 3 4 5 6; do
	r=anna; [ $i -gt 3 ] && r=bob
	setup deal-add --rep $r --account acct$i --amount ${i}00 --stage lead --date 2026-10-0$i \
	    --new-accounts
done
setup deal-add --rep anna --account acct1 --amount 900 --stage won --date 2026-10-01 \
    --closed 2026-10-15

# Without reasons.tsv, any text goes, as before.
setup deal-lost D1 --reason "went quiet" --date 2026-11-02
check "no list: free text is kept" grep -q "	lost	.*	went quiet	" "$D/deals/2026-11.tsv"

printf 'reason\tlabel\nbudget\tNo budget\ncompetitor\tWent to a competitor\nprice\tToo expensive\ntiming\tNot now\n' \
    >"$D/reasons.tsv"
bad 1 "deal-lost: unknown reason 'budgte' (did you mean 'budget'?)
deal-lost: nothing was changed" "a typo in the reason" deal-lost D2 --reason budgte
bad 1 "deal-lost: unknown reason 'Too expensive' (did you mean 'price'?)
deal-lost: nothing was changed" "a label for the reason" deal-lost D2 --reason "Too expensive"
bad 1 "deal-lost: unknown reason 'weather' (see reasons.tsv)
deal-lost: nothing was changed" "a reason not on the list" deal-lost D2 --reason weather
bad 1 "deal-cancel: unknown reason 'refnd' (see reasons.tsv)
deal-cancel: nothing was changed" "deal-cancel: a reason not on the list" \
    deal-cancel D7 --reason refnd
printf 'deal\treason\nD2\tprice\nD3\tpirce\nD4\tbudget\n' >"$T/in"
snapshot
run_in "$T/in" deal-lost --from -
expect_status 1 "--from: one bad reason, exit 1"
expect_err "deal-lost: stdin:3: unknown reason 'pirce' (did you mean 'price'?)
deal-lost: nothing was changed" "--from: the bad row named, with the fix"
expect_unchanged "--from: one bad reason, nothing written"
printf 'deal\treason\nD2\tprice\nD3\tprice\nD4\tbudget\n' >"$T/in"
run_in "$T/in" deal-lost --from - --date 2026-11-10
expect_status 0 "--from: listed reasons: exit 0"
setup deal-lost D5 --reason competitor --date 2026-11-12
setup deal-lost D6 --date 2026-11-12
printf 'reason\tlabel\nBad One\tx\n' >"$T/badlist"
cp "$D/reasons.tsv" "$T/goodlist"
cp "$T/badlist" "$D/reasons.tsv"
bad 1 "deal-lost: reasons.tsv:2: reason 'Bad One' must start with a-z or 0-9
deal-lost: reasons.tsv: fix the list first" "a list that is not ids checks nothing" \
    deal-lost D1 --reason price
cp "$T/goodlist" "$D/reasons.tsv"

run deal-reasons --period 2026-Q4
expect_status 0 "deal-reasons: exit 0"
expect_out "reason	label	lost	lost_amount	share
price	Too expensive	2	500.00	33.3
		1	600.00	16.7
budget	No budget	1	400.00	16.7
competitor	Went to a competitor	1	500.00	16.7
went quiet		1	100.00	16.7" \
    "--by reason: most lost first, the labels, lost without a reason and from before the list"
run deal-reasons --period 2026-Q4 --by team -o table
expect_out "team   reason      label                 lost  lost_amount  share
north  price       Too expensive            2       500.00   66.7
north  went quiet                           1       100.00   33.3
south                                       1       600.00   33.3
south  budget      No budget                1       400.00   33.3
south  competitor  Went to a competitor     1       500.00   33.3" \
    "--by team -o table: each team's reasons, share of the team's lost"
run deal-reasons --period 2026-Q4 --by rep --rep bob --no-header
expect_out "bob	south			1	600.00	33.3
bob	south	budget	No budget	1	400.00	33.3
bob	south	competitor	Went to a competitor	1	500.00	33.3" "--by rep --rep: one rep's reasons, share of the rep's lost"
run deal-reasons --period 2026-10
expect_out "reason	label	lost	lost_amount	share" "a period with nothing lost: the header only"

# --- bad input
bad 2 "deal-reasons: invalid --by 'month': want reason, rep or team" "--by month" \
    deal-reasons --by month
bad 1 "deal-reasons: unknown rep 'bbo' (did you mean 'bob'?)" "--rep with a typo" \
    deal-reasons --rep bbo
run deal-reasons --period 2026-13
expect_fail 2 "2026-13" "a bad period: exit 2"

# --- pipes: the stale deals closed with a listed reason, then counted
setup deal-add --rep anna --account acct1 --amount 50 --stage lead --date 2026-09-01
setup deal-add --rep anna --account acct2 --amount 70 --stage lead --date 2026-09-02
run sh -c 'deal-age --idle 60 | deal-lost --from - --reason timing'
expect_status 0 "deal-age --idle 60 | deal-lost --from - --reason timing"
run sh -c 'deal-reasons --period 2026-11-26 | awk -F"\t" "\$1 == \"timing\" { print \$3, \$4 }"'
expect_out "2 120.00" "the two stale deals are lost for timing today"
run sh -c 'deal-age --idle 60 | deal-lost --from - --reason tiiming'
expect_status 0 "a quiet night: nothing idle now, even a bad reason has no row to refuse"

# --- sales-gen data, against the oracle
G=$T/gen
sales-gen -q --seed 5 --deals 3000 --months 12 "$G" || not_ok "sales-gen"
against() {	# against BY FROM TO PERIOD
	awk -v from="$2" -v to="$3" -v by="$1" -f "$top/tests/oracle/money.awk" -f "$oracle" "$G/reps.tsv" "$G"/deals/*.tsv |
	    sort >"$T/want"
	SALESMGR_DIR=$G deal-reasons --by "$1" --period "$4" --no-header |
	    awk -F'\t' -v OFS='\t' '{ $0 = $0; for (i = 1; i <= NF; i++) if (i != NF - 3) printf "%s%s", $i, (i < NF ? OFS : "\n") }' |
	    sort >"$T/got"
	if [ -s "$T/want" ] && cmp -s "$T/want" "$T/got"; then ok "--by $1, $4: as the oracle has it"
	else not_ok "--by $1, $4: as the oracle has it" "$(diff "$T/want" "$T/got" | head -6 | tr '\n' '|')"; fi
}
for by in reason rep team; do
	against $by 2026-07-01 2026-09-30 2026-Q3
	against $by 2025-12-01 2026-11-26 2025-12-01..2026-11-26
done

done_testing
