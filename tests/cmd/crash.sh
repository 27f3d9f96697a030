#!/bin/sh
# crash.sh: every writer killed, then failed (ENOSPC, EIO), at every call of
# every syscall that changes the data; a naive writer as negative control.
# The harness is tests/crash/harness.sh.
. "$(dirname "$0")/lib.sh"
. "$top/tests/crash/harness.sh"

need strace "the crash tests kill and fail writers at every syscall with it"
if ! cc -std=c11 -O2 -o "$T/naive-writer" "$top/tests/crash/naive-writer.c"; then
	not_ok "cannot build tests/crash/naive-writer.c"
	done_testing
	exit 1
fi

# The writers: NAME<tab>PREP<tab>COMMAND ($W is the data directory).  PREP
# "none" is no directory, "roster" an initialised one with team north and
# reps a1, a2, "torn" the same with a torn last line in audit.tsv,
# "training" the roster with course pol (required of all) assigned to a1,
# "legacy" the same with pol also passed by a2, as a directory from before
# attempts.tsv (and training.tsv's withdrawn and reason) existed.
# A writer whose program is not built yet is left out (and said so).  Add
# new writers here.
three=$T/three.tsv
printf 'rep\tname\tteam\tmanager\nzp\tZed P\tnorth\ta1\nzq\tZed Q\t\tzp\nzr\tZed R\tnorth\t\n' >"$three"
# A load too big to carry its rows in the journal (store.c's REDO_MAX):
# its journal is begun, the rows appended, then the journal made.
bulk=$T/bulk.tsv
awk 'BEGIN { print "rep\tkind\taccount\tdate\tref"
	for (i = 1; i <= 1000; i++) printf "a1\tcall\tx%d\t2026-11-%02d\tb%d\n", i, 1 + i % 26, i }' >"$bulk"
writers='sales-init	none	sales-init -q "$W"
rep-add	roster	rep-add -q zq --name "Zed Q" --team north --manager a1
rep-add --from	roster	rep-add -q --from "$three"
act-log --from (bulk)	roster	act-log -q --from "$bulk"
team-add	roster	team-add -q south --name South --manager a1
rep-edit	roster	rep-edit -q a2 --name "Bea B" --region west
rep-end	roster	rep-end -q a2 --date 2026-11-26 --status leave
rep-edit --date	roster	rep-edit -q a2 --manager "" --region west --date 2026-10-01
team-edit	roster	team-edit -q north --manager a1 --date 2026-10-01
team-end	roster	team-end -q north --date 2026-11-01
coach-note	roster	coach-note -q a1 "Call back about pricing" --follow-up 2026-12-01
course-add	roster	course-add -q sec --title Security --valid-days 365 --required all
acct-add	roster	acct-add -q acme --name Acme --owner a1 --potential 1000
plan-set	roster	plan-set -q 2026-Q4 team north 100000
comp-plan	roster	comp-plan -q std --tier 0:5 --tier 100:8 --threshold 50
comp-adjust	roster	comp-adjust -q a1 2026-11 500 --kind spif --reason "Q4 push"
forecast-call	roster	forecast-call -q 2026-Q4 a1 50000 --date 2026-11-20 --note "acme signs"
forecast-call --team	roster	forecast-call -q 2026-Q4 --team north 90000 --date 2026-11-20
train-assign	training	train-assign -q pol a2 --due 2026-12-10
train-done	training	train-done -q a1 pol --date 2026-11-26 --score 90
train-done (old directory)	legacy	train-done -q a1 pol --date 2026-11-26
train-unassign	training	train-unassign -q pol a1 --reason "not needed"
train-onboard	training	train-onboard -q a2
sales-check --repair	torn	sales-check --repair'
kill_syscalls='openat write fsync rename renameat renameat2 unlink unlinkat ftruncate'
error_syscalls='write fsync openat rename renameat renameat2 ftruncate'

# Prepared directories; the kill variants (-k) hold a stale temporary too,
# so that its removal (unlinkat) is killed as well.
P=$T/p-roster
rmdata "$T/p-none"
sales-init -q "$P" || exit 1
if [ -x "$BIN/team-add" ]; then
	SALESMGR_DIR=$P team-add -q north --name North
else
	printf 'north\tNorth\t\t\n' >>"$P/teams.tsv"
