# scripts/bench and scripts/bench-interactive on small sizes (the timing
# runs themselves are not part of make check): every installed peer agrees
# with perf-report, a missing one is reported as skipped, a wrong one stops
# the bench, and a one-run timing prints its table.
# DuckDB is looked for where `scripts/bench --peers` puts it for this user.
cache=${SALESMGR_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/salesmgr-bench}
. "$(dirname "$0")/lib.sh"
export SALESMGR_BENCH_DIR="$T/bench" SALESMGR_BENCH_CACHE="$cache"
have() { command -v "$1" >/dev/null 2>&1; }
need mawk "the benchmark compares perf-report with mawk"

run "$top/scripts/bench" --check 5000
expect_status 0 "scripts/bench --check 5000: perf-report and its peers agree"
expect_out_has "machine: " "it names the machine"
expect_out_has ", $(nproc) CPUs, " "and its CPUs"
expect_out_has "5000: perf-report and mawk agree on 2000 reps (16 figures)" \
    "mawk agrees on every figure of 2000 reps"
if optional strace "the yardstick's file list is not compared with what perf-report opens"; then
	expect_out_has "5000: FILES are the files perf-report opens (strace)" \
	    "the yardstick reads the files perf-report opens"
fi
# Each optional peer agrees when installed, else is reported skipped.
peer() {	# peer PROGRAM LABEL FIGURES NOTE
	if have "$1"; then
		expect_out_has "5000: perf-report and $2 agree on 2000 reps ($3 figures)" "$2 agrees"
	else
		expect_out_has "$4" "$2 not installed: said to be skipped"
		grep -q "and $2 agree" "$T/out"
		st=$?
		expect_status 1 "$2 not installed: no agreement claimed"
	fi
}
peer gawk gawk 16 "gawk not installed (apt-get install gawk): skipped"
peer sqlite3 "sqlite3 import+query" 4 "sqlite3 not installed (apt-get install sqlite3): skipped"
peer sqlite3 "sqlite3 query alone" 4 "sqlite3 not installed (apt-get install sqlite3): skipped"
peer datamash datamash 4 "datamash not installed (apt-get install datamash): skipped"
if have node && [ -f "$cache/duckdb/node_modules/@duckdb/node-api/package.json" ]; then
	expect_out_has "5000: perf-report and DuckDB threads=1 agree on 2000 reps (16 figures)" \
	    "DuckDB on one thread agrees"
	expect_out_has "5000: perf-report and DuckDB threads=2 agree on 2000 reps (16 figures)" \
	    "DuckDB on two threads agrees"
else
	expect_out_has "DuckDB not installed (" "DuckDB not installed: said to be skipped"
fi

# With every optional peer missing, each is skipped with a note and nothing
# is claimed for it (the data directory of the first run is reused).
SALESMGR_BENCH_GAWK=$T/none SALESMGR_BENCH_SQLITE3=$T/none SALESMGR_BENCH_DATAMASH=$T/none \
    SALESMGR_BENCH_NODE=$T/none run "$top/scripts/bench" --check 5000
expect_status 0 "without the optional peers the check still runs"
expect_out_has "gawk not installed (apt-get install gawk): skipped" "gawk: skipped"
expect_out_has "sqlite3 not installed (apt-get install sqlite3): skipped" "sqlite3: skipped"
expect_out_has "datamash not installed (apt-get install datamash): skipped" "datamash: skipped"
expect_out_has "DuckDB not installed (it runs through node: apt-get install nodejs): skipped" \
    "DuckDB: skipped"
grep -Eq "and (gawk|sqlite3|datamash|DuckDB).* agree" "$T/out"
st=$?
expect_status 1 "and no agreement is claimed for a missing peer"
SALESMGR_BENCH_CACHE=$T/no-cache run "$top/scripts/bench" --check 5000
expect_out_has "DuckDB not installed (scripts/bench --peers installs @duckdb/node-api): skipped" \
    "DuckDB's package missing: skipped, with how to install it"

# A wrong figure stops the bench: a mawk one cent off on all sixteen
# figures' path, a sqlite3 one cent off on the four figures' path.
mkdir -p "$T/bin"
one_cent_off() {	# one_cent_off PROGRAM FIELD: $T/bin/PROGRAM-off, FIELD of its first row one cent more
	cat >"$T/bin/$1-off" <<-END
	#!/bin/sh
	$1 "\$@" | mawk -F'\t' -v OFS='\t' 'NR == 1 { \$$2 = sprintf("%.2f", \$$2 + 0.01) } 1'
	END
	chmod +x "$T/bin/$1-off"
}
one_cent_off mawk 3
SALESMGR_BENCH_MAWK=$T/bin/mawk-off run "$top/scripts/bench" --check 5000
expect_status 1 "a mawk result one cent off fails the check"
expect_err_has "bench: 5000: perf-report and mawk disagree" "and says so"
if optional sqlite3 "a sqlite3 one cent off is not tried"; then
	one_cent_off sqlite3 2
	SALESMGR_BENCH_SQLITE3=$T/bin/sqlite3-off run "$top/scripts/bench" --check 5000
	expect_status 1 "a sqlite3 result one cent off fails the check"
	expect_err_has "bench: 5000: perf-report and sqlite3 import+query disagree" "and says so"
