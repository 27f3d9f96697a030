# Quiet nights: an input with no rows, or with nothing at all (what
# --due and --overdue print when nothing is due), is nothing to do for
# every program that takes --from: exit 0, nothing written; the pipes of
# README run under cron's bare environment.
. "$(dirname "$0")/lib.sh"
init
team-add north --name North
rep-add anna --name Anna --team north --hired 2025-01-01
course-add policy --title Policy --due-days 10
deal-add anna --account acme --amount 100 --stage lead --date 2026-11-02 >/dev/null

# Every program whose usage offers --from, each with a wholly empty input.
# The list is made from the programs themselves, so one added later is
# held to it too.
progs=
for p in "$top"/bin/*; do
	"$p" --help 2>/dev/null | grep -q -- '--from' && progs="$progs ${p##*/}"
done
check "the programs that read --from are found" test -n "$progs"
for p in $progs; do
	case $p in
	assign-solve)	# a filter: an empty input is no pairs, the header only
		snapshot
		: >"$T/quiet"
		run_in "$T/quiet" assign-solve -q --from -
		expect_status 0 "assign-solve --from an empty input: exit 0"
		expect_out "agent	task	value" "assign-solve: the header, nothing assigned"
		expect_unchanged "assign-solve: nothing written" ;;
	*)	quiet_night "$p --from an empty input" "$p" --from - ;;
	esac
done
# The ones a quiet night meets in practice, by name, so that the loop above
# cannot pass by finding none of them.
for p in coach-done train-assign deal-lost rep-edit deal-add deal-sync; do
	case " $progs " in *" $p "*) ok "$p is among them" ;;
	*) not_ok "$p is among them" "found:$progs" ;; esac
done

# A file, not a pipe, and CSV: the same.
: >"$T/empty.csv"
quiet_night "deal-add --from an empty .csv" deal-add --from "$T/empty.csv"
quiet_night "deal-add --csv --from an empty input" deal-add --csv --from -

# A header and no rows: nothing to do either.
printf 'note\tdate\trep\tkind\ttext\tfollow_up\tdone\n' >"$T/head"
snapshot
run_in "$T/head" coach-done --from -
expect_status 0 "coach-done, header only: exit 0"
expect_err_empty "coach-done, header only: nothing on stderr"
expect_unchanged "coach-done, header only: nothing written"
printf 'rep\tname\n' >"$T/head"
snapshot
run_in "$T/head" rep-add --from -
expect_status 0 "rep-add, header only: exit 0"
expect_unchanged "rep-add, header only: nothing written"

# A header is still checked with no rows under it: a column rep-add does
# not know is refused on a quiet night as on a busy one.
printf 'rep\tnmae\n' >"$T/head"
bad 1 "rep-add: stdin:1: unknown column 'nmae' (use --ignore-extra to skip it)
rep-add: stdin: nothing was changed" "a bad header with no rows" sh -c 'rep-add --from - <"$0"' "$T/head"
# ... and bad rows are still bad.
printf 'note\nN99\n' >"$T/in"
snapshot
run_in "$T/in" coach-done --from -
expect_status 1 "a row that names no note still fails"
expect_unchanged "the failing row wrote nothing"

# The pipes, on a quiet night: nothing due, nothing overdue.
snapshot
run sh -c 'coach-list --due | coach-done --from -'
expect_status 0 "coach-list --due | coach-done --from -: exit 0"
expect_out_empty "coach-list --due | coach-done: nothing on stdout"
expect_err_empty "coach-list --due | coach-done: nothing on stderr"
expect_unchanged "coach-list --due | coach-done: nothing written"
run sh -c 'train-status --overdue | train-assign --from - --due +1w'
expect_status 0 "train-status --overdue | train-assign --from -: exit 0"
expect_err_empty "train-status --overdue | train-assign: nothing on stderr"
run sh -c 'deal-list --open --rep anna --period 2025 | deal-lost --from - --reason budget'
expect_status 0 "deal-list with no deals | deal-lost: exit 0"
expect_unchanged "the quiet pipes wrote nothing"

# The same pipe from cron's bare environment (the programs by their path,
# PATH=/usr/bin:/bin, no locale, no terminal) on a quiet night.
check "cron: the night is quiet (nothing due)" test -z "$(coach-list --due --no-header)"
snapshot
env -i PATH=/usr/bin:/bin HOME="$T" SALESMGR_DIR="$SALESMGR_DIR" SALESMGR_TODAY=2026-11-26 \
    sh -c '"$0/coach-list" --due | "$0/coach-done" --from -' "$top/bin" \
    >"$T/out" 2>"$T/err" </dev/null
st=$?
expect_status 0 "cron: coach-list --due | coach-done --from -: exit 0"
expect_out_empty "cron: coach-list --due | coach-done: no mail (stdout)"
expect_err_empty "cron: coach-list --due | coach-done: no mail (stderr)"
expect_unchanged "cron: coach-list --due | coach-done: nothing written"

# README's Monday job, under cron's bare environment: quiet, then busy.
warn_overdue() {
	env -i PATH="$top/bin:/usr/bin:/bin" HOME="$T" SALESMGR_DIR="$SALESMGR_DIR" \
	    SALESMGR_TODAY=2026-11-26 sh -c "train-status --overdue | awk -F'\\t' -v OFS='\\t' 'NR == 1 { print \"rep\", \"kind\", \"text\"; next } { print \$1, \"warning\", \"course \" \$2 \" overdue\" }' | coach-note -q --from -" \
	    >"$T/out" 2>"$T/err" </dev/null
	st=$?
}
snapshot
warn_overdue
expect_status 0 "cron, nothing overdue: exit 0"
expect_out_empty "cron, nothing overdue: no mail (stdout)"
expect_err_empty "cron, nothing overdue: no mail (stderr)"
expect_unchanged "cron, nothing overdue: nothing written"
train-assign policy anna --today 2026-10-01
warn_overdue
expect_status 0 "cron, a course overdue: exit 0"
expect_err_empty "cron, a course overdue: nothing on stderr"
run coach-list --rep anna --kind warning --no-header
expect_out "N1	2026-11-26	anna	warning	course policy overdue		" \
    "cron, a course overdue: the warning is noted"

done_testing
