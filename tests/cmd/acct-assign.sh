# acct-assign: the proposal on constructed data (checked by hand and by
# exhaustive search), --apply and its audit, -n, --keep-owners, the
# selections, --explain, every bad input, pipes; and on sales-gen data the
# win probabilities against an independent awk computation and the optimum
# against assign-solve fed values computed by awk.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
oracle=$top/tests/oracle/acctassign.awk
H='account	owner	value	current	change	deals'
BASIS='acct-assign: win probabilities from 44 closed deals in 2025-10-01..2026-09-30 (23 won): company rate 52.1739%'

owners() { cut -f1,7 "$D/accounts.tsv"; }

init
team-add -q t1 --name 'Team one' && team-add -q t2 --name 'Team two' && team-add -q t3 --name Empty &&
rep-add -q ann --name Ann --team t1 --capacity 2 --hired 2024-01-01 &&
rep-add -q bob --name Bob --team t1 --capacity 2 --hired 2024-01-01 &&
rep-add -q cid --name Cid --team t2 --capacity 3 --hired 2024-01-01 &&
rep-add -q dan --name Dan --team t1 --hired 2024-01-01 &&
acct-add -q e1 --name E1 --segment ent --region north --potential 100000 --priority 1 --owner bob &&
acct-add -q e2 --name E2 --segment ent --region north --potential 40000 --priority 2 &&
acct-add -q e3 --name E3 --segment ent --region south --potential 30000 --priority 3 --owner cid &&
acct-add -q s1 --name S1 --segment smb --region north --potential 20000 --priority 2 --owner ann &&
acct-add -q s2 --name S2 --segment smb --region south --potential 10000 --priority 4 --owner dan &&
acct-add -q s3 --name S3 --segment smb --region north --potential 5000 &&
acct-add -q x1 --name X1 --region north --potential 8000 --priority 5 &&
rep-end -q dan --date 2026-11-01 --status leave || { echo "not ok - setup"; exit 1; }
# deal N DATE EVENT REP ACCOUNT: one ledger row
deal() {
	f=$D/deals/$(echo "$2" | cut -c1-7).tsv
	[ -f "$f" ] || printf 'date\tdeal\tevent\trep\taccount\tproduct\tamount\tstage\texpected\tref\treason\tnote\topened\n' >"$f"
	printf '%s\tD%s\t%s\t%s\t%s\tcore\t1000.00\t%s\t%s\t\t\t\t2025-01-01\n' \
	    "$2" "$1" "$3" "$4" "$5" "$3" "$2" >>"$f"
}
n=0
many() {	# many COUNT EVENT REP ACCOUNT DATE
	i=0
	while [ "$i" -lt "$1" ]; do n=$((n + 1)); deal "$n" "$5" "$2" "$3" "$4"; i=$((i + 1)); done
}
mkdir -p "$D/deals"
# In the window 2025-10-01..2026-09-30: ann wins 60% in ent, bob 20%.
many 6 won ann e2 2026-02-10; many 4 lost ann e2 2026-03-10
many 2 won bob e1 2025-11-10; many 8 lost bob e1 2026-05-10
many 6 won bob s1 2026-06-10; many 4 lost bob s1 2026-07-10
many 1 won cid s3 2026-09-30; many 3 won cid e3 2025-10-01; many 3 lost cid e3 2026-01-10
many 5 won dan s2 2026-04-10; many 2 lost zed e1 2026-04-10
# Outside it: just before, and in the current quarter.
many 9 lost ann e2 2025-09-30; many 9 won bob e1 2026-10-01

# --- the proposal.  By hand: company 23 of 44 -> (23+1)/46 = 52.1739%;
# team t1 19 of 35 with 50 at that: 53.0435%; ann 6 of 10 with 20 at
# that: 55.3623%; ann in ent 6 of 10 with 10 at that: 57.6812%; ann in
# ent north 6 of 10 with 10 at that: 58.8406%; e1 is 100000.00 x 58.8406%
# x 100% = 58840.60.
PROPOSAL="e1	ann	58840.60	bob	32210.10	10
e2	ann	18828.99		18828.99	10
e3	cid	9275.20	cid	0.00	7
s1	cid	9906.00	ann	1048.03	7
s2	cid	2324.15	dan	2324.15	7
s3	bob	1698.92		1698.92	20
x1	bob	744.35		744.35	20"
snapshot
run acct-assign
expect_status 0 "propose: exit 0"
expect_out "$H
$PROPOSAL" "propose: tsv, every account, dan on leave left out, ann (60%) gets e1 over bob (20%)"
expect_err "$BASIS
acct-assign: expected value 44763.67 before, 101618.21 after (+56854.54); 7 accounts, 6 new owners, 0 unassigned" \
    "propose: what the rates rest on, the totals on stderr"
