# sales-check and sales-log: validating the data directory, the safe
# repairs, and the audit log view.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
DH='date\tdeal\tevent\trep\taccount\tproduct\tamount\tstage\texpected\tref\treason\tnote\topened\n'
AH='date\trep\tkind\taccount\tdeal\tminutes\tref\tnote\n'
LH='date deal event rep account product amount stage expected ref reason note opened'

# bad WHAT MESSAGES: sales-check reports exactly these, exits 1, writes nothing
bad() {
	snapshot
	run sales-check
	expect_status 1 "$1: exit 1"
	expect_err "$2" "$1: message"
	expect_out_empty "$1: nothing on stdout"
	expect_unchanged "$1: nothing written"
}
# clean WHAT: sales-check finds nothing and says nothing
clean() {
	run sales-check
	expect_status 0 "$1: exit 0"
	expect_err_empty "$1: nothing on stderr"
	expect_out_empty "$1: nothing on stdout"
}
fresh() { rmdata "$D"; cp -a "$T/pristine" "$D"; }
# The repair messages name a file after the clock; hide its digits.
err_untimed() { sed 's|\(lost+found/[^ ]*\.tsv\)\.[0-9][0-9.]*$|\1.TIME|' "$T/err" >"$T/err2"; }

# --- a fresh directory is clean
init
clean "fresh directory"

# --- a small organisation, built by the programs and by hand
printf 'team\tname\tmanager\tfocus\nnorth\tNorth\t\t\nsouth\tSouth\t\t\n' >"$D/teams.tsv"
run rep-add ann --name 'Ann Lee' --team north
expect_status 0 "setup: rep-add ann"
run rep-add bob --name 'Bob Roy' --team south --manager ann
expect_status 0 "setup: rep-add bob"
mkdir -m 700 "$D/deals" "$D/activities"
printf "$DH"'2026-11-02\tD1\tamend\tann\tacme\t\t1200.00\tlead\t\t\t\t\t2026-10-30\n2026-11-20\tD2\topen\tbob\tbeta\t\t500.00\tlead\t\t\t\t\t2026-11-20\n' \
    >"$D/deals/2026-11.tsv"
printf "$DH"'2026-10-30\tD1\topen\tann\tacme\t\t1000.00\tlead\t\t\t\t\t2026-10-30\n' >"$D/deals/2026-10.tsv"
printf "$AH"'2026-11-03\tann\tcall\tacme\tD1\t15\t\tfirst call\n' >"$D/activities/2026-11.tsv"
printf 'kind\tnext\ndeal\t3\n' >"$D/ids.tsv"
settle "$D"
cp -a "$D" "$T/pristine"
clean "roster, teams, deals and activities"

# --- tables: every kind of problem, by hand
fresh
printf 'cid\tCid\t\tnowhere\t\t\t2026-01-05\tactive\t\t\t\t\n' >>"$D/reps.tsv"
bad "unknown team" "sales-check: reps.tsv:4: unknown team 'nowhere' (not in teams.tsv)"

fresh
printf 'cid\tCid\t\t\t\tzed\t2026-01-05\tactive\t\t\tgold\t\n' >>"$D/reps.tsv"
bad "unknown manager and plan" "sales-check: reps.tsv:4: unknown manager 'zed' (not in reps.tsv)
sales-check: reps.tsv:4: unknown plan 'gold' (not in comp-plans.tsv)"

fresh
printf 'cid\tCid\t\t\t\t\t2026-02-30\tactive\t\t\t\t\n' >>"$D/reps.tsv"
bad "bad date" "sales-check: reps.tsv:4: hired '2026-02-30' is not a date (YYYY-MM-DD)"

fresh
printf 'cid\tCid\n' >>"$D/reps.tsv"
bad "ragged row" "sales-check: reps.tsv:4: 2 fields, header has 12"

fresh
printf 'west\tWe\\qst\t\t\nx\ty\n' >>"$D/teams.tsv"
bad "bad escape and every bad row" 'sales-check: teams.tsv:4: field 2: bad escape (only \t \n \r \\ are allowed)
sales-check: teams.tsv:5: 2 fields, header has 4'

fresh
printf 'bob\tBob Again\t\t\t\t\t2026-01-05\tactive\t\t\t\t\n' >>"$D/reps.tsv"
bad "duplicate rep id" "sales-check: reps.tsv:4: duplicate rep 'bob'"

