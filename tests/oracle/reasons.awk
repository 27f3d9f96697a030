# reasons.awk: an independent computation of deal-reasons over the deal
# ledger: the lost events dated from..to, counted per group and reason.
#
#   awk -v from=2026-07-01 -v to=2026-09-30 -v by=reason|rep|team \
#       -f money.awk -f reasons.awk reps.tsv deals/*.tsv
#
# Prints the rows of deal-reasons without the label column (TSV, no
# header, unsorted): [rep team | team] reason lost lost_amount share, share
# being the percent of the group's lost deals to a tenth, half away from 0.
BEGIN { FS = OFS = "\t" }
FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; reps = FILENAME ~ /reps\.tsv$/; next }
reps { team[$(c["rep"])] = $(c["team"]); next }
$(c["event"]) == "lost" && $(c["date"]) >= from && $(c["date"]) <= to {
	r = $(c["rep"])
	g = by == "rep" ? r : by == "team" ? team[r] : ""
	k = g SUBSEP $(c["reason"])
	n[k]++; amt[k] += cents($(c["amount"])); tot[g]++
}
END {
	for (k in n) {
		split(k, p, SUBSEP)
		pm = int((n[k] * 2000 + tot[p[1]]) / (2 * tot[p[1]]))
		share = int(pm / 10) "." pm % 10
		if (by == "rep") print p[1], team[p[1]], p[2], n[k], money(amt[k]), share
		else if (by == "team") print p[1], p[2], n[k], money(amt[k]), share
		else print p[2], n[k], money(amt[k]), share
	}
}
