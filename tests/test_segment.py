"""Segment stage: the fast implementation gives exactly the reference pipeline's output.

The reference is the hand-written PyThaiNLP pipeline: ``sent_tokenize(body, engine="crfcut")``
per document, ``word_tokenize(sentence, engine="newmm")`` and
``pos_tag(words, corpus="orchid_ud")`` per sentence, whitespace-only tokens dropped after tagging.
"""

from __future__ import annotations

import pyarrow as pa
import pytest
from pythainlp.tag import pos_tag
from pythainlp.tokenize import crfcut, sent_tokenize, word_tokenize

from benchmarks import reference_pipeline
from tests.conftest import BAD_INPUTS, SEED_DOCUMENTS
from transforms import clean, ingest, schemas, segment, thai_crfcut, thai_newmm, thai_pos

# Short texts that exercise the corners: formatted numbers (join_broken_num), dictionary words
# with a space, abbreviations with dots (crfcut cuts after "."), Latin and digits, words that
# spell an ORCHID escape, "ย" before a line break (TCC look-ahead), blank runs.
TRICKY = [
    "เมื่อวันที่ 19 ก.พ. 67 นางสาวนฤมล สงวนวงศ์ ผู้ช่วยปลัดกระทรวงฯ เข้าร่วมการประชุม ครั้งที่ 1/2567",
    "ราคา 1,234.50 บาท เวลา 12:00น. IP 127.0.0.1 และ 3.5% (ประมาณ 2,000 ล้านบาท)",
    "สมเด็จฮุน เซน เดินทางมา ราว ๆ 10 คน ข้าง ๆ คู ๆ ไหน ๆ ก็มาแล้ว",
    "พ.ศ. 2567 ค.ศ.2024 B.E. 2567 ดร.สมชาย ผศ.ดร. นพ.สมศักดิ์ (ก.พ.) ฯลฯ",
    "The cabinet approved it. ครม. อนุมัติแล้ว! จริงหรือ? ใช่\n\nย่อหน้าใหม่ เสวย\nต่อไปนี้ คือ เรีย\nจบ",
    'เขาพูดว่า "สวัสดี" แล้ว <space> ก็ไป <quotation> 5+3=8 $100 @home & co. a-b',
    "  ช่องว่าง   หลาย   ช่อง\tแท็บ \n \n บรรทัด  ",
    "ประเทศไทยมีพื้นที่ประมาณห้าแสนตารางกิโลเมตรและมีประชากรประมาณหกสิบหกล้านคนอาศัยอยู่",
]


def reference_segment(documents: pa.Table) -> tuple[pa.Table, pa.Table]:
    """The hand-written pipeline's output (the oracle) as tables in khaosan's schemas."""
    docs = zip(documents.column("doc_id").to_pylist(), documents.column("body").to_pylist(), strict=True)
    sentences, tokens = reference_pipeline.segment_rows(docs)
    return (
        pa.Table.from_pylist([dict(zip(schemas.SENTENCES.names, r, strict=True)) for r in sentences], schema=schemas.SENTENCES),
        pa.Table.from_pylist([dict(zip(schemas.TOKENS.names, r, strict=True)) for r in tokens], schema=schemas.TOKENS),
    )


def _body(raw: bytes) -> str:
    decoded = ingest.decode_bytes(raw)
    assert isinstance(decoded, ingest.Decoded)
    return clean.read_page(clean.normalize_text(decoded.text)).body


def _docs(bodies: list[str]) -> pa.Table:
    return pa.table({"doc_id": [f"d{i:03d}" for i in range(len(bodies))], "body": pa.array(bodies, pa.large_string())})


@pytest.fixture(scope="module")
def seed_bodies() -> list[str]:
    paths = sorted(SEED_DOCUMENTS.glob("*.txt"))
    assert paths, "seeds/documents has no samples"
    return [_body(p.read_bytes()) for p in paths]


def _assert_same(a: pa.Table, b: pa.Table) -> None:
    assert a.schema.equals(b.schema)
    for name in a.column_names:
        assert a.column(name).to_pylist() == b.column(name).to_pylist(), name


