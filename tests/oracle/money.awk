# money.awk: money as the oracles read and print it, integer cents (for
# awk -f money.awk -f ORACLE.awk).
function cents(s,    neg, p, whole, frac) {
	neg = substr(s, 1, 1) == "-"
	if (neg) s = substr(s, 2)
	p = index(s, ".")
	if (p == 0) { whole = s; frac = "00" }
	else { whole = substr(s, 1, p - 1); frac = substr(s, p + 1) "00"; frac = substr(frac, 1, 2) }
	return (neg ? -1 : 1) * (whole * 100 + frac)
}
function money(c,    neg) {
	neg = c < 0; if (neg) c = -c
	return sprintf("%s%d.%02d", neg ? "-" : "", int(c / 100), c % 100)
}
