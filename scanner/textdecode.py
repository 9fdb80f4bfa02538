"""Bytes → str for Japanese text in whatever encoding an office used.

Order matters, because short Japanese texts fool statistical detectors:
1. a BOM settles it (UTF-8, UTF-16 LE/BE);
2. ISO-2022-JP is 7-bit with ESC sequences: recognise those before anything else;
3. text that decodes as strict UTF-8 is UTF-8 (other encodings almost never do);
4. UTF-16 without BOM shows as NUL bytes in every other position;
5. otherwise charset-normalizer decides among the Japanese legacy encodings
   (CP932 ⊇ Shift_JIS, EUC-JP), falling back to its unrestricted guess.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

JAPANESE_LEGACY = ["cp932", "euc_jp", "shift_jis", "iso2022_jp"]
_SAMPLE = 256 * 1024


def detect_encoding(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:_SAMPLE]
    if b"\x1b$B" in sample or b"\x1b$@" in sample or b"\x1b(J" in sample:
        return "iso2022_jp"
    if _is_utf8(sample, complete=len(data) <= _SAMPLE):
        return "utf-8"
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return utf16
    best = from_bytes(sample, cp_isolation=JAPANESE_LEGACY).best()
    if best is None:
        best = from_bytes(sample).best()
    return best.encoding if best is not None else "cp932"


def decode(data: bytes) -> tuple[str, str]:
    """Decode `data`, returning (text, encoding). Undecodable bytes become U+FFFD."""
    encoding = detect_encoding(data)
    if encoding == "iso2022_jp":
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            wide = decode_iso2022_jp_wide(data)
            if wide is not None:
                return wide, encoding
    text = data.decode(encoding, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, encoding


def _is_utf8(sample: bytes, complete: bool) -> bool:
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        # A sample cut in the middle of a multibyte character is still UTF-8.
        return not complete and exc.start >= len(sample) - 3


def _utf16_without_bom(sample: bytes) -> str | None:
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode_iso2022_jp_wide(data: bytes) -> str | None:
    """ISO-2022-JP as Windows writes it (CP50220: ①, ㈱ … in NEC row 13).

    No Python codec reads those under ESC $ B, but JIS X 0213 plane 1 is a superset of
    JIS X 0208 that holds the NEC row-13 characters at the same code points, so the
    text decodes once its escape sequences select that plane.
    """
    wide = data.replace(b"\x1b$B", b"\x1b$(Q").replace(b"\x1b$@", b"\x1b$(Q")
    try:
        return wide.decode("iso2022_jp_2004")
    except UnicodeDecodeError:
        return None
