#!/bin/sh
# Every program's usage, --help and man page say the same: the usage (the
# part of --help before its first empty line) is the man page's SYNOPSIS
# to the letter; --help then has one line per option, and those options
# are the man page's OPTIONS, the synopsis's options (and -h, --help,
# --version), and exactly the options the program accepts.
. "$(dirname "$0")/lib.sh"

synopsis=$top/tests/cmd/mdoc-synopsis.awk
progs="$(cd "$top/cmd" && ls ./*.c | sed 's|^\./||; s|\.c$||') coach-prep sales-nightly"
PATH=$top/scripts:$PATH
SALESMGR_DIR=$T/none	# nothing to read or write: only the options matter

# The usage of a --help as the man renderer prints a synopsis: one line per
# form, without "usage:", single spaces.
usage_lines() {
	sed '/^$/,$d; s/^usage: //; s/^ *//' "$1" | awk -v p="$2" '
		$1 == p { if (l != "") print l; l = $0; next }
		{ l = l " " $0 }
		END { print l }' | sed 's/  */ /g'
}

# The options of --help's option lines, one a line: "-D" and "--data-dir".
help_options() {
	sed '1,/^$/d' "$1" | awk '{
		if ($1 ~ /^-[a-zA-Z],$/) { print substr($1, 1, 2); $1 = "" ; sub(/^ /, "") }
		split($1, a, "="); print a[1] }'
}

# The options of the man page's OPTIONS list (its own .It lines, not those
# of a list inside an item).
man_options() {
	awk '/^\.Sh / { on = ($2 == "OPTIONS"); next }
		!on { next }
		/^\.Bl/ { depth++; next }
		/^\.El/ { depth--; next }
		depth == 1 && /^\.It Fl/ {
			n = split($0, t, /[ \t]+/)
			for (i = 2; i < n; i++)
				if (t[i] == "Fl" && t[i + 1] !~ /^[A-Z][a-z]$/)
					print "-" t[i + 1]
		}' "$1" | sort -u
}

# The options a usage names: -x of "-x" or "-nq", and --long.
usage_options() {
	sed '/^$/,$d; s/[[|]/ /g' "$1" | tr ' ' '\n' | grep -- '^-[-a-zA-Z]' | sed 's/[^-a-zA-Z].*//' |
	    awk '/^--/ { print; next } { for (i = 2; i <= length($0); i++) print "-" substr($0, i, 1) }' |
	    sort -u
}

# Does prog refuse option (-x or --long) as unknown?  The option is given a
# value and followed by one no program knows, so a program that accepts it
# still stops before it does anything.  0: it refused the option, 1: it
# accepted it (it exited 0, as --help does, or said why it stopped in its
# own name), 2: neither, three times (the probe did not run: a fork that
# failed on a loaded machine is tried again, not taken for an answer).
refuses() {
	for _try in 1 2 3; do
		"$1" "$2" zz-probe --zz-no-such-option </dev/null >"$T/probe" 2>&1 && return 1
		grep -q -e "unrecognized option '$2'" -e "invalid option -- '${2#-}'" \
		    -e "unknown option '$2'" "$T/probe" && return 0
		grep -q -e "^$1: " -e "^usage: $1" "$T/probe" && return 1
		sleep 1
	done
	return 2
}

for p in $progs; do
	run "$p" --help
	cp "$T/out" "$T/help.$p"
	[ "$st" -eq 0 ] || not_ok "$p --help exits 0" "exit $st"
done
# Every option any program or page knows, to try on every program.
for p in $progs; do
	help_options "$T/help.$p"
	man_options "$top/man/man1/$p.1"
done | sort -u >"$T/universe"
check "the programs have options to compare" test "$(wc -l <"$T/universe")" -gt 50

