#!/bin/sh
# crash-sales.sh: the deal, activity and quota writers killed, then failed
# (ENOSPC, EIO), at every call of every syscall that changes the data, as
# crash.sh does for the roster writers (harness: tests/crash/harness.sh).
# Besides old-or-new per file: no deal number is ever used twice and
# ids.tsv's next is past every deal in the ledger; the ledgers hold all of
# a killed import's rows, in every month, or none, in whole lines, and
# audit.tsv its lines with them; an import killed at any point and run
# again books every row exactly once.
. "$(dirname "$0")/lib.sh"
. "$top/tests/crash/harness.sh"

need strace "the crash tests kill and fail writers at every syscall with it"
for p in deal-add deal-sync deal-won deal-lost deal-move deal-split deal-cancel act-log quota-set \
    quota-split rep-end acct-edit; do
	[ -x "$BIN/$p" ] || missing="${missing:-} $p"
done
if [ -n "${missing:-}" ]; then
	not_ok "not built:$missing (make)"
	done_testing
	exit 1
fi

# The prepared directory: team north, reps a1 and a2; account acme (a2's)
# and the accounts every writer names; deals D1, D2 (open,
# October), D3 (opened in October, won in November), D4 (open, November);
# one activity in October, none in November (act-log creates that file).
# No cache/: every deal writer writes the checkpoint of October after its
# commit (history.h), so a failure there is injected too.  The kill variant (-k)
# holds stale temporaries, so that their removal is killed as well.
P=$T/p-deals
sales-init -q "$P" || exit 1
SALESMGR_DIR=$P
export SALESMGR_DIR
team-add -q north --name North &&
rep-add -q a1 --name "Ann A" --team north --hired 2026-01-05 &&
rep-add -q a2 --name "Bob B" --team north --manager a1 --hired 2026-01-05 &&
acct-add -q acme --name Acme --owner a2 &&
printf 'account\tname\n%s\n' "beta	Beta
gamma	Gamma
delta	Delta
x1	X1
x2	X2
x3	X3
next	Next" | acct-add -q --from - &&
deal-add -q --rep a1 --account acme --amount 1000 --date 2026-10-05 --ref crm-1 >/dev/null &&
deal-add -q --rep a2 --account beta --amount 2000 --date 2026-10-06 >/dev/null &&
deal-add -q --rep a1 --account gamma --amount 3000 --date 2026-10-07 >/dev/null &&
deal-add -q --rep a2 --account delta --amount 400 --date 2026-11-02 >/dev/null &&
deal-won -q D3 --date 2026-11-10 &&
act-log -q --rep a1 --kind call --account acme --deal D1 --date 2026-10-08 --ref c0 &&
quota-set -q 2026-Q4 a2 40000 || { not_ok "preparing $P failed"; done_testing; exit 1; }
printf 'date\tcurrency\trate\n2026-10-01\tUSD\t0.92\n' >"$P/rates.tsv"
rmdata "$P/cache"
SALESMGR_DIR=$W
cp -a "$P" "$P-k"
printf 'half a table' >"$P-k/.tmp-ids.tsv.999999.0"
printf 'half a table' >"$P-k/.tmp-quotas.tsv.999999.0"

# deal-add books a renewal: November's file, written before the type
# column, is rewritten whole with it.
# Import files: three deals over two months (both files appended, ids.tsv
# replaced), three activities over two months (one appended, one created).
from3=$T/deals3.tsv
printf 'rep\taccount\tamount\tdate\tref\na1\tx1\t100\t2026-10-20\tr1\na2\tx2\t200\t2026-11-03\tr2\na1\tx3\t300.50\t2026-11-04\tr3\n' >"$from3"
# A CRM export for deal-sync: D1 (crm-1) reassigned and moved, a new deal
# in dollars in October (its month file, written before the currency
# columns, is rewritten whole with them), a new deal won in November.
sync=$T/export.csv
printf 'ref,rep,account,amount,currency,stage,date,changed\ncrm-1,a2,acme,1000,,proposal,2026-10-05,2026-11-20\ns1,a1,x1,"1,200.50",USD,lead,2026-10-20,\ns2,a2,x2,200,,won,2026-11-03,\n' >"$sync"
# A load too big to carry its rows in its journal (lib/store.c,
# REDO_MAX): its journal is begun, the rows appended, then it is made.
bulk=$T/bulk.tsv
awk 'BEGIN { print "rep\taccount\tamount\tdate\tref"
	for (i = 1; i <= 600; i++) printf "a1\tacme\t%d\t2026-11-%02d\tb%d\n", i, 1 + i % 25, i }' >"$bulk"
