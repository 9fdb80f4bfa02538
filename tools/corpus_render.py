"""Render a :class:`~tools.corpus_model.Document` into the bytes of one file format.

Every renderer is deterministic: document properties carry the document's own date, and
the ZIP containers of OOXML files are rewritten with fixed member timestamps
(:func:`normalize_zip`), so re-running the generator gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable
from xml.etree import ElementTree as ET

from tools.corpus_model import Cell, Document, PageBreak, Para, Table

MINCHO = "ＭＳ 明朝"
GOTHIC = "ＭＳ ゴシック"

# --------------------------------------------------------------------------- helpers


def cell_text(value: Cell) -> str:
    """How a cell reads in text formats (dates as 2003/04/01)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value.year}/{value.month:02d}/{value.day:02d}"
    return str(value)


def zip_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """A ZIP member timestamp (2-second resolution)."""
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def normalize_zip(
    data: bytes,
    when: dt.datetime,
    edit: Callable[[str, bytes], bytes] | None = None,
    stored: Iterable[str] = (),
) -> bytes:
    """Rewrite a ZIP-based document with fixed timestamps (and optional member edits)."""
    keep_stored = set(stored)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if edit is not None:
                body = edit(info.filename, body)
            new = zipfile.ZipInfo(info.filename, date_time=zip_time(when))
            new.compress_type = (
                zipfile.ZIP_STORED if info.filename in keep_stored else zipfile.ZIP_DEFLATED
            )
            new.external_attr = 0o644 << 16
            dst.writestr(new, body)
    return out.getvalue()


def lines_of(doc: Document, table_sep: str = "\t") -> list[str]:
    """A plain-text rendering: paragraphs as lines, tables as separated rows."""
    lines: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Para):
            lines.append(block.text)
            if block.style in ("title", "heading"):
                lines.append("")
        elif isinstance(block, Table):
            lines.extend(block.title)
            lines.append(table_sep.join(block.headers))
            lines.extend(table_sep.join(cell_text(v) for v in row) for row in block.rows)
            lines.append("")
        else:
            lines.append("")
    return lines


# --------------------------------------------------------------------------- text formats


def render_txt(doc: Document, encoding: str = "utf-8", newline: str = "\r\n") -> bytes:
    """Plain text in *encoding* (``utf-8-sig`` gives a BOM)."""
    return (newline.join(lines_of(doc)) + newline).encode(encoding)


