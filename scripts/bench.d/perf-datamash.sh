#!/bin/sh
# perf-datamash.sh DIR: won, won_deals, lost_deals and activities by rep
# over every ledger file of DIR with GNU datamash, for scripts/bench to time
# beside perf-report.  datamash reads standard input only and groups sorted
# input, so it runs once per month file (input redirected from the file,
# --sort), and awk adds up its few thousand lines per month.  It has no
# date filter: the bench's period covers every file, so every cancel undoes
# a win of the period, which counts nowhere (perf-report(1)): won is the
# sum of won amounts less cancelled ones, in cents, and won_deals the wins
# less the cancels.  The reps are the active ones of
# reps.tsv and any other with a deal event or an activity, as in
# tests/oracle/perf.sql.  Prints rep won won_deals lost_deals activities
# (TSV, no header, in no order).  $DATAMASH names the datamash to run.
set -eu
d=$1
dm=${DATAMASH:-datamash}
{
	for f in "$d"/deals/*.tsv; do
		"$dm" --sort --header-in -R 2 -g 4,3 count 3 sum 7 <"$f"
	done
	echo "--"
	for f in "$d"/activities/*.tsv; do
		"$dm" --sort --header-in -g 2 count 2 <"$f"
	done
	echo "--"
	cat "$d/reps.tsv"
} | awk -F'\t' -v OFS='\t' '
function cents(s,    neg, p) {
	neg = substr(s, 1, 1) == "-"
	if (neg) s = substr(s, 2)
	p = index(s, ".")
	if (p == 0) return (neg ? -1 : 1) * s * 100
	return (neg ? -1 : 1) * (substr(s, 1, p - 1) * 100 + substr(substr(s, p + 1) "00", 1, 2))
}
function money(c,    neg) {
	neg = c < 0; if (neg) c = -c
	return sprintf("%s%d.%02d", neg ? "-" : "", int(c / 100), c % 100)
}
$0 == "--" { part++; next }
part == 0 {
	seen[$1] = 1
	if ($2 == "won") { won[$1] += cents($4); wc[$1] += int($3) }
	else if ($2 == "cancel") { won[$1] -= cents($4); wc[$1] -= int($3) }
	else if ($2 == "lost") lc[$1] += int($3)
	next
}
part == 1 { seen[$1] = 1; acts[$1] += $2; next }
part == 2 {
	if (!hdr++) { for (i = 1; i <= NF; i++) col[$i] = i; next }
	if ($(col["status"]) == "active") seen[$1] = 1
}
END { for (r in seen) print r, money(won[r] + 0), wc[r] + 0, lc[r] + 0, acts[r] + 0 }'
