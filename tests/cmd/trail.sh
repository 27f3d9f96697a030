#!/bin/sh
# trail.sh: deal-forecast's trailing window (required_coverage, velocity)
# from the month summaries writers keep (lib/trail.h, cache/trail-*): the
# same figures as the window replayed, on a ledger of every case the
# summaries must get right (cancels in another month than their win, before
# and inside the window; losses undone by a reopen or a win in a later
# month, or in the month of as-of; the same day; splits with an overlay; a
# deal won by its stage), at every as-of around the window's edges; on
# sales-gen data; the summaries are read (one altered changes the figures),
# and one torn, missing or stale is not believed.
. "$(dirname "$0")/lib.sh"
D=$SALESMGR_DIR
init
team-add -q north --name North
for r in anna bob carl; do
	rep-add -q "$r" --name "$r" --team north --hired 2024-01-01
done
n=0
# nd REP AMOUNT DATE: a new deal, its id in $id
nd() {
	n=$((n + 1))
	id=$(deal-add -q --new-accounts --rep "$1" --account "a$n" --amount "$2" --date "$3" \
	    --expected 2026-12-15) || not_ok "setup: deal-add $*"
}
s() { setup "$@"; }	# each event of the story, in date order per deal

# Today 2026-11-26: the window is 2025-11-27 .. 2026-11-26.
nd anna 1000 2025-10-01; s deal-won "$id" --date 2025-11-20; s deal-cancel "$id" --date 2025-12-02
nd anna 2000 2025-10-02; s deal-won "$id" --date 2025-11-28; s deal-cancel "$id" --date 2026-01-05
nd bob 3000 2025-10-03; s deal-lost "$id" --date 2025-12-10
s deal-move "$id" --stage lead --date 2026-02-03
nd bob 4000 2026-01-04; s deal-lost "$id" --date 2026-03-01
s deal-move "$id" --stage lead --date 2026-03-05; s deal-lost "$id" --date 2026-04-10
nd carl 5000 2025-09-05; s deal-lost "$id" --date 2025-11-25
s deal-move "$id" --stage lead --date 2025-12-01; s deal-won "$id" --date 2026-01-10
nd anna 6000 2026-05-06; s deal-split "$id" anna:60 bob:40 --overlay carl:10 --date 2026-05-07
s deal-won "$id" --date 2026-06-15
nd anna 7000 2026-09-07; s deal-lost "$id" --date 2026-10-30
s deal-move "$id" --stage lead --date 2026-11-03
nd bob 8000 2026-09-08; s deal-won "$id" --date 2026-10-20; s deal-cancel "$id" --date 2026-11-05
nd carl 9000 2026-07-09; s deal-won "$id" --date 2026-08-10; s deal-cancel "$id" --date 2026-11-10
nd carl 1100 2026-10-10; s deal-lost "$id" --date 2026-11-20
nd anna 1200 2026-02-11; s deal-won "$id" --date 2026-02-12; s deal-cancel "$id" --date 2026-02-20
nd bob 1300 2026-05-01; s deal-lost "$id" --date 2026-05-05
s deal-move "$id" --stage lead --date 2026-05-05; s deal-lost "$id" --date 2026-05-05
nd carl 1400 2025-11-27; s deal-lost "$id" --date 2025-11-27
nd bob 1500 2025-11-26; s deal-won "$id" --date 2025-11-26
nd anna 1600 2026-06-01; s deal-split "$id" anna:50 carl:50 --date 2026-06-02
s deal-won "$id" --date 2026-07-01; s deal-cancel "$id" --date 2026-09-15
for m in 01 03 05 07 09; do
	nd bob 100$m 2026-$m-01; s deal-won "$id" --date 2026-$m-28
	nd carl 200$m 2026-$m-02; s deal-won "$id" --date 2026-$m-27
done
# The last write of the story made the summaries in the background.
settle
count=$(ls "$D/cache" | grep -c '^trail-')
check "a summary of each month the ledger has from 13 months back ($count)" test "$count" -eq 13

cols=rep,won,won_deals,required_coverage,velocity
hide() { mkdir -p "$T/hide"; mv "$D"/cache/trail-* "$T/hide/"; }
unhide() { mv "$T"/hide/trail-* "$D/cache/"; }
# same WHAT ARGS...: deal-forecast ARGS the same with the summaries as
# replayed without them
same() {
	what=$1
	shift
	deal-forecast --columns "$cols" "$@" >"$T/with" 2>&1
	hide
	deal-forecast --columns "$cols" "$@" >"$T/without" 2>&1
	unhide
	if cmp -s "$T/with" "$T/without"; then
		ok "$what"
	else
		not_ok "$what" "$(diff "$T/with" "$T/without" | head -8)"
	fi
}
for a in 2026-11-26 2026-11-25 2026-11-20 2026-11-10 2026-11-05 2026-11-04 2026-11-03 \
    2026-11-01 2026-10-31 2026-10-30 2026-10-20 2026-10-01 2026-09-30 2026-09-15 \
    2026-07-01 2026-06-15 2026-01-05 2025-12-31 2025-12-02 2025-11-28 2025-11-27; do
	same "as of $a: the summaries give what the replay gives" --as-of "$a"
