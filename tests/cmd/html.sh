# HTML reports rendered in a real browser (headless Chromium): each report
# of the demo-like data gives a page of the expected size that is not blank
# and logs no console error.  Skipped when chromium is missing (a failure
# under CI=true).
. "$(dirname "$0")/lib.sh"
browser=$(command -v chromium || command -v chromium-browser) ||
    skip_all "chromium is not installed (make test-deps): the HTML reports are not rendered"
g=$T/gen
sales-gen -q --seed 5 --reps 16 --deals 1500 --months 6 "$g" ||
    { echo "not ok - sales-gen failed"; exit 1; }
export SALESMGR_DIR=$g
plan-set -q 2026-Q4 team t01 900000
plan-set -q 2026-Q4 team t02 700000
rep-edit -q r0003 --name '<script>document.title="pwned"</script>'
# Training and commission plans, which sales-gen leaves empty.
reps=$(rep-list | awk 'NR > 1 { print $1 }')
{ course-add -q pol --title 'Sales policy' --kind policy --due-days 14 --required none &&
course-add -q sec --title Security --kind policy --due-days 7 --required none &&
train-assign -q pol $reps --today 2026-09-01 &&
train-assign -q sec $(echo "$reps" | head -10) --today 2026-11-20 &&
for r in $(echo "$reps" | head -9); do train-done -q "$r" pol --date 2026-09-10 || exit 1; done &&
comp-plan -q std --title Standard --tier 0:5 --tier 100:8 --tier 150:10 --threshold 50 &&
for r in $reps; do rep-edit -q "$r" --plan std || exit 1; done; } ||
    { echo "not ok - setup of training and plans failed"; exit 1; }

# shot NAME [WIDTH]: render $T/NAME.html at WIDTHx800 (1000) into $T/NAME.png,
# in a profile of its own and with no network, within two minutes.
shot() {
	timeout -k 5 120 "$browser" --headless=new --no-sandbox --disable-gpu \
	    --user-data-dir="$T/profile-$1" --no-first-run --disable-sync \
	    --disable-background-networking --disable-component-update \
	    --disable-quic --hide-scrollbars \
	    --window-size="${2:-1000}",800 --enable-logging=stderr --v=0 \
	    --screenshot="$T/$1.png" "file://$T/$1.html" >"$T/$1.log" 2>&1 </dev/null
}
# The PNG's width and height, from its header.
size() { od -An -tu1 -j16 -N8 "$1" | awk '{ print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8 }'; }

printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>blank</title></head><body></body></html>\n' >"$T/blank.html"
shot blank
blank=$(wc -c <"$T/blank.png")
cp "$T/blank.html" "$T/blank400.html"
shot blank400 400
blank400=$(wc -c <"$T/blank400.png")

perf-report --period 2026-Q4 -o html >"$T/perf.html"
perf-report --period 2026 --by month -o html >"$T/perfmonth.html"
deal-forecast --period 2026-Q4 --by team -o html >"$T/forecast.html"
plan-report --period 2026-Q4 -o html >"$T/plan.html"
train-status --summary -o html >"$T/trainsum.html"
train-status -o html >"$T/train.html"
comp-calc --period 2026-10 -o html >"$T/comp.html"
"$top/scripts/sales-nightly" -o html >"$T/nightly.html"
charts="forecast plan trainsum train comp"
for page in perf perfmonth $charts nightly; do
	shot "$page"
	st=$?
	expect_status 0 "$page: chromium renders it"
	check "$page: the screenshot is 1000x800" test "$(size "$T/$page.png")" = 1000x800
	n=$(wc -c <"$T/$page.png")
	check "$page: not blank ($n bytes against $blank for an empty page)" \
	    test "$n" -gt $((blank * 3))
	if grep -i 'CONSOLE' "$T/$page.log" | grep -qi 'error'; then
		not_ok "$page: console errors" "$(grep -i console "$T/$page.log" | head -3)"
	else
		ok "$page: no console errors"
	fi
done
# Narrow, as in a mail client: the charts shrink to the width.
for page in $charts; do
	cp "$T/$page.html" "$T/${page}400.html"
	shot "${page}400" 400
	st=$?
	expect_status 0 "$page at 400 wide: chromium renders it"
	check "$page: the narrow screenshot is 400x800" test "$(size "$T/${page}400.png")" = 400x800
	n=$(wc -c <"$T/${page}400.png")
	check "$page at 400 wide: not blank ($n bytes against $blank400)" \
	    test "$n" -gt $((blank400 * 3))
done
check "forecast: titled by period and grouping" grep -qF '<h1>Forecast 2026-Q4 by team</h1>' "$T/forecast.html"
check "plan: titled by period and dimension" grep -qF '<h1>Plan 2026-Q4 by team</h1>' "$T/plan.html"
check "training summary: its title" grep -qF '<h1>Training summary</h1>' "$T/trainsum.html"
check "training: its title" grep -qF '<h1>Training</h1>' "$T/train.html"
check "comp: titled by the pay period" grep -qF '<h1>Commission 2026-10</h1>' "$T/comp.html"
for page in $charts; do
	check "$page: a chart of CSS bars" grep -q '<table class="chart"' "$T/$page.html"
	if grep -q '<svg' "$T/$page.html"; then not_ok "$page: no SVG (mail clients drop it)"
	else ok "$page: no SVG (mail clients drop it)"; fi
done
check "forecast: the pipeline by stage" grep -qF '<h2>Open pipeline by stage (not weighted)</h2>' "$T/forecast.html"
check "a rep named <script> is shown as text" \
    grep -qF '&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;' "$T/perf.html"
check "comp: a rep named <script> is shown as text" \
    grep -qF '&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;' "$T/comp.html"
for page in $charts; do
	if grep -q '<script' "$T/$page.html"; then not_ok "$page: no script element"
	else ok "$page: no script element"; fi
	if grep -q 'src=\|href=\|@import\|url(' "$T/$page.html"; then
		not_ok "$page: self-contained"
	else
		ok "$page: self-contained"
	fi
done
if grep -q '<script' "$T/perf.html" "$T/nightly.html"; then
	not_ok "no script element in any report"
else
	ok "no script element in any report"
fi
if grep -q 'src=\|href=\|@import\|url(' "$T/perf.html" "$T/nightly.html"; then
	not_ok "self-contained: nothing loaded from elsewhere"
else
	ok "self-contained: nothing loaded from elsewhere"
fi
done_testing