fresh
{ sed -n 1p "$D/reps.tsv"; sed -n 3p "$D/reps.tsv"; sed -n 2p "$D/reps.tsv"; } >"$T/x"
cat "$T/x" >"$D/reps.tsv"
bad "rows out of order" "sales-check: reps.tsv:3: rep 'ann' out of order (rows are kept sorted by key)"

fresh
printf 'rep\tname\tteam\tmanager\thired\tstatus\n' >"$D/reps.tsv"
bad "missing columns" "sales-check: reps.tsv:1: missing column 'email'
sales-check: reps.tsv:1: missing column 'role'
sales-check: reps.tsv:1: missing column 'ended'
sales-check: reps.tsv:1: missing column 'region'
sales-check: reps.tsv:1: missing column 'plan'
sales-check: reps.tsv:1: missing column 'capacity'"

fresh
printf 'ann\tAnn\t\t\t\tbob\t2026-01-05\tactive\t\t\t\t\nbob\tBob\t\t\t\tcid\t2026-01-05\tactive\t\t\t\t\ncid\tCid\t\t\t\tann\t2026-01-05\tactive\t\t\t\t\ndan\tDan\t\t\t\tdan\t2026-01-05\tactive\t\t\t\t\neve\tEve\t\t\t\tann\t2026-01-05\tactive\t\t\t\t\n' \
    >"$T/x"
{ sed -n 1p "$D/reps.tsv"; cat "$T/x"; } >"$T/y"
cat "$T/y" >"$D/reps.tsv"
bad "manager loops, each once" "sales-check: reps.tsv:2: manager loop: ann -> bob -> cid -> ann
sales-check: reps.tsv:5: manager loop: dan -> dan"

fresh
printf 'cid\tCid\t\t\t\t\t2026-01-05\tgone\t\t\t\t\ndan\tDan\t\t\t\t\t2026-01-05\tactive\t2026-03-01\t\t\t\neve\tEve\t\t\t\t\t2026-01-05\tleave\t2025-12-31\t\t\t\n' \
    >>"$D/reps.tsv"
bad "status and ended" "sales-check: reps.tsv:4: status 'gone' but ended is not set (set it with rep-end)
sales-check: reps.tsv:5: status 'active' but ended '2026-03-01' is set
sales-check: reps.tsv:6: ended '2025-12-31' is before hired '2026-01-05'"

fresh
printf 'west\tWest\tzed\t\n' >>"$D/teams.tsv"
printf '2026-Q4\t\t\tdeals\t5\n2026-Q4\t\tmars\trevenue\t9.999\n2026-Q4\tann\tnorth\trevenue\t100.00\n' >>"$D/quotas.tsv"
bad "team manager, quota rows" "sales-check: quotas.tsv:3: target '9.999' more than 2 decimals
sales-check: teams.tsv:4: unknown manager 'zed' (not in reps.tsv)
sales-check: quotas.tsv:3: unknown team 'mars' (not in teams.tsv)
sales-check: quotas.tsv:2: neither rep nor team is set (set exactly one of rep and team)
sales-check: quotas.tsv:4: both rep and team are set (set exactly one of rep and team)"

fresh
printf 'acme\tAcme\t\t\t\t\tzed\t\n' >>"$D/accounts.tsv"
printf 'zed\tsales101\t2026-11-01\t\t\t\t\t\n' >>"$D/training.tsv"
printf 'N1\t2026-11-02\tzed\t1on1\thello\t\t\nN1\t2026-11-03\tann\tpraise\t\t\t\n' >>"$D/notes.tsv"
printf 'gold\t0\t300\t\t\n' >>"$D/comp-tiers.tsv"
bad "accounts, training, notes, tiers" "sales-check: comp-tiers.tsv:2: rate '300' is not a percentage 0-100 with at most 2 decimals
sales-check: accounts.tsv:2: unknown owner 'zed' (not in reps.tsv)
sales-check: training.tsv:2: unknown rep 'zed' (not in reps.tsv)
sales-check: training.tsv:2: unknown course 'sales101' (not in courses.tsv)
sales-check: notes.tsv:2: unknown rep 'zed' (not in reps.tsv)
sales-check: comp-tiers.tsv:2: unknown plan 'gold' (not in comp-plans.tsv)
sales-check: notes.tsv:3: duplicate note 'N1'
sales-check: ids.tsv: no 'note' row, but N1 is in use at notes.tsv:2 (add the row: note, next 2)
sales-check: deals/2026-11.tsv:3: warning: account 'beta' is not in accounts.tsv (reports by segment or region count it as unknown)"

