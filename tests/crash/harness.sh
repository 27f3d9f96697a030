# tests/crash/harness.sh: fault injection with strace; sourced by
# tests/cmd/crash.sh after tests/cmd/lib.sh (it uses $T, ok, not_ok).
#
# A writer ($CMD, eval'd, with the data directory $W) runs on a fresh copy
# of a prepared directory ($PREP, or none) with the Nth call of one syscall
# killed (kill_loop) or failed (error_loop), for N = 1, 2, ...  After each
# run the directory is compared file by file with the state before ($OLD)
# and after an undisturbed run ($NEW).  Each loop sets:
#   runs	how many runs it made
#   bad		how many problems were found; they are in $T/why
#   torn	how many runs left a torn ledger tail that sales-check repaired
#   stray	how many left a temporary that sales-check complained of (repaired)
#   journaled	how many left a change half made, with its journal, that the
#		next program (a reader) finished or took back (store.h): the
#		data is compared after that
#
# A test may set these before setup (they stay set until changed):
#   NEXT	the next writer run after a kill (default: a rep-add)
#   CHECK	a command run on $W after every injected run (before any
#		repair) and again after the next writer; it reports with why
#   RERUN	a command run after a kill once sales-check is clean, before
#		the next writer (an import run again must book nothing twice)
#   OLDNEW_RE	an ERE on "./PATH": files that may be old or new after a
#		failure, not only after a kill (caches, a burned id number)
#   FIRST STEP	a sample: inject at calls FIRST, FIRST+STEP, ... only
#		(default 1 1: every call)
#   WHOLE	1 (default): after a kill every file is old or every file is
#		new; 0 for the writers that are not one change (sales-init, the
#		repairs of sales-check)
# The programs run with one thread (SALESMGR_THREADS=1, pool.h): the Nth
# call is then the same call in every run.  With worker threads, what they
# open (glibc reads /proc/sys/vm/overcommit_memory for a thread's first
# heap) falls among the main thread's calls at no fixed place.
#
# After every injected run that left a data directory, sales-check must be
# clean: at once after an error, after --repair of a torn tail or a stray
# temporary after a kill.
#
# Why SIGKILL at syscall entry is enough: the kernel aborts the syscall when
# a fatal signal is pending at the entry stop, so "kill at the Nth write" is
# the state just before that write and "kill at the next syscall" the state
# just after it: every instant between two syscalls is covered.

