"""The per-document view every extractor works on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import pyarrow as pa


class Token(NamedTuple):
    # A NamedTuple, not a dataclass: one is built per token (35M in the corpus) and a frozen
    # dataclass costs 2.5x as much to create.
    text: str
    pos: str
    start: int
    end: int


@dataclass(frozen=True)
class DocContext:
    doc_id: str
    title: str | None
    body: str
    published_date: dt.date | None
    tokens: tuple[Token, ...]

    @cached_property
    def token_starts(self) -> frozenset[int]:
        """Offsets where a token begins: word boundaries for Thai text, which has no spaces."""
        return frozenset(t.start for t in self.tokens)

    @cached_property
    def token_ends(self) -> frozenset[int]:
        return frozenset(t.end for t in self.tokens)


def iter_contexts(documents: pa.Table, tokens: pa.Table) -> Iterator[DocContext]:
    """One DocContext per document, tokens grouped by doc_id (tokens may be in any order)."""
    by_doc: dict[str, list[Token]] = {}
    if tokens.num_rows:
        tokens = tokens.sort_by([("doc_id", "ascending"), ("char_start", "ascending")])
        cols = [tokens.column(c).to_pylist() for c in ("doc_id", "token", "pos", "char_start", "char_end")]
        for doc_id, text, pos, start, end in zip(*cols, strict=True):
            by_doc.setdefault(doc_id, []).append(Token(text, pos, start, end))
    for doc_id, title, body, published in zip(
        documents.column("doc_id").to_pylist(),
        documents.column("title").to_pylist(),
        documents.column("body").to_pylist(),
        documents.column("published_date").to_pylist(),
        strict=True,
    ):
        yield DocContext(doc_id, title, body, published, tuple(by_doc.get(doc_id, ())))
