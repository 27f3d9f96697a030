#!/bin/sh
# act-index.sh: the activity index (lib/actindex.h), each deal's latest
# activity and each rep's activities by month.  Its files are checked
# against an independent computation (awk over activities/); the writers
# keep it up to date by reading only what they appended; the reports that
# use it (deal-list, deal-age, rep-show) give what they give without it; a
# stale, lying or short index, or one of a ledger with an activity dated
# after the report's today, is not believed; the next writer makes it
# right; a writer killed at any step of keeping it leaves nothing that a
# later program believes wrongly.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C

g=$T/gen
sales-gen -q --seed 11 --reps 12 --deals 2000 --months 4 "$g" || not_ok "sales-gen"
SALESMGR_DIR=$g SALESMGR_TODAY=2026-12-05
export SALESMGR_DIR SALESMGR_TODAY

# wait_sync [DIR]: until the last writer's background work is done (a
# reader waits for the lock it holds)
wait_sync() { settle "${1:-$g}"; deal-list -D "${1:-$g}" --open --rep r0001 >/dev/null 2>&1; }
# oracle DIR: "NUMBER ENTRY" for each deal an activity names, by number
# (ENTRY: its latest activity's date, as days since 1970-01-01 + 354286);
# then "REP<tab>YYYY-MM<tab>COUNT" for each rep and month, sorted
cat >"$T/latest.awk" <<'EOF'
FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
{ k = $c["deal"]; if (k ~ /^D[1-9][0-9]*$/ && $c["date"] > last[k]) last[k] = $c["date"] }
END { for (k in last) print substr(k, 2) + 0, iso(last[k]) - iso("1970-01-01") + 354286 }
EOF
oracle() {
	awk -F'\t' -f "$top/tests/oracle/days.awk" -f "$T/latest.awk" "$1"/activities/*.tsv |
	    sort -n
	awk -F'\t' 'FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ n[$c["rep"] "\t" substr($c["date"], 1, 7)]++ }
	END { for (k in n) print k "\t" n[k] }' "$1"/activities/*.tsv | sort
}
# indexed DIR: the same as the index has it (four bytes each, host order)
indexed() {
	od -A n -t u4 -v "$1/cache/act-index" | tr -s ' ' '\n' | awk 'NF' |
	    awk '$1 { print NR - 1, $1 }'
	tail -n +2 "$1/cache/act-reps"
}
# same_index WHAT [DIR]: the index is current (its head names every month
# file as it is) and agrees with the oracle
same_index() {
	d=${2:-$g}
	wait_sync "$d"
	oracle "$d" >"$T/want"
	indexed "$d" >"$T/got" 2>/dev/null
	heads=$(for f in "$d"/activities/*.tsv; do
		m=${f##*/}
		printf '%s\t%s\n' "${m%.tsv}" "$(wc -c <"$f" | tr -d ' ')"
	done)
	if cmp -s "$T/want" "$T/got" &&
	    [ "$(awk -F'\t' '/^[0-9][0-9][0-9][0-9]-[0-9][0-9]\t/ { print $1 "\t" $2 }' "$d/cache/act-index-head")" = "$heads" ]; then
		ok "$1"
	else
		not_ok "$1" "$(diff "$T/want" "$T/got" | head -4 | tr '\n' ' ')"
	fi
}
ino() { stat -c %i "$g/cache/act-index"; }

same_index "sales-gen builds the index: every deal's latest activity, every rep's months"

# same_as_without WHAT CMD...: CMD's output with the index as it is equals
# its output on a copy without the activity index (which reads activities/)
same_as_without() {
	what=$1
	shift
	wait_sync
	rmdata "$T/ref"
	cp -a "$g" "$T/ref"
	rm -f "$T/ref"/cache/act-*
	"$@" -D "$T/ref" >"$T/ref.out" 2>"$T/ref.err"
	rs=$?
	"$@" -D "$g" >"$T/out" 2>"$T/err"
	st=$?
	if [ "$st" = "$rs" ] && cmp -s "$T/out" "$T/ref.out" && cmp -s "$T/err" "$T/ref.err"; then
		ok "$what: the same as without the index (exit $st, $(wc -l <"$T/out") lines)"
	else
		not_ok "$what: the same as without the index" \
		    "exit $st/$rs: $(diff "$T/out" "$T/ref.out" | head -4 | tr '\n' ' ')"
	fi
}
# uses CMD...: CMD reads no month of activities/ (strace, optional)
uses() {
	if optional strace "which files the reports read is seen with it"; then
		ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		    strace -f -y -o "$T/opens" -e trace=openat "$@" >/dev/null 2>&1
		check "$*: the index is believed (no month of activities/ read)" \
		    eval 'grep -q "act-index" "$T/opens" &&
		    ! grep -q "activities/20[0-9-]*\.tsv>" "$T/opens"'
	fi
}

