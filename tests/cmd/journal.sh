# journal.sh: a change killed half way is finished (made) or taken back
# (not yet made) by whoever opens the directory next, writer, reader or
# sales-check; a read-only copy is refused; a journal this program did not
# write is refused, reported and left alone (lib/store.h).
. "$(dirname "$0")/lib.sh"
need strace "the journal is tested by killing a writer in it with strace"
# kill_at N CMD...: CMD killed at its Nth renameat
kill_at() { n=$1; shift; strace -f -o /dev/null -e trace=renameat \
    -e inject=renameat:signal=KILL:when="$n" "$@" >/dev/null 2>&1 </dev/null; }
D=$SALESMGR_DIR
setup_failed() { not_ok "setting up: $1 failed"; done_testing; exit 1; }

init
comp-plan -q std --tier 0:5 --tier 100:8 || setup_failed "comp-plan"
rep-add -q a1 --name A --hired 2026-01-05 || setup_failed "rep-add"
act-log -q --rep a1 --kind call --account x0 --date 2026-11-02 || setup_failed "act-log"
# A load too big to carry its rows in its journal (lib/store.c, REDO_MAX):
# its journal is begun, the rows appended, then the journal made.
awk 'BEGIN { print "rep\tkind\taccount\tdate\tref"
	for (i = 1; i <= 1000; i++) printf "a1\tcall\tx%d\t2026-11-%02d\tb%d\n", i, 1 + i % 25, i }' >"$T/bulk"
settle "$D"
cp -a "$D" "$T/old"
settle "$D"
cp -a "$D" "$T/ref"
SALESMGR_DIR=$T/ref comp-plan -q std --title Standard --tier 0:4 --tier 120:9 ||
    setup_failed "reference run"
# same DIR FILE...: each FILE of $D is the one in DIR
same() { same_as "$D" "$@"; }
# same_as A B FILE...: each FILE of A is the one in B
same_as() { a=$1 b=$2; shift 2; for f; do cmp -s "$a/$f" "$b/$f" || return 1; done; }
# same_audit DIR: audit.tsv of $D holds DIR's lines, but for the time of
# each (the clock's, not SALESMGR_TODAY's)
same_audit() {
	cut -f2- "$D/audit.tsv" >"$T/audit.here" && cut -f2- "$1/audit.tsv" >"$T/audit.there" &&
	    cmp -s "$T/audit.here" "$T/audit.there"
}
tables='comp-plans.tsv comp-tiers.tsv'
ledgers='audit.tsv activities/2026-11.tsv'

# A small change carries its rows in its journal, made at once.  Renames:
# the journal into place, made (1), comp-plans.tsv (2), comp-tiers.tsv
# (3).  Killed at 3: made, its audit line appended, half in place.
kill_at 3 comp-plan -q std --title Standard --tier 0:4 --tier 120:9
check "killed between the two table renames: the journal of a made change is there" \
    test -f "$D/.tmp-commit"
check "and the plans are new while the tiers are old" \
    eval 'same "$T/ref" comp-plans.tsv && same "$T/old" comp-tiers.tsv'
run comp-plan --show std --no-header
expect_status 0 "a reader finishes the made change first"
expect_err "comp-plan: $D: finished a change that was interrupted (1 file put in place)" \
    "and says so"
expect_out "std	Standard	marginal							0	120	4
std	Standard	marginal							120		9" "and then reads the new plan"
check "every table new, the audit line there once, no temporary" \
    eval 'same "$T/ref" $tables && same_audit "$T/ref" && test -z "$(find "$D" -name ".tmp-*")"'

# Killed at the write of its audit line, after the journal was made: the
# next program appends the line, from the journal.
rmdata "$D" && cp -a "$T/old" "$D"
strace -f -o /dev/null -e trace=write -e inject=write:signal=KILL:when=1 \
    -P "$D/audit.tsv" comp-plan -q std --title Standard --tier 0:4 --tier 120:9 \
    >/dev/null 2>&1 </dev/null
check "killed at its audit line: made, the line not there" \
    eval 'test -f "$D/.tmp-commit" && same "$T/old" audit.tsv'
run sales-check
expect_status 0 "sales-check finishes it, then finds nothing"
expect_err "sales-check: $D: finished a change that was interrupted (3 files put in place)" \
    "sales-check says it finished it"
check "every table new, the audit line there once, no temporary" \
    eval 'same "$T/ref" $tables && same_audit "$T/ref" && test -z "$(find "$D" -name ".tmp-*")"'

