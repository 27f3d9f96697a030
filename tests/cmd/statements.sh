# Statements to hand to the reps: comp-calc --statement -o text (80
# columns) and --each DIR (a file per rep, -o html or text) that holds
# nothing of any other rep: no name, no id, no figure; the A4 print CSS;
# an earlier run's files refused without --force; every bad input.
. "$(dirname "$0")/lib.sh"
SALESMGR_TODAY=2026-12-03

init --company "Acme <Tools> & Co, a company whose name is long enough to need more than one line"
team-add north --name North
team-add south --name South
rep-add mia --name Mia --team north --hired 2025-01-01
team-edit north --manager mia --date 2025-01-01
for r in anna:Anna:north bob:Bob:north carl:Carl:south dora:Dora:south; do
	IFS=: read -r id name team <<EOF
$r
EOF
	rep-add "$id" --name "$name" --team "$team" --hired 2025-01-01
done
comp-plan std --tier 0:5 --tier 100:8 --clawback-days 90
comp-plan lead --mode override --tier 0:1.5
for r in anna bob carl dora; do rep-edit $r --plan std; quota-set 2026-11 $r 100000; done
rep-edit mia --plan lead
# Figures that are each rep's own: no two reps share one.
book anna 51234.56 2026-11-05	# D1
book anna 80111.11 2026-11-06	# D2
book bob 33333.33 2026-11-07	# D3
book carl 71717.17 2026-11-08	# D4
book dora 12121.21 2026-11-09	# D5
word=$(printf 'x%.0s' $(seq 1 120))
comp-adjust -q anna 2026-11 250 --kind spif --reason "a spif for the launch of the new line, with a reason long enough to wrap, and a word too long for any line: $word"
comp-adjust -q carl 2026-11 99.99 --kind bonus --reason "a bonus"

# -o text: a page per rep, a form feed between, no line over 80 columns.
run comp-calc --period 2026-11 --statement -o text
expect_status 0 "--statement -o text"
check "a page per rep, a form feed between" test "$(grep -c "$(printf '\f')" "$T/out")" -eq 4
check "no line is wider than 80 columns" awk 'length > 80 { exit 1 }' "$T/out"
run comp-calc --period 2026-11 --statement -o text --rep anna
expect_out_has "Commission statement Anna (anna): 2026-11" "the heading names the rep and the period"
expect_out_has "Company     Acme <Tools> & Co, a company whose name is long enough to need more" \
    "the company, as it is"
check "wrapped under its value" grep -qx "            than one line" "$T/out"
expect_out_has "Currency    EUR" "the currency"
expect_out_has "Dates       2026-11-01 to 2026-11-30" "the dates"
expect_out_has "won        D2       2026-11-06              80111.11                 4945.92" \
    "a deal line in its columns"
expect_out_has "    a spif for the launch of the new line, with a reason long enough to wrap," \
    "a long note wraps, indented"
expect_out_has "    xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" \
    "a word longer than a line is cut"
expect_out_has "Payout                                               7757.65" "the payout"
check "the text statement fits 80 columns" awk 'length > 80 { exit 1 }' "$T/out"
comp-calc --period 2026-11 --rep anna --no-header | cut -f13 >"$T/payout"
check "its payout is the summary's" grep -q "^Payout  *$(cat "$T/payout")\$" "$T/out"

# --each DIR -o text: a file per rep, 0600 in a new 0700 directory, the
# paths on stdout.
d=$T/stmts
snapshot
run comp-calc --period 2026-11 --statement --each "$d" -o text
expect_status 0 "--each DIR -o text"
expect_out "$d/2026-11-anna.txt
$d/2026-11-bob.txt
$d/2026-11-carl.txt
$d/2026-11-dora.txt
$d/2026-11-mia.txt" "the paths written, one a line"
expect_unchanged "the data directory is not touched"
check "DIR is made 0700" test "$(stat -c %a "$d")" = 700
check "its files are 0600" test "$(stat -c %a "$d/2026-11-anna.txt")" = 600
comp-calc --period 2026-11 --statement -o text --rep bob >"$T/bob"
check "a file is the rep's -o text statement" cmp -s "$T/bob" "$d/2026-11-bob.txt"

