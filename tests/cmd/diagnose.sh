# rep-diagnose: planted weaknesses are found and nothing else; the peer
# statistics and intervals against an independent awk computation
# (tests/oracle/diagnose.awk); formats, pipes and bad input.
. "$(dirname "$0")/lib.sh"
gen=$top/tests/cmd/diagnose-gen.awk
oracle=$top/tests/oracle/diagnose.awk
# The default period for today 2026-11-26: the last two complete quarters.
from=2026-04-01 to=2026-09-30

# Columns the oracle computes, for the metrics it computes.
pick() {
	awk -F'\t' 'BEGIN { OFS = "\t" }
	    NR > 1 && ($2 == "activities_per_week" || $2 ~ /->/ || $2 == "win_rate" ||
	        $2 ~ /^lost_reason\./) {
		print $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 }' "$1" | sort
}
against_oracle() {	# against_oracle DIR what [--include-managers]
	d=$1
	awk -v from=$from -v to=$to -v today="$SALESMGR_TODAY" -v managers=${3:+1} \
	    -f "$top/tests/oracle/days.awk" -f "$oracle" "$d/config.tsv" "$d/teams.tsv" "$d/stages.tsv" \
	    "$d/reps.tsv" "$d"/deals/*.tsv "$d"/activities/*.tsv | sort >"$T/oracle"
	SALESMGR_DIR=$d rep-diagnose --all ${3:-} >"$T/diag" 2>"$T/err"
	pick "$T/diag" >"$T/mine"
	if [ -s "$T/mine" ] && cmp -s "$T/oracle" "$T/mine"; then
		ok "$2: values, peer median, p25, percentile, Wilson and Poisson intervals, verdicts equal awk's"
	else
		not_ok "$2: differs from the awk computation" \
		    "$(diff "$T/oracle" "$T/mine" | head -6 | tr '\n' '|')" "$(head -c 300 "$T/err")"
	fi
}
# Weak rows that name a skill: rep metric skill course.
weak() { awk -F'\t' '$11 == "weak" && $12 != "" { print $1, $2, $12, $13 }' "$1"; }

for seed in 1 2 5; do
	rmdata "$SALESMGR_DIR"
	init
	team-add t1 --name T1
	team-add t2 --name T2
	mkdir -p "$SALESMGR_DIR/deals" "$SALESMGR_DIR/activities"
	set -- $(awk -v seed=$seed -v dir="$SALESMGR_DIR" -f "$top/tests/oracle/days.awk" -f "$gen")
	a=$(printf 'r%02d' "$1") b=$(printf 'r%02d' "$2")
	check "seed $seed: the generated data passes sales-check" sales-check
	run rep-diagnose --all
	expect_status 0 "seed $seed: rep-diagnose --all"
	cp "$T/out" "$T/all"
	weak "$T/all" | grep "^$a " >"$T/w"
	expect_file "$T/w" "$a proposal->negotiation negotiation neg-201" \
	    "seed $seed: $a's planted proposal->negotiation is the one weak skill (neg-101 passed, so neg-201)"
	weak "$T/all" | grep "^$b " | cut -d' ' -f3 | sort -u >"$T/w"
	expect_file "$T/w" "prospecting" "seed $seed: $b's few activities point to prospecting only"
	weak "$T/all" | grep "^$b " | grep -vc ' activities_per_week' >"$T/w"
	expect_file "$T/w" "0" "seed $seed: and only activity metrics are weak"
	weak "$T/all" | grep "^$b activities_per_week " >"$T/w"
	expect_file "$T/w" "$b activities_per_week prospecting pro-101" \
	    "seed $seed: the expired pro-101 is suggested again, once"
	awk -F'\t' '$1 == "h21" && ($11 == "weak" || $11 == "strong")' "$T/all" >"$T/w"
	check "seed $seed: two lost deals of three make no weakness" test ! -s "$T/w"
	awk -F'\t' '$1 == "h21" && $2 == "proposal->negotiation" { print ($3 < $5) }' "$T/all" >"$T/w"
	expect_file "$T/w" "1" "seed $seed: though h21 is below the peers' 25th percentile there"
	weak "$T/all" | grep -v -e "^$a " -e "^$b " >"$T/w"
	check "seed $seed: no other rep has a weak skill" test ! -s "$T/w"
	awk -F'\t' '$1 == "r10" && $2 == "overdue_training" { print $3, $11 }' "$T/all" >"$T/w"
	expect_file "$T/w" "1 weak" "seed $seed: overdue training is weak"
	against_oracle "$SALESMGR_DIR" "seed $seed"
	against_oracle "$SALESMGR_DIR" "seed $seed, --include-managers" --include-managers
	cut -f1 "$T/all" | sort -u | grep -c -e '^r01$' -e '^r11$' >"$T/w"
	expect_file "$T/w" "0" "seed $seed: --all leaves out the leads (manager_roles)"
	# The same definitions as perf-report: win rate, average deal, cycle.
	rep-diagnose --all --include-managers >"$T/all"
	perf-report --period $from..$to | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    { print $1, $(c["win_rate"]), $(c["avg_deal"]), $(c["cycle_days"]) == "" ? "" : $(c["cycle_days"]) + 0 }' |
	    sort >"$T/perf"
	awk -F'\t' '$2 == "win_rate" { w[$1] = $3 } $2 == "avg_deal" { a[$1] = $3 }
	    $2 == "cycle_days" { c[$1] = $3 == "" ? "" : $3 + 0 }
	    END { for (r in w) print r, w[r], a[r], c[r] }' "$T/all" | sort >"$T/mine"
	check "seed $seed: win_rate, avg_deal and cycle_days equal perf-report's" cmp -s "$T/perf" "$T/mine"
done
for seed in 1 7; do
	g=$T/gen$seed
	sales-gen -q --seed $seed --reps 30 --deals 3000 --months 14 "$g" ||
	    not_ok "sales-gen seed $seed"
	against_oracle "$g" "sales-gen seed $seed"
	against_oracle "$g" "sales-gen seed $seed, --include-managers" --include-managers
	n=$(awk -F'\t' '$2 ~ /^lost_reason\./ && $11 ~ /weak|strong/' "$T/diag" | wc -l)
	check "sales-gen seed $seed: the reason mix judges some reps ($n weak or strong)" \
	    test "$n" -gt 0
done

# The figures' cache (diagnose.h): sales-gen and every deal writer keep
# the default window's in cache/; a report from it is the report counted
# from the ledgers, and a cache that is stale or not whole is not used.
g=$T/gen7
figs() { ls "$g/cache" | grep "^diagnose-$from-$to-" ; }
# same WHAT [rep-diagnose options]: the report with the cache equals the
# one counted from the ledgers (the cache moved away, then back)
same() {
	what=$1; shift
	SALESMGR_DIR=$g rep-diagnose --all "$@" >"$T/cached" 2>&1
	mkdir -p "$T/away" && mv "$g"/cache/diagnose-* "$T/away/"
	SALESMGR_DIR=$g rep-diagnose --all "$@" >"$T/live" 2>&1
	if [ -s "$T/live" ] && cmp -s "$T/cached" "$T/live"; then ok "$what"
	else not_ok "$what" "$(diff "$T/live" "$T/cached" | head -4 | tr '\n' '|')"; fi
	check "$what: reading made no cache" test -z "$(ls "$g/cache" | grep '^diagnose-')"
	mv "$T"/away/diagnose-* "$g/cache/"
}
check "sales-gen keeps the figures of the default window" test "$(figs | wc -l)" -eq 1
same "the cached figures give the report counted from the ledgers"
same "the same by team, with managers" --peers team --include-managers
same "the same for one role" --role ae
if optional script "the note of the window on a terminal, from the cache"; then
	script -qec "SALESMGR_DIR=$g rep-diagnose r0003 >/dev/null" /dev/null | tr -d '\r' >"$T/cached"
	mv "$g"/cache/diagnose-* "$T/away/"
	script -qec "SALESMGR_DIR=$g rep-diagnose r0003 >/dev/null" /dev/null | tr -d '\r' >"$T/live"
	mv "$T"/away/diagnose-* "$g/cache/"
	check "the note of the window counts the same events and activities from the cache" \
	    sh -c "grep -q 'deal events' '$T/live' && cmp -s '$T/cached' '$T/live'"
fi
SALESMGR_DIR=$g rep-show r0003 >"$T/cached"
mv "$g"/cache/diagnose-* "$T/away/"
SALESMGR_DIR=$g rep-show r0003 >"$T/live"
mv "$T"/away/diagnose-* "$g/cache/"
check "rep-show's weak spots are the same from the cache" cmp -s "$T/cached" "$T/live"
old=$(figs)
cp "$g/cache/$old" "$T/fig"
# The cache is binary (diagnose.c): a header of 64-bit integers (magic,
# figures per rep, reasons, reps, bytes of names), the names, each rep's
# figures and lost events by reason, and a hash of all that.  Changed or
# cut short anywhere, it is not used.
word() { od -An -t d8 -j "$1" -N 8 "$T/fig" | tr -d ' '; }	# word OFFSET
nfig=$(word 8) nstr=$(word 32)
rows=$((40 + nstr))	# where the reps' figures begin
check "the cache's header is as diagnose.c writes it" \
    test "$(od -An -c -N 8 "$T/fig" | tr -d ' ')" = smgfigs3
# flip OFFSET BIT: the cache with the byte at OFFSET xor BIT
flip() {
	cp "$T/fig" "$g/cache/$old"
	b=$(od -An -t u1 -j "$1" -N 1 "$T/fig" | tr -d ' ')
	# shellcheck disable=SC2059
	printf "\\$(printf %03o $((b ^ $2)))" |
	    dd of="$g/cache/$old" bs=1 seek="$1" conv=notrunc 2>/dev/null
}
bad_cache() {	# bad_cache WHAT: the cache in place, as made bad
	SALESMGR_DIR=$g rep-diagnose --all >"$T/cached" 2>&1
	rm "$g/cache/$old"
	SALESMGR_DIR=$g rep-diagnose --all >"$T/live" 2>&1
	check "a cache $1 is not used" cmp -s "$T/cached" "$T/live"
	cp "$T/fig" "$g/cache/$old"
}
flip $((rows + 8)) 4; bad_cache "with a rep's activities changed"
flip $((rows + 8 * nfig)) 1; bad_cache "with a rep's lost events of a reason changed"
flip 40 32; bad_cache "with a reason's name changed"
head -c -8 "$T/fig" >"$g/cache/$old"; bad_cache "cut short by a figure"
head -c "$((rows + 100))" "$T/fig" >"$g/cache/$old"; bad_cache "cut off after some figures"
# remade: bad_made WHAT, the cache in place, as made bad
bad_made() {
	SALESMGR_DIR=$g deal-add -q --rep r0003 --account a00001 --amount 10 >/dev/null
	settle "$g"
	check "a deal writer makes a cache $1 again, whole" cmp -s "$g/cache/$old" "$T/fig"
	cp "$T/fig" "$g/cache/$old"
}
head -c "$((rows + 100))" "$T/fig" >"$g/cache/$old"; bad_made "cut off"
size=$(wc -c <"$T/fig")
flip $((size - 1)) 1; bad_made "whose hash is not its bytes'"
{ cat "$T/fig"; head -c 8 /dev/zero; } >"$g/cache/$old"; bad_made "with bytes after its hash"
cp "$T/fig" "$g/cache/$old"
# A back-dated activity in the window: the cache is stale and not used;
# the next deal writer makes the new one and removes the old.
SALESMGR_DIR=$g rep-diagnose --all >"$T/before"
SALESMGR_DIR=$g act-log -q --rep r0003 --kind call --date 2026-05-12
SALESMGR_DIR=$g rep-diagnose --all >"$T/after"
check "a back-dated activity counts at once" sh -c "! cmp -s '$T/before' '$T/after'"
same "and the stale cache is not used"
check "the stale cache is still there until a deal writer runs" test "$(figs)" = "$old"
SALESMGR_DIR=$g deal-add -q --rep r0003 --account a00001 --amount 10 >/dev/null
settle "$g"
check "a deal writer makes the new figures and removes the old" \
    sh -c "test \"\$(ls '$g/cache' | grep -c '^diagnose-')\" -eq 1 && test -z \"\$(ls '$g/cache' | grep -x '$old')\""
same "the new figures give the report counted from the ledgers"
SALESMGR_DIR=$g rep-diagnose --all --today 2027-01-15 >"$T/cached"
mv "$g"/cache/diagnose-* "$T/away/"
SALESMGR_DIR=$g rep-diagnose --all --today 2027-01-15 >"$T/live"
mv "$T"/away/diagnose-* "$g/cache/"
check "another window is counted from the ledgers" cmp -s "$T/cached" "$T/live"

# The quota targets' cache (diagnose.c): each rep's quota of the default
# window, made with the figures; the attainment from it is the one from
# quotas.tsv; a quota changed since, a cache cut short, or none, and
# quotas.tsv is read.
tg() { ls "$g/cache" | grep "^quota-targets-$from-$to-" ; }
# same_tg WHAT: rep-diagnose --all and rep-show r0003 the same with the
# targets' cache and without (moved away, then back)
same_tg() {
	{ SALESMGR_DIR=$g rep-diagnose --all; SALESMGR_DIR=$g rep-show r0003; } >"$T/cached" 2>&1
	mkdir -p "$T/tg" && mv "$g"/cache/quota-targets-* "$T/tg/" 2>/dev/null
	{ SALESMGR_DIR=$g rep-diagnose --all; SALESMGR_DIR=$g rep-show r0003; } >"$T/live" 2>&1
	mv "$T"/tg/quota-targets-* "$g/cache/" 2>/dev/null
	if grep -q "attainment" "$T/live" && cmp -s "$T/cached" "$T/live"; then ok "$1"
	else not_ok "$1" "$(diff "$T/live" "$T/cached" | head -4 | tr '\n' '|')"; fi
}
check "a deal writer keeps the quota targets of the default window" test "$(tg | wc -l)" -eq 1
tgold=$(tg)
check "the cache holds a target for every rep with a quota then" \
    test "$(awk 'END { print NR - 2 }' "$g/cache/$tgold")" = \
    "$(awk -F'\t' 'NR > 1 && $1 >= "2026-04" && $1 <= "2026-09" && $2 != "" { print $2 }' \
    "$g/quotas.tsv" | sort -u | wc -l | tr -d ' ')"
same_tg "the attainment from the cached targets is the one from quotas.tsv"
# and each seller's is perf.awk's over the window (net won over its quota)
awk -v from=$from -v to=$to -v today="$SALESMGR_TODAY" -f "$top/tests/oracle/money.awk" \
    -f "$top/tests/oracle/days.awk" -f "$top/tests/oracle/perf.awk" "$g/stages.tsv" \
    "$g/quotas.tsv" "$g"/deals/*.tsv "$g"/activities/*.tsv |
    awk -F'\t' '$6 != "" { print $1, $6 }' | sort >"$T/att-awk"
SALESMGR_DIR=$g rep-diagnose --all -o tsv |
    awk -F'\t' '$2 == "attainment" && $3 != "" { print $1, $3 }' | sort >"$T/att-mine"
check "the attainment from the cached targets is perf.awk's over the window ($(wc -l <"$T/att-mine") reps)" \
    eval '[ -n "$tgold" ] && [ "$(wc -l <"$T/att-mine")" -ge 10 ] &&
    [ -z "$(join "$T/att-awk" "$T/att-mine" | awk "\$2 != \$3")" ] &&
    [ "$(join "$T/att-awk" "$T/att-mine" | wc -l)" = "$(wc -l <"$T/att-mine")" ]'
SALESMGR_DIR=$g rep-diagnose r0003 -o tsv | grep "	attainment	" >"$T/att-before"
SALESMGR_DIR=$g quota-set -q 2026-06 r0003 1
SALESMGR_DIR=$g rep-diagnose r0003 -o tsv | grep "	attainment	" >"$T/att-after"
check "a quota changed counts at once (r0003's attainment moved)" \
    sh -c "! cmp -s '$T/att-before' '$T/att-after'"
settle "$g"
check "quota-set makes the targets anew and removes the old" \
    eval 'test "$(tg | wc -l)" -eq 1 && test "$(tg)" != "$tgold"'
same_tg "the targets quota-set made give the attainment from quotas.tsv"
tgold=$(tg)
# quota-set loads no stages: its background loads them for the month
# checkpoints due (all of them, here: every one removed)
ls "$g/cache" | grep '^open-\|^seen-' >"$T/ck-before"
rm "$g"/cache/open-* "$g"/cache/seen-*
SALESMGR_DIR=$g quota-set -q 2026-06 r0003 1.5
settle "$g"
ls "$g/cache" | grep '^open-\|^seen-' >"$T/ck-after"
check "quota-set's background writes the month checkpoints that are due" \
    eval 'test -s "$T/ck-before" && cmp -s "$T/ck-before" "$T/ck-after"'
SALESMGR_DIR=$g quota-set -q 2026-06 r0003 1
settle "$g"
tgold=$(tg)
SALESMGR_DIR=$g quota-set -q -n 2026-06 r0003 2
settle "$g"
check "quota-set -n leaves the targets as they were" test "$(tg)" = "$tgold"
SALESMGR_DIR=$g quota-set -q 2026-06 r0003 1
settle "$g"
check "quota-set that changes nothing leaves the targets as they were" test "$(tg)" = "$tgold"
team=$(awk -F'\t' 'NR == 2 { print $1 }' "$g/teams.tsv")
inold=$(stat -c %i "$g/cache/$tgold")
SALESMGR_DIR=$g quota-split -q 2027-Q1 --team "$team" 100000 >/dev/null
settle "$g"
check "quota-split of a quarter after the window keeps the targets under a new name" \
    eval 'test "$(tg | wc -l)" -eq 1 && test "$(tg)" != "$tgold" &&
    test "$(stat -c %i "$g/cache/$(tg)")" = "$inold"'
same_tg "the targets quota-split kept give the attainment from quotas.tsv"
tgold=$(tg)
# A quota of days outside the window (this quarter's, the next): no
# target changes, and quota-set keeps the cache, renamed to the table's
# new name (the same file: its inode), not made anew; the same as the
# targets made anew from the whole table.
ino() { stat -c %i "$g/cache/$(tg)"; }
cp "$g/cache/$tgold" "$T/tg-before"
inold=$(ino)
SALESMGR_DIR=$g quota-set -q 2026-12 r0003 7000
settle "$g"
check "quota-set of a month after the window keeps the targets under a new name" \
    eval 'test "$(tg | wc -l)" -eq 1 && test "$(tg)" != "$tgold" && test "$(ino)" = "$inold"'
check "and as they were" cmp -s "$g/cache/$(tg)" "$T/tg-before"
same_tg "the targets kept give the attainment from quotas.tsv"
printf 'period\trep\ttarget\n2027-Q1\tr0003\t9000\n2026-Q4\tr0004\t8000\n' |
    SALESMGR_DIR=$g quota-set -q --from -
settle "$g"
check "quota-set --from of quarters after the window keeps them" \
    eval 'test "$(tg | wc -l)" -eq 1 && test "$(ino)" = "$inold"'
mv "$g/cache/$(tg)" "$T/tg-kept"
SALESMGR_DIR=$g deal-add -q --rep r0003 --account a00001 --amount 10 >/dev/null
settle "$g"
check "the targets kept are the ones made anew from quotas.tsv" cmp -s "$g/cache/$(tg)" "$T/tg-kept"
same_tg "and give the attainment from quotas.tsv"
# a period that overlaps the window, even by a few days (a week from
# March into April), or a year holding it: made anew
over() {	# over PERIOD TARGET: quota-set of r0003 makes the targets anew
	inold=$(ino)
	cp "$g/cache/$(tg)" "$T/tg-before"
	SALESMGR_DIR=$g quota-set -q "$1" r0003 "$2"
	settle "$g"
	check "quota-set of $1, which overlaps the window, makes the targets anew" \
	    eval 'test "$(tg | wc -l)" -eq 1 && test "$(ino)" != "$inold"'
	same_tg "and they give the attainment from quotas.tsv ($1)"
}
over 2026-09 1200
check "r0003's target moved" sh -c "! cmp -s '$g/cache/$(tg)' '$T/tg-before'"
over 2026-W14 300
over 2026 24000
printf 'period\trep\ttarget\n2027-Q1\tr0003\t9100\n2026-Q3\tr0003\t3100\n' >"$T/two"
inold=$(ino)
SALESMGR_DIR=$g quota-set -q --from "$T/two"
settle "$g"
check "quota-set --from with one row in the window makes the targets anew" \
    eval 'test "$(tg | wc -l)" -eq 1 && test "$(ino)" != "$inold"'
same_tg "and they give the attainment from quotas.tsv (--from)"
tgold=$(tg)
inold=$(stat -c %i "$g/cache/$tgold")
SALESMGR_DIR=$g quota-split -q --replace 2026-Q3 --team "$team" 90000 >/dev/null
settle "$g"
check "quota-split of a quarter of the window makes the targets anew and removes the old" \
    eval 'test "$(tg | wc -l)" -eq 1 && test "$(tg)" != "$tgold" &&
    test "$(stat -c %i "$g/cache/$(tg)")" != "$inold"'
same_tg "the targets quota-split made give the attainment from quotas.tsv"
tgold=$(tg)
# quotas.tsv changed by hand: the cache is stale until a writer runs
awk -F'\t' -v OFS='\t' '$1 == "2026-06" && $2 == "r0003" { $5 = "500000.00" } { print }' \
    "$g/quotas.tsv" >"$T/q" && cat "$T/q" >"$g/quotas.tsv"
SALESMGR_DIR=$g rep-diagnose r0003 -o tsv | grep "	attainment	" >"$T/att-hand"
check "a quota changed by hand counts at once (r0003's attainment moved)" \
    sh -c "! cmp -s '$T/att-after' '$T/att-hand'"
check "the targets' cache is still the old one's" test "$(tg)" = "$tgold"
same_tg "and the stale targets are not used"
cp "$g/cache/$tgold" "$T/tg.good"
head -n 5 "$T/tg.good" >"$g/cache/$tgold"
SALESMGR_DIR=$g deal-add -q --rep r0003 --account a00001 --amount 10 >/dev/null
settle "$g"
check "a deal writer makes the targets anew and removes the old" \
    eval 'test "$(tg | wc -l)" -eq 1 && test "$(tg)" != "$tgold"'
same_tg "the new targets give the attainment from quotas.tsv"
new=$(tg)
cp "$g/cache/$new" "$T/tg.good"
head -n 5 "$T/tg.good" >"$g/cache/$new"
same_tg "a targets' cache cut short is not used"
cp "$T/tg.good" "$g/cache/$new"

# Output: exact TSV for the handful rep of the last seed (5).
P=$from..$to
run rep-diagnose h21
expect_out "rep	metric	value	peer_median	peer_p25	percentile	peers	n	low	high	verdict	skill	course	period
h21	activities_per_week	12.7	11.7	11.6	100.0	18	20	8.8	18.3	ok			$P
h21	activities_per_week.call	2.5	2.4	2.3	100.0	18	4	1.1	5.7	ok			$P
h21	activities_per_week.email	2.5	2.3	2.3	100.0	18	4	1.1	5.7	ok			$P
h21	activities_per_week.meeting	2.5	2.3	2.3	100.0	18	4	1.1	5.7	ok			$P
h21	activities_per_week.demo	2.5	2.3	2.3	100.0	18	4	1.1	5.7	ok			$P
h21	activities_per_week.visit	2.5	2.3	2.3	100.0	18	4	1.1	5.7	ok			$P
h21	activities_per_week.other	0.0	0.0	0.0	50.0	18	0	0.0	1.7	ok			$P
h21	deals_opened_per_week	1.9	2.3	2.3	0.0	18	3	0.8	4.8	ok			$P
h21	lead->qualified	100.0	70.5	68.9	100.0	18	3	52.6	100.0	ok			$P
h21	qualified->proposal	100.0	70.6	69.0	100.0	18	3	52.6	100.0	ok			$P
h21	proposal->negotiation	33.3	60.0	56.7	5.6	18	3	7.8	74.6	ok			$P
h21	negotiation->won	100.0	61.5	58.8	100.0	18	1	27.0	100.0	ok			$P
h21	win_rate	33.3	17.5	16.1	100.0	18	3	7.8	74.6	ok			$P
h21	avg_deal	7000.00	10000.00	10000.00	0.0	18	1			too-few-deals			$P
h21	cycle_days	6.0	24.0	24.0	0.0	18	1	6.0	6.0	too-few-deals			$P
h21	attainment		87.5	83.3		18				no-data			$P
h21	overdue_training	0	0	0	47.2	18	0			ok			$P
h21	lost_reason.price	100.0	100.0	100.0	50.0	18	2	42.5	100.0	ok			$P" "TSV output, exact"
run rep-diagnose h21 -o table
expect_out_has "h21  activities_per_week              12.7         11.7       11.6       100.0     18  20   8.8   18.3  ok" \
    "table output is aligned"
run rep-diagnose h21 -o json
expect_out_has '{"rep":"h21","metric":"avg_deal","value":7000.00,"peer_median":10000.00,"peer_p25":10000.00,"percentile":0.0,"peers":18,"n":1,"low":null,"high":null,"verdict":"too-few-deals","skill":null,"course":null,"period":"2026-04-01..2026-09-30"}' \
    "json output"
run rep-diagnose h21 --period $from..$to
cp "$T/out" "$T/explicit"
run rep-diagnose h21
check "the default period is the last two complete quarters" cmp -s "$T/out" "$T/explicit"
# Peers: r01 is the only lead but one, and a manager (manager_roles);
# --peers all compares it with the other manager only, unless
# --include-managers.
run rep-diagnose r01 --no-header
awk -F'\t' '{ print $7, $11 }' "$T/out" | sort -u >"$T/w"
expect_file "$T/w" "1 too-few-peers" "--peers role: a lead has one peer: too-few-peers, never ok"
expect_err "rep-diagnose: r01 has 1 peer (verdicts need 3): too-few-peers" \
    "too few peers: said on stderr"
run rep-diagnose r01 --no-header --peers all
awk -F'\t' '$2 == "win_rate" { print $7 }' "$T/out" >"$T/w"
expect_file "$T/w" "1" "--peers all: every other manager"
run rep-diagnose r01 --no-header --peers all --include-managers
awk -F'\t' '$2 == "win_rate" { print $7 }' "$T/out" >"$T/w"
expect_file "$T/w" "20" "--peers all --include-managers: every other rep"
expect_err_empty "--include-managers: enough peers, nothing on stderr"
run rep-diagnose r02 --no-header --peers team
awk -F'\t' '$2 == "win_rate" { print $7 }' "$T/out" >"$T/w"
expect_file "$T/w" "8" "--peers team: with the rest of the team's sellers"
run rep-diagnose --all --team t1 --no-header
cut -f1 "$T/out" | sort -u | tr '\n' ' ' >"$T/w"; echo >>"$T/w"
expect_file "$T/w" "r02 r03 r04 r05 r06 r07 r08 r09 r10 " "--all --team: that team's sellers"
run rep-diagnose --all --team t1 --include-managers --no-header
cut -f1 "$T/out" | sort -u | tr '\n' ' ' >"$T/w"; echo >>"$T/w"
expect_file "$T/w" "r01 r02 r03 r04 r05 r06 r07 r08 r09 r10 " "--all --team --include-managers: the lead too"
run rep-diagnose --all --role lead --no-header
cut -f1 "$T/out" | sort -u | tr '\n' ' ' >"$T/w"; echo >>"$T/w"
expect_file "$T/w" "r01 r11 " "--all --role lead: the reps of that role, managers as they are"
run rep-diagnose --all --role ae --team t2 --no-header
cut -f1 "$T/out" | sort -u | tr '\n' ' ' >"$T/w"; echo >>"$T/w"
expect_file "$T/w" "h21 r12 r13 r14 r15 r16 r17 r18 r19 r20 " "--all --role --team: both filters"
run rep-diagnose --all --role lead --include-managers --no-header
awk -F'\t' '$11 == "weak" && $13 != ""' "$T/out" >"$T/w"
check "a manager is suggested no seller course" test ! -s "$T/w"
# The window: the default, the period column, and the note on a terminal.
run rep-diagnose h21 --no-header
cut -f14 "$T/out" | sort -u >"$T/w"
expect_file "$T/w" "$from..$to" "the period column names the default window"
run rep-diagnose h21 --no-header --period 2026-10
cut -f14 "$T/out" | sort -u >"$T/w"
expect_file "$T/w" "2026-10" "the period column names --period"
if optional script "the note on a terminal"; then
	script -qec "rep-diagnose h21 >/dev/null" /dev/null | tr -d '\r' >"$T/w"
	expect_file "$T/w" "rep-diagnose: $from..$to, the last two complete quarters: $(awk -F'\t' \
	    -v f=$from -v t=$to 'FNR > 1 && $1 >= f && $1 <= t' "$SALESMGR_DIR"/deals/*.tsv | wc -l) deal events, $(awk -F'\t' \
	    -v f=$from -v t=$to 'FNR > 1 && $1 >= f && $1 <= t' "$SALESMGR_DIR"/activities/*.tsv | wc -l) activities" \
	    "on a terminal: the window and what it holds (counted by awk)"
fi
run rep-diagnose h21 --period 2020
expect_err "rep-diagnose: no deals or activities in 2020: every metric is empty" \
    "an empty window is said"
awk -F'\t' 'NR > 1 { print $11 }' "$T/out" | sort -u | tr '\n' ' ' >"$T/w"; echo >>"$T/w"
expect_file "$T/w" "no-data ok " "an empty window: no-data where there is no value, never weak"

# In a pipe: the rows that name a course are what train-assign reads.
sh -c 'rep-diagnose --all | awk -F"\t" "NR == 1 || \$13 != \"\"" | cut -f1,13' >"$T/out" 2>"$T/err"
expect_out "rep	course
r07	neg-201
r17	pro-101" "rep-diagnose --all | only the rows with a course: rep and course"

# Bad input.
snapshot
run rep-diagnose nobody
expect_fail 1 "rep-diagnose: unknown rep 'nobody' (rep-list --all shows every rep)" "unknown rep"
run rep-diagnose --all --team nowhere
expect_fail 1 "rep-diagnose: unknown team 'nowhere' (see team-list)" "unknown team"
run rep-diagnose r01 --peers region
expect_fail 2 "rep-diagnose: invalid --peers 'region': want role, team or all" "bad --peers"
run rep-diagnose r01 --period 2026-13
expect_fail 2 "rep-diagnose: invalid period '2026-13' (see salesmgr(7) for periods)" "bad period"
run rep-diagnose
expect_fail 2 "usage: rep-diagnose REP..." "no rep: usage"
run rep-diagnose r01 --all
expect_fail 2 "usage: rep-diagnose" "reps and --all: usage"
run rep-diagnose r01 --team t1
expect_fail 2 "usage: rep-diagnose" "--team without --all: usage"
run rep-diagnose r01 --role ae
expect_fail 2 "usage: rep-diagnose" "--role without --all: usage"
run rep-diagnose --all --role cfo
expect_fail 1 "rep-diagnose: no rep has role 'cfo' (rep-list --all shows the roles)" "unknown role"
run rep-diagnose r01 -o xml
expect_fail 2 "invalid format 'xml'" "bad format"
expect_unchanged "rep-diagnose never writes"
rep-diagnose --all >/dev/full 2>"$T/err"; st=$?
expect_status 1 "stdout to /dev/full fails"
expect_err_has "write error" "and says so"
# The activity months are counted in the other threads while the deals
# are replayed: the same with one thread; a bad activity row is told.
run rep-diagnose --all --period 2026-Q2
cp "$T/out" "$T/many"
SALESMGR_THREADS=1 run rep-diagnose --all --period 2026-Q2
check "an asked period: the same with one thread as with the others" \
    eval 'grep -q activities_per_week "$T/many" && cmp -s "$T/many" "$T/out"'
cp "$SALESMGR_DIR/activities/2026-05.tsv" "$T/act-05"
printf '2026-05-09\tr01\n' >>"$SALESMGR_DIR/activities/2026-05.tsv"
run rep-diagnose --all --period 2026-Q2
expect_fail 1 "activities/2026-05.tsv" "a bad activity row of the period is an error, naming its file"
expect_err_has "run sales-check" "and sends to sales-check"
cp "$T/act-05" "$SALESMGR_DIR/activities/2026-05.tsv"
printf '2026-05-08\tD9999\topen\tr01\tacme\t\tabc\tlead\t\t\t\t\t2026-05-08\n' \
    >>"$SALESMGR_DIR/deals/2026-05.tsv"
run rep-diagnose r01
expect_fail 1 "run sales-check" "a corrupt ledger row is an error, never a wrong number"
SALESMGR_DIR=$T/missing run rep-diagnose --all
expect_fail 1 "sales-init" "missing data directory"
check "and it is not created" test ! -e "$T/missing"
done_testing
