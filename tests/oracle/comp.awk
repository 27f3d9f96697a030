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
#
# Tier tables by product and type (comp-plan(1)): comp-tiers.tsv's
# product and type columns, when it has them, file each tier under a
# table; a win is paid by the table of its product and type, else of its
# product, else of its type, else the general one (a deal with no type is
# new).  The wins of a rep's period, in booking order (date, then the
# order of the ledger), lie one after the other on one line of revenue
# from 0; the part of a win between two tier starts of its table is paid
# at that tier's rate, one rounded line per table and tier (flat: each
# table's highest tier reached pays all of that table's revenue).  The
# tier column is the highest tier start reached of the general table and
# the tables that paid a win.  Columns of comp-tiers.tsv and the deal
# ledger are found by their header names.
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

FNR == 1 {
	file = FILENAME
	delete col
	for (i = 1; i <= NF; i++) col[$i] = i
	next
}
# Field name of the current row; "" if the file has no such column.
function f(name) { return (name in col) ? $(col[name]) : "" }
file ~ /reps\.tsv$/ { if ($11 != "") plan[$1] = $11; next }
file ~ /comp-plans\.tsv$/ {
	mode[$1] = $3; thr[$1] = $4 == "" ? 0 : $4; cap[$1] = $5; claw[$1] = $6
	next
}
file ~ /comp-tiers\.tsv$/ {
	p = f("plan"); tk = f("product") SUBSEP f("type")
	if (!((p, tk) in tabof)) { tabof[p, tk] = ++ntab[p]; tprod[p, ntab[p]] = f("product"); ttype[p, ntab[p]] = f("type") }
	t = tabof[p, tk]
	nt[p, t]++; tfrom[p, t, nt[p, t]] = f("from"); trate[p, t, nt[p, t]] = bp(f("rate"))
	next
}
file ~ /quotas\.tsv$/ {
	if ($4 == "revenue" && $2 != "") { quota[$2, pp($1)] += cents($5); hasq[$2, pp($1)] = 1 }
	next
}
file ~ /deals\// {
	ev = f("event"); d = f("date"); deal = f("deal"); amt = cents(f("amount"))
	if (ev == "won") {
		r = f("rep"); q = pp(d)
		wdate[deal] = d; wamt[deal] = amt; wrep[deal] = r
		rev[r, q] += amt
		# the win, for the tier lines: booking order, weight, table
		k = ++nw[r, q]; seq++
		wd[r, q, k] = d; wsq[r, q, k] = seq; ww[r, q, k] = amt
		wprod[r, q, k] = f("product"); wtype[r, q, k] = f("type") == "" ? "new" : f("type")
		wk[deal] = k
	} else if (ev == "cancel") {
		if (!(deal in wdate)) next
		r = wrep[deal]
		if (pp(wdate[deal]) == pp(d)) { rev[r, pp(d)] -= amt; ww[r, pp(d), wk[deal]] = 0 }
		else { nc++; cper[nc] = pp(d); crep[nc] = r; cwon[nc] = wdate[deal]; camt[nc] = wamt[deal]; cgap[nc] = iso(d) - iso(wdate[deal]) }
		delete wdate[deal]
	}
	next
}

# Sort each table's tiers by from (few: insertion sort).
function sort_tiers(p, t,    i, j, fr, r) {
	for (i = 2; i <= nt[p, t]; i++) {
		fr = tfrom[p, t, i]; r = trate[p, t, i]
		for (j = i - 1; j >= 1 && tfrom[p, t, j] > fr; j--) { tfrom[p, t, j + 1] = tfrom[p, t, j]; trate[p, t, j + 1] = trate[p, t, j] }
		tfrom[p, t, j + 1] = fr; trate[p, t, j + 1] = r
	}
}
# The table of plan p that pays a win of product pr and type ty.
function table_for(p, pr, ty,    t, best, score, top) {
	best = tabof[p, "" SUBSEP ""]; top = -1
	for (t = 1; t <= ntab[p]; t++) {
		if (tprod[p, t] != "" && tprod[p, t] != pr) continue
		if (ttype[p, t] != "" && ttype[p, t] != ty) continue
		score = (tprod[p, t] != "" ? 2 : 0) + (ttype[p, t] != "" ? 1 : 0)
		if (score > top) { top = score; best = t }
	}
	return best
}
# Commission of rep r in pay period q; sets ok (quota > 0) and top (the
# highest tier start reached of the tables that count).
function commission(r, q,    p, Q, R, i, j, k, n, o, t, g, lo, hi, cum, a, b, sum, used, topi, sl, tw) {
	p = plan[r]; ok = 0; top = ""
	# nothing won: nothing to pay a commission on, quota or not
	if (!hasq[r, q] || quota[r, q] <= 0) { ok = rev[r, q] + 0 == 0 ? 2 : 0; return 0 }
	ok = 1; Q = quota[r, q]; R = rev[r, q] + 0
	if (thr[p] > 0 && R * 100 < Q * thr[p]) return 0
	# the wins in booking order
	n = nw[r, q] + 0
	for (i = 1; i <= n; i++) o[i] = i
	for (i = 2; i <= n; i++) {
		k = o[i]
		for (j = i - 1; j >= 1 && (wd[r, q, o[j]] > wd[r, q, k] || (wd[r, q, o[j]] == wd[r, q, k] && wsq[r, q, o[j]] > wsq[r, q, k])); j--)
			o[j + 1] = o[j]
		o[j + 1] = k
	}
	g = tabof[p, "" SUBSEP ""]; used[g] = 1
	for (t = 1; t <= ntab[p]; t++) {
		topi[t] = 0
		for (i = 1; i <= nt[p, t]; i++) {
			b[t, i] = rdiv(Q * tfrom[p, t, i], 100)
			if (R * 100 >= Q * tfrom[p, t, i]) topi[t] = i
		}
	}
	cum = 0
	for (j = 1; j <= n; j++) {
		k = o[j]; t = table_for(p, wprod[r, q, k], wtype[r, q, k]); used[t] = 1
		tw[t] += ww[r, q, k]
		for (i = 1; i <= topi[t]; i++) {
			lo = b[t, i] > cum ? b[t, i] : cum
			hi = cum + ww[r, q, k]
			if (i < nt[p, t] && b[t, i + 1] < hi) hi = b[t, i + 1]
			if (hi > lo) sl[t, i] += hi - lo
		}
		cum += ww[r, q, k]
	}
	sum = 0
	for (t = 1; t <= ntab[p]; t++) {
		if (!(t in used) || !topi[t]) continue
		if (top == "" || tfrom[p, t, topi[t]] + 0 > top + 0) top = tfrom[p, t, topi[t]]
		if (mode[p] == "flat") { sum += rdiv(tw[t] * trate[p, t, topi[t]], 10000); continue }
		for (i = 1; i <= topi[t]; i++) sum += rdiv(sl[t, i] * trate[p, t, i], 10000)
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
	for (p in ntab) for (t = 1; t <= ntab[p]; t++) sort_tiers(p, t)
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