acts=$T/acts3.tsv
printf 'date\trep\tkind\taccount\tdeal\tminutes\tref\n2026-10-15\ta1\tcall\tacme\tD1\t15\tc1\n2026-11-03\ta2\temail\tbeta\t\t5\tc2\n2026-11-04\ta1\tmeeting\tacme\tD4\t60\tc3\n' >"$acts"

# The writers: NAME<tab>COMMAND; hooks NAME sets what else is checked.
writers='deal-add	deal-add -q --rep a1 --account acme --amount 150 --ref x1 --type renewal
deal-add --from	deal-add -q --from "$from3"
deal-sync	deal-sync -q --from "$sync"
deal-won	deal-won -q D1 --date 2026-11-20
deal-lost	deal-lost -q D2 --reason price
deal-move	deal-move -q D4 --stage proposal --amount 450
deal-move --rep	deal-move -q D4 --rep a1 --date 2026-11-20
deal-split	deal-split -q D4 a1:60 a2:40 --date 2026-11-20
rep-end --hand-over	rep-end -q a2 --hand-over a1 --date 2026-11-20
acct-edit --owner	acct-edit -q acme --owner a1 --date 2026-11-01
deal-cancel	deal-cancel -q D3 --reason refund
act-log --from	act-log -q --from "$acts"
quota-set	quota-set -q 2026-Q4 a1 50000
quota-split	quota-split -q 2026-Q4 --team north 90000 --by equal'

# whole NF FILE...: whole lines of NF fields each, ending in a newline
whole() {
	nf=$1
	shift
	for f; do
		[ -f "$f" ] || continue
		[ -z "$(tail -c 1 "$f" | tr -d '\n')" ] || why "${f#"$W"/}: the last line is torn"
		awk -F'\t' -v nf="$nf" 'NF != nf { exit 1 }' "$f" ||
		    why "${f#"$W"/}: a line without $nf fields"
	done
}

# batch_counts: "MONTH REF COUNT" for each ref of $BATCH (month:ref,ref
# ...) in each month file of $LEDGER ($EVENT rows only, if set): the
# number of rows of the ledger with that ref in column $REFCOL.
batch_counts() {
	for f in "$W/$LEDGER"/*.tsv; do
		[ -f "$f" ] || continue
		m=${f##*/}
		awk -F'\t' -v m="${m%.tsv}" -v c="$REFCOL" -v ev="$EVENT" -v batch="$BATCH" '
		BEGIN {
			n = split(batch, part, " ")
			for (i = 1; i <= n; i++) {
				k = split(substr(part[i], index(part[i], ":") + 1), r, ",")
				for (j = 1; j <= k; j++) count[r[j]] = 0
			}
		}
		FNR > 1 && (ev == "" || $3 == ev) && ($c in count) { count[$c]++ }
		END { for (x in count) print m, x, count[x] }' "$f"
	done
}
# batch_check: the refs of $BATCH, over all its months, are all there once
# or all absent, and no ref is anywhere else
batch_check() {
	batch_counts >"$T/bc"
	all=
	for spec in $BATCH; do
		m=${spec%%:*}
		refs=$(echo "${spec#*:}" | tr , ' ')
		got=$(awk -v m="$m" -v refs="$refs" '
		BEGIN { split(refs, r, " "); for (i in r) want[r[i]] }
		$1 == m && ($2 in want) { s = s " " $3 }
		$1 != m && ($2 in want) && $3 != 0 { s = s " elsewhere:" $1 }
		END { print s }' "$T/bc")
		case $got in
		*elsewhere*) why "$LEDGER: refs of $m in another month:$got" ;;
		*[!01\ ]*) why "$LEDGER/$m.tsv: a ref booked twice (counts$got for $refs)" ;;
		*1*0* | *0*1*) why "$LEDGER/$m.tsv: part of the batch booked (counts$got for $refs)" ;;
		esac
		all="$all$got"
	done
	case $all in
	*1*0* | *0*1*) why "$LEDGER: part of the batch booked (counts$all over $BATCH)" ;;
	esac
}
# rerun_all: with the batch booked all, each ref exactly once per month
rerun_all() {
	batch_counts >"$T/bc"
	for spec in $BATCH; do
		m=${spec%%:*}
		for r in $(echo "${spec#*:}" | tr , ' '); do
			c=$(awk -v m="$m" -v r="$r" '$1 == m && $2 == r { print $3 }' "$T/bc")
			[ "${c:-0}" = 1 ] || why "after the re-run, ref $r is in $LEDGER/$m.tsv ${c:-0} times, want 1"
		done
	done
}

