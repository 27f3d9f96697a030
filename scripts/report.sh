# report.sh: the functions of the reports composed from the salesmgr
# programs through pipes (sales-nightly, coach-prep), sourced by them: a
# section is a program's TSV, kept by an awk condition, cut to some columns
# and shown as an aligned text table or an HTML table under a heading.
#
# Order: set prog (the script's name), and SALESMGR_DIR and SALESMGR_TODAY
# if given; source this file (it makes the scratch directory $tmp, removed
# on exit, and reads the number format); set format (text or html); then
# page_title, rows/show/section/count, html_end.  scope (a file of
# reps, one a line, or empty) and scope_col (rep) narrow every section to
# those reps' rows.
#
# Errors: a program that fails is said on stderr by failed(), after the
# script's name and the section's title, and sets status to 1; the report
# goes on with the other sections.

tmp=$(mktemp -d "${TMPDIR:-/tmp}/$prog.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
# failed TITLE PROGRAM STATUS: the failed program's messages ($tmp/err) on
# stderr, each line after "PROG: title: " (the section's title in
# lowercase, if any), so that a mail from cron says which part of the report
# failed; the program's name and status when it said nothing.
status=0
failed() {
	where=$prog:
	[ -n "$1" ] && where="$where $(printf '%s' "$1" | tr '[:upper:]' '[:lower:]'):"
	if [ -s "$tmp/err" ]; then
		awk -v where="$where" '{ print where, $0 }' "$tmp/err" >&2
	else
		echo "$where $2: failed with exit status $3" >&2
	fi
	status=1
}
scope= scope_col=rep

esc() { sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g'; }

day=${SALESMGR_TODAY:-$(date +%Y-%m-%d)}
cfg=${SALESMGR_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/salesmgr}/config.tsv
setting() { awk -F'\t' -v k="$1" '$1 == k { print $2; exit }' "$cfg" 2>/dev/null; }
# Numbers for people, as the programs group them (numfmt.h): the user's
# locale when it is a real one, else config.tsv's number_locale; C's
# decimal point and a comma when neither says.
loc=${LC_ALL:-${LC_NUMERIC:-${LANG:-}}}
case $loc in ''|C|C.*|POSIX) loc=$(setting number_locale) ;; esac
gsep=, dsep=.
if [ -n "$loc" ] && locale -a 2>/dev/null | grep -qix "$(printf '%s' "$loc" |
    sed 's/\.utf-*8$/.utf8/I')"; then
	g=$(LC_ALL=$loc locale thousands_sep 2>/dev/null)
	d=$(LC_ALL=$loc locale decimal_point 2>/dev/null)
	[ -n "$g" ] && gsep=$g
	[ -n "$d" ] && dsep=$d
