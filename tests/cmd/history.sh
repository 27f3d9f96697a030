# The replay of the deal ledger (lib/history.h) and its checkpoints: every
# report that folds it prints the same with and without the checkpoints,
# with stale ones after a change to an old month, and with damaged ones;
# writers write them after their commit, readers never.
. "$(dirname "$0")/lib.sh"

g=$T/gen
sales-gen -q --seed 5 --reps 30 --deals 4000 --months 18 "$g" || not_ok "sales-gen"
printf 'period\tdimension\tkey\tmetric\ttarget\n2026-Q4\tteam\tt01\trevenue\t800000.00\n' \
    >"$g/plans.tsv"
SALESMGR_DIR=$g
export SALESMGR_DIR

reports='perf-report --period 2026-Q3
perf-report --period 2026 --by month
deal-forecast --period 2026-Q4 --by team
deal-forecast --as-of 2026-08-15 --period 2026-Q3
deal-forecast --accuracy --at 60,30
plan-report --period 2026-Q4
rep-diagnose --all --period 2026-Q2
rep-show r0003
rep-show r0017
deal-list --open --rep r0001
deal-list --open --rep r0022
rep-show r0003 --today 2026-11-01
deal-list --open --rep r0003 --today 2026-11-01
comp-calc --period 2026-09
acct-assign
quota-split 2026-Q4 --team t01 90000 --by history -n -q'

# same_uncached CMDS WHAT: each command of the lines CMDS prints the same
# with the cache (the checkpoints, the indexes) as without it
same_uncached() {
	echo "$1" | while read -r cmd; do
		$cmd >"$T/with" 2>&1
		mv "$g/cache" "$T/cache.off"
		$cmd >"$T/without" 2>&1
		mv "$T/cache.off" "$g/cache"
		if cmp -s "$T/with" "$T/without"; then
			echo "ok"
		else
			echo "$cmd: $(diff "$T/with" "$T/without" | head -3 | tr '\n' '|')"
		fi
	done >"$T/same"
	if ! grep -v '^ok$' "$T/same" >"$T/differ"; then
		ok "$2"
	else
		not_ok "$2" "$(head -3 "$T/differ")"
	fi
}
# same_all WHAT: every report the same with the checkpoints as without
same_all() {
	same_uncached "$reports" "$1: every report the same with and without the checkpoints"
}

n=$(ls "$g/cache" | grep -c '^open-')
check "sales-gen wrote a checkpoint per complete month (17)" test "$n" -eq 17
same_all "as generated"

# A reader writes none; a writer writes the missing ones after its commit.
rmdata "$g/cache"
perf-report --period 2026-Q3 >/dev/null
check "a report writes no checkpoint" test ! -e "$g/cache"
id=$(deal-add -q --rep r0001 --account a00001 --amount 500 --date 2026-11-20)
settle
check "a deal writer writes them all again ($(ls "$g/cache" 2>/dev/null | wc -l))" \
    test "$(ls "$g/cache" | grep -c '^open-')" -eq 17
same_all "written by deal-add"

# A back-dated event changes an old month: the checkpoints from that month
# on are stale and not used, and the writer replaces them.
before=$(ls "$g/cache" | grep "^open-")
deal-add -q --rep r0002 --account a00002 --amount 777 --date 2026-03-10 \
    --stage proposal --expected 2026-12-15 >/dev/null
settle
after=$(ls "$g/cache" | grep "^open-")
stale=$(printf '%s\n' "$before" | grep -c -e '-2026-0[3-9]-' -e '-2026-1[0-1]-')
kept=$(printf '%s\n%s\n' "$before" "$after" | sort | uniq -d | wc -l)
check "a back-dated deal replaces the checkpoints from its month on ($stale), keeps the others" \
    test "$kept" -eq $((17 - stale))
same_all "after a back-dated deal"
deal-won -q "$id" --date 2026-11-21 && deal-move -q "D2" --amount 1234 2>/dev/null
same_all "after won and moved deals"

