# deal-forecast and plan-report: the forecast arithmetic on hand-made
# deals, --as-of against a copy of the data cut off at that date, both
# programs against an independent awk computation (tests/oracle/forecast.awk)
# on sales-gen data, --accuracy, formats and bad input.
. "$(dirname "$0")/lib.sh"
oracle=$top/tests/oracle/forecast.awk
D=$SALESMGR_DIR

# --- hand-made: stages with Odoo's 90% and 20%, and an open stage omitted
# from the forecast
init
team-add -q north --name North
rep-add -q anna --name Anna --team north --hired 2025-01-01
rep-add -q bob --name Bob --team north --hired 2025-01-01
printf 'stage\torder\tprobability\tcategory\tstate
lead\t1\t10\tpipeline\topen
qualified\t2\t20\tpipeline\topen
proposal\t3\t50\tbest\topen
negotiation\t4\t90\tcommit\topen
parked\t5\t30\tomitted\topen
won\t6\t100\tclosed\twon
lost\t7\t0\tomitted\tlost
' >"$D/stages.tsv"
printf 'period\trep\tteam\tmetric\ttarget\n2026-Q4\tanna\t\trevenue\t20000.00\n' >"$D/quotas.tsv"
printf 'account\tname\tsegment\tregion\tpotential\tpriority\towner\tsince
acme\tAcme\tenterprise\twest\t\t\t\t
' >"$D/accounts.tsv"
printf 'period\tdimension\tkey\tmetric\ttarget
2026-Q4\tteam\tnorth\trevenue\t30000.00
2026-Q4\tregion\twest\trevenue\t5000.00
2026-Q4\tregion\twest\tdeals\t9
2026-Q3\tregion\teast\trevenue\t7000.00
' >"$D/plans.tsv"
mkdir -p "$D/deals"
H='date\tdeal\tevent\trep\taccount\tproduct\tamount\tstage\texpected\tref\treason\tnote\topened\n'
ev() { printf '%s\t' "$@" | sed 's/\t$//'; echo; }
{
	printf "$H"
	# D7 is expected next quarter, then moved into this one on 11-20.
	ev 2026-10-01 D7 open anna beta core 2000.00 proposal 2027-02-01 '' '' '' 2026-10-01
} >"$D/deals/2026-10.tsv"
{
	printf "$H"
	ev 2026-11-02 D1 open anna acme odoo 3800.00 negotiation 2026-12-10 '' '' '' 2026-11-02
	ev 2026-11-02 D2 open anna beta odoo 22500.00 qualified 2026-12-20 '' '' '' 2026-11-02
	ev 2026-11-03 D3 open anna acme core 1000.00 lead 2026-11-30 '' '' '' 2026-11-03
	ev 2026-11-05 D3 won anna acme core 1000.00 won 2026-11-30 '' '' '' 2026-11-03
	ev 2026-11-04 D4 open bob gamma core 1500.00 negotiation 2026-11-10 '' '' '' 2026-11-04
	ev 2026-11-04 D5 open bob gamma core 800.00 parked 2026-12-01 '' '' '' 2026-11-04
	ev 2026-11-04 D6 open bob gamma core 900.00 proposal 2027-01-15 '' '' '' 2026-11-04
	ev 2026-11-06 D8 open bob delta '' 500.00 lead 2026-11-30 '' '' '' 2026-11-06
	ev 2026-11-07 D8 won bob delta '' 500.00 won 2026-11-30 '' '' '' 2026-11-06
	ev 2026-11-20 D7 stage anna beta core 2000.00 proposal 2026-12-15 '' '' '' 2026-10-01
	ev 2026-11-20 D8 cancel bob delta '' 500.00 won 2026-11-30 '' refund '' 2026-11-06
} >"$D/deals/2026-11.tsv"

HDR='rep	won	commit	commit_weighted	best	best_weighted	pipeline	pipeline_weighted	forecast	run_rate	target	target_period	target_from	gap	slipped_deals	slipped	won_deals	coverage	required_coverage	velocity'
run deal-forecast
expect_status 0 "deal-forecast on hand-made deals"
expect_out "$HDR
anna	1000.00	3800.00	3420.00	2000.00	1000.00	22500.00	4500.00	9920.00		20000.00	2026-Q4	quota	10080.00	0	0.00	1	1.5	1.0	1500.00
bob	0.00	0.00	0.00	0.00	0.00	0.00	0.00	0.00						1	1500.00	0			" \
    "by rep: categories weighted, a moved deal counted, a slipped deal listed, an omitted stage left out, no run rate on 1 won deal; coverage 28,300 / (20,000 - 1,000), 1 won of 1 closed, velocity 3 open x 1,000 / 2 days"
