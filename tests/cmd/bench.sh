# scripts/bench --check: the benchmark's own correctness run on a small
# size (the timing runs are not part of make check): perf-report against
# mawk, and against sqlite3 when it is installed.
. "$(dirname "$0")/lib.sh"
need mawk "the benchmark compares perf-report with mawk"
SALESMGR_BENCH_DIR=$T/bench run "$top/scripts/bench" --check 5000
expect_status 0 "scripts/bench --check 5000: perf-report and its peers agree"
expect_out_has "perf-report and mawk agree on 2000 reps" "and it says how many reps were compared"
expect_out_has "machine: $(nproc) CPUs" "it names the machine"
sqlite3=0
if optional sqlite3 "perf-report is not compared with sqlite3"; then
	sqlite3=1
	expect_out_has "5000: perf-report and sqlite3 agree on 2000 reps (rep,won,won_deals,lost_deals,activities)" \
	    "--check compares sqlite3's figures too"
fi
# Without sqlite3 the comparison is skipped with a note, never faked (the
# data directory of the first run is reused).
SALESMGR_BENCH_DIR=$T/bench SALESMGR_BENCH_SQLITE3=$T/no-sqlite3 \
    run "$top/scripts/bench" --check 5000
expect_status 0 "without sqlite3 the check still runs"
expect_out_has "5000: sqlite3 not installed: skipped" "and says sqlite3 was skipped"
grep -q "sqlite3 agree" "$T/out"
st=$?
expect_status 1 "and claims no agreement"
# A wrong figure is caught: a sqlite3 that answers one cent off.
if [ "$sqlite3" = 1 ]; then
	mkdir -p "$T/bin"
	cat >"$T/bin/sqlite3-off" <<-'END'
	#!/bin/sh
	sqlite3 "$@" | awk -F'\t' -v OFS='\t' 'NR == 1 { $2 = sprintf("%.2f", $2 + 0.01) } 1'
	END
	chmod +x "$T/bin/sqlite3-off"
	SALESMGR_BENCH_DIR=$T/bench SALESMGR_BENCH_SQLITE3=$T/bin/sqlite3-off \
	    run "$top/scripts/bench" --check 5000
	expect_status 1 "a sqlite3 result that differs fails the check"
	expect_err_has "bench: 5000: perf-report and sqlite3 disagree" "and says so"
fi
done_testing
