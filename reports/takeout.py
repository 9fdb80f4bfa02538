"""The verdict of `piiscan takeout`: may this media leave the campus, and what must be done.

The rules are those of 神戸大学「個人情報の危険度及びセキュリティ対策基準」 (section 1,
持ち出し): a 危険度① file may not be taken out (only, when truly unavoidable, with an
application on 様式例① or ② and the 個人情報保護管理者's permission); a 危険度② file may
be taken out with an application on 様式例③ or ④, once it is encrypted or password-protected.
`judge` turns the scan's rows into a `Verdict` with the exit code the SPEC promises;
`render` writes it as plain text, in Japanese or English, for any member of staff.

Only paths, levels, 情報名 (category), key-information labels and counts are ever shown:
no evidence (even masked), no entity values, no error text (it may quote a file).

Sample output for a USB drive mounted at /media/usb (``render(verdict, "ja", "/media/usb")``;
long lines cut here with …, printed whole)::

    判定: 持ち出し不可 — このままでは学外に持ち出せません。
    理由: 危険度①のファイルが 1 件、暗号化されていない危険度②のファイルが 1 件、…
    確認したファイル: 6 件（うち個人情報を含むもの 3 件）。圧縮ファイル・メール…

    ■ 危険度①（原則として学外持ち出し不可）: 1 件
      - 経理/旅費.xlsx（危険度①・旅費情報・キー情報: 銀行口座・暗号化なし）
      対応: この媒体から削除してください。真にやむを得ない事由がある場合に限り、…

    ■ 危険度②・暗号化なし: 1 件
      - 名簿.csv（危険度②・在学生連絡先名簿）
      対応: ファイルに暗号化又はパスワード設定をしたうえで、様式例③又は④により…

    ■ 危険度②・暗号化済み（申請して許可を得れば持ち出せます）: 1 件
      - 資料.zip の中:
          成績.xlsx（危険度②・授業科目別成績表）
      対応: 持ち出す前に、様式例③又は④により所属部局等の個人情報保護管理者に…

    ■ 中身を確認できなかったファイル: 2 件
      - 秘密.pdf（暗号化されていて開けませんでした）
      - 壊れた.docx（読み取れませんでした。手作業で確認してください）
      対応: 暗号化されたファイルは、パスワードを書いたファイルを --passwords で…

    留意点: クラウド・サービスに保存した個人情報を学外で利用する場合も、…

The same in English (``lang="en"``)::

    Verdict: DO NOT TAKE OUT — this drive must not leave the campus as it is.
    Why: 1 file with risk level ① personal information, 1 file with unencrypted risk …
    Checked: 6 files (3 files with personal information). 2 files inside archives or …

    ■ Risk level ① (taking it off campus is prohibited in principle): 1 file
      - 経理/旅費.xlsx (risk level ①; 旅費情報; key information: 銀行口座; not encrypted)
      What to do: Delete it from this drive. Only if it is truly unavoidable, submit an …

    ■ Risk level ②, encrypted (may be taken out with permission): 1 file
      - inside 資料.zip:
          成績.xlsx (risk level ②; 授業科目別成績表)
      What to do: Before taking it out, submit a take-out application on form 様式例③ …
    …
"""

from __future__ import annotations

import itertools
import os
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Literal

from classifier.codes import Level
from reports.model import FileResult

# Members of one archive listed under it, at most: an encrypted zip of 500 files needs
# one action (its password), not 500 lines; the findings report (--out) has every row.
MAX_MEMBERS_SHOWN = 20


class TakeoutCode(IntEnum):
    """The exit codes of `piiscan takeout` (SPEC); 2 (usage error) is the CLI's own."""

    CLEAR = 0  # no personal information found
    BLOCKED = 1  # a ① file, or a ② file that is not encrypted: not as it is
    PERMIT = 3  # only with a take-out application (or after checking by hand)


class _Kind(IntEnum):
    """The four groups of a verdict, in the order they are shown: worst first."""

    PROHIBITED = 1
    UNENCRYPTED = 2
    PERMIT = 3
    UNINSPECTED = 4


@dataclass(frozen=True)
class Finding:
    """One offending row, with the archives or mails it sits in (outermost first).

    `containers` comes from `judge`, which sees every row: a "!" in a path alone does not
    tell a member from a file whose name holds a "!".
    """

    row: FileResult
    containers: tuple[str, ...] = ()

    @property
    def top(self) -> str:
        """The file on the medium this finding is in (itself, or its outermost archive)."""
        return self.containers[0] if self.containers else self.row.path

    @property
    def member_names(self) -> tuple[str, ...]:
        """`a.zip!b.zip!c.xlsx` under `a.zip` → ("b.zip", "c.xlsx"); () for a plain file."""
        chain = (*self.containers, self.row.path)
        return tuple(inner[len(outer) + 1 :] for outer, inner in itertools.pairwise(chain))