# Nothing of another rep: for every pair, no name, id or figure of the
# other (figures: every amount of the other's statement that is not 0.00
# and not also in this rep's own).  mia's override names her reps' deals:
# her file may hold theirs, and nothing of the reps outside her team.
figures() { comp-calc --period 2026-11 --statement --rep "$1" -o tsv |
    awk -F'\t' 'NR > 1 { print $8; print $10 }' | grep -v '^0\.00$' | grep . | sort -u; }
for r in anna bob carl dora mia; do figures $r >"$T/fig.$r"; done
name_of() { awk -F'\t' -v r="$1" '$1 == r { print $2 }' "$SALESMGR_DIR/reps.tsv"; }
leaks=0 pairs=0
for r in anna bob carl dora mia; do
	for o in anna bob carl dora mia; do
		[ $r = $o ] && continue
		case $r:$o in mia:anna | mia:bob) continue ;; esac
		pairs=$((pairs + 1))
		for f in text html; do
			[ $f = text ] && file=$d/2026-11-$r.txt || file=$T/html/2026-11-$r.html
			[ $f = html ] && [ ! -d "$T/html" ] &&
			    comp-calc --period 2026-11 --statement --each "$T/html" -o html >/dev/null
			tr -s ' <>\t' '\n' <"$file" | sort -u >"$T/words"
			comm -23 "$T/fig.$o" "$T/fig.$r" >"$T/theirs"
			if grep -qiwF -e "$o" -e "$(name_of $o)" "$file" ||
			    [ -n "$(comm -12 "$T/theirs" "$T/words")" ]; then
				leaks=$((leaks + 1))
				echo "# $file holds something of $o"
			fi
		done
	done
done
check "$pairs pairs of reps, text and html: no file holds another rep's name, id or figure" \
    test "$leaks" -eq 0 -a "$pairs" -eq 18
cp "$d/2026-11-bob.txt" "$T/planted"
echo "a line of 80111.11" >>"$T/planted"
tr -s ' <>\t' '\n' <"$T/planted" | sort -u >"$T/words"
comm -23 "$T/fig.anna" "$T/fig.bob" >"$T/theirs"
check "the check finds a figure of anna's planted in bob's file" \
    test -n "$(comm -12 "$T/theirs" "$T/words")"
check "mia's file names the reps of her team, and not those of south" sh -c \
    "grep -q 'won by anna' '$d/2026-11-mia.txt' && ! grep -qiw -e carl -e dora '$d/2026-11-mia.txt'"

# -o html: a whole page per file, one sheet, made for an A4 page.
f=$T/html/2026-11-anna.html
check "an html file is a page of its own" sh -c "head -n 1 '$f' | grep -q '^<!DOCTYPE html>' && tail -n 1 '$f' | grep -q '</html>'"
check "one sheet in it" test "$(grep -c '<div class="sheet">' "$f")" -eq 1
check "the print CSS sets an A4 page" grep -q '@page{size:A4;margin:14mm}' "$f"
check "a sheet is no wider than A4 within the margins" grep -q '\.sheet{max-width:182mm}' "$f"
check "notes and facts wrap, long words too" \
    grep -q '\.sheet td\.t,\.sheet table\.facts td{white-space:normal;overflow-wrap:anywhere' "$f"
check "the page breaks after each sheet in print" grep -q '\.sheet{page-break-after:always' "$f"

