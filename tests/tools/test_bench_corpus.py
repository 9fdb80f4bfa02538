"""The benchmark corpus generator (`tools.bench_corpus`) on a small tree.

One tree of 60 documents is generated for the module; the last test interrupts and
regenerates it in place, which also shows that generation is deterministic.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from rich.console import Console

from scanner.crawl import Crawler
from scanner.pipeline import ScanSettings, scan_entry
from tools.bench_corpus import KINDS, Manifest, ensure_corpus

FILES, ROWS, ROSTERS = 60, 300, 2
QUIET = Console(quiet=True)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench")


@pytest.fixture(scope="module")
def corpus(data_dir: Path) -> Manifest:
    return ensure_corpus(data_dir, FILES, ROWS, ROSTERS, console=QUIET)


def on_disk(root: Path) -> dict[str, int]:
    return {
        p.relative_to(root).as_posix(): p.stat().st_size for p in root.rglob("*") if p.is_file()
    }


def test_manifest_matches_the_tree(corpus: Manifest, data_dir: Path) -> None:
    files = on_disk(corpus.root)
    assert corpus.root == data_dir / f"corpus-{FILES}"
    assert len(files) == corpus.files == FILES
    assert sum(files.values()) == corpus.bytes
    assert Counter(p.rsplit(".", 1)[1] for p in files) == corpus.kinds
    assert set(corpus.kinds) == set(KINDS)  # every kind appears
    assert corpus.pii_paths <= set(files) and set(corpus.rosters) <= corpus.pii_paths
    assert all("\\" not in p for p in files)
    # The manifest lives beside the tree, not in it (the scanner would read it).
    assert (data_dir / f"corpus-{FILES}.json").is_file()
    assert corpus.seconds > 0 and corpus.text_chars > 0


def test_about_a_tenth_holds_personal_data(corpus: Manifest) -> None:
    assert len(corpus.pii_paths) == FILES // 10


def test_rosters_have_the_requested_rows(corpus: Manifest) -> None:
    assert [Path(p).suffix for p in corpus.rosters] == [".xlsx", ".csv"]
    sheet = openpyxl.load_workbook(corpus.root / corpus.rosters[0], read_only=True).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("学籍番号", "氏名", "フリガナ")
    assert len(rows) == ROWS + 1
    text = (corpus.root / corpus.rosters[1]).read_bytes().decode("cp932")  # the CP932 one
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == [
        "学籍番号",
        "氏名",
        "フリガナ",
        "生年月日",
        "電話番号",
        "メールアドレス",
        "住所",
        "所属",
    ]
    assert len(table) == ROWS + 1
    assert len({row[0] for row in table[1:]}) == ROWS  # 学籍番号 are unique


def test_piiscan_finds_exactly_the_personal_data(corpus: Manifest) -> None:
    settings = ScanSettings()
    graded = {}
    for entry in Crawler().walk([corpus.root]):
        row = scan_entry(entry, settings)[0]
        assert not row.error, (row.path, row.error)
        graded[Path(row.path).relative_to(corpus.root).as_posix()] = row.risk_level
    assert len(graded) == FILES
    missed = [p for p in corpus.pii_paths if graded[p] not in ("1", "2")]
    flagged = [p for p, level in graded.items() if p not in corpus.pii_paths and level != "0"]
    assert missed == [] and flagged == []


def test_a_finished_corpus_is_reused(corpus: Manifest) -> None:
    before = {p: p.stat().st_mtime_ns for p in corpus.root.rglob("*")}
    again = ensure_corpus(corpus.root.parent, FILES, ROWS, ROSTERS, console=QUIET)
    assert again == corpus
    assert {p: p.stat().st_mtime_ns for p in corpus.root.rglob("*")} == before


def test_an_interrupted_generation_is_redone_identically(corpus: Manifest, data_dir: Path) -> None:
    tree = on_disk(corpus.root)
    sample = sorted(corpus.pii_paths)[:3] + sorted(set(tree) - corpus.pii_paths)[::7]
    original = {p: (corpus.root / p).read_bytes() for p in sample}
    # A generation killed half-way: no manifest, a file missing, a file half-written.
    (data_dir / f"corpus-{FILES}.json").unlink()
    (corpus.root / sample[0]).unlink()
    (corpus.root / sample[1]).write_bytes(original[sample[1]][:100])
    (corpus.root / "partial.tmp").write_bytes(b"x")
    again = ensure_corpus(data_dir, FILES, ROWS, ROSTERS, console=QUIET)
    assert {p: (again.root / p).read_bytes() for p in sample} == original
    assert on_disk(again.root) == tree and again.files == FILES
    assert not (again.root / "partial.tmp").exists()
    assert (again.pii_paths, again.kinds, again.bytes) == (
        corpus.pii_paths,
        corpus.kinds,
        corpus.bytes,
    )
