# acctassign.awk: an independent computation of acct-assign's estimates
# over the files of a data directory.
#
#   awk -v from=2025-10-01 -v to=2026-09-30 [-v segment=S] [-v region=R] \
#       [-v team=T] [-v keep=1] -v defcap=25 -v mode=MODE [-v acct=A] \
#       -f acctassign.awk reps.tsv accounts.tsv deals/*.tsv
#
# Modes:
#   why     the rows of acct-assign --explain A without the note column,
#           unsorted: rep team segment_won segment_lost won lost team_rate
#           rep_rate win_rate weight value
#   pairs   assign-solve's input for the accounts that are free to move:
#           agent task value (value in cents)
#   cap     agent capacity: what each candidate has left for them
#   fixed   the total value (cents) of the accounts kept by --keep-owners
#
# The estimate, from the man page: won and lost events dated from..to;
# company (W+1)/(N+2); team, 50 pseudo-deals at the company's rate; rep,
# 20 at the team's; rep in segment, 10 at the rep's; each rounded half up to
# a whole ppm.  Value = potential x ppm x weight / 10^8, rounded half up;
# weights 1:100 2:80 3:60 4:40 5:20, not set 60.
BEGIN { FS = OFS = "\t"; w[""] = 60; w[1] = 100; w[2] = 80; w[3] = 60; w[4] = 40; w[5] = 20 }
FNR == 1 { file++; for (i = 1; i <= NF; i++) c[file, $i] = i; next }
function f(name) { return $(c[file, name]) }
function cents(s,    p, frac) {
	if (s == "") return 0
	p = index(s, ".")
	if (p == 0) return s * 100
	frac = substr(substr(s, p + 1) "00", 1, 2)
	return substr(s, 1, p - 1) * 100 + frac
}
function shrink(won, lost, prior, k,    num, den) {
	num = won * 1000000 + k * prior; den = won + lost + k
	return int((2 * num + den) / (2 * den))
}
function pct(ppm) { return sprintf("%d.%04d", int(ppm / 10000), ppm % 10000) }
function money(cts) { return sprintf("%d.%02d", int(cts / 100), cts % 100) }
file == 1 {
	rteam[f("rep")] = f("team"); status[f("rep")] = f("status")
	if (f("status") == "active" && (team == "" || f("team") == team)) {
		cand[f("rep")] = 1; ncand++
		cap[f("rep")] = f("capacity") == "" ? defcap : f("capacity")
	}
	next
}
file == 2 {
	a = f("account"); seg[a] = f("segment"); own[a] = f("owner")
	pot[a] = cents(f("potential")); wt[a] = w[f("priority")]
	o = own[a]
	if ((segment != "" && seg[a] != segment) || (region != "" && f("region") != region) ||
	    (o != "" && status[o] == "active" && !(o in cand))) {
		if (o in cand) cap[o]--
		next
	}
	sel[a] = 1
	if (keep && (o in cand)) { fixed[a] = 1; cap[o]-- }
	next
}
$(c[file, "event"]) == "won" || $(c[file, "event"]) == "lost" {
	d = f("date")
	if (d < from || d > to) next
	k = f("event") == "won" ? 1 : 2
	r = f("rep"); a = f("account")
	org[k]++
	if (r in rteam && rteam[r] != "") tm[rteam[r], k]++
	if (!(r in cand)) next
	rp[r, k]++
	if ((a in seg) && seg[a] != "") rs[r, seg[a], k]++
}
function ppm_of(r, a,    p) {
	if (!(a in seg) || seg[a] == "") return rate[r]
	return shrink(rs[r, seg[a], 1] + 0, rs[r, seg[a], 2] + 0, rate[r], 10)
}
function value(r, a) { return int((2 * pot[a] * ppm_of(r, a) * wt[a] + 100000000) / 200000000) }
END {
	orgp = shrink(org[1] + 0, org[2] + 0, 500000, 2)
	for (r in cand) {
		tr[r] = rteam[r] == "" ? orgp : shrink(tm[rteam[r], 1] + 0, tm[rteam[r], 2] + 0, orgp, 50)
		rate[r] = shrink(rp[r, 1] + 0, rp[r, 2] + 0, tr[r], 20)
	}
	if (mode == "why")
		for (r in cand)
			print r, rteam[r], rs[r, seg[acct], 1] + 0, rs[r, seg[acct], 2] + 0,
			    rp[r, 1] + 0, rp[r, 2] + 0, pct(tr[r]), pct(rate[r]),
			    pct(ppm_of(r, acct)), wt[acct], money(value(r, acct))
	if (mode == "pairs") {
		print "agent", "task", "value"
		for (a in sel) if (!(a in fixed)) for (r in cand) print r, a, value(r, a)
	}
	if (mode == "cap") {
		print "agent", "capacity"
		for (r in cand) print r, cap[r] < 0 ? 0 : cap[r]
	}
	if (mode == "fixed") {
		t = 0
		for (a in fixed) t += value(own[a], a)
		print t
	}
}
