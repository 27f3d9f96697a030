# ics.awk: an iCalendar (RFC 5545) file checked line by line, apart from
# the program that wrote it.  Physical lines end in CRLF and are at most 75
# octets; a line that starts with a space or tab continues the one before
# (unfolded here).  The calendar opens with BEGIN:VCALENDAR, holds VERSION
# 2.0 and a PRODID, and closes with END:VCALENDAR, which ends the file;
# components nest; every VEVENT has one UID (unique in the file), one
# DTSTAMP in UTC (19970610T172345Z), one DTSTART; a property line is
# NAME[;PARAM=VALUE...]:VALUE.
# No fold splits a UTF-8 character.
# Prints one line per VEVENT: UID, DTSTART's value, STATUS, SUMMARY, tab
# separated, and exits 1 after the first problems it names on stderr.
# Run with LC_ALL=C so lengths are octets.
function bad(why) { print "ics.awk: line " NR ": " why > "/dev/stderr"; errors++ }
function prop(l,   name, colon) {
	nprops++
	if (l !~ /^[A-Za-z0-9-]+(;[A-Za-z0-9-]+=("[^"]*"|[^";:,]*)(,("[^"]*"|[^";:,]*))*)*:/) {
		bad("not NAME[;PARAM=VALUE]:VALUE: " l); return
	}
	colon = index(l, ":"); name = substr(l, 1, colon - 1); sub(/;.*/, "", name)
	name = toupper(name); value = substr(l, colon + 1)
	if (name == "BEGIN") { stack[++depth] = value; if (depth == 1 && value != "VCALENDAR") bad("first BEGIN is not VCALENDAR")
		if (value == "VEVENT") { uid = ""; stamp = 0; start = ""; status = ""; summary = ""; nuid = 0 }
		return }
	if (name == "END") {
		if (depth == 0 || stack[depth] != value) { bad("END:" value " closes " stack[depth]); return }
		if (value == "VEVENT") {
			if (nuid != 1) bad("a VEVENT with " nuid " UIDs")
			if (stamp != 1) bad("a VEVENT with " stamp " DTSTAMPs")
			if (start == "") bad("a VEVENT without DTSTART")
			if (uid in seen) bad("UID " uid " twice")
			seen[uid] = 1; events++
			print uid "\t" start "\t" status "\t" summary
		}
		if (--depth == 0) closed = NR
		return }
	if (depth == 0) { bad("a property outside VCALENDAR: " l); return }
	if (depth == 1 && name == "VERSION") version = value
	if (depth == 1 && name == "PRODID") prodid = value
	if (stack[depth] != "VEVENT") return
	if (name == "UID") { uid = value; nuid++ }
	if (name == "DTSTAMP") { stamp++; if (value !~ /^[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z$/) bad("DTSTAMP " value " is not UTC") }
	if (name == "DTSTART") start = value
	if (name == "STATUS") status = value
	if (name == "SUMMARY") summary = value
}
BEGIN { RS = "\n" }
{
	if (substr($0, length($0)) != "\r") bad("no CRLF")
	else $0 = substr($0, 1, length($0) - 1)
	if (length($0) > 75) bad(length($0) " octets, more than 75")
	if (closed) bad("text after END:VCALENDAR")
	if ($0 ~ /^[ \t]/) {
		if (NR == 1) bad("a continuation first")
		# RFC 5545 3.1: a fold should not split a UTF-8 character.
		if (substr($0, 2, 1) ~ /[\200-\277]/) bad("a fold inside a UTF-8 character")
		line = line substr($0, 2); next
	}
	if (NR > 1) prop(line)
	line = $0
}
END {
	if (NR == 0) { bad("empty"); exit 1 }
	prop(line)
	if (depth != 0) bad("VCALENDAR not closed")
	if (version != "2.0") bad("VERSION is not 2.0")
	if (prodid == "") bad("no PRODID")
	exit errors > 0
}
