"""Regenerate ``sample_corpus/`` and its ground truth ``tools/corpus_labels.csv``.

Usage (from the repository root)::

    python -m tools.make_corpus                      # sample_corpus/ + tools/corpus_labels.csv
    python -m tools.make_corpus --out /tmp/c --labels /tmp/c.csv --no-libreoffice

The output is deterministic: fake people come from seeded Faker ``ja_JP``, document
properties, archive timestamps and file mtimes are fixed, and encryption salts are
seeded (see :mod:`tools.corpus_containers`). Files only LibreOffice can write (.doc,
.xls, .ppt, .odt, .ods) are regenerated when ``soffice`` is available; otherwise the
copies already in the output folder are kept unchanged. See ``tools/CORPUS.md``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from tools import corpus_libreoffice
from tools.corpus_containers import JST, PASSWORD
from tools.corpus_model import LABEL_COLUMNS, Summary, label_row
from tools.corpus_plan import Item, build

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "sample_corpus"
DEFAULT_LABELS = ROOT / "tools" / "corpus_labels.csv"
PASSWORDS_FILE = ROOT / "tools" / "corpus_passwords.txt"
#: Formats written by LibreOffice (kept as committed when it is missing).
LIBREOFFICE_FORMATS = frozenset({"doc", "xls", "ppt", "odt", "ods"})


# --------------------------------------------------------------------------- labels


#: 危険度① is the most severe, then ②, then no personal information.
_SEVERITY = {1: 2, 2: 1, 0: 0}


def _effective(it: Item) -> tuple[int, Summary]:
    """Most severe level in an item and its members, with the summary that carries it."""
    best = (it.summary.level, it.summary)
    for member in it.members:
        level, summary = _effective(member)
        if _SEVERITY[level] > _SEVERITY[best[0]]:
            best = (level, summary)
    return best


def label_rows(
    it: Item, prefix: str = "", inherited_encryption: bool = False
) -> Iterator[dict[str, str]]:
    """Label rows for an item and, recursively, its members (``archive!member``)."""
    path = prefix + it.path
    encrypted = it.encrypted or inherited_encryption
    level, top = _effective(it)
    summary = Summary(level, top.category, top.key_info, it.summary.entities, it.summary.records)
    notes = it.notes
    if it.members:
        notes = "; ".join(
            p
            for p in (
                notes,
                "container: level/category of its most severe member, entities of its own text only",
            )
            if p
        )
    yield label_row(path, it.fmt, summary, encrypted=encrypted, level=level, notes=notes)
    for member in it.members:
        yield from label_rows(member, path + "!", encrypted)


def write_labels(items: list[Item], target: Path) -> int:
    """Write the labels CSV (UTF-8 with BOM, CRLF); return the number of rows."""
    rows = [row for it in items for row in label_rows(it)]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=LABEL_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(buf.getvalue().encode("utf-8-sig"))
    return len(rows)


# --------------------------------------------------------------------------- files


def _timestamp(when: dt.datetime) -> float:
    return when.replace(tzinfo=JST).timestamp()


def _write(out: Path, it: Item, data: bytes) -> None:
    target = out / it.path
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)
    os.utime(target, (_timestamp(it.when), _timestamp(it.when)))


def _remove_strays(out: Path, expected: set[str]) -> list[str]:
    """Delete files the plan no longer produces (and empty folders); return their paths."""
    removed = []
    for path in sorted(out.rglob("*"), reverse=True):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel not in expected:
            path.unlink()
            removed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed


def _stamp_folders(out: Path, items: list[Item]) -> None:
    """Give every folder the mtime of its newest file, deepest first."""
    newest: dict[Path, float] = {}
    for it in items:
        folder = (out / it.path).parent
        while True:
            newest[folder] = max(newest.get(folder, 0.0), _timestamp(it.when))
            if folder == out:
                break
            folder = folder.parent
    for folder in sorted(newest, key=lambda p: len(p.parts), reverse=True):
        if folder.exists():
            os.utime(folder, (newest[folder], newest[folder]))


def generate(out: Path, labels: Path | None, use_libreoffice: bool) -> int:
    """Build the corpus into *out*; return 0, or 1 when a LibreOffice file is missing."""
    items = build()
    out.mkdir(parents=True, exist_ok=True)
    jobs = {it.path: it.job for it in items if it.job is not None}
    produced: dict[str, bytes] = {}
    status = 0
    if jobs and use_libreoffice and corpus_libreoffice.available():
        stamps = {it.path: it.when.isoformat() for it in items if it.job is not None}
        produced, errors = corpus_libreoffice.convert(jobs, stamps)
        for error in errors:
            print(f"LibreOffice: {error}", file=sys.stderr)
    elif jobs:
        why = "--no-libreoffice" if not use_libreoffice else "soffice not found"
        kept = [path for path in jobs if (out / path).exists()]
        print(
            f"LibreOffice not used ({why}): kept {len(kept)} of {len(jobs)} committed .doc/.xls/.ppt/.odt/.ods files unchanged"
        )
    written = kept_protected = 0
    for it in items:
        data = it.data if it.data is not None else produced.get(it.path)
        target = out / it.path
        if data is not None and it.job is not None and it.job.password and target.exists():
            if corpus_libreoffice.same_protected_content(
                target.read_bytes(), data, it.job.password
            ):
                data = None  # same document under a fresh salt: keep the committed bytes
                kept_protected += 1
        if data is not None:
            _write(out, it, data)
            written += 1
        elif target.exists():
            os.utime(target, (_timestamp(it.when), _timestamp(it.when)))
        elif use_libreoffice:
            print(f"missing (needs LibreOffice): {it.path}", file=sys.stderr)
            status = 1
    removed = _remove_strays(out, {it.path for it in items})
    for rel in removed:
        print(f"removed stale file: {rel}")
    _stamp_folders(out, items)
    if labels is not None:
        count = write_labels(items, labels)
        print(f"labels: {count} rows -> {labels}")
        if labels == DEFAULT_LABELS:
            PASSWORDS_FILE.write_text(PASSWORD + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    if kept_protected:
        print(
            f"kept {kept_protected} password-protected legacy files: same content, only the salt differs"
        )
    print(f"corpus: {written} files written, {len(items)} planned, {size / 1024:.0f} KiB in {out}")
    return status


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.make_corpus", description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="output folder (default: sample_corpus/)"
    )
    parser.add_argument(
        "--labels",
        type=Path,
        default=None,
        help="labels CSV (default: tools/corpus_labels.csv when --out is not given)",
    )
    parser.add_argument(
        "--no-libreoffice",
        action="store_true",
        help="do not run LibreOffice; keep existing legacy/ODF files",
    )
    args = parser.parse_args(argv)
    out = args.out if args.out is not None else DEFAULT_OUT
    labels = (
        args.labels if args.labels is not None else (DEFAULT_LABELS if args.out is None else None)
    )
    return generate(out.resolve(), labels.resolve() if labels else None, not args.no_libreoffice)


if __name__ == "__main__":
    sys.exit(main())
