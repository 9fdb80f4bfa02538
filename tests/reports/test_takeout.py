"""The take-out verdict: exit codes by the 持ち出し rules, grouping, and the text staff read."""

from __future__ import annotations

from typing import Any, Literal

import pytest

from reports.model import FileResult
from reports.takeout import MAX_MEMBERS_SHOWN, Finding, TakeoutCode, Verdict, judge, render

ROOT = "/media/usb"


def row(name: str, level: str, **fields: Any) -> FileResult:
    """A row for a file on the test drive; `name` is relative to ROOT."""
    return FileResult(path=f"{ROOT}/{name}", risk_level=level, **fields)


def paths(findings: tuple[Finding, ...]) -> list[str]:
    return [f.row.path.removeprefix(ROOT + "/") for f in findings]


def groups(verdict: Verdict) -> dict[str, list[str]]:
    return {
        "prohibited": paths(verdict.prohibited),
        "unencrypted": paths(verdict.unencrypted),
        "permit": paths(verdict.permit),
        "uninspected": paths(verdict.uninspected),
    }


def expect(
    prohibited: tuple[str, ...] = (),
    unencrypted: tuple[str, ...] = (),
    permit: tuple[str, ...] = (),
    uninspected: tuple[str, ...] = (),
) -> dict[str, list[str]]:
    return {
        "prohibited": list(prohibited),
        "unencrypted": list(unencrypted),
        "permit": list(permit),
        "uninspected": list(uninspected),
    }


TRAVEL = row("旅費.xlsx", "1", category="旅費情報", key_info=("銀行口座",))
ROSTER = row("名簿.csv", "2", category="在学生連絡先名簿")
GRADES_ENC = row("成績.xlsx", "2", category="授業科目別成績表", encrypted=True)
LOCKED = row("秘密.pdf", "unknown", encrypted=True, error="encrypted, no password")
CORRUPT = row("壊れた.docx", "unknown", error="corrupt file")
CLEAN = row("お知らせ.txt", "0")
PHOTO = row("写真.jpg", "")

