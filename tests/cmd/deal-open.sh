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
	for f in "$1"/deals/*.tsv; do
		awk -F'\t' -v OFS='\t' '
		FNR == 1 { split("", c); for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ printf "%s", substr($c["deal"], 2) + 0
		  n = split("deal rep account product amount stage expected opened date event ref reason note type split", w, " ")
		  for (i = 1; i <= n; i++) printf "\t%s", (w[i] in c) ? $c[w[i]] : ""
		  printf "\n" }' "$f"
	done | awk -F'\t' -v OFS='\t' -v st="$1/stages.tsv" '
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
	settle "$g"
	mv "$g/cache" "$T/cache.off"
	deal-list --open --no-header --columns "$cols" "$@" >"$T/scan" 2>"$T/err"
	mv "$T/cache.off" "$g/cache"
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
