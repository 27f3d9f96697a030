#!/bin/sh
# The modules of lib/ form layers: no module reaches itself through the
# headers its files include (a circle would make one of them impossible to
# understand, test or replace alone).
. "$(dirname "$0")/lib.sh"

# "a b": a.c or a.h includes b.h, for every pair of lib modules.
for h in "$top"/lib/*.h; do
	m=$(basename "$h" .h)
	for f in "$top/lib/$m.h" "$top/lib/$m.c"; do
		[ -f "$f" ] || continue
		sed -n 's/^#include "\([a-z0-9_]*\)\.h".*/\1/p' "$f" | while read -r inc; do
			[ "$inc" != "$m" ] && [ -f "$top/lib/$inc.h" ] && echo "$m $inc"
		done
	done
done | sort -u >"$T/edges"

check "lib/ has include edges to check" test -s "$T/edges"
tsort "$T/edges" >/dev/null 2>"$T/loop"; st=$?
if [ "$st" -eq 0 ] && [ ! -s "$T/loop" ]; then
	ok "the lib/ module graph has no circle"
else
	not_ok "the lib/ module graph has no circle" "$(tr '\n' ' ' <"$T/loop")"
fi

# The check itself sees a circle when there is one.
printf 'schema comp\ncomp deal\ndeal schema\n' >"$T/circle"
tsort "$T/circle" >/dev/null 2>&1; st=$?
expect_status 1 "a circle of three modules is found"

done_testing
