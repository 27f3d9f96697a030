# deal-add, deal-move, deal-won, deal-lost, deal-cancel and deal-list: the
# life of deals in the ledger, imports that never book twice, pipes, the
# listing in every format, and every bad input.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
DH='date	deal	event	rep	account	product	amount	stage	expected	ref	reason	note	opened'
LH='deal	rep	account	product	amount	stage	state	expected	opened	date	event	ref	reason	note	stage_days	pushes	last_activity	type	split'
# The ledger rows of one month (without the header) are exactly TEXT.
expect_month() { rows "deals/$1.tsv" >"$T/rows"; expect_file "$T/rows" "$2" "$3"; }
# The last N audit lines' program and detail are exactly TEXT.
expect_audit() { tail -n "$1" "$D/audit.tsv" | cut -f3- >"$T/aud"; expect_file "$T/aud" "$2" "$3"; }
# bad_in FILE ...: bad (lib.sh) with stdin from FILE.
bad_in() {
	f=$1; shift
	want=$1 msg=$2 what=$3; shift 3
	snapshot
	run_in "$f" "$@"
	expect_status "$want" "$what: exit $want"
	expect_err "$msg" "$what: message"
	expect_out_empty "$what: nothing on stdout"
	expect_unchanged "$what: nothing written"
}
# bad_usage WHAT CMD...: exit 2 with the usage, nothing written.
bad_usage() {
	what=$1; shift
	snapshot
	run "$@"
	expect_status 2 "$what: exit 2"
	expect_err_has "usage: $1 " "$what: usage"
	expect_out_empty "$what: nothing on stdout"
	expect_unchanged "$what: nothing written"
}

init
printf 'team\tname\tmanager\tfocus\nnorth\tNorth\t\t\nsouth\tSouth\t\t\n' >"$D/teams.tsv"
rep-add -q anna --name 'Anna Vos' --team north --hired 2026-01-05 &&
rep-add -q bob --name 'Bob Roy' --team south --hired 2026-01-05 &&
rep-add -q cid --name 'Cid Tao' --team north --hired 2026-01-05 ||
    { echo "not ok - setup: rep-add failed"; exit 1; }
# Cid has left, as rep-end leaves a rep: status gone, with the date.
awk -F'\t' 'BEGIN { OFS = "\t" } $1 == "cid" { $8 = "gone"; $9 = "2026-10-31" } 1' \
    "$D/reps.tsv" >"$T/reps" && cat "$T/reps" >"$D/reps.tsv"

# --- deal-add: one deal from options
run deal-add --rep anna --account acme --amount 1200 --date 2026-10-05 --ref crm-1 \
    --note 'met at the fair'
expect_status 0 "deal-add: exit 0"
expect_out "D1" "deal-add: prints the new id"
expect_err_empty "deal-add: quiet when stderr is not a terminal"
expect_month 2026-10 "2026-10-05	D1	open	anna	acme		1200.00	lead		crm-1		met at the fair	2026-10-05" \
    "deal-add: an open event at the first stage, in the month of its date"
head -n 1 "$D/deals/2026-10.tsv" >"$T/hdr"
expect_file "$T/hdr" "$DH" "deal-add: the month file starts with the ledger's header"
expect_file "$D/ids.tsv" "kind	next
deal	2" "deal-add: ids.tsv holds the next number"

run deal-add --rep bob --account beta --amount 500.5 --product cloud --stage qualified \
    --expected 2026-12-31
expect_status 0 "deal-add today: exit 0"
expect_out "D2" "deal-add today: the next id"
expect_month 2026-11 "2026-11-26	D2	open	bob	beta	cloud	500.50	qualified	2026-12-31				2026-11-26" \
    "deal-add today: stage, product, expected; amount in canonical form"
expect_audit 2 "deal-add	add deal D1 (anna, acme, 1200.00, lead)
deal-add	add deal D2 (bob, beta, 500.50, qualified)" "deal-add: one audit line per deal"

