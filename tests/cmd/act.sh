# act-log and act-list: logging activities into the month files of the
# activity ledger, refusing bad ones, skipping refs already logged, and
# listing them by period, rep, team and kind.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
AH='date	rep	kind	account	deal	minutes	ref	note'
DH='date\tdeal\tevent\trep\taccount\tproduct\tamount\tstage\texpected\tref\treason\tnote\topened\n'

# bad WHAT MESSAGES CMD...: CMD fails with status 1 saying exactly
# MESSAGES, prints nothing on stdout and writes nothing
bad() {
	what=$1 msg=$2
	shift 2
	snapshot
	run "$@"
	expect_status 1 "$what: exit 1"
	expect_err "$msg" "$what: message"
	expect_out_empty "$what: nothing on stdout"
	expect_unchanged "$what: nothing written"
}
# bad_in WHAT MESSAGES INPUT CMD...: the same with INPUT (printf format) on stdin
bad_in() {
	what=$1 msg=$2
	printf "$3" >"$T/in"
	shift 3
	snapshot
	run_in "$T/in" "$@"
	expect_status 1 "$what: exit 1"
	expect_err "$msg" "$what: message"
	expect_out_empty "$what: nothing on stdout"
	expect_unchanged "$what: nothing written"
}
audit_tail() { tail -n "$1" "$D/audit.tsv" | cut -f3,4; }

# --- an organisation: ann and bob active, cid gone, dan on leave; two deals
init
printf 'team\tname\tmanager\tfocus\nnorth\tNorth\t\t\nsouth\tSouth\t\t\n' >"$D/teams.tsv"
rep-add -q ann --name 'Ann Lee' --team north --hired 2026-01-05 &&
rep-add -q bob --name 'Bob Roy' --team south --hired 2026-10-01 &&
rep-add -q cid --name 'Cid Ma' --team north --hired 2026-02-01 &&
rep-add -q dan --name 'Dan Oz' --team south --hired 2026-02-01 &&
rep-end -q cid --status gone --date 2026-11-01 &&
rep-end -q dan --status leave --date 2026-11-10 || { echo "not ok - setup"; exit 1; }
mkdir -m 700 "$D/deals"
printf "$DH"'2026-10-30\tD1\topen\tann\tacme\t\t1000.00\tlead\t\t\t\t\t2026-10-30\n' \
    >"$D/deals/2026-10.tsv"
printf "$DH"'2026-11-20\tD2\topen\tbob\tbeta\t\t500.00\tlead\t\t\t\t\t2026-11-20\n' \
    >"$D/deals/2026-11.tsv"
printf 'kind\tnext\ndeal\t3\n' >"$D/ids.tsv"

# --- one activity from the options: today, in this month's file
run act-log --rep ann --kind call --account acme --deal D1 --minutes 030 --note 'first call'
expect_status 0 "single: exit 0"
expect_out_empty "single: nothing on stdout"
expect_err_empty "single: nothing on stderr (not a terminal)"
expect_file "$D/activities/2026-11.tsv" "$AH
2026-11-26	ann	call	acme	D1	30		first call" "single: the row in activities/2026-11.tsv, minutes canonical"
audit_tail 1 >"$T/audit"
expect_file "$T/audit" "act-log	log call ann 2026-11-26" "single: one audit line"

# A deal of another rep is fine; a tab in a note is stored escaped.
run act-log --rep bob --kind meeting --deal D1 --date 2026-11-20 --note 'met	ann'
expect_status 0 "deal of another rep: exit 0"
rows activities/2026-11.tsv >"$T/rows"
expect_file "$T/rows" "2026-11-26	ann	call	acme	D1	30		first call
2026-11-20	bob	meeting		D1			met\\tann" "deal of another rep: appended, tab escaped"

# --- dry run: says what it would log, writes nothing
snapshot
run act-log -n --rep ann --kind demo --date 2026-11-02
expect_status 0 "dry run: exit 0"
expect_out "would log demo ann 2026-11-02" "dry run: would lines on stdout"
expect_unchanged "dry run: nothing written"

