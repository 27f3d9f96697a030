# The suite on a machine with only a compiler and make: tests/run over
# scripts that need chromium, zsh and the nl_NL.UTF-8 locale, with those
# hidden (a PATH without them, LOCPATH at an empty directory), counts their
# checks as skipped, never as passed, says why, and succeeds; with CI=true
# every skip is a failure.
. "$(dirname "$0")/lib.sh"

# A PATH of links to every program on PATH but the hidden ones (the first
# of a name wins, as on PATH).
farm=$T/path
mkdir "$farm" "$T/noloc"
old_ifs=$IFS IFS=:
for d in $PATH; do
	case $d in /*) ;; *) continue ;; esac
	[ -d "$d" ] && find "$d/" -maxdepth 1 ! -type d -exec ln -s -t "$farm" {} + 2>/dev/null
done
IFS=$old_ifs
rm -f "$farm/zsh" "$farm/chromium" "$farm/chromium-browser"
hidden=$(PATH=$farm command -v zsh chromium chromium-browser)
check "zsh and chromium hidden: ${hidden:-yes}" test -z "$hidden"
[ "$(LOCPATH=$T/noloc LC_ALL=nl_NL.UTF-8 locale charmap 2>/dev/null)" != UTF-8 ]
st=$?
expect_status 0 "nl_NL.UTF-8 hidden by an empty LOCPATH"

# hidden CI ARGS...: tests/run ARGS with the tools and the locale hidden,
# and CI set to CI.
hidden() {
	ci=$1
	shift
	run env PATH="$farm" LOCPATH="$T/noloc" CI="$ci" TEST_JOBS=2 "$top/tests/run" "$@"
	tail -n 1 "$T/out" >"$T/last"
}

# Two checks made, two skipped: one by hand, one for want of zsh.
mkdir -p "$T/tree/tests/cmd"
cp "$top/tests/cmd/lib.sh" "$T/tree/tests/cmd/"
cat >"$T/tree/tests/cmd/some.sh" <<'EOF'
. "$(dirname "$0")/lib.sh"
check "made" true
skip "not made, by hand"
if optional zsh "a check in zsh"; then check "zsh is hidden: this check fails" false; fi
check "made too" true
done_testing
EOF
hidden "" "$T/tree/tests/cmd/some.sh"
expect_status 0 "two checks made, two skipped: tests/run succeeds"
expect_file "$T/last" "2 passed, 0 failed, 2 skipped" "and counts the skips as skipped, not passed"
expect_out_has "pass $T/tree/tests/cmd/some.sh (2, 2 skipped)
    skipped: not made, by hand
    skipped: zsh is not installed (make test-deps): a check in zsh" "and says why each was skipped"

# The project's own scripts that need what is hidden.
scripts="tests/cmd/html.sh tests/cmd/locale.sh tests/cmd/install.sh"
# shellcheck disable=SC2086
hidden "" $scripts
expect_status 0 "chromium, zsh and the locale missing: tests/run succeeds"
check "and counts 3 skipped, 0 failed: $(cat "$T/last")" \
    grep -q '^[1-9][0-9]* passed, 0 failed, 3 skipped$' "$T/last"
expect_out_has "skip tests/cmd/html.sh
    skipped: chromium is not installed" "html.sh: skipped for want of chromium"
expect_out_has "skip tests/cmd/locale.sh
    skipped: the nl_NL.UTF-8 locale is not generated" "locale.sh: skipped for want of the locale"
expect_out_has "skipped: zsh is not installed" "install.sh: the zsh checks skipped"
check "install.sh: the rest made and passed" grep -q '^pass tests/cmd/install.sh ([1-9][0-9]*, 1 skipped)$' "$T/out"

# README lists what tests/deps installs.
unlisted=$(while read -r pkg _; do
	case $pkg in '' | '#'*) continue ;; esac
	grep -qw -- "$pkg" "$top/README.md" || printf ' %s' "$pkg"
done <"$top/tests/deps")
check "README names every package of tests/deps:${unlisted:- yes}" test -z "$unlisted"

# CI runs everything: a skip fails.
# shellcheck disable=SC2086
hidden true $scripts
expect_status 1 "CI=true: a skip fails the run"
check "CI=true: 3 failed, 0 skipped: $(cat "$T/last")" \
    grep -q '^[1-9][0-9]* passed, 3 failed, 0 skipped$' "$T/last"
expect_out_has "FAIL tests/cmd/html.sh
    not ok - skipped, and CI=true runs everything: chromium is not installed" \
    "CI=true: html.sh fails and says why"
done_testing