expect_unchanged "propose: nothing written without --apply"
run acct-assign -o table -q
expect_out "account  owner      value  current     change  deals
e1       ann    58,840.60  bob      32,210.10     10
e2       ann    18,828.99           18,828.99     10
e3       cid     9,275.20  cid           0.00      7
s1       cid     9,906.00  ann       1,048.03      7
s2       cid     2,324.15  dan       2,324.15      7
s3       bob     1,698.92            1,698.92     20
x1       bob       744.35              744.35     20" "table output, -q: no totals"
expect_err_empty "-q: nothing on stderr"
run acct-assign -o json -q --segment smb
expect_out '{"account":"s1","owner":"cid","value":9906.00,"current":"ann","change":1048.03,"deals":7}
{"account":"s2","owner":"ann","value":2214.49,"current":"dan","change":2214.49,"deals":10}
{"account":"s3","owner":"cid","value":1857.38,"current":null,"change":1857.38,"deals":7}' \
    "json, --segment smb: only smb; ann's place freed by s1"
run acct-assign --no-header --region south -q
expect_out "e3	ann	10382.62	cid	1107.42	10
s2	cid	2324.15	dan	2324.15	7" "--region south, --no-header: ann's accounts elsewhere leave her one place"
run acct-assign --team t1
expect_out "$H
e1	ann	58840.60	bob	32210.10	10
e2	ann	18828.99		18828.99	10
s1	bob	9060.88	ann	202.91	20
s2	bob	2130.44	dan	2130.44	20
s3		0.00		0.00	
x1		0.00		0.00	" "--team t1: cid's e3 left out, capacity runs out"
expect_err "$BASIS
acct-assign: expected value 35488.47 before, 88860.91 after (+53372.44); 6 accounts, 4 new owners, 2 unassigned
acct-assign: account 's3' unassigned: no capacity left
acct-assign: account 'x1' unassigned: no capacity left" "--team t1: totals and the accounts left over"

# --- the optimum, proven by exhaustive search over every assignment of
# the accounts in play (values computed by awk from the files): the most
# accounts, then the greatest value + fit - load, within each rep's places
# and, with a share, each rep's places in a segment.
oracle() {	# oracle DIR MODE [awk -v assignments...]
	dir=$1 mode=$2; shift 2
	awk -v from=2025-10-01 -v to=2026-09-30 -v defcap=25 -v mode="$mode" "$@" -f "$top/tests/oracle/money.awk" -f "$oracle" \
	    "$dir/config.tsv" "$dir/teams.tsv" "$dir/reps.tsv" "$dir/accounts.tsv" "$dir"/deals/*.tsv
}
brute() {	# brute DIR BALANCE SHARE [awk -v assignments...]: the optimum in cents
	dir=$1 balance=$2 share=$3; shift 3
	oracle "$dir" pairs "$@" >"$T/b.pairs"
	oracle "$dir" cap "$@" >"$T/b.cap"
	oracle "$dir" held "$@" >"$T/b.held"
	oracle "$dir" class "$@" >"$T/b.class"
	fixed=$(oracle "$dir" fixed "$@")
	awk -F'\t' -v balance="$balance" -v share="$share" -v fixed="$fixed" '
	FNR == 1 { file++; next }
	file == 1 { if (!($2 in tix)) { tix[$2] = ++nt; tname[nt] = $2 }
	            nr[tix[$2]]++; r[tix[$2], nr[tix[$2]]] = $1; v[tix[$2], nr[tix[$2]]] = $3; next }
	file == 2 { left[$1] = $2; next }
	file == 3 { held[$1] = $2; allheld += $2; ncand++; next }
	$1 == "class" { q = int($3 * share / 100); if (q < 1) q = 1
	                for (k in left) lim[k, $2] = q
	                for (i = 4; i <= NF; i++) { split($i, kv, ":"); lim[kv[1], $2] -= kv[2] }
	                next }
	{ cls[$1] = $2 }
	function search(t, cnt, sum,    k, rr, cl, cost) {
		if (t > nt) {
			if (cnt > bc || (cnt == bc && sum > bv)) { bc = cnt; bv = sum }
			return
		}
		search(t + 1, cnt, sum)
		cl = cls[tname[t]]
		for (k = 1; k <= nr[t]; k++) {
			rr = r[t, k]
			if (left[rr] <= 0 || (share && lim[rr, cl] <= 0)) continue
			cost = balance * int((held[rr] + n[rr]) / S)
			left[rr]--; n[rr]++; lim[rr, cl]--
			search(t + 1, cnt + 1, sum + v[t, k] - cost)
			left[rr]++; n[rr]--; lim[rr, cl]++
		}
	}
	END { S = int((allheld + nt + ncand - 1) / ncand); if (S < 1) S = 1
	      bc = -1; search(1, 0, 0); print bv + fixed }' \
	    "$T/b.pairs" "$T/b.cap" "$T/b.held" "$T/b.class"
}
# The proposal's total in cents, from its value column.
total() { awk -F'\t' 'NR > 1 { split($3, p, "."); t += p[1] * 100 + p[2] } END { print t + 0 }' "$1"; }
# The objective on stderr, in cents.
objective() { sed -n 's/^acct-assign: objective \([0-9]*\)\.\([0-9]*\):.*/\1\2/p' "$1" | sed 's/^0*//'; }
for sel in "" "--segment smb" "--team t1" "--keep-owners" "--keep-owners --region north"; do
	awkv=""
	case $sel in
	*smb*) awkv="-v segment=smb" ;;
	*t1*) awkv="-v team=t1" ;;
	*north*) awkv="-v keep=1 -v region=north" ;;
	*keep*) awkv="-v keep=1" ;;
	esac
	want=$(brute "$D" 0 0 $awkv)
	acct-assign -q $sel >"$T/prop"
	check "optimum ${sel:-of all}: $want cents, as exhaustive search" test "$(total "$T/prop")" = "$want"
