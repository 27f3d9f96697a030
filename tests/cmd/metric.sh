# perf-report --metric: quotas of deals and of activities are measured,
# by hand and against the awk computation (tests/oracle/perf.awk -v
# metric=...) on sales-gen data; flags, teams, formats and bad input.
. "$(dirname "$0")/lib.sh"
oracle=$top/tests/oracle/perf.awk
D=$SALESMGR_DIR

init
team-add -q north --name North
rep-add -q anna --name Anna --team north --hired 2025-01-01
rep-add -q bob --name Bob --team north --hired 2025-01-01
setup quota-set 2026-Q4 anna 10000
setup quota-set 2026-Q4 anna 4 --metric deals
setup quota-set 2026-Q4 bob 2 --metric deals
setup quota-set 2026-11 anna 10 --metric activities
setup quota-set 2026-Q4 --team north 5 --metric deals
setup deal-add --rep anna --account acme --amount 3000 --stage won --date 2026-10-05 \
    --closed 2026-10-20 --new-accounts
setup deal-add --rep anna --account beta --amount 1000 --stage won --date 2026-11-02 \
    --closed 2026-11-10 --new-accounts
setup deal-add --rep bob --account gamma --amount 500 --stage won --date 2026-11-03 \
    --closed 2026-11-12 --new-accounts
setup deal-add --rep bob --account gamma --amount 700 --stage won --date 2026-11-04 \
    --closed 2026-11-13
for d in 02 03 05 09 10 16 17 18; do
	setup act-log --rep anna --kind call --date 2026-11-$d
done

# Q4 is 92 days; on 11-26, 57 have passed: expected = quota x 57 / 92.
run perf-report --period 2026-Q4 --metric deals
expect_status 0 "--metric deals: exit 0"
expect_out "rep	team	name	metric	quota	quota_period	won	cancelled	net_won	attainment	expected	pace	won_deals	lost_deals	win_rate	avg_deal	cycle_days	pipeline	weighted	activities	rank
bob	north	Bob	deals	2	2026-Q4	1200.00	0.00	1200.00	100.0	1	on-track	2	0	100.0	600.00	9	0.00	0.00	0	1
anna	north	Anna	deals	4	2026-Q4	4000.00	0.00	4000.00	50.0	2	on-track	2	0	100.0	2000.00	11.5	0.00	0.00	8	2" \
    "--metric deals: won_deals over the deals quota, counts, pace on counts (4 x 57 / 92 = 2)"
run perf-report --period 2026-11 --metric activities --rep anna --no-header
expect_out "anna	north	Anna	activities	10	2026-11	1000.00	0.00	1000.00	80.0	9	behind	1	0	100.0	1000.00	8	0.00	0.00	8	1" \
    "--metric activities: 8 of 10, expected 10 x 26 / 30 = 9, behind"
run perf-report --period 2026-Q4 --rep anna --no-header
expect_out "anna	north	Anna	10000.00	2026-Q4	4000.00	0.00	4000.00	40.0	6195.65	behind	2	0	100.0	2000.00	11.5	0.00	0.00	8	1" \
    "without --metric: revenue, and no metric column, as before"
run perf-report --period 2026-Q4 --metric revenue --rep anna --no-header
expect_out "anna	north	Anna	revenue	10000.00	2026-Q4	4000.00	0.00	4000.00	40.0	6195.65	behind	2	0	100.0	2000.00	11.5	0.00	0.00	8	1" \
    "--metric revenue: the same figures, with the metric column"
run perf-report --period 2026-Q4 --metric deals --by team --no-header
expect_out "north	North	deals	5	2026-Q4	5200.00	0.00	5200.00	80.0	3	on-track	4	0	100.0	1300.00	9	0.00	0.00	8	1" \
    "--metric deals --by team: the team's own deals quota against its won deals"
run perf-report --period 2026-Q4 --metric deals --flag --no-header
expect_out "bob	north	Bob	deals	2	2026-Q4	1200.00	0.00	1200.00	100.0	1	on-track	2	0	100.0	600.00	9	0.00	0.00	0	1	top
anna	north	Anna	deals	4	2026-Q4	4000.00	0.00	4000.00	50.0	2	on-track	2	0	100.0	2000.00	11.5	0.00	0.00	8	2	" \
    "--flag: top when the deals quota is met"
run perf-report --period 2026-Q4 --metric activities --no-header --rep bob
expect_out "bob	north	Bob	activities			1200.00	0.00	1200.00				2	0	100.0	600.00	9	0.00	0.00	0	1" \
    "no activities quota: no quota, attainment or pace"
run perf-report --period 2026-Q4 --metric deals -o table --rep anna
expect_out "rep   team   name  metric  quota  quota_period       won  cancelled   net_won  attainment  bar                   expected  pace      won_deals  lost_deals  win_rate  avg_deal  cycle_days  pipeline  weighted  activities  rank
anna  north  Anna  deals       4  2026-Q4       4,000.00       0.00  4,000.00        50.0  ██████████··········         2  on-track          2           0     100.0  2,000.00        11.5      0.00      0.00           8     1" \
    "-o table: the quota and expected as counts, not money"
run perf-report --period 2026-Q4 --metric deals -o json --rep bob
expect_out '{"rep":"bob","team":"north","name":"Bob","metric":"deals","quota":2,"quota_period":"2026-Q4","won":1200.00,"cancelled":0.00,"net_won":1200.00,"attainment":100.0,"expected":1,"pace":"on-track","won_deals":2,"lost_deals":0,"win_rate":100.0,"avg_deal":600.00,"cycle_days":9,"pipeline":0.00,"weighted":0.00,"activities":0,"rank":1}' \
    "-o json: counts as integers"