# The journal's rows half appended (a torn write), or the file's new
# size durable before its bytes (NULs): cut back and appended again.
for torn in half nul; do
	rmdata "$D" && cp -a "$T/old" "$D"
	kill_at 1 comp-plan -q std --title Standard --tier 0:4 --tier 120:9
	mv "$D/.tmp-.tmp-commit."* "$D/.tmp-commit" 2>/dev/null ||
	    setup_failed "a journal made"
	line=$(grep '^+' "$D/.tmp-commit" | head -1 | cut -c2-)
	if [ $torn = half ]; then
		printf '%s' "${line%%	*}" >>"$D/audit.tsv"
	else
		printf '%s\n' "$line" | tr -c '\000' '\000' >>"$D/audit.tsv"
	fi
	run comp-plan --list
	expect_status 0 "rows $torn there: exit 0"
	check "rows $torn there: the audit line whole, once, every table new" \
	    eval 'same "$T/ref" $tables && same_audit "$T/ref" && test -z "$(find "$D" -name ".tmp-*")"'
done

# Other rows where the journal's go: refused, left alone.
rmdata "$D" && cp -a "$T/old" "$D"
kill_at 1 comp-plan -q std --title Standard --tier 0:4 --tier 120:9
mv "$D/.tmp-.tmp-commit."* "$D/.tmp-commit" 2>/dev/null || setup_failed "a journal made"
printf '2026-11-26T09:00:00Z\troot\tother\tnot the journal'"'"'s\n' >>"$D/audit.tsv"
run comp-plan --list
expect_fail 1 "$D/.tmp-commit: cannot finish it: 'audit.tsv' holds other rows where the journal's go; refused (it is not a journal this program wrote: look at it, then remove it)" \
    "other rows where the journal's go: refused"
check "and left alone" test -f "$D/.tmp-commit"

# A bulk load killed at 2, after its rows were appended but before the
# change was made: sales-check takes it back whole.
rmdata "$D" && cp -a "$T/old" "$D"
kill_at 2 act-log -q --from "$T/bulk"
check "a bulk load killed before the change was made: rows appended, the journal there" \
    eval '! same "$T/old" audit.tsv && ! same "$T/old" activities/2026-11.tsv &&
    test -f "$D/.tmp-journal"'
run sales-check
expect_status 0 "sales-check takes it back, then finds nothing"
expect_err "sales-check: $D: took back a change that was interrupted (2 ledgers cut back)" \
    "sales-check says what it took back"
check "every file old again, no temporary" \
    eval 'same "$T/old" $tables $ledgers && test -z "$(find "$D" -name ".tmp-*")"'

# The same taken back by the next writer, before its own change.
kill_at 2 act-log -q --from "$T/bulk"
run team-add north --name North -q
expect_status 0 "the next writer: exit 0"
expect_err "team-add: $D: took back a change that was interrupted (2 ledgers cut back)" \
    "the next writer takes it back"
check "and no row of the load is there" \
    eval '! grep -q "	b1	" "$D/activities/2026-11.tsv"'

# A made change's journal whose removal a crash lost (its removal is not
# synced), beside the next change's journal, begun: the spent one is
# removed, the begun one taken back.  One with a temporary still to put in
# place beside a begun one is refused, both left alone; so is one whose
# rows are not all there.
settle "$D"
rmdata "$T/spent" && cp -a "$D" "$T/spent"
SALESMGR_DIR=$T/spent kill_at 3 comp-plan -q std --title Standard --tier 0:4 --tier 120:9
cp "$T/spent/.tmp-commit" "$T/made" || setup_failed "a made journal"
SALESMGR_DIR=$T/spent comp-plan --list >/dev/null 2>&1 || setup_failed "finishing it"
settle "$T/spent"
cp -a "$T/spent" "$T/spent-ok"
SALESMGR_DIR=$T/spent kill_at 2 act-log -q --from "$T/bulk"
cp "$T/made" "$T/spent/.tmp-commit"
SALESMGR_DIR=$T/spent run comp-plan --list --no-header
expect_status 0 "a spent made journal beside a begun one: exit 0"
expect_err "comp-plan: $T/spent: finished a change that was interrupted (0 files put in place)
comp-plan: $T/spent: took back a change that was interrupted (2 ledgers cut back)" \
    "the spent one removed, the begun one taken back, each said"
check "and every table and ledger as before the begun change, no journal left" \
    eval 'same_as "$T/spent" "$T/spent-ok" $tables $ledgers &&
    test -z "$(find "$T/spent" -name ".tmp-*")"'
