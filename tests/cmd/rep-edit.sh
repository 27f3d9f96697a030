# rep-edit and rep-end: changing reps, a user's own columns, ending reps
# and bringing them back, --from and pipes, and every bad input.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
have() { [ -x "$top/bin/$1" ]; }
# The rows of reps.tsv, or its header, are exactly TEXT.
expect_rows() { rows reps.tsv >"$T/rows"; expect_file "$T/rows" "$1" "$2"; }
expect_header() { head -n 1 "$D/reps.tsv" >"$T/hdr"; expect_file "$T/hdr" "$1" "$2"; }
# The last audit line's program and detail are exactly TEXT.
expect_audit() { tail -n 1 "$D/audit.tsv" | cut -f3- >"$T/aud"; expect_file "$T/aud" "$1" "$2"; }
audit_lines() { wc -l <"$D/audit.tsv" | tr -d ' '; }
# bad_in FILE ...: bad (lib.sh) with stdin from FILE.
bad_in() {
	f=$1 want=$2 msg=$3 what=$4; shift 4
	snapshot
	run_in "$f" "$@"
	expect_status "$want" "$what: exit $want"
	expect_err "$msg" "$what: message"
	expect_out_empty "$what: nothing on stdout"
	expect_unchanged "$what: nothing written"
}

init
# No team-add yet: the teams by hand, as a user may write them.
printf 'team\tname\tmanager\tfocus\nnorth\tNorth\t\t\nsouth\tSouth\t\t\n' >"$D/teams.tsv"
rep-add -q ann --name 'Ann Lee' --team north --hired 2026-01-05 &&
rep-add -q bob --name 'Bob Roy' --team south --manager ann --hired 2026-03-01 &&
rep-add -q cid --name 'Cid Tao' --team north --manager bob --hired 2026-06-01 &&
rep-add -q dan --name 'Dan Ode' --team south --hired 2026-02-01 &&
comp-plan -q gold --tier 0:5 ||
    { echo "not ok - setup: rep-add or comp-plan failed"; exit 1; }

# --- rep-edit: normal use
run rep-edit bob --team north --region north
expect_status 0 "edit team and region: exit 0"
expect_out_empty "edit: nothing on stdout"
expect_err_empty "edit: nothing on stderr (not a terminal)"
expect_rows "$(printf 'ann\tAnn Lee\t\tnorth\t\t\t2026-01-05\tactive\t\t\t\t
bob\tBob Roy\t\tnorth\t\tann\t2026-03-01\tactive\t\tnorth\t\t
cid\tCid Tao\t\tnorth\t\tbob\t2026-06-01\tactive\t\t\t\t
dan\tDan Ode\t\tsouth\t\t\t2026-02-01\tactive\t\t\t\t')" "edit: only bob's team and region changed"
expect_audit "$(printf 'rep-edit\tedit rep bob: team=north region=north')" "edit: audit names the changed columns"

run rep-edit dan --name 'Daniel Ode' --email dan@example.com --role ae --manager ann \
    --hired 2026-02-02 --region west --plan gold --capacity 5
expect_status 0 "every named option: exit 0"
rows reps.tsv | grep '^dan' >"$T/dan"
expect_file "$T/dan" "$(printf 'dan\tDaniel Ode\tdan@example.com\tsouth\tae\tann\t2026-02-02\tactive\t\twest\tgold\t5')" \
    "every named option: each column set"
expect_audit "$(printf 'rep-edit\tedit rep dan: name=Daniel Ode email=dan@example.com role=ae manager=ann hired=2026-02-02 region=west plan=gold capacity=5')" \
    "every named option: audit"

run rep-edit dan --set plan= --email ''
expect_status 0 "empty values clear columns: exit 0"
rows reps.tsv | grep '^dan' | cut -f3,11 >"$T/dan"
expect_file "$T/dan" "$(printf '\t')" "empty values clear email and plan"
expect_audit "$(printf 'rep-edit\tedit rep dan: plan= email=')" "clearing: audit"