done

# --- fit, load and a share per segment, on a copy where the reps have a
# region and bob a segment column of his own: each proven against the
# exhaustive search with the same terms.
F=$T/terms
cp -Rp "$D" "$F"
SALESMGR_DIR=$F rep-edit -q ann --region north --capacity 6 &&
    SALESMGR_DIR=$F rep-edit -q cid --region south --capacity 6 &&
    SALESMGR_DIR=$F rep-edit -q bob --region north --capacity 6 --set segment=smb ||
    not_ok "terms: setup"
for case in "--fit 10|10|0|0|" "--fit 50|50|0|0|" "--balance 5000|0|500000|0|" \
    "--balance 200 --fit 20|20|20000|0|" "--max-share 50|0|0|50|" "--max-share 67 --fit 25|25|0|67|" \
    "--fit 30 --keep-owners|30|0|0|-v keep=1" "--balance 1000 --segment smb|0|100000|0|-v segment=smb" \
    "--max-share 50 --keep-owners|0|0|50|-v keep=1"; do
	IFS='|' read -r opts fit bal share awkv <<EOC
$case
EOC
	want=$(brute "$F" "$bal" "$share" -v fit="$fit" $awkv)
	SALESMGR_DIR=$F acct-assign $opts >"$T/prop" 2>"$T/err"
	case $opts in
	*fit*|*balance*) got=$(objective "$T/err") ;;
	*) got=$(total "$T/prop") ;;
	esac
	check "terms $opts: $want cents, as exhaustive search" test "$got" = "$want"
	free=$(brute "$F" 0 0 $awkv)
	check "terms $opts: they change the optimum ($free cents without)" test "$want" != "$free"
done
# By hand: --fit 10 adds 10% of the value for ann on e1 (region north),
# 20% for bob on s3 (north, and smb his segment), nothing for cid on e1.
SALESMGR_DIR=$F run acct-assign --explain e1 --fit 10 -q
awk -F'\t' 'NR > 1 { print $1, $14, $15 }' "$T/out" >"$T/w"
expect_file "$T/w" "ann 58840.60 5884.06
cid 52446.30 0.00
bob 26630.50 2663.05" "--fit: 10% of the value for the rep's own region"
SALESMGR_DIR=$F run acct-assign --explain s3 --fit 10 -q
awk -F'\t' '$1 == "bob" { print $14, $15 }' "$T/out" >"$T/w"
expect_file "$T/w" "1698.92 339.78" "--fit: 10% twice for the rep's own region and segment"
SALESMGR_DIR=$F run acct-assign --balance 5000
expect_err_has "acct-assign: objective " "--balance: the objective on stderr"
expect_err_has "load penalty " "--balance: with the load penalty"
awk -F'\t' 'NR > 1 && $2 != "" { n[$2]++ } END { for (r in n) if (n[r] > 3) bad = 1; exit bad }' \
    "$T/out" && ok "--balance 5000: nobody above the even share of 3" ||
    not_ok "--balance 5000: somebody above the even share" "$(cat "$T/out")"