SALESMGR_DIR=$T/spent kill_at 2 act-log -q --from "$T/bulk"
cp "$T/made" "$T/spent/.tmp-commit"
tmp=$(grep -m1 "^rename" "$T/made" | cut -f2)
: >"$T/spent/$tmp"
SALESMGR_DIR=$T/spent run comp-plan --list
expect_fail 1 "$T/spent/.tmp-journal: another journal (.tmp-commit) is there too; refused (it is not a journal this program wrote: look at it, then remove it)" \
    "a made journal with a temporary left, beside a begun one: refused"
check "both journals left alone" \
    eval 'test -f "$T/spent/.tmp-commit" && test -f "$T/spent/.tmp-journal"'
rm -f "$T/spent/$tmp"
grep -v '^rename' "$T/made" | sed 's/^add\taudit\.tsv\t[0-9]*$/add\taudit.tsv\t0/' \
    >"$T/spent/.tmp-commit"
SALESMGR_DIR=$T/spent run comp-plan --list
expect_fail 1 "$T/spent/.tmp-commit: cannot finish it: 'audit.tsv' holds other rows where the journal's go; refused (it is not a journal this program wrote: look at it, then remove it)" \
    "a made journal whose rows are not where it says: refused"

# A read-only copy (a backup snapshot) with a change half made: refused,
# with the reason.  As root a read-only bind mount, else modes.
mkdir -p "$T/rosrc" "$T/romnt"
settle "$D"
cp -a "$D" "$T/rosrc/d"
SALESMGR_DIR=$T/rosrc/d kill_at 2 comp-plan -q gold --tier 0:6 --tier 100:10
R=$T/romnt/d
if [ "$(id -u)" -eq 0 ]; then
	mount --bind "$T/rosrc" "$T/romnt" 2>/dev/null &&
	    mount -o remount,bind,ro "$T/romnt" 2>/dev/null || R=
else
	R=$T/rosrc/d
	chmod 500 "$R"
fi
if [ -n "$R" ]; then
	SALESMGR_DIR=$R run comp-plan --list
	expect_fail 1 "$R: a change was interrupted, and this copy is read-only" \
	    "a read-only copy with a change half made: refused"
	check "a read-only copy: the journal still there" test -f "$R/.tmp-commit"
else
	not_ok "a read-only copy: cannot bind-mount one here; not tested"
fi
umount "$T/romnt" 2>/dev/null
chmod 700 "$T/rosrc/d"

# Killed at 1, before the journal: the old tables, the temporaries go.
snapshot
kill_at 1 comp-plan -q silver --tier 0:3
run sales-check --repair
expect_status 0 "killed before the journal: --repair exit 0"
expect_unchanged "killed before the journal: nothing changed"

# A change to several month files and audit.tsv: killed after the first
# month, a reader finishes it (a small change, made at once) or takes all
# of it back (a bulk load, its journal begun).
printf 'rep\taccount\tamount\tdate\na1\tx1\t100\t2026-10-20\na1\tx2\t200\t2026-11-03\n' >"$T/two"
awk 'BEGIN { print "rep\taccount\tamount\tdate"
	for (m = 10; m <= 11; m++) for (i = 1; i <= 400; i++)
		printf "a1\ty%d\t%d\t2026-%d-%02d\n", i, i, m, 1 + i % 25 }' >"$T/two-bulk"
printf 'rep\tkind\taccount\tdate\tref\na1\tcall\tx1\t2026-10-21\tfa1\na1\tcall\tx2\t2026-11-04\tfa2\n' >"$T/acts"
deal-add -q --rep a1 --account x0 --amount 1 --date 2026-10-01 >/dev/null &&
deal-add -q --rep a1 --account x0 --amount 1 --date 2026-11-01 >/dev/null ||
    setup_failed "deal-add"
# at_write FILE ACTION CMD...: CMD with the first write to FILE (an ERE)
# of an undisturbed run (on a copy) made to fail or killed (ACTION, as
# strace's inject takes it); sets k (which write) and st
at_write() {
	file=$1 act=$2
	shift 2
	rmdata "$T/probe" && settle "$D" && cp -a "$D" "$T/probe"
	SALESMGR_DIR=$T/probe strace -f -y -o "$T/trace" -e trace=write "$@" \
	    >/dev/null 2>&1 </dev/null
	k=$(grep -E '^[0-9]+ +write\(' "$T/trace" | grep -nE "$file>" | cut -d: -f1 | head -1)
	snapshot
	strace -f -o /dev/null -e trace=write -e inject=write:"$act":when="${k:-0}" "$@" \
	    >"$T/out" 2>"$T/err" </dev/null
	st=$?
}
at_write 'deals/2026-11\.tsv' signal=KILL deal-add -q --from "$T/two-bulk"
check "a bulk deal-add over two months killed at its write to November (write $k)" \
    test "$st" -eq 137