n=$(audit_lines)
snapshot
run rep-edit bob --team north --region north
expect_status 0 "same values: exit 0"
expect_unchanged "same values: nothing rewritten, no audit line"
check "same values: audit has no new line" [ "$(audit_lines)" -eq "$n" ]

run rep-edit bob --team south --team north --set team=north --region east
expect_status 0 "a later option for a column wins: exit 0"
expect_audit "$(printf 'rep-edit\tedit rep bob: region=east')" "a later option wins: only region changed"

run rep-edit ann --name "$(printf 'Ann\tLee')"
expect_status 0 "a tab in a name: exit 0"
check "a tab in a name is stored escaped" grep -q "$(printf '^ann\tAnn\\\\tLee\t')" "$D/reps.tsv"
run rep-edit ann --name 'Ann Lee' -n
expect_out "would edit rep ann: name=Ann Lee" "dry run of the name back"
run rep-edit ann --name 'Ann Lee'
expect_status 0 "name back: exit 0"

# --- a user's own columns: added at the end, kept in place by every writer
cp "$D/reps.tsv" "$T/before"
run rep-edit ann --set shoe_size=42
expect_status 0 "--set on a new column: exit 0"
expect_header "$(printf 'rep\tname\temail\tteam\trole\tmanager\thired\tstatus\tended\tregion\tplan\tcapacity\tshoe_size')" \
    "--set on a new column: appended to the header"
awk -F'\t' -v OFS='\t' '{ print $0, (NR == 1 ? "shoe_size" : ($1 == "ann" ? "42" : "")) }' \
    "$T/before" >"$T/want"
check "--set on a new column: every other cell and the order kept" cmp -s "$T/want" "$D/reps.tsv"
expect_audit "$(printf 'rep-edit\tedit rep ann: shoe_size=42')" "--set on a new column: audit"

# A column a user put in the middle by hand.
awk -F'\t' -v OFS='\t' '{ $3 = (NR == 1 ? "nick" : ($1 == "bob" ? "bobby" : "")) OFS $3; print }' \
    "$D/reps.tsv" >"$T/mid" && cat "$T/mid" >"$D/reps.tsv"
run rep-edit cid --set nick=cee --region south
expect_status 0 "--set on a user's column in the middle: exit 0"
expect_header "$(printf 'rep\tname\tnick\temail\tteam\trole\tmanager\thired\tstatus\tended\tregion\tplan\tcapacity\tshoe_size')" \
    "user columns: header order kept"
rows reps.tsv | cut -f1,3,11,14 >"$T/u"
expect_file "$T/u" "$(printf 'ann\t\t\t42\nbob\tbobby\teast\t\ncid\tcee\tsouth\t\ndan\t\twest\t')" \
    "user columns: values kept and set"
run rep-edit cid --set nick= --set nowhere=
expect_status 0 "clearing a user column (and one nobody has): exit 0"
expect_header "$(printf 'rep\tname\tnick\temail\tteam\trole\tmanager\thired\tstatus\tended\tregion\tplan\tcapacity\tshoe_size')" \
    "clearing a column nobody has adds no column"
run rep-add eve --name 'Eve Ng' --team south --hired 2026-04-01
expect_status 0 "rep-add with user columns present: exit 0"
run rep-end dan --date 2026-10-01 --status leave
expect_status 0 "rep-end with user columns present: exit 0"
rows reps.tsv | cut -f1,3,14 >"$T/u"
expect_file "$T/u" "$(printf 'ann\t\t42\nbob\tbobby\t\ncid\t\t\ndan\t\t\neve\t\t')" \
    "user columns kept across rep-add, rep-edit and rep-end rewrites"

