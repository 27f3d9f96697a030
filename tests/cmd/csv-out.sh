#!/bin/sh
# csv-out.sh: -o csv and --raw on the report programs that compute typed
# rows (perf-report, deal-forecast, plan-report, rep-diagnose, rep-show,
# comp-calc, acct-assign, quota-split, deal-list), on the generated demo
# organisation with a rep whose name is a formula.  The oracle is awk
# writing the same program's TSV as RFC 4180: with --raw every cell as it
# is, quoted when it holds a comma, quote, CR or LF, lines ending in CRLF;
# without it, a cell that starts with = + - @ (and is not a number) gets a
# ' in front.
. "$(dirname "$0")/lib.sh"

SALESMGR_DEMO_DIR=$T/demo run "$top/scripts/demo"
expect_status 0 "the demo organisation is built"
SALESMGR_DIR=$T/demo-gen
export SALESMGR_DIR
rep-edit -q r0002 --name '=SUM(A1), "x"'
check "r0002 is named like a formula" test "$(rep-list --no-header | awk -F'\t' '$1 == "r0002" { print $2 }')" = '=SUM(A1), "x"'

# tsv2csv GUARD: TSV on stdin (escapes undone) as CSV; GUARD 1 defuses.
tsv2csv() {
	awk -F'\t' -v guard="$1" '
	function unescape(s,    out, i, c) {
		out = ""
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c == "\\" && i < length(s)) {
				c = substr(s, ++i, 1)
				c = c == "t" ? "\t" : c == "n" ? "\n" : c == "r" ? "\r" : c
			}
			out = out c
		}
		return out
	}
	function cell(s, header,    g) {
		s = unescape(s)
		g = guard && !header && s ~ /^[-=+@\t\r]/ && s !~ /^-?[0-9]+(\.[0-9]+)?$/
		if (g || s ~ /[,"\r\n]/) {
			gsub(/"/, "\"\"", s)
			s = "\"" (g ? "\047" : "") s "\""
		}
		return s
	}
	{
		for (i = 1; i <= NF; i++)
			printf "%s%s", cell($i, NR == 1), i < NF ? "," : "\r\n"
	}'
}

# same_csv NAME CMD...: CMD -o csv and -o csv --raw against its TSV
same_csv() {
	name=$1
	shift
	"$@" -o tsv >"$T/tsv" 2>/dev/null
	"$@" -o csv >"$T/csv" 2>"$T/csv.err"
	s1=$?
	"$@" --raw -o csv >"$T/raw" 2>/dev/null
	s2=$?
	tsv2csv 0 <"$T/tsv" >"$T/want.raw"
	tsv2csv 1 <"$T/tsv" >"$T/want.csv"
	if [ "$s1" -eq 0 ] && [ "$s2" -eq 0 ] && [ "$(wc -l <"$T/tsv")" -ge 2 ] &&
	    cmp -s "$T/want.raw" "$T/raw" && cmp -s "$T/want.csv" "$T/csv"; then
		ok "$name: -o csv and --raw are its TSV as awk writes CSV ($(($(wc -l <"$T/tsv") - 1)) rows)"
	else
		not_ok "$name: -o csv and --raw are its TSV as awk writes CSV" \
		    "exit $s1 and $s2, $(wc -l <"$T/tsv") TSV lines, $(head -c 200 "$T/csv.err")" \
		    "csv: $(diff "$T/want.csv" "$T/csv" | head -6 | tr '\r\n' '^|')" \
		    "raw: $(diff "$T/want.raw" "$T/raw" | head -6 | tr '\r\n' '^|')"
	fi
}

same_csv perf-report perf-report --period 2026-Q4
same_csv "perf-report --by month" perf-report --by month --period 2026
same_csv "perf-report --by team" perf-report --by team --period 2026-Q4
same_csv "perf-report --flag" perf-report --flag --period 2026-Q3
same_csv deal-forecast deal-forecast
same_csv "deal-forecast --accuracy" deal-forecast --accuracy --period 2026-Q3
same_csv plan-report plan-report
same_csv rep-diagnose rep-diagnose --all
same_csv rep-show rep-show r0002
same_csv comp-calc comp-calc --period 2026-10
same_csv "comp-calc --statement" comp-calc --statement --period 2026-10
same_csv acct-assign acct-assign -q
same_csv "acct-assign --explain" acct-assign -q --explain a00001
same_csv deal-list deal-list --open
# quota-split writes what it prints: each run on a copy of the directory.
settle "$SALESMGR_DIR"
cp -a "$SALESMGR_DIR" "$T/split"
qsplit() { rmdata "$T/split.run" && cp -a "$T/split" "$T/split.run" &&
	quota-split -q -D "$T/split.run" 2026-12 --team t01 90000 "$@"; }
same_csv quota-split qsplit

# The guard is there, and --raw takes it away, wherever the name shows.
for c in "perf-report --period 2026-Q4" "rep-show r0002" "comp-calc --period 2026-10"; do
	$c -o csv >"$T/csv" 2>/dev/null
	check "${c%% *} -o csv: the formula in the name gets a quote mark" \
	    grep -qF '"'\''=SUM(A1), ""x"""' "$T/csv"
	$c -o csv --raw >"$T/csv" 2>/dev/null
	check "${c%% *} -o csv --raw: the name as it is" grep -qF ',"=SUM(A1), ""x"""' "$T/csv"
done
# Numbers in number columns stay numbers, minus and all.
deal-forecast -o csv | awk -F, 'NR > 1 && $14 ~ /^-[0-9]/ { n++ } END { exit !n }'
check "deal-forecast -o csv: a negative gap is a number, not defused" [ $? -eq 0 ]
run perf-report -o csv --no-header --period 2026-Q4
check "perf-report -o csv --no-header: no header line" sh -c "! grep -q '^rep,' '$T/out'"
run perf-report -o csv --period 2026-Q4 --rep r0003
expect_status 0 "perf-report -o csv --rep: exit 0"
check "perf-report -o csv --rep: the header and one row" test "$(wc -l <"$T/out")" -eq 2
done_testing