snapshot
run deal-add -n --rep anna --account zeta --amount 10
expect_status 0 "deal-add -n: exit 0"
expect_out "would add deal D3 (anna, zeta, 10.00, lead)" "deal-add -n: says what it would do"
expect_unchanged "deal-add -n: nothing written"

# --- the life of a deal
run deal-move D1 --stage proposal --date 2026-10-20
expect_status 0 "deal-move backdated: exit 0"
expect_out_empty "deal-move: nothing on stdout"
run deal-move D1 --amount 1500 --expected 2026-12-15 --date 2026-11-02
expect_status 0 "deal-move amend: exit 0"
run deal-won D1 --amount 1400 --date 2026-11-10
expect_status 0 "deal-won: exit 0"
run deal-lost D2 --reason price
expect_status 0 "deal-lost: exit 0"
run deal-move D2 --stage lead
expect_status 0 "deal-move of a lost deal: exit 0"
run deal-cancel D1 --reason refund --date 2026-11-20
expect_status 0 "deal-cancel: exit 0"
expect_month 2026-10 "2026-10-05	D1	open	anna	acme		1200.00	lead		crm-1		met at the fair	2026-10-05
2026-10-20	D1	stage	anna	acme		1200.00	proposal		crm-1		met at the fair	2026-10-05" \
    "a backdated move goes to the older month's file"
expect_month 2026-11 "2026-11-26	D2	open	bob	beta	cloud	500.50	qualified	2026-12-31				2026-11-26
2026-11-02	D1	amend	anna	acme		1500.00	proposal	2026-12-15	crm-1		met at the fair	2026-10-05
2026-11-10	D1	won	anna	acme		1400.00	won	2026-12-15	crm-1		met at the fair	2026-10-05
2026-11-26	D2	lost	bob	beta	cloud	500.50	lost	2026-12-31		price		2026-11-26
2026-11-26	D2	reopen	bob	beta	cloud	500.50	lead	2026-12-31				2026-11-26
2026-11-20	D1	cancel	anna	acme		1400.00	won	2026-12-15	crm-1	refund	met at the fair	2026-10-05" \
    "amend, won, lost, reopen (reason cleared), cancel (stage stays won): the whole state each time"
expect_audit 6 "deal-move	move deal D1 to proposal
deal-move	amend deal D1 (amount 1500.00, expected 2026-12-15)
deal-won	mark deal D1 won (1400.00)
deal-lost	mark deal D2 lost (price)
deal-move	reopen deal D2 at lead
deal-cancel	cancel deal D1 (refund)" "each change in audit.tsv"
check "sales-check accepts the ledger" sales-check

snapshot
run deal-won -n D2
expect_status 0 "deal-won -n: exit 0"
expect_out "would mark deal D2 won (500.50)" "deal-won -n: says what it would do"
expect_unchanged "deal-won -n: nothing written"

# --- deal-list
run deal-list
expect_status 0 "deal-list: exit 0"
expect_out "$LH
D1	anna	acme		1400.00	won	cancelled	2026-12-15	2026-10-05	2026-11-20	cancel	crm-1	refund	met at the fair					
D2	bob	beta	cloud	500.50	lead	open	2026-12-31	2026-11-26	2026-11-26	reopen				0	0			" \
    "deal-list: each deal's last event, TSV when piped"

# --- imports: closed deals, refs, idempotence
cat >"$T/crm.tsv" <<'EOF'
rep	account	amount	product	stage	expected	date	ref	note
anna	acme	2500.00	core	won		2026-09-14	crm-7	renewal
bob	delta	800	support	lost		2026-09-20	crm-8	
anna	echo	99.90		negotiation	2027-01-31		crm-9	big one
anna	echo	99.90		negotiation	2027-01-31		crm-9	the same again
EOF
run deal-add --from "$T/crm.tsv"
expect_status 0 "deal-add --from: exit 0"
expect_out "D3
D4
D5" "deal-add --from: the new ids in input order"
expect_err "deal-add: $T/crm.tsv:5: ref 'crm-9' already booked; skipped" \
    "deal-add --from: a ref twice in one input is booked once"
