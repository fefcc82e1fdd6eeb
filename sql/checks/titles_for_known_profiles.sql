-- A page whose format was recognised (not generic) always yields a title.
SELECT doc_id, profile, source_uri
FROM documents
WHERE profile <> 'generic' AND (title IS NULL OR trim(title) = '')