# --- an import over two months: each row in the file of its month
printf 'date\trep\tkind\taccount\tminutes\tref\tnote\n' >"$T/import.tsv"
printf '2026-10-05\tann\tdemo\tacme\t60\tcrm-1\tdemo of v2\n' >>"$T/import.tsv"
printf '2026-11-03\tbob\tvisit\tbeta\t90\tcrm-2\ton site\\ttwice\n' >>"$T/import.tsv"
printf '2026-10-06\tbob\temail\tbeta\t\tcrm-3\t\n' >>"$T/import.tsv"
run act-log --from "$T/import.tsv"
expect_status 0 "import: exit 0"
expect_out_empty "import: nothing on stdout"
expect_err_empty "import: nothing on stderr"
expect_file "$D/activities/2026-10.tsv" "$AH
2026-10-05	ann	demo	acme		60	crm-1	demo of v2
2026-10-06	bob	email	beta			crm-3	" "import: October rows in activities/2026-10.tsv"
rows activities/2026-11.tsv | tail -n 1 >"$T/rows"
expect_file "$T/rows" "2026-11-03	bob	visit	beta		90	crm-2	on site\\ttwice" \
    "import: November row appended to activities/2026-11.tsv"
audit_tail 3 >"$T/audit"
expect_file "$T/audit" "act-log	log demo ann 2026-10-05
act-log	log visit bob 2026-11-03
act-log	log email bob 2026-10-06" "import: one audit line per activity, in input order"

# --- refs: the same import again logs nothing twice
snapshot
run act-log --from "$T/import.tsv"
expect_status 0 "import again: exit 0"
expect_err "act-log: $T/import.tsv:2: ref 'crm-1' already logged; skipped
act-log: $T/import.tsv:3: ref 'crm-2' already logged; skipped
act-log: $T/import.tsv:4: ref 'crm-3' already logged; skipped" "import again: every row reported as skipped"
expect_out_empty "import again: nothing on stdout"
expect_unchanged "import again: nothing written, not even an audit line"

# A ref seen earlier in the same input is skipped too; the rest is logged.
printf 'date\trep\tkind\tref\n2026-11-04\tann\tcall\tcrm-4\n2026-11-04\tann\tcall\tcrm-4\n' >"$T/in"
run_in "$T/in" act-log --from -
expect_status 0 "ref twice in one input: exit 0"
expect_err "act-log: stdin:3: ref 'crm-4' already logged; skipped" "ref twice in one input: the second skipped"
rows activities/2026-11.tsv | grep -c crm-4 >"$T/count"
expect_file "$T/count" "1" "ref twice in one input: logged once"

# From the options: the same message without a place.
snapshot
run act-log --rep ann --kind call --ref crm-1
expect_status 0 "ref from the options: exit 0"
expect_err "act-log: ref 'crm-1' already logged; skipped" "ref from the options: skipped"
expect_unchanged "ref from the options: nothing written"

