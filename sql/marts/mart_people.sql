-- mart_people: one row per person (by name as extracted), with every position the releases
-- gave them, when they were first and last seen and in how many releases.
-- Shape: import CTEs -> renamed -> aggregated -> final select.
-- Lines starting with two dashes are dropped and the file is split on semicolons: no
-- semicolon inside a string literal or an end-of-line comment.

CREATE OR REPLACE VIEW mart_people AS
WITH
-- import
person_mentions_src AS (SELECT * FROM person_mentions),
documents_src AS (SELECT * FROM documents),
-- rename
mentions AS (
    SELECT
        p.name AS person_name,
        nullif(trim(p.honorific), '') AS honorific,
        nullif(trim(p.position), '') AS position,
        p.doc_id,
        d.published_date
    FROM person_mentions_src AS p
    JOIN documents_src AS d USING (doc_id)
),
-- one row per person and position, with the first release that gave it
positions AS (
    SELECT
        person_name,
        position,
        min(published_date) AS first_seen,
        min(doc_id) AS first_doc_id
    FROM mentions
    WHERE position IS NOT NULL
    GROUP BY person_name, position
),
position_lists AS (
    SELECT
        person_name,
        list(position ORDER BY first_seen NULLS LAST, first_doc_id, position) AS positions
    FROM positions
    GROUP BY person_name
),
people AS (
    SELECT
        person_name,
        count(DISTINCT doc_id) AS release_count,
        min(published_date) AS first_seen,
        max(published_date) AS last_seen,
        list(DISTINCT honorific ORDER BY honorific) FILTER (WHERE honorific IS NOT NULL) AS honorifics,
        list(position ORDER BY published_date DESC NULLS LAST, doc_id DESC) FILTER (WHERE position IS NOT NULL)[1] AS latest_position,
        list(DISTINCT doc_id ORDER BY doc_id) AS doc_ids
    FROM mentions
    GROUP BY person_name
),
-- final
final AS (
    SELECT
        p.person_name,
        coalesce(l.positions, CAST([] AS VARCHAR[])) AS positions,
        len(coalesce(l.positions, CAST([] AS VARCHAR[]))) AS position_count,
        p.latest_position,
        coalesce(p.honorifics, CAST([] AS VARCHAR[])) AS honorifics,
        p.first_seen,
        p.last_seen,
        p.release_count,
        p.doc_ids
    FROM people AS p
    LEFT JOIN position_lists AS l USING (person_name)
)
SELECT * FROM final;

COMMENT ON VIEW mart_people IS 'One row per person named in the releases (grain: person_name as extracted, so spelling variants are separate rows), with the positions they were given and when they were seen.';
COMMENT ON COLUMN mart_people.person_name IS 'Personal name without honorifics (person_mentions.name).';
COMMENT ON COLUMN mart_people.positions IS 'Distinct positions the releases gave the person, in the order first seen (by published date), empty list when none.';
COMMENT ON COLUMN mart_people.position_count IS 'Number of distinct positions.';
COMMENT ON COLUMN mart_people.latest_position IS 'Position given in the most recent release that gives one.';
COMMENT ON COLUMN mart_people.honorifics IS 'Distinct honorifics, titles or ranks written before the name, sorted.';
COMMENT ON COLUMN mart_people.first_seen IS 'Earliest published date of a release naming the person (undated releases ignored).';
COMMENT ON COLUMN mart_people.last_seen IS 'Latest published date of a release naming the person (undated releases ignored).';
COMMENT ON COLUMN mart_people.release_count IS 'Number of releases naming the person.';
COMMENT ON COLUMN mart_people.doc_ids IS 'Keys of the releases naming the person, sorted.';
