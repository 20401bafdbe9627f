"""Reading users' files: encodings, PDF text layers, Word tables, and the errors a user can act on."""

from __future__ import annotations

import codecs
import importlib.util
import random
from pathlib import Path

import pytest

from assistant.documents.readers import (
    PAGE_BREAK,
    SUPPORTED_SUFFIXES,
    ReadError,
    decode_text,
    read_document_text,
)

DATA = Path(__file__).resolve().parent / "data"
DOCS = DATA / "docs"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"

LONG_TEXT = (
    "晋城市推动大规模设备更新和消费品以旧换新实施方案\n\n"
    "一、工作目标\n"
    "到 2027 年，工业、农业、建筑、交通、教育、文旅、医疗等领域设备投资规模较 2023 年增长 25%以上。\n"
    "（一）推动工业设备更新升级\n"
    "1．加快重点行业设备更新和技术改造。（牵头单位：市工信局；配合单位：市财政局）\n"
) * 5
SHORT_TEXTS = [
    "通知",
    "联通",
    "以旧换新",
    "苏府〔2024〕55号",
    "第一条 总则",
    "关于做好汽车以旧换新工作的通知",
]


def load_fixture_maker():
    spec = importlib.util.spec_from_file_location("make_fixtures", DATA / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".pdf", ".docx")


@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("gbk", b""),
        ("gb18030", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
    ],
)
def test_long_text_in_every_encoding(tmp_path, encoding, bom):
    path = write(tmp_path, "plan.txt", bom + LONG_TEXT.encode(encoding))
    assert read_document_text(path) == LONG_TEXT


@pytest.mark.parametrize("text", SHORT_TEXTS)
@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8"])
def test_short_chinese_text(tmp_path, text, encoding):
    # "联通" in GBK is also valid UTF-8 (the Notepad mojibake): it must still come back as 联通.
    assert read_document_text(write(tmp_path, "short.txt", text.encode(encoding))) == text


@pytest.mark.parametrize("text", SHORT_TEXTS)
def test_short_utf16_with_bom(tmp_path, text):
    assert read_document_text(write(tmp_path, "short.md", text.encode("utf-16"))) == text


def test_crlf_and_cr_become_newlines(tmp_path):
    path = write(tmp_path, "crlf.txt", "第一条 总则\r\n第二条 范围\r第三条 附则\r\n".encode("gbk"))
    assert read_document_text(path) == "第一条 总则\n第二条 范围\n第三条 附则\n"


def test_seed_documents_are_read_unchanged():
    for path in sorted(CORPUS.glob("*.txt")):
        assert read_document_text(path) == path.read_text(encoding="utf-8")


def test_fixture_files_in_their_encodings():
    gbk = read_document_text(DOCS / "shandong_xize_gbk.txt")
    assert "鲁商字〔2025〕1号" in gbk and "第十二条 本细则自印发之日起施行" in gbk
    utf16 = read_document_text(DOCS / "suqian_gonggao_utf16le_bom.txt")
    assert utf16.startswith("宿迁市商务局 宿迁市财政局\n") and "（1）冰箱、洗衣机" in utf16
    markdown = read_document_text(DOCS / "changzhou_cuoshi_utf8_bom.md")
    assert markdown.startswith("# 常州市加快推进")  # the BOM is gone
    assert "| 1 | 汽车报废更新补贴 | 市商务局 |" in markdown
    utf8 = read_document_text(DOCS / "wuhu_fangan_utf8.txt")
    assert "芜政〔2024〕18 号" in utf8 and "— 2 —" in utf8


def test_docx_keeps_paragraphs_and_table_rows_in_order():
    text = read_document_text(DOCS / "zhuzhou_fangan.docx")
    lines = text.split("\n")
    annex = lines.index("附件：细化措施分工表")
    assert lines[annex + 1] == "序号 | 细化措施 | 牵头单位 | 配合单位"
    # a cell of two paragraphs stays on its row's line
    assert lines[annex + 2] == "1 | 汽车报废更新补贴每辆最高2万元 | 市商务局 | 市财政局 市公安局"
    # a cell merged across the whole row is written once, not four times
    assert lines[annex + 5] == "注：各县市区人民政府负责本辖区内各项措施的组织实施。"
    assert lines.index("株洲市人民政府办公室") > annex + 5
    assert lines[0] == "株洲市人民政府办公室文件"