# The programs under test are copied first: a rebuild while the tests run
# must not change them between the reference run and the injected ones.
BIN=$T/bin
mkdir -p "$BIN" && cp -p "$top"/bin/* "$BIN"/ 2>/dev/null
PATH=$BIN:$PATH
SALESMGR_THREADS=1
export SALESMGR_THREADS
W=$T/wd
OLD=$T/old
NEW=$T/new
SALESMGR_DIR=$W
export SALESMGR_DIR
# LeakSanitizer cannot run under ptrace: in a sanitizer build, leaks are
# the business of the rest of the suite.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
export ASAN_OPTIONS
MAXN=3000
NEXT='rep-add zz9 --name Next'
CHECK=:
RERUN=:
OLDNEW_RE='^$'
FIRST=1 STEP=1
# The calls that change the data (or make it durable).
MUTATORS=write,pwrite64,ftruncate,fsync,fdatasync,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat

# sums DIR: "HASH ./PATH" per data file; .lock, temporaries, lost+found
# and cache/ (history.h: its names change with the ledgers' times) are
# not data.  audit.tsv is hashed without its columns before $AUDIT_KEEP
# (the time, which differs from run to run).
AUDIT_KEEP=2
sums() {
	[ -d "$1" ] || return 0
	(cd "$1" || exit 1
	find . \( -name .lock -o -name '.tmp-*' -o -name lost+found -o -path ./cache \
	    -o -path ./audit.tsv \) -prune -o -type f -print0 | xargs -0r sha256sum
	find . \( -name '.tmp-*' -o -name lost+found \) -prune -o \
	    ! -type f ! -type d -printf 'not-a-regular-file ./%P\n'
	if [ -f audit.tsv ]; then
		set -- $(audit_norm <audit.tsv | sha256sum)
		echo "$1 ./audit.tsv"
	fi) | awk '{ print $1, $NF }'
}
# The audit lines without the time (and user), and with the names of
# lost+found files (which differ from run to run) masked.
audit_norm() { cut -f"$AUDIT_KEEP"- | sed 's|lost+found/[^[:space:]]*|lost+found/X|g'; }
# alt_sums: the other acceptable state of a torn ledger: its whole lines
# (what --repair leaves before it logs the repair).
alt_sums() {
	if [ -f "$OLD/audit.tsv" ] && [ -n "$(tail -c 1 "$OLD/audit.tsv" | tr -d '\n')" ]; then
		set -- $(sed '$d' "$OLD/audit.tsv" | audit_norm | sha256sum)
		echo "$1 ./audit.tsv"
	fi
}

# compare WANT [again]: print each data file of $W that is not its WANT
# version: "old", "new", "alt" (a torn ledger cut to its whole lines) or
# several.  A missing file is its version when that version is missing
# too.  "again": $W is as at the last compare (its sums are not taken anew).
compare() {
	[ "${2:-}" = again ] || sums "$W" >"$T/s.w"
	awk -v want="$1" -v free="$OLDNEW_RE" '
	FILENAME == ARGV[1] { o[$2] = $1; a[$2]; next }
	FILENAME == ARGV[2] { n[$2] = $1; a[$2]; next }
	FILENAME == ARGV[3] { alt[$2] = $1; next }
	{ w[$2] = $1; a[$2] }
	END {
		for (p in a) {
			x = p in w ? w[p] : "absent"
			if (p ~ free && (x == (p in o ? o[p] : "absent") ||
			    x == (p in n ? n[p] : "absent")))
				continue
			if (want ~ /old/ && x == (p in o ? o[p] : "absent"))
				continue
			if (want ~ /new/ && x == (p in n ? n[p] : "absent"))
				continue
			if (want ~ /alt/ && p in alt && x == alt[p])
				continue
			print substr(p, 3)
		}
	}' "$T/s.old" "$T/s.new" "$T/s.alt" "$T/s.w" | LC_ALL=C sort
}

temporaries() { find "$W" -name '.tmp-*' 2>/dev/null; }

# describe FILE: why it differs, in one line
describe() {
	if [ -f "$W/$1" ]; then
		printf '%s: %s bytes (old %s, new %s)' "$1" "$(wc -c <"$W/$1")" \
		    "$(cat "$OLD/$1" 2>/dev/null | wc -c)" "$(cat "$NEW/$1" 2>/dev/null | wc -c)"
	else
		printf '%s: missing' "$1"
	fi
}

fresh() {
	rmdata "$W"	# once a writer's background checkpoint has let go of it
	if [ -d "$PREP" ]; then cp -a "$PREP" "$W" || exit 1; fi
}

# setup NAME PREPDIR COMMAND: the writer under test; makes $OLD and $NEW
setup() {
	NAME=$1 PREP=$2 CMD=$3
	fresh
	rm -rf "$OLD" "$NEW"
	cp -a "$W" "$OLD" 2>/dev/null
	sums "$OLD" >"$T/s.old"
	alt_sums >"$T/s.alt"
	# An error may leave the old data: sales-check must then say what it
	# says of the old data (a torn tail before sales-check --repair).
	old_clean=1
	if [ -x "$BIN/sales-check" ] && [ -f "$W/config.tsv" ] &&
	    ! sales-check -D "$W" >/dev/null 2>&1 </dev/null; then
		old_clean=0
	fi
	eval "$CMD" >"$T/out" 2>"$T/err" </dev/null
	st=$?
	if [ "$st" -ne 0 ]; then
		not_ok "$NAME: reference run" "exit $st: $(head -c 300 "$T/err")"
		return 1
	fi
	settle "$W"	# its checkpoint, written after it exits
	cp -a "$W" "$NEW"
	sums "$NEW" >"$T/s.new"
}

# inject SYSCALL ACTION N: run $CMD on a fresh $W under strace
inject() {
	fresh
	eval "strace -f -o /dev/null -e trace=$1 -e inject=$1:$2:when=$3 $CMD" \
	    >"$T/out" 2>"$T/err" </dev/null
	st=$?
}

why() {
	bad=$((bad + 1))
	printf '%s N=%s: %s\n' "$NAME $sc" "$n" "$(printf '%s' "$*" | tr '\n' '|')" >>"$T/why"
}

# check_old_new: every data file is old or new (or a torn ledger cut); and
# unless WHOLE=0, all of them old or all of them new: a change is whole
# or absent, its audit line with it (files matching OLDNEW_RE aside).
check_old_new() {
	for f in $(compare "old new alt"); do
		why "$(describe "$f") is neither old nor new"
	done
	[ "${WHOLE:-1}" = 1 ] || return 0
	notold=$(compare old again | tr '\n' ' ')
	notnew=$(compare new again | tr '\n' ' ')
	if [ -n "$notold" ] && [ -n "$notnew" ]; then
		why "half a change: new ${notold}but old $notnew"
	fi
}

# after_kill: the state a kill left must be usable: sales-check clean, or
# complaining only of a torn ledger tail or a stray temporary (what a kill
# may leave) and clean after --repair; the next writer works, and leaves no
# temporary.
after_kill() {
	if [ -x "$BIN/sales-check" ] && [ -f "$W/config.tsv" ]; then
		sales-check -D "$W" >"$T/chk" 2>&1 </dev/null
		if [ $? -ne 0 ]; then
			if grep -viqE 'torn|temporar' "$T/chk"; then
				why "sales-check: $(head -c 300 "$T/chk" | tr '\n' '|')"
			elif ! sales-check -D "$W" --repair >"$T/rep" 2>&1 </dev/null ||
			    ! sales-check -D "$W" >"$T/chk" 2>&1 </dev/null; then
				why "sales-check --repair did not make it clean: $(head -c 300 "$T/chk" | tr '\n' '|')"
			elif grep -qi torn "$T/rep"; then
				torn=$((torn + 1))
			else
				stray=$((stray + 1))
			fi
		fi
	fi
	if [ ! -f "$W/config.tsv" ] && ! sales-init -q "$W" >"$T/nerr" 2>&1; then
		why "sales-init after the kill failed: $(head -c 200 "$T/nerr")"
		return
	fi
	$RERUN
	if ! eval "$NEXT" >"$T/nout" 2>"$T/nerr" </dev/null; then
		why "the next writer ($NEXT) failed: $(head -c 200 "$T/nerr")"
		return
	fi
	settle "$W"	# its checkpoint, written after it exits
	[ -z "$(temporaries)" ] || why "temporaries left after the next writer: $(temporaries)"
	if [ -x "$BIN/sales-check" ] && ! sales-check -D "$W" >"$T/chk" 2>&1 </dev/null; then
		why "sales-check after the next writer: $(head -c 300 "$T/chk" | tr '\n' '|')"
	fi
	$CHECK
}

# recover: a kill may leave a change half made, with its journal
# (store.h): the next program to open the directory, here a reader,
# finishes it or takes it back before anything else.  Counts it in
# journaled; the data is compared after that.
recover() {
	if [ -e "$W/.tmp-journal" ] || [ -e "$W/.tmp-commit" ]; then
		journaled=$((journaled + 1))
		if ! sales-check -D "$W" >"$T/rec" 2>&1 </dev/null &&
		    grep -q 'refused' "$T/rec"; then
			why "the journal left by the kill was refused: $(head -c 300 "$T/rec" | tr '\n' '|')"
		fi
		if [ -e "$W/.tmp-journal" ] || [ -e "$W/.tmp-commit" ]; then
			why "a reader did not finish the interrupted change: $(head -c 300 "$T/rec" | tr '\n' '|')"
		fi
	fi
}

# kill_loop SYSCALL: SIGKILL at the Nth call, N = 1.. until a run completes
kill_loop() {
	sc=$1 runs=0 bad=0 torn=0 stray=0 journaled=0 n=$FIRST
	: >"$T/why"
	while [ "$n" -le "$MAXN" ]; do
		inject "$sc" signal=KILL "$n"
		runs=$((runs + 1))
		if [ "$st" -eq 0 ]; then
			# Completed: there is no Nth call; the result is new.
			for f in $(compare new); do
				why "$(describe "$f"): the completed run is not new"
			done
			return
		fi
		if [ "$st" -ne 137 ]; then
			why "exit $st, not killed: $(head -c 200 "$T/err")"
		else
			recover
			check_old_new
			$CHECK
			after_kill
		fi
		n=$((n + STEP))
	done
	why "still killed after $MAXN calls"
}

# The Nth call of a syscall in the reference trace ($T/ref, strace -y):
# target_of N prints the file it touches ("." for the data directory itself,
# "-" for a file outside it), temporaries named by the file they replace.
target_of() {
	sed -n "$1p" "$T/ref" | awk -v w="$W" '
	{
		line = $0
		# the last quoted name (openat, rename*), else the fd path (<...>)
		name = ""
		if (match(line, /^[0-9]+ +(openat|rename|renameat|renameat2|unlink|unlinkat)\(/)) {
			s = line
			while (match(s, /"[^"]*"/)) {
				name = substr(s, RSTART + 1, RLENGTH - 2)
				s = substr(s, RSTART + RLENGTH)
			}
			if (name !~ /^\//) {
				dir = line
				if (match(dir, /\(([0-9]+)?<[^>]*>/)) {
					dir = substr(dir, RSTART, RLENGTH)
					sub(/^[^<]*</, "", dir); sub(/>$/, "", dir)
				} else
					dir = ""
				name = dir == "" ? name : dir "/" name
			}
		} else if (match(line, /\([0-9]+<[^>]*>/)) {
			name = substr(line, RSTART, RLENGTH)
			sub(/^[^<]*</, "", name); sub(/>$/, "", name)
		}
		sub(/\/\.$/, "", name)
		if (name == w) { print "."; exit }
		if (substr(name, 1, length(w) + 1) != w "/") { print "-"; exit }
		name = substr(name, length(w) + 2)
		n = split(name, part, "/")
		# a temporary by the file it replaces; numbered names by their stem
		sub(/^\.tmp-/, "", part[n])
		sub(/(\.[0-9]+)+$/, "", part[n])
		print part[n]
	}'
}

# kept_next N: is the main process's next change after the Nth call (an
# openat) a rename over the file it opened?
kept_next() {
	awk -v from="$(sed -n "$1p" "$T/ref.line")" -v m="$main" -v f="\"$tgt\")" '
	    NR > from && $1 == m && match($0, "^[0-9]+ +(" mut ")[(]") {
		found = index($0, "rename") && index($0, f); exit
	    }
	    END { exit !found }' mut="$(echo "$MUTATORS" | tr , '|')" "$T/ref.all"
}

# error_loop SYSCALL ERRNO: the Nth call fails, for every N the reference
# run makes.  A failure must exit 1 naming the file, leave the old data and
# no temporary.  Exceptions: a failed fsync of a directory after a rename
# (new file visible, not durable) may leave the new data but must exit 1, as
# may a failure after the last change (a check of the result); a
# failure outside the data directory (the loader, /etc/passwd, /dev/null)
# may be survived (then the data is new) or be a clean failure; the
# listing of a directory (for stale temporaries or cache files) is best effort,
# and so is the open of a file just before a new one is renamed over it (held
# so that the kernel frees it after the lock: lib/store.c's keep_old()).
# A failure after the last change (the writer may be filling a cache then)
# may be survived, leaving the new data.
# $OLDNEW_ALWAYS=1 (sales-init) accepts old or new per file, as a partly
# initialised directory is by design finished by the next sales-init.
error_loop() {
	sc=$1 err=$2 runs=0 bad=0 torn=0 stray=0 journaled=0
	: >"$T/why"
	# The reference trace: the calls of $sc (in $T/ref, with their line in
	# the whole trace in $T/ref.line), and the line of the last call that
	# changes the data: a failure after it cannot take the change back.
	fresh
	eval "strace -f -y -o $T/ref.all -e trace=$sc,$MUTATORS $CMD" >/dev/null 2>&1 </dev/null
	grep -nE "^[0-9]+ +$sc\(" "$T/ref.all" >"$T/ref.n"
	cut -d: -f1 "$T/ref.n" >"$T/ref.line"
	cut -d: -f2- "$T/ref.n" >"$T/ref"
	total=$(wc -l <"$T/ref")
	# Only the writer's own process counts, and not in cache/: a child it
	# starts after its commit fills a cache (history.h's checkpoints), and
	# so may the writer itself (target.c's note), not the data.
	main=$(sed -n '1s/ .*//p' "$T/ref.all")
	last=$(grep -nE "^$main +($(echo "$MUTATORS" | tr , '|'))\(" "$T/ref.all" |
	    grep -F "$W" | grep -vF "$W/cache" | tail -1 | cut -d: -f1)
	case $total$sc in
	0write|0fsync|0openat) why "no $sc in the reference trace: the harness is broken" ;;
	esac
	n=$FIRST
	while [ "$n" -le "$total" ]; do
		tgt=$(target_of "$n")
		# isdir: the call opens or syncs a directory
		isdir=0 l=$(sed -n "${n}p" "$T/ref")
		# iskept: a file opened to be read just before the writer's next
		# change renames a new one over it (lib/store.c's keep_old(): the
		# old file held, so that the kernel frees it after the lock)
		iskept=0
		case $sc in
		openat) case $l in *O_DIRECTORY*) isdir=1 ;; esac
			case $l in *O_RDONLY*) kept_next "$n" && iskept=1 ;; esac ;;
		fsync | fdatasync)
			l=${l#*<} l=${l%%>*}
			[ -d "$NEW${l#"$W"}" ] && isdir=1 ;;
		esac
		after=0
		[ "$(sed -n "${n}p" "$T/ref.line")" -gt "${last:-0}" ] && after=1
		inject "$sc" "error=$err" "$n"
		runs=$((runs + 1))
		error_check
		n=$((n + STEP))
	done
}

