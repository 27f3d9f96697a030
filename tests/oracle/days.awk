# days.awk: day numbers for the oracles and generators that count days,
# loaded before them with another -f: days(y, m, d) and
# iso("2026-11-26") are the days since 1970-01-01 by civil arithmetic,
# for any month number m of 1-12.
function days(y, m, d,    era, yoe, doy) {
	if (m <= 2) y--
	era = int(y / 400); yoe = y - era * 400
	doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
	return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468
}
function iso(s) { return days(substr(s, 1, 4) + 0, substr(s, 6, 2) + 0, substr(s, 9, 2) + 0) }