fi

# One timed run of each tool prints the table, the bulk load and its check.
run "$top/scripts/bench" --runs 1 --load 2000 5000
expect_status 0 "a one-run timing at 5000 deal events"
expect_out_has "5000: 1 runs of each tool, paired with perf-report, alternating" "says how it times"
expect_out_has "  wc -l FILES  " "the yardstick wc -l"
expect_out_has "  cat FILES >/dev/null  " "the yardstick cat"
grep -Eq '^  mawk +[0-9.]+ +[0-9.]+  [0-9.]+x perf-report \(' "$T/out"
st=$?
expect_status 0 "mawk's time, perf-report's beside it and their ratio"
grep -Eq '^  perf-report +[0-9.]+ .*\(median of all its runs above\) +[0-9.]+ +[0-9]+$' "$T/out"
st=$?
expect_status 0 "perf-report's median time and peak memory"
expect_out_has "load 2000: deal-add booked 2000 deals, their amounts to the cent" \
    "the load is checked before it is timed"
expect_out_has "deal-add --from (fresh directory)" "and timed"
expect_out_has "load 2000: deal-sync booked 2000 deals, their amounts to the cent" \
    "deal-sync's load is checked before it is timed"
if optional sqlite3 "the load is not compared with sqlite3's import"; then
	expect_out_has "load 2000: sqlite3 imported the same rows and amounts" "sqlite3's import checked"
fi

# --only: just the tools named
run "$top/scripts/bench" --check --only mawk 5000
expect_status 0 "--check --only mawk"
expect_out_has "5000: perf-report and mawk agree" "checks mawk"
grep -Eq "and (gawk|sqlite3|datamash|DuckDB).* agree" "$T/out"
st=$?
expect_status 1 "and no other peer"
run "$top/scripts/bench" --check --only nothing 5000
expect_status 1 "--only with no tool that is here fails"
expect_err "bench: --only: none of 'nothing' is here" "and says so"

# The deal-sync hook: a deal-sync (here deal-add under that name) is
# checked and timed like deal-add.
mkdir -p "$T/sync"
printf '#!/bin/sh\nexec deal-add "$@"\n' >"$T/sync/deal-sync"
chmod +x "$T/sync/deal-sync"
PATH=$T/sync:$PATH run "$top/scripts/bench" --check --load 2000
expect_status 0 "--load with a deal-sync"
expect_out_has "load 2000: deal-sync booked 2000 deals, their amounts to the cent" \
    "deal-sync is checked once it exists"

# --against: another build's loaders checked and timed in the same runs.
run "$top/scripts/bench" --runs 2 --load 2000 --against "$top/bin"
expect_status 0 "--load --against a build's bin/"
expect_out_has "load 2000: $top/bin/deal-add booked the same" "its deal-add is checked"
expect_out_has "load 2000: $top/bin/deal-sync booked the same" "its deal-sync is checked"
expect_out_has "this build against $top/bin, in the same runs" "and a table of the two follows"
n=$(sed -n '/^this build against/,$p' "$T/out" |
    grep -Ec '^  deal-(add|sync) --from \(fresh directory\) +[0-9.]+ +[0-9.]+ +[0-9.]+x')
check "each loader's time beside the other build's, and their ratio ($n)" test "$n" -eq 2
# A build that books nothing is caught before any time counts.
mkdir -p "$T/none"
printf '#!/bin/sh\nexit 0\n' >"$T/none/deal-add"
cp "$T/none/deal-add" "$T/none/deal-sync"
chmod +x "$T/none/deal-add" "$T/none/deal-sync"
run "$top/scripts/bench" --check --load 2000 --against "$T/none"
expect_status 1 "--against a build that books nothing fails"
expect_err_has "bench: load: $T/none/deal-add booked 0 0 0 0, want" "and says what it booked"
run "$top/scripts/bench" --check --load 2000 --against "$T"
expect_status 1 "--against a directory without the loaders fails"
expect_err_has "no deal-add and deal-sync there" "and says so"
run "$top/scripts/bench" --against "$top/bin" 5000
expect_status 2 "--against without --load is a usage error"

run "$top/scripts/bench" --runs 0 5000
expect_status 2 "--runs 0 is a usage error"
run "$top/scripts/bench" 12x
expect_status 2 "a size that is not a number is a usage error"

