# demo.sh: `make demo` (scripts/demo) builds both organisations cleanly,
# every data directory it leaves passes sales-check, and it shows what it
# promises.
. "$(dirname "$0")/lib.sh"
SALESMGR_DEMO_DIR=$T/demo run "$top/scripts/demo"
expect_status 0 "demo: exit 0"
expect_err_empty "demo: nothing on stderr"
for sect in "== the roster" "== training" "== the key accounts and their owners" \
    "proposed to the reps most likely to win them" "this quarter by team" "the same by manager" \
    "== where the quarter will land" "Sales report for 2026-11-26" "== Payouts last month"; do
	expect_out_has "$sect" "demo shows: $sect"
done
for d in "$T/demo" "$T/demo-gen"; do
	SALESMGR_DIR=$d run sales-check
	expect_status 0 "sales-check passes on ${d##*/}"
done
SALESMGR_DIR=$T/demo-gen run acct-list --unowned --no-header
expect_out_empty "every generated account has an owner after acct-assign --apply"
SALESMGR_DIR=$T/demo run train-status --rep iris --no-header
check "rep-add --onboard gave iris her plan" test "$(wc -l <"$T/out")" -ge 3
for page in nightly perf-report perf-by-month deal-forecast plan-report train-status comp-calc; do
	check "html page: $page" grep -q '</html>' "$T/demo-gen/html/$page.html"
done
# Run again: it starts over without asking, but never on a directory that
# is not a data directory.
SALESMGR_DEMO_DIR=$T/demo run "$top/scripts/demo"
expect_status 0 "demo again: exit 0"
mkdir "$T/precious" && echo keep >"$T/precious/file"
SALESMGR_DEMO_DIR=$T/precious run "$top/scripts/demo"
expect_fail 1 "is not a data directory; refused" "demo refuses a directory that is not its own"
check "and leaves it alone" test "$(cat "$T/precious/file")" = keep
# make demo builds on every CPU, or as many jobs as make was given (not
# the -j of a `make -j2 check` that runs this test: its flags are not
# passed down here).
unset MAKEFLAGS MFLAGS MAKELEVEL
run make -n -C "$top" demo
expect_out_has 'make --no-print-directory -j$(nproc' "make demo: the build runs one job per CPU"
run make -n -j3 -C "$top" demo
grep -q 'make --no-print-directory .*all' "$T/out" && ! grep -q nproc "$T/out"
st=$?
expect_status 0 "make -j3 demo: the build takes make's own -j"
done_testing
