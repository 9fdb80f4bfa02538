"""Internet mail (.eml, message/rfc822), read with the standard `email` package.

What comes out:
- a "header" `TextBlock` with From, To, Cc, Bcc, Reply-To, Subject and Date, decoded;
- each body part: text/plain in its declared charset, text/html through the HTML
  extractor (so a roster in the body stays a `Table`). Of a multipart/alternative only
  the text/plain version is read when there is one, so the body is not counted twice;
- each attachment as a `Member` (name = its file name), nested messages included
  (re-serialised as .eml bytes), yielded lazily and charged to the shared budget.

Japanese mail rarely follows the RFCs to the letter, so headers are decoded by hand
rather than by `policy.default` (which mangles these): MIME encoded words in any charset
(adjacent words joined before decoding, since mailers split multi-byte characters
across them), raw ISO-2022-JP, raw Shift_JIS/UTF-8 bytes, and charset labels Python
does not know (`x-sjis`). ISO-2022-JP with Windows extensions (①, ㈱) and Shift_JIS
with CP932 characters decode correctly (see `_docutil.decode_declared`).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from email import policy
from email.errors import MessageError
from email.message import EmailMessage, Message
from email.parser import BytesParser
from typing import ClassVar

from recognizers.content import Block, TextBlock
from scanner.errors import ExtractionError
from scanner.extractors._docutil import cap_blocks, decode_bytes, truncation_notes
from scanner.extractors.base import (
    ExtractContext,
    Extraction,
    Extractor,
    Member,
    TextBudget,
)
from scanner.extractors.html import decode_html, html_blocks

HEADERS = ("Return-Path", "From", "To", "Cc", "Bcc", "Reply-To", "Subject", "Date")
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The things the email package raises on malformed input it does not tolerate.
_MALFORMED = (MessageError, ValueError, LookupError, TypeError, AttributeError, AssertionError)


def _raw_text(value: str) -> str:
    """Header text outside encoded words: raw 8-bit or ISO-2022-JP bytes, decoded."""
    if value.isascii() and "\x1b" not in value:
        return value
    return decode_bytes(value.encode("utf-8", "surrogateescape"))


def _word_bytes(encoding: str, payload: str) -> bytes:
    raw = payload.encode("ascii", "replace")
    try:
        if encoding in "bB":
            return base64.b64decode(raw + b"=" * (-len(raw) % 4))
        return binascii.a2b_qp(raw, header=True)
    except (binascii.Error, ValueError):
        return raw


def decode_header_value(raw: str) -> str:
    """Decode a raw header value as Japanese mailers write them (module docstring)."""
    value = _FOLD.sub("", raw)
    out: list[str] = []
    pending: tuple[str, bytearray] | None = None  # adjacent encoded words, same charset
    pos = 0
    for match in _ENCODED_WORD.finditer(value):
        between = value[pos : match.start()]
        charset = match.group(1).split("*", 1)[0]  # drop an RFC 2231 language tag
        data = _word_bytes(match.group(2), match.group(3))
        if pending is not None and not between.strip() and pending[0].lower() == charset.lower():
            pending[1].extend(data)
        else:
            if pending is not None:
                out.append(decode_bytes(bytes(pending[1]), pending[0]))
                pending = None
            if between.strip() or not out:
                out.append(_raw_text(between))
            pending = (charset, bytearray(data))
        pos = match.end()
    if pending is not None:
        out.append(decode_bytes(bytes(pending[1]), pending[0]))
    out.append(_raw_text(value[pos:]))
    return _CONTROL.sub(" ", "".join(out)).strip()


def _header_block(msg: Message) -> TextBlock | None:
    lines: list[str] = []
    items = [(name.lower(), value) for name, value in msg.raw_items()]
    for header in HEADERS:
        for name, value in items:
            if name == header.lower():
                text = decode_header_value(str(value))
                if text:
                    lines.append(f"{header}: {text}")
    return TextBlock("\n".join(lines), where="header") if lines else None


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except _MALFORMED:
        return None
    return decode_header_value(name) if name else None


def _is_attachment(part: Message) -> bool:
    maintype = part.get_content_maintype()
    if maintype == "multipart":
        return False
    if maintype == "message":
        return True
    try:
        disposition = part.get_content_disposition()
    except _MALFORMED:
        disposition = None
    if disposition == "attachment" or _filename(part):
        return True
    return maintype != "text"


def _payload(part: Message) -> bytes:
    data = part.get_payload(decode=True)
    if isinstance(data, bytes):
        return data
    raw = part.get_payload()  # a multipart that lost its boundary keeps its text here
    return raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""


def _body_blocks(part: Message) -> list[Block]:
    data = _payload(part)
    charset = part.get_content_charset()
    if part.get_content_subtype() == "html":
        html = decode_bytes(data, charset) if charset else decode_html(data)
        return html_blocks(html, where="body (html)")
    text = decode_bytes(data, charset).strip()
    return [TextBlock(text, where="body")] if text else []


def _walk(msg: Message) -> tuple[list[Message], list[Message], set[str]]:
    """(body parts, attachment parts, defect names), without entering attachments."""
    bodies: list[Message] = []
    attachments: list[Message] = []
    defects: set[str] = {type(d).__name__ for d in msg.defects}
    stack: list[Message] = [msg]
    while stack:
        part = stack.pop()
        defects.update(type(d).__name__ for d in part.defects)
        if part is not msg and _is_attachment(part):
            attachments.append(part)
            continue
        if part.get_content_maintype() != "multipart":
            if part.get_content_maintype() == "text":
                bodies.append(part)
            continue
        if not isinstance(part.get_payload(), list):  # no boundary: read it as text
            bodies.append(part)
            continue
        children = [c for c in part.get_payload() if isinstance(c, Message)]
        if part.get_content_subtype() == "alternative":
            plain = [c for c in children if c.get_content_type() == "text/plain"]
            others = [c for c in children if c.get_content_maintype() == "multipart"]
            html = [c for c in children if c.get_content_type() == "text/html"]
            children = plain or others or html
        stack.extend(reversed(children))
    return bodies, attachments, defects


def _member(part: Message, index: int, ctx: ExtractContext) -> Member:
    name = _filename(part)
    if part.get_content_maintype() == "message":
        inner = part.get_payload()
        message = inner[0] if isinstance(inner, list) and inner else None
        if not isinstance(message, Message):
            return Member(name or f"message-{index}.eml", None, error="empty attached message")
        try:
            data = message.as_bytes(policy=policy.default.clone(linesep="\r\n"))
        except (*_MALFORMED, UnicodeError):
            return Member(name or f"message-{index}.eml", None, error="unreadable message")
        name = name or f"message-{index}.eml"
    else:
        data = _payload(part)
        name = name or f"attachment-{index}"
    ctx.budget.charge(len(data), members=1)
    if len(data) > ctx.limits.max_member_bytes:
        return Member(
            name, None, error=f"attachment larger than {ctx.limits.max_member_bytes} bytes"
        )
    return Member(name, data)


def _members(parts: list[Message], ctx: ExtractContext) -> Iterator[Member]:
    for index, part in enumerate(parts, start=1):
        yield _member(part, index, ctx)


def parse_mail(data: bytes) -> EmailMessage:
    try:
        msg = BytesParser(policy=policy.default).parsebytes(data)
    except (*_MALFORMED, RecursionError) as exc:
        raise ExtractionError("corrupt mail message") from exc
    assert isinstance(msg, EmailMessage)
    if not msg.keys():
        raise ExtractionError("not a mail message (no header fields)")
    return msg


class EmlExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset({"message/rfc822"})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        msg = parse_mail(data)
        try:
            blocks: list[Block] = []
            header = _header_block(msg)
            if header is not None:
                blocks.append(header)
            bodies, attachments, defects = _walk(msg)
            for part in bodies:
                blocks.extend(_body_blocks(part))
        except RecursionError as exc:
            raise ExtractionError("corrupt mail message (nested too deeply)") from exc
        except _MALFORMED as exc:
            raise ExtractionError("corrupt mail message") from exc
        budget = TextBudget(ctx.limits.max_text_chars)
        result = Extraction(blocks=cap_blocks(blocks, budget))
        result.notes += truncation_notes(budget, ctx.limits.max_text_chars)
        if defects:
            result.notes.append("malformed mail structure: " + ", ".join(sorted(defects)))
        if attachments and ctx.depth >= ctx.limits.max_depth:
            result.notes.append(f"{len(attachments)} attachments not opened: nested too deeply")
        else:
            result.members = _members(attachments, ctx)
        return result
