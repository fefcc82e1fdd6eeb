-- Dates fall in a plausible range for Thai government releases (Gregorian, not Buddhist Era).
SELECT 'published_date' AS what, doc_id, CAST(published_date AS VARCHAR) AS value
FROM documents
WHERE published_date NOT BETWEEN DATE '1990-01-01' AND current_date + INTERVAL 366 DAY
UNION ALL
SELECT 'date_mentions', doc_id, iso
FROM date_mentions
WHERE date_value NOT BETWEEN DATE '1800-01-01' AND DATE '2100-12-31'