SALESMGR_DIR=$F run acct-assign --max-share 50 -q
awk -F'\t' 'NR > 1 && $2 != "" { split($1, c, ""); n[$2, c[1]]++ }
    END { for (k in n) if (n[k] > 1) bad = 1; exit bad }' "$T/out" &&
    ok "--max-share 50: nobody owns more than 1 of the 3 ent, nor of the 3 smb" ||
    not_ok "--max-share 50: a rep owns more than its share" "$(cat "$T/out")"
SALESMGR_DIR=$F run acct-assign --max-share 10 -q
awk -F'\t' 'NR > 1 && $2 == ""' "$T/out" | wc -l >"$T/w"
expect_file "$T/w" "0" "--max-share 10: at least one of a segment each, so all assigned"

# Ties: with no deal in the window every rep is at the company's 50%, so
# every account is worth the same to each: the current owners keep theirs
# and the rest go to the reps who then hold the fewest, never by id.
SALESMGR_DIR=$F run acct-assign -q --period 2020
awk -F'\t' 'NR > 1 && $4 != "" && $4 != "dan" && $2 != $4' "$T/out" | wc -l >"$T/w"
expect_file "$T/w" "0" "ties: every current owner keeps the account"
awk -F'\t' 'NR > 1 { n[$2]++ } END { for (r in n) print n[r] }' "$T/out" | sort | tr '\n' ' ' >"$T/w"; echo >>"$T/w"
expect_file "$T/w" "2 2 3 " "ties: the rest spread to the fewest accounts (7 over 3 reps with room for 6 each)"
SALESMGR_DIR=$F run acct-assign -q --period 2020 --team t1
awk -F'\t' 'NR > 1 { n[$2]++ } END { for (r in n) print r, n[r] }' "$T/out" | sort >"$T/w"
expect_file "$T/w" "ann 3
bob 3" "ties: six accounts over two reps, three each"

# --- managers are no candidates: ann made a lead keeps her own account
# (left out) and gets no other; --include-managers brings her back.
M=$T/mgr
cp -Rp "$D" "$M"
SALESMGR_DIR=$M rep-edit -q ann --role lead || not_ok "managers: setup"
SALESMGR_DIR=$M run acct-assign -q
awk -F'\t' '$2 == "ann"' "$T/out" | wc -l >"$T/w"
expect_file "$T/w" "0" "a manager gets no account"
grep -c "^s1	" "$T/out" >"$T/w"
expect_file "$T/w" "0" "a manager's own account is not in play"
SALESMGR_DIR=$M run acct-assign -q --include-managers
awk -F'\t' '$2 == "ann"' "$T/out" | wc -l >"$T/w"
expect_file "$T/w" "2" "--include-managers: the lead is a candidate again"
SALESMGR_DIR=$M run acct-assign --explain s1
expect_fail 1 "or a manager owns it" "explain: a manager's account is outside the selection"
SALESMGR_DIR=$M run acct-assign -q --team t2 --include-managers
expect_status 0 "--team t2 --include-managers: exit 0"
cp -Rp "$D" "$T/mgr2"
awk -F'\t' -v OFS='\t' '$1 == "t2" { $3 = "cid" } { print }' "$T/mgr2/teams.tsv" >"$T/teams" &&
    cat "$T/teams" >"$T/mgr2/teams.tsv"
SALESMGR_DIR=$T/mgr2 run acct-assign --team t2 --apply
expect_fail 1 "acct-assign: team 't2' has no active sellers, only managers (--include-managers makes them candidates); nothing was changed" \
    "a team led by its only rep: no sellers, said"

# --- thin data: said on stderr, even with -q
run acct-assign -q --period 2020
expect_err "acct-assign: no closed deals in 2020: win probabilities are the company default 50.0000%; use --period or --prior" \
    "no deals in the window: the company default, said"