expect_month 2026-09 "2026-09-14	D3	open	anna	acme	core	2500.00	lead		crm-7		renewal	2026-09-14
2026-09-14	D3	won	anna	acme	core	2500.00	won		crm-7		renewal	2026-09-14
2026-09-20	D4	open	bob	delta	support	800.00	lead		crm-8			2026-09-20
2026-09-20	D4	lost	bob	delta	support	800.00	lost		crm-8			2026-09-20" \
    "deal-add --from: a closed deal opens and closes the same day"
rows deals/2026-11.tsv | tail -n 1 >"$T/last"
expect_file "$T/last" "2026-11-26	D5	open	anna	echo		99.90	negotiation	2027-01-31	crm-9		big one	2026-11-26" \
    "deal-add --from: an empty date is today"
expect_file "$D/ids.tsv" "kind	next
deal	6" "deal-add --from: ids.tsv moved on by three"

snapshot
run_in "$T/crm.tsv" deal-add --from -
expect_status 0 "deal-add --from again: exit 0"
expect_out_empty "deal-add --from again: no new ids"
expect_err "deal-add: stdin:2: ref 'crm-7' already booked; skipped
deal-add: stdin:3: ref 'crm-8' already booked; skipped
deal-add: stdin:4: ref 'crm-9' already booked; skipped
deal-add: stdin:5: ref 'crm-9' already booked; skipped" \
    "deal-add --from again: every row reported as already booked"
expect_unchanged "deal-add --from again: books nothing twice"

# A row booked before is skipped even when it would not pass today (cid left).
printf 'rep\taccount\tamount\tref\ncid\tacme\t5\tcrm-1\n' >"$T/old.tsv"
snapshot
run deal-add --from "$T/old.tsv"
expect_status 0 "deal-add: a booked ref is skipped before it is judged"
expect_unchanged "deal-add: the booked row is not written again"

printf 'rep\taccount\tamount\tcolour\nbob\tfoxtrot\t70\tred\n' >"$T/extra.tsv"
run deal-add --from "$T/extra.tsv" --ignore-extra
expect_status 0 "deal-add --ignore-extra: exit 0"
expect_out "D6" "deal-add --ignore-extra: the deal is added"

# --- deal-list: formats and filters
run deal-list --no-header
expect_status 0 "deal-list --no-header: exit 0"
expect_out "D1	anna	acme		1400.00	won	cancelled	2026-12-15	2026-10-05	2026-11-20	cancel	crm-1	refund	met at the fair					
D2	bob	beta	cloud	500.50	lead	open	2026-12-31	2026-11-26	2026-11-26	reopen				0	0			
D3	anna	acme	core	2500.00	won	won		2026-09-14	2026-09-14	won	crm-7		renewal					
D4	bob	delta	support	800.00	lost	lost		2026-09-20	2026-09-20	lost	crm-8							
D5	anna	echo		99.90	negotiation	open	2027-01-31	2026-11-26	2026-11-26	open	crm-9		big one	0	0			
D6	bob	foxtrot		70.00	lead	open		2026-11-26	2026-11-26	open				0	0			" \
    "deal-list --no-header: every deal, by number"
run deal-list -o table --open
expect_status 0 "deal-list -o table: exit 0"
expect_out "deal  rep   account  product  amount  stage        state  expected    opened      date        event   ref    reason  note     stage_days  pushes  last_activity  type  split
D2    bob   beta     cloud    500.50  lead         open   2026-12-31  2026-11-26  2026-11-26  reopen                                   0       0
D5    anna  echo               99.90  negotiation  open   2027-01-31  2026-11-26  2026-11-26  open    crm-9          big one           0       0
D6    bob   foxtrot            70.00  lead         open               2026-11-26  2026-11-26  open                                     0       0" \
    "deal-list -o table: aligned, amounts right-aligned"
run deal-list -o table --won
expect_out "deal  rep   account  product    amount  stage  state  expected  opened      date        event  ref    reason  note     stage_days  pushes  last_activity  type  split
D3    anna  acme     core     2,500.00  won    won              2026-09-14  2026-09-14  won    crm-7          renewal" \
    "deal-list -o table: money with grouping"
