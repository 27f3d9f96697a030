# comp-calc for a payroll run: a rep with nothing won, a sum that
# overflows, a clawback under a cap and in a month without a quota,
# same-day wins in booking order, late events of a locked period paid as
# adjustments in the next open one; the numbers against the awk oracle
# (tests/oracle/comp.awk).
. "$(dirname "$0")/lib.sh"
SALESMGR_TODAY=2026-12-03	# October and November are over
oracle=$top/tests/oracle/comp.awk
cents=$top/tests/oracle/money.awk	# the oracles' money

init --company "Acme <Tools> & Co"
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
	awk -v period=$1 -f "$cents" -f "$top/tests/oracle/days.awk" -f "$oracle" "$SALESMGR_DIR/reps.tsv" "$SALESMGR_DIR/comp-plans.tsv" \
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

# Late events.  October is locked: anna was paid 7,400.00 on 130,000.00.
# A win dated 2026-10-25 and a cancel back-dated to 2026-10-28 are booked
# now; November, the first open period, pays what each changes October
# by (12,000.00 of revenue more, then 50,000.00 less), and says so.
check "anna's October is locked at 7400.00" grep -q "^2026-10	anna	std	payout						7400.00		" \
    "$SALESMGR_DIR/payouts/2026-10.tsv"
book anna 40000 2026-10-25	# D6
deal-cancel -q D1 --date 2026-10-28
run comp-calc --period 2026-10 --rep anna --no-header
expect_out "2026-10	anna	Anna	north	std	100000.00	130000.00	130.0	100	7400.00	0.00	0.00	7400.00	0.00	0.00		2026-12-03	" \
    "the locked October is not recomputed"
run comp-calc --period 2026-11 --rep anna --statement
expect_out_has "2026-11	anna	std	adjustment	D6	2026-10-25		40000.00		3600.00	won 2026-10-25 in 2026-10, locked 2026-12-03: booked after the lock	
2026-11	anna	std	adjustment	D1	2026-10-28		-50000.00		-4400.00	cancelled 2026-10-28 in 2026-10, locked 2026-12-03: booked after the lock	" \
    "November has an adjustment line per late event"
expect_err "comp-calc: rep 'anna': 2 events dated in a locked period, booked after its lock, are paid as adjustments in 2026-11" \
    "and a warning"
run comp-calc --period 2026-11 --rep anna --no-header
expect_out "2026-11	anna	Anna	north	std	100000.00	0.00	0.0	0	0.00	0.00	0.00	-800.00	-800.00	0.00			with events booked after a lock" \
    "the adjustments are in the payout"
# The oracle over the whole ledger: what October pays now, less what was
# locked, is what the adjustments add up to.
oracle_of 2026-10 | awk -F'\t' '$1 == "anna" { print $10 }' >"$T/now"
comp-calc --period 2026-11 --rep anna --statement 2>/dev/null |
    awk -F'\t' '$4 == "adjustment" { s += $10 } END { printf "%.2f\n", s }' >"$T/adj"
check "the adjustments equal October recomputed by the oracle less what was locked" \
    test "$(awk -v now="$(cat "$T/now")" -v adj="$(cat "$T/adj")" \
    'BEGIN { printf "%.2f", now - 7400 - adj }')" = "0.00"
check "the oracle's October is 6600.00" test "$(cat "$T/now")" = "6600.00"
run sales-check
expect_status 0 "sales-check: late events are no problem"
expect_err "sales-check: payouts/2026-10.tsv: rep 'anna': D6 won 2026-10-25 was booked after the lock of 2026-12-03: comp-calc pays it as an adjustment in the next open period
sales-check: payouts/2026-10.tsv: rep 'anna': D1 cancelled 2026-10-28 was booked after the lock of 2026-12-03: comp-calc pays it as an adjustment in the next open period" \
    "but each is told until a lock pays it"
run comp-calc --period 2026-11 --rep anna --lock
expect_status 0 "November locks with its adjustments"
run comp-calc --period 2026-12 --rep anna --statement
expect_status 0 "December"
check "pays no late event twice" test "$(grep -c adjustment "$T/out")" -eq 0
expect_err_empty "and warns of none"
run sales-check
expect_err_empty "sales-check: nothing left to pay"
# bob's November is locked too: a late October win goes to December.
run comp-calc --period 2026-11 --rep bob --lock
expect_status 0 "bob's November locks"
book bob 20000 2026-10-30	# D7
run comp-calc --period 2026-12 --rep bob --statement
expect_out_has "2026-12	bob	std	adjustment	D7	2026-10-30		20000.00		1000.00	won 2026-10-30 in 2026-10, locked 2026-12-03: booked after the lock	" \
    "a late event is paid in the first open period after the locked ones"
run comp-calc --period 2026-11 --rep bob --statement
check "not in the locked November" test "$(grep -c adjustment "$T/out")" -eq 0