def test_seed_documents_equal_reference(seed_bodies: list[str]) -> None:
    docs = _docs(seed_bodies)
    sentences, tokens = segment.segment_documents(docs)
    ref_sentences, ref_tokens = reference_segment(docs)
    assert tokens.num_rows > 1000
    _assert_same(sentences, ref_sentences)
    _assert_same(tokens, ref_tokens)


def test_tricky_texts_equal_reference() -> None:
    docs = _docs(TRICKY)
    sentences, tokens = segment.segment_documents(docs)
    ref_sentences, ref_tokens = reference_segment(docs)
    _assert_same(sentences, ref_sentences)
    _assert_same(tokens, ref_tokens)


def test_offsets_index_into_body(seed_bodies: list[str]) -> None:
    docs = _docs(seed_bodies)
    bodies = dict(zip(docs.column("doc_id").to_pylist(), seed_bodies, strict=True))
    sentences, tokens = segment.segment_documents(docs)
    spans = {}
    for d, n, text, a, b in zip(*(sentences.column(c).to_pylist() for c in schemas.SENTENCES.names), strict=True):
        assert bodies[d][a:b] == text
        spans[d, n] = (a, b)
    previous = None
    for d, n, k, tok, pos, a, b in zip(*(tokens.column(c).to_pylist() for c in schemas.TOKENS.names), strict=True):
        assert bodies[d][a:b] == tok
        assert tok and not tok.isspace() and pos
        s_a, s_b = spans[d, n]
        assert s_a <= a < b <= s_b
        assert k == (previous[2] + 1 if previous and previous[:2] == (d, n) else 0)
        previous = (d, n, k)


