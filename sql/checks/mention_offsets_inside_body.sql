-- Every mention points at its own surface text inside documents.body.
WITH mentions AS (
    SELECT 'date_mentions' AS tbl, doc_id, surface, char_start, char_end FROM date_mentions
    UNION ALL SELECT 'money_mentions', doc_id, surface, char_start, char_end FROM money_mentions
    UNION ALL SELECT 'person_mentions', doc_id, surface, char_start, char_end FROM person_mentions
    UNION ALL SELECT 'country_mentions', doc_id, surface, char_start, char_end FROM country_mentions
    UNION ALL SELECT 'meetings', doc_id, surface, char_start, char_end FROM meetings
    UNION ALL SELECT 'acronyms', doc_id, surface, char_start, char_end FROM acronyms
)
SELECT m.tbl, m.doc_id, m.surface, m.char_start, m.char_end
FROM mentions AS m
JOIN documents AS d USING (doc_id)
WHERE m.char_start < 0
   OR m.char_end <= m.char_start
   OR m.char_end > d.char_count
   OR substring(d.body, m.char_start + 1, m.char_end - m.char_start) <> m.surface
