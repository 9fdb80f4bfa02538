"""The committed sample corpus agrees with its labels and with its generator.

``tools/corpus_labels.csv`` is the ground truth `make eval` scores piiscan against, so
these tests keep it honest: every labelled file and archive member exists, every file
is labelled, only SPEC names are used, encrypted files really are encrypted (and open
with ``tools/corpus_passwords.txt``), and ``python -m tools.make_corpus`` reproduces the
corpus deterministically.
"""

from __future__ import annotations

import csv
import email
import io
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import msoffcrypto
import py7zr
import pytest
import pyzipper
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "sample_corpus"
LABELS = ROOT / "tools" / "corpus_labels.csv"
PASSWORD = (ROOT / "tools" / "corpus_passwords.txt").read_text(encoding="utf-8").split()[0]

COLUMNS = [
    "path",
    "format",
    "risk_level",
    "category",
    "key_info",
    "entities",
    "records",
    "encrypted",
    "violations",
    "notes",
]
# SPEC.md, "Entity types" and "Violation codes", names exactly as written there.
ENTITY_TYPES = {
    "PERSON", "JP_ADDRESS", "JP_POSTAL_CODE", "PHONE_NUMBER", "EMAIL_ADDRESS", "DATE_OF_BIRTH",
    "JP_STUDENT_ID", "JP_STAFF_ID", "JP_EXAM_NUMBER", "JP_PATIENT_ID", "JP_BANK_ACCOUNT",
    "JP_MY_NUMBER", "JP_DRIVERS_LICENSE", "JP_PASSPORT", "JP_RESIDENCE_CARD", "JP_PENSION_NUMBER",
    "CREDIT_CARD", "JP_GRADES", "JP_EXAM_RESULT", "JP_MEDICAL", "JP_EDUCATION_CAREER",
    "JP_GUARDIAN", "JP_CAREER_PATH",
}  # fmt: skip
VIOLATIONS = {
    "UNENCRYPTED",
    "TAKEOUT_PROHIBITED",
    "TAKEOUT_PERMIT_REQUIRED",
    "PUBLIC_LOCATION",
    "OUTSIDE_SECURE_AREA",
    "WORLD_READABLE",
    "STALE",
}
# Seed 002, section 2: 情報名 → 危険度; 健康診断情報 comes from the section 1 list of ①.
MATRIX = {
    "履修者名簿": 2,
    "答案用紙": 2,
    "学生個人別成績表": 2,
    "授業科目別成績表": 2,
    "在学生連絡先名簿": 2,
    "在学生身上情報": 1,
    "卒業修了者名簿（進路先情報を含む。）": 2,
    "旅行命令簿（教職員・学生）": 2,
    "旅行命令簿（学外者）": 2,
    "旅費情報": 1,
    "教職員連絡先名簿": 2,
    "教職員人事情報": 1,
    "入学試験情報": 1,
    "患者個人情報": 1,
    "治療にかかる被験者情報": 1,
    "指導要録（入学・卒業等の学籍に関する記録）": 1,
    "指導要録（指導に関する記録）": 2,
    "学級幼児児童生徒名簿": 2,
    "健康診断情報": 1,
}
LIBREOFFICE_FORMATS = {"doc", "xls", "ppt", "odt", "ods"}
CONTAINERS = {"zip", "7z", "tar.gz", "eml"}


def load_labels(path: Path = LABELS) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "labels must be UTF-8 with BOM"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS
        return list(reader)


LABEL_ROWS = load_labels()
BY_PATH = {row["path"]: row for row in LABEL_ROWS}


def level_with_password(row: dict[str, str]) -> int:
    """The 危険度 of the content, also for encrypted rows (read from their notes)."""
    if row["risk_level"] != "unknown":
        return int(row["risk_level"])
    marker = "with_password: risk_level="
    assert marker in row["notes"], row["path"]
    return int(row["notes"].split(marker, 1)[1][0])