run perf-report --period 2026-Q4 --metric deals -o html
check "-o html: the chart says 50.0% of 4, not of 0.04" grep -q '50.0% of 4<' "$T/out"

# --- bad input
bad 2 "perf-report: invalid --metric 'deal': want revenue, deals or activities" \
    "--metric deal" perf-report --metric deal
bad 2 "perf-report: invalid --metric '': want revenue, deals or activities" \
    "--metric ''" perf-report --metric ''

# --- pipe: a deals quota for every active rep from the roster, then measured
run sh -c "rep-list | awk -F'\t' -v OFS='\t' 'NR == 1 { print \"period\", \"rep\", \"metric\", \"target\"; next } { print \"2026-12\", \$1, \"deals\", 3 }' | quota-set --from - && perf-report --period 2026-12 --metric deals --no-header"
expect_status 0 "rep-list | quota-set --from - && perf-report --metric deals"
expect_out "anna	north	Anna	deals	3	2026-12	0.00	0.00	0.00	0.0	0	on-track	0	0				0.00	0.00	0	1
bob	north	Bob	deals	3	2026-12	0.00	0.00	0.00	0.0	0	on-track	0	0				0.00	0.00	0	2" \
    "the pipe: each rep's deals quota for December, which has not begun"

# --- sales-gen data with deals and activities quotas per rep and month,
# against the oracle
cols=rep,quota,won,cancelled,net_won,attainment,expected,pace,won_deals,lost_deals,win_rate,avg_deal,cycle_days,pipeline,weighted,activities
pick() {
	awk -F'\t' -v want="$cols" 'BEGIN { OFS = "\t"; n = split(want, w, ",") }
	    NR == 1 { for (i = 1; i <= NF; i++) ix[$i] = i; next }
	    { line = $(ix[w[1]]); for (k = 2; k <= n; k++) line = line OFS $(ix[w[k]]); print line }' "$1" | sort
}
G=$T/gen
sales-gen -q --seed 3 --reps 20 --deals 2000 --months 8 "$G" || not_ok "sales-gen"
# every rep: 1 to 4 deals and 5 to 40 activities a month, from its number
SALESMGR_DIR=$G rep-list --all | awk -F'\t' -v OFS='\t' '
    NR == 1 { print "period", "rep", "metric", "target"; next }
    { n = substr($1, 2) + 0
      for (m = 4; m <= 12; m++) {
          print sprintf("2026-%02d", m), $1, "deals", 1 + n % 4
          print sprintf("2026-%02d", m), $1, "activities", 5 + (n * 7) % 36 } }' |
    SALESMGR_DIR=$G quota-set -q --from - || not_ok "quota-set --from the generated quotas"
against() {	# against METRIC FROM TO PERIOD
	awk -v from="$2" -v to="$3" -v today="$SALESMGR_TODAY" -v metric="$1" -f "$top/tests/oracle/money.awk" -f "$top/tests/oracle/days.awk" -f "$oracle" \
	    "$G/stages.tsv" "$G/quotas.tsv" "$G"/deals/*.tsv "$G"/activities/*.tsv |
	    sort >"$T/oracle"
	SALESMGR_DIR=$G perf-report --period "$4" --metric "$1" >"$T/report" 2>"$T/err"
	pick "$T/report" >"$T/mine"
	if [ -s "$T/mine" ] && cmp -s "$T/oracle" "$T/mine"; then
		ok "$1, $4: every rep's attainment equals the awk computation"
	else
		not_ok "$1, $4: differs from the awk computation" \
		    "$(diff "$T/oracle" "$T/mine" | head -6 | tr '\n' '|')" "$(head -c 300 "$T/err")"
	fi
}
for m in deals activities revenue; do
	against $m 2026-10-01 2026-12-31 2026-Q4
	against $m 2026-11-01 2026-11-26 mtd
	against $m 2026-07-01 2026-09-30 2026-Q3
done
# --- a team without a quota of its own, and a manager: the sum of their
# reps' quotas of the metric, not of revenue
M=$T/mgr
(SALESMGR_DIR=$M && export SALESMGR_DIR && sales-init -q && team-add -q south --name South &&
    rep-add -q lead --name Lead --team south --hired 2025-01-01 &&
    rep-add -q cara --name Cara --team south --manager lead --hired 2025-01-01 &&
    rep-add -q dan --name Dan --team south --manager lead --hired 2025-01-01 &&
    quota-set -q 2026-Q4 cara 3 --metric deals && quota-set -q 2026-Q4 dan 2 --metric deals &&
    quota-set -q 2026-Q4 cara 9000 && deal-add -q --rep dan --account delta --amount 800 \
    --stage won --date 2026-10-01 --closed 2026-10-09 --new-accounts) || not_ok "a team and a manager with deals quotas"
for by in team manager; do
	SALESMGR_DIR=$M perf-report --period 2026-Q4 --by $by --metric deals -o tsv 2>"$T/err" |
	    awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) ix[$i] = i; next }
	        { print $1, $(ix["metric"]), $(ix["quota"]), $(ix["quota_period"]) }' >"$T/out"
	expect_out "$( [ $by = team ] && echo south || echo lead) deals 5 sum of reps" \
	    "--by $by --metric deals: 3 + 2, the reps' deals quotas, not cara's revenue quota"
done
n=$(SALESMGR_DIR=$G perf-report --period 2026-Q3 --metric deals --no-header |
    awk -F'\t' '$5 != "" { n++ } END { print n + 0 }')
check "the generated deals quotas are read ($n reps with one)" test "$n" -ge 15

done_testing
