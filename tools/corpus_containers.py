"""Archives, mail and encryption for the sample corpus, all byte-reproducible.

Encryption libraries draw salts and IVs from the OS; :func:`deterministic_random` swaps
those sources for a seeded generator *while the fixture is written*, so that the
committed encrypted files do not change on every regeneration. That is only acceptable
because the password (``tools/corpus_passwords.txt``) is public: never do it for real data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import random
import struct
import tarfile
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from email import encoders
from email.header import Header
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr
from types import SimpleNamespace
from typing import Any

from tools.corpus_render import zip_time

PASSWORD = "piiscan-demo"
JST = dt.timezone(dt.timedelta(hours=9))


@dataclass(frozen=True)
class Member:
    """One file inside an archive."""

    name: str
    data: bytes


# --------------------------------------------------------------------------- randomness


def _patch(stack: contextlib.ExitStack, module: str, attr: str, value: object) -> None:
    """Replace ``module.attr`` for the duration of *stack*, if that attribute exists."""
    try:
        target = __import__(module, fromlist=["_"])
    except ImportError:
        return
    if hasattr(target, attr):
        original = getattr(target, attr)
        setattr(target, attr, value)
        stack.callback(setattr, target, attr, original)


@contextlib.contextmanager
def deterministic_random(seed: str, when: dt.datetime) -> Iterator[random.Random]:
    """Seed the salts/IVs/timestamps that msoffcrypto, pypdf, pyzipper and py7zr draw."""
    rng = random.Random(seed)

    def token_bytes(n: int | None = None) -> bytes:
        return rng.randbytes(32 if n is None else n)

    class FixedDatetime(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> FixedDatetime:
            return cls(
                when.year, when.month, when.day, when.hour, when.minute, when.second, tzinfo=tz
            )

    with contextlib.ExitStack() as stack:
        _patch(stack, "secrets", "token_bytes", token_bytes)
        _patch(stack, "msoffcrypto.method.container.ecma376_encrypted", "datetime", FixedDatetime)
        _patch(
            stack,
            "pyzipper.zipfile_aes",
            "Random",
            SimpleNamespace(new=lambda: SimpleNamespace(read=token_bytes)),
        )
        _patch(stack, "py7zr.compressor", "get_random_bytes", token_bytes)
        try:
            from py7zr.helpers import ArchiveTimestamp

            base: Any = ArchiveTimestamp
            fixed = base.from_datetime(when.timestamp())
            _patch(stack, "py7zr.py7zr", "ArchiveTimestamp", _fixed_timestamp_class(base, fixed))
        except (ImportError, AttributeError):
            pass
        yield rng


def _fixed_timestamp_class(base: Any, fixed: Any) -> Any:
    """A subclass of py7zr's ArchiveTimestamp whose ``from_now`` is a fixed moment."""

    class Fixed(base):  # type: ignore[misc]
        @classmethod
        def from_now(cls) -> Any:
            return fixed

    return Fixed


# --------------------------------------------------------------------------- encryption


def encrypt_ooxml(data: bytes, seed: str, when: dt.datetime) -> bytes:
    """Password-protect a .docx/.xlsx/.pptx (ECMA-376 agile encryption, AES-256)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with deterministic_random(seed, when):
        OOXMLFile(io.BytesIO(data)).encrypt(PASSWORD, out)
    return out.getvalue()


def encrypt_pdf(data: bytes, seed: str, when: dt.datetime, *, owner_only: bool = False) -> bytes:
    """AES-256 PDF encryption; *owner_only* leaves the user password empty.

    An owner-only PDF opens without a password (only printing/copying are restricted),
    so it counts as *not* encrypted for the 危険度 rules.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import UserAccessPermissions

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(data)))
    writer.add_metadata({"/Producer": "piiscan sample corpus"})
    out = io.BytesIO()
    with deterministic_random(seed, when):
        writer.encrypt(
            user_password="" if owner_only else PASSWORD,
            owner_password=PASSWORD + "-owner" if owner_only else PASSWORD,
            algorithm="AES-256",
            permissions_flag=UserAccessPermissions(0)
            if owner_only
            else UserAccessPermissions.all(),
        )
        writer.write(out)
    return out.getvalue()


# --------------------------------------------------------------------------- ZIP


