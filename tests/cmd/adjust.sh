# comp-adjust: spifs, bonuses, adjustments, draws and recoveries on a
# rep's statement; every bad input refused with nothing written; --from and
# a pipe; comp-calc's draws over four months against tests/oracle/draw.awk
# and tests/oracle/comp.awk; --lock in order while a balance carries.
. "$(dirname "$0")/lib.sh"
SALESMGR_TODAY=2027-01-05	# September to December are over
oracle=$top/tests/oracle/comp.awk
cents=$top/tests/oracle/money.awk	# the oracles' money
draws=$top/tests/oracle/draw.awk

init
team-add north --name North
for r in dan gus hal; do
	rep-add $r --name "$(printf %s $r | sed 's/^./\U&/')" --team north --hired 2025-01-01
done
comp-plan std --tier 0:5 --tier 100:8
for r in dan gus hal; do rep-edit $r --plan std; done
for m in 2026-09 2026-10 2026-11 2026-12; do
	for r in dan gus hal; do quota-set $m $r 100000; done
done

# Normal use.
run comp-adjust dan 2026-09 3000 --kind draw --reason "ramp-up draw"
expect_status 0 "a recoverable draw"
expect_out_empty "prints nothing when not on a terminal"
expect_err_empty "and says nothing"
check "adjustments.tsv has the line, recoverable by default, dated today" \
    test "$(rows adjustments.tsv)" = "2026-09	dan	draw	3000.00	ramp-up draw	yes	2027-01-05"
run sales-log
expect_out_has "add draw 3000.00 for rep dan in 2026-09 (ramp-up draw)" "the audit log has it"
run comp-adjust gus 2026-10 2,000.00 --kind draw --recoverable no --reason "guarantee"
expect_status 0 "a guarantee"
run comp-adjust dan 2026-11 500 --kind spif --reason "Q4 push" -n
expect_status 0 "-n"
expect_out "would add spif 500.00 for rep dan in 2026-11 (Q4 push)" "-n shows what it would add"
check "and adds nothing" test "$(rows adjustments.tsv | wc -l)" -eq 2
printf 'rep\tperiod\tamount\tkind\treason\n' >"$T/in"
for m in 2026-10 2026-11 2026-12; do printf 'dan\t%s\t3000\tdraw\tramp-up draw\n' $m >>"$T/in"; done
printf 'dan\t2026-11\t500\tspif\tQ4 push\n' >>"$T/in"
printf 'dan\t2026-11\t1000\trecovery\tadvance repaid\n' >>"$T/in"
printf 'hal\t2026-12\t-250.50\tadjustment\tdisputed deal D1, settled\n' >>"$T/in"
printf 'hal\t2026-12\t1000\tbonus\tpresident'"'"'s club\n' >>"$T/in"
run_in "$T/in" comp-adjust --from -
expect_status 0 "--from -"
check "takes every row" test "$(rows adjustments.tsv | wc -l)" -eq 9
sh -c 'printf "rep\tperiod\tamount\tkind\treason\ngus\t2026-11\t2000\tdraw\tguarantee\n" |
    comp-adjust --from -' >"$T/out" 2>"$T/err"
expect_status 0 "in a pipe"
check "gus's November guarantee is recoverable unless told" \
    test "$(rows adjustments.tsv | awk -F'\t' '$2 == "gus" && $1 == "2026-11" { print $6 }')" = yes

