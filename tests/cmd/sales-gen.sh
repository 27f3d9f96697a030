# sales-gen: a new data directory that sales-check accepts; the same files
# for the same seed and sizes; the months it covers; the deals' event order;
# and bad input, which never touches an existing directory.
. "$(dirname "$0")/lib.sh"
usage="usage: sales-gen [--seed N] [--reps N] [--deals N] [--months N] [--reorgs N]
                 [-q] [--today DATE] DIR"

# tree DIR: every entry's name, type, mode and size, and every file's sum.
tree() {
	(cd "$1" && find . -printf '%p %y %m %s\n' | sort &&
	    find . -type f | sort | xargs -r sha256sum)
}
# gen_sums DIR: the sums of what sales-gen wrote, but for the audit log
# (its time column is the clock) and the open-deal cache (its file names
# fingerprint the ledgers' modification times; it is a cache, not data).
gen_sums() {
	(cd "$1" && find . -type f ! -name .lock ! -name audit.tsv ! -path './cache/*' |
	    sort | xargs -r sha256sum && cut -f2- audit.tsv)
}
# months_of DIR KIND: the month files of one ledger, one name a line.
months_of() { (cd "$1/$2" && ls); }

# Normal use.
g=$T/g
run sales-gen --seed 3 --reps 20 --deals 1500 --months 14 "$g"
expect_status 0 "sales-gen writes a new data directory"
expect_out_empty "and prints nothing when not on a terminal"
check "and nothing on stderr" test ! -s "$T/err"
for f in teams.tsv reps.tsv quotas.tsv ids.tsv config.tsv stages.tsv; do
	check "it wrote $f" test -s "$g/$f"
