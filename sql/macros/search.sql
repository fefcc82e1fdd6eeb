-- Full-text search over the tokens view, ranked with Okapi BM25 (DuckDB's fts extension is
-- not available offline, and it could not segment Thai anyway: Thai has no spaces, so the
-- words come from the segment stage, newmm, as the tokens table stores them).
--
--   SELECT * FROM search_documents(['ความร่วมมือ', 'ญี่ปุ่น'])
--
-- terms: the query already tokenized with the same tokenizer (flows/search.py does it).
-- Matching is exact per token, case-insensitive. Repeated query terms count once.
-- Ignored, in documents and in the query: tokens tagged PUNCT, and tokens made only of
-- punctuation, symbols or whitespace (the tagger does not tag every - or ( as PUNCT).
-- Document length is the number of tokens that are not ignored. N = number of documents,
-- df = documents containing the term, tf = its count in the document, and
--   idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5))   (Lucene's variant: never negative)
--   score(d) = sum over terms t in d of idf(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(d) / avg_len))
-- Lines starting with two dashes are dropped and the file is split on semicolons: no
-- semicolon inside a string literal or an end-of-line comment.

CREATE OR REPLACE MACRO search_documents(terms, k1 := 1.2, b := 0.75) AS TABLE
WITH
query_terms AS (
    SELECT DISTINCT lower(t) AS term
    FROM (SELECT unnest(CAST(terms AS VARCHAR[])) AS t)
    WHERE t IS NOT NULL AND NOT regexp_full_match(t, '[\pP\pS\pZ\s\x{200b}\x{feff}]*')
),
corpus_tokens AS (
    SELECT doc_id, lower(token) AS term
    FROM tokens
    WHERE pos IS DISTINCT FROM 'PUNCT' AND NOT regexp_full_match(token, '[\pP\pS\pZ\s\x{200b}\x{feff}]*')
),
doc_lengths AS (
    SELECT d.doc_id, count(t.term) AS doc_len
    FROM documents AS d
    LEFT JOIN corpus_tokens AS t USING (doc_id)
    GROUP BY d.doc_id
),
corpus AS (
    SELECT count(*) AS n_docs, greatest(avg(doc_len), 1) AS avg_len FROM doc_lengths
),
term_freqs AS (
    SELECT t.doc_id, t.term, count(*) AS tf
    FROM corpus_tokens AS t
    JOIN query_terms AS q USING (term)
    GROUP BY t.doc_id, t.term
),
doc_freqs AS (
    SELECT term, count(*) AS df FROM term_freqs GROUP BY term
),
scored AS (
    SELECT
        f.doc_id,
        sum(
            ln(1 + (c.n_docs - df.df + 0.5) / (df.df + 0.5))
            * f.tf * (CAST(k1 AS DOUBLE) + 1)
            / (f.tf + CAST(k1 AS DOUBLE) * (1 - CAST(b AS DOUBLE) + CAST(b AS DOUBLE) * l.doc_len / c.avg_len))
        ) AS score
    FROM term_freqs AS f
    JOIN doc_freqs AS df USING (term)
    JOIN doc_lengths AS l USING (doc_id)
    CROSS JOIN corpus AS c
    GROUP BY f.doc_id
)
SELECT doc_id, score
FROM scored
ORDER BY score DESC, doc_id;

COMMENT ON MACRO TABLE search_documents IS 'Okapi BM25 full-text search: search_documents(terms, k1 := 1.2, b := 0.75) takes a list of query tokens (tokenized like tokens.token, newmm) and returns doc_id, score for every document containing at least one term, best first. Tokens tagged PUNCT and tokens made only of punctuation, symbols or whitespace are ignored, document length is the number of remaining tokens.';
