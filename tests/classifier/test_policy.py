"""The policy: the built-in one encodes every row of the matrix; user files merge; errors
name file, line and key.

The matrix test reads section 2 of seed 002 itself (`tests/data/seeds/`), so a row
missing from the TOML, a wrong level, a 記載情報 typed differently or key information
that is not the standard's fails here.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from classifier.codes import ZoneType
from classifier.policy import Policy, PolicyError, default_policy, load_policy, locate_line

SEED = Path(__file__).resolve().parents[1] / "data" / "seeds" / "002_13c56ec1fbc66346.txt"
SAME_AS_RECORDED = "記載情報に同じ"


def matrix_rows() -> list[tuple[str, str, int, str, str]]:
    """(業務名, 情報名, level, 記載情報, キー情報) for every row of section 2 of the seed."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("業務名\t情報名"))
    rows: list[tuple[str, str, int, str, str]] = []
    business = ""
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        cells = (line.split("\t") + [""] * 5)[:5]
        business = cells[0] or business
        names = cells[1].split(" ") if cells[1] else [business]
        level = {"①": 1, "②": 2}[cells[2]]
        for name in names:
            rows.append((business, name, level, cells[3], cells[4]))
    return rows


ROWS = matrix_rows()


def test_the_seed_matrix_has_all_its_rows() -> None:
    assert len(ROWS) == 18  # 17 lines; 患者個人情報 and 治療にかかる被験者情報 share one


@pytest.mark.parametrize(
    ("business", "name", "level", "recorded", "key"), ROWS, ids=[r[1] for r in ROWS]
)
def test_every_matrix_row_is_a_category(
    business: str, name: str, level: int, recorded: str, key: str
) -> None:
    category = default_policy().category(name)
    assert category is not None, f"{name} missing from the built-in policy"
    assert category.level == level
    assert category.business == business
    assert category.recorded == recorded
    if level == 1:
        assert category.key_info, "a ① row needs key information"
        if (
            SAME_AS_RECORDED not in key
        ):  # 「その他の教務情報（保護者連絡先など）」 names 保護者連絡先
            assert all(k in key for k in category.key_info), (category.key_info, key)
    else:
        assert not category.key_info


def test_section_1_kinds_without_a_row_are_categories_too() -> None:
    policy = default_policy()
    for name, level in (
        ("健康診断情報", 1),
        ("国家試験合否情報", 1),
        ("施設(室)の入退室記録等", 2),
    ):
        category = policy.category(name)
        assert category is not None and category.level == level


def test_the_key_information_twins_of_the_matrix() -> None:
    """② rows the standard separates from a ① row by key information name that row."""
    policy = default_policy()
    twins = {c.name: c.twin for c in policy.categories if c.twin}
    assert twins == {
        "在学生連絡先名簿": "在学生身上情報",
        "旅行命令簿（教職員・学生）": "旅費情報",
        "旅行命令簿（学外者）": "旅費情報",
        "教職員連絡先名簿": "教職員人事情報",
        "学級幼児児童生徒名簿": "指導要録（入学・卒業等の学籍に関する記録）",
    }


def test_general_rules() -> None:
    rules = {r.name: (r.level, r.entities) for r in default_policy().rules}
    assert rules["個人番号"] == (1, ("JP_MY_NUMBER",))
    assert rules["要配慮個人情報"] == (1, ("JP_MEDICAL",))


def test_the_printed_policy_loads_back_unchanged(tmp_path: Path) -> None:
    policy = default_policy()
    text = policy.to_toml()
    tomllib.loads(text)
    path = tmp_path / "printed.toml"
    path.write_text(text, encoding="utf-8")
    assert load_policy(path) == policy


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_the_built_in_policy() -> None:
    assert load_policy(None) == default_policy()


def test_a_table_merges_key_by_key(tmp_path: Path) -> None:
    policy = load_policy(write(tmp_path, "[identification]\nmin_people = 2\n"))
    assert policy.identification.min_people == 2
    assert policy.identification.contact_types == default_policy().identification.contact_types
    assert policy.categories == default_policy().categories


def test_a_category_merges_by_name_and_new_ones_are_added(tmp_path: Path) -> None:
    text = """
[[categories]]
name = "履修者名簿"
cues = ["受講者名簿"]

[[categories]]
name = "研究倫理審査情報"
business = "研究推進"
level = 1
items = ["氏名", "診療情報"]
key_info = ["診療情報"]
"""
    policy = load_policy(write(tmp_path, text))
    roster = policy.category("履修者名簿")
    assert roster is not None and roster.cues == ("受講者名簿",)
    assert roster.items == ("氏名", "学籍番号")  # the rest of the built-in row is kept
    assert policy.category("研究倫理審査情報") is not None
    assert len(policy.categories) == len(default_policy().categories) + 1


