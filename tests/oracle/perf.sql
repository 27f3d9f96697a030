-- perf.sql: a second independent computation of part of perf-report's
-- figures, in sqlite3, by rep: won (the won events of the period less
-- those whose deal was cancelled in it, in integer cents), won_deals (the
-- same wins, counted), lost_deals and activities over a period.
--
-- It declares the tables with the ledgers' columns and a view; the caller
-- imports the files (skipping each one's header), sets the period and
-- selects the view, all in one sqlite3 run (scripts/bench does this):
--
--   { cat perf.sql
--     echo ".import --skip 1 DIR/reps.tsv reps"
--     for f in DIR/deals/*.tsv; do echo ".import --skip 1 $f deals"; done
--     for f in DIR/activities/*.tsv; do echo ".import --skip 1 $f activities"; done
--     echo "INSERT INTO period VALUES ('2024-12-01', '2026-11-26');"
--     echo "SELECT * FROM perf;"
--   } | sqlite3
--
-- Prints rep won won_deals lost_deals activities (TSV, no header, by rep).
-- The reps are those active in reps.tsv and any other with a closed deal
-- or an activity in the period; perf-report also shows an inactive rep
-- with an open deal, which generated data never has (every rep is active).
-- `.mode tabs` imports as CSV with a tab separator, so a field starting
-- with a double quote would be read differently from the ledger's own
-- escaping; sales-gen writes none.
.mode tabs
.headers off

CREATE TABLE reps (rep TEXT, name TEXT, email TEXT, team TEXT, role TEXT,
    manager TEXT, hired TEXT, status TEXT, ended TEXT, region TEXT, plan TEXT,
    capacity TEXT);
CREATE TABLE deals (date TEXT, deal TEXT, event TEXT, rep TEXT, account TEXT,
    product TEXT, amount TEXT, stage TEXT, expected TEXT, ref TEXT,
    reason TEXT, note TEXT, opened TEXT);
CREATE TABLE activities (date TEXT, rep TEXT, kind TEXT, account TEXT,
    deal TEXT, minutes TEXT, ref TEXT, note TEXT);
CREATE TABLE period (first TEXT, last TEXT);	-- one row, ISO dates, inclusive

CREATE VIEW perf AS
WITH p AS (SELECT first, last FROM period LIMIT 1),
-- the closing events of the period, amount split into sign and digits
closing AS (
	SELECT rep, deal, event, CASE WHEN amount LIKE '-%' THEN -1 ELSE 1 END AS sgn,
	    ltrim(amount, '-') AS a
	FROM deals, p
	WHERE date >= p.first AND date <= p.last AND event IN ('won', 'lost', 'cancel')),
-- money as integer cents, never a float: "1234.5" is 123450
cents AS (
	SELECT rep, deal, event, sgn * CASE instr(a, '.')
	    WHEN 0 THEN CAST(a AS INTEGER) * 100
	    ELSE CAST(substr(a, 1, instr(a, '.') - 1) AS INTEGER) * 100 +
		CAST(substr(substr(a, instr(a, '.') + 1) || '00', 1, 2) AS INTEGER)
	    END AS c
	FROM closing),
-- a win of the period cancelled in it counts nowhere (perf-report(1))
undone AS (
	SELECT DISTINCT deal FROM deals, p
	WHERE event = 'cancel' AND date >= p.first AND date <= p.last),
deal_figs AS (
	SELECT rep,
	    sum(CASE WHEN event = 'won' AND deal NOT IN undone THEN c ELSE 0 END) AS won,
	    sum(event = 'won' AND deal NOT IN undone) AS won_deals,
	    sum(event = 'lost') AS lost_deals
	FROM cents GROUP BY rep),
act_figs AS (
	SELECT rep, count(*) AS n
	FROM activities, p
	WHERE date >= p.first AND date <= p.last
	GROUP BY rep),
who AS (
	SELECT rep FROM reps WHERE status = 'active'
	UNION SELECT rep FROM deal_figs
	UNION SELECT rep FROM act_figs),
figs AS (
	SELECT who.rep AS rep, coalesce(won, 0) AS won, coalesce(won_deals, 0) AS won_deals,
	    coalesce(lost_deals, 0) AS lost_deals, coalesce(n, 0) AS activities
	FROM who LEFT JOIN deal_figs USING (rep) LEFT JOIN act_figs USING (rep))
SELECT rep, printf('%s%d.%02d', CASE WHEN won < 0 THEN '-' ELSE '' END,
	    abs(won) / 100, abs(won) % 100) AS won,
    won_deals, lost_deals, activities
FROM figs ORDER BY rep;
