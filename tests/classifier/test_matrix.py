"""The decision on entity counts and cue words: the hard cases, and the rules composing.

Documents run through the recognizers are in `test_matrix_rows.py`; here the input is
what the recognizers hand on (`Facts`), so each rule can be pinned down on its own and
hypothesis can compose them freely.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classifier.codes import Level
from classifier.matrix import Facts, classify
from classifier.policy import Identification, Policy, default_policy
from recognizers.entities import ALL

POLICY = default_policy()


def facts(counts: dict[str, int], records: int = 0, cues: tuple[str, ...] = ()) -> Facts:
    return Facts(counts, records, frozenset(cues))


# (id, counts, records, cues, level, category, key_info)
CASES = [
    ("nothing found", {}, 0, (), Level.NONE, "", ()),
    ("a regulation naming 氏名・銀行口座 as words", {}, 0, ("旅費", "人事"), Level.NONE, "", ()),
    (
        "an e-mail signature",
        {"PERSON": 1, "EMAIL_ADDRESS": 1, "PHONE_NUMBER": 1},
        1,
        (),
        Level.NONE,
        "",
        (),
    ),
    (
        "a mail between two colleagues",
        {"PERSON": 5, "EMAIL_ADDRESS": 4, "PHONE_NUMBER": 1},
        2,
        ("成績",),
        Level.NONE,
        "",
        (),
    ),
    (
        "a 連絡網 of eight students",
        {"PERSON": 8, "PHONE_NUMBER": 7, "EMAIL_ADDRESS": 3},
        8,
        ("連絡網",),
        Level.TWO,
        "在学生連絡先名簿",
        (),
    ),
    (
        "one person's birthday is more than contact details",
        {"PERSON": 1, "DATE_OF_BIRTH": 1},
        1,
        (),
        Level.TWO,
        "",
        (),
    ),
    (
        "a roster of outside travellers",
        {"PERSON": 16, "JP_ADDRESS": 8, "JP_POSTAL_CODE": 8},
        8,
        ("旅行命令", "学外者"),
        Level.TWO,
        "旅行命令簿（学外者）",
        (),
    ),
    (
        "the same roster with a bank-account column",
        {"PERSON": 24, "JP_ADDRESS": 8, "JP_POSTAL_CODE": 8, "JP_BANK_ACCOUNT": 8},
        8,
        ("旅行命令", "学外者"),
        Level.ONE,
        "旅費情報",
        ("銀行口座",),
    ),
    (
        "a staff travel roster",
        {"PERSON": 12, "JP_STAFF_ID": 10, "JP_STUDENT_ID": 2},
        12,
        ("旅行命令",),
        Level.TWO,
        "旅行命令簿（教職員・学生）",
        (),
    ),
    (
        "a salary-account list is personnel information",
        {"PERSON": 30, "JP_STAFF_ID": 15, "JP_BANK_ACCOUNT": 15},
        15,
        ("給与",),
        Level.ONE,
        "教職員人事情報",
        ("銀行口座",),
    ),
    (
        "students with guardians",
        {"PERSON": 20, "JP_STUDENT_ID": 20, "JP_GUARDIAN": 20, "JP_ADDRESS": 20},
        20,
        (),
        Level.ONE,
        "在学生身上情報",
        ("保護者連絡先",),
    ),
    (
        "pupils with guardians: 保護者氏名 is an item of the class list, not key information",
        {"PERSON": 60, "DATE_OF_BIRTH": 30, "JP_GUARDIAN": 30},
        30,
        ("出席番号", "児童", "学級名簿"),
        Level.TWO,
        "学級幼児児童生徒名簿",
        (),
    ),
    (
        "pupils with home addresses",
        {"PERSON": 12, "DATE_OF_BIRTH": 6, "JP_GUARDIAN": 6, "JP_ADDRESS": 6},
        6,
        ("出席番号", "児童", "指導要録"),
        Level.ONE,
        "指導要録（入学・卒業等の学籍に関する記録）",
        ("自宅住所",),
    ),
    (
        "students' home addresses are not key information",
        {"PERSON": 20, "JP_STUDENT_ID": 20, "JP_ADDRESS": 20, "PHONE_NUMBER": 20},
        20,
        ("連絡先",),
        Level.TWO,
        "在学生連絡先名簿",
        (),
    ),
    (
        "staff contacts plus 個人番号 → the ① twin",
        {"PERSON": 17, "JP_STAFF_ID": 17, "DATE_OF_BIRTH": 17, "JP_MY_NUMBER": 17},
        17,
        ("教職員",),
        Level.ONE,
        "教職員人事情報",
        ("個人番号",),
    ),
    (
        "students' 個人番号 (TA/RA hiring): the ① twin of the student contact list",
        {"PERSON": 10, "JP_STUDENT_ID": 10, "JP_ADDRESS": 10, "JP_MY_NUMBER": 10},
        10,
        ("個人番号",),
        Level.ONE,
        "在学生身上情報",
        ("個人番号",),
    ),
    (
        "a plain staff list is no 旅行命令簿 without a travel word",
        {"PERSON": 10, "JP_STAFF_ID": 10},
        10,
        (),
        Level.TWO,
        "",
        (),
    ),
    (
        "a lone 個人番号 is ① with no row",
        {"JP_MY_NUMBER": 1},
        0,
        (),
        Level.ONE,
        "",
        ("個人番号",),
    ),
    (
        "health checks of students",
        {"PERSON": 30, "JP_STUDENT_ID": 30, "JP_MEDICAL": 30},
        30,
        ("健康診断",),
        Level.ONE,
        "健康診断情報",
        ("健康診断情報",),
    ),
    (
        "patients",
        {"PERSON": 25, "JP_PATIENT_ID": 25, "DATE_OF_BIRTH": 25, "JP_MEDICAL": 25},
        25,
        ("外来",),
        Level.ONE,
        "患者個人情報",
        ("患者番号", "診療情報"),
    ),
    (
        "trial subjects",
        {"PERSON": 12, "JP_PATIENT_ID": 12, "JP_MEDICAL": 12},
        12,
        ("治験", "被験者"),
        Level.ONE,
        "治療にかかる被験者情報",
        ("患者番号", "診療情報"),
    ),
    (
        "medical notes in a student file: 要配慮個人情報",
        {"PERSON": 3, "JP_STUDENT_ID": 3, "JP_MEDICAL": 3, "JP_GUARDIAN": 3},
        3,
        ("面談",),
        Level.ONE,
        "在学生身上情報",
        ("保護者連絡先", "要配慮個人情報"),
    ),
    (
        "applicants: 受験番号 alone is key information",
        {"PERSON": 25, "JP_EXAM_NUMBER": 25, "DATE_OF_BIRTH": 25},
        25,
        ("出願",),
        Level.ONE,
        "入学試験情報",
        ("受験番号",),
    ),
    (
        "grades without an entrance-exam context stay ②",
        {"PERSON": 60, "JP_STUDENT_ID": 60, "JP_GRADES": 60},
        60,
        ("成績一覧",),
        Level.TWO,
        "授業科目別成績表",
        (),
    ),
    (
        "one student's transcript",
        {"PERSON": 2, "JP_STUDENT_ID": 1, "JP_GRADES": 1},
        1,
        ("個人別成績",),
        Level.TWO,
        "学生個人別成績表",
        (),
    ),
    (
        "names and e-mails of many people match no row",
        {"PERSON": 40, "EMAIL_ADDRESS": 40},
        40,
        (),
        Level.TWO,
        "",
        (),
    ),
]


@pytest.mark.parametrize(
    ("counts", "records", "cues", "level", "category", "key_info"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_decision(
    counts: dict[str, int],
    records: int,
    cues: tuple[str, ...],
    level: Level,
    category: str,
    key_info: tuple[str, ...],
) -> None:
    decision = classify(facts(counts, records, cues), POLICY)
    assert (decision.level, decision.category, decision.key_info) == (level, category, key_info), (
        decision.steps
    )


def test_the_contact_threshold_is_configurable() -> None:
    signature = facts({"PERSON": 1, "EMAIL_ADDRESS": 1, "PHONE_NUMBER": 1}, records=1)
    strict = POLICY.model_copy(
        update={"identification": Identification(contact_types=("PERSON",), min_people=1)}
    )
    assert classify(signature, POLICY).level is Level.NONE
    assert classify(signature, strict).level is Level.TWO


def test_every_step_is_explained_without_values() -> None:
    decision = classify(
        facts({"PERSON": 8, "JP_BANK_ACCOUNT": 8, "JP_ADDRESS": 8}, 8, ("旅費",)), POLICY
    )
    assert any("銀行口座" in step and "JP_BANK_ACCOUNT" in step for step in decision.steps)
    assert decision.steps[-1] == "危険度①, 情報名 旅費情報"
    assert decision.scores[0].category == "旅費情報"


# --- properties ---------------------------------------------------------------------------

SEVERITY = {Level.NONE: 0, Level.TWO: 1, Level.ONE: 2}
counts_strategy = st.dictionaries(st.sampled_from(ALL), st.integers(1, 50), max_size=8)
cues_strategy = st.frozensets(st.sampled_from(sorted(POLICY.cue_words)), max_size=6)


@settings(max_examples=300, deadline=None)
@given(counts_strategy, st.integers(0, 40), cues_strategy, st.sampled_from(ALL), st.integers(1, 50))
def test_adding_a_finding_never_lowers_the_level(
    counts: dict[str, int], records: int, cues: frozenset[str], entity: str, more: int
) -> None:
    before = classify(Facts(counts, records, cues), POLICY)
    grown = dict(counts)
    grown[entity] = grown.get(entity, 0) + more
    after = classify(Facts(grown, records, cues), POLICY)
    assert SEVERITY[after.level] >= SEVERITY[before.level], (before.steps, after.steps)


@settings(max_examples=200, deadline=None)
@given(counts_strategy, st.integers(0, 40), st.integers(1, 40), cues_strategy)
def test_more_people_never_lower_the_level(
    counts: dict[str, int], records: int, more: int, cues: frozenset[str]
) -> None:
    before = classify(Facts(counts, records, cues), POLICY)
    after = classify(Facts(counts, records + more, cues), POLICY)
    assert SEVERITY[after.level] >= SEVERITY[before.level]


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 1000), cues_strategy)
def test_no_findings_is_level_0(records: int, cues: frozenset[str]) -> None:
    decision = classify(Facts({}, records, cues), POLICY)
    assert (decision.level, decision.category, decision.key_info) == (Level.NONE, "", ())


@settings(max_examples=200, deadline=None)
@given(counts_strategy, st.integers(0, 40), cues_strategy)
def test_the_decision_is_consistent(
    counts: dict[str, int], records: int, cues: frozenset[str]
) -> None:
    """Key information only on ①; a named row's level never exceeds the file's; pure."""
    facts_ = Facts(counts, records, cues)
    decision = classify(facts_, POLICY)
    assert classify(facts_, POLICY) == decision
    if decision.level is not Level.ONE:
        assert decision.key_info == ()
    else:
        assert decision.key_info
    if decision.category:
        category = POLICY.category(decision.category)
        assert category is not None
        assert category.level == 2 or decision.level is Level.ONE


@settings(max_examples=100, deadline=None)
@given(counts_strategy, st.integers(0, 40), cues_strategy)
def test_key_information_makes_it_one_whatever_the_weights(
    counts: dict[str, int], records: int, cues: frozenset[str]
) -> None:
    """The level never depends on the scoring weights, only on what was found."""
    odd: Policy = POLICY.model_copy(
        update={
            "matching": POLICY.matching.model_copy(
                update={"cue": 0.0, "item": 5.0, "foreign_type": 3.0, "min_score": 100.0}
            )
        }
    )
    facts_ = Facts(counts, records, cues)
    assert classify(facts_, odd).level == classify(facts_, POLICY).level
