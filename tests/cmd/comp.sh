# comp-plan, comp-calc and perf-report --flag: hand-worked statements
# (the issue's example: marginal, flat, threshold, cap, clawbacks in the
# same and a later period, a locked period, no quota), comp-calc against an
# independent awk computation (tests/oracle/comp.awk) on sales-gen data,
# pip and top flags on a constructed history, bad input, formats and pipes.
. "$(dirname "$0")/lib.sh"
SALESMGR_TODAY=2026-12-03	# October and November are over
oracle=$top/tests/oracle/comp.awk
cents=$top/tests/oracle/money.awk	# the oracles' money

init
team-add north --name North
team-add south --name South
for r in anna bob carl dora eve fred gina; do
	rep-add $r --name "$(printf %s $r | sed 's/^./\U&/')" --team north --hired 2025-01-01
done
# On south since before the pay periods below: teams are dated.
rep-edit gina --team south --date 2025-01-01

# Plans.
run comp-plan std --title Standard --tier 0:5 --tier 100:8 --tier 150:10 --threshold 50 \
    --clawback-days 90
expect_status 0 "comp-plan creates a marginal plan"
expect_out_empty "and prints nothing when not on a terminal"
comp-plan flat --mode flat --tier 0:5,100:8,150:10 --threshold 50
comp-plan capped --tier "150:10 0:5 100:8" --cap 8000
run comp-plan --list
expect_out "plan	title	mode	threshold	cap	clawback_days	clawback_rate	tiers
capped		marginal		8000.00			0:5 100:8 150:10
flat		flat	50				0:5 100:8 150:10
std	Standard	marginal	50		90		0:5 100:8 150:10" "--list: one row per plan, tiers in order"
run comp-plan --show std
expect_out "plan	title	mode	threshold	cap	clawback_days	clawback_rate	from	to	rate
std	Standard	marginal	50		90		0	100	5
std	Standard	marginal	50		90		100	150	8
std	Standard	marginal	50		90		150		10" "--show: the plan's tiers, one a row"
run comp-plan --show std -o json
expect_out '{"plan":"std","title":"Standard","mode":"marginal","threshold":50,"cap":null,"clawback_days":90,"clawback_rate":null,"from":0,"to":100,"rate":5}
{"plan":"std","title":"Standard","mode":"marginal","threshold":50,"cap":null,"clawback_days":90,"clawback_rate":null,"from":100,"to":150,"rate":8}
{"plan":"std","title":"Standard","mode":"marginal","threshold":50,"cap":null,"clawback_days":90,"clawback_rate":null,"from":150,"to":null,"rate":10}' \
    "--show -o json"
check "comp-tiers.tsv keeps each plan's tiers together and in order" test "$(rows comp-tiers.tsv | cut -f1,2 | tr '\t\n' ':,')" = \
    "capped:0,capped:100,capped:150,flat:0,flat:100,flat:150,std:0,std:100,std:150,"
run comp-plan std --title Standard
expect_status 0 "giving a plan what it has already is fine"
run sales-log
expect_out_has "add plan std (marginal, tiers 0:5 100:8 150:10, threshold 50%, clawback 90 days, title 'Standard')" \
    "the audit log has the plan"
run comp-plan std --cap 9000 -n
expect_out "would replace plan std (marginal, tiers 0:5 100:8 150:10, threshold 50%, cap 9000.00, clawback 90 days, title 'Standard') (was marginal, tiers 0:5 100:8 150:10, threshold 50%, clawback 90 days, title 'Standard')" \
    "-n shows the replacement, options not given are kept"
# Decimal rates are basis points.
comp-plan half --tier 0:7.5 --tier 100:12.25
run comp-plan --list --no-header
expect_out_has "half		marginal					0:7.5 100:12.25" "rates with decimals"
# The list feeds comp-plan back.
comp-plan --list >"$T/plans"
snapshot
run_in "$T/plans" comp-plan --from -
expect_status 0 "comp-plan --list | comp-plan --from -"
expect_unchanged "gives the same plans back"

