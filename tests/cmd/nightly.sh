# sales-nightly: the morning report on generated data with a fixed today;
# sections present when they have something to say and absent when not; in
# cron's bare environment; HTML escaping.
. "$(dirname "$0")/lib.sh"
nightly=$top/scripts/sales-nightly
g=$T/gen
sales-gen -q --seed 3 --reps 16 --deals 1500 --months 6 "$g" ||
    { echo "not ok - sales-gen failed"; exit 1; }
SALESMGR_DIR=$g run "$nightly"
expect_status 0 "sales-nightly on generated data"
check "nothing on stderr" test ! -s "$T/err"
for sect in "Sales report for 2026-11-26" "== Won yesterday" "== Lost yesterday" \
    "== Activity yesterday" "== Month to date" "== Quarter to date by team" \
    "== Forecast by team"; do
	expect_out_has "$sect" "section present: $sect"
done
for sect in "== Plan" "== Coaching follow-ups due" "== Payouts last month" \
    "== Training overdue" "== Certifications expiring"; do
	if grep -qF -- "$sect" "$T/out"; then not_ok "section absent when empty: $sect"
	else ok "section absent when empty: $sect"; fi
done
# What needs attention comes first, then the figures.
check "the first section is Needs attention" \
    test "$(grep -m 1 '^== ' "$T/out")" = "== Needs attention"
awk '/^== Won yesterday/ { w = NR } /^== Behind pace this month/ { b = NR }
    END { exit !(b && w && b < w) }' "$T/out"
check "behind pace comes before yesterday's wins" test $? -eq 0
# Its counts, against awk over the programs' own rows: reps behind pace or
# at risk this month; open deals whose last event is 30 days old or more
# (days counted by awk from the dates) or whose expected close has passed.
SALESMGR_DIR=$g perf-report --period mtd | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["pace"] == "behind" || $c["pace"] == "at-risk" { n++ } END { print n + 0 }' >"$T/n"
expect_out_has "$(cat "$T/n") reps behind pace or at risk this month" "needs attention: the reps behind pace, counted"
SALESMGR_DIR=$g deal-list --open | awk -F'\t' -v today=2026-11-26 '
    function days(d,   y, m) { y = substr(d, 1, 4) + 0; m = substr(d, 6, 2) + 0
        if (m <= 2) { y--; m += 12 }
        return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * (m - 3) + 2) / 5) + substr(d, 9, 2) }
    NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    days(today) - days($c["date"]) >= 30 || ($c["expected"] != "" && $c["expected"] < today) { n++ }
    END { print n + 0 }' >"$T/n"
expect_out_has "$(cat "$T/n") open deals idle for 30 days or past the expected close" \
    "needs attention: the deals to look at, counted"
awk '/^== Deals to look at/ { on = 1; getline; next } /^$|^\.\.\./ { on = 0 } on' "$T/out" >"$T/sect"
check "deals to look at: the ten largest in text" test "$(wc -l <"$T/sect")" -eq 10
expect_out_has "... and $(($(cat "$T/n") - 10)) more (deal-list --open)" "deals to look at: how many more"
# For people: no line wider than 100 columns (UTF-8 counted by character),
# amounts grouped, the activity condensed per team.
LC_ALL=C awk '{ l = $0; gsub(/[\200-\277]/, "", l); if (length(l) > 100) { print; bad = 1 } }
    END { exit bad }' "$T/out"
check "no line wider than 100 columns" test $? -eq 0
SALESMGR_DIR=$g deal-list --won --period yesterday --no-header | cut -f5 |
    awk '{ s = $0; i = index(s, "."); w = substr(s, 1, i - 1); f = substr(s, i)
        while (length(w) > 3) { g = "," substr(w, length(w) - 2) g; w = substr(w, 1, length(w) - 3) }
        print w g f; g = "" }' | sort >"$T/grouped"
awk '/^== Won yesterday/ { on = 1; getline; next } /^$/ { on = 0 } on { print $NF }' "$T/out" |
    sort >"$T/b"
check "won yesterday: the amounts grouped by thousands" cmp -s "$T/grouped" "$T/b"
awk '/^== Activity yesterday/ { getline; print $1; exit }' "$T/out" >"$T/h"
check "activity yesterday: a row per team in text" test "$(cat "$T/h")" = team

