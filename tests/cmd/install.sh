# make install / uninstall into a temporary DESTDIR, a program run from
# there, and the shell completion loaded by bash (and zsh when present).
. "$(dirname "$0")/lib.sh"
dest=$T/inst
run make -s -C "$top" install DESTDIR="$dest" PREFIX=/usr
expect_status 0 "make install into a DESTDIR"
check "programs are installed" test -x "$dest/usr/bin/rep-add"
check "man pages are installed" test -f "$dest/usr/share/man/man1/rep-add.1"
check "salesmgr(7) is installed" test -f "$dest/usr/share/man/man7/salesmgr.7"
check "the bash completion is installed" \
    test -f "$dest/usr/share/bash-completion/completions/salesmgr"
missing=
for p in "$top"/bin/* "$top/scripts/sales-nightly"; do
	p=${p##*/}
	[ -e "$dest/usr/share/bash-completion/completions/$p" ] || missing="$missing $p"
	grep -q "[ 	]$p\( \|\$\)" "$top/scripts/completion/salesmgr.bash" || missing="$missing $p(complete)"
done
check "every program has its completion (a link by name, and in complete -F):${missing:- all}" \
    test -z "$missing"
# Run by its full path, a program still names itself alone, in getopt's
# messages too.
wrong=
for p in "$dest"/usr/bin/*; do
	"$p" --no-such-option >/dev/null 2>"$T/err" </dev/null
	st=$?
	first=$(head -n 1 "$T/err")
	case $st:$first in
	"2:${p##*/}: "*) ;;
	*) wrong="$wrong ${p##*/}($st: $first)" ;;
	esac
done
check "every program run by its path names itself, without the path, and exits 2:${wrong:- all}" \
    test -z "$wrong"
PATH=$dest/usr/bin:/usr/bin:/bin run sales-init -q "$T/d1"
expect_status 0 "an installed program runs from the DESTDIR"
check "and made the directory" test -f "$T/d1/config.tsv"

# Completion: a rep id from the data directory, through rep-list.
init
team-add -q north --name North
rep-add -q anna --name Anna --team north
rep-add -q annika --name Annika --team north
comp=$dest/usr/share/bash-completion/completions/salesmgr
run bash -n "$comp"
expect_status 0 "bash -n accepts the completion script"
cat >"$T/complete.bash" <<'EOS'
. "$1"
COMP_WORDS=(rep-show ann); COMP_CWORD=1; _salesmgr; echo "${COMPREPLY[*]}"
COMP_WORDS=(perf-report --team n); COMP_CWORD=2; _salesmgr; echo "${COMPREPLY[*]}"
COMP_WORDS=(rep-list --no-h); COMP_CWORD=1; _salesmgr; echo "${COMPREPLY[*]}"
EOS
run bash "$T/complete.bash" "$comp"
expect_out "anna annika
north
--no-header" "bash completes rep ids, team ids and options"
if optional zsh "the zsh completion is not checked"; then
	# Under the sanitizer build, LeakSanitizer's stop-the-world at the exit
	# of a program that zsh runs in a pipeline inside $(...) hangs for good
	# about one time in fifty (its tracer waits for a stop that never
	# comes; bash and sh never do this).  What is checked here is the
	# completion; leaks are checked by every other test.
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	export ASAN_OPTIONS
	run zsh -n "$dest/usr/share/salesmgr/completion.zsh"
	expect_status 0 "zsh -n accepts the zsh completion"
	run zsh -c ". '$dest/usr/share/salesmgr/completion.zsh'; whence -w _salesmgr"
	expect_out "_salesmgr: function" "zsh loads it and defines the completion function"
	expect_err_empty "zsh loads it without a word on stderr"
	# bashcompinit calls the function in sh emulation, as here.
	run zsh -c ". '$dest/usr/share/salesmgr/completion.zsh'; emulate sh -c '
	    COMP_WORDS=(rep-show ann); COMP_CWORD=1; _salesmgr; echo \"\${COMPREPLY[*]}\"'"
	expect_out "anna annika" "zsh completes rep ids"
fi
run make -s -C "$top" uninstall DESTDIR="$dest" PREFIX=/usr
expect_status 0 "make uninstall"
check "uninstall removes the programs" test ! -e "$dest/usr/bin/rep-add"
check "and the completion" test ! -e "$comp"
left=$(find "$dest" ! -type d | head -5)
check "and leaves no file behind: ${left:-none}" test -z "$left"
done_testing
