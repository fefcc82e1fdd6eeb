-- mart_meetings: one row per meeting named in a release (the grain of the meetings view),
-- enriched with its partner countries, the date the text gives it and the release.
-- Shape: import CTEs -> renamed -> enrichment CTEs -> final select.
-- Lines starting with two dashes are dropped and the file is split on semicolons: no
-- semicolon inside a string literal or an end-of-line comment.

CREATE OR REPLACE VIEW mart_meetings AS
WITH
-- import
meetings_src AS (SELECT * FROM meetings),
documents_src AS (SELECT * FROM documents),
sentences_src AS (SELECT * FROM sentences),
date_mentions_src AS (SELECT * FROM date_mentions),
country_mentions_src AS (SELECT * FROM country_mentions),
-- rename
meeting_rows AS (
    SELECT
        doc_id,
        name AS meeting_name,
        ordinal,
        list_sort(list_distinct(partners)) AS partner_iso2,
        surface,
        char_start,
        char_end
    FROM meetings_src
),
releases AS (
    SELECT
        doc_id,
        title,
        published_date,
        CAST(date_trunc('month', published_date) AS DATE) AS published_month,
        year,
        profile,
        source_url
    FROM documents_src
),
-- English country names, as the country extractor writes them
country_names AS (
    SELECT iso2, min(country) AS country FROM country_mentions_src GROUP BY iso2
),
-- partners with their names, in the order of partner_iso2
partner_names AS (
    SELECT
        m.doc_id,
        m.char_start,
        m.meeting_name,
        m.ordinal,
        list(coalesce(c.country, p.iso2) ORDER BY p.iso2) AS partner_countries
    FROM meeting_rows AS m
    CROSS JOIN LATERAL (SELECT unnest(m.partner_iso2) AS iso2) AS p
    LEFT JOIN country_names AS c ON c.iso2 = p.iso2
    GROUP BY m.doc_id, m.char_start, m.meeting_name, m.ordinal
),
-- the sentence holding the start of the meeting mention
meeting_sentences AS (
    SELECT m.doc_id, m.char_start, m.meeting_name, m.ordinal, s.sentence_no, s.char_start AS sentence_start, s.char_end AS sentence_end
    FROM meeting_rows AS m
    JOIN sentences_src AS s ON s.doc_id = m.doc_id AND m.char_start >= s.char_start AND m.char_start < s.char_end
),
-- the day-precision date written nearest to the meeting in the same sentence
meeting_dates AS (
    SELECT
        ms.doc_id,
        ms.char_start,
        ms.meeting_name,
        ms.ordinal,
        arg_min(dm.date_value, (abs(dm.char_start - ms.char_start), dm.char_start, dm.date_value)) AS meeting_date
    FROM meeting_sentences AS ms
    JOIN date_mentions_src AS dm
        ON dm.doc_id = ms.doc_id AND dm.precision = 'day'
        AND dm.char_start >= ms.sentence_start AND dm.char_start < ms.sentence_end
    GROUP BY ms.doc_id, ms.char_start, ms.meeting_name, ms.ordinal
),
-- final
final AS (
    SELECT
        m.doc_id,
        m.meeting_name,
        m.ordinal,
        m.meeting_name || ' ครั้งที่ ' || CAST(m.ordinal AS VARCHAR) AS meeting_label,
        m.partner_iso2,
        coalesce(pn.partner_countries, CAST([] AS VARCHAR[])) AS partner_countries,
        len(m.partner_iso2) AS partner_count,
        md.meeting_date,
        r.published_date,
        r.published_month,
        coalesce(md.meeting_date, r.published_date) AS event_date,
        r.year,
        r.title,
        r.profile,
        r.source_url,
        m.surface,
        m.char_start,
        m.char_end
    FROM meeting_rows AS m
    JOIN releases AS r USING (doc_id)
    LEFT JOIN partner_names AS pn
        ON pn.doc_id = m.doc_id AND pn.char_start = m.char_start AND pn.meeting_name = m.meeting_name AND pn.ordinal = m.ordinal
    LEFT JOIN meeting_dates AS md
        ON md.doc_id = m.doc_id AND md.char_start = m.char_start AND md.meeting_name = m.meeting_name AND md.ordinal = m.ordinal
)
SELECT * FROM final;

COMMENT ON VIEW mart_meetings IS 'One row per numbered meeting named in a release (the grain of meetings), with its partner countries, the date the text gives it and the release it comes from.';
COMMENT ON COLUMN mart_meetings.doc_id IS 'Release that names the meeting (documents.doc_id).';
COMMENT ON COLUMN mart_meetings.meeting_name IS 'Meeting name without the ordinal phrase (meetings.name).';
COMMENT ON COLUMN mart_meetings.ordinal IS 'The meeting number (ครั้งที่ N).';
COMMENT ON COLUMN mart_meetings.meeting_label IS 'meeting_name followed by ครั้งที่ and the ordinal, for display.';
COMMENT ON COLUMN mart_meetings.partner_iso2 IS 'ISO alpha-2 codes of the countries named in the meeting name, distinct and sorted.';
COMMENT ON COLUMN mart_meetings.partner_countries IS 'English names of partner_iso2, in the same order (the code when no name is known).';
COMMENT ON COLUMN mart_meetings.partner_count IS 'Number of partner countries.';
COMMENT ON COLUMN mart_meetings.meeting_date IS 'Day-precision date written nearest to the meeting name in the same sentence, NULL when that sentence gives none.';
COMMENT ON COLUMN mart_meetings.published_date IS 'Date the release was posted.';
COMMENT ON COLUMN mart_meetings.published_month IS 'First day of the month of published_date.';
COMMENT ON COLUMN mart_meetings.event_date IS 'meeting_date when known, else published_date: the best date for timelines.';
COMMENT ON COLUMN mart_meetings.year IS 'Partition key of the release: published year as text, or unknown.';
COMMENT ON COLUMN mart_meetings.title IS 'Headline of the release.';
COMMENT ON COLUMN mart_meetings.profile IS 'Page format of the release: mfa, thaigov, news or generic.';
COMMENT ON COLUMN mart_meetings.source_url IS 'Original URL printed on the release page.';
COMMENT ON COLUMN mart_meetings.surface IS 'The meeting mention exactly as it stands in documents.body.';
COMMENT ON COLUMN mart_meetings.char_start IS 'Offset of the first character of the mention in documents.body.';
COMMENT ON COLUMN mart_meetings.char_end IS 'Offset one past the last character of the mention in documents.body.';
