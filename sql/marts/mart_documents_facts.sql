-- mart_documents_facts: one row per release with its page metadata and how many mentions of
-- each kind the extractors found in it. The grain is the document (doc_id is unique).
-- Shape: import CTEs (one per staging view) -> renamed/aggregated CTEs -> final select.
-- Note for editors: lines starting with two dashes are dropped, then the file is split on
-- semicolons, so never put a semicolon inside a string literal or an end-of-line comment.

CREATE OR REPLACE VIEW mart_documents_facts AS
WITH
-- import
documents_src AS (SELECT * FROM documents),
sentences_src AS (SELECT * FROM sentences),
tokens_src AS (SELECT * FROM tokens),
date_mentions_src AS (SELECT * FROM date_mentions),
money_mentions_src AS (SELECT * FROM money_mentions),
person_mentions_src AS (SELECT * FROM person_mentions),
country_mentions_src AS (SELECT * FROM country_mentions),
meetings_src AS (SELECT * FROM meetings),
acronyms_src AS (SELECT * FROM acronyms),
-- rename
releases AS (
    SELECT
        doc_id,
        title,
        published_date,
        CAST(date_trunc('month', published_date) AS DATE) AS published_month,
        year,
        profile,
        category,
        source_uri,
        source_url,
        char_count
    FROM documents_src
),
-- aggregate each staging table to the document grain
sentence_counts AS (
    SELECT doc_id, count(*) AS sentence_count FROM sentences_src GROUP BY doc_id
),
token_counts AS (
    SELECT
        doc_id,
        count(*) AS token_count,
        count(*) FILTER (WHERE pos IS DISTINCT FROM 'PUNCT' AND NOT regexp_full_match(token, '[\pP\pS\pZ\s\x{200b}\x{feff}]*')) AS word_count
    FROM tokens_src
    GROUP BY doc_id
),
date_counts AS (
    SELECT doc_id, count(*) AS date_mention_count FROM date_mentions_src GROUP BY doc_id
),
money_counts AS (
    SELECT doc_id, count(*) AS money_mention_count FROM money_mentions_src GROUP BY doc_id
),
person_counts AS (
    SELECT doc_id, count(*) AS person_count FROM person_mentions_src GROUP BY doc_id
),
country_counts AS (
    SELECT
        doc_id,
        count(*) AS country_mention_count,
        count(DISTINCT iso2) AS country_count,
        list(DISTINCT iso2 ORDER BY iso2) AS countries,
        list(DISTINCT iso2 ORDER BY iso2) FILTER (WHERE iso2 <> 'TH') AS foreign_countries
    FROM country_mentions_src
    GROUP BY doc_id
),
meeting_counts AS (
    SELECT doc_id, count(*) AS meeting_count FROM meetings_src GROUP BY doc_id
),
acronym_counts AS (
    SELECT doc_id, count(*) AS acronym_count FROM acronyms_src GROUP BY doc_id
),
-- final
final AS (
    SELECT
        r.doc_id,
        r.title,
        r.published_date,
        r.published_month,
        r.year,
        r.profile,
        r.category,
        r.source_uri,
        r.source_url,
        r.char_count,
        coalesce(s.sentence_count, 0) AS sentence_count,
        coalesce(t.token_count, 0) AS token_count,
        coalesce(t.word_count, 0) AS word_count,
        coalesce(dm.date_mention_count, 0) AS date_mention_count,
        coalesce(mm.money_mention_count, 0) AS money_mention_count,
        coalesce(pm.person_count, 0) AS person_count,
        coalesce(cm.country_mention_count, 0) AS country_mention_count,
        coalesce(cm.country_count, 0) AS country_count,
        coalesce(cm.countries, CAST([] AS VARCHAR[])) AS countries,
        coalesce(cm.foreign_countries, CAST([] AS VARCHAR[])) AS foreign_countries,
        coalesce(mt.meeting_count, 0) AS meeting_count,
        coalesce(ac.acronym_count, 0) AS acronym_count,
        coalesce(dm.date_mention_count, 0) + coalesce(mm.money_mention_count, 0) + coalesce(pm.person_count, 0)
            + coalesce(cm.country_mention_count, 0) + coalesce(mt.meeting_count, 0) + coalesce(ac.acronym_count, 0) AS mention_count
    FROM releases AS r
    LEFT JOIN sentence_counts AS s USING (doc_id)
    LEFT JOIN token_counts AS t USING (doc_id)
    LEFT JOIN date_counts AS dm USING (doc_id)
    LEFT JOIN money_counts AS mm USING (doc_id)
    LEFT JOIN person_counts AS pm USING (doc_id)
    LEFT JOIN country_counts AS cm USING (doc_id)
    LEFT JOIN meeting_counts AS mt USING (doc_id)
    LEFT JOIN acronym_counts AS ac USING (doc_id)
)
SELECT * FROM final;