# A damaged checkpoint, or one whose stage is no longer open, is not used.
ck=$(ls "$g"/cache/open-2026-09-*.tsv)
cp "$ck" "$T/ck.keep"
printf 'D1\tr0001\ta00001\t\tabc\tlead\t\t2026-09-01\t2026-09-01\n' >>"$ck"
same_all "a checkpoint with a bad amount"
cp "$T/ck.keep" "$ck"
sed 's/\tproposal\t/\twon\t/' "$T/ck.keep" >"$ck"
same_all "a checkpoint holding a deal at a closed stage"
cp "$T/ck.keep" "$ck"
printf 'deal\trep\tamount\tstage\n' >"$ck"
same_all "a checkpoint of the old format"
# Negative control: a checkpoint that looks sound but lost its deals is
# trusted (it is a cache: only the fingerprint says it is stale), so the
# comparison above must see the difference, or it proves nothing.
sed '2,$d' "$T/ck.keep" >"$ck"
echo "$reports" | head -3 | tail -1 >"$T/cmd"
$(cat "$T/cmd") >"$T/with" 2>&1
mv "$g/cache" "$T/cache.off"
$(cat "$T/cmd") >"$T/without" 2>&1
mv "$T/cache.off" "$g/cache"
if ! cmp -s "$T/with" "$T/without"; then
	ok "negative control: a checkpoint that lost its deals changes the forecast"
else
	not_ok "negative control: a checkpoint that lost its deals changes the forecast" \
	    "the comparison saw nothing: it is broken"
fi
cp "$T/ck.keep" "$ck"

# One rule of a deal's state: deal-list says what the replay says.
deal-list --open --no-header | cut -f1 | sort >"$T/open-list"
open=$(awk -F'\t' 'FNR > 1 { st[$2] = $3 } END {
	for (d in st) if (st[d] != "won" && st[d] != "lost" && st[d] != "cancel") print d }' \
    "$g"/deals/*.tsv | sort)
if [ "$(cat "$T/open-list")" = "$open" ]; then
	ok "deal-list --open lists the deals whose last event neither closes nor cancels"
else
	not_ok "deal-list --open lists the deals whose last event neither closes nor cancels" \
	    "$(printf '%s\n' "$open" | diff - "$T/open-list" | head -3 | tr '\n' '|')"
fi

# Month files with the optional currency columns (salesmgr-files(5)): a
# deal in dollars rewrites its month whole with the columns up to
# currency_amount, 15 (September, an old month with checkpoints after it,
# and November), October keeps its 13.  The replay finds its columns by name: every report is the same with
# and without the checkpoints (perf.sh checks the figures of such months
# against awk).
printf 'date\tcurrency\trate\n2025-01-01\tUSD\t0.90\n' >"$g/rates.tsv"
deal-add -q --rep r0004 --account a00004 --amount 1000 --currency USD --date 2026-09-12 \
    --stage proposal --expected 2026-12-10 >/dev/null
deal-add -q --rep r0005 --account a00005 --amount 2000.50 --currency USD --date 2026-11-05 \
    --stage won --closed 2026-11-20 >/dev/null
settle
width() { head -n 1 "$g/deals/$1.tsv" | awk -F'\t' '{ print NF }'; }
check "September and November have the optional columns, October not ($(width 2026-09) $(width 2026-11) $(width 2026-10))" \
    test "$(width 2026-09) $(width 2026-11) $(width 2026-10)" = "15 15 13"
check "a checkpoint after the upgraded September is written" \
    test "$(ls "$g/cache" | grep -c '^open-')" -eq 17
same_all "with 15-column month files"
grep -q "	USD	1000" "$g/deals/2026-09.tsv"
check "the dollar deal keeps its own amount and currency" [ $? -eq 0 ]

# A row dated outside its file's month is refused, as sales-check refuses it.
cp "$g/deals/2026-10.tsv" "$T/oct.keep"
printf '2026-09-30\tD99999\topen\tr0001\ta00001\t\t10.00\tlead\t\t\t\t\t2026-09-30\n' \
    >>"$g/deals/2026-10.tsv"