done
check "it wrote deals/ month files" test -s "$g/deals/2026-11.tsv"
check "it wrote activities/ month files" test -s "$g/activities/2026-11.tsv"
SALESMGR_DIR=$g run sales-check
expect_status 0 "sales-check finds nothing wrong in it"
check "and says nothing on stderr" test ! -s "$T/err"
check "20 reps" test "$(tail -n +2 "$g/reps.tsv" | wc -l)" -eq 20
check "teams of eight: 3 teams" test "$(tail -n +2 "$g/teams.tsv" | wc -l)" -eq 3
check "a quota per rep and month: 280 rows" test "$(tail -n +2 "$g/quotas.tsv" | wc -l)" -eq 280
SALESMGR_DIR=$g run rep-list --no-header
expect_status 0 "the other programs read it"
expect_file "$g/ids.tsv" "kind	next
deal	1501" "ids.tsv: the next deal id is deals + 1"
tail -q -n +2 "$g"/deals/*.tsv | cut -f2 | sort -u >"$T/ids"
check "every one of the 1500 deals has events" test "$(wc -l <"$T/ids")" -eq 1500
check "deal ids run D1..D1500" test "$(sed 's/^D//' "$T/ids" | sort -n | sed -n '1p;$p' | tr '\n' ' ')" = "1 1500 "

# --months N: N month files ending in today's month.
months_of "$g" deals >"$T/out"
expect_out "2025-10.tsv
2025-11.tsv
2025-12.tsv
2026-01.tsv
2026-02.tsv
2026-03.tsv
2026-04.tsv
2026-05.tsv
2026-06.tsv
2026-07.tsv
2026-08.tsv
2026-09.tsv
2026-10.tsv
2026-11.tsv" "--months 14: 14 deal month files ending in today's month"
months_of "$g" activities >"$T/out2"
check "and the same months of activities" cmp -s "$T/out" "$T/out2"
SALESMGR_TODAY=2027-01-15 run sales-gen --reps 3 --deals 300 --months 3 "$T/y"
expect_status 0 "across a year's end"
months_of "$T/y" deals >"$T/out"
expect_out "2026-11.tsv
2026-12.tsv
2027-01.tsv" "--months 3 in January: November, December, January"
run sales-gen --reps 3 --deals 100 --months 1 "$T/one-month"
expect_status 0 "--months 1"
months_of "$T/one-month" deals >"$T/out"
expect_out "2026-11.tsv" "--months 1: only today's month"
run sales-gen --reps 3 --deals 100 --months 1 --today 2026-03-10 "$T/today-opt"
months_of "$T/today-opt" deals >"$T/out"
expect_out "2026-03.tsv" "--today sets the last month"

# Every deal's events: opened first, in date order, none after today.
awk -F'\t' -v today="$SALESMGR_TODAY" '
	FNR == 1 { next }
	$1 > today { print FILENAME ": " $2 " " $3 " on " $1 " is after today" }
	!($2 in last) && $3 != "open" { print $2 " starts with " $3 }
	$2 in last && $1 < last[$2] { print $2 " " $3 " on " $1 " before " last[$2] }
	$1 < $13 { print $2 " " $3 " on " $1 " before it opened on " $13 }
	{ last[$2] = $1 }' "$g"/deals/*.tsv >"$T/bad"
check "every deal's events are in date order, from its open, never after today" \
    test ! -s "$T/bad"
[ -s "$T/bad" ] && head -5 "$T/bad" | sed 's/^/#   /'
awk -F'\t' -v today="$SALESMGR_TODAY" 'FNR > 1 && $1 > today' "$g"/activities/*.tsv >"$T/bad"
check "no activity after today" test ! -s "$T/bad"
awk -F'\t' 'FNR > 1 && $3 == "cancel" { c++ } FNR > 1 && $3 == "won" { w++ }
    FNR > 1 && $3 == "lost" { l++ } END { exit !(c > 0 && w > c && l > 0) }' "$g"/deals/*.tsv
st=$?
expect_status 0 "deals are won, lost and some cancelled"

# Determinism: the same seed and sizes give the same files (run under the
# same relative name, since the audit log records the directory).
mkdir "$T/a" "$T/b" "$T/c"
(cd "$T/a" && sales-gen -q --seed 9 --reps 12 --deals 800 --months 6 gen) &&
(cd "$T/b" && sales-gen -q --seed 9 --reps 12 --deals 800 --months 6 gen) &&
(cd "$T/c" && sales-gen -q --seed 10 --reps 12 --deals 800 --months 6 gen)
st=$?
expect_status 0 "three runs, two with the same seed"
gen_sums "$T/a/gen" >"$T/sa"
gen_sums "$T/b/gen" >"$T/sb"
check "the same seed and sizes: byte-identical files (audit time aside)" cmp -s "$T/sa" "$T/sb"
check "and it compared the ledgers" grep -q ' ./deals/2026-11.tsv$' "$T/sa"
cat "$T/a/gen"/deals/*.tsv >"$T/da"
cat "$T/c/gen"/deals/*.tsv >"$T/dc"
cmp -s "$T/da" "$T/dc"
st=$?
expect_status 1 "a different seed gives different deals"

# Bad input: nothing is created or changed.
mkdir "$T/full"
echo keep >"$T/full/notes.txt"
tree "$T/full" >"$T/before"
run sales-gen "$T/full"
expect_fail 1 "not empty" "a non-empty directory is refused"
expect_err "sales-gen: $T/full: directory is not empty; refused (a new data directory starts empty: nothing is ever overwritten)" \
    "with its message"
tree "$T/full" >"$T/after"
check "and it is left as it was" cmp -s "$T/before" "$T/after"
SALESMGR_DIR=$g snapshot
run sales-gen --seed 4 "$g"
expect_status 1 "a directory sales-gen already wrote is refused"
SALESMGR_DIR=$g expect_unchanged "and it is not touched"
for bad in "--reps 0" "--months 0"; do
	# shellcheck disable=SC2086
	run sales-gen $bad "$T/new"
	expect_fail 2 "at least 1" "$bad is a usage error"
	expect_err "sales-gen: --reps and --months must be at least 1" "$bad: its message"
	check "$bad: nothing created" test ! -e "$T/new"
done
run sales-gen --deals abc "$T/new"
expect_fail 2 "invalid" "--deals abc is a usage error"
expect_err "sales-gen: invalid --deals 'abc': want a whole number up to 100000000" \
    "--deals abc: its message"
check "--deals abc: nothing created" test ! -e "$T/new"
run sales-gen --reps -3 "$T/new"
expect_err "sales-gen: invalid --reps '-3': want a whole number up to 100000" \
    "a negative --reps is refused"
run sales-gen --seed 1x "$T/new"
expect_fail 2 "sales-gen: invalid --seed '1x': want a whole number up to 1000000000" \
    "a bad --seed"
run sales-gen --months 1201 "$T/new"
expect_fail 2 "sales-gen: invalid --months '1201': want a whole number up to 1200" \
    "too many --months"
run sales-gen --reps 3
expect_status 2 "no DIR is a usage error"
expect_err "$usage" "it prints the usage"
run sales-gen "$T/new" "$T/new2"
expect_status 2 "two DIRs is a usage error"
expect_err "$usage" "it prints the usage"
run sales-gen --colour "$T/new"
expect_status 2 "an unknown option is a usage error"
expect_err_has "$usage" "it prints the usage"
check "no DIR was created by a usage error" test ! -e "$T/new" -a ! -e "$T/new2"
run sales-gen --help
expect_status 0 "--help"
printf '%s\n\n' "$usage" >"$T/want"
head -n "$(wc -l <"$T/want")" "$T/out" >"$T/head"
check "--help prints the usage on stdout" cmp -s "$T/want" "$T/head"
expect_out_has "      --months=N " "--help: then a line per option"
run sales-gen -D "$T/new" "$T/new2"
expect_status 2 "-D is no option: the directory is DIR"
expect_err_has "$usage" "it prints the usage"
mkdir "$T/target"
ln -s "$T/target" "$T/link"
run sales-gen "$T/link"
expect_fail 1 "symlink" "a DIR that is a symlink is refused"
expect_err "sales-gen: $T/link: is a symlink; refused" "with its message"
check "and nothing is written through it" test -z "$(ls -A "$T/target")"
ln -s "$T/nowhere" "$T/dangling"
run sales-gen "$T/dangling"
expect_err "sales-gen: $T/dangling: is a symlink; refused" "a dangling symlink is refused"
check "and its target is not created" test ! -e "$T/nowhere"
done_testing
