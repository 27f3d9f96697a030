# The history of training: train-unassign (withdrawn assignments count
# nowhere: train-status, rep-show, rep-diagnose, sales-nightly), every
# attempt kept in attempts.tsv (train-done, train-status --attempts), and
# a data directory from before either existed.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
setup_failed() { echo "not ok - setup: $1"; exit 1; }

init
team-add -q north --name North &&
rep-add -q ann --name Ann --team north --role lead --hired 2025-01-06 &&
rep-add -q bob --name Bob --team north --role sdr --manager ann --hired 2025-01-06 &&
rep-add -q dan --name Dan --team north --role sdr --manager ann --hired 2025-01-06 &&
rep-add -q eve --name Eve --team north --role sdr --manager ann --hired 2025-01-06 &&
course-add -q sdr --title 'SDR basics' --skill prospecting --due-days 7 --pass-score 70 \
    --valid-days 365 &&
course-add -q pol --title Policy --kind policy --due-days 14 &&
course-add -q demo --title Demo --kind skill &&
train-assign -q sdr ann bob dan eve --today 2026-11-01 &&
train-assign -q pol ann bob eve --today 2026-11-20 &&
train-assign -q demo ann --today 2026-11-20 ||
    setup_failed "reps, courses and assignments"

# --- attempts: each one a row of attempts.tsv, in the order made
run train-done eve sdr --score 50 --date 2026-11-05
expect_status 0 "train-done: a failed attempt: exit 0"
printf 'rep\tcourse\tscore\tdate\n' >"$T/d1"
printf 'eve\tsdr\t80\t2026-11-06\nbob\tsdr\t40\t2026-11-03\ndan\tsdr\t60\t2026-11-10\n' >>"$T/d1"
run train-done --from "$T/d1"
expect_status 0 "train-done --from: a pass after a failure, and two failures"
expect_file "$D/attempts.tsv" "rep	course	assigned	date	score	result
eve	sdr	2026-11-01	2026-11-05	50	failed
eve	sdr	2026-11-01	2026-11-06	80	passed
bob	sdr	2026-11-01	2026-11-03	40	failed
dan	sdr	2026-11-01	2026-11-10	60	failed" \
    "attempts.tsv: every attempt with its assignment, in the order recorded"
rows training.tsv | grep sdr | cut -f1,5,6 >"$T/sdr"
expect_file "$T/sdr" "ann		
bob		40
dan		60
eve	2026-11-06	80" "training.tsv: the latest score and the pass, as before"
snapshot
run train-done dan sdr --score 90 -n
expect_out "would record course sdr passed by rep dan on 2026-11-26, score 90" "train-done -n"
expect_unchanged "train-done -n: no attempt written"
bad 1 "train-done: date '2026-11-09' is before the last attempt (2026-11-10)
train-done: nothing was changed" "train-done: a date before the last attempt" \
    train-done dan sdr --score 90 --date 2026-11-09
printf 'rep\tcourse\tscore\tdate\n' >"$T/d2"
printf 'bob\tsdr\t50\t2026-11-12\nbob\tsdr\t55\t2026-11-11\n' >>"$T/d2"
bad 1 "train-done: $T/d2:3: date '2026-11-11' is before the last attempt (2026-11-12)
train-done: nothing was changed" "train-done --from: attempts out of order, nothing written" \
    train-done --from "$T/d2"

H='rep	course	assigned	due	completed	score	expires	state	days_late	attempts	last_attempt	withdrawn	reason'
run train-status --course sdr
expect_out "$H
ann	sdr	2026-11-01	2026-11-08				overdue	18	0			
bob	sdr	2026-11-01	2026-11-08		40		overdue	18	1	2026-11-03		
dan	sdr	2026-11-01	2026-11-08		60		overdue	18	1	2026-11-10		
eve	sdr	2026-11-01	2026-11-08	2026-11-06	80	2027-11-06	passed		2	2026-11-06		" \
    "train-status: the count of attempts and the day of the latest"
run train-status --attempts
expect_out "rep	course	assigned	attempt	date	score	result
bob	sdr	2026-11-01	1	2026-11-03	40	failed
dan	sdr	2026-11-01	1	2026-11-10	60	failed
eve	sdr	2026-11-01	1	2026-11-05	50	failed
eve	sdr	2026-11-01	2	2026-11-06	80	passed" \
    "train-status --attempts: every attempt, numbered, by assignment"