fresh
printf 'N7\t2026-11-02\tann\t1on1\t\t\t\n' >>"$D/notes.tsv"
printf 'kind\tnext\ndeal\t3\nnote\t7\n' >"$D/ids.tsv"
bad "ids.tsv behind the notes" "sales-check: ids.tsv:3: note next 7 is not past N7 in use at notes.tsv:2 (set it to 8)"

fresh
printf 'key\tvalue\ncurrency\teur\nfiscal_year_start\t13\npip_periods\ttwo\n' >"$D/config.tsv"
bad "config.tsv" "sales-check: config.tsv: no 'schema' setting
sales-check: config.tsv:2: currency 'eur' is not a currency code (three capital letters, such as EUR)
sales-check: config.tsv:3: fiscal_year_start '13' is not a month 1-12
sales-check: config.tsv:4: pip_periods 'two' is not a whole number"

fresh
printf 'key\tvalue\ncurrency\tEUR\nfiscal_year_start\t4\nschema\t2\n' >"$D/config.tsv"
bad "config.tsv from a newer version" "sales-check: config.tsv:4: schema 2 is newer than this program knows (1); install a newer salesmgr"

fresh
printf 'closed\t5\t100\tclosed\twon\n' >>"$D/stages.tsv"
sed -i '/^lost/d' "$D/stages.tsv"
bad "stages.tsv" "sales-check: stages.tsv: 2 stages have state 'won' (want exactly one)
sales-check: stages.tsv: no stage has state 'lost' (want exactly one)
sales-check: stages.tsv:7: duplicate order '5'"

fresh
rm "$D/quotas.tsv"
bad "missing table" "sales-check: quotas.tsv: missing (restore it, or create it with only its header line)"

fresh
: >"$D/plans.tsv"
printf 'west\tWest\t\t' >>"$D/teams.tsv"
bad "empty table, no final newline" "sales-check: teams.tsv:4: no newline at the end of the file
sales-check: plans.tsv: empty file (no header line)"

# --- hostile files are reported, never opened or followed
fresh
mv "$D/teams.tsv" "$T/teams-target.tsv"
cp "$T/teams-target.tsv" "$T/teams-copy.tsv"
ln -s "$T/teams-target.tsv" "$D/teams.tsv"
# No follow-on "unknown team" noise from a table that could not be read.
bad "symlinked table" "sales-check: teams.tsv: is a symlink (put the file itself here)"
check "symlink target untouched" cmp -s "$T/teams-target.tsv" "$T/teams-copy.tsv"

fresh
rm "$D/teams.tsv"
mkfifo "$D/teams.tsv"
snapshot
run timeout 10 sales-check
expect_status 1 "FIFO in place of a table: exit 1, no hang"
expect_err "sales-check: teams.tsv: is not a regular file" "FIFO: message"

fresh
ln "$D/teams.tsv" "$T/teams-link"
bad "hard-linked table" "sales-check: teams.tsv: has 2 hard links (make it a file of its own)"
rm -f "$T/teams-link"

fresh
chmod 770 "$D"
run sales-check
expect_status 1 "group-writable directory: exit 1"
expect_err "sales-check: $D: data directory is group or world writable; fix it with chmod 700 $D" \
    "group-writable directory: message"
chmod 700 "$D"

fresh
ln -s "$T" "$D/deals-elsewhere"
printf 'whatever\n' >"$D/notes.txt"
mkdir "$D/payouts"
clean "unknown extra files are ignored"

# --- CRLF and a BOM on input are accepted
fresh
printf '\357\273\277team\tname\tmanager\tfocus\r\nnorth\tNorth\t\t\r\nsouth\tSouth\t\t\r\n' >"$D/teams.tsv"
sed 's/$/\r/' "$D/reps.tsv" >"$T/x"
cat "$T/x" >"$D/reps.tsv"
clean "CRLF and BOM in tables"