run perf-report --period 2026-10
expect_fail 1 "deals/2026-10.tsv:" "a row of another month: refused, with file and line"
expect_err_has "is not in 2026-10; run sales-check" "and says why"
cp "$T/oct.keep" "$g/deals/2026-10.tsv"

# The first write of a month checkpoints the month before from the newest
# checkpoint and that month's events alone, after the writer has exited
# (it keeps the lock until the checkpoint is written).  What it writes is
# what a replay from the first month writes: byte for byte, and every
# report the same.
deal-add -q --rep r0001 --account a00001 --amount 10 >/dev/null
settle
oct=$(ls "$g"/cache/open-2026-10-*.tsv)
cp "$oct" "$T/oct-full"
rm -f "$g"/cache/open-2026-10-*.tsv "$g"/cache/seen-2026-10-*.tsv
deal-add -q --rep r0002 --account a00002 --amount 20 >/dev/null
settle
if cmp -s "$oct" "$T/oct-full"; then
	ok "October's checkpoint from September's and October's events is the full replay's"
else
	not_ok "October's checkpoint from September's and October's events is the full replay's" \
	    "$(diff "$T/oct-full" "$oct" | head -3 | tr '\n' '|')"
fi
same_all "October checkpointed from September's"
# It is built from September's: one that lost a deal with no event in
# October (trusted, as the negative control above) carries the loss into
# October's.
sep=$(ls "$g"/cache/open-2026-09-*.tsv)
cp "$sep" "$T/sep.keep"
quiet=$(awk -F'\t' 'NR > 1 && $9 < "2026-10-01" { print $1; exit }' "$T/oct-full")
check "an open deal with no event in October ($quiet)" test -n "$quiet"
awk -F'\t' -v d="$quiet" '$1 != d' "$T/sep.keep" >"$sep"
rm -f "$g"/cache/open-2026-10-*.tsv "$g"/cache/seen-2026-10-*.tsv
deal-add -q --rep r0003 --account a00003 --amount 30 >/dev/null
settle
if ! cmp -s "$g"/cache/open-2026-10-*.tsv "$T/oct-full"; then
	ok "negative control: October's checkpoint is built from September's"
else
	not_ok "negative control: October's checkpoint is built from September's" \
	    "the same as a full replay: September's was not read"
fi
cp "$T/sep.keep" "$sep"
rm -f "$g"/cache/open-2026-10-*.tsv "$g"/cache/seen-2026-10-*.tsv
deal-add -q --rep r0003 --account a00003 --amount 30 >/dev/null
settle

# Checkpoints of another fingerprint (a ledger that changed since, a month
# that is no more) are removed by the writer that writes new ones, through
# the store; a reader, and a writer with nothing to write, leave them.
ls "$g/cache" | grep -e '^open-' -e '^seen-' | sort >"$T/valid"
for f in open-2026-05-0123456789abcdef.tsv seen-2026-05-0123456789abcdef.tsv \
    open-2023-01-0123456789abcdef.tsv seen-2023-01-0123456789abcdef.tsv \
    open-2026-10-0123456789abcdef.tsv; do
	cp "$oct" "$g/cache/$f"
done
ls "$g/cache" | grep -e '^open-' -e '^seen-' | sort >"$T/planted"
perf-report --period 2026-Q3 >/dev/null
deal-add -q --rep r0004 --account a00004 --amount 40 >/dev/null
settle
ls "$g/cache" | grep -e '^open-' -e '^seen-' | sort >"$T/now"
check "a reader and a writer with no checkpoint to write leave the stale ones" \
    cmp -s "$T/now" "$T/planted"
rm -f "$g"/cache/open-2026-10-[!0]*.tsv "$g"/cache/seen-2026-10-*.tsv
deal-add -q --rep r0004 --account a00004 --amount 40 >/dev/null
settle
ls "$g/cache" | grep -e '^open-' -e '^seen-' | sort >"$T/now"
if cmp -s "$T/now" "$T/valid"; then
	ok "a writer that checkpoints removes every checkpoint of another fingerprint"
