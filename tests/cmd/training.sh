# course-add, course-list, train-assign, train-done, train-status,
# train-onboard: the catalogue, assignments, attempts, states, onboarding,
# every format, pipes from rep-list, every bad input, and the date
# arithmetic across month ends, year ends and leap days.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
setup_failed() { echo "not ok - setup: $1"; exit 1; }

init
team-add -q north --name North &&
team-add -q south --name South &&
rep-add -q ann --name 'Ann Lee' --team north --role lead --hired 2026-01-05 &&
rep-add -q bob --name 'Bob Roy' --team north --role ae --manager ann --hired 2026-10-01 &&
rep-add -q eve --name 'Eve Park' --team north --role ae --manager ann --hired 2026-04-01 &&
rep-add -q cid --name 'Cid Tao' --team south --role ae --hired 2026-06-01 &&
rep-add -q dan --name 'Dan Ode' --team south --role se --hired 2026-02-01 ||
    setup_failed "rep-add"

# --- course-add
run course-add policy-2027 --title 'Sales policy 2027' --kind policy --skill policy \
    --hours 2 --due-days 14 --pass-score 80 --required all
expect_status 0 "course-add: exit 0"
expect_out_empty "course-add: nothing on stdout"
course-add -q basics --title 'The basic sales approach' --kind onboarding \
    --skill prospecting --hours 8 --due-days 30 --required new &&
course-add -q sec --title 'Security certification' --kind policy --due-days 7 \
    --valid-days 365 --pass-score 70 --required role:ae || setup_failed "course-add"
printf 'course\ttitle\tkind\tskill\thours\n' >"$T/courses"
printf 'negot\tNegotiation\tskill\tnegotiation\t4\n' >>"$T/courses"
printf 'demo\tDemo skills\tskill\tpresentation\t\n' >>"$T/courses"
run course-add --from "$T/courses"
expect_status 0 "course-add --from: exit 0"
expect_file "$D/courses.tsv" "course	title	kind	skill	hours	due_days	valid_days	pass_score	required
basics	The basic sales approach	onboarding	prospecting	8	30			new
demo	Demo skills	skill	presentation					
negot	Negotiation	skill	negotiation	4				
policy-2027	Sales policy 2027	policy	policy	2	14		80	all
sec	Security certification	policy			7	365	70	role:ae" \
    "courses.tsv: every course, sorted by id"
check "course-add: each course in the audit log" \
    grep -q "course-add	add course negot" "$D/audit.tsv"
run course-add -n x --title X
expect_out "would add course x" "course-add -n: says what it would do"

bad 1 "course-add: course 'sec' already exists (see course-list)
course-add: nothing was changed" "course-add: a course that exists" course-add sec --title S
bad 1 "course-add: course 'x': no title given (use --title)
course-add: nothing was changed" "course-add: no title" course-add x
bad 1 "course-add: course 'Policy' must start with a-z or 0-9
course-add: nothing was changed" "course-add: a malformed id" course-add Policy --title P
bad 1 "course-add: kind 'video' is not one of the allowed values
course-add: nothing was changed" "course-add: unknown kind" course-add x --title X --kind video
bad 1 "course-add: required 'everyone' is not all, new, role:ROLE or none
course-add: nothing was changed" "course-add: bad required" \
    course-add x --title X --required everyone
bad 1 "course-add: required 'role:AE' has a malformed role
course-add: nothing was changed" "course-add: bad role" course-add x --title X --required role:AE
bad 1 "course-add: pass_score '101' is not a whole number 0-100
course-add: nothing was changed" "course-add: pass score 101" course-add x --title X --pass-score 101
bad 1 "course-add: hours '-1' is not a whole number
course-add: nothing was changed" "course-add: negative hours" course-add x --title X --hours -1
bad 1 "course-add: course 'x': valid_days must be at least 1 (leave it out for a course that does not expire)
course-add: nothing was changed" "course-add: valid days 0" course-add x --title X --valid-days 0
printf 'course\ttitle\tlevel\n' >"$T/c2"
printf 'x\tX\t3\n' >>"$T/c2"
bad 1 "course-add: $T/c2:1: unknown column 'level' (use --ignore-extra to skip it)
course-add: $T/c2: nothing was changed" "course-add --from: an unknown column" \
    course-add --from "$T/c2"
printf 'course\ttitle\tpass_score\n' >"$T/c3"
printf 'x\tX\t50\ny\t\t\nz\tZ\t200\n' >>"$T/c3"
bad 1 "course-add: $T/c3:3: course 'y': no title given (use --title)
course-add: $T/c3:4: pass_score '200' is not a whole number 0-100
course-add: nothing was changed" "course-add --from: every bad row, nothing written" \
    course-add --from "$T/c3"
