# deal-age --team and deal-reasons --team: the deals of the reps on the
# team today, by the dated organisation; the team's reps by
# tests/oracle/org.awk, the lost reasons by tests/oracle/reasons.awk; bad
# input; deal-age --team in a pipe.
. "$(dirname "$0")/lib.sh"
oracle=$top/tests/oracle/org.awk
sales-gen -q --seed 4 --reps 16 --deals 1500 --months 6 "$SALESMGR_DIR" ||
    { echo "not ok - sales-gen failed"; exit 1; }
d=$SALESMGR_DIR
# r0011 joins t01 before today, r0004 leaves it for t02 only after today.
setup rep-edit r0011 --team t01 --date 2026-11-01 --today 2026-11-20
setup rep-edit r0004 --team t02 --date 2026-12-01 --today 2026-12-01
awk -v mode=scope -v day=2026-11-26 -v team=t01 -f "$top/tests/oracle/money.awk" -f "$oracle" \
    "$d/reps.tsv" "$d/teams.tsv" "$d/org.tsv" | sort >"$T/on"
check "the oracle's t01 today: r0011 in, r0004 still in, r0012 not" \
    sh -c 'grep -qx r0011 "$0" && grep -qx r0004 "$0" && ! grep -qx r0012 "$0"' "$T/on"

# --- deal-age --team: every open deal of those reps, no other
run deal-age --team t01 --no-header
expect_status 0 "deal-age --team t01: exit 0"
cut -f2 "$T/out" | sort -u >"$T/got"
check "deal-age --team t01: only the team's reps today" sh -c '! comm -23 "$0" "$1" | grep -q .' \
    "$T/got" "$T/on"
check "deal-age --team t01: r0011's deals are there" grep -qx r0011 "$T/got"
deal-age --no-header | awk -F'\t' 'NR == FNR { on[$1] = 1; next } $2 in on' "$T/on" - >"$T/want"
check "deal-age --team t01: the rows of deal-age whose rep is on t01" cmp -s "$T/want" "$T/out"
SALESMGR_TODAY=2026-12-02 run deal-age --team t01 --no-header
check "deal-age --team t01 on 2026-12-02: r0004 has left" sh -c '! cut -f2 "$0" | grep -qx r0004' "$T/out"

# --- deal-reasons --team: the reasons of the team's lost deals
for by in reason rep; do
	awk -v from=2026-10-01 -v to=2026-12-31 -v by=$by -v only="$T/on" \
	    -f "$top/tests/oracle/money.awk" -f "$top/tests/oracle/reasons.awk" "$d/reps.tsv" "$d"/deals/*.tsv | sort >"$T/want"
	deal-reasons --team t01 --by $by --no-header |
	    awk -F'\t' -v OFS='\t' -v by=$by '{ if (by == "rep") $4 = ""; else $2 = ""; print }' |
	    sed 's/\t\t/\t/' | sort >"$T/got"
	if [ -s "$T/want" ] && cmp -s "$T/want" "$T/got"; then
		ok "deal-reasons --team t01 --by $by: as the oracle over the team's reps"
	else
		not_ok "deal-reasons --team t01 --by $by: as the oracle over the team's reps" \
		    "$(diff "$T/want" "$T/got" | head -6 | tr '\n' '|')"
	fi
done
n_all=$(deal-reasons --no-header | awk -F'\t' '{ s += $3 } END { print s }')
n_team=$(deal-reasons --team t01 --no-header | awk -F'\t' '{ s += $3 } END { print s }')
check "deal-reasons --team: fewer lost deals than everyone's ($n_team < $n_all)" \
    test "$n_team" -gt 0 -a "$n_team" -lt "$n_all"

# --- in a pipe: the team's deals idle for 30 days, lost (dry run)
run sh -c 'deal-age --team t01 --idle 30 | deal-lost --from - --reason timing -n'
expect_status 0 "deal-age --team | deal-lost --from - -n: exit 0"
check "deal-age --team | deal-lost -n: a line per deal" test "$(wc -l <"$T/out")" -eq \
    "$(deal-age --team t01 --idle 30 --no-header | wc -l)"

# --- bad input
bad 1 "deal-age: unknown team 't9' (see team-list)" "deal-age: an unknown team" \
    deal-age --team t9
bad 1 "deal-reasons: unknown team 't011' (did you mean 't01'?)" "deal-reasons: an unknown team" \
    deal-reasons --team t011
bad_usage "deal-age: --rep and --team: one or the other" "deal-age --rep --team" \
    deal-age --rep r0001 --team t01
bad_usage "deal-reasons: --rep and --team: one or the other" "deal-reasons --rep --team" \
    deal-reasons --rep r0001 --team t01
bad_usage "deal-age: --stages goes with none of --idle, --stage-days, --pushed, --rep and --team" \
    "deal-age --stages --team" deal-age --stages --team t01
done_testing
