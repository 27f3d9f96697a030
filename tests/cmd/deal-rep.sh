#!/bin/sh
# deal-rep.sh: deal-list --rep or --team of any state or period, and
# deal-age --rep, read the rep's deals, not the ledger: the deals named by
# the reps' lines of each month (cache/mreps-*, the deal index's of the
# last month), their latest rows through the deal index
# (history_latest_naming(), age_scan_of()).  Checked against an
# independent computation (awk over every month file: each deal's last
# row), against the same listing without cache/ (every month read), after
# writes of every kind, with a stale index and with one that lies, and by
# an old month damaged in place, which a listing of one rep does not read.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C

g=$T/gen
sales-gen -q --seed 12 --reps 25 --deals 3000 --months 6 "$g" || not_ok "sales-gen"
SALESMGR_DIR=$g SALESMGR_TODAY=2026-12-05
export SALESMGR_DIR SALESMGR_TODAY
cols=deal,rep,account,product,amount,stage,state,expected,opened,date,event,ref,reason,note,type,split

# oracle DIR: every deal's latest row, by number: deal, rep, amount,
# stage, date and event
oracle() {
	deal_rows "$1" deal rep amount stage date event |
	    awk -F'\t' '{ last[$1] = $0 } END { for (k in last) print last[k] }' | sort -n | cut -f2-
}
# same WHAT ARGS...: deal-list ARGS as with every month read (no cache/)
same() {
	what=$1
	shift
	settle "$g"
	deal-list --no-header --columns "$cols" "$@" >"$T/got" 2>"$T/err" ||
	    { not_ok "$what" "$(cat "$T/err")"; return; }
	uncached "$g" deal-list --no-header --columns "$cols" "$@" >"$T/scan" 2>"$T/err"
	if [ ! -s "$T/got" ]; then
		not_ok "$what" "nothing listed"
	elif cmp -s "$T/got" "$T/scan"; then
		ok "$what"
	else
		not_ok "$what" "$(diff "$T/got" "$T/scan" | head -4 | tr '\n' ' ')"
	fi
}
# every_rep: each rep's deals of every state against the oracle's rows
every_rep() {
	settle "$g"
	oracle "$g" >"$T/all"
	for r in $reps; do
		awk -F'\t' -v r="$r" '$2 == r' "$T/all"
	done >"$T/want"
	for r in $reps; do
		deal-list --rep "$r" --no-header --columns deal,rep,amount,stage,date,event
	done >"$T/got" 2>"$T/err"
	check "$1" eval 'test -s "$T/want" && test ! -s "$T/err" && cmp -s "$T/want" "$T/got"'
}
reps=$(tail -n +2 "$g/reps.tsv" | cut -f1)

every_rep "every rep's deals of every state (--rep): the oracle's"
same "one rep's won deals" --rep r0003 --won
same "one rep's lost deals of a quarter" --rep r0004 --lost --period 2026-Q3
same "one rep's deals whose latest event is in a month" --rep r0005 --period 2026-10
same "one rep's deals at a stage" --rep r0006 --stage lead
same "a team's cancelled deals" --team t03 --cancelled
same "a team's deals of a quarter" --team t02 --period 2026-Q4

# Writes of every kind in a new month: a deal won, one given from r0005
# to r0006 and one back, a split, a cancel, new deals of reps whose ids
# hold another's ("r000" in "r0001", "0001").
o5=$(deal-list --open --rep r0005 --no-header --columns deal | sed -n 1p)
o6=$(deal-list --open --rep r0006 --no-header --columns deal | sed -n 1p)
o7=$(deal-list --open --rep r0007 --no-header --columns deal | sed -n 1p)
o8=$(deal-list --open --rep r0008 --no-header --columns deal | sed -n 1p)
w9=$(deal-list --won --rep r0009 --no-header --columns deal | sed -n 1p)
rep-add -q r000 --name Prefix --team t01 && rep-add -q 0001 --name Suffix --team t01 &&
deal-add -q --rep r000 --account a00003 --amount 10 >/dev/null &&
deal-add -q --rep 0001 --account a00003 --amount 11 >/dev/null &&
deal-move -q "$o5" --rep r0006 && deal-move -q "$o6" --rep r0005 &&
deal-won -q "$o7" && deal-split -q "$o8" r0008:60 r0010:40 &&
deal-cancel -q "$w9" --reason refund || not_ok "writes"
reps="$reps r000 0001"
every_rep "after writes of every kind: every rep's deals, the oracle's"
check "a deal given away is listed for its new owner only" \
    eval 'grep -q "^$o5	r0006	" "$T/got" && ! grep -q "^$o5	r0005	" "$T/got" &&
    grep -q "^$o6	r0005	" "$T/got"'