else
	not_ok "a writer that checkpoints removes every checkpoint of another fingerprint" \
	    "$(diff "$T/valid" "$T/now" | head -4 | tr '\n' '|')"
fi
ls "$g/cache" | sed -n 's/^open-\(.*\)\.tsv$/\1/p' >"$T/ckfp"
ls "$g/cache" | sed -n 's/^ckrows-//p' >"$T/ckrowsfp"
check "each checkpoint has its row places, and no other fingerprint has any" \
    eval '[ -s "$T/ckfp" ] && cmp -s "$T/ckfp" "$T/ckrowsfp"'
same_all "after the stale checkpoints went"

# A replay of a few deals (rep-show, deal-list --open --rep) reads the rows
# of its deals where the deal index's rows files say they are
# (cache/deal-rows-*, lib/dealindex.h), with pread(2), rather than reading
# the month files through; the same reports as without any cache when
# those files are missing, short, of another size, lying, or when a row of
# those deals is not plain (the month is then read through).
few='rep-show r0003
rep-show r0003 --today 2026-10-02
rep-show r0017
deal-list --open --rep r0001
deal-list --open --rep r0003
deal-list --open --rep r0022
deal-list --open --rep r0003 --today 2026-11-01'
# same_few WHAT: each of $few the same as without any cache
same_few() {
	same_uncached "$few" "$1: a replay of few deals the same as without the cache"
}
# le N BYTES: N as BYTES bytes, little-endian, as printf escapes
le() {
	printf "%0$(($2 * 2))x" "$1" | sed 's/\(..\)/\1 /g' |
	    awk '{ for (i = NF; i > 0; i--) printf "\\%03o", ("0x" $i) + 0 }'
}
# A deal of r0003's with a note that needs an escape (a tab), today, so
# that a row of its deals in the last month is not plain.
deal-add -q --rep r0003 --account a00001 --amount 70 --note "$(printf 'call\tback')" \
    >/dev/null || not_ok "deal-add"
# And a deal of r0001's, then a row of an older one of its: in this month
# their rows by deal are not in the order of the file.
new1=$(deal-add --rep r0001 --account a00001 --amount 80) &&
old1=$(deal-list --open --rep r0001 | awk -F'\t' 'NR == 2 { print $1 }') &&
deal-move -q "$old1" --amount 4321 || not_ok "deal-add, deal-move"
settle
last=$(ls "$g"/deals/*.tsv | tail -1) last=${last##*/}
rows=$g/cache/deal-rows-${last%.tsv}
check "the last month has a row not plain and a rows file" \
    eval 'grep -q "call\\\\tback" "$g/deals/$last" && [ -s "$rows" ]'
if optional strace "which files a replay of few deals reads is seen with it"; then
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    strace -f -y -o "$T/reads" -e trace=read deal-list --open --rep r0001 >/dev/null
	check "deal-list --open --rep reads (read(2)) no month of deals/ with the rows files" \
	    eval '! grep -q "deals/20[0-9-]*\.tsv>" "$T/reads"'
fi
same_few "with the rows files, a row not plain"
# Then the same without that row: the rows read where they are.
mv "$g/deals/$last" "$T/month.good"
grep -v 'call\\tback' "$T/month.good" >"$g/deals/$last"
cp "$rows" "$T/rows.before"
deal-move -q "$(deal-list --open --rep r0022 | awk -F'\t' 'NR == 2 { print $1 }')" \
    --stage qualified || not_ok "deal-move"
settle
check "the next writer made the rows file anew after the month was rewritten" \
    eval '[ -s "$rows" ] && ! cmp -s "$rows" "$T/rows.before"'
