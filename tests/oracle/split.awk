# split.awk: an independent computation of quota-split --by equal: a
# team's target (in cents) over its active reps, each weighing the days of
# the period from the hire date on, each day at the ramp's percent for the
# whole months since hire (100 after the list), then whole cents by the
# largest remainder, the first in reps.tsv on a tie.
#
#   awk -v team=north -v from=2026-10-01 -v to=2026-12-31 -v cents=10000000 \
#       [-v ramp=0,25,50,75] -f days.awk -f split.awk reps.tsv
#
# Prints rep and target (two decimals), tab-separated, in reps.tsv order.
BEGIN { FS = "\t"; nr = ramp == "" ? 0 : split(ramp, pct, ",") }
function mdays(y, m) { return days(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - days(y, m, 1) }
# The day number of hire date + k months, the day clamped to the month.
function plus_months(s, k,    y, m, d, n) {
	y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0 + k; d = substr(s, 9, 2) + 0
	y += int((m - 1) / 12); m = (m - 1) % 12 + 1
	n = mdays(y, m)
	return days(y, m, d > n ? n : d)
}
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
$col["team"] == team && $col["status"] == "active" {
	n++; rep[n] = $col["rep"]; w[n] = 0
	F = iso(from); T = iso(to); h = iso($col["hired"])
	for (d = (h > F ? h : F); d <= T; d++) {
		k = 0
		while (k < nr && plus_months($col["hired"], k + 1) <= d) k++
		w[n] += k < nr ? pct[k + 1] : 100
	}
	sum += w[n]
}
END {
	if (sum == 0) exit 1
	given = 0
	for (i = 1; i <= n; i++) {
		part[i] = int(cents * w[i] / sum); rem[i] = cents * w[i] - part[i] * sum
		given += part[i]
	}
	for (left = cents - given; left > 0; left--) {
		best = 0
		for (i = 1; i <= n; i++) if (!(i in took) && (!best || rem[i] > rem[best])) best = i
		took[best] = 1; part[best]++
	}
	for (i = 1; i <= n; i++) printf "%s\t%d.%02d\n", rep[i], int(part[i] / 100), part[i] % 100
}