for r in anna carl eve gina; do rep-edit $r --plan std; done
rep-edit bob --plan flat
rep-edit dora --plan capped
for r in anna bob carl dora fred; do quota-set 2026-10 $r 100000; done
quota-set 2026-10 gina 0
quota-set 2026-11 anna 100000
quota-set 2026-11 bob 50000
while read rep amount opened won; do
	book $rep $amount $won $opened
done <<'DEALS'
anna 60000 2026-10-01 2026-10-05
anna 100000 2026-10-02 2026-10-20
bob 60000 2026-10-01 2026-10-06
bob 100000 2026-10-02 2026-10-21
carl 40000 2026-10-03 2026-10-07
dora 160000 2026-10-03 2026-10-08
eve 10000 2026-10-03 2026-10-09
gina 5000 2026-10-03 2026-10-09
anna 5000 2026-11-01 2026-11-02
bob 30000 2026-11-01 2026-11-03
DEALS
deal-cancel -q D9 --date 2026-11-20	# won and cancelled in November
deal-cancel -q D1 --date 2026-11-10	# won in October, 36 days before
deal-cancel -q D3 --date 2026-11-15	# bob's plan claws nothing back

# The issue's example: quota 100,000.00, tiers 0:5 100:8 150:10,
# threshold 50.  160,000.00 pays 10,000.00 marginal (anna) and 16,000.00
# flat (bob); 40,000.00 pays nothing (carl).  dora is capped at 8,000.00.
run comp-calc --period 2026-10
expect_status 0 "comp-calc for October"
expect_out "period	rep	name	team	plan	quota	revenue	attainment	tier	commission	clawback	withheld	payout	adjustments	draw	balance	locked	note
2026-10	anna	Anna	north	std	100000.00	160000.00	160.0	150	10000.00	0.00	0.00	10000.00	0.00	0.00			
2026-10	bob	Bob	north	flat	100000.00	160000.00	160.0	150	16000.00	0.00	0.00	16000.00	0.00	0.00			
2026-10	carl	Carl	north	std	100000.00	40000.00	40.0		0.00	0.00	0.00	0.00	0.00	0.00			attainment 40.0% is below the 50% threshold
2026-10	dora	Dora	north	capped	100000.00	160000.00	160.0	150	10000.00	0.00	2000.00	8000.00	0.00	0.00			capped at 8000.00
2026-10	eve	Eve	north	std		10000.00											no revenue quota for 2026-10 (set one with quota-set): no commission
2026-10	gina	Gina	south	std	0.00	5000.00											the revenue quota for 2026-10 is 0.00 (set one with quota-set): no commission" \
    "October: marginal, flat, threshold, cap, no quota, a zero quota"
run comp-calc --period 2026-10 -o html
expect_status 0 "comp-calc -o html: exit 0"
sed -n '/<h1>/,/<table>/p' "$T/out" >"$T/charts"
expect_file "$T/charts" '<h1>Commission 2026-10</h1>
<p class="org">Amounts in EUR</p>
<h2>Payout per rep</h2>
<table class="chart" role="presentation">
<tr><td class="lbl" title="anna">Anna</td><td class="val">10,000 at 160.0% of quota</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:62.5%;height:12px;background:#2f6fc6"></td><td style="width:37.5%;height:12px;background:#eeeeee"></td></tr></table></td></tr>
<tr><td class="lbl" title="bob">Bob</td><td class="val">16,000 at 160.0% of quota</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:100.0%;height:12px;background:#2f6fc6"></td></tr></table></td></tr>
<tr><td class="lbl" title="carl">Carl</td><td class="val">0 at 40.0% of quota</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:100.0%;height:12px;background:#eeeeee"></td></tr></table></td></tr>
<tr><td class="lbl" title="dora">Dora</td><td class="val">8,000 at 160.0% of quota</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:50.0%;height:12px;background:#2f6fc6"></td><td style="width:50.0%;height:12px;background:#eeeeee"></td></tr></table></td></tr>
<tr><td class="lbl" title="eve">Eve</td><td class="val">no payout</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:100.0%;height:12px;background:#eeeeee"></td></tr></table></td></tr>
<tr><td class="lbl" title="gina">Gina</td><td class="val">no payout</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:100.0%;height:12px;background:#eeeeee"></td></tr></table></td></tr>
</table>
<div class="wrap"><table>' \
    "comp-calc -o html: the payout per rep with the attainment, above the table"