def render_csv(
    table: Table,
    encoding: str = "utf-8-sig",
    delimiter: str = ",",
    with_title: bool = False,
) -> bytes:
    """CSV/TSV with CRLF line ends, as Excel writes it."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    if with_title:
        for line in table.title:
            writer.writerow([line])
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([cell_text(v) for v in row])
    return buf.getvalue().encode(encoding)


def render_json(doc: Document, exported: dt.datetime) -> bytes:
    """A system export: ``{"title", "exported_at", "records": [{key: value}]}``."""
    table = doc.tables[0]
    keys = [c.key or c.header for c in table.columns]
    records = [
        {k: cell_text(v) for k, v in zip(keys, row, strict=True) if v not in (None, "")}
        for row in table.rows
    ]
    payload = {
        "title": doc.title,
        "exported_at": exported.isoformat(),
        "count": len(records),
        "records": records,
    }
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_xml(doc: Document, root_tag: str, item_tag: str, exported: dt.datetime) -> bytes:
    """A UTF-8 XML export with ASCII element names taken from the column keys."""
    root = ET.Element(root_tag, {"title": doc.title, "exported": exported.isoformat()})
    table = doc.tables[0]
    for row in table.rows:
        item = ET.SubElement(root, item_tag)
        for column, value in zip(table.columns, row, strict=True):
            if value not in (None, ""):
                child = ET.SubElement(item, column.key or "field", {"label": column.header})
                child.text = cell_text(value)
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def render_html(doc: Document, encoding: str = "utf-8") -> bytes:
    """A small static page; *encoding* is declared in a ``<meta>`` and used for the bytes."""
    charset = "Shift_JIS" if encoding in ("cp932", "shift_jis") else "UTF-8"
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        if charset == "Shift_JIS"
        else '<meta charset="utf-8">'
    )
    out = [
        "<!DOCTYPE html>",
        '<html lang="ja">',
        "<head>",
        meta,
        f"<title>{html.escape(doc.title)}</title>",
        "<style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px}</style>",
        "</head>",
        "<body>",
    ]
    for block in doc.blocks:
        if isinstance(block, Para):
            tag = {"title": "h1", "heading": "h2", "small": 'p class="note"'}.get(block.style, "p")
            end = tag.split()[0]
            out.append(f"<{tag}>{html.escape(block.text)}</{end}>")
        elif isinstance(block, Table):
            out.append("<table>")
            out.append(
                "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in block.headers) + "</tr>"
            )
            for row in block.rows:
                out.append(
                    "<tr>" + "".join(f"<td>{html.escape(cell_text(v))}</td>" for v in row) + "</tr>"
                )
            out.append("</table>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out).encode(encoding)


def _rtf_escape(text: str) -> str:
    parts: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch in "\\{}":
            parts.append("\\" + ch)
        elif 0x20 <= code < 0x80:
            parts.append(ch)
        elif code < 0x10000:
            parts.append(f"\\u{code - 0x10000 if code > 0x7FFF else code}?")
        else:  # outside the BMP: a UTF-16 surrogate pair
            code -= 0x10000
            for unit in (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)):
                parts.append(f"\\u{unit - 0x10000}?")
    return "".join(parts)


def render_rtf(doc: Document) -> bytes:
    """Hand-written RTF: ``\\ansicpg932``, every non-ASCII character as ``\\uN?``."""
    out = [
        "{\\rtf1\\ansi\\ansicpg932\\deff0\\uc1",
        "{\\fonttbl{\\f0\\fnil\\fcharset128 " + _rtf_escape(MINCHO) + ";}"
        "{\\f1\\fnil\\fcharset128 " + _rtf_escape(GOTHIC) + ";}}",
        "{\\info{\\title " + _rtf_escape(doc.title) + "}{\\author " + _rtf_escape(doc.author) + "}"
        f"{{\\creatim\\yr{doc.date.year}\\mo{doc.date.month}\\dy{doc.date.day}\\hr{doc.date.hour}\\min{doc.date.minute}}}}}",
        "\\paperw11906\\paperh16838\\margl1440\\margr1440",
    ]
    for block in doc.blocks:
        if isinstance(block, Para):
            size = {"title": 32, "heading": 24, "small": 18}.get(block.style, 21)
            font = 1 if block.style in ("title", "heading") else 0
            align = "\\qc" if block.style == "title" else "\\ql"
            out.append(f"\\pard{align}\\f{font}\\fs{size} {_rtf_escape(block.text)}\\par")
        elif isinstance(block, Table):
            width = 9000 // max(1, len(block.columns))
            edges = "".join(
                f"\\clbrdrt\\brdrs\\clbrdrl\\brdrs\\clbrdrb\\brdrs\\clbrdrr\\brdrs\\cellx{width * (i + 1)}"
                for i in range(len(block.columns))
            )
            for row in [block.headers, *[[cell_text(v) for v in r] for r in block.rows]]:
                cells = "".join(f"\\pard\\intbl\\f0\\fs20 {_rtf_escape(str(v))}\\cell" for v in row)
                out.append(f"\\trowd\\trgaph70{edges}{cells}\\row")
            out.append("\\pard\\par")
        else:
            out.append("\\page")
    out.append("}")
    return ("\r\n".join(out) + "\r\n").encode("ascii")


# --------------------------------------------------------------------------- spreadsheets


def render_xlsx(doc: Document, *, macro_enabled: bool = False) -> bytes:
    """One sheet per table; ``Table.title`` lines go above the header row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for table in doc.tables:
        ws = wb.create_sheet(table.name)
        for i, line in enumerate(table.title):
            ws.append([line])
            ws.cell(row=i + 1, column=1).font = Font(bold=i == 0, size=14 if i == 0 else 10)
        if table.title:
            ws.append([])
        header_row = ws.max_row + 1 if table.title else 1
        ws.append(table.headers)
        for cell in ws[header_row]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(horizontal="center")
        for row in table.rows:
            ws.append(list(row))
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy/mm/dd"
        for i, column in enumerate(table.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = column.width
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    props = wb.properties
    props.creator = doc.author
    props.lastModifiedBy = doc.author
    props.title = doc.title
    props.created = doc.date
    props.modified = doc.date
    buf = io.BytesIO()
    wb.save(buf)

    modified = doc.date.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def edit(name: str, body: bytes) -> bytes:
        if name == "docProps/core.xml":  # openpyxl stamps the save time into dcterms:modified
            return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + modified, body)
        if macro_enabled and name == "[Content_Types].xml":
            return body.replace(
                b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
            )
        return body

    return normalize_zip(buf.getvalue(), doc.date, edit)


