#!/bin/sh
# CSV wherever --from is read, deal-add's imports from a CRM (a map, close
# dates, currencies, accounts, owners by name, quiet re-runs), the "did
# you mean" hints, and a month file written before the ledger's optional
# columns taking a row that needs them.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
maps=$top/share/maps
init --currency EUR
team-add -q north --name North &&
rep-add -q olivia --name 'Olivia Grant' --email olivia.grant@example.com --team north \
    --hired 2026-01-05 &&
rep-add -q sam --name 'Sam Patel' --team north --hired 2026-01-05 ||
    { echo "not ok - setup failed"; exit 1; }

# --- CSV for any program's --from: rep-add from a spreadsheet
printf '\357\273\277rep,name,team,hired,email\r\nlena,"Vogel, Lena",north,2026-02-01,\r\nbo,"Bo ""the closer"" Li",north,2026-02-01,bo@example.com\r\n' >"$T/hires.csv"
run rep-add --from "$T/hires.csv"
expect_status 0 "rep-add --from a CSV (BOM, CRLF, quotes): exit 0"
rep-list | awk -F'\t' '$1 == "lena" || $1 == "bo" { print $1 "|" $2 "|" $3 }' >"$T/got"
expect_file "$T/got" 'bo|Bo "the closer" Li|bo@example.com
lena|Vogel, Lena|' "rep-add --from a CSV: quoted commas and doubled quotes as text"
cp "$T/hires.csv" "$T/hires.tsv"
bad 1 "rep-add: $T/hires.tsv:1: this looks like CSV, not TSV (name the file .csv)" \
    "a .tsv file holding CSV: said, with the fix" rep-add --from "$T/hires.tsv"
printf 'rep,account,amount\nsam,acme,5\n' >"$T/deals.tsv"
run deal-add -n --csv --from "$T/deals.tsv"
expect_status 0 "deal-add --csv reads a file as CSV whatever its name"
expect_out "would add deal D1 (sam, acme, 5.00, lead)" "deal-add --csv: the row read"
printf 'rep,name,team\nkim,"Kim\n' >"$T/open.csv"
bad 1 "rep-add: $T/open.csv:2: field 2: the quote opened on line 2 is never closed
rep-add: nothing was changed" "rep-add: an unterminated quote" rep-add --from "$T/open.csv"