# An earlier run's files are refused, all named, nothing written; --force
# replaces them.
(cd "$d" && sha256sum ./*) >"$T/sums"
comp-adjust -q bob 2026-11 10 --kind bonus --reason later
run comp-calc --period 2026-11 --statement --each "$d" -o text
expect_status 1 "a second run into the same DIR: exit 1"
expect_err "comp-calc: $d/2026-11-anna.txt: exists, from an earlier run (--force replaces it)
comp-calc: $d/2026-11-bob.txt: exists, from an earlier run (--force replaces it)
comp-calc: $d/2026-11-carl.txt: exists, from an earlier run (--force replaces it)
comp-calc: $d/2026-11-dora.txt: exists, from an earlier run (--force replaces it)
comp-calc: $d/2026-11-mia.txt: exists, from an earlier run (--force replaces it)
comp-calc: nothing was written" "each file named"
expect_out_empty "nothing on stdout"
check "the files are as they were" sh -c "cd '$d' && sha256sum -c --quiet '$T/sums'"
run comp-calc --period 2026-11 --statement --each "$d" -o text --force --rep bob
expect_status 0 "--force"
check "--force replaces the file asked for" grep -q "later" "$d/2026-11-bob.txt"
check "and leaves the others" sh -c "cd '$d' && grep -v bob '$T/sums' | sha256sum -c --quiet -"
check "no temporary left behind" test "$(ls -A "$d" | wc -l)" -eq 5

# In a pipe: each path to the next program.
run sh -c "comp-calc --period 2026-11 --statement --each '$T/pipe' -o text | xargs grep -l '^Payout'"
check "the paths go down a pipe" test "$(wc -l <"$T/out")" -eq 5

# Bad input: the message, the status, nothing written anywhere.
bad_usage "usage: comp-calc [--period P] [--rep REP] [--team TEAM] [--statement]" \
    "--each without --statement" comp-calc --period 2026-11 --each "$T/x"
check "and no DIR made" test ! -e "$T/x"
bad_usage "usage: comp-calc [--period P] [--rep REP] [--team TEAM] [--statement]" \
    "--force without --each" comp-calc --period 2026-11 --statement --force
bad_usage "comp-calc: --each writes -o html or -o text statements" "--each -o tsv" \
    comp-calc --period 2026-11 --statement --each "$T/x" -o tsv
bad_usage "comp-calc: --each needs a directory" "--each ''" \
    comp-calc --period 2026-11 --statement --each ''
bad_usage "comp-calc: --each writes whole statements, without colour: no --columns or --color" \
    "--each --columns" comp-calc --period 2026-11 --statement --each "$T/x" --columns rep
check "and no DIR made" test ! -e "$T/x"
bad_usage "comp-calc: --each writes whole statements, without colour: no --columns or --color" \
    "--each --color" comp-calc --period 2026-11 --statement --each "$T/x" --color always
bad_usage "comp-calc: -o text is for --statement" "-o text without --statement" \
    comp-calc --period 2026-11 -o text
bad_usage "usage: comp-calc [--period P] [--rep REP] [--team TEAM] [--statement]" \
    "--each with --lock" comp-calc --period 2026-11 --lock --statement --each "$T/x"
bad_usage "usage: comp-calc [--period P] [--rep REP] [--team TEAM] [--statement]" \
    "--each with --no-header" comp-calc --period 2026-11 --statement --each "$T/x" --no-header
bad_usage "comp-plan: invalid format 'text': want table, wide, tsv, csv, json or html" \
    "-o text elsewhere" comp-plan --list -o text
check "no DIR made by a bad command" test ! -e "$T/x"
bad 1 "comp-calc: $T/none/x: No such file or directory" "--each under a missing directory" \
    comp-calc --period 2026-11 --statement --each "$T/none/x"
mkdir "$T/real"
ln -s "$T/real" "$T/link"
bad 1 "comp-calc: $T/link: is a symlink; refused" "--each DIR a symlink" \
    comp-calc --period 2026-11 --statement --each "$T/link"
check "nothing in what the link points to" test -z "$(ls -A "$T/real")"
: >"$T/file"
bad 1 "comp-calc: $T/file: Not a directory" "--each DIR a file" \
    comp-calc --period 2026-11 --statement --each "$T/file"
run comp-calc --period 2026-11 --statement --each /dev/full/x -o text
expect_status 1 "--each where nothing can be written: exit 1"

done_testing
