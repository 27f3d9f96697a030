# team-add and team-list: adding teams from options and --from, the
# listing in every format, and every bad input.
. "$(dirname "$0")/lib.sh"

D=$SALESMGR_DIR
expect_teams() { rows teams.tsv >"$T/rows"; expect_file "$T/rows" "$1" "$2"; }
expect_audit() { tail -n 1 "$D/audit.tsv" | cut -f3- >"$T/aud"; expect_file "$T/aud" "$1" "$2"; }
bad_in() {
	f=$1 want=$2 msg=$3 what=$4; shift 4
	snapshot
	run_in "$f" "$@"
	expect_status "$want" "$what: exit $want"
	expect_err "$msg" "$what: message"
	expect_out_empty "$what: nothing on stdout"
	expect_unchanged "$what: nothing written"
}

init

# --- team-list of no teams: the header only
run team-list
expect_status 0 "team-list of no teams: exit 0"
expect_out "$(printf 'team\tname\tmanager\tfocus\treps')" "team-list of no teams: the header only"

# --- team-add: normal use
run team-add north --name North --focus 'new logos'
expect_status 0 "team-add: exit 0"
expect_out_empty "team-add: nothing on stdout"
expect_err_empty "team-add: nothing on stderr (not a terminal)"
expect_teams "$(printf 'north\tNorth\t\tnew logos\t\t\t')" "team-add: the row in teams.tsv"
expect_audit "$(printf 'team-add\tadd team north')" "team-add: audit"
rep-add -q ann --name 'Ann Lee' --team north --hired 2026-01-05 &&
rep-add -q bob --name 'Bob Roy' --team north --manager ann --hired 2026-03-01 &&
rep-add -q cid --name 'Cid Tao' --team north --manager ann --hired 2026-06-01 ||
    { echo "not ok - setup: rep-add failed"; exit 1; }
run team-add south --name South --manager ann
expect_status 0 "team-add --manager: exit 0"
run team-add east --name "$(printf 'East\tcoast')" --manager bob --focus renewals
expect_status 0 "team-add, a tab in the name: exit 0"
check "a tab in the name is stored escaped" \
    grep -q "$(printf '^east\tEast\\\\tcoast\tbob\trenewals\t\t\t$')" "$D/teams.tsv"
expect_teams "$(printf 'east\tEast\\tcoast\tbob\trenewals\t\t\t
north\tNorth\t\tnew logos\t\t\t
south\tSouth\tann\t\t\t\t')" "team-add: teams.tsv sorted by team, the tab escaped"
run rep-end cid
expect_status 0 "setup: rep-end cid"

# --- team-list in every format
run team-list
expect_status 0 "team-list: exit 0"
expect_out "$(printf 'team\tname\tmanager\tfocus\treps
east\tEast\\tcoast\tbob\trenewals\t0
north\tNorth\t\tnew logos\t2
south\tSouth\tann\t\t0')" "team-list: TSV, sorted, the tab escaped, active reps counted"
run team-list --no-header
expect_out "$(printf 'east\tEast\\tcoast\tbob\trenewals\t0
north\tNorth\t\tnew logos\t2
south\tSouth\tann\t\t0')" "team-list --no-header: rows only"
run team-list -o table
expect_status 0 "team-list -o table: exit 0"
expect_out "team   name         manager  focus      reps
east   East\\tcoast  bob      renewals      0
north  North                 new logos     2
south  South        ann                    0" "team-list -o table: aligned, reps right-aligned"
run team-list -o json
expect_out '{"team":"east","name":"East\tcoast","manager":"bob","focus":"renewals","reps":0}
{"team":"north","name":"North","manager":null,"focus":"new logos","reps":2}
{"team":"south","name":"South","manager":"ann","focus":null,"reps":0}' \
    "team-list -o json: reps a number, empty fields null"
run team-list --format=tsv --no-header
check "team-list --format=tsv: three rows" [ "$(wc -l <"$T/out")" -eq 3 ]

# A user's hand-edited, unsorted teams.tsv is listed in order.
cp "$D/teams.tsv" "$T/teams.keep"
{ head -n 1 "$T/teams.keep"; tail -n +2 "$T/teams.keep" | sort -r; } >"$D/teams.tsv"
run team-list --no-header
echo $(cut -f1 "$T/out") >"$T/ids"
expect_file "$T/ids" "east north south" "team-list: an unsorted file is listed sorted"
cp "$T/teams.keep" "$D/teams.tsv"

# --- dry run
snapshot
run team-add west --name West -n
expect_status 0 "team-add -n: exit 0"
expect_out "would add team west" "team-add -n: says what it would do"
expect_unchanged "team-add -n: nothing written"
run team-add -q west --name West
expect_status 0 "team-add -q: exit 0"
expect_err_empty "team-add -q: nothing on stderr"