expect_err "deal-forecast: no run rate for 2 of 2 reps with fewer than 3 won deals in 2026-Q4 to 2026-11-26 (see won_deals)" \
    "by rep: the run rates left out are said"
run deal-forecast --by product --period 2026-Q4 --no-header
expect_out "core	1000.00	0.00	0.00	2000.00	1000.00	0.00	0.00	2000.00						1	1500.00	1			
odoo	0.00	3800.00	3420.00	0.00	0.00	22500.00	4500.00	7920.00						0	0.00	0			
unknown	0.00	0.00	0.00	0.00	0.00	0.00	0.00	0.00						0	0.00	0			" \
    "Odoo's example: 3,800.00 at 90% and 22,500.00 at 20% weigh 7,920.00; no product is unknown"
run deal-forecast --as-of 2026-11-19 --no-header
expect_out "anna	1000.00	3800.00	3420.00	0.00	0.00	22500.00	4500.00	8920.00		20000.00	2026-Q4	quota	11080.00	0	0.00	1	1.4	1.0	1000.00
bob	500.00	0.00	0.00	0.00	0.00	0.00	0.00	500.00						1	1500.00	1		1.0	0.00" \
    "--as-of before the move: the deal is next quarter's, and the cancel has not happened; bob's only open deal has slipped, so his velocity is 0"
run deal-forecast --as-of 2026-11-03 --period 2026-11 --no-header
expect_out "anna	0.00	0.00	0.00	0.00	0.00	1000.00	100.00	100.00		6521.74	2026-Q4 30/92 days	quota	6421.74	0	0.00	0	0.2		
bob	0.00	0.00	0.00	0.00	0.00	0.00	0.00	0.00						0	0.00	0			" \
    "--as-of a day inside a month: only that day's events and earlier; the month gets 30/92 of the quarter's quota (20,000.00 x 30 / 92 = 6,521.74)"
expect_err "deal-forecast: only 3 of the 30 days of 2026-11 have passed by 2026-11-03: no run rate before day 8" \
    "--as-of 3 days into a month: no run rate yet, said"
run deal-forecast --by team -o json
expect_out '{"team":"north","won":1000.00,"commit":3800.00,"commit_weighted":3420.00,"best":2000.00,"best_weighted":1000.00,"pipeline":22500.00,"pipeline_weighted":4500.00,"forecast":9920.00,"run_rate":null,"target":20000.00,"target_period":"sum of reps","target_from":"reps","gap":10080.00,"slipped_deals":1,"slipped":1500.00,"won_deals":1,"coverage":1.5,"required_coverage":1.0,"velocity":1500.00}' \
    "by team, json: the sum of the reps' quotas"
run deal-forecast --by region -o table
expect_out "region        won    commit  commit_weighted      best  best_weighted   pipeline  pipeline_weighted  forecast  run_rate    target  target_period  target_from     gap  slipped_deals   slipped  won_deals  coverage  required_coverage  velocity
unknown      0.00      0.00             0.00  2,000.00       1,000.00  22,500.00           4,500.00  5,500.00                                                                      1  1,500.00          0
west     1,000.00  3,800.00         3,420.00      0.00           0.00       0.00               0.00  4,420.00            5,000.00  2026-Q4        plan         580.00              0      0.00          1       1.0" \
    "by region, table: accounts not in accounts.tsv are unknown; the plan is the target; coverage 3,800 / 4,000 = 0.95, rounded half away from zero"