done
same "by team: replayed" --by team
same "under a manager: replayed" --manager anna

# The figures themselves, at today, worked by hand.  anna: D6's share won
# (1); D1 won before the window and cancelled in it, D2, D11 and D16 won
# and cancelled in it, D7's loss undone by its reopening in November: 1
# won, 0 lost, 1.0.  bob: D6's share and five wins of the loop (6); D4
# lost once (again in April, after a reopening), D13 lost, reopened and
# lost on one day: 2 lost; D3 reopened, D8 cancelled, D15 won the day
# before the window: (6 + 2) / 6 = 1.3.  carl: D5 (its loss before the
# window), D6's overlay and five wins (7); D10 lost in November, D14 on the
# window's first day (2); D9 won in August and cancelled in November:
# (7 + 2) / 7 = 1.3.
run deal-forecast --columns rep,required_coverage -o tsv --no-header
expect_out "anna	1.0
bob	1.3
carl	1.3" "required coverage from the window: (won + lost) / won of each rep"

# The summaries are read: one altered changes the figures; one torn or
# left behind by another ledger is not believed.
f=$(ls "$D"/cache/trail-2026-05-*)
cp "$f" "$T/may"
deal-forecast --columns "$cols" >"$T/before"
# the first cell's count of wins (May's: bob's or carl's win): 17 bytes of magic, a 72-byte
# head, the names, then the rep, day, amount and cycle days before it
names=$(u64_at "$f" 25)
printf '\144\000\000\000' | dd of="$f" bs=1 seek=$((17 + 72 + names + 24)) conv=notrunc \
    2>/dev/null
deal-forecast --columns "$cols" >"$T/after"
if cmp -s "$T/before" "$T/after"; then
	not_ok "an altered summary changes the figures: it is read" "$(cat "$T/after")"
else
	ok "an altered summary changes the figures: it is read"
fi
head -c 100 "$T/may" >"$f"
same "a torn summary is not believed"
rm "$f"
same "a missing summary: the window replayed"
nd anna 100 2026-11-26
settle
check "the next writer makes a missing summary again, the same" cmp -s "$f" "$T/may"
ledger=$D/deals/2026-06.tsv
touch -d '2026-06-30 12:00' "$ledger"
same "a ledger month changed since: its summaries are not believed"
count=$(ls "$D/cache" | grep -c '^trail-2026-06-')
check "the stale summary is still there until a writer runs" test "$count" -eq 1
nd anna 100 2026-11-26
settle
count=$(ls "$D/cache" | grep -c '^trail-2026-06-')
check "a writer made it anew, the stale one removed" test "$count" -eq 1
test "$(ls "$D"/cache/trail-2026-06-*)" != "$f"
check "its name is the new fingerprint's" test $? -eq 0
same "after the writer: the same again"

# A deal won by its stage (no won event) makes its month irregular: the
# window is replayed, as perf.h takes its cancel back without a cycle
# (carl's velocity, with a deal of his open this quarter, would differ).
# (deal-move refuses a won stage: the rows are written as a CRM's import
# of old could have.)
nd carl 500 2026-11-05
nd carl 777 2026-11-01
printf '2026-11-02\t%s\tstage\tcarl\ta%s\t\t777.00\twon\t2026-12-15\t\t\t\t2026-11-01\n' \
    "$id" "$n" >>"$D/deals/2026-11.tsv"
printf '2026-11-09\t%s\tcancel\tcarl\ta%s\t\t777.00\twon\t2026-12-15\t\t\t\t2026-11-01\n' \
    "$id" "$n" >>"$D/deals/2026-11.tsv"
same "a deal won by its stage: replayed, the same"

# Groups: a team's figures (--by team) and a manager's reps' (--manager)
# from the summaries, the same as the window replayed.  A team counts a
# split deal once and leaves overlays out (perf.h); a rep counts in the
# team it was in on the day of the win or loss.  Here: splits across
# teams, with overlays of another team, won in one month and cancelled in
# a later one (in the window, and of a win before it), or in the month of
# as-of; a rep who changes team and manager inside the window; a team
# inside another from a day in it.
O=$T/org
SALESMGR_DIR=$O
D=$O
init
for t in north south east; do
	team-add -q "$t" --name "$t"
done
for r in anna:north bob:north carl:south dave:south erin:east; do
	rep-add -q "${r%%:*}" --name "${r%%:*}" --team "${r#*:}" --hired 2024-01-01