fi
SALESMGR_DIR=$P rep-add -q a1 --name "Ann A" --team north --hired 2026-01-05 &&
SALESMGR_DIR=$P rep-add -q a2 --name "Bob B" --team north --manager a1 --hired 2026-01-05 || exit 1
cp -a "$P" "$T/p-roster-k"
cp -a "$P" "$T/p-training"
SALESMGR_DIR=$T/p-training course-add -q pol --title Policy --required all &&
SALESMGR_DIR=$T/p-training train-assign -q pol a1 --due 2026-12-01 || exit 1
cp -a "$T/p-training" "$T/p-training-k"
cp -a "$T/p-training" "$T/p-legacy"
SALESMGR_DIR=$T/p-legacy train-assign -q pol a2 --due 2026-12-01 &&
SALESMGR_DIR=$T/p-legacy train-done -q a2 pol --date 2026-11-26 &&
cut -f1-6 "$T/p-legacy/training.tsv" >"$T/t6" && cat "$T/t6" >"$T/p-legacy/training.tsv" &&
rm "$T/p-legacy/attempts.tsv" || exit 1
cp -a "$T/p-legacy" "$T/p-legacy-k"
mkdir -m 700 "$T/p-none-k"
for d in "$T/p-roster-k" "$T/p-training-k" "$T/p-legacy-k" "$T/p-none-k"; do
	printf 'half a table' >"$d/.tmp-reps.tsv.999999.0"
done
cp -a "$P" "$T/p-torn"
cp -a "$T/p-roster-k" "$T/p-torn-k"
for d in "$T/p-torn" "$T/p-torn-k"; do
	printf '2026-11-26T08:00:00Z\troot\trep-add\tadd re' >>"$d/audit.tsv"
done

tab=$(printf '\t')
echo "$writers" | while IFS=$tab read -r name prep cmd; do
	prog=${name%% *}
	if [ ! -x "$BIN/$prog" ]; then
		echo "# $prog is not built yet: not tested"
		continue
	fi
	echo "$prog" >>"$T/tested"
done
echo "# writers: $(cat "$T/tested" 2>/dev/null | sort -u | tr '\n' ' ')"

# Which rename and unlink syscalls the writers use (glibc: renameat,
# unlinkat); every variant is in the loops anyway.
PREP=$T/p-roster-k
fresh
strace -f -c -o "$T/count" rep-add -q zs --name S </dev/null &&
	echo "# rep-add uses: $(awk '$NF ~ /^(rename|unlink|fsync|ftruncate)/ { printf "%s ", $NF }' "$T/count")"

# Every writer killed at every call of every syscall: no sampling, as a
# whole run of this script takes 60-80 s here (about twice under ASan).
while IFS=$tab read -r name prep cmd; do
	[ -x "$BIN/${name%% *}" ] || continue
	AUDIT_KEEP=2
	case $prep in
	none) pdir=$T/p-none-k ;;
	*) pdir=$T/p-$prep-k ;;
	esac
	case $name in sales-init | sales-check*) WHOLE=0 ;; *) WHOLE=1 ;; esac
	setup "$name" "$pdir" "$cmd" || continue
	for sc in $kill_syscalls; do
		kill_loop "$sc"
		report "$name: killed at every $sc: all old or all new, next write works"
	done
done <<EOF
$writers
EOF

# The same with ENOSPC and EIO.  The audit user is left out of the
# comparison: a failed open of /etc/passwd is survived, with the uid.
while IFS=$tab read -r name prep cmd; do
	[ -x "$BIN/${name%% *}" ] || continue
	AUDIT_KEEP=3
	case $prep in
	none) pdir=$T/p-none OLDNEW_ALWAYS=1 ;;
	*) pdir=$T/p-$prep OLDNEW_ALWAYS=0 ;;
	esac
	setup "$name" "$pdir" "$cmd" || continue
	# Power loss is not simulated; its rule is checked on the trace.
	durable >"$T/dur.out"
	if [ -s "$T/dur.out" ]; then
		not_ok "$name: every write, rename and mkdir is fsynced before exit" \
		    "$(head -5 "$T/dur.out")"
	else
		ok "$name: every write, rename and mkdir is fsynced before exit"
	fi
	for sc in $error_syscalls; do
		for e in ENOSPC EIO; do
			error_loop "$sc" "$e"
			if [ "$runs" -eq 0 ] && [ "$bad" -eq 0 ]; then
				[ "$e" = EIO ] && echo "# $name makes no $sc call"
				continue
			fi
			report "$name: $e at every $sc: exit 1 naming the file, old data, no temporary"
		done
	done