check "comp-calc -o html: then the table, a row per rep" test "$(grep -c '^<tr><td>2026-10</td>' "$T/out")" -eq 6
check "comp-calc -o html: one whole page" test "$(grep -c '<html\|</html>' "$T/out")" -eq 2
run comp-calc --period 2026-10 --statement --rep anna -o html
expect_out_has "<h1>Commission statement 2026-10</h1>" "comp-calc --statement -o html: its title"
if grep -q '<svg\|class="chart"' "$T/out"; then not_ok "comp-calc --statement -o html: a table, no chart"
else ok "comp-calc --statement -o html: a table, no chart"; fi
run comp-calc --period 2026-10 --statement --rep anna
expect_out "period	rep	plan	kind	deal	date	tier	amount	pct	commission	note	locked
2026-10	anna	std	quota				100000.00			2026-10	
2026-10	anna	std	won	D1	2026-10-05		60000.00		3000.00	at 5%	
2026-10	anna	std	won	D2	2026-10-20		100000.00		7000.00	at 5%, 8%, 10%	
2026-10	anna	std	revenue				160000.00	160.0		won in the period, less the wins cancelled in it	
2026-10	anna	std	tier			0	100000.00	5	5000.00	0% to 100% of quota	
2026-10	anna	std	tier			100	50000.00	8	4000.00	100% to 150% of quota	
2026-10	anna	std	tier			150	10000.00	10	1000.00	from 150% of quota	
2026-10	anna	std	commission				160000.00		10000.00	marginal	
2026-10	anna	std	payout						10000.00		" \
    "marginal statement: 5,000 + 4,000 + 1,000, each deal's share of the tiers"
run comp-calc --period 2026-10 --statement --rep bob
expect_out "period	rep	plan	kind	deal	date	tier	amount	pct	commission	note	locked
2026-10	bob	flat	quota				100000.00			2026-10	
2026-10	bob	flat	won	D3	2026-10-06		60000.00		6000.00	at 10%	
2026-10	bob	flat	won	D4	2026-10-21		100000.00		10000.00	at 10%	
2026-10	bob	flat	revenue				160000.00	160.0		won in the period, less the wins cancelled in it	
2026-10	bob	flat	tier			150	160000.00	10	16000.00	all revenue at the rate of the highest tier reached	
2026-10	bob	flat	commission				160000.00		16000.00	flat	
2026-10	bob	flat	payout						16000.00		" \
    "flat statement: all revenue at 10%"
run comp-calc --period 2026-10 --statement --rep carl
expect_out "period	rep	plan	kind	deal	date	tier	amount	pct	commission	note	locked
2026-10	carl	std	quota				100000.00			2026-10	
2026-10	carl	std	won	D5	2026-10-07		40000.00		0.00		
2026-10	carl	std	revenue				40000.00	40.0		won in the period, less the wins cancelled in it	
2026-10	carl	std	threshold				40000.00	50	0.00	attainment 40.0% is below the 50% threshold: no commission	
2026-10	carl	std	commission				40000.00		0.00	marginal	
2026-10	carl	std	payout						0.00	attainment 40.0% is below the 50% threshold	" \
    "under the threshold: 0.00, and the statement says why"