awk -F'\t' 'NR > 1 { print $6 }' "$T/out" | sort -u >"$T/w"
expect_file "$T/w" "0" "no deals in the window: the deals column says 0"
run acct-assign -q --period 2020 --prior 30 --explain e1
expect_err "acct-assign: no closed deals in 2020: win probabilities are the company default 30.0000%; use --period or --prior" \
    "--prior: the company default asked for"
awk -F'\t' 'NR > 1 { print $12 }' "$T/out" | sort -u >"$T/w"
expect_file "$T/w" "30.0000" "--prior 30: every win rate 30%"
run acct-assign -q --period 2026-09
expect_err "acct-assign: only 1 closed deal in 2026-09 (fewer than 20): win probabilities stay close to the company rate 66.6667%; use --period for a longer window" \
    "few deals in the window: said"

# --- --explain: every candidate, best first, and why
WH='rep	team	segment_won	segment_lost	region_won	region_lost	won	lost	team_rate	rep_rate	segment_rate	win_rate	weight	value	fit	note'
run acct-assign --explain e1
expect_status 0 "explain: exit 0"
expect_out "$WH
ann	t1	6	4	6	4	6	4	53.0435	55.3623	57.6812	58.8406	100	58840.60	0.00	proposed
cid	t2	3	3	0	0	4	3	52.7841	53.9141	52.4463	52.4463	100	52446.30	0.00	
bob	t1	2	8	2	8	8	12	53.0435	46.5218	33.2609	26.6305	100	26630.50	0.00	current" \
    "explain e1: rates, sample sizes, weight and value of each candidate"
expect_err "$BASIS
acct-assign: account e1: potential 100000.00, priority 1 (weight 100%), proposed ann, current bob" \
    "explain e1: the basis and the account on stderr"
run acct-assign --explain x1 -q --keep-owners
expect_out "$WH
ann	t1	0	0	0	0	6	4	53.0435	55.3623	55.3623	55.3623	20	885.80	0.00	
cid	t2	0	0	0	0	4	3	52.7841	53.9141	53.9141	53.9141	20	862.63	0.00	
bob	t1	0	0	0	0	8	12	53.0435	46.5218	46.5218	46.5218	20	744.35	0.00	proposed" \
    "explain x1 (no segment): the rep's rate; --keep-owners gives it bob's last place"

# --- -n: what would change, nothing written
snapshot
run acct-assign -n
expect_status 0 "-n: exit 0"
expect_out "$H
$PROPOSAL
would assign account e1 to ann (was bob)
would assign account e2 to ann (was unowned)
would assign account s1 to cid (was ann)
would assign account s2 to cid (was dan)
would assign account s3 to bob (was unowned)
would assign account x1 to bob (was unowned)" "-n: the proposal, then what would change"
expect_unchanged "-n: nothing written"
run acct-assign -nq --team t1
expect_out "$H
e1	ann	58840.60	bob	32210.10	10
e2	ann	18828.99		18828.99	10
s1	bob	9060.88	ann	202.91	20
s2	bob	2130.44	dan	2130.44	20
s3		0.00		0.00	
x1		0.00		0.00	" "-nq: the proposal alone"
expect_unchanged "-nq: nothing written"