# --- status: leave and gone set ended, active clears it
rows reps.tsv | grep '^dan' | cut -f9,10 >"$T/st"
expect_file "$T/st" "$(printf 'leave\t2026-10-01')" "rep-end --status leave --date: status and ended"
run rep-edit dan --status active
expect_status 0 "rep-edit --status active brings a rep back from leave: exit 0"
rows reps.tsv | grep '^dan' | cut -f9,10 >"$T/st"
expect_file "$T/st" "$(printf 'active\t')" "back from leave: active, ended cleared"
expect_audit "$(printf 'rep-edit\tedit rep dan: status=active ended=')" "back from leave: audit"
run rep-edit dan --status leave
expect_status 0 "rep-edit --status leave: exit 0"
rows reps.tsv | grep '^dan' | cut -f9,10 >"$T/st"
expect_file "$T/st" "$(printf 'leave\t2026-11-26')" "--status leave without a date: ended today"
run rep-edit dan --status gone
rows reps.tsv | grep '^dan' | cut -f9,10 >"$T/st"
expect_file "$T/st" "$(printf 'gone\t2026-11-26')" "leave to gone keeps the end date"
run rep-edit dan --status active --set ended= 
expect_status 0 "back from gone: exit 0"
run rep-edit dan --status gone --set ended=2026-09-30
rows reps.tsv | grep '^dan' | cut -f9,10 >"$T/st"
expect_file "$T/st" "$(printf 'gone\t2026-09-30')" "--status gone with ended given: that date"
run rep-edit dan --status active
expect_status 0 "and back again: exit 0"

# --- rep-edit: bad input, nothing written
bad 1 "rep-edit: unknown rep 'zed' (rep-list --all shows every rep)
rep-edit: nothing was changed" "unknown rep" rep-edit zed --name Zed
bad 1 "rep-edit: unknown team 'west' (add it with team-add)
rep-edit: nothing was changed" "unknown team" rep-edit ann --team west
bad 1 "rep-edit: unknown manager 'zed' (add the manager with rep-add first)
rep-edit: nothing was changed" "unknown manager" rep-edit ann --manager zed
bad 1 "rep-edit: manager 'cid' would make a loop: ann would manage themselves
rep-edit: nothing was changed" "manager loop" rep-edit ann --manager cid
bad 1 "rep-edit: manager 'ann' would make a loop: ann would manage themselves
rep-edit: nothing was changed" "own manager" rep-edit ann --manager ann
bad 1 "rep-edit: hired '2026-02-30' is not a date (YYYY-MM-DD)
rep-edit: nothing was changed" "bad date" rep-edit ann --hired 2026-02-30
bad 1 "rep-edit: hired '2026-02-30' is not a date (YYYY-MM-DD)
rep-edit: nothing was changed" "bad date through --set" rep-edit ann --set hired=2026-02-30
bad 1 "rep-edit: capacity 'lots' is not a whole number
rep-edit: nothing was changed" "bad capacity through --set" rep-edit ann --set capacity=lots
bad 1 "rep-edit: status 'away' is not one of the allowed values
rep-edit: nothing was changed" "bad status" rep-edit ann --status away
bad 1 "rep-edit: team '../x' must start with a-z or 0-9
rep-edit: manager 'a/b' may hold only a-z, 0-9, '.', '_' and '-'
rep-edit: region '-x' must start with a-z or 0-9
rep-edit: plan '$(printf 'x%.0s' $(seq 33))' is longer than 32 bytes
rep-edit: nothing was changed" "bad ids, every one reported" \
    rep-edit ann --team ../x --manager a/b --region -x --plan "$(printf 'x%.0s' $(seq 33))"
bad 1 "rep-edit: rep 'ann': name is required and cannot be cleared
rep-edit: nothing was changed" "clearing the name" rep-edit ann --name ''
bad 1 "rep-edit: rep 'ann': status is required and cannot be cleared
rep-edit: nothing was changed" "clearing the status" rep-edit ann --set status=
bad 1 "rep-edit: rep 'ann': status 'active' but ended '2026-05-01' is set (an active rep has no end date)
rep-edit: nothing was changed" "an end date on an active rep" rep-edit ann --set ended=2026-05-01
bad 1 "rep-edit: rep 'cid': ended '2026-05-01' is before hired '2026-06-01'
rep-edit: nothing was changed" "ended before hired" rep-edit cid --status gone --set ended=2026-05-01
bad 1 "rep-edit: rep 'cid': status 'gone' needs an end date in ended
rep-edit: nothing was changed" "gone with the end date cleared" rep-edit cid --status gone --set ended=
bad 1 "rep-edit: note: value is not valid UTF-8
rep-edit: nothing was changed" "invalid UTF-8" rep-edit ann --set "note=$(printf 'a\377b')"
bad_usage "rep-edit: --set rep: a rep's id never changes" "--set rep" rep-edit ann --set rep=anna
bad_usage "rep-edit: invalid column name 'Shoe' (want a-z, 0-9 and _, starting with a-z)" \
    "--set on a bad column name" rep-edit ann --set Shoe=1
