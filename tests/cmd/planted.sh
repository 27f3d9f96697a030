#!/bin/sh
# planted.sh: the special names of the data directory (the journal of a
# change, .lock) planted by someone else (a git pull, an unpacked tarball, a
# synced folder): a symlink, a FIFO, a journal naming paths outside the
# directory, a table, a temporary that is a link.  Every writer, a reader and
# sales-check --repair refuse it at once (no hang), say so, leave it alone,
# and touch nothing inside or outside the directory (lib/store.h).
. "$(dirname "$0")/lib.sh"

mkdir -p "$T/bin" && cp -p "$top"/bin/* "$T/bin"/ 2>/dev/null
PATH=$T/bin:$PATH
D=$SALESMGR_DIR
P=$T/prep
setup_failed() { not_ok "setting up: $1 failed"; done_testing; exit 1; }

# The prepared directory: a team, two reps, a course assigned, a note, an
# account, a plan with a rep on it, quotas, deals D1 (open), D2 (open),
# D3 (won) and an activity.
SALESMGR_DIR=$P
sales-init -q "$P" &&
team-add -q north --name North &&
rep-add -q a1 --name "Ann A" --team north --hired 2026-01-05 &&
rep-add -q a2 --name "Bob B" --team north --manager a1 --hired 2026-01-05 &&
course-add -q pol --title Policy --required all &&
train-assign -q pol a1 --due 2026-12-01 &&
coach-note -q a1 "Call back" --follow-up 2026-12-01 >/dev/null &&
acct-add -q acme --name Acme --owner a1 --potential 1000 &&
comp-plan -q std --tier 0:5 --tier 100:8 &&
rep-edit -q a1 --plan std &&
quota-set -q 2026-10 a1 1000 &&
deal-add -q --rep a1 --account acme --amount 1000 --date 2026-10-05 >/dev/null &&
deal-add -q --rep a2 --account acme --amount 2000 --date 2026-10-06 >/dev/null &&
deal-add -q --rep a1 --account acme --amount 3000 --date 2026-10-07 >/dev/null &&
deal-won -q D3 --date 2026-10-20 &&
act-log -q --rep a1 --kind call --account acme --date 2026-10-08 ||
    setup_failed "the prepared directory"
SALESMGR_DIR=$D

# Every program that writes, with a change it makes on the prepared data.
writers='rep-add zq --name Zed
rep-edit a2 --region west
rep-end a2 --date 2026-11-26 --status leave
team-add south --name South
coach-note a2 Hello
coach-done N1
course-add sec --title Security
acct-add beta --name Beta
acct-edit acme --segment smb
acct-assign --apply
plan-set 2026-Q4 team north 1000
comp-plan gold --tier 0:6
comp-calc --period 2026-10 --lock --rep a1
train-assign pol a2
train-done a1 pol --score 90
train-onboard a2
train-unassign pol a1 --reason moved
quota-set 2026-Q4 a1 5000
quota-split 2026-Q4 --team north 900 --by equal --replace
deal-add --rep a1 --account acme --amount 10
deal-won D1
deal-lost D2 --reason price
deal-move D1 --stage proposal
deal-cancel D3 --reason refund
act-log --rep a2 --kind call
sales-check --repair'

# Each writer must work on the prepared data, or its refusals prove nothing.
nw=0
while IFS= read -r cmd; do
	rmdata "$D" && cp -a "$P" "$D"
	# A stale temporary makes sales-check --repair open for writing.
	printf 'x' >"$D/.tmp-reps.tsv.999999.0"
	if ! eval "$cmd -q" >"$T/out" 2>"$T/err" </dev/null; then
		not_ok "setup: '$cmd' works on the prepared data" "$(head -c 300 "$T/err")"
	else
		nw=$((nw + 1))
	fi
done <<EOF
$writers
EOF
echo "# $nw writers checked"

outside=$T/outside
# plant KIND: put the special name of KIND in $D (the other files made
# outside the directory, in $T/out.d)
plant() {
	rmdata "$T/out.d" && mkdir "$T/out.d"
	printf 'outside\n' >"$outside"
	case $1 in
	commit-link) ln -s "$outside" "$D/.tmp-commit" ;;
	journal-link) ln -s "$outside" "$D/.tmp-journal" ;;
	commit-fifo) mkfifo "$D/.tmp-commit" ;;
	journal-fifo) mkfifo "$D/.tmp-journal" ;;
	lock-fifo) rm -f "$D/.lock" && mkfifo "$D/.lock" ;;
	lock-link) rm -f "$D/.lock" && ln -s "$outside" "$D/.lock" ;;
	commit-absolute)	# an older version's form: TMP FILE
		printf 'x\n' >"$T/out.d/key"
		printf '%s\treps.tsv\n' "$T/out.d/key" >"$D/.tmp-commit" ;;
	commit-dotdot)
		printf 'rename\t../outside\treps.tsv\n' >"$D/.tmp-commit" ;;
	commit-to-outside)
		cp "$D/reps.tsv" "$D/.tmp-reps.tsv.1.0"
		printf 'rename\t.tmp-reps.tsv.1.0\t../outside\n' >"$D/.tmp-commit" ;;
	commit-other-name)	# a real temporary, named for another file
		cp "$D/reps.tsv" "$D/.tmp-teams.tsv.1.0"
		printf 'rename\t.tmp-teams.tsv.1.0\treps.tsv\n' >"$D/.tmp-commit" ;;
	commit-temp-link)	# the right form, but the temporary is a link
		ln -s "$outside" "$D/.tmp-reps.tsv.1.0"
		printf 'rename\t.tmp-reps.tsv.1.0\treps.tsv\n' >"$D/.tmp-commit" ;;
	journal-outside)
		printf 'append\t../outside\t0\n' >"$D/.tmp-journal" ;;
	journal-table)		# cut a table to nothing: only a ledger is cut back
		printf 'append\treps.tsv\t0\n' >"$D/.tmp-journal" ;;
	journal-hardlink)	# a ledger with a second name outside
		ln "$D/audit.tsv" "$T/out.d/audit"
		printf 'append\taudit.tsv\t10\n' >"$D/.tmp-journal" ;;
	journal-longer)		# "cut back" to more than it holds
		printf 'append\tdeals/2026-10.tsv\t99999999\n' >"$D/.tmp-journal" ;;
	commit-add-outside)	# rows to add to a file outside
		printf 'add\t../outside\t0\n+x\n' >"$D/.tmp-commit" ;;
	commit-add-table)	# rows "added" to a table
		printf 'add\treps.tsv\t0\n+x\n' >"$D/.tmp-commit" ;;
	commit-add-other)	# rows where the ledger holds others
		printf 'add\taudit.tsv\t0\n+x\n' >"$D/.tmp-commit" ;;
	commit-add-longer)	# at more than the ledger holds
		printf 'add\tdeals/2026-10.tsv\t99999999\n+x\n' >"$D/.tmp-commit" ;;
	commit-add-norows)
		printf 'add\taudit.tsv\t10\n' >"$D/.tmp-commit" ;;
	commit-rows-alone)	# rows with no add before them
		printf '+x\n' >"$D/.tmp-commit" ;;
	journal-add)		# rows to add in a journal begun
		printf 'add\taudit.tsv\t10\n+x\n' >"$D/.tmp-journal" ;;
	both)			# two journals at once, the made one not spent
		printf 'append\tdeals/2026-10.tsv\t100\n' >"$D/.tmp-journal"
		cp "$D/reps.tsv" "$D/.tmp-reps.tsv.1.0"
		printf 'rename\t.tmp-reps.tsv.1.0\treps.tsv\n' >"$D/.tmp-commit" ;;
	esac
}
plants='commit-link journal-link commit-fifo journal-fifo lock-fifo lock-link
commit-absolute commit-dotdot commit-to-outside commit-other-name commit-temp-link
journal-outside journal-table journal-hardlink journal-longer both
commit-add-outside commit-add-table commit-add-other commit-add-longer commit-add-norows
commit-rows-alone journal-add'

# The data, with the planted names, and what is outside: byte for byte.
state() {
	(cd "$D" && find . -path ./.lock -prune -o -type f -print | LC_ALL=C sort |
	    xargs -r sha256sum
	find . \( -type l -o -type p \) -printf '%p %y %l\n' | LC_ALL=C sort)
	sha256sum "$outside" "$T/out.d"/* 2>/dev/null
	stat -c '%n %h' "$T/out.d"/* 2>/dev/null
}

# Each planted name, each writer: refused at once, nothing changed.
for kind in $plants; do
	bad=0 runs=0
	: >"$T/why"
	while IFS= read -r cmd; do
		rmdata "$D" && cp -a "$P" "$D"
		plant "$kind"
		state >"$T/before"
		eval "timeout 10 $cmd" >"$T/out" 2>"$T/err" </dev/null
		st=$?
		runs=$((runs + 1))
		state >"$T/after"
		if [ "$st" -eq 124 ]; then
			echo "$cmd: hung (killed after 10 s)" >>"$T/why"
		elif [ "$st" -ne 1 ]; then
			echo "$cmd: exit $st, want 1: $(head -c 200 "$T/err")" >>"$T/why"
		elif ! grep -q 'refused' "$T/err"; then
			echo "$cmd: the message does not say refused: $(head -c 200 "$T/err")" >>"$T/why"
		fi
		cmp -s "$T/before" "$T/after" ||
		    echo "$cmd: changed: $(diff "$T/before" "$T/after" | head -4 | tr '\n' '|')" >>"$T/why"
	done <<EOF
$writers
rep-list
perf-report --period 2026-10
sales-check
EOF
	if [ -s "$T/why" ]; then
		not_ok "$kind: every writer, reader and sales-check refuses it ($runs runs)" \
		    "$(head -3 "$T/why")"
	else
		ok "$kind: every writer, reader and sales-check refuses it, no hang, nothing touched ($runs runs)"
	fi
done

# What the refusal says, once each: sales-check reports and leaves it.
rmdata "$D" && cp -a "$P" "$D"
plant commit-dotdot
run sales-check
expect_status 1 "sales-check on a planted journal: exit 1"
expect_err "sales-check: .tmp-commit:1: '../outside' is not a temporary of its file: refused, and left alone (it is not a journal this program wrote: look at it, then remove it)" \
    "sales-check on a planted journal: says which line and that it left it"
run rep-add zz --name Z
expect_fail 1 "$D/.tmp-commit:1: '../outside' is not a temporary of its file; refused" \
    "a writer on a planted journal: names it, refused"
rmdata "$D" && cp -a "$P" "$D"
plant commit-fifo
run timeout 10 rep-add zz --name Z
expect_fail 1 "$D/.tmp-commit: not a regular file; refused" \
    "a writer on a FIFO journal: refused at once"
rmdata "$D" && cp -a "$P" "$D"
plant lock-fifo
run timeout 10 rep-list
expect_fail 1 "$D/.lock: not a regular file; refused" "a reader on a FIFO .lock: refused at once"
done_testing
