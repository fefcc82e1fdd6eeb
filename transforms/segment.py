"""Segment: sentences (PyThaiNLP crfcut), words (newmm) and POS tags (perceptron, orchid_ud).

The output equals the reference pipeline: ``sent_tokenize(body, engine="crfcut")`` per
document, then ``word_tokenize(sentence, engine="newmm")`` and
``pos_tag(words, corpus="orchid_ud")`` per sentence. Whitespace-only tokens are tagged
(they are context for the tagger) but not stored.

It is computed faster, with the same results (``benchmarks/bench.py`` and
``tests/test_segment.py`` compare with PyThaiNLP itself):

* the body is tokenized once (:mod:`transforms.thai_newmm`, an exact re-implementation of
  newmm) and crfcut's CRF runs on those tokens (:mod:`transforms.thai_crfcut`), as crfcut would
  tokenize the same body itself;
* each sentence's words are the body's tokens between the sentence's ends whenever those ends
  are positions where newmm provably restarts from scratch (after whitespace; see
  :func:`transforms.thai_newmm.same_tokens_alone`); only the other sentences (cut after a ``.``
  inside a word, say) are tokenized again on their own, as the reference does;
* all sentences of a document are POS-tagged in one vectorised pass (:mod:`transforms.thai_pos`).

Bodies longer than ``MAX_WHOLE_CHARS`` (none in the thaigov corpus, whose longest body has
about 243,000 characters) are segmented in pieces of at most ``PIECE_CHARS`` characters, cut at
the last line break before the limit (else the last space, else at the limit), so that memory
stays bounded. This is the only deviation from the reference: a sentence always ends at a piece
boundary, and crfcut does not see across it. Offsets still index into the whole body.
"""

from __future__ import annotations

from itertools import compress

import numpy as np
import pyarrow as pa

from transforms import schemas, thai_crfcut, thai_newmm, thai_pos

VERSION = "1"

MAX_WHOLE_CHARS = 500_000
PIECE_CHARS = 250_000
_FLUSH_ROWS = 500_000  # token rows kept as Python objects before they are turned into Arrow
_ESCAPE_SPELLINGS = frozenset(thai_pos._UNESCAPE)  # tokens pos_tag gives back changed ("<space>" -> " ")


def segment_documents(documents: pa.Table) -> tuple[pa.Table, pa.Table]:
    """documents(doc_id, body) -> (sentences, tokens) tables with offsets into body."""
    sent = _Columns()
    tok = _Columns()
    for doc_id, body in zip(documents.column("doc_id").to_pylist(), documents.column("body").to_pylist(), strict=True):
        if not body:
            continue
        sentence_no = 0
        for base, text in _pieces(body):
            seg = _segment_text(text)
            if seg is None:
                continue
            spans, s_no, t_no, t_start, t_end, t_pos, t_words = seg
            n_sent = len(spans)
            sent.add(doc_id, n_sent, texts=[text[a:b] for a, b in spans])
            sent.arrays.append(
                (
                    np.arange(sentence_no, sentence_no + n_sent, dtype=np.int64),
                    np.array([a for a, _ in spans], dtype=np.int64) + base,
                    np.array([b for _, b in spans], dtype=np.int64) + base,
                )
            )
            tok.add(doc_id, len(t_words), texts=t_words)
            tok.arrays.append((s_no + sentence_no, t_no, t_start + base, t_end + base, t_pos))
            sentence_no += n_sent
            if len(tok.texts) >= _FLUSH_ROWS:  # a giant body: keep what is done as compact Arrow
                sent.flush(sent.sentences)
                tok.flush(tok.tokens)
    return sent.result(sent.sentences, schemas.SENTENCES), tok.result(tok.tokens, schemas.TOKENS)


