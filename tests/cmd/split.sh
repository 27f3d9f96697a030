# deal-split: split credit between reps, overlays on top; the split event
# in the ledger, every bad input, a pipe; perf-report, deal-forecast and
# comp-calc crediting each share, teams counting a deal once; and split
# credit on generated data against an independent oracle
# (tests/oracle/credit.awk).
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
cents=$top/tests/oracle/money.awk
oracle=$top/tests/oracle/credit.awk
tab=$(printf '\t')
# The ledger rows of one month (without the header) are exactly TEXT.
expect_month() { rows "deals/$1.tsv" >"$T/rows"; expect_file "$T/rows" "$2" "$3"; }
# col NAME...: those columns of a TSV on stdin, by header name
col() {
	awk -F'\t' -v want="$*" 'BEGIN { OFS = "\t"; n = split(want, w, " ") }
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ s = ""; for (i = 1; i <= n; i++) s = s (i > 1 ? OFS : "") $c[w[i]]; print s }'
}

init
printf 'team\tname\tmanager\tfocus\nnorth\tNorth\t\t\nsouth\tSouth\t\t\n' >"$D/teams.tsv"
setup rep-add anna --name 'Anna Vos' --team north --hired 2026-01-05
setup rep-add bob --name 'Bob Roy' --team south --hired 2026-01-05
setup rep-add cid --name 'Cid Tao' --team south --hired 2026-01-05
setup rep-add sam --name 'Sam Lee' --team north --hired 2026-01-05
setup rep-add dan --name 'Dan Oak' --team north --hired 2026-01-05
setup rep-end dan --date 2026-10-31
for r in anna bob cid sam; do
	setup quota-set 2026-11 "$r" 1000
done
deal-add -q --rep anna --account acme --amount 1000.01 --date 2026-11-02 >/dev/null &&
deal-add -q --rep anna --account beta --amount 100 --date 2026-11-02 >/dev/null &&
deal-add -q --rep bob --account gamma --amount 0.01 --date 2026-11-02 >/dev/null &&
deal-add -q --rep bob --account delta --amount 500 --date 2026-11-02 >/dev/null ||
    not_ok "setup: deal-add failed"

# --- normal use: three shares and an overlay, the worked example of deal-split(1)
run deal-split D1 anna:33.34 bob:33.33 cid:33.33 --overlay sam:10 --date 2026-11-03
expect_status 0 "deal-split: exit 0"
expect_out_empty "deal-split: nothing on stdout"
expect_err_empty "deal-split: quiet when stderr is not a terminal"
expect_month 2026-11 "2026-11-02	D1	open	anna	acme		1000.01	lead					2026-11-02			
2026-11-02	D2	open	anna	beta		100.00	lead					2026-11-02			
2026-11-02	D3	open	bob	gamma		0.01	lead					2026-11-02			
2026-11-02	D4	open	bob	delta		500.00	lead					2026-11-02			
2026-11-03	D1	split	anna	acme		1000.01	lead					2026-11-02			anna:33.34,bob:33.33,cid:33.33,+sam:10" \
    "deal-split: a split event with the shares; the month file gains the split column"
head -n 1 "$D/deals/2026-11.tsv" | tr '\t' ' ' >"$T/hdr"
expect_file "$T/hdr" "date deal event rep account product amount stage expected ref reason note opened currency currency_amount split" \
    "deal-split: the header has the optional columns up to split"
tail -n 1 "$D/audit.tsv" | cut -f3- >"$T/aud"
expect_file "$T/aud" "deal-split	split deal D1 anna:33.34,bob:33.33,cid:33.33,+sam:10" \
    "deal-split: one audit line"
check "sales-check: a split ledger is sound" sales-check -q
run deal-list -o tsv --columns deal,split --no-header
expect_out "D1	anna:33.34,bob:33.33,cid:33.33,+sam:10
D2	
D3	
D4	" "deal-list: the split column"