check "reps r000 and 0001: their own deal each" \
    eval 'test "$(grep -c "	r000	" "$T/got")" = 1 && test "$(grep -c "^D[0-9]*	0001	" "$T/got")" = 1'
same "after the writes: one rep's won deals" --rep r0007 --won
same "after the writes: a split deal's owner" --rep r0008 --open
same "after the writes: the cancelled deals of a rep" --rep r0009 --cancelled
same "after the writes: a team of this month" --team t01 --period this-month
same "after the writes: a team's open deals" --team t01 --open
same "after the writes: a team's open deals at a stage" --team t02 --open --stage lead

# deal-age --rep: the rep's open deals replayed alone, the figures of the
# whole replay; a past --today is the whole replay.
ages() {
	what=$1
	shift
	settle "$g"
	deal-age --no-header "$@" >"$T/got" 2>"$T/err" || { not_ok "$what" "$(cat "$T/err")"; return; }
	r=$2
	deal-age --no-header $(echo "$@" | sed "s/--rep $r//") | awk -F'\t' -v r="$r" '$2 == r' >"$T/all"
	uncached "$g" deal-age --no-header "$@" >"$T/scan" 2>"$T/err"
	if [ -s "$T/got" ] && cmp -s "$T/got" "$T/scan" && cmp -s "$T/got" "$T/all"; then
		ok "$what"
	else
		not_ok "$what" "$(diff "$T/got" "$T/scan" | head -2 | tr '\n' ' ')$(diff "$T/got" "$T/all" | head -2 | tr '\n' ' ')"
	fi
}
ages "deal-age --rep: the rows of every rep's listing, and as every month read" --rep r0006
# deal-age --team: the team's reps' open deals replayed alone, the rows of
# the whole replay's listing that are theirs
settle "$g"
deal-age --no-header --team t02 >"$T/got" 2>"$T/err"
deal-age --no-header | awk -F'\t' -v r="$(awk -F'\t' '$4 == "t02" { printf "%s ", $1 }' "$g/reps.tsv")" '
    BEGIN { n = split(r, v, " "); for (i = 1; i <= n; i++) on[v[i]] = 1 } $2 in on' >"$T/all"
uncached "$g" deal-age --no-header --team t02 >"$T/scan" 2>>"$T/err"
check "deal-age --team: the team's rows of the whole listing, and as every month read" \
    eval 'test -s "$T/got" && test ! -s "$T/err" && cmp -s "$T/got" "$T/all" && cmp -s "$T/got" "$T/scan"'
ages "deal-age --rep of a split deal's owner" --rep r0008
ages "deal-age --rep with a limit" --rep r0005 --idle 20
ages "deal-age --rep on an earlier day of the last month: a deal won since is listed" \
    --rep r0007 --today 2026-12-03
check "deal-age --rep r0007 --today 2026-12-03 lists $o7, won on 2026-12-05" \
    grep -q "^$o7	r0007	" "$T/got"
ages "deal-age --rep on a past day: the whole replay" --rep r0004 --today 2026-11-20
ages "deal-age --rep on a day of an earlier month" --rep r0004 --today 2026-10-15