# --- bad input: a clear message, exit 1, nothing written
bad "unknown rep" "act-log: unknown rep 'zed' (add it with rep-add)
act-log: nothing was changed" act-log --rep zed --kind call
bad "ended rep" "act-log: rep 'cid' is not active (status gone)
act-log: nothing was changed" act-log --rep cid --kind call --date 2026-10-15
bad "rep on leave" "act-log: rep 'dan' is not active (status leave)
act-log: nothing was changed" act-log --rep dan --kind call
bad "unknown kind" "act-log: kind 'fax' is not one of call, email, meeting, demo, visit or other
act-log: nothing was changed" act-log --rep ann --kind fax
bad "minutes 1441" "act-log: minutes '1441' is not a whole number 0-1440
act-log: nothing was changed" act-log --rep ann --kind call --minutes 1441
bad "minutes 5m" "act-log: minutes '5m' is not a whole number 0-1440
act-log: nothing was changed" act-log --rep ann --kind call --minutes 5m
bad "minutes negative" "act-log: minutes '-5' is not a whole number 0-1440
act-log: nothing was changed" act-log --rep ann --kind call --minutes -5
bad "date after today" "act-log: date '2026-11-27' is after today (2026-11-26)
act-log: nothing was changed" act-log --rep ann --kind call --date 2026-11-27
bad "date before hired" "act-log: date '2026-09-30' is before rep 'bob' was hired (2026-10-01)
act-log: nothing was changed" act-log --rep bob --kind call --date 2026-09-30
bad "malformed date" "act-log: date '2026-02-30' is not a date (YYYY-MM-DD)
act-log: nothing was changed" act-log --rep ann --kind call --date 2026-02-30
bad "unknown deal" "act-log: unknown deal 'D999' (add it with deal-add)
act-log: nothing was changed" act-log --rep ann --kind call --deal D999
bad "malformed deal" "act-log: deal 'd1' is not a deal id (D1, D2, ...)
act-log: nothing was changed" act-log --rep ann --kind call --deal d1
bad "bad account id" "act-log: account 'A/B' must start with a-z or 0-9
act-log: nothing was changed" act-log --rep ann --kind call --account A/B
bad "account id with a slash" "act-log: account 'a/b' may hold only a-z, 0-9, '.', '_' and '-'
act-log: nothing was changed" act-log --rep ann --kind call --account a/b
bad "no rep" "act-log: no rep given (use --rep)
act-log: nothing was changed" act-log --kind call
bad "no kind" "act-log: no kind given (use --kind)
act-log: nothing was changed" act-log --rep ann
bad "ref with a tab" "act-log: ref 'a	b' holds a tab or line break
act-log: nothing was changed" act-log --rep ann --kind call --ref 'a	b'

bad_in "unknown column" "act-log: stdin:1: unknown column 'minuts' (use --ignore-extra to skip it)
act-log: stdin: nothing was changed" 'rep\tkind\tminuts\nann\tcall\t5\n' act-log --from -
bad_in "every bad row reported" "act-log: stdin:2: kind 'fax' is not one of call, email, meeting, demo, visit or other
act-log: stdin:2: date '2026-11-27' is after today (2026-11-26)
act-log: stdin:4: unknown rep 'zed' (add it with rep-add)
act-log: stdin:5: unknown deal 'D999' (add it with deal-add)
act-log: nothing was changed" 'date\trep\tkind\tdeal\n2026-11-27\tann\tfax\t\n2026-11-02\tann\tcall\tD2\n\tzed\tcall\t\n\tbob\tcall\tD999\n' \
    act-log --from -
bad_in "ragged row" "act-log: stdin:2: 3 fields, header has 2
act-log: nothing was changed" 'rep\tkind\nann\tcall\tx\n' act-log --from -

# --ignore-extra skips a column of the input's own.
printf 'rep\tkind\tdate\tcrm_owner\nann\tcall\t2026-11-05\tzz\n' >"$T/in"
run_in "$T/in" act-log --from - --ignore-extra
expect_status 0 "--ignore-extra: exit 0"
rows activities/2026-11.tsv | tail -n 1 >"$T/rows"
expect_file "$T/rows" "2026-11-05	ann	call					" "--ignore-extra: logged without the extra column"

# --- usage errors: exit 2
snapshot
run act-log ann --kind call
expect_fail 2 "usage: act-log --rep REP" "an operand: usage, exit 2"
run act-log --rep ann --kind call --today 2026-13-01
expect_fail 2 "act-log: invalid --today '2026-13-01': want YYYY-MM-DD" "bad --today: exit 2"
expect_unchanged "usage errors: nothing written"
run act-log --help
expect_status 0 "--help: exit 0"
expect_out_has "act-log --from FILE [--ignore-extra]" "--help: usage on stdout"

# --- act-list: this month by default, in file order, oldest month first
run act-list
expect_status 0 "act-list: exit 0"
expect_out "$AH
2026-11-26	ann	call	acme	D1	30		first call
2026-11-20	bob	meeting		D1			met\\tann
2026-11-03	bob	visit	beta		90	crm-2	on site\\ttwice
2026-11-04	ann	call				crm-4	
2026-11-05	ann	call					" "act-list: this month, TSV when piped"

