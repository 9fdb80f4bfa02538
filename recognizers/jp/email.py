"""メールアドレス (EMAIL_ADDRESS): an ASCII e-mail address, also glued to Japanese text.

Format (RFC 5321 §4.1.2 / RFC 5322 §3.4.1, restricted to what people write): a local
part of letters, digits and ``. _ % + -``; ``@``; a domain of dot-separated labels
(letters, digits, inner hyphens) ending in an alphabetic top-level domain of 2–24
letters (the longest delegated ASCII TLDs, e.g. ``.international``, are under 24).

Why not Presidio's `EmailRecognizer`: it relies on ``\\b`` (kana and kanji are word
characters, so ``メールtaro@example.comまで`` is never found) and validates with
`tldextract`, which downloads the public suffix list (NOTES.md, "Presidio
pitfalls"). Here the boundaries are ASCII lookarounds and the domain shape is checked
in the pattern and in `validate` (no leading, trailing or doubled dots in the local
part, no label starting or ending with a hyphen), offline.

A Message-ID, In-Reply-To, References or Content-ID value
(``<20240809.kyomu@mail.example.ac.jp>``) has the shape of an address but names a
message, not a person: those header names are `NEGATIVE` words, and a folded header
line (`` <…@…>`` under ``References:``) is traced back to the header it continues.
"""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.base import JaPattern, JaPatternRecognizer

# Possessive runs: the local part, then dot-separated labels, are read once and never
# re-split, so a long run of address characters costs linear time; the last label must
# then be a 2-24 letter TLD (lookbehind), which also rejects "user@example.jp1".
LOCAL = r"[A-Za-z0-9._%+-]++"
DOMAIN = r"[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)*+(?<=\.[A-Za-z]{2,24})"
EMAIL = rf"(?<![A-Za-z0-9._%+-])(?P<v>{LOCAL}@{DOMAIN})"

MAX_FOLDED_LINES = 50
ID_HEADER = regex.compile(
    r"(?i)(?:message-id|in-reply-to|references|content-id|resent-message-id):"
)


def in_id_header(text: str, start: int) -> bool:
    """True when `start` lies in a Message-ID-like mail header, folded lines included."""
    line_start = text.rfind("\n", 0, start) + 1
    for _ in range(MAX_FOLDED_LINES):
        if line_start == 0 or text[line_start : line_start + 1] not in (" ", "\t"):
            break
        line_start = text.rfind("\n", 0, line_start - 1) + 1  # a folded header line
    return ID_HEADER.match(text, line_start) is not None


class JpEmailRecognizer(JaPatternRecognizer):
    ENTITY = "EMAIL_ADDRESS"
    PATTERNS = (JaPattern("address", EMAIL, 0.8),)
    TRIGGERS = (ID_HEADER.pattern,)  # the header a folded Message-ID line belongs to
    CONTEXT = ("メール", "mail", "Mail", "MAIL", "アドレス", "連絡先")
    NEGATIVE = (
        "Message-ID",
        "Message-Id",
        "Message-id",
        "message-id",
        "MESSAGE-ID",
        "In-Reply-To",
        "in-reply-to",
        "References",
        "references",
        "Content-ID",
        "Content-Id",
    )

    def validate(self, value: str) -> bool | None:
        local, domain = value.split("@", 1)
        if local.startswith(".") or local.endswith(".") or ".." in local:
            return False
        if any(label.startswith("-") or label.endswith("-") for label in domain.split(".")):
            return False
        return None

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        return [r for r in results if not in_id_header(text, r.start)]