run deal-forecast --by segment --no-header --period 2026-Q3
expect_status 0 "a quarter with nothing in it"
expect_out_empty "prints no rows"
printf 'period\trep\tteam\tmetric\ttarget\n2026-Q4\t\tnorth\trevenue\t25000.00\n' >"$T/q"
cp "$D/quotas.tsv" "$T/quotas.keep"
tail -n +2 "$T/q" >>"$D/quotas.tsv"
run deal-forecast --by team --no-header -o tsv
expect_out "north	1000.00	3800.00	3420.00	2000.00	1000.00	22500.00	4500.00	9920.00		25000.00	2026-Q4	quota	15080.00	1	1500.00	1	1.2	1.0	1500.00" \
    "by team: the team's own quota first"
cp "$T/quotas.keep" "$D/quotas.tsv"

# plan-report on the same deals
run plan-report
expect_out "team	target	target_period	actual	forecast	gap	days_left	needed_per_day
north	30000.00	2026-Q4	1000.00	9920.00	20080.00	35	828.57" \
    "plan-report: target, actual, forecast, gap, and 29,000.00 over 35 days"
run plan-report --dimension region -o table
expect_out "region     target  target_period    actual  forecast     gap  days_left  needed_per_day  bar
unknown                               0.00  5,500.00                 35
west     5,000.00  2026-Q4        1,000.00  4,420.00  580.00         35          114.29  ████▒▒▒▒▒▒▒▒▒▒▒▒▒···" \
    "plan-report table: a bar of won, then forecast, against the target"
run plan-report --dimension region --period 2026-Q3 -o json
expect_out '{"region":"east","target":7000.00,"target_period":"2026-Q3","actual":0.00,"forecast":0.00,"gap":7000.00,"days_left":0,"needed_per_day":null}' \
    "plan-report json: a past quarter's plan, no days left"
run plan-report --dimension product --period 2027-Q1
expect_out "product	target	target_period	actual	forecast	gap	days_left	needed_per_day
core			0.00	450.00		90	" \
    "plan-report: a future quarter, its pipeline and all its days"

# -o html: a page titled by the period and the grouping, its charts above
# the table (pixels: 440 wide, the scale runs to the longest bar or mark).
run deal-forecast --by team -o html
expect_status 0 "deal-forecast -o html: exit 0"
sed -n '/<h1>/,/<table>/p' "$T/out" >"$T/charts"
expect_file "$T/charts" '<h1>Forecast 2026-Q4 by team</h1>
<p class="org">Amounts in EUR</p>
<p>As of 2026-11-26.</p>
<h2>Won and weighted pipeline against the target</h2>
<p class="legend"><span class="key" style="background:#2f6fc6"></span>won<span class="key" style="background:#6d9be0"></span>commit<span class="key" style="background:#a3c0ec"></span>best case<span class="key" style="background:#d3e1f6"></span>pipeline</p>
<table class="chart" role="presentation">
<tr><td class="lbl" title="north">North</td><td class="val">won 1,000, forecast 9,920 of 20,000 (50%)</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:5.0%;height:12px;background:#2f6fc6"></td><td style="width:17.1%;height:12px;background:#6d9be0"></td><td style="width:5.0%;height:12px;background:#a3c0ec"></td><td style="width:22.5%;height:12px;background:#d3e1f6"></td><td style="width:50.4%;height:12px;background:#eeeeee;border-right:2px solid #d33333"></td></tr></table></td></tr>
</table>
<p><small>Weighted: each open deal counts at its stage&#39;s probability.  The red line: the target.</small></p>
<h2>Open pipeline by stage (not weighted)</h2>
<table class="chart" role="presentation">
<tr><td class="lbl">lead</td><td class="val">0 in 0 deals</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:100.0%;height:12px;background:#eeeeee"></td></tr></table></td></tr>
<tr><td class="lbl">qualified</td><td class="val">22,500 in 1 deal</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:100.0%;height:12px;background:#2f6fc6"></td></tr></table></td></tr>
<tr><td class="lbl">proposal</td><td class="val">2,000 in 1 deal</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:8.8%;height:12px;background:#2f6fc6"></td><td style="width:91.2%;height:12px;background:#eeeeee"></td></tr></table></td></tr>
<tr><td class="lbl">negotiation</td><td class="val">3,800 in 1 deal</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:16.8%;height:12px;background:#2f6fc6"></td><td style="width:83.2%;height:12px;background:#eeeeee"></td></tr></table></td></tr>
<tr><td class="lbl">parked</td><td class="val">800 in 1 deal</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:3.5%;height:12px;background:#2f6fc6"></td><td style="width:96.5%;height:12px;background:#eeeeee"></td></tr></table></td></tr>
</table>
<div class="wrap"><table>' \
    "deal-forecast -o html: won, then weighted commit, best and pipeline against the target; the open pipeline by stage, slipped deals left out"
