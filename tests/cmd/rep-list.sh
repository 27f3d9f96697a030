# rep-list and rep-show: listing and filtering the roster, one rep's
# record, every format, pipes, and every bad input.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
H='rep\tname\temail\tteam\trole\tmanager\thired\tstatus\tended\tregion\tplan\tcapacity'

init
team-add -q north --name North &&
team-add -q south --name 'South 南' &&
team-add -q east --name East &&
rep-add -q ann --name 'Ann Lee' --email ann@example.com --team north --role lead \
    --hired 2026-01-05 --region n1 --capacity 10 &&
rep-add -q bob --name 'Bob Roy' --team north --role ae --manager ann --hired 2026-03-01 \
    --capacity 8 &&
rep-add -q cid --name 'Cid Tao' --team south --role ae --manager ann --hired 2026-06-01 &&
rep-add -q dan --name 'Dan Ode' --team south --role se --manager bob --hired 2026-02-01 &&
rep-add -q eve --name 'Eve Park' --team north --role ae --manager ann --hired 2026-04-01 &&
rep-end -q cid --date 2026-10-01 &&
rep-end -q dan --status leave --date 2026-11-01 ||
    { echo "not ok - setup failed"; exit 1; }

# --- rep-list: active reps, every column of reps.tsv
run rep-list
expect_status 0 "rep-list: exit 0"
expect_out "$(printf "$H"'
ann\tAnn Lee\tann@example.com\tnorth\tlead\t\t2026-01-05\tactive\t\tn1\t\t10
bob\tBob Roy\t\tnorth\tae\tann\t2026-03-01\tactive\t\t\t\t8
eve\tEve Park\t\tnorth\tae\tann\t2026-04-01\tactive\t\t\t\t')" \
    "rep-list: TSV of the active reps, the columns of reps.tsv"
run rep-list --no-header
expect_out "$(printf 'ann\tAnn Lee\tann@example.com\tnorth\tlead\t\t2026-01-05\tactive\t\tn1\t\t10
bob\tBob Roy\t\tnorth\tae\tann\t2026-03-01\tactive\t\t\t\t8
eve\tEve Park\t\tnorth\tae\tann\t2026-04-01\tactive\t\t\t\t')" "rep-list --no-header"
run rep-list --all -o table
expect_status 0 "rep-list --all -o table: exit 0"
expect_out "rep  name      email            team   role  manager  hired       status  ended       region  plan  capacity
ann  Ann Lee   ann@example.com  north  lead           2026-01-05  active              n1                  10
bob  Bob Roy                    north  ae    ann      2026-03-01  active                                   8
cid  Cid Tao                    south  ae    ann      2026-06-01  gone    2026-10-01
dan  Dan Ode                    south  se    bob      2026-02-01  leave   2026-11-01
eve  Eve Park                   north  ae    ann      2026-04-01  active" \
    "rep-list --all -o table: every rep, aligned, capacity right-aligned"
run rep-list --role lead -o json
expect_out '{"rep":"ann","name":"Ann Lee","email":"ann@example.com","team":"north","role":"lead","manager":null,"hired":"2026-01-05","status":"active","ended":null,"region":"n1","plan":null,"capacity":10}' \
    "rep-list -o json: capacity a number, empty fields null"

# --- filters
ids() { echo $(cut -f1 "$T/out"); }
run rep-list --all --no-header
expect_file_ids() { ids >"$T/ids"; expect_file "$T/ids" "$1" "$2"; }
expect_file_ids "ann bob cid dan eve" "rep-list --all: also the reps on leave and gone"
run rep-list --team north
expect_file_ids "rep ann bob eve" "rep-list --team north"
run rep-list --team south
expect_status 0 "rep-list --team with only inactive reps: exit 0"
expect_out "$(printf "$H")" "rep-list --team with only inactive reps: the header only"
run rep-list --team south --all
expect_file_ids "rep cid dan" "rep-list --team south --all"
run rep-list --team east
expect_status 0 "rep-list --team of an empty team: exit 0"
expect_out "$(printf "$H")" "rep-list --team of an empty team: the header only"
run rep-list --role ae
expect_file_ids "rep bob eve" "rep-list --role ae"
run rep-list --role ae --all
expect_file_ids "rep bob cid eve" "rep-list --role ae --all"
run rep-list --manager ann
expect_file_ids "rep bob eve" "rep-list --manager ann: direct reports"
run rep-list --manager ann --role ae --team north --all
expect_file_ids "rep bob eve" "rep-list: filters combine"
run rep-list --manager bob
expect_out "$(printf "$H")" "rep-list --manager with no active reports: the header only"
run rep-list --role nosuch
expect_status 0 "rep-list --role that no one has: exit 0"

bad 1 "rep-list: unknown team 'west' (see team-list)" "rep-list --team unknown" rep-list --team west
bad 1 "rep-list: unknown team '../x' (see team-list)" "rep-list --team ../x" rep-list --team ../x
bad 1 "rep-list: unknown manager 'zed' (rep-list --all shows every rep)" \
    "rep-list --manager unknown" rep-list --manager zed
