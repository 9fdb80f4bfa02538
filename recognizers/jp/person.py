"""氏名 (PERSON): Japanese personal names, found by label, by spacing and by honorific.

GiNZA's neural NER would find names in prose, at a few KB per second. Office documents
give cheaper, surer signals, and the Sudachi dictionary in GiNZA's tokenizer tags
surnames and given names (人名-姓, 人名-名) at a fraction of the cost. Sudachi is asked
only about short candidate strings (`recognizers.nlp.name_tags`, cached):

1. **Labels.** ``氏名：山田太郎``, a 氏名 / name column, ``保護者氏名 …``. After a name
   label any name-shaped value counts unless it looks like an organisation; after a
   role label (担当, 部長, 医師 …) Sudachi must also see a name in it.
2. **Family name, space, given name.** Japanese writes no spaces between words, but
   forms, rosters, signatures and mail headers write ``福田 直子``. A kanji run before a
   space whose last token is a surname, followed by a given name (a 人名-名 token, or
   up to three characters ending there, for names the dictionary lacks: 藤井 零).
3. **Honorifics.** ``高橋さん``, ``田中 七夏 様``, ``小林 幹 先生``: the 人名 tokens just
   before the honorific.
4. **Readings.** A kana reading in brackets right after a name (``田中 春香（タナカ ハルカ）``)
   and kana after a reading label (フリガナ, ふりがな, 口座名義) are names too.

Names in running prose with none of these signals (山田は東京に住む) are left to
`--deep`, which adds GiNZA's NER (`person_ner.py`).
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.base import HIRAGANA, KANJI, KATAKANA, JaPatternRecognizer, label
from recognizers.nlp import name_tags

ENTITY = "PERSON"
NAME_LABELS = (
    "氏名",
    "名前",
    "お名前",
    "氏 名",
    "name",
    "full_name",
    "fullname",
    "Name",
)
ROLE_LABELS = (
    "担当者",
    "担当",
    "作成者",
    "記入者",
    "申請者",
    "代表者",
    "部長",
    "副部長",
    "会計",
    "医師",
    "主治医",
    "紹介先",
    "保護者",
    "差出人",
    "宛先",
    "From",
    "To",
    "Cc",
)
READING_LABELS = (
    "フリガナ",
    "ふりがな",
    "カナ氏名",
    "氏名カナ",
    "カナ",
    "よみがな",
    "読み",
    "口座名義",
    "名義",
    "name_kana",
    "kana",
)
HONORIFICS = ("様", "さん", "君", "くん", "ちゃん", "殿", "先生", "教授", "准教授", "氏")
ORG_SUFFIXES = (
    "大学",
    "学部",
    "学科",
    "研究科",
    "研究所",
    "会社",
    "株式",
    "銀行",
    "支店",
    "病院",
    "医院",
    "クリニック",
    "センター",
    "事務所",
    "委員会",
    "課",
    "係",
    "部",
    "室",
    "局",
    "省",
    "庁",
    "県",
    "市",
    "区",
    "町",
    "村",
)

_KANJI_RUN = rf"[{KANJI}]"
_GIVEN_CHAR = rf"[{KANJI}{HIRAGANA}{KATAKANA}]"
# A name as written in a cell or after a label: 山田太郎, 山田 太郎, 山田 くみ子.
_NAME = rf"{_KANJI_RUN}{{1,4}}(?: {_GIVEN_CHAR}{{1,5}}|{_KANJI_RUN}{{1,4}})?"
_END = rf"(?=$|[ \t,、/()\[\]<>:]|{'|'.join(HONORIFICS)})"
_KANA_NAME = (
    rf"(?:[{KATAKANA}]{{1,10}} ?[{KATAKANA}]{{1,10}}|[{HIRAGANA}]{{1,10}} [{HIRAGANA}]{{1,10}})"
)

LABELLED = regex.compile(label(*NAME_LABELS) + rf"(?P<v>{_NAME}){_END}", regex.M)
ROLE = regex.compile(label(*ROLE_LABELS, tail=2) + rf"(?P<v>{_NAME}){_END}", regex.M)
READING = regex.compile(label(*READING_LABELS) + rf"(?P<v>{_KANA_NAME})(?=$|[ \t,、/()])", regex.M)
SPACED = regex.compile(rf"(?P<family>{_KANJI_RUN}+) (?P<given>{_GIVEN_CHAR}+)")
HONORIFIC = regex.compile(
    rf"(?P<run>{_KANJI_RUN}{{1,8}}(?: {_KANJI_RUN}{{1,5}})?) ?(?:{'|'.join(HONORIFICS)})"
)
BRACKET_READING = regex.compile(rf" ?\((?:ふりがな ?|フリガナ ?)?(?P<v>{_KANA_NAME})\)")

SURNAME = "人名-姓"
GIVEN = "人名-名"
PERSON_TAG = "人名"
NOT_IN_NAMES = ("助詞", "助動詞", "動詞", "形容詞", "副詞", "接続詞", "補助記号", "記号")


def is_org(value: str) -> bool:
    return value.replace(" ", "").endswith(ORG_SUFFIXES)


def plausible(value: str) -> bool:
    """Name-shaped to Sudachi: no particles, verbs or symbols inside; not an org."""
    if is_org(value):
        return False
    for _, tag in name_tags(value.replace(" ", "")):
        if tag.startswith(NOT_IN_NAMES) or "地名" in tag:
            return False
    return True


def has_name_token(value: str) -> bool:
    return plausible(value) and any(
        PERSON_TAG in tag for _, tag in name_tags(value.replace(" ", ""))
    )


def spaced_name(family_run: str, given_run: str) -> tuple[int, int] | None:
    """(length of the family name, length of the given name) around a space, or None.

    The family name is the last token of the kanji run before the space; the given
    name is the first token after it when Sudachi tags it 人名-名, or the whole run
    after the space when that is at most three characters (藤井 零: a given name the
    dictionary lacks). One of them must be tagged as a name; a place is never a name.
    """
    family, family_tag = name_tags(family_run[-6:])[-1]
    if len(family) > 4 or "地名" in family_tag or family_tag.startswith(NOT_IN_NAMES):
        return None
    given_tokens = name_tags(given_run[:8])
    first, given_tag = given_tokens[0]
    if given_tag.endswith(GIVEN):
        given_len = len(first)
    elif len(given_run) <= 3 and len(given_tokens) == 1 and given_tag.startswith("名詞"):
        given_len = len(given_run)
    else:
        return None
    if "地名" in given_tag:
        return None
    if family_tag.endswith(SURNAME) or (given_tag.endswith(GIVEN) and len(family) <= 3):
        return len(family), given_len
    return None


def before_honorific(run: str) -> tuple[int, int] | None:
    """The span in `run` of the 人名 tokens (and spaces) that end the run, or None."""
    tokens = name_tags(run)
    end = len(run.rstrip())
    pos = len(run)
    start = None
    for surface, tag in reversed(tokens):
        if surface.isspace():
            pos -= len(surface)
            continue
        if PERSON_TAG not in tag:
            break
        pos -= len(surface)
        start = pos
    if start is None or end - start < 2:
        return None
    return start, end


class JpPersonRecognizer(JaPatternRecognizer):
    ENTITY = ENTITY
    # `analyze` below matches these (a reading in brackets only right after a name).
    TRIGGERS = tuple(p.pattern for p in (LABELLED, ROLE, READING, SPACED, HONORIFIC))
    CONTEXT = ("氏名", "名前", "様", "さん")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        found: list[RecognizerResult] = []
        names: list[tuple[int, int]] = []

        def add(start: int, end: int, score: float, why: str) -> None:
            found.append(self.result(start, end, score, why))
            names.append((start, end))

        for m in LABELLED.finditer(text):
            value = m.group("v")
            if plausible(value):
                add(*m.span("v"), 0.85, "name label")
        for m in ROLE.finditer(text):
            if has_name_token(m.group("v")):
                add(*m.span("v"), 0.85, "role label")
        for m in SPACED.finditer(text):
            parts = spaced_name(m.group("family"), m.group("given"))
            if parts:
                start = m.end("family") - parts[0]
                add(start, m.start("given") + parts[1], 0.85, "family name, space, given name")
        for m in HONORIFIC.finditer(text):
            span = before_honorific(m.group("run"))
            if span:
                base = m.start("run")
                add(base + span[0], base + span[1], 0.85, "honorific")
        for m in READING.finditer(text):
            add(*m.span("v"), 0.85, "reading label")
        for _start, end in list(names):
            r = BRACKET_READING.match(text, end)
            if r:
                found.append(self.result(*r.span("v"), 0.85, "reading after a name"))
        return EntityRecognizer.remove_duplicates(found)