CASES: list[tuple[str, list[FileResult], int, dict[str, list[str]]]] = [
    ("nothing on the drive", [], 0, expect()),
    ("all clean", [CLEAN, row("議事録.docx", "0")], 0, expect()),
    ("unread type without error is ignored", [CLEAN, PHOTO], 0, expect()),
    ("a 0 row with a note stays clean", [row("a.pdf", "0", error="text truncated")], 0, expect()),
    ("one ①", [CLEAN, TRAVEL], 1, expect(prohibited=("旅費.xlsx",))),
    (
        "① encrypted is still prohibited",
        [row("旅費.xlsx", "1", encrypted=True)],
        1,
        expect(prohibited=("旅費.xlsx",)),
    ),
    ("② unencrypted", [ROSTER], 1, expect(unencrypted=("名簿.csv",))),
    ("② encrypted only", [CLEAN, GRADES_ENC], 3, expect(permit=("成績.xlsx",))),
    ("unknown, encrypted", [CLEAN, LOCKED], 3, expect(uninspected=("秘密.pdf",))),
    ("unknown with an error", [CORRUPT], 3, expect(uninspected=("壊れた.docx",))),
    (
        "never classified but an error",
        [row("x.xlsx", "", error="read error")],
        3,
        expect(uninspected=("x.xlsx",)),
    ),
    (
        "a level outside the vocabulary is not passed",
        [row("x.xlsx", "7")],
        3,
        expect(uninspected=("x.xlsx",)),
    ),
    (
        "1 beats 3",
        [GRADES_ENC, LOCKED, TRAVEL],
        1,
        expect(prohibited=("旅費.xlsx",), permit=("成績.xlsx",), uninspected=("秘密.pdf",)),
    ),
    (
        "unencrypted ② beats encrypted ②",
        [GRADES_ENC, ROSTER],
        1,
        expect(unencrypted=("名簿.csv",), permit=("成績.xlsx",)),
    ),
    (
        "a plain zip with a password-protected ② member: the member decides",
        [
            row("資料.zip", "2", category="授業科目別成績表"),
            row("資料.zip!成績.xlsx", "2", category="授業科目別成績表", encrypted=True),
            row("資料.zip!memo.txt", "0"),
        ],
        3,
        expect(permit=("資料.zip!成績.xlsx",)),
    ),
    (
        "a ① member is listed once, not again as its container",
        [
            row("資料.zip", "1", category="旅費情報"),
            row("資料.zip!旅費.xlsx", "1", category="旅費情報", key_info=("銀行口座",)),
            row("資料.zip!名簿.csv", "2", category="在学生連絡先名簿"),
        ],
        1,
        expect(prohibited=("資料.zip!旅費.xlsx",), unencrypted=("資料.zip!名簿.csv",)),
    ),
    (
        "nested archives: the innermost offending member",
        [
            row("a.zip", "2"),
            row("a.zip!b.zip", "2"),
            row("a.zip!b.zip!名簿.csv", "2", category="在学生連絡先名簿"),
        ],
        1,
        expect(unencrypted=("a.zip!b.zip!名簿.csv",)),
    ),
    (
        "a mail whose own body is worse than its attachments",
        [
            row("連絡.eml", "1", category="在学生身上情報"),
            row("連絡.eml!添付.pdf", "0"),
        ],
        1,
        expect(prohibited=("連絡.eml",)),
    ),
    (
        "an encrypted archive: its members name what could not be opened",
        [
            row("秘密.zip", "unknown", encrypted=True, error="encrypted"),
            row("秘密.zip!a.xlsx", "unknown", encrypted=True, error="encrypted"),
            row("秘密.zip!b.xlsx", "unknown", encrypted=True, error="encrypted"),
        ],
        3,
        expect(uninspected=("秘密.zip!a.xlsx", "秘密.zip!b.xlsx")),
    ),
    (
        "a ② container with an unreadable member: both are findings",
        [
            row("資料.zip", "2", encrypted=True),
            row("資料.zip!名簿.xlsx", "2", encrypted=True),
            row("資料.zip!壊れた.docx", "", error="corrupt member"),
        ],
        3,
        expect(permit=("資料.zip!名簿.xlsx",), uninspected=("資料.zip!壊れた.docx",)),
    ),
    (
        "a '!' in a file name does not make it a member",
        [row("重要", "0"), CLEAN, row("重要!名簿.csv", "2")],
        1,
        expect(unencrypted=("重要!名簿.csv",)),
    ),
    (
        "the same path twice is one file, graded by its worse row",
        [row("名簿.csv", "0"), ROSTER],
        1,
        expect(unencrypted=("名簿.csv",)),
    ),
]


