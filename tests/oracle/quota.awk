# quota.awk: an independent computation of the quota of one rep (or team)
# for a period, from quotas.tsv, by the rule of perf-report(1):
#
#   awk -v who=anna [-v team=1] -v metric=revenue -v from=2026-11-01 \
#       -v to=2026-11-30 [-v fys=4] -f days.awk -f money.awk -f quota.awk quotas.tsv
#
# Prints the target (revenue in money with two decimals, else a count) and
# what was used, tab-separated, or nothing when no quota applies.  Rows
# wholly inside the period count in full unless inside another such row
# (of two with the same days, the first); every other day of the period
# is counted to the shortest row over it (the first of equal length), and
# such a row counts target x its days / days of its period, rounded half
# away from zero.  A single row with the period's very days is named as
# the period (pname) is.  Days by days.awk;
# periods YYYY, YYYY-Qn, YYYY-MM, YYYY-Wnn, FYyyyy, FYyyyy-Qn.
BEGIN { FS = "\t"; if (fys == "") fys = 1; if (metric == "") metric = "revenue" }
# The first day of month m (any integer) of year y.
function first(y, m) { y += int((m - 1) / 12); m = (m - 1) % 12 + 1; if (m <= 0) { m += 12; y-- } return days(y, m, 1) }
# Sets PF and PT (day numbers) for a period name; 0 if it is not one.
function range(s,    y, n, j4) {
	if (s ~ /^FY[0-9][0-9][0-9][0-9]$/ || s ~ /^FY[0-9][0-9][0-9][0-9]-Q[1-4]$/) {
		y = substr(s, 3, 4) + 0 - (fys == 1 ? 0 : 1)
		n = length(s) == 6 ? 0 : substr(s, 9, 1) - 1
		PF = first(y, fys + 3 * n); PT = first(y, fys + 3 * n + (length(s) == 6 ? 12 : 3)) - 1
		return 1
	}
	y = substr(s, 1, 4) + 0
	if (s ~ /^[0-9][0-9][0-9][0-9]$/) { PF = days(y, 1, 1); PT = days(y, 12, 31); return 1 }
	if (s ~ /^[0-9][0-9][0-9][0-9]-Q[1-4]$/) {
		n = substr(s, 7, 1) + 0; PF = first(y, 3 * n - 2); PT = first(y, 3 * n + 1) - 1; return 1
	}
	if (s ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]$/) {
		n = substr(s, 6, 2) + 0; PF = first(y, n); PT = first(y, n + 1) - 1; return 1
	}
	if (s ~ /^[0-9][0-9][0-9][0-9]-W[0-9][0-9]$/) {
		# 1970-01-01 was a Thursday: (d + 3) % 7 is 0 on Mondays
		j4 = days(y, 1, 4); PF = j4 - (j4 + 3) % 7 + 7 * (substr(s, 7, 2) - 1); PT = PF + 6
		return 1
	}
	return 0
}
function rdiv(a, b) { return int((2 * a + b) / (2 * b)) }
NR > 1 && $4 == metric && (team ? $3 == who && $2 == "" : $2 == who) && range($1) {
	if (PT < F || PF > T) next
	n++; rf[n] = PF; rt[n] = PT; rv[n] = metric == "revenue" ? cents($5) : $5 + 0; rn[n] = $1
}
BEGIN { F = iso(from); T = iso(to) }
END {
	for (i = 1; i <= n; i++) inside[i] = rf[i] >= F && rt[i] <= T
	sum = 0; cnt = 0; part = 0
	for (i = 1; i <= n; i++) {
		if (!inside[i]) continue
		drop = 0
		for (j = 1; j <= n; j++)
			if (j != i && inside[j] && rf[i] >= rf[j] && rt[i] <= rt[j] &&
			    (rf[j] < rf[i] || rt[j] > rt[i] || j < i)) drop = 1
		if (drop) continue
		cnt++; sum += rv[i]; used = rf[i] == F && rt[i] == T ? pname : rn[i]
		for (d = rf[i]; d <= rt[i]; d++) cov[d] = 1
	}
	for (d = F; d <= T; d++) {
		if (d in cov) continue
		best = 0
		for (i = 1; i <= n; i++)
			if (!inside[i] && rf[i] <= d && rt[i] >= d &&
			    (!best || rt[i] - rf[i] < rt[best] - rf[best])) best = i
		if (best) got[best]++
	}
	for (i = 1; i <= n; i++) if (got[i]) {
		sum += rdiv(rv[i] * got[i], rt[i] - rf[i] + 1); part++
		used1 = rn[i] " " got[i] "/" (rt[i] - rf[i] + 1) " days"
	}
	if (!cnt && !part) exit
	if (cnt == 1 && !part) u = used
	else if (!cnt && part == 1) u = used1
	else if (part) u = (cnt + part) " rows in " pname ", " part " prorated"
	else u = cnt " rows in " pname
	printf "%s\t%s\n", metric == "revenue" ? sprintf("%d.%02d", int(sum / 100), sum % 100) : sum, u
}
