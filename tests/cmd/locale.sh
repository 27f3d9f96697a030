# Table output follows the user's locale for grouping and the decimal sign;
# TSV and JSON never change with the locale.
. "$(dirname "$0")/lib.sh"
[ "$(LC_ALL=nl_NL.UTF-8 locale charmap 2>/dev/null)" = UTF-8 ] ||
    skip_all "the nl_NL.UTF-8 locale is not generated (make test-deps): Dutch grouping is not checked"
init
team-add -q north --name North
rep-add -q anna --name Anna --team north --hired 2025-01-01
quota-set -q 2026-11 anna 1234567.89
LC_ALL=nl_NL.UTF-8 run quota-list -o table
expect_out "period   rep   team  metric         target
2026-11  anna        revenue  1.234.567,89" "nl_NL: a table shows 1.234.567,89"
LC_ALL=nl_NL.UTF-8 run perf-report --period 2026-11 -o table --rep anna
expect_out_has "1.234.567,89" "nl_NL: perf-report's table groups money the Dutch way"
expect_out_has "   0,0" "nl_NL: and shows a decimal comma in percentages"
LC_ALL=C run quota-list -o table
expect_out_has "1,234,567.89" "C locale: 1,234,567.89"
LC_ALL=nl_NL.UTF-8 run quota-list
expect_out "period	rep	team	metric	target
2026-11	anna		revenue	1234567.89" "nl_NL: TSV is unchanged"
LC_ALL=nl_NL.UTF-8 run quota-list -o json
expect_out '{"period":"2026-11","rep":"anna","team":null,"metric":"revenue","target":1234567.89}' \
    "nl_NL: JSON is unchanged"
done_testing