run comp-calc --period 2026-10 --statement --rep dora
expect_out "period	rep	plan	kind	deal	date	tier	amount	pct	commission	note	locked
2026-10	dora	capped	quota				100000.00			2026-10	
2026-10	dora	capped	won	D6	2026-10-08		160000.00		10000.00	at 5%, 8%, 10%	
2026-10	dora	capped	revenue				160000.00	160.0		won in the period, less the wins cancelled in it	
2026-10	dora	capped	tier			0	100000.00	5	5000.00	0% to 100% of quota	
2026-10	dora	capped	tier			100	50000.00	8	4000.00	100% to 150% of quota	
2026-10	dora	capped	tier			150	10000.00	10	1000.00	from 150% of quota	
2026-10	dora	capped	commission				160000.00		10000.00	marginal	
2026-10	dora	capped	cap				8000.00		-2000.00	the payout above the cap is withheld	
2026-10	dora	capped	payout						8000.00	capped at 8000.00	" \
    "the cap: the amount above it is withheld"
run comp-calc --period 2026-10 --statement --rep eve
expect_out "period	rep	plan	kind	deal	date	tier	amount	pct	commission	note	locked
2026-10	eve	std	quota							no revenue quota for 2026-10 (set one with quota-set)	
2026-10	eve	std	won	D7	2026-10-09		10000.00				
2026-10	eve	std	revenue				10000.00			won in the period, less the wins cancelled in it	
2026-10	eve	std	payout							no revenue quota for 2026-10 (set one with quota-set): no commission	" \
    "no quota: no number is made up"
run comp-calc --period 2026-10 --rep fred
expect_out "period	rep	name	team	plan	quota	revenue	attainment	tier	commission	clawback	withheld	payout	adjustments	draw	balance	locked	note
2026-10	fred	Fred	north														no plan (give one with rep-edit fred --plan PLAN)" \
    "a rep without a plan, asked for by name"

# November: a deal won and cancelled in the month is no revenue; a deal won
# in October and cancelled in November is clawed back at October's
# effective rate, 10,000.00 / 160,000.00 = 6.25%: 60,000.00 -> 3,750.00.
run comp-calc --statement --rep anna
expect_out "period	rep	plan	kind	deal	date	tier	amount	pct	commission	note	locked
2026-11	anna	std	quota				100000.00			2026-11	
2026-11	anna	std	won	D9	2026-11-02		5000.00		0.00	cancelled 2026-11-20, in this period	
2026-11	anna	std	cancel	D9	2026-11-20		-5000.00		0.00	undoes the win of 2026-11-02, in this period	
2026-11	anna	std	revenue				0.00	0.0		won in the period, less the wins cancelled in it	
2026-11	anna	std	threshold				0.00	50	0.00	attainment 0.0% is below the 50% threshold: no commission	
2026-11	anna	std	commission				0.00		0.00	marginal	
2026-11	anna	std	clawback	D1	2026-11-10		-60000.00	6.25	-3750.00	undoes D1 won 2026-10-05 in 2026-10 at its effective rate	
2026-11	anna	std	payout						-3750.00	attainment 0.0% is below the 50% threshold	" \
    "the default period is last month; clawbacks in the same and a later period"
run comp-calc --period 2026-11 --statement --rep bob
expect_out_has "2026-11	bob	flat	clawback	D3	2026-11-15		-60000.00		0.00	plan flat claws nothing back" \
    "a plan without a clawback window keeps the commission"
run comp-calc --period 2026-11 --rep bob --no-header
expect_out "2026-11	bob	Bob	north	flat	50000.00	30000.00	60.0	0	1500.00	0.00	0.00	1500.00	0.00	0.00			" \
    "flat at the first tier"
