"""Outlook items (.msg, an OLE compound file) via extract-msg.

What comes out:
- a "header" `TextBlock`: From, To, Cc, Bcc, Subject, Date;
- the body: the plain-text body; if there is none, the HTML body (through the HTML
  extractor); if neither, the RTF body (through the RTF extractor);
- for items other than mail (contacts, tasks, …), their other string properties as
  "name: value" lines, since a contact card is personal data through and through;
- attachments as `Member`s; an attached Outlook item is re-serialised in memory into a
  .msg of its own (`exportBytes`), or, if that fails, given as its text.

Safety: the file is handed to extract-msg as an in-memory stream (olefile treats short
`bytes` as a *path*), nothing is ever saved, and extract-msg's and RTFDE's loggers are
silenced at import, because they log property values and RTF fragments.

Old ANSI .msg files (8-bit strings) whose code page is Japanese, or missing, are read as
CP932: extract-msg would use Shift_JIS (which lacks ①, ㈱, 髙) or ISO-8859-15.
"""

from __future__ import annotations

import io
import logging
import struct
from collections.abc import Callable, Iterator
from typing import ClassVar, TypeVar

import extract_msg
import olefile
from extract_msg.enums import AttachmentType, ErrorBehavior
from extract_msg.exceptions import ExMsgBaseException

from recognizers.content import Block, TextBlock
from scanner.errors import ExtractionError
from scanner.extractors._docutil import cap_blocks, truncation_notes
from scanner.extractors.base import (
    ExtractContext,
    Extraction,
    Extractor,
    Member,
    TextBudget,
)
from scanner.extractors.html import decode_html, html_blocks
from scanner.extractors.rtf import rtf_text
from scanner.filetype import MSG

for _name in ("extract_msg", "RTFDE"):
    logging.getLogger(_name).setLevel(logging.CRITICAL + 1)

_T = TypeVar("_T")
_ERRORS = (
    ErrorBehavior.ATTACH_SUPPRESS_ALL
    | ErrorBehavior.RTFDE
    | ErrorBehavior.STANDARDS_VIOLATION
    | ErrorBehavior.NAMED_NAME_STREAM
)
# What extract-msg and olefile raise on damaged files (they trust the structure).
_MALFORMED = (
    ExMsgBaseException,
    OSError,
    EOFError,
    ValueError,
    LookupError,
    TypeError,
    AttributeError,
    AssertionError,
    NotImplementedError,
    struct.error,
    RecursionError,
)
# String properties worth naming when they show up on non-mail items (MS-OXPROPS).
_PROPERTY_NAMES = {
    0x3001: "表示名",
    0x3A06: "名",
    0x3A11: "姓",
    0x3A44: "ミドルネーム",
    0x3A16: "会社名",
    0x3A18: "部署",
    0x3A17: "役職",
    0x3A08: "勤務先電話",
    0x3A09: "自宅電話",
    0x3A1C: "携帯電話",
    0x3A24: "勤務先FAX",
    0x3A29: "勤務先住所",
    0x3A27: "勤務先市区町村",
    0x3A28: "勤務先都道府県",
    0x3A2A: "勤務先郵便番号",
    0x3A5D: "自宅住所",
    0x3A59: "自宅市区町村",
    0x3A5C: "自宅都道府県",
    0x3A5B: "自宅郵便番号",
}
_SKIP_PROPERTIES = {0x001A, 0x0037, 0x1000, 0x0C1A, 0x5D01, 0x0E04, 0x0E03, 0x0E02, 0x007D}


def _open(data: bytes, encoding: str | None = None) -> extract_msg.msg_classes.MSGFile:
    return extract_msg.openMsg(
        io.BytesIO(data),
        strict=False,
        delayAttachments=True,
        errorBehavior=_ERRORS,
        overrideEncoding=encoding,
    )


def open_msg(data: bytes) -> extract_msg.msg_classes.MSGFile:
    """Open a .msg from memory, reading Japanese ANSI strings as CP932."""
    if not olefile.isOleFile(io.BytesIO(data)):
        raise ExtractionError("corrupt Outlook message (not an OLE file)")
    try:
        msg = _open(data)
        if not msg.areStringsUnicode and (
            "3FFD0003" not in msg.props or msg.getPropertyVal("3FFD0003") == 932
        ):
            msg.close()
            msg = _open(data, "cp932")
    except _MALFORMED as exc:
        raise ExtractionError("corrupt Outlook message") from exc
    return msg


class _Reader:
    """Reads fields one at a time, so one undecodable field does not lose the rest."""

    def __init__(self) -> None:
        self.failed = 0

    def get(self, read: Callable[[], _T]) -> _T | None:
        try:
            return read()
        except _MALFORMED:
            self.failed += 1
            return None


def _header_block(msg: object, reader: _Reader) -> TextBlock | None:
    lines: list[str] = []
    for label, attr in (
        ("From", "sender"),
        ("To", "to"),
        ("Cc", "cc"),
        ("Bcc", "bcc"),
        ("Subject", "subject"),
        ("Date", "date"),
    ):
        value = reader.get(lambda attr=attr: getattr(msg, attr, None))  # type: ignore[misc]
        if value:
            text = value.isoformat() if hasattr(value, "isoformat") else str(value)
            lines.append(f"{label}: {' '.join(text.split())}")
    return TextBlock("\n".join(lines), where="header") if lines else None