done
s team-edit north --manager anna --date 2024-01-01
s team-edit south --manager dave --date 2024-01-01
s team-edit east --parent north --date 2025-06-01
s rep-edit bob --team south --date 2026-03-01
s rep-edit erin --manager dave --date 2026-08-01
nd anna 1000 2025-10-01; s deal-split "$id" anna:50 erin:50 --overlay dave:20 --date 2025-10-02
s deal-won "$id" --date 2025-11-20; s deal-cancel "$id" --date 2026-01-15
nd anna 1100 2025-11-01; s deal-split "$id" anna:50 erin:50 --overlay dave:20 --date 2025-11-02
s deal-won "$id" --date 2025-12-01; s deal-cancel "$id" --date 2026-02-01
nd anna 1200 2026-01-02; s deal-split "$id" anna:50 carl:50 --date 2026-01-03
s deal-won "$id" --date 2026-02-10
nd bob 1300 2026-01-04; s deal-split "$id" bob:70 erin:30 --overlay carl:10 --date 2026-01-05
s deal-won "$id" --date 2026-04-05
nd anna 1400 2026-01-06; s deal-split "$id" anna:60 bob:40 --date 2026-01-07
s deal-won "$id" --date 2026-01-20; s deal-cancel "$id" --date 2026-05-02
nd bob 1500 2026-02-01; s deal-won "$id" --date 2026-02-27
nd bob 1600 2026-02-02; s deal-won "$id" --date 2026-03-02
nd erin 1700 2026-03-03; s deal-lost "$id" --date 2026-06-01
nd carl 1800 2026-03-04; s deal-lost "$id" --date 2026-07-07
nd bob 1900 2026-02-05; s deal-lost "$id" --date 2026-02-20
nd erin 2000 2026-07-01; s deal-won "$id" --date 2026-08-03
nd erin 2100 2026-09-01; s deal-split "$id" erin:40 anna:60 --date 2026-09-02
s deal-won "$id" --date 2026-10-03; s deal-cancel "$id" --date 2026-11-04
nd carl 2200 2026-10-01; s deal-split "$id" carl:50 dave:50 --date 2026-10-02
s deal-won "$id" --date 2026-11-10
nd anna 2300 2026-10-03; s deal-split "$id" anna:50 bob:50 --overlay erin:10 --date 2026-10-04
s deal-won "$id" --date 2026-11-12; s deal-cancel "$id" --date 2026-11-20
nd dave 2400 2026-11-01; s deal-lost "$id" --date 2026-11-21
settle
for a in 2026-11-26 2026-11-11 2026-11-04 2026-11-01 2026-10-31 2026-08-02 2026-05-02 \
    2026-03-01 2026-02-28 2026-01-20 2025-12-31; do
	same "groups, as of $a: by team" --by team --as-of "$a"
	same "groups, as of $a: a manager's reps" --manager dave --as-of "$a"
done
same "groups: a manager's teams" --by team --manager anna
same "groups: another manager's reps" --manager anna
# The same figures worked by hand, as of 2026-11-26 (the window from
# 2025-11-27).  north (anna, and bob until March; east is inside it):
# D3 (anna and carl) once; D4 (bob, south by then, and erin of east) once,
# its overlay carl not north's; D6 (bob, in February); D11 (erin, east);
# D2 won 2025-12-01 and cancelled in February, D5 and D13 cancelled, D12
# cancelled the same month; D10 (bob's loss in February) and D8 (erin's):
# (4 won + 2 lost) / 4 = 1.5.  south (carl, dave, bob from March): D3, D4,
# D7 (bob in March), D12 (carl and dave) won; D9 (carl), D14 (dave) lost:
# (4 + 2) / 4 = 1.5.  east (erin): D4, D11; D8 lost: (2 + 1) / 2 = 1.5.
run deal-forecast --by team --columns team,required_coverage -o tsv --no-header
expect_out "east	1.5
north	1.5
south	1.5" "required coverage of each team from the window, worked by hand"
# The summaries are read for groups: a share's day altered changes a
# team's figures (the first share of April's summary is D4's, bob's: put
# before the window, south counts D4 no more).
f=$(ls "$D"/cache/trail-2026-04-*)
deal-forecast --by team --columns "team,required_coverage" >"$T/before"
names=$(u64_at "$f" 25) cells=$(u64_at "$f" 33)
printf '\000\000\000\000' | dd of="$f" bs=1 seek=$((17 + 72 + names + 32 * cells + 8)) \
    conv=notrunc 2>/dev/null
deal-forecast --by team --columns "team,required_coverage" >"$T/after"
if cmp -s "$T/before" "$T/after"; then
	not_ok "a share altered changes a team's figures: the summary is read" "$(cat "$T/after")"
