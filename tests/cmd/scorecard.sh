# rep-show's scorecard for a 1:1: the quarter's quota, won, attainment,
# pace and pipeline, the open and stale deals and the activity trend, on
# sales-gen data with planted stale deals, against the awk computations of
# perf-report (tests/oracle/perf.awk) and deal-age (tests/oracle/age.awk)
# and a count of the activity ledger.
. "$(dirname "$0")/lib.sh"
G=$T/gen
sales-gen -q --seed 11 --reps 12 --deals 1500 --months 9 "$G" || not_ok "sales-gen"
SALESMGR_DIR=$G
D=$G
# Two stale deals for r0003: opened 50 and 40 days ago, nothing since.
setup deal-add --rep r0003 --account a00001 --amount 100 --stage lead --date 2026-10-07
setup deal-add --rep r0003 --account a00002 --amount 200 --stage lead --date 2026-10-17
setup deal-add --rep r0003 --account a00003 --amount 300 --stage lead --date 2026-11-20

field() { awk -F'\t' -v f="$1" '$1 == f { print $2 }' "$T/show"; }
for r in r0003 r0007; do
	rep-show "$r" >"$T/show" 2>"$T/err"
	check "$r: rep-show exit 0" test ! -s "$T/err"
	check "$r: the quarter" test "$(field quarter)" = 2026-Q4
	got=$(printf '%s\t' "$r" "$(field quota)" "$(field won)" "$(field attainment)" \
	    "$(field pace)" "$(field pipeline)" "$(field weighted)")
	want=$(awk -v from=2026-10-01 -v to=2026-12-31 -v today="$SALESMGR_TODAY" \
	    -f "$top/tests/oracle/money.awk" -f "$top/tests/oracle/days.awk" -f "$top/tests/oracle/perf.awk" "$D/stages.tsv" "$D/quotas.tsv" "$D"/deals/*.tsv \
	    "$D"/activities/*.tsv | awk -F'\t' -v OFS='\t' -v r="$r" \
	    '$1 == r { print $1, $2, $3, $6, $8, $14, $15 "" }')
	if [ -n "$want" ] && [ "$got" = "$(printf '%s\t' $want | sed 's/\t$/\t/')" ]; then
		ok "$r: quota, won, attainment, pace and pipeline as perf.awk has them"
	else
		not_ok "$r: quota, won, attainment, pace and pipeline as perf.awk has them" \
		    "got:  $got" "want: $want"
	fi
	awk -v today="$SALESMGR_TODAY" -v mode=deals -f "$top/tests/oracle/days.awk" -f "$top/tests/oracle/age.awk" \
	    "$D/stages.tsv" "$D"/deals/*.tsv "$D"/activities/*.tsv >"$T/age"
	want=$(awk -F'\t' -v r="$r" '$2 == r { n++ } END { print n + 0 }' "$T/age")
	check "$r: deals_open $(field deals_open) = $want (age.awk)" test "$(field deals_open)" = "$want"
	want=$(awk -F'\t' -v OFS='\t' -v r="$r" '$2 == r && $14 >= 30 { print $14, substr($1, 2) }' \
	    "$T/age" | sort -k1,1nr -k2,2n | awk -F'\t' '{ printf "%sD%s (%s days)", (NR > 1 ? ", " : ""), $2, $1 }')
	check "$r: deals_stale '$(field deals_stale)' = '$want' (age.awk)" \
	    test "$(field deals_stale)" = "$want"
	want=$(cat "$D"/activities/*.tsv | awk -F'\t' -v r="$r" '$2 == r && $1 >= "2026-06-01" &&
	    $1 <= "2026-11-26" { n[substr($1, 1, 7)]++ }
	    END { for (m = 6; m <= 11; m++) { k = sprintf("2026-%02d", m)
	        printf "%s%s %d", (m > 6 ? ", " : ""), k, n[k] } }')
	check "$r: activity_trend '$(field activity_trend)' = '$want'" \
	    test "$(field activity_trend)" = "$want"
done
rep-show r0003 >"$T/show"
case $(field deals_stale) in
"D1501 (50 days), D1502 (40 days)"*) ok "the planted stale deals, most idle first" ;;
*) not_ok "the planted stale deals, most idle first" "deals_stale: $(field deals_stale)" ;;
esac
# stale_days in config.tsv moves the line.
printf 'stale_days\t45\n' >>"$D/config.tsv"
rep-show r0003 >"$T/show"
case $(field deals_stale) in
"D1501 (50 days)"*) ok "stale_days 45: the 40-day deal is no longer stale" ;;
*) not_ok "stale_days 45" "deals_stale: $(field deals_stale)" ;;
esac

# A fiscal year from February: the quarter is November to January.  The
# quota rows are read once for the quarter and the weak spots (the two
# calendar quarters before): each is what perf-report and rep-diagnose
# give on their own.
sed -i 's/^fiscal_year_start	.*/fiscal_year_start	2/' "$D/config.tsv"
for r in r0003 r0007 r0011; do
	rep-show "$r" >"$T/show"
	got=$(printf '%s\t' "$(field quota)" "$(field won)" "$(field attainment)" "$(field pace)")
	want=$(perf-report --rep "$r" -o tsv --no-header --columns quota,won,attainment,pace |
	    tr '\n' '\t')
	printf '%s\n' "$got" >>"$T/fiscal"
	check "fiscal year: $r's quarter '$got' is perf-report's" test "$got" = "$want"
	got=$(field weak)
	want=$(rep-diagnose "$r" -o tsv --no-header | awk -F'\t' '$11 == "weak" {
	    printf "%s %s (peers %s)%s%s\n", $2, $3, $4, ($12 != "" ? ": " $12 : ""),
	        ($13 != "" ? ", course " $13 : "") }')
	check "fiscal year: $r's weak spots are rep-diagnose's" test "$got" = "$want"
done
for r in r0003 r0007 r0011; do
	SALESMGR_DIR=$T/calendar
	rm -rf "$SALESMGR_DIR"
	cp -r "$D" "$SALESMGR_DIR"
	sed -i 's/^fiscal_year_start	.*/fiscal_year_start	1/' "$SALESMGR_DIR/config.tsv"
	rep-show "$r" >"$T/show"
	printf '%s\t' "$(field quota)" "$(field won)" "$(field attainment)" "$(field pace)"
	printf '\n'
	SALESMGR_DIR=$D
done >"$T/calendar.tsv"
check "fiscal year: the quarter is not the calendar's (another quota, or won)" \
    eval '! cmp -s "$T/fiscal" "$T/calendar.tsv"'
check "fiscal year: some rep has a weak spot" \
    eval 'for r in r0003 r0007 r0011; do rep-show $r | grep -q "^weak	" && exit 0; done; exit 1'
sed -i 's/^fiscal_year_start	.*/fiscal_year_start	1/' "$D/config.tsv"

# The quarter folds only the deals that the rep's lines name since the
# quarter began (history_deals_since()): every rep's figures are those of
# perf-report, which folds every deal, on a history with reorganisations
# (hand-overs, leavers), a split win with an overlay, a win of the quarter
# cancelled in it and one of before cancelled in it, and a deal lost by one
# rep, reopened and given to another.
R=$T/reorg
sales-gen -q --seed 5 --reps 30 --deals 3000 --months 9 --reorgs 6 "$R" ||
    not_ok "sales-gen --reorgs"
SALESMGR_DIR=$R
# open N: the Nth open deal with no event after 2026-11-19, and its rep
open() {
	deal-list --open --no-header --columns deal,rep,date |
	    awk -F'\t' -v OFS='\t' -v n="$1" '$3 < "2026-11-20" && ++k == n { print $1, $2 }'
}
o1=$(open 1) o2=$(open 2) o3=$(open 3)
w0=$(deal-list --won --period 2026-09 --no-header --columns deal | sed -n 1p)
r1=${o1#*	} r3=${o3#*	}
other=$(tail -n +2 "$R/reps.tsv" | cut -f1 | grep -vx "$r1" | sed -n 2p)
third=$(tail -n +2 "$R/reps.tsv" | cut -f1 | grep -vx "$r1" | grep -vx "$other" | sed -n 3p)
to=$(tail -n +2 "$R/reps.tsv" | cut -f1 | grep -vx "$r3" | sed -n 5p)
deal-split -q "${o1%%	*}" "$r1:60" "$other:40" --overlay "$third:10" --date 2026-11-20 &&
deal-won -q "${o1%%	*}" --date 2026-11-21 &&
deal-won -q "${o2%%	*}" --date 2026-11-20 && deal-cancel -q "${o2%%	*}" --date 2026-11-21 \
    --reason refund &&
deal-cancel -q "$w0" --date 2026-11-20 --reason refund &&
deal-lost -q "${o3%%	*}" --date 2026-11-20 --reason price &&
deal-move -q "${o3%%	*}" --stage qualified --date 2026-11-22 &&
deal-move -q "${o3%%	*}" --rep "$to" --date 2026-11-23 || not_ok "the quarter's events"
settle "$R"
perf-report --period 2026-Q4 -o tsv --no-header \
    --columns rep,quota,won,attainment,pace,pipeline,weighted | sort >"$T/want"
for r in $(tail -n +2 "$R/reps.tsv" | cut -f1); do
	rep-show "$r" -o tsv >"$T/show"
	printf '%s' "$r"
	for f in quota won attainment pace pipeline weighted; do printf '\t%s' "$(field $f)"; done
	printf '\n'
done | sort >"$T/got"
check "every rep's quarter in rep-show is perf-report's (folding every deal)" \
    eval 'test "$(wc -l <"$T/want")" -ge 30 && cmp -s "$T/want" "$T/got"'
# The open deals come from the same replay as the quarter, left at today
# (a later one, for stale deals): each rep's are age.awk's over the whole
# ledger.
later=2026-12-15
awk -v today=$later -v mode=deals -f "$top/tests/oracle/days.awk" \
    -f "$top/tests/oracle/age.awk" "$R/stages.tsv" "$R"/deals/*.tsv "$R"/activities/*.tsv \
    >"$T/age"
for r in $(tail -n +2 "$R/reps.tsv" | cut -f1); do
	rep-show "$r" --today $later -o tsv >"$T/show"
	printf '%s\t%s\t%s\n' "$r" "$(field deals_open)" "$(field deals_stale)" >>"$T/open-got"
	printf '%s\t%s\t' "$r" "$(awk -F'\t' -v r="$r" '$2 == r { n++ } END { print n + 0 }' "$T/age")"
	awk -F'\t' -v OFS='\t' -v r="$r" '$2 == r && $14 >= 30 { print $14, substr($1, 2) }' \
	    "$T/age" | sort -k1,1nr -k2,2n |
	    awk -F'\t' '{ printf "%sD%s (%s days)", (NR > 1 ? ", " : ""), $2, $1 }'
	printf '\n'
done >"$T/open-want"
check "every rep's open and stale deals in rep-show are age.awk's (after the hand-overs)" \
    eval 'test "$(awk -F"\t" "\$3 != \"\"" "$T/open-want" | wc -l)" -ge 10 &&
    cmp -s "$T/open-want" "$T/open-got"'
check "the split's, the cancels' and the hand-over's reps have figures of the quarter" \
    eval 'for r in "$r1" "$other" "$third" "$r3" "$to"; do grep "^$r	" "$T/got" | grep -qv "	0.00	.*	0.00	0.00$" || exit 1; done'

done_testing