COMMENT ON VIEW mart_documents_facts IS 'One row per release (doc_id is unique): page metadata and the number of mentions of each kind found in it. Counts are 0, never NULL, when nothing was found.';
COMMENT ON COLUMN mart_documents_facts.doc_id IS 'Document key (documents.doc_id).';
COMMENT ON COLUMN mart_documents_facts.title IS 'Headline of the release (documents.title).';
COMMENT ON COLUMN mart_documents_facts.published_date IS 'Date the release was posted, NULL when the page gives none.';
COMMENT ON COLUMN mart_documents_facts.published_month IS 'First day of the month of published_date (DATE), NULL when undated.';
COMMENT ON COLUMN mart_documents_facts.year IS 'Partition key: published year as text, or unknown when undated.';
COMMENT ON COLUMN mart_documents_facts.profile IS 'Page format recognised: mfa, thaigov, news or generic.';
COMMENT ON COLUMN mart_documents_facts.category IS 'Site category or section printed on the page.';
COMMENT ON COLUMN mart_documents_facts.source_uri IS 'Path of the first file the text was read from.';
COMMENT ON COLUMN mart_documents_facts.source_url IS 'Original URL printed on the page.';
COMMENT ON COLUMN mart_documents_facts.char_count IS 'Length of the cleaned body in characters.';
COMMENT ON COLUMN mart_documents_facts.sentence_count IS 'Sentences of the body (rows of sentences).';
COMMENT ON COLUMN mart_documents_facts.token_count IS 'Tokens of the body, whitespace excluded (rows of tokens).';
COMMENT ON COLUMN mart_documents_facts.word_count IS 'Tokens that are words: neither tagged PUNCT nor made only of punctuation, symbols or whitespace. The document length search_documents uses.';
COMMENT ON COLUMN mart_documents_facts.date_mention_count IS 'Rows of date_mentions for the release.';
COMMENT ON COLUMN mart_documents_facts.money_mention_count IS 'Rows of money_mentions for the release.';
COMMENT ON COLUMN mart_documents_facts.person_count IS 'Distinct people named (rows of person_mentions, one per person per release).';
COMMENT ON COLUMN mart_documents_facts.country_mention_count IS 'Rows of country_mentions (every mention, repeats included).';
COMMENT ON COLUMN mart_documents_facts.country_count IS 'Distinct countries named.';
COMMENT ON COLUMN mart_documents_facts.countries IS 'ISO alpha-2 codes of the countries named, sorted, empty list when none.';
COMMENT ON COLUMN mart_documents_facts.foreign_countries IS 'countries without Thailand (TH).';
COMMENT ON COLUMN mart_documents_facts.meeting_count IS 'Rows of meetings (distinct numbered meetings named).';
COMMENT ON COLUMN mart_documents_facts.acronym_count IS 'Rows of acronyms (acronyms defined next to their long form).';
COMMENT ON COLUMN mart_documents_facts.mention_count IS 'Sum of the six mention counts: dates, money, people, countries, meetings and acronyms.';
