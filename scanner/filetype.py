"""Content-based type detection: libmagic first, then a look inside containers.

The extension is never consulted: an `.xlsx` saved as `.dat` is a workbook, and a CSV
without an extension is text. libmagic answers most files outright; when it only says
"a ZIP", "an OLE compound file" or "bytes", we look at the container's member names,
which tell Office, OpenDocument and Outlook formats apart reliably.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache

import magic
import olefile

# libmagic needs the head of a file only; OOXML's marker members sit near the start.
HEAD_BYTES = 64 * 1024

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSM = "application/vnd.ms-excel.sheet.macroEnabled.12"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PPT = "application/vnd.ms-powerpoint"
MSG = "application/vnd.ms-outlook"
OLE_ENCRYPTED = "application/encrypted"  # libmagic's name for an encrypted OOXML package
OLE = "application/x-ole-storage"
ZIP = "application/zip"
OCTET = "application/octet-stream"
JSON = "application/json"
PDF = "application/pdf"

_GENERIC_ZIP = {ZIP, "application/x-zip-compressed", OCTET}
_GENERIC_OLE = {OLE, "application/CDFV2", "application/vnd.ms-office", OCTET, OLE_ENCRYPTED}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@lru_cache(maxsize=1)
def _magic() -> magic.Magic:
    return magic.Magic(mime=True)


def detect(data: bytes) -> str:
    """The MIME type of `data`, judged from content alone."""
    if not data:
        return "application/x-empty"
    # Office packages and PDFs say what they are in their first bytes and member names;
    # asking libmagic first costs half a millisecond a file, a tenth of a share's scan.
    if data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        if kind is not None:
            return kind
    elif data.startswith(b"%PDF-"):
        return PDF
    mime = str(_magic().from_buffer(data[:HEAD_BYTES]))
    if data.startswith(b"PK") and mime in _GENERIC_ZIP | {XLSX, DOCX, PPTX}:
        return _zip_kind(data) or mime
    if data.startswith(_OLE_MAGIC) and mime in _GENERIC_OLE | {DOC, XLS, PPT, MSG}:
        return _ole_kind(data) or mime
    if mime == "text/plain" and _looks_like_json(data):
        return JSON
    return mime


def _looks_like_json(data: bytes) -> bool:
    """libmagic calls JSON text when it is invalid or longer than what it sees.

    The test is narrow on purpose (an object or an array of objects/strings), so that a
    note opening with "[重要]" stays text.
    """
    head = data[:64].removeprefix(b"\xef\xbb\xbf").lstrip()
    return head.startswith((b'{"', b"[{", b'["', b"{\n", b"{\r\n", b"[\n", b"[\r\n"))


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "mimetype" in names:
                declared = zf.read("mimetype")[:100].decode("ascii", "replace").strip()
                if declared.startswith("application/vnd.oasis.opendocument"):
                    return declared
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                    if "xl/vbaProject.bin" in names:
                        return XLSM
                    return XLSX
                if "ppt/presentation.xml" in names:
                    return PPTX
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None
    return None


def _ole_kind(data: bytes) -> str | None:
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError, EOFError):
        return None
    try:
        streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=True)}
    finally:
        ole.close()
    if "EncryptionInfo" in streams and "EncryptedPackage" in streams:
        return OLE_ENCRYPTED
    if "WordDocument" in streams:
        return DOC
    if "Workbook" in streams or "Book" in streams:
        return XLS
    if "PowerPoint Document" in streams:
        return PPT
    if any(name.startswith("__substg1.0_") for name in streams):
        return MSG
    return OLE
