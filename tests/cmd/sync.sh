#!/bin/sh
# deal-sync: each shipped CRM map with its two sample exports (a week
# apart: a stage moved, an amount changed, a deal won, one lost, one
# reassigned, one gone, one new) synced in turn gives exactly the expected
# ledger, and syncing the same export again writes nothing; every bad
# input; -n, -q and use from a pipe.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
maps=$top/share/maps
S=$maps/samples
DH='date	deal	event	rep	account	product	amount	stage	expected	ref	reason	note	opened	currency	currency_amount	split	type'

# A fresh data directory in euros, three reps, dollar rates.
setup() {
	rmdata "$D"
	init --currency EUR
	team-add -q north --name North &&
	rep-add -q olivia --name 'Olivia Grant' --email olivia.grant@example.com --team north \
	    --hired 2026-01-05 &&
	rep-add -q sam --name 'Sam Patel' --email sam.patel@example.com --team north \
	    --hired 2026-01-05 &&
	rep-add -q lena --name 'Lena Vogel' --email lena.vogel@example.com --team north \
	    --hired 2026-01-05 || { echo "not ok - setup failed"; exit 1; }
	printf 'date\tcurrency\trate\n2026-10-01\tUSD\t0.92\n2026-11-15\tUSD\t0.95\n' >"$D/rates.tsv"
}
# The ledger's rows, oldest month first, in the columns every CRM fills
# alike: date deal event rep account amount stage opened currency amount.
ledger() {
	for f in "$D"/deals/*.tsv; do tail -n +2 "$f"; done | cut -f1-5,7,8,13-15
}

# What every sample tells, as events (odoo has no stage between
# Proposition and Won, so its negotiation is proposal).
# Months without a deal in another currency keep the ledger's first 13
# columns (salesmgr-files(5)); November's file has the currency columns.
first='2026-09-12	D3	open	lena	gamma-foods	8750.50	lead	2026-09-12
2026-09-20	D4	open	olivia	delta-bouw	5000.00	lead	2026-09-20
2026-10-02	D1	open	olivia	acme-trading-bv	42500.00	lead	2026-10-02
2026-10-05	D2	open	sam	beta-logistics	12000.00	negotiation	2026-10-05
2026-10-20	D3	won	lena	gamma-foods	8750.50	won	2026-09-12
2026-10-28	D6	open	lena	foxtrot-co	3300.00	proposal	2026-10-28
2026-11-03	D4	lost	olivia	delta-bouw	5000.00	lost	2026-09-20		
2026-11-02	D5	open	sam	echo-inc	18400.00	qualified	2026-11-02	USD	20000.00
2026-11-12	D7	open	sam	golf-media	950.00	qualified	2026-11-12		'
second='2026-11-24	D1	stage	olivia	acme-trading-bv	45000.00	negotiation	2026-10-02		
2026-11-25	D2	won	sam	beta-logistics	12000.00	won	2026-10-05		
2026-11-21	D5	lost	sam	echo-inc	19000.00	lost	2026-11-02	USD	20000.00
2026-11-23	D6	assign	olivia	foxtrot-co	3300.00	proposal	2026-10-28		
2026-11-25	D8	open	lena	hotel-zuid	1200.00	lead	2026-11-25		'

for crm in hubspot:hubspot-deals salesforce:salesforce-opportunities \
    pipedrive:pipedrive-deals odoo:odoo-crm; do
	m=${crm%%:*} f=${crm#*:}
	setup
	want1=$first want2=$second
	if [ "$m" = odoo ]; then
		want1=$(printf '%s\n' "$first" | sed 's/negotiation/proposal/')
		want2=$(printf '%s\n' "$second" | sed 's/negotiation/proposal/')
	fi
	run deal-sync --from "$S/$f.csv" --map "$maps/$m.map"
	expect_status 0 "$m: first export: exit 0"
	expect_out_empty "$m: no summary when stdout is not a terminal"
	ledger >"$T/l"
	expect_file "$T/l" "$want1" "$m: first export: every deal opened on its create date, closed ones closed on their close date, dollars at that day's rate"
	sort -t'	' -k1,1 "$T/l" | awk -F'\t' '$3 == "open"' | wc -l >"$T/n"
	expect_file "$T/n" "7" "$m: seven deals"
	check "$m: sales-check accepts the ledger" sales-check -q

	snapshot
	run deal-sync --from "$S/$f.csv" --map "$maps/$m.map"
	expect_status 0 "$m: the same export again: exit 0"
	expect_unchanged "$m: the same export again writes nothing"

	run deal-sync --from "$S/$f-2.csv" --map "$maps/$m.map"
	expect_status 0 "$m: second export: exit 0"
	ref7=$(awk -F'\t' '$2 == "D7" { print $10; exit }' "$D/deals/2026-11.tsv")
	expect_err "deal-sync: D7 (ref '$ref7') is not in $S/$f-2.csv; left as it is" \
	    "$m: a deal gone from the export is reported"
	ledger >"$T/l"
	printf '%s\n%s\n' "$want1" "$want2" >"$T/want"
	if cmp -s "$T/want" "$T/l"; then ok "$m: second export: moved, amended, won, lost, reassigned, added"
	else not_ok "$m: second export" "$(diff "$T/want" "$T/l" | tr '\n' '|')"; fi
	check "$m: sales-check accepts the ledger again" sales-check -q

	snapshot
	run deal-sync -q --from "$S/$f-2.csv" --map "$maps/$m.map"
	expect_status 0 "$m: the second export again: exit 0"
	expect_err_empty "$m: -q: not even the gone deal"
	expect_unchanged "$m: the second export again writes nothing"
done

# The refs and the text columns come from the export as it is.
awk -F'\t' '$3 == "open" { print $2, $10, $12 }' "$D"/deals/*.tsv >"$T/refs"
expect_file "$T/refs" "D3 __export__.crm_lead_03_5f3a Gamma pilot
D4 __export__.crm_lead_04_5f3a Delta expansion
D1 __export__.crm_lead_01_5f3a Acme renewal
D2 __export__.crm_lead_02_5f3a Beta rollout
D6 __export__.crm_lead_06_5f3a Foxtrot \"phase 2\", with training
D5 __export__.crm_lead_05_5f3a Echo US
D7 __export__.crm_lead_07_5f3a Golf trial
D8 __export__.crm_lead_08_5f3a Hotel upsell" "odoo: refs and names (a quoted field with quotes and a comma) as exported"
awk -F'\t' '$3 == "lost" { print $2, $11 }' "$D"/deals/*.tsv >"$T/why"
expect_file "$T/why" "D4 Too expensive
D5 Too expensive" "odoo: the lost reason"

# An independent look at the HubSpot export: sqlite3 reads the CSV and
# the map's labels and says each deal's final stage and amount in euros.
if optional sqlite3 "the HubSpot export read independently"; then
	setup
	deal-sync -q --from "$S/hubspot-deals.csv" --map "$maps/hubspot.map" &&
	deal-sync -q --from "$S/hubspot-deals-2.csv" --map "$maps/hubspot.map" 2>/dev/null
	deal-list | cut -f5,6,12 | tail -n +2 | sort >"$T/got"
	grep '^value	stage' "$maps/hubspot.map" | cut -f3,4 >"$T/labels"
	tail -c +4 "$S/hubspot-deals-2.csv" | tr -d '\r' >"$T/e.csv"
	sqlite3 -batch >"$T/oracle" <<EOF
.mode csv
.import '$T/e.csv' e
.mode tabs
CREATE TABLE l(label, stage);
.import '$T/labels' l
.mode tabs
SELECT printf('%.2f', CAST(replace(e.Amount, ',', '') AS REAL) *
    CASE e.Currency WHEN 'USD' THEN 0.95 ELSE 1 END), l.stage, e."Record ID"
FROM e JOIN l ON l.label = e."Deal Stage" ORDER BY 1, 2, 3;
SELECT '18400.00', 'qualified', '9007' WHERE 0;
EOF
	# deal 9007 is gone from the second export and stays as the first left it
	printf '950.00\tqualified\t9007\n' >>"$T/oracle"
	sort "$T/oracle" >"$T/want"
	if cmp -s "$T/want" "$T/got"; then ok "hubspot: every deal's amount and stage as sqlite3 reads the export"
	else not_ok "hubspot: sqlite3 oracle" "$(diff "$T/want" "$T/got" | tr '\n' '|')"; fi
fi

# --- -n: the events as ledger rows, nothing written
setup
deal-sync -q --from "$S/pipedrive-deals.csv" --map "$maps/pipedrive.map"
snapshot
run deal-sync -n --from "$S/pipedrive-deals-2.csv" --map "$maps/pipedrive.map"
expect_status 0 "-n: exit 0"
head -n 1 "$T/out" >"$T/h"
expect_file "$T/h" "$DH" "-n: the ledger's header first"
tail -n +2 "$T/out" | cut -f1-5,7,8,13-15 >"$T/rows"
expect_file "$T/rows" "$second" "-n: the events it would write"
expect_unchanged "-n: nothing written"
# deal-list reads what -n printed as any list of deals
cp "$T/out" "$T/events"
run_in "$T/events" deal-lost -n --from -
expect_status 1 "-n rows into deal-lost: read as deals"
expect_err_has "stdin:6: unknown deal 'D8'" "-n rows into deal-lost: each row names its deal (D8 is not written yet)"

# --- a pipe and the summary only on a terminal
setup
run_in "$S/hubspot-deals.csv" deal-sync --from - --map "$maps/hubspot.map"
expect_status 0 "from a pipe: exit 0 (CSV found from its first line)"
expect_out_empty "from a pipe: no summary when stdout is not a terminal"
rows deals/2026-10.tsv | wc -l >"$T/n"
expect_file "$T/n" "4" "from a pipe: October's events"
if optional script "the summary printed on a terminal"; then
	setup
	script -qec "deal-sync --from '$S/hubspot-deals.csv' --map '$maps/hubspot.map'" /dev/null \
	    </dev/null >"$T/tty" 2>&1
	tr -d '\r' <"$T/tty" >"$T/tty2"
	expect_file "$T/tty2" "added 7, changed 0, won 1, lost 1, unchanged 0, not in the export 0" \
	    "on a terminal: the summary"
fi

# --- a FIFO and a pipe as --from: read whole before the lock, as every
# program reads it, and found to be CSV from that copy.  The header comes
# first, then a program that takes the lock (deal-list), then the rows: a
# writer that locked after the header alone would wait for rows that come
# only once deal-list gets in.
setup
mkfifo "$T/fifo"
( head -n 1 "$S/hubspot-deals.csv"; SALESMGR_LOCK_TIMEOUT=3 deal-list >/dev/null 2>&1
    echo $? >"$T/dl.st"; tail -n +2 "$S/hubspot-deals.csv" ) >"$T/fifo" &
feeder=$!
SALESMGR_LOCK_TIMEOUT=3 run timeout 20 deal-sync -q --from "$T/fifo" --map "$maps/hubspot.map"
wait "$feeder"
expect_status 0 "deal-sync --from a FIFO fed around a reader: read before the lock, exit 0"
expect_file "$T/dl.st" 0 "deal-sync --from a FIFO: the reader feeding it was not locked out"
rows deals/2026-10.tsv | wc -l >"$T/n"
expect_file "$T/n" "4" "deal-sync --from a FIFO: read as CSV, October's events"
printf 'rep,account,amount,date,ref\nolivia,acme,"1,250.00",2026-11-02,p1\nsam,beta,300,2026-11-03,p2\n' \
    >"$T/add.csv"
( head -n 1 "$T/add.csv"; SALESMGR_LOCK_TIMEOUT=3 deal-list >/dev/null 2>&1
    echo $? >"$T/dl.st"; tail -n +2 "$T/add.csv" ) |
    { SALESMGR_LOCK_TIMEOUT=3 timeout 20 deal-add -q --from - >"$T/out" 2>"$T/err"; echo $? >"$T/st"; }
st=$(cat "$T/st")
expect_status 0 "deal-add --from - on a pipe fed around a reader: read before the lock, exit 0"
expect_file "$T/dl.st" 0 "deal-add --from -: the reader feeding it was not locked out"
check "deal-add --from -: both rows booked, the amount read as CSV writes it" \
    test "$(cat "$D"/deals/*.tsv | awk -F'\t' '$10 == "p1" && $7 == "1250.00" || $10 == "p2"' | wc -l)" -eq 2
# A CSV record past the line limit: refused, like a TSV line.
{ printf 'ref,rep,account,amount,note\n1,olivia,acme,5,"'; head -c 17000000 /dev/zero | tr '\0' x
    printf '"\n'; } >"$T/long.csv"
bad 1 "deal-sync: $T/long.csv:2: record longer than 16777216 bytes (not a CSV file?)" \
    "a CSV record longer than the line limit" deal-sync --from "$T/long.csv"
# The header line again further down (two exports joined): refused.
{ cat "$S/hubspot-deals.csv"; cat "$S/hubspot-deals.csv"; } >"$T/twice.csv"
run deal-sync --from "$T/twice.csv" --map "$maps/hubspot.map"
expect_fail 1 "$T/twice.csv:9: the header line again (two files joined?); remove it" \
    "two CSV exports joined: the second header refused"

# --- accounts: matched by name, created with --new-accounts, else refused
setup
printf 'account\tname\tsegment\tregion\tpotential\tpriority\towner\tsince\nacme\tAcme Trading BV\t\t\t\t\t\t\n' >"$D/accounts.tsv"
bad 1 "deal-sync: $S/hubspot-deals.csv:3: unknown account 'Beta Logistics' (add it with acct-add, or give --new-accounts)
deal-sync: $S/hubspot-deals.csv:4: unknown account 'Gamma Foods' (add it with acct-add, or give --new-accounts)
deal-sync: $S/hubspot-deals.csv:5: unknown account 'Delta Bouw' (add it with acct-add, or give --new-accounts)
deal-sync: $S/hubspot-deals.csv:6: unknown account 'Echo Inc.' (add it with acct-add, or give --new-accounts)
deal-sync: $S/hubspot-deals.csv:7: unknown account 'Foxtrot & Co' (add it with acct-add, or give --new-accounts)
deal-sync: $S/hubspot-deals.csv:8: unknown account 'Golf Media' (add it with acct-add, or give --new-accounts)
deal-sync: nothing was changed" "accounts on file: an unknown company is refused" \
    deal-sync --from "$S/hubspot-deals.csv" --map "$maps/hubspot.map"
run deal-sync --from "$S/hubspot-deals.csv" --map "$maps/hubspot.map" --new-accounts
expect_status 0 "--new-accounts: exit 0"
cut -f1,2 "$D/accounts.tsv" >"$T/acc"
expect_file "$T/acc" "account	name
acme	Acme Trading BV
beta-logistics	Beta Logistics
delta-bouw	Delta Bouw
echo-inc	Echo Inc.
foxtrot-co	Foxtrot & Co
gamma-foods	Gamma Foods
golf-media	Golf Media" "--new-accounts: the missing companies added with slug ids, the known one matched by name"
check "--new-accounts: sales-check accepts it" sales-check -q

# --- lost reasons: with reasons.tsv, only the reasons it lists, as
# deal-lost takes them; the map turns the CRM's words into them
setup
check "reasons: the first export" deal-sync -q --from "$S/odoo-crm.csv" --map "$maps/odoo.map"
printf 'reason\tlabel\nprice\tPrice\nbudget\tNo budget\n' >"$D/reasons.tsv"
bad 1 "deal-sync: $S/odoo-crm-2.csv:6: unknown reason 'Too expensive' (see reasons.tsv)
deal-sync: nothing was changed" \
    "reasons.tsv: a new loss with a reason it does not list is refused (D4, lost before, is left)" \
    deal-sync -q --from "$S/odoo-crm-2.csv" --map "$maps/odoo.map"
cp "$maps/odoo.map" "$T/reason.map"
printf 'value\treason\tToo expensive\tprice\n' >>"$T/reason.map"
run deal-sync --from "$S/odoo-crm-2.csv" --map "$T/reason.map"
expect_status 0 "reasons.tsv: the map names the listed reason: exit 0"
awk -F'\t' '$3 == "lost" { print $2, $11 }' "$D"/deals/*.tsv >"$T/why"
expect_file "$T/why" "D4 Too expensive
D5 price" "reasons.tsv: the new loss has the listed reason; the earlier one keeps its own"
check "reasons.tsv: sales-check accepts the ledger" sales-check -q

# --- bad input: one message each, with file:line, exit 1, nothing written
setup
cp "$maps/hubspot.map" "$T/m1.map"
printf 'column\tproduct\tLine Item\n' >>"$T/m1.map"
bad 1 "deal-sync: $T/m1.map:23: column 'Line Item' is not in $S/hubspot-deals.csv
deal-sync: nothing was changed" "a map naming a column the export lacks" \
    deal-sync --from "$S/hubspot-deals.csv" --map "$T/m1.map"
cp "$maps/hubspot.map" "$T/m2.map"
printf 'column\tstage\tPipeline\n' >>"$T/m2.map"
bad 1 "deal-sync: $T/m2.map:23: field 'stage' is mapped twice (from 'Deal Stage' on line 5 and 'Pipeline')
deal-sync: $T/m2.map: nothing was changed" "two columns mapped to one field" \
    deal-sync --from "$S/hubspot-deals.csv" --map "$T/m2.map"
printf 'kind\tfield\tfrom\tto\ncolum\tref\tRecord ID\nvalue\tstatge\tWon\twon\nformat\tdate\tDD/MM/YY\n' >"$T/m3.map"
bad 1 "deal-sync: $T/m3.map:2: unknown kind 'colum' (want column, value, default or format)
deal-sync: $T/m3.map:3: unknown field 'statge' (fields: ref, rep, account, amount, currency, product, stage, status, expected, date, closed, changed, reason, note, type)
deal-sync: $T/m3.map:4: unknown format 'date DD/MM/YY' (want number 1,234.56 or 1.234,56; date YYYY-MM-DD, DD-MM-YYYY or MM-DD-YYYY)
deal-sync: $T/m3.map: nothing was changed" "a map with a wrong kind, field and format: each said" \
    deal-sync --from "$S/hubspot-deals.csv" --map "$T/m3.map"
{ head -n 3 "$S/hubspot-deals.csv"; sed -n 2p "$S/hubspot-deals.csv"; } >"$T/twice.csv"
bad 1 "deal-sync: $T/twice.csv:4: ref '9001' is in the export twice (also on line 2)
deal-sync: nothing was changed" "a ref twice in the export" \
    deal-sync --from "$T/twice.csv" --map "$maps/hubspot.map"
sed 's/Contract Sent/Contract Signed/' "$S/hubspot-deals.csv" >"$T/label.csv"
bad 1 "deal-sync: $T/label.csv:3: stage 'Contract Signed' is not in the map (add a line 'value	stage	Contract Signed	VALUE' to $maps/hubspot.map)
deal-sync: nothing was changed" "a value the map does not cover" \
    deal-sync --from "$T/label.csv" --map "$maps/hubspot.map"
printf 'ref,rep,account,amount,note\n1,olivia,acme,100,"met at\nthe fair"\n2,sam,beta,200,"Beta\n3,sam,beta,300,x\n' >"$T/quote.csv"
bad 1 "deal-sync: $T/quote.csv:4: field 5: the quote opened on line 4 is never closed
deal-sync: nothing was changed" "an unterminated quote: the line it opened on (a record before spans two lines)" \
    deal-sync --from "$T/quote.csv"
printf 'ref;rep;account;amount\n1;olivia;acme;100\n2,sam,beta,200\n' >"$T/mixed.csv"
bad 1 "deal-sync: $T/mixed.csv:3: mixed delimiters: the header is separated by ';', this line by ','
deal-sync: nothing was changed" "mixed delimiters" \
    deal-sync --from "$T/mixed.csv"
printf 'ref,rep,account,amount\n1,Olivia Grant,acme,"1.234,56"\n2,olivia,acme,€ 5.000\n3,Anna Smit,acme,5\n4,anna smit,acme,6\n' >"$T/amounts.csv"
bad 1 "deal-sync: $T/amounts.csv:2: amount '1.234,56' is not an amount (write 1234.56 or 1,234.56)
deal-sync: $T/amounts.csv:3: amount '€ 5.000' has more than 2 decimals (write 1234.56 or 1,234.56)
deal-sync: $T/amounts.csv:4: unknown rep 'Anna Smit' (rep-add anna-smit --name 'Anna Smit')
deal-sync: nothing was changed" "amounts in another format say what is expected; an unknown owner is said once, with the rep-add line" \
    deal-sync --from "$T/amounts.csv"
printf 'ref,rep,account,amount,currency,date\n1,olivia,acme,100,USD,2026-09-01\n' >"$T/rate.csv"
bad 1 "deal-sync: $T/rate.csv:2: no rate for USD on or before 2026-09-01 in rates.tsv
deal-sync: nothing was changed" "a missing rate names the date and currency" \
    deal-sync --from "$T/rate.csv"
printf 'ref,rep,account,amount\n1,olivai,acme,100\n' >"$T/typo.csv"
bad 1 "deal-sync: $T/typo.csv:2: unknown rep 'olivai' (did you mean 'olivia'?)
deal-sync: nothing was changed" "a mistyped rep: did you mean" \
    deal-sync --from "$T/typo.csv"
printf 'rep,account,amount\nolivia,acme,100\n' >"$T/noref.csv"
bad 1 "deal-sync: $T/noref.csv: no column 'ref' (the ref of each deal in the CRM; map it with: column ref COLUMN)" \
    "an export without refs" deal-sync --from "$T/noref.csv"
bad 1 "deal-sync: date 2026-12-01 is after today (2026-11-26)" "--date after today" \
    deal-sync --from "$S/hubspot-deals.csv" --map "$maps/hubspot.map" --date 2026-12-01
snapshot
run deal-sync --map "$maps/hubspot.map"
expect_status 2 "no --from: usage, exit 2"
expect_unchanged "no --from: nothing written"

done_testing
