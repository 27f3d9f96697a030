# perf-report: its numbers against an independent awk computation
# (tests/oracle/perf.awk) on sales-gen data with several seeds and periods,
# and its options, formats and bad input.
. "$(dirname "$0")/lib.sh"
oracle=$top/tests/oracle/perf.awk

# perf-report's columns that the oracle computes, in the oracle's order.
cols=rep,quota,won,cancelled,net_won,attainment,expected,pace,won_deals,lost_deals,win_rate,avg_deal,cycle_days,pipeline,weighted,activities
pick() {	# pick FILE: those columns of a perf-report TSV, by header name
	awk -F'\t' -v want="$cols" 'BEGIN { OFS = "\t"; n = split(want, w, ",") }
	    NR == 1 { for (i = 1; i <= NF; i++) ix[$i] = i; next }
	    { line = $(ix[w[1]]); for (k = 2; k <= n; k++) line = line OFS $(ix[w[k]]); print line }' "$1" | sort
}
against_oracle() {	# against_oracle DIR FROM TO PERIOD
	d=$1
	awk -v from="$2" -v to="$3" -v today="$SALESMGR_TODAY" -f "$top/tests/oracle/money.awk" -f "$top/tests/oracle/days.awk" -f "$oracle" \
	    "$d/stages.tsv" "$d/quotas.tsv" "$d"/deals/*.tsv "$d"/activities/*.tsv |
	    sort >"$T/oracle"
	SALESMGR_DIR=$d perf-report --period "$4" >"$T/report" 2>"$T/err"
	pick "$T/report" >"$T/mine"
	if [ -s "$T/mine" ] && cmp -s "$T/oracle" "$T/mine"; then
		ok "seed $seed, $4: every rep's figures equal the awk computation"
	else
		not_ok "seed $seed, $4: differs from the awk computation" \
		    "$(diff "$T/oracle" "$T/mine" | head -6 | tr '\n' '|')" "$(head -c 300 "$T/err")"
	fi
}
for seed in 1 7 42; do
	g=$T/gen$seed
	sales-gen -q --seed $seed --reps 30 --deals 3000 --months 14 "$g" ||
	    not_ok "sales-gen seed $seed"
	against_oracle "$g" 2026-10-01 2026-12-31 2026-Q4
	against_oracle "$g" 2026-11-01 2026-11-26 mtd
	against_oracle "$g" 2026-02-01 2026-02-28 2026-02
	against_oracle "$g" 2025-10-01 2026-11-26 2025-10-01..2026-11-26
done

# The cache of open deals at each month's end (written by sales-gen and by
# the deal writers) changes no number, and a report for one month reads
# only that month's files and the cache of the month before.
g=$T/gen7
for p in 2026-10 2026-Q4 2026-03 mtd; do
	SALESMGR_DIR=$g perf-report --period $p >"$T/cached"
	mv "$g/cache" "$T/cache.off"
	SALESMGR_DIR=$g perf-report --period $p >"$T/uncached"
	mv "$T/cache.off" "$g/cache"
	check "$p: the same report with and without the cache" cmp -s "$T/cached" "$T/uncached"
done
SALESMGR_DIR=$g strace -f -o "$T/trace" -e trace=openat perf-report --period 2026-10 >/dev/null
grep -v ENOENT "$T/trace" | grep -o '"[^"]*\.tsv"' | grep -v -e config -e reps -e teams \
    -e quotas -e stages -e '"org.tsv"' | sort | tr '\n' ' ' >"$T/opened"
case $(cat "$T/opened") in
'"2026-10.tsv" "2026-10.tsv" "open-2026-09-'*'.tsv" ')
	ok "a one-month report opens that month's two ledgers and one cache file" ;;
*)	not_ok "a one-month report opens that month's two ledgers and one cache file" \
	    "opened: $(cat "$T/opened")" ;;
esac
# A backdated deal makes the later caches stale: they must not be used.
SALESMGR_DIR=$g deal-add --rep r0001 --account a00001 --amount 777.00 --date 2026-03-10 \
    --stage proposal >/dev/null
against_oracle "$g" 2026-10-01 2026-10-31 2026-10
against_oracle "$g" 2026-03-01 2026-03-31 2026-03
# Month files with the optional currency columns (a deal in dollars
# rewrites its month with the columns up to currency_amount, 15, the
# others keep 13): the figures over both kinds of month equal the awk
# computation.
printf 'date\tcurrency\trate\n2025-01-01\tUSD\t0.90\n' >"$g/rates.tsv"
SALESMGR_DIR=$g deal-add -q --rep r0004 --account a00004 --amount 1000 --currency USD \
    --date 2026-09-12 --stage proposal --expected 2026-12-10 >/dev/null
SALESMGR_DIR=$g deal-add -q --rep r0005 --account a00005 --amount 2000.50 --currency USD \
    --date 2026-11-05 --stage won --closed 2026-11-20 >/dev/null
check "September and November have 15 columns, October 13" test "$(for m in 09 11 10; do
    head -n 1 "$g/deals/2026-$m.tsv" | awk -F'\t' '{ printf "%s ", NF }'; done)" = "15 15 13 "
seed="7, 15-column months"
against_oracle "$g" 2026-07-01 2026-09-30 2026-Q3
against_oracle "$g" 2026-10-01 2026-12-31 2026-Q4
against_oracle "$g" 2026-09-01 2026-11-26 2026-09-01..2026-11-26
# A crowded day: 4,500 deals opened on one day and 2,250 of them lost on
# another (the replay files a month's records by day in chunks of 2,000),
# with one worker thread and with SALESMGR_THREADS=1.
awk 'BEGIN { OFS = "\t"; print "rep", "account", "amount", "stage", "date", "expected", "closed"
	for (i = 1; i <= 4500; i++)
		print sprintf("r%04d", i % 30 + 1), sprintf("a%05d", i % 900 + 1), 100 + i ".00",
		    i % 2 ? "lead" : "lost", "2026-08-04", "2026-12-01", i % 2 ? "" : "2026-08-20" }' \
    >"$T/crowd.tsv"
SALESMGR_DIR=$g deal-add -q --from "$T/crowd.tsv" 2>"$T/err"
check "4,500 deals added on one day ($(head -c 200 "$T/err"))" test $? -eq 0
check "2,250 of them lost on 2026-08-20" \
    test "$(grep -c '^2026-08-20	D[0-9]*	lost' "$g/deals/2026-08.tsv")" -ge 2250
seed="7, a crowded day"
against_oracle "$g" 2026-08-01 2026-08-31 2026-08
against_oracle "$g" 2026-07-01 2026-09-30 2026-Q3
SALESMGR_DIR=$g SALESMGR_THREADS=1 perf-report --period 2026-Q3 >"$T/one"
SALESMGR_DIR=$g perf-report --period 2026-Q3 >"$T/two"
check "a crowded day: the same report on one thread as on two" cmp -s "$T/one" "$T/two"

# Team rows add up their reps; ranks run 1..n.
g=$T/gen1
SALESMGR_DIR=$g perf-report --period 2026-Q4 --by team >"$T/teams"
SALESMGR_DIR=$g perf-report --period 2026-Q4 >"$T/reps"
awk -F'\t' 'NR > 1 { gsub(/\./, "", $6); s += $6 } END { print s }' "$T/reps" >"$T/a"
awk -F'\t' 'NR > 1 { gsub(/\./, "", $5); s += $5 } END { print s }' "$T/teams" >"$T/b"
check "the teams' won adds up to the reps' won" cmp -s "$T/a" "$T/b"
awk -F'\t' 'NR > 1 { print $NF }' "$T/reps" | sort -n | awk '$1 != NR { bad = 1 } END { exit bad }'
check_rank=$?
[ $check_rank -eq 0 ] && ok "ranks run 1..n" || not_ok "ranks run 1..n"

# A small hand-made case: one deal won, one lost, one open, one cancelled.
init
team-add north --name North
rep-add anna --name "Anna" --team north --hired 2025-01-01
rep-add bob --name "Bob" --team north --hired 2025-01-01
printf 'period\trep\tteam\tmetric\ttarget\n2026-11\tanna\t\trevenue\t10000.00\n' \
    >"$SALESMGR_DIR/quotas.tsv"
mkdir -p "$SALESMGR_DIR/deals"
{
	printf 'date\tdeal\tevent\trep\taccount\tproduct\tamount\tstage\texpected\tref\treason\tnote\topened\n'
	printf '2026-11-02\tD1\topen\tanna\tacme\t\t4000.00\tlead\t\t\t\t\t2026-11-02\n'
	printf '2026-11-10\tD1\twon\tanna\tacme\t\t4000.00\twon\t\t\t\t\t2026-11-02\n'
	printf '2026-11-03\tD2\topen\tanna\tbeta\t\t1000.00\tlead\t\t\t\t\t2026-11-03\n'
	printf '2026-11-04\tD2\tlost\tanna\tbeta\t\t1000.00\tlost\t\t\tprice\t\t2026-11-03\n'
	printf '2026-11-05\tD3\topen\tanna\tgamma\t\t2000.00\tproposal\t\t\t\t\t2026-11-05\n'
	printf '2026-11-06\tD4\topen\tbob\tdelta\t\t500.00\tlead\t\t\t\t\t2026-11-06\n'
	printf '2026-11-07\tD4\twon\tbob\tdelta\t\t500.00\twon\t\t\t\t\t2026-11-06\n'
	printf '2026-11-20\tD4\tcancel\tbob\tdelta\t\t500.00\twon\t\t\trefund\t\t2026-11-06\n'
	printf '2026-11-12\tD5\tcancel\tbob\tdelta\t\t700.00\twon\t\t\trefund\t\t2026-10-01\n'
} >"$SALESMGR_DIR/deals/2026-11.tsv"
{
	printf 'date\tdeal\tevent\trep\taccount\tproduct\tamount\tstage\texpected\tref\treason\tnote\topened\n'
	printf '2026-10-01\tD5\topen\tbob\tdelta\t\t700.00\tlead\t\t\t\t\t2026-10-01\n'
	printf '2026-10-15\tD5\twon\tbob\tdelta\t\t700.00\twon\t\t\t\t\t2026-10-01\n'
} >"$SALESMGR_DIR/deals/2026-10.tsv"
run perf-report --period 2026-11
expect_status 0 "perf-report on a hand-made month"
expect_out "rep	team	name	quota	quota_period	won	cancelled	net_won	attainment	expected	pace	won_deals	lost_deals	win_rate	avg_deal	cycle_days	pipeline	weighted	activities	coverage	required_coverage	velocity	rank
anna	north	Anna	10000.00	2026-11	4000.00	0.00	4000.00	40.0	8666.67	behind	1	1	50.0	4000.00	8	2000.00	1000.00	0	0.3	2.0	250.00	1
bob	north	Bob			0.00	700.00	-700.00				0	0				0.00	0.00	0				2" \
    "hand-made month: won, lost, open pipeline at 50%; a win cancelled in the month counts nowhere, a cancel of October's win is cancelled; coverage 2000 / (10000 - 4000), 2 closed / 1 won, 1 open x 4000 / (2 x 8 days)"
run perf-report --period 2026-11 --by team
expect_out "team	name	quota	quota_period	won	cancelled	net_won	attainment	expected	pace	won_deals	lost_deals	win_rate	avg_deal	cycle_days	pipeline	weighted	activities	coverage	required_coverage	velocity	rank
north	North	10000.00	sum of reps	4000.00	700.00	3300.00	40.0	8666.67	behind	1	1	50.0	4000.00	8	2000.00	1000.00	0	0.3	2.0	250.00	1" \
    "by team: the sum of the reps' quotas when the team has none"
run perf-report --period 2026-11 --rep bob -o json
expect_out '{"rep":"bob","team":"north","name":"Bob","quota":null,"quota_period":null,"won":0.00,"cancelled":700.00,"net_won":-700.00,"attainment":null,"expected":null,"pace":null,"won_deals":0,"lost_deals":0,"win_rate":null,"avg_deal":null,"cycle_days":null,"pipeline":0.00,"weighted":0.00,"activities":0,"coverage":null,"required_coverage":null,"velocity":null,"rank":1}' \
    "json output, one rep"
# The months add up in net_won, and a period holding the win and its
# cancel counts the win nowhere (perf-report(1), the worked example).
run perf-report --period 2026-10-01..2026-11-30 --rep bob --no-header
cut -f6-8,12 "$T/out" >"$T/got"
expect_file "$T/got" "0.00	0.00	0.00	0" "October and November as one period: bob's win and its cancel count nowhere"
run perf-report --period 2026-10-01..2026-11-30 --by month --rep bob --no-header
cut -f1,7-9,13 "$T/out" >"$T/got"
expect_file "$T/got" "2026-10	700.00	0.00	700.00	1
2026-11	0.00	700.00	-700.00	0" "by month: October keeps its win, November has the cancel; net_won adds up"
run perf-report --period 2026-11 -o table --rep anna
expect_out_has "10,000.00" "table output groups money"
expect_out_has "████████" "table output has an attainment bar"
run perf-report --period 2026-11 --sort won_deals --no-header
expect_status 0 "--sort by a column"
run perf-report --period 2026-11 --by month --rep anna
expect_out_has "2026-11	anna	north" "by month: a row per rep and month"

# Bad input.
snapshot
run perf-report --period 2026-13
expect_fail 2 "perf-report: invalid period '2026-13'" "bad period"
run perf-report --by region
expect_fail 2 "perf-report: invalid --by 'region': want rep, team, month or manager" "bad --by"
run perf-report --rep nobody
expect_fail 1 "perf-report: unknown rep 'nobody'" "unknown rep"
run perf-report --team nowhere
expect_fail 1 "perf-report: unknown team 'nowhere'" "unknown team"
run perf-report --sort bogus
expect_fail 2 "perf-report: invalid --sort 'bogus'" "unknown sort column"
run perf-report -o xml
expect_fail 2 "invalid format 'xml'" "unknown format"
expect_unchanged "a report never writes"
perf-report --period 2026-11 >/dev/full 2>"$T/err"; st=$?
expect_status 1 "stdout to /dev/full fails"
expect_err_has "write error" "and says so"
printf 'oops' >>"$SALESMGR_DIR/deals/2026-11.tsv"
printf '2026-11-08\tD9\topen\tanna\tacme\t\tabc\tlead\t\t\t\t\t2026-11-08\n' >>"$SALESMGR_DIR/deals/2026-11.tsv"
run perf-report --period 2026-11
expect_fail 1 "run sales-check" "a corrupt ledger row is an error, never a wrong number"
SALESMGR_DIR=$T/missing run perf-report
expect_fail 1 "sales-init" "missing data directory"
check "and it is not created" test ! -e "$T/missing"
# Only the quota rows that overlap the period are kept (lib/quota.h), but
# --flag keeps every row: both give the same figures, with quota rows of
# far years, weeks across a year end and fiscal years present.
SALESMGR_DIR=$g quota-set -q 2019-Q4 r0001 999 &&
SALESMGR_DIR=$g quota-set -q 2031-10 r0001 999 &&
SALESMGR_DIR=$g quota-set -q 2026-W40 r0002 777 &&
SALESMGR_DIR=$g quota-set -q 2026-W01 r0003 555 &&
SALESMGR_DIR=$g quota-set -q 2025-W01 r0003 444 || setup_failed "quotas far away"
for per in 2026-10 2026-Q4 2025-12 2026-01 2026-W01 2025-W01 2025-12-29..2026-01-04 2025-12-30; do
	SALESMGR_DIR=$g perf-report --period $per >"$T/a"
	SALESMGR_DIR=$g perf-report --period $per --flag |
	    awk -F'\t' -v OFS='\t' '{ NF--; print }' >"$T/b"
	check "$per: the quota rows kept give the figures of them all" cmp -s "$T/a" "$T/b"
done
# In a pipe: the report's rep column feeds the next program.
sh -c 'perf-report --period 2026-Q4 | cut -f1 | tail -n +2' >"$T/out" 2>"$T/err" </dev/null
st=$?
SALESMGR_DIR=$g sh -c 'perf-report --period 2026-Q4 | cut -f1 | sort -u | wc -l' >"$T/out"
check "in a pipe: one line per rep plus the header" test "$(cat "$T/out")" -eq 31
done_testing