# The statement adds up: deal lines = tier lines = commission.
comp-calc --period 2026-10 --statement >"$T/st"
check "each rep's deal lines add up to the tier lines and the commission" awk -F'\t' '
    NR > 1 { gsub(/\./, "", $10) }
    $4 == "won" { w[$2] += $10 } $4 == "tier" { t[$2] += $10 } $4 == "commission" { c[$2] = $10 + 0 }
    END { for (r in c) if (w[r] != c[r] || t[r] != c[r]) exit 1 }' "$T/st"

# Locking.  A period with a rep whose commission cannot be computed is not
# locked at all.
snapshot
run comp-calc --period 2026-10 --lock
expect_status 1 "--lock refuses while a rep has no quota"
expect_err "comp-calc: rep 'eve': no revenue quota for 2026-10 (set one with quota-set)
comp-calc: rep 'gina': the revenue quota for 2026-10 is 0.00 (set one with quota-set)
comp-calc: nothing was locked" "and names every such rep"
expect_unchanged "nothing was written"
run comp-calc --period 2026-10 --lock --rep anna -n
expect_out "would lock payout 2026-10 rep anna 10000.00" "--lock -n"
expect_unchanged "-n writes nothing"
run comp-calc --period 2026-10 --lock --rep anna
expect_status 0 "--lock one rep"
expect_out_empty "--lock prints nothing off a terminal"
comp-calc --period 2026-10 --statement --rep anna | tail -n +2 >"$T/want"
rows payouts/2026-10.tsv >"$T/got"
check "payouts/2026-10.tsv holds the statement, locked today" cmp -s "$T/want" "$T/got"
comp-calc --period 2026-10 --lock --rep bob
run comp-calc --period 2026-10 --lock --rep anna
expect_fail 1 "comp-calc: 2026-10 is already locked for every rep asked (payouts/2026-10.tsv)" \
    "a locked statement is never locked again"
# Never recomputed: a new quota does not change October, and a cancel
# after the lock is clawed back in November at the locked rate (with the
# new quota October would pay 5%, not 6.25%).
quota-set 2026-10 anna 200000
deal-cancel -q D2 --date 2026-11-25
run comp-calc --period 2026-10 --rep anna --no-header
expect_out "2026-10	anna	Anna	north	std	100000.00	160000.00	160.0	150	10000.00	0.00	0.00	10000.00	0.00	0.00		2026-12-03	" \
    "a locked period is shown as locked, not recomputed"
run comp-calc --period 2026-11 --rep anna --statement
expect_out_has "2026-11	anna	std	clawback	D2	2026-11-25		-100000.00	6.25	-6250.00	undoes D2 won 2026-10-20 in 2026-10 at its effective rate; 2026-10 is locked: clawed back here" \
    "a cancel after the lock is clawed back in its own period, and says so"
run comp-calc --period 2026-11 --rep anna --no-header
expect_out "2026-11	anna	Anna	north	std	100000.00	0.00	0.0		0.00	-10000.00	0.00	-10000.00	0.00	0.00			attainment 0.0% is below the 50% threshold; clawback of D1, D2, won in a locked period" \
    "the summary totals the clawbacks"

# Formats and pipes.
run comp-calc --period 2026-10 --rep dora -o json
expect_out '{"period":"2026-10","rep":"dora","name":"Dora","team":"north","plan":"capped","quota":100000.00,"revenue":160000.00,"attainment":160.0,"tier":150,"commission":10000.00,"clawback":0.00,"withheld":2000.00,"payout":8000.00,"adjustments":0.00,"draw":0.00,"balance":null,"locked":null,"note":"capped at 8000.00"}' \
    "json"
run comp-calc --period 2026-10 --rep dora -o table
expect_out "period   rep   name  team   plan         quota     revenue  attainment  tier  commission  clawback  withheld    payout  adjustments  draw  balance  locked  note
2026-10  dora  Dora  north  capped  100,000.00  160,000.00       160.0   150   10,000.00      0.00  2,000.00  8,000.00         0.00  0.00                   capped at 8000.00" \
    "table"