fi
# The awk functions every table uses: group(s) groups a canonical number,
# cut(s, w) shortens text to w characters with an ellipsis (UTF-8 counted
# by its lead bytes).
awklib='
function group(s,   sign, whole, frac, out) {
	if (s !~ /^-?[0-9]+(\.[0-9]+)?$/) return s
	sign = ""; if (substr(s, 1, 1) == "-") { sign = "-"; s = substr(s, 2) }
	whole = s; frac = ""
	if (index(s, ".")) {
		whole = substr(s, 1, index(s, ".") - 1)
		frac = dsep substr(s, index(s, ".") + 1)
	}
	out = ""
	while (length(whole) > 3) {
		out = gsep substr(whole, length(whole) - 2) out
		whole = substr(whole, 1, length(whole) - 3)
	}
	return sign whole out frac
}
function width(s) { gsub(/[\200-\277]/, "", s); return length(s) }
function cut(s, w,   i, n, c, out) {
	if (width(s) <= w) return s
	out = ""; n = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c !~ /[\200-\277]/ && ++n > w - 1) break
		out = out c
	}
	return out "\342\200\246"
}
function isnum(s) { return s ~ /^-?[0-9]+(\.[0-9]+)?$/ }
'
# The rows of a TSV as an aligned text table for a mail: numbers grouped
# and right-aligned (counts of a few digits are not grouped: ids and years
# look like them), long texts cut to 28 characters so a line stays under
# 100 columns.
text_table() {
	LC_ALL=C awk -F'\t' -v gsep="$gsep" -v dsep="$dsep" "$awklib"'
	    { for (i = 1; i <= NF; i++) {
	          v = $i
	          if (NR > 1 && isnum(v)) { num[i] = 1; if (index(v, ".") || length(v) > 4) v = group(v) }
	          else if (NR > 1) v = cut(v, 28)
	          cell[NR, i] = v; if (width(v) > w[i]) w[i] = width(v)
	      }
	      nf[NR] = NF }
	    END { for (r = 1; r <= NR; r++) { line = ""
	        for (i = 1; i <= nf[r]; i++) {
	            v = cell[r, i]; pad = sprintf("%*s", w[i] - width(v), "")
	            if (num[i]) line = line pad v; else line = line v (i < nf[r] ? pad : "")
	            if (i < nf[r]) line = line "  "
	        }
	        sub(/ +$/, "", line); print line } }'
}
html_table() {
	esc | LC_ALL=C awk -F'\t' -v gsep="$gsep" -v dsep="$dsep" "$awklib"'
	    BEGIN { print "<div class=\"wrap\"><table>" }
	    { c = NR == 1 ? "th" : "td"; line = "<tr>"
	      for (i = 1; i <= NF; i++)
	          line = line "<" c (c == "td" && isnum($i) ? " class=\"n\"" : "") \
	              ">" (c == "td" && (index($i, ".") || length($i) > 4) ? group($i) : $i) "</" c ">"
	      print line "</tr>" }
	    END { print "</table></div>" }'
}
heading() {
	if [ "$format" = html ]; then printf '<h2>%s</h2>\n' "$(printf '%s' "$1" | esc)"
	else printf '\n== %s\n' "$1"; fi
}
# rows FILTER COLUMNS CMD...: $tmp/rows, the header and the rows of CMD's
# TSV that the awk condition FILTER keeps (c("name") is a column by name),
# cut to COLUMNS (comma-separated names, or "" for all); false when CMD
# failed ($tmp/err has its messages).
rows() {
	filter=$1 columns=$2
	shift 2
	"$@" -o tsv >"$tmp/tsv" 2>"$tmp/err" || return
	awk -F'\t' -v want="$columns" -v today="$day" -v scope="$scope" -v by="$scope_col" '
	    BEGIN { k = by == "team" ? 2 : 1
	            if (scope != "") while ((getline line <scope) > 0) {
	                split(line, f, "\t"); if (f[k] != "") mine[f[k]] = 1 } }
	    function c(name) { return $(ix[name]) }
	    function days(d,   y, m, a) {	# days since 1970-01-01 of an ISO date
	        y = substr(d, 1, 4) + 0; m = substr(d, 6, 2) + 0
	        if (m <= 2) { y--; m += 12 }
	        return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + \
	            int((153 * (m - 3) + 2) / 5) + substr(d, 9, 2) - 719469
	    }
	    NR == 1 { for (i = 1; i <= NF; i++) ix[$i] = i
	              n = want == "" ? split("", w) : split(want, w, ",") }
	    NR > 1 && scope != "" && !((by in ix) && (c(by) in mine)) { next }
	    NR == 1 || ('"$filter"') {
	        if (n == 0) { print; next }
	        line = c(w[1]); for (k = 2; k <= n; k++) line = line "\t" c(w[k]); print line }' \
	    "$tmp/tsv" >"$tmp/rows"
}
# show TITLE: $tmp/rows under a heading, nothing when it has no row.
show() {
	[ "$(wc -l <"$tmp/rows")" -gt 1 ] || return 0
	heading "$1"
	if [ "$format" = html ]; then html_table <"$tmp/rows"; else text_table <"$tmp/rows"; fi
}
# section TITLE FILTER COLUMNS CMD...: rows, then show.
section() {
	title=$1
	shift
	rows "$@" || { failed "$title" "$3" $?; return; }
	show "$title"
}
# count FILTER CMD...: how many rows of CMD's TSV FILTER keeps (0 when it
# fails: its section says so).
count() {
	filter=$1
	shift
	rows "$filter" "" "$@" 2>/dev/null || { echo 0; return; }
	echo $(($(wc -l <"$tmp/rows") - 1))
}
# page_title TEXT: the report's title; in HTML the page's head (the programs'
# style sheet), its heading and the company's name.
page_title() {
	if [ "$format" = html ]; then
		printf '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
		printf '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
		printf '<title>%s</title>\n' "$(printf '%s' "$1" | esc)"
		# the programs' style sheet (their line ends their head: not ours)
		rep-list -o html | grep '^<style>' | sed 's|</head>$||'
		printf '</head>\n<body>\n<h1>%s</h1>\n' "$(printf '%s' "$1" | esc)"
		company=$(setting company)
		[ -n "$company" ] && printf '<p class="org">%s</p>\n' "$(printf '%s' "$company" | esc)"
	else
		echo "$1"
	fi
}
# html_end: the end of the page, in HTML.
html_end() { [ "$format" = html ] && printf '</body></html>\n'; return 0; }
