# age.awk: an independent computation of deal-age over the files of a data
# directory, one deal at a time in ledger order (a deal's events never go
# back in time, so file order is date order for each deal).
#
#   awk -v today=2026-11-26 -v mode=deals [-v idle=N] [-v pushed=N] \
#       [-v limits=proposal=14,lead=30] \
#       -f days.awk -f age.awk stages.tsv deals/*.tsv activities/*.tsv
#
# Modes:
#   deals   deal-age's rows (unsorted): deal rep account product amount
#           stage expected opened stage_since stage_days pushes last_event
#           last_activity idle_days why; with a limit, only the deals over one
#   stays   one line per stay at an open stage that ended: stage days
#   open    one line per open deal: stage stage_days
#
# From deal-age(1): a stay begins when a deal opens, moves to another stage
# or is reopened, and ends when it moves on or closes; a push is an event
# that moves a set expected date later; idle days count from the later of
# the deal's last event and its last activity (dated from the day the deal
# opened up to today).
BEGIN { FS = OFS = "\t"; nlim = split(limits, lv, ",")
	for (i = 1; i <= nlim; i++) { split(lv[i], kv, "="); lim[kv[1]] = kv[2] } }
FNR == 1 {
	kind = FILENAME ~ /stages\.tsv$/ ? "stages" : FILENAME ~ /deals\// ? "deals" : "acts"
	split("", c)
	for (i = 1; i <= NF; i++) c[$i] = i
	next
}
function f(name) { return $(c[name]) }
kind == "stages" { sstate[f("stage")] = f("state"); sorder[f("stage")] = f("order"); next }
kind == "deals" {
	d = f("date")
	if (d > today) next
	k = f("deal"); ev = f("event"); stage = f("stage"); ex = f("expected")
	if (ev == "won" || ev == "lost") ns = ev
	else if (ev == "cancel") ns = "cancelled"
	else ns = (stage in sstate) ? sstate[stage] : "open"
	bs = state[k]
	if (bs == "open" && (ns != "open" || stg[k] != stage))
		{ nst++; st_stage[nst] = stg[k]; st_days[nst] = iso(d) - iso(since[k]) }
	if (ns == "open" && (bs != "open" || stg[k] != stage)) since[k] = d
	if (bs != "" && expd[k] != "" && ex != "" && ex > expd[k]) push[k]++
	state[k] = ns; stg[k] = stage; expd[k] = ex; last[k] = d
	rep[k] = f("rep"); acct[k] = f("account"); prod[k] = f("product")
	amt[k] = f("amount"); opened[k] = f("opened")
	next
}
kind == "acts" {
	d = f("date"); k = f("deal")
	if (k != "" && d <= today && d >= opened[k] && d > lastact[k]) lastact[k] = d
	next
}
END {
	if (mode == "stays") {
		for (i = 1; i <= nst; i++) print st_stage[i], st_days[i]
		exit
	}
	t = iso(today)
	for (k in state) {
		if (state[k] != "open") continue
		if (mode == "open") { print stg[k], t - iso(since[k]); continue }
		touch = lastact[k] > last[k] ? lastact[k] : last[k]
		idle_days = t - iso(touch); sd = t - iso(since[k]); why = ""
		if (idle != "" && idle_days >= idle + 0) why = why ",idle"
		if ((stg[k] in lim) && sd >= lim[stg[k]] + 0) why = why ",stage"
		if (pushed != "" && push[k] + 0 >= pushed + 0) why = why ",pushed"
		why = substr(why, 2)
		if ((idle != "" || pushed != "" || nlim) && why == "") continue
		print k, rep[k], acct[k], prod[k], amt[k], stg[k], expd[k], opened[k], since[k], \
		    sd, push[k] + 0, last[k], lastact[k], idle_days, why
	}
}
