# sales-nightly -o mail: the morning report as one MIME message for
# `sendmail -t`: multipart/alternative with the text report and the HTML
# one (no SVG, no script), To, From and Subject from the options or
# config.tsv.  The message is checked by awk (headers, boundaries, base64
# bodies that decode to the reports) and by Python's email package when
# python3 is there.
. "$(dirname "$0")/lib.sh"
nightly=$top/scripts/sales-nightly
g=$T/gen
sales-gen -q --seed 3 --reps 16 --deals 1500 --months 6 "$g" ||
    { echo "not ok - sales-gen failed"; exit 1; }
export SALESMGR_DIR=$g
"$nightly" >"$T/report.txt" && "$nightly" -o html >"$T/report.html" ||
    { echo "not ok - sales-nightly failed"; exit 1; }

run "$nightly" -o mail --to 'Manager <boss@example.com>' --from sales@example.com \
    --subject 'Morgenrapport Zoë'
expect_status 0 "-o mail"
expect_err_empty "-o mail: nothing on stderr"
cp "$T/out" "$T/mail"
# The head: the headers then an empty line; the body's parts by boundary.
awk '/^$/ { exit } { print }' "$T/mail" >"$T/head"
check "To from --to" grep -qx 'To: Manager <boss@example.com>' "$T/head"
check "From from --from" grep -qx 'From: sales@example.com' "$T/head"
check "a non-ASCII subject as an RFC 2047 word" \
    grep -qx 'Subject: =?UTF-8?B?TW9yZ2VucmFwcG9ydCBab8Or?=' "$T/head"
check "MIME-Version" grep -qx 'MIME-Version: 1.0' "$T/head"
check "a Date header" grep -q '^Date: [A-Z][a-z][a-z], [0-9]' "$T/head"
b=$(sed -n 's/^Content-Type: multipart\/alternative; boundary="\(.*\)"$/\1/p' "$T/head")
check "multipart/alternative with a boundary" test -n "$b"
# Each part: its headers, then base64 that decodes to a report.
awk -v b="$b" -v dir="$T" '
    $0 == "--" b { part++; inhead = 1; next }
    $0 == "--" b "--" { last = 1; next }
    part && inhead && /^$/ { inhead = 0; next }
    part && inhead { print > (dir "/head" part); next }
    part && !last && $0 != "" { print > (dir "/body" part) }
    END { exit !(part == 2 && last) }' "$T/mail"
check "two parts, then the closing boundary" test $? -eq 0
check "part 1: text/plain, UTF-8, base64" grep -qx 'Content-Type: text/plain; charset=utf-8' "$T/head1"
check "part 2: text/html, UTF-8, base64" grep -qx 'Content-Type: text/html; charset=utf-8' "$T/head2"
base64 -d <"$T/body1" >"$T/text" && base64 -d <"$T/body2" >"$T/html"
check "part 1 is the text report" cmp -s "$T/text" "$T/report.txt"
check "part 2 is the HTML report" cmp -s "$T/html" "$T/report.html"
if grep -qi '<svg\|<script' "$T/html"; then not_ok "the HTML has no SVG and no script"
else ok "the HTML has no SVG and no script"; fi
check "the HTML's bars carry their colours inline" grep -q 'style="[^"]*background' "$T/html"
awk 'length($0) > 998 { exit 1 }' "$T/mail"
check "no line longer than 998 octets (RFC 5322)" test $? -eq 0
check "the text starts with what needs attention" \
    test "$(grep -m 1 '^== ' "$T/text")" = "== Needs attention"

if optional python3 "the message read by Python's email package"; then
	run python3 -c '
import sys, email
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
assert not m.defects, m.defects
print(m["To"], m["From"], m["Subject"], m.get_content_type(), sep="|")
for p in m.iter_parts():
    assert not p.defects, p.defects
    print(p.get_content_type(), p.get_content_charset())
    open(sys.argv[2] + "." + p.get_content_subtype(), "w", encoding="utf-8").write(p.get_content())
' "$T/mail" "$T/py"
	expect_out "Manager <boss@example.com>|sales@example.com|Morgenrapport Zoë|multipart/alternative
text/plain utf-8
text/html utf-8" "python email: no defects, the headers, two alternative parts"
	check "python email: the text part is the text report" cmp -s "$T/py.plain" "$T/report.txt"
	check "python email: the HTML part is the HTML report" cmp -s "$T/py.html" "$T/report.html"
fi

run "$nightly" --mail --to boss@example.com
check "without --subject or mail_subject: the report's title" \
    grep -qx 'Subject: Sales report for 2026-11-26 (amounts in EUR)' "$T/out"
if grep -q '^From:' "$T/out"; then not_ok "without --from or mail_from: no From (sendmail sets it)"
else ok "without --from or mail_from: no From (sendmail sets it)"; fi

# --mail is -o mail; To, From and Subject from config.tsv.
printf 'mail_to\tteam@example.com\nmail_from\tcron@example.com\nmail_subject\tGood morning\n' \
    >>"$g/config.tsv"
run "$nightly" --mail
expect_status 0 "--mail with the addresses in config.tsv"
check "To from mail_to" grep -qx 'To: team@example.com' "$T/out"
check "From from mail_from" grep -qx 'From: cron@example.com' "$T/out"
check "Subject from mail_subject" grep -qx 'Subject: Good morning' "$T/out"
run "$nightly" --mail --to other@example.com
check "--to wins over mail_to" grep -qx 'To: other@example.com' "$T/out"
# Into sendmail -t: a stand-in that keeps what it is given.
mkdir "$T/sbin"
printf '#!/bin/sh\n[ "$1" = -t ] || exit 64\ncat >"%s"\n' "$T/sent" >"$T/sbin/sendmail"
chmod +x "$T/sbin/sendmail"
"$nightly" --mail | PATH=$T/sbin:$PATH sendmail -t
check "in a pipe to sendmail -t" grep -qx 'To: team@example.com' "$T/sent"

# A failing step: its messages once (not once per part), exit 1, the mail
# still written.
cp -a "$g" "$T/broken"
printf '2026-Q4\tteam\tt\\q1\trevenue\t12\n' >>"$T/broken/plans.tsv"
SALESMGR_DIR=$T/broken run "$nightly" --mail
expect_status 1 "a failing step: exit 1"
check "a failing step: said once" test "$(grep -c 'forecast by team: deal-forecast' "$T/err")" -eq 2
check "a failing step: the mail is still written" grep -q '^--.*--$' "$T/out"

# Bad use.
sed -i '/^mail_to/d' "$g/config.tsv"
run "$nightly" -o mail
expect_fail 2 "sales-nightly: -o mail needs --to or mail_to in config.tsv" "no recipient"
run "$nightly" -o mail --to 'a@example.com
Bcc: everyone@example.com'
expect_fail 2 "sales-nightly: invalid mail header 'a@example.com': one line only" \
    "a newline in --to cannot add a header"
run "$nightly" -o mail --to a@example.com --subject "$(printf 'x\rBcc: e@example.com')"
expect_fail 2 "one line only" "a carriage return in --subject cannot add a header"
run "$nightly" --to a@example.com
expect_fail 2 "sales-nightly: --to, --from and --subject are for -o mail" "--to without -o mail"
run "$nightly" --help
expect_out_has "      --mail " "--help: a line for --mail"
done_testing
