#!/bin/sh
# crash-signal.sh: large imports over many months (deal-add --from,
# act-log --from) hit by SIGKILL, SIGINT or SIGTERM at random instants of
# their run, most of them inside the write: after the next program opened
# the directory, the batch is there whole with its audit lines, or not at
# all, and sales-check is clean.  A SIGINT or SIGTERM that comes while the
# change is written waits until it is whole (store.h).  Then a short run of
# scripts/kill-random (writer loops under random signals): nothing lost,
# duplicated or partial.
. "$(dirname "$0")/lib.sh"

mkdir -p "$T/bin" && cp -p "$top"/bin/* "$T/bin"/ 2>/dev/null
PATH=$T/bin:$PATH
P=$T/prep
D=$SALESMGR_DIR
ROWS=${CRASH_SIGNAL_ROWS:-30000}
RUNS=${CRASH_SIGNAL_RUNS:-4}	# per program and signal
sales-init -q "$P" && SALESMGR_DIR=$P rep-add -q a1 --name "Ann A" --hired 2025-01-05 ||
    { not_ok "setup"; done_testing; exit 1; }
# ROWS rows over six months, each with a ref of its own.
awk -v n="$ROWS" 'BEGIN {
	print "rep\taccount\tamount\tdate\tref" > ARGV[1]
	print "rep\tkind\taccount\tdate\tref" > ARGV[2]
	for (i = 1; i <= n; i++) {
		m = 6 + i % 6
		printf "a1\tacc%d\t%d.50\t2026-%02d-%02d\tr%d\n", i % 97, i, m, 1 + i % 25, i > ARGV[1]
		printf "a1\tcall\tacc%d\t2026-%02d-%02d\tc%d\n", i % 97, m, 1 + i % 25, i > ARGV[2]
	}
}' "$T/deals.tsv" "$T/acts.tsv"

now_ms() { date +%s%3N; }
# A program started with & by a script ignores SIGINT (POSIX): give it
# back its default, as a program run from a terminal has.
if env --default-signal=INT true 2>/dev/null; then
	sigs='KILL INT TERM' undo='env --default-signal=INT'
else
	sigs='KILL TERM' undo=
	skip "env --default-signal (coreutils 8.31) is missing: a program started with & ignores SIGINT, which is not tested"
fi
# booked: "ROWS-WITH-REFS AUDIT-LINES" of the batch in $D
booked() {
	r=$(cat "$D"/deals/*.tsv "$D"/activities/*.tsv 2>/dev/null |
	    awk -F'\t' '($3 == "open" && $10 ~ /^r/) || $7 ~ /^c[0-9]/' | wc -l)
	a=$(awk -F'\t' '$3 == "deal-add" || $3 == "act-log"' "$D/audit.tsv" | wc -l)
	echo "$r $a"
}

for prog in deal-add act-log; do
	case $prog in deal-add) in=$T/deals.tsv ;; act-log) in=$T/acts.tsv ;; esac
	rmdata "$D" && cp -a "$P" "$D"
	t0=$(now_ms)
	$prog -q --from "$in" >/dev/null 2>&1 </dev/null || { not_ok "$prog: reference run"; continue; }
	ms=$(($(now_ms) - t0))
	echo "# $prog --from, $ROWS rows over 6 months: $ms ms undisturbed"
	for sig in $sigs; do
		bad=0 whole=0 none=0 waited=0 journaled=0 r=$$
		: >"$T/why"
		i=0
		while [ "$i" -lt "$RUNS" ]; do
			i=$((i + 1))
			rmdata "$D" && cp -a "$P" "$D"
			# An instant in the last two thirds of the run: the write.
			r=$(((r * 1103515245 + 12345 + i) % 2147483648))
			delay=$((ms / 3 + r % (ms * 2 / 3 + 1)))
			$undo $prog -q --from "$in" >/dev/null 2>"$T/err" </dev/null &
			pid=$!
			sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
			kill -s "$sig" "$pid" 2>/dev/null
			wait "$pid"
			st=$?
			[ -e "$D/.tmp-journal" ] || [ -e "$D/.tmp-commit" ] && journaled=$((journaled + 1))
			# The next program to open the directory: sales-check.  A kill
			# before the journal leaves only stray temporaries.
			if ! sales-check >"$T/chk" 2>&1 && grep -v 'stray temporary' "$T/chk" |
			    grep -qv 'took back a change'; then
				echo "$sig at ${delay} ms: sales-check: $(head -c 200 "$T/chk" | tr '\n' '|')" >>"$T/why"
			fi
			set -- $(booked)
			if [ "$1" -eq "$ROWS" ] && [ "$2" -eq "$ROWS" ]; then
				whole=$((whole + 1))
				[ "$st" -ne 0 ] && [ "$sig" != KILL ] && waited=$((waited + 1))
			elif [ "$1" -eq 0 ] && [ "$2" -eq 0 ]; then
				none=$((none + 1))
			else
				echo "$sig at ${delay} ms (exit $st): $1 rows and $2 audit lines of $ROWS" >>"$T/why"
			fi
		done
		what="$prog --from: SIG$sig at $RUNS random instants: whole or absent with its audit lines"
		note="$whole whole, $none absent, $journaled left a journal"
		[ "$sig" != KILL ] && note="$note, $waited made whole before the signal ended it"
		if [ -s "$T/why" ]; then
			not_ok "$what ($note)" "$(head -3 "$T/why")"
		else
			ok "$what ($note)"
		fi
	done
done

# Writer loops under random signals, briefly (scripts/kill-random).
SALESMGR_KILL_DIR=$T/kill "$top/scripts/kill-random" --seconds "${CRASH_SIGNAL_SECONDS:-6}" \
    >"$T/kr" 2>&1
st=$?
echo "# $(cat "$T/kr")"
check "scripts/kill-random: nothing lost, duplicated or partial, sales-check clean" test "$st" -eq 0
done_testing