# --------------------------------------------------------------------------- word processing


def render_docx(
    doc: Document, comment: tuple[str, str] | None = None, for_libreoffice: bool = False
) -> bytes:
    """A Word document with header/footer, grid tables and, optionally, a review comment.

    *comment* = (anchor text, comment text): the comment is anchored to the first
    paragraph containing the anchor. LibreOffice's headless loader crashes on comments,
    so documents meant for UNO conversion pass ``for_libreoffice=True`` and get none.
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Century"
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), MINCHO)
    section = document.sections[0]
    if doc.header:
        section.header.paragraphs[0].text = doc.header
        section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if doc.footer:
        section.footer.paragraphs[0].text = doc.footer
        section.footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    anchor_runs = None
    for block in doc.blocks:
        if isinstance(block, Para):
            if block.style == "title":
                paragraph = document.add_heading(block.text, level=0)
            elif block.style == "heading":
                paragraph = document.add_heading(block.text, level=2)
            else:
                paragraph = document.add_paragraph(block.text)
                if block.style == "small":
                    for run in paragraph.runs:
                        run.font.size = Pt(9)
            if comment and anchor_runs is None and comment[0] in block.text:
                anchor_runs = paragraph.runs
        elif isinstance(block, Table):
            grid = document.add_table(rows=1 + len(block.rows), cols=len(block.columns))
            grid.style = "Table Grid"
            for i, header in enumerate(block.headers):
                grid.cell(0, i).text = header
            for r, row in enumerate(block.rows, start=1):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = cell_text(value)
            document.add_paragraph("")
        elif isinstance(block, PageBreak):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if comment and anchor_runs and not for_libreoffice:
        note = document.add_comment(anchor_runs, text=comment[1], author=doc.author, initials="KY")
        note._comment_elm.date = doc.date
    core = document.core_properties
    core.author = doc.author
    core.last_modified_by = doc.author
    core.title = doc.title
    core.created = doc.date
    core.modified = doc.date
    core.last_printed = doc.date
    core.revision = 1
    buf = io.BytesIO()
    document.save(buf)
    return normalize_zip(buf.getvalue(), doc.date)


def render_pptx(doc: Document, rows_per_slide: int = 10) -> bytes:
    """Title slide, one bullet slide per run of paragraphs, tables split over slides."""
    from pptx import Presentation
    from pptx.util import Emu, Pt

    prs = Presentation()
    prs.slide_width = Emu(12192000)
    prs.slide_height = Emu(6858000)
    title_slide = prs.slides.add_slide(prs.slide_layouts[0])
    title_slide.shapes.title.text = doc.title
    title_slide.placeholders[1].text = doc.author
    pending: list[str] = []

    def flush_bullets(heading: str) -> None:
        if not pending:
            return
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = heading
        frame = slide.placeholders[1].text_frame
        frame.text = pending[0]
        for line in pending[1:]:
            frame.add_paragraph().text = line
        pending.clear()

    heading = doc.title
    for block in doc.blocks:
        if isinstance(block, Para):
            if block.style in ("title", "heading"):
                flush_bullets(heading)
                heading = block.text
            else:
                pending.append(block.text)
        elif isinstance(block, Table):
            flush_bullets(heading)
            for start in range(0, max(1, len(block.rows)), rows_per_slide):
                chunk = block.rows[start : start + rows_per_slide]
                slide = prs.slides.add_slide(prs.slide_layouts[5])
                slide.shapes.title.text = heading if start == 0 else f"{heading}（続き）"
                shape = slide.shapes.add_table(
                    len(chunk) + 1,
                    len(block.columns),
                    Emu(400000),
                    Emu(1500000),
                    Emu(11300000),
                    Emu(400000),
                )
                grid = shape.table
                for c, header in enumerate(block.headers):
                    grid.cell(0, c).text = header
                for r, row in enumerate(chunk, start=1):
                    for c, value in enumerate(row):
                        grid.cell(r, c).text = cell_text(value)
                for r in range(len(chunk) + 1):
                    for c in range(len(block.columns)):
                        for paragraph in grid.cell(r, c).text_frame.paragraphs:
                            for run in paragraph.runs:
                                run.font.size = Pt(12)
    flush_bullets(heading)
    core = prs.core_properties
    core.author = doc.author
    core.last_modified_by = doc.author
    core.title = doc.title
    core.created = doc.date
    core.modified = doc.date
    core.revision = 1
    buf = io.BytesIO()
    prs.save(buf)
    return normalize_zip(buf.getvalue(), doc.date)


# --------------------------------------------------------------------------- PDF


def render_pdf(doc: Document) -> bytes:
    """A4 PDF with the non-embedded CID fonts HeiseiKakuGo-W5 / HeiseiMin-W3."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import PageBreak as RLPageBreak
    from reportlab.platypus import Table as RLTable

    for font in ("HeiseiKakuGo-W5", "HeiseiMin-W3"):
        if font not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(font))
    styles = {
        "title": ParagraphStyle(
            "t", fontName="HeiseiKakuGo-W5", fontSize=16, leading=22, alignment=1, spaceAfter=8
        ),
        "heading": ParagraphStyle(
            "h", fontName="HeiseiKakuGo-W5", fontSize=12, leading=17, spaceBefore=6, spaceAfter=4
        ),
        "body": ParagraphStyle(
            "b", fontName="HeiseiMin-W3", fontSize=10.5, leading=16, wordWrap="CJK"
        ),
        "small": ParagraphStyle(
            "s", fontName="HeiseiMin-W3", fontSize=8.5, leading=12, wordWrap="CJK"
        ),
    }
    cell_style = ParagraphStyle(
        "c", fontName="HeiseiMin-W3", fontSize=8.5, leading=11, wordWrap="CJK"
    )
    story: list[Flowable] = []
    for block in doc.blocks:
        if isinstance(block, Para):
            story.append(Paragraph(html.escape(block.text), styles[block.style]))
        elif isinstance(block, Table):
            data = [[Paragraph(html.escape(h), cell_style) for h in block.headers]]
            data += [
                [Paragraph(html.escape(cell_text(v)), cell_style) for v in row]
                for row in block.rows
            ]
            grid = RLTable(data, repeatRows=1)
            grid.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story += [grid, Spacer(1, 4 * mm)]
        else:
            story.append(RLPageBreak())

    def decorate(canvas: Canvas, _doc: object) -> None:
        canvas.saveState()
        canvas.setFont("HeiseiKakuGo-W5", 8)
        if doc.header:
            canvas.drawRightString(A4[0] - 15 * mm, A4[1] - 10 * mm, doc.header)
        if doc.footer:
            canvas.drawCentredString(A4[0] / 2, 10 * mm, f"{doc.footer}  {canvas.getPageNumber()}")
        canvas.restoreState()

    buf = io.BytesIO()
    template = SimpleDocTemplate(
        buf,
        pagesize=A4,
        title=doc.title,
        author=doc.author,
        creator=doc.author,
        invariant=1,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    template.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buf.getvalue()
