"""Ingest: turn raw file bytes into decoded text, or a quarantine verdict with a reason.

The decoding contract (see README, "Input files"):
1. A BOM decides (UTF-8, UTF-16 LE/BE) and is removed. Checked before any binary test,
   because UTF-16 text is full of NUL bytes.
2. Known binary or compressed signatures are quarantined, never decoded with replacement.
3. Strict UTF-8 is ingested.
4. UTF-8 broken at only a few places (at most ``MAX_REPLACEMENT_RATIO`` of the bytes) is
   ingested with U+FFFD in place of each ill-formed subpart, and the row is flagged.
5. Otherwise strict windows-874 (the superset of TIS-620 / ISO-8859-11) when the result is
   mostly Thai. Python's ``tis-620`` codec is not used as a validity test: it accepts
   0x80-0x9F as C1 controls and so "decodes" UTF-8 into mojibake.
6. Anything else is quarantined. A decoded text with no visible character is quarantined.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyarrow as pa

from transforms import schemas

# Between the handful of bad bytes a damaged UTF-8 file has and the >= 5% of a file in the
# wrong encoding (fixtures/bad_inputs/README.md).
MAX_REPLACEMENT_RATIO = 0.01
# A document larger than this is refused: it is not a press release, and it would hold a
# worker's memory hostage. The 30 MB fixture is accepted.
MAX_FILE_BYTES = 64 * 1024 * 1024
MIN_THAI_SHARE = 0.3

BOMS = (
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be", "utf-16-be"),
)
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "binary", "PNG image"),
    (b"\xff\xd8\xff", "binary", "JPEG image"),
    (b"GIF87a", "binary", "GIF image"),
    (b"GIF89a", "binary", "GIF image"),
    (b"%PDF", "binary", "PDF document"),
    (b"PK\x03\x04", "compressed", "ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "compressed", "gzip stream"),
    (b"BZh", "compressed", "bzip2 stream"),
    (b"\xfd7zXZ\x00", "compressed", "xz stream"),
    (b"7z\xbc\xaf\x27\x1c", "compressed", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "compressed", "zstd stream"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "binary", "OLE2 document (DOC/XLS)"),
    (b"\x7fELF", "binary", "ELF executable"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    replacements: int


@dataclass(frozen=True)
class Rejected:
    reason_code: str
    reason: str


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def has_visible_text(text: str) -> bool:
    """True when some character is neither whitespace, a control nor a format character."""
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp") for ch in text)


def decode_bytes(data: bytes) -> Decoded | Rejected:
    """Decode raw file bytes by the contract in the module docstring."""
    if not data:
        return Rejected("empty", "empty: the file has 0 bytes")
    if len(data) > MAX_FILE_BYTES:
        return Rejected("too_large", f"too_large: {len(data):,} bytes is over the {MAX_FILE_BYTES:,}-byte limit")
    decoded = _decode(data)
    if isinstance(decoded, Rejected):
        return decoded
    if not has_visible_text(decoded.text):
        return Rejected("no_visible_text", "no_visible_text: only whitespace, control or format characters")
    return decoded


def _decode(data: bytes) -> Decoded | Rejected:
    for bom, codec, label in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(codec), label, 0)
            except UnicodeDecodeError as exc:
                return Rejected("undecodable", f"undecodable: {label} BOM but invalid {label} at byte {exc.start}")
    for magic, code, what in SIGNATURES:
        if data.startswith(magic):
            return Rejected(code, f"{code}: {what} signature {magic[:4].hex(' ')} under a text name")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 0)
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    # U+FFFD already present in the bytes is data, not a decode failure.
    replacements = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if replacements <= max(1, MAX_REPLACEMENT_RATIO * len(data)):
        return Decoded(text, "utf-8", replacements)
    try:
        legacy = data.decode("cp874")
    except UnicodeDecodeError as exc:
        if _has_utf8_thai(text):
            return Rejected("mixed_encoding", f"mixed_encoding: Thai in valid UTF-8 alongside {replacements} invalid sequences, and not windows-874 either (byte {exc.start}); replacement would destroy the text")
        return Rejected("undecodable", f"undecodable: not UTF-8, UTF-16 or windows-874 (invalid byte 0x{data[exc.start]:02x} at {exc.start})")
    letters = [ch for ch in legacy if ch.isalpha()]
    thai_share = sum(map(_is_thai, letters)) / max(len(letters), 1)
    if thai_share < MIN_THAI_SHARE or b"\x00" in data:
        return Rejected("undecodable", f"undecodable: not UTF-8 and only {thai_share:.0%} Thai as windows-874 (binary or unknown encoding)")
    return Decoded(legacy, "cp874", 0)


def _has_utf8_thai(text: str) -> bool:
    """True when a lossy UTF-8 decode still found real Thai text (so part of the file is UTF-8)."""
    return sum(map(_is_thai, text)) >= 16


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def doc_id_of(text: str) -> str:
    return text_sha256(text)[:16]


@dataclass(frozen=True)
class SourceFile:
    source_uri: str
    byte_size: int
    mtime_ns: int


def check_source(source: str) -> None:
    """Raise FileNotFoundError for a source that is neither a path that exists nor a glob."""
    if not Path(source).exists() and not any(c in source for c in "*?["):
        raise FileNotFoundError(f"source not found: {source}")


def discover_files(source: str, follow_symlinks: bool = False) -> list[SourceFile]:
    """Every ``*.txt`` file under a directory (recursively, not into symlinked directories),
    or matching a glob, sorted by path.

    Symlinks that lead outside the source root are skipped unless ``follow_symlinks``.
    """
    root = Path(source)
    if root.is_dir():
        found = list(_walk_txt_files(os.path.abspath(root), root.resolve(), follow_symlinks))
    else:
        if root.is_file():
            base, matches = root.parent.resolve(), [source]
        else:
            import glob

            check_source(source)
            matches = glob.glob(source, recursive=True)
            base = Path(os.path.commonpath([os.path.abspath(m) for m in matches])).resolve() if matches else Path.cwd()
        found = [f for m in matches if (f := _source_file(Path(m), base, follow_symlinks))]
    found.sort(key=lambda f: f.source_uri)
    return found


def _walk_txt_files(top: str, base: Path, follow_symlinks: bool) -> Iterator[SourceFile]:
    # os.scandir, not Path.rglob: the no-op rerun lists 63k files, and directory entries
    # already know their type, which saves three system calls per file.
    stack = [top]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif os.path.splitext(entry.name)[1].lower() == ".txt" and not _escapes(entry, base, follow_symlinks) and entry.is_file():
                    st = entry.stat()
                    yield SourceFile(entry.path, st.st_size, st.st_mtime_ns)
            except OSError:
                continue


def _source_file(path: Path, base: Path, follow_symlinks: bool) -> SourceFile | None:
    try:
        if _escapes(path, base, follow_symlinks) or not path.is_file():
            return None
        st = path.stat()
    except OSError:
        return None
    return SourceFile(str(path.absolute()), st.st_size, st.st_mtime_ns)


def _escapes(path: Path | os.DirEntry, base: Path, follow_symlinks: bool) -> bool:
    """A symlink leading outside the source root, which is skipped unless ``follow_symlinks``."""
    return path.is_symlink() and not follow_symlinks and not Path(path).resolve().is_relative_to(base)


def ingest_files(files: list[SourceFile], run_id: str, now: datetime) -> tuple[pa.Table, pa.Table, pa.Table]:
    """Read and decode files. Returns (raw_documents, source_files, quarantine) tables.

    Within the batch, identical texts become one raw_documents row; source_files keeps every path.
    Files that cannot be read (vanished, permission) are quarantined as ``unreadable``.
    """
    raw: dict[str, dict] = {}
    src_rows: list[dict] = []
    quarantine_rows: list[dict] = []
    for f in files:
        try:
            data = Path(f.source_uri).read_bytes()
        except OSError as exc:
            quarantine_rows.append(_quarantine_row(f.source_uri, f.byte_size, "", "unreadable", f"unreadable: {exc.strerror or exc}", run_id, now))
            continue
        content_sha = hashlib.sha256(data).hexdigest()
        result = decode_bytes(data)
        if isinstance(result, Rejected):
            quarantine_rows.append(_quarantine_row(f.source_uri, len(data), content_sha, result.reason_code, result.reason, run_id, now))
            src_rows.append(dict(source_uri=f.source_uri, byte_size=len(data), mtime_ns=f.mtime_ns, content_sha256=content_sha, outcome="quarantined", doc_id=None, run_id=run_id))
            continue
        sha = text_sha256(result.text)
        doc_id = sha[:16]
        outcome = "ingested"
        if doc_id in raw:
            outcome = "duplicate"
        else:
            raw[doc_id] = dict(
                doc_id=doc_id, source_uri=f.source_uri, byte_size=len(data),
                encoding=result.encoding, replacements=result.replacements, text=result.text,
                text_sha256=sha, ingested_at=now, run_id=run_id,
            )
        src_rows.append(dict(source_uri=f.source_uri, byte_size=len(data), mtime_ns=f.mtime_ns, content_sha256=content_sha, outcome=outcome, doc_id=doc_id, run_id=run_id))
    return (
        pa.Table.from_pylist(list(raw.values()), schema=schemas.RAW_DOCUMENTS),
        pa.Table.from_pylist(src_rows, schema=schemas.SOURCE_FILES),
        pa.Table.from_pylist(quarantine_rows, schema=schemas.QUARANTINE),
    )


def _quarantine_row(uri: str, size: int, sha: str, code: str, reason: str, run_id: str, now: datetime) -> dict:
    return dict(source_uri=uri, byte_size=size, content_sha256=sha, reason_code=code, reason=reason, quarantined_at=now, run_id=run_id)
