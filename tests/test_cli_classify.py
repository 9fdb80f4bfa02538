"""Classification, storage rules, take-out verdicts and policy files, end to end via the CLI.

What this module proves, each through the real `piiscan` command line (in-process):

- every violation code of the SPEC (UNENCRYPTED, TAKEOUT_PROHIBITED,
  TAKEOUT_PERMIT_REQUIRED, PUBLIC_LOCATION, OUTSIDE_SECURE_AREA, WORLD_READABLE, STALE)
  is written to the CSV row of the file that breaks the rule, and only there; the `zone`
  column names the auto-detected zone (normal, cloud_sync, public) or the declared one;
  危険度0 and `unknown` rows never carry a violation;
- every exit code of `piiscan takeout` (0, 1, 3 and 2), with its Japanese and English
  verdict text and its `--out` findings rows;
- `piiscan explain` shows the level, the key information and the rules, masked;
- `piiscan policy` prints a policy `tomllib` reads, a custom one merged over it, and a
  broken policy file is one line naming the file, the line and the key, with exit 2 —
  for `policy`, `scan` and `takeout` alike;
- no planted raw value (name, account number, ID, address) reaches the CSV or the console.

Two scans of one tree (the built-in policy with the archive password; a custom policy
without it) serve most of the assertions, to keep the module fast: every CLI scan spends
a few seconds loading models in its worker.
"""

from __future__ import annotations

import os
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pytest
import pyzipper
from _clihelp import invoke, read_csv_report
from click.testing import Result

from classifier.codes import Violation

# --- planted documents ------------------------------------------------------------------
# Fake people; every value below is made up. Nothing of them may leave the scanner raw.

PEOPLE: tuple[tuple[str, str], ...] = (
    ("山田 太郎", "ヤマダ タロウ"),
    ("佐藤 花子", "サトウ ハナコ"),
    ("鈴木 一郎", "スズキ イチロウ"),
    ("高橋 美咲", "タカハシ ミサキ"),
    ("田中 健太", "タナカ ケンタ"),
    ("伊藤 裕子", "イトウ ユウコ"),
)
STAFF_IDS = ("1203450", "1203467", "1203484", "1203501", "1203518", "1203535")
ACCOUNTS = ("4821930", "5933041", "6044152", "7155263", "8266374", "9377485")
STUDENT_IDS = ("2215126T", "2215129T", "2215132T", "2215135T", "2215138T", "2215141T")
ADDRESSES = tuple(f"兵庫県神戸市中央区三宮町{i + 1}丁目{i + 2}番{i + 3}号" for i in range(6))
POSTAL_CODES = tuple(f"650-000{i + 1}" for i in range(6))

PASSWORD = "pw-test"
TRAVEL = "出張旅費_振込口座.csv"  # 危険度① 旅費情報 (銀行口座)
ROSTER = "履修者名簿.csv"  # 危険度② 履修者名簿
NOTICE = "お知らせ.txt"  # 危険度0
ENCRYPTED = "名簿_暗号化.zip"  # the roster in an AES zip: ② with the password, else unknown

DAY = 86_400


def raw_values() -> list[str]:
    """Every planted value, and the parts of a name that alone identify someone."""
    values: list[str] = []
    for name, kana in PEOPLE:
        values += [name, kana, name.split()[0], name.replace(" ", "")]
    return values + [*STAFF_IDS, *ACCOUNTS, *STUDENT_IDS, *ADDRESSES, *POSTAL_CODES]


def assert_no_raw(text: str) -> None:
    leaked = [value for value in raw_values() if value in text]
    assert not leaked, f"raw personal data in output: {leaked}"


def travel_csv() -> str:
    lines = ["氏名,フリガナ,職員番号,郵便番号,自宅住所,金融機関名,支店名,預金種別,口座番号"]
    for (name, kana), staff, postal, address, account in zip(
        PEOPLE, STAFF_IDS, POSTAL_CODES, ADDRESSES, ACCOUNTS, strict=True
    ):
        lines.append(
            f"{name},{kana},{staff},{postal},{address},三井住友銀行,三宮支店,普通,{account}"
        )
    return "\n".join(lines) + "\n"


def roster_csv() -> str:
    lines = ["学籍番号,氏名,フリガナ,所属"]
    for (name, kana), student in zip(PEOPLE, STUDENT_IDS, strict=True):
        lines.append(f"{student},{name},{kana},工学部")
    return "\n".join(lines) + "\n"


