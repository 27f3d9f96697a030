# The dated organisation: reps moving teams, new leads, split and closed
# teams, leavers handed over and back (sales-gen --reorgs), and every report
# against an independent awk computation (tests/oracle/org.awk); rep-edit
# --date, rep-end --hand-over, team-edit, team-end, deal-move --rep and
# acct-edit --owner, with every bad input.
. "$(dirname "$0")/lib.sh"
oracle=$top/tests/oracle/org.awk
D=$SALESMGR_DIR

# --- generated history with reorganisations, against the oracle
g=$T/gen
sales-gen -q --seed 7 --reps 40 --deals 4000 --reorgs 12 "$g" ||
    { echo "not ok - sales-gen --reorgs failed"; exit 1; }
check "sales-gen --reorgs: sales-check is clean" sales-check -q -D "$g"
check "sales-gen --reorgs: org.tsv has the history" test "$(wc -l <"$g/org.tsv")" -gt 40
check "sales-gen --reorgs: deals were handed over" grep -q '	assign	' "$g"/deals/*.tsv
files() { echo "$g/stages.tsv $g/reps.tsv $g/teams.tsv $g/org.tsv $(ls "$g"/deals/*.tsv)"; }
# The columns of a report's TSV, by name, rows with a number not zero only.
cols() {
	awk -F'\t' -v want="$1" 'BEGIN { OFS = "\t"; n = split(want, w, " ") }
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ line = $(c[w[1]]); nz = 0
	  for (i = 2; i <= n; i++) { v = $(c[w[i]]); line = line OFS v; if (v + 0 != 0) nz = 1 }
	  if (nz) print line }' | sort
}
nonzero() { awk -F'\t' '{ for (i = 2; i <= NF; i++) if ($i + 0 != 0) { print; next } }' | sort; }
for p in 2026-Q1 2026-Q2 2026-Q3 2026-10 2026-Q4; do
	from=$(period_from "$p" 2>/dev/null)
	case $p in
	2026-Q1) from=2026-01-01 to=2026-03-31 ;; 2026-Q2) from=2026-04-01 to=2026-06-30 ;;
	2026-Q3) from=2026-07-01 to=2026-09-30 ;; 2026-10) from=2026-10-01 to=2026-10-31 ;;
	2026-Q4) from=2026-10-01 to=2026-12-31 ;;
	esac
	for by in rep team manager; do
		# shellcheck disable=SC2046
		awk -v mode=perf -v by=$by -v from=$from -v to=$to -f "$top/tests/oracle/money.awk" -f "$oracle" $(files) "$g"/activities/*.tsv |
		    nonzero >"$T/want"
		perf-report -D "$g" --period $p --by $by -o tsv |
		    cols "$by won won_deals lost_deals pipeline activities" >"$T/got"
		if cmp -s "$T/want" "$T/got" && [ -s "$T/want" ]; then
			ok "$p by $by: won, deals, pipeline and activities equal the awk computation"
		else
			not_ok "$p by $by: won, deals, pipeline and activities equal the awk computation" \
			    "$(diff "$T/want" "$T/got" | head -8 | tr '\n' '|')"
		fi
	done
done
# deal-forecast and plan-report by team, at several days (hand-overs between)
for asof in 2026-05-13 2026-05-14 2026-08-19 2026-08-20 2026-10-24 2026-10-25 2026-11-26; do
	case $asof in
	2026-05*) from=2026-04-01 to=2026-06-30 ;; 2026-08*) from=2026-07-01 to=2026-09-30 ;;
	*) from=2026-10-01 to=2026-12-31 ;;
	esac
	# shellcheck disable=SC2046
	awk -v mode=forecast -v from=$from -v to=$to -v asof=$asof -f "$top/tests/oracle/money.awk" -f "$oracle" $(files) |
	    nonzero >"$T/want"
	deal-forecast -D "$g" --by team --period $from..$to --as-of $asof -o tsv |
	    cols "team won commit best pipeline slipped" >"$T/got"
	if cmp -s "$T/want" "$T/got" && [ -s "$T/want" ]; then
		ok "deal-forecast --by team --as-of $asof equals the awk computation"
	else
		not_ok "deal-forecast --by team --as-of $asof equals the awk computation" \
		    "$(diff "$T/want" "$T/got" | head -8 | tr '\n' '|')"
	fi
done
# shellcheck disable=SC2046
awk -v mode=forecast -v from=2026-10-01 -v to=2026-12-31 -v asof=2026-11-26 -f "$top/tests/oracle/money.awk" -f "$oracle" \
    $(files) | cut -f1,2 | nonzero >"$T/want"
plan-report -D "$g" --period 2026-Q4 -o tsv | cols "team actual" >"$T/got"
if cmp -s "$T/want" "$T/got" && [ -s "$T/want" ]; then
	ok "plan-report by team: actual equals the awk computation"
else
	not_ok "plan-report by team: actual equals the awk computation" \
	    "$(diff "$T/want" "$T/got" | head -8 | tr '\n' '|')"
fi
# org.tsv in any order (a hand edit): its rows reversed tell the same history
r=$T/reversed
cp -R "$g" "$r"
awk 'NR == 1 { print; next } { l[NR] = $0 } END { for (i = NR; i > 1; i--) print l[i] }' \
    "$g/org.tsv" >"$r/org.tsv"
check "org.tsv reversed: the rows are in another order" \
    test "$(sed -n 2p "$g/org.tsv")" != "$(sed -n 2p "$r/org.tsv")"
same() {	# same NAME COMMAND...: the same output, and some, over $g and $r
	name=$1
	shift
	"$@" -D "$g" >"$T/want" 2>&1
	"$@" -D "$r" >"$T/got" 2>&1
	if cmp -s "$T/want" "$T/got" && [ "$(wc -l <"$T/want")" -gt 2 ]; then
		ok "org.tsv reversed: $name"
	else
		not_ok "org.tsv reversed: $name" "$(diff "$T/want" "$T/got" | head -4 | tr '\n' '|')"
	fi
}
for by in rep team manager; do
	same "perf-report --by $by is the same" perf-report --period 2026-Q3 --by $by -o tsv
done
same "perf-report --by month of a rep who moved" perf-report --period 2026 --by month \
    --rep r0010 -o tsv
same "deal-forecast --by team is the same" deal-forecast --by team --period 2026-Q3 \
    --as-of 2026-08-20 -o tsv
# --manager on deal-forecast and plan-report: only the events of the reps
# under the manager on their day, against the awk computation.
perf-report -D "$g" --period 2026 --by manager -o tsv | cols "manager won" |
    awk -F'\t' '$1 != "(no manager)" { print $1 }' >"$T/managers"
check "the generated organisation has managers at two levels at least" \
    test "$(wc -l <"$T/managers")" -ge 2
while read -r m; do
	for asof in 2026-08-20 2026-11-26; do
		case $asof in
		2026-08*) from=2026-07-01 to=2026-09-30 ;; *) from=2026-10-01 to=2026-12-31 ;;
		esac
		# shellcheck disable=SC2046
		awk -v mode=forecast -v from=$from -v to=$to -v asof=$asof -v under="$m" \
		    -f "$top/tests/oracle/money.awk" -f "$oracle" $(files) | nonzero >"$T/want"
		deal-forecast -D "$g" --by team --manager "$m" --period $from..$to \
		    --as-of $asof -o tsv | cols "team won commit best pipeline slipped" >"$T/got"
		cmp -s "$T/want" "$T/got" || echo "deal-forecast $m $asof: $(diff "$T/want" "$T/got" |
		    head -4 | tr '\n' '|')"
	done
	# shellcheck disable=SC2046
	awk -v mode=forecast -v from=2026-10-01 -v to=2026-12-31 -v asof=2026-11-26 \
	    -v under="$m" -f "$top/tests/oracle/money.awk" -f "$oracle" $(files) | cut -f1,2 | nonzero >"$T/want"
	plan-report -D "$g" --period 2026-Q4 --manager "$m" -o tsv | cols "team actual" >"$T/got"
	cmp -s "$T/want" "$T/got" || echo "plan-report $m: $(diff "$T/want" "$T/got" |
	    head -4 | tr '\n' '|')"
done <"$T/managers" >"$T/diff"
check "deal-forecast and plan-report --manager equal the awk computation for every manager" \
    test ! -s "$T/diff"
[ -s "$T/diff" ] && sed 's/^/# /' "$T/diff"
# Every manager's organisation: --manager on perf-report sums what --by manager says.
perf-report -D "$g" --period 2026 --by manager -o tsv | cols "manager won" >"$T/bym"
while IFS='	' read -r m won; do
	case $m in "(no manager)") continue ;; esac
	got=$(perf-report -D "$g" --period 2026 --manager "$m" -o tsv |
	    awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    { s += $(c["won"]) * 100 } END { printf "%.2f\n", s / 100 }')
	[ "$got" = "$won" ] || echo "$m $won $got"
done <"$T/bym" >"$T/diff"
check "perf-report --manager M sums to M's row of --by manager" test ! -s "$T/diff"

# --- by hand: dated changes and their bad input
init
team-add -q north --name North && team-add -q south --name South &&
    team-add -q emea --name EMEA &&
    rep-add -q mia --name Mia --team emea --hired 2025-01-01 &&
    rep-add -q anna --name Anna --team north --hired 2026-01-05 &&
    rep-add -q bob --name Bob --team north --hired 2026-01-05 &&
    rep-add -q cid --name Cid --team south --hired 2026-01-05 ||
    { echo "not ok - setup failed"; exit 1; }
run team-edit north --manager anna --parent emea --date 2026-01-01
expect_status 0 "team-edit: exit 0"
run team-edit emea --manager mia
expect_status 0 "team-edit today: exit 0"
run deal-add --rep bob --account acme --amount 1000 --date 2026-09-01 --expected 2026-12-15
run deal-add --rep bob --account beta --amount 500 --date 2026-09-02 --expected 2026-12-20
run deal-won D2 --date 2026-09-20
run rep-edit bob --team south --date 2026-10-01
expect_status 0 "rep-edit --date: exit 0"
expect_file "$D/org.tsv" "kind	id	field	from	value
rep	bob	team		north
rep	bob	team	2026-10-01	south
team	emea	manager		
team	emea	manager	2026-11-26	mia
team	north	manager		
team	north	manager	2026-01-01	anna
team	north	parent		
team	north	parent	2026-01-01	emea" "org.tsv: the value before, then each change from its day"
run perf-report --period 2026-Q3 --by team -o tsv
expect_out_has "north	North			500.00" "a move after the quarter leaves the quarter's team figures"
run perf-report --period 2026-Q3 --manager anna -o tsv
expect_out_has "bob	south	Bob			500.00" "--manager: bob was in anna's team in Q3"
run perf-report --period 2026-Q3 --manager mia -o tsv
expect_out "rep	team	name	quota	quota_period	won	cancelled	net_won	attainment	expected	pace	won_deals	lost_deals	win_rate	avg_deal	cycle_days	pipeline	weighted	activities	coverage	required_coverage	velocity	rank
anna	north	Anna			0.00	0.00	0.00				0	0				0.00	0.00	0				1" \
    "--manager: mia leads emea only from today: in Q3 nobody sold under her (anna is hers today)"
run rep-end bob --date 2026-11-20
expect_status 0 "rep-end without --hand-over: still ends"
expect_err "rep-end: rep 'bob' still has 1 open deal (D1) (give them to another rep with --hand-over REP, or deal-move --rep and acct-edit --owner)" \
    "rep-end: warns about the open deal"
run sales-check
expect_status 1 "sales-check: a rep who left still owns an open deal"
expect_err_has "D1 is open but its rep 'bob' has left" "sales-check: names the deal"
run deal-forecast --by rep --period 2026-Q4 --as-of 2026-11-01 -o tsv
expect_out_has "bob	0.00	0.00	0.00	0.00	0.00	1000.00" "--as-of before the hand-over: bob's pipeline"
run deal-move D1 --rep cid --date 2026-11-21
expect_status 0 "deal-move --rep: exit 0"
run deal-forecast --by rep --period 2026-Q4 --as-of 2026-11-21 -o tsv
expect_out_has "cid	0.00	0.00	0.00	0.00	0.00	1000.00" "--as-of after the hand-over: cid's pipeline"
run deal-forecast --by rep --period 2026-Q4 --as-of 2026-11-20 -o tsv
expect_out_has "bob	0.00	0.00	0.00	0.00	0.00	1000.00" "--as-of the day before: still bob's"
run sales-check
expect_status 0 "sales-check: clean once the deal is handed over"

bad 1 "rep-edit: date '2026-12-01' is after today (2026-11-26): a change is made on the day it holds" \
    "rep-edit: a date after today" rep-edit anna --team south --date 2026-12-01
bad 1 "rep-edit: rep 'anna': date '2025-06-01' is before hired (2026-01-05)
rep-edit: nothing was changed" "rep-edit: a date before hired" \
    rep-edit anna --team south --date 2025-06-01
bad 1 "rep-edit: manager loop on 2026-11-26: rep 'anna' would manage themselves
rep-edit: nothing was changed" "rep-edit: a manager loop today" rep-edit mia --manager anna
run team-end south --date 2026-11-01
expect_status 0 "team-end: exit 0"
expect_err_has "team 'south' still has bob, cid" "team-end: warns about its reps (bob left later)"
bad 1 "rep-edit: team 'south' does not exist on 2026-11-10 (team-list --all shows when it ended)
rep-edit: nothing was changed" "rep-edit: a team that had ended" \
    rep-edit anna --team south --date 2026-11-10
bad 1 "team-end: team 'south' has already ended (2026-11-01)
team-end: nothing was changed" "team-end: twice" team-end south
bad 1 "team-edit: team 'emea' cannot be its own parent
team-edit: nothing was changed" "team-edit: its own parent" team-edit emea --parent emea
bad 1 "team-edit: loop on 2026-11-26: team 'emea' would be above itself
team-edit: nothing was changed" "team-edit: a loop of parents" team-edit emea --parent north
bad 1 "deal-move: D2 is won (2026-09-20) and cannot be reassigned
deal-move: nothing was changed" "deal-move --rep: a closed deal" deal-move D2 --rep anna
bad 1 "deal-move: rep 'bob' is gone on 2026-11-26 and cannot take D1
deal-move: nothing was changed" "deal-move --rep: a rep who left" deal-move D1 --rep bob
bad 1 "deal-move: D1 already belongs to cid
deal-move: nothing was changed" "deal-move --rep: the owner" deal-move D1 --rep cid
bad 1 "rep-end: rep 'cid' cannot hand over to themselves
rep-end: nothing was changed" "rep-end --hand-over: oneself" rep-end cid --hand-over cid
bad 1 "rep-end: rep 'bob' cannot take over from cid: bob is not active on 2026-11-26
rep-end: nothing was changed" "rep-end --hand-over: a rep who left" rep-end cid --hand-over bob
acct_inode=$(stat -c %i "$D/accounts.tsv")
run rep-end cid --hand-over anna
expect_status 0 "rep-end --hand-over: exit 0"
check "rep-end --hand-over of deals alone: accounts.tsv is not written again" \
    test "$(stat -c %i "$D/accounts.tsv")" = "$acct_inode"
run deal-list --open -o tsv
expect_out_has "D1	anna" "rep-end --hand-over: the open deal is anna's"
tail -n 2 "$D/audit.tsv" | cut -f3- >"$T/aud"
expect_file "$T/aud" "rep-end	end rep cid: status=gone ended=2026-11-26
rep-end	assign deal D1 to anna (was cid)" "rep-end --hand-over: the audit lines"
# a pipe: every open deal of anna's to mia
run sh -c 'deal-list --open --rep anna | deal-move --from - --rep mia'
expect_status 0 "deal-list | deal-move --from - --rep: exit 0"
run deal-list --open -o tsv
expect_out_has "D1	mia" "the pipe hands the deals over"
# a rehire: a new hire date, the earlier tenure kept
run rep-edit bob --status active --date 2026-11-25
expect_status 0 "rep-edit --status active: a rehire"
run rep-list --all -o tsv
expect_out_has "bob	Bob		south" "a rehire keeps the rep's row"
check "a rehire: hired is the new day" grep -q "^bob	Bob		south			2026-11-25	active" "$D/reps.tsv"
check "a rehire: the earlier tenure is in org.tsv" grep -q "^rep	bob	status	2026-11-20	gone" "$D/org.tsv"
# accounts: a dated owner
run acct-add acme --name Acme --owner anna
run acct-edit acme --owner mia --date 2026-11-01
expect_status 0 "acct-edit --owner --date: exit 0"
check "acct-edit: the view has today's owner" grep -q "^acme	Acme					mia" "$D/accounts.tsv"
check "acct-edit: org.tsv has the owner before" grep -q "^account	acme	owner		anna" "$D/org.tsv"
check "acct-edit: and the new one from its day" \
    grep -q "^account	acme	owner	2026-11-01	mia" "$D/org.tsv"
bad 1 "acct-edit: owner 'cid' is not an active rep (status gone)
acct-edit: nothing was changed" "acct-edit --owner: a rep who left" acct-edit acme --owner cid
bad 1 "acct-edit: date '2026-12-01' is after today (2026-11-26): a change is made on the day it holds" \
    "acct-edit --date: after today" acct-edit acme --owner anna --date 2026-12-01
# --manager of the lists: direct and indirect
rep-edit -q anna --team north && rep-add -q dora --name Dora --team north --hired 2026-02-01 ||
    { echo "not ok - setup of the lists failed"; exit 1; }
run rep-list --manager mia -o tsv
expect_status 0 "rep-list --manager: exit 0"
cut -f1 "$T/out" >"$T/who"
expect_file "$T/who" "rep
anna
dora" "rep-list --manager: anna (through emea) and dora (through north, under emea)"
run rep-list --manager anna -o tsv
cut -f1 "$T/out" >"$T/who"
expect_file "$T/who" "rep
dora" "rep-list --manager: a first-line manager's own team"
run coach-note dora 'pipeline review' --kind 1on1 --date 2026-11-20
run coach-note dora 'closed acme' --kind praise
run coach-list --manager mia -o tsv
expect_out_has "dora	praise" "coach-list --manager: a note on an indirect report"
check "coach-list --manager: not one from before mia led emea" \
    eval '! grep -q "1on1" "$T/out"'
run coach-list --manager dora -o tsv
expect_status 0 "coach-list --manager: exit 0"
expect_out "note	date	rep	kind	text	follow_up	done" "coach-list --manager: nobody under dora"
run train-status --manager anna -o tsv
expect_status 0 "train-status --manager: exit 0"
bad 1 "rep-list: unknown manager 'zed' (rep-list --all shows every rep)" \
    "rep-list --manager: unknown" rep-list --manager zed
# the README's reorganisation: a team's reps move in a pipe, the team closes
team-add -q west --name West && team-add -q east --name East &&
    rep-add -q eli --name Eli --team west --hired 2026-01-05 &&
    rep-add -q fay --name Fay --team west --hired 2026-01-05 ||
    { echo "not ok - setup of the pipe failed"; exit 1; }
run sh -c 'rep-list --team west | rep-edit --from - --team east --date 2026-07-01'
expect_status 0 "rep-list --team | rep-edit --from - --team --date: exit 0"
run team-end west --date 2026-07-01
expect_status 0 "team-end after the move: exit 0"
expect_err_empty "team-end: nobody left on the team, nothing to warn about"
run rep-list --team east -o tsv
cut -f1 "$T/out" >"$T/who"
expect_file "$T/who" "rep
eli
fay" "the pipe moved every rep of the team"
check "org.tsv: each move from its day" \
    test "$(grep -c "	team	2026-07-01	east" "$D/org.tsv")" -eq 2
run sales-check
expect_status 0 "sales-check: clean after the reorganisation"
# an end date given with the status is the day it holds from: a correction
rep-edit -q fay --status leave --date 2026-08-01 && rep-edit -q fay --status active --date 2026-08-15 ||
    { echo "not ok - setup of the correction failed"; exit 1; }
run rep-edit fay --status gone --set ended=2026-07-20
expect_status 0 "rep-edit --status gone --set ended=: exit 0"
grep "^rep	fay	status" "$D/org.tsv" >"$T/st"
expect_file "$T/st" "rep	fay	status	2026-01-05	active
rep	fay	status	2026-07-20	gone" "org.tsv: gone from the end date given, the later leave and return gone"
check "the view: gone, ended the date given" grep -q "^fay	Fay		east			2026-01-05	gone	2026-07-20" "$D/reps.tsv"
bad 1 "rep-edit: rep 'eli': ended '2026-12-01' is after today (2026-11-26)
rep-edit: nothing was changed" "rep-edit: an end date after today" \
    rep-edit eli --status gone --set ended=2026-12-01
run sales-check
expect_status 0 "sales-check: clean after the correction"
# rep-end of one rep on the command line builds the organisation of what
# it touches alone (the rep, the one taking over, the rep's accounts); it
# writes what the same end through --from writes, which builds it whole
acct-add -q omega --name Omega --owner eli &&
    deal-add -q --rep eli --account omega --amount 700 --date 2026-11-02 ||
    { echo "not ok - setup of eli's end failed"; exit 1; }
rm -rf "$T/whole" && cp -a "$D" "$T/whole"
run rep-end eli --hand-over anna --date 2026-11-20
expect_status 0 "rep-end REP --hand-over, with an account: exit 0"
printf 'rep\thand_over\tdate\neli\tanna\t2026-11-20\n' >"$T/end.tsv"
run rep-end -D "$T/whole" --from "$T/end.tsv"
expect_status 0 "rep-end --from, the same end: exit 0"
for f in reps.tsv org.tsv accounts.tsv deals/2026-11.tsv; do
	check "rep-end REP writes the $f rep-end --from writes" cmp -s "$D/$f" "$T/whole/$f"
done
grep "^account	omega\|^rep	eli	status" "$D/org.tsv" >"$T/hist"
expect_file "$T/hist" "account	omega	owner		eli
account	omega	owner	2026-11-20	anna
rep	eli	status	2026-01-05	active
rep	eli	status	2026-11-20	gone" "org.tsv: eli's status and account owner, before and from the end"
done_testing
