"""口座番号 (JP_BANK_ACCOUNT): a bank or Japan Post Bank account number.

Format (全国銀行協会 / 全銀システムの口座番号; ゆうちょ銀行の「記号・番号」):

- Banks, 信用金庫 and the like: bank code (4 digits), branch code (3 digits), 種別
  (普通 / 当座 / 貯蓄) and a 7-digit account number, shorter numbers padded with 0.
- ゆうちょ銀行: 記号 (5 digits, 1xxx0) and 番号 (up to 8 digits, in practice 8 ending
  in 1), e.g. 記号10930 番号13683271. For transfers from other banks it is also given
  as a branch (〇一八 店) and a 7-digit number.

There is no public check digit, so context decides: the value is read after a label
(口座番号, 振込口座, 口座, account_number, a 口座番号 column) or on a line that says it
is an account (銀行, 支店, 普通, 当座, 預金, 貯金, 口座 before the number). Amounts
(…円), postal codes (〒), phone numbers and other IDs on the same line (職員番号) are
not accounts.

One account is one finding: the number (the 口座番号 cell). The bank name, branch,
種別 and the ゆうちょ 記号 are context, never findings of their own, so a 記号 of
5 digits never matches and a "記号-番号" pair yields only the 番号.
"""

from __future__ import annotations

import regex

from recognizers.base import JaPattern, JaPatternRecognizer, label

STRONG_LABELS = (
    "口座番号",
    "振込口座",
    "振込先口座",
    "預金口座",
    "口座No",
    "口座NO",
    "account_number",
    "account_no",
    "bank_account",
    "口座記号番号",
)
# 種別 that may stand between the label and the number: 口座：普通 1234567.
KIND = r"(?:(?:普通|当座|貯蓄|総合|通常)(?:預金|貯金)?[ \t:/]*)?"
# ゆうちょ written as 記号-番号 (10930-13683271): the 記号 is skipped, the 番号 is the value.
YUCHO_SIGN = r"(?:(?:記号)?[ \t]*[0-9]{5}[- \t]+(?:番号[ \t:]*)?)?"
NUMBER = r"(?<![0-9])(?P<v>[0-9]{7,8})"
# Not part of a longer number, not an amount or a count.
AFTER = (
    r"(?![0-9A-Za-z])(?![,.][0-9])"
    r"(?![ \t]*(?:円|万|千|百|件|名|人|個|年|月|日|%|％|-[0-9]))"
)
BANK_WORDS = (
    "銀行",
    "信用金庫",
    "信金",
    "信用組合",
    "労働金庫",
    "農協",
    "支店",
    "本店",
    "営業部",
    "出張所",
    "普通",
    "当座",
    "預金",
    "貯金",
    "口座",
)
# Values right after another label or a phone/postal marker are not accounts.
OTHER_LABELS = (
    "職員番号",
    "職員No",
    "社員番号",
    "従業員番号",
    "学籍番号",
    "学生番号",
    "受験番号",
    "患者番号",
    "患者ID",
    "会員番号",
    "命令番号",
    "伝票番号",
    "電話番号",
    "郵便番号",
    "支店番号",
    "支店コード",
    "銀行コード",
    "店番",
    "〒",
    "TEL",
    "Tel",
    "tel",
    "FAX",
    "Fax",
    "fax",
    "電話",
    "携帯",
    "内線",
    "ID",
)
NOT_AFTER_OTHER_LABEL = rf"(?<!(?:{'|'.join(OTHER_LABELS)})[ \t.:]{{0,3}})"
# The cheap test (a digit run of 7+ starts here) comes before the label lookbehind.
BANK_LINE = (
    rf"(?:{'|'.join(BANK_WORDS)})[^\n]{{0,24}}?(?<![0-9])(?=[0-9]{{7}})"
    + NOT_AFTER_OTHER_LABEL
    + NUMBER
    + AFTER
)
DATE8 = regex.compile(r"(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])")


class JpBankAccountRecognizer(JaPatternRecognizer):
    ENTITY = "JP_BANK_ACCOUNT"
    PATTERNS = (
        JaPattern("labelled", label(*STRONG_LABELS) + KIND + YUCHO_SIGN + NUMBER + AFTER, 0.9),
        # 口座 alone is short: it must be the label itself (口座：1234567, 口座 普通 …),
        # not the start of 口座振替日 or 口座名義.
        JaPattern("口座", label("口座", tail=0) + KIND + YUCHO_SIGN + NUMBER + AFTER, 0.85),
        JaPattern("bank line", BANK_LINE, 0.6),
    )
    CONTEXT = BANK_WORDS + ("ゆうちょ", "振込", "口座名義")

    def validate(self, value: str) -> bool | None:
        """An 8-digit value shaped like a date (20240125) is not an account."""
        return False if len(value) == 8 and DATE8.fullmatch(value) else None
