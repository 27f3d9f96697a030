# acctassign.awk: an independent computation of acct-assign's estimates
# over the files of a data directory.
#
#   awk -v from=2025-10-01 -v to=2026-09-30 [-v segment=S] [-v region=R] \
#       [-v team=T] [-v keep=1] [-v managers=1] [-v prior=PCT] [-v fit=PCT] \
#       -v defcap=25 -v mode=MODE [-v acct=A] \
#       -f money.awk -f acctassign.awk config.tsv teams.tsv reps.tsv accounts.tsv deals/*.tsv
#
# Modes:
#   why     the rows of acct-assign --explain A without the note column,
#           unsorted: rep team segment_won segment_lost region_won
#           region_lost won lost team_rate rep_rate segment_rate win_rate
#           weight value fit
#   pairs   assign-solve's input for the accounts that are free to move:
#           agent task value (value + fit, in cents)
#   cap     agent capacity: what each candidate has left for them
#   fixed   the total value + fit (cents) of the accounts kept by
#           --keep-owners
#   held    agent held: the accounts each candidate holds outside the
#           selection or keeps, and the selection's size
#   class   task class: the segment of each free account ("-": none), and
#           class count kept-by-rep...: the selection's accounts of each
#           segment (kept ones included) and the kept ones by rep
#
# The estimate, from the man page: won and lost events dated from..to;
# company (W + 2 x prior) / (N + 2); team, 50 pseudo-deals at the
# company's rate; rep, 20 at the team's; rep in segment, 10 at the rep's;
# rep in segment and region, 10 at that; each rounded half up to a whole
# ppm.  Value = potential x ppm x weight / 10^8, rounded half up; weights
# 1:100 2:80 3:60 4:40 5:20, not set 60.  Fit = value x fit% for each of
# the rep's region and segment (a segment column of reps.tsv) that is the
# account's, rounded half up.  Candidates: active reps (of the team) who
# are no managers (a role of manager_roles, a team's manager, an active
# rep's manager), unless managers=1.
BEGIN {
	FS = OFS = "\t"; w[""] = 60; w[1] = 100; w[2] = 80; w[3] = 60; w[4] = 40; w[5] = 20
	if (prior == "") prior = 50
	roles = "director,lead,manager,vp"
}
FNR == 1 { file++; for (i = 1; i <= NF; i++) c[file, $i] = i; if (file == 4) candidates(); next }
function f(name) { return (file, name) in c ? $(c[file, name]) : "" }
function shrink(won, lost, prior, k,    num, den) {
	num = won * 1000000 + k * prior; den = won + lost + k
	return int((2 * num + den) / (2 * den))
}
function pct(ppm) { return sprintf("%d.%04d", int(ppm / 10000), ppm % 10000) }
function candidates(    i, j, n, r, mgr, rl) {
	n = split(roles, rl, ",")
	for (i = 1; i <= nrep; i++) {
		r = row[i]; mgr = (r in boss)
		for (j = 1; j <= n; j++) if (rrole[r] == rl[j]) mgr = 1
		if (status[r] == "active" && (team == "" || rteam[r] == team) && (managers || !mgr)) {
			cand[r] = 1
			cap[r] = rcap[r] == "" ? defcap : rcap[r]
			held[r] = 0
		}
	}
}
file == 1 { if (f("key") == "manager_roles") roles = f("value"); next }
file == 2 { if (f("manager") != "") boss[f("manager")] = 1; next }
file == 3 {
	r = f("rep"); nrep++; row[nrep] = r
	rteam[r] = f("team"); status[r] = f("status"); rrole[r] = f("role")
	rregion[r] = f("region"); rseg[r] = f("segment"); rcap[r] = f("capacity")
	if (f("status") == "active" && f("manager") != "") boss[f("manager")] = 1
	next
}
file == 4 {
	a = f("account"); seg[a] = f("segment"); reg[a] = f("region"); own[a] = f("owner")
	pot[a] = cents(f("potential")); wt[a] = w[f("priority")]
	o = own[a]
	if ((segment != "" && seg[a] != segment) || (region != "" && f("region") != region) ||
	    (o != "" && status[o] == "active" && !(o in cand))) {
		if (o in cand) { cap[o]--; held[o]++ }
		next
	}
	sel[a] = 1; nsel++
	cls = seg[a] == "" ? "-" : seg[a]
	clsn[cls]++
	if (keep && (o in cand)) { fixed[a] = 1; cap[o]--; held[o]++; kept[o, cls]++ }
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
	if ((a in seg) && reg[a] != "") rc[r, seg[a], reg[a], k]++
}
function segppm(r, a) {
	if (!(a in seg) || seg[a] == "") return rate[r]
	return shrink(rs[r, seg[a], 1] + 0, rs[r, seg[a], 2] + 0, rate[r], 10)
}
function ppm_of(r, a,    s) {
	s = segppm(r, a)
	if (!(a in seg) || reg[a] == "") return s
	return shrink(rc[r, seg[a], reg[a], 1] + 0, rc[r, seg[a], reg[a], 2] + 0, s, 10)
}
function value(r, a) { return int((2 * pot[a] * ppm_of(r, a) * wt[a] + 100000000) / 200000000) }
function fitof(r, a,    m) {
	m = (rregion[r] != "" && rregion[r] == reg[a]) + (rseg[r] != "" && rseg[r] == seg[a])
	return int((2 * value(r, a) * fit * m + 100) / 200)
}
function worth(r, a) { return value(r, a) + fitof(r, a) }
END {
	orgp = shrink(org[1] + 0, org[2] + 0, prior * 10000, 2)
	for (r in cand) {
		tr[r] = rteam[r] == "" ? orgp : shrink(tm[rteam[r], 1] + 0, tm[rteam[r], 2] + 0, orgp, 50)
		rate[r] = shrink(rp[r, 1] + 0, rp[r, 2] + 0, tr[r], 20)
	}
	if (mode == "why")
		for (r in cand)
			print r, rteam[r], rs[r, seg[acct], 1] + 0, rs[r, seg[acct], 2] + 0,
			    rc[r, seg[acct], reg[acct], 1] + 0, rc[r, seg[acct], reg[acct], 2] + 0,
			    rp[r, 1] + 0, rp[r, 2] + 0, pct(tr[r]), pct(rate[r]), pct(segppm(r, acct)),
			    pct(ppm_of(r, acct)), wt[acct], money(value(r, acct)), money(fitof(r, acct))
	if (mode == "pairs") {
		print "agent", "task", "value"
		for (a in sel) if (!(a in fixed)) for (r in cand) print r, a, worth(r, a)
	}
	if (mode == "cap") {
		print "agent", "capacity"
		for (r in cand) print r, cap[r] < 0 ? 0 : cap[r]
	}
	if (mode == "fixed") {
		t = 0
		for (a in fixed) t += worth(own[a], a)
		print t
	}
	if (mode == "held") {
		print "agent", "held", "selection"
		for (r in cand) print r, held[r], nsel
	}
	if (mode == "class") {
		print "task", "class"
		for (a in sel) if (!(a in fixed)) print a, seg[a] == "" ? "-" : seg[a]
		for (cl in clsn) {
			line = "class" OFS cl OFS clsn[cl]
			for (r in cand) if ((r, cl) in kept) line = line OFS r ":" kept[r, cl]
			print line
		}
	}
}
