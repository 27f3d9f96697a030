# draw.awk: an independent computation of what comp-calc pays around the
# commission: the one-off lines of adjustments.tsv and the draws, with the
# draw balance carried from month to month.
#
#   awk -v months="2026-09 2026-10 2026-11" -f money.awk -f draw.awk \
#       earned.tsv adjustments.tsv
#
# earned.tsv: rep month earned (no header; what the commission, clawbacks
# and cap pay, as comp.awk computes it).  Prints rep month adjustments draw
# balance payout (TSV, no header) for each rep of earned.tsv and each month.
# The rules (comp-calc(1)): spif, bonus and adjustment lines are paid on
# top; a draw is the least a month pays: below it, the difference is paid
# and, when recoverable, owed; above it, what is earned over the draw pays
# back what is owed; a recovery line takes back up to what is owed.  Money
# is integer cents.
BEGIN { FS = OFS = "\t"; nm = split(months, m, " ") }

FNR == 1 { file++ }
file == 1 { earned[$1, $2] = cents($3); reps[$1] = 1; next }
FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
{
	r = $col["rep"]; p = $col["period"]; k = $col["kind"]; a = cents($col["amount"])
	if (k == "draw") { floor[r, p] = a; guar[r, p] = $col["recoverable"] == "no"; has[r, p] = 1 }
	else if (k == "recovery") rec[r, p] += a
	else extra[r, p] += a
}

END {
	for (r in reps) {
		bal = 0
		for (i = 1; i <= nm; i++) {
			p = m[i]; E = earned[r, p] + 0; open = bal
			d = 0; back = 0; drawn = 0
			f = has[r, p] ? floor[r, p] : 0
			if (has[r, p] && E < f) {
				d = f - E
				if (!guar[r, p]) drawn = d
			} else if (bal > 0 && E > f) {
				back = E - f < bal ? E - f : bal
			}
			bal += drawn - back
			x = rec[r, p] + 0
			if (x) { v = x < bal ? x : (bal > 0 ? bal : 0); back += v; bal -= v }
			shown = open || drawn || back || has[r, p]
			print r, p, money(extra[r, p] + 0), money(d - back), shown ? money(bal) : "",
			    money(E + extra[r, p] + d - back)
		}
	}
}
