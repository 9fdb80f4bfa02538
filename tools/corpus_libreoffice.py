"""Legacy (.doc/.xls/.ppt) and ODF (.odt/.ods) files, made by LibreOffice.

LibreOffice is optional: CI does not have it. :func:`available` says whether ``soffice``
is on PATH; :func:`convert` runs ``soffice --headless --convert-to`` for plain
conversions and :mod:`tools.corpus_uno` (under a Python that has ``uno``) for
password-protected saves. Each call uses a private, temporary LibreOffice profile.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tools.corpus_render import normalize_zip

#: LibreOffice filter names for password-protected saves.
FILTERS = {"xls": "MS Excel 97", "doc": "MS Word 97", "ppt": "MS PowerPoint 97"}
_UNO_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python", sys.executable)


@dataclass(frozen=True)
class Job:
    """Convert *source* (bytes of a .docx/.xlsx/.pptx) to *target_ext*."""

    source: bytes
    source_ext: str
    target_ext: str
    password: str | None = None


def available() -> bool:
    """Whether ``soffice`` can be run."""
    return shutil.which("soffice") is not None


def uno_python() -> str | None:
    """A Python interpreter that can ``import uno``, or None."""
    for candidate in dict.fromkeys(_UNO_PYTHONS):
        if not Path(candidate).exists():
            continue
        probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True, check=False)
        if probe.returncode == 0:
            return candidate
    return None


def _normalize_odf(data: bytes, stamp: str) -> bytes:
    """Pin the dates and the random Rsid LibreOffice writes into an ODF package."""

    def edit(name: str, body: bytes) -> bytes:
        if name == "settings.xml":  # Writer stores a random revision-save id
            return re.sub(rb'(config:name="Rsid(?:Root)?" config:type="int">)\d+', rb"\g<1>0", body)
        if name != "meta.xml":
            return body
        text = body.decode("utf-8")
        text = re.sub(r"(<meta:creation-date>)[^<]*", rf"\g<1>{stamp}", text)
        text = re.sub(r"(<dc:date>)[^<]*", rf"\g<1>{stamp}", text)
        text = re.sub(r"(<meta:editing-duration>)[^<]*", r"\g<1>PT0S", text)
        return text.encode("utf-8")

    import datetime as dt

    when = dt.datetime.fromisoformat(stamp)
    return normalize_zip(data, when, edit, stored=("mimetype",))


def convert(jobs: dict[str, Job], stamps: dict[str, str]) -> tuple[dict[str, bytes], list[str]]:
    """Run every job (keyed by output path); return outputs and error messages.

    *stamps* maps output paths to an ISO timestamp written into ODF metadata.
    """
    outputs: dict[str, bytes] = {}
    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="piiscan-corpus-lo-") as tmp:
        root = Path(tmp)
        profile = (root / "profile").as_uri()
        plain: dict[str, list[tuple[str, Path]]] = {}
        secret: list[tuple[str, Path, Path, Job]] = []
        for i, (key, job) in enumerate(sorted(jobs.items())):
            src = root / "src" / f"job{i:02d}.{job.source_ext}"
            src.parent.mkdir(parents=True, exist_ok=True)
            src.write_bytes(job.source)
            if job.password is None:
                plain.setdefault(job.target_ext, []).append((key, src))
            else:
                secret.append((key, src, root / "out-secret" / f"job{i:02d}.{job.target_ext}", job))
        for ext, items in sorted(plain.items()):
            outdir = root / f"out-{ext}"
            command = [
                "soffice",
                "--headless",
                "--norestore",
                f"-env:UserInstallation={profile}",
                "--convert-to",
                ext,
                "--outdir",
                str(outdir),
            ]
            command += [str(src) for _, src in items]
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=300, check=False
            )
            for key, src in items:
                produced = outdir / (src.stem + "." + ext)
                if produced.exists():
                    data = produced.read_bytes()
                    outputs[key] = (
                        _normalize_odf(data, stamps[key]) if ext in ("odt", "ods", "odp") else data
                    )
                else:
                    errors.append(
                        f"{key}: soffice produced nothing ({result.stderr.strip()[-200:]})"
                    )
        if secret:
            python = uno_python()
            if python is None:
                errors += [
                    f"{key}: no Python with the 'uno' module for password-protected saving"
                    for key, *_ in secret
                ]
            else:
                (root / "out-secret").mkdir()
                spec = [
                    {
                        "src": str(src),
                        "dst": str(dst),
                        "filter": FILTERS[job.target_ext],
                        "password": job.password,
                    }
                    for _, src, dst, job in secret
                ]
                job_file = root / "uno-jobs.json"
                job_file.write_text(json.dumps(spec), encoding="utf-8")
                helper = Path(__file__).with_name("corpus_uno.py")
                result = subprocess.run(
                    [python, str(helper), str(job_file)],
                    capture_output=True,
                    text=True,
                    timeout=300,
                    check=False,
                )
                for key, _, dst, _ in secret:
                    if dst.exists():
                        outputs[key] = dst.read_bytes()
                    else:
                        errors.append(f"{key}: UNO save failed ({result.stderr.strip()[-200:]})")
    return outputs, errors


#: The RC4 EncryptionHeader at the start of a .doc's 1Table stream: version, salt,
#: encrypted verifier and its hash (MS-OFFCRYPTO 2.3.6.1) — random on every save.
_DOC_RC4_HEADER = 52


def same_protected_content(old: bytes, new: bytes, password: str) -> bool:
    """Whether two password-protected legacy files hold the same document.

    LibreOffice draws a fresh salt on every save, so the bytes always differ. Decrypted,
    an .xls is identical; a .doc still differs in the RC4 header it keeps in 1Table.
    Keeping the committed file when nothing else changed avoids churn in git.
    """
    import io

    import msoffcrypto
    import olefile

    def decrypt(data: bytes) -> bytes:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        office.load_key(password=password)
        out = io.BytesIO()
        office.decrypt(out)
        return out.getvalue()

    try:
        plain_old, plain_new = decrypt(old), decrypt(new)
    except Exception:  # noqa: BLE001 - an unreadable old file is simply replaced
        return False
    if plain_old == plain_new:
        return True
    ole_old, ole_new = (
        olefile.OleFileIO(io.BytesIO(plain_old)),
        olefile.OleFileIO(io.BytesIO(plain_new)),
    )
    streams = ole_old.listdir()
    if streams != ole_new.listdir():
        return False
    for stream in streams:
        a, b = ole_old.openstream(stream).read(), ole_new.openstream(stream).read()
        if stream == ["1Table"]:
            a, b = a[_DOC_RC4_HEADER:], b[_DOC_RC4_HEADER:]
        if a != b:
            return False
    return True
