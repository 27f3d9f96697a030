# acct-add, acct-edit and acct-list: adding accounts by hand and from a CRM
# export, changing them, listing them in every format, the pipes between
# them, and every bad input.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
AH='account	name	segment	region	potential	priority	owner	since'

# The rows of accounts.tsv are exactly TEXT.
expect_rows() { rows accounts.tsv >"$T/rows"; expect_file "$T/rows" "$1" "$2"; }
audit_tail() { tail -n "$1" "$D/audit.tsv" | cut -f3,4; }
# bad_in INPUT STATUS MESSAGES WHAT CMD...: bad (lib.sh) with INPUT (printf
# format) on stdin.
bad_in() {
	printf "$1" >"$T/in"
	want=$2 msg=$3 what=$4; shift 4
	snapshot
	run_in "$T/in" "$@"
	expect_status "$want" "$what: exit $want"
	expect_err "$msg" "$what: message"
	expect_out_empty "$what: nothing on stdout"
	expect_unchanged "$what: nothing written"
}

# --- a roster: anna and bram active, cid gone
init
rep-add -q anna --name 'Anna Vries' --hired 2026-01-05 &&
rep-add -q bram --name 'Bram Smit' --hired 2026-01-05 &&
rep-add -q cid --name 'Cid Ma' --hired 2026-01-05 &&
rep-end -q cid --date 2026-10-01 || { echo "not ok - setup"; exit 1; }

# --- acct-add: one account from options
run acct-add acme --name 'Acme BV' --segment smb --region north --potential 25000 \
    --priority 2 --owner anna --since 2025-03-01
expect_status 0 "add: exit 0"
expect_out_empty "add: nothing on stdout"
expect_err_empty "add: nothing on stderr (not a terminal)"
expect_rows "acme	Acme BV	smb	north	25000.00	2	anna	2025-03-01" \
    "add: the row, potential canonical"
run audit_tail 1
expect_out "acct-add	add account acme" "add: the audit log"
run acct-add globex --name 'Globex 株式会社' --potential 1234567.5
expect_status 0 "add: only a name: exit 0"
expect_rows "acme	Acme BV	smb	north	25000.00	2	anna	2025-03-01
globex	Globex 株式会社			1234567.50			2026-11-26" \
    "add: since defaults to today, empty columns not set"
snapshot
run acct-add -n initech --name Initech --owner bram
expect_status 0 "add -n: exit 0"
expect_out "would add account initech" "add -n: says what it would do"
expect_unchanged "add -n: nothing written"

# --- acct-add --from: a CRM export, its columns in its own order
printf 'name\taccount\towner\tpotential\tsegment\tregion\tpriority\n' >"$T/crm"
printf 'Initech\tinitech\tbram\t9000\tmid\tsouth\t1\n' >>"$T/crm"
printf 'Umbrella\tumbrella\t\t\tent\tnorth\t\n' >>"$T/crm"
printf 'Hooli\thooli\tanna\t0.5\tent\tsouth\t5\n' >>"$T/crm"
run_in "$T/crm" acct-add --from -
expect_status 0 "--from: exit 0"
expect_rows "acme	Acme BV	smb	north	25000.00	2	anna	2025-03-01
globex	Globex 株式会社			1234567.50			2026-11-26
hooli	Hooli	ent	south	0.50	5	anna	2026-11-26
initech	Initech	mid	south	9000.00	1	bram	2026-11-26
umbrella	Umbrella	ent	north				2026-11-26" "--from: every row, sorted by id"
run audit_tail 3
expect_out "acct-add	add account initech
acct-add	add account umbrella
acct-add	add account hooli" "--from: one audit line per account, in input order"

# A column the program does not know is refused: a typo must not be dropped.
printf 'account\tname\tindustry\tsegmnet\nsoylent\tSoylent\tfood\tsmb\n' >"$T/crm2"
bad_in "$(cat "$T/crm2")\n" 1 "acct-add: stdin:1: unknown column 'industry' (use --ignore-extra to skip it)
acct-add: stdin:1: unknown column 'segmnet' (use --ignore-extra to skip it)
acct-add: stdin: nothing was changed" "--from: unknown columns refused" acct-add --from -
run_in "$T/crm2" acct-add --from - --ignore-extra --segment mid
expect_status 0 "--from --ignore-extra: exit 0"
check "--from --ignore-extra: the row added, the option for a missing column" \
    grep -qx 'soylent	Soylent	mid					2026-11-26' "$D/accounts.tsv"

