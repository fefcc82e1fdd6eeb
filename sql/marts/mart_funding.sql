-- mart_funding: amounts of money by currency, partner country and month of the release.
-- An amount restated in the same release (same amount and currency, e.g. in the lead and
-- again in the body) counts once. Each amount is attributed to exactly one partner (or
-- none), so summing total_amount over partners and months gives the total per currency.
-- The partner, looked for around the first mention of the amount:
--   1. the foreign country (not TH) named nearest to the amount in the same sentence,
--   2. else the foreign country named most often in the release (ties: first named),
--   3. else no partner (partner_iso2 NULL).
-- Amounts of different currencies are never added together.
-- Lines starting with two dashes are dropped and the file is split on semicolons: no
-- semicolon inside a string literal or an end-of-line comment.

CREATE OR REPLACE VIEW mart_funding AS
WITH
-- import
money_mentions_src AS (SELECT * FROM money_mentions),
country_mentions_src AS (SELECT * FROM country_mentions),
sentences_src AS (SELECT * FROM sentences),
documents_src AS (SELECT * FROM documents),
-- rename, one row per distinct amount of a release
money AS (
    SELECT
        m.doc_id,
        m.amount,
        m.currency,
        CAST(date_trunc('month', d.published_date) AS DATE) AS month,
        min(m.char_start) AS char_start,
        count(*) AS mentions
    FROM money_mentions_src AS m
    JOIN documents_src AS d USING (doc_id)
    GROUP BY m.doc_id, m.amount, m.currency, d.published_date
),
foreign_countries AS (
    SELECT doc_id, iso2, country, char_start
    FROM country_mentions_src
    WHERE iso2 <> 'TH'
),
country_names AS (
    SELECT iso2, min(country) AS country FROM country_mentions_src GROUP BY iso2
),
-- 1. nearest foreign country in the sentence holding the amount
money_sentences AS (
    SELECT mo.doc_id, mo.char_start, s.char_start AS sentence_start, s.char_end AS sentence_end
    FROM money AS mo
    JOIN sentences_src AS s ON s.doc_id = mo.doc_id AND mo.char_start >= s.char_start AND mo.char_start < s.char_end
),
sentence_partner AS (
    SELECT
        ms.doc_id,
        ms.char_start,
        arg_min(fc.iso2, (abs(fc.char_start - ms.char_start), fc.char_start)) AS iso2
    FROM money_sentences AS ms
    JOIN foreign_countries AS fc
        ON fc.doc_id = ms.doc_id AND fc.char_start >= ms.sentence_start AND fc.char_start < ms.sentence_end
    GROUP BY ms.doc_id, ms.char_start
),
-- 2. foreign country named most often in the release
document_partner AS (
    SELECT doc_id, arg_max(iso2, (n, -first_start)) AS iso2
    FROM (
        SELECT doc_id, iso2, count(*) AS n, min(char_start) AS first_start
        FROM foreign_countries
        GROUP BY doc_id, iso2
    )
    GROUP BY doc_id
),
attributed AS (
    SELECT
        mo.doc_id,
        mo.amount,
        mo.currency,
        mo.month,
        mo.mentions,
        coalesce(sp.iso2, dp.iso2) AS partner_iso2,
        CASE WHEN sp.iso2 IS NOT NULL THEN 'sentence' WHEN dp.iso2 IS NOT NULL THEN 'release' ELSE 'none' END AS attribution
    FROM money AS mo
    LEFT JOIN sentence_partner AS sp ON sp.doc_id = mo.doc_id AND sp.char_start = mo.char_start
    LEFT JOIN document_partner AS dp ON dp.doc_id = mo.doc_id
),
-- final
final AS (
    SELECT
        a.month,
        a.currency,
        a.partner_iso2,
        coalesce(cn.country, a.partner_iso2) AS partner_country,
        sum(a.amount) AS total_amount,
        count(*) AS amount_count,
        sum(a.mentions) AS mention_count,
        count(DISTINCT a.doc_id) AS release_count,
        count(*) FILTER (WHERE a.attribution = 'sentence') AS attributed_by_sentence,
        list(DISTINCT a.doc_id ORDER BY a.doc_id) AS doc_ids
    FROM attributed AS a
    LEFT JOIN country_names AS cn ON cn.iso2 = a.partner_iso2
    GROUP BY a.month, a.currency, a.partner_iso2, cn.country
)
SELECT * FROM final;

COMMENT ON VIEW mart_funding IS 'Money by currency, partner country and month of the release. Every distinct amount of a release counts once (restatements in the same release are not added again), under one partner: the foreign country named nearest to its first mention in the same sentence, else the foreign country named most in the release, else none. Never sum across currencies.';
COMMENT ON COLUMN mart_funding.month IS 'First day of the month the release was published, NULL for undated releases.';
COMMENT ON COLUMN mart_funding.currency IS 'ISO 4217 currency code.';
COMMENT ON COLUMN mart_funding.partner_iso2 IS 'ISO alpha-2 code of the partner country, NULL when the release names no foreign country.';
COMMENT ON COLUMN mart_funding.partner_country IS 'English name of the partner country, NULL when there is none.';
COMMENT ON COLUMN mart_funding.total_amount IS 'Sum of the distinct amounts of each release, in units of currency.';
COMMENT ON COLUMN mart_funding.amount_count IS 'Distinct amounts summed (one per amount and release).';
COMMENT ON COLUMN mart_funding.mention_count IS 'Money mentions behind those amounts, restatements included.';
COMMENT ON COLUMN mart_funding.release_count IS 'Distinct releases the amounts come from.';
COMMENT ON COLUMN mart_funding.attributed_by_sentence IS 'Amounts whose partner was named in the same sentence as their first mention (the others were attributed from the whole release).';
COMMENT ON COLUMN mart_funding.doc_ids IS 'Keys of the releases the amounts come from, sorted.';