# --------------------------------------------------------------------------- containers


def _eml_attachment(data: bytes, name: str) -> bytes:
    message: Message = email.message_from_bytes(data)
    for part in message.walk():
        if part.get_filename() == name:
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload
    raise KeyError(name)


def _zip_member(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data), metadata_encoding="cp932") as zf:
        info = zf.getinfo(name)
        if not info.flag_bits & 0x1:
            return zf.read(info)
        if info.compress_type == 99:  # WinZip AES
            with pyzipper.AESZipFile(io.BytesIO(data)) as aes:
                aes.setpassword(PASSWORD.encode())
                return bytes(aes.read(info.filename))
        return zf.read(info, pwd=PASSWORD.encode())


def _7z_member(data: bytes, name: str, tmp: Path) -> bytes:
    with py7zr.SevenZipFile(io.BytesIO(data), password=PASSWORD) as archive:
        archive.extractall(path=tmp)
    return (tmp / name).read_bytes()


def member_bytes(label_path: str, tmp: Path) -> bytes:
    """Bytes of ``file!member!member`` — opening encrypted containers with the password."""
    first, *members = label_path.split("!")
    data = (CORPUS / first).read_bytes()
    container = first
    for i, name in enumerate(members):
        if container.endswith(".eml"):
            data = _eml_attachment(data, name)
        elif container.endswith(".zip"):
            data = _zip_member(data, name)
        elif container.endswith(".7z"):
            data = _7z_member(data, name, tmp / f"7z-{i}")
        elif container.endswith(".tar.gz"):
            with tarfile.open(fileobj=io.BytesIO(data)) as tar:
                extracted = tar.extractfile(name)
                assert extracted is not None
                data = extracted.read()
        else:
            raise AssertionError(f"not a container: {container}")
        container = name
    return data


def corpus_files(root: Path = CORPUS) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


# --------------------------------------------------------------------------- labels


def test_every_file_is_labelled_and_every_label_exists() -> None:
    files = corpus_files()
    top_level = {row["path"] for row in LABEL_ROWS if "!" not in row["path"]}
    assert files == top_level


def test_members_exist_inside_their_containers(tmp_path: Path) -> None:
    members = [row["path"] for row in LABEL_ROWS if "!" in row["path"]]
    assert members, "archives and mails should have labelled members"
    for path in members:
        assert member_bytes(path, tmp_path), path
        parent = path.rsplit("!", 1)[0]
        assert BY_PATH[parent]["format"] in CONTAINERS, parent


