"""住所 (JP_ADDRESS): a personal postal address in Japan, down to the street number.

Format (住居表示に関する法律; 日本郵便「宛名の書き方」): prefecture (47: 北海道, 東京都,
京都府, 大阪府 and 43 県) + municipality (…市 / …区 / …町 / …村, 郡 before a town) +
町名 + street detail (``4丁目20番19号``, ``2-27-7``, ``123番地``, Hokkaido's ``北1条西2丁目``)
+ optionally a building and room (``クレスト箭坪600号室``) up to the end of the cell or
line or to a separator (two spaces, ／, （, 、). One address is one span, the building
included; a postal code before it is not part of it (`JP_POSTAL_CODE`).

Why the patterns look like this: a prefecture or a municipality alone is not an address
(用務地 札幌市北区, つくば市, 兵庫県立大学) and neither is a university room (C101,
工学部本館 2階), so every pattern needs a municipality *and* a street number. The
prefecture + municipality pairing is not checked against a gazetteer: forms carry
typos and old names, and made-up test data mixes them (沖縄県横浜市…). Without a
prefecture (``横浜市港南区東大和町2-8-1``) an address counts when a label (住所, 現住所,
自宅住所, address, 所在地 …, also a table header) stands before it, or, below the
threshold, with an address word nearby (`CONTEXT`). The building is taken only when it
runs to a separator, so ``…1-2-3 TEL 078-…`` ends at the street number. Each part has
a bounded length and the municipality is read atomically, which keeps matching linear.

An organisation's own address is not personal (CORPUS.md: the university's addresses,
a company's): an address that opens its line without a label, with an organisation
named on the line above or below (a letterhead, a signature, a copyright notice), is
dropped (`organisation_address`, shared with `JP_POSTAL_CODE`). Labelled values, and so
every table cell, are never dropped this way.
"""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.base import DASH, JA_CHAR, KANJI, KATAKANA, JaPattern, JaPatternRecognizer, label

PREFECTURES = (
    "北海道|青森県|岩手県|宮城県|秋田県|山形県|福島県|茨城県|栃木県|群馬県|埼玉県|千葉県|"
    "東京都|神奈川県|新潟県|富山県|石川県|福井県|山梨県|長野県|岐阜県|静岡県|愛知県|三重県|"
    "滋賀県|京都府|大阪府|兵庫県|奈良県|和歌山県|鳥取県|島根県|岡山県|広島県|山口県|徳島県|"
    "香川県|愛媛県|高知県|福岡県|佐賀県|長崎県|熊本県|大分県|宮崎県|鹿児島県|沖縄県"
)
LABELS = (
    "住所",
    "現住所",
    "自宅住所",
    "保護者住所",
    "連絡先住所",
    "卒業後連絡先住所",
    "本籍地",
    "居所",
    "所在地",
    "address",
    "Address",
    "ADDRESS",
)
# 市区町村: one to three administrative parts (神戸市東灘区, 印旛郡本埜村, 八丈島八丈町),
# read greedily and never re-split (atomic): what is left is the town name.
MUNICIPALITY = rf"(?>(?:{JA_CHAR}{{1,12}}[市区町村郡]){{1,3}})"
# 町名 and the like: kana/kanji, plus Hokkaido's numbered 条/線 and 大字/字 forms.
TOWN = rf"(?:[{KANJI}\p{{Hiragana}}{KATAKANA}A-Za-z・]|[0-9]{{1,3}}(?=[条線])){{0,24}}"
NUM = r"(?:[0-9]{1,5}|[一二三四五六七八九十]{1,3})"
STREET = (
    rf"(?:{NUM}丁目(?:[0-9]{{1,5}}(?:番地?|{DASH})?(?:[0-9]{{1,5}}(?:号|{DASH}[0-9]{{1,5}})?)?)?"
    rf"|[0-9]{{1,5}}番地?(?:[0-9]{{1,5}}号?)?(?:{DASH}[0-9]{{1,5}})?"
    rf"|[0-9]{{1,5}}(?:{DASH}[0-9]{{1,5}}){{1,3}}号?)"
    r"(?![0-9])"
)
END = r"(?=[ ]*\r?$|[ ]{2}|[ ]?[／/（(、,，。\t])"
NAME = rf"[{KANJI}\p{{Hiragana}}{KATAKANA}A-Za-z0-9・&'.#-]{{0,30}}?"
ROOM = r"(?:[0-9]{1,5}(?:号室|号|階|F)?|号室|棟)"
# A building after a space runs to a separator; one glued to the number must end in a room.
BUILDING = (
    rf"(?:[ ][{KANJI}\p{{Hiragana}}{KATAKANA}A-Za-z]{NAME}(?:[ ]{ROOM})?{END}"
    rf"|{JA_CHAR}{NAME}{ROOM}{END})"
)
BODY = rf"{MUNICIPALITY}{TOWN}{STREET}(?:{BUILDING})?"
POSTAL = rf"(?:〒[ ]?)?[0-9]{{3}}{DASH}?[0-9]{{4}}[ ]*"
# An organisation on the line above or below an unlabelled address: a letterhead, a
# signature, a copyright notice. Its address (and 〒) is not a person's.
ORGANISATION = regex.compile(
    r"法人|株式会社|有限会社|合同会社|合資会社|[(（]株[)）]|㈱|[(（]有[)）]|大学|学校|学園|研究所"
    r"|センター|事務局|事務所|協会|組合|機構|財団|病院|医院|クリニック|役所|役場|本社|支社|支店"
    r"|営業所"
)
UNLABELLED_PREFIX = regex.compile(rf"[ \t]*(?:〒?[ ]?[0-9]{{3}}{DASH}?[0-9]{{4}}[ ]*)?〒?[ ]*")


def organisation_address(text: str, start: int) -> bool:
    """True when the value at `start` opens its line and an organisation is named next to it."""
    line_start = text.rfind("\n", 0, start) + 1
    if not UNLABELLED_PREFIX.fullmatch(text, line_start, start):
        return False  # after a label (住所：…, a table header): a person's field
    above_start = text.rfind("\n", 0, line_start - 1) + 1 if line_start else 0
    line_end = text.find("\n", start)
    below_end = text.find("\n", line_end + 1) if line_end >= 0 else -1
    above = text[above_start:line_start]
    below = "" if line_end < 0 else text[line_end : below_end if below_end >= 0 else len(text)]
    return bool(ORGANISATION.search(above) or ORGANISATION.search(below))


class JpAddressRecognizer(JaPatternRecognizer):
    ENTITY = "JP_ADDRESS"
    PATTERNS = (
        JaPattern("prefecture and street", rf"(?P<v>(?:{PREFECTURES}){BODY})", 0.8),
        JaPattern(
            "labelled",
            label(*LABELS) + rf"(?:{POSTAL})?(?P<v>(?:{PREFECTURES})?{BODY})",
            0.85,
        ),
        JaPattern("municipality and street", rf"(?<!{JA_CHAR})(?P<v>{BODY})", 0.3),
    )
    CONTEXT = ("住所", "所在地", "address", "Address", "居所", "〒")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        return [r for r in results if not organisation_address(text, r.start)]
