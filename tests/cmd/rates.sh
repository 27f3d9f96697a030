# Rates by product and deal type: deal-add --type and the ledger's type
# column (carried by later events, old month files untouched), comp-plan
# --product/--type tier tables, comp-calc paying each deal from the most
# specific table (the hand-worked example of comp-calc(1)), the numbers
# against the awk oracle (tests/oracle/comp.awk) on generated data, a
# wrong rule caught by the same check, and bad input.
. "$(dirname "$0")/lib.sh"
SALESMGR_TODAY=2026-12-03	# October and November are over
oracle=$top/tests/oracle/comp.awk
cents=$top/tests/oracle/money.awk	# the oracles' money

init
team-add -q north --name North
for r in anna bob carl; do
	rep-add -q $r --name "$(printf %s $r | sed 's/^./\U&/')" --team north --hired 2025-01-01
done
width() { head -n 1 "$SALESMGR_DIR/deals/$1.tsv" | awk -F'\t' '{ print NF }'; }

# The type column: a month without a typed deal keeps its 13 columns.
setup deal-add --rep carl --account acme --new-accounts --amount 100 --date 2026-09-01
check "a month without a typed deal keeps the columns every file has" test "$(width 2026-09)" = 13
run deal-add --rep carl --account acme --amount 100 --date 2026-09-02 --type renewal
expect_status 0 "deal-add --type renewal"
check "a typed deal gives its month the columns up to type" test "$(width 2026-09)" = 17
check "the old row gets empty optional fields, the new one its type" test \
    "$(rows deals/2026-09.tsv | cut -f2,17 | tr '\t\n' ':,')" = "D1:,D2:renewal,"
deal-won -q D2 --date 2026-09-03
deal-cancel -q D2 --date 2026-09-04
check "later events carry the deal's type" test \
    "$(rows deals/2026-09.tsv | awk -F'\t' '$2 == "D2" { print $3 ":" $17 }' | tr '\n' ',')" = \
    "open:renewal,won:renewal,cancel:renewal,"
run deal-list -o tsv --columns deal,type --no-header
expect_out "D1	
D2	renewal" "deal-list: the type column"
run sales-check
expect_status 0 "sales-check: typed deals are sound"
printf 'rep\taccount\tamount\ttype\tdate\ncarl\tacme\t5\texpansion\t2026-09-05\ncarl\tacme\t6\t\t2026-09-05\n' >"$T/in"
run_in "$T/in" deal-add --from -
expect_status 0 "deal-add --from - with a type column"
check "the type column of the input is the deal's" test \
    "$(rows deals/2026-09.tsv | awk -F'\t' '$2 == "D3" || $2 == "D4" { print $2 ":" $17 }' | tr '\n' ',')" = \
    "D3:expansion,D4:,"
# Plans: a general table, a renewal table, a cloud table.
setup comp-plan std --tier 0:5 --tier 100:7
run comp-plan std --type renewal --tier 0:8 --tier 100:12
expect_status 0 "comp-plan --type renewal: a table of renewals"
run comp-plan std --product cloud --tier 0:10 -n
expect_out "would replace plan std (marginal, tiers of product cloud 0:10) (was marginal, tiers of product cloud)" \
    "-n: the table named"
setup comp-plan std --product cloud --tier 0:10
check "comp-tiers.tsv gains product and type" test "$(head -n 1 "$SALESMGR_DIR/comp-tiers.tsv")" = \
    "$(printf 'plan\tfrom\trate\tproduct\ttype')"
run comp-plan --show std
expect_out "plan	title	mode	threshold	cap	clawback_days	clawback_rate	product	type	from	to	rate
std		marginal							0	100	5
std		marginal							100		7
std		marginal						renewal	0	100	8
std		marginal						renewal	100		12
std		marginal					cloud		0		10" "--show: every table, the general one first"
run comp-plan --list --no-header
expect_out "std		marginal					0:5 100:7" "--list: the general table's tiers"
setup comp-plan std --tier 0:5 --tier 100:7 --title Standard
check "replacing the general tiers keeps the other tables" test "$(rows comp-tiers.tsv | wc -l)" = 5
run sales-log
expect_out_has "replace plan std (marginal, tiers of type renewal 0:8 100:12) (was marginal, tiers of type renewal)" \
    "the audit log names the table"