bad_usage "rep-edit: invalid column name '1x' (want a-z, 0-9 and _, starting with a-z)" \
    "--set on a column starting with a digit" rep-edit ann --set 1x=1
bad_usage "rep-edit: invalid column name '' (want a-z, 0-9 and _, starting with a-z)" \
    "--set with no column" rep-edit ann --set =1
bad_usage "rep-edit: --set 'shoe': want COLUMN=VALUE" "--set without =" rep-edit ann --set shoe
bad_usage "rep-edit: nothing to change" "no change given" rep-edit ann
bad_usage "usage: rep-edit REP [--name NAME] [--email E] [--team TEAM] [--role ROLE]" \
    "no rep given" rep-edit --name X
bad_usage "usage: rep-edit REP [--name NAME] [--email E] [--team TEAM] [--role ROLE]" \
    "two reps given" rep-edit ann bob --name X
bad_usage "rep-edit: unrecognized option '--colour'" "unknown option" rep-edit ann --colour red
run rep-edit --help
expect_status 0 "--help: exit 0"
expect_out_has "rep-edit --from FILE" "--help: usage on stdout"

# --- dry run
snapshot
run rep-edit bob --team south --set nick=b -n
expect_status 0 "dry run: exit 0"
expect_out "would edit rep bob: team=south nick=b" "dry run: says what would change"
expect_unchanged "dry run: nothing written"
run rep-edit bob --team north -n
expect_out_empty "dry run of no change: prints nothing"

# --- --from: the options apply to every row; without options the columns are the changes
printf 'rep\tteam\tjunk\ncid\tsouth\tx\nann\tsouth\ty\n' >"$T/in"
run_in "$T/in" rep-edit --from - --set region=north --role se
expect_status 0 "--from with options: exit 0"
rows reps.tsv | cut -f1,5,6,11 >"$T/u"
expect_file "$T/u" "$(printf 'ann\tnorth\tse\tnorth\nbob\tnorth\t\teast\ncid\tnorth\tse\tnorth\ndan\tsouth\tae\twest\neve\tsouth\t\t')" \
    "--from with options: the input's team column ignored, options applied to its reps"
printf 'rep\tteam\tregion\tjunk\ncid\tsouth\t\tx\n' >"$T/in"
run rep-edit --from "$T/in"
expect_status 0 "--from FILE, no options: exit 0"
expect_audit "$(printf 'rep-edit\tedit rep cid: team=south region=')" \
    "--from, no options: the input's rep columns are the changes, others ignored"
printf 'rep\tregion\nann\tnorth\nzed\tnorth\nbob\t../x\ncid\tsouth\n' >"$T/in"
bad_in "$T/in" 1 "rep-edit: stdin:3: unknown rep 'zed' (rep-list --all shows every rep)
rep-edit: stdin:4: region '../x' must start with a-z or 0-9
rep-edit: nothing was changed" "--from: every bad row reported" rep-edit --from -
printf 'rep\tregion\n\tnorth\nann\tnorth\textra\n' >"$T/in"
bad_in "$T/in" 1 "rep-edit: stdin:2: no rep id given
rep-edit: stdin:3: 3 fields, header has 2
rep-edit: nothing was changed" "--from: empty rep and ragged row" rep-edit --from -
printf 'rep\tnick\nann\tx\n' >"$T/in"
bad_usage "rep-edit: nothing to change: the input has no column such as team or region, and no change option was given" \
    "--from with nothing to change" rep-edit --from "$T/in"
