# assign-solve: formats, messages, bad input, exit statuses, pipes, and the
# optimum against exhaustive search in awk on random instances.
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')
pairs() {	# pairs FILE "agent task value" ...: a TSV of pairs
	f=$1; shift
	printf 'agent\ttask\tvalue\n' >"$f"
	for p in "$@"; do echo "$p" | tr ' ' '\t' >>"$f"; done
}

# Anna is worth most on acme, but bob can only do acme well: the best
# pair of moves is anna-beta and bob-acme.
pairs "$T/p.tsv" "anna acme 100" "anna beta 50" "bob acme 90" "bob gamma 10"
run_in "$T/p.tsv" assign-solve
expect_status 0 "a plain assignment succeeds"
expect_out "agent${tab}task${tab}value
anna${tab}beta${tab}50
bob${tab}acme${tab}90" "the optimum as TSV, by agent then task"
expect_err "assign-solve: objective 140, 2 tasks assigned, 1 unassigned
assign-solve: task 'gamma' unassigned" "the objective and the task left out on stderr"

run_in "$T/p.tsv" assign-solve --minimize
expect_out "agent${tab}task${tab}value
anna${tab}beta${tab}50
bob${tab}gamma${tab}10" "--minimize still assigns as many tasks as it can"
expect_err_has "objective 60, 2 tasks assigned, 1 unassigned" "... and says so"

run_in "$T/p.tsv" assign-solve --capacity 2 -o table
expect_out "agent  task   value
anna   acme     100
anna   beta      50
bob    gamma     10" "--capacity N for every agent; a table with -o table"
expect_err "assign-solve: objective 160, 3 tasks assigned, 0 unassigned" "every task assigned"

run_in "$T/p.tsv" assign-solve -o json -q
expect_out '{"agent":"anna","task":"beta","value":50}
{"agent":"bob","task":"acme","value":90}' "json lines, values as numbers"
check "-q prints no summary" test ! -s "$T/err"

run_in "$T/p.tsv" assign-solve --no-header --capacity 0
expect_out_empty "capacity 0: nothing assigned, no header with --no-header"
expect_err "assign-solve: objective 0, 0 tasks assigned, 3 unassigned
assign-solve: task 'acme' unassigned
assign-solve: task 'beta' unassigned
assign-solve: task 'gamma' unassigned" "every task listed as unassigned, by name"
expect_status 0 "tasks left out is not a failure"

# Capacities from a file: an agent there without pairs is no concern.
printf 'agent\tcapacity\tnote\nbob\t2\t\nanna\t0\t\nzoe\t5\tnot paired\n' >"$T/cap.tsv"
run_in "$T/p.tsv" assign-solve --capacity "$T/cap.tsv"
expect_out "agent${tab}task${tab}value
bob${tab}acme${tab}90
bob${tab}gamma${tab}10" "--capacity FILE, per agent"

# Negative values: maximising still assigns the most tasks it can.
pairs "$T/neg.tsv" "a x -5" "a y -7" "b y -1"
run_in "$T/neg.tsv" assign-solve
expect_out "agent${tab}task${tab}value
a${tab}x${tab}-5
b${tab}y${tab}-1" "negative values are assigned all the same"
expect_err_has "objective -6, 2 tasks assigned, 0 unassigned" "... and the objective is negative"

# Amounts: values keep the most decimals any of them has.
pairs "$T/m.tsv" "a x 12" "a y 1234.50" "b x 0.05" "b y -3.5"
run_in "$T/m.tsv" assign-solve
expect_out "agent${tab}task${tab}value
a${tab}y${tab}1234.50
b${tab}x${tab}0.05" "amounts are exact, in the smallest unit given"
expect_err_has "objective 1234.55," "the objective is exact too"
run_in "$T/m.tsv" assign-solve -o table
expect_out "agent  task     value
a      y     1,234.50
b      x         0.05" "amounts right-aligned and grouped in a table"

# Names are any text; messages show them escaped, on one line.
printf 'agent\ttask\tvalue\nann smith\tx\\ty\t1\nann smith\tz\t2\n' >"$T/esc.tsv"
run_in "$T/esc.tsv" assign-solve
expect_out "agent${tab}task${tab}value
ann smith${tab}z${tab}2" "names with blanks and tabs"
expect_err_has "assign-solve: task 'x\\ty' unassigned" "... are shown escaped on stderr"

# Same answer whatever the order of the rows.
{ head -1 "$T/p.tsv"; tail -n +2 "$T/p.tsv" | sort -r; } >"$T/p-rev.tsv"
run_in "$T/p-rev.tsv" assign-solve
expect_out "agent${tab}task${tab}value
anna${tab}beta${tab}50
bob${tab}acme${tab}90" "rows in another order: the same assignment"

