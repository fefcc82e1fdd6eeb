-- mart_meetings_by_partner: mart_meetings unnested to one row per meeting and partner country,
-- for charts and pivots of meetings per partner over time. Meetings without a partner
-- country in their name have no row here.
-- Lines starting with two dashes are dropped and the file is split on semicolons: no
-- semicolon inside a string literal or an end-of-line comment.

CREATE OR REPLACE VIEW mart_meetings_by_partner AS
WITH
-- import
meetings_src AS (SELECT * FROM mart_meetings),
-- unnest the two parallel lists together
unnested AS (
    SELECT
        doc_id,
        meeting_name,
        ordinal,
        meeting_label,
        unnest(partner_iso2) AS partner_iso2,
        unnest(partner_countries) AS partner_country,
        partner_count,
        event_date,
        published_date,
        year
    FROM meetings_src
),
-- final
final AS (
    SELECT
        doc_id,
        meeting_name,
        ordinal,
        meeting_label,
        partner_iso2,
        partner_country,
        partner_count > 1 AS multilateral,
        event_date,
        CAST(date_trunc('month', event_date) AS DATE) AS event_month,
        CAST(year(event_date) AS VARCHAR) AS event_year,
        published_date,
        year
    FROM unnested
)
SELECT * FROM final;

COMMENT ON VIEW mart_meetings_by_partner IS 'One row per meeting (row of mart_meetings) and partner country named in the meeting name. Meetings without a partner country have no row.';
COMMENT ON COLUMN mart_meetings_by_partner.doc_id IS 'Release that names the meeting.';
COMMENT ON COLUMN mart_meetings_by_partner.meeting_name IS 'Meeting name without the ordinal phrase.';
COMMENT ON COLUMN mart_meetings_by_partner.ordinal IS 'The meeting number.';
COMMENT ON COLUMN mart_meetings_by_partner.meeting_label IS 'meeting_name followed by ครั้งที่ and the ordinal.';
COMMENT ON COLUMN mart_meetings_by_partner.partner_iso2 IS 'ISO alpha-2 code of one partner country.';
COMMENT ON COLUMN mart_meetings_by_partner.partner_country IS 'English name of the partner country (the code when no name is known).';
COMMENT ON COLUMN mart_meetings_by_partner.multilateral IS 'True when the meeting names more than one partner country.';
COMMENT ON COLUMN mart_meetings_by_partner.event_date IS 'Meeting date from the text, else the published date of the release.';
COMMENT ON COLUMN mart_meetings_by_partner.event_month IS 'First day of the month of event_date.';
COMMENT ON COLUMN mart_meetings_by_partner.event_year IS 'Year of event_date as text, NULL when unknown.';
COMMENT ON COLUMN mart_meetings_by_partner.published_date IS 'Date the release was posted.';
COMMENT ON COLUMN mart_meetings_by_partner.year IS 'Partition key of the release: published year as text, or unknown.';