# --- bad input: one message each, exit 1, nothing written
bad 1 "team-add: team 'north' already exists (team-list shows every team)
team-add: nothing was changed" "duplicate team" team-add north --name Other
bad 1 "team-add: unknown manager 'zed' (add the manager with rep-add first)
team-add: nothing was changed" "unknown manager" team-add x --name X --manager zed
bad 1 "team-add: team '../x' must start with a-z or 0-9
team-add: nothing was changed" "id ../x" team-add ../x --name X
bad 1 "team-add: team 'a/b' may hold only a-z, 0-9, '.', '_' and '-'
team-add: nothing was changed" "id a/b" team-add a/b --name X
bad 1 "team-add: team '.' must start with a-z or 0-9
team-add: nothing was changed" "id ." team-add . --name X
bad 1 "team-add: team '-x' must start with a-z or 0-9
team-add: nothing was changed" "id -x (after --)" team-add --name X -- -x
bad 1 "team-add: team '$(printf 'x%.0s' $(seq 33))' is longer than 32 bytes
team-add: nothing was changed" "33-byte id" team-add "$(printf 'x%.0s' $(seq 33))" --name X
bad 1 "team-add: no team id given
team-add: nothing was changed" "empty id" team-add '' --name X
bad 1 "team-add: team 'North' must start with a-z or 0-9
team-add: nothing was changed" "uppercase id" team-add North --name X
bad 1 "team-add: team 'x': no name given (use --name)
team-add: nothing was changed" "missing --name" team-add x
bad 1 "team-add: team 'x': no name given (use --name)
team-add: nothing was changed" "empty --name" team-add x --name ''
bad 1 "team-add: manager 'Ann' must start with a-z or 0-9
team-add: nothing was changed" "bad manager id" team-add x --name X --manager Ann
bad 1 "team-add: name '$(printf 'a\377b')' is not valid UTF-8
team-add: nothing was changed" "invalid UTF-8 name" team-add x --name "$(printf 'a\377b')"
run team-add "$(printf 'y%.0s' $(seq 32))" --name Y -n
expect_status 0 "a 32-byte id is fine"

bad_usage "team-add: invalid option -- 'x'" "-x as an option" team-add -x --name X
bad_usage "team-add: unrecognized option '--colour'" "unknown option" team-add x --name X --colour red
bad_usage "usage: team-add TEAM --name NAME [--manager REP] [--focus TEXT] [-nq] [-D DIR]" \
    "no team given" team-add --name X
bad_usage "usage: team-add TEAM --name NAME [--manager REP] [--focus TEXT] [-nq] [-D DIR]" \
    "two teams given" team-add x y --name X
bad_usage "usage: team-add TEAM --name NAME [--manager REP] [--focus TEXT] [-nq] [-D DIR]" \
    "a team with --from" team-add x --from /dev/null
bad_usage "team-list: unrecognized option '--all'" "team-list: unknown option" team-list --all
bad_usage "team-list: invalid format 'xml': want table, wide, tsv, csv, json or html" "team-list -o xml" team-list -o xml
bad_usage "usage: team-list [-o FORMAT] [--no-header] [--raw] [--columns LIST]" "team-list: an argument" team-list north
# Only the options of the usage: --today means nothing to a team.
bad_usage "team-list: unrecognized option '--today'" "team-list --today garbage" \
    team-list --today garbage
bad_usage "team-add: unrecognized option '--today'" "team-add --today" \
    team-add west --name West --today 2026-11-26
run team-list --help
expect_status 0 "team-list --help: exit 0"
expect_out "usage: team-list [-o FORMAT] [--no-header] [--raw] [--columns LIST]
                 [--color WHEN] [-D DIR]

  -o, --format=FORMAT  print a table, wide, tsv, csv, json or html (tsv when piped)
      --no-header      leave out the header line
      --raw            with -o csv, leave cells that look like formulas as they are
      --columns=LIST   print only the columns named in LIST (a,b,c), in that order
      --color=WHEN     colour a table: auto (on a terminal), always or never
  -D, --data-dir=DIR   use the data directory DIR (else \$SALESMGR_DIR)
  -h, --help           print this help and exit
      --version        print the version and exit" "team-list --help: the usage, then a line per option"
run team-add --help
expect_status 0 "team-add --help: exit 0"
expect_out_has "team-add --from FILE" "team-add --help: usage on stdout"

# --- --from: many teams, a file made by another program
printf 'team\tname\tmanager\tfocus\ncentral\tCentral\tann\t\nwest2\tWest two\t\tsmb\n' >"$T/in"
run team-add --from "$T/in"
expect_status 0 "team-add --from FILE: exit 0"
expect_audit "$(printf 'team-add\tadd team west2')" "team-add --from: one audit line per team"
tail -n 2 "$D/audit.tsv" | cut -f4 >"$T/aud"
expect_file "$T/aud" "add team central
add team west2" "team-add --from: both teams logged"
run team-list --no-header
echo $(cut -f1,5 "$T/out" | tr '\t' :) >"$T/ids"
expect_file "$T/ids" "central:0 east:0 north:2 south:0 west:0 west2:0" "team-list after --from"
# team-list's output, renamed, is team-add's input.
team-list | sed '2,$s/^/copy-/' >"$T/copy"
run_in "$T/copy" team-add --from - --ignore-extra -n
expect_status 0 "team-list output renamed as team-add --from - --ignore-extra: exit 0"
expect_out_has "would add team copy-north" "team-list's rows are team-add's input"
run sh -c "team-list | sed '2,\$s/^/copy-/' | team-add --from - --ignore-extra"
expect_status 0 "pipe: team-list | sed | team-add --from -: exit 0"
run team-list --no-header
echo $(cut -f1 "$T/out") >"$T/ids"
expect_file "$T/ids" "central copy-central copy-east copy-north copy-south copy-west copy-west2 east north south west west2" \
    "pipe: the copies added"
