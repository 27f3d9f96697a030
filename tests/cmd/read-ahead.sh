#!/bin/sh
# A --from file of a megabyte or more is read ahead by a thread, in batches
# of 2,048 records (lib/input.c): what a run says, and in what order, must be
# what the same rows say read one by one from small files, wherever the bad
# rows fall (the first row, both sides of a batch's end, the last line
# with no line break); and a good file books every row, to the cent, read
# from a file, from a pipe or as CSV with a record over two lines.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
init
team-add -q north --name North &&
rep-add -q ann --name 'Ann Ash' --team north --hired 2026-01-05 &&
rep-add -q bo --name 'Bo Birch' --team north --hired 2026-01-05 ||
    { echo "not ok - setup failed"; exit 1; }

n=30000
hdr='rep	account	amount	ref	note'
awk -v n=$n 'BEGIN {
	OFS = "\t"; print "rep", "account", "amount", "ref", "note"
	for (i = 1; i <= n; i++)
		print (i % 3 ? "ann" : "bo"), "acct" (i % 7), sprintf("%d.%02d", i % 9000 + 1, i % 100),
		    "crm-" i, "a note long enough to make the file a megabyte, row " i
}' >"$T/big.tsv"
size=$(wc -c <"$T/big.tsv")
check "the test file is big enough to be read ahead ($size bytes)" test "$size" -ge 1048576

# The bad rows, by line (the header is line 1, so row i is line i + 1):
# batch one ends at line 2049.
printf 'nobody\tacct1\t5.00\tbad-2\tx\n' >"$T/l2"
printf 'ann\tacct1\t5.00\tbad-2049\tx\textra\n' >"$T/l2049"
printf '%s\n' "$hdr" >"$T/l2050"
printf 'bo\tacct1\tabc\tbad-2051\tx\n' >"$T/l2051"
printf 'ann\tacct1\n' >"$T/l4098"
printf 'ann\tacct1\t5.00\tbad-20000\tx\tone\ttoo many\n' >"$T/l20000"
printf 'zed\tacct1\t5.00\tbad-last\tx' >"$T/l$((n + 1))"
lines="2 2049 2050 2051 4098 20000 $((n + 1))"

# What each says alone, in a file too small to be read ahead, with its
# line put back.
: >"$T/want"
for l in $lines; do
	{ printf '%s\n' "$hdr"; cat "$T/l$l"; } >"$T/one.tsv"
	deal-add -q --new-accounts --from "$T/one.tsv" 2>&1 >/dev/null |
	    sed -e '$d' -e "s|$T/one.tsv:2:|$T/bad.tsv:$l:|" >>"$T/want"
done
echo "deal-add: nothing was changed" >>"$T/want"
check "each bad row says something alone" test "$(wc -l <"$T/want")" -ge 8

# The big file with those lines put in.
awk -v dir="$T" -v lines="$lines" -v last=$((n + 1)) '
	BEGIN { split(lines, l, " "); for (i in l) bad[l[i]] = 1 }
	FNR in bad {
		f = dir "/l" FNR; getline x <f; close(f)
		if (FNR == last) printf "%s", x; else print x
		next
	}
	{ print }' "$T/big.tsv" >"$T/bad.tsv"
check "the bad file has no line break at its end" test "$(tail -c 1 "$T/bad.tsv" | od -An -c | tr -d ' ')" = x
bad 1 "$(cat "$T/want")" "a big file's bad rows said in order, as each alone" \
    deal-add -q --new-accounts --from "$T/bad.tsv"

# The good file, through a pipe: every row booked, to the cent.
sum() { awk -F'\t' 'NR > 1 { split($3, p, "."); c += p[1] * 100 + p[2]; r++ } END { print r, c }' "$@"; }
want=$(sum "$T/big.tsv")
run sh -c "cat '$T/big.tsv' | deal-add -q --new-accounts --from -"
expect_status 0 "a big file from a pipe: exit 0"
check "a big file from a pipe: one id a row on stdout" test "$(wc -l <"$T/out")" -eq $n
deal-list -o tsv | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print; next }
	{ print $c["rep"] "\t" $c["account"] "\t" $c["amount"] }' >"$T/booked"
check "a big file from a pipe: every row and cent booked ($want)" test "$(sum "$T/booked")" = "$want"

# The same rows as CSV, under other refs, with row 2048's note over two
# lines (so later records start a line further on) and a bad amount in
# the row after batch two's end.
awk -F'\t' -v n=$n 'NR == 1 { print "rep,account,amount,ref,note"; next }
	{ r = NR - 1; note = "\"" $5 (r == 2048 ? "\nand a second line" : "") "\""
	  print $1 "," $2 "," "\"" (r == 4097 ? "1,2,3" : $3) "\"" ",csv-" r "," note }' \
    "$T/big.tsv" >"$T/big.csv"
{ echo 'rep,account,amount,ref,note'; echo 'ann,acct1,"1,2,3",x,y'; } >"$T/one.csv"
msg=$(deal-add -q --from "$T/one.csv" 2>&1 >/dev/null | sed "1s|$T/one.csv:2:|$T/big.csv:4099:|")
bad 1 "$msg" "a big CSV's bad record said with its line" deal-add -q --from "$T/big.csv"
awk 'NR == 4099 { sub(/1,2,3/, "3.00") } { print }' "$T/big.csv" >"$T/good.csv"
run deal-add -q --from "$T/good.csv"
expect_status 0 "a big CSV with a record over two lines: exit 0"
check "a big CSV: one id a row on stdout" test "$(wc -l <"$T/out")" -eq $n
check "a big CSV: the two-line note kept whole" \
    sh -c "deal-list -o tsv | grep -c 'row 2048.*and a second line' | grep -qx 1"

done_testing