# A statement to hand to a rep: one sheet, who and what for, every note
# whole, nothing of another rep.
run comp-calc --period 2026-11 --rep anna --statement -o html
expect_status 0 "-o html --statement --rep anna"
expect_out_has "<title>Commission statement 2026-11" "its title names the period (then the company)"
expect_out_has "<h2>Anna (anna): 2026-11</h2>" "its heading names the rep and the period"
expect_out_has "<tr><td>Company</td><td>Acme &lt;Tools&gt; &amp; Co</td></tr>" "the company, escaped"
expect_out_has "<tr><td>Currency</td><td>EUR</td></tr>" "the currency"
expect_out_has "<tr><td>Dates</td><td>2026-11-01 to 2026-11-30</td></tr>" "the dates"
expect_out_has "<td class=\"t\">won 2026-10-25 in 2026-10, locked 2026-12-03: booked after the lock</td>" \
    "a note whole, in a cell that wraps"
expect_out_has "<tr class=\"total\"><td>Payout</td><td class=\"n\">-800.00</td></tr>" "the payout"
expect_out_has "@page{size:A4;" "an A4 page when printed"
check "nothing of any other rep" test "$(grep -ci 'bob\|carl\|dora\|capped\|-2000\.00' "$T/out")" -eq 0
run comp-calc --period 2026-11 --statement -o html
check "a sheet per rep, each a page" test "$(grep -c '<div class="sheet">' "$T/out")" -eq 4

# The paid rule: what the deal itself was paid after the cap.  eve earns
# 5,000.00 on each of two October deals (tiers 0:5 and 100:10, quota
# 100,000.00), the cap of 6,000.00 withholds 4,000.00, 2,000.00 of each
# deal's line: each was paid 3,000.00, and a cancel takes back that (the
# effective rule would take 2,000.00 and 4,000.00).  Both cancelled take
# back what October paid, no more.
SALESMGR_DIR=$T/paid
init
team-add north --name North
rep-add eve --name Eve --team north --hired 2025-01-01
run comp-plan paidback --tier 0:5 --tier 100:10 --cap 6000 --clawback-days 90 --clawback-rate paid
expect_status 0 "comp-plan --clawback-rate paid"
check "comp-plans.tsv holds the rule" grep -q "	paid\$" "$SALESMGR_DIR/comp-plans.tsv"
rep-edit eve --plan paidback
quota-set 2026-10 eve 100000
n=0
book eve 100000 2026-10-03	# D1
book eve 50000 2026-10-04	# D2
deal-cancel -q D2 --date 2026-11-05
deal-cancel -q D1 --date 2026-11-06
run comp-calc --period 2026-10 --rep eve --no-header
expect_out "2026-10	eve	Eve	north	paidback	100000.00	150000.00	150.0	100	10000.00	0.00	4000.00	6000.00	0.00	0.00			capped at 6000.00" \
    "October pays 6,000.00 of 10,000.00"
run comp-calc --period 2026-11 --rep eve --statement
expect_out_has "2026-11	eve	paidback	clawback	D2	2026-11-05		-50000.00		-3000.00	undoes D2 won 2026-10-04 in 2026-10 at what it paid after the cap	" \
    "D2 takes back the 3,000.00 it was paid"
expect_out_has "2026-11	eve	paidback	clawback	D1	2026-11-06		-100000.00		-3000.00	undoes D1 won 2026-10-03 in 2026-10 at what it paid after the cap	" \
    "D1 too"
awk -v period=2026-10 -f "$cents" -f "$top/tests/oracle/days.awk" -f "$oracle" "$SALESMGR_DIR/reps.tsv" "$SALESMGR_DIR/comp-plans.tsv" \
    "$SALESMGR_DIR/comp-tiers.tsv" "$SALESMGR_DIR/quotas.tsv" "$SALESMGR_DIR"/deals/*.tsv |
    cut -f10 >"$T/paid.out"
comp-calc --period 2026-11 --rep eve --no-header | cut -f11 >"$T/back"
check "both cancels take back exactly what the oracle's October paid" \
    test "$(cat "$T/paid.out")" = "6000.00" -a "$(cat "$T/back")" = "-6000.00"
comp-plan paidback --clawback-rate effective
run comp-calc --period 2026-11 --rep eve --no-header
expect_out "2026-11	eve	Eve	north	paidback		0.00			0.00	-6000.00	0.00	-6000.00	0.00	0.00			" \
    "the effective rule takes back as much in all"

# The worked example of Cancels in perf-report(1) and comp-calc(1).
SALESMGR_DIR=$T/cancels
init
team-add north --name North
rep-add anna --name Anna --team north --hired 2025-01-01
comp-plan std --tier 0:5 --clawback-days 90
rep-edit anna --plan std
quota-set 2026-10 anna 100000
quota-set 2026-11 anna 100000
n=0
book anna 60000 2026-10-05	# D1
book anna 5000 2026-11-02	# D2
deal-cancel -q D1 --date 2026-11-10
deal-cancel -q D2 --date 2026-11-20
run sh -c 'perf-report --period 2026-10 | cut -f1,6-8,12; perf-report --period 2026-11 | cut -f1,6-8,12 | tail -n 1'
expect_out "rep	won	cancelled	net_won	won_deals
anna	60000.00	0.00	60000.00	1
anna	0.00	60000.00	-60000.00	0" "perf-report: October stands, November cancelled 60,000.00"
run sh -c 'comp-calc --period 2026-10 --no-header | cut -f7,10; comp-calc --period 2026-11 --no-header | cut -f7,10,11'
expect_out "60000.00	3000.00
0.00	0.00	-3000.00" "comp-calc: October paid on 60,000.00, November no revenue and D1 clawed back"

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
