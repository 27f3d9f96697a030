-- perf-duckdb.sql: perf-report's fourteen figures by rep, in DuckDB, as
-- tests/oracle/perf.awk computes them (the same definitions, integer cents
-- throughout), for scripts/bench to time DuckDB beside perf-report.
-- scripts/bench fills in the files and the period:
--   @DEALS@ @ACTS@   the ledger files, as a list of quoted paths
--   @STAGES@ @QUOTAS@  stages.tsv and quotas.tsv
--   @FROM@ @TO@ @TODAY@  the period (inclusive) and today, ISO dates
-- Prints rep quota won cancelled net_won attainment expected pace
-- won_deals lost_deals win_rate avg_deal cycle_days pipeline weighted
-- activities (TSV, no
-- header, in no order).  A deal's state is its event of the latest date up
-- to the period's end: generated deals never have two events on one day.
-- Quoting is off, as the ledgers escape with backslashes only.

CREATE MACRO money(c) AS
    CASE WHEN c < 0 THEN '-' ELSE '' END || CAST(abs(c) // 100 AS VARCHAR) || '.' ||
    lpad(CAST(abs(c) % 100 AS VARCHAR), 2, '0');
-- num/den rounded half away from zero (den > 0)
CREATE MACRO rdiv(num, den) AS
    CASE WHEN num >= 0 THEN (2 * num + den) // (2 * den)
    ELSE -((-2 * num + den) // (2 * den)) END;
CREATE MACRO permille_s(pm) AS
    CASE WHEN pm < 0 THEN '-' ELSE '' END || CAST(abs(pm) // 10 AS VARCHAR) || '.' ||
    CAST(abs(pm) % 10 AS VARCHAR);
CREATE MACRO permille(num, den) AS
    CASE WHEN den = 0 THEN NULL ELSE permille_s(rdiv(num * 1000, den)) END;

WITH p AS (SELECT DATE '@FROM@' AS f, DATE '@TO@' AS t, DATE '@TODAY@' AS today),
deals AS (
	SELECT "date" AS dt, deal, event, rep, CAST(amount * 100 AS BIGINT) AS c, stage,
	    opened
	FROM read_csv([@DEALS@], delim = '\t', header = true, quote = '', escape = '',
	    auto_detect = false, columns = {'date': 'DATE', 'deal': 'VARCHAR',
	    'event': 'VARCHAR', 'rep': 'VARCHAR', 'account': 'VARCHAR', 'product': 'VARCHAR',
	    'amount': 'DECIMAL(18,2)', 'stage': 'VARCHAR', 'expected': 'VARCHAR',
	    'ref': 'VARCHAR', 'reason': 'VARCHAR', 'note': 'VARCHAR', 'opened': 'DATE'}), p
	WHERE "date" <= p.t),
acts AS (
	SELECT rep, count(*) AS n
	FROM read_csv([@ACTS@], delim = '\t', header = true, quote = '', escape = '',
	    auto_detect = false, columns = {'date': 'DATE', 'rep': 'VARCHAR',
	    'kind': 'VARCHAR', 'account': 'VARCHAR', 'deal': 'VARCHAR', 'minutes': 'VARCHAR',
	    'ref': 'VARCHAR', 'note': 'VARCHAR'}), p
	WHERE "date" >= p.f AND "date" <= p.t
	GROUP BY rep),
stages AS (
	SELECT stage, probability, state
	FROM read_csv('@STAGES@', delim = '\t', header = true, quote = '', escape = '',
	    auto_detect = false, columns = {'stage': 'VARCHAR', 'order': 'INTEGER',
	    'probability': 'BIGINT', 'category': 'VARCHAR', 'state': 'VARCHAR'})),
quotas AS (
	SELECT rep, CAST(target * 100 AS BIGINT) AS c, CAST(period || '-01' AS DATE) AS mf,
	    last_day(CAST(period || '-01' AS DATE)) AS mt
	FROM read_csv('@QUOTAS@', delim = '\t', header = true, quote = '', escape = '',
	    auto_detect = false, columns = {'period': 'VARCHAR', 'rep': 'VARCHAR',
	    'team': 'VARCHAR', 'metric': 'VARCHAR', 'target': 'DECIMAL(18,2)'})
	WHERE metric = 'revenue' AND rep IS NOT NULL AND length(period) = 7),
-- each monthly row's days inside the period: the whole target when the
-- month is inside, else target x days inside / days of the month, rounded
-- half away from zero (targets are not negative)
q AS (
	SELECT rep, sum((2 * c * (datediff('day', greatest(mf, p.f), least(mt, p.t)) + 1) +
	    (datediff('day', mf, mt) + 1)) // (2 * (datediff('day', mf, mt) + 1))) AS quota,
	    NULL AS qf, NULL AS qt
	FROM quotas, p WHERE mf <= p.t AND mt >= p.f GROUP BY rep),
state AS (
	SELECT arg_max({'rep': rep, 'c': c, 'stage': stage, 'event': event}, dt) AS s
	FROM deals GROUP BY deal),
pipe AS (
	SELECT s.rep AS rep, sum(s.c) AS pipe, sum(s.c * probability) AS wsum
	FROM state JOIN stages ON stages.stage = s.stage
	WHERE s.event NOT IN ('won', 'lost', 'cancel') AND state = 'open'
	GROUP BY s.rep),
-- each deal's win, to tell a cancel of the period's win from one of an
-- earlier win (perf-report(1))
wins AS (SELECT deal, max(dt) AS wdt FROM deals WHERE event = 'won' GROUP BY deal),
-- the period's wins cancelled in it: they count nowhere
undone AS (
	SELECT d.deal FROM deals d JOIN wins USING (deal) CROSS JOIN p
	WHERE d.event = 'cancel' AND d.dt >= p.f AND wins.wdt >= p.f),
marked AS (
	SELECT deals.*, deal IN (SELECT deal FROM undone) AS gone,
	    coalesce((SELECT wdt FROM wins WHERE wins.deal = deals.deal), DATE '0001-01-01')
		AS wdt
	FROM deals),
-- the period's closing events, by every rep with an event up to its end
period_figs AS (
	SELECT rep,
	    sum(c) FILTER (WHERE event = 'won' AND dt >= p.f AND NOT gone) AS won_c,
	    sum(c) FILTER (WHERE event = 'cancel' AND dt >= p.f AND wdt < p.f) AS cancel_c,
	    count(*) FILTER (WHERE event = 'won' AND dt >= p.f AND NOT gone) AS wc,
	    count(*) FILTER (WHERE event = 'lost' AND dt >= p.f) AS lc,
	    CAST(round(2 * median(dt - opened) FILTER (WHERE event = 'won' AND dt >= p.f
		AND NOT gone)) AS BIGINT) AS m2
	FROM marked, p
	GROUP BY rep),
who AS (
	SELECT rep FROM period_figs UNION SELECT rep FROM acts UNION SELECT rep FROM q),
figs AS (
	SELECT who.rep, q.quota,
	    coalesce(won_c, 0) AS won, coalesce(cancel_c, 0) AS cancelled,
	    coalesce(period_figs.wc, 0) AS wc, coalesce(period_figs.lc, 0) AS lc,
	    period_figs.m2, coalesce(pipe.pipe, 0) AS pipe, coalesce(pipe.wsum, 0) AS wsum,
	    coalesce(acts.n, 0) AS acts,
	    CAST(coalesce(q.qt, p.t) - coalesce(q.qf, p.f) + 1 AS BIGINT) AS tot,
	    CAST(least(greatest(p.today - coalesce(q.qf, p.f) + 1, 0),
		coalesce(q.qt, p.t) - coalesce(q.qf, p.f) + 1) AS BIGINT) AS el
	FROM who CROSS JOIN p LEFT JOIN q USING (rep) LEFT JOIN period_figs USING (rep)
	    LEFT JOIN pipe USING (rep) LEFT JOIN acts USING (rep)),
shown AS (
	SELECT *, CASE WHEN quota IS NULL THEN NULL ELSE rdiv(quota * el, tot) END AS e
	FROM figs)
SELECT rep, money(quota), money(won), money(cancelled), money(won - cancelled),
    permille(won, quota), money(e),
    CASE WHEN e IS NULL THEN NULL WHEN won >= e THEN 'on-track'
	WHEN won * 10 < e * 9 THEN 'behind' ELSE 'at-risk' END,
    CAST(wc AS VARCHAR), CAST(lc AS VARCHAR), permille(wc, wc + lc),
    CASE WHEN wc = 0 THEN NULL ELSE money(rdiv(won, wc)) END,
    CASE WHEN m2 IS NULL THEN NULL WHEN m2 % 2 = 1 THEN CAST(m2 // 2 AS VARCHAR) || '.5'
	ELSE CAST(m2 // 2 AS VARCHAR) END,
    money(pipe), money(rdiv(wsum, 100)), CAST(acts AS VARCHAR)
FROM shown;