# --- deal-add from a CRM export through a map: close dates, currencies
printf 'date\tcurrency\trate\n2026-09-01\tUSD\t0.90\n2026-10-15\tUSD\t0.93\n' >"$D/rates.tsv"
cat >"$T/map" <<'EOF'
kind	field	from	to
column	ref	Id
column	rep	Owner
column	account	Company
column	amount	Value
column	currency	Cur
column	stage	Stage
column	date	Created
column	closed	Closed
value	stage	Won	won
value	stage	Lost	lost
value	stage	Talking	qualified
default	product	core
format	date	DD-MM-YYYY
format	number	1.234,56
EOF
printf 'Id;Owner;Company;Value;Cur;Stage;Created;Closed\n7;Olivia Grant;Acme BV;1.500,00;EUR;Won;02.09.2026;20.10.2026\n8;sam;Beta;2.000,00;USD;Talking;03.10.2026;\n9;olivia.grant@example.com;Acme BV;100;USD;Lost;05.09.2026;16.10.2026 10:00\n' >"$T/crm.csv"
run deal-add --from "$T/crm.csv" --map "$T/map"
expect_status 0 "deal-add --map: exit 0"
expect_out "D1
D2
D3" "deal-add --map: the new ids"
for f in "$D"/deals/*.tsv; do tail -n +2 "$f"; done | cut -f1-8,13-15 >"$T/l"
expect_file "$T/l" "2026-09-02	D1	open	olivia	acme-bv	core	1500.00	lead	2026-09-02		
2026-09-05	D3	open	olivia	acme-bv	core	90.00	lead	2026-09-05	USD	100.00
2026-10-20	D1	won	olivia	acme-bv	core	1500.00	won	2026-09-02		
2026-10-03	D2	open	sam	beta	core	1800.00	qualified	2026-10-03	USD	2000.00
2026-10-16	D3	lost	olivia	acme-bv	core	93.00	lost	2026-09-05	USD	100.00" \
    "deal-add --map: owners by name and e-mail, companies as slugs, closed deals on their close date, dollars at each event's rate"
check "deal-add --map: sales-check accepts it" sales-check -q

# A won deal's revenue falls in the month it closed: perf-report agrees.
run perf-report --period 2026-10 --by rep -o tsv
awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } $1 == "olivia" { print $c["won"] }' \
    "$T/out" >"$T/won"
expect_file "$T/won" "1500.00" "perf-report: the imported deal won in October counts in October"

# --- quiet re-runs, and the close date column of plain TSV
run deal-add -q --from "$T/crm.csv" --map "$T/map"
expect_status 0 "deal-add -q, the same export again: exit 0"
expect_err_empty "deal-add -q: nothing said about refs already booked"
expect_out_empty "deal-add -q: no new ids"
printf 'rep\taccount\tamount\tstage\tdate\twon_date\tref\nsam\tbeta\t300\twon\t2026-11-02\t2026-11-20\tw1\n' >"$T/won.tsv"
run deal-add --from "$T/won.tsv"
expect_status 0 "deal-add: a won_date column"
tail -n 1 "$D/deals/2026-11.tsv" | cut -f1-3 >"$T/w"
expect_file "$T/w" "2026-11-20	D4	won" "deal-add: won on its won_date"
bad 1 "deal-add: close date 2026-10-01 is not between the deal's date (2026-11-02) and today (2026-11-26)
deal-add: nothing was changed" "deal-add: a close date before the deal's date" \
    deal-add --rep sam --account beta --amount 1 --stage won --date 2026-11-02 --closed 2026-10-01
bad 1 "deal-add: a close date (2026-11-03) for a deal at open stage 'lead'
deal-add: nothing was changed" "deal-add: a close date for an open deal" \
    deal-add --rep sam --account beta --amount 1 --date 2026-11-02 --closed 2026-11-03
bad 1 "deal-add: no rate for USD on or before 2026-08-01 in rates.tsv
deal-add: nothing was changed" "deal-add: a missing rate names the date and currency" \
    deal-add --rep sam --account beta --amount 1 --currency USD --date 2026-08-01

# --- accounts on file: an unknown one refused, with a suggestion, unless --new-accounts
printf 'account\tname\tsegment\tregion\tpotential\tpriority\towner\tsince\nacme-bv\tAcme BV\t\t\t\t\t\t\nbeta\tBeta Logistics\t\t\t\t\t\t\n' >"$D/accounts.tsv"
bad 1 "deal-add: unknown account 'acme-b' (did you mean 'acme-bv'?)
deal-add: nothing was changed" "deal-add: a mistyped account: did you mean" \
    deal-add --rep sam --account acme-b --amount 1
bad 1 "deal-add: unknown account 'gamma' (add it with acct-add, or give --new-accounts)
deal-add: nothing was changed" "deal-add: an account not in accounts.tsv" \
    deal-add --rep sam --account gamma --amount 1
run deal-add --rep sam --account 'Beta Logistics' --amount 5
expect_status 0 "deal-add: an account by its name"
tail -n 1 "$D/deals/2026-11.tsv" | cut -f5 >"$T/a"
expect_file "$T/a" "beta" "deal-add: the account's id is booked"
run deal-add --rep sam --account gamma --amount 1 --new-account
expect_status 0 "deal-add --new-account: exit 0"
cut -f1,2 "$D/accounts.tsv" | tail -n 1 >"$T/a"
expect_file "$T/a" "gamma	gamma" "deal-add --new-account: the account added"
bad 1 "deal-add: unknown rep 'sma' (did you mean 'sam'?)
deal-add: nothing was changed" "deal-add: a mistyped rep: did you mean" \
    deal-add --rep sma --account beta --amount 1

# --- did you mean, in the other programs that name things
bad 1 "quota-set: unknown rep 'olvia' (did you mean 'olivia'?)
quota-set: nothing was changed" "quota-set: did you mean" quota-set 2026-Q4 olvia 1000
bad 1 "rep-add: unknown team 'nort' (did you mean 'north'?)
rep-add: nothing was changed" "rep-add: an unknown team: did you mean" \
    rep-add kim --name Kim --team nort
bad 1 "act-log: unknown rep 'olivai' (did you mean 'olivia'?)
act-log: nothing was changed" "act-log: two letters swapped: did you mean" \
    act-log --rep olivai --kind call

# --- a month file written before the optional columns takes a row that needs them
run deal-add --rep sam --account beta --amount 10 --currency USD --date 2026-09-10 --ref up-1
expect_status 0 "a dollar deal in a month whose file has the currency columns: exit 0"
printf 'date\tcurrency\trate\n2026-08-01\tUSD\t0.89\n2026-09-01\tUSD\t0.90\n2026-10-15\tUSD\t0.93\n' >"$D/rates.tsv"
# (an August file as an older version wrote it: the 13 first columns)
printf 'date\tdeal\tevent\trep\taccount\tproduct\tamount\tstage\texpected\tref\treason\tnote\topened\n2026-08-03\tD60\topen\tsam\tbeta\t\t10.00\tlead\t\t\t\t\t2026-08-03\n' >"$D/deals/2026-08.tsv"
cp "$D/deals/2026-08.tsv" "$T/aug"
awk 'BEGIN { FS = OFS = "\t" } $1 == "deal" { $2 = 61 } 1' "$D/ids.tsv" >"$T/ids" && cat "$T/ids" >"$D/ids.tsv"
run deal-add --rep sam --account beta --amount 10 --date 2026-08-20 --ref eur-aug
expect_status 0 "an old month file, a row without a currency: exit 0"
head -n 1 "$D/deals/2026-08.tsv" | awk -F'\t' '{ print NF }' >"$T/nf"
expect_file "$T/nf" "13" "an old month file: a row without a currency leaves its header as it was"
run deal-add --rep sam --account beta --amount 10 --currency USD --date 2026-08-21 --ref usd-aug
expect_status 0 "an old month file, a dollar deal: exit 0"
{ printf 'date\tdeal\tevent\trep\taccount\tproduct\tamount\tstage\texpected\tref\treason\tnote\topened\tcurrency\tcurrency_amount\n'
  tail -n +2 "$T/aug" | sed 's/$/\t\t/'
  printf '2026-08-20\tD61\topen\tsam\tbeta\t\t10.00\tlead\t\teur-aug\t\t\t2026-08-20\t\t\n'
  printf '2026-08-21\tD62\topen\tsam\tbeta\t\t8.90\tlead\t\tusd-aug\t\t\t2026-08-21\tUSD\t10.00\n'; } >"$T/want"
if cmp -s "$T/want" "$D/deals/2026-08.tsv"; then ok "an old month file upgraded whole: the header up to the columns the new row fills, old rows with those columns empty, then the new row"
else not_ok "month file upgrade" "$(diff "$T/want" "$D/deals/2026-08.tsv" | tr '\n' '|')"; fi
check "the upgraded file: sales-check accepts it" sales-check -q
run deal-list -o tsv
awk -F'\t' '$1 == "D60" || $1 == "D62" { print $1, $5 }' "$T/out" >"$T/got"
expect_file "$T/got" "D60 10.00
D62 8.90" "the upgraded file: readers read old and new rows"

# A dollar deal given a new amount by hand: the amount is in euros now.
run deal-move D62 --amount 12 --date 2026-11-26
expect_status 0 "deal-move --amount of a dollar deal: exit 0"
tail -n 1 "$D/deals/2026-11.tsv" | cut -f2,3,7,14,15 >"$T/m"
expect_file "$T/m" "D62	amend	12.00		" "deal-move --amount: the amount in the company currency, the dollars dropped (November's file, begun with October's columns, has them empty)"

# An upgrade that fails half way puts the old file back: crash-sales.sh
# fails deal-sync's upgrade of a month file at every syscall (ENOSPC, EIO)
# and kills it at every one.

done_testing
