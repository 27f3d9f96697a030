# plan-report --metric deals|new-accounts: the plan's targets of won deals
# and of new accounts (an account's first win that stands, ever) measured
# like quotas: attainment, expected, pace, gap, needed per day, rank and
# flag, against awk over the files (tests/oracle/org.awk: the dated team
# of the winning rep, won deals, first wins); a worked example by hand; bad
# input; a pipe.
. "$(dirname "$0")/lib.sh"
oracle=$top/tests/oracle/org.awk

# --- the worked example of plan-report(1)
init
team-add -q north --name North
rep-add -q anna --name Anna --team north --hired 2025-01-01
setup deal-add --rep anna --account acme --amount 100 --stage won --date 2026-06-01 \
    --closed 2026-06-10 --new-accounts
setup deal-add --rep anna --account acme --amount 200 --stage won --date 2026-10-01 \
    --closed 2026-10-05
setup deal-add --rep anna --account beta --amount 300 --stage won --date 2026-10-01 \
    --closed 2026-10-12 --new-accounts
setup deal-add --rep anna --account gamma --amount 400 --stage won --date 2026-10-01 \
    --closed 2026-10-20 --new-accounts
setup deal-cancel D4 --date 2026-10-25
setup deal-add --rep anna --account gamma --amount 500 --stage won --date 2026-11-01 \
    --closed 2026-11-03
setup plan-set 2026-Q4 team north 4 --metric new-accounts
setup plan-set 2026-Q4 team north 6 --metric deals
run plan-report --metric new-accounts
expect_status 0 "--metric new-accounts: exit 0"
expect_out "team	metric	target	target_period	actual	attainment	expected	pace	gap	days_left	needed_per_day	rank	flag
north	new-accounts	4	2026-Q4	2	50.0	2	on-track	2	35	0.1	1	" \
    "new accounts: beta and gamma (its cancelled win undone, won again), not acme (won in June)"
run plan-report --metric deals --no-header
expect_out "north	deals	6	2026-Q4	3	50.0	4	behind	3	35	0.1	1	" \
    "deals: acme, beta, gamma again (the cancelled win not counted); expected 6 x 57 / 92 = 4; 3 / 35 a day"
run plan-report --metric new-accounts --period 2026-Q2 --no-header
expect_out "north	new-accounts			1					0		1	" \
    "2026-Q2: acme is new then; no target, so no attainment"
run plan-report --no-header
expect_out "north			1000.00	1000.00		35	" \
    "without --metric: revenue, as before (no revenue target here)"

# --- bad input: exact message, exit 2, nothing written
bad 2 "plan-report: invalid --metric 'accounts': want revenue, deals or new-accounts" \
    "--metric accounts" plan-report --metric accounts
bad 2 "plan-report: invalid --metric 'activities': want revenue, deals or new-accounts" \
    "--metric activities" plan-report --metric activities

# --- generated data with a reorganisation, against the oracle
G=$T/gen
sales-gen -q --seed 5 --reps 16 --deals 1500 --months 8 "$G" ||
    { echo "not ok - sales-gen failed"; exit 1; }
export SALESMGR_DIR=$G
setup rep-edit r0011 --team t01 --date 2026-10-20 --today 2026-11-20
setup rep-edit r0004 --team t02 --date 2026-11-10 --today 2026-11-20
for m in new-accounts deals; do
	setup plan-set 2026-Q4 team t01 "$([ $m = deals ] && echo 60 || echo 25)" --metric $m
	setup plan-set 2026-Q4 team t02 "$([ $m = deals ] && echo 45 || echo 40)" --metric $m
done
files() { echo "$G/stages.tsv $G/reps.tsv $G/teams.tsv $G/org.tsv $(ls "$G"/deals/*.tsv)"; }
# want: "team actual" from the oracle -> the whole row as plan-report prints
# it: attainment = actual / target in tenths, expected = target x 57 / 92,
# each rounded half away from zero; 35 days left.
rowify() {
	awk -F'\t' -v OFS='\t' -v m="$1" -v plans="$G/plans.tsv" '
	    function rnd(n, d) { return int((2 * n + d) / (2 * d)) }
	    BEGIN { while ((getline line <plans) > 0) { split(line, f, "\t")
	                if (f[1] == "2026-Q4" && f[2] == "team" && f[4] == m) t[f[3]] = f[5] } }
	    $1 in t { a = $2; q = t[$1]; e = rnd(q * 57, 92); at = rnd(1000 * a, q)
	      pace = a >= e ? "on-track" : a * 10 < e * 9 ? "behind" : "at-risk"
	      gap = q - a; need = rnd((gap > 0 ? gap : 0) * 10, 35)
	      print $1, m, q, "2026-Q4", a, sprintf("%d.%d", at / 10, at % 10), e, pace, gap, 35,
	          sprintf("%d.%d", need / 10, need % 10), at, (a >= q ? "top" : "") }' |
	    sort -t "$(printf '\t')" -k12,12nr -k5,5nr |
	    awk -F'\t' -v OFS='\t' '{ $12 = NR; print }' | sort
}
# shellcheck disable=SC2046
awk -v mode=newacct -v from=2026-10-01 -v to=2026-11-26 -f "$top/tests/oracle/money.awk" -f "$oracle" $(files) |
    rowify new-accounts >"$T/want"
plan-report --metric new-accounts --no-header | sort >"$T/got"
if [ "$(wc -l <"$T/want")" -eq 2 ] && cmp -s "$T/want" "$T/got"; then
	ok "new accounts by team (dated), attainment, pace, rank: as the oracle"
else
	not_ok "new accounts by team (dated), attainment, pace, rank: as the oracle" \
	    "$(diff "$T/want" "$T/got" | tr '\n' '|')"
fi
# shellcheck disable=SC2046
awk -v mode=perf -v by=team -v from=2026-10-01 -v to=2026-11-26 -f "$top/tests/oracle/money.awk" -f "$oracle" $(files) |
    cut -f1,3 | rowify deals >"$T/want"
plan-report --metric deals --no-header | sort >"$T/got"
if [ "$(wc -l <"$T/want")" -eq 2 ] && cmp -s "$T/want" "$T/got"; then
	ok "won deals by team (dated), attainment, pace, rank: as the oracle"
else
	not_ok "won deals by team (dated), attainment, pace, rank: as the oracle" \
	    "$(diff "$T/want" "$T/got" | tr '\n' '|')"
fi
# The test can fail: new accounts are fewer than won deals.
check "new accounts are not the won deals" \
    test "$(plan-report --metric new-accounts --no-header | awk -F'\t' '{ s += $5 } END { print s }')" -lt \
    "$(plan-report --metric deals --no-header | awk -F'\t' '{ s += $5 } END { print s }')"

# --- a pipe: the teams that met their target, to a coaching note each lead
run sh -c "plan-report --metric deals --no-header | awk -F'\t' '\$13 == \"top\" { print \$1 }' | wc -l"
expect_status 0 "plan-report --metric deals | awk: exit 0"
check "the pipe counts the teams flagged top" test "$(cat "$T/out")" -eq \
    "$(awk -F'\t' '$13 == "top"' "$T/got" | wc -l)"
done_testing