# bench-interactive, tiny: every command timed, the table printed.
run "$top/scripts/bench-interactive" --runs 2 --reps 40 3000
expect_status 0 "scripts/bench-interactive on 40 reps and 3000 deal events"
for c in "deal-add " "act-log " "rep-add " "coach-note " "quota-set " "plan-set " \
    "deal-won (open deal) " "deal-won (unknown id, refused) " "deal-lost " "deal-move " \
    "deal-split (month's first split) " "deal-cancel (a won deal) " "rep-show " "deal-list --open --rep r0001 " \
    "deal-list --rep r0001 (every state) " "deal-age --rep r0001 " "act-list --rep r0001 (this month) " \
    "deal-list --open --team t01 " "deal-age --team t01 " "perf-report --rep r0001 " \
    "deal-forecast (this quarter) " "deal-forecast --by team " "deal-forecast --manager r0001 " \
    "deal-add, first write of a month " "deal-forecast --period 2026-Q4 " \
    "plan-report --period 2026-Q4 " "rep-diagnose r0001 --period 2026-Q4 "; do
	grep -Eq "^  $(printf '%s' "$c" | sed 's/[().]/\\&/g') +[^ ]+( ev| [0-9]+k) +[0-9.]+ +[0-9.]+ +[0-9]+ +5  (pass|FAIL)$" "$T/out"
	st=$?
	expect_status 0 "bench-interactive: a line for $c"
done
expect_out_has "median ms    p90 ms  cpu ms  target  median within target" "with its header"
grep -c "year(s) of history" "$T/out" >"$T/n"
expect_file "$T/n" 2 "one quarter over 1 and over 10 years"
# --against: another build's programs in the same runs (this one's here),
# their median and the ratio added to each line.
run "$top/scripts/bench-interactive" --runs 2 --reps 40 --only 'rep-show' --against "$top/bin" 3000
expect_status 0 "bench-interactive --against bin/: exit 0"
expect_out_has "against: the programs of $top/bin, in the same runs, taking turns" \
    "--against: the build named"
grep -Eq '^  rep-show +[0-9]+k ev +[0-9.]+ +[0-9.]+ +[0-9]+ +5  (pass|FAIL) +[0-9.]+ +[0-9.]+$' "$T/out"
st=$?
expect_status 0 "--against: rep-show's line with the other build's median and the ratio"
run "$top/scripts/bench-interactive" --runs 1 --against "$T/nowhere" 3000
expect_fail 1 "bench-interactive: --against: no such directory" "--against a missing directory: refused"
# --against a build whose deal index is of another format (here, this
# build's programs with a sales-gen that writes the format before):
# refused, since the two cannot share a directory.
mkdir "$T/oldbin"
for f in "$top"/bin/*; do ln -s "$f" "$T/oldbin/"; done
rm "$T/oldbin/sales-gen"
cat >"$T/oldbin/sales-gen" <<EOF
#!/bin/sh
"$top/bin/sales-gen" "\$@" || exit
for d; do :; done
sed '1s/.*/deal-index	6/' "\$d/cache/deal-index-head" >"\$d/head" && mv "\$d/head" "\$d/cache/deal-index-head"
EOF
chmod +x "$T/oldbin/sales-gen"
run "$top/scripts/bench-interactive" --runs 1 --reps 40 --only rep-show --against "$T/oldbin" 3000
expect_fail 1 "bench-interactive: --against $T/oldbin: it writes the deal index (cache/deal-index-head) in another format than this build: time each build on a directory of its own" \
    "--against a build of another deal index format: refused"
# scripts/bench.d/pair.c: two commands timed in turn, their medians and
# the median of their ratio; a run that fails stops it.
if optional cc "scripts/bench.d/pair.c is not compiled without it"; then
	cc -O2 -o "$T/pair" "$top/scripts/bench.d/pair.c"
	st=$?
	expect_status 0 "pair.c compiles"
	run "$T/pair" 3 /bin/true -- "$top/bin/rep-list" --help
	expect_status 0 "pair: two commands, three runs each"
	grep -Eq '^A median [0-9]+\.[0-9]{3} ms$' "$T/out" && grep -Eq '^B median [0-9]+\.[0-9]{3} ms$' "$T/out" &&
	    grep -Eq '^A/B median [0-9]+\.[0-9]{2}$' "$T/out"
	st=$?
	expect_status 0 "pair: the two medians and the median ratio"
	run "$T/pair" 3 /bin/true -- /bin/false
	expect_fail 1 "pair: /bin/false: did not exit 0" "pair: a command that fails stops it"
	run "$T/pair" 3 /bin/true --
	expect_fail 2 "usage: pair N COMMAND-A [ARG...] -- COMMAND-B [ARG...]" "pair: no second command"
fi
done_testing