bad_usage "usage: course-add COURSE --title T [--kind onboarding|policy|product|skill]" \
    "course-add: no course" course-add --title X

# --- course-list
run course-list
expect_out "$(cat "$D/courses.tsv")" "course-list: TSV, the columns of courses.tsv"
run course-list --kind policy -o table
expect_out "course       title                   kind    skill   hours  due_days  valid_days  pass_score  required
policy-2027  Sales policy 2027       policy  policy      2        14                      80  all
sec          Security certification  policy                        7         365          70  role:ae" \
    "course-list --kind policy -o table: aligned, numbers right"
run course-list --skill negotiation -o json
expect_out '{"course":"negot","title":"Negotiation","kind":"skill","skill":"negotiation","hours":4,"due_days":null,"valid_days":null,"pass_score":null,"required":null}' \
    "course-list --skill -o json"
run course-list --skill nosuch --no-header
expect_status 0 "course-list: a skill no course has: exit 0"
expect_out_empty "course-list: a skill no course has: no rows"
run sh -c 'course-list --kind skill | cut -f1'
expect_out "course
demo
negot" "pipe: course-list --kind skill | cut -f1"
bad_usage "course-list: invalid kind 'video': want onboarding, policy, product or skill" \
    "course-list: unknown kind" course-list --kind video

# --- train-assign: from rep-list through a pipe, --course for the column
run sh -c 'rep-list --team north | train-assign --from - --course policy-2027'
expect_status 0 "pipe: rep-list --team north | train-assign --from - --course: exit 0"
expect_out_empty "pipe: train-assign prints nothing"
train-assign -q policy-2027 cid dan || setup_failed "train-assign"
rep-end -q cid --date 2026-11-20 &&
rep-end -q dan --status leave --date 2026-11-25 || setup_failed "rep-end"
run train-assign sec bob eve --due +2w
expect_status 0 "train-assign --due +2w: exit 0"
run train-assign basics bob
expect_status 0 "train-assign without --due: the course's due_days"
expect_file "$D/training.tsv" "rep	course	assigned	due	completed	score	withdrawn	reason
ann	policy-2027	2026-11-26	2026-12-10				
bob	basics	2026-11-26	2026-12-26				
bob	policy-2027	2026-11-26	2026-12-10				
bob	sec	2026-11-26	2026-12-10				
cid	policy-2027	2026-11-26	2026-12-10				
dan	policy-2027	2026-11-26	2026-12-10				
eve	policy-2027	2026-11-26	2026-12-10				
eve	sec	2026-11-26	2026-12-10				" \
    "training.tsv: one open row per assignment, due from due_days or --due"
check "train-assign: each assignment in the audit log" \
    grep -q "train-assign	assign course sec to rep eve, due 2026-12-10" "$D/audit.tsv"

snapshot
run train-assign sec bob ann --due 2026-12-31 -n
expect_out "would assign course sec to rep ann, due 2026-12-31" \
    "train-assign -n: the new one only"
expect_err "train-assign: rep 'bob' already has course 'sec' open (due 2026-12-10); skipped" \
    "train-assign: what is open is reported"
expect_unchanged "train-assign -n: nothing written"
run sh -c 'rep-list --team north | train-assign --from - --course policy-2027'
expect_status 0 "train-assign again: exit 0"
expect_err "train-assign: stdin:2: rep 'ann' already has course 'policy-2027' open (due 2026-12-10); skipped
train-assign: stdin:3: rep 'bob' already has course 'policy-2027' open (due 2026-12-10); skipped
train-assign: stdin:4: rep 'eve' already has course 'policy-2027' open (due 2026-12-10); skipped" \
    "train-assign again: each open one reported with its line, and skipped"
expect_unchanged "train-assign again: nothing written"
run train-assign negot ann --due +1m -n
expect_out "would assign course negot to rep ann, due 2026-12-26" "train-assign --due +1m"
run train-assign demo ann -n
expect_out "would assign course demo to rep ann" "train-assign: no due_days, no --due: no due date"

bad 1 "train-assign: unknown rep 'zed' (rep-list --all shows every rep)
train-assign: nothing was changed" "train-assign: unknown rep" train-assign sec ann zed
bad 1 "train-assign: unknown course 'nosuch' (see course-list)
train-assign: nothing was changed" "train-assign: unknown course" train-assign nosuch ann
bad 1 "train-assign: rep 'cid' has ended (gone since 2026-11-20): courses go to active reps only
train-assign: rep 'dan' has ended (leave since 2026-11-25): courses go to active reps only
train-assign: nothing was changed" "train-assign: reps who have ended" train-assign negot ann cid dan
bad 1 "train-assign: due '2026-11-25' is before the assignment (2026-11-26)" \
    "train-assign: --due before today" train-assign negot ann --due 2026-11-25