run act-list --period 2026-Q4 --rep bob
expect_status 0 "act-list --rep over two months: exit 0"
expect_out "$AH
2026-10-06	bob	email	beta			crm-3	
2026-11-20	bob	meeting		D1			met\\tann
2026-11-03	bob	visit	beta		90	crm-2	on site\\ttwice" "act-list --rep: October then November"

run act-list --period 2026-10-06..2026-11-04 --team north --no-header
expect_out "2026-11-04	ann	call				crm-4	" "act-list --team and a range: only the days in it"

run act-list --period 2026-10 --kind demo
expect_out "$AH
2026-10-05	ann	demo	acme		60	crm-1	demo of v2" "act-list --kind"

run act-list --period 2026-09
expect_status 0 "act-list empty period: exit 0"
expect_out "$AH" "act-list empty period: the header only"

run act-list --period 2026-Q4 --team south -o table
expect_out "date        rep  kind     account  deal  minutes  ref    note
2026-10-06  bob  email    beta                    crm-3
2026-11-20  bob  meeting           D1                    met\\tann
2026-11-03  bob  visit    beta                90  crm-2  on site\\ttwice" "act-list -o table"

run act-list --period 2026-10 -o json
expect_out '{"date":"2026-10-05","rep":"ann","kind":"demo","account":"acme","deal":null,"minutes":60,"ref":"crm-1","note":"demo of v2"}
{"date":"2026-10-06","rep":"bob","kind":"email","account":"beta","deal":null,"minutes":null,"ref":"crm-3","note":null}' "act-list -o json"

run act-list --rep zed
expect_fail 1 "act-list: unknown rep 'zed' (see rep-list)" "act-list unknown rep: exit 1"
run act-list --team west
expect_fail 1 "act-list: unknown team 'west' (see team-list)" "act-list unknown team: exit 1"
run act-list --kind fax
expect_fail 2 "act-list: invalid --kind 'fax': want call, email, meeting, demo, visit or other" \
    "act-list bad kind: exit 2"
run act-list --period 2026-Q5
expect_fail 2 "act-list: invalid period '2026-Q5' (see salesmgr(7) for periods)" \
    "act-list bad period: exit 2"
run act-list extra
expect_fail 2 "usage: act-list" "act-list operand: exit 2"

# --- pipes
# Re-logging what act-list shows logs nothing new when the rows carry refs.
# act-list starts late: act-log must not hold the write lock while it waits
# for its input, or the reader upstream could never take its shared lock.
snapshot
run sh -c '{ sleep 1; act-list --period 2026-10; } | act-log --from - --ignore-extra'
expect_status 0 "pipe act-list | act-log: exit 0"
expect_err "act-log: stdin:2: ref 'crm-1' already logged; skipped
act-log: stdin:3: ref 'crm-3' already logged; skipped" "pipe act-list | act-log: every row skipped"
expect_unchanged "pipe act-list | act-log: nothing written"

# Copying a rep's activities into another data directory, twice: act-list's
# columns are act-log's input columns, and the refs keep the copy single.
mkdir "$T/other"
sales-init -q "$T/other/data" &&
cp "$D/teams.tsv" "$D/reps.tsv" "$T/other/data/" || { echo "not ok - setup other"; exit 1; }
run sh -c 'act-list --period 2026-Q4 --kind demo | act-log -D "$1" --from -' sh "$T/other/data"
expect_status 0 "copy to another directory: exit 0"
run sh -c 'act-list --period 2026-Q4 --kind demo | act-log -D "$1" --from -' sh "$T/other/data"
expect_err "act-log: stdin:2: ref 'crm-1' already logged; skipped" "copy again: skipped"
run act-list -D "$T/other/data" --period 2026-Q4
expect_out "$AH
2026-10-05	ann	demo	acme		60	crm-1	demo of v2" "copy: the other directory holds it once"