@pytest.mark.parametrize(
    ("rows", "code", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_exit_code_and_groups(
    rows: list[FileResult], code: int, expected: dict[str, list[str]]
) -> None:
    verdict = judge(rows)
    assert verdict.code == code
    assert groups(verdict) == expected


def test_codes_are_the_spec_exit_codes() -> None:
    assert [int(c) for c in TakeoutCode] == [0, 1, 3]


def test_counts_tell_files_from_members() -> None:
    verdict = judge(
        [
            CLEAN,
            TRAVEL,
            row("資料.zip", "2"),
            row("資料.zip!名簿.csv", "2"),
            row("資料.zip!memo.txt", "0"),
            PHOTO,
        ]
    )
    assert (verdict.files_scanned, verdict.members_scanned, verdict.files_with_pii) == (4, 2, 2)


def test_judge_takes_any_iterable() -> None:
    assert judge(iter([ROSTER])).code == TakeoutCode.BLOCKED


def test_finding_names_members_inside_their_archive() -> None:
    verdict = judge([row("a.zip", "2"), row("a.zip!b.zip", "2"), row("a.zip!b.zip!c.csv", "2")])
    (finding,) = verdict.unencrypted
    assert finding.top == f"{ROOT}/a.zip"
    assert finding.member_names == ("b.zip", "c.csv")


# -- the text ---------------------------------------------------------------------------

MIXED = [
    CLEAN,
    TRAVEL,
    ROSTER,
    row("資料.zip", "2"),
    row("資料.zip!成績.xlsx", "2", category="授業科目別成績表", encrypted=True),
    LOCKED,
    CORRUPT,
]

TEXT_CASES: list[tuple[str, list[FileResult], Literal["ja", "en"], list[str], list[str]]] = [
    (
        "ja clear",
        [CLEAN],
        "ja",
        ["持ち出し可", "個人情報は見つかりませんでした", "確認したファイル: 1 件"],
        ["■", "持ち出し不可", "様式例"],
    ),
    (
        "en clear",
        [CLEAN],
        "en",
        ["MAY BE TAKEN OUT", "no personal information", "Checked: 1 file."],
        ["■", "DO NOT"],
    ),
    (
        "ja ①",
        [TRAVEL],
        "ja",
        ["持ち出し不可", "旅費.xlsx", "危険度①", "旅費情報", "銀行口座", "削除"]
        + ["真にやむを得ない", "様式例①又は②", "個人情報保護管理者", "暗号化なし"],
        ["様式例③", "持ち出し可 "],
    ),
    (
        "en ①",
        [TRAVEL],
        "en",
        ["DO NOT TAKE OUT", "旅費.xlsx", "risk level ①", "旅費情報", "銀行口座", "Delete"]
        + ["truly unavoidable", "様式例① or ②", "application", "個人情報保護管理者"],
        ["様式例③"],
    ),
    (
        "ja ② unencrypted",
        [ROSTER],
        "ja",
        ["持ち出し不可", "名簿.csv", "危険度②", "在学生連絡先名簿", "暗号化又はパスワード設定"]
        + ["様式例③又は④", "個人情報保護管理者"],
        ["様式例①"],
    ),
    (
        "en ② unencrypted",
        [ROSTER],
        "en",
        ["DO NOT TAKE OUT", "名簿.csv", "Encrypt the file or set a password", "様式例③ or ④"]
        + ["take-out application"],
        ["様式例①"],
    ),
    (
        "ja ② encrypted",
        [GRADES_ENC],
        "ja",
        ["個人情報保護管理者の許可が必要", "成績.xlsx", "様式例③又は④", "持ち出す前に"],
        ["持ち出し不可", "削除", "様式例①"],
    ),
    (
        "en ② encrypted",
        [GRADES_ENC],
        "en",
        ["PERMISSION NEEDED", "成績.xlsx", "take-out application", "様式例③ or ④"],
        ["DO NOT", "Delete"],
    ),
    (
        "ja encrypted, not inspected",
        [LOCKED],
        "ja",
        ["確認が必要", "秘密.pdf", "暗号化されていて開けませんでした", "--passwords"]
        + ["個人情報を含むものとして扱って"],
        ["持ち出し不可", "読み取れなかった"],
    ),
    (
        "en unreadable",
        [CORRUPT],
        "en",
        ["CHECK NEEDED", "壊れた.docx", "could not be inspected: check it by hand"]
        + ["treat them as holding personal information"],
        ["--passwords", "DO NOT"],
    ),
    (
        "ja mixed",
        MIXED,
        "ja",
        ["持ち出し不可", "旅費.xlsx", "名簿.csv", "資料.zip の中:", "成績.xlsx", "秘密.pdf"]
        + ["壊れた.docx", "削除", "様式例①又は②", "様式例③又は④", "個人情報保護管理者"]
        + ["留意点", "クラウド", "圧縮ファイル・メールの中のファイル 1 件"],
        ["資料.zip!", "お知らせ.txt"],
    ),
    (
        "en mixed",
        MIXED,
        "en",
        ["DO NOT TAKE OUT", "旅費.xlsx", "名簿.csv", "inside 資料.zip:", "成績.xlsx"]
        + ["秘密.pdf", "壊れた.docx", "Delete", "encrypt", "application", "cloud"],
        ["資料.zip!", "お知らせ.txt"],
    ),
]


@pytest.mark.parametrize(
    ("rows", "lang", "present", "absent"),
    [case[1:] for case in TEXT_CASES],
    ids=[case[0] for case in TEXT_CASES],
)
def test_text_names_files_and_actions(
    rows: list[FileResult], lang: Literal["ja", "en"], present: list[str], absent: list[str]
) -> None:
    text = render(judge(rows), lang, ROOT)
    for word in present:
        assert word in text, word
    for word in absent:
        assert word not in text, word
    assert text.endswith("\n")


def shape(text: str) -> list[tuple[int, bool, bool]]:
    """Each line's indent, and whether it is a bullet or a heading."""
    return [
        (len(line) - len(line.lstrip()), line.lstrip().startswith("- "), line.startswith("■"))
        for line in text.splitlines()
    ]


@pytest.mark.parametrize("rows", [MIXED, [CLEAN], [LOCKED]], ids=["mixed", "clear", "locked"])
def test_both_languages_share_the_layout(rows: list[FileResult]) -> None:
    verdict = judge(rows)
    assert shape(render(verdict, "en", ROOT)) == shape(render(verdict, "ja", ROOT))


def test_each_finding_is_listed_once() -> None:
    text = render(judge(MIXED), "ja", ROOT)
    for name in ("旅費.xlsx", "名簿.csv", "資料.zip", "成績.xlsx", "秘密.pdf", "壊れた.docx"):
        assert text.count(name) == 1, name


@pytest.mark.parametrize(
    ("root", "path", "shown"),
    [
        ("/media/usb", "/media/usb/経理/旅費.xlsx", "  - 経理/旅費.xlsx（"),
        ("/media/usb/", "/media/usb/経理/旅費.xlsx", "  - 経理/旅費.xlsx（"),
        ("/media/usb/旅費.xlsx", "/media/usb/旅費.xlsx", "  - 旅費.xlsx（"),
        ("/media/usb", "/media/usb2/旅費.xlsx", "  - /media/usb2/旅費.xlsx（"),
        ("/media/usb", "/srv/旅費.xlsx", "  - /srv/旅費.xlsx（"),
        ("/", "/media/usb/旅費.xlsx", "  - /media/usb/旅費.xlsx（"),
        ("/media/usb/資料.zip", "/media/usb/資料.zip!旅費.xlsx", "  - 資料.zip の中:"),
    ],
)
def test_paths_relative_to_the_root(root: str, path: str, shown: str) -> None:
    rows = [FileResult(path=path, risk_level="1")]
    if "!" in path:
        rows.insert(0, FileResult(path=path.split("!")[0], risk_level="1"))
    text = render(judge(rows), "ja", root)
    assert text.splitlines()[5].startswith(shown), text


def test_evidence_and_errors_never_appear() -> None:
    secrets = ("PERSON:山＊ ＊＊", "PHONE_NUMBER:***-****-5678", "090-1234-5678", "山田太郎")
    rows = [
        row(
            "旅費.xlsx",
            "1",
            category="旅費情報",
            key_info=("銀行口座",),
            evidence=secrets[:2],
            entities={"PERSON": 3},
            owner="yamada",
        ),
        row("名簿.csv", "2", evidence=(secrets[1],), error=f"parse error near {secrets[2]}"),
        row("成績.xlsx", "2", encrypted=True, evidence=(secrets[0],)),
        row("壊れた.docx", "unknown", error=f"cannot read {secrets[3]}"),
        row("秘密.pdf", "unknown", encrypted=True, error=f"password for {secrets[3]}?"),
    ]
    for lang in ("ja", "en"):
        text = render(judge(rows), lang, ROOT)
        for secret in (*secrets, "PERSON", "PHONE_NUMBER", "yamada", "parse error"):
            assert secret not in text, (lang, secret)


def test_control_characters_in_names_cannot_forge_lines() -> None:
    forged = "a.csv\n判定: 持ち出し可 — 個人情報は見つかりませんでした。\u202e"
    text = render(judge([row(forged, "2")]), "ja", ROOT)
    assert "\n判定: 持ち出し可" not in text
    assert "a.csv\\x0a判定" in text and "\\u202e" in text


def test_long_member_lists_are_cut() -> None:
    n = MAX_MEMBERS_SHOWN + 5
    rows = [row("秘密.zip", "unknown", encrypted=True)] + [
        row(f"秘密.zip!{i:03}.xlsx", "unknown", encrypted=True) for i in range(n)
    ]
    verdict = judge(rows)
    assert len(verdict.uninspected) == n
    ja = render(verdict, "ja", ROOT)
    assert f"{MAX_MEMBERS_SHOWN - 1:03}.xlsx" in ja and f"{MAX_MEMBERS_SHOWN:03}.xlsx" not in ja
    assert "ほか 5 件" in ja
    assert "and 5 files more" in render(verdict, "en", ROOT)


def test_uninspected_advice_fits_what_was_found() -> None:
    ja = render(judge([LOCKED, CORRUPT]), "ja", ROOT)
    assert "--passwords" in ja and "読み取れなかったファイル" in ja
    en = render(judge([LOCKED, CORRUPT]), "en", ROOT)
    assert "--passwords" in en and "Open the files that could not be read" in en