# The numbers in a section are the programs' own.
SALESMGR_DIR=$g deal-list --won --period yesterday --no-header | cut -f1 | sort >"$T/a"
awk '/^== Won yesterday/ { on = 1; getline; next } /^$/ { on = 0 } on { print $1 }' "$T/out" |
    sort >"$T/b"
check "Won yesterday lists exactly deal-list's won deals" cmp -s "$T/a" "$T/b"

# A follow-up due and a plan make their sections appear.
SALESMGR_DIR=$g coach-note -q r0002 "Call back about the pricing" --follow-up 2026-11-20 \
    --date 2026-11-10 >/dev/null
SALESMGR_DIR=$g plan-set -q 2026-Q4 team t01 500000
SALESMGR_DIR=$g run "$nightly"
expect_out_has "== Coaching follow-ups due" "a follow-up due: its section appears"
expect_out_has "Call back about the pricing" "with the note"
expect_out_has "== Plan" "a plan target: the plan section appears"

# Training overdue and a certification expiring make theirs appear.
SALESMGR_DIR=$g course-add -q policy --title Policy --due-days 7 &&
SALESMGR_DIR=$g course-add -q cert --title Certificate --valid-days 30 &&
SALESMGR_DIR=$g train-assign -q policy r0003 --today 2026-11-01 &&
SALESMGR_DIR=$g train-assign -q cert r0004 --today 2026-11-01 &&
SALESMGR_DIR=$g train-done -q r0004 cert --date 2026-11-01 --today 2026-11-01 ||
    setup_failed "training"
SALESMGR_DIR=$g run "$nightly"
awk '/^== Training overdue/ { on = 1; next } /^$/ { on = 0 } on' "$T/out" >"$T/sect"
check "training overdue: r0003's policy, 18 days late" \
    awk '$1 == "r0003" && $2 == "policy" && $NF == 18 { f = 1 } END { exit !f }' "$T/sect"
awk '/^== Certifications expiring/ { on = 1; next } /^$/ { on = 0 } on' "$T/out" >"$T/sect"
check "certifications expiring: r0004's cert" grep -q 'r0004.*cert.*expiring' "$T/sect"

# Cron: no terminal, LC_ALL=C, a minimal PATH, nothing else.
env -i PATH=/usr/bin:/bin LC_ALL=C HOME="$T" SALESMGR_DIR="$g" SALESMGR_TODAY=2026-11-26 \
    "$nightly" >"$T/cron.out" 2>"$T/cron.err" </dev/null
st=$?
expect_status 0 "in cron's bare environment"
check "cron: nothing on stderr" test ! -s "$T/cron.err"
check "cron: the same report" cmp -s "$T/out" "$T/cron.out"

# number_locale in config.tsv: the report cron writes groups as that
# locale does (cron's locale is C).
if locale -a 2>/dev/null | grep -qix 'nl_NL.utf8'; then
	cp -a "$g" "$T/nl"
	printf 'number_locale\tnl_NL.UTF-8\n' >>"$T/nl/config.tsv"
	env -i PATH=/usr/bin:/bin LC_ALL=C HOME="$T" SALESMGR_DIR="$T/nl" SALESMGR_TODAY=2026-11-26 \
	    "$nightly" >"$T/nl.out" 2>"$T/nl.err" </dev/null
	awk '/^== Won yesterday/ { on = 1; getline; next } /^$/ { on = 0 } on { print $NF }' "$T/nl.out" |
	    tr ',.' '.,' | sort >"$T/b"
	check "number_locale nl_NL: 1.234,56" cmp -s "$T/grouped" "$T/b"
else
	skip "the nl_NL.UTF-8 locale is not generated (make test-deps): number_locale"
fi

# HTML: one page, names escaped.
SALESMGR_DIR=$g rep-edit -q r0001 --name '<script>alert(1)</script>'
SALESMGR_DIR=$g run "$nightly" -o html
expect_status 0 "-o html"
check "html: one document" test "$(grep -c '<html' "$T/out")" -eq 1
check "html: closed" grep -q '</html>' "$T/out"
check "html: well-formed (each element closed in order, one head)" awk -f "$top/tests/cmd/html-balance.awk" "$T/out"
check "html: a name is escaped, not run" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$T/out"
if grep -q '<script>' "$T/out"; then not_ok "html: no script element"; else ok "html: no script element"; fi
check "html: amounts right-aligned and grouped" grep -q '<td class="n">[0-9][0-9]*,[0-9][0-9][0-9]\.[0-9][0-9]</td>' "$T/out"
cp "$T/out" "$T/nightly.html"

