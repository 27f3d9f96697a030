# credit.awk: an independent computation of split credit (deal-split(1))
# per rep and per team over a period: the deals' splits followed event by
# event (a split event sets one, an assign clears it), each win credited
# to the split it had when won (the owner alone without one), the shares
# without a plus divided to the cent by the largest remainder (ties to the
# share written first), an overlay's part rounded half up on its own; a
# cancel of a win of the period takes the win back, one of an earlier win
# is the period's cancelled.  Teams count the shares without a plus only.
#
#   awk -v mode=rows -f money.awk -f credit.awk deals/*.tsv |
#       sort -t "$tab" -k1,1 -k2,2n |
#   awk -v mode=credit -v from=2026-10-01 -v to=2026-10-31 -f money.awk \
#       -f credit.awk reps.tsv teams.tsv -
#
# mode=rows prints each ledger row as date, a sequence number, deal,
# event, rep, amount (cents) and split, for a stable sort by date.
# mode=credit prints "rep REP WON CANCELLED" for every rep of reps.tsv and
# "team TEAM WON CANCELLED" for every team of teams.tsv, money as 12.50,
# and a line "bad ..." for a won row whose split column is not the split
# followed here.
BEGIN { FS = OFS = "\t" }
mode == "rows" && FNR == 1 { delete col; for (i = 1; i <= NF; i++) col[$i] = i; next }
mode == "rows" {
	print $col["date"], ++seq, $col["deal"], $col["event"], $col["rep"],
	    cents($col["amount"]), ("split" in col) ? $col["split"] : ""
	next
}
# credit mode: reps.tsv, teams.tsv, then the sorted rows
FILENAME != "-" && FNR == 1 { delete c; for (i = 1; i <= NF; i++) c[$i] = i; file++; next }
FILENAME != "-" && file == 1 { team[$c["rep"]] = $c["team"]; nrep++; rep[nrep] = $c["rep"]; next }
FILENAME != "-" && file == 2 { nteam++; teams[nteam] = $c["team"]; next }
# Shares of amount a by split s into n, who[], part[], over[].
function shares(s, owner, a,    m, i, k, it, p, w, sum, given, best, j) {
	if (s == "") { n = 1; who[1] = owner; part[1] = a; over[1] = 0; return }
	m = split(s, it, ",")
	n = 0; sum = 0
	for (i = 1; i <= m; i++) {
		n++
		over[n] = substr(it[i], 1, 1) == "+"
		p = index(it[i], ":")
		who[n] = substr(it[i], over[n] ? 2 : 1, p - 1 - over[n])
		w[n] = cents(substr(it[i], p + 1))	# hundredths of a percent
		if (!over[n]) sum += w[n]
	}
	given = 0
	for (i = 1; i <= n; i++) {
		if (over[i]) { part[i] = int((a * w[i] + 5000) / 10000); continue }
		part[i] = int(a * w[i] / sum); rem[i] = a * w[i] - part[i] * sum
		given += part[i]; done[i] = 0
	}
	for (k = given; k < a; k++) {
		best = 0
		for (j = 1; j <= n; j++)
			if (!over[j] && !done[j] && (best == 0 || rem[j] > rem[best])) best = j
		part[best]++; done[best] = 1
	}
}
function credit(kind, sign,    i) {
	for (i = 1; i <= n; i++) {
		if (kind == "won") rwon[who[i]] += sign * part[i]
		else rcan[who[i]] += part[i]
		if (over[i]) continue
		if (kind == "won") twon[team[who[i]]] += sign * part[i]
		else tcan[team[who[i]]] += part[i]
	}
}
{
	d = $3; ev = $4
	if (ev == "split") sp[d] = $7
	if (ev == "assign") sp[d] = ""
	if (ev == "won") {
		if ($7 != sp[d]) print "bad", d, "won with split '" $7 "', want '" sp[d] "'"
		wonsp[d] = sp[d]; wonrep[d] = $5; wonday[d] = $1
	}
	if ($1 < from || $1 > to) next
	if (ev == "won") { shares(sp[d], $5, $6); credit("won", 1) }
	if (ev == "cancel") {
		shares(wonsp[d], wonrep[d], $6)
		if (wonday[d] >= from) credit("won", -1); else credit("cancel")
	}
}
END {
	if (mode != "credit") exit
	for (i = 1; i <= nrep; i++) print "rep", rep[i], money(rwon[rep[i]]), money(rcan[rep[i]])
	for (i = 1; i <= nteam; i++) print "team", teams[i], money(twon[teams[i]]), money(tcan[teams[i]])
}