# Bad input: a message, status 1, nothing written.
snapshot
bad 1 "comp-adjust: unknown rep 'dna' (did you mean 'dan'?)
comp-adjust: nothing was changed" "an unknown rep" comp-adjust dna 2026-10 5 --kind spif --reason x
bad 1 "comp-adjust: period '2026-10-05' is not a pay period (a week, month, quarter or year, like 2026-11)
comp-adjust: nothing was changed" "a day is no pay period" comp-adjust dan 2026-10-05 5 --kind spif --reason x
bad 1 "comp-adjust: unknown kind 'spiff' (want spif, bonus, adjustment, draw or recovery)
comp-adjust: nothing was changed" "an unknown kind" comp-adjust dan 2026-10 5 --kind spiff --reason x
bad 1 "comp-adjust: no kind given (use --kind)
comp-adjust: nothing was changed" "no kind" comp-adjust dan 2026-10 5 --reason x
bad 1 "comp-adjust: no reason given (use --reason: the rep's statement shows it)
comp-adjust: nothing was changed" "no reason" comp-adjust dan 2026-10 5 --kind bonus
bad 1 "comp-adjust: amount '-5' of a bonus must be more than 0 (take pay back with --kind adjustment)
comp-adjust: nothing was changed" "a negative bonus" comp-adjust dan 2026-10 --kind bonus --reason x -- -5
bad 1 "comp-adjust: amount '0' is zero
comp-adjust: nothing was changed" "a zero adjustment" comp-adjust dan 2026-10 0 --kind adjustment --reason x
bad 1 "comp-adjust: amount '5x' is not an amount (write 1234.56 or 1,234.56)
comp-adjust: nothing was changed" "a bad amount" comp-adjust dan 2026-10 5x --kind bonus --reason x
bad 1 "comp-adjust: recoverable 'no' is for a draw only
comp-adjust: nothing was changed" "--recoverable without a draw" comp-adjust dan 2026-10 5 --kind bonus --reason x --recoverable no
bad 1 "comp-adjust: recoverable 'maybe' is not yes or no
comp-adjust: nothing was changed" "--recoverable maybe" comp-adjust dan 2026-10 5 --kind draw --reason x --recoverable maybe
bad_usage "usage: comp-adjust REP PERIOD AMOUNT --kind KIND --reason TEXT" "no amount" comp-adjust dan 2026-10 --kind bonus --reason x
printf 'rep\tperiod\tamount\tkind\treason\ndan\t2026-10\t5\tbonus\tok\nbob\t2026-10\t5\tbonus\tx\ndan\t2026-10\t5\tbonus\t\n' >"$T/bad"
bad 1 "comp-adjust: $T/bad:3: unknown rep 'bob' (add it with rep-add)
comp-adjust: $T/bad:4: no reason given (use --reason: the rep's statement shows it)
comp-adjust: nothing was changed" "every bad row of --from is reported, the good one not written" \
    comp-adjust --from "$T/bad"

# The pay: earned, from comp.awk, around which the draws are paid.
while read rep amount won; do
	book $rep $amount $won 2026-09-01
done <<'DEALS'
dan 100000 2026-10-10
dan 200000 2026-12-10
gus 100000 2026-11-10
hal 20000 2026-12-03
DEALS
# dan: September draws 3,000.00 (owed 3,000.00); October earns 5,000.00,
# 2,000.00 above the draw, which pays back 2,000.00 (owes 1,000.00);
# November draws 3,000.00 more, a recovery takes back 1,000.00, a spif
# pays 500.00 (owes 3,000.00); December earns 13,000.00: 10,000.00 above
# the draw, of which 3,000.00 pays back the rest.
run comp-calc --period 2026-11 --rep dan --statement --no-header
expect_out "2026-11	dan	std	quota				100000.00			2026-11	
2026-11	dan	std	revenue				0.00	0.0		won in the period, less the wins cancelled in it	
2026-11	dan	std	tier			0	0.00	5	0.00	0% to 100% of quota	
2026-11	dan	std	commission				0.00		0.00	marginal	
2026-11	dan	std	spif						500.00	Q4 push	
2026-11	dan	std	draw				3000.00		3000.00	earned 0.00, below the 3000.00 draw: recoverable, added to the balance	
2026-11	dan	std	recovery				1000.00		-1000.00	advance repaid	
2026-11	dan	std	balance				3000.00			draw balance: 1000.00 carried in from 2026-10, 3000.00 drawn, 1000.00 paid back	
2026-11	dan	std	payout						2500.00		" "dan's November, line by line"
months="2026-09 2026-10 2026-11 2026-12"
for m in $months; do
	awk -v period=$m -f "$cents" -f "$top/tests/oracle/days.awk" -f "$oracle" "$SALESMGR_DIR/reps.tsv" "$SALESMGR_DIR/comp-plans.tsv" \
	    "$SALESMGR_DIR/comp-tiers.tsv" "$SALESMGR_DIR/quotas.tsv" "$SALESMGR_DIR"/deals/*.tsv |
	    awk -F'\t' -v m=$m 'BEGIN { OFS = "\t" } { print $1, m, $10 }'
done >"$T/earned"
awk -v months="$months" -f "$cents" -f "$draws" "$T/earned" "$SALESMGR_DIR/adjustments.tsv" | sort >"$T/oracle"
for m in $months; do
	comp-calc --period $m --no-header | awk -F'\t' 'BEGIN { OFS = "\t" } { print $2, $1, $14, $15, $16, $13 }'
done | sort >"$T/mine"
if [ -s "$T/mine" ] && cmp -s "$T/oracle" "$T/mine"; then
	ok "four months of draws, spifs, bonuses and adjustments equal the awk computation"
else
	not_ok "draws differ from the awk computation" "$(diff "$T/oracle" "$T/mine" | head -8 | tr '\n' '|')"
fi
check "dan's December pays 7000.00 and owes nothing" \
    grep -q "^dan	2026-12	0.00	-3000.00	0.00	10000.00\$" "$T/mine"
check "gus's guarantee is paid and never recovered" \
    grep -q "^gus	2026-11	0.00	0.00	0.00	5000.00\$" "$T/mine"

# Locking: a balance carries, so the months lock in order.
run comp-calc --period 2026-11 --rep dan --lock
expect_fail 1 "comp-calc: rep 'dan': lock 2026-10 first: its draw balance carries into 2026-11" \
    "a month whose balance comes from an open one is not locked"
for m in 2026-09 2026-10 2026-11; do comp-calc --period $m --rep dan --lock; done
check "in order, they lock" test -f "$SALESMGR_DIR/payouts/2026-11.tsv"
check "November's locked balance is 3000.00" grep -q "^2026-11	dan	std	balance				3000.00		" \
    "$SALESMGR_DIR/payouts/2026-11.tsv"
snapshot
bad 1 "comp-adjust: 2026-11 is locked for rep 'dan' (payouts/2026-11.tsv): give an open period
comp-adjust: nothing was changed" "a locked period takes no new line" \
    comp-adjust dan 2026-11 100 --kind bonus --reason late
run comp-calc --period 2026-12 --rep dan --no-header
expect_out "2026-12	dan	Dan	north	std	100000.00	200000.00	200.0	100	13000.00	0.00	0.00	10000.00	0.00	-3000.00	0.00		" \
    "December takes its opening balance from the locked November"
run sales-check
expect_status 0 "sales-check accepts adjustments.tsv"
printf '2026-13\tdan\tspif\tx\t\t\t\n' >>"$SALESMGR_DIR/adjustments.tsv"
run sales-check
expect_status 1 "sales-check: a hand-edited bad row"
expect_err_has "adjustments.tsv:" "is reported with its line"

done_testing
