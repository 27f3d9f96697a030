#!/bin/sh
# deal-sync: an export's change dated before the deal's last event is
# dated on that event, also when one row makes two events (reassigned and
# amended at once, each taking the date in turn); the ledger stays valid.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
H='ref	rep	account	amount	stage	date	changed'
init --currency EUR
team-add -q north --name North &&
rep-add -q olivia --name 'Olivia Grant' --email olivia@example.com --team north \
    --hired 2026-01-05 &&
rep-add -q sam --name 'Sam Patel' --email sam@example.com --team north \
    --hired 2026-01-05 || { echo "not ok - setup failed"; exit 1; }

printf '%s\n9001\tolivia\tacme\t100.00\tlead\t2026-11-10\t2026-11-10\n' "$H" >"$T/e1.tsv"
run deal-sync --today 2026-11-26 --from "$T/e1.tsv"
expect_status 0 "the first export opens the deal"

# Changed on 2026-11-01, before the deal's open on the 10th.
printf '%s\n9001\tsam\tacme\t150.00\tlead\t2026-11-10\t2026-11-01\n' "$H" >"$T/e2.tsv"
run deal-sync --today 2026-11-26 --from "$T/e2.tsv"
expect_status 0 "a reassigned and amended deal changed before its last event"
tail -n +2 "$D/deals/2026-11.tsv" | cut -f1-4,7 >"$T/l"
expect_file "$T/l" "2026-11-10	D1	open	olivia	100.00
2026-11-10	D1	assign	sam	100.00
2026-11-10	D1	amend	sam	150.00" "both events dated on the open, not before it"
check "sales-check accepts the ledger" sales-check -q

snapshot
run deal-sync --today 2026-11-26 --from "$T/e2.tsv"
expect_status 0 "the same export again"
expect_unchanged "writes nothing"
done_testing