bad 1 "train-assign: rep 'Ann' must start with a-z or 0-9
train-assign: nothing was changed" "train-assign: a malformed rep" train-assign negot Ann
bad_usage "train-assign: invalid due '2026-02-30' (want YYYY-MM-DD, +14d, +2w or +1m)" \
    "train-assign: --due not a date" train-assign negot ann --due 2026-02-30
bad_usage "train-assign: invalid due 'soon' (want YYYY-MM-DD, +14d, +2w or +1m)" \
    "train-assign: --due malformed" train-assign negot ann --due soon
bad_usage "usage: train-assign COURSE REP ... [--due DATE|+14d] [-nq] [-D DIR]" \
    "train-assign: no rep" train-assign negot
bad_usage "usage: train-assign COURSE REP ... [--due DATE|+14d] [-nq] [-D DIR]" \
    "train-assign: --course with arguments" train-assign negot ann --course demo
printf 'rep\tcourse\tdue\n' >"$T/a1"
printf 'ann\tnegot\t2026-12-01\neve\tnegot\t2026-11-01\nbob\tnegot\tsoon\nzed\tnegot\t\ncid\tdemo\t+1d\nann\t\t\n' >>"$T/a1"
bad 1 "train-assign: $T/a1:3: due '2026-11-01' is before the assignment (2026-11-26)
train-assign: $T/a1:4: due 'soon' is not a date (YYYY-MM-DD, +14d, +2w or +1m)
train-assign: $T/a1:5: unknown rep 'zed' (rep-list --all shows every rep)
train-assign: $T/a1:6: rep 'cid' has ended (gone since 2026-11-20): courses go to active reps only
train-assign: nothing was changed" "train-assign --from: every bad row, nothing written" \
    train-assign --from "$T/a1"
printf 'rep\tdue\nann\t\n' >"$T/a3"
bad 1 "train-assign: $T/a3:2: no course given (use --course)
train-assign: nothing was changed" "train-assign --from: no course column and no --course" \
    train-assign --from "$T/a3"
# A coaching diagnosis names the course in its rows; +Nd in a row counts from today.
printf 'rep\tcourse\tdue\tweak_spot\n' >"$T/a2"
printf 'ann\tnegot\t+3d\tclosing\neve\tdemo\t\tpresentation\n' >>"$T/a2"
run_in "$T/a2" train-assign --from - -n
expect_out "would assign course negot to rep ann, due 2026-11-29
would assign course demo to rep eve" "train-assign --from -: course and due from the rows, other columns ignored"
# rep-diagnose's rows: only the weak ones name a course; the rest are skipped.
printf 'rep\tmetric\tverdict\tskill\tcourse\nann\twin_rate\tok\t\t\nann\tnegotiation->won\tweak\tclosing\tnegot\n' >"$T/a4"
run_in "$T/a4" train-assign --from - -n
expect_status 0 "train-assign --from a diagnosis: exit 0"
expect_out "would assign course negot to rep ann" \
    "train-assign --from a diagnosis: rows without a course are skipped"

# --- train-done: a failed attempt keeps the assignment open
run train-done bob policy-2027 --score 70
expect_status 0 "train-done: a failed attempt: exit 0"
run train-done eve policy-2027 --score 80 --date 2026-11-26
expect_status 0 "train-done: the pass score passes"
printf 'rep\tcourse\tscore\n' >"$T/d1"
printf 'eve\tsec\t60\neve\tsec\t75\n' >>"$T/d1"
run train-done --from "$T/d1"
expect_status 0 "train-done --from: a fail, then a pass, in order"
expect_file "$D/training.tsv" "rep	course	assigned	due	completed	score	withdrawn	reason
ann	policy-2027	2026-11-26	2026-12-10				
bob	basics	2026-11-26	2026-12-26				
bob	policy-2027	2026-11-26	2026-12-10		70		
bob	sec	2026-11-26	2026-12-10				
cid	policy-2027	2026-11-26	2026-12-10				
dan	policy-2027	2026-11-26	2026-12-10				
eve	policy-2027	2026-11-26	2026-12-10	2026-11-26	80		
eve	sec	2026-11-26	2026-12-10	2026-11-26	75		" \
    "training.tsv: a failed score on the open row, a pass completes it"
