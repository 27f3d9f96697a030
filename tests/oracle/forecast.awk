# forecast.awk: an independent computation of deal-forecast's and
# plan-report's rows over the files of a data directory.
#
#   awk -v from=2026-10-01 -v to=2026-12-31 -v asof=2026-11-26 -v by=team \
#       -v pname=2026-Q4 [-v mode=plan] -f days.awk -f money.awk -f forecast.awk \
#       stages.tsv reps.tsv teams.tsv accounts.tsv quotas.tsv plans.tsv deals/*.tsv
#
# The deal events dated up to asof are replayed in file order (month files
# oldest first); the last one of a deal is its state.  Won = won events
# dated from `from` to min(to, asof), less the cancels in those days of
# the wins among them (a cancel of an earlier win is not taken off), in
# the group of their own row; open deals whose expected date is in the period count by
# their stage's category when it is asof or later, as slipped before it.
# Targets: the rows wholly inside the period summed (the test data has no
# nested rows); each other day of the period takes its share from the
# shortest row over it: target x days / days of the row, rounded half away
# from zero to the cent (quota and plan periods YYYY, YYYY-Qn, YYYY-MM
# only).  Prints deal-forecast's columns (or with
# mode=plan, plan-report's) without the header, unsorted.  Money is kept
# in integer cents, which awk's doubles hold exactly here.
BEGIN { FS = OFS = "\t"; today = asof }

function rdiv(num, den) {
	if (num >= 0) return int((2 * num + den) / (2 * den))
	return -int((-2 * num + den) / (2 * den))
}
function last_day(y, m,    n) {
	n = 31
	if (m == 4 || m == 6 || m == 9 || m == 11) n = 30
	if (m == 2) n = (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
	return sprintf("%04d-%02d-%02d", y, m, n)
}
# Sets PF, PT to a period's first and last day; 0 if not one of ours.
function prange(s,    y, q) {
	y = substr(s, 1, 4) + 0
	if (s ~ /^[0-9][0-9][0-9][0-9]$/) { PF = y "-01-01"; PT = y "-12-31"; return 1 }
	if (s ~ /^[0-9][0-9][0-9][0-9]-Q[1-4]$/) {
		q = substr(s, 7, 1) + 0
		PF = sprintf("%04d-%02d-01", y, q * 3 - 2); PT = last_day(y, q * 3); return 1
	}
	if (s ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]$/) {
		PF = s "-01"; PT = last_day(y, substr(s, 6, 2) + 0); return 1
	}
	return 0
}
# Target rows: kind ("rep", "team", "plan") and key, with their periods.
function add_target(kind, key, period, amount) {
	if (!prange(period)) return
	n = ++nt[kind, key]
	tf[kind, key, n] = PF; tt[kind, key, n] = PT; tv[kind, key, n] = amount; tp[kind, key, n] = period
}
# The target of kind/key for the period: sets TV, TU; 0 if none.
function target(kind, key,    i, j, n, cnt, sum, used, np, ord, t, d, lo, hi, got, part, last, lastd) {
	n = nt[kind, key] + 0; cnt = 0; sum = 0; np = 0; part = 0
	split("", cover)
	for (i = 1; i <= n; i++) {
		if (tt[kind, key, i] < from || tf[kind, key, i] > to) continue
		if (tf[kind, key, i] >= from && tt[kind, key, i] <= to) {
			cnt++; sum += tv[kind, key, i]; used = tp[kind, key, i]
			for (d = iso(tf[kind, key, i]); d <= iso(tt[kind, key, i]); d++) cover[d] = 1
		} else {
			# rows reaching outside the period, shortest first (stable)
			ord[++np] = i
			for (j = np; j > 1 && rlen(kind, key, ord[j - 1]) > rlen(kind, key, ord[j]); j--) {
				t = ord[j]; ord[j] = ord[j - 1]; ord[j - 1] = t
			}
		}
	}
	# each day of the period no row inside covers: the shortest row over it
	for (j = 1; j <= np; j++) {
		i = ord[j]
		lo = tf[kind, key, i] > from ? tf[kind, key, i] : from
		hi = tt[kind, key, i] < to ? tt[kind, key, i] : to
		got = 0
		for (d = iso(lo); d <= iso(hi); d++) if (!(d in cover)) { cover[d] = 1; got++ }
		if (!got) continue
		sum += rdiv(tv[kind, key, i] * got, rlen(kind, key, i)); part++; last = i; lastd = got
	}
	if (!cnt && !part) return 0
	TV = sum
	if (cnt == 1 && !part) TU = used
	else if (!cnt && part == 1) TU = tp[kind, key, last] " " lastd "/" rlen(kind, key, last) " days"
	else if (part) TU = (cnt + part) " rows in " pname ", " part " prorated"
	else TU = cnt " rows in " pname
	return 1
}
function rlen(kind, key, i) { return iso(tt[kind, key, i]) - iso(tf[kind, key, i]) + 1 }
function group(rep, account, product,    k) {
	if (by == "rep") k = rep
	else if (by == "product") k = product
	else if (by == "team") k = (rep in rep_team) ? rep_team[rep] : ""
	else k = (account in acct_key) ? acct_key[account] : ""
	return k == "" ? "unknown" : k
}