@dataclass(frozen=True)
class Verdict:
    """What `takeout` decided, with the rows that decided it, grouped by what to do.

    Each finding appears in exactly one group. A container (archive, mail) is listed
    itself only when its own level is not explained by one of its members: otherwise its
    level is just the roll-up of a member, and the member row names the real problem.
    """

    code: TakeoutCode
    prohibited: tuple[Finding, ...] = ()  # 危険度①, encrypted or not
    unencrypted: tuple[Finding, ...] = ()  # 危険度② without encryption or password
    permit: tuple[Finding, ...] = ()  # 危険度②, encrypted: needs 様式例③/④
    uninspected: tuple[Finding, ...] = ()  # content could not be looked at
    files_scanned: int = 0  # files on the medium (not counting archive/mail members)
    members_scanned: int = 0  # archive and mail members, each its own row
    files_with_pii: int = 0  # files holding ① or ② content, themselves or in a member


def judge(rows: Iterable[FileResult]) -> Verdict:
    """Grade the scan of a medium by the take-out rules and pick the exit code.

    `risk_level` "" (never classified) counts as not inspected only when `error` says
    something went wrong (else it is a type we do not read, such as an image); a value
    outside the SPEC's vocabulary counts as not inspected, since a take-out verdict must
    never pass a file silently.
    """
    unique: dict[str, FileResult] = {}
    for row in rows:
        # The same path twice (overlapping input) is one file; keep its worse grading.
        old = unique.get(row.path)
        if old is None or _severity(row) > _severity(old):
            unique[row.path] = row
    ancestry = _ancestry(list(unique.values()))

    # The most severe level found below each container. A container's row carries the
    # worst level of its members, so when a member is as bad, the member is the finding
    # and the container is only named above it. A container is listed itself only when
    # its level exceeds every member's (its own content, e.g. a mail body). Hence a plain
    # zip holding a password-protected ② workbook is "encrypted ②" (exit 3), as the rule
    # asks of the data file, not "unencrypted ②" by the zip's own flag.
    below: dict[str, int] = {}
    for row in unique.values():
        for ancestor in ancestry[row.path]:
            below[ancestor] = max(below.get(ancestor, -1), _severity(row))

    groups: dict[_Kind, list[Finding]] = {kind: [] for kind in _Kind}
    with_pii: set[str] = set()
    for row in unique.values():
        level = _level(row)
        if level is not None and level.personal:
            with_pii.add(_top(row, ancestry))
        kind = _kind(row)
        if kind is None or _severity(row) <= below.get(row.path, -1):
            continue  # clean, or a container whose level one of its members explains
        groups[kind].append(Finding(row, ancestry[row.path]))

    if groups[_Kind.PROHIBITED] or groups[_Kind.UNENCRYPTED]:
        code = TakeoutCode.BLOCKED
    elif groups[_Kind.PERMIT] or groups[_Kind.UNINSPECTED]:
        code = TakeoutCode.PERMIT
    else:
        code = TakeoutCode.CLEAR
    members = sum(1 for row in unique.values() if ancestry[row.path])
    return Verdict(
        code=code,
        prohibited=tuple(groups[_Kind.PROHIBITED]),
        unencrypted=tuple(groups[_Kind.UNENCRYPTED]),
        permit=tuple(groups[_Kind.PERMIT]),
        uninspected=tuple(groups[_Kind.UNINSPECTED]),
        files_scanned=len(unique) - members,
        members_scanned=members,
        files_with_pii=len(with_pii),
    )


def _level(row: FileResult) -> Level | None:
    """The row's level for take-out purposes; None when there is nothing to judge."""
    if not row.risk_level:
        return Level.UNKNOWN if row.error else None
    try:
        return Level(row.risk_level)
    except ValueError:
        return Level.UNKNOWN


def _severity(row: FileResult) -> int:
    level = _level(row)
    return -1 if level is None else level.severity


def _kind(row: FileResult) -> _Kind | None:
    level = _level(row)
    if level is Level.ONE:
        return _Kind.PROHIBITED
    if level is Level.TWO:
        return _Kind.PERMIT if row.encrypted else _Kind.UNENCRYPTED
    if level is Level.UNKNOWN:
        return _Kind.UNINSPECTED
    return None


