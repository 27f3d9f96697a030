#!/bin/sh
# ids.sh: generated ids (deals, notes) are never handed out twice, even
# when ids.tsv is behind the data (a restore, a revert, two copies merged):
# deal-add numbers past the highest deal in the ledger (kept in the
# checkpoint for complete months, read for the months after), coach-note
# past the highest note.  sales-check reports an id opened twice and a
# counter behind the data; --repair moves the counter forward.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
init
rep-add -q a1 --name "Ann A" --hired 2026-01-05 || exit 1
add() { deal-add -q --rep a1 --account "$1" --amount 100 --date "$2"; }
add acc1 2026-10-01 >/dev/null && cp "$D/ids.tsv" "$T/ids.old" &&
add acc2 2026-10-02 >/dev/null && add acc3 2026-11-02 >/dev/null &&
add acc4 2026-11-03 >/dev/null && add acc5 2026-10-20 >/dev/null || exit 1
# A deal writer refreshes the checkpoint of October (D5 changed the month).
deal-move -q D3 --stage qualified --date 2026-11-04 || exit 1
settle "$D"	# (its background writes the checkpoint)
expect_file "$T/ids.old" "kind	next
deal	2" "setup: the saved ids.tsv is behind (next 2); D5 is dated October"
check "the checkpoint of October keeps the highest deal number there (5)" \
    eval 'test "$(cat "$D"/cache/seen-2026-10-*.tsv)" = "$(printf "kind\tmax\ndeal\t5")"'

if optional strace "which months deal-add reads is seen with it"; then
	strace -f -o "$T/opens" -e trace=openat deal-add -n --rep a1 --account x --amount 1 \
	    >/dev/null 2>&1
	check "deal-add finds the highest deal without reading a month (the deal index)" \
	    eval '! grep -q "\"2026-1[01].tsv\"" "$T/opens" && grep -q "deal-index" "$T/opens"'
	mv "$D/cache/deal-index-head" "$T/head"
	strace -f -o "$T/opens" -e trace=openat deal-add -n --rep a1 --account x --amount 1 \
	    >/dev/null 2>&1
	check "without the index, it reads November, not October (the checkpoint)" \
	    eval '! grep -q "\"2026-10.tsv\"" "$T/opens" && grep -q "\"2026-11.tsv\"" "$T/opens"'
	mv "$T/head" "$D/cache/deal-index-head"
fi

# ids.tsv restored from before: D2..D5 are in the ledger.
cp "$T/ids.old" "$D/ids.tsv"
run sales-check
expect_status 1 "a stale ids.tsv: sales-check reports it"
expect_err "sales-check: ids.tsv:2: deal next 2 is not past D5 in use at deals/2026-10.tsv:4 (set it to 6)" \
    "a stale ids.tsv: the message"
run deal-add --rep a1 --account acc6 --amount 100 --date 2026-11-05
expect_status 0 "deal-add with a stale ids.tsv: exit 0"
expect_out "D6" "deal-add with a stale ids.tsv: a new id, past every deal (the checkpoint's D5)"
expect_err "deal-add: ids.tsv: deal next 2 was behind D5 in use; numbering from 6" \
    "deal-add with a stale ids.tsv: says so"
expect_file "$D/ids.tsv" "kind	next
deal	7" "deal-add with a stale ids.tsv: ids.tsv is past it again"
run deal-list --no-header
check "every deal listed, none lost" test "$(wc -l <"$T/out")" -eq 6
run sales-check
expect_status 0 "sales-check clean after"

# The same with the highest deal in the month after the checkpoint, and
# then with no cache at all (every month read).
cp "$T/ids.old" "$D/ids.tsv"
run deal-add -q --rep a1 --account acc7 --amount 100 --date 2026-11-06
expect_out "D7" "stale ids.tsv, highest deal after the checkpoint: D7"
cp "$T/ids.old" "$D/ids.tsv"
rmdata "$D/cache"
run deal-add -q --rep a1 --account acc8 --amount 100 --date 2026-11-07
expect_out "D8" "stale ids.tsv, no cache: D8"
run sales-check
expect_status 0 "sales-check clean after"

# Notes: coach-note numbers past notes.tsv.
coach-note -q a1 "one" >/dev/null && cp "$D/ids.tsv" "$T/ids.note" &&
coach-note -q a1 "two" >/dev/null && coach-note -q a1 "three" >/dev/null || exit 1
cp "$T/ids.note" "$D/ids.tsv"
run coach-note a1 "four"
expect_out "N4" "coach-note with a stale ids.tsv: N4, past N3"
expect_err "coach-note: ids.tsv: note next 2 was behind N3 in use; numbering from 4" \
    "coach-note with a stale ids.tsv: says so"
check "notes.tsv holds N1..N4 once each" \
    test "$(rows notes.tsv | cut -f1 | sort | uniq | tr '\n' ' ')" = "N1 N2 N3 N4 "

# A deal opened twice (two copies merged): sales-check names the second.
printf '2026-11-08\tD3\topen\ta1\tother\t\t50.00\tlead\t\t\t\t\t2026-11-08\n' >>"$D/deals/2026-11.tsv"
line=$(wc -l <"$D/deals/2026-11.tsv")
run sales-check
expect_status 1 "a deal id opened twice: sales-check exit 1"
expect_err "sales-check: deals/2026-11.tsv:$line: D3 is opened a second time: two deals have this id (ids.tsv was behind?); give one of them a new id" \
    "a deal id opened twice: the message"
sed -i '$d' "$D/deals/2026-11.tsv"

# --repair moves a counter forward, as one change with its audit line.
cp "$T/ids.old" "$D/ids.tsv"
printf 'kind\tnext\ndeal\t2\nnote\t2\n' >"$D/ids.tsv"
run sales-check --repair
expect_status 0 "--repair of a stale ids.tsv: exit 0"
expect_err "sales-check: ids.tsv: deal next 2 -> 9 (past D8 in use)
sales-check: ids.tsv: note next 2 -> 5 (past N4 in use)" "--repair of a stale ids.tsv: says what it did"
expect_file "$D/ids.tsv" "kind	next
deal	9
note	5" "--repair of a stale ids.tsv: ids.tsv past both"
check "--repair of a stale ids.tsv: logged" \
    grep -q "sales-check	repair ids.tsv: deal next 2 -> 9 (past D8 in use)" "$D/audit.tsv"
run sales-check
expect_status 0 "clean after the repair"
done_testing
