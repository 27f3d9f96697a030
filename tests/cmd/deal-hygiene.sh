# deal-list's stage_days, pushes and last_activity: on hand-made deals
# (pushes, reopens, a won deal) and on sales-gen data with planted pushes, stale
# deals and calls, against an independent awk computation
# (tests/oracle/age.awk); bad input; a pipe.
. "$(dirname "$0")/lib.sh"
oracle=$top/tests/oracle/age.awk
D=$SALESMGR_DIR

init
team-add -q north --name North
rep-add -q anna --name Anna --team north --hired 2025-01-01
rep-add -q bob --name Bob --team north --hired 2025-01-01
# (tests/cmd/age.sh checks the columns on deal-age(1)'s example too.)
# D1: moved on with a later close date (a push), a call on 11-20.
setup deal-add --rep anna --account acme --amount 1000 --stage lead --expected 2026-11-15 \
    --date 2026-10-01 --new-accounts
setup deal-move D1 --stage proposal --expected 2026-11-30 --date 2026-10-20
setup act-log --rep anna --kind call --deal D1 --account acme --date 2026-11-20
# D2: lost, then reopened with a later close date: a push; D3 reopened
# with the date it was lost with: none.
setup deal-add --rep bob --account echo --amount 50 --stage lead --expected 2026-11-15 \
    --date 2026-10-01 --new-accounts
setup deal-lost D2 --reason budget --date 2026-10-05
setup deal-move D2 --stage lead --expected 2026-12-20 --date 2026-11-06
setup deal-add --rep anna --account echo --amount 60 --stage lead --expected 2026-11-15 \
    --date 2026-10-01
setup deal-lost D3 --reason budget --date 2026-10-05
setup deal-move D3 --stage lead --date 2026-11-06
# D4: won, pushed once and worked on before: a closed deal has none of them.
setup deal-add --rep bob --account delta --amount 700 --stage lead --expected 2026-10-15 \
    --date 2026-10-01 --new-accounts
setup deal-move D4 --stage negotiation --expected 2026-10-25 --date 2026-10-11
setup act-log --rep bob --kind meeting --deal D4 --account delta --date 2026-10-12
setup deal-won D4 --date 2026-10-21

pick() { awk -F'\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    { print $1, $(c["state"]), $(c["stage_days"]), $(c["pushes"]), $(c["last_activity"]) }' "$T/out"; }
run deal-list
expect_status 0 "deal-list: exit 0"
pick >"$T/got"
expect_file "$T/got" "deal	state	stage_days	pushes	last_activity
D1	open	37	1	2026-11-20
D2	open	20	1	
D3	open	20	0	
D4	won			" \
    "a move with a later date is a push; a reopen pushes only past the date it closed with; nothing for a won deal"