quiet_night "--from an empty input" rep-edit --from - --region north

# --- the pipe: rep-list --team north | rep-edit --from - --set region=north
if have rep-list; then
	run rep-list --team north
	expect_status 0 "pipe: rep-list --team north"
	cp "$T/out" "$T/north"
else
	# Until rep-list exists: the same columns, straight from the table.
	awk -F'\t' 'NR == 1 || $5 == "north"' "$D/reps.tsv" >"$T/north"
fi
check "pipe: the input names the north reps" [ "$(cut -f1 "$T/north" | tr '\n' ' ')" = "rep ann bob " ]
run_in "$T/north" rep-edit --from - --set region=central
expect_status 0 "pipe: rep-edit --from - --set region=central"
rows reps.tsv | cut -f1,11 >"$T/u"
expect_file "$T/u" "$(printf 'ann\tcentral\nbob\tcentral\ncid\t\ndan\twest\neve\t')" \
    "pipe: only the north reps' region changed"
if have rep-list; then
	run sh -c 'rep-list --team north | rep-edit --from - --set region=north'
	expect_status 0 "real pipe: exit 0"
	rows reps.tsv | cut -f1,11 >"$T/u"
	expect_file "$T/u" "$(printf 'ann\tnorth\nbob\tnorth\ncid\t\ndan\twest\neve\t')" \
	    "real pipe: rep-list --team north | rep-edit --from - --set region=north"
fi

# --- rep-end
run rep-end cid
expect_status 0 "rep-end: exit 0"
expect_err_empty "rep-end: nothing on stderr"
rows reps.tsv | grep '^cid' | cut -f9,10 >"$T/st"
expect_file "$T/st" "$(printf 'gone\t2026-11-26')" "rep-end: gone, ended today"
expect_audit "$(printf 'rep-end\tend rep cid: status=gone ended=2026-11-26')" "rep-end: audit"
check "rep-end: the rep stays in reps.tsv" grep -q "$(printf '^cid\tCid Tao\t')" "$D/reps.tsv"
if have rep-list; then
	run rep-list
	expect_status 0 "rep-list after rep-end: exit 0"
	check "rep-list hides a rep who left" [ -z "$(cut -f1 "$T/out" | grep -x cid)" ]
	run rep-list --all
	check "rep-list --all still shows them" [ -n "$(cut -f1 "$T/out" | grep -x cid)" ]
fi

bad 1 "rep-end: rep 'cid' has already left (ended 2026-11-26)
rep-end: nothing was changed" "rep-end of a rep already gone" rep-end cid
bad 1 "rep-end: unknown rep 'zed' (rep-list --all shows every rep)
rep-end: nothing was changed" "rep-end of an unknown rep" rep-end zed
bad 1 "rep-end: rep 'eve': date '2026-03-31' is before hired (2026-04-01)
rep-end: nothing was changed" "rep-end before hired" rep-end eve --date 2026-03-31
bad 1 "rep-end: rep 'eve': date '2026-11-27' is after today (2026-11-26)
rep-end: nothing was changed" "rep-end after today" rep-end eve --date 2026-11-27
bad_usage "rep-end: invalid status 'active': want leave or gone (rep-edit --status active brings a rep back)" \
    "rep-end --status active" rep-end eve --status active
bad_usage "rep-end: invalid status 'fired': want leave or gone (rep-edit --status active brings a rep back)" \
    "rep-end with a bad status" rep-end eve --status fired
bad_usage "rep-end: invalid date '2026-02-30' (want YYYY-MM-DD)" "rep-end with a bad date" \
    rep-end eve --date 2026-02-30
bad_usage "usage: rep-end REP [--date DATE] [--status leave|gone] [--hand-over REP] [-nq]" \
    "rep-end without a rep" rep-end
