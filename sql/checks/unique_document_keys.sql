-- Every document-level key is unique: one documents row and one raw_documents row per doc_id.
SELECT 'documents' AS tbl, doc_id, count(*) AS n FROM documents GROUP BY doc_id HAVING count(*) > 1
UNION ALL
SELECT 'raw_documents', doc_id, count(*) FROM raw_documents GROUP BY doc_id HAVING count(*) > 1
UNION ALL
SELECT 'sentences', doc_id || '#' || sentence_no, count(*) FROM sentences GROUP BY doc_id, sentence_no HAVING count(*) > 1