same_few "with the rows files"
if optional strace "which files a replay of few deals reads is seen with it"; then
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    strace -f -y -o "$T/reads" -e trace=read deal-list --open --rep r0001 >/dev/null
	check "the same, all of the month's rows sorted by deal, $old1's after $new1's" \
	    eval '[ "${old1#D}" -lt "${new1#D}" ] &&
	    [ "$(u64_at "$g/cache/deal-sorted-${last%.tsv}" 8)" = "$(u64_at "$rows" 8)" ] &&
	    ! grep -q "deals/20[0-9-]*\.tsv>" "$T/reads"'
fi
# a stale rows file: the one before a writer appended a row (of another
# deal than the one moved today above, so that its days in its stage tell)
cp "$rows" "$T/rows.stale"
deal-move -q "$(deal-list --open --rep r0022 | awk -F'\t' 'NR == 3 { print $1 }')" \
    --stage proposal || not_ok "deal-move"
settle
cp "$rows" "$T/rows.good"
cp "$T/rows.stale" "$rows"
same_few "a stale rows file (before the last row)"
head -c 1000 "$T/rows.good" >"$rows"
same_few "a short rows file"
# the size it covers one byte more: another size than the month's
cp "$T/rows.good" "$rows"
sz=$(od -A n -t u8 -N 8 "$rows" | tr -d ' ')
printf "$(le $((sz + 1)) 8)" | dd of="$rows" bs=1 seek=0 conv=notrunc 2>/dev/null
check "the rows file covers another size" \
    test "$(od -A n -t u8 -N 8 "$rows" | tr -d ' ')" = $((sz + 1))
same_few "a rows file of another size"
# lying: a row of one of r0003's open deals said to be where the row
# after it (of another deal) is; in the rows file, which is read through
# where there is no sorted file (cache/deal-sorted-*, lib/dealindex.h)
sorted=$g/cache/deal-sorted-${last%.tsv}
cp "$sorted" "$T/sorted.good"
rm "$sorted"
cp "$T/rows.good" "$rows"
k=$(deal-list --open --rep r0003 | awk -F'\t' 'NR == 2 { print substr($1, 2) }')
records "$rows" 24 |
    awk -v k="$k" '$1 == k { i = NR; l = $2 } i && NR == i + 1 && $1 != k { print i - 1, l, $3; exit }' \
    >"$T/lie"
read -r i line off <"$T/lie"
printf "$(le "$off" 4)" | dd of="$rows" bs=1 seek=$((24 + 12 * i + 8)) conv=notrunc 2>/dev/null
check "a lying rows file: a row of D$k at another deal's ($i, $off)" \
    eval '[ -n "$off" ] && ! cmp -s "$rows" "$T/rows.good"'
same_few "a lying rows file"
rm "$rows"
same_few "no rows file for the last month"
cp "$T/rows.good" "$rows"
same_few "no sorted file for the last month"
# The sorted file: lying (the same row, there), of another stamp, short,
# sorting more rows than the rows file has.
cp "$T/sorted.good" "$sorted"
j=$(records "$sorted" 16 | awk -v k="$k" -v l="$line" '$1 == k && $2 == l { print NR - 1; exit }')
printf "$(le "$off" 4)" | dd of="$sorted" bs=1 seek=$((16 + 12 * j + 8)) conv=notrunc 2>/dev/null
check "a lying sorted file: a row of D$k at another deal's ($j, $off)" \
    eval '[ -n "$j" ] && ! cmp -s "$sorted" "$T/sorted.good"'