# perf-report --rep: the rep's deals alone folded (history_deals_since()),
# the row of the report of every rep (but its rank among the rows shown),
# for every rep, of periods from this quarter to the year by month, and
# with --flag (which folds the periods before on their own).
pc=rep,team,name,quota,quota_period,won,cancelled,net_won,attainment,expected,pace,won_deals
pc=$pc,lost_deals,win_rate,avg_deal,cycle_days,pipeline,weighted,activities,coverage
pc=$pc,required_coverage,velocity
for args in "--period this-quarter" "--period 2026-Q3" "--period this-month" \
    "--by month --period 2026" "--flag --period 2026-Q4"; do
	settle "$g"
	col=1 c=$pc
	case $args in
	--by\ month*) col=2 c=month,$pc ;;
	--flag*) c=$pc,flag ;;
	esac
	perf-report $args --no-header -o tsv --columns "$c" >"$T/all" 2>"$T/err"
	: >"$T/want"
	: >"$T/got"
	for r in $reps; do
		awk -F'\t' -v r="$r" -v c="$col" '$c == r' "$T/all" >>"$T/want"
		perf-report $args --rep "$r" --no-header -o tsv --columns "$c" >>"$T/got" 2>>"$T/err"
	done
	check "perf-report --rep, every rep, $args: the rows of the report of every rep" \
	    eval 'test -s "$T/want" && test ! -s "$T/err" && cmp -s "$T/want" "$T/got"'
done

# Without the months' rep lines (cache/mreps-*), each month's own lines
# that name the rep are read: the same deals.
settle "$g"
mkdir -p "$T/mreps"
mv "$g"/cache/mreps-* "$T/mreps/"
for r in r0003 r0006 r000; do
	deal-list --rep "$r" --no-header --columns "$cols"
done >"$T/got" 2>"$T/err"
mv "$T/mreps"/* "$g/cache/"
for r in r0003 r0006 r000; do
	deal-list --rep "$r" --no-header --columns "$cols"
done >"$T/want" 2>>"$T/err"
check "without the months' rep lines: the same deals, from the months' lines" \
    eval 'test -s "$T/want" && test ! -s "$T/err" && cmp -s "$T/want" "$T/got"'

# A stale index (a month file touched) is not believed; an index that
# lies (an entry naming another deal's row) neither.
settle "$g"
touch "$g/deals/2026-12.tsv"
same "a stale index: every month read, the same listing" --rep r0006
deal-move -q "$o6" --stage qualified || not_ok "deal-move"
settle "$g"
k=${o6#D}
dd if="$g/cache/deal-index" of="$g/cache/deal-index" bs=8 skip=$((k - 1)) seek="$k" count=1 \
    conv=notrunc status=none
check "the entry of $o6 now names the row of D$((k - 1))" \
    cmp -s -i $(((k - 1) * 8)):$((k * 8)) -n 8 "$g/cache/deal-index" "$g/cache/deal-index"
same "an index entry that names another deal's row: not believed" --rep r0005
deal-move -q "$o6" --stage lead || not_ok "deal-move"

# Reading the rep's deals, not the ledger: an old month file damaged in
# place (its size and time kept) in a row of another rep stops a listing
# of every deal, not one of that rep (whose rows there, if any, are read
# where the index says they are).
settle "$g"
f=$g/deals/2026-08.tsv
bad=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["rep"] != "r0003" { print NR; exit }' "$f")
cp -p "$f" "$T/month.bak"
awk -v n="$bad" 'NR == n { sub(/\t/, " ") } { print }' "$T/month.bak" >"$f"
touch -r "$T/month.bak" "$f"
run deal-list --won
expect_status 1 "the damaged month stops a listing of every deal"
expect_err_has "2026-08.tsv:$bad" "it names the damaged line"
run deal-list --won --rep r0003
expect_status 0 "a listing of one rep does not read it"
cp -p "$T/month.bak" "$f"

# Bad input: an unknown rep or team, nothing listed; in a pipe.
run deal-list --rep r9999 --won
expect_status 1 "an unknown rep: status 1"
expect_err_has "unknown rep 'r9999'" "an unknown rep: named"
run deal-age --rep r9999
expect_status 1 "deal-age: an unknown rep: status 1"
deal-list --rep r0003 --no-header --columns deal | head -n 1 >"$T/first"
check "in a pipe: the rep's first deal" \
    test "$(cat "$T/first")" = "$(oracle "$g" | awk -F'\t' '$2 == "r0003" { print $1; exit }')"
done_testing