# The example of comp-calc(1): quota 100,000.00; anna books a new core
# deal, a core renewal and a cloud deal, bob the same in reverse order.
for r in anna bob; do setup rep-edit $r --plan std; setup quota-set 2026-10 $r 100000; done
n=4
book_typed() {	# book_typed REP AMOUNT PRODUCT TYPE DAY
	setup deal-add --rep $1 --account acme --amount $2 --product $3 ${4:+--type $4} \
	    --date 2026-10-01
	n=$((n + 1))
	setup deal-won D$n --date 2026-10-0$5
}
book_typed anna 60000 core "" 5	# D5
book_typed anna 50000 core renewal 6	# D6
book_typed anna 40000 cloud "" 7	# D7
book_typed bob 40000 cloud "" 5	# D8
book_typed bob 50000 core renewal 6	# D9
book_typed bob 60000 core new 7	# D10
run comp-calc --period 2026-10 --rep anna --statement --no-header
expect_out "2026-10	anna	std	quota				100000.00			2026-10	
2026-10	anna	std	won	D5	2026-10-05		60000.00		3000.00	at 5% of the general table	
2026-10	anna	std	won	D6	2026-10-06		50000.00		4400.00	at 8%, 12% of the type renewal table	
2026-10	anna	std	won	D7	2026-10-07		40000.00		4000.00	at 10% of the product cloud table	
2026-10	anna	std	revenue				150000.00	150.0		won in the period, less the wins cancelled in it	
2026-10	anna	std	tier			0	60000.00	5	3000.00	0% to 100% of quota, the general table	
2026-10	anna	std	tier			100	0.00	7	0.00	from 100% of quota, the general table	
2026-10	anna	std	tier			0	40000.00	8	3200.00	0% to 100% of quota, the type renewal table	
2026-10	anna	std	tier			100	10000.00	12	1200.00	from 100% of quota, the type renewal table	
2026-10	anna	std	tier			0	40000.00	10	4000.00	from 0% of quota, the product cloud table	
2026-10	anna	std	commission				150000.00		11400.00	marginal	
2026-10	anna	std	payout						11400.00		" \
    "each deal paid by its table, on the one attainment line: 11,400.00"
run comp-calc --period 2026-10 --rep bob --statement --no-header
expect_out_has "2026-10	bob	std	won	D10	2026-10-07		60000.00		4000.00	at 5%, 7% of the general table	" \
    "booked last, the new deal crosses the quota in the general table"
expect_out_has "2026-10	bob	std	commission				150000.00		12000.00	marginal	" \
    "the other order pays 12,000.00"
run comp-calc --period 2026-10 --no-header --columns rep,tier,commission
expect_out "anna	100	11400.00
bob	100	12000.00" "the summary: the highest tier reached, the commission"