# A step that fails: its program's messages, each after the section it was
# for, the rest of the report still written, exit 1 (a mail from cron says
# which part failed).  A bad escape in plans.tsv stops deal-forecast and
# plan-report, not the others.
b=$T/broken
cp -a "$g" "$b"
printf '2026-Q4\tteam\tt\\q1\trevenue\t12\n' >>"$b/plans.tsv"
for fmt in text html; do
	SALESMGR_DIR=$b run "$nightly" -o "$fmt"
	expect_status 1 "$fmt: a failing step: exit 1"
	expect_err "sales-nightly: forecast by team: deal-forecast: plans.tsv:3: field 3: bad escape (only \\t \\n \\r \\\\ are allowed)
sales-nightly: forecast by team: deal-forecast: $b/plans.tsv: cannot be used until the problems above are fixed
sales-nightly: plan: plan-report: plans.tsv:3: field 3: bad escape (only \\t \\n \\r \\\\ are allowed)
sales-nightly: plan: plan-report: $b/plans.tsv: cannot be used until the problems above are fixed" \
	    "$fmt: each message after its section and program"
	expect_out_has "Quarter to date by team" "$fmt: and the other sections are still there"
done
# A program that fails without a word: its name and status.  An installed
# layout (the script beside the programs) with deal-forecast replaced.
mkdir "$T/inst"
ln -s "$top"/bin/* "$T/inst/"
cp "$nightly" "$T/inst/"
mkdir -p "$T/share/salesmgr"
cp "$top/scripts/report.sh" "$T/share/salesmgr/"
rm "$T/inst/deal-forecast"
printf '#!/bin/sh\nexit 3\n' >"$T/inst/deal-forecast"
chmod +x "$T/inst/deal-forecast"
SALESMGR_DIR=$g run "$T/inst/sales-nightly"
expect_status 1 "a program that fails silently: exit 1"
expect_err "sales-nightly: forecast by team: deal-forecast: failed with exit status 3" \
    "a program that fails silently: its section, name and exit status"
# deal-list failing: the open deals are listed once, for the count and the
# section, and the section still says what failed.
rm "$T/inst/deal-list"
cp "$T/inst/deal-forecast" "$T/inst/deal-list"
ln -sf "$top/bin/deal-forecast" "$T/inst/deal-forecast"
SALESMGR_DIR=$g run "$T/inst/sales-nightly"
expect_status 1 "deal-list failing silently: exit 1"
expect_err "sales-nightly: deals to look at: deal-list: failed with exit status 3
sales-nightly: won yesterday: deal-list: failed with exit status 3
sales-nightly: lost yesterday: deal-list: failed with exit status 3" \
    "deal-list failing silently: each section that lists deals says so, once"
expect_out_has "Quarter to date by team" "deal-list failing: the other sections are still there"

# Bad use.
run "$nightly" -o pdf
expect_fail 2 "sales-nightly: invalid format 'pdf': want text, html or mail" "bad format"
run "$nightly" --bogus
expect_fail 2 "sales-nightly: unknown option '--bogus'" "unknown option"
SALESMGR_DIR=$T/missing run "$nightly"
expect_fail 1 "sales-nightly: perf-report: $T/missing: no such data directory; create it with sales-init $T/missing" \
    "missing data directory: said by sales-nightly, through perf-report"
check "and it is not created" test ! -e "$T/missing"
run "$nightly" --help
expect_status 0 "--help"
expect_out_has "usage: sales-nightly" "--help prints the usage"
expect_out_has "      --period=P " "--help: a line for each option"
# --name=VALUE is --name VALUE, as --help writes it.
SALESMGR_DIR=$g run "$nightly" --period this-quarter -o html
cp "$T/out" "$T/spaced"
SALESMGR_DIR=$g run "$nightly" --period=this-quarter --format=html
expect_status 0 "--period=P --format=html"
check "--name=VALUE reports as --name VALUE does" cmp -s "$T/spaced" "$T/out"
run "$nightly" --format=pdf
expect_fail 2 "sales-nightly: invalid format 'pdf': want text, html or mail" "--format=pdf is a bad format"
done_testing
