"""The hand-written PyThaiNLP pipeline that khaosan's segment stage must match exactly.

Per document ``sent_tokenize(body, engine="crfcut")``; per sentence
``word_tokenize(sentence, engine="newmm")`` and ``pos_tag(words, corpus="orchid_ud")``.
``benchmarks/bench.py`` times it and ``tests/test_segment.py`` uses it as the oracle, so both
hold khaosan to the same definition of "identical sentences, tokens and POS tags".
"""

from __future__ import annotations

from collections.abc import Iterable

from pythainlp.tag import pos_tag
from pythainlp.tokenize import sent_tokenize, word_tokenize

SentenceRow = tuple[str, int, str, int, int]  # doc_id, sentence_no, text, char_start, char_end
TokenRow = tuple[str, int, int, str, str, int, int]  # doc_id, sentence_no, token_no, token, pos, char_start, char_end


def segment_rows(docs: Iterable[tuple[str, str]]) -> tuple[list[SentenceRow], list[TokenRow]]:
    """Sentence and token rows of ``(doc_id, body)`` pairs; whitespace tokens are dropped and
    offsets are character positions in the body."""
    sentences: list[SentenceRow] = []
    tokens: list[TokenRow] = []
    for doc_id, body in docs:
        pos = 0
        for sentence_no, sentence in enumerate(sent_tokenize(body, engine="crfcut") if body else []):
            start = body.find(sentence, pos)
            if start < 0:
                start = pos
            end = start + len(sentence)
            pos = end
            sentences.append((doc_id, sentence_no, sentence, start, end))
            offset = start
            token_no = 0
            for word, tag in pos_tag(word_tokenize(sentence, engine="newmm"), corpus="orchid_ud"):
                w_end = offset + len(word)
                if not word.isspace():
                    tokens.append((doc_id, sentence_no, token_no, word, tag, offset, w_end))
                    token_no += 1
                offset = w_end
    return sentences, tokens


def warm_up() -> None:
    """Load the models PyThaiNLP loads lazily, so timings leave loading out."""
    for s in sent_tokenize("ทดสอบการตัดประโยค ครับ", engine="crfcut"):
        pos_tag(word_tokenize(s, engine="newmm"), corpus="orchid_ud")
