# deal-age: idle days, days at the stage, pushes of the close date and the
# stays at each stage, on hand-made deals (deal-age(1)'s example) and on
# sales-gen data with planted pushes, stale deals and a reopen, against an
# independent awk computation (tests/oracle/age.awk); bad input; pipes.
. "$(dirname "$0")/lib.sh"
oracle=$top/tests/oracle/age.awk
D=$SALESMGR_DIR

init
team-add -q north --name North
rep-add -q anna --name Anna --team north --hired 2025-01-01
rep-add -q bob --name Bob --team north --hired 2025-01-01
# D1: moved on twice, its close date pushed twice, nothing logged on it.
setup deal-add --rep anna --account acme --amount 1000 --stage lead --expected 2026-10-31 \
    --date 2026-09-01 --new-accounts
setup deal-move D1 --stage qualified --date 2026-09-20
setup deal-move D1 --stage proposal --expected 2026-11-30 --date 2026-10-05
setup deal-move D1 --expected 2026-12-31 --date 2026-11-01
# D2: new, with a call yesterday.
setup deal-add --rep bob --account beta --amount 500 --stage proposal --expected 2026-12-15 \
    --date 2026-11-20 --new-accounts
setup act-log --rep bob --kind call --deal D2 --account beta --date 2026-11-25
# D3: lost, then reopened at qualified.
setup deal-add --rep anna --account gamma --amount 300 --stage lead --date 2026-10-01 \
    --new-accounts
setup deal-lost D3 --reason budget --date 2026-10-10
setup deal-move D3 --stage qualified --date 2026-11-02
# D4: won after ten days at lead and ten at negotiation.
setup deal-add --rep bob --account delta --amount 700 --stage lead --date 2026-10-01 \
    --new-accounts
setup deal-move D4 --stage negotiation --date 2026-10-11
setup deal-won D4 --date 2026-10-21
# D5: a first expected date is no push, nor is one brought forward.
setup deal-add --rep anna --account acme --amount 200 --stage lead --date 2026-11-10
setup deal-move D5 --expected 2026-12-01 --date 2026-11-12
setup deal-move D5 --expected 2026-11-28 --date 2026-11-13

HDR='deal	rep	account	product	amount	stage	expected	opened	stage_since	stage_days	pushes	last_event	last_activity	idle_days	why'
run deal-age
expect_status 0 "deal-age: every open deal"
expect_out "$HDR
D1	anna	acme		1000.00	proposal	2026-12-31	2026-09-01	2026-10-05	52	2	2026-11-01		25	
D2	bob	beta		500.00	proposal	2026-12-15	2026-11-20	2026-11-20	6	0	2026-11-20	2026-11-25	1	
D3	anna	gamma		300.00	qualified		2026-10-01	2026-11-02	24	0	2026-11-02		24	
D5	anna	acme		200.00	lead	2026-11-28	2026-11-10	2026-11-10	16	0	2026-11-13		13	" \
    "stage since the move, pushes only later, idle from the later of event and activity"
