# org.awk: an independent computation, from the files alone, of what the
# reports say when the organisation changes over time: who was on which
# team, under which manager, and who owned which deal, on each day.
#
#   awk -v mode=perf -v by=rep|team|manager -v from=D -v to=D -f money.awk -f org.awk \
#       stages.tsv reps.tsv teams.tsv org.tsv deals/*.tsv [activities/*.tsv]
#   awk -v mode=forecast -v from=D -v to=D -v asof=D -f money.awk -f org.awk (the same files)
#
# org.tsv (kind id field from value): the value of a field on day d is the
# row with the greatest from <= d (empty from: before every day); with no
# row, the table's cell on every day (a rep's status: active from hired,
# then the table's status from ended).  A rep reports to their own manager,
# else their team's manager (unless it is the rep), else up the parent
# teams.  A won event counts for the rep of its row on its date; a cancel
# of a win of the same period (dated from or later) takes the win back
# for the rep of its row on the win's date, and a cancel of an earlier
# win counts for nothing here (history.h);
# an open deal, at a cut, for its owner (the rep of its last event) on the
# cut day.
#
# perf prints "KEY won won_deals lost_deals pipeline activities" per rep, team
# ("(no team)" for none) or manager (each up the chain; "(no manager)"),
# for events dated from..to and the pipeline at the end of to (an activity,
# one row of activities/, counts for the rep of its row on its date).  forecast
# prints "TEAM won commit best pipeline slipped" as deal-forecast --by team
# computes them as of the end of asof.  Only rows with something in them;
# money as 1234.50, kept in integer cents.  With -v under=M, only events of
# reps in M's organisation (M's reports, direct or not; not M) on the day
# they count on, as --manager keeps them.
BEGIN { FS = OFS = "\t"; if (mode == "forecast") by = "team" }

function header(    i) { for (i = 1; i <= NF; i++) col[$i] = i }
function f(name) { return (name in col) ? $(col[name]) : "" }

# The value of (kind, id, field) on day d.
function val(kind, id, field, d,    k, n, i, best, v) {
	k = kind SUBSEP id SUBSEP field
	n = nrows[k]
	if (n == 0)
		return view[k]
	best = ""; v = ""
	for (i = 1; i <= n; i++)
		if (rfrom[k, i] <= d && (best == "" || rfrom[k, i] >= best)) {
			best = rfrom[k, i]; v = rval[k, i]
		}
	# an empty from is before every day: "" <= d holds
	return v
}
function manager_of(rep, d,    m, t, hops) {
	m = val("rep", rep, "manager", d)
	if (m != "" && m != rep) return m
	t = val("rep", rep, "team", d)
	for (hops = 0; t != "" && hops < 100; hops++) {
		m = val("team", t, "manager", d)
		if (m != "" && m != rep) return m
		t = val("team", t, "parent", d)
	}
	return ""
}
# The keys an event of rep on d counts for, in keys[1..n].
function keys_of(rep, d,    n, m, t, hops) {
	if (by == "rep") { keys[1] = rep; return 1 }
	if (by == "team") {
		t = val("rep", rep, "team", d)
		keys[1] = t == "" ? "(no team)" : t
		return 1
	}
	m = manager_of(rep, d)
	if (m == "") { keys[1] = "(no manager)"; return 1 }
	for (n = 0; m != "" && n < 100; m = manager_of(m, d))
		keys[++n] = m
	return n
}
function is_under(m, rep, d,    x, hops) {
	for (x = manager_of(rep, d); x != "" && hops < 100; x = manager_of(x, d))
		if (x == m) return 1
		else hops++
	return 0
}
function add(rep, d, what, amount,    n, i) {
	if (under != "" && !is_under(under, rep, d)) return
	n = keys_of(rep, d)
	for (i = 1; i <= n; i++) {
		sum[keys[i], what] += amount
		seen[keys[i]] = 1
	}
}

FNR == 1 { file = FILENAME; header(); next }
file ~ /stages\.tsv$/ { state[f("stage")] = f("state"); category[f("stage")] = f("category"); next }
file ~ /reps\.tsv$/ {
	r = f("rep")
	view["rep" SUBSEP r SUBSEP "team"] = f("team")
	view["rep" SUBSEP r SUBSEP "manager"] = f("manager")
	next
}
file ~ /teams\.tsv$/ {
	t = f("team")
	view["team" SUBSEP t SUBSEP "manager"] = f("manager")
	view["team" SUBSEP t SUBSEP "parent"] = f("parent")
	next
}
file ~ /org\.tsv$/ {
	k = f("kind") SUBSEP f("id") SUBSEP f("field")
	n = ++nrows[k]
	rfrom[k, n] = f("from"); rval[k, n] = f("value")
	next
}
file ~ /activities\/[^\/]*\.tsv$/ {
	d = f("date")
	if (d >= from && d <= to) add(f("rep"), d, "acts", 1)
	next
}
{
	# a deal event: the ledger is read oldest month first
	d = f("date"); deal = f("deal"); ev = f("event")
	cut = mode == "forecast" ? asof : to
	if (d > cut) next
	last_rep[deal] = f("rep"); last_ev[deal] = ev; last_stage[deal] = f("stage")
	last_amount[deal] = cents(f("amount")); last_expected[deal] = f("expected")
	if (ev == "won") won_on[deal] = d
	if (d < from || d > to) next
	if (ev == "won") { add(f("rep"), d, "won", cents(f("amount"))); add(f("rep"), d, "nwon", 1) }
	else if (ev == "cancel" && won_on[deal] >= from) {
		add(f("rep"), won_on[deal], "won", -cents(f("amount")))
		add(f("rep"), won_on[deal], "nwon", -1)
	}
	else if (ev == "lost" && mode == "perf") add(f("rep"), d, "nlost", 1)
}

END {
	cut = mode == "forecast" ? asof : to
	if (mode == "forecast") by = "team"
	for (deal in last_ev) {
		ev = last_ev[deal]
		if (ev == "won" || ev == "lost" || ev == "cancel" || state[last_stage[deal]] != "open")
			continue
		if (mode == "perf") {
			add(last_rep[deal], cut, "pipe", last_amount[deal])
			continue
		}
		e = last_expected[deal]
		if (e == "" || e < from || e > to) continue
		if (e < asof) { add(last_rep[deal], cut, "slipped", last_amount[deal]); continue }
		c = category[last_stage[deal]]
		if (c == "commit" || c == "best" || c == "pipeline")
			add(last_rep[deal], cut, c, last_amount[deal])
	}
	for (k in seen) {
		if (mode == "perf")
			print k, money(sum[k, "won"]), sum[k, "nwon"] + 0, sum[k, "nlost"] + 0,
			    money(sum[k, "pipe"]), sum[k, "acts"] + 0
		else
			print k, money(sum[k, "won"]), money(sum[k, "commit"]), money(sum[k, "best"]),
			    money(sum[k, "pipeline"]), money(sum[k, "slipped"])
	}
}