else
	ok "a share altered changes a team's figures: the summary is read"
fi

# sales-gen data: every as-of of its last year's month ends and a few days
# between, the summaries against the replay.
G=$T/gen
SALESMGR_DIR=$G
sales-gen -q --reps 12 --deals 6000 --months 24 --reorgs 2 "$G"
count=$(ls "$G/cache" | grep -c '^trail-')
check "sales-gen makes the summaries ($count)" test "$count" -eq 13
D=$G
for a in 2026-11-26 2026-11-02 2026-10-31 2026-08-15 2026-04-30 2026-01-01 2025-12-15; do
	same "sales-gen, as of $a" --as-of "$a"
	same "sales-gen, as of $a: by team" --as-of "$a" --by team
done
m=$(awk -F'\t' 'NR > 1 && $3 != "" { print $3; exit }' "$G/teams.tsv")
same "sales-gen: a manager's reps ($m)" --manager "$m"
same "sales-gen: a manager's teams ($m)" --manager "$m" --by team

# Random ledgers: deal lifecycles of open, stage moves, lost, reopen, won
# and cancel over two years, several events of a deal on one day at times,
# written as the writers would; the summaries against the replay.
cat >"$T/gen.awk" <<'GEN'
function ym(mi,   y, m) { y = 2024 + int((mi + 11) / 12); m = (mi + 11) % 12 + 1; return sprintf("%04d-%02d", y, m) }
function ds(k) { return ym(int(k / 32)) sprintf("-%02d", k % 32) }
function later(k,   mi, d) {
	mi = int(k / 32); d = k % 32 + int(rand() * 40)
	while (d > 28) { d -= 28; mi++ }
	return mi * 32 + d
}
function row(k, ev, stage) {
	n++; key[n] = k; line[n] = ds(k) "\tD" id "\t" ev "\t" rep "\ta" id "\t\t" amt "\t" stage "\t2026-12-15\t\t\t\t" ds(opened)
}
BEGIN {
	srand(seed); today = 23 * 32 + 26
	for (id = 1; id <= ndeals; id++) {
		rep = "r" (1 + int(rand() * 4)); amt = sprintf("%d.%02d", 100 + int(rand() * 9000), int(rand() * 100))
		k = int(rand() * 24) * 32 + 1 + int(rand() * 28)
		if (k > today) k = today
		opened = k; row(k, "open", "lead"); state = "open"
		for (;;) {
			k = later(k); if (k > today) break
			r = rand()
			if (state == "open") {
				if (r < 0.3) row(k, "stage", "proposal")
				else if (r < 0.6) { row(k, "won", "won"); state = "won" }
				else { row(k, "lost", "lost"); state = "lost" }
			} else if (state == "lost") {
				if (r < 0.5) { row(k, "reopen", "lead"); state = "open" } else break
			} else if (state == "won") {
				if (r < 0.35) { row(k, "cancel", "won"); state = "cancelled" } else break
			} else break
		}
	}
	for (i = 1; i <= n; i++) print key[i] "\t" i "\t" line[i]
}
GEN
H='date\tdeal\tevent\trep\taccount\tproduct\tamount\tstage\texpected\tref\treason\tnote\topened'
for seed in 1 2 3 4; do
	R=$T/rnd$seed
	SALESMGR_DIR=$R
	D=$R
	init
	team-add -q ta --name A
	team-add -q tb --name B
	for r in r1:ta r2:ta r3:tb r4:tb; do
		rep-add -q "${r%%:*}" --name "${r%%:*}" --team "${r#*:}" --hired 2024-01-01
	done
	s rep-edit r2 --team tb --date 2026-06-01
	(
		umask 077
		mkdir -p "$R/deals"
		awk -v seed="$seed" -v ndeals=400 -f "$T/gen.awk" | sort -t '	' -k1,1n -k2,2n |
		    cut -f3- | awk -v dir="$R/deals" -v h="$H" '
		    { f = dir "/" substr($1, 1, 7) ".tsv"; if (!(f in seen)) { seen[f]; print h >f }
		      print >>f }'
	)
	deal-add -q --new-accounts --rep r1 --account z --amount 1 >/dev/null 2>&1
	settle
	check "random ledger $seed: sales-check finds it sound" sales-check -q
	for a in 2026-11-26 2026-11-10 2026-11-01 2026-10-31 2026-10-16 2026-10-01; do
		same "random ledger $seed, as of $a" --as-of "$a"
		same "random ledger $seed, as of $a: by team" --as-of "$a" --by team
	done
done

# In a pipe.
run sh -c "deal-forecast --no-header --columns rep,velocity | sort -t '	' -k2,2n | tail -1 | cut -f1"
expect_status 0 "deal-forecast | sort | tail: exit 0"
done_testing