run comp-calc --period 2026-10 --team south --no-header
expect_out "2026-10	gina	Gina	south	std	0.00	5000.00											the revenue quota for 2026-10 is 0.00 (set one with quota-set): no commission" \
    "--team"
sh -c 'comp-calc --period 2026-10 | cut -f2,13 | grep -w bob' >"$T/out" 2>"$T/err" </dev/null
expect_out "bob	16000.00" "in a pipe"
sh -c 'rep-list --team south | comp-plan --list >/dev/null && comp-plan --list | cut -f1 | tail -n +2 | xargs -n1 comp-plan --show | grep -c "^std"' \
    >"$T/out" 2>"$T/err" </dev/null
expect_out "3" "comp-plan --list into --show"

# Bad input: the exact message, the status, nothing written.
snapshot
bad() {	# bad STATUS MESSAGE WHAT CMD...
	status=$1 msg=$2 what=$3; shift 3
	run "$@"
	expect_fail "$status" "$msg" "$what"
}
bad 1 "comp-plan: plan 'Big' must start with" "bad plan id" comp-plan Big --tier 0:5
bad 1 "comp-plan: unknown mode 'steep' (want marginal, flat or override)" "bad mode" comp-plan p --mode steep --tier 0:5
bad 1 "comp-plan: tier '5' is not FROM:RATE (attainment %:rate %, like 100:8)" "tier without a colon" comp-plan p --tier 5
bad 1 "comp-plan: tier 'x:5': from 'x' is not a whole percentage (0 to 10000)" "bad tier start" comp-plan p --tier x:5
bad 1 "comp-plan: tier '0:7.555': rate '7.555' is not a percentage from 0 to 100 with at most 2 decimals (like 5 or 7.5)" \
    "rate with 3 decimals" comp-plan p --tier 0:7.555
bad 1 "comp-plan: tier '0:120': rate '120' is not a percentage" "rate over 100" comp-plan p --tier 0:120
bad 1 "comp-plan: tier from 100% is given twice" "a tier twice" comp-plan p --tier 0:5 --tier 100:8 --tier 100:9
bad 1 "comp-plan: plan 'p' has no tiers (give --tier FROM:RATE, like --tier 0:5)" "a new plan without tiers" comp-plan p --mode flat
bad 1 "comp-plan: threshold '50%' is not a whole percentage (like 50)" "bad threshold" comp-plan std --threshold 50%
bad 1 "comp-plan: cap '1,000' " "bad cap" comp-plan std --cap 1,000
bad 1 "comp-plan: cap '-5' is negative" "negative cap" comp-plan std --cap -5
bad 1 "comp-plan: clawback-days 'soon' is not a whole number of days (0 to 3660)" "bad clawback days" comp-plan std --clawback-days soon
bad 1 "comp-plan: unknown plan 'nope' (comp-plan --list shows the plans)" "--show an unknown plan" comp-plan --show nope
bad 2 "usage: comp-plan" "--list with a change" comp-plan --list --tier 0:5
bad 2 "usage: comp-plan" "no plan" comp-plan --tier 0:5
printf 'plan\ttier\np1\t0:5\np1\t0:6\np2\tbad\n' >"$T/in"
run_in "$T/in" comp-plan --from -
expect_status 1 "--from with bad rows"
expect_err "comp-plan: stdin:3: plan 'p1' is given twice in the input
comp-plan: stdin:4: tier 'bad' is not FROM:RATE (attainment %:rate %, like 100:8)
comp-plan: nothing was changed" "every bad row is reported"
printf 'plan\ttier\tcolour\np1\t0:5\tred\n' >"$T/in"
run_in "$T/in" comp-plan --from -
expect_fail 1 "colour" "an unknown column is refused"
bad 2 "comp-calc: invalid period '2026-13'" "bad period" comp-calc --period 2026-13
bad 2 "comp-calc: invalid period 'mtd': a pay period is a week, month, quarter or year" "not a pay period" comp-calc --period mtd
bad 1 "comp-calc: unknown rep 'zed' (rep-list shows the reps)" "unknown rep" comp-calc --rep zed
bad 1 "comp-calc: unknown team 'east' (team-list shows the teams)" "unknown team" comp-calc --team east
bad 1 "comp-calc: 2026-12 is not over until 2026-12-31: lock it after that" "locking a period not over" comp-calc --period this-month --lock
bad 2 "usage: comp-calc" "--lock with -o" comp-calc --lock -o json
bad 1 "comp-calc: no rep asked has a plan (give one with rep-edit REP --plan PLAN)" \
    "--lock of a rep without a plan" comp-calc --period 2026-10 --lock --rep fred
