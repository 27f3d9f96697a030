# comp.awk: an independent computation of comp-calc's summary, from the
# data files of a directory, for a calendar month or quarter.
#
#   awk -v period=2026-10 -f days.awk -f money.awk -f comp.awk reps.tsv comp-plans.tsv \
#       comp-tiers.tsv quotas.tsv deals/*.tsv
#   awk -v period=2026-Q3 -f days.awk -f money.awk -f comp.awk ...
#
# Prints rep plan quota revenue attainment tier commission clawback
# withheld payout (TSV, no header, sorted by the caller) for every rep with
# a plan.  The rules (comp-calc(1)): revenue is the wins of the period less
# the cancels of wins of the same period; tiers start at quota x from / 100
# rounded to the cent and are reached when revenue x 100 >= quota x from;
# marginal pays each slice at its tier's rate, flat pays all revenue at the
# highest tier reached; each tier line is rounded half away from zero;
# nothing below the threshold; a cancel of a win of an earlier period,
# within clawback_days, takes back amount x paid / revenue of the win's
# period, where paid is that period's commission less what its cap
# withheld; the payout above the cap is withheld.  Quotas: the sum of
# the rep's revenue rows inside the period.  Money is integer cents.
BEGIN { FS = OFS = "\t"; quarterly = period ~ /-Q/ }

# num / den rounded half away from zero (den > 0)
function rdiv(num, den) {
	if (num >= 0) return int((2 * num + den) / (2 * den))
	return -int((-2 * num + den) / (2 * den))
}
function pct1(num, den,    pm) {
	pm = rdiv(num * 1000, den)
	return sprintf("%s%d.%d", pm < 0 ? "-" : "", int((pm < 0 ? -pm : pm) / 10), (pm < 0 ? -pm : pm) % 10)
}
# "5" or "7.5" percent -> basis points
function bp(s,    p, frac) {
	p = index(s, ".")
	if (p == 0) return s * 100
	frac = substr(s, p + 1) "00"
	return substr(s, 1, p - 1) * 100 + substr(frac, 1, 2)
}
# The pay period (of the kind of `period`) of a date or a month.
function pp(d) {
	if (quarterly) return substr(d, 1, 4) "-Q" int((substr(d, 6, 2) - 1) / 3 + 1)
	return substr(d, 1, 7)
}

FNR == 1 { file = FILENAME; next }
file ~ /reps\.tsv$/ { if ($11 != "") plan[$1] = $11; next }
file ~ /comp-plans\.tsv$/ {
	mode[$1] = $3; thr[$1] = $4 == "" ? 0 : $4; cap[$1] = $5; claw[$1] = $6
	next
}
file ~ /comp-tiers\.tsv$/ { nt[$1]++; tfrom[$1, nt[$1]] = $2; trate[$1, nt[$1]] = bp($3); next }
file ~ /quotas\.tsv$/ {
	if ($4 == "revenue" && $2 != "") { quota[$2, pp($1)] += cents($5); hasq[$2, pp($1)] = 1 }
	next
}
file ~ /deals\// {
	if ($3 == "won") {
		wdate[$2] = $1; wamt[$2] = cents($7); wrep[$2] = $4
		rev[$4, pp($1)] += cents($7)
	} else if ($3 == "cancel") {
		if (!($2 in wdate)) next
		r = wrep[$2]
		if (pp(wdate[$2]) == pp($1)) rev[r, pp($1)] -= cents($7)
		else { nc++; cper[nc] = pp($1); crep[nc] = r; cwon[nc] = wdate[$2]; camt[nc] = wamt[$2]; cgap[nc] = iso($1) - iso(wdate[$2]) }
		delete wdate[$2]
	}
	next
}

# Sort a plan's tiers by from (few: insertion sort).
function sort_tiers(p,    i, j, f, r) {
	for (i = 2; i <= nt[p]; i++) {
		f = tfrom[p, i]; r = trate[p, i]
		for (j = i - 1; j >= 1 && tfrom[p, j] > f; j--) { tfrom[p, j + 1] = tfrom[p, j]; trate[p, j + 1] = trate[p, j] }
		tfrom[p, j + 1] = f; trate[p, j + 1] = r
	}
}
# Commission of rep r in pay period q; sets ok (quota > 0) and top (highest tier's from).
function commission(r, q,    p, Q, R, i, hi, lo, top_i, sum, b) {
	p = plan[r]; ok = 0; top = ""
	# nothing won: nothing to pay a commission on, quota or not
	if (!hasq[r, q] || quota[r, q] <= 0) { ok = rev[r, q] + 0 == 0 ? 2 : 0; return 0 }
	ok = 1; Q = quota[r, q]; R = rev[r, q] + 0
	top_i = 0
	for (i = 1; i <= nt[p]; i++) {
		b[i] = rdiv(Q * tfrom[p, i], 100)
		if (R * 100 >= Q * tfrom[p, i]) top_i = i
	}
	if (top_i) top = tfrom[p, top_i]
	if (thr[p] > 0 && R * 100 < Q * thr[p]) { top = ""; return 0 }
	if (!top_i) return 0
	if (mode[p] == "flat") return rdiv(R * trate[p, top_i], 10000)
	sum = 0
	for (i = 1; i <= top_i; i++) {
		lo = b[i]; hi = (i < nt[p] && b[i + 1] < R) ? b[i + 1] : R
		if (hi > lo) sum += rdiv((hi - lo) * trate[p, i], 10000)
	}
	return sum
}

# What rep r's pay period q paid in commission after its cap (the cap
# counts q's own clawbacks, so this recurses into earlier periods).
function paid(r, q,    c, cl, tot, p) {
	if ((r, q) in paidm) return paidm[r, q]
	p = plan[r]
	cl = claws_of(r, q)
	c = commission(r, q)
	if (ok != 1) c = 0
	tot = c + cl
	paidm[r, q] = c - ((cap[p] != "" && tot > cents(cap[p])) ? tot - cents(cap[p]) : 0)
	return paidm[r, q]
}
# The clawbacks of rep r in pay period q: each cancel of an earlier win
# within the window takes back amount x paid / revenue of the win's period.
function claws_of(r, q,    i, w, pd, R, sum) {
	if ((r, q) in clm) return clm[r, q]
	sum = 0
	for (i = 1; i <= nc; i++) {
		if (cper[i] != q || crep[i] != r) continue
		if (!(r in plan) || claw[plan[r]] == "" || cgap[i] > claw[plan[r]]) continue
		w = pp(cwon[i])
		pd = paid(r, w)
		R = rev[r, w] + 0
		if (pd > 0 && R > 0) sum -= rdiv(camt[i] * pd, R)
	}
	clm[r, q] = sum
	return sum
}

END {
	for (p in nt) sort_tiers(p)
	for (r in plan) {
		p = plan[r]
		cl = claws_of(r, period)
		c = commission(r, period)
		if (!ok) {
			print r, p, hasq[r, period] ? money(quota[r, period]) : "", money(rev[r, period] + 0),
			    "", "", "", cl ? money(cl) : "", "", ""
			continue
		}
		att = ok == 2 ? "" : pct1(rev[r, period] + 0, quota[r, period])
		tot = c + cl
		wh = (cap[p] != "" && tot > cents(cap[p])) ? tot - cents(cap[p]) : 0
		print r, p, hasq[r, period] ? money(quota[r, period]) : "", money(rev[r, period] + 0),
		    att, top, money(c), money(cl), money(wh), money(tot - wh)
	}
}
