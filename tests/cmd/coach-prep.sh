# coach-prep REP: the page before a one-on-one, on generated data with a
# fixed today; its figures against awk over the data files (won and
# pipeline: tests/oracle/org.awk; activities per week and kind; the open
# follow-ups and the last notes from notes.tsv); HTML well-formed and
# escaped; bad input; in a pipe under cron's bare environment.
. "$(dirname "$0")/lib.sh"
prep=$top/scripts/coach-prep
oracle=$top/tests/oracle/org.awk
sales-gen -q --seed 3 --reps 16 --deals 1500 --months 6 "$SALESMGR_DIR" ||
    { echo "not ok - sales-gen failed"; exit 1; }
d=$SALESMGR_DIR
setup coach-note r0003 'pipeline review <b>&</b> demos' --kind 1on1 --follow-up 2026-12-01 --date 2026-11-02
setup coach-note r0003 'asked for a demo script' --kind observation --follow-up 2026-11-20 --date 2026-11-10
setup coach-note r0003 'good call with a00129' --kind praise --date 2026-11-25
for i in 1 2 3 4; do setup coach-note r0003 "note $i" --kind observation --date "2026-10-0$i"; done
setup coach-note r0004 'not r0003' --kind warning --follow-up 2026-11-30 --date 2026-11-24
setup coach-done N2
setup course-add pol --title Policy --kind policy --due-days 14 --required none
setup train-assign pol r0003 --today 2026-10-01

run "$prep" r0003
expect_status 0 "coach-prep r0003: exit 0"
expect_err_empty "coach-prep r0003: nothing on stderr"
cp "$T/out" "$T/prep"
check "the title names the rep" grep -q '^Coaching prep for Noah Mulder (r0003), 2026-11-26' "$T/prep"
check "then the team and the manager" grep -q '^team Team north, manager Mila de Boer, role ae' "$T/prep"
for s in "Quota and pace" "Pipeline (" "Activity by week" "Weak spots" "Open follow-ups" \
    "Training due" "Last notes"; do
	check "section present: $s" grep -qF "== $s" "$T/prep"
done
# sect TITLE: the rows of a section of the text report (no header).
sect() { awk -v t="== $1" 'index($0, t) == 1 { on = 1; getline; next } /^$|^\.\.\./ { on = 0 } on' "$T/prep"; }

