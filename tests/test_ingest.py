import csv
import datetime as dt
import gzip
import hashlib

import pytest

from tests.conftest import BAD_INPUTS, needs_shared
from transforms.ingest import Decoded, Rejected, SourceFile, decode_bytes, discover_files, doc_id_of, ingest_files

THAI = "เมื่อวันที่ ๒๖ พฤษภาคม ๒๕๖๔ นายธานี ทองภักดี ปลัดกระทรวงการต่างประเทศ ได้เข้าร่วมการประชุม “ครั้งที่ ๓๖”\r\n"


def test_utf8_with_and_without_bom():
    assert decode_bytes(THAI.encode()) == Decoded(THAI, "utf-8", 0)
    assert decode_bytes(b"\xef\xbb\xbf" + THAI.encode()) == Decoded(THAI, "utf-8-sig", 0)


def test_utf16_with_bom_despite_its_nul_bytes():
    le = decode_bytes(b"\xff\xfe" + THAI.encode("utf-16-le"))
    be = decode_bytes(b"\xfe\xff" + THAI.encode("utf-16-be"))
    assert le == Decoded(THAI, "utf-16-le", 0)
    assert be == Decoded(THAI, "utf-16-be", 0)


def test_legacy_thai_windows_874_with_smart_quotes():
    decoded = decode_bytes((THAI * 3).encode("cp874"))
    assert decoded == Decoded(THAI * 3, "cp874", 0)
    assert "“" in decoded.text  # 0x93 is a curly quote in windows-874, not a C1 control


def test_a_damaged_utf8_byte_becomes_one_replacement_and_is_counted():
    data = (THAI * 20).encode()
    at = data.index(b" ", 500)  # between characters, so exactly one ill-formed byte
    damaged = data[:at] + b"\xff" + data[at:]
    decoded = decode_bytes(damaged)
    assert isinstance(decoded, Decoded)
    assert decoded.replacements == 1
    assert decoded.text.count("\ufffd") == 1


def test_replacement_characters_already_in_the_text_are_not_counted():
    decoded = decode_bytes(("ข้อความ \ufffd เสียหาย " + THAI).encode())
    assert decoded.replacements == 0


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (" \t\r\n\u00a0\u200b\ufeff".encode(), "no_visible_text"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
        (gzip.compress(THAI.encode()), "compressed"),
        (THAI.encode()[:60] + THAI.encode("cp874") * 5, "mixed_encoding"),
        (bytes(range(128, 256)) * 40 + b"\x00", "undecodable"),
    ],
)
def test_files_that_are_quarantined_with_a_reason(data, code):
    result = decode_bytes(data)
    assert isinstance(result, Rejected)
    assert result.reason_code == code
    assert result.reason.startswith(code + ":")


def test_identical_content_under_two_names_is_one_document(tmp_path):
    (tmp_path / "a.txt").write_text(THAI, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b copy.txt").write_text(THAI, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.md").write_text("not an input")
    files = discover_files(str(tmp_path))
    assert [f.source_uri.rsplit("/", 1)[-1] for f in files] == ["a.txt", "empty.txt", "b copy.txt"]
    raw, src, quarantine = ingest_files(files, "run-1", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert raw.num_rows == 1
    assert raw.column("doc_id")[0].as_py() == doc_id_of(THAI)
    assert raw.column("text")[0].as_py() == THAI  # CRLF kept: text is exactly as decoded
    assert sorted(src.column("outcome").to_pylist()) == ["duplicate", "ingested", "quarantined"]
    assert quarantine.column("reason_code").to_pylist() == ["empty"]


def test_a_vanished_file_is_quarantined_not_fatal(tmp_path):
    ghost = SourceFile(str(tmp_path / "gone.txt"), 10, 0)
    raw, _, quarantine = ingest_files([ghost], "run-1", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert raw.num_rows == 0
    assert quarantine.column("reason_code").to_pylist() == ["unreadable"]


def test_symlinks_leaving_the_source_root_are_skipped(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(THAI, encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / "inside.txt").write_text(THAI, encoding="utf-8")
    (root / "link.txt").symlink_to(outside)
    assert [f.source_uri.rsplit("/", 1)[-1] for f in discover_files(str(root))] == ["inside.txt"]
    assert len(discover_files(str(root), follow_symlinks=True)) == 2


def test_glob_sources(tmp_path):
    (tmp_path / "x1.txt").write_text(THAI, encoding="utf-8")
    (tmp_path / "y1.txt").write_text(THAI, encoding="utf-8")
    assert [f.source_uri.rsplit("/", 1)[-1] for f in discover_files(str(tmp_path / "x*.txt"))] == ["x1.txt"]
    with pytest.raises(FileNotFoundError):
        discover_files(str(tmp_path / "missing-dir"))


@needs_shared
def test_every_hostile_fixture_decodes_as_its_manifest_says():
    with open(BAD_INPUTS / "manifest.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) >= 28
    for row in rows:
        result = decode_bytes((BAD_INPUTS / row["file"]).read_bytes())
        if row["expected"] == "quarantine":
            assert isinstance(result, Rejected), row["file"]
        else:
            assert isinstance(result, Decoded), (row["file"], result)
            assert hashlib.sha256(result.text.encode()).hexdigest() == row["expected_text_sha256"], row["file"]