def _ancestry(rows: list[FileResult]) -> dict[str, tuple[str, ...]]:
    """Each row's containers, outermost first.

    A member's path is `ARCHIVE!member`, but a file name may hold a "!" too: a prefix
    counts as a container only if it is the path of a row that came before (members
    follow their container), so "/media/usb/重要!名簿.xlsx" stays a file of its own.
    """
    seen: set[str] = set()
    result: dict[str, tuple[str, ...]] = {}
    for row in rows:
        path = row.path
        result[path] = tuple(
            path[:i] for i, char in enumerate(path) if char == "!" and path[:i] in seen
        )
        seen.add(path)
    return result


def _top(row: FileResult, ancestry: dict[str, tuple[str, ...]]) -> str:
    chain = ancestry.get(row.path, ())
    return chain[0] if chain else row.path


# -- rendering -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Texts:
    """Every sentence of the verdict in one language; both languages share the layout."""

    files: Callable[[int], str]
    headline: dict[str, str]  # "clear", "blocked", "permit", "check"
    reason: str
    reason_sep: str
    reason_end: str
    reasons: dict[_Kind, str]
    checked: str
    checked_pii: str
    checked_end: str
    checked_members: str
    clear_note: str
    titles: dict[_Kind, str]
    actions: dict[_Kind, str]
    uninspected_actions: dict[bool, str]  # by `encrypted`; the group's action follows
    action_label: str
    level_names: dict[str, str]
    key_info: str
    not_encrypted: str
    why_uninspected: dict[bool, str]  # by `encrypted`
    detail_open: str
    detail_sep: str
    detail_close: str
    inside: str
    more: str
    notes: tuple[str, ...]


_JA = _Texts(
    files=lambda n: f"{n} 件",
    headline={
        "clear": "判定: 持ち出し可 — 個人情報は見つかりませんでした。",
        "blocked": "判定: 持ち出し不可 — このままでは学外に持ち出せません。",
        "permit": "判定: 個人情報保護管理者の許可が必要 — "
        "申請し、許可を得てから持ち出してください。",
        "check": "判定: 確認が必要 — 中身を確認できないファイルがあります。"
        "確認が済むまでは、個人情報保護管理者の許可なく持ち出さないでください。",
    },
    reason="理由: ",
    reason_sep="、",
    reason_end="あります。",
    reasons={
        _Kind.PROHIBITED: "危険度①のファイルが {files}",
        _Kind.UNENCRYPTED: "暗号化されていない危険度②のファイルが {files}",
        _Kind.PERMIT: "暗号化済みの危険度②のファイルが {files}",
        _Kind.UNINSPECTED: "中身を確認できなかったファイルが {files}",
    },
    checked="確認したファイル: {files}",
    checked_pii="（うち個人情報を含むもの {files}）。",
    checked_end="。",
    checked_members="圧縮ファイル・メールの中のファイル {files}も確認しました。",
    clear_note="※ 自動検査の結果です。個人情報を含むと分かっているファイルは、"
    "基準に従って取り扱ってください。",
    titles={
        _Kind.PROHIBITED: "危険度①（原則として学外持ち出し不可）",
        _Kind.UNENCRYPTED: "危険度②・暗号化なし",
        _Kind.PERMIT: "危険度②・暗号化済み（申請して許可を得れば持ち出せます）",
        _Kind.UNINSPECTED: "中身を確認できなかったファイル",
    },
    actions={
        _Kind.PROHIBITED: "この媒体から削除してください。真にやむを得ない事由がある場合に限り、"
        "様式例①又は②により所属部局等の個人情報保護管理者に申請し、許可を得たうえで"
        "持ち出すことができます（その場合も暗号化又はパスワード設定が必要です）。",
        _Kind.UNENCRYPTED: "ファイルに暗号化又はパスワード設定をしたうえで、様式例③又は④により"
        "所属部局等の個人情報保護管理者に申請し、許可を得てから持ち出してください。"
        "持ち出す必要のないファイルは削除してください。",
        _Kind.PERMIT: "持ち出す前に、様式例③又は④により所属部局等の個人情報保護管理者に"
        "申請し、許可を得てください。頻繁に持ち出す場合は、最長1年の包括的な申請もできます。",
        _Kind.UNINSPECTED: "確認できるまでは、個人情報を含むものとして扱ってください。",
    },
    uninspected_actions={
        True: "暗号化されたファイルは、パスワードを書いたファイルを --passwords で指定して"
        "検査し直すか、ファイルを開いて中身を確認してください。",
        False: "読み取れなかったファイルは、開いて中身を手作業で確認してください。",
    },
    action_label="対応: ",
    level_names={"1": "危険度①", "2": "危険度②"},
    key_info="キー情報: ",
    not_encrypted="暗号化なし",
    why_uninspected={
        True: "暗号化されていて開けませんでした",
        False: "読み取れませんでした。手作業で確認してください",
    },
    detail_open="（",
    detail_sep="・",
    detail_close="）",
    inside="{path} の中:",
    more="ほか {files}",
    notes=(
        "留意点: クラウド・サービスに保存した個人情報を学外で利用する場合も、"
        "持ち出しと同じく個人情報保護管理者の許可が必要です。",
    ),
)