check "October's rows are in its file at that instant" \
    eval 'test "$(grep -c "	y1	" "$D/deals/2026-10.tsv")" -eq 1'
run deal-list --no-header
expect_status 0 "deal-list after the kill: exit 0"
expect_err "deal-list: $D: took back a change that was interrupted (1 ledger cut back)" \
    "deal-list takes the half-made batch back"
expect_unchanged "and nothing of the batch is left, in any month"
rmdata "$T/two-ref" && settle "$D" && cp -a "$D" "$T/two-ref"
SALESMGR_DIR=$T/two-ref deal-add -q --from "$T/two" >/dev/null || setup_failed "deal-add"
at_write 'deals/2026-11\.tsv' signal=KILL deal-add -q --from "$T/two"
check "a small deal-add over two months killed at its write to November (write $k)" \
    test "$st" -eq 137
run deal-list --no-header
expect_status 0 "deal-list after the kill: exit 0"
expect_err "deal-list: $D: finished a change that was interrupted (3 files put in place)" \
    "deal-list finishes the made change: ids.tsv, November's row, the audit lines"
check "and every month and audit.tsv hold the change once" \
    eval 'same_as "$D" "$T/two-ref" deals/2026-10.tsv deals/2026-11.tsv &&
    test "$(grep -c "deal-add	add deal" "$D/audit.tsv")" -eq \
    "$(grep -c "deal-add	add deal" "$T/two-ref/audit.tsv")"'

# A full disk at the audit line of a bulk load: the change is not made
# (before, the rows stayed, without their line, and the program exited 1
# all the same: a script retrying on failure booked them twice).
at_write 'audit\.tsv' error=ENOSPC act-log -q --from "$T/bulk"
expect_status 1 "a bulk act-log, the disk full at its audit line (write $k): exit 1"
expect_err_has "audit.tsv: cannot append; nothing was changed: No space left on device" \
    "the disk full at the audit line: nothing was changed, and it says so"
expect_unchanged "the disk full at the audit line: no row in any month, no line"
# A small change: its room was taken before it was made, so a write that
# fails after is an I/O error, not a full disk; it says the change was
# made, and the next program appends the rows.  The retry books them once.
at_write 'audit\.tsv' error=EIO act-log -q --from "$T/acts"
expect_status 1 "act-log over two months, an I/O error at its audit line (write $k): exit 1"
expect_err_has "audit.tsv: the change was made, but its rows could not be appended (the next program does it): Input/output error" \
    "an I/O error at the audit line of a made change: it says so"
run act-log -q --from "$T/acts"
expect_status 0 "the retry: exit 0"
expect_err_has "finished a change that was interrupted (2 files put in place)" \
    "the retry finishes the change first: October's new file, the audit lines"
check "the retry: each activity once, each with its audit line (and the first one's)" \
    eval 'test "$(cat "$D"/activities/*.tsv | grep -c "	fa[12]	")" -eq 2 &&
    test "$(grep -c "act-log	log call a1" "$D/audit.tsv")" -eq 3'

# A bulk load's big files are written at the same time, each big one but
# the last by a thread of its own (lib/store.c, WRITER_MIN): a new month's
# ledger while audit.tsv is appended to; a month's big append before
# audit.tsv's.  A failure in that thread (here the file size limit: with
# the signals held, the write fails with EFBIG) is said, and the change
# taken back whole, audit lines included.  Rows of 200-byte notes make
# the ledger's part over a megabyte and audit.tsv's under.
note=$(awk 'BEGIN { while (length(s) < 200) s = s "a long note "; print s }')
big_load() {	# big_load MONTH FILE
	awk -v note="$note" -v m="$1" 'BEGIN { print "rep\taccount\tamount\tdate\tnote"
		for (i = 1; i <= 6000; i++)
			printf "a1\tz%d\t%d.%02d\t2026-%s-%02d\t%s\n", i, i, i % 100, m, 1 + i % 25, note }' >"$2"
}
limited() { sh -c 'ulimit -f 1200 && exec "$@"' sh "$@"; }
big_load 09 "$T/big-sep"
settle "$D"
snapshot
run limited deal-add -q --from "$T/big-sep"
expect_status 1 "a bulk deal-add into a new month over the file size limit: exit 1"
expect_err_has "deals/2026-09.tsv: cannot write; nothing was changed: File too large" \
    "the new month's writer failed: nothing was changed, and it says so"