# --- a torn last line (a crash while writing) is refused, nothing written
cp "$D/activities/2026-11.tsv" "$T/nov.save"
printf '2026-11-25\tann\tca' >>"$D/activities/2026-11.tsv"
torn="activities/2026-11.tsv: the last line is torn (a crash while writing?); run sales-check --repair"
bad "torn tail" "act-log: $torn" act-log --rep ann --kind call
# October's file would be appended first: the batch is refused before any write.
bad_in "torn tail, batch over two months" "act-log: $torn" \
    'date\trep\tkind\n2026-10-20\tann\tcall\n2026-11-20\tann\tcall\n' act-log --from -
bad "torn tail, import with refs" "act-log: $torn" act-log --rep ann --kind call --ref crm-9
# act-list has shown the rows before it, but never the torn one.
run act-list
expect_status 1 "torn tail: act-list exits 1"
expect_err "act-list: $torn" "torn tail: act-list says so"
grep -c '	ca$' "$T/out" >"$T/count"
expect_file "$T/count" "0" "torn tail: act-list does not show the torn line"
cp "$T/nov.save" "$D/activities/2026-11.tsv"

# --- output errors and a missing directory
run sh -c 'act-list >/dev/full'
expect_fail 1 "write error" "act-list to /dev/full: exit 1"
snapshot
run sh -c 'act-log -n --rep ann --kind call >/dev/full'
expect_fail 1 "write error" "act-log -n to /dev/full: exit 1"
expect_unchanged "act-log -n to /dev/full: nothing written"
run act-log -D "$T/nowhere" --rep ann --kind call
expect_fail 1 "sales-init" "act-log missing directory: names sales-init"
run act-list -D "$T/nowhere"
expect_fail 1 "sales-init" "act-list missing directory: names sales-init"
check "missing directory: not created" test ! -e "$T/nowhere"

# --- what was written is what sales-check accepts
run sales-check
expect_status 0 "sales-check: clean after everything"

# --- act-list --rep and --team on generated months, against awk: a row of
# another rep is split no further than its rep (scan.h's keep); reps whose
# ids hold another's ("r000" in "r0001"); a note escaped on the rep's row.
g=$T/gen
sales-gen -q --seed 3 --reps 12 --deals 1500 --months 3 "$g" || not_ok "sales-gen"
SALESMGR_DIR=$g rep-add -q r000 --name Prefix --team t01 --hired 2026-10-01 &&
SALESMGR_DIR=$g act-log -q --rep r000 --kind call --date 2026-11-20 --note "two	lines" ||
    not_ok "the reps and the activity"
# want R FROM TO: R's rows of every activity month, dated FROM to TO
want() {
	for f in "$g"/activities/*.tsv; do
		awk -F'\t' -v r="$1" -v from="$2" -v to="$3" '
		    FNR > 1 && $2 == r && $1 >= from && $1 <= to' "$f"
	done
}
for r in r0001 r000 r0007; do
	want "$r" 2026-10-01 2026-12-31 >"$T/want"
	SALESMGR_DIR=$g act-list --rep "$r" --period 2026-Q4 --no-header >"$T/got" 2>"$T/err"
	check "act-list --rep $r over a quarter: awk's rows" \
	    eval 'test -s "$T/want" && test ! -s "$T/err" && cmp -s "$T/want" "$T/got"'
done
SALESMGR_DIR=$g act-list --rep r000 --period 2026-11 --no-header >"$T/got"
check "act-list --rep r000: its note escaped as written" grep -q 'two\\tlines$' "$T/got"
for r in $(awk -F'\t' '$4 == "t02" { print $1 }' "$g/reps.tsv"); do
	want "$r" 2026-11-01 2026-11-30
done | sort >"$T/want"
SALESMGR_DIR=$g act-list --team t02 --period 2026-11 --no-header | sort >"$T/got"
check "act-list --team t02 over a month: awk's rows of its reps" \
    eval 'test -s "$T/want" && cmp -s "$T/want" "$T/got"'
SALESMGR_DIR=$g act-list --rep r0002 --period 2026-Q4 | head -n 2 >"$T/got"
check "act-list --rep in a pipe: the header and the first row" \
    eval 'test "$(sed -n 2p "$T/got")" = "$(want r0002 2026-10-01 2026-12-31 | head -n 1)"'
rmdata "$g"

done_testing
