# calls.awk: an independent computation of deal-forecast --calls' call
# columns from calls.tsv and reps.tsv.
#
#   awk -v period=2026-Q4 -v asof=2026-11-26 -v by=rep|team \
#       -f money.awk -f calls.awk reps.tsv calls.tsv
#
# Prints: key call call_date call_from (TSV, no header, unsorted), for
# each rep or team with a call: the latest commit call for the period made
# on or before asof; a team's own call overrides the sum of its reps'.
BEGIN { FS = OFS = "\t" }
FNR == 1 { split("", c); for (i = 1; i <= NF; i++) c[$i] = i; reps = FILENAME ~ /reps\.tsv$/; next }
reps { team[$(c["rep"])] = $(c["team"]); next }
$(c["period"]) == period && $(c["category"]) == "commit" && $(c["date"]) <= asof {
	k = $(c["rep"]) != "" ? "r" SUBSEP $(c["rep"]) : "t" SUBSEP $(c["team"])
	if (!(k in when) || $(c["date"]) > when[k]) { when[k] = $(c["date"]); amt[k] = cents($(c["call"])) }
}
END {
	for (k in when) {
		split(k, p, SUBSEP)
		if (by == "rep" && p[1] == "r") print p[2], money(amt[k]), when[k], "rep"
		if (by != "team" || p[1] != "r") continue
		t = team[p[2]]
		sum[t] += amt[k]; if (when[k] > sd[t]) sd[t] = when[k]
	}
	if (by != "team") exit
	for (k in when) { split(k, p, SUBSEP); if (p[1] == "t") { own[p[2]] = 1; print p[2], money(amt[k]), when[k], "team" } }
	for (t in sum) if (!(t in own)) print t, money(sum[t]), sd[t], "reps"
}