def place(path: Path, mode: int = 0o600, age_days: float = 0) -> Path:
    """Permission bits and mtime set explicitly: neither umask nor the clock decides."""
    path.chmod(mode)
    if age_days:
        stamp = time.time() - age_days * DAY
        os.utime(path, (stamp, stamp))
    return path


def write_travel(folder: Path, name: str = TRAVEL, mode: int = 0o600, age: float = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(travel_csv(), encoding="utf-8")
    return place(folder / name, mode, age)


def write_roster(folder: Path, name: str = ROSTER, mode: int = 0o600, age: float = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(roster_csv(), encoding="utf-8")
    return place(folder / name, mode, age)


def write_notice(folder: Path, mode: int = 0o600, age: float = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / NOTICE).write_text(
        "来週の教授会は第二会議室で行います。資料は当日配布します。\n", encoding="utf-8"
    )
    return place(folder / NOTICE, mode, age)


def write_encrypted(folder: Path, mode: int = 0o600, age: float = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ENCRYPTED
    with pyzipper.AESZipFile(
        path, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as zf:
        zf.setpassword(PASSWORD.encode())
        zf.writestr(ROSTER, roster_csv().encode("utf-8"))
    return place(path, mode, age)


def write_passwords(folder: Path) -> Path:
    path = folder / "passwords.txt"
    path.write_text(f"wrong-one\n{PASSWORD}\n", encoding="utf-8")
    return path


# --- the shared tree, scanned twice -------------------------------------------------------

ONEDRIVE = "OneDrive - 神戸大学"
SECURE_ZONE = "保管庫"  # a declared `secure` zone, named in Japanese
USB_ZONE = "usb"  # a declared `removable` zone


def build_share(share: Path) -> None:
    """Files are 0600 and fresh unless the case is about permissions or age."""
    write_travel(share / "plain")
    write_roster(share / "plain")
    write_notice(share / "plain")
    write_encrypted(share / "plain")

    write_travel(share / ONEDRIVE)
    write_roster(share / ONEDRIVE)
    # Encrypted, world-readable and old: only the rules for ② files that are not about
    # encryption may fire, and none at all once it cannot be opened (`unknown`).
    write_encrypted(share / ONEDRIVE, mode=0o644, age=400)
    write_notice(share / ONEDRIVE, mode=0o644, age=400)  # 0 breaks no rule anywhere

    write_travel(share / "public_html")
    write_roster(share / "public_html")
    write_roster(share / "公開")
    write_notice(share / "公開", mode=0o644, age=400)

    write_travel(share / "secure")
    write_roster(share / "secure")

    write_travel(share / "usb")
    write_roster(share / "usb")

    write_travel(share / "perms", mode=0o644)
    write_roster(share / "perms", mode=0o644)

    write_travel(share / "aged", "出張旅費_400日.csv", age=400)
    write_travel(share / "aged", "出張旅費_30日.csv", age=30)
    write_roster(share / "aged", "履修者名簿_400日.csv", age=400)
    write_roster(share / "aged", "履修者名簿_30日.csv", age=30)


def custom_policy(share: Path) -> str:
    """A secure zone, a removable zone and a 10-day retention period."""
    return f"""\
[retention]
days = 10

[[zones]]
name = "{SECURE_ZONE}"
type = "secure"
paths = ['{share / "secure"}']

[[zones]]
name = "{USB_ZONE}"
type = "removable"
paths = ['{share / "usb"}/**']
"""


@dataclass(frozen=True)
class Scan:
    share: Path
    rows: dict[str, dict[str, str]]  # by path relative to the share
    text: str  # the whole CSV report
    result: Result


@dataclass(frozen=True)
class Scans:
    default: Scan  # built-in policy, --passwords
    custom: Scan  # custom_policy, no passwords


def scan_share(share: Path, out: Path, *options: str) -> Scan:
    result = invoke("scan", str(share), "--out", str(out), *options)
    assert result.exit_code == 0, result.output
    prefix = str(share) + "/"
    rows = {row["path"].removeprefix(prefix): row for row in read_csv_report(out)}
    return Scan(share, rows, out.read_text(encoding="utf-8-sig"), result)


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> Scans:
    base = tmp_path_factory.mktemp("classify")
    share = base / "share"
    build_share(share)
    passwords = write_passwords(base)
    policy = base / "policy.toml"
    policy.write_text(custom_policy(share), encoding="utf-8")
    return Scans(
        default=scan_share(share, base / "default.csv", "--passwords", str(passwords)),
        custom=scan_share(share, base / "custom.csv", "--policy", str(policy)),
    )


def codes(row: dict[str, str]) -> set[str]:
    return set(filter(None, row["violations"].split(";")))


# --- the documents are graded as planted -------------------------------------------------


def test_documents_are_graded_as_planted(scans: Scans) -> None:
    rows = scans.default.rows
    travel = rows[f"plain/{TRAVEL}"]
    assert (travel["risk_level"], travel["category"], travel["key_info"]) == (
        "1",
        "旅費情報",
        "銀行口座",
    )
    assert "JP_BANK_ACCOUNT:6" in travel["entities"].split(";")
    roster = rows[f"plain/{ROSTER}"]
    assert (roster["risk_level"], roster["category"], roster["key_info"]) == ("2", "履修者名簿", "")
    assert "JP_STUDENT_ID:6" in roster["entities"].split(";")
    assert rows[f"plain/{NOTICE}"]["risk_level"] == "0"
    for rel in (f"plain/{ENCRYPTED}", f"plain/{ENCRYPTED}!{ROSTER}"):
        assert (rows[rel]["risk_level"], rows[rel]["encrypted"]) == ("2", "yes"), rel
    for rel in (f"plain/{ENCRYPTED}", f"plain/{ENCRYPTED}!{ROSTER}"):
        row = scans.custom.rows[rel]
        assert (row["risk_level"], row["encrypted"]) == ("unknown", "yes"), rel
    assert all(row["error"] == "" for row in rows.values())


# --- violation codes and zones, one table per scan ---------------------------------------


@dataclass(frozen=True)
class Expect:
    path: str  # relative to the share
    level: str
    zone: str
    violations: frozenset[str]


def expect(path: str, level: str, zone: str, *violations: str) -> Expect:
    return Expect(path, level, zone, frozenset(violations))


U, TP, TR = "UNENCRYPTED", "TAKEOUT_PROHIBITED", "TAKEOUT_PERMIT_REQUIRED"
PUB, OSA, WR, ST = "PUBLIC_LOCATION", "OUTSIDE_SECURE_AREA", "WORLD_READABLE", "STALE"
ARCHIVED = f"{ENCRYPTED}!{ROSTER}"

# Built-in policy (retention 365 days, no secure zone), encrypted zip opened by password.
DEFAULT_POLICY_ROWS = [
    expect(f"plain/{TRAVEL}", "1", "normal", U),
    expect(f"plain/{ROSTER}", "2", "normal", U),
    expect(f"plain/{NOTICE}", "0", "normal"),
    expect(f"plain/{ENCRYPTED}", "2", "normal"),
    expect(f"plain/{ARCHIVED}", "2", "normal"),
    expect(f"{ONEDRIVE}/{TRAVEL}", "1", "cloud_sync", U, TP),
    expect(f"{ONEDRIVE}/{ROSTER}", "2", "cloud_sync", U, TR),
    expect(f"{ONEDRIVE}/{ENCRYPTED}", "2", "cloud_sync", TR, WR, ST),
    expect(f"{ONEDRIVE}/{NOTICE}", "0", "cloud_sync"),
    expect(f"public_html/{TRAVEL}", "1", "public", U, PUB),
    expect(f"public_html/{ROSTER}", "2", "public", U, PUB),
    expect(f"公開/{ROSTER}", "2", "public", U, PUB),
    expect(f"公開/{NOTICE}", "0", "public"),
    expect(f"secure/{TRAVEL}", "1", "normal", U),
    expect(f"secure/{ROSTER}", "2", "normal", U),
    expect(f"usb/{TRAVEL}", "1", "normal", U),
    expect(f"usb/{ROSTER}", "2", "normal", U),
    expect(f"perms/{TRAVEL}", "1", "normal", U, WR),
    expect(f"perms/{ROSTER}", "2", "normal", U, WR),
    expect("aged/出張旅費_400日.csv", "1", "normal", U, ST),
    expect("aged/出張旅費_30日.csv", "1", "normal", U),
    expect("aged/履修者名簿_400日.csv", "2", "normal", U, ST),
    expect("aged/履修者名簿_30日.csv", "2", "normal", U),
]

# custom_policy (a secure zone, a removable zone, retention 10 days), no password.
CUSTOM_POLICY_ROWS = [
    expect(f"plain/{TRAVEL}", "1", "normal", U, OSA),
    expect(f"plain/{ROSTER}", "2", "normal", U),
    expect(f"plain/{NOTICE}", "0", "normal"),
    expect(f"plain/{ENCRYPTED}", "unknown", "normal"),
    expect(f"plain/{ARCHIVED}", "unknown", "normal"),
    expect(f"{ONEDRIVE}/{TRAVEL}", "1", "cloud_sync", U, TP, OSA),
    expect(f"{ONEDRIVE}/{ROSTER}", "2", "cloud_sync", U, TR),
    expect(f"{ONEDRIVE}/{ENCRYPTED}", "unknown", "cloud_sync"),
    expect(f"{ONEDRIVE}/{ARCHIVED}", "unknown", "cloud_sync"),
    expect(f"{ONEDRIVE}/{NOTICE}", "0", "cloud_sync"),
    expect(f"public_html/{TRAVEL}", "1", "public", U, PUB, OSA),
    expect(f"public_html/{ROSTER}", "2", "public", U, PUB),
    expect(f"公開/{ROSTER}", "2", "public", U, PUB),
    expect(f"secure/{TRAVEL}", "1", SECURE_ZONE, U),
    expect(f"secure/{ROSTER}", "2", SECURE_ZONE, U),
    expect(f"usb/{TRAVEL}", "1", USB_ZONE, U, TP, OSA),
    expect(f"usb/{ROSTER}", "2", USB_ZONE, U, TR),
    expect(f"perms/{TRAVEL}", "1", "normal", U, WR, OSA),
    expect(f"perms/{ROSTER}", "2", "normal", U, WR),
    expect("aged/出張旅費_400日.csv", "1", "normal", U, OSA, ST),
    expect("aged/出張旅費_30日.csv", "1", "normal", U, OSA, ST),
    expect("aged/履修者名簿_400日.csv", "2", "normal", U, ST),
    expect("aged/履修者名簿_30日.csv", "2", "normal", U, ST),
]


def check(scan: Scan, case: Expect) -> None:
    row = scan.rows.get(case.path)
    assert row is not None, f"no row for {case.path}; rows: {sorted(scan.rows)}"
    got = (row["risk_level"], row["zone"], codes(row))
    assert got == (case.level, case.zone, set(case.violations)), row


@pytest.mark.parametrize("case", DEFAULT_POLICY_ROWS, ids=lambda c: c.path)
def test_violations_and_zone_with_builtin_policy(scans: Scans, case: Expect) -> None:
    check(scans.default, case)


@pytest.mark.parametrize("case", CUSTOM_POLICY_ROWS, ids=lambda c: c.path)
def test_violations_and_zone_with_custom_policy(scans: Scans, case: Expect) -> None:
    check(scans.custom, case)


def test_every_violation_code_is_exercised() -> None:
    """The tables above are the coverage of the SPEC's violation list: keep them whole."""
    seen = {code for case in DEFAULT_POLICY_ROWS + CUSTOM_POLICY_ROWS for code in case.violations}
    assert seen == {code.value for code in Violation}


@pytest.mark.parametrize("which", ["default", "custom"])
def test_level_0_and_unknown_rows_never_violate(scans: Scans, which: str) -> None:
    scan: Scan = getattr(scans, which)
    quiet = {p: r for p, r in scan.rows.items() if r["risk_level"] in ("0", "unknown")}
    assert quiet, "the tree has 0 (and, without the password, unknown) rows"
    assert {p: r["violations"] for p, r in quiet.items() if r["violations"]} == {}


def test_the_encrypted_zip_opened_by_password_is_not_unencrypted(scans: Scans) -> None:
    """Classified with the password, yet still `encrypted=yes`: no UNENCRYPTED anywhere."""
    rows = scans.default.rows
    for rel in (f"{ONEDRIVE}/{ENCRYPTED}", f"{ONEDRIVE}/{ARCHIVED}", f"plain/{ARCHIVED}"):
        assert rows[rel]["encrypted"] == "yes", rel
        assert U not in codes(rows[rel]), rel
    assert TR in codes(rows[f"{ONEDRIVE}/{ARCHIVED}"])


@pytest.mark.parametrize("which", ["default", "custom"])
def test_report_holds_no_raw_values(scans: Scans, which: str) -> None:
    scan: Scan = getattr(scans, which)
    assert_no_raw(scan.text)
    assert_no_raw(scan.result.output)
    # The evidence is there, masked: the report is not clean because it is empty.
    assert "PERSON:山＊ ＊＊" in scan.rows[f"plain/{TRAVEL}"]["evidence"]


# --- take-out --------------------------------------------------------------------------


@dataclass(frozen=True)
class Takeout:
    case: str
    code: int
    build: tuple[str, ...]  # what goes on the medium: travel, roster, notice, encrypted
    passwords: bool
    lang: str
    says: tuple[str, ...]  # in the verdict (stdout)


TAKEOUTS = [
    Takeout("clear", 0, ("notice",), False, "ja", ("持ち出し可",)),
    Takeout(
        "level-1",
        1,
        ("travel", "notice"),
        False,
        "ja",
        ("持ち出し不可", TRAVEL, "危険度①", "旅費情報", "銀行口座", "個人情報保護管理者"),
    ),
    Takeout(
        "unencrypted-level-2",
        1,
        ("roster", "notice"),
        False,
        "en",
        ("DO NOT TAKE OUT", ROSTER, "Risk level ②, not encrypted", "個人情報保護管理者"),
    ),
    Takeout(
        "encrypted-level-2",
        3,
        ("encrypted", "notice"),
        True,
        "ja",
        ("個人情報保護管理者の許可が必要", ENCRYPTED, "危険度②", "様式例③"),
    ),
    Takeout(
        "not-inspected",
        3,
        ("encrypted", "notice"),
        False,
        "ja",
        ("確認が必要", ENCRYPTED, "--passwords"),
    ),
]

WRITERS: dict[str, Callable[[Path], Path]] = {
    "travel": write_travel,
    "roster": write_roster,
    "notice": write_notice,
    "encrypted": write_encrypted,
}


@pytest.mark.parametrize("case", TAKEOUTS, ids=lambda c: c.case)
def test_takeout_exit_codes(tmp_path: Path, case: Takeout) -> None:
    medium = tmp_path / "USB"
    for what in case.build:
        WRITERS[what](medium)
    args = ["takeout", str(medium), "--lang", case.lang, "--out", str(tmp_path / "r.csv")]
    if case.passwords:
        args += ["--passwords", str(write_passwords(tmp_path))]
    result = invoke(*args)
    assert result.exit_code == case.code, result.output
    missing = [text for text in case.says if text not in result.stdout]
    assert not missing, result.stdout
    if case.lang == "en":
        assert "判定" not in result.stdout and "Verdict:" in result.stdout
    else:
        assert "判定:" in result.stdout
    assert_no_raw(result.output)
    assert PASSWORD not in result.output
    assert_no_raw((tmp_path / "r.csv").read_text(encoding="utf-8-sig"))


def test_takeout_out_writes_takeout_codes(tmp_path: Path) -> None:
    """PATH is removable media: ① is TAKEOUT_PROHIBITED, ② TAKEOUT_PERMIT_REQUIRED."""
    medium = tmp_path / "USB"
    write_travel(medium / "会計")
    write_roster(medium / "教務")
    write_notice(medium)
    out = tmp_path / "takeout.csv"
    result = invoke("takeout", str(medium), "--out", str(out))
    assert result.exit_code == 1, result.output
    rows = {Path(r["path"]).relative_to(medium).as_posix(): r for r in read_csv_report(out)}
    assert codes(rows[f"会計/{TRAVEL}"]) == {U, TP}
    assert codes(rows[f"教務/{ROSTER}"]) == {U, TR}
    assert codes(rows[NOTICE]) == set()
    assert {r["zone"] for r in rows.values()}.isdisjoint({"normal", "public", "cloud_sync"})
    # Japanese verdict names both offending files and whom to ask.
    for text in (f"会計/{TRAVEL}", f"教務/{ROSTER}", "個人情報保護管理者", "持ち出し不可"):
        assert text in result.stdout, text
    assert_no_raw(result.output)
    assert_no_raw(out.read_text(encoding="utf-8-sig"))


def test_takeout_of_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("takeout", str(tmp_path / "no-such-drive"))
    assert result.exit_code == 2
    assert "no-such-drive" in result.output


# --- explain ---------------------------------------------------------------------------


def test_explain_shows_masked_evidence_and_the_rules(scans: Scans) -> None:
    result = invoke("explain", str(scans.default.share / "plain" / TRAVEL))
    assert result.exit_code == 0, result.output
    for text in ("旅費情報", "銀行口座", "危険度①", "JP_BANK_ACCOUNT", U, "PERSON:山＊ ＊＊"):
        assert text in result.stdout, text
    assert_no_raw(result.output)


# --- policy files ----------------------------------------------------------------------


def builtin_category_names() -> set[str]:
    text = files("classifier").joinpath("default_policy.toml").read_text(encoding="utf-8")
    return {c["name"] for c in tomllib.loads(text)["categories"]}


def test_policy_prints_the_builtin_policy_as_toml() -> None:
    result = invoke("policy")
    assert result.exit_code == 0, result.output
    printed = tomllib.loads(result.stdout)
    names = {c["name"] for c in printed["categories"]}
    assert names == builtin_category_names()
    assert {"旅費情報", "履修者名簿"} <= names
    assert printed["retention"]["days"] == 365


def test_policy_shows_a_custom_policy_merged_over_the_builtin(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(
        '[retention]\ndays = 10\n\n[[zones]]\nname = "保管庫"\ntype = "secure"\n'
        'paths = ["/srv/secure/**"]\n',
        encoding="utf-8",
    )
    result = invoke("policy", "--policy", str(good))
    assert result.exit_code == 0, result.output
    printed = tomllib.loads(result.stdout)
    assert printed["retention"]["days"] == 10
    assert [(z["name"], z["type"]) for z in printed["zones"]] == [("保管庫", "secure")]
    assert printed["identification"]["min_people"] == 5  # left out: the built-in value
    assert {c["name"] for c in printed["categories"]} == builtin_category_names()


@dataclass(frozen=True)
class Broken:
    case: str
    text: str | None  # None: the file does not exist
    line: int | None
    key: str


BROKEN = [
    Broken("toml-syntax", "[retention]\ndays = = 3\n", 2, "days"),
    Broken("duplicate-key", "[retention]\ndays = 10\ndays = 11\n", 3, "days"),
    Broken("unknown-key", "# typo\n[identification]\nmin_peple = 3\n", 3, "min_peple"),
    Broken("wrong-type", '[retention]\n\ndays = "ten"\n', 3, "days"),
    Broken(
        "out-of-range",
        "[retention]\ndays = 10\n\n[identification]\nmin_people = 0\n",
        5,
        "min_people",
    ),
    Broken(
        "zone-type",
        '[[zones]]\nname = "a"\ntype = "secure"\npaths = ["/srv/a"]\n\n'
        '[[zones]]\nname = "b"\ntype = "vault"\npaths = ["/srv/b"]\n',
        8,
        "type",
    ),
    Broken(
        "bad-regex",
        "[recognizers.formats]\nJP_STAFF_ID = ['\\d{7}']\nJP_STUDENT_ID = ['(\\d{7}[A-Z]']\n",
        3,
        "JP_STUDENT_ID",
    ),
    Broken("missing-file", None, None, ""),
]


def broken_file(tmp_path: Path, case: Broken) -> Path:
    path = tmp_path / f"{case.case}.toml"
    if case.text is not None:
        path.write_text(case.text, encoding="utf-8")
    return path


def assert_one_line_policy_error(result: Result, path: Path, case: Broken) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    (line,) = lines
    assert str(path) in line, line
    if case.line is not None:
        assert f"{path}:{case.line}:" in line, line
    assert case.key in line, line
    assert "Traceback" not in result.output


@pytest.fixture
def medium(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    write_notice(folder)
    return folder


@pytest.mark.parametrize("command", ["policy", "scan", "takeout"])
@pytest.mark.parametrize("case", BROKEN, ids=lambda c: c.case)
def test_broken_policy_is_one_line_and_exit_2(
    tmp_path: Path, medium: Path, command: str, case: Broken
) -> None:
    path = broken_file(tmp_path, case)
    out = tmp_path / "out.csv"
    args = {
        "policy": ["policy"],
        "scan": ["scan", str(medium), "--out", str(out)],
        "takeout": ["takeout", str(medium), "--out", str(out)],
    }[command]
    result = invoke(*args, "--policy", str(path))
    assert_one_line_policy_error(result, path, case)
    assert result.stdout == ""  # no policy printed, no verdict
    assert not out.exists()  # the policy is checked before anything is scanned