bad_usage "rep-list: unrecognized option '--active'" "rep-list: unknown option" rep-list --active
bad_usage "rep-list: invalid format 'xml': want table, wide, tsv, csv, json or html" "rep-list -o xml" rep-list -o xml
bad_usage "usage: rep-list [--team TEAM] [--role ROLE] [--manager REP] [--all] [-o FORMAT]" \
    "rep-list: an argument" rep-list ann
run rep-list --help
expect_status 0 "rep-list --help: exit 0"
expect_out_has "usage: rep-list" "rep-list --help: usage on stdout"
expect_out_has "      --all            also the reps on leave and those who left" \
    "rep-list --help: a line for each option"
bad_usage "rep-list: unrecognized option '--today'" "rep-list: --today is not its option" \
    rep-list --today 2026-11-26

# --- a user's own column comes after reps.tsv's own
rep-edit -q ann --set shoe=42 || { echo "not ok - setup: rep-edit failed"; exit 1; }
run rep-list --team north
expect_out "$(printf "$H"'\tshoe
ann\tAnn Lee\tann@example.com\tnorth\tlead\t\t2026-01-05\tactive\t\tn1\t\t10\t42
bob\tBob Roy\t\tnorth\tae\tann\t2026-03-01\tactive\t\t\t\t8\t
eve\tEve Park\t\tnorth\tae\tann\t2026-04-01\tactive\t\t\t\t\t')" \
    "rep-list: a user's column appended"
# A hand-edited file with the columns moved and the rows unsorted.
cp "$D/reps.tsv" "$T/reps.keep"
awk 'BEGIN { FS = OFS = "\t" } { print $13, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $1 }' \
    "$T/reps.keep" | { IFS= read -r h; printf '%s\n' "$h"; sort -r; } >"$D/reps.tsv"
run rep-list --team north
expect_out "$(printf "$H"'\tshoe
ann\tAnn Lee\tann@example.com\tnorth\tlead\t\t2026-01-05\tactive\t\tn1\t\t10\t42
bob\tBob Roy\t\tnorth\tae\tann\t2026-03-01\tactive\t\t\t\t8\t
eve\tEve Park\t\tnorth\tae\tann\t2026-04-01\tactive\t\t\t\t\t')" \
    "rep-list: columns found by name, rows sorted, whatever the file's order"
cp "$T/reps.keep" "$D/reps.tsv"

# --- pipes
run sh -c 'rep-list --team north | cut -f1'
expect_status 0 "pipe: rep-list --team north | cut -f1: exit 0"
expect_out "rep
ann
bob
eve" "pipe: rep-list --team north | cut -f1"
run sh -c 'rep-list --team north | rep-edit --from - --set region=north'
expect_status 0 "pipe: rep-list --team north | rep-edit --from - --set region=north: exit 0"
run rep-list --all --no-header
cut -f1,10 "$T/out" >"$T/reg"
expect_file "$T/reg" "$(printf 'ann\tnorth\nbob\tnorth\ncid\t\ndan\t\neve\tnorth')" \
    "pipe: only the active north reps got region north"