def test_pdf_text_layer_with_page_break():
    text = read_document_text(DOCS / "zibo_fangan.pdf")
    first, second = text.split(PAGE_BREAK)
    assert first.startswith("淄博市人民政府办公室文件\n淄政办字〔2024〕21 号\n")
    assert first.rstrip().endswith("2024 年 9 月 2 日")
    assert second.startswith("淄博市推动大规模设备更新和\n消费品以旧换新实施方案\n一、工作目标")
    assert "（牵头单位：市交通运输局）" in second


def test_fixture_generator_reproduces_the_committed_binaries(tmp_path):
    maker = load_fixture_maker()
    (tmp_path / "new.pdf").write_bytes(maker.pdf_bytes(maker.ZIBO_PDF_PAGES))
    assert (tmp_path / "new.pdf").read_bytes() == (DOCS / "zibo_fangan.pdf").read_bytes()
    maker.write_docx(tmp_path / "new.docx")
    assert read_document_text(tmp_path / "new.docx") == read_document_text(DOCS / "zhuzhou_fangan.docx")


def test_pdf_without_text_layer_is_a_scan(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "扫描件.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(
        ReadError, match="扫描件.pdf: looks like a scanned PDF with no text layer; OCR it first"
    ):
        read_document_text(path)


def test_truncated_pdf(tmp_path):
    data = (DOCS / "zibo_fangan.pdf").read_bytes()
    path = write(tmp_path, "half.pdf", data[: len(data) // 2])
    with pytest.raises(ReadError, match=r"^half\.pdf: the PDF is truncated or corrupt"):
        read_document_text(path)


def test_corrupt_pdf(tmp_path):
    path = write(tmp_path, "broken.pdf", b"%PDF-1.4\n" + random.Random(0).randbytes(2000) + b"\n%%EOF\n")
    with pytest.raises(ReadError, match=r"^broken\.pdf: the PDF is corrupt or unreadable"):
        read_document_text(path)


def test_text_named_pdf(tmp_path):
    path = write(tmp_path, "notes.pdf", "这不是PDF".encode())
    with pytest.raises(ReadError, match=r"notes\.pdf: not a PDF file"):
        read_document_text(path)


def test_corrupt_docx(tmp_path):
    path = write(tmp_path, "方案.docx", b"PK\x03\x04" + random.Random(1).randbytes(500))
    with pytest.raises(ReadError, match=r"^方案\.docx: the \.docx file is corrupt or unreadable"):
        read_document_text(path)


@pytest.mark.parametrize(
    "name, shown", [("table.xlsx", ".xlsx"), ("old.doc", ".doc"), ("README", "(no extension)")]
)
def test_unsupported_file_type(tmp_path, name, shown):
    path = write(tmp_path, name, b"anything")
    with pytest.raises(ReadError) as caught:
        read_document_text(path)
    assert str(caught.value) == f"{name}: unsupported file type {shown} (supported: .txt .md .pdf .docx)"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\n\t",
        "\u3000\u3000\n".encode(),
        codecs.BOM_UTF8,
        codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"),
    ],
)
def test_empty_files(tmp_path, data):
    path = write(tmp_path, "空白.txt", data)
    with pytest.raises(ReadError, match=r"^空白\.txt: the file is empty"):
        read_document_text(path)


def test_binary_with_nul_bytes_named_txt(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(ReadError, match=r"^image\.txt: not a text file"):
        read_document_text(write(tmp_path, "image.txt", png))


def test_undecodable_bytes_named_txt(tmp_path):
    garbage = bytes(b for b in range(1, 256) if b not in b"\t\n\r\x0b\x0c ") * 8
    with pytest.raises(ReadError, match=r"^garbage\.txt: not a text file"):
        read_document_text(write(tmp_path, "garbage.txt", garbage))


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match=r"^gone\.txt: file not found"):
        read_document_text(tmp_path / "gone.txt")


def test_read_error_is_one_line_naming_the_file(tmp_path):
    error = ReadError(tmp_path / "a" / "报告.pdf", "the PDF is corrupt\n(xref table\nbroken)")
    assert str(error) == "报告.pdf: the PDF is corrupt (xref table broken)"
    assert error.path.name == "报告.pdf" and "\n" not in str(error)


def test_decode_text_bytes_directly():
    assert decode_text("苏州".encode("gb18030")) == "苏州"


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_a_file_cut_mid_character_keeps_its_encoding(tmp_path, encoding):
    data = (LONG_TEXT + "特此通知").encode(encoding)[:-1]
    text = read_document_text(write(tmp_path, "cut.txt", data))
    assert text == LONG_TEXT + "特此通\ufffd"