reports() {
	same_as_without "$1: deal-list --open" deal-list --open
	same_as_without "$1: deal-age" deal-age
	for r in r0001 r0005 r0012; do
		same_as_without "$1: rep-show $r" rep-show "$r"
	done
}
reports "as generated"
uses deal-list --open --rep r0003
uses rep-show r0003

# The writers catch up in place (the same file) with what they append.
i0=$(ino)
d1=$(deal-list --open | awk -F'\t' 'NR == 2 { print $1 }')
d2=$(deal-list --open | awk -F'\t' 'NR == 3 { print $1 }')
act-log -q --rep r0001 --kind call --deal "$d1" --date 2026-12-04 &&
act-log -q --rep r0002 --kind visit --deal "$d2" --date 2026-10-02 &&
act-log -q --rep r0003 --kind email --date 2026-12-05 || not_ok "act-log"
same_index "after act-log (today, back-dated, no deal): the entries and counts follow"
check "act-log rewrote only its entries (the same file)" test "$(ino)" = "$i0"
printf 'date\trep\tkind\tdeal\n2026-12-01\tr0004\tcall\t%s\n2026-12-02\tr0004\tcall\t%s\n' \
    "$d1" "$d2" >"$T/bulk.tsv"
act-log -q --from "$T/bulk.tsv" || not_ok "act-log --from"
same_index "after act-log --from: the entries and counts follow"
new=$(deal-add --rep r0006 --account a00001 --amount 10 --date 2026-12-03) &&
act-log -q --rep r0006 --kind call --deal "$new" --date 2026-12-04 || not_ok "writers"
same_index "a new deal's first activity: the index grows"
# act-reps is merged, not made anew: new reps before, between and after
# the others, a month before a rep's others, a count raised.
for r in a0 r0005x zz; do
	rep-add -q "$r" --name "Rep $r" --hired 2025-01-01 || not_ok "rep-add $r"
done
printf 'date\trep\tkind\n2026-12-04\tzz\tcall\n2026-12-04\ta0\tcall\n2026-12-04\tr0005x\tcall\n2026-12-05\tr0004\tcall\n2026-12-05\tr0004\tvisit\n2026-01-10\tr0005\tcall\n2025-06-11\ta0\temail\n' \
    >"$T/merge.tsv"
act-log -q --from "$T/merge.tsv" || not_ok "act-log --from"
same_index "counts merged into act-reps: new reps first, between and last; a new month first; a count raised"
reports "after the counts merged"
act-log -q --rep a0 --kind call --date 2026-12-05 && act-log -q --rep zz --kind call --date 2025-06-10 ||
    not_ok "act-log"
same_index "merged again: a new rep's count raised, a month before its others"
# A well-formed act-reps of the right head, but out of order (two lines
# swapped), is not merged into: built anew.
wait_sync
awk 'NR == 2 { keep = $0; next } NR == 3 { print; print keep; next } { print }' \
    "$g/cache/act-reps" >"$T/swapped" && cat "$T/swapped" >"$g/cache/act-reps"
act-log -q --rep r0001 --kind call --date 2026-12-05 || not_ok "act-log"
same_index "an act-reps out of order is built anew, not merged into"
reports "after the writers"
uses deal-list --open --rep r0006

# The last activity counts from the day the deal opened: one dated before
# (act-log takes it) is not its latest, with or without the index.
act-log -q --rep r0006 --kind call --deal "$new" --date 2026-12-01 || not_ok "act-log"
check "an activity dated before the deal opened is not its last_activity" \
    eval 'deal-list --open --rep r0006 --columns deal,last_activity | grep -q "^$new	2026-12-04\$"'
new2=$(deal-add --rep r0006 --account a00002 --amount 10 --date 2026-12-04) &&
act-log -q --rep r0006 --kind call --deal "$new2" --date 2026-12-02 || not_ok "writers"
check "a deal whose only activity is dated before it opened has none" \
    eval 'deal-list --open --rep r0006 --columns deal,last_activity | grep -q "^$new2	\$"'
same_as_without "activities dated before their deals opened" deal-list --open --rep r0006
same_as_without "the same, listed with every open deal" deal-list --open

