"""Read a user's document file (.txt/.md in any common Chinese encoding, .pdf, .docx) into raw text."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import AssistantError

if TYPE_CHECKING:
    from docx.table import Table

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx")
PAGE_BREAK = "\n\f\n"  # between PDF pages: a line holding only a form feed, i.e. a blank line once stripped
CELL_SEPARATOR = " | "  # between the cells of a .docx table row, which becomes one line

_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_MIN_LETTERS_PER_PAGE = 10  # a PDF averaging fewer letters per page than this is a scan


class ReadError(AssistantError):
    """A file that cannot be turned into text; str() is one line that names the file."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = " ".join(reason.split())  # one line, whatever a library's message held
        super().__init__(f"{self.path.name}: {self.reason}")


def read_document_text(path: Path | str) -> str:
    """The text of a document file, newlines normalised to "\\n"; raises ReadError with a clear reason."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "(no extension)"
        raise ReadError(path, f"unsupported file type {shown} (supported: {' '.join(SUPPORTED_SUFFIXES)})")
    if not path.is_file():
        raise ReadError(path, "file not found")
    if suffix == ".pdf":
        text = _read_pdf(path)
    elif suffix == ".docx":
        text = _read_docx(path)
    else:
        text = decode_text(path.read_bytes(), path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError(path, "the file is empty (no text)")
    return text


def decode_text(data: bytes, path: Path | str = "<bytes>") -> str:
    """Decode a plain-text file: BOM, strict UTF-8, UTF-16 by its NUL pattern, GB18030, then a guess."""
    if not data.strip():
        raise ReadError(path, "the file is empty (no text)")
    decoders = (
        _decode_by_bom,
        _decode_utf8,
        _decode_utf16_without_bom,
        _decode_gb18030,
        _decode_utf8_damaged,
        _decode_gb18030_damaged,
        _guess_decode,
    )
    for decode in decoders:
        text = decode(data)
        if text is not None and _looks_like_text(text):
            return text
    raise ReadError(path, "not a text file (binary content or an unknown encoding)")


def _decode_by_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data[len(bom) :], encoding)
    return None


def _decode_strict(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return None if "\x00" in text else text


def _decode_utf8(data: bytes) -> str | None:
    """Strict UTF-8, except for the rare GBK text whose bytes also happen to be valid UTF-8 ("联通")."""
    text = _decode_strict(data, "utf-8")
    if text is None or any(ord(ch) >= 0x800 for ch in text):
        return text
    non_ascii = sum(not ch.isascii() for ch in text)
    if non_ascii * 2 > len("".join(text.split())):  # mostly Latin-extended/Greek/Cyrillic: mojibake of GBK
        return _decode_strict(data, "gb18030") or text
    return text


def _decode_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII characters (newlines, digits) leave NUL bytes on one side of each pair."""
    if len(data) % 2 or b"\x00" not in data:
        return None
    nul_even = data[0::2].count(0)
    nul_odd = data[1::2].count(0)
    if nul_odd > 4 * nul_even:
        return _decode_strict(data, "utf-16-le")
    if nul_even > 4 * nul_odd:
        return _decode_strict(data, "utf-16-be")
    return None


def _decode_gb18030(data: bytes) -> str | None:
    """GB18030 (a superset of GBK and GB2312), the usual encoding of Chinese text saved on Windows."""
    return None if b"\x00" in data else _decode_strict(data, "gb18030")


def _decode_damaged(data: bytes, encoding: str) -> str | None:
    """A file in `encoding` with a few bad bytes (cut mid-character, a stray byte): U+FFFD marks each."""
    text = data.decode(encoding, errors="replace")
    damage = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    return text if "\x00" not in text and damage <= max(2, len(text) // 1000) else None


def _decode_utf8_damaged(data: bytes) -> str | None:
    return _decode_damaged(data, "utf-8")


def _decode_gb18030_damaged(data: bytes) -> str | None:
    return _decode_damaged(data, "gb18030")


def _guess_decode(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else _decode_strict(data, best.encoding)


def _looks_like_text(text: str) -> bool:
    """False for decoded binary: control characters or unassigned/private code points beyond a trace."""
    bad = sum(
        1
        for ch in text
        if (ch < " " and ch not in _ALLOWED_CONTROLS) or unicodedata.category(ch) in ("Cn", "Co", "Cs")
    )
    return bad <= len(text) // 100


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader

    data = path.read_bytes()
    if b"%PDF-" not in data[:1024]:
        raise ReadError(path, "not a PDF file (no %PDF header)")
    if b"%%EOF" not in data:
        raise ReadError(path, "the PDF is truncated or corrupt (no end-of-file marker)")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError(path, "the PDF is password-protected")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise ReadError(path, f"the PDF is corrupt or unreadable ({type(exc).__name__}: {exc})") from exc
    letters = sum(ch.isalpha() for page in pages for ch in page)
    if letters < _MIN_LETTERS_PER_PAGE * max(len(pages), 1):
        raise ReadError(path, "looks like a scanned PDF with no text layer; OCR it first")
    return PAGE_BREAK.join(page.strip("\n") for page in pages)


def _read_docx(path: Path) -> str:
    """Paragraphs and tables in document order; each table row one line of cells joined by " | "."""
    from docx import Document as open_docx
    from docx.table import Table  # noqa: F811 (the runtime import of the name typed above)

    try:
        document = open_docx(str(path))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
                lines.append("")
            else:
                lines.append(block.text)
    except Exception as exc:  # python-docx raises zipfile, lxml and KeyError failures on damaged files
        raise ReadError(
            path, f"the .docx file is corrupt or unreadable ({type(exc).__name__}: {exc})"
        ) from exc
    return "\n".join(lines)


def _table_lines(table: Table) -> list[str]:
    """One line per row. A cell merged across columns is written once; one merged down rows repeats on each."""
    lines = []
    for row in table.rows:
        cells, seen = [], []
        for cell in row.cells:
            if any(cell._tc is element for element in seen):
                continue
            seen.append(cell._tc)
            cells.append(" ".join(part.strip() for part in cell.text.splitlines() if part.strip()))
        if any(cells):
            lines.append(CELL_SEPARATOR.join(cells))
    return lines
