-- (doc_id, sentence_no, token_no) identifies a token.
SELECT doc_id, sentence_no, token_no, count(*) AS n
FROM tokens
GROUP BY ALL
HAVING count(*) > 1
