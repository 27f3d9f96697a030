# coverage.awk: an independent computation of the coverage,
# required_coverage and velocity columns of perf-report and deal-forecast
# (by rep), from the files alone.  Load money.awk and days.awk first:
#
#   awk -v mode=perf -v from=D -v to=D -v today=D \
#       -f money.awk -f days.awk -f coverage.awk stages.tsv quotas.tsv deals/*.tsv
#   awk -v mode=forecast -v from=D -v to=D -v asof=D \
#       -f money.awk -f days.awk -f coverage.awk stages.tsv quotas.tsv deals/*.tsv
#
# Prints "rep coverage required_coverage velocity" for every rep met, an
# empty field where the figure is not defined.
#
#   coverage           pipeline / (quota - won), not when quota - won <= 0
#   required_coverage  (won deals + lost deals) / won deals
#   velocity           open deals x win rate x average won deal / mean
#                      cycle days = open x won x cycles / ((won deals +
#                      lost deals) x sum of cycle days)
#
# perf: won, won and lost deals and cycles of the events dated from..to
# (cut at today); the pipeline and open deals are all the open deals at
# the cut.  forecast: won in from..asof; won and lost deals and cycles of
# the 365 days up to asof; the pipeline and open deals those at the end of
# asof expected in from..to and not before asof, of a stage of category
# commit, best or pipeline.  quota: the rep's revenue quota rows whose
# period (a month or a quarter) lies inside from..to, summed.
#
# A win counts for the rep of its row, with the days from the deal's
# opened to the win; a cancel of a win dated in the window takes it back
# (and its cycle); a loss counts once per deal, for the rep of its last
# loss in the window, and not when the deal is won or reopened after it.
BEGIN {
	FS = OFS = "\t"; F = iso(from); T = iso(to)
	TODAY = today == "" ? T : iso(today); ASOF = asof == "" ? 0 : iso(asof)
}
FNR == 1 { split("", c); for (i = 1; i <= NF; i++) c[$i] = i; file = FILENAME; next }
function f(n) { return (n in c) ? $(c[n]) : "" }
# num / den rounded half away from zero (num >= 0, den > 0)
function ratio(num, den,    q, r) { q = int(num / den); r = num - q * den; if (2 * r >= den) q++; return q }
function tenths(t) { return sprintf("%d.%d", int(t / 10), t % 10) }
function day(s) { return iso(s) }
# The first and last day of a month (2026-11) or quarter (2026-Q4).
function span(p,    y, m, q) {
	y = substr(p, 1, 4) + 0
	if (p ~ /^[0-9][0-9][0-9][0-9]-Q[1-4]$/) { q = substr(p, 7, 1) + 0; sfrom = days(y, 3 * q - 2, 1); sto = days(3 * q == 12 ? y + 1 : y, 3 * q == 12 ? 1 : 3 * q + 1, 1) - 1; return 1 }
	if (p ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]$/) { m = substr(p, 6, 2) + 0; sfrom = days(y, m, 1); sto = days(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1; return 1 }
	return 0
}
file ~ /stages\.tsv$/ { state[f("stage")] = f("state"); cat[f("stage")] = f("category"); next }
file ~ /quotas\.tsv$/ {
	if (f("rep") != "" && f("metric") == "revenue" && span(f("period")) && sfrom >= F && sto <= T) {
		quota[f("rep")] += cents(f("target")); seen[f("rep")] = 1
	}
	next
}
# one window w (1: won for coverage; 2: the deals closed, for the rest)
function event(w, lo, hi, d, deal, ev, rep, amt, opened) {
	if (d < lo || d > hi) return
	if (ev == "won") {
		won[w, rep] += amt; nwon[w, rep]++; cyc[w, rep] += d - opened; ncyc[w, rep]++
		delete lostby[w, deal]
	} else if (ev == "cancel" && (deal in windate) && windate[deal] >= lo) {
		won[w, winrep[deal]] -= amt; nwon[w, winrep[deal]]--
		cyc[w, winrep[deal]] -= windate[deal] - opened; ncyc[w, winrep[deal]]--
	} else if (ev == "lost") lostby[w, deal] = rep
	else if (ev == "reopen") delete lostby[w, deal]
}
{
	d = day(f("date")); cut = mode == "perf" ? (T < TODAY ? T : TODAY) : ASOF
	if (d > cut) next
	deal = f("deal"); ev = f("event"); rep = f("rep"); amt = cents(f("amount")); seen[rep] = 1
	opened = f("opened") == "" ? d : day(f("opened"))
	if (mode == "perf") { event(1, F, T, d, deal, ev, rep, amt, opened); event(2, F, T, d, deal, ev, rep, amt, opened) }
	else { event(1, F, T, d, deal, ev, rep, amt, opened); event(2, ASOF - 364, ASOF, d, deal, ev, rep, amt, opened) }
	if (ev == "won") { windate[deal] = d; winrep[deal] = rep }
	last_ev[deal] = ev; last_rep[deal] = rep; last_stage[deal] = f("stage"); last_amt[deal] = amt
	last_exp[deal] = f("expected") == "" ? "" : day(f("expected"))
}
END {
	for (k in lostby) { split(k, p, SUBSEP); nlost[p[1], lostby[k]]++ }
	for (deal in last_ev) {
		e = last_ev[deal]
		if (e == "won" || e == "lost" || e == "cancel" || state[last_stage[deal]] != "open") continue
		if (mode == "forecast") {
			x = last_exp[deal]
			if (x == "" || x < F || x > T || x < ASOF) continue
			k = cat[last_stage[deal]]
			if (k != "commit" && k != "best" && k != "pipeline") continue
		}
		pipe[last_rep[deal]] += last_amt[deal]; nopen[last_rep[deal]]++
	}
	for (r in seen) {
		cov = req = vel = ""
		left = quota[r] - won[1, r]
		if ((r in quota) && left > 0) cov = tenths(ratio(pipe[r] * 10, left))
		closed = nwon[2, r] + nlost[2, r]
		if (nwon[2, r] > 0) req = tenths(ratio(closed * 10, nwon[2, r]))
		if (nwon[2, r] > 0 && ncyc[2, r] > 0 && cyc[2, r] > 0) {
			num = nopen[r] * won[2, r] * ncyc[2, r]
			vel = money((num < 0 ? -1 : 1) * ratio(num < 0 ? -num : num, closed * cyc[2, r]))
		}
		print r, cov, req, vel
	}
}