class ZipCrypto:
    """Traditional PKWARE encryption (APPNOTE 6.1): weak, but still what many tools make."""

    def __init__(self, password: bytes) -> None:
        self.keys = [0x12345678, 0x23456789, 0x34567890]
        for byte in password:
            self._update(byte)

    @staticmethod
    def _crc(value: int, byte: int) -> int:
        return zlib.crc32(bytes([byte]), value ^ 0xFFFFFFFF) ^ 0xFFFFFFFF

    def _update(self, byte: int) -> None:
        k0, k1, k2 = self.keys
        k0 = self._crc(k0, byte)
        k1 = ((k1 + (k0 & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        k2 = self._crc(k2, k1 >> 24)
        self.keys = [k0, k1, k2]

    def encrypt(self, data: bytes) -> bytes:
        out = bytearray()
        for plain in data:
            temp = (self.keys[2] | 2) & 0xFFFF
            out.append(plain ^ (((temp * (temp ^ 1)) >> 8) & 0xFF))
            self._update(plain)
        return bytes(out)


def write_zip(
    members: Sequence[Member],
    when: dt.datetime,
    *,
    name_encoding: str = "utf-8",
    zipcrypto_seed: str | None = None,
) -> bytes:
    """A ZIP written by hand, so that names can be CP932 (no UTF-8 flag, as Windows
    Explorer writes them) and entries can use ZipCrypto — neither of which the standard
    library's writer does. *zipcrypto_seed* turns encryption on (password :data:`PASSWORD`).
    """
    rng = random.Random(zipcrypto_seed or "")
    date_time = zip_time(when)
    dos_time = (date_time[3] << 11) | (date_time[4] << 5) | (date_time[5] // 2)
    dos_date = ((date_time[0] - 1980) << 9) | (date_time[1] << 5) | date_time[2]
    body = io.BytesIO()
    central: list[bytes] = []
    for member in members:
        name = member.name.encode(name_encoding)
        flags = 0x0800 if name_encoding == "utf-8" and not member.name.isascii() else 0
        crc = zlib.crc32(member.data)
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        payload = compressor.compress(member.data) + compressor.flush()
        if zipcrypto_seed is not None:
            flags |= 0x0001
            cipher = ZipCrypto(PASSWORD.encode())
            header = rng.randbytes(11) + bytes([crc >> 24])
            payload = cipher.encrypt(header) + cipher.encrypt(payload)
        offset = body.tell()
        fields = (
            20,
            flags,
            8,
            dos_time,
            dos_date,
            crc,
            len(payload),
            len(member.data),
            len(name),
            0,
        )
        body.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields) + name + payload)
        central.append(
            struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0o644 << 16, offset)
            + name
        )
    start = body.tell()
    directory = b"".join(central)
    body.write(directory)
    body.write(
        struct.pack(
            "<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), start, 0
        )
    )
    return body.getvalue()


def write_aes_zip(members: Sequence[Member], seed: str, when: dt.datetime) -> bytes:
    """WinZip AES-256 encrypted ZIP (pyzipper), names UTF-8."""
    import pyzipper

    out = io.BytesIO()
    with deterministic_random(seed, when):
        with pyzipper.AESZipFile(
            out, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
        ) as zf:
            zf.setpassword(PASSWORD.encode())
            for member in members:
                info = zf.zipinfo_cls(member.name, date_time=zip_time(when))
                info.compress_type = pyzipper.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, member.data)
    return out.getvalue()


def write_7z(members: Sequence[Member], seed: str, when: dt.datetime, *, encrypted: bool) -> bytes:
    """A 7z archive; *encrypted* uses AES-256 with encrypted headers (names hidden too)."""
    import py7zr

    out = io.BytesIO()
    with deterministic_random(seed, when):
        kwargs: dict[str, Any] = (
            {"password": PASSWORD, "header_encryption": True} if encrypted else {}
        )
        with py7zr.SevenZipFile(out, "w", **kwargs) as archive:
            for member in members:
                archive.writestr(member.data, member.name)
    return out.getvalue()


def write_tar_gz(members: Sequence[Member], when: dt.datetime) -> bytes:
    """A gzip-compressed tar with fixed owners and timestamps."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for member in members:
            info = tarfile.TarInfo(member.name)
            info.size = len(member.data)
            info.mtime = int(when.replace(tzinfo=JST).timestamp())
            info.mode = 0o640
            info.uname = info.gname = "kyomu"
            info.uid = info.gid = 1000
            tar.addfile(info, io.BytesIO(member.data))
    out = io.BytesIO()
    import gzip

    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as gz:
        gz.write(raw.getvalue())
    return out.getvalue()


def zip_names(data: bytes, encoding: str = "cp932") -> list[str]:
    """Member names of a ZIP, decoding names without the UTF-8 flag as *encoding*."""
    with zipfile.ZipFile(io.BytesIO(data), metadata_encoding=encoding) as zf:
        return zf.namelist()


# --------------------------------------------------------------------------- mail


def write_eml(
    *,
    sender: tuple[str, str],
    to: tuple[str, str],
    subject: str,
    body: str,
    attachments: Sequence[tuple[str, bytes, str]],
    when: dt.datetime,
    message_id: str,
) -> bytes:
    """A Japanese mail as classic mailers write it: ISO-2022-JP headers and 7bit body.

    *attachments* = (filename, data, MIME type); filenames use RFC 2231 (UTF-8).
    Boundary and Message-ID are fixed, so the bytes are reproducible.
    """
    msg = MIMEMultipart(boundary=f"----=_Part_{message_id}")
    content_type = msg["Content-Type"]
    del msg["Content-Type"], msg["MIME-Version"]  # re-added after the envelope headers
    msg["Return-Path"] = f"<{sender[1]}>"
    msg["Received"] = (
        f"from mail.example.ac.jp by mx.example.ac.jp; {format_datetime(when.replace(tzinfo=JST))}"
    )
    msg["From"] = formataddr(sender, charset="iso-2022-jp")
    msg["To"] = formataddr(to, charset="iso-2022-jp")
    msg["Subject"] = Header(subject, "iso-2022-jp")  # type: ignore[assignment]  # compat32 folds it
    msg["Date"] = format_datetime(when.replace(tzinfo=JST))
    msg["Message-ID"] = f"<{message_id}@mail.example.ac.jp>"
    msg["X-Mailer"] = "Microsoft Outlook 16.0"
    msg["MIME-Version"] = "1.0"
    msg["Content-Type"] = content_type
    msg.attach(MIMEText(body, "plain", "iso-2022-jp"))
    for filename, data, mime in attachments:
        maintype, subtype = mime.split("/", 1)
        part = MIMEBase(maintype, subtype)
        part.set_payload(data)
        encoders.encode_base64(part)
        part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", filename))
        msg.attach(part)
    return msg.as_bytes()
