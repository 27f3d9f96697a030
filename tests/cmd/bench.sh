# scripts/bench --check: the benchmark's own correctness run on a small
# size (the timing runs are not part of make check).
. "$(dirname "$0")/lib.sh"
SALESMGR_BENCH_DIR=$T/bench run "$top/scripts/bench" --check 5000
expect_status 0 "scripts/bench --check 5000: perf-report and mawk agree"
expect_out_has "perf-report and mawk agree on 2000 reps" "and it says how many reps were compared"
done_testing
