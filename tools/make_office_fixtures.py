"""Regenerate the legacy Office fixtures in tests/data/office/ (needs LibreOffice).

Python libraries cannot write .doc, .xls or .ppt, so we build the documents as
.docx/.xlsx/.pptx with python-docx, openpyxl and python-pptx, open them in a headless
LibreOffice over UNO and store them with the "MS Word 97", "MS Excel 97" and
"MS PowerPoint 97" filters, once plainly and once with the "Password" property
(RC4 encryption) for .doc and .xls. LibreOffice 7.4 ignores the password for .ppt
(the file comes out unencrypted), so there is no encrypted .ppt fixture.

The .ppt filter always embeds a 600 KB bitmap thumbnail in `\\x05SummaryInformation`;
we rewrite the compound file without that stream (see `write_cfb`) to keep the
fixture small. The tests never need LibreOffice: they read the files committed here.

    .venv/bin/python -m tools.make_office_fixtures

Every name, number and address in the fixtures is invented.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import docx
import msoffcrypto
import olefile
import openpyxl
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from pptx import Presentation
from pptx.util import Inches

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "office"
PASSWORD = "piiscan-test"
ROSTER = [
    ("氏名", "学籍番号", "口座番号"),
    ("山田太郎", "S2024001", "1234567"),
    ("佐藤花子", "S2024002", "7654321"),
]


def make_docx(path: Path, comment: bool = True) -> None:
    document = docx.Document()
    document.add_paragraph("2024年度 履修者名簿（社外秘）")
    paragraph = document.add_paragraph("担当：山田太郎　電話 090-1234-5678　メール ")
    # a hyperlink, which the .doc filter writes as a HYPERLINK field
    rid = document.part.relate_to("mailto:taro.yamada@example.jp", RT.HYPERLINK, True)
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}">'
            "<w:r><w:t>taro.yamada@example.jp</w:t></w:r></w:hyperlink>"
        )
    )
    table = document.add_table(rows=len(ROSTER), cols=len(ROSTER[0]))
    for r, row in enumerate(ROSTER):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    note = document.add_paragraph("本人確認：")
    run = note.add_run("鈴木一郎")
    if comment:
        document.add_comment([run], text="確認者 高橋次郎 内線 1234", author="確認者")
    section = document.sections[0]
    section.header.paragraphs[0].text = "人事部 社外秘"
    section.footer.paragraphs[0].text = "総務課 03-1234-5678"
    document.save(str(path))


def make_xlsx(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "名簿"
    ws.append(["2024年度 履修者名簿"])
    ws.append([])
    ws.append(["氏名", "学籍番号", "口座番号", "生年月日", "電話番号"])
    ws.append(["山田太郎", "S2024001", 1234567, date(2001, 4, 1), "0312345678"])
    ws.append(["佐藤花子", "S2024002", 7654321, date(2002, 5, 3), "09012345678"])
    ws["D4"].number_format = ws["D5"].number_format = "yyyy-mm-dd"
    contacts = wb.create_sheet("緊急連絡先")
    contacts.append(["氏名", "続柄", "電話番号"])
    contacts.append(["山田花子", "母", "090-9876-5432"])
    wb.save(str(path))


def make_pptx(path: Path) -> None:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "履修者名簿"
    slide.placeholders[1].text = "担当 山田太郎\n電話 090-1234-5678"
    slide.notes_slide.notes_text_frame.text = "メモ：佐藤花子さんの口座番号 7654321"
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "連絡先一覧"
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
    box.text_frame.text = "鈴木一郎 suzuki@example.jp"
    prs.save(str(path))


# --- LibreOffice over UNO ---------------------------------------------------------


def _uno() -> Any:
    # LibreOffice's Python bridge lives with the system Python (python3-uno).
    sys.path.append("/usr/lib/python3/dist-packages")
    import uno  # type: ignore[import-not-found]

    return uno


def _prop(uno: Any, name: str, value: object) -> Any:
    prop = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
    prop.Name, prop.Value = name, value
    return prop


def convert(sources: Sequence[Path], fmt: str, outdir: Path) -> None:
    """`soffice --convert-to` each source into `outdir` (same stem, extension `fmt`)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}"]
            + ["--convert-to", fmt, "--outdir", str(outdir)]
            + [str(s) for s in sources],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=300,
        )


