# coach-note, coach-list, coach-done: the coaching log and its follow-ups.
. "$(dirname "$0")/lib.sh"
init
team-add north --name North
team-add south --name South
rep-add anna --name Anna --team north --hired 2025-01-01
rep-add bob --name Bob --team south --hired 2025-01-01

# Notes get N1, N2 ... printed on stdout; +7d counts from the note's date.
run coach-note anna "Walked through the pipeline" --follow-up +7d --date 2026-11-10
expect_status 0 "coach-note with a follow-up"
expect_out "N1" "it prints the new note's id"
run coach-note bob "Great demo at acme" --kind praise
expect_out "N2" "the next note is N2"
run coach-note anna "Two weeks without a call" --kind warning --follow-up 2026-11-30 \
    --date 2026-11-20
expect_out "N3" "a warning"
expect_file "$SALESMGR_DIR/notes.tsv" "note	date	rep	kind	text	follow_up	done
N1	2026-11-10	anna	1on1	Walked through the pipeline	2026-11-17	
N2	2026-11-26	bob	praise	Great demo at acme		
N3	2026-11-20	anna	warning	Two weeks without a call	2026-11-30	" \
    "notes.tsv: kind 1on1 by default, today by default, +7d from the note's date"
expect_file "$SALESMGR_DIR/ids.tsv" "kind	next
note	4" "ids.tsv holds the next note number"
check "each note is in the audit log" grep -q "coach-note	add note N3 (anna, warning, follow-up 2026-11-30)" \
    "$SALESMGR_DIR/audit.tsv"

# --from: many notes; the ids in order; text with a tab survives.
printf 'rep\ttext\tkind\tfollow_up\n' >"$T/in"
printf 'bob\tPlan Q1\t1on1\t+2w\n' >>"$T/in"
printf 'anna\tcalls\\tand mails\tobservation\t\n' >>"$T/in"
run coach-note --from "$T/in"
expect_out "N4
N5" "--from: one id a line"
run coach-list --rep anna --kind observation --no-header
expect_out "N5	2026-11-26	anna	observation	calls\\tand mails		" "the tab is kept, escaped"

# -n: says what it would do, writes nothing, prints no id.
snapshot
run coach-note bob "maybe" -n
expect_out "would add note N6 (bob, 1on1)" "-n prints what it would do"
expect_unchanged "-n writes nothing"

# coach-list: newest first, filters, formats.
run coach-list
expect_out "note	date	rep	kind	text	follow_up	done
N5	2026-11-26	anna	observation	calls\\tand mails		
N4	2026-11-26	bob	1on1	Plan Q1	2026-12-10	
N2	2026-11-26	bob	praise	Great demo at acme		
N3	2026-11-20	anna	warning	Two weeks without a call	2026-11-30	
N1	2026-11-10	anna	1on1	Walked through the pipeline	2026-11-17	" \
    "coach-list: newest first (by date, then by number)"
run coach-list --due
expect_out "note	date	rep	kind	text	follow_up	done
N1	2026-11-10	anna	1on1	Walked through the pipeline	2026-11-17	" \
    "--due: open follow-ups due by today"
run coach-list --open --no-header
expect_out "N4	2026-11-26	bob	1on1	Plan Q1	2026-12-10	
N3	2026-11-20	anna	warning	Two weeks without a call	2026-11-30	
N1	2026-11-10	anna	1on1	Walked through the pipeline	2026-11-17	" "--open: every open follow-up"
run coach-list --team south --no-header
expect_out "N4	2026-11-26	bob	1on1	Plan Q1	2026-12-10	
N2	2026-11-26	bob	praise	Great demo at acme		" "--team"
run coach-list --period 2026-11-01..2026-11-20 --no-header
expect_out "N3	2026-11-20	anna	warning	Two weeks without a call	2026-11-30	
N1	2026-11-10	anna	1on1	Walked through the pipeline	2026-11-17	" "--period: by the note's date"
run coach-list --rep anna --kind warning -o table
expect_out "note  date        rep   kind     text                      follow_up   done
N3    2026-11-20  anna  warning  Two weeks without a call  2026-11-30" "table output"
run coach-list --rep bob --kind praise -o json
expect_out '{"note":"N2","date":"2026-11-26","rep":"bob","kind":"praise","text":"Great demo at acme","follow_up":null,"done":null}' \
    "json output"
run coach-list --rep bob --kind warning
expect_out "note	date	rep	kind	text	follow_up	done" "no notes: the header only"

# coach-done closes a follow-up; then --due prints nothing at all.
run coach-done N1 --date 2026-11-18
expect_status 0 "coach-done"
expect_out_empty "coach-done prints nothing"
run coach-list --rep anna --no-header --period 2026-11-10
expect_out "N1	2026-11-10	anna	1on1	Walked through the pipeline	2026-11-17	2026-11-18" \
    "done is set"
run coach-list --due
expect_status 0 "--due with nothing due exits 0"
expect_out_empty "--due with nothing due prints nothing, not even a header"
run coach-list --due -o table
expect_out_empty "nor in a table"

