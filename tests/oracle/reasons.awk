# reasons.awk: an independent computation of deal-reasons over the deal
# ledger: the lost events dated from..to, counted per group and reason.
#
#   awk -v from=2026-07-01 -v to=2026-09-30 -v by=reason|rep|team \
#       [-v only=FILE] -f money.awk -f reasons.awk reps.tsv org.tsv deals/*.tsv
#
# With only, the lost events of the reps FILE lists (one a line) only.
# Prints the rows of deal-reasons without the label column (TSV, no
# header, unsorted): [rep team | team] reason lost lost_amount share, share
# being the percent of the group's lost deals to a tenth, half away from 0.
# A loss counts, by team, for the team its rep was on on its day: the
# org.tsv row (kind rep, field team) with the greatest from on or before
# it, else reps.tsv's team; by rep, the team shown is reps.tsv's.
BEGIN { FS = OFS = "\t"; if (only != "") while ((getline l <only) > 0) keep[l] = 1 }
FNR == 1 {
	split("", c); for (i = 1; i <= NF; i++) c[$i] = i
	reps = FILENAME ~ /reps\.tsv$/; org = FILENAME ~ /org\.tsv$/; next
}
org {
	if ($(c["kind"]) == "rep" && $(c["field"]) == "team") {
		r = $(c["id"]); m = ++nmove[r]; mfrom[r, m] = $(c["from"]); mteam[r, m] = $(c["value"])
	}
	next
}
function team_on(rep, d,    i, best, t) {
	t = team[rep]; best = ""
	for (i = 1; i <= nmove[rep]; i++)
		if (mfrom[rep, i] <= d && (best == "" || mfrom[rep, i] >= best)) { best = mfrom[rep, i]; t = mteam[rep, i] }
	return t
}
reps { team[$(c["rep"])] = $(c["team"]); next }
$(c["event"]) == "lost" && $(c["date"]) >= from && $(c["date"]) <= to &&
    (only == "" || $(c["rep"]) in keep) {
	r = $(c["rep"])
	g = by == "rep" ? r : by == "team" ? team_on(r, $(c["date"])) : ""
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
