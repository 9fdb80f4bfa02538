"""PDF: the text layer, page by page, with pypdf.

Each page with text becomes a `TextBlock` at "page N"; a scanned PDF (pages but no text
at all) gets a note, since OCR is out of scope. A page that fails to parse is noted and
skipped; a file whose structure cannot be read at all is an `ExtractionError`.

Encryption. A PDF with an `/Encrypt` dictionary is opened in this order:
1. the empty user password. Many PDFs are "encrypted" only to carry permission flags
   (no printing, no copying) under an owner password, and any reader opens them without
   asking. Such a file protects nothing, so it counts as **not encrypted**
   (`encrypted=False`) and its text is read like any other;
2. each password the user supplied: the first that opens it gives `encrypted=True`;
3. otherwise `EncryptedError`. A security handler pypdf does not implement (public-key
   /Adobe.PubSec, unknown crypt filters) is reported the same way, since we cannot look
   inside. AES needs the `cryptography` package.

Speed. pypdf's content-stream tokenizer is most of `extract_text`'s time; `_pdfcontent`
swaps in a regex tokenizer that gives the same operations (pypdf's own parser takes over for
anything it is not certain of), installed at import if its self-check passes.
"""

from __future__ import annotations

import io
import struct
import zlib
from typing import ClassVar

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PyPdfError

from recognizers.content import TextBlock
from scanner.errors import EncryptedError, ExtractionError, LimitExceeded
from scanner.extractors import _pdfcontent
from scanner.extractors.base import ExtractContext, Extraction, Extractor, TextBudget

# A fast tokenizer for page content streams, same operations as pypdf's (see _pdfcontent).
_pdfcontent.install()

# What pypdf raises on malformed input besides its own errors (it trusts object types).
_MALFORMED = (
    PyPdfError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    AssertionError,
    LookupError,
    OSError,
    EOFError,
    struct.error,
    zlib.error,
)


def _unlock(reader: PdfReader, passwords: tuple[str, ...]) -> bool:
    """Decrypt `reader`; True if a supplied password was needed (see module docstring)."""
    if reader.decrypt(""):
        return False
    for password in passwords:
        if password and reader.decrypt(password):
            return True
    raise EncryptedError()


def _open(data: bytes, passwords: tuple[str, ...]) -> tuple[PdfReader, bool]:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = _unlock(reader, passwords) if reader.is_encrypted else False
        return reader, encrypted
    except NotImplementedError as exc:
        if b"/Encrypt" in data:
            raise EncryptedError("encrypted with a method that is not supported") from exc
        raise ExtractionError("unsupported PDF feature") from exc
    except DependencyError as exc:
        raise ExtractionError("PDF uses AES; the cryptography package is missing") from exc
    except LimitReachedError as exc:
        raise LimitExceeded("PDF structure exceeds pypdf's safety limits") from exc
    except RecursionError as exc:
        raise ExtractionError("corrupt PDF (nested too deeply)") from exc
    except _MALFORMED as exc:
        raise ExtractionError("corrupt PDF") from exc


class PdfExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset({"application/pdf", "application/x-pdf"})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        reader, encrypted = _open(data, ctx.passwords)
        result = Extraction(encrypted=encrypted)
        try:
            pages = reader.pages
            n_pages = len(pages)
        except (RecursionError, FileNotDecryptedError, *_MALFORMED) as exc:
            raise ExtractionError("corrupt PDF (page tree unreadable)") from exc
        budget = TextBudget(ctx.limits.max_text_chars)
        failed: list[int] = []
        for number in range(1, n_pages + 1):
            if budget.exhausted:
                break
            try:
                text = pages[number - 1].extract_text()
            except LimitReachedError as exc:
                raise LimitExceeded("PDF stream exceeds pypdf's safety limits") from exc
            except (RecursionError, NotImplementedError, *_MALFORMED):
                failed.append(number)
                continue
            text = budget.take(text.strip())
            if text:
                result.blocks.append(TextBlock(text, where=f"page {number}"))
        if failed and len(failed) == n_pages:
            raise ExtractionError("corrupt PDF (no page could be read)")
        if failed:
            shown = ", ".join(map(str, failed[:10])) + (" …" if len(failed) > 10 else "")
            result.notes.append(f"{len(failed)} of {n_pages} pages could not be read: {shown}")
        if n_pages and not failed and not result.blocks:
            result.notes.append("no text layer (scanned or image-only PDF?)")
        if budget.truncated:
            result.notes.append(f"text truncated after {ctx.limits.max_text_chars} characters")
        return result