tail -n 4 "$D/audit.tsv" | cut -f3,4 >"$T/audit"
expect_file "$T/audit" "train-done	record course policy-2027 failed by rep bob on 2026-11-26, score 70 (pass 80)
train-done	record course policy-2027 passed by rep eve on 2026-11-26, score 80
train-done	record course sec failed by rep eve on 2026-11-26, score 60 (pass 70)
train-done	record course sec passed by rep eve on 2026-11-26, score 75" \
    "audit.tsv: every attempt, failed ones too"
run train-done ann policy-2027 --score 95 -n
expect_out "would record course policy-2027 passed by rep ann on 2026-11-26, score 95" "train-done -n"

bad 1 "train-done: score '101' is not a whole number 0-100
train-done: nothing was changed" "train-done: score 101" train-done ann policy-2027 --score 101
bad 1 "train-done: score '-5' is not a whole number 0-100
train-done: nothing was changed" "train-done: score -5" train-done ann policy-2027 --score -5
bad 1 "train-done: score 'A' is not a whole number 0-100
train-done: nothing was changed" "train-done: score A" train-done ann policy-2027 --score A
bad 1 "train-done: course 'policy-2027' has a pass score (80): give the score with --score
train-done: nothing was changed" "train-done: no score for a scored course" train-done ann policy-2027
bad 1 "train-done: rep 'ann' has no open assignment of course 'negot' (assign it with train-assign)
train-done: nothing was changed" "train-done: nothing open" train-done ann negot
bad 1 "train-done: rep 'eve' has no open assignment of course 'sec' (assign it with train-assign)
train-done: nothing was changed" "train-done: already passed" train-done eve sec --score 90
bad 1 "train-done: unknown rep 'zed' (rep-list --all shows every rep)
train-done: nothing was changed" "train-done: unknown rep" train-done zed sec --score 90
bad 1 "train-done: unknown course 'nosuch' (see course-list)
train-done: nothing was changed" "train-done: unknown course" train-done ann nosuch
bad 1 "train-done: date '2026-11-27' is after today (2026-11-26)
train-done: nothing was changed" "train-done: a date after today" \
    train-done ann policy-2027 --score 90 --date 2026-11-27
bad 1 "train-done: date '2026-11-25' is before the assignment (2026-11-26)
train-done: nothing was changed" "train-done: a date before the assignment" \
    train-done ann policy-2027 --score 90 --date 2026-11-25
bad 1 "train-done: date '2026-02-30' is not a date (YYYY-MM-DD)
train-done: nothing was changed" "train-done: a malformed date" \
    train-done ann policy-2027 --score 90 --date 2026-02-30
printf 'rep\tcourse\tscore\n' >"$T/d2"
printf 'ann\tpolicy-2027\t90\nbob\tbasics\t\nbob\tsec\t120\n' >>"$T/d2"
bad 1 "train-done: $T/d2:4: score '120' is not a whole number 0-100
train-done: nothing was changed" "train-done --from: one bad row, nothing written" \
    train-done --from "$T/d2"
bad_usage "usage: train-done REP COURSE [--date DATE] [--score N] [-nq] [-D DIR]" \
    "train-done: no course" train-done ann

# --- train-status
H='rep	course	assigned	due	completed	score	expires	state	days_late	attempts	last_attempt	withdrawn	reason'
run train-status
expect_status 0 "train-status: exit 0"
expect_out "$H
ann	policy-2027	2026-11-26	2026-12-10				open		0			
bob	basics	2026-11-26	2026-12-26				open		0			
bob	policy-2027	2026-11-26	2026-12-10		70		failed		1	2026-11-26		
bob	sec	2026-11-26	2026-12-10				open		0			
cid	policy-2027	2026-11-26	2026-12-10				ended		0			
dan	policy-2027	2026-11-26	2026-12-10				ended		0			
eve	policy-2027	2026-11-26	2026-12-10	2026-11-26	80		passed		1	2026-11-26		
eve	sec	2026-11-26	2026-12-10	2026-11-26	75	2027-11-26	passed		2	2026-11-26		" \
    "train-status: every assignment with its state; ended reps' rows stay"
run train-status --today 2026-12-15 -o table
expect_out "rep  course       assigned    due         completed   score  expires     state    days_late  attempts  last_attempt  withdrawn  reason
ann  policy-2027  2026-11-26  2026-12-10                                 overdue          5         0
bob  basics       2026-11-26  2026-12-26                                 open                       0
bob  policy-2027  2026-11-26  2026-12-10                 70              overdue          5         1  2026-11-26
bob  sec          2026-11-26  2026-12-10                                 overdue          5         0
cid  policy-2027  2026-11-26  2026-12-10                                 ended                      0
dan  policy-2027  2026-11-26  2026-12-10                                 ended                      0
eve  policy-2027  2026-11-26  2026-12-10  2026-11-26     80              passed                     1  2026-11-26
eve  sec          2026-11-26  2026-12-10  2026-11-26     75  2027-11-26  passed                     2  2026-11-26" \
    "train-status -o table: days late; a failed one past due is overdue"
