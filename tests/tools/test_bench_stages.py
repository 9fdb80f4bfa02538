"""The benchmark's own measurements work (on a tiny tree; the figures are not checked)."""

from __future__ import annotations

from pathlib import Path

from scanner import stageclock
from tools.bench_analysis import corpus_sample
from tools.bench_stages import relative, scan, stage_pass


def tree(root: Path) -> Path:
    (root / "学生").mkdir(parents=True)
    (root / "学生" / "名簿.csv").write_text(
        "氏名,学籍番号,電話番号\n山田 太郎,21345678,090-1234-5678\n佐藤 花子,21345679,090-2345-6789\n",
        encoding="utf-8",
    )
    (root / "議事録.txt").write_text("本日の会議は中止となった。\n" * 50, encoding="utf-8")
    (root / "photo.bin").write_bytes(bytes(range(256)) * 4)
    return root


def test_stage_pass_times_every_stage_and_counts_the_text(tmp_path: Path) -> None:
    root = tree(tmp_path / "share")
    sp = stage_pass(root)
    assert list(sp.seconds) == list(stageclock.STAGES)
    assert sp.seconds["analysis"] > 0 and sp.seconds["extraction"] > 0
    assert stageclock.seconds == {}  # switched off again
    levels = relative(sp.rows, root)
    assert levels["学生/名簿.csv"] in ("1", "2") and levels["議事録.txt"] == "0"
    csv_path = str(root / "学生" / "名簿.csv")
    assert sp.text_bytes[csv_path] > 50
    assert sp.total_text >= sp.text_bytes[csv_path]
    # The baseline's sample is drawn from the same text, by relative path.
    docs = corpus_sample(
        root, {str(Path(p).relative_to(root)): n for p, n in sp.text_bytes.items()}
    )
    assert {d.path for d in docs} == {"学生/名簿.csv", "議事録.txt"}


def test_scan_runs_piiscan_and_samples_worker_memory(tmp_path: Path) -> None:
    root = tree(tmp_path / "share")
    result = scan(root, 1)
    assert result.files == 3
    assert result.seconds > 0
    assert result.worker_peak_mb > 50  # a worker holds GiNZA's tokenizer
    assert relative(result.rows, root)["学生/名簿.csv"] in ("1", "2")