run deal-list -o json --won
expect_status 0 "deal-list -o json: exit 0"
expect_out '{"deal":"D3","rep":"anna","account":"acme","product":"core","amount":2500.00,"stage":"won","state":"won","expected":null,"opened":"2026-09-14","date":"2026-09-14","event":"won","ref":"crm-7","reason":null,"note":"renewal","stage_days":null,"pushes":null,"last_activity":null,"type":null,"split":null}' \
    "deal-list -o json: one object per deal, amount a number, null when not set"
run deal-list --lost --no-header
expect_out "D4	bob	delta	support	800.00	lost	lost		2026-09-20	2026-09-20	lost	crm-8							" "deal-list --lost"
run deal-list --cancelled --no-header
expect_out "D1	anna	acme		1400.00	won	cancelled	2026-12-15	2026-10-05	2026-11-20	cancel	crm-1	refund	met at the fair					" \
    "deal-list --cancelled"
deal_ids() { cut -f1 "$T/out" | tr '\n' ' '; }
run deal-list --rep anna --no-header
ids=$(deal_ids)
check "deal-list --rep anna: D1 D3 D5" [ "$ids" = "D1 D3 D5 " ]
run deal-list --team south --no-header
ids=$(deal_ids)
check "deal-list --team south: bob's deals D2 D4 D6" [ "$ids" = "D2 D4 D6 " ]
run deal-list --stage lead --no-header
ids=$(deal_ids)
check "deal-list --stage lead: D2 D6" [ "$ids" = "D2 D6 " ]
run deal-list --won --period 2026-Q3 --no-header
ids=$(deal_ids)
check "deal-list --won --period 2026-Q3: D3 (D1 was cancelled since)" [ "$ids" = "D3 " ]
run deal-list --period 2026-11 --open --no-header
ids=$(deal_ids)
check "deal-list --period this month --open: D2 D5 D6" [ "$ids" = "D2 D5 D6 " ]
run deal-list --period last-month --no-header
expect_status 0 "deal-list --period last-month: exit 0"
expect_out_empty "deal-list --period last-month: no deal's last event is in October"

# --- bad inputs to deal-add: every problem reported, nothing written
bad 1 "deal-add: unknown rep 'zed' (add it with rep-add)
deal-add: nothing was changed" "deal-add unknown rep" \
    deal-add --rep zed --account acme --amount 10
bad 1 "deal-add: rep 'cid' is not active (gone since 2026-10-31)
deal-add: nothing was changed" "deal-add ended rep" \
    deal-add --rep cid --account acme --amount 10
bad 1 "deal-add: unknown stage 'closing' (stages.tsv has lead, qualified, proposal, negotiation, won, lost)
deal-add: nothing was changed" "deal-add unknown stage" \
    deal-add --rep anna --account acme --amount 10 --stage closing
bad 1 "deal-add: amount '12.345' has more than 2 decimals (write 1234.56 or 1,234.56)
deal-add: nothing was changed" "deal-add amount 12.345" \
    deal-add --rep anna --account acme --amount 12.345
bad 1 "deal-add: amount '92233720368547758.08' is out of range (write 1234.56 or 1,234.56)
deal-add: nothing was changed" "deal-add amount past int64" \
    deal-add --rep anna --account acme --amount 92233720368547758.08
bad 1 "deal-add: amount '-5' must be more than 0
deal-add: nothing was changed" "deal-add negative amount" \
    deal-add --rep anna --account acme --amount -5
bad 1 "deal-add: amount '0' must be more than 0
deal-add: nothing was changed" "deal-add zero amount" \
    deal-add --rep anna --account acme --amount 0
bad 1 "deal-add: amount '1.000,50' is not an amount (write 1234.56 or 1,234.56)
deal-add: nothing was changed" "deal-add amount with a decimal comma: what to write instead" \
    deal-add --rep anna --account acme --amount 1.000,50
bad 1 "deal-add: amount '€ 5.000' has more than 2 decimals (write 1234.56 or 1,234.56)
deal-add: nothing was changed" "deal-add amount with a currency sign and a grouping dot" \
    deal-add --rep anna --account acme --amount '€ 5.000'