# --- ledgers
fresh
printf '2026-11-25\tD3\topen\tann' >>"$D/deals/2026-11.tsv"
bad "torn deal ledger" "sales-check: deals/2026-11.tsv: last line is torn (run sales-check --repair)"

fresh
printf '2026-12-01\tD2\tstage\tbob\tbeta\t\t500.00\tqualified\t\t\t\t\t2026-11-20\n' >>"$D/deals/2026-11.tsv"
printf '2026-12-01\tbob\tmeeting\t\t\t30\t\t\n' >>"$D/activities/2026-11.tsv"
bad "rows in the wrong month, and after today" "sales-check: deals/2026-11.tsv:4: date '2026-12-01' is not in 2026-11 (each row belongs in the file of its month)
sales-check: deals/2026-11.tsv:4: date '2026-12-01' is after today (2026-11-26): booked under a wrong clock or --today?
sales-check: activities/2026-11.tsv:3: date '2026-12-01' is not in 2026-11 (each row belongs in the file of its month)
sales-check: activities/2026-11.tsv:3: date '2026-12-01' is after today (2026-11-26): booked under a wrong clock or --today?"

fresh
printf '2026-11-10\tD2\tstage\tbob\tbeta\t\t500.00\tqualified\t\t\t\t\t2026-11-20\n' >>"$D/deals/2026-11.tsv"
bad "a deal event back in time" "sales-check: deals/2026-11.tsv:4: date '2026-11-10' is before D2's previous event (2026-11-20)"

fresh
printf '2026-11-21\tD2\twon\tzed\tbeta\t\t5x\tlead\t2026-13-01\t\t\t\t2026-11-20\n2026-11-22\tX9\tsold\tbob\tbeta\t\t1.00\tlead\t\t\t\t\t\n' >>"$D/deals/2026-11.tsv"
printf '2026-11-04\tzed\tlunch\t\t\t-5\t\t\n' >>"$D/activities/2026-11.tsv"
bad "bad ledger rows" "sales-check: deals/2026-11.tsv:4: amount '5x' not an amount
sales-check: deals/2026-11.tsv:4: expected '2026-13-01' is not a date (YYYY-MM-DD)
sales-check: deals/2026-11.tsv:4: unknown rep 'zed' (not in reps.tsv)
sales-check: deals/2026-11.tsv:5: deal 'X9' is not a deal id (D1, D2, ...)
sales-check: deals/2026-11.tsv:5: event 'sold' is not one of the allowed values
sales-check: deals/2026-11.tsv:5: opened '' is empty
sales-check: activities/2026-11.tsv:3: kind 'lunch' is not one of the allowed values
sales-check: activities/2026-11.tsv:3: minutes '-5' is not a whole number
sales-check: activities/2026-11.tsv:3: unknown rep 'zed' (not in reps.tsv)"

fresh
printf 'kind\tnext\ndeal\t2\n' >"$D/ids.tsv"
bad "ids.tsv behind the deal ledger" "sales-check: ids.tsv:2: deal next 2 is not past D2 in use at deals/2026-11.tsv:3 (set it to 3)"

fresh
printf 'kind\tnext\n' >"$D/ids.tsv"
bad "ids.tsv without a deal row" "sales-check: ids.tsv: no 'deal' row, but D2 is in use at deals/2026-11.tsv:3 (add the row: deal, next 3)"

fresh
printf 'kind\tnext\ndeal\t3\nnote\t0\n' >"$D/ids.tsv"
bad "ids.tsv next 0" "sales-check: ids.tsv:3: note next 0 is not a sequence number (want 1 or more)"

fresh
printf 'kind\tnext\ndeal\t9\n' >"$D/ids.tsv"
clean "ids.tsv past the ledger (a skipped id is fine)"

fresh
printf "$DH" >"$D/deals/2026-13.tsv"
printf "$DH" >"$D/deals/nov.tsv"
: >"$D/deals/2026-12.tsv"
bad "ledger file names" "sales-check: deals/2026-13.tsv: not a ledger file name (want YYYY-MM.tsv)
sales-check: deals/nov.tsv: not a ledger file name (want YYYY-MM.tsv)"