# Won and pipeline of the quarter to date, by the oracle; grouped as the
# report groups them.
awk -v mode=perf -v by=rep -v from=2026-10-01 -v to=2026-11-26 -f "$top/tests/oracle/money.awk" -f "$oracle" \
    "$d/stages.tsv" "$d/reps.tsv" "$d/teams.tsv" "$d/org.tsv" "$d"/deals/*.tsv |
    awk -F'\t' '$1 == "r0003" { print $2; print $5 }' |
    awk '{ s = $0; i = index(s, "."); w = substr(s, 1, i - 1); f = substr(s, i); g = ""
        while (length(w) > 3) { g = "," substr(w, length(w) - 2) g; w = substr(w, 1, length(w) - 3) }
        print w g f }' >"$T/want"
sect "Quota and pace" | awk '$1 == "this-quarter" { print $3; print $7 }' >"$T/got"
if [ -s "$T/want" ] && cmp -s "$T/want" "$T/got"; then ok "quarter: won and pipeline equal the oracle's"
else not_ok "quarter: won and pipeline equal the oracle's" "want $(tr '\n' ' ' <"$T/want")" \
    "got $(tr '\n' ' ' <"$T/got")"; fi
check "a row for the month to date" test "$(sect "Quota and pace" | awk '$1 == "mtd"' | wc -l)" -eq 1

# Activities per week (Monday 2026-10-05 .. Sunday 2026-11-29, up to today)
# and kind, from the activity files.
cat "$d"/activities/*.tsv | awk -F'\t' '
    function days(d,   y, m) { y = substr(d, 1, 4) + 0; m = substr(d, 6, 2) + 0
        if (m <= 2) { y--; m += 12 }
        return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * (m - 3) + 2) / 5) + substr(d, 9, 2) }
    BEGIN { split("call email meeting demo visit other", k, " "); start = days("2026-10-05") }
    $2 == "r0003" && $1 >= "2026-10-05" && $1 <= "2026-11-26" { w = int((days($1) - start) / 7); n[w, $3]++; t[w]++ }
    END { for (w = 0; w < 8; w++) { line = w
        for (j = 1; j <= 6; j++) line = line " " n[w, k[j]] + 0
        print line " " t[w] + 0 } }' >"$T/want"
sect "Activity by week" | awk '{ $1 = NR - 1; print }' >"$T/got"
if [ "$(awk '{ s += $NF } END { print s + 0 }' "$T/want")" -gt 0 ] && cmp -s "$T/want" "$T/got"; then
	ok "activity by week and kind equals the count over the activity files"
else
	not_ok "activity by week and kind equals the count over the activity files" \
	    "$(diff "$T/want" "$T/got" | head -6 | tr '\n' '|')"
fi
check "eight weeks, the first a Monday seven weeks before this one" \
    test "$(sect "Activity by week" | awk 'NR == 1 { print $1 } END { print NR }' | tr '\n' ' ')" = "2026-10-05 8 "

# Open follow-ups: the notes on r0003 with a follow-up not done.
awk -F'\t' 'NR > 1 && $3 == "r0003" && $6 != "" && $7 == "" { print $1 }' "$d/notes.tsv" | sort >"$T/want"
sect "Open follow-ups" | awk '{ print $1 }' | sort >"$T/got"
check "open follow-ups: those of notes.tsv (N1 only)" cmp -s "$T/want" "$T/got"
check "open follow-ups: N1" test "$(cat "$T/got")" = N1
# Last notes: the five latest dates of r0003's notes.
awk -F'\t' 'NR > 1 && $3 == "r0003" { print $2 }' "$d/notes.tsv" | sort -r | head -n 5 >"$T/want"
sect "Last notes" | awk '{ print $1 }' >"$T/got"
check "last notes: the five latest, the latest first" cmp -s "$T/want" "$T/got"
check "no other rep's note" sh -c '! grep -q "not r0003" "$0"' "$T/prep"
check "training due: the overdue course" grep -q '^pol .*overdue *42$' "$T/prep"
# The weak spots are rep-diagnose's weak rows, in its order.
rep-diagnose r0003 -o tsv 2>/dev/null | awk -F'\t' 'NR > 1 && $11 == "weak" { print $2 }' >"$T/want"
sect "Weak spots" | awk '{ print $1 }' >"$T/got"
check "weak spots: rep-diagnose's weak metrics" sh -c 'test -s "$0" && cmp -s "$0" "$1"' "$T/want" "$T/got"

# A rep with nothing yet: only the title and who they are.
setup rep-add r0099 --name 'New Hire' --team t02 --hired 2026-11-26
run "$prep" r0099
expect_status 0 "a new rep: exit 0"
expect_err_empty "a new rep: nothing on stderr"
check "a new rep: no section of deals, notes or training" \
    sh -c '! grep -q "^== \(Pipeline\|Stale\|Open\|Training\|Last\)" "$0"' "$T/out"

# HTML: well-formed, the notes escaped.
run "$prep" r0003 -o html
expect_status 0 "-o html: exit 0"
check "-o html: well-formed" awk -f "$top/tests/cmd/html-balance.awk" "$T/out"
check "-o html: a note's markup escaped" grep -qF 'pipeline review &lt;b&gt;&amp;&lt;/b&gt; demos' "$T/out"
check "-o html: the whole pipeline, not ten" \
    test "$(deal-age --rep r0003 --no-header | wc -l)" -eq \
    "$(awk '/<h2>Pipeline/ { on = 1 } on && /<td/ { n++ } on && /<\/table>/ { print n + 0; exit }' "$T/out")"

# In a pipe, under cron's environment: each rep of a team, one after the other.
env -i PATH=/usr/bin:/bin LC_ALL=C HOME="$T" SALESMGR_DIR="$d" SALESMGR_TODAY=2026-11-26 \
    sh -c 'PATH=$1/bin:$PATH; rep-list --team t01 --no-header -o tsv | cut -f1 |
        while read -r r; do "$0" "$r" || exit 1; done | grep -c "^Coaching prep for"' \
    "$prep" "$top" >"$T/out" 2>"$T/err" </dev/null
st=$?
expect_status 0 "rep-list | coach-prep under cron: exit 0"
expect_out "$(rep-list --team t01 --no-header | wc -l)" "rep-list | coach-prep under cron: a page per rep"
expect_err_empty "rep-list | coach-prep under cron: nothing on stderr"

# A program that fails without a word: its section, name and status; the
# other sections are still there.
mkdir -p "$T/inst" "$T/share/salesmgr"
ln -s "$top"/bin/* "$T/inst/"
cp "$prep" "$T/inst/"
cp "$top/scripts/report.sh" "$T/share/salesmgr/"
rm "$T/inst/deal-age"
printf '#!/bin/sh\nexit 3\n' >"$T/inst/deal-age"
chmod +x "$T/inst/deal-age"
run "$T/inst/coach-prep" r0003
expect_status 1 "a program that fails: exit 1"
expect_err "coach-prep: pipeline: deal-age: failed with exit status 3
coach-prep: stale deals (idle 30 days, or the close pushed twice): deal-age: failed with exit status 3" \
    "a program that fails: its section, name and exit status"
check "a program that fails: the other sections are there" grep -q '^== Last notes' "$T/out"

# Bad input: exact message, exit status, nothing written.
bad 1 "coach-prep: unknown rep 'zed' (rep-list --all shows every rep)" "an unknown rep" "$prep" zed
bad 1 "coach-prep: unknown rep 'r003' (did you mean 'r0003'?)" "a misspelt rep" "$prep" r003
bad_usage "coach-prep: no rep given" "no rep" "$prep"
bad_usage "coach-prep: one rep at a time: 'r0004' is one too many" "two reps" "$prep" r0003 r0004
bad_usage "coach-prep: invalid format 'pdf': want text or html" "a bad format" "$prep" r0003 -o pdf
bad_usage "coach-prep: unknown option '--rep'" "an unknown option" "$prep" --rep r0003
bad_usage "coach-prep: option '--period' needs a value" "--period without a value" "$prep" r0003 --period
bad 2 "coach-prep: invalid period 'Q9' (see salesmgr(7) for periods)" "a bad period" \
    "$prep" r0003 --period Q9
bad 1 "coach-prep: $T/none: no such data directory; create it with sales-init $T/none" \
    "a missing data directory" "$prep" r0003 -D "$T/none"
done_testing
