# html-balance.awk: is an HTML page well-formed?  Every element opened is
# closed in order (void elements and "/>" need no close), nothing is open at
# the end, the page has one html, head and body, and every "&" starts an
# entity.  Text inside <style> and <script> is not looked at.  Prints what
# is wrong and exits 1; exits 0 on a good page.
#   awk -f html-balance.awk page.html
BEGIN {
	RS = "\001"
	split("area base br col embed hr img input link meta param source track wbr", v, " ")
	for (i in v) void[v[i]] = 1
}
function bad(why) { print FILENAME ": " why; fail = 1 }
{
	s = $0
	while ((i = index(s, "<")) > 0) {
		text = substr(s, 1, i - 1)
		if (text ~ /&/ && text !~ /^([^&]|&[a-zA-Z]+;|&#[0-9]+;|&#x[0-9a-fA-F]+;)*$/)
			bad("a bare & in '" substr(text, 1, 40) "'")
		s = substr(s, i)
		if (substr(s, 1, 4) == "<!--") { j = index(s, "-->"); s = substr(s, j + 3); continue }
		j = index(s, ">")
		if (j == 0) { bad("a tag never ends"); break }
		tag = substr(s, 2, j - 2); s = substr(s, j + 1)
		if (substr(tag, 1, 1) == "!") continue
		closing = substr(tag, 1, 1) == "/"
		self = substr(tag, length(tag)) == "/"
		name = tolower(tag); sub(/^\//, "", name); sub(/[ \t\n\/].*/, "", name)
		if (closing) {
			if (n == 0 || stack[n] != name) {
				bad("</" name "> closes <" (n ? stack[n] : "nothing") ">")
				break
			}
			n--
		} else if (!self && !(name in void)) {
			stack[++n] = name; seen[name]++
			if (name == "style" || name == "script") {
				j = index(s, "</" name ">")
				if (j == 0) { bad("<" name "> never ends"); break }
				s = substr(s, j)
			}
		}
	}
	if (n > 0 && !fail) bad("<" stack[n] "> is never closed")
	if (seen["html"] != 1 || seen["head"] != 1 || seen["body"] != 1)
		bad("not one html, head and body")
}
END { exit fail }