run train-status --rep bob --course sec -o json --today 2026-12-15
expect_out '{"rep":"bob","course":"sec","assigned":"2026-11-26","due":"2026-12-10","completed":null,"score":null,"expires":null,"state":"overdue","days_late":5,"attempts":0,"last_attempt":null,"withdrawn":null,"reason":null}' \
    "train-status -o json: numbers as numbers, not set as null"

# --overdue: nothing overdue prints nothing at all, for cron
run train-status --overdue
expect_status 0 "train-status --overdue with nothing overdue: exit 0"
expect_out_empty "train-status --overdue with nothing overdue: no output, not even a header"
run train-status --overdue --today 2026-12-11
expect_out "$H
ann	policy-2027	2026-11-26	2026-12-10				overdue	1	0			
bob	policy-2027	2026-11-26	2026-12-10		70		overdue	1	1	2026-11-26		
bob	sec	2026-11-26	2026-12-10				overdue	1	0			" \
    "train-status --overdue: the day after due is 1 day late; ended reps drop out"
run train-status --overdue --team south --today 2027-01-01
expect_out_empty "train-status --overdue --team of ended reps: nothing"
run train-status --overdue --team north --no-header --today 2027-01-01
expect_out "ann	policy-2027	2026-11-26	2026-12-10				overdue	22	0			
bob	basics	2026-11-26	2026-12-26				overdue	6	0			
bob	policy-2027	2026-11-26	2026-12-10		70		overdue	22	1	2026-11-26		
bob	sec	2026-11-26	2026-12-10				overdue	22	0			" \
    "train-status --overdue across the year end: days late"
run train-status --due-within 14 --no-header
expect_out "ann	policy-2027	2026-11-26	2026-12-10				due-soon		0			
bob	sec	2026-11-26	2026-12-10				due-soon		0			" \
    "train-status --due-within 14: due today .. in 14 days; failed ones stay failed"
run train-status --due-within 13
expect_out_empty "train-status --due-within 13: nothing due, nothing printed"
run train-status --overdue --due-within 7 --no-header --today 2026-12-20
expect_out "ann	policy-2027	2026-11-26	2026-12-10				overdue	10	0			
bob	basics	2026-11-26	2026-12-26				due-soon		0			
bob	policy-2027	2026-11-26	2026-12-10		70		overdue	10	1	2026-11-26		
bob	sec	2026-11-26	2026-12-10				overdue	10	0			" \
    "train-status --overdue --due-within: both"

# certifications: expiring 30 days ahead, valid on the day, expired after
cert() { run train-status --rep eve --course sec --no-header --today "$1"; cut -f7,8 "$T/out" >"$T/st"; }
cert 2027-10-26; expect_file "$T/st" "2027-11-26	passed" "certification 31 days before expiry: passed"
cert 2027-10-27; expect_file "$T/st" "2027-11-26	expiring" "certification 30 days before expiry: expiring"
cert 2027-11-26; expect_file "$T/st" "2027-11-26	expiring" "certification on its expiry day: expiring"
cert 2027-11-27; expect_file "$T/st" "2027-11-26	expired" "certification the day after: expired"

# --summary: the current force, latest assignment of each course
run train-status --summary
expect_out "by	key	assignments	done	overdue	done_pct	overdue_pct
all		6	2	0	33.3	0.0
team	north	6	2	0	33.3	0.0
course	basics	1	0	0	0.0	0.0
course	policy-2027	3	1	0	33.3	0.0
course	sec	2	1	0	50.0	0.0" \
    "train-status --summary: rates per team and per course, ended reps left out"
run train-status --summary --today 2027-11-27 -o table
expect_out "by      key          assignments  done  overdue  done_pct  overdue_pct
all                            6     1        4      16.7         66.7
team    north                  6     1        4      16.7         66.7
course  basics                 1     0        1       0.0        100.0
course  policy-2027            3     1        2      33.3         66.7
course  sec                    2     0        1       0.0         50.0" \
    "train-status --summary -o table: an expired certification is not done"

