# calls.awk: an independent computation of deal-forecast's call columns
# from calls.tsv, reps.tsv and org.tsv.
#
#   awk -v period=2026-Q4 -v asof=2026-11-26 -v by=rep|team \
#       -f money.awk -f calls.awk reps.tsv org.tsv calls.tsv
#   awk -v mode=accuracy -v period=2026-Q3 -v asof=2026-09-23 -v by=rep|team \
#       -f money.awk -f calls.awk reps.tsv org.tsv calls.tsv WON
#
# The call in force on asof is the latest commit call for the period made
# on or before asof.  A rep's call counts for the team the rep was on on
# the day of the call: the org.tsv row (kind rep, field team) with the
# greatest from on or before that day (an empty from is before every day),
# else reps.tsv's team.  A team's own call (its manager's) overrides the
# sum of its reps'.
#
# Default mode prints: key call call_date call_from (TSV, no header,
# unsorted), for each rep or team with a call.
# mode=accuracy reads WON (key TAB won, what each group won in the period)
# and prints: key reps_call reps_call_error manager_call manager_call_error
# (a rep's own call, or a team's reps' calls summed; the team's own call),
# the error being (call - won) / won in percent, to a tenth rounded half
# away from zero, empty when nothing was won.
BEGIN { FS = OFS = "\t" }
FNR == 1 {
	split("", c); for (i = 1; i <= NF; i++) c[$i] = i
	kind = "won"
	if (FILENAME ~ /reps\.tsv$/) kind = "reps"
	if (FILENAME ~ /org\.tsv$/) kind = "org"
	if (FILENAME ~ /calls\.tsv$/) kind = "calls"
	if (kind != "won") next
}
function team_on(rep, d,    i, best, t) {
	t = team[rep]; best = ""
	for (i = 1; i <= nmove[rep]; i++)
		if (mfrom[rep, i] <= d && (best == "" || mfrom[rep, i] >= best)) { best = mfrom[rep, i]; t = mteam[rep, i] }
	return t
}
function error(x, w,    num, a, r) {
	if (w == 0) return ""
	num = x - w; a = num < 0 ? -num : num
	r = int(a * 1000 / w); if ((a * 1000 - r * w) * 2 >= w) r++
	return sprintf("%s%d.%d", num < 0 && r > 0 ? "-" : "", int(r / 10), r % 10)
}
kind == "reps" { team[$(c["rep"])] = $(c["team"]); next }
kind == "org" {
	if ($(c["kind"]) == "rep" && $(c["field"]) == "team") {
		r = $(c["id"]); n = ++nmove[r]; mfrom[r, n] = $(c["from"]); mteam[r, n] = $(c["value"])
	}
	next
}
kind == "won" { won[$1] = cents($2); next }
$(c["period"]) == period && $(c["category"]) == "commit" && $(c["date"]) <= asof {
	k = $(c["rep"]) != "" ? "r" SUBSEP $(c["rep"]) : "t" SUBSEP $(c["team"])
	if (!(k in when) || $(c["date"]) > when[k]) { when[k] = $(c["date"]); amt[k] = cents($(c["call"])) }
}
END {
	for (k in when) {
		split(k, p, SUBSEP)
		if (p[1] == "r") { rep[p[2]] = amt[k]; if (by == "rep") key[p[2]] = 1 }
		else { own[p[2]] = amt[k]; ownd[p[2]] = when[k]; if (by == "team") key[p[2]] = 1 }
		if (by != "team" || p[1] != "r") continue
		t = team_on(p[2], when[k])
		sum[t] += amt[k]; key[t] = 1; if (when[k] > sd[t]) sd[t] = when[k]
	}
	for (g in key) {
		if (mode == "accuracy") {
			rc = by == "rep" ? rep[g] : sum[g]
			has = by == "rep" ? (g in rep) : (g in sum)
			print g, has ? money(rc) : "", has ? error(rc, won[g]) : "",
			    (by == "team" && g in own) ? money(own[g]) : "",
			    (by == "team" && g in own) ? error(own[g], won[g]) : ""
		} else if (by == "rep")
			print g, money(rep[g]), when["r" SUBSEP g], "rep"
		else if (g in own)
			print g, money(own[g]), ownd[g], "team"
		else
			print g, money(sum[g]), sd[g], "reps"
	}
}
