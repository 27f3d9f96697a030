# diagnose-gen.awk: a small organisation for rep-diagnose's tests, written
# into an initialised data directory (teams t1 and t2 must exist).
#
#   awk -v seed=1 -v dir="$SALESMGR_DIR" -f diagnose-gen.awk
#
# Twenty reps with nearly the same skills (of any run of deals very nearly
# the set rate passes each stage; rates have a small per-rep jitter), so that a weakness shows only where one was planted:
#   rep A = r(02 + seed % 8): proposal->negotiation passes 15% of the time
#   rep B = r(12 + seed % 8): one activity per deal instead of five
#   rep h21, hired 2026-09-20: three deals, two lost at proposal
# r01 and r11 are team leads (role lead): each has one peer by role.
# Prints "A B" on stdout.
BEGIN {
	OFS = "\t"
	A = 2 + seed % 8; B = 12 + seed % 8
	split("lead qualified proposal negotiation", stage, " ")
	split("call email meeting demo visit", kind, " ")
	base[1] = 0.70; base[2] = 0.70; base[3] = 0.60; base[4] = 0.60
	today = iso("2026-11-26")
	reps = dir "/reps.tsv"
	print "rep", "name", "email", "team", "role", "manager", "hired", "status", "ended",
	    "region", "plan", "capacity" >reps
	print "period", "rep", "team", "metric", "target" >(dir "/quotas.tsv")
	for (i = 1; i <= 20; i++) {
		id = sprintf("r%02d", i)
		print id, "Rep " i, "", i <= 10 ? "t1" : "t2", (i == 1 || i == 11) ? "lead" : "ae",
		    "", "2025-01-01", "active", "", "", "", "" >reps
		for (m = 1; m <= 11; m++)
			print sprintf("2026-%02d", m), id, "", "revenue", "20000.00" >(dir "/quotas.tsv")
		for (s = 1; s <= 4; s++)
			rate[i, s] = base[s] + ((i * 13 + s * 7 + seed * 5) % 7 - 3) / 100
		if (i == A) rate[i, 3] = 0.15
		nacts = i == B ? 1 : 5
		for (j = 0; (d = iso("2026-01-02") + (i % 3) + 3 * j) <= iso("2026-11-20"); j++)
			deal(id, i, j, d, nacts)
	}
	print "h21", "Handful", "", "t2", "ae", "", "2026-09-20", "active", "", "", "", "" >reps
	for (j = 0; j < 3; j++) {
		n = "D" ++ndeal
		ev("2026-09-2" (1 + j), n, "open", "h21", "lead", 700000, "2026-09-2" (1 + j))
		ev("2026-09-24", n, "stage", "h21", "qualified", 700000, "2026-09-2" (1 + j))
		ev("2026-09-25", n, "stage", "h21", "proposal", 700000, "2026-09-2" (1 + j))
		if (j < 2) {
			ev("2026-09-2" (7 + j), n, "lost", "h21", "lost", 700000, "2026-09-2" (1 + j))
		} else {
			ev("2026-09-28", n, "stage", "h21", "negotiation", 700000, "2026-09-23")
			ev("2026-09-29", n, "won", "h21", "won", 700000, "2026-09-23")
		}
	}
	for (t = 0; t < 20; t++)
		act(date(iso("2026-09-20") + int(t / 2)), "h21", kind[t % 5 + 1], "")
	c = dir "/courses.tsv"
	print "course", "title", "kind", "skill", "hours", "due_days", "valid_days", "pass_score",
	    "required" >c
	print "clo-101", "Closing", "skill", "closing", "4", "30", "", "", "" >c
	print "neg-101", "Negotiation I", "skill", "negotiation", "4", "30", "", "80", "" >c
	print "neg-201", "Negotiation II", "skill", "negotiation", "8", "30", "", "80", "" >c
	print "pro-101", "Prospecting", "skill", "prospecting", "4", "30", "180", "80", "" >c
	print "qua-101", "Qualifying", "skill", "qualification", "4", "30", "", "", "" >c
	t = dir "/training.tsv"
	print "rep", "course", "assigned", "due", "completed", "score" >t
	print sprintf("r%02d", A), "neg-101", "2026-03-01", "2026-04-01", "2026-03-20", "90" >t
	# B's prospecting certificate expired in 2025: B has not passed it now
	print sprintf("r%02d", B), "pro-101", "2025-01-01", "2025-02-01", "2025-01-10", "90" >t
	print "r10", "clo-101", "2026-09-01", "2026-10-01", "", "" >t
	close(reps); close(dir "/quotas.tsv"); close(t)
	sorted(reps); sorted(dir "/quotas.tsv"); sorted(t)
	print "kind", "next" >(dir "/ids.tsv")
	print "deal", ndeal + 1 >(dir "/ids.tsv")
	print A, B
}

# A deal of rep id (number i), the j-th, opened on day d.
function deal(id, i, j, d, nacts,    n, s, amount, opened, end, t) {
	n = "D" ++ndeal
	# every deal the same size and pace: only stage conversion and
	# activity tell the reps apart
	amount = 1000000
	opened = date(d)
	ev(opened, n, "open", id, stage[1], amount, opened)
	end = d
	for (s = 1; s <= 4; s++) {
		d += 6
		if (d > today)
			break
		end = d
		if (!pass(i, s)) {
			ev(date(d), n, "lost", id, "lost", amount, opened)
			break
		}
		ev(date(d), n, s == 4 ? "won" : "stage", id, s == 4 ? "won" : stage[s + 1], amount,
		    opened)
	}
	for (t = 0; t < nacts; t++)
		act(date(iso(opened) + int(t * (end - iso(opened)) / nacts)), id,
		    kind[(j + t) % 5 + 1], n)
}

# Tables are kept sorted by their key (sales-check).
function sorted(f) {
	system("(head -n 1 '" f "' && tail -n +2 '" f "' | LC_ALL=C sort) >'" f ".s' && mv '" f ".s' '" f "'")
}

# The c-th deal of rep i to reach stage s passes it when floor(c x rate)
# steps up, so that of any run of deals very nearly the rate pass.
function pass(i, s,    c, o) {
	c = reached[i, s]++
	o = frac(i * 0.37 + s * 0.11 + seed * 0.07)
	return int((c + 1) * rate[i, s] + o) > int(c * rate[i, s] + o)
}

function frac(x) { return x - int(x) }

function ev(dt, n, e, rep, st, amount, opened,    f) {
	f = dir "/deals/" substr(dt, 1, 7) ".tsv"
	if (!(f in seen)) {
		seen[f] = 1
		print "date", "deal", "event", "rep", "account", "product", "amount", "stage",
		    "expected", "ref", "reason", "note", "opened" >f
	}
	print dt, n, e, rep, "acme", "", sprintf("%d.%02d", amount / 100, amount % 100), st, "",
	    "", e == "lost" ? "price" : "", "", opened >f
}

function act(dt, rep, k, n,    f) {
	f = dir "/activities/" substr(dt, 1, 7) ".tsv"
	if (!(f in seen)) {
		seen[f] = 1
		print "date", "rep", "kind", "account", "deal", "minutes", "ref", "note" >f
	}
	print dt, rep, k, "acme", n, "30", "", "" >f
}


# The date of a day number (inverse of iso()).
function date(z,    era, doe, yoe, y, doy, mp, d, m) {
	z += 719468
	era = int(z / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp + (mp < 10 ? 3 : -9)
	return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}