_EN = _Texts(
    files=lambda n: f"{n} file" if n == 1 else f"{n} files",
    headline={
        "clear": "Verdict: MAY BE TAKEN OUT — no personal information was found.",
        "blocked": "Verdict: DO NOT TAKE OUT — this drive must not leave the campus as it is.",
        "permit": "Verdict: PERMISSION NEEDED — apply to the personal information protection "
        "manager (個人情報保護管理者) and take it out only once permitted.",
        "check": "Verdict: CHECK NEEDED — some files could not be inspected. Until they are "
        "checked, do not take this drive out without the personal information protection "
        "manager's (個人情報保護管理者) permission.",
    },
    reason="Why: ",
    reason_sep=", ",
    reason_end=".",
    reasons={
        _Kind.PROHIBITED: "{files} with risk level ① personal information",
        _Kind.UNENCRYPTED: "{files} with unencrypted risk level ② personal information",
        _Kind.PERMIT: "{files} with encrypted risk level ② personal information",
        _Kind.UNINSPECTED: "{files} that could not be inspected",
    },
    checked="Checked: {files}",
    checked_pii=" ({files} with personal information).",
    checked_end=".",
    checked_members=" {files} inside archives or mail were checked too.",
    clear_note="Note: this is the result of an automatic check. Handle any file you know "
    "to hold personal information by the rules.",
    titles={
        _Kind.PROHIBITED: "Risk level ① (taking it off campus is prohibited in principle)",
        _Kind.UNENCRYPTED: "Risk level ②, not encrypted",
        _Kind.PERMIT: "Risk level ②, encrypted (may be taken out with permission)",
        _Kind.UNINSPECTED: "Files that could not be inspected",
    },
    actions={
        _Kind.PROHIBITED: "Delete it from this drive. Only if it is truly unavoidable, submit "
        "an application on form 様式例① or ② to your department's personal information "
        "protection manager (個人情報保護管理者) and take it out only with their permission, "
        "encrypted or password-protected.",
        _Kind.UNENCRYPTED: "Encrypt the file or set a password on it, then submit a take-out "
        "application on form 様式例③ or ④ to your department's personal information "
        "protection manager (個人情報保護管理者) and take it out only with their permission. "
        "Delete files you do not need to take out.",
        _Kind.PERMIT: "Before taking it out, submit a take-out application on form 様式例③ or "
        "④ to your department's personal information protection manager (個人情報保護管理者) "
        "and get their permission. If you take it out often, one application may cover up "
        "to a year.",
        _Kind.UNINSPECTED: "Until checked, treat them as holding personal information.",
    },
    uninspected_actions={
        True: "Scan encrypted files again with their password in a file given to "
        "--passwords, or open them and check the content. ",
        False: "Open the files that could not be read and check them by hand. ",
    },
    action_label="What to do: ",
    level_names={"1": "risk level ①", "2": "risk level ②"},
    key_info="key information: ",
    not_encrypted="not encrypted",
    why_uninspected={
        True: "encrypted: could not be opened",
        False: "could not be inspected: check it by hand",
    },
    detail_open=" (",
    detail_sep="; ",
    detail_close=")",
    inside="inside {path}:",
    more="and {files} more",
    notes=(
        "Note: using personal information kept in a cloud service from off campus counts "
        "as taking it out too, and needs the same permission.",
    ),
)

_TEXTS: dict[str, _Texts] = {"ja": _JA, "en": _EN}
_ORDER = (_Kind.PROHIBITED, _Kind.UNENCRYPTED, _Kind.PERMIT, _Kind.UNINSPECTED)


