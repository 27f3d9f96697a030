# -o ics: coaching follow-ups (coach-list) and training due dates and
# certificate expiries (train-status) as an RFC 5545 calendar.  The file is
# checked by tests/oracle/ics.awk (CRLF, folding at 75 octets, nesting,
# one UID and DTSTAMP per event), its entries against an awk reading of
# notes.tsv and training.tsv, and by Python's icalendar when it is there.
. "$(dirname "$0")/lib.sh"
setup_failed() { not_ok "setting up: $1 failed"; done_testing; exit 1; }
ics_check() { LC_ALL=C awk -f "$top/tests/oracle/ics.awk" "$1"; }
init
team-add -q north --name North
rep-add -q anna --name 'Anna, de Vries' --team north --hired 2025-01-01
rep-add -q bob --name Bob --team north --hired 2025-01-01

# Follow-ups: one done, one open, one note without; text that needs escaping
# and folding (commas, semicolons, a newline, long UTF-8 text).
long='Pipeline review; next steps, pricing and the contract: naïve café owners — '
long=$long$long$long
coach-note -q anna "$long" --follow-up 2026-11-30 --date 2026-11-20 >/dev/null
coach-note -q bob 'Call back
about the demo' --follow-up 2026-11-17 --date 2026-11-10 >/dev/null
coach-note -q bob 'Good month' --kind praise >/dev/null
coach-done -q N2 --date 2026-11-25 ||
    setup_failed "coach-done"
run coach-list -o ics
expect_status 0 "coach-list -o ics"
expect_err_empty "coach-list -o ics: nothing on stderr"
ics_check "$T/out" >"$T/events" 2>"$T/why"
check "coach-list -o ics: a valid calendar (tests/oracle/ics.awk)" test ! -s "$T/why"
cut -f1-3 "$T/events" | LC_ALL=C sort >"$T/got"
awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["follow_up"] != "" { d = $c["follow_up"]; gsub(/-/, "", d)
        print "note-" $c["note"] "@salesmgr\t" d "\t" ($c["done"] != "" ? "CANCELLED" : "CONFIRMED") }' \
    "$SALESMGR_DIR/notes.tsv" | LC_ALL=C sort >"$T/want"
check "coach-list -o ics: an entry per follow-up, on its day, cancelled once done (awk over notes.tsv)" \
    cmp -s "$T/got" "$T/want"
check "coach-list -o ics: three notes, two follow-ups" test "$(wc -l <"$T/events")" -eq 2
check "coach-list -o ics: the summary names the rep, escaped" \
    grep -q 'Follow up with Anna\\, de Vries' "$T/events"
check "coach-list -o ics: a long description is folded" grep -q '^ ' "$T/out"
check "coach-list -o ics: the newline of a note is \\n" \
    grep -q '^DESCRIPTION:Call back\\nabout the demo' "$T/out"
check "coach-list -o ics: whole days: DTEND the day after" \
    grep -q '^DTEND;VALUE=DATE:20261201' "$T/out"
# The same entries again: the same UIDs (a re-import updates them).
cp "$T/events" "$T/first"
run coach-list -o ics
ics_check "$T/out" >"$T/events"
check "coach-list -o ics: the same UIDs on the next run" \
    cmp -s "$T/first" "$T/events"
run coach-list -o ics --due
ics_check "$T/out" >"$T/events"
check "coach-list --due -o ics: the filters apply (nothing due: an empty calendar)" \
    test "$(wc -l <"$T/events")" -eq 0
run coach-list -o ics --rep anna
ics_check "$T/out" >"$T/events"
check "coach-list --rep anna -o ics: anna's follow-up only" \
    test "$(cut -f1 "$T/events")" = note-N1@salesmgr
run sh -c 'coach-list -o ics | tr -d "\r" | grep -c "^BEGIN:VEVENT"'
expect_out "2" "coach-list -o ics in a pipe"

# Training: due dates (open, completed, withdrawn) and a certificate's expiry.
course-add -q policy --title 'Policy, 2026' --due-days 7
course-add -q cert --title Certificate --valid-days 30
course-add -q intro --title Intro --due-days 14
train-assign -q policy anna --today 2026-11-01
train-assign -q cert bob --today 2026-11-01
train-done -q bob cert --date 2026-11-05 --today 2026-11-05
train-assign -q intro bob --today 2026-11-02
train-unassign -q intro bob --reason 'changed role' --date 2026-11-03 ||
    setup_failed "training"
