# Manager overrides (comp-plan --mode override): the rate on each deal of
# the manager's organisation by the organisation of the day of the win, a
# reorganisation in the middle of a month, a cancel in the month, the cap,
# --lock; every bad plan; and generated history with reorganisations
# against the awk oracle (tests/oracle/org.awk, mode override).
. "$(dirname "$0")/lib.sh"
SALESMGR_TODAY=2026-12-03
oracle=$top/tests/oracle/org.awk
cents=$top/tests/oracle/money.awk

# The worked example of comp-plan(1) and comp-calc(1): anna wins D1 under
# mia, moves to sam's team on 15 October, wins D2 there; bob's D3 is won
# and cancelled in October.
init
team-add north --name North
team-add south --name South
rep-add mia --name Mia --team north --hired 2025-01-01
rep-add sam --name Sam --team south --hired 2025-01-01
team-edit north --manager mia --date 2025-01-01
team-edit south --manager sam --date 2025-01-01
rep-add anna --name Anna --team north --hired 2025-01-01
rep-add bob --name Bob --team south --hired 2025-01-01
run comp-plan lead --mode override --tier 0:2 --cap 5000
expect_status 0 "comp-plan --mode override"
check "comp-plans.tsv holds the mode" grep -q "^lead		override		5000.00	" "$SALESMGR_DIR/comp-plans.tsv"
rep-edit mia --plan lead
rep-edit sam --plan lead
book anna 10000 2026-10-05	# D1
rep-edit anna --team south --date 2026-10-15
book anna 2500.75 2026-10-20	# D2
book bob 3000 2026-10-06	# D3
deal-cancel -q D3 --date 2026-10-25

run comp-calc --period 2026-10 --statement --rep mia
expect_out "period	rep	plan	kind	deal	date	tier	amount	pct	commission	note	locked
2026-10	mia	lead	override	D1	2026-10-05		10000.00	2	200.00	won by anna	
2026-10	mia	lead	revenue				10000.00			won in the period by the reps under mia, less the wins cancelled in it	
2026-10	mia	lead	commission				10000.00	2	200.00	override	
2026-10	mia	lead	payout						200.00		" \
    "mia: anna's win before the move, line by line"
run comp-calc --period 2026-10 --statement --rep sam
expect_out "period	rep	plan	kind	deal	date	tier	amount	pct	commission	note	locked
2026-10	sam	lead	override	D3	2026-10-06		3000.00	2	0.00	won by bob, cancelled 2026-10-25, in this period	
2026-10	sam	lead	override	D2	2026-10-20		2500.75	2	50.02	won by anna	
2026-10	sam	lead	cancel	D3	2026-10-25		-3000.00		0.00	undoes the win of 2026-10-06, in this period	
2026-10	sam	lead	revenue				2500.75			won in the period by the reps under sam, less the wins cancelled in it	
2026-10	sam	lead	commission				2500.75	2	50.02	override	
2026-10	sam	lead	payout						50.02		" \
    "sam: anna's win after the move (50.015 rounded up), bob's cancelled one at 0.00"
run comp-calc --period 2026-10 --no-header
expect_out "2026-10	mia	Mia	north	lead		10000.00			200.00	0.00	0.00	200.00	0.00	0.00			
2026-10	sam	Sam	south	lead		2500.75			50.02	0.00	0.00	50.02	0.00	0.00			" \
    "the summary: revenue credited and the override, no quota"