bad 2 "usage: comp-calc" "-n without --lock" comp-calc -n
bad 2 "usage: comp-calc" "an argument" comp-calc 2026-10
bad 2 "usage: comp-plan" "unknown option" comp-plan --bogus
expect_unchanged "no bad input wrote anything"
comp-calc --period 2026-10 >/dev/full 2>"$T/err"; st=$?
expect_status 1 "comp-calc to /dev/full fails"
expect_err_has "write error" "and says so"
comp-plan --list >/dev/full 2>"$T/err"; st=$?
expect_status 1 "comp-plan --list to /dev/full fails"
SALESMGR_DIR=$T/missing run comp-calc
expect_fail 1 "sales-init" "comp-calc: missing data directory"
SALESMGR_DIR=$T/missing run comp-plan p --tier 0:5
expect_fail 1 "sales-init" "comp-plan: missing data directory"
check "and it is not created" test ! -e "$T/missing"

# perf-report --flag on a constructed history (quarterly quotas):
# pat was below 70% in Q2 and Q3 (pip; 69.99% is below), quin below in Q2
# but at 70% in Q3, rosa at 100% in Q4 (top).
export SALESMGR_DIR=$T/flag
init
for r in pat quin rosa; do rep-add $r --name $r --hired 2025-01-01; done
for q in 2026-Q2 2026-Q3 2026-Q4; do for r in pat quin; do quota-set $q $r 10000; done; done
quota-set 2026-Q4 rosa 10000
nbooked=0
while read rep amount won; do
	book $rep $amount $won $won
done <<'DEALS'
pat 6000 2026-05-10
pat 6999 2026-08-10
quin 5000 2026-05-10
quin 7000 2026-08-10
rosa 10000 2026-11-10
DEALS
run perf-report --period 2026-Q4 --flag
expect_status 0 "perf-report --flag"
cut -f1,6,23,24 "$T/out" >"$T/got"
expect_file "$T/got" "rep	won	rank	flag
rosa	10000.00	1	top
pat	0.00	2	pip
quin	0.00	3	" "pip after two bad quarters, none after a bad then a good one, top at 100%"
run perf-report --period 2026-Q3 --flag --no-header
cut -f1,24 "$T/out" >"$T/got"
expect_file "$T/got" "quin	
pat	pip
rosa	" "a past period judges the quarters up to it"
awk 'BEGIN { FS = OFS = "\t" } $1 == "pip_threshold" { $2 = 60 } { print }' \
    "$SALESMGR_DIR/config.tsv" >"$T/cfg" && cat "$T/cfg" >"$SALESMGR_DIR/config.tsv"
run perf-report --period 2026-Q4 --flag --no-header
cut -f1,24 "$T/out" >"$T/got"
expect_file "$T/got" "rosa	top
pat	
quin	" "pip_threshold comes from config.tsv"
run perf-report --period 2026-Q4 --flag --rep rosa -o json
expect_out_has '"rank":1,"flag":"top"}' "--flag in json"
run perf-report --by team --flag
expect_fail 2 "perf-report: --flag goes with --by rep, not --by team" "--flag with --by team"
run perf-report --period 2026-Q4
expect_out_has "velocity	rank" "without --flag no flag column"