class _Columns:
    """Rows of one output table, gathered document by document."""

    def __init__(self) -> None:
        self.tables: list[pa.Table] = []
        self._reset()

    def _reset(self) -> None:
        self.doc_ids: list[str] = []
        self.texts: list[str] = []
        self.arrays: list[tuple[np.ndarray, ...]] = []

    def add(self, doc_id: str, n: int, texts: list[str]) -> None:
        self.doc_ids += [doc_id] * n
        self.texts += texts

    def flush(self, build) -> None:
        if self.doc_ids:
            self.tables.append(build())
        self._reset()

    def result(self, build, schema: pa.Schema) -> pa.Table:
        self.flush(build)
        if not self.tables:
            return schema.empty_table()
        return self.tables[0] if len(self.tables) == 1 else pa.concat_tables(self.tables)

    def _column(self, k: int) -> np.ndarray:
        return np.concatenate([a[k] for a in self.arrays])

    def sentences(self) -> pa.Table:
        return pa.Table.from_arrays(
            [
                pa.array(self.doc_ids, pa.string()),
                _int32(self._column(0)),
                pa.array(self.texts, pa.string()),
                _int32(self._column(1)),
                _int32(self._column(2)),
            ],
            schema=schemas.SENTENCES,
        )

    def tokens(self) -> pa.Table:
        names = pa.array(thai_pos.ud_names(), pa.string())
        pos = pa.DictionaryArray.from_arrays(pa.array(self._column(4).astype(np.int32)), names).cast(pa.string())
        return pa.Table.from_arrays(
            [
                pa.array(self.doc_ids, pa.string()),
                _int32(self._column(0)),
                _int32(self._column(1)),
                pa.array(self.texts, pa.string()),
                pos,
                _int32(self._column(2)),
                _int32(self._column(3)),
            ],
            schema=schemas.TOKENS,
        )


def _pieces(body: str) -> list[tuple[int, str]]:
    """(offset, text) pieces of a body: the whole body unless it is longer than MAX_WHOLE_CHARS."""
    if len(body) <= MAX_WHOLE_CHARS:
        return [(0, body)]
    out = []
    start = 0
    n = len(body)
    while n - start > PIECE_CHARS:
        limit = start + PIECE_CHARS
        cut = body.rfind("\n", start + 1, limit) + 1
        if cut <= start:
            cut = body.rfind(" ", start + 1, limit) + 1
        if cut <= start:
            cut = limit
        out.append((start, body[start:cut]))
        start = cut
    out.append((start, body[start:]))
    return out


def _segment_text(text: str):
    """Sentence spans and tagged tokens of one text (a body, or a piece of a long body)."""
    ends = thai_newmm.tokenize(text)
    if not ends:
        return None
    starts = [0, *ends[:-1]]
    toks = [text[a:b] for a, b in zip(starts, ends, strict=True)]
    spans: list[tuple[int, int]] = []
    words: list[str] = []
    lengths: list[int] = []
    ti = 0
    for te in thai_crfcut.sentence_ends(toks):
        a, b = starts[ti], ends[te - 1]
        spans.append((a, b))
        if thai_newmm.same_tokens_alone(text, a, b):
            words += toks[ti:te]
            lengths.append(te - ti)
        else:  # the reference tokenizes the sentence on its own: redo the parts that can differ
            sub = text[a:b]
            sub_ends = thai_newmm.tokens_alone(text, a, b, ends)
            words += [sub[x:y] for x, y in zip([0, *sub_ends[:-1]], sub_ends, strict=True)]
            lengths.append(len(sub_ends))
        ti = te
    tags = thai_pos.tag_ud(words, lengths)
    if not _ESCAPE_SPELLINGS.isdisjoint(words):
        words = [thai_pos.output_word(w) for w in words]
    n_sent = len(spans)
    lens = np.asarray(lengths, dtype=np.int64)
    sent_of_word = np.repeat(np.arange(n_sent, dtype=np.int32), lens)
    first_word = np.cumsum(lens) - lens  # index of each sentence's first word
    w_len = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    w_end = np.cumsum(w_len)
    # Offsets restart at each sentence start (as the reference adds word lengths per sentence).
    sent_start = np.array([a for a, _ in spans], dtype=np.int64)
    shift = sent_start - (w_end[first_word] - w_len[first_word])
    w_end = w_end + shift[sent_of_word]
    w_start = w_end - w_len
    keep = np.fromiter((not w.isspace() for w in words), dtype=bool, count=len(words))
    kept_before = np.cumsum(keep) - keep  # kept words before each word
    token_no = kept_before - (kept_before[first_word])[sent_of_word]
    return (
        spans,
        sent_of_word[keep],
        token_no[keep].astype(np.int32),
        w_start[keep],
        w_end[keep],
        tags[keep],
        list(compress(words, keep)),
    )


def _int32(values: np.ndarray) -> pa.Array:
    if len(values) and values.max() > np.iinfo(np.int32).max:
        raise ValueError("offset does not fit the int32 column")
    return pa.array(values.astype(np.int32), pa.int32())
