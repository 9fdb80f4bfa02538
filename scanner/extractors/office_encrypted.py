"""Password-protected Office files: the encrypted OOXML package and legacy RC4.

Office saves a password-protected .docx/.xlsx/.pptx as an OLE compound file holding
`EncryptionInfo` and `EncryptedPackage` ([MS-OFFCRYPTO] 2.3.4 Standard/Agile
encryption); libmagic calls it "application/encrypted". `msoffcrypto-tool` checks a
password against the stored verifier and decrypts the package, which is a complete
.docx/.xlsx/.pptx again: we hand it back in `Extraction.inner` and the pipeline scans
it as if it had been found on disk.

Legacy .doc/.xls/.ppt encrypt their streams in place (RC4 or RC4 CryptoAPI);
`open_with_passwords` serves those extractors too and likewise returns the decrypted
file, which no longer carries the encryption flag.

Passwords are tried in the order given and are never logged, stored or put into an
error message.
"""

from __future__ import annotations

import io
from typing import Any, ClassVar

import msoffcrypto
from msoffcrypto.exceptions import InvalidKeyError
from msoffcrypto.format.ooxml import OOXMLFile

from scanner.errors import EncryptedError, ExtractionError, LimitExceeded
from scanner.extractors.base import ExtractContext, Extraction, Extractor
from scanner.filetype import OLE_ENCRYPTED

MAX_SPIN_COUNT = 1_000_000  # ten times what Office writes


def _office_file(data: bytes, label: str) -> Any:
    """msoffcrypto's reader for `data`; a file it cannot parse is corrupt."""
    try:
        return msoffcrypto.OfficeFile(io.BytesIO(data))
    # msoffcrypto parses untrusted bytes with asserts, struct and olefile: any
    # exception here means a damaged file, not a bug of ours.
    except Exception as exc:
        raise ExtractionError(f"corrupt or truncated {label}") from exc


def is_encrypted(data: bytes, label: str) -> bool:
    """Whether a legacy .xls/.ppt (or any file msoffcrypto reads) is encrypted."""
    office = _office_file(data, label)
    try:
        return bool(office.is_encrypted())
    except Exception as exc:  # same reasoning as in _office_file
        raise ExtractionError(f"corrupt or truncated {label}") from exc


def _check_spin_count(office: Any) -> None:
    """Refuse Agile encryption whose key derivation would take minutes per password.

    Each try hashes spinCount times; Office writes 100,000 and msoffcrypto accepts up
    to 10,000,000, about ten seconds of pure Python per password.
    """
    info = getattr(office, "info", None) if isinstance(office, OOXMLFile) else None
    spin = info.get("spinValue") if isinstance(info, dict) else None
    if isinstance(spin, int) and spin > MAX_SPIN_COUNT:
        raise LimitExceeded(f"encryption spin count {spin} exceeds {MAX_SPIN_COUNT}")


def open_with_passwords(data: bytes, ctx: ExtractContext, label: str) -> Extraction:
    """Decrypt `data` with the first password in `ctx.passwords` that opens it.

    Returns an `Extraction` carrying the decrypted file in `inner`; raises
    `EncryptedError` when there is no password or none of them works.
    """
    office = _office_file(data, label)  # damage is an ExtractionError, password or not
    if not ctx.passwords:
        raise EncryptedError()
    _check_spin_count(office)
    unsupported = False
    for password in ctx.passwords:
        office = _office_file(data, label)
        out = io.BytesIO()
        try:
            if isinstance(office, OOXMLFile):
                office.load_key(password=password, verify_password=True)
            else:
                office.load_key(password=password)
            office.decrypt(out)
        except InvalidKeyError:
            continue
        # Anything else: a method msoffcrypto cannot decrypt (XOR-obfuscated .doc,
        # "extensible" encryption) or damage it trips over. Try the next password.
        except Exception:
            unsupported = True
            continue
        inner = out.getvalue()
        if not inner:
            unsupported = True
            continue
        ctx.budget.charge(len(inner))
        return Extraction(encrypted=True, inner=inner)
    if unsupported:
        raise EncryptedError("encrypted; no password opened it (method may be unsupported)")
    raise EncryptedError()


class EncryptedOfficeExtractor(Extractor):
    """An encrypted .docx/.xlsx/.pptx package: decrypt it and hand it back."""

    mime_types: ClassVar[frozenset[str]] = frozenset({OLE_ENCRYPTED})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        return open_with_passwords(data, ctx, "encrypted Office file")
