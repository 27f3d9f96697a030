# journal.sh: a change to several tables killed between its renames is
# finished by the next writer or sales-check --repair, never left half
# made; readers refuse the half-made state meanwhile (lib/store.h).
. "$(dirname "$0")/lib.sh"
need strace "the journal is tested by killing a writer at each rename with it"
# kill_at N CMD...: CMD killed at its Nth renameat
kill_at() { n=$1; shift; strace -f -o /dev/null -e trace=renameat \
    -e inject=renameat:signal=KILL:when="$n" "$@" >/dev/null 2>&1 </dev/null; }

init
comp-plan -q std --tier 0:5 --tier 100:8 || setup_failed "comp-plan"
cp -a "$SALESMGR_DIR" "$T/ref"
SALESMGR_DIR=$T/ref comp-plan -q std --title Standard --tier 0:4 --tier 120:9 ||
    setup_failed "reference run"
# Renames: the journal (1), comp-plans.tsv (2), comp-tiers.tsv (3).
kill_at 3 comp-plan -q std --title Standard --tier 0:4 --tier 120:9
check "killed between the two renames: the journal is there" test -f "$SALESMGR_DIR/.tmp-commit"
check "and the plans are new while the tiers are old" \
    sh -c "cmp -s '$SALESMGR_DIR/comp-plans.tsv' '$T/ref/comp-plans.tsv' &&
    ! cmp -s '$SALESMGR_DIR/comp-tiers.tsv' '$T/ref/comp-tiers.tsv'"
snapshot
run comp-plan --list
expect_fail 1 "a change was interrupted and left temporary files; finish it with sales-check --repair" \
    "a reader refuses the half-made change"
run sales-check
expect_status 1 "sales-check: exit 1"
expect_err_has ".tmp-commit: a change to several tables was interrupted" "sales-check names it"
expect_unchanged "neither writes"
run sales-check --repair
expect_status 0 "sales-check --repair: exit 0"
expect_err "sales-check: $SALESMGR_DIR: finished a change that was interrupted (1 file put in place)" \
    "--repair finishes it and says so"
for f in comp-plans.tsv comp-tiers.tsv; do
	check "$f: the new version" cmp -s "$SALESMGR_DIR/$f" "$T/ref/$f"
done
check "no temporary left" test -z "$(find "$SALESMGR_DIR" -name '.tmp-*')"

# Any writer finishes it first, before its own change.
kill_at 3 comp-plan -q gold --tier 0:6 --tier 100:10
run team-add north --name North -q
expect_status 0 "the next writer: exit 0"
expect_err_has "finished a change that was interrupted" "the next writer finishes it"
run comp-plan --show gold --no-header
expect_out "gold		marginal				0	100	6
gold		marginal				100		10" "and the plan has its new tiers"

# Killed before the journal: the old tables, the temporaries removed.
snapshot
kill_at 1 comp-plan -q silver --tier 0:3
run sales-check --repair
expect_status 0 "killed before the journal: --repair exit 0"
expect_unchanged "killed before the journal: nothing changed"
done_testing