run train-status --attempts --rep eve -o table
expect_out "rep  course  assigned    attempt  date        score  result
eve  sdr     2026-11-01        1  2026-11-05     50  failed
eve  sdr     2026-11-01        2  2026-11-06     80  passed" "train-status --attempts -o table"
run train-status --attempts --rep dan -o json
expect_out '{"rep":"dan","course":"sdr","assigned":"2026-11-01","attempt":1,"date":"2026-11-10","score":60,"result":"failed"}' \
    "train-status --attempts -o json"
run train-status --attempts --overdue --no-header
expect_out "bob	sdr	2026-11-01	1	2026-11-03	40	failed
dan	sdr	2026-11-01	1	2026-11-10	60	failed" \
    "train-status --attempts --overdue: the attempts at the overdue assignments"
run train-status --attempts --rep eve -o html
expect_out_has "<h1>Training attempts, rep eve</h1>" "train-status --attempts -o html: titled"
check "train-status --attempts -o html: a row per attempt" \
    test "$(grep -c '^<tr><td>eve</td>' "$T/out")" -eq 2
run train-status --attempts --course pol
expect_out "rep	course	assigned	attempt	date	score	result" \
    "train-status --attempts: none yet, the header alone"
# The count against awk over the file itself.
awk -F'\t' 'NR > 1 { n[$1 "\t" $2 "\t" $3]++; d[$1 "\t" $2 "\t" $3] = $4 }
    END { for (k in n) print k "\t" n[k] "\t" d[k] }' "$D/attempts.tsv" | sort >"$T/want"
train-status --no-header | awk -F'\t' '$10 > 0 { print $1 "\t" $2 "\t" $3 "\t" $10 "\t" $11 }' |
    sort >"$T/got"
check "train-status: attempts and last_attempt as awk counts them in attempts.tsv" \
    cmp -s "$T/want" "$T/got"
bad_usage "train-status: --attempts and --summary: give one of them" \
    "train-status: --attempts --summary" train-status --attempts --summary

# --- before anything is withdrawn: what counts as overdue
settle "$D"
cp -a "$D" "$T/old"
run train-status --overdue --no-header
cut -f1,2,9 "$T/out" >"$T/od"
expect_file "$T/od" "ann	sdr	18
bob	sdr	18
dan	sdr	18" "before: three overdue"
diag() { rep-diagnose "$1" --peers all --no-header | awk -F'\t' '$2 == "overdue_training" { print $3 }'; }
check "before: rep-diagnose counts ann's overdue course" test "$(diag ann)" = 1
run rep-show ann --no-header
grep '^training_' "$T/out" >"$T/tr"
expect_file "$T/tr" "training_open	demo, pol (due 2026-12-04)
training_overdue	sdr (18 days late)
training_passed	
training_expiring	
training_expired	" "before: rep-show lists ann's overdue course"

# --- train-unassign: the rows stay, with the day and the reason
snapshot
run train-unassign pol ann --reason 'not needed' --date 2026-11-25 -n
expect_status 0 "train-unassign -n: exit 0"
expect_out "would withdraw course pol from rep ann (assigned 2026-11-20) on 2026-11-25: not needed" \
    "train-unassign -n: what it would withdraw"
expect_unchanged "train-unassign -n: nothing written"
run train-unassign sdr ann bob --reason 'assigned by mistake'
expect_status 0 "train-unassign: exit 0"
expect_out_empty "train-unassign: nothing on stdout"
expect_err_empty "train-unassign: nothing on stderr when it is not a terminal"
expect_file "$D/training.tsv" "rep	course	assigned	due	completed	score	withdrawn	reason
ann	demo	2026-11-20					
ann	pol	2026-11-20	2026-12-04				
ann	sdr	2026-11-01	2026-11-08			2026-11-26	assigned by mistake
bob	pol	2026-11-20	2026-12-04				
bob	sdr	2026-11-01	2026-11-08		40	2026-11-26	assigned by mistake
dan	sdr	2026-11-01	2026-11-08		60		
eve	pol	2026-11-20	2026-12-04				
eve	sdr	2026-11-01	2026-11-08	2026-11-06	80		" \
    "training.tsv: withdrawn on today, with the reason; the rows stay"
tail -n 2 "$D/audit.tsv" | cut -f3,4 >"$T/audit"
expect_file "$T/audit" "train-unassign	withdraw course sdr from rep ann (assigned 2026-11-01) on 2026-11-26: assigned by mistake
train-unassign	withdraw course sdr from rep bob (assigned 2026-11-01) on 2026-11-26: assigned by mistake" \
    "audit.tsv: each withdrawal with its reason"
