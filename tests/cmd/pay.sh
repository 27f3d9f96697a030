# comp-calc for a payroll run: a rep with nothing won, a sum that
# overflows, a clawback under a cap and in a month without a quota,
# same-day wins in booking order, late events of a locked period paid as
# adjustments in the next open one; the numbers against the awk oracle
# (tests/oracle/comp.awk).
. "$(dirname "$0")/lib.sh"
SALESMGR_TODAY=2026-12-03	# October and November are over
oracle=$top/tests/oracle/comp.awk

init
team-add north --name North
for r in anna bob carl dora; do
	rep-add $r --name "$(printf %s $r | sed 's/^./\U&/')" --team north --hired 2025-01-01
done
comp-plan std --tier 0:5 --tier 100:8 --tier 150:10 --clawback-days 90
comp-plan capped --tier 0:10 --cap 2000 --clawback-days 90
for r in anna bob dora; do rep-edit $r --plan std; done
rep-edit carl --plan capped
for r in anna bob carl dora; do quota-set 2026-10 $r 100000; done
quota-set 2026-11 anna 100000
quota-set 2026-11 dora 100000
# book REP AMOUNT WON: a deal opened on the 1st and won on WON.
book() {
	deal-add -q --rep $1 --account acme --amount $2 --date 2026-10-01 >/dev/null
	n=$((n + 1))
	[ -z "${3-}" ] || deal-won -q D$n --date $3
}
n=0
book anna 50000 2026-10-05	# D1
book anna 80000 2026-10-06	# D2
book carl 100000 2026-10-10	# D3
book dora 60000			# D4, won after D5 on the same day
book dora 60000 2026-10-15	# D5
deal-won -q D4 --date 2026-10-15
deal-cancel -q D3 --date 2026-11-05	# carl has no November quota

sum_cols() { awk -F'\t' 'BEGIN { OFS = "\t" } NR > 1 { print $2, $5, $6, $7, $8, $9, $10, $11, $12, $13 }'; }
oracle_of() {
	awk -v period=$1 -f "$oracle" "$SALESMGR_DIR/reps.tsv" "$SALESMGR_DIR/comp-plans.tsv" \
	    "$SALESMGR_DIR/comp-tiers.tsv" "$SALESMGR_DIR/quotas.tsv" "$SALESMGR_DIR"/deals/*.tsv |
	    sort
}

# Nothing won: a tier of 0 and no note, never "(null)".
run comp-calc --period 2026-10 --rep bob --no-header
expect_out "2026-10	bob	Bob	north	std	100000.00	0.00	0.0	0	0.00	0.00	0.00	0.00	0.00	0.00			" \
    "nothing won: tier 0, payout 0.00, an empty note"
run comp-calc --period 2026-10 --rep bob --statement --no-header
expect_out "2026-10	bob	std	quota				100000.00			2026-10	
2026-10	bob	std	revenue				0.00	0.0		won in the period, less the wins cancelled in it	
2026-10	bob	std	tier			0	0.00	5	0.00	0% to 100% of quota	
2026-10	bob	std	commission				0.00		0.00	marginal	
2026-10	bob	std	payout						0.00		" "and its statement says so line by line"

# The cap: carl earns 10,000.00, is paid 2,000.00; D3's cancel in November
# (no quota there) takes back what October paid, 2% of 100,000.00, not the
# 10% before the cap.
run comp-calc --period 2026-10 --rep carl --no-header
expect_out "2026-10	carl	Carl	north	capped	100000.00	100000.00	100.0	0	10000.00	0.00	8000.00	2000.00	0.00	0.00			capped at 2000.00" \
    "October: capped at 2,000.00"
run comp-calc --period 2026-11 --rep carl --statement
expect_out_has "2026-11	carl	capped	clawback	D3	2026-11-05		-100000.00	2	-2000.00	undoes D3 won 2026-10-10 in 2026-10 at its effective rate after the cap	" \
    "a clawback never takes back more than the cap let through"
run comp-calc --period 2026-11 --rep carl --no-header
expect_out "2026-11	carl	Carl	north	capped		0.00			0.00	-2000.00	0.00	-2000.00	0.00	0.00			" \
    "a cancel in a month without a quota is clawed back and paid"

# Same-day wins fill the tiers in the order they were booked: D5 first.
run comp-calc --period 2026-10 --rep dora --statement
expect_out_has "2026-10	dora	std	won	D5	2026-10-15		60000.00		3000.00	at 5%	" \
    "the win booked first fills the first tier"
expect_out_has "2026-10	dora	std	won	D4	2026-10-15		60000.00		3600.00	at 5%, 8%	" \
    "the win booked next the rest"

for p in 2026-10 2026-11; do
	oracle_of $p >"$T/oracle"
	comp-calc --period $p 2>"$T/err" | sum_cols | sort >"$T/mine"
	if [ -s "$T/mine" ] && cmp -s "$T/oracle" "$T/mine"; then
		ok "$p: every rep's pay equals the awk computation"
	else
		not_ok "$p: differs from the awk computation" \
		    "$(diff "$T/oracle" "$T/mine" | head -6 | tr '\n' '|')" "$(head -c 300 "$T/err")"
	fi
done

# November locks with carl's clawback in it.
run comp-calc --period 2026-11 --rep carl --lock
expect_status 0 "a period without a quota, with a clawback, locks"
check "its payout is locked" grep -q "^2026-11	carl	capped	payout						-2000.00		2026-12-03\$" \
    "$SALESMGR_DIR/payouts/2026-11.tsv"
run comp-calc --period 2026-10 --lock
expect_status 0 "October locks"
check "no (null) is ever locked" test "$(grep -c 'null' "$SALESMGR_DIR/payouts/2026-10.tsv")" -eq 0
check "bob's locked tier is 0" grep -q "^2026-10	bob	std	tier			0	0.00	5	0.00	" \
    "$SALESMGR_DIR/payouts/2026-10.tsv"

# Overflow: two wins of the largest amount are refused, as perf-report does.
SALESMGR_DIR=$T/big
init
team-add north --name North
rep-add erin --name Erin --team north --hired 2025-01-01
comp-plan std --tier 0:5
rep-edit erin --plan std
quota-set 2026-10 erin 100000
for d in 1 2; do
	deal-add -q --rep erin --account acme --amount 92233720368547758.07 --date 2026-10-01 >/dev/null
	deal-won -q D$d --date 2026-10-02
done
snapshot
run comp-calc --period 2026-10
expect_fail 1 "comp-calc: rep 'erin': totals overflow in 2026-10: amounts in the ledger are too large; run sales-check" \
    "a revenue sum out of range is refused"
run perf-report --period 2026-10
expect_fail 1 "perf-report: totals overflow" "as perf-report refuses it"
run comp-calc --period 2026-10 --lock
expect_fail 1 "comp-calc: rep 'erin': totals overflow in 2026-10" "and nothing is locked"
expect_unchanged "the directory is as it was"

done_testing
