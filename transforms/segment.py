"""Segment: sentences (PyThaiNLP crfcut), words (newmm) and POS tags (perceptron, orchid_ud).

The output equals the reference pipeline: ``sent_tokenize(body, engine="crfcut")`` per
document, then ``word_tokenize(sentence, engine="newmm")`` and
``pos_tag(words, corpus="orchid_ud")`` per sentence. Whitespace-only tokens are tagged
(they are context for the tagger) but not stored.
"""

from __future__ import annotations

import pyarrow as pa
from pythainlp.tag import pos_tag
from pythainlp.tokenize import sent_tokenize, word_tokenize

from transforms import schemas

VERSION = "1"


def segment_documents(documents: pa.Table) -> tuple[pa.Table, pa.Table]:
    """documents(doc_id, body) -> (sentences, tokens) tables with offsets into body."""
    sent_cols: dict[str, list] = {n: [] for n in schemas.SENTENCES.names}
    tok_cols: dict[str, list] = {n: [] for n in schemas.TOKENS.names}
    for doc_id, body in zip(documents.column("doc_id").to_pylist(), documents.column("body").to_pylist(), strict=True):
        pos = 0
        for sentence_no, sentence in enumerate(sent_tokenize(body, engine="crfcut") if body else []):
            start = body.find(sentence, pos)
            if start < 0:  # crfcut returns substrings in order; guard anyway
                start = pos
            end = start + len(sentence)
            pos = end
            sent_cols["doc_id"].append(doc_id)
            sent_cols["sentence_no"].append(sentence_no)
            sent_cols["text"].append(sentence)
            sent_cols["char_start"].append(start)
            sent_cols["char_end"].append(end)
            words = word_tokenize(sentence, engine="newmm")
            offset = start
            token_no = 0
            for word, tag in pos_tag(words, corpus="orchid_ud"):
                w_end = offset + len(word)
                if not word.isspace():
                    tok_cols["doc_id"].append(doc_id)
                    tok_cols["sentence_no"].append(sentence_no)
                    tok_cols["token_no"].append(token_no)
                    tok_cols["token"].append(word)
                    tok_cols["pos"].append(tag)
                    tok_cols["char_start"].append(offset)
                    tok_cols["char_end"].append(w_end)
                    token_no += 1
                offset = w_end
    return (
        pa.Table.from_pydict(sent_cols, schema=schemas.SENTENCES),
        pa.Table.from_pydict(tok_cols, schema=schemas.TOKENS),
    )