check "attempts.tsv: bob's attempt is kept" grep -q '^bob	sdr	2026-11-01	2026-11-03	40	failed$' \
    "$D/attempts.tsv"

# --- after: withdrawn counts nowhere
run train-status --overdue --no-header
cut -f1,2,9 "$T/out" >"$T/od"
expect_file "$T/od" "dan	sdr	18" "train-status --overdue: the withdrawn ones are not overdue"
run train-status --withdrawn
expect_out "$H
ann	sdr	2026-11-01	2026-11-08				withdrawn		0		2026-11-26	assigned by mistake
bob	sdr	2026-11-01	2026-11-08		40		withdrawn		1	2026-11-03	2026-11-26	assigned by mistake" \
    "train-status --withdrawn: only those, with the day and the reason"
run train-status --withdrawn --overdue --no-header
cut -f1,2,8 "$T/out" >"$T/st"
expect_file "$T/st" "ann	sdr	withdrawn
bob	sdr	withdrawn
dan	sdr	overdue" "train-status --withdrawn --overdue: both"
run train-status --withdrawn --rep eve
expect_status 0 "train-status --withdrawn with none: exit 0"
expect_out_empty "train-status --withdrawn with none: nothing at all"
run train-status --withdrawn --rep ann -o html
expect_out_has "<h1>Training withdrawn, rep ann</h1>" "train-status --withdrawn -o html: in the title"
run train-status --summary
expect_out "by	key	assignments	done	overdue	done_pct	overdue_pct
all		6	1	1	16.7	16.7
team	north	6	1	1	16.7	16.7
course	demo	1	0	0	0.0	0.0
course	pol	3	0	0	0.0	0.0
course	sdr	2	1	1	50.0	50.0" "train-status --summary: withdrawn assignments are left out"
bad_usage "train-status: --summary counts every state: give it no --overdue, --due-within or --withdrawn" \
    "train-status: --summary --withdrawn" train-status --summary --withdrawn
run rep-show ann --no-header
grep '^training_' "$T/out" >"$T/tr"
expect_file "$T/tr" "training_open	demo, pol (due 2026-12-04)
training_overdue	
training_passed	
training_expiring	
training_expired	" "rep-show: a withdrawn course is neither open nor overdue"
check "rep-diagnose: a withdrawn course is not overdue training" test "$(diag ann)" = 0
check "rep-diagnose: nor for bob" test "$(diag bob)" = 0
check "rep-diagnose: dan's still is" test "$(diag dan)" = 1
nightly=$top/scripts/sales-nightly
run "$nightly"
expect_status 0 "sales-nightly: exit 0"
awk '/^== Training overdue/ { on = 1; next } /^$/ { on = 0 } on' "$T/out" >"$T/sect"
check "sales-nightly: dan is overdue" grep -q '^dan  *sdr ' "$T/sect"
if grep -q -e '^ann ' -e '^bob ' "$T/sect"; then
	not_ok "sales-nightly: the withdrawn assignments are not overdue" "$(cat "$T/sect")"
else
	ok "sales-nightly: the withdrawn assignments are not overdue"
fi
bad 1 "train-done: rep 'ann' has no open assignment of course 'sdr' (assign it with train-assign)
train-done: nothing was changed" "train-done: a withdrawn assignment takes no attempt" \
    train-done ann sdr --score 90

# --- every bad input: the message, exit 1, nothing written
bad 1 "train-unassign: rep 'eve' has no open assignment of course 'sdr' to withdraw (passed 2026-11-06)
train-unassign: nothing was changed" "train-unassign: a passed course" \
    train-unassign sdr eve --reason x
bad 1 "train-unassign: rep 'ann' has no open assignment of course 'sdr' to withdraw (withdrawn 2026-11-26)
train-unassign: nothing was changed" "train-unassign: one already withdrawn" \
    train-unassign sdr ann --reason x
bad 1 "train-unassign: rep 'bob' has no open assignment of course 'demo' to withdraw (never assigned)
train-unassign: nothing was changed" "train-unassign: one never assigned" \
    train-unassign demo bob --reason x
bad 1 "train-unassign: unknown rep 'zed' (rep-list --all shows every rep)
train-unassign: nothing was changed" "train-unassign: an unknown rep, the others not withdrawn either" \
    train-unassign pol ann zed bob --reason x
