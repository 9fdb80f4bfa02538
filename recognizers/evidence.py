"""Masked evidence and keyed hashes: the only forms in which a value leaves this stage.

The SPEC's examples: ``PERSON:山＊ ＊＊``, ``PHONE_NUMBER:***-****-5678``. A manager must
be able to tell what kind of thing was found and roughly where to look, and nobody
reading a report may learn the value. So:

- names keep their first character; every other letter becomes ＊ (spaces stay);
- numbers keep their separators and at most the last four digits (only two for the
  short identifiers; none for 個人番号 and the credit-card body beyond the last four);
- e-mail addresses keep the first character of the local part and the domain;
- addresses keep the prefecture and municipality, nothing after it.

Hashes are HMAC-SHA256 under a key the caller holds (`KeyedHasher`), so equal values
can be matched across files and runs without storing them; without the key a hash of
a 7-digit number cannot be reversed by trying all ten million of them.
"""

from __future__ import annotations

import hashlib
import hmac
import os

import regex

from recognizers.entities import RECORDED

FULL_MASK = "＊"
ASCII_MASK = "*"

_MUNICIPALITY = regex.compile(
    r"^(?:\S{2,3}?[都道府県])?(?:[^\s0-9]{1,6}?郡)?[^\s0-9]{1,7}?[市区町村]"
)
_DIGITS_KEEP = {
    "PHONE_NUMBER": 4,
    "CREDIT_CARD": 4,
    "JP_POSTAL_CODE": 0,
    "JP_MY_NUMBER": 0,
    "JP_BANK_ACCOUNT": 2,
    "JP_PENSION_NUMBER": 0,
    "JP_DRIVERS_LICENSE": 2,
    "JP_PASSPORT": 2,
    "JP_RESIDENCE_CARD": 2,
}


def _mask_letters(value: str, keep_first: int) -> str:
    out = []
    kept = 0
    for ch in value:
        if ch.isspace() or ch in "-()（）・,":
            out.append(ch)
        elif kept < keep_first:
            out.append(ch)
            kept += 1
        else:
            out.append(ASCII_MASK if ch.isascii() else FULL_MASK)
    return "".join(out)


def _mask_digits(value: str, keep_last: int) -> str:
    """Replace every letter and digit with * except the last `keep_last` digits."""
    positions = [i for i, ch in enumerate(value) if ch.isalnum()]
    keep = set(positions[-keep_last:]) if keep_last else set()
    return "".join(
        ch if (i in keep or not ch.isalnum()) else (ASCII_MASK if ch.isascii() else FULL_MASK)
        for i, ch in enumerate(value)
    )


def mask(entity_type: str, value: str) -> str:
    """A masked rendering of `value` that reveals its kind, never the value."""
    value = " ".join(value.split())[:60]
    if entity_type in RECORDED:
        return FULL_MASK * min(len(value), 6)  # the kind of record is the entity type
    if entity_type == "PERSON":
        # 山田 太郎 → 山＊ ＊＊; but 森 太郎 → ＊ ＊＊: a one-letter family name is the name
        family = value.split(" ", 1)[0]
        return _mask_letters(value, keep_first=1 if len(family) > 1 else 0)
    if entity_type == "EMAIL_ADDRESS":
        local, _, domain = value.partition("@")
        return (local[:1] + ASCII_MASK * max(len(local) - 1, 1)) + "@" + domain
    if entity_type == "JP_ADDRESS":
        match = _MUNICIPALITY.match(value)
        head = match.group(0) if match else ""
        return head + FULL_MASK * 3
    if entity_type == "DATE_OF_BIRTH":
        return _mask_digits(value, keep_last=0)
    return _mask_digits(value, _DIGITS_KEEP.get(entity_type, 2))


class KeyedHasher:
    """HMAC-SHA256 of normalised values under a secret key.

    Without a key a random one is drawn: hashes then match only within this process,
    which is all the in-memory counting of distinct people needs. The state database
    passes the key it keeps beside itself.
    """

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key if key is not None else os.urandom(32)

    def __call__(self, entity_type: str, value: str) -> str:
        canonical = "".join(value.split()).casefold()
        msg = f"{entity_type}\x00{canonical}".encode()
        return hmac.new(self._key, msg, hashlib.sha256).hexdigest()[:32]