FNR == 1 { file = FILENAME; next }
file ~ /stages\.tsv$/ { prob[$1] = $3; cat[$1] = $4; open_stage[$1] = ($5 == "open"); next }
file ~ /reps\.tsv$/ {
	rep_team[$1] = $4
	if (by == "rep" && $8 == "active") listed[$1] = 1
	next
}
file ~ /teams\.tsv$/ { if (by == "team") listed[$1] = 1; next }
file ~ /accounts\.tsv$/ { acct_key[$1] = by == "segment" ? $3 : $4; next }
file ~ /quotas\.tsv$/ {
	if ($4 == "revenue") add_target($2 != "" ? "rep" : "team", $2 != "" ? $2 : $3, $1, cents($5))
	next
}
file ~ /plans\.tsv$/ {
	if ($2 == by && $4 == "revenue") { add_target("plan", $3, $1, cents($5)); planned[$3] = 1 }
	next
}
file ~ /deals\// {
	if ($1 > asof) next
	g = group($4, $5, $6)
	st_g[$2] = g; st_amount[$2] = cents($7); st_stage[$2] = $8; st_exp[$2] = $9
	st_open[$2] = $3 != "won" && $3 != "lost" && $3 != "cancel" && open_stage[$8]
	if ($3 == "won") wdate[$2] = $1
	if ($3 == "won" && $1 >= from && $1 <= to) { won[g] += cents($7); nwon[g]++; seen[g] = 1 }
	if ($3 == "cancel" && $1 >= from && $1 <= to) {
		seen[g] = 1
		if (wdate[$2] >= from) { won[g] -= cents($7); nwon[g]-- }
	}
	next
}
# An element that may not exist is passed to a function as a number
# (won[g] + 0): gawk 5.2.1 (Debian 12) corrupts its memory when a function
# is given an element that does not exist yet.
END {
	for (d in st_g) {
		if (!st_open[d] || st_exp[d] == "" || st_exp[d] < from || st_exp[d] > to) continue
		g = st_g[d]
		if (st_exp[d] < asof) { slip[g] += st_amount[d]; nslip[g]++; seen[g] = 1; continue }
		c = cat[st_stage[d]]
		if (c != "commit" && c != "best" && c != "pipeline") continue
		amt[g, c] += st_amount[d]; w100[g, c] += st_amount[d] * prob[st_stage[d]]; seen[g] = 1
	}
	ndays = iso(to) - iso(from) + 1
	el = iso(asof) - iso(from) + 1
	if (el < 0) el = 0
	if (el > ndays) el = ndays
	# a run rate once a quarter of a period in progress has passed, on 3
	# won deals or more; a period over has won as its run rate
	early = el < ndays && el * 4 < ndays
	left = asof >= to ? 0 : (asof < from ? ndays : iso(to) - iso(asof))
	for (k in seen) show[k] = 1
	if (mode != "plan") for (k in listed) show[k] = 1
	for (k in planned) show[k] = 1
	for (g in show) {
		has = 0; tfrom = ""
		if (mode == "plan") { has = target("plan", g); tfrom = "plan" }
		else if (by == "rep") { has = target("rep", g); tfrom = "quota" }
		else if (by == "team") {
			has = target("team", g); tfrom = "quota"
			if (!has) {
				sum = 0; any = 0
				for (r in rep_team) if (rep_team[r] == g && target("rep", r)) { sum += TV; any = 1 }
				if (any) { has = 1; TV = sum; TU = "sum of reps"; tfrom = "reps" }
			}
			if (!has) { has = target("plan", g); tfrom = "plan" }
		} else { has = target("plan", g); tfrom = "plan" }
		# a key only planned, or listed, shows when it has a target
		if (!has && !(g in seen) && !(mode != "plan" && g in listed)) continue
		cw = rdiv(w100[g, "commit"] + 0, 100); bw = rdiv(w100[g, "best"] + 0, 100)
		pw = rdiv(w100[g, "pipeline"] + 0, 100)
		fc = won[g] + cw + bw + pw
		if (mode == "plan") {
			print g, has ? money(TV) : "", has ? TU : "", money(won[g] + 0), money(fc),
			    has ? money(TV - fc) : "", left,
			    (has && left > 0) ? money(rdiv(TV > won[g] ? TV - won[g] : 0, left)) : ""
			continue
		}
		print g, money(won[g] + 0), money(amt[g, "commit"] + 0), money(cw), money(amt[g, "best"] + 0),
		    money(bw), money(amt[g, "pipeline"] + 0), money(pw), money(fc),
		    (el > 0 && !early && (el == ndays || nwon[g] >= 3)) ? money(rdiv(won[g] * ndays, el)) : "",
		    has ? money(TV) : "", has ? TU : "", has ? tfrom : "", has ? money(TV - fc) : "",
		    nslip[g] + 0, money(slip[g] + 0), nwon[g] + 0
	}
}