# Acting on existing reps, other columns are ignored anyway: no --ignore-extra.
printf 'rep\tregion\nann\teast\n' >"$T/in"
snapshot
run_in "$T/in" rep-edit --from - --ignore-extra
expect_status 2 "rep-edit --ignore-extra: exit 2"
expect_err_has "rep-edit: unrecognized option '--ignore-extra'" "rep-edit --ignore-extra: refused"
expect_unchanged "rep-edit --ignore-extra: nothing written"

snapshot
run rep-end eve --status leave -n
expect_status 0 "rep-end dry run: exit 0"
expect_out "would end rep eve: status=leave ended=2026-11-26" "rep-end dry run: says what"
expect_unchanged "rep-end dry run: nothing written"

run rep-end eve --status leave --date 2026-11-01
expect_status 0 "rep-end --status leave: exit 0"
bad 1 "rep-end: rep 'eve' is already on leave (since 2026-11-01)
rep-end: nothing was changed" "rep-end leave of a rep on leave" rep-end eve --status leave
run rep-end eve
expect_status 0 "rep-end of a rep on leave: exit 0"
rows reps.tsv | grep '^eve' | cut -f9,10 >"$T/st"
expect_file "$T/st" "$(printf 'gone\t2026-11-26')" "leave then gone: gone, ended today"

# A manager may leave; their active reports are named.
run rep-end ann --date 2026-11-20
expect_status 0 "ending a manager: exit 0"
expect_err "rep-end: rep 'ann' still manages bob, dan (give them a new manager with rep-edit REP --manager)" \
    "ending a manager: a warning names the active reports"
run rep-edit ann --status active
expect_status 0 "bring the manager back: exit 0"

# --from: columns rep, date, status; other columns ignored; options win.
printf 'rep\tstatus\tdate\tname\nbob\tleave\t2026-11-02\tx\ndan\t\t\ty\n' >"$T/in"
run_in "$T/in" rep-end --from - -n
expect_status 0 "rep-end --from dry run: exit 0"
expect_out "would end rep bob: status=leave ended=2026-11-02
would end rep dan: status=gone ended=2026-11-26" "rep-end --from: each row's date and status, defaults for empty ones"
run_in "$T/in" rep-end --from - --status gone -n
expect_out "would end rep bob: status=gone ended=2026-11-02
would end rep dan: status=gone ended=2026-11-26" "rep-end --from --status: the option wins over the column"
printf 'rep\tstatus\tdate\nbob\tfired\t\ncid\t\t\nzed\t\t\ndan\t\t2026-13-01\n' >"$T/in"
bad_in "$T/in" 1 "rep-end: stdin:2: status 'fired': want leave or gone (or give --status for every row)
rep-end: stdin:3: rep 'cid' has already left (ended 2026-11-26)
rep-end: stdin:4: unknown rep 'zed' (rep-list --all shows every rep)
rep-end: stdin:5: date '2026-13-01' is not a date (YYYY-MM-DD)
rep-end: nothing was changed" "rep-end --from: every bad row reported" rep-end --from -
# Ending a manager and their reports together warns about no one.
printf 'rep\nann\nbob\ndan\n' >"$T/in"
run_in "$T/in" rep-end --from -
expect_status 0 "rep-end of a manager with their reports: exit 0"
expect_err_empty "rep-end of a manager with their reports: no warning"
run_in "$T/in" rep-edit --from - --status active
expect_status 0 "rep-edit --from --status active brings them all back: exit 0"
rows reps.tsv | cut -f1,9,10 >"$T/st"
expect_file "$T/st" "$(printf 'ann\tactive\t\nbob\tactive\t\ncid\tgone\t2026-11-26\ndan\tactive\t\neve\tgone\t2026-11-26')" \
    "after rep-end and rep-edit --status active: statuses and end dates"

# --- the data directory: missing, stdout full
for p in rep-edit rep-end; do
	run env SALESMGR_DIR="$T/nowhere" $p ann --status leave
	expect_fail 1 "sales-init" "$p: missing data directory names sales-init"
	check "$p: missing data directory not created" [ ! -e "$T/nowhere" ]