check "deal-forecast -o html: one whole page" test "$(grep -c '<html\|</html>' "$T/out")" -eq 2
check "deal-forecast -o html: the table follows the charts" grep -q '^<tr><td>north</td><td class="n">1,000.00</td>' "$T/out"
run deal-forecast --accuracy --period 2026-Q4 --at 40,10 --today 2027-01-15 -o html
expect_out_has "<h1>Forecast accuracy 2026-Q4 by rep</h1>" "deal-forecast --accuracy -o html: its title"
if grep -q '<svg\|class="chart"' "$T/out"; then not_ok "--accuracy -o html: a table, no chart"; else ok "--accuracy -o html: a table, no chart"; fi
run plan-report -o html
expect_status 0 "plan-report -o html: exit 0"
sed -n '/<h1>/,/<table>/p' "$T/out" >"$T/charts"
expect_file "$T/charts" '<h1>Plan 2026-Q4 by team</h1>
<p class="org">Amounts in EUR</p>
<h2>Plan, actual and forecast</h2>
<p class="legend"><span class="key" style="background:#2f6fc6"></span>won<span class="key" style="background:#6d9be0"></span>commit<span class="key" style="background:#a3c0ec"></span>best case<span class="key" style="background:#d3e1f6"></span>pipeline</p>
<table class="chart" role="presentation">
<tr><td class="lbl" title="north">North</td><td class="val">won 1,000, forecast 9,920 of 30,000 (33%)</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:3.3%;height:12px;background:#2f6fc6"></td><td style="width:11.4%;height:12px;background:#6d9be0"></td><td style="width:3.3%;height:12px;background:#a3c0ec"></td><td style="width:15.0%;height:12px;background:#d3e1f6"></td><td style="width:67.0%;height:12px;background:#eeeeee;border-right:2px solid #d33333"></td></tr></table></td></tr>
</table>
<p><small>Weighted: each open deal counts at its stage&#39;s probability.  The red line: the target.</small></p>
<div class="wrap"><table>' \
    "plan-report -o html: won and the forecast against the plan target"

# --accuracy on the hand-made deals, from a day after the quarter
run deal-forecast --accuracy --period 2026-Q4 --at 40,10 --today 2027-01-15
expect_out "period	at	as_of	rep	forecast	won	error
2026-Q4	40	2026-11-21	anna	9920.00	1000.00	892.0
2026-Q4	40	2026-11-21	bob	0.00	0.00	
2026-Q4	10	2026-12-21	anna	1000.00	1000.00	0.0
2026-Q4	10	2026-12-21	bob	0.00	0.00	" \
    "--accuracy: the forecast at 40 and 10 days before the end against what was won"

# --- bad input: exact messages, status 2, nothing written
snapshot
run deal-forecast --period 2026-13
expect_fail 2 "deal-forecast: invalid period '2026-13' (see salesmgr(7) for periods)" "bad period"
run deal-forecast --by month
expect_err "deal-forecast: invalid --by 'month': want rep, team, region, segment or product" "bad --by"
expect_status 2 "bad --by: exit 2"
run deal-forecast --as-of 2026-11-27
expect_err "deal-forecast: invalid --as-of '2026-11-27': after today (2026-11-26)" "--as-of in the future"
expect_status 2 "--as-of in the future: exit 2"
run deal-forecast --as-of 2026-02-30
expect_err "deal-forecast: invalid --as-of '2026-02-30': want a date like 2026-09-30" "--as-of malformed"
expect_status 2 "--as-of malformed: exit 2"
run deal-forecast --accuracy --at soon
expect_err "deal-forecast: invalid --at 'soon': want days before the period's end, like 30 or 60,30,7" "--at not a number"
expect_status 2 "--at not a number: exit 2"
run deal-forecast --accuracy --at 30,
expect_fail 2 "deal-forecast: invalid --at '30,'" "--at with an empty item"
run deal-forecast --at 30
expect_err "deal-forecast: --at goes with --accuracy" "--at without --accuracy"
expect_status 2 "--at without --accuracy: exit 2"
run deal-forecast --accuracy --as-of 2026-10-01
expect_fail 2 "deal-forecast: --as-of does not go with --accuracy (use --at)" "--accuracy with --as-of"
run deal-forecast --accuracy --period this-quarter
expect_err "deal-forecast: period 'this-quarter' has not ended: --accuracy looks at past periods" \
    "--accuracy on a period not over"