# --- rep-show
run rep-show ann
expect_status 0 "rep-show: exit 0"
expect_out "$(printf 'field\tvalue
rep\tann
name\tAnn Lee
email\tann@example.com
team\tnorth
role\tlead
manager\t
hired\t2026-01-05
status\tactive
ended\t
region\tnorth
plan\t
capacity\t10
shoe\t42
team_name\tNorth
manager_name\t
direct_reports\tbob,eve
tenure_days\t325
quarter\t2026-Q4
quota\t
won\t0.00
attainment\t
pace\t
pipeline\t0.00
weighted\t0.00
deals_open\t0
deals_stale\t
activity_trend\t2026-06 0, 2026-07 0, 2026-08 0, 2026-09 0, 2026-10 0, 2026-11 0
accounts\t
accounts_potential\t0.00\ntraining_open\t\ntraining_overdue\t\ntraining_passed\t\ntraining_expiring\t\ntraining_expired\t')" "rep-show: TSV field/value, the user's column, team, reports (active only), tenure"
run rep-show cid --no-header
expect_out "$(printf 'rep\tcid
name\tCid Tao
email\t
team\tsouth
role\tae
manager\tann
hired\t2026-06-01
status\tgone
ended\t2026-10-01
region\t
plan\t
capacity\t
shoe\t
team_name\tSouth 南
manager_name\tAnn Lee
direct_reports\t
tenure_days\t122
quarter\t2026-Q4
quota\t
won\t
attainment\t
pace\t
pipeline\t
weighted\t
deals_open\t0
deals_stale\t
activity_trend\t2026-06 0, 2026-07 0, 2026-08 0, 2026-09 0, 2026-10 0, 2026-11 0
accounts\t
accounts_potential\t0.00\ntraining_open\t\ntraining_overdue\t\ntraining_passed\t\ntraining_expiring\t\ntraining_expired\t')" "rep-show of a rep who is gone: tenure ends at ended; --no-header"
run rep-show dan -o table
expect_status 0 "rep-show -o table: exit 0"
expect_out "field               value
rep                 dan
name                Dan Ode
email
team                south
role                se
manager             bob
hired               2026-02-01
status              leave
ended               2026-11-01
region
plan
capacity
shoe
team_name           South 南
manager_name        Bob Roy
direct_reports
tenure_days         298
quarter             2026-Q4
quota
won
attainment
pace
pipeline
weighted
deals_open          0
deals_stale
activity_trend      2026-06 0, 2026-07 0, 2026-08 0, 2026-09 0, 2026-10 0, 2026-11 0
accounts
accounts_potential  0.00
training_open
training_overdue
training_passed
training_expiring
training_expired" "rep-show -o table: aligned; a rep on leave is still counting tenure"
run rep-show bob -o json
expect_out '{"field":"rep","value":"bob"}
{"field":"name","value":"Bob Roy"}
{"field":"email","value":null}
{"field":"team","value":"north"}
{"field":"role","value":"ae"}
{"field":"manager","value":"ann"}
{"field":"hired","value":"2026-03-01"}
{"field":"status","value":"active"}
{"field":"ended","value":null}
{"field":"region","value":"north"}
{"field":"plan","value":null}
{"field":"capacity","value":"8"}
{"field":"shoe","value":null}
{"field":"team_name","value":"North"}
{"field":"manager_name","value":"Ann Lee"}
{"field":"direct_reports","value":null}
{"field":"tenure_days","value":"270"}
{"field":"quarter","value":"2026-Q4"}
{"field":"quota","value":null}
{"field":"won","value":"0.00"}
{"field":"attainment","value":null}
{"field":"pace","value":null}
{"field":"pipeline","value":"0.00"}
{"field":"weighted","value":"0.00"}
{"field":"deals_open","value":"0"}
{"field":"deals_stale","value":null}
{"field":"activity_trend","value":"2026-06 0, 2026-07 0, 2026-08 0, 2026-09 0, 2026-10 0, 2026-11 0"}
{"field":"accounts","value":null}
{"field":"accounts_potential","value":"0.00"}
{"field":"training_open","value":null}
{"field":"training_overdue","value":null}
{"field":"training_passed","value":null}
{"field":"training_expiring","value":null}
{"field":"training_expired","value":null}' "rep-show -o json: one object per field"
run rep-show bob --today 2026-12-01
check "rep-show --today: tenure from that day" grep -qx "$(printf 'tenure_days\t275')" "$T/out"
run env SALESMGR_TODAY=2026-03-01 rep-show bob
check "rep-show on the day of hire: tenure 0" grep -qx "$(printf 'tenure_days\t0')" "$T/out"
run sh -c "rep-show ann | awk -F'\t' '\$1 == \"direct_reports\" { print \$2 }' | tr , '\n'"
expect_out "bob
eve" "pipe: rep-show ann | awk: the direct reports"

bad 1 "rep-show: unknown rep 'zed' (rep-list --all shows every rep)" "rep-show: unknown rep" rep-show zed
bad 1 "rep-show: unknown rep '../x' (rep-list --all shows every rep)" "rep-show: rep ../x" rep-show ../x
bad 1 "rep-show: unknown rep '' (rep-list --all shows every rep)" "rep-show: empty rep" rep-show ''
bad_usage "usage: rep-show REP [-o FORMAT] [--no-header] [--raw] [--columns LIST]" \
    "rep-show: no rep" rep-show
bad_usage "usage: rep-show REP [-o FORMAT] [--no-header] [--raw] [--columns LIST]" \
    "rep-show: two reps" rep-show ann bob
bad_usage "rep-show: unrecognized option '--all'" "rep-show: unknown option" rep-show ann --all
run rep-show ann --today 2026-02-30
expect_fail 2 "2026-02-30" "rep-show --today 2026-02-30: exit 2, naming the date"
run rep-show --help
expect_status 0 "rep-show --help: exit 0"
expect_out_has "usage: rep-show REP" "rep-show --help: usage on stdout"

# --- the data directory: missing, stdout full
for p in rep-list "rep-show ann"; do
	run env SALESMGR_DIR="$T/nowhere" $p
	expect_fail 1 "sales-init" "${p%% *}: missing data directory names sales-init"
	check "${p%% *}: missing data directory not created" [ ! -e "$T/nowhere" ]
done
for p in rep-list "rep-show ann"; do
	$p >/dev/full 2>"$T/err"; st=$?
	expect_status 1 "${p%% *} to /dev/full: exit 1"
	expect_err_has "${p%% *}: write error" "${p%% *} to /dev/full: write error"
done

done_testing
