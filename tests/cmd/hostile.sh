#!/bin/sh
# hostile.sh: a data directory someone tampered with (symlinks, hard links,
# a FIFO, loose modes, another owner), permissions under umask 000 as an
# unprivileged user, and a full disk.  Refused, and the target untouched.
. "$(dirname "$0")/lib.sh"

mkdir -p "$T/bin" && cp -p "$top"/bin/* "$T/bin"/ 2>/dev/null
PATH=$T/bin:$PATH
have() { [ -x "$T/bin/$1" ]; }
D=$SALESMGR_DIR
init
rep-add -q a1 --name "Ann A" || exit 1
printf 'outside\n' >"$T/outside"

# untouched WHAT: $T/outside still holds exactly its line
untouched() { expect_file "$T/outside" "outside" "$1"; }

# reps.tsv a symlink to a file outside
cp "$D/reps.tsv" "$T/reps.save"
rm "$D/reps.tsv"
ln -s "$T/outside" "$D/reps.tsv"
snapshot
run rep-add b1 --name B
expect_fail 1 "reps.tsv: is a symlink; refused" "symlinked reps.tsv: refused"
untouched "symlinked reps.tsv: the target untouched"
expect_unchanged "symlinked reps.tsv: nothing changed"
if have rep-list; then
	run rep-list
	expect_fail 1 "reps.tsv: is a symlink; refused" "symlinked reps.tsv: rep-list refuses it too"
fi
rm "$D/reps.tsv"
cp "$T/reps.save" "$D/reps.tsv"

# A symlink at the very name the writer's temporary will have: the writer
# removes stale temporaries, and O_EXCL|O_NOFOLLOW would refuse it anyway.
# sh -c 'exec ...' makes the name known: the pid is the shell's.
ln -s "$T/outside" "$T/link-existing"
run sh -c 'ln -s "$1" "$3/.tmp-reps.tsv.$$.0" && ln -s "$2" "$3/.tmp-reps.tsv.$$.1" &&
    ln -s "$1" "$3/.tmp-audit.tsv.$$.0" && exec rep-add b1 --name B' sh \
    "$T/outside" "$T/dangling" "$D"
expect_status 0 "symlinks planted at the temporary names: rep-add works"
untouched "symlinks planted at the temporary names: the target untouched"
if [ -e "$T/dangling" ]; then
	not_ok "symlinks planted at the temporary names: a dangling one is not followed" \
	    "$T/dangling was created"
else
	ok "symlinks planted at the temporary names: a dangling one is not followed"
fi
if [ -f "$D/reps.tsv" ] && [ ! -L "$D/reps.tsv" ] && grep -q '^b1	' "$D/reps.tsv" &&
    [ -z "$(find "$D" -name '.tmp-*')" ]; then
	ok "symlinks planted at the temporary names: reps.tsv a plain file with b1, no temporary left"
else
	not_ok "symlinks planted at the temporary names: reps.tsv a plain file with b1, no temporary left" \
	    "$(ls -la "$D" | tr '\n' '|')"
fi

# The same with the removal of stale temporaries faked (strace makes
# unlinkat return 0 without doing it): now only O_EXCL|O_NOFOLLOW stands
# between the writer and the planted links.
if optional strace "planted temporary links with the cleanup faked are not tested"; then
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    run strace -f -o /dev/null -e trace=unlinkat -e inject=unlinkat:retval=0 \
	    sh -c 'ln -s "$1" "$3/.tmp-reps.tsv.$$.0" && ln -s "$2" "$3/.tmp-reps.tsv.$$.1" &&
	    exec rep-add b2 --name B' sh "$T/outside" "$T/dangling" "$D"
	expect_status 0 "planted temporary links not removed: rep-add works around them (O_EXCL)"
	untouched "planted temporary links not removed: the target untouched"
	if [ -e "$T/dangling" ]; then
		not_ok "planted temporary links not removed: a dangling one is not followed" \
		    "$T/dangling was created"
	else
		ok "planted temporary links not removed: a dangling one is not followed"
	fi
	check "planted temporary links not removed: b2 added to a plain reps.tsv" \
	    grep -q '^b2	' "$D/reps.tsv"
	check "planted temporary links not removed: they are still links (the test did plant them)" \
	    test "$(find "$D" -name '.tmp-*' -type l | wc -l)" -eq 2
	find "$D" -name '.tmp-*' -type l -exec rm {} +
	# The journal's own removal was faked too: the next program finishes it.
	rep-list >/dev/null 2>&1
fi

# reps.tsv with a second hard link
ln "$D/reps.tsv" "$T/hardlink"
cp "$T/hardlink" "$T/hardlink.save"
snapshot
run rep-add c1 --name C
expect_fail 1 "reps.tsv: has 2 hard links; refused" "hard-linked reps.tsv: refused"
expect_unchanged "hard-linked reps.tsv: nothing changed"
check "hard-linked reps.tsv: the other link untouched" cmp -s "$T/hardlink" "$T/hardlink.save"
rm "$T/hardlink"

# reps.tsv a FIFO: refused at once, no hang
mv "$D/reps.tsv" "$T/reps.save"
mkfifo "$D/reps.tsv"
run timeout 5 rep-add c1 --name C
expect_fail 1 "reps.tsv: not a regular file; refused" "reps.tsv a FIFO: refused, no hang"
if have rep-list; then
	run timeout 5 rep-list
	expect_fail 1 "reps.tsv: not a regular file; refused" "reps.tsv a FIFO: rep-list refuses, no hang"
fi
rm "$D/reps.tsv"
mv "$T/reps.save" "$D/reps.tsv"

# .lock a symlink to a file outside
mv "$D/.lock" "$T/lock.save"
ln -s "$T/outside" "$D/.lock"
snapshot
run rep-add c1 --name C
expect_fail 1 ".lock" "symlinked .lock: refused"
untouched "symlinked .lock: the target untouched"
expect_unchanged "symlinked .lock: nothing changed"
rm "$D/.lock"
mv "$T/lock.save" "$D/.lock"

# audit.tsv a symlink: refused, the target untouched, and nothing changed
# (not even reps.tsv: the audit line is part of the change).
mv "$D/audit.tsv" "$T/audit.save"
cp "$D/reps.tsv" "$T/reps.save"
ln -s "$T/outside" "$D/audit.tsv"
snapshot
run rep-add c1 --name C
expect_fail 1 "audit.tsv: is a symlink; refused" "symlinked audit.tsv: refused"
untouched "symlinked audit.tsv: the target untouched"
expect_unchanged "symlinked audit.tsv: nothing changed"
rm "$D/audit.tsv"
mv "$T/audit.save" "$D/audit.tsv"
cp "$T/reps.save" "$D/reps.tsv"

# the data directory group- or world-writable
for mode in 770 702; do
	chmod "$mode" "$D"
	snapshot
	run rep-add c1 --name C
	expect_fail 1 "data directory is group or world writable; fix it with chmod 700 $D" \
	    "data directory mode $mode: refused with the chmod hint"
	expect_unchanged "data directory mode $mode: nothing changed"
done
chmod 700 "$D"

# the data directory a symlink
ln -s "$D" "$T/dlink"
SALESMGR_DIR=$T/dlink run rep-add c1 --name C
expect_fail 1 "$T/dlink: data directory is a symlink; refused" "symlinked data directory: refused"
run sales-init "$T/dlink"
expect_fail 1 "is a symlink; refused" "sales-init on a symlink: refused"

# the data directory owned by someone else
if [ "$(id -u)" -eq 0 ]; then
	chown 65534 "$D"
	snapshot
	run rep-add c1 --name C
	expect_fail 1 "data directory is not owned by you; refused" "data directory of another user: refused"
	expect_unchanged "data directory of another user: nothing changed"
	chown 0 "$D"
	mkdir -m 700 "$T/theirs"
	chown 65534 "$T/theirs"
	run sales-init "$T/theirs"
	expect_fail 1 "not owned by you; refused" "sales-init in a directory of another user: refused"
else
	# Not root: / belongs to someone else.
	run rep-add -D / c1 --name C
	expect_fail 1 "data directory is not owned by you; refused" "data directory of another user: refused"
fi

# Permissions: an unprivileged user with umask 000 still gets 0700 and 0600.
if [ "$(id -u)" -ne 0 ]; then
	skip "permissions under umask 000: setpriv needs root (uid $(id -u))"
elif optional setpriv "permissions under umask 000 are not tested"; then
	chmod 711 "$T"
	mkdir -m 777 "$T/perm"
	# The other user runs the copies in $T/bin, whatever the umask they
	# were made under.
	chmod 755 "$T/bin" "$T/bin/sales-init" "$T/bin/rep-add"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	    env HOME="$T/perm" PATH="$T/bin:/usr/bin:/bin" \
	    sh -c 'umask 000 && sales-init -q "$1/a/b/data" &&
	    SALESMGR_DIR=$1/a/b/data rep-add -q u1 --name U &&
	    SALESMGR_DIR=$1/a/b/data rep-add -q u2 --name V' sh "$T/perm" \
	    >"$T/out" 2>"$T/err" </dev/null
	st=$?
	expect_status 0 "permissions: sales-init and rep-add as uid 65534, umask 000"
	P=$T/perm/a/b/data
	modes=$(find "$T/perm/a" -type d -exec stat -c '%a %n' {} + | grep -v '^700 ')
	check "permissions: every directory created is 0700 $modes" test -z "$modes"
	modes=$(find "$P" ! -type d -exec stat -c '%a %n' {} + | grep -v '^600 ')
	nfiles=$(find "$P" -type f | wc -l)
	check "permissions: all $nfiles files (and .lock) are 0600 $modes" test -z "$modes" -a "$nfiles" -gt 10
	check "permissions: owned by the user" test "$(stat -c %u "$P" "$P/reps.tsv" | sort -u)" = 65534
	chmod 700 "$T"
fi

# Full disk: a 128 KiB tmpfs as the data directory's file system (a page
# a file: the tables, and a change's temporaries and journal besides).
fs=$T/fs
fulldisk() {
	if [ "$(id -u)" -ne 0 ]; then
		skip "full disk: mounting a tmpfs needs root (uid $(id -u))"
		return
	fi
	mkdir "$fs"
	if ! mount -t tmpfs -o size=128k,mode=700 tmpfs "$fs" 2>"$T/err"; then
		skip "full disk: cannot mount a tmpfs here: $(cat "$T/err")"
		return
	fi
	trap 'umount "$fs" 2>/dev/null; rm -rf "$T"' EXIT
	SALESMGR_DIR=$fs/d
	export SALESMGR_DIR
	run sales-init "$SALESMGR_DIR"
	expect_status 0 "full disk: sales-init on a 128 KiB tmpfs"
	rep-add -q f1 --name F

	# one batch bigger than the disk
	awk 'BEGIN { print "rep\tname\temail"
		for (i = 0; i < 3000; i++)
			printf "big%d\tA Big Batch %d\tbig%d@example.com\n", i, i, i }' >"$T/big.tsv"
	snapshot
	run rep-add --from "$T/big.tsv"
	expect_fail 1 "reps.tsv: cannot write; nothing was changed: No space left on device" \
	    "full disk: a batch bigger than the disk: exit 1, clear error"
	expect_unchanged "full disk: a batch bigger than the disk: old data intact"
	check "full disk: a batch bigger than the disk: no temporary" \
	    test -z "$(find "$SALESMGR_DIR" -name '.tmp-*')"

	# a disk filled by something else
	dd if=/dev/zero of="$fs/filler" bs=1k 2>/dev/null
	snapshot
	run rep-add f2 --name G
	expect_fail 1 "No space left on device" "full disk: filled by another file: exit 1, clear error"
	expect_err_has "$SALESMGR_DIR/" "full disk: the message names the file"
	expect_unchanged "full disk: filled by another file: old data intact"
	check "full disk: filled by another file: no temporary" \
	    test -z "$(find "$SALESMGR_DIR" -name '.tmp-*')"

	# space back: the next run works
	rm "$fs/filler"
	run rep-add f2 --name G
	expect_status 0 "full disk: once space is back, rep-add works"
	check "full disk: f1 and f2 there" test "$(rows reps.tsv | cut -f1 | tr '\n' ' ')" = "f1 f2 "
	if have sales-check; then
		run sales-check
		expect_status 0 "full disk: sales-check clean afterwards"
	fi
	SALESMGR_DIR=$T/data
	umount "$fs" || not_ok "full disk: umount failed"
	trap 'rm -rf "$T"' EXIT
}
fulldisk

# A read-only copy (a backup snapshot, a read-only mount): every reader
# works and creates nothing there, with .lock or without; a writer fails
# with the reason.  As root a read-only bind mount, else modes.
rosrc=$T/rosrc mnt=$T/romnt
mkdir -p "$rosrc" "$mnt"
settle "$D"
cp -a "$D" "$rosrc/d"
mkdir -m 700 "$rosrc/d/deals"
printf 'date\tdeal\tevent\trep\taccount\tproduct\tamount\tstage\texpected\tref\treason\tnote\topened\n2026-11-02\tD1\topen\ta1\tacme\t\t100.00\tlead\t\t\t\t\t2026-11-02\n' \
    >"$rosrc/d/deals/2026-11.tsv"
printf 'kind\tnext\ndeal\t2\n' >"$rosrc/d/ids.tsv"
cp -a "$rosrc/d" "$rosrc/nolock" && rm -f "$rosrc/nolock/.lock"
readonly_ok=0
if [ "$(id -u)" -eq 0 ]; then
	mount --bind "$rosrc" "$mnt" 2>/dev/null &&
	    mount -o remount,bind,ro "$mnt" 2>/dev/null && readonly_ok=1
	[ "$readonly_ok" = 1 ] || umount "$mnt" 2>/dev/null
else
	cp -a "$rosrc/d" "$mnt/d" && cp -a "$rosrc/nolock" "$mnt/nolock" &&
	    find "$mnt" -type f -exec chmod 400 {} + && find "$mnt" -type d -exec chmod 500 {} + &&
	    readonly_ok=1
fi
if [ "$readonly_ok" = 1 ]; then
	for dir in d nolock; do
		R=$mnt/$dir
		(cd "$R" && find . | LC_ALL=C sort) >"$T/ro.before"
		: >"$T/ro.fail"
		for cmd in rep-list team-list "perf-report --period 2026-11" deal-list \
		    deal-forecast sales-log sales-check acct-list coach-list train-status \
		    "comp-calc --period 2026-10"; do
			SALESMGR_DIR=$R $cmd >/dev/null 2>"$T/ro.err" </dev/null ||
			    echo "$cmd: exit $?: $(head -c 200 "$T/ro.err")" >>"$T/ro.fail"
		done
		if [ -s "$T/ro.fail" ]; then
			not_ok "read-only copy ($dir): every reader works" "$(head -3 "$T/ro.fail")"
		else
			ok "read-only copy ($dir): every reader works"
		fi
		(cd "$R" && find . | LC_ALL=C sort) >"$T/ro.after"
		check "read-only copy ($dir): nothing created there" cmp -s "$T/ro.before" "$T/ro.after"
		SALESMGR_DIR=$R run rep-add r9 --name R
		expect_status 1 "read-only copy ($dir): a writer fails (exit 1)"
	done
	[ "$(id -u)" -eq 0 ] && umount "$mnt"
	[ "$(id -u)" -ne 0 ] && chmod -R u+w "$mnt"
else
	not_ok "read-only copy: cannot make one here (bind mount refused); not tested"
fi

done_testing
