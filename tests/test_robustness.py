"""A hostile share: the scan finishes and every bad file is a row with `error` filled.

One tree holds a corrupt file of each format, a zip bomb, an XML bomb, a symlink loop
and names that are not UTF-8; the real CLI scans it. (An unreadable file and a file
deleted mid-scan need privileges or timing and are covered in test_cli and
test_workers.)
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import openpyxl
import pptx
import pytest
from _clihelp import ScanRunner

OFFICE_FIXTURES = Path(__file__).parent / "data" / "office"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<roster><person><name>&lol9;</name></person></roster>
"""


def _saved(obj: object) -> bytes:
    buf = io.BytesIO()
    obj.save(buf)  # type: ignore[attr-defined]
    return buf.getvalue()


def valid_files() -> dict[str, bytes]:
    wb = openpyxl.Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.append(["氏名", "学籍番号"])
    sheet.append(["山田太郎", "1234567"])
    document = docx.Document()
    document.add_paragraph("氏名 山田太郎")
    deck = pptx.Presentation()
    deck.slides.add_slide(deck.slide_layouts[5]).shapes.title.text = "名簿"
    return {
        "xlsx": _saved(wb),
        "docx": _saved(document),
        "pptx": _saved(deck),
        "pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        + b"\x00garbage" * 50,
        "zip": _zip({"名簿.csv": "氏名\n山田\n".encode()}),
        "odt": _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x"}),
        "json": '[{"氏名": "山田"'.encode(),
        "xml": b"<?xml version='1.0'?><roster><person>",
        "rtf": b"{\\rtf1\\ansi\\ansicpg932 {\\fonttbl",
        "7z": b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\xff" * 100,
        "gz": b"\x1f\x8b\x08\x00" + b"\x00" * 40,
        "ole": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
        "doc": (OFFICE_FIXTURES / "roster.doc").read_bytes(),
        "xls": (OFFICE_FIXTURES / "roster.xls").read_bytes(),
    }


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("zeros.csv", b"0" * (64 * 1024 * 1024))  # ~1000:1
    return buf.getvalue()


@pytest.fixture(scope="module")
def hostile_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for fmt, data in valid_files().items():
        # Zip-based and structured formats: cut in half; others are already broken.
        cut = (
            data[: len(data) // 2] if fmt in {"xlsx", "docx", "pptx", "zip", "doc", "xls"} else data
        )
        (root / f"corrupt.{fmt}").write_bytes(cut)
    (root / "bomb.zip").write_bytes(zip_bomb())
    (root / "bomb.xml").write_bytes(BILLION_LAUGHS)
    loop = root / "loop"
    loop.mkdir()
    (loop / "up").symlink_to(root, target_is_directory=True)
    (loop / "self").symlink_to(loop / "self")
    raw = os.fsencode(root)
    with open(os.path.join(raw, "名簿.csv".encode("cp932")), "wb") as fh:
        fh.write("氏名\n山田\n".encode("cp932"))
    with open(os.path.join(raw, b"bad\xff\xfe.txt"), "wb") as fh:
        fh.write(b"x")
    (root / "empty.txt").write_bytes(b"")
    return root


@pytest.mark.parametrize("follow", [False, True], ids=["no-follow", "follow-symlinks"])
def test_scan_finishes_and_every_bad_file_is_a_row(
    hostile_tree: Path, run_scan: ScanRunner, follow: bool
) -> None:
    extra = ("--follow-symlinks",) if follow else ()
    rows = {r["path"]: r for r in run_scan(hostile_tree, extra=extra)}
    root = str(hostile_tree)
    for fmt in [
        "xlsx",
        "docx",
        "pptx",
        "zip",
        "pdf",
        "odt",
        "json",
        "xml",
        "7z",
        "gz",
        "ole",
        "doc",
        "xls",
    ]:
        row = rows[f"{root}/corrupt.{fmt}"]
        assert row["error"], f"corrupt .{fmt} should say why it was not read: {row}"
    assert rows[f"{root}/corrupt.rtf"]  # RTF readers are lenient: a row, maybe no error
    bomb = rows[f"{root}/bomb.zip"]
    assert "zip bomb" in bomb["error"] or "ratio" in bomb["error"], bomb
    assert not any(p.startswith(f"{root}/bomb.zip!") and not rows[p]["error"] for p in rows)
    assert rows[f"{root}/bomb.xml"]["error"]
    assert rows[f"{root}/名簿.csv"]["error"] == ""
    assert rows[f"{root}/bad\\xff\\xfe.txt"]["error"] == ""
    assert rows[f"{root}/empty.txt"]["error"] == ""
    # each file once, even when links lead back into the tree
    corrupt_rows = [p for p in rows if p.endswith("corrupt.xlsx")]
    assert len(corrupt_rows) == 1


def test_error_cells_carry_no_file_content(hostile_tree: Path, run_scan: ScanRunner) -> None:
    rows = run_scan(hostile_tree)
    for row in rows:
        for planted in ("山田", "1234567", "lol"):
            assert planted not in row["error"], row