fresh
sed '1s/^/\xef\xbb\xbf/' "$D/deals/2026-11.tsv" >"$T/x"
cat "$T/x" >"$D/deals/2026-11.tsv"
printf 'date\trep\tkind\n2026-11-03\tann\tcall\n' >"$D/activities/2026-11.tsv"
bad "ledger headers" "sales-check: deals/2026-11.tsv:1: header is not '$LH' then optionally 'currency currency_amount split type' (tab-separated, ending in LF, no BOM): programs will not append to it
sales-check: activities/2026-11.tsv:1: header is not 'date rep kind account deal minutes ref note' (tab-separated, ending in LF, no BOM): programs will not append to it
sales-check: activities/2026-11.tsv:1: missing column 'account'"

fresh
ln -s "$D/deals/2026-10.tsv" "$D/deals/2026-09.tsv"
bad "symlinked ledger" "sales-check: deals/2026-09.tsv: is a symlink (put the file itself here)"

fresh
printf '2026-11-26T10:00:00Z\troot\trep-add\tadd rep x\n2026-11-26\troot\n2026-11-26T10:0' >>"$D/audit.tsv"
n=$(wc -l <"$D/audit.tsv")
bad "audit.tsv" "sales-check: audit.tsv:$n: 2 fields, header has 4
sales-check: audit.tsv: last line is torn (run sales-check --repair)"

fresh
printf 'junk' >"$D/.tmp-reps.tsv.123.0"
printf 'junk' >"$D/deals/.tmp-2026-11.tsv.9.0"
bad "stray temporaries" "sales-check: .tmp-reps.tsv.123.0: stray temporary (run sales-check --repair)
sales-check: deals/.tmp-2026-11.tsv.9.0: stray temporary (run sales-check --repair)"

