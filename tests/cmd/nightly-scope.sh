# sales-nightly --team T and --manager R: a lead's own morning report.  The
# reps of the report are those on the team, or in the manager's
# organisation, on the report's day by the dated organisation; the set is
# computed independently (tests/oracle/org.awk), and no other rep's id or
# name appears anywhere in the text or the HTML report.
. "$(dirname "$0")/lib.sh"
nightly=$top/scripts/sales-nightly
oracle=$top/tests/oracle/org.awk
sales-gen -q --seed 3 --reps 16 --deals 1500 --months 6 "$SALESMGR_DIR" ||
    { echo "not ok - sales-gen failed"; exit 1; }
# r0011 joins t01 (under r0001) before the report's day; r0010 only after
# it; r0012 stays on t02 but reports to r0004, who reports to r0001.
setup rep-edit r0011 --team t01 --manager r0001 --date 2026-11-01 --today 2026-11-20
setup rep-edit r0010 --team t01 --manager r0001 --date 2026-12-01 --today 2026-12-01
setup rep-edit r0012 --manager r0004 --date 2026-11-01 --today 2026-11-20
d=$SALESMGR_DIR

# scoped WHAT AWKVAR=VALUE NIGHTLY-OPTIONS...: the report in text and in
# HTML; the reps it may name by the oracle ($T/in), the others ($T/others).
scoped() {
	what=$1 var=$2
	shift 2
	awk -v mode=scope -v day="$SALESMGR_TODAY" -v "$var" -f "$top/tests/oracle/money.awk" -f "$oracle" \
	    "$d/reps.tsv" "$d/teams.tsv" "$d/org.tsv" | sort >"$T/in"
	tail -n +2 "$d/reps.tsv" | cut -f1 | sort | comm -23 - "$T/in" >"$T/others"
	for fmt in text html; do
		run "$nightly" "$@" -o "$fmt"
		expect_status 0 "$what -o $fmt: exit 0"
		expect_err_empty "$what -o $fmt: nothing on stderr"
		cp "$T/out" "$T/report.$fmt"
		# The title names the manager: not a row of theirs.
		grep -v 'Sales report for' "$T/report.$fmt" >"$T/out"
		leak=
		while read -r r; do
			name=$(awk -F'\t' -v r="$r" '$1 == r { print $2 }' "$d/reps.tsv")
			if grep -qw -- "$r" "$T/out" || grep -qF -- "$name" "$T/out"; then
				leak="$leak $r ($name)"
			fi
		done <"$T/others"
		if [ -z "$leak" ]; then ok "$what -o $fmt: no other rep named"
		else not_ok "$what -o $fmt: no other rep named" "named:$leak"; fi
	done
	# Every rep of the month's table is one of the report's, and every one
	# of theirs with a row in perf-report is there.
	awk '/^== Month to date/ { on = 1; getline; next } /^$/ { on = 0 } on { print $1 }' \
	    "$T/report.text" | sort >"$T/shown"
	perf-report --period mtd --no-header | cut -f1 | sort | comm -12 - "$T/in" >"$T/want"
	if [ -s "$T/want" ] && cmp -s "$T/want" "$T/shown"; then
		ok "$what: the month's table has the reps of the oracle"
	else
		not_ok "$what: the month's table has the reps of the oracle" \
		    "want: $(tr '\n' ' ' <"$T/want")" "shown: $(tr '\n' ' ' <"$T/shown")"
	fi
}

# The test can fail: the whole company's report names the others.
run "$nightly"
n=0
for r in r0009 r0010 r0013 r0014; do grep -qw "$r" "$T/out" && n=$((n + 1)); done
check "the unscoped report names reps of both teams" test "$n" -gt 0

scoped "--team t01" team=t01 --team t01
check "--team: the team's rep moved in before the day is in" grep -qx r0011 "$T/in"
check "--team: the rep moved in after the day is not" grep -qx r0010 "$T/others"
expect_file "$T/report.text" "$(cat "$T/report.text")" "--team: the report is stable"
check "--team: the title says whose report it is" \
    grep -q '^Sales report for 2026-11-26, team t01' "$T/report.text"
check "--team: the month's table is per rep" grep -q '^== Month to date$' "$T/report.text"
check "--team: no table of teams" sh -c '! grep -q "by team" "$0"' "$T/report.text"
check "--team: the HTML is well-formed" awk -f "$top/tests/cmd/html-balance.awk" "$T/report.html"

scoped "--manager r0001" under=r0001 --manager=r0001
check "--manager: a rep under a rep under the manager is in" grep -qx r0012 "$T/in"
check "--manager: the manager is not their own report" grep -qx r0001 "$T/others"
check "--manager: the title names nobody else" test "$(grep -c 'r0001' "$T/report.html")" -eq 2
check "--manager: the HTML is well-formed" awk -f "$top/tests/cmd/html-balance.awk" "$T/report.html"
check "--manager: the title says whose report it is" \
    grep -q "<h1>Sales report for 2026-11-26, r0001's organisation" "$T/report.html"

# On a past day the organisation of that day: r0011 not yet on t01.
SALESMGR_TODAY=2026-10-15 run "$nightly" --team t01
expect_status 0 "--team on an earlier day: exit 0"
check "--team on an earlier day: r0011 was on t02 then" sh -c '! grep -qw r0011 "$0"' "$T/out"

# In a pipe, from cron's bare environment.
env -i PATH=/usr/bin:/bin LC_ALL=C HOME="$T" SALESMGR_DIR="$d" SALESMGR_TODAY=2026-11-26 \
    sh -c '"$0" --team t02 | head -n 1' "$nightly" >"$T/out" 2>"$T/err" </dev/null
st=$?
expect_status 0 "sales-nightly --team | head under cron: exit 0"
expect_out "Sales report for 2026-11-26, team t02 (amounts in EUR)" \
    "sales-nightly --team | head under cron: the title"
expect_err_empty "sales-nightly --team | head under cron: nothing on stderr"

# Bad input: exact message, exit status, nothing written.
bad 1 "sales-nightly: rep-list: unknown team 't09' (did you mean 't01'?)" "an unknown team" \
    "$nightly" --team t09
bad 1 "sales-nightly: rep-list: unknown manager 'r0099' (did you mean 'r0009'?)" "an unknown manager" \
    "$nightly" --manager r0099
bad_usage "sales-nightly: --team and --manager: one or the other" "--team and --manager" \
    "$nightly" --team t01 --manager r0001
bad_usage "sales-nightly: option '--team' needs a value" "--team without a value" \
    "$nightly" --team
done_testing