def render(verdict: Verdict, lang: Literal["ja", "en"], root: str) -> str:
    """The verdict as plain text: headline, why, which files, what to do about each group.

    Paths are shown relative to `root` (the scanned medium) when they lie inside it, so
    the list reads like the drive's own folders. Text ends with a newline.
    """
    t = _TEXTS[lang]
    groups = {
        _Kind.PROHIBITED: verdict.prohibited,
        _Kind.UNENCRYPTED: verdict.unencrypted,
        _Kind.PERMIT: verdict.permit,
        _Kind.UNINSPECTED: verdict.uninspected,
    }
    lines = [t.headline[_headline_key(verdict)]]
    found = [
        t.reasons[kind].format(files=t.files(len(groups[kind]))) for kind in _ORDER if groups[kind]
    ]
    if found:
        lines.append(t.reason + t.reason_sep.join(found) + t.reason_end)
    checked = t.checked.format(files=t.files(verdict.files_scanned))
    if verdict.files_with_pii:
        checked += t.checked_pii.format(files=t.files(verdict.files_with_pii))
    else:
        checked += t.checked_end
    if verdict.members_scanned:
        checked += t.checked_members.format(files=t.files(verdict.members_scanned))
    lines.append(checked)
    if verdict.code == TakeoutCode.CLEAR:
        lines.append(t.clear_note)
        return "\n".join(lines) + "\n"

    for kind in _ORDER:
        if not groups[kind]:
            continue
        lines.append("")
        lines.append(f"■ {t.titles[kind]}: {t.files(len(groups[kind]))}")
        lines.extend(_file_lines(groups[kind], t, root))
        lines.append("  " + t.action_label + _action(kind, groups[kind], t))
    lines.append("")
    lines.extend(t.notes)
    return "\n".join(lines) + "\n"


def _action(kind: _Kind, findings: tuple[Finding, ...], t: _Texts) -> str:
    """What to do about a group; for uninspected files, only the steps that apply."""
    if kind is not _Kind.UNINSPECTED:
        return t.actions[kind]
    present = sorted({f.row.encrypted for f in findings}, reverse=True)
    steps = "".join(t.uninspected_actions[encrypted] for encrypted in present)
    return steps + t.actions[kind]


def _headline_key(verdict: Verdict) -> str:
    if verdict.code == TakeoutCode.BLOCKED:
        return "blocked"
    if verdict.code == TakeoutCode.PERMIT:
        return "permit" if verdict.permit else "check"
    return "clear"


def _file_lines(findings: tuple[Finding, ...], t: _Texts, root: str) -> list[str]:
    """One bullet per file on the medium; members of an archive or mail indented under it.

    The archive is named once and its members by their names inside it, so the reader
    sees both what to delete or encrypt and where in the archive the problem lies.
    """
    by_top: dict[str, list[Finding]] = {}
    for finding in findings:
        by_top.setdefault(finding.top, []).append(finding)
    lines: list[str] = []
    for top, group in by_top.items():
        own = [f for f in group if not f.containers]
        inner = [f for f in group if f.containers]
        name = _clean(_relative(top, root))
        if own:
            lines.append(f"  - {name}{_details(own[0].row, t)}")
        else:
            lines.append("  - " + t.inside.format(path=name))
        for finding in inner[:MAX_MEMBERS_SHOWN]:
            label = " > ".join(_clean(part) for part in finding.member_names)
            lines.append(f"      {label}{_details(finding.row, t)}")
        if len(inner) > MAX_MEMBERS_SHOWN:
            lines.append("      " + t.more.format(files=t.files(len(inner) - MAX_MEMBERS_SHOWN)))
    return lines


def _details(row: FileResult, t: _Texts) -> str:
    """(危険度・情報名・キー情報) or why it could not be inspected: labels, never values."""
    level = _level(row)
    parts: list[str] = []
    if level is not None and level.personal:
        parts.append(t.level_names[level.value])
        if row.category:
            parts.append(_clean(row.category))
        if row.key_info:
            parts.append(t.key_info + ", ".join(_clean(k) for k in row.key_info))
        if level is Level.ONE and not row.encrypted:
            parts.append(t.not_encrypted)
    else:
        parts.append(t.why_uninspected[row.encrypted])
    return t.detail_open + t.detail_sep.join(parts) + t.detail_close


def _relative(path: str, root: str) -> str:
    """`path` relative to `root` when inside it; a single scanned file shows its name.

    Rows hold absolute paths (the crawler's `abspath`), so a relative `root` is made
    absolute the same way. Root "/" shortens nothing: the full path is clearer there.
    """
    base = os.path.abspath(root).rstrip("/") if root else ""
    if not base or not (path == base or path.startswith((base + "/", base + "!"))):
        return path
    if path == base or path.startswith(base + "!"):
        return os.path.basename(base) + path[len(base) :]
    return path[len(base) + 1 :]


def _clean(text: str) -> str:
    """Escape control and formatting characters so a file name cannot forge lines.

    A name holding a newline could print a fake 「持ち出し可」; a right-to-left override
    could disguise `.exe` as `.pdf`. They are shown as `\\x0a`, `\\u202e`.
    """
    out: list[str] = []
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs"):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)