# --- acct-add: every bad input
bad 1 "acct-add: account 'acme' already exists (change it with acct-edit)
acct-add: nothing was changed" "add: existing account" acct-add acme --name 'Acme 2'
bad 1 "acct-add: account 'x': no name given (use --name)
acct-add: nothing was changed" "add: no name" acct-add x
bad 1 "acct-add: account '../x' must start with a-z or 0-9
acct-add: nothing was changed" "add: bad id" acct-add ../x --name X
bad 1 "acct-add: account 'Acme' must start with a-z or 0-9
acct-add: nothing was changed" "add: uppercase id" acct-add Acme --name X
bad 1 "acct-add: account '0123456789012345678901234567890123' is longer than 32 bytes
acct-add: nothing was changed" "add: long id" acct-add 0123456789012345678901234567890123 --name X
bad 1 "acct-add: no account id given
acct-add: nothing was changed" "add: empty id" acct-add '' --name X
bad 1 "acct-add: potential '-5' is negative
acct-add: nothing was changed" "add: negative potential" acct-add x --name X --potential -5
bad 1 "acct-add: potential '1.005' has more than 2 decimals
acct-add: nothing was changed" "add: potential with 3 decimals" acct-add x --name X --potential 1.005
bad 1 "acct-add: potential '1,000' is not an amount
acct-add: nothing was changed" "add: potential not an amount" acct-add x --name X --potential 1,000
bad 1 "acct-add: potential '+1000' is not an amount
acct-add: nothing was changed" "add: potential with a plus sign (salesmgr-files(5))" \
    acct-add x --name X --potential +1000
bad 1 "acct-add: potential '92233720368547758.08' is out of range
acct-add: nothing was changed" "add: potential past int64" acct-add x --name X \
    --potential 92233720368547758.08
for p in 0 6 1.0 high; do
	bad 1 "acct-add: priority '$p' is not 1 to 5
acct-add: nothing was changed" "add: priority $p" acct-add x --name X --priority $p
done
bad 1 "acct-add: unknown owner 'zed' (rep-list shows the active reps)
acct-add: nothing was changed" "add: unknown owner" acct-add x --name X --owner zed
bad 1 "acct-add: owner 'cid' is not an active rep (status gone)
acct-add: nothing was changed" "add: owner who is gone" acct-add x --name X --owner cid
bad 1 "acct-add: since '2026-02-30' is not a date (YYYY-MM-DD)
acct-add: nothing was changed" "add: bad since" acct-add x --name X --since 2026-02-30
bad 1 "acct-add: segment 'Big Co' must start with a-z or 0-9
acct-add: nothing was changed" "add: bad segment" acct-add x --name X --segment 'Big Co'
bad 1 "acct-add: name: value is not valid UTF-8
acct-add: nothing was changed" "add: name not UTF-8" acct-add x --name "$(printf 'a\377b')"
bad 1 "acct-add: region 'North' must start with a-z or 0-9
acct-add: potential '-1' is negative
acct-add: owner 'cid' is not an active rep (status gone)
acct-add: nothing was changed" "add: every problem of a record" acct-add x --name X \
    --region North --potential -1 --owner cid
bad_in 'account\tname\towner\tpriority\nnew1\tNew 1\tzed\t1\nnew2\tNew 2\tanna\t2\nnew3\t\t\t\nacme\tAcme\t\t\nnew2\tNew 2 again\t\t\nnew4\tNew 4\tbram\t9\n' 1 \
    "acct-add: stdin:2: unknown owner 'zed' (rep-list shows the active reps)
acct-add: stdin:4: account 'new3': no name given (use --name)
acct-add: stdin:5: account 'acme' already exists (change it with acct-edit)
acct-add: stdin:6: account 'new2' is given twice in the input
acct-add: stdin:7: priority '9' is not 1 to 5
acct-add: nothing was changed" "add --from: every bad row reported, none added" acct-add --from -
bad_in 'account\tname\nnew1\n' 1 "acct-add: stdin:2: 1 fields, header has 2
acct-add: nothing was changed" "add --from: ragged row" acct-add --from -
quiet_night "add --from an empty input" acct-add --from -
bad_usage "usage: acct-add ACCOUNT --name NAME [--segment S] [--region R]" \
    "add: no account" acct-add --name X
