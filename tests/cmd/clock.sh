#!/bin/sh
# clock.sh: today and the data.  An event after today is reported by
# sales-check and warned about by writers (a clock behind the data, or a
# --today ahead of it); comp-calc --lock takes the real date, which --today
# does not move; config.tsv's timezone decides "today" from the clock and
# the local dates of sales-log, so that a UTC cron job and a manager in
# Amsterdam agree.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
init
rep-add -q a1 --name "Ann A" --hired 2026-01-05 || exit 1
deal-add -q --rep a1 --account acme --amount 100 --date 2026-11-20 >/dev/null || exit 1

# A future --today lets deal-add book an event after the real today: it
# warns, and sales-check (on the real today) reports it.
run deal-add --rep a1 --account beta --amount 100 --date 2027-01-15 --today 2027-02-01
expect_status 0 "deal-add under a future --today: booked"
expect_err "deal-add: warning: an event is dated 2027-01-15 (deals/2027-01.tsv), after today (2026-11-26): is the clock, or --today, right?" \
    "deal-add under a future --today: warns"
run sales-check
expect_status 1 "sales-check reports the event after today"
expect_err "sales-check: deals/2027-01.tsv:2: date '2027-01-15' is after today (2026-11-26): booked under a wrong clock or --today?" \
    "sales-check: the message"
rm "$D/deals/2027-01.tsv"
printf 'kind\tnext\ndeal\t3\n' >"$D/ids.tsv"

# A clock years behind the data: every writer warns.
SALESMGR_TODAY=2024-03-01 run rep-add -q a2 --name "Bob B" --hired 2024-01-01
expect_status 0 "a clock behind the data: rep-add works"
expect_err "rep-add: warning: an event is dated 2026-11-20 (deals/2026-11.tsv), after today (2024-03-01): is the clock, or --today, right?" \
    "a clock behind the data: rep-add warns"
run rep-add -q a3 --name "Cid C"
expect_err_empty "today after every event: no warning"

# A month file of any size: its latest appends are read, so an event
# after today booked last is warned about past 64 KiB of older rows.
settle "$D"
cp -a "$D" "$T/big"
awk -F'\t' -v OFS='\t' 'NR == 2 { $1 = "2026-11-02"; for (i = 0; i < 2000; i++) print }' \
    "$D/deals/2026-11.tsv" >"$T/rows"
check "the month made bigger than 64 KiB" test "$(wc -c <"$T/rows")" -gt 65536
cat "$T/rows" >>"$T/big/deals/2026-11.tsv"
SALESMGR_TODAY=2026-11-10 run rep-add -q -D "$T/big" a4 --name "Dee D"
expect_status 0 "a big month, its newest event early: rep-add works"
expect_err_empty "a big month, its newest event early and past the tail: no warning"
SALESMGR_TODAY=2026-11-15 run deal-add -q -D "$T/big" --rep a1 --account beta --amount 1 \
    --date 2026-11-14
expect_status 0 "a big month: deal-add booked"
SALESMGR_TODAY=2026-11-10 run rep-add -q -D "$T/big" a5 --name "Eve E"
expect_err "rep-add: warning: an event is dated 2026-11-14 (deals/2026-11.tsv), after today (2026-11-10): is the clock, or --today, right?" \
    "a big month, the event after today among its latest appends: rep-add warns"

# comp-calc --lock of a month not over by the real date, under a --today
# that says it is: refused.
comp-plan -q std --tier 0:5 && rep-edit -q a1 --plan std && quota-set -q 2026-11 a1 1000 || exit 1
bad 1 "comp-calc: 2026-11 is not over until 2026-11-30: lock it after that" \
    "comp-calc --lock under a future --today" comp-calc --period 2026-11 --lock --today 2026-12-15

# The time zone of the data: today from the clock is its date there,
# whatever TZ the program runs under (UTC-12 here, UTC+14 there: the two
# dates always differ).
unset SALESMGR_TODAY
printf 'timezone\tPacific/Kiritimati\n' >>"$D/config.tsv"
before=$(TZ=Pacific/Kiritimati date +%F)
TZ=Etc/GMT+12 run rep-add -q z1 --name Zed
after=$(TZ=Pacific/Kiritimati date +%F)
expect_status 0 "timezone Pacific/Kiritimati, TZ=Etc/GMT+12: rep-add works"
hired=$(awk -F'\t' '$1 == "z1" { print $7 }' "$D/reps.tsv")
check "hired defaults to today in config.tsv's time zone ($hired, not $(TZ=Etc/GMT+12 date +%F))" \
    test "$hired" = "$before" -o "$hired" = "$after"
# -D names the directory whose time zone counts.
SALESMGR_DIR=$T/elsewhere TZ=Etc/GMT+12 run rep-add -q -D "$D" z2 --name Zed
hired=$(awk -F'\t' '$1 == "z2" { print $7 }' "$D/reps.tsv")
check "with -D: that directory's time zone" test "$hired" = "$before" -o "$hired" = "$after"
run sales-check
expect_status 0 "sales-check accepts the time zone"

# A time zone this system does not know: sales-check says so, and the
# clock cannot be read in it.
sed -i 's|^timezone\t.*|timezone\tMars/Olympus|' "$D/config.tsv"
SALESMGR_TODAY=2026-11-26 run sales-check
expect_status 1 "sales-check: an unknown time zone"
expect_err "sales-check: config.tsv:$(grep -n '^timezone' "$D/config.tsv" | cut -d: -f1): timezone 'Mars/Olympus' is not a time zone (want a name such as Europe/Amsterdam or UTC)" \
    "sales-check: the message"
run rep-add -n z9 --name Zed
expect_fail 1 "config.tsv: timezone 'Mars/Olympus' is not a time zone" \
    "a program reading the clock in an unknown time zone: refused"
sed -i 's|^timezone\t.*|timezone\t../../etc/passwd|' "$D/config.tsv"
run rep-add -n z9 --name Zed
expect_fail 1 "timezone '../../etc/passwd' is not a time zone" "a path is not a time zone"

# sales-log: the audit times are UTC, --since and --until local dates.
SALESMGR_TODAY=2026-11-26
export SALESMGR_TODAY
printf '2031-06-30T23:30:00Z\tann\trep-add\tlate in the evening\n' >>"$D/audit.tsv"
sed -i 's|^timezone\t.*|timezone\tEurope/Amsterdam|' "$D/config.tsv"
run sales-log --since 2031-07-01 --until 2031-07-01 --no-header
expect_out "2031-06-30T23:30:00Z	ann	rep-add	late in the evening" \
    "sales-log in Amsterdam: 23:30 UTC on June 30 is July 1"
sed -i 's|^timezone\t.*|timezone\tUTC|' "$D/config.tsv"
run sales-log --since 2031-07-01 --until 2031-07-01 --no-header
expect_out_empty "sales-log in UTC: it is June 30"
done_testing