for m in mia sam; do
	awk -v mode=override -v under=$m -v bp=200 -v from=2026-10-01 -v to=2026-10-31 -f "$cents" -f "$oracle" \
	    "$SALESMGR_DIR/stages.tsv" "$SALESMGR_DIR/reps.tsv" "$SALESMGR_DIR/teams.tsv" \
	    "$SALESMGR_DIR/org.tsv" "$SALESMGR_DIR"/deals/*.tsv | sort >"$T/want"
	comp-calc --period 2026-10 --rep $m --statement | awk -F'\t' 'BEGIN { OFS = "\t" }
	    $4 == "override" { print $5, $8, $10 } $4 == "commission" { print "total", $8, $10 }' |
	    sort >"$T/got"
	check "$m: the lines equal the oracle's" cmp -s "$T/want" "$T/got"
done

# The cap withholds what is above it.
comp-plan tight --mode override --tier 0:2 --cap 150
rep-edit mia --plan tight
run comp-calc --period 2026-10 --rep mia --no-header
expect_out "2026-10	mia	Mia	north	tight		10000.00			200.00	0.00	50.00	150.00	0.00	0.00			capped at 150.00" \
    "an override is capped like any plan"
rep-edit mia --plan lead

# In a pipe: the override lines of the team's statements, summed.
run sh -c 'comp-calc --period 2026-10 --statement --team south -o tsv |
    awk -F"\t" "\$4 == \"override\" { s += \$10 * 100 } END { printf \"%.2f\\n\", s / 100 }"'
expect_out "50.02" "the statement lines in a pipe"

# --lock keeps the lines; the locked statement reads back the same.
comp-calc --period 2026-10 --rep sam --statement >"$T/before"
run comp-calc --period 2026-10 --lock
expect_status 0 "comp-calc --lock with override plans"
check "the override lines are locked" grep -q "^2026-10	sam	lead	override	D2	2026-10-20		2500.75	2	50.02	won by anna	2026-12-03\$" \
    "$SALESMGR_DIR/payouts/2026-10.tsv"
comp-calc --period 2026-10 --rep sam --statement | cut -f1-11 >"$T/after"
cut -f1-11 "$T/before" >"$T/before11"
check "the locked statement is the computed one" cmp -s "$T/before11" "$T/after"
run sales-check
expect_status 0 "sales-check accepts the locked override lines"
# A win booked after the lock in the locked month is not the manager's own
# late event: the override stays as locked.
book mia 1000 2026-10-28	# D4, mia's own
run comp-calc --period 2026-11 --rep mia --statement
check "a manager's own win is no late event of their override" \
    test "$(grep -c adjustment "$T/out")" -eq 0

# Late events of the organisation: a win of anna's (under sam since the
# 15th) and a cancel of her D2, dated in the locked October, booked after
# its lock, are paid as adjustments in sam's November; with the oracle:
# October computed now less what was locked.
book anna 4000 2026-10-22	# D5
deal-cancel -q D2 --date 2026-10-30
run comp-calc --period 2026-11 --rep sam --statement
expect_out "period	rep	plan	kind	deal	date	tier	amount	pct	commission	note	locked
2026-11	sam	lead	revenue				0.00			won in the period by the reps under sam, less the wins cancelled in it	
2026-11	sam	lead	commission				0.00	2	0.00	override	
2026-11	sam	lead	adjustment	D5	2026-10-22		4000.00		80.00	won 2026-10-22 in 2026-10, locked 2026-12-03: booked after the lock	
2026-11	sam	lead	adjustment	D2	2026-10-30		-2500.75		-50.02	cancelled 2026-10-30 in 2026-10, locked 2026-12-03: booked after the lock	
2026-11	sam	lead	payout						29.98	with events booked after a lock	" \
    "sam's November pays the late win and takes back the late cancel"
expect_err "comp-calc: rep 'sam': 2 events dated in a locked period, booked after its lock, are paid as adjustments in 2026-11" \
    "and says so"
awk -v mode=override -v under=sam -v bp=200 -v from=2026-10-01 -v to=2026-10-31 -f "$cents" -f "$oracle" \
    "$SALESMGR_DIR/stages.tsv" "$SALESMGR_DIR/reps.tsv" "$SALESMGR_DIR/teams.tsv" \
    "$SALESMGR_DIR/org.tsv" "$SALESMGR_DIR"/deals/*.tsv | awk -F'\t' '$1 == "total" { print $3 }' >"$T/now"
check "the oracle's October for sam is now 80.00" test "$(cat "$T/now")" = "80.00"
check "the adjustments are the oracle's October less the locked 50.02" \
    test "$(comp-calc --period 2026-11 --rep sam --no-header | cut -f14)" = "29.98"
check "mia's November has none of them" sh -c \
    "comp-calc --period 2026-11 --rep mia --statement | grep -c adjustment | grep -qx 0"
run sales-check
expect_err_has "sales-check: payouts/2026-10.tsv: rep 'sam': D5 won 2026-10-22 was booked after the lock of 2026-12-03" \
    "sales-check tells the late win"
expect_err_has "rep 'sam': D2 cancelled 2026-10-30 was booked after the lock" "and the late cancel"
run comp-calc --period 2026-11 --rep sam --lock
expect_status 0 "November locked with its adjustments"
run comp-calc --period 2026-12 --rep sam --statement --today 2027-01-05
check "December pays them no second time" test "$(grep -c adjustment "$T/out")" -eq 0
run sales-check
check "sales-check has no late event of sam's left" test "$(grep -c "rep 'sam'" "$T/err")" -eq 0

# Every bad plan: exact message, exit 1, nothing written.
bad 1 "comp-plan: plan 'x': an override pays one rate: give one --tier 0:RATE (like --tier 0:2)
comp-plan: nothing was changed" "two tiers" comp-plan x --mode override --tier '0:2 100:3'
bad 1 "comp-plan: plan 'x': an override pays one rate: give one --tier 0:RATE (like --tier 0:2)
comp-plan: nothing was changed" "a tier from 10" comp-plan x --mode override --tier 10:2
bad 1 "comp-plan: plan 'x': an override has no threshold (give --threshold '')
comp-plan: nothing was changed" "a threshold" comp-plan x --mode override --tier 0:2 --threshold 50
bad 1 "comp-plan: plan 'x': an override claws nothing back (give --clawback-days '' --clawback-rate '')
comp-plan: nothing was changed" "a clawback" comp-plan x --mode override --tier 0:2 --clawback-days 30
bad 1 "comp-plan: unknown mode 'over' (want marginal, flat or override)
comp-plan: nothing was changed" "an unknown mode" comp-plan x --mode over --tier 0:2
comp-plan -q std --tier 0:5 --threshold 50
bad 1 "comp-plan: plan 'std': an override has no threshold (give --threshold '')
comp-plan: nothing was changed" "a plan with a threshold made an override" \
    comp-plan std --mode override --tier 0:2
printf 'plan\tmode\ttier\nx\toverride\t0:2 50:3\n' >"$T/in"
snapshot
run_in "$T/in" comp-plan --from -
expect_fail 1 "comp-plan: stdin:2: plan 'x': an override pays one rate" "--from: a bad override row"
expect_unchanged "--from: nothing written"
# From a pipe: the list gives the plans back as they are.
snapshot
run sh -c 'comp-plan --list | comp-plan --from -'
expect_status 0 "comp-plan --list | comp-plan --from -"
expect_unchanged "override plans read back unchanged"

# A plan edited by hand into a bad override: sales-check says so.
printf 'lead\t50\t3\n' >>"$SALESMGR_DIR/comp-tiers.tsv"
run sales-check
expect_status 1 "sales-check: an override with two tiers: exit 1"
expect_err_has "sales-check: comp-plans.tsv:2: plan 'lead': an override pays one rate: give one --tier 0:RATE (like --tier 0:2)" \
    "the plan named, and why"

# Generated history with reorganisations: every manager on an override
# plan, each month and quarter against the oracle.
g=$T/gen
sales-gen -q --seed 7 --reps 40 --deals 3000 --reorgs 12 "$g" ||
    { echo "not ok - sales-gen --reorgs failed"; exit 1; }
comp-plan -q -D "$g" boss --mode override --tier 0:1.25
managers=$( (cut -f3 "$g/teams.tsv"; awk -F'\t' '$3 == "manager" { print $5 }' "$g/org.tsv") |
    grep '^r[0-9]' | sort -u)
check "the generated organisation has managers" test "$(echo "$managers" | wc -w)" -ge 3
for m in $managers; do setup rep-edit -D "$g" "$m" --plan boss; done
for p in 2026-03 2026-Q2 2026-Q3 2026-10; do
	case $p in
	2026-03) from=2026-03-01 to=2026-03-31 ;; 2026-Q2) from=2026-04-01 to=2026-06-30 ;;
	2026-Q3) from=2026-07-01 to=2026-09-30 ;; 2026-10) from=2026-10-01 to=2026-10-31 ;;
	esac
	comp-calc -D "$g" --period $p --statement -o tsv >"$T/stmt" 2>"$T/err"
	for m in $managers; do
		# shellcheck disable=SC2046
		awk -v mode=override -v under=$m -v bp=125 -v from=$from -v to=$to -f "$cents" -f "$oracle" \
		    "$g/stages.tsv" "$g/reps.tsv" "$g/teams.tsv" "$g/org.tsv" $(ls "$g"/deals/*.tsv) |
		    sed "s/^/$m	/" >>"$T/want.$p"
		awk -F'\t' -v m=$m 'BEGIN { OFS = "\t" } $2 == m && $4 == "override" { print m, $5, $8, $10 }
		    $2 == m && $4 == "commission" { print m, "total", $8, $10 }' "$T/stmt" >>"$T/got.$p"
	done
	sort "$T/want.$p" >"$T/want"
	sort "$T/got.$p" >"$T/got"
	lines=$(grep -vc '	total	' "$T/want")
	if [ "$lines" -gt 20 ] && cmp -s "$T/want" "$T/got"; then
		ok "$p: $lines override lines and every manager's total equal the oracle's"
	else
		not_ok "$p: override lines equal the oracle's" "$lines lines" \
		    "$(diff "$T/want" "$T/got" | head -6 | tr '\n' '|')" "$(head -c 300 "$T/err")"
	fi
done
# A rep moved between managers in the month is credited to both, by date.
moved=$(awk -F'\t' '$1 == "rep" && ($3 == "team" || $3 == "manager") && $4 ~ /^2026-(0[4-9]|10)/' \
    "$g/org.tsv" | wc -l)
check "the generated periods hold reorganisations" test "$moved" -gt 0

done_testing