# --- --keep-owners, applied on a copy: owned accounts keep their owner
cp -Rp "$D" "$T/keep"
owners >"$T/before"
SALESMGR_DIR=$T/keep run acct-assign --keep-owners --apply -q
expect_status 0 "keep-owners apply: exit 0"
expect_out "$H
e1	bob	26630.50	bob	0.00	20
e2	ann	18828.99		18828.99	10
e3	cid	9275.20	cid	0.00	7
s1	ann	8857.97	ann	0.00	10
s2	cid	2324.15	dan	2324.15	7
s3	cid	1857.38		1857.38	7
x1	bob	744.35		744.35	20" "keep-owners: only the unowned (and dan's) accounts get an owner"
cut -f1,7 "$T/keep/accounts.tsv" >"$T/after"
check "keep-owners: every account with an active owner still has it" \
    sh -c "awk -F'\t' 'NR == FNR { o[\$1] = \$2; next } o[\$1] != \"\" && o[\$1] != \"dan\" && o[\$1] != \$2 { bad = 1 } END { exit bad }' '$T/before' '$T/after'"

# --- --apply: the owners written, one audit line each, capacity kept
run acct-assign --apply
expect_status 0 "apply: exit 0"
expect_err "$BASIS
acct-assign: expected value 44763.67 before, 101618.21 after (+56854.54); 7 accounts, 6 new owners, 0 unassigned" \
    "apply: the totals (no confirmation off a terminal)"
run owners
expect_out "account	owner
e1	ann
e2	ann
e3	cid
s1	cid
s2	cid
s3	bob
x1	bob" "apply: the owners in accounts.tsv"
run sh -c "tail -n 6 '$D/audit.tsv' | cut -f3,4"
expect_out "acct-assign	assign account e1 to ann (was bob)
acct-assign	assign account e2 to ann (was unowned)
acct-assign	assign account s1 to cid (was ann)
acct-assign	assign account s2 to cid (was dan)
acct-assign	assign account s3 to bob (was unowned)
acct-assign	assign account x1 to bob (was unowned)" "apply: audited, one line per change"
check "apply: no rep above capacity (ann 2, bob 2, cid 3)" sh -c \
    "acct-list -o tsv | awk -F'\t' 'NR > 1 { n[\$7]++ } END { exit !(n[\"ann\"] <= 2 && n[\"bob\"] <= 2 && n[\"cid\"] <= 3) }'"
run acct-list --owner cid -o tsv
expect_out_has "s2	S2	smb	south	10000.00	4	cid" "acct-list shows the new owner"
run rep-show ann -o tsv
expect_out_has "accounts	e1,e2" "rep-show shows ann's accounts"
snapshot
run acct-assign --apply
expect_err "$BASIS
acct-assign: expected value 101618.21 before, 101618.21 after (+0.00); 7 accounts, 0 new owners, 0 unassigned" \
    "apply again: stable, nobody moved for nothing"
expect_unchanged "apply again: nothing to write"
run acct-assign --team t1 --apply -q
check "apply --team t1: cid keeps e3, s2 and s1 (another team's)" test "$(owners | tr '\t\n' ':,')" = \
    "account:owner,e1:ann,e2:ann,e3:cid,s1:cid,s2:cid,s3:bob,x1:bob,"

# --- in a pipe: the proposal into acct-edit, and from a file
sh -c 'acct-assign -q --keep-owners --team t2 | acct-edit -n --from -' >"$T/out" 2>"$T/err"
expect_out_empty "pipe into acct-edit -n: nothing differs after --apply"
cp -Rp "$T/keep" "$T/pipe"
SALESMGR_DIR=$T/pipe sh -c 'acct-assign -q | acct-edit --from -' >"$T/out" 2>"$T/err"
check "pipe: acct-assign | acct-edit --from - sets the owners" test \
    "$(cut -f1,7 "$T/pipe/accounts.tsv" | tr '\t\n' ':,')" = \
    "account:owner,e1:ann,e2:ann,e3:cid,s1:cid,s2:cid,s3:bob,x1:bob,"

# --- bad input: the message, the status, nothing written
bad 1 "acct-assign: unknown team 'nope' (add it with team-add)
acct-assign: no account has segment 'mid' (acct-list shows the accounts)
acct-assign: no account has region 'moon' (acct-list shows the accounts)
acct-assign: nothing was changed" "every bad selection reported" \
    acct-assign --team nope --segment mid --region moon --apply
bad 1 "acct-assign: unknown account 'zz' (acct-list shows the accounts)
acct-assign: nothing was changed" "explain: unknown account" acct-assign --explain zz
bad 1 "acct-assign: account 'e3' is not in the selection (its segment or region is left out, or another team's rep or a manager owns it)" \
    "explain: outside the selection" acct-assign --explain e3 --team t1
bad 1 "acct-assign: team 't3' has no active reps; nothing was changed" "team without reps" \
    acct-assign --team t3 --apply
snapshot
run acct-assign --explain e1 --apply
expect_status 2 "explain with apply: exit 2"
expect_err_has "acct-assign: --explain shows one account; it cannot go with --apply or -n" \
    "explain with apply: message"
expect_unchanged "explain with apply: nothing written"
bad 2 "acct-assign: invalid --today '2026-13-01': want YYYY-MM-DD" "bad --today" \
    acct-assign --today 2026-13-01 --apply
bad 2 "acct-assign: invalid --fit '101': want a whole percentage 0-100" "bad --fit" \
    acct-assign --fit 101 --apply
bad 2 "acct-assign: invalid --prior 'half': want a whole percentage 0-100" "bad --prior" \
    acct-assign --prior half --apply
bad 2 "acct-assign: invalid --max-share '0': want a percentage 1-100" "bad --max-share" \
    acct-assign --max-share 0 --apply
bad 2 "acct-assign: invalid --balance '-5': want an amount of 0 or more" "bad --balance" \
    acct-assign --balance -5 --apply
bad 2 "acct-assign: invalid period '2026-13' (see salesmgr(7) for periods)" "bad --period" \
    acct-assign --period 2026-13 --apply
bad_usage "acct-assign: --balance and --max-share do not go together: choose one" \
    "--balance with --max-share" acct-assign --balance 10 --max-share 50 --apply
bad_usage "acct-assign: --explain shows one account; --balance and --max-share weigh whole assignments" \
    "--explain with --balance" acct-assign --explain e1 --balance 10
for args in "extra" "--bogus" "-o xml" "--explain"; do
	snapshot
	run acct-assign $args
	expect_status 2 "usage error '$args': exit 2"
	expect_err_has "usage: acct-assign " "usage error '$args': the usage"
	expect_unchanged "usage error '$args': nothing written"
done
run acct-assign -h
expect_status 0 "-h: exit 0"
expect_out_has "usage: acct-assign [--segment S]" "-h: usage on stdout"

# Hand-edited files: refused, naming sales-check.
cp "$D/reps.tsv" "$T/reps.keep"
sed 's/^bob\(.*\)	2$/bob\1	two/' "$T/reps.keep" >"$D/reps.tsv"
bad 1 "acct-assign: reps.tsv: capacity 'two' of rep 'bob' is not a whole number; run sales-check" \
    "bad capacity" acct-assign --apply
cp "$T/reps.keep" "$D/reps.tsv"
cp "$D/accounts.tsv" "$T/accounts.keep"
sed 's/	5000.00	/	-5.00	/' "$T/accounts.keep" >"$D/accounts.tsv"
bad 1 "acct-assign: accounts.tsv: potential '-5.00' of account 's3' is not an amount of 0 or more; run sales-check" \
    "negative potential" acct-assign
sed 's/	20000.00	2	/	20000.00	9	/' "$T/accounts.keep" >"$D/accounts.tsv"
bad 1 "acct-assign: accounts.tsv: priority '9' of account 's1' is not 1 to 5; run sales-check" \
    "bad priority" acct-assign
cp "$T/accounts.keep" "$D/accounts.tsv"
cp "$D/deals/2026-02.tsv" "$T/deals.keep"
printf '2026-02-11\tD999\twon\tann\n' >>"$D/deals/2026-02.tsv"
snapshot
run acct-assign --apply
expect_fail 1 "deals/2026-02.tsv:" "a malformed ledger row: status 1, never a wrong number"
expect_unchanged "a malformed ledger row: nothing written"
cp "$T/deals.keep" "$D/deals/2026-02.tsv"

# Output that cannot be written: status 1; with --apply nothing is written.
snapshot
run sh -c "acct-assign >/dev/full"
expect_fail 1 "write error" "stdout to /dev/full: status 1"
cp -Rp "$T/keep" "$T/full"
(cd "$T/full" && find . -type f ! -name .lock | LC_ALL=C sort | xargs sha256sum) >"$T/full.sum"
SALESMGR_DIR=$T/full run sh -c "acct-assign --apply >/dev/full"
expect_fail 1 "write error" "--apply to /dev/full: status 1"
check "--apply to /dev/full: accounts.tsv untouched" sh -c \
    "cd '$T/full' && find . -type f ! -name .lock | LC_ALL=C sort | xargs sha256sum | cmp -s - '$T/full.sum'"

# A missing data directory is named, not created.
SALESMGR_DIR=$T/nodir run acct-assign
expect_fail 1 "sales-init" "missing data directory: status 1, names sales-init"
check "missing data directory: not created" test ! -e "$T/nodir"

# --- sales-gen data: win probabilities against awk, the optimum against
# assign-solve fed awk's values, capacity never exceeded
G=$T/gen
sales-gen -q --seed 7 --reps 12 --deals 2500 --months 16 "$G" || not_ok "sales-gen"
awk 'BEGIN { OFS = "\t"; split("enterprise mid smb", S, " "); split("north south east west", R, " ")
    print "account", "name", "segment", "region", "potential", "priority", "owner", "since"
    for (i = 1; i <= 60; i++) print sprintf("a%05d", i), "Account " i, i % 7 ? S[i % 3 + 1] : "",
        R[i % 4 + 1], (i * 7919 % 1000) * 137 ".50", i % 6 ? i % 5 + 1 : "",
        i % 3 ? sprintf("r%04d", i % 12 + 1) : "", "" }' >"$G/accounts.tsv"