# -o html: a page with the charts above the table
run train-status --summary -o html
expect_status 0 "train-status --summary -o html: exit 0"
sed -n '/<h1>/,/<table>/p' "$T/out" >"$T/charts"
expect_file "$T/charts" '<h1>Training summary</h1>
<h2>Done per team</h2>
<table class="chart" role="presentation">
<tr><td class="lbl" title="north">North</td><td class="val">33.3% done of 6, 0 overdue</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:33.3%;height:12px;background:#2f6fc6"></td><td style="width:66.7%;height:12px;background:#eeeeee"></td></tr></table></td></tr>
</table>
<h2>Done per course</h2>
<table class="chart" role="presentation">
<tr><td class="lbl" title="basics">The basic sales approach</td><td class="val">0.0% done of 1, 0 overdue</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:100.0%;height:12px;background:#eeeeee"></td></tr></table></td></tr>
<tr><td class="lbl" title="policy-2027">Sales policy 2027</td><td class="val">33.3% done of 3, 0 overdue</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:33.3%;height:12px;background:#2f6fc6"></td><td style="width:66.7%;height:12px;background:#eeeeee"></td></tr></table></td></tr>
<tr><td class="lbl" title="sec">Security certification</td><td class="val">50.0% done of 2, 0 overdue</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:50.0%;height:12px;background:#2f6fc6"></td><td style="width:50.0%;height:12px;background:#eeeeee"></td></tr></table></td></tr>
</table>
<div class="wrap"><table>' \
    "train-status --summary -o html: the share done per team and per course"
check "train-status --summary -o html: the table, a row per line of the summary" \
    test "$(grep -c '^<tr><td>' "$T/out")" -eq 5
run train-status --today 2027-11-27 -o html
sed -n '/<h1>/,/<table>/p' "$T/out" >"$T/charts"
expect_file "$T/charts" '<h1>Training</h1>
<h2>Overdue assignments per rep</h2>
<table class="chart" role="presentation">
<tr><td class="lbl" title="ann">Ann Lee</td><td class="val">1 overdue</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:33.3%;height:12px;background:#2f6fc6"></td><td style="width:66.7%;height:12px;background:#eeeeee"></td></tr></table></td></tr>
<tr><td class="lbl" title="bob">Bob Roy</td><td class="val">3 overdue</td></tr>
<tr><td colspan="2"><table class="bar" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="width:100.0%;height:12px;background:#2f6fc6"></td></tr></table></td></tr>
</table>
<div class="wrap"><table>' \
    "train-status -o html: the overdue assignments per rep above the listing"
run train-status --overdue --team north --today 2027-11-27 -o html
expect_out_has "<h1>Training overdue, team north</h1>" "train-status -o html: the filters in the title"
run train-status --rep eve -o html
expect_out_has "<h1>Training, rep eve</h1>" "train-status -o html: a rep in the title"
if grep -q '<svg\|class="chart"' "$T/out"; then not_ok "train-status -o html: no chart when nothing is overdue"
else ok "train-status -o html: no chart when nothing is overdue"; fi

bad 1 "train-status: unknown rep 'zed' (rep-list --all shows every rep)" "train-status: unknown rep" \
    train-status --rep zed
bad 1 "train-status: unknown team 'west' (see team-list)" "train-status: unknown team" \
    train-status --team west
bad 1 "train-status: unknown course 'nosuch' (see course-list)" "train-status: unknown course" \
    train-status --course nosuch
bad_usage "train-status: invalid --due-within 'soon': want a number of days" \
    "train-status: --due-within soon" train-status --due-within soon
bad_usage "train-status: --summary counts every state: give it no --overdue, --due-within or --withdrawn" \
    "train-status: --summary --overdue" train-status --summary --overdue
bad_usage "usage: train-status [--rep R] [--team T] [--manager R] [--course C] [--overdue]" \
    "train-status: an argument" train-status bob

# --- train-onboard
rep-add -q fay --name 'Fay Wu' --team north --role ae --hired 2026-11-20 ||
    setup_failed "rep-add fay"
run train-onboard fay
expect_status 0 "train-onboard: exit 0"
expect_out "rep	course	title	assigned	due
fay	basics	The basic sales approach	2026-11-20	2026-12-20
fay	policy-2027	Sales policy 2027	2026-11-20	2026-12-04
fay	sec	Security certification	2026-11-20	2026-11-27" \
    "train-onboard: all, new and role:ae courses, due from the hire date"