run train-status -o ics
expect_status 0 "train-status -o ics"
ics_check "$T/out" >"$T/events" 2>"$T/why"
check "train-status -o ics: a valid calendar (tests/oracle/ics.awk)" test ! -s "$T/why"
cut -f1-3 "$T/events" | LC_ALL=C sort >"$T/got"
# The expiry: completed + valid_days, counted in days since 1970 by awk.
awk -F'\t' '
    function days(d,   y, m) { y = substr(d, 1, 4) + 0; m = substr(d, 6, 2) + 0
        if (m <= 2) { y--; m += 12 }
        return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * (m - 3) + 2) / 5) + substr(d, 9, 2) - 719469 }
    function ymd(n,   y, m, d, doy, mp, era, yoe) {	# the inverse (H. Hinnant)
        n += 719468; era = int(n / 146097); doe = n - era * 146097
        yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
        y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
        mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
        m = mp < 10 ? mp + 3 : mp - 9; if (m <= 2) y++
        return sprintf("%04d%02d%02d", y, m, d) }
    FNR == 1 { delete c; for (i = 1; i <= NF; i++) c[$i] = i; next }
    FILENAME ~ /courses/ { valid[$c["course"]] = $c["valid_days"]; next }
    { id = "training-" $c["rep"] "-" $c["course"] "-" $c["assigned"]
      if ($c["due"] != "") { d = $c["due"]; gsub(/-/, "", d)
          print id "-due@salesmgr\t" d "\t" ($c["completed"] != "" || $c["withdrawn"] != "" ? "CANCELLED" : "CONFIRMED") }
      if ($c["completed"] != "" && valid[$c["course"]] != "")
          print id "-expires@salesmgr\t" ymd(days($c["completed"]) + valid[$c["course"]]) "\t" \
              ($c["withdrawn"] != "" ? "CANCELLED" : "CONFIRMED") }' \
    "$SALESMGR_DIR/courses.tsv" "$SALESMGR_DIR/training.tsv" | LC_ALL=C sort >"$T/want"
check "train-status -o ics: due dates and the expiry, cancelled once done or withdrawn (awk over training.tsv)" \
    cmp -s "$T/got" "$T/want"
check "train-status -o ics: the expiry of bob's certificate, 30 days after 2026-11-05" \
    grep -q '^training-bob-cert-2026-11-01-expires@salesmgr	20261205	CONFIRMED	Certificate expires: Certificate (Bob)$' "$T/events"
run train-status -o ics --overdue
ics_check "$T/out" >"$T/events"
check "train-status --overdue -o ics: anna's policy only" \
    test "$(cut -f1 "$T/events")" = training-anna-policy-2026-11-01-due@salesmgr

if optional python3 "the calendars read by Python's icalendar"; then
	py=
	for p in python3 /usr/bin/python3; do
		command -v "$p" >/dev/null 2>&1 && "$p" -c 'import icalendar' 2>/dev/null &&
		    { py=$p; break; }
	done
	if [ -z "$py" ]; then
		skip "python3-icalendar is not installed (make test-deps): the calendars read by Python's icalendar"
	else
		coach-list -o ics >"$T/coach.ics"
		train-status -o ics >"$T/train.ics"
		run "$py" -c '
import sys, icalendar
for f in sys.argv[1:]:
    cal = icalendar.Calendar.from_ical(open(f, "rb").read())
    for e in cal.walk("VEVENT"):
        print(e["UID"], e.decoded("DTSTART").isoformat(), e["STATUS"], e["SUMMARY"], sep="\t")
' "$T/coach.ics" "$T/train.ics"
		expect_status 0 "python icalendar reads both calendars"
		LC_ALL=C sort "$T/out" >"$T/py"
		{ ics_check "$T/coach.ics"; ics_check "$T/train.ics"; } |
		    awk -F'\t' '{ gsub(/\\,/, ",", $4); gsub(/\\;/, ";", $4)
		        print $1 "\t" substr($2, 1, 4) "-" substr($2, 5, 2) "-" substr($2, 7) "\t" $3 "\t" $4 }' |
		    LC_ALL=C sort >"$T/awk"
		check "python icalendar: the same entries, dates and summaries as ics.awk" \
		    cmp -s "$T/py" "$T/awk"
		if ! cmp -s "$T/py" "$T/awk"; then diff "$T/py" "$T/awk" | sed 's/^/# /' | head; fi
	fi
fi

# A two-octet character across the 75th octet: "DESCRIPTION:" and 62
# letters fill 74, so a fold by octets alone would split the é.
coach-note -q bob "$(printf '%062d' 0 | tr 0 x)éééééééééééééééééééééééééééééééééééééééééééééé" \
    --follow-up 2026-12-01 --date 2026-11-26 >/dev/null || setup_failed "coach-note"
run coach-list -o ics --rep bob
ics_check "$T/out" >/dev/null 2>"$T/why"
check "coach-list -o ics: no fold inside a UTF-8 character" test ! -s "$T/why"

# Bad use: -o ics where there is nothing for a calendar.
bad 2 "train-status: -o ics: this listing has no calendar entries" "train-status --summary -o ics" \
    train-status --summary -o ics
bad 2 "train-status: -o ics: this listing has no calendar entries" "train-status --attempts -o ics" \
    train-status --attempts -o ics
bad_usage "rep-list: invalid format 'ics': want table, wide, tsv, csv, json or html" \
    "rep-list -o ics: not a calendar program" rep-list -o ics
run coach-list -o ics --help
expect_out_has "html or ics" "coach-list --help names -o ics"
done_testing