def store_with_password(jobs: Sequence[tuple[Path, Path, str]], password: str) -> None:
    """Store each (source, target, filter) with `password`, over UNO.

    The command line cannot pass a password. LibreOffice 7.4 crashes loading a
    document with comments over UNO, so sources for this must have none.
    """
    uno = _uno()
    pipe = f"piiscan_fixtures_{os.getpid()}"
    with tempfile.TemporaryDirectory() as profile:
        soffice = subprocess.Popen(
            [
                "soffice",
                "--headless",
                "--norestore",
                f"-env:UserInstallation=file://{profile}",
                f"--accept=pipe,name={pipe};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # soffice is a wrapper: end the whole group below
        )
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext(
                "com.sun.star.bridge.UnoUrlResolver", local
            )
            for _ in range(120):
                try:
                    ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except Exception:  # NoConnectException until soffice is up
                    time.sleep(0.5)
            else:
                raise RuntimeError("soffice did not start")
            desktop = ctx.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", ctx
            )
            for source, target, filter_name in jobs:
                url = uno.systemPathToFileUrl(str(source))
                doc = desktop.loadComponentFromURL(url, "_blank", 0, (_prop(uno, "Hidden", True),))
                props = (_prop(uno, "FilterName", filter_name), _prop(uno, "Password", password))
                doc.storeToURL(uno.systemPathToFileUrl(str(target)), props)
                doc.close(True)
            try:
                desktop.terminate()
            except Exception:  # the bridge drops as soffice exits
                pass
            soffice.wait(timeout=60)
        finally:
            if soffice.poll() is None:
                os.killpg(soffice.pid, signal.SIGTERM)
                soffice.wait(timeout=30)


# --- a minimal compound-file writer -------------------------------------------------

_FREE, _END, _FAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
_SECTOR, _MINI, _CUTOFF = 512, 64, 4096


def _chain(fat: list[int], first: int, count: int) -> None:
    for i in range(count):
        fat.append(first + i + 1 if i < count - 1 else _END)


