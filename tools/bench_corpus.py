"""The benchmark corpus: a realistic departmental file share for `make bench` to scan.

Throughput measured on a toy tree says little about a nightly scan, so this generator
writes what a Japanese university department's share looks like (the figures are the
defaults, 5,000 documents):

* **Mix by count** — docx 25%, xlsx 20%, pdf 20%, pptx 8%, csv 10%, txt/md 12%, and a
  few mails, ZIPs and HTML pages (5%), in folders such as ``教務/2023/シラバス/前期``,
  ``会計/2024/予算``, ``総務/規程``, ``研究室/知能情報学研究室/論文草稿/2022``.
* **Text of realistic size** — a docx/pdf holds 1–20 pages of Japanese prose (about
  1,000 characters a page, most documents short), an xlsx 10–500 rows, a csv 10–2,000
  rows, a memo 1–50 KB. Nothing is padded: the text is what an office writes.
* **Bytes from pictures** — on a real share most of the volume is embedded photos, so
  about ``PICTURE_BYTES`` per document of incompressible JPEGs (random noise, a pool
  of 40 images from 30 KB to 2 MB, reused across files) go into reports, slides and
  papers: the tree passes 500 MB while the extracted text stays tens of KB a document.
* **About 10% personal data**, in every format, built by the sample corpus's document
  builders with per-file keys (own fake people each), plus ``rosters`` 全学 rosters of
  ``roster_rows`` rows (xlsx and csv, the first csv in CP932). Every one of them holds
  labelled fields or table columns that piiscan detects, and the other 90% holds none
  (:mod:`tools.bench_corpus_docs` says how), so a benchmark can check its findings.

Generation is deterministic (a seed per file; fixed document dates, ZIP timestamps and
mtimes) and parallel: a ``ProcessPoolExecutor`` over all cores, each worker writing its
share of the files. :func:`ensure_corpus` writes ``DATA/corpus-N/`` once and reuses it;
the manifest ``DATA/corpus-N.json`` sits outside the scanned tree and is written last,
so an interrupted generation is noticed and redone.

    python -m tools.bench_corpus [--data DIR] [--files N] [--roster-rows N] [--rosters N]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import io
import json
import os
import random
import shutil
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table as RichTable

from tools.bench_corpus_docs import (
    GENRES,
    PII_GENRES,
    PII_PLACES,
    Picture,
    fill,
    pii_document,
    render,
    roster_bytes,
    roster_table,
    rows_for,
    text_chars,
)
from tools.corpus_containers import JST
from tools.corpus_model import Document

SEED = "piiscan-bench-1"
VERSION = 1  # bump when the content changes: older trees are regenerated
#: Share of documents per kind (by count).
KINDS: dict[str, float] = {
    "docx": 0.25,
    "xlsx": 0.20,
    "pdf": 0.20,
    "pptx": 0.08,
    "csv": 0.10,
    "txt": 0.08,
    "md": 0.04,
    "eml": 0.02,
    "zip": 0.015,
    "html": 0.015,
}
#: How likely a document of each kind is to hold personal data (relative weights).
PII_WEIGHTS: dict[str, float] = {
    "docx": 0.8,
    "xlsx": 1.5,
    "pdf": 0.8,
    "pptx": 0.5,
    "csv": 1.5,
    "txt": 0.7,
    "md": 0.5,
    "eml": 1.5,
    "zip": 1.5,
    "html": 1.0,
}
PII_SHARE = 0.10
PICTURE_BYTES = 80_000  # pictures per document of the tree, on average
ROSTER_NAMES = (
    "教務/全学/在籍者名簿_2024年度",
    "学生支援/全学/学生連絡先一覧_教務システム出力",
    "教務/全学/在籍者名簿_2023年度",
    "学生支援/全学/学生連絡先一覧_2023",
)


@dataclass(frozen=True)
class Manifest:
    """What :func:`ensure_corpus` wrote."""

    root: Path
    files: int  # documents written (rosters included)
    bytes: int  # total size on disk
    pii_paths: frozenset[str]  # paths relative to root of the documents holding personal data
    rosters: tuple[str, ...]  # relative paths of the large rosters
    kinds: dict[str, int]  # count per kind (docx, xlsx, pdf, …)
    seconds: float  # how long generation took
    text_chars: int = 0  # characters of text put into the documents


@dataclass(frozen=True)
class Spec:
    """One file to write: everything a worker needs, drawn by the plan."""

    path: str
    kind: str
    genre: str
    pii: bool
    seed: str
    year: int
    title: str
    pictures: tuple[int, ...] = ()
    roster_rows: int = 0
    encoding: str = ""


@functools.lru_cache(maxsize=1)
def image_pool(count: int = 40) -> tuple[Picture, ...]:
    """JPEGs of RGB noise from 30 KB to 2 MB (log-spaced): incompressible, like photos."""
    from PIL import Image

    rng = random.Random(f"{SEED}:images")
    pool: list[Picture] = []
    for i in range(count):
        pixels = 30_000 * (2_000_000 / 30_000) ** (i / (count - 1)) / 0.76  # ≈0.76 B/pixel
        aspect = rng.choice((4 / 3, 3 / 2, 16 / 9, 3 / 4))
        width = int((pixels * aspect) ** 0.5)
        height = int(pixels / width)
        image = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
        buf = io.BytesIO()
        image.save(buf, "JPEG", quality=85)
        pool.append((buf.getvalue(), width, height))
    return tuple(pool)


def _quota(total: int, weights: dict[str, float]) -> dict[str, int]:
    """*total* split by *weights* (largest remainder), at least one of each kind."""
    exact = {k: total * w / sum(weights.values()) for k, w in weights.items()}
    counts = {k: max(1, int(v)) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: int(exact[k]) - exact[k]):
        if sum(counts.values()) >= total:
            break
        counts[k] += 1
    while sum(counts.values()) > total:
        counts[max(counts, key=lambda k: counts[k])] -= 1
    return counts


def plan(files: int, roster_rows: int, rosters: int) -> list[Spec]:
    """Every file of the tree, in a deterministic order."""
    rng = random.Random(f"{SEED}:plan:{files}")
    counts = _quota(files, KINDS)
    specs: list[Spec] = []
    for i in range(rosters):
        kind = "xlsx" if i % 2 == 0 else "csv"
        counts[kind] -= 1
        name = ROSTER_NAMES[i % len(ROSTER_NAMES)] + (
            f"_{i // len(ROSTER_NAMES) + 1}" if i >= 4 else ""
        )
        specs.append(
            Spec(
                f"{name}.{kind}",
                kind,
                "roster",
                True,
                f"{SEED}:roster:{i}",
                2024 - i // 2,
                name,
                roster_rows=roster_rows,
                encoding="cp932" if i == 1 else "utf-8-sig",
            )
        )
    slots = [kind for kind, n in counts.items() for _ in range(n)]
    rng.shuffle(slots)
    wanted = max(0, round(files * PII_SHARE) - rosters)
    keyed = sorted(range(len(slots)), key=lambda i: -(rng.random() ** (1 / PII_WEIGHTS[slots[i]])))
    pii = set(keyed[:wanted])
    used = {s.path for s in specs}
    for i, kind in enumerate(slots):
        year = rng.randint(2019, 2025)
        if i in pii:
            genre = rng.choice(PII_GENRES[kind])
            folders, titles = PII_PLACES[genre]
        else:
            genre = rng.choice([g for g, v in GENRES.items() if kind in v.kinds])
            folders, titles = GENRES[genre].folders, GENRES[genre].titles
        folder = fill(rng, rng.choice(folders), year=str(year))
        title = fill(rng, rng.choice(titles), year=str(year))
        path, n = f"{folder}/{title}.{kind}", 1
        while path in used:
            n += 1
            path = f"{folder}/{title}_{n}.{kind}"
        used.add(path)
        specs.append(Spec(path, kind, genre, i in pii, f"{SEED}:{i}", year, title))
    return _with_pictures(specs, files * PICTURE_BYTES, [len(p[0]) for p in image_pool()], rng)


def _with_pictures(
    specs: list[Spec], budget: int, sizes: list[int], rng: random.Random
) -> list[Spec]:
    """Give pictures to plain docx/pptx/pdf (reports, slides, papers first) up to *budget* bytes."""
    eligible = [i for i, s in enumerate(specs) if not s.pii and s.kind in ("docx", "pptx", "pdf")]
    order = sorted(
        eligible, key=lambda i: rng.random() * (0.3 if GENRES[specs[i].genre].photos else 1)
    )
    out = list(specs)
    picks: list[int]
    for i in order:
        if budget <= 0:
            break
        count, picks = rng.choice((1, 1, 1, 2, 2, 3, 4)), []
        while len(picks) < count:  # small pictures are the more common
            pick = int(len(sizes) * rng.random() ** 2)
            if pick not in picks:
                picks.append(pick)
        out[i] = dataclasses.replace(out[i], pictures=tuple(picks))
        budget -= sum(sizes[p] for p in picks)
    return out


def _make(spec: Spec) -> tuple[bytes, int, dt.datetime]:
    """The bytes of one file, the characters of text in it and its date."""
    rng = random.Random(spec.seed)
    if spec.roster_rows:
        table = roster_table(spec.seed, spec.roster_rows)
        when = dt.datetime(spec.year, 5, 1, 9, 0)
        chars = text_chars(Document(spec.title, [table], level=2))
        return roster_bytes(table, spec.kind, spec.encoding, when), chars, when
    if spec.pii:
        doc = pii_document(rng, spec.genre, spec.seed)
    else:
        doc = GENRES[spec.genre].build(rng, spec.title, spec.year, rows_for(spec.kind, rng))
    pictures = [image_pool()[p] for p in spec.pictures]
    return render(spec.kind, doc, pictures, rng, spec.seed, spec.pii), text_chars(doc), doc.date


def write_share(root: str, specs: list[Spec]) -> list[tuple[str, int, int]]:
    """Worker: write *specs* below *root*; (path, bytes, text characters) for each."""
    done = []
    for spec in specs:
        data, chars, when = _make(spec)
        path = Path(root, spec.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        stamp = when.replace(tzinfo=JST).timestamp()
        os.utime(path, (stamp, stamp))
        done.append((spec.path, len(data), chars))
    return done


def generate(root: Path, files: int, roster_rows: int, rosters: int, console: Console) -> Manifest:
    """Write the whole tree below *root* (which must not exist) in parallel."""
    started = time.perf_counter()
    specs = plan(files, roster_rows, rosters)
    heavy, rest = [s for s in specs if s.roster_rows], [s for s in specs if not s.roster_rows]
    workers = os.cpu_count() or 1
    chunks = max(1, min(workers * 8, len(rest) // 20))
    tasks = [[s] for s in heavy] + [rest[j::chunks] for j in range(chunks)]
    written: list[tuple[str, int, int]] = []
    root.mkdir(parents=True)
    with (
        Progress(console=console, transient=True) as progress,
        ProcessPoolExecutor(workers) as pool,
    ):
        bar = progress.add_task(f"writing {files} documents", total=len(specs))
        for future in as_completed([pool.submit(write_share, str(root), t) for t in tasks]):
            written += future.result()
            progress.update(bar, completed=len(written))
    return Manifest(
        root=root,
        files=len(written),
        bytes=sum(size for _, size, _ in written),
        pii_paths=frozenset(s.path for s in specs if s.pii),
        rosters=tuple(s.path for s in heavy),
        kinds=dict(sorted(Counter(s.kind for s in specs).items())),
        seconds=round(time.perf_counter() - started, 2),
        text_chars=sum(chars for _, _, chars in written),
    )


def _params(files: int, roster_rows: int, rosters: int) -> dict[str, int]:
    return {"version": VERSION, "files": files, "roster_rows": roster_rows, "rosters": rosters}


def _load(path: Path, root: Path, params: dict[str, int]) -> Manifest | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["params"] != params or not root.is_dir():
            return None
        return Manifest(
            root,
            data["files"],
            data["bytes"],
            frozenset(data["pii_paths"]),
            tuple(data["rosters"]),
            dict(data["kinds"]),
            data["seconds"],
            data["text_chars"],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def ensure_corpus(
    data_dir: Path,
    files: int = 5000,
    roster_rows: int = 100_000,
    rosters: int = 4,
    console: Console | None = None,
) -> Manifest:
    """``data_dir/corpus-{files}``, generated the first time and reused afterwards."""
    if files < 20 or not 0 <= rosters <= files // 10:
        raise ValueError("need at least 20 documents and at most one roster per 10 documents")
    console = console or Console(stderr=True)
    root = data_dir / f"corpus-{files}"
    meta = data_dir / f"corpus-{files}.json"
    params = _params(files, roster_rows, rosters)
    manifest = _load(meta, root, params)
    if manifest is not None:
        console.print(
            f"reusing {root} ({manifest.files} documents, {manifest.bytes / 1e6:,.0f} MB)"
        )
        return manifest
    meta.unlink(missing_ok=True)
    if root.exists():
        console.print(f"[yellow]{root} has no manifest (interrupted?): regenerating[/]")
        shutil.rmtree(root)
    console.print(f"generating {files} documents in {root} …")
    manifest = generate(root, files, roster_rows, rosters, console)
    record = {
        "params": params,
        **{k: v for k, v in dataclasses.asdict(manifest).items() if k != "root"},
        "pii_paths": sorted(manifest.pii_paths),
    }
    tmp = meta.with_name(meta.name + ".tmp")
    tmp.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(meta)
    return manifest


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Generate (or reuse) the benchmark corpus.")
    parser.add_argument("--data", type=Path, default=Path("bench-data"))
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--roster-rows", type=int, default=100_000)
    parser.add_argument("--rosters", type=int, default=4)
    args = parser.parse_args(argv)
    console = Console()
    m = ensure_corpus(args.data, args.files, args.roster_rows, args.rosters, console)
    table = RichTable(title=str(m.root))
    for column in ("kind", "files", "with personal data"):
        table.add_column(column, justify="right" if column != "kind" else "left")
    pii = Counter(p.rsplit(".", 1)[-1] for p in m.pii_paths)
    for kind, count in m.kinds.items():
        table.add_row(kind, str(count), str(pii[kind]))
    table.add_row("all", str(m.files), str(len(m.pii_paths)))
    console.print(table)
    console.print(
        f"{m.files} files, {m.bytes / 1e6:,.1f} MB on disk, {m.text_chars / 1e6:,.1f} M characters "
        f"of text, {len(m.rosters)} rosters of {args.roster_rows:,} rows; "
        f"generated in {m.seconds:.1f} s on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