run deal-add -n --rep anna --account acme --amount '1,000'
expect_status 0 "deal-add amount with grouping commas: exit 0"
expect_out "would add deal D7 (anna, acme, 1000.00, lead)" "deal-add amount with grouping commas: read as 1000.00"
bad 1 "deal-add: date 2026-11-27 is after today (2026-11-26)
deal-add: nothing was changed" "deal-add date after today" \
    deal-add --rep anna --account acme --amount 10 --date 2026-11-27
bad 1 "deal-add: date '2026-02-30' is not a date (YYYY-MM-DD)
deal-add: nothing was changed" "deal-add impossible date" \
    deal-add --rep anna --account acme --amount 10 --date 2026-02-30
bad 1 "deal-add: account '../x' must start with a-z or 0-9
deal-add: expected 'soon' is not a date (YYYY-MM-DD)
deal-add: nothing was changed" "deal-add bad account and expected: both reported" \
    deal-add --rep anna --account ../x --amount 10 --expected soon
bad 1 "deal-add: no rep given (use --rep)
deal-add: no account given (use --account)
deal-add: no amount given (use --amount)
deal-add: nothing was changed" "deal-add without rep, account, amount" \
    deal-add --product core
printf 'rep\taccount\tamout\nanna\tacme\t10\n' >"$T/typo.tsv"
bad 1 "deal-add: $T/typo.tsv:1: unknown column 'amout' (use --ignore-extra to skip it)
deal-add: $T/typo.tsv: nothing was changed" "deal-add --from unknown column" \
    deal-add --from "$T/typo.tsv"
cat >"$T/two.tsv" <<'EOF'
rep	account	amount	date
anna	golf	10	2026-11-01
zed	golf	10	2026-11-01
anna	golf	10	2026-11-01
bob	golf	1.001	2026-12-24
EOF
bad 1 "deal-add: $T/two.tsv:3: unknown rep 'zed' (add it with rep-add)
deal-add: $T/two.tsv:5: amount '1.001' has more than 2 decimals (write 1234.56 or 1,234.56)
deal-add: $T/two.tsv:5: date 2026-12-24 is after today (2026-11-26)
deal-add: nothing was changed" "deal-add --from: two bad rows both reported, good rows not written" \
    deal-add --from "$T/two.tsv"
printf 'rep\taccount\tamount\tref\nanna\tgolf\t10\ta\\tb\n' >"$T/tab.tsv"
bad 1 "deal-add: $T/tab.tsv:2: ref 'a	b' has a tab or line break
deal-add: nothing was changed" "deal-add ref with a tab" \
    deal-add --from "$T/tab.tsv"
bad_usage "deal-add with an operand" deal-add D1 --rep anna --account acme --amount 1
bad_usage "deal-add unknown option" deal-add --colour red

