# diagnose.awk: an independent computation of rep-diagnose's rates and
# activity volume, their peer median, 25th percentile, percentile and
# 90% intervals, and the verdicts, by rep.
#
#   awk -v from=2026-04-01 -v to=2026-09-30 -v today=2026-11-26 \
#       [-v managers=1] -f days.awk -f diagnose.awk config.tsv teams.tsv stages.tsv \
#       reps.tsv deals/*.tsv activities/*.tsv
#
# Peers by role and kind: a manager (a role of config's manager_roles,
# director,lead,manager,vp without the key; a team's manager; the manager
# of an active rep) is compared with managers, a seller with sellers.
# Prints rep metric value peer_median peer_p25 percentile peers n low high
# verdict for activities_per_week, each stage conversion and win_rate
# (TSV, no header; the caller sorts), for every active seller, and with
# managers=1 (--all --include-managers) every active rep compared with
# every kind.  Values are in tenths (of a percent, of an activity per
# week) as integers until printed.
BEGIN { FS = OFS = "\t"; z = 1.6449 }

function rdiv(num, den) { return int((2 * num + den) / (2 * den)) }
function tenths(t) { return sprintf("%d.%d", int(t / 10), t % 10) }
function bound(x) { x = int(x + 0.5); return x < 0 ? 0 : x }

FNR == 1 { file = FILENAME; next }
file ~ /config\.tsv$/ { if ($1 == "manager_roles") { roles = $2; setroles = 1 }; next }
file ~ /teams\.tsv$/ { if ($3 != "") boss[$3] = 1; next }
file ~ /stages\.tsv$/ {
	order[$1] = $2 + 0; state[$1] = $5
	if ($5 == "open") opens[++nopen] = $1
	if ($5 == "won") wonstage = $1
	next
}
file ~ /reps\.tsv$/ {
	rep[$1] = 1; role[$1] = $5; gone[$1] = $8 == "gone"; active[$1] = $8 == "active"
	if (active[$1] && $6 != "") boss[$6] = 1
	f = iso(from); t = iso(to) < iso(today) ? iso(to) : iso(today)
	if ($7 != "" && iso($7) > f) f = iso($7)
	if (gone[$1] && $9 != "" && iso($9) < t) t = iso($9)
	span[$1] = t >= f ? t - f + 1 : 0
	next
}
file ~ /deals\// {
	if ($1 > to) next
	prev = isopen[$2] ? cur[$2] : ""
	cur[$2] = $8
	isopen[$2] = $3 != "won" && $3 != "lost" && $3 != "cancel" && state[$8] == "open"
	if ($1 < from || !($4 in rep)) next
	if (prev != "" && state[prev] == "open") {
		if ($3 == "lost") exits[$4, prev]++
		else if ($3 == "won" || ($3 == "stage" && order[$8] > order[prev])) {
			exits[$4, prev]++; fwd[$4, prev]++
		}
	}
	if ($3 == "won") won[$4]++
	if ($3 == "lost") lost[$4]++
	next
}
file ~ /activities\// {
	if ($1 >= from && $1 <= to && ($2 in rep)) acts[$2]++
	next
}

# Sets has/val/n/lo/hi of rep r for metric number m.
function measure(r, m,    k, p, den, c, h, w, s) {
	has = 0
	if (m == 0) {
		if (span[r] <= 0) return
		k = acts[r] + 0
		has = 1; n = k; val = rdiv(k * 70, span[r])
		w = z * sqrt(k + z * z / 4)
		lo = bound((k + z * z / 2 - w) * 70 / span[r])
		hi = bound((k + z * z / 2 + w) * 70 / span[r])
		return
	}
	if (m <= nopen) { s = opens[m]; k = fwd[r, s] + 0; n = exits[r, s] + 0 }
	else { k = won[r] + 0; n = won[r] + lost[r] }
	if (n == 0) return
	has = 1; val = rdiv(k * 1000, n)
	p = k / n; den = 1 + z * z / n
	c = (p + z * z / (2 * n)) / den
	h = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
	lo = bound((c - h) * 1000); hi = bound((c + h) * 1000)
	if (hi > 1000) hi = 1000
}

function name(m,    nx, j) {
	if (m == 0) return "activities_per_week"
	if (m > nopen) return "win_rate"
	nx = wonstage
	for (j = m + 1; j <= nopen; j++) { nx = opens[j]; break }
	return opens[m] "->" nx
}

END {
	if (!setroles) roles = "director,lead,manager,vp"
	nr = split(roles, rl, ",")
	for (r in rep) {
		kind[r] = (r in boss)
		for (i = 1; i <= nr; i++) if (role[r] == rl[i]) kind[r] = 1
	}
	# stages.tsv lists open stages in order already (sales-init writes them so)
	for (m = 0; m <= nopen + 1; m++) {
		for (r in rep) {
			measure(r, m)
			H[r] = has; V[r] = val; N[r] = n; L[r] = lo; U[r] = hi
		}
		for (r in rep) {
			cnt = 0; below = 0; ties = 0
			delete a
			for (q in rep) {
				if (q == r || gone[q] || role[q] != role[r] || !H[q]) continue
				if (!managers && kind[q] != kind[r]) continue
				a[++cnt] = V[q]
				if (H[r] && V[q] < V[r]) below++
				if (H[r] && V[q] == V[r]) ties++
			}
			# insertion sort
			for (i = 2; i <= cnt; i++) {
				t = a[i]
				for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]
				a[j + 1] = t
			}
			med = p25 = pct = p75 = ""
			if (cnt) {
				med2 = cnt % 2 ? 2 * a[(cnt + 1) / 2] : a[cnt / 2] + a[cnt / 2 + 1]
				med = tenths(rdiv(med2, 2))
				p25v = a[int((cnt + 3) / 4)]; p75v = a[int((3 * cnt + 3) / 4)]
				p25 = tenths(p25v)
			}
			if (cnt && H[r]) pct = tenths(rdiv((2 * below + ties) * 500, cnt))
			if (!active[r] || (!managers && kind[r])) continue
			verdict = !H[r] ? "no-data" : cnt < 3 ? "too-few-peers" : "ok"
			if (verdict == "ok") {
				if (V[r] < p25v && 2 * U[r] < med2) verdict = "weak"
				else if (V[r] > p75v && 2 * L[r] > med2) verdict = "strong"
			}
			print r, name(m), H[r] ? tenths(V[r]) : "", med, p25, pct, cnt,
			    H[r] ? N[r] : "", H[r] ? tenths(L[r]) : "", H[r] ? tenths(U[r]) : "", verdict
		}
	}
}