# deal_check: the ledger is whole lines, as many fields as each month
# file's header has (13, or 15 or 16 with the optional currency and split
# columns); no deal
# is opened twice (an id used again); ids.tsv's next is past every deal
# number in the ledger (sales-check checks this too: this is the
# independent count).
deal_check() {
	for f in "$W"/deals/*.tsv; do
		[ -f "$f" ] || continue
		nf=$(head -n 1 "$f" | awk -F'\t' '{ print NF }')
		case $nf in 13 | 15 | 16 | 17) ;; *) why "${f#"$W"/}: a header of $nf columns" ;; esac
		whole "$nf" "$f"
	done
	cat "$W"/deals/*.tsv 2>/dev/null | awk -F'\t' -v ids="$W/ids.tsv" '
	$1 == "date" { next }
	$3 == "open" && ++opened[$2] == 2 { print "deal " $2 " opened twice: an id was used again" }
	{ d = substr($2, 2) + 0; if (d > max) max = d }
	END {
		nx = 0
		while ((getline l < ids) > 0)
			if (split(l, f, "\t") == 2 && f[1] == "deal")
				nx = f[2] + 0
		if (max && nx <= max)
			print "ids.tsv next " nx " is not past D" max " in the ledger"
	}' >"$T/dc"
	while IFS= read -r l; do why "$l"; done <"$T/dc"
	[ -z "$BATCH" ] || batch_check
}
act_check() {
	whole 8 "$W"/activities/*.tsv
	batch_check
}
# rerun_import: the same import again after the kill: exit 0, and then
# every row booked exactly once
rerun_import() {
	if ! eval "$CMD" >"$T/rout" 2>"$T/rerr" </dev/null; then
		why "the re-run after the kill failed: $(head -c 200 "$T/rerr")"
		return
	fi
	rerun_all
}

# hooks NAME: what is checked besides old-or-new, and the next writer
hooks() {
	BATCH='' EVENT='' LEDGER='' REFCOL='' RERUN=: CHECK=: OLDNEW_RE='^$'
	case $1 in
	deal-*)
		LEDGER=deals REFCOL=10 EVENT=open CHECK=deal_check
		NEXT='deal-add -q --rep a2 --account next --amount 1'
		;;
	act-*)
		LEDGER=activities REFCOL=7 CHECK=act_check
		NEXT='act-log -q --rep a2 --kind call --account next'
		;;
	quota-*)
		NEXT='quota-set -q 2026-12 a2 1000'
		;;
	rep-end* | acct-edit*)
		# a hand-over appends assign events; a2 may have left
		LEDGER=deals REFCOL=10 EVENT=open CHECK=deal_check
		NEXT='deal-add -q --rep a1 --account next --amount 1'
		;;
	esac
	case $1 in
	deal-add)
		BATCH='2026-11:x1' RERUN=rerun_import
		;;
	'deal-add --from')
		BATCH='2026-10:r1 2026-11:r2,r3' RERUN=rerun_import
		;;
	'deal-add --from (bulk)')
		BATCH='2026-11:b1,b300,b600' RERUN=rerun_import
		;;
	deal-sync)
		BATCH='2026-10:s1 2026-11:s2' RERUN=rerun_import
		;;
	'act-log --from')
		BATCH='2026-10:c1 2026-11:c2,c3' RERUN=rerun_import
		;;
	esac
}

# sample NAME SYSCALL: which calls to inject.  Every call of every syscall
# for deal-add and act-log.  Every call for every writer took 100 s (93 s
# of CPU) on the 2-core machine, and crash.sh 50-70 s more: the 3 minutes
# allowed for both, and well over them when the machine is busy.  So for
# the other writers every call of the syscalls that change the data, but
# only every third openat (three in four of their runs were openat, most
# of files opened to read, through the same library code as deal-add's),
# each writer starting at another call (the 1st, 2nd or 3rd): 75 s of CPU.
sample() {
	FIRST=1 STEP=1
	case $1 in
	deal-add* | act-log*) ;;
	*)
		if [ "$2" = openat ]; then
			STEP=3 FIRST=$((wi % 3 + 1))
		fi
		;;
	esac
}

kill_syscalls='openat write fsync rename renameat renameat2 unlink unlinkat ftruncate'
error_syscalls='write fsync openat rename renameat renameat2 ftruncate'
tab=$(printf '\t')

# Every writer killed at every call of every syscall.
AUDIT_KEEP=2 wi=0
while IFS=$tab read -r name cmd; do
	wi=$((wi + 1))
	hooks "$name"
	setup "$name" "$P-k" "$cmd" || continue
	for sc in $kill_syscalls; do
		sample "$name" "$sc"
		kill_loop "$sc"
		[ "$STEP" = 1 ] && every=every || every="every ${STEP}rd"
		report "$name: killed at $every $sc: all old or all new, ids and batch whole, next write works"
	done
	FIRST=1 STEP=1
done <<EOF
$writers
EOF

# The same with ENOSPC and EIO (the audit user is left out, as in crash.sh).
AUDIT_KEEP=3 wi=0
while IFS=$tab read -r name cmd; do
	wi=$((wi + 1))
	hooks "$name"
	setup "$name" "$P" "$cmd" || continue
	durable >"$T/dur.out"
	if [ -s "$T/dur.out" ]; then
		not_ok "$name: every write, rename and mkdir is fsynced before exit" \
		    "$(head -5 "$T/dur.out")"
	else
		ok "$name: every write, rename and mkdir is fsynced before exit"
	fi
	for sc in $error_syscalls; do
		sample "$name" "$sc"
		[ "$STEP" = 1 ] && every=every || every="every ${STEP}rd"
		for e in ENOSPC EIO; do
			error_loop "$sc" "$e"
			if [ "$runs" -eq 0 ] && [ "$bad" -eq 0 ]; then
				[ "$e" = EIO ] && echo "# $name makes no $sc call"
				continue
			fi
			report "$name: $e at $every $sc: exit 1 naming the file, old data, no temporary"
		done
	done
	FIRST=1 STEP=1
done <<EOF
$writers
EOF

# nth WHAT: the number of the first write (in an undisturbed run of $CMD)
# to the file WHAT
nth() {
	fresh
	eval "strace -f -y -o $T/ref.all -e trace=write,fsync $CMD" >/dev/null 2>&1 </dev/null
	grep -E "^[0-9]+ +$1\(" "$T/ref.all" | grep -n "$2>" | cut -d: -f1 | head -1
}
# same FILE VERSION: FILE of $W is its VERSION (old, new)
same() {
	if [ "$2" = old ]; then d=$OLD; else d=$NEW; fi
	cmp -s "$W/$1" "$d/$1"
}

# signals_wait WHAT K: SIGINT and SIGTERM at write K of $CMD wait until the
# change is made whole, then end the program (130, 143)
signals_wait() {
	for sig in INT TERM; do
		inject write "signal=$sig" "${2:-0}"
		want=130
		[ "$sig" = TERM ] && want=143
		check "SIG$sig $1: the program ends by it ($want) once the change is made" \
		    test "$st" -eq "$want"
		check "SIG$sig $1: every file new, no journal" \
		    eval 'test -z "$(compare new)" && test -z "$(temporaries)"'
	done
}

# deal-add --from killed between its two month appends (the temporary of
# ids.tsv first, then the journal, made, with the rows; then the months in
# order, then audit.tsv): the next program, a reader, finishes the change
# from the journal, so the batch is booked whole and once, October's rows
# not twice, and no audit line is missing; the import run again books
# nothing.  With SIGINT or SIGTERM at the same instant the signal waits
# until the change is made whole, then ends the program (130, 143).
hooks 'deal-add --from'
AUDIT_KEEP=2
if setup 'deal-add --from' "$P" 'deal-add -q --from "$from3"'; then
	k=$(nth write 'deals/2026-11[.]tsv')
	inject write signal=KILL "${k:-0}"
	check "deal-add --from killed before the November append: killed (write $k)" \
	    test "$st" -eq 137
	check "killed between the months: October appended, the journal made" \
	    eval '! same deals/2026-10.tsv old && test -f "$W/.tmp-commit"'
	run sales-check -D "$W"
	expect_status 0 "killed between the months: sales-check finishes it, then finds nothing"
	expect_err "sales-check: $W: finished a change that was interrupted (3 files put in place)" \
	    "killed between the months: and says so (November, audit.tsv, ids.tsv)"
	check "killed between the months: October, November, audit.tsv and ids.tsv all new" \
	    eval 'test -z "$(compare new)" && test -z "$(temporaries)"'
	run deal-add -q --from "$from3"
	expect_status 0 "killed between the months: the import run again succeeds"
	expect_out_empty "killed between the months: the re-run books nothing again"
	bad=0
	: >"$T/why"
	rerun_all
	check "killed between the months: after the re-run each row is booked once" test "$bad" -eq 0
	signals_wait "between the months" "$k"
fi

# ftruncate is only called to take back a failed append, of a change whose
# journal was begun (a bulk load): fail the fsync of deal-add's append to
# the ledger, then fail or kill the ftruncate.  The journal stays, and the
# next program takes the change back: all old.
hooks 'deal-add --from (bulk)'
AUDIT_KEEP=2
CMD='deal-add -q --from "$bulk"'
if setup 'deal-add --from (bulk)' "$P" "$CMD"; then
	k=$(nth fsync 'deals/2026-11[.]tsv')
	for act in error=EIO signal=KILL; do
		fresh
		eval "strace -f -o /dev/null -e trace=fsync,ftruncate \
		    -e inject=fsync:error=EIO:when=${k:-0} -e inject=ftruncate:$act $CMD" \
		    >"$T/out" 2>"$T/err" </dev/null
		st=$?
		sc=ftruncate n=$act bad=0 torn=0 stray=0 journaled=0 runs=1
		: >"$T/why"
		want=1
		[ "$act" = signal=KILL ] && want=137
		[ "$st" -eq "$want" ] || why "exit $st, want $want: $(head -c 200 "$T/err")"
		[ -e "$W/.tmp-journal" ] || why "the append could not be taken back, and no journal says so"
		recover
		for f in $(compare old); do
			why "$(describe "$f") is not old after the next program"
		done
		$CHECK
		[ "$act" = signal=KILL ] && after_kill
		[ -n "$(temporaries)" ] && why "temporaries left after the next program: $(temporaries)"
		report "deal-add --from (bulk): ledger fsync fails, ftruncate $act: the next program takes it back"
	done
	fresh
	eval "strace -f -o /dev/null -e trace=fsync -e inject=fsync:error=EIO:when=${k:-0} $CMD" \
	    >"$T/out" 2>"$T/err" </dev/null
	st=$?
	if [ "$st" -eq 1 ] && same deals/2026-11.tsv old && same audit.tsv old; then
		ok "deal-add --from (bulk): ledger fsync fails: the append is truncated away"
	else
		not_ok "deal-add --from (bulk): ledger fsync fails: the append is truncated away" \
		    "exit $st; deals/2026-11.tsv $(wc -c <"$W/deals/2026-11.tsv") bytes, old $(wc -c <"$OLD/deals/2026-11.tsv")"
	fi
fi

# deal-sync killed between its two months: October's file, written before
# the currency columns, is rewritten whole with them for the dollar deal
# (a temporary renamed into place), November's appended, then audit.tsv.
# Killed at the audit line, the change is made (its journal, with the
# rows, was in place first), November appended and the upgraded October
# still a temporary: the next program finishes the change, the audit
# lines appended and October renamed into place, and the sync run again
# changes nothing.
hooks deal-sync
AUDIT_KEEP=2
if setup deal-sync "$P" 'deal-sync -q --from "$sync"'; then
	k=$(nth write 'audit[.]tsv')
	inject write signal=KILL "${k:-0}"
	check "deal-sync killed at the audit line: killed (write $k)" test "$st" -eq 137
	check "deal-sync killed between the months: made, November appended, October not yet upgraded" \
	    eval '! same deals/2026-11.tsv old && same deals/2026-10.tsv old &&
	    test -f "$W/.tmp-commit" && test -n "$(temporaries)"'
	run sales-check -D "$W"
	expect_status 0 "deal-sync killed between the months: sales-check finishes it"
	check "deal-sync killed between the months: every file new, no temporary" \
	    eval 'test -z "$(compare new)" && test -z "$(temporaries)"'
	check "deal-sync killed between the months: October has the optional columns up to currency_amount" \
	    eval 'test "$(head -n 1 "$W/deals/2026-10.tsv" | awk -F"\t" "{ print NF }")" = 15'
	run deal-sync -q --from "$sync"
	expect_status 0 "deal-sync killed between the months: the sync run again succeeds"
	check "deal-sync killed between the months: the re-run leaves every file new" \
	    eval 'test -z "$(compare new)"'
	# Killed with the change made (the journal renamed) but October's
	# temporary not yet renamed into place: the next program finishes the
	# change, so every file is new, October upgraded.
	fresh
	eval "strace -f -o $T/ref.ren -e trace=rename,renameat,renameat2 $CMD" >/dev/null 2>&1 </dev/null
	call=$(grep -E '"2026-10[.]tsv"' "$T/ref.ren" | head -1 | sed -E 's/^[0-9]+ +([a-z0-9]+)\(.*/\1/')
	k=$(grep -E "^[0-9]+ +${call:-none}\\(" "$T/ref.ren" | grep -n '"2026-10[.]tsv"' | cut -d: -f1 | head -1)
	inject "${call:-rename}" signal=KILL "${k:-0}"
	check "deal-sync killed at October's rename: killed ($call $k)" test "$st" -eq 137
	check "deal-sync killed at October's rename: the change is made, October not yet in place" \
	    eval 'test -f "$W/.tmp-commit" && same deals/2026-10.tsv old'
	run sales-check -D "$W"
	expect_status 0 "deal-sync killed at October's rename: sales-check finishes the change"
	check "deal-sync killed at October's rename: every file new, October upgraded, no temporary" \
	    eval 'test -z "$(compare new)" && test -z "$(temporaries)"'
	k=$(nth write 'audit[.]tsv')
	signals_wait "deal-sync between the months" "$k"
fi

# Negative controls: the deal checks must catch a sequence behind the
# ledger, an id opened twice, half a month of a batch and a torn line, on
# the result of deal-add --from damaged by hand; or they prove nothing.
# caught WHAT SED-SCRIPT FILE: after the edit, deal_check finds a problem
caught() {
	rmdata "$W"
	cp -a "$NEW" "$W"
	sed "$2" "$W/$3" >"$T/edit" && cat "$T/edit" >"$W/$3"
	[ -z "${4:-}" ] || truncate -s -1 "$W/$3"
	bad=0
	: >"$T/why"
	deal_check
	if [ "$bad" -gt 0 ]; then
		ok "negative control: $1 is caught ($(head -1 "$T/why" | cut -d: -f2- | cut -c2-))"
	else
		not_ok "negative control: $1 is caught" "the deal checks found nothing: they are broken"
	fi
}
hooks 'deal-add --from'
if setup 'deal-add --from' "$P" 'deal-add -q --from "$from3"'; then
	n=- sc=control
	caught "ids.tsv next not past the ledger" 's/^deal	8$/deal	7/' ids.tsv
	caught "a deal number opened twice" 's/	D6	open/	D2	open/' deals/2026-11.tsv
	caught "half a month of a batch" '/	r3	/d' deals/2026-11.tsv
	caught "a torn last line" '' deals/2026-10.tsv torn
fi

done_testing