for p in $progs; do
	man=$top/man/man1/$p.1
	h=$T/help.$p
	awk -v name="$p" -f "$synopsis" "$man" >"$T/man-synopsis"
	usage_lines "$h" "$p" >"$T/usage"
	if cmp -s "$T/usage" "$T/man-synopsis"; then ok "$p: usage is the man page's SYNOPSIS"
	else not_ok "$p: usage is the man page's SYNOPSIS" \
	    "$(diff "$T/man-synopsis" "$T/usage" | tr '\n' '|')"; fi

	help_options "$h" | sort -u >"$T/help-options"
	# "  -D, --data-dir=DIR  what it does" or "      --all  what it does"
	if [ "$(grep -c '^-' "$T/help-options")" -ge 3 ] && ! sed '1,/^$/d' "$h" |
	    grep -Evq '^  (-[a-zA-Z], |    )--[a-z][-a-z]*(=[^ ]+)?  +[^ ]'; then
		ok "$p: --help has one line per option, each explained"
	else
		not_ok "$p: --help has one line per option, each explained" \
		    "$(sed '1,/^$/d' "$h" | head -5 | tr '\n' '|')"
	fi
	man_options "$man" >"$T/man-options"
	if cmp -s "$T/help-options" "$T/man-options"; then ok "$p: --help's options are the man page's"
	else not_ok "$p: --help's options are the man page's" \
	    "man < > --help: $(diff "$T/man-options" "$T/help-options" | grep '^[<>]' | tr '\n' ' ')"; fi

	# Each option line in the synopsis by one of its names, and no other.
	usage_options "$h" >"$T/usage-options"
	sed '1,/^$/d' "$h" | awk '{ a = $1; b = $2; sub(/,$/, "", a); sub(/=.*/, "", a); sub(/=.*/, "", b)
		if (a == "-h" || a == "--version") next
		print a (b ~ /^--/ ? " " b : "") }' >"$T/lines"
	missing=$(while read -r a b; do
		grep -qxF -e "$a" -e "${b:-$a}" "$T/usage-options" || echo "$a"
	done <"$T/lines")
	extra=$(grep -vxF -f "$T/help-options" "$T/usage-options")
	if [ -z "$missing$extra" ]; then ok "$p: --help's option lines are the usage's options"
	else not_ok "$p: --help's option lines are the usage's options" \
	    "not in the usage: $missing" "no option line: $extra"; fi

	# The program accepts exactly those.
	wrong=
	while read -r o; do
		grep -qxF -- "$o" "$T/help-options" && want=1 || want=0
		# --cap is --capacity to getopt_long: an abbreviation, not an option.
		[ "$want" = 0 ] && grep -q -- "^$o" "$T/help-options" && continue
		refuses "$p" "$o" && got=0 || got=$?
		case $got$want in
		01) wrong="$wrong refuses:$o" ;;
		10) wrong="$wrong accepts:$o" ;;
		2?) wrong="$wrong no-answer:$o($(head -c 120 "$T/probe" | tr '\n' ' '))" ;;
		esac
	done <"$T/universe"
	if [ -z "$wrong" ]; then ok "$p accepts exactly the options of its --help"
	else not_ok "$p accepts exactly the options of its --help" "$wrong"; fi
done

# The checks can fail: a usage that has lost an option, a page with one
# too many, and a program that accepts more than it says.
printf 'usage: x [-a] [--bee B]\n\n  -a          ay\n      --bee=B  bee\n      --cee    cee\n' >"$T/h"
usage_options "$T/h" >"$T/u"
help_options "$T/h" | sort -u >"$T/o"
check "an option line missing from the usage is seen" test -n "$(grep -vxF -f "$T/u" "$T/o")"
printf '.Sh SYNOPSIS\n.Nm\n.Op Fl a\n.Sh OPTIONS\n.Bl -tag -width Ds\n.It Fl a\nay\n.It Fl -bee Ar B\n.El\n' >"$T/x.1"
check "the synopsis renders" test "$(awk -v name=x -f "$synopsis" "$T/x.1")" = "x [-a]"
check "a man page option is found" test "$(man_options "$T/x.1" | tr '\n' ' ')" = "--bee -a "
refuses team-list --no-header; st=$?
expect_status 1 "the probe sees an option that is accepted"
refuses team-list --today; st=$?
expect_status 0 "the probe sees an option that is refused"

if optional groff "mdoc-synopsis.awk is not checked against it"; then
	for p in $progs; do
		groff -mdoc -Tascii -rLL=500n -P-c -P-b -P-u "$top/man/man1/$p.1" 2>/dev/null |
		    awk '/^SYNOPSIS/ { on = 1; next } /^[A-Z]/ { on = 0 } on && NF' |
		    sed 's/^ *//; s/  */ /g'
	done >"$T/groff"
	for p in $progs; do awk -v name="$p" -f "$synopsis" "$top/man/man1/$p.1"; done >"$T/ours"
	if cmp -s "$T/groff" "$T/ours"; then ok "mdoc-synopsis.awk renders every SYNOPSIS as groff does"
	else not_ok "mdoc-synopsis.awk renders every SYNOPSIS as groff does" \
	    "$(diff "$T/groff" "$T/ours" | head -6 | tr '\n' '|')"; fi
fi

done_testing