expect_status 2 "--accuracy on a period not over: exit 2"
run deal-forecast -o xml
expect_fail 2 "invalid format 'xml'" "bad format"
run deal-forecast extra
expect_fail 2 "usage: deal-forecast" "an operand"
run plan-report --dimension rep
expect_err "plan-report: invalid --dimension 'rep': want team, region, segment or product" \
    "plan-report: bad --dimension"
expect_status 2 "plan-report: bad --dimension: exit 2"
run plan-report --period soon
expect_fail 2 "plan-report: invalid period 'soon' (see salesmgr(7) for periods)" "plan-report: bad period"
expect_unchanged "the reports never write"
deal-forecast >/dev/full 2>"$T/err"; st=$?
expect_status 1 "deal-forecast to /dev/full fails"
expect_err_has "write error" "and says so"
plan-report >/dev/full 2>"$T/err"; st=$?
expect_status 1 "plan-report to /dev/full fails"
SALESMGR_DIR=$T/missing run deal-forecast
expect_fail 1 "sales-init" "deal-forecast: missing data directory"
SALESMGR_DIR=$T/missing run plan-report
expect_fail 1 "sales-init" "plan-report: missing data directory"
check "and it is not created" test ! -e "$T/missing"
cp "$D/deals/2026-11.tsv" "$T/deals.keep"
ev 2026-11-08 D9 open anna acme '' abc lead 2026-12-01 '' '' '' 2026-11-08 >>"$D/deals/2026-11.tsv"
run deal-forecast
expect_fail 1 "deal-forecast: deals/2026-11.tsv:13: amount 'abc' not an amount; run sales-check" \
    "a bad ledger row is an error, never a wrong number"
cp "$T/deals.keep" "$D/deals/2026-11.tsv"
# In a pipe: the slipped deals' reps, for a follow-up.
sh -c 'deal-forecast | awk -F"\t" "NR > 1 && \$15 > 0 { print \$1 }"' >"$T/out" 2>"$T/err"
expect_out "bob" "in a pipe: the reps with slipped deals"

# --- the run rate: a quarter of the period passed and 3 won deals at
# least, else none and stderr says why; a period over has won as its rate
R=$T/rr
settle "$D"
cp -R "$D" "$R"
{
	printf "$H"
	ev 2026-07-03 D21 won bob gamma core 900.00 won '' '' '' '' 2026-07-01
	ev 2026-07-20 D22 won bob gamma core 600.00 won '' '' '' '' 2026-07-01
} >"$R/deals/2026-07.tsv"
{
	printf "$H"
	ev 2026-08-10 D23 won bob gamma core 250.10 won '' '' '' '' 2026-07-01
	ev 2026-08-12 D24 won anna acme core 400.00 won '' '' '' '' 2026-08-01
	ev 2026-08-13 D25 won anna acme core 400.00 won '' '' '' '' 2026-08-01
	ev 2026-08-14 D25 cancel anna acme core 400.00 won '' '' refund '' 2026-08-01
	ev 2026-08-15 D26 won anna acme core 100.00 won '' '' '' '' 2026-08-01
} >"$R/deals/2026-08.tsv"
rr() { awk -F'\t' -v OFS='\t' '{ print $1, $2, $10, $17 }' "$T/out"; }
run deal-forecast -D "$R" --period 2026-Q3 --as-of 2026-08-31
rr >"$T/w"
expect_file "$T/w" "rep	won	run_rate	won_deals
anna	500.00		2
bob	1750.10	2596.92	3" \
    "run rate: 1,750.10 won in 62 of 92 days is 2,596.92; none on 2 won deals (3 less a cancel)"
expect_err "deal-forecast: no run rate for 1 of 2 reps with fewer than 3 won deals in 2026-Q3 to 2026-08-31 (see won_deals)" \
    "run rate: the rep without one is said"
