# mdoc-synopsis.awk: the SYNOPSIS of an mdoc page as plain text, one line
# per form, as mandoc and groff print it (for tests/cmd/help.sh).
#   awk -v name=PROG -f mdoc-synopsis.awk man/man1/PROG.1
# Knows the macros our synopses use (Nm Op Oo Oc Fl Ar Cm Ns); any other
# is an error (exit 1), so a new one is taught here rather than misread.

function word(w) {
	if (out == "" || nospace)
		out = out w
	else
		out = out " " w
	nospace = 0
}

/^\.Sh /	{ in_synopsis = ($2 == "SYNOPSIS"); next }
!in_synopsis	{ next }
/^\.\\"/	{ next }
/^\./ {
	n = split(substr($0, 2), tok, /[ \t]+/)
	open = 0
	flags = 0
	for (i = 1; i <= n; i++) {
		t = tok[i]
		if (t == "Nm") {
			if (out != "")
				print out
			out = name
			nospace = flags = 0
		} else if (t == "Op" || t == "Oo") {
			word("[")
			nospace = 1
			flags = 0
			if (t == "Op")
				open++
		} else if (t == "Oc") {
			out = out "]"
			flags = 0
		} else if (t == "Fl") {
			flags = 1
			# A bare Fl is a lone dash.
			if (i == n || tok[i + 1] ~ /^[A-Z][a-z]$/)
				word("-")
		} else if (t == "Ar" || t == "Cm") {
			flags = 0
		} else if (t == "Ns") {
			nospace = 1
		} else if (t ~ /^[A-Z][a-z]$/) {
			print FILENAME ": unknown macro " t " in SYNOPSIS" >"/dev/stderr"
			bad = 1
		} else if (t ~ /^[.,:;)\]?!]$/) {
			out = out t	# closing punctuation sticks to what precedes it
		} else {
			word(flags && t != "|" ? "-" t : t)
		}
	}
	while (open-- > 0)
		out = out "]"
	next
}
{ word($0) }
END {
	if (out != "")
		print out
	exit bad
}
