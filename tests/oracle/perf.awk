# perf.awk: an independent computation of perf-report's figures, by rep,
# over the deal and activity ledgers of a data directory.
#
#   awk -v from=2026-10-01 -v to=2026-12-31 -v today=2026-11-26 \
#       [-v metric=deals|activities] \
#       -f days.awk -f money.awk -f perf.awk stages.tsv quotas.tsv deals/*.tsv activities/*.tsv
#
# With a metric (perf-report --metric), the quota rows are that metric's,
# counts, and attainment and pace measure won deals or activities.
#
# Quotas: each monthly row counts its days inside the period (the whole
# target when the month is inside, else target x days inside / days of the
# month, rounded half away from zero to the cent); the data sales-gen
# writes has monthly quotas only.
# Cancels (perf-report(1)): a cancel of a win of the period takes the win
# out of the period (won, won_deals, avg_deal and cycle_days); a cancel of
# an earlier win is the period's cancelled, and net_won is won less it.
# Prints rep quota won cancelled net_won attainment expected pace
# won_deals lost_deals win_rate avg_deal cycle_days pipeline weighted
# activities (TSV, no header, sorted by the caller).  Money is kept in
# integer cents; awk's doubles hold integers exactly far past any total
# here.
BEGIN { FS = OFS = "\t"; if (metric == "") metric = "revenue" }
# A quota row's target: cents for revenue, a count otherwise; and back.
function target(s) { return metric == "revenue" ? cents(s) : s + 0 }
function shown(v) { return metric == "revenue" ? money(v) : sprintf("%d", v) }

# Round num/den half away from zero (den > 0).
function rdiv(num, den,    q) {
	if (num >= 0) return int((2 * num + den) / (2 * den))
	return -int((-2 * num + den) / (2 * den))
}
function permille(num, den,    pm) {
	if (den == 0) return ""
	pm = rdiv(num * 1000, den)
	return sprintf("%s%d.%d", pm < 0 ? "-" : "", int((pm < 0 ? -pm : pm) / 10), (pm < 0 ? -pm : pm) % 10)
}
# Days since 1970-01-01 of an ISO date (civil calendar arithmetic).

FNR == 1 { file = FILENAME; next }
file ~ /stages\.tsv$/ { prob[$1] = $3; open_stage[$1] = ($5 == "open"); next }
file ~ /quotas\.tsv$/ {
	# a monthly row counts its days inside the period: in full when the
	# whole month is inside, else target x days inside / days of the month
	if ($4 == metric && $2 != "" && length($1) == 7) {
		mf = $1 "-01" > from ? $1 "-01" : from
		mt = last_day($1) < to ? last_day($1) : to
		if (mf > mt) next
		mdays = iso(last_day($1)) - iso($1 "-01") + 1
		quota[$2] += rdiv(target($5) * (iso(mt) - iso(mf) + 1), mdays); hasq[$2] = 1
	}
	next
}
file ~ /deals\// {
	# every figure is cut at the period's end, or today if sooner
	if ($1 > to || $1 > today) next
	st_rep[$2] = $4; st_amount[$2] = cents($7); st_stage[$2] = $8; st_event[$2] = $3
	seen[$4] = 1
	if ($1 < from) next
	if ($3 == "won") {
		won[$4] += cents($7); wc[$4]++
		ncyc[$4]++; cyc[$4, ncyc[$4]] = iso($1) - iso($13)
		# the win of the period: where its cycle is, to undo it
		wonhere[$2] = $4 SUBSEP ncyc[$4]
	} else if ($3 == "lost") {
		# a deal counts once, for the rep who lost it last in the period
		if ($2 in lostby) lc[lostby[$2]]--
		lc[$4]++; lostby[$2] = $4
	} else if ($3 == "reopen") {
		# reopened after a loss in the period: no longer lost
		if ($2 in lostby) { lc[lostby[$2]]--; delete lostby[$2] }
	} else if ($3 == "cancel" && ($2 in wonhere)) {
		split(wonhere[$2], w, SUBSEP)
		won[w[1]] -= cents($7); wc[w[1]]--; gone[w[1], w[2]] = 1
	} else if ($3 == "cancel") {
		cancelled[$4] += cents($7)
	}
	next
}
file ~ /activities\// {
	if ($1 >= from && $1 <= to && $1 <= today) { acts[$2]++; seen[$2] = 1 }
	next
}
function last_day(ym,    y, m, n) {
	y = substr(ym, 1, 4) + 0; m = substr(ym, 6, 2) + 0
	n = 31
	if (m == 4 || m == 6 || m == 9 || m == 11) n = 30
	if (m == 2) n = (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
	return sprintf("%s-%02d", ym, n)
}
function median2(r,    n, i, j, t, a) {
	n = 0
	for (i = 1; i <= ncyc[r]; i++) if (!((r, i) in gone)) a[++n] = cyc[r, i]
	if (n == 0) return -1
	for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
	if (n % 2) return 2 * a[(n + 1) / 2]
	return a[n / 2] + a[n / 2 + 1]
}
# An element that may not exist is passed to a function as a number
# (won[r] + 0): gawk 5.2.1 (Debian 12) corrupts its memory when a function
# is given an element that does not exist yet.
END {
	for (d in st_rep) {
		if (st_event[d] == "won" || st_event[d] == "lost" || st_event[d] == "cancel") continue
		if (!open_stage[st_stage[d]]) continue
		pipe[st_rep[d]] += st_amount[d]; wsum[st_rep[d]] += st_amount[d] * prob[st_stage[d]]
	}
	for (r in hasq) seen[r] = 1
	for (r in seen) {
		# pace is measured on the report's period
		tot = iso(to) - iso(from) + 1
		el = iso(today) - iso(from) + 1
		if (el < 0) el = 0
		if (el > tot) el = tot
		got = metric == "deals" ? wc[r] + 0 : metric == "activities" ? acts[r] + 0 : won[r] + 0
		q = hasq[r] ? shown(quota[r]) : ""
		att = hasq[r] ? permille(got, quota[r]) : ""
		ex = ""; pace = ""
		if (hasq[r]) {
			e = rdiv(quota[r] * el, tot); ex = shown(e)
			pace = got >= e ? "on-track" : (got * 10 < e * 9 ? "behind" : "at-risk")
		}
		m2 = median2(r)
		cyc_s = m2 < 0 ? "" : (m2 % 2 ? sprintf("%d.5", int(m2 / 2)) : sprintf("%d", m2 / 2))
		print r, q, money(won[r] + 0), money(cancelled[r] + 0), money(won[r] - cancelled[r]),
		    att, ex, pace, wc[r] + 0, lc[r] + 0,
		    permille(wc[r] + 0, wc[r] + lc[r]), wc[r] ? money(rdiv(won[r], wc[r])) : "",
		    cyc_s, money(pipe[r] + 0), money(rdiv(wsum[r] + 0, 100)), acts[r] + 0
	}
}
