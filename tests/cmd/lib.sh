# lib.sh: sourced by every black-box test script in tests/cmd.
#
# Each script gets a fresh temporary directory $T, a data directory path
# $SALESMGR_DIR inside it (not created: call `init`), a fixed today, no
# colour, and bin/ first on PATH.  A check prints "ok N - what" or
# "not ok N - what" with the difference; tests/run counts them.
#
#   run CMD ARGS...        run with stdin from /dev/null; sets $st, $T/out, $T/err
#   run_in FILE CMD ...    the same with stdin from FILE
#   expect_status N what   the last run exited N
#   expect_out TEXT what   its stdout was exactly TEXT (plus a final newline)
#   expect_err TEXT what   its stderr was exactly TEXT (plus a final newline)
#   expect_err_has TEXT what   its stderr contains TEXT
#   expect_err_empty what      its stderr was empty
#   expect_fail N TEXT what    status N, stderr contains TEXT, no stdout
#   snapshot / expect_unchanged what   the data directory is byte-identical
#   settle [DIR]           wait until no program holds the data directory (a
#                          writer's checkpoint goes on after it exits)
#   rmdata DIR...          rm -rf DIR once settled (a data directory or cache/)
#   u64_at FILE AT         the 64-bit number at byte AT of FILE (a cache's head)
#   records FILE AT        "DEAL LINE OFF" of each three 32-bit numbers from
#                          byte AT (the deal index's rows files, lib/dealindex.h)
#   kill_each CALL MAX BASE DIR VERIFY CMD...   (needs strace) for n = 1, 2 ...
#                          (MAX at most): DIR a copy of BASE, CMD run with its
#                          (or a child's) n-th CALL killed, then sales-check
#                          --repair on DIR and VERIFY; until CMD makes no n-th.
#                          VERIFY returns 1 when what is left is wrong, why in
#                          $why (printed).  Sets $kills and $bad (how many
#                          VERIFY found wrong); $T/trace is the last trace.
#   check WHAT CMD ARGS... passes when CMD exits 0
#   bad N TEXT what CMD... CMD is refused: status N, stderr exactly TEXT, no
#                          stdout, nothing written (a script may define its own)
#   bad_usage TEXT what CMD...  status 2, TEXT then the usage, nothing written
#   setup CMD...           a step that builds the data: CMD -q, its output
#                          dropped; a failure is reported, not hidden
#   quiet_night what CMD...    CMD with an empty stdin (no header, no bytes) does
#                          nothing: status 0, no stdout or stderr, nothing written
#
# What needs a tool beyond a compiler, make and the base system (tests/deps
# lists them; `make test-deps` installs them) is skipped without it, never
# passed: "ok N # SKIP why", which tests/run counts as skipped, and as a
# failure when CI=true (CI runs everything).
#   skip WHY               the next check is not made, because WHY
#   skip_all WHY           nor is any other: skip, then end the script
#   optional TOOL WHY      true when TOOL is on PATH; else skip and false:
#                          if optional zsh "the zsh completion"; then ...
#   need TOOL WHY          the same for the whole script (skip_all)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
PATH=$top/bin:$PATH
T=$(mktemp -d "${TMPDIR:-/tmp}/salesmgr-test.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
HOME=$T/home
SALESMGR_DIR=$T/data
SALESMGR_TODAY=2026-11-26
NO_COLOR=1
LC_ALL=C
export PATH HOME SALESMGR_DIR SALESMGR_TODAY NO_COLOR LC_ALL
unset XDG_DATA_HOME SALESMGR_LOCK_TIMEOUT
# Files a test writes by hand are private, as the programs make theirs.
umask 077
tn=0 tfail=0 st=0

ok() { tn=$((tn + 1)); echo "ok $tn - $1"; }
not_ok() {
	tn=$((tn + 1)); tfail=$((tfail + 1))
	echo "not ok $tn - $1"
	shift
	for l in "$@"; do echo "#   $l"; done
}
run() { "$@" >"$T/out" 2>"$T/err" </dev/null; st=$?; }
run_in() { f=$1; shift; "$@" >"$T/out" 2>"$T/err" <"$f"; st=$?; }
expect_status() {
	if [ "$st" -eq "$1" ]; then ok "$2"
	else not_ok "$2" "exit status $st, want $1" "stderr: $(head -c 400 "$T/err")"; fi
}
expect_file() {	# expect_file FILE TEXT what
	printf '%s\n' "$2" >"$T/want"
	if cmp -s "$T/want" "$1"; then ok "$3"
	else not_ok "$3" "$(diff "$T/want" "$1" | head -20 | tr '\n' '|')"; fi
}
expect_out() { expect_file "$T/out" "$1" "$2"; }
expect_err() { expect_file "$T/err" "$1" "$2"; }
expect_out_empty() {
	if [ -s "$T/out" ]; then not_ok "$1" "stdout: $(head -c 300 "$T/out")"; else ok "$1"; fi
}
expect_err_has() {
	if grep -qF -- "$1" "$T/err"; then ok "$2"
	else not_ok "$2" "stderr lacks '$1'" "stderr: $(head -c 400 "$T/err")"; fi
}
expect_out_has() {
	if grep -qF -- "$1" "$T/out"; then ok "$2"
	else not_ok "$2" "stdout lacks '$1'" "stdout: $(head -c 400 "$T/out")"; fi
}
expect_fail() {	# expect_fail STATUS TEXT what
	if [ "$st" -ne "$1" ]; then
		not_ok "$3" "exit status $st, want $1" "stderr: $(head -c 400 "$T/err")"
	elif ! grep -qF -- "$2" "$T/err"; then
		not_ok "$3" "stderr lacks '$2'" "stderr: $(head -c 400 "$T/err")"
	elif [ -s "$T/out" ]; then
		not_ok "$3" "stdout not empty: $(head -c 200 "$T/out")"
	else ok "$3"; fi
}
check() {	# check WHAT CMD ARGS...: passes when CMD exits 0
	what=$1; shift
	if "$@"; then ok "$what"; else not_ok "$what" "failed: $*"; fi
}
settle() {
	if [ -d "${1:-$SALESMGR_DIR}" ] && command -v flock >/dev/null 2>&1; then
		flock -s "${1:-$SALESMGR_DIR}" true
	fi
}
# rmdata DIR...: rm -rf, once no program holds DIR (a data directory or its
# cache/): a writer's background checkpoint must not write into a directory
# being removed, or into the copy that takes its place.
rmdata() {
	for d; do
		case $d in */cache) settle "${d%/cache}" ;; *) settle "$d" ;; esac
		rm -rf "$d"
	done
}
u64_at() {
	od -A n -t u8 -j "$2" -N 8 -v "$1" | tr -d ' '
}
# uncached DIR CMD...: CMD run with DIR's cache/ moved aside (once no
# program holds DIR), as without any checkpoint or index, then put back;
# CMD's status
uncached() {
	_dir=$1
	shift
	settle "$_dir"
	mv "$_dir/cache" "$T/cache.off" || return 1
	"$@"
	_st=$?
	mv "$T/cache.off" "$_dir/cache"
	return $_st
}
# deal_rows DIR COL...: every row of DIR's deal month files, oldest month
# first, as "NUMBER<tab>COL<tab>...", a column a file lacks empty
deal_rows() {
	_dir=$1
	shift
	for _f in "$_dir"/deals/*.tsv; do
		awk -F'\t' -v want="$*" '
		FNR == 1 { split("", c); for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ printf "%s", substr($c["deal"], 2) + 0
		  n = split(want, w, " ")
		  for (i = 1; i <= n; i++) printf "\t%s", (w[i] in c) ? $c[w[i]] : ""
		  printf "\n" }' "$_f"
	done
}
# records FILE HEAD: the records (deal, line, offset) of a deal index's
# or checkpoint's binary file, as many as the count at byte 8 of its head
# says (not the fences after them), one a line
records() {
	od -A n -t u4 -j "$2" -N $((12 * $(u64_at "$1" 8))) -v "$1" | tr -s ' ' '\n' | awk 'NF' |
	    paste -d' ' - - -
}
kill_each() {
	_call=$1 _max=$2 _base=$3 _dir=$4 _verify=$5
	shift 5
	kills=0 bad=0
	while [ "$kills" -lt "$_max" ]; do
		rmdata "$_dir"
		cp -a "$_base" "$_dir"
		# (LeakSanitizer, in a sanitized build, cannot run under ptrace.)
		ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		    strace -f -o "$T/trace" -e trace="$_call" \
		    -e inject="$_call":signal=KILL:when=$((kills + 1)) "$@" >/dev/null 2>&1
		grep -q "killed by SIGKILL" "$T/trace" || break	# no such call: done
		kills=$((kills + 1))
		sales-check -q -D "$_dir" --repair >/dev/null 2>&1
		why=
		if ! "$_verify"; then
			bad=$((bad + 1))
			echo "# killed at $_call $kills: $why"
		fi
	done
}
data_sum() {
	settle
	(cd "$SALESMGR_DIR" && find . -type f ! -name .lock | LC_ALL=C sort |
	    xargs -r sha256sum)
}
snapshot() { data_sum >"$T/snap"; }
expect_unchanged() {
	data_sum >"$T/snap2"
	if cmp -s "$T/snap" "$T/snap2"; then ok "$1"
	else not_ok "$1" "data changed: $(diff "$T/snap" "$T/snap2" | head -5 | tr '\n' '|')"; fi
}
skip() { tn=$((tn + 1)); echo "ok $tn # SKIP $1"; }
skip_all() { skip "$1"; done_testing; exit; }
optional() {
	command -v "$1" >/dev/null 2>&1 && return 0
	skip "$1 is not installed (make test-deps): $2"
	return 1
}
need() { optional "$1" "$2" || { done_testing; exit; }; }
init() { sales-init -q "$@" >/dev/null 2>&1 || { echo "not ok - sales-init failed"; exit 1; }; }
# book REP AMOUNT DATE [OPENED]: a deal of REP's opened on OPENED (the first
# of DATE's month) and won on DATE; the deals are numbered D1, D2, ... in
# the order booked (nbooked counts them; 0 again for a new directory).
nbooked=0
book() {
	deal-add -q --rep "$1" --account acme --amount "$2" --date "${4:-${3%-??}-01}" \
	    >/dev/null &&
	    nbooked=$((nbooked + 1)) && deal-won -q "D$nbooked" --date "$3" ||
	    not_ok "setup: book $*"
}
# Rows of a data file without the header.
rows() { tail -n +2 "$SALESMGR_DIR/$1"; }
done_testing() {
	echo "# $tn checks, $tfail failed"
	[ "$tfail" -eq 0 ]
}
bad() {
	want=$1 msg=$2 what=$3; shift 3
	snapshot
	run "$@"
	expect_status "$want" "$what: exit $want"
	expect_err "$msg" "$what: message"
	expect_out_empty "$what: nothing on stdout"
	expect_unchanged "$what: nothing written"
}
bad_usage() {
	msg=$1 what=$2; shift 2
	snapshot
	run "$@"
	expect_status 2 "$what: exit 2"
	head -n 1 "$T/err" >"$T/err1"
	expect_file "$T/err1" "$msg" "$what: message"
	expect_err_has "usage: $(basename "$1") " "$what: usage follows"
	expect_out_empty "$what: nothing on stdout"
	expect_unchanged "$what: nothing written"
}
expect_err_empty() {
	if [ -s "$T/err" ]; then not_ok "$1" "stderr: $(head -c 300 "$T/err")"; else ok "$1"; fi
}
quiet_night() {
	what=$1; shift
	: >"$T/quiet"
	snapshot
	run_in "$T/quiet" "$@"
	expect_status 0 "$what: exit 0"
	expect_out_empty "$what: nothing on stdout"
	expect_err_empty "$what: nothing on stderr"
	expect_unchanged "$what: nothing written"
}
setup() { "$@" -q >/dev/null || not_ok "setup: $*" "exit status $?"; }