# --- bad changes: closed deals, dates, stages, ids
run deal-won D5 --date 2026-11-26
expect_status 0 "setup: D5 won"
bad 1 "deal-won: D5 is already won (2026-11-26)
deal-won: nothing was changed" "deal-won of a won deal" deal-won D5
bad 1 "deal-lost: D5 is already won (2026-11-26); undo a won deal with deal-cancel
deal-lost: nothing was changed" "deal-lost of a won deal" deal-lost D5
bad 1 "deal-won: D4 is already lost (2026-09-20); reopen it with deal-move first
deal-won: nothing was changed" "deal-won of a lost deal" deal-won D4
bad 1 "deal-won: D1 is already cancelled (2026-11-20)
deal-won: nothing was changed" "deal-won of a cancelled deal" deal-won D1
bad 1 "deal-cancel: D1 is already cancelled (2026-11-20)
deal-cancel: nothing was changed" "deal-cancel twice" deal-cancel D1
bad 1 "deal-cancel: D2 is open, not won: only a won deal can be cancelled (close it with deal-lost)
deal-cancel: nothing was changed" "deal-cancel of an open deal" deal-cancel D2
bad 1 "deal-cancel: D4 is lost, not won: only a won deal can be cancelled
deal-cancel: nothing was changed" "deal-cancel of a lost deal" deal-cancel D4
bad 1 "deal-move: D5 is won (2026-11-26) and cannot be moved
deal-move: nothing was changed" "deal-move of a won deal" deal-move D5 --stage lead
bad 1 "deal-move: D1 is cancelled (2026-11-20) and cannot be moved
deal-move: nothing was changed" "deal-move of a cancelled deal" deal-move D1 --stage lead
bad 1 "deal-move: D4 is lost (2026-09-20): give a stage to reopen it
deal-move: nothing was changed" "deal-move amend of a lost deal" deal-move D4 --amount 5
bad 1 "deal-move: stage 'won' closes a deal: use deal-won or deal-lost
deal-move: nothing was changed" "deal-move to the won stage" deal-move D2 --stage won
bad 1 "deal-move: unknown stage 'demo' (stages.tsv has lead, qualified, proposal, negotiation, won, lost)
deal-move: nothing was changed" "deal-move unknown stage" deal-move D2 --stage demo
bad 1 "deal-move: D2 is already at stage 'lead'
deal-move: nothing was changed" "deal-move to the stage it is at" deal-move D2 --stage lead
bad 1 "deal-move: date 2026-10-01 is before D2's last event (2026-11-26)
deal-move: nothing was changed" "deal-move dated before the last event" \
    deal-move D2 --stage proposal --date 2026-10-01
bad 1 "deal-won: date 2026-11-27 is after today (2026-11-26)
deal-won: nothing was changed" "deal-won dated after today" deal-won D2 --date 2026-11-27
bad 1 "deal-won: amount '-1' must be more than 0
deal-won: nothing was changed" "deal-won negative amount" deal-won D2 --amount -1
bad 1 "deal-lost: date 2026-09-01 is before D6's last event (2026-11-26)
deal-lost: nothing was changed" "deal-lost dated before the deal opened" \
    deal-lost D6 --date 2026-09-01
bad 1 "deal-won: unknown deal 'D99' (see deal-list)
deal-won: nothing was changed" "deal-won unknown deal" deal-won D99
bad 1 "deal-lost: deal 'X1' is not a deal id (D1, D2, ...)
deal-lost: nothing was changed" "deal-lost bad deal id" deal-lost X1
bad 1 "deal-cancel: deal 'D01' has a bad number
deal-cancel: nothing was changed" "deal-cancel deal id with a leading zero" deal-cancel D01
printf 'deal\treason\nD2\tprice\nD99\tprice\nd6\tprice\n' >"$T/lose.tsv"
bad_in "$T/lose.tsv" 1 "deal-lost: stdin:3: unknown deal 'D99' (see deal-list)
deal-lost: stdin:4: deal 'd6' is not a deal id (D1, D2, ...)
deal-lost: nothing was changed" "deal-lost --from: unknown deal with its line, good rows not written" \
    deal-lost --from -
printf 'deal\nD2\nD2\n' >"$T/twice.tsv"
bad_in "$T/twice.tsv" 1 "deal-won: stdin:3: D2 is already won (2026-11-26)
deal-won: nothing was changed" "deal-won --from: a deal twice sees its own first row" \
    deal-won --from -
bad_usage "deal-move without a change" deal-move D2
bad_usage "deal-won without a deal" deal-won
bad_usage "deal-lost with a deal and --from" deal-lost D2 --from "$T/lose.tsv"
bad_usage "deal-cancel two deals" deal-cancel D1 D3
bad_usage "deal-list two states" deal-list --open --won
bad_usage "deal-list -o xml" deal-list -o xml
bad 2 "deal-list: invalid period '2026-Q5' (2026-Q4, 2026-11, this-month ...; see salesmgr(7))" \
    "deal-list bad period" deal-list --period 2026-Q5
