"""No raw personal data in any output: plant known values, look for them everywhere.

The report (CSV and JSONL) and the CLI's own output are searched for every planted
value and for the long digit runs inside them; evidence must be there, masked.
"""

from __future__ import annotations

from pathlib import Path

from _clihelp import ScanRunner, invoke, read_csv_report

PLANTED = {
    "PERSON": "西園寺 雅之",
    "PHONE_NUMBER": "090-3141-5926",
    "EMAIL_ADDRESS": "masayuki.saionji@example.ac.jp",
    "JP_MY_NUMBER": "123456789018",
    "JP_BANK_ACCOUNT": "7654321",
    "JP_ADDRESS": "兵庫県神戸市灘区六甲台町9丁目8番7号",
    "DATE_OF_BIRTH": "平成15年4月1日",
    "JP_STUDENT_ID": "2315987T",
}


def plant(tree: Path) -> None:
    tree.mkdir()
    p = PLANTED
    (tree / "身上調書.txt").write_text(
        f"学籍番号：{p['JP_STUDENT_ID']}\n氏名：{p['PERSON']}\n生年月日：{p['DATE_OF_BIRTH']}\n"
        f"現住所：〒657-8501 {p['JP_ADDRESS']}\n携帯：{p['PHONE_NUMBER']}\n"
        f"メール：{p['EMAIL_ADDRESS']}\n個人番号：{p['JP_MY_NUMBER']}\n"
        f"振込口座：みなと銀行 六甲道支店 普通 口座番号 {p['JP_BANK_ACCOUNT']}\n",
        encoding="utf-8",
    )


def fragments() -> list[str]:
    """The planted values and the pieces of them that would still identify someone."""
    out = list(PLANTED.values())
    out += ["西園寺", "雅之", "3141-5926", "31415926", "masayuki", "saionji", "六甲台町9丁目"]
    out += ["456789018", "654321", "5987"]
    return out


def test_report_holds_masked_evidence_only(run_scan: ScanRunner, tmp_path: Path) -> None:
    tree = tmp_path / "share"
    plant(tree)
    rows = run_scan(tree)
    (row,) = rows
    for entity in PLANTED:
        assert f"{entity}:1" in row["entities"].split(";"), (entity, row["entities"])
    evidence = row["evidence"]
    assert "PERSON:西＊＊ ＊＊" in evidence
    assert "PHONE_NUMBER:***-****-5926" in evidence
    report = (tmp_path / "report.csv").read_text(encoding="utf-8-sig")
    leaked = [f for f in fragments() if f in report]
    assert not leaked


def test_jsonl_and_console_hold_no_values(tmp_path: Path) -> None:
    tree = tmp_path / "share"
    plant(tree)
    out = tmp_path / "report.jsonl"
    result = invoke("scan", str(tree), "--format", "jsonl", "--out", str(out))
    assert result.exit_code == 0
    for text in (out.read_text(encoding="utf-8"), result.output):
        leaked = [f for f in fragments() if f in text]
        assert not leaked
    csv_out = tmp_path / "report.csv"
    assert invoke("scan", str(tree), "--out", str(csv_out)).exit_code == 0
    assert read_csv_report(csv_out)[0]["records"] == "1"