bad 1 "train-unassign: unknown course 'nosuch' (see course-list)
train-unassign: nothing was changed" "train-unassign: an unknown course" \
    train-unassign nosuch ann --reason x
bad 1 "train-unassign: rep 'Ann' must start with a-z or 0-9
train-unassign: nothing was changed" "train-unassign: a malformed rep" \
    train-unassign pol Ann --reason x
bad 1 "train-unassign: no reason given (use --reason)" "train-unassign: no reason" \
    train-unassign pol ann
bad 1 "train-unassign: no reason given (use --reason)" "train-unassign: an empty reason" \
    train-unassign pol ann --reason ''
bad 1 "train-unassign: date '2026-11-27' is after today (2026-11-26)
train-unassign: nothing was changed" "train-unassign: a date after today" \
    train-unassign pol ann --reason x --date 2026-11-27
bad 1 "train-unassign: date '2026-11-19' is before the assignment (2026-11-20)
train-unassign: nothing was changed" "train-unassign: a date before the assignment" \
    train-unassign pol ann --reason x --date 2026-11-19
bad 1 "train-unassign: date '2026-11-09' is before the last attempt (2026-11-10)
train-unassign: nothing was changed" "train-unassign: a date before the last attempt" \
    train-unassign sdr dan --reason x --date 2026-11-09
bad 1 "train-unassign: date '2026-02-30' is not a date (YYYY-MM-DD)
train-unassign: nothing was changed" "train-unassign: a malformed date" \
    train-unassign pol ann --reason x --date 2026-02-30
printf 'rep\tcourse\treason\tdate\n' >"$T/u1"
printf 'ann\tpol\tr\t\neve\tsdr\tr\t\nbob\tpol\t\t\nzed\tpol\tr\t\nann\tpol\tr\t\neve\tpol\tr\t2026-11-30\n' \
    >>"$T/u1"
bad 1 "train-unassign: $T/u1:3: rep 'eve' has no open assignment of course 'sdr' to withdraw (passed 2026-11-06)
train-unassign: $T/u1:4: no reason given (use --reason)
train-unassign: $T/u1:5: unknown rep 'zed' (rep-list --all shows every rep)
train-unassign: $T/u1:6: rep 'ann' has no open assignment of course 'pol' to withdraw (withdrawn 2026-11-26)
train-unassign: $T/u1:7: date '2026-11-30' is after today (2026-11-26)
train-unassign: nothing was changed" "train-unassign --from: every bad row, one twice, nothing written" \
    train-unassign --from "$T/u1"
printf 'rep\treason\nann\tr\n' >"$T/u2"
bad 1 "train-unassign: $T/u2:2: no course given (use --course)
train-unassign: nothing was changed" "train-unassign --from: no course column and no --course" \
    train-unassign --from "$T/u2"
bad_usage "usage: train-unassign COURSE REP ... --reason TEXT [--date DATE] [-nq]" \
    "train-unassign: no rep" train-unassign pol --reason x
bad_usage "usage: train-unassign COURSE REP ... --reason TEXT [--date DATE] [-nq]" \
    "train-unassign: --course with arguments" train-unassign pol ann --course demo --reason x
bad_usage "usage: train-unassign COURSE REP ... --reason TEXT [--date DATE] [-nq]" \
    "train-unassign: arguments with --from" train-unassign pol ann --from "$T/u1"
bad_usage "train-unassign: unrecognized option '--due'" "train-unassign: an unknown option" \
    train-unassign pol ann --reason x --due +1w

# --- pipes
run sh -c "train-status --course pol | awk -F'\t' 'NR == 1 || \$8 == \"open\" || \$8 == \"due-soon\"' |
    train-unassign --from - --reason 'replaced by pol-2027'"
expect_status 0 "pipe: train-status | awk | train-unassign --from - --reason: exit 0"
expect_out_empty "pipe: train-unassign prints nothing"
run train-status --course pol --no-header
cut -f1,8,12,13 "$T/out" >"$T/pol"
expect_file "$T/pol" "ann	withdrawn	2026-11-26	replaced by pol-2027
bob	withdrawn	2026-11-26	replaced by pol-2027
eve	withdrawn	2026-11-26	replaced by pol-2027" "pipe: each open one withdrawn, the reason from the option"
run sh -c "rep-list --role lead | train-unassign --from - --course demo --reason 'leads skip it' -n"
expect_out "would withdraw course demo from rep ann (assigned 2026-11-20) on 2026-11-26: leads skip it" \
    "pipe: rep-list | train-unassign --from - --course: rep-list's other columns ignored"
