#!/bin/sh
# concurrency.sh: many writers at once, the lock (busy, shared), and writers
# killed at random: nothing lost, nothing twice, nothing malformed, no stale
# lock.
. "$(dirname "$0")/lib.sh"

# The programs are copied: a rebuild during the test must not break it.
mkdir -p "$T/bin" && cp -p "$top"/bin/* "$T/bin"/ 2>/dev/null
PATH=$T/bin:$PATH
need flock "the lock tests hold the data directory's lock with it"
have() { [ -x "$T/bin/$1" ]; }
init

# check_clean WHAT: sales-check finds nothing (when it exists)
check_clean() {
	if have sales-check; then
		run sales-check
		expect_status 0 "$1: sales-check clean"
	else
		echo "# sales-check is not built yet: $1 not checked by it"
	fi
}
# well_formed FILE WHAT: every line of a reps.tsv has 12 fields
well_formed() {
	bad=$(awk -F'\t' 'NF != 12 { n++ } END { print n + 0 }' "$1")
	if [ "$bad" -eq 0 ] && [ -z "$(tail -c 1 "$1" | tr -d '\n')" ]; then
		ok "$2: every line has 12 fields, the file ends in a newline"
	else
		not_ok "$2: every line has 12 fields, the file ends in a newline" \
		    "$bad malformed lines"
	fi
}

# 8 processes x 50 rep-add each, all at once.
SALESMGR_LOCK_TIMEOUT=60
export SALESMGR_LOCK_TIMEOUT
start=$(date +%s)
pids=
for i in 1 2 3 4 5 6 7 8; do
	(
		j=1
		while [ "$j" -le 50 ]; do
			rep-add -q "p$i-$j" --name "P $i $j" 2>>"$T/fail" ||
				echo "p$i-$j: exit $?" >>"$T/fail"
			j=$((j + 1))
		done
	) &
	pids="$pids $!"
done
wait $pids
echo "# 8 x 50 rep-add: $(($(date +%s) - start)) s"
if [ -s "$T/fail" ]; then
	not_ok "8 x 50 concurrent rep-add: all succeed" "$(head -5 "$T/fail")"
else
	ok "8 x 50 concurrent rep-add: all succeed"
fi
for i in 1 2 3 4 5 6 7 8; do
	j=1
	while [ "$j" -le 50 ]; do echo "p$i-$j"; j=$((j + 1)); done
done | LC_ALL=C sort >"$T/want"
rows reps.tsv | cut -f1 | LC_ALL=C sort >"$T/got"
if cmp -s "$T/want" "$T/got"; then
	ok "concurrent rep-add: exactly the 400 reps, each once"
else
	not_ok "concurrent rep-add: exactly the 400 reps, each once" \
	    "$(wc -l <"$T/got") rows; missing: $(comm -23 "$T/want" "$T/got" | head -3 | tr '\n' ' ')" \
	    "extra or twice: $(comm -13 "$T/want" "$T/got" | head -3 | tr '\n' ' ')"
fi
well_formed "$SALESMGR_DIR/reps.tsv" "concurrent rep-add: reps.tsv"
rows audit.tsv | awk -F'\t' '$3 == "rep-add" && $4 ~ /^add rep p[1-8]-[0-9]+$/ { print $4 }' |
    LC_ALL=C sort -u | wc -l >"$T/n"
if [ "$(cat "$T/n")" -eq 400 ] && [ "$(rows audit.tsv | grep -c 'add rep p')" -eq 400 ]; then
	ok "concurrent rep-add: audit.tsv has the 400 rep-add lines, each once"
else
	not_ok "concurrent rep-add: audit.tsv has the 400 rep-add lines, each once" \
	    "$(cat "$T/n") distinct, $(rows audit.tsv | grep -c 'add rep p') in all"
fi
check_clean "concurrent rep-add"

# 4 processes x 10 dated moves (rep-edit writes reps.tsv and org.tsv in one
# change) beside team-edit: every move in both files, once each.
if have rep-edit && have team-edit; then
	team-add -q c1 --name C1 && team-add -q c2 --name C2
	: >"$T/fail"
	pids=
	for i in 1 2 3 4; do
		(
			j=1
			while [ "$j" -le 10 ]; do
				rep-edit -q "p$i-$j" --team "c$((j % 2 + 1))" 2>>"$T/fail" ||
					echo "p$i-$j: exit $?" >>"$T/fail"
				j=$((j + 1))
			done
		) &
		pids="$pids $!"
	done
	( for m in p5-1 p5-2 p5-3 p5-4 p5-5; do team-edit -q c1 --manager $m || echo "c1 $m"; done ) \
	    2>>"$T/fail" >>"$T/fail" &
	wait $pids $!
	if [ -s "$T/fail" ]; then
		not_ok "4 x 10 rep-edit and 5 team-edit at once: all succeed" "$(head -3 "$T/fail")"
	else
		ok "4 x 10 rep-edit and 5 team-edit at once: all succeed"
	fi
	n=$(awk -F'\t' '$1 == "rep" && $3 == "team" && $4 == "2026-11-26"' \
	    "$SALESMGR_DIR/org.tsv" | wc -l)
	v=$(awk -F'\t' '$1 ~ /^p[1-4]-/ && $4 ~ /^c[12]$/' "$SALESMGR_DIR/reps.tsv" | wc -l)
	if [ "$n" -eq 40 ] && [ "$v" -eq 40 ]; then
		ok "concurrent dated moves: 40 in org.tsv and 40 in reps.tsv"
	else
		not_ok "concurrent dated moves: 40 in org.tsv and 40 in reps.tsv" "$n and $v"
	fi
	check_clean "concurrent rep-edit and team-edit"
fi

# A writer finds the lock taken: exit 75 after the timeout, nothing changed.
# wait_held MODE: until the background flock holds the lock
wait_held() {
	k=0
	while flock "$1" -n "$SALESMGR_DIR/.lock" true 2>/dev/null && [ "$k" -lt 100 ]; do
		sleep 0.02
		k=$((k + 1))
	done
}
# Held long enough for both waits even in a slow (sanitizer) build.
flock -x "$SALESMGR_DIR/.lock" sleep 6 &
holder=$!
wait_held -s
snapshot
t0=$(date +%s)
SALESMGR_LOCK_TIMEOUT=1 run rep-add busy1 --name Busy
expect_fail 75 "busy" "rep-add with the lock held elsewhere: exit 75, busy"
expect_unchanged "rep-add with the lock held elsewhere: nothing changed"
if have rep-list; then
	SALESMGR_LOCK_TIMEOUT=1 run rep-list
	expect_fail 75 "busy" "rep-list while a writer holds the lock: exit 75, busy"
fi
t1=$(date +%s)
wait "$holder"
if [ $((t1 - t0)) -le 5 ]; then
	ok "the lock wait ends (timeout 1 s)"
else
	not_ok "the lock wait ends (timeout 1 s)" "took $(($(date +%s) - t0)) s"
fi

# Readers share the lock with a reader; a writer does not.
flock -s "$SALESMGR_DIR/.lock" sleep 6 &
holder=$!
wait_held -x
if have rep-list; then
	SALESMGR_LOCK_TIMEOUT=0 run rep-list
	expect_status 0 "rep-list alongside another reader (shared lock)"
	expect_out_has "p8-50" "rep-list alongside another reader: lists the reps"
else
	echo "# rep-list is not built yet: shared-lock reader not checked"
fi
snapshot
SALESMGR_LOCK_TIMEOUT=0 run rep-add busy2 --name Busy
expect_fail 75 "busy" "rep-add while a reader holds the shared lock: exit 75"
expect_unchanged "rep-add while a reader holds the shared lock: nothing changed"
# A writer waits for the reader to finish (timeout longer than the hold).
SALESMGR_LOCK_TIMEOUT=10 run rep-add waited --name Waited
expect_status 0 "rep-add waits for a reader to finish, then writes"
wait "$holder"
# The wait is a blocking flock (in a thread, which the timeout does not
# wait for), so that the lock is taken the moment it is let go: a poll
# every 10 ms made each writer of a script's loop wait 10 ms for a lock
# held a few milliseconds by the work the one before left in the
# background.  (Held 3 s here, so that the writer, started under strace,
# surely finds it held.)
if optional strace "the wait is seen with it"; then
	flock -s "$SALESMGR_DIR/.lock" sleep 3 &
	holder=$!
	wait_held -x
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    strace -f -o "$T/wait.st" -e trace=flock,nanosleep,clock_nanosleep \
	    rep-add -q waited2 --name Waited >/dev/null 2>&1 </dev/null
	st=$?
	expect_status 0 "rep-add waits for a reader (strace)"
	check "a writer waits in a blocking flock, not a poll" \
	    eval 'grep -q "flock([0-9]*, LOCK_EX)" "$T/wait.st" && ! grep -q "nanosleep(" "$T/wait.st"'
	wait "$holder"
	# no thread to be had (clone3 fails): it polls, and still gets in
	flock -s "$SALESMGR_DIR/.lock" sleep 3 &
	holder=$!
	wait_held -x
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    strace -f -o "$T/wait.st" -e trace=flock,nanosleep,clock_nanosleep,clone3 \
	    -e inject=clone3:error=EAGAIN rep-add -q waited3 --name Waited >/dev/null 2>&1 </dev/null
	st=$?
	expect_status 0 "rep-add waits for a reader without a thread (clone3 failed)"
	check "without a thread, a writer polls the lock" \
	    eval 'grep -q "nanosleep(" "$T/wait.st" && ! grep -q "flock([0-9]*, LOCK_EX)" "$T/wait.st"'
	wait "$holder"
	check "both writers that waited wrote" \
	    eval 'test "$(rows reps.tsv | cut -f1 | grep -c "^waited[23]$")" -eq 2'
fi
if have rep-list; then
	flock -x "$SALESMGR_DIR/.lock" sleep 1 &
	holder=$!
	wait_held -s
	SALESMGR_LOCK_TIMEOUT=10 run rep-list
	expect_status 0 "rep-list waits for a writer to finish, then reads"
	wait "$holder"
fi

# .lock removed while a writer holds it (git clean -fdx, rsync --delete):
# the next writer must still wait for the first, and both changes stay.
# strace holds the first writer 2 s at its first fsync, inside its change.
if optional strace "a writer held inside its change with it"; then
	# (LeakSanitizer cannot run under ptrace: not in a sanitizer build.)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    strace -f -o /dev/null -e trace=fsync -e inject=fsync:delay_enter=2s:when=1 \
	    rep-add -q held1 --name Held >"$T/h.out" 2>"$T/h.err" </dev/null &
	holder=$!
	wait_held -s
	rm -f "$SALESMGR_DIR/.lock"
	SALESMGR_LOCK_TIMEOUT=0 run rep-add held2 --name Held
	expect_fail 75 "busy" ".lock removed under a writer: another writer is still kept out"
	SALESMGR_LOCK_TIMEOUT=20 run rep-add held3 --name Held
	expect_status 0 ".lock removed under a writer: the next writer waits, then writes"
	wait "$holder"
	st=$?
	expect_status 0 ".lock removed under a writer: the first writer finished"
	check ".lock removed under a writer: both changes are there" \
	    eval 'test "$(rows reps.tsv | cut -f1 | grep -c "^held[13]$")" -eq 2'
	check_clean ".lock removed under a writer"
fi

# Readers back to back do not starve a writer: three loops of perf-report
# over a generated year (each run a fraction of a second); every write gets
# in within the timeout, which is many readers' run time.
SALESMGR_DIR=$T/busy
export SALESMGR_DIR
sales-gen -q --reps 100 --deals 20000 --months 12 --seed 1 "$SALESMGR_DIR" ||
    { not_ok "sales-gen for the readers"; done_testing; exit 1; }
rm -f "$T/stop"
reader() {
	while [ ! -e "$T/stop" ]; do
		perf-report --period 2026 >/dev/null 2>&1
		echo x >>"$T/reads.$1"
	done
}
rpids=
for r in 1 2 3; do
	: >"$T/reads.$r"
	reader "$r" &
	rpids="$rpids $!"
done
sleep 1
: >"$T/wfail"
t0=$(date +%s)
for i in 1 2 3 4 5; do
	SALESMGR_LOCK_TIMEOUT=5 rep-add -q "busy$i" --name Busy 2>>"$T/wfail" ||
	    echo "busy$i: exit $?" >>"$T/wfail"
done
t1=$(date +%s)
touch "$T/stop"
wait $rpids
reads=$(cat "$T"/reads.* | wc -l)
echo "# 3 reader loops ($reads reports) and 5 writes: $((t1 - t0)) s for the writes"
if [ -s "$T/wfail" ]; then
	not_ok "3 reader loops: every write gets in (timeout 5 s)" "$(head -3 "$T/wfail")"
else
	ok "3 reader loops: every write gets in (timeout 5 s)"
fi
check "3 reader loops: the readers ran meanwhile" test "$reads" -gt 5
check_clean "3 reader loops"

# Writers under random kill -9: 4 writer loops of rep-add, a killer sending
# SIGKILL to the rep-add of a random writer every few ms, for 10 s.  An id
# is acknowledged (written to acked.N) only after rep-add exited 0.
SALESMGR_DIR=$T/kd
export SALESMGR_DIR
init
rm -f "$T/stop"
writer() {
	i=0
	while [ ! -e "$T/stop" ]; do
		i=$((i + 1))
		if rep-add -q "k$1-$i" --name "K $1 $i" 2>/dev/null; then
			echo "k$1-$i" >>"$T/acked.$1"
		fi
	done
}
wpids=
for w in 1 2 3 4; do
	: >"$T/acked.$w"
	writer "$w" &
	wpids="$wpids $!"
done
set -- $wpids
r=$$ kills=0 t0=$(date +%s)
while [ $(($(date +%s) - t0)) -lt 10 ]; do
	r=$(((r * 1103515245 + 12345) % 2147483648))
	eval "wp=\${$((r / 65536 % 4 + 1))}"
	# Only children of our own writer: the rep-add it runs now.
	kids=$(cat "/proc/$wp/task/$wp/children" 2>/dev/null)
	if [ -n "$kids" ]; then
		kill -KILL $kids 2>/dev/null && kills=$((kills + 1))
	fi
	sleep "0.00$((r / 256 % 9 + 1))"
done
touch "$T/stop"
wait $wpids
cat "$T"/acked.* | LC_ALL=C sort >"$T/acked"
echo "# random kill -9: $kills kills, $(wc -l <"$T/acked") acknowledged rep-adds"
if [ "$kills" -gt 10 ] && [ "$(wc -l <"$T/acked")" -gt 10 ]; then
	ok "random kill -9: the writers were killed and still made progress"
else
	not_ok "random kill -9: the writers were killed and still made progress" \
	    "$kills kills, $(wc -l <"$T/acked") acknowledged"
fi
# No stale lock: the next writer gets it at once.
t0=$(date +%s)
SALESMGR_LOCK_TIMEOUT=2 run rep-add final --name Final
expect_status 0 "random kill -9: no stale lock, the next rep-add works"
if [ $(($(date +%s) - t0)) -le 3 ]; then
	ok "random kill -9: the next rep-add did not wait"
else
	not_ok "random kill -9: the next rep-add did not wait" "took $(($(date +%s) - t0)) s"
fi
well_formed "$SALESMGR_DIR/reps.tsv" "random kill -9: reps.tsv"
rows reps.tsv | cut -f1 | LC_ALL=C sort >"$T/got"
lost=$(comm -23 "$T/acked" "$T/got" | wc -l)
if [ "$lost" -eq 0 ]; then
	ok "random kill -9: every acknowledged rep-add is in reps.tsv"
else
	not_ok "random kill -9: every acknowledged rep-add is in reps.tsv" \
	    "$lost lost: $(comm -23 "$T/acked" "$T/got" | head -5 | tr '\n' ' ')"
fi
if [ -z "$(uniq -d "$T/got")" ]; then
	ok "random kill -9: no rep twice"
else
	not_ok "random kill -9: no rep twice" "$(uniq -d "$T/got" | head -3 | tr '\n' ' ')"
fi
rows audit.tsv | awk -F'\t' '$3 == "rep-add" { sub(/^add rep /, "", $4); print $4 }' |
    LC_ALL=C sort >"$T/audited"
if [ -z "$(comm -23 "$T/acked" "$T/audited")" ] &&
    [ -z "$(awk -F'\t' 'NF != 4' "$SALESMGR_DIR/audit.tsv")" ]; then
	ok "random kill -9: audit.tsv well-formed, every acknowledged rep-add in it"
else
	not_ok "random kill -9: audit.tsv well-formed, every acknowledged rep-add in it" \
	    "missing: $(comm -23 "$T/acked" "$T/audited" | head -3 | tr '\n' ' ')" \
	    "malformed: $(awk -F'\t' 'NF != 4' "$SALESMGR_DIR/audit.tsv" | head -2)"
fi
if [ -z "$(find "$SALESMGR_DIR" -name '.tmp-*')" ]; then
	ok "random kill -9: no temporary left after the next writer"
else
	not_ok "random kill -9: no temporary left after the next writer" \
	    "$(find "$SALESMGR_DIR" -name '.tmp-*' | head -3)"
fi
check_clean "random kill -9"

# 8 processes x 50 deal-add each, all at once, over two months (so the
# checkpoint of October is rewritten under the lock too).  Each deal has a
# ref; a process acknowledges "REF ID" only after deal-add exited 0 and
# printed the id.  Want: D1..D400 each opened exactly once, every
# acknowledged id the one booked with that ref, ids.tsv next 401.
SALESMGR_DIR=$T/dd
SALESMGR_LOCK_TIMEOUT=60
export SALESMGR_DIR SALESMGR_LOCK_TIMEOUT
init
rep-add -q a1 --name "Ann A" --hired 2026-01-05 || exit 1
if ! have deal-add; then
	not_ok "deal-add is not built: concurrent deal-add not tested"
	done_testing
	exit 1
fi
: >"$T/fail"
start=$(date +%s)
pids=
for i in 1 2 3 4 5 6 7 8; do
	(
		: >"$T/dack.$i"
		j=1
		while [ "$j" -le 50 ]; do
			d=$(printf '2026-%02d-%02d' $((10 + j % 2)) $(((j + 1) / 2)))
			if id=$(deal-add -q --rep a1 --account "acc$i" --amount "$j" \
			    --date "$d" --ref "p$i-$j" 2>>"$T/fail"); then
				echo "p$i-$j $id" >>"$T/dack.$i"
			else
				echo "p$i-$j: exit $?" >>"$T/fail"
			fi
			j=$((j + 1))
		done
	) &
	pids="$pids $!"
done
wait $pids
echo "# 8 x 50 deal-add: $(($(date +%s) - start)) s"
if [ -s "$T/fail" ]; then
	not_ok "8 x 50 concurrent deal-add: all succeed" "$(head -5 "$T/fail")"
else
	ok "8 x 50 concurrent deal-add: all succeed"
fi
i=1
while [ "$i" -le 400 ]; do echo "D$i"; i=$((i + 1)); done | LC_ALL=C sort >"$T/want"
cat "$SALESMGR_DIR"/deals/*.tsv | awk -F'\t' '$3 == "open" { print $2 }' | LC_ALL=C sort >"$T/got"
if cmp -s "$T/want" "$T/got"; then
	ok "concurrent deal-add: D1..D400 each opened exactly once"
else
	not_ok "concurrent deal-add: D1..D400 each opened exactly once" \
	    "$(wc -l <"$T/got") open events; missing: $(comm -23 "$T/want" "$T/got" | head -3 | tr '\n' ' ')" \
	    "extra or twice: $(comm -13 "$T/want" "$T/got" | head -3 | tr '\n' ' ')"
fi
cat "$T"/dack.* | LC_ALL=C sort >"$T/acked"
cat "$SALESMGR_DIR"/deals/*.tsv | awk -F'\t' '$3 == "open" && $10 ~ /^p/ { print $10, $2 }' |
    LC_ALL=C sort >"$T/booked"
if [ "$(wc -l <"$T/acked")" -eq 400 ] && cmp -s "$T/acked" "$T/booked"; then
	ok "concurrent deal-add: each process was told the id booked with its ref"
else
	not_ok "concurrent deal-add: each process was told the id booked with its ref" \
	    "$(wc -l <"$T/acked") acknowledged; $(diff "$T/acked" "$T/booked" | head -4 | tr '\n' '|')"
fi
expect_file "$SALESMGR_DIR/ids.tsv" "kind	next
deal	401" "concurrent deal-add: ids.tsv next is 401"
bad=0
for f in "$SALESMGR_DIR"/deals/*.tsv; do
	awk -F'\t' 'NF != 13 { exit 1 }' "$f" && [ -z "$(tail -c 1 "$f" | tr -d '\n')" ] ||
	    bad=$((bad + 1))
done
check "concurrent deal-add: every ledger line has 13 fields, the files end in a newline" \
    test "$bad" -eq 0
n=$(rows audit.tsv | awk -F'\t' '$3 == "deal-add" && $4 ~ /^add deal D[0-9]+ / { print $4 }' |
    LC_ALL=C sort -u | wc -l)
check "concurrent deal-add: audit.tsv has 400 distinct add deal lines" test "$n" -eq 400
check_clean "concurrent deal-add"

# 4 processes x 25 act-log each, all at once, over two months.
if ! have act-log; then
	not_ok "act-log is not built: concurrent act-log not tested"
	done_testing
	exit 1
fi
: >"$T/fail"
start=$(date +%s)
pids=
for i in 1 2 3 4; do
	(
		j=1
		while [ "$j" -le 25 ]; do
			d=$(printf '2026-%02d-%02d' $((10 + j % 2)) "$j")
			act-log -q --rep a1 --kind call --account "acc$i" --date "$d" \
			    --ref "q$i-$j" 2>>"$T/fail" || echo "q$i-$j: exit $?" >>"$T/fail"
			j=$((j + 1))
		done
	) &
	pids="$pids $!"
done
wait $pids
echo "# 4 x 25 act-log: $(($(date +%s) - start)) s"
if [ -s "$T/fail" ]; then
	not_ok "4 x 25 concurrent act-log: all succeed" "$(head -5 "$T/fail")"
else
	ok "4 x 25 concurrent act-log: all succeed"
fi
for i in 1 2 3 4; do
	j=1
	while [ "$j" -le 25 ]; do echo "q$i-$j"; j=$((j + 1)); done
done | LC_ALL=C sort >"$T/want"
cat "$SALESMGR_DIR"/activities/*.tsv | awk -F'\t' '$7 ~ /^q/ { print $7 }' | LC_ALL=C sort >"$T/got"
if cmp -s "$T/want" "$T/got"; then
	ok "concurrent act-log: exactly the 100 activities, each once"
else
	not_ok "concurrent act-log: exactly the 100 activities, each once" \
	    "$(wc -l <"$T/got") rows; missing: $(comm -23 "$T/want" "$T/got" | head -3 | tr '\n' ' ')" \
	    "extra or twice: $(comm -13 "$T/want" "$T/got" | head -3 | tr '\n' ' ')"
fi
bad=0
for f in "$SALESMGR_DIR"/activities/*.tsv; do
	awk -F'\t' 'NF != 8 { exit 1 }' "$f" && [ -z "$(tail -c 1 "$f" | tr -d '\n')" ] ||
	    bad=$((bad + 1))
done
check "concurrent act-log: every ledger line has 8 fields, the files end in a newline" \
    test "$bad" -eq 0
n=$(rows audit.tsv | awk -F'\t' '$3 == "act-log"' | wc -l)
check "concurrent act-log: audit.tsv has 100 act-log lines" test "$n" -eq 100
check_clean "concurrent act-log"

# 4 processes x 25 forecast-call each, all at once, beside a rep-edit
# loop: calls.tsv is rewritten whole under the lock each time, so a lost
# update would drop another process's call.
if ! have forecast-call; then
	not_ok "forecast-call is not built: concurrent forecast-call not tested"
	done_testing
	exit 1
fi
for i in 1 2 3 4 5; do rep-add -q "p$i-1" --name "P $i" --hired 2026-01-05 || exit 1; done
: >"$T/fail"
start=$(date +%s)
pids=
for i in 1 2 3 4; do
	(
		j=1
		while [ "$j" -le 25 ]; do
			d=$(printf '2026-%02d-%02d' $((10 + j % 2)) "$j")
			forecast-call -q 2026-Q4 "p$i-1" "$i$j" --date "$d" --note "call $i-$j" \
			    2>>"$T/fail" || echo "call $i-$j: exit $?" >>"$T/fail"
			j=$((j + 1))
		done
	) &
	pids="$pids $!"
done
(
	j=1
	while [ "$j" -le 10 ]; do
		rep-edit -q p5-1 --region "r$j" 2>>"$T/fail" || echo "rep-edit $j: exit $?" >>"$T/fail"
		j=$((j + 1))
	done
) &
pids="$pids $!"
wait $pids
echo "# 4 x 25 forecast-call: $(($(date +%s) - start)) s"
if [ -s "$T/fail" ]; then
	not_ok "4 x 25 concurrent forecast-call: all succeed" "$(head -5 "$T/fail")"
else
	ok "4 x 25 concurrent forecast-call: all succeed"
fi
for i in 1 2 3 4; do
	j=1
	while [ "$j" -le 25 ]; do
		printf '2026-Q4\tp%s-1\tcommit\t%s\t%s.00\tcall %s-%s\n' "$i" \
		    "$(printf '2026-%02d-%02d' $((10 + j % 2)) "$j")" "$i$j" "$i" "$j"
		j=$((j + 1))
	done
done | LC_ALL=C sort >"$T/want"
rows calls.tsv | awk -F'\t' -v OFS='\t' '{ print $1, $2, $4, $5, $6, $7 }' | LC_ALL=C sort >"$T/got"
if cmp -s "$T/want" "$T/got"; then
	ok "concurrent forecast-call: exactly the 100 calls with their notes, each once"
else
	not_ok "concurrent forecast-call: exactly the 100 calls with their notes, each once" \
	    "$(wc -l <"$T/got") rows; missing: $(comm -23 "$T/want" "$T/got" | head -3 | tr '\n' ' ')"
fi
check "concurrent forecast-call: every line of calls.tsv has 7 fields" \
    awk -F'\t' 'NF != 7 { exit 1 }' "$SALESMGR_DIR/calls.tsv"
n=$(rows audit.tsv | awk -F'\t' '$3 == "forecast-call"' | wc -l)
check "concurrent forecast-call: audit.tsv has 200 forecast-call lines (call and note)" \
    test "$n" -eq 200
check_clean "concurrent forecast-call"

done_testing