# No team-end yet: take the copies out by hand, as a user would.
grep -v '^copy-' "$D/teams.tsv" >"$T/t" && cp "$T/t" "$D/teams.tsv"
run sh -c 'team-list | team-add --from - -n'
expect_status 1 "pipe: team-list | team-add --from - without --ignore-extra: exit 1"
expect_err "team-add: stdin:1: unknown column 'reps' (use --ignore-extra to skip it)
team-add: stdin: nothing was changed" "pipe: the reps column refused by name"
# --from - reads all of stdin before it locks, so a lister that starts late
# (and holds a shared lock while it writes) is not locked out.
run env SALESMGR_LOCK_TIMEOUT=2 sh -c '(sleep 1; team-list) | team-add --from - --ignore-extra -n'
expect_status 1 "pipe with a late lister: exit 1 (every team exists)"
expect_err "team-add: stdin:2: team 'central' already exists (team-list shows every team)
team-add: stdin:3: team 'east' already exists (team-list shows every team)
team-add: stdin:4: team 'north' already exists (team-list shows every team)
team-add: stdin:5: team 'south' already exists (team-list shows every team)
team-add: stdin:6: team 'west' already exists (team-list shows every team)
team-add: stdin:7: team 'west2' already exists (team-list shows every team)
team-add: nothing was changed" "pipe with a late lister: no lock wait, every row checked"

printf 'team\tname\tfocus\tcolour\nx\tX\t\tred\n' >"$T/in"
bad_in "$T/in" 1 "team-add: stdin:1: unknown column 'colour' (use --ignore-extra to skip it)
team-add: stdin: nothing was changed" "--from with an unknown column" team-add --from -
printf 'team\tname\tmanager\ngood\tGood\t\nBad\tBad\t\nx\t\tann\ngood\tAgain\t\nother\tOther\tzed\n' >"$T/in"
bad_in "$T/in" 1 "team-add: stdin:3: team 'Bad' must start with a-z or 0-9
team-add: stdin:4: team 'x': no name given (use --name)
team-add: stdin:5: team 'good' already exists (team-list shows every team)
team-add: stdin:6: unknown manager 'zed' (add the manager with rep-add first)
team-add: nothing was changed" "--from with bad rows: every one reported, the good one not added" \
    team-add --from -
printf 'team\tname\nn1\tOne\textra\n' >"$T/in"
bad_in "$T/in" 1 "team-add: stdin:2: 3 fields, header has 2
team-add: nothing was changed" "--from with a ragged row" team-add --from -
quiet_night "--from an empty input" team-add --from -
printf 'team\tname\ttypo\nn1\tOne\tz\n' >"$T/in"
run team-add --from "$T/in" --ignore-extra
expect_status 0 "--from --ignore-extra: exit 0"
check "--ignore-extra: the extra column not written" [ "$(head -n 1 "$D/teams.tsv")" = "$(printf 'team\tname\tmanager\tfocus\tparent\tstatus\tended')" ]

# --- a user's own column in teams.tsv is kept
awk 'BEGIN { FS = OFS = "\t" } { print $0, (NR == 1 ? "budget" : "b" NR) }' "$D/teams.tsv" >"$T/t" &&
    cp "$T/t" "$D/teams.tsv"
run team-add zz --name Zed
expect_status 0 "team-add with a user's column: exit 0"
check "a user's column kept" grep -q "$(printf '^north\tNorth\t\tnew logos\t\t\t\tb')" "$D/teams.tsv"
run team-list --no-header
check "team-list: still five columns with a user's column" \
    [ "$(awk -F'\t' '{ print NF }' "$T/out" | sort -u)" = 5 ]

# --- the data directory: missing, stdout full
for p in "team-add x --name X" team-list; do
	run env SALESMGR_DIR="$T/nowhere" $p
	expect_fail 1 "sales-init" "${p%% *}: missing data directory names sales-init"
	check "${p%% *}: missing data directory not created" [ ! -e "$T/nowhere" ]
done
snapshot
team-list >/dev/full 2>"$T/err"; st=$?
expect_status 1 "team-list to /dev/full: exit 1"
expect_err_has "team-list: write error" "team-list to /dev/full: write error"
team-add -n y --name Y >/dev/full 2>"$T/err"; st=$?
expect_status 1 "team-add -n to /dev/full: exit 1"
expect_err_has "team-add: write error" "team-add -n to /dev/full: write error"
expect_unchanged "to /dev/full: nothing written"

# --- everything these programs wrote passes sales-check
run sales-check
expect_status 0 "sales-check after team-add: clean"

done_testing