def write_cfb(streams: Sequence[tuple[str, bytes]]) -> bytes:
    """A version-3 compound file ([MS-CFB]) holding `streams` at its root.

    Just enough for fixtures: no storages, the directory a right-leaning list.
    """
    mini = bytearray()
    minifat: list[int] = []
    big: list[bytes] = []
    placed: list[tuple[str, int, int, bool]] = []  # name, start, size, in mini stream
    for name, data in streams:
        if not data:
            placed.append((name, _END, 0, True))
        elif len(data) < _CUTOFF:
            first, count = len(mini) // _MINI, -(-len(data) // _MINI)
            _chain(minifat, first, count)
            mini += data.ljust(count * _MINI, b"\0")
            placed.append((name, first, len(data), True))
        else:
            placed.append((name, -1, len(data), False))
            big.append(data)
    sectors: list[bytes] = []
    fat: list[int] = []

    def add(payload: bytes) -> int:
        first, count = len(sectors), -(-len(payload) // _SECTOR)
        for i in range(count):
            sectors.append(payload[i * _SECTOR : (i + 1) * _SECTOR].ljust(_SECTOR, b"\0"))
        _chain(fat, first, count)
        return first

    big_starts = iter([add(data) for data in big])
    mini_start = add(bytes(mini)) if mini else _END
    n_minifat = -(-len(minifat) * 4 // _SECTOR)
    minifat += [_FREE] * (n_minifat * _SECTOR // 4 - len(minifat))
    minifat_start = add(b"".join(n.to_bytes(4, "little") for n in minifat)) if minifat else _END

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return b"".join(
            [
                encoded.ljust(64, b"\0"),
                len(encoded).to_bytes(2, "little"),
                bytes([kind, 1]),  # type; colour black
                _FREE.to_bytes(4, "little"),  # left sibling
                right.to_bytes(4, "little"),
                child.to_bytes(4, "little"),
                bytes(16 + 4 + 16),  # clsid, state bits, times
                start.to_bytes(4, "little"),
                size.to_bytes(8, "little"),
            ]
        )

    entries = [entry("Root Entry", 5, 1 if placed else _FREE, _FREE, mini_start, len(mini))]
    for i, (name, start, size, in_mini) in enumerate(placed, start=1):
        right = i + 1 if i < len(placed) else _FREE
        entries.append(entry(name, 2, _FREE, right, start if in_mini else next(big_starts), size))
    while len(entries) % (_SECTOR // 128):
        entries.append(entry("", 0, _FREE, _FREE, 0, 0))  # unused
    dir_start = add(b"".join(entries))
    n_fat = 1
    while n_fat * (_SECTOR // 4) < len(sectors) + n_fat:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("too large for this minimal writer")
    fat_start = len(sectors)
    fat += [_FAT] * n_fat
    fat += [_FREE] * (n_fat * (_SECTOR // 4) - len(fat))
    fat_bytes = b"".join(n.to_bytes(4, "little") for n in fat)
    sectors += [fat_bytes[i * _SECTOR : (i + 1) * _SECTOR] for i in range(n_fat)]
    difat = [fat_start + i for i in range(n_fat)] + [_FREE] * (109 - n_fat)
    header = b"".join(
        [
            bytes.fromhex("d0cf11e0a1b11ae1"),
            bytes(16),
            (0x003E).to_bytes(2, "little"),
            (0x0003).to_bytes(2, "little"),
            (0xFFFE).to_bytes(2, "little"),
            (9).to_bytes(2, "little"),  # 512-byte sectors
            (6).to_bytes(2, "little"),  # 64-byte mini sectors
            bytes(6),
            (0).to_bytes(4, "little"),  # directory sectors (0 in version 3)
            n_fat.to_bytes(4, "little"),
            dir_start.to_bytes(4, "little"),
            (0).to_bytes(4, "little"),
            _CUTOFF.to_bytes(4, "little"),
            minifat_start.to_bytes(4, "little"),
            n_minifat.to_bytes(4, "little"),
            _END.to_bytes(4, "little"),  # no DIFAT sectors
            (0).to_bytes(4, "little"),
            b"".join(n.to_bytes(4, "little") for n in difat),
        ]
    )
    return header + b"".join(sectors)


def drop_streams(data: bytes, unwanted: set[str]) -> bytes:
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        names = ["/".join(e) for e in ole.listdir(streams=True, storages=True)]
        if any("/" in name for name in names):
            raise ValueError("storages are not supported by write_cfb")
        kept = [(n, ole.openstream(n).read()) for n in names if n not in unwanted]
    return write_cfb(kept)


def _encrypted(path: Path) -> bool:
    with path.open("rb") as fh:
        return bool(msoffcrypto.OfficeFile(fh).is_encrypted())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "pw").mkdir()
        make_docx(work / "roster.docx")
        make_docx(work / "pw" / "roster.docx", comment=False)
        make_xlsx(work / "roster.xlsx")
        make_pptx(work / "slides.pptx")
        convert([work / "roster.docx"], "doc", OUT)
        convert([work / "roster.xlsx"], "xls", OUT)
        convert([work / "slides.pptx"], "ppt", work)
        store_with_password(
            [
                (work / "pw" / "roster.docx", OUT / "roster_pw.doc", "MS Word 97"),
                (work / "roster.xlsx", OUT / "roster_pw.xls", "MS Excel 97"),
                (work / "slides.pptx", work / "slides_pw.ppt", "MS PowerPoint 97"),
            ],
            PASSWORD,
        )
        ppt = (work / "slides.ppt").read_bytes()
        (OUT / "slides.ppt").write_bytes(drop_streams(ppt, {"\x05SummaryInformation"}))
        if _encrypted(work / "slides_pw.ppt"):
            print("LibreOffice now encrypts .ppt: add slides_pw.ppt and its test")
        else:
            print("LibreOffice saved slides_pw.ppt unencrypted: no encrypted .ppt fixture")
    for name in ("roster.doc", "roster.xls", "slides.ppt"):
        assert not _encrypted(OUT / name), name
    for name in ("roster_pw.doc", "roster_pw.xls"):
        assert _encrypted(OUT / name), name
    for path in sorted(OUT.iterdir()):
        print(f"{path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
