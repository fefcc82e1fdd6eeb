-- mart_partner_mentions_monthly: how often each country is named per month of publication.
-- Grain: (month, iso2). Thailand is kept (is_foreign = false) so shares can be computed
-- against it. Undated releases fall under month NULL.
-- Lines starting with two dashes are dropped and the file is split on semicolons: no
-- semicolon inside a string literal or an end-of-line comment.

CREATE OR REPLACE VIEW mart_partner_mentions_monthly AS
WITH
-- import
country_mentions_src AS (SELECT * FROM country_mentions),
documents_src AS (SELECT * FROM documents),
-- rename
releases AS (
    SELECT doc_id, CAST(date_trunc('month', published_date) AS DATE) AS month
    FROM documents_src
),
mentions AS (
    SELECT c.doc_id, c.iso2, c.country, r.month
    FROM country_mentions_src AS c
    JOIN releases AS r USING (doc_id)
),
-- aggregate
releases_per_month AS (
    SELECT month, count(*) AS releases_in_month FROM releases GROUP BY month
),
per_country AS (
    SELECT
        month,
        iso2,
        min(country) AS country,
        count(*) AS mention_count,
        count(DISTINCT doc_id) AS release_count
    FROM mentions
    GROUP BY month, iso2
),
-- final
final AS (
    SELECT
        p.month,
        CAST(year(p.month) AS VARCHAR) AS year,
        p.iso2,
        p.country,
        p.iso2 <> 'TH' AS is_foreign,
        p.mention_count,
        p.release_count,
        r.releases_in_month,
        p.release_count / r.releases_in_month AS release_share
    FROM per_country AS p
    JOIN releases_per_month AS r ON r.month IS NOT DISTINCT FROM p.month
)
SELECT * FROM final;

COMMENT ON VIEW mart_partner_mentions_monthly IS 'Country mentions per month of publication: one row per month and country named that month. Thailand included (is_foreign false). Undated releases are under month NULL.';
COMMENT ON COLUMN mart_partner_mentions_monthly.month IS 'First day of the month the releases were published, NULL for undated releases.';
COMMENT ON COLUMN mart_partner_mentions_monthly.year IS 'Year of month as text, NULL for undated releases.';
COMMENT ON COLUMN mart_partner_mentions_monthly.iso2 IS 'ISO 3166-1 alpha-2 code of the country.';
COMMENT ON COLUMN mart_partner_mentions_monthly.country IS 'English short name of the country.';
COMMENT ON COLUMN mart_partner_mentions_monthly.is_foreign IS 'False for Thailand (TH), true for every other country.';
COMMENT ON COLUMN mart_partner_mentions_monthly.mention_count IS 'Mentions of the country that month (repeats within a release counted).';
COMMENT ON COLUMN mart_partner_mentions_monthly.release_count IS 'Releases of that month naming the country at least once.';
COMMENT ON COLUMN mart_partner_mentions_monthly.releases_in_month IS 'All releases published that month, naming the country or not.';
COMMENT ON COLUMN mart_partner_mentions_monthly.release_share IS 'release_count / releases_in_month: share of the month''s releases naming the country.';