check "run rate: the figure is won x days / elapsed, half up (awk)" test "$(awk 'BEGIN {
    printf "%.2f", int((175010 * 92 * 2 + 62) / (2 * 62)) / 100 }')" = 2596.92
run deal-forecast -D "$R" --period 2026-Q3 --as-of 2026-07-22
rr >"$T/w"
expect_file "$T/w" "rep	won	run_rate	won_deals
anna	0.00		0
bob	1500.00		2" "run rate: none before a quarter of the period has passed"
expect_err "deal-forecast: only 22 of the 92 days of 2026-Q3 have passed by 2026-07-22: no run rate before day 23" \
    "run rate: too early, said"
run deal-forecast -D "$R" --period 2026-Q3
rr >"$T/w"
expect_file "$T/w" "rep	won	run_rate	won_deals
anna	500.00	500.00	2
bob	1750.10	1750.10	3" "run rate: a period over has won as its run rate, however few the deals"
expect_err_empty "run rate: a period over says nothing"

# --- sales-gen data: accounts (some missing, some without a segment) and
# plans by every dimension
gen() {	# gen SEED DIR
	sales-gen -q --seed "$1" --reps 30 --deals 3000 --months 14 "$2" || not_ok "sales-gen seed $1"
	awk 'BEGIN { OFS = "\t"; split("enterprise mid smb", S, " "); split("north south east west", R, " ")
	    print "account", "name", "segment", "region", "potential", "priority", "owner", "since"
	    for (i = 1; i <= 300; i++) if (i % 10) print sprintf("a%05d", i), "Account " i,
	        i % 7 ? S[i % 3 + 1] : "", R[i % 4 + 1], "", "", "", "" }' >"$2/accounts.tsv"
	printf 'period\tdimension\tkey\tmetric\ttarget