# A later split replaces the earlier one whole; -n shows it and writes nothing.
snapshot
run deal-split -n D2 anna:50 cid:50 --date 2026-11-04
expect_status 0 "deal-split -n: exit 0"
expect_out "would split deal D2 anna:50,cid:50" "deal-split -n: says what it would do"
expect_unchanged "deal-split -n: nothing written"
setup deal-split D2 anna:50 cid:50 --date 2026-11-04
setup deal-split D2 bob:25 cid:75 --date 2026-11-05
# A reassignment clears the split: the new owner has it whole.
setup deal-split D4 anna:50 bob:50 --date 2026-11-04
setup deal-move D4 --rep cid --date 2026-11-06
rows deals/2026-11.tsv | awk -F'\t' '$2 == "D4" && $3 == "assign" { print $4 "|" $16 }' >"$T/a"
expect_file "$T/a" "cid|" "deal-move --rep: the assign event clears the split"
# 0.01 in three: the cent to the largest remainder.
setup deal-split D3 bob:33.33 cid:33.34 anna:33.33 --date 2026-11-04
setup deal-won D1 --date 2026-11-10
setup deal-won D2 --date 2026-11-10
setup deal-won D3 --date 2026-11-10
setup deal-won D4 --date 2026-11-10
rows deals/2026-11.tsv | awk -F'\t' '$3 == "won" { print $2 "|" $16 }' >"$T/w"
expect_file "$T/w" "D1|anna:33.34,bob:33.33,cid:33.33,+sam:10
D2|bob:25,cid:75
D3|bob:33.33,cid:33.34,anna:33.33
D4|" "deal-won: a win carries the split the deal had"

