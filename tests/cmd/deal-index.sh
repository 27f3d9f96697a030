#!/bin/sh
# deal-index.sh: the deal index (lib/dealindex.h), where each deal's latest
# event is.  Its entries are checked against an independent computation
# (awk over the month files: the byte offset of the last row naming each
# deal in the newest month that does); writers keep it up to date by
# reading only what they appended; a missing, stale, lying or short index
# is never believed (the writers then act as without it, byte for byte)
# and is made right by the next writer; a writer killed at any step of
# keeping it leaves nothing that a later program believes wrongly.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C

g=$T/gen
sales-gen -q --seed 7 --reps 20 --deals 3000 --months 4 "$g" || not_ok "sales-gen"
SALESMGR_DIR=$g SALESMGR_TODAY=2026-12-05
export SALESMGR_DIR SALESMGR_TODAY

# oracle DIR: "NUMBER MONTH OFFSET" of each deal's latest row, by number
oracle() {
	for f in "$1"/deals/*.tsv; do
		m=${f##*/}
		awk -F'\t' -v m="${m%.tsv}" '
		FNR == 1 { for (i = 1; i <= NF; i++) if ($i == "deal") c = i }
		FNR > 1 { print substr($c, 2) + 0, m, off }
		{ off += length($0) + 1 }' "$f"
	done | awk '{ last[$1] = $2 " " $3 } END { for (k in last) print k, last[k] }' |
	    sort -n
}
# entries DIR: the same as the index has it (eight bytes each, little-endian:
# the offset in the low 40 bits, the month + 1 above)
entries() {
	od -A n -t u4 -v "$1/cache/deal-index" | tr -s ' ' '\n' | awk 'NF' | paste - - |
	    awk '{ k = NR - 1 } $1 || $2 {
		mon = int($2 / 256) - 1
		printf "%d %04d-%02d %d\n", k, int(mon / 12), mon % 12 + 1, $1 + ($2 % 256) * 4294967296
	    }'
}
# reps_oracle FILE COLUMN...: the rep lines of FILE's rows (a month file
# or a checkpoint), in order: "REP<tab>DEAL" for the owner (column rep)
# and for each rep of the split (shares REP:PERCENT, overlays +REP:PERCENT)
reps_oracle() {
	awk -F'\t' 'FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ print $c["rep"] "\t" $c["deal"]
	  n = ("split" in c) ? split($c["split"], sh, ",") : 0
	  for (i = 1; i <= n; i++) { r = sh[i]; sub(/^\+/, "", r); sub(/:.*/, "", r)
		print r "\t" $c["deal"] } }' "$1"
}
# by_rep: rep lines sorted by rep, bytewise, each rep's in the order they
# came (the order of the rep lines that are sorted)
by_rep() {
	sort -s -t "$(printf '\t')" -k1,1
}
# head_field DIR NAME: the value of the deal index head's line NAME
head_field() {
	sed -n "s/^$2	//p" "$1/cache/deal-index-head"
}
# rows_oracle FILE: what its rows file should hold (lib/dealindex.h): the
# bytes of the month file and its rows, then each row's deal number, line
# and byte offset
rows_oracle() {
	awk -F'\t' -v size="$(wc -c <"$1")" '
	FNR == 1 { for (i = 1; i <= NF; i++) if ($i == "deal") c = i }
	FNR > 1 { row[++n] = substr($c, 2) + 0 " " FNR " " off }
	{ off += length($0) + 1 }
	END { print size, n; for (i = 1; i <= n; i++) print row[i] }' "$1"
}
# rows_got FILE: the same as the rows file has it (a head of three 64-bit
# numbers, the stamp last and left out, then three 32-bit ones a row,
# little-endian)
rows_got() {
	echo "$(u64_at "$1" 0) $(u64_at "$1" 8)"
	records "$1" 24
}
# rows_agree DIR: every month file's rows file as the oracle says, and no
# other; its sorted file of its stamp, the first records of it (as many
# as its head says, some), sorted by deal (each deal's in the order of
# the file), and no other; else 1 and why in $why
rows_agree() {
	for f in "$1"/deals/*.tsv; do
		m=${f##*/}
		rows_oracle "$f" >"$T/want-rows"
		rows_got "$1/cache/deal-rows-${m%.tsv}" >"$T/got-rows" 2>/dev/null
		if ! cmp -s "$T/want-rows" "$T/got-rows"; then
			why="rows of $m: $(diff "$T/want-rows" "$T/got-rows" | head -3 | tr '\n' ' ')"
			return 1
		fi
		sf=$1/cache/deal-sorted-${m%.tsv}
		ns=$(u64_at "$sf" 8 2>/dev/null)
		if [ "$(u64_at "$sf" 0 2>/dev/null)" != "$(u64_at "$1/cache/deal-rows-${m%.tsv}" 16)" ] ||
		    [ "${ns:-0}" -lt 1 ]; then
			why="sorted rows of $m: not of the rows file's stamp, or none ($ns)"
			return 1
		fi
		tail -n +2 "$T/want-rows" | head -n "$ns" | sort -s -n -k1,1 >"$T/want-sorted"
		records "$sf" 16 >"$T/got-sorted"
		if ! cmp -s "$T/want-sorted" "$T/got-sorted"; then
			why="sorted rows of $m: $(diff "$T/want-sorted" "$T/got-sorted" | head -3 | tr '\n' ' ')"
			return 1
		fi
	done
	[ "$(ls "$1"/cache/deal-rows-* | wc -l)" = "$(ls "$1"/deals/*.tsv | wc -l)" ] ||
	    { why="rows files: $(ls "$1"/cache/deal-rows-* | tr '\n' ' ')"; return 1; }
	[ "$(ls "$1"/cache/deal-sorted-* | wc -l)" = "$(ls "$1"/deals/*.tsv | wc -l)" ] ||
	    { why="sorted files: $(ls "$1"/cache/deal-sorted-* | tr '\n' ' ')"; return 1; }
}
# index_agrees DIR: the index is current and agrees with the oracle, and
# so do the rep lines of the last month: the head's first "reps" bytes of
# the file of its generation (cache/deal-reps, deal-reps-1, ...), which
# holds nothing after them and is the only one, of which the first
# "sorted" bytes are the first lines' sorted and the rest as they came;
# else 1 and why in $why
index_agrees() {
	settle "$1"	# the writer's background sync holds the lock till done
	oracle "$1" >"$T/want"
	entries "$1" >"$T/got" 2>/dev/null
	max=$(awk 'END { print $1 + 0 }' "$T/want")
	last=$(ls "$1"/deals/*.tsv | tail -1)
	gen=$(head_field "$1" generation) len=$(head_field "$1" reps)
	sorted=$(head_field "$1" sorted)
	case ${gen:-0} in
	0) rf=$1/cache/deal-reps ;;
	*) rf=$1/cache/deal-reps-$gen ;;
	esac
	head -c "${len:-0}" "$rf" >"$T/got-reps"
	nsorted=$(head -c "${sorted:-0}" "$rf" | wc -l)
	reps_oracle "$last" >"$T/oracle-reps"
	{ head -n "$nsorted" "$T/oracle-reps" | by_rep
	  tail -n +$((nsorted + 1)) "$T/oracle-reps"; } >"$T/want-reps"
	why="$(diff "$T/want" "$T/got" | head -4 | tr '\n' ' ')$(diff "$T/want-reps" "$T/got-reps" | head -4 | tr '\n' ' ')"
	cmp -s "$T/want" "$T/got" && cmp -s "$T/want-reps" "$T/got-reps" &&
	    [ "$(wc -c <"$rf")" -eq "${len:-0}" ] &&
	    [ "$(ls "$1"/cache/deal-reps* | wc -l)" = 1 ] &&
	    grep -qx "max	$max" "$1/cache/deal-index-head" && rows_agree "$1"
}
# same_index WHAT [DIR]: index_agrees, as a check
same_index() {
	if index_agrees "${2:-$g}"; then
		ok "$1"
	else
		not_ok "$1" "$why"
	fi
}
ino() { stat -c %i "${1:-$g}/cache/deal-index"; }

same_index "sales-gen builds the index: every deal's latest row, the highest number"

# The writers catch up in place (the same file) with what they append.
i0=$(ino)
open=$(deal-list --open | awk -F'\t' 'NR == 2 { print $1 }')
open2=$(deal-list --open | awk -F'\t' 'NR == 3 { print $1 }')
new=$(deal-add --rep r0001 --account a00001 --amount 10 --date 2026-11-20) &&
deal-won -q "$open" --date 2026-11-21 &&
deal-move -q "$open2" --stage qualified --date 2026-11-22 &&
deal-move -q "$new" --stage qualified --date 2026-12-02 || not_ok "writers"
same_index "after deal-add, deal-won, deal-move and a new month: the entries follow"
check "the writers rewrote only their entries (the same file)" test "$(ino)" = "$i0"
# Each checkpoint's rep lines (cache/reps-*, history.h): those of its rows;
# November's made again (in a copy) with a split back-dated there, its
# reps and its overlay's.
settle "$g"
cp -a "$g" "$T/ck"
SALESMGR_DIR=$T/ck deal-split -q "$open2" r0002:60 r0003:40 --overlay r0004:10 \
    --date 2026-11-23 &&
SALESMGR_DIR=$T/ck deal-move -q "$new" --stage proposal --date 2026-12-03 || not_ok "writers"
same_index "after deal-split: the entries follow" "$T/ck"
settle "$T/ck"
n=0 bad=
for f in "$T/ck"/cache/open-*.tsv; do
	r=$T/ck/cache/reps-${f##*/open-}
	{ printf 'rep-lines\tsorted\n'; reps_oracle "$f" | by_rep; } |
	    cmp -s - "${r%.tsv}" || bad="$bad ${f##*/}"
	n=$((n + 1))
done
check "every checkpoint's rep lines are its rows', and no others ($n checkpoints;$bad)" \
    test "$n" -ge 3 -a -z "$bad" -a "$(ls "$T/ck"/cache/reps-* | wc -l)" = "$n"
# And beside each the rep lines of every row of its month
# (cache/mreps-*, history.h), sorted by rep (each rep's in the order of
# the replay, which is by date: compared as sets).
n=0 bad=
for f in "$T/ck"/cache/open-*.tsv; do
	r=$T/ck/cache/mreps-${f##*/open-}
	m=${f##*/open-} m=${m%-*}
	{ printf 'rep-lines\tsorted\n'; reps_oracle "$T/ck/deals/$m.tsv" | sort; } >"$T/want-m"
	{ head -1 "${r%.tsv}"; tail -n +2 "${r%.tsv}" | sort; } >"$T/got-m"
	tail -n +2 "${r%.tsv}" | cut -f1 | sort -c 2>/dev/null &&
	    cmp -s "$T/want-m" "$T/got-m" || bad="$bad ${m}"
	n=$((n + 1))
done
check "every checkpointed month's rep lines are its rows', sorted by rep ($n months;$bad)" \
    test "$n" -ge 3 -a -z "$bad" -a "$(ls "$T/ck"/cache/mreps-* | wc -l)" = "$n"
check "the November checkpoint's rep lines name the split's reps" \
    grep -q "^r0004	$open2\$" "$T/ck"/cache/reps-2026-11-*
rmdata "$T/ck"

if optional strace "which reads deal-won makes is seen with it"; then
	cp -a "$g" "$T/s"
	open3=$(deal-list -D "$T/s" --open | awk -F'\t' 'NR == 4 { print $1 }')
	strace -f -y -o "$T/reads" -e trace=read deal-won -q -D "$T/s" "$open3"
	# (The clock's check reads the end of this month: ledger.h.)
	check "deal-won reads no month of the ledger (read(2) of none but December)" \
	    eval '! grep "deals/20[0-9-]*\.tsv>" "$T/reads" | grep -qv "deals/2026-12\.tsv>"'
	rmdata "$T/s"
fi
# A rep's few open deals, far apart in the index (a page or two each) and
# all together (one read): every entry read is believed, so rep-end reads
# (read(2)) neither the open deals of a checkpoint nor a month file, as the
# whole replay it would fall back to does, and the writer's sync rewrites
# only its own entries (a doubt would build the index anew).
sales-gen -q --seed 3 --reps 200 --deals 6000 --months 4 "$T/s" || not_ok "sales-gen"
for r in r0003 r0100; do
	n=$(deal-list -D "$T/s" --open --rep $r | awk 'END { print NR - 1 }')
	i0=$(ino "$T/s")
	if optional strace "which reads rep-end makes is seen with it"; then
		# (LeakSanitizer, in a sanitized build, cannot run under ptrace.)
		ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		    strace -f -y -o "$T/reads" -e trace=read rep-end -q -D "$T/s" $r \
		    --hand-over r0004 || not_ok "rep-end"
		check "rep-end --hand-over of $r's $n open deals reads only their rows" \
		    eval '[ "$n" -gt 1 ] && ! grep "deals/20[0-9-]*\.tsv>\|cache/open-" "$T/reads" |
		    grep -qv "deals/2026-12\.tsv>"'
	else
		rep-end -q -D "$T/s" $r --hand-over r0004 || not_ok "rep-end"
	fi
	settle "$T/s"
	check "rep-end --hand-over of $r: the index was believed" test "$(ino "$T/s")" = "$i0"
	check "rep-end --hand-over: $r has no open deal left" \
	    test "$(deal-list -D "$T/s" --open --rep $r | awk 'END { print NR - 1 }')" = 0
	same_index "rep-end --hand-over of $r: the entries follow" "$T/s"
done
rmdata "$T/s"

# same_as_without WHAT CMD...: CMD on a copy of $g whose index was damaged
# (by the caller) writes the same ledger as on a copy without any cache,
# and (unless it is refused) leaves an index that agrees with the oracle
same_as_without() {
	what=$1
	shift
	rmdata "$T/ref"
	cp -a "$g" "$T/ref"
	rmdata "$T/ref/cache"
	"$@" -D "$T/ref" >"$T/ref.out" 2>"$T/ref.err"
	rs=$?
	"$@" -D "$g" >"$T/out" 2>"$T/err"
	st=$?
	if [ "$st" = "$rs" ] && cmp -s "$T/out" "$T/ref.out" && cmp -s "$T/err" "$T/ref.err" &&
	    diff -r "$g/deals" "$T/ref/deals" >/dev/null; then
		ok "$what: the same as without an index (exit $st)"
	else
		not_ok "$what: the same as without an index" \
		    "exit $st/$rs: $(head -c 200 "$T/err") / $(head -c 200 "$T/ref.err")"
	fi
	[ "$st" != 0 ] || same_index "$what: the writer makes the index right"
}
# entry K VALUE: write the raw eight bytes of entry K
set_entry() {
	printf "$2" | dd of="$g/cache/deal-index" bs=8 seek="$1" conv=notrunc 2>/dev/null
}
# get_entry K: its eight bytes, as printf escapes
get_entry() {
	dd if="$g/cache/deal-index" bs=8 skip="$1" count=1 2>/dev/null | od -A n -t o1 -v |
	    tr -s ' ' '\n' | awk 'NF { printf "\\%s", $1 }'
}

a=$(deal-list --open | awk -F'\t' 'NR == 5 { print $1 }')
b=$(deal-list --open | awk -F'\t' 'NR == 6 { print $1 }')
ka=${a#D} kb=${b#D}
ea=$(get_entry "$ka") eb=$(get_entry "$kb")
set_entry "$ka" "$eb"
set_entry "$kb" "$ea"
same_as_without "a lying index (two deals' entries swapped): deal-won of one" \
    deal-won -q "$a"
set_entry "$kb" "$(get_entry 1)"
same_as_without "an entry naming another deal's row: deal-lost of it" \
    deal-lost -q "$b" --reason price
set_entry "$kb" '\377\377\377\377\377\000\000\000'
same_as_without "an entry past the end of its month: deal-move of it" \
    deal-move -q "$b" --stage proposal

head -c 100 "$g/cache/deal-index" >"$T/short" && cat "$T/short" >"$g/cache/deal-index"
same_as_without "a short index: deal-add numbers past every deal" \
    deal-add --rep r0001 --account a00001 --amount 10

rm "$g/cache/deal-index-head"
same_as_without "no head: deal-add" \
    deal-add --rep r0001 --account a00001 --amount 11
rm "$g/cache/deal-index"
same_as_without "no index: deal-won" deal-won -q "$b"

# A row appended by hand (the index is not current until a writer syncs):
# the writers see it.
c=$(deal-list --open | awk -F'\t' 'NR == 2 { print $1 }')
cat "$g"/deals/*.tsv | awk -F'\t' -v d="$c" '$2 == d' | tail -1 |
    awk -F'\t' -v OFS='\t' '{ $1 = "2026-12-03"; $3 = "won"; $8 = "won"; print }' \
    >>"$g/deals/2026-12.tsv"
same_as_without "a won event appended by hand: deal-lost of that deal is refused" \
    deal-lost -q "$c" --reason price
check "the refusal says it is won" grep -q "already won" "$T/err"
same_as_without "then a writer catches up with the row appended by hand" \
    deal-move -q "$b" --stage proposal
same_as_without "an unknown deal past the highest number: refused" \
    deal-won -q D99999999

# A month file rewritten whole, as the first split of a month gives it the
# split column (a tab more on every row): the index catches up with it,
# reading that month again (its rows file anew), not every month (the
# index and the other months' rows files the same files), as long as the
# month's rows are the rows it had, of the same deals in the same order.
rmdata "$T/wide"
cp -a "$g" "$T/wide"
wm=$(ls "$T/wide/deals" | tail -n 1)
wm=${wm%.tsv}
head -n 1 "$T/wide/deals/$wm.tsv" | grep -q split &&
    not_ok "the last month has the split column already"
w1=$(deal-list -D "$T/wide" --open | awk -F'\t' 'NR == 5 { print $1 }')
i0=$(ino "$T/wide")
r0=$(stat -c %i "$T/wide/cache/deal-rows-2026-10")
deal-split -q -D "$T/wide" "$w1" r0001:50 r0002:50 || not_ok "deal-split"
settle "$T/wide"
check "the first split of $wm gives its month file the split column" \
    eval 'head -n 1 "$T/wide/deals/$wm.tsv" | grep -q split'
same_index "a month given a column: the entries, rows and rep lines agree" "$T/wide"
check "it was caught up with, not built anew (the same index and 2026-10 rows files)" \
    eval 'test "$(ino "$T/wide")" = "$i0" &&
    test "$(stat -c %i "$T/wide/cache/deal-rows-2026-10")" = "$r0"'
# A month whose rows are not those it had (a row taken out by hand), or two
# months rewritten: built anew, and right.
awk 'NR != 3' "$T/wide/deals/$wm.tsv" >"$T/cut" && cat "$T/cut" >"$T/wide/deals/$wm.tsv"
deal-move -q -D "$T/wide" "$w1" --stage proposal || not_ok "deal-move"
settle "$T/wide"
same_index "a month with a row taken out by hand: the index built anew, right" "$T/wide"
check "it was built anew (another index file)" test "$(ino "$T/wide")" != "$i0"
i0=$(ino "$T/wide")
for m in 2026-10 2026-11; do
	sed 's/	lead	/	lead	/' "$T/wide/deals/$m.tsv" >"$T/cut" && cat "$T/cut" >"$T/wide/deals/$m.tsv"
done
deal-move -q -D "$T/wide" "$w1" --stage qualified || not_ok "deal-move"
settle "$T/wide"
same_index "two months rewritten: the index built anew, right" "$T/wide"
check "it was built anew (another index file)" test "$(ino "$T/wide")" != "$i0"
rmdata "$T/wide"

# Killed at every write of an entry (pwrite) and every rename and fsync of
# the writer and its children, as it catches up: the next deal-won of
# another deal acts as without an index, and leaves an index that agrees
# with the oracle.  (A copy has other inodes but the same times, so the
# index stays current; a deal-move first has the copy's writer sync it.)
if optional strace "the writers are killed at every call with it"; then
	cp -a "$g" "$T/base"
	d0=$(deal-list -D "$T/base" --open | awk -F'\t' 'NR == 2 { print $1 }')
	d1=$(deal-list -D "$T/base" --open | awk -F'\t' 'NR == 3 { print $1 }')
	d2=$(deal-list -D "$T/base" --open | awk -F'\t' 'NR == 4 { print $1 }')
	deal-move -q -D "$T/base" "$d0" --stage proposal || not_ok "deal-move"
	# the next deal-won as without an index, and the index as the oracle
	next_writer_right() {
		rmdata "$T/ref"
		cp -a "$g" "$T/ref"
		rmdata "$T/ref/cache"
		deal-won -q "$d2" -D "$T/ref" >/dev/null 2>&1
		deal-won -q "$d2" >/dev/null 2>&1
		settle "$g"	# its background sync may be building anew
		oracle "$g" >"$T/want"
		entries "$g" >"$T/got" 2>/dev/null
		why=$(diff "$T/want" "$T/got" | head -2 | tr '\n' ' ')
		diff -r "$g/deals" "$T/ref/deals" >/dev/null && cmp -s "$T/want" "$T/got"
	}
	for sc in pwrite64 rename renameat renameat2 fsync; do
		kill_each $sc 59 "$T/base" "$g" next_writer_right deal-won -q "$d1"
		[ "$kills" = 0 ] && { echo "# deal-won makes no $sc call"; continue; }
		[ "$sc" = pwrite64 ] && pw=$kills
		check "deal-won killed at each of its $kills $sc calls: the next writer right, the index right" \
		    test "$bad" = 0
	done
	check "the catching up was killed too (pwrite calls: ${pw:-0})" test "${pw:-0}" -gt 0
	# The same as the first split of the last month rewrites its file
	# with the split column, and the sync reads that month again.
	ws=$(deal-list -D "$T/base" --open | awk -F'\t' 'NR == 6 { print $1 }')
	wm=$(ls "$T/base/deals" | tail -n 1)
	head -n 1 "$T/base/deals/$wm" | grep -q split && not_ok "$wm has the split column already"
	for sc in pwrite64 rename renameat renameat2 fsync; do
		kill_each $sc 59 "$T/base" "$g" next_writer_right \
		    deal-split -q "$ws" r0001:50 r0002:50
		[ "$kills" = 0 ] && { echo "# deal-split makes no $sc call"; continue; }
		check "deal-split giving $wm a column killed at each of its $kills $sc calls: the next writer right, the index right" \
		    test "$kills" -gt 0 -a "$bad" = 0
	done
	rmdata "$g"
	cp -a "$T/base" "$g"
fi

# Deal numbers past 65,535 (the sort's second pass): every month's rows
# sorted by deal as the oracle sorts them.
sales-gen -q --seed 5 --reps 50 --deals 70000 --months 2 "$T/big" || not_ok "sales-gen"
same_index "70,000 deals: every month's rows and sorted rows" "$T/big"
rmdata "$T/big"

# Rep lines sorted anew: a bulk load in the last month adds more lines
# than a sixteenth of them (and 64 KiB), so its sync merges them into the
# sorted ones, in the next generation's file, and removes the old one; a
# rep's deals are then found as without the index; and a writer killed at
# any step of it leaves rep lines that the next writer's sync makes right.
awk 'BEGIN { OFS = "\t"; print "rep", "account", "amount", "date"
	for (i = 0; i < 6000; i++)
		print sprintf("r%04d", i % 20 + 1), sprintf("a%05d", i % 50 + 1), 100 + i, "2026-12-04" }' \
    >"$T/bulk.tsv"
rmdata "$T/bulk0"
cp -a "$g" "$T/bulk0"
deal-add -q -D "$T/bulk0" --rep r0001 --account a00001 --amount 10 --date 2026-12-04 ||
    not_ok "deal-add"
settle "$T/bulk0"
rmdata "$T/bulk"
cp -a "$T/bulk0" "$T/bulk"
gen0=$(head_field "$T/bulk" generation) unsorted0=$(($(head_field "$T/bulk" reps) - $(head_field "$T/bulk" sorted)))
dec=$T/bulk/cache/deal-sorted-2026-12
ns0=$(u64_at "$dec" 8) stamp0=$(u64_at "$dec" 0)
deal-add -q -D "$T/bulk" --from "$T/bulk.tsv" || not_ok "deal-add --from"
settle "$T/bulk"
same_index "a bulk load: the rep lines follow" "$T/bulk"
check "a bulk load: its month's rows sorted anew, all of them ($ns0 before, $(u64_at "$dec" 8) of $(u64_at "$T/bulk/cache/deal-rows-2026-12" 8) now)" \
    test "$(u64_at "$dec" 8)" = "$(u64_at "$T/bulk/cache/deal-rows-2026-12" 8)" -a \
    "$(u64_at "$dec" 8)" -gt $((ns0 + 6000)) -a "$(u64_at "$dec" 0)" = "$stamp0"
check "a bulk load: sorted anew, in the next generation's file (generation $gen0, $unsorted0 bytes not sorted, then $(head_field "$T/bulk" generation))" \
    test "$unsorted0" -gt 0 -a "$(head_field "$T/bulk" generation)" = $((gen0 + 1)) -a \
    "$(head_field "$T/bulk" sorted)" = "$(head_field "$T/bulk" reps)"
rmdata "$T/bulkref"
cp -a "$T/bulk" "$T/bulkref"
rmdata "$T/bulkref/cache"
for r in r0003 r0017; do
	deal-list -D "$T/bulk" --open --rep $r >"$T/got.out" 2>&1
	deal-list -D "$T/bulkref" --open --rep $r >"$T/want.out" 2>&1
	check "after sorting anew: deal-list --open --rep $r as without the index ($(($(wc -l <"$T/want.out") - 1)) deals)" \
	    eval 'cmp -s "$T/got.out" "$T/want.out" && [ "$(wc -l <"$T/want.out")" -gt 300 ]'
done
rep-end -q -D "$T/bulk" r0005 --hand-over r0006 && rep-end -q -D "$T/bulkref" r0005 --hand-over r0006 ||
    not_ok "rep-end"
check "after sorting anew: rep-end --hand-over writes what it does without the index" \
    diff -r "$T/bulk/deals" "$T/bulkref/deals"
# The same sorting anew killed at each step: the bulk load committed with
# its background stopped (at its first dup2, which the writer never
# makes), so that the next deal-won's sync is the one that sorts; it is
# killed at each call (strace counts a process's calls apart from its
# child's, and deal-won's own makes no pwrite or rename), and the writer
# after it leaves rep lines that agree with the oracle.
if optional strace "the sorting anew is killed at every call with it"; then
	rmdata "$T/bulkc"
	cp -a "$T/bulk0" "$T/bulkc"
	strace -f -o /dev/null -e trace=dup2 -e inject=dup2:signal=KILL \
	    deal-add -q -D "$T/bulkc" --from "$T/bulk.tsv" >/dev/null 2>&1
	check "the bulk load committed, its rep lines not synced" \
	    test "$(head_field "$T/bulkc" reps)" = "$(head_field "$T/bulk0" reps)" -a \
	    "$(tail -n +2 "$T/bulkc/deals/2026-12.tsv" | wc -l)" -ge 6000
	d1=$(deal-list -D "$T/bulk0" --open | awk -F'\t' 'NR == 3 { print $1 }')
	d2=$(deal-list -D "$T/bulk0" --open | awk -F'\t' 'NR == 4 { print $1 }')
	# the next deal-won leaves the rep lines (and all the index) right
	rep_lines_right() {
		[ "$sc" = renameat ] && grep -q 'deal-reps-[0-9]*") = ?' "$T/trace" && rs=1
		deal-won -q -D "$T/bulk" "$d2" >/dev/null 2>&1
		settle "$T/bulk"
		index_agrees "$T/bulk"
	}
	for sc in pwrite64 renameat fsync; do
		kill_each $sc 59 "$T/bulkc" "$T/bulk" rep_lines_right deal-won -q -D "$T/bulk" "$d1"
		check "deal-won sorting anew killed at each of its $kills $sc calls: the next writer's rep lines right" \
		    test "$kills" -gt 1 -a "$bad" = 0
	done
	check "the rename of the sorted rep lines was killed too" test "${rs:-0}" = 1
	rmdata "$T/bulkc"
fi
rmdata "$T/bulk0"
rmdata "$T/bulk"
rmdata "$T/bulkref"

# Readers never write it.
rmdata "$g/cache"
snapshot
run deal-list --open
expect_status 0 "deal-list without an index: exit 0"
expect_unchanged "a reader writes no index"
done_testing