bad 1 "deal-list: unknown rep 'zed' (see rep-list)" "deal-list unknown rep" deal-list --rep zed
bad 1 "deal-list: unknown team 'west' (see team-list)" "deal-list unknown team" deal-list --team west
bad 1 "deal-list: unknown stage 'demo' (see stages.tsv)" "deal-list unknown stage" deal-list --stage demo

# --- pipes: one program's output is the next one's input
deal-add -q --rep anna --account hotel --amount 300 --date 2026-10-12 >/dev/null &&
deal-add -q --rep anna --account india --amount 400 --date 2026-11-03 >/dev/null ||
    not_ok "setup: deal-add for the pipe"
run sh -c 'deal-list --open --rep anna | deal-lost --from - --reason budget'
expect_status 0 "deal-list | deal-lost: exit 0"
expect_out_empty "deal-list | deal-lost: nothing on stdout"
run deal-list --lost --rep anna --no-header
expect_out "D7	anna	hotel		300.00	lost	lost		2026-10-12	2026-11-26	lost		budget						
D8	anna	india		400.00	lost	lost		2026-11-03	2026-11-26	lost		budget						" \
    "deal-list | deal-lost: anna's open deals lost today (not on the listed date), for the option's reason"
run deal-list --open --rep anna
expect_out "$LH" "deal-list | deal-lost: anna has no open deal left"
run sh -c 'deal-list --lost --rep anna | deal-move --from - --stage qualified --date 2026-11-26'
expect_status 0 "deal-list | deal-move: exit 0"
run deal-list --stage qualified --no-header
ids=$(deal_ids)
check "deal-list | deal-move: the option's stage wins over the listed one" [ "$ids" = "D7 D8 " ]
expect_audit 2 "deal-move	reopen deal D7 at qualified
deal-move	reopen deal D8 at qualified" "deal-list | deal-move: reopened"
printf 'deal\tdate\tamount\nD7\t2026-11-25\t310\n' >"$T/won.tsv"
bad_in "$T/won.tsv" 1 "deal-won: stdin:2: date 2026-11-25 is before D7's last event (2026-11-26)
deal-won: nothing was changed" "deal-won --from: a date column is read from a file" \
    deal-won --from -
printf 'deal\tamount\nD7\t310\nD8\t\n' >"$T/won.tsv"
run_in "$T/won.tsv" deal-won --from -
expect_status 0 "deal-won --from: exit 0"
run deal-list --won --rep anna --no-header
cut -f1,5 "$T/out" >"$T/amounts"
expect_file "$T/amounts" "D3	2500.00
D5	99.90
D7	310.00
D8	400.00" "deal-won --from: the amount column where set, else the deal's amount"

# --- a torn ledger (a crash while appending) stops every writer
cp "$D/deals/2026-11.tsv" "$T/month"
printf '2026-11-26\tD9\topen\tanna' >>"$D/deals/2026-11.tsv"
bad 1 "deal-add: $D/deals/2026-11.tsv: the last line is torn (a crash while writing?); run sales-check --repair" \
    "deal-add on a torn ledger" deal-add --rep anna --account acme --amount 10
bad 1 "deal-won: deals/2026-11.tsv: the last line is torn (a crash while writing?); run sales-check --repair" \
    "deal-won on a torn ledger" deal-won D2
bad 1 "deal-list: deals/2026-11.tsv: the last line is torn (a crash while writing?); run sales-check --repair" \
    "deal-list on a torn ledger" deal-list
cat "$T/month" >"$D/deals/2026-11.tsv"

# --- output errors and a missing data directory
run sh -c 'deal-list >/dev/full'
expect_fail 1 "write error" "deal-list: stdout to /dev/full"
snapshot
run sh -c 'deal-add -n --rep anna --account acme --amount 1 >/dev/full'
expect_fail 1 "write error" "deal-add -n: stdout to /dev/full"
expect_unchanged "deal-add -n to /dev/full: nothing written"
for p in "deal-add --rep anna --account acme --amount 1" "deal-move D2 --stage proposal" \
    "deal-won D2" "deal-lost D2" "deal-cancel D3" "deal-list"; do
	run env SALESMGR_DIR="$T/nowhere" $p
	expect_fail 1 "sales-init" "${p%% *}: a missing data directory names sales-init"
	check "${p%% *}: the missing directory is not created" [ ! -e "$T/nowhere" ]