2026\tregion\teast\trevenue\t2000000.00
2026-10\tsegment\tmid\trevenue\t200000.00
2026-11\tsegment\tmid\trevenue\t210000.00
2026-Q3\tteam\tt02\trevenue\t700000.00
2026-Q4\tproduct\tcloud\tdeals\t70
2026-Q4\tproduct\tcloud\trevenue\t700000.00
2026-Q4\tregion\tmoon\trevenue\t1000.00
2026-Q4\tregion\tnorth\trevenue\t500000.00
2026-Q4\tsegment\tenterprise\trevenue\t900000.00
2026-Q4\tteam\tt01\trevenue\t800000.00
' >"$2/plans.tsv"
	printf '2026-Q4\t\tt03\trevenue\t600000.00\n' >>"$2/quotas.tsv"
}
against_oracle() {	# against_oracle DIR BY FROM TO AS_OF PERIOD [plan]
	awk -v from="$3" -v to="$4" -v asof="$5" -v by="$2" -v pname="$6" -v mode="${7:-}" \
	    -f "$top/tests/oracle/money.awk" -f "$top/tests/oracle/days.awk" -f "$oracle" "$1/stages.tsv" "$1/reps.tsv" "$1/teams.tsv" "$1/accounts.tsv" \
	    "$1/quotas.tsv" "$1/plans.tsv" "$1"/deals/*.tsv | sort >"$T/oracle"
	if [ "${7:-}" = plan ]; then
		SALESMGR_DIR=$1 plan-report --today "$5" --period "$6" --dimension "$2" \
		    --no-header >"$T/mine" 2>"$T/err"
	else
		# the columns through won_deals (coverage.sh checks the rest)
		SALESMGR_DIR=$1 deal-forecast --as-of "$5" --period "$6" --by "$2" \
		    --no-header 2>"$T/err" | cut -f1-17 >"$T/mine"
	fi
	if [ -s "$T/mine" ] && cmp -s "$T/oracle" "$T/mine"; then
		ok "seed $seed, ${7:-forecast} by $2, $6 as of $5: equals the awk computation"
	else
		not_ok "seed $seed, ${7:-forecast} by $2, $6 as of $5: differs from awk" \
		    "$(diff "$T/oracle" "$T/mine" | head -6 | tr '\n' '|')" "$(head -c 300 "$T/err")"
	fi
}
# cut_copy SRC DATE DEST: the data directory as it stood at the end of DATE
cut_copy() {
	rmdata "$3"
	cp -Rp "$1" "$3"
	rmdata "$3/cache"
	for f in "$3"/deals/*.tsv; do
		m=$(basename "$f" .tsv)
		if [ "$m" \> "$(echo "$2" | cut -c1-7)" ]; then
			rm "$f"
		else
			awk -F'\t' -v d="$2" 'NR == 1 || $1 <= d' "$f" >"$T/cut"
			cat "$T/cut" >"$f"
		fi
	done
}
for seed in 3 11; do
	g=$T/gen$seed
	gen $seed "$g"
	for by in rep team region segment product; do
		against_oracle "$g" $by 2026-10-01 2026-12-31 2026-11-26 2026-Q4
		against_oracle "$g" $by 2026-07-01 2026-09-30 2026-08-15 2026-Q3
	done
	against_oracle "$g" team 2026-11-01 2026-11-30 2026-11-26 2026-11
	against_oracle "$g" region 2026-01-01 2026-12-31 2026-06-30 2026
	for by in team region segment product; do
		against_oracle "$g" $by 2026-10-01 2026-12-31 2026-11-26 2026-Q4 plan
		against_oracle "$g" $by 2026-11-01 2026-11-30 2026-11-20 2026-11 plan
	done
	against_oracle "$g" team 2026-07-01 2026-09-30 2026-09-30 2026-Q3 plan
	# --as-of equals the forecast on a copy cut off at that date.
	for day in 2026-03-10 2026-08-15 2026-10-31 2026-11-01; do
		cut_copy "$g" $day "$T/cut$seed"
		for by in rep team segment; do
			SALESMGR_DIR=$g deal-forecast --as-of $day --by $by >"$T/asof"
			SALESMGR_DIR=$T/cut$seed deal-forecast --today $day --by $by >"$T/cutout"
			if [ -s "$T/asof" ] && cmp -s "$T/asof" "$T/cutout"; then
				ok "seed $seed: --as-of $day by $by equals the copy cut off at $day"
			else
				not_ok "seed $seed: --as-of $day by $by differs from the cut copy" \
				    "$(diff "$T/asof" "$T/cutout" | head -4 | tr '\n' '|')"
			fi
		done
	done
done

# --accuracy by default: the last four quarters, each forecast equal to
# deal-forecast --as-of that day, each won to the quarter's won.
g=$T/gen3
SALESMGR_DIR=$g deal-forecast --accuracy --by team --at 60,7 >"$T/acc"
check "--accuracy: the four quarters before today's" test \
    "$(cut -f1 "$T/acc" | uniq | tr '\n' ' ')" = "period 2025-Q4 2026-Q1 2026-Q2 2026-Q3 "
tail -n +2 "$T/acc" | while IFS='	' read -r period at asof team fc won err; do
	end=$(SALESMGR_DIR=$g deal-forecast --period "$period" --as-of 2026-11-26 --by team |
	    awk -F'\t' -v t="$team" '$1 == t { print $2 }')
	then_=$(SALESMGR_DIR=$g deal-forecast --period "$period" --as-of "$asof" --by team |
	    awk -F'\t' -v t="$team" '$1 == t { print $9 }')
	want=$(awk -v f="$fc" -v w="$won" 'BEGIN {
	    gsub(/\./, "", f); gsub(/\./, "", w); f += 0; w += 0
	    if (w == 0) exit; x = (f - w) * 1000 / w; x = x < 0 ? -int(-x + 0.5) : int(x + 0.5)
	    printf "%s%d.%d", x < 0 ? "-" : "", (x < 0 ? -x : x) / 10, (x < 0 ? -x : x) % 10 }')
	[ "$fc" = "$then_" ] && [ "$won" = "$end" ] && [ "$err" = "$want" ] ||
	    echo "$period $at $team: forecast $fc/$then_ won $won/$end error $err/$want"
done >"$T/accbad"
check "--accuracy: every row agrees with --as-of, for every quarter, point and team" test ! -s "$T/accbad"
[ -s "$T/accbad" ] && head -3 "$T/accbad"
check "--accuracy rows: 4 quarters x 2 points x 4 teams" test "$(tail -n +2 "$T/acc" | wc -l)" -eq 32
done_testing