# The oracle agrees on the hand-made data, and on a flat plan.
sum_cols() { awk -F'\t' 'BEGIN { OFS = "\t" } NR > 1 { print $2, $5, $6, $7, $8, $9, $10, $11, $12, $13 }'; }
oracle_of() {	# oracle_of DIR PERIOD [TIERS]
	awk -v period=$2 -f "$cents" -f "$top/tests/oracle/days.awk" -f "$oracle" "$1/reps.tsv" \
	    "$1/comp-plans.tsv" "${3:-$1/comp-tiers.tsv}" "$1/quotas.tsv" "$1"/deals/*.tsv | sort
}
against_oracle() {	# against_oracle DIR PERIOD what
	oracle_of "$1" $2 >"$T/oracle"
	comp-calc --period $2 2>"$T/err" | sum_cols | sort >"$T/mine"
	if [ -s "$T/mine" ] && cmp -s "$T/oracle" "$T/mine"; then ok "$3"
	else not_ok "$3" "$(diff "$T/oracle" "$T/mine" | head -6 | tr '\n' '|')" \
	    "$(head -c 300 "$T/err")"; fi
}
against_oracle "$SALESMGR_DIR" 2026-10 "2026-10: the example equals the awk computation"
setup comp-plan std --mode flat
run comp-calc --period 2026-10 --rep anna --statement
expect_out_has "2026-10	anna	std	tier			100	50000.00	12	6000.00	all revenue at the rate of the highest tier reached, the type renewal table	" \
    "flat: each table pays its deals at its highest tier reached"
against_oracle "$SALESMGR_DIR" 2026-10 "2026-10 flat: equals the awk computation"
setup comp-plan std --mode marginal

# Removing a table: --tier '' with its filter.
setup comp-plan std --product cloud --tier ''
run comp-plan --show std --columns product,type,from --no-header
expect_out "		0
		100
	renewal	0
	renewal	100" "--tier '' --product cloud removes the cloud table"
setup comp-plan std --product cloud --tier 0:10

# deal-sync: a new deal takes the export's type.
printf 'ref,rep,account,amount,product,type,stage\ns1,carl,acme,700,core,expansion,lead\n' >"$T/sync.csv"
run deal-sync --from "$T/sync.csv" --today 2026-09-20
expect_status 0 "deal-sync: an export with a type column"
check "a deal it adds has the export's type" test \
    "$(rows deals/2026-09.tsv | awk -F'\t' '$10 == "s1" { print $3 ":" $17 }')" = "open:expansion"
printf 'ref,rep,account,amount,type\ns1,carl,acme,700,\ns2,carl,acme,700,upsell\n' >"$T/sync.csv"
bad 1 "deal-sync: $T/sync.csv:3: type 'upsell' is not new, renewal or expansion
deal-sync: nothing was changed" "deal-sync: an unknown type" deal-sync --from "$T/sync.csv" --today 2026-09-20

# Bad input: a clear message, exit 1, nothing written.
bad 1 "comp-plan: type 'upsell' is not new, renewal or expansion
comp-plan: nothing was changed" "comp-plan: an unknown type" comp-plan std --type upsell --tier 0:9
bad 1 "comp-plan: product 'Cloud': must start with a-z or 0-9
comp-plan: nothing was changed" "comp-plan: a product that is not an id" \
    comp-plan std --product Cloud --tier 0:9
bad 1 "comp-plan: plan 'gold' has no general tiers yet: create it first (comp-plan gold --tier FROM:RATE)
comp-plan: nothing was changed" "comp-plan: a table of a plan that does not exist" \
    comp-plan gold --type renewal --tier 0:9
bad 1 "comp-plan: --product and --type name the table that --tier sets: give --tier FROM:RATE (or --tier '' to remove the table)
comp-plan: nothing was changed" "comp-plan: a table without tiers" comp-plan std --type renewal
setup comp-plan lead --mode override --tier 0:2
bad 1 "comp-plan: plan 'lead': an override pays one rate on every deal: it has no tables by product or type
comp-plan: nothing was changed" "comp-plan: an override with a table by type" \
    comp-plan lead --type renewal --tier 0:3
for p in a b c d e; do setup comp-plan std --product p$p --tier 0:1; done
bad 1 "comp-plan: plan 'std': more than 8 tier tables (the general one and a table per product and type)
comp-plan: nothing was changed" "comp-plan: a ninth table" comp-plan std --product pf --tier 0:1
run comp-plan std --product pa --tier 0:2
expect_status 0 "comp-plan: a table that exists may change when there are eight"
bad 1 "deal-add: type 'upsell' is not new, renewal or expansion
deal-add: nothing was changed" "deal-add: an unknown type" \
    deal-add --rep anna --account acme --amount 5 --type upsell
printf 'rep\taccount\tamount\ttype\nanna\tacme\t5\tnew\nanna\tacme\t6\tRenewal\n' >"$T/in"
snapshot
run_in "$T/in" deal-add --from -
expect_status 1 "deal-add --from -: a bad type in a row: exit 1"
expect_err_has "stdin:3: type 'Renewal' is not new, renewal or expansion" "the row's line named"
expect_unchanged "deal-add --from -: nothing written, not even the good row"

# sales-check: a bad type in the ledger or in comp-tiers.tsv, a ninth table.
settle "$SALESMGR_DIR"
cp -R "$SALESMGR_DIR" "$T/keep"
sed '3s/renewal$/renew/' "$T/keep/deals/2026-09.tsv" >"$SALESMGR_DIR/deals/2026-09.tsv"
bad 1 "sales-check: deals/2026-09.tsv:3: type 'renew' is not one of the allowed values" \
    "sales-check: a bad type in the ledger" sales-check
run comp-calc --period 2026-09
expect_fail 1 "comp-calc: deals/2026-09.tsv:3: unknown type 'renew'; run sales-check" \
    "comp-calc: a bad type in the ledger is fatal, naming the line"
cp "$T/keep/deals/2026-09.tsv" "$SALESMGR_DIR/deals/2026-09.tsv"
printf 'std\t0\t3\t\tupsell\n' >>"$SALESMGR_DIR/comp-tiers.tsv"
run sales-check
expect_status 1 "sales-check: a bad type in comp-tiers.tsv: exit 1"
expect_err_has "comp-tiers.tsv:$(wc -l <"$SALESMGR_DIR/comp-tiers.tsv"): type 'upsell' is not one of the allowed values" \
    "the tier's line named"
cp "$T/keep/comp-tiers.tsv" "$SALESMGR_DIR/comp-tiers.tsv"
printf 'std\t0\t3\tpf\t\n' >>"$SALESMGR_DIR/comp-tiers.tsv"
run sales-check
expect_status 1 "sales-check: a ninth table: exit 1"
expect_err_has "plan 'std': more than 8 tier tables" "the plan named"
run comp-calc --period 2026-10
expect_fail 1 "plan 'std' has more than 8 tier tables; run sales-check" "comp-calc refuses it"
cp "$T/keep/comp-tiers.tsv" "$SALESMGR_DIR/comp-tiers.tsv"
run sales-check
expect_status 0 "sales-check: sound again"

# Generated data: products from sales-gen, types added by deal number;
# plans with tables by product, by type and by both, marginal and flat,
# with a threshold, a cap and clawbacks; every month and quarter against
# the oracle.
g=$T/gen
export SALESMGR_DIR=$g SALESMGR_TODAY=2026-11-26
sales-gen -q --seed 11 --reps 30 --deals 3000 --months 14 "$g" || not_ok "sales-gen"
for f in "$g"/deals/*.tsv; do
	awk 'BEGIN { FS = OFS = "\t" }
	    NR == 1 { print $0, "currency", "currency_amount", "split", "type"; next }
	    { n = substr($2, 2) + 0
	      print $0, "", "", "", n % 3 == 0 ? "renewal" : n % 7 == 0 ? "expansion" : n % 11 == 0 ? "new" : "" }' \
	    "$f" >"$T/month" && cat "$T/month" >"$f"
done
rmdata "$g/cache"	# a cache, never the truth: the months changed under it
setup comp-plan std --tier 0:5 --tier 100:8 --tier 150:10 --threshold 50 --clawback-days 90
setup comp-plan std --type renewal --tier 0:3 --tier 100:6
setup comp-plan std --product cloud --tier 0:9
setup comp-plan std --product cloud --type expansion --tier 0:12 --tier 120:14.5
setup comp-plan acc --mode flat --tier 0:3 --tier 80:6.5 --tier 120:9.25 --cap 4000 --clawback-days 60
setup comp-plan acc --type expansion --tier 0:4 --tier 100:7
setup comp-plan acc --product support --type renewal --tier 0:1.5
setup comp-plan low --tier 20:4 --tier 90:7.75
setup comp-plan low --product analytics --tier 0:2
rep-list --all | awk 'BEGIN { FS = OFS = "\t"; print "rep", "plan" }
    NR > 1 { n++; print $1, n % 4 == 0 ? "" : n % 4 == 1 ? "std" : n % 4 == 2 ? "acc" : "low" }' >"$T/plans"
setup rep-edit --from "$T/plans"
deal-list --won | awk 'BEGIN { FS = OFS = "\t"; print "deal", "date" }
    NR > 1 { n = substr($1, 2) + 0; if (n % 5 == 0 && $10 < "2026-10-01") print $1, "2026-10-15" }' \
    >"$T/cancels"
setup deal-cancel --from "$T/cancels"
run sales-check
expect_status 0 "the generated data with types is sound"
for p in 2026-05 2026-06 2026-09 2026-10 2026-Q2 2026-Q3; do
	against_oracle "$g" $p "$p: every rep's pay, by product and type tables, equals the awk computation"
done
for p in 2026-Q2 2026-Q3; do comp-calc --period $p --statement; done >"$T/st"
for t in "product cloud, type expansion" "product cloud" "type renewal" "type expansion" \
    "product support, type renewal" "product analytics" general; do
	check "generated data pays deals from the $t table" \
	    test "$(grep -c "of the $t table	" "$T/st")" -gt 0
done
check "every statement adds up" awk -F'\t' '
    $1 != "period" { gsub(/\./, "", $10) }
    $4 == "won" { w[$1, $2] += $10 } $4 == "tier" { t[$1, $2] += $10 }
    $4 == "commission" { c[$1, $2] = $10 + 0 }
    END { for (r in c) if (w[r] != c[r] || t[r] != c[r]) exit 1 }' "$T/st"

# A wrong rule fails the same check: the oracle paying every deal from the
# general table (the tiers by product or type left out) disagrees.
awk -F'\t' 'NR == 1 || ($4 == "" && $5 == "")' "$g/comp-tiers.tsv" >"$T/general-only"
wrong=0
for p in 2026-09 2026-Q3; do
	oracle_of "$g" $p "$T/general-only" >"$T/oracle"
	comp-calc --period $p | sum_cols | sort >"$T/mine"
	cmp -s "$T/oracle" "$T/mine" || wrong=$((wrong + 1))
done
check "the general table for every deal is caught (differs in $wrong of 2 periods)" test $wrong -eq 2
done_testing