# Not believed: an activity dated after the report's today (--today before
# the ledger's latest day), a month file changed by hand, an act-reps of
# another head, an entry past the latest day, a short index.
same_as_without "--today before the latest activity" deal-list --open --today 2026-12-03
same_as_without "--today before the latest activity: rep-show" rep-show r0004 --today 2026-12-03
printf '2026-12-05\tr0007\tcall\ta00001\t%s\t\t\t\n' "$d2" >>"$g/activities/2026-12.tsv"
same_as_without "an activity appended by hand" deal-list --open
same_as_without "an activity appended by hand: rep-show" rep-show r0007
act-log -q --rep r0008 --kind call --date 2026-12-05 || not_ok "act-log"
same_index "then act-log catches up with the row appended by hand"
wait_sync
# (another head's counts: r0001's made ten times what they are)
sed -i -e '1s/^act-reps\t./act-reps\tx/' -e 's/^\(r0001\t.*\)$/\10/' "$g/cache/act-reps"
same_as_without "an act-reps of another head" rep-show r0001
act-log -q --rep r0008 --kind call --date 2026-12-05 || not_ok "act-log"
same_index "then act-log makes act-reps anew"
wait_sync
k=$(echo "$d1" | tr -d D)
printf '\377\377\377\000' | dd of="$g/cache/act-index" bs=4 seek="$k" conv=notrunc 2>/dev/null
same_as_without "an entry past the latest day" deal-list --open
act-log -q --rep r0008 --kind call --date 2026-12-05 || not_ok "act-log"
wait_sync
truncate -s 4 "$g/cache/act-index"
same_as_without "a short index" deal-list --open
act-log -q --rep r0008 --kind call --date 2026-12-05 || not_ok "act-log"
same_index "then act-log builds it anew"
# A month file rewritten (not only appended to): built anew.
wait_sync
i0=$(ino)
awk 'NR != 2' "$g/activities/2026-11.tsv" >"$T/nov" && cat "$T/nov" >"$g/activities/2026-11.tsv"
same_as_without "a month file rewritten by hand" deal-list --open
act-log -q --rep r0008 --kind call --date 2026-12-05 || not_ok "act-log"
same_index "then act-log builds it anew from every month"
check "built anew (another file)" test "$(ino)" != "$i0"
# A deal writer keeps it too.
wait_sync
printf '2026-12-05\tr0009\tcall\ta00001\t%s\t\t\t\n' "$d1" >>"$g/activities/2026-12.tsv"
deal-move -q "$d2" --stage proposal --date 2026-12-05 || not_ok "deal-move"
same_index "a deal writer catches up with the activities too"

# Killed at every write of an entry (pwrite), rename and fsync of act-log
# and its background: the next act-log leaves an index that agrees with
# the oracle, and the reports between are those of the ledger.
if optional strace "the writers are killed at every call with it"; then
	wait_sync
	rmdata "$T/base"
	cp -a "$g" "$T/base"
	# the reports between as without the index, then the next act-log's
	# index as the oracle
	reports_right() {
		wait_sync
		rmdata "$T/ref"
		cp -a "$g" "$T/ref"
		rm -f "$T/ref"/cache/act-*
		deal-list --open >"$T/with" 2>&1
		deal-list --open -D "$T/ref" >"$T/without" 2>&1
		rep-show r0010 >>"$T/with" 2>&1
		rep-show r0010 -D "$T/ref" >>"$T/without" 2>&1
		act-log -q --rep r0011 --kind call --deal "$d2" >/dev/null 2>&1
		wait_sync
		oracle "$g" >"$T/want"
		indexed "$g" >"$T/got" 2>/dev/null
		why="$(diff "$T/with" "$T/without" | head -2 | tr '\n' ' ')$(diff "$T/want" "$T/got" | head -2 | tr '\n' ' ')"
		cmp -s "$T/with" "$T/without" && cmp -s "$T/want" "$T/got"
	}
	for sc in pwrite64 rename renameat renameat2 fsync; do
		kill_each $sc 39 "$T/base" "$g" reports_right act-log -q --rep r0010 --kind call --deal "$d1"
		[ "$kills" = 0 ] && { echo "# act-log makes no $sc call"; continue; }
		[ "$sc" = pwrite64 ] && pw=$kills
		check "act-log killed at each of its $kills $sc calls: the reports right, the next writer right" \
		    test "$bad" = 0
	done
	check "the catching up was killed too (pwrite calls: ${pw:-0})" test "${pw:-0}" -gt 0
	rmdata "$g"
	cp -a "$T/base" "$g"
fi

# Readers never write it; a dry run does not sync it.
wait_sync
snapshot
run deal-list --open
expect_status 0 "deal-list with an index: exit 0"
run rep-show r0001
expect_status 0 "rep-show with an index: exit 0"
expect_unchanged "a reader writes no index"
run act-log -n --rep r0001 --kind call
expect_status 0 "act-log -n: exit 0"
wait_sync
expect_unchanged "act-log -n writes nothing, not even the index"
rm -f "$g"/cache/act-*
snapshot
run deal-list --open
expect_unchanged "a reader without an index writes none"
done_testing