printf 'rep\tcourse\treason\tdate\nann\tdemo\tno time\t2026-11-21\n' >"$T/u3"
run_in "$T/u3" train-unassign --from - -q
expect_status 0 "train-unassign --from -: the reason and day from the rows"
rows training.tsv | grep '^ann	demo' >"$T/demo"
expect_file "$T/demo" "ann	demo	2026-11-20				2026-11-21	no time" "the row's reason and day"

# --- assigned again: a new row, from the day after a withdrawal on
run train-assign sdr ann
expect_status 0 "train-assign after a withdrawal: exit 0"
run train-status --rep ann --course sdr --no-header
cut -f3,8 "$T/out" >"$T/st"
expect_file "$T/st" "2026-11-01	withdrawn
2026-11-26	due-soon" "train-assign after a withdrawal: a new open row beside the withdrawn one"
train-assign -q demo bob && train-unassign -q demo bob --reason 'wrong course' ||
    setup_failed "demo for bob"
run train-assign demo bob
expect_status 0 "train-assign on the day of the withdrawal: exit 0"
expect_err "train-assign: rep 'bob' was already assigned course 'demo' on 2026-11-26; skipped" \
    "train-assign on the day of the withdrawal: skipped, the key is taken"

# --- a withdrawn renewal: the certification it would renew expires again
train-assign -q sdr eve --today 2027-10-20 || setup_failed "renewal"
run train-status --rep eve --course sdr --no-header --today 2027-10-20
cut -f3,7,8 "$T/out" >"$T/st"
expect_file "$T/st" "2026-11-01	2027-11-06	passed
2027-10-20		due-soon" "a renewal: the old certification is passed, not expiring"
run train-unassign sdr eve --reason 'leaves the team' --today 2027-10-20
expect_status 0 "the renewal withdrawn: exit 0"
run train-status --rep eve --course sdr --no-header --today 2027-10-20
cut -f3,7,8 "$T/out" >"$T/st"
expect_file "$T/st" "2026-11-01	2027-11-06	expiring
2027-10-20		withdrawn" "the renewal withdrawn: the old certification is expiring again"

check "sales-check: clean after all this" sales-check

# --- a directory from before withdrawals and attempts.tsv: the copy made
# above, cut back to the old columns, without attempts.tsv
SALESMGR_DIR=$T/old
export SALESMGR_DIR
cut -f1-6 "$T/old/training.tsv" >"$T/t6" && cat "$T/t6" >"$T/old/training.tsv" &&
rm "$T/old/attempts.tsv" || setup_failed "an old directory"
run sales-check
expect_status 0 "old directory: sales-check is clean"
expect_out_empty "old directory: sales-check says nothing"
snapshot
run train-status --course sdr --no-header
cut -f1,8,10,11 "$T/out" >"$T/st"
expect_file "$T/st" "ann	overdue	0	
bob	overdue	1	
dan	overdue	1	
eve	passed	1	2026-11-06" "old directory: the attempts training.tsv knows of, a failure's day unknown"
run train-status --attempts --no-header
expect_out "bob	sdr	2026-11-01	1		40	failed
dan	sdr	2026-11-01	1		60	failed
eve	sdr	2026-11-01	1	2026-11-06	80	passed" "old directory: train-status --attempts"
run rep-show bob --no-header
expect_status 0 "old directory: rep-show reads it"
expect_unchanged "old directory: readers write nothing"
run train-done dan sdr --score 75
expect_status 0 "old directory: train-done: exit 0"
expect_file "$T/old/attempts.tsv" "rep	course	assigned	date	score	result
bob	sdr	2026-11-01		40	failed
dan	sdr	2026-11-01		60	failed
eve	sdr	2026-11-01	2026-11-06	80	passed
dan	sdr	2026-11-01	2026-11-26	75	passed" \
    "old directory: train-done writes attempts.tsv, the known attempts first"
check "old directory: training.tsv keeps its columns after train-done" \
    test "$(head -n 1 "$T/old/training.tsv")" = "rep	course	assigned	due	completed	score"