# error_check: the rules below, then sales-check and $CHECK on what is left
error_check() {
	error_rules
	if [ "${OLDNEW_ALWAYS:-0}" != 1 ] && [ "$old_clean" = 1 ] && [ -x "$BIN/sales-check" ] &&
	    [ -f "$W/config.tsv" ] && ! sales-check -D "$W" >"$T/chk" 2>&1 </dev/null; then
		why "error on '$tgt': sales-check: $(head -c 300 "$T/chk")"
	fi
	$CHECK
}

error_rules() {
	if [ "$st" -eq 0 ] && [ "$after" = 1 ]; then
		# After its last change a writer may fill a cache, whose failure
		# is not the writer's: then it succeeds, and the data is new.
		for f in $(compare new); do
			why "survived the error on '$tgt' after the change: $(describe "$f") is not new"
		done
		return
	fi
	if [ "$st" -eq 0 ] && [ "$sc" = openat ] && { [ "$isdir" = 1 ] || [ "$iskept" = 1 ]; }; then
		# A directory listed for stale temporaries or stale cache
		# files, or a file held until the lock is let go: that is best
		# effort.  Survived, the data must be new.
		for f in $(compare new); do
			why "survived the error on directory '$tgt': $(describe "$f") is not new"
		done
		return
	fi
	if [ "$tgt" = - ] || { [ "$sc" = openat ] && [ "$tgt" = . ]; }; then
		# Outside the data, or the best-effort listing of the directory.
		if [ "$st" -eq 0 ]; then
			for f in $(compare new); do
				why "survived the error on '$tgt': $(describe "$f") is not new"
			done
			return
		fi
		want=old
		[ "$after" = 1 ] && want="old new alt"
		for f in $(compare "$want"); do
			why "error on '$tgt': exit $st: $(describe "$f") changed"
		done
		[ -z "$(temporaries)" ] || why "error on '$tgt': temporaries left: $(temporaries)"
		return
	fi
	if [ "$st" -ne 1 ]; then
		why "error on '$tgt': exit $st, want 1: $(head -c 200 "$T/err")"
		return
	fi
	if ! grep -qF -- "$W" "$T/err" ||
	    { [ "$tgt" != . ] && ! grep -qF -- "$tgt" "$T/err"; }; then
		why "error on '$tgt': message does not name it: $(head -c 200 "$T/err")"
	fi
	# A failure after the change was made (store.h) must say so, and the
	# next program finishes it: then everything is new.  sales-init and
	# the repairs of sales-check log what they did after doing it: there
	# a failed audit line leaves the new data, and says so.
	audit_late=0
	grep -qF "could not be recorded in the audit log" "$T/err" && audit_late=1
	if [ "$audit_late" = 0 ] && grep -qF "the change was made" "$T/err"; then
		[ -f "$W/config.tsv" ] && sales-check -D "$W" >"$T/rec" 2>&1 </dev/null
		for f in $(compare new); do
			why "error on '$tgt': the change was made, but after the next program $(describe "$f") is not new"
		done
		[ -z "$(temporaries)" ] || why "error on '$tgt': temporaries left after the next program: $(temporaries)"
		return
	fi
	if [ "${OLDNEW_ALWAYS:-0}" = 1 ] || [ "$after" = 1 ] || [ "$audit_late" = 1 ] ||
	    { [ "$sc" = fsync ] && { [ "$tgt" = . ] || [ "$isdir" = 1 ]; }; }; then
		check_old_new
	elif [ "$sc" = fsync ]; then
		# A failed fsync after a cut: visible, not durable, and said so.
		for f in $(compare "old alt"); do
			why "error on '$tgt': $(describe "$f") changed, and it says: $(head -c 160 "$T/err")"
		done
	else
		for f in $(compare old); do
			why "error on '$tgt': $(describe "$f") changed, and it says: $(head -c 160 "$T/err")"
		done
	fi
	[ -z "$(temporaries)" ] || why "error on '$tgt': temporaries left: $(temporaries)"
}

