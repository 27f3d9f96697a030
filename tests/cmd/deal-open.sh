#!/bin/sh
# deal-open.sh: deal-list --open reads a month, not the history: the deals
# open now from the replay since the newest checkpoint (history.h), their
# latest rows through the deal index (dealindex.h).  Checked against an
# independent computation (awk over every month file: each deal's last
# row, open when its event is no close and its stage is open in
# stages.tsv), against the same listing without cache/ (every month read),
# and with an index that is stale or lies, which is never believed.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C

g=$T/gen
sales-gen -q --seed 11 --reps 30 --deals 4000 --months 6 "$g" || not_ok "sales-gen"
SALESMGR_DIR=$g SALESMGR_TODAY=2026-12-05
export SALESMGR_DIR SALESMGR_TODAY
cols=deal,rep,account,product,amount,stage,state,expected,opened,date,event,ref,reason,note,type,split

# oracle DIR: the open deals' latest rows, by number, in the columns above
oracle() {
	deal_rows "$1" deal rep account product amount stage expected opened date event ref \
	    reason note type split | awk -F'\t' -v OFS='\t' -v st="$1/stages.tsv" '
	BEGIN { while ((getline l < st) > 0) { split(l, f, "\t"); state[f[1]] = f[5] } }
	{ last[$1] = $0 }
	END { for (k in last) { split(last[k], f, "\t")
		if (f[11] == "won" || f[11] == "lost" || f[11] == "cancel" ||
		    ((f[7] in state) && state[f[7]] != "open")) continue
		print last[k] } }' | sort -n |
	    awk -F'\t' -v OFS='\t' '{ print $2, $3, $4, $5, $6, $7, "open", $8, $9, $10, $11, $12,
		$13, $14, $15, $16 }'
}
# same WHAT [ARGS]: deal-list --open ARGS against the oracle and against
# the listing without cache/
same() {
	what=$1
	shift
	oracle "$g" >"$T/want"
	deal-list --open --no-header --columns "$cols" "$@" >"$T/got" 2>"$T/err" ||
	    { not_ok "$what" "$(cat "$T/err")"; return; }
	uncached "$g" deal-list --open --no-header --columns "$cols" "$@" >"$T/scan" 2>"$T/err"
	if [ ! -s "$T/want" ]; then
		not_ok "$what" "the oracle found no open deal"
	elif cmp -s "$T/want" "$T/got" && cmp -s "$T/got" "$T/scan"; then
		ok "$what"
	else
		not_ok "$what" "$(diff "$T/want" "$T/got" | head -4 | tr '\n' ' ')$(diff "$T/got" "$T/scan" | head -2 | tr '\n' ' ')"
	fi
}

same "the open deals, as every month read and as the oracle has them"

# Deals won, moved, split, cancelled and added since: the index
# catches up, the checkpoints stand.
open1=$(deal-list --open --no-header --columns deal | sed -n 1p)
open2=$(deal-list --open --no-header --columns deal | sed -n 2p)
open3=$(deal-list --open --no-header --columns deal | sed -n 3p)
won=$(deal-list --won --no-header --columns deal | sed -n 1p)
# two stages other than open2's, for moves back and forth
at=$(deal-list --open --no-header --columns deal,stage | awk -v d="$open2" '$1 == d { print $2 }')
to1=negotiation to2=qualified
[ "$at" = negotiation ] && to1=proposal
[ "$at" = qualified ] && to2=lead
deal-won -q "$open1" &&
deal-move -q "$open2" --stage "$to1" &&
deal-split -q "$open3" r0002:60 r0003:40 &&
deal-cancel -q "$won" --reason refund &&
deal-add -q --rep r0004 --account a00002 --amount 99.50 --type renewal >/dev/null ||
    not_ok "writes"
same "after writes of every kind in a new month"
check "a won deal is no longer listed" sh -c "! grep -q '^$open1	' '$T/got'"
check "a deal moved is listed at its new stage" grep -q "^$open2	.*	$to1	open	" "$T/got"

# One rep's open deals (--rep, and rep-end): the deals named by the rep in
# a line of the newest checkpoint or of a month after it, their latest
# rows through the index (history_open_latest_of()).  Each rep's listing
# is the oracle's rows of that rep, and the listing without cache/.
# Before: a deal of r0005 given to r0006 this month, one of r0006 to
# r0005, and reps whose ids hold another's ("r000" in "r0001", "0001").
a5=$(deal-list --open --rep r0005 --no-header --columns deal | sed -n 1p)
a6=$(deal-list --open --rep r0006 --no-header --columns deal | sed -n 1p)
rep-add -q r000 --name Prefix --team t01 && rep-add -q 0001 --name Suffix --team t01 &&
deal-add -q --rep r000 --account a00003 --amount 10 >/dev/null &&
deal-add -q --rep 0001 --account a00003 --amount 11 >/dev/null &&
deal-move -q "$a5" --rep r0006 && deal-move -q "$a6" --rep r0005 || not_ok "writes for --rep"
settle "$g"
oracle "$g" >"$T/want"
reps=$(tail -n +2 "$g/reps.tsv" | cut -f1)
for r in $reps; do
	awk -F'\t' -v r="$r" '$2 == r' "$T/want"