def test_cp932_member_names_have_no_utf8_flag() -> None:
    data = (CORPUS / "教務/提出物_2024.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data), metadata_encoding="cp932") as zf:
        infos = zf.infolist()
    assert {i.filename for i in infos} >= {"履修者名簿.csv", "内部/成績.zip"}
    assert all(not i.flag_bits & 0x800 for i in infos)


def test_labels_use_only_spec_names() -> None:
    for row in LABEL_ROWS:
        where = row["path"]
        assert row["risk_level"] in {"0", "1", "2", "unknown"}, where
        assert row["encrypted"] in {"yes", "no"}, where
        assert (row["risk_level"] == "unknown") == (row["encrypted"] == "yes"), where
        for pair in filter(None, row["entities"].split(";")):
            name, count = pair.split(":")
            assert name in ENTITY_TYPES, (where, name)
            assert int(count) > 0, where
        names = [p.split(":")[0] for p in filter(None, row["entities"].split(";"))]
        assert names == sorted(names), where
        assert set(filter(None, row["violations"].split(";"))) <= VIOLATIONS, where
        assert int(row["records"]) >= 0, where
        if row["category"]:
            assert row["category"] in MATRIX, (where, row["category"])
        assert not row["path"].startswith("/") and "\\" not in row["path"], where


def test_levels_follow_the_matrix() -> None:
    for row in LABEL_ROWS:
        level = level_with_password(row)
        where = row["path"]
        if level == 0:
            assert not (row["category"] or row["key_info"] or row["violations"]), where
        elif row["format"] not in CONTAINERS:
            assert MATRIX[row["category"]] == level, where
        if level == 1 and row["format"] not in CONTAINERS:
            assert row["key_info"], f"a ① file names its key information: {where}"


def test_containers_take_their_most_severe_member() -> None:
    severity = {1: 2, 2: 1, 0: 0}
    for row in LABEL_ROWS:
        if row["format"] not in CONTAINERS:
            continue
        prefix = row["path"] + "!"
        children = [
            r
            for r in LABEL_ROWS
            if r["path"].startswith(prefix) and "!" not in r["path"][len(prefix) :]
        ]
        levels = [level_with_password(r) for r in children]
        assert levels, row["path"]
        worst = max(levels, key=severity.__getitem__)
        assert severity[level_with_password(row)] >= severity[worst], row["path"]


def test_every_matrix_row_is_covered() -> None:
    seen = {(row["category"], level_with_password(row)) for row in LABEL_ROWS}
    for category, level in MATRIX.items():
        assert (category, level) in seen, category


def test_key_information_twins_exist() -> None:
    """The matrix splits levels by key information: each ① has its ② twin."""
    twins = {
        "旅費情報": "旅行命令簿（学外者）",
        "在学生身上情報": "在学生連絡先名簿",
        "教職員人事情報": "教職員連絡先名簿",
        "指導要録（入学・卒業等の学籍に関する記録）": "学級幼児児童生徒名簿",
    }
    categories = {row["category"] for row in LABEL_ROWS}
    for first, second in twins.items():
        assert first in categories and second in categories


def test_violations_follow_the_folder() -> None:
    for row in LABEL_ROWS:
        codes = set(filter(None, row["violations"].split(";")))
        level = row["risk_level"]
        top = row["path"].split("!")[0]
        if level in {"1", "2"}:
            assert "UNENCRYPTED" in codes, top
        if level in {"1", "2"} and top.startswith(("public_html/", "公開/")):
            assert "PUBLIC_LOCATION" in codes, top
        if level in {"1", "2"} and top.startswith("OneDrive"):
            expected = "TAKEOUT_PROHIBITED" if level == "1" else "TAKEOUT_PERMIT_REQUIRED"
            assert expected in codes, top
        assert not codes & {"STALE", "WORLD_READABLE", "OUTSIDE_SECURE_AREA"}, top
        if level in {"0", "unknown"}:
            assert not codes, top


def test_corpus_is_small() -> None:
    files = corpus_files()
    assert 60 <= len(files) <= 90
    assert sum((CORPUS / f).stat().st_size for f in files) < 5 * 1024 * 1024


# --------------------------------------------------------------------------- encryption


def _office_encrypted(data: bytes) -> bool:
    if zipfile.is_zipfile(io.BytesIO(data)):
        return False  # a plain OOXML/ODF package
    office = msoffcrypto.OfficeFile(io.BytesIO(data))
    return bool(office.is_encrypted())


def _office_opens(data: bytes) -> bool:
    office = msoffcrypto.OfficeFile(io.BytesIO(data))
    office.load_key(password=PASSWORD)
    out = io.BytesIO()
    office.decrypt(out)
    return len(out.getvalue()) > 0


def _pdf_state(data: bytes) -> tuple[bool, bool]:
    """(needs a password, opens with the corpus password)."""
    reader = PdfReader(io.BytesIO(data))
    if not reader.is_encrypted:
        return False, True
    if reader.decrypt(""):
        return False, True  # owner password only: anyone can read it
    reader = PdfReader(io.BytesIO(data))
    return True, bool(reader.decrypt(PASSWORD))


def _zip_encrypted(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data), metadata_encoding="cp932") as zf:
        flags = {bool(i.flag_bits & 0x1) for i in zf.infolist()}
    assert len(flags) == 1, "all members encrypted or none"
    return flags.pop()