bad_usage "usage: acct-add ACCOUNT --name NAME [--segment S] [--region R]" \
    "add: two accounts" acct-add x y --name X
bad_usage "usage: acct-add ACCOUNT --name NAME [--segment S] [--region R]" \
    "add: an account with --from" acct-add x --from -
bad_usage "acct-add: unrecognized option '--industry'" "add: unknown option" \
    acct-add x --name X --industry food
run acct-add --help
expect_status 0 "add --help: exit 0"
expect_out_has "usage: acct-add ACCOUNT" "add --help: usage on stdout"

# --- acct-list: every format
run acct-list
expect_status 0 "list: exit 0"
expect_out "$AH
acme	Acme BV	smb	north	25000.00	2	anna	2025-03-01
globex	Globex 株式会社			1234567.50			2026-11-26
hooli	Hooli	ent	south	0.50	5	anna	2026-11-26
initech	Initech	mid	south	9000.00	1	bram	2026-11-26
soylent	Soylent	mid					2026-11-26
umbrella	Umbrella	ent	north				2026-11-26" "list: TSV, the columns of accounts.tsv"
run acct-list -o table
expect_out "account   name             segment  region     potential  priority  owner  since
acme      Acme BV          smb      north      25,000.00         2  anna   2025-03-01
globex    Globex 株式会社                   1,234,567.50                   2026-11-26
hooli     Hooli            ent      south           0.50         5  anna   2026-11-26
initech   Initech          mid      south       9,000.00         1  bram   2026-11-26
soylent   Soylent          mid                                             2026-11-26
umbrella  Umbrella         ent      north                                  2026-11-26" \
    "list -o table: aligned by display width, money grouped and right-aligned"
run acct-list -o json --region south
expect_out '{"account":"hooli","name":"Hooli","segment":"ent","region":"south","potential":0.50,"priority":5,"owner":"anna","since":"2026-11-26"}
{"account":"initech","name":"Initech","segment":"mid","region":"south","potential":9000.00,"priority":1,"owner":"bram","since":"2026-11-26"}' \
    "list -o json: numbers for potential and priority, null for not set"
run acct-list -o json --segment smb --no-header
expect_out '{"account":"acme","name":"Acme BV","segment":"smb","region":"north","potential":25000.00,"priority":2,"owner":"anna","since":"2025-03-01"}' \
    "list -o json --segment"

# --- acct-list: filters
ids() { cut -f1 "$T/out" | tr '\n' ' '; }
expect_ids() { ids >"$T/ids"; printf '%s ' $1 >"$T/want"; echo >>"$T/want"; echo >>"$T/ids"
	if cmp -s "$T/want" "$T/ids"; then ok "$2"; else not_ok "$2" "got $(cat "$T/ids")"; fi; }
run acct-list --no-header --segment ent
expect_ids "hooli umbrella" "list --segment ent"
run acct-list --no-header --region north
expect_ids "acme umbrella" "list --region north"
run acct-list --no-header --owner anna
expect_ids "acme hooli" "list --owner anna"
run acct-list --no-header --unowned
expect_ids "globex soylent umbrella" "list --unowned"
run acct-list --no-header --unowned --segment ent --region north
expect_ids "umbrella" "list: filters combine"
run acct-list --segment nosuch
expect_status 0 "list: a segment no account has: exit 0"
expect_out "$AH" "list: a segment no account has: the header only"
run acct-list --owner cid
expect_status 0 "list --owner of a rep who is gone: exit 0"
expect_out "$AH" "list --owner of a rep who owns nothing: the header only"
bad 1 "acct-list: unknown rep 'zed' (rep-list --all shows every rep)" \
    "list: unknown owner" acct-list --owner zed
bad_usage "acct-list: --owner and --unowned exclude each other" "list: --owner and --unowned" \
    acct-list --owner anna --unowned
bad_usage "acct-list: invalid format 'xml': want table, wide, tsv, csv, json or html" "list -o xml" \
    acct-list -o xml
bad_usage "usage: acct-list [--segment S] [--region R] [--owner REP | --unowned]" \
    "list: an argument" acct-list acme

# --- acct-edit
run acct-edit acme --segment mid --priority 1 --potential 30000
expect_status 0 "edit: exit 0"
expect_err_empty "edit: nothing on stderr"
check "edit: the row changed" \
    grep -qx 'acme	Acme BV	mid	north	30000.00	1	anna	2025-03-01' "$D/accounts.tsv"