done >"$T/want-rep"
for r in $reps; do
	deal-list --open --rep "$r" --no-header --columns "$cols"
done >"$T/got-rep" 2>"$T/err"
for r in $reps; do
	uncached "$g" deal-list --open --rep "$r" --no-header --columns "$cols"
done >"$T/scan-rep" 2>>"$T/err"
check "every rep's open deals (--rep): the oracle's, and as every month read" \
    eval 'test -s "$T/want-rep" && test ! -s "$T/err" && cmp -s "$T/want-rep" "$T/got-rep" &&
    cmp -s "$T/got-rep" "$T/scan-rep"'
check "a deal given away this month is listed for its new owner only" \
    eval 'grep -q "^$a5	r0006	" "$T/got-rep" && ! grep -q "^$a5	r0005	" "$T/got-rep" &&
    grep -q "^$a6	r0005	" "$T/got-rep"'
check "reps r000 and 0001: their own deal each" \
    eval 'test "$(grep -c "	r000	" "$T/got-rep")" = 1 && test "$(grep -c "^D[0-9]*	0001	" "$T/got-rep")" = 1'
# rep-end hands over what it finds so: the same rows and audit lines as
# with every month read (no cache/), a split share included.
s7=$(deal-list --open --rep r0008 --no-header --columns deal | sed -n 1p)
deal-split -q "$s7" r0008:50 r0007:50 || not_ok "deal-split"
settle "$g"
for v in idx scan; do
	rmdata "$T/end-$v" && cp -a "$g" "$T/end-$v"
done
rm -r "$T/end-scan/cache"
for v in idx scan; do
	SALESMGR_DIR=$T/end-$v rep-end -q r0007 --hand-over r0009 --date 2026-12-05 ||
	    not_ok "rep-end ($v)"
	# Without cache/, rep-end replays in threads, then writes the index
	# and checkpoints in the background: that work ends, and lets the
	# lock go (it once waited for ever for the replay's threads).
	if command -v flock >/dev/null 2>&1; then
		timeout 60 flock -s "$T/end-$v" true
		check "rep-end ($v): its background work lets the lock go" test $? -eq 0
	else
		skip "rep-end ($v): no flock(1) to wait for its background work"
	fi
	cut -f3- "$T/end-$v/audit.tsv" >"$T/audit-$v"
done
check "rep-end: the same ledger rows and audit lines as with every month read" \
    eval 'cmp -s "$T/end-idx/deals/2026-12.tsv" "$T/end-scan/deals/2026-12.tsv" &&
    cmp -s "$T/audit-idx" "$T/audit-scan" && grep -q "split deal $s7 r0008:50,r0009:50" "$T/audit-idx" &&
    grep -q "assign deal .* to r0009 (was r0007)" "$T/audit-idx"'

# A stale index (a month file touched: the head no longer matches) is not
# believed: every month is read, with the same result.
settle "$g"
touch "$g/deals/2026-12.tsv"
same "a stale index: every month read, the same listing"
deal-move -q "$open2" --stage "$to2" || not_ok "deal-move"
same "the next writer makes the index current again"

# An index that lies (an entry naming another deal's row) is not believed.
settle "$g"
k=${open2#D}
dd if="$g/cache/deal-index" of="$g/cache/deal-index" bs=8 skip=$((k - 1)) seek="$k" count=1 \
    conv=notrunc status=none
check "the entry of $open2 now names the row of D$((k - 1))" \
    cmp -s -i $(((k - 1) * 8)):$((k * 8)) -n 8 "$g/cache/deal-index" "$g/cache/deal-index"
same "an index entry that names another deal's row: not believed"
deal-move -q "$open2" --stage "$to1" || not_ok "deal-move"

# Reading a month, not the history: an old month file damaged in place
# (its size and time kept) stops a listing that reads every month, not
# --open, which starts from the checkpoint after it.
settle "$g"
f=$g/deals/2026-08.tsv
cp -p "$f" "$T/month.bak"
awk 'NR == 2 { sub(/\t/, " ") } { print }' "$T/month.bak" >"$f"
touch -r "$T/month.bak" "$f"
run deal-list --won
expect_status 1 "the damaged month stops a listing of every month"
run deal-list --open --columns deal,rep
expect_status 0 "--open does not read it"
cp -p "$T/month.bak" "$f"

# In a pipe, and no deal open.
deal-list --open --no-header --columns deal | head -n 1 >"$T/first"
check "in a pipe: the first open deal" test "$(cat "$T/first")" = "$(sed -n 1p "$T/got" | cut -f1)"
e=$T/empty
sales-init -q "$e" || not_ok "sales-init"
SALESMGR_DIR=$e run deal-list --open
expect_status 0 "an empty ledger: exit 0"
expect_out "deal	rep	account	product	amount	stage	state	expected	opened	date	event	ref	reason	note	stage_days	pushes	last_activity	type	split" \
    "an empty ledger: the header alone"
done_testing