# --- who may read it: a copy made by cp -r, tar x or git clone is 0755
# and 0644.  Every file and directory of ours open to others is reported;
# --repair makes them private, and logs it.
fresh
mkdir -m 755 "$D/cache"
chmod 755 "$D" && chmod 644 "$D/reps.tsv" "$D/deals/2026-10.tsv" && chmod 640 "$D/teams.tsv"
chmod 755 "$D/deals"
mkdir -m 755 "$D/mine" && printf 'x\n' >"$D/mine/notes.txt" && chmod 644 "$D/mine/notes.txt"
bad "open to others" "sales-check: $D: the data directory is open to others (mode 0755, want 0700): run sales-check --repair
sales-check: cache: open to others (mode 0755, want 0700): run sales-check --repair
sales-check: deals: open to others (mode 0755, want 0700): run sales-check --repair
sales-check: deals/2026-10.tsv: open to others (mode 0644, want 0600): run sales-check --repair
sales-check: mine: open to others (mode 0755, want 0700): run sales-check --repair
sales-check: reps.tsv: open to others (mode 0644, want 0600): run sales-check --repair
sales-check: teams.tsv: open to others (mode 0640, want 0600): run sales-check --repair"
run sales-check --repair
expect_status 0 "repair modes: exit 0"
expect_err "sales-check: .: made private (mode 0755 -> 0700)
sales-check: cache: made private (mode 0755 -> 0700)
sales-check: deals: made private (mode 0755 -> 0700)
sales-check: deals/2026-10.tsv: made private (mode 0644 -> 0600)
sales-check: mine: made private (mode 0755 -> 0700)
sales-check: reps.tsv: made private (mode 0644 -> 0600)
sales-check: teams.tsv: made private (mode 0640 -> 0600)" "repair modes: says what it did"
check "repair modes: every file and directory private" \
    test -z "$(find "$D" -path "$D/mine/*" -prune -o -perm /077 -print)"
check "repair modes: what the user keeps in a directory of his own is left" \
    test "$(stat -c %a "$D/mine/notes.txt")" = 644
check "repair modes: logged" grep -q 'sales-check	repair reps.tsv: made private (mode 0644 -> 0600)' "$D/audit.tsv"
clean "after making it private"

# --- cache/ as a symlink stops every deal writer: reported, and --repair
# removes it (the cache is made again); a link inside it the same.
fresh
mkdir -m 700 "$T/elsewhere"
ln -s "$T/elsewhere" "$D/cache"
bad "cache a symlink" "sales-check: cache: is a symlink (put the directory itself here; sales-check --repair removes a cache that is a link)"
run sales-check --repair
expect_status 0 "repair a cache that is a link: exit 0"
expect_err "sales-check: cache: removed from the cache (not a plain file)" "repair a cache that is a link: says so"
check "repair a cache that is a link: gone, its target kept" test ! -e "$D/cache" -a -d "$T/elsewhere"
mkdir -m 700 "$D/cache"
ln -s "$T/elsewhere" "$D/cache/open-2026-10-0000000000000000.tsv"
bad "a link in the cache" "sales-check: cache/open-2026-10-0000000000000000.tsv: not a plain file (sales-check --repair removes it: the cache is made again)"
run sales-check -q --repair
expect_status 0 "repair a link in the cache: exit 0"
clean "after clearing the cache"

# --- amounts no report can add up (each fits, their total does not).
fresh
printf '2026-11-21\tD3\topen\tann\tacme\t\t50000000000000000.00\tlead\t\t\t\t\t2026-11-21\n2026-11-22\tD4\topen\tann\tacme\t\t50000000000000000.00\tlead\t\t\t\t\t2026-11-22\n' \
    >>"$D/deals/2026-11.tsv"
printf 'kind\tnext\ndeal\t5\n' >"$D/ids.tsv"
bad "totals past what reports add up" "sales-check: deals/2026-11.tsv:4: amount '50000000000000000.00': the deal amounts add up to more than the reports can total (a mistyped amount?)"

# --- --repair
fresh
cp "$D/deals/2026-11.tsv" "$T/ledger-before"
printf '2026-11-25\tD3\topen\tann' >>"$D/deals/2026-11.tsv"
run sales-check --repair
expect_status 0 "repair torn tail: exit 0"
err_untimed
expect_file "$T/err2" "sales-check: deals/2026-11.tsv: moved torn tail (22 bytes) to lost+found/deals-2026-11.tsv.TIME" \
    "repair torn tail: says what it did"
check "repair torn tail: the ledger ends at its last whole line" cmp -s "$T/ledger-before" "$D/deals/2026-11.tsv"
set -- "$D"/lost+found/deals-2026-11.tsv.*
printf '2026-11-25\tD3\topen\tann' >"$T/torn"
check "repair torn tail: exactly the torn bytes are in lost+found" cmp -s "$T/torn" "$1"
ls "$D/lost+found" | wc -l | tr -d ' ' >"$T/n"
expect_file "$T/n" "1" "repair torn tail: one file in lost+found"
ls -ld "$D/lost+found" | cut -c1-10 >"$T/mode"
expect_file "$T/mode" "drwx------" "repair torn tail: lost+found is private"
run sales-check
expect_status 0 "after the repair sales-check is clean"
run sales-log --program sales-check --no-header
sed 's/^[^	]*	[^	]*	//; s/\.[0-9][0-9.]*$/.TIME/' "$T/out" >"$T/out2"
expect_file "$T/out2" "sales-check	repair deals/2026-11.tsv: moved torn tail (22 bytes) to lost+found/deals-2026-11.tsv.TIME" \
    "repair torn tail: logged in audit.tsv"
run rep-add cid --name Cid
expect_status 0 "after the repair programs write again"

# Two tails moved in the same second never overwrite each other.
printf '2026-11-25\tD3\topen' >>"$D/deals/2026-11.tsv"
run sales-check --repair -q
expect_status 0 "second repair: exit 0"
expect_err_empty "second repair with -q: silent"
ls "$D/lost+found" | wc -l | tr -d ' ' >"$T/n"
expect_file "$T/n" "2" "second repair: both tails kept in lost+found"

fresh
printf '2026-11-26T10:0' >>"$D/audit.tsv"
printf '2026-11-04\tann\tcall\t\t\t5' >>"$D/activities/2026-11.tsv"
run sales-check --repair
expect_status 0 "repair audit.tsv and activities: exit 0"
err_untimed
expect_file "$T/err2" "sales-check: audit.tsv: moved torn tail (15 bytes) to lost+found/audit.tsv.TIME
sales-check: activities/2026-11.tsv: moved torn tail (23 bytes) to lost+found/activities-2026-11.tsv.TIME" \
    "repair audit.tsv and activities: messages"
clean "after repairing audit.tsv"

fresh
printf 'junk' >"$D/.tmp-reps.tsv.123.0"
printf 'junk' >"$D/deals/.tmp-2026-11.tsv.9.0"
run sales-check --repair
expect_status 0 "repair temporaries: exit 0"
expect_err "sales-check: .tmp-reps.tsv.123.0: removed stale temporary
sales-check: deals/.tmp-2026-11.tsv.9.0: removed stale temporary" "repair temporaries: says what it did"
check "repair temporaries: gone" test ! -e "$D/.tmp-reps.tsv.123.0" -a ! -e "$D/deals/.tmp-2026-11.tsv.9.0"
clean "after removing temporaries"

fresh
snapshot
run sales-check --repair
expect_status 0 "repair with nothing to do: exit 0"
expect_err_empty "repair with nothing to do: silent"
expect_unchanged "repair with nothing to do: nothing written"
check "repair with nothing to do: no lost+found" test ! -e "$D/lost+found"

fresh
printf 'cid\tCid\t\tnowhere\t\t\t2026-01-05\tactive\t\t\t\t\n' >>"$D/reps.tsv"
snapshot
run sales-check --repair
expect_status 1 "repair cannot fix a reference: exit 1"
expect_err "sales-check: reps.tsv:4: unknown team 'nowhere' (not in teams.tsv)" \
    "repair cannot fix a reference: message"
expect_unchanged "repair cannot fix a reference: nothing written"

fresh
printf '2026-11-25\tD3\topen\tann' >>"$D/deals/2026-11.tsv"
printf 'cid\tCid\t\tnowhere\t\t\t2026-01-05\tactive\t\t\t\t\n' >>"$D/reps.tsv"
run sales-check --repair
expect_status 1 "repair with a problem left: exit 1"
err_untimed
expect_file "$T/err2" "sales-check: deals/2026-11.tsv: moved torn tail (22 bytes) to lost+found/deals-2026-11.tsv.TIME
sales-check: reps.tsv:4: unknown team 'nowhere' (not in teams.tsv)" "repair with a problem left: repairs, then reports"

fresh
ln "$D/deals/2026-11.tsv" "$T/ledger-link"
printf '2026-11-25\tD3\topen\tann' >>"$D/deals/2026-11.tsv"
snapshot
run sales-check --repair
expect_status 1 "repair refuses a hard-linked ledger: exit 1"
expect_err "sales-check: deals/2026-11.tsv: has 2 hard links (make it a file of its own)" \
    "repair refuses a hard-linked ledger: message"
expect_unchanged "repair refuses a hard-linked ledger: nothing written"
rm -f "$T/ledger-link"

# --- usage, missing directory, busy directory
fresh
run sales-check extra
expect_fail 2 "usage: sales-check [--repair] [-q] [-D DIR]" "sales-check: an argument is a usage error"
run sales-check --bogus
expect_fail 2 "usage: sales-check" "sales-check: unknown option"
run sales-check -h
expect_status 0 "sales-check -h: exit 0"
head -n 1 "$T/out" >"$T/out1"
expect_file "$T/out1" "usage: sales-check [--repair] [-q] [-D DIR]" "sales-check -h: usage on stdout"
expect_out_has "      --repair " "sales-check -h: a line per option"
bad_usage "sales-check: unrecognized option '--today'" \
    "sales-check: --today is not among its options" sales-check --today 2026-11-26
run sales-check -D "$T/nope"
expect_fail 1 "sales-init" "sales-check: missing directory names sales-init"
check "sales-check: missing directory not created" test ! -e "$T/nope"
run sales-check --repair -D "$T/nope"
expect_fail 1 "sales-init" "sales-check --repair: missing directory names sales-init"
check "sales-check --repair: missing directory not created" test ! -e "$T/nope"
settle "$D"
cp -a "$D" "$T/data2"
run sales-check -D "$T/data2"
expect_status 0 "sales-check -D DIR"

if optional flock "a busy directory is not tested"; then
	rm -f "$T/locked"
	( flock -x 9 && : >"$T/locked" && sleep 10 ) 9>>"$D/.lock" &
	holder=$!
	i=0
	while [ ! -e "$T/locked" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	SALESMGR_LOCK_TIMEOUT=0 run sales-check
	expect_fail 75 "busy" "sales-check: a busy directory exits 75"
	kill "$holder" 2>/dev/null
	wait "$holder" 2>/dev/null
fi

# --- sales-log
rmdata "$D"
init
printf 'time\tuser\tprogram\tdetail\n2026-11-01T08:00:00Z\tann\trep-add\tadd rep cid\n2026-11-15T09:30:00Z\tbob\tteam-add\tadd team north\n2026-11-26T23:59:59Z\tann\trep-edit\tedit rep cid: note=a\\tb\n' \
    >"$D/audit.tsv"
L1='2026-11-01T08:00:00Z	ann	rep-add	add rep cid'
L2='2026-11-15T09:30:00Z	bob	team-add	add team north'
L3='2026-11-26T23:59:59Z	ann	rep-edit	edit rep cid: note=a\tb'
run sales-log
expect_status 0 "sales-log: exit 0"
expect_out "time	user	program	detail
$L1
$L2
$L3" "sales-log: TSV, oldest first"
run sales-log --since 2026-11-15
expect_out "time	user	program	detail
$L2
$L3" "sales-log --since compares the date"
run sales-log --until 2026-11-15 --no-header
expect_out "$L1
$L2" "sales-log --until includes the day"
run sales-log --since 2026-11-15 --until 2026-11-15 --no-header
expect_out "$L2" "sales-log --since and --until"
run sales-log --program rep-add --no-header
expect_out "$L1" "sales-log --program"
run sales-log --user ann --no-header
expect_out "$L1
$L3" "sales-log --user"
run sales-log --user ann --program team-add
expect_out "time	user	program	detail" "sales-log: nothing matches, header only"
run sales-log -o json --user bob
expect_out '{"time":"2026-11-15T09:30:00Z","user":"bob","program":"team-add","detail":"add team north"}' \
    "sales-log -o json"
run sales-log -o table --until 2026-11-15
expect_out "time                  user  program   detail
2026-11-01T08:00:00Z  ann   rep-add   add rep cid
2026-11-15T09:30:00Z  bob   team-add  add team north" "sales-log -o table"
run sh -c 'sales-log --user ann --no-header | cut -f3'
expect_out "rep-add
rep-edit" "sales-log in a pipe"

snapshot
run sales-log --since 2026-02-30
expect_fail 2 "sales-log: invalid date '2026-02-30' for --since: want YYYY-MM-DD" "sales-log: bad --since"
run sales-log --until yesterday
expect_fail 2 "sales-log: invalid date 'yesterday' for --until: want YYYY-MM-DD" "sales-log: bad --until"
run sales-log -o xml
expect_fail 2 "invalid format 'xml'" "sales-log: bad format"
run sales-log extra
expect_fail 2 "usage: sales-log" "sales-log: an argument is a usage error"
expect_unchanged "sales-log writes nothing"
run sh -c 'sales-log >/dev/full'
expect_fail 1 "write error" "sales-log: stdout to /dev/full"
run sales-log -D "$T/nope"
expect_fail 1 "sales-init" "sales-log: missing directory names sales-init"
check "sales-log: missing directory not created" test ! -e "$T/nope"

printf 'bad\trow\n2026-11-27T01:00:00Z\tann\trep-end\tend rep cid\n2026-11-27T0' >>"$D/audit.tsv"
run sales-log --no-header --since 2026-11-26
expect_status 1 "sales-log: bad rows: exit 1"
expect_out "$L3
2026-11-27T01:00:00Z	ann	rep-end	end rep cid" "sales-log: bad rows: the good rows are shown"
expect_err "sales-log: audit.tsv:5: 2 fields, header has 4 (run sales-check)
sales-log: audit.tsv: last line is torn (run sales-check --repair)" "sales-log: bad rows: each reported"

rm "$D/audit.tsv"
run sales-log
expect_status 0 "sales-log: no audit.tsv yet: exit 0"
expect_out "time	user	program	detail" "sales-log: no audit.tsv yet: header only"

# The log the programs write, through sales-log.
rmdata "$D"
init
run rep-add ann --name Ann
run rep-add bob --name Bob
run sh -c 'sales-log --program rep-add | cut -f3,4'
expect_out "program	detail
rep-add	add rep ann
rep-add	add rep bob" "sales-log shows what rep-add logged"
clean "after sales-init and rep-add"

done_testing
