# HTML reports rendered in a real browser (headless Chromium): each report
# of the demo-like data gives a page of the expected size that is not blank
# and logs no console error.  Skipped only when chromium is missing, which
# is reported as a failure (.ci/run installs it).
. "$(dirname "$0")/lib.sh"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	not_ok "chromium is not installed: the HTML reports were not rendered (.ci/run installs it)"
	done_testing
	exit
fi
g=$T/gen
sales-gen -q --seed 5 --reps 16 --deals 1500 --months 6 "$g" ||
    { echo "not ok - sales-gen failed"; exit 1; }
export SALESMGR_DIR=$g
plan-set -q 2026-Q4 team t01 900000
plan-set -q 2026-Q4 team t02 700000
rep-edit -q r0003 --name '<script>document.title="pwned"</script>'

# shot NAME: render $T/NAME.html at 1000x800 into $T/NAME.png
shot() {
	"$browser" --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
	    --window-size=1000,800 --enable-logging=stderr --v=0 \
	    --screenshot="$T/$1.png" "file://$T/$1.html" >"$T/$1.log" 2>&1 </dev/null
}
# The PNG's width and height, from its header.
size() { od -An -tu1 -j16 -N8 "$1" | awk '{ print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8 }'; }

printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>blank</title></head><body></body></html>\n' >"$T/blank.html"
shot blank
blank=$(wc -c <"$T/blank.png")

perf-report --period 2026-Q4 -o html >"$T/perf.html"
perf-report --period 2026 --by month -o html >"$T/perfmonth.html"
deal-forecast --period 2026-Q4 --by team -o html >"$T/forecast.html"
plan-report --period 2026-Q4 -o html >"$T/plan.html"
"$top/scripts/sales-nightly" -o html >"$T/nightly.html"
for page in perf perfmonth forecast plan nightly; do
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
check "a rep named <script> is shown as text" \
    grep -qF '&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;' "$T/perf.html"
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