awk -v today="$SALESMGR_TODAY" -v mode=deals -f "$top/tests/oracle/days.awk" -f "$oracle" \
    "$D/stages.tsv" "$D"/deals/*.tsv "$D"/activities/*.tsv | cut -f1,10,11,13 | sort >"$T/want"
deal-list --open -o tsv --columns deal,stage_days,pushes,last_activity --no-header | sort >"$T/got"
if cmp -s "$T/want" "$T/got"; then ok "hand-made: as the oracle has it"
else not_ok "hand-made: as the oracle has it" "$(diff "$T/want" "$T/got" | head -6 | tr '\n' '|')"; fi
run deal-list --won -o json --columns deal,stage_days,pushes,last_activity
expect_out '{"deal":"D4","stage_days":null,"pushes":null,"last_activity":null}' \
    "--won: the hygiene columns not set"
run deal-list --open --rep anna -o table --columns deal,stage,stage_days,pushes
expect_out "deal  stage     stage_days  pushes
D1    proposal          37       1
D3    lead              20       0" "a table: the counts right-aligned"

# --- bad input: nothing changes, and a pipe
bad 2 "deal-list: invalid --columns: no column 'push' here; the columns are deal,rep,account,product,amount,stage,state,expected,opened,date,event,ref,reason,note,stage_days,pushes,last_activity,type,split" \
    "--columns push" deal-list --columns push
run sh -c "deal-list --open --no-header --columns deal,pushes | awk -F'\t' '\$2 >= 1 { print \$1 }' | while read -r d; do deal-move -q \"\$d\" --stage negotiation --date 2026-11-26 || exit 1; done; deal-list --open --columns deal,stage,stage_days,pushes --no-header"
expect_status 0 "deal-list | awk | deal-move: the pushed deals moved on"
expect_out "D1	negotiation	0	1
D2	negotiation	0	1
D3	lead	20	0" "the moved deals start their stay today, their pushes kept"

# --- sales-gen data with planted pushes, stale deals and calls
G=$T/gen
sales-gen -q --seed 8 --deals 1500 --months 6 "$G" || not_ok "sales-gen" "failed"
SALESMGR_DIR=$G
D=$G
deal-list --open --no-header | awk -F'\t' -v OFS='\t' 'BEGIN { print "deal", "expected" }
    NR % 3 == 0 && $8 != "" { print $1, "2027-01-31" }' >"$T/push1"
deal-list --open --no-header | awk -F'\t' -v OFS='\t' 'BEGIN { print "deal", "expected" }
    NR % 5 == 0 && $8 != "" { print $1, "2027-02-28" }' >"$T/push2"
setup deal-move --from "$T/push1"
setup deal-move --from "$T/push2"
deal-list --open --no-header | awk -F'\t' -v OFS='\t' 'BEGIN { print "rep", "kind", "deal", "date" }
    NR % 4 == 1 { print $2, "call", $1, "2026-11-24" }' >"$T/acts"
setup act-log --from "$T/acts"
# two stale deals: opened in July, never touched again
setup deal-add --rep r0001 --account stale1 --amount 100 --stage lead --date 2026-07-01 \
    --expected 2026-12-31 --new-accounts
setup deal-add --rep r0002 --account stale2 --amount 100 --stage proposal --date 2026-07-15 \
    --new-accounts
awk -v today="$SALESMGR_TODAY" -v mode=deals -f "$top/tests/oracle/days.awk" -f "$oracle" "$D/stages.tsv" "$D"/deals/*.tsv \
    "$D"/activities/*.tsv | cut -f1,10,11,13 | sort >"$T/want"
deal-list --open -o tsv --columns deal,stage_days,pushes,last_activity --no-header | sort >"$T/got"
if [ -s "$T/want" ] && cmp -s "$T/want" "$T/got"; then ok "sales-gen: every open deal as the oracle has it"
else not_ok "sales-gen: every open deal as the oracle has it" "$(diff "$T/want" "$T/got" | head -6 | tr '\n' '|')"; fi
check "planted: pushed once and twice, stale and touched deals among them" sh -c "
    cut -f3 '$T/got' | grep -qx 1 && cut -f3 '$T/got' | grep -qx 2 &&
    cut -f4 '$T/got' | grep -qx 2026-11-24 && awk -F'\t' '\$2 > 100 && \$4 == \"\"' '$T/got' | grep -q ."
deal-list --no-header --columns deal,state,stage_days | awk -F'\t' '$2 != "open" && $3 != ""' >"$T/closed"
check "sales-gen: no closed deal has a stage_days" test ! -s "$T/closed"
# The replay starts at the checkpoint before the oldest open deal's
# opened day; a hand edit that dates the oldest one's opened after its own
# open makes it start too late, and the replay starts again from the first
# month: the figures stay the oracle's.
check "sales-gen wrote checkpoints to start from" sh -c "ls '$D'/cache/open-2026-06-* >/dev/null"
stale=$(deal-list --rep r0001 --open --no-header --columns deal,account | awk -F'\t' '$2 == "stale1" { print $1 }')
awk -F'\t' -v OFS='\t' -v d="$stale" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    NR > 1 && $(c["deal"]) == d { $(c["opened"]) = "2026-07-20" } { print }' \
    "$D/deals/2026-07.tsv" >"$T/edited"
cat "$T/edited" >"$D/deals/2026-07.tsv"
check "the oldest open deal now says it opened on 2026-07-20" sh -c \
    "deal-list --open --no-header --columns deal,opened | grep -qx '$stale	2026-07-20'"
awk -v today="$SALESMGR_TODAY" -v mode=deals -f "$top/tests/oracle/days.awk" -f "$oracle" "$D/stages.tsv" "$D"/deals/*.tsv \
    "$D"/activities/*.tsv | cut -f1,10,11,13 | sort >"$T/want"
deal-list --open -o tsv --columns deal,stage_days,pushes,last_activity --no-header | sort >"$T/got"
if [ -s "$T/want" ] && cmp -s "$T/want" "$T/got"; then ok "opened after the open: every open deal as the oracle has it"
else not_ok "opened after the open: every open deal as the oracle has it" "$(diff "$T/want" "$T/got" | head -6 | tr '\n' '|')"; fi
check "the edited deal's stay counts from its open on 2026-07-01" sh -c \
    "grep -q '^$stale	148	' '$T/got'"

done_testing