# Some reps leave; capacities so tight that some accounts go without.
awk -F'\t' -v OFS='\t' 'NR > 1 && $1 == "r0003" { $8 = "leave"; $9 = "2026-10-01" }
    NR > 1 { $12 = NR % 4 ? NR % 6 : "" } { print }' "$G/reps.tsv" >"$T/reps" &&
    cat "$T/reps" >"$G/reps.tsv"
sed 's/^default_capacity	.*/default_capacity	4/' "$G/config.tsv" >"$T/cfg" && cat "$T/cfg" >"$G/config.tsv"
# pairs_ok PAIRS CAP PROPOSAL [KEEP]: every pair proposed is worth what
# awk says, and no rep gets more than its places (kept accounts aside).
pairs_ok() {
	awk -F'\t' -v keep="${4:-}" '
	FILENAME == ARGV[1] { if (FNR > 1) v[$1, $2] = $3; next }
	FILENAME == ARGV[2] { if (FNR > 1) cap[$1] = $2; next }
	FNR == 1 || $2 == "" || (keep != "" && $2 == $4) { next }
	{ split($3, p, "."); c = p[1] * 100 + p[2] }
	!(($2, $1) in v) || v[$2, $1] != c || ++used[$2] > cap[$2] { bad = 1 }
	END { exit bad }' "$1" "$2" "$3"
}
agree=0 tried=0
for a in a00001 a00002 a00003 a00007 a00014 a00021 a00035 a00050; do
	oracle "$G" why -v acct="$a" -v defcap=4 | sort >"$T/why.awk"
	SALESMGR_DIR=$G acct-assign -q --explain "$a" --no-header | cut -f1-15 | sort >"$T/why.mine"
	tried=$((tried + 1))
	if [ -s "$T/why.mine" ] && cmp -s "$T/why.awk" "$T/why.mine"; then agree=$((agree + 1))
	else echo "# $a: $(diff "$T/why.awk" "$T/why.mine" | head -4 | tr '\n' '|')"; fi
