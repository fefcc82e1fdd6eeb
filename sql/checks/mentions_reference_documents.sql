-- Every row keyed by doc_id belongs to a document that exists.
WITH keyed AS (
    SELECT 'sentences' AS tbl, doc_id FROM sentences
    UNION ALL SELECT 'tokens', doc_id FROM tokens
    UNION ALL SELECT 'date_mentions', doc_id FROM date_mentions
    UNION ALL SELECT 'money_mentions', doc_id FROM money_mentions
    UNION ALL SELECT 'person_mentions', doc_id FROM person_mentions
    UNION ALL SELECT 'country_mentions', doc_id FROM country_mentions
    UNION ALL SELECT 'meetings', doc_id FROM meetings
    UNION ALL SELECT 'acronyms', doc_id FROM acronyms
    UNION ALL SELECT 'raw_documents', doc_id FROM raw_documents
)
SELECT DISTINCT k.tbl, k.doc_id
FROM keyed AS k
ANTI JOIN documents AS d USING (doc_id)