rows training.tsv | grep '^fay' >"$T/fay"
expect_file "$T/fay" "fay	basics	2026-11-20	2026-12-20				
fay	policy-2027	2026-11-20	2026-12-04				
fay	sec	2026-11-20	2026-11-27				" "train-onboard: the assignments are written"
snapshot
run train-onboard fay
expect_status 0 "train-onboard again: exit 0"
expect_out "rep	course	title	assigned	due" "train-onboard again: nothing new in the plan"
expect_err "train-onboard: rep 'fay' already has course 'basics' open (due 2026-12-20); skipped
train-onboard: rep 'fay' already has course 'policy-2027' open (due 2026-12-04); skipped
train-onboard: rep 'fay' already has course 'sec' open (due 2026-11-27); skipped" \
    "train-onboard again: what is open is reported"
expect_unchanged "train-onboard again: nothing written"
# eve: hired 2026-04-01, 239 days before 2026-11-26: not new; passed the rest
run train-onboard eve --start 2026-11-26
expect_out "rep	course	title	assigned	due" "train-onboard --start: not new 239 days after hire"
expect_err "train-onboard: rep 'eve' passed course 'policy-2027' on 2026-11-26; skipped
train-onboard: rep 'eve' passed course 'sec' on 2026-11-26; skipped" \
    "train-onboard: passed courses are skipped"
# gus: hired 2026-08-28, exactly 90 days before 2026-11-26: still new
rep-add -q gus --name 'Gus Lim' --team south --role se --hired 2026-08-28 ||
    setup_failed "rep-add gus"
run train-onboard gus --start 2026-11-26 -o table
expect_out "rep  course       title                     assigned    due
gus  basics       The basic sales approach  2026-11-26  2026-12-26
gus  policy-2027  Sales policy 2027         2026-11-26  2026-12-10" \
    "train-onboard --start -o table: new 90 days after hire; not an ae"
# ann: the start defaults to her hire date, so she counts as new then
run train-onboard ann -n
expect_out "would assign course basics to rep ann, due 2026-02-04" \
    "train-onboard: the start is the hire date unless --start"
rep-add -q hal --name 'Hal Ode' --team south --role ae --hired 2026-11-26 ||
    setup_failed "rep-add hal"
snapshot
run train-onboard hal -n
expect_out "would assign course basics to rep hal, due 2026-12-26
would assign course policy-2027 to rep hal, due 2026-12-10
would assign course sec to rep hal, due 2026-12-03" "train-onboard -n: what it would assign"
expect_unchanged "train-onboard -n: nothing written"

bad 1 "train-onboard: unknown rep 'zed' (rep-list --all shows every rep)" \
    "train-onboard: unknown rep" train-onboard zed
bad 1 "train-onboard: rep 'cid' has ended (gone since 2026-11-20): courses go to active reps only" \
    "train-onboard: a rep who has ended" train-onboard cid
bad_usage "train-onboard: invalid start '2026-13-01' (want YYYY-MM-DD)" \
    "train-onboard: a bad --start" train-onboard hal --start 2026-13-01
bad_usage "usage: train-onboard REP [--start DATE] [-nq] [-o FORMAT] [--no-header] [--raw]" \
    "train-onboard: no rep" train-onboard

# --- rep-add --onboard: the same plan, written with the rep
snapshot
run rep-add jo --name 'Jo Ek' --team north --role ae --hired 2026-11-23 --onboard -n
expect_status 0 "rep-add --onboard -n: exit 0"
expect_out "would add rep jo
would assign course basics to rep jo, due 2026-12-23
would assign course policy-2027 to rep jo, due 2026-12-07
would assign course sec to rep jo, due 2026-11-30" "rep-add --onboard -n: the rep and the plan"
expect_unchanged "rep-add --onboard -n: nothing written"
run rep-add jo --name 'Jo Ek' --team north --role ae --hired 2026-11-23 --onboard
expect_status 0 "rep-add --onboard: exit 0"
rows training.tsv | grep '^jo' >"$T/jo"
expect_file "$T/jo" "jo	basics	2026-11-23	2026-12-23				
jo	policy-2027	2026-11-23	2026-12-07				
jo	sec	2026-11-23	2026-11-30				" "rep-add --onboard: the assignments are written"
rows audit.tsv | cut -f4 | grep ' jo' | tail -n 4 >"$T/jo"
expect_file "$T/jo" "add rep jo
assign course basics to rep jo, due 2026-12-23
assign course policy-2027 to rep jo, due 2026-12-07
assign course sec to rep jo, due 2026-11-30" "rep-add --onboard: audited"
printf 'rep\tname\trole\nkim\tKim\tse\n' >"$T/new.tsv"
run_in "$T/new.tsv" rep-add --from - --team south --onboard -q
expect_status 0 "rep-add --from - --onboard: exit 0"
rows training.tsv | grep '^kim' | cut -f1,2,4 >"$T/kim"
expect_file "$T/kim" "kim	basics	2026-12-26
kim	policy-2027	2026-12-10" "rep-add --from --onboard: hired today, no role:ae course"
snapshot
run rep-add jo --name 'Jo Again' --onboard
expect_fail 1 "rep-add: rep 'jo' already exists" "rep-add --onboard: a bad rep"
expect_unchanged "rep-add --onboard: a bad rep writes no training either"