done
snapshot
rep-edit bob --region west -n >/dev/full 2>"$T/err"; st=$?
expect_status 1 "rep-edit -n to /dev/full: exit 1"
expect_err_has "write error" "rep-edit -n to /dev/full: write error"
rep-end bob -n >/dev/full 2>"$T/err"; st=$?
expect_status 1 "rep-end -n to /dev/full: exit 1"
expect_err_has "write error" "rep-end -n to /dev/full: write error"
expect_unchanged "dry runs to /dev/full: nothing written"

# --- the note of a check (store.h): a writer that checked every row of
# reps.tsv and wrote it notes the file in cache/checked-reps.tsv; the next
# checks only the rows it changes while the file is the one noted, and
# every row of any other file.  An edit in place of the same size, its
# time set back, is another file: its bad date is found, and refused.
# (Only a table of 256 rows or more is noted: 300 more reps, by hand.)
mkdir -m 700 -p "$D/cache"
awk -F '\t' -v OFS='\t' '{ print } NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; n = NF }
    END { for (k = 1; k <= 300; k++) { for (i = 1; i <= n; i++) v[i] = ""
	v[c["rep"]] = sprintf("z%03d", k); v[c["name"]] = "Zed " k; v[c["team"]] = "north"
	v[c["hired"]] = "2026-01-05"; v[c["status"]] = "active"
	line = v[1]; for (i = 2; i <= n; i++) line = line OFS v[i]; print line } }' \
    "$D/reps.tsv" >"$T/reps.more" && cp "$T/reps.more" "$D/reps.tsv" || not_ok "the note: 300 reps: awk failed"
run rep-edit bob --region east
expect_status 0 "the note: rep-edit: exit 0"
check "the note names reps.tsv as written: its size, and a hash" \
    eval 'test "$(cut -f1,2 "$D/cache/checked-reps.tsv")" = "reps.tsv	$(stat -c %s "$D/reps.tsv")" &&
    grep -q "	[0-9a-f]\{16\}\$" "$D/cache/checked-reps.tsv"'
run rep-edit bob --region west
expect_status 0 "the note: rep-edit of a noted file: exit 0"
check "the note: the file rewritten, the note with it" \
    eval 'test "$(cut -f2 "$D/cache/checked-reps.tsv")" = "$(stat -c %s "$D/reps.tsv")"'
cp "$D/reps.tsv" "$T/reps.noted"
m=$(stat -c %y "$D/reps.tsv")
awk -F '\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "hired") h = i }
    $1 == "dan" { $h = substr($h, 1, 5) "13" substr($h, 8) } { print }' \
    "$D/reps.tsv" >"$T/reps.bad"
check "the edit in place: one date made bad, the size kept" \
    eval '! cmp -s "$T/reps.bad" "$D/reps.tsv" &&
    test "$(stat -c %s "$T/reps.bad")" = "$(stat -c %s "$D/reps.tsv")"'
dd if="$T/reps.bad" of="$D/reps.tsv" conv=notrunc status=none &&
    touch -d "$m" "$D/reps.tsv" || not_ok "the edit in place: dd or touch failed"
snapshot
run rep-edit ann --region south
expect_status 1 "the note: a row edited in place is checked again: exit 1"
expect_err_has "hired '2026-13-" "the note: the bad date named"
expect_unchanged "the note: the bad file refused, nothing written"
cp "$T/reps.noted" "$D/reps.tsv"
run rep-edit ann --region south
expect_status 0 "the note: the file put back: rep-edit again: exit 0"

# --- everything these programs wrote passes sales-check
run sales-check
expect_status 0 "sales-check after rep-edit and rep-end: clean"
expect_err_empty "sales-check: no problems reported"

# A plan must exist before a rep is put on it.
snapshot
run rep-edit bob --plan platinum
expect_fail 1 "rep-edit: unknown plan 'platinum' (create it with comp-plan)" "unknown plan refused"
expect_unchanged "unknown plan: nothing written"
done_testing
