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
tables='comp-plans.tsv comp-tiers.tsv'

# Renames: the journal into place (1), the journal made (2), comp-plans.tsv
# (3), comp-tiers.tsv (4).  Killed at 4: made, half in place.
kill_at 4 comp-plan -q std --title Standard --tier 0:4 --tier 120:9
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
check "every table new, the audit line there, no temporary" \
    eval 'same "$T/ref" $tables && test -z "$(find "$D" -name ".tmp-*")" &&
    grep -q "comp-plan	replace plan std" "$D/audit.tsv"'

# Killed at 2, after the audit line was appended but before the change
# was made: sales-check takes it back whole.
rmdata "$D" && cp -a "$T/old" "$D"
kill_at 2 comp-plan -q std --title Standard --tier 0:4 --tier 120:9
check "killed before the change was made: audit.tsv appended, the journal there" \
    eval '! same "$T/old" audit.tsv && test -f "$D/.tmp-journal"'
run sales-check
expect_status 0 "sales-check takes it back, then finds nothing"
expect_err "sales-check: $D: took back a change that was interrupted (1 ledger cut back)" \
    "sales-check says what it took back"
check "every file old again, no temporary" \
    eval 'same "$T/old" $tables audit.tsv && test -z "$(find "$D" -name ".tmp-*")"'

# The same taken back by the next writer, before its own change.
kill_at 2 comp-plan -q gold --tier 0:6 --tier 100:10
run team-add north --name North -q
expect_status 0 "the next writer: exit 0"
expect_err "team-add: $D: took back a change that was interrupted (1 ledger cut back)" \
    "the next writer takes it back"
run comp-plan --show gold
expect_fail 1 "unknown plan 'gold'" "and the plan is not there"

# A made change's journal whose removal a crash lost (its removal is not
# synced), beside the next change's journal, begun: the spent one is
# removed, the begun one taken back.  One with a temporary still to put in
# place beside a begun one is refused, both left alone.
settle "$D"
rmdata "$T/spent" && cp -a "$D" "$T/spent"
SALESMGR_DIR=$T/spent kill_at 4 comp-plan -q std --title Standard --tier 0:4 --tier 120:9
cp "$T/spent/.tmp-commit" "$T/made" || setup_failed "a made journal"
SALESMGR_DIR=$T/spent comp-plan --list >/dev/null 2>&1 || setup_failed "finishing it"
settle "$T/spent"
cp -a "$T/spent" "$T/spent-ok"
SALESMGR_DIR=$T/spent kill_at 2 comp-plan -q gold --tier 0:6 --tier 100:10
cp "$T/made" "$T/spent/.tmp-commit"
SALESMGR_DIR=$T/spent run comp-plan --list --no-header
expect_status 0 "a spent made journal beside a begun one: exit 0"
expect_err "comp-plan: $T/spent: finished a change that was interrupted (0 files put in place)
comp-plan: $T/spent: took back a change that was interrupted (1 ledger cut back)" \
    "the spent one removed, the begun one taken back, each said"
check "and every table and audit.tsv as before the begun change, no journal left" \
    eval 'same_as "$T/spent" "$T/spent-ok" $tables audit.tsv &&
    test -z "$(find "$T/spent" -name ".tmp-*")"'
SALESMGR_DIR=$T/spent kill_at 2 comp-plan -q gold --tier 0:6 --tier 100:10
cp "$T/made" "$T/spent/.tmp-commit"
tmp=$(cut -f2 "$T/made" | grep -m1 "^\.tmp-")
: >"$T/spent/$tmp"
SALESMGR_DIR=$T/spent run comp-plan --list
expect_fail 1 "$T/spent/.tmp-journal: another journal (.tmp-commit) is there too; refused (it is not a journal this program wrote: look at it, then remove it)" \
    "a made journal with a temporary left, beside a begun one: refused"
check "both journals left alone" \
    eval 'test -f "$T/spent/.tmp-commit" && test -f "$T/spent/.tmp-journal"'

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
	check "a read-only copy: the journal still there" test -f "$R/.tmp-journal"
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
# month, a reader takes all of it back.
rep-add -q a1 --name A --hired 2026-01-05 || setup_failed "rep-add"
printf 'rep\taccount\tamount\tdate\na1\tx1\t100\t2026-10-20\na1\tx2\t200\t2026-11-03\n' >"$T/two"
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
at_write 'deals/2026-11\.tsv' signal=KILL deal-add -q --from "$T/two"
check "deal-add over two months killed at its write to November (write $k)" test "$st" -eq 137
check "October's rows are in its file at that instant" \
    eval 'test "$(grep -c x1 "$D/deals/2026-10.tsv")" -eq 1'
run deal-list --no-header
expect_status 0 "deal-list after the kill: exit 0"
expect_err "deal-list: $D: took back a change that was interrupted (1 ledger cut back)" \
    "deal-list takes the half-made batch back"
expect_unchanged "and nothing of the batch is left, in any month"

# A full disk at the audit line: the change is not made (before, the rows
# stayed, without their line, and the program exited 1 all the same: a
# script retrying on failure booked them twice).  The retry books them once.
at_write 'audit\.tsv' error=ENOSPC act-log -q --from "$T/acts"
expect_status 1 "act-log over two months, the disk full at its audit line (write $k): exit 1"
expect_err_has "audit.tsv: cannot append; nothing was changed: No space left on device" \
    "the disk full at the audit line: nothing was changed, and it says so"
expect_unchanged "the disk full at the audit line: no row in any month, no line"
run act-log -q --from "$T/acts"
expect_status 0 "the retry: exit 0"
check "the retry: each activity once, each with its audit line" \
    eval 'test "$(cat "$D"/activities/*.tsv | grep -c "	fa[12]	")" -eq 2 &&
    test "$(grep -c "act-log	log call a1" "$D/audit.tsv")" -eq 2'
done_testing
