"""保護者の氏名・連絡先 (JP_GUARDIAN): who a student's guardian is and how to reach them.

保護者連絡先 is what makes a 在学生身上情報 危険度① where the plain 在学生連絡先名簿 is ②, and
保護者氏名 is part of a 学級名簿 and a 指導要録. It is recorded as a guardian field with a
person's name, a phone number or an address as its value:

- headers and labels: 保護者, 保護者氏名, 保護者連絡先, 保護者電話, 保護者住所, 親権者,
  緊急連絡先（保護者）… (``保護者:中川 洋介（父）``, ``保護者氏名:石井 稔``,
  ``保護者：木村 春香（母） 連絡先：070-…``); 父 and 母 only as a header or a colon label
  (``父:山田 一郎``), since the characters are everywhere in prose. After a bare space
  the name must be unmistakable — 姓 名 with a space, or a relation （母） — because
  ``保護者 説明会のご案内`` is a title;
- a guardian block: a heading line 緊急連絡先（保護者） or 【保護者】 and, on the next line,
  氏名 / 住所 / 電話 with its value (a 身上調書 form).

One span per guardian field, at the value right after the label — not one per line of a
block. The guardian's name is also a PERSON, and a PERSON after recorded information
starts the next record in `recognizers.analysis`; a second guardian span after it (the
block's 住所 and 電話 lines) would count the same guardian twice.

Not guardian information: a sentence that names the kind of data (``面談前に保護者連絡先を
確認しておくこと。``, a regulation's list), ``保護者住所：児童の欄に同じ`` (a cross-reference,
no data), and 続柄 alone — an employee's 扶養控除 list has 続柄 (子, 妻) for dependants,
who are not guardians.
"""

from __future__ import annotations

from recognizers.base import JaPattern, JaPatternRecognizer, field, paren

SHORT_PAREN = paren(8)  # a short parenthesis after a label: (父), (前期)

COLON = r"[ \t]*[:=][ \t]*"
SPACE = r"[ \t]+"


NAME_LABELS = (
    "保護者",
    "保護者氏名",
    "保護者名",
    "保護者の氏名",
    "保護者等氏名",
    "保護者(父母)氏名",
    "親権者",
    "親権者氏名",
    "父母氏名",
    "父氏名",
    "母氏名",
    "緊急連絡先(保護者)",
    "guardian",
    "guardian_name",
)
CONTACT_LABELS = (
    "保護者",
    "保護者連絡先",
    "保護者の連絡先",
    "保護者電話",
    "保護者電話番号",
    "保護者TEL",
    "保護者携帯",
    "保護者携帯電話",
    "保護者緊急連絡先",
    "保護者住所",
    "保護者現住所",
    "保護者の住所",
    "保護者メール",
    "保護者メールアドレス",
    "親権者連絡先",
    "親権者住所",
    "緊急連絡先(保護者)",
    "guardian_phone",
    "guardian_address",
)
PARENT_LABELS = ("父", "母", "父親", "母親", "父母")
RELATION = (
    r"(?:[ ]?\((?:父|母|祖父|祖母|兄|姉|叔父|叔母|伯父|伯母|養父|養母|義父|義母|後見人|その他)\))"
)
# A value that refers elsewhere or is missing, not a guardian's data.
NOT_DATA = r"(?!\S*(?:同じ|同上|と同|参照|記入|不明|未定|不要|なし|確認|連絡|各位|皆様))"
FAMILY = r"[\p{Han}々ヶ]{1,4}"
GIVEN = r"[\p{Han}\p{Hiragana}\p{Katakana}ー々]{1,5}"
KANA_NAME = r"[\p{Katakana}ー]{1,10}[ ][\p{Katakana}ー]{1,10}"
NAME_END = r"(?=[ \t\r]|$|[(/、,。])"
NAME = rf"{NOT_DATA}(?:{FAMILY}[ ]?{GIVEN}|{KANA_NAME}){RELATION}?{NAME_END}"
PHONE = r"\+?[0-9(][0-9()-]{7,16}[0-9](?![0-9])"
PREFECTURE = r"(?:北海道|東京都|京都府|大阪府|\p{Han}{2,3}県)"
# An address starts with a prefecture or a city/ward and holds a number (番地, 丁目); it
# ends at the line end or before the next "label:" field on the line.
ADDRESS = (
    rf"(?:〒[ ]?[0-9]{{3}}-?[0-9]{{4}}[ ]?)?(?:{PREFECTURE}|\p{{Han}}{{1,6}}[市区](?![ ]))"
    r"(?=[^\r\n:]{0,60}?[0-9丁番])[^\r\n:]{0,60}(?<=\S)(?=[ \t]*\r?$|[ \t]+[^\s:]{1,8}:)"
)
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
# After a space (no colon) the value must look like a name beyond doubt — two parts or a
# relation — since "保護者 説明会のご案内" is a title, not a guardian.
SPACED_NAME = (
    rf"{NOT_DATA}(?:{FAMILY}[ ]{GIVEN}{RELATION}?|{FAMILY}{GIVEN}{RELATION}|{KANA_NAME}){NAME_END}"
)
CONTACT = rf"(?:{PHONE}|{EMAIL}|{NOT_DATA}{ADDRESS})"
HEADING = (
    r"^[ \t]*[【\[■●◆◇・]?[ \t]*(?:緊急連絡先[ \t]*)?\(?保護者(?:等|の連絡先|連絡先|情報|欄)?\)?"
    r"[】\]]?[ \t]*\r?\n"
    r"[ \t]*(?:氏名|名前|住所|現住所|電話|電話番号|連絡先|携帯|携帯電話)[ \t]*(?:[:=][ \t]*|[ \t]+)"
)


class JpGuardianRecognizer(JaPatternRecognizer):
    ENTITY = "JP_GUARDIAN"
    PATTERNS = (
        JaPattern(
            "guardian name",
            field(*NAME_LABELS, sep=COLON, parenthesis=SHORT_PAREN) + rf"(?P<v>{NAME})",
            0.85,
        ),
        JaPattern(
            "guardian name",
            field(*NAME_LABELS, sep=SPACE, parenthesis=SHORT_PAREN) + rf"(?P<v>{SPACED_NAME})",
            0.85,
        ),
        JaPattern(
            "guardian contact",
            field(*CONTACT_LABELS, parenthesis=SHORT_PAREN) + rf"(?P<v>{CONTACT})",
            0.85,
        ),
        JaPattern(
            "parent",
            field(*PARENT_LABELS, sep=COLON, parenthesis=SHORT_PAREN) + rf"(?P<v>{NAME}|{PHONE})",
            0.85,
        ),
        JaPattern("guardian block", HEADING + rf"(?P<v>{NAME}|{CONTACT})", 0.85),
    )
    CONTEXT = ("保護者", "父", "母", "続柄", "緊急連絡先")