run audit_tail 1
expect_out "acct-edit	edit account acme: segment=mid priority=1 potential=30000.00" \
    "edit: the audit log names what changed"
snapshot
run acct-edit acme --segment mid --potential 30000.0
expect_status 0 "edit to the same values: exit 0"
expect_unchanged "edit to the same values: nothing written, not even the audit log"
run acct-edit -n hooli --owner bram --name 'Hooli Inc'
expect_status 0 "edit -n: exit 0"
expect_out "would edit account hooli: owner=bram name=Hooli Inc" "edit -n: what it would change"
expect_unchanged "edit -n: nothing written"
run acct-edit hooli --owner ''
expect_status 0 "edit --owner '': exit 0"
check "edit --owner '': the owner cleared" \
    grep -qx 'hooli	Hooli	ent	south	0.50	5		2026-11-26' "$D/accounts.tsv"
run acct-edit hooli --set industry=tech --set note='big	one' --owner anna
expect_status 0 "edit --set: exit 0"
run audit_tail 1
expect_out 'acct-edit	edit account hooli: industry=tech note=big\\tone owner=anna' \
    "edit --set: a user's columns, escaped in the audit log"
run acct-list --segment ent
expect_out "$AH	industry	note
hooli	Hooli	ent	south	0.50	5	anna	2026-11-26	tech	big\\tone
umbrella	Umbrella	ent	north				2026-11-26		" "list: a user's columns come last"
run acct-edit hooli --set priority=3 --set priority=4
expect_status 0 "edit: the last --set for a column wins: exit 0"
check "edit: the last --set for a column wins" grep -q '^hooli	Hooli	ent	south	0.50	4	' \
    "$D/accounts.tsv"

bad 1 "acct-edit: unknown account 'zed' (acct-list shows the accounts)
acct-edit: nothing was changed" "edit: unknown account" acct-edit zed --segment ent
bad 1 "acct-edit: owner 'cid' is not an active rep (status gone)
acct-edit: nothing was changed" "edit: owner who is gone" acct-edit acme --owner cid
bad 1 "acct-edit: account 'acme': name is required and cannot be cleared
acct-edit: nothing was changed" "edit: clearing the name" acct-edit acme --name ''
bad 1 "acct-edit: potential '-1' is negative
acct-edit: priority '0' is not 1 to 5
acct-edit: since '2026-13-01' is not a date (YYYY-MM-DD)
acct-edit: nothing was changed" "edit: every bad value" acct-edit acme --potential -1 \
    --priority 0 --set since=2026-13-01
bad 1 "acct-edit: note: value is not valid UTF-8
acct-edit: nothing was changed" "edit: --set not UTF-8" acct-edit acme --set "note=$(printf 'a\377')"
bad_usage "acct-edit: nothing to change" "edit: no change" acct-edit acme
bad_usage "acct-edit: --set account: an account's id never changes" "edit: --set account" \
    acct-edit acme --set account=acme2
bad_usage "acct-edit: --set 'segment': want COLUMN=VALUE" "edit: --set without =" \
    acct-edit acme --set segment
bad_usage "acct-edit: invalid column name 'Seg' (want a-z, 0-9 and _, starting with a-z)" \
    "edit: --set bad column" acct-edit acme --set Seg=x
bad_in 'account\tindustry\nacme\tx\n' 2 "acct-edit: nothing to change: the input has no column such as owner or segment, and no change option was given
usage: acct-edit ACCOUNT [--name NAME] [--segment S] [--region R]
                 [--potential AMOUNT] [--priority 1-5] [--owner REP]
                 [--since DATE] [--set COLUMN=VALUE]... [--date DATE] [-nq]
                 [-D DIR] [--today DATE]
       acct-edit --from FILE [change options] [--date DATE] [-nq] [-D DIR]
                 [--today DATE]" \
    "edit --from: no change column" acct-edit --from -
bad_in 'account\towner\tsegment\nacme\tbram\tent\nzed\tanna\t\nglobex\tcid\t\numbrella\t\tX\n' 1 \
    "acct-edit: stdin:3: unknown account 'zed' (acct-list shows the accounts)
acct-edit: stdin:4: owner 'cid' is not an active rep (status gone)
acct-edit: stdin:5: segment 'X' must start with a-z or 0-9
acct-edit: nothing was changed" "edit --from: every bad row, nothing changed" acct-edit --from -