def _7z_encrypted(data: bytes) -> bool:
    try:
        with py7zr.SevenZipFile(io.BytesIO(data)) as archive:
            return bool(archive.needs_password())
    except py7zr.exceptions.PasswordRequired:
        return True  # encrypted headers: even the listing needs the password


def file_rows() -> Iterator[dict[str, str]]:
    return (row for row in LABEL_ROWS if "!" not in row["path"])


@pytest.mark.parametrize("row", list(file_rows()), ids=lambda r: r["path"])
def test_encryption_matches_label(row: dict[str, str], tmp_path: Path) -> None:
    data = (CORPUS / row["path"]).read_bytes()
    expected = row["encrypted"] == "yes"
    fmt = row["format"]
    if fmt in {"docx", "xlsx", "xlsm", "pptx", "doc", "xls", "ppt"}:
        assert _office_encrypted(data) == expected
        if expected:
            assert _office_opens(data)
    elif fmt == "pdf":
        needs_password, opens = _pdf_state(data)
        assert needs_password == expected
        assert opens
    elif fmt == "zip":
        assert _zip_encrypted(data) == expected
    elif fmt == "7z":
        assert _7z_encrypted(data) == expected
    else:
        assert not expected, f"{fmt} files cannot be encrypted in this corpus"
    if expected:
        for member in (r["path"] for r in LABEL_ROWS if r["path"].startswith(row["path"] + "!")):
            assert BY_PATH[member]["encrypted"] == "yes"
            assert member_bytes(member, tmp_path)


def test_my_numbers_have_valid_check_digits() -> None:
    import openpyxl
    from stdnum.jp import in_

    sheet = openpyxl.load_workbook(CORPUS / "総務/扶養控除等申告_個人番号一覧.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[2].index("個人番号")
    numbers = [str(r[column]) for r in rows[3:]]
    expected = BY_PATH["総務/扶養控除等申告_個人番号一覧.xlsx"]["entities"]
    assert f"JP_MY_NUMBER:{len(numbers)}" in expected
    assert all(in_.is_valid(n) for n in numbers)


def test_owner_only_pdf_counts_as_unencrypted() -> None:
    reader = PdfReader(CORPUS / "教務/答案_閲覧制限.pdf")
    assert reader.is_encrypted and reader.decrypt("")
    assert BY_PATH["教務/答案_閲覧制限.pdf"]["encrypted"] == "no"


# --------------------------------------------------------------------------- generator


def _generate(out: Path, labels: Path) -> None:
    args = ["--out", str(out), "--labels", str(labels), "--no-libreoffice"]
    command = [sys.executable, "-m", "tools.make_corpus", *args]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, Path]:
    pytest.importorskip("reportlab", reason="the corpus generator needs reportlab (dev dependency)")
    base = tmp_path_factory.mktemp("corpus")
    first, second = base / "a", base / "b"
    _generate(first, base / "a.csv")
    _generate(second, base / "b.csv")
    return first, base / "a.csv", second, base / "b.csv"


def test_generator_reproduces_the_file_names(regenerated: tuple[Path, Path, Path, Path]) -> None:
    out, labels, _, _ = regenerated
    committed = {f for f in corpus_files() if BY_PATH[f]["format"] not in LIBREOFFICE_FORMATS}
    assert corpus_files(out) == committed
    assert load_labels(labels) == LABEL_ROWS


def test_generator_is_byte_stable(regenerated: tuple[Path, Path, Path, Path]) -> None:
    first, labels_a, second, labels_b = regenerated
    assert labels_a.read_bytes() == labels_b.read_bytes()
    for name in corpus_files(first):
        a, b = first / name, second / name
        assert a.read_bytes() == b.read_bytes(), name
        assert a.stat().st_mtime == b.stat().st_mtime, name