# comp-calc against the awk oracle on generated data, with plans of every
# kind (decimal rates, a cap, windows) and cancels added 0-96 days after wins.
g=$T/gen
sales-gen -q --seed 11 --reps 30 --deals 3000 --months 14 "$g" || not_ok "sales-gen"
export SALESMGR_DIR=$g SALESMGR_TODAY=2026-11-26
comp-plan std --tier 0:5 --tier 100:8 --tier 150:10 --threshold 50 --clawback-days 90
comp-plan acc --mode flat --tier 0:3 --tier 80:6.5 --tier 120:9.25 --cap 4000 --clawback-days 60
comp-plan low --tier 20:4 --tier 90:7.75
rep-list --all | awk 'BEGIN { FS = OFS = "\t"; print "rep", "plan" }
    NR > 1 { n++; print $1, n % 4 == 0 ? "" : n % 4 == 1 ? "std" : n % 4 == 2 ? "acc" : "low" }' >"$T/plans"
rep-edit --from "$T/plans"
cat >"$T/cancel.awk" <<'AWK'
function days(d,    y, m, dd, era, yoe, doy, doe) {
	y = substr(d, 1, 4) + 0; m = substr(d, 6, 2) + 0; dd = substr(d, 9, 2) + 0
	if (m <= 2) y--
	era = int(y / 400); yoe = y - era * 400
	doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + dd - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe - 719468
}
function iso(n,    z, era, doe, yoe, y, doy, mp, d, m) {
	z = n + 719468; era = int(z / 146097); doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
	m = mp < 10 ? mp + 3 : mp - 9
	return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}
BEGIN { FS = OFS = "\t"; print "deal", "date" }
NR > 1 { n = substr($1, 2) + 0; if (n % 5) next
	d = days($10) + n % 97; if (d <= days(today)) print $1, iso(d) }
AWK
deal-list --won | awk -v today="$SALESMGR_TODAY" -f "$T/cancel.awk" >"$T/cancels"
deal-cancel -q --from "$T/cancels"
sum_cols() { awk -F'\t' 'BEGIN { OFS = "\t" } NR > 1 { print $2, $5, $6, $7, $8, $9, $10, $11, $12, $13 }'; }
for p in 2026-05 2026-06 2026-09 2026-10 2026-Q2 2026-Q3; do
	awk -v period=$p -f "$cents" -f "$top/tests/oracle/days.awk" -f "$oracle" "$g/reps.tsv" "$g/comp-plans.tsv" "$g/comp-tiers.tsv" \
	    "$g/quotas.tsv" "$g"/deals/*.tsv | sort >"$T/oracle"
	comp-calc --period $p 2>"$T/err" | sum_cols | sort >"$T/mine"
	if [ -s "$T/mine" ] && cmp -s "$T/oracle" "$T/mine"; then
		ok "$p: every rep's commission equals the awk computation"
	else
		not_ok "$p: differs from the awk computation" \
		    "$(diff "$T/oracle" "$T/mine" | head -6 | tr '\n' '|')" "$(head -c 300 "$T/err")"
	fi
done
comp-calc --period 2026-Q3 --statement >"$T/st"
check "generated data has clawbacks" test "$(awk -F'\t' '$4 == "clawback" && $10 != "0.00"' "$T/st" | wc -l)" -gt 0
check "and cancels within a period" test "$(awk -F'\t' '$4 == "cancel"' "$T/st" | wc -l)" -gt 0
check "every statement adds up" awk -F'\t' '
    NR > 1 { gsub(/\./, "", $10) }
    $4 == "won" { w[$2] += $10 } $4 == "tier" { t[$2] += $10 } $4 == "commission" { c[$2] = $10 + 0 }
    END { for (r in c) if (w[r] != c[r] || t[r] != c[r]) exit 1 }' "$T/st"
done_testing