# --- rep-show: the rep's training
tr() { run rep-show "$1" --no-header --today "$2"; grep '^training_' "$T/out" >"$T/tr"; }
tr bob 2026-12-15
expect_file "$T/tr" "training_open	basics (due 2026-12-26)
training_overdue	policy-2027 (5 days late), sec (5 days late)
training_passed	
training_expiring	
training_expired	" "rep-show: open, and overdue with days late (a failed attempt too)"
tr eve 2027-11-10
expect_file "$T/tr" "training_open	
training_overdue	
training_passed	policy-2027 (2026-11-26), sec (2026-11-26)
training_expiring	sec (expires 2027-11-26)
training_expired	" "rep-show: passed, and a certification expiring soon"
tr eve 2027-12-01
expect_file "$T/tr" "training_open	
training_overdue	
training_passed	policy-2027 (2026-11-26)
training_expiring	
training_expired	sec (expired 2027-11-26)" "rep-show: an expired certification is no longer passed"

# --- date arithmetic across month ends, year ends and leap days
SALESMGR_DIR=$T/data2
export SALESMGR_DIR
init
rep-add -q ivy --name Ivy --role ae --hired 2024-01-02 &&
course-add -q cert --title Cert --due-days 14 --valid-days 365 &&
course-add -q fortnight --title Fortnight --due-days 14 &&
course-add -q month --title Month || setup_failed "data2"
run train-assign cert ivy --today 2024-02-29
expect_status 0 "assign on 2024-02-29"
run train-done ivy cert --today 2024-02-29
expect_status 0 "pass on 2024-02-29"
st2() { run train-status --no-header --course "$1" --today "$2"; cut -f4,7,8,9 "$T/out" >"$T/st"; }
st2 cert 2025-02-27; expect_file "$T/st" "2024-03-14	2025-02-28	expiring	" \
    "passed 2024-02-29 + 365 days expires 2025-02-28; due 14 days after the leap day"
st2 cert 2025-02-28; expect_file "$T/st" "2024-03-14	2025-02-28	expiring	" "still valid on 2025-02-28"
st2 cert 2025-03-01; expect_file "$T/st" "2024-03-14	2025-02-28	expired	" "expired on 2025-03-01"
run train-assign fortnight ivy --today 2026-12-20
expect_status 0 "assign on 2026-12-20"
st2 fortnight 2027-01-03; expect_file "$T/st" "2027-01-03		due-soon	" "2026-12-20 + 14 days is 2027-01-03"
st2 fortnight 2027-01-05; expect_file "$T/st" "2027-01-03		overdue	2" "2 days late across the year end"
run train-assign month ivy --due +1m --today 2028-01-31
expect_status 0 "assign on 2028-01-31 due +1m"
st2 month 2028-02-29; expect_file "$T/st" "2028-02-29		due-soon	" "2028-01-31 +1m is the leap day"
st2 month 2028-03-01; expect_file "$T/st" "2028-02-29		overdue	1" "1 day late on 2028-03-01"
st2 month 2028-12-31; expect_file "$T/st" "2028-02-29		overdue	306" "306 days late on 2028-12-31"
run train-onboard ivy --today 2027-02-15 -n
expect_out_empty "train-onboard: a course with no required is not assigned"
SALESMGR_DIR=$D
export SALESMGR_DIR

# --- the data directory: missing, stdout full
for p in "course-add x --title X" course-list "train-assign sec ann" \
    "train-done ann sec --score 90" train-status "train-onboard ann"; do
	run env SALESMGR_DIR="$T/nowhere" $p
	expect_fail 1 "sales-init" "${p%% *}: missing data directory names sales-init"
	check "${p%% *}: missing data directory not created" [ ! -e "$T/nowhere" ]
done
for p in course-list train-status "train-onboard hal"; do
	$p >/dev/full 2>"$T/err"; st=$?
	expect_status 1 "${p%% *} to /dev/full: exit 1"
	expect_err_has "${p%% *}: write error" "${p%% *} to /dev/full: write error"
done
for p in course-add course-list train-assign train-done train-status train-onboard; do
	run $p --help
	expect_status 0 "$p --help: exit 0"
	expect_out_has "usage: $p" "$p --help: usage on stdout"
done

done_testing
