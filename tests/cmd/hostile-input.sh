#!/bin/sh
# hostile-input.sh: what a --from input or an option may hold, and where it
# may come from.  Every input is read before the write lock is taken (a
# FIFO, /dev/stdin, <(reader) never hold it); a line has a length limit
# (/dev/zero is refused, not read into memory); CR-only line ends and a
# header line met again are refused; no C0 control character in any text;
# no '+' before an amount; reports cannot be asked for a period longer than
# any history.  Each refusal: a clear message, exit 1 (2 for usage),
# nothing written.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
# limited N: "ulimit -v N &&" for a command run by sh -c, but nothing in a
# sanitizer build, which reserves terabytes of address space at start: there
# the memory is not measured, the refusals still are.
limited() {
	if grep -q __asan_init "$top/bin/rep-add" 2>/dev/null; then
		echo ":"
	else
		echo "ulimit -v $1"
	fi
}
init
rep-add -q a1 --name "Ann A" || exit 1

# A FIFO as --from: written to by a program that first reads the data
# (rep-list waits for the lock): with the input read before the lock, no
# deadlock, and the rows arrive.
mkfifo "$T/fifo"
printf 'rep\tname\nf1\tFifo One\n' >"$T/one.tsv"
( SALESMGR_LOCK_TIMEOUT=3 rep-list >/dev/null 2>&1; echo $? >"$T/rl.st"
    cat "$T/one.tsv" ) >"$T/fifo" &
writer=$!
SALESMGR_LOCK_TIMEOUT=3 run timeout 20 rep-add -q --from "$T/fifo"
wait "$writer"
expect_status 0 "--from a FIFO fed after a reader: read before the lock, exit 0"
expect_file "$T/rl.st" 0 "--from a FIFO: the reader feeding it was not locked out"
check "--from a FIFO: the row is there" grep -q '^f1	Fifo One	' "$D/reps.tsv"

# /dev/stdin and <(...) (a pipe behind a /dev/fd name) the same way.
printf 'rep\tname\nf2\tStdin Two\n' | { SALESMGR_LOCK_TIMEOUT=3 rep-add -q --from /dev/stdin; }
st=$?
expect_status 0 "--from /dev/stdin from a pipe: exit 0"
check "--from /dev/stdin: the row is there" grep -q '^f2	Stdin Two	' "$D/reps.tsv"
if optional bash "<(...) is bash's"; then
	run bash -c 'SALESMGR_LOCK_TIMEOUT=3 rep-edit -q --from <(rep-list) --region west'
	expect_status 0 "--from <(rep-list) into rep-edit: no deadlock, exit 0"
	check "--from <(rep-list): every rep got the region" \
	    test "$(rows reps.tsv | cut -f10 | sort -u)" = west
fi
# The writer holds no lock while it reads: a reader started meanwhile runs.
mkfifo "$T/slow"
( sleep 2; cat "$T/one.tsv" ) >"$T/slow" &
feeder=$!
rep-add -q --from "$T/slow" >"$T/slow.out" 2>"$T/slow.err" &
slowadd=$!
sleep 0.5
SALESMGR_LOCK_TIMEOUT=0 run rep-list --no-header
expect_status 0 "a reader runs while a writer still reads its --from input"
wait "$feeder"
wait "$slowadd"

# /dev/zero: one endless line.  Refused at the length limit, in bounded
# memory (also under a 200 MB address space limit).
snapshot
run sh -c "$(limited 200000) && exec rep-add --from /dev/zero"
expect_fail 1 "rep-add: /dev/zero:1: line longer than 16777216 bytes (not a TSV file?)" \
    "--from /dev/zero: refused at the line limit, under ulimit -v"
expect_unchanged "--from /dev/zero: nothing written"
head -c 17000000 /dev/zero | tr '\0' 'x' >"$T/long"
run rep-add --from "$T/long"
expect_fail 1 "rep-add: $T/long:1: line longer than 16777216 bytes (not a TSV file?)" \
    "--from a file of one 17 MB line: refused"

# CR-only line ends: the whole file would be one line.
printf 'rep\tname\rc1\tCee One\rc2\tCee Two\r' >"$T/cr.tsv"
bad 1 "rep-add: $T/cr.tsv:1: header: a carriage return inside the line (lines end in CR alone? convert them to LF)" \
    "--from with CR-only line ends" rep-add --from "$T/cr.tsv"
# CRLF is fine.
printf 'rep\tname\r\ncr1\tCr One\r\n' >"$T/crlf.tsv"
run rep-add -q --from "$T/crlf.tsv"
expect_status 0 "--from with CRLF line ends: exit 0"

# Two exports joined: the second header is not a rep.
printf 'rep\tname\nh1\tH One\nrep\tname\nh2\tH Two\n' >"$T/joined.tsv"
bad 1 "rep-add: $T/joined.tsv:3: the header line again (two files joined?); remove it
rep-add: nothing was changed" "--from with the header line again" rep-add --from "$T/joined.tsv"

# Control characters in text: an ESC sequence, a CR, a BEL, DEL, C1 CSI.
# The message shows each control character as '?': it never reaches the
# terminal raw.
for c in '\033[31m' '\r' '\007' '\177' '\302\233'; do
	name=$(printf "Evil${c}Name")
	case $c in
	'\033[31m') hex=1b shown='Evil?[31mName' ;;
	'\r') hex=0d shown='Evil?Name' ;;
	'\007') hex=07 shown='Evil?Name' ;;
	'\177') hex=7f shown='Evil?Name' ;;
	*) hex=9b shown='Evil?Name' ;;
	esac
	bad 1 "rep-add: name '$shown' holds a control character (0x$hex)
rep-add: nothing was changed" "a name with control character 0x$hex" rep-add e1 --name "$name"
done
printf 'rep\tname\ne2\tTab\\there\n' >"$T/tab.tsv"
run rep-add -q --from "$T/tab.tsv"
expect_status 0 "a tab in a name (escaped in the file) is text"
printf 'rep\tname\ne3\tEsc\033]0;title\007\n' >"$T/osc.tsv"
bad 1 "rep-add: $T/osc.tsv:2: name 'Esc?]0;title?' holds a control character (0x1b)
rep-add: nothing was changed" "--from: an OSC sequence in a name" rep-add --from "$T/osc.tsv"

# No '+' before an amount (salesmgr-files(5)).
bad 1 "deal-add: amount '+100' is not an amount (write 1234.56 or 1,234.56)
deal-add: nothing was changed" "deal-add --amount +100" \
    deal-add --rep a1 --account acme --amount +100

# A period longer than any history: refused, not gigabytes of months.
snapshot
run sh -c "$(limited 400000) && exec perf-report --by month --period 1000-01-01..2026-11-26"
expect_fail 2 "invalid period '1000-01-01..2026-11-26'" \
    "perf-report --by month over a thousand years: refused (under ulimit -v)"
run sh -c "$(limited 400000) && exec perf-report --by month --period 1927-01-01..2026-11-26"
expect_status 0 "perf-report --by month over a hundred years: works in 400 MB"
expect_unchanged "the reports wrote nothing"
done_testing