# In a pipe: --from -, and the output is valid input again.
run sh -c "cat '$T/p.tsv' | assign-solve --from - -q | assign-solve -q | cut -f2"
expect_out "task
beta
acme" "a pipe: assign-solve | assign-solve keeps the assignment"
run assign-solve --from "$T/p.tsv" -q
expect_out_has "bob${tab}acme${tab}90" "--from FILE"

# No data directory needed, and none made.
check "the data directory is neither needed nor made" test ! -e "$SALESMGR_DIR"

# Bad input: a message naming file and line, status 1, nothing on stdout.
printf 'agent\ttask\nanna\tacme\n' >"$T/nocol.tsv"
run_in "$T/nocol.tsv" assign-solve
expect_fail 1 "assign-solve: stdin:1: missing column 'value'" "a missing column"
pairs "$T/bad.tsv" "anna acme 1e5" "anna beta 12,5" "bob acme 9223372036854775808" \
    "bob beta -9223372036854775808" "carl acme 0.1234567891" "carl beta 1." "dan acme +7"
printf '\tacme\t1\nerin\n' >>"$T/bad.tsv"
run assign-solve --from "$T/bad.tsv"
expect_fail 1 "$T/bad.tsv: 7 bad rows; nothing was assigned" "bad rows: all reported, nothing assigned"
expect_err "assign-solve: $T/bad.tsv:2: value '1e5' is not an integer or amount
assign-solve: $T/bad.tsv:3: value '12,5' is not an integer or amount
assign-solve: $T/bad.tsv:4: value '9223372036854775808' is out of range
assign-solve: $T/bad.tsv:6: value '0.1234567891' has more than 9 decimals
assign-solve: $T/bad.tsv:7: value '1.' is not an integer or amount
assign-solve: $T/bad.tsv:9: empty agent
assign-solve: $T/bad.tsv:10: 1 fields, header has 3
assign-solve: $T/bad.tsv: 7 bad rows; nothing was assigned" "each bad row by line; int64's least value and +7 are fine"
pairs "$T/big.tsv" "a x 0.01" "b y 92233720368547759"
run_in "$T/big.tsv" assign-solve
expect_fail 1 "stdin:3: value '92233720368547759' is out of range at 2 decimals" \
    "a value past int64 once scaled"
pairs "$T/big2.tsv" "a x 922337203685477581" "b y 0.5"
run_in "$T/big2.tsv" assign-solve
expect_fail 1 "stdin:3: value '0.5' needs 1 decimals, and an earlier value is out of range at that many" \
    "an earlier value past int64 once scaled"
pairs "$T/dup.tsv" "anna acme 1" "bob acme 2" "anna acme 3"
run_in "$T/dup.tsv" assign-solve
expect_fail 1 "assign-solve: stdin: agent 'anna' and task 'acme' paired twice" "a pair given twice"
pairs "$T/wide.tsv" "a x -9000000000000000000" "b y 9000000000000000000"
run_in "$T/wide.tsv" assign-solve
expect_fail 1 "assign-solve: the values lie too far apart to solve exactly" "values too far apart"
pairs "$T/sum.tsv" "a x 5000000000000000000" "b y 5000000000000000000"
run_in "$T/sum.tsv" assign-solve
expect_fail 1 "assign-solve: the total value is out of range" "a total past int64"
run assign-solve -q
expect_status 0 "an empty input is no pairs"
expect_out "agent	task	value" "an empty input: the header, nothing assigned"

# Bad capacities.
printf 'agent\tcapacity\nanna\t-1\nanna\t2\nanna\t3\ncarl\tx\n' >"$T/badcap.tsv"
run_in "$T/p.tsv" assign-solve --capacity "$T/badcap.tsv"
expect_fail 1 "$T/badcap.tsv: 4 problems; nothing was assigned" "bad capacity rows"
expect_err "assign-solve: $T/badcap.tsv:2: capacity '-1' is not a count (0 or more)
assign-solve: $T/badcap.tsv:4: agent 'anna' listed twice
assign-solve: $T/badcap.tsv:5: capacity 'x' is not a count (0 or more)
assign-solve: $T/badcap.tsv: no capacity for agent 'bob'
assign-solve: $T/badcap.tsv: 4 problems; nothing was assigned" "... each named: negative, twice, not a number, missing"
printf 'agent\tcap\n' >"$T/capcol.tsv"
run_in "$T/p.tsv" assign-solve --capacity "$T/capcol.tsv"
expect_fail 1 "$T/capcol.tsv:1: missing column 'capacity'" "a capacity file without the column"
run_in "$T/p.tsv" assign-solve --capacity "$T/none.tsv"
expect_fail 1 "assign-solve: $T/none.tsv: No such file or directory" "a capacity file that is not there"
run_in "$T/p.tsv" assign-solve --capacity -1
expect_fail 2 "invalid --capacity '-1': want a count or a file" "a negative --capacity is a usage error"
run_in "$T/p.tsv" assign-solve --capacity 99999999999999999999
expect_fail 2 "invalid --capacity '99999999999999999999'" "a --capacity past int64"