# In a pipe: what is due, closed in one go (the listing's date column is
# the note's date, not the day it is done).
SALESMGR_TODAY=2026-12-10 sh -c 'coach-list --due | coach-done --from -' >"$T/out" 2>"$T/err"
st=$?
expect_status 0 "coach-list --due | coach-done --from -"
run coach-list --open
expect_out "note	date	rep	kind	text	follow_up	done" "every due follow-up is closed"
check "closed today, not on the note's date" grep -q "^N4	2026-11-26	bob	1on1	Plan Q1	2026-12-10	2026-12-10$" \
    "$SALESMGR_DIR/notes.tsv"
coach-note anna "Check in" --date 2026-11-20 --follow-up 2026-12-20 >/dev/null

# Bad input: the exact message, status 1 or 2, nothing written.
snapshot
run coach-note nobody "x"
expect_err "coach-note: unknown rep 'nobody' (add it with rep-add)
coach-note: nothing was changed" "unknown rep"
expect_status 1 "unknown rep exits 1"
run coach-note anna ""
expect_fail 1 "coach-note: note for 'anna': no text given" "empty text"
run coach-note anna x --kind scolding
expect_fail 1 "coach-note: kind 'scolding' is not one of 1on1, observation, praise, warning or pip" \
    "bad kind"
run coach-note anna x --date 2026-12-01
expect_fail 1 "coach-note: date 2026-12-01 is after today (2026-11-26)" "future date"
run coach-note anna x --date 2026-13-01
expect_fail 1 "coach-note: date '2026-13-01' is not a date (YYYY-MM-DD)" "bad date"
run coach-note anna x --follow-up soon
expect_fail 1 "coach-note: follow-up 'soon' is not a date (YYYY-MM-DD, +7d, +2w or +1m)" \
    "bad follow-up"
run coach-note anna x --date 2026-11-20 --follow-up 2026-11-19
expect_fail 1 "coach-note: follow-up 2026-11-19 is before the note's date (2026-11-20)" \
    "follow-up before the note"
run coach-note anna
expect_fail 2 "usage: coach-note REP TEXT" "no text: usage"
run coach-note --from "$T/in" anna
expect_fail 2 "usage: coach-note" "--from and a rep: usage"
printf 'rep\ttext\tmood\nanna\tx\tgrim\n' >"$T/bad"
run coach-note --from "$T/bad"
expect_fail 1 "mood" "--from: an unknown column is refused"
printf 'rep\ttext\nanna\tfine\nnobody\tx\nbob\t\n' >"$T/bad"
run coach-note --from "$T/bad"
expect_err "coach-note: $T/bad:3: unknown rep 'nobody' (add it with rep-add)
coach-note: $T/bad:4: note for 'bob': no text given
coach-note: nothing was changed" "--from: every bad row, with file:line, and nothing written"
run coach-done N99
expect_fail 1 "coach-done: unknown note 'N99' (see coach-list)" "unknown note"
run coach-done D1
expect_fail 1 "coach-done: note 'D1' " "not a note id"
run coach-done N2
expect_fail 1 "coach-done: note N2 has no follow-up" "a note without follow-up"
run coach-done N1
expect_fail 1 "coach-done: note N1 is already done (2026-11-18)" "already done"
run coach-done N6 --date 2026-11-19
expect_fail 1 "coach-done: date 2026-11-19 is before note N6's date (2026-11-20)" \
    "done before the note"
run coach-done N6 --date 2026-11-27
expect_fail 1 "coach-done: date 2026-11-27 is after today (2026-11-26)" "done in the future"
run coach-done
expect_fail 2 "usage: coach-done" "no note: usage"
run coach-list --kind scolding
expect_fail 2 "coach-list: invalid --kind 'scolding': want 1on1, observation, praise, warning or pip" \
    "coach-list: bad kind"
run coach-list --rep nobody
expect_fail 1 "coach-list: unknown rep 'nobody' (see rep-list)" "coach-list: unknown rep"
run coach-list --team nowhere
expect_fail 1 "coach-list: unknown team 'nowhere' (see team-list)" "coach-list: unknown team"
run coach-list --period 2026-13
expect_fail 2 "coach-list: invalid period '2026-13'" "coach-list: bad period"
run coach-list -o xml
expect_fail 2 "invalid format 'xml'" "coach-list: bad format"
expect_unchanged "no bad input wrote anything"

coach-list >/dev/full 2>"$T/err"; st=$?
expect_status 1 "coach-list to /dev/full fails"
expect_err_has "write error" "and says so"
coach-note anna "full" >/dev/full 2>"$T/err"; st=$?
expect_status 1 "coach-note to /dev/full fails"
for p in "coach-note anna x" coach-list "coach-done N1"; do
	SALESMGR_DIR=$T/missing run $p
	expect_fail 1 "sales-init" "$p: missing data directory"
	check "$p: and it is not created" test ! -e "$T/missing"
done
done_testing