same_few "a lying sorted file"
# fenced FILE HEAD: FILE's records end with their fences, the deal of every
# 64th (lib/dealindex.h)
fenced() {
	records "$1" "$2" | awk 'NR % 64 == 1 { print $1 }' >"$T/fences.want"
	od -A n -t u4 -j $(($2 + 12 * $(u64_at "$1" 8))) -v "$1" | tr -s ' ' '\n' | awk 'NF' \
	    >"$T/fences.got"
	[ -s "$T/fences.want" ] && cmp -s "$T/fences.want" "$T/fences.got"
}
check "the sorted file ends with its fences" fenced "$T/sorted.good" 16
head -c $((16 + 12 * $(u64_at "$T/sorted.good" 8))) "$T/sorted.good" >"$sorted"
same_few "a sorted file without its fences (as written before them)"
# Not believed, else the reports would go wrong: a sorted file without
# the records of one of r0003's deals (k2, its place kept by records of
# no deal, number 0, first) of another stamp; and the same sorting one
# record more than the rows file has.
ns=$(u64_at "$T/sorted.good" 8) n=$(u64_at "$T/rows.good" 8)
deal-list --open --rep r0003 | awk -F'\t' 'NR > 1 { print substr($1, 2) }' >"$T/k3"
records "$T/sorted.good" 16 | awk 'NR == FNR { want[$1] = 1; next }
    $1 in want { if (!m++) { k = $1; j0 = FNR - 1 } else if ($1 != k) exit; else m = m }
    END { print k, j0, m }' "$T/k3" - >"$T/k2"
read -r k2 j0 m <"$T/k2"
# without_k2 EXTRA: the records of sorted.good but k2's, after m + EXTRA of
# deal 0, without fences (as written before them, and still read)
without_k2() {
	head -c $((12 * (m + $1))) /dev/zero
	tail -c +17 "$T/sorted.good" | head -c $((12 * j0))
	tail -c +$((17 + 12 * (j0 + m))) "$T/sorted.good" | head -c $((12 * (ns - j0 - m)))
}
{ printf '\001'; head -c 8 "$T/sorted.good" | tail -c 7; tail -c +9 "$T/sorted.good" | head -c 8
  without_k2 0; } >"$sorted"
check "a sorted file of another stamp without D$k2's $m records" \
    eval '[ "${m:-0}" -gt 0 ] && [ "$(wc -c <"$sorted")" = $((16 + 12 * ns)) ] &&
    [ "$(u64_at "$sorted" 0)" != "$(u64_at "$rows" 16)" ]'
same_few "a sorted file of another stamp"
head -c 1000 "$T/sorted.good" >"$sorted"
same_few "a short sorted file"
{ head -c 8 "$T/sorted.good"; printf "$(le $((n + 1)) 8)"; without_k2 $((n + 1 - ns)); } >"$sorted"
check "a sorted file of one record more than the rows file has ($n), without D$k2's" \
    test "$(($(wc -c <"$sorted") - 16))" = $((12 * (n + 1)))
same_few "a sorted file of more records than the rows file"
cp "$T/sorted.good" "$sorted"
# The checkpoints' row places (cache/ckrows-*, lib/history.c): a replay of
# few deals reads their rows of a checkpoint where its ckrows file says,
# each checked to be that deal's; the same reports with none, one lying
# (a row of one of r0003's deals said to be where another deal's is),
# one of another size and one cut short.
ck=$(ls "$g"/cache/ckrows-2026-09-*)
cko=$(ls "$g"/cache/open-2026-09-*.tsv)
check "the checkpoint before the quarter has its row places, one record a row" \
    eval '[ -s "$ck" ] && [ "$(u64_at "$ck" 8)" = $(($(wc -l <"$cko") - 1)) ] &&
    [ "$(u64_at "$ck" 0)" = "$(wc -c <"$cko")" ]'
records "$ck" 16 | awk -v f="$cko" 'BEGIN { while ((getline l < f) > 0) { n++; if (n > 1) row[n] = l } }
    { c = substr(row[$2], 1, index(row[$2], "\t") - 1) } c != "D" $1 { bad++ } END { exit bad > 0 || NR == 0 }' &&
    ok "each record names the deal of its line" || not_ok "each record names the deal of its line"