# Usage.
run assign-solve --bogus
expect_status 2 "an unknown option: status 2"
expect_err_has "usage: assign-solve" "... with the usage"
run assign-solve extra
expect_status 2 "an operand: status 2"
run assign-solve --help
expect_status 0 "--help: status 0"
head -n 3 "$T/out" >"$T/out3"
expect_file "$T/out3" "usage: assign-solve [--capacity FILE|N] [--maximize | --minimize] [--from FILE]
                    [-o FORMAT] [--no-header] [--raw] [--columns LIST]
                    [--color WHEN] [-q]" "--help prints the usage on stdout"
expect_out_has "      --minimize " "--help: then a line per option"
# It reads no data directory, and has no today.
bad_usage "assign-solve: unrecognized option '--data-dir'" "--data-dir is no option" \
    assign-solve --data-dir "$T"
bad_usage "assign-solve: unrecognized option '--today'" "--today is no option" \
    assign-solve --today 2026-11-26
run assign-solve -o xml
expect_status 2 "an unknown format: status 2"

# Output that cannot be written.
run sh -c "assign-solve --from '$T/p.tsv' >/dev/full"
expect_fail 1 "write error" "stdout to /dev/full: status 1"

# The optimum, proven: random instances (up to 4 agents with capacities
# 0..2, 6 tasks, some pairs missing) against exhaustive search in awk.
brute() {	# the most tasks, then the greatest (or, with min, least) value
	awk -F'\t' -v dir="$1" '
	FNR == 1 { next }
	FILENAME == ARGV[2] { cap[$1] = $2; next }
	{ if (!($1 in aid)) { aid[$1] = ++na; an[na] = $1 }
	  if (!($2 in tid)) { tid[$2] = ++nt; tn[nt] = $2 }
	  v[aid[$1], tid[$2]] = $3; has[aid[$1], tid[$2]] = 1 }
	function go(t, cnt, sum,   a) {
		if (t > nt) {
			if (!found || cnt > bc || (cnt == bc && (dir == "min" ? sum < bv : sum > bv))) {
				found = 1; bc = cnt; bv = sum
			}
			return
		}
		go(t + 1, cnt, sum)
		for (a = 1; a <= na; a++)
			if (has[a, t] && left[a] > 0) {
				left[a]--; go(t + 1, cnt + 1, sum + v[a, t]); left[a]++
			}
	}
	END { for (a = 1; a <= na; a++) left[a] = cap[an[a]]; go(1, 0, 0); print bc, bv }
	' "$2" "$3"
}
verify() {	# the output is an assignment within capacity; print count and sum
	awk -F'\t' 'FILENAME == ARGV[1] { if (FNR > 1) { cap[$1] = $2 }; next }
	    FILENAME == ARGV[2] { if (FNR > 1) v[$1, $2] = $3; next }
	    FNR == 1 { next }
	    { if (!(($1, $2) in v) || v[$1, $2] != $3 || ++used[$1] > cap[$1] || seen[$2]++) bad = 1
	      n++; s += $3 }
	    END { print bad ? "invalid" : n + 0 " " s + 0 }' "$1" "$2" "$3"
}
agree=0 valid=0 runs=40
for seed in $(seq 1 $runs); do
	awk -v seed="$seed" 'BEGIN {
		srand(seed); OFS = "\t"
		print "agent", "task", "value" > "'"$T"'/r.tsv"
		print "agent", "capacity" > "'"$T"'/rc.tsv"
		na = 1 + int(rand() * 4)
		for (a = 1; a <= na; a++) {
			print "a" a, int(rand() * 3) > "'"$T"'/rc.tsv"
			for (t = 1; t <= 6; t++)
				if (rand() < 0.7)
					print "a" a, "t" t, int(rand() * 41) - 10 > "'"$T"'/r.tsv"
		}
	}'
	for dir in max min; do
		assign-solve -q --${dir}imize --capacity "$T/rc.tsv" <"$T/r.tsv" >"$T/r.out"
		got=$(verify "$T/rc.tsv" "$T/r.tsv" "$T/r.out")
		want=$(brute $dir "$T/r.tsv" "$T/rc.tsv")
		[ "$got" != invalid ] && valid=$((valid + 1))
		[ "$got" = "$want" ] && agree=$((agree + 1))
		[ "$got" = "$want" ] || echo "# seed $seed $dir: assign-solve $got, search $want"
	done
done
check "$((runs * 2)) random instances: every output a valid assignment" test $valid -eq $((runs * 2))
check "... with the most tasks and the best value, as exhaustive search in awk" test $agree -eq $((runs * 2))

done_testing