done <<EOF
$writers
EOF
OLDNEW_ALWAYS=0

# ftruncate is only called to take back a failed append, of a change whose
# journal was begun (a bulk load): fail the fsync of the audit append, then
# fail or kill the ftruncate.  The journal stays, and the next program
# takes the change back: then the data is old.
AUDIT_KEEP=2
setup "act-log --from (bulk)" "$P" 'act-log -q --from "$bulk"' || exit 1
fresh
eval "strace -f -y -o $T/ref.all -e trace=fsync $CMD" >/dev/null 2>&1
k=$(grep -E '^[0-9]+ +fsync\(' "$T/ref.all" | grep -n 'audit\.tsv>' | cut -d: -f1 | tail -1)
if [ -z "$k" ]; then
	not_ok "act-log --from (bulk): the fsync of the audit append was not found in the trace"
else
	for act in error=EIO signal=KILL; do
		fresh
		eval "strace -f -o /dev/null -e trace=fsync,ftruncate \
		    -e inject=fsync:error=EIO:when=$k -e inject=ftruncate:$act $CMD" \
		    >"$T/out" 2>"$T/err"
		st=$?
		sc=ftruncate n=$act bad=0 torn=0 stray=0 journaled=0
		: >"$T/why"
		want=1
		[ "$act" = signal=KILL ] && want=137
		[ "$st" -eq "$want" ] || why "exit $st, want $want: $(head -c 200 "$T/err")"
		[ -e "$W/.tmp-journal" ] || why "the change could not be taken back, and no journal says so"
		recover
		for f in $(compare old); do
			why "$(describe "$f") is not old after the next program"
		done
		[ "$act" = signal=KILL ] && after_kill
		[ -n "$(temporaries)" ] && why "temporaries left after the next program: $(temporaries)"
		runs=1
		report "act-log --from (bulk): audit fsync fails, ftruncate $act: ledger whole"
	done
	# With the ftruncate working, the batch must be taken back entirely.
	fresh
	eval "strace -f -o /dev/null -e trace=fsync -e inject=fsync:error=EIO:when=$k $CMD" \
	    >"$T/out" 2>"$T/err"
	st=$?
	if [ "$st" -eq 1 ] && cmp -s "$W/audit.tsv" "$OLD/audit.tsv"; then
		ok "act-log --from (bulk): audit fsync fails: the append is truncated away"
	else
		not_ok "act-log --from (bulk): audit fsync fails: the append is truncated away" \
		    "exit $st; audit.tsv $(wc -c <"$W/audit.tsv") bytes, old $(wc -c <"$OLD/audit.tsv")"
	fi
fi

# Negative control: the naive writer (truncate in place, two writes, no
# fsync) must be caught, by the kill loop and by the error loop.  If it is
# not, the harness is broken.
NAIVE=$T/naive-writer
NAIVE_LINE=$(printf 'zq\tZed Q\t\tnorth\t\t\t2026-11-26\tactive\t\t\t\t')
AUDIT_KEEP=2
setup naive-writer "$T/p-roster-k" '"$NAIVE" "$W/reps.tsv" "$NAIVE_LINE"' || exit 1
durable >"$T/dur.out"
if grep -q 'reps.tsv: written, not fsynced' "$T/dur.out"; then
	ok "negative control: naive writer fails the fsync rule ($(head -1 "$T/dur.out"))"
else
	not_ok "negative control: naive writer fails the fsync rule" \
	    "the trace check found nothing: it is broken"
fi
kill_loop write
if [ "$bad" -gt 0 ]; then
	ok "negative control: naive writer killed at every write is caught ($bad problems in $runs runs)"
else
	not_ok "negative control: naive writer killed at every write is caught" \
	    "the harness found nothing wrong in $runs runs: the harness is broken"
fi
AUDIT_KEEP=3
setup naive-writer "$P" '"$NAIVE" "$W/reps.tsv" "$NAIVE_LINE"' || exit 1
error_loop write ENOSPC
if [ "$bad" -gt 0 ]; then
	ok "negative control: naive writer with ENOSPC at every write is caught ($bad problems in $runs runs)"
else
	not_ok "negative control: naive writer with ENOSPC at every write is caught" \
	    "the harness found nothing wrong in $runs runs: the harness is broken"
fi

done_testing
