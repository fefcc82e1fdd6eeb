"""Placeholder: replaced by the real money extractor."""

from __future__ import annotations

from transforms.extract.context import DocContext


def extract(doc: DocContext) -> list[dict]:
    return []