expect_unchanged "the new month's writer failed: no month, no audit line, no temporary"
deal-add -q --rep a1 --account x0 --amount 1 --date 2026-11-05 --note n >/dev/null ||
    setup_failed "deal-add --note"
big_load 11 "$T/big-nov"
settle "$D"
snapshot
run limited deal-add -q --from "$T/big-nov"
expect_status 1 "a bulk deal-add appending to a month over the file size limit: exit 1"
expect_err_has "deals/2026-11.tsv: cannot append; nothing was changed: File too large" \
    "the month's writer failed: nothing was changed, and it says so"
expect_unchanged "the month's writer failed: its rows and audit lines taken back"
# rows_cents FILE COL: rows and cents of column COL of FILE's lines
rows_cents() { awk -F'\t' -v c="$2" '{ n++; split($c, a, "."); s += a[1] * 100 + a[2] }
    END { printf "%d %.0f\n", n, s }' "$1"; }
tail -n +2 "$T/big-sep" >"$T/big-sep.rows"
tail -n +2 "$T/big-nov" >"$T/big-nov.rows"
run deal-add -q --from "$T/big-sep"
expect_status 0 "the new month's load without the limit: exit 0"
run deal-add -q --from "$T/big-nov"
expect_status 0 "the month's load without the limit: exit 0"
grep '	z[0-9]*	' "$D/deals/2026-09.tsv" >"$T/sep.booked"
grep '	z[0-9]*	' "$D/deals/2026-11.tsv" >"$T/nov.booked"
check "every row of both loads booked once, to the cent, with its audit line" \
    eval 'test "$(rows_cents "$T/sep.booked" 7)" = "$(rows_cents "$T/big-sep.rows" 3)" &&
    test "$(rows_cents "$T/nov.booked" 7)" = "$(rows_cents "$T/big-nov.rows" 3)" &&
    test "$(grep -c "deal-add	add deal .*, z[0-9]*, " "$D/audit.tsv")" -eq 12000'
# A table a change replaces is let go only after the lock: the kernel
# frees its blocks when the last hold on it goes, which at the rename
# itself, or at the writer's unmapping of the copy it read, would be in
# the writer's time.  The process that lets it go last has let the lock
# go first (the background process, or with none the writer itself), and
# no process holds the lock after it (lib/store.c, keep_old()).
# let_go TRACE FILE BY: the last close of FILE, replaced, in TRACE
# (strace -f -y) is after every close of .lock, by a process that closed
# .lock: the writer (BY writer) or another, after the writer exited (BY
# background)
let_go() {
	awk -v f="/$2>(deleted))" -v by="$3" '
	    NR == 1 { w = $1 }
	    $1 == w && /[+][+][+] exited/ { wx = NR }
	    /close[(]/ && index($0, f) { free = NR; fp = $1 }
	    /close[(][0-9]+<[^>]*[/][.]lock>[)]/ { lock[$1] = NR; last = NR }
	    END { exit !(free && lock[fp] && last < free &&
		(by == "writer" ? fp == w : fp != w && free > wx)) }' "$1"
}
# traced CMD...: CMD under strace (LeakSanitizer, in a sanitized build,
# cannot run under ptrace)
traced() { ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace "$@"; }
settle "$D"
traced -f -y -o "$T/quota.trace" -e trace=openat,close,exit_group \
    quota-set -q 2026-12 a1 5000 >/dev/null 2>&1 </dev/null || not_ok "quota-set"
settle "$D"
check "quota-set: the quotas.tsv it replaced is let go by its background process, after the writer exited and the lock was let go" \
    let_go "$T/quota.trace" quotas.tsv background
check "quota-set: so is its journal, removed at the end of the change" \
    let_go "$T/quota.trace" .tmp-commit background
traced -f -y -o "$T/plan.trace" -e trace=openat,close,exit_group \
    comp-plan -q std --tier 0:6 --tier 100:9 >/dev/null 2>&1 </dev/null || not_ok "comp-plan"
check "comp-plan, with no background process: the comp-plans.tsv it replaced is let go after the lock" \
    let_go "$T/plan.trace" comp-plans.tsv writer
done_testing