def _body_blocks(msg: object, reader: _Reader) -> list[Block]:
    body = reader.get(lambda: getattr(msg, "body", None))
    if isinstance(body, str) and body.strip():
        return [TextBlock(body.replace("\r\n", "\n").strip(), where="body")]
    html = reader.get(lambda: getattr(msg, "htmlBody", None))
    if isinstance(html, bytes) and html.strip():
        return html_blocks(decode_html(html), where="body (html)")
    rtf = reader.get(lambda: getattr(msg, "rtfBody", None))
    if isinstance(rtf, bytes) and rtf.strip():
        text = reader.get(lambda: rtf_text(rtf).strip())
        if text:
            return [TextBlock(text, where="body (rtf)")]
    return []


def _other_properties(msg: extract_msg.msg_classes.MSGFile, reader: _Reader) -> TextBlock | None:
    """String properties of a non-mail item (contact, task …) as "name: value" lines."""
    names = reader.get(lambda: msg.listDir(streams=True, storages=False, includePrefix=False))
    lines: list[str] = []
    for path in names or ():
        stream = path[-1].upper()
        if len(path) != 1 or not stream.startswith("__SUBSTG1.0_"):
            continue
        if stream[-4:] not in ("001F", "001E"):
            continue
        prop = int(stream[12:16], 16)
        if prop in _SKIP_PROPERTIES:
            continue
        value = reader.get(lambda stream=stream: msg.getStringStream(stream[:-4]))  # type: ignore[misc]
        if value and value.strip():
            label = _PROPERTY_NAMES.get(prop, f"0x{prop:04X}")
            lines.append(f"{label}: {' '.join(value.split())}")
    return TextBlock("\n".join(lines), where="properties") if lines else None


def _embedded_text(item: object, reader: _Reader) -> str:
    parts: list[str] = []
    header = _header_block(item, reader)
    if header is not None:
        parts.append(header.text)
    for block in _body_blocks(item, reader):
        if isinstance(block, TextBlock):
            parts.append(block.text)
        else:
            parts.append("\n".join("\t".join(r) for r in (block.header, *block.rows)))
    return "\n".join(parts)


def _attachment_name(att: object, index: int, reader: _Reader) -> str:
    long_name = reader.get(lambda: getattr(att, "longFilename", None))
    short_name = reader.get(lambda: getattr(att, "shortFilename", None))
    display = reader.get(lambda: getattr(att, "displayName", None))
    name = long_name or short_name or display or f"attachment-{index}"
    return " ".join(str(name).split())


def _member(att: object, index: int, ctx: ExtractContext, reader: _Reader) -> Member | None:
    kind = reader.get(lambda: getattr(att, "type", AttachmentType.UNKNOWN))
    name = _attachment_name(att, index, reader)
    data: bytes | None = None
    if kind == AttachmentType.MSG:
        if not name.lower().endswith(".msg"):
            name += ".msg"
        item = reader.get(lambda: getattr(att, "data", None))
        if item is None:
            return Member(name, None, error="unreadable attached Outlook item")
        data = reader.get(lambda: item.exportBytes())
        if data is None:
            text = _embedded_text(item, reader)
            name, data = f"{name}.txt", text.encode("utf-8")
    elif kind == AttachmentType.WEB:
        return Member(name, None, error="linked attachment (not stored in the message)")
    else:
        raw = reader.get(lambda: getattr(att, "data", None))
        if not isinstance(raw, bytes):
            return Member(name, None, error="unreadable attachment")
        data = raw
    ctx.budget.charge(len(data), members=1)
    if len(data) > ctx.limits.max_member_bytes:
        return Member(
            name, None, error=f"attachment larger than {ctx.limits.max_member_bytes} bytes"
        )
    return Member(name, data)


def _members(msg: extract_msg.msg_classes.MSGFile, ctx: ExtractContext) -> Iterator[Member]:
    reader = _Reader()
    try:
        attachments = reader.get(lambda: list(msg.attachments)) or []
        if reader.failed:
            raise ExtractionError("corrupt Outlook message (attachment table unreadable)")
        for index, att in enumerate(attachments, start=1):
            member = _member(att, index, ctx, reader)
            if member is not None:
                yield member
    finally:
        msg.close()


class MsgExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset({MSG})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        msg = open_msg(data)
        reader = _Reader()
        try:
            blocks: list[Block] = []
            header = _header_block(msg, reader)
            if header is not None:
                blocks.append(header)
            blocks.extend(_body_blocks(msg, reader))
            class_type = reader.get(lambda: msg.classType) or ""
            if not class_type.lower().startswith(("ipm.note", "report")):
                extra = _other_properties(msg, reader)
                if extra is not None:
                    blocks.append(extra)
        except BaseException:
            msg.close()
            raise
        budget = TextBudget(ctx.limits.max_text_chars)
        result = Extraction(blocks=cap_blocks(blocks, budget))
        result.notes += truncation_notes(budget, ctx.limits.max_text_chars)
        if reader.failed:
            result.notes.append(f"{reader.failed} fields could not be read")
        if ctx.depth >= ctx.limits.max_depth:
            result.notes.append("attachments not opened: nested too deeply")
            msg.close()
        else:
            result.members = _members(msg, ctx)
        return result