against() {	# against WHAT [oracle -v ...] -- [deal-age options]
	what=$1; shift
	va=
	while [ "$1" != -- ]; do va="$va -v $1"; shift; done
	shift
	# shellcheck disable=SC2086
	awk -v today="$SALESMGR_TODAY" -v mode=deals $va -f "$top/tests/oracle/days.awk" -f "$oracle" "$D/stages.tsv" \
	    "$D"/deals/*.tsv "$D"/activities/*.tsv | sort >"$T/want"
	deal-age --no-header "$@" | sort >"$T/got"
	if [ -s "$T/want" ] && cmp -s "$T/want" "$T/got"; then ok "$what"
	else not_ok "$what" "$(diff "$T/want" "$T/got" | head -6 | tr '\n' '|')"; fi
}
against "hand-made: the oracle agrees" --

run deal-age --idle 20
expect_out "$HDR
D1	anna	acme		1000.00	proposal	2026-12-31	2026-09-01	2026-10-05	52	2	2026-11-01		25	idle
D3	anna	gamma		300.00	qualified		2026-10-01	2026-11-02	24	0	2026-11-02		24	idle" \
    "--idle 20: idle for 20 days or more"
run deal-age --idle 25 --stage-days proposal=6 --pushed 2 --rep anna --no-header
expect_out "D1	anna	acme		1000.00	proposal	2026-12-31	2026-09-01	2026-10-05	52	2	2026-11-01		25	idle,stage,pushed" \
    "every reason a deal is listed, and --rep"
run deal-age --stage-days proposal=6,lead=17 --no-header
expect_out "D1	anna	acme		1000.00	proposal	2026-12-31	2026-09-01	2026-10-05	52	2	2026-11-01		25	stage
D2	bob	beta		500.00	proposal	2026-12-15	2026-11-20	2026-11-20	6	0	2026-11-20	2026-11-25	1	stage" \
    "--stage-days: a limit per stage, at the limit counts, lead 16 < 17 does not"
against "--stage-days: the oracle agrees" limits=proposal=6,lead=17 -- --stage-days proposal=6,lead=17

run deal-age --stages
expect_out "stage	open	open_days	open_days_max	stays	stay_days	stay_days_max
lead	1	16	16	3	10	19
qualified	1	24	24	1	15	15
proposal	2	29	52	0		
negotiation	0			1	10	10" \
    "--stages: open deals and ended stays per open stage"

# --- pipes: the stale deal is closed as lost, then no longer listed
snapshot
run sh -c 'deal-age --idle 25 | deal-lost --from - --reason "gone quiet"'
expect_status 0 "deal-age --idle 25 | deal-lost --from -"
run deal-list --lost --no-header
check "D1 is lost, for going quiet" grep -q "^D1	anna	.*	lost	.*	gone quiet	" "$T/out"
run deal-age --idle 25 --no-header
expect_out_empty "no deal is idle 25 days now"
run sh -c 'deal-age --idle 25 | deal-lost --from - --reason "gone quiet"'
expect_status 0 "a quiet night: nothing idle, the pipe still succeeds"

# --- formats
run deal-age -o json --rep bob
expect_out '{"deal":"D2","rep":"bob","account":"beta","product":null,"amount":500.00,"stage":"proposal","expected":"2026-12-15","opened":"2026-11-20","stage_since":"2026-11-20","stage_days":6,"pushes":0,"last_event":"2026-11-20","last_activity":"2026-11-25","idle_days":1,"why":null}' \
    "-o json: days and pushes as numbers"
run deal-age -o table --rep bob
expect_out "deal  rep  account  product  amount  stage     expected    opened      stage_since  stage_days  pushes  last_event  last_activity  idle_days  why
D2    bob  beta              500.00  proposal  2026-12-15  2026-11-20  2026-11-20            6       0  2026-11-20  2026-11-25             1" \
    "-o table: aligned"

# --- bad input: the message, the status, nothing on stdout, nothing written
bad 2 "deal-age: invalid --idle 'x': want a whole number of days" "--idle x" deal-age --idle x
bad 2 "deal-age: invalid --idle '-3': want a whole number of days" "--idle -3" deal-age --idle -3
bad 2 "deal-age: invalid --pushed '1.5': want a whole number of times" "--pushed 1.5" \
    deal-age --pushed 1.5
bad 2 "deal-age: invalid --stage-days 'proposal': want STAGE=DAYS, like proposal=14" \
    "--stage-days without =" deal-age --stage-days proposal
bad 2 "deal-age: invalid --stage-days 'proposal=soon': want a whole number of days" \
    "--stage-days proposal=soon" deal-age --stage-days proposal=soon
bad 1 "deal-age: unknown stage 'propsal' (did you mean 'proposal'?)" "--stage-days with a typo" \
    deal-age --stage-days lead=3,propsal=14
bad 1 "deal-age: stage 'won' is not an open stage (see stages.tsv)" "--stage-days won=3" \
    deal-age --stage-days won=3
bad 1 "deal-age: unknown rep 'ana' (did you mean 'anna'?)" "--rep with a typo" deal-age --rep ana
bad_usage "deal-age: --stages goes with none of --idle, --stage-days, --pushed and --rep" \
    "--stages with --idle" deal-age --stages --idle 3
run deal-age D1
expect_fail 2 "usage: deal-age " "an operand: the usage, exit 2"
run deal-age -D "$T/nowhere"
expect_fail 1 "sales-init" "a missing data directory names sales-init"
if [ -w /dev/full ]; then
	deal-age >/dev/full 2>"$T/err"; st=$?
	expect_status 1 "a full disk on stdout is an error"
fi

# --- sales-gen data with planted pushes and stale deals, against the oracle
G=$T/gen
sales-gen -q --seed 7 --deals 1500 --months 6 "$G" || not_ok "sales-gen" "failed"
SALESMGR_DIR=$G
D=$G
# every third open deal pushed to January, every fifth (again) to February,
# today; a deal with no expected date is left alone ...
deal-age --no-header | awk -F'\t' -v OFS='\t' 'BEGIN { print "deal", "expected" }
    NR % 3 == 0 && $7 != "" { print $1, "2027-01-31" }' >"$T/push1"
deal-age --no-header | awk -F'\t' -v OFS='\t' 'BEGIN { print "deal", "expected" }
    NR % 5 == 0 && $7 != "" { print $1, "2027-02-28" }' >"$T/push2"
setup deal-move --from "$T/push1"
setup deal-move --from "$T/push2"
# ... and a call logged on every fourth, two days ago.
deal-age --no-header | awk -F'\t' -v OFS='\t' 'BEGIN { print "rep", "kind", "deal", "date" }
    NR % 4 == 1 { print $2, "call", $1, "2026-11-24" }' >"$T/acts"
setup act-log --from "$T/acts"
n=$(deal-age --pushed 1 --no-header | wc -l)
check "planted: some deals pushed once ($n)" test "$n" -gt 5
n2=$(deal-age --pushed 2 --no-header | wc -l)
check "planted: fewer pushed twice ($n2)" test "$n2" -gt 0 -a "$n2" -lt "$n"
against "sales-gen: every open deal as the oracle has it" --
against "sales-gen: --idle 10 --pushed 2 --stage-days lead=20,proposal=10" \
    idle=10 pushed=2 limits=lead=20,proposal=10 -- --idle 10 --pushed 2 \
    --stage-days lead=20,proposal=10
# --stages: counts, medians and maxima from the oracle's stays, by sort and awk
summary() {	# stage TAB days lines -> stage n median max
	sort -t "$(printf '\t')" -k1,1 -k2,2n | awk -F'\t' -v OFS='\t' '
	function flush() { if (n) print s, n, (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2), v[n] }
	$1 != s { flush(); s = $1; n = 0 } { v[++n] = $2 } END { flush() }'
}
same_summary() {	# same_summary WHAT MODE COLUMNS: the oracle's MODE against --stages
	awk -v today="$SALESMGR_TODAY" -v mode="$2" -f "$top/tests/oracle/days.awk" -f "$oracle" "$D/stages.tsv" \
	    "$D"/deals/*.tsv "$D"/activities/*.tsv | summary >"$T/want"
	deal-age --stages --no-header | awk -F'\t' -v OFS='\t' -v c="$3" '
	    BEGIN { split(c, k, ",") } $k[1] > 0 { print $1, $k[1], $k[2], $k[3] }' |
	    sort >"$T/got"
	if [ -s "$T/want" ] && cmp -s "$T/want" "$T/got"; then ok "$1"
	else not_ok "$1" "$(diff "$T/want" "$T/got" | tr '\n' '|')"; fi
}
same_summary "--stages: the stays as the oracle has them" stays 5,6,7
same_summary "--stages: the open deals as the oracle has them" open 2,3,4

done_testing