# --- what each report credits
# D1 1000.01: anna 333.41, bob 333.30, cid 333.30, sam 100.00 (overlay);
# D2 100: bob 25, cid 75; D3 0.01: cid; D4 500: cid.
run perf-report --period 2026-11 -o tsv
expect_status 0 "perf-report: exit 0"
col rep won won_deals <"$T/out" | sort >"$T/p"
# anna's share of D3 is 0.00 (the cent went to cid), yet it is a deal of hers.
expect_file "$T/p" "anna	333.41	2
bob	358.30	3
cid	908.31	4
sam	100.00	1" "perf-report: each rep their share, the cent to the largest remainder, the overlay on top"
run perf-report --period 2026-11 --by team -o tsv
col team won won_deals <"$T/out" | sort >"$T/p"
expect_file "$T/p" "north	333.41	2
south	1266.61	4" "perf-report --by team: each deal once, overlays left out (the company's 1600.02)"
run perf-report --period 2026-11 --by manager -o tsv
col manager won <"$T/out" >"$T/p"
expect_file "$T/p" "(no manager)	1600.02" "perf-report --by manager: the deals once"
run perf-report --period 2026-11 --team north -o tsv
col rep won <"$T/out" | sort >"$T/p"
expect_file "$T/p" "anna	333.41
sam	100.00" "perf-report --team: the team's reps' rows keep their overlays"
run deal-forecast --period 2026-11 --as-of 2026-11-26 -o tsv
col rep won <"$T/out" | sort >"$T/p"
expect_file "$T/p" "anna	333.41
bob	358.30
cid	908.31
sam	100.00" "deal-forecast: each rep their share"
run deal-forecast --period 2026-11 --as-of 2026-11-26 --by team -o tsv
col team won <"$T/out" | sort >"$T/p"
expect_file "$T/p" "north	333.41
south	1266.61" "deal-forecast --by team: each deal once"
setup comp-plan std --tier 0:10
for r in anna bob cid sam; do setup rep-edit "$r" --plan std; done
run comp-calc --period 2026-11 -o tsv
col rep revenue commission <"$T/out" | sort >"$T/p"
expect_file "$T/p" "anna	333.41	33.34
bob	358.30	35.83
cid	908.31	90.83
sam	100.00	10.00" "comp-calc: each rep paid on their share, the overlay rep on theirs"
run comp-calc --period 2026-11 --statement --rep sam -o tsv
col kind deal amount <"$T/out" | grep won >"$T/p"
expect_file "$T/p" "won	D1	100.00" "comp-calc --statement: the overlay's line is its part"
# A cancel in the next month claws back each share's commission.
setup deal-cancel D1 --date 2026-11-20
run perf-report --period 2026-11 -o tsv
col rep won <"$T/out" | sort >"$T/p"
expect_file "$T/p" "anna	0.00
bob	25.00
cid	575.01
sam	0.00" "perf-report: a cancel in the period takes every share back"

# --- bad input: message, exit 1, nothing written
setup deal-add --rep anna --account acme --amount 300 --date 2026-11-02
bad 1 "deal-split: D5: bad split 'anna:60,bob:30': shares add up to 90, not 100
deal-split: nothing was changed" "shares not adding up to 100" deal-split D5 anna:60 bob:30
bad 1 "deal-split: D5: bad split 'anna:60,bob:40.005': share 'bob:40.005' is not a percentage above 0 with at most 2 decimals
deal-split: nothing was changed" "more than two decimals" deal-split D5 anna:60 bob:40.005
bad 1 "deal-split: D5: bad split 'anna:0,bob:100': share 'anna:0' is not a percentage above 0 with at most 2 decimals
deal-split: nothing was changed" "a share of 0" deal-split D5 anna:0 bob:100
bad 1 "deal-split: D5: bad split 'anna,bob:100': share 'anna' is not REP:PERCENT
deal-split: nothing was changed" "a share without a percentage" deal-split D5 anna bob:100
bad 1 "deal-split: D5: bad split 'anna:60,anna:40': rep 'anna' has two shares
deal-split: nothing was changed" "a rep twice" deal-split D5 anna:60 anna:40
bad 1 "deal-split: D5: bad split 'anna:100,+anna:5': rep 'anna' has two shares
deal-split: nothing was changed" "a rep with a share and an overlay" deal-split D5 anna:100 --overlay anna:5
bad 1 "deal-split: D5: bad split '+sam:10': only overlays given: shares without a plus must add up to 100
deal-split: nothing was changed" "overlays only" deal-split D5 +sam:10
bad 1 "deal-split: D5: bad split 'Anna:100': bad rep 'Anna' in a share: must start with a-z or 0-9
deal-split: nothing was changed" "a malformed rep" deal-split D5 Anna:100
bad 1 "deal-split: unknown rep 'zed' (rep-list --all shows every rep)
deal-split: nothing was changed" "an unknown rep" deal-split D5 anna:60 zed:40
bad 1 "deal-split: rep 'dan' is gone on 2026-11-21 and cannot share D5
deal-split: nothing was changed" "a rep who left" deal-split D5 anna:60 dan:40 --date 2026-11-21
bad 1 "deal-split: D1 is cancelled (2026-11-20): only an open deal can be split
deal-split: nothing was changed" "a closed deal" deal-split D1 anna:100
bad 1 "deal-split: unknown deal 'D99' (see deal-list)
deal-split: nothing was changed" "an unknown deal" deal-split D99 anna:100
bad 1 "deal-split: date 2026-11-01 is before D5's last event (2026-11-02)
deal-split: nothing was changed" "a date before the deal's last event" deal-split D5 anna:100 --date 2026-11-01
setup deal-split D5 anna:60 bob:40 --date 2026-11-21
bad 1 "deal-split: D5 is already split anna:60,bob:40
deal-split: nothing was changed" "the split it has" deal-split D5 anna:60.00 bob:40
bad_usage "usage: deal-split DEAL REP:PCT ... [--overlay REP:PCT] [--date DATE] [-nq]" \
    "no share" deal-split D5
bad_usage "deal-split: with --from, the shares are the rows' split column" \
    "shares with --from" deal-split --from - anna:100
printf 'deal\tsplit\nD5\tanna:100\nD5\tbob:50\nD99\tanna:100\n' >"$T/in"
snapshot
run_in "$T/in" deal-split --from - --date 2026-11-22
expect_status 1 "--from with bad rows: exit 1"
expect_err "deal-split: stdin:3: D5: bad split 'bob:50': shares add up to 50, not 100
deal-split: stdin:4: unknown deal 'D99' (see deal-list)
deal-split: nothing was changed" "--from: every bad row reported with its line"
expect_unchanged "--from with bad rows: nothing written"

# --- a pipe: every open deal split 60/40 from deal-list, won, and the
# credit read back
setup deal-add --rep anna --account acme --amount 10 --date 2026-11-02
setup deal-add --rep anna --account acme --amount 20 --date 2026-11-02
setup deal-lost D5 --reason price --date 2026-11-22
run sh -c 'deal-list --open -o tsv |
    awk -F"\t" "NR == 1 { print \"deal\tsplit\"; next } { print \$1 \"\tanna:60,bob:40\" }" |
    deal-split --from - --date 2026-11-23 &&
    deal-list --open -o tsv | deal-won -q --from - --date 2026-11-24 &&
    perf-report --period 2026-11-24 -o tsv | awk -F"\t" "NR > 1 && \$6 != \"0.00\" { print \$1, \$6 }" | sort'
expect_status 0 "pipe: exit 0"
expect_out "anna 18.00
bob 12.00" "pipe: deal-list's open deals split, won, and each credited 60/40"

# --- rep-end --hand-over: a share of someone else's open deal goes to the
# successor; where the successor holds a share already, the two become one
setup deal-add --rep anna --account acme --amount 100 --date 2026-11-24
setup deal-add --rep anna --account beta --amount 200 --date 2026-11-24
setup deal-split D8 anna:60 bob:40 --overlay cid:5 --date 2026-11-24
setup deal-split D9 anna:50 bob:25 cid:25 --date 2026-11-24
snapshot
run rep-end -n bob --date 2026-11-25
expect_status 0 "rep-end -n: exit 0"
expect_err_has "rep 'bob' still has a share of 2 open deals (D8, D9)" \
    "rep-end without --hand-over: warns about the shares"
expect_unchanged "rep-end -n: nothing written"
run rep-end bob --hand-over cid --date 2026-11-25
expect_status 0 "rep-end --hand-over: exit 0"
rows deals/2026-11.tsv | awk -F'\t' '$3 == "split" && $1 == "2026-11-25" { print $2, $4, $16 }' >"$T/got"
expect_file "$T/got" "D8 anna anna:60,cid:40
D9 anna anna:50,cid:50" \
    "rep-end --hand-over: bob's share is cid's (an overlay gives way to the share)"
tail -n 2 "$D/audit.tsv" | cut -f3- >"$T/aud"
expect_file "$T/aud" "rep-end	split deal D8 anna:60,cid:40 (bob's share to cid)
rep-end	split deal D9 anna:50,cid:50 (bob's share to cid)" "rep-end --hand-over: an audit line a split"
check "sales-check: clean after the hand-over" sales-check -q
setup deal-won D9 --date 2026-11-26
run perf-report --period 2026-11-26 -o tsv
awk -F'\t' '$1 == "cid" { print $6 }' "$T/out" >"$T/got"
expect_file "$T/got" "100.00" "perf-report: the successor is credited the merged share"

# --- the oracle: generated deals, splits (some replaced, some cleared by a
# reassignment), overlays, wins and cancels over two months, against
# tests/oracle/credit.awk
G=$T/gen
SALESMGR_DIR=$G
init
printf 'team\tname\tmanager\tfocus\nnorth\tNorth\t\t\nsouth\tSouth\t\t\neast\tEast\t\t\n' >"$G/teams.tsv"
setup comp-plan std --tier 0:10
for i in 1 2 3 4 5 6 7 8; do
	t=$(echo "north south east" | cut -d' ' -f$((i % 3 + 1)))
	setup rep-add "r$i" --name "Rep $i" --team "$t" --hired 2026-01-05
	setup rep-edit "r$i" --plan std
	setup quota-set 2026-10 "r$i" 20000
	setup quota-set 2026-11 "r$i" 20000
done
# gen KIND: the input of each step, from one seed
gen() {
	awk -v kind="$1" -v seed=17 'BEGIN {
		OFS = "\t"; srand(seed); n = 90
		for (d = 1; d <= n; d++) {
			r = 1 + int(rand() * 8)
			a = int(rand() * 5) == 0 ? 1 + int(rand() * 5) : 1 + int(rand() * 2000000)
			amount[d] = sprintf("%d.%02d", int(a / 100), a % 100); owner[d] = r
			day[d] = 1 + int(rand() * 27)
			split1[d] = rand() < 0.7 ? shares() : ""
			split2[d] = split1[d] != "" && rand() < 0.3 ? shares() : ""
			move[d] = split1[d] != "" && rand() < 0.15
			won[d] = rand() < 0.8
			wonday[d] = won[d] ? 2 + int(rand() * 55) : 0
			cancel[d] = won[d] && rand() < 0.3 ? wonday[d] + int(rand() * (57 - wonday[d])) : 0
		}
		if (kind == "add") print "rep", "account", "amount", "date"
		else if (kind ~ /split/) print "deal", "split"
		else if (kind == "move") print "deal", "rep"
		else print "deal", "date"
		for (d = 1; d <= n; d++) {
			if (kind == "add")
				print "r" owner[d], "acct" d, amount[d], sprintf("2026-09-%02d", day[d])
			if (kind == "split1" && split1[d] != "") print "D" d, split1[d]
			if (kind == "split2" && split2[d] != "") print "D" d, split2[d]
			if (kind == "move" && move[d]) print "D" d, "r" (owner[d] % 8 + 1)
			if (kind == "won" && won[d]) print "D" d, date(wonday[d])
			if (kind == "cancel" && cancel[d]) print "D" d, date(cancel[d])
		}
	}
	# day k of October on (1 = 2026-10-01), at most 2026-11-26
	function date(k) { return k <= 31 ? sprintf("2026-10-%02d", k) : sprintf("2026-11-%02d", k - 31) }
	# 1 to 4 shares adding up to 100.00, then 0 to 2 overlays
	function shares(    k, i, left, bp, s, used, r, o) {
		k = 1 + int(rand() * 4); left = 10000; s = ""; delete used
		for (i = 1; i <= k; i++) {
			do r = 1 + int(rand() * 8); while (r in used)
			used[r]
			bp = i == k ? left : 1 + int(rand() * (left - (k - i)))
			if (bp > left - (k - i)) bp = left - (k - i)
			left -= bp
			s = s (s == "" ? "" : ",") "r" r ":" pct(bp)
		}
		for (o = int(rand() * 3); o > 0; o--) {
			do r = 1 + int(rand() * 8); while (r in used)
			used[r]
			s = s ",+r" r ":" pct(1 + int(rand() * 3000))
		}
		return s
	}
	function pct(bp) { return bp % 100 ? sprintf("%d.%02d", int(bp / 100), bp % 100) : bp / 100 }'
}
gen add >"$T/g-add" && gen split1 >"$T/g-s1" && gen split2 >"$T/g-s2" && gen move >"$T/g-mv" &&
gen won >"$T/g-won" && gen cancel >"$T/g-cancel" || not_ok "oracle: the generator failed"
deal-add -q --from "$T/g-add" >/dev/null &&
deal-split -q --from "$T/g-s1" --date 2026-09-28 &&
deal-split -q --from "$T/g-s2" --date 2026-09-29 &&
deal-move -q --from "$T/g-mv" --date 2026-09-30 &&
deal-won -q --from "$T/g-won" &&
deal-cancel -q --from "$T/g-cancel" || not_ok "oracle: building the ledger failed"
n=$(awk -F'\t' '$3 == "split" && $16 ~ /\+/' "$G"/deals/*.tsv | wc -l)
m=$(awk -F'\t' '$3 == "cancel"' "$G"/deals/*.tsv | wc -l)
if [ "$n" -ge 10 ] && [ "$m" -ge 10 ]; then
	ok "oracle: the generated ledger has $n splits with overlays and $m cancels"
else
	not_ok "oracle: the generated ledger is too thin" "$n splits with overlays, $m cancels"
fi
# The won deals' amounts, less the wins cancelled in the period; the sum
# of column 3.
cat >"$T/total.awk" <<'EOF2'
FNR == 1 { next }
$1 >= from && $1 <= to && $3 == "won" { t += cents($7); w[$2] = $1 }
$1 >= from && $1 <= to && $3 == "cancel" && w[$2] >= from { t -= cents($7) }
END { print money(t) }
EOF2
echo '{ t += cents($3) } END { print money(t) }' >"$T/sum.awk"
for p in 2026-10 2026-11 2026-Q4; do
	case $p in
	2026-10) from=2026-10-01 to=2026-10-31 ;;
	2026-11) from=2026-11-01 to=2026-11-30 ;;
	*) from=2026-10-01 to=2026-12-31 ;;
	esac
	awk -v mode=rows -f "$cents" -f "$oracle" "$G"/deals/*.tsv | sort -t "$tab" -k1,1 -k2,2n |
	    awk -v mode=credit -v from=$from -v to=$to -f "$cents" -f "$oracle" \
	    "$G/reps.tsv" "$G/teams.tsv" - | sort >"$T/want"
	{
		perf-report --period $p -o tsv | col rep won cancelled | sed 's/^/rep	/'
		perf-report --period $p --by team -o tsv | col team won cancelled | sed 's/^/team	/'
	} | sort >"$T/got"
	if grep -q '^bad' "$T/want"; then
		not_ok "oracle $p: a win without the split followed" "$(grep '^bad' "$T/want" | head -3)"
	elif cmp -s "$T/want" "$T/got"; then
		ok "oracle $p: perf-report's won and cancelled per rep and per team"
	else
		not_ok "oracle $p: perf-report's won and cancelled per rep and per team" \
		    "$(diff "$T/want" "$T/got" | head -8 | tr '\n' '|')"
	fi
	# Teams count each deal once: their won adds up to the won deals' amounts.
	total=$(awk -F'\t' -v from=$from -v to=$to -f "$cents" -f "$T/total.awk" "$G"/deals/*.tsv)
	teams=$(grep '^team' "$T/got" | awk -F'\t' -f "$cents" -f "$T/sum.awk")
	if [ -n "$total" ] && [ "$total" = "$teams" ]; then
		ok "oracle $p: the teams' won adds up to the deals' ($total), to the cent"
	else
		not_ok "oracle $p: the teams' won adds up to the deals'" "deals $total, teams $teams"
	fi
	[ $p = 2026-Q4 ] && continue
	comp-calc --period $p -o tsv | col rep revenue | sort >"$T/comp"
	grep '^rep' "$T/want" | cut -f2,3 | sort >"$T/wantc"
	if cmp -s "$T/wantc" "$T/comp"; then
		ok "oracle $p: comp-calc's revenue per rep, overlays included"
	else
		not_ok "oracle $p: comp-calc's revenue per rep" "$(diff "$T/wantc" "$T/comp" | head -8 | tr '\n' '|')"
	fi
done
# The writers left September's checkpoint with the splits of its open
# deals; a report without any checkpoint replays from the first month and
# gives the same figures.
if grep -q '	r[0-9]:[0-9.]*,' "$G"/cache/open-2026-09-*.tsv 2>/dev/null; then
	ok "checkpoint: September's open deals keep their splits"
else
	not_ok "checkpoint: September's open deals keep their splits" "$(ls "$G/cache" 2>&1 | head -3)"
fi
perf-report --period 2026-Q4 -o tsv >"$T/with"
rmdata "$G/cache"
perf-report --period 2026-Q4 -o tsv >"$T/without"
if cmp -s "$T/with" "$T/without"; then
	ok "checkpoint: the same figures without one"
else
	not_ok "checkpoint: the same figures without one" "$(diff "$T/with" "$T/without" | head -4 | tr '\n' '|')"
fi

# --- sales-check: a split that does not add up, a rep not on file, a
# split event without a split; and the reports refuse the bad split
cp -R "$G" "$T/bad"
SALESMGR_DIR=$T/bad
f=$T/bad/deals/2026-11.tsv
awk -F'\t' 'NR == 1 { print; next } { print } END { OFS = "\t"
	print "2026-11-26", "D1", "split", "r1", "acct1", "", "1.00", "lead", "", "", "", "", "2026-09-01", "", "", "r1:60,r2:30"
	print "2026-11-26", "D1", "split", "r1", "acct1", "", "1.00", "lead", "", "", "", "", "2026-09-01", "", "", "r1:60,zed:40"
	print "2026-11-26", "D1", "split", "r1", "acct1", "", "1.00", "lead", "", "", "", "", "2026-09-01", "", "", "" }' "$f" >"$T/m" &&
    cat "$T/m" >"$f"
n=$(awk 'END { print NR }' "$f")
run sales-check
expect_status 1 "sales-check: bad splits: exit 1"
grep -F 'split' "$T/out" "$T/err" | sed 's/^[^:]*://' >"$T/sc"
expect_file "$T/sc" "sales-check: deals/2026-11.tsv:$((n - 2)): split 'r1:60,r2:30': shares add up to 90, not 100
sales-check: deals/2026-11.tsv:$((n - 1)): unknown rep 'zed' in split 'r1:60,zed:40' (not in reps.tsv)
sales-check: deals/2026-11.tsv:$n: a split event without a split" \
    "sales-check: each bad split, with its line"
run perf-report --period 2026-11
expect_fail 1 "perf-report: deals/2026-11.tsv:$((n - 2)): bad split 'r1:60,r2:30': shares add up to 90, not 100; run sales-check" \
    "perf-report: a bad split in the ledger is fatal, naming the line"
done_testing