done

check "sales-check accepts everything written" sales-check

# --- CSV out: RFC 4180 for spreadsheets, formulas defused unless --raw
deal-add -q --rep anna --account acme --amount 10 --note '=HYPERLINK("http://x","y"), or -1' \
    --ref csv-1 >/dev/null
run deal-list -o csv --rep anna
expect_status 0 "deal-list -o csv: exit 0"
printf 'deal,rep,account,product,amount,stage,state,expected,opened,date,event,ref,reason,note,stage_days,pushes,last_activity,type,split\r\n' >"$T/want"
deal-list --rep anna | tail -n +2 | awk -F'\t' '{ printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13
	n = $14
	if (n ~ /^[=+@-]/) n = "\047" n
	if (n ~ /[",]/ || n != $14) { gsub(/"/, "\"\"", n); n = "\"" n "\"" }
	printf "%s,%s,%s,%s,%s,%s\r\n", n, $15, $16, $17, $18, $19 }' >>"$T/want"
if cmp -s "$T/want" "$T/out"; then ok "deal-list -o csv: CRLF, quoted where needed, the formula defused (as awk writes it)"
else not_ok "deal-list -o csv" "$(diff "$T/want" "$T/out" | tr '\r\n' '^|')"; fi
grep -F "'=HYPERLINK" "$T/out" >/dev/null
check "deal-list -o csv: the cell starts with a quote mark" [ $? -eq 0 ]
run deal-list -o csv --raw --rep anna
grep -F ',"=HYPERLINK(""http://x"",""y""), or -1"' "$T/out" >/dev/null
check "deal-list -o csv --raw: the cell as it is, still quoted" [ $? -eq 0 ]
run deal-list --raw -o csv --rep anna
grep -F ',"=HYPERLINK(' "$T/out" >/dev/null
check "deal-list --raw -o csv: the order of the options does not matter" [ $? -eq 0 ]
# --- one rep's row read for deal-add, the roster only when needed: an id
# inside a longer one, a name, an e-mail, a second rep in a --from load
rep-add -q an --name 'An Li' --email an@example.com --team north --hired 2026-01-05 ||
    echo "not ok - setup: rep-add an failed"
owners() { rows deals/2026-11.tsv | awk -F'\t' '$3 == "open"' | tail -n "$1" | cut -f4 | tr '\n' ' '; }
run deal-add -q --rep an --account acme --amount 7
expect_status 0 "deal-add --rep an: exit 0"
check "deal-add --rep an: the deal is an's, not anna's" [ "$(owners 1)" = "an " ]
run deal-add -q --rep anna --account acme --amount 8
check "deal-add --rep anna: the deal is anna's" [ "$(owners 1)" = "anna " ]
run deal-add -q --rep 'an li' --account acme --amount 9
check "deal-add --rep by name, in any case: an's" [ "$(owners 1)" = "an " ]
run deal-add -q --rep AN@example.com --account acme --amount 9
check "deal-add --rep by e-mail: an's" [ "$(owners 1)" = "an " ]
printf 'rep\taccount\tamount\tref\nanna\tacme\t1\tk-1\nBob Roy\tacme\t2\tk-2\nan\tacme\t3\tk-3\nanna\tacme\t4\tk-4\n' >"$T/mixed.tsv"
run deal-add -q --from "$T/mixed.tsv"
expect_status 0 "deal-add --from, an id, a name, two ids: exit 0"
check "deal-add --from: each row to its rep" [ "$(owners 4)" = "anna bob an anna " ]
printf 'rep\taccount\tamount\tref\nzed\tacme\t1\tk-5\nanna\tacme\t1\tk-6\n' >"$T/zed.tsv"
bad 1 "deal-add: $T/zed.tsv:2: unknown rep 'zed' (add it with rep-add)
deal-add: nothing was changed" "deal-add --from: an unknown id, then a known one" \
    deal-add --from "$T/zed.tsv"

done_testing
