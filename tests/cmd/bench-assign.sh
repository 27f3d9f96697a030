# scripts/bench-assign --check: the assignment benchmark's own correctness
# run on tiny instances (the timing runs are not part of make check):
# assign-solve against SciPy and LEMON where they are installed, a peer
# that is missing skipped with a note, and a peer that answers wrong caught.
. "$(dirname "$0")/lib.sh"
scipy= lemon=
for p in python3 /usr/bin/python3; do
	command -v $p >/dev/null 2>&1 && $p -c 'import scipy.optimize' 2>/dev/null && scipy=1
done
[ -f /usr/include/lemon/network_simplex.h ] && command -v g++ >/dev/null 2>&1 && lemon=1
both="assign-solve${scipy:+, SciPy}${lemon:+, LEMON}"
cap="assign-solve${lemon:+, LEMON}"

SALESMGR_BENCH_DIR=$T/bench run "$top/scripts/bench-assign" --check
expect_status 0 "scripts/bench-assign --check: assign-solve and the peers installed agree"
expect_out_has "uniform 60 x 60, capacity 1: objective 58185775, $both agree" \
    "random values, one place each: $both"
expect_out_has "revenue 60 x 60, capacity 1: objective 1106886970, $both agree" \
    "expected revenue (near ties), one place each: $both"
expect_out_has "uniform 10 x 1000, capacity 100: objective 907832968, $cap agree" \
    "random values, capacity 100: $cap (SciPy has no capacities)"
expect_out_has "revenue 10 x 1000, capacity 100: objective 16833997188, $cap agree" \
    "expected revenue, capacity 100: $cap"
if [ -z "$scipy" ]; then
	expect_out_has "SciPy (python3-scipy) not installed: its runs are skipped" \
	    "SciPy not installed: said so"
	skip "python3-scipy is not installed (make test-deps): SciPy's agreement"
fi
if [ -z "$lemon" ]; then
	expect_out_has "LEMON (liblemon-dev, g++) not installed: its runs are skipped" \
	    "LEMON not installed: said so"
	skip "liblemon-dev or g++ is not installed (make test-deps): LEMON's agreement"
fi

# Missing peers: skipped with a note, never faked.
SALESMGR_BENCH_DIR=$T/bench SALESMGR_BENCH_PYTHON=$T/no-python SALESMGR_BENCH_LEMON=$T/no-lemon \
    run "$top/scripts/bench-assign" --check
expect_status 0 "without the peers the check still runs"
expect_out_has "SciPy (python3-scipy) not installed: its runs are skipped" "SciPy skipped, said so"
expect_out_has "LEMON (liblemon-dev, g++) not installed: its runs are skipped" "LEMON skipped, said so"
expect_out_has "revenue 60 x 60, capacity 1: objective 1106886970, assign-solve agree" \
    "and no peer is said to agree"

# A peer one unit off is caught before any time counts.
mkdir -p "$T/bin"
cat >"$T/bin/lemon-off" <<-'END'
	#!/bin/sh
	printf 'agent\ttask\tvalue\n'
	echo "objective 58185776" >&2
	echo "seconds 0.001" >&2
END
chmod +x "$T/bin/lemon-off"
SALESMGR_BENCH_DIR=$T/bench SALESMGR_BENCH_PYTHON=$T/no-python SALESMGR_BENCH_LEMON=$T/bin/lemon-off \
    run "$top/scripts/bench-assign" --check
expect_status 1 "a peer whose objective differs fails the check"
expect_err_has "bench-assign: uniform 60 x 60, capacity 1: assign-solve's objective 58185775, lemon's 58185776" \
    "and says which peer and both objectives"
done_testing
