# Tables on a terminal: run in a pseudo-terminal (script(1)) 80 and 120
# columns wide, no line is longer than the terminal, the note on hidden
# columns is there, and colour is used; in a pipe and with NO_COLOR there
# is no colour.  script(1) is util-linux's (bsdutils, on every Debian).
. "$(dirname "$0")/lib.sh"
need script "script(1) is not installed (bsdutils): no pseudo-terminal to test in"
g=$T/gen
sales-gen -q --seed 7 --reps 40 --deals 3000 --months 6 --today 2026-11-26 "$g" ||
    { echo "not ok - sales-gen failed"; exit 1; }
export SALESMGR_DIR=$g SALESMGR_TODAY=2026-11-26
unset NO_COLOR
TERM=xterm
export TERM
esc=$(printf '\033')

# tty COLS CMD: CMD's output on a terminal COLS wide, in $T/tty, the
# escapes of colour kept, the carriage returns gone.
tty() {
	cols=$1
	shift
	script -qec "stty cols $cols rows 50; $*" /dev/null </dev/null 2>/dev/null |
	    tr -d '\r' >"$T/tty"
}
# The widest line, colour taken out, in columns of the terminal (wc -L
# counts display width in a UTF-8 locale, where awk's length may count
# bytes).
widest() {
	sed "s/$esc\[[0-9;]*m//g" "$T/tty" | LC_ALL=C.UTF-8 wc -L | tr -d ' '
}

for cols in 80 120; do
	for cmd in "perf-report" "perf-report --by team" "rep-list" "deal-list --open" \
	    "deal-forecast --by team" "train-status"; do
		tty $cols "$cmd"
		w=$(widest)
		check "$cmd at $cols columns: no line longer than the terminal (widest $w)" \
		    test "$w" -le "$cols" -a "$w" -gt 0
	done
done
tty 80 perf-report
check "perf-report at 80 columns: says which columns it left out" \
    grep -q "columns\{0,1\} hidden: -o wide, or --columns" "$T/tty"
check "perf-report on a terminal: in colour" grep -q "$esc\[" "$T/tty"
tty 80 "perf-report -o wide"
check "-o wide hides nothing" sh -c "! grep -q 'hidden: -o wide' '$T/tty'"
tty 80 "NO_COLOR=1 perf-report"
check "NO_COLOR: no colour on a terminal" sh -c "! grep -q '$esc\[' '$T/tty'"
tty 80 "perf-report --color never"
check "--color never: no colour on a terminal" sh -c "! grep -q '$esc\[' '$T/tty'"
tty 80 "TERM=dumb perf-report"
check "TERM=dumb: no colour" sh -c "! grep -q '$esc\[' '$T/tty'"
tty 80 "perf-report | cat"
check "in a pipe: no colour" sh -c "! grep -q '$esc\[' '$T/tty'"
check "in a pipe: TSV, every column" sh -c "head -1 '$T/tty' | grep -q 'rep	team	name	quota'"
perf-report -o table --color always >"$T/out"
check "--color always: colour in a file" grep -q "$esc\[" "$T/out"
done_testing