# --- acct-edit --from: each row its own changes
printf 'account\tsegment\tregion\textra\nglobex\tent\twest\tignored\nsoylent\t\tsouth\t\n' >"$T/in"
run_in "$T/in" acct-edit --from -
expect_status 0 "edit --from: exit 0"
run audit_tail 2
expect_out "acct-edit	edit account globex: segment=ent region=west
acct-edit	edit account soylent: segment= region=south" \
    "edit --from: the input's columns, an empty field clears, others ignored"

# --- pipes
run sh -c 'acct-list --unowned | acct-edit --from - --owner anna'
expect_status 0 "pipe: acct-list --unowned | acct-edit --from - --owner anna: exit 0"
run acct-list --no-header --owner anna
expect_ids "acme globex hooli soylent umbrella" "pipe: every unowned account now anna's"
check "pipe: bram's account kept its owner" grep -q '^initech	.*	bram	' "$D/accounts.tsv"
run sh -c 'acct-list --unowned | cut -f1'
expect_out "account" "pipe: no account left unowned"
# A rep who owns accounts leaves; feeding the list back changes nothing and
# does not fail on the owner who is gone.
rep-end -q bram --date 2026-11-20 || { echo "not ok - setup: rep-end"; exit 1; }
snapshot
run sh -c 'acct-list | acct-edit --from -'
expect_status 0 "pipe: acct-list | acct-edit --from -: exit 0"
expect_unchanged "pipe: feeding the list back changes nothing"
run sh -c 'acct-list --owner bram | acct-edit --from - --owner anna'
expect_status 0 "pipe: a leaver's accounts to anna: exit 0"
run acct-list --no-header --owner anna
expect_ids "acme globex hooli initech soylent umbrella" "pipe: the leaver's account moved"

# --- a hand-edited file: columns moved, rows unsorted
cp "$D/accounts.tsv" "$T/acc.keep"
awk 'BEGIN { FS = OFS = "\t" } { print $8, $2, $3, $4, $5, $6, $7, $1 }' "$T/acc.keep" |
    cut -f1-8 | { IFS= read -r h; printf '%s\n' "$h"; sort -r; } >"$D/accounts.tsv"
run acct-list --region north --no-header
expect_out "acme	Acme BV	mid	north	30000.00	1	anna	2025-03-01
umbrella	Umbrella	ent	north			anna	2026-11-26" \
    "list: columns found by name, rows sorted, whatever the file's order"
cp "$T/acc.keep" "$D/accounts.tsv"

# --- the data directory: missing, stdout full
for p in acct-list "acct-add x --name X" "acct-edit acme --segment x"; do
	run env SALESMGR_DIR="$T/nowhere" $p
	expect_fail 1 "sales-init" "${p%% *}: missing data directory names sales-init"
	check "${p%% *}: missing data directory not created" [ ! -e "$T/nowhere" ]
done
snapshot
for p in acct-list "acct-add -n x --name X" "acct-edit -n acme --segment x"; do
	$p >/dev/full 2>"$T/err"; st=$?
	expect_status 1 "${p%% *} to /dev/full: exit 1"
	expect_err_has "${p%% *}: write error" "${p%% *} to /dev/full: write error"
done
expect_unchanged "dry runs to /dev/full: nothing written"
run sales-check
expect_status 0 "sales-check: the directory is clean after all this"

# Deals naming an account that accounts.tsv does not have: a warning from
# sales-check, once per account, and still exit 0 (accounts are optional).
g=$T/gen-acct
sales-gen -q --deals 40 --reps 8 --months 2 "$g"
SALESMGR_DIR=$g run sales-check
expect_status 0 "no accounts kept: sales-check says nothing about deal accounts"
expect_out_empty "and prints nothing"
SALESMGR_DIR=$g acct-add -q a00001 --name "Acme"
SALESMGR_DIR=$g run sales-check
expect_status 0 "accounts kept, deals naming others: still exit 0"
a=$(cut -f5 "$g"/deals/*.tsv | grep -v -e '^account$' -e '^a00001$' | head -1)
expect_err_has "warning: account '$a' is not in accounts.tsv" "a warning names the account"
n=$(grep -c "account '$a'" "$T/err")
check "once per account, not once per event ($n)" test "$n" -eq 1
done_testing