done
check "sales-gen: rates, sample sizes and values of $tried accounts equal the awk computation" \
    test "$agree" -eq "$tried"
for sel in "" "--segment mid" "--keep-owners" "--team t01" "--fit 20" "--include-managers"; do
	awkv="-v defcap=4" keep=""
	case $sel in
	*mid*) awkv="$awkv -v segment=mid" ;;
	*keep*) awkv="$awkv -v keep=1" keep=1 ;;
	*t01*) awkv="$awkv -v team=t01" ;;
	*fit*) awkv="$awkv -v fit=20" ;;
	*managers*) awkv="$awkv -v managers=1" ;;
	esac
	oracle "$G" pairs $awkv >"$T/gpairs"
	oracle "$G" cap $awkv >"$T/gcap"
	assign-solve --capacity "$T/gcap" --from "$T/gpairs" 2>"$T/solve" >"$T/gsol"
	want=$(( $(sed -n 's/^assign-solve: objective \([0-9]*\),.*/\1/p' "$T/solve") + $(oracle "$G" fixed $awkv) ))
	SALESMGR_DIR=$G acct-assign $sel >"$T/gprop" 2>"$T/gerr"
	case $sel in
	*fit*) got=$(objective "$T/gerr") ;;
	*) got=$(total "$T/gprop") ;;
	esac
	check "sales-gen ${sel:-all}: total $want cents, as assign-solve on awk's values" \
	    test "$got" = "$want"
	case $sel in
	*fit*) ;;
	*) check "sales-gen ${sel:-all}: every value as awk's, capacity kept" \
	    pairs_ok "$T/gpairs" "$T/gcap" "$T/gprop" "$keep" ;;
	esac
done
# The leads of sales-gen lead their teams: no account goes to one.
SALESMGR_DIR=$G acct-assign -q >"$T/gprop"
awk -F'\t' 'NR > 1 && $2 != "" { print $2 }' "$T/gprop" | sort -u >"$T/owners"
awk -F'\t' 'NR > 1 && $5 == "lead" { print $1 }' "$G/reps.tsv" | sort >"$T/leads"
check "sales-gen: no account goes to a team lead" test -z "$(comm -12 "$T/owners" "$T/leads")"
check "sales-gen: there are leads to leave out" test -s "$T/leads"

done_testing