# report WHAT: one ok/not ok line for the loop just run
report() {
	note=
	[ "${torn:-0}" -gt 0 ] && note="$note; $torn torn ledger tails repaired"
	[ "${stray:-0}" -gt 0 ] && note="$note; sales-check flagged $stray stray temporaries, repaired"
	[ "${journaled:-0}" -gt 0 ] && note="$note; $journaled left a journal, finished by a reader"
	if [ "$bad" -eq 0 ]; then
		ok "$1 ($runs runs$note)"
	else
		not_ok "$1 ($runs runs, $bad problems$note)" "$(head -5 "$T/why")"
	fi
}

# durable: the power-loss rule, checked on the trace of an undisturbed run
# of $CMD: before the program exits, every write to a data file is followed
# by an fsync of that file; a file is renamed only after its data was
# fsynced; every rename, creation or mkdir in (or of) the data directory is
# followed by an fsync of the directory that holds it.  Prints what is not.
durable() {
	fresh
	eval "strace -f -y -o $T/dur -e trace=write,pwrite64,ftruncate,fsync,fdatasync,openat,rename,renameat,renameat2,mkdir,mkdirat $CMD" \
	    >/dev/null 2>&1 </dev/null
	awk -v w="$W" '
	function under(p) { return p == w || substr(p, 1, length(w) + 1) == w "/" }
	function parent(p) { sub(/\/[^\/]*$/, "", p); return p }
	function clean(p) { sub(/\/\.$/, "", p); return p }
	# the call arguments: fd paths and quoted names, in order, in tok[1..]
	function tokens(s,   n, t) {
		sub(/^[0-9]+ +[a-z0-9_]+\(/, "", s)
		sub(/\) += .*$/, "", s)
		n = 0
		while (match(s, /[0-9]+<[^>]*>|AT_FDCWD|"[^"]*"/)) {
			t = substr(s, RSTART, RLENGTH)
			s = substr(s, RSTART + RLENGTH)
			if (t ~ /^"/)
				t = substr(t, 2, length(t) - 2)
			else if (t == "AT_FDCWD")
				t = ""
			else {
				sub(/^[0-9]+</, "", t); sub(/>$/, "", t)
			}
			tok[++n] = t
			if (t !~ /^\// && n > 1 && tok[n - 1] ~ /^\//)
				tok[n] = tok[n - 1] "/" t
		}
		return n
	}
	# target.c'"'"'s note of a table checked is written unsynced, by design:
	# lost or torn, it only costs the next writer a check
	function note(p) { return index(p, w "/cache/checked-") == 1 ||
	    index(p, w "/cache/.tmp-checked-") == 1 }
	function mark(p, why) {
		if ((under(p) || under(why)) && !note(p) && !note(why)) { dirty[p] = why }
	}
	$0 ~ / = -1 / || $0 !~ /^[0-9]+ +[a-z0-9_]+\(/ { next }
	{
		call = $2; sub(/\(.*/, "", call)
		n = tokens($0)
	}
	call == "write" || call == "pwrite64" || call == "ftruncate" {
		if (under(tok[1])) { mark(tok[1], tok[1]); writes++ }
	}
	call == "fsync" || call == "fdatasync" { delete dirty[clean(tok[1])] }
	call == "openat" {
		ret = $0
		if (match(ret, / = [0-9]+<[^>]*>$/)) {
			ret = substr(ret, RSTART, RLENGTH); sub(/^[^<]*</, "", ret); sub(/>$/, "", ret)
			if ($0 ~ /O_TRUNC/) mark(ret, ret)
			if ($0 ~ /O_CREAT/ && ret !~ /\/\.lock$/) mark(parent(ret), ret)
		}
	}
	call ~ /^rename/ {
		src = clean(tok[n - 1 - (call == "rename" ? 0 : 1)]); dst = clean(tok[n])
		if (call == "rename") src = clean(tok[1])
		if (src in dirty)
			print dst ": renamed before its data was fsynced"
		delete dirty[src]
		mark(parent(dst), dst)
		mark(parent(src), src)
	}
	call ~ /^mkdir/ { p = clean(tok[n]); mark(parent(p), p) }
	END {
		if (!writes)
			print "no write to the data in the trace: the check is broken"
		for (p in dirty)
			print dirty[p] (dirty[p] == p ? ": written, not fsynced" : \
			    ": its directory " p " was not fsynced")
	}' "$T/dur" | sed "s|$W|DIR|g" | LC_ALL=C sort -u
}