def test_enabled_false_removes_a_built_in_entry(tmp_path: Path) -> None:
    text = '[[rules]]\nname = "クレジットカード番号"\nenabled = false\n'
    policy = load_policy(write(tmp_path, text))
    assert "クレジットカード番号" not in {r.name for r in policy.active_rules}


def test_zones_and_formats(tmp_path: Path) -> None:
    text = """
[[zones]]
name = "usb"
type = "removable"
paths = ["/media/**", "/run/media/**"]

[recognizers.formats]
JP_STUDENT_ID = ['S\\d{8}']
"""
    policy = load_policy(write(tmp_path, text))
    assert policy.zones[0].name == "usb" and policy.zones[0].type is ZoneType.REMOVABLE
    assert policy.formats == (("JP_STUDENT_ID", ("S\\d{8}",)),)


# (policy text, line of the error, key named in it, words of the message)
BROKEN = [
    ("[identification\nmin_people = 3\n", 1, "", "Expected"),
    ("[identification]\nmin_peple = 3\n", 2, "identification.min_peple", "Extra inputs"),
    (
        'version = 1\n\n[identification]\nmin_people = "x"\n',
        4,
        "identification.min_people",
        "integer",
    ),
    ("[retention]\ndays = 0\n", 2, "retention.days", "greater than or equal to 1"),
    (
        '[[zones]]\nname = "a"\ntype = "secure"\npaths = ["/srv"]\n\n'
        '[[zones]]\nname = "b"\ntype = "usbstick"\npaths = ["/media"]\n',
        8,
        "zones.type",
        "removable",
    ),
    ('[[zones]]\nname = "a"\ntype = "secure"\n', 1, "zones.paths", "Field required"),
    (
        "[recognizers.formats]\nJP_STUDENT_ID = ['(\\d{7}']\n",
        2,
        "recognizers.formats.JP_STUDENT_ID",
        "regular expression",
    ),
    (
        "[recognizers.formats]\nJP_NOPE = ['\\d{7}']\n",
        2,
        "recognizers.formats.JP_NOPE",
        "takes no formats",
    ),
    (
        '[items]\n"氏名" = { entities = ["PERSONS"] }\n',
        2,
        "items.氏名.entities",
        "unknown entity type PERSONS",
    ),
    (
        '[[categories]]\nname = "新しい行"\nlevel = 2\nitems = ["氏名", "謎の項目"]\n',
        4,
        "categories.items",
        "undefined item 謎の項目",
    ),
    (
        '[[categories]]\nname = "履修者名簿"\ntwin = "答案用紙"\n',
        3,
        "categories.twin",
        "not an enabled level 1",
    ),
    (
        '[[categories]]\nname = "履修者名簿"\nlevel = 3\n',
        3,
        "categories.level",
        "Input should be 1 or 2",
    ),
    ('[[rules]]\nname = "旅券"\nlevel = 1\n', 1, "rules.entities", "Field required"),
]


@pytest.mark.parametrize(
    ("text", "line", "key", "words"), BROKEN, ids=[b[2] or "syntax" for b in BROKEN]
)
def test_a_broken_policy_names_file_line_and_key(
    tmp_path: Path, text: str, line: int, key: str, words: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(PolicyError) as raised:
        load_policy(path)
    error = raised.value
    assert (error.source, error.line) == (str(path), line), str(error)
    assert error.key == key
    assert words in error.message
    message = str(error)
    assert "\n" not in message
    assert message.startswith(f"{path}:{line}: ")


@pytest.mark.parametrize(
    ("content", "words"), [(None, "no such file"), (b"\xff\xfe[", "not UTF-8")]
)
def test_an_unreadable_policy_file(tmp_path: Path, content: bytes | None, words: str) -> None:
    path = tmp_path / "p.toml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(PolicyError, match=words):
        load_policy(path)


def test_locate_line_finds_the_nth_table_of_an_array() -> None:
    text = '[[zones]]\nname = "a"\n\n[[zones]]\nname = "b"\ntype = "x"\n'
    assert locate_line(text, ("zones", 1, "type")) == 6
    assert locate_line(text, ("zones", 0, "name")) == 2
    assert locate_line(text, ("zones", 0, "type")) == 1  # not written: the table's header


def test_the_policy_is_immutable() -> None:
    policy: Policy = default_policy()
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises its own ValidationError
        policy.retention = policy.retention  # type: ignore[misc]