def test_components_equal_pythainlp(seed_bodies: list[str]) -> None:
    for text in [*seed_bodies, *TRICKY]:
        ends = thai_newmm.tokenize(text)
        toks = [text[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]
        assert toks == word_tokenize(text, engine="newmm")
        alone = thai_newmm.tokenize_piece(text)
        assert [text[a:b] for a, b in zip([0, *alone[:-1]], alone, strict=True)] == toks
        assert thai_crfcut.label_tokens(toks) == [lab == "E" for lab in crfcut._tagger.tag(crfcut._extract_features(toks))]
        assert thai_crfcut.label_tokens(toks, by_string=True) == thai_crfcut.label_tokens(toks)
        bounds = thai_crfcut.sentence_ends(toks)
        sentences = ["".join(toks[a:b]) for a, b in zip([0, *bounds[:-1]], bounds, strict=True)]
        assert sentences == sent_tokenize(text, engine="crfcut")
        words = [word_tokenize(s, engine="newmm") for s in sentences]
        assert thai_pos.tag_sentences(words) == [[t for _, t in pos_tag(w, corpus="orchid_ud")] for w in words]


def test_sentence_slices_are_checked(seed_bodies: list[str]) -> None:
    """Where a sentence's tokens are taken from the whole body, they are what newmm gives it alone."""
    checked = 0
    for text in [*seed_bodies, *TRICKY]:
        ends = thai_newmm.tokenize(text)
        starts = [0, *ends[:-1]]
        toks = [text[a:b] for a, b in zip(starts, ends, strict=True)]
        ti = 0
        for te in thai_crfcut.sentence_ends(toks):
            a, b = starts[ti], ends[te - 1]
            if thai_newmm.same_tokens_alone(text, a, b):
                assert toks[ti:te] == word_tokenize(text[a:b], engine="newmm")
                checked += 1
            ti = te
    assert checked > 50


def test_tie_fallback_matches_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exact score ties are left to PyThaiNLP's tagger: force them and compare."""
    words = [word_tokenize(s, engine="newmm") for s in sent_tokenize(TRICKY[0], engine="crfcut")]
    model = thai_pos._model()
    monkeypatch.setattr(model, "mat", model.mat * 0)
    monkeypatch.setattr(model, "tp", model.tp * 0)
    monkeypatch.setattr(model, "bias", model.bias * 0)
    assert thai_pos.tag_sentences(words) == [[t for _, t in pos_tag(w, corpus="orchid_ud")] for w in words]


def test_output_kept_as_arrow_chunks_is_the_same(monkeypatch: pytest.MonkeyPatch, seed_bodies: list[str]) -> None:
    docs = _docs(seed_bodies)
    whole = segment.segment_documents(docs)
    monkeypatch.setattr(segment, "_FLUSH_ROWS", 100)
    chunked = segment.segment_documents(docs)
    assert chunked[1].column("token").num_chunks > 1
    for a, b in zip(whole, chunked, strict=True):
        _assert_same(a, b)


def test_fallbacks_match_reference(monkeypatch: pytest.MonkeyPatch, seed_bodies: list[str]) -> None:
    """The POS paths for a model that is not in thousandths, and for a full word memo."""
    words = [word_tokenize(s, engine="newmm") for s in sent_tokenize(seed_bodies[0], engine="crfcut")]
    want = [[t for _, t in pos_tag(w, corpus="orchid_ud")] for w in words]
    model = thai_pos._model()
    monkeypatch.setattr(thai_pos, "_WORD_CACHE_MAX", 50)
    assert thai_pos.tag_sentences(words) == want
    monkeypatch.setattr(model, "exact", False)
    assert thai_pos.tag_sentences(words) == want


def test_empty_body_gives_no_rows() -> None:
    sentences, tokens = segment.segment_documents(_docs(["", "ทดสอบ ครับ", ""]))
    assert set(sentences.column("doc_id").to_pylist()) == set(tokens.column("doc_id").to_pylist()) == {"d001"}
    empty = pa.table({"doc_id": pa.array([], pa.string()), "body": pa.array([], pa.large_string())})
    sentences, tokens = segment.segment_documents(empty)
    assert sentences.num_rows == 0 and tokens.num_rows == 0
    assert sentences.schema.equals(schemas.SENTENCES) and tokens.schema.equals(schemas.TOKENS)


def test_blank_bodies_equal_reference() -> None:
    """Blank bodies do not come out of clean, but behave as in the reference all the same."""
    docs = _docs([" ", "\n\n", " \n ", "\t"])
    for got, want in zip(segment.segment_documents(docs), reference_segment(docs), strict=True):
        _assert_same(got, want)


@pytest.mark.timeout(60)
def test_long_thai_text_without_spaces_does_not_hang() -> None:
    path = BAD_INPUTS / "long_thai_word_no_spaces.txt"
    body = _body(path.read_bytes()) if path.exists() else TRICKY[-1] * 300
    assert len(body) > 20_000 and " " not in body
    docs = _docs([body])
    sentences, tokens = segment.segment_documents(docs)
    ref_sentences, ref_tokens = reference_segment(docs)
    _assert_same(sentences, ref_sentences)
    _assert_same(tokens, ref_tokens)
    assert "".join(tokens.column("token").to_pylist()) == body


@pytest.mark.timeout(60)
def test_very_long_body_is_segmented_in_pieces(monkeypatch: pytest.MonkeyPatch, seed_bodies: list[str]) -> None:
    body = "\n\n".join(seed_bodies)
    monkeypatch.setattr(segment, "MAX_WHOLE_CHARS", 5000)
    monkeypatch.setattr(segment, "PIECE_CHARS", 3000)
    pieces = segment._pieces(body)
    assert len(pieces) > 3 and "".join(p for _, p in pieces) == body
    assert all(len(p) <= 3000 and (base == 0 or body[base - 1] == "\n") for base, p in pieces)
    sentences, tokens = segment.segment_documents(_docs([body]))
    assert sentences.column("sentence_no").to_pylist() == list(range(sentences.num_rows))
    for text, a, b in zip(*(sentences.column(c).to_pylist() for c in ("text", "char_start", "char_end")), strict=True):
        assert body[a:b] == text
    for tok, a, b in zip(*(tokens.column(c).to_pylist() for c in ("token", "char_start", "char_end")), strict=True):
        assert body[a:b] == tok
    # Within each piece the result is the reference's for that piece.
    base, first = pieces[1]
    ref_sentences, _ = reference_segment(_docs([first]))
    got = [
        t
        for t, a in zip(sentences.column("text").to_pylist(), sentences.column("char_start").to_pylist(), strict=True)
        if base <= a < base + len(first)
    ]
    assert got == ref_sentences.column("text").to_pylist()