run train-unassign pol ann --reason 'not needed'
expect_status 0 "old directory: train-unassign: exit 0"
expect_file "$T/old/training.tsv" "rep	course	assigned	due	completed	score	withdrawn	reason
ann	demo	2026-11-20					
ann	pol	2026-11-20	2026-12-04			2026-11-26	not needed
ann	sdr	2026-11-01	2026-11-08				
bob	pol	2026-11-20	2026-12-04				
bob	sdr	2026-11-01	2026-11-08		40		
dan	sdr	2026-11-01	2026-11-08	2026-11-26	75		
eve	pol	2026-11-20	2026-12-04				
eve	sdr	2026-11-01	2026-11-08	2026-11-06	80		" \
    "old directory: train-unassign adds withdrawn and reason"
check "old directory: sales-check is clean after both" sales-check

# --- sales-check: what a hand edit can break
settle "$D"
cp -a "$D" "$T/edit"
SALESMGR_DIR=$T/edit
export SALESMGR_DIR
sed 's/^eve	sdr	2026-11-01	2026-11-08	2026-11-06	80		$/eve	sdr	2026-11-01	2026-11-08	2026-11-06	80	2026-11-20	oops/
s/^dan	sdr	2026-11-01	2026-11-08		60		$/dan	sdr	2026-11-01	2026-11-08		60		why/
s/^ann	pol	2026-11-20	2026-12-04			2026-11-26	/ann	pol	2026-11-20	2026-12-04			2026-11-19	/' \
    "$D/training.tsv" >"$T/t" && cat "$T/t" >"$T/edit/training.tsv"
printf 'zed\tsdr\t2026-11-01\t2026-11-02\t10\tfailed\nann\tpol\t2026-10-01\t2026-11-02\t\tmaybe\n' \
    >>"$T/edit/attempts.tsv"
n=$(wc -l <"$T/edit/attempts.tsv")
run sales-check
expect_status 1 "sales-check: problems found: exit 1"
expect_err "sales-check: attempts.tsv:$n: result 'maybe' is not one of the allowed values
sales-check: attempts.tsv:$((n - 1)): unknown rep 'zed' (not in reps.tsv)
sales-check: training.tsv:3: withdrawn '2026-11-19' is before assigned '2026-11-20'
sales-check: training.tsv:9: reason is set but withdrawn is not
sales-check: training.tsv:11: completed '2026-11-06' and withdrawn '2026-11-20' are both set (an assignment is passed or withdrawn)
sales-check: attempts.tsv:$((n - 1)): no assignment of course 'sdr' to rep 'zed' on 2026-11-01 in training.tsv
sales-check: attempts.tsv:$n: no assignment of course 'pol' to rep 'ann' on 2026-10-01 in training.tsv" \
    "sales-check: withdrawn and attempts checked against training.tsv"
SALESMGR_DIR=$D
export SALESMGR_DIR

# --- rep-diagnose does not suggest a withdrawn course again: the generated
# data of diagnose.sh, where rep B's expired pro-101 is suggested again
G=$T/gen
SALESMGR_DIR=$G
export SALESMGR_DIR
init
team-add -q t1 --name T1 && team-add -q t2 --name T2 &&
mkdir -p "$G/deals" "$G/activities" || setup_failed "generated data"
set -- $(awk -v seed=1 -v dir="$G" -f "$top/tests/oracle/days.awk" -f "$top/tests/cmd/diagnose-gen.awk")
b=$(printf 'r%02d' "$2")
suggested() { rep-diagnose "$b" --no-header | awk -F'\t' '$13 == "pro-101"' | grep -c .; }
check "generated: pro-101 is suggested to $b" test "$(suggested)" -gt 0
train-assign -q pro-101 "$b" || setup_failed "pro-101 for $b"
check "generated: not while it is assigned" test "$(suggested)" -eq 0
run train-unassign pro-101 "$b" --reason 'coached by hand instead'
expect_status 0 "generated: train-unassign: exit 0"
check "generated: nor once it is withdrawn" test "$(suggested)" -eq 0
SALESMGR_DIR=$D
export SALESMGR_DIR

# --- the data directory: missing; --help
run env SALESMGR_DIR="$T/nowhere" train-unassign pol ann --reason x
expect_fail 1 "sales-init" "train-unassign: a missing data directory names sales-init"
check "train-unassign: a missing data directory is not created" [ ! -e "$T/nowhere" ]
run train-unassign --help
expect_status 0 "train-unassign --help: exit 0"
expect_out_has "usage: train-unassign" "train-unassign --help: usage on stdout"

done_testing