if optional strace "which files a replay of few deals reads is seen with it"; then
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    strace -f -y -o "$T/reads" -e trace=openat,mmap rep-show r0003 >/dev/null
	check "rep-show opens the checkpoint's row places and maps no checkpoint" \
	    eval 'grep -q "ckrows-2026-09" "$T/reads" && ! grep -q "mmap(.*open-[0-9-]*[0-9a-f]*\.tsv>" "$T/reads"'
	# A reader holds the shared lock: no writer changes a ledger file
	# meanwhile, so it stats each once (store_stat()), where its replays
	# asked for each several times.
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    strace -f -y -o "$T/stats" -e trace=%%stat rep-show r0003 >/dev/null
	grep -o '/\(deals\|activities\)>, "20[0-9][0-9]-[0-9][0-9]\.tsv"' "$T/stats" | sort |
	    uniq -c >"$T/stats.n"
	check "rep-show stats each month file of the ledgers once" \
	    eval '[ -s "$T/stats.n" ] && awk "\$1 != 1 { bad++ } END { exit bad > 0 }" "$T/stats.n"'
fi
cp "$ck" "$T/ck.good"
# lying: the record of a deal of r0003's open then says its row is the
# row of a deal that r0003 never held (believed, the pipeline and open
# deals of rep-show r0003 on 2 October, all from the checkpoint, would
# go wrong)
cat "$g"/deals/*.tsv | awk -F'\t' 'FNR == 1 || $1 == "date" { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["rep"] == "r0003" || $c["split"] ~ /r0003/ { print $c["deal"] }' | sort -u >"$T/held3"
awk -F'\t' 'NR == FNR { held[$1] = 1; next } FNR > 1 && $2 == "r0003" && !k { k = substr($1, 2) }
    FNR > 1 && !($1 in held) && !x { x = FNR } END { print k, x }' "$T/held3" "$cko" >"$T/cklie"
read -r k3 xline <"$T/cklie"
records "$ck" 16 | awk -v k="$k3" -v x="$xline" '$1 == k { i = NR - 1 } $2 == x { off = $3 }
    END { print i, off }' >"$T/cklie"
read -r i off <"$T/cklie"
printf "$(le "$off" 4)" | dd of="$ck" bs=1 seek=$((16 + 12 * i + 8)) conv=notrunc 2>/dev/null
check "a lying ckrows file: D$k3's row at line $xline's ($off), a deal r0003 never held" \
    eval '[ -n "$k3" ] && [ -n "$off" ] && ! cmp -s "$ck" "$T/ck.good"'
same_few "a lying ckrows file"
check "the checkpoint's row places end with their fences" fenced "$T/ck.good" 16
head -c $((16 + 12 * $(u64_at "$T/ck.good" 8))) "$T/ck.good" >"$ck"
same_few "a ckrows file without its fences (as written before them)"
cp "$T/ck.good" "$ck"
printf "$(le $(($(u64_at "$ck" 0) + 1)) 8)" | dd of="$ck" bs=1 seek=0 conv=notrunc 2>/dev/null
same_few "a ckrows file of another size"
head -c 1000 "$T/ck.good" >"$ck"
same_few "a short ckrows file"
mkdir "$T/ckrows"
mv "$g"/cache/ckrows-* "$T/ckrows/"
same_few "no ckrows files"
mv "$T/ckrows"/* "$g/cache/"
cp "$T/ck.good" "$ck"
same_few "the ckrows file back"
# Every rep's rep-show with and without the months' rep lines
# (cache/mreps-*): the deals of a rep's quarter come from them for the
# complete months since the checkpoint before it.
for r in $(tail -n +2 "$g/reps.tsv" | cut -f1); do
	rep-show "$r" --today 2026-11-26
done >"$T/with" 2>&1
mkdir "$T/mreps"
mv "$g"/cache/mreps-* "$T/mreps/"
for r in $(tail -n +2 "$g/reps.tsv" | cut -f1); do
	rep-show "$r" --today 2026-11-26
done >"$T/without" 2>&1
check "every rep's rep-show the same without the months' rep lines ($(grep -c '^' "$T/with") lines)" \
    cmp -s "$T/with" "$T/without"
same_few "no month's rep lines (cache/mreps-*)"
mv "$T/mreps"/* "$g/cache/"
same_few "the rows file back"
done_testing
